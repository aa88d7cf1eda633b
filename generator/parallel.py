"""Run a build's independent jobs on several cores: each filing's exports, each department's pages.

A job is a module-level function and picklable arguments; it writes its own files, so the
output does not depend on which process ran it or when. Workers are started with "spawn":
safe beside threads (the browser tests, `serve`'s watcher) and the same on every OS.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Callable

# Starting a worker (a new interpreter importing pandas, openpyxl, pydantic) takes about a second:
# below this many jobs, one process is quicker.
MIN_JOBS = 24


def workers_for(job_count: int, jobs: int | None) -> int:
    """`jobs` as asked (`gongkai build --jobs N`), or every core when there is enough work."""
    if jobs is not None:
        return max(1, jobs)
    return (os.cpu_count() or 1) if job_count >= MIN_JOBS else 1


def run_jobs(function: Callable[..., Any], arguments: list[tuple], jobs: int | None) -> None:
    """`function(*args)` for each tuple of arguments; a job's exception stops the build."""
    workers = workers_for(len(arguments), jobs)
    if workers <= 1 or len(arguments) <= 1:
        for args in arguments:
            function(*args)
        return
    chunk = max(1, len(arguments) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for _ in pool.map(function, *zip(*arguments), chunksize=chunk):
            pass  # results are files; iterating raises the first failure here
