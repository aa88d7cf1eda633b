"""Incremental builds: unchanged filings reuse their parsed models and exports, unchanged
departments their pages, and the site is the same bytes either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import BuildResult, build
from generator.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
CHANGED = Path("other-sfj") / "2025-shenbao.yml"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


class Site:
    """A copy of the fixture content and templates under tmp_path, built into tmp_path/site."""

    def __init__(self, tmp_path: Path):
        self.root = tmp_path
        self.content, self.templates = tmp_path / "content", tmp_path / "templates"
        shutil.copytree(FIXTURE / "content", self.content)
        shutil.copytree(ROOT / "templates", self.templates)

    def build(self, folder: str = "site", cache: bool = True, jobs: int | None = None) -> BuildResult:
        return build(self.content, FIXTURE / "site_config.yml", self.templates, self.root / folder,
                     search=False, cache=cache, jobs=jobs)

    def files(self, folder: str = "site") -> dict[str, bytes]:
        return files(self.root / folder)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


def test_second_build_reuses_everything_and_writes_the_same_bytes(site):
    first = site.build()
    before = site.files()
    second = site.build()
    assert (first.reused, first.made) == (0, 5)  # four filings and the site-wide set
    assert (second.reused, second.made) == (5, 0)
    assert (first.departments_reused, first.departments_rendered) == (0, 3)
    assert (second.departments_reused, second.departments_rendered) == (3, 0)
    assert (first.filings_reused, second.filings_reused) == (0, 4)
    assert site.files() == before
    fresh = site.build("fresh", cache=False)
    assert (fresh.reused, fresh.made, fresh.filings_reused) == (0, 5, 0)
    assert site.files("fresh") == before
    assert not [p.name for p in site.root.iterdir() if "fresh" in p.name and p.name not in ("fresh", ".fresh.lock")], \
        "without the cache, nothing but the build lock is kept beside the site"


def test_changing_one_filing_remakes_only_what_it_feeds(site):
    site.build()
    edit(site.content / CHANGED, "≥50件", "≥55件")
    again = site.build()
    assert (again.reused, again.made) == (3, 2)  # the changed filing and the site-wide set
    assert (again.departments_reused, again.departments_rendered) == (2, 1)
    assert again.filings_reused == 3
    csv = (site.root / "site/d/other-sfj/2025-shenbao/data/other-sfj-2025-shenbao-indicators.csv").read_text("utf-8-sig")
    assert "≥55件" in csv and "≥50件" not in csv


def test_an_incremental_build_equals_a_fresh_one(site):
    """The safety net of every cache key: after a change, reuse must give exactly the fresh bytes."""
    site.build()
    edit(site.content / CHANGED, "≥50件", "≥55件")
    again = site.build()
    fresh = site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")
    page = (site.root / "site/d/other-sfj/2025-shenbao/index.html").read_text("utf-8")
    assert "≥55件" in page and "≥50件" not in page
    assert fresh.pages == again.pages


def test_a_template_change_renders_every_department_again(site):
    site.build()
    edit(site.templates / "project.html", "{% block content %}", "{% block content %}<!-- edited -->")
    again = site.build()
    assert (again.departments_reused, again.departments_rendered) == (0, 3)
    assert "<!-- edited -->" in (site.root / "site/d/demo-sfj/2025-pifu/p/DEMO0001/index.html").read_text("utf-8")


def test_entries_a_build_no_longer_uses_are_pruned(site):
    site.build()
    cache = site.root / ".site.cache"
    before = {p.relative_to(cache).as_posix() for p in cache.glob("*/*")}
    edit(site.content / CHANGED, "≥50件", "≥55件")
    site.build()
    after = {p.relative_to(cache).as_posix() for p in cache.glob("*/*")}
    # The changed filing (parsed and exported), the site-wide set and its department's pages:
    # old entries gone, new ones in.
    assert len(before) == len(after) == 12 and len(before & after) == 8


def test_an_unreadable_parsed_entry_is_parsed_again(site):
    site.build()
    before = site.files()
    kept = sorted((site.root / ".site.cache" / "parsed").iterdir())
    assert len(kept) == 4
    kept[0].write_bytes(b"not a pickle")
    assert site.build().filings_reused == 3
    assert site.files() == before


def test_a_cached_filing_that_is_then_broken_stops_the_build(site):
    site.build()
    edit(site.content / CHANGED, "fiscal_year: 2025", "fiscal_year: 二〇二五")
    with pytest.raises(ContentError) as raised:
        site.build()
    assert [p.code for p in raised.value.report.errors] == ["wrong-type"]


def test_jobs_on_several_processes_write_the_same_site(site):
    """Exports and department pages made by worker processes: the same bytes as in one process."""
    one = site.build("one", jobs=1)
    two = site.build("two", jobs=2)
    assert (two.made, two.departments_rendered) == (one.made, one.departments_rendered) == (5, 3)
    assert site.files("two") == site.files("one")


def test_filings_parsed_on_several_processes_are_the_same_filings(site):
    from generator.checking import check_content
    one = check_content(site.content, FIXTURE / "site_config.yml", jobs=1)
    two = check_content(site.content, FIXTURE / "site_config.yml", jobs=2)
    assert [f.filing for f in two.filings] == [f.filing for f in one.filings]
    assert [p.format() for p in two.report.sorted()] == [p.format() for p in one.report.sorted()]
