"""What a PDF's pages hold besides the form's text as written, found before the page is read.

Glyphs the text layer cannot name ("(cid:123)", private-use code points: refused when they are the text, left out
and said when a few are symbols; tick boxes of symbol fonts named), characters it names as radicals (read as the
characters their glyphs draw), diagonal watermarks, page numbers and running heads. None of these is a cell, a
goal or a paragraph of the form; each is said in the import report's remarks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path

from .document import ImportFailure
from .layouts import PAGE_NUMBER
from .symbols import symbol_text

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

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


# A character the text layer cannot name: pdfminer writes "(cid:123)" for a glyph of a font without a ToUnicode map,
# and a font that maps its glyphs to the private use area (or to U+FFFD) says nothing about what they draw.
PRIVATE_USE = "\ue000-\uf8ff"  # code points a font may give its glyphs without saying what they draw
UNREADABLE = re.compile(rf"\(cid:\d+\)|[{PRIVATE_USE}\ufffd]")
PRIVATE_USE_CHAR = re.compile(f"[{PRIVATE_USE}]")


# A few such characters among readable text are symbols (tick boxes in a font the text layer cannot name): left out
# and said. More than this share of the characters, and the text is garbage (a font without a map gives nearly all
# of a document's characters so): refused whole.
UNREADABLE_SHARE = 0.05


def name_symbols(pages) -> None:
    """A tick box drawn in a symbol font (Wingdings) has a private-use code in the text layer: named as the box it
    draws, as the Word reader names `w:sym` (symbols.py)."""
    for page in pages:
        for char in page.chars:
            if PRIVATE_USE_CHAR.fullmatch(char["text"]):
                char["text"] = symbol_text(char.get("fontname") or "", ord(char["text"])) or char["text"]


def is_unreadable(obj) -> bool:
    return obj.get("object_type") == "char" and UNREADABLE.fullmatch(obj["text"]) is not None


def unreadable(path: Path, pages) -> list[str]:
    """Text whose characters cannot be named is refused whole: read, it would be garbage taken for values. A few
    such characters among readable text are left out, and said where."""
    chars = [(page.page_number, char["text"]) for page in pages for char in page.chars]
    found = [(n, text) for n, text in chars if UNREADABLE.fullmatch(text)]
    if not found:
        return []
    numbers = sorted({n for n, _ in found})
    shown = "、".join(f"第{n}页" for n in numbers[:5]) + ("等" if len(numbers) > 5 else "")
    if len(found) <= UNREADABLE_SHARE * len(chars):
        return [f"{shown}有 {len(found)} 个字符无法提取（字体没有记下它画的是什么，多为勾选框“☑”“□”等符号），没有读入；"
                "请对照原表核对，需要时手工录入。"]
    sample = "".join(text for _, text in found[:3])
    raise ImportFailure(f"{path}：PDF 的文字无法提取（{shown}共 {len(found)} 个字符，读出来是乱码，如“{sample}”）："
                        "PDF 中的字体没有记下字形对应的文字，照读会把乱码当作内容，未读入。请改用原表的 Word、Excel "
                        "文件或网页上的文字版导入；只有这份 PDF 时，请手工录入，或先做文字识别（OCR）并逐格核对。")


def diagonal(obj) -> bool:
    """A character set at a slant (neither level nor upright): a watermark ("仅供参考", a portal's name) drawn as text
    over the page. Its characters fall between a table's cells and lines and would be read into them."""
    if obj.get("object_type") != "char":
        return False
    a, b, c, d = obj["matrix"][:4]
    return min(abs(a), abs(b)) > 0.05 * max(abs(a), abs(b)) and min(abs(c), abs(d)) > 0.05 * max(abs(c), abs(d))


def watermark_remarks(pages) -> list[str]:
    """Each watermark's text, and the pages it is on."""
    found: dict[str, list[int]] = {}
    for page in pages:
        for text in _slanted_texts([char for char in page.chars if diagonal(char)]):
            found.setdefault(text, []).append(page.page_number)
    return [f"{_pages(numbers)}有斜排的水印文字“{text}”，不是原表的内容，未读入。" for text, numbers in found.items()]


def _slanted_texts(chars: list[dict]) -> list[str]:
    """The watermark's characters in the order drawn, a text ending where the next character is not next to it."""
    texts: list[str] = []
    last = None
    for char in chars:
        near = last is not None and abs(char["x0"] - last["x0"]) + abs(char["top"] - last["top"]) < 3 * char["size"]
        if near:
            texts[-1] += char["text"]
        elif char["text"].strip():
            texts.append(char["text"])
        last = char
    return list(dict.fromkeys(text.strip() for text in texts if text.strip()))


def _pages(numbers: list[int]) -> str:
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"第{numbers[0]}–{numbers[-1]}页"
    return "第" + "、".join(str(n) for n in numbers) + "页"


@dataclass
class Furniture:
    """What a printer puts at the head and foot of every page: the boxes of its lines, page by page, and the remarks."""

    boxes: list[list[Box]]
    remarks: list[str]


SAME_PLACE = 2.0  # points: a running header printed at the same place on every page moves by less than this


def furniture(pages) -> Furniture:
    """Page numbers ("第 1 页 共 3 页", "- 1 -") and running heads (the same text at the same height on two pages or more,
    in letters no larger than the body's) on the first or last lines of a page, above or below every drawn line. They
    are no part of the form; left in, they cut a table continued on the next page in two and join the lines around.
    A head may take several lines ("某县财政局" over "2026年部门预算公开"): from the page's edge in, each line as long
    as the lines between it and the edge are furniture, in letters no larger than theirs. A line that says something of
    its own (a title printed on each page in larger letters) is kept, and so is every line further in."""
    ends = [_end_lines(page) for page in pages]
    sizes = sorted(char["size"] for page in pages for char in page.chars if char["text"].strip())
    body = sizes[len(sizes) // 2] if sizes else 0.0
    boxes: list[list[Box]] = [[] for _ in pages]
    numbers: list[str] = []
    running: dict[tuple[str, str], list[int]] = {}
    for n, page_ends in enumerate(ends):
        for where, lines in page_ends:
            largest = body + 0.5
            for line in lines:
                text = ideographs(line["text"].strip())
                size = max(char["size"] for char in line["chars"])
                if PAGE_NUMBER.fullmatch(text):
                    numbers.append(f"第{n + 1}页{where}“{text}”是页码，未作为内容读取。")
                elif size <= largest and _repeated(line, text, ends, n):
                    running.setdefault((where, text), []).append(n + 1)
                else:
                    break
                largest = min(largest, size + 0.5)
                boxes[n].append((line["x0"] - 1, line["top"] - 1, line["x1"] + 1, line["bottom"] + 1))
    heads = [f"{_pages(pages_on)}{where}“{text}”每页重复（打印的{where}），未作为内容读取。"
             for (where, text), pages_on in running.items()]
    return Furniture(boxes, numbers + heads)


def _repeated(line: dict, text: str, ends: list[list[tuple[str, list[dict]]]], n: int) -> bool:
    """The same text at the same height among the first or last lines of another page."""
    return any(m != n and ideographs(other["text"].strip()) == text and abs(other["top"] - line["top"]) < SAME_PLACE
               for m, page_ends in enumerate(ends) for _, lines in page_ends for other in lines)


END_LINES = 3  # the most lines a running head or foot takes ("某县财政局" over "2026年部门预算公开")


def _end_lines(page) -> list[tuple[str, list[dict]]]:
    """The page's first and last lines of text (up to END_LINES at each end, from the edge in), when nothing drawn (a
    table's rule) is above or below them."""
    lines = page.extract_text_lines(keep_blank_chars=True, strip=False)
    drawn = page.rects + page.lines + page.curves
    first_drawn = min((obj["top"] for obj in drawn), default=float("inf"))
    last_drawn = max((obj["bottom"] for obj in drawn), default=float("-inf"))
    heads = list(takewhile(lambda line: line["bottom"] < first_drawn, lines[:END_LINES]))
    rest = lines[max(len(heads), 1):]  # a page's only line is its head's, never its foot's too
    feet = list(takewhile(lambda line: line["top"] > last_drawn, reversed(rest[-END_LINES:])))
    return [(where, found) for where, found in (("页眉", heads), ("页脚", feet)) if found]


def ideographs(text: str) -> str:
    """Radicals read as the characters their glyphs draw (see the module docstring)."""
    return text.translate(RADICALS)


def radical_remarks(radicals: set[str]) -> list[str]:
    if not radicals:
        return []
    shown = sorted(radicals)
    return [f"PDF 的文字层把部分汉字或标点记作字形相同的部首或符号（{'、'.join(shown)}），已按字形读作"
            f"{'、'.join(ideographs(ch) for ch in shown)}。"]
