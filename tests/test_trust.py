"""Trust boundaries (issue 13): what hostile or careless input must never do to a build.

No file written outside the site, no file published from outside content/sources/,
no folder deleted that Gongkai did not write, no traceback, no hang.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.build import build
from generator.checking import check_content
from generator.problems import ContentError
from generator.sources import published_sources

from conftest import ROOT

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
