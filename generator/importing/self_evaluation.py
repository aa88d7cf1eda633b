"""绩效自评表: its targets are read as a target form's, its results are listed as not placed.

A 项目支出 (or 部门整体支出) 绩效自评表 carries the year's targets — 年初预算数, 预期目标, 年度指标值 and 分值 —
beside their results: 全年执行数, 执行率, 实际完成情况, 实际完成值, 得分, 偏差原因, 总分. The content format holds
targets only. Each result is listed as not placed with one reason saying it is a 自评 result, and a filing note
tells the editor the source was a 自评表, so that the published filing holds its targets only.
"""

from __future__ import annotations

from dataclasses import replace

from .assembly_state import AssemblyState
from .document import Cell
from .form_rows import FormRow
from .goals import GOAL_START
from .layouts import (ADJUSTED_FROM_SAID, ADJUSTMENT_TITLE, BRACKETED, BUDGET_ROWS_WITHOUT_FIELD, DEPARTMENT_TEXTS,
                      EXPECTED_GOAL, OPENING_BUDGET, MONITORING_TITLE, SELF_EVALUATION_TITLE, SELF_EVALUATION_TOTALS,
                      adjusted_from_head,
                      adjusted_from_reason, adjusted_to_head, monitoring_head, monitoring_reason, normalize,
                      self_evaluation_head, self_evaluation_reason)
from .project_parts import matrix_row_key
from .projects import budget_refusal, put_field


class SelfEvaluation(AssemblyState):
    def _as_result(self, cells: list[Cell], head: str) -> None:
        """Cells of a 自评 result (under `head`): listed as not placed, and remembered for the filing's note. What a
        绩效目标调整表 replaced ("调整前", "原预算数") is listed too, with its own reason: it is no 自评 result."""
        replaced = adjusted_from_head(head)
        why = adjusted_from_reason(head) if replaced else \
            monitoring_reason(head) if monitoring_head(head) else self_evaluation_reason(head)
        for cell in cells:
            if cell.text and cell.location not in self.placed:
                self.why_not[cell.location] = why
        if head not in self.self_evaluated and not replaced:
            self.self_evaluated.append(head)

    def _self_evaluation_note(self) -> None:
        """Said once for the filing when the form (by its title or its columns) is a 自评表 (or a 绩效运行监控表)."""
        titled = bool(SELF_EVALUATION_TITLE.search(self.filing.get("title", "")))
        if not (titled or self.self_evaluated):
            self._adjustment_note()
            return
        if MONITORING_TITLE.search(self.filing.get("title", "")) if titled else \
                any(monitoring_head(head) for head in self.self_evaluated):
            self._monitoring_note(titled)
            return
        heads = "、".join(f"“{head}”" for head in self.self_evaluated if self_evaluation_head(head, self.own_year))
        found = f"，列有{heads}等自评结果" if heads else ""
        source = "是绩效自评表" if titled else "带有绩效自评的内容"
        self._form_note(f"原表{source}{found}。本网站公开的是绩效目标：编者只录入其中的目标（如预期目标、年度指标值、分值、"
                        "年初预算数），自评结果未录入。", "自评结果")

    def _monitoring_note(self, titled: bool) -> None:
        """A 绩效运行监控表's note: its 执行率 and 偏差原因, heads it shares with a 自评表, were listed as 自评 results
        while the form was read; they are the year's monitoring, and their reasons say so."""
        said_as = {self_evaluation_reason(head): monitoring_reason(head) for head in self.self_evaluated}
        self.why_not.update({where: said_as[why] for where, why in self.why_not.items() if why in said_as})
        heads = "、".join(f"“{head}”" for head in self.self_evaluated
                         if self_evaluation_head(head, self.own_year) or monitoring_head(head))
        found = f"，列有{heads}等执行情况" if heads else ""
        source = "是绩效运行监控表" if titled else "带有绩效运行监控的内容"
        self._form_note(f"原表{source}{found}。本网站公开的是绩效目标：编者只录入其中的目标（如年度指标值、年初预算数），"
                        "年度中的执行情况和预计完成情况未录入。", "执行情况")

    def _adjustment_note(self) -> None:
        """A 绩效目标调整表 (by its title, or by what it replaced, listed): the targets published are the adjusted ones,
        and a reader comparing them with the year's first targets should know why they differ."""
        titled = bool(ADJUSTMENT_TITLE.search(self.filing.get("title", "")))
        if not (titled or any(ADJUSTED_FROM_SAID in why for why in self.why_not.values())):
            return
        source = "是绩效目标调整表" if titled else "带有绩效目标调整的内容（调整前、调整后）"
        self._form_note(f"原表{source}。本网站公开的是调整后的绩效目标：编者录入调整后的一栏，调整前的内容未录入。", "调整前的内容")

    def _form_note(self, said: str, listed: str) -> None:
        """The filing's note on what kind of form it was (published: it speaks to the site's readers), and the same
        in the report, which also tells the editor where the cells not entered are."""
        self.notes.append({"text": said})
        remark = f"{said}{listed}逐项列在导入报告的“未放入”中。"
        self.document = replace(self.document, remarks=self.document.remarks + (remark,))

    # ---- form rows ------------------------------------------------------------------------------
    def _self_evaluation_total_row(self, row: FormRow) -> int:
        """总分 | … | 100 | 97.5 under the indicators: the scores added up, listed as not placed."""
        if row.key not in SELF_EVALUATION_TOTALS:
            return 0
        self._as_result(row.present, row.first.text)
        return 1

    def _expected_goal_row(self, row: FormRow) -> int:
        """年度总体目标 | 预期目标 | 实际完成情况 over a row of the two texts: the 预期目标 text is the goal (a project's
        年度 goal, or the department's overall_goal), the 实际完成情况 text a result. A 绩效目标调整表's "年度目标 | 调整前 |
        调整后" alike: the adjusted text is the goal, the one it replaced is listed."""
        heads = [(c, cell) for c, cell in enumerate(row.cells) if cell.text and cell is not row.first]
        expected = [c for c, cell in heads if normalize(cell.text) == EXPECTED_GOAL or adjusted_to_head(cell.text)]
        results = [(c, cell) for c, cell in heads
                   if self_evaluation_head(cell.text) or monitoring_head(cell.text) or adjusted_from_head(cell.text)]
        if len(expected) != 1 or not results or len(heads) != 1 + len(results) or row.below is None \
                or not _is_goal_label(row.first.text):
            return 0
        values = self._lined_up(row.cells, row.below)
        text = values[expected[0]] if expected[0] < len(values) and values[expected[0]].text else None
        if (self.in_projects and self.project is not None) or GOAL_START.match(row.first.text):
            start = GOAL_START.match(row.first.text)
            self._start_goal(start.group("kind") if start else "年度", None, text.text if text else None,
                             origin=row.origin, same_project=self.project is not None)
        elif text is not None:
            self.filing["overall_goal"] = text.text
        self._place(row.first, row.cells[expected[0]], *([text] if text else []))
        for column, head in results:
            self._as_result([head] + ([values[column]] if column < len(values) else []),
                            self_evaluation_head(head.text) or _plain(head.text))
        return 2

    def _opening_budget_head(self, row: FormRow) -> int:
        """项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分: remembered for the rows below.
        Every column right of 年初预算数 is the year's execution or its score."""
        opening = [c for c, cell in enumerate(row.cells) if _plain(cell.text) == OPENING_BUDGET]
        results = {c: cell.text for c, cell in enumerate(row.cells) if cell.text and opening and c > opening[0]}
        executed = any(self_evaluation_head(text) or monitoring_head(text) for text in results.values())
        if len(opening) != 1 or not executed:
            return 0
        self.opening_budget = (opening[0], results)
        self.opening_head = row.cells
        self._place(row.cells[opening[0]])
        for column, text in results.items():
            self._as_result([row.cells[column]], self_evaluation_head(text) or _plain(text))
        return 1

    def _adjusted_budget_head(self, row: FormRow) -> int:
        """项目资金（万元） | 原预算数 | 调整后预算数 (a 绩效目标调整表): the adjusted column is the budget of the rows below,
        read as a 自评表's 年初预算数 is; the column it replaced (原预算数, 调整前, 年初预算数) is listed, never the budget."""
        heads = {c: cell for c, cell in enumerate(row.cells) if cell.text and cell is not row.first}
        adjusted = [c for c, cell in heads.items() if adjusted_to_head(cell.text) and _names_budget(cell.text)]
        replaced = {c: _plain(cell.text) for c, cell in heads.items() if adjusted_from_head(cell.text)}
        if len(adjusted) != 1 or not replaced or len(heads) != 1 + len(replaced) or row.below is None \
                or not any(_budget_row(cell.text) for cell in row.below if cell.text):
            return 0
        self.opening_budget = (adjusted[0], replaced)
        self.opening_head = row.cells
        self._place(row.cells[adjusted[0]])
        for column, text in replaced.items():
            self._as_result([row.cells[column]], text)
        return 1

    def _opening_budget_row(self, row: FormRow) -> int:
        """年度资金总额 / 其中：当年财政拨款 / 其他资金 under 年初预算数: the project's budget.annual, amounts as filed.
        A row the budget has no part for (上年结转资金), or any row before a project (a department's grid has no
        income or expenditure kinds to file it under), is listed as not placed."""
        if self.opening_budget is None:
            return 0
        label = next((cell for cell in row.present if _budget_row(cell.text)), None)
        if label is None:
            self.opening_budget = None  # the grid has ended
            return 0
        column, results = self.opening_budget
        cells = self._lined_up(self.opening_head, row.cells)
        amount = cells[column] if column < len(cells) and cells[column].text else None
        key = matrix_row_key(label.text)
        if key is None:
            why = f"文件格式的预算中没有“{label.text}”一项，未录入"
        elif self.project is None:
            why = "原表此处还没有项目；部门的资金按收入、支出分项录入，这一栏年初预算数没有分项，未录入"
        elif amount is None or put_field(self.project, f"annual.{key}", amount.text, self.unit):
            why = None
        else:
            why = budget_refusal(self.project, amount.text, self.unit)
        if why is None:
            self._place(label, *([amount] if amount else []))
        else:
            self.why_not.update({cell.location: why for cell in (label, amount) if cell})
        for result, head in results.items():
            if result < len(cells):
                self._as_result([cells[result]], self_evaluation_head(head) or _plain(head))
        return 1


def _names_budget(text: str) -> bool:
    """An adjusted column's head that names an amount ("调整后预算数"), or only says it is the adjusted one ("调整后")."""
    return not any(word in _plain(text) for word in ("指标", "目标"))


def _plain(text: str) -> str:
    """A head as compared: normalized, without a bracketed note ("全年预算数（A）")."""
    return normalize(BRACKETED.sub("", text))


def _budget_row(text: str) -> bool:
    return matrix_row_key(text) is not None or _plain(text) in BUDGET_ROWS_WITHOUT_FIELD


def _is_goal_label(text: str) -> bool:
    """年度总体目标 (and the other words of a form's overall goal), or a goal's own label (年度目标)."""
    return DEPARTMENT_TEXTS.get(normalize(text)) == "overall_goal" or bool(GOAL_START.match(text))
