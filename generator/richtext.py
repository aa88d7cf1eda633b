"""Rich text to HTML with markdown-it-py, in its most literal mode.

Only paragraphs, line breaks and the safe inline tags that `check` allows are
rendered. Lists, headings and emphasis markers are off on purpose: a filing's
"1、… 6、8、…" must not be renumbered or reformatted by a Markdown parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from .textrules import rich_text


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": True, "breaks": True})
    return parser.enable(["html_block", "html_inline", "newline"])


# A `<` or `&` that starts no tag or character reference, as in "指标值<=2%" or "A&B".
_STRAY_LT = re.compile(r"<(?![A-Za-z/!])")
_STRAY_AMP = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)")


@lru_cache(maxsize=4096)
def render_rich(text: str | None) -> Markup:
    """A pure function of the text, remembered: a note or a narrative shows on several pages of a filing
    (markdown-it was an eighth of rendering a department's pages)."""
    if not text:
        return Markup("")
    # Content was validated on load; checking again keeps this function safe on its own.
    html = _parser().render(rich_text(text))
    # markdown-it passes an HTML block (text starting with `<p>`) through raw, so a comparator
    # written in it, like `<=2%`, is escaped here to keep the page valid.
    return Markup(_STRAY_AMP.sub("&amp;", _STRAY_LT.sub("&lt;", html)))
