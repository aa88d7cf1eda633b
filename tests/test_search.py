"""Search, in Chromium: the Pagefind index `gongkai build` writes, driven through the search page.

Expected results are derived from the content (through the site model), never typed in by hand.
The sites and the browser are the session fixtures of conftest.py.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from generator.build import build
from generator.checking import check_content
from generator.identity import goal_id, indicator_anchors
from generator.search import (HAN, PAGE_MARK, PagefindFeed, department_name_files, indexed_part, name_file,
                              page_url, spaced, spaced_html)
from generator.sitemodel import SiteModel, build_site_model
from tests.test_site_quality import WCAG_AA, WIDTHS

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
TOPICS = ("法律援助", "社区矫正", "满意度")


# --- the content, as the site model holds it ------------------------------------------

def site_model(content: Path, config: Path) -> SiteModel:
    checked = check_content(content, config)
    return build_site_model(checked.config, checked.filings, content)


@pytest.fixture(scope="module")
def model() -> SiteModel:
    return site_model(ROOT / "content", ROOT / "site_config.yml")


def indicators_of(view):
    """(page URL, indicator) for every indicator row of a filing: its own goals, then each project's."""
    for goal in view.filing.goals:
        yield from ((view.url, i) for i in goal.indicators)
    for project in view.projects:
        yield from ((project.url, i) for goal in project.project.goals for i in goal.indicators)


def filings_about(model: SiteModel, term: str) -> set[str]:
    """Filings with an indicator or a project whose name holds the term."""
    return {view.url for view in model.filings
            if any(term in (i.name or "") for _, i in indicators_of(view))
            or any(term in (p.project.name or "") for p in view.projects)}


def filing_of(url: str) -> str | None:
    match = re.match(r"/?(d/[^/]+/\d{4}-[a-z]+/)", url)
    return match.group(1) if match else None


# --- driving the search page -------------------------------------------------------------

def search(page, base: str, query: str, **filters: str) -> str:
    """Open the search page for a query (filters by URL parameter) and wait for its answer."""
    params = {"q": query, **filters} if query else filters
    page.goto(f"{base}search/?{urlencode(params, quote_via=quote)}")
    return wait_for_answer(page)


def wait_for_answer(page) -> str:
    page.wait_for_function("() => { const s = document.getElementById('search-status').textContent;"
                           " return s && !s.startsWith('正在'); }")
    return page.text_content("#search-status")


def all_results(page) -> list[dict]:
    """Every result of the current search: 'more' is pressed until nothing is left."""
    while page.locator("button.more-results").count():
        shown = page.locator("#results > li").count()
        page.click("button.more-results")
        page.wait_for_function(f"document.querySelectorAll('#results > li').length > {shown}")
    return page.eval_on_selector_all("#results > li", """items => items.map(li => ({
        href: li.querySelector('h2 a').getAttribute('href'), title: li.querySelector('h2 a').textContent,
        kind: li.dataset.kind, year: li.dataset.year, score: Number(li.dataset.score),
        meta: li.querySelector('.result-meta').textContent,
        rows: [...li.querySelectorAll('.result-rows a')].map(a => a.getAttribute('href')),
        marks: [...li.querySelectorAll('.result-excerpt mark')].map(m => m.textContent)}))""")


def page_text(site: Path, href: str) -> str:
    path = href.split("#")[0].lstrip("/")
    html = (site / path / "index.html").read_text(encoding="utf-8")
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", main))


# --- the index ---------------------------------------------------------------------------

def test_index_is_written_inside_the_site_with_no_ready_made_ui(content_site):
    bundle = content_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "fragment").iterdir()) and list((bundle / "index").iterdir())
    assert not list(bundle.glob("pagefind-*ui*")), "the site has its own search.js"
    script = (content_site / "static" / "search.js").read_text(encoding="utf-8")
    assert "http://" not in script and "https://" not in script


def test_the_index_holds_one_fragment_per_page_and_no_record_per_indicator(content_site):
    pages = [p for p in content_site.rglob("*.html") if PAGE_MARK in p.read_text(encoding="utf-8")]
    assert len(list((content_site / "pagefind" / "fragment").iterdir())) == len(pages)


def test_department_names_are_in_the_file_of_every_pair_of_characters_they_hold():
    names = [f"{county}县{office}" for county in ("玉田", "滦南", "迁西", "遵化", "丰润") for office in
             ("司法局", "财政局", "人民政府办公室", "教育局", "卫生健康局", "公安局", "民政局")] + ["局"]
    one = department_name_files(names + names[:3], names_per_file=len(names))
    assert one == [sorted(names)], "up to names_per_file: one file, each name once, in order"
    files = department_name_files(names, names_per_file=8)
    assert len(files) == 26, "the names hold 205 pairs of characters (41 a county), and 局 its own: 8 a file"
    assert all(f == sorted(f) for f in files) and max(map(len, files)) < len(names) / 2
    for name in names:
        for part in {name[s:e] for s in range(len(name)) for e in range(s + 2, len(name) + 1)}:
            assert name in files[name_file(part, len(files))], part
    assert "局" in files[name_file("局", len(files))], "a name of one character: in the file of that character"


def test_han_characters_and_what_is_not_a_letter_or_a_number_are_indexed_one_word_each():
    assert spaced("法律援助≥100件").split() == ["法", "律", "援", "助", "≥", "100", "件"]
    assert spaced("1415.43（万元）").split() == ["1415", ".", "43", "（", "万", "元", "）"]
    assert spaced("13020225P008925100021") == "13020225P008925100021"
    assert spaced("café_2").split() == ["café", "_", "2"]


def test_an_html_entity_is_spaced_as_the_character_it_stands_for():
    assert spaced("A&amp;B").split() == ["A", "&amp;", "B"]
    assert spaced("&#20013;&#x56FD;人").split() == ["中", "国", "人"]
    assert spaced("第&#49;条&#34;").split() == ["第", "1", "条", '"']
    assert spaced("x&nbsp;y&lt;z").split() == ["x", "y", "&lt;", "z"]


def test_the_index_splits_text_where_the_search_page_splits_a_query(page, content_url):
    """search.js searches the parts of a query between characters that are not letters or numbers, each as
    an exact phrase; the index makes each such character a word of its own, so 1415.43 is found as 1415 and 43.
    Every assigned character of Python's Unicode (Han and white space have their own rules) is checked."""
    script = (ROOT / "templates" / "static" / "search.js").read_text(encoding="utf-8")
    separator = re.search(r"const QUERY_SEPARATOR = /(.*)/(\w*);", script)
    han = re.compile(HAN)
    characters = [c for c in map(chr, range(1, 0x30000)) if unicodedata.category(c) not in ("Cn", "Cs")
                  and not han.match(c) and not c.isspace() and c != "&"]
    page.goto(content_url)
    splits = page.evaluate("([source, flags, characters]) => characters.map((c) => new RegExp(source, flags).test(c))",
                           [separator.group(1), separator.group(2), characters])
    alone = [spaced(f"a{c}b").split() != [f"a{c}b"] for c in characters]
    assert [c for c, index, query in zip(characters, alone, splits) if index != query] == []


def test_the_page_and_the_index_agree_on_what_a_han_character_is():
    script = (ROOT / "templates" / "static" / "search.js").read_text(encoding="utf-8")
    source = re.search(r'const HAN = ((?:"[^"]*"\s*\+?\s*)+);', script).group(1)
    escaped = "".join(re.findall(r'"([^"]*)"', source)).replace("\\\\", "\\")
    js = re.sub(r"\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1) or m.group(2), 16)), escaped)
    assert js == HAN


def unpacked(path: Path) -> bytes:
    data = path.read_bytes()
    try:
        return gzip.decompress(data)
    except OSError:
        return data


def fragments(bundle: Path) -> dict[str, dict]:
    """Pagefind's record of each page (text, anchors, filters, metadata), by URL."""
    records = (json.loads(unpacked(path).removeprefix(b"pagefind_dcd")) for path in (bundle / "fragment").iterdir())
    return {record["url"]: record for record in records}


def test_pagefind_given_the_indexed_part_of_each_page_indexes_it_as_the_whole_page(content_site):
    """Pagefind is given only a page's <main data-pagefind-body>, without the attributes it does not read
    (40% fewer bytes to parse); given the whole pages, it makes the same record of every page."""
    pages = [(page_url(content_site, path), html) for path in sorted(content_site.rglob("*.html"))
             if indexed_part(html := path.read_text(encoding="utf-8")) is not None]
    assert len(pages) > 40
    made = {}
    for name, given in (("whole", lambda html: html), ("part", indexed_part)):
        with PagefindFeed() as pagefind:
            for url, html in pages:
                pagefind.add(url, spaced_html(given(html)))
            made[name] = {path: data for path, data in pagefind.files().items() if path.startswith("fragment/")}
    assert len(made["part"]) == len(pages) and made["part"] == made["whole"]


def test_an_answer_of_the_service_longer_than_the_stream_reads_at_once_is_read_whole():
    """A bundle's files come in one answer of several megabytes, beyond what the stream reads up to a separator
    at a time (2 MiB there, 16 bytes here): each answer is still read whole, up to its comma."""
    from types import SimpleNamespace
    from generator.search import _PromptService

    async def read() -> list[bytes]:
        stream = asyncio.StreamReader(limit=16)
        stream.feed_data(b"A" * 100 + b",short," + b"B" * 40 + b",")
        stream.feed_eof()
        service = _PromptService.__new__(_PromptService)  # only its reader: no Pagefind started
        service._backend = SimpleNamespace(stdout=stream)
        return [await service._message() for _ in range(3)]

    with ThreadPoolExecutor(1) as pool:  # a thread of its own: Playwright's loop may be running in this one
        assert pool.submit(asyncio.run, read()).result() == [b"A" * 100, b"short", b"B" * 40]


@pytest.mark.parametrize("secret", ["WITHHELD-CANARY", "CANARY0002", "010-CONTACT-CANARY", "张三"])
def test_withheld_and_contact_text_is_not_in_the_index(fixture_site, secret):
    spaced_secret = spaced(secret).encode("utf-8")
    for path in (fixture_site / "pagefind").rglob("*"):
        if path.is_file():
            data = unpacked(path)
            assert secret.encode("utf-8") not in data and spaced_secret not in data, path


def test_pages_and_word_index_are_the_same_bytes_for_the_same_input(fixture_site, tmp_path):
    async def build_in_a_running_event_loop():  # as under `gongkai serve`, or a notebook
        return build(FIXTURE / "content", FIXTURE / "site_config.yml", ROOT / "templates", tmp_path / "site").output

    with ThreadPoolExecutor(1) as pool:  # a thread of its own: Playwright's loop may be running in this one
        again = pool.submit(asyncio.run, build_in_a_running_event_loop()).result()
    for folder in ("fragment", "index"):
        first = {p.name: p.read_bytes() for p in (fixture_site / "pagefind" / folder).iterdir()}
        second = {p.name: p.read_bytes() for p in (again / "pagefind" / folder).iterdir()}
        assert first == second, folder
    # Not compared: filter/ and the .pf_meta naming them. Pagefind 1.5.2 writes filter values in
    # hash-map order, so their bytes change from run to run (Pagefind issue #638).


# --- finding -------------------------------------------------------------------------------

@pytest.mark.parametrize("term", TOPICS)
def test_a_topic_finds_every_filing_that_has_it_and_only_text_holding_it(page, content_url, content_site,
                                                                          model, term):
    status = search(page, content_url, term)
    results = all_results(page)
    assert status.startswith(f"找到 {len(results)} 条结果")
    found = {filing_of(r["href"]) for r in results} - {None}
    expected = filings_about(model, term)
    assert expected and expected <= found, f"missing: {expected - found}"
    for result in results:
        assert term in page_text(content_site, result["href"]), result["href"]
    assert any(term in r["marks"] for r in results), "the match is highlighted, in one piece"


def test_a_project_code_finds_that_project_first(page, content_url, model):
    projects = [p for view in model.filings for p in view.projects if p.project.code]
    assert projects
    for project in projects[:3] + [p for p in projects if p.project.code == "13020225P008925100021"]:
        search(page, content_url, project.project.code)
        first = all_results(page)[0]
        assert first["href"] == f"/{project.url}" and first["kind"] == "项目", project.project.code


def anchored_indicators(url: str, goals):
    """(URL of the row, indicator) for the rows of a page's goals, as pages._goal_block names them."""
    for n, goal in enumerate(goals):
        for indicator, anchor in zip(goal.indicators, indicator_anchors(goal, goal_id(goal, n))):
            yield f"/{url}#{anchor}", indicator


def sample_indicators(model: SiteModel):
    """From each filing: the first named indicator of its own goals and of its first project."""
    for view in model.filings:
        pages = [(view.url, view.filing.goals)] + [(p.url, p.project.goals) for p in view.projects[:1]]
        for filed_url, goals in pages:
            named = next(((url, i) for url, i in anchored_indicators(filed_url, goals) if i.name), None)
            if named:
                yield named


def test_an_indicator_name_lands_on_its_row(page, content_url, content_site, model):
    samples = list(sample_indicators(model))
    assert samples
    for url, indicator in samples:
        path, anchor = url.lstrip("/").split("#")
        assert f'id="{anchor}"' in (content_site / path / "index.html").read_text(encoding="utf-8"), url
        search(page, content_url, indicator.name)
        results = all_results(page)
        links = [r["href"] for r in results] + [href for r in results for href in r["rows"]]
        assert url in links, indicator.name
    as_result = next(r for r in results if r["href"] == url or url in r["rows"])
    if as_result["href"] == url:
        assert as_result["kind"] == "指标" and indicator.name in as_result["title"]
    page.click(f'#results a[href="{url}"]')
    page.wait_for_url(f"**#{anchor}")
    assert page.eval_on_selector(f'[id="{anchor}"]', "row => row.tagName") == "TR"


def test_results_show_kind_department_and_year(page, content_url, model):
    view = next(v for v in model.filings if v.projects)
    project = view.projects[0]
    search(page, content_url, project.project.code or project.project.name)
    first = all_results(page)[0]
    assert first["kind"] == "项目" and first["year"] == str(view.filing.fiscal_year)
    assert first["title"] == (project.project.name or f"项目 {project.id}（名称缺失）")
    assert view.filing.department.name in first["meta"] and f"{view.filing.fiscal_year}年" in first["meta"]


def test_a_department_is_a_result_of_its_own(page, content_url, model):
    department = model.departments[0]
    search(page, content_url, department.name)
    kinds = {r["href"]: r["kind"] for r in all_results(page)}
    assert kinds.get(f"/{department.url}") == "部门"


def test_equal_scores_go_newest_year_first(page, fixture_url):
    """A search by filter alone scores nothing: its results are in year order, newest first."""
    search(page, fixture_url, "", kind="文件")
    years = [r["year"] for r in all_results(page)]
    assert len(set(years)) > 1, "the fixture has filings of 2024 and 2025"
    assert years == sorted(years, reverse=True)


def test_filters_narrow_the_results(page, content_url, model):
    search(page, content_url, "满意度")
    everything = all_results(page)
    for param, label, check in [
        ("year", "2024", lambda r: r["year"] == "2024"),
        ("kind", "指标", lambda r: r["kind"] == "指标"),
        ("dept", model.departments[0].name, lambda r: r["href"].startswith(f"/{model.departments[0].url}")),
        ("region", "河北省", lambda r: r["href"].startswith(("/d/lunan-sfj/", "/d/yutian-sfj/"))),
    ]:
        search(page, content_url, "满意度", **{param: label})
        narrowed = all_results(page)
        assert narrowed and len(narrowed) < len(everything), param
        assert all(check(r) for r in narrowed), param
        assert page.input_value(f"#filter-{param}") == label


def test_choosing_a_filter_searches_again_and_keeps_it_in_the_address(page, content_url):
    search(page, content_url, "法律援助")
    page.select_option("#filter-kind", "项目")
    page.wait_for_url("**kind=*")
    wait_for_answer(page)
    assert {r["kind"] for r in all_results(page)} == {"项目"}


def test_filters_have_labels(page, content_url):
    search(page, content_url, "法律援助")
    for param in ("kind", "year", "dept", "region"):
        assert page.locator(f'label[for="filter-{param}"]').count() == 1
    for param in ("kind", "year", "region"):
        assert page.locator(f"#filter-{param} option").count() > 1
    assert page.get_attribute("#search-status", "role") == "status"


def test_the_department_box_suggests_the_names_holding_what_was_typed(page, content_url, model):
    search(page, content_url, "法律援助")
    page.fill("#filter-dept", "司法")
    page.wait_for_function("document.querySelectorAll('#filter-dept-names option').length > 0")
    suggested = page.eval_on_selector_all("#filter-dept-names option", "options => options.map(o => o.value)")
    assert suggested == sorted(d.name for d in model.departments)
    page.fill("#filter-dept", "路南区")
    page.wait_for_function("document.querySelectorAll('#filter-dept-names option').length === 1")
    assert page.eval_on_selector("#filter-dept-names option", "o => o.value") == "路南区司法局"
    page.press("#filter-dept", "Enter")
    page.wait_for_url("**dept=*")
    wait_for_answer(page)
    assert {r["href"].split("/")[2] for r in all_results(page)} == {"lunan-sfj"}


def test_part_of_a_name_filters_by_every_department_whose_name_holds_it(page, fixture_url, content_url):
    """司法局 is every 司法局; a text no name holds says so."""
    everything = {r["href"] for r in (search(page, content_url, "满意度"), all_results(page))[1]}
    search(page, content_url, "满意度", dept="司法局")
    assert {r["href"] for r in all_results(page)} == everything
    search(page, content_url, "满意度", dept="路南")
    assert {r["href"].split("/")[2] for r in all_results(page)} == {"lunan-sfj"}
    assert page.input_value("#filter-dept") == "路南"
    assert search(page, content_url, "满意度", dept="公安") == "没有名称含“公安”的部门。"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_page_with_its_filters_and_results_is_accessible_and_fits(page, content_url, width):
    """axe and the width check of every page kind see the search page at load; here with its filters built,
    a department typed (suggestions shown) and results listed."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 800})
    assert search(page, content_url, "满意度", dept="路南").startswith("找到")
    page.fill("#filter-dept", "路南区")
    page.wait_for_function("document.querySelectorAll('#filter-dept-names option').length > 0")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
    assert [v["id"] for v in results.response["violations"]] == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_first_query_fetches_no_department_names(page, content_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, content_url, "法律援助")
    all_results(page)
    assert any("/pagefind/filter-values.json" in url for url in fetched)
    assert not [url for url in fetched if "/pagefind/departments/" in url]


def test_no_match_says_so_in_chinese(page, content_url):
    status = search(page, content_url, "量子计算机")
    assert "没有找到" in status and "量子计算机" in status
    assert page.locator("#results > li").count() == 0


@pytest.mark.parametrize("query", ["WITHHELD-CANARY", "CANARY0002", "010-CONTACT-CANARY", "张三"])
def test_withheld_and_contact_text_finds_nothing(page, fixture_url, query):
    assert "没有找到" in search(page, fixture_url, query)


@pytest.mark.parametrize("chrome_only", ["订阅更新", "跳到正文", "网站地图"])
def test_page_chrome_is_not_indexed(page, content_url, chrome_only):
    assert "没有找到" in search(page, content_url, chrome_only)


def test_the_header_box_searches_from_any_page(page, content_url):
    page.goto(content_url + "d/")
    page.fill("#site-search", "社区矫正")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert wait_for_answer(page).startswith("找到")
    assert page.input_value("#q") == "社区矫正"


def test_search_makes_no_third_party_request(page, content_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    search(page, content_url, "法律援助")
    all_results(page)
    assert hosts == {content_url.split("/")[2]}


def test_a_search_excerpt_reads_cell_by_cell(page, fixture_url):
    """Cells, items and headings are kept apart in excerpts (the fixture's court filing has 维修面积)."""
    search(page, fixture_url, "维修面积")
    excerpts = page.eval_on_selector_all("#results > li .result-excerpt", "ps => ps.map(p => p.textContent)")
    project = next(text for text in excerpts if "·" in text)
    assert "数量指标·维修面积·" in project and "级指标指标值" not in project
    assert not any("数量指标维修面积" in text for text in excerpts)
