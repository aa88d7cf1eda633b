"""Word documents (.docx) through python-docx: the tables and paragraphs in order, with the text Word shows.

python-docx's `row.cells` repeats a merged cell at every grid position it covers, which would
read a merged label as many labels. So each row is read from its own cell elements: a cell
spanning columns (`w:gridSpan`, or the older `w:hMerge`) fills that many grid positions, and a cell
that continues a vertical merge (`w:vMerge` without "restart") is one of the positions covered by the cell above.

python-docx's `paragraph.text` and `cell.text` see only the runs that are a paragraph's own children, and its
body only the body's own paragraphs and tables; documents as departments save them hold more, so the text is
walked here:
- Tracked changes (修订) read as accepted: inserted text, rows and cells (`w:ins`, `w:moveTo`, `w:cellIns`) are read,
  deleted ones (`w:del`, `w:moveFrom`, a deleted row, a deleted cell `w:cellDel`, a deleted paragraph mark joining two
  paragraphs) are not; a remark says so.
- Content controls (`w:sdt`, forms made from templates) are read through, around runs, cells, rows, paragraphs
  and tables. A control still showing its prompt ("单击或点击此处输入文字。") was never filled in: the prompt
  is no value, and is listed 未放入. Word's table of contents is such a control: its lines are listed 未放入 as
  the contents (they repeat the headings, which would otherwise be read twice).
- Hyperlinks, fields (`w:fldSimple`, and the result of a complex field) and smart tags read as shown.
- Hidden text (`w:vanish`, directly, by character style or by paragraph style, through the styles it is based on)
  is not read: it may be withheld text, so it is listed 未放入 (at the end of the document, beside nothing it could
  be joined to) for the editor to see. A hidden paragraph mark (`w:vanish` in the mark's own properties) hides
  only the mark: its text shows, run on into the next paragraph, and is read so. A hidden row (`w:trPr/w:hidden`)
  is not read: its text is listed 未放入, the rows shown numbered without it.
- A table in a table's cell (a form pasted into a layout table) is a table of its own; the outer rows holding
  tables are layout, their cells read as paragraphs (as a web page's layout table is read).
- Text boxes (`w:txbxContent`; Word stores a shape twice, DrawingML and VML, and one is read) are read where
  they are anchored: before their paragraph, or after the table holding them. Headers are read before the body
  and footers after it; a page number there (a PAGE field) is no content, and is said in a remark.
- Footnotes and endnotes are shown apart from the form: each is listed 未放入. Comments (批注) are a reviewer's:
  they are not read, and a remark says how many there are.
Locations are `表3 第5行第2列` (grid column, counted as Word draws it), `第12段` (the paragraphs with text,
counted from the start of the body), `表1 第2行第1列 第1段` (a paragraph of a layout cell), `文本框1 第1段`,
`页眉 第1段`, `页脚 第1段`. Tables are counted in the order they start, a table inside another after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from .document import Block, Cell, ImportFailure, Paragraph, SourceDocument, Table, hidden_reason
from .filekinds import OCR
from .opening import open_or_refuse, refuse_encrypted
from .symbols import font_symbols, is_symbol_font, symbol_text

W_P, W_TBL, W_TR, W_TC, W_R = (qn(f"w:{tag}") for tag in ("p", "tbl", "tr", "tc", "r"))
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML, W_TXBX = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:txbxContent")
INSERTED = frozenset({qn("w:ins"), qn("w:moveTo")})
DELETED = frozenset({qn("w:del"), qn("w:moveFrom")})
WITHOUT_TEXT = frozenset({qn("w:pPr"), qn("w:rPr"), qn("w:sdtPr"), qn("w:sdtEndPr")})
ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
FALSE = ("0", "false", "off")
W_SYM = qn("w:sym")
RUN_TEXT = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab | w:sym"  # python-docx's run text, and symbols
PAGE_FIELD = re.compile(r"\b(PAGE|NUMPAGES|SECTIONPAGES)\b")
PAGE_ONLY = re.compile(r"[\s\d第页共,，/／.．\-－—–]*")  # what a header's or footer's page number shows around its fields
HIDDEN_REASON = hidden_reason("Word 中设为隐藏的文字", "Word")
HIDDEN_ROW_REASON = hidden_reason("Word 表格中设为隐藏的行", "Word", "整行没有读入")
PROMPT_REASON = "Word 内容控件没有填写时显示的提示文字，不是填写的内容"
NOTE_REASON = "Word 文档的脚注（尾注），导入没有把它当作原表的内容；是原表的内容（如表下的说明）时，请手工录入"
CONTENTS_REASON = "Word 文档的目录（自动生成，照录各章节标题和页码），不是绩效目标的内容，未录入"
# Word keeps its table of contents in a content control of this gallery: its lines repeat the headings, with page numbers
IN_CONTENTS = "ancestor::w:sdt[w:sdtPr/w:docPartObj/w:docPartGallery/@w:val='Table of Contents']"


def read(path: Path) -> SourceDocument:
    refuse_encrypted(path, "Word")
    document = open_or_refuse(path, docx.Document, "Word 文档", "Word")
    reading = _Reading(*_hidden_styles(document))
    headers, footers = _margins(document)
    body = _blocks(document.element.body, _Scope("", "", count(1)), reading)
    blocks = [*_margin_blocks(headers, reading), *body, *_margin_blocks(footers, reading), *_notes(document, reading),
              *reading.unread]
    # Pictures drawn with DrawingML (pic:pic) or, in older documents, VML (v:imagedata); not text boxes or shapes.
    pictures = len(document.element.body.xpath(".//pic:pic | .//*[local-name()='imagedata']"))
    if pictures and not blocks:
        raise ImportFailure(f"{path}：Word 文档中没有文字，只有 {pictures} 张图片（可能是扫描件或截图）。{OCR}")
    return SourceDocument(path, tuple(blocks), _picture_remarks(pictures) + reading.said() + _comment_remarks(document))


def _picture_remarks(pictures: int) -> tuple[str, ...]:
    """A picture may be part of the form (a table pasted as a screenshot): what is in it is not read, and is said."""
    if not pictures:
        return ()
    return (f"文档中有 {pictures} 张图片，图片中的文字和表格没有读取（导入不做文字识别）；"
            "如果图片是原表的一部分，请改用文字版的原表，或手工录入。",)


# --- what a reading gathers besides its blocks -----------------------------------------------------

@dataclass
class _Reading:
    hidden_styles: frozenset[str]  # character styles that hide their text
    hiding_paragraph_styles: frozenset[str] = frozenset()  # paragraph styles that hide their paragraphs' text
    default_paragraph_style: str | None = None  # the style of a paragraph naming none
    tracked: bool = False  # the document holds tracked changes (修订), read as accepted
    text_boxes: int = 0
    text_box_read: bool = False
    unread: list[Paragraph] = field(default_factory=list)  # hidden text and prompts: listed 未放入
    listed: Counter[str] = field(default_factory=Counter)  # how often a location has had hidden text or a prompt
    remarks: list[str] = field(default_factory=list)
    unknown_symbols: int = 0  # symbols of a symbol font that no character is known for

    def not_shown(self, found: _Found, location: str) -> None:
        """Hidden text and prompts of a paragraph (or a cell), each listed with its reason at a location of its own."""
        for what, texts, reason in (("隐藏文字", found.hidden, HIDDEN_REASON), ("提示文字", found.prompts, PROMPT_REASON)):
            for text in (t for t in texts if t.strip()):
                self.listed[f"{location}（{what}"] += 1
                n = self.listed[f"{location}（{what}"]
                self.unread.append(Paragraph(text, f"{location}（{what}{n if n > 1 else ''}）", reason))

    def said(self) -> tuple[str, ...]:
        changes = []
        if self.tracked:
            changes.append("文档中有没有接受的修订：已按接受全部修订读取，插入的文字读入，删除的文字没有读入。"
                           "请在 Word 的“审阅”中逐条核对修订，确认后接受修订。")
        if self.text_box_read:
            changes.append("文档中有文本框，其中的文字已读入：排在文本框所在的段落之前（在表格中的排在表格之后），"
                           "位置写作“文本框1 第1段”。文本框浮在页面上，请对照原表核对它的位置和读法。")
        if self.unknown_symbols:
            changes.append(f"文档中有 {self.unknown_symbols} 个用符号字体（Wingdings 等）插入的符号认不出是什么字符，没有读入；"
                           "请对照原表核对（如勾选框“☑”“□”），需要时手工录入。")
        return tuple(changes + self.remarks)


@dataclass
class _Scope:
    """Where blocks are read (the body, a header, a text box, a layout cell): names them as a person finds them."""
    paragraph_prefix: str
    table_prefix: str
    tables: Iterator[int]  # shared with the scopes inside: a table in a layout cell is counted among the body's
    page_numbers: bool = False  # a header or footer, where a paragraph of page-number fields is no content
    paragraphs: int = 0

    def table_name(self) -> str:
        return f"{self.table_prefix}表{next(self.tables)}"

    def next_paragraph(self) -> str:
        self.paragraphs += 1
        return f"{self.paragraph_prefix}第{self.paragraphs}段"

    def after_last_paragraph(self) -> str:
        """Where text not shown is, when its paragraph shows nothing: after the last paragraph shown."""
        if self.paragraphs:
            return f"{self.paragraph_prefix}第{self.paragraphs}段之后"
        return f"{self.paragraph_prefix or '正文'}开头"


@dataclass
class _Found:
    """One paragraph's text as Word shows it, and what the paragraph holds that its line does not show."""
    shown: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # pieces of hidden text, consecutive runs together
    prompts: list[str] = field(default_factory=list)
    boxes: list = field(default_factory=list)  # the w:txbxContent anchored here
    page_field: bool = False
    hiding: bool = False  # the last run with text was hidden
    styled_hidden: bool = False  # the paragraph's style hides its runs (a run may still show itself)

    @property
    def text(self) -> str:
        return "".join(self.shown)

    def joined(self, after: _Found) -> _Found:
        """This paragraph with the next one, its paragraph mark deleted."""
        return _Found(self.shown + after.shown, self.hidden + after.hidden, self.prompts + after.prompts,
                      self.boxes + after.boxes, self.page_field or after.page_field)


def _hidden_styles(document: DocxDocument) -> tuple[frozenset[str], frozenset[str], str | None]:
    """The character styles and the paragraph styles that hide text, and the default paragraph style."""
    defaults = "/".join(qn(f"w:{tag}") for tag in ("docDefaults", "rPrDefault", "rPr", "vanish"))
    vanish = document.styles.element.find(defaults)
    hidden_by_default = vanish is not None and vanish.get(qn("w:val"), "true") not in FALSE
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return (_hiding(document, WD_STYLE_TYPE.CHARACTER, False),
            _hiding(document, WD_STYLE_TYPE.PARAGRAPH, hidden_by_default),
            default.style_id if default is not None else None)


def _hiding(document: DocxDocument, kind: WD_STYLE_TYPE, hidden_by_default: bool) -> frozenset[str]:
    return frozenset(style.style_id for style in document.styles
                     if style.type == kind and _style_hides(style, hidden_by_default))


def _style_hides(style, hidden_by_default: bool) -> bool:
    """A style hides text when it, or the nearest style it is based on that says, sets `w:vanish`, else when the
    document's default run properties do. (Word toggles `w:vanish` between a paragraph style and a character style;
    text either hides is taken as hidden, so that it is listed for the editor rather than published unseen.)"""
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:  # a loop of based-on styles ends
        seen.add(style.style_id)
        if style.font.hidden is not None:
            return style.font.hidden
        style = style.base_style
    return hidden_by_default


# --- blocks: paragraphs and tables, through content controls -----------------------------------------

def _unwrapped(parent, wanted: tuple[str, ...], prompt: bool = False) -> Iterator[tuple[object, bool]]:
    """The `wanted` children of `parent`, also those inside content controls and custom XML; with each, whether
    it is a control's prompt."""
    for child in parent:
        if child.tag in wanted:
            yield child, prompt
        elif child.tag == W_SDT and (content := child.find(W_SDT_CONTENT)) is not None:
            yield from _unwrapped(content, wanted, prompt or _showing_prompt(child))
        elif child.tag == W_CUSTOM_XML:
            yield from _unwrapped(child, wanted, prompt)


def _showing_prompt(sdt) -> bool:
    return sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None


def _blocks(container, scope: _Scope, reading: _Reading, prompt: bool = False) -> list[Block]:
    blocks: list[Block] = []
    carried: _Found | None = None  # a paragraph whose mark was deleted: accepted, it runs on into the next
    for element, prompted in _unwrapped(container, (W_P, W_TBL), prompt):
        if element.tag == W_TBL:
            if carried:
                blocks += _paragraph_blocks(carried, scope, reading)
                carried = None
            blocks += _table_blocks(element, scope, reading)
            continue
        found = _paragraph(element, reading, prompted)
        found = carried.joined(found) if carried else found
        carried = found if _runs_on(element, reading) else None
        if not carried:
            blocks += _paragraph_blocks(found, scope, reading, CONTENTS_REASON if element.xpath(IN_CONTENTS) else None)
    return blocks + (_paragraph_blocks(carried, scope, reading) if carried else [])


def _paragraph_blocks(found: _Found, scope: _Scope, reading: _Reading, unread: str | None = None) -> list[Block]:
    """The paragraph, after the text boxes anchored in it; `unread`: why the paragraph is known to be no part of
    the form (it is listed 未放入 with that reason)."""
    blocks = [block for box in found.boxes for block in _text_box(box, scope, reading)]
    text = found.text
    location = scope.next_paragraph() if text.strip() else scope.after_last_paragraph()
    if text.strip() and scope.page_numbers and found.page_field and PAGE_ONLY.fullmatch(text):
        reading.remarks.append(f"{location}是页码“{text.strip()}”，不是原表的内容，没有读入。")
    elif text.strip():
        blocks.append(Paragraph(text, location, unread))
    reading.not_shown(found, location)
    return blocks


def _mark_deleted(p, reading: _Reading) -> bool:
    deleted = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None
    reading.tracked |= deleted
    return deleted


def _text_box(box, around: _Scope, reading: _Reading) -> list[Block]:
    """A text box's paragraphs and tables; in a header or footer, a page number in it (as WPS draws one) is one."""
    reading.text_boxes += 1
    name = f"{around.table_prefix}文本框{reading.text_boxes} "
    blocks = _blocks(box, _Scope(name, name, count(1), around.page_numbers), reading)
    reading.text_box_read |= bool(blocks)
    return blocks


# --- a paragraph's text ------------------------------------------------------------------------------

def _paragraph(p, reading: _Reading, prompt: bool) -> _Found:
    found = _Found(styled_hidden=_paragraph_style(p, reading) in reading.hiding_paragraph_styles)
    _inline(p, found, reading)
    if prompt:  # a control's prompt is no text of the form
        found = _Found(prompts=[found.text], boxes=found.boxes)
    return found


def _paragraph_style(p, reading: _Reading) -> str | None:
    named = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return named.get(qn("w:val")) if named is not None else reading.default_paragraph_style


def _runs_on(p, reading: _Reading) -> bool:
    """Whether the paragraph runs on into the next as Word shows it: its mark deleted (a tracked change), or hidden
    (the mark's own `w:vanish` hides the mark, not the paragraph's text, which shows joined to the next)."""
    return _mark_deleted(p, reading) or _hides(p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:vanish')}"))


def _hides(vanish) -> bool:
    return vanish is not None and vanish.get(qn("w:val"), "true") not in FALSE


def _inline(element, found: _Found, reading: _Reading) -> None:
    for child in element:
        if child.tag == W_R:
            _run(child, found, reading)
        elif child.tag in DELETED:
            reading.tracked = True
        elif child.tag in INSERTED:
            reading.tracked = True
            _inline(child, found, reading)
        elif child.tag == W_SDT:
            _inline_control(child, found, reading)
        elif child.tag == ALTERNATE:
            _inline(_chosen(child), found, reading)
        elif child.tag not in WITHOUT_TEXT and isinstance(child.tag, str):
            found.page_field |= bool(PAGE_FIELD.search(child.get(qn("w:instr"), "")))  # a simple field
            _inline(child, found, reading)  # a hyperlink, simple field, smart tag or custom XML: its runs are text


def _inline_control(sdt, found: _Found, reading: _Reading) -> None:
    content = sdt.find(W_SDT_CONTENT)
    if content is None:
        return
    if _showing_prompt(sdt):
        found.prompts.append("".join(t.text or "" for t in content.iter(qn("w:t"))))
    else:
        _inline(content, found, reading)


def _run(r, found: _Found, reading: _Reading) -> None:
    found.boxes += _text_boxes(r)
    found.page_field |= any(PAGE_FIELD.search(instruction.text or "") for instruction in r.iter(qn("w:instrText")))
    # w:t, tabs and line breaks as python-docx reads them, and symbols; not w:delText, not field codes
    font = _run_font(r)
    text = "".join(_symbol(e, reading) if e.tag == W_SYM else _in_font(str(e), font, reading)
                   for e in r.xpath(RUN_TEXT))
    if not text:
        return
    if _hidden(r, reading.hidden_styles, found.styled_hidden):
        if found.hiding:
            found.hidden[-1] += text
        else:
            found.hidden.append(text)
        found.hiding = True
    else:
        found.shown.append(text)
        found.hiding = False


def _run_font(r) -> str | None:
    """The symbol font a run's text is set in, if any: a tick box typed by switching to Wingdings 2 and pressing "R"
    is stored as "R" in that font (w:ascii for letters, w:hAnsi for "£" and the private-use codes)."""
    fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        return None
    return next((name for name in (fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi"))) if is_symbol_font(name)), None)


def _in_font(text: str, font: str | None, reading: _Reading) -> str:
    shown, unknown = font_symbols(font, text)
    reading.unknown_symbols += unknown
    return shown


def _symbol(sym, reading: _Reading) -> str:
    """The character a symbol shows; one not known is not read, and is said (a tick box must never vanish unsaid)."""
    shown = symbol_text(sym.get(qn("w:font")) or "", int(sym.get(qn("w:char")) or "0", 16))
    if shown is None:
        reading.unknown_symbols += 1
    return shown or ""


def _hidden(r, hidden_styles: frozenset[str], styled_hidden: bool) -> bool:
    """The run's own `w:vanish` decides; else its character style, or its paragraph's style, hiding it."""
    vanish = r.find(f"{qn('w:rPr')}/{qn('w:vanish')}")
    if vanish is not None:
        return _hides(vanish)
    return r.style in hidden_styles or styled_hidden


def _chosen(alternate):
    """Word stores a shape twice (DrawingML for itself, VML for older programs): the first holding text is read."""
    branches = [child for child in alternate if isinstance(child.tag, str)]
    return next((b for b in branches if b.find(f".//{W_TXBX}") is not None), branches[0] if branches else alternate)


def _text_boxes(element) -> list:
    """The text boxes in a run (those inside a text box are read with it)."""
    boxes = []
    for child in element:
        if child.tag == W_TXBX:
            boxes.append(child)
        elif isinstance(child.tag, str):
            boxes += _text_boxes(_chosen(child) if child.tag == ALTERNATE else child)
    return boxes


# --- tables ------------------------------------------------------------------------------------------

def _table_blocks(tbl, scope: _Scope, reading: _Reading) -> list[Block]:
    """The table, or, when rows of it hold tables (a layout table), its other rows in pieces, and those rows'
    cells as paragraphs and tables, in order."""
    name = scope.table_name()
    rows = _shown_rows(tbl, name, reading)
    holding = [r for r, (tr, prompt) in enumerate(rows) if any(_holds_table(tc) for tc, _ in _cells(tr, False, reading))]
    blocks: list[Block] = []
    boxes: list = []
    piece: list[list[Cell]] = []
    inner: list[str] = []
    for r, (tr, prompt) in enumerate(rows):
        if r in holding:
            blocks += _piece(piece, name, r - len(piece), bool(holding))
            layout = _layout_row(tr, r, name, scope, reading, prompt)
            inner += [block.location for block in layout if isinstance(block, Table)]
            blocks += layout
            piece = []
        else:
            piece.append(_row(tr, r, piece[-1] if piece else [], name, reading, prompt, boxes))
    blocks += _piece(piece, name, len(rows) - len(piece), bool(holding))
    if holding:
        rows_said = "、".join(str(r + 1) for r in holding)
        reading.remarks.append(f"{name} 第{rows_said}行的格子里套着表格（{'、'.join(inner)}）：套着的表格各读作一张表，"
                               "这些行格子里的其他文字按段落读入。")
    return blocks + [block for box in boxes for block in _text_box(box, scope, reading)]


def _shown_rows(tbl, name: str, reading: _Reading) -> list[tuple[object, bool]]:
    """The rows Word shows, with whether each is a control's prompt: not those deleted as a tracked change (gone
    once accepted), nor hidden ones, which are listed (a hidden row may hold a project that is not to be published)."""
    rows: list[tuple[object, bool]] = []
    for tr, prompt in _unwrapped(tbl, (W_TR,)):
        if _row_deleted(tr, reading):
            continue
        if _hides(tr.find(f"{qn('w:trPr')}/{qn('w:hidden')}")):
            _list_hidden_row(tr, name, len(rows), reading)
        else:
            rows.append((tr, prompt))
    return rows


def _list_hidden_row(tr, name: str, shown: int, reading: _Reading) -> None:
    """The hidden row's cells, all their text (hidden or not), listed 未放入 after the last row shown before it."""
    text = " | ".join(words for tc, _ in _cells(tr, False, reading) if (words := _all_words(tc).strip()))
    if not text:
        return
    where = f"{name} 第{shown}行之后（隐藏行" if shown else f"{name} 开头（隐藏行"
    reading.listed[where] += 1
    n = reading.listed[where]
    reading.unread.append(Paragraph(text, f"{where}{n if n > 1 else ''}）", HIDDEN_ROW_REASON))


def _all_words(element) -> str:
    """All the text in an element as tracked changes accepted leave it, hidden or not, in tables and text boxes too
    (each shape once); paragraphs a line each. For listing what is not read: nothing in it may go unseen."""
    if element.tag in DELETED or element.tag in WITHOUT_TEXT:  # deleted text; properties (their tab stops are w:tab)
        return ""
    if element.tag == ALTERNATE:
        return _all_words(_chosen(element))
    own = {qn("w:t"): element.text or "", qn("w:tab"): "\t", qn("w:br"): "\n"}.get(element.tag, "")
    inner = "".join(_all_words(child) for child in element if isinstance(child.tag, str))
    return own + inner + ("\n" if element.tag == W_P else "")


def _cells(tr, prompt: bool, reading: _Reading) -> Iterator[tuple[object, bool]]:
    """The row's cells, with whether each is a control's prompt; a cell deleted as a tracked change (`w:cellDel`)
    is gone once accepted, the cells after it moving left as Word moves them; an inserted one (`w:cellIns`) stays."""
    for tc, prompted in _unwrapped(tr, (W_TC,), prompt):
        inserted = tc.find(f"{qn('w:tcPr')}/{qn('w:cellIns')}") is not None
        deleted = tc.find(f"{qn('w:tcPr')}/{qn('w:cellDel')}") is not None
        reading.tracked |= inserted or deleted
        if not deleted:
            yield tc, prompted


def _row_deleted(tr, reading: _Reading) -> bool:
    """A row deleted with changes tracked is gone once they are accepted; an inserted one stays."""
    changed = tr.find(f"{qn('w:trPr')}/{qn('w:ins')}") is not None
    deleted = tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None
    reading.tracked |= changed or deleted
    return deleted


def _holds_table(tc) -> bool:
    return any(element.tag == W_TBL for element, _ in _unwrapped(tc, (W_P, W_TBL)))


def _piece(rows: list[list[Cell]], name: str, first: int, cut: bool) -> list[Table]:
    """Rows `first`… of the table, as one Table; named by its rows when rows holding tables cut the table."""
    if not rows:
        return []
    last = first + len(rows)
    location = name if not cut else f"{name} 第{first + 1}行" if len(rows) == 1 else f"{name} 第{first + 1}–{last}行"
    width = max(len(row) for row in rows)
    return [Table(tuple(tuple(row + [_cell("", name, r, c) for c in range(len(row), width)])
                        for r, row in enumerate(rows, first)), location)]


def _layout_row(tr, r: int, name: str, scope: _Scope, reading: _Reading, prompt: bool) -> list[Block]:
    blocks: list[Block] = []
    c = tr.grid_before
    for tc, prompted in _cells(tr, prompt, reading):
        cell = _Scope(f"{_location(name, r, c)} ", scope.table_prefix, scope.tables, scope.page_numbers)
        blocks += _blocks(tc, cell, reading, prompted)
        c += tc.grid_span
    return blocks


def _row(tr, r: int, above: list[Cell], name: str, reading: _Reading, prompt: bool, boxes: list) -> list[Cell]:
    row = [_cell("", name, r, c) for c in range(tr.grid_before)]
    for tc, prompted in _cells(tr, prompt, reading):
        c = len(row)
        origin = _vertical_origin(tc, above, c) or _horizontal_origin(tc, row)
        location = _location(name, r, c)
        first = Cell("", location, origin) if origin else Cell(_cell_text(tc, location, reading, prompted, boxes), location)
        row.append(first)
        row += [Cell("", _location(name, r, c + i), first.merged_from or first.location) for i in range(1, tc.grid_span)]
    return row


def _cell_text(tc, location: str, reading: _Reading, prompt: bool, boxes: list) -> str:
    """The cell's paragraphs, a line each (a paragraph whose mark was deleted runs on into the next). Blank paragraphs
    at the cell's start and end, and spaces (full-width too) around a one-line text, only place the text in the cell
    (a typist presses Enter or the space bar to centre a label): not read. A cell holding nothing else is an empty
    cell. The lines of a text of several keep their indents, each as typed."""
    lines: list[str] = []
    runs_on = False
    cell = _Found()
    for p, prompted in _unwrapped(tc, (W_P,), prompt):
        found = _paragraph(p, reading, prompted)
        cell = cell.joined(found)
        if runs_on:
            lines[-1] += found.text
        else:
            lines.append(found.text)
        runs_on = _runs_on(p, reading)
    boxes += cell.boxes
    reading.not_shown(cell, location)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines[0].strip() if len(lines) == 1 else "\n".join(lines)


def _vertical_origin(tc, above: list[Cell], column: int) -> str | None:
    """The top-left location of the merge this cell continues, or None for a cell of its own."""
    if tc.vMerge != "continue" or column >= len(above):
        return None
    return above[column].merged_from or above[column].location


def _horizontal_origin(tc, row: list[Cell]) -> str | None:
    """A cell continuing the cell to its left by the older `w:hMerge` (still written by some programs)."""
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:hMerge')}")
    if merge is None or merge.get(qn("w:val")) == "restart" or not row:
        return None
    return row[-1].merged_from or row[-1].location


def _cell(text: str, name: str, r: int, c: int) -> Cell:
    return Cell(text, _location(name, r, c))


def _location(name: str, r: int, c: int) -> str:
    return f"{name} 第{r + 1}行第{c + 1}列"


# --- headers and footers -----------------------------------------------------------------------------

def _margins(document: DocxDocument) -> tuple[list[tuple[str, object]], list[tuple[str, object]]]:
    """The headers and the footers Word shows, each once, with their names ("页眉", "首页页眉", "第2节页脚"): a section
    linked to the one before shows that one's, and one with the very text of another (WPS writes the even pages'
    footer as a copy of the odd pages') says nothing new."""
    several = len(document.sections) > 1
    even = document.settings.odd_and_even_pages_header_footer
    headers: list[tuple[str, object]] = []
    footers: list[tuple[str, object]] = []
    seen: set[tuple[str, str]] = set()
    for n, section in enumerate(document.sections, 1):
        kinds = [("首页", section.first_page_header, section.first_page_footer)] \
            if section.different_first_page_header_footer else []
        kinds.append(("", section.header, section.footer))
        if even:
            kinds.append(("偶数页", section.even_page_header, section.even_page_footer))
        for which, header, footer in kinds:
            for margin, found, word in ((header, headers, "页眉"), (footer, footers, "页脚")):
                if not margin.is_linked_to_previous and (word, _words(margin.part.element)) not in seen:
                    seen.add((word, _words(margin.part.element)))
                    found.append((f"{f'第{n}节' if several else ''}{which}{word}", margin.part.element))
    return headers, footers


def _words(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _margin_blocks(margins: list[tuple[str, object]], reading: _Reading) -> list[Block]:
    return [block for name, element in margins
            for block in _blocks(element, _Scope(f"{name} ", f"{name} ", count(1), page_numbers=True), reading)]


# --- notes and comments ------------------------------------------------------------------------------

NOTES = {RT.FOOTNOTES: ("脚注", "w:footnote"), RT.ENDNOTES: ("尾注", "w:endnote")}
NOTE_FURNITURE = ("separator", "continuationSeparator", "continuationNotice")  # the rule above the notes, not a note


def _notes(document: DocxDocument, reading: _Reading) -> list[Paragraph]:
    """Each footnote and endnote with text, listed 未放入: it is shown at the page's foot, apart from the form."""
    listed: list[Paragraph] = []
    for relationship in document.part.rels.values():
        if relationship.reltype not in NOTES or relationship.is_external:
            continue
        word, tag = NOTES[relationship.reltype]
        notes = [note for note in parse_xml(relationship.target_part.blob).iter(qn(tag))
                 if note.get(qn("w:type")) not in NOTE_FURNITURE]
        for n, note in enumerate(notes, 1):
            text = "\n".join(_paragraph(p, reading, False).text for p, _ in _unwrapped(note, (W_P,))).strip()
            if text:
                listed.append(Paragraph(text, f"{word}{n}", NOTE_REASON))
    return listed


def _comment_remarks(document: DocxDocument) -> tuple[str, ...]:
    """Comments (批注) are a reviewer's, not the form's: not read, and said, for they may mark what is to be checked."""
    comments = sum(len(parse_xml(relationship.target_part.blob).findall(qn("w:comment")))
                   for relationship in document.part.rels.values()
                   if relationship.reltype == RT.COMMENTS and not relationship.is_external)
    if not comments:
        return ()
    return (f"文档中有 {comments} 条批注；批注不是原表的内容，没有读入。请在 Word 中查看批注，核对其中提到的地方。",)
