"""Stage 9: index the finished site with Pagefind (extended build: segments Chinese).

Two kinds of entries go into one index, written inside the site (`pagefind/`),
so search works on any static host with no third-party request:

- pages: department, filing and project pages, read from the staging folder.
  Pagefind only reads the `<main data-pagefind-body>` of those pages, so page
  chrome (header, navigation, footer) and every other page stay out; their
  filters and metadata come from `_search_meta.html`.
- indicators: one custom record per indicator row, whose URL is the row's
  anchor on its filing or project page, so an indicator is a result of its own.

Everything indexed comes from the site model, which holds public filings only:
withheld projects and unpublished contact fields are not there to be indexed.
"""

from __future__ import annotations

import asyncio
import base64
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from .identity import goal_id, indicator_anchors
from .models import Goal, Indicator
from .sitemodel import FilingView, SiteModel

LANGUAGE = "zh-cn"
INDEX_FOLDER = "pagefind"
INDICATOR_KIND = "指标"
# Pagefind writes its ready-made UIs too; the site uses its own search.js, so they would only be dead weight.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)
# The indicator fields a record shows after its 一级/二级/三级 path, in the order of the forms.
INDICATOR_FIELDS = (
    ("value", "指标值"), ("value_type", "指标值类型"), ("unit", "计量单位"), ("basis", "指标值确定依据"),
    ("category", "指标分类"), ("description", "指标解释"), ("scoring", "评（扣）分标准"),
    ("weight", "分值"), ("remark", "备注"),
)


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchRecord:
    """A Pagefind custom record: the arguments of `PagefindIndex.add_custom_record`."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def index_for_search(model: SiteModel, site: Path) -> None:
    """Index `site` (the staging folder) and write the bundle to `site/pagefind/`."""
    records = indicator_records(model)
    # PagefindIndex is async; a worker thread with its own event loop works whether or not
    # the caller already runs one (tests, `gongkai serve`).
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, _write_index(site, records)).result()
    for name in UNUSED_BUNDLE_FILES:
        (site / INDEX_FOLDER / name).unlink(missing_ok=True)


def indicator_records(model: SiteModel) -> list[SearchRecord]:
    """One record per indicator row, in page order: filing goals first, then each project's goals."""
    records = []
    for view in model.filings:
        records += _goal_records(view, view.filing.goals, view.url, "部门整体绩效目标")
        for project in view.projects:
            name = project.project.name or f"项目 {project.id}（名称缺失）"
            records += _goal_records(view, project.project.goals, project.url, f"项目：{name}")
    return records


def _goal_records(view: FilingView, goals: list[Goal], page_url: str, where: str) -> list[SearchRecord]:
    records = []
    for n, goal in enumerate(goals):
        # The same ids as the rendered table (pages._goal_block), so every URL lands on its row.
        anchors = indicator_anchors(goal, goal_id(goal, n))
        records += [_record(view, indicator, f"/{page_url}#{anchor}", where)
                    for indicator, anchor in zip(goal.indicators, anchors)]
    return records


def _record(view: FilingView, indicator: Indicator, url: str, where: str) -> SearchRecord:
    f = view.filing
    meta = {"title": indicator.name or indicator.level2 or "（空白）", "kind": INDICATOR_KIND,
            "department": f.department.name, "year": str(f.fiscal_year), "document": f.kind, "where": where}
    return SearchRecord(url, indicator_text(indicator), meta, search_filters(view, INDICATOR_KIND),
                        {"year": str(f.fiscal_year)})


def indicator_text(indicator: Indicator) -> str:
    """The searchable text of a row: its 一级/二级/三级 path, then its values exactly as filed."""
    parts = [f"{label}：{value}" for label, value in
             (("一级指标", indicator.level1), ("二级指标", indicator.level2), ("三级指标", indicator.name)) if value]
    parts += [f"{label}：{getattr(indicator, field)}" for field, label in INDICATOR_FIELDS if getattr(indicator, field)]
    parts += [f"{year}年：{value}" for year, value in sorted(indicator.prior.items()) if value]
    return "；".join(parts)


def search_filters(view: FilingView, kind: str) -> dict[str, list[str]]:
    """The filters of `_search_meta.html`, for a record of the same filing."""
    f = view.filing
    return {"类型": [kind], "年度": [str(f.fiscal_year)], "部门": [f.department.name],
            "地区": list(view.region_names), "文件类型": [f.kind]}


async def _write_index(site: Path, records: list[SearchRecord]) -> None:
    config = IndexConfig(force_language=LANGUAGE)
    service = await _PromptService().launch()
    try:
        index = await service.create_index(config)
        pages = await index.add_directory(str(site))
        if not pages.get("page_count"):
            raise SearchIndexError(f"Pagefind 没有在 {site} 中找到可索引的页面（data-pagefind-body）")
        # Sent in order and answered in order, so the index does not depend on timing.
        for record in records:
            await index.add_custom_record(url=record.url, content=record.content, language=LANGUAGE,
                                          meta=record.meta, filters=record.filters, sort=record.sort)
        await index.write_files(str(site / INDEX_FOLDER))
    except SearchIndexError:
        raise
    except Exception as exc:  # the service reports its errors as bare Exceptions
        raise SearchIndexError(f"Pagefind 建立索引失败：{exc}") from exc
    finally:
        await service.close()


class _PromptService(PagefindService):
    """The Pagefind service, reading each response as soon as it arrives.

    The stock reader sleeps 0.1 s before every response it reads, which caps the
    service at ten records a second (a minute for a city's 600 indicators).
    Same protocol: base64 JSON messages, each ended by a comma.
    """

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
