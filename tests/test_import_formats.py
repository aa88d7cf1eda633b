"""The format readers of `gongkai import`: each file format read back into exactly the grid that was written.

The seed filings are rendered as forms (tests/forms) in every format; reading a rendered file must
give the same cells, merged ranges and paragraphs, in order. Handmade workbooks cover what a
form may hide (hidden sheets and rows, formulas without a saved value, macros), and each bad
input has its exact message.
"""

from __future__ import annotations

import datetime as dt
import functools
import zipfile
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
import xlwt

from generator.importing import readers
from generator.importing.document import ImportFailure, Paragraph, SourceDocument, Table, hidden_reason
from generator.importing.readers import read_document
from generator.importing.spreadsheet import UNSAVED_FORMULA, number_text
from tests.forms.layout import VARIANTS, FormText, Merge, form
from tests.forms.agreement import SHIFTED, agreement, assembled, differences, expected_flat, imported, recorded
from tests.forms.render import render_all, seed_filings
from tests.import_agreement import flatten

SEEDS = {filing.department.id: filing for filing in seed_filings()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """Every seed in every variant as .xlsx/.xls/.docx; PDFs of the standard form only (printing is slow)."""
    out = tmp_path_factory.mktemp("forms")
    render_all(out, VARIANTS, ("xlsx", "xls", "docx"))
    render_all(out, ("standard",), ("pdf",))
    return out


@pytest.fixture(scope="module")
def read(rendered):
    """Each rendered file read once for the module (reading a PDF takes seconds)."""
    return functools.cache(lambda seed, variant, suffix: read_document(rendered / seed / f"{variant}.{suffix}"))


# --- what a reader gives, as plain data ----------------------------------------------------------

def grid_of(table: Table) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    """Texts by row, and each covered position → the position of its merged range's top-left cell."""
    at = {cell.location: (r, c) for r, row in enumerate(table.rows) for c, cell in enumerate(row)}
    texts = [[cell.text for cell in row] for row in table.rows]
    covered = {at[cell.location]: at[cell.merged_from] for row in table.rows for cell in row if cell.merged_from}
    return texts, covered


def covered_by(merges: list[Merge]) -> dict[tuple[int, int], tuple[int, int]]:
    return {(r, c): (top, left) for top, left, bottom, right in merges
            for r in range(top, bottom + 1) for c in range(left, right + 1) if (r, c) != (top, left)}


def without_breaks(value):
    """Texts, grids or flattened filings with the line breaks inside texts taken out."""
    if isinstance(value, str):
        return value.replace("\n", "")
    if isinstance(value, dict):
        return {key: without_breaks(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(without_breaks(item) for item in value)
    return value


def blocks_of(document: SourceDocument) -> list:
    return [block.text if isinstance(block, Paragraph) else grid_of(block) for block in document.blocks]


def written_blocks(blocks: list) -> list:
    return [b.text if isinstance(b, FormText) else (b.grid(), covered_by(b.merges)) for b in blocks]


# --- every rendered form reads back exactly ---------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_workbook_reads_back_title_lines_and_tables_of_the_sheet(read, seed, variant, suffix):
    """The whole form is on one sheet (tests/forms/render.py: a title line spans the sheet, an empty
    row follows each table); it reads back as the lines and tables that were written."""
    document = read(seed, variant, suffix)
    assert blocks_of(document) == written_blocks(form(SEEDS[seed], variant))
    assert document.remarks == ()


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_word_document_reads_back_paragraphs_and_tables_in_order(read, seed, variant):
    document = read(seed, variant, "docx")
    assert blocks_of(document) == written_blocks(form(SEEDS[seed], variant))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_pdf_reads_back_lines_and_tables_across_pages(read, seed):
    """Wrapped lines are joined and the tables that run over several pages (the 鄂州 indicator table
    has 193 rows) come back whole. Texts compare without line breaks: a paragraph whose last line
    fills its cell is read as going on into the next paragraph (see pdffile._wrapped)."""
    document = read(seed, "standard", "pdf")
    assert without_breaks(blocks_of(document)) == without_breaks(written_blocks(form(SEEDS[seed], "standard")))
    assert len(document.remarks) == 1 and document.remarks[0].startswith("PDF 的文字层把部分汉字或标点记作")


def test_locations_name_sheet_cell_table_row_column_and_page(read):
    workbook = read("ezhou-sfj", "standard", "xlsx").blocks
    assert [block.location for block in workbook[:4]] == ["绩效目标表!A1", "绩效目标表!A2", "绩效目标表!A3:B4",
                                                          "绩效目标表!A6:F15"]
    assert workbook[3].rows[8][2].location == "绩效目标表!C14"
    word = [b for b in read("ezhou-sfj", "standard", "docx").blocks if isinstance(b, Table)]
    assert word[3].rows[4][1].location == "表4 第5行第2列"
    assert read("ezhou-sfj", "standard", "docx").blocks[1].location == "第2段"
    pdf = read("ezhou-sfj", "standard", "pdf")
    assert pdf.blocks[0].location == "第1页 第1行"
    assert pdf.blocks[3].rows[2][1].location == "第1页 表2 第3行第2列"


def test_merged_cells_keep_their_text_in_the_top_left_cell_only(read):
    funds = read("guangshui-sfj", "standard", "docx").blocks[3]
    label = funds.rows[2][0]
    assert (label.text, label.merged_from) == ("收入构成", None)
    assert [(row[0].text, row[0].merged_from) for row in funds.rows[3:6]] == [("", label.location)] * 3


# --- end to end: the importer reads every format of a form alike ------------------------------------

@pytest.mark.parametrize("suffix, variant", [(s, v) for s in ("xlsx", "xls") for v in VARIANTS] + [("pdf", "standard")])
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_format_of_a_form_imports_alike(read, seed, suffix, variant):
    """Recognition gives the same filing from the workbook, the old workbook and the PDF as from the
    Word document of the same form (notes aside: they name the format's own locations; a PDF may join
    two paragraphs of a cell, see test_pdf_reads_back_lines_and_tables_across_pages)."""
    got, want = assembled(read(seed, variant, suffix)), assembled(read(seed, variant, "docx"))
    if suffix == "pdf":
        got, want = without_breaks(got), without_breaks(want)
    assert got == want


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_column_order_does_not_change_the_import(read, seed):
    assert assembled(read(seed, "reordered", "docx")) == assembled(read(seed, "standard", "docx"))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_indicator_table_without_basis_column_imports(read, seed):
    """The 5-column table (no 指标值确定依据) imports as the full form less its basis values."""
    standard = assembled(read(seed, "standard", "docx"))
    assert assembled(read(seed, "without-basis", "docx")) == {
        key: value for key, value in standard.items() if not key.endswith(".basis")}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_shifted_merged_label_reads_as_recorded(read, seed):
    """A merged 二级 label one row below its first indicator (as in the 鄂州 export): how the importer
    reads it, recorded in tests/fixtures/import/forms (python -m tests.forms.agreement --write)."""
    got = differences(assembled(read(seed, "standard", "docx")), assembled(read(seed, "shifted-label", "docx")),
                      "shifted-label", SHIFTED)
    assert got == recorded(seed, "shifted-label")


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_imported_form_agrees_with_the_seed_as_recorded(rendered, seed):
    """`gongkai import` of the rendered form against the hand-made filing it was rendered from;
    the remaining differences are recorded and reported (python -m tests.forms.agreement)."""
    filing = SEEDS[seed]
    got = flatten(imported(rendered / seed / "standard.docx", filing))
    print(f"{seed}: {agreement(expected_flat(filing), got):.1f}%")
    assert differences(expected_flat(filing), got, "standard") == recorded(seed, "standard")


# --- numbers as Excel shows them ---------------------------------------------------------------

@pytest.mark.parametrize("value, number_format, text", [
    (2306.26, "General", "2306.26"),  # the binary float keeps the filed digits
    (96, "General", "96"),
    (96.0, "General", "96"),  # .xls stores every number as a float
    (0.96, "0%", "96%"),
    (0.607, "0.00%", "60.70%"),
    (77000.0, "0.00", "77000.00"),
    (1415.43, "#,##0.00", "1415.43"),  # no thousands separator: the content format writes none
    (0.1 + 0.2, "General", "0.3"),  # Excel's 15 significant digits
])
def test_number_shows_the_filed_digits_in_the_cell_format(value, number_format, text):
    remarks: list[str] = []
    assert number_text(value, number_format, "Sheet1!C3", remarks) == text
    assert remarks == []


def test_number_is_never_rounded_to_the_decimals_its_format_shows():
    remarks: list[str] = []
    assert number_text(2306.256, "0.00", "Sheet1!C3", remarks) == "2306.256"
    assert remarks == ["Sheet1!C3 的数字 2306.256 在 Excel 中按格式“0.00”只显示 2 位小数；已照存储的数字读入，未四舍五入。"]


def test_dates_read_as_iso_dates(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = dt.datetime(2023, 12, 30)
    workbook.save(tmp_path / "date.xlsx")
    assert read_document(tmp_path / "date.xlsx").blocks == (Paragraph("2023-12-30", "Sheet!A1"),)


# --- what a workbook may hide: hidden sheets, rows and columns listed, not read; all reported ------------------------

HIDDEN_ROW = hidden_reason("Excel 中设为隐藏的行", "Excel", "整行没有读入")


def test_hidden_sheets_rows_and_columns_are_listed_not_read(tmp_path):
    """What Excel neither shows nor prints is not read, as in Word (a hidden row may hold a withheld project): each
    filled cell is a paragraph listed with the reason. Before, hidden sheets and rows were read and published (and
    hidden columns until tests/test_import_county_workbooks.py)."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "表一"
    workbook.active.append(["一级指标", "指标值"])
    for row in (3, 4, 5, 8):
        workbook.active.row_dimensions[row].hidden = True
        workbook.active.cell(row, 1, f"第{row}行")
    workbook.active.column_dimensions["B"].hidden = True
    secret = workbook.create_sheet("备用")
    secret["A1"] = "内部测算"
    secret.sheet_state = "hidden"
    workbook.save(tmp_path / "hidden.xlsx")
    document = read_document(tmp_path / "hidden.xlsx")
    assert [b for b in document.blocks if isinstance(b, Table)] == []  # "指标值" in the hidden column B is not read
    assert [b for b in document.blocks if isinstance(b, Paragraph)] == [
        Paragraph("一级指标", "表一!A1"),
        Paragraph("指标值", "表一!B1", hidden_reason("Excel 中设为隐藏的列", "Excel", "整列没有读入")),
        *(Paragraph(f"第{row}行", f"表一!A{row}", HIDDEN_ROW) for row in (3, 4, 5, 8)),
        Paragraph("内部测算", "备用!A1", hidden_reason("Excel 中隐藏的工作表", "Excel"))]
    assert document.remarks == (
        "工作表“表一”第 3–5、8 行是隐藏的；这些行没有读入，其中的内容列在“未放入”中。",
        "工作表“表一”B 列是隐藏的；这些列没有读入，其中的内容列在“未放入”中。",
        "工作表“备用”是隐藏的；其中的内容没有读入，逐格列在“未放入”中，请核对是否应当公开。",
    )


def test_a_hidden_row_inside_a_table_leaves_the_rows_around_it_one_table(tmp_path):
    """The rows around a hidden row are one table, as Excel shows them; a label merged down from the hidden row over
    shown rows is shown there, so that row is read."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["一级指标", "三级指标", "指标值"], ["产出指标", "养护里程", "≥1200公里"], ["", "涉密项目指标", "5处"],
                ["", "检测桥梁", "87座"], ["效益指标", "通行时间", "缩短"], ["", "满意度", "≥90%"]):
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("A5:A6")
    sheet.row_dimensions[3].hidden = True  # inside a merge: left out
    sheet.row_dimensions[5].hidden = True  # the first row of a merge reaching row 6: shown there, read
    workbook.save(tmp_path / "rows.xlsx")
    table, *hidden = read_document(tmp_path / "rows.xlsx").blocks
    assert grid_of(table)[0] == [["一级指标", "三级指标", "指标值"], ["产出指标", "养护里程", "≥1200公里"],
                                 ["", "检测桥梁", "87座"], ["效益指标", "通行时间", "缩短"], ["", "满意度", "≥90%"]]
    assert hidden == [Paragraph("涉密项目指标", "Sheet!B3", HIDDEN_ROW), Paragraph("5处", "Sheet!C3", HIDDEN_ROW)]


def test_formula_is_read_as_its_saved_value_and_reported_when_none_was_saved(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["财政拨款", 1415.43, 13.04])
    workbook.active.append(["合计", "=B1+C1", 13.04])
    workbook.save(tmp_path / "formula.xlsx")  # openpyxl saves formulas without computing them
    document = read_document(tmp_path / "formula.xlsx")
    assert grid_of(document.blocks[0])[0] == [["财政拨款", "1415.43", "13.04"], ["合计", "", "13.04"]]
    assert document.blocks[1:] == (Paragraph("=B1+C1", "Sheet!B2", UNSAVED_FORMULA),)
    assert document.remarks == ("Sheet!B2 1 格是文件中没有保存计算结果的公式；未计算，按空格读入，逐格列在“未放入”中。"
                                "请在 Excel 中打开、重新计算并保存后再导入。",)


def test_formula_with_a_saved_value_reads_that_value(tmp_path):
    path = tmp_path / "cached.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["=1+1"])
    workbook.save(path)
    _save_cached_value(path, "2")
    document = read_document(path)
    assert document.blocks == (Paragraph("2", "Sheet!A1"),)
    assert document.remarks == ()


def _save_cached_value(path: Path, value: str) -> None:
    """What Excel does on saving: write the computed value beside the formula (<v> after <f>)."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("<f>1+1</f><v></v>", f"<f>1+1</f><v>{value}</v>").replace(
        "<f>1+1</f><v/>", f"<f>1+1</f><v>{value}</v>").encode()
    assert f"<v>{value}</v>" in parts["xl/worksheets/sheet1.xml"].decode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_macros_are_reported_and_never_run(tmp_path):
    path = tmp_path / "macro.xlsm"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "项目名称"
    workbook.save(path)
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 Sub Auto_Open() Shell(\"calc\") End Sub")
    document = read_document(path)
    assert document.blocks == (Paragraph("项目名称", "Sheet!A1"),)
    assert document.remarks == ("macro.xlsm 含宏（VBA 工程）；宏未运行，只读取了单元格中保存的内容。",)


def test_xls_hidden_sheet_and_merged_cells(tmp_path):
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("项目")
    sheet.write_merge(0, 2, 0, 0, "产出指标")
    sheet.write(0, 1, 0.96, xlwt.easyxf(num_format_str="0%"))
    workbook.add_sheet("草稿").visibility = 1
    workbook.get_sheet(1).write(0, 0, "草稿内容")
    workbook.save(str(tmp_path / "old.xls"))
    document = read_document(tmp_path / "old.xls")
    rows = document.blocks[0].rows
    assert [(row[0].text, row[0].merged_from) for row in rows] == [
        ("产出指标", None), ("", "项目!A1"), ("", "项目!A1")]
    assert rows[0][1].text == "96%"
    assert document.remarks == ("工作表“草稿”是隐藏的；其中的内容没有读入，逐格列在“未放入”中，请核对是否应当公开。",)
    assert document.blocks[1:] == (Paragraph("草稿内容", "草稿!A1", hidden_reason("Excel 中隐藏的工作表", "Excel")),)


# --- bad input: a clear message, nothing read ---------------------------------------------------

def failure_of(path: Path) -> str:
    with pytest.raises(ImportFailure) as failure:
        read_document(path)
    return str(failure.value)


def test_password_protected_workbook(tmp_path):
    plain, locked = tmp_path / "plain.xlsx", tmp_path / "locked.xlsx"
    openpyxl.Workbook().save(plain)
    with plain.open("rb") as source, locked.open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("123456", target)
    assert failure_of(locked) == (f"{locked}：文件设有打开密码（已加密），无法读取。请用 Excel 输入密码打开，"
                                  "在“文件 → 信息 → 保护”中删除密码并保存，再导入。")


@pytest.mark.parametrize("name, kind, advice", [
    ("broken.xlsx", "Excel 工作簿", "请用 Excel 打开该文件，另存为 .xlsx 后再导入。"),
    ("broken.xls", "Excel 97-2003 工作簿", "请用 Excel 打开该文件，另存为 .xlsx 后再导入。"),
    ("broken.docx", "Word 文档", "请用 Word 打开该文件，另存为 .docx 后再导入。"),
    ("broken.pdf", "PDF 文件", "请用 PDF 阅读器打开该文件，另存为 .pdf 后再导入。"),
])
def test_corrupt_file(tmp_path, name, kind, advice):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04" + b"\x00damaged" * 40)
    assert failure_of(path) == f"{path}：无法作为 {kind}读取，文件可能已损坏，或内容不是 {kind}。{advice}"


def test_scanned_pdf_needs_ocr_first(tmp_path):
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).rectangle((100, 100, 1100, 400), outline="black", width=4)
    path = tmp_path / "scan.pdf"
    page.save(path)
    assert failure_of(path) == (f"{path}：PDF 中没有文字层（可能是扫描件或图片），无法读取表格和文字。"
                                  "请先用文字识别（OCR）软件把它转成带文字的 PDF 或 Word 文档，再导入。")


def test_password_protected_pdf(rendered, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(rendered / "guangshui-sfj" / "standard.pdf"))
    writer.encrypt("123456", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as target:
        writer.write(target)
    assert failure_of(path) == (f"{path}：PDF 设有打开密码（已加密），无法读取。请用 PDF 阅读器输入密码打开，"
                                  "另存（或打印）为不加密的 PDF 后再导入。")


def test_unsupported_extension(tmp_path):
    path = tmp_path / "form.numbers"
    path.write_bytes(b"")
    assert failure_of(path) == (f"{path}：不支持的文件类型“.numbers”。可导入的类型：.csv、.docx、.htm、.html、.mht、"
                                  ".mhtml、.pdf、.txt、.xls、.xlsm、.xlsx。其他格式请先另存为 .xlsx 或 .docx。")


def test_file_over_the_size_limit_is_refused_before_it_is_opened(tmp_path):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as stream:
        stream.truncate(readers.MAX_BYTES + 1)  # sparse: no disk is written
    assert failure_of(path) == (f"{path}：文件有 20.0 MB，超过导入上限 20 MB。"
                                  "请只保留绩效目标表所在的工作表或页面后再导入。")
