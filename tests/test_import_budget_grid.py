"""`gongkai import` of the 年度预算申请 grid of a 部门整体支出绩效目标申报表 into the department's `funds`.

The standard 财政部 form heads 资金总额 and, under 按收入性质分 / 按支出性质分, the kinds of income (财政拨款,
其他资金 …) and of expenditure (基本支出, 项目支出 …) over one row of amounts. The form is drawn with the
tests/forms helpers and put into every file format (Excel and Word with merged cells, a printed PDF, HTML with
rowspan/colspan, text copied from the page with the slots of merged cells dropped); the grid must come out as
`funds` with every amount as filed, and the 年度总体目标 and indicators that follow as the department's own —
never as a project: the words 资金总额 / 财政拨款 / 其他资金 are a project's budget only in a project's form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from generator.importing.report import as_data, as_text
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, assert_clean, write
from tests.forms.imports import import_new

DEPARTMENT = "某县农业农村局"
OVERALL_GOAL = "保障粮食安全，推进乡村振兴。"
INDICATORS = [("产出指标", "数量指标", "新建高标准农田面积", "≥1万亩"),
              ("效益指标", "经济效益指标", "亩均增产", "≥50公斤"),
              ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%")]
EXPECTED_GOALS = [{"id": "g1", "kind": "年度", "indicators": [
    {"level1": level1, "level2": level2, "name": name, "value": value} for level1, level2, name, value in INDICATORS]}]
COMMA = {"field": "amount", "text": "原表写作“1,250.60”；编者去掉千分位逗号，录入为 1250.60。"}
SHARED = {"text": "原表“资金总额”只有一格，是收入和支出共同的总额；编者同时录入为收入合计和支出合计。"}
EXPECTED_FUNDS = {
    "income": {"lines": [{"name": "财政拨款", "amount": "1200.60"}, {"name": "其他资金", "amount": "50"}],
               "total": {"name": "资金总额", "amount": "1250.60", "notes": [COMMA]}},
    "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00"}, {"name": "项目支出", "amount": "450.60"}],
                    "total": {"name": "资金总额", "amount": "1250.60", "notes": [COMMA, SHARED]}},
}
FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]


# --- the form ------------------------------------------------------------------------------------

def request_form(grid: FormTable, unit: bool = True, one_table: bool = False) -> list[FormBlock]:
    """A 部门整体支出绩效目标申报表: the department's name, the 年度预算申请 grid, 部门职能概述 and 年度总体目标 in one
    ruled table, then the indicator table. `one_table`: the indicators in the same table too, the 年度绩效指标 label
    merged down beside them, as the form is printed."""
    width = max(6, grid.width)
    form = FormTable()
    form.add("部门（单位）名称", (DEPARTMENT, width - 1))
    top = len(form.rows)
    form.rows += [row + [""] * (width - len(row)) for row in grid.rows]
    form.merges += [(a + top, b, c + top, d) for a, b, c, d in grid.merges]
    form.add("部门职能概述", ("负责全县农业农村发展规划。", width - 1))
    form.add("年度总体目标", (OVERALL_GOAL, width - 1))
    indicators = form if one_table else FormTable()
    first = len(indicators.rows)
    label = ("年度绩效指标",) if one_table else ()
    indicators.add(*label, "一级指标", "二级指标", "三级指标", "指标值")
    for indicator in INDICATORS:
        indicators.add(*("",) * len(label), *indicator)
    if one_table:
        form.merge_down(0, first, len(form.rows) - 1)
    return [FormText("部门整体支出绩效目标申报表"), FormText("（2026年度）"), *([FormText("单位：万元")] if unit else []),
            form, *([] if one_table else [indicators])]


def standard_grid(amounts: tuple[str, ...] = ("1,250.60", "1200.60", "50", "800.00", "450.60")) -> FormTable:
    """年度预算申请 merged down three rows, 资金总额 down two, the group heads over their two kinds each."""
    grid = FormTable()
    grid.add("年度预算申请", "资金总额", ("按收入性质分", 2), ("按支出性质分", 2))
    grid.add("", "", "财政拨款", "其他资金", "基本支出", "项目支出")
    grid.add("", *amounts)
    grid.merge_down(0, 0, 2)
    grid.merge_down(1, 0, 1)
    return grid


def run(source: Path, tmp_path: Path) -> ImportResult:
    return import_new(source, tmp_path, "nync", kind="申报")


def imported(grid: FormTable, tmp_path: Path, suffix: str, unit: bool = True, one_table: bool = False) -> ImportResult:
    return run(write(request_form(grid, unit, one_table), tmp_path / f"申报.{suffix}"), tmp_path)


def assert_department_form(result: ImportResult) -> None:
    """The department's own goal and indicators, no project, every cell placed and nothing for check to say."""
    filing = result.filing
    assert "projects" not in filing
    assert filing["overall_goal"] == OVERALL_GOAL
    assert filing["goals"] == EXPECTED_GOALS
    assert filing["department"]["name"] == DEPARTMENT and filing["money_unit"] == "万元"
    assert_clean(result)


# --- the standard form, in every format ------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_every_format_reads_the_grid_as_the_departments_funds(tmp_path: Path, suffix: str) -> None:
    result = imported(standard_grid(), tmp_path, suffix)
    assert as_written(result.filing["funds"]) == EXPECTED_FUNDS
    assert_department_form(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_form_as_one_table_with_the_indicators_in_it(tmp_path: Path, suffix: str) -> None:
    """The form as reported: the goal and indicators after the grid, in the same table, are the department's,
    not a project's (in copied text too, where the label merged down beside the indicators loses its slots)."""
    result = imported(standard_grid(), tmp_path, suffix, one_table=True)
    assert as_written(result.filing["funds"]) == EXPECTED_FUNDS
    assert_department_form(result)


def test_amounts_are_written_as_filed(tmp_path: Path) -> None:
    result = imported(standard_grid(), tmp_path, "xlsx")
    written = result.output.read_text(encoding="utf-8")
    assert "projects:" not in written
    assert ("funds:\n  income:\n    lines:\n    - {name: 财政拨款, amount: 1200.60}\n"
            "    - {name: 其他资金, amount: 50}\n    total:\n      name: 资金总额\n      amount: 1250.60\n") in written
    assert "    - {name: 基本支出, amount: 800.00}\n    - {name: 项目支出, amount: 450.60}\n" in written


def test_report_names_the_grid_and_counts_its_lines(tmp_path: Path) -> None:
    result = imported(standard_grid(), tmp_path, "docx")
    data = as_data(result)
    assert [(table["location"], table["kind"]) for table in data["tables"]] == [("表1", "年度预算申请"), ("表2", "指标表")]
    assert (data["fund_lines"], data["projects"], data["goals"], data["indicators"]) == (6, 0, 1, 3)
    assert "资金 6 行，目标 1 个，指标 3 条，项目 0 个，不予公开记录 0 条，编者注 3 条" in as_text(result)


# --- layouts ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_without_group_heads_and_the_unit_in_the_label(tmp_path: Path, suffix: str) -> None:
    """年度预算申请（万元） | 资金总额 | 财政拨款 | 其他资金 | 基本支出 | 项目支出 over the amounts: each kind's word says
    its side; the label's unit is the filing's when no 单位 line says it."""
    grid = FormTable()
    grid.add("年度预算申请（万元）", "资金总额", "财政拨款", "其他资金", "基本支出", "项目支出")
    grid.add("", "1,250.60", "1200.60", "50", "800.00", "450.60")
    grid.merge_down(0, 0, 1)
    result = imported(grid, tmp_path, suffix, unit=False)
    assert as_written(result.filing["funds"]) == EXPECTED_FUNDS
    assert "notes" not in result.filing
    assert_department_form(result)


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_without_the_label_and_the_group_heads(tmp_path: Path, suffix: str) -> None:
    grid = FormTable()
    grid.add("资金总额", "财政拨款", "其他资金", "基本支出", "项目支出")
    grid.add("1250.60", "1200.60", "50", "800.00", "450.60")
    result = imported(grid, tmp_path, suffix)
    funds = as_written(result.filing["funds"])
    assert funds["income"] == {"lines": EXPECTED_FUNDS["income"]["lines"],
                               "total": {"name": "资金总额", "amount": "1250.60"}}
    assert funds["expenditure"] == {"lines": EXPECTED_FUNDS["expenditure"]["lines"],
                                    "total": {"name": "资金总额", "amount": "1250.60", "notes": [SHARED]}}
    assert_department_form(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_more_kinds_of_income_and_expenditure(tmp_path: Path, suffix: str) -> None:
    """上级补助收入, 事业收入, 其他收入 under 按收入性质分; 人员经费, 公用经费 and 项目支出 under 按支出性质分."""
    grid = FormTable()
    grid.add("年度预算申请", "资金总额", ("按收入性质分", 4), ("按支出性质分", 3))
    grid.add("", "", "财政拨款", "上级补助收入", "事业收入", "其他收入", "人员经费", "公用经费", "项目支出")
    grid.add("", "980.5", "800", "100.00", "60.5", "20", "500", "80.50", "400")
    grid.merge_down(0, 0, 2)
    grid.merge_down(1, 0, 1)
    result = imported(grid, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "800"}, {"name": "上级补助收入", "amount": "100.00"},
                             {"name": "事业收入", "amount": "60.5"}, {"name": "其他收入", "amount": "20"}],
                   "total": {"name": "资金总额", "amount": "980.5"}},
        "expenditure": {"lines": [{"name": "人员经费", "amount": "500"}, {"name": "公用经费", "amount": "80.50"},
                                  {"name": "项目支出", "amount": "400"}],
                        "total": {"name": "资金总额", "amount": "980.5", "notes": [SHARED]}}}
    assert_department_form(result)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_transposed_grid_with_each_amount_in_the_next_cell(tmp_path: Path, suffix: str) -> None:
    """资金总额 and each kind down the rows, the group heads merged down beside their kinds."""
    grid = FormTable()
    grid.add("年度预算申请", ("资金总额", 2), "1,250.60")
    grid.add("", "按收入性质分", "财政拨款", "1200.60")
    grid.add("", "", "其他资金", "50")
    grid.add("", "按支出性质分", "基本支出", "800.00")
    grid.add("", "", "项目支出", "450.60")
    grid.merge_down(0, 0, 4)
    grid.merge_down(1, 1, 2)
    grid.merge_down(1, 3, 4)
    result = imported(grid, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == EXPECTED_FUNDS
    assert_department_form(result)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_a_kind_not_listed_takes_the_side_of_its_group_head(tmp_path: Path, suffix: str) -> None:
    """政府性基金 is no listed word: under 按收入性质分 it is income (in copied text: the side of the kind before it)."""
    grid = standard_grid(amounts=("1250.60", "1200.60", "50", "800.00", "450.60"))
    grid.rows[1][3] = "政府性基金"
    result = imported(grid, tmp_path, suffix)
    assert as_written(result.filing["funds"]["income"]["lines"]) == [
        {"name": "财政拨款", "amount": "1200.60"}, {"name": "政府性基金", "amount": "50"}]
    assert as_written(result.filing["funds"]["expenditure"]["lines"]) == EXPECTED_FUNDS["expenditure"]["lines"]
    assert_department_form(result)


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_the_label_makes_the_budget_words_the_departments(tmp_path: Path, suffix: str) -> None:
    """年度预算申请 | 资金总额 | 财政拨款 | 其他资金: words a project's budget has too, but the label says whose they are.
    Without an expenditure side 资金总额 is the income's total only."""
    grid = FormTable()
    grid.add("年度预算申请", "资金总额", "财政拨款", "其他资金")
    grid.add("", "1250.60", "1200.60", "50")
    grid.merge_down(0, 0, 1)
    result = imported(grid, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {"income": {
        "lines": EXPECTED_FUNDS["income"]["lines"], "total": {"name": "资金总额", "amount": "1250.60"}}}
    assert_department_form(result)


# --- cells that need a judgement -------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_empty_amount_is_left_out(tmp_path: Path, suffix: str) -> None:
    """其他资金 left blank: the line is there as the form names it, without an amount."""
    result = imported(standard_grid(amounts=("1200.60", "1200.60", "", "800.00", "400.60")), tmp_path, suffix)
    income = as_written(result.filing["funds"]["income"])
    assert income == {"lines": [{"name": "财政拨款", "amount": "1200.60"}, {"name": "其他资金"}],
                      "total": {"name": "资金总额", "amount": "1200.60"}}
    assert_department_form(result)


def test_amount_that_is_no_number_is_noted_never_guessed(tmp_path: Path) -> None:
    result = imported(standard_grid(amounts=("1,250.60", "1200.60", "50万", "800.00", "450.60")), tmp_path, "xlsx")
    assert as_written(result.filing["funds"]["income"]["lines"]) == [
        {"name": "财政拨款", "amount": "1200.60"},
        # "50万" in this form in 万元 is 50 万元 (tests/test_import_system_files.py): read, with a note quoting it
        {"name": "其他资金", "amount": "50",
         "notes": [{"field": "amount", "text": "原表写作“50万”；编者去掉“万”（即万元，与本表金额单位相同），录入为 50。"}]}]
    assert result.imported.not_placed == [] and result.check.errors == []
    assert "projects" not in result.filing


# --- a project's budget is still a project's -------------------------------------------------------

def project_form(one_table: bool) -> list[FormBlock]:
    """A 项目支出绩效目标表: 项目名称, then 年度资金总额 / 其中：财政拨款 /
    其他资金 down the rows beside 项目资金（万元）; `one_table`: the indicators in the same table, the 绩效指标 label
    merged down beside them."""
    table = FormTable()
    table.add("项目名称", ("农村人居环境整治", 4))
    table.add("主管部门", DEPARTMENT, "实施单位", (DEPARTMENT, 2))
    first = len(table.rows)
    table.add("项目资金（万元）", "年度资金总额：", ("120.00", 3))
    table.add("", "其中：财政拨款", ("100", 3))
    table.add("", "其他资金", ("20.00", 3))
    table.merge_down(0, first, first + 2)
    table.add("年度总体目标", ("完成50个村人居环境整治。", 4))
    indicators = table if one_table else FormTable()
    first = len(indicators.rows)
    label = ("绩效指标",) if one_table else ()
    indicators.add(*label, "一级指标", "二级指标", "三级指标", "指标值")
    indicators.add(*("",) * len(label), "产出指标", "数量指标", "整治村庄数", "50个")
    indicators.add(*("",) * len(label), "满意度指标", "服务对象满意度指标", "村民满意度", "≥90%")
    if one_table:
        table.merge_down(0, first, len(table.rows) - 1)
    return [FormText("项目支出绩效目标表"), FormText("（2026年度）"), FormText("单位：万元"), table,
            *([] if one_table else [indicators])]


@pytest.mark.parametrize(("suffix", "one_table"), [("xlsx", True), ("docx", True), ("html", True), ("pdf", True),
                                                   ("txt", True), ("txt", False)])
def test_project_form_keeps_its_budget(tmp_path: Path, suffix: str, one_table: bool) -> None:
    result = run(write(project_form(one_table), tmp_path / f"项目.{suffix}"), tmp_path)
    filing = result.filing
    assert "funds" not in filing and "goals" not in filing
    assert as_written(filing["projects"]) == [{
        "id": "p1", "name": "农村人居环境整治", "budget_unit": DEPARTMENT,
        "budget": {"annual": {"total": "120.00", "fiscal": "100", "other": "20.00"}},
        "goals": [{"id": "annual", "kind": "年度", "text": "完成50个村人居环境整治。", "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "整治村庄数", "value": "50个"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "村民满意度", "value": "≥90%"}]}]}]
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["html", "txt"])
def test_project_budget_words_beside_their_amounts_stay_the_projects(tmp_path: Path, suffix: str) -> None:
    """资金总额 | 120.00 | 财政拨款 | 100 | 其他资金 | 20.00 under 项目名称: the project's budget, no department funds."""
    table = FormTable()
    table.add("主管部门", (DEPARTMENT, 5))
    table.add("项目名称", ("农村人居环境整治", 5))
    table.add("资金总额", "120.00", "财政拨款", "100", "其他资金", "20.00")
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "整治村庄数", "50个")
    blocks = [FormText("项目支出绩效目标表"), FormText("单位：万元"), table, indicators]
    result = run(write(blocks, tmp_path / f"项目.{suffix}"), tmp_path)
    assert "funds" not in result.filing
    project = result.filing["projects"][0]
    assert (project["name"], as_written(project["budget"])) == (
        "农村人居环境整治", {"total": "120.00", "fiscal": "100", "other": "20.00"})
    assert result.imported.not_placed == [] and result.check.errors == []

