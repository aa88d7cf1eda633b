"""`gongkai import` of 部门整体支出绩效目标表 as provinces and cities we had not seen lay them out.

1. 部门总体资金（万元） | 资金总额 over 按收入性质分 (一般公共预算, 政府性基金, 国有资本经营, 财政专户管理资金, 单位资金) and
   按支出性质分 (基本支出, 其中：人员经费, 公用经费, 项目支出): the department's funds, each amount as filed. Before, no cell
   of it was read and 资金总额 opened a nameless project that took the department's goals.
2. 年度主要任务 with each task's own 绩效目标 (or 绩效指标) column: the tasks are read; the content format's task has no
   goal, so each task's goal cell is listed with that reason. Before, the whole table was listed 未识别.
   A task table whose tasks carry their indicators (任务名称 | 主要内容 | 预算金额 | 一级指标 … merged down): the tasks
   are the filing's tasks and the indicators the goal's. Before, the task cells were listed as columns without field.
3. 年度绩效目标 written as numbered lines in one cell ("目标1：…；⏎目标2：…"), copied from a web page: the later lines
   continue the goal's text. Before, "目标2：…" became a goal of its own that took the indicator table.
4. The form's foot as one cell across the table in Word ("填报单位（盖章）：…　单位负责人：…　填表人：…　联系电话：…",
   or "审核人：…　填表人：…"): it ends the indicator table. Before, it was read as an indicator whose 一级指标 was
   the names and the phone: published. 填表人 and 制表人 are the filer (contact); 审核人 is a person without a field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "docx", "txt"]
TITLE = "2026年度部门整体支出绩效目标表"
PERSON = "原表“{}”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
TOTAL_ROW = "指标表的合计行（各指标分值、权重的合计）；文件格式中指标表没有合计的字段，未录入"


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> object:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"整体.{suffix}"), tmp_path, "jyj")


def indicator_table(total: bool = True) -> FormTable:
    """Indicators with 指标值确定依据 and 分值 columns, the 分值 summing to 100 on a 合计 row."""
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "分值")
    table.add("产出指标", "数量指标", "新建学校数", "3所", "区教育发展规划", "40")
    table.add("产出指标", "质量指标", "教师培训覆盖率", "100%", "历史标准", "30")
    table.add("效益指标", "社会效益指标", "家长满意度", "≥90%", "行业标准", "30")
    if total:
        table.add("合计", ("", 4), "100")
    return table


INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "新建学校数", "value": "3所", "basis": "区教育发展规划",
     "weight": "40"},
    {"level1": "产出指标", "level2": "质量指标", "name": "教师培训覆盖率", "value": "100%", "basis": "历史标准",
     "weight": "30"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "家长满意度", "value": "≥90%", "basis": "行业标准",
     "weight": "30"}]
TOTAL_LISTED = [("合计", TOTAL_ROW), ("100", TOTAL_ROW)]
MEDIUM_NOTE = "原表写作“中长期目标”；本网站的目标分长期、中期、年度三类，编者列为中期目标。"


# --- 1. 部门总体资金 by 收入性质 and 支出性质 ----------------------------------------------------------------------

def funds_form(label: str) -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门（单位）名称", ("上海市某区教育局", 4))
    identity.add("部门职能职责概述", ("负责全区教育事业发展规划。", 4))
    funds = FormTable()
    funds.add(label, "资金总额", ("12345.67", 3))
    lines = [("按收入性质分", "一般公共预算", "11000.00"), ("", "政府性基金", "1000.00"), ("", "国有资本经营", "0"),
             ("", "财政专户管理资金", "200.67"), ("", "单位资金", "145.00"), ("按支出性质分", "基本支出", "9000.00"),
             ("", "其中：人员经费", "8000.00"), ("", "公用经费", "1000.00"), ("", "项目支出", "3345.67")]
    for group, name, amount in lines:
        funds.add("", group, name, (amount, 2))
    funds.merge_down(0, 0, 9)
    funds.merge_down(1, 1, 5)
    funds.merge_down(1, 6, 9)
    goals = FormTable()
    goals.add("中长期目标", ("到2028年，义务教育优质均衡发展。", 4))
    goals.add("年度目标", ("目标1：完成3所学校新建；目标2：教师培训覆盖率达到100%。", 4))
    return [FormText("上海市某区教育局" + TITLE), FormText("金额单位：万元"), identity, funds, goals, indicator_table()]


EXPECTED_FUNDS = {
    "income": {"lines": [{"name": "一般公共预算", "amount": "11000.00"}, {"name": "政府性基金", "amount": "1000.00"},
                         {"name": "国有资本经营", "amount": "0"}, {"name": "财政专户管理资金", "amount": "200.67"},
                         {"name": "单位资金", "amount": "145.00"}],
               "total": {"name": "资金总额", "amount": "12345.67"}},
    "expenditure": {"lines": [{"name": "基本支出", "amount": "9000.00"}, {"name": "其中：人员经费", "amount": "8000.00"},
                              {"name": "公用经费", "amount": "1000.00"}, {"name": "项目支出", "amount": "3345.67"}],
                    "total": {"name": "资金总额", "amount": "12345.67", "notes": [
                        {"text": "原表“资金总额”只有一格，是收入和支出共同的总额；编者同时录入为收入合计和支出合计。"}]}}}


@pytest.mark.parametrize("label", ["部门总体资金（万元）", "部门总体资金情况"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_department_funds_by_kind_of_income_and_spending(tmp_path: Path, suffix: str, label: str) -> None:
    """Before: every cell of the grid listed 未识别, 资金总额 read as the budget of a nameless project `p1` that took
    the 中长期目标, the 年度目标 and the indicators."""
    result = run(funds_form(label), tmp_path, suffix)
    filing = as_written(result.filing)
    assert filing["funds"] == EXPECTED_FUNDS
    assert "projects" not in filing
    assert filing["functions"] == "负责全区教育事业发展规划。"
    assert filing["goals"] == [
        {"id": "g1", "kind": "中期", "title": "中长期目标", "text": "到2028年，义务教育优质均衡发展。",
         "notes": [{"field": "kind", "text": MEDIUM_NOTE}]},
        {"id": "g2", "kind": "年度", "text": "目标1：完成3所学校新建；目标2：教师培训覆盖率达到100%。", "indicators": INDICATORS}]
    assert not_placed(result) == TOTAL_LISTED
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_department_funds_heads_in_a_row(tmp_path: Path, suffix: str) -> None:
    """The same grid laid across: 按收入性质分 / 按支出性质分 over the kinds, the amounts on the row below."""
    identity = FormTable()
    identity.add("部门名称", ("江西省某县文广新旅局", 8))
    funds = FormTable()
    funds.add("部门总体资金（万元）", "资金总额", ("按收入性质分", 4), ("按支出性质分", 3))
    funds.add("", "", "一般公共预算", "政府性基金", "财政专户管理资金", "单位资金", "基本支出", "项目支出", "")
    funds.add("", "860.50", "800.00", "50.00", "0", "10.50", "600.50", "260.00", "")
    funds.merge_down(0, 0, 2)
    funds.merge_down(1, 0, 1)
    result = run([FormText(TITLE), identity, funds], tmp_path, suffix)
    filing = as_written(result.filing)
    total = {"name": "资金总额", "amount": "860.50"}
    assert filing["funds"] == {
        "income": {"lines": [{"name": "一般公共预算", "amount": "800.00"}, {"name": "政府性基金", "amount": "50.00"},
                             {"name": "财政专户管理资金", "amount": "0"}, {"name": "单位资金", "amount": "10.50"}],
                   "total": total},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "600.50"}, {"name": "项目支出", "amount": "260.00"}],
                        "total": total | {"notes": EXPECTED_FUNDS["expenditure"]["total"]["notes"]}}}
    assert filing["money_unit"] == "万元"
    assert "projects" not in filing
    assert not_placed(result) == []


# --- 2. 年度主要任务 with each task's goal ------------------------------------------------------------------------

TASK_GOAL = "年度主要任务表中这一任务的“{}”；文件格式中年度主要任务没有绩效目标、指标的字段，未录入，请手工录入到部门的目标中"


def task_form(goal_head: str) -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门名称", ("重庆市某区交通局", 3))
    tasks = FormTable()
    tasks.add("任务名称", "主要内容", "预算金额（万元）", goal_head)
    tasks.add("农村公路养护", "养护农村公路500公里", "800.00", "农村公路优良中等路率达到85%")
    tasks.add("公交运营补贴", "补贴城市公交企业", "1200.5", "公交准点率≥95%")
    tasks.add("金额合计", "", "2000.50", "")
    goals = FormTable()
    goals.add("中长期目标", "到2028年建成现代综合交通体系。", "年度目标", "完成农村公路养护500公里。")
    return [FormText(TITLE), identity, tasks, goals, indicator_table(total=False)]


@pytest.mark.parametrize("goal_head", ["绩效目标", "绩效指标", "年度绩效目标"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_task_rows_with_their_own_goal(tmp_path: Path, suffix: str, goal_head: str) -> None:
    """Before: the header was no task table's (its goal column none of its columns): every cell listed 未识别, the
    goals went to a nameless project."""
    result = run(task_form(goal_head), tmp_path, suffix)
    filing = as_written(result.filing)
    assert filing["tasks"] == {
        "lines": [{"name": "农村公路养护", "content": "养护农村公路500公里", "budget": {"total": "800.00"}},
                  {"name": "公交运营补贴", "content": "补贴城市公交企业", "budget": {"total": "1200.5"}}],
        "total": {"total": "2000.50"}}
    assert filing["money_unit"] == "万元"
    assert "projects" not in filing
    assert [(g["kind"], g.get("text")) for g in filing["goals"]] == [("中期", "到2028年建成现代综合交通体系。"),
                                                                     ("年度", "完成农村公路养护500公里。")]
    assert filing["goals"][1]["indicators"] == INDICATORS
    why = TASK_GOAL.format(goal_head)
    assert not_placed(result) == [("农村公路优良中等路率达到85%", why), ("公交准点率≥95%", why)]


def tasks_with_indicators() -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门名称", ("安徽省某县水利局", 6))
    table = FormTable()
    table.add("任务名称", "主要内容", "预算金额", "一级指标", "二级指标", "三级指标", "指标值")
    table.add("河道治理", "治理河道20公里", "500.00", "产出指标", "数量指标", "治理河道长度", "20公里")
    table.add("", "", "", "效益指标", "生态效益指标", "水质达标率", "≥90%")
    table.add("水库除险", "除险加固水库3座", "300", "产出指标", "数量指标", "除险水库数", "3座")
    for column in range(3):
        table.merge_down(column, 1, 2)
    return [FormText(TITLE), FormText("单位：万元"), identity, table]


@pytest.mark.parametrize("suffix", FORMATS)
def test_tasks_with_their_indicators(tmp_path: Path, suffix: str) -> None:
    """任务名称 | 主要内容 | 预算金额 merged down beside each task's indicators. Before: the indicators were read, but
    the task cells were listed as columns "在文件格式中没有对应的字段" although the format has `tasks`."""
    result = run(tasks_with_indicators(), tmp_path, suffix)
    filing = as_written(result.filing)
    assert filing["tasks"] == {
        "lines": [{"name": "河道治理", "content": "治理河道20公里", "budget": {"total": "500.00"}},
                  {"name": "水库除险", "content": "除险加固水库3座", "budget": {"total": "300"}}]}
    [goal] = filing["goals"]
    assert [(i["level1"], i["level2"], i["name"], i["value"]) for i in goal["indicators"]] == [
        ("产出指标", "数量指标", "治理河道长度", "20公里"), ("效益指标", "生态效益指标", "水质达标率", "≥90%"),
        ("产出指标", "数量指标", "除险水库数", "3座")]
    assert goal["notes"][-1] == {"text": "原表的指标按年度主要任务逐项列出（任务名称、主要内容、预算金额在各指标旁）；"
                                         "文件格式中任务没有指标，编者把各任务录入年度主要任务，把指标录入这一目标。"}
    assert not_placed(result) == []


# --- 3. numbered goal lines in one cell ---------------------------------------------------------------------------

def numbered_form(lines: list[str]) -> list[FormBlock]:
    identity = FormTable()
    identity.add("单位名称", ("广西某县卫生健康局", 5))
    identity.add("年度绩效目标", ("\n".join(lines), 5))
    return [FormText(TITLE), FormText("单位：万元"), identity, indicator_table()]


@pytest.mark.parametrize("lines", [["目标1：完成疫苗接种；", "目标2：建成村卫生室10个；", "目标3：群众满意度达到90%。"],
                                   ["1.完成疫苗接种；", "2.建成村卫生室10个。"],
                                   ["（一）完成疫苗接种；", "（二）建成村卫生室10个。"]])
@pytest.mark.parametrize("suffix", FORMATS)
def test_numbered_goal_lines_in_one_cell(tmp_path: Path, suffix: str, lines: list[str]) -> None:
    """Before, in copied text: goal g1 "目标1：…" without indicators, and a goal titled "目标2" that took the table."""
    result = run(numbered_form(lines), tmp_path, suffix)
    filing = as_written(result.filing)
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "text": "\n".join(lines), "indicators": INDICATORS}]
    assert not_placed(result) == TOTAL_LISTED


def test_numbered_lines_out_of_sequence_stay_apart(tmp_path: Path) -> None:
    """Guard: a line numbered "目标1：" after a goal ending in "目标1：" does not continue it (no next number)."""
    blocks = numbered_form(["目标1：完成疫苗接种。"])
    blocks.insert(3, FormText("目标1：建成村卫生室10个。"))
    filing = as_written(run(blocks, tmp_path, "txt").filing)
    assert filing["goals"][0]["text"] == "目标1：完成疫苗接种。"
    assert all("建成村卫生室" not in goal.get("text", "") or goal["id"] != "g1" for goal in filing["goals"])


# --- 4. the form's foot -------------------------------------------------------------------------------------------

def foot_form(foot: list[str], split: bool) -> list[FormBlock]:
    """The foot as one cell merged across the table (or, `split`, as label | value cells) right under 合计."""
    table = FormTable()
    table.add("部门（单位）名称", ("福建省某市财政局", 5))
    table.add("年度绩效目标", ("预算执行率达到95%。", 5))
    for row in indicator_table().rows:
        table.add(*row)
    if split:
        table.add(*[cell for part in foot for cell in part.split("：")])
    else:
        table.add(("　　".join(foot), 6))
    return [FormText(TITLE), FormText("单位：万元"), table]


SIGNED = ["填报单位（盖章）：福建省某市财政局", "单位负责人：王五", "填表人：张三", "联系电话：0591-87654321"]
REVIEWED = ["审核人：李四", "制表人：张三", "联系电话：13812345678"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_signature_line_across_the_indicator_table(tmp_path: Path, suffix: str) -> None:
    """Before, in Word: a fourth indicator {level1: "填报单位（盖章）：…　单位负责人：王五　填表人：张三　联系电话：…"}."""
    result = run(foot_form(SIGNED, split=False), tmp_path, suffix)
    filing = as_written(result.filing)
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "text": "预算执行率达到95%。", "indicators": INDICATORS}]
    assert filing["department"]["name"] == "福建省某市财政局"
    assert filing["contact"] == {"filer": "张三", "phone": "0591-87654321"}
    assert not_placed(result) == TOTAL_LISTED + [(
        "　　".join(SIGNED), f"此行有4项，其余各项已录入；“单位负责人：王五”：{PERSON.format('单位负责人')}")]


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("suffix", FORMATS)
def test_reviewer_and_table_maker_at_the_foot(tmp_path: Path, suffix: str, split: bool) -> None:
    """Before: 审核人 and 制表人 were no labels: the row was an indicator (审核人 | 李四 | 制表人 | 张三 | 联系电话 | …
    as level1, level2, name, value …), the names and the phone published."""
    result = run(foot_form(REVIEWED, split), tmp_path, suffix)
    filing = as_written(result.filing)
    assert filing["goals"][0]["indicators"] == INDICATORS
    assert filing["contact"] == {"filer": "张三", "phone": "13812345678"}
    listed = [text for text, _ in not_placed(result)]
    assert "李四" in listed or any(text.startswith("审核人：李四") for text in listed)


# --- guards -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_head_of_unit_phone_is_not_the_filers(tmp_path: Path, suffix: str) -> None:
    """Guard: "单位负责人：王五　联系电话：…" is the head's phone, listed; the filer's own line gives contact."""
    blocks = numbered_form(["目标1：完成疫苗接种；", "目标2：建成村卫生室10个。"])
    blocks += [FormText("单位负责人：王五　　联系电话：13900001111"), FormText("填表人：张三　　联系电话：0771-5551234")]
    result = run(blocks, tmp_path, suffix)
    assert result.filing["contact"] == {"filer": "张三", "phone": "0771-5551234"}
    assert "13900001111" not in str(as_written(result.filing))


@pytest.mark.parametrize("suffix", FORMATS)
def test_medium_and_annual_goals_side_by_side(tmp_path: Path, suffix: str) -> None:
    """Guard: "中长期目标 | … | 年度目标 | …" on one row of a department form: the department's two goals."""
    identity = FormTable()
    identity.add("部门名称", ("陕西省某市民政局", 3))
    identity.add("中长期目标", "到2028年健全社会救助体系。", "年度目标", "按时足额发放救助资金。")
    filing = as_written(run([FormText(TITLE), identity, indicator_table()], tmp_path, suffix).filing)
    assert "projects" not in filing
    assert filing["goals"] == [
        {"id": "g1", "kind": "中期", "title": "中长期目标", "text": "到2028年健全社会救助体系。",
         "notes": [{"field": "kind", "text": MEDIUM_NOTE}]},
        {"id": "g2", "kind": "年度", "text": "按时足额发放救助资金。", "indicators": INDICATORS}]
