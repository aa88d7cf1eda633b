"""Characters of symbol fonts: the tick boxes of "项目属性 ☑新增项目 □延续项目", named.

Word inserts them from a symbol font (插入 → 符号: `w:sym`), and a PDF made from such a document draws them in
that font, its text layer giving the font's private-use code point (U+F0FE). Either way what the form shows is a
box, ticked or not: read as the character that draws it. A symbol not known here is not read, and is said.
"""

from __future__ import annotations

# (font family, code in the font) → the character shown. Codes are given as the font numbers them; Word and PDF
# text layers write them in the private use area (F0FE for FE).
SYMBOLS = {("wingdings", 0xA8): "□", ("wingdings", 0x6F): "□", ("wingdings", 0xFE): "☑", ("wingdings", 0xFD): "☒",
           ("wingdings", 0xFC): "✓", ("wingdings", 0xFB): "✗",
           ("wingdings 2", 0xA3): "□", ("wingdings 2", 0x2A): "□", ("wingdings 2", 0x52): "☑",
           ("wingdings 2", 0x54): "☒", ("wingdings 2", 0x50): "✓", ("wingdings 2", 0x4F): "✗"}
PRIVATE_RANGE = 0xF000


def symbol_text(font: str, code: int) -> str | None:
    """The character a symbol font's code draws, or None. `font` as the document names it: "Wingdings",
    "Wingdings 2", or a PDF's subset name ("ABCDEF+Wingdings2-Regular")."""
    family = font.rsplit("+", 1)[-1].split("-", 1)[0].lower().replace("wingdings2", "wingdings 2")
    return SYMBOLS.get((family, code - PRIVATE_RANGE if code >= PRIVATE_RANGE else code))


def is_symbol_font(font: str | None) -> bool:
    """Wingdings, Wingdings 2, Wingdings 3: fonts whose letters draw pictures (a tick box, not "R")."""
    return (font or "").lower().replace(" ", "").startswith("wingdings")


def font_symbols(font: str | None, text: str) -> tuple[str, int]:
    """Text typed in a run of `font` as the form shows it, and how many of its symbols are not known. In a symbol
    font ("R新增 £延续" in Wingdings 2, U+F0FE in Wingdings) a letter is the box it draws ("☑新增 □延续"), never the
    letter stored; characters past the font's 256 codes (the 新增 beside the box) are drawn by another font, as
    themselves. A symbol not known is left out and counted, for the caller to say: a wrong letter would be worse."""
    if not is_symbol_font(font):
        return text, 0
    shown: list[str] = []
    unknown = 0
    for ch in text:
        symbol = symbol_text(font or "", ord(ch)) if ord(ch) <= 0xFF or ord(ch) >= PRIVATE_RANGE else None
        own = ch.isspace() or 0xFF < ord(ch) < PRIVATE_RANGE
        shown.append(symbol or (ch if own else ""))
        unknown += not symbol and not own
    return "".join(shown), unknown
