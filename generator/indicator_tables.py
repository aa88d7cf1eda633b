"""Lay out an indicator table as the forms do: 一级 and 二级 as merged cells.

The layout (rowspans, which optional columns the table needs, the change of each
target against the latest prior-year value) is computed here so templates stay
simple and the same table renders the same way on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding
from .identity import indicator_anchors
from .models import Goal, Indicator
from .vocabulary import label
from .yoy import Change, compare_values

# Optional columns, in the order of the forms, shown only when a table has them.
OPTIONAL_COLUMNS = ("value_type", "unit", "description", "basis", "category", "scoring", "weight", "remark")


SHORT = 8  # a column whose every cell is at most this long is kept on one line


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    nowrap: bool  # short codes such as ≥, 件, 绩效基本型 read badly when broken over lines


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    anchor: str
    level1_span: int  # rows the 一级 cell spans; 0 when merged into the row above
    level2_span: int
    prior: tuple[str | None, ...]  # values for IndicatorTable.prior_years
    change: Change | None  # the target against the latest prior-year value
    findings: tuple[Finding, ...]  # `check` warnings about this row


@dataclass(frozen=True)
class IndicatorTable:
    caption: str
    prior_years: tuple[int, ...]
    columns: tuple[Column, ...]  # the optional columns present
    rows: tuple[IndicatorRow, ...]

    @property
    def column_count(self) -> int:
        return 4 + len(self.prior_years) + len(self.columns) + (1 if self.prior_years else 0)


def indicator_table(goal: Goal, key: str, caption: str, findings: dict[int, tuple[Finding, ...]]) -> IndicatorTable:
    indicators = goal.indicators
    years = tuple(goal.prior_years) or tuple(sorted({y for i in indicators for y in i.prior}))
    columns = tuple(_column(field, label(Indicator, field), indicators) for field in OPTIONAL_COLUMNS
                    if any(getattr(i, field) for i in indicators))
    spans1, spans2 = hierarchy_spans([(i.level1, i.level2) for i in indicators])
    rows = tuple(
        IndicatorRow(ind, anchor, spans1[n], spans2[n], tuple(ind.prior.get(y) for y in years),
                     _change(ind, years), findings.get(n, ()))
        for n, (ind, anchor) in enumerate(zip(indicators, indicator_anchors(goal, key))))
    return IndicatorTable(caption, years, columns, rows)


def _column(field: str, header: str, indicators: list[Indicator]) -> Column:
    return Column(field, header, all(len(getattr(i, field) or "") <= SHORT for i in indicators))


def _change(indicator: Indicator, years: tuple[int, ...]) -> Change | None:
    if not years:
        return None
    latest = next((indicator.prior.get(y) for y in reversed(years) if indicator.prior.get(y)), None)
    return compare_values(indicator.value, latest)


def hierarchy_spans(levels: list[tuple[str | None, str | None]]) -> tuple[list[int], list[int]]:
    """Rowspans of the 一级 and 二级 cells of rows given as (level1, level2)."""
    return _spans([(l1,) for l1, _ in levels]), _spans(list(levels))


def _spans(keys: list[tuple]) -> list[int]:
    """Rowspan of each row's cell: runs of equal keys merge into their first row."""
    spans = [0] * len(keys)
    start = 0
    for n in range(1, len(keys) + 1):
        if n == len(keys) or keys[n] != keys[start]:
            spans[start] = n - start
            start = n
    return spans
