"""Stage 5: render pages with Jinja2 (StrictUndefined, autoescape on).

Templates see only their page's context plus pure filters: no template can
reach into global state, so a page's HTML depends on its context alone.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pydantic import BaseModel

from . import vocabulary
from .pages import Page
from .richtext import render_rich


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["rich"] = render_rich
    env.filters["amount"] = amount
    env.filters["filesize"] = filesize
    env.filters["field_label"] = field_label
    env.filters["label"] = label
    return env


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
