"""Incremental builds: reuse output whose inputs did not change.

An entry is keyed by a hash of everything that decides its bytes: the public
content it is made from (as canonical JSON, not repr), the generator modules
that make it (found by following their imports) and the versions of the
libraries those modules import (a Jinja2 or XlsxWriter upgrade changes bytes), so
a hit can only return what a fresh run would write. Entries are whole folders
plus a JSON manifest that describes them (the downloads of an export set, the
paths of a department's pages), or pickled values (a parsed filing); a hit
hard-links the folder's files into the staging site (copies them across file
systems) or returns the value. A folder entry may also keep values that only a
later build reads, never published (a filing's cells for its year's workbook).
Entries a successful build did not use are
pruned. Deleting the cache folder is always safe.

A damaged cache is never trusted and never stops a build: each entry names its
key and records every file's size and SHA-256 (a pickle, the hash of its bytes).
An entry cut short, holding a stray or missing file, swapped with another, or
unreadable is reported in one line and made again.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import inspect
import json
import logging
import os
import pickle
import posixpath
import shutil
import stat
import sys
import tempfile
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Iterator

from pydantic_core import to_json

from .parallel import run_jobs
from .publish import file_stamp, make_folder, walk

LOG = logging.getLogger("gongkai.cache")
CODE_DIR = Path(__file__).resolve().parent
PACKAGE = CODE_DIR.name


# --- keys ---------------------------------------------------------------------------------------

def key_of(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def canonical(value: Any) -> str:
    """A value's data as JSON (every field, in declaration order, by each value's own type), whatever its
    repr shows or hides."""
    return to_json(value).decode("utf-8")


def module_closure(roots: Iterable[str]) -> list[str]:
    """The generator modules `roots` import, directly or not (paths relative to the package)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [module for module in _imports(name)[0] if module not in seen]
    return sorted(seen)


@lru_cache(maxsize=None)
def _imports(name: str) -> tuple[list[str], set[str]]:
    """What a generator module imports: its sibling modules (paths relative to the package), and the top-level
    names of everything else (yaml, jinja2 …). Worked out once per process, whichever fingerprint asks."""
    package = PurePosixPath(name).parent
    found, tops = [], set()
    for level, stems in _import_names(name):
        if level:
            base = package
            for _ in range(level - 1):
                base = base.parent
            found += [_module_file(base, stem) for stem in stems]
        else:
            found += [_module_file(PurePosixPath(), m.split(".", 1)[1]) for m in stems
                      if m.startswith(PACKAGE + ".")]
            tops.update(m.split(".")[0] for m in stems)
    return [module for module in found if module is not None], tops


def _import_names(name: str) -> list[tuple[int, list[str]]]:
    """A module's import statements as (level, the modules they name): `from ..a import b` → (2, ["a"]),
    `from . import b, c` → (1, ["b", "c"]), `import x.y` → (0, ["x.y"]). Parsed once per version of the module's
    bytes (`recalled`): parsing the build's 40 modules was 0.2 s of every build."""
    source = (CODE_DIR / name).read_bytes()
    return [(level, list(stems)) for level, stems in recalled(f"imports {hashlib.sha256(source).hexdigest()}",
                                                               lambda: _parsed_import_names(source))]


def _parsed_import_names(source: bytes) -> list[tuple[int, list[str]]]:
    names = []
    for node in _import_statements(ast.parse(source.decode("utf-8")).body):
        if isinstance(node, ast.ImportFrom) and node.level:
            names.append((node.level, [node.module] if node.module else [alias.name for alias in node.names]))
        else:
            modules = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            names.append((0, [m for m in modules if m]))
    return names


def _import_statements(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports among these statements and those nested in them (functions, classes, if/try/with blocks),
    except under `if TYPE_CHECKING:`: names for type hints, never run, so never behind an output. Statements
    only: an import is never inside an expression, and walking every node took most of a fresh process's
    fingerprint (0.3 s)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        hints = isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for field in ("orelse",) if hints else ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                yield from _import_statements(inner)


def _module_file(base: PurePosixPath, dotted: str) -> str | None:
    path = base.joinpath(*dotted.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if (CODE_DIR / candidate).is_file():
            return candidate.as_posix()
    return None


def library_versions(modules: Iterable[str]) -> list[str]:
    """`name==version` of every installed distribution the modules import (XlsxWriter, PyYAML, Jinja2 …)."""
    owners = distributions_of(frozenset(top for name in modules for top in _imports(name)[1]))
    return [f"{dist}=={distribution_version(dist)}" for dist in sorted({d for dists in owners.values() for d in dists})]


@lru_cache(maxsize=None)
def distributions_of(tops: frozenset[str]) -> dict[str, list[str]]:
    """The installed distributions that provide each of these top-level modules: those whose top_level.txt
    names it or, without one, whose RECORD has a file in it. `metadata.packages_distributions()` works this
    out for every module of every distribution, making a path object of each file they list and reading
    each one's metadata: 0.15–0.3 s at the start of every build; here 0.1 s, and nothing while the same
    distributions are installed (`recalled`)."""
    def owners() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for dist in metadata.distributions():
            for top in tops.intersection(_top_level(dist)):
                found.setdefault(top, []).append(dist.metadata["Name"])
        return found
    return recalled(key_of("distributions", *installed(), *sorted(tops)), owners)


def installed() -> list[str]:
    """What decides which distributions there are: each folder `metadata.distributions()` searches and the
    metadata folders in it, named with their versions (`Jinja2-3.1.4.dist-info`). Installing, removing or
    upgrading one changes these names; an upgrade's versions are read afresh all the same (`distribution_version`)."""
    names = []
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:  # a zip file or a folder that is not there
            continue
        names += [folder] + sorted(e for e in entries if e.endswith((".dist-info", ".egg-info")))
    return names


def _top_level(dist: metadata.Distribution) -> set[str]:
    if declared := (dist.read_text("top_level.txt") or "").split():
        return set(declared)
    record = dist.read_text("RECORD")
    paths = [row[0] for row in csv.reader(record.splitlines()) if row] if record else map(str, dist.files or ())
    return {_top_of(path) for path in paths}


def _top_of(path: str) -> str:
    """The module a listed file belongs to: its first folder, or the module the file is (`six.py`, an extension)."""
    folder, inside, _ = path.partition("/")
    return folder if inside else (inspect.getmodulename(path) or path)


def distribution_version(name: str) -> str:
    return metadata.version(name)


def runtime() -> str:
    """What decides bytes below the libraries: the Python that pickles, the zlib that deflates XLSX."""
    return f"{sys.version}|zlib {zlib.ZLIB_RUNTIME_VERSION}"


@lru_cache(maxsize=None)
def code_fingerprint(roots: tuple[str, ...]) -> str:
    """The modules behind an output (`roots` and all they import), the libraries they use and the runtime:
    those of the code this process runs, so worked out once per process."""
    modules = module_closure(roots)
    digest = hashlib.sha256()
    for name in modules:
        digest.update(name.encode("utf-8") + b"\0" + (CODE_DIR / name).read_bytes())
    return key_of(digest.hexdigest(), *library_versions(modules), runtime())


BUILD_CODE = ("__init__.py", "build.py")  # the package, and `gongkai build` with all it imports


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """The code of a build (every module `build.py` imports, directly or not: not the importer, the command line
    or the preview server), every library it uses, the runtime. Only those modules are parsed for their imports:
    all the package's took 0.75 s of every build, the importer's being most of the code."""
    return code_fingerprint(BUILD_CODE)


def tree_fingerprint(folder: Path) -> str:
    """A hash of every file's name and bytes under a folder (content/, the templates)."""
    return key_of(*(part for path in sorted(p for p in folder.rglob("*") if p.is_file())
                    for part in (path.relative_to(folder).as_posix(), settled_digest(path))))


# Digests of files that had not changed for a while when read: (path, size, times, inode) → sha256.
Stamp = tuple[str, int, int, int, int]
_SETTLED: dict[Stamp, str] = {}
_SETTLED_NOW: set[Stamp] = set()  # the stamps looked up since `remember_settled`: what `keep_settled` writes
SETTLED_NS = 2_000_000_000


def settled_digest(path: Path) -> str:
    """sha256 of a file's bytes, read once per process while it stays as it was (same size, inode, modification
    and change time, which no program sets back): a build digests every content file for its inputs, then each
    filing's files again for its key. A file changed in the last two seconds is read every time, as git does
    with racily clean files: a second change within one tick of the file system's clock keeps its times."""
    info = os.stat(path)
    stamp = (os.fspath(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    if (known := _SETTLED.get(stamp)) is not None:
        _SETTLED_NOW.add(stamp)
        return known
    digest = file_digest(path)
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > SETTLED_NS:
        _SETTLED[stamp] = digest
        _SETTLED_NOW.add(stamp)
    return digest


def remember_settled(record: Path) -> None:
    """The settled digests an earlier build kept (`keep_settled`): a fresh process then reads only the files
    changed since, not all the content (58 MB at 420 departments, a third of a build with nothing changed).
    A record that cannot be read is no record."""
    _SETTLED_NOW.clear()
    try:
        rows = json.loads(record.read_text("utf-8"))
        known = {(path, size, mtime, ctime, inode): digest for path, size, mtime, ctime, inode, digest in rows}
    except (OSError, ValueError, TypeError):
        return
    if all(isinstance(digest, str) and len(digest) == 64 for digest in known.values()):
        _SETTLED.update(known)


def keep_settled(record: Path) -> None:
    """The settled digests this build looked up, for the next build's process."""
    rows = [[*stamp, _SETTLED[stamp]] for stamp in sorted(_SETTLED_NOW) if stamp in _SETTLED]
    building = record.with_name(record.name + ".tmp")
    building.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    building.replace(record)


# What earlier processes worked out about the code (`_import_names`, `distributions_of`), under keys naming all it
# depends on, kept beside the settled digests for the next build's process.
_RECALLED: dict[str, Any] = {}
_RECALLED_NOW: set[str] = set()  # the keys this process looked up: what `keep_recalled` writes


def recalled(key: str, make: Callable[[], Any]) -> Any:
    """The JSON value made for `key` by this process or an earlier one (`remember_recalled`), else `make()`."""
    if key not in _RECALLED:
        _RECALLED[key] = make()
    _RECALLED_NOW.add(key)
    return _RECALLED[key]


def remember_recalled(record: Path) -> None:
    """What an earlier build's process worked out (`keep_recalled`). A record that cannot be read is no record,
    and a value not of its key's shape is not taken: it would decide the fingerprints of the code."""
    try:
        known = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(known, dict):
        _RECALLED.update((key, value) for key, value in known.items() if _recallable(key, value))


def _recallable(key: str, value: Any) -> bool:
    def names(items: Any) -> bool:
        return isinstance(items, list) and all(isinstance(item, str) for item in items)
    if key.startswith("imports "):
        return isinstance(value, list) and all(
            isinstance(item, list) and len(item) == 2 and type(item[0]) is int and names(item[1]) for item in value)
    return isinstance(value, dict) and all(names(dists) for dists in value.values())


def keep_recalled(record: Path) -> None:
    """What this process looked up, for the next build's process."""
    building = record.with_name(record.name + ".tmp")
    kept = {key: _RECALLED[key] for key in sorted(_RECALLED_NOW) if key in _RECALLED}
    building.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    building.replace(record)


# --- entries ------------------------------------------------------------------------------------

Manifest = list | dict  # JSON values: what `make` says of the files it wrote
MANIFEST = "manifest.json"
FILES = "files"
KEPT = "kept"  # an entry's values for later builds (keep_in_entry): verified like its files, never published
PICKLE_MARK = b"gongkai-cache 1\n"


class Damaged(Exception):
    """Why an entry cannot be used."""


class BuildCache:
    """Entries under one folder, with what this build used, reused and made."""

    def __init__(self, root: Path):
        self.root = root
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        self.made_now: set[str] = set()
        self.placed: set[str] = set()  # the site files this build linked from here, relative to the staging folder
        self._checked: dict[str, dict | None] = {}  # key → its verified manifest, None: missing or damaged
        self._device: int | None = None

    def fill_missing(self, job: Callable[..., Any], arguments: dict[str, tuple], jobs: int | None,
                     label: str = "") -> dict[str, Any]:
        """`job(root, key, *arguments[key])` for each key with no sound entry, on every core when
        there are many; each job fills its entry with `fill_entry`. What the jobs return, by key."""
        missing = [key for key in arguments if self._entry(key) is None]
        results = run_jobs(job, [(self.root, key, *arguments[key]) for key in missing], jobs, label=label)
        self._made(missing)
        return dict(zip(missing, results))

    def files(self, key: str, staging: Path, make: Callable[[Path], Manifest]) -> Manifest:
        """Files of `make(folder)` linked into staging, made here only when `key` has no sound entry."""
        self.make(key, make)
        return self.link(key, staging)

    def make(self, key: str, make: Callable[[Path], Manifest]) -> None:
        """The entry `key` filled by `make(folder)` here, unless it has a sound entry already."""
        if self._entry(key) is None:
            fill_entry(self.root, key, make)
            self._made([key])

    def _made(self, keys: list[str]) -> None:
        self.made_now.update(keys)
        for key in keys:
            self._checked.pop(key, None)  # verified afresh when linked

    def missing(self, keys: Iterable[str]) -> list[str]:
        """The keys with no sound entry yet (their arguments may be costly to gather: only these need them)."""
        return [key for key in keys if self._entry(key) is None]

    def mark_used(self, key: str) -> None:
        """Keep the value under `key` past this build's prune, though this build did not read it."""
        self.used.add(f"{key}.pickle")

    def link(self, key: str, staging: Path) -> Manifest:
        """An entry's files hard-linked into staging, and the value that describes them."""
        entry = self._entry(key)
        if entry is None:
            raise RuntimeError(f"缓存条目 {self.root.name}/{key} 未能生成")  # fill_entry just wrote it: a bug
        self.used.add(key)
        if key in self.made_now:
            self.misses += 1
        else:
            self.hits += 1
        files, target = os.fspath(self.root / key / FILES), os.fspath(staging)
        for folder in sorted({posixpath.dirname(name) for name in entry["files"]} - {""}):
            make_folder(posixpath.join(target, folder))  # sorted: a folder before those inside it
        for name, (_, _, inode, _) in entry["files"].items():
            place_file(posixpath.join(files, name), posixpath.join(target, name), (self.device(), inode))
        self.placed.update(entry["files"])
        return entry["value"]

    def device(self) -> int:
        """The file system of the entries (asked once): with an entry's recorded inodes, what tells that a
        file in a reused staging folder is the entry's very file."""
        if self._device is None:
            self._device = os.stat(self.root).st_dev
        return self._device

    def kept(self, key: str, name: str) -> Any:
        """The value that the entry `key`, already in use by this build, keeps as `name` (keep_in_entry)."""
        if key not in self.used or name not in self._checked[key]["kept"]:
            raise RuntimeError(f"缓存条目 {self.root.name}/{key} 没有 {name}")  # a bug: link() comes first
        return pickle.loads((self.root / key / KEPT / name).read_bytes())

    def _entry(self, key: str) -> dict | None:
        """The verified manifest of entry `key`, or None when it is missing or damaged (said once)."""
        if key not in self._checked:
            try:
                self._checked[key] = verified_manifest(self.root / key)
            except FileNotFoundError:
                self._checked[key] = None
            except Damaged as damage:
                LOG.warning("缓存条目 %s/%s 已损坏（%s），重新生成", self.root.name, key, damage)
                self._checked[key] = None
        return self._checked[key]

    def value(self, key: str) -> Any | None:
        """The value kept under `key`, or None."""
        entry = self.root / f"{key}.pickle"
        self.used.add(entry.name)
        try:
            value = read_pickle(entry, key)
        except FileNotFoundError:
            value = None
        except Damaged as damage:
            LOG.warning("缓存条目 %s/%s 已损坏（%s），重新读取原文件", self.root.name, entry.name, damage)
            value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def memo(self, name: str, keys: Iterable[str], work_out: Callable[[str], Any]) -> dict[str, Any]:
        """`work_out(key)` for each key, kept together under `name` for the next build, which works out only
        the keys that are new (one read for all, not one per key)."""
        kept = self.value(name) or {}
        values = {key: kept[key] if key in kept else work_out(key) for key in keys}
        if values.keys() != kept.keys():
            self.keep(name, values)
        return values

    def retain(self, keys: Iterable[str]) -> None:
        """The values under `keys` are kept for later builds, though this one may not read them (not pruned)."""
        self.used.update(f"{key}.pickle" for key in keys)

    def keep(self, key: str, value: Any) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        entry = self.root / f"{key}.pickle"
        self.used.add(entry.name)  # made by this build: not pruned at its end
        building = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = PICKLE_MARK + f"{key}\n{hashlib.sha256(payload).hexdigest()}\n".encode("ascii")
        building.write_bytes(header + payload)
        building.replace(entry)  # an entry appears whole or not at all

    def prune(self) -> None:
        """Drop the entries this build did not use: old versions would otherwise pile up on every commit."""
        if not self.root.is_dir():
            return
        for entry in self.root.iterdir():
            if entry.name not in self.used:
                remove(entry)


def read_pickle(path: Path, key: str) -> Any:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Damaged(f"无法读取：{type(exc).__name__}") from exc
    mark, named, digest, payload = _pickle_parts(data)
    if mark + b"\n" != PICKLE_MARK:
        raise Damaged("不是本程序写的缓存")
    if named.decode("ascii", "replace") != key:
        raise Damaged("内容属于另一个条目")
    if digest.decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
        raise Damaged("内容与校验值不符")
    try:
        return pickle.loads(payload)
    except Exception as exc:  # written by other code that the key failed to tell apart
        raise Damaged(f"无法读回：{type(exc).__name__}") from exc


def _pickle_parts(data: bytes) -> tuple[bytes, bytes, bytes, memoryview]:
    """The three header lines and the payload, which is not copied (`bytes.partition` copied every entry's
    payload three times: hundreds of megabytes on each build)."""
    lines, start = [], 0
    for _ in range(3):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end  # a header cut short: the checks on its lines fail
        lines.append(data[start:end])
        start = end + 1
    mark, named, digest = lines
    return mark, named, digest, memoryview(data)[min(start, len(data)):]


def verified_manifest(entry: Path) -> dict:
    """The manifest of a folder entry, after checking that its files are exactly the ones it lists,
    with their sizes and hashes (a file whose size, time and inode are as recorded is not read again)."""
    try:
        manifest = json.loads((entry / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise Damaged(f"清单无法读取：{type(exc).__name__}") from exc
    if not isinstance(manifest, dict) or manifest.get("key") != entry.name:
        raise Damaged("清单属于另一个条目")
    recorded = manifest.get("files")
    if not isinstance(recorded, dict) or "value" not in manifest:
        raise Damaged("清单不完整")
    kept = manifest.get("kept", {})  # none in entries made before entries could keep values
    if not isinstance(kept, dict):
        raise Damaged("清单不完整")
    # Each listed file is looked at, nothing else: a file the manifest does not list is never linked or read
    # (walking every entry's folders to find such files was a third of checking them: 1,680 entries, 17,000 files).
    for folder, records in ((FILES, recorded), (KEPT, kept)):
        for name, record in records.items():
            if not _matches(os.path.join(entry, folder, name), record):
                raise Damaged(f"文件 {name} 缺少或与记录不符")
    return manifest


def _matches(path: str, record: Any) -> bool:
    try:
        size, mtime, inode, digest = record
        info = os.lstat(path)
    except (OSError, TypeError, ValueError):
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != size:
        return False
    if (info.st_mtime_ns, info.st_ino) == (mtime, inode):
        return True
    if file_digest(path) != digest:  # copied or touched: the bytes decide
        return False
    record[1:3] = [info.st_mtime_ns, info.st_ino]  # the file as it is now: what `link` finds placed already
    return True


def files_under(folder: Path) -> dict[str, str]:
    """Every entry below `folder` that is not a folder (symlinks included): its path by its POSIX path relative
    to `folder`. Paths as strings: making 17,000 Path objects on every build cost 0.7 s at 420 departments."""
    return {name: entry.path for name, entry in walk(os.fspath(folder))}


def file_digest(path: Path | str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_record(path: str) -> list:
    info = os.lstat(path)
    return [info.st_size, info.st_mtime_ns, info.st_ino, file_digest(path)]


def fill_entry(root: Path, key: str, make: Callable[[Path], Manifest]) -> None:
    """Write one entry: `make` writes the files into a folder and says what it wrote."""
    entry = root / key
    building = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    remove(building)
    (building / FILES).mkdir(parents=True)
    value = make(building / FILES)
    records = {folder: {name: file_record(path) for name, path in sorted(files_under(building / folder).items())}
               for folder in (FILES, KEPT)}
    manifest = {"key": key, "files": records[FILES], "kept": records[KEPT], "value": value}
    (building / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    remove(entry)
    building.rename(entry)  # an entry appears whole or not at all


def keep_in_entry(files: Path, name: str, value: Any) -> None:
    """Keep `value` in the entry that `make` is filling (`files`: the folder it was given) for a later build to
    read with BuildCache.kept, as a file of its own: read only when needed, never linked into the site."""
    kept = files.parent / KEPT
    kept.mkdir(exist_ok=True)
    (kept / name).write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def place_file(source: str, target: str, identity: tuple[int, int]) -> None:
    """A hard link (no bytes copied), or a copy where links cannot be made (another file system). The
    target's folder is there already; in a reused staging folder the target may be there too: left as it is
    when it is this very file (`identity`: the source's device and inode, as verified), replaced otherwise.
    One system call for a file already in place. Paths are strings: this runs for each of a site's 17,000 files."""
    try:
        there = os.lstat(target)
    except FileNotFoundError:
        there = None
    if there is not None:
        if stat.S_ISREG(there.st_mode) and (there.st_dev, there.st_ino) == identity:
            return
        remove(Path(target))
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise  # the source is gone: copying would not help
    except OSError:
        shutil.copyfile(source, target)


def remove(path: Path) -> None:
    """Whatever is at `path`, gone: a folder, a file or a link."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def inputs_fingerprint(content: Path, config: Path, templates: Path, *options: str) -> str:
    """Everything a build reads: content (with the 原文), config, templates, code, libraries, options."""
    return key_of(tree_fingerprint(content), hashlib.sha256(config.read_bytes()).hexdigest(),
                  tree_fingerprint(templates), generator_fingerprint(), *options)


def site_files(output: Path) -> dict[str, list[int]]:
    """Every file of a built site with its `file_stamp`."""
    return {name: file_stamp(entry.stat(follow_symlinks=False)) for name, entry in walk(os.fspath(output))}


# BuildCaches' fields, and their folders
CACHE_NAMES = ("parsed", "exports", "joined", "pages", "comparisons", "sources", "history", "templates")


@dataclass(frozen=True)
class BuildCaches:
    """The caches of one build: `.<site>.cache/` beside the output folder, kept between builds; or,
    with caching off, a throwaway folder beside it (workers fill entries there all the same)."""

    parsed: BuildCache  # filings as loaded and validated
    exports: BuildCache  # download sets
    joined: BuildCache  # runs of filings' rows as the site-wide CSVs and year workbooks join them
    pages: BuildCache  # each department's pages
    comparisons: BuildCache  # each department's comparison rows, each comparison's page
    sources: BuildCache  # each 原文 as published (personal data blanked)
    history: BuildCache  # the public view of each file version in the content's git history
    templates: BuildCache  # each template's compiled code (render.CompiledTemplates)
    published: Path  # what the last build published: from which inputs, and the files it left
    digests: Path  # the digests of the input files that had settled (`keep_settled`)
    recalled: Path  # what this code's fingerprints were worked out from (`keep_recalled`)


    @classmethod
    @contextmanager
    def beside(cls, output: Path, enabled: bool = True) -> Iterator[BuildCaches]:
        output.parent.mkdir(parents=True, exist_ok=True)
        root = output.parent / f".{output.name}.cache" if enabled else Path(
            tempfile.mkdtemp(prefix=f".{output.name}.nocache-", dir=output.parent))
        if not root.is_dir():
            remove(root)  # a file where the cache should be: nothing in it can be reused
        caches = cls(*(BuildCache(root / name) for name in CACHE_NAMES), root / "published.json",
                     root / "digests.json", root / "recalled.json")
        remember_settled(caches.digests)
        remember_recalled(caches.recalled)
        for cache in caches.each():
            if cache.root.exists() and not cache.root.is_dir():
                remove(cache.root)
        try:
            yield caches
        finally:
            if not enabled:
                shutil.rmtree(root, ignore_errors=True)

    def each(self) -> tuple[BuildCache, ...]:
        return tuple(getattr(self, name) for name in CACHE_NAMES)

    def prune(self) -> None:
        for cache in self.each():
            cache.prune()

    def placed(self) -> set[str]:
        """Every site file this build linked from the caches."""
        return set().union(*(cache.placed for cache in self.each()))

    def published_from(self, inputs: str, output: Path) -> dict | None:
        """What the last build said of itself, if it was made from `inputs` and its site is still in
        `output` exactly as it left it; otherwise None (the site must be built)."""
        try:
            last = json.loads(self.published.read_text("utf-8"))
            if last["inputs"] == inputs and site_files(output) == last["files"]:
                return last["result"]
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no record, or not one this code can read: build
        return None

    def record_published(self, inputs: str, files: dict[str, list[int]], result: dict) -> None:
        """What the build just published: from which inputs, its files (`site_files`) and its figures."""
        self.published.unlink(missing_ok=True)  # while the site and the record disagree, there is none
        record = {"inputs": inputs, "files": files, "result": result}
        building = self.published.with_name(self.published.name + ".tmp")
        building.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        building.replace(self.published)
        keep_settled(self.digests)
        keep_recalled(self.recalled)
