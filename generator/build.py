"""`gongkai build`: content/ → a complete static site, or nothing at all.

Like mkdocs' build: gather and validate everything before writing anything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .cache import BuildCache, code_fingerprint, key_of
from .checking import check_content
from .exports import Download, ExportInput, export_filing, export_site
from .feeds import feed_entries, write_feed, write_robots, write_sitemap
from .pages import Page, all_pages
from .problems import ContentError
from .publish import copy_tree, staging_dir, write_text
from .render import environment, render_page
from .search import index_for_search
from .sitemodel import SiteModel, build_site_model


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    seconds: float
    reused: int  # export sets taken from the cache
    made: int  # export sets written afresh


# The modules whose code decides the bytes of the exports: a change to any of them empties the cache.
EXPORT_CODE = ("exports.py", "export_tables.py", "feeds.py", "models.py", "identity.py",
               "indicator_values.py", "yamlsource.py")


def build(content: Path, config: Path, templates: Path, output: Path | None = None,
          search: bool = True, cache: bool = True) -> BuildResult:
    started = time.perf_counter()
    checked = check_content(content, config)  # 1. load and validate every file
    if checked.report.errors or checked.config is None:
        raise ContentError(checked.report)  # nothing is published while there are errors
    site = build_site_model(checked.config, checked.filings)  # 2. one immutable model of public content
    output = output or Path(checked.config.output_dir)
    reuse = BuildCache(output.parent / f".{output.name}.cache" if cache else None)
    env = environment(templates)
    with staging_dir(output) as staging:  # 3. written beside the old site, swapped in at the end
        downloads, site_downloads = write_open_data(site, staging, reuse)  # 4. first: pages show file sizes
        pages = all_pages(site, downloads, site_downloads)  # 5. every page with its own context
        for page in pages:
            write_text(staging, page.file, render_page(env, page))  # 6. HTML
        copy_assets(templates, site, staging)  # 7. CSS, JS, 原文
        write_discovery(site, pages, staging)  # 8. feed, sitemap, robots.txt
        if search:
            index_for_search(site, staging)  # 9. Pagefind: pages, plus one record per indicator
    return BuildResult(output, len(pages), time.perf_counter() - started, reuse.hits, reuse.misses)


def write_open_data(site: SiteModel, staging: Path, reuse: BuildCache) -> tuple[dict[str, tuple[Download, ...]], tuple[Download, ...]]:
    """Exports of unchanged filings come from the cache: writing XLSX is the slowest part of a build."""
    code = code_fingerprint(EXPORT_CODE)
    items = {view.url: ExportInput(view.filing, view.region_names) for view in site.filings}
    keys = {url: key_of(code, "filing", item.filing.model_dump_json(), *item.region_names) for url, item in items.items()}
    per_filing = {url: tuple(reuse.downloads(keys[url], staging, lambda out, item=item: export_filing(item, out)))
                  for url, item in items.items()}
    everything = list(items.values())
    site_key = key_of(code, "site", *sorted(keys.values()))
    return per_filing, tuple(reuse.downloads(site_key, staging, lambda out: export_site(everything, out)))


def copy_assets(templates: Path, site: SiteModel, staging: Path) -> None:
    copy_tree(templates / "static", staging / "static")
    for view in site.filings:
        if view.source_path:
            target = staging / "sources" / view.source_path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(view.source_path.read_bytes())


def write_discovery(site: SiteModel, pages: list[Page], staging: Path) -> None:
    write_feed(feed_entries([view.filing for view in site.filings]), site.config, staging)
    write_sitemap([page.path for page in pages if page.path != "404.html"], site.config, staging)
    write_robots(site.config, staging)
