"""Stage 5: render pages with Jinja2 (StrictUndefined, autoescape on).

Templates see only their page's context plus pure filters: no template can
reach into global state, so a page's HTML depends on its context alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket

from pydantic import BaseModel

from . import vocabulary
from .cache import BuildCache, generator_fingerprint, key_of
from .pages import Page
from .richtext import render_rich


@dataclass(frozen=True)
class Templates:
    """The templates folder, and the cache folder where their compiled code is kept between builds and shared by
    the workers (what a worker is given: a BuildCache does not travel)."""

    folder: Path
    compiled: Path


def environment(folder: Path, compiled: BuildCache | None = None) -> Environment:
    """The templates in `folder`; their compiled code read from and kept in `compiled`, when given."""
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=CompiledTemplates(compiled) if compiled else None)
    env.filters["rich"] = render_rich
    env.filters["amount"] = amount
    env.filters["filesize"] = filesize
    env.filters["field_label"] = field_label
    env.filters["label"] = label
    return env


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled code of each template, kept in a build cache: compiling the templates took 40 % of
    rendering a department's pages again after one filing changed, and every worker compiled them once more.
    An entry's key holds the template's source and the code of a build (the Jinja and Python versions and this
    environment's options are part of it); an entry that fails its digest is compiled again (BuildCache.value)."""

    def __init__(self, cache: BuildCache):
        self.cache = cache
        self.code = generator_fingerprint()

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.cache.value(self._key(bucket))) is not None:
            bucket.bytecode_from_string(code)  # Jinja checks its own mark and the source's checksum again

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.keep(self._key(bucket), bucket.bytecode_to_string())

    def _key(self, bucket: Bucket) -> str:
        return key_of(self.code, bucket.key, bucket.checksum)


def field_label(field: str, record: BaseModel) -> str:
    """The words for an editorial note's `field`, a key path inside `record`: `prior.2023` → 往年指标值·2023年."""
    return vocabulary.field_label(type(record), field)


def label(record: BaseModel, key: str) -> str:
    """The label of one field of `record`, as pages, search and downloads all call it."""
    return vocabulary.label(type(record), key)


def amount(value: Decimal | None) -> str:
    """An amount exactly as filed; an empty cell stays visibly empty."""
    return "—" if value is None else str(value)


def filesize(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def render_page(env: Environment, page: Page) -> str:
    return env.get_template(page.template).render(page=page.context)
