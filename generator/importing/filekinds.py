"""What a file is, by its bytes: departments' files are often not what their names say.

Budget systems and portals export "Excel" files that are web pages (an HTML table saved as .xls) or Excel 2003
XML; Word saves "单个文件网页" (MHT) and HTML that end up named .doc; WPS saves .et workbooks that are .xls or
.xlsx inside; a file renamed by hand may be an .xls called .xlsx. Reading by the name would refuse all of
them as damaged. `kind_of` looks at the bytes instead (signatures, the parts of a zip package, the streams of
an OLE2 container, the first tag of a markup file), and the import reads each file with the reader that fits.

A kind with a `refusal` cannot be read (old Word binaries, OpenDocument, OFD, images, RTF): no small kept
library reads its tables reliably, and guessing would lose or change values. The refusal names what the
file is and how to save it as a format the import reads. Bytes that match no kind (a damaged file, or one
that is not an office file at all) are left to the reader the file's name asks for, which reports them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import msoffcrypto
from msoffcrypto.exceptions import FileFormatError

SAVE_DOCX = "请用 Word 或 WPS 打开，“另存为”Word 文档（.docx）后再导入。"
SAVE_XLSX = "请用 Excel 或 WPS 打开，“另存为”Excel 工作簿（.xlsx）后再导入。"
USE_THE_FORM = "绩效目标表请用原来的 Excel、Word 文件或带文字的 PDF 导入。"


@dataclass(frozen=True)
class Kind:
    name: str  # what a person calls the format, in remarks and messages
    refusal: str = ""  # for a format the import cannot read: why, and what to do instead


XLSX = Kind("Excel 工作簿（.xlsx）")
XLS = Kind("Excel 97-2003 工作簿（.xls）")
SPREADSHEET_XML = Kind("Excel 2003 XML 表格（SpreadsheetML）")
DOCX = Kind("Word 文档（.docx）")
PDF = Kind("PDF 文件")
HTML = Kind("网页（HTML）")
WEB_ARCHIVE = Kind("单个文件网页（MHT）")
TEXT = Kind("纯文字")
ENCRYPTED = Kind("设有打开密码的 Office 文件")  # refused by the reader of the file's format, which names its program
DOC = Kind("Word 97-2003 文档（旧格式 .doc，WPS 文字的 .wps 也是这种格式）",
           "导入只能读取 Word 文档（.docx），不能读取这种旧格式。" + SAVE_DOCX)
WORD_XML = Kind("Word 2003 XML 文档", "导入只能读取 Word 文档（.docx）。" + SAVE_DOCX)
RTF = Kind("RTF 文档", "导入只能读取 Word 文档（.docx）。" + SAVE_DOCX)
ODT = Kind("OpenDocument 文本（.odt）", "导入不能读取这种格式。请用 WPS 或 LibreOffice 打开，“另存为”Word 文档（.docx）后再导入。")
ODS = Kind("OpenDocument 表格（.ods）",
           "导入不能读取这种格式。请用 WPS 或 LibreOffice 打开，“另存为”Excel 工作簿（.xlsx）后再导入。")
OFD = Kind("OFD 版式文件（.ofd）",
           "导入不能读取 OFD。请改用原来的 Word、Excel 文件；只有 OFD 时，请用 OFD 阅读器（如数科 OFD 阅读器）"
           "导出为 PDF，确认 PDF 中的文字可以选中复制后再导入。")
PRESENTATION = Kind("PowerPoint 演示文稿", "导入不能读取演示文稿。" + USE_THE_FORM)
OCR = ("导入不做文字识别（OCR），读不出图片中的表格和文字。请用原表的 Excel、Word 文件或带文字的 PDF（需要文字版）导入；"
       "只有扫描件或照片时，请先用文字识别软件转成 Word 或 Excel，逐格核对后再导入。")

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Office 97-2003 (and of encrypted .xlsx/.docx)
ZIP = b"PK\x03\x04"
SIGNATURES: tuple[tuple[re.Pattern[bytes], Kind], ...] = (
    (re.compile(rb"\{\\rtf"), RTF),
    (re.compile(rb"\x89PNG\r\n\x1a\n"), Kind("图片（PNG）", OCR)),
    (re.compile(rb"\xff\xd8\xff"), Kind("图片（JPEG）", OCR)),
    (re.compile(rb"GIF8[79]a"), Kind("图片（GIF）", OCR)),
    (re.compile(rb"II\*\x00|MM\x00\*"), Kind("图片（TIFF）", OCR)),
    (re.compile(rb"BM.{4}\x00{4}", re.DOTALL), Kind("图片（BMP）", OCR)),  # "BM" alone may begin a text
)
OLE_FORMATS = {"doc97": DOC, "xls97": XLS, "ppt97": PRESENTATION, "ooxml": ENCRYPTED}  # msoffcrypto's names
OPEN_DOCUMENT = {b"application/vnd.oasis.opendocument.text": ODT,
                 b"application/vnd.oasis.opendocument.spreadsheet": ODS}
HEAD = 8192  # bytes enough to see a signature, MIME headers or the first tag
# Control characters other than tab, line and page breaks do not occur in text, in UTF-8 or GBK alike.
BINARY = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f]")
# MIME headers (a header, or the folded rest of one) down to a multipart Content-Type: Word's and browsers' MHT.
MIME_HEADER = re.compile(r"\A(([\w-]+:|[ \t])[^\n]*\n)*?content-type:\s*multipart/", re.IGNORECASE)
# Markup before the first element: a byte-order mark, spaces, an XML declaration, processing instructions, comments.
PROLOGUE = re.compile(r"\A(\ufeff|\s|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|style|table)\b", re.IGNORECASE)
SPREADSHEET_ML = re.compile(r"<(\w+:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet")
WORD_ML = re.compile(r"<(\w+:)?wordDocument\b")


def kind_of(path: Path) -> Kind | None:
    """What the bytes are; None for bytes no kind matches (damaged, or no office file at all)."""
    with path.open("rb") as stream:
        head = stream.read(HEAD)
    if head.startswith(OLE2):
        return _ole_kind(path)
    if head.startswith(ZIP):
        return _package_kind(path)
    if b"%PDF-" in head[:1024]:  # some writers put a few bytes before the signature; readers accept them
        return PDF
    for signature, kind in SIGNATURES:
        if signature.match(head):
            return kind
    return _text_kind(head)


def _ole_kind(path: Path) -> Kind | None:
    """An OLE2 container by its streams: Word, Excel or PowerPoint 97-2003, or an encrypted .xlsx/.docx."""
    with path.open("rb") as stream:
        try:
            return OLE_FORMATS.get(msoffcrypto.OfficeFile(stream).format)
        except (FileFormatError, OSError, ValueError):
            return None  # streams of no Office program, or a damaged container


def _package_kind(path: Path) -> Kind | None:
    """A zip package by its parts: Office Open XML, OpenDocument or OFD; None for any other zip."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            mimetype = package.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, NotImplementedError, OSError):  # damaged, or compressed in a way zipfile lacks
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    if any(name.startswith("ppt/") for name in names):
        return PRESENTATION
    if any(name.lower() == "ofd.xml" for name in names):
        return OFD
    return next((kind for prefix, kind in OPEN_DOCUMENT.items() if mimetype.startswith(prefix)), None)


def _text_kind(head: bytes) -> Kind | None:
    """Text by its first element: a web page, a web archive (MHT), Excel or Word 2003 XML; else plain text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[:len(head) // 2 * 2].decode("utf-16", errors="replace")
    elif BINARY.search(head):
        return None
    else:
        text = head.decode("latin-1")  # only ASCII markup is looked at
    if MIME_HEADER.match(text.replace("\r\n", "\n")):
        return WEB_ARCHIVE
    start = text[PROLOGUE.match(text).end():]
    if HTML_START.match(start):
        return HTML
    if SPREADSHEET_ML.match(start):
        return SPREADSHEET_XML
    if WORD_ML.match(start):
        return WORD_XML
    return TEXT
