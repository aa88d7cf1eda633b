"""Trust boundaries (issue 13): what hostile or careless input must never do to a build.

No file written outside the site, no file published from outside content/sources/,
no folder deleted that Gongkai did not write, no traceback, no hang.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.build import build
from generator.checking import check_content
from generator.cli import os_error_text
from generator.problems import ContentError
from generator.sources import published_sources

from conftest import FIXTURE, ROOT

CONFIG = """\
title: 测试
base_url: https://example.test/
organisation: 测试
regions:
  - {id: city, name: 某市}
"""

FILING = """\
department: {{id: dept, name: 某市司法局, region: city}}
fiscal_year: {year}
kind: 批复
title: 测试文件
money_unit: 万元
"""


def write_content(root: Path, files: dict[str, str]) -> Path:
    """A content folder and a site_config.yml under `root`; returns the content folder."""
    content = root / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "site_config.yml").write_text(CONFIG, encoding="utf-8")
    return content


def quick_build(root: Path, content: Path, output: Path):
    return build(content, root / "site_config.yml", ROOT / "templates", output, search=False, cache=False)


def test_a_code_that_climbs_out_of_the_site_stops_the_build(tmp_path):
    escaped = tmp_path / "ESCAPED"
    code = "../" * 12 + str(escaped).lstrip("/")
    content = write_content(tmp_path, {"d/a.yml": FILING.format(year=2025) + f"projects:\n  - {{code: '{code}'}}\n"})
    with pytest.raises(ContentError) as raised:
        quick_build(tmp_path, content, tmp_path / "site")
    assert [p.code for p in raised.value.report.errors] == ["unsafe-id"]
    assert not escaped.exists() and not (tmp_path / "site").exists()


def test_two_sources_of_the_same_name_in_different_folders_are_both_published(tmp_path):
    content = write_content(tmp_path, {
        "d/a.yml": FILING.format(year=2025) + "source: a/原文.txt\n",
        "d/b.yml": FILING.format(year=2024) + "source: b/原文.txt\n",
        "sources/a/原文.txt": "甲的原文\n", "sources/b/原文.txt": "乙的原文\n"})
    site = quick_build(tmp_path, content, tmp_path / "site").output
    assert (site / "sources" / "a" / "原文.txt").read_text("utf-8") == "甲的原文\n"
    assert (site / "sources" / "b" / "原文.txt").read_text("utf-8") == "乙的原文\n"


def test_a_source_cited_by_several_filings_is_blanked_of_all_their_contacts(tmp_path):
    content = write_content(tmp_path, {
        "d/a.yml": FILING.format(year=2025) + "source: x.txt\ncontact: {filer: 张甲CANARY}\n",
        "d/b.yml": FILING.format(year=2024) + "source: x.txt\ncontact: {filer: 李乙CANARY}\n",
        "sources/x.txt": "经手：张甲CANARY、李乙CANARY\n"})
    site = quick_build(tmp_path, content, tmp_path / "site").output
    assert (site / "sources" / "x.txt").read_text("utf-8") == "经手：［已隐去］、［已隐去］\n"


def test_a_source_holding_withheld_projects_is_published_through_no_filing(tmp_path):
    """`check` refuses the second citation; the site model does not publish it regardless."""
    content = write_content(tmp_path, {
        "d/a.yml": FILING.format(year=2025) + "source: x.txt\nprojects:\n  - {id: p1, withheld: {reason: 涉密}}\n",
        "d/b.yml": FILING.format(year=2024) + "source: x.txt\n",
        "sources/x.txt": "含不公开项目的原文\n"})
    checked = check_content(content, tmp_path / "site_config.yml")
    assert [p.code for p in checked.report.errors] == ["withheld-source"]
    assert published_sources(checked.filings, content, publish_contact=True) == [None, None]



def test_an_office_source_with_a_withheld_row_is_not_published_even_with_contacts(tmp_path):
    """A workbook 原文 cannot be blanked of a withheld row ("2 | 某涉密项目 | 涉密，不予公开"): while the site publishes
    contact fields it publishes other workbooks as they are, never one holding a withheld row."""
    withheld = "projects:\n  - withheld: {numbers: [2, 2], notice: 涉密，不予公开, reason: 涉密}\n"
    content = write_content(tmp_path, {
        "d/a.yml": FILING.format(year=2025) + "source: a.xlsx\n" + withheld,
        "d/b.yml": FILING.format(year=2024) + "source: b.xlsx\n"})
    (content / "sources").mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        (content / "sources" / name).write_bytes(b"PK\x03\x04 WITHHELD-NAME-CANARY")
    checked = check_content(content, tmp_path / "site_config.yml")
    assert [(s and s.url) for s in published_sources(checked.filings, content, publish_contact=True)] == [
        None, "sources/b.xlsx"]
    assert published_sources(checked.filings, content, publish_contact=False) == [None, None]


def test_a_source_with_a_withheld_record_without_its_notice_is_not_published(tmp_path):
    """The rows of a withheld record are found in a text 原文 by its notice: without one ("6-13号项目" typed by hand
    over a 原文 listing those projects in full), the 原文 cannot be blanked and is not published."""
    content = write_content(tmp_path, {
        "d/a.yml": FILING.format(year=2025) + "source: a.txt\nprojects:\n  - withheld: {numbers: [2, 2], reason: 涉密}\n",
        "d/b.yml": FILING.format(year=2024) + "source: b.txt\nprojects:\n"
                   "  - withheld: {numbers: [2, 2], notice: 涉密，不予公开, reason: 涉密}\n",
        "sources/a.txt": "1\t公开项目\n2\tWITHHELD-NAME-CANARY\t100\n",
        "sources/b.txt": "1\t公开项目\n2\tWITHHELD-NAME-CANARY\t涉密，不予公开\n"})
    site = quick_build(tmp_path, content, tmp_path / "site").output
    assert not (site / "sources" / "a.txt").exists()
    assert (site / "sources" / "b.txt").read_text("utf-8") == "1\t公开项目\n2\t［已隐去］\t涉密，不予公开\n"

# --- the output folder (item 4) ------------------------------------------------------------

def run_cli(cwd: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """`gongkai` in a real process, run from `cwd` with this worktree's code."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture
def project(tmp_path) -> Path:
    """A working directory as an operator has it: content/, templates/, site_config.yml."""
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(FIXTURE / "site_config.yml", tmp_path / "site_config.yml")
    return tmp_path


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("output, message", [
    ("content", "输出目录 {root}/content 就是内容目录 {root}/content"),
    (".", "输出目录 {root} 包含内容目录 {root}/content"),
    ("templates", "输出目录 {root}/templates 就是模板目录 {root}/templates"),
    ("site_config.yml", "输出目录 {root}/site_config.yml 就是配置文件 {root}/site_config.yml"),
    ("/", "输出目录 / 包含内容目录 {root}/content"),
    ("content/site", "输出目录 {root}/content/site 在内容目录 {root}/content 之内"),
])
def test_an_output_holding_the_inputs_is_refused_and_nothing_changes(project, output, message):
    before = tree(project)
    result = run_cli(project, "build", "--no-search", "-o", output)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("未生成网站：" + message.format(root=project) + "：" if "之内" not in message
                                    else "未生成网站：" + message.format(root=project) + "。")
    assert tree(project) == before


def test_output_dir_in_the_config_is_held_to_the_same_rule(project):
    config = project / "site_config.yml"
    config.write_text(config.read_text("utf-8") + "output_dir: content\n", encoding="utf-8")
    before = tree(project)
    result = run_cli(project, "build", "--no-search")
    assert result.returncode == 1
    assert result.stderr.startswith(f"未生成网站：输出目录 {project}/content 就是内容目录 {project}/content：")
    assert tree(project) == before


def test_a_folder_gongkai_did_not_write_is_not_replaced(project):
    mine = project / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("我的文件\n", encoding="utf-8")
    result = run_cli(project, "build", "--no-search", "-o", "mine")
    assert result.returncode == 1
    assert result.stderr == (f"未生成网站：输出目录 {mine} 已有文件，但不是 Gongkai 生成的网站（没有 .gongkai-site 标记文件）；"
                             "为免误删，不替换它。请指定一个空目录或新目录，或先自行移走这个目录\n")
    assert (mine / "notes.txt").read_text("utf-8") == "我的文件\n"


def test_a_site_gongkai_wrote_is_replaced_and_so_is_an_empty_folder(project):
    (project / "empty").mkdir()
    assert run_cli(project, "build", "--no-search", "-o", "empty").returncode == 0
    assert (project / "empty" / ".gongkai-site").is_file() and (project / "empty" / "index.html").is_file()
    assert run_cli(project, "build", "--no-search", "-o", "empty").returncode == 0


# --- two builds at once, and waits that end (item 5) ------------------------------------

HOLD_LOCK = """
import sys
from pathlib import Path
from generator.publish import build_lock
with build_lock(Path(sys.argv[1]).resolve()):
    print("locked", flush=True)
    sys.stdin.read()  # until the test closes stdin
"""


def test_a_second_build_is_refused_while_one_holds_the_output(project):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, "site"], cwd=project, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == "locked\n"
        result = run_cli(project, "build", "--no-search")
        assert result.returncode == 1
        assert result.stderr == (f"未生成网站：另一个 gongkai build 正在生成 {project}/site（锁文件 {project}/.site.lock）。"
                                 "请等它完成后再运行；原有网站保持不变\n")
        assert not (project / "site").exists() and not (project / ".site.building").exists()
    finally:
        holder.communicate("", timeout=60)
    assert run_cli(project, "build", "--no-search").returncode == 0  # the lock ends with its holder


def test_two_real_builds_at_once_never_publish_a_partial_site(project, tmp_path_factory):
    reference = tmp_path_factory.mktemp("reference") / "site"
    run_cli(project, "build", "--no-search", "-o", str(reference)).check_returncode()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator.cli", "build", "--no-search", "--no-cache"]
    builds = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for _ in range(2)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1])
    assert all("另一个 gongkai build 正在生成" in err for code, err in results if code == 1)
    assert sorted(tree(project / "site")) == sorted(tree(reference))


def test_a_pagefind_that_never_answers_ends_the_build_with_a_message(project, monkeypatch):
    from generator import search

    hung = project / "pagefind"
    hung.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    hung.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(hung))
    monkeypatch.setattr(search, "PAGEFIND_TIMEOUT", 1.0)
    monkeypatch.chdir(project)
    with pytest.raises(search.SearchIndexError, match="^Pagefind 服务 1 秒没有回应，已停止$"):
        build(project / "content", project / "site_config.yml", project / "templates", project / "site", cache=False)
    assert not (project / "site").exists()


# --- a disk that refuses writes (item 9) -------------------------------------------------

WRITE_LIMIT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
from generator.cli import main
sys.exit(main(["build", "--no-search", "--no-cache"]))
"""


def test_a_disk_that_refuses_a_write_gives_a_message_not_a_traceback(project):
    result = subprocess.run([sys.executable, "-c", WRITE_LIMIT], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 1
    assert result.stderr == "未完成：文件超过系统允许的大小。已发布的网站保持不变。\n"
    assert not (project / "site").exists()


@pytest.mark.parametrize("number, text", [(errno.ENOSPC, "site/index.html：磁盘空间不足"),
                                          (errno.EROFS, "site/index.html：文件系统是只读的"),
                                          (errno.EADDRINUSE, "端口已被占用，请用 --port 换一个")])
def test_full_and_read_only_disks_and_a_busy_port_are_named(number, text):
    filename = None if number == errno.EADDRINUSE else "site/index.html"
    assert os_error_text(OSError(number, os.strerror(number), filename)) == text


# --- hostile YAML (item 7): a located error within bounded memory and CPU ---------------------

HOSTILE_MEMORY = 1 << 30  # address space of the checking process: a billion-laughs expansion needs several GB
HOSTILE_CPU_SECONDS = 60  # CPU time, not wall-clock: it only catches a runaway, never a slow machine

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]\n" for n in range(9))
HOSTILE = {
    "billion-laughs": (LAUGHS, "d/a.yml:1:13  d[7][9][0][1]  [错误 yaml-limit] 通过 * 别名复制的内容超过 10000 项  "
                               "提示：不要用 & 锚点和 * 别名层层复制内容；把内容照写出来"),
    "recursive-alias": ("a: &a [x, *a]\n", "d/a.yml:1:4  a[1]  [错误 yaml-limit] 别名引用了包含它自己的内容（无限循环）  "
                                           "提示：删除这个 * 别名，把内容照写一遍"),
    "600-levels-flow": ("a: " + "[" * 600 + "]" * 600 + "\n",
                        "d/a.yml:1:67  (文件)  [错误 yaml-limit] 嵌套超过 64 层  提示：文件的层次应与表格一致，通常不超过 10 层；检查括号是否成对"),
    "600-levels-block": ("".join("  " * n + f"k{n}:\n" for n in range(600)) + "  " * 600 + "x\n",
                         "d/a.yml:65:129  (文件)  [错误 yaml-limit] 嵌套超过 64 层  提示：文件的层次应与表格一致，通常不超过 10 层；检查括号是否成对"),
    "100000-levels": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n",
                      "d/a.yml:1:67  (文件)  [错误 yaml-limit] 嵌套超过 64 层  提示：文件的层次应与表格一致，通常不超过 10 层；检查括号是否成对"),
    "5000-digits": ("a: " + "7" * 5000 + "\n",
                    "d/a.yml:1:4  a  [错误 yaml-limit] 数字有 5000 位，超过上限 100 位  提示：核对这个数字；如果是编码等文字，请加引号"),
    "50-MB": ("a: |\n" + ("  " + "填" * 100 + "\n") * 166_000,
              "d/a.yml:1:1  (文件)  [错误 yaml-limit] 文件有 50.3 MB，超过上限 5 MB  "
              "提示：项目很多时，把项目分别放在文件旁的 <年度>-<类型>.projects/ 文件夹里，每个项目一个文件"),
}


def _bounded() -> None:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (HOSTILE_MEMORY, HOSTILE_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (HOSTILE_CPU_SECONDS, HOSTILE_CPU_SECONDS))


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_yaml_is_a_located_error_in_bounded_memory_and_time(tmp_path, case):
    text, expected = HOSTILE[case]
    content = write_content(tmp_path, {"d/a.yml": text})
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check", "content"], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                            preexec_fn=_bounded, timeout=300)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [f"content/{expected}", "共 1 个错误，0 个警告。"]
    assert content.is_dir()
