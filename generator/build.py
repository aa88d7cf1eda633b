"""`gongkai build`: content/ → a complete static site, or nothing at all.

Like mkdocs' build: gather and validate everything before writing anything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from .cache import BuildCache, BuildCaches, code_fingerprint, generator_fingerprint, key_of, tree_fingerprint
from .checking import check_content
from .config import configured_output
from .exports import Download, ExportInput, export_filing, export_site
from .feeds import feed_entries, write_feed, write_robots, write_sitemap
from .pages import Page, chrome_for, department_pages, site_pages
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
    departments_reused: int = 0  # departments whose pages were taken from the cache
    departments_rendered: int = 0  # departments whose pages were rendered afresh
    filings_reused: int = 0  # filings read back as parsed by an earlier build


# The modules whose code decides the bytes of the exports: a change to any of them empties the cache.
EXPORT_CODE = ("exports.py", "export_tables.py", "feeds.py", "models.py", "identity.py",
               "indicator_values.py", "yamlsource.py")


def build(content: Path, config: Path, templates: Path, output: Path | None = None,
          search: bool = True, cache: bool = True) -> BuildResult:
    started = time.perf_counter()
    output = output or configured_output(config)
    caches = BuildCaches.beside(output, enabled=cache)
    checked = check_content(content, config, caches.parsed)  # 1. load and validate every file
    if checked.report.errors or checked.config is None:
        raise ContentError(checked.report)  # nothing is published while there are errors
    site = build_site_model(checked.config, checked.filings)  # 2. one immutable model of public content
    with staging_dir(output) as staging:  # 3. written beside the old site, swapped in at the end
        downloads, site_downloads = write_open_data(site, staging, caches.exports)  # 4. first: pages show file sizes
        pages = write_pages(site, environment(templates), templates, downloads, site_downloads, staging,
                            caches.pages)  # 5. HTML, each page from its own context
        copy_assets(templates, site, staging)  # 6. CSS, JS, 原文
        write_discovery(site, pages, staging)  # 7. feed, sitemap, robots.txt
        if search:
            index_for_search(site, staging)  # 8. Pagefind: pages, plus one record per indicator
    caches.prune()  # 9. only once the new site is in place: a failed build keeps the old entries
    return BuildResult(output, len(pages), time.perf_counter() - started, caches.exports.hits,
                       caches.exports.misses, caches.pages.hits, caches.pages.misses, caches.parsed.hits)


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


def write_pages(site: SiteModel, env: Environment, templates: Path, downloads: dict[str, tuple[Download, ...]],
                site_downloads: tuple[Download, ...], staging: Path, reuse: BuildCache) -> list[str]:
    """Site-wide pages are rendered on every build; a department's pages only when their inputs changed.

    A department's key holds the repr of its view (every filing as public, with findings and
    projects), its downloads, the chrome, all generator code and all templates: whatever its
    pages are made from. Paths of the written pages are returned, for the sitemap.
    """
    chrome = chrome_for(site)
    paths = render_pages(env, site_pages(site, chrome, downloads, site_downloads), staging)
    code = key_of(generator_fingerprint(), tree_fingerprint(templates), repr(chrome))
    for dept in site.departments:
        own = tuple(downloads.get(view.url, ()) for view in dept.filings)
        paths += reuse.files(key_of(code, repr(dept), repr(own)), staging,
                             lambda out, dept=dept: render_pages(env, department_pages(dept, chrome, downloads), out))
    return paths


def render_pages(env: Environment, pages: list[Page], out: Path) -> list[str]:
    for page in pages:
        write_text(out, page.file, render_page(env, page))
    return [page.path for page in pages]


def copy_assets(templates: Path, site: SiteModel, staging: Path) -> None:
    copy_tree(templates / "static", staging / "static")
    for view in site.filings:
        if view.source_path:
            target = staging / "sources" / view.source_path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(view.source_path.read_bytes())


def write_discovery(site: SiteModel, page_paths: list[str], staging: Path) -> None:
    write_feed(feed_entries([view.filing for view in site.filings]), site.config, staging)
    write_sitemap([path for path in page_paths if path != "404.html"], site.config, staging)
    write_robots(site.config, staging)
