"""Stage 9: index the finished site with Pagefind (extended build: segments Chinese).

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

Everything indexed comes from the site model or pages rendered from it, which
hold public filings only: withheld projects and unpublished contact fields are
not there to be indexed.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from .sitemodel import FilingView, SiteModel

LANGUAGE = "zh-cn"
INDEX_FOLDER = "pagefind"
# The choices of search.js's filter menus. Pagefind could list them too, but only by downloading every
# filter index first: 460 KB before the first result on a city-size site, against a few KB here.
FILTER_VALUES = "filter-values.json"
INDICATOR_KIND = "指标"
# Pagefind writes its ready-made UIs too; the site uses its own search.js, so they would only be dead weight.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)


# Han characters, as search.js's HAN: each becomes a word of its own, on both sides of the search.
HAN = "[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
_HAN_EDGE = re.compile(f"(?={HAN})|(?<={HAN})")  # a constant replacement keeps re.sub on its fast path
_TAG = re.compile(r"(<[^>]*>)")
# Where one cell, item or heading ends and the next begins. Browsers show a gap there, but the text of
# `<td>数量指标</td><td>维修面积</td>` has none, and Pagefind's excerpts read "数量指标维修面积":
# the index copy gets a visible separator at each such end, so excerpts read as text.
_BLOCK_END = re.compile(r"</(?:td|th|li|dt|dd|caption|h[1-6]|p)>|<br\s*/?>", re.IGNORECASE)
CELL_SEPARATOR = " · "
PAGE_MARK = "data-pagefind-body"


class SearchIndexError(RuntimeError):
    pass


def index_for_search(model: SiteModel, site: Path) -> None:
    """Index `site` (the staging folder) and write the bundle to `site/pagefind/`."""
    with tempfile.TemporaryDirectory(prefix="gongkai-search-") as folder:
        pages = write_spaced_pages(site, Path(folder))
        # PagefindIndex is async; a worker thread with its own event loop works whether or not
        # the caller already runs one (tests, `gongkai serve`).
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(asyncio.run, _write_index(pages, site / INDEX_FOLDER)).result()
    for name in UNUSED_BUNDLE_FILES:
        (site / INDEX_FOLDER / name).unlink(missing_ok=True)
    values = json.dumps(filter_values(model), ensure_ascii=False, separators=(",", ":"))
    (site / INDEX_FOLDER / FILTER_VALUES).write_text(values + "\n", encoding="utf-8")


def filter_values(model: SiteModel) -> dict[str, list[dict]]:
    """Each filter's values in menu order; regions as their tree, each with its depth in it."""
    kinds = ["部门", "文件"] + (["项目"] if any(v.projects for v in model.filings) else []) + (
        [INDICATOR_KIND] if any(has_indicators(v) for v in model.filings) else [])
    used = {chain for d in model.departments for chain in _prefixes(d.region_names)}
    regions = [names for names in (tuple(r.name for r in chain) for chain in model.config.region_paths().values())
               if names in used]
    return {
        "类型": [{"value": kind, "depth": 0} for kind in kinds],
        "年度": [{"value": str(year), "depth": 0} for year in model.years],
        "部门": [{"value": d.name, "depth": 0} for d in model.departments],
        "地区": [{"value": names[-1], "depth": len(names) - 1} for names in regions],
    }


def has_indicators(view: FilingView) -> bool:
    """Whether a filing shows an indicator row on its own page or one of its projects' pages."""
    return any(goal.indicators for goal in view.filing.goals) or any(
        goal.indicators for project in view.projects for goal in project.project.goals)


def _prefixes(names: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [names[:n] for n in range(1, len(names) + 1)]


def write_spaced_pages(site: Path, folder: Path) -> Path:
    """Copy the pages Pagefind indexes into `folder`, their text spaced for the index, at the same paths."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if PAGE_MARK in html:
            target = folder / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(spaced_html(html), encoding="utf-8")
    return folder


def spaced_html(html: str) -> str:
    """Space the text of a page, never its tags: attributes (filters, meta, titles) stay as written."""
    html = _BLOCK_END.sub(lambda end: end.group(0) + CELL_SEPARATOR, html.replace("\0", ""))
    pieces = _TAG.split(html)  # text, tag, text, tag, …
    # One pass over all the text at once, NUL between pieces (HTML has none): twice as fast as piece by piece.
    pieces[::2] = spaced("\0".join(pieces[::2])).split("\0")
    return "".join(pieces)


def spaced(text: str) -> str:
    """`法律援助≥100件` → ` 法 律 援 助 ≥100 件 `: every Han character a word for the index."""
    return _HAN_EDGE.sub(" ", text)


async def _write_index(pages: Path, output: Path) -> None:
    try:
        service = await _PromptService().launch()
    except FileNotFoundError as exc:
        raise SearchIndexError(f"找不到 Pagefind 程序：{exc}。请安装 pagefind[extended]，"
                               "或用 gongkai build --no-search 先生成不带搜索的网站") from exc
    try:
        index: PagefindIndex = await service.create_index(IndexConfig(force_language=LANGUAGE))
        indexed = await index.add_directory(str(pages))
        if not indexed.get("page_count"):
            raise SearchIndexError(f"Pagefind 没有找到可索引的页面（带 {PAGE_MARK} 的页面）")
        await index.write_files(str(output))
    except SearchIndexError:
        raise
    except Exception as exc:  # the service reports its errors as bare Exceptions
        raise SearchIndexError(f"Pagefind 建立索引失败：{exc}") from exc
    finally:
        await service.close()


# The longest Pagefind may take to answer one request (indexing all pages is one request: about 22 s per
# 1,000 pages, 11 minutes for a city of 30,000) or to stop: far beyond any real answer, it only turns a
# hung service into an error instead of a hung build.
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
        assert self._backend.stdout is not None
        try:
            while True:
                message = await self._backend.stdout.readuntil(b",")
                self._resolve(json.loads(base64.b64decode(message[:-1])))
        except (asyncio.IncompleteReadError, ValueError) as exc:  # the service ended or spoke garbage
            self._fail_all(SearchIndexError(f"Pagefind 服务意外中止：{exc}"))

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
