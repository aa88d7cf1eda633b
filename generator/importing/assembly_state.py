"""What the walk over a document remembers between blocks, shared by every part of `Assembler`.

The assembler is one object built from parts (texts, goals, projects, tables, form rows), one module
each; a part may call another part's methods through `self`, because a row of a form can start a
goal, a project or a text. Everything they share lives here so each part can be read on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Block, Cell, Paragraph, SourceDocument
from .imported import FormYear, FoundTable
from .indicators import Columns, header_columns
from .layouts import MONEY_UNIT_IN_LABEL, achieved_year
from .projects import budget_refusal, code_refusal, put_field, row_number, second_value


@dataclass
class TextTarget:
    """Where the running paragraphs go until the next heading: a filing field, a section, a goal's text."""
    kind: str  # "field", "section", "goal", "goals"; "outside": a budget chapter, `key` is why it is listed
    key: str
    paragraphs: list[str] = field(default_factory=list)
    single: bool = False
    part: bool = False  # "outside" opened by a part's heading ("第二部分 部门预算表"): it holds over the part's chapters
    sub: bool = False  # a field opened by a subheading ("（一）部门职能"): a sibling subheading ends it


class AssemblyState:
    def __init__(self, document: SourceDocument, own_year: int | None = None) -> None:
        self.document = document
        # the filing's year, once the importer knows it (it then reads the form again): its 实际完成值 are 自评 results
        self.own_year = own_year
        self.achieved_years: set[int] = set()  # years of the 实际完成值 columns read as prior-year values
        self.value_years: set[int] = set()  # years of the year-headed value columns beside a 指标值 column
        self.column_years: set[int] = set()  # years heading any value column (see Imported.column_years)
        self.filing: dict[str, Any] = {}
        self.notes: list[dict[str, str]] = []
        self.goals: list[dict[str, Any]] = []
        self.projects: list[dict[str, Any]] = []
        self.sections: list[dict[str, str]] = []
        self.placed: set[str] = set()
        self.why_not: dict[str, str] = {}
        # number cells listed for what Excel lost of them (a code cut to 15 digits): no remark says they were read
        self.unread_numbers: set[str] = set()
        self.tables: list[FoundTable] = []
        self.unit: str | None = None
        self.in_projects = False
        self.project: dict[str, Any] | None = None
        self.goal: dict[str, Any] | None = None
        self.goal_table_used = False
        self.text: TextTarget | None = None
        self.parts: set[str] = set()
        self.expect_purpose = False
        self.spending: list[tuple[int, Cell]] = []
        self.spending_head: list[Cell] = []  # the row of the spending plan's heads, for `_lined_up`
        self.copied = document.path.suffix.lower() == ".txt"  # copied text, whatever a table's rows look like
        self.realign = self.copied  # copied text's columns are found again per row, in a table that dropped slots
        self.budget_periods: dict[int, str] = {}
        self.budget_head: list[Cell] = []  # the row of the 中期/年度 heads, for `_lined_up`
        self.budget_pairs: list[str] = []  # the periods of "中期资金总额： | 300.00 | 年度资金总额： | 100.00", in order
        self.in_table = False
        # the block before the paragraph being read is a table (or a note on it: TABLE_NOTE): its worksheet ("" outside
        # a workbook); None when it is neither
        self.under_table: str | None = None
        self.sheet = ""  # the worksheet of the block being read ("" outside a workbook)
        self.project_sheets: dict[int, str] = {}  # id of a project → the worksheet its form began on
        self.table_notes: set[str] = set()  # where the lines read as such notes are
        self.instructions: str | None = None  # the label of the 填报说明 block being read (`_filling_instructions`)
        self.withheld_list: tuple[str, str] | None = None  # a notice listing its projects below: (text, location)
        self.line_above: str | None = None  # the paragraph just before the one being read (None after a table)
        self.department_line: str | None = None  # the "填报单位：…" line the name came from, until a table's says it
        self.series_title: tuple[str, str] | None = None  # a cover's "省级部门预算" read as the title, and where
        self.cover_name: tuple[str, str] | None = None  # where and what the name alone above the title is
        self.name_from_supervisor = False  # the name was read from a 主管部门 label: a unit's name may follow it
        self.list_supervisors: list[Cell] = []  # project lists' 主管部门 cells (`_name_from_list_supervisors`)
        self.name_codes: dict[str, str] = {}  # each name read with a code in front or after it → that code
        self.form_year: FormYear | None = None  # the form's own 预算年度; the importer decides the filing's year
        self.self_evaluated: list[str] = []  # heads of the 自评 results met (a 自评表's), for the filing's note
        self.opening_budget: tuple[int, dict[int, str]] | None = None  # 年初预算数's column, the result columns' heads
        self.opening_head: list[Cell] = []  # the row of those heads, for `_lined_up`
        self.letter: Any = None  # the 批复/公开说明 letter before the forms (letter.Letter), once its 文号 or title is met
        self.form_said: list[Any] = []  # what the first form's titles and name rows say (several_filings.Said)
        self.second_form: Any = None  # a second form's start (several_filings.Said), once one is met

    def _indicator_columns(self, rows: list[list[Cell]], above: list[Cell] | None) -> tuple[Columns, int]:
        """An indicator header's columns (see `header_columns`); the years of its 实际完成值 columns read as prior years
        are remembered: the importer reads the form again when one is the filing's own year."""
        columns, used = header_columns(rows, above, self.own_year)
        self.achieved_years |= {year for cell in columns.header_cells if (year := achieved_year(cell.text))}
        self.value_years |= columns.value_years
        self.column_years |= {year for year in columns.years.values() if isinstance(year, int)}
        return columns, used

    def _blocks_after(self, location: str) -> list[Block] | None:
        """The document's blocks after the paragraph at `location` (None when no paragraph is there): what a heading
        or a line heads is told by what comes after it."""
        blocks = self.document.blocks
        at = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.location == location), None)
        return None if at is None else list(blocks[at + 1:])

    def _place(self, *items: Cell | Paragraph) -> None:
        self.placed.update(item.location for item in items)

    def _lined_up(self, head: list[Cell], row: list[Cell]) -> list[Cell]:
        """`row` cell by cell under `head`, a row of column heads above it (amounts under 项目总额 …, goals under
        中期目标 / 年度目标). Copied text drops the slots of a label merged down at the left of both, so there a
        row shorter than its head lines up with it on the right."""
        missing = len(head) - len(row)
        return [Cell("", "")] * missing + row if self.realign and missing > 0 else row

    def _project_cell(self, project: dict[str, Any], key: str, cell: Cell) -> None:
        """One cell of a project's row into `project` (序号 as its number, the rest by put_field), or listed
        未放入 with the reason when it is no number where one is needed."""
        if key == "number":
            if (number := row_number(cell.text)) is not None:
                project["number"] = number
                self._place(cell)
            else:
                self.why_not[cell.location] = f"序号“{cell.text}”不是一个整数（文件格式中项目的序号是整数），未录入"
        elif key == "code" and (refused := code_refusal("项目编码", cell)):
            self.why_not[cell.location] = refused
            self.unread_numbers.add(cell.location)
        elif refused := second_value(project, key, cell.text):  # "项目类型 | 二级项目" beside 项目类别: listed
            self.why_not[cell.location] = refused
        elif put_field(project, key, cell.text, self.unit):
            self._place(cell)
            if key == "code" and cell.number:
                project["_code_number"] = True  # its leading zeros may be lost: compared with the form's other codes
        else:
            self.why_not[cell.location] = budget_refusal(project, cell.text, self.unit)

    def _set_unit(self, unit: str | None) -> None:
        """The first unit is the filing's; a different one later belongs to the project it appears in."""
        if not unit:
            return
        if self.unit is None:
            self.unit = unit
        elif unit != self.unit and self.project is not None:
            self.project["money_unit"] = unit

    def _head_unit(self, head: list[Cell]) -> str | None:
        """A unit the table's head names ("当年金额（万元）") other than the one in force: the table's amounts are in
        it, and are not read as the form's (see `filed_amount`). The first unit met is the form's."""
        units = [found.group(1) for cell in head if (found := MONEY_UNIT_IN_LABEL.search(cell.text))]
        for unit in units:
            self._set_unit(unit)
        in_force = (self.project or {}).get("money_unit", self.unit)  # a project's form may name a unit of its own
        return next((unit for unit in units if unit != in_force), None)

    def _new_project(self, project: dict[str, Any]) -> None:
        self.project_sheets[id(project)] = self.sheet  # whose tab may name it (`_names_from_sheets`)
        self.projects.append(project)
        self.project = project
        self.goal = None
        self.expect_purpose = False
