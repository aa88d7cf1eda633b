"""Excel workbooks: .xlsx/.xlsm through openpyxl, .xls through xlrd; every worksheet as tables and lines.

A worksheet often holds a whole form: a title, a 单位 line and several tables one below the
other. It is read as a person reads it (`sheet_blocks`): empty rows separate the parts, a part in
which no row has more than one filled cell is lines of text, any other part a table. Cells are
located `Sheet1!C14`; a merged range keeps its text in the top-left cell and the cells it covers
name that cell. Nothing in the file is executed or computed: a formula is read as the value Excel
saved with it, and a formula saved without a value (in an .xls a program wrote, an empty text for every result:
`_xls_empty_formulas`) is listed 未放入 with its formula; macros are
reported (never run). What Excel neither shows nor prints is not read, as in Word: the cells of a
hidden sheet, a hidden row and a hidden column are listed 未放入 with the reason (a hidden row may
hold a withheld project, a hidden column its amounts or an internal note, a hidden sheet a draft). A
hidden column's cells are emptied in place, so the cells right of it stay under their own heads. A 合计 row under a
blank row stays in the table above (`_is_total`), and so does a row of bare figures under one blank row below
their heads (`figures_under_heads`); filled cells outside a sheet's print area are read and reported.

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
- a negative number under a format with a negative section reads as that section shows it: its words kept
  (`0;"减少"0` shows -3 as "减少3"), its sign kept even where only a colour or brackets show it (reported);
- a date reads as 2023-12-30 (with the time when it has one), or as the month when its format shows no day;
- a text run in a symbol font (Wingdings) reads as the tick boxes it draws (`symbol_runs`);
- a scaling format shows another number than it stores (`0!.0,"万元"` shows 1205000 as 120.5万元): read as shown,
  never rounded, the stored number quoted in the report (`_scaled`); a scientific format reads the stored digits, and
  so does a [DBNum] format of Chinese numerals (一百二十), each reported;
- a cell its format shows nothing of (`;;;`) is not read, as a hidden column is not (`format_hides`);
- a formula's error value ("#DIV/0!") is not read: it is no figure the department filed (`FORMULA_ERROR`);
- a text cell's words are read without the spaces and blank lines typed around them, as in Word (`typed_text`).
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from io import BytesIO, StringIO
from pathlib import Path
from typing import Callable

import openpyxl
import xlrd
from xlrd import compdoc
from xlrd.formula import FMLA_TYPE_CELL, FormulaError, decompile_formula
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.utils import get_column_letter, range_boundaries

from .document import Block, Cell, Paragraph, SourceDocument, Table, hidden_reason
from .funds import figures_under_heads, is_total_row
from .opening import open_or_refuse, refuse_encrypted
from .symbols import font_symbols

EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of every number: a longer one typed in has lost the rest
EXCEL_PRECISION = Context(prec=EXCEL_DIGITS)
QUOTED = re.compile(r'"[^"]*"|[\\!].|\[[^\]]*\]')  # literal text, characters escaped by \ or !, [colour]/[condition]
FIXED_DECIMALS = re.compile(r"\.(0+)")
LITERAL = re.compile(r'"([^"]*)"|[\\!](.)')  # a format's literal text: quoted, or one escaped character
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
    first, *others = _sections(number_format)
    if number < 0 and others and NUMBER_PLACE.search(_masked(others[0])):
        text = _negative_text(-number, others[0], number_format, location, remarks)
    else:
        text = "".join(_section_parts(number, first, number_format, location, remarks))
    if CHINESE_NUMERALS.search(number_format):  # the digits mean the figure the numerals spell
        remarks.append(f"{location} 的数字在 Excel 中按格式“{number_format}”以中文数字显示（如 120 显示为“一百二十”"
                       f"或“壹佰贰拾”）；已照存储的数字读作“{text}”。")
    return text


def _section_parts(number: Decimal, section_format: str, number_format: str, location: str,
                   remarks: list[str], negative: bool = False) -> tuple[str, str, str]:
    """What one section of a format shows of `number`: its literal text before, the figure, its literal text after.
    `negative`: `number` is the magnitude of a negative one its own section shows; the caller says how it scales."""
    power, section_format = _scaled(section_format)
    stored, number = number, number.scaleb(-power)
    section = QUOTED.sub("", section_format)
    percent = "%" in section
    digits = _plain(number * 100 if percent else number)
    if SCIENTIFIC.search(section):
        prefix, suffix = _literal_prefix(section_format), _literal_suffix(section_format)
        return prefix, _scientific(digits, section, number_format, location, remarks), suffix
    shown = _shown_decimals(section)
    if len(digits.partition(".")[2]) > shown and _is_fixed(section):
        remarks.append(f"{location} 的数字 {digits}{'%' if percent else ''} 在 Excel 中按格式“{number_format}”"
                       f"只显示 {shown} 位小数；已照存储的数字读入，未四舍五入。")
    body = _leading_zeros(_pad(digits, shown), section) + ("%" if percent else "")
    prefix, suffix = _literal_prefix(section_format), _literal_suffix(section_format)
    if power and not negative:
        _scaled_remark(stored, power, f"{prefix}{body}{suffix}", number_format, location, remarks)
    return prefix, body, suffix


def _scaled_remark(stored: Decimal, power: int, shown: str, number_format: str, location: str,
                   remarks: list[str]) -> None:
    remarks.append(f"{location} 存储的数字是 {_plain(stored)}，Excel 按格式“{number_format}”把它缩小 "
                   f"{10 ** power:,} 倍显示为“{shown}”；已照显示的数字读入，请核对单位。")


# A scaling format: each comma right after the last digit placeholder divides the number by 1,000 (`#,##0.00,,` shows
# 1205000000 as 1,205.00), and a literal point between digit placeholders (`0!.0000"万元"`, `0!.0,"万"`) shows the
# last digits as decimals. Departments use both to show 元 as 万元 or 百万元: Excel shows another number than it
# stores, and the form means the one shown.
FORMAT_TOKEN = re.compile(r'"[^"]*"|[\\!].|\[[^\]]*\]|.', re.S)
PLACEHOLDER = "0#?"


def _scaled(section_format: str) -> tuple[int, str]:
    """The power of ten a section divides its number by before showing it, and the section as a plain format that
    shows the divided number alike (`0!.0,"万"` → 4, `0.0"万"`). (0, the section) when it scales nothing."""
    tokens = FORMAT_TOKEN.findall(section_format)
    places = [n for n, token in enumerate(tokens) if token in PLACEHOLDER]
    if not places or any(token.lower().startswith("e") for token in tokens):
        return 0, section_format
    power, kept = 0, list(tokens)
    for n, token in enumerate(tokens):
        follows = next((t for t in tokens[n:] if t != ","), "")
        if token == "," and n > places[0] and follows not in tuple(PLACEHOLDER):
            power, kept[n] = power + 3, ""  # a thousands comma stands between placeholders; this one scales
    points = [n for n in range(places[0], places[-1]) if tokens[n] in (".", "!.", "\\.", '"."')]
    if points and tokens[points[0]] != ".":
        power += sum(1 for n in places if n > points[0])
        kept[points[0]] = "."
    return power, "".join(kept) if power else section_format


SCIENTIFIC = re.compile(r"E[+-]", re.I)
CHINESE_NUMERALS = re.compile(r"\[DBNum[123]\]", re.I)  # Excel's 一百二十 ([DBNum1]) and 壹佰贰拾 ([DBNum2])


def _scientific(digits: str, section: str, number_format: str, location: str, remarks: list[str]) -> str:
    """A number under a scientific format (`0.00E+00` shows 120.5 as 1.21E+02): the mantissa is rounded to the
    format's decimals, so the stored digits are read (the figure the cell holds), and the report says how it shows."""
    decimals = sum(1 for ch in SCIENTIFIC.split(section)[0].partition(".")[2] if ch in PLACEHOLDER)
    with localcontext(rounding=ROUND_HALF_UP):  # Excel rounds a half away from zero
        mantissa, _, exponent = format(Decimal(digits), f".{decimals}E").partition("E")
    places = sum(1 for ch in SCIENTIFIC.split(section)[-1] if ch in PLACEHOLDER)
    shown = f"{mantissa}E{exponent[0]}{exponent[1:].rjust(places, '0')}"
    remarks.append(f"{location} 的数字在 Excel 中按格式“{number_format}”以科学记数法显示为“{shown}”；"
                   f"已照存储的数字读作 {digits}。")
    return digits


def _negative_text(magnitude: Decimal, section: str, number_format: str, location: str, remarks: list[str]) -> str:
    """A negative number under a format with a section of its own (`0;"减少"0`, `0.00;[红色]-0.00`, `0.00;(0.00)`).
    Excel shows that section with the number's magnitude, and a minus only where the section writes one. Words
    the section adds say what the sign means ("减少3" is not "-3" to a reader): read as shown. A section that
    only colours or brackets the figure shows no sign at all: the stored sign is kept, and the report says so."""
    masked = _masked(section)
    place = NUMBER_PLACE.search(masked)
    minus = "-" in masked[:place.start()] if place else False
    prefix, body, suffix = _section_parts(magnitude, section, number_format, location, remarks, negative=True)
    sign = "-" if minus or prefix.endswith("-") else ""
    words = prefix.removesuffix("-") + suffix
    shown = ("(" if "(" in masked[:place.start()] else "") + body + (")" if ")" in masked[place.end():] else "")
    if power := _scaled(section)[0]:  # the stored number with its sign, as shown with the section's words or marks
        _scaled_remark(-magnitude, power, prefix.removesuffix("-") + sign + body + suffix if words or sign else shown,
                       number_format, location, remarks)
    if words:
        return prefix.removesuffix("-") + sign + body + suffix
    if not sign:
        remarks.append(f"{location} 的数字 -{body} 在 Excel 中按格式“{number_format}”显示为“{shown}”（不带负号，"
                       f"以颜色或括号表示负数）；已照存储的数字读作 -{body}。")
    return "-" + body


def _sections(number_format: str) -> list[str]:
    """A format's sections (positive;negative;zero;text), split at the semicolons outside quoted text."""
    masked = _masked(number_format)
    cuts = [n for n, ch in enumerate(masked) if ch == ";"]
    return [number_format[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(number_format)])]


def _masked(section: str) -> str:
    """The format with its quoted and escaped text and [colours] blanked, positions kept."""
    return QUOTED.sub(lambda m: "\x00" * len(m.group()), section)


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


DATE_TOKENS = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|(yyyy|yy|e|m{1,4})|(.)', re.I)


def date_text(value: dt.datetime | dt.date | dt.time, number_format: str = "") -> str:
    """A date as 2023-12-30 (with the time when it has one). A format that shows no day (`yyyy"年"mm"月"`) shows the
    month only, and so does the text: a day the form does not show is not the department's to have filed."""
    if isinstance(value, (dt.datetime, dt.date)) and _shows_month_only(number_format):
        return _month_text(value, _sections(number_format)[0])
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()


def _shows_month_only(number_format: str) -> bool:
    codes = _masked(_sections(number_format)[0]).lower()
    return "m" in codes and ("y" in codes or "e" in codes) and not any(ch in codes for ch in "dhs")


def _month_text(value: dt.date, section: str) -> str:
    """The year and month as the format shows them: `yyyy"年"mm"月"` 2025年12月, `yyyy-mm` 2025-12."""
    shown = []
    for match in DATE_TOKENS.finditer(section):
        literal, escaped, code, other = match.groups()
        code = (code or "").lower()
        if code in ("yyyy", "e"):
            shown.append(f"{value.year}")
        elif code == "yy":
            shown.append(f"{value.year % 100:02d}")
        elif code:
            shown.append(f"{value.month:02d}" if code == "mm" else f"{value.month}")
        else:
            shown.append(literal if literal is not None else escaped or ("" if (other or "") in "_*@" else other))
    return "".join(shown).strip()


# --- one worksheet as blocks ------------------------------------------------------------------

@dataclass(frozen=True)
class Hidden:
    """What Excel does not show of a worksheet: the sheet itself (its state, in words), some rows or columns."""
    sheet: str | None = None  # "隐藏", "深度隐藏（…）"
    rows: frozenset[int] = frozenset()  # 0-based
    columns: frozenset[int] = frozenset()  # 0-based


def sheet_blocks(name: str, texts: list[list[str]], merges: list[Merge],
                 numbers: frozenset[tuple[int, int]] = frozenset(), hidden: Hidden = Hidden(),
                 unsaved: dict[tuple[int, int], str] | None = None,
                 veiled: dict[tuple[int, int], tuple[str, str]] | None = None) -> list[Block]:
    """A worksheet as a person reads it: parts separated by empty rows; in each part, the rows before
    and after the table that hold one filled cell only (a title, a 单位 line, a note) are lines of text.
    `numbers`: the (row, column) of the cells that hold a number (`Cell.number`). What `hidden` names is not
    read: its cells come last, each listed with the reason (`_unshown`). `unsaved`: the formula of each cell
    saved without its result; such a cell reads empty and its formula is listed 未放入 (`unsaved_formula`).
    `veiled`: the text and the reason of each cell that is not read although it holds something (its format shows
    nothing of it, `format_hides`; it shows a formula's error), listed likewise."""
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
    formulas = [unsaved_formula(_location(name, r, c), formula) for (r, c), formula in sorted((unsaved or {}).items())]
    unseen = [Paragraph(text, _location(name, r, c), why) for (r, c), (text, why) in sorted((veiled or {}).items())]
    return blocks + unshown + formulas + unseen


def format_hides(value: str | int | float, number_format: str) -> bool:
    """Whether Excel shows nothing of `value` under the format: the section that applies to it (positive;negative;
    zero;text) is empty or only a colour, as in `;;;` (every value hidden) or `0;-0;;@` (a zero hidden). A figure
    neither shown nor printed is not read, as a hidden column is not: it may be an internal figure."""
    sections = _sections(number_format)
    if len(sections) < 2:
        return False  # one section, even an empty one, is Excel's General
    if isinstance(value, str):
        index = 3
    else:
        index = 0 if value > 0 else 1 if value < 0 else 2
    section = sections[index] if index < len(sections) else sections[0]
    return not QUOTED.sub("", section).strip() and not LITERAL.search(section)


def format_hidden_reason(number_format: str) -> str:
    return (f"这一格的数字格式“{number_format}”使它在 Excel 中什么也不显示（正常显示和打印时都看不到），没有读入；"
            "如果应当公开，请在 Excel 中把这一格改为常规格式后重新导入，或手工录入")


def veil_formatted(texts: list[list[str]], formats: dict[tuple[int, int], tuple[str | int | float, str]]
                   ) -> dict[tuple[int, int], tuple[str, str]]:
    """The cells their format hides (`format_hides`), each (text, why not read); emptied in `texts`."""
    veiled = {}
    for (r, c), (value, number_format) in formats.items():
        if texts[r][c] and format_hides(value, number_format):
            veiled[(r, c)] = (texts[r][c], format_hidden_reason(number_format))
            texts[r][c] = ""
    return veiled


# An error value ("#DIV/0!", "#REF!") is what a broken formula shows, not a figure or a word the department filed:
# read as an indicator's value it would be published as one.
FORMULA_ERROR = "这一格是 Excel 公式的出错值，不是填写的数字或文字；未录入，请在原表中改正公式后重新导入，或照原表应有的数手工录入"


def veil_errors(texts: list[list[str]], errors: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[str, str]]:
    """The cells that show a formula's error, each (text, why not read); emptied in `texts`."""
    shown = {(r, c): (texts[r][c], FORMULA_ERROR) for r, c in errors if texts[r][c]}
    for r, c in shown:
        texts[r][c] = ""
    return shown


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
    blanks = 0  # blank rows right above the row
    for row in rows:
        if any(cell.text or cell.merged_from for cell in row):
            if not runs[-1] and len(runs) > 1 and _ends_table(runs[-2]) \
                    and (_is_total(row) or blanks == 1 and figures_under_heads(runs[-2][-1], row)):
                runs.pop()  # the 合计 row, or the heads' values row, after a blank row: still the table's
            runs[-1].append(row)
            blanks = 0
        else:
            blanks += 1
            if runs[-1]:
                runs.append([])
    return [run for run in runs if run]


def _ends_table(run: list[list[Cell]]) -> bool:
    return bool(run) and sum(1 for cell in run[-1] if cell.text) >= 2


def _is_total(row: list[Cell]) -> bool:
    """A 合计 row with its figures: departments often leave a blank row above it, yet it is the total of the table
    above (before, it was a table of its own that nothing recognised, and its figures were listed 未识别)."""
    return is_total_row(row) and sum(1 for cell in row if cell.text) >= 2


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
    blocks = tuple(block for blocks in sheets for block in blocks)
    return SourceDocument(path, blocks, tuple(remarks + unsaved_remarks(blocks)))


# --- .xlsx / .xlsm through openpyxl ----------------------------------------------------------

HIDDEN_STATES = {"hidden": "隐藏", "veryHidden": "深度隐藏（只能在 VBA 编辑器中取消隐藏）"}


def _read_xlsx(path: Path) -> SourceDocument:
    # Opened as a stream: openpyxl refuses a path not named .xlsx/.xlsm, and the bytes have said what this is.
    values = open_or_refuse(path, _values_workbook, "Excel 工作簿", "Excel")
    formulas = openpyxl.load_workbook(BytesIO(path.read_bytes()))  # the same file again, formulas, not their values
    remarks = _macro_remarks(path)
    sheets = [_xlsx_blocks(sheet, formulas[sheet.title], remarks) for sheet in values.worksheets]
    return _document(path, sheets, remarks)


def _values_workbook(path: Path):
    """The values Excel saved (not the formulas), with each text run's font (a tick box typed in Wingdings)."""
    return openpyxl.load_workbook(BytesIO(path.read_bytes()), data_only=True, rich_text=True)


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
    texts = [[_xlsx_text(cell, remarks) for cell in row] for row in cells]
    numbers = frozenset((r, c) for r, row in enumerate(cells) for c, cell in enumerate(row)
                        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool))
    veiled = veil_formatted(texts, {(r, c): (_shown_value(cells[r][c]), cells[r][c].number_format)
                           for r, c in numbers | _text_cells(cells)})
    veiled |= veil_errors(texts, {(r, c) for r, row in enumerate(cells) for c, cell in enumerate(row)
                              if cell.data_type == "e"})
    merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
    if not hidden.sheet:
        remarks += _print_area_remarks(sheet.title, sheet.print_area, texts, hidden)
    return sheet_blocks(sheet.title, texts, merges, numbers, hidden, _unsaved_formulas(cells, formulas), veiled)


def _print_area_remarks(name: str, print_area: str | None, texts: list[list[str]], hidden: Hidden) -> list[str]:
    """A print area that leaves out filled cells: Excel shows them on screen, so they are read, but the form the
    department printed (or saved as PDF) had none of them; an internal column (测算依据, 审核意见) is often left out so.
    The report names them, for a person to check before they are published."""
    if not print_area:
        return []
    areas = [range_boundaries(part.rpartition("!")[2].replace("$", "")) for part in print_area.split(",")]
    outside = [_location(name, r, c) for r, row in enumerate(texts) for c, text in enumerate(row)
               if text and r not in hidden.rows and c not in hidden.columns
               and not any(_within(r, c, area) for area in areas)]
    if not outside:
        return []
    shown = "、".join(outside[:3]) + ("等" if len(outside) > 3 else "")
    area = "，".join(part.rpartition("!")[2].replace("$", "") for part in print_area.split(","))
    return [f"工作表“{name}”的打印区域是 {area}；区域外的 {shown} {len(outside)} 格有内容，打印时不出现，已照屏幕上显示的读入；"
            "请核对这些内容是否应当公开。"]


def _within(row: int, column: int, area: tuple[int | None, ...]) -> bool:
    """Whether a 0-based cell is in a print area's range; whole columns ("A:F") or rows ("1:20") leave ends open."""
    left, top, right, bottom = area
    return (left or 1) - 1 <= column < (right or column + 1) and (top or 1) - 1 <= row < (bottom or row + 1)


def _text_cells(cells) -> set[tuple[int, int]]:
    return {(r, c) for r, row in enumerate(cells) for c, cell in enumerate(row)
            if isinstance(cell.value, (str, CellRichText))}


def _shown_value(cell) -> str | int | float:
    return str(cell.value) if isinstance(cell.value, CellRichText) else cell.value


def _unsaved_formulas(cells, formulas) -> dict[tuple[int, int], str]:
    """The formula of each cell that has no saved result. An array formula's text is held by its object."""
    unsaved = {}
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            formula = formulas[cell.coordinate].value if cell.value is None and cell.coordinate else None
            formula = getattr(formula, "text", formula)  # openpyxl's ArrayFormula
            if isinstance(formula, str) and formula.startswith("="):
                unsaved[(r, c)] = formula
    return unsaved


def _hidden_columns(sheet) -> frozenset[int]:
    """Column dimensions may group a run of columns (min..max) under one letter. Only those up to the sheet's last
    used column count: the unused columns hidden right of a form (often all up to XFD) hold nothing."""
    return frozenset(c - 1 for d in sheet.column_dimensions.values() if d.hidden
                     for c in range(d.min or 1, min(d.max or d.min or 1, sheet.max_column) + 1))


def _xlsx_text(cell, remarks: list[str]) -> str:
    if cell.value is None:
        return ""  # a formula saved without its result is listed by `_unsaved_formulas`
    location = f"{cell.parent.title}!{cell.coordinate}"
    if isinstance(cell.value, CellRichText):  # runs of their own fonts; a run naming none is in the cell's font
        return typed_text(symbol_runs([(part.font.rFont or cell.font.name, part.text) if isinstance(part, TextBlock)
                                       else (cell.font.name, str(part)) for part in cell.value], location, remarks))
    if isinstance(cell.value, str):
        return typed_text(symbol_runs([(cell.font.name, cell.value)], location, remarks))
    return _value_text(cell.value, cell.number_format, location, remarks)


def typed_text(text: str) -> str:
    """A text cell's words, read as a Word cell is: the blank lines and the spaces typed before and after them are
    none of the words ("某县公路中心 " is 某县公路中心, "完成养护任务⏎" one line); the lines between keep their indents."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines[0].strip() if len(lines) == 1 else "\n".join(lines)


def symbol_runs(runs: list[tuple[str | None, str]], location: str, remarks: list[str]) -> str:
    """A text cell's runs (font, text) as Excel draws them. A tick box typed in a symbol font ("R新增 £延续" in
    Wingdings 2, "þ" in Wingdings) is the box the form shows ("☑新增 □延续"), never the letter stored. Characters
    past the font's 256 codes (the 新增 beside the box) are drawn by another font, as themselves. A symbol not
    known is not read, and is reported: a wrong letter in 项目属性 would be worse than a gap."""
    read = [font_symbols(font, text) for font, text in runs]
    shown = [text for text, _ in read]
    unknown = sum(count for _, count in read)
    if unknown:
        remarks.append(f"{location} 中有 {unknown} 个用符号字体（Wingdings 等）写的符号认不出是什么字符，没有读入；"
                       "请对照原表核对（如勾选框“☑”“□”），需要时手工录入。")
    return "".join(shown)


# A figure the file holds only as a formula: reading it empty without a word would lose it, computing it could
# differ from what the department's Excel showed (another function, a link to another file). Listed with the formula.
UNSAVED_FORMULA = ("这一格是公式，文件中没有保存计算结果（程序生成、未经 Excel 保存的表常这样）；导入不计算公式，按空格读入，"
                   "未录入。请在 Excel 中打开、重新计算并保存后再导入，或照原表显示的数手工录入")


def unsaved_formula(location: str, formula: str) -> Paragraph:
    return Paragraph(formula, location, UNSAVED_FORMULA)


def unsaved_remarks(blocks: tuple[Block, ...] | list[Block]) -> list[str]:
    unsaved = [block.location for block in blocks if isinstance(block, Paragraph) and block.unread == UNSAVED_FORMULA]
    if not unsaved:
        return []
    return [f"{'、'.join(unsaved[:3])}{'等' if len(unsaved) > 3 else ''} {len(unsaved)} 格是文件中没有保存计算结果的公式；"
            "未计算，按空格读入，逐格列在“未放入”中。请在 Excel 中打开、重新计算并保存后再导入。"]


def _value_text(value, number_format: str, location: str, remarks: list[str]) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value, number_format, location, remarks)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return date_text(value, number_format)
    return str(value)


# --- .xls through xlrd -----------------------------------------------------------------------

XLS_HIDDEN = {1: "隐藏", 2: "深度隐藏（只能在 VBA 编辑器中取消隐藏）"}


def _read_xls(path: Path) -> SourceDocument:
    book = open_or_refuse(path, lambda p: xlrd.open_workbook(p, formatting_info=True),
                          "Excel 97-2003 工作簿", "Excel")
    remarks: list[str] = []
    empty = _xls_empty_formulas(path, book)
    sheets = [_xls_blocks(book, sheet, remarks, formulas) for sheet, formulas in zip(book.sheets(), empty)]
    return _document(path, sheets, remarks)


XLS_FORMULA, XLS_EOF = 0x0006, 0x000A  # BIFF record types


def _xls_empty_formulas(path: Path, book) -> list[dict[tuple[int, int], str]]:
    """Per worksheet, the formula of each cell saved with an empty text as its result, when no formula in the file has
    a result: a program wrote it (xlwt and other writers save every formula so) and never computed it, and Excel
    computes it on opening, so the form shows a figure the file does not hold. Read as empty, it would be lost
    without a word; listed with its formula, as an .xlsx formula saved without its result is. Where some formula has
    a saved result, Excel (or the writer) computed them, and an empty result is what the cell shows."""
    data = path.read_bytes()
    mem = data
    if data.startswith(compdoc.SIGNATURE):
        document = compdoc.CompDoc(data, logfile=StringIO())
        mem = next((found for name in ("Workbook", "Book")
                    for found in [document.locate_named_stream(name)[0]] if found is not None), None)
    if mem is None:
        return [{} for _ in book.sheets()]
    sheets: list[dict[tuple[int, int], str]] = []
    for start in book._sh_abs_posn:  # where each worksheet's records start, as xlrd found them
        found: dict[tuple[int, int], str] = {}
        for body in _sheet_records(mem, start, XLS_FORMULA):
            row, column = struct.unpack_from("<HH", body)
            if body[12:14] != b"\xff\xff" or body[6] != 3:  # a number, text, truth value or error was saved
                return [{} for _ in book.sheets()]
            found[(row, column)] = _formula_text(book, body, row, column)
        sheets.append(found)
    return sheets


def _sheet_records(mem: bytes, start: int, kind: int) -> list[bytes]:
    """The bodies of one worksheet's records of a kind, up to the worksheet's end."""
    bodies = []
    position = start
    while position + 4 <= len(mem):
        record, size = struct.unpack_from("<HH", mem, position)
        body = mem[position + 4:position + 4 + size]
        position += 4 + size
        if record == XLS_EOF:
            break
        if record == kind and len(body) >= 22:
            bodies.append(body)
    return bodies


def _formula_text(book, body: bytes, row: int, column: int) -> str:
    """The formula as Excel writes it ("=A1*2"); a formula xlrd cannot decompile is named as one."""
    size = struct.unpack_from("<H", body, 20)[0]
    try:
        text = decompile_formula(book, body[22:], size, FMLA_TYPE_CELL, browx=row, bcolx=column)
    except (FormulaError, struct.error, IndexError, KeyError, AssertionError):
        text = None
    return f"={text}" if text else "（公式）"


def _xls_blocks(book, sheet, remarks: list[str], formulas: dict[tuple[int, int], str]) -> list[Block]:
    hidden = Hidden(XLS_HIDDEN.get(sheet.visibility),
                    frozenset(r for r, info in sheet.rowinfo_map.items() if info.hidden),
                    frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden and c < sheet.ncols))
    remarks += hidden_remarks(sheet.name, hidden)
    texts = [[_xls_text(book, sheet, r, c, remarks) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
    numbers = frozenset((r, c) for r in range(sheet.nrows) for c in range(sheet.ncols)
                        if sheet.cell_type(r, c) == xlrd.XL_CELL_NUMBER)
    shown = [(r, c) for r in range(sheet.nrows) for c in range(sheet.ncols)
             if sheet.cell_type(r, c) in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT)]
    veiled = veil_formatted(texts, {(r, c): (sheet.cell_value(r, c), _xls_format(book, sheet, r, c))
                                    for r, c in shown})
    veiled |= veil_errors(texts, {(r, c) for r in range(sheet.nrows) for c in range(sheet.ncols)
                              if sheet.cell_type(r, c) == xlrd.XL_CELL_ERROR})
    merges = [(top, left, bottom - 1, right - 1) for top, bottom, left, right in sheet.merged_cells]
    if not hidden.sheet:
        remarks += _print_area_remarks(sheet.name, _xls_print_area(book, sheet), texts, hidden)
    return sheet_blocks(sheet.name, texts, merges, numbers, hidden, formulas, veiled)


def _xls_print_area(book, sheet) -> str | None:
    """The sheet's print area as an .xlsx names it ("A1:D7", areas joined by ","): an .xls keeps it as the built-in
    name Print_Area scoped to the sheet, its formula a 3-D reference (xlrd's name map has it evaluated)."""
    index = book.sheet_names().index(sheet.name)
    for name in book.name_obj_list:
        if name.builtin and name.name == "Print_Area" and name.scope == index and name.result is not None:
            refs = name.result.value if isinstance(name.result.value, list) else []
            areas = [f"{get_column_letter(ref.coords[4] + 1)}{ref.coords[2] + 1}:"
                     f"{get_column_letter(ref.coords[5])}{ref.coords[3]}" for ref in refs if hasattr(ref, "coords")]
            return ",".join(areas) or None
    return None


def _xls_format(book, sheet, row: int, column: int) -> str:
    return book.format_map[book.xf_list[sheet.cell_xf_index(row, column)].format_key].format_str


def _xls_text(book, sheet, row: int, column: int, remarks: list[str]) -> str:
    cell = sheet.cell(row, column)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        number_format = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
        return number_text(cell.value, number_format, _location(sheet.name, row, column), remarks)
    if cell.ctype == xlrd.XL_CELL_DATE:
        number_format = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
        return date_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), number_format)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype != xlrd.XL_CELL_TEXT:
        return ""
    return typed_text(symbol_runs(_xls_runs(book, sheet, row, column), _location(sheet.name, row, column), remarks))


def _xls_runs(book, sheet, row: int, column: int) -> list[tuple[str | None, str]]:
    """A text cell's runs (font name, text): the cell's font, changed where its rich-text run list says."""
    text = sheet.cell_value(row, column)
    fonts = [(0, book.xf_list[sheet.cell_xf_index(row, column)].font_index)]
    fonts += sheet.rich_text_runlist_map.get((row, column), [])
    ends = [start for start, _ in fonts[1:]] + [len(text)]
    return [(book.font_list[font].name, text[start:end]) for (start, font), end in zip(fonts, ends) if end > start]
