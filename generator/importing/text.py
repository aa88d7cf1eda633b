"""Reader for text copied from a web page (.txt) and for saved web pages (.html/.htm).

Copied text has two table layouts, both in `content/sources/*.txt`: one row per line with
tab-separated cells, and one cell per line (each line starts with a tab, a blank line ends
the row). Lines without a tab are paragraphs. Word's `[bookmark: …]` markers are export
debris and are dropped; rows made only of dashes are the export's ruled lines. Excel and WPS write a
cell with a line break or a double quote between double quotes (`_copied_rows`): such a cell is read
as one, over its lines; a quote that is not Excel's, exactly, is the text's own.

HTML goes through lxml: every <table> becomes a table (rowspan/colspan become covered cells
that name their top-left cell), every other block of text a paragraph. A "单个文件网页" (MHT) is a MIME
message: the email package takes its HTML parts out, and they are read as one page.

A page saved from a government portal has the form in its article body and the portal around it. A table
that holds another table, or has no row of two cells with text that is not a link, lays the page out: its
cells are read as paragraphs and the tables inside them as the form's (unless it is a form with a table nested in
a cell beside a label: `_is_form_around_tables`). The page is walked in the order a browser shows it (`_walk`);
what it hides (display:none, visibility:hidden, the hidden attribute, a rule of its style sheet: `page_styles`) is
listed, not read: a hidden piece inside a line or a cell (a portal's junk digits against copying) leaves the line
whole; so is struck-through text, listed as struck (the figure in force is the one not struck). A form a CMS cut
into two tables inside a merged cell reads on as one (`_PageReading.continues`), and a title a <br> breaks in two is
one line (`_titles_joined`). The portal's furniture (lines that are only links, breadcrumbs, page tools, the footer:
`_page_paragraph`) is left out with one remark; the publishing line, a 信息公开目录 page's table of page information
and links to attachments are listed 未放入 with their reason (`Paragraph.unread`), and the headline yields to the
form's own title (`_headline_yields`).
"""

from __future__ import annotations

import codecs
import copy
import email
import email.policy
import html
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin

from .department import NAMED_TITLE, TITLE_WORDS
from .document import Block, Cell, ImportFailure, Paragraph, SourceDocument, Table
from .funds import FIGURE, is_funds_header
from .page_breaks import CONTINUED, running_head
from .projects import CODED_UNIT, GROUP_PREFIX, WITHHELD_WORDS, is_list_header, project_row_columns
from .layouts import (PAGE_FURNITURE, PAGE_INFORMATION_LABEL, PAGE_NUMBER, PAGE_TOOLS, PUBLISHING_LABEL,
                      LEVEL1, LEVEL2, PROJECT_COLUMNS, PROJECT_GOAL_COLUMNS,
                      SELF_EVALUATION_TITLE, TABLE_NOTE, header_fields, indicator_column,
                      is_indicator_header, is_sentence, is_task_header)
from .page_styles import HIDDEN_ATTRIBUTE, controls_as_text, generated_text, hiding, is_struck, mark_hidden

# What a browser lays out as a block: a line of its own, before and after (editors such as 135编辑器 wrap each
# paragraph in a <section>; <center> and <caption> hold titles).
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "main", "header", "footer",
          "nav", "aside", "center", "blockquote", "pre", "address", "dl", "dt", "dd", "figure", "figcaption",
          "caption", "form", "fieldset", "legend", "hr")
CELLS = ("td", "th")
NESTED = BLOCKS + CELLS + ("table", "tr", "ul", "ol")  # a block of its own inside another: not part of its line
# An element the page hides (`page_styles.mark_hidden`: style="display:none", as Excel writes a hidden row of a sheet
# saved as a web page, visibility:hidden, the hidden attribute, a rule of the page's style sheet): a browser neither
# shows nor prints it. Each reason names how it is hidden ("display:none").
UNHIDE = "如果应当公开，请在原表中取消隐藏后重新导出网页再导入，或手工录入"
HIDDEN_REASON = "网页中设为隐藏（{way}）的内容（浏览器不显示也不打印，可能是不公开的内容），没有读入；" + UNHIDE
HIDDEN_ROW_REASON = ("网页表格中设为隐藏（{way}）的行（浏览器不显示也不打印，Excel 另存为网页时隐藏的行就是这样），"
                     "整行没有读入；" + UNHIDE)
# Hidden text inside a line or a cell: portals put junk characters inside numbers against copying
# (1<span style="display:none">7</span>20.50 shows as 120.50); what the browser shows is what is read.
HIDDEN_TEXT_REASON = ("网页中设为隐藏（{way}）的文字，夹在显示的文字中间（浏览器不显示也不打印；有的网站在数字中插入隐藏的干扰字符防复制，"
                      "也可能是不公开的内容），没有读入：读入的是浏览器显示的文字，请对照网页核对")
# Struck-through text (<del>, <s>, <strike>, text-decoration:line-through): a correction made on the page, the old
# figure left for the reader to see it changed ("<del>120.00</del> 135.00"). The text in force is what is not struck.
STRUCK_REASON = ("网页中加了删除线（{way}）的文字：浏览器显示为划去的内容，是改正前或删去的文字，没有读入；"
                 "读入的是没有划去的文字，请对照网页核对")
# Page parts that show no text of the page (<head>, scripts, styles) or only a control's (a search box, a select).
JUNK = "//script|//style|//head|//select|//button|//textarea|//noscript|//template"
FILE_LINK = re.compile(r"\.(xlsx?|xlsm|et|docx?|wps|pdf|ofd|zip|rar|7z)([?#]|$)", re.IGNORECASE)  # a link to a file
WORD = re.compile(r"\w")  # a letter, digit or Chinese character: a line that is only links has none outside them
PUBLISHING_REASON = ("网页的发布信息，不是原表的内容。网页的发布时间是网页发布或最后更新的时间，不一定是这份文件的公开日期，"
                     "导入没有把它录入为公开日期（published_on）；核实后可手工录入")
# A label of a 信息公开目录 page's information, with its colon (a line of them starts with one); and the labels a form
# may have too, which tell nothing.
INFORMATION_LABEL = re.compile(rf"({PAGE_INFORMATION_LABEL.pattern})[:：]")
GENERAL_INFORMATION = frozenset({"发布日期", "发布时间", "名称", "标题"})
PAGE_INFORMATION_REASON = ("网页的信息公开目录信息（索引号、发布机构、生成日期等），不是原表的内容。其中的日期是网页信息生成或发布的日期，"
                           "不一定是这份文件的公开日期，导入没有把它录入为公开日期（published_on）；核实后可手工录入")
ATTACHMENT_REASON = "网页的附件链接（{link}）：附件是另一个文件，导入没有读它；附件是绩效目标表时，请下载后另行导入"
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
RULE = re.compile(r"^-+$")
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # the whitespace a browser collapses to one space


def read(path: Path) -> SourceDocument:
    if path.suffix.lower() in (".html", ".htm"):
        return read_page(path)
    return read_copied(path)


def read_page(path: Path) -> SourceDocument:
    """A saved web page, whatever the file is called (budget systems export HTML tables as .xls or .doc)."""
    return _read_html(path, decode(path, path.read_bytes()))


def read_copied(path: Path) -> SourceDocument:
    """Text copied from a web page, or saved as tab-separated text, whatever the file is called."""
    return _read_text(path, decode(path, path.read_bytes()))


def read_web_archive(path: Path) -> SourceDocument:
    """A "单个文件网页" (MHT/MHTML, saved by Word, WPS or a browser): a MIME message whose HTML parts are the page.
    Every HTML part is read, in order (Excel writes one part per worksheet); pictures are not text. A style sheet the
    page links to is a part of its own (as a browser saves it): applied where the page links it (`_linked_sheets`)."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    sheets = {part.get("Content-Location", "").strip(): _part_text(path, part) for part in message.walk()
              if part.get_content_type() == "text/css"}
    pages = [_linked_sheets(_part_text(path, part), part.get("Content-Location", "").strip(), sheets)
             for part in message.walk() if part.get_content_type() == "text/html"]
    if not pages:
        raise ImportFailure(f"{path}：单个文件网页（MHT）中没有网页正文，无法读取。"
                            "请用 Word 或浏览器打开，另存为 Word 文档（.docx）或网页（.html）后再导入。")
    return _read_html(path, pages[0] if len(pages) == 1 else _one_page(pages))


STYLE_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
LINK_ADDRESS = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
LINK_MEDIA = re.compile(r"""\bmedia\s*=\s*["']?([^"'>]+)""", re.IGNORECASE)
SCREEN = re.compile(r"\b(all|screen)\b", re.IGNORECASE)


def _linked_sheets(page: str, location: str, sheets: dict[str, str]) -> str:
    """The page with each style sheet it links to (`<link rel="stylesheet" href="css/main.css">`) and the archive holds
    (its Content-Location the address the link names, from the page's own) in the link's place, as a <style>: the
    sheet's rules come in the order a browser applies them. A sheet the archive lacks stays unread, as in a page."""
    def inlined(link: re.Match) -> str:
        tag = link.group()
        address = LINK_ADDRESS.search(tag)
        if "stylesheet" not in tag.lower() or address is None:
            return tag
        href = html.unescape(address.group(1))
        sheet = sheets.get(href, sheets.get(urljoin(location, href))) if location else sheets.get(href)
        if sheet is not None and (media := LINK_MEDIA.search(tag)) and not SCREEN.search(media.group(1)):
            return ""  # a sheet for print only: a browser shows the page without it
        if sheet is None:
            return tag
        sheet = _sheet_imports(sheet, urljoin(location, href) if location else href, sheets)
        return "<style>" + sheet.replace("</", "<\\/") + "</style>"

    return _sheet_imports(STYLE_LINK.sub(inlined, page), location, sheets) if sheets else page


# A style sheet's `@import url("main.css") screen;` (or `@import "main.css";`): its address and media.
SHEET_IMPORT = re.compile(r"""@import\s+(?:url\(\s*["']?([^"')\s]+)["']?\s*\)|["']([^"']+)["'])\s*([^;]*);""",
                          re.IGNORECASE)


def _sheet_imports(text: str, location: str, sheets: dict[str, str], depth: int = 0) -> str:
    """The text (a page's <style>, or a sheet) with each sheet it imports (`@import`) that the archive holds in the
    rule's place, its own imports in turn (a few deep): a browser applies the imported rules as the sheet's own. A
    sheet for print only is left out, as a browser shows the page without it; one the archive lacks stays unread."""
    def imported(rule: re.Match) -> str:
        href = html.unescape(rule.group(1) or rule.group(2))
        address = urljoin(location, href) if location else href
        sheet = sheets.get(href, sheets.get(address))
        if sheet is None or depth >= 4:
            return rule.group()
        if rule.group(3).strip() and not SCREEN.search(rule.group(3)):
            return ""
        return _sheet_imports(sheet, address, sheets, depth + 1)

    return SHEET_IMPORT.sub(imported, text)


def _one_page(pages: list[str]) -> str:
    """Several pages as one body, in order: an HTML parser keeps the first document of a concatenation only."""
    import lxml.html

    # A page without a body (Excel's frameset around its sheets' pages) adds nothing.
    bodies = [body for page in pages if page.strip() for body in lxml.html.document_fromstring(page).xpath("//body")]
    return "<html><body>" + "".join(html.escape(body.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in body) for body in bodies) + "</body></html>"


def _part_text(path: Path, part) -> str:
    """A part's text decoded strictly (the email package's own decoding replaces what it cannot decode): in the
    charset it declares, GB2312 and GBK read as their superset GB 18030 (Word labels GBK text "gb2312")."""
    raw = part.get_payload(decode=True) or b""
    charset = (part.get_content_charset() or "").lower()
    if charset in ("gb2312", "gbk", "x-gbk", "cp936"):
        charset = "gb18030"
    try:
        return raw.decode(charset) if charset else decode(path, raw)
    except (LookupError, UnicodeDecodeError):
        return decode(path, raw)


def decode(path: Path, raw: bytes) -> str:
    """UTF-8, else GBK/GB 18030 (Chinese Windows' own); UTF-16 when a byte-order mark says so (Notepad's "Unicode",
    Excel's "Unicode 文本")."""
    encodings = ("utf-16",) if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ()
    for encoding in (*encodings, "utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailure(f"{path}：文件既不是 UTF-8 也不是 GBK 编码的文字，无法读取。请用文本编辑器另存为 UTF-8 后再导入。")


def _read_text(path: Path, text: str) -> SourceDocument:
    lines = [BOOKMARK.sub("", line).rstrip("\r") for line in text.split("\n")]
    rows, remarks = _copied_rows(lines)
    rows = _padding_dropped(rows)
    rows, broken = _broken_rows(rows)
    remarks.extend(broken)
    blocks: list[Block] = []
    furniture: list[str] = []  # the portal's page around a form copied from it, as in a saved page (never in a table)
    number = 0
    while number < len(rows):
        row = rows[number]
        if row.tabbed:
            end = _table_end(rows, number)
            table, dropped = _table(rows[number:end])
            blocks.append(table)
            remarks.extend(dropped)
            number = end
            continue
        stripped = row.cells[0].text.strip()
        if stripped and PAGE_FURNITURE.search(stripped):
            furniture.append(stripped)
        elif stripped:
            blocks.append(Paragraph(stripped, f"第{row.first + 1}行"))
        number += 1
    return SourceDocument(path, tuple(blocks), (*remarks, *_furniture_remark(furniture), *_spaced_table(rows)))


# Cells apart by spaces, not tabs: a run of two or more spaces, or full-width spaces.
SPACED = re.compile(r" {2,}|\u3000+")
SPACED_TABLE = "文字中没有 Tab"  # the remark's start: the importer's advice when no form is found names it


def _spaced_table(rows: list[CopiedRow]) -> tuple[str, ...]:
    """A remark on text without a tab whose line, cut at its runs of spaces, is a form's header ("一级指标    二级指标
    …", as a PDF viewer or a chat window copies a table): its cells' columns are not known, and nothing is guessed."""
    if any(row.tabbed for row in rows):
        return ()
    for row in rows:
        parts = [part for part in SPACED.split(row.cells[0].text.strip()) if part]
        if len(parts) >= 3 and (is_indicator_header(parts) or is_funds_header(parts) or is_list_header(parts)
                                or bool(project_row_columns(parts))):
            return (f"{SPACED_TABLE}，第{row.first + 1}行（“{row.cells[0].text.strip()[:30]}”）像是表格的表头，各格之间却是空格："
                    "从 PDF 阅读器、网页或聊天软件复制表格时常这样，无从确定每一格在哪一列，导入没有把这些行读作表格，"
                    "也不猜测。请从原表（Excel、Word）重新复制（各格之间是 Tab），或直接导入原表。",)
    return ()


# --- Excel's quoting: a cell with a line break or a double quote, copied or saved as text ---------------------------

QUOTE = '"'
# A cell's text over more lines than this is not believed to be one cell: the quote that opened it is a stray one.
QUOTED_CELL_LINES = 30


@dataclass(frozen=True)
class CopiedCell:
    text: str  # as written, or with Excel's quoting read (line breaks kept, "" as ")
    line: int  # the 0-based index of the line it starts on


@dataclass(frozen=True)
class CopiedRow:
    """A line of copied text, or the lines that one row of cells takes when Excel's quoting holds a cell's line
    breaks."""
    cells: tuple[CopiedCell, ...]
    first: int  # the 0-based index of its first line
    end: int  # the index after its last line
    quoted: bool = False  # some cell was read with Excel's quoting
    in_table: bool = False  # a line without a tab kept in the table it stands in (`_broken_rows`)

    @property
    def tabbed(self) -> bool:
        return len(self.cells) > 1 or self.in_table


def _copied_rows(lines: list[str]) -> tuple[list[CopiedRow], list[str]]:
    """The lines as rows of cells. Excel and WPS write a cell that holds a line break or a double quote between double
    quotes, with each " inside doubled (the `excel-tab` dialect of the csv module); such a cell's lines are one cell.
    A web page's copied text has no quoting: a quote is read as written unless it is Excel's, exactly. The csv module
    cannot decide that cell by cell: strict, it rejects the whole text for one stray quote; lenient, it reads
    `"放管服"改革` as 放管服改革 and an open quote on across every line to the end."""
    rows: list[CopiedRow] = []
    unclosed: list[int] = []
    number = 0
    while number < len(lines):
        row = _quoted_row(lines, number) if _opens_quote(lines[number]) else None
        if isinstance(row, int):
            unclosed.append(number)
        if not isinstance(row, CopiedRow):
            row = CopiedRow(tuple(CopiedCell(_blank_as_empty(text), number) for text in lines[number].split("\t")),
                            number, number + 1)
        rows.append(row)
        number = row.end
    return rows, _quoting_remarks(rows, unclosed)


def _padding_dropped(rows: list[CopiedRow]) -> list[CopiedRow]:
    """Excel's 文本文件（制表符分隔） writes each row up to the widest one, so a title, a sentence or a 落款 above,
    between or below the tables comes out as its text and a run of empty cells ("2025年1月10日\t\t\t"), and a blank
    line as empty cells only. Such a line, or a run of them, set off from the tables by a blank line (padded or not),
    the text's start or end, or a line without a tab, is the line without its padding, and the blank lines around it
    are blank lines: a paragraph, as in the same form copied or saved by another program. A one-cell row right under
    or over a table's rows (a group row "二、所属单位\t\t\t") stays a row."""
    kept = list(rows)
    start = 0
    while start < len(kept):
        if not _padded(kept[start]):
            start += 1
            continue
        end = start
        while end < len(kept) and _padded(kept[end]):
            end += 1
        before, after = _blank_run(kept, start, -1), _blank_run(kept, end - 1, 1)
        if _sets_off(kept, start - 1) and _sets_off(kept, end):
            kept[before:after] = [replace(row, cells=row.cells[:1]) for row in kept[before:after]]
        start = end
    return kept


def _padded(row: CopiedRow) -> bool:
    """Text in the first cell only, the others empty (as `_blank_as_empty` reads a cell of spaces)."""
    return len(row.cells) > 1 and bool(row.cells[0].text.strip()) and not any(cell.text for cell in row.cells[1:])


def _blank(row: CopiedRow) -> bool:
    """A blank line, or one of Excel's padding only (wider than the one-cell-per-line layout's empty cell "\t")."""
    return not any(cell.text.strip() for cell in row.cells) and (len(row.cells) == 1 or len(row.cells) > 2)


def _blank_run(rows: list[CopiedRow], number: int, step: int) -> int:
    """Where the blank lines next to row `number` on the side of `step` end: the first (step -1) or past the last."""
    while 0 <= number + step < len(rows) and _blank(rows[number + step]):
        number += step
    return number if step < 0 else number + 1


def _sets_off(rows: list[CopiedRow], number: int) -> bool:
    """The text's start or end, a blank line (padded or not), or a line without a tab."""
    return number < 0 or number >= len(rows) or len(rows[number].cells) == 1 or _blank(rows[number])


def _blank_as_empty(cell: str) -> str:
    """An empty cell of a Word or WPS table is often exported as a space, a no-break space or an ideographic
    space (a cell someone cleared with the space bar): it shows nothing and is an empty cell, or a row that
    starts with one would not line up with the rows around it."""
    return cell if cell.strip() else ""


def _opens_quote(line: str) -> bool:
    return any(cell.startswith(QUOTE) for cell in line.split("\t"))


def _quoted_row(lines: list[str], start: int) -> CopiedRow | int | None:
    """The row at lines[start] with its quoted cells read as Excel writes them; None when no cell is (a quote that
    closes with text after it, or whose text Excel would not quote, is the cell's own text; a row of one cell is prose,
    which may quote a passage over several lines); `start` when a quote was left open (`_quoted_text`)."""
    cells: list[CopiedCell] = []
    line, position = start, 0
    quoted = False
    while True:
        text, opened = lines[line], line
        read = _quoted_text(lines, start, line, position + 1) if text.startswith(QUOTE, position) else None
        if isinstance(read, int):
            return start
        if read is not None and _needs_quotes(read[0]):
            value, line, position = read
            text, quoted = lines[line], True
        else:
            tab = text.find("\t", position)
            value, position = (text[position:], len(text)) if tab < 0 else (text[position:tab], tab)
        cells.append(CopiedCell(value, opened))
        if position == len(text):
            break
        position += 1  # the tab after the cell
    if len(cells) < 2 or not quoted:
        return None
    return CopiedRow(tuple(cells), start, line + 1, quoted=True)


def _quoted_text(lines: list[str], start: int, line: int, position: int) -> tuple[str, int, int] | int | None:
    """The text of the cell whose opening quote is just before lines[line][position], and the line and position after
    its closing quote (a tab or the end of the line follows it). None when the quote is no quoting on its own line
    (text follows a closing quote, or a tab comes first: a cell's own text); the line where it was left open when it
    runs into a line with a tab (a row of the table: its cells are not one cell's text), past QUOTED_CELL_LINES lines
    from the row's first, or to the end of the text."""
    opened = line
    pieces: list[str] = []
    while True:
        text = lines[line]
        while position < len(text):
            char = text[position]
            if char == QUOTE and text.startswith(QUOTE * 2, position):
                pieces.append(QUOTE)
                position += 2
            elif char == QUOTE and (position + 1 == len(text) or text[position + 1] == "\t"):
                return "".join(pieces), line, position + 1
            elif char in (QUOTE, "\t"):
                return None if line == opened else opened
            else:
                pieces.append(char)
                position += 1
        if line + 1 == len(lines) or line + 1 - start >= QUOTED_CELL_LINES:
            return opened
        pieces.append("\n")
        line, position = line + 1, 0


def _needs_quotes(value: str) -> bool:
    return "\n" in value or QUOTE in value


def _quoting_remarks(rows: list[CopiedRow], unclosed: list[int]) -> list[str]:
    remarks: list[str] = []
    quoted = [row for row in rows if row.quoted]
    if quoted:
        where = "、".join(_line_range(row) for row in quoted)
        remarks.append(f"{where}有用英文双引号括起的单元格（Excel、WPS 复制或另存为文本时，格子里有换行或双引号的写法）："
                       "按这种写法读作一格，格子里的换行照原样保留，两个连写的双引号读作一个，括在外面的引号不读入。")
    if unclosed:
        where = "、".join(f"第{number + 1}行" for number in unclosed)
        remarks.append(f"{where}有以英文双引号开头的单元格，但引号在{QUOTED_CELL_LINES}行内、表格的下一行之前没有按 Excel 的写法闭合，"
                       "不是 Excel 括起单元格的引号：这几行按原样逐行读取，引号保留在文字中。")
    return remarks


# --- a cell's line break that no quoting kept: Word and web tables copied as text -------------------------------------

def _broken_rows(rows: list[CopiedRow]) -> tuple[list[CopiedRow], list[str]]:
    """Word and a web page copy a line break inside a cell as it is, unquoted: the cell's next line starts a line of
    its own, with the rest of the row's cells after it. Only in a table whose rows are all as wide (no merged cell
    dropped a slot: the text says where every cell is) does the count of cells tell that apart from rows of their own:
    - a row of k cells, short of the table's w, right above a line of w - k + 1 cells is one row whose k-th cell broke
      over the two lines: read as one row, that cell's line break kept, with a remark;
    - a line without a tab between two rows of the table, the lower no header (the break was in the row's last cell,
      or the line is a row of one cell across the table: nothing tells which) is kept in the table as a row of one
      cell, never joined to the cell above by a guess; before, it cut the table in two and the rows below it lost
      their header."""
    rows, firsts = _first_cells_joined(rows)
    joined: list[CopiedRow] = []
    kept: list[CopiedRow] = []
    for start, end in reversed(_table_runs(rows)):  # from the end, so that a run's rows are replaced in place
        run = rows[start:end]
        width = _rectangle_width(run)
        if width is None:
            rows[start:end] = _own_rows(run, kept)
            continue
        read: list[CopiedRow] = []
        number = 0
        while number < len(run):
            row = run[number]
            if number + 1 < len(run) and _broken(row, run[number + 1], width, _breaks_anywhere(run, number, width)):
                row = _joined_row(row, run[number + 1])
                joined.append(row)
                number += 1
            elif not row.tabbed and row.cells[0].text.strip():
                row = replace(row, in_table=True)
                kept.append(row)
            read.append(row)
            number += 1
        rows[start:end] = read
    return rows, _first_cell_remarks(firsts) + _broken_remarks(sorted(joined, key=lambda r: r.first),
                                                               sorted(kept, key=lambda r: r.first))


# The most lines a row's first cell is believed to break over ("产\n出\n指\n标"), and the longest such line.
FIRST_CELL_LINES = 4
FIRST_CELL_PIECE = 6


def _first_cells_joined(rows: list[CopiedRow]) -> tuple[list[CopiedRow], list[CopiedRow]]:
    """A row whose first cell broke over lines ("效益" over "指标 | 社会效益指标 | …", "序" over "号 | 项目名称 | …"):
    the cell's earlier lines have no tab, and only what they say together with the row's first cell tells them from a
    line of their own (`_broken_first_cell`). Such lines and the row are one row, the cell's line breaks kept. Also
    the rows so joined."""
    out: list[CopiedRow] = []
    joined: list[CopiedRow] = []
    for row in rows:
        lines = _broken_first_cell(out, row) if row.tabbed else 0
        if lines:
            upper, out[-lines:] = out[-lines:], []
            text = "\n".join([*(line.cells[0].text.strip() for line in upper), row.cells[0].text.strip()])
            row = replace(row, cells=(CopiedCell(text, upper[0].first), *row.cells[1:]), first=upper[0].first)
            joined.append(row)
        out.append(row)
    return out, joined


def _broken_first_cell(above: list[CopiedRow], row: CopiedRow) -> int:
    """How many short lines without a tab right above `row` are its first cell's earlier lines: together with it
    they make a 一级/二级 label that neither part is ("产出" + "指标"), or a header the row is not without them
    ("序" + "号", "一级" + "指标"); 0 if none. A row number is not joined so: "1" over "2 | …" may be two rows."""
    texts = [cell.text.strip() for cell in row.cells]
    for lines in range(1, FIRST_CELL_LINES + 1):
        upper = above[-lines:]
        pieces = [line.cells[0].text.strip() for line in upper]
        if len(upper) < lines or any(line.tabbed for line in upper) \
                or not all(0 < len(piece) <= FIRST_CELL_PIECE for piece in pieces):
            return 0
        whole = "".join("".join(pieces).split()) + texts[0]
        if whole in LEVEL1 or whole in LEVEL2 or (_is_head_row([whole, *texts[1:]]) and (
                not _is_head_row(texts) or indicator_column(texts[0]) != indicator_column(whole) is not None)):
            return lines
    return 0


def _is_head_row(texts: list[str]) -> bool:
    return is_indicator_header(texts) or is_list_header(texts) or bool(project_row_columns(texts)) \
        or is_task_header(texts) or is_funds_header(texts)


def _first_cell_remarks(joined: list[CopiedRow]) -> list[str]:
    if not joined:
        return []
    return [f"{'、'.join(_line_range(row) for row in joined)}各是表格的一行，第一格断成了几行：前几行没有 Tab，与下一行的第一格"
            "连起来才是一格（如“产出”与“指标”连成一级指标“产出指标”，“序”与“号”连成表头“序号”）：各读作一行，"
            "第一格的换行照原样保留。"]


def _own_rows(run: list[CopiedRow], kept: list[CopiedRow]) -> list[CopiedRow]:
    """A table whose rows are not all as wide (a web page's, merged slots dropped): a line without a tab under a
    project table's header that says it is a row across the table is kept in it (and in `kept`), as a row of one cell:
    a withheld project ("（涉密项目，不予公开）", "2-3号项目涉密，暂不公开") or a group ("二、所属单位"). Before, it cut the
    table in two and every project below it was listed cell by cell."""
    out: list[CopiedRow] = []
    header = False
    for row in run:
        texts = [cell.text.strip() for cell in row.cells]
        header = header or (row.tabbed and (is_list_header(texts) or bool(project_row_columns(texts))))
        if header and not row.tabbed and _across_table(texts[0]):
            row = replace(row, in_table=True)
            kept.append(row)
        out.append(row)
    return out


def _across_table(text: str) -> bool:
    """A project table's row of one cell: a withheld notice, a group's number and name (short, no sentence), or a
    unit's code and name ("101001 某县教育局本级"), whose projects the rows below are."""
    return bool(re.search(WITHHELD_WORDS, text)) or bool(CODED_UNIT.match(text)) \
        or bool(GROUP_PREFIX.match(text)) and len(text) <= 30 and not re.search(r"[，。；,;：:]", text)


def _table_runs(rows: list[CopiedRow]) -> list[tuple[int, int]]:
    """The stretches of lines that are rows of one table for certain: tabbed rows one right under another, with the
    lines without a tab right between two of them (a page number excepted: it is the page's, not the table's). A blank
    line ends a stretch: Word and a web page put one between two tables."""
    runs: list[tuple[int, int]] = []
    number = 0
    while number < len(rows):
        if not rows[number].tabbed:
            number += 1
            continue
        end = number + 1
        while end < len(rows) and (rows[end].tabbed or _lone_line(rows, end)):
            end += 1
        runs.append((number, end))
        number = end
    return runs


def _lone_line(rows: list[CopiedRow], number: int) -> bool:
    """A line without a tab right between two tabbed rows, the lower no table's header: a paragraph right above a
    table ("2.推进城乡客运一体化。" over its indicator table) is the table's heading, not a line of the one above."""
    text = rows[number].cells[0].text.strip()
    if not (0 < number < len(rows) - 1 and rows[number - 1].tabbed and rows[number + 1].tabbed):
        return False
    below = [cell.text.strip() for cell in rows[number + 1].cells]
    return bool(text) and not PAGE_NUMBER.fullmatch(text) and not running_head(text) \
        and not (is_indicator_header(below) or is_task_header(below) or is_funds_header(below))


def _rectangle_width(run: list[CopiedRow]) -> int | None:
    """The width of a table whose rows are all as wide but for rows broken in two (`_broken`); None for any other
    (a table copied with merged slots dropped, the one-cell-per-line layout, a table of three columns or fewer)."""
    tabbed = [row for row in run if row.tabbed]
    widths = Counter(len(row.cells) for row in tabbed)
    if not widths or _one_cell_per_line(run):
        return None
    width, count = widths.most_common(1)[0]
    if width < 4 or count < 2:
        return None
    number = 0
    while number < len(run):
        row = run[number]
        if row.tabbed and len(row.cells) != width:
            if number + 1 < len(run) and _broken(row, run[number + 1], width, _breaks_anywhere(run, number, width)):
                number += 1
            else:
                return None
        elif not row.tabbed and row.cells[0].text.strip() and not _between(run, number, width):
            return None
        number += 1
    return width


def _between(run: list[CopiedRow], number: int, width: int) -> bool:
    """A line without a tab right between two whole rows of the table."""
    return 0 < number < len(run) - 1 and len(run[number - 1].cells) == width and len(run[number + 1].cells) == width


def _broken(row: CopiedRow, following: CopiedRow, width: int, anywhere: bool = False) -> bool:
    """`row` short of the table's width, and the line right under it as many cells as make up the rest, the cell
    broken over the two lines counted once. The break must be right of the row's middle (fewer cells after it than
    before): two rows under cells merged down at the left, copied from a web page with their slots dropped, are as
    short as each other (产出指标 and 数量指标 over three rows of five: 5, 3, 3), and counted alike. Unless no row of
    the table can be short for a dropped slot (`anywhere`: `_breaks_anywhere`), where it may fall at any cell."""
    short, rest = len(row.cells), len(following.cells)
    return row.tabbed and following.tabbed and 2 <= rest and 2 <= short < width and short + rest - 1 == width \
        and (rest < short or anywhere) and not _label_under_amount(row, following)


def _label_under_amount(row: CopiedRow, following: CopiedRow) -> bool:
    """"项目资金 | 资金总额 | 35.00" over "年度绩效目标 | 保障…": an amount does not break over a line that starts with a
    project form's label; the two are rows of their own (before, "35.00⏎年度绩效目标" was one cell, the budget and the
    goal both lost to 未放入)."""
    label = re.sub(r"\s", "", following.cells[0].text).strip("：:")
    return bool(FIGURE.match(row.cells[-1].text.strip())) \
        and (label in PROJECT_COLUMNS or label in PROJECT_GOAL_COLUMNS)


# The head of a table's first column that numbers its rows, and a row's number as such a column writes it.
SERIAL_HEAD = re.compile(r"(序号|编号|项目序号)")
SERIAL = re.compile(r"[（(]?\d{1,3}[)）]?[、.．]?")


def _breaks_anywhere(run: list[CopiedRow], number: int, width: int) -> bool:
    """A short row that cannot be a row whose merged slots a web page dropped (those are the row's left cells), so that
    its line may break left of its middle too ("1 | 农村公路养护工程 | 某县交通运输局公路" over "养护中心 | 85.50 | …"):
    - the table keeps a merged cell's slots as empty cells (a row as wide as the table starts with an empty one, as
      Excel and Word copy them): none of its rows is short for a dropped slot;
    - the row right above it is the table's header: a header's cells are not merged down over the rows of data;
    - the row starts with a row number under a first column headed 序号: it starts at the table's left edge;
    - the table is a project list without indicator columns (its header above): a cell merged there (a unit over its
      projects) leaves each row under it one cell short, never two lines that add up to the table's width."""
    row = run[number]
    above = [cell.text.strip() for cell in run[number - 1].cells] if number else []
    if above and (is_indicator_header(above) or is_list_header(above) or bool(project_row_columns(above))
                  or is_task_header(above) or is_funds_header(above)):
        return True
    if any(is_list_header([cell.text.strip() for cell in other.cells]) for other in run[:number]):
        return True
    if any(len(other.cells) == width and not other.cells[0].text.strip()
           and any(cell.text.strip() for cell in other.cells) for other in run):
        return True
    heads = [other.cells[0].text.strip() for other in run if len(other.cells) == width]
    if bool(SERIAL.fullmatch(row.cells[0].text.strip())) and any(SERIAL_HEAD.fullmatch(head) for head in heads):
        return True
    return number + 1 < len(run) and _labels_placed_by_joining(run, row, run[number + 1], width)


def _labels_placed_by_joining(run: list[CopiedRow], row: CopiedRow, following: CopiedRow, width: int) -> bool:
    """The two lines' 一级指标 words ("产出指标", "效益指标") stand in the table's 一级指标 column when the lines are read
    as one broken row, and out of it when read as rows whose merged slots were dropped (those are right-aligned):
    "产出指标 | 质量指标（验收" over "合格） | 养护工程验收合格率 | 100%" is one row broken left of its middle, never a
    row whose 三级指标 is "产出指标"."""
    columns = _level1_columns(run, width)
    short, rest = len(row.cells), len(following.cells)
    joined = {i for i, cell in enumerate(row.cells) if cell.text.strip() in LEVEL1} \
        | {short - 1 + i for i, cell in enumerate(following.cells) if i and cell.text.strip() in LEVEL1}
    dropped = {width - short + i for i, cell in enumerate(row.cells) if cell.text.strip() in LEVEL1} \
        | {width - rest + i for i, cell in enumerate(following.cells) if cell.text.strip() in LEVEL1}
    return bool(columns) and bool(joined) and joined <= columns and not dropped <= columns


def _level1_columns(run: list[CopiedRow], width: int) -> set[int]:
    """The columns of a table's 一级指标: the one its header names, and those its whole rows hold 一级指标 words in."""
    whole = [[cell.text.strip() for cell in row.cells] for row in run if len(row.cells) == width]
    return {column for texts in whole if is_indicator_header(texts)
            for column, name in enumerate(header_fields(texts)) if name == "level1"} \
        | {column for texts in whole for column, text in enumerate(texts) if text in LEVEL1}


def _joined_row(row: CopiedRow, following: CopiedRow) -> CopiedRow:
    """The two lines of a broken row as one: the broken cell's two parts with the line break between them (without
    the spaces a copy leaves at a line's end or start: the cell's own text ends and starts at the break)."""
    broken = row.cells[-1]
    cell = CopiedCell(f"{broken.text.rstrip()}\n{following.cells[0].text.lstrip()}", broken.line)
    return CopiedRow((*row.cells[:-1], cell, *following.cells[1:]), row.first, following.end, row.quoted)


def _broken_remarks(joined: list[CopiedRow], kept: list[CopiedRow]) -> list[str]:
    remarks: list[str] = []
    if joined:
        remarks.append(f"{'、'.join(_line_range(row) for row in joined)}各是表格的一行断成了两行：上一行的格数不足，下一行的格数"
                       "正好补足（表格其余各行格数相同），是格子里的换行（Word、网页的表格复制为文字时，格子里的换行不加引号）："
                       "各读作一行，断开的一格读作一格，换行照原样保留。")
    if kept:
        where = "、".join(f"第{row.first + 1}行（“{row.cells[0].text.strip()[:20]}”）" for row in kept)
        remarks.append(f"{where}没有 Tab，夹在格数相同的表格行之间：可能是上一格里换行后的文字，也可能是表格中独占一行的内容，"
                       "无从分辨；没有并入上一格，作为表格中只有一格的一行读取。")
    return remarks


def _line_range(row: CopiedRow) -> str:
    return f"第{row.first + 1}行" if row.end == row.first + 1 else f"第{row.first + 1}–{row.end}行"


def _table_end(rows: list[CopiedRow], start: int) -> int:
    """A table runs over tabbed rows and the blank lines between them, and over the later paragraphs of a cell
    (`_cell_paragraph`)."""
    end = start
    probe = start
    while probe < len(rows):
        row = rows[probe]
        if row.tabbed or _cell_paragraph(rows, probe):
            end = probe + 1
        elif row.cells[0].text.strip():
            break
        probe += 1
    return end


def _cell_paragraph(rows: list[CopiedRow], number: int) -> bool:
    """A line without a tab right under a cell of the one-cell-per-line layout (or under another such line), no
    blank line between: the cell's next paragraph. Word's text export writes a cell's first paragraph after the
    tab and each later one on a line of its own; only a blank line ends the row, so a paragraph after the table
    comes after one. A page number is never a cell's text. Nor are, typed right under the table's last row with no
    blank line (as a department pastes the table and types on), a note or a withheld notice with no row of the table
    after it ("注：第3号项目涉密，不予公开。")."""
    above = number
    while above >= 0 and _paragraph_line(rows[above]):
        above -= 1  # the cell's earlier paragraphs, up to the cell itself
    if above < 0 or above == number or not _cell_line(rows[above]):
        return False
    return not _note_after_table(rows, number)


def _note_after_table(rows: list[CopiedRow], number: int) -> bool:
    """A note ("注：……") or a withheld notice with no row of a table after it before the next line of text."""
    text = rows[number].cells[0].text.strip()
    if not (TABLE_NOTE.match(text) or re.search(WITHHELD_WORDS, text)):
        return False
    after = next((row for row in rows[number + 1:] if row.tabbed or row.cells[0].text.strip()), None)
    return after is None or not after.tabbed


def _paragraph_line(row: CopiedRow) -> bool:
    text = row.cells[0].text.strip()
    return not row.tabbed and bool(text) and not PAGE_NUMBER.fullmatch(text) and not running_head(text)


def _cell_line(row: CopiedRow) -> bool:
    """A line of the one-cell-per-line layout: a tab, then the cell's text (not an export's ruled line)."""
    return len(row.cells) == 2 and row.cells[0].text == "" and not RULE.match(row.cells[1].text.strip())


def _one_cell_per_line(rows: list[CopiedRow]) -> bool:
    return all(len(row.cells) == 2 and row.cells[0].text == "" for row in rows if row.tabbed)


def _table(part: list[CopiedRow]) -> tuple[Table, list[str]]:
    rows: list[tuple[Cell, ...]] = []
    dropped: list[str] = []
    paragraphs = [line for line in part if not line.tabbed and line.cells[0].text.strip()]  # `_cell_paragraph`
    if _one_cell_per_line(part):
        row: list[Cell] = []
        for line in part:
            if line.tabbed:
                row.append(Cell(line.cells[1].text.strip(), f"第{line.first + 1}行"))
            elif line in paragraphs:
                row[-1] = _with_paragraph(row[-1], line)
            elif row:
                rows.append(tuple(row))
                row = []
        if row:
            rows.append(tuple(row))
    else:
        for line in part:
            if line in paragraphs:  # under a row of one cell ("\t单位：万元") in a table of tabbed rows
                last = rows[-1]
                rows[-1] = (*last[:-1], _with_paragraph(last[-1], line))
                continue
            if not line.tabbed:
                continue
            texts = [cell.text.strip() for cell in line.cells]
            if all(RULE.match(t) for t in texts if t) and any(texts):
                dropped.append(f"第{line.first + 1}行是导出时的分隔线（{'、'.join(t for t in texts if t)}），未作为内容读取。")
                continue
            rows.append(tuple(Cell(t, f"第{cell.line + 1}行第{column + 1}格")
                              for column, (t, cell) in enumerate(zip(texts, line.cells))))
    if paragraphs:
        dropped.append(f"{'、'.join(f'第{line.first + 1}行' for line in paragraphs)}没有行首的 Tab，紧接在表格的一格之后"
                       "（中间没有空行）：是 Word 表格中这一格的下一段，读作这一格的文字，分段处换行。")
    return Table(tuple(rows), f"第{part[0].first + 1}–{part[-1].end}行"), dropped


def _with_paragraph(cell: Cell, line: CopiedRow) -> Cell:
    """The cell with its next paragraph (`_cell_paragraph`) on a line of its own."""
    text = line.cells[0].text.strip()
    return replace(cell, text=f"{cell.text}\n{text}" if cell.text else text)


def _read_html(path: Path, text: str) -> SourceDocument:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml's own error names the problem; say it in Chinese too
        raise ImportFailure(f"{path}：无法读取网页内容（{exc}）。") from exc
    generated = generated_text(root)  # what the sheet writes (::before), then hidden or shown as its element is
    unapplied = mark_hidden(root)  # before the <style> blocks go: their rules may hide text
    controls = controls_as_text(root)  # before the controls go: in a form's cells they hold its values
    superscripts = _superscripts(root)
    for junk in root.xpath(JUNK):
        junk.drop_tree()
    reading = _PageReading()
    _walk(root, reading)
    reading.end_line()
    blocks = _titles_joined(reading)
    remarks = _furniture_remark(reading.furniture)
    if superscripts:
        remarks += (f"网页中有上标数字（{'、'.join(superscripts)}，多为注释标记或平方米等单位），已按上标读入，"
                    "没有并入前后的数字；请对照网页核对。",)
    if reading.titles:
        remarks += (f"网页中的标题（“{'”“'.join(reading.titles)}”）用换行（<br>）分成了两行，读作一行。",)
    if reading.continued:
        remarks += (f"网页中{'、'.join(dict.fromkeys(reading.continued))}在向下合并的格子中间被分成了几个表格（网站把长表格分段排版），"
                    "后一个表格的第一行正好少了合并格占的格子（中间可有一行“续表”，后一个表格开头可重复表头，两者都不读入）："
                    "接着读作同一张表，请对照网页核对。",)
    if reading.struck:
        remarks += (f"网页中有加了删除线的文字（{'、'.join(f'“{text[:20]}”' for text in list(reading.struck)[:3])}"
                    f"{'等' if len(reading.struck) > 3 else ''}）：是改正前或删去的内容，没有读入，读入的是没有划去的文字；"
                    "划去的文字列在“未放入”中，请对照网页核对。",)
    if reading.hidden:
        hidden_ways = [way for way in reading.ways if not is_struck(way)]
        remarks += (f"网页中有 {reading.hidden} 处设为隐藏（{'、'.join(hidden_ways)}）的内容，浏览器不显示也不打印，"
                    "可能是不公开的内容（或网站插入的防复制干扰字符）：没有读入，其中的文字列在“未放入”中，请核对是否应当公开。",)
    if generated:
        remarks += (f"网页的样式表在一些内容的前后写了文字（::before、::after 的 content：{'、'.join(f'“{text}”' for text in generated[:5])}"
                    f"{'等' if len(generated) > 5 else ''}，有的网站这样写出数字中的几位防复制）：文字不在网页正文中，浏览器显示在"
                    "那里，照显示的读入，请对照网页核对。",)
    if controls:
        remarks += (f"网页表格中有 {controls} 个输入框、下拉框或勾选框（在线填报系统的网页另存下来就是这样）：照浏览器显示的"
                    "内容读入（框中的文字、选中的选项，勾选框读作☑或□），请对照网页核对。",)
    if unapplied:
        remarks += (f"网页的样式表中有 {unapplied} 条隐藏内容（display:none 等）的规则，其选择器导入不能判断作用于哪些内容，"
                    "没有按它们隐藏：请在浏览器中对照网页，核对导入的文字中有没有网页并不显示的。",)
    return SourceDocument(path, tuple(_headline_yields(_page_information_lines(blocks))), remarks)


@dataclass
class _PageReading:
    """The page's blocks as they are read, in the order a browser shows them, and the line being laid out."""
    blocks: list[Block] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    line: list[Run] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    hidden: int = 0  # hidden elements whose text is listed
    ways: dict[str, None] = field(default_factory=dict)  # how they are hidden, in the order met
    struck: dict[str, None] = field(default_factory=dict)  # the struck-through texts listed, and how they are struck
    # The last table read, while a cell of it spans rows below its end (a CMS cut the form into two tables there):
    # its rows, its name, where it is in `blocks`, and how many hidden pieces of it were listed.
    cut: tuple[list, str, int, int] | None = None
    continued: list[str] = field(default_factory=list)  # the names of tables read on from the next <table>
    broken: list[Paragraph] = field(default_factory=list)  # paragraphs a <br> ended (`_titles_joined`)
    titles: list[str] = field(default_factory=list)  # titles a <br> broke over two lines, read as one
    pending: list[tuple[list[list[Run]], str]] = field(default_factory=list)  # hidden text inside the line: lines, way

    def end_line(self, at_br: bool = False) -> None:
        line, self.line = self.line, []
        pending, self.pending = self.pending, []
        shown = bool(_shown(_joined(line)))
        furniture = False
        if shown:
            self.paragraphs += 1
            paragraph = _page_paragraph(line, f"第{self.paragraphs}段")
            furniture = paragraph is None
            if paragraph is None:
                self.furniture.append(_shown(_joined(line)))
            else:
                self.blocks.append(paragraph)
                if at_br:
                    self.broken.append(paragraph)
        for lines, way in pending:
            if furniture:  # a hidden piece of a menu or of the page tools is the portal's, as its line is
                self.furniture += [_shown(_joined(hidden)) for hidden in lines]
            elif shown:
                self.listed([_shown(_joined(hidden)) for hidden in lines], f"第{self.paragraphs}段（隐藏文字）",
                            HIDDEN_TEXT_REASON, way)
            else:
                self.hidden_lines(lines, way)

    def listed(self, texts: list[str], where: str, reason: str, way: str) -> None:
        """Hidden texts listed 未放入 with why (one hidden element)."""
        texts = [text for text in texts if text]
        if texts and is_struck(way):  # struck through, not hidden: said so where it is and why
            self.struck.update(dict.fromkeys(texts))
            self.ways[way] = None
            where = where.replace("（隐藏文字）", "（删除线）").replace("（隐藏行）", "（删除线行）").replace(
                "（隐藏格）", "（删除线格）").replace("（隐藏）", "（删除线）")
            self.blocks += [Paragraph(text, where, STRUCK_REASON.format(way=way)) for text in texts]
        elif texts:
            self.hidden += 1
            self.ways[way] = None
            self.blocks += [Paragraph(text, where, reason.format(way=way)) for text in texts]

    def hidden_lines(self, lines: list[list[Run]], way: str) -> None:
        """A hidden block's lines after the last paragraph shown; those of the portal's furniture (a hidden drop-down
        menu, a QR code's caption) are furniture, as they would be if shown."""
        kept = [line for line in lines if _page_paragraph(line, "") is not None]
        self.furniture += [_shown(_joined(line)) for line in lines if line not in kept]
        self.listed([_shown(_joined(line)) for line in kept], f"第{self.paragraphs}段之后（隐藏）", HIDDEN_REASON, way)

    def caption(self, table) -> None:
        """The lines before a table, then its caption's as lines of their own."""
        self.end_line()
        for caption in table.xpath("./caption"):
            _walk(caption, self)
            self.end_line()

    def table(self, element) -> None:
        """A table of the form, after its caption (the form's title, when the page gives it so)."""
        self.caption(element)
        if self.continues(element):
            return
        self.tables += 1
        name = f"表{self.tables}"
        table, unshown = _html_table(element, name)
        table = self.title_cells(table)
        if _is_page_information(table):
            self.blocks += [Paragraph(" ".join(cell.text for cell in row if cell.text), f"{name} 第{r}行",
                                      PAGE_INFORMATION_REASON) for r, row in enumerate(table.rows, 1)
                            if any(cell.text for cell in row)]
            self.cells_unshown(unshown)
            return
        self.blocks.append(table)
        self.hidden_rows(element, name, 0)
        self.cells_unshown(unshown)
        rows = _table_rows(element)
        self.cut = (rows, name, len(self.blocks) - 1, len(unshown)) if _spans_past(rows) else None

    def title_cells(self, table: Table) -> Table:
        """The table with a title row's cell that a <br> breaks over two lines (`_broken_title`) read as one line."""
        rows = []
        for row in table.rows:
            texts = [cell for cell in row if cell.text]
            title = _broken_title(texts[0].text.split("\n")) if len(texts) == 1 else None
            if title is not None:
                self.titles.append(title)
                row = tuple(replace(cell, text=title) if cell is texts[0] else cell for cell in row)
            rows.append(row)
        return replace(table, rows=tuple(rows))

    def hidden_rows(self, element, name: str, shown: int) -> None:
        """The table's hidden rows, each listed after the row it follows (`shown`: the rows of the table above it)."""
        for row in _table_rows(element, shown=False):
            if not _hidden(row):
                shown += 1
                continue
            where = f"{name} 第{shown}行之后（隐藏行）" if shown else f"{name} 第1行之前（隐藏行）"
            self.listed([_hidden_text(cell) for cell in row.xpath("./td|./th")], where, HIDDEN_ROW_REASON,
                        hiding(row) or "")

    def continues(self, element) -> bool:
        """A table right after one cut while a cell of it spans rows below (a CMS splits a long form into tables of
        some rows each, cutting a merged 一级指标 cell): its first row is as many cells short as the spans cover,
        so it reads on in the first table, under those cells, as one table. Only a "续表" line may stand between,
        and the second table may start with the first one's header typed again: neither is read (a remark says so)."""
        cut, self.cut = self.cut, None
        if cut is None or not all(_is_read_paragraph(block) and CONTINUED.fullmatch(block.text)
                                  for block in self.blocks[cut[2] + 1:]):
            return False  # nothing cut, or a line between the two tables
        above, name, at, listed = cut
        rows = _table_rows(element)
        if rows and _row_texts(rows[0]) in [_row_texts(row) for row in above]:
            rows = rows[1:]  # the header repeated: a row the form has already
        width = max((len(row) for row in _html_table(None, name, above)[0].rows), default=0)
        if not rows or _carried(above) + _row_width(rows[0]) != width:
            return False
        joined, unshown = _html_table(element, name, above + rows)
        self.blocks[at + 1:] = []  # the "续表" lines: said in the remark
        self.blocks[at] = joined
        self.continued.append(name)
        self.hidden_rows(element, name, len(above))
        self.cells_unshown(unshown[listed:])
        self.cut = (above + rows, name, at, len(unshown)) if _spans_past(above + rows) else None
        return True

    def cells_unshown(self, unshown: list[tuple[str, str, str, str]]) -> None:
        """What a table's cells hide (`_html_table`): each piece listed where it is, with why."""
        for text, where, reason, way in unshown:
            self.listed([text], where, reason, way)

    def form_around_tables(self, element) -> None:
        """A form with tables inside some of its cells (the indicator table pasted into the “绩效指标” cell, as
        Word writes a nested table): the rows that hold a table are layout, their cells read as lines and the
        tables inside as tables; each run of the other rows is a table of the form, as in Word."""
        self.caption(element)
        piece: list = []
        for row in _table_rows(element) + [None]:
            if row is not None and not row.xpath(".//table"):
                piece.append(row)
                continue
            if piece:
                self.end_line()
                self.tables += 1
                table, unshown = _html_table(element, f"表{self.tables}", piece)
                self.blocks.append(table)
                self.cells_unshown(unshown)
                piece = []
            if row is not None:
                self.end_line()
                _walk(row, self)
                self.end_line()

    def hidden_element(self, element) -> None:
        """An element the page hides. Inside a line (a <span> amid a number's digits) the line goes on, as the
        browser shows it, and the hidden text is listed after it; a hidden block is listed where it stands."""
        way = hiding(element) or ""
        if element.tag not in NESTED:
            self.pending.append((_lines(_runs(element, in_cell=True)), way))
            return
        self.end_line()
        if element.tag in ("table", "tr"):
            where = f"第{self.paragraphs}段之后（隐藏）"
            self.listed([line for cell in element.xpath(".//td|.//th") for line in _hidden_text(cell).split("\n")],
                        where, HIDDEN_REASON, way)
        else:
            self.hidden_lines(_lines(_runs(element, in_cell=True)), way)


def _walk(element, reading: _PageReading, link: str | None = None) -> None:
    """The page laid out as a browser does: text runs on in the current line; a <br> ends it; a block (a paragraph, a
    heading, a layout table's cell) is a line of its own, before and after; a table of the form is read as a table
    where it stands (a notice typed after a table, with no <p> around it, stays between the tables it is between)."""
    if element.tag == "a" and element.get("href"):
        link = element.get("href")
    reading.line.append((element.text or "", link))
    for child in element:
        if not isinstance(child.tag, str):
            pass  # a comment: only its tail is text
        elif _hidden(child):
            reading.hidden_element(child)
        elif child.tag == "br":
            reading.end_line(at_br=True)
        elif child.tag == "table" and _is_form_table(child):
            reading.table(child)
        elif child.tag == "table" and _is_form_around_tables(child):
            reading.form_around_tables(child)
        elif child.tag in NESTED:
            reading.end_line()
            _walk(child, reading, link)
            reading.end_line()
        else:
            _walk(child, reading, link)
        reading.line.append((child.tail or "", link))


def _hidden(element) -> bool:
    return hiding(element) is not None


def _collapsed(cell) -> bool:
    """A cell the browser takes out of the table's layout (display:none, the hidden attribute): the cells after it
    move left. One hidden otherwise (visibility:hidden, white text, struck through) keeps its place."""
    return hiding(cell) in ("display:none", HIDDEN_ATTRIBUTE)


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _superscripts(root) -> list[str]:
    """Digits set as a superscript (<sup>): a footnote mark ("<sup>1</sup>2025年为预计数", "120.50<sup>1</sup>") or a
    unit's power ("m<sup>2</sup>") read as the superscript the page shows ("¹", "²"), as the PDF reader reads them: as
    plain digits they join the number beside them ("12025年", "120.501", a wrong figure). Returns the marks found."""
    marks: dict[str, None] = {}
    for sup in root.iter("sup"):
        text = sup.text or ""
        if len(sup) == 0 and text.strip().isdigit() and text.strip().isascii():
            sup.text = text.translate(SUPERSCRIPT)
            marks[sup.text.strip()] = None
    return list(marks)


def _titles_joined(reading: _PageReading) -> list[Block]:
    """The page's blocks, a title a <br> breaks over two lines (“某县民政局<br>2026年项目支出绩效目标表”, centred in a
    paragraph as a page lays it out) read as one: the form's title is one line, however the page wraps it."""
    blocks: list[Block] = []
    for block in reading.blocks:
        last = blocks[-1] if blocks else None
        if any(last is broken for broken in reading.broken) and _is_read_paragraph(last) \
                and _is_read_paragraph(block) and (title := _broken_title([last.text, block.text])) is not None:
            blocks[-1] = replace(last, text=title)
            reading.titles.append(title)
            continue
        blocks.append(block)
    return blocks


def _broken_title(lines: list[str]) -> str | None:
    """Two lines that are one title broken: the second is a title (TITLE_WORDS) that names no department, the first
    is no title nor a label or a sentence, and together they name the department before the year (NAMED_TITLE)."""
    if len(lines) != 2:
        return None
    head, rest = (line.strip() for line in lines)
    title = head + rest
    if not head or len(head) > 30 or TITLE_WORDS.search(head) or is_sentence(head) or "：" in head or ":" in head \
            or not TITLE_WORDS.search(rest) or NAMED_TITLE.search(rest) or not NAMED_TITLE.search(title):
        return None
    return title


def _spans_past(rows: list) -> bool:
    """A cell of the rows spans rows below the last (a browser cuts it at the table's end)."""
    return _carried(rows) > 0


def _carried(rows: list) -> int:
    """How many columns the rows' cells span into the row below their last, placed as `_html_table` places them."""
    taken: set[tuple[int, int]] = set()
    below: set[int] = set()
    for r, tr in enumerate(rows):
        c = 0
        for td in (cell for cell in tr.xpath("./td|./th") if not _collapsed(cell)):
            while (r, c) in taken:
                c += 1
            rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            if r + rowspan > len(rows):
                below.update(range(c, c + colspan))
            c += colspan
    return len(below)


def _row_texts(tr) -> tuple[str, ...]:
    return tuple(_cell_text(td) for td in tr.xpath("./td|./th") if not _collapsed(td))


def _row_width(tr) -> int:
    """How many columns a row's own cells take (those the page hides take none)."""
    return sum(_span(td.get("colspan")) for td in tr.xpath("./td|./th") if not _collapsed(td))


def _is_form_table(table) -> bool:
    """A table of the form, not of the page's layout: it holds no other table (old portals lay the whole page out
    in one, with the form's tables in its cells), and some row has two cells with text that is not a link (a row
    of menu links, or a one-cell frame around the article, is layout). A layout table's cells are read as blocks."""
    if table.xpath(".//table"):
        return False
    return any(sum(1 for cell in tr.xpath("./td|./th") if _shown("".join(cell.xpath(".//text()[not(ancestor::a)]"))))
               >= 2 for tr in _table_rows(table))


def _is_form_around_tables(table) -> bool:
    """A form that holds tables, not a page's layout: besides the rows that hold a table it has a row of two cells
    with text that is not a link (`_is_form_table`), and a row that holds a table has a label beside it and nothing
    else: each cell is a label with no table, or a table with no text of its own around it. A layout table's cell
    holds a whole article (headline, paragraphs and tables); its other rows are a banner and a footer."""
    rows = _table_rows(table)
    holding = [row for row in rows if row.xpath(".//table")]
    if not holding or not _has_text_pair([row for row in rows if row not in holding]):
        return False
    labelled = False
    for row in holding:
        for cell in row.xpath("./td|./th"):
            own = _text_around_tables(cell)
            if cell.xpath(".//table"):
                if own:
                    return False
            elif own:
                labelled = True
    return labelled


def _text_around_tables(cell) -> str:
    """A cell's text outside the tables in it."""
    bare = copy.deepcopy(cell)
    for table in bare.xpath(".//table"):
        table.drop_tree()
    return _shown(bare.text_content())


def _has_text_pair(rows: list) -> bool:
    return any(sum(1 for cell in tr.xpath("./td|./th") if _shown("".join(cell.xpath(".//text()[not(ancestor::a)]"))))
               >= 2 for tr in rows)


def _table_rows(table, shown: bool = True) -> list:
    """The table's rows; those the page hides left out (`shown`), as a browser leaves them out."""
    return [row for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr") if not (shown and _hidden(row))]


Run = tuple[str, "str | None"]  # a piece of text and the address of the link it is part of


def _runs(element, in_cell: bool, link: str | None = None, unshown: list[tuple[str, str]] | None = None
          ) -> list[Run | None]:
    """An element's text as the browser lays it out: runs, and None where a line ends (at <br>; in a table cell also
    around a block inside it). Outside a cell a nested block is a paragraph of its own and is left out here.
    With `unshown`, what the page hides inside the element is left out, as the browser leaves it out, and its text
    and how it is hidden are added there; without, every text is read (an element hidden as a whole)."""
    if element.tag == "a" and element.get("href"):
        link = element.get("href")
    runs: list[Run | None] = [(element.text or "", link)]
    for child in element:
        if not isinstance(child.tag, str):
            pass  # a comment: only its tail is text
        elif unshown is not None and _hidden(child):
            unshown.append((_hidden_text(child), hiding(child) or ""))
        elif child.tag == "br":
            runs.append(None)
        elif child.tag in NESTED:
            if in_cell:
                runs += [None, *_runs(child, in_cell, link, unshown), None]
        else:
            runs += _runs(child, in_cell, link, unshown)
        runs.append((child.tail or "", link))
    return runs


def _lines(runs: list[Run | None]) -> list[list[Run]]:
    """The runs cut where lines end; lines with no text left out."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        if run is None:
            lines.append([])
        else:
            lines[-1].append(run)
    return [line for line in lines if _shown(_joined(line))]


def _joined(line: list[Run], links: bool = True) -> str:
    return "".join(text for text, link in line if links or link is None)


def _page_paragraph(line: list[Run], location: str) -> Paragraph | None:
    """A line of the page outside the form's tables as a paragraph; None for the portal's furniture around the form.

    A line all of whose words are links (menus, breadcrumbs, lists of other articles, share and print links) points
    to other pages; breadcrumbs, tools and footer say what they are (PAGE_FURNITURE). Neither is listed 未放入: there is
    nothing in them to enter, and a portal has dozens. A link to a file (附件) and the publishing line are listed,
    with why they were not read: the attachment may be the form itself, and the line carries a date."""
    text = _shown(_joined(line))
    # A CMS serves its attachments from an address without the file's name ("/attach/download?id=8812"): the link's
    # text names the file ("1.某单位2026年项目支出绩效目标表.xls").
    files = [link for piece, link in line if link and piece.strip()
             and (FILE_LINK.search(link) or FILE_LINK.search(piece.strip()))]
    if files:
        return Paragraph(text, location, ATTACHMENT_REASON.format(link="、".join(dict.fromkeys(files))))
    labels = set(PUBLISHING_LABEL.findall(text))
    if len(labels) >= 2 or (labels and PAGE_TOOLS.search(text)):
        return Paragraph(text, location, PUBLISHING_REASON)
    plain = _shown(_joined(line, links=False))
    if not WORD.search(plain) or PAGE_FURNITURE.search(text) or PAGE_FURNITURE.search(plain):
        return None
    return Paragraph(text, location)


def _headline_yields(blocks: list[Block]) -> list[Block]:
    """The article's headline is the line above the publishing line, or on a 政府信息公开目录 page the line below its
    table of page information (索引号, 发布机构, …) when none is above. When the form below has its own title, that
    title is the filing's, as in the form by itself: the headline is listed 未放入 instead of taking its place."""
    publishing = next((n for n, block in enumerate(blocks) if _unread_as(block, PUBLISHING_REASON)), None)
    information = [n for n, block in enumerate(blocks) if _unread_as(block, PAGE_INFORMATION_REASON)]
    if publishing and _is_read_paragraph(blocks[publishing - 1]):
        at = publishing - 1
    elif information and not (information[0] and _is_read_paragraph(blocks[information[0] - 1])) \
            and information[-1] + 1 < len(blocks) and _is_read_paragraph(blocks[information[-1] + 1]):
        at = information[-1] + 1
    else:
        return blocks
    headline = blocks[at]
    own = next((text for text in _title_lines(blocks[at + 1:]) if text != headline.text), None)
    if own is None:
        return blocks
    reason = f"网页的文章标题；原表有自己的标题“{own}”，文件名称按原表录入，这一行未录入"
    return blocks[:at] + [replace(headline, unread=reason)] + blocks[at + 1:]


def _unread_as(block: Block, reason: str) -> bool:
    return isinstance(block, Paragraph) and block.unread == reason


def _is_read_paragraph(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.unread is None


def _is_page_information(table: Table) -> bool:
    """A 政府信息公开目录 page's table of what the page is (索引号, 主题分类, 发布机构, 生成日期, 文号): cells that are
    its labels alone, two of them labels no form has (a form's own 发布日期 or 名称 is no sign)."""
    labels = {match.group() for row in table.rows for cell in row
              if (match := PAGE_INFORMATION_LABEL.fullmatch(re.sub(r"[\s:：]", "", cell.text)))}
    return len(labels - GENERAL_INFORMATION) >= 2


def _page_information_lines(blocks: list[Block]) -> list[Block]:
    """The page information of a 信息公开目录 page given as lines ("索引号：…", "发布机构：…", "发布日期：…", each a <li>):
    a run of paragraphs each starting with such a label, two of them labels no form has, is listed as the table is."""
    blocks = list(blocks)
    start = 0
    while start < len(blocks):
        end, labels = start, set()
        while end < len(blocks) and _is_read_paragraph(blocks[end]) \
                and INFORMATION_LABEL.match(text := re.sub(r"\s", "", blocks[end].text)):
            labels.update(INFORMATION_LABEL.findall(text))
            end += 1
        if len(labels - GENERAL_INFORMATION) >= 2:
            blocks[start:end] = [replace(block, unread=PAGE_INFORMATION_REASON) for block in blocks[start:end]]
        start = max(end, start + 1)
    return blocks


def _title_lines(blocks: list[Block]):
    """Texts that would be read as the form's title: paragraphs, and table rows with one cell of text."""
    for block in blocks:
        if isinstance(block, Paragraph):
            texts = [block.text] if block.unread is None else []
        else:
            texts = [cells[0] for row in block.rows if len(cells := [cell.text for cell in row if cell.text]) == 1]
        yield from (text for text in texts if TITLE_WORDS.search(text) or SELF_EVALUATION_TITLE.search(text))


def _furniture_remark(furniture: list[str]) -> tuple[str, ...]:
    if not furniture:
        return ()
    examples = "”“".join(text[:20] for text in furniture[:3])
    return (f"网页中的导航、栏目位置、打印分享、相关文章链接和页脚等网站界面文字共 {len(furniture)} 段"
            f"（如“{examples}”），不是原表的内容，未读入，也不列在“未放入”中。",)


def _shown(text: str) -> str:
    """Text as a browser shows it: a run of spaces and line breaks is one space, while a non-breaking space is a
    space of its own and a full-width space stays, so the gap a page puts between two labels on a line is kept."""
    return HTML_SPACE.sub(" ", text).replace("\xa0", " ").strip()


def _cell_text(cell, unshown: list[tuple[str, str]] | None = None) -> str:
    """A cell's lines as the browser shows them (split at <br> and at the paragraphs inside it) kept as line breaks,
    as Word's are; what the page hides in it left out (and added to `unshown`, with how it is hidden)."""
    unshown = [] if unshown is None else unshown
    return "\n".join(_shown(_joined(line)) for line in _lines(_runs(cell, True, unshown=unshown)))


def _hidden_text(element) -> str:
    """All the text of an element the page hides (or of a cell of a hidden row), its lines kept as line breaks."""
    return "\n".join(_shown(_joined(line)) for line in _lines(_runs(element, in_cell=True)))


def _html_table(element, name: str, piece: list | None = None) -> tuple[Table, list[tuple[str, str, str, str]]]:
    """The table's cells on one grid; only the rows of `piece` when given (the rows of a form around other tables
    that hold none), a row span cut where the piece ends, as a browser cuts it at the table's end. Also what the
    page hides in it (text, location, reason, way): a cell the page takes out (`_collapsed`) is left out of its row as
    the browser leaves it out (the cells after it move left); a cell only kept from the eye (white text, struck through,
    visibility:hidden) keeps its place, empty; hidden text inside a cell is left out of the cell's text."""
    grid: dict[tuple[int, int], Cell] = {}
    unshown: list[tuple[str, str, str, str]] = []
    rows = _table_rows(element) if piece is None else piece
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.xpath("./td|./th"):
            if _collapsed(td):
                unshown.append((_hidden_text(td), f"{name} 第{r + 1}行（隐藏格）", HIDDEN_REASON, hiding(td) or ""))
                continue
            while (r, c) in grid:
                c += 1
            location = f"{name} 第{r + 1}行第{c + 1}格"
            inside: list[tuple[str, str]] = []
            if _hidden(td):
                unshown.append((_hidden_text(td), f"{location}（隐藏格）", HIDDEN_REASON, hiding(td) or ""))
            grid[(r, c)] = Cell("" if _hidden(td) else _cell_text(td, inside), location)
            unshown += [(text, f"{location}（隐藏文字）", HIDDEN_TEXT_REASON, way) for text, way in inside]
            rowspan = _span(td.get("rowspan"))
            colspan = _span(td.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        grid[(r + dr, c + dc)] = Cell("", f"{name} 第{r + dr + 1}行第{c + dc + 1}格", location)
            c += colspan
            width = max(width, c)
    height = max((r for r, _ in grid), default=-1) + 1
    if piece is not None:
        height = min(height, len(piece))
    table_rows = tuple(
        tuple(grid.get((r, c), Cell("", f"{name} 第{r + 1}行第{c + 1}格")) for c in range(width))
        for r in range(height))
    return Table(table_rows, name), unshown


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
