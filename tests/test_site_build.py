"""Builds are deterministic (same input, same bytes) and atomic (a failed build changes nothing).

Both use the small fixture site (tests/fixtures/site); the first build is the session's
`fixture_site`, so each test here adds one build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import jinja2
import pytest

from generator import publish
from generator.build import build
from generator.problems import ContentError
from tests.history_repo import fixture_repo

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
TEMPLATES = ROOT / "templates"


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file's bytes by site-relative path, except the Pagefind index.

    Pagefind's output is not deterministic: its filter and metadata indexes (and the
    file names derived from their hashes, and pagefind-entry.json) change from one run
    to the next on the same input (Pagefind/pagefind#638, still so in 1.5). Only
    pagefind/ is excluded; everything Gongkai writes itself is compared.
    """
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted({k for k in a.keys() | b.keys() if a.get(k) != b.get(k)})


def test_two_builds_of_the_same_input_are_byte_identical(fixture_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"  # from a repository of its own, made by the same script: the same history
    build(fixture_repo(tmp_path / "repo"), FIXTURE / "site_config.yml", TEMPLATES, again, search=True)
    first, second = snapshot(fixture_site), snapshot(again)
    assert len(first) > 30
    assert differences(first, second) == []


# --- atomic: a failed build leaves the previous site as it was ----------------------

@pytest.fixture
def published(fixture_site: Path, tmp_path: Path) -> Path:
    """A copy of a good build, standing in for the site currently online."""
    site = tmp_path / "public" / "site"
    shutil.copytree(fixture_site, site)
    return site


def assert_untouched(site: Path, before: dict[str, bytes]) -> None:
    assert differences(before, snapshot(site)) == []
    # Beside the site only the cache, the build lock and the folder the next build starts from may remain
    # (the failed build's staging folder, as .site.previous): no .site.building, no half-published site.
    assert sorted(p.name for p in site.parent.iterdir()
                  if p.name not in (".site.cache", ".site.lock", ".site.previous")) == ["site"]


def test_bad_content_leaves_the_previous_site_untouched(published: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    broken = content / "demo-sfj" / "2025-pifu.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("fiscal_year: 2025", "fiscal_year: [2025"),
                      encoding="utf-8")
    before = snapshot(published)
    with pytest.raises(ContentError):
        build(content, FIXTURE / "site_config.yml", TEMPLATES, published, search=False)
    assert_untouched(published, before)


def test_template_error_leaves_the_previous_site_untouched(published: Path, tmp_path: Path) -> None:
    """The error comes mid-way: open data and some pages are already written to the staging folder."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    project = templates / "project.html"
    project.write_text(project.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}{{ page.no_such_field }}", 1), encoding="utf-8")
    before = snapshot(published)
    with pytest.raises(jinja2.UndefinedError):
        build(FIXTURE / "content", FIXTURE / "site_config.yml", templates, published, search=False)
    assert_untouched(published, before)


def test_interrupted_build_leaves_the_previous_site_untouched(published: Path, monkeypatch) -> None:
    """Ctrl-C at the last stage, when every page is already written to the staging folder."""
    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("generator.build.index_for_search", interrupt)
    before = snapshot(published)
    with pytest.raises(KeyboardInterrupt):
        build(FIXTURE / "content", FIXTURE / "site_config.yml", TEMPLATES, published, search=True)
    assert_untouched(published, before)


def test_failing_site_wide_download_stops_the_build(published: Path, monkeypatch) -> None:
    """A year's workbook is made in a background thread while the pages are: its error still stops the build,
    raised as it was, and the site in place stays as it was."""
    def fail(*_args, **_kwargs):
        raise OSError("disk full")
    monkeypatch.setattr("generator.open_data.write_year_workbook", fail)
    before = snapshot(published)
    with pytest.raises(OSError, match="disk full"):
        build(FIXTURE / "content", FIXTURE / "site_config.yml", TEMPLATES, published, search=False, cache=False)
    assert_untouched(published, before)


def removals(monkeypatch) -> list:
    """The folders `publish` sets aside for removal, with the processes removing them."""
    started = []
    remove = publish.remove_later
    monkeypatch.setattr(publish, "remove_later", lambda folder: started.append((folder, remove(folder))) or started[-1][1])
    return started


def test_the_replaced_site_is_kept_for_the_next_build_with_its_linked_files_only(tmp_path: Path, monkeypatch) -> None:
    """The replaced site becomes the next build's staging folder: a file linked from the cache stays (the build
    links it again only if it changed), a file the build wrote is taken out, and a linked file the new site
    does not place is dropped before publishing, with the folders it leaves empty."""
    site, cached = tmp_path / "site", tmp_path / "cached.html"
    cached.write_text("from the cache", encoding="utf-8")
    started = removals(monkeypatch)
    for text in ("old", "new"):
        with publish.staging_dir(site) as staging:
            publish.write_text(staging, "page.html", text)
            (staging / "d" / "x").mkdir(parents=True, exist_ok=True)
            if not (staging / "d" / "x" / "linked.html").exists():
                os.link(cached, staging / "d" / "x" / "linked.html")
    assert started == [], "the replaced site is kept, not removed"
    assert (site / "page.html").read_text(encoding="utf-8") == "new"
    assert (tmp_path / ".site.previous" / "page.html").read_text(encoding="utf-8") == "old"
    with publish.staging_dir(site) as staging:
        assert not (staging / "page.html").exists(), "written files are written afresh"
        assert (staging / "d" / "x" / "linked.html").stat().st_ino == cached.stat().st_ino
        publish.drop_unplaced(staging, set())
        assert sorted(p.name for p in staging.iterdir()) == [publish.MARKER]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.previous", "cached.html", "site"]
    assert cached.read_text(encoding="utf-8") == "from the cache"


def test_a_file_written_where_the_reused_folder_has_a_link_never_writes_through_it(tmp_path: Path) -> None:
    """A page that was a cache file two builds ago and is written by this build: the cache keeps its bytes."""
    site, cached = tmp_path / "site", tmp_path / "cached.html"
    cached.write_text("from the cache", encoding="utf-8")
    for _ in range(2):
        with publish.staging_dir(site) as staging:
            if not (staging / "page.html").exists():
                os.link(cached, staging / "page.html")
    with publish.staging_dir(site) as staging:
        publish.write_text(staging, "page.html", "written")
        publish.copy_tree(tmp_path / "site", staging / "copied")  # over whatever is there: also afresh
    assert (site / "page.html").read_text(encoding="utf-8") == "written"
    assert cached.read_text(encoding="utf-8") == "from the cache"


def test_builds_with_search_in_a_row_equal_a_fresh_build(tmp_path: Path) -> None:
    """From the third on, a build starts from a site with a search index: the index is taken out with the other
    files the build writes itself, and Pagefind writes its folder afresh."""
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(FIXTURE / "content", content)
    filing = content / "demo-sfj" / "2025-pifu.yml"
    for _ in range(3):
        filing.write_text(filing.read_text(encoding="utf-8").replace("title: ", "title: 修订 ", 1), encoding="utf-8")
        build(content, FIXTURE / "site_config.yml", TEMPLATES, site, search=True)
    build(content, FIXTURE / "site_config.yml", TEMPLATES, tmp_path / "fresh", search=True, cache=False)
    assert differences(snapshot(site), snapshot(tmp_path / "fresh")) == []
    fragments = [sorted(p.name for p in (folder / "pagefind" / "fragment").iterdir()) for folder in (site, tmp_path / "fresh")]
    assert len(fragments[0]) == len(fragments[1]) > 5
    assert not [p.name for p in site.iterdir() if p.name.startswith(".pagefind")]


@pytest.mark.parametrize("fails", [False, True])
def test_a_file_at_the_previous_sites_name_is_set_aside(tmp_path: Path, monkeypatch, fails: bool) -> None:
    """Not a folder a build left: neither published from nor in the way, and a failing build's own error
    is the one raised."""
    site = tmp_path / "site"
    (tmp_path / ".site.previous").write_text("not a site", encoding="utf-8")
    started = removals(monkeypatch)
    with pytest.raises(RuntimeError, match="the build's own") if fails else contextlib.nullcontext():
        with publish.staging_dir(site) as staging:
            publish.write_text(staging, "page.html", "new")
            if fails:
                raise RuntimeError("the build's own error")
    [(aside, process)] = started
    assert process.wait(timeout=60) == 0 and not aside.exists()
    assert (tmp_path / ".site.previous").is_dir() == fails
    assert (site / "page.html").exists() != fails


def test_a_killed_builds_staging_folder_and_cut_short_removals_are_removed_by_the_next_build(
        tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "site"
    for leftover in (".site.building", ".site.discarded-0123456789ab"):
        (tmp_path / leftover / "d").mkdir(parents=True)
        (tmp_path / leftover / "d" / "index.html").write_text("left over", encoding="utf-8")
    started = removals(monkeypatch)
    with publish.staging_dir(site) as staging:
        assert sorted(staging.iterdir()) == [staging / publish.MARKER]  # nothing of the killed build
    assert sorted(process.wait(timeout=60) for _, process in started) == [0, 0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- discovery: the sitemap of the built site ---------------------------------------

def test_sitemap_lists_every_built_page_exactly_once(fixture_site: Path) -> None:
    import xml.etree.ElementTree as ET
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = [loc.text for loc in ET.parse(fixture_site / "sitemap.xml").getroot().iter(f"{ns}loc")]
    built = set()
    for html in fixture_site.rglob("*.html"):
        path = html.relative_to(fixture_site).as_posix()
        if path == "404.html" or path.startswith("pagefind/"):
            continue
        built.add("https://example.test/" + path.removesuffix("index.html"))
    assert len(listed) == len(set(listed)), "a page is listed twice"
    assert set(listed) == built
    withheld_project = "https://example.test/d/demo-sfj/2024-pifu/p/"
    assert sorted(u for u in listed if u.startswith(withheld_project)) == [withheld_project + "DEMO0001/"], \
        "project 2 of the fixture is withheld: it has no page to list"


def test_regions_are_grouped_in_the_order_site_config_lists_them() -> None:
    """The seeds' config lists 湖北, 湖南, 河北: code points would put 河北 first."""
    from generator.checking import check_content
    from generator.sitemodel import build_site_model
    checked = check_content(ROOT / "content", ROOT / "site_config.yml")
    site = build_site_model(checked.config, checked.filings, ROOT / "content")
    assert [" · ".join(group.names) for group in site.regions] == [
        "湖北省 · 鄂州市", "湖北省 · 广水市", "湖南省 · 衡阳市", "河北省 · 唐山市 · 路南区", "河北省 · 唐山市 · 玉田县"]
