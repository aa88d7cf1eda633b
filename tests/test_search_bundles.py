"""Search over an index in several Pagefind bundles, in Chromium.

A big site's pages are indexed in bundles of at most PAGES_PER_BUNDLE pages, each by a Pagefind run of its own
(generator/search.py), and merged by the search page. Here content/, with two of its filings filed again for
2024 (so that a department has two years), is indexed twice: in one bundle, as every small site is, and with
a budget of a few pages, in several. Searched the same way, both must find the same pages and rows.
"""

from __future__ import annotations

import json
import math
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import generator.search
from generator.build import build
from generator.search import (BUNDLES, INDEX_FOLDER, PAGEFIND_RUNS, PAGES_PER_BUNDLE, bundled, index_for_search,
                              write_bundle)
from generator.yamlsource import dump_yaml, load_file
from tests.conftest import serve
from tests.test_search import (TOPICS, all_results, anchored_indicators, fragments, search, site_model,
                               wait_for_answer)

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "site_config.yml"
BUDGET = 12  # pages per bundle: content/'s five departments and 60 pages make several bundles
NAMES = 2  # department names per file: content/'s five make several files
REFILED = ("ezhou-sfj/2025-pifu.yml", "lunan-sfj/2025-gongkai.yml")  # filed again for 2024


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bundled") / "content"
    shutil.copytree(ROOT / "content", folder)
    for name in REFILED:
        data = load_file(folder / name).data
        (folder / name).with_name(name.split("/")[1].replace("2025", "2024")).write_text(
            dump_yaml({**data, "fiscal_year": 2024}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sites(content, tmp_path_factory) -> dict[str, Path]:
    """The same pages indexed in one bundle ("one") and in bundles of BUDGET pages ("many")."""
    folder = content.parent
    model = site_model(content, CONFIG)

    def make() -> None:  # a thread of its own: Playwright's loop may be running in this one
        build(content, CONFIG, ROOT / "templates", folder / "one", search=False)
        shutil.copytree(folder / "one", folder / "many")
        index_for_search(model, folder / "one")
        index_for_search(model, folder / "many", pages_per_bundle=BUDGET, names_per_file=NAMES)

    with ThreadPoolExecutor(1) as pool:
        pool.submit(make).result()
    return {"one": folder / "one", "many": folder / "many"}


@pytest.fixture(scope="module")
def urls(sites):
    servers = {name: serve(site) for name, site in sites.items()}
    yield {name: f"http://127.0.0.1:{server.server_port}/" for name, server in servers.items()}
    for server in servers.values():
        server.shutdown()


def bundle_folders(site: Path) -> list[Path]:
    index = site / INDEX_FOLDER
    return [index] + sorted(index.glob("bundle-*"), key=lambda folder: int(folder.name.split("-")[1]))


def bundle_of(site: Path) -> dict[str, int]:
    """The bundle of each indexed page, by URL."""
    return {url: number for number, folder in enumerate(bundle_folders(site)) for url in fragments(folder)}


# --- which pages go where --------------------------------------------------------------------

def department_of(url: str) -> str:
    return url.strip("/").split("/")[1]


def test_a_small_site_is_one_bundle(content_site, sites):
    assert len(bundled(content_site, PAGES_PER_BUNDLE)) == 1
    assert (content_site / INDEX_FOLDER / BUNDLES).read_text(encoding="utf-8").strip() == "[]"
    assert bundle_folders(content_site) == [content_site / INDEX_FOLDER]
    assert bundle_folders(sites["one"]) == [sites["one"] / INDEX_FOLDER]


def test_bundles_keep_to_the_budget_and_each_department_whole(sites):
    site = sites["many"]
    bundles = bundled(site, BUDGET)
    pages = [page for bundle in bundles for page in bundle]
    assert len(bundles) >= 3 and sorted(pages) == pages, "departments in path order, pages in path order"
    departments = [[page.relative_to(site).parts[1] for page in bundle] for bundle in bundles]
    assert sum(len(set(d)) for d in departments) == len(set().union(*departments)), "no department in two bundles"
    assert all(len(d) <= BUDGET or len(set(d)) == 1 for d in departments), "bigger: one department alone"
    for before, after in zip(departments, departments[1:]):  # no fewer would do: the next one did not fit
        assert len(before) + after.count(after[0]) > BUDGET or len(before) >= math.ceil(len(pages) / len(bundles))
    assert bundled(site, BUDGET) == bundles, "the same pages make the same bundles"
    assert [len(b) for b in bundled(site, len(pages))] == [len(pages)]


def test_each_bundle_is_written_by_a_pagefind_run_of_its_own_at_most_pagefind_runs_at_a_time(sites, monkeypatch,
                                                                                            tmp_path):
    """A run's memory is its own bundle's: at most PAGEFIND_RUNS of them are ever in memory together."""
    counts = {"open": 0, "most open": 0, "started": 0}
    lock = threading.Lock()
    real = generator.search.PagefindFeed

    class CountedFeed(real):
        def __enter__(self):
            with lock:
                counts["open"] += 1
                counts["started"] += 1
                counts["most open"] = max(counts["most open"], counts["open"])
            return super().__enter__()

        def __exit__(self, *exc_info):
            with lock:
                counts["open"] -= 1
            return super().__exit__(*exc_info)

    monkeypatch.setattr(generator.search, "PagefindFeed", CountedFeed)
    site = tmp_path / "site"
    shutil.copytree(sites["one"], site, ignore=shutil.ignore_patterns(INDEX_FOLDER))
    model = site_model(sites["one"].parent / "content", CONFIG)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(index_for_search, model, site, BUDGET).result()
    assert counts["started"] == len(bundled(site, BUDGET)) > PAGEFIND_RUNS
    assert counts["most open"] <= PAGEFIND_RUNS
    assert sorted(bundle_of(site)) == sorted(bundle_of(sites["many"])), "the same pages, wherever they ran"


def test_every_bundle_is_written_whole_however_busy_the_machine(tmp_path):
    """Pagefind's own writing could leave a file empty (pagefind-entry.json: the search page then failed) when
    its service was stopped just after it said the files were written: in about one run in twelve with two
    runs at a time on a busy machine. The build writes the files Pagefind made: every one whole, every time."""
    import json

    def run(number: int) -> list[Path]:
        site = tmp_path / f"site-{number}"
        pages = [site / f"p{n}" / "index.html" for n in range(12)]
        for n, page in enumerate(pages):
            page.parent.mkdir(parents=True)
            page.write_text(f"<html><body><main data-pagefind-body><h1>页面 {n}</h1><p>法律援助 {number}</p>"
                            "</main></body></html>", encoding="utf-8")
        write_bundle(site, pages, site / INDEX_FOLDER, first=number % 2 == 0)
        return sorted((site / INDEX_FOLDER).rglob("*"))

    with ThreadPoolExecutor(PAGEFIND_RUNS) as pool:
        runs = list(pool.map(run, range(24)))
    for number, files in enumerate(runs):
        index = tmp_path / f"site-{number}" / INDEX_FOLDER
        assert [f.name for f in files if f.is_file() and not f.stat().st_size] == []
        assert [entry["page_count"] for entry in json.loads(
            (index / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"].values()] == [12]
        assert (index / "pagefind.js").exists() == (number % 2 == 0) and not list(index.glob("pagefind-ui*"))


def test_bundles_after_the_first_hold_only_their_own_index(sites):
    site = sites["many"]
    first, *others = bundle_folders(site)
    listed = (site / INDEX_FOLDER / BUNDLES).read_text(encoding="utf-8")
    assert listed.strip() == str([f"{folder.name}/" for folder in others]).replace("'", '"')
    assert (first / "pagefind.js").is_file() and list(first.glob("wasm.*.pagefind"))
    for folder in others:
        assert (folder / "pagefind-entry.json").is_file() and list(folder.glob("*.pf_meta"))
        assert not [p.name for p in folder.iterdir() if p.is_file() and p.suffix in (".js", ".css", ".pagefind")]
    assert sorted(bundle_of(site)) == sorted(fragments(sites["one"] / INDEX_FOLDER)), "every page, once"


# --- searching them all ---------------------------------------------------------------------

@pytest.fixture
def page(page):
    """conftest's page, keeping what the browser said: a search that fails says why in the test's message."""
    said: list[str] = []
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: said.append(f"error: {error}"))
    page.on("requestfailed", lambda request: said.append(f"failed: {request.url} {request.failure}"))
    page.said = said
    return page


def found(page, url: str, query: str, **filters: str) -> list[dict]:
    status = search(page, url, query, **filters)
    assert not status.startswith(("搜索出错", "搜索索引暂时无法使用")), (url, status, page.said)
    return all_results(page)


def links(results: list[dict]) -> set[str]:
    """Every page and indicator row the results link to."""
    return {r["href"] for r in results} | {href for r in results for href in r["rows"]}


@pytest.mark.parametrize("query", TOPICS + ("援助",))
def test_a_query_finds_in_every_bundle_what_one_bundle_finds(page, sites, urls, query):
    many = found(page, urls["many"], query)
    assert links(many) == links(found(page, urls["one"], query))
    bundles = bundle_of(sites["many"])
    assert len({bundles[r["href"].split("#")[0]] for r in many}) > 1, "results from more than one bundle"


def test_a_search_by_filter_alone_goes_newest_year_first_across_bundles(page, sites, urls):
    many = found(page, urls["many"], "", kind="文件")
    assert {r["href"] for r in many} == {r["href"] for r in found(page, urls["one"], "", kind="文件")}
    years = [r["year"] for r in many]
    assert years == sorted(years, reverse=True) and len(set(years)) > 1
    bundles = bundle_of(sites["many"])
    assert len({bundles[r["href"]] for r in many}) > 1, "filings of several bundles"


def test_pages_of_a_department_filed_twice_alike_go_newest_year_first(page, urls):
    """lunan-sfj's projects, filed again for 2024, have the same words both years: equal scores, 2025 first."""
    results = found(page, urls["many"], "满意度")
    hrefs = [r["href"] for r in results]
    pairs = [(n, hrefs.index(href.replace("/2025-", "/2024-"))) for n, href in enumerate(hrefs)
             if href.startswith("/d/lunan-sfj/2025-gongkai/p/")]
    assert len(pairs) > 3 and all(older >= 0 for _, older in pairs)
    for newer, older in pairs:
        assert results[newer]["score"] == results[older]["score"], hrefs[newer]
        assert newer < older, hrefs[newer]


@pytest.mark.parametrize("param, value", [("year", "2024"), ("kind", "指标"), ("dept", "路南区司法局"),
                                          ("dept", "路南"), ("region", "湖北省")])
def test_filters_narrow_the_results_of_every_bundle_alike(page, urls, param, value):
    many = found(page, urls["many"], "满意度", **{param: value})
    assert many and links(many) == links(found(page, urls["one"], "满意度", **{param: value}))
    assert page.input_value(f"#filter-{param}") == value


def test_an_indicator_in_a_later_bundle_lands_on_its_row(page, sites, urls):
    bundles = bundle_of(sites["many"])
    model = site_model(sites["many"].parent / "content", CONFIG)
    view = next(v for v in reversed(model.filings) if bundles[f"/{v.url}"] > 0 and v.filing.goals)
    url, indicator = next((url, i) for url, i in anchored_indicators(view.url, view.filing.goals) if i.name)
    results = found(page, urls["many"], indicator.name)
    assert url in links(results), indicator.name
    page.click(f'#results a[href="{url}"]')
    anchor = url.split("#")[1]
    page.wait_for_url(f"**#{anchor}")
    assert page.eval_on_selector(f'[id="{anchor}"]', "row => row.tagName") == "TR"


def test_the_filter_menus_list_every_year_and_region(page, urls):
    search(page, urls["many"], "法律援助")
    wait_for_answer(page)
    years = page.eval_on_selector_all("#filter-year option", "options => options.map(o => o.value)")
    assert years == ["", "2025", "2024"]
    regions = page.eval_on_selector_all("#filter-region option", "options => options.map(o => o.textContent)")
    assert "\u3000唐山市" in regions and "\u3000\u3000路南区" in regions, "regions indented as their tree"


def test_names_in_several_files_are_each_found_by_any_part_of_two_characters_or_more(page, sites, urls):
    """The search page finds, from a text, the file of names the build put the names holding it in."""
    names = sorted(d.name for d in site_model(sites["many"].parent / "content", CONFIG).departments)
    files = sorted((sites["many"] / INDEX_FOLDER / "departments").iterdir())
    assert len(files) > 1 and set(names) == {n for f in files for n in json.loads(f.read_text(encoding="utf-8"))}
    search(page, urls["many"], "法律援助")
    parts = sorted({name[start:end] for name in names for start in range(len(name)) for end in range(start + 2, len(name) + 1)})
    found = page.evaluate("""async (parts) => {
        const { departmentsNamed } = await import("/static/search.js");
        return Promise.all(parts.map((part) => departmentsNamed(part)));
    }""", parts)
    assert len(found) == len(parts) > 50
    assert all(holding == [n for n in names if part in n] for part, holding in zip(parts, found))
    assert found[parts.index("司法局")] == names
