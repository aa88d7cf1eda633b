"""Reader for text copied from a web page (.txt) and for saved web pages (.html/.htm).

Copied text has two table layouts, both in `content/sources/*.txt`: one row per line with
tab-separated cells, and one cell per line (each line starts with a tab, a blank line ends
the row). Lines without a tab are paragraphs. Word's `[bookmark: …]` markers are export
debris and are dropped; rows made only of dashes are the export's ruled lines.

HTML goes through lxml: every <table> becomes a table (rowspan/colspan become covered cells
that name their top-left cell), every other block of text a paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path

from .document import Block, Cell, ImportFailure, Paragraph, SourceDocument, Table

BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div")  # what makes a paragraph outside tables
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
RULE = re.compile(r"^-+$")
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # the whitespace a browser collapses to one space


def read(path: Path) -> SourceDocument:
    raw = path.read_bytes()
    text = _decode(path, raw)
    if path.suffix.lower() in (".html", ".htm"):
        return _read_html(path, text)
    return _read_text(path, text)


def _decode(path: Path, raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailure(f"{path}：文件既不是 UTF-8 也不是 GBK 编码的文字，无法读取。请用文本编辑器另存为 UTF-8 后再导入。")


def _read_text(path: Path, text: str) -> SourceDocument:
    lines = [BOOKMARK.sub("", line).rstrip("\r") for line in text.split("\n")]
    blocks: list[Block] = []
    remarks: list[str] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        if "\t" in line:
            end = _table_end(lines, number)
            table, dropped = _table(lines, number, end)
            blocks.append(table)
            remarks.extend(dropped)
            number = end
            continue
        if line.strip():
            blocks.append(Paragraph(line.strip(), f"第{number + 1}行"))
        number += 1
    return SourceDocument(path, tuple(blocks), tuple(remarks))


def _table_end(lines: list[str], start: int) -> int:
    """A table runs over tabbed lines and the blank lines between them."""
    end = start
    probe = start
    while probe < len(lines):
        line = lines[probe]
        if "\t" in line:
            end = probe + 1
        elif line.strip():
            break
        probe += 1
    return end


def _one_cell_per_line(lines: list[str]) -> bool:
    tabbed = [line for line in lines if line.strip() or "\t" in line]
    return all(line.startswith("\t") and line.count("\t") == 1 for line in tabbed if "\t" in line)


def _table(lines: list[str], start: int, end: int) -> tuple[Table, list[str]]:
    part = lines[start:end]
    rows: list[tuple[Cell, ...]] = []
    dropped: list[str] = []
    if _one_cell_per_line(part):
        row: list[Cell] = []
        for offset, line in enumerate(part):
            if "\t" in line:
                row.append(Cell(line[1:].strip(), f"第{start + offset + 1}行"))
            elif row:
                rows.append(tuple(row))
                row = []
        if row:
            rows.append(tuple(row))
    else:
        for offset, line in enumerate(part):
            if "\t" not in line:
                continue
            number = start + offset + 1
            texts = [cell.strip() for cell in line.split("\t")]
            if all(RULE.match(t) for t in texts if t) and any(texts):
                dropped.append(f"第{number}行是导出时的分隔线（{'、'.join(t for t in texts if t)}），未作为内容读取。")
                continue
            rows.append(tuple(Cell(t, f"第{number}行第{column + 1}格") for column, t in enumerate(texts)))
    return Table(tuple(rows), f"第{start + 1}–{end}行"), dropped


def _read_html(path: Path, text: str) -> SourceDocument:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml's own error names the problem; say it in Chinese too
        raise ImportFailure(f"{path}：无法读取网页内容（{exc}）。") from exc
    for junk in root.xpath("//script|//style|//head"):
        junk.drop_tree()
    blocks: list[Block] = []
    tables = 0
    paragraphs = 0
    for element in root.iter():
        if element.tag == "table":
            if element.xpath("ancestor::table"):
                continue
            tables += 1
            blocks.append(_html_table(element, f"表{tables}"))
        elif element.tag in BLOCKS and not element.xpath("ancestor::table"):
            own = _own_text(element)
            if own:
                paragraphs += 1
                blocks.append(Paragraph(own, f"第{paragraphs}段"))
    return SourceDocument(path, tuple(blocks))


def _own_text(element) -> str:
    """Text of a block element without the text of nested blocks (those are paragraphs of their own)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in BLOCKS or child.tag in ("table", "ul", "ol"):
            parts.append(child.tail or "")
        else:
            parts.append(child.text_content() + (child.tail or ""))
    return _shown("".join(parts))


def _shown(text: str) -> str:
    """Text as a browser shows it: a run of spaces and line breaks is one space, while a non-breaking space is a
    space of its own and a full-width space stays, so the gap a page puts between two labels on a line is kept."""
    return HTML_SPACE.sub(" ", text).replace("\xa0", " ").strip()


def _html_table(element, name: str) -> Table:
    grid: dict[tuple[int, int], Cell] = {}
    rows = element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in grid:
                c += 1
            location = f"{name} 第{r + 1}行第{c + 1}格"
            grid[(r, c)] = Cell(_shown(td.text_content()), location)
            rowspan = _span(td.get("rowspan"))
            colspan = _span(td.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        grid[(r + dr, c + dc)] = Cell("", f"{name} 第{r + dr + 1}行第{c + dc + 1}格", location)
            c += colspan
            width = max(width, c)
    height = max((r for r, _ in grid), default=-1) + 1
    table_rows = tuple(
        tuple(grid.get((r, c), Cell("", f"{name} 第{r + 1}行第{c + 1}格")) for c in range(width))
        for r in range(height))
    return Table(table_rows, name)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
