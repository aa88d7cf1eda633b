"""Stage 9: index the finished site with Pagefind.

The index, written inside the site (`pagefind/`) so search works on any static
host with no third-party request, holds department, filing and project pages.
Pagefind only reads the `<main data-pagefind-body>` of those pages, so page
chrome (header, navigation, footer) and every other page stay out; their
filters, metadata and titles come from `_search_meta.html`.

Indicators are found on their pages, not as records of their own: every
indicator row has an id, Pagefind keeps each id's position in the page's text
(its "anchors"), and search.js shows a match inside a row as that indicator,
linked to `page#row`. One custom record per row used to make one fragment file
per row: at 100 departments 34,826 index files and twice the memory and time
of indexing the pages alone.

Chinese is indexed one character per word. Pagefind 1.5.2 segments the pages
with its own dictionary segmenter but the query with the browser's ICU
(Intl.Segmenter), and the two disagree often enough that whole indicator names
found nothing (行政复议 is 行政/复议 in the index, 行政/复/议 in the query):
more than 80 of the 387 indicator and project names of content/ missed pages that hold
them. With a character per word on both sides, search.js asks for the query as
an exact phrase: it finds every page holding the text, as Ctrl+F would, and
nothing else. Only the index sees the spaced text; pages are served as written.

The spacing is the whole of the segmentation: besides each Han character, every
character that is not a letter or a number stands alone, which is where search.js
splits a query into parts (1415.43 is the words 1415 and 43 on both sides). So
Pagefind is told the language as "cmn" (Mandarin, ISO 639-3), not "zh-cn":
Pagefind runs its Chinese segmenter on zh and ja only, and over text already
spaced that segmenter only cost time (two fifths of Pagefind's). The browser's
side does not change: it segments the query by the page's own lang, zh-CN.

The pages go to Pagefind's service as they are spaced, not through a folder of
copies: the spacing (Python) and the parsing (Pagefind) run side by side, and
Pagefind is given only what it reads of each page (indexed_part).

A big site is indexed in bundles. Pagefind holds a whole index in memory until it
writes it, in proportion to the pages (2.9 GB for the 10,000 pages of 420
departments): the pages are cut into as few bundles of at most PAGES_PER_BUNDLE
as will do, each written by a Pagefind run of its own, PAGEFIND_RUNS at a time,
so that the memory of a run stays the same at any size of site. A department's
pages always share a bundle (see bundled()). The first bundle is `pagefind/`,
as a small site's one bundle is; the others are `pagefind/bundle-N/`, holding
only their own index, listed in `bundles.json`. search.js merges them into the
first (Pagefind's mergeIndex): one search searches them all, and merged bundles
run on the first one's code and WebAssembly, so each adds only its metadata and
the index chunks a query needs to what the browser fetches (the first query at
420 departments: 4 bundles, 19 KiB more than one).

Everything indexed comes from the site model or pages rendered from it, which
hold public filings only: withheld projects and unpublished contact fields are
not there to be indexed.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import fnmatch
import html as html_text
import json
import math
import re
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Coroutine, Iterator

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from .publish import write_file
from .sitemodel import FilingView, SiteModel

# Mandarin under a code Pagefind does not segment (see above); any code it does not stem would do.
LANGUAGE = "cmn"
INDEX_FOLDER = "pagefind"
# The choices of search.js's filter menus. Pagefind could list them too, but only by downloading every
# filter index first: 460 KB before the first result on a city-size site, against a few KB here.
FILTER_VALUES = "filter-values.json"
# The 部门 filter is a text box suggesting the department names that hold what was typed, not a menu: a
# province's 10,000 names (~360 KB) are no menu, nor something to fetch before the first query. The names are
# in files by the pairs of characters they hold, a name in the file of each of its pairs (its own file if it has
# one character): a text is looked up in the file of its first two characters, which holds every name holding
# it, fetched when the box is first typed in. A site of up to NAMES_PER_FILE departments has one file, as
# small as the menu's list was (15 KiB at 420 departments); a bigger one, files of ~NAMES_PER_FILE names.
DEPARTMENT_NAMES = "departments"
NAMES_PER_FILE = 500
# The pair's code points, weighted by a prime bigger than any count of files, give the number of its file
# (search.js's nameFile does the same).
_PAIR_WEIGHT = 1_000_003
# The folders of the bundles after the first, inside INDEX_FOLDER, in the order search.js merges them.
BUNDLES = "bundles.json"
INDICATOR_KIND = "指标"
# Pagefind makes its ready-made UIs too; the site uses its own search.js, so they would only be dead weight.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)
# What only the first bundle needs: the search page loads Pagefind's code from there, and a merged bundle
# runs on the first one's WebAssembly (Pagefind's mergeIndex never fetches a merged bundle's own).
FIRST_BUNDLE_ONLY = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")
# The most pages one Pagefind run indexes. Pagefind holds a whole bundle in memory until it writes it: 0.29 MiB
# per page on the synthetic corpus (2.9 GB for 9,996 pages in one bundle; 722 MiB for 2,499, 825 MiB for
# 2,856), in proportion to the pages. 3,000 pages keep each run under 900 MiB, within issue #10's 1 GB for any
# process, at any size of site; a site of up to 3,000 pages (a city's) is one bundle, as before.
PAGES_PER_BUNDLE = 3000
# Pagefind runs at a time. Pagefind's service parses the pages sent to it on one core, and a run's memory is
# its own bundle's: two runs keep a two-core machine busy, each within PAGES_PER_BUNDLE's memory (two at once
# hold at most twice that, against 2.9 GB for one run over the 420-department corpus). Measured there, 4
# bundles: 20 s two at a time, 26–28 s one after the other (bare `pagefind --site`: 16–24 s).
PAGEFIND_RUNS = 2


# Han characters, as search.js's HAN: each becomes a word of its own, on both sides of the search.
HAN = "[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
# A character that is a word of its own: Han, and whatever is not a letter or a number (search.js splits a
# query at [^\p{L}\p{N}]; Python's \w is a letter, a number or "_"). Not NUL: it joins pieces in spaced_html.
_ALONE = re.compile(f"{HAN}|[^\\w\\s\0]|_")
_TAG = re.compile(r"(<[^>]*>)")
# Where one cell, item or heading ends and the next begins. Browsers show a gap there, but the text of
# `<td>数量指标</td><td>维修面积</td>` has none, and Pagefind's excerpts read "数量指标维修面积":
# the index copy gets a visible separator at each such end, so excerpts read as text (group 1). Where Pagefind
# ends a sentence (h1–h6, p, td, div, ul, li, article, section) it puts a "." after text that ends in a letter
# or a number, glued to that word ("15." is not the word 15 to search.js): a space before each of these end
# tags keeps it out.
_BLOCK_END = re.compile(r"(</(?:td|th|li|dt|dd|caption|h[1-6]|p)>|<br\s*/?>)|</(?:div|ul|article|section)>",
                        re.IGNORECASE)
CELL_SEPARATOR = " · "
PAGE_MARK = "data-pagefind-body"
_BODY = re.compile(rf"<main\b[^>]*\b{PAGE_MARK}\b.*</main>", re.DOTALL)
# Pagefind reads ids (its anchors), its own data-pagefind-* attributes, and an image's src and alt (the image
# metadata of a result). Attribute values never hold a raw quote, nor does text hold `="` (both escaped).
_UNREAD_ATTRIBUTE = re.compile(r'\s(?!(?:id|src|alt|data-pagefind-[\w-]+)=)[\w:.-]+="[^"]*"')


class SearchIndexError(RuntimeError):
    pass


def index_for_search(model: SiteModel, site: Path, pages_per_bundle: int = PAGES_PER_BUNDLE,
                     names_per_file: int = NAMES_PER_FILE) -> None:
    """Index `site` (the staging folder): the first bundle in `site/pagefind/`, any others below it, each
    written by a Pagefind run of its own, PAGEFIND_RUNS at a time; then the filters' choices."""
    index = site / INDEX_FOLDER
    bundles = bundled(site, pages_per_bundle)
    # Each written apart (Pagefind owns the folder it writes), put in place once all are written.
    written = [site / f".{INDEX_FOLDER}-{number}" for number in range(len(bundles))]
    with ThreadPoolExecutor(PAGEFIND_RUNS, thread_name_prefix="pagefind-run") as runs:
        list(runs.map(write_bundle, [site] * len(bundles), bundles, written, [n == 0 for n in range(len(bundles))]))
    for number, folder in enumerate(written):
        folder.rename(bundle_folder(index, number))
    merged = [f"{bundle_folder(index, number).name}/" for number in range(1, len(bundles))]
    (index / BUNDLES).write_text(json.dumps(merged) + "\n", encoding="utf-8")
    name_files = department_name_files([d.name for d in model.departments], names_per_file)
    values = json.dumps(filter_values(model, len(name_files)), ensure_ascii=False, separators=(",", ":"))
    (index / FILTER_VALUES).write_text(values + "\n", encoding="utf-8")
    for number, names in enumerate(name_files):
        write_file(index / DEPARTMENT_NAMES / f"{number}.json",
                   json.dumps(names, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")


def write_bundle(site: Path, pages: list[Path], folder: Path, first: bool) -> None:
    """One Pagefind run: `pages`, spaced, into a bundle in `folder`; only the first bundle keeps Pagefind's code."""
    with PagefindFeed() as pagefind:
        for page in pages:
            part = indexed_part(page.read_text(encoding="utf-8"))
            assert part is not None, page  # bundled() chose pages Pagefind reads
            pagefind.add(page_url(site, page), spaced_html(part))
        files = pagefind.files()
    unused = UNUSED_BUNDLE_FILES + (() if first else FIRST_BUNDLE_ONLY)
    for name, content in files.items():
        if not any(fnmatch.fnmatch(name, pattern) for pattern in unused):
            write_file(folder / name, content)


def bundle_folder(index: Path, number: int) -> Path:
    """Bundle `number`'s folder: the first is the index folder itself, the others are inside it."""
    return index / f"bundle-{number}" if number else index


def bundled(site: Path, pages_per_bundle: int) -> list[list[Path]]:
    """The pages Pagefind indexes, in path order, in about as few bundles of even size as the budget allows.

    A department's pages (its own, its filings', their projects') stay in one bundle: Pagefind scores a page
    by the words of its own bundle, so a department's filings of several years, much alike, score alike only
    side by side, and search.js can put the newest first. Bundles of whole departments are also alike in
    their words, which keeps the scores of different bundles close. Departments are taken in path order; a
    bundle is closed once it holds its even share of the pages, or before a department that would take it
    past `pages_per_bundle` (only a department bigger than that makes a bigger bundle, of its own).
    """
    if pages_per_bundle < 1:
        raise ValueError(f"pages_per_bundle must be at least 1, not {pages_per_bundle}")
    departments: dict[tuple[str, ...], list[Path]] = {}
    for page in sorted(indexed_pages(site)):
        departments.setdefault(page.relative_to(site).parts[:2], []).append(page)  # d/<id>/ (identity)
    total = sum(len(pages) for pages in departments.values())
    if not total:
        raise SearchIndexError(f"Pagefind 没有找到可索引的页面（带 {PAGE_MARK} 的页面）")
    share = -(-total // -(-total // pages_per_bundle))  # the pages over the fewest bundles, rounded up
    bundles: list[list[Path]] = [[]]
    for pages in departments.values():
        if bundles[-1] and (len(bundles[-1]) >= share or len(bundles[-1]) + len(pages) > pages_per_bundle):
            bundles.append([])
        bundles[-1].extend(pages)
    return bundles


def indexed_pages(site: Path) -> Iterator[Path]:
    """The pages Pagefind indexes: those with a `<main data-pagefind-body>`. Each is read again when its bundle
    is fed to Pagefind: keeping what Pagefind reads of every page from here to there would hold the whole
    site's text in memory (22 MB at 420 departments, growing with the site), which the bundles exist to avoid."""
    for page in site.rglob("*.html"):
        if _BODY.search(page.read_text(encoding="utf-8")):
            yield page


def page_url(site: Path, page: Path) -> str:
    """A page's URL as Pagefind makes it from the page's path."""
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def indexed_part(html: str) -> str | None:
    """The page's `<main data-pagefind-body>`, without the attributes Pagefind does not read, as a page of its
    own; None for a page Pagefind does not index. Pagefind would read the whole page for the same index
    (chrome and attributes are most of the bytes): given this part, it parses 40% less."""
    body = _BODY.search(html)
    return None if body is None else f"<html><body>{_UNREAD_ATTRIBUTE.sub('', body.group())}</body></html>"


def filter_values(model: SiteModel, department_files: int) -> dict[str, Any]:
    """Each menu's values in menu order; regions as their tree, each [name, depth in the tree]. Terse: the
    search page fetches it before its first search. For 部门, the number of files of names (DEPARTMENT_NAMES)."""
    kinds = ["部门", "文件"] + (["项目"] if any(v.projects for v in model.filings) else []) + (
        [INDICATOR_KIND] if any(has_indicators(v) for v in model.filings) else [])
    used = {chain for d in model.departments for chain in _prefixes(d.region_names)}
    regions = [names for names in (tuple(r.name for r in chain) for chain in model.config.region_paths().values())
               if names in used]
    return {
        "类型": kinds,
        "年度": [str(year) for year in model.years],
        "部门": {"files": department_files},
        "地区": [[names[-1], len(names) - 1] for names in regions],
    }


def department_name_files(names: list[str], names_per_file: int) -> list[list[str]]:
    """The names, sorted, in files by the pairs of characters they hold (see DEPARTMENT_NAMES)."""
    names = sorted(set(names))
    if len(names) <= names_per_file:
        return [names]
    pairs = {name: set(_pairs(name)) for name in names}
    count = math.ceil(sum(len(p) for p in pairs.values()) / names_per_file)
    files: list[list[str]] = [[] for _ in range(count)]
    for name in names:
        for number in {name_file(pair, count) for pair in pairs[name]}:
            files[number].append(name)
    return files


def name_file(text: str, files: int) -> int:
    """The number of the file of names that holds every name holding `text` (two characters or more)."""
    return _pair_file(text[:2]) % files


def _pairs(name: str) -> list[str]:
    return [name[n:n + 2] for n in range(len(name) - 1)] or [name]


def _pair_file(pair: str) -> int:
    key = 0
    for character in pair:
        key = key * _PAIR_WEIGHT + ord(character)
    return key


def has_indicators(view: FilingView) -> bool:
    """Whether a filing shows an indicator row on its own page or one of its projects' pages."""
    return any(goal.indicators for goal in view.filing.goals) or any(
        goal.indicators for project in view.projects for goal in project.project.goals)


def _prefixes(names: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [names[:n] for n in range(1, len(names) + 1)]


def spaced_html(html: str) -> str:
    """Space the text of a page, never its tags: attributes (filters, meta, titles) stay as written."""
    html = _BLOCK_END.sub(_ended, html.replace("\0", ""))
    pieces = _TAG.split(html)  # text, tag, text, tag, …
    # One pass over all the text at once, NUL between pieces (HTML has none): twice as fast as piece by piece.
    pieces[::2] = spaced("\0".join(pieces[::2])).split("\0")
    return "".join(pieces)


def _ended(end: re.Match) -> str:
    return f" {end.group()}{CELL_SEPARATOR}" if end.group(1) else f" {end.group()}"


def spaced(text: str) -> str:
    """`法律援助≥100件` → ` 法  律  援  助  ≥ 100 件 `: every Han character, and every character that is not a
    letter or a number, a word of its own for the index. `text` is HTML text: a character written as an
    entity (&amp;, &#20013;) is spaced as the character it stands for."""
    if "&" in text:
        return html_text.escape(html_text.unescape(text).translate(_SPACING), quote=False)
    return text.translate(_SPACING)


class _Spacing(dict):
    """str.translate's table: each character to itself or spaced, worked out the first time it is met (a
    table lookup per character is twice as fast as a regular expression calling back for each run)."""

    def __missing__(self, code: int) -> str:
        character = chr(code)
        self[code] = f" {character} " if _ALONE.match(character) else character
        return self[code]


_SPACING = _Spacing()


# Pages sent to Pagefind and not yet indexed: enough to keep it busy while the next ones are spaced, few
# enough that a fast spacer does not queue the whole site in memory.
PAGES_IN_FLIGHT = 8


class PagefindFeed:
    """Pagefind's service, fed page by page while the caller spaces the next ones.

    The service runs on an event loop in a thread of its own, so that the caller may be plain code, and
    may itself run an event loop (tests, `gongkai serve`). Pagefind indexes the pages in the order they
    are sent, which numbers them: the caller sends them in path order.
    """

    def __enter__(self) -> "PagefindFeed":
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._pending: deque[Future] = deque()
        self._pages = 0
        self._service: _PromptService | None = None
        try:
            self._index = self._wait(self._start())
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def add(self, url: str, html: str) -> None:
        self._pending.append(self._submit(self._index.add_html_file(content=html, url=url)))
        self._pages += 1
        if len(self._pending) > PAGES_IN_FLIGHT:
            self._pending.popleft().result()

    def files(self) -> dict[str, bytes]:
        """The index of the pages sent, each file's bytes by its path in the bundle.

        Taken from the service rather than written by it: Pagefind answers "files written" while its last
        writes may still be on their way (it writes through tokio without flushing), and the service is then
        stopped. That left an empty pagefind-entry.json or stylesheet in about one bundle in twelve on a busy
        machine, and a site whose search page could not load its index."""
        while self._pending:
            self._pending.popleft().result()
        if not self._pages:
            raise SearchIndexError(f"Pagefind 没有找到可索引的页面（带 {PAGE_MARK} 的页面）")
        return {file["path"]: file["content"] for file in self._wait(self._index.get_files())}

    def __exit__(self, *exc_info) -> None:
        for future in self._pending:
            future.cancel()
        if self._service is not None:
            self._submit(self._service.close()).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    async def _start(self) -> PagefindIndex:
        try:
            self._service = await _PromptService().launch()
        except FileNotFoundError as exc:
            raise SearchIndexError(f"找不到 Pagefind 程序：{exc}。请安装 pagefind[extended]，"
                                   "或用 gongkai build --no-search 先生成不带搜索的网站") from exc
        return await self._service.create_index(IndexConfig(force_language=LANGUAGE))

    def _submit(self, work: Coroutine[Any, Any, Any]) -> Future:
        return asyncio.run_coroutine_threadsafe(_reported(work), self._loop)

    def _wait(self, work: Coroutine[Any, Any, Any]) -> Any:
        return self._submit(work).result()


async def _reported(work: Coroutine[Any, Any, Any]) -> Any:
    """`work`'s result; what the service reports as a bare Exception as a SearchIndexError."""
    try:
        return await work
    except SearchIndexError:
        raise
    except Exception as exc:
        raise SearchIndexError(f"Pagefind 建立索引失败：{exc}") from exc


# The longest Pagefind may take to answer one request (writing the index is the longest: a few seconds per
# 1,000 pages) or to stop: far beyond any real answer, it only turns a hung service into an error instead of
# a hung build.
PAGEFIND_TIMEOUT = 3600.0
PAGEFIND_STOP_TIMEOUT = 10.0


class _PromptService(PagefindService):
    """The Pagefind service, reading each response as soon as it arrives.

    The stock reader sleeps 0.1 s before every response it reads, which caps the
    service at ten requests a second (a minute, back when content/'s 537 indicator
    rows were a record each). Same protocol: base64 JSON messages, each ended by a
    comma.
    """

    async def send(self, payload):
        try:
            return await asyncio.wait_for(super().send(payload), PAGEFIND_TIMEOUT)
        except asyncio.TimeoutError:
            raise SearchIndexError(f"Pagefind 服务 {PAGEFIND_TIMEOUT:.0f} 秒没有回应，已停止") from None

    async def close(self) -> None:
        """Stop the service without waiting on it forever: terminate, then kill."""
        self._poll_task.cancel()
        for future in self._responses.values():
            future.cancel()
        with contextlib.suppress(ProcessLookupError):  # it may have ended already
            self._backend.terminate()
        try:
            await asyncio.wait_for(self._backend.wait(), PAGEFIND_STOP_TIMEOUT)
        except asyncio.TimeoutError:
            self._backend.kill()
            await self._backend.wait()

    async def _wait_for_responses(self) -> None:
        try:
            while True:
                self._resolve(json.loads(base64.b64decode(await self._message())))
        except (asyncio.IncompleteReadError, ValueError) as exc:  # the service ended or spoke garbage
            self._fail_all(SearchIndexError(f"Pagefind 服务意外中止：{exc}"))

    async def _message(self) -> bytes:
        """The next message, however long: a bundle's files come as one, megabytes beyond the 2 MiB that the
        stream reads up to a separator at a time."""
        assert self._backend.stdout is not None
        parts = []
        while True:
            try:
                parts.append(await self._backend.stdout.readuntil(b","))
                return b"".join(parts)[:-1]
            except asyncio.LimitOverrunError as beyond:
                parts.append(await self._backend.stdout.readexactly(beyond.consumed))

    def _resolve(self, response: dict) -> None:
        payload = response["payload"]
        message_id = response.get("message_id")
        future = self._responses.pop(message_id, None) if message_id is not None else None
        if future is None:  # an error about a message it could not read: nothing to answer, so fail loudly
            self._fail_all(SearchIndexError(f"Pagefind 服务出错：{payload.get('message', payload)}"))
        elif payload["type"] == "Error":
            future.set_exception(SearchIndexError(payload["message"]))
        else:
            future.set_result(payload)

    def _fail_all(self, error: Exception) -> None:
        for future in self._responses.values():
            if not future.done():
                future.set_exception(error)
        self._responses.clear()
