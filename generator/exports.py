"""Open data: each filing and the whole site as CSV, XLSX, JSON and YAML downloads.

政府信息公开条例 §24 asks for download as well as viewing, so every table on
the site can be taken away in the forms people use: CSV for programs (UTF-8
with BOM so that Excel opens Chinese text correctly), XLSX for Excel users,
JSON for the full model, and the YAML the department wrote.

Exports only ever receive the public view of a filing (redaction.public_filing);
withheld projects are redaction records by then. Output is byte-for-byte
deterministic: no build timestamps, fixed zip dates in XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

import xlsxwriter
from xlsxwriter.core import Core
from pydantic_core import to_json
from xlsxwriter.utility import xl_col_to_name

from .export_tables import (FILING_COLUMNS, TABLE_SPECS, Column, Row, RowCells, Table, Value, assemble,
                            assemble_cells, row_cells, table_columns, table_rows)
from .feeds import disclosure_date
from .identity import filing_url
from .models import Filing, Goal, Project
from .yamlsource import dump_yaml

if TYPE_CHECKING:  # for type hints only: loading.py is not behind the open data
    from .loading import FilingHead

CSV_TYPE = "text/csv"
JSON_TYPE = "application/json"
YAML_TYPE = "application/yaml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UTF8_BOM = b"\xef\xbb\xbf"
SITE_TITLE = "预算绩效目标公开数据"


@dataclass(frozen=True)
class Download:
    label: str  # Chinese label for the page, e.g. "指标（CSV）"
    path: str  # site-relative POSIX path
    size: int  # bytes on disk
    media_type: str


@dataclass(frozen=True)
class ExportInput:
    filing: Filing  # already the public view
    region_names: tuple[str, ...]


def export_filing(item: ExportInput, out: Path) -> list[Download]:
    """One filing's downloads under out/d/<dept>/<slug>/data/."""
    return export_filing_rows(item, out)[0]


def export_filing_rows(item: ExportInput, out: Path) -> tuple[list[Download], RowPieces, SheetPieces]:
    """One filing's downloads, and its rows as pieces of the site-wide CSVs and of its year's workbook."""
    filing = item.filing
    require_public(filing)
    folder = f"{filing_url(filing)}data"
    stem = f"{folder}/{filing.department.id}-{filing.slug}"
    cells = filing_cells(table_rows(filing, item.region_names))
    # Only the tables this filing has rows for: a project-only filing offers no empty 资金 table.
    tables = [assemble_cells(kind, cells[kind]) for kind in TABLE_SPECS if cells[kind]]
    downloads = [write(out, f"{stem}-{t.kind}.csv", csv_bytes(t), f"{t.title}（CSV）", CSV_TYPE)
                 for t in tables]
    sheets = sheet_pieces(cells)
    if own := [sheet for sheet in joined_sheets([sheets]) if sheet.rows]:
        workbook = workbook_bytes(own, filing.title, filing.publisher or filing.department.name,
                                  disclosure_date(filing))
        downloads.append(write(out, f"{stem}.xlsx", workbook, "全部表格（XLSX）", XLSX_TYPE))
    downloads.append(write(out, f"{stem}.json", json_bytes(filing_json(item)), "完整数据（JSON）", JSON_TYPE))
    downloads.append(yaml_download(item, out, f"{stem}.yml"))
    return downloads, row_pieces(cells), sheets


# One filing's rows as CSV text, kind → [columns before the prior-year ones, [[year, cell], …], columns after]:
# kept in the filing's cache entry, so that the site-wide CSVs are concatenated, not remade, on every build.
RowPieces = dict[str, list[list]]


def export_site(items: list[ExportInput], out: Path) -> list[Download]:
    """Every filing's rows in one CSV per kind under out/data/, with datapackage.json."""
    cells = [filing_cells(table_rows(item.filing, item.region_names)) for item in site_order(items)]
    years = site_years(prior_years(cut) for cut in cells)
    return export_site_rows((site_csv_text([row_pieces(cut)], years) for cut in cells), years, out)


# The prior years whose values a filing's rows carry, kind → years: the site-wide tables have a column for
# each year any filing carries, known before a row is written.
PriorYears = dict[str, list[int]]


def prior_years(cut: dict[str, list[RowCells]]) -> PriorYears:
    return {kind: sorted({year for c in cells for year in c.prior}) for kind, cells in cut.items()}


def site_years(filings: Iterable[PriorYears]) -> PriorYears:
    found: dict[str, set[int]] = {kind: set() for kind in TABLE_SPECS}
    for filing in filings:
        for kind, years in filing.items():
            found[kind].update(years)
    return {kind: sorted(years) for kind, years in found.items()}


def site_csv_text(filings: Iterable[RowPieces], years: PriorYears) -> dict[str, bytes]:
    """The lines of the site-wide CSVs for these filings' rows, kind → bytes, with a column for each of `years`."""
    lines: dict[str, list[str]] = {kind: [] for kind in TABLE_SPECS}
    for filing in filings:
        for kind, spec in TABLE_SPECS.items():
            for lead, prior, tail in filing[kind]:
                given = dict(prior)
                lines[kind].append(",".join([lead, *(given.get(year, "") for year in years[kind]),
                                             *([tail] if spec.tail else [])]) + "\r\n")
    return {kind: "".join(text).encode("utf-8") for kind, text in lines.items()}


def export_site_rows(parts: Iterable[dict[str, bytes]], years: PriorYears, out: Path) -> list[Download]:
    """The site-wide CSVs and datapackage.json from their lines (`site_csv_text`) given in parts, in `site_order`.

    Written as the parts come, one part in memory at a time: a province's rows are hundreds of megabytes."""
    columns = {kind: table_columns(spec, years[kind]) for kind, spec in TABLE_SPECS.items()}
    with ExitStack() as stack:
        files = {kind: stack.enter_context(HashedFile(out / "data" / f"{kind}.csv")) for kind in TABLE_SPECS}
        for kind, file in files.items():
            file.write(UTF8_BOM + (csv_fields([column.name for column in columns[kind]]) + "\r\n").encode("utf-8"))
        for part in parts:
            for kind, file in files.items():
                file.write(part[kind])
    downloads = [Download(f"{spec.title}（CSV）", f"data/{kind}.csv", files[kind].size, CSV_TYPE)
                 for kind, spec in TABLE_SPECS.items()]
    resources = [resource(kind, spec.title, columns[kind], files[kind]) for kind, spec in TABLE_SPECS.items()]
    package = json_bytes(datapackage(resources))
    return downloads + [write(out, "data/datapackage.json", package, "数据包描述（JSON）", JSON_TYPE)]


class HashedFile:
    """A file written in parts, with its size and SHA-256 (for datapackage.json) worked out on the way."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.size, self.digest = path, 0, hashlib.sha256()

    def __enter__(self) -> HashedFile:
        self.handle = open(self.path, "wb")
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.size += len(data)
        self.digest.update(data)


def filing_cells(rows: dict[str, list[Row]]) -> dict[str, list[RowCells]]:
    return {kind: [row_cells(TABLE_SPECS[kind], row) for row in rows[kind]] for kind in TABLE_SPECS}


def row_pieces(cut: dict[str, list[RowCells]]) -> RowPieces:
    """Each row as the CSV text of its cells: what csv_bytes writes for it, cut around the prior years."""
    fields = csv_fields_writer()
    return {kind: [[fields(c.lead), [[year, fields([value])] for year, value in sorted(c.prior.items())],
                    fields(c.tail)] for c in cells] for kind, cells in cut.items()}


def export_year_workbook(items: list[ExportInput], year: int, out: Path) -> list[Download]:
    """One year's filings as one workbook, out/data/all-<year>.xlsx, a sheet per kind (what a build joins
    from the cells kept for each filing, made here from the filings themselves)."""
    chosen = site_order([item for item in items if item.filing.fiscal_year == year])
    pieces = [sheet_pieces(filing_cells(table_rows(item.filing, item.region_names))) for item in chosen]
    return write_year_workbook(joined_sheets(pieces), year, newest_disclosure([item.filing for item in chosen]), out)


def newest_disclosure(filings: list[Filing | FilingHead]) -> dt.date:
    """The date a year's workbook carries: that of its newest filing, never the build's."""
    return max((disclosure_date(filing) for filing in filings), default=dt.date(1980, 1, 1))


def site_tables(items: list[ExportInput]) -> list[Table]:
    """The rows of many filings in one table per kind, in department, year and kind order."""
    per_filing = [table_rows(item.filing, item.region_names) for item in site_order(items)]
    return [assemble(kind, [row for rows in per_filing for row in rows[kind]]) for kind in TABLE_SPECS]


def site_order(items: list[ExportInput]) -> list[ExportInput]:
    """Filings in department, year and slug order (the rows' order in the site-wide tables), all public."""
    ordered = sorted(items, key=lambda item: site_position(item.filing))
    for item in ordered:
        require_public(item.filing)
    return ordered


def site_position(filing: Filing | FilingHead) -> tuple[str, int, str]:
    """Where a filing's rows are in the site-wide tables: department, year, slug."""
    return filing.department.id, filing.fiscal_year, filing.slug


def require_public(filing: Filing) -> None:
    """A withheld project reaching this stage is a pipeline bug; refuse rather than publish it."""
    if any(isinstance(entry, Project) and entry.withheld for entry in filing.projects):
        raise ValueError(f"{filing.department.id}/{filing.slug}: 导出前须先取公开视图（redaction.public_filing）")


def write(out: Path, path: str, data: bytes, label: str, media_type: str) -> Download:
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return Download(label, path, len(data), media_type)


# --- CSV ---------------------------------------------------------------------------------------

def csv_bytes(table: Table) -> bytes:
    """CRLF as in RFC 4180; Decimal cells print exactly as filed (str(Decimal("100.50")) == "100.50").

    The standard csv module writes the same bytes pandas did, 2.5 times faster, and spares every
    worker process the import of pandas.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows(table.rows)
    return UTF8_BOM + buffer.getvalue().encode("utf-8")


def csv_fields(values: list[Any] | tuple[Any, ...]) -> str:
    """The cells as csv_bytes writes them within a longer row: each field is quoted on its own, and the
    None added keeps a lone empty cell from being written as \"\" (the csv module's mark of a one-cell row)."""
    return csv_fields_writer()(values)


def csv_fields_writer() -> Callable[[list[Any] | tuple[Any, ...]], str]:
    """csv_fields on one writer, for the many rows of a filing (a writer made per row was half its time)."""
    buffer = io.StringIO()
    write_row = csv.writer(buffer, lineterminator="\r\n").writerow

    def fields(values: list[Any] | tuple[Any, ...]) -> str:
        buffer.seek(0)
        buffer.truncate()
        write_row([*values, None])
        return buffer.getvalue()[:-3]  # without the added cell's comma and the line end
    return fields


# --- XLSX: workbooks joined from each filing's cells ------------------------------------------
#
# Every workbook, a filing's own and a year's, is joined from the cells of its filings' rows. Written
# cell by cell, a year's workbook cost seconds each time any one of its filings changed, and a filing's
# own workbook about 11 ms of its worker (joined: 3.6 ms); so each filing's worker writes its rows once
# as SpreadsheetML (kept in its cache entry for the year's workbook), and a workbook is joined from them:
# XlsxWriter writes it with headers only, and the rows go into each sheet's <sheetData>. So nothing in a
# filing's rows may depend on the other filings: text is inline (t="inlineStr", no workbook-wide table of
# shared strings), a number names the fixed style for its decimal places, and what the other rows decide
# is left open in each row's XML as a %-template key: %(r)s its row number, %(y<year>)s the column of a
# prior year and %(t<n>)s the n-th column after the prior years (a sheet has a column for each year that
# any of its rows has). Each sheet's header is bold and frozen; numbers are numbers, text is always text
# (a filed value such as "=100%" or "0012" is never a formula or a number); the archive's entries carry a
# fixed date and the properties the filing's date (or a year's newest), not the build's: the same content,
# the same bytes.

SheetPieces = dict[str, tuple[list[int], list[bytes]]]  # kind → (prior years its rows have, each row's XML)
MAX_TEXT = 32_767  # UTF-16 units in one cell
MAX_DECIMALS = 30  # the most decimal places an Excel number format shows
MAX_ROWS = 1_048_576
DECIMAL_STYLES = 2  # the style of a number with n decimal places (0: Excel's default, 1: the bold header)
XLSX_DATE = (1980, 1, 1, 0, 0, 0)  # every archive entry's date, as XlsxWriter writes it
# Deflating was two thirds of a filing's workbook and half of a year's (its 170 MB of XML): at level 1, not
# XlsxWriter's 6, it is 2.2–2.8 times faster, for workbooks 12–17 % larger (a year's: 5.5 → 6.4 MB).
XLSX_COMPRESSION = 1
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # not allowed in XML 1.0: written as Excel's _xHHHH_
LIKE_CONTROL = re.compile(r"(_x[0-9a-fA-F]{4}_)")  # text that reads as such an escape: its _ escaped
EDGE_SPACE = re.compile(r"^\s|\s$")  # kept by xml:space="preserve"
SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f&<>%\ufffe\uffff]|_x[0-9a-fA-F]{4}_")  # what inline_text escapes
LEAD_COLUMNS = tuple(xl_col_to_name(n) for n in range(  # the columns before the prior years, of the longest lead
    len(FILING_COLUMNS) + max(len(spec.lead) for spec in TABLE_SPECS.values())))


def sheet_pieces(cut: dict[str, list[RowCells]]) -> SheetPieces:
    years = prior_years(cut)
    texts: TextCells = {}  # one filing's: its rows repeat its own columns, labels, names and units
    return {kind: (years[kind], [row_xml(c, texts) for c in cells]) for kind, cells in cut.items()}


def kept_summary(sheets: SheetPieces) -> dict[str, dict]:
    """What the site-wide tables need of a filing's kept rows before the first row is written: the prior
    years they carry and how many there are of each kind (kept in its manifest, read on every build)."""
    return {"prior_years": {kind: years for kind, (years, _) in sheets.items()},
            "row_counts": {kind: len(rows) for kind, (_, rows) in sheets.items()}}


TextCells = dict[tuple[str, str], str]  # (column, text) → the cell's XML, made once


def row_xml(cells: RowCells, texts: TextCells) -> bytes:
    xml = [cell_xml(column, value, texts) for column, value in zip(LEAD_COLUMNS, cells.lead)]
    xml += [cell_xml(f"%(y{year})s", value, texts) for year, value in sorted(cells.prior.items())]
    xml += [cell_xml(f"%(t{n})s", value, texts) for n, value in enumerate(cells.tail)]
    return f'<row r="%(r)s">{"".join(xml)}</row>'.encode("utf-8")  # never empty: a row names its department


def cell_xml(column: str, value: Value, texts: TextCells) -> str:
    """A cell as XlsxWriter would write it, its text inline; nothing for an empty cell. A text cell is
    looked up in `texts` first (escaping the same text in the same column again made a tenth of the rows' time)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if (xml := texts.get((column, value))) is None:
            xml = texts[column, value] = text_cell_xml(column, value)
        return xml
    if isinstance(value, Decimal):  # shows its filed decimals (20.00, not 20) and stays a number
        return f'<c r="{column}%(r)s" s="{DECIMAL_STYLES + decimal_places(value)}"><v>{value:.16G}</v></c>'
    return f'<c r="{column}%(r)s"><v>{value:.16G}</v></c>'


def text_cell_xml(column: str, value: str) -> str:
    text = inline_text(value)
    space = ' xml:space="preserve"' if EDGE_SPACE.search(text) else ""
    return f'<c r="{column}%(r)s" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def inline_text(value: str) -> str:
    """Text escaped as XlsxWriter escapes a string (characters XML 1.0 does not allow as Excel's _xHHHH_,
    text that reads as such an escape with its _ escaped; &, < and >), and % doubled for the row's template."""
    text = cell_text(value)
    if not SPECIAL.search(text):  # most text: nothing to escape
        return text
    text = CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", LIKE_CONTROL.sub(r"_x005F\1", text))
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%", "%%")


def cell_text(value: str) -> str:
    """Text that fits a cell: longer than a cell holds (in UTF-16 units) is an error, never cut silently."""
    if len(value) > MAX_TEXT // 2 and len(value.encode("utf-16-le")) // 2 > MAX_TEXT:
        raise ValueError(f"单元格文字超过 Excel 上限 {MAX_TEXT} 字：{value[:40]}…")
    return value


def decimal_places(value: Decimal) -> int:
    if not value.is_finite():
        raise ValueError(f"金额不是有限数，无法写入 Excel：{value}")
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if places > MAX_DECIMALS:  # shown with fewer places it would look rounded
        raise ValueError(f"数字的小数位数超过 Excel 上限 {MAX_DECIMALS} 位：{value}")
    return places


def places_format(places: int) -> str:
    return "0." + "0" * places if places else "0"


@dataclass(frozen=True)
class Sheet:
    """A sheet of a joined workbook: its table, the prior years any of its rows has, each row's XML."""

    kind: str
    years: list[int]
    rows: Sequence[bytes] | RenderedRows

    def header(self) -> Table:
        spec = TABLE_SPECS[self.kind]
        return Table(self.kind, spec.title, table_columns(spec, self.years), ())


def joined_sheets(filings: list[SheetPieces]) -> list[Sheet]:
    """A sheet per kind with the rows of `filings` in their order, and a column for each prior year any has."""
    return [Sheet(kind, sorted({year for filing in filings for year in filing[kind][0]}),
                  [row for filing in filings for row in filing[kind][1]]) for kind in TABLE_SPECS]


class RenderedRows:
    """A sheet's rows as XML already numbered and in their columns (`rows_xml`), in parts made or read while the
    sheet is written: a province's year is hundreds of megabytes of XML, never all in memory at once."""

    def __init__(self, count: int, parts: Callable[[], Iterable[bytes]]):
        self.count, self.parts = count, parts

    def __len__(self) -> int:
        return self.count


def write_year_workbook(sheets: list[Sheet], year: int, newest: dt.date, out: Path) -> list[Download]:
    """One year's filings, given as sheets, as one workbook out/data/all-<year>.xlsx with a sheet per kind.
    One workbook per year, not one for the whole site: a changed filing rewrites its year's workbook only."""
    workbook = workbook_bytes(sheets, f"{year}年度{SITE_TITLE}", "Gongkai", newest)
    return [write(out, f"data/all-{year}.xlsx", workbook, f"{year}年度全部表格（XLSX）", XLSX_TYPE)]


def workbook_bytes(sheets: list[Sheet], title: str, creator: str, date: dt.date) -> bytes:
    """The sheets as a workbook with these properties; more rows than a sheet holds is an error, never cut."""
    for sheet in sheets:
        if len(sheet.rows) + 1 > MAX_ROWS:
            raise ValueError(f"工作簿“{title}”的“{TABLE_SPECS[sheet.kind].title}”表有 "
                             f"{len(sheet.rows) + 1} 行，超过 Excel 上限 {MAX_ROWS} 行")
    headers = tuple((table.title, tuple(column.name for column in table.columns))
                    for table in (sheet.header() for sheet in sheets))
    return with_rows(blank_skeleton(headers), sheets,
                     {"docProps/core.xml": core_properties(document_properties(title, creator, date))})


Headers = tuple[tuple[str, tuple[str, ...]], ...]  # each sheet's title and column names


def document_properties(title: str, creator: str, date: dt.date) -> dict[str, Any]:
    return {"title": title, "author": creator, "created": dt.datetime.combine(date, dt.time())}


@lru_cache(maxsize=64)
def blank_skeleton(headers: Headers) -> bytes:
    """The skeleton for these headers, made by XlsxWriter once per process: its document properties are the
    only part that differs from one filing's workbook to the next (core_properties), and making a workbook
    with XlsxWriter for each filing was a sixth of its downloads' time."""
    return skeleton_bytes(headers, None)


def skeleton_bytes(headers: Headers, properties: dict[str, Any] | None) -> bytes:
    """The workbook with the header rows only, bold and frozen, and the styles that the rows' cells name."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    if properties is not None:
        book.set_properties(properties)
    bold = book.add_format({"bold": True})
    # XlsxWriter numbers a format when a cell first uses it; these are numbered now, all of them and in
    # this order, as cell_xml expects (a private call: the tests read every style back).
    styles = [bold] + [book.add_format({"num_format": places_format(n)}) for n in range(MAX_DECIMALS + 1)]
    if [style._get_xf_index() for style in styles] != list(range(1, DECIMAL_STYLES + MAX_DECIMALS + 1)):
        raise RuntimeError("XlsxWriter 的格式编号与预期不符")
    for title, names in headers:
        sheet = book.add_worksheet(title)
        sheet.freeze_panes(1, 0)
        for column, name in enumerate(names):
            sheet.write_string(0, column, name, bold)
    book.close()
    return buffer.getvalue()


def core_properties(properties: dict[str, Any]) -> bytes:
    """docProps/core.xml as XlsxWriter writes it for these properties: by its own part for it (a private
    class; the tests compare the result with a workbook XlsxWriter made whole)."""
    core, text = Core(), io.StringIO()
    core._set_properties(properties)
    core._set_xml_writer(text)
    core._assemble_xml_file()
    return text.getvalue().encode("utf-8")


def with_rows(skeleton: bytes, sheets: list[Sheet], replaced: dict[str, bytes] | None = None) -> bytes:
    """The skeleton's archive with each sheet's rows after its header row and the `replaced` entries' new
    bytes; entries in XlsxWriter's order, with its fixed date; deflated at XLSX_COMPRESSION."""
    source = zipfile.ZipFile(io.BytesIO(skeleton))
    named = {f"xl/worksheets/sheet{number}.xml": sheet for number, sheet in enumerate(sheets, 1)}
    replaced = replaced or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, XLSX_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry._compresslevel = XLSX_COMPRESSION  # what open() deflates an entry at (compress_level from 3.13)
            data = replaced[info.filename] if info.filename in replaced else source.read(info)
            with archive.open(entry, "w") as target:
                for part in filled(data, named[info.filename]) if info.filename in named else [data]:
                    target.write(part)
    return buffer.getvalue()


def filled(xml: bytes, sheet: Sheet) -> Iterator[bytes]:
    """XlsxWriter's header-only sheet with the rows after its header row and its dimension to match, in
    parts: a sheet's tens of megabytes are never all in memory at once."""
    if not sheet.rows:
        yield xml
        return
    header_only = f'<dimension ref="A1:{xl_col_to_name(len(sheet.header().columns) - 1)}1"/>'.encode()
    head, end, tail = xml.partition(b"</sheetData>")
    if not end or header_only not in head:
        raise RuntimeError("XlsxWriter 写出的工作表结构与预期不符")
    yield head.replace(header_only, header_only.replace(b'1"/>', b'%d"/>' % (len(sheet.rows) + 1)), 1)
    yield from row_chunks(sheet)
    yield end + tail


def row_chunks(sheet: Sheet, size: int = 1000) -> Iterator[bytes]:
    """The rows' XML from row 2 on, `size` rows at a time."""
    if isinstance(sheet.rows, RenderedRows):
        yield from sheet.rows.parts()
        return
    rows, first = iter(sheet.rows), 2
    while chunk := list(islice(rows, size)):
        yield rows_xml(sheet.kind, sheet.years, chunk, first)
        first += len(chunk)


def rows_xml(kind: str, years: list[int], rows: Iterable[bytes], first: int) -> bytes:
    """Rows' XML (`row_xml`) numbered from row `first`, with the cells of prior years and after them in their
    columns for a sheet with a column for each of `years`."""
    spec = TABLE_SPECS[kind]
    first_prior = len(FILING_COLUMNS) + len(spec.lead)
    keys = {b"y%d" % year: xl_col_to_name(first_prior + n).encode() for n, year in enumerate(years)}
    keys |= {b"t%d" % n: xl_col_to_name(first_prior + len(years) + n).encode() for n in range(len(spec.tail))}
    parts = []
    for number, row in enumerate(rows, first):
        keys[b"r"] = b"%d" % number
        parts.append(row % keys)
    return b"".join(parts)


# --- JSON and YAML ----------------------------------------------------------------------------

def json_bytes(data: Any) -> bytes:
    """The bytes of json.dumps(data, ensure_ascii=False, indent=2) and a newline, written by pydantic's
    serializer: eight times faster (Python's own C encoder is not used when indenting)."""
    return to_json(data, indent=2) + b"\n"


def filing_json(item: ExportInput) -> dict[str, Any]:
    """The public model in field order, Decimals as exact strings, each indicator with its parsed form."""
    filing = item.filing
    data = filing.model_dump(mode="json")
    add_parsed(data["goals"], filing.goals)
    for entry_data, entry in zip(data["projects"], filing.projects):
        if isinstance(entry, Project):
            add_parsed(entry_data["goals"], entry.goals)
    return {"page": filing_url(filing), "region": list(item.region_names), "filing": data}


def add_parsed(goals_data: list[dict[str, Any]], goals: list[Goal]) -> None:
    for goal_data, goal in zip(goals_data, goals):
        for indicator_data, indicator in zip(goal_data["indicators"], goal.indicators):
            parsed = indicator.parsed
            indicator_data["parsed"] = {
                "comparator": parsed.comparator,
                "number": None if parsed.number is None else str(parsed.number),
                "unit": parsed.unit, "qualitative": parsed.qualitative}


def yaml_download(item: ExportInput, out: Path, path: str) -> Download:
    # Always the public model, never the file as written: YAML comments are not content and may
    # hold internal remarks (about withheld projects, for instance) that no check can see.
    return write(out, path, public_yaml(item.filing), "源文件公开版（YAML）", YAML_TYPE)


PUBLIC_YAML_HEADER = "# 公开版本：不公开的项目、未公开的联系方式和注释已删除，其余内容照填报原样。\n"


def public_yaml(filing: Filing) -> bytes:
    return (PUBLIC_YAML_HEADER + dump_yaml(filing.model_dump(mode="python", exclude_defaults=True))).encode("utf-8")


# --- datapackage.json -------------------------------------------------------------------------

def datapackage(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """A Frictionless Tabular Data Package describing the site-wide CSV files."""
    return {"profile": "tabular-data-package", "name": "gongkai-open-data", "title": SITE_TITLE,
            "resources": resources}


def resource(kind: str, title: str, columns: tuple[Column, ...], data: HashedFile) -> dict[str, Any]:
    fields = [{"name": c.name, "type": c.type} | ({"description": c.description} if c.description else {})
              for c in columns]
    return {"name": kind, "title": title, "path": f"{kind}.csv",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": CSV_TYPE,
            "encoding": "utf-8", "bytes": data.size, "hash": "sha256:" + data.digest.hexdigest(),
            "schema": {"fields": fields}}
