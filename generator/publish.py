"""Atomic publication: the new site is written beside the old one and swapped in at the end.

A build that fails (bad content, a template error, Ctrl-C) leaves the previous
site untouched. Publishing replaces the whole output folder, so only a folder
that Gongkai wrote (it holds the marker file) or an empty one is ever replaced,
never one holding the content, the templates, the config or the working
directory; and one build at a time writes to an output.

The replaced site is kept beside the new one (`.site.previous`) and becomes the
next build's staging folder: most of a site is files hard-linked from the build
cache, and a file already linked there is left as it is, so a small change
relinks a few files instead of making ten thousand folders and links again.
Whatever a build writes itself is written afresh, never through an old link.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

# Written into every built site: the proof that replacing this folder destroys nothing but an older site.
MARKER = ".gongkai-site"
MARKER_TEXT = "此目录由 Gongkai 生成；gongkai build 每次会整体替换它，请勿在此存放其他文件。\n"


class OutputError(Exception):
    """The output folder may not be written: nothing was touched; the message says why and what to do."""


def guarded_output(output: Path, content: Path, templates: Path, config: Path) -> Path:
    """`output`, resolved, once it is safe to replace; OutputError otherwise."""
    output = output.resolve()
    inputs = {"内容目录": content, "模板目录": templates, "配置文件": config}
    for label, path in {**inputs, "当前工作目录": Path.cwd()}.items():
        path = path.resolve()
        if output == path or output in path.parents:
            relation = "就是" if output == path else "包含"
            raise OutputError(f"输出目录 {output} {relation}{label} {path}：生成网站会整体替换输出目录。"
                              "请另指定一个单独的目录，例如 -o site")
        if label in inputs and path in output.parents:
            raise OutputError(f"输出目录 {output} 在{label} {path} 之内。请另指定一个单独的目录，例如 -o site")
    if output.exists() and not output.is_dir():
        raise OutputError(f"输出路径 {output} 是一个文件，不是目录。请另指定一个目录，例如 -o site")
    if output.is_dir() and not (output / MARKER).is_file() and any(output.iterdir()):
        raise OutputError(f"输出目录 {output} 已有文件，但不是 Gongkai 生成的网站（没有 {MARKER} 标记文件）；"
                          "为免误删，不替换它。请指定一个空目录或新目录，或先自行移走这个目录")
    return output


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """One build at a time per output (the site, its staging folder and its cache beside it).
    The lock is the kernel's: it ends with the process, however the process ends."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock = output.with_name(f".{output.name}.lock")
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"另一个 gongkai build 正在生成 {output}（锁文件 {lock}）。"
                              "请等它完成后再运行；原有网站保持不变") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def staging_dir(output: Path) -> Iterator[Path]:
    """The folder a build writes the new site into: the site the last build replaced, holding only the files
    linked from the cache (see `keep_linked_only`), or an empty folder. After the build, `drop_unplaced` takes
    out what the new site no longer has, and `_swap` publishes it."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging, previous = _beside(output, "building"), _beside(output, "previous")
    leftovers = list(output.parent.glob(f".{output.name}.discarded-*"))  # removals cut short
    if staging.exists():  # a build that was killed
        leftovers.append(_set_aside(staging, output))
    if previous.is_dir() and not previous.is_symlink():
        os.rename(previous, staging)
        keep_linked_only(staging)
    elif previous.exists() or previous.is_symlink():  # not a site a build left
        leftovers.append(_set_aside(previous, output))
    for folder in leftovers:
        remove_later(folder)
    staging.mkdir(exist_ok=True)
    write_file(staging / MARKER, MARKER_TEXT.encode("utf-8"))
    try:
        yield staging
    except BaseException:
        _keep_as_previous(staging, output, previous)  # whatever state it is in, the next build can start from it
        raise
    _swap(staging, output, previous)


def _beside(output: Path, role: str) -> Path:
    return output.with_name(f".{output.name}.{role}")


def _swap(staging: Path, output: Path, previous: Path) -> None:
    """Two renames: the site is either the old one or the new one, never a mix. The old one stays beside it,
    for the next build to start from."""
    if output.exists():
        _keep_as_previous(output, output, previous)
    os.rename(staging, output)


def _keep_as_previous(folder: Path, output: Path, previous: Path) -> None:
    """`folder` renamed to `.site.previous`; anything already there (not a folder a build left) is set aside."""
    if previous.exists() or previous.is_symlink():
        remove_later(_set_aside(previous, output))
    os.rename(folder, previous)


def keep_linked_only(folder: Path) -> None:
    """Of a site kept for reuse, only the files that are hard links (into the build cache) stay: a build links
    each again only if it is not that very file already. What a build writes itself (site-wide pages, the feed,
    the search index, copies) is taken out, to be written afresh, with the folders it leaves empty (Pagefind's
    output folder must not be there)."""
    _prune(os.fspath(folder), "", lambda _, entry: not entry.is_file(follow_symlinks=False)
           or entry.stat(follow_symlinks=False).st_nlink < 2)


def drop_unplaced(folder: Path, placed: set[str]) -> dict[str, list[int]]:
    """Take out of a staging folder the linked files this build did not place (pages, downloads and 原文 the
    new site no longer has) and the folders left empty. Files written by this build are new (one link each).
    Every file left, with its `file_stamp`: the site once the folder is renamed, without walking it again."""
    left: dict[str, list[int]] = {}

    def drop(name: str, entry: os.DirEntry) -> bool:
        info = entry.stat(follow_symlinks=False)
        if name not in placed and info.st_nlink > 1:
            return True
        left[name] = file_stamp(info)
        return False
    _prune(os.fspath(folder), "", drop)
    return left


def file_stamp(info: os.stat_result) -> list[int]:
    """What tells a file of a built site changed, added or removed without reading any bytes: its size,
    modification time and inode (a rename keeps all three)."""
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _prune(folder: str, prefix: str, drop: Callable[[str, os.DirEntry], bool]) -> bool:
    """Remove the files below `folder` that `drop(name, entry)` picks (name: the POSIX path below the top
    folder), and the folders that leaves empty; whether `folder` is empty now. One scandir pass."""
    empty = True
    for entry in os.scandir(folder):
        name = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if _prune(entry.path, f"{name}/", drop):
                os.rmdir(entry.path)
            else:
                empty = False
        elif drop(name, entry):
            os.unlink(entry.path)
        else:
            empty = False
    return empty


def walk(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry below `folder` that is not a folder (symlinks included), by its POSIX path relative to
    `folder`. scandir, not os.walk and pathlib: a province's site has tens of thousands of folders, and a
    DirEntry knows whether it is a folder without another system call."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from walk(entry.path, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry


def _set_aside(folder: Path, output: Path) -> Path:
    """`folder` (a killed build's staging folder, or an unexpected `.site.previous`) renamed to a name no build
    writes to."""
    doomed = output.with_name(f".{output.name}.discarded-{uuid.uuid4().hex[:12]}")
    os.rename(folder, doomed)
    return doomed


# Removes a folder in a process of its own, which may outlive the build.
_REMOVE = ("import os, shutil, sys; path = sys.argv[1]\n"
           "if os.path.isdir(path) and not os.path.islink(path): shutil.rmtree(path, ignore_errors=True)\n"
           "else: os.unlink(path)")


def remove_later(folder: Path) -> subprocess.Popen:
    """Remove a set-aside folder without waiting for it: removing a site's ten thousand page folders takes over a
    second (more under load). A removal cut short is started again by the next build."""
    return subprocess.Popen([sys.executable, "-c", _REMOVE, str(folder)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def make_folder(path: str) -> None:
    """A folder at `path` and above it, whatever was there: in a reused staging folder a file may stand where
    the new site has a folder (symlinks are gone already: keep_linked_only)."""
    if os.path.isdir(path):  # most often, in a reused staging folder: one system call, not makedirs' three
        return
    try:
        os.makedirs(path, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        parts = path.split(os.sep)
        blocking = next(here for here in (os.sep.join(parts[:end]) for end in range(2, len(parts) + 1))
                        if os.path.lexists(here) and not os.path.isdir(here))
        os.unlink(blocking)
        make_folder(path)


def write_file(target: Path, data: bytes) -> None:
    """A new file at `target`: what was there is unlinked first, never written through. In a reused staging
    folder it may be a hard link into the cache, and so into the published site."""
    make_folder(os.fspath(target.parent))
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    target.unlink(missing_ok=True)
    target.write_bytes(data)


def write_text(root: Path, relative: str, text: str) -> None:
    write_file(root / relative, text.encode("utf-8"))


def copy_tree(source: Path, target: Path) -> None:
    """Each file under `source` written afresh under `target` (see write_file)."""
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file():
                write_file(target / path.relative_to(source), path.read_bytes())
