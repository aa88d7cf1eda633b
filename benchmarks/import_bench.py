"""Import speed: a 200-row indicator workbook read, then imported (`gongkai import`), timed.

    python benchmarks/import_bench.py            # 200 indicator rows, best of 3
    python benchmarks/import_bench.py --rows 1000

The workbook is the 鄂州 seed's form (tests/forms) with one goal whose indicator table has
the given number of rows (the seed's indicators repeated, 一级/二级 labels merged down).
Figures printed: seconds to read the workbook, seconds for the whole import (read, recognise,
write, check). The target is under 2 s for 200 rows. Wall-clock figures belong here, never in tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.importing.importer import ImportOptions, import_file  # noqa: E402
from generator.importing.readers import read_document  # noqa: E402
from generator.loading import load_filing  # noqa: E402
from generator.models import Filing  # noqa: E402
from tests.forms.layout import form  # noqa: E402
from tests.forms.render import write_xlsx  # noqa: E402


def workbook_filing(rows: int) -> Filing:
    seed = load_filing(ROOT / "content" / "ezhou-sfj" / "2025-pifu.yml")[0].filing
    pool = [indicator for goal in seed.goals for indicator in goal.indicators]
    indicators = [pool[n % len(pool)].model_copy(update={"notes": []}) for n in range(rows)]
    goal = seed.goals[1].model_copy(update={"indicators": indicators, "prior_years": [], "notes": []})
    return seed.model_copy(update={"goals": [goal], "projects": []})


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    filing = workbook_filing(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "form.xlsx"
        write_xlsx(form(filing), workbook)
        size = workbook.stat().st_size
        options = ImportOptions(output=Path(folder) / "imported.yml", department=filing.department.id,
                                region=filing.department.region, force=True, content_dir=ROOT / "content",
                                config=ROOT / "site_config.yml")
        read_seconds = best_of(args.runs, lambda: read_document(workbook))
        import_seconds = best_of(args.runs, lambda: import_file(workbook, options))
        imported = load_filing(options.output)[0].filing
    count = sum(len(goal.indicators) for goal in imported.goals)
    print(f"工作簿：{args.rows} 行指标，{size / 1024:.0f} KB")
    print(f"读取：{read_seconds:.2f} 秒")
    print(f"导入（读取、识别、写出、检查）：{import_seconds:.2f} 秒，导入指标 {count} 条")
    print("目标：200 行在 2 秒内" + ("，达到" if args.rows <= 200 and import_seconds < 2 else ""))


if __name__ == "__main__":
    main()
