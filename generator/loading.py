"""Stage 1: read every filing in `content/` into a typed model, or into located problems."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from .cache import BuildCache, canonical, generator_fingerprint, key_of, settled_digest
from .models import Contact, Department, Filing, Project, WithheldRange, filing_slug, indicator_count
from .parallel import run_jobs
from .problems import Problem
from .redaction import public_entry
from .schema_errors import problems_from
from .yamlsource import Located, YamlProblem, display_path, load_file

SOURCES_DIR = "sources"
# Projects may also be kept one per file in a folder beside the filing: 2025-pifu.projects/*.yml
PROJECTS_SUFFIX = ".projects"


@dataclass(frozen=True)
class FilingHead:
    """What every build reads of every filing: its own fields (not its tables, goals or projects) and the
    counts the site-wide pages and the feed show. An unchanged filing's whole model is read back only when
    something of its own is made again (unpickling 1,260 filings was 1.7 s of a 5 s one-filing rebuild at
    420 departments). Contact fields are here for the 原文's blanking; the site shows them only through
    `FilingView.head`, which drops them unless the site publishes them."""

    department: Department
    fiscal_year: int
    kind: str
    title: str
    source: str | None
    publisher: str | None
    filed_on: dt.date | None
    approved_on: dt.date | None
    published_on: dt.date | None
    contact: Contact | None
    withheld: tuple[tuple[int, WithheldRange], ...]  # the public view's redaction records, by position
    withholds_projects: bool  # a project is withheld as filed (not a range): its 原文 holds withheld content
    indicator_count: int  # public indicators: the filing's own goals' and its public projects'
    project_count: int  # public projects

    @property
    def slug(self) -> str:
        return filing_slug(self.fiscal_year, self.kind)

    @classmethod
    def of(cls, filing: Filing) -> FilingHead:
        public = [public_entry(entry, index) for index, entry in enumerate(filing.projects)]
        projects = [entry for entry in public if isinstance(entry, Project)]
        goals = [*filing.goals, *(goal for project in projects for goal in project.goals)]
        return cls(filing.department, filing.fiscal_year, filing.kind, filing.title, filing.source, filing.publisher,
                   filing.filed_on, filing.approved_on, filing.published_on, filing.contact,
                   tuple((index, entry) for index, entry in enumerate(public) if isinstance(entry, WithheldRange)),
                   any(isinstance(entry, Project) and entry.withheld for entry in filing.projects),
                   indicator_count(goals), len(projects))


@dataclass(frozen=True, eq=False)
class LoadedFiling:
    head: FilingHead
    body: Filing | bytes  # the model, or its pickle until it is first asked for (see `filing`)
    located: Located | None  # where each value was written: None once kept or sent to another process
    path: Path
    digest: str  # of the filing's data (canonical JSON): it stands for the filing in the keys of what is made from it
    own_problems: tuple[Problem, ...] | None = None  # the file's own domain warnings, kept between builds

    @property
    def filing(self) -> Filing:
        """The whole model, unpickled on first use: a build reads only the heads of the filings whose outputs
        it takes from the cache."""
        if isinstance(self.body, bytes):
            object.__setattr__(self, "body", pickle.loads(self.body))
        return self.body  # type: ignore[return-value]

    @property
    def loaded(self) -> bool:
        """Whether the whole model has been read back (for tests of what a build reads)."""
        return not isinstance(self.body, bytes)

    @property
    def source(self) -> Located:
        """Every value's file, line and column. They are most of a parsed file's bytes and are needed only
        for a new message about the file, so they are not kept between builds or held for every filing of
        a province: the file is read again on the rare occasion they are asked for."""
        if self.located is None:
            object.__setattr__(self, "located", _read_with_projects(self.path))
        return self.located

    @property
    def file(self) -> str:
        """The file as messages name it."""
        return display_path(self.path)

    def __reduce__(self) -> tuple:
        return LoadedFiling, (self.head, self.pickled_body, None, self.path, self.digest, self.own_problems)

    @property
    def pickled_body(self) -> bytes:
        """The model's pickle, made once: a parsed filing is pickled for the cache, then sent to the build."""
        if isinstance(self.body, bytes):
            return self.body
        if (pickled := self.__dict__.get("_pickled")) is None:
            pickled = pickle.dumps(self.body, pickle.HIGHEST_PROTOCOL)
            object.__setattr__(self, "_pickled", pickled)
        return pickled


def filing_files(content_dir: Path) -> list[Path]:
    """Every YAML file under content/, in a stable order."""
    files = [p for p in content_dir.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()
             and not p.parent.name.endswith(PROJECTS_SUFFIX)]
    return sorted(files, key=lambda p: p.relative_to(content_dir).as_posix())


def load_filing(path: Path) -> tuple[LoadedFiling | None, list[Problem]]:
    try:
        source = _read_with_projects(path)
    except YamlProblem as exc:
        return None, [exc.problem]
    try:
        filing = share_equal_parts(Filing.model_validate(source.data))
    except ValidationError as exc:
        return None, problems_from(exc, source, Filing)
    return LoadedFiling(FilingHead.of(filing), filing, source, path, key_of(canonical(filing))), []


def share_equal_parts(filing: Filing) -> Filing:
    """The filing with equal strings and equal field sets held once: a model holds a set of the fields
    it was given, and a filing repeats its labels (产出指标, 数量指标, ≥, %) hundreds of times. Halves what
    a loaded filing takes in memory, and a province's filings are all in memory at once. Only equal
    values are swapped, in a frozen model; a pickle keeps the sharing."""
    strings: dict[str, str] = {}
    field_sets: dict[frozenset, set[str]] = {}

    def share(value: Any) -> Any:
        if type(value) is str:
            return strings.setdefault(value, value)
        if type(value) is list:
            value[:] = [share(item) for item in value]
        elif isinstance(value, BaseModel):
            fields = value.__dict__
            for name, item in fields.items():
                fields[name] = share(item)
            given = value.__pydantic_fields_set__
            object.__setattr__(value, "__pydantic_fields_set__", field_sets.setdefault(frozenset(given), given))
        return value

    return share(filing)


def _read_with_projects(path: Path) -> Located:
    source = load_file(path)
    _add_project_files(source, path.with_suffix(PROJECTS_SUFFIX))
    return source


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
    return [part for file in files for part in (str(file), settled_digest(file))]


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
