"""`gongkai build`: content/ → a complete static site, or nothing at all.

Like mkdocs' build: gather and validate everything before writing anything.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment

from .cache import (BuildCache, BuildCaches, canonical, code_fingerprint, fill_entry, generator_fingerprint,
                    inputs_fingerprint, key_of, settled_digest, tree_fingerprint)
from .checking import check_content
from .config import ComparisonTopic, configured_output
from .exports import Download
from .feeds import feed_entries, revision_entries, write_feed, write_robots, write_sitemap
from .comparisons import (Comparison, ComparisonSummary, DepartmentRows, comparisons, department_rows, summaries,
                          topic_shares)
from .pages import Chrome, Page, chrome_for, compare_pages, department_pages, site_pages
from .parallel import collecting_rarely, kept_workers
from .problems import ContentError
from .publish import build_lock, copy_tree, drop_unplaced, guarded_output, staging_dir, write_file, write_text
from .redaction import PublicSource
from .render import Templates, environment, render_page
from .revision_data import write_revision_data
from .history import history_head
from .open_data import SiteFiles, write_open_data
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
    filings: int = 0  # filings published


def build(content: Path, config: Path, templates: Path, output: Path | None = None,
          search: bool = True, cache: bool = True, jobs: int | None = None) -> BuildResult:
    started = time.perf_counter()
    output = guarded_output(output or configured_output(config), content, templates, config)  # never content & co.
    # The caches: what earlier builds made. The workers: started once, for every stage that has enough jobs.
    with build_lock(output), BuildCaches.beside(output, enabled=cache) as caches, kept_workers(), collecting_rarely():
        inputs = inputs_fingerprint(content, config, templates, history_head(content), f"search={search}")
        if (last := caches.published_from(inputs, output)) is not None:
            return unchanged(last, output, started)  # 0. the site in place is what these inputs make
        checked = check_content(content, config, caches.parsed, jobs)  # 1. load and validate every file
        if checked.report.errors or checked.config is None:
            raise ContentError(checked.report)  # nothing is published while there are errors
        history = site_history(content, checked.config, checked.filings, caches.history)  # 2. 修订记录 from git
        site = build_site_model(checked.config, checked.filings, content, history.filings,
                                history.notice)  # 3. one immutable model of public content
        # 4. written beside the old site, swapped in at the end; the site-wide downloads are made in the background
        with staging_dir(output) as staging, ThreadPoolExecutor(max_workers=2) as background:
            downloads, site_files = write_open_data(site, staging, caches.exports, caches.joined, jobs,
                                                    background)  # 5. first: pages show sizes
            write_revision_data(site, history, staging, caches.exports, jobs)  # 6. each revision's JSON, YAML
            pages = write_pages(site, templates, downloads, site_files, staging, caches, jobs)  # 7. HTML
            copy_assets(templates, site, staging, caches.sources)  # 8. CSS, JS, 原文
            write_discovery(site, pages, staging)  # 9. feed (filings and revisions), sitemap, robots.txt
            if search:
                index_for_search(site, staging)  # 10. Pagefind: the content pages (indicators found in their rows)
            published = drop_unplaced(staging, caches.placed())  # 11. what the reused site has that this has not
        result = BuildResult(output, len(pages), time.perf_counter() - started, caches.exports.hits,
                             caches.exports.misses, caches.pages.hits, caches.pages.misses, caches.parsed.hits,
                             len(checked.report.warnings), len(checked.report.reviewed), history.notice,
                             history.parsed, len(site.filings))
        caches.record_published(inputs, published, counts_of(result))  # 12. what the next build can skip
        caches.prune()  # 13. only once the new site is in place: a failed build keeps the old entries
    return result


def counts_of(result: BuildResult) -> dict:
    return {"pages": result.pages, "exports": result.reused + result.made,
            "departments": result.departments_reused + result.departments_rendered, "filings": result.filings,
            "warnings": result.warnings, "reviewed": result.reviewed, "history_notice": result.history_notice}


def unchanged(last: dict, output: Path, started: float) -> BuildResult:
    """Nothing to do: every output of the last build is reused as it stands."""
    return BuildResult(output, last["pages"], time.perf_counter() - started, reused=last["exports"], made=0,
                       departments_reused=last["departments"], departments_rendered=0,
                       filings_reused=last["filings"], warnings=last["warnings"], reviewed=last["reviewed"],
                       history_notice=last["history_notice"], filings=last["filings"])


def write_pages(site: SiteModel, templates: Path, downloads: dict[str, tuple[Download, ...]],
                site_files: SiteFiles, staging: Path, caches: BuildCaches,
                jobs: int | None) -> list[str]:
    """Site-wide pages are rendered on every build; a department's pages only when their inputs changed; a
    comparison's page only when its rows did.

    A department's key holds its view's digest (every filing as public, with its 原文 and revisions), its
    downloads, the chrome, all generator code, the libraries it uses and all
    templates: whatever its pages are made from. Missing departments are rendered on every core first. Paths of the
    written pages are returned, for the sitemap.
    """
    chrome = chrome_for(site)
    code = key_of(generator_fingerprint(), tree_fingerprint(templates), canonical(chrome))
    env = compiled_environment(templates, caches.templates)
    templates_used = Templates(templates, caches.templates.root)  # for the workers
    own = {dept.id: {view.url: downloads.get(view.url, ()) for view in dept.filings} for dept in site.departments}
    keys = {dept.id: key_of(code, dept.digest(), canonical(own[dept.id])) for dept in site.departments}
    topics = site.config.comparisons
    arguments = {keys[d.id]: (templates_used, d, chrome, own[d.id], topics) for d in site.departments}
    rows = caches.pages.fill_missing(fill_department_pages, arguments, jobs, "部门页面")
    found, compared = comparison_pages(site, keys, rows, code, templates_used, chrome, staging, caches.comparisons,
                                       jobs)
    linked = [path for dept in site.departments for path in caches.pages.link(keys[dept.id], staging)]
    return render_pages(env, site_pages(site, chrome, downloads, site_files.downloads(), found),
                        staging) + compared + linked  # the site's pages last: they wait for the site-wide files


def comparison_pages(site: SiteModel, department_keys: dict[str, str], fresh: dict[str, DepartmentRows], code: str,
                     templates: Templates, chrome: Chrome, staging: Path, reuse: BuildCache,
                     jobs: int | None) -> tuple[tuple[ComparisonSummary, ...], list[str]]:
    """Each comparison's pages, made again only when one of its rows changed, and what the index says of each.

    Per department (under its pages' key, so worked out only for a changed department) two things are kept:
    its share of each topic (a digest and counts of its rows: read on every build) and its rows (read only
    when a topic's pages must be made again). A department whose pages were just made brings its rows from
    that job (`fresh`); the others' are worked out here only when their kept shares or rows are missing
    (the topics changed)."""
    topics = site.config.comparisons
    keyed = {department_keys[d.id]: d for d in site.departments}

    def rows_of(key: str) -> DepartmentRows:
        return fresh[key] if key in fresh else department_rows(topics, keyed[key])

    shares = reuse.memo(key_of("comparison-shares", canonical(topics)), keyed, lambda key: topic_shares(rows_of(key)))
    in_order = [shares[department_keys[d.id]] for d in site.departments]
    page_keys = {topic.id: key_of(code, canonical(topic), *(share[topic.id].digest for share in in_order
                                                            if topic.id in share)) for topic in topics}
    rows_name = key_of("comparison-rows", canonical(topics))
    if reuse.missing(page_keys.values()):
        rows = reuse.memo(rows_name, keyed, rows_of)
        made = comparisons(site, [rows[department_keys[d.id]] for d in site.departments])
        reuse.fill_missing(fill_comparison_pages, {page_keys[c.topic.id]: (templates, c, chrome) for c in made}, jobs)
    else:
        reuse.mark_used(rows_name)  # rows of departments changed since are worked out when next needed
    return summaries(topics, in_order), [path for key in page_keys.values() for path in reuse.link(key, staging)]


def fill_department_pages(root: Path, key: str, templates: Templates, dept: DepartmentView, chrome: Chrome,
                          downloads: dict[str, tuple[Download, ...]], topics: list[ComparisonTopic]) -> DepartmentRows:
    """One department's pages into the cache entry `key`, and its rows in each comparison, worked out here
    beside the pages that need the same public views (a job: runs in a worker process)."""
    env = templates_environment(templates)
    fill_entry(root, key, lambda out: render_pages(env, department_pages(dept, chrome, downloads), out))
    return department_rows(topics, dept)


def fill_comparison_pages(root: Path, key: str, templates: Templates, comparison: Comparison, chrome: Chrome) -> None:
    """One comparison's pages into the cache entry `key` (a job: the topics' pages render side by side)."""
    env = templates_environment(templates)
    fill_entry(root, key, lambda out: render_pages(env, compare_pages(comparison, chrome), out))


@lru_cache(maxsize=4)
def templates_environment(templates: Templates) -> Environment:
    """A worker's Jinja environment, one per process and templates folder: compiled templates are reused by
    every page and job (Jinja reloads a template whose file changed)."""
    return environment(templates.folder, BuildCache(templates.compiled))


def compiled_environment(templates: Path, compiled: BuildCache) -> Environment:
    """The build's own environment, every template loaded before the workers start: compiled, or read from the
    cache (a few milliseconds), once for all of them, and so kept past this build's prune of the cache."""
    env = environment(templates, compiled)
    for name in env.list_templates(extensions=("html",)):
        env.get_template(name)
    return env


def render_pages(env: Environment, pages: list[Page], out: Path) -> list[str]:
    for page in pages:
        write_text(out, page.file, render_page(env, page))
    return [page.path for page in pages]


def copy_assets(templates: Path, site: SiteModel, staging: Path, reuse: BuildCache) -> None:
    copy_tree(templates / "static", staging / "static")
    code = code_fingerprint(("redaction.py",))
    sources = {view.source.url: view.source for view in site.filings if view.source}  # one 原文, several filings
    for source in sources.values():  # personal data blanked unless the site publishes contact fields
        key = key_of(code, source.url, settled_digest(source.path), canonical(source.hidden),
                     canonical((source.withheld.notices, sorted(source.withheld.numbers))))
        reuse.files(key, staging, lambda out, s=source: write_source(s, out))


def write_source(source: PublicSource, out: Path) -> list:
    write_file(out / source.url, source.public_bytes())
    return []


def write_discovery(site: SiteModel, page_paths: list[str], staging: Path) -> None:
    write_feed(feed_entries([view.head for view in site.filings]) + revision_entries(site), site.config, staging)
    write_sitemap([path for path in page_paths if path != "404.html"], site.config, staging)
    write_robots(site.config, staging)
