"""Word documents (.docx) through python-docx: body tables and the paragraphs between them, in order.

python-docx's `row.cells` repeats a merged cell at every grid position it covers, which would
read a merged label as many labels. So each row is read from its own cell elements: a cell
spanning columns (`w:gridSpan`) fills that many grid positions, and a cell that continues a
vertical merge (`w:vMerge` without "restart") is one of the positions covered by the cell above.
Locations are `表3 第5行第2列` (grid column, counted as Word draws it) and `第12段` (the
paragraphs with text, counted from the start of the body).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from .document import Block, Cell, ImportFailure, Paragraph, SourceDocument, Table
from .filekinds import OCR
from .opening import open_or_refuse, refuse_encrypted


def read(path: Path) -> SourceDocument:
    refuse_encrypted(path, "Word")
    document = open_or_refuse(path, docx.Document, "Word 文档", "Word")
    blocks: list[Block] = []
    tables = paragraphs = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            tables += 1
            blocks.append(_table(item, f"表{tables}"))
        elif isinstance(item, DocxParagraph) and item.text.strip():
            paragraphs += 1
            blocks.append(Paragraph(item.text, f"第{paragraphs}段"))
    # Pictures drawn with DrawingML (pic:pic) or, in older documents, VML (v:imagedata); not text boxes or shapes.
    pictures = len(document.element.body.xpath(".//pic:pic | .//*[local-name()='imagedata']"))
    if pictures and not blocks:
        raise ImportFailure(f"{path}：Word 文档中没有文字，只有 {pictures} 张图片（可能是扫描件或截图）。{OCR}")
    return SourceDocument(path, tuple(blocks), _picture_remarks(pictures))


def _picture_remarks(pictures: int) -> tuple[str, ...]:
    """A picture may be part of the form (a table pasted as a screenshot): what is in it is not read, and is said."""
    if not pictures:
        return ()
    return (f"文档中有 {pictures} 张图片，图片中的文字和表格没有读取（导入不做文字识别）；"
            "如果图片是原表的一部分，请改用文字版的原表，或手工录入。",)


def _table(table: DocxTable, name: str) -> Table:
    grid: list[list[Cell]] = []
    for r, tr in enumerate(table._tbl.tr_lst):
        grid.append(_row(table, tr, r, grid[-1] if grid else [], name))
    width = max((len(row) for row in grid), default=0)
    rows = tuple(tuple(row + [_cell("", name, r, c) for c in range(len(row), width)]) for r, row in enumerate(grid))
    return Table(rows, name)


def _row(table: DocxTable, tr, r: int, above: list[Cell], name: str) -> list[Cell]:
    row = [_cell("", name, r, c) for c in range(tr.grid_before)]
    for tc in tr.tc_lst:
        c = len(row)
        origin = _vertical_origin(tc, above, c)
        first = Cell("", _location(name, r, c), origin) if origin else _cell(_Cell(tc, table).text, name, r, c)
        row.append(first)
        row += [Cell("", _location(name, r, c + i), first.merged_from or first.location) for i in range(1, tc.grid_span)]
    return row


def _vertical_origin(tc, above: list[Cell], column: int) -> str | None:
    """The top-left location of the merge this cell continues, or None for a cell of its own."""
    if tc.vMerge != "continue" or column >= len(above):
        return None
    return above[column].merged_from or above[column].location


def _cell(text: str, name: str, r: int, c: int) -> Cell:
    return Cell(text, _location(name, r, c))


def _location(name: str, r: int, c: int) -> str:
    return f"{name} 第{r + 1}行第{c + 1}列"
