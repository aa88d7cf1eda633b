"""Incremental builds: reuse output whose inputs did not change.

An entry is keyed by a hash of everything that decides its bytes (the public
content it is made from and the source code and templates that make it), so a
hit can only return what a fresh run would write. Entries are whole folders
plus a JSON manifest that describes them (the downloads of an export set, the
paths of a department's pages), or pickled values (a parsed filing); a hit
copies the folder into the staging site or returns the value. Entries a
successful build did not use are pruned. Deleting the cache folder is always
safe. Pickles are read back, so the cache folder must be as trusted as the
site folder beside it.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pydantic

from .parallel import run_jobs


CODE_DIR = Path(__file__).resolve().parent


def code_fingerprint(modules: Iterable[str]) -> str:
    """A hash of the generator modules that produce an entry: a code change invalidates it."""
    digest = hashlib.sha256()
    for name in sorted(modules):
        digest.update((CODE_DIR / name).read_bytes())
    return digest.hexdigest()


def all_modules() -> list[str]:
    return sorted(path.name for path in CODE_DIR.glob("*.py"))


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """All generator code, and the versions that decide how a pickle reads back."""
    return key_of(code_fingerprint(all_modules()), sys.version, pydantic.VERSION)


def tree_fingerprint(folder: Path) -> str:
    """A hash of every file's name and bytes under a folder (the templates)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


Manifest = list  # JSON values: what `make` says of the files it wrote


class BuildCache:
    """Entries under one folder, with what this build used, reused and made."""

    def __init__(self, root: Path):
        self.root = root
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        self.made_now: set[str] = set()

    def fill_missing(self, job: Callable[..., None], arguments: dict[str, tuple], jobs: int | None) -> None:
        """`job(root, key, *arguments[key])` for each key with no entry yet, on every core when there
        are many; each job fills its entry with `fill_entry`."""
        missing = [key for key in arguments if not self._has(key)]
        run_jobs(job, [(self.root, key, *arguments[key]) for key in missing], jobs)
        self.made_now.update(missing)

    def files(self, key: str, staging: Path, make: Callable[[Path], Manifest]) -> Manifest:
        """Files of `make(folder)` copied into staging, made here only when `key` is not cached."""
        if not self._has(key):
            fill_entry(self.root, key, make)
            self.made_now.add(key)
        return self.copy(key, staging)

    def missing(self, keys: Iterable[str]) -> list[str]:
        """The keys with no entry yet (their arguments may be costly to gather: only these need them)."""
        return [key for key in keys if not self._has(key)]

    def mark_used(self, key: str) -> None:
        """Keep the value under `key` past this build's prune, though this build did not read it."""
        self.used.add(f"{key}.pickle")

    def _has(self, key: str) -> bool:
        return (self.root / key / "manifest.json").is_file()

    def copy(self, key: str, staging: Path) -> Manifest:
        """An entry's files copied into staging, and the manifest that describes them."""
        entry = self.root / key
        self.used.add(entry.name)
        if key in self.made_now:
            self.misses += 1
        else:
            self.hits += 1
        shutil.copytree(entry / "files", staging, dirs_exist_ok=True)
        return json.loads((entry / "manifest.json").read_text("utf-8"))

    def value(self, key: str) -> Any | None:
        """The value kept under `key`, or None."""
        entry = self.root / f"{key}.pickle"
        self.used.add(entry.name)
        try:
            value = pickle.loads(entry.read_bytes())
        except Exception:  # missing, cut short, or from other code: any unreadable entry is a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def keep(self, key: str, value: Any) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        entry = self.root / f"{key}.pickle"
        self.used.add(entry.name)  # made by this build: not pruned at its end
        building = entry.with_name(entry.name + ".tmp")
        building.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        building.replace(entry)  # an entry appears whole or not at all

    def prune(self) -> None:
        """Drop the entries this build did not use: old versions would otherwise pile up on every commit."""
        if not self.root.is_dir():
            return
        for entry in self.root.iterdir():
            if entry.name in self.used:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def fill_entry(root: Path, key: str, make: Callable[[Path], Manifest]) -> None:
    """Write one entry: `make` writes the files into a folder and says what it wrote."""
    entry = root / key
    building = entry.with_name(entry.name + ".tmp")
    shutil.rmtree(building, ignore_errors=True)
    (building / "files").mkdir(parents=True)
    manifest = json.dumps(make(building / "files"), ensure_ascii=False)
    (building / "manifest.json").write_text(manifest, encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)
    building.rename(entry)  # an entry appears whole or not at all


@dataclass(frozen=True)
class BuildCaches:
    """The caches of one build: `.<site>.cache/` beside the output folder, kept between builds; or,
    with caching off, a throwaway folder beside it (workers fill entries there all the same)."""

    parsed: BuildCache  # filings as loaded and validated
    exports: BuildCache  # download sets
    pages: BuildCache  # each department's pages
    history: BuildCache  # the public view of each file version in the content's git history

    @classmethod
    @contextmanager
    def beside(cls, output: Path, enabled: bool = True) -> Iterator[BuildCaches]:
        output.parent.mkdir(parents=True, exist_ok=True)
        root = output.parent / f".{output.name}.cache" if enabled else Path(
            tempfile.mkdtemp(prefix=f".{output.name}.nocache-", dir=output.parent))
        caches = cls(*(BuildCache(root / name) for name in ("parsed", "exports", "pages", "history")))
        try:
            yield caches
        finally:
            if not enabled:
                shutil.rmtree(root, ignore_errors=True)

    def prune(self) -> None:
        for cache in (self.parsed, self.exports, self.pages, self.history):
            cache.prune()
