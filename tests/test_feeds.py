"""Atom feed, sitemap and robots.txt: valid, newest first, every page once, dated only by filings."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest

from generator.config import SiteConfig, load_config
from generator.feeds import (FeedEntry, disclosure_date, feed_entries, write_feed, write_robots,
                             write_sitemap)
from generator.loading import FilingHead, load_content

SITE = Path(__file__).parent / "fixtures" / "site"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    config, problems = load_config(SITE / "site_config.yml")
    assert config and not problems
    return config


@pytest.fixture(scope="module")
def filings() -> list[FilingHead]:
    loaded, problems = load_content(SITE / "content")
    assert not problems
    return [f.head for f in loaded]


def parse_feed(config: SiteConfig, entries: list[FeedEntry], out: Path) -> feedparser.FeedParserDict:
    write_feed(entries, config, out)
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_feed_is_atom_with_entries_newest_first(config, filings, tmp_path):
    parsed = parse_feed(config, feed_entries(filings), tmp_path)
    assert parsed.version == "atom10"
    assert parsed.feed.title == "测试站点"
    # 2025-03-20 published, 2024-12-30 filed, 2024-02-15 published, 2023-02-10 published.
    assert [e.link for e in parsed.entries] == [
        "https://example.test/d/demo-sfj/2025-pifu/",
        "https://example.test/d/other-sfj/2025-shenbao/",
        "https://example.test/d/demo-sfj/2024-pifu/",
        "https://example.test/d/demo-court/2023-gongkai/"]
    assert [e.updated for e in parsed.entries] == [
        "2025-03-20T00:00:00+08:00", "2024-12-30T00:00:00+08:00", "2024-02-15T00:00:00+08:00",
        "2023-02-10T00:00:00+08:00"]
    assert parsed.feed.updated == "2025-03-20T00:00:00+08:00"  # the newest filing, not the build time


def test_entry_ids_are_permalinks(config, filings, tmp_path):
    parsed = parse_feed(config, feed_entries(filings), tmp_path)
    assert [e.id for e in parsed.entries] == [e.link for e in parsed.entries]
    assert parsed.entries[0].author == "示例市司法局"
    assert "示例市司法局" in parsed.entries[0].title and "2025" in parsed.entries[0].title


def test_entry_paths_are_filing_pages(filings):
    assert [e.path for e in feed_entries(filings)] == [
        "d/demo-court/2023-gongkai/", "d/demo-sfj/2024-pifu/", "d/demo-sfj/2025-pifu/", "d/other-sfj/2025-shenbao/"]


def test_updated_comes_from_the_filing_dates(filings):
    filing = next(f for f in filings if f.department.id == "demo-sfj")
    dated = replace(filing, published_on=None)
    assert disclosure_date(filing) == dt.date(2024, 2, 15)
    assert disclosure_date(dated) == dt.date(2024, 2, 1)  # approved_on
    dated = replace(dated, approved_on=None, filed_on=dt.date(2023, 12, 30))
    assert disclosure_date(dated) == dt.date(2023, 12, 30)
    assert disclosure_date(replace(dated, filed_on=None)) == dt.date(2024, 1, 1)


def test_feed_bytes_do_not_depend_on_input_order(config, filings, tmp_path):
    write_feed(feed_entries(filings), config, tmp_path / "a")
    write_feed(list(reversed(feed_entries(filings))), config, tmp_path / "b")
    assert (tmp_path / "a" / "feed.xml").read_bytes() == (tmp_path / "b" / "feed.xml").read_bytes()


def test_the_feed_holds_the_newest_entries_only(config, filings, tmp_path):
    write_feed(feed_entries(filings), config, tmp_path, limit=2)
    parsed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert [e.link for e in parsed.entries] == [
        "https://example.test/d/demo-sfj/2025-pifu/", "https://example.test/d/other-sfj/2025-shenbao/"]
    assert parsed.feed.updated == "2025-03-20T00:00:00+08:00"


def test_feed_escapes_text(config, tmp_path):
    entry = FeedEntry(title="<b>A & B</b>", path="d/x/2025-pifu/", updated=dt.date(2025, 1, 2),
                      summary="≥100件 & <50元", author="某局")
    parsed = parse_feed(config, [entry], tmp_path)
    assert parsed.entries[0].summary == "≥100件 & <50元"


def test_empty_feed_is_still_valid(config, tmp_path):
    assert parse_feed(config, [], tmp_path).entries == []


def test_feed_leaks_nothing_withheld(config, filings, tmp_path):
    write_feed(feed_entries(filings), config, tmp_path)
    assert b"CANARY" not in (tmp_path / "feed.xml").read_bytes()


def test_sitemap_lists_each_page_once_sorted_and_absolute(config, tmp_path):
    pages = ["d/demo-sfj/", "", "d/demo-sfj/2024-pifu/", "d/demo-sfj/", "about/"]
    write_sitemap(pages, config, tmp_path)
    root = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    assert [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")] == [
        "https://example.test/", "https://example.test/about/", "https://example.test/d/demo-sfj/",
        "https://example.test/d/demo-sfj/2024-pifu/"]


def test_a_large_sitemap_becomes_an_index_of_parts(config, tmp_path):
    write_sitemap(["", "a/", "b/", "c/", "d/"], config, tmp_path, limit=2)
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{SITEMAP_NS}loc")]
    assert parts == [f"https://example.test/sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = [loc.text for n in (1, 2, 3)
              for loc in ET.parse(tmp_path / f"sitemap-{n}.xml").getroot().iter(f"{SITEMAP_NS}loc")]
    assert listed == ["https://example.test/", "https://example.test/a/", "https://example.test/b/",
                      "https://example.test/c/", "https://example.test/d/"]


def test_robots_points_at_the_sitemap(config, tmp_path):
    write_robots(config, tmp_path)
    assert "Sitemap: https://example.test/sitemap.xml\n" in (tmp_path / "robots.txt").read_text("utf-8")
