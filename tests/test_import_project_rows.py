"""`gongkai import` of a project list whose rows carry the projects' indicators, of the department's name written
as "label：value" in one cell, and of an indicator table with its label merged down beside it in copied text.

The 项目支出绩效目标表 of 部门预算公开 lists the projects one under another: 项目名称, 预算单位, 项目金额 and
年度绩效目标 merged down over the project's indicator rows (一级指标 … 指标值). Each form is drawn with the
tests/forms helpers and put into every file format (Excel and Word with merged cells, a printed PDF, HTML with
rowspan/colspan, text copied from the page with the slots of merged cells dropped); each must come out as one
project per 项目名称 with its amounts as filed and one 年度 goal holding that project's indicators.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from generator.importing.report import as_data, as_text
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, assert_clean, write
from tests.forms.imports import import_new

FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
DEPARTMENT = "某市教育局"
TITLE = "2026年项目支出绩效目标表"

Indicator = dict[str, str]


def indicator(level1: str, level2: str, name: str, value: str, **more: str) -> Indicator:
    return {"level1": level1, "level2": level2, "name": name, "value": value, **more}


# (项目名称, 预算单位, 项目金额, 年度绩效目标, indicators): the second project's first 一级指标 differs from the
# first project's last one, and each project merges 产出指标 over two rows.
PROJECTS: list[tuple[str, str, str, str, list[Indicator]]] = [
    ("学生资助经费", "某市教育局本级", "560.00", "按时足额发放各类学生资助资金。", [
        indicator("产出指标", "数量指标", "资助学生人数", "≥3000人"),
        indicator("产出指标", "时效指标", "资金发放及时率", "100%"),
        indicator("效益指标", "社会效益指标", "家庭经济困难学生应助尽助", "应助尽助"),
        indicator("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥95%")]),
    ("校舍维修改造", "某市第一中学", "230", "完成校舍维修改造，消除安全隐患。", [
        indicator("产出指标", "数量指标", "维修面积", "≥5000平方米"),
        indicator("产出指标", "质量指标", "验收合格率", "100%"),
        indicator("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%")]),
]
# With the value split (指标值类型 / 指标值 / 计量单位) and more columns (确定依据, 评（扣）分标准, 分值).
SPLIT = [
    ("学生资助经费", "某市教育局本级", "560.00", "按时足额发放各类学生资助资金。", [
        indicator("产出指标", "数量指标", "资助学生人数", "3000", value_type="≥", unit="人", basis="计划标准",
                  scoring="完成得满分，未完成按比例扣分", weight="20"),
        indicator("产出指标", "时效指标", "资金发放及时率", "100", value_type="=", unit="%", basis="计划标准",
                  scoring="及时得满分", weight="10"),
        indicator("满意度指标", "服务对象满意度指标", "受助学生满意度", "95", value_type="≥", unit="%",
                  basis="历史标准", scoring="≥95%得满分", weight="10")]),
    ("校舍维修改造", "某市第一中学", "230", "完成校舍维修改造，消除安全隐患。", [
        indicator("产出指标", "数量指标", "维修面积", "5000", value_type="≥", unit="平方米", basis="计划标准",
                  scoring="完成得满分", weight="30")]),
]

# Header word → what the column holds: a project's cell ("p.") or an indicator's field ("i.").
HEADER_ROLE = {
    "序号": "p.number", "项目名称": "p.name",
    "预算单位": "p.unit", "主管部门": "p.unit", "实施单位": "p.unit", "项目单位": "p.unit",
    "项目金额": "p.total", "项目总额": "p.total", "资金总额": "p.total", "项目金额（万元）": "p.total",
    "预算金额": "p.total", "项目预算": "p.total", "预算资金（万元）": "p.total",
    "年度绩效目标": "p.goal", "绩效目标": "p.goal", "年度目标": "p.goal", "项目绩效目标": "p.goal",
    "一级指标": "i.level1", "二级指标": "i.level2", "三级指标": "i.name", "指标值": "i.value",
    "指标值类型": "i.value_type", "计量单位": "i.unit", "指标值确定依据": "i.basis", "评（扣）分标准": "i.scoring",
    "分值": "i.weight",
}
STANDARD = ("项目名称", "预算单位", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值")


# --- the form ------------------------------------------------------------------------------------

def project_rows_table(header: tuple[str, ...] = STANDARD, projects=PROJECTS, *, department_row: bool = True,
                       merged: bool = True) -> FormTable:
    """The list: a project's cells merged down over its indicator rows (`merged`, else filled in on every row),
    一级/二级 labels merged down within the project. `department_row`: 部门名称 | 某市教育局 … 单位：万元 as the
    table's first row (as the probe is)."""
    roles = [HEADER_ROLE[word] for word in header]
    table = FormTable()
    if department_row:
        table.add("部门名称", DEPARTMENT, *[""] * (len(header) - 3), "单位：万元")
    table.add(*header)
    for number, (name, unit, total, goal, indicators) in enumerate(projects, 1):
        first = len(table.rows)
        cells = {"p.number": str(number), "p.name": name, "p.unit": unit, "p.total": total, "p.goal": goal}
        for row, item in enumerate(indicators):
            table.add(*(cells[role] if role.startswith("p.") and (not row or not merged) else item.get(role[2:], "")
                        if role.startswith("i.") else "" for role in roles))
        for column, role in enumerate(roles):
            if role.startswith("p.") and merged:
                table.merge_down(column, first, len(table.rows) - 1)
        for level in ("level1", "level2"):
            _merge_labels(table, roles.index(f"i.{level}"), first, indicators, level)
    return table


def _merge_labels(table: FormTable, column: int, first: int, indicators: list[Indicator], level: str) -> None:
    """Consecutive rows with the same label (within the same 一级指标) show it once, merged down."""
    def key(item: Indicator) -> tuple[str, ...]:
        return (item["level1"],) if level == "level1" else (item["level1"], item["level2"])
    start = 0
    for n in range(1, len(indicators) + 1):
        if n == len(indicators) or key(indicators[n]) != key(indicators[start]):
            for row in range(first + start + 1, first + n):
                table.rows[row][column] = ""
            table.merge_down(column, first + start, first + n - 1)
            start = n


def list_form(table: FormTable) -> list[FormBlock]:
    return [FormText(TITLE), table]


def expected_projects(projects=PROJECTS, numbered: bool = False) -> list[dict[str, Any]]:
    return [{**({"number": n} if numbered else {"id": f"p{n}"}), "name": name, "budget_unit": unit,
             "budget": {"total": total},
             "goals": [{"id": "annual", "kind": "年度", "text": goal, "indicators": indicators}]}
            for n, (name, unit, total, goal, indicators) in enumerate(projects, 1)]


def run(source: Path, tmp_path: Path) -> ImportResult:
    return import_new(source, tmp_path, "jyj")


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str, stem: str = "项目列表") -> ImportResult:
    return run(write(blocks, tmp_path / f"{stem}.{suffix}"), tmp_path)


def without_notes(projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The projects as filed; the notes on indicators are the importer's readings, looked at aside."""
    return [{**project, "goals": [{**goal, "indicators": [{k: v for k, v in i.items() if k != "notes"}
                                                          for i in goal["indicators"]]}
                                  for goal in project["goals"]]} for project in as_written(projects)]


def indicator_notes(result: ImportResult) -> list[list[dict[str, str]]]:
    return [i["notes"] for p in result.filing["projects"] for g in p["goals"] for i in g["indicators"] if "notes" in i]


def assert_notes_only_where_guessed(result: ImportResult, suffix: str) -> None:
    """A grid says where each cell is: no note. Copied text loses the slot of a merged 一级指标 too; a row read
    onto the columns from the right is in its columns in the form: no note either (tests/test_import_note_truth.py)."""
    assert indicator_notes(result) == []
    if suffix != "txt":
        assert "notes" not in result.filing


# --- 1. a project list whose rows carry the projects' indicators ------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_every_format_gives_one_project_per_name_with_its_indicators(tmp_path: Path, suffix: str) -> None:
    result = imported(list_form(project_rows_table()), tmp_path, suffix)
    filing = result.filing
    assert filing["department"] == {"id": "jyj", "name": DEPARTMENT, "region": "ezhou"}
    assert filing["money_unit"] == "万元" and filing["title"] == TITLE
    assert "goals" not in filing and "funds" not in filing
    assert without_notes(filing["projects"]) == expected_projects()
    assert_notes_only_where_guessed(result, suffix)
    assert result.imported.not_placed == []
    assert result.check.errors == [] and result.check.warnings == []


def test_the_probe_layout_in_a_workbook(tmp_path: Path) -> None:
    """The amounts exactly as filed (560.00 stays 560.00), each project its own goal, nothing left for check."""
    result = imported(list_form(project_rows_table()), tmp_path, "xlsx")
    projects = result.filing["projects"]
    assert projects[0]["budget"]["total"] == Decimal("560.00") and str(projects[1]["budget"]["total"]) == "230"
    written = result.output.read_text(encoding="utf-8")
    assert "  budget: {total: 560.00}\n" in written and "  budget: {total: 230}\n" in written
    assert [(t.kind, t.rows) for t in result.imported.tables] == [("项目表", 9)]
    assert_clean(result)


def test_report_counts_the_projects_and_their_indicators(tmp_path: Path) -> None:
    result = imported(list_form(project_rows_table()), tmp_path, "docx")
    data = as_data(result)
    assert (data["projects"], data["goals"], data["indicators"]) == (2, 2, 7)
    assert "原文每个非空单元格和段落都已放入文件。" in as_text(result)


LAYOUTS = {
    # columns in another order: project cells on both sides of the indicator columns
    "reordered": ("项目名称", "项目绩效目标", "一级指标", "二级指标", "三级指标", "指标值", "实施单位", "项目总额"),
    "goal-first": ("年度目标", "项目名称", "主管部门", "资金总额", "一级指标", "二级指标", "三级指标", "指标值"),
    "plain-goal": ("项目名称", "项目单位", "项目金额（万元）", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"),
    # the amount under the words of 部门预算公开's tables
    "budget-amount": ("项目名称", "实施单位", "预算金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"),
    "project-budget": ("项目名称", "项目预算", "预算单位", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"),
    "budget-funds": ("项目名称", "预算单位", "预算资金（万元）", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"),
}


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_other_orders_and_header_words(tmp_path: Path, layout: str, suffix: str) -> None:
    """The goal column under 绩效目标 / 年度目标 / 项目绩效目标, the unit under 主管部门 / 实施单位 / 项目单位,
    the amount under 项目总额 / 资金总额 / 项目金额（万元）, anywhere in the header."""
    result = imported(list_form(project_rows_table(LAYOUTS[layout])), tmp_path, suffix)
    assert without_notes(result.filing["projects"]) == expected_projects()
    assert result.filing["department"]["name"] == DEPARTMENT
    assert_notes_only_where_guessed(result, suffix)
    assert result.imported.not_placed == []
    assert result.check.errors == [] and result.check.warnings == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_sequence_column_numbers_the_projects(tmp_path: Path, suffix: str) -> None:
    header = ("序号", "项目名称", "预算单位", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值")
    result = imported(list_form(project_rows_table(header)), tmp_path, suffix)
    assert without_notes(result.filing["projects"]) == expected_projects(numbered=True)
    assert_notes_only_where_guessed(result, suffix)
    assert result.imported.not_placed == []
    assert result.check.errors == [] and result.check.warnings == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_split_value_and_more_indicator_columns(tmp_path: Path, suffix: str) -> None:
    header = ("项目名称", "预算单位", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值类型",
              "指标值", "计量单位", "指标值确定依据", "评（扣）分标准", "分值")
    result = imported(list_form(project_rows_table(header, SPLIT)), tmp_path, suffix)
    assert without_notes(result.filing["projects"]) == expected_projects(SPLIT)
    assert_notes_only_where_guessed(result, suffix)
    assert result.imported.not_placed == []
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_project_cells_filled_in_on_every_row(tmp_path: Path, suffix: str) -> None:
    """An export that repeats the project's cells on each of its rows instead of merging them: still one project."""
    result = imported(list_form(project_rows_table(merged=False)), tmp_path, suffix)
    assert without_notes(result.filing["projects"]) == expected_projects()
    assert_notes_only_where_guessed(result, suffix)
    assert result.imported.not_placed == []
    assert result.check.errors == [] and result.check.warnings == []


def test_copied_text_rows_after_the_first_hold_only_indicator_cells(tmp_path: Path) -> None:
    """The web copy: a project's second row has lost the project's slots (and the 一级指标's where that is merged
    too). A row with every indicator cell is in its place; one without its 一级指标 is read from the right onto the
    indicator columns and says so; the next project's first row starts its labels anew."""
    source = tmp_path / "项目列表.txt"
    source.write_text(f"{TITLE}\n"
                      f"部门名称\t{DEPARTMENT}\t\t\t\t\t\t单位：万元\n"
                      + "\t".join(STANDARD) + "\n"
                      "学生资助经费\t某市教育局本级\t560.00\t按时足额发放各类学生资助资金。\t产出指标\t数量指标\t资助学生人数\t≥3000人\n"
                      "时效指标\t资金发放及时率\t100%\n"
                      "效益指标\t社会效益指标\t家庭经济困难学生应助尽助\t应助尽助\n"
                      "满意度指标\t服务对象满意度指标\t受助学生满意度\t≥95%\n"
                      "校舍维修改造\t某市第一中学\t230\t完成校舍维修改造，消除安全隐患。\t产出指标\t数量指标\t维修面积\t≥5000平方米\n"
                      "质量指标\t验收合格率\t100%\n"
                      "满意度指标\t服务对象满意度指标\t师生满意度\t≥90%\n", encoding="utf-8")
    result = run(source, tmp_path)
    assert without_notes(result.filing["projects"]) == expected_projects()
    noted = [(i["name"], i.get("notes")) for p in result.filing["projects"] for i in p["goals"][0]["indicators"]
             if i.get("notes")]
    assert noted == []  # 资金发放及时率, 验收合格率 only lost their merged slots in the copy: no note
    assert_clean(result)


def test_copied_text_row_of_a_qualitative_indicator_ends_with_its_empty_unit(tmp_path: Path) -> None:
    """Word's copy keeps a covered slot as an empty cell; a 定性 indicator has no 度量单位, so its row's text stops
    a column short of the others. Its 一级 and 二级 are in their columns, so nothing slid: it is read in place."""
    source = tmp_path / "项目列表.txt"
    source.write_text("2026年部门预算项目支出绩效目标表\n单位名称：某县司法局\t金额单位：万元\n"
                      "项目名称\t预算金额\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n"
                      "法律援助经费\t30.00\t全年办理案件不少于200件。\t产出指标\t数量指标\t法律援助案件数\t≥\t200\t件\n"
                      "\t\t\t效益指标\t社会效益指标\t群众法律意识\t定性\t明显提升\t\n"
                      "\t\t\t满意度指标\t服务对象满意度指标\t受援人满意度\t≥\t90\t%\n", encoding="utf-8")
    result = run(source, tmp_path)
    assert as_written(result.filing["projects"]) == [{
        "id": "p1", "name": "法律援助经费", "budget": {"total": "30.00"},
        "goals": [{"id": "annual", "kind": "年度", "text": "全年办理案件不少于200件。", "indicators": [
            indicator("产出指标", "数量指标", "法律援助案件数", "200", value_type="≥", unit="件"),
            indicator("效益指标", "社会效益指标", "群众法律意识", "明显提升", value_type="定性"),
            indicator("满意度指标", "服务对象满意度指标", "受援人满意度", "90", value_type="≥", unit="%")]}]}]
    assert result.filing["department"]["name"] == "某县司法局"
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_a_label_is_not_carried_into_the_next_project(tmp_path: Path, suffix: str) -> None:
    """The second project's 一级/二级指标 cells are blank and merge nothing: it has no labels, whatever the row
    above (the first project's last) said."""
    projects = [PROJECTS[0], ("校舍维修改造", "某市第一中学", "230", "完成校舍维修改造，消除安全隐患。", [
        indicator("", "", "师生满意度", "≥90%")])]
    result = imported(list_form(project_rows_table(STANDARD, projects)), tmp_path, suffix)
    second = result.filing["projects"][1]["goals"][0]["indicators"]
    assert second == [{"name": "师生满意度", "value": "≥90%"}]
    assert result.imported.not_placed == [] and result.check.errors == []


def test_amount_that_is_no_number_is_listed_not_guessed(tmp_path: Path) -> None:
    projects = [PROJECTS[0][:2] + ("五百六十万",) + PROJECTS[0][3:], PROJECTS[1]]
    result = imported(list_form(project_rows_table(STANDARD, projects)), tmp_path, "xlsx")
    assert "budget" not in result.filing["projects"][0]
    assert [(text, why) for _, text, why in result.imported.not_placed] == [("五百六十万", "金额不是数字，未录入")]


def test_a_plain_project_list_is_still_read_as_before(tmp_path: Path) -> None:
    """No indicator columns: one project per row, as the project list reader has always read it."""
    table = FormTable()
    table.add("项目名称", "预算单位", "项目金额", "资金用途")
    table.add("学生资助经费", "某市教育局本级", "560.00", "学生资助")
    result = imported([FormText(TITLE), FormText(f"部门名称：{DEPARTMENT}"), FormText("单位：万元"), table],
                      tmp_path, "xlsx")
    assert as_written(result.filing["projects"]) == [{"id": "p1", "name": "学生资助经费", "budget_unit": "某市教育局本级",
                                                      "budget": {"total": "560.00"}, "purpose": "学生资助"}]
    assert result.imported.not_placed == []


# --- 2. the department's name as "label：value" in one cell ---------------------------------------

def department_form(line: str | None, pair: str | None = None, line_in_table: bool = False) -> list[FormBlock]:
    """A 部门整体支出绩效目标表: the title, the name as a line of its own (or as the first cell of the table's first
    row, beside 金额单位), a 部门（单位）名称 row if `pair`, the goal and an indicator table."""
    table = FormTable()
    if line and line_in_table:
        table.add(line, "", "", "金额单位：万元")
    if pair:
        table.add("部门（单位）名称", (pair, 3))
    table.add("年度总体目标", ("完成国土空间规划编制。", 3))
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "卫片图斑核查数量", "≥1200个")
    lines = [FormText(line), FormText("金额单位：万元")] if line and not line_in_table else []
    return [FormText("2026年度部门整体支出绩效目标表"), *lines, table, indicators]


NAME = "某市自然资源和规划局"


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("line", ["填报单位（盖章）：某市自然资源和规划局", "填报单位：某市自然资源和规划局",
                                  "部门名称：某市自然资源和规划局", "单位名称：某市自然资源和规划局",
                                  "主管部门：某市自然资源和规划局"])
def test_name_in_one_cell_is_the_department(tmp_path: Path, suffix: str, line: str) -> None:
    result = imported(department_form(line), tmp_path, suffix, stem="整体")
    assert result.filing["department"]["name"] == NAME
    assert "notes" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_name_in_a_cell_of_a_row_agrees_with_the_table(tmp_path: Path, suffix: str) -> None:
    """The probe: "填报单位（盖章）：…" beside 金额单位 in the table's first row, then 部门（单位）名称 | the same name."""
    result = imported(department_form("填报单位（盖章）：" + NAME, pair=NAME, line_in_table=True), tmp_path, suffix,
                      stem="整体")
    assert result.filing["department"]["name"] == NAME and result.filing["money_unit"] == "万元"
    assert "notes" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_name_line_right_above_the_indicator_header_names_no_goal(tmp_path: Path, suffix: str) -> None:
    """"部门名称：…" as the row above the header (or 部门名称 | … beside it) is the department, not the goal's title."""
    for line in ("部门名称：" + NAME, "部门名称"):
        table = FormTable()
        table.add(line, NAME if line == "部门名称" else "", "", "金额单位：万元")
        table.add("一级指标", "二级指标", "三级指标", "指标值")
        table.add("产出指标", "数量指标", "卫片图斑核查数量", "≥1200个")
        folder = tmp_path / str(len(line))
        folder.mkdir()
        result = imported([FormText("2026年度部门整体支出绩效目标表"), table], folder, suffix, stem="整体")
        assert result.filing["department"]["name"] == NAME
        assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "卫片图斑核查数量", "value": "≥1200个"}]}]
        assert_clean(result)


@pytest.mark.parametrize("line_in_table", [False, True])
def test_names_that_disagree_keep_the_tables_with_a_note(tmp_path: Path, line_in_table: bool) -> None:
    result = imported(department_form("填报单位：某市自然资源局", pair=NAME, line_in_table=line_in_table), tmp_path,
                      "xlsx", stem="整体")
    assert result.filing["department"]["name"] == NAME
    assert result.filing["notes"] == [{"field": "department.name", "text": "原表“填报单位：某市自然资源局”与表中的部门名称"
                                                                           "“某市自然资源和规划局”不一致；编者按表中的部门名称录入。"}]
    assert result.imported.not_placed == [] and result.check.errors == []


def test_a_line_after_the_table_does_not_replace_its_name(tmp_path: Path) -> None:
    blocks = department_form(None, pair=NAME)
    blocks.insert(2, FormText("填报单位：某市自然资源局"))
    blocks.insert(1, FormText("金额单位：万元"))
    result = imported(blocks, tmp_path, "docx", stem="整体")
    assert result.filing["department"]["name"] == NAME
    assert [note["field"] for note in result.filing["notes"]] == ["department.name"]
    assert result.imported.not_placed == []


def test_a_line_with_a_second_label_is_listed_not_read_as_the_name(tmp_path: Path) -> None:
    """"填报单位：…  填报日期：…" in one cell is more than a name: listed as not placed, the table's name stands."""
    line = "填报单位：某市自然资源和规划局  填报日期：2026年1月10日"
    result = imported(department_form(line, pair=NAME, line_in_table=True), tmp_path, "xlsx", stem="整体")
    assert result.filing["department"]["name"] == NAME and "notes" not in result.filing
    assert [text for _, text, _ in result.imported.not_placed] == [line]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_a_name_with_its_code_keeps_both_apart(tmp_path: Path, suffix: str) -> None:
    result = imported(department_form("主管部门及代码：[017]某县司法局"), tmp_path, suffix, stem="整体")
    assert result.filing["department"] == {"id": "jyj", "name": "某县司法局", "region": "ezhou", "code": "017"}
    assert "notes" not in result.filing
    assert_clean(result)


def test_a_code_in_front_of_a_name_without_code_label_is_noted(tmp_path: Path) -> None:
    result = imported(department_form("填报单位：[017]某县司法局"), tmp_path, "xlsx", stem="整体")
    assert result.filing["department"] == {"id": "jyj", "name": "某县司法局", "region": "ezhou"}
    assert result.filing["notes"] == [{"field": "department.name",
                                       "text": "原表写作“[017]某县司法局”；编者去掉前面的编码，部门名称写作“某县司法局”。"}]


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_budget_unit_of_a_project_list_stays_the_projects(tmp_path: Path, suffix: str) -> None:
    """部门名称：… as a line above the list; 预算单位 in the list is each project's, never the department."""
    blocks = [FormText(TITLE), FormText(f"部门名称：{DEPARTMENT}"), FormText("单位：万元"),
              project_rows_table(department_row=False)]
    result = imported(blocks, tmp_path, suffix)
    assert result.filing["department"]["name"] == DEPARTMENT and "notes" not in result.filing
    assert [p["budget_unit"] for p in result.filing["projects"]] == ["某市教育局本级", "某市第一中学"]
    assert result.imported.not_placed == [] and result.check.errors == []


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_units_of_a_project_form_stay_the_projects(tmp_path: Path, suffix: str) -> None:
    """填报单位（盖章）：… over a 项目支出绩效目标表 whose 实施单位 is another unit: the department is the line's."""
    table = FormTable()
    table.add("项目名称", ("农村人居环境整治", 3))
    table.add("实施单位", ("某县农村环境服务中心", 3))
    table.add("资金总额", "120.00", "财政拨款", "120.00")
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "整治村庄数", "50个")
    blocks = [FormText("项目支出绩效目标表"), FormText("填报单位（盖章）：某县农业农村局"), FormText("单位：万元"),
              table, indicators]
    result = imported(blocks, tmp_path, suffix, stem="项目")
    assert result.filing["department"]["name"] == "某县农业农村局"
    project = result.filing["projects"][0]
    assert (project["name"], project["budget_unit"]) == ("农村人居环境整治", "某县农村环境服务中心")
    assert result.imported.not_placed == [] and result.check.errors == []


# --- 3. copied text: the label of an indicator table merged down beside it ----------------------------

LABELLED = [("产出指标", "数量指标", "新建高标准农田面积", "≥1万亩"),
            ("效益指标", "经济效益指标", "亩均增产", "≥50公斤"),
            ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%")]
EXPECTED_LABELLED = [{"level1": a, "level2": b, "name": c, "value": d} for a, b, c, d in LABELLED]


def labelled_form(label: str = "年度绩效指标") -> list[FormBlock]:
    """The department's name, goal and indicators in one table; the label merged down beside the indicators."""
    table = FormTable()
    table.add("部门（单位）名称", ("某县农业农村局", 4))
    table.add("年度总体目标", ("保障粮食安全，推进乡村振兴。", 4))
    first = len(table.rows)
    table.add(label, "一级指标", "二级指标", "三级指标", "指标值")
    for row in LABELLED:
        table.add("", *row)
    table.merge_down(0, first, len(table.rows) - 1)
    return [FormText("2026年度部门整体支出绩效目标表"), FormText("单位：万元"), table]


@pytest.mark.parametrize("label", ["年度绩效指标", "绩效指标"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_label_merged_down_beside_the_indicators(tmp_path: Path, suffix: str, label: str) -> None:
    """Every format gives the same indicators; in copied text the label's slot is gone from the rows below the
    header, and they are read by the header all the same."""
    result = imported(labelled_form(label), tmp_path, suffix, stem="整体")
    assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": EXPECTED_LABELLED}]
    assert result.filing["overall_goal"] == "保障粮食安全，推进乡村振兴。"
    assert_clean(result)


COPIED_HEAD = ("2026年度部门整体支出绩效目标表\n单位：万元\n部门（单位）名称\t某县农业农村局\n"
               "年度总体目标\t保障粮食安全，推进乡村振兴。\n年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n")


@pytest.mark.parametrize("lead", ["", "\t"])
def test_copied_rows_with_or_without_the_labels_slot(tmp_path: Path, lead: str) -> None:
    """Rows one cell shorter than the header, or with the label's slot left empty: the same indicators."""
    source = tmp_path / "整体.txt"
    source.write_text(COPIED_HEAD + "".join(lead + "\t".join(row) + "\n" for row in LABELLED), encoding="utf-8")
    result = run(source, tmp_path)
    assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": EXPECTED_LABELLED}]
    assert_clean(result)


def test_copied_row_without_its_merged_level1_too(tmp_path: Path) -> None:
    """Without the label's slot and without its 一级指标's (merged over two rows): read from the right. The slots were
    the copy's, not the form's: no note."""
    source = tmp_path / "整体.txt"
    source.write_text(COPIED_HEAD + "产出指标\t数量指标\t新建高标准农田面积\t≥1万亩\n时效指标\t完工及时率\t100%\n",
                      encoding="utf-8")
    result = run(source, tmp_path)
    assert result.filing["goals"][0]["indicators"] == [
        EXPECTED_LABELLED[0],
        {"level1": "产出指标", "level2": "时效指标", "name": "完工及时率", "value": "100%"}]
    assert result.imported.not_placed == [] and result.check.errors == []
