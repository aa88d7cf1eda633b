"""Where a filing's 原文 comes from: a file inside content/sources/, and nowhere else.

`source:` is typed by hand, so it could name `../../etc/passwd`, an absolute path,
or a symlink in sources/ that leads out of it; none of these may be published.
A 原文 holding projects the site withholds is published through no filing, and
one cited by several filings is blanked of all their contact values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .loading import SOURCES_DIR, LoadedFiling
from .redaction import PublicSource, WithheldRows, public_source, withheld_rows

# A segment of the path under sources/ becomes a URL segment: no hidden files, no `?`, `#`, `%` or `\`.
SEGMENT = re.compile(r"^[^./\\?#%\s][^/\\?#%]*$")


@dataclass(frozen=True)
class SourceProblem:
    code: str
    message: str
    hint: str


class SourceError(Exception):
    def __init__(self, problem: SourceProblem):
        super().__init__(problem.message)
        self.problem = problem


def source_path(content_dir: Path, name: str) -> Path:
    """The file `name` stands for, resolved; SourceError when it is outside content/sources/ or missing."""
    parts = PurePosixPath(name).parts
    if "\\" in name or name.startswith("/") or not parts or not all(SEGMENT.match(part) for part in parts):
        raise SourceError(SourceProblem(
            "unsafe-source", f"原文路径“{name}”不是 {SOURCES_DIR}/ 下的相对路径",
            "只写 content/sources/ 下的文件名（可带子文件夹，如 2025/原文.txt），"
            "不以 / 或点开头，不含 ..、\\、?、#、%"))
    root = (content_dir / SOURCES_DIR).resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise SourceError(SourceProblem(
            "unsafe-source", f"原文 {SOURCES_DIR}/{name} 是指向 content/{SOURCES_DIR}/ 以外的链接",
            f"把原文本身（而不是链接）放到 content/{SOURCES_DIR}/ 下"))
    if not path.is_file():
        raise SourceError(SourceProblem(
            "missing-source", f"找不到原文 {SOURCES_DIR}/{name}",
            f"把原文放到 content/{SOURCES_DIR}/ 下，或删除 source 字段"))
    return path


class SourceFiles:
    """content/sources/ as one stage of a build sees it: each name resolved once (a province's filings cite a
    few 原文 each, and resolving every citation three times was 0.2 s of a one-filing rebuild)."""

    def __init__(self, content_dir: Path):
        self.content_dir = content_dir
        self._found: dict[str, Path | SourceError] = {}

    def path(self, name: str) -> Path:
        """As `source_path`."""
        if name not in self._found:
            try:
                self._found[name] = source_path(self.content_dir, name)
            except SourceError as exc:
                self._found[name] = exc
        found = self._found[name]
        if isinstance(found, SourceError):
            raise found
        return found


def resolved_sources(loaded: list[LoadedFiling], files: SourceFiles) -> list[Path | None]:
    """Each filing's 原文 file, or None (no source, or one `check` reports)."""
    paths: list[Path | None] = []
    for item in loaded:
        try:
            paths.append(files.path(item.head.source) if item.head.source else None)
        except SourceError:
            paths.append(None)
    return paths


def withheld_sources(loaded: list[LoadedFiling], paths: list[Path | None]) -> dict[Path, LoadedFiling]:
    """原文 files cited by a filing that withholds projects → that filing: such a 原文 holds what the site
    withholds, so it is not published at all."""
    found: dict[Path, LoadedFiling] = {}
    for item, path in zip(loaded, paths):
        if path is not None and item.head.withholds_projects:
            found.setdefault(path, item)
    return found


def published_sources(loaded: list[LoadedFiling], content_dir: Path,
                      publish_contact: bool) -> list[PublicSource | None]:
    """Each filing's 原文 as the site publishes it (None: not published). The URL keeps the folders
    under sources/, so two files of the same name do not overwrite each other."""
    paths = resolved_sources(loaded, SourceFiles(content_dir))
    withheld = withheld_sources(loaded, paths)
    contacts: dict[Path, list] = {}
    ranges: dict[Path, list] = {}  # the withheld records of every filing citing the 原文: their rows are blanked
    for item, path in zip(loaded, paths):
        if path is not None and item.head.contact:
            contacts.setdefault(path, []).append(item.head.contact)
        if path is not None:
            ranges.setdefault(path, []).extend(entry for _, entry in item.head.withheld)
    published: list[PublicSource | None] = []
    made: dict[tuple[Path, str], PublicSource | None] = {}  # a 原文 cited by many filings is read and blanked once
    for item, path in zip(loaded, paths):
        if path is None or path in withheld or any(not entry.withheld.notice for entry in ranges.get(path, [])):
            published.append(None)  # a withheld record without its notice: nothing finds its rows in the 原文
            continue
        url = f"{SOURCES_DIR}/{PurePosixPath(item.head.source).as_posix()}"
        if (path, url) not in made:
            rows = withheld_rows(ranges[path]) if ranges.get(path) else WithheldRows()
            made[path, url] = public_source(path, url, contacts.get(path, []), publish_contact, rows)
        published.append(made[path, url])
    return published
