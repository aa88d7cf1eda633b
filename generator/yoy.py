"""Year over year: how a target compares with earlier values, and one department's history.

Values are compared only when both parse to a number with the same unit;
anything else is marked as qualitative or not comparable, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .indicator_values import parse_value
from .models import Budget, Filing, FundTable, Project
from .sitemodel import FilingView, ProjectView

CHANGE_LABELS = {"raised": "上调", "lowered": "下调", "unchanged": "持平", "qualitative": "定性",
                 "new": "新增", "other": "不可比"}


@dataclass(frozen=True)
class Change:
    kind: str  # raised, lowered, unchanged, qualitative, new, other

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.kind]


def compare_values(target: str | None, prior: str | None) -> Change:
    if not prior:
        return Change("new")
    now, before = parse_value(target), parse_value(prior)
    if now.qualitative or before.qualitative:
        return Change("qualitative" if target == prior or now.qualitative else "other")
    if now.number is None or before.number is None or (now.unit or "") != (before.unit or ""):
        return Change("other")
    if now.number == before.number:
        return Change("unchanged")
    return Change("raised" if now.number > before.number else "lowered")


# --- funds over the years ----------------------------------------------------

@dataclass(frozen=True)
class FundsHistoryRow:
    side: str  # 收入构成 / 支出构成
    name: str
    cells: tuple[Decimal | None, ...]  # one per year of FundsHistory.years


@dataclass(frozen=True)
class FundsHistory:
    unit: str
    years: tuple[int, ...]
    rows: tuple[FundsHistoryRow, ...]


def funds_history(filings: tuple[FilingView, ...]) -> FundsHistory | None:
    """Each year's figure as filed: the filing for that year first, else the latest prior-year column."""
    with_funds = [v.filing for v in filings if v.filing.funds]
    if not with_funds:
        return None
    unit = with_funds[0].money_unit
    values: dict[tuple[str, str], dict[int, Decimal | None]] = {}
    for filing in sorted(with_funds, key=lambda f: f.fiscal_year):
        if filing.money_unit != unit:
            continue  # never convert silently: one unit per history
        _collect(filing, values)
    years = tuple(sorted({y for cells in values.values() for y in cells}))
    rows = tuple(FundsHistoryRow(side, name, tuple(cells.get(y) for y in years))
                 for (side, name), cells in values.items())
    return FundsHistory(unit, years, rows)


def _collect(filing: Filing, values: dict) -> None:
    for side, table in (("收入构成", filing.funds.income), ("支出构成", filing.funds.expenditure)):
        for line in _lines(table):
            cells = values.setdefault((side, line.name), {})
            for year, amount in line.prior.items():
                if year not in cells or cells[year] is None:
                    cells[year] = amount
            cells[filing.fiscal_year] = line.amount


def _lines(table: FundTable | None):
    if not table:
        return []
    return list(table.lines) + ([table.total] if table.total else [])


# --- indicators over the years ----------------------------------------------------

@dataclass(frozen=True)
class FiledValue:
    """A value as filed, with the 指标值类型 and 计量单位 cells of its row where the form has them."""

    value: str | None
    value_type: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class IndicatorHistoryRow:
    id: str
    level1: str | None
    level2: str | None
    name: str | None
    cells: tuple[FiledValue | None, ...]  # one per year
    changes: tuple[Change | None, ...]  # change from the previous year with a value


@dataclass(frozen=True)
class IndicatorHistory:
    years: tuple[int, ...]
    rows: tuple[IndicatorHistoryRow, ...]


def indicator_history(filings: tuple[FilingView, ...]) -> IndicatorHistory:
    """Department-level indicators followed across filings by their stable id."""
    found: dict[str, dict] = {}
    for view in sorted(filings, key=lambda v: v.filing.fiscal_year):
        for goal in view.filing.goals:
            for indicator in goal.indicators:
                if not indicator.name:
                    continue
                row = found.setdefault(indicator.stable_id, {"ind": indicator, "years": {}})
                # A prior-year value shares its row's unit; the comparator column is about the target.
                for year, value in indicator.prior.items():
                    row["years"].setdefault(year, FiledValue(value, None, indicator.unit))
                row["years"][view.filing.fiscal_year] = FiledValue(indicator.value, indicator.value_type, indicator.unit)
    years = tuple(sorted({y for row in found.values() for y in row["years"]}))
    rows = tuple(_history_row(key, row, years) for key, row in found.items() if len(row["years"]) > 1)
    return IndicatorHistory(years, rows)


def _history_row(key: str, row: dict, years: tuple[int, ...]) -> IndicatorHistoryRow:
    cells = tuple(row["years"].get(y) for y in years)
    changes, previous = [], None
    for cell in (c.value if c else None for c in cells):
        changes.append(compare_values(cell, previous) if cell and previous else None)
        previous = cell or previous
    ind = row["ind"]
    return IndicatorHistoryRow(key, ind.level1, ind.level2, ind.name, cells, tuple(changes))


# --- 年度主要任务 over the years -----------------------------------------------------

@dataclass(frozen=True)
class TaskYear:
    total: Decimal | None  # 预算金额（总额）as filed; None when the task has no amount
    unit: str  # the filing's money unit


@dataclass(frozen=True)
class TaskHistoryRow:
    name: str
    cells: tuple[TaskYear | None, ...]  # one per year; None: that year's table has no task of this name
    changes: tuple[Change | None, ...]  # against the year before: 新增, or its amount raised, lowered …


@dataclass(frozen=True)
class TaskHistory:
    years: tuple[int, ...]  # the years with a task table, ascending
    rows: tuple[TaskHistoryRow, ...]


def task_history(filings: tuple[FilingView, ...]) -> TaskHistory | None:
    """年度主要任务 followed across the years by the task's name (the forms give a task no code); None unless two
    years have a task table. The latest year's tasks come first, in their order, then those of earlier years."""
    by_year: dict[int, dict[str, TaskYear]] = {}
    for view in sorted(filings, key=lambda v: v.filing.fiscal_year):
        filing = view.filing
        if filing.tasks:
            tasks: dict[str, TaskYear] = {}
            for task in filing.tasks.lines:
                tasks.setdefault(task.name, TaskYear(task.budget.total if task.budget else None, filing.money_unit))
            by_year[filing.fiscal_year] = tasks
    if len(by_year) < 2:
        return None
    years = tuple(sorted(by_year))
    names = dict.fromkeys(name for year in reversed(years) for name in by_year[year])
    return TaskHistory(years, tuple(_task_row(name, tuple(by_year[y].get(name) for y in years)) for name in names))


def _task_row(name: str, cells: tuple[TaskYear | None, ...]) -> TaskHistoryRow:
    changes = [None] + [_task_change(now, before) for before, now in zip(cells, cells[1:])]
    return TaskHistoryRow(name, cells, tuple(changes))


def _task_change(now: TaskYear | None, before: TaskYear | None) -> Change | None:
    """A task new to this year's table is 新增; amounts compare only in the same unit, never converted."""
    if now is None:
        return None
    if before is None:
        return Change("new")
    if now.total is None or before.total is None:
        return None
    if now.unit != before.unit:
        return Change("other")
    if now.total == before.total:
        return Change("unchanged")
    return Change("raised" if now.total > before.total else "lowered")


# --- the same project in other years ----------------------------------------------

@dataclass(frozen=True)
class ProjectYear:
    year: int
    kind: str
    url: str
    budget: Decimal | None
    unit: str
    current: bool


def project_years(project: ProjectView, filings: tuple[FilingView, ...]) -> tuple[ProjectYear, ...]:
    """The same project across a department's filings: matched by 项目编码, then by name."""
    found = []
    for view in filings:
        for other in view.projects:
            if _same_project(project.project, other.project):
                found.append(ProjectYear(view.filing.fiscal_year, view.filing.kind, other.url,
                                         year_budget(other.project.budget),
                                         other.project.money_unit or view.filing.money_unit,
                                         other.url == project.url))
    return tuple(sorted(found, key=lambda p: (p.year, p.kind)))


def year_budget(budget: Budget) -> Decimal | None:
    """A year's money, whichever way its form words it: 本年度预算, 年度资金总额, else 项目总预算."""
    annual = budget.annual.total if budget.annual else None
    return next((v for v in (budget.this_year, annual, budget.total) if v is not None), None)


def _same_project(a: Project, b: Project) -> bool:
    if a.code and b.code:
        return a.code == b.code
    return bool(a.name) and a.name == b.name
