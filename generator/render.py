"""Stage 5: render pages with Jinja2 (StrictUndefined, autoescape on).

Templates see only their page's context plus pure filters: no template can
reach into global state, so a page's HTML depends on its context alone.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .pages import Page
from .richtext import render_rich


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["rich"] = render_rich
    env.filters["amount"] = amount
    env.filters["filesize"] = filesize
    env.filters["field_label"] = field_label
    return env


# What an editorial note's `field` (a key path such as `level2` or `prior.2023`) is called on the forms.
FIELD_LABELS = {
    "level1": "一级指标", "level2": "二级指标", "name": "名称", "value": "指标值", "value_type": "指标值类型",
    "unit": "计量单位", "basis": "指标值确定依据", "category": "分类", "description": "指标解释",
    "scoring": "评（扣）分标准", "weight": "分值", "remark": "备注", "seq": "序号", "prior": "往年值",
    "indicators": "指标表", "goals": "绩效目标", "deadline": "截止年份", "text": "内容", "title": "标题",
    "fiscal_year": "预算年度", "kind": "文件类型", "money_unit": "金额单位", "department": "部门",
    "publisher": "发布机构", "document_number": "文号", "index_number": "索引号", "filed_on": "填报日期",
    "approved_on": "批复日期", "published_on": "公开日期", "source": "原文", "funds": "资金情况",
    "income": "收入构成", "expenditure": "支出构成", "lines": "明细", "total": "合计", "amount": "金额",
    "share": "占比", "prior_years": "往年列", "functions": "部门职能", "annual_tasks": "年度工作任务",
    "overall_goal": "总体绩效目标", "sections": "其他章节", "projects": "项目", "number": "序号",
    "code": "项目编码", "budget_unit": "预算单位", "budget": "预算", "this_year": "本年度预算",
    "fiscal": "财政资金", "other": "其他资金", "purpose": "资金用途", "spending_plan": "资金支出计划",
    "withheld": "不予公开", "reason": "理由", "legal_basis": "法律依据", "notice": "原文说明",
    "numbers": "序号", "contact": "联系人", "region": "地区",
}


def field_label(field: str) -> str:
    """`prior.2023` → 往年值·2023年; an unknown key is shown as written."""
    parts = [f"{p}年" if p.isdigit() else FIELD_LABELS.get(p, p) for p in field.split(".")]
    return "·".join(parts)


def amount(value: Decimal | None) -> str:
    """An amount exactly as filed; an empty cell stays visibly empty."""
    return "—" if value is None else str(value)


def filesize(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def render_page(env: Environment, page: Page) -> str:
    return env.get_template(page.template).render(page=page.context)
