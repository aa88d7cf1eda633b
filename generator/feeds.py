"""The Atom feed of filings, the sitemap and robots.txt.

All dates come from the filings, never from the clock, so the same content
gives the same bytes and a feed reader sees an entry change only when the
filing does. Entry ids are the permalinks, which never change once published.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from typing import TYPE_CHECKING

from .config import SiteConfig
from .identity import filing_url
from .models import Filing
from .publish import write_file

if TYPE_CHECKING:
    from .loading import FilingHead
    from .sitemodel import SiteModel

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Filing dates are calendar dates in China; Atom needs a time and zone, so midnight Beijing time.
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))
# An empty feed still needs an <updated>; a fixed date keeps it deterministic.
EMPTY_FEED_DATE = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class FeedEntry:
    title: str
    path: str  # site-relative, e.g. d/demo-sfj/2024-pifu/
    updated: dt.date  # a revision's entry has the commit's time (a datetime)
    summary: str
    author: str


def disclosure_date(filing: Filing | FilingHead) -> dt.date:
    """The date a filing became public, as far as the filing says."""
    return filing.published_on or filing.approved_on or filing.filed_on or dt.date(filing.fiscal_year, 1, 1)


def feed_entries(filings: list[FilingHead]) -> list[FeedEntry]:
    """One entry per filing, from its head (FilingView.head: no contact fields unless published; its counts are
    of what the site shows, withheld projects left out)."""
    return [FeedEntry(title=f"{f.department.name}《{f.title}》（{f.fiscal_year}年度，{f.kind}）",
                      path=filing_url(f), updated=disclosure_date(f),
                      summary=entry_summary(f), author=f.publisher or f.department.name)
            for f in filings]


def entry_summary(head: FilingHead) -> str:
    return (f"{head.department.name}{head.fiscal_year}年度绩效目标（{head.kind}）："
            f"绩效指标{head.indicator_count}项，公开项目{head.project_count}个。")


# Revisions in the feed: the latest ones (a feed reader keeps what it has seen); a filing's first
# publication is its own entry already.
FEED_REVISIONS = 100


def revision_entries(site: SiteModel) -> list[FeedEntry]:
    """One entry per revision after the first publication, newest first, with its changes as summary."""
    found = [(revision, view) for view in site.filings for revision in view.revisions[:-1]]
    found.sort(key=lambda pair: (pair[0].time, pair[0].url), reverse=True)
    return [FeedEntry(title=f"{v.head.department.name}《{v.head.title}》修订：{r.message}", path=r.url,
                      updated=r.time, summary=changes_summary([c.text for c in r.changes]),
                      author=v.head.publisher or v.head.department.name)
            for r, v in found[:FEED_REVISIONS]]


def changes_summary(texts: list[str], shown: int = 20) -> str:
    more = f"；等共 {len(texts)} 处修改" if len(texts) > shown else ""
    return "；".join(texts[:shown]) + more + "。"


def absolute_url(config: SiteConfig, path: str) -> str:
    base = config.base_url if config.base_url.endswith("/") else config.base_url + "/"
    return base + quote(path.lstrip("/"), safe="/")


# Entries in the feed: the newest filings and revisions. A feed says what is new (a reader keeps what it has
# seen); every filing of a province would make it megabytes (750 KB at 420 departments), read on every poll.
FEED_ENTRIES = 200


def write_feed(entries: list[FeedEntry], config: SiteConfig, out: Path, limit: int = FEED_ENTRIES) -> None:
    """out/feed.xml: the newest `limit` entries, newest first; ties in path order so the output never depends on
    input order."""
    ordered = sorted(sorted(entries, key=lambda e: e.path), key=lambda e: atom_time(e.updated), reverse=True)[:limit]
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: config.languages[0]})
    ET.SubElement(feed, "id").text = absolute_url(config, "")
    ET.SubElement(feed, "title").text = config.title
    ET.SubElement(feed, "link", {"rel": "self", "href": absolute_url(config, "feed.xml")})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": absolute_url(config, "")})
    newest = ordered[0].updated if ordered else EMPTY_FEED_DATE
    ET.SubElement(feed, "updated").text = atom_time(newest)
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = config.organisation
    for entry in ordered:
        feed.append(entry_element(entry, config))
    write_xml(feed, out / "feed.xml")


def entry_element(entry: FeedEntry, config: SiteConfig) -> ET.Element:
    url = absolute_url(config, entry.path)
    element = ET.Element("entry")
    ET.SubElement(element, "id").text = url
    ET.SubElement(element, "title").text = entry.title
    ET.SubElement(element, "link", {"rel": "alternate", "type": "text/html", "href": url})
    ET.SubElement(element, "updated").text = atom_time(entry.updated)
    ET.SubElement(ET.SubElement(element, "author"), "name").text = entry.author
    ET.SubElement(element, "summary").text = entry.summary
    return element


def atom_time(date: dt.date) -> str:
    if isinstance(date, dt.datetime):
        return date.astimezone(CHINA_TIME).isoformat()
    return dt.datetime.combine(date, dt.time(), CHINA_TIME).isoformat()


SITEMAP_LIMIT = 50_000  # URLs a sitemap file may hold (sitemaps.org protocol)


def write_sitemap(page_paths: list[str], config: SiteConfig, out: Path, limit: int = SITEMAP_LIMIT) -> None:
    """out/sitemap.xml: each page once, sorted, absolute (no lastmod: pages carry no dates here).

    Beyond `limit` URLs, sitemap.xml becomes an index of sitemap-1.xml, sitemap-2.xml, …
    """
    urls = sorted({absolute_url(config, path) for path in page_paths})
    parts = [urls[n:n + limit] for n in range(0, len(urls), limit)] or [[]]
    if len(parts) == 1:
        write_xml(_urlset(parts[0]), out / "sitemap.xml")
        return
    index = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
    for number, part in enumerate(parts, 1):
        write_xml(_urlset(part), out / f"sitemap-{number}.xml")
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = absolute_url(config, f"sitemap-{number}.xml")
    write_xml(index, out / "sitemap.xml")


def _urlset(urls: list[str]) -> ET.Element:
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for url in urls:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = url
    return urlset


def write_robots(config: SiteConfig, out: Path) -> None:
    text = f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(config, 'sitemap.xml')}\n"
    write_file(out / "robots.txt", text.encode("utf-8"))


def write_xml(root: ET.Element, path: Path) -> None:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    write_file(path, ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8"))
