"""What a saved web page hides from its reader: found once, before the page is read (`mark_hidden`).

A browser neither shows nor prints an element whose style says `display:none` or `visibility:hidden` (or
`collapse`), nor one with the `hidden` attribute. The style may be the element's own (`style="display:none"`, as
Excel writes a hidden row of a sheet saved as a web page, and as portals write the junk characters they put inside
numbers against copying) or come from the page's own style sheet (`<style>.hide{display:none}</style>`).

The page's style sheets (`<style>`) are parsed by tinycss2 and their selectors matched by cssselect (through lxml):
the rules read are those at a sheet's top level (a rule under `@media` applies to some screens or to print only: a
desktop browser shows the page without it). A selector cssselect cannot match (`*:nth-of-type()`, an unknown
pseudo-class) or one naming a pseudo-element is not applied, and the reader says how many such hiding rules there
are (those hiding only elements without text, `input[type=hidden]`, hide nothing read); a state a page has only
under the mouse or the keyboard (`:hover`, `:focus`) matches nothing, as on a page just opened. Style sheets the page
links to (`<link rel=stylesheet>`) are not in the saved file and are not read. The cascade is read to one level: an
element's own style that sets the property overrides the sheet's rules, and of those the most specific, then the
last, wins (`!important` is not weighed).

A page that hides its whole body (`body{display:none}` until its script has loaded) shows it in a browser: the body
and the page itself are never taken for hidden. Each hidden element is marked (HIDDEN_MARK) with how it is hidden;
the reader does not read it, and lists its text. `controls_as_text` reads what a form's controls show.

Text a browser lays out but the eye does not see is marked the same way, in the certain cases only (`unseen_way`:
white text on the white page, transparent, font-size:0, opacity:0, moved off the page or clipped to nothing, a box
of no height): copy protection's junk digits, a screen reader's words. Struck-through text (`struck_way`: <del>,
<s>, <strike>, line-through) is shown, but as no longer current: it is marked too, and the reader lists it as struck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cssselect
import tinycss2

HIDDEN_MARK = "data-gongkai-hidden"  # an attribute no page uses: how the element is hidden ("display:none", …)
HIDDEN_ATTRIBUTE = "hidden 属性"
# Elements that show no text of the page: a rule hiding them alone hides nothing the reader reads.
WITHOUT_TEXT = frozenset({"input", "img", "iframe", "br", "hr", "video", "audio", "canvas", "svg", "embed", "object",
                          "select", "button", "textarea", "script", "style", "link", "meta"})
SHOWING = ("display", "visibility")  # the properties that hide an element or show it


# Other ways a page keeps text from the eye (copy protection, "read more" boxes, screen-reader-only text), read only
# where they are certain (`unseen_way`); and the strike-through that marks text as no longer current (`struck_way`).
PAINTING = ("color", "background", "background-color", "background-image", "font-size", "opacity", "position", "left",
            "top", "clip", "height", "width", "overflow", "display", "text-decoration", "text-decoration-line",
            "text-indent")
LINE_THROUGH = "text-decoration:line-through"
STRUCK_TAGS = frozenset({"del", "s", "strike"})
WHITE = re.compile(r"^(#fff|#ffffff|white|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(,\s*1(\.0*)?\s*)?\))$")
TRANSPARENT = re.compile(r"^(transparent|rgba\(.*,\s*0(\.0*)?\s*\)|#[0-9a-f]{6}00|#[0-9a-f]{3}0)$")
NO_BACKGROUND = re.compile(r"^(|none|transparent|inherit|initial|unset|#fff|#ffffff|white|rgb\(\s*255\s*,\s*255\s*,"
                           r"\s*255\s*\))$")
ZERO = re.compile(r"^[-+]?(0+(\.0*)?|\.0+)(px|pt|em|rem|%|cm|mm|in|pc|ex|ch|vw|vh)?$")
FAR_OFF = re.compile(r"^-\d{3,}(\.\d+)?(px|pt|em|rem|cm|mm|in)$")  # left:-9999px: moved out of the page
NO_CLIP = re.compile(r"^rect\(\s*(0|1px|0px)(\s*,?\s*(0|1px|0px)){3}\s*\)$")  # clip:rect(0 0 0 0): nothing shows
PIECE = 200  # the most text a piece kept from the eye holds: junk in a number, a screen reader's words, a cell
FLOW = ("td", "th", "tr", "table", "tbody", "thead", "tfoot", "span", "a", "font", "b", "strong", "i", "em", "u")
INLINE = ("span", "a", "font", "b", "strong", "i", "em", "u")  # no text-indent of their own: only a block's indents


@dataclass(frozen=True)
class Rule:
    """A rule of the style sheet setting `display` or `visibility`, to hide (`way`: "display:none") or to show."""
    xpath: str  # its selector, as cssselect translates it
    property: str  # "display" or "visibility"
    way: str | None
    rank: tuple[int, int, int, int]  # the selector's specificity (ids, classes, tags), then its order in the sheets


@dataclass(frozen=True)
class Painting:
    """A rule of the style sheet setting some of the PAINTING properties (`style`), one selector of it (translated
    only when matched: a portal's sheet has thousands)."""
    selector: str
    order: int  # in the sheets
    style: tuple[tuple[str, str], ...]


def declarations(style: str) -> dict[str, str]:
    """A style's declarations, property → value, lower-cased, `!important` taken off (the last of a property wins)."""
    return _declared(tinycss2.parse_declaration_list(style, skip_comments=True, skip_whitespace=True))


def _declared(parsed: list) -> dict[str, str]:
    return {item.lower_name: tinycss2.serialize(item.value).strip().lower() for item in parsed
            if item.type == "declaration"}


def hiding_way(style: dict[str, str]) -> tuple[str, str] | None:
    """The property and the way a style hides its element, or None when it does not."""
    if style.get("display") == "none":
        return "display", "display:none"
    if style.get("visibility") in ("hidden", "collapse"):
        return "visibility", f"visibility:{style['visibility']}"
    return None


def is_struck(way: str | None) -> bool:
    """A way that strikes the text through (`struck_way`), not one that hides it."""
    return way == LINE_THROUGH or bool(way) and way.strip("<>") in STRUCK_TAGS


def struck_way(element, style: dict[str, str]) -> str | None:
    """How the element is struck through: <del>, <s>, <strike> (Word writes a tracked deletion as <del>), or
    `text-decoration: line-through`; None when it is not. A browser draws the line through it: it is the text as it
    was before a correction, shown so that the reader sees it is no longer current."""
    if element.tag in STRUCK_TAGS:
        return f"<{element.tag}>"
    if any("line-through" in style.get(name, "") for name in ("text-decoration", "text-decoration-line")):
        return LINE_THROUGH
    return None


def unseen_way(element, style: dict[str, str], painted: dict, sheets_missing: bool = False) -> str | None:
    """How the element's text is kept from the eye though it is laid out: only the certain cases, each as copy
    protection and screen-reader-only text write it. `style`: the element's own style over the sheet's; `painted`:
    element → {property: value} (`_painting`), to see what a descendant sets back and which
    background the text stands on. A descendant that sets its own colour or size may show: then none. Where the page
    links style sheets the saved file lacks (`sheets_missing`), they may set a background or a descendant's own
    colour or size: white text is then taken as shown, and a colour or size only on an element with none inside."""
    way = _unseen(element, style, painted, sheets_missing)
    if way is not None and (element.xpath(".//table") or len(element.text_content()) > PIECE):
        return None  # a part of the page, not a piece of text: a fade-in's opacity:0 until its script has run
    return way


def _unseen(element, style: dict[str, str], painted: dict, sheets_missing: bool) -> str | None:
    alone = not sheets_missing or not any(isinstance(child.tag, str) for child in element)
    if _number(style.get("opacity")) == 0:
        return "完全透明 opacity:0"
    if style.get("position") in ("absolute", "fixed"):
        if any(FAR_OFF.match(style.get(side, "")) for side in ("left", "top")):
            side = "left" if FAR_OFF.match(style.get("left", "")) else "top"
            return f"移到页面之外 position:{style['position']};{side}:{style[side]}"
        if NO_CLIP.match(style.get("clip", "")):
            return f"裁剪为零 clip:{style['clip']}"
    if FAR_OFF.match(style.get("text-indent", "")) and not element.xpath(".//br") \
            and (element.tag not in INLINE or style.get("display") in ("block", "inline-block")):
        return f"首行缩进到页面之外 text-indent:{style['text-indent']}"  # a line of its own moved off the page whole
    boxed = element.tag not in FLOW or style.get("display") in ("block", "inline-block")  # inline: no height
    if style.get("overflow") == "hidden" and boxed and (
            ZERO.match(style.get("height", "x")) or ZERO.match(style.get("width", "x"))):
        return "高度或宽度为 0 且超出部分隐藏 overflow:hidden"
    if ZERO.match(style.get("font-size", "x")) and alone and not _set_below(element, "font-size", painted):
        return "字号为 0 font-size:0"
    color = style.get("color", "")
    if TRANSPARENT.match(color) and alone and not _set_below(element, "color", painted):
        return f"透明文字 color:{color}"
    if WHITE.match(color) and not sheets_missing and not _set_below(element, "color", painted) \
            and _on_white(element, painted):
        return f"白底白字 color:{color}"
    return None


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _set_below(element, name: str, painted: dict) -> bool:
    """A descendant sets the property itself (`<font color>` sets a colour): what it holds may show."""
    return any(name in painted.get(below, {}) for below in element.iterdescendants() if isinstance(below.tag, str))


def _on_white(element, painted: dict) -> bool:
    """Neither the element nor one it stands in sets a background (a colour, a picture, `bgcolor`) other than white:
    the text stands on the white page. White text on a blue table head shows."""
    for box in (element, *element.iterancestors()):
        sets = painted.get(box, {})
        if box.get("background") or any(not NO_BACKGROUND.match(sets.get(name, ""))
                                        for name in ("background", "background-color", "background-image")):
            return False
    return True


def hiding(element) -> str | None:
    """How the page hides the element (after `mark_hidden`), or None when it shows it."""
    return element.get(HIDDEN_MARK)


def mark_hidden(root) -> int:
    """Marks every element of the page that its own style, its `hidden` attribute or a rule of the page's style sheet
    hides; returns how many hiding rules of the style sheet could not be applied (see the module's docstring)."""
    text = " ".join(style.text_content() for style in root.iter("style"))
    parsed = _top_rules(text)
    rules, unapplied = _hiding_rules(parsed)
    sheet = _cascade(root, rules)
    painted = _painting(root, _painting_rules(parsed))
    # A linked sheet is not in a saved page (a saved MHT's is put in its place): what it sets is unknown.
    sheets_missing = bool(root.xpath("//link[contains(translate(@rel, 'STYLEHT', 'styleht'), 'stylesheet')]"))
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue  # a comment; or the whole page, which a page hides only until its script has loaded it
        own = declarations(element.get("style") or "")
        way = (hiding_way(own) or ("", None))[1]
        if way is None and element.get("hidden") is not None:
            way = HIDDEN_ATTRIBUTE
        if way is None:  # the sheet, for a property the element's own style does not set
            way = next((found for name in SHOWING if name not in own and (found := sheet.get((element, name)))), None)
        if way is None:
            style = painted.get(element, {})
            way = unseen_way(element, style, painted, sheets_missing) or struck_way(element, style)
        if way is not None:
            element.set(HIDDEN_MARK, way)
    return unapplied


def _painting(root, rules: list[Painting]) -> dict:
    """element → {property: value} of the PAINTING properties it sets: its own style, else the sheet's winning rule
    (as `_cascade`), else `<font color>` and `bgcolor` (a page's style sheet wins over them, as in a browser).

    Only what may keep text from the eye is weighed, as a browser matches its rules: the elements whose own style or
    a rule of the sheet sets such a value (`_needed`: white text, font-size:0 …) are the candidates; of the sheet, only
    the rules setting those properties whose selector's last part can match a candidate, an element it stands in
    (its background) or one inside it (which may set its own colour) are matched. A portal's long sheet of ordinary
    colours and sizes is not matched over the whole page."""
    own: dict = {}
    needed: set[str] = set()
    candidates: list = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        attributes = {}
        if element.tag == "font" and element.get("color"):
            attributes["color"] = element.get("color").strip().lower()
        if element.tag == "font" and element.get("size"):  # a size of its own: shown inside a font-size:0
            attributes["font-size"] = element.get("size").strip().lower()
        if element.get("bgcolor"):
            attributes["background-color"] = element.get("bgcolor").strip().lower()
        inline = {name: value for name, value in declarations(element.get("style") or "").items() if name in PAINTING}
        if attributes or inline:
            own[element] = (attributes, inline)
            if found := _needed({**attributes, **inline}):
                needed |= found
                candidates.append(element)
    for rule in rules:
        if found := _needed(dict(rule.style)):
            needed |= found
            xpath, _ = _translated(rule.selector)
            candidates += root.xpath(xpath) if xpath is not None else []
    reach = _Reach(candidates)
    winners: dict = {}
    for rule in rules if candidates else ():
        if not needed.intersection(name for name, _ in rule.style) or not reach.may_match(rule.selector):
            continue
        xpath, specificity = _translated(rule.selector)
        for element in root.xpath(xpath) if xpath is not None else ():
            for name, value in rule.style:
                held = winners.get((element, name))
                if name in needed and (held is None or (*specificity, rule.order) > held[0]):
                    winners[(element, name)] = ((*specificity, rule.order), value)
    painted: dict = {}
    for (element, name), (_, value) in winners.items():
        painted.setdefault(element, {})[name] = value
    for element, (attributes, inline) in own.items():
        sets = painted.setdefault(element, {})
        for name, value in attributes.items():
            sets.setdefault(name, value)
        sets.update(inline)
    return painted


class _Reach:
    """The candidates of `_painting`, the elements they stand in and those inside them, indexed by tag, class and id,
    to tell a rule that cannot match any of them by its selector's last part (`.nav li a.on` must end on an <a> of
    class "on")."""

    def __init__(self, candidates: list) -> None:
        self.tags: set[str] = set()
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        seen: set = set()
        for candidate in candidates:
            for element in (*candidate.iterancestors(), *candidate.iter()):
                if isinstance(element.tag, str) and element not in seen:
                    seen.add(element)
                    self.tags.add(element.tag)
                    self.classes.update((element.get("class") or "").split())
                    self.ids.add(element.get("id") or "")

    def may_match(self, selector: str) -> bool:
        try:
            [parsed] = cssselect.parse(selector)
        except (cssselect.SelectorError, ValueError):
            return False
        node = parsed.parsed_tree
        node = getattr(node, "subselector", node) if type(node).__name__ == "CombinedSelector" else node
        while node is not None:  # down the last compound: .c#d:hover is Pseudo[Hash[Class[Element[*].c]#d]]
            kind = type(node).__name__
            if kind == "Class" and node.class_name not in self.classes or kind == "Hash" and node.id not in self.ids:
                return False
            if kind == "Element":
                return node.element in (None, "*") or node.element.lower() in self.tags
            node = getattr(node, "selector", None)
        return True


def _needed(style: dict[str, str]) -> set[str]:
    """The PAINTING properties to weigh over the page when a style may keep text from the eye (`unseen_way`,
    `struck_way`); none for an ordinary style."""
    needed: set[str] = set()
    color = style.get("color", "")
    if WHITE.match(color):
        needed |= {"color", "background", "background-color", "background-image"}
    if TRANSPARENT.match(color):
        needed.add("color")
    if ZERO.match(style.get("font-size", "x")):
        needed.add("font-size")
    if _number(style.get("opacity")) == 0:
        needed.add("opacity")
    if FAR_OFF.match(style.get("text-indent", "")):
        needed |= {"text-indent", "display"}
    if any(FAR_OFF.match(style.get(side, "")) for side in ("left", "top")) or NO_CLIP.match(style.get("clip", "")):
        needed |= {"position", "left", "top", "clip"}
    if style.get("overflow") == "hidden" and any(ZERO.match(style.get(name, "x")) for name in ("height", "width")):
        needed |= {"overflow", "height", "width", "display"}
    if any("line-through" in style.get(name, "") for name in ("text-decoration", "text-decoration-line")):
        needed |= {"text-decoration", "text-decoration-line"}
    return needed


def _painting_rules(sheet: list[tuple[str, dict[str, str]]]) -> list[Painting]:
    """The rules of `_top_rules` that set PAINTING properties, one per selector."""
    rules: list[Painting] = []
    for selectors, style in sheet:
        painting = tuple((name, value) for name, value in style.items() if name in PAINTING)
        for text in selectors.split(",") if painting else ():
            rules.append(Painting(text, len(rules), painting))
    return rules


def _cascade(root, rules: list[Rule]) -> dict[tuple, str | None]:
    """(element, property) → how the sheet's winning rule for it hides the element (None: it shows it). Of the
    rules matching an element, the most specific, and of those the last, wins (a tab's `.tab-pane{display:none}`
    loses to `.tab-pane.active{display:block}`). The element's own style, which wins over them all, is read apart."""
    winners: dict[tuple, Rule] = {}
    for rule in rules:
        for element in root.xpath(rule.xpath):
            held = winners.get((element, rule.property))
            if held is None or rule.rank > held.rank:
                winners[(element, rule.property)] = rule
    return {key: rule.way for key, rule in winners.items()}


def _top_rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    """The style sheets' rules at their top level: selectors and declarations (@media, @font-face … are not; nor
    what the parser could not read)."""
    return [(tinycss2.serialize(parsed.prelude),
             _declared(tinycss2.parse_blocks_contents(parsed.content, skip_comments=True, skip_whitespace=True)))
            for parsed in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)
            if parsed.type == "qualified-rule"]


def _hiding_rules(sheet: list[tuple[str, dict[str, str]]]) -> tuple[list[Rule], int]:
    """The rules at the style sheets' top level that set `display` or `visibility`, and how many of those that hide
    have a selector not applied here (a showing rule not applied is not in effect)."""
    rules: list[Rule] = []
    unapplied = 0
    for selectors, style in sheet:
        for name in SHOWING:
            if name not in style:
                continue
            way = hiding_way({name: style[name]})
            for text in selectors.split(","):
                xpath, specificity = _translated(text)
                if xpath is None:
                    unapplied += way is not None and not _without_text(text)
                    continue
                rules.append(Rule(xpath, name, way and way[1], (*specificity, len(rules))))
    return rules, unapplied


def _translated(selector: str) -> tuple[str | None, tuple[int, int, int]]:
    """A selector as XPath, with its specificity; None when cssselect cannot match it or it names a pseudo-element."""
    try:
        [parsed] = cssselect.parse(selector)
        if parsed.pseudo_element is not None:
            return None, (0, 0, 0)
        return cssselect.HTMLTranslator().selector_to_xpath(parsed), parsed.specificity()
    except (cssselect.SelectorError, ValueError):  # ExpressionError is a SelectorError
        return None, (0, 0, 0)


def _without_text(selector: str) -> bool:
    """A selector whose last compound names an element without text (`input[type=hidden]`, `img.lazy`)."""
    last = re.split(r"[\s>+~]+", selector.strip())[-1]
    tag = re.match(r"[a-zA-Z][\w-]*", last)
    return tag is not None and tag.group().lower() in WITHOUT_TEXT


# --- text the style sheet writes: ::before and ::after ---------------------------------------------------------------

PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # an icon font's glyph ("\\e601"): a picture, not text
WORD_CHARACTER = re.compile(r"\w")


def generated_text(root) -> list[str]:
    """Writes into the page the text its style sheet puts before or after elements (`.n1::before{content:"1"}`), as
    a browser shows it: portals write digits of a figure so against copying ("<span class=n1></span>20.50" shows
    120.50), and without them the figure read would be another. Only a content of quoted strings that holds a letter,
    a digit or a Chinese character (not an icon font's glyph, not a clearfix's "" nor a "*" or "|" of decoration),
    from a rule at the sheet's top level; of several for one element and place, the most specific, then the last.
    Returns the texts written."""
    from lxml import etree

    text = " ".join(style.text_content() for style in root.iter("style"))
    winners: dict[tuple, tuple[tuple, str]] = {}
    for order, (selectors, style) in enumerate(_top_rules(text)):
        content = _content_text(style.get("content"))
        for selector in selectors.split(",") if content is not None else ():
            try:
                [parsed] = cssselect.parse(selector)
                if parsed.pseudo_element not in ("before", "after"):
                    continue
                plain = cssselect.parser.Selector(parsed.parsed_tree, None)
                xpath = cssselect.HTMLTranslator().selector_to_xpath(plain)
            except (cssselect.SelectorError, ValueError):
                continue
            for element in root.xpath(xpath):
                key = (element, parsed.pseudo_element)
                rank = (*plain.specificity(), order)
                if key not in winners or rank > winners[key][0]:
                    winners[key] = (rank, content)
    written: list[str] = []
    for (element, place), (_, content) in winners.items():
        if not content or not WORD_CHARACTER.search(content) or PRIVATE_USE.search(content) \
                or element.tag in WITHOUT_TEXT:
            continue
        span = etree.Element("span")
        span.text = content
        if place == "before":
            span.tail, element.text = element.text, None
            element.insert(0, span)
        else:
            element.append(span)
        written.append(content)
    return written


def _content_text(value: str | None) -> str | None:
    """The text of a `content` made only of quoted strings; None for any other (attr(), a counter, none)."""
    if value is None:
        return None
    tokens = [token for token in tinycss2.parse_component_value_list(value) if token.type != "whitespace"]
    if not tokens or any(token.type != "string" for token in tokens):
        return None
    return "".join(token.value for token in tokens)


# --- what a form control shows --------------------------------------------------------------------------------------

TEXT_INPUTS = frozenset({"", "text", "number", "date", "datetime-local", "month", "week", "time", "tel", "email", "url",
                         "search"})


def controls_as_text(root) -> int:
    """A page saved from an online filing system holds the form's values in its controls: a text box (`<input
    value="120.50">`), a text area, a drop-down list (`<select>`), a check box. In a table's cell each is replaced by
    the text the browser shows in it (the box's text, the option selected or else the first, ☑ or □), which the reader
    reads as the cell's. Only in a table that holds no other table, as a form's: the page's other controls (a search
    box, also in an old portal's layout table) are left to be dropped. Returns how many show some text."""
    from lxml import etree

    replaced = 0
    for control in root.xpath("//td//input | //th//input | //td//textarea | //th//textarea | //td//select"
                              " | //th//select"):
        shown = _control_text(control)
        if shown is None or control.xpath("ancestor::table[1]//table"):
            continue
        span = etree.Element("span")
        if hiding(control):
            span.set(HIDDEN_MARK, hiding(control))
        lines = shown.split("\n")
        span.text = lines[0]
        for line in lines[1:]:  # a text area keeps its line breaks
            etree.SubElement(span, "br").tail = line
        span.tail = control.tail
        control.getparent().replace(control, span)
        replaced += bool(shown)
    return replaced


def _control_text(control) -> str | None:
    """What the control shows as text; None for one that shows none (a hidden field, a button)."""
    if control.tag == "textarea":
        return (control.text or "").removeprefix("\n")  # a browser leaves out the line break right after the tag
    if control.tag == "select":
        options = control.xpath(".//option")
        chosen = [option for option in options if option.get("selected") is not None] or options[:1]
        return "、".join(option.text_content().strip() for option in chosen)
    kind = (control.get("type") or "").strip().lower()
    if kind in ("checkbox", "radio"):
        return "☑" if control.get("checked") is not None else "□"
    return control.get("value") or "" if kind in TEXT_INPUTS else None
