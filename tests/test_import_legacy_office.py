"""Forms kept in formats only LibreOffice reads — Word 97-2003 (.doc, and WPS 文字's .wps, the same format), RTF,
OpenDocument (.odt, .ods) — converted by LibreOffice (`soffice`, as .ci/run installs it) and read as the .docx or
.xlsx it writes: the same cells, merged ranges and paragraphs, so the same filing as the form's .docx or .xlsx.

Each file here is made the way a department's is: the seed's form written as .docx/.xlsx, saved by LibreOffice in
the old format (as Word or WPS would "save as" it). Where LibreOffice is missing, or fails, the message says what to
do; those paths are tested with a stand-in program, so they need no LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.importing import conversion
from generator.importing.batch import files_to_import
from generator.importing.document import ImportFailure
from generator.importing.readers import read_document
from tests.forms.agreement import assembled
from tests.forms.imports import import_new
from tests.forms.render import render, seed_filings
from tests.test_import_odd_files import LIBREOFFICE, SAVE_DOCX, WORD_97, as_named, word_97

SEEDS = {filing.department.id: filing for filing in seed_filings()}
WORD_SEEDS = ("ezhou-sfj", "yutian-sfj")  # a 部门整体 form and a form with many projects
CONVERTED = "，导入先用 soffice（LibreOffice）把它转成"
CHECK = "，再照表格逐格读取；请对照原表核对导入结果。"


def saved_as(files: list[Path], target: str, out: Path) -> dict[str, Path]:
    """`files` saved by LibreOffice as `target` (one run for all of them), by stem."""
    program = conversion.office_program()
    assert program, "LibreOffice is needed (Debian: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)"
    subprocess.run([program, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--convert-to", target, "--outdir", str(out / target), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    return {path.stem: out / target / f"{path.stem}.{target}" for path in files}


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Format → seed id → the seed's standard form in that format."""
    out = tmp_path_factory.mktemp("legacy")
    docx = [render(SEEDS[seed], "standard", "docx", out / f"{seed}.docx") for seed in WORD_SEEDS]
    xlsx = [render(SEEDS[WORD_SEEDS[0]], "standard", "xlsx", out / f"{WORD_SEEDS[0]}.xlsx")]
    made = {"docx": {path.stem: path for path in docx}, "xlsx": {path.stem: path for path in xlsx}}
    made["doc"] = saved_as(docx, "doc", out)
    made["rtf"] = saved_as(docx[:1], "rtf", out)
    made["odt"] = saved_as(docx[:1], "odt", out)
    made["ods"] = saved_as(xlsx, "ods", out)
    return made


def remark(name: str, kind: str, target: str) -> str:
    return f"{name} 的内容是{kind}{CONVERTED}{target}{CHECK}"


@pytest.mark.parametrize("seed", WORD_SEEDS)
def test_a_word_97_form_reads_as_its_docx(forms, seed):
    path = forms["doc"][seed]
    document = read_document(path)
    assert assembled(document) == assembled(read_document(forms["docx"][seed]))
    assert document.path == path  # the department's file, not LibreOffice's copy
    assert document.remarks[0] == remark(path.name, "Word 97-2003 文档（旧格式 .doc，WPS 文字的 .wps 也是这种格式）",
                                         "Word 文档（.docx）")


@pytest.mark.parametrize("suffix, kind, target, original", [
    ("rtf", "RTF 文档", "Word 文档（.docx）", "docx"),
    ("odt", "OpenDocument 文本（.odt）", "Word 文档（.docx）", "docx"),
    ("ods", "OpenDocument 表格（.ods）", "Excel 工作簿（.xlsx）", "xlsx"),
])
def test_rtf_and_open_document_forms_read_as_what_they_were_saved_from(forms, suffix, kind, target, original):
    seed = WORD_SEEDS[0]
    document = read_document(forms[suffix][seed])
    assert assembled(document) == assembled(read_document(forms[original][seed]))
    assert document.remarks[0] == remark(f"{seed}.{suffix}", kind, target)


def test_a_wps_file_imports_as_the_same_filing_and_is_left_as_it_was(forms, tmp_path):
    seed = WORD_SEEDS[1]
    wps = tmp_path / "wps" / "绩效目标表.wps"  # WPS 文字 saves this name over the Word 97 format
    wps.parent.mkdir()
    shutil.copyfile(forms["doc"][seed], wps)
    before = wps.read_bytes()
    (tmp_path / "docx").mkdir()
    from_docx = import_new(forms["docx"][seed], tmp_path / "docx", seed)
    result = import_new(wps, tmp_path / "wps", seed)
    assert result.filing == from_docx.filing
    assert result.remarks[0] == remark(wps.name, "Word 97-2003 文档（旧格式 .doc，WPS 文字的 .wps 也是这种格式）",
                                       "Word 文档（.docx）")
    assert result.remarks[1:] == from_docx.remarks
    assert wps.read_bytes() == before
    assert sorted(p.name for p in wps.parent.iterdir()) == ["out.yml", wps.name]  # no copy left beside it


def test_a_damaged_word_97_file_that_libreoffice_cannot_open(tmp_path):
    """An OLE2 file with a WordDocument stream holding nothing Word wrote: LibreOffice exits 0 and writes nothing."""
    path, message = refusal_of_word_97(tmp_path)
    assert message == (f"{path}：{WORD_97}，LibreOffice 打不开这个文件（文件可能已损坏或设有打开密码）。"
                       f"导入只能读取 Word 文档（.docx），不能读取这种旧格式。{SAVE_DOCX}")


def refusal_of_word_97(tmp_path: Path) -> tuple[Path, str]:
    """A Word 97 container holding nothing Word wrote, and the message its reading stops with."""
    path = as_named(tmp_path, "绩效目标表.doc", word_97(tmp_path))
    with pytest.raises(ImportFailure) as failure:
        read_document(path)
    return path, str(failure.value)


# --- without LibreOffice, or with one that hangs: a stand-in program -----------------------------------------

def stand_in(tmp_path: Path, body: str) -> str:
    """A program LibreOffice's command line is given to: `body` is Python run with its arguments."""
    script = tmp_path / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_without_libreoffice_an_old_format_is_refused_with_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(conversion, "office_program", lambda: None)
    path, message = refusal_of_word_97(tmp_path)
    assert message == f"{path}：{WORD_97}。导入只能读取 Word 文档（.docx），不能读取这种旧格式。{SAVE_DOCX}{LIBREOFFICE}"


def test_a_conversion_that_never_ends_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(conversion, "office_program", lambda: stand_in(tmp_path, "time.sleep(60)"))
    monkeypatch.setattr(conversion, "TIMEOUT_SECONDS", 1)
    path, message = refusal_of_word_97(tmp_path)
    assert message == (f"{path}：{WORD_97}，LibreOffice 在 1 秒内没有转换完（文件可能已损坏或设有打开密码）。"
                       f"导入只能读取 Word 文档（.docx），不能读取这种旧格式。{SAVE_DOCX}")


def test_libreoffice_is_given_a_copy_named_for_its_format_and_a_profile_of_its_own(tmp_path, monkeypatch):
    """A .wps is handed over as .doc (LibreOffice takes a .wps for Microsoft Works), the department's file itself
    never; a profile of its own, so that a LibreOffice the user has open is not asked to do the work."""
    seen = tmp_path / "arguments.txt"
    program = stand_in(tmp_path, f"open({str(seen)!r}, 'w', encoding='utf-8').write('\\n'.join(sys.argv[1:]))")
    monkeypatch.setattr(conversion, "office_program", lambda: program)
    path = as_named(tmp_path, "绩效目标表.wps", word_97(tmp_path))
    with pytest.raises(ImportFailure):
        read_document(path)  # the stand-in writes nothing
    arguments = seen.read_text(encoding="utf-8").split("\n")
    profile, source = arguments[2], Path(arguments[-1])
    assert arguments[:2] == ["--headless", "--norestore"] and profile.startswith("-env:UserInstallation=file:///")
    assert arguments[3:6] == ["--convert-to", "docx", "--outdir"]
    assert source.name == "原表.doc" and source.parent != path.parent and not source.exists()  # removed after


def test_a_folder_given_to_the_import_takes_the_formats_libreoffice_converts(tmp_path):
    for name in ("一.doc", "二.wps", "三.rtf", "四.odt", "五.ods", "六.pages", "~$一.doc"):
        (tmp_path / name).write_bytes(b"")
    assert [path.name for path in files_to_import([tmp_path])] == ["一.doc", "三.rtf", "二.wps", "五.ods", "四.odt"]
