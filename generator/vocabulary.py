"""The site's words for the content model, each defined once.

Every label a reader sees for a field — a column header on a page, a field in a
search record, a column of a CSV or XLSX download, the field an editorial note
is about (编者注（分值）) — comes from `FIELD_LABELS`, so a field is called the
same everywhere. Labels are looked up per model class, because the same key
means different things in different records (`name` is 三级指标 in an
indicator and 项目名称 in a project).

A `Label` holds its text per language: the forms are Simplified Chinese and
that text is always present; another site language adds its text beside it,
without changing any caller.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field

from pydantic import BaseModel

from . import models as m

DEFAULT_LANGUAGE = "zh-CN"


@dataclass(frozen=True)
class Label:
    zh_cn: str  # Simplified Chinese, the language of the forms
    others: tuple[tuple[str, str], ...] = field(default=())  # (language tag, text) of other site languages

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return dict(self.others).get(language, self.zh_cn)

    def __str__(self) -> str:
        return self.zh_cn


def _labels(**texts: str) -> dict[str, Label]:
    return {key: Label(text) for key, text in texts.items()}


FIELD_LABELS: dict[type[BaseModel], dict[str, Label]] = {
    m.Note: _labels(field="所说明的字段", text="内容"),
    m.Department: _labels(id="部门标识", name="部门名称", region="地区", supervisor="主管部门",
                          code="主管部门代码",
                          unit_code="单位代码"),
    m.Contact: _labels(filer="填报人", phone="联系电话"),
    m.FundLine: _labels(name="项目", amount="金额", share="占比", prior="往年金额", notes="编者注"),
    m.FundTable: _labels(lines="明细", total="合计"),
    m.Funds: _labels(prior_years="往年列", income="收入构成", expenditure="支出构成", notes="编者注"),
    m.Indicator: _labels(
        id="指标标识", seq="序号", level1="一级指标", level2="二级指标", name="三级指标", value="指标值",
        value_type="指标值类型", unit="计量单位", prior="往年指标值", basis="指标值确定依据",
        category="指标分类", description="指标解释", scoring="评（扣）分标准", weight="分值", remark="备注",
        notes="编者注"),
    m.Goal: _labels(id="目标标识", kind="目标类型", title="目标标题", deadline="截止年份", span="起止年份",
                    text="目标内容",
                    prior_years="往年列", indicators="指标表", notes="编者注"),
    m.Budget: _labels(total="项目总预算", this_year="本年度预算", fiscal="其中：财政资金", other="其他资金",
                      medium_term="中期资金总额", annual="年度资金总额"),
    m.FundsSplit: _labels(total="资金总额", fiscal="其中：财政拨款", other="其他资金"),
    m.Task: _labels(name="任务名称", content="主要内容", budget="预算金额", notes="编者注"),
    m.TaskTable: _labels(lines="任务", total="金额合计", notes="编者注"),
    m.SpendingStep: _labels(by="时点", share="累计支出比例"),
    m.Redaction: _labels(notice="不公开说明", reason="不公开理由", legal_basis="法律依据"),
    m.RangeRedaction: _labels(notice="不公开说明", reason="不公开理由", legal_basis="法律依据",
                              numbers="起止序号"),
    m.Project: _labels(
        id="项目标识", number="序号", code="项目编码", name="项目名称", category="支出项目类别",
        attribute="项目属性", period="项目期",
        budget_unit="预算单位", money_unit="金额单位", budget="预算", purpose="资金用途",
        spending_plan="资金支出计划", goals="绩效目标", withheld="不予公开", notes="编者注"),
    m.WithheldRange: _labels(withheld="不予公开", notes="编者注"),
    m.Section: _labels(title="标题", text="内容"),
    m.Review: _labels(code="警告代码", path="字段路径", message="警告内容", reason="核对说明"),
    m.Filing: _labels(
        department="部门", fiscal_year="预算年度", kind="文件类型", title="文件名称", source="原文",
        publisher="发布机构", document_number="文号", index_number="索引号", filed_on="填报日期",
        approved_on="批复日期", published_on="公开日期", money_unit="金额单位", contact="联系人",
        funds="资金情况", functions="部门职能", annual_tasks="年度工作任务",
        tasks="年度主要任务", overall_goal="总体绩效目标",
        sections="其他章节", goals="绩效目标", projects="项目", notes="编者注", reviews="已核对的警告"),
}


def label(model: type[BaseModel], key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The label of one field of `model`; a KeyError for a field the vocabulary does not know."""
    return FIELD_LABELS[model][key].text(language)


def field_label(model: type[BaseModel], path: str | tuple[str | int, ...],
                language: str = DEFAULT_LANGUAGE) -> str:
    """A key path inside a record of `model`, in words: `prior.2023` of an Indicator → 往年指标值·2023年.

    The path is walked through the model's fields, so `budget.fiscal` of a Project is 预算·其中：财政资金.
    A key the model does not have is shown as written."""
    parts = path.split(".") if isinstance(path, str) else [str(p) for p in path]
    words: list[str] = []
    current: type[BaseModel] | None = model
    keyed_by_year = False
    for part in parts:
        if part.isdigit():
            words.append(f"{part}年" if keyed_by_year else f"第{int(part) + 1}项")
            continue
        known = FIELD_LABELS.get(current, {}) if current else {}
        words.append(known[part].text(language) if part in known else part)
        annotation = current.model_fields[part].annotation if current and part in current.model_fields else None
        keyed_by_year = typing.get_origin(annotation) is dict
        current = next(iter(m.models_in(annotation)), None)
    return "·".join(words)


def notes_text(record: BaseModel) -> str | None:
    """A record's editorial notes as one text, each prefixed with the label of the field it is about."""
    notes = getattr(record, "notes", [])
    return "\n".join(f"{field_label(type(record), n.field)}：{n.text}" if n.field else n.text
                     for n in notes) or None


def project_title(project: m.Project, project_id: str) -> str:
    """What a project is called where it has no name as filed (the id is the one stable thing it has)."""
    return project.name or f"项目 {project_id}（名称缺失）"


def filing_heading(filing: m.Filing) -> str:
    """A filing's title as filed, with the department and year in front only where the title lacks them:
    示例区人民法院项目支出绩效目标表（2023年）, not 示例区人民法院 2023年 示例区人民法院项目支出…"""
    missing = [part for part, shown in ((filing.department.name, filing.department.name),
                                        (f"{filing.fiscal_year}年", str(filing.fiscal_year)))
               if shown not in filing.title]
    return " ".join(missing + [filing.title])


def span_text(span: list[int] | None) -> str | None:
    """中期目标的起止年份 as the forms write them: 2024年—2026年."""
    return f"{span[0]}年—{span[1]}年" if span else None
