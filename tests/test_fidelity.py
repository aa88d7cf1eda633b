"""Fidelity: every cell of every seed's tables, and every line of its prose, is in the YAML.

For each filing whose `source` names a seed text in content/sources/, each
tab-separated cell (and each prose line) of the seed must appear in that
filing's YAML: short cells (figures, values, names) as a whole value, long
cells (narrative) at least as a substring of one text. Form headers,
instructions and web-UI debris are listed, one per line, in
tests/fidelity/<seed>.ignore so that what is skipped can be reviewed.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator.loading import filing_files
from generator.yamlsource import load_file

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SOURCES = CONTENT / "sources"
IGNORES = Path(__file__).parent / "fidelity"
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
LONG = 12  # cells at least this long may be part of a longer text


def seed_cells(text: str) -> list[str]:
    cells = []
    for line in text.splitlines():
        for cell in BOOKMARK.sub("", line).split("\t"):
            cell = cell.strip()
            if cell:
                cells.append(cell)
    return cells


def scalars(data) -> list[str]:
    if isinstance(data, dict):
        return [str(k) for k in data] + [s for v in data.values() for s in scalars(v)]
    if isinstance(data, list):
        return [s for v in data for s in scalars(v)]
    if data is None:
        return []
    if isinstance(data, Decimal):
        return [str(data)]
    return [str(data)]


def filings_by_source() -> dict[str, Path]:
    found = {}
    for path in filing_files(CONTENT):
        data = load_file(path).data
        if isinstance(data, dict) and data.get("source"):
            found[data["source"]] = path
    return found


def missing_cells(seed: Path, filing: Path) -> list[str]:
    ignore_file = IGNORES / f"{seed.stem}.ignore"
    ignored = set(ignore_file.read_text(encoding="utf-8").splitlines()) if ignore_file.exists() else set()
    values = scalars(load_file(filing).data)
    exact = set(values)
    long_texts = [v for v in values if len(v) >= LONG]
    missing = []
    for cell in seed_cells(seed.read_text(encoding="utf-8")):
        if cell in exact or cell in ignored:
            continue
        if len(cell) >= LONG and any(cell in text for text in long_texts):
            continue
        missing.append(cell)
    return missing


SEEDS = sorted(SOURCES.glob("*.txt"))


def test_every_seed_has_a_filing():
    assert sorted(filings_by_source()) == [seed.name for seed in SEEDS]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_cells_are_all_in_the_yaml(seed: Path):
    filing = filings_by_source().get(seed.name)
    assert filing, f"no filing has source: {seed.name}"
    missing = missing_cells(seed, filing)
    assert not missing, f"{len(missing)} cells of {seed.name} are not in {filing.name}:\n" + "\n".join(missing)


# --- the published pages ------------------------------------------------------------------

TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # a tag, not a comparator such as "<=30%"
SPACE = re.compile(r"\s+")


def visible(markup: str) -> str:
    """Text as a reader sees it, with tags and all white space removed so that line breaks and
    paragraphs (rendered from the seed's own <p> markup) do not matter."""
    return SPACE.sub("", html.unescape(TAG.sub("", markup)))


def published_text(site: Path, filing: Path) -> str:
    """The <main> of the filing's page and of each of its project pages."""
    data = load_file(filing).data
    folder = site / "d" / data["department"]["id"] / filing.stem
    pages = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("index.html"))]
    return "".join(visible(page[page.index("<main"):page.index("</main>")]) for page in pages)


def contact_cells(filing: Path) -> set[str]:
    """填报人 and 联系电话: kept in the YAML, not published unless site_config.yml says so."""
    return {str(v) for v in (load_file(filing).data.get("contact") or {}).values()}


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_cells_are_all_on_the_published_pages(seed: Path, content_site: Path):
    """The same cells as above, looked for in the built site rather than in the YAML."""
    filing = filings_by_source()[seed.name]
    ignore_file = IGNORES / f"{seed.stem}.ignore"
    ignored = set(ignore_file.read_text(encoding="utf-8").splitlines()) | contact_cells(filing)
    text = published_text(content_site, filing)
    missing = [cell for cell in seed_cells(seed.read_text(encoding="utf-8"))
               if cell not in ignored and visible(cell) not in text]
    assert not missing, f"{len(missing)} cells of {seed.name} are not on the pages of {filing.name}:\n" + "\n".join(missing)
