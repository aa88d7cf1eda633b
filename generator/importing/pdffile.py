"""PDF files with a text layer, through pdfplumber: ruled tables and the lines of text around them.

Tables are found from their ruling lines (`find_tables`). pdfplumber leaves the grid positions
covered by a merged cell empty (None); each such position names the cell drawn over it. Text
outside the tables becomes one paragraph per line, in reading order with the tables.

A table the printer broke across pages is read as one table, as a person reads it: where a page
ends inside a table, the cut is closed with a ruling line so the last and first rows are still
found; a table at the top of a page with the same columns as the table that ended the previous
page continues it; a header row the printer repeated there is left out; and a merged label the
page break cut in two (an empty cell opening the new page under a merged cell) stays one merge.

Inside a cell, the line breaks are where the printer wrapped the text: lines are joined with
nothing between Chinese characters, and with a space between two Latin words or numbers.
A document without any text layer (a scan) cannot be read: it needs OCR (文字识别) first.
Locations: `第2页 表1 第3行第2列` (the row counted on that page) and `第2页 第5行`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from .document import Block, Cell, ImportFailure, Paragraph, SourceDocument, Table
from .opening import open_or_refuse

# pdfminer warns on stderr about font metrics it does not need for reading text.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
LATIN_END = re.compile(r"[A-Za-z0-9]$")
LATIN_START = re.compile(r"^[A-Za-z0-9]")
SAME_X = 1.0  # points: columns of two table parts line up when their edges differ by less


@dataclass
class PagedTable:
    """A table as found on one page, with the x positions of its column edges to recognise its continuation."""

    table: Table
    columns: tuple[float, ...]


def read(path: Path) -> SourceDocument:
    with open_or_refuse(path, _open, "PDF 文件", "PDF 阅读器") as pdf:
        pages = [_page_blocks(page) for page in pdf.pages]
    if not any(pages):
        raise ImportFailure(f"{path}：PDF 中没有文字层（可能是扫描件或图片），无法读取表格和文字。"
                            "请先用文字识别（OCR）软件把它转成带文字的 PDF 或 Word 文档，再导入。")
    remarks = tuple(f"第{n}页没有文字层（可能是扫描的图片），未读入；如有内容，请先做文字识别（OCR）。"
                    for n, blocks in enumerate(pages, 1) if not blocks)
    return SourceDocument(path, tuple(_plain(_joined(pages))), remarks)


def _open(path: Path):
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # parses the page tree: a damaged file fails here, not later
        return pdf
    except PdfminerException as exc:
        if exc.args and isinstance(exc.args[0], PDFPasswordIncorrect):
            raise ImportFailure(f"{path}：PDF 设有打开密码（已加密），无法读取。请用 PDF 阅读器输入密码打开，"
                                "另存（或打印）为不加密的 PDF 后再导入。") from exc
        raise


# --- one page ----------------------------------------------------------------------------------

def _page_blocks(page) -> list[Block | PagedTable]:
    if not page.chars:
        return []
    found = page.find_tables({"explicit_horizontal_lines": _page_cuts(page)})
    tables = [(t.bbox[1], _paged_table(t, f"第{page.page_number}页 表{n}")) for n, t in enumerate(found, 1)]
    outside = page.filter(lambda obj: not any(_inside(obj, t.bbox) for t in found))
    lines = [(line["top"], Paragraph(line["text"], f"第{page.page_number}页 第{n}行"))
             for n, line in enumerate(outside.extract_text_lines(), 1)]
    return [block for _, block in sorted(tables + lines, key=lambda item: item[0])]


def _page_cuts(page) -> list[float]:
    """Where a table crosses the page's top or bottom edge it has no ruling line: draw one there."""
    vertical = [edge for edge in page.edges if edge["orientation"] == "v"]
    if not vertical:
        return []
    return [min(edge["top"] for edge in vertical), max(edge["bottom"] for edge in vertical)]


def _inside(obj, bbox) -> bool:
    x0, top, x1, bottom = bbox
    middle_x, middle_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _paged_table(found, name: str) -> PagedTable:
    columns = sorted({cell[0] for row in found.rows for cell in row.cells if cell})
    texts = found.extract()
    origins = {cell: (r, c) for r, row in enumerate(found.rows) for c, cell in enumerate(row.cells) if cell}
    rows = tuple(tuple(_cell(texts[r][c], name, r, c, lambda: _covering(found, origins, columns, r, c))
                       for c in range(len(row.cells))) for r, row in enumerate(found.rows))
    return PagedTable(Table(rows, name), tuple(columns))


def _cell(text: str | None, name: str, r: int, c: int, covering) -> Cell:
    if text is not None:
        return Cell(unwrap(text), _location(name, r, c))
    origin = covering()
    return Cell("", _location(name, r, c), _location(name, *origin) if origin else None)


def _covering(found, origins: dict, columns: list[float], r: int, c: int) -> tuple[int, int] | None:
    """The cell drawn over an empty grid position: the one whose box holds the position's top-left corner."""
    x, y = columns[c] + SAME_X, found.rows[r].bbox[1] + SAME_X
    return next((origins[box] for box in origins if box[0] <= x < box[2] and box[1] <= y < box[3]), None)


def _location(name: str, r: int, c: int) -> str:
    return f"{name} 第{r + 1}行第{c + 1}列"


def unwrap(text: str) -> str:
    """Join the lines a cell was wrapped into (rule in the module docstring)."""
    lines = text.split("\n")
    joined = lines[0]
    for line in lines[1:]:
        space = " " if LATIN_END.search(joined) and LATIN_START.match(line) else ""
        joined += space + line
    return joined


# --- tables continued over pages ---------------------------------------------------------------

def _joined(pages: list[list[Block | PagedTable]]) -> list[Block | PagedTable]:
    blocks: list[Block | PagedTable] = []
    for page in pages:
        if page and blocks and _continues(blocks[-1], page[0]):
            blocks[-1] = PagedTable(_continued(blocks[-1].table, page[0].table), blocks[-1].columns)
            page = page[1:]
        blocks += page
    return blocks


def _continues(last: Block | PagedTable, first: Block | PagedTable) -> bool:
    if not (isinstance(last, PagedTable) and isinstance(first, PagedTable)):
        return False
    return len(last.columns) == len(first.columns) and all(
        abs(a - b) < SAME_X for a, b in zip(last.columns, first.columns))


def _continued(table: Table, more: Table) -> Table:
    rows = list(more.rows)
    if rows and _texts(rows[0]) == _texts(table.rows[0]):
        rows = rows[1:]  # the header row the printer repeats on every page
    if rows:
        rows = _rejoin_cut_merges(table.rows[-1], rows)
    return Table(table.rows + tuple(rows), table.location)


def _rejoin_cut_merges(last: tuple[Cell, ...], rows: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """An empty cell opening the page under a merged cell is the rest of that merge."""
    relinked: dict[str, str] = {}
    for above, below in zip(last, rows[0]):
        if above.merged_from and not below.text and not below.merged_from:
            relinked[below.location] = above.merged_from
    if not relinked:
        return rows
    return [tuple(_relinked(cell, relinked) for cell in row) for row in rows]


def _relinked(cell: Cell, relinked: dict[str, str]) -> Cell:
    origin = relinked.get(cell.location) or relinked.get(cell.merged_from or "")
    return Cell(cell.text, cell.location, origin) if origin else cell


def _texts(row: tuple[Cell, ...]) -> list[str]:
    return [cell.text for cell in row]


def _plain(blocks: list[Block | PagedTable]) -> list[Block]:
    return [block.table if isinstance(block, PagedTable) else block for block in blocks]
