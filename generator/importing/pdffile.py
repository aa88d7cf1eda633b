"""PDF files with a text layer, through pdfplumber: ruled tables and the lines of text around them.

Tables are found from their ruling lines (`find_tables`). pdfplumber leaves the grid positions
covered by a merged cell empty (None); each such position names the cell drawn over it. Text
outside the tables is read as paragraphs, in reading order with the tables: lines join into a
paragraph as lines do in a cell (below).

A table the printer broke across pages is read as one table, as a person reads it: where a page
ends inside a table, the cut is closed with a ruling line so the last and first rows are still
found; a table at the top of a page with the same columns as the table that ended the previous
page continues it; a header row the printer repeated there is left out; and a merged label the
page break cut in two (an empty cell opening the new page under a merged cell) stays one merge.

Inside a cell, a line that reaches the right margin was wrapped by the printer and is joined to
the next (nothing between Chinese characters, a space between two Latin words or numbers); a
line that ends short of the margin ends a paragraph, and the line break is kept (a paragraph whose
last line happens to fill the cell cannot be told from a wrapped line and is joined to the next).
Printers that subset a CJK font (Chromium among them) may name a character in the text layer by
a radical that shares its glyph: 门 comes out as ⻔ (U+2ED4), 户 as ⼾ (U+2F3E). A form never
means a radical, so each is read as the character its glyph draws, and the report says so.

A document without any text layer (a scan) cannot be read: it needs OCR (文字识别) first.
Locations: `第2页 表1 第3行第2列` (the row counted on that page) and `第2页 第5行`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from .document import Block, Cell, ImportFailure, Paragraph, SourceDocument, Table, continue_cut_merges
from .opening import open_or_refuse

# pdfminer warns on stderr about font metrics it does not need for reading text.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
LATIN_END = re.compile(r"[A-Za-z0-9]$")
LATIN_START = re.compile(r"^[A-Za-z0-9]")
# Radical → the character drawn by the same glyph in Noto Sans CJK SC, the face Chromium prints Simplified
# Chinese with (taken from the font's cmap; where several characters share the glyph, the one in GB 2312).
# Unicode's compatibility mapping would be wrong here: it reads ⼾ as the traditional 戶, the glyph draws 户.
# The dash (破折号) drawn by that face is named U+2015 (―); GB 18030 and the content write it U+2014 (—).
RADICALS = str.maketrans(
    "―⺂⺃⺅⺉⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺞⺟⺠⺡⺣⺤⺦⺨⺭⺯⺰⺱⺹⺺⺾⻂⻅⻆⻈⻉⻋⻌⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱⻲⻳⼀⼁⼂"
    "⼃⼄⼅⼆⼇⼈⼉⼊⼋⼌⼍⼎⼏⼐⼑⼒⼓⼔⼕⼖⼗⼘⼙⼚⼛⼜⼝⼞⼟⼠⼡⼢⼣⼤⼥⼦⼧⼨⼩⼪⼫⼬⼭⼮⼯⼰⼱⼲⼳⼴⼵⼶⼷⼸⼺⼻⼼⼽⼾⼿⽀⽁⽂⽃⽄⽅⽆⽇⽈⽉"
    "⽊⽋⽌⽍⽎⽏⽐⽑⽒⽓⽔⽕⽖⽗⽘⽙⽚⽛⽜⽝⽞⽟⽠⽡⽢⽣⽤⽥⽦⽧⽨⽩⽪⽫⽬⽭⽮⽯⽰⽱⽲⽳⽴⽵⽶⽷⽸⽹⽺⽻⽼⽽⽿⾀⾁⾂⾃⾄⾅⾆⾇⾈⾉⾊⾋⾌⾍⾎⾏⾐"
    "⾑⾒⾔⾕⾖⾗⾘⾙⾚⾛⾜⾝⾞⾟⾠⾡⾢⾣⾤⾥⾦⾧⾨⾩⾪⾫⾬⾭⾮⾯⾰⾱⾲⾳⾴⾵⾶⾷⾸⾹⾺⾼⾽⾾⾿⿀⿁⿂⿃⿄⿅⿆⿇⿈⿉⿊⿋⿌⿍⿎⿏⿑⿒⿓⿕",
    "—乛乚亻刂尣尢巳幺彑彐忄扌攵旡歺母民氵灬爫丬犭礻糹纟罓耂肀艹衤见角讠贝车辶钅長镸长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜亀龟一丨丶"
    "丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彡彳心戈户手支攴文斗斤方无日曰月"
    "木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣"
    "襾見言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠齊齒龍龠")
RADICAL = re.compile("[\u2015\u2e80-\u2eff\u2f00-\u2fdf]")
SAME_X = 3.0  # points: two edges closer than this are one (borders and rounding move an edge by up to ~2 pt)


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Part:
    """One page's piece of a table: its cells as drawn, before they are put on one grid."""

    name: str  # "第2页 表1"
    row_tops: list[float]
    cells: dict[Box, str]  # every drawn cell and its text
    bbox: Box


@dataclass
class Lines:
    """A paragraph as found on one page; `goes_on` when its last line reaches the margin."""

    paragraph: Paragraph
    goes_on: bool


def read(path: Path) -> SourceDocument:
    with open_or_refuse(path, _open, "PDF 文件", "PDF 阅读器") as pdf:
        pages = [_page_blocks(page) for page in pdf.pages]
        radicals = {char["text"] for page in pdf.pages for char in page.chars if RADICAL.fullmatch(char["text"])}
    if not any(pages):
        raise ImportFailure(f"{path}：PDF 中没有文字层（可能是扫描件或图片），无法读取表格和文字。"
                            "请先用文字识别（OCR）软件把它转成带文字的 PDF 或 Word 文档，再导入。")
    remarks = [f"第{n}页没有文字层（可能是扫描的图片），未读入；如有内容，请先做文字识别（OCR）。"
               for n, blocks in enumerate(pages, 1) if not blocks]
    return SourceDocument(path, tuple(_joined(pages)), tuple(remarks + _radical_remarks(radicals)))


def ideographs(text: str) -> str:
    """Radicals read as the characters their glyphs draw (see the module docstring)."""
    return text.translate(RADICALS)


def _radical_remarks(radicals: set[str]) -> list[str]:
    if not radicals:
        return []
    shown = sorted(radicals)
    return [f"PDF 的文字层把部分汉字或标点记作字形相同的部首或符号（{'、'.join(shown)}），已按字形读作"
            f"{'、'.join(ideographs(ch) for ch in shown)}。"]


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

def _page_blocks(page) -> list[Lines | Part]:
    if not page.chars:
        return []
    # Printed ruling lines are exact: the default snapping (3 pt) would average the column lines of
    # different tables on a page, and a table continued on the next page would no longer line up.
    found = page.find_tables({"explicit_horizontal_lines": _page_cuts(page), "snap_tolerance": 1})
    tables = [(t.bbox[1], _part(t, f"第{page.page_number}页 表{n}")) for n, t in enumerate(found, 1)]
    outside = page.filter(lambda obj: not any(_inside(obj, t.bbox) for t in found))
    page_box: Box = (0, 0, page.width, 0)
    paragraphs = [(lines[0]["top"], Lines(Paragraph(ideographs(_joined_lines(lines)), f"第{page.page_number}页 第{n}行"),
                                          _wrapped(lines[-1], page_box)))
                  for n, lines in _paragraphs(outside.extract_text_lines(keep_blank_chars=True, strip=False),
                                              page_box)]
    return [block for _, block in sorted(tables + paragraphs, key=lambda item: item[0])]


def _paragraphs(lines: list[dict], page: Box) -> list[tuple[int, list[dict]]]:
    """Lines grouped into paragraphs, each with the number of its first line on the page: a line that
    reaches the right margin (the page's left margin mirrored) goes on in the next, as in `_wrapped`."""
    groups: list[tuple[int, list[dict]]] = []
    for n, line in enumerate(lines, 1):
        if groups and _wrapped(groups[-1][1][-1], page):
            groups[-1][1].append(line)
        else:
            groups.append((n, [line]))
    return groups


def _joined_lines(lines: list[dict]) -> str:
    return unwrap("\n".join(line["text"] for line in lines)).strip()


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


def _part(found, name: str) -> Part:
    texts = found.extract(keep_blank_chars=True)  # the space where a line was wrapped stays
    cells = {box: ideographs(_cell_text(found.page, box, texts[r][c])) for r, row in enumerate(found.rows)
             for c, box in enumerate(row.cells) if box is not None}
    return Part(name, [row.bbox[1] for row in found.rows], cells, found.bbox)


def _cell_text(page, box: Box, text: str) -> str:
    """A cell's lines: a line that reaches the cell's right edge was wrapped and goes on in the next;
    a line that ends short of it ends a paragraph (kept as a line break)."""
    if "\n" not in text:
        return text
    lines = page.crop(box).extract_text_lines(keep_blank_chars=True, strip=False)
    if not lines:
        return text
    joined = lines[0]["text"]
    for line, after in zip(lines, lines[1:]):
        joined = unwrap(joined + "\n" + after["text"]) if _wrapped(line, box) else joined.rstrip() + "\n" + after["text"]
    return joined.rstrip()


def _wrapped(line: dict, box: Box) -> bool:
    """Ends within two characters of the text's right margin (the left margin mirrored): a line may
    break early by a character when its last character may not end a line or the next may not start
    one (“3分，” stays together). So a paragraph whose last line fills the cell is read as going on."""
    size = line["chars"][-1]["size"]
    return line["x1"] > box[2] - (line["x0"] - box[0]) - 2.0 * size


# --- a table's parts on one grid ----------------------------------------------------------------

def _table(parts: list[Part]) -> Table:
    """The parts (one per page) on the columns of all of them; merges cut by a page break rejoined."""
    columns = _columns(parts)
    rows: list[tuple[Cell, ...]] = []
    for n, part in enumerate(parts):
        part_rows = [_grid_row(part, columns, r) for r in range(len(part.row_tops))]
        if n and part_rows and _texts(part_rows[0]) == _texts(rows[0]):
            part_rows = part_rows[1:]  # the header row the printer repeats on every page
        rows += continue_cut_merges(rows[-1], part_rows) if rows and part_rows else part_rows
    return Table(tuple(rows), parts[0].name)


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


def unwrap(text: str) -> str:
    """Join the lines a cell was wrapped into (rule in the module docstring)."""
    lines = text.split("\n")
    joined = lines[0]
    for line in lines[1:]:
        space = " " if LATIN_END.search(joined) and LATIN_START.match(line) else ""
        joined += space + line
    return joined


# --- tables continued over pages ---------------------------------------------------------------

def _joined(pages: list[list[Lines | Part]]) -> list[Block]:
    """Blocks in order; a table that ends one page and opens the next with the same width is one
    table, and a paragraph whose last line on a page reaches the margin goes on at the next page."""
    blocks: list[Lines | list[Part]] = []
    for page in pages:
        if page and blocks and _continues(blocks[-1], page[0]):
            blocks[-1].append(page[0])
            page = page[1:]
        elif page and blocks and _goes_on(blocks[-1], page[0]):
            blocks[-1] = _lines_joined(blocks[-1], page[0])
            page = page[1:]
        blocks += [[block] if isinstance(block, Part) else block for block in page]
    return [_table(block) if isinstance(block, list) else block.paragraph for block in blocks]


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
    before, after = _columns(last), _columns([first])
    fewer, more = sorted((before, after), key=len)
    return abs(last[-1].bbox[2] - first.bbox[2]) < SAME_X and all(
        any(abs(x - y) < SAME_X for y in more) for x in fewer)


def _texts(row: tuple[Cell, ...]) -> list[str]:
    return [cell.text for cell in row]
