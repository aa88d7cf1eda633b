"""`gongkai import` of text copied from wide Excel sheets and Word tables (.txt), and of the shapes around them.

1. A wide project table copied as text whose long cell (a 预算单位) broke onto a second line left of the row's middle:
   the two lines were read as two rows, "85.50" filed as a 预算单位 and "养护中心" as a project. They are one row when no
   row of the table can be short for a dropped merged slot: the table keeps merged slots as empty cells, the broken
   row is the first under the header, or it starts with its 序号 under a 序号 column.
2. The same with the break in the row's middle (both lines as many cells): the second line was read as a row of its
   own ("率" as a 三级指标).
3. A list of two columns, "项目名称 | 金额": its head was read as a form's label and value, a project named "金额", and
   every project below listed 未识别.
4. Amounts grouped by thousands with spaces ("1 234 567.50", with no-break or thin spaces too): listed as not a number;
   now read without the spaces, with a note, as thousands commas are. Other spacing stays listed.
5. A blank row between two projects of a list with indicator columns (Word, a web page, copied text): it ended the
   table, and the projects below it were listed cell by cell.
6. An indicator table without levels ("指标 | 指标值 | 备注", "指标名称 | 目标值"): every cell was listed 未识别; and "指标"
   merged over 一级指标 | 二级指标 | 三级指标 was no header. Both are read.
Guards: rows short for slots a web page dropped are never joined; two stacked tables each keep their own head; a
Word table copied one cell per line with its 合计 row and a withheld note under it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

LIST_TOTAL = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"


def imported(lines: list[str], tmp_path: Path) -> ImportResult:
    """The copied text written as the department's .txt and imported with year and kind from the form."""
    source = tmp_path / "原表.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_new(source, tmp_path, "dept", kind="申报", year=None)


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"原表.{suffix}"), tmp_path, "dept", kind="申报", year=None)


ROAD_GOAL = "完成农村公路养护300公里"
BRIDGE_GOAL = "完成桥梁检测40座"


def road(unit: str, **more: object) -> dict:
    return {"name": "农村公路养护工程", "budget_unit": unit, "budget": {"total": "85.50"},
            "goals": [{"id": "annual", "kind": "年度", "text": ROAD_GOAL, **more}]}


# --- 1 and 2. a cell broken over two lines, left of the row's middle or in it ---------------------------------------

WIDE_HEAD = "序号\t项目名称\t预算单位\t项目金额\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值"
ROAD_INDICATORS = [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里"},
                   {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行满意度", "value": "≥90%"}]


def test_a_wide_copy_broken_left_of_the_middle(tmp_path: Path) -> None:
    """Before: "85.50" filed as project p1's 预算单位 and its name, "数量指标" as its goal text, project 1 listed."""
    result = imported(["2026年部门预算项目支出绩效目标表", "单位：万元", WIDE_HEAD,
                       "1\t农村公路养护工程\t某县交通运输局公路",
                       f"养护中心\t85.50\t{ROAD_GOAL}\t产出指标\t数量指标\t养护里程\t≥300公里",
                       "\t\t\t\t\t效益指标\t社会效益指标\t群众出行满意度\t≥90%",
                       f"2\t桥梁检测\t某县交通运输局\t20.00\t{BRIDGE_GOAL}\t产出指标\t数量指标\t检测桥梁数\t40座"], tmp_path)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, **road("某县交通运输局公路\n养护中心", indicators=ROAD_INDICATORS)},
        {"number": 2, "name": "桥梁检测", "budget_unit": "某县交通运输局", "budget": {"total": "20.00"},
         "goals": [{"id": "annual", "kind": "年度", "text": BRIDGE_GOAL, "indicators": [
             {"level1": "产出指标", "level2": "数量指标", "name": "检测桥梁数", "value": "40座"}]}]}]
    assert not_placed(result) == []
    assert any(remark.startswith("第4–5行各是表格的一行断成了两行") for remark in result.imported.remarks)


def test_a_list_broken_left_of_the_middle_under_its_header(tmp_path: Path) -> None:
    """No 序号 and no merged slot: the row right under the header cannot be short for a merge. Before: p1 with only
    its unit, p2 "养护中心" with "85.50" as its 预算单位, the goal listed as "金额不是数字"."""
    result = imported(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：万元", "",
                       "项目名称\t预算单位\t项目金额\t年度绩效目标\t备注",
                       "农村公路养护工程\t某县交通运输局公路",
                       f"养护中心\t85.50\t{ROAD_GOAL}\t",
                       f"桥梁检测\t某县交通运输局\t20.00\t{BRIDGE_GOAL}\t"], tmp_path)
    assert as_written(result.filing["projects"]) == [
        {"id": "p1", **road("某县交通运输局公路\n养护中心")},
        {"id": "p2", "name": "桥梁检测", "budget_unit": "某县交通运输局", "budget": {"total": "20.00"},
         "goals": [{"id": "annual", "kind": "年度", "text": BRIDGE_GOAL}]}]
    assert not_placed(result) == []


def test_a_list_broken_left_of_the_middle_further_down(tmp_path: Path) -> None:
    """A project list without indicator columns, broken in its second row: a cell merged in such a list leaves the rows
    under it one cell short, never two lines that add up. Before: "养护中心" a project with "85.50" as its 预算单位."""
    result = imported(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：万元", "",
                       "项目名称\t预算单位\t项目金额\t年度绩效目标",
                       f"桥梁检测\t某县交通运输局\t20.00\t{BRIDGE_GOAL}",
                       "农村公路养护工程\t某县交通运输局公路",
                       f"养护中心\t85.50\t{ROAD_GOAL}"], tmp_path)
    assert as_written(result.filing["projects"]) == [
        {"id": "p1", "name": "桥梁检测", "budget_unit": "某县交通运输局", "budget": {"total": "20.00"},
         "goals": [{"id": "annual", "kind": "年度", "text": BRIDGE_GOAL}]},
        {"id": "p2", **road("某县交通运输局公路\n养护中心")}]
    assert not_placed(result) == []


FORM_HEAD = ["2026年项目支出绩效目标表", "单位：万元", "部门名称\t某县交通运输局", "项目名称\t农村公路养护工程",
             "项目金额\t85.50", f"年度目标\t{ROAD_GOAL}", "", "一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据"]


def indicators_read(result: ImportResult) -> list[dict]:
    return as_written(result.filing["projects"][0]["goals"][0]["indicators"])


def test_a_break_in_the_middle_of_a_row(tmp_path: Path) -> None:
    """An Excel copy (merged slots kept empty) whose 三级指标 broke in the middle of its row of five: 3 cells, then 3.
    Before, "率" was read as a row of its own."""
    result = imported(FORM_HEAD + ["产出指标\t数量指标\t养护里程\t≥300公里\t年度计划",
                                   "\t\t桥梁检测座数\t40座\t年度计划",
                                   "\t质量指标\t养护工程验收合格",
                                   "率\t100%\t行业标准",
                                   "效益指标\t社会效益指标\t群众出行满意度\t≥90%\t历年标准"], tmp_path)
    assert indicators_read(result) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里", "basis": "年度计划"},
        {"level1": "产出指标", "level2": "数量指标", "name": "桥梁检测座数", "value": "40座", "basis": "年度计划"},
        {"level1": "产出指标", "level2": "质量指标", "name": "养护工程验收合格\n率", "value": "100%", "basis": "行业标准"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行满意度", "value": "≥90%", "basis": "历年标准"}]
    assert not_placed(result) == []


def test_rows_short_for_dropped_slots_are_not_joined(tmp_path: Path) -> None:
    """Guard: a web page's copy drops the slots of merged cells (产出指标 over three rows, 数量指标 over two): rows of
    5, 3, 3 and of 4, 2, 3 add up like a broken row and are not one. The short rows are in their columns in the form:
    no note (tests/test_import_note_truth.py)."""
    (tmp_path / "5").mkdir()
    (tmp_path / "4").mkdir()
    fives = imported(FORM_HEAD + ["产出指标\t数量指标\t养护里程\t≥300公里\t年度计划",
                                  "桥梁检测座数\t40座\t年度计划",
                                  "路面修补面积\t5000平方米\t年度计划",
                                  "效益指标\t社会效益指标\t群众出行满意度\t≥90%\t历年标准"], tmp_path / "5")
    assert indicators_read(fives) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里", "basis": "年度计划"},
        {"level1": "产出指标", "level2": "数量指标", "name": "桥梁检测座数", "value": "40座", "basis": "年度计划"},
        {"level1": "产出指标", "level2": "数量指标", "name": "路面修补面积", "value": "5000平方米", "basis": "年度计划"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行满意度", "value": "≥90%", "basis": "历年标准"}]
    head = FORM_HEAD[:-1] + ["一级指标\t二级指标\t三级指标\t指标值"]
    fours = imported(head + ["产出指标\t数量指标\t养护里程\t≥300公里", "桥梁检测座数\t40座",
                             "质量指标\t养护工程验收合格率\t100%", "效益指标\t社会效益指标\t群众出行满意度\t≥90%"],
                     tmp_path / "4")
    assert indicators_read(fours) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里"},
        {"level1": "产出指标", "level2": "数量指标", "name": "桥梁检测座数", "value": "40座"},
        {"level1": "产出指标", "level2": "质量指标", "name": "养护工程验收合格率", "value": "100%"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行满意度", "value": "≥90%"}]
    assert not_placed(fives) == [] and not_placed(fours) == []


def test_a_break_right_of_the_middle_stays_joined(tmp_path: Path) -> None:
    """Guard: the break the reader joined before (a long 年度绩效目标, right of the middle) in a web copy."""
    result = imported(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：万元", "",
                       "项目名称\t预算单位\t项目金额\t年度绩效目标\t备注",
                       "农村公路养护工程\t某县交通运输局\t85.50\t完成农村公路养护",
                       "300公里\t",
                       f"桥梁检测\t某县交通运输局\t20.00\t{BRIDGE_GOAL}\t"], tmp_path)
    assert as_written(result.filing["projects"])[0] == {
        "id": "p1", "name": "农村公路养护工程", "budget_unit": "某县交通运输局", "budget": {"total": "85.50"},
        "goals": [{"id": "annual", "kind": "年度", "text": "完成农村公路养护\n300公里"}]}
    assert not_placed(result) == []


# --- 3. a list of two columns -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("amount_head", ["金额", "项目金额（万元）"])
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_a_two_column_project_list(tmp_path: Path, suffix: str, amount_head: str) -> None:
    """Before: one project named by the amount's head, its rows and the 合计 listed 未识别."""
    identity = FormTable()
    identity.add("部门名称", "某县交通运输局")
    projects = FormTable()
    for row in (("项目名称", amount_head), ("农村公路养护工程", "85.50"), ("桥梁检测", "20.00"), ("合计", "105.50")):
        projects.add(*row)
    result = run([FormText("2026年部门预算项目支出表"), FormText("单位：万元"), identity, projects], tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [
        {"id": "p1", "name": "农村公路养护工程", "budget": {"total": "85.50"}},
        {"id": "p2", "name": "桥梁检测", "budget": {"total": "20.00"}}]
    assert not_placed(result) == [("合计", LIST_TOTAL), ("105.50", LIST_TOTAL)]


# --- 4. amounts grouped by spaces -------------------------------------------------------------------------------------

@pytest.mark.parametrize("space", [" ", "\u00a0", "\u2009", "\u202f"])
def test_amounts_grouped_by_spaces(tmp_path: Path, space: str) -> None:
    """Before: each listed "金额不是数字"."""
    million, thousands = f"1{space}234{space}567.50", f"234{space}500.00"
    result = imported(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：元", "",
                       "序号\t项目名称\t项目金额\t年度绩效目标",
                       f"1\t农村公路养护工程\t{million}\t{ROAD_GOAL}",
                       f"2\t桥梁检测\t{thousands}\t{BRIDGE_GOAL}"], tmp_path)
    assert as_written([p["budget"] | {"notes": p["notes"]} for p in result.filing["projects"]]) == [
        {"total": "1234567.50",
         "notes": [{"field": "budget.total", "text": f"原表写作“{million}”；编者去掉作千分位分隔的空格，录入为 1234567.50。"}]},
        {"total": "234500.00",
         "notes": [{"field": "budget.total", "text": f"原表写作“{thousands}”；编者去掉作千分位分隔的空格，录入为 234500.00。"}]}]
    assert not_placed(result) == []


def test_spaces_that_group_no_thousands_stay_listed(tmp_path: Path) -> None:
    """Guard: "1 23.50", "12 3456.00" and two separators mixed are no grouping: never read as a number."""
    written = ["1 23.50", "12 3456.00", "1 234\u00a0567.00"]
    result = imported(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：元", "",
                       "序号\t项目名称\t项目金额\t年度绩效目标"]
                      + [f"{n}\t项目{n}\t{text}\t目标{n}" for n, text in enumerate(written, 1)], tmp_path)
    assert all("budget" not in project for project in result.filing["projects"])
    assert not_placed(result) == [(text, "金额不是数字，未录入") for text in written]


# --- 5. a blank row between the projects of a list with indicators ----------------------------------------------------

def list_with_indicators(blank: bool) -> list[FormBlock]:
    table = FormTable()
    rows = [WIDE_HEAD.split("\t"),
            ["1", "农村公路养护工程", "某县交通运输局", "85.50", ROAD_GOAL, "产出指标", "数量指标", "养护里程", "≥300公里"],
            ["", "", "", "", "", "效益指标", "社会效益指标", "群众出行满意度", "≥90%"],
            *([[""] * 9] if blank else []),
            ["2", "桥梁检测", "某县交通运输局", "20.00", BRIDGE_GOAL, "产出指标", "数量指标", "检测桥梁数", "40座"],
            ["合计", "", "", "105.50", "", "", "", "", ""]]
    for row in rows:
        table.add(*row)
    return [FormText("2026年部门预算项目支出绩效目标表"), FormText("部门名称：某县交通运输局"), FormText("单位：万元"), table]


@pytest.mark.parametrize("blank", [True, False])
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_blank_rows_between_the_projects_of_a_list(tmp_path: Path, suffix: str, blank: bool) -> None:
    """Before (docx, html, txt): the blank row ended the table; project 2 and the 合计 were listed 未识别."""
    result = run(list_with_indicators(blank), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, **road("某县交通运输局", indicators=ROAD_INDICATORS)},
        {"number": 2, "name": "桥梁检测", "budget_unit": "某县交通运输局", "budget": {"total": "20.00"},
         "goals": [{"id": "annual", "kind": "年度", "text": BRIDGE_GOAL, "indicators": [
             {"level1": "产出指标", "level2": "数量指标", "name": "检测桥梁数", "value": "40座"}]}]}]
    assert not_placed(result) == [("合计", LIST_TOTAL), ("105.50", LIST_TOTAL)]


# --- guards: stacked tables, a Word table copied one cell per line ----------------------------------------------------

def test_two_stacked_tables_keep_their_own_heads(tmp_path: Path) -> None:
    """A project list, a blank line, then an indicator table with its own head: the list's projects and the table's
    indicators, neither read under the other's head."""
    result = imported(["2026年部门预算项目绩效目标表", "部门名称\t某县交通运输局", "单位：万元", "",
                       "序号\t项目名称\t项目金额\t年度绩效目标",
                       f"1\t农村公路养护工程\t85.50\t{ROAD_GOAL}",
                       f"2\t桥梁检测\t20.00\t{BRIDGE_GOAL}",
                       "",
                       "一级指标\t二级指标\t三级指标\t指标值",
                       "产出指标\t数量指标\t养护里程\t≥300公里",
                       "效益指标\t社会效益指标\t群众出行满意度\t≥90%"], tmp_path)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "name": "农村公路养护工程", "budget": {"total": "85.50"},
         "goals": [{"id": "annual", "kind": "年度", "text": ROAD_GOAL}]},
        {"number": 2, "name": "桥梁检测", "budget": {"total": "20.00"},
         "goals": [{"id": "annual", "kind": "年度", "text": BRIDGE_GOAL}]}]
    assert as_written(result.filing["goals"]) == [{"id": "g1", "kind": "年度", "indicators": ROAD_INDICATORS}]
    assert not_placed(result) == []


def test_a_word_table_copied_one_cell_per_line(tmp_path: Path) -> None:
    """Word's text export: a tab before each cell, a blank line after each row, a cell's second paragraph on a line
    of its own; the 合计 row listed, the withheld note under the table read."""
    cells = [["序号", "项目名称", "项目金额", "年度绩效目标"], ["1", "农村公路养护工程", "85.50", f"{ROAD_GOAL}；"],
             ["2", "桥梁检测", "20.00", BRIDGE_GOAL], ["合计", "", "105.50", ""]]
    lines = ["2026年部门预算项目支出表", "", "部门名称：某县交通运输局", "单位：万元", ""]
    for row in cells:
        second = ["确保路况优良率不低于80%。"] if row[0] == "1" else []  # the goal cell's second paragraph
        lines += [f"\t{cell}" for cell in row] + second + [""]
    result = imported(lines + ["注：第3号项目涉密，不予公开。"], tmp_path)
    projects = as_written(result.filing["projects"])
    assert projects[:2] == [
        {"number": 1, "name": "农村公路养护工程", "budget": {"total": "85.50"},
         "goals": [{"id": "annual", "kind": "年度", "text": f"{ROAD_GOAL}；\n确保路况优良率不低于80%。"}]},
        {"number": 2, "name": "桥梁检测", "budget": {"total": "20.00"},
         "goals": [{"id": "annual", "kind": "年度", "text": BRIDGE_GOAL}]}]
    assert projects[2]["withheld"] == {"numbers": [3, 3], "notice": "注：第3号项目涉密，不予公开。", "reason": "涉密"}
    assert not_placed(result) == [("合计", LIST_TOTAL), ("105.50", LIST_TOTAL)]


@pytest.mark.parametrize("suffix", ["docx", "html", "txt"])
def test_a_blank_row_before_the_total_row(tmp_path: Path, suffix: str) -> None:
    """Before: the blank row ended the table, the 合计 row was listed as 未识别的单元格."""
    blocks = list_with_indicators(True)
    table = blocks[-1]
    assert isinstance(table, FormTable)
    table.rows.insert(len(table.rows) - 1, [""] * 9)
    result = run(blocks, tmp_path, suffix)
    assert [project["name"] for project in result.filing["projects"]] == ["农村公路养护工程", "桥梁检测"]
    assert not_placed(result) == [("合计", LIST_TOTAL), ("105.50", LIST_TOTAL)]


def test_funds_and_task_amounts_grouped_by_spaces(tmp_path: Path) -> None:
    """The funds table and the 年度主要任务 table read their amounts alike (before: listed "资金表中…不是数字")."""
    result = imported(["2026年部门整体支出绩效目标表", "部门名称\t某县交通运输局", "单位：元", "",
                       "类别\t项目\t当年金额\t占比",
                       "收入\t财政拨款\t11 500 000.00\t92.00%",
                       "\t其他资金\t1\u00a0000\u00a0000.00\t8.00%",
                       "\t合计\t12 500 000.00\t100%",
                       "",
                       "任务名称\t主要内容\t预算金额",
                       "农村公路养护\t养护300公里\t1 234 500.00"], tmp_path)
    income = as_written(result.filing["funds"]["income"])
    assert [(line["name"], line["amount"]) for line in income["lines"]] == [("财政拨款", "11500000.00"),
                                                                            ("其他资金", "1000000.00")]
    assert income["total"]["amount"] == "12500000.00"
    assert income["lines"][1]["notes"] == [
        {"field": "amount", "text": "原表写作“1\u00a0000\u00a0000.00”；编者去掉作千分位分隔的空格，录入为 1000000.00。"}]
    assert as_written(result.filing["tasks"]["lines"]) == [
        {"name": "农村公路养护", "content": "养护300公里", "budget": {"total": "1234500.00"},
         "notes": [{"field": "budget.total", "text": "原表写作“1 234 500.00”；编者去掉作千分位分隔的空格，录入为 1234500.00。"}]}]
    assert not_placed(result) == []


# --- 6. an indicator table without levels -----------------------------------------------------------------------------

def road_form(indicators: FormTable) -> list[FormBlock]:
    form = FormTable()
    for row in (("部门名称", "某县交通运输局"), ("项目名称", "农村公路养护工程"), ("项目金额", "85.50"), ("年度目标", ROAD_GOAL)):
        form.add(*row)
    return [FormText("2026年项目支出绩效目标表"), FormText("单位：万元"), form, indicators]


@pytest.mark.parametrize("heads", [("指标", "指标值", "备注"), ("指标名称", "目标值", "备注")])
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_an_indicator_table_without_levels(tmp_path: Path, suffix: str, heads: tuple[str, str, str]) -> None:
    """Before: every cell of the table listed 未识别的单元格."""
    table = FormTable()
    for row in (heads, ("养护里程", "≥300公里", ""), ("群众出行满意度", "≥90%", "抽样调查")):
        table.add(*row)
    result = run(road_form(table), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [{
        "id": "p1", "name": "农村公路养护工程", "budget": {"total": "85.50"},
        "goals": [{"id": "g1", "kind": "年度", "text": ROAD_GOAL, "indicators": [
            {"name": "养护里程", "value": "≥300公里"},
            {"name": "群众出行满意度", "value": "≥90%", "remark": "抽样调查"}]}]}]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html"])
def test_a_two_row_header_under_a_bare_indicator_head(tmp_path: Path, suffix: str) -> None:
    """"指标" merged over 一级指标 | 二级指标 | 三级指标 beside 指标值 merged down is the header's upper row, not a table
    without levels of its own: the two rows are one header. Before: no header was found, no indicator read."""
    table = FormTable()
    table.add(("指标", 3), "指标值")
    table.add("一级指标", "二级指标", "三级指标", "")
    table.merge_down(3, 0, 1)
    table.add("产出指标", "数量指标", "养护里程", "≥300公里")
    result = run(road_form(table), tmp_path, suffix)
    assert as_written(result.filing["projects"][0]["goals"][0]["indicators"]) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里"}]
    assert not_placed(result) == []
