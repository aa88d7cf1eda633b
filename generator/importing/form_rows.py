"""One row of a form that is no indicator, funds or project-list table: try each kind of row in turn.

A form row can be a key/value pair, a labelled text, a goal, a budget, a spending plan, a contact …;
the first reading that takes the row wins, so the order of `_form_row` is the order of precedence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assembly_state import AssemblyState
from .document import Cell, Paragraph
from .layouts import (DEPARTMENT_TEXTS, MONEY_UNIT, MONEY_UNIT_IN_LABEL, MONEY_UNIT_LABELS, MONEY_UNITS,
                      PROJECT_COLUMNS, REPORT_APPARATUS, STRUCTURE_LABELS, normalize)


@dataclass
class FormRow:
    rows: list[list[Cell]]  # the whole table: some readings use the row below
    index: int
    origin: str  # the table's location: where goals started here come from
    present: list[Cell]  # the row's non-empty cells, money-unit cells taken out

    @property
    def cells(self) -> list[Cell]:
        return self.rows[self.index]

    @property
    def below(self) -> list[Cell] | None:
        return self.rows[self.index + 1] if self.index + 1 < len(self.rows) else None

    @property
    def first(self) -> Cell:
        return self.present[0]

    @property
    def key(self) -> str:
        return normalize(self.first.text)

    @property
    def rest(self) -> list[Cell]:
        return self.present[1:]


class FormRows(AssemblyState):
    def _form_row(self, rows: list[list[Cell]], index: int, origin: str) -> int:
        """Reads one row; returns how many rows it used (a head row with its values below uses two)."""
        row = FormRow(rows, index, origin, self._take_units(rows[index]))
        if not row.present:
            return 1
        for reading in (self._tagged_title_row,  # "附件3 | 标题": a tag beside the title, never a label and its value
                        self._instructions_row,  # "填表说明 | 1.…": the form's printed instructions, never a chapter
                        self._self_evaluation_total_row, self._opening_budget_head, self._adjusted_budget_head,
                        self._opening_budget_row,
                        self._expected_goal_row,  # a 自评表's rows, whose heads other readings would take as values
                        self._unfielded_row, self._overall_goal_row, self._budget_pairs_row, self._budget_periods_row,
                        self._budget_matrix_row,
                        self._goal_heads_row,  # "中期目标 | 年度目标" over their texts: before a goal's label and text
                        self._goal_row, self._goal_text_row, self._plain_goal_row,
                        self._text_heads_row,
                        self._department_text_row,
                        self._goal_naming_row, self._section_row):
            used = reading(row)
            if used:
                return used
        self._contact_and_dates(row.present)  # a row with a contact may still carry a project's fields
        for reading in (self._budget_years_row,  # "2026年 | 2027年 | …" over a project's funds by year
                        self._budget_header, self._project_pairs_row, self._source_line_row, self._sources_total_row,
                        self._purpose_row, self._spending_header_row, self._spending_plan_row):
            used = reading(row)
            if used:
                return used
        if len(row.present) == 1 and row.first.location not in self.placed:  # not a contact, date or name line
            self._single_cell(row.present[0], alone=sum(bool(cell.text) for cell in row.cells) == 1)
        return 1

    def _tagged_title_row(self, row: FormRow) -> int:
        """"附件3 | 2026年度部门整体绩效目标表": the form's title merged over the columns right of its attachment tag, in
        one row of the sheet. A tag labels no value: each is read as a line of its own, as when the tag has a row to
        itself (the title is the filing's, the tag is listed with its reason); as a pair, neither was read."""
        if len(row.present) != 2 or not REPORT_APPARATUS.match(row.first.text):
            return 0
        for cell in row.present:
            self._single_cell(cell, alone=True)
        return 1

    def _text_heads_row(self, row: FormRow) -> int:
        """"部门（单位）职责 | 年度履职目标": the form's heads over the department's texts, each text's own row below
        ("部门（单位）职责 | （一）…", "年度总体目标 | 1.…"). Each head names a text (DEPARTMENT_TEXTS) that a row
        further down of this table gives: the row is the form's print, placed and never read as a text (年度履职目标
        is no text of 部门（单位）职责)."""
        fields = [DEPARTMENT_TEXTS.get(normalize(cell.text)) for cell in row.present]
        if len(fields) < 2 or None in fields or len(set(fields)) < len(fields):
            return 0
        given = {DEPARTMENT_TEXTS.get(normalize(cells[0].text)) for cells in
                 ([c for c in below if c.text] for below in row.rows[row.index + 1:])
                 if len(cells) >= 2 and normalize(cells[1].text) not in DEPARTMENT_TEXTS}
        if not set(fields) <= given:
            return 0
        self._place(*row.present)
        return 1

    def _take_units(self, row: list[Cell]) -> list[Cell]:
        """The money unit, alone in a cell ("单位：万元"), in the cell after its label ("金额单位 | 万元") or inside a
        label ("金额（万元）"); returns the other cells."""
        present = [cell for cell in row if cell.text]
        for cell in [c for c in present if MONEY_UNIT.fullmatch(c.text)]:
            self._set_unit(MONEY_UNIT.fullmatch(cell.text).group(1))
            self._place(cell)
            present.remove(cell)
        for label, unit in [pair for pair in zip(present, present[1:]) if _is_unit_pair(*pair)]:
            self._set_unit(unit.text.strip())
            self._place(label, unit)
            present.remove(label)
            present.remove(unit)
        for cell in [c for c in present if MONEY_UNIT_IN_LABEL.search(c.text)]:
            self._set_unit(MONEY_UNIT_IN_LABEL.search(cell.text).group(1))
            self._place(cell)
        return present

    def _single_cell(self, cell: Cell, alone: bool) -> None:
        """A row with one cell: a project's budget unit, a label without value, or a line like a paragraph. Only a
        cell `alone` in its row (no money unit beside it) is a line whose label–value pairs are read one by one."""
        if self._budget_unit_cell(cell):
            return
        if normalize(cell.text) in STRUCTURE_LABELS or normalize(cell.text) in PROJECT_COLUMNS:
            self._place(cell)  # a label whose value cell is empty
        else:
            self._paragraph(Paragraph(cell.text, cell.location), pairs=alone)


def _is_unit_pair(label: Cell, unit: Cell) -> bool:
    return normalize(label.text) in MONEY_UNIT_LABELS and unit.text.strip() in MONEY_UNITS
