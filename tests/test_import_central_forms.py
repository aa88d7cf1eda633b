"""`gongkai import` of the 项目支出绩效目标申报表 of the central departments and the 项目支出绩效目标表 of Zhejiang.

The central 申报表 (the form of 财预〔2015〕88号 and the provinces that copy it) is one project per table:

    项目名称 | 义务教育薄弱学校改造
    主管部门及代码 | [123001]某县教育局 | 实施单位 | 某县第一中学
    项目负责人 | 李四 | 联系电话 | 0571-87654321
    项目资金（万元） | 中期资金总额： | 300.00 | 年度资金总额： | 100.00     (the label merged down, each amount right
                     | 其中：财政拨款 | 280.00 | 其中：财政拨款 | 90.00       of its label: the left pair is the 中期
                     | 其他资金       | 20.00  | 其他资金       | 10.00       figures, the right pair the 年度 ones)
    总体目标 | 中期目标（2026年—2028年） | 年度目标 over their texts
    绩效指标 | 一级指标 | 二级指标 | 中期指标（over two） | 年度指标（over two）
             |          |          | 三级指标 | 指标值    | 三级指标 | 指标值       (the two goals' indicators side by side)
    填报人：张三　　联系电话：13812345678　　填报日期：2026年1月10日

Zhejiang and the central departments say 实施期 (the project's whole period) where others say 中期: 实施期资金总额,
实施期目标（2026年—2028年）, 实施期指标 and 实施期指标值. The content format has 长期, 中期 and 年度 goals: a 实施期 goal
is filed as the 中期 goal (with its span), its figures as budget.medium_term, each with a note in readers' words.

The 项目负责人 and the number beside their name are a person the content format has no field for: listed as not
placed with that reason, never read as the filing's contact (the 填报人's) and never as a goal's title or text.

Each form is drawn with the tests/forms helpers and put into every format; copied text (.txt) drops the slots of the
labels merged down at the left and is lined up on the right. Exact data, exact 未放入 lists.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
DEPARTMENT = {"id": "jyj", "name": "某县教育局", "region": "ezhou", "code": "123001"}
FOOTER = "填报人：张三　　联系电话：13812345678　　填报日期：2026年1月10日"
CONTACT = {"filer": "张三", "phone": "13812345678"}
LEADER_PHONE = "0571-87654321"


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str, kind: str = "申报") -> ImportResult:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"申报表.{suffix}"), tmp_path, "jyj", kind=kind)


def assert_checked(result: ImportResult) -> None:
    assert result.check.errors == [] and result.check.warnings == []


def person(label: str = "项目负责人") -> str:
    return f"原表“{label}”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"


def leader_phone(label: str = "项目负责人") -> str:
    return f"原表“{label}”的联系电话；文件格式中的联系电话是填报人的，这一项未录入"


LEADER_NOT_PLACED = [("项目负责人", person()), ("李四", person()), ("联系电话", leader_phone()),
                     (LEADER_PHONE, leader_phone())]
PERIOD_GOAL_NOTE = {"field": "kind", "text": "原表的“实施期”目标是项目整个实施期的目标；本网站的目标分长期、中期、年度三类，"
                                             "编者列为中期目标。"}
PERIOD_FUNDS_NOTE = {"field": "budget.medium_term", "text": "原表写作“实施期资金总额”，是项目整个实施期的资金；"
                                                            "编者列为中期资金总额。"}
BUDGET = {"medium_term": {"total": "300.00", "fiscal": "280.00", "other": "20.00"},
          "annual": {"total": "100.00", "fiscal": "90.00", "other": "10.00"}}


# --- the central 申报表: amounts beside their labels, the two goals' indicators side by side ---------------------------

# 一级, 二级, then the 中期 half's 三级 and 指标值, the 年度 half's. A half may be empty on a row: the 年度 goal has no
# 办学条件改善, the 中期 goal no 设施使用年限 (on a row under the 效益指标 merged down).
SIDE_BY_SIDE = [("产出指标", "数量指标", "改造学校数", "12所", "改造学校数", "4所"),
                ("产出指标", "质量指标", "验收合格率", "100%", "验收合格率", "100%"),
                ("效益指标", "社会效益指标", "办学条件改善", "明显改善", "", ""),
                ("效益指标", "可持续影响指标", "", "", "设施使用年限", "≥20年"),
                ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "师生满意度", "≥85%")]


def merged_level1(table: FormTable, first: int, column: int) -> None:
    """The 一级 labels of the rows from `first` on merged down over their runs, as the form prints them."""
    last = len(table.rows)
    start = first
    for row in range(first + 1, last + 1):
        if row == last or table.rows[row][column] != table.rows[start][column]:
            for covered in range(start + 1, row):
                table.rows[covered][column] = ""
            table.merge_down(column, start, row - 1)
            start = row


def project_table(word: str = "中期", amounts: str = "beside") -> FormTable:
    """The project's part of the 申报表; `word` is the form's word for the whole period (中期, 实施期); the amounts
    `beside` their labels in the same row, or `cells` with label and amount in one cell ("中期资金总额：300.00")."""
    table = FormTable()
    table.add("项目名称", ("义务教育薄弱学校改造", 6))
    table.add("主管部门及代码", ("[123001]某县教育局", 3), "实施单位", ("某县第一中学", 2))
    table.add("项目属性", ("延续项目", 3), "项目期", ("3年", 2))
    table.add("项目负责人", ("李四", 3), "联系电话", (LEADER_PHONE, 2))
    first = len(table.rows)
    if amounts == "beside":
        table.add("项目资金（万元）", (f"{word}资金总额：", 2), "300.00", ("年度资金总额：", 2), "100.00")
        table.add("", ("其中：财政拨款", 2), "280.00", ("其中：财政拨款", 2), "90.00")
        table.add("", ("其他资金", 2), "20.00", ("其他资金", 2), "10.00")
    else:
        table.add("项目资金（万元）", (f"{word}资金总额：300.00", 3), ("年度资金总额：100.00", 3))
        table.add("", ("其中：财政拨款：280.00", 3), ("其中：财政拨款：90.00", 3))
        table.add("", ("其他资金：20.00", 3), ("其他资金：10.00", 3))
    table.merge_down(0, first, len(table.rows) - 1)
    table.add("总体目标", (f"{word}目标（2026年—2028年）", 3), ("年度目标", 3))
    table.add("", ("目标1：改造薄弱学校12所。", 3), ("目标1：完成4所学校改造。", 3))
    table.merge_down(0, len(table.rows) - 2, len(table.rows) - 1)
    return table


def side_by_side_table(word: str = "中期", heads: bool = True) -> FormTable:
    """绩效指标 merged down the left; 一级指标 and 二级指标 merged down beside the halves' heads (`heads`), or one
    header row naming 三级指标 and 指标值 twice, as the printed form has it under its 总体目标 row."""
    table = FormTable()
    if heads:
        table.add("绩效指标", "一级指标", "二级指标", (f"{word}指标", 2), ("年度指标", 2))
        table.add("", "", "", "三级指标", "指标值", "三级指标", "指标值")
        table.merge_down(1, 0, 1)
        table.merge_down(2, 0, 1)
    else:
        table.add("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "三级指标", "指标值")
    first = len(table.rows)
    for row in SIDE_BY_SIDE:
        table.add("", *row)
    merged_level1(table, first, 1)
    table.merge_down(0, 0, len(table.rows) - 1)
    return table


def application(word: str = "中期", heads: bool = True, amounts: str = "beside") -> list[FormBlock]:
    return [FormText("项目支出绩效目标申报表"), FormText("（2026年度）"), project_table(word, amounts),
            side_by_side_table(word, heads), FormText(FOOTER)]


def half(value: int, name: int) -> list[dict[str, str]]:
    """The indicators of one half: the rows whose half has a name (column `name`) and its value (`value`)."""
    return [{"level1": row[0], "level2": row[1], "name": row[name], "value": row[value]}
            for row in SIDE_BY_SIDE if row[name]]


MEDIUM_INDICATORS = half(3, 2)
ANNUAL_INDICATORS = half(5, 4)


def expected_project(word: str = "中期", goal_notes: tuple[list[dict[str, str]], list[dict[str, str]]] = ([], []),
                     ) -> dict[str, Any]:
    period = word == "实施期"
    medium = {"id": "medium", "kind": "中期", "title": f"{word}目标（2026年—2028年）", "text": "目标1：改造薄弱学校12所。",
              "span": [2026, 2028]}
    annual = {"id": "annual", "kind": "年度", "title": "年度目标", "text": "目标1：完成4所学校改造。"}
    if period or goal_notes[0]:
        medium["notes"] = ([PERIOD_GOAL_NOTE] if period else []) + goal_notes[0]
    if goal_notes[1]:
        annual["notes"] = goal_notes[1]
    project = {"id": "p1", "name": "义务教育薄弱学校改造", "attribute": "延续项目", "period": "3年",
               "budget_unit": "某县第一中学", "budget": BUDGET,
               "goals": [medium | {"indicators": MEDIUM_INDICATORS}, annual | {"indicators": ANNUAL_INDICATORS}]}
    return project | ({"notes": [PERIOD_FUNDS_NOTE]} if period else {})


def assert_application(result: ImportResult, project: dict[str, Any]) -> None:
    filing = result.filing
    assert as_written(filing["projects"]) == [project]
    assert filing["department"] == DEPARTMENT
    assert (filing["title"], filing["money_unit"]) == ("项目支出绩效目标申报表（2026年度）", "万元")
    assert (filing["contact"], filing["filed_on"]) == (CONTACT, dt.date(2026, 1, 10))
    assert "notes" not in filing and "goals" not in filing
    assert not_placed(result) == LEADER_NOT_PLACED
    assert_checked(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_central_application_with_the_goals_indicators_side_by_side(tmp_path: Path, suffix: str) -> None:
    """Before: the side-by-side table was no indicator table (every cell 未放入), the amounts beside their labels
    were not read, and the 项目负责人's number was the filing's contact phone until the 填报人's replaced it."""
    assert_application(run(application(), tmp_path, suffix), expected_project())


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_whole_period_said_as_shishiqi(tmp_path: Path, suffix: str) -> None:
    """实施期资金总额, 实施期目标（…）, 实施期指标: the 中期 figures, goal and indicators, each said in a note. Before, the
    实施期 goal was a second 年度 goal (with the same id) and 实施期资金总额 was listed 未放入."""
    assert_application(run(application("实施期"), tmp_path, suffix), expected_project("实施期"))


def side_note(side: str) -> list[dict[str, str]]:
    return [{"field": "indicators", "text": f"原表的指标左右并列两组，表头没有写明各属哪个目标；编者按上方目标的左右顺序，"
                                            f"把{side}一组读作本目标的指标。"}]


@pytest.mark.parametrize("suffix", FORMATS)
def test_halves_without_heads_take_the_goals_above_in_their_order(tmp_path: Path, suffix: str) -> None:
    """一级 | 二级 | 三级 | 指标值 | 三级 | 指标值 in one header row: the 总体目标 row above names the goals left to right.
    Before, the right half's cells were read over the left's: the 中期 values were lost without a word."""
    result = run(application(heads=False), tmp_path, suffix)
    assert_application(result, expected_project(goal_notes=(side_note("左边"), side_note("右边"))))


def test_halves_of_the_printed_form_each_with_its_own_level2(tmp_path: Path) -> None:
    """财预〔2015〕88号's form: 一级指标 shared, each half with its own 二级指标 (中期指标 and 年度指标 over three)."""
    table = FormTable()
    table.add("绩效指标", "一级指标", ("中期指标", 3), ("年度指标", 3))
    table.add("", "", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
    table.merge_down(1, 0, 1)
    table.add("", "产出指标", "数量指标", "改造学校数", "12所", "数量指标", "改造学校数", "4所")
    table.add("", "满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "服务对象满意度指标", "师生满意度", "≥85%")
    table.merge_down(0, 0, 3)
    blocks = application()
    for suffix in ("xlsx", "txt"):
        (tmp_path / suffix).mkdir()
        goals = run(blocks[:3] + [table] + blocks[4:], tmp_path / suffix, suffix).filing["projects"][0]["goals"]
        assert [(goal["kind"], [(i["level2"], i["name"], i["value"]) for i in goal["indicators"]]) for goal in goals] \
            == [("中期", [("数量指标", "改造学校数", "12所"), ("服务对象满意度指标", "师生满意度", "≥90%")]),
                ("年度", [("数量指标", "改造学校数", "4所"), ("服务对象满意度指标", "师生满意度", "≥85%")])]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_halves_without_heads_or_their_goals_above_are_listed(tmp_path: Path, suffix: str) -> None:
    """Only a 年度目标 above two halves without heads: which half is its, nothing says. Every cell of the table is
    listed with the reason, none guessed."""
    table = side_by_side_table(heads=False)
    blocks = [FormText("项目支出绩效目标申报表"), FormText("主管部门：某县教育局"), FormText("项目名称：义务教育薄弱学校改造"),
              FormText("年度目标：完成4所学校改造。"), table]
    result = run(blocks, tmp_path, suffix)
    why = "原表指标表左右并列几组指标，表头和上方都没有写明各组属于哪个目标，未录入，请核对后手工录入"
    assert not_placed(result) == [(text, why) for row in table.grid() for text in row if text]
    assert result.filing["projects"][0]["goals"] == [{"id": "g1", "kind": "年度", "text": "完成4所学校改造。"}]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_amounts_written_with_their_labels_in_one_cell(tmp_path: Path, suffix: str) -> None:
    """"中期资金总额：300.00" | "年度资金总额：100.00", then "其中：财政拨款：280.00" | "其中：财政拨款：90.00": the left
    cell is the 中期 figure. Before, every one of these cells was listed 未放入."""
    result = run(application(amounts="cells"), tmp_path, suffix)
    assert as_written(result.filing["projects"][0]["budget"]) == BUDGET
    assert not_placed(result) == LEADER_NOT_PLACED


# --- Zhejiang: 实施期 beside 年度 in one indicator table, the amounts under their columns ------------------------------

def zhejiang_form() -> list[FormBlock]:
    table = FormTable()
    table.add("项目名称", ("义务教育薄弱学校改造", 2), "项目编码", ("33010026T000000001234", 2))
    table.add("主管部门及代码", ("[012001]某县教育局", 2), "实施单位", ("某县第一中学", 2))
    table.add("支出项目类别", ("专项业务类", 2), "项目期", ("2026年—2028年", 2))
    table.add("项目负责人", ("李四", 2), "联系电话", (LEADER_PHONE, 2))
    first = len(table.rows)
    table.add("项目资金（万元）", ("", 2), "实施期资金总额", ("年度资金总额", 2))
    table.add("", ("资金总额", 2), "300.00", ("100.00", 2))
    table.add("", ("其中：财政拨款", 2), "280.00", ("90.00", 2))
    table.add("", ("其他资金", 2), "20.00", ("10.00", 2))
    table.merge_down(0, first, len(table.rows) - 1)
    table.add("资金用途", ("用于校舍维修和设备购置。", 5))
    table.add("总体目标", ("实施期目标（2026年—2028年）", 2), ("年度目标", 3))
    table.add("", ("改造薄弱学校12所。", 2), ("完成4所学校改造。", 3))
    table.merge_down(0, len(table.rows) - 2, len(table.rows) - 1)
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "实施期指标值", "年度指标值", "指标值确定依据")
    indicators.add("产出指标", "数量指标", "改造学校数", "12所", "4所", "计划标准")
    indicators.add("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "≥85%", "历史标准")
    return [FormText("2026年项目支出绩效目标表"), FormText("单位：万元"), table, indicators,
            FormText("填报人：张三　　联系电话：13812345678")]


def zhejiang_indicators(value: int) -> list[dict[str, str]]:
    rows = [("产出指标", "数量指标", "改造学校数", "12所", "4所", "计划标准"),
            ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "≥85%", "历史标准")]
    return [{"level1": r[0], "level2": r[1], "name": r[2], "value": r[value], "basis": r[5]} for r in rows]


ZHEJIANG_PROJECT = {
    "code": "33010026T000000001234", "name": "义务教育薄弱学校改造", "category": "专项业务类", "period": "2026年—2028年",
    "budget_unit": "某县第一中学", "budget": BUDGET, "purpose": "用于校舍维修和设备购置。",
    "goals": [{"id": "medium", "kind": "中期", "title": "实施期目标（2026年—2028年）", "text": "改造薄弱学校12所。",
               "notes": [PERIOD_GOAL_NOTE], "span": [2026, 2028], "indicators": zhejiang_indicators(3)},
              {"id": "annual", "kind": "年度", "title": "年度目标", "text": "完成4所学校改造。",
               "indicators": zhejiang_indicators(4)}],
    "notes": [PERIOD_FUNDS_NOTE]}


@pytest.mark.parametrize("suffix", FORMATS)
def test_zhejiang_form_with_shishiqi_goal_values_and_funds(tmp_path: Path, suffix: str) -> None:
    """Before: the 实施期 goal was a second 年度 goal, its 实施期指标值 column was listed as having no field, and the
    实施期 column's amounts were the project's total budget while the 年度 column's were listed 未放入."""
    result = run(zhejiang_form(), tmp_path, suffix, kind="公开")
    filing = result.filing
    assert as_written(filing["projects"]) == [ZHEJIANG_PROJECT]
    assert filing["department"] == DEPARTMENT | {"code": "012001"}
    assert (filing["title"], filing["money_unit"], filing["contact"]) == ("2026年项目支出绩效目标表", "万元", CONTACT)
    assert "notes" not in filing and "goals" not in filing
    assert not_placed(result) == LEADER_NOT_PLACED
    assert_checked(result)


# --- people the content format has no field for: never the contact, never a goal --------------------------------------

def with_row_above_indicators(*cells: str | tuple[str, int]) -> list[FormBlock]:
    """A project's form whose last row, right above its indicator header, is `cells`."""
    table = FormTable()
    table.add("项目名称", ("义务教育薄弱学校改造", 3))
    table.add("主管部门", ("某县教育局", 3))
    table.add(*cells)
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "改造学校数", "4所")
    return [FormText("2026年项目支出绩效目标表"), table]


@pytest.mark.parametrize("cells, listed", [
    (("项目负责人", ("李四", 3)), [("项目负责人", person()), ("李四", person())]),
    (("单位负责人（签字）", ("王五", 3)), [("单位负责人（签字）", person("单位负责人（签字）")),
                                          ("王五", person("单位负责人（签字）"))]),
    (("项目负责人：李四", ("联系电话：0571-87654321", 3)),
     [("项目负责人：李四", person()), ("联系电话：0571-87654321", leader_phone())]),
    (("联系人及电话", ("张三 13800000000", 3)), [("联系人及电话", person("联系人及电话")),
                                               ("张三 13800000000", person("联系人及电话"))]),
])
@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_person_above_the_indicators_is_no_goal(tmp_path: Path, suffix: str, cells: tuple[Any, ...],
                                                  listed: list[tuple[str, str]]) -> None:
    """Before, the row right above the indicator header named the goal: "项目负责人" was published as the goal's title
    and "李四" (or a phone number) as its text."""
    result = run(with_row_above_indicators(*cells), tmp_path, suffix, kind="公开")
    goals = result.filing["projects"][0]["goals"]
    assert goals == [{"id": "g1", "kind": "年度", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "改造学校数", "value": "4所"}]}]
    assert "contact" not in result.filing
    assert not_placed(result) == listed


def test_the_filer_said_as_jingbanren(tmp_path: Path) -> None:
    """经办人 is the one who filled the form in: the filing's (unpublished) contact, never the goal's name."""
    result = run(with_row_above_indicators("经办人", ("张三", 3)), tmp_path, "xlsx", kind="公开")
    assert result.filing["contact"] == {"filer": "张三"}
    assert "title" not in result.filing["projects"][0]["goals"][0]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_a_line_of_people_reads_the_filer_and_lists_the_others(tmp_path: Path, suffix: str) -> None:
    """"单位负责人：王五　　经办人：张三　　联系电话：…": the 经办人 and the number after their name are the contact."""
    line = "单位负责人：王五　　经办人：张三　　联系电话：13812345678"
    result = run([FormText("2026年项目支出绩效目标表"), FormText("主管部门：某县教育局"), FormText("项目名称：义务教育薄弱学校改造"), FormText(line)],
                 tmp_path, suffix, kind="公开")
    assert result.filing["contact"] == CONTACT
    assert not_placed(result) == [(line, f"此行有3项，其余各项已录入；“单位负责人：王五”：{person('单位负责人')}")]


@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_a_leaders_line_is_never_the_contact_nor_a_goals_text(tmp_path: Path, suffix: str) -> None:
    """"项目负责人：李四　　联系电话：…" as a line after a 年度目标 waiting for its text: listed, not read as the goal's
    text, and the number is not the 填报人's."""
    line = f"项目负责人：李四　　联系电话：{LEADER_PHONE}"
    blocks = [FormText("2026年项目支出绩效目标表"), FormText("主管部门：某县教育局"), FormText("项目名称：义务教育薄弱学校改造"), FormText(line),
              FormText("年度目标"), FormText("完成4所学校改造。"), FormText(FOOTER)]
    result = run(blocks, tmp_path, suffix, kind="公开")
    assert result.filing["contact"] == CONTACT
    assert [goal.get("text") for goal in result.filing["projects"][0]["goals"]] == ["完成4所学校改造。"]
    assert not_placed(result) == [(line, f"此行有2项，“项目负责人：李四”：{person()}；"
                                         f"“联系电话：{LEADER_PHONE}”：{leader_phone()}")]
    assert LEADER_PHONE not in result.output.read_text(encoding="utf-8")


def test_no_leaders_number_anywhere_in_the_written_filing(tmp_path: Path) -> None:
    """The number beside the 项目负责人 is nowhere in the file; the 填报人's only in the contact."""
    for name, blocks in (("central", application()), ("zhejiang", zhejiang_form())):
        (tmp_path / name).mkdir()
        written = run(blocks, tmp_path / name, "docx").output.read_text(encoding="utf-8")
        assert LEADER_PHONE not in written and "李四" not in written
        assert written.count("13812345678") == 1 and 'contact: {filer: 张三, phone: "13812345678"}' in written


def with_second_contact(second: FormBlock) -> list[FormBlock]:
    """A form whose 填报人 and 联系电话 are in a row of its table, then `second` says another contact."""
    table = FormTable()
    table.add("项目名称", ("义务教育薄弱学校改造", 3))
    table.add("主管部门", ("某县教育局", 3))
    table.add("填报人", "张三", "联系电话", "13812345678")
    table.add("年度目标", ("完成4所学校改造。", 3))
    return [FormText("2026年项目支出绩效目标表"), table, second]


def second_contact(label: str, filed: str) -> str:
    return f"原表前面已有“{label}”为“{filed}”，文件格式中联系人只有一处，已按前一处录入，这一项未录入，请核对"


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_a_second_contact_is_listed_not_written_over_the_first(tmp_path: Path, suffix: str) -> None:
    """Before, a later 填报人 / 联系电话 replaced the first without a word: the first person's number was lost."""
    line = "填报人：王五　　联系电话：13900000000"
    result = run(with_second_contact(FormText(line)), tmp_path, suffix, kind="公开")
    assert result.filing["contact"] == CONTACT
    assert not_placed(result) == [(line, f"此行有2项，“填报人：王五”：{second_contact('填报人', '张三')}；"
                                         f"“联系电话：13900000000”：{second_contact('联系电话', '13812345678')}")]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_second_contact_in_a_row(tmp_path: Path, suffix: str) -> None:
    table = FormTable()
    table.add("联系人", "王五", "联系电话", "13812345678")  # the same number is no second contact
    result = run(with_second_contact(table), tmp_path, suffix, kind="公开")
    assert result.filing["contact"] == CONTACT
    assert not_placed(result) == [("联系人", second_contact("联系人", "张三")), ("王五", second_contact("联系人", "张三"))]


# --- 主管部门及代码: the code before or after the name in one cell ------------------------------------------------------

@pytest.mark.parametrize("label, written, notes", [
    ("主管部门及代码", "某县教育局[123001]", None),
    ("主管部门及代码", "某县教育局（123001）", None),
    ("主管部门及代码", "123001 某县教育局", None),
    ("主管部门", "某县教育局[123001]",
     [{"field": "department.name", "text": "原表写作“某县教育局[123001]”；编者去掉后面的编码，部门名称写作“某县教育局”。"}]),
])
@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_department_code_after_the_name(tmp_path: Path, suffix: str, label: str, written: str,
                                        notes: list[dict[str, str]] | None) -> None:
    """Before, a code after the name stayed in the published department name ("某县教育局[123001]")."""
    blocks = application()
    table = blocks[2]
    assert isinstance(table, FormTable)
    table.rows[1][:2] = [label, written]
    result = run(blocks, tmp_path, suffix)
    assert result.filing["department"] == (DEPARTMENT if notes is None else {"id": "jyj", "name": "某县教育局",
                                                                             "region": "ezhou"})
    assert result.filing.get("notes") == notes


@pytest.mark.parametrize("goal_row", ["实施期绩效目标（2026-2028年）", "实施期目标（2026年至2028年）"])
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_shishiqi_goal_as_a_row_with_its_years_joined(tmp_path: Path, suffix: str, goal_row: str) -> None:
    """"实施期绩效目标（2026-2028年） | …" as a row of its own: the 中期 goal; its years written "2026-2028年" are its
    span (before, only 2028 was read and no span was written)."""
    table = FormTable()
    table.add("项目名称", "义务教育薄弱学校改造")
    table.add("主管部门", "某县教育局")
    table.add(goal_row, "改造薄弱学校12所。")
    table.add("年度绩效目标", "完成4所学校改造。")
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "实施期指标值", "年度指标值")
    indicators.add("产出指标", "数量指标", "改造学校数", "12所", "4所")
    result = run([FormText("2026年项目支出绩效目标表"), table, indicators], tmp_path, suffix, kind="公开")
    goals = result.filing["projects"][0]["goals"]
    assert [(g["kind"], g.get("title"), g.get("span"), g["text"], g.get("notes"), g["indicators"][0]["value"])
            for g in goals] == [("中期", goal_row, [2026, 2028], "改造薄弱学校12所。",
                                 [PERIOD_GOAL_NOTE], "12所"),
                                ("年度", None, None, "完成4所学校改造。", None, "4所")]
    assert not_placed(result) == []
