"""Goals: where a new goal belongs (the department or a project), its id, years and indicators.

A goal starts at a goal line ("年度目标：…"), at a form row naming one, or at an indicator table
with no goal waiting for it. Project goals carry ids the content format shows as a pair
("medium"/"annual"); department goals are numbered g1, g2 ….
"""

from __future__ import annotations

import re
from typing import Any

from .assembly_state import AssemblyState
from .department import is_form_label
from .document import Cell, Table
from .form_rows import FormRow
from .indicators import MID_PARTS, in_field_order
from .layouts import (BRACKETED, PROJECT_GOAL_COLUMNS, STRUCTURE_LABELS, indicator_column, is_indicator_header,
                      normalize)
from .projects import form_pairs, project_row_columns

GOAL_START = re.compile(r"^(?P<kind>年度|长期|中期|中长期|实施期)(绩效)?(总)?目标\s*\d*\s*(?P<rest>.*)$")
# 中长期目标 (a department form's goal beyond the year): the content format has 中期 and 长期 goals only; the
# form's 中长期 is the medium-term plan's period, so the goal is filed as 中期 and a note says so.
MID_LONG_NOTE = {"field": "kind", "text": "原表写作“中长期目标”；本网站的目标分长期、中期、年度三类，编者列为中期目标。"}
# 实施期目标 (浙江 and the central departments' forms): the goal of the project's whole period, beside its 年度目标 as
# 中期目标 stands on other forms (its years, when given, are the span); filed as 中期, a note says so.
PERIOD_NOTE = {"field": "kind", "text": "原表的“实施期”目标是项目整个实施期的目标；本网站的目标分长期、中期、年度三类，"
                                        "编者列为中期目标。"}
FILED_AS_MEDIUM = {"中长期": MID_LONG_NOTE, "实施期": PERIOD_NOTE}  # the form's word → the note on the 中期 goal
DEADLINE = re.compile(r"截止\s*(\d{4})\s*年")
YEAR_RANGE = re.compile(r"(\d{4})\s*年?\s*[-—–－~～至到]+\s*(\d{4})\s*年")  # a goal's years: "2026-2028年"
PLAIN_GOAL_LABELS = {"年度目标", "年度绩效目标", "中期目标", "中期绩效目标", "长期目标", "长期绩效目标"}
# What may follow 中期目标 in a column head: nothing, or its years in brackets ("中期目标（2026-2028年）").
GOAL_HEAD_REST = re.compile(r"^\s*([（(][^（()）]*[)）])?\s*$")
OVERALL_GOAL_LABELS = ("整体绩效总目标", "总体目标", "项目总体目标")
# A department's goal as a numbered paragraph: "目标1：完成……" (titled 目标1) or "1.完成……" (the whole paragraph).
NUMBERED_GOAL = re.compile(r"^(?P<label>目标\s*[0-9一二三四五六七八九十]{1,2})\s*[:：]\s*(?P<rest>\S.*)$")
NUMBERED_ITEM = re.compile(r"^([0-9]{1,2}[.．、](?!\d)|[（(][0-9一二三四五六七八九十]{1,2}[）)])")
GoalLine = tuple[str, str | None, str, str]  # kind, title (None for a label that only names the row), label, text


def goal_line(text: str) -> GoalLine | None:
    """"年度目标：完成农村公路日常养护300公里。" → ("年度", None, "年度目标", "完成…"): a goal's label and its text on
    one line. 绩效目标, 总体目标 and the other words of a goal column are 年度 goals; a label that says more than
    the kind ("年度目标1", "中期目标（2025年—2027年）") is the goal's title, as in a form's row."""
    parts = re.split(r"[:：]", text.strip(), maxsplit=1)
    if len(parts) < 2 or not parts[1].strip():
        return None
    label, rest = parts
    plain = normalize(BRACKETED.sub("", label))
    start = GOAL_START.match(plain)
    if start and not start.group("rest"):
        kind = start.group("kind")
    elif plain in PROJECT_GOAL_COLUMNS or plain in OVERALL_GOAL_LABELS:
        kind = "年度"
    else:
        return None
    named = normalize(label) in PLAIN_GOAL_LABELS | PROJECT_GOAL_COLUMNS | set(OVERALL_GOAL_LABELS)
    return kind, None if named else label.strip(), label.strip(), rest.strip()


class Goals(AssemblyState):
    def _start_goal(self, kind: str, title: str | None, text: str | None, origin: str,
                    same_project: bool = False, department: bool = False) -> None:
        """`department`: the reading knows the goal is the department's (never the start of the projects)."""
        as_medium = FILED_AS_MEDIUM.get(kind)
        kind = "中期" if as_medium else kind
        if not self.in_projects and not department and self._starts_projects(kind, origin):
            self.in_projects = True
            self.notes.append({"field": "projects", "text": "原文在部门整体指标表之后另有带指标表的年度目标；"
                                                            "编者把它们各读作一个项目。"})
        goal = _new_goal(kind, title, text, origin)
        if as_medium:
            goal["notes"] = [dict(as_medium)]
        goals = self._goal_owner(kind, same_project)
        goal["id"] = f"g{len(goals) + 1}"
        if self.in_projects and kind == "中期" or same_project:  # named as the content format shows the pair
            goal["id"] = {"中期": "medium", "年度": "annual"}.get(kind, goal["id"])
        goals.append(goal)
        self.goal = goal
        self.goal_table_used = False

    def _goal_owner(self, kind: str, same_project: bool) -> list[dict[str, Any]]:
        """The goals list a new goal joins: the department's, or the current project's (a new one if it is full)."""
        if not self.in_projects:
            return self.goals
        if self.project is None or (not same_project and self._project_has_goal(kind)):
            self._new_project({})
            if "name" not in self.project:
                self.project.setdefault("notes", []).append(
                    {"field": "name", "text": "原文未带出此项目的名称和金额，项目名称空缺；项目内容见年度目标。"})
        assert self.project is not None
        return self.project.setdefault("goals", [])

    def _project_has_goal(self, kind: str) -> bool:
        """The current project is complete for a new goal of this kind: it has one, or its goals have indicators."""
        assert self.project is not None
        goals = self.project.get("goals", [])
        return any(goal["kind"] == kind for goal in goals) or bool(goals and goals[-1].get("indicators"))

    def _starts_projects(self, kind: str, origin: str) -> bool:
        """A goal line of its own (outside any table) of a kind the department already has, after a complete
        indicator table: a system export's project goals ("* 年度目标：") follow the department form."""
        tables = {goal.get("_origin") for goal in self.goals}
        return not self.in_table and bool(self.goals) and any(goal["kind"] == kind for goal in self.goals) \
            and origin not in tables and bool(self.goals[-1].get("indicators"))

    def _project_goal_line(self, text: str) -> GoalLine | None:
        """"年度目标：…" while a project is open: that project's goal, its label structure (as in a form's row). A
        department's goal line keeps its label in the text (see `_goal_line`)."""
        return goal_line(text) if self.in_projects and self.project is not None else None

    def _numbered_goal(self, text: str, location: str) -> bool:
        """A department's goal written as a numbered paragraph ("目标1：…", "1.…") with its indicator table right after
        it: that table's goal; "目标2：…" after a goal's table is the next goal. Numbered paragraphs listed one after
        another before a table stay the chapter's text: the form does not say which of them the table measures."""
        if self._continues_numbered_goal(text):
            return True
        named = NUMBERED_GOAL.match(text)
        if self.in_projects or not (named or NUMBERED_ITEM.match(text)) \
                or (self.text is not None and self.text.kind in ("goal", "goals")):
            return False
        listed = self.text is not None and bool(self.text.paragraphs) and _is_numbered(self.text.paragraphs[-1])
        table = self._indicator_table_after(location)
        after_table = self.text is None and named is not None and bool(self.goals and self.goals[-1].get("indicators"))
        if listed or not (table or after_table):
            return False
        self._close_text()
        title, rest = (named.group("label"), named.group("rest")) if named else (None, text)
        self._start_goal("年度", title, rest, origin=location, department=True)
        assert self.goal is not None
        self.goal["notes"] = [{"field": "text", "text": "原文以编号段落写出此目标，" + (
            "指标表紧接其后；编者把这一段读作该表所属目标的内容。" if table else
            "前一个目标的指标表之后另起一段，后面没有指标表；编者读作又一个目标，没有指标。")}]
        return True

    def _continues_numbered_goal(self, text: str) -> bool:
        """Copied text: a goal cell written as numbered lines ("年度绩效目标 | 目标1：…；⏎目标2：…") comes out as its
        first line beside the label and the next lines on their own. A line numbered right after the last line of a
        department goal still waiting for its table continues that goal's text, as in the cell; it is no new goal."""
        goal = self.goal
        if self.in_projects or goal is None or self.goal_table_used or "indicators" in goal \
                or not isinstance(goal.get("text"), str) or not goal["text"]:
            return False
        last = _item_number(goal["text"].splitlines()[-1])
        if last is None or _item_number(text) != last + 1:
            return False
        goal["text"] += "\n" + text
        return True

    def _indicator_table_after(self, location: str) -> bool:
        """The block right after the paragraph at `location` is a table that opens with an indicator header."""
        blocks = self.document.blocks
        at = next((i for i, b in enumerate(blocks) if not isinstance(b, Table) and b.location == location), None)
        following = blocks[at + 1] if at is not None and at + 1 < len(blocks) else None
        if not isinstance(following, Table):
            return False
        first = next((row for row in following.rows if any(cell.text for cell in row)), ())
        return is_indicator_header([cell.text for cell in first])

    def _goal_for_table(self, origin: str, labelled: str | None = None) -> dict[str, Any]:
        """The goal an indicator table belongs to: the one waiting for its table, else a new goal. A table whose
        label names a kind (`labelled`: 年度 for 年度绩效指标) takes no waiting goal of another kind (a 中长期目标
        row above it) and starts a goal of its kind; an unlabelled one starts a 年度 goal."""
        if self.goal is not None and not self.goal_table_used and "indicators" not in self.goal \
                and labelled in (None, self.goal["kind"]):
            self.goal_table_used = True
            return self.goal
        self._start_goal(labelled or "年度", None, None, origin=origin)
        self.goal_table_used = True
        assert self.goal is not None
        return self.goal

    def _mid_term_values(self, indicators: list[dict[str, Any]], goal: dict[str, Any],
                         mid_parts: set[str] = frozenset()) -> None:
        """中期 and 年度 value columns in one table: the 中期 values are the 中期 goal's indicators. `mid_parts`: the
        table's 中期 value has its own comparator or unit columns (`MID_PARTS`), so the 年度 ones are not the 中期's."""
        own_parts = {MID_PARTS[part] for part in mid_parts}
        if not any("value_mid" in i for i in indicators):
            for indicator in indicators:  # a 中期 comparator or unit without any 中期 value: no 中期 indicator
                for part in MID_PARTS:
                    indicator.pop(part, None)
            return
        owner = self.project.setdefault("goals", []) if self.in_projects and self.project is not None else self.goals
        mid = next((g for g in owner if g["kind"] == "中期" and "indicators" not in g), None)
        if mid is None:
            mid = {"id": "medium", "kind": "中期", "title": "中期目标"}
            owner.insert(owner.index(goal), mid)
        mid["indicators"] = []
        kept = []
        for indicator in indicators:
            # "符号 | 数值 | 单位" under the 中期 head: the 中期 value's own comparator and unit
            parts = {key: indicator.pop(part) for part, key in MID_PARTS.items() if part in indicator}
            value = indicator.pop("value_mid", None)
            if value is not None:  # a row whose 中期 value is blank is no 中期 indicator, as in two halves
                shared = {k: v for k, v in indicator.items() if k not in ("value", *own_parts)}
                mid["indicators"].append(in_field_order(shared | parts | {"value": value}))
            if value is None or "value" in indicator:  # one with only a 中期 value is no 年度 indicator
                kept.append(indicator)
        indicators[:] = kept

    def _goal_years(self, heading_text: str) -> None:
        """中期目标（2025年—2027年） → span [2025, 2027]; 长期目标（截止2025年） → deadline 2025."""
        assert self.goal is not None
        years = [int(y) for y in re.findall(r"(\d{4})\s*年", heading_text)]
        joined = YEAR_RANGE.search(heading_text)  # "（2026-2028年）": the first year without its 年
        if len(years) != 2 and joined:
            years = [int(joined.group(1)), int(joined.group(2))]
        if self.goal["kind"] == "中期" and len(years) == 2:
            self.goal["span"] = years
        elif self.goal["kind"] == "长期" and years:
            self.goal["deadline"] = years[-1]

    # ---- form rows that hold goals --------------------------------------------------------------
    def _overall_goal_row(self, row: FormRow) -> int:
        """整体绩效总目标 / 总体目标 with sub-heads over a row of their texts: uses both rows."""
        if row.key not in OVERALL_GOAL_LABELS or row.below is None:
            return 0
        values = self._lined_up(row.cells, row.below)
        if self.in_projects and self.project is not None:
            self._project_goals(row.first, row.cells, values, row.origin)
        else:
            self._overall_goal_pairs(row.first, row.cells, values)
        return 2

    def _project_goals(self, label: Cell | None, heads: list[Cell], values: list[Cell], origin: str) -> None:
        """A project's 总体目标: 中期目标（2025年—2027年） and 年度目标 heads over their texts (`label`: 总体目标, if
        the form prints it)."""
        if label is not None:
            self._place(label)
        for column, head in enumerate(heads):
            if not head.text or head is label:
                continue
            value = values[column] if column < len(values) and values[column].text else None
            match = GOAL_START.match(head.text)
            kind = match.group("kind") if match else "年度"
            self._start_goal(kind, head.text, value.text if value else None, origin=origin, same_project=True)
            self._goal_years(head.text)
            self._place(head, *([value] if value else []))

    def _overall_goal_pairs(self, label: Cell, heads: list[Cell], values: list[Cell]) -> None:
        """整体绩效总目标 with sub-heads (长期目标 / 年度目标) over a row of their texts."""
        parts = []
        for column, head in enumerate(heads):
            if not head.text or head is label:
                continue
            value = values[column] if column < len(values) else None
            parts.append(f"<p>{head.text}：{value.text if value else ''}</p>")
            self._place(head, *([value] if value and value.text else []))
        self._place(label)
        self.filing["overall_goal"] = "\n".join(parts)

    def _goal_heads_row(self, row: FormRow) -> int:
        """"中期目标 | 年度目标" over a row of their texts, with no 总体目标 label beside them (a goals table of its own,
        or the label's cell left blank): each head's text is the cell below it, as under 总体目标. Read as a label and
        its text, the second head became the first goal's text, the texts below were left unread, and the 年度 values
        of the indicator table went to the 中期 goal."""
        heads = [cell for cell in row.present if (match := GOAL_START.match(cell.text)) and GOAL_HEAD_REST.match(
            match.group("rest"))]
        if len(heads) < 2 or len(heads) != len(row.present) or row.below is None:
            return 0
        values = self._lined_up(row.cells, row.below)
        # the heads in their columns; a money-unit cell on the row ("单位：万元", not in `present`) is no head
        columns = {c: cell for c, cell in enumerate(row.cells) if any(cell is head for head in heads)}
        texts = [values[c] for c in columns if c < len(values) and values[c].text]
        if not texts or any(GOAL_START.match(cell.text) for cell in texts) \
                or is_indicator_header([cell.text for cell in values]):
            return 0
        if self.in_projects and self.project is not None:
            self._project_goals(None, [columns.get(c, Cell("", "")) for c in range(len(row.cells))], values,
                                row.origin)
            return 2
        for column, head in columns.items():
            text = values[column] if column < len(values) and values[column].text else None
            plain = normalize(head.text) in PLAIN_GOAL_LABELS
            self._start_goal(GOAL_START.match(head.text).group("kind"), None if plain else head.text,
                             text.text if text else None, origin=row.origin)
            self._goal_years(head.text)
            self._place(head, *([text] if text else []))
        return 2

    def _goal_row(self, row: FormRow) -> int:
        """年度目标 | its text (not the head of an indicator table)."""
        goal = GOAL_START.match(row.first.text)
        if not goal or not row.rest or is_indicator_header([c.text for c in row.rest]):
            return 0
        pairs = [(row.first, row.rest[0])]
        second = row.rest[1:]  # "中期目标 | … | 年度目标 | …": a second goal's label and text on the same row
        if len(second) == 2 and GOAL_START.match(second[0].text) and not GOAL_START.match(second[1].text):
            pairs.append((second[0], second[1]))
        for label, text in pairs:
            title = label.text.rstrip(":： ")
            plain = normalize(title) in PLAIN_GOAL_LABELS  # "年度绩效目标" names the row, it is no title
            self._start_goal(GOAL_START.match(label.text).group("kind"), None if plain else title, text.text,
                             origin=row.origin)
            self._goal_years(label.text)
            self._place(label, text)
        return 1

    def _goal_text_row(self, row: FormRow) -> int:
        """"年度绩效目标 | 1.…" then " | 2.…": a text export writes each line of the goal's cell on a row of its own,
        the merged label's slot left empty. A lone cell right below the goal's last line, in its column, while the
        goal waits for its indicator table, is the next line of that goal's text (it was listed as a paragraph)."""
        goal = self.goal
        if goal is None or self.goal_table_used or "indicators" in goal or not isinstance(goal.get("text"), str) \
                or len(row.present) != 1 or row.index == 0:
            return 0
        column = next(c for c, cell in enumerate(row.cells) if cell is row.first)
        above = row.rows[row.index - 1]
        last = above[column] if 0 < column < len(above) else None
        if last is None or last.location not in self.placed or last.text.strip() != goal["text"].splitlines()[-1] \
                or is_form_label(row.first.text) or GOAL_START.match(row.first.text):
            return 0
        goal["text"] += "\n" + row.first.text.strip()
        self._place(row.first)
        return 1

    def _plain_goal_row(self, row: FormRow) -> int:
        """绩效目标 | its text: a 年度 goal."""
        if row.key != "绩效目标" or not row.rest:
            return 0
        self._start_goal("年度", None, row.rest[0].text, origin=row.origin)
        self._place(row.first, row.rest[0])
        return 1

    def _goal_naming_row(self, row: FormRow) -> int:
        """The line right above an indicator table names its goal: "“法治宣传”项目 | 目标内容". A line of the form's
        own labels there ("填报日期：2025年1月10日", "金额单位 | 万元") is read as what it says."""
        waiting = self.goal is not None and "indicators" not in self.goal and not self.goal_table_used
        if len(row.present) > 2 or not _next_is_header(row.rows, row.index) or waiting or form_pairs(row.cells) \
                or is_form_label(row.first.text) or (not row.rest and self._project_goal_line(row.first.text)) \
                or any(indicator_column(c.text) or normalize(c.text) in STRUCTURE_LABELS for c in row.present):
            return 0
        self._start_goal("年度", None if row.key in PLAIN_GOAL_LABELS else row.first.text.rstrip(":： "),
                         row.rest[0].text if row.rest else None, origin=row.origin)
        self._place(row.first, *row.rest)
        return 1


def without_empty_goals(goals: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """A goal box the form prints and the department left empty (the 中期目标 of a 1-year project's form) is no goal:
    as a goal it would be published as a heading over nothing. A goal with no text, no indicator and no note is taken
    out; returns the goals kept and a note for each box left empty, for the goals' owner (project or filing)."""
    filed = [bool(g.get("text") or g.get("indicators") or g.get("notes")) for g in goals]
    notes = [{"field": "goals", "text": f"原表“{goal.get('title') or goal['kind'] + '目标'}”一栏为空"
                                        "（没有目标内容，也没有指标）；编者未录入这一目标。"}
             for goal, kept in zip(goals, filed) if not kept]
    return [goal for goal, kept in zip(goals, filed) if kept], notes


def _new_goal(kind: str, title: str | None, text: str | None, origin: str) -> dict[str, Any]:
    goal: dict[str, Any] = {"id": "", "kind": kind}
    if title:
        goal["title"] = title
        deadline = DEADLINE.search(title)
        if deadline:
            goal["deadline"] = int(deadline.group(1))
    if text:
        goal["text"] = text
    goal["_origin"] = origin  # which table or line it came from; dropped when the filing is finished
    return goal


def _item_number(text: str) -> int | None:
    """The number a numbered line starts with ("目标2：…" 2, "3.…" 3, "（四）…" 4), or None."""
    match = re.match(r"^(?:目标\s*|[（(])?([0-9]{1,2}|[一二三四五六七八九十]{1,2})", text.strip())
    if not match or not _is_numbered(text.strip()):
        return None
    digits = match.group(1)
    if digits.isdigit():
        return int(digits)
    tens, _, ones = digits.rpartition("十")
    units = "一二三四五六七八九"
    if "十" not in digits:
        return units.index(digits) + 1 if len(digits) == 1 else None
    return (units.index(tens) + 1 if tens else 1) * 10 + (units.index(ones) + 1 if ones else 0)


def _is_numbered(text: str) -> bool:
    return bool(NUMBERED_GOAL.match(text) or NUMBERED_ITEM.match(text))


def _next_is_header(rows: list[list[Cell]], index: int) -> bool:
    """The next row heads one indicator table (a project list with indicator rows has a goal per project)."""
    following = next((row for row in rows[index + 1:] if any(c.text for c in row)), None)
    texts = [c.text for c in following] if following is not None else []
    return is_indicator_header(texts) and not project_row_columns(texts)
