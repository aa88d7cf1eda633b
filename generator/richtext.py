"""Rich text to HTML with markdown-it-py, in its most literal mode.

Only paragraphs, line breaks and the safe inline tags that `check` allows are
rendered. Lists, headings and emphasis markers are off on purpose: a filing's
"1、… 6、8、…" must not be renumbered or reformatted by a Markdown parser.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from .textrules import rich_text


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": True, "breaks": True})
    return parser.enable(["html_block", "html_inline", "newline"])


def render_rich(text: str | None) -> Markup:
    if not text:
        return Markup("")
    # Content was validated on load; checking again keeps this function safe on its own.
    return Markup(_parser().render(rich_text(text)))
