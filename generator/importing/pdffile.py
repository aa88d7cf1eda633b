"""PDF files with a text layer, through pdfplumber: ruled tables and the lines of text around them.

Tables are found from their ruling lines (`find_tables`), or from horizontal rules alone (below).
pdfplumber leaves the grid positions covered by a merged cell empty (None); each such position names
the cell drawn over it. Text outside the tables is read as paragraphs, in reading order with the tables: lines join into a
paragraph as lines do in a cell (below).

Some offices print a form with horizontal rules only (a rule over each row, or over and under it), and
`find_tables` needs vertical lines. Such a table is read from its rules (`_rule_parts`): a rule is a filled
rectangle or line at most 2 pt tall, and rules at one height are one row boundary. Between two rules of a
table is one row, its text starting just under the upper rule and ending just over the lower (within 0.8 of
the text's height); the run of lines just under the last rule is the last row when nothing rules it off
below, and a run of lines opening the page just over the first rule is a row whose rule the page break took.
A band without text, or whose text stops well above the next rule, ends the table. The columns are where the
rules' stretches end (printers draw a cell's border cell by cell); when every rule runs the table's full width,
they are the gaps that run down through all its words. A column with no stretch at a row's upper rule is
merged with the row above (a label merged down); a word running across a column's edge merges the columns.
A label merged across whose text stops short of the next column cannot be told from a label beside an empty
cell, and is read as the latter. A table with no rules at all is not guessed at: its lines are paragraphs.

A table the printer broke across pages is read as one table, as a person reads it: where a page
ends inside a table, the cut is closed with a ruling line so the last and first rows are still
found; a table at the top of a page with the same columns as the table that ended the previous
page continues it; a header row the printer repeated there is left out; and a merged label the
page break cut in two (an empty cell opening the new page under a merged cell) stays one merge. A page of another
width (portrait, then landscape) puts the table elsewhere: its outer edges are mapped onto the table's before the
columns are compared (`_reframed`).

Inside a cell, a line that reaches the right margin was wrapped by the printer and is joined to
the next (nothing between Chinese characters, a space between two Latin words or numbers, none inside a figure
broken for being wider than the cell: "12,345,67" over "8.90"); a
line that ends short of the margin ends a paragraph, and the line break is kept (a paragraph whose
last line happens to fill the cell cannot be told from a wrapped line and is joined to the next).
Printers that subset a CJK font (Chromium among them) may name a character in the text layer by
a radical that shares its glyph: 门 comes out as ⻔ (U+2ED4), 户 as ⼾ (U+2F3E). A form never
means a radical, so each is read as the character its glyph draws, and the report says so.

What the printer put on the page besides the form is left out before anything is read, each said in a remark
(`pdf_furniture.py`): a watermark drawn as slanted text (its characters would fall into the cells under it), and the
page furniture on a page's first or last line outside every drawn line: a page number, or a running head (the same
text at the same place on two pages or more, in letters no larger than the body's). A line of the page's text reaches the margin
when it reaches the document's left margin mirrored, so a centred title is not joined to the next line. Gaps
that a printer spread between characters (Word's 分散对齐) are no text (`_line_text`). Borders whose ends differ by
a rounding error (a page turned by /Rotate) are straightened for pdfplumber. Two tables of a page side by side,
their tops level, are read as one table (`_side_by_side`).

A document without any text layer (a scan) cannot be read: it needs OCR (文字识别) first. Nor can one whose text
cannot be named (fonts without a ToUnicode map: "(cid:123)", private-use characters): it is refused whole, unless
such characters are a few among readable text (tick boxes of a symbol font): those are left out and said.
Locations: `第2页 表1 第3行第2列` (the row counted on that page) and `第2页 第5行`.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import takewhile
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.geometry import curve_to_edges
from pdfplumber.utils.text import LIGATURES

from .document import Block, Cell, ImportFailure, Paragraph, SourceDocument, Table, continue_cut_merges
from .layouts import CONTENTS_ENTRY
from .opening import open_or_refuse
from .pdf_furniture import (RADICAL, Box, diagonal, furniture, ideographs, is_unreadable, name_symbols,
                            radical_remarks, unreadable, watermark_remarks)

# pdfminer warns on stderr about font metrics it does not need for reading text.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
LATIN_END = re.compile(r"[A-Za-z0-9]$")
LATIN_START = re.compile(r"^[A-Za-z0-9]")
SAME_X = 3.0  # points: two edges closer than this are one (borders and rounding move an edge by up to ~2 pt)



@dataclass
class Part:
    """One page's piece of a table: its cells as drawn, before they are put on one grid."""

    name: str  # "第2页 表1"
    row_tops: list[float]
    cells: dict[Box, str]  # every drawn cell and its text
    bbox: Box
    page_width: float = 0.0  # the page's: a table continued on a page of another width stands elsewhere on it


@dataclass
class Lines:
    """A paragraph as found on one page; `goes_on` when its last line reaches the margin."""

    paragraph: Paragraph
    goes_on: bool


def read(path: Path) -> SourceDocument:
    with open_or_refuse(path, _open, "PDF 文件", "PDF 阅读器") as pdf:
        name_symbols(pdf.pages)
        unnamed = unreadable(path, pdf.pages)
        upright = [page.filter(lambda obj: not diagonal(obj) and not is_unreadable(obj)) for page in pdf.pages]
        raised = _name_superscripts(upright)
        furnished = furniture(upright)
        margin = min((char["x0"] for page in upright for char in page.chars), default=0.0)
        pages = [_page_blocks(page.filter(lambda obj, boxes=boxes: not any(_inside(obj, box) for box in boxes)), margin)
                 for page, boxes in zip(upright, furnished.boxes)]
        radicals = {char["text"] for page in pdf.pages for char in page.chars if RADICAL.fullmatch(char["text"])}
        watermarks = watermark_remarks(pdf.pages)
    if not any(pages):
        raise ImportFailure(f"{path}：PDF 中没有文字层（可能是扫描件或图片），无法读取表格和文字。"
                            "请先用文字识别（OCR）软件把它转成带文字的 PDF 或 Word 文档，再导入。")
    remarks = [f"第{n}页没有文字层（可能是扫描的图片），未读入；如有内容，请先做文字识别（OCR）。"
               for n, page in enumerate(upright, 1) if not page.chars]
    blocks = _joined(pages, remarks)
    return SourceDocument(path, tuple(blocks), tuple(remarks + unnamed + furnished.remarks + watermarks + raised
                                                     + radical_remarks(radicals)))


def _open(path: Path):
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # parses the page tree: a damaged file fails here, not later
        return pdf
    except PdfminerException as exc:
        if exc.args and isinstance(exc.args[0], PDFPasswordIncorrect):
            raise ImportFailure(f"{path}：PDF 设有打开密码（已加密），无法读取。请用 PDF 阅读器输入密码打开，"
                                "另存（或打印）为不加密的 PDF 后再导入。") from exc
        raise


# --- one page ----------------------------------------------------------------------------------

def _page_blocks(page, margin: float) -> list[Lines | Part]:
    """`margin`: the left margin of the document's text; a line of text on the page is wrapped when it reaches the
    margin mirrored on the right (a centred title does not, whatever its width)."""
    if not page.chars:
        return []
    # Printed ruling lines are exact: the default snapping (3 pt) would average the column lines of
    # different tables on a page, and a table continued on the next page would no longer line up.
    level, upright = _straightened(page)
    page, dotted_level, dotted_upright = _undotted(page)
    cuts = _page_cuts(page)
    if dotted_upright:  # a dotted table crossing the page's edge is cut there too (`_page_cuts`)
        cuts += [min(edge["top"] for edge in dotted_upright), max(edge["bottom"] for edge in dotted_upright)]
    found = page.find_tables({"explicit_horizontal_lines": cuts + level + dotted_level,
                              "explicit_vertical_lines": upright + dotted_upright, "snap_tolerance": 1})
    ruled = [(t.bbox, lambda name, t=t: _part(t, name)) for t in found]
    boxes = [bbox for bbox, _ in ruled]
    rows_only = [(bbox, lambda name, part=part: replace(part, name=name))
                 for part in _rule_parts(page.filter(lambda obj: not any(_inside(obj, b) for b in boxes)))
                 for bbox in [part.bbox]]
    numbered = sorted(ruled + rows_only, key=lambda item: item[0][1])
    tables = [(bbox[1], make(f"第{page.page_number}页 表{n}")) for n, (bbox, make) in enumerate(numbered, 1)]
    boxes = [bbox for bbox, _ in numbered]
    outside = page.filter(lambda obj: not any(_inside(obj, b) for b in boxes))
    page_box: Box = (margin, 0, page.width - margin, 0)
    paragraphs = [(lines[0]["top"], Lines(Paragraph(ideographs(_joined_lines(lines)), f"第{page.page_number}页 第{n}行"),
                                          _runs_on(lines[-1], page_box)))
                  for n, lines in _paragraphs(outside.extract_text_lines(keep_blank_chars=True, strip=False),
                                              page_box, boxes)]
    return [block for _, block in sorted(tables + paragraphs, key=lambda item: item[0])]


def _paragraphs(lines: list[dict], page: Box, tables: list[Box]) -> list[tuple[int, list[dict]]]:
    """Lines grouped into paragraphs, each with the number of its first line on the page: a line that
    reaches the right margin (the page's left margin mirrored) goes on in the next, as in `_reaches_margin`,
    unless the next is set in another size (a cover's title over its date) or a table of the page stands
    between them (a right-aligned "单位：万元" over a table, a note or notice under it)."""
    groups: list[tuple[int, list[dict]]] = []
    for n, line in enumerate(lines, 1):
        last = groups[-1][1][-1] if groups else None
        if last is not None and _runs_on(last, page) and _same_size(last, line) \
                and not any(last["bottom"] <= box[1] + 1 and box[3] - 1 <= line["top"] for box in tables):
            groups[-1][1].append(line)
        else:
            groups.append((n, [line]))
    return groups


def _same_size(line: dict, after: dict) -> bool:
    """Two lines set in one type size (within a tenth): a paragraph goes on in its own size. The size is the one most
    of a line's characters have: a footnote mark ("¹", "（注1）" in smaller type) ending a line or opening the next is
    no change of paragraph (before, the two were compared, and the paragraph was cut in two at the mark)."""
    size, next_size = _body_size(line), _body_size(after)
    return abs(size - next_size) <= 0.1 * max(size, next_size)


def _body_size(line: dict) -> float:
    """The type size of most of the line's characters (spaces left out); of two as common, the larger."""
    sizes = Counter(round(char["size"], 1) for char in line["chars"] if char["text"].strip()) \
        or Counter(round(char["size"], 1) for char in line["chars"])
    return max(sizes, key=lambda size: (sizes[size], size))


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _name_superscripts(pages) -> list[str]:
    """A digit set smaller than its line and raised above the line's baseline (a footnote mark "120¹公里", "m²") is
    the superscript it shows, and is named so: read as a plain digit it joins the number before it ("1201公里", a
    wrong figure). Each page with one is said in a remark."""
    found: dict[int, list[str]] = {}
    for page in pages:
        for line in page.extract_text_lines(keep_blank_chars=True, strip=False):
            size = _body_size(line)
            bottoms = Counter(round(char["bottom"], 1) for char in line["chars"]
                              if abs(char["size"] - size) <= 0.1 * size and char["text"].strip())
            if not bottoms:
                continue
            baseline = bottoms.most_common(1)[0][0]
            marked = None  # the character of the line's own size the digits stand right after
            for char in line["chars"]:
                raised = char["size"] <= 0.9 * size and char["bottom"] < baseline - 0.2 * size
                if not (raised and char["text"].isdigit() and char["text"].isascii()):
                    marked = char if abs(char["size"] - size) <= 0.1 * size else None
                elif marked is not None and char["x0"] - marked["x1"] <= 0.25 * size:
                    # hugging the text it marks: a small number in a cell of its own stands apart
                    char["text"] = char["text"].translate(SUPERSCRIPT)
                    found.setdefault(page.page_number, []).append(char["text"])
                    marked = char
    return [f"第{n}页有字号较小、高出本行的上标数字（{'、'.join(dict.fromkeys(marks))}，多为注释标记或平方米等单位），"
            "已按上标读入，没有并入前面的数字；请对照原表核对。" for n, marks in found.items()]


def _joined_lines(lines: list[dict]) -> str:
    return unwrap("\n".join(_line_text(line) for line in lines)).strip()


# --- spaces between characters -------------------------------------------------------------------

# A character of Chinese text: ideographs, radicals, CJK punctuation and full-width forms (not the ideographic space).
CJK = re.compile(r"[\u2e80-\u2fff\u3001-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uffef]")
WORD_GAP = 3.0  # points: pdfplumber's x_tolerance; a wider gap between two characters is given as a space


def _line_text(line: dict) -> str:
    """A line's text as the form shows it. pdfplumber writes a space wherever two characters stand apart, but a
    text layer has no space there: the printer spread the characters. Word's 分散对齐 (distributed) spreads a short
    cell's characters over its width ("项　目　名　称"), 两端对齐 (justified) widens the gaps of a full line; neither
    gap is text. A gap is read as no space when it is beside a space the text layer has (the space was widened),
    or when the line is letter-spaced (`_letter_spaced`) and the gap is beside a Chinese character or no wider
    than the spacing between them. Any other gap stays a space: between two Latin words or numbers it is one,
    and a wide gap in ordinary text ("张三<Tab>联系电话") parts two things. Spaces in the text layer always stay."""
    pieces = _pieces(line["chars"])
    if len(pieces) < 2:
        return line["text"]
    spaced = _letter_spaced(pieces)
    letter_gap = _letter_gap(pieces) if spaced else 0.0
    kept = [not _alignment(before, after, spaced, letter_gap) for before, after in zip(pieces, pieces[1:])]
    if all(kept):
        return line["text"]
    text = _piece_text(pieces[0])
    for space, piece in zip(kept, pieces[1:]):
        text += (" " if space else "") + _piece_text(piece)
    return text


def _pieces(chars: list[dict]) -> list[list[dict]]:
    """The line's characters in runs that stand together, as pdfplumber parts them into words."""
    pieces: list[list[dict]] = []
    for char in chars:
        if pieces and char["x0"] - pieces[-1][-1]["x1"] <= WORD_GAP:
            pieces[-1].append(char)
        else:
            pieces.append([char])
    return pieces


def _piece_text(piece: list[dict]) -> str:
    return "".join(LIGATURES.get(char["text"], char["text"]) for char in piece)


def _letter_spaced(pieces: list[list[dict]]) -> bool:
    """Every run is one Chinese character or has none (a number, a Latin word, "≥120"), and one at least is a Chinese
    character standing alone: the line's characters were spread ("农　村　公　路", "完 成 养 护 G107 Road")."""
    texts = [_piece_text(piece).strip() for piece in pieces]
    return any(len(text) == 1 and CJK.match(text) for text in texts) and all(
        (len(text) == 1 and CJK.match(text)) or not CJK.search(text) for text in texts)


def _letter_gap(pieces: list[list[dict]]) -> float:
    """The spacing the printer put between the characters: the middle of the gaps beside a Chinese character."""
    gaps = sorted(after[0]["x0"] - before[-1]["x1"] for before, after in zip(pieces, pieces[1:])
                  if CJK.match(before[-1]["text"]) or CJK.match(after[0]["text"]))
    return gaps[len(gaps) // 2]


def _alignment(before: list[dict], after: list[dict], spaced: bool, letter_gap: float) -> bool:
    """The gap between two runs is no text (rule in `_line_text`)."""
    if not before[-1]["text"].strip() or not after[0]["text"].strip():
        return True
    if not spaced:
        return False
    gap = after[0]["x0"] - before[-1]["x1"]
    beside_cjk = CJK.match(before[-1]["text"]) or CJK.match(after[0]["text"])
    return bool(beside_cjk) or gap <= letter_gap + 0.2 * after[0]["size"]


def _straightened(page) -> tuple[list[dict], list[dict]]:
    """The level and upright stretches of drawn paths that pdfplumber leaves out of its table lines. On a page
    turned by /Rotate (and wherever a path's points are computed) the two ends of a border differ by a rounding
    error (1e-14 pt); pdfplumber takes only exactly level or upright ones, so the table would lose its borders."""
    level, upright = [], []
    for edge in (edge for curve in page.curves for edge in curve_to_edges(curve) if edge["orientation"] is None):
        if edge["height"] < 0.01:
            level.append(edge | {"orientation": "h", "bottom": edge["top"], "height": 0.0})
        elif edge["width"] < 0.01:
            upright.append(edge | {"orientation": "v", "x1": edge["x0"], "width": 0.0})
    return level, upright


DOT = 2.5  # points: a dot of a dotted border is no larger than this either way
DOTS_IN_A_RULE = 3  # a dotted rule has at least this many dots, each within DOT_GAP of the next
DOT_GAP = 3.0


def _undotted(page) -> tuple[object, list[dict], list[dict]]:
    """A border drawn dotted is a row of tiny squares (Chromium prints a dotted border so, and some Word exports):
    each square's edges are too short to be a table's lines (the table was not found), or, a little larger, make two
    lines a dot's width apart (rows and columns of nothing). Each run of dots along one height (or one x), close
    together, is one ruling line from its first dot to its last; the page is read without those dots."""
    dots = [obj for obj in page.rects if obj["width"] <= DOT and obj["height"] <= DOT]
    level = _dot_runs(dots, "x0", "x1", "top", "bottom")
    upright = _dot_runs(dots, "top", "bottom", "x0", "x1")
    used = {id(dot) for run in level + upright for dot in run}
    if not used:
        return page, [], []
    return (page.filter(lambda obj: id(obj) not in used), [_dotted_line(run, "h") for run in level],
            [_dotted_line(run, "v") for run in upright])


def _dot_runs(dots: list[dict], start: str, end: str, low: str, high: str) -> list[list[dict]]:
    """Runs of dots at one height (`low`/`high` their top and bottom; for upright runs their sides), each dot within
    DOT_GAP of the next along `start`/`end`."""
    lines: list[list[dict]] = []  # the dots whose middles are at one height, within half a dot
    for dot in sorted(dots, key=lambda d: d[low] + d[high]):
        if lines and (dot[low] + dot[high]) - (lines[-1][0][low] + lines[-1][0][high]) <= DOT:
            lines[-1].append(dot)
        else:
            lines.append([dot])
    runs: list[list[dict]] = []
    for line in lines:
        along: list[list[dict]] = []
        for dot in sorted(line, key=lambda d: d[start]):
            if along and dot[start] - along[-1][-1][end] <= DOT_GAP:  # sorted: an overlap is no gap
                along[-1].append(dot)
            else:
                along.append([dot])
        runs += [run for run in along if len(run) >= DOTS_IN_A_RULE]
    return runs


def _dotted_line(run: list[dict], orientation: str) -> dict:
    """The ruling line a run of dots draws, through their middle."""
    if orientation == "h":
        y = sum(dot["top"] + dot["bottom"] for dot in run) / (2 * len(run))
        x0, x1 = run[0]["x0"], run[-1]["x1"]
        return {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0}
    x = sum(dot["x0"] + dot["x1"] for dot in run) / (2 * len(run))
    top, bottom = run[0]["top"], run[-1]["bottom"]
    return {"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top}


def _page_cuts(page) -> list[float]:
    """Where a table crosses the page's top or bottom edge it has no ruling line: draw one there."""
    vertical = [edge for edge in page.edges if edge["orientation"] == "v"]
    if not vertical:
        return []
    return [min(edge["top"] for edge in vertical), max(edge["bottom"] for edge in vertical)]


def _inside(obj, bbox) -> bool:
    x0, top, x1, bottom = bbox
    middle_x, middle_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


BORDER = 3.0  # points: a band no wider than this between two ruling lines holds no line of text


def _part(found, name: str) -> Part:
    """The table's cells and rows. A thick border (a form's 粗外框, a heavy line under the header) drawn as a filled
    rectangle has two edges, and the sliver between them is no row or column: left out when empty (before, it made
    an empty row or column on each side of the table and under the header)."""
    texts = found.extract(keep_blank_chars=True)  # the space where a line was wrapped stays
    cells = {box: ideographs(_cell_text(found.page, box, texts[r][c])) for r, row in enumerate(found.rows)
             for c, box in enumerate(row.cells) if box is not None}
    cells = {box: text for box, text in cells.items() if text or min(box[2] - box[0], box[3] - box[1]) > BORDER}
    tops = [row.bbox[1] for r, row in enumerate(found.rows) if row.bbox[3] - row.bbox[1] > BORDER or any(texts[r])]
    return Part(name, tops, cells, found.bbox, found.page.width)


def _cell_text(page, box: Box, text: str) -> str:
    """A cell's lines: a line that reaches the cell's right edge was wrapped and goes on in the next;
    a line that ends short of it ends a paragraph (kept as a line break)."""
    if "\n" not in text and " " not in text:
        return text
    lines = page.crop(box).extract_text_lines(keep_blank_chars=True, strip=False)
    if not lines:
        return text
    joined = _line_text(lines[0])
    for line, after in zip(lines, lines[1:]):
        text = _line_text(after)
        joined = unwrap(joined + "\n" + text) if _wrapped(line, box) else joined.rstrip() + "\n" + text
    return joined.rstrip()


def _runs_on(line: dict, text_box: Box) -> bool:
    """A line that goes on in the next (`_reaches_margin`), but never an entry of the 目录: Word sets its page
    number at the right margin ("一、主要职能……3"), and each entry is a line of its own."""
    return _reaches_margin(line, text_box) and not CONTENTS_ENTRY.match(line["text"].strip())


def _reaches_margin(line: dict, text_box: Box) -> bool:
    """A line of the page's text goes on in the next when it ends within two characters (as in `_wrapped`) of the
    right margin: not mirrored from the line's own start, or every centred line (a title) would go on. Characters of
    the line's own size (`_body_size`): a line ending in a footnote mark in small type ("（注") reaches the margin as
    the body's characters do."""
    return line["x1"] > text_box[2] - 2.0 * _body_size(line)


def _wrapped(line: dict, box: Box) -> bool:
    """Ends within two characters of the text's right margin (the left margin mirrored): a line may
    break early by a character when its last character may not end a line or the next may not start
    one (“3分，” stays together). So a paragraph whose last line fills the cell is read as going on."""
    size = line["chars"][-1]["size"]
    return line["x1"] > box[2] - (line["x0"] - box[0]) - 2.0 * size


# --- tables drawn with horizontal rules only ----------------------------------------------------

RULE_THICKNESS = 2.0  # points: a filled rectangle no taller than this is a printed rule
SAME_Y = 1.5  # points: the two edges of one printed rule, or rules of one row boundary


def _rule_parts(page) -> list[Part]:
    """Tables whose rows are ruled off by horizontal rules and which have no vertical ones (see the module
    docstring): `page` is the page without the ruled tables already found."""
    rules = _rules(page)
    if not rules:
        return []
    words = page.extract_words(keep_blank_chars=True, x_tolerance=1.5)
    if not words:
        return []
    size = sorted(word["bottom"] - word["top"] for word in words)[len(words) // 2]
    parts: list[Part] = []
    tables = _rule_tables(rules, words, size)
    opening = _page_top_row(tables[0][0], words, size)
    if opening is not None:
        tables[0] = ([opening] + tables[0][0], tables[0][1])
    for group, last in tables:
        part = _rule_part(page, group, last, words, size)
        if part is not None:
            parts.append(part)
    return parts


def _rules(page) -> list[tuple[float, list[tuple[float, float]]]]:
    """Horizontal rules, top to bottom: each a height and the stretches drawn there (one per cell, as
    printers draw a cell's border)."""
    segments = [((obj["top"] + obj["bottom"]) / 2, obj["x0"], obj["x1"]) for obj in page.rects + page.lines
                if obj["bottom"] - obj["top"] <= RULE_THICKNESS and obj["x1"] - obj["x0"] > RULE_THICKNESS]
    rules: list[tuple[float, list[tuple[float, float]]]] = []
    for y, x0, x1 in sorted(segments):
        if rules and y - rules[-1][0] <= SAME_Y:
            rules[-1][1].append((x0, x1))
        else:
            rules.append((y, [(x0, x1)]))
    return rules


def _span(stretches: list[tuple[float, float]]) -> tuple[float, float]:
    return min(x0 for x0, _ in stretches), max(x1 for _, x1 in stretches)


def _clusters(words: list[dict], gap: float) -> list[tuple[float, float]]:
    """The words' heights grouped into runs of lines closer than `gap` (a cell's lines, a row's cells)."""
    runs: list[list[float]] = []
    for word in sorted(words, key=lambda w: w["top"]):
        if runs and word["top"] - runs[-1][1] <= gap:
            runs[-1][1] = max(runs[-1][1], word["bottom"])
        else:
            runs.append([word["top"], word["bottom"]])
    return [(top, bottom) for top, bottom in runs]


def _rule_tables(rules, words, size):
    """The rules grouped into tables, each with the bottom of the row under its last rule (or None when the
    last rule closes the table). Between two rules of a table is one row: its text starts just under the
    upper rule and ends just over the lower. A band with no text, or whose text ends well above the lower rule,
    ends the table (its first run of lines is the table's last row, when it starts just under the rule)."""
    near = 0.8 * size  # a cell's padding and half the leading are well under a line's height
    tables = []
    group = [rules[0]]
    for rule in rules[1:] + [None]:
        y0 = group[-1][0]
        left, right = _span([s for _, stretches in group for s in stretches])
        y1 = rule[0] if rule else float("inf")
        inside = [w for w in words if y0 < (w["top"] + w["bottom"]) / 2 < y1
                  and left - SAME_X <= w["x0"] and w["x1"] <= right + SAME_X]
        runs = _clusters(inside, 0.7 * size)
        lined_up = rule is not None and _overlaps(_span(rule[1]), (left, right))
        if lined_up and runs and runs[0][0] - y0 <= near and y1 - runs[-1][1] <= near and len(runs) == 1:
            group.append(rule)
            continue
        last = runs[0][1] + (runs[0][0] - y0) if runs and runs[0][0] - y0 <= near else None
        tables.append((group, last))
        if rule:
            group = [rule]
    return tables


def _page_top_row(group, words, size):
    """A row that opens the page right over the table's first rule, with no rule of its own (a printer draws
    none where a page break cut the table): a rule is supposed at the top of its text, as far above it as
    the text ends above the rule."""
    y = group[0][0]
    left, right = _span(group[0][1])
    above = [w for w in words if (w["top"] + w["bottom"]) / 2 < y]
    runs = _clusters(above, 0.7 * size)
    if len(runs) != 1 or y - runs[0][1] > 0.6 * size or not all(
            left - SAME_X <= w["x0"] and w["x1"] <= right + SAME_X for w in above):
        return None
    return (runs[0][0] - (y - runs[0][1]), [(left, right)])


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) > 0.5 * min(a[1] - a[0], b[1] - b[0])


def _rule_part(page, group, last: float | None, words, size) -> Part | None:
    """One table between horizontal rules. Columns: where the rules' stretches end (a printer draws each
    cell's border), or, when every rule runs the table's full width, the gaps that run down through all its
    words. A column without a stretch at a row's upper rule is merged with the row above (a label merged
    down); a word running across a column's edge merges the columns (a label merged across)."""
    tops = [y for y, _ in group]
    bottoms = tops[1:] + ([last] if last is not None else [])
    if not bottoms:
        return None
    bands = list(zip(tops, bottoms))
    left, right = _span([s for _, stretches in group for s in stretches])
    inside = [w for w in words if tops[0] < (w["top"] + w["bottom"]) / 2 < bands[-1][1]
              and left - SAME_X <= w["x0"] and w["x1"] <= right + SAME_X]
    if not inside:
        return None
    edges = _merged_edges([x for _, stretches in group for stretch in stretches for x in stretch])
    if len(edges) < 3:
        edges = _gap_edges(inside, left, right)
    if len(edges) < 3:
        return None  # one column: lines under a rule, not a table
    columns = len(edges) - 1
    parent = {(r, c): (r, c) for r in range(len(bands)) for c in range(columns)}

    def find(unit):
        while parent[unit] != unit:
            unit = parent[unit]
        return unit

    def join(a, b):
        parent[find(a)] = find(b)

    for r in range(1, len(bands)):
        stretches = group[r][1]
        for c in range(columns):
            middle = (edges[c] + edges[c + 1]) / 2
            if not any(x0 <= middle <= x1 for x0, x1 in stretches):
                join((r, c), (r - 1, c))
    for word in inside:
        r = next(r for r, (top, bottom) in enumerate(bands) if (word["top"] + word["bottom"]) / 2 < bottom)
        for c in range(columns - 1):
            if word["x0"] < edges[c + 1] - 1 < edges[c + 1] + 1 < word["x1"]:
                join((r, c), (r, c + 1))
    cells = _rectangles(parent, find, len(bands), columns)
    texts = {}
    for r0, c0, r1, c1 in cells:
        box = (edges[c0], bands[r0][0], edges[c1 + 1], bands[r1][1])
        texts[box] = ideographs(_box_text(page, box))
    if not any(texts.values()):
        return None
    return Part("", tops[:len(bands)], texts, (left, tops[0], right, bands[-1][1]), page.width)


def _merged_edges(xs: list[float]) -> list[float]:
    edges: list[float] = []
    for x in sorted(xs):
        if not edges or x - edges[-1] >= SAME_X:
            edges.append(x)
    return edges


def _gap_edges(words: list[dict], left: float, right: float) -> list[float]:
    """Column edges where no word of the table crosses: the start of the words after each gap, less the
    padding seen at the table's left edge."""
    padding = max(0.0, min(w["x0"] for w in words) - left)
    edges, reach = [left], left
    for word in sorted(words, key=lambda w: w["x0"]):
        if word["x0"] > reach + 2 * padding + 1 and reach > left:
            edges.append(word["x0"] - padding)
        reach = max(reach, word["x1"])
    return edges + [right]


def _rectangles(parent, find, rows: int, columns: int) -> list[tuple[int, int, int, int]]:
    """The joined units as rectangles (first row, first column, last row, last column): a group that is not
    a rectangle takes in the units of its bounding rectangle."""
    while True:
        groups: dict = {}
        for unit in parent:
            groups.setdefault(find(unit), []).append(unit)
        boxes = [(min(r for r, _ in g), min(c for _, c in g), max(r for r, _ in g), max(c for _, c in g))
                 for g in groups.values()]
        grown = False
        for r0, c0, r1, c1 in boxes:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if find((r, c)) != find((r0, c0)):
                        parent[find((r, c))] = find((r0, c0))
                        grown = True
        if not grown:
            return sorted(boxes)


def _box_text(page, box: Box) -> str:
    """The text of the characters whose middle is in the box, its lines joined as in a ruled cell."""
    chars = page.filter(lambda obj: obj.get("object_type") == "char" and _inside(obj, box))
    lines = chars.extract_text_lines(keep_blank_chars=True, strip=False)
    if not lines:
        return ""
    joined = _line_text(lines[0])
    for line, after in zip(lines, lines[1:]):
        text = _line_text(after)
        joined = unwrap(joined + "\n" + text) if _wrapped(line, box) else joined.rstrip() + "\n" + text
    return joined.strip()


# --- a table's parts on one grid ----------------------------------------------------------------

def _table(parts: list[Part], remarks: list[str] | None = None) -> Table:
    """The parts (one per page) on the columns of all of them; merges cut by a page break rejoined, and a row the
    break cut in two (`_cut_row`) one row again."""
    columns = _columns(parts)
    rows: list[tuple[Cell, ...]] = []
    for n, part in enumerate(parts):
        part_rows = [_grid_row(part, columns, r) for r in range(len(part.row_tops))]
        if n and part_rows and _texts(part_rows[0]) == _texts(rows[0]):
            part_rows = part_rows[1:]  # the header row the printer repeats on every page
        if rows and part_rows and _cut_row(rows, part_rows):
            rest, part_rows = part_rows[0], part_rows[1:]
            rows[-1] = tuple(Cell(unwrap(f"{above.text}\n{below.text}") if below.text else above.text, above.location,
                                  above.merged_from, above.number) for above, below in zip(rows[-1], rest))
            if remarks is not None:
                shown = "｜".join(c.text if len(c.text) <= 20 else c.text[:20] + "……" for c in rest if c.text)
                remarks.append(f"{part.name.split(' ')[0]}表格的第一行“{shown}”"
                               "是上一页最后一行被分页切开的下半部分（各格的文字接着上一页），已接回这一行读入，请核对。")
        rows += continue_cut_merges(rows[-1], part_rows) if rows and part_rows else part_rows
    return Table(tuple(rows), parts[0].name)


def _cut_row(rows: list[tuple[Cell, ...]], part_rows: list[tuple[Cell, ...]]) -> bool:
    """The first row of a page is the rest of the row the page before ends with (Word and browsers break a tall row
    across pages; a narrow "产出指标" cell then shows "产出" on one page and "指标" on the next): a column every other
    row of the table fills (指标值) is empty in it, and each cell it has text in goes on a cell of that last row with
    text of its own, saying something else (a new row would repeat its labels, or have them merged from above)."""
    last, first = rows[-1], part_rows[0]
    others = rows[1:-1] + part_rows[1:]  # the body, header left out: too few rows say nothing of a column
    if len(others) < 3 or not any(cell.text for cell in first):
        return False
    filled = [c for c in range(len(first)) if all(c < len(row) and row[c].text for row in others)]
    if not any(not first[c].text and last[c].text for c in filled):
        return False
    return all(above.text and not above.merged_from and above.text != below.text
               for above, below in zip(last, first) if below.text)


def _columns(parts: list[Part]) -> list[float]:
    """Column edges of all parts: a page whose rows never divide a wide cell shows fewer columns."""
    edges: list[float] = []
    for x in sorted(box[0] for part in parts for box in part.cells):
        if not edges or x - edges[-1] >= SAME_X:
            edges.append(x)
    return edges


def _grid_row(part: Part, columns: list[float], r: int) -> tuple[Cell, ...]:
    y = part.row_tops[r] + SAME_X
    return tuple(_grid_cell(part, columns, r, c, _covering(part, x + SAME_X, y)) for c, x in enumerate(columns))


def _grid_cell(part: Part, columns: list[float], r: int, c: int, box: Box | None) -> Cell:
    location = _location(part.name, r, c)
    if box is None:
        return Cell("", location)
    origin = _location(part.name, _index(part.row_tops, box[1]), _index(columns, box[0]))
    return Cell(part.cells[box], location) if origin == location else Cell("", location, origin)


def _covering(part: Part, x: float, y: float) -> Box | None:
    return next((box for box in part.cells if box[0] <= x < box[2] and box[1] <= y < box[3]), None)


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _location(name: str, r: int, c: int) -> str:
    return f"{name} 第{r + 1}行第{c + 1}列"


# A figure wider than its cell is broken inside it ("12,345,67" over "8.90", "≥120" over "0人次"): a line that is one
# figure's characters, its comma, point or sign showing it is a figure, goes on without a space (before, the space
# made "12,345,67 8.90", which is no amount). Two bare numbers ("2025" over "2026") keep the space.
FIGURE_PIECE = re.compile(r"[≥≤＞＜<>]?[\d,.]*\d[\d,.]*")
FIGURE_MARK = re.compile(r"[,.≥≤＞＜<>]")
FIGURE_START = re.compile(r"^[\d,.]")


def unwrap(text: str) -> str:
    """Join the lines a cell was wrapped into (rule in the module docstring)."""
    lines = text.split("\n")
    joined = lines[0]
    for before, line in zip(lines, lines[1:]):
        broken = FIGURE_PIECE.fullmatch(before) and FIGURE_MARK.search(before) and FIGURE_START.match(line)
        space = " " if LATIN_END.search(joined) and LATIN_START.match(line) and not broken else ""
        joined += space + line
    return joined


# --- tables continued over pages ---------------------------------------------------------------

def _joined(pages: list[list[Lines | Part]], remarks: list[str]) -> list[Block]:
    """Blocks in order; a table that ends one page and opens the next with the same width is one
    table, and a paragraph whose last line on a page reaches the margin goes on at the next page."""
    blocks: list[Lines | list[Part]] = []
    for page in pages:
        if again := _printed_again(blocks, page):
            remarks.append(f"{again[0].paragraph.location.split(' ')[0]}开头的"
                           + "".join(f"“{lines.paragraph.text}”" for lines in again)
                           + "与前面的标题、单位行相同，是每页重复打印的（如 Excel 的“打印标题”），下面的表格接着上一页，"
                           "只读入一次。")
            page = page[len(again):]
        if page and blocks and _continues(blocks[-1], page[0]):
            blocks[-1].append(_reframed(page[0], blocks[-1][-1]))
            page = page[1:]
        elif page and blocks and _goes_on(blocks[-1], page[0]):
            blocks[-1] = _lines_joined(blocks[-1], page[0])
            page = page[1:]
        blocks += [[block] if isinstance(block, Part) else block for block in page]
    return [_beside(*block) if isinstance(block, tuple) else _table(block, remarks) if isinstance(block, list)
            else block.paragraph for block in _side_by_side(blocks)]


def _printed_again(blocks: list[Lines | list[Part]], page: list[Lines | Part]) -> list[Lines]:
    """The lines a page opens with when they are lines read before (the form's title, "单位：万元") and the table
    of the page before goes on right under them: Excel and WPS print such rows on every page (打印标题), in the
    title's own large type, so they are no running header; read again, they would cut the table in two."""
    lines = list(takewhile(lambda block: isinstance(block, Lines), page))
    if not lines or len(lines) == len(page) or not blocks or not _continues(blocks[-1], page[len(lines)]):
        return []
    seen = {block.paragraph.text for block in blocks if isinstance(block, Lines)}
    return lines if all(block.paragraph.text in seen for block in lines) else []


def _side_by_side(blocks: list[Lines | list[Part]]) -> list[Lines | list[Part] | tuple[list[Part], list[Part]]]:
    """Two tables of one page side by side, their tops level (the 收入 and the 支出 box of a 收支表): a person reads
    them as one table, the left box's columns then the right's, row by row. Read apart, a row of one box
    ("财政拨款 | 100.00") would be taken for a form's label and value."""
    paired: list = []
    for block in blocks:
        last = paired[-1] if paired else None
        if isinstance(block, list) and isinstance(last, list) and len(block) == len(last) == 1 and \
                _beside_it(last[0], block[0]):
            paired[-1] = (last, block)
        else:
            paired.append(block)
    return paired


def _beside_it(left: Part, right: Part) -> bool:
    same_page = left.name.split(" ")[0] == right.name.split(" ")[0]
    return same_page and abs(left.bbox[1] - right.bbox[1]) < SAME_X and left.bbox[2] <= right.bbox[0]


def _beside(left_parts: list[Part], right_parts: list[Part]) -> Table:
    """The rows of the two tables side by side; the shorter one's missing rows are empty cells."""
    left, right = _table(left_parts), _table(right_parts)
    rows = []
    for r in range(max(len(left.rows), len(right.rows))):
        rows.append(_row_or_blank(left, r) + _row_or_blank(right, r))
    return Table(tuple(rows), f"{left.location}、{right.location.split(' ')[-1]}")


def _row_or_blank(table: Table, r: int) -> tuple[Cell, ...]:
    if r < len(table.rows):
        return table.rows[r]
    return tuple(Cell("", _location(table.location, r, c)) for c in range(len(table.rows[0])))


def _goes_on(last: Lines | list[Part], first: Lines | Part) -> bool:
    return isinstance(last, Lines) and last.goes_on and isinstance(first, Lines)


def _lines_joined(last: Lines, more: Lines) -> Lines:
    text = unwrap(last.paragraph.text + "\n" + more.paragraph.text)
    return Lines(Paragraph(text, last.paragraph.location), more.goes_on)


def _continues(last: Lines | list[Part], first: Lines | Part) -> bool:
    """Same outer edges, and the column edges of one page are among those of the other (a page whose
    rows never divide a wide cell shows fewer columns); a different table rarely lines up like that."""
    if not (isinstance(last, list) and isinstance(first, Part)):
        return False
    first = _reframed(first, last[-1])
    before, after = _columns(last), _columns([first])
    fewer, more = sorted((before, after), key=len)
    return abs(last[-1].bbox[2] - first.bbox[2]) < SAME_X and all(
        any(abs(x - y) < SAME_X for y in more) for x in fewer)


def _reframed(part: Part, frame: Part) -> Part:
    """`part` on the horizontal frame of `frame`, the table's part on the page before, when the two pages differ in
    width (a portrait page's table going on on a landscape page, or back): the table stands elsewhere there, and the
    printer keeps either its columns' proportions (a table as wide as the text) or their widths (a table of fixed
    width, moved by the margins). Mapping the table's outer edges onto those of `frame` lines up its columns in both."""
    if abs(part.page_width - frame.page_width) < SAME_X or part.bbox[2] - part.bbox[0] <= 0:
        return part
    scale = (frame.bbox[2] - frame.bbox[0]) / (part.bbox[2] - part.bbox[0])

    def moved(x: float) -> float:
        return frame.bbox[0] + (x - part.bbox[0]) * scale

    cells = {(moved(x0), top, moved(x1), bottom): text for (x0, top, x1, bottom), text in part.cells.items()}
    x0, top, x1, bottom = part.bbox
    return replace(part, cells=cells, bbox=(moved(x0), top, moved(x1), bottom), page_width=frame.page_width)


def _texts(row: tuple[Cell, ...]) -> list[str]:
    return [cell.text for cell in row]
