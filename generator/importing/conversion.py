"""Office formats the readers do not read, turned into ones they do by LibreOffice (`soffice --convert-to`).

Departments still keep many forms as Word 97-2003 files (.doc, and WPS 文字's .wps, which is the same format),
RTF or OpenDocument. No maintained Python library reads their tables with merged cells; LibreOffice
does, and writes them as .docx / .xlsx, which `wordfile` and `spreadsheet` read cell by cell as they read any other.
LibreOffice is optional: without it these formats are refused with how to save them (`filekinds.Kind.refusal`).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .filekinds import DOC, ODS, ODT, RTF, Kind

# Each converted kind: the suffix LibreOffice is told the copy has (so that it picks its filter by the format, not
# by a name such as .wps, which it takes for Microsoft Works) and the format it writes. Not Word 2003 XML: the
# LibreOffice Debian installs without its GUI does not load it.
TARGETS: dict[Kind, tuple[str, str]] = {
    DOC: (".doc", "docx"), RTF: (".rtf", "docx"), ODT: (".odt", "docx"), ODS: (".ods", "xlsx"),
}
# The names files of these formats go by: a folder given to the import takes them too (see batch.py).
SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".ods")
# A conversion takes 2–5 s (LibreOffice starts afresh for each file, with a profile of its own); a damaged or
# locked file can make it wait for a dialog that never shows.
TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Converted:
    path: Path  # the .docx or .xlsx LibreOffice wrote, in a folder the caller removes
    program: str  # the LibreOffice that wrote it, for the report


class ConversionFailed(Exception):
    """LibreOffice ran and wrote nothing: the file is damaged, locked or not what its bytes looked like."""


def office_program() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def can_convert(kind: Kind | None) -> bool:
    return kind in TARGETS and office_program() is not None


def convert(path: Path, kind: Kind, folder: Path) -> Converted:
    """`path` as the .docx or .xlsx LibreOffice makes of it, written under `folder`."""
    program = office_program()
    assert program is not None and kind in TARGETS
    suffix, target = TARGETS[kind]
    source = folder / f"原表{suffix}"  # a copy: the department's file is never opened by another program
    shutil.copyfile(path, source)
    out = folder / "out"
    profile = Path(tempfile.mkdtemp(dir=folder))  # its own profile: a LibreOffice the user has open is not asked
    command = [program, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", target, "--outdir", str(out), str(source)]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ConversionFailed(f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有转换完") from exc
    written = out / f"{source.stem}.{target}"
    if not written.is_file():  # LibreOffice exits 0 when it cannot load a file; it only writes nothing
        raise ConversionFailed("LibreOffice 打不开这个文件")
    return Converted(written, Path(program).name)
