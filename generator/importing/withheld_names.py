"""A withheld notice that names its project instead of giving its number ("注：战备公路养护项目涉密，不予公开。").

A notice with a number is read where it stands (`projects.withheld`). One with a name only is matched, once the
whole form is read, against the names of the projects read: a name the notice gives exactly (quotes, spaces aside)
and one project only has, in one row of a project list, is that project. It is withheld: its record is replaced by a
withheld record of its 序号 (none when it has no 序号) and every cell of its rows in the list is listed 未放入, never
published. A name that matches no project, or more than one, or a project read from a form of its own, is not
decided by a guess: the notice is listed, saying why.
"""

from __future__ import annotations

import re
from typing import Any

from .document import Block, Cell, Paragraph, Table
from .layouts import TABLE_NOTE, normalize
from .projects import WITHHELD_WORDS, withheld, withheld_fields

# What ends the project's name in a notice: the reason, the withheld words or the first comma.
NAME_END = re.compile(rf"(因为|因|由于|系|属于|涉及|涉密|[，,；;。]|{WITHHELD_WORDS})")
PROJECT_NAME_LABELS = {"项目名称", "名称"}
QUOTES = "“”\"'‘’《》「」"
UNMATCHED = ("原表的不公开说明写了项目名称“{name}”而没有序号：{why}，导入不猜测是哪一个项目，未录入；"
             "请核对后手工录入不予公开记录，并确认该项目的内容没有公开")
WITHHELD_CELL = ("原表说明“{notice}”指出这个项目不予公开：它在项目表中的内容未录入，也不在网站上显示"
                 "（不予公开记录只记序号、理由和依据）")


def notice_name(text: str) -> str | None:
    """The project's name a notice without a number gives before its reason ("战备公路养护项目"); None for a
    notice with a number, or with no name before its words."""
    if not re.search(WITHHELD_WORDS, text) or withheld(text):
        return None
    body = text[note.end() - 1:] if (note := TABLE_NOTE.match(text)) else text
    name = NAME_END.split(body, maxsplit=1)[0].strip().strip(QUOTES).strip()
    return name if 2 <= len(name) <= 60 else None


def withhold_named(blocks: tuple[Block, ...], projects: list[dict[str, Any]], placed: set[str],
                   why_not: dict[str, str], notes: set[str]) -> None:
    """Each notice of the form not placed yet that names one listed project (see the module's docstring). `notes`:
    the locations listed as a note on the table above (“注：……”), whose general reason a notice's own replaces."""
    for location, text in _notices(blocks, placed):
        name = notice_name(text)
        if name is None:
            continue
        key = _plain(name)
        alike = [p for p in projects if "withheld" not in p and _plain(p.get("name", "")) == key]
        row = _list_row(blocks, alike[0], placed) if len(alike) == 1 else None
        if row is None:
            why = ("项目表中没有这个名称的项目" if not alike else f"有{len(alike)}处同名的项目（或同一项目的几张表）" if len(alike) > 1
                   else "同名的项目不只是项目表中的一行（有单独的表）")
            if location not in why_not or location in notes:  # a reason of its own kept; a note's said better
                why_not[location] = UNMATCHED.format(name=name, why=why)
            continue
        project = alike[0]
        at = projects.index(project)
        record = _withheld_record(project, text, name)
        projects[at:at + 1] = [record] if record else []
        placed.add(location)
        for cell in _project_cells(blocks, row, placed):
            if record and cell.text.strip() == str(project["number"]):
                continue  # its 序号: in the withheld record
            placed.discard(cell.location)
            why_not[cell.location] = WITHHELD_CELL.format(notice=text)


def _plain(name: str) -> str:
    return re.sub(r"\s", "", name).strip(QUOTES)


def _notices(blocks: tuple[Block, ...], placed: set[str]):
    """The form's lines not placed that hold withheld words: paragraphs, and table rows of one cell of text."""
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.location not in placed and block.unread is None and re.search(WITHHELD_WORDS, block.text):
                yield block.location, block.text.strip()
            continue
        for row in block.rows:
            texts = [cell for cell in row if cell.text and not cell.merged_from]
            if len(texts) == 1 and texts[0].location not in placed and re.search(WITHHELD_WORDS, texts[0].text):
                yield texts[0].location, texts[0].text.strip()


def _withheld_record(project: dict[str, Any], notice: str, name: str) -> dict[str, Any] | None:
    number = project.get("number")
    if not isinstance(number, int):
        return None
    redaction, notes = withheld_fields(notice)
    notes.append({"field": "withheld.numbers", "text": f"原表说明没有写序号，写的是项目名称“{name}”；项目表中只有第{number}号"
                                                       "项目是这个名称，编者录入为它的不予公开记录，它在表中的内容未录入。"})
    return {"withheld": {"numbers": [number, number]} | redaction, "notes": notes}


def _list_row(blocks: tuple[Block, ...], project: dict[str, Any], placed: set[str]) -> str | None:
    """The location of the project's name in a project list's row: the one placed cell of its name, in a row of three
    cells or more that labels nothing (a form's "项目名称 | …" row is a form of its own, not a list's row)."""
    name = _plain(project.get("name", ""))
    found = [(cell, row) for table in blocks if isinstance(table, Table) for row in table.rows for cell in row
             if cell.text and cell.location in placed and _plain(cell.text) == name]
    if len(found) != 1:
        return None
    cell, row = found[0]
    texts = [normalize(other.text) for other in row if other.text]
    return cell.location if len(texts) >= 3 and not PROJECT_NAME_LABELS & set(texts) else None


def _project_cells(blocks: tuple[Block, ...], name_location: str, placed: set[str]) -> list[Cell]:
    """The placed cells of the list's row that holds the project's name, and of the rows right under it that go on
    with it (its indicators: nothing in the name's column) until the next row with a name."""
    for table in (block for block in blocks if isinstance(block, Table)):
        for r, row in enumerate(table.rows):
            column = next((c for c, cell in enumerate(row) if cell.location == name_location), None)
            if column is None:
                continue
            cells = [cell for cell in row if cell.text and cell.location in placed]
            for below in table.rows[r + 1:]:
                mine = [cell for cell in below if cell.text and cell.location in placed]
                if column >= len(below) or (below[column].text and not below[column].merged_from) or not mine:
                    break
                cells += mine
            return cells
    return []
