"""`gongkai import` of the 年度主要任务 table of a 部门整体支出绩效目标表: 任务名称 / 主要内容 / 预算金额.

One form is drawn (tests/forms helpers) in every layout the importer must read — the 年度主要任务 label
merged down the rows or absent, a 序号 column, 预算金额 over its split or beside it or alone, with or
without the 金额合计 row — and put into each file format: Excel and Word with merged cells, HTML with
rowspan/colspan, and text copied from the page (the slots of merged cells dropped). The table is found
by its header cells only, and the tasks come out with their amounts exactly as filed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from generator.importing.report import as_data, as_text
from generator.loading import load_filing
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.render import form_html, write_docx, write_pdfs, write_xls, write_xlsx
from tests.forms.imports import import_new

TASKS = [("国土空间规划编制", "完成市级国土空间总体规划报批", ("350.00", "350.00", "")),
         ("耕地保护监督", "开展耕地卫片执法检查", ("120.5", "100", "20.5"))]
TOTAL = ("470.50", "450.00", "20.5")
EXPECTED_LINES = [
    {"name": "国土空间规划编制", "content": "完成市级国土空间总体规划报批",
     "budget": {"total": "350.00", "fiscal": "350.00"}},
    {"name": "耕地保护监督", "content": "开展耕地卫片执法检查",
     "budget": {"total": "120.5", "fiscal": "100", "other": "20.5"}}]
EXPECTED_TOTAL = {"total": "470.50", "fiscal": "450.00", "other": "20.5"}
OVERALL_GOAL = "完成国土空间规划编制；耕地保有量不低于下达任务。"


# --- the form ------------------------------------------------------------------------------------

def task_table(*, label: bool = True, seq: bool = False, header: str = "two-rows", total: str | None = "金额合计",
               tasks: list[tuple[str, str, tuple[str, ...]]] = TASKS) -> FormTable:
    """The 年度主要任务 table. `header`: "two-rows" (预算金额 over 总额 / 财政拨款 / 其他资金), "one-row"
    (预算金额（总额） / 其中：财政拨款 / 其他资金 side by side) or "single" (one 预算金额 column)."""
    lead = int(label) + int(seq)
    name, content, money = lead, lead + 1, lead + 3
    width = money + (1 if header == "single" else 3)
    table = FormTable()

    def add(cells: dict[int, str], *merges: tuple[int, int, int, int]) -> None:
        table.rows.append([cells.get(c, "") for c in range(width)])
        table.merges.extend(merges)

    def amounts(values: tuple[str, ...]) -> dict[int, str]:
        return dict(zip(range(money, width), values))

    heads = {name: "任务名称", content: "主要内容"} | ({0: "年度主要任务"} if label else {}) | ({lead - 1: "序号"} if seq else {})
    if header == "two-rows":
        add(heads | {money: "预算金额"}, (0, content, 1, content + 1), (0, money, 0, money + 2),
            *((0, c, 1, c) for c in range(int(label), content)))
        add({money: "总额", money + 1: "财政拨款", money + 2: "其他资金"})
    else:
        words = ("预算金额",) if header == "single" else ("预算金额（总额）", "其中：财政拨款", "其他资金")
        add(heads | amounts(words), (0, content, 0, content + 1))
    for number, (task, text, figures) in enumerate(tasks, 1):
        r = len(table.rows)
        add({name: task, content: text} | amounts(figures) | ({lead - 1: str(number)} if seq else {}),
            (r, content, r, content + 1))
    if label:
        table.merges.append((0, 0, len(table.rows) - 1, 0))
    if total:
        r = len(table.rows)
        add({0: total} | amounts(TOTAL), (r, 0, r, content + 1))
    return table


def task_form(table: FormTable, unit: bool = True) -> list[FormBlock]:
    """A 部门整体支出绩效目标表: title, unit, department, the task table, 年度总体目标 and an indicator table."""
    identity = FormTable()
    identity.add("部门（单位）名称", "某市自然资源和规划局")
    goal = FormTable()
    goal.add("年度总体目标", OVERALL_GOAL)
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "卫片图斑核查数量", "≥1200个")
    indicators.add("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")
    return [FormText("2026年度部门整体支出绩效目标表"), *([FormText("金额单位：万元")] if unit else []), identity, table,
            goal, indicators]


def copied_text(blocks: list[FormBlock]) -> str:
    """What copying the page in a browser gives: a line per row, a Tab between cells, merged slots dropped."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, FormText):
            lines.append(block.text)
            continue
        origins = {(top, left) for top, left, _, _ in block.merges}
        covered = {(r, c) for top, left, bottom, right in block.merges
                   for r in range(top, bottom + 1) for c in range(left, right + 1)} - origins
        lines += ["\t".join(text for c, text in enumerate(row) if (r, c) not in covered)
                  for r, row in enumerate(block.grid())]
    return "\n".join(lines) + "\n"


def write(blocks: list[FormBlock], path: Path) -> Path:
    if path.suffix == ".xlsx":
        write_xlsx(blocks, path)
    elif path.suffix == ".xls":
        write_xls(blocks, path)
    elif path.suffix == ".pdf":
        write_pdfs([(blocks, path)])
    elif path.suffix == ".docx":
        write_docx(blocks, path)
    elif path.suffix == ".html":
        path.write_text(form_html(blocks), encoding="utf-8")
    else:
        path.write_text(copied_text(blocks), encoding="utf-8")
    return path


def run(source: Path, tmp_path: Path) -> ImportResult:
    return import_new(source, tmp_path, "zrzy")


def imported(table: FormTable, tmp_path: Path, suffix: str = "xlsx", unit: bool = True) -> ImportResult:
    return run(write(task_form(table, unit), tmp_path / f"整体.{suffix}"), tmp_path)


def as_written(value: Any) -> Any:
    """Amounts as the strings they are written as (350.00 stays 350.00): Decimal keeps the filed digits."""
    if isinstance(value, dict):
        return {key: as_written(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_written(item) for item in value]
    assert not isinstance(value, float)
    return str(value) if isinstance(value, Decimal) else value


def assert_clean(result: ImportResult) -> None:
    """Every cell placed, and the written file passes `gongkai check` as it is."""
    assert result.imported.not_placed == []
    assert result.check.errors == [] and result.check.warnings == []
    loaded, problems = load_filing(result.output)
    assert problems == [] and loaded is not None


# --- the standard form, in every format ------------------------------------------------------------

def test_xlsx_with_merged_cells_gives_the_tasks_as_filed(tmp_path: Path) -> None:
    result = imported(task_table(), tmp_path)
    tasks = result.filing["tasks"]
    assert as_written(tasks) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert tasks["lines"][0]["budget"]["total"] == Decimal("350.00")
    assert "annual_tasks" not in result.filing
    assert result.filing["money_unit"] == "万元" and result.filing["overall_goal"] == OVERALL_GOAL
    assert len(result.filing["goals"][0]["indicators"]) == 2
    written = result.output.read_text(encoding="utf-8")
    assert "    budget: {total: 350.00, fiscal: 350.00}\n" in written
    assert "  total: {total: 470.50, fiscal: 450.00, other: 20.5}\n" in written
    assert_clean(result)
    loaded, _ = load_filing(result.output)
    assert [task.name for task in loaded.filing.tasks.lines] == ["国土空间规划编制", "耕地保护监督"]
    assert str(loaded.filing.tasks.total.total) == "470.50"


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "docx", "pdf", "html", "txt"])
def test_every_format_gives_the_same_tasks(tmp_path: Path, suffix: str) -> None:
    """Excel and Word with merged cells, a printed PDF, HTML with rowspan/colspan, text copied from the page."""
    result = imported(task_table(), tmp_path, suffix)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert "annual_tasks" not in result.filing
    assert_clean(result)


def test_html_table_with_rowspan_and_colspan(tmp_path: Path) -> None:
    source = tmp_path / "整体.html"
    source.write_text("""<html><body><p>2026年度部门整体支出绩效目标表</p><p>金额单位：万元</p>
<table>
<tr><td>部门（单位）名称</td><td colspan="6">某市自然资源和规划局</td></tr>
<tr><td rowspan="4">年度主要任务</td><td rowspan="2">任务名称</td><td rowspan="2" colspan="2">主要内容</td>
    <td colspan="3">预算金额</td></tr>
<tr><td>总额</td><td>财政拨款</td><td>其他资金</td></tr>
<tr><td>国土空间规划编制</td><td colspan="2">完成市级国土空间总体规划报批</td><td>350.00</td><td>350.00</td><td></td></tr>
<tr><td>耕地保护监督</td><td colspan="2">开展耕地卫片执法检查</td><td>120.5</td><td>100</td><td>20.5</td></tr>
<tr><th colspan="4">金额合计</th><td>470.50</td><td>450.00</td><td>20.5</td></tr>
<tr><td>年度总体目标</td><td colspan="6">完成国土空间规划编制；耕地保有量不低于下达任务。</td></tr>
</table>
<table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td>产出指标</td><td>数量指标</td><td>卫片图斑核查数量</td><td>≥1200个</td></tr></table>
</body></html>""", encoding="utf-8")
    result = run(source, tmp_path)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert [(t.location, t.kind) for t in result.imported.tables] == [("表1", "年度主要任务表"), ("表2", "指标表")]
    assert_clean(result)


def test_copied_text_without_the_slots_of_merged_cells(tmp_path: Path) -> None:
    """The web-copy .txt: the label, 任务名称 and 主要内容 cells are gone from the rows they were merged over."""
    source = tmp_path / "整体.txt"
    source.write_text("2026年度部门整体支出绩效目标表\n金额单位：万元\n"
                      "部门（单位）名称\t某市自然资源和规划局\n"
                      "年度主要任务\t任务名称\t主要内容\t预算金额\n"
                      "总额\t财政拨款\t其他资金\n"
                      "国土空间规划编制\t完成市级国土空间总体规划报批\t350.00\t350.00\t\n"
                      "耕地保护监督\t开展耕地卫片执法检查\t120.5\t100\t20.5\n"
                      "金额合计\t470.50\t450.00\t20.5\n"
                      f"年度总体目标\t{OVERALL_GOAL}\n"
                      "一级指标\t二级指标\t三级指标\t指标值\n"
                      "产出指标\t数量指标\t卫片图斑核查数量\t≥1200个\n", encoding="utf-8")
    result = run(source, tmp_path)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert result.filing["overall_goal"] == OVERALL_GOAL
    assert_clean(result)


# --- layouts ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_single_budget_column(tmp_path: Path, suffix: str) -> None:
    result = imported(task_table(header="single"), tmp_path, suffix)
    assert as_written(result.filing["tasks"]) == {
        "lines": [{"name": "国土空间规划编制", "content": "完成市级国土空间总体规划报批", "budget": {"total": "350.00"}},
                  {"name": "耕地保护监督", "content": "开展耕地卫片执法检查", "budget": {"total": "120.5"}}],
        "total": {"total": "470.50"}}
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_split_beside_the_total_in_one_header_row(tmp_path: Path, suffix: str) -> None:
    """预算金额（总额） / 其中：财政拨款 / 其他资金 in the header row itself."""
    result = imported(task_table(header="one-row"), tmp_path, suffix)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_without_a_total_row(tmp_path: Path, suffix: str) -> None:
    result = imported(task_table(total=None), tmp_path, suffix)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES}
    assert result.filing["overall_goal"] == OVERALL_GOAL
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_budget_merged_down_beside_its_split_under_qizhong(tmp_path: Path, suffix: str) -> None:
    """预算金额（万元） is a column of its own (merged down the header's two rows), 其中 heads 财政拨款 / 其他资金;
    the unit in the header is the filing's when no 金额单位 line says it."""
    table = FormTable()
    table.rows = [["任务名称", "主要内容", "", "预算金额（万元）", "其中", ""],
                  ["", "", "", "", "财政拨款", "其他资金"]]
    table.merges = [(0, 0, 1, 0), (0, 1, 1, 2), (0, 3, 1, 3), (0, 4, 0, 5)]
    for task, text, figures in TASKS:
        table.merges.append((len(table.rows), 1, len(table.rows), 2))
        table.rows.append([task, text, "", *figures])
    table.merges.append((len(table.rows), 0, len(table.rows), 2))
    table.rows.append(["金额合计", "", "", *TOTAL])
    result = imported(table, tmp_path, suffix, unit=False)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert result.filing["money_unit"] == "万元" and "notes" not in result.filing
    assert_clean(result)


def test_a_second_task_table_continues_the_first(tmp_path: Path) -> None:
    """The header repeated further down (a form cut in two): one list of tasks, the one 金额合计 kept."""
    first = task_table(total=None, tasks=TASKS[:1])
    second = task_table(tasks=TASKS[1:])
    blocks = task_form(first)
    blocks.insert(blocks.index(first) + 1, second)
    result = run(write(blocks, tmp_path / "整体.docx"), tmp_path)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert [t.kind for t in result.imported.tables].count("年度主要任务表") == 2
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_sequence_column_and_total_in_it(tmp_path: Path, suffix: str) -> None:
    """序号 first (after the label): the numbers are the rows' order; 合计 stands in that column."""
    result = imported(task_table(seq=True, total="合计"), tmp_path, suffix)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_sequence_column_without_the_label(tmp_path: Path, suffix: str) -> None:
    result = imported(task_table(label=False, seq=True), tmp_path, suffix)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_without_the_label_cell(tmp_path: Path, suffix: str) -> None:
    result = imported(task_table(label=False), tmp_path, suffix)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert "annual_tasks" not in result.filing
    assert_clean(result)


def test_label_on_a_row_of_its_own_above_the_table(tmp_path: Path) -> None:
    table = task_table(label=False)
    table.rows.insert(0, ["年度主要任务"] + [""] * (table.width - 1))
    table.merges = [(top + 1, left, bottom + 1, right) for top, left, bottom, right in table.merges]
    table.merges.append((0, 0, 0, table.width - 1))
    result = imported(table, tmp_path)
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert "annual_tasks" not in result.filing
    assert_clean(result)


# --- what needs judgement is said in a note ------------------------------------------------------

def test_amount_that_is_no_number_is_noted_never_guessed(tmp_path: Path) -> None:
    tasks = [TASKS[0], ("耕地保护监督", "开展耕地卫片执法检查", ("120.5", "100万元", "—"))]
    result = imported(task_table(tasks=tasks), tmp_path)
    second = result.filing["tasks"]["lines"][1]
    assert as_written(second) == {
        "name": "耕地保护监督", "content": "开展耕地卫片执法检查", "budget": {"total": "120.5", "fiscal": "100"},
        # the form's unit written after the figure is read, as in funds and budgets (tests/test_import_typed_word.py)
        "notes": [{"field": "budget.fiscal", "text": "原表写作“100万元”；编者去掉与本表金额单位相同的“万元”，录入为 100。"},
                  {"field": "budget.other", "text": "原表“其他资金”一栏填为“—”，不是金额；编者未录入这一金额。"}]}
    assert result.imported.not_placed == [] and result.check.errors == []


def test_sequence_number_out_of_order_is_noted(tmp_path: Path) -> None:
    table = task_table(seq=True)
    table.rows[3][1] = "3"  # the second task is numbered 3 in the form
    result = imported(table, tmp_path)
    assert [task.get("notes") for task in result.filing["tasks"]["lines"]] == [
        None, [{"field": "name", "text": "原表此任务的序号为“3”；编者按原表的行序录入。"}]]
    assert result.imported.not_placed == [] and result.check.errors == []


def test_last_row_of_amounts_without_a_label_is_read_as_the_total_with_a_note(tmp_path: Path) -> None:
    """A form whose 金额合计 label was lost under a merged range: the amounts only, after the tasks."""
    table = task_table(total=None)
    table.rows.append([""] * 4 + list(TOTAL))
    table.merges = [(0, 0, len(table.rows) - 1, 0) if merge[:2] == (0, 0) else merge for merge in table.merges]
    table.merges.append((len(table.rows) - 1, 1, len(table.rows) - 1, 3))
    result = imported(table, tmp_path)
    assert as_written(result.filing["tasks"]) == {
        "lines": EXPECTED_LINES, "total": EXPECTED_TOTAL,
        "notes": [{"field": "total", "text": "原表任务之后的最后一行没有任务名称，也没有“合计”字样，只填了金额；"
                                            "编者读作金额合计行。"}]}
    assert_clean(result)


# --- 年度主要任务 as a narrative label -------------------------------------------------------------

def test_header_word_is_never_written_as_annual_tasks(tmp_path: Path) -> None:
    """A table the importer does not know (an extra 责任处室 column) is not read as tasks, and its header
    word 任务名称 never becomes the text of annual_tasks: the cells are listed as not placed instead."""
    table = FormTable()
    table.add("年度主要任务", "任务名称", "责任处室")
    table.add("", "国土空间规划编制", "规划处")
    table.merge_down(0, 0, 1)
    result = imported(table, tmp_path)
    assert "annual_tasks" not in result.filing and "tasks" not in result.filing
    not_placed = {text for _, text, _ in result.imported.not_placed}
    assert {"年度主要任务", "任务名称", "责任处室", "国土空间规划编制", "规划处"} <= not_placed
    assert "任务名称" not in result.output.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_narrative_text_beside_the_label_is_annual_tasks(tmp_path: Path, suffix: str) -> None:
    table = FormTable()
    table.add("年度主要任务", "完成国土空间总体规划报批，开展耕地卫片执法检查。")
    result = imported(table, tmp_path, suffix)
    assert result.filing["annual_tasks"] == "完成国土空间总体规划报批，开展耕地卫片执法检查。"
    assert "tasks" not in result.filing
    assert_clean(result)


# --- the import report ---------------------------------------------------------------------------

def test_report_names_the_table_and_counts_the_tasks(tmp_path: Path) -> None:
    result = imported(task_table(), tmp_path, "docx")
    text = as_text(result)
    assert "  表2：年度主要任务表，放入 5 行\n" in text
    assert "资金 0 行，任务 2 项，目标 1 个，指标 2 条，项目 0 个，不予公开记录 0 条，编者注 0 条" in text
    data = as_data(result)
    assert data["tasks"] == 2
    assert {"location": "表2", "kind": "年度主要任务表", "rows_placed": 5} in data["tables"]
