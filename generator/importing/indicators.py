"""Indicator tables: header columns (in any order or subset) and rows → indicators.

Rows are read as the content format asks: 一级/二级 labels of merged cells are filled down;
a row whose cells slid left or right against the header is re-aligned on the table's usual
last column; a label that slid into the wrong column is read by what it says. Every such
judgement becomes an editorial note on the indicator.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..indicator_values import COMPARATORS
from ..models import Indicator
from ..vocabulary import FIELD_LABELS
from .document import Cell
from .funds import is_total_row
from .layouts import (ACHIEVED, COMPARATOR_HEADS, DIRECTION_HEADS, LEVEL1, LEVEL2, LEVEL2_OF, RELATIVE_NAMES,
                      STRUCTURE_LABELS, TABLE_NOTE, UNDATED_PRIOR, VALUE_PART_WORDS, adjusted_from_head,
                      adjusted_from_reason, adjusted_to_head, header_fields, header_keys, indicator_column,
                      is_label_like, monitoring_head, monitoring_reason, normalize, self_evaluation_head,
                      self_evaluation_reason, without_field_reason)

LEVEL_FIELDS = ("level1", "level2")
# A 合计 row under the indicators adds up their scores (分值/权重): no indicator, and the content format has no field for it.
TOTAL_ROW_REASON = "指标表的合计行（各指标分值、权重的合计）；文件格式中指标表没有合计的字段，未录入"
LONE_TEXT_REASON = ("指标表中只有这一格的一行（复制的文字中，表格下面或两张表之间只有一格的一行），写的不是一级、二级指标，"
                    "也没有三级指标和指标值，不是指标，未录入")
FIELD_ORDER = ("seq", "level1", "level2", "name", "value", "value_mid", "value_type", "value_type_mid", "unit",
               "unit_mid", "prior", "basis",
               "category", "description", "scoring", "weight", "weight_mid", "remark", "notes")


def in_field_order(indicator: dict[str, Any]) -> dict[str, Any]:
    return {key: indicator[key] for key in FIELD_ORDER if key in indicator}


# 定性 or 定量 where a comparator stands ("符号 | 指标值": "定性 | 好"): what 指标值类型 (value_type) holds too.
VALUE_NATURES = {"定性", "定量"}


def _comparator_head(head: str) -> str | None:
    """"comparator" for a column of the value's comparator (符号), "direction" for 指标方向, None for any other head."""
    keys = header_keys(head)
    if any(key in COMPARATOR_HEADS for key in keys):
        return "comparator"
    return "direction" if any(key in DIRECTION_HEADS for key in keys) else None


@dataclass
class Columns:
    fields: dict[int, str]  # column → indicator field
    years: dict[int, int | str]  # column → prior year (or "last", "before_last" until the fiscal year is known)
    header_cells: list[Cell]
    # column → its header cell, for a header the content format has no field for (实际完成值, 是否核心指标): still a
    # column, so no other cell is read in its place, and its cells are listed as not placed with `reason`
    others: dict[int, Cell] = field(default_factory=dict)
    own_year: int | None = None  # the filing's year: its 实际完成值 column is a 自评 result (see `header_columns`)
    # column → the head of the column read for the same field ("分值 | 权重(%)"): one field holds one of them
    twins: dict[int, str] = field(default_factory=dict)
    # column → why its cells are not placed, said when the header was read: a sub-head under a head spanning it
    # ("分值" over "上年 | 本年"), whose own text does not say what the column is (see `_parts_beside_value`)
    reasons: dict[int, str] = field(default_factory=dict)
    # the years of the sub-heads under a head beside the value head ("实际完成值", "分值" over "2025年 | 2026年"):
    # which is the filing's own is known only once its year is (see `value_years`, `_parts_beside_value`)
    sub_years: set[int] = field(default_factory=set)

    def reason(self, column: int) -> str:
        if column in self.reasons:
            return self.reasons[column]
        head = self.others[column].text
        result = self_evaluation_head(head, self.own_year)
        if result:
            return self_evaluation_reason(result)
        if monitoring_head(head):
            return monitoring_reason(monitoring_head(head) or head)
        if column in self.twins:
            return twin_reason(head, self.twins[column], indicator_column(head) or "")
        if adjusted_from_head(head) and "value" in self.fields.values():
            return adjusted_from_reason(head)
        later = (indicator_column(head) or "").removeprefix("prior:")
        if self.own_year is not None and later.isdigit() and int(later) > self.own_year:
            return (f"原表“{head}”一列是{later}年（本年度{self.own_year}年以后）的目标值；文件格式中只有本年度的指标值和"
                    "往年指标值（prior），没有以后年度的字段，未录入")
        if column in self.own_values:
            return (f"原表“{head}”一列是本年度（{self.own_year}年）的指标值，与“指标值”一列并列；文件格式中一个指标只有一个"
                    "指标值，已按“指标值”一列录入，此列未录入，请核对两列是否一致")
        if UNDATED_PRIOR.match(normalize(head)):
            return (f"原表“{head}”一列是往年的指标值，但没有写是哪一年的；文件格式中的往年指标值按年份录入（prior），"
                    "此列未录入，请按原表说明的年份手工录入")
        return without_field_reason(head)

    @property
    def own_values(self) -> set[int]:
        """Columns of the filing's own year's values ("2025年指标值" in a 2025 filing) beside a 指标值 column."""
        return {c for c, cell in self.others.items() if indicator_column(cell.text) == f"prior:{self.own_year}"}

    @property
    def value_years(self) -> set[int]:
        """The years of year-headed value columns beside a 指标值 column: the one that is the filing's own year is a
        second value of each indicator (see `header_columns`)."""
        if "value" not in self.fields.values():
            return set(self.sub_years)
        return {year for year in self.years.values() if isinstance(year, int)} | self.sub_years

    @property
    def first_data(self) -> int:
        """The first column after the labels: where a row's own content starts."""
        data = [c for c, f in self.fields.items() if f not in ("level1", "level2", "seq")]
        return min(data) if data else 0

    @property
    def prior_years(self) -> list[int | str]:
        return [self.years[c] for c in sorted(self.years)]


def header_columns(rows: list[list[Cell]], above: list[Cell] | None,
                   own_year: int | None = None) -> tuple[Columns, int]:
    """Columns named by the header row and the sub-header rows under it; returns how many rows the header has.
    `own_year`, the filing's year: its achieved values ("2025年实际完成值") are 自评 results, a column without a field
    (an earlier year's are prior-year values), and beside a 指标值 column its values ("2025年指标值") are a second value
    of each indicator: a column without a field, listed, never the prior year's nor silently left out."""
    fields: dict[int, str] = {}
    years: dict[int, int | str] = {}
    others: dict[int, Cell] = {}
    cells: list[Cell] = []
    year_heads: dict[int, Cell] = {}
    field_heads: dict[int, Cell] = {}  # column → the head its field was read from, in this header row
    twins: dict[int, str] = {}
    reasons: dict[int, str] = {}
    span_heads: dict[int, Cell] = {}  # column → the head spanning its sub-head, beside the value head
    sub_years: set[int] = set()
    used = 0
    for depth, row in enumerate(rows):
        field_heads.clear()  # a head over sub-heads ("指标值" over "近两年指标值 | 预期当年实现值") is no twin of theirs
        row_fields = header_fields([cell.text for cell in row])
        parts = _value_parts(rows[depth - 1], row, fields) if depth else {}
        row_fields = [parts.get(c) or f for c, f in enumerate(row_fields)]
        beside, why = _parts_beside_value(rows[depth - 1], row, fields, own_year) if depth else ({}, {})
        row_fields = [beside[c] if c in beside else f for c, f in enumerate(row_fields)]
        parts |= beside
        named = [(c, None if self_evaluation_head(cell.text, own_year) else row_fields[c])
                 for c, cell in enumerate(row) if cell.text]
        if depth and (not named or any(f is None and c not in parts for c, f in named)):
            break
        used += 1
        reasons |= why
        for column, _ in named if depth else []:
            head = _spanning_head(rows[depth - 1], column)
            if head is not None:
                span_heads[column] = rows[depth - 1][head]
        for column in beside:  # the head over them ("实际完成值") is read with them, said in their reasons
            cells.extend([span_heads[column]] if span_heads[column] not in cells else [])
            year = _sub_year(row[column].text, own_year)
            sub_years |= {year} if isinstance(year, int) else set()
        for column, name in named:
            if name is None:
                if normalize(row[column].text) not in STRUCTURE_LABELS:  # a label beside the table is no column
                    others[column] = row[column]
                if column in parts:  # the comparator's column under the value head holds no value
                    fields.pop(column, None)
                continue
            twin = next((c for c, f in fields.items() if f == name and c != column and c in field_heads), None)
            if twin is not None and not name.startswith("prior:"):
                # "分值 | 权重(%)": two columns of one field; read as one, the second would silently replace the first
                others[column], twins[column] = row[column], field_heads[twin].text
                continue
            cells.append(row[column])
            others.pop(column, None)
            if name == "prior:group":
                continue
            if name.startswith("prior:"):
                years[column] = int(name[6:]) if name[6:].isdigit() else name[6:]  # "last", "before_last"
                year_heads[column] = row[column]
                fields.pop(column, None)
            else:
                fields[column] = name
                field_heads[column] = row[column]
                years.pop(column, None)
    if above:  # a "#" over the sequence column sits one row higher in system exports
        for column, cell in enumerate(above):
            if cell.text and column not in fields and indicator_column(cell.text) == "seq":
                fields[column] = "seq"
                cells.append(cell)
    if own_year in years.values() and "value" in fields.values():  # the year's own values beside 指标值
        for column in [c for c, year in years.items() if year == own_year]:
            del years[column]
            others[column] = year_heads[column]
            cells.remove(year_heads[column])
    if own_year is not None:  # "2026年目标值 | 2027年 | 2028年": a later year's targets are no prior-year values
        for column in [c for c, year in years.items() if isinstance(year, int) and year > own_year]:
            del years[column]
            others[column] = year_heads[column]
            cells.remove(year_heads[column])
    for column in _second_of_a_year(years):  # "指标值" and "实际完成值" each over "2024年 | 2025年": one prior a year
        kept = next(c for c in sorted(years) if years[c] == years[column])
        reasons[column] = _second_year_reason(_head_label(column, year_heads, span_heads),
                                              _head_label(kept, year_heads, span_heads))
        del years[column]
        others[column] = year_heads[column]
        cells.remove(year_heads[column])
    return Columns(fields, years, cells, others, own_year, twins, reasons, sub_years), used


def _spanning_head(upper: list[Cell], column: int) -> int | None:
    """The column of the head of `upper` spanning `column`: the head right above it, or the nearest one left of it
    over blank slots merged into it (or left blank, as `spread_sub_heads` spreads copied text). None for none."""
    for at in range(column, -1, -1) if column < len(upper) else ():  # a short row of copied text spans no more
        if upper[at].text:
            merged = all(upper[b].merged_from in (None, upper[at].location) for b in range(at + 1, column + 1))
            return at if merged else None
    return None


def _sub_year(text: str, own_year: int | None) -> int | str | None:
    """The year a sub-head names: "own" for the filing's (本年, 年度, "2026年" in a 2026 filing), the year, "last" or
    "before_last" for another (2025年, 上年, 前年); None for a sub-head naming no year (中期 neither: a 中期 分值 would
    need a field of the 中期 goal's own)."""
    if VALUE_PART_WORDS.get(normalize(text)) == "value":
        return "own"
    field = indicator_column(text) or ""
    if not field.startswith("prior:") or field == "prior:group":
        return None
    year = field.removeprefix("prior:")
    if not year.isdigit():
        return year
    return "own" if int(year) == own_year else int(year)


def _parts_beside_value(upper: list[Cell], row: list[Cell], fields: dict[int, str],
                        own_year: int | None) -> tuple[dict[int, str | None], dict[int, str]]:
    """Year sub-heads under a head beside the value head, each head merged over the same years ("指标值 | 分值" over
    "上年 | 本年 | 上年 | 本年", "指标值 | 实际完成值" over "2025年 | 2026年 | 2025年 | 2026年"): a year says which of the
    head's columns is the filing's. Under 分值 (权重) the year's is the weight; under an achieved value (实际完成值)
    an earlier year's is a prior-year value, as "2025年实际完成值" is. Any other column is no field: column → None and
    why it is not placed (another year's 分值; the year's own 实际完成值, a 自评 result). Read as heads of their own,
    "上年" was taken for an indicator and the 分值 columns were lost from the header."""
    parts: dict[int, str | None] = {}
    why: dict[int, str] = {}
    for column, cell in enumerate(row):
        at = _spanning_head(upper, column) if cell.text else None
        year = _sub_year(cell.text, own_year) if at is not None else None
        if at is not None and fields.get(at) == "weight" and _mid_sub_head(cell.text):
            # "分值" over "中期 | 年度": the 中期 column is the weight of the 中期 goal's indicators (`MID_PARTS`); before,
            # the row was read as an indicator ("中期" its value), the 年度 cells listed as not recognised
            parts[column] = "weight_mid"
            continue
        if at is None or year is None:
            continue
        head = upper[at].text
        result = self_evaluation_head(head, own_year)
        if fields.get(at) == "weight":
            parts[column] = "weight" if year == "own" else None
            if year != "own":
                why[column] = (f"原表“{head}”下的“{cell.text}”一列不是本年度的{head}；文件格式中一个指标只录本年度的"
                               "分值（权重），此列未录入，请核对")
        elif result in ACHIEVED and year != "own":
            parts[column] = f"prior:{year}"
        elif result:
            parts[column] = None
            why[column] = self_evaluation_reason(f"{head}（{cell.text}）")
    return parts, why


def _mid_sub_head(text: str) -> bool:
    """A 中期 (实施期) period's sub-head, as under a value or 分值 head spanning "中期 | 年度"."""
    return VALUE_PART_WORDS.get(normalize(text)) == "value_mid"


def _second_of_a_year(years: dict[int, int | str]) -> list[int]:
    """The columns of a prior year that an earlier column is of already: a year holds one prior-year value."""
    return [c for c in sorted(years) if any(years[b] == years[c] for b in years if b < c)]


def _head_label(column: int, year_heads: dict[int, Cell], span_heads: dict[int, Cell]) -> str:
    """A year's column as a reason names it: “实际完成值”下的“2025年” (under a head), or “2025年实际完成值”."""
    head = span_heads.get(column)
    sub = year_heads[column].text
    return f"“{head.text}”下的“{sub}”" if head is not None and head.text != sub else f"“{sub}”"


def _second_year_reason(second: str, kept: str) -> str:
    return (f"原表{second}一列与{kept}一列是同一年的往年指标值；文件格式中一个指标每年只录一项往年指标值（prior），"
            f"已按{kept}一列录入，此列未录入，请核对两列")


def twin_reason(head: str, kept: str, key: str) -> str:
    """Why the second of two columns of one field ("分值 | 权重(%)") is not placed."""
    label = FIELD_LABELS[Indicator].get(key) if key in FIELD_LABELS[Indicator] else None
    what = f"“{label}”" if label else "同一项"
    return (f"原表“{head}”一列与“{kept}”一列在文件格式中都是{what}，一个指标只录一项，已按“{kept}”一列录入，"
            "此列未录入，请核对两列")


# The value split under its head (layouts.VALUE_PART_WORDS): a comparator head (符号) there is a column of its own (read
# as value_type, see `_comparator_as_type`). Under the 中期 head beside the 年度 one, the comparator and unit are the
# 中期 value's own (`MID_PARTS`).
MID_PARTS = {"value_type_mid": "value_type", "unit_mid": "unit", "weight_mid": "weight"}  # weight_mid: see
# `_parts_beside_value` ("分值" over "中期 | 年度")


def _value_parts(upper: list[Cell], row: list[Cell], fields: dict[int, str]) -> dict[int, str | None]:
    """The sub-header cells of `row` under a value head of `upper` spanning them (merged over them, or with blank
    cells right of it): column → field, None for a comparator's column (the 中期 one's: value_type_mid). Empty when
    no value head spans columns."""
    parts: dict[int, str | None] = {}
    head: int | None = None  # the column of the value head spanning this one
    for column, cell in enumerate(upper):
        if cell.text:
            head = column if fields.get(column) in ("value", "value_mid") else None
        elif head is not None and cell.merged_from not in (None, upper[head].location):
            head = None
        if head is None or column >= len(row) or not row[column].text:
            continue
        key = normalize(row[column].text)
        mid = fields[head] == "value_mid"
        if key in VALUE_PART_WORDS and fields[head] == "value" and VALUE_PART_WORDS[key].startswith("value"):
            parts[column] = VALUE_PART_WORDS[key]  # "指标值" over "中期 | 年度"
        elif key in VALUE_PART_WORDS:
            part = VALUE_PART_WORDS[key] or fields[head]
            parts[column] = "unit_mid" if mid and part == "unit" else part
        elif _comparator_head(row[column].text) == "comparator":
            parts[column] = "value_type_mid" if mid else None
        elif adjusted_to_head(row[column].text):  # "指标值" over "调整前 | 调整后" (绩效目标调整表): the adjusted is the target
            parts[column] = fields[head]
        elif adjusted_from_head(row[column].text):  # what it replaced: listed (`Columns.reason`), never the value
            parts[column] = None
    return parts


def _sub_head(text: str) -> bool:
    """A head that only ever stands under a value head: a period's (中期, 年度), an adjustment's side (调整前, 调整后),
    a year's (上年, 2025年), a value's part (符号, 数值, 单位), or a value's own head (本年目标值). Not a group head
    (近两年指标值): it spans sub-heads of its own, so how many slots it takes the row does not say."""
    field = header_fields([text])[0] or ""
    return normalize(text) in VALUE_PART_WORDS or _comparator_head(text) == "comparator" \
        or adjusted_from_head(text) or adjusted_to_head(text) or field in ("value", "value_mid", "unit") \
        or (field.startswith("prior:") and field != "prior:group")


def _sub_heads(cells: list[Cell]) -> bool:
    """Sub-heads of one head, each said once: a word said twice ("上年 | 本年 | 上年 | 本年") stands under two heads
    (指标值 and 分值), and which of them spans which the copy no longer says."""
    keys = [normalize(cell.text) for cell in cells]
    return len(set(keys)) == len(keys) and all(_sub_head(cell.text) for cell in cells)


def spread_sub_heads(header: list[Cell], below: list[Cell]) -> tuple[list[Cell], list[Cell]] | None:
    """Copied text of a value head merged over its sub-heads ("指标值" over "中期 | 年度", "调整前 | 调整后", "上年 |
    本年"): the copy drops a merged range's slots, so the head stands in one slot (or keeps its blank ones) and the
    sub-heads, their row's labels merged down and dropped, are left-packed, right-aligned or in place. Returns the
    two rows as the form draws them: the head widened over as many slots as there are sub-heads, each sub-head under
    it in order. None when `below` holds anything but sub-heads (an indicator's row), or the header no single value
    head to put them under. Heads beside the value head merged over the same sub-heads (`_twin_sub_heads`) are
    widened each over its share."""
    subs = [cell for cell in below if cell.text]
    heads = [c for c, f in enumerate(header_fields([cell.text for cell in header]))
             if f in ("value", "value_mid") and header[c].text]
    twins = _twin_sub_heads(header, subs)
    if twins is None and (len(subs) < 2 or len(heads) != 1 or not _sub_heads(subs)):
        return None
    heads = twins or heads
    share = len(subs) // len(heads)
    wide: list[Cell] = []
    starts: list[int] = []  # where each head stands in the widened row
    for at, head in enumerate(heads):
        wide += header[(heads[at - 1] + 1 if at else 0):head + 1]
        starts.append(len(wide) - 1)
        blanks = next((n for n, cell in enumerate(header[head + 1:]) if cell.text), len(header) - head - 1)
        wide += [Cell("", "")] * max(share - 1 - blanks, 0)
    wide += header[heads[-1] + 1:]
    spread = [Cell("", "")] * len(wide)
    for at, start in enumerate(starts):
        spread[start:start + share] = subs[at * share:(at + 1) * share]
    return wide, spread


def _twin_sub_heads(header: list[Cell], subs: list[Cell]) -> list[int] | None:
    """The columns of the heads that each span the same sub-heads ("指标值 | 分值" over "上年 | 本年 | 上年 | 本年",
    "指标值 | 实际完成值" or "近两年指标值 | 近两年实际完成值" over "2024年 | 2025年 | 2024年 | 2025年"): the sub-heads said
    once per head, in the same order (`_shares`), and as many such heads as times they are said, so each head's share
    is plain. Two group heads (近两年…) are the ones spanning (a value head beside them is merged down); else the
    value head and 分值 (权重) or a 自评 result's head. None for anything else: which head spans which sub-heads is
    then not said, never guessed."""
    fields = header_fields([cell.text for cell in header])
    groups = [c for c, f in enumerate(fields) if f == "prior:group" and header[c].text]
    heads = groups if len(groups) > 1 else [c for c, f in enumerate(fields) if header[c].text and (
        f in ("value", "value_mid", "weight") or self_evaluation_head(header[c].text))]
    if len(groups) < 2 and not any(fields[c] in ("value", "value_mid") for c in heads):
        return None
    return heads if len(heads) > 1 and _shares(subs, len(heads)) else None


def _shares(subs: list[Cell], heads: int) -> list[list[Cell]] | None:
    """`subs` split among `heads` heads: each head's share the same distinct sub-heads in the same order, at least
    two; None when they are said otherwise ("2023年 | 2024年 | 2025年" under two heads: whose is 2024年?)."""
    share = len(subs) // heads if heads and len(subs) % heads == 0 else 0
    if share < 2:
        return None
    parts = [subs[at:at + share] for at in range(0, len(subs), share)]
    said = {tuple(normalize(cell.text) for cell in part) for part in parts}
    return parts if len(said) == 1 and _sub_heads(parts[0]) else None


ThreeRows = tuple[list[Cell], list[Cell], list[Cell]]


def spread_value_groups(header: list[Cell], middle: list[Cell], below: list[Cell]) -> ThreeRows | None:
    """Copied text of a three-row header: a value head merged over a group head and heads merged down ("指标值" over
    "近两年指标值 | 预期当年实现值"), the group head over sub-heads of its own ("2024年 | 2025年"). The copy drops every
    merged range's slots, so both lower rows come left-packed. The lower rows' heads can only go under the one head
    above that spans them: the sub-heads under the one group head (the only middle head that spans any), the middle
    heads under the one value head. Two group heads ("近两年指标值 | 近两年实际完成值") each take their share of the
    sub-heads when each is said the same years (`_shares`). Returns the three rows as the form draws them; None when
    the rows are no such header (the middle row not group heads among sub-heads, the lower row anything but distinct
    sub-heads or one such share per group head)."""
    mids = [cell for cell in middle if cell.text]
    subs = [cell for cell in below if cell.text]
    heads = [c for c, f in enumerate(header_fields([cell.text for cell in header]))
             if f in ("value", "value_mid") and header[c].text]
    groups = [at for at, cell in enumerate(mids) if header_fields([cell.text])[0] == "prior:group"]
    one = [subs] if len(subs) > 1 and _sub_heads(subs) else None
    shares = one if len(groups) == 1 else _shares(subs, len(groups))
    if len(heads) != 1 or not groups or not shares \
            or not _sub_heads([cell for at, cell in enumerate(mids) if at not in groups]):
        return None
    head = heads[0]
    width = len(mids) + len(subs) - len(groups)  # each group head widened over its sub-heads, other heads one slot
    blanks = next((n for n, cell in enumerate(header[head + 1:]) if cell.text), len(header) - head - 1)
    wide = header[:head + 1] + [Cell("", "")] * max(width - 1 - blanks, 0) + header[head + 1:]
    spread_middle, spread_below = [Cell("", "")] * head, [Cell("", "")] * head
    for at, cell in enumerate(mids):
        under = shares[groups.index(at)] if at in groups else [Cell("", "")]
        spread_middle += [cell] + [Cell("", "")] * (len(under) - 1)
        spread_below += under
    pad = [Cell("", "")] * (len(wide) - len(spread_middle))
    return wide, spread_middle + pad, spread_below + pad


def spread_group_heads(upper: list[Cell], lower: list[Cell]) -> tuple[list[Cell], list[Cell]] | None:
    """Copied text of 绩效指标 merged over 一级指标 | 二级指标 | 三级指标, the heads right of it merged down (指标值,
    备注) or over sub-heads of their own ("指标值" over "中期 | 年度"): the copy drops the merged slots, so the group
    head stands in one slot with the next heads right beside it, and the lower row holds the levels, then the
    sub-heads. Returns the two rows as drawn: the group head over the levels, the value head over its sub-heads, each
    other head over a blank. None when the group head kept its slots (read as it is) or the rows are no such pair."""
    heads = [cell for cell in upper if cell.text]
    subs = [cell for cell in lower if cell.text]
    levels = 0
    while levels < len(subs) and indicator_column(subs[levels].text) in ("level1", "level2", "name"):
        levels += 1
    rest = subs[levels:]
    if levels < 2 or len(upper) < 2 or not upper[0].text or not upper[1].text or not lower[0].text \
            or normalize(upper[0].text) not in STRUCTURE_LABELS:
        return None
    values = [at for at, cell in enumerate(heads) if indicator_column(cell.text) in ("value", "value_mid")]
    if rest and (len(values) != 1 or not _sub_heads(rest)):
        return None
    wide, spread = [heads[0]] + [Cell("", "")] * (levels - 1), subs[:levels]
    for at, head in enumerate(heads[1:], 1):
        under = rest if rest and at == values[0] else [Cell("", "")]
        wide += [head] + [Cell("", "")] * (len(under) - 1)
        spread += under
    return wide, spread


def continues_indicators(row: list[Cell], columns: Columns) -> bool:
    """A row that is the table's next indicator after a blank row: a usual 一级 or 二级 label, a name and a value."""
    def text(field: str) -> str:
        column = next((c for c, f in columns.fields.items() if f == field), None)
        return row[column].text if column is not None and column < len(row) else ""
    return bool(text("name") and text("value")) and (text("level1") in LEVEL1 or text("level2") in LEVEL2)


def names_in_level2(columns: Columns, rows: list[list[Cell]]) -> dict[str, str] | None:
    """A table of two levels ("一级指标 | 二级指标 | 指标值", no 三级指标) whose 二级 cells are no labels but the
    indicators' names ("养护里程"): read as 二级 labels they would be filled down onto the next rows and leave every
    indicator without a name. The column is read as the 三级指标; returns the goal's note saying so (None when the
    table has a 三级指标 column or any 二级 cell is a label)."""
    column = next((c for c, f in columns.fields.items() if f == "level2"), None)
    if column is None or "name" in columns.fields.values():
        return None
    texts = [row[column].text for row in rows if len(row) > column and row[column].text]
    if not texts or any(is_label_like(text) for text in texts):
        return None
    columns.fields[column] = "name"
    head = next(c.text for c in columns.header_cells if indicator_column(c.text) == "level2")
    return {"field": "indicators", "text": f"原表指标表只有两级，“{head}”一列写的是各项指标的名称（如“{texts[0]}”），"
                                           "不是“数量指标”这样的二级指标；编者录作三级指标。"}


def _unbroken_label(cell: Cell) -> Cell:
    """"产\n出\n指\n标", "时效\n指标", "产 出 指 标": a 一级/二级 label typed a few characters a line to fit a narrow
    column (in Word, Enter after each), or spaced out across a wide one, is that label; the breaks and spaces are no
    part of it. Any other text is kept as written."""
    if cell.text == "".join(cell.text.split()):
        return cell
    joined = "".join(cell.text.split())
    return Cell(joined, cell.location, cell.merged_from, cell.number) if joined in LEVEL1 or joined in LEVEL2 else cell


@dataclass
class IndicatorReader:
    columns: Columns
    rows: list[list[Cell]]  # the data rows of this table (stop rows excluded)
    # Only text copied from a web page drops the cells of merged ranges, so only there can a row's cells
    # have slid against the header; a real grid (HTML, office files) keeps every cell in its column.
    realign: bool = True
    indicators: list[dict[str, Any]] = field(default_factory=list)
    placed: list[Cell] = field(default_factory=list)
    not_read: list[tuple[Cell, str]] = field(default_factory=list)  # cells under `columns.others`, with the reason
    level1: str | None = None
    level2: str | None = None
    pending_level1: str | None = None
    label_row: dict[str, Any] | None = None
    level1_labels: set[str] = field(default_factory=set)  # 一级 labels this table uses
    labels: set[str] = field(default_factory=set)  # every 一级/二级 label of rows in their place
    anchors: dict[int, str] = field(default_factory=dict)  # column → the text it nearly always holds
    without_level2: set[str] = field(default_factory=set)  # 二级 cells of grid rows that truly have no label
    grid_notes: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    unlabelled: bool = False
    usual_width: int = 0  # how many cells (blank ones at the end included) the copy gives a row in its place

    def read(self) -> list[dict[str, Any]]:
        levels = [c for c, f in self.columns.fields.items() if f in LEVEL_FIELDS]
        self.rows = [[_unbroken_label(cell) if c in levels else cell for c, cell in enumerate(row)]
                     for row in self.rows]
        usual_last = self._usual_last()
        level1 = next((c for c, f in self.columns.fields.items() if f == "level1"), None)
        name = next((c for c, f in self.columns.fields.items() if f == "name"), None)
        placed = [row for row in self.rows if self._last(row) == usual_last]
        self.usual_width = Counter(len(row) for row in placed).most_common(1)[0][0] if placed else 0
        if level1 is not None:  # labels from rows in their place only: a slid row's first cell is not a label
            self.level1_labels = {row[level1].text for row in placed if len(row) > level1 and row[level1].text}
        for column, key in self.columns.fields.items():
            if key in ("basis", "category", "value_type"):
                texts = [row[column].text for row in placed if len(row) > column and row[column].text]
                common = Counter(texts).most_common(1)
                if common and len(texts) >= 5 and common[0][1] >= 0.8 * len(placed):
                    self.anchors[column] = common[0][0]
        if name is not None:
            self.labels = {row[c].text for row in placed if len(row) > name and row[name].text
                           for c, f in self.columns.fields.items() if f in LEVEL_FIELDS and row[c].text}
        if not self.realign:
            self._merged_level2()
        for row, notes in self._joined(usual_last):
            key = self._level2_location(row)
            self.unlabelled = key in self.without_level2
            self._row(row, usual_last, notes + self.grid_notes.pop(key, []))
        self._flush_label_row()
        self._fill_leading_level1()
        return self.indicators

    def _merged_level2(self) -> None:
        """In a grid whose 二级 labels are merged cells, only a covered cell repeats the label above it.
        An empty cell outside any merge has no 二级 label — unless the merge of the label just below
        starts one row late (the 鄂州 export): then that label is this row's too."""
        level1 = next((c for c, f in self.columns.fields.items() if f == "level1"), None)
        level2 = next((c for c, f in self.columns.fields.items() if f == "level2"), None)
        if level2 is None or not any(len(row) > level2 and row[level2].merged_from for row in self.rows):
            return
        for index, row in enumerate(self.rows):
            if len(row) <= level2 or row[level2].text or row[level2].merged_from or self._is_label_row(row) \
                    or not any(cell.text for cell in row):
                continue
            below = self.rows[index + 1] if index + 1 < len(self.rows) else None
            starts_below = below is not None and len(below) > level2 and below[level2].text \
                and (level1 is None or not below[level1].text)
            if starts_below:
                label = below[level2].text
                row[level2] = Cell(label, row[level2].location)
                self.grid_notes[row[level2].location] = [{"field": "level2", "text": f"原表二级指标“{label}”的合并单元格从下一行才开始，"
                                                                        "此行的二级指标格空白；编者按下一行的标签读作本行的二级指标。"}]
            else:
                self.without_level2.add(row[level2].location)

    def _level2_location(self, row: list[Cell]) -> str | None:
        column = next((c for c, f in self.columns.fields.items() if f == "level2"), None)
        return row[column].location if column is not None and column < len(row) else None

    def _joined(self, usual_last: int) -> list[tuple[list[Cell], list[dict[str, str]]]]:
        """A lone cell on the row after a row that stops short is that row's next cell (a stray line break)."""
        joined: list[tuple[list[Cell], list[dict[str, str]]]] = []
        for row in self.rows:
            present = [cell for cell in row if cell.text]
            # a line that starts with a blank slot ("\t≥20座") is a row of its own, not the rest of the one above
            if self.realign and len(present) == 1 and joined and not self._is_label_row(row) \
                    and self._seq_column() is None and row[0].text:
                previous, notes = joined[-1]
                last = self._last(previous)
                if 0 <= last < usual_last:
                    column = last + 1
                    previous = previous + [Cell("", "")] * (column + 1 - len(previous))
                    previous[column] = present[0]
                    notes.append({"field": self.columns.fields.get(column, "value"),
                                  "text": f"原表此行在“{previous[last].text}”格之后断行，“{present[0].text}”单独落在下一行；"
                                          f"编者按其位置读作本行的{self._field_label(column)}。"})
                    joined[-1] = (previous, notes)
                    continue
            joined.append((list(row), []))
        return joined

    def _usual_last(self) -> int:
        """Where a row's content normally ends: the header's last column when rows end there, else the usual end."""
        lasts = [self._last(row) for row in self.rows if not self._is_label_row(row) and self._last(row) >= 0]
        header_last = max([*self.columns.fields, *self.columns.years, *self.columns.others], default=0)
        if header_last in lasts or not lasts:
            return header_last
        return Counter(lasts).most_common(1)[0][0]

    @staticmethod
    def _last(row: list[Cell]) -> int:
        return max((c for c, cell in enumerate(row) if cell.text), default=-1)

    def _seq_column(self) -> int | None:
        return next((c for c, f in self.columns.fields.items() if f == "seq"), None)

    def _is_label_row(self, row: list[Cell]) -> bool:
        seq = self._seq_column()
        texts = [(c, cell.text) for c, cell in enumerate(row) if cell.text and c != seq]
        return bool(texts) and all(is_label_like(t) and c < self._value_column() for c, t in texts)

    def _value_column(self) -> int:
        for c, f in sorted(self.columns.fields.items()):
            if f in ("value", "value_mid", "basis", "description", "value_type"):
                return c
        return max(self.columns.fields, default=0) + 1

    def _row(self, row: list[Cell], usual_last: int, notes: list[dict[str, str]]) -> None:
        if not any(cell.text for cell in row):
            return
        if is_total_row(row):
            self.not_read.extend((cell, TOTAL_ROW_REASON) for cell in row if cell.text)
            return
        if self._is_label_row(row):
            self._label_row(row, notes)
            return
        cells = self._aligned(row, usual_last, notes)
        if not cells:
            return
        values = {self.columns.fields[c]: cell.text for c, cell in cells.items() if c in self.columns.fields}
        prior = {self.columns.years[c]: cell.text for c, cell in sorted(cells.items()) if c in self.columns.years}
        self.placed.extend(cell for c, cell in cells.items() if c in self.columns.fields or c in self.columns.years)
        as_type = self._comparator_as_type(cells, values, notes)
        self.not_read.extend((cell, self.columns.reason(c)) for c, cell in cells.items()
                             if c in self.columns.others and cell is not as_type)
        self._name_in_label_column(values, prior, notes)
        labelled = bool(values.get("level1") or values.get("level2"))
        self._labels(values, notes)
        if self.label_row is not None:
            if not labelled and not values.get("seq") \
                    and not self.label_row.get("seq"):
                merged = self.label_row
                self.label_row = None
                self._emit(merged | {k: v for k, v in values.items() if k not in LEVEL_FIELDS and v}, prior,
                           merged.get("notes", []) + notes)
                return
            self._flush_label_row()
        self._emit({k: v for k, v in values.items() if v and k not in LEVEL_FIELDS}, prior, notes)

    def _aligned(self, row: list[Cell], usual_last: int, notes: list[dict[str, str]]) -> dict[int, Cell]:
        """Cells by column. A row whose content ends left or right of the usual last column lost or gained
        cells in the copy: its cells are read in order onto the columns from the right, the cells left over
        become its 一级/二级 labels."""
        present = {c: cell for c, cell in enumerate(row) if cell.text}
        seq = self._seq_column()
        movable = {c: cell for c, cell in present.items() if c != seq}
        last = max(movable, default=-1)
        if len(movable) == 1 and TABLE_NOTE.match(next(iter(movable.values())).text) and self._lone_text(movable):
            # "注：……" in a row of its own, the rest of it blank (a note under the table that Excel's copy, or a
            # sheet, keeps as a row): never a 一级指标, whether or not the table's rows slide
            self.not_read.extend((cell, LONE_TEXT_REASON) for cell in movable.values())
            return {}
        if self.realign and len(movable) == 1:
            lone = self._lone_value(row, movable, usual_last, notes)
            if lone is not None:
                return lone | ({seq: present[seq]} if seq in present else {})
            if self._lone_text(movable):
                self.not_read.extend((cell, LONE_TEXT_REASON) for cell in movable.values())
                return {}
        if not self.realign or len(movable) < 2:
            return present
        # ends where the other rows end, or has a blank cell inside: read in order, its cells would slide
        if last == usual_last or len(movable) <= last - min(movable):
            shifted = self._without_level1_slot(present, notes, row)
            if shifted is not None:
                return shifted
        if last == usual_last:
            return self._anchored(present, movable, seq, notes)
        held = [column for column in self.anchors if column <= last]
        if held and all(column in movable and movable[column].text == self.anchors[column] for column in held):
            return present  # in place by its anchor columns; it only stops short (its last cells are empty)
        if last < usual_last and (self._labels_in_place(movable) or self._name_in_place(movable)):
            return present  # labels (or the name) in their columns: it only stops short (no 计量单位, no 依据)
        whole = self._shifted_whole(movable, usual_last, last, notes, row)
        if whole is None and len(row) - 1 > last:  # the copy kept the blank cells at the row's end (an empty 备注)
            whole = self._shifted_whole(movable, usual_last, last, notes, row, width=len(row))
        if whole is not None:
            if seq is not None and seq in present:
                whole[seq] = present[seq]
            return whole
        data_columns = sorted(c for c in [*self.columns.fields, *self.columns.years, *self.columns.others]
                              if self.columns.first_data <= c <= usual_last and c != seq)
        cells = [movable[c] for c in sorted(movable)]
        count = min(len(cells), len(data_columns))
        aligned = dict(zip(data_columns[-count:], cells[-count:]))
        leftovers = cells[:-count] if count < len(cells) else []
        label_columns = [c for c, f in sorted(self.columns.fields.items()) if f in LEVEL_FIELDS]
        if len(leftovers) == 1 and len(label_columns) == 2:
            text = leftovers[0].text
            level1 = (text in LEVEL1 or text in self.level1_labels) \
                and text not in LEVEL2_OF.get(self.level1 or "", set())
            aligned[label_columns[0] if level1 else label_columns[1]] = leftovers[0]
        else:
            aligned.update(zip(label_columns[-len(leftovers):] if leftovers else [], leftovers[-len(label_columns):]))
        if seq is not None and seq in present:
            aligned[seq] = present[seq]
        if not self._holds_indicator(aligned):
            return {}  # not placed: listed as cells not recognised, as a row below the table would be
        if self._slots_dropped(row, movable, aligned):
            return aligned
        read = "、".join(self._field_label(c) for c in sorted(aligned) if c != seq)
        side = "左" if last < usual_last else "右"
        notes.append({"text": f"原表此行单元格错位（内容止于第{last + 1}列，通常止于第{usual_last + 1}列，向{side}错位）；"
                              f"编者按单元格顺序读作{read}。"})
        return aligned

    def _lone_value(self, row: list[Cell], movable: dict[int, Cell], usual_last: int,
                    notes: list[dict[str, str]]) -> dict[int, Cell] | None:
        """Copied text drops the slots of the labels merged down beside a row: a row whose 三级指标 is blank keeps only
        the blank name's slot and its value ("\t≥20座"). Moved with its blank slots to end where the other rows end,
        its one cell is the 指标值 when it lands in that column; read in place, it would be a 二级 label."""
        [(column, cell)] = movable.items()
        value = next((c for c, f in self.columns.fields.items() if f == "value"), None)
        shift = usual_last - (len(row) - 1)
        if value is None or column == 0 or shift <= 0 or column + shift != value or is_label_like(cell.text) \
                or cell.text in self.labels:
            return None
        notes.append({"field": "value", "text": f"原表此行只有指标值“{cell.text}”，三级指标格空白（复制时丢掉了向下合并的"
                                                "一级、二级指标格子）；编者按此行各格的位置读作指标值。"})
        return {value: cell}

    def _comparator_as_type(self, cells: dict[int, Cell], values: dict[str, str],
                            notes: list[dict[str, str]]) -> Cell | None:
        """A comparator ("≥") under a column of its own (符号, 运算符) or under 指标方向 is the value's type: read as
        value_type, so that "≥" | "50" | "%" is not published as "50 %". A row whose own 指标值类型 is a comparator
        keeps it (this cell stays listed); a 指标性质 of 定量 or 定性 gives way to the comparator and is listed. A
        direction ("正向") stays listed: the content format has no field for it. Returns the cell read, if any."""
        own = values.get("value_type")
        if own and own.strip() in COMPARATORS:
            return None
        for column, cell in cells.items():
            head = self.columns.others.get(column)
            kind = _comparator_head(head.text) if head is not None else None
            text = cell.text.strip()
            if kind is None or text not in COMPARATORS and (text not in VALUE_NATURES or own):
                continue  # a 定性 there gives way to the row's own 指标值类型: listed
            values["value_type"] = cell.text
            if own:
                self._type_gives_way(cells, own, head, cell, notes)
            elif kind == "direction" and text in VALUE_NATURES:
                notes.append({"field": "value_type", "text": f"原表“{head.text}”一列此格为“{cell.text}”，是指标的性质，"
                                                             "不是正向、反向这样的方向；原表此行没有指标值类型，编者读作指标值类型。"})
            elif kind == "direction":  # a direction column: that it holds a comparator here is the editor's reading
                notes.append({"field": "value_type", "text": f"原表“{head.text}”一列此格为比较符“{cell.text}”，不是正向、"
                                                             "反向这样的方向；原表此行没有指标值类型，编者读作指标值类型。"})
            self.placed.extend((cell, head))
            return cell
        return None

    def _type_gives_way(self, cells: dict[int, Cell], own: str, head: Cell, comparator: Cell,
                        notes: list[dict[str, str]]) -> None:
        """The row's 指标性质 (定量, 定性) and a comparator both want value_type, which holds one: the comparator is
        what the value means ("≥ 50"), so it is kept; the 指标性质 cell is listed and the note names both."""
        column = next(c for c, f in self.columns.fields.items() if f == "value_type" and c in cells)
        typed_head = next((c.text for c in self.columns.header_cells if indicator_column(c.text) == "value_type"),
                          self._field_label(column))
        self.placed.remove(cells[column])
        self.not_read.append((cells[column], f"原表“{typed_head}”此格为“{own}”；此行的指标值类型录入了“{head.text}”一列的"
                                             f"比较符“{comparator.text}”（文件格式中指标值类型只有一项），未录入"))
        notes.append({"field": "value_type", "text": f"原表此行“{typed_head}”为“{own}”，“{head.text}”为"
                                                     f"“{comparator.text}”；编者录入比较符“{comparator.text}”作为指标值类型。"})

    def _lone_text(self, movable: dict[int, Cell]) -> bool:
        """A row of one cell in a 一级/二级 column that is no label ("以上指标根据项目实施方案确定", a notice in a table
        of its own that the copy ran on into this one): read in place it would publish a sentence as a 一级指标."""
        (column, cell), = movable.items()
        return self.columns.fields.get(column) in LEVEL_FIELDS and not is_label_like(cell.text) \
            and cell.text not in self.level1_labels

    def _holds_indicator(self, cells: dict[int, Cell]) -> bool:
        """Cells read onto the columns hold a name, a value (this year's or a prior one) or a 一级/二级 label. A short
        row of other text (a page's tab titles "项目资金明细 | 政府采购预算 | 绩效" below the table) would fill
        only the right-hand columns: it is no slid indicator row."""
        return any(self.columns.fields.get(c) in ("name", "value", *LEVEL_FIELDS) or c in self.columns.years
                   for c in cells)

    def _shifted_whole(self, movable: dict[int, Cell], usual_last: int, last: int, notes: list[dict[str, str]],
                       row: list[Cell], width: int | None = None) -> dict[int, Cell] | None:
        """A slid row with a blank cell inside (an empty 上年指标值) moves as a whole, the blank kept in its place,
        when that puts a name in the 三级指标 column, a value in the 指标值 column and only labels on their left.
        Read in order instead, the cells after the blank would slide into it and the name into a value column.
        `width`: the row's cells with the blank ones the copy kept at its end (an empty 备注); short of the header,
        they tell how many slots of merged labels the copy dropped on its left: the row moves by that many."""
        shift = usual_last - last if width is None else usual_last - (width - 1)
        if (len(movable) > last - min(movable) if width is None else shift <= 0) or min(movable) + shift < 0:
            return None  # no blank inside (reading in order is the same), or no slot lost on the left
        moved = {c + shift: cell for c, cell in movable.items()}
        columns = {f: c for c, f in self.columns.fields.items()}
        name, value = moved.get(columns.get("name", -1)), moved.get(columns.get("value", -1))
        labels = [moved[c].text for f, c in columns.items() if f in LEVEL_FIELDS and c in moved]
        if name is None or value is None or is_label_like(name.text) \
                or not all(is_label_like(t) or t in self.labels for t in labels):
            return None
        if self._slots_dropped(row, movable, moved):
            return moved
        read = "、".join(self._field_label(c) for c in sorted(moved))
        notes.append({"text": f"原表此行单元格错位（内容止于第{last + 1}列，通常止于第{usual_last + 1}列，"
                              f"向{'左' if shift > 0 else '右'}错位）；编者把此行各格连同其中的空格"
                              f"{'右' if shift > 0 else '左'}移{abs(shift)}列，读作{read}。"})
        return moved

    def _slots_dropped(self, row: list[Cell], movable: dict[int, Cell], read: dict[int, Cell]) -> bool:
        """Text copied from a web page drops the slots of the 一级/二级 labels merged down from the rows above, so such
        a row starts with its first cell of its own and is short of the rows in their place by as many cells as it
        moves right. When the row was read as that whole move, with a name in the 三级指标 column and only labels in
        the label columns, its cells were in their columns in the form: the move is the copy's, not the form's, and
        needs no editor's note (a published "原表此行单元格错位" would tell readers the department's form was out of
        order when it was not). A blank slot kept on its left is no dropped merge: that row keeps its note."""
        dropped = self.usual_width - len(row)
        levels = [c for c, f in self.columns.fields.items() if f in LEVEL_FIELDS]
        if dropped <= 0 or not movable or any(c < min(movable) and not row[c].text for c in levels) \
                or any(read.get(c + dropped) is not cell for c, cell in movable.items()):
            return False
        name = next((c for c, f in self.columns.fields.items() if f == "name"), None)
        if name is None or name not in read or is_label_like(read[name].text):
            return False
        known = self.labels | self.level1_labels
        return all(is_label_like(read[c].text) or read[c].text in known for c in levels if c in read)

    def _without_level1_slot(self, present: dict[int, Cell], notes: list[dict[str, str]],
                             row: list[Cell]) -> dict[int, Cell] | None:
        """Copied text drops the slot of a 一级 label merged down: a 二级 label in the 一级 column, beside a cell that
        is no label, shows it. The whole row moves one column right, blank cells kept in their place: a blank cell
        inside the row (an empty 实际完成值) does not pull the cells after it, and a filled last column (偏差原因)
        that makes the row end where the others do does not hide the lost slot."""
        level = {f: c for c, f in self.columns.fields.items() if f in LEVEL_FIELDS}
        if len(level) != 2 or level["level2"] != level["level1"] + 1:
            return None
        first, second = present.get(level["level1"]), present.get(level["level2"])
        if first is None or first.text not in LEVEL2 or first.text in LEVEL1 or second is None \
                or is_label_like(second.text):
            return None
        moved = {c + 1 if c >= level["level1"] else c: cell for c, cell in present.items()}
        if self._slots_dropped(row, {c: cell for c, cell in present.items() if c >= level["level1"]}, moved):
            return moved
        read = "、".join(self._field_label(c) for c in sorted(moved) if c != self._seq_column())
        notes.append({"text": f"原表此行二级指标“{first.text}”落在一级指标列（复制时丢掉了合并的一级指标格子）；"
                              f"编者把此行各格右移一列，读作{read}。"})
        return moved

    def _labels_in_place(self, movable: dict[int, Cell]) -> bool:
        """The row's 一级 and 二级 columns hold a 一级指标 and one of its 二级指标: nothing was lost on their left."""
        level = {f: c for c, f in self.columns.fields.items() if f in LEVEL_FIELDS}
        if len(level) != 2 or not all(c in movable for c in level.values()):
            return False
        level1, level2 = movable[level["level1"]].text, movable[level["level2"]].text
        return level1 in LEVEL1 and level2 in LEVEL2_OF[level1]

    def _name_in_place(self, movable: dict[int, Cell]) -> bool:
        """The 三级指标 column holds a name and every cell on its left is a label or blank (merged above): the row is
        in its columns and only stops short (its 指标值确定依据 is empty); read in order, the name would slide into
        the value column."""
        name = next((c for c, f in self.columns.fields.items() if f == "name"), None)
        if name is None or name not in movable or is_label_like(movable[name].text):
            return False
        return all(is_label_like(cell.text) or cell.text in self.labels for c, cell in movable.items() if c < name)

    def _anchored(self, present: dict[int, Cell], movable: dict[int, Cell], seq: int | None,
                  notes: list[dict[str, str]]) -> dict[int, Cell]:
        """A column that nearly always says the same (指标值确定依据 "计划标准") shows a row slid sideways."""
        for column, usual in self.anchors.items():
            if column in movable and movable[column].text == usual:
                continue
            found = [c for c, cell in movable.items() if cell.text == usual and 0 < abs(c - column) <= 2]
            if len(found) != 1:
                continue
            shift = column - found[0]
            moved = {c + shift: cell for c, cell in movable.items() if c + shift >= 0}
            if seq is not None and seq in present:
                moved[seq] = present[seq]
            read = "、".join(self._field_label(c) for c in sorted(moved) if c != seq)
            notes.append({"text": f"原表此行单元格向{'左' if shift > 0 else '右'}错位{abs(shift)}列（“{usual}”落在"
                                  f"{self._field_label(found[0])}列）；编者按单元格顺序读作{read}。"})
            return moved
        return present

    def _name_in_label_column(self, values: dict[str, str], prior: dict[Any, str],
                               notes: list[dict[str, str]]) -> None:
        """A row with a value but no name, whose only "label" is no label this table uses: that is the name."""
        if values.get("name") or not (values.get("value") or prior):
            return
        present = [key for key in LEVEL_FIELDS if values.get(key)]
        if len(present) != 1:
            return
        text = values[present[0]]
        if text in LEVEL1 or text in LEVEL2 or text in self.labels:
            return
        values["name"] = values.pop(present[0])
        where = "一级指标" if present[0] == "level1" else "二级指标"
        notes.append({"field": "name", "text": f"原表此行三级指标名称“{text}”落在{where}列，其后各格位置正常；编者读作三级指标。"})

    def _field_label(self, column: int) -> str:
        if column in self.columns.years:  # a year, or a marker of one the fiscal year gives later ("last")
            year = self.columns.years[column]
            return f"{year}年指标值" if isinstance(year, int) else f"{RELATIVE_NAMES[year]}指标值"
        if column in self.columns.others:  # a column without a field: named by its header as filed
            return self.columns.others[column].text
        names = FIELD_LABELS[Indicator]
        key = self.columns.fields.get(column, "")
        if key == "value_mid":  # the 中期 goal's value: no field of its own in the content format
            return "中期指标值"
        return str(names[key]) if key in names else "标签"

    def _label_row(self, row: list[Cell], notes: list[dict[str, str]]) -> None:
        """A row of 一级/二级 labels only: read each label by what it says, wherever it sits."""
        seq = self._seq_column()
        values: dict[str, str] = {}
        for column, cell in enumerate(row):
            if not cell.text or column == seq:
                continue
            self.placed.append(cell)
            wanted = "level1" if cell.text in LEVEL1 and (cell.text not in LEVEL2 or not self.level1
                                                          or cell.text not in LEVEL2_OF.get(self.level1, set())) \
                else "level2"
            where = self.columns.fields.get(column)
            if where != wanted and where is not None:
                notes.append({"text": f"原表“{cell.text}”落在{self._field_label(column)}列；编者按其文字读作"
                                      f"{'一级' if wanted == 'level1' else '二级'}指标。"})
            values[wanted] = cell.text
        if seq is not None and row[seq].text:
            values["seq"] = row[seq].text
            self.placed.append(row[seq])
        self._flush_label_row()
        self._labels(values, notes)
        entry: dict[str, Any] = {"seq": values["seq"]} if "seq" in values else {}
        self.label_row = entry | {"notes": notes}
        self.label_row["level1"] = self.level1
        self.label_row["level2"] = self.level2

    def _labels(self, values: dict[str, str], notes: list[dict[str, str]]) -> None:
        """Fill 一级/二级 down; correct a label that slid into the neighbouring column or row."""
        level1, level2 = values.get("level1"), values.get("level2")
        if level1 and level1 in LEVEL2 and level1 not in LEVEL1 and not level2:
            notes.append({"field": "level2", "text": f"原表二级指标“{level1}”落在一级指标列；编者按其文字读作二级指标。"})
            level1, level2 = None, level1
        if level1 and level2 and self.level1 and level1 != self.level1 \
                and level2 in LEVEL2_OF.get(self.level1, set()) and level2 not in LEVEL2_OF.get(level1, set()):
            notes.append({"field": "level1", "text": f"原表一级指标“{level1}”出现在此行（二级指标为{level2}），"
                                                     f"比它所属的指标行高；编者按表式将此行读作{self.level1}下的“{level2}”。"})
            self.pending_level1 = level1
            level1 = None
        elif not level1 and self.pending_level1 and level2 and level2 not in LEVEL2_OF.get(self.level1 or "", set()):
            level1, self.pending_level1 = self.pending_level1, None
        if level1:
            self.level1, self.level2, self.pending_level1 = level1, None, None
        if level2:
            self.level2 = level2
        if self.unlabelled and not level2:
            self.level2 = None
        values["level1"] = self.level1 or ""
        values["level2"] = self.level2 or ""

    def _flush_label_row(self) -> None:
        if self.label_row is not None:
            entry, self.label_row = self.label_row, None
            self._emit(entry, {}, entry.get("notes", []))

    def _emit(self, values: dict[str, Any], prior: dict[Any, str], notes: list[dict[str, str]]) -> None:
        indicator: dict[str, Any] = {}
        levels = {"level1": self.level1, "level2": self.level2} | {k: values[k] for k in LEVEL_FIELDS if k in values}
        for key in FIELD_ORDER:
            if key in LEVEL_FIELDS:
                if levels.get(key):
                    indicator[key] = levels[key]
            elif key == "prior":
                kept = {year: text for year, text in prior.items() if text}
                if kept:
                    indicator["prior"] = kept
            elif key == "notes":
                if notes:
                    indicator["notes"] = notes
            elif values.get(key):
                indicator[key] = values[key]
        self.indicators.append(indicator)

    def _fill_leading_level1(self) -> None:
        """A merged 一级 label shown below its first rows (web exports centre it): fill the rows above."""
        first = next((i for i, ind in enumerate(self.indicators) if ind.get("level1")), None)
        if not first:
            return
        label = self.indicators[first]["level1"]
        for indicator in self.indicators[:first]:
            rest = {k: v for k, v in indicator.items() if k not in ("seq", "level1")}
            indicator.clear()
            indicator.update({k: v for k, v in (("seq", rest.pop("seq", None)),) if v})
            indicator["level1"] = label
            indicator.update(rest)
            indicator.setdefault("notes", []).append(
                {"field": "level1", "text": f"原表此行一级指标列空白，“{label}”标签出现在下面的行；编者按合并单元格读作“{label}”。"})
