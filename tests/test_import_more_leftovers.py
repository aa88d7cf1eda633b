"""`gongkai import` of more forms earlier probes left over.

1. Indicator halves side by side whose heads name the goals ("中期目标 | 年度目标", "实施期目标 | 年度目标",
   "中期绩效目标 | 年度绩效目标") rather than the indicators ("中期指标 | 年度指标"): the same halves, each read into
   the goal its head names.
2. An amount written with its unit in the cell of its label ("中期资金总额：300万元", "其中：财政拨款：90万元"): read
   when the unit is the form's money unit (the unit is no part of the figure; a note quotes "300万元"), listed with
   why when it is another unit (never converted).
3. A "注：……" / "说明：……" / "备注：……" line right under a table: the form's own note about that table. The content
   format has no field for it (`notes` are the site's editorial notes, never the department's words; `sections` are
   the department's chapters, and a note moved there would be cut off from its table): it is listed with that reason
   instead of as an unknown paragraph. Such a line elsewhere (above the tables, on a worksheet of its own) stays an
   unknown paragraph.
4. A later 填报单位/单位名称 line naming another department than the line the name was read from: the filing has one
   name, so the first stands and the later line is listed with the reason (as a second 填报人 is). A 主管部门 line
   above a 单位名称 line, and the same department written another way, stay as they were read.
5. A withheld notice whose list has no 第: "6、8、10号项目…" and "经研究，6、8号项目…" withhold every number listed. Only a
   bare number at the head of the line before one more ("6、8号项目暂不公开") may instead number the paragraph: after
   a published project of that number ("2、3号项目…" after project 2) it does, certainly; else the list is read as
   a reader reads it (projects 6 and 8) and a note says the 6 may be the paragraph's number. No number is dropped
   without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.imports import import_new, not_placed
from tests.test_import_central_forms import (BUDGET, FORMATS, LEADER_NOT_PLACED, application, assert_application,
                                             expected_project, run)
from tests.test_import_project_forms import SUMMARIES, project_form
from tests.test_import_tasks import as_written, write
from tests.test_import_workbooks import Sheet, project_sheet, run as run_workbook


# --- 1. halves headed by the goals' names ----------------------------------------------------------------------------

def headed_by_goals(word: str, medium: str, annual: str) -> list:
    """The central 申报表 whose halves are headed `medium` | `annual` over 三级指标 | 指标值 twice."""
    blocks = application(word)
    table = blocks[3]
    assert isinstance(table, FormTable)
    table.rows[0][3], table.rows[0][5] = medium, annual
    return blocks


@pytest.mark.parametrize("word, medium, annual", [
    ("中期", "中期目标", "年度目标"),
    ("实施期", "实施期目标", "年度目标"),
    ("中期", "中期绩效目标", "年度绩效目标"),
])
@pytest.mark.parametrize("suffix", FORMATS)
def test_halves_headed_by_the_goals(tmp_path: Path, suffix: str, word: str, medium: str, annual: str) -> None:
    """Before, a head that named a goal was no head of a half: the table was read without heads, by the goals above."""
    result = run(headed_by_goals(word, medium, annual), tmp_path, suffix)
    assert_application(result, expected_project(word))


# --- 2. an amount with its unit in the cell of its label -------------------------------------------------------------

def amounts_with_units(cells: list[tuple[str, str]]) -> list:
    """The central 申报表 with its amounts in the cells of their labels ("中期资金总额：300.00"), the row pairs
    replaced by `cells` (left, right) row by row."""
    blocks = application(amounts="cells")
    table = blocks[2]
    assert isinstance(table, FormTable)
    for row, (left, right) in zip(table.rows[4:7], cells):
        row[1], row[4] = left, right
    return blocks


def unit_note(written: str, value: str) -> str:
    return f"原表写作“{written}”；编者去掉与本表金额单位相同的“万元”，录入为 {value}。"


@pytest.mark.parametrize("suffix", FORMATS)
def test_amounts_with_the_forms_unit_in_the_cells_of_their_labels(tmp_path: Path, suffix: str) -> None:
    """Before, each of these cells was listed 未放入 (a cell with a unit was no label with its amount)."""
    cells = [("中期资金总额：300万元", "年度资金总额：100.00万元"), ("其中：财政拨款：280.00", "其中：财政拨款：90万元"),
             ("其他资金：20.00", "其他资金：10.00")]
    result = run(amounts_with_units(cells), tmp_path, suffix)
    project = result.filing["projects"][0]
    assert as_written(project["budget"]) == {"medium_term": {"total": "300", "fiscal": "280.00", "other": "20.00"},
                                             "annual": {"total": "100.00", "fiscal": "90", "other": "10.00"}}
    assert project["notes"] == [{"field": "budget.medium_term.total", "text": unit_note("300万元", "300")},
                                {"field": "budget.annual.total", "text": unit_note("100.00万元", "100.00")},
                                {"field": "budget.annual.fiscal", "text": unit_note("90万元", "90")}]
    assert not_placed(result) == LEADER_NOT_PLACED
    assert result.filing["money_unit"] == "万元"


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "pdf", "html", "txt"])
def test_an_amount_in_another_unit_in_the_cell_of_its_label_is_listed(tmp_path: Path, suffix: str) -> None:
    """"年度资金总额：1000000元" on a form in 万元: never converted; the cell is listed with why, the other amounts read."""
    cells = [("中期资金总额：300.00", "年度资金总额：1000000元"), ("其中：财政拨款：280.00", "其中：财政拨款：90.00"),
             ("其他资金：20.00", "其他资金：10.00")]
    result = run(amounts_with_units(cells), tmp_path, suffix)
    budget = as_written(result.filing["projects"][0]["budget"])
    assert budget == {"medium_term": BUDGET["medium_term"], "annual": {"fiscal": "90.00", "other": "10.00"}}
    assert "notes" not in result.filing["projects"][0]
    assert not_placed(result) == LEADER_NOT_PLACED + [
        ("年度资金总额：1000000元", "金额“1000000元”以元计，本表金额单位为万元；导入不换算金额，未录入")]


# --- 3. the form's note right under a table --------------------------------------------------------------------------

def indicator_form(*after: FormBlock, before: tuple[FormBlock, ...] = ()) -> list[FormBlock]:
    """A department's form: its identity, a goal and its indicator table, then `after`."""
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    t = FormTable()
    t.add("一级指标", "二级指标", "三级指标", "指标值")
    t.add("产出指标", "数量指标", "养护里程", "≥50公里")
    return [FormText("2026年度部门整体绩效目标表"), *before, FormText("金额单位：万元"), identity,
            FormText("年度目标：完成养护"), t, *after]


def table_note(label: str) -> str:
    return (f"原表紧接在表格下的“{label}”，是原表对上面这张表的说明；文件格式中没有对应的字段（编者注只写编者的话），"
            "未录入，请核对其中有无须手工录入的内容")


NOTES_UNDER = ["注：指标值为2026年度目标值。", "说明：1.“指标值”按全年计。", "备注：本表由财务科填报。"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_note_right_under_a_table_is_the_forms_note_on_it(tmp_path: Path, suffix: str) -> None:
    """Before, each line was listed as 未识别的段落, as if the importer had not seen what it is."""
    result = run(indicator_form(*map(FormText, NOTES_UNDER)), tmp_path, suffix, kind="公开")
    assert result.filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里"}]
    assert not_placed(result) == [(text, table_note(text.partition("：")[0])) for text in NOTES_UNDER]
    assert "notes" not in result.filing


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_a_note_elsewhere_stays_an_unknown_paragraph(tmp_path: Path, suffix: str) -> None:
    """Above the tables, "注：" says nothing about which table: still 未识别的段落."""
    result = run(indicator_form(before=(FormText("注：本表为公开版。"),)), tmp_path, suffix, kind="公开")
    assert not_placed(result) == [("注：本表为公开版。", "未识别的段落")]



def test_a_note_on_a_sheet_of_its_own_is_under_no_table(tmp_path: Path) -> None:
    """In a workbook, the note right under a sheet's table is that table's; a sheet holding only a note is not under
    the last table of the sheet before it."""
    sheet = project_sheet(1, "法律援助", 30)
    sheet.rows.append(["注：金额为预算数。"])
    result = run_workbook([sheet, Sheet("说明", [["注：本表由系统导出。"]])], tmp_path)
    assert not_placed(result)[-2:] == [("注：金额为预算数。", table_note("注")), ("注：本表由系统导出。", "未识别的段落")]


# --- 4. a later name line naming another department ------------------------------------------------------------------

FIRST_NAME = "填报单位：某县交通运输局"


def named_twice(later: str) -> list[FormBlock]:
    """A form whose name is a 填报单位 line at its head; `later` after its indicator table."""
    t = FormTable()
    t.add("一级指标", "二级指标", "三级指标", "指标值")
    t.add("产出指标", "数量指标", "养护里程", "≥50公里")
    return [FormText("2026年度部门整体绩效目标表"), FormText(FIRST_NAME), FormText("金额单位：万元"),
            FormText("年度目标：完成养护"), t, FormText(later)]


def second_name() -> str:
    return f"原表前面已有“{FIRST_NAME}”，文件格式中部门名称只有一处，已按前一处录入，这一项未录入，请核对"


@pytest.mark.parametrize("later", ["单位名称：某县公路养护中心", "填报单位（盖章）：某县财政局"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_later_name_line_naming_another_department_is_listed(tmp_path: Path, suffix: str, later: str) -> None:
    """Before, the later line silently replaced the department's name."""
    result = run(named_twice(later), tmp_path, suffix, kind="公开")
    assert result.filing["department"]["name"] == "某县交通运输局"
    assert not_placed(result) == [(later, second_name())]
    assert "notes" not in result.filing


@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_a_later_name_among_other_fields_is_listed_the_others_read(tmp_path: Path, suffix: str) -> None:
    line = "单位名称：某县公路养护中心　　填报日期：2026年1月10日"
    result = run(named_twice(line), tmp_path, suffix, kind="公开")
    assert result.filing["department"]["name"] == "某县交通运输局"
    assert str(result.filing["filed_on"]) == "2026-01-10"
    assert not_placed(result) == [(line, f"此行有2项，其余各项已录入；“单位名称：某县公路养护中心”：{second_name()}")]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_the_same_department_written_again_is_no_second_name(tmp_path: Path, suffix: str) -> None:
    """"单位名称：县交通运输局" is the same department: nothing listed (the reading of that case is unchanged)."""
    result = run(named_twice("单位名称：县交通运输局"), tmp_path, suffix, kind="公开")
    assert not_placed(result) == []


# --- 5. a withheld notice listing bare numbers -----------------------------------------------------------------------

NO_BASIS = {"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}


def split_note(listed: str, count: int) -> dict[str, str]:
    return {"field": "withheld.numbers",
            "text": f"原文一条不公开说明列出几处序号（{listed}）；一条不予公开记录只记一段连续的序号，"
                    f"编者拆为{count}条记录，各录入原文的说明、理由和依据。"}


def head_note(head: int) -> dict[str, str]:
    return {"field": "withheld.numbers",
            "text": f"原文这条说明开头的“{head}、”也可能是段落的编号；编者按所列序号读作第{head}号项目也不公开。"}


@pytest.mark.parametrize("notice, runs, notes", [
    ("6、8、10号项目因涉密不予公开。", [[6, 6], [8, 8], [10, 10]], [split_note("第6号、第8号、第10号", 3)]),
    ("经研究，6、8号项目因涉密暂不公开。", [[6, 6], [8, 8]], [split_note("第6号、第8号", 2)]),
    ("6、8号项目因涉密暂不公开。", [[6, 6], [8, 8]], [split_note("第6号、第8号", 2), head_note(6)]),
    ("6、8-10号项目因涉密不予公开。", [[6, 6], [8, 10]], [split_note("第6号、第8-10号", 2), head_note(6)]),
    ("2、3号项目因涉密不予公开。", [[3, 3]], []),  # project 2 is published above: the 2 numbers the paragraph
])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_notice_listing_bare_numbers(tmp_path: Path, suffix: str, notice: str, runs: list[list[int]],
                                       notes: list[dict[str, str]]) -> None:
    """Before, a bare number before 、 was never read: "6、8、10号项目" withheld 8 and 10 only, "6、8号项目" only 8."""
    result = import_new(write(project_form(withheld=notice), tmp_path / f"项目表.{suffix}"), tmp_path, "jtj")
    assert [p.get("number") for p in result.filing["projects"][:2]] == [1, 2]
    assert result.filing["projects"][2:] == [
        {"withheld": {"numbers": numbers, "notice": notice, "reason": "涉密"}, "notes": [NO_BASIS, *notes]}
        for numbers in runs]
    assert not_placed(result) == SUMMARIES
