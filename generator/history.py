"""Each filing's public view at every commit of the content repository that changed it.

The history is read with the git CLI (plumbing commands with stable output, run
with a timeout): `git log` lists the commits that touched content/, `git ls-tree`
gives the blob id of every file at each commit, and one `git cat-file --batch`
process reads the versions no earlier build has parsed. A version of a filing is
the blob of its file plus the blobs of its `.projects/` files; its parsed public
view is kept in the build cache under those ids, so a rebuild after one new
commit parses only the files that commit changed.

History is keyed by permalink, not by file path: a filing moved to another file
keeps its page and its history (a move with no public change makes no revision),
whatever git's similarity heuristics say. Contact fields are never part of it.
Commits listed in `history.exclude_commits` are never read: a file version first
committed there stays unread until a later commit replaces it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .cache import BuildCache, generator_fingerprint, key_of
from .config import SiteConfig
from .feeds import CHINA_TIME
from .loading import PROJECTS_SUFFIX
from .models import Filing
from .redaction import public_filing
from .sitemodel import filing_url
from .yamlsource import YamlProblem, decode_utf8, load_text

GIT_TIMEOUT = 120  # seconds for one git command; a whole log of a city's content takes well under one
SHORT = 7  # hex digits of a commit id shown to readers
NO_HISTORY = "未找到完整的提交历史，修订记录从{start}开始"


@dataclass(frozen=True)
class Commit:
    id: str
    time: dt.datetime  # committer time, with its zone
    message: str  # first line of the commit message

    @property
    def short(self) -> str:
        return self.id[:SHORT]


@dataclass(frozen=True)
class Version:
    """One state of a filing: the blob of its file and of each of its project files."""

    blob: str
    projects: tuple[tuple[str, str], ...] = ()  # (file name, blob), in name order

    @property
    def blobs(self) -> tuple[str, ...]:
        return (self.blob, *(blob for _, blob in self.projects))

    @property
    def key(self) -> str:
        return key_of(generator_fingerprint(), "history", *self.blobs)


@dataclass(frozen=True)
class Timeline:
    """A filing's public views in commit order: only commits after which its public view differed."""

    url: str
    states: tuple[tuple[Commit, Filing], ...]


@dataclass(frozen=True)
class History:
    timelines: dict[str, Timeline] = field(default_factory=dict)  # by filing URL
    complete: bool = True  # False outside a repository or in a shallow clone
    notice: str | None = None  # said once by the build when the history is not complete
    parsed: int = 0  # file versions parsed by this build (the others came from the cache)


class Git:
    """The git CLI run in one repository, with a timeout on every command."""

    def __init__(self, root: Path):
        self.root = root

    def run(self, *args: str, data: bytes | None = None) -> bytes:
        return subprocess.run(["git", "-C", str(self.root), *args], input=data, capture_output=True,
                              check=True, timeout=GIT_TIMEOUT).stdout

    def text(self, *args: str) -> str:
        return self.run(*args).decode("utf-8").strip()

    def blobs(self, ids: list[str]) -> dict[str, bytes]:
        """Many blobs through one `git cat-file --batch`: one process, not one per file."""
        out = self.run("cat-file", "--batch", data="".join(f"{i}\n" for i in ids).encode("ascii"))
        found: dict[str, bytes] = {}
        at = 0
        for blob in ids:
            header_end = out.index(b"\n", at)
            size = int(out[at:header_end].split()[2])
            found[blob] = out[header_end + 1:header_end + 1 + size]
            at = header_end + 1 + size + 1  # the content is followed by a newline
        return found


def repository_of(content: Path) -> tuple[Git, str] | None:
    """The repository holding content/, and content/'s path inside it ("content/"); None outside git."""
    if not content.is_dir():
        return None
    try:
        git = Git(content)
        top = Path(git.text("rev-parse", "--show-toplevel"))
        prefix = git.text("rev-parse", "--show-prefix")
        git.text("rev-parse", "--verify", "HEAD")  # a repository with no commit yet has no history
    except (OSError, subprocess.SubprocessError):
        return None
    return Git(top), prefix


def commits_of(git: Git, prefix: str, excluded: list[str]) -> list[Commit]:
    """Commits that changed content/, oldest first, along the first parent (the published line)."""
    out = git.run("log", "--first-parent", "--reverse", "-z", "--format=%H%x1f%cI%x1f%s", "HEAD", "--", prefix or ".")
    commits = []
    for record in filter(None, out.decode("utf-8").split("\0")):
        commit_id, time, subject = record.strip("\n").split("\x1f", 2)
        if not any(commit_id.startswith(x.lower()) for x in excluded):
            commits.append(Commit(commit_id, dt.datetime.fromisoformat(time), subject.strip()))
    return commits


def versions_at(git: Git, commit: Commit, prefix: str) -> dict[str, Version]:
    """Every filing of content/ at a commit: file path (inside content/) → its version."""
    out = git.run("ls-tree", "-r", "-z", "--full-tree", commit.id, "--", prefix or ".")
    blobs: dict[PurePosixPath, str] = {}
    for entry in filter(None, out.decode("utf-8").split("\0")):
        meta, path = entry.split("\t", 1)
        _, kind, blob = meta.split()
        if kind == "blob":
            blobs[PurePosixPath(path[len(prefix):])] = blob
    return group_versions(blobs)


def group_versions(blobs: dict[PurePosixPath, str]) -> dict[str, Version]:
    """Filing files with the project files kept beside them (the same rule as loading.filing_files)."""
    def is_yaml(path: PurePosixPath) -> bool:
        return path.suffix in (".yml", ".yaml")

    filings = sorted(p for p in blobs if is_yaml(p) and not p.parent.name.endswith(PROJECTS_SUFFIX))
    versions = {}
    for path in filings:
        folder = path.with_suffix(PROJECTS_SUFFIX)
        projects = tuple(sorted((p.name, b) for p, b in blobs.items() if p.parent == folder and is_yaml(p)))
        versions[path.as_posix()] = Version(blobs[path], projects)
    return versions


def parse_version(version: Version, data: dict[str, bytes], path: str) -> Filing | None:
    """The public view of one version, without contact fields; None when it did not load (such a
    commit could not have been built, so nothing of it was published)."""
    try:
        source = load_text(decode_utf8(data[version.blob], path), path)
        if not isinstance(source.data, dict):
            return None
        if version.projects:
            projects = source.data.setdefault("projects", [])
            projects += [load_text(decode_utf8(data[blob], name), name).data for name, blob in version.projects]
        return public_filing(Filing.model_validate(source.data), publish_contact=False)
    except (YamlProblem, ValueError, TypeError):
        return None


def read_history(content: Path, config: SiteConfig, cache: BuildCache | None = None) -> History:
    found = repository_of(content)
    if found is None:
        return History(complete=False, notice=NO_HISTORY.format(start="本次生成"))
    git, prefix = found
    commits = commits_of(git, prefix, config.history.exclude_commits)
    shallow = git.text("rev-parse", "--is-shallow-repository") == "true"
    snapshots = [(commit, versions_at(git, commit, prefix)) for commit in commits]
    views, parsed = parsed_views(git, readable_versions(snapshots, config.history.exclude_commits, git, prefix), cache)
    notice = None
    if shallow or not commits:
        start = f" {commits[0].time.astimezone(CHINA_TIME).date().isoformat()} 的提交 {commits[0].short} " if commits else "本次生成"
        notice = NO_HISTORY.format(start=start)
    return History(timelines(snapshots, views), complete=notice is None, notice=notice, parsed=parsed)


def readable_versions(snapshots: list[tuple[Commit, dict[str, Version]]], excluded: list[str],
                      git: Git, prefix: str) -> list[tuple[Commit, dict[str, Version]]]:
    """Drop, at every commit, the file versions first committed in an excluded commit."""
    tainted = excluded_blobs(git, prefix, excluded)
    if not tainted:
        return snapshots
    return [(commit, {path: v for path, v in versions.items() if not set(v.blobs) & tainted})
            for commit, versions in snapshots]


def excluded_blobs(git: Git, prefix: str, excluded: list[str]) -> set[str]:
    """Blobs an excluded commit added or changed under content/ (the versions it must not show)."""
    blobs: set[str] = set()
    for commit in excluded:
        try:
            out = git.run("diff-tree", "-r", "-z", "--no-renames", "--root", "-m", "--first-parent", commit,
                          "--", prefix or ".")
        except subprocess.CalledProcessError:
            continue  # not in this repository (a clone without it has nothing to hide)
        fields = out.decode("utf-8").split("\0")
        blobs |= {f.split()[3] for f in fields if f.startswith(":")}
    return blobs


def parsed_views(git: Git, snapshots: list[tuple[Commit, dict[str, Version]]],
                 cache: BuildCache | None) -> tuple[dict[Version, Filing | None], int]:
    """The public view of every distinct version, from the cache or parsed now (read in one batch)."""
    wanted = {v: path for _, versions in snapshots for path, v in versions.items()}
    views: dict[Version, Filing | None] = {}
    for version in wanted:
        kept = cache.value(version.key) if cache else None
        if kept is not None:
            views[version] = kept[0]
    todo = [v for v in wanted if v not in views]
    data = git.blobs(sorted({blob for v in todo for blob in v.blobs})) if todo else {}
    for version in todo:
        views[version] = parse_version(version, data, wanted[version])
        if cache:
            cache.keep(version.key, (views[version],))  # a 1-tuple: a version that did not load is kept too
    return views, len(todo)


def timelines(snapshots: list[tuple[Commit, dict[str, Version]]],
              views: dict[Version, Filing | None]) -> dict[str, Timeline]:
    """Walk the commits: after each, the public view of every filing URL it touched; keep those that changed."""
    states: dict[str, list[tuple[Commit, Filing]]] = {}
    current: dict[str, tuple[str, Filing]] = {}  # file path → (URL, last view that loaded)
    previous: dict[str, Version] = {}
    for commit, versions in snapshots:
        touched: set[str] = set()
        for path in sorted(versions.keys() | previous.keys()):
            if versions.get(path) == previous.get(path):
                continue
            if path in current:
                touched.add(current[path][0])
            if path not in versions:
                current.pop(path, None)  # removed: the page, if another file still makes it, shows that
            elif (view := views[versions[path]]) is not None:  # a version that did not load changes nothing
                current[path] = (filing_url(view), view)
                touched.add(current[path][0])
        previous = versions
        for url, view in by_url(current, touched).items():
            history = states.setdefault(url, [])
            if not history or history[-1][1] != view:
                history.append((commit, view))
    return {url: Timeline(url, tuple(history)) for url, history in states.items()}


def by_url(current: dict[str, tuple[str, Filing]], urls: set[str]) -> dict[str, Filing]:
    """The view of each of `urls`; of two files claiming one URL (a check error) the first path wins."""
    found: dict[str, Filing] = {}
    for path in sorted(current):
        url, view = current[path]
        if url in urls:
            found.setdefault(url, view)
    return found
