"""年度预算申请 (部门整体支出绩效目标申报表): 资金总额 with the department's income and expenditure by kind.

Two layouts, both found by their cells (the words of `layouts.REQUEST_WORDS`):

- heads over one row of amounts: 资金总额 | 财政拨款 | 其他资金 | 基本支出 | 项目支出, with or without the group
  heads 按收入性质分 / 按支出性质分 over the kinds (the kinds are then a second header row), and with or without
  the 年度预算申请 label beside them;
- word–amount pairs down the rows: 资金总额 | 1,250.60, 财政拨款 | 1200.60 …, group heads and label beside them.

In a real grid an amount belongs to the head over its column (a merged head spans its columns); text copied
from a web page drops the slots of merged cells, so there the amounts are read in the heads' order, the group
heads replaced by the kinds of the row under them.

Each kind is a line of `funds.income` or `funds.expenditure`, named as its cell is filed, its amount exactly
as filed: a thousands comma the content format cannot hold is removed and said in a note, a cell that is no
number is said in a note and not guessed, an empty cell gives no amount. 资金总额 is one cell for both sides:
it is the total of each side the grid has, the expenditure's with a note saying so.

The same words alone (资金总额, 财政拨款, 其他资金) are also a project's budget; a grid is the department's only
when one of its cells says so: the label, a group head, or a kind no project budget has (基本支出, 事业收入 …).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .document import Cell
from .funds import FIGURE, filed_amount
from .layouts import MONEY_UNIT_IN_LABEL, PROJECT_COLUMNS, header_keys, request_word

Note = dict[str, str]
SHARED_TOTAL = {"text": "原表“资金总额”只有一格，是收入和支出共同的总额；编者同时录入为收入合计和支出合计。"}


@dataclass(frozen=True)
class RequestGrid:
    """A grid found at a row: `header_rows` over one row of amounts, or (header_rows 0) `rows` of word–amount pairs.
    Rows holding only the label, above the grid, are counted in both."""
    header_rows: int
    rows: int


@dataclass
class Head:
    """资金总额 or a kind (role "total" / "line"), its side, and the columns it stands over in a real grid."""
    cell: Cell
    role: str
    side: str | None  # income / expenditure; None for 资金总额 and for a word whose side nothing says
    columns: list[int] = field(default_factory=list)


# ---- recognition ----------------------------------------------------------------------------------

def request_grid(rows: list[list[Cell]], start: int) -> RequestGrid | None:
    """The 年度预算申请 grid that starts at this row, or None."""
    first = start
    while first < len(rows) and _present(rows[first]) and all(_role(c) == "label" for c in _present(rows[first])):
        first += 1
    lead = first - start
    header_rows = _heads_layout(rows, first, [cell for row in rows[start:first] for cell in _present(row)])
    if header_rows:
        return RequestGrid(lead + header_rows, lead + header_rows + 1)
    end = first
    while end < len(rows) and _is_pair_row(rows[end], rows[end - 1] if end > first else []):
        end += 1
    cells = [cell for row in rows[start:end] for cell in _present(row)]
    roles = {_role(cell) for cell in cells}
    if end > first and roles & {"total", "label"} and "line" in roles and _says_department(cells) \
            and any(FIGURE.match(cell.text) for cell in cells):
        return RequestGrid(0, end - start)
    return None


def is_request_label(text: str) -> bool:
    """年度预算申请, 年度部门整体支出预算（万元） …: the label of the grid, alone."""
    return request_word(text) == ("label", None)


def opens_request(row: list[Cell]) -> bool:
    """A row another part ends at: 资金总额 or the label, with only grid words and amounts, the department's."""
    present = _present(row)
    roles = [_role(cell) for cell in present]
    return bool({"total", "label"} & set(roles)) and _says_department(present) \
        and all(role or FIGURE.match(cell.text) for role, cell in zip(roles, present))


def _heads_layout(rows: list[list[Cell]], first: int, labels: list[Cell]) -> int:
    """How many header rows stand over a row of amounts here (0: none); `labels` are the label rows above. Under
    group heads, the row of kinds may hold words not listed as kinds: the group head over them says what they are."""
    if first >= len(rows):
        return 0
    head = _present(rows[first])
    roles = [_role(cell) for cell in head]
    if not head or None in roles:
        return 0
    roles += [_role(cell) for cell in labels]
    header_rows = 1
    below = _present(rows[first + 1]) if first + 1 < len(rows) else []
    if "group" in roles and below and not any(FIGURE.match(cell.text) for cell in below):
        header_rows = 2
        roles += [_role(cell) or "line" for cell in below]
    values = _present(rows[first + header_rows]) if first + header_rows < len(rows) else []
    amounts = values and any(FIGURE.match(c.text) for c in values) and all(_role(c) in (None, "label") for c in values)
    words = labels + head + (below if header_rows == 2 else [])
    if amounts and {"total", "label"} & set(roles) and "line" in roles and _says_department(words):
        return header_rows
    return 0


def _is_pair_row(row: list[Cell], above: list[Cell]) -> bool:
    """Grid words, each 资金总额 or kind with at most its amount in the next cell; at least one of them. The amount
    of a 资金总额 of the row above may stand under it (the central form: 资金总额 over its amount, left of the pairs)."""
    present = _present(row)
    roles = [_role(cell) for cell in present]
    under = set(_totals_over(above, row))
    lone_values = any(role is None and (index == 0 or roles[index - 1] not in ("total", "line"))
                      and not (present[index].location in under and FIGURE.match(present[index].text))
                      for index, role in enumerate(roles))
    # the group heads over the two columns of pairs (按收入性质分 | 按支出性质分, the central form) are the grid's too
    return (bool({"total", "line"} & set(roles)) or bool(roles) and set(roles) <= {"group", "label"}) \
        and not lone_values


def _totals_over(above: list[Cell], row: list[Cell]) -> dict[str, Cell]:
    """A 资金总额 of the row `above` with no amount right of it, over a cell of `row`: that cell's location → the
    资金总额 cell (the amount is under its word, as the heads layout has it)."""
    totals: dict[str, Cell] = {}
    for column, cell in enumerate(above[:len(row)]):
        right = next((c for c in above[column + 1:] if c.text), None)
        if cell.text and _role(cell) == "total" and (right is None or not FIGURE.match(right.text)):
            totals[row[column].location] = cell
    return totals


def _says_department(cells: list[Cell]) -> bool:
    """A cell no project budget has: the label, a group head, a kind such as 基本支出 or 事业收入."""
    return any(_role(cell) in ("label", "group") or (_role(cell) and not _budget_word(cell.text)) for cell in cells)


def _budget_word(text: str) -> bool:
    """A word a project's budget has too: 资金总额, 财政拨款, 其他资金."""
    return any(key in PROJECT_COLUMNS for key in header_keys(text))


def _role(cell: Cell) -> str | None:
    word = request_word(cell.text) if cell.text else None
    return word[0] if word else None


def _present(row: list[Cell]) -> list[Cell]:
    return [cell for cell in row if cell.text]


# ---- reading --------------------------------------------------------------------------------------

@dataclass
class RequestReader:
    by_order: bool  # copied text: the amounts are read in the heads' order, not by column
    placed: list[Cell] = field(default_factory=list)
    not_read: list[tuple[Cell, str]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # "年度预算申请（万元）": the unit a cell names
    unit: str | None = None  # the form's money unit above the grid: an amount written with it reads

    def read(self, rows: list[list[Cell]], grid: RequestGrid) -> dict[str, Any]:
        """The grid's rows as `funds` (income and expenditure, each with 资金总额 as its total)."""
        for cell in (c for row in rows for c in _present(row)):
            unit = MONEY_UNIT_IN_LABEL.search(cell.text)
            if unit and _role(cell):
                self.units.append(unit.group(1))
            if _role(cell) in ("label", "group"):
                self.placed.append(cell)
        if grid.header_rows:
            header, values = rows[:grid.header_rows], rows[grid.header_rows]
            in_order = self.by_order and not _slots_kept(header, values)
            filed = self._by_order(header, values) if in_order else self._by_column(header, values)
        else:
            filed = self._pairs(rows)
        return self._funds(filed)

    def _by_column(self, header: list[list[Cell]], values: list[Cell]) -> list[tuple[Head, Cell | None]]:
        heads = _column_heads(header)
        filed = []
        for head in heads:
            cells = [values[c] for c in head.columns if c < len(values) and values[c].text]
            filed.append((head, cells[0] if cells else None))
            self.not_read.extend((cell, "年度预算申请中同一栏的第二个金额") for cell in cells[1:])
        under = {c for head in heads for c in head.columns}
        self._not_under_heads(cell for c, cell in enumerate(values) if c not in under)
        return filed

    def _by_order(self, header: list[list[Cell]], values: list[Cell]) -> list[tuple[Head, Cell | None]]:
        """Copied text: the i-th amount is the i-th head's. A leading label, and empty leading slots of a row wider
        than the heads (a label column that was not merged), stand for no head."""
        heads = _ordered_heads(header)
        cells = list(values)
        while cells and not cells[-1].text:
            cells.pop()
        while cells and (_role(cells[0]) == "label" or (len(cells) > len(heads) and not cells[0].text)):
            cells.pop(0)
        self._not_under_heads(cells[len(heads):])
        return [(head, cell if cell.text else None) for head, cell in zip(heads, cells)] + \
            [(head, None) for head in heads[len(cells):]]

    def _pairs(self, rows: list[list[Cell]]) -> list[tuple[Head, Cell | None]]:
        """Rows of 资金总额 / kind cells, each amount in the cell after its word (no unknown word is in such a row)."""
        filed: list[tuple[Head, Cell | None]] = []
        groups: dict[int, str] = {}  # column → the side of the group head there, over the pairs below it
        for above, row in zip([[]] + rows, rows):
            present = [(column, cell) for column, cell in enumerate(row) if cell.text]
            under = _totals_over(above, row)
            for index, (column, cell) in enumerate(present):
                if cell.location in under and FIGURE.match(cell.text):  # 资金总额's amount under its word
                    at = next(i for i, (head, _) in enumerate(filed) if head.cell is under[cell.location])
                    filed[at] = (filed[at][0], cell)
                    continue
                word = request_word(cell.text)
                if word is not None and word[0] == "group" and word[1]:
                    groups[column] = word[1]
                if word is None or word[0] not in ("total", "line"):
                    continue
                following = present[index + 1][1] if index + 1 < len(present) else None
                side = (word[1] or _group_over(groups, column)) if word[0] == "line" else None
                filed.append((Head(cell, word[0], side), following if following and not _role(following) else None))
        return filed

    def _not_under_heads(self, cells: Iterable[Cell]) -> None:
        for cell in cells:
            if cell.text and _role(cell) == "label":
                self.placed.append(cell)
            elif cell.text:
                self.not_read.append((cell, "年度预算申请中不在任何一栏下的单元格"))

    # ---- the funds -------------------------------------------------------------------------------
    def _funds(self, filed: list[tuple[Head, Cell | None]]) -> dict[str, Any]:
        lines: dict[str, list[dict[str, Any]]] = {"income": [], "expenditure": []}
        total: dict[str, Any] | None = None
        for head, cell in filed:
            if (head.role == "line" and head.side is None) or (head.role == "total" and total is not None):
                why = "年度预算申请中无法归入收入或支出的单元格" if head.role == "line" else "年度预算申请中的第二个资金总额"
                self.not_read.extend((c, why) for c in (head.cell, cell) if c is not None)
                continue
            line = self._line(head, cell)
            if head.role == "total":
                total = line
            else:
                lines[head.side].append(line)
        funds: dict[str, Any] = {}
        for side, side_lines in lines.items():
            if side_lines:
                funds[side] = {"lines": side_lines} | ({"total": copy.deepcopy(total)} if total else {})
        if total and len(funds) == 2:
            funds["expenditure"]["total"].setdefault("notes", []).append(dict(SHARED_TOTAL))
        return funds

    def _line(self, head: Head, cell: Cell | None) -> dict[str, Any]:
        """A line as filed: its head's words as the name; the amount as the number written, or a note why not."""
        self.placed.append(head.cell)
        line: dict[str, Any] = {"name": head.cell.text}
        if cell is None:
            return line
        self.placed.append(cell)
        filed = filed_amount(cell.text, self.unit or next(iter(self.units), None))
        value = filed.value
        notes: list[Note] = []
        if filed.note:
            notes.append({"field": "amount", "text": filed.note})
        elif value is None:
            notes.append({"field": "amount", "text": f"原表“{head.cell.text}”一栏填为“{cell.text}”，不是金额；"
                                                      f"编者未录入这一金额。"})
        if value is not None:
            line["amount"] = value
        if notes:
            line["notes"] = notes
        return line


def _group_over(groups: dict[int, str], column: int) -> str | None:
    """The side of the nearest group head at or left of `column`: a word no side is listed for (政府性基金拨款 …)
    under 按收入性质分 is income."""
    left = [c for c in groups if c <= column]
    return groups[max(left)] if left else None


def _slots_kept(header: list[list[Cell]], values: list[Cell]) -> bool:
    """Copied text that kept the slots of the merged heads (资金总额 | (empty) | 财政拨款 | (empty) …, the amounts
    likewise): every amount stands in the column of a head of the one head row, so the columns line up as in a real
    grid. Read in order, each empty slot would pass an amount on to the next head."""
    rows = [row for row in header if not all(_role(c) == "label" for c in _present(row))]
    if len(rows) != 1:
        return False
    heads = {column for column, cell in enumerate(rows[0]) if _role(cell) in ("total", "line")}
    amounts = {column for column, cell in enumerate(values) if cell.text}
    return bool(amounts) and amounts <= heads


def _column_heads(header: list[list[Cell]]) -> list[Head]:
    """Each column's head in a real grid: the lowest word over it (a merged cell counts in every column it
    covers), on the side its word says or else the side of the group head over it. The label names no column."""
    by_location = {cell.location: cell for row in header for cell in row}
    heads: dict[str, Head] = {}
    for column in range(max(len(row) for row in header)):
        group: str | None = None
        word: Cell | None = None
        for row in header:
            origin = by_location.get(row[column].merged_from or "", row[column]) if column < len(row) else None
            if origin is None or not origin.text or _role(origin) == "label":
                continue
            if _role(origin) == "group":
                group = request_word(origin.text)[1]
            else:
                word = origin
        if word is not None:
            heads.setdefault(word.location, _head(word, group)).columns.append(column)
    return list(heads.values())


def _ordered_heads(header: list[list[Cell]]) -> list[Head]:
    """Copied text: the head row's words in order, the first group head replaced by the row of kinds under the
    group heads (they stand side by side under them), the other group heads dropped. A kind not listed takes
    the side of the kind before it, or the first group head's."""
    rows = [_present(row) for row in header if not all(_role(c) == "label" for c in _present(row))]
    head_row, kinds_row = rows[0], (rows[1] if len(rows) > 1 else [])
    groups = [request_word(cell.text)[1] for cell in head_row if _role(cell) == "group"]
    kinds: list[Head] = []
    side = groups[0] if groups else None
    for cell in kinds_row:
        kinds.append(_head(cell, side))
        side = kinds[-1].side
    heads: list[Head] = []
    for cell in head_row:
        if _role(cell) == "group":
            heads += kinds
            kinds = []
        elif _role(cell) != "label":
            heads.append(_head(cell, None))
    return heads


def _head(cell: Cell, group: str | None) -> Head:
    """资金总额, or a kind on the side its word says, else on the side of the group head over it."""
    word = request_word(cell.text)
    if word and word[0] == "total":
        return Head(cell, "total", None)
    return Head(cell, "line", (word[1] if word else None) or group)
