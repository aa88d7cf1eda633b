"""Atomic publication: the new site is written beside the old one and swapped in at the end.

A build that fails (bad content, a template error, Ctrl-C) removes its staging
folder and leaves the previous site untouched. Publishing replaces the whole
output folder, so only a folder that Gongkai wrote (it holds the marker file) or
an empty one is ever replaced, never one holding the content, the templates, the
config or the working directory; and one build at a time writes to an output.
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
from typing import Iterator

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
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.building")
    leftovers = list(output.parent.glob(f".{output.name}.discarded-*"))  # removals cut short
    if staging.exists():  # a build that was killed
        leftovers.append(_set_aside(staging, output))
    for folder in leftovers:
        remove_later(folder)
    staging.mkdir()
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, output)


def _swap(staging: Path, output: Path) -> None:
    """Two renames: the site is either the old one or the new one, never a mix."""
    old = _set_aside(output, output) if output.exists() else None
    os.rename(staging, output)
    if old is not None:
        remove_later(old)


def _set_aside(folder: Path, output: Path) -> Path:
    """`folder` (the replaced site, or a killed build's staging folder) renamed to a name no build writes to."""
    doomed = output.with_name(f".{output.name}.discarded-{uuid.uuid4().hex[:12]}")
    os.rename(folder, doomed)
    return doomed


# Removes a folder in a process of its own, which may outlive the build.
_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def remove_later(folder: Path) -> subprocess.Popen:
    """Remove a set-aside folder without waiting for it. The new site is already in place, and removing the old
    one's ten thousand page folders was most of a small rebuild (1.2 s of 9 at 420 departments on a quiet
    machine, over 10 s under load). A removal cut short is started again by the next build."""
    return subprocess.Popen([sys.executable, "-c", _REMOVE, str(folder)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def write_text(root: Path, relative: str, text: str) -> None:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
