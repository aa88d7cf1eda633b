"""A person's contact at the end of a published text ("…按时足额发放低保金。（联系人：李四，13800001234）").

Departments end a goal's (or a project's 资金用途) text with whom to ask about it. The text is published; the person
is not: a filing's only people are its `contact` (填报人, 联系电话), unpublished by default. Such a clause at the end of
a text — in brackets or after the sentence's end — is cut off and listed as not placed, with the reason, when it names
a person (a 联系人, 负责人, 经办人 … label) or holds a mobile number, an ID number or an e-mail address. A unit's public
line ("服务热线：12345", "监督电话：0571-12345678") names no person and stays as filed.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .document import Block, Paragraph
from .layouts import FILER, PERSON_LABEL, normalize

MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# The clause: bracketed at the text's end, or a last sentence after 。；; or a line break (a comma in it: "联系人：李四，
# 138…"); an export's rich text ends with its tags ("<p>……（联系人：…）</p>", "…。<br>联系人：…"), which stay.
CLAUSE = re.compile(r"(?:[（(](?P<bracketed>[^（）()]+)[）)]|(?<=[。；;\n>])(?P<sentence>[^。；;\n<>]+))[。.]?\s*$")
END_TAGS = re.compile(r"(\s|</?p>|<br\s*/?>)+$", re.IGNORECASE)
OPEN_TAGS = re.compile(r"(\s|<p>|<br\s*/?>)+$", re.IGNORECASE)
LABEL = re.compile(r"^\s*(?P<label>[^：:，,\s\d]{2,12}?)\s*[：:]")
REASON = ("原文文字末尾的这一句是个人的姓名或联系方式，随文字录入就会公开；文件只录入填报人和联系电话（默认不公开），"
          "这一句未录入，前面的文字照原文录入")
# What the published text says of the cut: the reader learns that the form's text went on, never what it said.
NOTE = "原表这段文字末尾写有个人的姓名或联系方式，本站不公开，未录入；前面的文字照原表录入。"
# The published texts a department may end with a contact: goals' and sections' texts, a project's 资金用途, a task's
# 主要内容, the filing's 职能, 年度工作任务 and 总体目标.
TEXT_KEYS = {"text", "purpose", "content", "functions", "annual_tasks", "overall_goal"}


def personal_clause(text: str) -> str | None:
    """The clause at the end of `text` that is a person's contact, as written (brackets included); None if none."""
    found = CLAUSE.search(END_TAGS.sub("", text))
    if found is None:
        return None
    body = found.group("bracketed") or found.group("sentence")
    labelled = LABEL.match(body)
    label = normalize(labelled.group("label")) if labelled else ""
    person = label in FILER or PERSON_LABEL.match(label) is not None or label.endswith("联系人")
    if person or MOBILE.search(body) or ID_NUMBER.search(body) or EMAIL.search(body):
        return found.group(0).strip()
    return None


def without_personal_clauses(filing: dict[str, Any], blocks: tuple[Block, ...]) -> list[tuple[str, str, str]]:
    """Every published text of `filing` without the person's clause at its end (the text before it kept as filed);
    returns each clause cut as (location, clause, reason) for the report, at the cell or line that held it."""
    cut: list[tuple[str, str, str]] = []
    for holder, key in list(_texts(filing)):  # listed first: a note is added to the records walked
        text = holder[key]
        clause = personal_clause(text)
        if clause is None:
            continue
        kept = _before(text, clause)
        if kept:
            holder[key] = kept
        else:  # the text was only the contact: nothing of it is published
            del holder[key]
        _note_the_cut(filing, holder, key)
        cut.append((_location(blocks, text), clause, REASON))
    return cut


def _note_the_cut(filing: dict[str, Any], holder: dict[str, Any], key: str) -> None:
    """A visible 编者注 where the text was cut (the published text is not the form's whole text): on its record,
    or, for a chapter (`sections`: no notes of its own), on the filing, naming the chapter."""
    if holder is not filing and set(holder) <= {"title", "text"}:  # a chapter: its title and text only
        filing.setdefault("notes", []).append({"text": f"“{holder['title']}”一节：{NOTE}"})
    else:
        holder.setdefault("notes", []).append({"field": key, "text": NOTE})


def _before(text: str, clause: str) -> str:
    """`text` without `clause` at its end; the export's closing tag kept, an opening one left empty dropped
    ("<p>A。</p><p>联系人：…</p>" → "<p>A。</p>", "<p>A。（联系人：…）</p>" → "<p>A。</p>")."""
    core = END_TAGS.sub("", text)
    tail = text[len(core):].strip()
    before = OPEN_TAGS.sub("", core[:core.rfind(clause)])
    return before if not before or before.lower().endswith("</p>") else before + tail


def _texts(value: Any) -> Iterator[tuple[dict[str, Any], str]]:
    """Each (dict, key) holding a published text; the contact and the editor's notes are none."""
    if isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in TEXT_KEYS and isinstance(item, str):
                yield value, key
            elif key not in ("contact", "notes"):
                yield from _texts(item)


def _location(blocks: tuple[Block, ...], text: str) -> str:
    """Where the form holds `text` (its cell or line); "" when it was put together from several."""
    wanted = text.strip()
    for block in blocks:  # the whole text, or a cell's value after its label ("年度目标：……")
        if isinstance(block, Paragraph):
            if wanted in block.text:
                return block.location
            continue
        for row in block.rows:
            for cell in row:
                if wanted in cell.text:
                    return cell.location
    return ""
