"""`gongkai import` of the files departments actually have that are not plainly one of the formats it reads.

A file is read by what its bytes are, not by what its name says (generator/importing/filekinds.py):

1. Files named for one format and holding another, each read with the reader that fits and the report saying so:
   an ".xls" (or ".doc", ".et") that is a web page, as budget systems and portals export them, in UTF-8 or GBK;
   Word's and WPS's "单个文件网页" (MHT: a MIME message, the page quoted-printable or base64) as .mht or .doc;
   Excel 2003 XML (SpreadsheetML) saved as .xls; an .xls renamed .xlsx and the reverse; WPS's .et and .wps
   that are .xls/.xlsx/.docx inside; a downloaded file without a suffix.
2. Formats no small kept library reads reliably, refused with what the file is and what to save it as:
   Word 97-2003 binaries (.doc, and .wps of that format), RTF, OpenDocument (.odt/.ods), OFD, images.
3. Scans and locked files: a PDF of scanned pages, a Word document holding only a picture (需要文字版: the
   import does no OCR), password-protected .docx/.xlsx (also under another name).
4. Empty (0-byte) files, a file holding only a title, CSV exports of a project table (UTF-8 with a byte-order
   mark, and GBK), text in GBK or UTF-16 (Notepad's and Excel's "Unicode"), and .xlsm.

Every file is built here from a form drawn once (tests/forms) or from a few bytes, and each case asserts the
exact data imported (the same filing as the file in its own format) or the exact message, with nothing written.
"""

from __future__ import annotations

import base64
import csv
import io
import quopri
import shutil
import zipfile
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path

import docx
import msoffcrypto
import openpyxl
import pytest
import xlwt
from PIL import Image

from generator.importing import conversion
from generator.importing.document import ImportFailure, Paragraph, Table, hidden_reason
from generator.importing.importer import ImportResult
from generator.importing.readers import read_document
from generator.importing.spreadsheet import UNSAVED_FORMULA
from tests.forms.imports import import_new
from tests.forms.layout import FormBlock, FormTable, form
from tests.forms.render import SHEET, XmlCell, cell_value, excel_2003_xml, form_html, seed_filings, sheet_grid
from tests.test_import_project_rows import expected_projects, list_form, project_rows_table, without_notes
from tests.test_import_tasks import write

ROOT = Path(__file__).resolve().parents[1]
SEED = next(filing for filing in seed_filings() if filing.department.id == "ezhou-sfj")
BLOCKS = form(SEED, "standard")


def imported(source: Path, department: str = SEED.department.id) -> ImportResult:
    """`gongkai import` of one file into a folder of its own (content/ empty, department given)."""
    folder = source.parent / f"{source.name}.import"
    folder.mkdir()
    return import_new(source, folder, department)


def as_named(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def drawn(tmp_path: Path, suffix: str, blocks: list[FormBlock] = BLOCKS) -> Path:
    """The form in its own format, in a folder of its own."""
    folder = tmp_path / f"own{suffix}"
    folder.mkdir(exist_ok=True)
    return write(blocks, folder / f"form{suffix}")


def renamed(name: str, suffix: str) -> str:
    return f"{name} 的扩展名是“{suffix}”，内容其实是"


def refused(path: Path) -> str:
    """The message `gongkai import` stops with; nothing is written."""
    with pytest.raises(ImportFailure) as failure:
        imported(path)
    assert not (path.parent / f"{path.name}.import" / "out.yml").exists()
    return str(failure.value)


# --- 1. a web page named .xls, .doc or .et --------------------------------------------------------

@pytest.mark.parametrize("suffix", [".xls", ".doc", ".et", ".xlsx"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_web_page_saved_under_an_office_name_reads_as_the_page(tmp_path, suffix, encoding):
    """Budget systems write an HTML table and call it 导出Excel.xls (or a Word .doc), in UTF-8 or in GBK with a
    gb2312 label; it is read as the page it is, and the report says the name said otherwise."""
    page = form_html(BLOCKS).replace("charset=utf-8", "charset=gb2312" if encoding == "gb18030" else "charset=utf-8")
    result = imported(as_named(tmp_path, f"导出{suffix}", page.encode(encoding)))
    assert result.filing == imported(drawn(tmp_path, ".html")).filing
    assert result.remarks == (f"{renamed(f'导出{suffix}', suffix)}网页（HTML）；已照内容读取。",)


WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View>
</w:WordDocument></xml><![endif]--><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:16.0pt'>某县农业农村局2026年部门整体支出绩效目标表<o:p></o:p></span></b></p>
<p class=MsoNormal>单位：万元<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
<tr><td><p class=MsoNormal>部门（单位）名称</p></td><td colspan=3><p class=MsoNormal>某县农业农村局</p></td></tr>
<tr><td><p class=MsoNormal>一级指标</p></td><td><p class=MsoNormal>二级指标</p></td><td><p class=MsoNormal>三级指标</p></td>
<td><p class=MsoNormal>指标值<o:p></o:p></p></td></tr>
<tr><td rowspan=2><p class=MsoNormal>产出指标</p></td><td rowspan=2><p class=MsoNormal>数量指标</p></td>
<td><p class=MsoNormal>高标准农田建设面积</p></td><td><p class=MsoNormal>≥1.2<span lang=EN-US>万亩</span></p></td></tr>
<tr><td><p class=MsoNormal>培训人次</p><p class=MsoNormal>（含线上）</p></td><td><p class=MsoNormal>≥500人次</p></td></tr>
<![if !supportMisalignedColumns]><tr height=0><td width=120 style='border:none'></td></tr><![endif]>
</table></div></body></html>"""
WORD_PAGE_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "高标准农田建设面积", "value": "≥1.2万亩"},
    {"level1": "产出指标", "level2": "数量指标", "name": "培训人次\n（含线上）", "value": "≥500人次"}]


def web_archive(page: str, label: str, codec: str, transfer: str, *more_pages: str) -> bytes:
    """What Word's "单个文件网页" holds: a multipart/related message, the page in one part (Word labels GBK text
    "gb2312"), the pictures and styles in others. Excel writes a page per worksheet (`more_pages`)."""
    archive = MIMEMultipart("related")
    for number, text in enumerate((page, *more_pages)):
        part = MIMENonMultipart("text", "html", charset=label)
        raw = text.encode(codec)
        part.set_payload(quopri.encodestring(raw).decode("ascii") if transfer == "quoted-printable"
                         else base64.encodebytes(raw).decode("ascii"))
        part["Content-Transfer-Encoding"] = transfer
        part["Content-Location"] = f"file:///C:/0D8A3B2E/page{number}.htm"
        archive.attach(part)
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    archive.attach(MIMEImage(picture.getvalue(), "png"))
    return archive.as_bytes()


@pytest.mark.parametrize("label, codec, transfer", [("gb2312", "gb18030", "quoted-printable"),
                                                    ("utf-8", "utf-8", "base64")])
@pytest.mark.parametrize("name", ["绩效目标表.mht", "绩效目标表.mhtml", "绩效目标表.doc"])
def test_word_single_file_web_page_reads_as_its_page(tmp_path, name, label, codec, transfer):
    """Decoded with the email package, the page read as a saved page is; a .doc that is one says so."""
    result = imported(as_named(tmp_path, name, web_archive(WORD_PAGE, label, codec, transfer)), department="nyj")
    assert result.filing["department"]["name"] == "某县农业农村局"
    assert result.filing["title"] == "某县农业农村局2026年部门整体支出绩效目标表"
    assert result.filing["goals"][0]["indicators"] == WORD_PAGE_INDICATORS
    assert result.imported.not_placed == []
    suffix = Path(name).suffix
    assert result.remarks == (() if suffix != ".doc" else (f"{renamed(name, suffix)}单个文件网页（MHT）；已照内容读取。",))


def test_the_seed_form_as_a_web_archive_imports_as_the_page(tmp_path):
    result = imported(as_named(tmp_path, "form.mht", web_archive(form_html(BLOCKS), "gb2312", "gb18030",
                                                                  "quoted-printable")))
    assert result.filing == imported(drawn(tmp_path, ".html")).filing
    assert result.remarks == ()


def test_every_page_of_a_web_archive_is_read_in_order(tmp_path):
    """Excel's 单个文件网页 of a workbook: a frameset page, then one page per worksheet; none is left out."""
    middle = next(n for n, block in enumerate(BLOCKS) if n > len(BLOCKS) // 2 and isinstance(block, FormTable))
    frameset = '<html><head><meta name=ProgId content=Excel.Sheet></head><frameset rows="*,39"><frame src="sheet001.htm">'\
               '</frameset></html>'
    archive = web_archive(frameset, "utf-8", "utf-8", "base64", form_html(BLOCKS[:middle]), form_html(BLOCKS[middle:]))
    result = imported(as_named(tmp_path, "form.mht", archive))
    assert result.filing == imported(drawn(tmp_path, ".html")).filing


def test_web_archive_without_a_page_is_refused(tmp_path):
    archive = MIMEMultipart("related")
    archive.attach(MIMEImage(b"GIF89a" + b"\x00" * 20, "gif"))
    path = as_named(tmp_path, "空.mht", archive.as_bytes())
    assert refused(path) == (f"{path}：单个文件网页（MHT）中没有网页正文，无法读取。"
                             "请用 Word 或浏览器打开，另存为 Word 文档（.docx）或网页（.html）后再导入。")


# --- 1. Excel 2003 XML (SpreadsheetML) saved as .xls ------------------------------------------------

def spreadsheet_xml(blocks: list[FormBlock]) -> str:
    """The form's sheet as Excel 2003 XML, numbers typed (as write_xlsx stores them)."""
    rows, merges = sheet_grid(blocks)
    anchors = {(top, left) for top, left, _, _ in merges}
    return excel_2003_xml(SHEET, [[XmlCell(*cell_value(text)) if text or (r, c) in anchors else None
                                   for c, text in enumerate(row)] for r, row in enumerate(rows)], merges)


def test_excel_2003_xml_named_xls_reads_as_the_workbook(tmp_path):
    """The same cells, merged ranges and number texts as the form saved as .xlsx, so the same filing."""
    path = as_named(tmp_path, "导出.xls", spreadsheet_xml(BLOCKS).encode("utf-8"))
    workbook = drawn(tmp_path, ".xlsx")
    assert read_document(path).blocks == read_document(workbook).blocks
    result = imported(path)
    assert result.filing == imported(workbook).filing
    assert result.remarks == (f"{renamed('导出.xls', '.xls')}Excel 2003 XML 表格（SpreadsheetML）；已照内容读取。",)


HIDDEN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
<Styles><Style ss:ID="pct"><NumberFormat ss:Format="0%"/></Style><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>
<Worksheet ss:Name="表一"><Table>
<Column ss:Index="3" ss:Hidden="1" ss:Span="1"/>
<Row><Cell ss:MergeDown="1"><Data ss:Type="String">产出<html:B>指标</html:B></Data></Cell><Cell ss:StyleID="pct"><Data ss:Type="Number">0.96</Data></Cell>
<Cell ss:Formula="=RC[-1]*2"/><Cell ss:Index="5" ss:StyleID="d"><Data ss:Type="DateTime">2023-12-30T00:00:00.000</Data></Cell></Row>
<Row ss:Hidden="1"><Cell ss:Index="2"><Data ss:Type="Number">2306.26</Data></Cell><Cell ss:Formula="=1+1"><Data ss:Type="Number">2</Data></Cell></Row>
</Table></Worksheet>
<Worksheet ss:Name="草稿"><Table><Row><Cell><Data ss:Type="String">内部测算</Data></Cell></Row></Table>
<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>"""


def test_excel_2003_xml_merges_numbers_formulas_and_what_it_hides(tmp_path):
    """As in an .xlsx: a formula is its saved value (one saved without a value is reported), hidden sheets,
    rows and columns are listed and not read, all reported, a rich-text cell is its text."""
    document = read_document(as_named(tmp_path, "表.xls", HIDDEN_XML.encode("utf-8")))
    table, *hidden = document.blocks
    assert isinstance(table, Table) and table.location == "表一!A1:E1"
    assert [[(cell.text, cell.merged_from) for cell in row] for row in table.rows] == [
        [("产出指标", None), ("96%", None), ("", None), ("", None), ("2023-12-30", None)]]
    row = hidden_reason("Excel 中设为隐藏的行", "Excel", "整行没有读入")
    assert hidden == [Paragraph("2306.26", "表一!B2", row), Paragraph("2", "表一!C2", row),
                      Paragraph("=RC[-1]*2", "表一!C1", UNSAVED_FORMULA),
                      Paragraph("内部测算", "草稿!A1", hidden_reason("Excel 中隐藏的工作表", "Excel"))]
    assert document.remarks == (
        f"{renamed('表.xls', '.xls')}Excel 2003 XML 表格（SpreadsheetML）；已照内容读取。",
        "工作表“表一”第 2 行是隐藏的；这些行没有读入，其中的内容列在“未放入”中。",
        "工作表“表一”C–D 列是隐藏的；这些列没有读入，其中的内容列在“未放入”中。",
        "工作表“草稿”是隐藏的；其中的内容没有读入，逐格列在“未放入”中，请核对是否应当公开。",
        "表一!C1 1 格是文件中没有保存计算结果的公式；未计算，按空格读入，逐格列在“未放入”中。"
        "请在 Excel 中打开、重新计算并保存后再导入。")


# --- 1. workbooks and documents under each other's names --------------------------------------------

@pytest.mark.parametrize("own, name", [
    (".xls", "表.xlsx"), (".xlsx", "表.xls"),  # renamed by hand
    (".xls", "表.et"), (".xlsx", "表.et"),  # WPS 表格 saves .et as either
    (".docx", "文档.doc"), (".docx", "文档.wps"),  # WPS 文字 and renamed files
    (".xlsx", "表.xlsm"),
])
def test_office_file_under_another_office_name_reads_by_its_bytes(tmp_path, own, name):
    source = drawn(tmp_path, own)
    path = as_named(tmp_path, name, source.read_bytes())
    result = imported(path)
    assert result.filing == imported(source).filing
    what = {".xls": "Excel 97-2003 工作簿（.xls）", ".xlsx": "Excel 工作簿（.xlsx）", ".docx": "Word 文档（.docx）"}[own]
    suffix = Path(name).suffix
    assert result.remarks == (() if suffix == ".xlsm" else (f"{renamed(name, suffix)}{what}；已照内容读取。",))


def test_downloaded_file_without_a_suffix_reads_by_its_bytes(tmp_path):
    """A portal's download link (getFile.do?id=…) saved without a suffix."""
    path = as_named(tmp_path, "download", drawn(tmp_path, ".xlsx").read_bytes())
    assert imported(path).remarks == ("download 没有扩展名，内容其实是Excel 工作簿（.xlsx）；已照内容读取。",)


# --- 2. formats the import does not read: refused with what to save them as ---------------------------

def word_97(tmp_path: Path) -> bytes:
    """An OLE2 compound file holding a "WordDocument" stream, the stream every Word 97-2003 (and WPS .wps) file
    has and no other has: xlwt's container with its one stream renamed."""
    workbook = xlwt.Workbook()
    workbook.add_sheet("Sheet1")
    workbook.save(str(tmp_path / "container.xls"))
    data = bytearray((tmp_path / "container.xls").read_bytes())
    entry = data.index("Workbook".encode("utf-16-le"))
    name = "WordDocument".encode("utf-16-le") + b"\x00\x00"
    data[entry:entry + 64] = name.ljust(64, b"\x00")
    data[entry + 64:entry + 66] = len(name).to_bytes(2, "little")
    return bytes(data)


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


SAVE_DOCX = "请用 Word 或 WPS 打开，“另存为”Word 文档（.docx）后再导入。"
OCR = ("导入不做文字识别（OCR），读不出图片中的表格和文字。请用原表的 Excel、Word 文件或带文字的 PDF（需要文字版）导入；"
       "只有扫描件或照片时，请先用文字识别软件转成 Word 或 Excel，逐格核对后再导入。")
LIBREOFFICE = "也可以安装 LibreOffice 后再导入（导入用它转换这种格式）。"
WORD_97 = "文件内容是Word 97-2003 文档（旧格式 .doc，WPS 文字的 .wps 也是这种格式）"


def picture(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("name, make, message", [
    ("绩效目标表.doc", word_97, f"{WORD_97}。导入只能读取 Word 文档（.docx），不能读取这种旧格式。{SAVE_DOCX}{LIBREOFFICE}"),
    ("绩效目标表.wps", word_97, f"{WORD_97}。导入只能读取 Word 文档（.docx），不能读取这种旧格式。{SAVE_DOCX}{LIBREOFFICE}"),
    ("绩效目标表.xls", word_97, f"{WORD_97}（扩展名是“.xls”）。导入只能读取 Word 文档（.docx），不能读取这种旧格式。{SAVE_DOCX}{LIBREOFFICE}"),
    ("绩效目标表.doc", lambda _: b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 SimSun;}} \\f0 abc\\par}",
     f"文件内容是RTF 文档。导入只能读取 Word 文档（.docx）。{SAVE_DOCX}{LIBREOFFICE}"),
    ("绩效目标表.xml", lambda _: b'<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
                            b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>',
     f"文件内容是Word 2003 XML 文档。导入只能读取 Word 文档（.docx）。{SAVE_DOCX}"),
    ("绩效目标表.odt", lambda _: package({"mimetype": b"application/vnd.oasis.opendocument.text",
                                          "content.xml": b"<office:document-content/>"}),
     "文件内容是OpenDocument 文本（.odt）。导入不能读取这种格式。请用 WPS 或 LibreOffice 打开，“另存为”Word 文档（.docx）后再导入。" + LIBREOFFICE),
    ("绩效目标表.ods", lambda _: package({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                          "content.xml": b"<office:document-content/>"}),
     "文件内容是OpenDocument 表格（.ods）。导入不能读取这种格式。请用 WPS 或 LibreOffice 打开，“另存为”Excel 工作簿（.xlsx）后再导入。" + LIBREOFFICE),
    ("绩效目标表.ofd", lambda _: package({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"}),
     "文件内容是OFD 版式文件（.ofd）。导入不能读取 OFD。请改用原来的 Word、Excel 文件；只有 OFD 时，请用 OFD 阅读器"
     "（如数科 OFD 阅读器）导出为 PDF，确认 PDF 中的文字可以选中复制后再导入。"),
    ("扫描件.jpg", lambda _: picture("JPEG"), f"文件内容是图片（JPEG）。{OCR}"),
    ("扫描件.png", lambda _: picture("PNG"), f"文件内容是图片（PNG）。{OCR}"),
    ("照片.xlsx", lambda _: picture("JPEG"), f"文件内容是图片（JPEG）（扩展名是“.xlsx”）。{OCR}"),
    ("扫描件.tif", lambda _: picture("TIFF"), f"文件内容是图片（TIFF）。{OCR}"),
])
def test_unreadable_format_is_refused_with_what_to_save_it_as(tmp_path, monkeypatch, name, make, message):
    """Where LibreOffice is not installed (with it, .doc, RTF and OpenDocument are converted: see
    tests/test_import_legacy_office.py)."""
    monkeypatch.setattr(conversion, "office_program", lambda: None)
    path = as_named(tmp_path, name, make(tmp_path))
    assert refused(path) == f"{path}：{message}"


def test_text_under_a_name_the_import_does_not_know_is_still_refused_by_its_name(tmp_path):
    path = as_named(tmp_path, "表.numbers", "序号,项目名称\n".encode())
    assert refused(path) == (f"{path}：不支持的文件类型“.numbers”。可导入的类型：.csv、.docx、.htm、.html、.mht、.mhtml、"
                             ".pdf、.txt、.xls、.xlsm、.xlsx。其他格式请先另存为 .xlsx 或 .docx。")


def test_unknown_bytes_under_a_name_read_only_by_its_bytes(tmp_path):
    path = as_named(tmp_path, "表.et", b"\x01\x02\x03WPS-ET\x00\x00" * 8)
    assert refused(path) == (f"{path}：认不出文件的内容（不是 Excel、Word、PDF、网页或文字文件），文件可能已损坏。"
                             "请用原来的程序打开它，另存为 .xlsx 或 .docx 后再导入。")


# --- 3. scans and locked files ------------------------------------------------------------------------

def test_scanned_pdf_needs_a_text_version(tmp_path):
    path = tmp_path / "扫描件.pdf"
    Image.new("RGB", (1240, 1754), "white").save(path)
    assert refused(path) == (f"{path}：PDF 中没有文字层（可能是扫描件或图片），无法读取表格和文字。"
                             "请先用文字识别（OCR）软件把它转成带文字的 PDF 或 Word 文档，再导入。")


def test_word_document_holding_only_a_scan_is_refused(tmp_path):
    document = docx.Document()
    document.add_picture(io.BytesIO(picture("PNG")))
    path = tmp_path / "扫描件.docx"
    document.save(path)
    assert refused(path) == f"{path}：Word 文档中没有文字，只有 1 张图片（可能是扫描件或截图）。{OCR}"


def test_pictures_beside_the_text_of_a_word_document_are_reported(tmp_path):
    document = docx.Document(drawn(tmp_path, ".docx"))
    document.add_picture(io.BytesIO(picture("PNG")))
    path = tmp_path / "带图片.docx"
    document.save(path)
    result = imported(path)
    assert result.filing == imported(drawn(tmp_path, ".docx")).filing
    assert result.remarks == ("文档中有 1 张图片，图片中的文字和表格没有读取（导入不做文字识别）；"
                              "如果图片是原表的一部分，请改用文字版的原表，或手工录入。",)


def encrypted(source: Path, target: Path) -> Path:
    with source.open("rb") as plain, target.open("wb") as locked:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("123456", locked)
    return target


@pytest.mark.parametrize("own, name, application", [
    (".docx", "加密.docx", "Word"), (".docx", "加密.doc", "Word"), (".xlsx", "加密.xls", "Excel"),
    (".xlsx", "加密.et", "Excel"), (".xlsx", "加密.xlsx", "Excel"),
])
def test_password_protected_file_under_any_office_name(tmp_path, own, name, application):
    """An encrypted .xlsx/.docx is an OLE2 container, like an .xls or .doc: its password is what it says."""
    path = encrypted(drawn(tmp_path, own), tmp_path / name)
    assert refused(path) == (f"{path}：文件设有打开密码（已加密），无法读取。请用 {application} 输入密码打开，"
                             "在“文件 → 信息 → 保护”中删除密码并保存，再导入。")


# --- 4. empty files, a title alone, CSV, text in GBK or UTF-16, .xlsm -------------------------------------

@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".docx", ".pdf", ".txt", ".html", ".csv", ".doc", ".mht"])
def test_empty_file_is_refused(tmp_path, suffix):
    path = as_named(tmp_path, f"原表{suffix}", b"")
    assert refused(path) == (f"{path}：文件是空的（0 字节），没有可导入的内容。请重新下载或导出原表，"
                             "确认能用 Excel、Word 或阅读器打开并看到表格后再导入。")


def title_only(tmp_path: Path, suffix: str) -> Path:
    title = "某县司法局2026年度部门整体绩效目标表"
    if suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        workbook.active["A1"] = title
        workbook.save(tmp_path / "标题.xlsx")
        return tmp_path / "标题.xlsx"
    return as_named(tmp_path, f"标题{suffix}", f"{title}\n".encode("gb18030" if suffix == ".txt" else "utf-8"))


@pytest.mark.parametrize("suffix", [".xlsx", ".txt", ".csv"])
def test_file_holding_only_a_title(tmp_path, suffix):
    path = title_only(tmp_path, suffix)
    assert refused(path) == (f"{path}：没有找到绩效目标表（表头含“一级指标”“二级指标”“三级指标”“指标值”的表）、"
                             "资金表或项目表，未写入任何文件。请确认文件是部门或项目的绩效目标表。")


def filled(table: FormTable) -> list[list[str]]:
    """The grid a budget system exports as CSV: no merged cells, every row carrying its project and labels."""
    grid = table.grid()
    for top, left, bottom, right in table.merges:
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                grid[r][c] = grid[top][left]
    return grid


def exported(delimiter: str, table: FormTable) -> str:
    """The title line, then the table, as csv.writer writes them (the title padded to the table's width)."""
    grid = filled(table)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([list_form(table)[0].text] + [""] * (len(grid[0]) - 1))
    writer.writerows(grid)
    return buffer.getvalue()


@pytest.mark.parametrize("name, delimiter, encoding, remark", [
    ("项目列表.csv", ",", "utf-8-sig", None),
    ("项目列表.csv", ",", "gb18030", None),
    ("项目列表.xls", ",", "gb18030", "以逗号分隔单元格的文字（CSV）"),  # a budget system's "Excel" export
    ("项目列表.xls", "\t", "gb18030", "以 Tab 分隔单元格的文字"),
])
def test_csv_export_of_a_project_table(tmp_path, name, delimiter, encoding, remark):
    """Read as Excel shows the file: the cells as written, one project per 项目名称 with its indicators."""
    path = as_named(tmp_path, name, exported(delimiter, project_rows_table(merged=False)).encode(encoding))
    result = imported(path, department="jyj")
    filing = result.filing
    assert filing["department"] == {"id": "jyj", "name": "某市教育局", "region": "ezhou"}
    assert (filing["title"], filing["money_unit"]) == ("2026年项目支出绩效目标表", "万元")
    assert without_notes(filing["projects"]) == expected_projects()
    assert result.imported.not_placed == [] and result.check.errors == []
    assert result.remarks == (() if remark is None else (f"{renamed(name, '.xls')}{remark}；已照内容读取。",))


def test_csv_cells_are_located_as_excel_shows_the_file(tmp_path):
    path = as_named(tmp_path, "项目列表.csv", exported(",", project_rows_table(merged=False)).encode("utf-8-sig"))
    document = read_document(path)
    assert [block.location for block in document.blocks] == ["项目列表!A1", "项目列表!A2:H10"]
    first_project = document.blocks[1].rows[2][0]
    assert (first_project.text, first_project.location) == ("学生资助经费", "项目列表!A4")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16"])
def test_copied_text_in_gbk_or_utf16_reads_as_in_utf8(tmp_path, encoding):
    """Chinese Windows saves text as GBK (ANSI); Notepad's and Excel's "Unicode" is UTF-16 with a byte-order mark."""
    text = (ROOT / "content" / "sources" / "001_ebde392d2f7b9b87.txt").read_text(encoding="utf-8")
    utf8 = as_named(tmp_path, "utf8.txt", text.encode("utf-8"))
    other = as_named(tmp_path, f"{encoding}.txt", text.encode(encoding))
    want, got = imported(utf8, "guangshui-sfj"), imported(other, "guangshui-sfj")
    assert got.filing == want.filing and got.remarks == want.remarks


def test_xlsm_reads_as_its_workbook(tmp_path):
    source = drawn(tmp_path, ".xlsx")
    path = tmp_path / "宏.xlsm"
    shutil.copy(source, path)
    result = imported(path)
    assert result.filing == imported(source).filing and result.remarks == ()
