"""One pass over a located document: recognise each part by what its cells say, build one filing.

The result is plain data in the content format (Decimal amounts, verbatim texts, editorial notes
where a reading was a judgement) plus what the import report needs: the tables found and their
kind, rows placed, cells and paragraphs that were not placed, with their locations.

This module walks the blocks and reads paragraphs; tables, form rows, goals, projects, running
text and department fields are read by the parts `Assembler` is built from (see assembly_state).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .assembly_state import TextTarget
from .department import (BLANK_DATE, CODED_NAME, DepartmentFields, blank_field, labelled_department, labelled_field,
                         personal_label, personal_reasons)
from .document import Cell, Paragraph, SourceDocument, Table
from .form_rows import FormRow, FormRows
from .goals import GOAL_START, Goals, without_empty_goals
from .imported import Imported
from .indicator_halves import IndicatorHalves
from .layouts import (ATTACHMENT_HEAD, CONTENTS_ENTRY, DATE_LABELS, FILING_PARTS, FILLING_INSTRUCTIONS,
                      INSTRUCTION_ITEM, LABELLED_VALUE, MONEY_UNIT, PAIR_SEPARATOR, PROJECT_PARTS, REPORT_APPARATUS,
                      TABLE_NOTE, attached_part, normalize)
from .letter import LetterParts
from .page_breaks import PageBreaks
from .project_parts import ProjectParts
from .project_rows import ProjectRows
from .projects import budget_line, heading, project_line, withheld
from .running_text import (BRACKETED_HEADING, PART_HEADING, REPORT_APPARATUS_REASON, SECTION_HEADING, SUBHEADING,
                           RunningText)
from .self_evaluation import SelfEvaluation
from .several_filings import SeveralFilings
from .tables import TableParts
from .withheld_names import withhold_named

PARTS = {"第一部分", "第二部分", "第三部分", "部门整体绩效目标", *PROJECT_PARTS}  # headings alone on their line
# the group a heading puts the project forms under: their funds' kind or their unit ("政府性基金预算项目", "本级项目")
PROJECT_GROUP = re.compile(r"(一般公共预算|政府性基金(预算)?|国有资本经营(预算)?|社会保险基金(预算)?|本级|部门本级|所属单位|下属单位"
                           r"|二级单位|对下转移支付|转移支付)(资金)?(项目|项目支出)(绩效目标)?")
GROUP_HEADING_REASON = ("“{text}”是原文给下面各项目表分组的标题（按资金性质或单位分组），不是项目名称，文件格式中没有对应的字段，"
                        "未录入；其下各表已按项目录入")
FILLING_INSTRUCTIONS_REASON = "原表印制的“{label}”，是告诉填表人怎样填写这张表的，不是部门填报的内容，未录入"
TABLE_NOTE_REASON = ("原表紧接在表格下的“{label}”，是原表对上面这张表的说明；文件格式中没有对应的字段（编者注只写编者的话），"
                     "未录入，请核对其中有无须手工录入的内容")


class Assembler(TableParts, FormRows, Goals, IndicatorHalves, ProjectParts, ProjectRows, DepartmentFields, RunningText,
                PageBreaks, SelfEvaluation, LetterParts, SeveralFilings):
    def run(self) -> Imported:
        self._read_past_page_breaks()
        for block in self.document.blocks:
            self.sheet = _sheet(block.location)
            if isinstance(block, Paragraph):
                self._paragraph(block)
                # a note's next line may be another note
                self.under_table = _sheet(block.location) if block.location in self.table_notes else None
                self.line_above = block.text.strip()
            else:
                if not self._outside_table(block):  # a table of the budget report is listed, never read
                    self._close_text()
                    self.instructions = None  # 填报说明 go on past a table only from its last rows (`_instructions_row`)
                    self._table(block)
                self.under_table = _sheet(block.location)
                self.line_above = None
        self._close_text()
        self._finish()
        return Imported(self.filing, self.tables, self._not_placed(), self.unit is not None, self.form_year,
                        self._remarks(), frozenset(self.achieved_years), frozenset(self.value_years),
                        self._signature(), column_years=frozenset(self.column_years))

    def _remarks(self) -> tuple[str, ...]:
        """The reader's remarks, but none saying a number was read "照存储的数字" where the cell is listed for what
        Excel lost of it (a code cut to 15 digits): the report would say both that it was read and that it was not."""
        said = tuple(f"{location} 的数字" for location in self.unread_numbers)
        return tuple(remark for remark in self.document.remarks
                     if not (said and remark.startswith(said) and "已照存储的数字读作" in remark))

    # ---- paragraphs: the first reading that takes one wins ------------------------------------
    def _paragraph(self, paragraph: Paragraph, pairs: bool = True) -> None:
        """`pairs`: a line of label–value pairs is read pair by pair (a paragraph, a row of one cell)."""
        text = paragraph.text.lstrip("*").strip()
        if paragraph.unread:
            self.why_not[paragraph.location] = paragraph.unread  # the reader knows it is no part of the form
            return
        if CONTENTS_ENTRY.match(text):
            self.why_not[paragraph.location] = REPORT_APPARATUS_REASON
            return  # a line of the table of contents: never the heading it names, nor a part it would open
        if self._project_group_line(text, paragraph.location):
            return  # "一、一般公共预算项目" over the project forms: listed, never a chapter that swallows them
        if self._outside_filing(text, paragraph.location):
            return  # a chapter of the budget report that is no part of the filing: listed with that reason
        if self._letter_line(paragraph):
            return  # the 批复 letter around the forms: its 文号, title, date, or a line listed with its reason
        if self._filling_instructions(text, paragraph.location):
            return  # the form's printed 填报说明: listed with that reason
        if self._withheld_list(text, paragraph.location):
            return  # a notice that lists its projects on the lines below, and those lines
        if self._withheld_under_heading(text, paragraph.location):
            self._place(paragraph)
            return  # "该转移支付涉密，不予公开。" under "二、……": the heading's project withheld
        if self._table_note(text, paragraph.location):
            return  # the form's own note on the table above: listed with that reason
        self._title_says(text, paragraph.location)  # whose form a title starts, whatever reading then takes it
        read = self._label_pairs(text, paragraph.location) if pairs else None
        if read is None and (self._unfielded_line(text, paragraph.location)
                             or self._personal_line(text, paragraph.location)
                             or self._second_name_line(text, paragraph.location)):
            return  # a project's text without a field, a person's name or number, a second name: listed with why
        if read is None:
            read = self._field_line(text, paragraph.location) \
                or self._numbered_form_heading(text, paragraph.location) or self._project_start(text) \
                or self._part_heading(text) or self._section_start(text, paragraph.location) \
                or self._bracketed_heading(text) \
                or self._goal_line(text, paragraph.location) \
                or self._numbered_goal(text, paragraph.location) or self._subheading(text) or self._running_text(text) \
                or self._title(text, paragraph.location) or self._year_line(text, paragraph.location) \
                or self._other_title(text, paragraph.location)
        if read:
            self._place(paragraph)
        elif REPORT_APPARATUS.match(text):
            self.why_not.setdefault(paragraph.location, REPORT_APPARATUS_REASON)
        else:
            self.why_not.setdefault(paragraph.location, "未识别的段落")

    def _filling_instructions(self, text: str, location: str) -> bool:
        """"填报说明：" (填表说明, 填报须知) and the numbered lines right under it ("1.本表由项目单位填报；"): the form's printed
        instructions to whoever fills it in, not the department's filing. Listed with that reason, never read into a
        field or a chapter ("2.金额单位为万元" says how to fill the form in, not the filing's unit). A project's heading
        or a withheld notice under them is not one of them: it is read as such. They may go on right under a table whose
        last row holds them (`_instructions_row`): a text export keeps no merge, and a row beside a label merged down
        becomes a line of its own."""
        label = FILLING_INSTRUCTIONS.match(text)
        if label:
            self._close_text()
            self.instructions = re.sub(r"\s", "", label.group("label"))
        elif self.instructions is None or self.in_table or not INSTRUCTION_ITEM.match(text) \
                or heading(text) or withheld(text):
            self.instructions = None
            return False
        self.why_not[location] = FILLING_INSTRUCTIONS_REASON.format(label=self.instructions)
        return True

    def _instructions_row(self, row: FormRow) -> int:
        """"填表说明 | 1.本表由…；2.…": the form's printed instructions as a row of a table, the label in a cell of its
        own (a row of one cell is read as its line is, `_filling_instructions`). With it go the rows right under it
        that go on beside the label merged down: under its merge, or (copied text keeps no merge) a blank slot there
        and only numbered items ("2.金额单位为万元。"). Listed with the reason their lines get, never read as a chapter
        (填表说明) or a row of the table above (`_is_stop` ends a table at it)."""
        label = FILLING_INSTRUCTIONS.match(row.first.text)
        if label is None or len(row.present) < 2:
            return 0
        column = next(c for c, cell in enumerate(row.cells) if cell.location == row.first.location)
        used = 1
        while row.index + used < len(row.rows) and _goes_on_beside(row.rows[row.index + used], column, row.first):
            used += 1
        self.instructions = re.sub(r"\s", "", label.group("label")) if row.index + used == len(row.rows) else None
        reason = FILLING_INSTRUCTIONS_REASON.format(label=self.instructions or re.sub(r"\s", "", label.group("label")))
        for cells in row.rows[row.index:row.index + used]:
            for cell in cells:
                if cell.text:
                    self.why_not[cell.location] = reason
        return used

    def _table_note(self, text: str, location: str) -> bool:
        """"注：……" (说明、备注) right under a table, or as a row of one cell in it: the form's note on that table. The
        content format has no field for the department's note (see TABLE_NOTE): listed, saying what it is."""
        note = TABLE_NOTE.match(text)
        if note is None or not (self.under_table == _sheet(location) or self.in_table) or withheld(text):
            return False  # "注：第6号项目因涉密暂不公开" is the notice of the withheld projects, read as one
        self.why_not[location] = TABLE_NOTE_REASON.format(label=re.sub(r"\s", "", note.group("label")))
        self.table_notes.add(location)
        return True

    def _field_line(self, text: str, location: str) -> bool:
        """A line that is one field of the form: a date, the money unit, the department's name, the contact, a code,
        the 预算年度, a project's field."""
        return self._metadata(text, location) or self._department_line(text, location) \
            or self._form_field_line(text, location) or self._project_line(text, location) \
            or self._coded_name_line(text, location) or blank_field(text)  # a blank "联系电话：": nothing filed

    def _label_pairs(self, text: str, location: str) -> bool | None:
        """"主管部门：某县交通运输局　实施单位：某县公路养护中心": label–value pairs on one line, apart by two spaces or
        more, a tab or a full-width space, each read as if it were a line of its own. None when the line is not made
        only of such pairs (the other readings then have it, and a line with a second label is not read). A pair
        that is not read (a unit before any project) lists the line with its reason, beside the pairs that were.
        A label left blank ("联系电话：") has nothing to read."""
        pieces = PAIR_SEPARATOR.split(BLANK_DATE.sub("", text))  # a blank date's spaces part no pairs
        if len(pieces) < 2 or not all(_is_field_line(piece) or blank_field(piece) for piece in pieces):
            return None
        pieces = [piece for piece in pieces if not blank_field(piece)]
        unread = []
        for piece, personal in zip(pieces, personal_reasons(pieces)):  # a 负责人 and their number: never the contact
            if personal or not self._field_line(piece, location):
                unread.append(f"“{piece}”：{personal or self.why_not.pop(location, '未能读取')}")
        if unread:
            done = "其余各项已录入；" if len(unread) < len(pieces) else ""
            self.why_not[location] = f"此行有{len(pieces)}项，{done}{'；'.join(unread)}"
        return not unread

    def _part_heading(self, text: str) -> bool:
        """"第一部分", "预算项目绩效目标", "第一部分 部门概况", or an attachment's title naming a part ("附件2：2026年项目
        支出绩效目标表", as a 部门预算公开 report attaches the goals): what follows a project part is projects. A part after the
        projects have begun ("第三部分 其他说明", or "第三部分" with "其他说明" on the next line as Word's export writes
        it) is a chapter of the filing: its paragraphs are a section. A part listing attachments (附件) is none."""
        part = PART_HEADING.match(text)
        title = part.group("title").strip() if part else attached_part(text) or text
        if text not in PARTS and part is None and attached_part(text) is None:
            return self._part_title(text)
        self._close_text()
        self.parts.add(title or text)
        if title in PROJECT_PARTS:
            self.in_projects = True
        elif title and title not in PARTS | FILING_PARTS and self.in_projects and not ATTACHMENT_HEAD.match(title):
            self._start_section(text, title)
        return True

    def _part_title(self, text: str) -> bool:
        """The line right under a bare "第三部分" in the projects part, a title and no sentence ("其他说明"): the part's
        title, read as if the heading were one line ("第三部分 其他说明")."""
        heading_text = self._completed_part_heading(text)
        if heading_text is None or not self.in_projects or ATTACHMENT_HEAD.match(text):
            return False
        return self._part_heading(heading_text)

    def _section_start(self, text: str, location: str) -> bool:
        section = SECTION_HEADING.match(text)
        if not section or (self.in_projects and not self._chapter_after_projects(location)):
            return False
        self._close_text()
        self._start_section(text, section.group("title"))
        return True

    def _project_group_line(self, text: str, location: str) -> bool:
        """"一、一般公共预算项目", "二、政府性基金预算项目", "一、本级项目" with a table after it: a heading that groups the
        project forms below it by their funds or unit, no project's name and no chapter. Before, it opened a chapter
        (of the budget report, for "一般公共预算") that swallowed the forms under it: "没有找到绩效目标表". Its forms are
        read as projects; the heading is listed with why (its number is the group's, never a project's)."""
        group = SECTION_HEADING.match(text) or BRACKETED_HEADING.match(text)
        after = self._blocks_after(location)
        if group is None or not PROJECT_GROUP.fullmatch(re.sub(r"\s", "", group.group("title"))) or after is None \
                or not any(isinstance(block, Table) for block in after):
            return False
        self._close_text()  # ends a chapter (or a budget part) above it: the forms below are the filing's
        self.project = None
        self.why_not[location] = GROUP_HEADING_REASON.format(text=text)
        return True

    def _chapter_after_projects(self, location: str) -> bool:
        """A chapter heading ("三、其他需要说明的事项") in the projects part is the filing's own chapter only after the last
        project's tables: no table follows it in the document. Before a table it may head a project or a project's
        text, which stays the project's (never a section of the filing)."""
        after = self._blocks_after(location)
        return bool(self.projects) and not self.in_table and after is not None \
            and not any(isinstance(block, Table) for block in after)

    def _goal_line(self, text: str, origin: str) -> bool:
        """"年度目标：…" starts a goal; a bare "年度目标" takes the next paragraph as its text. In a project the label
        (also 绩效目标、总体目标 …) is structure, as in a form's row, and the text is what follows it; a department's
        goal keeps the line whole, as the seeds are filed."""
        if self.text is not None and self.text.kind == "goals":
            return False
        labelled = self._project_goal_line(text)
        if labelled:
            kind, title, label, rest = labelled
            self._close_text()
            self._start_goal(kind, title, rest, origin=origin)
            self._goal_years(label)
            return True
        goal = GOAL_START.match(text)
        if not goal:
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
        self._drop_empty_goals()
        if self.goals:
            filing["goals"] = self.goals
        withhold_named(self.document.blocks, self.projects, self.placed, self.why_not, self.table_notes)
        if self.projects:
            filing["projects"] = self._finished_projects()
        self._self_evaluation_note()
        if self.notes:
            filing["notes"] = self.notes
        if self.unit:
            filing["money_unit"] = self.unit
        self._unit_remarks()
        self._one_filing()  # a second department's (year's, kind's) form: refused before any guess below
        self._title_from_parts()
        self._letter_finish()  # the letter names the department before a project's 预算单位 does
        self._name_from_cover()  # so does the name alone above the title
        self._name_from_list_supervisors()  # one 主管部门 on every row of a list names the department before a 预算单位
        self._name_from_budget_unit()

    def _unit_remarks(self) -> None:
        """Projects whose amounts the form gives in another unit than the filing's ("项目资金（万元）" on a form in 元):
        entered as filed, each in its own money_unit, and said in the report, which would not show that their figures'
        unit changed (before, it was set without a word)."""
        units: dict[str, list[str]] = {}
        for project in self.projects:
            if project.get("money_unit") not in (None, self.unit) and self.unit:
                name = project.get("name") or f"第{project.get('number', '?')}号项目"
                units.setdefault(project["money_unit"], []).append(f"“{name}”")
        remarks = tuple(f"项目{''.join(names)}的金额在原表中写明以{unit}计（项目表头或本项目处），与文件的金额单位"
                        f"（{self.unit}）不同：金额照原表录入，这些项目的金额单位记为{unit}，请核对。"
                        for unit, names in units.items())
        if remarks:
            self.document = replace(self.document, remarks=self.document.remarks + remarks)

    def _drop_empty_goals(self) -> None:
        """Goals whose box the form left empty are no goals (`without_empty_goals`): a note says so where they were."""
        self.goals, notes = without_empty_goals(self.goals)
        self.notes.extend(notes)
        for project in (p for p in self.projects if "goals" in p):
            project["goals"], notes = without_empty_goals(project["goals"])
            if notes:
                project.setdefault("notes", []).extend(notes)
            if not project["goals"]:
                del project["goals"]

    def _not_placed(self) -> list[tuple[str, str, str]]:
        missing = []
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                if block.location not in self.placed:  # the reader's own reason first: one location may hold two
                    why = block.unread or self.why_not.get(block.location, "未识别的段落")  # hidden pieces, two ways
                    missing.append((block.location, block.text, why))
                continue
            for row in block.rows:
                for cell in row:
                    if cell.text and cell.location not in self.placed:
                        missing.append((cell.location, cell.text, self.why_not.get(cell.location, "未识别的单元格")))
        return missing


def _goes_on_beside(cells: list[Cell], column: int, label: Cell) -> bool:
    """A row that goes on beside a label merged down at `column`: under its merge, or a blank slot there with only
    numbered items beside it (a text export keeps no merge)."""
    if column >= len(cells) or cells[column].text:
        return False
    present = [cell for cell in cells if cell.text]
    return bool(present) and (cells[column].merged_from == label.location
                              or all(INSTRUCTION_ITEM.match(cell.text.strip()) for cell in present))


def _sheet(location: str) -> str:
    """The worksheet a location is on ("Sheet1!C14"), "" outside a workbook: a line on another sheet is not under the
    last table of the one before."""
    return location.partition("!")[0] if "!" in location else ""


def _is_field_line(text: str) -> bool:
    """Says a field's label, as `_field_line` reads it: a date, the money unit, a department's, the form's own
    (contact, codes, year) or a project's label."""
    labelled = LABELLED_VALUE.match(text)
    return bool(labelled and normalize(labelled.group("label")) in DATE_LABELS) or bool(MONEY_UNIT.fullmatch(text)) \
        or labelled_department(text) is not None or labelled_field(text) is not None or project_line(text) is not None \
        or budget_line(text) is not None or (labelled is not None and personal_label(labelled.group("label"))) \
        or bool(CODED_NAME.fullmatch(text))  # "510115001某县第一中学　　单位：万元": the unit and the money unit


def assemble(document: SourceDocument, own_year: int | None = None) -> Imported:
    """`own_year`: the filing's year, once the importer knows it, when the form has a 实际完成值 column of that year."""
    return Assembler(document, own_year).run()

