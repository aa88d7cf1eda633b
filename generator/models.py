"""The content model: one `Filing` per department × fiscal year × document kind.

Pydantic v2 models, frozen and closed (`extra="forbid"`): unknown fields are
errors, and the JSON Schema of `gongkai schema` comes from the same classes.
Values are kept exactly as the department filed them (`value: "≥1000件"`);
parsed forms are derived, never stored, so they cannot drift from the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

from . import textrules
from .indicator_values import ParsedValue, parse_value
from .problems import REVIEWABLE_CODES
from .yamlsource import MEMO_LIMIT, KeyPath, parse_path

Text = Annotated[str, BeforeValidator(textrules.as_text), AfterValidator(textrules.plain_text)]
RichText = Annotated[str, BeforeValidator(textrules.as_text), AfterValidator(textrules.rich_text)]
SafeId = Annotated[str, AfterValidator(textrules.safe_id)]
MoneyUnit = Literal["元", "万元"]
DocumentKind = Literal["申报", "批复", "公开"]
GoalKind = Literal["长期", "中期", "年度"]
Year = Annotated[int, Field(ge=1949, le=2100)]
KeyPathText = Annotated[str, AfterValidator(textrules.key_path)]
ReviewableCode = Literal[REVIEWABLE_CODES]  # type: ignore[valid-type]


def _amount(value: Any) -> Any:
    """Money is Decimal exactly as written; floats and text would lose or hide digits."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PydanticCustomError(
            "amount_type", "金额应为数字，实际是“{value}”",
            {"value": value, "hint": "写成不带引号、单位和千分位逗号的数字，例如 2306.26；单位写在 money_unit"})
    return Decimal(value)


Amount = Annotated[Decimal, BeforeValidator(_amount)]


# Codes are text: `gongkai`'s YAML reader keeps `017` as written (never as the number 17 or octal 15),
# and a code written without a leading zero (`207101`) is read as its digits.
Code = Text

KIND_SLUGS: dict[str, str] = {"申报": "shenbao", "批复": "pifu", "公开": "gongkai"}


def filing_slug(fiscal_year: int, kind: str) -> str:
    """The permalink segment of a filing: `2025-pifu`."""
    return f"{fiscal_year}-{KIND_SLUGS[kind]}"


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The record types inside a field's annotation: X, X | None, list[X], dict[int, X], Annotated unions."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in getattr(annotation, "__args__", ()) + tuple(getattr(annotation, "__metadata__", ())):
        found += models_in(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        found += models_in(origin)
    return found


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Note(Model):
    """编者注: the site's own words about a reading of the source, never the department's."""

    field: Text | None = Field(None, description="所说明的字段，如 value 或 prior.2023；省略时指整条记录")
    text: RichText


class Department(Model):
    id: SafeId = Field(description="部门标识，用于网址，如 ezhou-sfj；一经发布不再更改")
    name: Text = Field(description="部门（单位）名称，如 鄂州市司法局")
    region: SafeId = Field(description="所属地区的标识，须在 site_config.yml 的 regions 中定义")
    supervisor: Text | None = Field(None, description="主管部门名称，照原表；文件是下属单位的（单位名称与主管部门不同）时填写")
    code: Code | None = Field(None, description="主管部门代码，照原表，如 017（开头的 0 照原样保留）")
    unit_code: Code | None = Field(None, description="单位代码（预算单位编码），照原表，如 \"207101\"")


class Contact(Model):
    """Personal contact fields: stored, published only when site_config says so."""

    filer: Text | None = Field(None, description="填报人")
    phone: Text | None = Field(None, description="联系电话")


class FundLine(Model):
    name: Text = Field(description="项目，如 财政拨款")
    amount: Amount | None = Field(None, description="当年金额")
    share: Text | None = Field(None, description="占比，照填报原样，如 96% 或 60.70%")
    prior: dict[int, Amount | None] = Field(default_factory=dict, description="往年金额，按年份")
    notes: list[Note] = Field(default_factory=list)


class FundTable(Model):
    lines: list[FundLine]
    total: FundLine | None = Field(None, description="合计行，照填报原样")


class Funds(Model):
    """部门总体资金情况: 收入构成 and 支出构成 with prior-year columns."""

    prior_years: list[Year] = Field(default_factory=list, description="往年列的年份，按原表顺序")
    income: FundTable | None = Field(None, description="收入构成")
    expenditure: FundTable | None = Field(None, description="支出构成")
    notes: list[Note] = Field(default_factory=list)


class Indicator(Model):
    id: SafeId | None = Field(None, description="稳定标识；省略时由一级/二级/三级指标名称推导")
    seq: Text | None = Field(None, description="原表中的序号（#）")
    level1: Text | None = Field(None, description="一级指标")
    level2: Text | None = Field(None, description="二级指标")
    name: Text | None = Field(None, description="三级指标")
    value: Text | None = Field(None, description="指标值，照填报原样，如 ≥1000件")
    value_type: Text | None = Field(None, description="指标值类型（≥ = > 定性 定量），原表单独成列时填写")
    unit: Text | None = Field(None, description="计量单位，原表单独成列时填写")
    prior: dict[int, Text | None] = Field(default_factory=dict, description="往年指标值，按年份")
    basis: Text | None = Field(None, description="指标值确定依据")
    category: Text | None = Field(None, description="指标分类，如 绩效基本型")
    description: Text | None = Field(None, description="指标解释 / 绩效指标描述 / 指标值内容")
    scoring: Text | None = Field(None, description="评（扣）分标准")
    weight: Text | None = Field(None, description="权重（分值），照原样，如 20分")
    remark: Text | None = Field(None, description="备注")
    notes: list[Note] = Field(default_factory=list)

    @property
    def parsed(self) -> ParsedValue:
        return parse_value(self.value, self.value_type, self.unit)

    @property
    def stable_id(self) -> str:
        """Stable across years: the same 一级/二级/三级 path gives the same id."""
        return self.id or _path_id(self.level1, self.level2, self.name)


# A page, its anchors, the comparisons and the exports each ask for an indicator's id (a hash): by its path,
# it is worked out once per process.
@lru_cache(maxsize=MEMO_LIMIT)
def _path_id(level1: str | None, level2: str | None, name: str | None) -> str:
    path = "/".join(part or "" for part in (level1, level2, name))
    return "i-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]


class Goal(Model):
    id: SafeId | None = Field(None, description="目标标识；省略时按顺序为 g1、g2 …")
    kind: GoalKind = Field(description="长期、中期 或 年度")
    title: Text | None = Field(None, description="目标标题，如 年度目标1")
    deadline: Year | None = Field(None, description="长期目标的截止年份")
    span: list[Year] | None = Field(None, min_length=2, max_length=2,
                                    description="中期目标的起止年份，如 [2024, 2026]（原表“中期目标（2024年—2026年）”）")
    text: RichText | None = Field(None, description="目标内容")
    prior_years: list[Year] = Field(default_factory=list, description="指标表中往年指标值列的年份")
    indicators: list[Indicator] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


class FundsSplit(Model):
    """A total of the provincial forms with its split: 中期资金总额 or 年度资金总额."""

    total: Amount | None = Field(None, description="资金总额")
    fiscal: Amount | None = Field(None, description="其中：财政拨款")
    other: Amount | None = Field(None, description="其他资金")


class Budget(Model):
    total: Amount | None = Field(None, description="项目总预算 / 预算数")
    this_year: Amount | None = Field(None, description="本年度预算 / 当年支出计划")
    fiscal: Amount | None = Field(None, description="其中：财政资金")
    other: Amount | None = Field(None, description="其他资金")
    medium_term: FundsSplit | None = Field(None, description="中期资金总额，及其中财政拨款、其他资金（项目支出绩效目标申报表）")
    annual: FundsSplit | None = Field(None, description="年度资金总额，及其中财政拨款、其他资金（项目支出绩效目标申报表）")


class Task(Model):
    """One row of 年度主要任务 (部门整体支出绩效目标表): a task, what it covers, and the budget for it."""

    name: Text = Field(description="任务名称")
    content: RichText | None = Field(None, description="主要内容")
    budget: FundsSplit | None = Field(None, description="预算金额：总额，及其中财政拨款、其他资金，照填报原样")
    notes: list[Note] = Field(default_factory=list)


class TaskTable(Model):
    """年度主要任务 as a table, rows in the form's order; the 金额合计 row as filed, never summed here."""

    lines: list[Task] = Field(min_length=1)
    total: FundsSplit | None = Field(None, description="金额合计行，照填报原样")
    notes: list[Note] = Field(default_factory=list)


class SpendingStep(Model):
    by: Text = Field(description="时点，如 3月底")
    share: Text = Field(description="累计支出比例，照原样，如 25%")


class Redaction(Model):
    """Why something is withheld (政府信息公开条例 §37 requires a stated reason)."""

    notice: Text | None = Field(None, description="原文中的不公开说明，照原样")
    reason: Text = Field(description="不公开理由，如 涉及保密要求")
    legal_basis: Text | None = Field(None, description="法律依据，如 政府信息公开条例第十四条")


class RangeRedaction(Redaction):
    numbers: list[int] = Field(min_length=2, max_length=2, description="不公开项目的起止序号，如 [6, 13]")


class Project(Model):
    id: SafeId | None = Field(None, description="项目标识；省略时用项目编码，无编码时为 p加序号")
    number: int | None = Field(None, description="项目序号，照原表")
    code: Text | None = Field(None, description="项目编码")
    name: Text | None = Field(None, description="项目名称，照原样（含截断）")
    category: Text | None = Field(None, description="支出项目类别")
    attribute: Text | None = Field(None, description="项目属性，照原表，如 经常性项目、一次性项目")
    period: Text | None = Field(None, description="项目期，照原表，如 1年、2024年—2026年")
    budget_unit: Text | None = Field(None, description="预算单位，如 315001玉田县司法局本级")
    money_unit: MoneyUnit | None = Field(None, description="本项目金额单位；省略时同文件")
    budget: Budget = Field(default_factory=Budget)
    purpose: RichText | None = Field(None, description="资金用途 / 主要支出方向")
    spending_plan: list[SpendingStep] = Field(default_factory=list, description="资金支出计划（累计）")
    goals: list[Goal] = Field(default_factory=list)
    withheld: Redaction | None = Field(None, description="整项不公开：内容只留档，网站和导出只显示说明")
    notes: list[Note] = Field(default_factory=list)


class WithheldRange(Model):
    """A run of project numbers whose content is not in the file at all."""

    withheld: RangeRedaction
    notes: list[Note] = Field(default_factory=list)


def _entry_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "range" if set(value) - {"notes"} == {"withheld"} else "project"
    return "range" if isinstance(value, WithheldRange) else "project"


ProjectEntry = Annotated[
    Union[Annotated[Project, Tag("project")], Annotated[WithheldRange, Tag("range")]],
    Discriminator(_entry_kind),
]


class Review(Model):
    """A warning of `check` that someone checked against the 原文: the value is right as filed.

    The site then shows the warning as 已核对 with the reason; `check --strict` no longer counts it.
    A review names the warning by code, key path and message: the message holds the values concerned, so a
    review of `>5万元` does not carry over to a value changed to `>3万元`. A review whose warning is gone is
    itself reported (stale-review), so reviews cannot go stale unseen.
    """

    code: ReviewableCode = Field(description="警告代码，照 check 的输出，如 unit-mismatch")
    path: KeyPathText = Field(description="警告所在的字段路径，照 check 的输出，如 goals[0].indicators[3].value")
    message: Text = Field(description="警告的内容，照 check 的输出一字不改；数值改了，警告内容随之改变，这条记录就不再适用")
    reason: Annotated[Text, AfterValidator(textrules.not_blank)] = Field(
        description="核对结论：为什么照原样是对的（公开显示），如 原表即为“>5万元”")

    @property
    def key_path(self) -> KeyPath:
        return parse_path(self.path) or ()

    @property
    def warning(self) -> tuple[str, KeyPath, str]:
        """What identifies the warning reviewed: its code, key path and message (which holds the values)."""
        return self.code, self.key_path, self.message


class Section(Model):
    title: Text
    text: RichText


def indicator_count(goals: list[Goal]) -> int:
    return sum(len(goal.indicators) for goal in goals)


class Filing(Model):
    department: Department
    fiscal_year: Year = Field(description="预算年度")
    kind: DocumentKind = Field(description=(
        "文件类型：申报（部门报送的申报表，如 项目支出绩效目标申报表，即使原样公开也是申报）、"
        "批复（财政部门批复或下达的绩效目标）或 公开（部门随预算公开的绩效目标表，如 项目支出绩效目标表）"))
    title: Text = Field(description="文件名称，如 2025年部门整体绩效目标批复")
    source: Text | None = Field(None, description="原文文件名，放在 content/sources/ 下")
    publisher: Text | None = Field(None, description="发布机构；省略时为部门名称")
    document_number: Text | None = Field(None, description="文号")
    index_number: Text | None = Field(None, description="索引号")
    filed_on: dt.date | None = Field(None, description="填报日期")
    approved_on: dt.date | None = Field(None, description="批复日期")
    published_on: dt.date | None = Field(None, description="公开日期")
    money_unit: MoneyUnit = Field(description="金额单位：元 或 万元")
    contact: Contact | None = None
    funds: Funds | None = None
    functions: RichText | None = Field(None, description="部门职能概述 / 部门职责")
    annual_tasks: RichText | None = Field(None, description="年度工作任务")
    tasks: TaskTable | None = Field(None, description="年度主要任务表：任务名称、主要内容、预算金额（部门整体支出绩效目标表）")
    overall_goal: RichText | None = Field(None, description="总体绩效目标 / 年度总体目标")
    sections: list[Section] = Field(default_factory=list, description="其他叙述性章节，如 工作保障措施")
    goals: list[Goal] = Field(default_factory=list)
    projects: list[ProjectEntry] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list, description="已核对的警告：警告代码、字段路径和理由")

    @property
    def slug(self) -> str:
        return filing_slug(self.fiscal_year, self.kind)

    @property
    def has_narrative(self) -> bool:
        """Whether the filing's page has its 职能与目标 section (and its #narrative anchor)."""
        return bool(self.functions or self.annual_tasks or self.tasks or self.overall_goal or self.sections)
