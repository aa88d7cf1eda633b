"""Which reader reads which file: one module per format, each exposing `read(path) -> SourceDocument`.

Readers are imported only when a file of their format is read, so importing a text file
needs none of the office libraries.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from .document import ImportFailure, SourceDocument

# Suffix → module in this package. Text covers what is copied from a web page (content/sources/*.txt).
READERS: dict[str, str] = {
    ".txt": "text", ".htm": "text", ".html": "text",
    ".xlsx": "spreadsheet", ".xlsm": "spreadsheet", ".xls": "spreadsheet",
    ".docx": "wordfile",
    ".pdf": "pdffile",
}
# Larger files are refused before any library opens them: a real form is well under a megabyte, and
# an office library holds a whole workbook in memory.
MAX_BYTES = 20 * 1024 * 1024


def read_document(path: Path) -> SourceDocument:
    module = READERS.get(path.suffix.lower())
    if module is None:
        supported = "、".join(sorted(READERS))
        raise ImportFailure(f"{path}：不支持的文件类型“{path.suffix or '（无扩展名）'}”。可导入的类型：{supported}。"
                            "其他格式请先另存为 .xlsx 或 .docx。")
    if not path.is_file():
        raise ImportFailure(f"{path}：文件不存在。")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailure(f"{path}：文件有 {size / 1024 / 1024:.1f} MB，超过导入上限 {MAX_BYTES // 1024 // 1024} MB。"
                            "请只保留绩效目标表所在的工作表或页面后再导入。")
    return import_module(f".{module}", __package__).read(path)
