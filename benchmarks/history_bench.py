"""修订记录 at city scale: a synthetic content repository with many commits, its history read cold and
again after one more commit.

    python benchmarks/history_bench.py                     # 420 departments × 3 years = 1,260 filings, 200 commits
    python benchmarks/history_bench.py --departments 50 --commits 50

The first commit adds every filing (copies of the seeds, as in build_bench.py); each later commit
changes one filing's title (a public change, so one revision). Figures printed: seconds to make the
repository, to read the history cold (every file version parsed), and after one more commit (only
the version that commit made is parsed; the others come from the cache), with the versions parsed and
the revisions found. Wall-clock figures belong here, never in tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.build_bench import synthesise  # noqa: E402
from generator.cache import BuildCache  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.loading import filing_files, load_content  # noqa: E402
from generator.revisions import site_history  # noqa: E402
from tests.history_repo import ScriptedRepo  # noqa: E402


def make_repository(root: Path, departments: int, commits: int) -> tuple[ScriptedRepo, list[Path]]:
    repo = ScriptedRepo(root)
    synthesise(root / "content", departments)
    repo.commit("首次公开", "2025-01-01T10:00:00+08:00")
    files = filing_files(root / "content")
    for n in range(1, commits):
        revise(repo, files[n % len(files)], n)
    return repo, files


def revise(repo: ScriptedRepo, path: Path, n: int) -> None:
    """One content commit: a filing's title changes."""
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", f"title: 修订{n} ", 1), encoding="utf-8")
    repo.commit(f"修订 {n}", f"2025-02-01T10:{n // 60 % 60:02d}:{n % 60:02d}+08:00", str(path))


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{label:<36} {time.perf_counter() - started:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--departments", type=int, default=420)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args()
    config, _ = load_config(ROOT / "site_config.yml")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        repo, files = timed("make the repository", lambda: make_repository(work / "repo", args.departments, args.commits))
        content, cache = work / "repo" / "content", BuildCache(work / "cache")
        loaded, _ = load_content(content)
        print(f"filings / commits                    {len(files):8d} / {args.commits}")
        cold = timed("history, cold", lambda: site_history(content, config, loaded, cache))
        print(f"  file versions parsed               {cold.parsed:8d}")
        print(f"  revisions                          {sum(len(h.revisions) for h in cold.filings.values()):8d}")
        revise(repo, files[0], args.commits)
        loaded, _ = load_content(content)
        warm = timed("history after one more commit", lambda: site_history(content, config, loaded, cache))
        print(f"  file versions parsed               {warm.parsed:8d}")
        print(f"  revisions                          {sum(len(h.revisions) for h in warm.filings.values()):8d}")


if __name__ == "__main__":
    main()
