"""`gongkai import` of cell values as departments really type them: every figure exactly as filed, or reported.

The cases, each drawn once (tests/forms helpers) and put into every format where it can occur:
- amounts in a funds table and a project list: digits typed in full width ("１２０．５０"), spaces around a number
  (full width, no-break), the unit written in the cell ("120.5万元" under 金额单位：万元) — read with a note; a dash,
  slash or 无 (no figure, never 0), a figure in brackets (negative, or a 其中 figure?) and a figure in another unit
  ("1234500元" under 万元, never converted) — listed 未放入 with why; 0 and 0.00 stay zero, an empty cell stays empty;
- shares written "95％", "95 %" or "—" under 占比: the share as filed, never the line's name;
- dates of 填报日期 typed "2026.1.20" or "2026/1/20" (read with a note), "2026年01月" (no day: listed), and in a
  workbook a date cell, a date stored as a plain number (the day's serial, listed with the day it may be);
- codes in a workbook: a 20-digit 项目编码 or 单位代码 typed as a number has lost every digit past the 15th (listed,
  with how to re-import), one that lost its leading zeros is noted beside the form's other codes, a "000000" format
  shows them as the form does, and a code typed as text keeps every digit;
- numbers shown with thousands separators ("#,##0.00") read as their digits, in the funds table and the project list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write
from tests.test_import_workbooks import Num, Sheet, run as run_workbook

FORMATS = ["xlsx", "xls", "docx", "html", "txt"]


def no_figure(text: str) -> str:
    return f"金额写作“{text}”，不是数字（没有这项金额还是为零，原表没有写明）；导入不代填 0，未录入"


def funds_form(lines: list[tuple[str, str]]) -> list[FormBlock]:
    """A 部门整体 form whose funds table has one 收入 line per (amount, share), each named 收入N."""
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    funds = FormTable()
    funds.add("收支构成", "项目", "当年金额", "占比")
    for number, (amount, share) in enumerate(lines):
        funds.add("收入构成" if number == 0 else "", f"收入{number}", amount, share)
    funds.merge_down(0, 1, len(funds.rows) - 1)
    goal = FormTable()
    goal.add("一级指标", "二级指标", "三级指标", "指标值")
    goal.add("产出指标", "数量指标", "养护里程", "≥50公里")
    return [FormText("2026年度部门整体绩效目标表"), FormText("金额单位：万元"), identity, funds,
            FormText("年度目标：完成养护"), goal]


def funds_lines(result) -> list[dict]:
    return as_written(result.filing["funds"]["income"]["lines"])


def copied(result, suffix: str, lines: list[dict]) -> list[dict]:
    """Copied text drops the merged 收入构成 slot of every line after the first: those with a figure carry the note of
    that reading (`lines` written as the filing, in every other format, has them)."""
    if suffix != "txt":
        return lines
    shifted = {"text": "原表此行数字向左错位1列；编者按顺序读作当年金额、占比和往年金额。"}
    return [line | {"notes": [shifted, *line.get("notes", [])]} if n and set(line) - {"name", "notes"} else line
            for n, line in enumerate(lines)]


# --- 1. amounts --------------------------------------------------------------------------------------------------

TYPED = [("１２０．５０", "50%"), ("\u3000120.50\u3000", "50%"), ("120.50\xa0", ""), ("0", "0"), ("0.00", ""),
         ("", ""), ("-120.00", ""), ("120.5万元", ""), ("1,234.50", "")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_amounts_however_typed_read_as_filed(tmp_path: Path, suffix: str) -> None:
    """Full-width digits, spaces around a number and the form's unit in the cell read as the figure, with a note
    where the editor must see the reading; 0 and 0.00 stay zero, an empty cell stays without an amount."""
    result = import_new(write(funds_form(TYPED), tmp_path / f"整体.{suffix}"), tmp_path, "jt")
    assert funds_lines(result) == copied(result, suffix, [
        {"name": "收入0", "amount": "120.50", "share": "50%",
         "notes": [{"field": "amount", "text": "原表写作“１２０．５０”；编者全角数字照数值读，录入为 120.50。"}]},
        {"name": "收入1", "amount": "120.50", "share": "50%"},
        {"name": "收入2", "amount": "120.50"},
        {"name": "收入3", "amount": "0", "share": "0"},
        {"name": "收入4", "amount": "0.00"},
        {"name": "收入5"},
        {"name": "收入6", "amount": "-120.00"},
        {"name": "收入7", "amount": "120.5",
         "notes": [{"field": "amount", "text": "原表写作“120.5万元”；编者去掉与本表金额单位相同的“万元”，录入为 120.5。"}]},
        {"name": "收入8", "amount": "1234.50",
         "notes": [{"field": "amount", "text": "原表写作“1,234.50”；编者去掉千分位逗号，录入为 1234.50。"}]},
    ])
    assert not_placed(result) == []


UNREAD = [("—", "50%"), ("-", "50%"), ("/", "50%"), ("无", "50%"), ("(120.00)", "50%"), ("1234500元", "50%"),
          ("1,234,500元", "50%")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_no_figure_a_bracketed_figure_and_another_unit_are_listed_never_guessed(tmp_path: Path, suffix: str) -> None:
    """A dash is not turned into 0, a bracketed figure not into a negative one, 元 not converted to 万元: each line keeps
    its name and share, and the amount cell is listed with why."""
    result = import_new(write(funds_form(UNREAD), tmp_path / f"整体.{suffix}"), tmp_path, "jt")
    assert funds_lines(result) == copied(result, suffix, [{"name": f"收入{n}", "share": "50%"} for n in range(7)])
    assert not_placed(result) == [
        *((text, no_figure(text)) for text in ("—", "-", "/", "无")),
        ("(120.00)", "金额“(120.00)”写在括号中（可能表示负数，也可能是其中数）；导入不猜测，未录入"),
        ("1234500元", "金额“1234500元”以元计，本表金额单位为万元；导入不换算金额，未录入"),
        ("1,234,500元", "金额“1,234,500元”以元计，本表金额单位为万元；导入不换算金额，未录入"),
    ]


# --- 2. shares ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_a_share_however_written_is_the_share_never_the_name(tmp_path: Path, suffix: str) -> None:
    """"95％", "95 %" and "—" under 占比 were read as the line's name (the real name listed as left of it)."""
    lines = [("100.00", "95％"), ("5.00", "5 %"), ("0", "—")]
    result = import_new(write(funds_form(lines), tmp_path / f"整体.{suffix}"), tmp_path, "jt")
    assert funds_lines(result) == copied(result, suffix, [
        {"name": "收入0", "amount": "100.00", "share": "95％"},
        {"name": "收入1", "amount": "5.00", "share": "5 %"},
        {"name": "收入2", "amount": "0", "share": "—"}])
    assert not_placed(result) == []


# --- project lists: amounts and codes ------------------------------------------------------------------------------

def list_form(rows: list[tuple[str, str, str, str]]) -> list[FormBlock]:
    """A project list: 序号 | 项目编码 | 项目名称 | 项目金额."""
    table = FormTable()
    table.add("序号", "项目编码", "项目名称", "项目金额")
    for row in rows:
        table.add(*row)
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    return [FormText("2026年部门预算项目支出表"), FormText("金额单位：万元"), identity, table]


@pytest.mark.parametrize("suffix", FORMATS)
def test_project_amounts_however_typed(tmp_path: Path, suffix: str) -> None:
    rows = [("1", "420701220000000000011", "农村公路养护", "１２０．５０"),
            ("2", "012346", "桥梁检测", "85万元"),
            ("3", "420701220000000000033", "渡口管理", "—"),
            ("4", "420701220000000000044", "治超站运行", "850000元")]
    result = import_new(write(list_form(rows), tmp_path / f"项目.{suffix}"), tmp_path, "jt")
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "code": "420701220000000000011", "name": "农村公路养护", "budget": {"total": "120.50"},
         "notes": [{"field": "budget.total", "text": "原表写作“１２０．５０”；编者全角数字照数值读，录入为 120.50。"}]},
        {"number": 2, "code": "012346", "name": "桥梁检测", "budget": {"total": "85"},
         "notes": [{"field": "budget.total", "text": "原表写作“85万元”；编者去掉与本表金额单位相同的“万元”，录入为 85。"}]},
        {"number": 3, "code": "420701220000000000033", "name": "渡口管理"},
        {"number": 4, "code": "420701220000000000044", "name": "治超站运行"}]
    assert not_placed(result) == [("—", no_figure("—")),
                                  ("850000元", "金额“850000元”以元计，本表金额单位为万元；导入不换算金额，未录入")]


# --- Excel cells: codes, dates and number formats --------------------------------------------------------------

def workbook(code: object, date: object, first_code: object, first_amount: object) -> list[Sheet]:
    return [Sheet("项目", [
        ["2026年部门预算项目支出表", "", "", ""],
        ["金额单位：万元", "", "", ""],
        ["部门（单位）名称", "某县交通运输局", "", ""],
        ["单位代码", code, "", ""],
        ["填报日期", date, "", ""],
        ["", "", "", ""],
        ["序号", "项目编码", "项目名称", "项目金额"],
        [Num(1, "0"), first_code, "农村公路养护", first_amount],
        [Num(2, "0"), "012346", "桥梁检测", Num(1234500, "#,##0.00")],
    ])]


def lost_digits(label: str, shown: str) -> tuple[str, str]:
    return shown, (f"原表“{label}”一格存的是数字“{shown}”，不是文字：Excel 只保留数字的前 15 位，其后各位已经丢失，"
                   "这个编码不可靠，未录入。请在原表中把这一格设为文本、照原编码逐位填写后重新导入")


SECOND = {"number": 2, "code": "012346", "name": "桥梁检测", "budget": {"total": "1234500.00"}}


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
@pytest.mark.parametrize("number_format", ["0", "General"])
def test_a_long_code_typed_as_a_number_is_refused(tmp_path: Path, suffix: str, number_format: str) -> None:
    """Excel kept 15 of the 21 digits (4.20701E+20): the code the form shows is not the project's, and is not
    published; the project keeps its other fields, the department its name."""
    long = Num(420701220000000000011, number_format)
    result = run_workbook(workbook(long, Num(dt.datetime(2026, 1, 20), "yyyy-mm-dd"), long, Num(120.5)),
                          tmp_path, suffix)
    assert result.filing["department"] == {"id": "nync", "name": "某县交通运输局", "region": "ezhou"}
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "name": "农村公路养护", "budget": {"total": "120.50"}}, SECOND]
    assert not_placed(result) == [lost_digits("单位代码", "420701220000000000000"),
                                  lost_digits("项目编码", "420701220000000000000")]
    assert str(result.filing["filed_on"]) == "2026-01-20"


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_codes_as_numbers_show_what_the_form_shows_and_lost_zeros_are_noted(tmp_path: Path, suffix: str) -> None:
    """Under "000000" the code shows its leading zero as the form does; a project code stored as 12345 beside the
    form's "012346" is kept as shown, with a note; a code typed as text keeps all of its digits."""
    result = run_workbook(workbook(Num(12345, "000000"), "2026年1月20日", Num(12345, "General"), Num(120.5)),
                          tmp_path, suffix)
    assert result.filing["department"]["unit_code"] == "012345"
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "code": "12345", "name": "农村公路养护", "budget": {"total": "120.50"},
         "notes": [{"field": "code", "text": "原表此项目编码为“12345”，本表其他项目编码（如“012346”）开头有“0”；"
                                             "编者照原表录入。"}]}, SECOND]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_a_text_code_keeps_every_digit(tmp_path: Path, suffix: str) -> None:
    result = run_workbook(workbook("012345", "2026年1月20日", "420701220000000000011", Num(120.5)), tmp_path, suffix)
    assert result.filing["department"]["unit_code"] == "012345"
    assert result.filing["projects"][0]["code"] == "420701220000000000011"
    assert "notes" not in result.filing["projects"][0]


@pytest.mark.parametrize("date", [Num(dt.datetime(2026, 1, 20), "yyyy-mm-dd"),
                                  Num(dt.datetime(2026, 1, 20), 'yyyy"年"m"月"d"日"'),
                                  Num(dt.datetime(2026, 1, 20), "yyyy-mm-dd hh:mm:ss"), "2026-1-20"])
def test_a_date_cell_reads_as_its_day(tmp_path: Path, date: object) -> None:
    result = run_workbook(workbook("012345", date, "420701220000000000011", Num(120.5)), tmp_path)
    assert str(result.filing["filed_on"]) == "2026-01-20"
    assert "notes" not in result.filing and not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_a_date_stored_as_a_plain_number_is_listed_with_the_day_it_may_be(tmp_path: Path, suffix: str) -> None:
    result = run_workbook(workbook("012345", Num(46042, "0"), "420701220000000000011", Num(120.5)), tmp_path, suffix)
    assert "filed_on" not in result.filing
    assert not_placed(result) == [("46042", "原表“填报日期”一格是数字“46042”，不是日期（若是 Excel 的日期序号，即 "
                                            "2026-01-20）；导入不猜测，未录入，请核对原表")]


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_thousands_separators_and_fixed_decimals_of_the_format_read_as_digits(tmp_path: Path, suffix: str) -> None:
    """"#,##0.00" shows 1,234,500.00 and "0.00" shows 120.50: the digits, no commas, no note (the form shows them);
    a stored digit the format hides is kept, and reported (see the module docstring of generator/importing/spreadsheet.py)."""
    result = run_workbook(workbook("012345", "2026年1月20日", "420701220000000000011", Num(120.456, "0.00")),
                          tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "code": "420701220000000000011", "name": "农村公路养护", "budget": {"total": "120.456"}}, SECOND]
    assert list(result.imported.remarks) == ["项目!D8 的数字 120.456 在 Excel 中按格式“0.00”只显示 2 位小数；"
                                             "已照存储的数字读入，未四舍五入。"]


# --- 3. dates as typed -------------------------------------------------------------------------------------------

def dated_form(date: str) -> list[FormBlock]:
    blocks = list_form([("1", "420701220000000000011", "农村公路养护", "120.50")])
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    identity.add("填报日期", date)
    return blocks[:2] + [identity] + blocks[3:]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("date", ["2026.1.20", "2026/1/20"])
def test_a_date_with_dots_or_slashes_is_read_with_a_note(tmp_path: Path, suffix: str, date: str) -> None:
    result = import_new(write(dated_form(date), tmp_path / f"项目.{suffix}"), tmp_path, "jt")
    assert str(result.filing["filed_on"]) == "2026-01-20"
    assert result.filing["notes"] == [{"field": "filed_on", "text": f"原表“填报日期”写作“{date}”；编者读作 2026-01-20。"}]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("date, listed", [
    ("2026年01月", [("2026年01月", "原表“填报日期”写作“2026年01月”，不是完整的年月日；导入不代填，未录入，请核对原表")]),
    # as every impossible date is listed (tests/test_import_titles_and_dates.py), its label with it
    ("2026.2.30", [("填报日期", "未识别的单元格"),
                   ("2026.2.30", "日期“2026.2.30”不是日历上实有的日期，导入不猜测原意，未录入，请核对原表")]),
])
def test_a_date_without_its_day_or_no_day_of_the_calendar_is_listed(tmp_path: Path, suffix: str, date: str,
                                                                     listed: list[tuple[str, str]]) -> None:
    result = import_new(write(dated_form(date), tmp_path / f"项目.{suffix}"), tmp_path, "jt")
    assert "filed_on" not in result.filing
    assert not_placed(result) == listed
