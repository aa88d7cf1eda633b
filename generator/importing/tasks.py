"""年度主要任务 (部门整体支出绩效目标表): one task per row under 任务名称 / 主要内容 / 预算金额.

The header takes one row (预算金额 alone, or 预算金额（总额） / 其中：财政拨款 / 其他资金 side by side) or two
(预算金额 over 总额 / 财政拨款 / 其他资金). A 序号 column and the label 年度主要任务 beside the table are
structure. In a real grid a cell belongs to the column it stands in (a merged header cell spans its
columns); text copied from a web page drops the slots of merged cells, so there a row's cells are read
in the header's order. Amounts are kept exactly as filed, and the 金额合计 row is read as filed, never summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .document import Cell
from .funds import WITH_UNIT, filed_amount, is_total_row
from .layouts import TASK_FIELDS, TASK_LABELS, TASK_SPLIT, normalize, task_column

Note = dict[str, str]
# The form's own number of a task ("任务1", "任务一", "1"), printed in the first half of a 任务名称 merged over two columns.
TASK_NUMBER = re.compile(r"^任务\s*")
NUMBERED = re.compile(r"^(任务\s*)?([\d]+|[一二三四五六七八九十]+)[、.．]?$")
# A task row's own 绩效目标 (or 绩效指标) cell: the content format's task has a name, content and budget only.
TASK_GOAL_REASON = "年度主要任务表中这一任务的“{}”；文件格式中年度主要任务没有绩效目标、指标的字段，未录入，请手工录入到部门的目标中"


@dataclass
class TaskColumns:
    """Where each task field stands: by column in a real grid, by order in copied text."""
    fields: dict[int, str]  # column → field; a merged header cell's field over every column it spans
    order: list[str]  # the fields left to right, as copied text gives a row (merged slots dropped)
    words: dict[str, str]  # field → its header text as filed, for the notes
    header_cells: list[Cell]
    header_rows: int


def task_columns(rows: list[list[Cell]], start: int) -> TaskColumns:
    """The header row and, under 预算金额, the row of its split (总额 / 财政拨款 / 其他资金) when there is one."""
    header = rows[start]
    below = rows[start + 1] if start + 1 < len(rows) else []
    split = below if _is_split_row(below) else []
    fields = _spanned(header)
    fields.update({c: task_column(cell.text) for c, cell in enumerate(split) if cell.text})
    named = [cell for cell in header + split if cell.text]
    words = {task_column(cell.text): cell.text for cell in named if task_column(cell.text)}
    return TaskColumns(fields, _order(header, split), words, named, 2 if split else 1)


def _is_split_row(row: list[Cell]) -> bool:
    present = [cell for cell in row if cell.text]
    return bool(present) and all(task_column(cell.text) in TASK_SPLIT for cell in present)


def _spanned(header: list[Cell]) -> dict[int, str]:
    """Each header cell's field, also over the columns its merged range covers (主要内容 over C:D)."""
    named: dict[str, str] = {}
    fields: dict[int, str] = {}
    for column, cell in enumerate(header):
        if cell.text and task_column(cell.text):
            named[cell.location] = task_column(cell.text)
        key = named.get(cell.merged_from or cell.location)
        if key:
            fields[column] = key
    return fields


def _order(header: list[Cell], split: list[Cell]) -> list[str]:
    """The header's fields in order, the cell over the split replaced by its parts: 其中, or 预算金额 itself when
    总额 is one of the parts. The 年度主要任务 label names no column."""
    named = [key for cell in header if cell.text and (key := task_column(cell.text))]
    parts = [task_column(cell.text) for cell in split if cell.text]
    at = next((i for i, key in enumerate(named) if key == "split" or (key == "total" and "total" in parts)), len(named))
    return [key for key in named[:at] + parts + named[at + 1:] if key != "split"]


@dataclass
class TaskReader:
    columns: TaskColumns
    by_order: bool  # copied text: cells are read in the header's order, not by column
    unit: str | None = None  # the filing's money unit: an amount written with it ("200.00万元") reads, with a note
    head_unit: str | None = None  # the unit the table's head names ("预算金额（元）"): another than `unit`, nothing reads
    lines: list[dict[str, Any]] = field(default_factory=list)
    total: dict[str, Decimal] | None = None
    notes: list[Note] = field(default_factory=list)
    placed: list[Cell] = field(default_factory=list)
    not_read: list[tuple[Cell, str]] = field(default_factory=list)
    task_slots: dict[int, int] = field(default_factory=dict)  # copied text: a task row's width → its slots before 任务名称
    slots_read: tuple[int, int] = (0, 0)  # the width and slots before the first field of the row `_in_order` read last

    def read(self, rows: list[list[Cell]]) -> dict[str, Any] | None:
        """The table in the content format; None when no row names a task (TaskTable needs one)."""
        for index, row in enumerate(rows):
            self._row(row, last=index == len(rows) - 1)
        if not self.lines:
            return None
        table: dict[str, Any] = {"lines": self.lines}
        if self.total:
            table["total"] = self.total
        if self.notes:
            table["notes"] = self.notes
        return table

    def _row(self, row: list[Cell], last: bool) -> None:
        if not any(cell.text for cell in row):
            return
        if is_total_row(row):
            self._total(row)
            return
        cells = self._cells(row)
        if "name" in cells:
            if self.by_order:
                self.task_slots.setdefault(*self.slots_read)
            self._task(cells)
        elif last and cells and set(cells) <= set(TASK_SPLIT):
            self.notes.append({"field": "total", "text": "原表任务之后的最后一行没有任务名称，也没有“合计”字样，只填了金额；"
                                                         "编者读作金额合计行。"})
            self.total = self._amounts(cells, self.notes, "total")
        else:
            self.not_read.extend((cell, "年度主要任务表中没有任务名称的行") for cell in cells.values())

    def _task(self, cells: dict[str, Cell]) -> None:
        task: dict[str, Any] = {"name": cells["name"].text}
        notes: list[Note] = []
        self.placed.append(cells["name"])
        if "content" in cells:
            task["content"] = cells["content"].text
            self.placed.append(cells["content"])
        budget = self._amounts(cells, notes, "budget")
        if budget:
            task["budget"] = budget
        if "seq" in cells:
            notes.extend(self._sequence(cells["seq"]))
        if notes:
            task["notes"] = notes
        self.lines.append(task)

    def _sequence(self, cell: Cell) -> list[Note]:
        """The order of the lines is the form's numbering; a number out of that order is said in a note."""
        self.placed.append(cell)
        if TASK_NUMBER.sub("", cell.text).rstrip("、.．") == str(len(self.lines) + 1):
            return []
        return [{"field": "name", "text": f"原表此任务的序号为“{cell.text}”；编者按原表的行序录入。"}]

    def _total(self, row: list[Cell]) -> None:
        """The 金额合计 row as filed. Copied text keeps one cell for a label merged across the columns before the
        amounts, so a row narrower than the header has its amounts right after the label, unless the task rows
        show where its cells stand (`_offset_like_tasks`)."""
        at, label = next((c, cell) for c, cell in enumerate(row) if cell.text)
        self.placed.append(label)
        blanked = row[:at] + [Cell("", label.location)] + row[at + 1:]
        offset = self._offset_like_tasks(row)
        if offset is not None:
            cells = self._cells_at(blanked, offset)
        elif self.by_order and len(row) < len(self.columns.order):
            cells = self._after_label(row[at + 1:])
        else:
            cells = self._cells(blanked)
        for key in set(cells) - set(TASK_SPLIT):
            self.not_read.append((cells.pop(key), "年度主要任务表金额合计行中不是金额的单元格"))
        self.total = self._amounts(cells, self.notes, "total")

    def _offset_like_tasks(self, row: list[Cell]) -> int | None:
        """Copied text: how far the 金额合计 row's cells stand from the fields, by the task rows above. A row as wide
        as a task row has its cells in their columns; a narrower row that still ends in an empty cell (the trailing
        tab of the export) ends where they end, the slots it lacks being those its label merged across. Counting
        the cells after the label would not do: the slots of an empty 主要内容 and of the trailing tab are kept."""
        if not self.by_order:
            return None
        if len(row) in self.task_slots:
            return -self.task_slots[len(row)]
        wider = sorted((width, slots) for width, slots in self.task_slots.items() if width > len(row))
        if wider and row and not row[-1].text:
            width, slots = wider[0]
            return width - len(row) - slots
        return None

    def _cells_at(self, row: list[Cell], offset: int) -> dict[str, Cell]:
        """The row's cells by field, the i-th cell under the field at i + `offset`; the others are not read."""
        width = len(self.columns.order)
        cells: dict[str, Cell] = {}
        for column, cell in enumerate(row):
            if cell.text and 0 <= column + offset < width:
                cells[self.columns.order[column + offset]] = cell
            elif cell.text:
                self.not_read.append((cell, "年度主要任务表中不在任何列下的单元格"))
        return cells

    def _after_label(self, after: list[Cell]) -> dict[str, Cell]:
        amounts = [key for key in self.columns.order if key in TASK_SPLIT]
        self.not_read.extend((cell, "年度主要任务表中不在任何列下的单元格") for cell in after[len(amounts):] if cell.text)
        return {key: cell for key, cell in zip(amounts, after) if cell.text}

    def _amounts(self, cells: dict[str, Cell], notes: list[Note], path: str) -> dict[str, Decimal]:
        """总额 / 财政拨款 / 其他资金 exactly as filed; a cell that is no amount is said in a note, not guessed."""
        split: dict[str, Decimal] = {}
        for key in TASK_SPLIT:
            cell = cells.get(key)
            if cell is None:
                continue
            self.placed.append(cell)
            filed = filed_amount(cell.text, self.unit, self.head_unit)  # a unit other than the filing's: not read
            if filed.value is None:
                # a figure in another unit says why; anything else is no amount
                why = f"：{filed.why_not}" if WITH_UNIT.match(cell.text.strip()) or self.head_unit \
                    else "，不是金额；编者未录入这一金额"
                notes.append({"field": f"{path}.{key}", "text": f"原表“{self.columns.words.get(key, key)}”一栏填为"
                                                                f"“{cell.text}”{why}。"})
            else:
                split[key] = filed.value
            if filed.note:
                notes.append({"field": f"{path}.{key}", "text": filed.note})
        return split

    # ---- which cell is which field ------------------------------------------------------------
    def _cells(self, row: list[Cell]) -> dict[str, Cell]:
        """The row's non-empty cells by field; the 年度主要任务 label is placed, a cell under no column is not read."""
        found: dict[str, Cell] = {}
        if self.by_order:
            number, cells = self._in_order(row)
            if number is not None:
                self.placed.append(number)
                found["seq"] = number
        else:
            cells = list(enumerate(row))
        for column, cell in cells:
            if not cell.text:
                continue
            if normalize(cell.text) in TASK_LABELS:
                self.placed.append(cell)
                continue
            key = self.columns.order[column] if self.by_order else self.columns.fields.get(column)
            if key is None and _numbered_name(found, column):
                # 任务名称 over two columns, the form's own "任务1" left of the name: that one is the task's 序号
                found["seq"], found["name"] = found["name"], cell
                continue
            if key == "goal":
                self.not_read.append((cell, TASK_GOAL_REASON.format(self.columns.words.get(key, "绩效目标"))))
            elif key == "unfielded":  # before, the table was not read at all: every cell listed as not recognised
                self.not_read.append((cell, f"年度主要任务表中“{self.columns.words.get(key, '对应项目')}”一列在文件格式中"
                                            "没有对应的字段，未录入"))
            elif key not in TASK_FIELDS or key in found:
                self.not_read.append((cell, "年度主要任务表中不在任何列下的单元格"))
            else:
                found[key] = cell
        return found

    def _in_order(self, row: list[Cell]) -> tuple[Cell | None, list[tuple[int, Cell]]]:
        """Copied text: the i-th cell is the header's i-th field. A leading label, and empty leading slots of
        a row wider than the header (a label column that was not merged), stand for no field. A task number first
        in a row still wider than the header is the task's 序号, printed in the first half of a 任务名称 merged over
        two columns ("1 | 公共文化服务 | …"): returned apart (before, the task was named "1", its name read as its
        content and its content as its amount)."""
        cells = list(row)
        width = len(self.columns.order)
        while cells and (normalize(cells[0].text) in TASK_LABELS or (len(cells) > width and not cells[0].text)):
            if cells[0].text:
                self.placed.append(cells[0])
            cells.pop(0)
        number = None
        if len(cells) > width and "seq" not in self.columns.order and NUMBERED.match(cells[0].text.strip()):
            number = cells.pop(0)
        self.slots_read = (len(row), len(row) - len(cells))
        self.not_read.extend((cell, "年度主要任务表中不在任何列下的单元格") for cell in cells[width:] if cell.text)
        return number, list(enumerate(cells[:width]))


def _numbered_name(found: dict[str, Cell], column: int) -> bool:
    """A cell under no column right of a task name that is only a number ("任务1 | 基本公共卫生服务"): the name is
    that cell, the number the task's 序号. Before, the task was named "任务1" and its name listed as under no column."""
    name = found.get("name")
    return name is not None and "seq" not in found and "content" not in found and not any(
        key in found for key in TASK_SPLIT) and bool(NUMBERED.match(name.text.strip())) and column > 0
