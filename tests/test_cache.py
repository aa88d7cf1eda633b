"""Incremental builds: unchanged filings reuse their parsed models and exports, unchanged
departments their pages, and the site is the same bytes either way."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from generator import open_data
from generator.build import BuildResult, build
from generator.loading import LoadedFiling
from generator.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
CHANGED = Path("other-sfj") / "2025-shenbao.yml"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


class Site:
    """A copy of the fixture content and templates under tmp_path, built into tmp_path/site."""

    def __init__(self, tmp_path: Path):
        self.root = tmp_path
        self.content, self.templates = tmp_path / "content", tmp_path / "templates"
        shutil.copytree(FIXTURE / "content", self.content)
        shutil.copytree(ROOT / "templates", self.templates)

    def build(self, folder: str = "site", cache: bool = True, jobs: int | None = None) -> BuildResult:
        return build(self.content, FIXTURE / "site_config.yml", self.templates, self.root / folder,
                     search=False, cache=cache, jobs=jobs)

    def files(self, folder: str = "site") -> dict[str, bytes]:
        return files(self.root / folder)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


def test_second_build_reuses_everything_and_writes_the_same_bytes(site):
    first = site.build()
    before = site.files()
    second = site.build()
    assert (first.reused, first.made) == (0, 8)  # four filings, the site-wide set, a workbook per year
    assert (second.reused, second.made) == (8, 0)
    assert (first.departments_reused, first.departments_rendered) == (0, 3)
    assert (second.departments_reused, second.departments_rendered) == (3, 0)
    assert (first.filings_reused, second.filings_reused) == (0, 4)
    assert site.files() == before
    fresh = site.build("fresh", cache=False)
    assert (fresh.reused, fresh.made, fresh.filings_reused) == (0, 8, 0)
    assert site.files("fresh") == before
    assert not [p.name for p in site.root.iterdir() if "fresh" in p.name and p.name not in ("fresh", ".fresh.lock")], \
        "without the cache, nothing but the build lock is kept beside the site"


def test_changing_one_filing_remakes_only_what_it_feeds(site):
    site.build()
    edit(site.content / CHANGED, "≥50件", "≥55件")
    again = site.build()
    # The changed filing, the site-wide set and its year's workbook; the other years' workbooks are kept.
    assert (again.reused, again.made) == (5, 3)
    assert (again.departments_reused, again.departments_rendered) == (2, 1)
    assert again.filings_reused == 3
    csv = (site.root / "site/d/other-sfj/2025-shenbao/data/other-sfj-2025-shenbao-indicators.csv").read_text("utf-8-sig")
    assert "≥55件" in csv and "≥50件" not in csv


def read_back_whole(site: Site, monkeypatch) -> list[str]:
    """The filings whose whole model the next build reads back from the parsed cache, in the order it does."""
    found: list[str] = []
    whole = LoadedFiling.filing.fget

    def counted(loaded: LoadedFiling):
        if not loaded.loaded:
            found.append(loaded.path.relative_to(site.content).as_posix())
        return whole(loaded)
    monkeypatch.setattr(LoadedFiling, "filing", property(counted))
    return found


def test_a_rebuild_reads_back_whole_only_the_filings_of_departments_made_again(site, monkeypatch):
    """Checks across files, the site-wide pages, the feed and the open data read the heads of unchanged filings;
    only a department whose pages are made again has its filings read back whole."""
    site.build()
    edit(site.content / "demo-sfj" / "2025-pifu.yml", "法律援助", "法律援助服务")
    read_back = read_back_whole(site, monkeypatch)
    again = site.build()
    assert (again.filings_reused, again.departments_rendered) == (3, 1)
    assert read_back == ["demo-sfj/2024-pifu.yml"]  # the edited one was just parsed; other departments: none
    site.build("fresh", cache=False)
    assert site.files("fresh") == site.files()


def test_each_build_started_from_the_site_before_the_last_equals_a_fresh_build(site):
    """A build starts from the site the last build replaced: two builds old. A department deleted since must
    not come back from it, and one restored must be complete again."""
    site.build()
    removed = (site.content / CHANGED).read_text(encoding="utf-8")
    (site.content / CHANGED).unlink()
    site.build()
    edit(site.content / "demo-sfj" / "2025-pifu.yml", "法律援助", "法律援助服务")
    site.build()  # from the first site, which has other-sfj
    assert not (site.root / "site" / "d" / "other-sfj").exists()
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")
    (site.content / CHANGED).write_text(removed, encoding="utf-8")
    site.build()  # from the second site, which has not
    shutil.rmtree(site.root / "fresh")
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")
    assert (site.root / "site" / "d" / "other-sfj" / "index.html").exists()


def test_an_incremental_build_equals_a_fresh_one(site):
    """The safety net of every cache key: after a change, reuse must give exactly the fresh bytes."""
    site.build()
    edit(site.content / CHANGED, "≥50件", "≥55件")
    again = site.build()
    fresh = site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")
    page = (site.root / "site/d/other-sfj/2025-shenbao/index.html").read_text("utf-8")
    assert "≥55件" in page and "≥50件" not in page
    assert fresh.pages == again.pages



def test_publishing_contact_fields_remakes_what_shows_them_and_equals_a_fresh_build(site):
    """A filing's key stands for its public view: the same filing made public with its contact fields is
    another view, and its pages and data are made again."""
    config = site.root / "site_config.yml"
    config.write_text((FIXTURE / "site_config.yml").read_text(encoding="utf-8") + "publish_contact: true\n",
                      encoding="utf-8")
    site.build()
    again = build(site.content, config, site.templates, site.root / "site", search=False)
    assert (again.departments_reused, again.departments_rendered) == (0, 3)
    build(site.content, config, site.templates, site.root / "fresh", search=False, cache=False)
    assert site.files() == site.files("fresh")
    assert "0731-CONTACT-CANARY" in (site.root / "site/d/other-sfj/2025-shenbao/index.html").read_text("utf-8")

def test_a_template_change_renders_every_department_again(site):
    site.build()
    compiled = entries(site, "templates")
    assert len(compiled) == len(list(site.templates.glob("*.html")))  # each template's code, compiled once
    edit(site.templates / "project.html", "{% block content %}", "{% block content %}<!-- edited -->")
    again = site.build()
    assert (again.departments_reused, again.departments_rendered) == (0, 3)
    assert "<!-- edited -->" in (site.root / "site/d/demo-sfj/2025-pifu/p/DEMO0001/index.html").read_text("utf-8")
    now = entries(site, "templates")
    assert (len(set(compiled) - set(now)), len(set(now) - set(compiled))) == (1, 1)  # project.html's alone


def test_damaged_compiled_templates_are_compiled_again(site, caplog):
    """Each template's compiled code is kept in the cache under a digest: garbage of the same size is compiled
    again from the template, one warning each, and the site is the fresh build's."""
    site.build()
    compiled = entries(site, "templates")
    for entry in compiled:
        entry.write_bytes(entry.read_bytes()[:40] + b"x" * (entry.stat().st_size - 40))
    rebuilt_equals_fresh(site, caplog, damaged=len(compiled))
    assert all(entry.read_bytes() != b"x" * entry.stat().st_size for entry in entries(site, "templates"))


def test_entries_a_build_no_longer_uses_are_pruned(site):
    site.build()
    cache = site.root / ".site.cache"
    compiled = set(cache.glob("templates/*"))
    before = {p.relative_to(cache).as_posix() for p in cache.glob("*/*") if p.parent.name not in ("templates", "joined")}
    edit(site.content / CHANGED, "≥50件", "≥55件")
    site.build()
    assert set(cache.glob("templates/*")) == compiled and compiled  # the templates did not change
    after = {p.relative_to(cache).as_posix() for p in cache.glob("*/*") if p.parent.name not in ("templates", "joined")}
    # The changed filing (parsed and exported), the site-wide set, its year's workbook, its department's
    # pages and the one comparison the changed indicator is in: old entries gone, new ones in. The
    # comparisons' shares and rows are kept in one entry each, rewritten in place; the published 原文 is kept.
    assert len(before) == len(after) == 21 and len(before & after) == 15
    assert sorted(name.split("/")[0] for name in after - before) == [
        "comparisons", "exports", "exports", "exports", "pages", "parsed"]


def joined(site: Site) -> set[str]:
    return {path.name for path in (site.root / ".site.cache" / "joined").iterdir()}


@pytest.fixture
def run_per_filing(monkeypatch):
    """Every filing a run of its own (runs end after keys with these first digits): counts not left to the
    digests' luck."""
    monkeypatch.setattr(open_data, "RUN_ENDS", tuple("0123456789abcdef"))


def test_a_change_joins_again_only_the_runs_of_rows_it_is_in(site, run_per_filing):
    """The site-wide CSVs and year workbooks are joined from runs of filings' rows kept in `joined/`: a changed
    filing's lines of the CSVs and its rows in the five sheets of its year's workbook are joined again; the
    other runs are read back, or kept unread (a year's workbook reused whole reads none of its runs); a run
    whose rows moved down the sheet is joined again with its new row numbers. Each site is a fresh build's."""
    site.build()
    first = joined(site)
    # Four filings: each one run of the CSVs and one of each of its year's five sheets (3 of the 2023 and 2024
    # sheets have no rows: nothing to join).
    assert len(first) == 4 + 4 * 5 - 3
    edit(site.content / CHANGED, "≥50件", "≥55件")
    site.build()
    second = joined(site)
    assert len(second) == 21 and len(first & second) == 21 - 6
    edit(site.content / "demo-sfj" / "2025-pifu.yml", "  - id: medium", """      - {level1: 产出指标, level2: 数量指标, \
name: 普法讲座场次, value: ≥12场, basis: 计划标准}
  - id: medium""")
    site.build()
    third = joined(site)
    # demo-sfj 2025: its CSV run and its five sheets' runs; other-sfj, after it in 2025: its indicators' run,
    # one row further down.
    assert len(third) == 21 and len(second & third) == 21 - 7
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")


def test_damaged_runs_of_joined_rows_are_joined_again(site, caplog, run_per_filing):
    site.build()
    for path in (site.root / ".site.cache" / "joined").iterdir():
        path.write_bytes(path.read_bytes()[:60] + b"x" * (path.stat().st_size - 60))
    edit(site.content / CHANGED, "≥50件", "≥55件")
    # Read and found damaged: the 3 CSV runs of the unchanged filings, the 5 sheet runs of demo-sfj 2025 (the
    # 2023 and 2024 workbooks are reused whole); the changed filing's runs are new.
    rebuilt_equals_fresh(site, caplog, damaged=3 + 5)


def test_runs_end_where_the_filings_say_not_where_they_stand():
    keys = ["a1", "02", "b3", "c4", "05", "d6"]
    assert open_data.runs_of(keys) == [["a1", "02"], ["b3", "c4", "05"], ["d6"]]
    # A filing added, changed or removed before them leaves the later runs as they were.
    assert open_data.runs_of(["e0", *keys])[1:] == [["b3", "c4", "05"], ["d6"]]
    assert open_data.runs_of(["a1", "07", *keys[2:]]) == [["a1", "07"], ["b3", "c4", "05"], ["d6"]]
    assert open_data.runs_of(keys[1:]) == [["02"], ["b3", "c4", "05"], ["d6"]]
    assert open_data.runs_of([]) == []


def forget_last_build(site: Site) -> None:
    """Make the next build a real one although nothing changed (it would otherwise leave the site as it is)."""
    (site.root / ".site.cache" / "published.json").unlink()


def test_a_build_with_nothing_changed_leaves_the_site_as_it_is(site):
    from generator.cache import site_files
    site.build()
    recorded = json.loads((site.root / ".site.cache" / "published.json").read_text("utf-8"))["files"]
    assert recorded == site_files(site.root / "site") and "index.html" in recorded  # taken while staging
    before = (site.root / "site").stat().st_ino
    again = site.build()
    assert (site.root / "site").stat().st_ino == before, "not replaced: nothing to publish"
    assert (again.reused, again.made, again.departments_rendered, again.filings_reused) == (8, 0, 0, 4)


@pytest.mark.parametrize("damage", ["edited", "removed", "added"])
def test_a_site_changed_by_hand_is_built_again(site, damage):
    site.build()
    before = site.files()
    page = site.root / "site/d/demo-sfj/index.html"
    if damage == "edited":
        page.write_bytes(page.read_bytes().replace(b"</main>", b"<p>edited</p></main>"))
    elif damage == "removed":
        page.unlink()
    else:
        (site.root / "site/d/demo-sfj/planted.html").write_text("<p>planted</p>", encoding="utf-8")
    site.build()
    assert site.files() == before


def test_an_unreadable_parsed_entry_is_parsed_again(site):
    site.build()
    before = site.files()
    kept = sorted((site.root / ".site.cache" / "parsed").iterdir())
    assert len(kept) == 4
    kept[0].write_bytes(b"not a pickle")
    forget_last_build(site)
    assert site.build().filings_reused == 3
    assert site.files() == before


def test_a_cached_filing_that_is_then_broken_stops_the_build(site):
    site.build()
    edit(site.content / CHANGED, "fiscal_year: 2025", "fiscal_year: 二〇二五")
    with pytest.raises(ContentError) as raised:
        site.build()
    assert [p.code for p in raised.value.report.errors] == ["wrong-type"]


def test_jobs_on_several_processes_write_the_same_site(site):
    """Exports and department pages made by worker processes: the same bytes as in one process."""
    one = site.build("one", jobs=1)
    two = site.build("two", jobs=2)
    assert (two.made, two.departments_rendered) == (one.made, one.departments_rendered) == (8, 3)
    assert site.files("two") == site.files("one")


def test_a_builds_stages_share_their_worker_processes():
    """Within a build the workers started for one stage run the next stages' jobs too; outside one, each
    stage starts and stops its own."""
    from generator.parallel import kept_workers, run_jobs
    jobs = [(n,) for n in range(8)]
    with kept_workers():
        first, second = (set(run_jobs(worker_pid, jobs, jobs=2)) for _ in range(2))
    alone = set(run_jobs(worker_pid, jobs, jobs=2))
    assert first & second and len(first | second) <= 2, "the same two workers, not new ones"
    assert os.getpid() not in first | alone and not alone & (first | second)


def test_a_few_jobs_go_to_the_builds_workers_once_they_are_started():
    """Below MIN_JOBS a stage runs in the build's own process (starting workers would cost more), unless an
    earlier stage of the build started them: the comparisons' few pages then render side by side."""
    from generator.parallel import kept_workers, run_jobs
    few = [(n,) for n in range(3)]
    with kept_workers():
        before = set(run_jobs(worker_pid, few, jobs=None))
        run_jobs(worker_pid, [(n,) for n in range(8)], jobs=None, min_jobs=8)
        after = set(run_jobs(worker_pid, few, jobs=None))
    assert before == {os.getpid()} and os.getpid() not in after


def test_a_build_collects_garbage_rarely_and_leaves_the_collector_as_it_was(site, monkeypatch):
    import gc
    from generator import build as build_module
    from generator.parallel import COLLECT_AFTER
    before = gc.get_threshold()
    seen = []
    real = build_module.check_content
    monkeypatch.setattr(build_module, "check_content", lambda *args: seen.append(
        (gc.get_threshold()[0], gc.get_freeze_count())) or real(*args))
    site.build()
    assert seen[0][0] == COLLECT_AFTER and seen[0][1] > 1000, "during the build: the objects alive at its start frozen"
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)


def worker_pid(_: int) -> int:
    import time
    time.sleep(0.05)  # long enough for both workers to take a job
    return os.getpid()


def test_filings_parsed_on_several_processes_are_the_same_filings(site):
    from generator.checking import check_content
    one = check_content(site.content, FIXTURE / "site_config.yml", jobs=1)
    two = check_content(site.content, FIXTURE / "site_config.yml", jobs=2)
    assert [f.filing for f in two.filings] == [f.filing for f in one.filings]
    assert [p.format() for p in two.report.sorted()] == [p.format() for p in one.report.sorted()]


# --- deletes, renames, upgrades ------------------------------------------------------------------

def test_deleting_a_filing_removes_its_pages_and_data(site):
    site.build()
    (site.content / CHANGED).unlink()
    site.build()
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")
    assert not (site.root / "site/d/other-sfj/2025-shenbao").exists()


def test_renaming_a_department_equals_a_fresh_build(site):
    site.build()
    (site.content / "other-sfj").rename(site.content / "renamed-sfj")
    edit(site.content / "renamed-sfj" / CHANGED.name, "id: other-sfj", "id: renamed-sfj")
    again = site.build()
    assert (again.departments_reused, again.departments_rendered) == (2, 1)
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")
    assert not (site.root / "site/d/other-sfj").exists() and (site.root / "site/d/renamed-sfj/2025-shenbao").is_dir()


@pytest.mark.parametrize("library, exports_made", [("Jinja2", 0), ("xlsxwriter", 8)])
def test_a_library_upgrade_never_reuses_an_entry_it_decides(site, monkeypatch, library, exports_made):
    """Jinja2, XlsxWriter, PyYAML … decide bytes: another version of a library the generator imports makes
    again everything made with it (every page is made with all generator code; the exports with their own
    modules and libraries), and every filing is parsed again."""
    from generator import cache
    site.build()
    real = cache.distribution_version
    monkeypatch.setattr(cache, "distribution_version", lambda name: real(name) + ("-next" if name == library else ""))
    cache.generator_fingerprint.cache_clear()
    cache.code_fingerprint.cache_clear()
    try:
        again = site.build(jobs=1)
    finally:
        cache.generator_fingerprint.cache_clear()
        cache.code_fingerprint.cache_clear()
    assert (again.departments_reused, again.departments_rendered, again.filings_reused) == (0, 3, 0)
    assert (again.made, again.reused) == (exports_made, 8 - exports_made)
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")


def test_the_modules_behind_the_exports_are_found_from_their_imports():
    from generator.cache import library_versions, module_closure
    modules = module_closure(["open_data.py"])  # EXPORT_CODE: what writes the open data, and reads it back
    assert {"open_data.py", "exports.py", "export_tables.py", "models.py", "yamlsource.py", "feeds.py",
            "identity.py", "cache.py"} <= set(modules)
    # Not render.py, build.py; nor sitemodel.py, which open_data.py imports for a type hint only.
    assert not {"render.py", "build.py", "sitemodel.py", "checks.py"} & set(modules)
    names = {item.split("==")[0].lower() for item in library_versions(modules)}
    assert {"xlsxwriter", "pyyaml", "pydantic"} <= names and not names & {"jinja2", "pandas", "openpyxl"}


def test_the_build_fingerprint_covers_every_module_a_build_runs(tmp_path):
    """The pages' and parsed filings' keys hold the code of a build, found from build.py's imports: a build in a
    fresh interpreter loads no generator module outside it (a module imported some other way would be missed, and
    a change to it would reuse stale pages). The importer is not in it: changing it keeps the site's cache."""
    import subprocess
    import sys
    from generator.cache import BUILD_CODE, module_closure
    script = ("import sys; from pathlib import Path; from generator.build import build; "
              f"build(Path({str(ROOT / 'content')!r}), Path({str(ROOT / 'site_config.yml')!r}), "
              f"Path({str(ROOT / 'templates')!r}), Path({str(tmp_path / 'site')!r}), search=False, jobs=1); "
              "print(' '.join(sorted(m for m in sys.modules if m.startswith('generator'))))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = {name.removeprefix("generator").lstrip(".").replace(".", "/") or "__init__"
              for name in done.stdout.split()}
    covered = {module.removesuffix(".py").removesuffix("/__init__") or "__init__"
               for module in module_closure(BUILD_CODE)}
    assert loaded and loaded <= covered, sorted(loaded - covered)
    assert {"render", "pages", "exports", "loading", "__init__"} <= covered
    assert not {module for module in covered if module.startswith("importing")} and "cli" not in covered


def test_the_libraries_behind_the_code_are_the_distributions_that_provide_its_imports():
    """Looked up for the code's imports only: the same distributions as Python's scan of every installed one."""
    from importlib import metadata
    from generator.cache import CODE_DIR, _imports, distributions_of, module_closure
    modules = module_closure(tuple(sorted(p.relative_to(CODE_DIR).as_posix() for p in CODE_DIR.rglob("*.py"))))
    tops = frozenset(top for name in modules for top in _imports(name)[1])
    everything = metadata.packages_distributions()
    assert distributions_of(tops) == {top: everything[top] for top in tops if top in everything}
    assert {"yaml", "docx", "markdown_it", "msoffcrypto"} <= distributions_of(tops).keys()  # no top_level.txt, or another name


def test_the_next_process_recalls_what_the_code_fingerprints_were_worked_out_from(tmp_path):
    """A build keeps each module's imports (by its bytes' digest) and the distributions providing them (by what is
    installed) beside its cache: the next build's process, remembering them, parses no module and reads no
    distribution's file list, and makes the same fingerprints as the process that worked them out."""
    import subprocess
    import sys
    printed = "print(cache.generator_fingerprint(), cache.code_fingerprint(EXPORT_CODE))"
    start = "from pathlib import Path; from generator import cache; from generator.open_data import EXPORT_CODE\n"
    built = (start + "from generator.build import build\n"
             f"build(Path({str(ROOT / 'content')!r}), Path({str(ROOT / 'site_config.yml')!r}), "
             f"Path({str(ROOT / 'templates')!r}), Path({str(tmp_path / 'site')!r}), search=False, jobs=1)\n" + printed)
    recalled = (start + "def refused(*_): raise AssertionError('worked out again')\n"
                "cache._parsed_import_names = cache.metadata.distributions = refused\n"
                f"cache.remember_recalled(Path({str(tmp_path / '.site.cache' / 'recalled.json')!r}))\n" + printed)
    runs = [subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
            for script in (built, recalled)]
    assert [run.returncode for run in runs] == [0, 0], runs[1].stderr
    assert runs[1].stdout == runs[0].stdout and len(runs[0].stdout.split()) == 2


def test_a_module_is_parsed_again_when_its_bytes_change(tmp_path, monkeypatch):
    from generator import cache
    monkeypatch.setattr(cache, "CODE_DIR", tmp_path)
    monkeypatch.setattr(cache, "_RECALLED", {})
    monkeypatch.setattr(cache, "_RECALLED_NOW", set())
    (tmp_path / "a.py").write_text("from .b import x\nimport yaml\n", encoding="utf-8")
    assert cache._import_names("a.py") == [(1, ["b"]), (0, ["yaml"])]
    (tmp_path / "a.py").write_text("from .c import x\n", encoding="utf-8")
    assert cache._import_names("a.py") == [(1, ["c"])]


def test_a_recalled_value_not_of_its_shape_is_not_taken(tmp_path, monkeypatch):
    """The record decides fingerprints: a damaged one is ignored, whole or value by value, never trusted."""
    from generator import cache
    monkeypatch.setattr(cache, "CODE_DIR", tmp_path)
    monkeypatch.setattr(cache, "_RECALLED", {})
    monkeypatch.setattr(cache, "_RECALLED_NOW", set())
    (tmp_path / "a.py").write_text("from .b import x\n", encoding="utf-8")
    key = "imports " + hashlib.sha256(b"from .b import x\n").hexdigest()
    record = tmp_path / "recalled.json"
    for damaged in ("{not json", json.dumps({key: [["1", ["z"]]]}), json.dumps({key: [[1, "z"]]}),
                    json.dumps({key: {"z": ["z"]}}), json.dumps({"distributions": ["z"]}), json.dumps([key])):
        record.write_text(damaged, encoding="utf-8")
        cache.remember_recalled(record)
        assert cache._RECALLED == {}, damaged
    record.write_text(json.dumps({key: [[1, ["z"]]]}), encoding="utf-8")  # of its shape: taken as it says
    cache.remember_recalled(record)
    assert cache._import_names("a.py") == [(1, ["z"])]


def test_installing_a_distribution_is_seen_though_the_last_process_recalled_the_others(tmp_path, monkeypatch):
    """Which distributions provide a module is recalled by the names of the installed ones: one installed since
    (here a second distribution shipping `yaml`) is found, not the record's answer."""
    from generator import cache
    tops = frozenset({"yaml"})
    before = cache.distributions_of.__wrapped__(tops)
    dist = tmp_path / "other_yaml-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: other-yaml\nVersion: 1.0\n", encoding="utf-8")
    (dist / "top_level.txt").write_text("yaml\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cache.distributions_of.__wrapped__(tops) == {"yaml": ["other-yaml", *before["yaml"]]}


# --- a damaged cache is rebuilt, never trusted -------------------------------------------------

def entries(site: Site, kind: str) -> list[Path]:
    return sorted(p for p in (site.root / ".site.cache" / kind).iterdir())


def rebuilt_equals_fresh(site: Site, caplog, damaged: int) -> BuildResult:
    """Build again over the damaged cache: the site equals a build without any cache, and each damaged
    entry was reported in one line."""
    caplog.clear()
    forget_last_build(site)
    with caplog.at_level("WARNING", logger="gongkai.cache"):
        result = site.build()
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == damaged, messages
    assert all("已损坏" in m and "\n" not in m for m in messages)
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")
    return result


def page_entry(site: Site) -> Path:
    """The cache entry of the department pages of demo-sfj."""
    return next(e for e in entries(site, "pages") if (e / "files/d/demo-sfj/index.html").exists())


def test_a_truncated_page_in_the_cache_is_rendered_again(site, caplog):
    site.build()
    page = page_entry(site) / "files/d/demo-sfj/index.html"
    page.write_bytes(page.read_bytes()[:100])
    result = rebuilt_equals_fresh(site, caplog, damaged=1)
    assert (result.departments_reused, result.departments_rendered) == (2, 1)


def test_same_size_garbage_in_an_export_is_made_again(site, caplog):
    site.build()
    entry = next(e for e in entries(site, "exports") if list((e / "files").rglob("*-funds.csv")))
    csv = next((entry / "files").rglob("*-funds.csv"))
    csv.write_bytes(b"x" * csv.stat().st_size)
    result = rebuilt_equals_fresh(site, caplog, damaged=1)
    assert (result.reused, result.made) == (7, 1)


def test_damaged_cells_kept_for_a_year_workbook_are_made_again(site, caplog):
    """Each filing's rows for its year's workbook and the site-wide CSVs are kept in its entry, never
    published, and checked like its files: garbage in them remakes the entry, and what is joined from them
    is the fresh build's."""
    site.build()
    kept = [path for entry in entries(site, "exports") for path in (entry / "kept").glob("*")]
    assert sorted(path.name for path in kept) == ["rows.pickle"] * 4 + ["sheets.pickle"] * 4
    assert not [path for name in ("rows.pickle", "sheets.pickle") for path in (site.root / "site").rglob(name)]
    demo = next(e for e in entries(site, "exports") if (e / "files/d/demo-sfj/2025-pifu").is_dir())
    for path in (demo / "kept").glob("*"):
        path.write_bytes(b"x" * path.stat().st_size)
    edit(site.content / CHANGED, "≥50件", "≥55件")  # the other 2025 filing: the 2025 workbook is joined again
    result = rebuilt_equals_fresh(site, caplog, damaged=1)
    assert (result.reused, result.made) == (4, 4)  # both 2025 filings, the site-wide set, the 2025 workbook


def test_entries_made_before_entries_kept_values_are_still_used(site, caplog):
    """An entry written before entries could keep values (no "kept" in its manifest) is sound, not damaged."""
    site.build()
    manifest = page_entry(site) / "manifest.json"
    recorded = json.loads(manifest.read_text("utf-8"))
    assert recorded.pop("kept") == {}
    manifest.write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
    result = rebuilt_equals_fresh(site, caplog, damaged=0)
    assert result.departments_rendered == 0


def test_an_extra_file_in_an_entry_is_not_published(site, caplog):
    """Only the files an entry's manifest lists are linked into the site: a file planted beside them is never
    published, and the entry is used as it is (its folders are not walked to find such files)."""
    site.build()
    (page_entry(site) / "files/d/demo-sfj/planted.html").write_text("<p>planted</p>", encoding="utf-8")
    result = rebuilt_equals_fresh(site, caplog, damaged=0)
    assert (result.departments_reused, result.departments_rendered) == (3, 0)
    assert not (site.root / "site/d/demo-sfj/planted.html").exists()


def test_swapped_entries_are_both_made_again(site, caplog):
    site.build()
    first, second = entries(site, "pages")[:2]
    first.rename(first.with_name("swap"))
    second.rename(first)
    first.with_name("swap").rename(second)
    result = rebuilt_equals_fresh(site, caplog, damaged=2)
    assert result.departments_rendered == 2


def test_swapped_parsed_filings_are_parsed_again_without_a_false_error(site, caplog):
    site.build()
    first, second = entries(site, "parsed")[:2]
    data = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(data)
    result = rebuilt_equals_fresh(site, caplog, damaged=2)
    assert result.filings_reused == 2


def test_garbage_manifests_and_files_in_place_of_folders_never_crash_a_build(site, caplog):
    site.build()
    (entries(site, "exports")[0] / "manifest.json").write_bytes(b"\xff{not json")
    victim = entries(site, "pages")[0]
    shutil.rmtree(victim)
    victim.write_bytes(b"a file where a folder was")
    entries(site, "parsed")[0].write_bytes(b"")
    rebuilt_equals_fresh(site, caplog, damaged=3)
    cache = site.root / ".site.cache"
    shutil.rmtree(cache)
    cache.write_bytes(b"not a folder")
    site.build()
    assert site.files() == site.files("fresh")


def test_published_files_are_hard_links_into_the_cache(site):
    """No bytes copied for what did not change: the site shares its files with the cache."""
    site.build()
    page = site.root / "site/d/demo-sfj/index.html"
    assert page.stat().st_nlink == 2
    assert page.samefile(page_entry(site) / "files/d/demo-sfj/index.html")


def test_a_kept_filing_holds_no_positions_and_reads_them_again_for_a_new_message(site):
    """Positions are most of a parsed file's bytes: neither the cache nor the build's memory keeps them.
    When something outside the file (its 原文 deleted) gives a new message, the file is read again and
    the message still names the line."""
    import pickle

    from generator.loading import LoadedFiling
    site.build()
    kept = [pickle.loads((path.read_bytes().split(b"\n", 3)[3]))
            for path in (site.root / ".site.cache" / "parsed").iterdir()]
    assert {type(item) for item in kept} == {LoadedFiling} and {item.located for item in kept} == {None}
    (site.content / "sources" / "other-2025.txt").unlink()
    with pytest.raises(ContentError) as raised:
        site.build()
    assert [(p.file, p.line, p.path, p.code) for p in raised.value.report.errors] == [
        (str(site.content / "other-sfj" / "2025-shenbao.yml"), 6, "source", "missing-source")]


def test_a_comparison_page_is_rendered_again_only_when_its_rows_change(site, monkeypatch):
    from generator.cache import BuildCache
    read = []
    value = BuildCache.value
    monkeypatch.setattr(BuildCache, "value", lambda self, key: read.append((self.root.name, key)) or value(self, key))
    site.build()
    cache = site.root / ".site.cache" / "comparisons"
    before = {p.name for p in cache.iterdir()}
    read.clear()
    edit(site.content / CHANGED, "title: ", "title: 修订 ")  # the title is in no comparison row
    site.build()
    assert {p.name for p in cache.iterdir()} == before
    assert len([key for folder, key in read if folder == "comparisons"]) == 1  # the shares; no rows read
    read.clear()
    edit(site.content / CHANGED, "≥50件", "≥55件")
    site.build()
    assert len({p.name for p in cache.iterdir()} - before) == 1  # the page of the one topic it is in
    assert len([key for folder, key in read if folder == "comparisons"]) == 2  # the shares, then the rows
    fresh = site.build("fresh", cache=False)
    assert fresh.pages and site.files() == site.files("fresh")


def test_a_changed_source_is_published_again_blanked(site):
    site.build()
    with open(site.content / "sources" / "other-2025.txt", "a", encoding="utf-8") as source:
        source.write("补充说明\t联系电话\t13912345678\n")
    site.build()
    published = (site.root / "site" / "sources" / "other-2025.txt").read_text("utf-8")
    assert published.endswith("补充说明\t联系电话\t［已隐去］\n") and "13912345678" not in published
    site.build("fresh", cache=False)
    assert site.files() == site.files("fresh")


def test_a_filing_view_sent_to_a_worker_travels_as_filed(site):
    """A job's view carries the filing's pickle, not the public view the main process may have made of it:
    the worker makes that again, the same."""
    import pickle
    from generator.checking import check_content
    from generator.sitemodel import build_site_model
    checked = check_content(site.content, FIXTURE / "site_config.yml", jobs=2)
    view = build_site_model(checked.config, checked.filings, site.content).filings[0]
    public, sequence = view.filing, view.sequence  # worked out here, as a page or an export would
    sent = pickle.loads(pickle.dumps(view))
    assert {"filing", "sequence"} <= view.__dict__.keys() and not {"filing", "sequence"} & sent.__dict__.keys()
    assert not sent.loaded.loaded  # the filing as a pickle: unpickled in the worker, only if the job reads it
    assert (sent.filing, sent.sequence, sent.url, sent.digest()) == (public, sequence, view.url, view.digest())


def test_a_parsed_filing_is_pickled_once_however_often_it_is_sent(site, monkeypatch):
    """A parse job pickles its filing for the cache, then to send it to the build: the model is pickled the
    first time only, and stays whole in the process that parsed it."""
    import pickle
    import generator.loading as loading
    loaded, problems = loading.load_filing(site.content / CHANGED)
    dumped, dumps = [], pickle.dumps
    monkeypatch.setattr(loading.pickle, "dumps", lambda *a: dumped.append(a[0]) or dumps(*a))
    kept, sent = pickle.loads(dumps(loaded)), pickle.loads(dumps(loaded))
    assert (problems, [type(item).__name__ for item in dumped], loaded.loaded) == ([], ["Filing"], True)
    assert kept.filing == sent.filing == loaded.filing and kept.digest == loaded.digest

def test_year_workbooks_streamed_from_kept_cells_are_the_ones_joined_in_memory(site, tmp_path):
    """A build reads one filing's kept cells at a time while it writes a year's workbook: the same bytes as
    the workbook joined from all the year's filings at once."""
    from generator.checking import check_content
    from generator.exports import ExportInput, export_year_workbook
    from generator.sitemodel import build_site_model
    site.build()
    checked = check_content(site.content, FIXTURE / "site_config.yml")
    model = build_site_model(checked.config, checked.filings, site.content)
    items = [ExportInput(view.filing, view.region_names) for view in model.filings]
    years = sorted({item.filing.fiscal_year for item in items})
    assert years == [2023, 2024, 2025]
    for year in years:
        export_year_workbook(items, year, tmp_path / "joined")
        built = site.root / "site" / "data" / f"all-{year}.xlsx"
        assert built.read_bytes() == (tmp_path / "joined" / "data" / f"all-{year}.xlsx").read_bytes()


def test_a_new_process_reads_only_the_content_changed_since_the_last_build(site, monkeypatch):
    """The digests of settled input files are kept beside the caches (digests.json): a build in a fresh process
    reads the files changed since, not the whole content, to tell what changed."""
    from generator import cache
    monkeypatch.setattr(cache, "SETTLED_NS", -1)  # every file as if written two seconds before it is read
    site.build()
    monkeypatch.setattr(cache, "_SETTLED", {})  # a new process: nothing remembered in memory
    reads: list[Path] = []
    real = cache.file_digest
    monkeypatch.setattr(cache, "file_digest", lambda path: reads.append(Path(path)) or real(path))
    edit(site.content / CHANGED, "≥50件", "≥55件")
    again = site.build()
    assert again.filings_reused == 3
    assert [path.relative_to(site.content) for path in reads if site.content in path.parents] == [CHANGED]
    (site.root / ".site.cache" / "digests.json").write_text("[[1, 2]]", encoding="utf-8")  # not a record
    monkeypatch.setattr(cache, "_SETTLED", {})
    forget_last_build(site)
    site.build()
    assert len([path for path in reads if site.content in path.parents]) > 5  # all read again, nothing trusted


def test_a_files_digest_is_remembered_only_once_the_file_has_settled(tmp_path, monkeypatch):
    from generator import cache
    reads = []
    monkeypatch.setattr(cache, "file_digest", lambda path: reads.append(path) or hashlib.sha256(
        Path(path).read_bytes()).hexdigest())
    path = tmp_path / "2025-pifu.yml"
    path.write_text("value: 1\n", encoding="utf-8")
    assert cache.settled_digest(path) == hashlib.sha256(b"value: 1\n").hexdigest()
    path.write_text("value: 2\n", encoding="utf-8")  # the same size, maybe within the same clock tick
    assert cache.settled_digest(path) == hashlib.sha256(b"value: 2\n").hexdigest()
    assert cache.settled_digest(path) == hashlib.sha256(b"value: 2\n").hexdigest()
    assert len(reads) == 3  # just changed: read every time
    monkeypatch.setattr(cache, "SETTLED_NS", -1)  # as if two seconds had passed
    assert cache.settled_digest(path) == cache.settled_digest(path) == hashlib.sha256(b"value: 2\n").hexdigest()
    assert len(reads) == 4  # settled: read once, then remembered
    path.write_text("value: 10\n", encoding="utf-8")
    assert cache.settled_digest(path) == hashlib.sha256(b"value: 10\n").hexdigest()
