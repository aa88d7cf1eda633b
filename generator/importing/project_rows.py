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

from dataclasses import dataclass
from typing import Any

from .assembly_state import AssemblyState
from .document import Cell
from .funds import is_total_row
from .indicators import Columns, IndicatorReader
from .layouts import MONEY_UNIT_IN_LABEL
from .project_parts import LIST_TOTAL
from .projects import project_row_columns, split_columns, withheld

Row = list[Cell]


@dataclass
class RowLayout:
    project: dict[int, str]  # column → project field, "goal" for the goal column, "number" for 序号
    indicators: list[int]  # every other column of the header, in order: the indicator table's columns
    realign: bool  # copied text: covered slots are dropped

    def indicator_cells(self, row: Row) -> Row:
        """The row's cells of the indicator columns. A copied row with no more cells than those columns is one
        whose project cells were covered: its cells are the indicator cells, in order."""
        if self.realign and len(row) <= len(self.indicators):
            return list(row)
        return [row[c] for c in self.indicators if c < len(row)]

    def project_cells(self, row: Row) -> dict[int, Cell]:
        """The project cells a row has of its own; none on a row whose slots are only indicator cells."""
        if self.realign and len(row) <= len(self.indicators):
            return {}
        return {c: row[c] for c in self.project if c < len(row) and row[c].text}


class ProjectRows(AssemblyState):
    def _project_rows(self, rows: list[Row], start: int, origin: str) -> tuple[int, int]:
        """The header, then one project per run of rows from a row with project cells of its own; returns rows
        used and rows placed."""
        header = rows[start]
        project = project_row_columns([cell.text for cell in header])
        split = split_columns(header, rows[start + 1] if start + 1 < len(rows) else None)
        project.update(split)  # 项目金额 over 合计 | 财政拨款 | 其他资金: the second header row
        layout = RowLayout(project, [c for c in range(len(header)) if c not in project], self.realign)
        columns, header_rows = self._indicator_columns([layout.indicator_cells(row) for row in rows[start:]], None)
        header_rows = max(header_rows, 1 + bool(split))
        self._place(*(cell for cell in header if cell.text), *(rows[start + 1][c] for c in split), *columns.header_cells)
        for unit in filter(None, (MONEY_UNIT_IN_LABEL.search(cell.text) for cell in header)):
            self._set_unit(unit.group(1))
        end, body = self._part_rows(rows, start, header_rows, lambda row: self._is_stop(row) and not _notice(row))
        self.in_projects = True
        placed = end - start - len(body)  # the header, and the header printed again at a page break
        for group in _groups(body, layout):
            if _notice(group[0]):  # "6-13号项目涉密，暂不公开" across the table: withheld where it stands
                self._project_start(next(cell.text for cell in group[0] if cell.text))
                self._place(*(cell for cell in group[0] if cell.text))
                placed += 1
            elif is_total_row(group[0]):  # 合计: no project, and the content format has no field for the total
                for cell in (c for row in group for c in row if c.text):
                    self.why_not[cell.location] = LIST_TOTAL
            elif layout.project_cells(group[0]):
                self._listed_project_with_goal(group, layout, columns, origin)
                placed += len(group)
            else:  # rows before the first project: no project to put their cells in
                for cell in (c for row in group for c in row if c.text):
                    self.why_not[cell.location] = "项目表中此行之前没有项目名称，未录入"
        return end - start, placed

    def _listed_project_with_goal(self, group: list[Row], layout: RowLayout, columns: Columns, origin: str) -> None:
        """The project's cells from its first row; its 年度 goal's text and indicators from all its rows."""
        project: dict[str, Any] = {}
        goal_text = None
        for column, cell in layout.project_cells(group[0]).items():
            key = layout.project[column]
            if key == "goal":
                goal_text = cell
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


def _notice(row: Row) -> bool:
    """A row of one cell, across the table between two projects, that withholds projects: the projects below it go
    on under the same header (before, the notice ended the table and every project below was left unread)."""
    texts = [cell.text for cell in row if cell.text]
    return len(texts) == 1 and bool(withheld(texts[0]))


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
