"""Builds are deterministic (same input, same bytes) and atomic (a failed build changes nothing).

Both use the small fixture site (tests/fixtures/site); the first build is the session's
`fixture_site`, so each test here adds one build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from generator.build import build
from generator.problems import ContentError

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
    again = tmp_path / "site"
    build(FIXTURE / "content", FIXTURE / "site_config.yml", TEMPLATES, again, search=True)
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
    # Beside the site only the export cache (.site.cache) may remain: no .site.building, no .site.old.
    assert sorted(p.name for p in site.parent.iterdir() if p.name != ".site.cache") == ["site"]


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
