"""`gongkai import` of funds a form prints in more than one piece, none written over another.

1. A side with two total rows (小计 then 合计; 收入合计 then 收入总计 in a 收支总表): the later totals the side, the
   earlier stays a line where it stood, with a note. Before, the later replaced the earlier silently: its figures
   were gone from the filing and the report listed nothing.
2. The funds printed as two tables, "收入 | 金额 | 占比" then "支出 | 金额 | 占比": each table is its side. Before,
   neither table had a side (every cell listed), and a second funds table replaced the first whole.
3. A side met a second time (the same 收入 table printed again, or another year's): the first kept, the second's
   cells listed as not placed.
4. A table whose head names a unit other than the form's ("金额（元）" under "金额单位：万元"): its amounts are in that
   unit, and are never read as the form's (12005000.00 元 would have been published as 12005000.00 万元); each is
   listed (funds) or said in a note (tasks). A head naming the form's own unit reads as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.imports import not_placed
from tests.forms.layout import FormTable
from tests.test_import_funds_sides import EXPECTED_GOALS, GOAL, form, imported
from tests.test_import_tasks import TASKS, as_written, assert_clean, task_table
from tests.test_import_tasks import imported as imported_tasks

FORMATS = ["xlsx", "docx", "html", "txt"]
MOVED = "原表这一部分之后另有“{}”行（录作合计）；编者将此行按原位置录作一行。"
AGAIN = "原表前面已有资金表的这一部分，这一处未录入"


def one_side_table(side: str, rows: list[tuple[str, ...]]) -> FormTable:
    table = FormTable()
    table.add(side, "金额", "占比")
    for row in rows:
        table.add(*row)
    return table


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_subtotal_then_a_total_keeps_both(tmp_path: Path, suffix: str) -> None:
    blocks = form(("项目", "金额", "占比"), [
        ("收入", "", ""), ("财政拨款", "1200.50", ""), ("其他资金", "100.00", ""), ("小计", "1300.50", ""),
        ("上年结转", "50", ""), ("合计", "1350.50", ""),
        ("支出", "", ""), ("基本支出", "1350.50", ""), ("合计", "1350.50", "")])
    result = imported(blocks, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "1200.50"}, {"name": "其他资金", "amount": "100.00"},
                             {"name": "小计", "amount": "1300.50", "notes": [{"text": MOVED.format("合计")}]},
                             {"name": "上年结转", "amount": "50"}],
                   "total": {"name": "合计", "amount": "1350.50"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "1350.50"}],
                        "total": {"name": "合计", "amount": "1350.50"}}}
    assert_clean(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_side_total_then_its_grand_total_side_by_side(tmp_path: Path, suffix: str) -> None:
    blocks = form(("收入", "金额", "支出", "金额"), [
        ("财政拨款", "1200.50", "基本支出", "800.00"),
        ("收入合计", "1200.50", "项目支出", "450.50"),
        ("上年结转", "50.00", "", ""),
        ("收入总计", "1250.50", "支出总计", "1250.50")])
    result = imported(blocks, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "1200.50"},
                             {"name": "收入合计", "amount": "1200.50", "notes": [{"text": MOVED.format("收入总计")}]},
                             {"name": "上年结转", "amount": "50.00"}],
                   "total": {"name": "收入总计", "amount": "1250.50"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00"}, {"name": "项目支出", "amount": "450.50"}],
                        "total": {"name": "支出总计", "amount": "1250.50"}}}
    assert_clean(result)


def two_tables(second_side: str = "支出") -> list:
    blocks = form(("收入", "金额", "占比"), [("财政拨款", "1200.50", "92%"), ("其他资金", "100.00", "8%"),
                                         ("合计", "1300.50", "100%")])
    blocks.insert(4, one_side_table(second_side, [("基本支出", "800.00", "61.5%"), ("项目支出", "500.50", "38.5%"),
                                                  ("合计", "1300.50", "100%")]))
    return blocks


@pytest.mark.parametrize("suffix", FORMATS)
def test_income_and_expenditure_as_two_tables(tmp_path: Path, suffix: str) -> None:
    result = imported(two_tables(), tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "1200.50", "share": "92%"},
                             {"name": "其他资金", "amount": "100.00", "share": "8%"}],
                   "total": {"name": "合计", "amount": "1300.50", "share": "100%"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00", "share": "61.5%"},
                                  {"name": "项目支出", "amount": "500.50", "share": "38.5%"}],
                        "total": {"name": "合计", "amount": "1300.50", "share": "100%"}}}
    assert result.filing["overall_goal"] == GOAL and result.filing["goals"] == EXPECTED_GOALS
    assert_clean(result)


# Not copied text: there a header row met again inside a table is the table going on (a page's repeated header).
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html"])
def test_a_side_printed_twice_keeps_the_first(tmp_path: Path, suffix: str) -> None:
    result = imported(two_tables(second_side="收入"), tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "1200.50", "share": "92%"},
                             {"name": "其他资金", "amount": "100.00", "share": "8%"}],
                   "total": {"name": "合计", "amount": "1300.50", "share": "100%"}}}
    assert not_placed(result) == [(text, AGAIN) for text in (
        "收入", "金额", "占比", "基本支出", "800.00", "61.5%", "项目支出", "500.50", "38.5%", "合计", "1300.50", "100%")]


def funds_with_head(amount_head: str) -> list:
    return form(("项目", amount_head, "占比"), [("收入", "", ""), ("财政拨款", "12005000.00", "100%"),
                                             ("合计", "12005000.00", "100%")])


@pytest.mark.parametrize("suffix", FORMATS)
def test_funds_in_another_unit_than_the_forms_are_not_read(tmp_path: Path, suffix: str) -> None:
    result = imported(funds_with_head("金额（元）"), tmp_path, suffix)
    assert result.filing["money_unit"] == "万元"
    assert as_written(result.filing["funds"]) == {"income": {"lines": [{"name": "财政拨款", "share": "100%"}],
                                                             "total": {"name": "合计", "share": "100%"}}}
    why = "金额“12005000.00”在表头写明以元计的表中，本文件金额单位为万元；导入不换算金额，未录入"
    assert not_placed(result) == [("12005000.00", why), ("12005000.00", why)]


@pytest.mark.parametrize("suffix", FORMATS)
def test_funds_head_naming_the_forms_unit_reads(tmp_path: Path, suffix: str) -> None:
    result = imported(funds_with_head("金额（万元）"), tmp_path, suffix)
    assert result.filing["money_unit"] == "万元"
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "12005000.00", "share": "100%"}],
                   "total": {"name": "合计", "amount": "12005000.00", "share": "100%"}}}
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_tasks_in_another_unit_than_the_forms_are_noted_not_read(tmp_path: Path, suffix: str) -> None:
    table = task_table(header="single", tasks=TASKS[:1])
    table.rows[0] = [text.replace("预算金额", "预算金额（元）") for text in table.rows[0]]
    result = imported_tasks(table, tmp_path, suffix)
    assert result.filing["money_unit"] == "万元"
    line = result.filing["tasks"]["lines"][0]
    assert "budget" not in line
    filed = TASKS[0][2][0]
    assert line["notes"] == [{"field": "budget.total", "text": f"原表“预算金额（元）”一栏填为“{filed}”：金额“{filed}”在表头写明"
                                                              "以元计的表中，本文件金额单位为万元；导入不换算金额，未录入。"}]
