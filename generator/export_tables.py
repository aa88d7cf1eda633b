"""The open-data tables: funds, indicators, projects and withheld items as rows.

One set of tables serves both the per-filing downloads and the site-wide ones,
so a row has the same columns wherever it is read. Every row starts with the
filing it comes from. Values are as filed; the parsed indicator value sits
beside the text, never instead of it. Withheld projects exist here only as
rows of the withheld table: the filing is already the public view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .identity import goal_id, indicator_anchors, project_ids
from .models import Filing, FundLine, FundTable, Goal, Indicator, Note, Project, WithheldRange

Value = str | int | Decimal | None


@dataclass(frozen=True)
class Column:
    name: str  # the Chinese header, also the field name in datapackage.json
    type: str = "string"  # Frictionless field type: string, integer or number (Decimal cells)
    description: str = ""


@dataclass(frozen=True)
class Row:
    values: dict[str, Value]
    prior: dict[int, Value] = field(default_factory=dict)  # year → value, becomes one column per year


@dataclass(frozen=True)
class TableSpec:
    title: str  # sheet name and label
    lead: tuple[Column, ...]  # columns before the prior-year columns
    tail: tuple[Column, ...] = ()  # columns after them
    prior: Column | None = None  # prior-year column, its name a template with {year}


@dataclass(frozen=True)
class Table:
    kind: str  # funds, indicators, projects, withheld: file names and datapackage resource names
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]


FILING_COLUMNS = (
    Column("部门标识", description="部门在网址中的标识"),
    Column("部门名称"),
    Column("地区", description="所属地区，自上而下，以 / 分隔"),
    Column("预算年度", "integer"),
    Column("文件类型", description="申报、批复 或 公开"),
)

FUNDS = TableSpec("资金", (
    Column("构成", description="收入构成 或 支出构成"),
    Column("行号", "integer", description="在原表该构成中的顺序"),
    Column("行类型", description="明细 或 合计"),
    Column("项目"),
    Column("金额", "number", description="当年金额，照填报原样"),
    Column("金额单位"),
    Column("占比", description="照填报原样"),
), (Column("编者注"),), Column("{year}年金额", "number", description="往年金额，照填报原样"))

INDICATORS = TableSpec("指标", (
    Column("所属", description="部门整体 或 项目"),
    Column("项目序号", "integer"),
    Column("项目标识"),
    Column("项目名称"),
    Column("目标标识"),
    Column("目标类型", description="长期 或 年度"),
    Column("目标标题"),
    Column("指标标识", description="网页上该指标行的锚点；同一目标下的一级/二级/三级指标跨年度不变"),
    Column("序号", description="原表中的序号"),
    Column("一级指标"),
    Column("二级指标"),
    Column("三级指标"),
    Column("指标值", description="照填报原样"),
    Column("指标值类型", description="原表单独成列时照原样"),
    Column("计量单位", description="原表单独成列时照原样"),
    Column("比较符（解析）", description="由指标值解析：≥ ≤ > < ="),
    Column("数值（解析）", "number", description="由指标值解析的数字"),
    Column("单位（解析）", description="由指标值解析的单位"),
    Column("定性值（解析）", description="无法解析为数字时的定性指标值"),
), (
    Column("指标值确定依据"),
    Column("指标分类"),
    Column("指标解释"),
    Column("评分标准"),
    Column("权重"),
    Column("备注"),
    Column("编者注"),
), Column("{year}年指标值", description="往年指标值，照填报原样"))

PROJECTS = TableSpec("项目", (
    Column("序号", "integer"),
    Column("项目标识"),
    Column("项目编码"),
    Column("项目名称"),
    Column("支出项目类别"),
    Column("预算单位"),
    Column("金额单位"),
    Column("项目总预算", "number"),
    Column("本年度预算", "number"),
    Column("其中：财政资金", "number"),
    Column("其他资金", "number"),
    Column("资金用途"),
    Column("资金支出计划", description="累计支出比例，如 3月底 25%；6月底 50%"),
    Column("指标数", "integer"),
    Column("编者注"),
))

WITHHELD = TableSpec("不公开事项", (
    Column("起始序号", "integer"),
    Column("截止序号", "integer"),
    Column("不公开说明", description="原文中的说明，照原样"),
    Column("不公开理由"),
    Column("法律依据"),
    Column("编者注"),
))

# The order of sheets in a workbook and of resources in datapackage.json.
TABLE_SPECS: dict[str, TableSpec] = {"funds": FUNDS, "indicators": INDICATORS, "projects": PROJECTS,
                                     "withheld": WITHHELD}


def table_rows(filing: Filing, region_names: tuple[str, ...]) -> dict[str, list[Row]]:
    """Every row of one filing, by table kind."""
    base = filing_values(filing, region_names)
    return {
        "funds": [Row(base | values, prior) for values, prior in fund_rows(filing)],
        "indicators": [Row(base | values, prior) for values, prior in indicator_rows(filing)],
        "projects": [Row(base | values) for values in project_rows(filing)],
        "withheld": [Row(base | values) for values in withheld_rows(filing)],
    }


def assemble(kind: str, rows: list[Row]) -> Table:
    """Rows into a table, with one prior-year column for each year that any row has."""
    spec = TABLE_SPECS[kind]
    years = sorted({year for row in rows for year in row.prior})
    columns = FILING_COLUMNS + spec.lead + prior_columns(spec.prior, years) + spec.tail
    cells = tuple(
        tuple(row.values.get(c.name) for c in FILING_COLUMNS + spec.lead)
        + tuple(row.prior.get(year) for year in years)
        + tuple(row.values.get(c.name) for c in spec.tail)
        for row in rows)
    return Table(kind, spec.title, columns, cells)


def prior_columns(template: Column | None, years: list[int]) -> tuple[Column, ...]:
    if template is None:
        return ()
    return tuple(Column(template.name.format(year=year), template.type, template.description)
                 for year in years)


def filing_values(filing: Filing, region_names: tuple[str, ...]) -> dict[str, Value]:
    return {"部门标识": filing.department.id, "部门名称": filing.department.name,
            "地区": "/".join(region_names), "预算年度": filing.fiscal_year, "文件类型": filing.kind}


def notes_text(notes: list[Note]) -> str | None:
    return "\n".join(f"{n.field}：{n.text}" if n.field else n.text for n in notes) or None


def fund_rows(filing: Filing) -> list[tuple[dict[str, Value], dict[int, Value]]]:
    funds = filing.funds
    if funds is None:
        return []
    rows = []
    for part, table in (("收入构成", funds.income), ("支出构成", funds.expenditure)):
        for number, (line, kind) in enumerate(fund_lines(table), start=1):
            values = {"构成": part, "行号": number, "行类型": kind, "项目": line.name, "金额": line.amount,
                      "金额单位": filing.money_unit, "占比": line.share, "编者注": notes_text(line.notes)}
            rows.append((values, dict(line.prior)))
    return rows


def fund_lines(table: FundTable | None) -> list[tuple[FundLine, str]]:
    if table is None:
        return []
    lines = [(line, "明细") for line in table.lines]
    return lines + ([(table.total, "合计")] if table.total else [])


def indicator_rows(filing: Filing) -> list[tuple[dict[str, Value], dict[int, Value]]]:
    rows = []
    for position, goal in enumerate(filing.goals):
        rows += goal_rows(goal, position, {"所属": "部门整体"})
    for index, pid in project_ids(filing).items():
        project = filing.projects[index]
        owner = {"所属": "项目", "项目序号": project.number, "项目标识": pid, "项目名称": project.name}
        for position, goal in enumerate(project.goals):
            rows += goal_rows(goal, position, owner)
    return rows


def goal_rows(goal: Goal, position: int, owner: dict[str, Value]) -> list[tuple[dict[str, Value], dict[int, Value]]]:
    key = goal_id(goal, position)
    context = owner | {"目标标识": key, "目标类型": goal.kind, "目标标题": goal.title}
    return [(context | indicator_values(indicator, anchor), dict(indicator.prior))
            for indicator, anchor in zip(goal.indicators, indicator_anchors(goal, key))]


def indicator_values(indicator: Indicator, anchor: str) -> dict[str, Value]:
    parsed = indicator.parsed
    return {
        "指标标识": anchor, "序号": indicator.seq, "一级指标": indicator.level1,
        "二级指标": indicator.level2, "三级指标": indicator.name, "指标值": indicator.value,
        "指标值类型": indicator.value_type, "计量单位": indicator.unit,
        "比较符（解析）": parsed.comparator, "数值（解析）": parsed.number,
        "单位（解析）": parsed.unit, "定性值（解析）": parsed.qualitative,
        "指标值确定依据": indicator.basis, "指标分类": indicator.category,
        "指标解释": indicator.description, "评分标准": indicator.scoring, "权重": indicator.weight,
        "备注": indicator.remark, "编者注": notes_text(indicator.notes),
    }


def project_rows(filing: Filing) -> list[dict[str, Value]]:
    return [project_values(filing.projects[index], pid, filing.money_unit)
            for index, pid in project_ids(filing).items()]


def project_values(project: Project, pid: str, filing_unit: str) -> dict[str, Value]:
    plan = "；".join(f"{step.by} {step.share}" for step in project.spending_plan)
    return {
        "序号": project.number, "项目标识": pid, "项目编码": project.code, "项目名称": project.name,
        "支出项目类别": project.category, "预算单位": project.budget_unit,
        "金额单位": project.money_unit or filing_unit, "项目总预算": project.budget.total,
        "本年度预算": project.budget.this_year, "其中：财政资金": project.budget.fiscal,
        "其他资金": project.budget.other, "资金用途": project.purpose, "资金支出计划": plan or None,
        "指标数": sum(len(goal.indicators) for goal in project.goals), "编者注": notes_text(project.notes),
    }


def withheld_rows(filing: Filing) -> list[dict[str, Value]]:
    return [withheld_values(entry) for entry in filing.projects if isinstance(entry, WithheldRange)]


def withheld_values(entry: WithheldRange) -> dict[str, Value]:
    redaction = entry.withheld
    return {"起始序号": redaction.numbers[0], "截止序号": redaction.numbers[1],
            "不公开说明": redaction.notice, "不公开理由": redaction.reason,
            "法律依据": redaction.legal_basis, "编者注": notes_text(entry.notes)}
