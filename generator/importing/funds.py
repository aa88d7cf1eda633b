"""The funds table (部门总体资金情况): 收入/支出 lines with amount, share and prior-year columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

from .document import Cell
from .layouts import (FUND_AMOUNT, FUND_HEADS, FUND_SECTIONS, FUND_SHARE, FUND_SIDE_TOTAL, FUND_TOTAL, STRUCTURE_LABELS,
                      header_keys, normalize)

YEAR = re.compile(r"^(\d{4})\s*年?$")
AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
FIGURE = re.compile(r"^-?[\d,]+(\.\d+)?%?$")
GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,250.60: the digits grouped by thousands
# 1 250.60, the groups apart by a space: plain, no-break (&nbsp;), thin or narrow no-break, the same one throughout.
# Only with its decimals: "100 200" may as well be two figures in one cell (100 and 200), and is never joined into one;
# "1 234 567.50" is one figure, its decimals written once, at its end (two amounts would each have theirs).
GROUPED_BY_SPACE = re.compile(r"^-?\d{1,3}([ \u00a0\u2009\u202f])\d{3}(\1\d{3})*\.\d+$")
SPACED_GROUPS = re.compile(r"^-?\d{1,3}([ \u00a0\u2009\u202f])\d{3}(\1\d{3})*$")  # "100 200": one figure, or two?
# Digits, point, sign, comma and percent typed in full width ("１２０．５０"), as a Chinese input method gives them.
FULL_WIDTH = str.maketrans("０１２３４５６７８９．－，％", "0123456789.-,%")
# Characters that show nothing, left in a figure by web editors (UEditor fills with U+200B) and by copying from pages.
ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
WITH_UNIT = re.compile(r"^(?P<figure>[-－\d０-９.．,，]*[\d０-９])\s*(?P<unit>万元|元|万)$")  # "120.5万元", "1,234,500元"
# "120.5万" typed in an amount cell: of money, 万 alone is 万元 (in a form in 元 it means ten thousand 元).
UNIT_MEANT = {"万": "万元"}
NO_FIGURE = {"—", "——", "-", "--", "－", "–", "/", "／", "无"}  # what a form shows where it has no figure
BRACKETED_FIGURE = re.compile(r"^[(（]\s*[\d０-９.．,，]+\s*[)）]$")  # "(120.00)": a negative, or a 其中 figure


def is_funds_header(texts: list[str]) -> bool:
    keys = {key for t in texts for key in header_keys(t)}  # a unit in the head ("当年金额（万元）") does not change it
    return bool(keys & FUND_AMOUNT) and bool(keys & (FUND_SHARE | FUND_HEADS)) or bool(side_by_side(texts))


# The head of a name column over a department's income and spending ("项目 | 金额"): a funds table only when the
# rows' side totals say both sides (`sides_by_totals`); over other rows it may be a project's amounts. "项目名称 |
# 预算数" is a project list's head too, yet rows naming both sides' totals are no projects (before, 收入合计 and 支出合计
# were published as projects).
PLAIN_NAME_HEADS = {"项目", "名称", "项目名称"}


def is_plain_funds_header(texts: list[str], below: Iterable[list[Cell]]) -> bool:
    """"项目 | 金额" (a name head and an amount head, nothing else) over rows of a name and a figure whose totals name
    both sides ("收入合计 | 1300.50" … "支出合计 | 1300.50"): the department's funds, read as a funds table. Before,
    no part read it: the rows were listed (财政拨款 as a project's amount with no project)."""
    present = [text for text in texts if text.strip()]
    if len(present) != 2 or normalize(present[0]) not in PLAIN_NAME_HEADS or not _names(present[1], FUND_AMOUNT):
        return False
    return sides_by_totals(plain_funds_rows(below)) is not None


def plain_funds_rows(below: Iterable[list[Cell]]) -> list[list[Cell]]:
    """The rows of a name and a figure right under a "项目 | 金额" head."""
    rows = []
    for row in below:
        cells = [cell for cell in row if cell.text]
        if len(cells) != 2 or not looks_like_amount(cells[1].text):
            break
        rows.append(row)
    return rows


def sides_by_totals(rows: list[list[Cell]]) -> list[str | None] | None:
    """The side each row of a "项目 | 金额" table is of, as its side totals say: a total on the first row heads each
    side (the rows under it are its lines), else each total closes the lines above it. None unless the totals name
    both sides, one each; a row said by no total (after the last closing one) gets None and is listed."""
    names = [normalize(next((cell.text for cell in row if cell.text), "")) for row in rows]
    totals = [(index, FUND_SIDE_TOTAL[name]) for index, name in enumerate(names) if name in FUND_SIDE_TOTAL]
    if sorted(side for _, side in totals) != ["expenditure", "income"] \
            or any(name in FUND_SECTIONS for name in names):  # a table with its section rows reads them instead
        return None
    first = next(index for index, name in enumerate(names) if name)
    if totals[0][0] == first:  # totals head their sides
        return [next((side for at, side in reversed(totals) if at <= index), None) for index in range(len(rows))]
    return [next((side for at, side in totals if at >= index), None) for index in range(len(rows))]


def _names(text: str, words: set[str]) -> bool:
    """A header cell is one of `words`, as written or without its bracketed unit ("金额（万元）")."""
    return any(key in words for key in header_keys(text))


def side_by_side(texts: list[str]) -> list[tuple[int, int, str]]:
    """收入 | 金额 | 支出 | 金额, as a 收支总表 prints the funds: each side's columns (from, to) and its section, when
    the header has both sides, each a section word with an amount column after it; else nothing."""
    starts = [(c, FUND_SECTIONS[key]) for c, text in enumerate(texts) if (key := normalize(text)) in FUND_SECTIONS]
    if sorted(section for _, section in starts) != ["expenditure", "income"]:
        return []
    ends = [column for column, _ in starts[1:]] + [len(texts)]
    halves = [(start, end, section) for (start, section), end in zip(starts, ends)]
    has_amount = all(any(_names(t, FUND_AMOUNT) for t in texts[start + 1:end]) for start, end, _ in halves)
    return halves if has_amount else []


def amount(text: str) -> Decimal | None:
    """Money exactly as written; None when the cell is not a plain number."""
    if not AMOUNT.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def grouped_amount(text: str) -> Decimal | None:
    """1,250.60 → 1250.60: the number filed, written without the thousands commas the content format has no
    place for; the caller says so in a note. Groups apart by spaces ("1 250.60", "1&nbsp;250.60", as some editors and
    number formats write them) alike. None for anything else, a plain number included."""
    if GROUPED_BY_SPACE.match(text):
        return amount(re.sub(r"[ \u00a0\u2009\u202f]", "", text))
    return amount(text.replace(",", "")) if GROUPED.match(text) else None


def grouped_note(text: str, value: Decimal) -> str:
    """What the editor's note says of an amount filed with thousands commas (see `grouped_amount`)."""
    return f"原表写作“{text}”；编者去掉千分位逗号，录入为 {value}。"


@dataclass(frozen=True)
class FiledAmount:
    """How an amount cell reads (`filed_amount`): its value and the editor's note the reading needs ("" for a plain
    number); no value for a cell that holds none, with why when the general "not a number" would not say it."""
    value: Decimal | None
    note: str = ""
    why_not: str = ""


def filed_amount(text: str, unit: str | None, head_unit: str | None = None) -> FiledAmount:
    """An amount cell as the department typed it, read only where the figure is certain. Spaces around it (full
    width, no-break) are no part of it; digits typed in full width, thousands commas, and the unit written in the
    cell when it is the form's `unit` (the unit in force there) are read with a note. A figure in another unit (in
    the cell, or in the table's head: `head_unit`) is never converted, a dash or "无" is not turned into 0, a figure
    in brackets is not taken for a negative one."""
    invisible = ZERO_WIDTH.search(text) is not None
    written = ZERO_WIDTH.sub("", text).strip()  # the figure as it shows; the note says what was taken out
    figure, cell_unit = written, None
    if (with_unit := WITH_UNIT.match(written)) is not None:
        figure, cell_unit = with_unit.group("figure").strip(), with_unit.group("unit")
    plain = figure.translate(FULL_WIDTH)
    value = amount(plain)
    grouped = grouped_amount(plain) if value is None else None
    if value is None and grouped is None:
        return FiledAmount(None, why_not=_no_amount_reason(written))
    if cell_unit is not None and UNIT_MEANT.get(cell_unit, cell_unit) != unit:
        said = f"本表金额单位为{unit}；导入不换算金额" if unit else "原表此前没有写明金额单位；导入不据一格的写法定金额单位"
        meant = UNIT_MEANT.get(cell_unit, cell_unit)
        return FiledAmount(None, why_not=f"金额“{written}”以{meant}计，{said}，未录入")
    if cell_unit is None and head_unit is not None and head_unit != unit:
        return FiledAmount(None, why_not=f"金额“{written}”在表头写明以{head_unit}计的表中，本文件金额单位为{unit}；"
                                         "导入不换算金额，未录入")
    value = grouped if value is None else value
    read = ["去掉格子里看不见的零宽字符" if invisible else "",
            "全角数字照数值读" if plain != figure else "", _grouping_removed(plain) if grouped is not None else "",
            _unit_removed(cell_unit) if cell_unit else ""]
    actions = "、".join(filter(None, read))
    return FiledAmount(value, f"原表写作“{written}”；编者{actions}，录入为 {value}。" if actions else "")


def _unit_removed(cell_unit: str) -> str:
    """What the note says of the unit written in the cell, the form's own (万 is read as the 万元 it means)."""
    meant = UNIT_MEANT.get(cell_unit)
    return (f"去掉“{cell_unit}”（即{meant}，与本表金额单位相同）" if meant
            else f"去掉与本表金额单位相同的“{cell_unit}”")


def _grouping_removed(figure: str) -> str:
    """What the note says was taken out of a figure grouped by thousands: its commas, or its spaces."""
    return "去掉千分位逗号" if "," in figure else "去掉作千分位分隔的空格"


def looks_like_amount(text: str) -> bool:
    """A cell that stands where a figure stands, whether or not it reads as one: a number however typed ("１２０．５０",
    "95 %", "120.5万元"), or the dash, slash or 无 a form puts where it has no figure. Never a line's name."""
    written = ZERO_WIDTH.sub("", text).strip()
    return bool(FIGURE.match(written.translate(FULL_WIDTH).replace(" ", "")) or WITH_UNIT.match(written)
                or written in NO_FIGURE or BRACKETED_FIGURE.match(written))


def _no_amount_reason(written: str) -> str:
    if written in NO_FIGURE:
        return f"金额写作“{written}”，不是数字（没有这项金额还是为零，原表没有写明）；导入不代填 0，未录入"
    if BRACKETED_FIGURE.match(written):
        return f"金额“{written}”写在括号中（可能表示负数，也可能是其中数）；导入不猜测，未录入"
    if SPACED_GROUPS.match(written.translate(FULL_WIDTH)):
        return (f"金额“{written}”是用空格隔开的几个数字（可能是一格中的几个金额，也可能是用空格分隔千分位的一个数），"
                "导入不把它们连成一个数，未录入")
    return ""


@dataclass
class FundsReader:
    header: list[Cell]
    years_row: list[Cell] | None
    realign: bool = True  # as for indicator rows: only copied text slides cells
    copied: bool = False  # copied text even where its rows are read by column: a share out of its column says a slide
    placed: list[Cell] = field(default_factory=list)
    not_read: list[tuple[Cell, str]] = field(default_factory=list)
    funds: dict[str, Any] = field(default_factory=dict)
    section: str | None = None  # given for one side of a side-by-side table; else set by the section rows
    unit: str | None = None  # the form's money unit where the table stands: an amount written with it reads
    head_unit: str | None = None  # the unit the table's head names ("金额（元）"): another than `unit`, nothing reads
    slid: dict[int, int] = field(default_factory=dict)  # copied text: row width → how far its last share's row slid
    total_at: dict[str, int] = field(default_factory=dict)  # side → how many lines stood above its total row

    def __post_init__(self) -> None:
        keys = [normalize(c.text) for c in self.header]
        self.amount_col = next(i for i, c in enumerate(self.header) if _names(c.text, FUND_AMOUNT))
        self.share_col = next((i for i, c in enumerate(self.header) if _names(c.text, FUND_SHARE)), None)
        self.years: dict[int, int] = {}
        for row in filter(None, [self.header, self.years_row]):
            for column, cell in enumerate(row):
                match = YEAR.match(cell.text)
                if match:
                    self.years[column] = int(match.group(1))
        self.placed.extend(c for c in self.header if c.text)
        if self.years_row:
            self.placed.extend(c for c in self.years_row if c.text)
            self._years_under_their_head()
        self.last_col = max(c for c in [self.amount_col, self.share_col, *self.years] if c is not None)
        if self.section is None:  # "收入 | 金额 | 占比": a table of one side, the other printed as a table of its own
            self.section = next((FUND_SECTIONS[key] for key in keys[:self.amount_col] if key in FUND_SECTIONS), None)
        self.funds = {"prior_years": [self.years[c] for c in sorted(self.years)]} if self.years else {}

    def _years_under_their_head(self) -> None:
        """Copied text drops a merged head's empty slots: the row of "2024年 | 2025年" starts at the left edge though
        its years stand under "近两年收支金额", right of 当年金额 (and 占比). Read from there, they would make the
        amount a prior year's. Such years move to start under the header's first cell right of those columns."""
        figure_cols = [c for c in (self.amount_col, self.share_col) if c is not None]
        below = sorted(c for c in self.years if c >= len(self.header) or not YEAR.match(self.header[c].text))
        if not (self.realign or self.copied) or not below or below[0] > max(figure_cols):
            return
        shift = max(figure_cols) + 1 - below[0]
        self.years = {c + shift if c in below else c: year for c, year in self.years.items()}

    def row(self, row: list[Cell]) -> None:
        present = {c: cell for c, cell in enumerate(row) if cell.text}
        if not present:
            return
        labels: dict[int, Cell] = {}
        figures: dict[int, Cell] = {}
        for column, cell in present.items():
            key = normalize(cell.text)
            if key in FUND_SECTIONS:
                self.section = FUND_SECTIONS[key]
                self.placed.append(cell)
            elif key in STRUCTURE_LABELS:
                self.placed.append(cell)
            elif looks_like_amount(cell.text) or (column in (self.amount_col, self.share_col) and labels):
                # a word under 金额 or 占比 beside a name is that figure, however written ("—", "95％"): never a name
                figures[column] = cell
            else:
                labels[column] = cell
        notes: list[dict[str, str]] = []
        if not labels or self.section is None:
            for cell in present.values():
                if cell not in self.placed:
                    self.not_read.append((cell, "资金表中无法归入收入或支出的单元格"))
            return
        name_cell = labels[max(labels)]
        self.placed.append(name_cell)
        for cell in (cell for cell in labels.values() if cell is not name_cell):
            self.not_read.append((cell, "资金表中此行名称左边的文字，文件格式没有对应的字段"))
        last = max(figures, default=self.last_col)
        shift = self._share_shift(row, figures)
        said_by_share = shift is not None
        if shift is None:
            shift = self._kept_edge_shift(row) if self._kept_edge_shift(row) is not None else \
                self.last_col - last if figures else 0
        if (self.realign or said_by_share) and shift and figures and min(figures) + shift > max(labels):
            notes.append({"text": f"原表此行数字向{'左' if shift > 0 else '右'}错位{abs(shift)}列；"
                                  f"编者按顺序读作当年金额、{'占比和' if self.share_col is not None else ''}往年金额。"})
        else:
            shift = 0
        line: dict[str, Any] = {"name": name_cell.text}
        prior: dict[int, Decimal] = {}
        for column, cell in sorted(figures.items()):
            target = column + shift
            if target == self.share_col:
                line["share"] = cell.text.strip()
            elif target == self.amount_col or target in self.years:
                key = "amount" if target == self.amount_col else f"prior.{self.years[target]}"
                value = self._amount(cell, key, notes)
                if value is None:
                    continue  # listed by _amount, not placed
                if target == self.amount_col:
                    line["amount"] = value
                else:
                    prior[self.years[target]] = value
            else:
                self.not_read.append((cell, "资金表中不在任何列下的单元格"))
                continue
            self.placed.append(cell)
        if prior:
            line["prior"] = prior
        if notes:
            line["notes"] = notes
        table = self.funds.setdefault(self.section, {"lines": []})
        name = normalize(name_cell.text)
        if name in FUND_TOTAL or FUND_SIDE_TOTAL.get(name) == self.section:  # "收入合计" totals the 收入 side only
            self._total(self.section, table, line)
        else:
            table["lines"].append(line)

    def _total(self, side: str, table: dict[str, Any], line: dict[str, Any]) -> None:
        """A side's total. A side with two (小计 then 合计, 收入合计 then 收入总计) is totalled by the later: the earlier
        stays a line where it stood, with a note, never written over."""
        if (earlier := table.get("total")) is not None:
            earlier.setdefault("notes", []).append({"text": f"原表这一部分之后另有“{line['name']}”行（录作合计）；"
                                                            "编者将此行按原位置录作一行。"})
            table["lines"].insert(self.total_at[side], earlier)
        table["total"], self.total_at[side] = line, len(table["lines"])

    def _share_shift(self, row: list[Cell], figures: dict[int, Cell]) -> int | None:
        """Copied text: the one figure written with a percent sign is the 占比, so its column tells how far the row slid.
        The last figure does not when the last prior-year cell is empty (kept as a trailing tab, or dropped): an amount
        would be read as the share, the share as a prior year. A row without a share slid as the last row of its
        width that had one: the export drops the same merged slots from rows of the same shape. This holds in
        copied text whose rows are all as wide, too: the seeds' exports pad every row with trailing tabs, yet their
        header lost a merged slot the rows kept. None when neither says it."""
        if not (self.realign or self.copied) or self.share_col is None:
            return None
        shares = [c for c, cell in figures.items() if cell.text.strip().translate(FULL_WIDTH).endswith("%")]
        if len(shares) == 1:
            self.slid[len(row)] = self.share_col - shares[0]
        return self.slid.get(len(row))

    def _kept_edge_shift(self, row: list[Cell]) -> int | None:
        """Copied text keeps a row's empty last cell: then the row still ends at the table's last column, and the slots
        it lacks are the merged ones on its left. Its figures line up by that edge, not by the last figure, which
        would read an amount beside an empty 占比 as the share. None when the row does not show its edge (or the table
        has year columns, whose header in copied text lacks slots of its own)."""
        if not self.realign or self.years or not row or row[-1].text or len(row) > len(self.header):
            return None
        return len(self.header) - len(row)  # 0 for a row as wide as the header: no slot lost, whatever it leaves empty

    def _amount(self, cell: Cell, key: str, notes: list[dict[str, str]]) -> Decimal | None:
        """The cell's amount as filed (`filed_amount`), with the note its reading needs; anything else listed, not
        guessed."""
        filed = filed_amount(cell.text, self.unit, self.head_unit)
        if filed.note:
            notes.append({"field": key, "text": filed.note})
        if filed.value is None:
            self.not_read.append((cell, filed.why_not or f"金额“{cell.text}”不是数字"))
        return filed.value


def is_total_row(row: list[Cell]) -> bool:
    """A total row of any table of amounts (tasks, a project list): 金额合计 / 合计 in its first filled cell
    (the 序号 column, or a label merged across name and content)."""
    first = next((cell for cell in row if cell.text), None)
    return first is not None and normalize(first.text) in FUND_TOTAL


def figures_under_heads(heads: list[Cell], values: list[Cell]) -> bool:
    """`values` a row of bare figures (two or more) right under the filled cells of `heads`, a row of words with no
    figure; only the heads' first cell (the block's label, "项目资金") may have none below it. Such a row has no other
    reading than the heads' amounts, even with a blank row typed between them (a head row and its values row)."""
    filled = [c for c, cell in enumerate(heads) if cell.text]
    figures = [c for c, cell in enumerate(values) if cell.text]
    if len(figures) < 2 or any(FIGURE.match(heads[c].text) for c in filled) \
            or not all(FIGURE.match(values[c].text) for c in figures):
        return False
    return figures in (filled, filled[1:])
