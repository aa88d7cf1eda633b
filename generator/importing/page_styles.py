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


@dataclass(frozen=True)
class Rule:
    """A rule of the style sheet setting `display` or `visibility`, to hide (`way`: "display:none") or to show."""
    xpath: str  # its selector, as cssselect translates it
    property: str  # "display" or "visibility"
    way: str | None
    rank: tuple[int, int, int, int]  # the selector's specificity (ids, classes, tags), then its order in the sheets


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


def hiding(element) -> str | None:
    """How the page hides the element (after `mark_hidden`), or None when it shows it."""
    return element.get(HIDDEN_MARK)


def mark_hidden(root) -> int:
    """Marks every element of the page that its own style, its `hidden` attribute or a rule of the page's style sheet
    hides; returns how many hiding rules of the style sheet could not be applied (see the module's docstring)."""
    rules, unapplied = _hiding_rules(" ".join(style.text_content() for style in root.iter("style")))
    sheet = _cascade(root, rules)
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue  # a comment; or the whole page, which a page hides only until its script has loaded it
        own = declarations(element.get("style") or "")
        way = (hiding_way(own) or ("", None))[1]
        if way is None and element.get("hidden") is not None:
            way = HIDDEN_ATTRIBUTE
        if way is None:  # the sheet, for a property the element's own style does not set
            way = next((found for name in SHOWING if name not in own and (found := sheet.get((element, name)))), None)
        if way is not None:
            element.set(HIDDEN_MARK, way)
    return unapplied


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


def _hiding_rules(sheet: str) -> tuple[list[Rule], int]:
    """The rules at the style sheets' top level that set `display` or `visibility`, and how many of those that hide
    have a selector not applied here (a showing rule not applied is not in effect)."""
    rules: list[Rule] = []
    unapplied = 0
    for parsed in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True):
        if parsed.type != "qualified-rule":  # @media, @font-face …; and what the parser could not read
            continue
        style = _declared(tinycss2.parse_blocks_contents(parsed.content, skip_comments=True, skip_whitespace=True))
        selectors = tinycss2.serialize(parsed.prelude)
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
