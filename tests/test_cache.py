"""Incremental builds: unchanged filings reuse their exports, unchanged departments their pages,
and the site is the same bytes either way."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_second_build_reuses_exports_and_writes_the_same_bytes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    args = (content, FIXTURE / "site_config.yml", ROOT / "templates")
    first = build(*args, tmp_path / "site", search=False)
    before = files(tmp_path / "site")
    second = build(*args, tmp_path / "site", search=False)
    assert (first.reused, first.made) == (0, 4)  # three filings and the site-wide set
    assert (second.reused, second.made) == (4, 0)
    assert (first.departments_reused, first.departments_rendered) == (0, 2)
    assert (second.departments_reused, second.departments_rendered) == (2, 0)
    assert files(tmp_path / "site") == before
    fresh = build(*args, tmp_path / "fresh", search=False, cache=False)
    assert (fresh.reused, fresh.made) == (0, 0)
    assert files(tmp_path / "fresh") == before


def test_changing_one_filing_remakes_only_its_exports(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    args = (content, FIXTURE / "site_config.yml", ROOT / "templates")
    build(*args, tmp_path / "site", search=False)
    filing = content / "other-sfj" / "2025-shenbao.yml"
    filing.write_text(filing.read_text(encoding="utf-8").replace("≥50件", "≥55件"), encoding="utf-8")
    again = build(*args, tmp_path / "site", search=False)
    assert (again.reused, again.made) == (2, 2)  # the changed filing and the site-wide set
    csv = (tmp_path / "site" / "d/other-sfj/2025-shenbao/data/other-sfj-2025-shenbao-indicators.csv").read_text("utf-8-sig")
    assert "≥55件" in csv and "≥50件" not in csv


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_incremental_build_equals_a_fresh_one(tmp_path):
    """The safety net of every cache key: after a change, reuse must give exactly the fresh bytes."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    args = (content, FIXTURE / "site_config.yml", ROOT / "templates")
    build(*args, tmp_path / "site", search=False)
    edit(content / "other-sfj" / "2025-shenbao.yml", "≥50件", "≥55件")
    again = build(*args, tmp_path / "site", search=False)
    fresh = build(*args, tmp_path / "fresh", search=False, cache=False)
    assert (again.departments_reused, again.departments_rendered) == (1, 1)
    assert files(tmp_path / "site") == files(tmp_path / "fresh")
    page = (tmp_path / "site" / "d/other-sfj/2025-shenbao/index.html").read_text("utf-8")
    assert "≥55件" in page and "≥50件" not in page
    assert fresh.pages == again.pages


def test_a_template_change_renders_every_department_again(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    args = (FIXTURE / "content", FIXTURE / "site_config.yml", templates)
    build(*args, tmp_path / "site", search=False)
    edit(templates / "project.html", "{% block content %}", "{% block content %}<!-- edited -->")
    again = build(*args, tmp_path / "site", search=False)
    assert (again.departments_reused, again.departments_rendered) == (0, 2)
    assert "<!-- edited -->" in (tmp_path / "site/d/demo-sfj/2025-pifu/p/DEMO0001/index.html").read_text("utf-8")


def test_entries_a_build_no_longer_uses_are_pruned(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    args = (content, FIXTURE / "site_config.yml", ROOT / "templates")
    build(*args, tmp_path / "site", search=False)
    cache = tmp_path / ".site.cache"
    before = {p.relative_to(cache).as_posix() for p in cache.glob("*/*")}
    edit(content / "other-sfj" / "2025-shenbao.yml", "≥50件", "≥55件")
    build(*args, tmp_path / "site", search=False)
    after = {p.relative_to(cache).as_posix() for p in cache.glob("*/*")}
    # The changed filing's export set, the site-wide set and its department's pages: old entries gone, new ones in.
    assert len(before) == len(after) == 6 and len(before & after) == 3
