"""Excel workbooks: .xlsx/.xlsm through openpyxl, .xls through xlrd; every worksheet as tables and lines.

A worksheet often holds a whole form: a title, a 单位 line and several tables one below the
other. It is read as a person reads it (`sheet_blocks`): empty rows separate the parts, a part in
which no row has more than one filled cell is lines of text, any other part a table. Cells are
located `Sheet1!C14`; a merged range keeps its text in the top-left cell and the cells it covers
name that cell. Nothing in the file is
executed or computed: a formula is read as the value Excel saved with it, and a formula saved
without a value is reported, as are macros (never run). What Excel neither shows nor prints is not
read, as in Word: the cells of a hidden sheet, a hidden row and a hidden column are listed 未放入 with the
reason (a hidden row may hold a withheld project, a hidden column its amounts or an internal note, a
hidden sheet a draft). A hidden column's cells are emptied in place, so the cells right of it stay
under their own heads.

How a number becomes text (the department's figure exactly as filed, shown as Excel shows it):
- the stored value is kept to Excel's own precision of 15 significant digits, so the binary
  float 2306.26 reads "2306.26" and an integer reads "96" (not "96.0");
- a percentage format shows the value times 100 with "%": 0.96 under "0%" reads "96%";
- a format with leading zeros shows them ("012345" under "000000"), as codes are kept;
- a format with fixed decimals adds the zeros it displays ("62.80%" under "0.00%", "375.00"
  under "0.00"), but never rounds: a stored digit the format would hide is kept and reported,
  because a figure must not change in the import;
- thousands separators, currency signs and colours of the format are left out: the content
  format writes numbers without them, and the unit comes from the form's 单位 line;
- literal text the format shows before or after the number is kept: `0.00"%"` shows 95 as "95.00%", `0"人"` 500
  as "500人", `"第"0"名"` 3 as "第3名", `"≥"0%` 0.95 as "≥95%" (the figure means what Excel shows);
- a date reads as 2023-12-30 (with the time when it has one).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from decimal import Context, Decimal
from io import BytesIO
from pathlib import Path
from typing import Callable

import openpyxl
import xlrd
from openpyxl.utils import get_column_letter

from .document import Block, Cell, Paragraph, SourceDocument, Table, hidden_reason
from .opening import open_or_refuse, refuse_encrypted

EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of every number: a longer one typed in has lost the rest
EXCEL_PRECISION = Context(prec=EXCEL_DIGITS)
QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text, escaped characters, [colour]/[condition]
FIXED_DECIMALS = re.compile(r"\.(0+)")
LITERAL = re.compile(r'"([^"]*)"|\\(.)')  # a format's literal text: quoted, or one escaped character
CURRENCY = "¥￥$€£"
NUMBER_PLACE = re.compile(r"[0#?]|general", re.I)  # where a format shows the number (`"≥"General` shows 95 as ≥95)
CURRENCY_WORDS = re.compile(r"人民币|RMB|CNY", re.I)  # a currency named before an amount: left out as its sign is
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based, inclusive)


def read(path: Path) -> SourceDocument:
    return read_xls(path) if path.suffix.lower() == ".xls" else read_xlsx(path)


def read_xlsx(path: Path) -> SourceDocument:
    """An .xlsx/.xlsm workbook, whatever the file is called (WPS saves .et workbooks that are .xlsx inside)."""
    refuse_encrypted(path, "Excel")
    return _read_xlsx(path)


def read_xls(path: Path) -> SourceDocument:
    """An Excel 97-2003 workbook, whatever the file is called (an .xls renamed .xlsx, a WPS .et)."""
    refuse_encrypted(path, "Excel")
    return _read_xls(path)


# --- numbers as Excel shows them -------------------------------------------------------------

def number_text(value: int | float, number_format: str, location: str, remarks: list[str]) -> str:
    """The filed digits of a number, in the shape its cell format displays (rule in the module docstring)."""
    number = EXCEL_PRECISION.create_decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    section = QUOTED.sub("", number_format.split(";")[0])
    percent = "%" in section
    digits = _plain(number * 100 if percent else number)
    shown = _shown_decimals(section)
    if len(digits.partition(".")[2]) > shown and _is_fixed(section):
        remarks.append(f"{location} 的数字 {digits}{'%' if percent else ''} 在 Excel 中按格式“{number_format}”"
                       f"只显示 {shown} 位小数；已照存储的数字读入，未四舍五入。")
    return (_literal_prefix(number_format) + _leading_zeros(_pad(digits, shown), section) + ("%" if percent else "")
            + _literal_suffix(number_format))


def _literal_prefix(number_format: str) -> str:
    """The literal text a format shows before the number: `"第"0"名"` shows 3 as "第3名", `"≥"0%` 0.95 as "≥95%" and
    `"前"0"名"` 3 as "前3名" (top three, not third). Left out, the figure would mean something else. Only quoted or
    escaped text counts (`_(`, `* ` and [colours] are spacing and styling); a currency ("¥", "人民币") is left out."""
    section = number_format.split(";")[0]
    number = NUMBER_PLACE.search(QUOTED.sub(lambda m: "\x00" * len(m.group()), section))  # literal text masked
    if number is None:
        return ""  # no number in the format: its text is not the figure's (see `_literal_suffix`)
    shown = "".join(m.group(1) if m.group(1) is not None else m.group(2)
                    for m in LITERAL.finditer(section[:number.start()]))
    return CURRENCY_WORDS.sub("", "".join(ch for ch in shown if ch not in CURRENCY)).strip()


def _literal_suffix(number_format: str) -> str:
    """The literal text a format shows after the number: `0.00"%"` (or `0\\%`) shows 95 as "95.00%" and `0"人"` 500 as
    "500人". Read with the figure, so that 95 is not read as 95 where Excel shows 95%, nor an amount under `#,##0.00"元"`
    as one in the form's 万元. A currency sign is left out (the 单位 line says the unit)."""
    section = number_format.split(";")[0]
    shown: list[str] = []
    end = len(section)
    for literal in reversed(list(LITERAL.finditer(section))):
        if any(ch in section[literal.end():end] for ch in "0#?"):
            break
        shown.append(literal.group(1) if literal.group(1) is not None else literal.group(2))
        end = literal.start()
    if not any(ch in section[:end] for ch in "0#?"):
        return ""  # no number before the text: the format's own words, or only a prefix
    return "".join(ch for ch in "".join(reversed(shown)) if ch not in CURRENCY).strip()


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _shown_decimals(section: str) -> int:
    match = FIXED_DECIMALS.search(section)
    return len(match.group(1)) if match else 0


def _is_fixed(section: str) -> bool:
    """A format with digit placeholders fixes the decimals shown; "General" shows what the value has."""
    return section.strip().lower() != "general" and any(ch in section for ch in "0#?")


def _leading_zeros(digits: str, section: str) -> str:
    """"000000" shows 12345 as 012345: as many whole digits as the format has zeros before its point."""
    sign, unsigned = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    whole, point, fraction = unsigned.partition(".")
    places = section.partition(".")[0].count("0")
    return sign + whole.rjust(places, "0") + point + fraction


def _pad(digits: str, decimals: int) -> str:
    whole, _, fraction = digits.partition(".")
    fraction = fraction.ljust(decimals, "0")
    return f"{whole}.{fraction}" if fraction else whole


def date_text(value: dt.datetime | dt.date | dt.time) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()


# --- one worksheet as blocks ------------------------------------------------------------------

@dataclass(frozen=True)
class Hidden:
    """What Excel does not show of a worksheet: the sheet itself (its state, in words), some rows or columns."""
    sheet: str | None = None  # "隐藏", "深度隐藏（…）"
    rows: frozenset[int] = frozenset()  # 0-based
    columns: frozenset[int] = frozenset()  # 0-based


def sheet_blocks(name: str, texts: list[list[str]], merges: list[Merge],
                 numbers: frozenset[tuple[int, int]] = frozenset(), hidden: Hidden = Hidden()) -> list[Block]:
    """A worksheet as a person reads it: parts separated by empty rows; in each part, the rows before
    and after the table that hold one filled cell only (a title, a 单位 line, a note) are lines of text.
    `numbers`: the (row, column) of the cells that hold a number (`Cell.number`). What `hidden` names is not
    read: its cells come last, each listed with the reason (`_unshown`)."""
    covered = _covered(name, merges)
    every_row = [[Cell(text, _location(name, r, c), covered.get((r, c)), (r, c) in numbers)
                  for c, text in enumerate(row)] for r, row in enumerate(texts)]
    rows, unshown = _unshown(every_row, merges, hidden)
    blocks: list[Block] = []
    for part in _parts(rows):
        first, last = _table_rows(part)
        blocks += _lines(part[:first])
        if first < last:
            blocks.append(_table(part[first:last]))
        blocks += _lines(part[last:])
    return blocks + unshown


def _unshown(rows: list[list[Cell]], merges: list[Merge], hidden: Hidden) -> tuple[list[list[Cell]], list[Paragraph]]:
    """The rows Excel shows, and each filled cell of the others as a paragraph not read, with the reason. The rows
    around a hidden row are read as one table, as Excel shows them. A merged range whose first row is hidden but
    which reaches a shown row shows its text there: that row is kept; so is the text of a range reaching out of a
    hidden column. A hidden column's cells are emptied where they are (the columns right of it keep their place)."""
    if hidden.sheet:
        reason = hidden_reason(f"Excel 中{hidden.sheet}的工作表", "Excel")
        return [], [Paragraph(cell.text, cell.location, reason) for row in rows for cell in row if cell.text]
    showing = {top for top, _, bottom, _ in merges if any(r not in hidden.rows for r in range(top, bottom + 1))}
    left_out = hidden.rows - showing
    shown_columns = {(top, left) for top, left, _, right in merges
                     if any(c not in hidden.columns for c in range(left, right + 1))}
    row_reason = hidden_reason("Excel 中设为隐藏的行", "Excel", "整行没有读入")
    column_reason = hidden_reason("Excel 中设为隐藏的列", "Excel", "整列没有读入")
    kept: list[list[Cell]] = []
    unshown: list[Paragraph] = []
    for r, row in enumerate(rows):
        if r in left_out:
            unshown += [Paragraph(cell.text, cell.location, row_reason) for cell in row if cell.text]
            continue
        out = {c for c in hidden.columns if c < len(row) and (r, c) not in shown_columns}
        unshown += [Paragraph(row[c].text, row[c].location, column_reason) for c in sorted(out) if row[c].text]
        kept.append([Cell("", cell.location, cell.merged_from) if c in out else cell for c, cell in enumerate(row)])
    return kept, unshown


def _table_rows(part: list[list[Cell]]) -> tuple[int, int]:
    """The first and past-the-last row of the table inside a part (equal when the part has none)."""
    tabular = [n for n, row in enumerate(part) if not _is_line(row, part)]
    return (tabular[0], tabular[-1] + 1) if tabular else (len(part), len(part))


def _is_line(row: list[Cell], part: list[list[Cell]]) -> bool:
    """One filled cell, and no merged range joins it to another row."""
    own = {cell.location for cell in row}
    reaches_out = any(cell.merged_from and cell.merged_from not in own for cell in row)
    reached = any(cell.merged_from in own for other in part if other is not row for cell in other)
    return sum(1 for cell in row if cell.text) <= 1 and not reaches_out and not reached


def _lines(rows: list[list[Cell]]) -> list[Block]:
    return [Paragraph(cell.text, cell.location) for row in rows for cell in row if cell.text]


def _parts(rows: list[list[Cell]]) -> list[list[list[Cell]]]:
    runs: list[list[list[Cell]]] = [[]]
    for row in rows:
        if any(cell.text or cell.merged_from for cell in row):
            runs[-1].append(row)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _table(rows: list[list[Cell]]) -> Table:
    """The rows up to their last used column; located by its range, like Sheet1!A5:F20."""
    width = 1 + max(c for row in rows for c, cell in enumerate(row) if cell.text or cell.merged_from)
    first, last = rows[0][0].location, rows[-1][width - 1].location
    return Table(tuple(tuple(row[:width]) for row in rows), f"{first}:{last.partition('!')[2]}")


def _covered(name: str, merges: list[Merge]) -> dict[tuple[int, int], str]:
    covered = {}
    for top, left, bottom, right in merges:
        for r in range(top, bottom + 1):
            covered.update({(r, c): _location(name, top, left) for c in range(left, right + 1)})
        del covered[(top, left)]
    return covered


def _location(sheet: str, row: int, column: int) -> str:
    return f"{sheet}!{get_column_letter(column + 1)}{row + 1}"


def hidden_remarks(name: str, hidden: Hidden) -> list[str]:
    remarks = []
    if hidden.sheet:
        remarks.append(f"工作表“{name}”是{hidden.sheet}的；其中的内容没有读入，逐格列在“未放入”中，请核对是否应当公开。")
    if hidden.rows:
        remarks.append(f"工作表“{name}”第 {_runs([r + 1 for r in hidden.rows])} 行是隐藏的；这些行没有读入，"
                       "其中的内容列在“未放入”中。")
    if hidden.columns:
        letters = _runs([c + 1 for c in hidden.columns], get_column_letter)
        remarks.append(f"工作表“{name}”{letters} 列是隐藏的；这些列没有读入，其中的内容列在“未放入”中。")
    return remarks


def _runs(numbers: list[int], named: Callable[[int], str] = str) -> str:
    """3, 7, 8, 9 → "3、7–9": the way a person names hidden rows (and columns, by letter: "C、G–I")."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return "、".join(named(run[0]) if len(run) == 1 else f"{named(run[0])}–{named(run[-1])}" for run in runs)


def _document(path: Path, sheets: list[list[Block]], remarks: list[str]) -> SourceDocument:
    return SourceDocument(path, tuple(block for blocks in sheets for block in blocks), tuple(remarks))


# --- .xlsx / .xlsm through openpyxl ----------------------------------------------------------

HIDDEN_STATES = {"hidden": "隐藏", "veryHidden": "深度隐藏（只能在 VBA 编辑器中取消隐藏）"}


def _read_xlsx(path: Path) -> SourceDocument:
    # Opened as a stream: openpyxl refuses a path not named .xlsx/.xlsm, and the bytes have said what this is.
    values = open_or_refuse(path, lambda p: openpyxl.load_workbook(BytesIO(p.read_bytes()), data_only=True),
                            "Excel 工作簿", "Excel")
    formulas = openpyxl.load_workbook(BytesIO(path.read_bytes()))  # the same file again, formulas, not their values
    remarks = _macro_remarks(path)
    sheets = [_xlsx_blocks(sheet, formulas[sheet.title], remarks) for sheet in values.worksheets]
    return _document(path, sheets, remarks)


def _macro_remarks(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        if any(name.lower().endswith("vbaproject.bin") for name in package.namelist()):
            return [f"{path.name} 含宏（VBA 工程）；宏未运行，只读取了单元格中保存的内容。"]
    return []


def _xlsx_blocks(sheet, formulas, remarks: list[str]) -> list[Block]:
    hidden = Hidden(HIDDEN_STATES.get(sheet.sheet_state),
                    frozenset(r - 1 for r, d in sheet.row_dimensions.items() if d.hidden), _hidden_columns(sheet))
    remarks += hidden_remarks(sheet.title, hidden)
    cells = list(sheet.iter_rows(min_row=1, min_col=1, max_row=sheet.max_row, max_col=sheet.max_column))
    texts = [[_xlsx_text(cell, formulas, remarks) for cell in row] for row in cells]
    numbers = frozenset((r, c) for r, row in enumerate(cells) for c, cell in enumerate(row)
                        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool))
    merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
    return sheet_blocks(sheet.title, texts, merges, numbers, hidden)


def _hidden_columns(sheet) -> frozenset[int]:
    """Column dimensions may group a run of columns (min..max) under one letter. Only those up to the sheet's last
    used column count: the unused columns hidden right of a form (often all up to XFD) hold nothing."""
    return frozenset(c - 1 for d in sheet.column_dimensions.values() if d.hidden
                     for c in range(d.min or 1, min(d.max or d.min or 1, sheet.max_column) + 1))


def _xlsx_text(cell, formulas, remarks: list[str]) -> str:
    location = f"{cell.parent.title}!{cell.coordinate}"
    value = cell.value
    if value is None:
        formula = formulas[cell.coordinate].value if cell.coordinate else None
        if isinstance(formula, str) and formula.startswith("="):
            remarks.append(unsaved_formula(location, formula))
        return ""
    return _value_text(value, cell.number_format, location, remarks)


def unsaved_formula(location: str, formula: str) -> str:
    return (f"{location} 是公式“{formula}”，文件中没有保存计算结果；未计算，按空格读入。"
            "请在 Excel 中打开、重新计算并保存后再导入。")


def _value_text(value, number_format: str, location: str, remarks: list[str]) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value, number_format, location, remarks)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return date_text(value)
    return str(value)


# --- .xls through xlrd -----------------------------------------------------------------------

XLS_HIDDEN = {1: "隐藏", 2: "深度隐藏（只能在 VBA 编辑器中取消隐藏）"}


def _read_xls(path: Path) -> SourceDocument:
    book = open_or_refuse(path, lambda p: xlrd.open_workbook(p, formatting_info=True),
                          "Excel 97-2003 工作簿", "Excel")
    remarks: list[str] = []
    sheets = [_xls_blocks(book, sheet, remarks) for sheet in book.sheets()]
    return _document(path, sheets, remarks)


def _xls_blocks(book, sheet, remarks: list[str]) -> list[Block]:
    hidden = Hidden(XLS_HIDDEN.get(sheet.visibility),
                    frozenset(r for r, info in sheet.rowinfo_map.items() if info.hidden),
                    frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden and c < sheet.ncols))
    remarks += hidden_remarks(sheet.name, hidden)
    texts = [[_xls_text(book, sheet, r, c, remarks) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
    numbers = frozenset((r, c) for r in range(sheet.nrows) for c in range(sheet.ncols)
                        if sheet.cell_type(r, c) == xlrd.XL_CELL_NUMBER)
    merges = [(top, left, bottom - 1, right - 1) for top, bottom, left, right in sheet.merged_cells]
    return sheet_blocks(sheet.name, texts, merges, numbers, hidden)


def _xls_text(book, sheet, row: int, column: int, remarks: list[str]) -> str:
    cell = sheet.cell(row, column)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        number_format = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
        return number_text(cell.value, number_format, _location(sheet.name, row, column), remarks)
    if cell.ctype == xlrd.XL_CELL_DATE:
        return date_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell.value if cell.ctype == xlrd.XL_CELL_TEXT else ""
