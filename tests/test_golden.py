"""Golden HTML: every page of the small fixture site (tests/fixtures/site) against tests/golden/.

A failing page shows a unified diff of expected (golden) against built HTML.
When a change to the pages is intended, regenerate the golden files and review
them with `git diff tests/golden/` before committing:

    python -m tests.test_golden --regenerate

or, running the tests:

    GONGKAI_REGENERATE=1 python -m pytest tests/test_golden.py

Golden files are the built site's HTML pages only: not the Pagefind index, not
binary files (XLSX), not the open-data files (tested in test_exports.py), not
static/ (copied as-is from templates/static/).
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from generator.build import build
from tests.history_repo import fixture_repo

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("GONGKAI_REGENERATE") == "1"
DIFF_LINES = 120  # enough to see what changed; the rest is elided


def built_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))
            if p.relative_to(site).parts[0] not in ("pagefind", "static")}


def golden_pages() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.html"))


def write_golden(pages: dict[str, str]) -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, text in pages.items():
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def readable_diff(rel: str, expected: str, actual: str) -> str:
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      f"tests/golden/{rel} (expected)", f"{rel} (built)", lineterm="", n=2))
    shown = lines[:DIFF_LINES] + ([f"... {len(lines) - DIFF_LINES} more diff lines"] if len(lines) > DIFF_LINES else [])
    return "\n".join(shown) + "\n\nIf the change is intended: python -m tests.test_golden --regenerate"


@pytest.fixture(scope="module")
def pages(fixture_site: Path) -> dict[str, str]:
    found = built_pages(fixture_site)
    if REGENERATE:
        write_golden(found)
    return found


def test_the_same_pages_are_built(pages: dict[str, str]) -> None:
    assert sorted(pages) == golden_pages(), "pages added or removed: python -m tests.test_golden --regenerate"


@pytest.mark.parametrize("rel", golden_pages() or ["(no golden files yet)"])
def test_page_matches_golden(rel: str, pages: dict[str, str]) -> None:
    golden = GOLDEN / rel
    assert golden.is_file(), "no golden files: python -m tests.test_golden --regenerate"
    expected = golden.read_text(encoding="utf-8")
    actual = pages.get(rel)
    assert actual is not None, f"{rel} is no longer built"
    if actual != expected:
        pytest.fail(readable_diff(rel, expected, actual), pytrace=False)


def regenerate() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        content = fixture_repo(Path(tmp) / "repo")  # the same scripted history as the fixture_site of conftest
        build(content, FIXTURE / "site_config.yml", ROOT / "templates", site, search=False, cache=False)
        pages = built_pages(site)
    write_golden(pages)
    print(f"wrote {len(pages)} golden pages to {GOLDEN.relative_to(ROOT)}/; review them with git diff")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit("usage: python -m tests.test_golden --regenerate")
    sys.exit(regenerate())
