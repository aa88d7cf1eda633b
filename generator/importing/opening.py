"""Opening an office file or a PDF through its library, with the two refusals every format shares.

A file protected by an opening password cannot be read at all (Office wraps the encrypted
workbook or document in an OLE container, which msoffcrypto-tool recognises); any other
failure of the library to open the file means the file is damaged or is not what its name
says. Both end the import with a message saying what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import msoffcrypto
from msoffcrypto.exceptions import FileFormatError

from .document import ImportFailure

Opened = TypeVar("Opened")


def refuse_encrypted(path: Path, application: str) -> None:
    """Stop on an Office file that needs a password to open; `application` names the program to remove it with."""
    if _is_encrypted(path):
        raise ImportFailure(f"{path}：文件设有打开密码（已加密），无法读取。请用 {application} 输入密码打开，"
                            "在“文件 → 信息 → 保护”中删除密码并保存，再导入。")


def _is_encrypted(path: Path) -> bool:
    with path.open("rb") as stream:
        try:
            return msoffcrypto.OfficeFile(stream).is_encrypted()
        except (FileFormatError, OSError, ValueError):
            return False  # not an Office container at all: opening it reports the damage


def open_or_refuse(path: Path, opener: Callable[[Path], Opened], kind: str, application: str) -> Opened:
    """Open with the format's library; whatever it raises means the file cannot be read as `kind`."""
    try:
        return opener(path)
    except ImportFailure:
        raise
    except Exception as exc:  # each library raises its own zoo of errors for a damaged file
        # Chinese takes no space before the verb ("请用 PDF 阅读器打开"); an .xls is best saved as an .xlsx.
        space = " " if application[-1].isascii() else ""
        saved_as = ".xlsx" if path.suffix.lower() == ".xls" else path.suffix
        raise ImportFailure(f"{path}：无法作为 {kind}读取，文件可能已损坏，或内容不是 {kind}。"
                            f"请用 {application}{space}打开该文件，另存为 {saved_as} 后再导入。") from exc
