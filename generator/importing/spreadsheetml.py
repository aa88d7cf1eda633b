"""Excel 2003 XML workbooks (SpreadsheetML): what budget systems and report tools often export as ".xls".

The file is XML, one <Worksheet> per sheet, one <Row> of <Cell>s per row. A row or cell may name its own
position (`ss:Index`, 1-based) after skipped empty ones; a merged range is written once at its top-left cell
as `ss:MergeAcross`/`ss:MergeDown` (how many more columns/rows it covers). Each sheet is then read like a
worksheet of any workbook (`spreadsheet.sheet_blocks`), numbers shown by their cell's number format exactly
as `spreadsheet.number_text` shows an .xlsx number, and hidden sheets, rows and columns reported as there.
A formula is read as the value saved with it (`<Data>`), never computed; one saved without a value is reported, and
so are an error value (`ss:Type="Error"`) and a cell its format shows nothing of (`;;;`), as in an .xlsx.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree
from openpyxl.utils import get_column_letter

from .document import Block, ImportFailure, SourceDocument
from .spreadsheet import (Hidden, Merge, date_text, hidden_remarks, number_text, sheet_blocks, typed_text,
                          unsaved_remarks, veil_errors, veil_formatted)

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
EXCEL = "{urn:schemas-microsoft-com:office:excel}"
# Excel's named number formats → the format codes they stand for.
NAMED_FORMATS = {"General Number": "General", "Fixed": "0.00", "Standard": "#,##0.00", "Percent": "0.00%",
                 "Currency": "#,##0.00", "Euro Currency": "#,##0.00"}
HIDDEN_STATES = {"SheetHidden": "隐藏", "SheetVeryHidden": "深度隐藏（只能在 VBA 编辑器中取消隐藏）"}
Grid = dict[tuple[int, int], str]


def read(path: Path) -> SourceDocument:
    # The file is data: no entities are expanded and nothing is fetched over the network.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise ImportFailure(f"{path}：无法作为 Excel 2003 XML 表格读取（{exc}），文件可能已损坏。"
                            "请用 Excel 或 WPS 打开，“另存为”Excel 工作簿（.xlsx）后再导入。") from exc
    formats = _number_formats(root)
    remarks: list[str] = []
    try:
        blocks = [block for sheet in root.iter(f"{SS}Worksheet") for block in _sheet_blocks(sheet, formats, remarks)]
    except ValueError as exc:  # a position, span or value that is not a number: the file was not written by Excel
        raise ImportFailure(f"{path}：Excel 2003 XML 表格中有无法读取的单元格（{exc}），文件可能已损坏。"
                            "请用 Excel 或 WPS 打开，“另存为”Excel 工作簿（.xlsx）后再导入。") from exc
    return SourceDocument(path, tuple(blocks), tuple(remarks + unsaved_remarks(blocks)))


def _number_formats(root) -> dict[str, str]:
    """Style id → number format code."""
    formats = {}
    for style in root.iter(f"{SS}Style"):
        number_format = style.find(f"{SS}NumberFormat")
        if number_format is not None:
            code = number_format.get(f"{SS}Format", "General")
            formats[style.get(f"{SS}ID")] = NAMED_FORMATS.get(code, code)
    return formats


def _sheet_blocks(sheet, formats: dict[str, str], remarks: list[str]) -> list[Block]:
    name = sheet.get(f"{SS}Name", "Sheet1")
    texts: Grid = {}
    numbers: set[tuple[int, int]] = set()  # the cells that hold a number (`Cell.number`)
    merges: list[Merge] = []
    unsaved: Grid = {}  # the formula of each cell saved without its result
    formatted: dict[tuple[int, int], tuple[str | float, str]] = {}  # each value and its format (`veil_formatted`)
    errors: set[tuple[int, int]] = set()  # the cells that show a formula's error value ("#DIV/0!")
    hidden_rows: list[int] = []
    r = -1
    for row in sheet.iterfind(f"{SS}Table/{SS}Row"):
        r = int(row.get(f"{SS}Index", r + 2)) - 1
        if row.get(f"{SS}Hidden") == "1":
            hidden_rows.append(r)
        _row_cells(name, row, r, formats, texts, merges, remarks, numbers, unsaved, formatted, errors)
    visible = sheet.findtext(f"{EXCEL}WorksheetOptions/{EXCEL}Visible")
    height = 1 + max([r for r, _ in texts] + [m[2] for m in merges], default=-1)
    width = 1 + max([c for _, c in texts] + [m[3] for m in merges], default=-1)
    hidden = Hidden(HIDDEN_STATES.get(visible or ""), frozenset(hidden_rows),
                    frozenset(c for c in _hidden_columns(sheet) if c < width))  # not the unused ones right of the form
    remarks += hidden_remarks(name, hidden)
    grid = [[texts.get((r, c), "") for c in range(width)] for r in range(height)]
    veiled = veil_formatted(grid, formatted) | veil_errors(grid, errors)  # as an .xlsx's: unshown, errors
    return sheet_blocks(name, grid, merges, frozenset(numbers), hidden, unsaved, veiled)


def _row_cells(name: str, row, r: int, formats: dict[str, str], texts: Grid, merges: list[Merge],
               remarks: list[str], numbers: set[tuple[int, int]], unsaved: Grid,
               formatted: dict[tuple[int, int], tuple[str | float, str]], errors: set[tuple[int, int]]) -> None:
    c = -1
    for cell in row.iterfind(f"{SS}Cell"):
        c = int(cell.get(f"{SS}Index", c + 2)) - 1
        text = _cell_text(cell, f"{name}!{get_column_letter(c + 1)}{r + 1}", formats, remarks)
        if text:
            texts[(r, c)] = text
        if cell.find(f"{SS}Data") is None and cell.get(f"{SS}Formula"):
            unsaved[(r, c)] = cell.get(f"{SS}Formula")
        data = cell.find(f"{SS}Data")
        kind = data.get(f"{SS}Type") if data is not None else None
        if kind == "Number":
            numbers.add((r, c))
        if kind in ("Number", "String"):
            value = float(data.text or 0) if kind == "Number" else text
            formatted[(r, c)] = (value, formats.get(cell.get(f"{SS}StyleID"), "General"))
        elif kind == "Error":
            errors.add((r, c))
        across, down = int(cell.get(f"{SS}MergeAcross", 0)), int(cell.get(f"{SS}MergeDown", 0))
        if across or down:
            merges.append((r, c, r + down, c + across))
        c += across


def _cell_text(cell, location: str, formats: dict[str, str], remarks: list[str]) -> str:
    data = cell.find(f"{SS}Data")
    if data is None:
        return ""  # a formula saved without its result is listed by `sheet_blocks`
    value = "".join(data.itertext())  # a rich-text cell holds its runs as HTML elements inside <Data>
    kind = data.get(f"{SS}Type")
    if kind == "Number":
        return number_text(float(value), formats.get(cell.get(f"{SS}StyleID"), "General"), location, remarks)
    if kind == "DateTime":
        return date_text(dt.datetime.fromisoformat(value))
    if kind == "Boolean":
        return "TRUE" if value.strip() == "1" else "FALSE"
    return typed_text(value)


def _hidden_columns(sheet) -> list[int]:
    """Hidden <Column>s; a column names its position (`ss:Index`) or follows the one before, and `ss:Span` more
    columns share its settings."""
    hidden: list[int] = []
    c = -1
    for column in sheet.iterfind(f"{SS}Table/{SS}Column"):
        c = int(column.get(f"{SS}Index", c + 2)) - 1
        span = int(column.get(f"{SS}Span", 0))
        if column.get(f"{SS}Hidden") == "1":
            hidden += range(c, c + span + 1)
        c += span
    return hidden
