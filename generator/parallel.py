"""Run a build's independent jobs on several cores: each filing's exports, each department's pages.

A job is a module-level function and picklable arguments; it writes its own files, so the
output does not depend on which process ran it or when. Workers are started with "spawn":
safe beside threads (the browser tests, `serve`'s watcher) and the same on every OS.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from multiprocessing import get_context
from typing import Any, Callable, Iterable, Iterator

from tqdm import tqdm

# Starting workers (new interpreters importing pydantic, jinja2, xlsxwriter) takes about 1.5 s: below
# this many jobs of a tenth of a second (one filing's exports, one department's pages), one process is quicker.
MIN_JOBS = 32
# Below this many jobs a stage is over before a progress bar would be worth drawing.
PROGRESS_MIN_JOBS = 50


def workers_for(job_count: int, jobs: int | None, min_jobs: int = MIN_JOBS) -> int:
    """`jobs` as asked (`gongkai build --jobs N`), or every core when there is enough work."""
    if jobs is not None:
        return max(1, jobs)
    return (os.cpu_count() or 1) if job_count >= min_jobs else 1


# A build makes millions of small objects (nodes, rows, markup) that reference counting frees on its own;
# Python's cycle collector still walks every tracked object at intervals counted in allocations (700 by
# default), and the objects alive when a stage starts (modules, the site's filings) every few thousand.
# Parsing a filing took 6.5 ms with that in a fresh worker, 19 ms in the main process holding a site's
# filings, and 5 ms with the objects alive at the start frozen and collections ten times rarer.
COLLECT_AFTER = 10_000  # allocations between collections of the youngest generation


def collect_rarely() -> None:
    """Leave the objects alive now (modules, what the caller holds) out of every collection, and collect
    the others less often. A worker's initializer; a build's main process uses `collecting_rarely`."""
    gc.freeze()
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


@contextmanager
def collecting_rarely() -> Iterator[None]:
    """collect_rarely() for the time of a build, then the collector as it was (a build may run inside
    another program: `serve`, the tests). The setting is the process's: builds side by side in threads share
    it, which only their speed depends on."""
    threshold = gc.get_threshold()
    collect_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


class Workers:
    """The worker processes of one build: started when a stage first has enough jobs for them, and kept
    for its later stages. Each start of a worker imports pydantic, jinja2 and xlsxwriter again (0.33 s of
    CPU): with a pool per stage a cold build started six."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def pool(self, workers: int) -> ProcessPoolExecutor:
        """The build's workers, started the first time: a build's stages all ask for as many (workers_for)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                             initializer=collect_rarely)
        return self._pool

    @property
    def started(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


_kept: ContextVar[Workers | None] = ContextVar("kept_workers", default=None)  # a thread's own: builds may run side by side


@contextmanager
def kept_workers() -> Iterator[Workers]:
    """Within it, run_jobs in this thread uses worker processes kept from one stage to the next."""
    workers = Workers()
    token = _kept.set(workers)
    try:
        yield workers
    finally:
        _kept.reset(token)
        workers.close()


def run_jobs(function: Callable[..., Any], arguments: list[tuple], jobs: int | None,
             min_jobs: int = MIN_JOBS, label: str = "") -> list[Any]:
    """`function(*args)` for each tuple of arguments, results in their order; a job's exception
    stops the build. With a `label`, a long stage shows its progress on a terminal."""
    kept = _kept.get()
    started = kept is not None and kept.started  # a build's workers, once started, cost nothing more to use
    workers = workers_for(len(arguments), jobs, 2 if started else min_jobs)
    if workers <= 1 or len(arguments) <= 1:
        return list(progress((function(*args) for args in arguments), len(arguments), label))
    chunk = max(1, min(8, len(arguments) // (workers * 8)))

    def on(pool: ProcessPoolExecutor) -> list[Any]:
        return list(progress(pool.map(function, *zip(*arguments), chunksize=chunk), len(arguments), label))

    if kept is not None:
        return on(kept.pool(workers))
    with kept_workers() as own:  # outside a build: workers for this stage alone
        return on(own.pool(workers))


def progress(results: Iterable[Any], total: int, label: str) -> Iterator[Any]:
    """Stage, count and rate on stderr while results come in; silent when stderr is not a terminal
    (CI logs, tests, `serve`), for a short stage, or without a label."""
    quiet = None if label and total >= PROGRESS_MIN_JOBS else True  # None: tqdm's own terminal check
    return iter(tqdm(results, total=total, desc=label, unit="项", disable=quiet, leave=False, mininterval=0.5))
