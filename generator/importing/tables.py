"""A table is read part by part: an indicator table, a funds table, a project list, a task table, or form rows.

A part starts at its header row and runs until a row that starts another part (`_is_stop`); what
is left are form rows, read one by one. Each table is reported with the kinds of part found in it.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from ..models import FundsSplit
from ..vocabulary import label
from .assembly_state import AssemblyState
from .budget_request import RequestGrid, RequestReader, is_request_label, opens_request, request_grid
from .department import label_of, labelled_department, personal_label
from .document import Cell, Paragraph, Table, spacer_rows
from .funds import (FundsReader, is_funds_header, is_plain_funds_header, is_total_row, plain_funds_rows,
                    side_by_side, sides_by_totals)
from .goals import GOAL_START, goal_line
from .imported import FoundTable
from .indicator_halves import split_header
from .indicators import (MID_PARTS, Columns, IndicatorReader, continues_indicators, names_in_level2,
                         spread_group_heads, spread_sub_heads, spread_value_groups)
from .layouts import (DATE_LABELS, DEPARTMENT_TEXTS, FILER, FILLING_INSTRUCTIONS, LABELLED_VALUE, MONEY_UNIT,
                      NEXT_LABEL, PHONE, SELF_EVALUATION_TOTALS, STRUCTURE_LABELS, TASK_FIELDS,
                      TASK_LABELS, department_label, is_grouped_indicator_header, is_indicator_header, is_task_header,
                      monitoring_head, normalize, self_evaluation_head, task_column)
from .projects import (budget_title, form_pairs, heading, is_list_header, project_line, project_row_columns,
                       project_field, spending_header, unnumbered_heading, withheld)
from .tasks import TaskColumns, TaskReader, task_columns

WEIGHT = re.compile(r"\d+(\.\d+)?分")  # "20分": a score, when every 备注 holds one
LABEL_KIND = re.compile(r"^(年度|长期)(绩)?效指标$")  # 年度绩效指标, 长期绩效指标 (and 年度效指标 as filed)
UNSURE_FUNDS = ("原表在项目之后的这张表列有收入合计和支出合计，是部门的收支还是项目的收支，原表没有写明；编者不作猜测，"
                "未录入，请核对")


class TableParts(AssemblyState):
    def _table(self, table: Table) -> None:
        self.in_table = True
        self.realign = self.copied and not _every_slot(table)
        try:
            self._table_rows(table)
        finally:
            self.in_table = False
            self.realign = self.copied

    def _table_rows(self, table: Table) -> None:
        rows = [list(row) for row in table.rows]
        index = 0
        kinds: list[str] = []
        placed_rows = 0
        while index < len(rows):
            if not any(cell.text for cell in rows[index]):
                index += 1
                continue
            kind, used, count = self._table_part(rows, index, table.location)
            kinds.extend([kind] if kind else [])
            placed_rows += count
            index += used
        kind = "、".join(dict.fromkeys(kinds)) or ("表单" if placed_rows else "未识别")
        self.tables.append(FoundTable(table.location, kind, placed_rows))

    def _table_part(self, rows: list[list[Cell]], index: int, origin: str) -> tuple[str | None, int, int]:
        """The part that starts at this row: its kind for the report (if any), rows used, rows placed."""
        texts = [cell.text for cell in rows[index]]
        if self.withheld_list and self._withheld_table_row(rows[index], index):
            return "项目表", 1, 1  # "3 | 战备公路养护经费" under "以下项目涉密，不予公开："
        if project_row_columns(texts):
            return ("项目表", *self._project_rows(rows, index, origin))
        halves = split_header(rows, index)  # 中期 and 年度 indicators side by side: before the one-table reading
        if halves is not None:
            return ("指标表", *self._indicator_halves(rows, index, origin, halves))
        if is_indicator_header(texts) or self._grouped_header(rows, index):
            return ("指标表", *self._indicator_table(rows, index, origin))
        if is_funds_header(texts):
            return ("资金表", *self._funds_table(rows, index))
        if is_plain_funds_header(texts, islice(rows, index + 1, None)):  # the rows below read only under such a head
            if self.project is None:
                return ("资金表", *self._funds_table(rows, index))
            return None, self._unsure_funds(rows, index), 0  # under a project's form: whose funds? (`_unsure_funds`)
        if is_list_header(texts):
            return ("项目表", *self._project_list(rows, index))
        if is_task_header(texts):
            return ("年度主要任务表", *self._task_table(rows, index, origin))
        request = self._request_part(rows, index, origin)
        if request:
            return request
        used = self._form_row(rows, index, origin)
        placed = 1 if any(cell.location in self.placed for cell in rows[index]) else 0
        return ("项目表" if self.in_projects and self.project is not None else None), used, placed

    def _unsure_funds(self, rows: list[list[Cell]], index: int) -> int:
        """"项目 | 金额" ("项目名称 | 预算数") over rows naming both sides' totals ("收入合计", "支出合计"), below a project's form: the
        department's funds or the project's own, the cells do not say. Listed with why (before, read as a project list:
        projects named 收入合计, 财政拨款 … were published). Returns the rows taken."""
        taken = 1 + len(plain_funds_rows(rows[index + 1:]))
        for cell in (cell for row in rows[index:index + taken] for cell in row if cell.text):
            self.why_not[cell.location] = UNSURE_FUNDS
        return taken

    def _grouped_header(self, rows: list[list[Cell]], index: int) -> bool:
        """A header of two rows: 绩效指标 (merged across) over 一级指标 | 二级指标 | 三级指标 on the row below."""
        return index + 1 < len(rows) and \
            is_grouped_indicator_header([c.text for c in rows[index]], [c.text for c in rows[index + 1]])

    def _request_part(self, rows: list[list[Cell]], index: int, origin: str) -> tuple[str, int, int] | None:
        """The 年度预算申请 grid at this row, if there is one; a label line just before the table is its first row."""
        label = self._request_label_above(index, origin)
        grid = request_grid(label + rows[index:], 0) if label else request_grid(rows, index)
        if grid is None or self.project is not None:  # under a project's 项目名称, "年度预算资金 | 资金总额" is its budget
            return None
        used, placed = self._budget_request(label + rows[index:index + grid.rows - len(label)], grid)
        return "年度预算申请", used - len(label), max(placed - len(label), 0)

    def _is_stop(self, row: list[Cell]) -> bool:
        """A row another part of the form starts with: ends the table part being read."""
        texts = [cell.text for cell in row]
        if is_indicator_header(texts) or is_funds_header(texts) or is_list_header(texts) or is_task_header(texts) \
                or opens_request(row) or len(spending_header(row)) >= 2:  # a spending plan (copied text: no blank line)
            return True
        first = next((t for t in texts if t), "")
        if _is_contact_label(first) or FILLING_INSTRUCTIONS.match(first):
            return True  # a contact line, or the form's printed 填表说明 under the table (`_instructions_row`)
        present = [t for t in texts if t]
        if not present:  # a blank row ends a table part in a real grid; copied text has blank rows inside tables
            return not self.realign and not any(cell.merged_from for cell in row)
        if len(present) == 1 and _opens_part(first):
            return True
        key = normalize(first)
        return bool(GOAL_START.match(first)) or key in DEPARTMENT_TEXTS or key in SELF_EVALUATION_TOTALS \
            or department_label(first) is not None \
            or labelled_department(first) is not None or _signature_line(present) \
            or key in ("整体绩效总目标", "绩效目标") \
            or bool(form_pairs(row) and project_field(first) in ("code", "name"))  # "转移支付名称 | …" as 项目名称

    def _spread_heads(self, rows: list[list[Cell]], start: int) -> None:
        """Copied text drops a merged head's slots: the header's two rows are put back as the form draws them
        (`spread_sub_heads`, `spread_group_heads`), so the sub-heads, and the rows below, line up under their heads.
        A header of three rows (指标值 over 近两年指标值 over the years) is put back as its three (`spread_value_groups`)."""
        if not self.realign or start + 1 >= len(rows):
            return
        three = spread_value_groups(*rows[start:start + 3]) if start + 2 < len(rows) else None
        if three:
            rows[start], rows[start + 1], rows[start + 2] = three
            return
        spread = spread_sub_heads(rows[start], rows[start + 1]) or spread_group_heads(rows[start], rows[start + 1])
        if spread:
            rows[start], rows[start + 1] = spread

    def _indicator_table(self, rows: list[list[Cell]], start: int, origin: str) -> tuple[int, int]:
        self._spread_heads(rows, start)
        columns, header_rows = self._indicator_header(rows, start)
        seq = next((c for c, f in columns.fields.items() if f == "seq"), None)
        spacers = self._spacers(rows[start + header_rows:], columns)
        naming = self._naming_next_table(rows, start + header_rows, columns)
        end, body = self._part_rows(rows, start, header_rows, lambda row: id(row) not in spacers
                                    and (self._is_stop(row) or _breaks_sequence(row, seq) or id(row) in naming))
        data = [self._without_labels(row) for row in body]
        if self.realign:
            data = [_with_label_slots(row, _label_columns(rows[start], columns)) for row in data]
        named = names_in_level2(columns, data)
        reader = IndicatorReader(columns, data, realign=self.realign)
        indicators = reader.read()
        self._place(*reader.placed)
        by_task = self._tasks_beside_indicators(columns, body, len(rows[start]))
        self._columns_without_field(columns, reader.not_read)
        self._overall_goal_column(columns, body)
        labels = rows[max(start - 1, 0):start + header_rows]  # the header and the row above it
        goal = self._goal_for_table(origin, _labelled_kind(labels))
        self._keep_indicators(goal, columns, indicators)
        if named:
            goal.setdefault("notes", []).append(named)
        if by_task:
            goal.setdefault("notes", []).append({"text": BY_TASK_NOTE})
        return end - start, end - start

    def _naming_next_table(self, rows: list[list[Cell]], first: int, columns: Columns) -> set[int]:
        """Rows right above another indicator header that fill no indicator (三级指标 and 指标值 empty), given as the
        rows' ids: the line naming the next goal ("“法治与行政复议”项目 | 目标内容") of a table stacked under this one with
        no blank row between (one worksheet, one Word table). It ends this table; read as an indicator, it would
        join the two goals into one. A header printed again at a page break follows the last indicator, which fills
        both: that table goes on (`_part_rows`)."""
        fields = [c for c, f in columns.fields.items() if f in ("name", "value")]
        return {id(rows[index]) for index in range(first, len(rows) - 1)
                if not any(c < len(rows[index]) and rows[index][c].text for c in fields)
                and any(cell.text for cell in rows[index])
                and (is_indicator_header([c.text for c in rows[index + 1]]) or self._grouped_header(rows, index + 1))}

    def _spacers(self, rows: list[list[Cell]], columns: Columns) -> set[int]:
        """Blank rows a department left between groups of indicators, given as the rows' ids. A blank row ends a table
        of a real grid; these do not, since the row after them is the table's next indicator: its 一级 or 二级 cell a
        usual label, its 三级指标 and 指标值 filled."""
        return spacer_rows(rows, lambda row: continues_indicators(row, columns) and not self._is_stop(row))

    def _overall_goal_column(self, columns: Columns, body: list[list[Cell]]) -> None:
        """"年度总体目标 | 一级指标 | …" of a 部门整体 form: the goal's one text merged down beside the indicators is the
        filing's overall goal, as it is beside its label. Not in a project's form; a column of several texts, or a
        filing that has its overall goal already, stays listed."""
        if self.in_projects or "overall_goal" in self.filing:
            return
        for column, head in columns.others.items():
            texts = [row[column] for row in body if column < len(row) and row[column].text]
            if DEPARTMENT_TEXTS.get(normalize(head.text)) == "overall_goal" and len(texts) == 1:
                self.filing["overall_goal"] = texts[0].text
                self._place(head, texts[0])
                return

    def _tasks_beside_indicators(self, columns: Columns, body: list[list[Cell]], width: int) -> bool:
        """任务名称 | 主要内容 | 预算金额 | 一级指标 …: a 年度主要任务 table whose tasks carry their indicators, each
        task's cells merged down beside them. The task columns are the filing's tasks (read as a task table's); the
        indicators stay the table's goal's. Copied text drops the merged slots: only a row as wide as the header
        holds task cells, a narrower one is an indicator row of the task above."""
        fields = {c: task_column(head.text) for c, head in columns.others.items()}
        fields = {c: key for c, key in fields.items() if key in TASK_FIELDS}
        if self.in_projects or "name" not in fields.values():
            return False
        heads = [columns.others[c] for c in sorted(fields)]
        task_heads = TaskColumns(fields, [fields[c] for c in sorted(fields)], {fields[c]: columns.others[c].text
                                                                               for c in fields}, heads, 1)
        rows = [[cell if c in fields else Cell("", cell.location) for c, cell in enumerate(row)]
                for row in body if not self.realign or len(row) >= width]
        reader = TaskReader(task_heads, by_order=False, unit=self.unit, head_unit=self._head_unit(heads))
        table = reader.read(rows)
        if table is None:
            return False
        self._place(*heads, *reader.placed)
        self._keep_tasks(table)
        for cell, why in reader.not_read:
            self.why_not[cell.location] = why
        for column in fields:
            del columns.others[column]
        return True

    def _columns_without_field(self, columns: Columns, cells: list[tuple[Cell, str]]) -> None:
        """A header the content format has no field for, and the cells under it: listed as not placed with the
        column's reason; a 自评 result (实际完成值, 得分) is remembered for the filing's note."""
        for column, head in columns.others.items():
            result = self_evaluation_head(head.text, self.own_year) or monitoring_head(head.text)
            if result:
                self._as_result([head], result)
            else:
                self.why_not[head.location] = columns.reason(column)
        for cell, why in cells:
            self.why_not[cell.location] = why

    def _keep_indicators(self, goal: dict[str, Any], columns: Columns, indicators: list[dict[str, Any]]) -> None:
        """A table's indicators into its goal: 中期 values as the 中期 goal's, its prior years, scores filed as 备注."""
        if goal["kind"] == "中期" and any("value_mid" in i for i in indicators):
            goal = self._annual_goal_beside()
        self._mid_term_values(indicators, goal, {f for f in columns.fields.values() if f in MID_PARTS})
        if columns.years:
            goal["prior_years"] = columns.prior_years
        goal["indicators"] = indicators
        _weights_from_remarks(goal, indicators)

    def _annual_goal_beside(self) -> dict[str, Any]:
        """The table went to a waiting 中期 goal ("中期目标 | its text", no 年度 goal above it) yet has 中期 and 年度
        value columns: the 中期 values stay that goal's, the 年度 values start a 年度 goal of the same owner. Kept
        in the 中期 goal, the 年度 values took the place of its own, which were lost without a word."""
        self._start_goal("年度", None, None, origin=self.goal["_origin"] if self.goal else "",
                         same_project=self.in_projects, department=not self.in_projects)
        self.goal_table_used = True
        assert self.goal is not None
        return self.goal

    def _indicator_header(self, rows: list[list[Cell]], start: int) -> tuple[Columns, int]:
        """The header's columns and how many rows it spans; its cells, and labels in the row above, are placed."""
        above = rows[start - 1] if start else None
        columns, header_rows = self._indicator_columns(rows[start:], above)
        self._place(*columns.header_cells)
        for row in rows[start:start + header_rows] + ([above] if above else []):
            self._place(*(c for c in row if normalize(c.text) in STRUCTURE_LABELS))
        return columns, header_rows

    def _without_labels(self, row: list[Cell]) -> list[Cell]:
        """A label column left of the header (年度绩效指标) is structure: placed, and blank for the reader."""
        self._place(*(c for c in row if normalize(c.text) in STRUCTURE_LABELS))
        return [Cell("", c.location) if normalize(c.text) in STRUCTURE_LABELS else c for c in row]

    def _funds_table(self, rows: list[list[Cell]], start: int) -> tuple[int, int]:
        """One reader over the whole row, or one per side of a table with income and expenditure side by side."""
        years_row = rows[start + 1] if start + 1 < len(rows) and _is_years_row(rows[start + 1]) else None
        head_unit = self._head_unit(rows[start])
        halves = side_by_side([cell.text for cell in rows[start]])
        readers = [(FundsReader(rows[start][first:last], None, realign=False, section=section, unit=self.unit,
                                head_unit=head_unit), first, last) for first, last, section in halves] \
            or [(FundsReader(rows[start], years_row, realign=self.realign, copied=self.copied, unit=self.unit,
                             head_unit=head_unit), 0, None)]
        header_rows = 2 if years_row and not halves else 1
        # A blank row right above the 合计 row (a copied sheet keeps it as a row of empty cells) does not end the table.
        spacers = spacer_rows(rows[start + header_rows:],
                              lambda row: is_total_row(row) and sum(1 for cell in row if cell.text) >= 2)
        end, body = self._part_rows(rows, start, header_rows, lambda row: id(row) not in spacers and self._is_stop(row))
        # "项目 | 金额" over "收入合计 | …", "财政拨款 | …", "支出合计 | …": no section rows, the side totals say the sides
        sides = None if is_funds_header([cell.text for cell in rows[start]]) else sides_by_totals(body)
        for at, row in enumerate(body):
            for reader, first, last in readers:
                if sides is not None:
                    reader.section = sides[at]
                reader.row(row[first:last])
        funds: dict[str, Any] = self.filing.setdefault("funds", {})
        for reader, _, _ in readers:
            _keep_sides(funds, reader)
            self._place(*reader.placed)
            for cell, why in reader.not_read:
                self.why_not[cell.location] = why
        return end - start, end - start

    def _budget_request(self, rows: list[list[Cell]], grid: RequestGrid) -> tuple[int, int]:
        """年度预算申请: the department's funds. A form has one; a second grid (or one beside a funds table) is
        listed as not placed rather than mixed with the first."""
        reader = RequestReader(by_order=self.realign, unit=self.unit)
        funds = reader.read(rows, grid)
        for unit in reader.units:
            self._set_unit(unit)
        kept = bool(funds) and "funds" not in self.filing
        if kept:
            self.filing["funds"] = funds
            self._place(*reader.placed)
        else:
            why = "原表已有资金情况，这一处年度预算申请未录入" if funds else "年度预算申请中没有收入或支出的分项，未录入"
            reader.not_read += [(cell, why) for cell in reader.placed]
        for cell, why in reader.not_read:
            self.why_not[cell.location] = why
        return grid.rows, grid.rows if kept else 0

    def _task_table(self, rows: list[list[Cell]], start: int, origin: str) -> tuple[int, int]:
        """年度主要任务: the rows under its header up to the 金额合计 row (or the next part); the unit in a header
        cell ("预算金额（万元）") is the filing's."""
        columns = task_columns(rows, start)
        totalled: list[bool] = []  # the 金额合计 row ends the table: the row after it is not the table's

        def stop(row: list[Cell]) -> bool:
            if totalled or self._is_stop(row):
                return True
            if is_total_row(row):
                totalled.append(True)
            return False

        # The header printed again at a page break is left out (`_part_rows`): ending the table there, a second page
        # holding only the 金额合计 row was read as a task table without tasks, its total listed 未放入.
        end, body = self._part_rows(rows, start, columns.header_rows, stop)
        head_unit = self._head_unit(columns.header_cells)
        self._place(*columns.header_cells, *self._task_label_above(rows, start, origin))
        reader = TaskReader(columns, by_order=self.realign, unit=self.unit, head_unit=head_unit)
        table = reader.read(body)
        if table is None:  # a TaskTable needs a task: amounts without one are listed as not placed, not written
            reader.not_read += [(cell, "年度主要任务表中没有任务，未录入") for cell in reader.placed]
        else:
            self._place(*reader.placed)
            self._keep_tasks(table)
        for cell, why in reader.not_read:
            self.why_not[cell.location] = why
        return end - start, end - start

    def _task_label_above(self, rows: list[list[Cell]], start: int, origin: str) -> list[Cell | Paragraph]:
        """A lone 年度主要任务 on the line above the header names the table: a row of the table or, when a
        reader made that line a paragraph of its own (a one-cell row of a sheet), the paragraph before it."""
        if start:
            above: list[Cell | Paragraph] = [cell for cell in rows[start - 1] if cell.text]
        else:
            above = [paragraph] if (paragraph := self._paragraph_before(origin)) else []
        return above if len(above) == 1 and normalize(above[0].text) in TASK_LABELS else []

    def _paragraph_before(self, origin: str) -> Paragraph | None:
        """The paragraph right before this table: a lone label line a reader did not keep in the table."""
        blocks = self.document.blocks
        at = next(i for i, block in enumerate(blocks) if isinstance(block, Table) and block.location == origin)
        return blocks[at - 1] if at and isinstance(blocks[at - 1], Paragraph) else None

    def _request_label_above(self, index: int, origin: str) -> list[list[Cell]]:
        """A 年度部门整体支出预算（万元） line right before the table (copied text keeps a one-cell row as a line of its
        own) labels a grid at the table's first row: given back as a row of one cell, to be read as the grid's."""
        paragraph = self._paragraph_before(origin) if index == 0 else None
        if paragraph is None or paragraph.location in self.placed or not is_request_label(paragraph.text):
            return []
        return [[Cell(paragraph.text, paragraph.location)]]

    def _keep_tasks(self, table: dict[str, Any]) -> None:
        """A second task table (a form that repeats the header) continues the first; one 金额合计 is kept,
        another is said in a note."""
        kept = self.filing.setdefault("tasks", {"lines": []})
        kept["lines"].extend(table["lines"])
        notes = kept.pop("notes", []) + table.get("notes", [])
        if "total" in table and "total" in kept:
            filed = "，".join(f"{label(FundsSplit, key)} {value}" for key, value in table["total"].items())
            notes.append({"field": "total", "text": f"原表有两处金额合计；编者录入第一处，另一处为 {filed}。"})
        elif "total" in table:
            kept["total"] = table["total"]
        if notes:
            kept["notes"] = notes


def _every_slot(table: Table) -> bool:
    """Copied text whose rows are all as wide: a range Excel or WPS copied (or saved as text) writes every cell of
    every row, a merged range's slots empty, so a cell stands in its column as in the workbook and is read by column.
    A table copied from a web page or Word drops the slots of merged cells: its rows differ in width, and only there
    are a row's cells found again under their heads (`realign`)."""
    return len({len(row) for row in table.rows}) == 1


def _labelled_kind(rows: list[list[Cell]]) -> str | None:
    """The kind of goal a label beside or above an indicator header names: 年度 for 年度绩效指标, 长期 for 长期绩效指标."""
    labels = [normalize(c.text) for row in rows for c in row if normalize(c.text) in STRUCTURE_LABELS]
    return next((kind.group(1) for kind in map(LABEL_KIND.match, labels) if kind), None)


def _label_columns(header: list[Cell], columns: Columns) -> list[int]:
    """Columns of the header row left of every field whose cell only names the table (年度绩效指标)."""
    named = [*columns.fields, *columns.years]
    return [c for c, cell in enumerate(header)
            if normalize(cell.text) in STRUCTURE_LABELS and c < min(named, default=0)]


def _with_label_slots(row: list[Cell], labels: list[int]) -> list[Cell]:
    """Copied text drops the slots of a label merged down beside the table: a row whose cell under the label
    holds content (not a label, not blank) lost those slots, and gets them back so it lines up with the header."""
    if not labels or labels[0] >= len(row) or not row[labels[0]].text:
        return row
    return row[:labels[0]] + [Cell("", "")] * len(labels) + row[labels[0]:]


def _keep_sides(funds: dict[str, Any], reader: FundsReader) -> None:
    """A form may print its funds as two tables, 收入 then 支出: each side is kept where it is read first. A side met
    again (or a table whose prior years differ) is listed as not placed, never written over the first."""
    again = [side for side in ("income", "expenditure") if side in reader.funds and side in funds]
    years = reader.funds.get("prior_years")
    if again or (years and funds.get("prior_years", years) != years):
        reader.not_read += [(cell, "原表前面已有资金表的这一部分，这一处未录入") for cell in reader.placed]
        reader.placed = []
    else:
        funds |= reader.funds


def _is_contact_label(first: str) -> bool:
    """填报人 / 联系电话 / a date label / a person's (项目负责人), alone or as "label：value"."""
    labelled = LABELLED_VALUE.match(first)
    labels = FILER | PHONE | set(DATE_LABELS)
    return normalize(first) in labels or bool(labelled and normalize(labelled.group("label")) in labels) \
        or personal_label(label_of(first))


# The goal of a task table's indicators (`_tasks_beside_indicators`): which task each indicator stood beside is lost.
BY_TASK_NOTE = ("原表的指标按年度主要任务逐项列出（任务名称、主要内容、预算金额在各指标旁）；文件格式中任务没有指标，"
                "编者把各任务录入年度主要任务，把指标录入这一目标。")


def _signature_line(present: list[str]) -> bool:
    """The form's foot as one cell across the table: "填报单位（盖章）：某局　单位负责人：…　填表人：…　联系电话：…".
    It opens with the department label and goes on with the signers, so it is no department name, but it ends the
    table above: read on as a row of it, the names and the phone would become an indicator's text."""
    labelled = LABELLED_VALUE.match(present[0]) if len(present) == 1 else None
    return bool(labelled and department_label(labelled.group("label")) and NEXT_LABEL.search(labelled.group("value")))


def _opens_part(text: str) -> bool:
    """A one-cell row that opens something new: a money unit, a project heading or notice, a project's name or code
    ("项目名称：…"), a goal ("绩效目标：…")."""
    line = project_line(text)
    return bool(MONEY_UNIT.fullmatch(text) or heading(text) or unnumbered_heading(text) or withheld(text)
                or budget_title(text) or (line and line[0] in ("name", "code")) or goal_line(text))


def _weights_from_remarks(goal: dict[str, Any], indicators: list[dict[str, Any]]) -> None:
    """A 备注 column that holds only scores ("20分") is the weights column under another name; noted."""
    remarks = {normalize(str(i.get("remark", ""))) for i in indicators if i.get("remark")}
    if not remarks or not all(WEIGHT.fullmatch(r) for r in remarks) or any("weight" in i for i in indicators):
        return
    for indicator in indicators:
        if "remark" in indicator:
            indicator["weight"] = indicator.pop("remark")
    goal.setdefault("notes", []).append(
        {"field": "indicators", "text": "原表“备注”列所填均为分值（如“20分”）；编者录入为各指标的权重（weight）。"})


def _breaks_sequence(row: list[Cell], seq: int | None) -> bool:
    """Under a "#" column every indicator row is numbered; other text there is a new part of the page."""
    return seq is not None and seq < len(row) and bool(row[seq].text) and not row[seq].text.isdigit()


def _is_years_row(row: list[Cell]) -> bool:
    texts = [c.text for c in row if c.text]
    return bool(texts) and all(re.fullmatch(r"\d{4}\s*年?", t) for t in texts)
