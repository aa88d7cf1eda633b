"""Incremental builds: reuse output whose inputs did not change.

An entry is keyed by a hash of everything that decides its bytes (the public
content it is made from and the source code that makes it), so a hit can only
return what a fresh run would write. Entries are whole folders plus the
`Download` list that describes them; a hit copies the folder into the staging
site. Deleting the cache folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Iterable

from .exports import Download

CODE_DIR = Path(__file__).resolve().parent


def code_fingerprint(modules: Iterable[str]) -> str:
    """A hash of the generator modules that produce an entry: a code change invalidates it."""
    digest = hashlib.sha256()
    for name in sorted(modules):
        digest.update((CODE_DIR / name).read_bytes())
    return digest.hexdigest()


def key_of(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


class BuildCache:
    def __init__(self, root: Path | None):
        self.root = root
        self.hits = 0
        self.misses = 0

    def downloads(self, key: str, staging: Path, make: Callable[[Path], list[Download]]) -> list[Download]:
        """Files of `make(folder)` copied into staging, made only when `key` is not cached."""
        if self.root is None:
            return make(staging)
        entry = self.root / key
        if not (entry / "manifest.json").is_file():
            self.misses += 1
            self._fill(entry, make)
        else:
            self.hits += 1
        shutil.copytree(entry / "files", staging, dirs_exist_ok=True)
        return [Download(**item) for item in json.loads((entry / "manifest.json").read_text("utf-8"))]

    def _fill(self, entry: Path, make: Callable[[Path], list[Download]]) -> None:
        building = entry.with_name(entry.name + ".tmp")
        shutil.rmtree(building, ignore_errors=True)
        (building / "files").mkdir(parents=True)
        made = make(building / "files")
        manifest = json.dumps([asdict(d) for d in made], ensure_ascii=False)
        (building / "manifest.json").write_text(manifest, encoding="utf-8")
        shutil.rmtree(entry, ignore_errors=True)
        building.rename(entry)  # an entry appears whole or not at all
