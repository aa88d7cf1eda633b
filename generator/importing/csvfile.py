"""CSV files (.csv): a budget system's export of a table, read as the worksheet Excel shows when it opens the file.

The cells are the fields of the standard `csv` dialect (commas, double quotes, line breaks inside quotes), each
exactly as written: Excel would show 012 as 12 and a long code as 1.2E+11, the file keeps what was exported.
The file is UTF-8 (with or without a byte-order mark) or GBK, as the text reader decodes it. The rows are then
read as a worksheet is (`spreadsheet.sheet_blocks`: empty rows separate the parts, a row of one filled cell is a
line), on a sheet named after the file, as Excel names it, so a cell is located `项目表!C3`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .document import ImportFailure, SourceDocument
from .spreadsheet import sheet_blocks
from .text import decode

SHEET_NAME_LIMIT = 31  # Excel's longest sheet name: the file name it shows is cut to this


def read(path: Path) -> SourceDocument:
    text = decode(path, path.read_bytes())
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportFailure(f"{path}：无法按 CSV（逗号分隔的表格）读取（{exc}）。"
                            "请用 Excel 或 WPS 打开，“另存为”Excel 工作簿（.xlsx）后再导入。") from exc
    width = max((len(row) for row in rows), default=0)
    texts = [row + [""] * (width - len(row)) for row in rows]
    return SourceDocument(path, tuple(sheet_blocks(path.stem[:SHEET_NAME_LIMIT], texts, [])))
