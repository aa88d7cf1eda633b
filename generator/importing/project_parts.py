"""Projects as the walk meets them: headings that open one, key/value rows, budgets, purpose, spending plan.

Recognising a single line or row is `projects.py`'s job; this part decides which project the reading
belongs to (the current one, or a new one) and records where each value was placed.
"""

from __future__ import annotations

import re
from typing import Any

from ..models import Budget, Project
from ..vocabulary import label
from .assembly_state import AssemblyState
from .document import Cell, Paragraph, Table
from .form_rows import FormRow
from .funds import FIGURE, figures_under_heads, filed_amount, is_total_row
from .layouts import (header_keys, BUDGET_FIELDS, BUDGET_LINE_LABELS, BUDGET_PERIOD, BUDGET_ROWS, BUDGET_SPLITS,
                      CLIPPED_NAME, INCOME_KINDS, LABELLED_VALUE, BRACKETED, PROJECT_COLUMNS, PROJECT_NAME_SUFFIX,
                      PROJECT_TEXTS_WITHOUT_FIELD, FUND_TOTAL, SPENDING_PLAN_WORDS, STRUCTURE_LABELS, TRANSFER_SOURCES,
                      normalize,
                      project_list_column, sheet_project_name, without_field_reason)
from .projects import (CODED_UNIT, BudgetLine, budget_line, budget_title, code_refusal, form_heading, form_pairs,
                       heading,
                       labelled_unit, project_field, project_line, put_field, budget_refusal, second_value,
                       spending_header, split_columns, heading_withheld, THIS_WITHHELD, unnumbered_heading, withheld,
                       withheld_fields, withheld_head, withheld_item, row_number, WITHHELD_WORDS)

# A unit's name alone in a cell ("××县司法局本级"), or after its system code (CODED_UNIT: "101001 某县第一中学").
BUDGET_UNIT = re.compile(r"^\d*\S{2,30}(局|院|所|中心|本级|委员会|办公室|队|站|处|科)$|" + CODED_UNIT.pattern)
EXCEL_SHEET_NAME = 31  # the longest name Excel gives a worksheet: a longer project name on a tab is cut there
PURPOSE_LABEL = "预算规模及资金用途"  # its text is the next one-cell row
LIST_TOTAL = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"
NO_PROJECT_YET = "原表此处还没有项目，项目资金是项目的字段，未录入"
SUPERVISOR_BESIDE_UNIT = ("原表“主管部门”一列写的是各项目的主管部门；项目的预算单位已按表中的单位一列录入，"
                         "文件格式中项目没有主管部门的字段，未录入")
BREAKDOWN = "原表按区域或单位分列的金额；文件格式中项目预算没有分列的字段，未录入，请核对"
# A project's funds by year, as a rolling plan (中期财政规划) heads them: "2026年", "2027年度", "2028年预算数".
YEAR_HEAD = re.compile(r"^(\d{4})年度?(预算数?|资金|计划)?$")
YEARS_UNREAD = "原表分年度列出的项目资金，没有哪一列是本文件预算年度的，未录入，请核对"
SOURCES_TOTAL = {"合计", "总计"}  # under the 资金来源 rows: their sum ("小计" may be of a few of them only)
# 实施期资金总额 (浙江, the central departments): the funds of the project's whole period, filed as its 中期 figures.
PERIOD_FUNDS_NOTE = {"field": "budget.medium_term",
                     "text": "原表写作“实施期资金总额”，是项目整个实施期的资金；编者列为中期资金总额。"}
FIELD_ORDER = ("id", "number", "code", "name", "category", "attribute", "period", "budget_unit", "money_unit",
               "budget", "purpose", "spending_plan", "goals", "withheld", "notes")


class ProjectParts(AssemblyState):
    def _project_start(self, text: str) -> bool:
        """A paragraph that opens a project: a withheld notice, a numbered or plain heading, a budget title line."""
        records = withheld(text, frozenset(p["number"] for p in self.projects if isinstance(p.get("number"), int)))
        if records:
            self._open_projects()
            self.projects.extend(records)  # where the notice stands in the form, one record per run of numbers
            self.project = None
            return True
        numbered = heading(text)
        if numbered:
            self._open_projects()
            self._new_project({"number": numbered[0]})
            return True
        if unnumbered_heading(text) and "title" in self.filing:
            self._open_projects()
            if self.project is None or self.project:  # a heading right after another (a cover's, then the sheet's)
                self._new_project({})               # opens the one project the first left empty, not a second
            return True
        titled = budget_title(text)
        if titled:
            self._open_projects()
            project, unit = titled
            self._new_project(project)
            self._set_unit(unit)
            return True
        return False

    def _numbered_form_heading(self, text: str, location: str) -> bool:
        """A part's heading ("二、耕地地力保护补贴资金", "（三）…", "第四项 …") right above the form of the project it names
        opens that project with the heading's number (`form_heading`). Before, the number was lost (the heading was
        listed 未识别, or taken as a chapter's), and a notice withholding "第2号项目" could not be told from it."""
        after = self._blocks_after(location)
        number = form_heading(text, after[0]) if after and isinstance(after[0], Table) else None
        if number is None:
            return False
        self._open_projects()
        self._new_project({"number": number})
        return True

    def _withheld_list(self, text: str, location: str) -> bool:
        """"以下项目因涉及国家秘密不予公开：" (no number after its colon) and the lines right under it, each naming a
        project by its number ("5.2026年战备公路养护经费", "6、……"): a withheld record per line, at the notice's place.
        Each line's name is not published (a withheld record has no name) and the line is listed saying so. A line
        with a table right after it heads that project's form, and a published project's number is no withheld one:
        either ends the list. The notice stays listed when no line follows it."""
        if withheld_head(text):
            self._close_text()
            self.withheld_list = (text, location)
            self.why_not[location] = "不公开说明没有写出项目序号，下面也没有逐行列出的项目，未录入"
            return True
        published = {p["number"] for p in self.projects if isinstance(p.get("number"), int)}
        record = withheld_item(self.withheld_list[0], text) if self.withheld_list and self.line_above is not None \
            and not self.in_table and not self._table_after(location) else None
        if record is None or record["withheld"]["numbers"][0] in published:
            self.withheld_list = None
            return False
        self._open_projects()
        self.projects.append(record)
        self.project = None
        self._place(Paragraph(*self.withheld_list))
        number = record["withheld"]["numbers"][0]
        self.why_not[location] = (f"不公开说明下列出的第{number}号项目：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，"
                                  "项目名称未录入")
        return True

    def _withheld_under_heading(self, text: str, location: str) -> bool:
        """"该转移支付涉密，不予公开。" right under "二、战备物资储备补助资金": a withheld record of the heading's number, at
        its place (`heading_withheld`); the heading's name is not published and is listed saying so. The chapter or
        the empty project the heading opened is dropped (before, both lines were published as a chapter)."""
        if self.line_above is None or not THIS_WITHHELD.match(text):
            return False  # the cheap test first: the search below goes through the document's blocks
        blocks = self.document.blocks
        at = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.location == location), 0)
        above = blocks[at - 1] if at else None
        if not isinstance(above, Paragraph) or self.line_above != above.text.strip():
            return False
        record = heading_withheld(above.text.lstrip("*").strip(), text)
        published = {p["number"] for p in self.projects if isinstance(p.get("number"), int) and "withheld" not in p
                     and p is not self.project}
        if record is None or record["withheld"]["numbers"][0] in published:
            return False
        if self.text is not None and self.text.kind == "section" and not self.text.paragraphs:
            self.text = None  # the chapter the heading opened holds nothing else
        if self.project is not None and self.projects and self.projects[-1] is self.project \
                and set(self.project) <= {"number"}:
            self.projects.pop()  # the project the heading opened ("项目二：…") is the one withheld
        self._open_projects()
        self.projects.append(record)
        self.project = None
        self.placed.discard(above.location)
        number = record["withheld"]["numbers"][0]
        self.why_not[above.location] = (f"不予公开的第{number}号项目的标题：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，"
                                        "项目名称未录入")
        return True

    def _withheld_table_row(self, row: list[Cell], index: int) -> bool:
        """A row of a table right under such a notice (`_withheld_list`) that is only a 序号 and a name ("3 | 战备公路
        养护经费", as copied text of a list's rows is): read as the line "3.战备公路养护经费" would be. Before, its cells
        were listed as unknown and the notice as naming no project. Any other row ends the list."""
        assert self.withheld_list is not None
        texts = [cell for cell in row if cell.text]
        number = row_number(texts[0].text) if len(texts) == 2 and row_number(texts[1].text) is None else None
        record = withheld_item(self.withheld_list[0], f"{number}、{texts[1].text}") if number is not None else None
        published = {p["number"] for p in self.projects if isinstance(p.get("number"), int)}
        if record is None or number in published or index == 0 and not self._table_after(self.withheld_list[1]):
            self.withheld_list = None
            return False
        self._open_projects()
        self.projects.append(record)
        self.project = None
        self._place(Paragraph(*self.withheld_list), texts[0])
        self.why_not[texts[1].location] = (f"不公开说明下列出的第{number}号项目：序号已录入不予公开记录；不予公开记录只记序号、"
                                           "理由和依据，项目名称未录入")
        return True

    def _table_after(self, location: str) -> bool:
        """The block right after the paragraph at `location` is a table."""
        after = self._blocks_after(location)
        return bool(after) and isinstance(after[0], Table)

    def _open_projects(self) -> None:
        self._close_text()
        self.in_projects = True

    def _project_list(self, rows: list[list[Cell]], start: int) -> tuple[int, int]:
        """A table of projects, one per row under a header; returns rows used and rows placed. A unit in a header
        cell ("资金总额（万元）") is the filing's."""
        header = rows[start]
        # a column without a field keeps its head, for the reason its cells are listed
        columns = {c: f"{key}:{cell.text}" if key == "unfielded" else key  # a head it knows no field for, too
                   for c, cell in enumerate(header)
                   if cell.text and (key := project_list_column(cell.text) or "unfielded")}
        split = split_columns(header, rows[start + 1] if start + 1 < len(rows) else None)
        columns.update(split)  # 项目金额 over 合计 | 财政拨款 | 其他资金: the second header row
        heads = [c for c in header if c.text] + [rows[start + 1][c] for c in split]
        self._place(*heads)
        head_unit, listed_from = self._head_unit(heads), len(self.projects)
        end = start + 1 + bool(split)
        count = 0
        heading = None  # the group the rows are under ("一 | 某县教育局本级"), as in a list with indicators
        listing: Cell | None = None  # a notice over the rows it withholds ("以下项目涉密，不予公开：")
        while end < len(rows) and not (self._is_stop(rows[end]) and not notice_row(rows[end])):
            if listing is not None and self._withheld_listed(rows[end], columns, listing):
                count, end = count + 1, end + 1
                continue
            group = self._group_heading(rows[end], columns)
            if notice_row(rows[end]):  # "第3号项目涉密，不予公开" between two rows: withheld there, the list goes on
                self._project_start(next(cell.text for cell in rows[end] if cell.text))
                self._place(*(cell for cell in rows[end] if cell.text))
                count += 1
            elif group is not None:
                self._close_heading(heading)
                heading, count = group, count + 1
            elif self._listed_project(filled := self._merged_unit(rows[end], rows[start:end], columns), columns):
                count += 1
                self._under_heading(heading, self.projects[-1])
                if filled is not rows[end] and len(filled) > len(rows[end]):  # copied text: the slot put back
                    self.projects[-1].setdefault("notes", []).append(_slot_note(rows[start], filled, columns))
            listing = listing_notice(rows[end])  # the list under a notice ends at a row that is no item of it
            end += 1
        self._close_heading(heading)
        in_head_unit(self.projects[listed_from:], head_unit)
        return end - start, count + 1 + bool(split)

    def _merged_unit(self, row: list[Cell], above: list[list[Cell]], columns: dict[int, str]) -> list[Cell]:
        """A list's unit column (主管部门, 预算单位) merged down over its projects' rows: each row's project is that unit's.
        A grid keeps the covered slot (`merged_from`): the cell over it is the row's. Copied text drops the slot and the
        row's cells slide left (before, an amount was read as the unit and the goal as the purpose): the unit above
        is put back in the slot when that makes every amount column hold an amount, and the row as it is does not."""
        units = [c for c, key in columns.items() if key in ("budget_unit", "supervisor")]
        if len(units) != 1:
            return row
        unit = units[0]
        covered = row[unit] if unit < len(row) else None
        if covered is not None and covered.merged_from and not covered.text:
            over = next((cell for line in above for cell in line if cell.location == covered.merged_from), covered)
            return [*row[:unit], over, *row[unit + 1:]]
        owner = next((line[unit] for line in reversed(above[1:]) if unit < len(line) and line[unit].text), None)
        filled = len(row) - next((n for n, cell in enumerate(reversed(row)) if cell.text), len(row))
        amounts = [c for c, key in columns.items() if key.rpartition(".")[2] in BUDGET_FIELDS]
        if not self.realign or owner is None or not amounts or filled != max(columns) or filled <= unit:
            return row
        slid = [*row[:unit], owner, *row[unit:filled]]
        return slid if _amounts_fit(slid, amounts) and not _amounts_fit(row, amounts) else row

    def _withheld_listed(self, row: list[Cell], columns: dict[int, str], notice: Cell) -> bool:
        """A row under a notice that withholds the rows below it, with only a 序号 and a name ("5 | 战备公路养护经费"): a
        withheld record of its number, with the notice's words; the name listed, as a withheld record holds none
        (the lines under such a notice in running text are read alike: `_withheld_list`). Before, the row was
        published as a project of that name. A row with more (its amount, its goal) ends the list."""
        cells = {columns.get(c): cell for c, cell in enumerate(row) if cell.text}
        number = row_number(cells["number"].text) if set(cells) == {"number", "name"} else None
        if number is None or any(p.get("number") == number for p in self.projects):
            return False
        redaction, notes = withheld_fields(notice.text)
        notes.append({"field": "withheld.numbers", "text": "原表这条说明下面逐行列出不予公开的项目；编者按各行的序号录入，"
                                                           "各行的项目名称未录入。"})
        self.projects.append({"withheld": {"numbers": [number, number]} | redaction, "notes": notes})
        self._place(notice, cells["number"])
        self.why_not[cells["name"].location] = (f"不公开说明下列出的第{number}号项目：序号已录入不予公开记录；"
                                                "不予公开记录只记序号、理由和依据，项目名称未录入")
        return True

    def _listed_project(self, row: list[Cell], columns: dict[int, str]) -> bool:
        """One row of a project list, its cells in column order; a row without a name is no project. A 合计 row is
        none either, and the content format has no field for a list's total: its cells are listed with that reason."""
        if is_total_row(row):
            for cell in (c for c in row if c.text):
                self.why_not[cell.location] = LIST_TOTAL
            return False
        cells = {columns[c]: cell for c, cell in enumerate(row) if c in columns and cell.text}
        notice = next((cell for cell in row if re.search(WITHHELD_WORDS, cell.text)), None)
        if notice is not None:  # before, "2 | 涉密项目，不予公开" was published as a project of that name
            if len([c for c in row if c.text]) == 1 and withheld(notice.text):  # "6-7号项目涉密，暂不公开" across
                self._project_start(notice.text)
                self._place(notice)
            else:
                number = cells.get("number")
                self._withheld_row(number if number is not notice else None, notice, row)
            return True
        if "name" not in cells:
            return False
        project: dict[str, Any] = {}
        for key, cell in cells.items():
            if key.startswith("unfielded:"):  # a 备注 column
                self.why_not[cell.location] = without_field_reason(key.partition(":")[2])
            elif key == "supervisor":
                self._supervisor_cell(project, cell, columns)
            elif key == "goal":  # the project's 年度 goal, in its words: a goal with no indicators
                project["goals"] = [{"id": "annual", "kind": "年度", "text": cell.text}]
                self._place(cell)
            else:
                self._project_cell(project, key, cell)
        if "number" not in project:  # numbered projects are named p<序号> by the site, as in every layout
            project = {"id": f"p{len(self.projects) + 1}"} | project
        project["_listed"] = cells["name"].location  # a list's row: its project may have a form too
        self._place(*(c for c in row if normalize(c.text) in STRUCTURE_LABELS))
        self.projects.append(project)
        return True

    def _supervisor_cell(self, project: dict[str, Any], cell: Cell, columns: dict[int, str]) -> None:
        """A row's 主管部门 in a list: the body over its project, the project's 预算单位 as in a list with indicator rows,
        unless another column gives that (实施单位, 预算单位): then it is no field of the project, and listed. Before,
        the list was read as a form's label–value pairs (a department named 资金规模（万元）, a project named 主管部门).
        Remembered: one body on every row may name the filing's department (`_name_from_list_supervisors`)."""
        self.list_supervisors.append(cell)
        if "budget_unit" not in columns.values():
            self._project_cell(project, "budget_unit", cell)
        else:
            self.why_not[cell.location] = SUPERVISOR_BESIDE_UNIT

    # ---- form rows that hold a project's fields ---------------------------------------------------
    def _budget_periods_row(self, row: FormRow) -> int:
        """中期 and 年度 column heads of a budget matrix: remembered for the rows below."""
        periods = {c: m.group(1) for c, cell in enumerate(row.cells)
                   if (m := BUDGET_PERIOD.match(normalize(cell.text)))}
        if len(periods) < 2:
            return 0
        self.budget_periods = periods
        self.budget_head = row.cells
        self._place(*(row.cells[c] for c in periods))
        if self.project is not None and "实施期" in periods.values():
            _period_word_note(self.project, "实施期")
        return 1

    def _budget_matrix_row(self, row: FormRow) -> int:
        """资金总额 / 其中：财政拨款 / 其他资金 under 中期 and 年度 columns → budget.medium_term / budget.annual."""
        if not self.budget_periods or self.project is None:
            return 0
        label = next((cell for cell in row.cells if matrix_row_key(cell.text)), None)
        cells = self._lined_up(self.budget_head, row.cells)
        key = matrix_row_key(label.text) if label is not None else self._unlabelled_totals(cells)
        if key is None and self._matrix_source_row(row):
            return 1
        if key is None:
            self.budget_periods = {}  # the matrix has ended
            return 0
        self._place(*([label] if label is not None else []))
        for column, period in self.budget_periods.items():
            figure = _period_figure(cells, column, self.budget_periods)
            if figure is not None and figure is not cells[column]:
                self._place(cells[column])  # the period's own row label ("资金总额"), its amount right of it
            if figure is not None \
                    and put_field(self.project, f"{BUDGET_SPLITS[period]}.{key}", figure.text, self.unit):
                self._place(figure)
            elif figure is not None:
                self.why_not[figure.location] = budget_refusal(self.project, figure.text, self.unit)
        return 1

    def _matrix_source_row(self, row: FormRow) -> bool:
        """"其中：中央补助 | 3000.00 | 1000.00" (地方资金, 省级补助 …) under the 实施期 and 年度 columns of a transfer payment's
        form: a source the budget has no part for, listed with why. The matrix goes on to its 其他资金 row (before, it
        ended here, and that row's 实施期 amount was read as the 年度 one)."""
        label, *figures = row.present or [None]
        if label is None or not figures or normalize(label.text).removeprefix("其中") not in TRANSFER_SOURCES \
                or not all(FIGURE.match(cell.text) for cell in figures):
            return False
        for cell in row.present:
            self.why_not[cell.location] = _source_without_field(label.text)
        return True

    def _unlabelled_totals(self, cells: list[Cell]) -> str | None:
        """The first row under the 中期 / 年度 heads, only figures right under them and no label ("项目资金 | |
        中期资金总额 | 年度资金总额" over " | | 3600.00 | 1200.00", the 其中 rows below): the heads' own totals. Before,
        the matrix ended there, its totals were listed and its 其中 rows read as the project's whole budget."""
        budget = (self.project or {}).get("budget", {})
        filled = {c for c, cell in enumerate(cells) if cell.text}
        if any(split in budget for split in BUDGET_SPLITS.values()) or not filled \
                or not filled <= set(self.budget_periods) or not all(FIGURE.match(cells[c].text) for c in filled):
            return None
        return "total"

    def _budget_pairs_row(self, row: FormRow) -> int:
        """项目资金 written with each amount right of its label (the central 申报表): "中期资金总额： | 300.00 | 年度资金总额：
        | 100.00", then "其中：财政拨款 | 280.00 | 其中：财政拨款 | 90.00" and "其他资金 | …" below. The totals say the
        periods, left to right; a split row's first pair is the first period's, its second the second's. Pairs are
        taken in order, not by column: copied text drops the 项目资金 label's slot on the rows below."""
        if self.project is None:
            return 0
        pairs = _label_amount_pairs(row.present)
        scopes = [key.partition(".")[0] for _, key, _ in pairs]
        if len(pairs) >= 2 and all(key.endswith(".total") for _, key, _ in pairs) and len(set(scopes)) == len(scopes) \
                and any(amount for _, _, amount in pairs):
            self.budget_pairs = scopes
        elif not self.budget_pairs or not pairs or len(pairs) > len(self.budget_pairs) \
                or any(key not in ("fiscal", "other") for _, key, _ in pairs):
            self.budget_pairs = []  # not (or no longer) such a block
            return 0
        else:
            scopes = self.budget_pairs[:len(pairs)]
        # the block's own label ("项目资金", with or without its unit) names it: read, as the pairs are
        self._place(*(c for c in row.present if normalize(BRACKETED.sub("", c.text)) in STRUCTURE_LABELS))
        for (head, key, figure), scope in zip(pairs, scopes):
            name = key.rpartition(".")[2]
            if figure is not None and put_field(self.project, f"{scope}.{name}", figure.text, self.unit):
                self._place(head, figure)
            elif figure is not None:
                if figure.location != head.location:  # a label in one cell with its amount is listed whole
                    self._place(head)
                self.why_not[figure.location] = budget_refusal(self.project, figure.text, self.unit)
            else:
                self._place(head)
            if scope == "medium_term":
                _period_word_note(self.project, head.text)
        return 1

    def _budget_header(self, row: FormRow) -> int:
        """预算规模 | 项目总预算 | 本年度预算 | 其中：财政资金 | 其他资金 over a row of their amounts: uses both rows."""
        heads = _budget_heads(row)
        if not heads:
            return 0
        if _breakdown(row, heads):
            return self._breakdown_rows(row, heads)
        skipped = self._blank_above_values(row)
        below = self._lined_up(row.cells, row.rows[row.index + 1 + skipped])
        figures = {c: below[c] for c in heads if c < len(below) and below[c].text}
        if not figures or not all(FIGURE.match(cell.text) for cell in figures.values()):
            return 0
        if self.project is None:
            self.in_projects = True
            self._new_project({})
        assert self.project is not None
        self._place(*(cell for column, cell in enumerate(row.cells) if cell.text and (column in heads
                      or normalize(cell.text) in PROJECT_COLUMNS or normalize(cell.text) in STRUCTURE_LABELS)))
        for column, cell in figures.items():
            if put_field(self.project, heads[column], cell.text, self.unit):
                self._place(cell)
        if _sources_label(row):  # 资金来源 | 合计 | 财政拨款 | 自有资金: a source the budget has no part for is listed
            for column, head in enumerate(row.cells):
                if head.text and head.location not in self.placed:
                    self.why_not[head.location] = _source_without_field(head.text)
                    if column < len(below) and below[column].text:
                        self.why_not[below[column].location] = _source_without_field(head.text)
        return 2 + skipped

    def _budget_years_row(self, row: FormRow) -> int:
        """A project's funds by year, a rolling plan (中期财政规划): "资金情况（万元） | 2026年 | 2027年 | 2028年 | 合计"
        over "财政拨款 | 100.00 | 110.00 | 120.00 | 330.00", "其他资金 | …". The filing year's column is the annual budget
        (budget.annual); the 合计 column is the 中期 one only where a head says 中期 ("中期合计"); every other figure is
        listed with why (before, all were listed as amounts broken down by region, the annual budget lost). The annual
        column is read once the filing's year is known (the importer then reads the form again: `column_years`)."""
        years = {c: int(m.group(1)) for c, cell in enumerate(row.cells) if (m := YEAR_HEAD.match(normalize(cell.text)))}
        totals = [c for c, cell in enumerate(row.cells) if _years_total(cell.text)]
        others = [c for c, cell in enumerate(row.cells) if cell.text and c not in years and c not in totals]
        if self.project is None or len(years) < 2 or len(totals) > 1 or len(others) > 1 \
                or others and others[0] > min(years):
            return 0
        body: list[list[Cell]] = []
        for cells in (self._lined_up(row.cells, cells) for cells in row.rows[row.index + 1:]):
            if not _years_line(cells, min(years), set(years) | set(totals)):
                break
            body.append(cells)
        if not body:
            return 0
        self.column_years |= set(years.values())  # a later year's column: the filing's year then tells the annual one
        own = next((c for c, year in years.items() if year == self.own_year), None)
        medium = any(re.search("中期|实施期", row.cells[c].text) for c in others + totals)
        why = {c: self._year_column_reason(row.cells[c].text, year) for c, year in years.items() if c != own}
        if totals and not medium:
            why[totals[0]] = (f"原表“{row.cells[totals[0]].text}”一列是各年度金额的合计；原表没有写明它是中期资金总额，"
                              "编者不作推断，未录入，请核对")
        scopes = {c: "annual" for c in [own] if c is not None} | {c: "medium_term" for c in totals if c not in why}
        self._place(*(row.cells[c] for c in others + list(scopes)))
        self.why_not |= {row.cells[c].location: text for c, text in why.items()}
        for cells in body:
            self._budget_years_line(cells, min(years), scopes, why)
        return 1 + len(body)

    def _year_column_reason(self, head: str, year: int) -> str:
        if self.own_year is None:
            return YEARS_UNREAD
        return (f"原表“{head}”一列是{year}年的金额，不是本文件预算年度（{self.own_year}年）的；文件格式的项目预算"
                "只有年度和中期两栏，未录入，请核对")

    def _budget_years_line(self, cells: list[Cell], first_column: int, scopes: dict[int, str],
                           why: dict[int, str]) -> None:
        """One row of the plan: its label names the part ("财政拨款"); each figure goes to its column's scope (`scopes`:
        column → budget.annual or budget.medium_term) or is listed with its column's reason (`why`)."""
        assert self.project is not None
        label = next(cell for cell in cells[:first_column] if cell.text)
        key = matrix_row_key(label.text) or ("total" if normalize(label.text) in FUND_TOTAL else None)
        read = False
        for column, cell in enumerate(cells):
            if column < first_column or not cell.text:
                continue
            if column in why:
                self.why_not[cell.location] = why[column]
            elif key is None or column not in scopes:
                self.why_not[cell.location] = _source_without_field(label.text) if key is None else YEARS_UNREAD
            elif put_field(self.project, f"{scopes[column]}.{key}", cell.text, self.unit):
                self._place(cell)
                read = True
            else:
                self.why_not[cell.location] = budget_refusal(self.project, cell.text, self.unit)
        if read:
            self._place(label)
        else:
            self.why_not[label.location] = _source_without_field(label.text) if key is None else YEARS_UNREAD

    def _blank_above_values(self, row: FormRow) -> int:
        """1 where one blank row stands between the heads and a row of their bare figures (`figures_under_heads`):
        such a row has no other reading (before, all the cells of both rows were listed and the project had no
        budget). Two blank rows, or a row of words or of another width, stay apart."""
        rows = row.rows[row.index + 1:row.index + 3]
        if len(rows) < 2 or any(cell.text for cell in rows[0]):
            return 0
        return int(figures_under_heads(row.cells, self._lined_up(row.cells, rows[1])))

    def _breakdown_rows(self, row: FormRow, heads: dict[int, str]) -> int:
        """The heads of an amount broken down by region or unit (`_breakdown`) and each row below with figures under
        them: listed with why, none read into the budget. Returns the rows taken."""
        taken = 1
        for cells in row.rows[row.index + 1:]:
            if not any(c in heads and FIGURE.match(cell.text) for c, cell in enumerate(cells)):
                break
            taken += 1
        for cells in row.rows[row.index:row.index + taken]:
            for cell in cells:
                if cell.text:
                    self.why_not[cell.location] = BREAKDOWN
        return taken

    def _sources_without_field(self, cells: list[Cell]) -> None:
        """The label–amount pairs of a 资金来源 row the budget has no part for ("自有资金 | 20.00"), listed with why."""
        for head, figure in zip(cells, cells[1:] + [None]):
            if not FIGURE.match(head.text) and figure is not None and FIGURE.match(figure.text):
                self.why_not[head.location] = self.why_not[figure.location] = _source_without_field(head.text)

    def _source_line_row(self, row: FormRow) -> int:
        """" | 上年结转 | | | 150.00" among the 其中 lines under a project's 年度资金总额 (四川): a source the budget has no
        part for, listed with why (it was "未识别"); its amount is no part of 财政拨款 or 其他资金. The same in a 资金来源
        block laid out downwards ("资金来源 | 一般公共预算 | 180.00", " | 政府性基金预算 | 60.00"), where the project may
        have no budget yet: the label is read, each kind listed (一般公共预算 is not 财政拨款; nothing is guessed)."""
        labelled = len(row.present) == 3 and _sources_label(row)
        if self.project is None or len(row.present) != (3 if labelled else 2) \
                or not ("budget" in self.project or labelled or self._sources_above(row)):
            return 0
        head, figure = row.present[-2:]
        label = normalize(head.text).removeprefix("其中")
        if label not in INCOME_KINDS and label not in TRANSFER_SOURCES or label in PROJECT_COLUMNS \
                or not FIGURE.match(figure.text) \
                or head.location in self.placed:
            return 0
        if labelled:
            self._place(row.present[0])
        self.why_not[head.location] = self.why_not[figure.location] = _source_without_field(head.text)
        return 1

    def _sources_above(self, row: FormRow) -> bool:
        """The row above holds a 资金来源 line: a source read into the budget (财政拨款, 其他资金) or one listed for
        having no part in it."""
        return row.index > 0 and any(
            cell.location in self.placed and (project_field(cell.text) or "").rpartition(".")[2] in ("fiscal", "other")
            or self.why_not.get(cell.location) == _source_without_field(cell.text) for cell in row.rows[row.index - 1])

    def _sources_total_row(self, row: FormRow) -> int:
        """"合计 | 300.50" right under the 资金来源 rows "财政拨款 | 300.50", "其他资金 | 0.00" (one under the other, in the
        form or in a table nested in its cell): the sum of the sources, the project's total, as a 合计 head over the
        sources' amounts is (before, listed 未识别 and the total lost). Where the 资金总额 was filed above, the same figure
        is read as it; another one is listed saying so (the budget has one total)."""
        budget = (self.project or {}).get("budget", {})
        if self.project is None or len(row.present) != 2 or self.project.get("_budget_scope"):
            return 0
        head, figure = row.present
        # the sources above may all be kinds the budget has no part for (一般公共预算 …): their 合计 is still the total
        if normalize(head.text) not in SOURCES_TOTAL or not FIGURE.match(figure.text) or not self._sources_above(row) \
                or head.location in self.placed:
            return 0
        if "total" in budget:
            self._place(head)
            if filed_amount(figure.text, self.unit).value == budget["total"]:
                self._place(figure)
            else:
                self.why_not[figure.location] = (f"资金来源的合计“{figure.text}”与上面的资金总额“{budget['total']}”不同；"
                                                 "项目预算只有一个总额，已按资金总额录入，这一格未录入，请核对")
        elif put_field(self.project, "total", figure.text, self.unit):
            self._place(head, figure)
        else:
            self._place(head)
            self.why_not[figure.location] = budget_refusal(self.project, figure.text, self.unit)
        return 1

    def _project_pairs_row(self, row: FormRow) -> int:
        """项目名称 | … | 项目编码 | …: a second code or name starts the next project. A cell "实施单位：…" is read
        as its pair would be."""
        # a 预算单位 already read as a 部门整体 form's department (`_whole_form_unit`) is no project's
        pairs = [pair for pair in form_pairs(row.cells)
                 if pair[0] != "budget_unit" or pair[2].location not in self.placed]
        units = [cell for cell in row.present if cell.location not in self.placed and labelled_unit(cell.text)]
        if pairs and self._no_project_for_budget([key for key, _, _ in pairs]):
            for _, head, value in pairs:  # "财政拨款 | 100" of a 部门整体 form's amounts table: never a nameless project
                self.why_not[head.location] = self.why_not[value.location] = NO_PROJECT_YET
            return 0
        if pairs:
            project = self._project_for([key for key, _, _ in pairs])
            for field_key, head, value in pairs:
                if field_key == "budget_unit":
                    self._put_budget_unit(project, value.text, f"“{head.text}”一格，右边一格为“{value.text}”")
                    self._place(head, value)
                elif field_key == "code":
                    self._place(head)
                    self._project_cell(project, field_key, value)
                elif second_value(project, field_key, value.text):  # listed, the first value stands
                    self.why_not[value.location] = second_value(project, field_key, value.text)
                elif put_field(project, field_key, value.text, self.unit):
                    self._place(head, value)
                    _period_word_note(project, head.text)
                else:  # the label is read; its amount is listed with why
                    self._place(head)
                    self.why_not[value.location] = budget_refusal(project, value.text, self.unit)
            self._place(*(c for c in row.present if normalize(c.text) in PROJECT_COLUMNS))
            if _sources_label(row):  # 资金来源 | 财政拨款 | 300 | 自有资金 | 20: the label is read, a source without a part listed
                self._place(row.present[0])
                self._sources_without_field([c for c in row.present if c.location not in self.placed])
            self.expect_purpose = any(normalize(c.text) == PURPOSE_LABEL for c in row.present)
            if self.expect_purpose:
                self._place(*(c for c in row.present if normalize(c.text) == PURPOSE_LABEL))
        read = [cell for cell in units if self._labelled_unit(cell.text, cell.location)]
        self._place(*read)
        if pairs:  # "项目代码 | … | 功能科目编码 | 2040601": a pair without a field beside is listed with why
            self._unfielded_pairs(row.present)
        return 1 if pairs or read else 0

    def _unfielded_pairs(self, cells: list[Cell]) -> None:
        for head, text in zip(cells, cells[1:]):
            if head.location not in self.placed and text.location not in self.placed and _unfielded_label(head.text) \
                    and head.location not in self.why_not:
                self.why_not[head.location] = self.why_not[text.location] = _unfielded(head.text)

    def _no_project_for_budget(self, keys: list[str]) -> bool:
        """Budget amounts with no project read yet, and none being started: an amounts table of a 部门整体 form not read
        as its funds ("收入 | 金额" without 占比). Read as a project's, they made a nameless project that took the
        department's goals and indicators."""
        return self.project is None and not self.in_projects \
            and all(key.rpartition(".")[2] in BUDGET_FIELDS for key in keys)

    def _project_for(self, keys: list[str]) -> dict[str, Any]:
        """The project a form's fields go to: the current one, unless it has the code or name given already (a second
        one starts the next project); a new one when there is none."""
        if self.project is not None and any(k in ("code", "name") and k in self.project for k in keys):
            self._new_project({})
        if self.project is None:
            self.in_projects = True
            self._new_project({})
        assert self.project is not None
        return self.project

    def _project_line(self, text: str, location: str) -> bool:
        """"项目名称：乡村道路养护" (项目编码、项目属性 … 实施单位) as a line or one-cell row: read as its pair 项目名称 |
        乡村道路养护 in a form's row is; a line of amounts ("项目资金：…") into the budget of the project being read."""
        amounts = budget_line(text)
        if amounts is not None:
            return self._budget_line(amounts, text, location)
        line = project_line(text)
        if line is None:
            return False
        key, value = line
        if key == "budget_unit":
            return self._labelled_unit(text, location)
        if key.rpartition(".")[2] in BUDGET_FIELDS:  # "资金总额：八十五万元": a budget word without an amount
            return self._budget_line(BudgetLine(doubt=f"“{value}”不是金额"), text, location)
        self._close_text()
        project = self._project_for([key])
        if second_value(project, key, value):  # listed with why (`_paragraph` keeps the reason), the first stands
            self.why_not[location] = second_value(project, key, value)
            return False
        if key == "code" and (refused := code_refusal("项目编码", Cell(value, location))):  # "项目编码：4.20701E+20"
            self.why_not[location] = refused
            return False
        put_field(project, key, value)
        return True

    def _budget_line(self, amounts: BudgetLine, text: str, location: str) -> bool:
        """The amounts of "项目资金：年度资金总额 85.00万元，其中财政拨款 85.00万元", each as the same word in a form's
        row is read (其中财政拨款 under 年度资金总额 is budget.annual.fiscal), the unit written with them the money unit.
        A line not read with certainty, or before any project, is listed as not placed: never guessed."""
        if self.project is None and not self.in_projects:
            self.why_not[location] = NO_PROJECT_YET
            return False
        if amounts.doubt:
            self.why_not[location] = f"项目资金的文字不能逐项确定读法（{amounts.doubt}），未录入"
            return False
        self._close_text()
        project = self._project_for([key for _, key, _ in amounts.clauses])
        for _, key, figure in amounts.clauses:
            put_field(project, key, figure)
        self._set_unit(amounts.unit)
        read = "，".join(f"{word} {figure}" for word, _, figure in amounts.clauses)
        unit = f"单位为原文所写的{amounts.unit}" if amounts.unit else "原文未写单位"
        project.setdefault("notes", []).append(
            {"field": "budget", "text": f"原表的项目资金写在一行文字中：“{text}”；编者据此录入{read}，金额照原文，{unit}。"})
        return True

    def _labelled_unit(self, text: str, location: str) -> bool:
        """"实施单位：某县疾控中心" (or 预算单位、项目单位) in one cell or line: the budget unit of the project being read.
        Before any project it may be the whole form's line, not a project's: listed as not placed, never guessed."""
        unit = labelled_unit(text)
        if unit is None:
            return False
        if self.project is None and not self.in_projects:
            self.why_not[location] = "原表此处还没有项目，预算单位是项目的字段（不作为部门名称），未录入"
            return False
        self._put_budget_unit(self._project_for(["budget_unit"]), unit, f"“{text}”")
        return True

    def _put_budget_unit(self, project: dict[str, Any], unit: str, quoted: str) -> None:
        """The project's 预算单位 (实施单位、项目单位), from a pair of cells or one text (`quoted` says how the form shows
        it). The first one stands: a different second one is kept in a note, never written over the first."""
        filed = project.get("budget_unit")
        if filed and filed != unit:
            project.setdefault("notes", []).append(
                {"field": "budget_unit", "text": f"原表另有{quoted}；编者按前一处录入预算单位“{filed}”。"})
        else:
            project["budget_unit"] = unit

    def _unfielded_row(self, row: FormRow) -> int:
        """项目概况 | …, 立项依据 | …: a project's text the content format has no field for; both cells are listed
        as not placed, with that reason. Two such pairs side by side ("支出功能分类科目 | 2082001 | 支出经济分类科目 |
        30305") are listed pair by pair."""
        if len(row.present) > 2:
            pairs = [row.present[index:index + 2] for index in range(0, len(row.present), 2)]
            if len(row.present) % 2 or not all(_unfielded_label(head.text) for head, _ in pairs):
                return 0
        elif _unfielded_label(row.first.text) is None:
            return 0
        else:
            pairs = [row.present]
        for head, *text in pairs:
            for cell in (head, *text):
                self.why_not[cell.location] = _unfielded(head.text)
        return 1

    def _unfielded_line(self, text: str, location: str) -> bool:
        """"项目概况：……" as a line: listed as not placed, as its row would be."""
        labelled = LABELLED_VALUE.match(text)
        if labelled is None or _unfielded_label(labelled.group("label")) is None:
            return False
        self.why_not[location] = _unfielded(labelled.group("label"))
        return True

    def _purpose_row(self, row: FormRow) -> int:
        if not self.expect_purpose or len(row.present) != 1 or self.project is None:
            return 0
        self.project["purpose"] = row.present[0].text
        self._place(row.present[0])
        self.expect_purpose = False
        return 1

    def _spending_header_row(self, row: FormRow) -> int:
        """Quarter (or month) heads of a spending plan: remembered for the row of shares below."""
        quarters = spending_header(row.cells)
        if len(quarters) < 2:
            return 0
        self.spending = quarters
        self.spending_head = row.cells
        self._place(*(c for _, c in quarters),
                    *(c for c in row.present if any(w in c.text for w in SPENDING_PLAN_WORDS)))
        return 1

    def _spending_plan_row(self, row: FormRow) -> int:
        if not self.spending or self.project is None:
            return 0
        cells = self._lined_up(self.spending_head, row.cells)
        plan = [{"by": label.text, "share": cells[c].text} for c, label in self.spending
                if c < len(cells) and cells[c].text]
        if not plan:
            return 0
        self.project["spending_plan"] = plan
        self._place(*(cells[c] for c, _ in self.spending if c < len(cells) and cells[c].text))
        self.spending = []
        return 1

    def _budget_unit_cell(self, cell: Cell) -> bool:
        """A one-cell row naming a unit ("××县司法局本级") before a project's code and name: its budget unit."""
        if not self.in_projects or self.project is None or not BUDGET_UNIT.match(cell.text) \
                or "code" in self.project or "name" in self.project:
            return False
        self.project["budget_unit"] = cell.text
        self._place(cell)
        return True

    # ---- when the filing is finished -------------------------------------------------------------
    def _finished_projects(self) -> list[dict[str, Any]]:
        """Projects with nothing else to name them get an id by position; fields in the content format's order."""
        self._names_from_sheets()
        for listed in [p for p in self.projects if "_listed" in p]:
            self._merge_listed(listed)
        for listed in [p for p in self.projects if "_listed" in p]:  # rows no form has the same name as
            self._merge_listed(listed, alike=True)
        self.projects = _one_record_per_number(self.projects)
        _note_short_codes(self.projects)
        for number, project in enumerate(self.projects, 1):
            if "withheld" not in project and not project.get("code") and "number" not in project \
                    and "id" not in project:
                project["id"] = f"p{number}"
        return [_project_order(p) for p in self.projects]

    def _names_from_sheets(self) -> None:
        """One sheet per project, the project's name on its tab only (as finance systems export them): a project whose
        form names it nowhere is named by the tab (`sheet_project_name`), when it is the only project begun on that
        sheet. Said in a note; a summary sheet's row of that name is then the same project (`_merge_listed`)."""
        sheets = [self.project_sheets.get(id(project), "") for project in self.projects]
        for project, sheet in zip(self.projects, sheets):
            if "name" in project or "withheld" in project or "_listed" in project or not sheet \
                    or sheets.count(sheet) != 1 or not (name := sheet_project_name(sheet)):
                continue
            whole = [p["name"] for p in self.projects if "_listed" in p and len(sheet) == EXCEL_SHEET_NAME
                     and p.get("name", "").startswith(name) and p["name"] != name]
            if len(whole) == 1:  # Excel cut the tab at 31 characters: the summary's row has the whole name
                project["name"] = whole[0]
                said = f"，是汇总表中“{whole[0]}”的前 {EXCEL_SHEET_NAME} 个字（Excel 的工作表名最长 {EXCEL_SHEET_NAME} 个字）；编者按汇总表的名称录入。"
            else:
                project["name"] = name
                said = "；编者按工作表的名称录入。"
            project.setdefault("notes", []).append(
                {"field": "name", "text": f"原表的项目表中没有写项目名称，所在工作表的名称为“{sheet}”{said}"})

    def _merge_listed(self, listed: dict[str, Any], alike: bool = False) -> None:
        """A summary sheet lists the projects (序号 | 项目名称 | 项目金额) whose own forms are on other sheets: a list's
        row and the one form of the same name are one project, at the row's place in the list. Two numbers or codes
        that differ say two projects: both are kept. `alike`: a row no form has the same name as, and the one form
        whose name differs from it only as `_names_differ` allows, when no other row's name does: one project too."""
        forms = [p for p in self.projects if "_listed" not in p and "_joined" not in p and "withheld" not in p
                 and (_names_differ(listed["name"], p.get("name")) if alike else p.get("name") == listed["name"])]
        if len(forms) != 1 or any(listed.get(key) not in (None, forms[0].get(key)) and forms[0].get(key) is not None
                                  for key in ("number", "code")):
            return
        form = forms[0]
        if alike:  # two rows alike the form's name: which one it is, the form does not say
            rows = [p for p in self.projects if "_listed" in p and _names_differ(p["name"], form.get("name"))]
            if len(rows) != 1 or rows[0] is not listed:
                return
        _fill_in(form, listed, _names_differ(listed["name"], form["name"]) if alike else None)
        form["_joined"] = True  # one row per form: no second row is joined to it
        at = next(index for index, project in enumerate(self.projects) if project is listed)
        self.projects = [form if index == at else project for index, project in enumerate(self.projects)
                         if project is not form]


def _amounts_fit(row: list[Cell], amounts: list[int]) -> bool:
    """Every amount column of a list's row holds an amount or nothing."""
    return all(column >= len(row) or not row[column].text or filed_amount(row[column].text, None).value is not None
               for column in amounts)


def _slot_note(header: list[Cell], row: list[Cell], columns: dict[int, str]) -> dict[str, str]:
    """The note on a copied list's row whose merged unit cell was put back (`_merged_unit`)."""
    unit = next(c for c, key in columns.items() if key in ("budget_unit", "supervisor"))
    return {"text": f"原文此行少一格：“{header[unit].text}”一格与上一行合并，复制的文字中没有这一格，其后各格向左错位；"
                    f"编者按上一行的“{row[unit].text}”读作这一格，其后各格依次读作原表的各列。"}


def in_head_unit(projects: list[dict[str, Any]], unit: str | None) -> None:
    """The projects of a list whose head names another unit than the form's ("项目资金（万元）" on a form in 元): their
    amounts are in that unit, each one's money_unit (before, they were read in the form's unit); the report says so
    (`_unit_remarks`)."""
    if unit is None:
        return
    for project in projects:
        if "budget" in project and "withheld" not in project:
            project.setdefault("money_unit", unit)


def notice_row(row: list[Cell]) -> bool:
    """A row of one cell that withholds numbered projects ("第3号项目涉密，不予公开"), across a list or a table between
    two of its projects: the projects below it go on under the same header. Before, it ended the list (or the table
    with indicator columns) and every project below was left unread."""
    texts = [cell.text for cell in row if cell.text]
    return len(texts) == 1 and bool(withheld(texts[0]))


def listing_notice(row: list[Cell]) -> Cell | None:
    """A row of one cell that withholds the rows under it, naming no number: "以下项目涉密，不予公开：", "下列项目因涉密
    不予公开"."""
    texts = [cell for cell in row if cell.text]
    if len(texts) != 1 or withheld(texts[0].text):
        return None
    text = texts[0].text
    return texts[0] if withheld_head(text) or re.match(r"^(以下|下列)", text) and re.search(WITHHELD_WORDS, text) else None


def _one_record_per_number(projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One withheld record per project number. A notice naming numbers an earlier record withholds (a table's row "3 |
    涉密项目，不予公开", then "注：2-3号项目涉密，不予公开。" under the table) adds its words to that record in a note, and
    gives records for the numbers no record held only. Before, the same project was withheld twice."""
    out: list[dict[str, Any]] = []
    held: dict[int, dict[str, Any]] = {}
    for project in projects:
        if "withheld" not in project:
            out.append(project)
            continue
        low, high = project["withheld"]["numbers"]
        numbers = range(low, high + 1)
        for earlier in {id(held[n]): held[n] for n in numbers if n in held}.values():
            covered = _number_runs([n for n in numbers if held.get(n) is earlier])
            basis = project["withheld"].get("legal_basis")
            taken = "" if basis is None or "legal_basis" in earlier["withheld"] else f"，依据按这一处录入（“{basis}”）"
            if taken:  # the law only the other notice names: a careful editor enters it
                earlier["withheld"]["legal_basis"] = basis
                earlier["notes"] = [n for n in earlier.get("notes", []) if n.get("field") != "withheld.legal_basis"]
            earlier.setdefault("notes", []).append({"field": "withheld.notice", "text": (
                f"原文另有一处说明“{project['withheld']['notice']}”也写明{covered}项目不予公开；编者只录一条不予公开记录，"
                f"说明和理由按前一处录入{taken}。")})
        for first, last in _runs_of([n for n in numbers if n not in held]):
            record = project if (first, last) == (low, high) else \
                {**project, "withheld": {**project["withheld"], "numbers": [first, last]},
                 "notes": [dict(note) for note in project.get("notes", [])]}
            held.update({n: record for n in range(first, last + 1)})
            out.append(record)
    return out


def _runs_of(numbers: list[int]) -> list[tuple[int, int]]:
    """Numbers in order as runs of consecutive ones: [2, 3, 5] → (2, 3), (5, 5)."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _number_runs(numbers: list[int]) -> str:
    """"第2号", "第2-3号" as a notice writes them, for a note."""
    return "、".join(f"第{low}号" if low == high else f"第{low}-{high}号" for low, high in _runs_of(numbers))


def _note_short_codes(projects: list[dict[str, Any]]) -> None:
    """A code typed as a number has lost its leading zeros (12345 for 012345). Where another code of the form is the
    same but for zeros in front, the editor is told so in a note; the code stays as the form shows it."""
    codes = [p["code"] for p in projects if p.get("code")]
    for project in (p for p in projects if p.get("_code_number")):
        code = project["code"]
        other = next((c for c in codes if len(c) > len(code) and set(c[:len(c) - len(code)]) == {"0"}), None)
        if other is not None:
            zeros = "0" * (len(other) - len(code))
            project.setdefault("notes", []).append({"field": "code", "text": (
                f"原表此项目编码为“{code}”，本表其他项目编码（如“{other}”）开头有“{zeros}”；编者照原表录入，"
                "请核对编码开头的 0 是否在填表时丢失。")})


def _names_differ(listed: str, form: str | None) -> str | None:
    """How two names of one project differ, said for the note: one is the other with 项目 or 经费 after it ("法律援助" /
    "法律援助经费"), or the other cut short where its cell clipped it, as its ellipsis shows ("高标准农田建设…"). None for
    the same name, or two names that may be two projects ("农民培训" / "农民培训基地建设"). A name wrapped in its cell
    ("高标准农田⏎建设", Alt+Enter in a narrow summary column) is the same name as written on one line."""
    if form is not None and listed != form and re.sub(r"\s", "", listed) == re.sub(r"\s", "", form):
        return "两者只差单元格中的换行或空格"
    for short, long in ((listed, form or ""), (form or "", listed)):
        rest = long.removeprefix(short)
        if short and rest != long and PROJECT_NAME_SUFFIX.fullmatch(rest):
            return f"两者只差“{rest}”"
        clipped = CLIPPED_NAME.match(short)
        if clipped and long.startswith(clipped.group("stem")) and len(long) > len(clipped.group("stem")):
            return f"“{short}”以省略号截断，省略号前的文字是“{long}”的开头"
    return None


def _fill_in(form: dict[str, Any], listed: dict[str, Any], differ: str | None = None) -> None:
    """The list row's fields into its project's form: what the form leaves out is taken, and said in a note; a field
    the form gives differently keeps the form's, and the row's is kept in a note. `differ`: how the row's name differs
    from the form's (`_names_differ`); the form's name is kept."""
    row = f"原表 {listed['_listed']} 所在行"
    notes = form.setdefault("notes", [])
    taken = []
    for key, value, model, part in _listed_fields(listed):
        held = form.get("budget", {}).get(key) if part == "budget" else form.get(key)
        if held is None:
            (form.setdefault("budget", {}) if part == "budget" else form)[key] = value
            taken.append(label(model, key))
        elif held != value:
            notes.append({"field": f"{part}.{key}" if part else key,
                          "text": f"{row}的{label(model, key)}为“{value}”，与项目表的“{held}”不一致；编者按项目表录入。"})
    taken.extend(_fill_in_goal(form, listed, row))
    same = "与本项目的项目表同名" if differ is None \
        else f"的项目名称为“{listed['name']}”，本项目的项目表为“{form['name']}”，{differ}"
    kept = "" if differ is None else "，项目名称按项目表录入"
    notes.insert(0, {"field": "name", "text": f"{row}（项目一览）{same}；编者读作同一个项目{kept}"
                                              + (f"，{'、'.join(taken)}按该行录入。" if taken else "。")})
    notes.extend(listed.get("notes", []))


def _fill_in_goal(form: dict[str, Any], listed: dict[str, Any], row: str) -> list[str]:
    """The row's 年度 goal text into its project's form, as `_fill_in` takes a field: where the form has no 年度 goal,
    or one without a text; a text the form gives differently stays, and the row's is kept in a note. Returns what was
    taken, for the note."""
    if not listed.get("goals"):
        return []
    text = listed["goals"][0]["text"]
    goal = next((g for g in form.get("goals", []) if g["kind"] == "年度"), None)
    if goal is None:
        form.setdefault("goals", []).append(dict(listed["goals"][0], id=f"g{len(form.get('goals', [])) + 1}"))
    elif "text" not in goal:
        goal["text"] = text
    else:
        if goal["text"] != text:
            goal.setdefault("notes", []).append({"field": "text", "text": (
                f"{row}的年度绩效目标为“{text}”，与项目表的不一致；编者按项目表录入。")})
        return []
    return ["年度绩效目标"]


def _listed_fields(listed: dict[str, Any]) -> list[tuple[str, Any, type, str]]:
    """A list row's fields as (key, value, model, part): the project's own, then its budget's."""
    own = [(key, value, Project, "") for key, value in listed.items()
           if key not in ("id", "name", "budget", "notes", "goals") and not key.startswith("_")]
    return own + [(key, value, Budget, "budget") for key, value in listed.get("budget", {}).items()]


def _unfielded_label(text: str) -> str | None:
    """The label of a project's text without a field ("项目概况", "立项依据（政策依据）"), as normalized."""
    return next((key for key in header_keys(text) if key in PROJECT_TEXTS_WITHOUT_FIELD), None)


def _unfielded(label: str) -> str:
    return f"原表的“{label.strip().rstrip(':： ')}”在文件格式中没有对应的字段，未录入"


def _label_amount_pairs(cells: list[Cell]) -> list[tuple[Cell, str, Cell | None]]:
    """A row of budget labels each with its amount right after it ("中期资金总额： | 300.00", or "其中：财政拨款：280.00"
    in one cell): (label, budget field, amount cell or None where the amount is left blank). Empty when a cell is
    neither (a row of heads, a text); the 项目资金 label of the block is only its name."""
    pairs: list[tuple[Cell, str, Cell | None]] = []
    for cell in cells:
        key = project_field(cell.text)
        line = budget_line(cell.text)
        if FIGURE.match(cell.text) and pairs and pairs[-1][2] is None:
            pairs[-1] = (pairs[-1][0], pairs[-1][1], cell)
        elif normalize(BRACKETED.sub("", cell.text)) in STRUCTURE_LABELS:
            continue
        elif key and key.rpartition(".")[2] in BUDGET_FIELDS:
            pairs.append((cell, key, None))
        elif line and not line.doubt and len(line.clauses) == 1:
            # the unit written with the figure ("300万元") stays with it: `put_field` reads it only in the form's unit
            pairs.append((cell, line.clauses[0][1], Cell(line.clauses[0][2] + (line.unit or ""), cell.location)))
        else:
            return []
    return pairs


def _period_figure(cells: list[Cell], column: int, periods: dict[int, str]) -> Cell | None:
    """The amount of a 中期 / 年度 head's column on a matrix row: the cell under the head, or, where each head spans
    a row label and its amount ("中期资金总额" over "资金总额 | 3600.00"), the figure right of that label. Before, the
    label was read as the amount and listed as no figure, the amount as not recognised."""
    if column >= len(cells) or not cells[column].text:
        return None
    right = cells[column + 1] if column + 1 < len(cells) and column + 1 not in periods else None
    if matrix_row_key(cells[column].text) and right is not None and FIGURE.match(right.text):
        return right
    return cells[column]


def _period_word_note(project: dict[str, Any], label: str) -> None:
    """"实施期资金总额" (the project's whole period) is filed as the 中期 figures: said once, in the project's notes."""
    if not normalize(label).startswith("实施期"):
        return
    notes = project.setdefault("notes", [])
    if PERIOD_FUNDS_NOTE not in notes:
        notes.append(dict(PERIOD_FUNDS_NOTE))


def _budget_heads(row: FormRow) -> dict[int, str]:
    """Budget column heads (at least two, or one beside a 资金来源 label; with a row below, no amounts among them) →
    their budget field. A 合计 (总计) head among them is the budget's total, as under 预算金额 (SPLIT_HEADS)."""
    heads = {c: key for c, cell in enumerate(row.cells)
             if (key := PROJECT_COLUMNS.get(normalize(cell.text))) and key.rpartition(".")[2] in BUDGET_FIELDS}
    labelled = _sources_label(row)
    totals = [c for c, cell in enumerate(row.cells) if normalize(cell.text) in FUND_TOTAL]
    if (heads or labelled) and len(totals) == 1 and "total" not in heads.values():
        heads[totals[0]] = "total"
    if len(heads) < (1 if labelled else 2) or row.below is None or any(FIGURE.match(c.text) for c in row.cells):
        return {}
    return heads


def _breakdown(row: FormRow, heads: dict[int, str]) -> bool:
    """Budget heads over rows that each name a part and give its figures ("区域 | 年度金额 | 其中：中央补助 | …" over
    "某市本级 | 300.00 | …", "甲县 | 500.00 | …", "合计 | 800.00 | …"): the amount broken down by region or unit, never
    the project's own amounts in the row below (before, the first region's figures were read as the project's budget).
    Not read as a budget: its cells are listed."""
    rows = row.rows[row.index + 1:row.index + 3]
    return len(rows) == 2 and all(
        any(c not in heads and cell.text and not FIGURE.match(cell.text) for c, cell in enumerate(cells))
        and any(c in heads and FIGURE.match(cell.text) for c, cell in enumerate(cells)) for cells in rows)


def _sources_label(row: FormRow) -> bool:
    """The row's first cell labels the project's funds ("资金来源", "项目资金（万元）") over the heads right of it."""
    first = next((cell for cell in row.cells if cell.text), None)
    return first is not None and normalize(BRACKETED.sub("", first.text)) in BUDGET_LINE_LABELS


def _source_without_field(head: str) -> str:
    return (f"原表资金来源中的“{head}”在文件格式的项目预算中没有对应的一项（预算只分资金总额、财政拨款和其他资金），"
            "未录入，请核对")


def _project_order(project: dict[str, Any]) -> dict[str, Any]:
    ordered = {key: project[key] for key in FIELD_ORDER if key in project}
    if "budget" in ordered:
        ordered["budget"] = _budget_order(ordered["budget"])
    return ordered | {k: v for k, v in project.items() if k not in ordered and not k.startswith("_")}


def _budget_order(budget: dict[str, Any]) -> dict[str, Any]:
    ordered = {k: budget[k] for k in ("total", "this_year", "fiscal", "other") if k in budget}
    for split in BUDGET_SPLITS.values():
        if split in budget:
            ordered[split] = {k: budget[split][k] for k in ("total", "fiscal", "other") if k in budget[split]}
    return ordered


def matrix_row_key(text: str) -> str | None:
    """The split part a budget matrix's row label names. Under 中期 and 年度 columns a row labelled with a period's
    total ("年度资金总额：", as some forms print the first row) is the total row of both columns."""
    label = normalize(text)
    period_total = label.endswith(("资金总额", "金额")) and BUDGET_PERIOD.match(label)  # "年度金额：" of a transfer too
    return BUDGET_ROWS.get(label) or ("total" if period_total else None)


def _years_total(text: str) -> bool:
    """The total column of a plan by year: "合计", "总计", or said as the years' ("中期合计", "三年合计")."""
    label = normalize(BRACKETED.sub("", text))
    return label in FUND_TOTAL or label.endswith(("合计", "总计")) and len(label) <= 6


def _years_line(cells: list[Cell], first_column: int, columns: set[int]) -> bool:
    """A row of a plan by year: a label left of the years, and figures only under the year (and total) heads."""
    filled = [c for c, cell in enumerate(cells) if cell.text]
    labels = [c for c in filled if c < first_column]
    figures = [c for c in filled if c >= first_column]
    return len(labels) == 1 and not FIGURE.match(cells[labels[0]].text) and bool(figures) \
        and all(c in columns and FIGURE.match(cells[c].text) for c in figures)
