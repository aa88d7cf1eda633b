"""`gongkai import` of several files or a folder: a county's forms in one command.

Each file is imported as it would be alone, in order, with a report each and one summary line; a file that cannot
be read leaves the others imported (the command fails); a folder gives its forms by name, not Office's lock files or
hidden files; two forms of one batch never write one filing, even with --force.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.import_agreement import CONTENT, ROOT

GUANGSHUI = CONTENT / "sources" / "001_ebde392d2f7b9b87.txt"  # 广水市司法局 2024 申报
YUTIAN = CONTENT / "sources" / "004_878df4ebd272f24d.txt"  # 玉田县司法局 2025 公开


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder that knows both departments from an earlier year's filing."""
    folder = tmp_path / "content"
    for department, earlier, filed in (("guangshui-sfj", "2023-shenbao.yml", "2024-shenbao.yml"),
                                       ("yutian-sfj", "2024-gongkai.yml", "2025-gongkai.yml")):
        (folder / department).mkdir(parents=True)
        shutil.copy(CONTENT / department / filed, folder / department / earlier)
    return folder


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """A folder as a county sends it: two forms in sub-folders, the lock file Word leaves beside an open document,
    a hidden file, and a note that is no form."""
    folder = tmp_path / "forms"
    (folder / "广水").mkdir(parents=True)
    (folder / "玉田").mkdir()
    shutil.copy(GUANGSHUI, folder / "广水" / "申报表.txt")
    shutil.copy(YUTIAN, folder / "玉田" / "公开.txt")
    (folder / "玉田" / "~$公开.docx").write_bytes(b"\x00lock")
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / "说明.md").write_text("请导入。", encoding="utf-8")
    return folder


def run(content: Path, *args: str) -> int:
    return main(["import", *args, "--content", str(content), "--config", str(ROOT / "site_config.yml")])


def test_a_folder_is_imported_form_by_form_with_one_summary(content: Path, forms: Path, capsys) -> None:
    assert run(content, str(forms)) == 0
    out = capsys.readouterr().out
    assert f"已导入 {forms / '广水' / '申报表.txt'} → {content / 'guangshui-sfj' / '2024-shenbao.yml'}" in out
    assert f"已导入 {forms / '玉田' / '公开.txt'} → {content / 'yutian-sfj' / '2025-gongkai.yml'}" in out
    assert out.rstrip().splitlines()[-1] == "共 2 个原表：导入 2 个（其中检查有错误的 0 个），未导入 0 个。"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.yml")) == [
        "guangshui-sfj/2023-shenbao.yml", "guangshui-sfj/2024-shenbao.yml",
        "yutian-sfj/2024-gongkai.yml", "yutian-sfj/2025-gongkai.yml"]


def test_a_form_that_cannot_be_read_leaves_the_others_imported(content: Path, forms: Path, capsys) -> None:
    empty = forms / "空白.docx"
    empty.write_bytes(b"")
    assert run(content, str(forms / "玉田" / "公开.txt"), str(empty), str(forms / "广水" / "申报表.txt")) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"导入失败：{empty}")
    summary = captured.out.rstrip().splitlines()[-2:]
    assert summary[0] == "共 3 个原表：导入 2 个（其中检查有错误的 0 个），未导入 1 个。"
    assert summary[1].startswith(f"  未导入：{empty}：{empty}")
    assert (content / "yutian-sfj" / "2025-gongkai.yml").is_file()
    assert (content / "guangshui-sfj" / "2024-shenbao.yml").is_file()


def test_two_forms_of_one_filing_never_write_one_file_even_with_force(content: Path, forms: Path, capsys) -> None:
    """The same 申报表 sent twice under two names: --force replaces what was there before the command, never what
    an earlier form of the same command wrote."""
    again = forms / "广水" / "申报表（修改稿）.txt"
    shutil.copy(GUANGSHUI, again)
    written = content / "guangshui-sfj" / "2024-shenbao.yml"
    written.write_text("# 上次导入\n", encoding="utf-8")
    assert run(content, str(forms / "广水"), "--force") == 1
    captured = capsys.readouterr()
    assert captured.err == (f"导入失败：{written} 刚由本次导入的另一个原表写入，未覆盖：两个原表是同一部门、年度、类型的文件。"
                            "核对这两个原表，只导入其中一个，或用 --kind、--year 分别导入。\n")
    assert f"已导入 {forms / '广水' / '申报表.txt'} → {written}" in captured.out  # 申报表 sorts before 申报表（…）
    assert not written.read_text(encoding="utf-8").startswith("# 上次导入")


def test_one_output_file_is_for_one_form(content: Path, forms: Path, capsys) -> None:
    assert run(content, str(forms), "-o", str(content / "x.yml")) == 2
    assert capsys.readouterr().err == ("-o 只能用于导入一个文件（不带 --split）；导入多个文件时，每个文件写到 "
                                       "content/<部门标识>/<年度>-<类型>.yml。\n")
    assert not (content / "x.yml").exists()


def test_a_folder_without_forms_says_so(content: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "空").mkdir()
    assert run(content, str(tmp_path / "空")) == 1
    assert capsys.readouterr().err == f"{tmp_path / '空'} 中没有可导入的文件。\n"


def test_json_report_of_a_batch_is_a_list(content: Path, forms: Path, capsys) -> None:
    (forms / "空白.docx").write_bytes(b"")
    assert run(content, str(forms), "--format", "json") == 1
    reports = json.loads(capsys.readouterr().out)
    assert [report["source"].rsplit("/", 1)[-1] for report in reports] == ["申报表.txt", "公开.txt", "空白.docx"]
    assert [("error" in report, report.get("indicators")) for report in reports] == [
        (False, 33), (False, reports[1]["indicators"]), (True, None)]
