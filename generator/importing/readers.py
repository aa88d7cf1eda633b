"""Which reader reads which file: by what its bytes are (`filekinds`), else by its name.

Each reader is a module of this package with a function `path -> SourceDocument`. A file is read by
what it holds, whatever it is called: an .xls that is a web page goes to the HTML reader, an .xlsx
that is an .xls to xlrd, a .doc saved by Word as MHT to the web-archive reader, and the report says
that the name and the contents differ. Formats the import cannot read are refused with what to do
instead (`filekinds.Kind.refusal`). Bytes that match no format are left to the reader the name asks
for, which says the file is damaged.

Readers are imported only when a file of their format is read, so importing a text file
needs none of the office libraries.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from importlib import import_module
from pathlib import Path

from .conversion import TARGETS, ConversionFailed, can_convert, convert
from .document import ImportFailure, SourceDocument
from .filekinds import (DOCX, ENCRYPTED, HTML, PDF, SPREADSHEET_XML, TEXT, WEB_ARCHIVE, XLS, XLSX, Kind,
                        kind_of)
from .opening import refuse_encrypted

# Suffix → module in this package. Text covers what is copied from a web page (content/sources/*.txt).
READERS: dict[str, str] = {
    ".txt": "text", ".htm": "text", ".html": "text",
    ".xlsx": "spreadsheet", ".xlsm": "spreadsheet", ".xls": "spreadsheet",
    ".docx": "wordfile",
    ".pdf": "pdffile",
}
# What the bytes are → "module:function" reading them, whatever the file is called.
KIND_READERS: dict[Kind, str] = {
    XLSX: "spreadsheet:read_xlsx", XLS: "spreadsheet:read_xls", SPREADSHEET_XML: "spreadsheetml:read",
    DOCX: "wordfile:read", PDF: "pdffile:read", HTML: "text:read_page", WEB_ARCHIVE: "text:read_web_archive",
}
# What a file's name promises. A file whose bytes are something else is read by its bytes and the report says so;
# the names that promise nothing readable (.doc, .wps, .et) are read only when their bytes are a readable format.
PROMISED: dict[str, tuple[Kind, ...]] = {
    ".xlsx": (XLSX,), ".xlsm": (XLSX,), ".xls": (XLS,), ".docx": (DOCX,), ".pdf": (PDF,), ".txt": (TEXT,),
    ".htm": (HTML, TEXT), ".html": (HTML, TEXT), ".mht": (WEB_ARCHIVE,), ".mhtml": (WEB_ARCHIVE,), ".csv": (TEXT,),
    ".doc": (), ".wps": (), ".et": (),
}
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".csv")
# Text under another name than .txt/.html/.csv (a budget system's "xls" export): cells split by tabs, as copied
# text is read, else by commas, as CSV.
TABBED, COMMAS = ("text:read_copied", "以 Tab 分隔单元格的文字"), ("csvfile:read", "以逗号分隔单元格的文字（CSV）")
# Larger files are refused before any library opens them: a real form is well under a megabyte, and
# an office library holds a whole workbook in memory.
MAX_BYTES = 20 * 1024 * 1024


def read_document(path: Path) -> SourceDocument:
    kind = _readable_kind(path)
    if can_convert(kind):
        return _read_converted(path, kind)
    target, reading = _reader(path, kind)
    document = _call(target, path)
    if kind is not None and kind not in PROMISED.get(path.suffix.lower(), ()):
        named = f"的扩展名是“{path.suffix}”" if path.suffix else "没有扩展名"
        remark = f"{path.name} {named}，内容其实是{reading}；已照内容读取。"
        document = replace(document, remarks=(remark, *document.remarks))
    return document


def _readable_kind(path: Path) -> Kind | None:
    """What the file is, once every reason not to read it has been ruled out (each raises with what to do);
    None for bytes of no known format under a name that has a reader (the reader reports the damage)."""
    suffix = path.suffix.lower()
    known = suffix in READERS or suffix in PROMISED
    if not path.is_file():
        raise _unsupported(path) if not known else ImportFailure(f"{path}：文件不存在。")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailure(f"{path}：文件有 {size / 1024 / 1024:.1f} MB，超过导入上限 {MAX_BYTES // 1024 // 1024} MB。"
                            "请只保留绩效目标表所在的工作表或页面后再导入。")
    kind = kind_of(path)
    if not known and kind in (None, TEXT):
        raise _unsupported(path)
    if size == 0:
        raise ImportFailure(f"{path}：文件是空的（0 字节），没有可导入的内容。请重新下载或导出原表，"
                            "确认能用 Excel、Word 或阅读器打开并看到表格后再导入。")
    if kind is None and suffix not in READERS:
        raise ImportFailure(f"{path}：认不出文件的内容（不是 Excel、Word、PDF、网页或文字文件），文件可能已损坏。"
                            "请用原来的程序打开它，另存为 .xlsx 或 .docx 后再导入。")
    if kind is not None and kind.refusal and not can_convert(kind):
        converts = "也可以安装 LibreOffice 后再导入（导入用它转换这种格式）。" if kind in TARGETS else ""
        raise ImportFailure(f"{path}：文件内容是{kind.name}{_name_differs(path, kind)}。{kind.refusal}{converts}")
    if kind is ENCRYPTED:  # the encrypted package inside says nothing of its program: the name does
        refuse_encrypted(path, "Excel" if suffix in SPREADSHEET_SUFFIXES else "Word")
    return kind


def _reader(path: Path, kind: Kind | None) -> tuple[str, str]:
    """The reader's "module:function" and the name of what it reads the file as."""
    suffix = path.suffix.lower()
    if kind in KIND_READERS:
        return KIND_READERS[kind], kind.name
    if kind is None or suffix in (".txt", ".htm", ".html"):
        return f"{READERS[suffix]}:read", TEXT.name  # by its name: text, or bytes the reader will call damaged
    if suffix == ".csv":
        return COMMAS
    with path.open("rb") as stream:
        return TABBED if b"\t" in stream.read() else COMMAS


def _read_converted(path: Path, kind: Kind) -> SourceDocument:
    """A format only LibreOffice reads: converted to .docx or .xlsx in a folder of its own, read as that, and
    reported as what the department filed (its path, its name in every message)."""
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as folder:
        try:
            converted = convert(path, kind, Path(folder))
        except ConversionFailed as exc:
            raise ImportFailure(f"{path}：文件内容是{kind.name}{_name_differs(path, kind)}，{exc}（文件可能已损坏或设有"
                                f"打开密码）。{kind.refusal}") from exc
        as_kind = DOCX if converted.path.suffix == ".docx" else XLSX
        try:
            document = _call(KIND_READERS[as_kind], converted.path)
        except ImportFailure as exc:
            raise ImportFailure(_as_filed(str(exc), converted.path, path)) from exc
    remark = (f"{path.name} 的内容是{kind.name}，导入先用 {converted.program}（LibreOffice）把它转成{as_kind.name}，"
              "再照表格逐格读取；请对照原表核对导入结果。")
    remarks = (_as_filed(text, converted.path, path) for text in document.remarks)
    return replace(document, path=path, remarks=(remark, *remarks))


def _as_filed(text: str, converted: Path, filed: Path) -> str:
    """A message of the reader about the converted copy, told of the department's file."""
    return text.replace(str(converted), str(filed)).replace(converted.name, filed.name)


def _call(target: str, path: Path) -> SourceDocument:
    module, _, function = target.partition(":")
    return getattr(import_module(f".{module}", __package__), function)(path)


def _name_differs(path: Path, kind: Kind) -> str:
    """A note when the name promises a format the import reads and the bytes are another (a Word 97 file named .xls)."""
    promised = PROMISED.get(path.suffix.lower(), ())
    return f"（扩展名是“{path.suffix}”）" if promised and kind not in promised else ""


def _unsupported(path: Path) -> ImportFailure:
    supported = "、".join(sorted(READERS.keys() | {suffix for suffix, kinds in PROMISED.items() if kinds}))
    return ImportFailure(f"{path}：不支持的文件类型“{path.suffix or '（无扩展名）'}”。可导入的类型：{supported}。"
                         "其他格式请先另存为 .xlsx 或 .docx。")
