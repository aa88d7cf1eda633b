"""A 部门整体 form's funds table without a 占比 column, found by a crash-and-loss fuzz of the seed forms.

The seed 000's funds table with its 占比 column taken out ("收支构成 | 项目 | 当年金额 | 近两年收支金额") was no funds
table: its "财政拨款 | 1415.43" row was read as a project's budget, which made a nameless project, and that project took
the department's goals and all their indicators. Now a head naming the sides (收支构成, 收入, 支出) makes a funds table
with or without 占比, and budget amounts met before any project are listed, never a nameless project. In text copied
from a web page (merged slots dropped) the row of prior years stands under its head, right of 当年金额: read from the left
edge, it made the amount a prior year's (with 占比 the prior years were listed; without it, 1736.93 became the total).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

NO_PROJECT_YET = "原表此处还没有项目，项目资金是项目的字段，未录入"
GOAL = [{"id": "g1", "kind": "年度", "text": "完成全年工作任务",
         "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "法律援助案件数", "value": "≥300件"}]}]


def department_form(funds: list[FormTable]) -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门名称", "某县司法局")
    goal = FormTable()
    goal.add("年度目标", "完成全年工作任务", "", "")
    goal.add("一级指标", "二级指标", "三级指标", "指标值")
    goal.add("产出指标", "数量指标", "法律援助案件数", "≥300件")
    return [FormText("2026年某县司法局部门整体绩效目标表"), FormText("单位：万元"), identity, *funds, goal]


def both_sides() -> FormTable:
    """Seed 000's funds table without its 占比 column."""
    table = FormTable()
    table.add("收支构成", "项目", "当年金额", ("近两年收支金额", 2))
    table.add("", "", "", "2024年", "2025年")
    table.merges += [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2)]
    table.add("收入构成", "财政拨款", "1415.43", "1736.93", "1515.34")
    table.add("", "合计", "1415.43", "1736.93", "1515.34")
    table.add("支出构成", "基本支出", "1039.43", "1099.93", "904.82")
    table.add("", "项目支出", "376", "637.00", "610.52")
    table.add("", "合计", "1415.43", "1736.93", "1515.34")
    table.merge_down(0, 2, 3)
    table.merge_down(0, 4, 6)
    return table


def one_side(side: str, lines: list[tuple[str, str]]) -> FormTable:
    table = FormTable()
    table.add(side, "金额")
    for name, figure in lines:
        table.add(name, figure)
    return table


@pytest.mark.parametrize("suffix", [".txt", ".xlsx", ".docx"])
def test_funds_headed_by_both_sides_without_a_share_column(tmp_path: Path, suffix: str) -> None:
    result = import_new(write(department_form([both_sides()]), tmp_path / f"form{suffix}"), tmp_path, "x")
    funds = as_written(result.filing["funds"])
    assert funds["prior_years"] == [2024, 2025]
    slid = {"notes": [{"text": "原表此行数字向左错位1列；编者按顺序读作当年金额、往年金额。"}]} if suffix == ".txt" else {}
    assert funds["income"] == {"lines": [{"name": "财政拨款", "amount": "1415.43",
                                          "prior": {2024: "1736.93", 2025: "1515.34"}}],
                               "total": {"name": "合计", "amount": "1415.43",
                                         "prior": {2024: "1736.93", 2025: "1515.34"}, **slid}}
    assert [(line["name"], line["amount"]) for line in funds["expenditure"]["lines"]] == [
        ("基本支出", "1039.43"), ("项目支出", "376")]
    assert "projects" not in result.filing
    assert result.filing["goals"] == GOAL
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_income_and_expenditure_as_two_tables_of_name_and_amount(tmp_path: Path, suffix: str) -> None:
    tables = [one_side("收入", [("财政拨款", "100"), ("合计", "100")]),
              one_side("支出", [("基本支出", "60"), ("项目支出", "40"), ("合计", "100")])]
    result = import_new(write(department_form(tables), tmp_path / f"form{suffix}"), tmp_path, "x")
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "100"}], "total": {"name": "合计", "amount": "100"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "60"}, {"name": "项目支出", "amount": "40"}],
                        "total": {"name": "合计", "amount": "100"}}}
    assert "projects" not in result.filing and result.filing["goals"] == GOAL


@pytest.mark.parametrize("suffix", [".txt", ".xlsx", ".docx"])
def test_budget_amounts_before_any_project_make_no_nameless_project(tmp_path: Path, suffix: str) -> None:
    """"资金来源 | 金额" names no side of the funds: not read, and not a project either (it took the goals before)."""
    table = one_side("资金来源", [("财政拨款", "100"), ("其他资金", "0"), ("合计", "100")])
    result = import_new(write(department_form([table]), tmp_path / f"form{suffix}"), tmp_path, "x")
    assert "projects" not in result.filing
    assert result.filing["goals"] == GOAL
    listed = not_placed(result)
    assert [(text, NO_PROJECT_YET) for text in ("财政拨款", "100", "其他资金", "0")] == [
        item for item in listed if item[1] == NO_PROJECT_YET]


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_guard_a_project_form_reads_its_budget_rows(tmp_path: Path, suffix: str) -> None:
    form = FormTable()
    form.add("项目名称", "法律援助经费")
    form.add("财政拨款", "35.00")
    form.add("其他资金", "0")
    form.add("年度目标", "办理法律援助案件300件")
    result = import_new(write([FormText("2026年某县司法局项目支出绩效目标表"), FormText("单位：万元"), form],
                              tmp_path / f"form{suffix}"), tmp_path, "x")
    (project,) = result.filing["projects"]
    assert (project["name"], as_written(project["budget"])) == ("法律援助经费", {"fiscal": "35.00", "other": "0"})


def test_copied_prior_years_stand_under_their_head_with_a_share_column_too(tmp_path: Path) -> None:
    """The same web copy with 占比: its prior years were listed as "不在任何列下"; now read under their head."""
    table = FormTable()
    table.add("收支构成", "项目", "当年金额", "占比", ("近两年收支金额", 2))
    table.add("", "", "", "", "2024年", "2025年")
    table.merges += [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3)]
    table.add("收入构成", "财政拨款", "1415.43", "100%", "1736.93", "1515.34")
    table.add("", "合计", "1415.43", "100%", "1736.93", "1515.34")
    table.merge_down(0, 2, 3)
    result = import_new(write(department_form([table]), tmp_path / "form.txt"), tmp_path, "x")
    prior = {2024: "1736.93", 2025: "1515.34"}
    assert as_written(result.filing["funds"]) == {"prior_years": [2024, 2025], "income": {
        "lines": [{"name": "财政拨款", "amount": "1415.43", "share": "100%", "prior": prior}],
        "total": {"name": "合计", "amount": "1415.43", "share": "100%", "prior": prior,
                  "notes": [{"text": "原表此行数字向左错位1列；编者按顺序读作当年金额、占比和往年金额。"}]}}}
    assert not_placed(result) == []
