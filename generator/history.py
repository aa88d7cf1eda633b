"""Each filing's versions at every commit of the content repository that changed it.

The history is read with the git CLI (plumbing output with a stable format, every
command under a timeout): one `git log --raw` lists the commits that touched
content/ with the blob id of every file they wrote, and one `git cat-file --batch`
process reads the versions no earlier build has parsed. A version of a filing is
the blob of its file plus the blobs of its `.projects/` files; its parsed public
view (and its permalink) is kept in the build cache under those ids, so a rebuild
after one new commit parses only the files that commit changed.

History is keyed by permalink, not by file path: a filing moved to another file
keeps its page and its history (a move with no public change makes no revision),
whatever git's similarity heuristics say. Contact fields are never part of it.
A file version first written by a commit listed in `history.exclude_commits` is
never read, at that commit or after, until a later commit replaces it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .cache import BuildCache, generator_fingerprint, key_of
from .config import SiteConfig
from .feeds import CHINA_TIME
from .identity import filing_url, project_ids
from .loading import PROJECTS_SUFFIX, LoadedFiling
from .models import Filing
from .redaction import public_filing
from .yamlsource import YamlProblem, decode_utf8, load_text

GIT_TIMEOUT = 300  # seconds for one git command; the whole log of a city's content takes a few
SHORT = 7  # hex digits of a commit id shown to readers
NO_HISTORY = "未找到完整的提交历史，修订记录从{start}开始"
YAML = (".yml", ".yaml")


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

    def key(self, what: str) -> str:
        """Cache key of what is kept of this version: its "view" or its "url"."""
        return key_of(generator_fingerprint(), "history", what, *self.blobs)


@dataclass(frozen=True)
class Timeline:
    """A filing's versions in commit order: one per commit after which its file (or files) differed."""

    url: str
    states: tuple[tuple[Commit, Version], ...]


class GitError(subprocess.SubprocessError):
    """git answered, but not with what a sound repository holds."""


class Git:
    """The git CLI run in one repository, with a timeout on every command."""

    def __init__(self, root: Path):
        self.root = root

    def run(self, *args: str, data: bytes | None = None) -> bytes:
        return subprocess.run(["git", "-C", str(self.root), *args], input=data, capture_output=True,
                              check=True, timeout=GIT_TIMEOUT).stdout

    def text(self, *args: str, data: bytes | None = None) -> str:
        return self.run(*args, data=data).decode("utf-8").strip()

    def blobs(self, ids: list[str]) -> dict[str, bytes]:
        """Many blobs through one `git cat-file --batch`: one process, not one per file."""
        out = self.run("cat-file", "--batch", data="".join(f"{i}\n" for i in ids).encode("ascii"))
        found: dict[str, bytes] = {}
        at = 0
        for blob in ids:
            header_end = out.index(b"\n", at)
            header = out[at:header_end].split()
            if len(header) != 3:  # "<id> missing": the object store lost it
                raise GitError(f"对象 {blob} 缺失")
            size = int(header[2])
            found[blob] = out[header_end + 1:header_end + 1 + size]
            at = header_end + 1 + size + 1  # the content is followed by a newline
        return found


class Views:
    """The public view and permalink of file versions: from the cache, or parsed from git in batches."""

    def __init__(self, git: Git | None, cache: BuildCache | None):
        self.git, self.cache = git, cache
        self.found: dict[Version, Filing | None] = {}
        self.seeded: dict[Version, LoadedFiling] = {}
        self.parsed = 0

    def seed(self, version: Version, loaded: LoadedFiling) -> None:
        """A version the build has parsed already (the file as it is now, if committed as it is): its public
        view is made only if a revision needs it, its permalink comes from its head."""
        self.seeded[version] = loaded

    def urls(self, versions: set[Version], names: dict[Version, str]) -> dict[Version, str | None]:
        """Each version's permalink (None: it did not load). Only the versions no build has seen are parsed."""
        cached = [v for v in versions if v not in self.found and v not in self.seeded]
        kept = {v: self.cache.value(v.key("url")) if self.cache else None for v in cached}
        self.load([v for v in cached if kept[v] is None], names)
        for v in cached:
            if kept[v] is not None and self.cache:
                self.cache.mark_used(v.key("view"))  # kept for a later build, though not read now
        return {v: kept[v][0] if kept.get(v) is not None else self._url(v) for v in versions}

    def _url(self, version: Version) -> str | None:
        if version in self.seeded:
            return filing_url(self.seeded[version].head)
        view = self.found[version]
        return filing_url(view) if view is not None else None

    def views(self, versions: list[Version], names: dict[Version, str]) -> list[Filing | None]:
        for v in versions:
            if v not in self.found and v in self.seeded:
                self.found[v] = public_filing(self.seeded[v].filing, publish_contact=False)
            if v not in self.found and self.cache and (kept := self.cache.value(v.key("view"))) is not None:
                self.found[v] = kept[0]
        self.load([v for v in versions if v not in self.found], names)
        return [self.found[v] for v in versions]

    def load(self, versions: list[Version], names: dict[Version, str]) -> None:
        if not versions or self.git is None:
            return
        data = self.git.blobs(sorted({blob for v in versions for blob in v.blobs}))
        for version in versions:
            view = parse_version(version, data, names.get(version, version.blob))
            self.found[version] = view
            self.parsed += 1
            if self.cache:  # 1-tuples: a version that did not load is kept too
                self.cache.keep(version.key("view"), (view,))
                self.cache.keep(version.key("url"), (filing_url(view) if view is not None else None,))


@dataclass
class History:
    timelines: dict[str, Timeline] = field(default_factory=dict)  # by filing URL
    views: Views = field(default_factory=lambda: Views(None, None))
    names: dict[Version, str] = field(default_factory=dict)  # a file path of each version, for messages
    complete: bool = True  # False outside a repository or in a shallow clone
    notice: str | None = None  # said once by the build when the history is not complete

    def public_views(self, versions: list[Version]) -> list[Filing | None]:
        return self.views.views(versions, self.names)


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


@dataclass(frozen=True)
class Step:
    """One commit of the log: the content files it wrote (blob) or deleted (None)."""

    commit: Commit
    files: dict[str, str | None]  # path inside content/ → blob


def history_head(content: Path) -> str:
    """The commit the content's history ends at, and whether it is shallow: the 修订记录 change with a new
    commit (or a deeper clone) even when no file did."""
    try:
        found = repository_of(content)
        return found[0].text("rev-parse", "HEAD", "--is-shallow-repository") if found else ""
    except (OSError, subprocess.SubprocessError):
        return "unreadable"


def log_of(git: Git, prefix: str) -> list[Step]:
    """Commits that changed content/, oldest first, along the first parent (the published line)."""
    out = git.run("log", "--first-parent", "--reverse", "--raw", "-z", "--no-renames", "--no-abbrev",
                  "--format=%x1e%H%x1f%cI%x1f%s", "HEAD", "--", prefix or ".")
    steps = []
    for record in filter(None, out.decode("utf-8").split("\x1e")):
        header, _, raw = record.partition("\0")
        commit_id, time, subject = header.split("\x1f", 2)
        fields = raw.lstrip("\n").split("\0")
        files = {}
        for meta, path in zip(fields[0::2], fields[1::2]):
            blob, status = meta.split()[3:5]
            files[path[len(prefix):]] = None if status.startswith("D") else blob
        steps.append(Step(Commit(commit_id, dt.datetime.fromisoformat(time), subject.strip()), files))
    return steps


def filing_of(path: str, blobs: dict[str, str]) -> str | None:
    """The filing a content file belongs to: itself, or the filing beside its `.projects/` folder."""
    pure = PurePosixPath(path)
    if pure.suffix not in YAML:
        return None
    if not pure.parent.name.endswith(PROJECTS_SUFFIX):
        return path
    candidates = [pure.parent.with_suffix(suffix).as_posix() for suffix in YAML]
    return next((c for c in candidates if c in blobs), candidates[0])


def version_of(path: str, blobs: dict[str, str], folders: dict[str, set[str]]) -> Version:
    folder = PurePosixPath(path).with_suffix(PROJECTS_SUFFIX).as_posix()
    projects = tuple(sorted((PurePosixPath(p).name, blobs[p]) for p in folders.get(folder, ())))
    return Version(blobs[path], projects)


def snapshots(steps: list[Step], tainted: set[str]) -> list[tuple[Commit, dict[str, Version], set[str]]]:
    """Every filing's version after each commit, and the filing paths the commit changed. A version
    holding a tainted blob (written by an excluded commit) is left out, as if the file were not there."""
    blobs: dict[str, str] = {}
    folders: dict[str, set[str]] = {}  # .projects folder → its project files
    versions: dict[str, Version] = {}
    found = []
    for step in steps:
        changed = set()
        for path, blob in step.files.items():
            parent = PurePosixPath(path).parent.as_posix()
            if blob is None:
                blobs.pop(path, None)
                folders.get(parent, set()).discard(path)
            else:
                blobs[path] = blob
                if parent.endswith(PROJECTS_SUFFIX):
                    folders.setdefault(parent, set()).add(path)
            if (filing := filing_of(path, blobs)) is not None:
                changed.add(filing)
        versions = dict(versions)
        for filing in changed:
            versions.pop(filing, None)
            if filing in blobs and not set((v := version_of(filing, blobs, folders)).blobs) & tainted:
                versions[filing] = v
        found.append((step.commit, versions, changed))
    return found


def read_history(content: Path, config: SiteConfig, current: list[LoadedFiling] = (),
                 cache: BuildCache | None = None) -> History:
    """`current`: the filings as this build loaded them, so that versions committed as they are now
    need no parsing (they are most of the versions in a history)."""
    found = repository_of(content)
    if found is None:
        return History(complete=False, notice=NO_HISTORY.format(start="本次生成"))
    git, prefix = found
    steps = log_of(git, prefix)
    excluded = [s for s in steps if any(s.commit.id.startswith(x) for x in config.history.exclude_commits)]
    tainted = {blob for s in excluded for blob in s.files.values() if blob}
    states = [s for s in snapshots(steps, tainted) if not any(s[0] is e.commit for e in excluded)]
    names = {v: path for _, versions, _ in states for path, v in versions.items()}
    views = Views(git, cache)
    for version, loaded in current_versions(git, content, current):
        views.seed(version, loaded)
    urls = views.urls(set(names), names)
    history = History(timelines(states, urls), views, names)
    if git.text("rev-parse", "--is-shallow-repository") == "true" or not steps:
        start = f" {steps[0].commit.time.astimezone(CHINA_TIME).date().isoformat()} 的提交 {steps[0].commit.short} " \
            if steps else "本次生成"
        history.complete, history.notice = False, NO_HISTORY.format(start=start)
    return history


def current_versions(git: Git, content: Path, current: list[LoadedFiling]) -> list[tuple[Version, LoadedFiling]]:
    """The version each current filing would be if committed now: blob ids from `git hash-object`."""
    files = {loaded.path: [loaded.path, *project_files(loaded.path)] for loaded in current}
    paths = [str(path.resolve()) for group in files.values() for path in group]
    blobs = iter(git.text("hash-object", "--stdin-paths", data="\n".join(paths).encode("utf-8")).split()) \
        if paths else iter(())
    found = []
    for loaded in current:
        ids = [next(blobs) for _ in files[loaded.path]]
        found.append((Version(ids[0], tuple(zip((p.name for p in files[loaded.path][1:]), ids[1:]))), loaded))
    return found


def project_files(path: Path) -> list[Path]:
    """The project files kept beside a filing, in the order loading.py appends them."""
    folder = path.with_suffix(PROJECTS_SUFFIX)
    return sorted((p for p in folder.iterdir() if p.suffix in YAML), key=lambda p: p.name) if folder.is_dir() else []


def timelines(states: list[tuple[Commit, dict[str, Version], set[str]]],
              urls: dict[Version, str | None]) -> dict[str, Timeline]:
    """Walk the commits: after each, the version behind every URL it touched; keep those that changed."""
    found: dict[str, list[tuple[Commit, Version]]] = {}
    current: dict[str, tuple[str, Version]] = {}  # file path → (URL, last version that loaded)
    for commit, versions, changed in states:
        touched: set[str] = set()
        for path in sorted(changed):
            if path in current:
                touched.add(current[path][0])
            if path not in versions:
                current.pop(path, None)  # removed: the page, if another file still makes it, shows that
            elif (url := urls[versions[path]]) is not None:  # a version that did not load changes nothing
                current[path] = (url, versions[path])
                touched.add(url)
        for url, version in by_url(current, touched).items():
            states_of = found.setdefault(url, [])
            if not states_of or states_of[-1][1] != version:
                states_of.append((commit, version))
    return {url: Timeline(url, tuple(states_of)) for url, states_of in found.items()}


def by_url(current: dict[str, tuple[str, Version]], urls: set[str]) -> dict[str, Version]:
    """The version behind each of `urls`; of two files claiming one URL (a check error) the first path wins."""
    found: dict[str, Version] = {}
    for path in sorted(current):
        url, version = current[path]
        if url in urls:
            found.setdefault(url, version)
    return found


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
        filing = Filing.model_validate(source.data)
        project_ids(filing)  # a project code that cannot be a URL failed `check`: such a version was never built
        return public_filing(filing, publish_contact=False)
    except (YamlProblem, ValueError, TypeError, AttributeError):
        return None
