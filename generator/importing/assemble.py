"""One pass over a located document: recognise each part by what its cells say, build one filing.

The result is plain data in the content format (Decimal amounts, verbatim texts, editorial notes
where a reading was a judgement) plus what the import report needs: the tables found and their
kind, rows placed, cells and paragraphs that were not placed, with their locations.

This module walks the blocks and reads paragraphs; tables, form rows, goals, projects, running
text and department fields are read by the parts `Assembler` is built from (see assembly_state).
"""

from __future__ import annotations

from .assembly_state import TextTarget
from .department import DepartmentFields
from .document import Paragraph, SourceDocument
from .form_rows import FormRows
from .goals import GOAL_START, Goals
from .imported import Imported
from .project_parts import ProjectParts
from .project_rows import ProjectRows
from .running_text import SECTION_HEADING, SUBHEADING, RunningText
from .tables import TableParts

PARTS = {"第一部分", "第二部分", "第三部分", "部门整体绩效目标", "预算项目绩效目标", "项目支出绩效目标", "项目绩效目标"}
PROJECT_PARTS = {"预算项目绩效目标", "项目支出绩效目标", "项目绩效目标"}


class Assembler(TableParts, FormRows, Goals, ProjectParts, ProjectRows, DepartmentFields, RunningText):
    def run(self) -> Imported:
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                self._paragraph(block)
            else:
                self._close_text()
                self._table(block)
        self._close_text()
        self._finish()
        return Imported(self.filing, self.tables, self._not_placed(), self.unit is not None)

    # ---- paragraphs: the first reading that takes one wins ------------------------------------
    def _paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.text.lstrip("*").strip()
        if self._metadata(text) or self._department_line(text) or self._labelled_unit(text, paragraph.location) \
                or self._project_start(text) \
                or self._part_heading(text) or self._section_start(text) or self._goal_line(text, paragraph.location) \
                or self._subheading(text) or self._running_text(text) or self._title(text):
            self._place(paragraph)
        else:
            self.why_not.setdefault(paragraph.location, "未识别的段落")

    def _part_heading(self, text: str) -> bool:
        """"第一部分", "预算项目绩效目标": what follows a project part is projects."""
        if text not in PARTS:
            return False
        self._close_text()
        self.parts.add(text)
        if text in PROJECT_PARTS:
            self.in_projects = True
        return True

    def _section_start(self, text: str) -> bool:
        section = SECTION_HEADING.match(text)
        if not section or self.in_projects:
            return False
        self._close_text()
        self._start_section(text, section.group("title"))
        return True

    def _goal_line(self, text: str, origin: str) -> bool:
        """"年度目标：…" starts a goal; a bare "年度目标" takes the next paragraph as its text."""
        goal = GOAL_START.match(text)
        if not goal or (self.text is not None and self.text.kind == "goals"):
            return False
        self._close_text()
        rest = goal.group("rest").lstrip(":： ").strip()
        self._start_goal(goal.group("kind"), None, text if rest else None, origin=origin)
        if not rest:
            self.text = TextTarget("goal", "text", single=True)
        return True

    def _subheading(self, text: str) -> bool:
        sub = SUBHEADING.match(text)
        if not sub or self.text is None or self.text.kind != "section":
            return False
        self._close_text()
        self.text = TextTarget("section", sub.group("title"))
        return True

    def _running_text(self, text: str) -> bool:
        if self.text is None:
            return False
        self._append_text(text)
        if self.text.single:
            self._close_text()
        return True

    # ---- the filing -------------------------------------------------------------------------
    def _finish(self) -> None:
        """Collected parts into the filing, in the content format's order; `_origin` was only for the walk."""
        filing = self.filing
        if self.sections:
            filing["sections"] = self.sections
        for goal in self.goals + [g for p in self.projects for g in p.get("goals", [])]:
            goal.pop("_origin", None)
        if self.goals:
            filing["goals"] = self.goals
        if self.projects:
            filing["projects"] = self._finished_projects()
        if self.notes:
            filing["notes"] = self.notes
        if self.unit:
            filing["money_unit"] = self.unit
        self._title_from_parts()
        self._name_from_budget_unit()

    def _not_placed(self) -> list[tuple[str, str, str]]:
        missing = []
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                if block.location not in self.placed:
                    missing.append((block.location, block.text, self.why_not.get(block.location, "未识别的段落")))
                continue
            for row in block.rows:
                for cell in row:
                    if cell.text and cell.location not in self.placed:
                        missing.append((cell.location, cell.text, self.why_not.get(cell.location, "未识别的单元格")))
        return missing


def assemble(document: SourceDocument) -> Imported:
    return Assembler(document).run()

