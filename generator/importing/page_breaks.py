"""What a page break leaves in a form read without page geometry: page numbers, a table cut in two, its header again.

A form printed on several pages and then copied from the page, converted to Word or Excel, or saved as a web
page keeps what the printer put at each page break, and the readers of those formats hand it on as they find it
(the PDF reader joins a table across pages by its ruling lines itself). A person reads past it:

- A page number ("第 1 页，共 2 页", "第1页", "共5页 第2页", "- 2 -", "2/5"), as a line of its own or as a table
  row with only that cell, is no content of the form. It is left out and said among the report's remarks, as an
  export's ruled lines are: listing it 未放入 would ask the editor to confirm, line by line, that there is
  nothing to enter from a page number.
- Where a page number cuts a table in two, the second piece continues the first when its first row repeats a
  row of the first (the header printed again), or is no row that starts another part of the form (`_is_stop`:
  a header, a goal line, a label) and the piece is as wide as the first (copied text drops the slots of merged
  cells, so there it may be narrower). The pieces are read as one table, and a merged cell the break cut in two
  stays one merge. A table after anything else (a goal line, a title) stays a table of its own: two goals'
  indicator tables are two goals.
- In the table read on, the header printed again under the break (a row with the very texts of the header of
  the part being read) is left out, placed: it is no indicator and no project, and the part goes on
  (`_part_rows`: indicator tables, funds tables, project lists whose rows carry indicators).

All of this applies to PDF too, where a printed footer between two tables keeps the PDF reader from joining them.
A worksheet is parted at its blank rows, so a spacer row inside an indicator table cuts it in two as well: the
piece right after it goes on with the table when its first row is the table's next indicator (`_after_spacer`).
So does a Word table a typist went on with in a new table after a page break or a blank paragraph, past the header
typed again, its first indicator maybe under the merges the break cut. A "续表" line between two tables is read as a
page number is: no content, said in a remark, the tables joined by the same rule.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from .assembly_state import AssemblyState
from .document import Block, Cell, Paragraph, Table, continue_cut_merges
from .indicators import Columns, continues_indicators, header_columns
from .layouts import PAGE_NUMBER, is_grouped_indicator_header, is_indicator_header

Row = tuple[Cell, ...]
# A line a department types over the second part of a table it split at a page break ("续表", "（续上表）", "续表1")
CONTINUED = re.compile(r"\s*[（(]?\s*续\s*(上\s*)?表\s*\d*\s*[）)]?\s*[:：]?\s*")
# A page head or foot (`running_head`): words without a sentence's marks, a gap of spaces, the page number (or the
# other way round).
HEAD_WORDS = r"[^\s，。；：:,;、][^，。；：:,;、]{0,38}?"
RUNNING_HEAD = re.compile(rf"\s*(?:{HEAD_WORDS}(?: {{2,}}|\u3000+)(?:{PAGE_NUMBER.pattern})"
                          rf"|(?:{PAGE_NUMBER.pattern})(?: {{2,}}|\u3000+){HEAD_WORDS})\s*")


class PageBreaks(AssemblyState):
    def _read_past_page_breaks(self) -> None:
        """The document without its page numbers (each said in a remark), a table cut by one joined again."""
        blocks: list[Block] = []
        remarks: list[str] = []
        numbers: list[str] = []  # the remarks on the page numbers since the last block kept
        marks: list[Paragraph] = []  # "续表" lines since the table last kept: read as blocks unless a table continues
        for block in self.document.blocks:
            if isinstance(block, Paragraph) and (PAGE_NUMBER.fullmatch(block.text) or running_head(block.text)):
                numbers.append(_page_number_remark(block.location, block.text))
                continue
            if isinstance(block, Paragraph) and CONTINUED.fullmatch(block.text) and blocks \
                    and isinstance(blocks[-1], Table):
                marks.append(block)
                continue
            rows_left_out: list[str] = []
            if isinstance(block, Table):
                block, rows_left_out = _without_page_rows(block)
                last = blocks[-1] if blocks else None
                if (numbers or marks) and isinstance(last, Table) and self._continues(last, block):
                    joined = f"前后两段表格（{last.location}、{block.location}）接着读作一张表。"
                    if marks:
                        numbers += [_continued_remark(mark.location, mark.text) for mark in marks]
                        marks = []
                    numbers[-1] = numbers[-1].removesuffix("。") + f"；{joined}"
                    block = _joined(blocks.pop(), block)
                elif not numbers and not marks and isinstance(last, Table) and _after_spacer(last, block):
                    block = _joined(blocks.pop(), block)
            remarks += numbers + rows_left_out
            numbers = []
            blocks += marks
            marks = []
            blocks.append(block)
        remarks += numbers
        blocks += marks
        self.document = replace(self.document, blocks=tuple(blocks), remarks=self.document.remarks + tuple(remarks))

    def _continues(self, table: Table, piece: Table) -> bool:
        """The piece after a page number goes on with the table (rule in the module docstring)."""
        first = next((row for row in piece.rows if any(cell.text for cell in row)), None)
        if first is None:
            return False
        if _repeats(table.rows, first):
            return True
        if self._is_stop(list(first)):
            return False
        wide, narrow = _width(table), _width(piece)
        return narrow == wide or (self.realign and narrow < wide)

    def _part_rows(self, rows: list[list[Cell]], start: int, header_rows: int,
                   stop: Callable[[list[Cell]], bool]) -> tuple[int, list[list[Cell]]]:
        """The rows of the part whose header is rows[start:start + header_rows], up to the row `stop` ends it at:
        the end, and the rows without the header printed again at a page break (left out, placed). A merge the
        header printed again cut (产出指标 merged above it, left blank under it) goes on under it."""
        header = [_texts(row) for row in rows[start:start + header_rows]]
        body: list[list[Cell]] = []
        cuts: list[int] = []  # where in `body` a header printed again was left out
        end = start + header_rows
        while end < len(rows):
            if header and [_texts(row) for row in rows[end:end + header_rows]] == header:
                self._place(*(cell for row in rows[end:end + header_rows] for cell in row if cell.text))
                end += header_rows
                cuts.append(len(body))
            elif stop(rows[end]):
                break
            else:
                body.append(rows[end])
                end += 1
        for cut in (c for c in cuts if 0 < c < len(body)):
            rest = continue_cut_merges(tuple(body[cut - 1]), [tuple(row) for row in body[cut:]])
            body[cut:] = [list(row) for row in rest]
        return end, body


def _without_page_rows(table: Table) -> tuple[Table, list[str]]:
    """A row holding only a page number (a converted print keeps it inside the table) is left out, said in a
    remark; the rows on either side of it are read on as one table."""
    remarks: list[str] = []
    pieces: list[list[Row]] = [[]]
    for row in table.rows:
        texts = [cell for cell in row if cell.text]
        if len(texts) == 1 and PAGE_NUMBER.fullmatch(texts[0].text):
            remarks.append(_page_number_remark(texts[0].location, texts[0].text).removesuffix("。")
                           + "；它前后的行接着读作一张表。")
            pieces.append([])
        else:
            pieces[-1].append(row)
    rows = pieces[0]
    for piece in pieces[1:]:
        rows = _rows_joined(rows, piece)
    return Table(tuple(rows), table.location), remarks


def _after_spacer(table: Table, piece: Table) -> bool:
    """A blank row parts a worksheet, so a spacer row a department left inside an indicator table cuts it in two: the
    piece right after goes on with the table when it is as wide and its first row is the table's next indicator."""
    header = _last_indicator_header(table.rows)
    if header is None or not piece.rows or _width(piece) != _width(table):
        return False
    columns, _ = header_columns(header, None)
    # A Word form continued in a second table after a page break often repeats the header first (typed again, or a
    # 标题行重复 row): the header rows are read past, as `_rows_joined` and `_part_rows` do at a page number.
    repeated = 0
    while repeated < len(piece.rows) and _repeats(table.rows, piece.rows[repeated]):
        repeated += 1
    if repeated == len(piece.rows):
        return False
    row = list(piece.rows[repeated])
    return continues_indicators(row, columns) or _under_cut_merges(table.rows[-1], row, columns)


def _last_indicator_header(rows: tuple[Row, ...]) -> list[list[Cell]] | None:
    """The rows from the table's last indicator header on (header_columns reads its sub-header rows from them): one
    row, or 绩效指标 merged over 一级指标 | 二级指标 | 三级指标 on the row below."""
    for at in reversed(range(len(rows))):
        below = _texts(rows[at + 1]) if at + 1 < len(rows) else []
        if is_indicator_header(_texts(rows[at])) or is_grouped_indicator_header(_texts(rows[at]), below):
            return [list(row) for row in rows[at:]]
    return None


def _under_cut_merges(last: Row, row: list[Cell], columns: Columns) -> bool:
    """A row with a name and a value whose empty 一级/二级 cells stand under merged cells of the table's last row:
    the break cut those merges (a page break inside a merged 产出指标), and the row is the table's next indicator."""
    field_cells = {field: row[c] for c, field in columns.fields.items() if c < len(row)}
    if not (field_cells.get("name") and field_cells["name"].text and field_cells.get("value")
            and field_cells["value"].text):
        return False
    empty = [c for c, field in columns.fields.items() if field in ("level1", "level2") and c < len(row)
             and not row[c].text]
    return bool(empty) and all(c < len(last) and last[c].merged_from for c in empty)


def _joined(table: Table, piece: Table) -> Table:
    return Table(tuple(_rows_joined(list(table.rows), list(piece.rows))), f"{table.location}、{piece.location}")


def _rows_joined(rows: list[Row], more: list[Row]) -> list[Row]:
    """`more` read on after `rows`; a merge the break cut goes on in the first row after a repeated header."""
    repeated = 0
    while repeated < len(more) and _repeats(rows, more[repeated]):
        repeated += 1
    if not rows or repeated == len(more):
        return rows + more
    return rows + more[:repeated] + continue_cut_merges(rows[-1], more[repeated:])


def _repeats(rows: list[Row] | tuple[Row, ...], row: Row) -> bool:
    """The row says what a row above it says (the header printed again)."""
    texts = _texts(row)
    return any(texts) and any(_texts(other) == texts for other in rows)


def _texts(row: Row | list[Cell]) -> list[str]:
    """A row's texts as compared: a copied row's trailing empty cells (a Tab at the end) do not count."""
    texts = [cell.text for cell in row]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _continued_remark(location: str, text: str) -> str:
    return f"{location}“{text}”说明下面的表格接着上一张表，未作为内容读取。"


def _page_number_remark(location: str, text: str) -> str:
    what = "页眉（页脚）和页码" if running_head(text) else "页码"
    return f"{location}“{text}”是{what}，未作为内容读取。"


def running_head(text: str) -> bool:
    """A PDF viewer's page head or foot copied with the text: a short line of words and the page number, a wide gap
    between them ("某县民政局2026年部门预算公开    第 2 页"). Before, it was listed and cut the table it stood in two
    (the rows after it read as another goal's, their merged labels lost). Never the form's title."""
    match = RUNNING_HEAD.fullmatch(text)
    return match is not None and "绩效目标" not in text
