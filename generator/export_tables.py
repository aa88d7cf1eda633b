"""The open-data tables: funds, annual tasks, indicators, projects and withheld items as rows.

One set of tables serves both the per-filing downloads and the site-wide ones,
so a row has the same columns wherever it is read. Every row starts with the
filing it comes from. Values are as filed; the parsed indicator value sits
beside the text, never instead of it. Withheld projects exist here only as
rows of the withheld table: the filing is already the public view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from .identity import goal_id, indicator_anchors, project_ids
from .indicator_values import ParsedValue
from .models import (Budget, Department, Filing, FundsSplit, FundLine, FundTable, Goal, Indicator, Project,
                     RangeRedaction, Task, WithheldRange)
from .vocabulary import label, notes_text, span_text

Value = str | int | Decimal | None
EMPTY_SPLIT = FundsSplit()


@dataclass(frozen=True)
class Column:
    """One column: its header and how its cell is read from the record a row stands for."""

    name: str  # the Chinese header, also the field name in datapackage.json
    read: Callable[[Any], Value]
    type: str = "string"  # Frictionless field type: string, integer or number (Decimal cells)
    description: str = ""


def field_column(model: type, key: str, read: Callable[[Any], Value], type: str = "string",
                 description: str = "") -> Column:
    """A column showing a field of the content model, headed by that field's label."""
    return Column(label(model, key), read, type, description)


@dataclass(frozen=True)
class FilingRecord:
    filing: Filing
    region_names: tuple[str, ...]

    @cached_property
    def cells(self) -> tuple[Value, ...]:
        """The filing's columns, the same at the start of each of its rows: read once per filing."""
        return tuple(c.read(self) for c in FILING_COLUMNS)


@dataclass(frozen=True)
class FundRecord:
    part: str  # 收入构成 or 支出构成
    number: int  # position in its part
    kind: str  # 明细 or 合计
    line: FundLine
    unit: str


@dataclass(frozen=True)
class TaskRecord:
    number: int  # position in the table
    kind: str  # 明细 or 合计
    task: Task | None  # None on the 金额合计 row
    budget: FundsSplit
    unit: str


@dataclass(frozen=True)
class IndicatorRecord:
    owner: str  # 部门整体 or 项目
    project: Project | None
    project_key: str | None
    goal: Goal
    goal_key: str
    indicator: Indicator
    anchor: str

    @cached_property
    def parsed(self) -> ParsedValue:
        """The indicator's value parsed, once for the four columns that show its parts."""
        return self.indicator.parsed


@dataclass(frozen=True)
class ProjectRecord:
    project: Project
    project_key: str
    unit: str  # the project's money unit, else the filing's


@dataclass(frozen=True)
class Row:
    filing: FilingRecord
    record: Any  # FundRecord, TaskRecord, IndicatorRecord, ProjectRecord or WithheldRange
    prior: dict[int, Value] = field(default_factory=dict)  # year → value, becomes one column per year


@dataclass(frozen=True)
class TableSpec:
    title: str  # sheet name and label
    lead: tuple[Column, ...]  # columns before the prior-year columns
    tail: tuple[Column, ...] = ()  # columns after them
    prior: Column | None = None  # prior-year column, its name a template with {year}


@dataclass(frozen=True)
class Table:
    kind: str  # funds, tasks, indicators, projects, withheld: file names and datapackage resource names
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]


def _none(_: Any) -> Value:
    return None


FILING_COLUMNS = (
    Column("部门标识", lambda r: r.filing.department.id, description="部门在网址中的标识"),
    Column("部门名称", lambda r: r.filing.department.name),
    field_column(Department, "supervisor", lambda r: r.filing.department.supervisor,
                 description="文件是下属单位的时，其主管部门的名称，照原表"),
    field_column(Department, "code", lambda r: r.filing.department.code, description="照原表，文字，保留开头的 0"),
    field_column(Department, "unit_code", lambda r: r.filing.department.unit_code,
                 description="照原表，文字，保留开头的 0"),
    Column("地区", lambda r: "/".join(r.region_names), description="所属地区，自上而下，以 / 分隔"),
    Column("预算年度", lambda r: r.filing.fiscal_year, "integer"),
    Column("文件类型", lambda r: r.filing.kind, description="申报、批复 或 公开"),
)

FUNDS = TableSpec("资金", (
    Column("构成", lambda r: r.part, description="收入构成 或 支出构成"),
    Column("行号", lambda r: r.number, "integer", description="在原表该构成中的顺序"),
    Column("行类型", lambda r: r.kind, description="明细 或 合计"),
    field_column(FundLine, "name", lambda r: r.line.name),
    field_column(FundLine, "amount", lambda r: r.line.amount, "number", description="当年金额，照填报原样"),
    Column("金额单位", lambda r: r.unit),
    field_column(FundLine, "share", lambda r: r.line.share, description="照填报原样"),
), (Column("编者注", lambda r: notes_text(r.line)),),
    Column("{year}年金额", _none, "number", description="往年金额，照填报原样"))


def _task_amount(key: str) -> Column:
    """预算金额 and its split, headed as the form words them: 预算金额（资金总额）…"""
    return Column(f"{label(Task, 'budget')}（{label(FundsSplit, key)}）", lambda r: getattr(r.budget, key), "number",
                  "照填报原样")


TASKS = TableSpec("年度主要任务", (
    Column("行号", lambda r: r.number, "integer", description="在原表中的顺序"),
    Column("行类型", lambda r: r.kind, description="明细 或 合计"),
    field_column(Task, "name", lambda r: r.task.name if r.task else None, description="合计行为空"),
    field_column(Task, "content", lambda r: r.task.content if r.task else None),
    *(_task_amount(key) for key in FundsSplit.model_fields),
    Column("金额单位", lambda r: r.unit),
    Column("编者注", lambda r: notes_text(r.task) if r.task else None),
))


def _ind(key: str, **options: Any) -> Column:
    return field_column(Indicator, key, lambda r: getattr(r.indicator, key), **options)


def _parsed(header: str, part: str, description: str, type: str = "string") -> Column:
    return Column(header, lambda r: getattr(r.parsed, part), type, description)


INDICATORS = TableSpec("指标", (
    Column("所属", lambda r: r.owner, description="部门整体 或 项目"),
    Column("项目序号", lambda r: r.project.number if r.project else None, "integer"),
    Column("项目标识", lambda r: r.project_key),
    field_column(Project, "name", lambda r: r.project.name if r.project else None),
    field_column(Goal, "id", lambda r: r.goal_key),
    field_column(Goal, "kind", lambda r: r.goal.kind, description="长期、中期 或 年度"),
    field_column(Goal, "title", lambda r: r.goal.title),
    field_column(Goal, "span", lambda r: span_text(r.goal.span), description="中期目标的起止年份，如 2024年—2026年"),
    Column("指标标识", lambda r: r.anchor,
           description="网页上该指标行的锚点；同一目标下的一级/二级/三级指标跨年度不变"),
    _ind("seq", description="原表中的序号"),
    _ind("level1"),
    _ind("level2"),
    _ind("name"),
    _ind("value", description="照填报原样"),
    _ind("value_type", description="原表单独成列时照原样"),
    _ind("unit", description="原表单独成列时照原样"),
    _parsed("比较符（解析）", "comparator", "由指标值解析：≥ ≤ > < ="),
    _parsed("数值（解析）", "number", "由指标值解析的数字", "number"),
    _parsed("单位（解析）", "unit", "由指标值解析的单位"),
    _parsed("定性值（解析）", "qualitative", "无法解析为数字时的定性指标值"),
), (
    _ind("basis"),
    _ind("category"),
    _ind("description"),
    _ind("scoring"),
    _ind("weight"),
    _ind("remark"),
    Column("编者注", lambda r: notes_text(r.indicator)),
), Column("{year}年指标值", _none, description="往年指标值，照填报原样"))


def _budget(key: str) -> Column:
    return field_column(Budget, key, lambda r: getattr(r.project.budget, key), "number")


def _project(key: str, **options: Any) -> Column:
    return field_column(Project, key, lambda r: getattr(r.project, key), **options)


def _split(part: str, key: str) -> Column:
    """中期资金总额 / 年度资金总额 and their split, headed as the form words them."""
    header = label(Budget, part) if key == "total" else f"{label(Budget, part)}（{label(FundsSplit, key)}）"
    return Column(header, lambda r: getattr(getattr(r.project.budget, part) or EMPTY_SPLIT, key), "number")


PROJECTS = TableSpec("项目", (
    _project("number", type="integer"),
    Column("项目标识", lambda r: r.project_key),
    _project("code"),
    _project("name"),
    _project("category"),
    _project("attribute"),
    _project("period"),
    _project("budget_unit"),
    field_column(Project, "money_unit", lambda r: r.unit),
    _budget("total"),
    _budget("this_year"),
    _budget("fiscal"),
    _budget("other"),
    *(_split(part, key) for part in ("medium_term", "annual") for key in ("total", "fiscal", "other")),
    _project("purpose"),
    field_column(Project, "spending_plan", lambda r: spending_plan_text(r.project),
                 description="累计支出比例，如 3月底 25%；6月底 50%"),
    Column("指标数", lambda r: sum(len(goal.indicators) for goal in r.project.goals), "integer"),
    Column("编者注", lambda r: notes_text(r.project)),
))


def _redaction(key: str, read: Callable[[RangeRedaction], Value], **options: Any) -> Column:
    return field_column(RangeRedaction, key, lambda r: read(r.withheld), **options)


WITHHELD = TableSpec("不公开事项", (
    Column("起始序号", lambda r: r.withheld.numbers[0], "integer"),
    Column("截止序号", lambda r: r.withheld.numbers[1], "integer"),
    _redaction("notice", lambda w: w.notice, description="原文中的说明，照原样"),
    _redaction("reason", lambda w: w.reason),
    _redaction("legal_basis", lambda w: w.legal_basis),
    Column("编者注", lambda r: notes_text(r)),
))

# The order of sheets in a workbook and of resources in datapackage.json.
TABLE_SPECS: dict[str, TableSpec] = {"funds": FUNDS, "tasks": TASKS, "indicators": INDICATORS,
                                     "projects": PROJECTS, "withheld": WITHHELD}


def table_rows(filing: Filing, region_names: tuple[str, ...]) -> dict[str, list[Row]]:
    """Every row of one filing, by table kind."""
    base = FilingRecord(filing, region_names)
    return {
        "funds": [Row(base, record, dict(record.line.prior)) for record in fund_records(filing)],
        "tasks": [Row(base, record) for record in task_records(filing)],
        "indicators": [Row(base, record, dict(record.indicator.prior)) for record in indicator_records(filing)],
        "projects": [Row(base, record) for record in project_records(filing)],
        "withheld": [Row(base, entry) for entry in filing.projects if isinstance(entry, WithheldRange)],
    }


def assemble(kind: str, rows: list[Row]) -> Table:
    """Rows into a table, with one prior-year column for each year that any row has."""
    return assemble_cells(kind, [row_cells(TABLE_SPECS[kind], row) for row in rows])


def assemble_cells(kind: str, cut: list[RowCells]) -> Table:
    """Rows' cells into a table, with one prior-year column for each year that any row has."""
    spec = TABLE_SPECS[kind]
    years = sorted({year for cells in cut for year in cells.prior})
    rows = tuple(cells.lead + tuple(cells.prior.get(year) for year in years) + cells.tail for cells in cut)
    return Table(kind, spec.title, table_columns(spec, years), rows)


@dataclass(frozen=True)
class RowCells:
    """One row's cells around its prior-year columns, which depend on the other rows of its table."""

    lead: tuple[Value, ...]  # the filing's columns and the spec's lead
    prior: dict[int, Value]
    tail: tuple[Value, ...]


def row_cells(spec: TableSpec, row: Row) -> RowCells:
    return RowCells(row.filing.cells + tuple(c.read(row.record) for c in spec.lead),
                    row.prior, tuple(c.read(row.record) for c in spec.tail))


def table_columns(spec: TableSpec, years: list[int]) -> tuple[Column, ...]:
    return FILING_COLUMNS + spec.lead + prior_columns(spec.prior, years) + spec.tail


def prior_columns(template: Column | None, years: list[int]) -> tuple[Column, ...]:
    if template is None:
        return ()
    return tuple(Column(template.name.format(year=year), _none, template.type, template.description)
                 for year in years)


def fund_records(filing: Filing) -> list[FundRecord]:
    funds = filing.funds
    if funds is None:
        return []
    return [FundRecord(part, number, kind, line, filing.money_unit)
            for part, table in (("收入构成", funds.income), ("支出构成", funds.expenditure))
            for number, (line, kind) in enumerate(fund_lines(table), start=1)]


def fund_lines(table: FundTable | None) -> list[tuple[FundLine, str]]:
    if table is None:
        return []
    lines = [(line, "明细") for line in table.lines]
    return lines + ([(table.total, "合计")] if table.total else [])


def task_records(filing: Filing) -> list[TaskRecord]:
    table = filing.tasks
    if table is None:
        return []
    rows = [TaskRecord(number, "明细", task, task.budget or EMPTY_SPLIT, filing.money_unit)
            for number, task in enumerate(table.lines, start=1)]
    total = [TaskRecord(len(rows) + 1, "合计", None, table.total, filing.money_unit)] if table.total else []
    return rows + total


def indicator_records(filing: Filing) -> list[IndicatorRecord]:
    records = []
    for position, goal in enumerate(filing.goals):
        records += goal_records(goal, position, "部门整体", None, None)
    for index, pid in project_ids(filing).items():
        project = filing.projects[index]
        for position, goal in enumerate(project.goals):
            records += goal_records(goal, position, "项目", project, pid)
    return records


def goal_records(goal: Goal, position: int, owner: str, project: Project | None,
                 project_key: str | None) -> list[IndicatorRecord]:
    key = goal_id(goal, position)
    return [IndicatorRecord(owner, project, project_key, goal, key, indicator, anchor)
            for indicator, anchor in zip(goal.indicators, indicator_anchors(goal, key))]


def project_records(filing: Filing) -> list[ProjectRecord]:
    return [ProjectRecord(project := filing.projects[index], pid, project.money_unit or filing.money_unit)
            for index, pid in project_ids(filing).items()]


def spending_plan_text(project: Project) -> str | None:
    return "；".join(f"{step.by} {step.share}" for step in project.spending_plan) or None

