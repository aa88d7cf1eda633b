"""`gongkai import` of layouts found by probing real forms.

A plain project list numbered by 序号 and closed by a 合计 row; a department named only in its form's title; the
other words forms use for the indicator columns (评价标准, 考核标准, 目标值 …); a form without any amount; a project's
unit written "实施单位：…" in one cell; and the form's own label lines (填报日期, 单位) right above an indicator table.
Each form is drawn with the tests/forms helpers and put into every file format (Excel and Word with merged cells,
a printed PDF, HTML with rowspan/colspan, text copied from the page with the slots of merged cells dropped).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checking import check_content
from generator.importing.department import department_in_title
from generator.importing.document import ImportFailure
from generator.importing.importer import ImportResult
from generator.importing.layouts import indicator_column
from generator.importing.report import as_text
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, assert_clean, write
from tests.forms.imports import import_new, not_placed

FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
DEPARTMENT = "某区卫生健康局"
Row = tuple[str | tuple[str, int], ...]  # a row's cells; (text, n) spans n columns


def run(source: Path, tmp_path: Path) -> ImportResult:
    """No filing of the department in content/ (unless a test writes one): what the form says is all there is."""
    return import_new(source, tmp_path, "wjj")


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str, stem: str = "原表") -> ImportResult:
    return run(write(blocks, tmp_path / f"{stem}.{suffix}"), tmp_path)


def assert_checked(result: ImportResult) -> None:
    """The written file passes `gongkai check` as it is."""
    assert result.check.errors == [] and result.check.warnings == []


# --- 1. a plain project list with a 序号 column and a 合计 row ---------------------------------------

LIST_TITLE = "2026年部门预算项目支出表"
LIST_HEADER = ("序号", "项目名称", "项目编码", "资金总额", "其中：财政拨款", "资金用途")
LIST_ROWS = [("1", "基本公共卫生服务", "4401060001", "1,234,500.00", "1234500.00", "用于居民健康档案等"),
             ("2", "计划生育奖励扶助", "4401060002", "560000", "560000", "奖励扶助金发放")]
COMMA = {"field": "budget.total", "text": "原表写作“1,234,500.00”；编者去掉千分位逗号，录入为 1234500.00。"}
EXPECTED_LIST = [
    {"number": 1, "code": "4401060001", "name": "基本公共卫生服务",
     "budget": {"total": "1234500.00", "fiscal": "1234500.00"}, "purpose": "用于居民健康档案等", "notes": [COMMA]},
    {"number": 2, "code": "4401060002", "name": "计划生育奖励扶助", "budget": {"total": "560000", "fiscal": "560000"},
     "purpose": "奖励扶助金发放"},
]
LIST_TOTAL = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"


def project_list(header: tuple[str, ...] = LIST_HEADER, rows=LIST_ROWS, *, named: bool = True, unit: bool = True,
                 total: tuple[str, ...] | None = ("1794500.00", "1794500.00")) -> list[FormBlock]:
    """The probe's list: its title, a row naming the department (`named`) and the unit (`unit`), the header, a row
    per project and the 合计 row, its label merged over the 序号, name and code columns."""
    table = FormTable()
    if named or unit:
        table.add(f"部门名称：{DEPARTMENT}" if named else "", *[""] * (len(header) - 2), "单位：元" if unit else "")
    table.add(*header)
    for row in rows:
        table.add(*row)
    if total:
        table.add(("合计", 3), *total, *[""] * (len(header) - 3 - len(total)))
    return [FormText(LIST_TITLE), table]


@pytest.mark.parametrize("suffix", FORMATS)
def test_list_with_sequence_column_gives_one_project_per_row(tmp_path: Path, suffix: str) -> None:
    result = imported(project_list(), tmp_path, suffix, "序号列表")
    filing = result.filing
    assert as_written(filing["projects"]) == EXPECTED_LIST
    assert filing["title"] == LIST_TITLE and filing["money_unit"] == "元"
    assert filing["department"] == {"id": "wjj", "name": DEPARTMENT, "region": "ezhou"}
    assert "notes" not in filing  # the title, the name and the unit are the form's own
    assert not_placed(result) == [("合计", LIST_TOTAL), ("1794500.00", LIST_TOTAL), ("1794500.00", LIST_TOTAL)]
    assert_checked(result)


def test_list_amounts_and_codes_are_written_as_filed(tmp_path: Path) -> None:
    """1234500.00 keeps its decimals, the code stays text, the report names the 合计 row's reason."""
    result = imported(project_list(), tmp_path, "xlsx", "序号列表")
    written = result.output.read_text(encoding="utf-8")
    assert "  budget: {total: 1234500.00, fiscal: 1234500.00}\n" in written
    assert "  budget: {total: 560000, fiscal: 560000}\n" in written
    assert '  code: "4401060001"\n' in written
    assert "- number: 1\n" in written and "- id:" not in written  # numbered: the site names them p1, p2
    assert f"：合计（{LIST_TOTAL}）" in as_text(result)
    assert [(t.kind, t.rows) for t in result.imported.tables] == [("项目表", 4)]


def test_list_without_unit_row_takes_the_unit_from_the_header_word(tmp_path: Path) -> None:
    header = ("序号", "项目名称", "项目编码", "资金总额（元）", "其中：财政拨款", "资金用途")
    result = imported(project_list(header, unit=False), tmp_path, "xlsx", "序号列表")
    assert as_written(result.filing["projects"]) == EXPECTED_LIST
    assert result.filing["money_unit"] == "元"


def test_list_without_a_unit_says_how_the_unit_was_judged(tmp_path: Path) -> None:
    """The department named only in the title, no unit anywhere: both judgements are the editor's, in notes."""
    blocks = project_list(named=False, unit=False)
    blocks[0] = FormText(f"{DEPARTMENT}{LIST_TITLE}")
    result = imported(blocks, tmp_path, "html", "序号列表")
    assert as_written(result.filing["projects"]) == EXPECTED_LIST
    assert result.filing["money_unit"] == "元"
    assert result.filing["notes"] == [
        {"field": "department.name", "text": f"原表没有写部门名称的栏目；标题为“{DEPARTMENT}{LIST_TITLE}”，"
                                             f"编者取标题中年度前的“{DEPARTMENT}”作为部门名称。"},
        {"field": "money_unit", "text": "原表未写金额单位；编者按各项金额的量级（如 1234500.00）读作元。"}]
    assert_checked(result)


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_total_row_in_the_name_column_is_no_project(tmp_path: Path, suffix: str) -> None:
    """A list without 序号: its 合计 in the 项目名称 column is still the list's total, not a project named 合计."""
    header = ("项目名称", "项目编码", "资金总额", "其中：财政拨款", "资金用途")
    rows = [row[1:] for row in LIST_ROWS]
    table = FormTable()
    table.add(*header)
    for row in rows:
        table.add(*row)
    table.add(("合计", 2), "1794500.00", "1794500.00", "")
    result = imported([FormText(LIST_TITLE), FormText("单位：元"), FormText(f"部门名称：{DEPARTMENT}"), table],
                      tmp_path, suffix, "无序号列表")
    assert [(p["id"], p["name"]) for p in result.filing["projects"]] == [("p1", "基本公共卫生服务"), ("p2", "计划生育奖励扶助")]
    assert not_placed(result) == [("合计", LIST_TOTAL), ("1794500.00", LIST_TOTAL), ("1794500.00", LIST_TOTAL)]
    assert result.check.errors == []


def test_sequence_that_is_no_number_is_listed(tmp_path: Path) -> None:
    rows = [("一", *LIST_ROWS[0][1:]), LIST_ROWS[1]]
    result = imported(project_list(rows=rows, total=None), tmp_path, "xlsx", "序号列表")
    first, second = result.filing["projects"]
    assert first["number"] == 1 and second["number"] == 2  # "一" is 1, as a heading's 一 is
    assert not_placed(result) == []
    assert result.check.errors == []


# --- 2. the department named only in the title ------------------------------------------------------

INDICATOR_TITLE = f"{DEPARTMENT}2026年度部门整体绩效目标表"
TITLE_NOTE = {"field": "department.name", "text": f"原表没有写部门名称的栏目；标题为“{INDICATOR_TITLE}”，"
                                                  f"编者取标题中年度前的“{DEPARTMENT}”作为部门名称。"}
NO_AMOUNTS = {"field": "money_unit", "text": "原表没有金额，也未写金额单位；每份文件都写金额单位，"
                                             "编者写作万元，本文件没有金额用到它。"}
OVERALL_GOAL = "提升基层医疗卫生服务能力。"
PROBE_HEADER = ("一级指标", "二级指标", "指标名称", "目标值", "评价标准")
PROBE_ROWS = [("产出指标", "数量指标", "家庭医生签约人数", "≥5万人", "达到目标值得满分"),
              ("产出指标", "质量指标", "健康档案规范化率", "≥90%", "每低1%扣1分"),
              ("效益指标", "社会效益指标", "居民健康素养水平", "≥30%", "达到得满分"),
              ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "达到得满分")]
PROBE_INDICATORS = [{"level1": level1, "level2": level2, "name": name, "value": value, "scoring": scoring}
                    for level1, level2, name, value, scoring in PROBE_ROWS]
def probe_indicators(suffix: str) -> list[dict[str, str]]:
    """The probe's indicators as filed. Copied text drops the slot of the 一级指标 merged over the first two rows: the
    second row is read from the right, in its columns, with no note (the slot was the copy's, not the form's)."""
    return PROBE_INDICATORS


def indicator_form(header: tuple[str, ...] = PROBE_HEADER, rows=PROBE_ROWS, *, title: str = INDICATOR_TITLE,
                   named: str | None = None, above: list[Row] = ()) -> list[FormBlock]:
    """The probe's 部门整体绩效目标表: a title, (a 部门名称 row when `named`), 年度总体目标, the indicator table with
    its 一级指标 merged down; `above`: rows right above the indicator header, in the same table."""
    width = len(header)
    table = FormTable()
    if named:
        table.add("部门名称", (named, width - 1))
    table.add("年度总体目标", (OVERALL_GOAL, width - 1))
    for row in above:
        table.add(*row)
    table.add(*header)
    first = len(table.rows)
    for row in rows:
        table.add(*row)
    for start, end in _runs([row[0] for row in rows]):
        for index in range(start + 1, end + 1):
            table.rows[first + index][0] = ""
        table.merge_down(0, first + start, first + end)
    return [FormText(title), table]


def _runs(labels: list[str]) -> list[tuple[int, int]]:
    """First and last index of each run of equal labels."""
    runs, start = [], 0
    for index in range(1, len(labels) + 1):
        if index == len(labels) or labels[index] != labels[start]:
            runs.append((start, index - 1))
            start = index
    return runs


@pytest.mark.parametrize("suffix", FORMATS)
def test_department_named_only_in_the_title(tmp_path: Path, suffix: str) -> None:
    result = imported(indicator_form(), tmp_path, suffix, "指标名称")
    filing = result.filing
    assert filing["department"] == {"id": "wjj", "name": DEPARTMENT, "region": "ezhou"}
    assert filing["title"] == INDICATOR_TITLE and filing["overall_goal"] == OVERALL_GOAL
    assert filing["notes"] == [TITLE_NOTE, NO_AMOUNTS]
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": probe_indicators(suffix)}]
    assert not_placed(result) == []
    assert_clean(result)


def test_a_label_always_wins_over_the_title(tmp_path: Path) -> None:
    result = imported(indicator_form(named="某区卫生健康局（本级）"), tmp_path, "xlsx", "指标名称")
    assert result.filing["department"]["name"] == "某区卫生健康局（本级）"
    assert result.filing["notes"] == [NO_AMOUNTS]
    assert_clean(result)


def test_the_departments_filing_in_content_wins_over_the_title(tmp_path: Path) -> None:
    folder = tmp_path / "wjj"
    folder.mkdir()
    (folder / "2025-gongkai.yml").write_text("department: {id: wjj, name: 某区卫生健康委员会, region: ezhou}\n"
                                              "fiscal_year: 2025\n", encoding="utf-8")
    result = imported(indicator_form(), tmp_path, "xlsx", "指标名称")
    assert result.filing["department"]["name"] == "某区卫生健康委员会"
    assert result.filing["notes"][0] == {"field": "department.name", "text": (
        f"原表没有写部门名称的栏目；标题为“{INDICATOR_TITLE}”，标题中年度前的“{DEPARTMENT}”与已有文件中的名称不同；"
        "编者按部门标识 wjj 已有文件中的名称写作“某区卫生健康委员会”。")}


def test_codes_the_form_does_not_give_are_the_departments_files(tmp_path: Path) -> None:
    """Every filing of a department must say the same of it or the build stops (department-mismatch): a code the
    department's files have and the form does not is taken from them, with a note, and the content checks clean."""
    folder = tmp_path / "wjj"
    folder.mkdir()
    (folder / "2025-gongkai.yml").write_text(
        "department: {id: wjj, name: 某区卫生健康委员会, region: ezhou, code: \"017\", unit_code: \"017001\"}\n"
        "fiscal_year: 2025\nkind: 公开\ntitle: 2025年部门整体绩效目标\nmoney_unit: 万元\n"
        "goals:\n  - {id: g1, kind: 年度, indicators: [{name: 建档人数, value: ≥5万人}]}\n", encoding="utf-8")
    result = imported(indicator_form(), tmp_path, "xlsx", "指标名称")
    assert result.filing["department"] == {"id": "wjj", "name": "某区卫生健康委员会", "region": "ezhou",
                                           "code": "017", "unit_code": "017001"}
    assert result.filing["notes"][1:3] == [
        {"field": "department.code", "text": "原表未写主管部门代码；编者按本部门已有文件写作“017”。"},
        {"field": "department.unit_code", "text": "原表未写单位代码；编者按本部门已有文件写作“017001”。"}]
    checked = check_content(tmp_path, Path(__file__).resolve().parents[1] / "site_config.yml")
    assert [p.code for p in checked.report.errors] == []


def test_the_title_names_the_department_before_a_project_units_name(tmp_path: Path) -> None:
    """A project form whose 预算单位 is one of the department's units: the title says whose form it is."""
    title = f"{DEPARTMENT}2025年项目支出绩效目标表"
    form = FormTable()
    form.add("项目名称", ("基本公共卫生服务", 3))
    form.add("预算单位", ("某区疾病预防控制中心", 3))
    form.add("一级指标", "二级指标", "三级指标", "指标值")
    form.add("产出指标", "数量指标", "建档人数", "≥5万人")
    result = imported([FormText(title), form], tmp_path, "docx", "项目")
    assert result.filing["department"]["name"] == DEPARTMENT
    assert result.filing["projects"][0]["budget_unit"] == "某区疾病预防控制中心"
    assert result.filing["notes"][0] == {"field": "department.name", "text": f"原表没有写部门名称的栏目；标题为“{title}”，"
                                                                           f"编者取标题中年度前的“{DEPARTMENT}”作为部门名称。"}
    assert result.check.errors == []


@pytest.mark.parametrize("title, name", [
    (INDICATOR_TITLE, DEPARTMENT),
    ("某市教育局2025年项目支出绩效目标表", "某市教育局"),
    ("中共某县委宣传部2026年部门预算项目支出表", "中共某县委宣传部"),
    ("2026年度部门整体绩效目标表", None),
    ("关于2026年度部门整体绩效目标的说明", None),
    ("附件2：某局2026年绩效目标表", None),
    ("某区卫生健康局2026年工作总结", None),
])
def test_which_titles_name_the_department(title: str, name: str | None) -> None:
    assert department_in_title(title) == name


def test_without_name_anywhere_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="原文没有部门名称"):
        imported(indicator_form(title="2026年度部门整体绩效目标表"), tmp_path, "xlsx", "指标名称")
    assert not (tmp_path / "out.yml").exists()


# --- 3. other words for the indicator columns --------------------------------------------------------

HEADER_WORDS = {
    "level1": ["一级指标名称"],
    "level2": ["二级指标名称"],
    "name": ["指标名称", "三级指标名称", "绩效指标名称"],
    "value": ["目标值", "年度指标值", "预期目标值", "指标目标值", "绩效目标值", "绩效指标值"],
    "basis": ["指标值设定依据", "设定依据", "指标值依据", "目标值确定依据", "目标值设定依据"],
    "description": ["指标解释", "指标说明", "指标定义", "指标含义", "指标解释说明", "绩效指标解释"],
    "scoring": ["评价标准", "考核标准", "评分标准", "评（扣）分标准", "评(扣)分标准", "评价（扣分）标准", "扣分标准",
                "计分标准", "评分规则", "评分细则", "评分方法", "评分办法", "计分方法", "评（扣）分办法", "评（扣）分方法"],
    "weight": ["权（分）重", "权重分值", "指标分值", "分值/权重"],
    "unit": ["指标单位", "指标值单位"],
    "category": ["指标类别"],
}


@pytest.mark.parametrize("word, field", [(word, field) for field, words in HEADER_WORDS.items() for word in words])
def test_header_word_names_its_field(word: str, field: str) -> None:
    assert indicator_column(word) == field


@pytest.mark.parametrize("suffix", FORMATS)
def test_scoring_under_evaluation_standard_in_every_format(tmp_path: Path, suffix: str) -> None:
    """The probe 指标名称3: 评价标准 cells are the indicators' scoring, none is left out."""
    result = imported(indicator_form(named=DEPARTMENT), tmp_path, suffix, "指标名称3")
    assert result.filing["goals"][0]["indicators"] == probe_indicators(suffix)
    assert not_placed(result) == []
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_a_header_of_other_words_reads_every_column(tmp_path: Path, suffix: str) -> None:
    header = ("一级指标名称", "二级指标名称", "三级指标名称", "年度指标值", "指标单位", "指标值设定依据", "指标定义",
              "考核标准", "权（分）重", "指标类别")
    rows = [("产出指标", "数量指标", "家庭医生签约人数", "≥5", "万人", "计划标准", "签约居民人数", "达到得满分", "20",
             "共性指标"),
            ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90", "%", "历史标准", "抽样调查满意比例",
             "每低1%扣1分", "10", "个性指标")]
    fields = ("level1", "level2", "name", "value", "unit", "basis", "description", "scoring", "weight", "category")
    result = imported(indicator_form(header, rows, named=DEPARTMENT), tmp_path, suffix, "别称")
    assert result.filing["goals"][0]["indicators"] == [dict(zip(fields, row)) for row in rows]
    assert not_placed(result) == []
    assert result.check.errors == []


# --- 4. the money unit of a form without amounts -------------------------------------------------

def test_form_without_amounts_says_the_unit_is_only_required(tmp_path: Path) -> None:
    result = imported(indicator_form(named=DEPARTMENT), tmp_path, "xlsx", "指标名称3")
    assert result.filing["money_unit"] == "万元"
    assert result.filing["notes"] == [NO_AMOUNTS]
    written = result.output.read_text(encoding="utf-8")
    assert "money_unit: 万元\n" in written and "按各项金额的量级" not in written


def test_form_without_amounts_but_with_its_unit_needs_no_note(tmp_path: Path) -> None:
    blocks = indicator_form(named=DEPARTMENT)
    result = imported([blocks[0], FormText("单位：元"), *blocks[1:]], tmp_path, "xlsx", "指标名称3")
    assert result.filing["money_unit"] == "元" and "notes" not in result.filing
    assert_clean(result)


# --- 5. "实施单位：…" in one cell of a project form ----------------------------------------------------

UNIT = "某区疾病预防控制中心"
PROJECT_TITLE = "2026年项目支出绩效目标表"


def project_form(unit_rows: list[Row], *, heading: bool = False,
                 unit_line: str | None = None) -> list[FormBlock]:
    """A 项目支出绩效目标表: the department's row, the project's name, `unit_rows` after it, the budget, the goal and
    its indicators. `heading`: a "1.…绩效目标表" line opens the project; `unit_line`: a line of its own after it."""
    table = FormTable()
    table.add("部门名称", (DEPARTMENT, 3))
    table.add("项目名称", ("基本公共卫生服务", 3))
    for row in unit_rows:
        table.add(*row)
    table.add("资金总额", "120.00", "财政拨款", "120.00")
    table.add("年度目标", ("完成基本公共卫生服务。", 3))
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "建档人数", "≥5万人")
    lines = [FormText("1.基本公共卫生服务绩效目标表")] if heading else []
    return [FormText(PROJECT_TITLE), FormText("单位：万元"), *lines, *([FormText(unit_line)] if unit_line else []),
            table]


UNIT_LAYOUTS: dict[str, Row] = {
    "cell": ((f"实施单位：{UNIT}", 4),),
    "beside-the-unit": ((f"预算单位：{UNIT}", 3), "单位：万元"),
    "beside-a-pair": ("主管部门", "某区卫生健康局", (f"实施单位：{UNIT}", 2)),
}


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("layout", sorted(UNIT_LAYOUTS))
def test_unit_in_one_cell_is_the_projects_budget_unit(tmp_path: Path, layout: str, suffix: str) -> None:
    result = imported(project_form([UNIT_LAYOUTS[layout]]), tmp_path, suffix, "项目")
    project = result.filing["projects"][0]
    assert as_written({k: v for k, v in project.items() if k != "goals"}) == {
        "id": "p1", "name": "基本公共卫生服务", "budget_unit": UNIT, "budget": {"total": "120.00", "fiscal": "120.00"}}
    assert result.filing["department"]["name"] == DEPARTMENT
    assert result.filing["money_unit"] == "万元"
    assert not_placed(result) == []
    assert_checked(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_unit_line_under_the_projects_heading(tmp_path: Path, suffix: str) -> None:
    result = imported(project_form([], heading=True, unit_line=f"实施单位：{UNIT}"), tmp_path, suffix, "项目")
    project = result.filing["projects"][0]
    assert (project["number"], project["name"], project["budget_unit"]) == (1, "基本公共卫生服务", UNIT)
    assert not_placed(result) == []
    assert result.check.errors == []


def test_unit_line_before_any_project_is_listed_not_guessed(tmp_path: Path) -> None:
    """Before the project's rows the line may be the whole form's: it is not read as anyone's unit."""
    result = imported(project_form([], unit_line=f"实施单位：{UNIT}"), tmp_path, "xlsx", "项目")
    assert "budget_unit" not in result.filing["projects"][0]
    assert not_placed(result) == [(f"实施单位：{UNIT}", "原表此处还没有项目，预算单位是项目的字段（不作为部门名称），未录入")]
    assert result.filing["department"]["name"] == DEPARTMENT


def test_second_unit_of_a_project_is_kept_in_a_note(tmp_path: Path) -> None:
    rows: list[Row] = [("预算单位", (f"{UNIT}本级", 3)), ((f"实施单位：{UNIT}", 4),)]
    result = imported(project_form(rows), tmp_path, "docx", "项目")
    project = result.filing["projects"][0]
    assert project["budget_unit"] == f"{UNIT}本级"
    assert project["notes"] == [{"field": "budget_unit",
                                 "text": f"原表另有“实施单位：{UNIT}”；编者按前一处录入预算单位“{UNIT}本级”。"}]
    assert not_placed(result) == []
    assert result.check.errors == []


# --- 6. the form's label lines right above an indicator header --------------------------------------

# The row right above the header → the 填报日期 and the money unit it gives (None: it gives none).
LABEL_LINES: dict[str, tuple[Row, dt.date | None, str | None]] = {
    "date-cell": ((("填报日期：2025年1月10日", 5),), dt.date(2025, 1, 10), None),
    "date-and-unit": ((("填报日期：2025年1月10日", 4), "单位：万元"), dt.date(2025, 1, 10), "万元"),
    "date-pair": (("填报日期", ("2025年1月10日", 4)), dt.date(2025, 1, 10), None),
    "unit-pair": (("金额单位", ("元", 4)), None, "元"),
    "unit-cell": ((("单位：万元", 5),), None, "万元"),
}


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("layout", sorted(LABEL_LINES))
def test_label_line_above_the_header_names_no_goal(tmp_path: Path, layout: str, suffix: str) -> None:
    row, filed_on, unit = LABEL_LINES[layout]
    result = imported(indicator_form(named=DEPARTMENT, above=[row]), tmp_path, suffix, "标签行")
    filing = result.filing
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": probe_indicators(suffix)}]
    assert filing.get("filed_on") == filed_on
    assert filing["money_unit"] == (unit or "万元")
    assert filing.get("notes", []) == ([] if unit else [NO_AMOUNTS])
    assert not_placed(result) == []
    assert_clean(result)
