"""Lay out an indicator table as the forms do: 一级 and 二级 as merged cells.

The layout (rowspans, which optional columns the table needs, the change of each
target against the latest prior-year value) is computed here so templates stay
simple and the same table renders the same way on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from .identity import indicator_anchors
from .models import Goal, Indicator
from .yoy import Change, compare_values

# Optional columns, in the order of the forms, shown only when a table has them.
OPTIONAL_COLUMNS = (
    ("value_type", "指标值类型"), ("unit", "计量单位"), ("description", "指标解释"),
    ("basis", "指标值确定依据"), ("category", "指标分类"), ("scoring", "评（扣）分标准"),
    ("weight", "分值"), ("remark", "备注"),
)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    anchor: str
    level1_span: int  # rows the 一级 cell spans; 0 when merged into the row above
    level2_span: int
    prior: tuple[str | None, ...]  # values for IndicatorTable.prior_years
    change: Change | None  # the target against the latest prior-year value
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorTable:
    caption: str
    prior_years: tuple[int, ...]
    columns: tuple[tuple[str, str], ...]  # (field, header) of the optional columns present
    rows: tuple[IndicatorRow, ...]

    @property
    def column_count(self) -> int:
        return 4 + len(self.prior_years) + len(self.columns) + (1 if self.prior_years else 0)


def indicator_table(goal: Goal, key: str, caption: str, warnings: dict[int, tuple[str, ...]]) -> IndicatorTable:
    indicators = goal.indicators
    years = tuple(goal.prior_years) or tuple(sorted({y for i in indicators for y in i.prior}))
    columns = tuple(c for c in OPTIONAL_COLUMNS if any(getattr(i, c[0]) for i in indicators))
    spans1 = _spans([(i.level1,) for i in indicators])
    spans2 = _spans([(i.level1, i.level2) for i in indicators])
    rows = tuple(
        IndicatorRow(ind, anchor, spans1[n], spans2[n], tuple(ind.prior.get(y) for y in years),
                     _change(ind, years), warnings.get(n, ()))
        for n, (ind, anchor) in enumerate(zip(indicators, indicator_anchors(goal, key))))
    return IndicatorTable(caption, years, columns, rows)


def _change(indicator: Indicator, years: tuple[int, ...]) -> Change | None:
    if not years:
        return None
    latest = next((indicator.prior.get(y) for y in reversed(years) if indicator.prior.get(y)), None)
    return compare_values(indicator.value, latest)


def _spans(keys: list[tuple]) -> list[int]:
    """Rowspan of each row's cell: runs of equal keys merge into their first row."""
    spans = [0] * len(keys)
    start = 0
    for n in range(1, len(keys) + 1):
        if n == len(keys) or keys[n] != keys[start]:
            spans[start] = n - start
            start = n
    return spans
