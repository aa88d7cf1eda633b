"""Stage 5: render pages with Jinja2 (StrictUndefined, autoescape on).

Templates see only their page's context plus pure filters: no template can
reach into global state, so a page's HTML depends on its context alone.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .pages import Page
from .richtext import render_rich


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["rich"] = rich
    env.filters["amount"] = amount
    env.filters["filesize"] = filesize
    return env


# A `<` or `&` that starts no tag or character reference, as in "指标值<=2%" or "A&B".
_STRAY_LT = re.compile(r"<(?![A-Za-z/!])")
_STRAY_AMP = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)")


def rich(text: str | None) -> Markup:
    """Rich text as HTML. markdown-it passes an HTML block (text starting with `<p>`) through
    raw, so a comparator written in it, like `<=2%`, is escaped here to keep the page valid."""
    html = str(render_rich(text))
    return Markup(_STRAY_AMP.sub("&amp;", _STRAY_LT.sub("&lt;", html)))


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
