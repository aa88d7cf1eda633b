"""What every reader produces: a document of located tables and paragraphs, in reading order.

Every format is reduced to this one shape so that layout recognition is written once.
A merged range keeps its text in its top-left position only; the positions it covers are
empty cells that name that top-left cell in `merged_from` (a text export shows a merged
label the same way: once, then empty cells), so recognition fills labels down itself and
can tell a merged label from a cell the department left empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence


@dataclass(frozen=True)
class Cell:
    text: str  # as shown in the source, verbatim (no trimming beyond what the reader must do)
    location: str  # where a person finds it: "Sheet1!C14", "表3 第5行第2列", "第2页 表1 第3行第2列", "第12行第3格"
    merged_from: str | None = None  # the top-left cell's location when a merged range covers this position
    # A spreadsheet cell that holds a number, its text rebuilt from the value: a code typed into one has lost its
    # leading zeros (unless the format shows them) and every digit past Excel's 15th.
    number: bool = False


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    location: str  # "Sheet1", "表3", "第2页 表1", "第40–75行"


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: str  # "第3段", "第12行", "第2页 第5行"
    # Why the reader already knows this paragraph is no part of the form, but a person must see it (a web page's
    # publishing line, a link to an attachment): it is not read, and is listed 未放入 with this reason.
    unread: str | None = None


Block = Table | Paragraph


def hidden_reason(what: str, application: str, not_read: str = "没有读入") -> str:
    """Why text an application hides is not read (Word's hidden text and rows, Excel's hidden sheets and rows): it is
    neither shown nor printed, and may be what the department took out (a withheld project, a draft)."""
    return (f"{what}（正常显示和打印时都看不到），{not_read}；如果应当公开，请在 {application} 中取消隐藏后重新导入，"
            "或手工录入")


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    blocks: tuple[Block, ...]  # in reading order
    # What the reader noticed and did not act on: hidden sheets or rows, formulas without a cached
    # value, macros (never run). Each is a sentence in Chinese for the import report.
    remarks: tuple[str, ...] = field(default=())


class ImportFailure(Exception):
    """A file that cannot be imported: the message says why, in Chinese, and what to do. Nothing is written."""


def continue_cut_merges(last: tuple[Cell, ...], rows: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """`rows` after a page break under `last`: an empty cell of its own opening them under a merged cell is the
    rest of that merge (the break cut it in two), and so are the cells merged with it below."""
    relinked: dict[str, str] = {}
    for above, below in zip(last, rows[0] if rows else ()):
        if above.merged_from and not below.text and not below.merged_from:
            relinked[below.location] = above.merged_from
    if not relinked:
        return rows
    return [tuple(_relinked(cell, relinked) for cell in row) for row in rows]


def _relinked(cell: Cell, relinked: dict[str, str]) -> Cell:
    origin = relinked.get(cell.location) or relinked.get(cell.merged_from or "")
    return Cell(cell.text, cell.location, origin) if origin else cell


def spacer_rows(rows: Sequence[Sequence[Cell]], continues: Callable[[Sequence[Cell]], bool]) -> set[int]:
    """Blank rows a department left inside a table (between groups of indicators, between two projects), given as
    the rows' ids: the blank rows right before a row that `continues` the table. A blank row ends a table of a real
    grid; these do not, and the rows after them are read on instead of listed cell by cell."""
    spacers: set[int] = set()
    blank: list[int] = []
    for row in rows:
        if not any(cell.text or cell.merged_from for cell in row):
            blank.append(id(row))
            continue
        if blank and continues(row):
            spacers.update(blank)
        blank = []
    return spacers
