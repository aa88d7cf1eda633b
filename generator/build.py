"""`gongkai build`: content/ → a complete static site, or nothing at all.

Like mkdocs' build: gather and validate everything before writing anything.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment

from .cache import BuildCache, BuildCaches, code_fingerprint, fill_entry, generator_fingerprint, key_of, tree_fingerprint
from .checking import check_content
from .config import configured_output
from .exports import Download, ExportInput, export_filing, export_site
from .feeds import feed_entries, revision_entries, write_feed, write_robots, write_sitemap
from .pages import Chrome, Page, chrome_for, department_pages, site_pages
from .problems import ContentError
from .publish import build_lock, copy_tree, guarded_output, staging_dir, write_text
from .render import environment, render_page
from .revision_data import write_revision_data
from .revisions import site_history
from .search import index_for_search
from .sitemodel import DepartmentView, SiteModel, build_site_model


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
    warnings: int = 0  # warnings of `check` still to be reviewed: the site shows them as 核对 notes
    reviewed: int = 0  # warnings checked against the 原文 (reviews:), shown as 已核对
    history_notice: str | None = None  # when the content's commit history is not complete
    history_parsed: int = 0  # file versions of the history parsed afresh (the others came from the cache)


# The modules whose code decides the bytes of the exports: a change to any of them empties the cache.
EXPORT_CODE = ("exports.py", "export_tables.py", "feeds.py", "models.py", "identity.py", "vocabulary.py",
               "indicator_values.py", "yamlsource.py")


def build(content: Path, config: Path, templates: Path, output: Path | None = None,
          search: bool = True, cache: bool = True, jobs: int | None = None) -> BuildResult:
    started = time.perf_counter()
    output = guarded_output(output or configured_output(config), content, templates, config)  # never content & co.
    with build_lock(output), BuildCaches.beside(output, enabled=cache) as caches:  # what earlier builds made
        checked = check_content(content, config, caches.parsed, jobs)  # 1. load and validate every file
        if checked.report.errors or checked.config is None:
            raise ContentError(checked.report)  # nothing is published while there are errors
        history = site_history(content, checked.config, checked.filings, caches.history)  # 2. 修订记录 from git
        site = build_site_model(checked.config, checked.filings, content, history.filings,
                                history.notice)  # 3. one immutable model of public content
        with staging_dir(output) as staging:  # 4. written beside the old site, swapped in at the end
            downloads, site_downloads = write_open_data(site, staging, caches.exports, jobs)  # 5. first: pages show sizes
            write_revision_data(site, history, staging, caches.exports, jobs)  # 6. each revision's JSON, YAML
            pages = write_pages(site, templates, downloads, site_downloads, staging, caches.pages, jobs)  # 7. HTML
            copy_assets(templates, site, staging)  # 8. CSS, JS, 原文
            write_discovery(site, pages, staging)  # 9. feed (filings and revisions), sitemap, robots.txt
            if search:
                index_for_search(site, staging)  # 10. Pagefind: pages, plus one record per indicator
        caches.prune()  # 11. only once the new site is in place: a failed build keeps the old entries
    return BuildResult(output, len(pages), time.perf_counter() - started, caches.exports.hits,
                       caches.exports.misses, caches.pages.hits, caches.pages.misses, caches.parsed.hits,
                       len(checked.report.warnings), len(checked.report.reviewed), history.notice, history.parsed)


def write_open_data(site: SiteModel, staging: Path, reuse: BuildCache,
                    jobs: int | None) -> tuple[dict[str, tuple[Download, ...]], tuple[Download, ...]]:
    """Exports of unchanged filings come from the cache; the others are made on every core first."""
    code = code_fingerprint(EXPORT_CODE)
    items = {view.url: ExportInput(view.filing, view.region_names) for view in site.filings}
    keys = {url: key_of(code, "filing", item.filing.model_dump_json(), *item.region_names) for url, item in items.items()}
    reuse.fill_missing(fill_exports, {keys[url]: (item,) for url, item in items.items()}, jobs)
    per_filing = {url: downloads_in(reuse.copy(keys[url], staging)) for url in items}
    everything = list(items.values())
    site_key = key_of(code, "site", *sorted(keys.values()))
    return per_filing, downloads_in(reuse.files(site_key, staging, lambda out: manifest_of(export_site(everything, out))))


def fill_exports(root: Path, key: str, item: ExportInput) -> None:
    """One filing's downloads into the cache entry `key` (a job: runs in a worker process)."""
    fill_entry(root, key, lambda out: manifest_of(export_filing(item, out)))


def manifest_of(downloads: list[Download]) -> list[dict]:
    return [asdict(d) for d in downloads]


def downloads_in(manifest: list[dict]) -> tuple[Download, ...]:
    return tuple(Download(**item) for item in manifest)


def write_pages(site: SiteModel, templates: Path, downloads: dict[str, tuple[Download, ...]],
                site_downloads: tuple[Download, ...], staging: Path, reuse: BuildCache, jobs: int | None) -> list[str]:
    """Site-wide pages are rendered on every build; a department's pages only when their inputs changed.

    A department's key holds the repr of its view (every filing as public, with findings and
    projects), its downloads, the chrome, all generator code and all templates: whatever its
    pages are made from. Missing departments are rendered on every core first. Paths of the
    written pages are returned, for the sitemap.
    """
    chrome = chrome_for(site)
    paths = render_pages(templates_environment(templates), site_pages(site, chrome, downloads, site_downloads), staging)
    code = key_of(generator_fingerprint(), tree_fingerprint(templates), repr(chrome))
    own = {dept.id: {view.url: downloads.get(view.url, ()) for view in dept.filings} for dept in site.departments}
    keys = {dept.id: key_of(code, repr(dept), repr(tuple(own[dept.id].values()))) for dept in site.departments}
    reuse.fill_missing(fill_department_pages, {keys[d.id]: (templates, d, chrome, own[d.id]) for d in site.departments},
                       jobs)
    return paths + [path for dept in site.departments for path in reuse.copy(keys[dept.id], staging)]


def fill_department_pages(root: Path, key: str, templates: Path, dept: DepartmentView, chrome: Chrome,
                          downloads: dict[str, tuple[Download, ...]]) -> None:
    """One department's pages into the cache entry `key` (a job: runs in a worker process)."""
    env = templates_environment(templates)
    fill_entry(root, key, lambda out: render_pages(env, department_pages(dept, chrome, downloads), out))


@lru_cache(maxsize=4)
def templates_environment(templates: Path) -> Environment:
    """One Jinja environment per process and templates folder: compiled templates are reused by every
    page and job (Jinja reloads a template whose file changed)."""
    return environment(templates)


def render_pages(env: Environment, pages: list[Page], out: Path) -> list[str]:
    for page in pages:
        write_text(out, page.file, render_page(env, page))
    return [page.path for page in pages]


def copy_assets(templates: Path, site: SiteModel, staging: Path) -> None:
    copy_tree(templates / "static", staging / "static")
    for view in site.filings:
        if view.source:  # personal data blanked unless the site publishes contact fields
            target = staging / view.source.url
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(view.source.public_bytes())


def write_discovery(site: SiteModel, page_paths: list[str], staging: Path) -> None:
    write_feed(feed_entries([view.filing for view in site.filings]) + revision_entries(site), site.config, staging)
    write_sitemap([path for path in page_paths if path != "404.html"], site.config, staging)
    write_robots(site.config, staging)
