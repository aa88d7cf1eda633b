"""`gongkai import` of a funds table printed as a 收支总表: income and expenditure side by side.

收入（项目）| 金额 (| 占比) | 支出（项目）| 金额 (| 占比): each side has its own lines and its own 合计, and one side
may run longer than the other. The form is drawn with the tests/forms helpers and put into every file format; the
table must come out as the department's `funds`, every amount as filed, and the goal and indicators after it as the
department's own — the words 财政拨款 / 其他资金 make a project's budget only in a project's form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, assert_clean, write

DEPARTMENT = "某县农业农村局"
GOAL = "完成粮食生产任务，推进乡村振兴。"
FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
EXPECTED_GOALS = [{"id": "g1", "kind": "年度", "indicators": [
    {"level1": "产出指标", "level2": "数量指标", "name": "粮食播种面积", "value": "≥50万亩"}]}]


def form(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[FormBlock]:
    funds = FormTable()
    funds.add(*header)
    for row in rows:
        funds.add(*row)
    goal = FormTable()
    goal.add("年度总体目标", GOAL)
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "粮食播种面积", "≥50万亩")
    return [FormText("2026年度部门整体支出绩效目标表"), FormText(f"部门名称：{DEPARTMENT}"), FormText("金额单位：万元"),
            funds, goal, indicators]


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"整体.{suffix}"), tmp_path, "nyj")


@pytest.mark.parametrize("suffix", FORMATS)
def test_income_and_expenditure_side_by_side(tmp_path: Path, suffix: str) -> None:
    blocks = form(("收入", "金额", "支出", "金额"), [
        ("财政拨款", "1200.50", "基本支出", "800.00"),
        ("其他资金", "100.00", "项目支出", "500.50"),
        ("合计", "1300.50", "合计", "1300.50")])
    result = imported(blocks, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "1200.50"}, {"name": "其他资金", "amount": "100.00"}],
                   "total": {"name": "合计", "amount": "1300.50"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00"}, {"name": "项目支出", "amount": "500.50"}],
                        "total": {"name": "合计", "amount": "1300.50"}}}
    assert result.filing["overall_goal"] == GOAL and result.filing["goals"] == EXPECTED_GOALS
    assert "projects" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_sides_with_shares_and_of_different_lengths(tmp_path: Path, suffix: str) -> None:
    """收入项目 | 预算数 | 占比 | 支出项目 | 预算数 | 占比, the income side a line longer: its last line has an empty
    expenditure side, and each side's 合计 is its own."""
    blocks = form(("收入项目", "预算数", "占比", "支出项目", "预算数", "占比"), [
        ("一般公共预算拨款", "1000.00", "76.92%", "基本支出", "800.00", "61.54%"),
        ("政府性基金预算拨款", "200.00", "15.38%", "项目支出", "500.00", "38.46%"),
        ("其他资金", "100.00", "7.69%", "", "", ""),
        ("合计", "1300.00", "100%", "合计", "1300.00", "100%")])
    result = imported(blocks, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "一般公共预算拨款", "amount": "1000.00", "share": "76.92%"},
                             {"name": "政府性基金预算拨款", "amount": "200.00", "share": "15.38%"},
                             {"name": "其他资金", "amount": "100.00", "share": "7.69%"}],
                   "total": {"name": "合计", "amount": "1300.00", "share": "100%"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00", "share": "61.54%"},
                                  {"name": "项目支出", "amount": "500.00", "share": "38.46%"}],
                        "total": {"name": "合计", "amount": "1300.00", "share": "100%"}}}
    assert "projects" not in result.filing
    assert_clean(result)


def test_an_amount_that_is_no_number_is_listed_on_its_side(tmp_path: Path) -> None:
    blocks = form(("收入", "金额", "支出", "金额"), [("财政拨款", "1200.50", "基本支出", "八百万")])
    result = imported(blocks, tmp_path, "xlsx")
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "1200.50"}]},
        "expenditure": {"lines": [{"name": "基本支出"}]}}
    assert not_placed(result) == [("八百万", "金额“八百万”不是数字")]


def test_one_side_only_is_no_side_by_side_table(tmp_path: Path) -> None:
    """A header with one section word is not a 收支总表: 收入 | 金额 alone is a funds table of that side, as
    "收入 | 金额 | 占比" is (before, its 财政拨款 row made a nameless project; see test_import_funds_without_share)."""
    blocks = form(("收入", "金额"), [("财政拨款", "1200.50")])
    result = imported(blocks, tmp_path, "xlsx")
    assert as_written(result.filing["funds"]) == {"income": {"lines": [{"name": "财政拨款", "amount": "1200.50"}]}}
    assert "projects" not in result.filing


# --- any funds table: amounts that are not plain numbers ----------------------------------------------

def test_grouped_amount_is_read_with_a_note_and_a_word_is_listed(tmp_path: Path) -> None:
    """项目 | 当年金额 | 占比 with 收入构成 / 支出构成 rows: "1,200.50" is 1200.50 with a note saying so; "九十" under
    当年金额 is no amount and is listed, never dropped; a word left of a line's name has no field and is listed."""
    blocks = form(("", "项目", "当年金额", "占比"), [
        ("收入构成", "", "", ""),
        ("一般公共预算", "财政拨款", "1,200.50", "92.31%"),
        ("", "其他资金", "九十", "7.69%"),
        ("支出构成", "", "", ""),
        ("", "基本支出", "800.00", "")])
    result = imported(blocks, tmp_path, "xlsx")
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [
            {"name": "财政拨款", "amount": "1200.50", "share": "92.31%",
             "notes": [{"field": "amount", "text": "原表写作“1,200.50”；编者去掉千分位逗号，录入为 1200.50。"}]},
            {"name": "其他资金", "share": "7.69%"}]},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00"}]}}
    assert sorted(not_placed(result)) == [("一般公共预算", "资金表中此行名称左边的文字，文件格式没有对应的字段"),
                                          ("九十", "金额“九十”不是数字")]
