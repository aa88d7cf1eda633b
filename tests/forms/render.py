"""Render each seed filing back into the forms departments have: .xlsx, .xls, .docx and .pdf.

    python -m tests.forms.render OUTDIR [--variant NAME ...]

writes OUTDIR/<department>/<variant>.<suffix> for people to look at; the import tests render
into a temporary folder the same way. The layout is `layout.form`; this module only draws it:
Excel stacks the title lines and tables on one sheet (a blank row between tables), Word and
the PDF (HTML printed by Chromium) keep the title lines as paragraphs.
"""

from __future__ import annotations

import argparse
import html
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import xlwt
from docx.shared import Pt
from openpyxl.styles import Alignment, Font

from generator.loading import filing_files, load_filing
from generator.models import Filing

from .layout import VARIANTS, FormBlock, FormTable, FormText, Merge, form

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("xlsx", "xls", "docx", "pdf")
CHROMIUM = "/usr/bin/chromium"
SHEET = "绩效目标表"


def seed_filings() -> list[Filing]:
    return [load_filing(path)[0].filing for path in filing_files(ROOT / "content")]


# --- Excel: every block on one sheet -------------------------------------------------------------

def sheet_grid(blocks: list[FormBlock]) -> tuple[list[list[str]], list[Merge]]:
    """The sheet a form fills: a title line spans the widest table; a blank row follows each table."""
    # a document of lines only (a notice, a letter) has no table to take the width from: one column
    width = max((block.width for block in blocks if isinstance(block, FormTable)), default=1)
    rows: list[list[str]] = []
    merges: list[Merge] = []
    for block in blocks:
        if isinstance(block, FormText):
            if width > 1:  # a line spans the table; one column alone is no merge
                merges.append((len(rows), 0, len(rows), width - 1))
            rows.append([block.text] + [""] * (width - 1))
            continue
        top = len(rows)
        rows += [row + [""] * (width - len(row)) for row in block.grid()] + [[""] * width]
        merges += [(a + top, b, c + top, d) for a, b, c, d in block.merges]
    return rows[:-1] if rows and not any(rows[-1]) else rows, merges


# Amounts and shares are numbers in a workbook, as the 一体化系统 exports them; the number format shows
# the digits as filed ("77000.00", "60.70%"). Codes and phone numbers (leading zeros) stay text.
NUMBER = re.compile(r"^(0|[1-9]\d{0,11})(\.\d+)?$")
PERCENT = re.compile(r"^(0|[1-9]\d{0,2})(\.\d+)?%$")


def cell_value(text: str) -> tuple[str | float, str]:
    """What to store in a workbook cell and its number format."""
    if NUMBER.match(text):
        return float(text), _decimals_format(text, "")
    if PERCENT.match(text):
        return float(Decimal(text[:-1]) / 100), _decimals_format(text[:-1], "%")
    return text, "General"


def _decimals_format(number: str, suffix: str) -> str:
    decimals = len(number.partition(".")[2])
    if not decimals and not suffix:
        return "General"
    return ("0." + "0" * decimals if decimals else "0") + suffix


def write_xlsx(blocks: list[FormBlock], path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    rows, merges = sheet_grid(blocks)
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            if text:
                cell = sheet.cell(r, c)
                cell.value, cell.number_format = cell_value(text)
                if text.startswith("="):
                    cell.data_type = "s"  # a filed value such as "=2" is text, not a formula
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    for top, left, bottom, right in merges:
        sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for column in range(1, max((len(row) for row in rows), default=1) + 1):  # no row at all: an empty sheet
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 18
    workbook.save(path)


def write_xls(blocks: list[FormBlock], path: Path) -> None:
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet(SHEET)
    rows, merges = sheet_grid(blocks)
    origins = {(top, left): (bottom, right) for top, left, bottom, right in merges}
    covered = {(r, c) for (top, left), (bottom, right) in origins.items()
               for r in range(top, bottom + 1) for c in range(left, right + 1)} - set(origins)
    styles: dict[str, xlwt.XFStyle] = {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            value, number_format = cell_value(text) if text else ("", "General")
            style = styles.setdefault(number_format, xlwt.easyxf(num_format_str=number_format))
            bottom, right = origins.get((r, c), (r, c))
            sheet.write_merge(r, bottom, c, right, value, style) if (r, c) in origins else sheet.write(r, c, value, style)
    workbook.save(str(path))


# --- Word: paragraphs and tables -----------------------------------------------------------------

# --- Excel 2003 XML (SpreadsheetML), as older systems and "另存为 XML 表格" write it ----------------

NAMED_FORMATS = {"0.00": "Fixed", "0.00%": "Percent"}  # as Excel writes these two formats in SpreadsheetML


@dataclass(frozen=True)
class XmlCell:
    """One filled cell: a text, a number under its format, or a formula's error value ("#DIV/0!")."""
    value: str | float
    number_format: str = "General"
    error: bool = False


def excel_2003_xml(title: str, rows: list[list[XmlCell | None]], merges: list[Merge],
                   hidden_rows: frozenset[int] = frozenset(), hidden_columns: frozenset[int] = frozenset()) -> str:
    """One sheet as Excel writes it: empty rows and cells skipped (the next names its position with ss:Index), a
    merged range written at its top-left cell (ss:MergeAcross/ss:MergeDown), each number under a style of its
    format, an error value with the formula that made it."""
    spans = {(top, left): (bottom - top, right - left) for top, left, bottom, right in merges}
    covered = {(r, c) for top, left, bottom, right in merges for r in range(top, bottom + 1)
               for c in range(left, right + 1)} - set(spans)
    styles: dict[str, str] = {}
    lines: list[str] = []
    for r, row in enumerate(rows):
        cells, skipped = [], False
        for c, cell in enumerate(row):
            if (r, c) in covered or cell is None:
                skipped = True
                continue
            cells.append(_xml_cell(cell, c if skipped else None, spans.get((r, c), (0, 0)), styles))
            skipped = False
        if cells or r in hidden_rows:
            hidden = ' ss:Hidden="1"' if r in hidden_rows else ""
            lines.append(f'<Row ss:Index="{r + 1}"{hidden}>{"".join(cells)}</Row>')
    columns = "".join(f'<Column ss:Index="{c + 1}" ss:Hidden="1"/>' for c in sorted(hidden_columns))
    style_xml = "".join(f'<Style ss:ID="{sid}"><NumberFormat ss:Format="{_xml(NAMED_FORMATS.get(code, code))}"/>'
                        "</Style>" for code, sid in styles.items())
    return ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
            ' xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"'
            ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
            f'<Styles><Style ss:ID="Default" ss:Name="Normal"/>{style_xml}</Styles>'
            f'<Worksheet ss:Name="{_xml(title)}"><Table>{columns}{"".join(lines)}</Table></Worksheet></Workbook>')


def _xml_cell(cell: XmlCell, index: int | None, span: tuple[int, int], styles: dict[str, str]) -> str:
    down, across = span
    attributes = f' ss:Index="{index + 1}"' if index is not None else ""
    if cell.number_format != "General":
        attributes += f' ss:StyleID="{styles.setdefault(cell.number_format, f"s{len(styles) + 21}")}"'
    if cell.error:
        attributes += ' ss:Formula="=1/0"'
    attributes += (f' ss:MergeAcross="{across}"' if across else "") + (f' ss:MergeDown="{down}"' if down else "")
    kind = "Error" if cell.error else "Number" if isinstance(cell.value, (int, float)) else "String"
    text = repr(cell.value) if kind == "Number" else str(cell.value)
    data = f'<Data ss:Type="{kind}">{_xml(text)}</Data>' if text else ""  # a merged range left blank
    return f'<Cell{attributes}>{data}</Cell>'


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;"))


def write_docx(blocks: list[FormBlock], path: Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(9)
    for block in blocks:
        if isinstance(block, FormText):
            document.add_paragraph(block.text)
        else:
            _docx_table(document, block)
    document.save(path)


def _docx_table(document, block: FormTable) -> None:
    grid = block.grid()
    table = document.add_table(rows=len(grid), cols=block.width)
    table.style = "Table Grid"
    # Cell objects fetched once, before merging: python-docx looks every `table.cell(r, c)` up anew.
    cells = [table.rows[r].cells for r in range(len(grid))]
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                cells[r][c].text = text
    for top, left, bottom, right in block.merges:
        cells[top][left].merge(cells[bottom][right])
    document.add_paragraph()  # Word needs a paragraph between two tables, or it joins them


# --- PDF: the form as HTML, printed by Chromium ----------------------------------------------------

PAGE_STYLE = """
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; font-size: 9pt; }
p { margin: 4pt 0; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; }
tr { break-inside: avoid; }  /* a row is cut only where a merged label spans pages */
td { border: 0.75pt solid #000; padding: 2pt 3pt; white-space: pre-wrap; vertical-align: middle; }
"""


def form_html(blocks: list[FormBlock]) -> str:
    body = "\n".join(f"<p>{html.escape(block.text)}</p>" if isinstance(block, FormText) else _html_table(block)
                     for block in blocks)
    return f"<!doctype html><html lang=zh-CN><meta charset=utf-8><style>{PAGE_STYLE}</style><body>{body}</body></html>"


def _html_table(block: FormTable) -> str:
    spans = {(top, left): (bottom - top + 1, right - left + 1) for top, left, bottom, right in block.merges}
    covered = {(r, c) for (top, left), (down, across) in spans.items()
               for r in range(top, top + down) for c in range(left, left + across)} - set(spans)
    rows = []
    for r, row in enumerate(block.grid()):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            down, across = spans.get((r, c), (1, 1))
            cells.append(f"<td rowspan={down} colspan={across}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def write_pdfs(jobs: list[tuple[list[FormBlock], Path]]) -> None:
    """Print every form with one Chromium: starting the browser costs more than printing a form."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        for blocks, path in jobs:
            page.set_content(form_html(blocks))
            page.pdf(path=str(path), format="A4", landscape=True, print_background=True,
                     margin={side: "15mm" for side in ("top", "bottom", "left", "right")})
        browser.close()


WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "docx": write_docx}


def render(filing: Filing, variant: str, suffix: str, path: Path) -> Path:
    """One form in one format (a PDF through `write_pdfs`, which prints many at once)."""
    blocks = form(filing, variant)
    write_pdfs([(blocks, path)]) if suffix == "pdf" else WRITERS[suffix](blocks, path)
    return path


def render_all(out: Path, variants: tuple[str, ...] = VARIANTS, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    written, printing = [], []
    for filing in seed_filings():
        folder = out / filing.department.id
        folder.mkdir(parents=True, exist_ok=True)
        for variant in variants:
            blocks = form(filing, variant)
            for suffix in formats:
                path = folder / f"{variant}.{suffix}"
                printing.append((blocks, path)) if suffix == "pdf" else WRITERS[suffix](blocks, path)
                written.append(path)
    if printing:
        write_pdfs(printing)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Render the seed filings as .xlsx/.xls/.docx/.pdf forms.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--variant", action="append", choices=VARIANTS)
    parser.add_argument("--format", action="append", choices=FORMATS)
    args = parser.parse_args(argv)
    written = render_all(args.out, tuple(args.variant or VARIANTS), tuple(args.format or FORMATS))
    print(f"已生成 {len(written)} 个文件：{args.out}")


if __name__ == "__main__":
    main()
