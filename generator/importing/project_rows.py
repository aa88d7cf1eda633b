"""A project list whose rows carry the projects' indicators (项目支出绩效目标表 of 部门预算公开).

The header names the project's columns (项目名称, 预算单位, 项目金额, 年度绩效目标 …) beside an indicator
header (一级指标 … 指标值). Each project's cells are merged down over its indicator rows, so each project is
one project with one 年度 goal, whose indicators are read as an indicator table of their own: a label never
carries over from one project to the next.

A project starts at a row with a project cell of its own (not one covered by the merge above, nor one that
repeats the project's). Copied text drops the covered slots: a project's first row has every cell, the rows
after it only their indicator cells, which are read onto the indicator columns as the indicator reader reads
a copied row that stops short (from the right, with a note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .assembly_state import AssemblyState
from .document import Cell, spacer_rows
from .funds import FIGURE, is_total_row
from .indicators import Columns, IndicatorReader
from .layouts import BUDGET_FIELDS, split_head, without_field_reason
from .project_parts import BUDGET_UNIT, LIST_TOTAL, in_head_unit, listing_notice, notice_row
from .projects import (GROUP_PREFIX, WITHHELD_WORDS, project_field, project_row_columns, row_number, split_columns,
                       withheld_fields)

# A 序号 alone ("1", "1.1", "一", "（二）"): a row's number, never a unit's name.
GROUP_NUMBER = re.compile(r"^[（(]?[\d.一二三四五六七八九十]+[)）、.]?$")
CHINESE_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十]+[)）、.]?$")  # a group's 序号, never a project's
# A group that names no unit: the department's own projects, or its units' together ("二、所属单位").
GROUP_SUM = "项目表中分组行的小计金额（这一组项目的合计）；文件格式中没有项目分组的字段，未录入"
GROUP_LABEL = re.compile(r"^(?:部门|单位)?本级(?:项目)?$|^(?:所属|下属|直属|二级|基层)(?:预算)?单位(?:项目)?$")

Row = list[Cell]


@dataclass
class RowLayout:
    project: dict[int, str]  # column → project field, "goal" for the goal column, "number" for 序号
    indicators: list[int]  # every other column of the header, in order: the indicator table's columns
    realign: bool  # copied text: covered slots are dropped

    def indicator_cells(self, row: Row) -> Row:
        """The row's cells of the indicator columns. A copied row with no more cells than those columns is one
        whose project cells were covered: its cells are the indicator cells, in order (not a group's row)."""
        if self.realign and len(row) <= len(self.indicators):
            return [] if self.lead_row(row) else list(row)
        return [row[c] for c in self.indicators if c < len(row)]

    def project_cells(self, row: Row) -> dict[int, Cell]:
        """The project cells a row has of its own; none on a row whose slots are only indicator cells. A copied
        group's row (`lead_row`) stands in the first project columns."""
        if self.realign and len(row) <= len(self.indicators):
            return {c: cell for c, cell in zip(sorted(self.project), row) if cell.text} if self.lead_row(row) else {}
        return {c: row[c] for c in self.project if c < len(row) and row[c].text}

    def lead_row(self, row: Row) -> bool:
        """Copied text of a short row that is no project's indicators (its slots dropped): a withheld project's ("2 |
        某县第一中学 | 涉密项目，不予公开", "（涉密项目，不予公开）"), the 合计 row, a group's number with its unit ("一 |
        某县教育局本级", "二、所属单位"). Before, it was read as indicator cells of the project above (a withheld
        project's words published as an indicator)."""
        texts = [cell.text for cell in row if cell.text]
        if not texts:
            return False
        if any(re.search(WITHHELD_WORDS, text) for text in texts) or is_total_row(row):
            return True
        return len(row) <= 2 and bool(CHINESE_NUMBER.match(texts[0]) and len(texts) == 2
                                      or GROUP_PREFIX.match(texts[0]) and len(texts) == 1)


class ProjectRows(AssemblyState):
    def _project_rows(self, rows: list[Row], start: int, origin: str) -> tuple[int, int]:
        """The header, then one project per run of rows from a row with project cells of its own; returns rows
        used and rows placed."""
        rows = _copied_split(rows, start) if self.realign else rows
        header = rows[start]
        project = project_row_columns([cell.text for cell in header])
        split = split_columns(header, rows[start + 1] if start + 1 < len(rows) else None)
        project.update(split)  # 项目金额 over 合计 | 财政拨款 | 其他资金: the second header row
        layout = RowLayout(project, [c for c in range(len(header)) if c not in project], self.realign)
        columns, header_rows = self._indicator_columns([layout.indicator_cells(row) for row in rows[start:]], None)
        header_rows = max(header_rows, 1 + bool(split))
        self._place(*(cell for cell in header if cell.text), *(rows[start + 1][c] for c in split),
                    *columns.header_cells)
        head_unit, listed_from = self._head_unit(header), len(self.projects)
        spacers = _spacers(rows[start + header_rows:], layout, self._is_stop)
        end, body = self._part_rows(rows, start, header_rows,
                                    lambda row: id(row) not in spacers and self._is_stop(row) and not notice_row(row))
        self.in_projects = True
        placed = end - start - len(body)  # the header, and the header printed again at a page break
        heading: UnitHeading | None = None
        listing: Cell | None = None  # a notice over the rows it withholds ("以下项目涉密，不予公开：")
        for group in _groups(body, layout):
            if listing is not None and self._withheld_listed_rows(group, layout, listing):
                placed += len(group)
                continue
            self._notice_unused(listing)
            listing = listing_notice(group[0])
            if listing is not None and (len(group) == 1 or self._withheld_listed_rows(group[1:], layout, listing)):
                placed += len(group)
                continue
            listing = None
            if (cells := _unit_heading(group, layout)) is not None:  # "某县第一中学" over its projects
                self._close_heading(heading)
                heading = UnitHeading(*cells)
                for column, cell in layout.project_cells(group[0]).items():  # the unit's code, as on its projects
                    if layout.project[column].startswith("unfielded:"):
                        self.why_not[cell.location] = without_field_reason(layout.project[column].partition(":")[2])
                placed += 1
            elif (secret := _withheld_cells(group, layout)) is not None:  # "13 | 涉密项目，不予公开"
                self._withheld_row(*secret)
                placed += 1
            elif notice_row(group[0]):  # "6-13号项目涉密，暂不公开" across the table: withheld where it stands
                self._project_start(next(cell.text for cell in group[0] if cell.text))
                self._place(*(cell for cell in group[0] if cell.text))
                placed += 1
            elif is_total_row(group[0]):  # 合计: no project, and the content format has no field for the total
                for cell in (c for row in group for c in row if c.text):
                    self.why_not[cell.location] = LIST_TOTAL
            elif layout.project_cells(group[0]):
                self._listed_project_with_goal(group, layout, columns, origin)
                self._under_heading(heading)
                placed += len(group)
            else:  # rows before the first project: no project to put their cells in
                for cell in (c for row in group for c in row if c.text):
                    self.why_not[cell.location] = "项目表中此行之前没有项目名称，未录入"
        self._notice_unused(listing)
        self._close_heading(heading)
        in_head_unit(self.projects[listed_from:], head_unit)
        return end - start, placed

    def _withheld_listed_rows(self, rows: list[Row], layout: RowLayout, notice: Cell) -> bool:
        """Rows under a notice that withholds them, each only a 序号 and a name ("3 | 维稳专项保障经费"): a withheld
        record each, the names listed (as `_withheld_listed` does in a list without indicators). Before, copied text
        read them as indicators of a project numbered by the notice, publishing the names. False, reading none, when
        a row has more cells (a project of its own)."""
        own = [_number_and_name(row, layout) for row in rows]
        if not rows or None in own or len({row_number(cells["number"].text) for cells in own}) < len(own):
            return False
        for row in rows:
            columns = {c: key for c, key in layout.project.items() if key in ("number", "name")}
            if self.realign and len(row) <= len(layout.indicators):  # copied text: the cells in the first columns
                columns = dict(enumerate(layout.project[c] for c in sorted(layout.project)))
            self._withheld_listed(row, columns, notice)
        return True

    def _notice_unused(self, notice: Cell | None) -> None:
        """A notice over rows it withholds with no such row under it: listed, as a withheld row without a 序号 is."""
        if notice is not None and notice.location not in self.placed:
            self._withheld_row(None, notice, [notice])

    def _withheld_row(self, number: Cell | None, notice: Cell, row: Row) -> None:
        """A project's row that withholds it: a withheld record of its 序号 where it stands, with the row's words as
        the notice; its other cells (the unit, a name) are listed, as a withheld record holds no more. Without a
        序号 nothing says which project it is: every cell is listed."""
        others = [cell for cell in row if cell.text and cell is not notice and cell is not number]
        if number is None or not number.text.isdigit():
            for cell in (c for c in row if c.text):
                self.why_not[cell.location] = "项目表中不予公开的项目行没有写序号，未写成不予公开记录，请核对"
            return
        redaction, notes = withheld_fields(notice.text)
        self._open_projects()
        self.projects.append({"withheld": {"numbers": [int(number.text)] * 2} | redaction, "notes": notes})
        self.project = None
        self._place(number, notice)
        for cell in others:
            self.why_not[cell.location] = "不予公开的项目只录序号、理由和依据，此格未录入"

    def _under_heading(self, heading: UnitHeading | None, project: dict[str, Any] | None = None) -> None:
        """A project (the one being read, unless given) under a unit's heading row: the unit is its 预算单位 when its
        row names none. A withheld record takes none."""
        project = self.project if project is None else project
        if heading is None or project is None or heading.name is None or "withheld" in project:
            return
        if "budget_unit" not in project:
            project["budget_unit"] = heading.name
        heading.used = heading.used or project["budget_unit"] == heading.name

    def _group_heading(self, row: Row, columns: dict[int, str]) -> UnitHeading | None:
        """A row of a project list (no indicator columns) that only names a group: "一 | 某县教育局本级" (or the unit in
        its 预算单位 column), "二、所属单位" alone. Before, it was read as a project of that name."""
        sums = _group_sums(row, columns)
        row = [Cell("", cell.location) if cell in sums else cell for cell in row]
        own = {c: cell for c, cell in enumerate(row) if cell.text}
        texts = [cell.text for cell in own.values()]
        if len(texts) == 1 and not (GROUP_PREFIX.match(texts[0]) or BUDGET_UNIT.match(texts[0])) \
                or any(re.search(WITHHELD_WORDS, text) for text in texts):
            return None  # one cell of other words (a cell's next line, copied without a tab): no group
        layout = RowLayout({c: columns.get(c, "other") for c in range(max(own, default=0) + 1)}, [], False)
        cells = _unit_heading([row], layout) or ((next(iter(own.values())), None) if len(texts) == 1 else None)
        if cells is None:
            return None
        for cell, why in sums.items():  # before, "一 | 某县教育局本级 | 1830.00" was listed as not recognised
            self.why_not[cell.location] = why
        return UnitHeading(*cells)

    def _close_heading(self, heading: UnitHeading | None) -> None:
        """A heading no project below took as its unit (each names another) is listed, never dropped; its 序号
        ("一") numbers the group, which the content format has no field for."""
        if heading is None:
            return
        if heading.used:
            self._place(heading.unit)
        elif heading.name is None:
            self.why_not[heading.unit.location] = ("项目表中的分组行，写的不是单位名称；文件格式中没有项目分组的字段，"
                                                   "下面的项目照各自的一行录入，此行未录入")
        else:
            self.why_not[heading.unit.location] = "项目表中的单位分组行，下面各项目写有不同的预算单位，未录入"
        if heading.number is not None:
            self.why_not[heading.number.location] = "项目表中单位分组行的序号，文件格式中没有对应的字段，未录入"

    def _listed_project_with_goal(self, group: list[Row], layout: RowLayout, columns: Columns, origin: str) -> None:
        """The project's cells from its first row; its 年度 goal's text and indicators from all its rows."""
        project: dict[str, Any] = {}
        goal_text = None
        for column, cell in layout.project_cells(group[0]).items():
            key = layout.project[column]
            if key == "goal":
                goal_text = cell
            elif key.startswith("unfielded:"):  # a code column (单位编码): listed with why
                self.why_not[cell.location] = without_field_reason(key.partition(":")[2])
            elif key == "supervisor":  # 主管部门 beside the unit column: as in a list without indicators
                self._supervisor_cell(project, cell, layout.project)
            else:
                self._project_cell(project, key, cell)
        self._place(*(cell for row in group[1:] for cell in _repeats(layout, group[0], row) or []))
        self._new_project(project)
        self._start_goal("年度", None, goal_text.text if goal_text else None, origin=origin, same_project=True)
        self._place(*([goal_text] if goal_text else []))
        self.goal_table_used = True
        reader = IndicatorReader(columns, [self._without_labels(layout.indicator_cells(row)) for row in group],
                                 realign=self.realign)
        indicators = reader.read()
        self._place(*reader.placed)
        assert self.goal is not None
        self._keep_indicators(self.goal, columns, indicators)


def _number_and_name(row: Row, layout: RowLayout) -> dict[str, Cell] | None:
    """A row's 序号 (a project number) and name cells when it has only those: under a notice that withholds it."""
    if layout.realign and len(row) <= len(layout.indicators):
        keys = [layout.project[c] for c in sorted(layout.project)]
        cells = {keys[i]: cell for i, cell in enumerate(row) if cell.text and i < len(keys)}
        if len([cell for cell in row if cell.text]) != len(cells):
            return None
    else:
        cells = {layout.project[c]: cell for c, cell in layout.project_cells(row).items()}
        if any(cell.text for cell in layout.indicator_cells(row)):
            return None
    ok = set(cells) == {"number", "name"} and row_number(cells["number"].text) is not None
    return cells if ok else None


def _withheld_cells(group: list[Row], layout: RowLayout) -> tuple[Cell | None, Cell, Row] | None:
    """A project's row (no indicator) whose cell withholds it ("涉密项目，不予公开"), not a notice naming numbers:
    its 序号 cell, that cell and the row."""
    row = group[0]
    if len(group) > 1 or notice_row(row) or any(cell.text for cell in layout.indicator_cells(row)):
        return None
    notice = next((cell for cell in row if re.search(WITHHELD_WORDS, cell.text)), None)
    if notice is None:
        return None
    number = next((cell for c, cell in layout.project_cells(row).items() if layout.project[c] == "number"), None)
    return number if number is not notice else None, notice, row


def _copied_split(rows: list[Row], start: int) -> list[Row]:
    """Copied text drops the slots a merged amount head spans: "项目资金 | 年度绩效目标 …" over "合计 | 财政拨款 | 其他资金"
    alone on the next row (before, the split's amounts were read onto the goal and indicator columns). The rows with
    every printing of these two header rows given their slots back: the head spans its split's columns, each split
    head stands under it."""
    if start + 1 >= len(rows):
        return rows
    header, below = rows[start], rows[start + 1]
    totals = [c for c, cell in enumerate(header) if project_field(cell.text) == "total"]
    if len(totals) != 1 or len(below) < 2 or not all(cell.text and split_head(cell.text) for cell in below):
        return rows
    texts = ([c.text for c in header], [c.text for c in below])
    out = list(rows)
    for index in range(start, len(rows) - 1):
        if ([c.text for c in rows[index]], [c.text for c in rows[index + 1]]) == texts:
            out[index:index + 2] = _widened(rows[index], rows[index + 1], totals[0])
    return out


def _widened(header: Row, below: Row, column: int) -> list[Row]:
    """The two header rows with the amount head at `column` spanning the split heads under it."""
    spanned = [Cell("", header[column].location, header[column].location) for _ in below[1:]]
    return [header[:column + 1] + spanned + header[column + 1:],
            [Cell("", "")] * column + below + [Cell("", "")] * (len(header) - column - 1)]


@dataclass
class UnitHeading:
    """A row naming a budget unit over the projects below it (a whole department's export groups its projects by
    unit: "某县教育局本级", "某县第一中学"), maybe with the group's own 序号 ("一")."""
    unit: Cell
    number: Cell | None
    used: bool = False

    @property
    def name(self) -> str | None:
        """The unit the heading names: its text without the group's number before it ("二、"); None for a group that
        names no unit ("所属单位", "本级")."""
        name = GROUP_PREFIX.sub("", self.unit.text).strip()
        return None if GROUP_LABEL.match(name) else name


def _unit_heading(group: list[Row], layout: RowLayout) -> tuple[Cell, Cell | None] | None:
    """The unit and 序号 cells of a row that only names a unit: its unit column (or one cell across the row from
    序号) filled, maybe a 序号 that is no project's number, no indicator and no other project cell."""
    row = group[0]
    if len(group) > 1 or any(cell.text for cell in layout.indicator_cells(row)) \
            or any(re.search(WITHHELD_WORDS, cell.text) for cell in row):
        return None
    own = layout.project_cells(row)
    keys = {layout.project[c]: cell for c, cell in own.items() if not layout.project[c].startswith("unfielded:")}
    if set(keys) - {"number", "budget_unit", "name"} or is_total_row(row):
        return None
    number = keys.get("number")
    if set(keys) == {"number", "name"} and CHINESE_NUMBER.match(number.text):  # "一 | 某县教育局本级" across the row
        return keys["name"], number
    if "name" in keys:  # a project that names itself, if nothing else
        return None
    if "budget_unit" in keys:
        return (keys["budget_unit"], number) if number is None or not number.text.isdigit() else None
    texts = {cell.text for cell in row if cell.text}
    return (number, None) if number is not None and len(texts) == 1 and not GROUP_NUMBER.match(number.text) else None


def _group_sums(row: Row, columns: dict[int, str]) -> dict[Cell, str]:
    """A group row's amounts (its units' 小计: "一 | 某县教育局本级 | 1830.00 | 1830.00") and codes (单位编码), each with
    why it is listed: the content format has no field for a group, nor a list a field for a code. Empty unless
    every amount is a figure under a budget column."""
    sums: dict[Cell, str] = {}
    for column, cell in enumerate(row):
        key = columns.get(column, "")
        if cell.text and key.startswith("unfielded:"):
            sums[cell] = without_field_reason(key.partition(":")[2])
        elif cell.text and key in BUDGET_FIELDS:
            if not FIGURE.match(cell.text):
                return {}
            sums[cell] = GROUP_SUM
    return sums if GROUP_SUM in sums.values() else {}


def _spacers(rows: list[Row], layout: RowLayout, stop: Callable[[Row], bool]) -> set[int]:
    """Blank rows between two projects (or before the 合计 row): the row after them is the list's own, a project's
    first row (its name and another cell of its own) or the 合计 row. Before, the projects after such a row were
    listed cell by cell."""
    def continues(row: Row) -> bool:
        own = [layout.project[c] for c in layout.project_cells(row)]
        return not stop(row) and (is_total_row(row) or len(own) >= 2 and "name" in own)
    return spacer_rows(rows, continues)


def _groups(rows: list[Row], layout: RowLayout) -> list[list[Row]]:
    """Runs of rows, each from a row with project cells of its own; a row that only repeats the project's cells
    (an export that fills them in on every row instead of merging) continues the run. Blank rows are in none."""
    groups: list[list[Row]] = []
    for row in rows:
        if not any(cell.text for cell in row):
            continue
        if not groups or _repeats(layout, groups[-1][0], row) is None:
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


def _repeats(layout: RowLayout, first: Row, row: Row) -> list[Cell] | None:
    """The project cells a row repeats from the project's first row; None when it has one of another project."""
    shown = {c: cell.text for c, cell in layout.project_cells(first).items()}
    own = layout.project_cells(row)
    return list(own.values()) if all(shown.get(c) == cell.text for c, cell in own.items()) else None
