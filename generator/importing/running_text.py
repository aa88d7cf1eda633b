"""Running text: chapters under a heading ("一、部门职能"), their subheadings, paragraphs broken mid-sentence.

Paragraphs collect in a `TextTarget` until the next heading, then become a filing field, a section,
a goal's text, or goals read from prose.
"""

from __future__ import annotations

import re

from .assembly_state import AssemblyState, TextTarget
from .document import Table
from .form_rows import FormRow
from .imported import FoundTable
from .layouts import (DEPARTMENT_TEXTS, REPORT_APPARATUS, SENTENCE_MARKS, STRUCTURE_LABELS, budget_report_matter,
                      is_indicator_header, names_goals, normalize)
from .prose import prose_goals, rich

SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*(?P<title>[^。；;，,：:]{2,24})$")
REPORT_APPARATUS_REASON = "报告的目录或附件名称，不是绩效目标的内容，未录入"
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分\s*(?P<title>.*)$")  # "第三部分 名词解释", "第一部分"
PART_TITLE = re.compile(r"[^。；;，,：:]{2,24}")  # a heading's title, no sentence: "其他说明" under a bare "第三部分"
SUBHEADING = re.compile(r"^(?P<title>[^，。；,]{2,14})[：:]$")
# "（一）部门职能", "（二）年度主要工作任务" under a chapter "一、部门基本情况": a subheading naming a filing field
BRACKETED_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*(?P<title>[^。；;，,：:（(]{2,16})[：:]?$")
LIST_MARKER = re.compile(r"^([0-9]+|[一二三四五六七八九十]+)[、.．]|^[（(]")
TERMINAL = tuple("。；;！？!?：:）)”》")


class RunningText(AssemblyState):
    def _start_section(self, heading_text: str, title: str) -> None:
        key = DEPARTMENT_TEXTS.get(normalize(title))
        if key:
            self.text = TextTarget("field", key)
        elif "分项绩效目标" in title:
            self.text = TextTarget("goals", heading_text)
        else:
            self.text = TextTarget("section", heading_text)

    def _bracketed_heading(self, text: str) -> bool:
        """"（一）部门职能" in a chapter of running text outside the projects: a field of its own (its paragraphs are
        the functions, not the chapter's section); "（一）总体目标" under "二、部门整体绩效目标" only names the chapter's
        text, "（二）绩效指标" the table below (the text ends); another after a field's subheading ("（三）内设机构")
        opens a section. Each is a heading, never a paragraph run together with the next line."""
        heading = BRACKETED_HEADING.match(text)
        if heading is None or self.in_projects or self.text is None or self.text.kind not in ("section", "field"):
            return False
        title = normalize(heading.group("title"))
        key = DEPARTMENT_TEXTS.get(title)
        if key:
            self._close_text()
            self.text = TextTarget("field", key, sub=True)
            return True
        if title not in STRUCTURE_LABELS:
            if not self.text.sub:
                return False
            self._close_text()  # "（三）内设机构" after "（二）年度主要工作任务": a section of its own, not the tasks' text
            self.text = TextTarget("section", text)
            return True
        if not (self.text.kind == "field" and "目标" in title):
            self._close_text()
        return True

    def _outside_filing(self, text: str, location: str) -> bool:
        """A chapter or part of a 部门预算公开 report that is not the performance filing ("二、“三公”经费预算情况说明",
        "第三部分 名词解释", "第二部分 部门预算表"), or a table's title line naming one ("部门收支总表", "附件1：部门收支
        总表"): its heading and its paragraphs (and tables: `_outside_table`) are listed with that reason, never read
        into a field, a section or a goal's text. The heading of any other chapter or part ends it, but a part's holds
        over its chapters, each listed under its own heading (a "七、预算绩效管理情况" in "第三部分 部门预算情况说明" is
        the report's), until one names the goals ("八、部门整体绩效目标", "附件3：项目绩效目标表"). A bare "第三部分" with
        "名词解释" on the next line is one heading (`_completed_part_heading`)."""
        title = _heading_title(text)
        if title is None and (completed := self._completed_part_heading(text)) is not None:
            title, text = text, completed
        level = "title" if title is None else "part" if PART_HEADING.match(text) else "chapter"
        if title is None and _table_title(text) and (REPORT_APPARATUS.match(text) or self._within_report()):
            title = text
        matter = budget_report_matter(title) if title is not None else None
        within_part = self.text is not None and self.text.kind == "outside" and self.text.part
        if matter or (within_part and level == "chapter" and not names_goals(title or "")):
            self._close_text()
            self.text = TextTarget("outside", f"属于部门预算公开中“{text}”这部分，不是绩效目标的内容，"
                                              "文件格式中没有对应的字段，未录入", part=level == "part" or within_part)
        elif title is not None and self._ends_outside(title, level):
            self.text = None
        if self.text is None or self.text.kind != "outside":
            return False
        self.why_not[location] = REPORT_APPARATUS_REASON if REPORT_APPARATUS.match(text) else self.text.key
        return True

    def _within_report(self) -> bool:
        """Past the document's own title or a part's heading: a table's title there ("部门收支总表") is one table's,
        never the title of the whole file ("2026年部门预算项目支出表" over a department's project list)."""
        return "title" in self.filing or bool(self.parts)

    def _ends_outside(self, title: str, level: str) -> bool:
        """Whether a heading that names no budget matter ends the budget part being listed: one naming the goals does;
        another part's does; a chapter's ends only a chapter, never the part it stands in; a table's title does not."""
        if self.text is None or self.text.kind != "outside":
            return False
        return names_goals(title) or level == "part" or (level == "chapter" and not self.text.part)

    def _outside_table(self, table: Table) -> bool:
        """A table in a part or chapter of the budget report (the 收支总表 under "第二部分 部门预算表", the 三公经费 table
        under its title): every cell listed with that part's reason, never read as the filing's funds, tasks or
        projects, whatever its columns look like. A table of indicators (一级指标 …) or with a column of goals
        ("年度绩效目标", as a list of the projects' goals has) is the filing's, never a budget table: the budget part
        ends there."""
        if self.text is None or self.text.kind != "outside" \
                or any(is_indicator_header([cell.text for cell in row]) for row in table.rows) \
                or any(names_goals(cell.text) and len(cell.text) <= 12 for row in table.rows[:3] for cell in row):
            return False
        for cell in (cell for row in table.rows for cell in row if cell.text):
            self.why_not[cell.location] = self.text.key
        self.tables.append(FoundTable(table.location, "部门预算公开的预算表（不是绩效目标，未录入）", 0))
        return True

    def _completed_part_heading(self, text: str) -> str | None:
        """The heading a line completes: a title and no sentence ("其他说明") right under a bare "第三部分", as Word's
        export writes a part heading's number and title on two lines → "第三部分 其他说明"; None for any other line."""
        bare = PART_HEADING.match(self.line_above or "")
        if bare is None or bare.group("title").strip() or self.in_table or not PART_TITLE.fullmatch(text):
            return None
        return f"{self.line_above} {text}"

    def _append_text(self, text: str) -> None:
        assert self.text is not None
        paragraphs = self.text.paragraphs
        if paragraphs and _broken_line(paragraphs[-1], text) and self.text.kind != "goal":
            self.notes.append({"field": self._text_field(), "text": f"原文在“{paragraphs[-1][-4:]}”与“{text[:4]}”之间断行，"
                                                               "编者按同一段落连排，文字未作改动。"})
            paragraphs[-1] += text
        else:
            paragraphs.append(text)

    def _text_field(self) -> str:
        assert self.text is not None
        return {"field": self.text.key, "section": "sections", "goal": "goals", "goals": "goals"}[self.text.kind]

    def _close_text(self) -> None:
        target, self.text = self.text, None
        if target is None or not target.paragraphs:
            return
        if target.kind == "field":
            self.filing[target.key] = rich(target.paragraphs)
        elif target.kind == "section":
            self.sections.append({"title": target.key, "text": rich(target.paragraphs)})
        elif target.kind == "goal" and self.goal is not None:
            self.goal["text"] = target.paragraphs[0] if len(target.paragraphs) == 1 else rich(target.paragraphs)
        elif target.kind == "goals":
            self._prose_goals(target)

    def _prose_goals(self, target: TextTarget) -> None:
        goals = prose_goals(target.paragraphs, len(self.goals))
        if goals is None:
            self.sections.append({"title": target.key, "text": rich(target.paragraphs)})
        else:
            self.goals.extend(goals)

    def _section_row(self, row: FormRow) -> int:
        """A form row "三、工作保障措施 | (a long text)" outside the projects: a section of the filing."""
        if len(row.present) == 2 and not self.in_projects and _is_section_label(row.first.text) \
                and len(row.rest[0].text) >= 20:
            self.sections.append({"title": row.first.text.rstrip(":： "), "text": row.rest[0].text})
            self._place(row.first, row.rest[0])
            return 1
        return 0


def _heading_title(text: str) -> str | None:
    """The title of a chapter ("一、部门职责") or part ("第一部分 部门概况") heading; None for any other line."""
    heading = PART_HEADING.match(text) or SECTION_HEADING.match(text)
    return heading.group("title") if heading else None


def _table_title(text: str) -> bool:
    """A line that titles a table or an attachment, no sentence: "部门收支总表", "表3 一般公共预算支出表", "附件1：部门
    收支总表"."""
    return len(text) <= 40 and not any(mark in text for mark in SENTENCE_MARKS) \
        and (text.endswith("表") or bool(REPORT_APPARATUS.match(text)))


def _broken_line(previous: str, text: str) -> bool:
    """A line that ends without punctuation, followed by one that starts no list item, is one paragraph."""
    return not previous.endswith(TERMINAL) and not LIST_MARKER.match(text) and not previous.endswith(">")


def _is_section_label(text: str) -> bool:
    """A label naming a chapter of text: "三、工作保障措施", "业务保障措施"."""
    return bool(SECTION_HEADING.match(text)) or text.rstrip(":： ").endswith(("措施", "说明", "情况"))
