"""Year over year: how a target compares with earlier values, and one department's history.

Values are compared only when both parse to a number with the same unit;
anything else is marked as qualitative or not comparable, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import get_args

from .indicator_values import parse_value
from .models import Budget, DocumentKind, Filing, FundLine, FundTable, Project
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
    if now.number is None or before.number is None or (now.comparable_unit or "") != (before.comparable_unit or ""):
        return Change("other")
    if now.number == before.number:
        return Change("unchanged")
    return Change("raised" if now.number > before.number else "lowered")


# --- the columns of a department's history ------------------------------------------

STAGES: tuple[str, ...] = get_args(DocumentKind)  # 申报 → 批复 → 公开: the order a year's documents come in
GOAL_ORDER = ("年度", "中期", "长期")  # a department's history shows the year's own targets first


@dataclass(frozen=True)
class YearColumn:
    """One column of a history: a year, and the kind of its filing when the department filed that year more than
    once (a 申报 and its 公开 are both shown, never one written over the other)."""

    year: int
    kind: str | None = None

    @property
    def label(self) -> str:
        return f"{self.year}年{self.kind or ''}"


def year_columns(filings: list[Filing], prior_years: set[int] = frozenset()) -> tuple[YearColumn, ...]:
    """A column per year, or per filing where a year has filings of several kinds (in the order of STAGES);
    a year known only from a later filing's 上年 column is one column too."""
    kinds: dict[int, set[str]] = {year: set() for year in prior_years}
    for filing in filings:
        kinds.setdefault(filing.fiscal_year, set()).add(filing.kind)
    return tuple(YearColumn(year, kind if len(found) > 1 else None) for year, found in sorted(kinds.items())
                 for kind in (sorted(found, key=STAGES.index) if len(found) > 1 else [None]))


def filing_column(columns: tuple[YearColumn, ...], filing: Filing) -> YearColumn:
    own = YearColumn(filing.fiscal_year, filing.kind)
    return own if own in columns else YearColumn(filing.fiscal_year)


def prior_column(columns: tuple[YearColumn, ...], year: int) -> YearColumn:
    """Where a later filing's figure for `year` goes: the year's last column (its latest document)."""
    return [column for column in columns if column.year == year][-1]


def in_stage_order(filings: tuple[FilingView, ...]) -> list[Filing]:
    return sorted((view.filing for view in filings), key=lambda f: (f.fiscal_year, STAGES.index(f.kind)))


def changes_along(values: list) -> tuple[Change | None, ...]:
    """Each value against the one before it in the row (empty cells skipped)."""
    changes, previous = [], None
    for value in values:
        changes.append(compare_values(value, previous) if value and previous else None)
        previous = value or previous
    return tuple(changes)


# --- funds over the years ----------------------------------------------------

@dataclass(frozen=True)
class FundsHistoryRow:
    side: str  # 收入构成 / 支出构成
    name: str
    cells: tuple[Decimal | None, ...]  # one per column of FundsHistory.columns


@dataclass(frozen=True)
class FundsHistory:
    unit: str
    columns: tuple[YearColumn, ...]
    rows: tuple[FundsHistoryRow, ...]


def funds_history(filings: tuple[FilingView, ...]) -> FundsHistory | None:
    """Each filing's figures as filed; a year without a filing of its own from a later filing's 上年 column."""
    with_funds = [f for f in in_stage_order(filings) if f.funds]
    if not with_funds:
        return None
    unit = with_funds[0].money_unit
    same_unit = [f for f in with_funds if f.money_unit == unit]  # never convert silently: one unit per history
    prior = {year for f in same_unit for _, line in _sided_lines(f) for year in line.prior}
    columns = year_columns(same_unit, prior)
    values: dict[tuple[str, str], dict[YearColumn, Decimal | None]] = {}
    for filing in same_unit:
        for side, line in _sided_lines(filing):
            values.setdefault((side, line.name), {})[filing_column(columns, filing)] = line.amount
    for filing in same_unit:  # 上年 figures only where no filing of that year gives one
        for side, line in _sided_lines(filing):
            cells = values[(side, line.name)]
            for year, amount in line.prior.items():
                if cells.get(column := prior_column(columns, year)) is None:
                    cells[column] = amount
    rows = tuple(FundsHistoryRow(side, name, tuple(cells.get(c) for c in columns))
                 for (side, name), cells in values.items())
    return FundsHistory(unit, columns, rows)


def _sided_lines(filing: Filing) -> list[tuple[str, FundLine]]:
    """Each line of the filing's funds (totals included) with its side, 收入构成 first."""
    return [(side, line) for side, table in (("收入构成", filing.funds.income), ("支出构成", filing.funds.expenditure))
            for line in _lines(table)]


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
    cells: tuple[FiledValue | None, ...]  # one per column
    changes: tuple[Change | None, ...]  # change from the previous column with a value


@dataclass(frozen=True)
class IndicatorHistory:
    """The indicators of one kind of department goal (年度, 中期, 长期) over the years: a 中期 target is never
    compared with a 年度 one."""

    goal_kind: str
    columns: tuple[YearColumn, ...]
    rows: tuple[IndicatorHistoryRow, ...]


def indicator_histories(filings: tuple[FilingView, ...]) -> tuple[IndicatorHistory, ...]:
    """Department-level indicators followed across filings by their stable id, one table per kind of goal
    (in the order 年度, 中期, 长期) whose goals have indicators; with none at all, one empty table of the first
    kind filed (the page then says there is nothing to follow)."""
    ordered = in_stage_order(filings)
    goals = [g for f in ordered for g in f.goals]
    kinds = [kind for kind in GOAL_ORDER if any(g.kind == kind and g.indicators for g in goals)]
    kinds = kinds or [kind for kind in GOAL_ORDER if any(g.kind == kind for g in goals)][:1]
    return tuple(_indicator_history(ordered, kind) for kind in kinds)


def _indicator_history(filings: list[Filing], goal_kind: str) -> IndicatorHistory:
    with_goals = [f for f in filings if any(g.kind == goal_kind for g in f.goals)]
    indicators = [(f, i) for f in with_goals for g in f.goals if g.kind == goal_kind for i in g.indicators if i.name]
    columns = year_columns(with_goals, {year for _, i in indicators for year in i.prior})
    found: dict[str, dict] = {}
    for filing, indicator in indicators:
        row = found.setdefault(indicator.stable_id, {"ind": indicator, "cells": {}})
        # An indicator twice in one filing's goals of this kind: the first is followed (the filing page shows both).
        row["cells"].setdefault(filing_column(columns, filing),
                                FiledValue(indicator.value, indicator.value_type, indicator.unit))
    for filing, indicator in indicators:
        cells = found[indicator.stable_id]["cells"]
        # A prior-year value shares its row's unit; the comparator column is about the target.
        for year, value in indicator.prior.items():
            cells.setdefault(prior_column(columns, year), FiledValue(value, None, indicator.unit))
    rows = tuple(_history_row(key, row, columns) for key, row in found.items() if len(row["cells"]) > 1)
    return IndicatorHistory(goal_kind, columns, rows)


def _history_row(key: str, row: dict, columns: tuple[YearColumn, ...]) -> IndicatorHistoryRow:
    cells = tuple(row["cells"].get(c) for c in columns)
    ind = row["ind"]
    return IndicatorHistoryRow(key, ind.level1, ind.level2, ind.name, cells,
                               changes_along([c.value if c else None for c in cells]))


# --- 年度主要任务 over the years -----------------------------------------------------

@dataclass(frozen=True)
class TaskYear:
    total: Decimal | None  # 预算金额（总额）as filed; None when the task has no amount
    unit: str  # the filing's money unit


@dataclass(frozen=True)
class TaskHistoryRow:
    name: str
    cells: tuple[TaskYear | None, ...]  # one per column; None: that filing's table has no task of this name
    changes: tuple[Change | None, ...]  # against the column before: 新增, or its amount raised, lowered …


@dataclass(frozen=True)
class TaskHistory:
    columns: tuple[YearColumn, ...]  # the filings with a task table, ascending
    rows: tuple[TaskHistoryRow, ...]


def task_history(filings: tuple[FilingView, ...]) -> TaskHistory | None:
    """年度主要任务 followed across the years by the task's name (the forms give a task no code); None unless two
    years have a task table. The latest filing's tasks come first, in their order, then those of earlier ones."""
    with_tasks = [f for f in in_stage_order(filings) if f.tasks]
    if len({f.fiscal_year for f in with_tasks}) < 2:
        return None
    columns = year_columns(with_tasks)
    by_column: dict[YearColumn, dict[str, TaskYear]] = {}
    for filing in with_tasks:
        tasks = by_column.setdefault(filing_column(columns, filing), {})
        for task in filing.tasks.lines:
            tasks.setdefault(task.name, TaskYear(task.budget.total if task.budget else None, filing.money_unit))
    names = dict.fromkeys(name for column in reversed(columns) for name in by_column[column])
    return TaskHistory(columns, tuple(_task_row(name, tuple(by_column[c].get(name) for c in columns))
                                      for name in names))


def _task_row(name: str, cells: tuple[TaskYear | None, ...]) -> TaskHistoryRow:
    changes = [None] + [_task_change(now, before) for before, now in zip(cells, cells[1:])]
    return TaskHistoryRow(name, cells, tuple(changes))


def _task_change(now: TaskYear | None, before: TaskYear | None) -> Change | None:
    """A task new to this filing's table is 新增; amounts compare only in the same unit, never converted."""
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
    return tuple(sorted(found, key=lambda p: (p.year, STAGES.index(p.kind))))


def year_budget(budget: Budget) -> Decimal | None:
    """A year's money, whichever way its form words it: 本年度预算, 年度资金总额, else 项目总预算."""
    annual = budget.annual.total if budget.annual else None
    return next((v for v in (budget.this_year, annual, budget.total) if v is not None), None)


def _same_project(a: Project, b: Project) -> bool:
    if a.code and b.code:
        return a.code == b.code
    return bool(a.name) and a.name == b.name
