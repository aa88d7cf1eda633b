"""Stage 1: read every filing in `content/` into a typed model, or into located problems."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from .cache import BuildCache, generator_fingerprint, key_of
from .models import Filing
from .parallel import run_jobs
from .problems import Problem
from .schema_errors import problems_from
from .yamlsource import Located, YamlProblem, load_file

SOURCES_DIR = "sources"
# Projects may also be kept one per file in a folder beside the filing: 2025-pifu.projects/*.yml
PROJECTS_SUFFIX = ".projects"


@dataclass(frozen=True)
class LoadedFiling:
    filing: Filing
    located: Located | bytes  # where each value was written: read back from the cache only when needed
    path: Path
    own_problems: tuple[Problem, ...] | None = None  # the file's own domain warnings, kept between builds

    @property
    def source(self) -> Located:
        """Every value's file, line and column. Kept pickled apart, so a build that reuses a filing and
        has no new message about it never reads its positions back (they are most of its bytes)."""
        if isinstance(self.located, bytes):
            object.__setattr__(self, "located", pickle.loads(self.located))
        return self.located

    def __reduce__(self) -> tuple:
        located = self.located if isinstance(self.located, bytes) else pickle.dumps(
            self.located, protocol=pickle.HIGHEST_PROTOCOL)
        return LoadedFiling, (self.filing, located, self.path, self.own_problems)


def filing_files(content_dir: Path) -> list[Path]:
    """Every YAML file under content/, in a stable order."""
    files = [p for p in content_dir.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()
             and not p.parent.name.endswith(PROJECTS_SUFFIX)]
    return sorted(files, key=lambda p: p.relative_to(content_dir).as_posix())


def load_filing(path: Path) -> tuple[LoadedFiling | None, list[Problem]]:
    try:
        source = load_file(path)
        _add_project_files(source, path.with_suffix(PROJECTS_SUFFIX))
    except YamlProblem as exc:
        return None, [exc.problem]
    try:
        return LoadedFiling(Filing.model_validate(source.data), source, path), []
    except ValidationError as exc:
        return None, problems_from(exc, source, Filing)


def _add_project_files(source: Located, folder: Path) -> None:
    """Append the projects kept in files beside the filing, in file-name order, after the inline ones."""
    if not folder.is_dir() or not isinstance(source.data, dict):
        return
    projects = source.data.setdefault("projects", [])
    if not isinstance(projects, list):
        return  # the schema reports the wrong type
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")):
        project = load_file(path)
        source.attach(("projects", len(projects)), project)
        projects.append(project.data)


# Parsing one filing takes 15–30 ms: only a large content folder is worth starting workers for.
PARSE_MIN_JOBS = 160


OwnChecks = Callable[[LoadedFiling], tuple[Problem, ...]]  # the checks of one file alone (checks.own_problems)


def load_and_keep(path: Path, kept_in: Path | None, key: str | None,
                  own_checks: OwnChecks | None = None) -> tuple[LoadedFiling | None, list[Problem]]:
    """Parse and check one filing; keep it for later builds when it loaded cleanly (a job: may run in a worker)."""
    loaded, problems = load_filing(path)
    if loaded is not None and own_checks is not None:
        loaded = replace(loaded, own_problems=own_checks(loaded))
    if loaded is not None and kept_in is not None and key is not None:
        BuildCache(kept_in).keep(key, loaded)
    return loaded, problems


def _kept_key(path: Path) -> str:
    return key_of(generator_fingerprint(), *_file_parts(path))


def _file_parts(path: Path) -> list[str]:
    folder = path.with_suffix(PROJECTS_SUFFIX)
    files = [path] + (sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else [])
    return [part for file in files for part in (str(file), hashlib.sha256(file.read_bytes()).hexdigest())]


def load_content(content_dir: Path, reuse: BuildCache | None = None, jobs: int | None = None,
                 own_checks: OwnChecks | None = None) -> tuple[list[LoadedFiling], list[Problem]]:
    """Every filing, in file order. Filings kept by an earlier build (keyed by their files' bytes, with
    the results of `own_checks`) are read back here; the others are parsed, on every core when there are many."""
    paths = filing_files(content_dir)
    keys = {path: _kept_key(path) for path in paths} if reuse else {}
    kept = {path: reuse.value(keys[path]) for path in paths} if reuse else {}
    todo = [path for path in paths if kept.get(path) is None]
    parsed = dict(zip(todo, run_jobs(load_and_keep, [(path, reuse.root if reuse else None, keys.get(path), own_checks)
                                                     for path in todo], jobs, PARSE_MIN_JOBS, "读取文件")))
    loaded: list[LoadedFiling] = []
    problems: list[Problem] = []
    for path in paths:
        filing, found = (kept[path], []) if kept.get(path) is not None else parsed[path]
        problems += found
        if filing:
            loaded.append(filing)
    return loaded, problems
