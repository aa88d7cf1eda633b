"""Build figures at city scale: synthesise many filings from the seeds, build, print numbers.

    python benchmarks/build_bench.py                       # 200 departments × 3 years
    python benchmarks/build_bench.py --departments 50 --no-search

Each synthetic department is a copy of one of the five seed filings with its own
id and name, filed for 2023, 2024 and 2025. Figures printed: pages, filings,
seconds per stage (check, whole build without and with search), pages/s and
output size. Wall-clock figures belong here, never in tests.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import build  # noqa: E402
from generator.checking import check_content  # noqa: E402
from generator.loading import filing_files  # noqa: E402
from generator.models import KIND_SLUGS  # noqa: E402
from generator.yamlsource import dump_yaml, load_file  # noqa: E402

YEARS = (2023, 2024, 2025)


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


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    print(f"{label:<28} {seconds:8.2f} s")
    return result, seconds


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--no-search", action="store_true", help="skip the build with the Pagefind index")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content, config, templates = work / "content", ROOT / "site_config.yml", ROOT / "templates"
        filings = synthesise(content, args.departments)
        print(f"filings                      {filings:8d}")
        timed("check (load + validate)", lambda: check_content(content, config))
        result, plain = timed("build, cold, no search", lambda: build(content, config, templates, work / "a", search=False))
        print(f"pages                        {result.pages:8d}")
        print(f"pages/s, cold, no search     {result.pages / plain:8.0f}")
        files, size = size_of(work / "a")
        print(f"output files / MB            {files:8d} / {size / 1e6:.1f}")
        touch_one_filing(content)
        again, warm = timed("rebuild after 1 file changed", lambda: build(content, config, templates, work / "a", search=False))
        print(f"  export sets reused / made  {again.reused:8d} / {again.made}")
        print(f"  departments reused / rendered {again.departments_reused:5d} / {again.departments_rendered}")
        print(f"  parsed filings reused      {again.filings_reused:8d}")
        if not args.no_search:
            _, full = timed("build with search (warm)", lambda: build(content, config, templates, work / "a", search=True))
            print(f"search adds per 1,000 pages  {(full - warm) / result.pages * 1000:8.2f} s")
            index_files, index_size = size_of(work / "a" / "pagefind")
            print(f"search index files / MB      {index_files:8d} / {index_size / 1e6:.1f}")


if __name__ == "__main__":
    main()
