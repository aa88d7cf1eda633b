"""Search figures: index time per 1,000 pages, index size, bytes the browser fetches per query.

    python benchmarks/search_index.py                    # real content/, plus 100 synthetic departments × 3 years
    python benchmarks/search_index.py --departments 300  # a bigger city

For each site: build without search, then time `index_for_search` alone on the finished pages (a big site
is indexed in bundles, each by a Pagefind run of its own: their number and the largest run's peak memory are
printed); measure the `pagefind/` folder; serve the site and, in Chromium, run a first query from the search
page's address and a second one typed into its form, counting what the browser fetches for each
(response bodies plus headers, as Chromium reports them). Wall-clock figures belong here, never in tests.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_bench import size_of, synthesise  # noqa: E402

from generator.build import build  # noqa: E402
from generator.checking import check_content  # noqa: E402
from generator.search import BUNDLES, INDEX_FOLDER, PAGEFIND_RUNS, PAGES_PER_BUNDLE  # noqa: E402
from generator.sitemodel import build_site_model  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERIES = ("法律援助", "满意度")


# Run in a process of its own, so that its peak memory is its own. Prints JSON: seconds and CPU seconds (this
# process and Pagefind) of the timed part; peak KiB of this process and of the largest Pagefind run (the largest
# that PAGEFIND_LOG lists, see timed()).
_TIMED = """
import json, os, resource, subprocess, sys, time
from pathlib import Path
def cpu():
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))
if sys.argv[1] == "bare":
    cpu_before = cpu()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", sys.argv[2], "--output-path", sys.argv[3]],
                   check=True, stdout=subprocess.DEVNULL)
else:
    from generator.checking import check_content
    from generator.search import index_for_search
    from generator.sitemodel import build_site_model
    checked = check_content(Path(sys.argv[2]), Path(sys.argv[3]))
    model = build_site_model(checked.config, checked.filings, Path(sys.argv[2]))
    cpu_before = cpu()
    started = time.perf_counter()
    index_for_search(model, Path(sys.argv[4]))
seconds = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child = max(int(line) for line in Path(os.environ["PAGEFIND_LOG"]).read_text().split())
print(json.dumps({"seconds": seconds, "cpu": cpu() - cpu_before, "peak_kib": max(own, child), "own_kib": own,
                  "child_kib": child}))
"""


# Pagefind, started by the indexing process, would count that process's memory as its own (Linux keeps a
# process's peak across fork and exec): started through this instead (PAGEFIND_BINARY_PATH, which the service
# and `python -m pagefind` both obey), from a small process, each run's peak is its own, appended to
# PAGEFIND_LOG. Stopped with SIGTERM, as the service is, it stops Pagefind first.
_MEASURED_PAGEFIND = """
import resource, signal, subprocess, sys
pagefind = subprocess.Popen(sys.argv[2:])
signal.signal(signal.SIGTERM, lambda *_: pagefind.terminate())
code = pagefind.wait()
with open(sys.argv[1], "a") as log:
    log.write(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.exit(code)
"""


def timed(*args: str) -> dict:
    from pagefind.service import get_executable

    with tempfile.TemporaryDirectory() as tmp:
        log, wrapper = Path(tmp) / "peaks", Path(tmp) / "pagefind"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c \'{_MEASURED_PAGEFIND}\' "{log}" '
                           f'"{get_executable()}" "$@"\n')
        wrapper.chmod(0o755)
        run = subprocess.run([sys.executable, "-c", _TIMED, *args], check=True, capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "PAGEFIND_BINARY_PATH": str(wrapper),
                                            "PAGEFIND_LOG": str(log)})
    return json.loads(run.stdout.strip().splitlines()[-1])


def measure_site(label: str, content: Path, config: Path, output: Path, repeat: int) -> None:
    result = build(content, config, ROOT / "templates", output, search=False)
    indexed = sum(1 for page in output.rglob("*.html") if "data-pagefind-body" in page.read_text(encoding="utf-8"))
    # Bare Pagefind over the same pages (it indexes the same data-pagefind-body), its bundle elsewhere, then
    # ours, taking turns: on a shared machine the fastest of a few runs of each is the fairest comparison.
    bare_runs, our_runs, loads = [], [], []
    bare_bundle = output.parent / f"{output.name}-bare-pagefind"
    for _ in range(repeat):
        for bundle in (output / "pagefind", bare_bundle):
            shutil.rmtree(bundle, ignore_errors=True)
        loads.append(os.getloadavg()[0])
        bare_runs.append(timed("bare", str(output), str(bare_bundle)))
        our_runs.append(timed("ours", str(content), str(config), str(output)))
    bare, ours = fastest(bare_runs), fastest(our_runs)
    seconds = ours["seconds"]
    files, size = size_of(output / "pagefind")
    bare_files, bare_size = size_of(bare_bundle)
    print(f"\n{label}")
    checked = check_content(content, config)
    model = build_site_model(checked.config, checked.filings, content)
    rows = sum(len(goal.indicators) for view in model.filings
               for goal in [*view.filing.goals, *(g for p in view.projects for g in p.project.goals)])
    print(f"  pages built / indexed / indicator rows     {result.pages} / {indexed} / {rows}")
    per_thousand = seconds / result.pages * 1000
    print(f"  runs of each (load before each)            {repeat} ({', '.join(f'{load:.1f}' for load in loads)})")
    print(f"  indexing                                   {seconds:.2f} s, {ours['cpu']:.2f} s CPU"
          f"  ({per_thousand:.2f} s per 1,000 pages; all: {spread(our_runs)})")
    print(f"  bare pagefind --site, same pages           {bare['seconds']:.2f} s, {bare['cpu']:.2f} s CPU, peak"
          f" {bare['peak_kib'] / 1024:.0f} MiB, {bare_size / 1024:.0f} KiB in {bare_files} files  (all: {spread(bare_runs)})")
    print(f"  ours / bare                                {seconds / bare['seconds']:.2f}× time,"
          f" {ours['cpu'] / bare['cpu']:.2f}× CPU")
    print(f"  Pagefind bundles (runs, {PAGEFIND_RUNS} at a time)       {len(bundles(output))}"
          f"  (at most {PAGES_PER_BUNDLE:,} pages each)")
    print(f"  peak memory, largest Pagefind run          {ours['child_kib'] / 1024:.0f} MiB"
          f"  (indexing process: {ours['own_kib'] / 1024:.0f} MiB)")
    print(f"  index on disk                              {size / 1024:.0f} KiB in {files} files")
    for name, (requests, fetched) in browser_bytes(output).items():
        print(f"  {name:<42} {fetched / 1024:.1f} KiB in {requests} requests")


def bundles(site: Path) -> list[str]:
    """The index's bundles: the first, and those search.js merges into it."""
    return ["."] + json.loads((site / INDEX_FOLDER / BUNDLES).read_text(encoding="utf-8"))


def fastest(runs: list[dict]) -> dict:
    """The fastest run's seconds and the least CPU of any run; the largest peaks of all."""
    return {"seconds": min(r["seconds"] for r in runs), "cpu": min(r["cpu"] for r in runs),
            **{peak: max(r.get(peak, 0) for r in runs) for peak in ("peak_kib", "own_kib", "child_kib")}}


def spread(runs: list[dict]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in runs) + " s"


def browser_bytes(site: Path) -> dict[str, tuple[int, int]]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_page()
            finished: list = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(f"{base}search/?q={quote(QUERIES[0])}")
            _wait(page)
            figures[f"first query {QUERIES[0]} (page load + search)"] = _total(finished)
            figures["  of which pagefind/"] = _total([r for r in finished if "/pagefind/" in r.url])
            finished.clear()
            page.fill("#q", QUERIES[1])
            page.press("#q", "Enter")
            page.wait_for_url(f"**q={quote(QUERIES[1])}*")
            _wait(page)
            figures[f"second query {QUERIES[1]}"] = _total(finished)
            browser.close()
    finally:
        server.shutdown()
    return figures


def _wait(page) -> None:
    page.wait_for_function("() => { const s = document.getElementById('search-status').textContent;"
                           " return s && !s.startsWith('正在'); }")


def _total(requests: list) -> tuple[int, int]:
    return len(requests), sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--departments", type=int, default=100,
                        help="synthetic departments (3 years each); 0: real content only")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and of bare Pagefind, taking turns")
    args = parser.parse_args()
    config = ROOT / "site_config.yml"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        measure_site("content/ (the five seed filings)", ROOT / "content", config, work / "real", args.repeat)
        if args.departments:
            filings = synthesise(work / "content", args.departments)
            measure_site(f"synthetic: {args.departments} departments, {filings} filings", work / "content", config,
                         work / "synthetic", args.repeat)


if __name__ == "__main__":
    main()
