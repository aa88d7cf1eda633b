"""One pass over a located document: recognise each part by what its cells say, build one filing.

The result is plain data in the content format (Decimal amounts, verbatim texts, editorial notes
where a reading was a judgement) plus what the import report needs: the tables found and their
kind, rows placed, cells and paragraphs that were not placed, with their locations.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .document import Cell, Paragraph, SourceDocument, Table
from .funds import FIGURE, FundsReader, is_funds_header
from .indicators import IndicatorReader, header_columns, in_field_order
from .layouts import (BUDGET_FIELDS, BUDGET_PERIOD, BUDGET_ROWS, BUDGET_SPLITS, DATE_LABELS, DEPARTMENT_NAME,
                      DEPARTMENT_TEXTS, FILER, FISCAL_YEAR_LABELS, LABELLED_VALUE, MONEY_UNIT, MONEY_UNIT_IN_LABEL, PHONE,
                      STRUCTURE_LABELS, DEPARTMENT_CODES, date_of, indicator_column, is_indicator_header, normalize)
from .prose import prose_goals, rich
from .projects import (budget_title, form_pairs, heading, is_list_header, put_field, spending_header,
                       unnumbered_heading, withheld)
from .layouts import PROJECT_COLUMNS

GOAL_START = re.compile(r"^(?P<kind>年度|长期|中期)(绩效)?(总)?目标\s*\d*\s*(?P<rest>.*)$")
DEADLINE = re.compile(r"截止\s*(\d{4})\s*年")
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*(?P<title>[^。；;，,：:]{2,24})$")
SUBHEADING = re.compile(r"^(?P<title>[^，。；,]{2,14})[：:]$")
PARTS = {"第一部分", "第二部分", "第三部分", "部门整体绩效目标", "预算项目绩效目标", "项目支出绩效目标", "项目绩效目标"}
PROJECT_PARTS = {"预算项目绩效目标", "项目支出绩效目标", "项目绩效目标"}
TITLE_WORDS = re.compile(r"^.{0,40}绩效目标.{0,30}$")  # the form's name line: "2025年部门整体绩效目标批复"
YEAR_LINE = re.compile(r"[（(]\d{4}\s*年度?[）)]")
LIST_MARKER = re.compile(r"^([0-9]+|[一二三四五六七八九十]+)[、.．]|^[（(]")
TERMINAL = tuple("。；;！？!?：:）)”》")
YEAR_VALUE = re.compile(r"(\d{4})\s*年?度?")
PLAIN_GOAL_LABELS = {"年度目标", "年度绩效目标", "中期目标", "中期绩效目标", "长期目标", "长期绩效目标"}
UNIT_CODE = re.compile(r"^[\[【(（]?\d{3,}[\]】)）]?\s*")
BUDGET_UNIT = re.compile(r"^\d*\S{2,30}(局|院|所|中心|本级|委员会|办公室|队|站|处|科)$")


@dataclass
class FoundTable:
    location: str
    kind: str  # in Chinese, for the report: 指标表、资金表、项目表 …
    rows: int


@dataclass
class Imported:
    filing: dict[str, Any]
    tables: list[FoundTable]
    not_placed: list[tuple[str, str, str]]  # (location, text, why)
    money_unit_found: bool


@dataclass
class _TextTarget:
    kind: str  # "field", "section", "goal", "goals"
    key: str
    paragraphs: list[str] = field(default_factory=list)
    single: bool = False


class Assembler:
    def __init__(self, document: SourceDocument) -> None:
        self.document = document
        self.filing: dict[str, Any] = {}
        self.notes: list[dict[str, str]] = []
        self.goals: list[dict[str, Any]] = []
        self.projects: list[dict[str, Any]] = []
        self.sections: list[dict[str, str]] = []
        self.placed: set[str] = set()
        self.why_not: dict[str, str] = {}
        self.tables: list[FoundTable] = []
        self.unit: str | None = None
        self.in_projects = False
        self.project: dict[str, Any] | None = None
        self.goal: dict[str, Any] | None = None
        self.goal_origin: str | None = None
        self.goal_table_used = False
        self.text: _TextTarget | None = None
        self.section_heading: str | None = None
        self.parts: set[str] = set()
        self.expect_purpose = False
        self.spending: list[tuple[int, Cell]] = []
        self.realign = document.path.suffix.lower() == ".txt"
        self.budget_periods: dict[int, str] = {}
        self.in_table = False

    # ---- walk -------------------------------------------------------------------------------
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

    def _place(self, *items: Cell | Paragraph) -> None:
        self.placed.update(item.location for item in items)

    # ---- paragraphs -------------------------------------------------------------------------
    def _paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.text.lstrip("*").strip()
        if self._metadata(text):
            self._place(paragraph)
            return
        record = withheld(text)
        if record:
            self._close_text()
            self.in_projects = True
            self.projects.append(record)
            self.project = None
            self._place(paragraph)
            return
        numbered = heading(text)
        if numbered:
            self._close_text()
            self.in_projects = True
            self._new_project({"number": numbered[0]})
            self._place(paragraph)
            return
        if unnumbered_heading(text) and "title" in self.filing:
            self._close_text()
            self.in_projects = True
            self._new_project({})
            self._place(paragraph)
            return
        titled = budget_title(text)
        if titled:
            self._close_text()
            self.in_projects = True
            project, unit = titled
            self._new_project(project)
            self._set_unit(unit)
            self._place(paragraph)
            return
        if text in PARTS:
            self._close_text()
            self.parts.add(text)
            if text in PROJECT_PARTS:
                self.in_projects = True
            self._place(paragraph)
            return
        section = SECTION_HEADING.match(text)
        if section and not self.in_projects:
            self._close_text()
            self._start_section(text, section.group("title"))
            self._place(paragraph)
            return
        goal = GOAL_START.match(text)
        if goal and (self.text is None or self.text.kind != "goals"):
            self._close_text()
            rest = goal.group("rest").lstrip(":： ").strip()
            self._start_goal(goal.group("kind"), None, text if rest else None, origin=paragraph.location)
            if not rest:
                self.text = _TextTarget("goal", "text", single=True)
            self._place(paragraph)
            return
        sub = SUBHEADING.match(text)
        if sub and self.text is not None and self.text.kind == "section":
            self._close_text()
            self.text = _TextTarget("section", sub.group("title"))
            self.section_heading = None
            self._place(paragraph)
            return
        if self.text is not None:
            self._append_text(text)
            self._place(paragraph)
            if self.text.single:
                self._close_text()
            return
        if self._title(text):
            self._place(paragraph)
            return
        self.why_not[paragraph.location] = "未识别的段落"

    def _metadata(self, text: str) -> bool:
        """Dates, money unit and contact written as a line of their own."""
        for label, key in DATE_LABELS.items():
            if text.startswith(label):
                date = date_of(text)
                if date:
                    self.filing[key] = dt.date(*date)
                    return True
        unit = MONEY_UNIT.fullmatch(text.strip())
        if unit:
            self._set_unit(unit.group(1))
            return True
        return False

    def _set_unit(self, unit: str | None) -> None:
        if not unit:
            return
        if self.unit is None:
            self.unit = unit
        elif unit != self.unit and self.project is not None:
            self.project["money_unit"] = unit

    def _start_section(self, heading_text: str, title: str) -> None:
        key = DEPARTMENT_TEXTS.get(normalize(title))
        if key:
            self.text = _TextTarget("field", key)
        elif "分项绩效目标" in title:
            self.text = _TextTarget("goals", heading_text)
        else:
            self.text = _TextTarget("section", heading_text)
        self.section_heading = heading_text

    def _append_text(self, text: str) -> None:
        assert self.text is not None
        paragraphs = self.text.paragraphs
        if paragraphs and not paragraphs[-1].endswith(TERMINAL) and not LIST_MARKER.match(text) \
                and not paragraphs[-1].endswith(">") and self.text.kind != "goal":
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

    def _prose_goals(self, target: _TextTarget) -> None:
        goals = prose_goals(target.paragraphs, len(self.goals))
        if goals is None:
            self.sections.append({"title": target.key, "text": rich(target.paragraphs)})
        else:
            self.goals.extend(goals)

    # ---- tables -----------------------------------------------------------------------------
    def _table(self, table: Table) -> None:
        self.in_table = True
        try:
            self._table_rows(table)
        finally:
            self.in_table = False

    def _table_rows(self, table: Table) -> None:
        rows = [list(row) for row in table.rows]
        index = 0
        kinds: list[str] = []
        placed_rows = 0
        while index < len(rows):
            row = rows[index]
            texts = [cell.text for cell in row]
            if not any(texts):
                index += 1
                continue
            if is_indicator_header(texts):
                used, count = self._indicator_table(rows, index, table)
                kinds.append("指标表")
                placed_rows += count
                index += used
            elif is_funds_header(texts):
                used, count = self._funds_table(rows, index)
                kinds.append("资金表")
                placed_rows += count
                index += used
            elif is_list_header(texts):
                used, count = self._project_list(rows, index)
                kinds.append("项目表")
                placed_rows += count
                index += used
            else:
                used = self._form_row(rows, index, table)
                placed_rows += 1 if any(c.location in self.placed for c in row) else 0
                if self.in_projects and "项目表" not in kinds and self.project is not None:
                    kinds.append("项目表")
                index += used
        kind = "、".join(dict.fromkeys(kinds)) or ("表单" if placed_rows else "未识别")
        self.tables.append(FoundTable(table.location, kind, placed_rows))

    def _is_stop(self, row: list[Cell]) -> bool:
        """A row another part of the form starts with: ends the table part being read."""
        texts = [cell.text for cell in row]
        if is_indicator_header(texts) or is_funds_header(texts) or is_list_header(texts):
            return True
        first = next((t for t in texts if t), "")
        key = normalize(first)
        labelled = LABELLED_VALUE.match(first)
        labels = FILER | PHONE | set(DATE_LABELS)
        if key in FILER | PHONE or (labelled and normalize(labelled.group("label")) in labels):
            return True
        present = [t for t in texts if t]
        if not present:  # a blank row ends a table part in a real grid; copied text has blank rows inside tables
            return not self.realign and not any(cell.merged_from for cell in row)
        if len(present) == 1 and (MONEY_UNIT.fullmatch(first) or heading(first) or unnumbered_heading(first)
                                  or withheld(first) or budget_title(first)):
            return True
        return bool(GOAL_START.match(first)) or key in DEPARTMENT_TEXTS or key in DEPARTMENT_NAME \
            or key in ("整体绩效总目标", "绩效目标") or bool(form_pairs(row) and key in ("项目编码", "项目名称"))

    def _indicator_table(self, rows: list[list[Cell]], start: int, table: Table) -> tuple[int, int]:
        above = rows[start - 1] if start else None
        columns, header_rows = header_columns(rows[start:], above)
        self._place(*columns.header_cells)
        for row in rows[start:start + header_rows] + ([above] if above else []):
            self._place(*(c for c in row if normalize(c.text) in STRUCTURE_LABELS))
        end = start + header_rows
        seq = next((c for c, f in columns.fields.items() if f == "seq"), None)
        while end < len(rows) and not self._is_stop(rows[end]) and not _breaks_sequence(rows[end], seq):
            end += 1
        data = []
        for row in rows[start + header_rows:end]:  # a label column left of the header (年度绩效指标) is structure
            self._place(*(c for c in row if normalize(c.text) in STRUCTURE_LABELS))
            data.append([Cell("", c.location) if normalize(c.text) in STRUCTURE_LABELS else c for c in row])
        reader = IndicatorReader(columns, data, realign=self.realign)
        indicators = reader.read()
        self._place(*reader.placed)
        goal = self._goal_for_table(table.location)
        self._mid_term_values(indicators, goal)
        if columns.years:
            goal["prior_years"] = columns.prior_years
        goal["indicators"] = indicators
        remarks = {normalize(str(i.get("remark", ""))) for i in indicators if i.get("remark")}
        if remarks and all(re.fullmatch(r"\d+(\.\d+)?分", r) for r in remarks) \
                and not any("weight" in i for i in indicators):
            for indicator in indicators:
                if "remark" in indicator:
                    indicator["weight"] = indicator.pop("remark")
            goal.setdefault("notes", []).append(
                {"field": "indicators", "text": "原表“备注”列所填均为分值（如“20分”）；编者录入为各指标的权重（weight）。"})
        return end - start, len(data) + header_rows

    def _mid_term_values(self, indicators: list[dict[str, Any]], goal: dict[str, Any]) -> None:
        """中期 and 年度 value columns in one table: the 中期 values are the 中期 goal's indicators."""
        if not any("value_mid" in i for i in indicators):
            return
        owner = self.project.setdefault("goals", []) if self.in_projects and self.project is not None else self.goals
        mid = next((g for g in owner if g["kind"] == "中期" and "indicators" not in g), None)
        if mid is None:
            mid = {"id": "medium", "kind": "中期", "title": "中期目标"}
            owner.insert(owner.index(goal), mid)
        mid["indicators"] = []
        for indicator in indicators:
            copy = {k: v for k, v in indicator.items() if k not in ("value", "value_mid")}
            if "value_mid" in indicator:
                copy["value"] = indicator.pop("value_mid")
            mid["indicators"].append(in_field_order(copy))

    def _goal_for_table(self, origin: str) -> dict[str, Any]:
        if self.goal is not None and not self.goal_table_used and "indicators" not in self.goal:
            self.goal_table_used = True
            return self.goal
        self._start_goal("年度", None, None, origin=origin)
        self.goal_table_used = True
        assert self.goal is not None
        return self.goal

    def _start_goal(self, kind: str, title: str | None, text: str | None, origin: str,
                    same_project: bool = False) -> None:
        if not self.in_projects and self._starts_projects(kind, origin):
            self.in_projects = True
            self.notes.append({"field": "projects", "text": "原文在部门整体指标表之后另有带指标表的年度目标；"
                                                            "编者把它们各读作一个项目。"})
        goal: dict[str, Any] = {"id": "", "kind": kind}
        if title:
            goal["title"] = title
            deadline = DEADLINE.search(title)
            if deadline:
                goal["deadline"] = int(deadline.group(1))
        if text:
            goal["text"] = text
        goal["_origin"] = origin
        if self.in_projects:
            if self.project is None or (not same_project and self._project_has_goal(kind)):
                self._new_project({})
                if "name" not in self.project:
                    self.project.setdefault("notes", []).append(
                        {"field": "name", "text": "原文未带出此项目的名称和金额，项目名称空缺；项目内容见年度目标。"})
            assert self.project is not None
            goals = self.project.setdefault("goals", [])
        else:
            goals = self.goals
        goal["id"] = f"g{len(goals) + 1}"
        if self.in_projects and kind == "中期" or same_project:  # named as the content format shows the pair
            goal["id"] = {"中期": "medium", "年度": "annual"}.get(kind, goal["id"])
        goals.append(goal)
        self.goal = goal
        self.goal_table_used = False

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

    def _new_project(self, project: dict[str, Any]) -> None:
        self.projects.append(project)
        self.project = project
        self.goal = None
        self.expect_purpose = False

    def _funds_table(self, rows: list[list[Cell]], start: int) -> tuple[int, int]:
        years_row = rows[start + 1] if start + 1 < len(rows) and _is_years_row(rows[start + 1]) else None
        reader = FundsReader(rows[start], years_row, realign=self.realign)
        end = start + (2 if years_row else 1)
        while end < len(rows) and not self._is_stop(rows[end]):
            reader.row(rows[end])
            end += 1
        self._place(*reader.placed)
        for cell, why in reader.not_read:
            self.why_not[cell.location] = why
        self.filing["funds"] = reader.funds
        return end - start, end - start

    def _project_list(self, rows: list[list[Cell]], start: int) -> tuple[int, int]:
        header = rows[start]
        columns = {c: PROJECT_COLUMNS[normalize(cell.text)] for c, cell in enumerate(header) if cell.text}
        self._place(*(c for c in header if c.text))
        end = start + 1
        count = 0
        while end < len(rows) and not self._is_stop(rows[end]):
            row = rows[end]
            end += 1
            cells = {columns[c]: cell for c, cell in enumerate(row) if c in columns and cell.text}
            if "name" not in cells:
                continue
            project: dict[str, Any] = {"id": f"p{len(self.projects) + 1}"}
            for key in ("code", "name", "category", "budget_unit", "total", "this_year", "fiscal", "other", "purpose"):
                if key in cells and put_field(project, key, cells[key].text):
                    self._place(cells[key])
            self._place(*(c for c in row if normalize(c.text) in STRUCTURE_LABELS))
            self.projects.append(project)
            count += 1
        return end - start, count + 1

    def _form_row(self, rows: list[list[Cell]], index: int, table: Table) -> int:
        """One row of a form: key/value pairs, a labelled text, a goal, a spending plan … Returns rows used."""
        row = rows[index]
        present = [cell for cell in row if cell.text]
        for cell in [c for c in present if MONEY_UNIT.fullmatch(c.text)]:
            self._set_unit(MONEY_UNIT.fullmatch(cell.text).group(1))
            self._place(cell)
            present.remove(cell)
        for cell in [c for c in present if MONEY_UNIT_IN_LABEL.search(c.text)]:
            self._set_unit(MONEY_UNIT_IN_LABEL.search(cell.text).group(1))
            self._place(cell)
        if not present:
            return 1
        first = present[0]
        key = normalize(first.text)
        rest = present[1:]
        if key in ("整体绩效总目标", "总体目标", "项目总体目标") and index + 1 < len(rows):
            if self.in_projects and self.project is not None:
                self._project_goals(first, row, rows[index + 1], table.location)
            else:
                self._overall_goal_pairs(first, row, rows[index + 1])
            return 2
        periods = {c: m.group(1) for c, cell in enumerate(row) if (m := BUDGET_PERIOD.match(normalize(cell.text)))}
        if len(periods) >= 2:
            self.budget_periods = periods
            self._place(*(row[c] for c in periods))
            return 1
        if self.budget_periods and self.project is not None and self._budget_matrix_row(row):
            return 1
        goal = GOAL_START.match(first.text)
        if goal and rest and not is_indicator_header([c.text for c in rest]):
            title = first.text.rstrip(":： ")
            plain = normalize(title) in PLAIN_GOAL_LABELS  # "年度绩效目标" names the row, it is no title
            self._start_goal(goal.group("kind"), None if plain else title, rest[0].text, origin=table.location)
            self._goal_years(first.text)
            self._place(first, rest[0])
            return 1
        if key == "绩效目标" and rest:
            self._start_goal("年度", None, rest[0].text, origin=table.location)
            self._place(first, rest[0])
            return 1
        if key in DEPARTMENT_TEXTS and rest and normalize(rest[0].text) not in STRUCTURE_LABELS:
            if DEPARTMENT_TEXTS[key] == "overall_goal" and self.in_projects and self.project is not None:
                self._start_goal("年度", None, rest[0].text, origin=table.location, same_project=True)
            else:
                self.filing[DEPARTMENT_TEXTS[key]] = rest[0].text
            self._place(first, rest[0])
            return 1
        waiting = self.goal is not None and "indicators" not in self.goal and not self.goal_table_used
        if len(present) <= 2 and _next_is_header(rows, index) and not waiting and not form_pairs(row) \
                and not any(indicator_column(c.text) or normalize(c.text) in STRUCTURE_LABELS for c in present):
            # the line right above an indicator table names its goal: "“法治宣传”项目 | 目标内容"
            self._start_goal("年度", None if key in PLAIN_GOAL_LABELS else first.text.rstrip(":： "),
                             rest[0].text if rest else None, origin=table.location)
            self._place(first, *rest)
            return 1
        if len(present) == 2 and not self.in_projects and _is_section_label(first.text) and len(rest[0].text) >= 20:
            self.sections.append({"title": first.text.rstrip(":： "), "text": rest[0].text})
            self._place(first, rest[0])
            return 1
        self._contact_and_dates(present)
        if self._budget_header(rows, index):
            return 2
        pairs = form_pairs(row)
        if pairs:
            if any(k in ("code", "name") for k, _, _ in pairs) and self.project is not None \
                    and any(k in self.project for k, _, _ in pairs if k in ("code", "name")):
                self._new_project({})
            if self.project is None:
                self.in_projects = True
                self._new_project({})
            for field_key, label, value in pairs:
                if put_field(self.project, field_key, value.text):
                    self._place(label, value)
            self._place(*(c for c in present if normalize(c.text) in PROJECT_COLUMNS))
            self.expect_purpose = any(normalize(c.text) == "预算规模及资金用途" for c in present)
            if self.expect_purpose:
                self._place(*(c for c in present if normalize(c.text) == "预算规模及资金用途"))
            return 1
        if self.expect_purpose and len(present) == 1 and self.project is not None:
            self.project["purpose"] = present[0].text
            self._place(present[0])
            self.expect_purpose = False
            return 1
        quarters = spending_header(row)
        if len(quarters) >= 2:
            self.spending = quarters
            self._place(*(c for _, c in quarters), *(c for c in present if "支出计划" in c.text))
            return 1
        if self.spending and self.project is not None:
            plan = [{"by": label.text, "share": row[c].text}
                    for c, label in self.spending if c < len(row) and row[c].text]
            if plan:
                self.project["spending_plan"] = plan
                self._place(*(row[c] for c, _ in self.spending if c < len(row) and row[c].text))
                self.spending = []
                return 1
        if len(present) == 1:
            self._single_cell(present[0])
        return 1

    def _single_cell(self, cell: Cell) -> None:
        """A row with one cell: a project's budget unit, a label without value, or a line like a paragraph."""
        text = cell.text
        if self.in_projects and self.project is not None and BUDGET_UNIT.match(text) and "code" not in self.project \
                and "name" not in self.project:
            self.project["budget_unit"] = text
            self._place(cell)
        elif normalize(text) in STRUCTURE_LABELS or normalize(text) in PROJECT_COLUMNS:
            self._place(cell)  # a label whose value cell is empty
        else:
            self._paragraph(Paragraph(text, cell.location))

    def _department_name(self, text: str, with_code: bool) -> None:
        """The name as filed; a code in front of it ("[017]××县司法局") is the department's code, not its name."""
        code = UNIT_CODE.match(text)
        name = text[code.end():].strip() if code and text[code.end():].strip() else text
        department = self.filing.setdefault("department", {})
        department["name"] = name
        if name == text:
            return
        digits = re.search(r"\d+", code.group(0)).group(0)
        if with_code:
            department["code"] = digits
        else:
            self.notes.append({"field": "department.name", "text": f"原表写作“{text}”；编者去掉前面的编码，"
                                                                   f"部门名称写作“{name}”。"})

    def _title(self, text: str) -> bool:
        """The form's title, and a "（2024年度）" line right under it, before any content."""
        if self.goals or self.projects or self.filing.get("funds"):
            return False
        if "title" not in self.filing and TITLE_WORDS.search(text):
            self.filing["title"] = text
            return True
        title = self.filing.get("title", "")
        if title and YEAR_LINE.fullmatch(text) and not YEAR_LINE.search(title):
            self.filing["title"] = title + text
            return True
        return False

    def _contact_and_dates(self, present: list[Cell]) -> None:
        for index, cell in enumerate(present):
            key = normalize(cell.text)
            following = present[index + 1] if index + 1 < len(present) else None
            labelled = LABELLED_VALUE.match(cell.text)
            if labelled and normalize(labelled.group("label")) in FILER | PHONE:
                field_key = "filer" if normalize(labelled.group("label")) in FILER else "phone"
                self.filing.setdefault("contact", {})[field_key] = labelled.group("value").strip()
                self._place(cell)
            elif key in DEPARTMENT_NAME and following is not None:
                self._department_name(following.text, with_code="代码" in key)
                self._place(cell, following)
            elif key in DEPARTMENT_CODES and following is not None:
                self.filing.setdefault("department", {})[DEPARTMENT_CODES[key]] = following.text
                self._place(cell, following)
            elif labelled and normalize(labelled.group("label")) in DEPARTMENT_CODES:
                field_key = DEPARTMENT_CODES[normalize(labelled.group("label"))]
                self.filing.setdefault("department", {})[field_key] = labelled.group("value").strip()
                self._place(cell)
            elif key in DATE_LABELS and following is not None and date_of(following.text):
                self.filing[DATE_LABELS[key]] = dt.date(*date_of(following.text))
                self._place(cell, following)
            elif key in FISCAL_YEAR_LABELS and following is not None and YEAR_VALUE.fullmatch(following.text):
                self.filing["fiscal_year"] = int(YEAR_VALUE.fullmatch(following.text).group(1))
                self._place(cell, following)
            elif key in FILER and following is not None:
                self.filing.setdefault("contact", {})["filer"] = following.text
                self._place(cell, following)
            elif key in PHONE and following is not None:
                self.filing.setdefault("contact", {})["phone"] = following.text
                self._place(cell, following)
            elif self._metadata(cell.text):
                self._place(cell)

    def _budget_header(self, rows: list[list[Cell]], index: int) -> bool:
        """预算规模 | 项目总预算 | 本年度预算 | 其中：财政资金 | 其他资金 over a row of their amounts."""
        heads = {c: key for c, cell in enumerate(rows[index])
                 if (key := PROJECT_COLUMNS.get(normalize(cell.text))) and key.rpartition(".")[2] in BUDGET_FIELDS}
        if len(heads) < 2 or index + 1 >= len(rows) or any(FIGURE.match(c.text) for c in rows[index]):
            return False
        values = rows[index + 1]
        figures = {c: values[c] for c in heads if c < len(values) and values[c].text}
        if not figures or not all(FIGURE.match(cell.text) for cell in figures.values()):
            return False
        if self.project is None:
            self.in_projects = True
            self._new_project({})
        assert self.project is not None
        self._place(*(cell for cell in rows[index] if cell.text and
                      (normalize(cell.text) in PROJECT_COLUMNS or normalize(cell.text) in STRUCTURE_LABELS)))
        for column, cell in figures.items():
            if put_field(self.project, heads[column], cell.text):
                self._place(cell)
        return True

    def _budget_matrix_row(self, row: list[Cell]) -> bool:
        """资金总额 / 其中：财政拨款 / 其他资金 under 中期 and 年度 columns → budget.medium_term / budget.annual."""
        assert self.project is not None
        label = next((cell for cell in row if BUDGET_ROWS.get(normalize(cell.text))), None)
        if label is None:
            self.budget_periods = {}
            return False
        key = BUDGET_ROWS[normalize(label.text)]
        self._place(label)
        for column, period in self.budget_periods.items():
            if column < len(row) and row[column].text \
                    and put_field(self.project, f"{BUDGET_SPLITS[period]}.{key}", row[column].text):
                self._place(row[column])
        return True

    def _project_goals(self, label: Cell, heads: list[Cell], values: list[Cell], origin: str) -> None:
        """A project's 总体目标: 中期目标（2025年—2027年） and 年度目标 heads over their texts."""
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

    def _goal_years(self, heading_text: str) -> None:
        """中期目标（2025年—2027年） → span [2025, 2027]; 长期目标（截止2025年） → deadline 2025."""
        assert self.goal is not None
        years = [int(y) for y in re.findall(r"(\d{4})\s*年", heading_text)]
        if self.goal["kind"] == "中期" and len(years) == 2:
            self.goal["span"] = years
        elif self.goal["kind"] == "长期" and years:
            self.goal["deadline"] = years[-1]

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

    # ---- the filing -------------------------------------------------------------------------
    def _finish(self) -> None:
        filing = self.filing
        if self.sections:
            filing["sections"] = self.sections
        for goal in self.goals:
            goal.pop("_origin", None)
        for project in self.projects:
            for goal in project.get("goals", []):
                goal.pop("_origin", None)
        if self.goals:
            filing["goals"] = self.goals
        if self.projects:
            for number, project in enumerate(self.projects, 1):
                if "withheld" not in project and not project.get("code") and "number" not in project \
                        and "id" not in project:
                    project["id"] = f"p{number}"
            filing["projects"] = [_project_order(p) for p in self.projects]
        if self.notes:
            filing["notes"] = self.notes
        if self.unit:
            filing["money_unit"] = self.unit
        if "title" not in filing and {"部门整体绩效目标", "预算项目绩效目标"} <= self.parts:
            filing["title"] = "部门整体绩效目标和预算项目绩效目标"
            self.notes.append({"field": "title", "text": "原文没有文件标题，只有“第一部分 部门整体绩效目标”和“第二部分 "
                                                         "预算项目绩效目标”两个部分标题；文件名称为编者据此拟定。"})
            filing["notes"] = self.notes
        name = filing.get("department", {}).get("name")
        if not name:
            units = [p.get("budget_unit") for p in self.projects if p.get("budget_unit")]
            if units:
                derived = UNIT_CODE.sub("", units[0])
                derived = re.sub(r"本级$", "", derived)
                filing.setdefault("department", {})["name"] = derived
                self.notes.append({"field": "department.name", "text": f"原文未单独写部门名称，项目表的预算单位为“{units[0]}”；"
                                                                       f"编者据此写作“{derived}”。"})
                filing["notes"] = self.notes

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


def _next_is_header(rows: list[list[Cell]], index: int) -> bool:
    following = next((row for row in rows[index + 1:] if any(c.text for c in row)), None)
    return following is not None and is_indicator_header([c.text for c in following])


def _is_section_label(text: str) -> bool:
    """A label naming a chapter of text: "三、工作保障措施", "业务保障措施"."""
    return bool(SECTION_HEADING.match(text)) or text.rstrip(":： ").endswith(("措施", "说明", "情况"))


def _breaks_sequence(row: list[Cell], seq: int | None) -> bool:
    """Under a "#" column every indicator row is numbered; other text there is a new part of the page."""
    return seq is not None and seq < len(row) and bool(row[seq].text) and not row[seq].text.isdigit()


def _is_years_row(row: list[Cell]) -> bool:
    texts = [c.text for c in row if c.text]
    return bool(texts) and all(re.fullmatch(r"\d{4}\s*年?", t) for t in texts)




def _project_order(project: dict[str, Any]) -> dict[str, Any]:
    order = ("id", "number", "code", "name", "category", "attribute", "period", "budget_unit", "money_unit", "budget",
             "purpose", "spending_plan", "goals", "withheld", "notes")
    ordered = {key: project[key] for key in order if key in project}
    if "budget" in ordered:
        budget = ordered["budget"]
        ordered["budget"] = {k: budget[k] for k in ("total", "this_year", "fiscal", "other") if k in budget}
        for split in BUDGET_SPLITS.values():
            if split in budget:
                ordered["budget"][split] = {k: budget[split][k] for k in ("total", "fiscal", "other")
                                            if k in budget[split]}
    return ordered | {k: v for k, v in project.items() if k not in ordered and not k.startswith("_")}


def assemble(document: SourceDocument) -> Imported:
    return Assembler(document).run()
