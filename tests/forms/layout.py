"""A filing laid out as the form a department fills in: title lines, then ruled tables with merged cells.

The layout follows the forms of the seeds (部门整体绩效目标表, 项目绩效目标表): a title and a
单位 line above the tables, a funds table with two header rows, label–text rows for the
narrative parts, one table per goal whose 一级/二级 labels are merged down their rows, and
one table per project. It is written once here and put into every file format by `render.py`.

Variants change what a form may legitimately vary, and `expected` says which filing each
variant must import as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.models import Budget, Filing, Goal, Indicator, Project, WithheldRange
from generator.vocabulary import FIELD_LABELS

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based, inclusive)
VARIANTS = ("standard", "reordered", "without-basis", "shifted-label")


@dataclass
class FormTable:
    rows: list[list[str]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)

    def add(self, *cells: str | tuple[str, int]) -> None:
        """One row; a cell given as (text, n) spans n columns."""
        row: list[str] = []
        for cell in cells:
            text, span = cell if isinstance(cell, tuple) else (cell, 1)
            if span > 1:
                self.merges.append((len(self.rows), len(row), len(self.rows), len(row) + span - 1))
            row += [text] + [""] * (span - 1)
        self.rows.append(row)

    def merge_down(self, column: int, first: int, last: int) -> None:
        if last > first:
            self.merges.append((first, column, last, column))

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def grid(self) -> list[list[str]]:
        """Rows padded to the table's width: every format draws a rectangle."""
        return [row + [""] * (self.width - len(row)) for row in self.rows]


@dataclass
class FormText:
    text: str


FormBlock = FormTable | FormText


# --- the indicator columns ------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    header: str
    field: str


def _column(field: str) -> Column:
    """A column headed by the form's word for the field (the site's vocabulary uses the form's words)."""
    return Column(str(FIELD_LABELS[Indicator][field]), field)


OPTIONAL_FIELDS = ("basis", "value_type", "unit", "description", "scoring", "weight", "category", "remark")


def indicator_columns(goal: Goal, variant: str) -> list[Column]:
    present = [_column(f) for f in OPTIONAL_FIELDS if any(getattr(i, f) for i in goal.indicators)]
    if variant == "without-basis":
        present = [c for c in present if c.field != "basis"]
    seq = [_column("seq")] if any(i.seq for i in goal.indicators) else []
    names = [_column("level1"), _column("level2"), _column("name")]
    value = [_column("value")] + [Column(f"{year}年指标值", f"prior.{year}") for year in goal.prior_years]
    if variant == "reordered":  # the optional columns first, the value last
        return seq + names + list(reversed(present)) + value
    return seq + names + value + present


def _indicator_text(indicator: Indicator, column: Column) -> str:
    if column.field.startswith("prior."):
        return indicator.prior.get(int(column.field[6:])) or ""
    return getattr(indicator, column.field) or ""


# --- the form ---------------------------------------------------------------------------------

def form(filing: Filing, variant: str = "standard") -> list[FormBlock]:
    blocks: list[FormBlock] = [FormText(filing.title), FormText(_unit_line(filing.money_unit))]
    blocks.append(_identity_table(filing))
    if filing.funds:
        blocks.append(_funds_table(filing))
    if narrative := _narrative_table(filing):
        blocks.append(narrative)
    blocks += _section_lines(filing)
    blocks += [block for goal in filing.goals for block in _goal_blocks(goal, variant)]
    for entry in filing.projects:
        blocks += _project_blocks(entry, filing.money_unit, variant)
    return blocks


def _unit_line(money_unit: str) -> str:
    return f"金额单位：{money_unit}"


def _identity_table(filing: Filing) -> FormTable:
    table = FormTable()
    table.add("部门（单位）名称", filing.department.name)
    table.add("预算年度", f"{filing.fiscal_year}年")
    if filing.filed_on:
        table.add("填报日期", f"{filing.filed_on.year}年{filing.filed_on.month}月{filing.filed_on.day}日")
    if filing.contact and filing.contact.filer:
        table.add("填报人", filing.contact.filer)
    if filing.contact and filing.contact.phone:
        table.add("联系电话", filing.contact.phone)
    return table


def _funds_table(filing: Filing) -> FormTable:
    funds = filing.funds
    years = [f"{year}年" for year in funds.prior_years]
    table = FormTable()
    table.add("收支构成", "项目", "当年金额", "占比", *([("近两年收支金额", len(years))] if years else []))
    if years:
        table.add("", "", "", "", *years)
        for column in range(4):
            table.merge_down(column, 0, 1)
    for label, part in (("收入构成", funds.income), ("支出构成", funds.expenditure)):
        if part:
            first = len(table.rows)
            for line in part.lines + ([part.total] if part.total else []):
                table.add(label if len(table.rows) == first else "", line.name, _amount(line.amount),
                          line.share or "", *(_amount(line.prior.get(year)) for year in funds.prior_years))
            table.merge_down(0, first, len(table.rows) - 1)
    return table


def _amount(amount) -> str:
    return "" if amount is None else str(amount)


def _narrative_table(filing: Filing) -> FormTable | None:
    parts = [("部门职能概述", filing.functions), ("年度工作任务", filing.annual_tasks), ("总体绩效目标", filing.overall_goal)]
    table = FormTable()
    for label, text in parts:
        if text:
            table.add(label, plain(text))
    return table if table.rows else None


def _section_lines(filing: Filing) -> list[FormBlock]:
    """Other chapters (工作保障措施 …) are prose in the forms: a heading line, then one line per paragraph."""
    return [FormText(line) for section in filing.sections for line in [section.title, *plain(section.text).split("\n")]]


PARAGRAPH = re.compile(r"</p>\s*<p>")
TAGS = re.compile(r"</?(p|br)\s*/?>")


def plain(rich: str) -> str:
    """Rich text as a form shows it: one line per paragraph, no markup."""
    return TAGS.sub("", PARAGRAPH.sub("\n", rich)).strip()


def _goal_blocks(goal: Goal, variant: str) -> list[FormBlock]:
    """The goal's label and text as the table's first row; a goal without text has its label above the table."""
    label = goal.title or ("长期目标" if goal.kind == "长期" else "年度目标")
    table = _goal_table(goal, variant, label if goal.text else None)
    return [table] if goal.text else [FormText(label), table]


def _goal_table(goal: Goal, variant: str, label: str | None) -> FormTable:
    columns = indicator_columns(goal, variant)
    table = FormTable()
    if label:
        table.add(label, (plain(goal.text or ""), len(columns) - 1))
    table.add(*(c.header for c in columns))
    first = len(table.rows)
    for indicator in goal.indicators:
        table.add(*(_indicator_text(indicator, c) for c in columns))
    for level in ("level1", "level2"):
        _merge_labels(table, columns.index(next(c for c in columns if c.field == level)), first, goal, level)
    if variant == "shifted-label":
        _shift_one_label(table, columns.index(next(c for c in columns if c.field == "level2")), first)
    return table


def _merge_labels(table: FormTable, column: int, first: int, goal: Goal, level: str) -> None:
    """Consecutive rows with the same label (within the same 一级指标) show it once, merged down."""
    key = (lambda i: (i.level1,)) if level == "level1" else (lambda i: (i.level1, i.level2))
    start = 0
    for n in range(1, len(goal.indicators) + 1):
        if n == len(goal.indicators) or key(goal.indicators[n]) != key(goal.indicators[start]):
            if table.rows[first + start][column]:
                for row in range(first + start + 1, first + n):
                    table.rows[row][column] = ""
                table.merge_down(column, first + start, first + n - 1)
            start = n


def _shift_one_label(table: FormTable, column: int, first: int) -> None:
    """Like the 鄂州 export: the second merged 二级 label starts one row below its first indicator."""
    ranges = sorted(m for m in table.merges if m[1] == column and m[0] >= first and m[2] > m[0])
    if len(ranges) < 2:
        return
    top, left, bottom, right = ranges[1]
    label = table.rows[top][column]
    table.rows[top][column], table.rows[top + 1][column] = "", label
    table.merges.remove(ranges[1])
    table.merge_down(column, top + 1, bottom)


def _project_blocks(entry: Project | WithheldRange, money_unit: str, variant: str) -> list[FormBlock]:
    if isinstance(entry, WithheldRange):
        return [FormText(entry.withheld.notice or f"{entry.withheld.numbers[0]}-{entry.withheld.numbers[1]}号项目"
                         f"{entry.withheld.reason}，暂不公开")]
    heading = f"{entry.number}.{entry.name or ''}绩效目标表" if entry.number else f"{entry.name or ''}绩效目标表"
    blocks: list[FormBlock] = [FormText(heading), FormText(_unit_line(entry.money_unit or money_unit))]
    if table := _project_table(entry):
        blocks.append(table)
    blocks += [block for goal in entry.goals for block in _goal_blocks(goal, variant)]
    return blocks


BUDGET_FIELDS = ("total", "this_year", "fiscal", "other")


def _project_table(project: Project) -> FormTable | None:
    table = FormTable()
    for label, value in (("项目编码", project.code), ("项目名称", project.name), ("支出项目类别", project.category),
                         ("预算单位", project.budget_unit)):
        if value:
            table.add(label, value)
    budget = [(str(FIELD_LABELS[Budget][key]), getattr(project.budget, key)) for key in BUDGET_FIELDS
              if getattr(project.budget, key) is not None]
    if budget:  # label and amount side by side, as in the 项目绩效目标表
        table.add(*(text for label, amount in budget for text in (label, str(amount))))
    if project.purpose:
        table.add("资金用途", plain(project.purpose))
    if project.spending_plan:
        table.add("资金支出计划", *(step.by for step in project.spending_plan))
        table.add("", *(step.share for step in project.spending_plan))
        table.merge_down(0, len(table.rows) - 2, len(table.rows) - 1)
    if not table.rows:
        return None
    _widen_last_cells(table)
    return table


def _widen_last_cells(table: FormTable) -> None:
    """A short row's last cell spans to the table's right edge, as on the printed form."""
    width = table.width
    for r, row in enumerate(table.rows):
        if len(row) < width:
            table.merges.append((r, len(row) - 1, r, width - 1))
            row += [""] * (width - len(row))


# --- what each variant must import as ---------------------------------------------------------

def expected(filing: Filing, variant: str) -> Filing:
    """The filing a variant's form says; notes are the importer's own and are compared aside. The
    rendered form is not the 原文 in content/sources/, so the filing names no source."""
    filing = filing.model_copy(update={"source": None})
    if variant != "without-basis":
        return filing
    return filing.model_copy(update={
        "goals": [_without_basis(goal) for goal in filing.goals],
        "projects": [entry.model_copy(update={"goals": [_without_basis(g) for g in entry.goals]})
                     if isinstance(entry, Project) else entry for entry in filing.projects],
    })


def _without_basis(goal: Goal) -> Goal:
    return goal.model_copy(update={"indicators": [i.model_copy(update={"basis": None}) for i in goal.indicators]})
