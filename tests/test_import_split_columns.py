"""`gongkai import` of indicator tables whose columns split what the seeds keep in one cell.

Templates of provinces not among the seeds spread an indicator over more columns: the comparator in a column of its
own (符号, 指标方向: "≥ | 95 | %", "定性 | 好 |"), 指标性质 beside it, 计算方法 and 数据来源, a 分值 and a 权重 column,
the targets of three years ("2026年目标值 | 2027年 | 2028年") or "上年完成值 | 本年目标值". Each table is drawn with the
tests/forms helpers as a 部门整体 or a 项目支出 form and put into the formats where it occurs; the imported indicators
and the 未放入 list are compared exactly: every figure as filed, a column without a field listed with why, never
dropped and never merged into another field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from generator.indicator_values import parse_value
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_indicator_variants import imported, indicator_form, indicators_of, without_notes
from tests.test_import_tasks import write

Row = tuple[str, ...]
PROJECT_GOAL = "完成农村公路日常养护300公里。"


def without_field(head: str) -> str:
    return f"原表“{head}”一列在文件格式中没有对应的字段，未录入"


def later_year(head: str, year: int) -> str:
    return (f"原表“{head}”一列是{year}年（本年度2026年以后）的目标值；文件格式中只有本年度的指标值和往年指标值（prior），"
            "没有以后年度的字段，未录入")


def twin(head: str, kept: str, label: str) -> str:
    return (f"原表“{head}”一列与“{kept}”一列在文件格式中都是“{label}”，一个指标只录一项，已按“{kept}”一列录入，"
            "此列未录入，请核对两列")


def as_type(head: str, text: str) -> dict[str, str]:
    """The note on a comparator (≥) or a nature (定性) read as value_type from a 指标方向 column."""
    if text in ("定性", "定量"):
        said = f"原表“{head}”一列此格为“{text}”，是指标的性质，不是正向、反向这样的方向"
    else:
        said = f"原表“{head}”一列此格为比较符“{text}”，不是正向、反向这样的方向"
    return {"field": "value_type", "text": f"{said}；原表此行没有指标值类型，编者读作指标值类型。"}


def project_form(header: Row, rows: list[Row]) -> list[FormBlock]:
    """A 项目支出绩效目标表: the project's rows, then its indicator table with the 一级 labels merged down."""
    project = FormTable()
    project.add("项目名称", "农村公路养护", "项目编码", "42070122T000000012345")
    project.add("主管部门", "某县交通运输局", "实施单位", "某县公路养护中心")
    project.add("项目总额（万元）", "80.00", "本年度预算", "80.00")
    project.add("年度目标", (PROJECT_GOAL, 3))
    table = FormTable()
    table.add(*header)
    for row in rows:
        table.add(*row)
    start = 0
    for index in range(1, len(rows) + 1):
        if index == len(rows) or rows[index][0] != rows[start][0]:
            for row_index in range(start + 2, index + 1):
                table.rows[row_index][0] = ""
            table.merge_down(0, start + 1, index)
            start = index
    return [FormText("2026年项目支出绩效目标表"), FormText("单位：万元"), FormText("项目一：农村公路养护项目"), project, table]


def project_import(header: Row, rows: list[Row], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(project_form(header, rows), tmp_path / f"项目.{suffix}"), tmp_path, "jtj")


def project_indicators(result: ImportResult) -> list[dict]:
    [project] = result.filing["projects"]
    assert project["name"] == "农村公路养护"
    [goal] = project["goals"]
    assert goal["text"] == PROJECT_GOAL and "prior_years" not in goal
    return goal["indicators"]


# --- 1. 分值 and 权重 both filed ----------------------------------------------------------------------------------------

SCORED = [("产出指标", "数量指标", "养护里程", "≥95", "%", "10", "10%"),
          ("产出指标", "质量指标", "合格率", "95%", "%", "20", "20%"),
          ("效益指标", "社会效益指标", "群众满意", "好", "", "10", "10%")]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_分值_beside_权重_is_read_once_and_the_other_listed(tmp_path: Path, suffix: str) -> None:
    """Both name the weight: before, the 权重 column silently replaced the 分值 one (10, 20, 10 lost, never listed)."""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值", "权重(%)")
    result = imported(indicator_form(header, SCORED), tmp_path, suffix)
    assert without_notes(indicators_of(result)) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥95", "unit": "%", "weight": "10"},
        {"level1": "产出指标", "level2": "质量指标", "name": "合格率", "value": "95%", "unit": "%", "weight": "20"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众满意", "value": "好", "weight": "10"}]
    why = twin("权重(%)", "分值", "分值")
    assert not_placed(result) == [("权重(%)", why), ("10%", why), ("20%", why), ("10%", why)]


# --- 2. targets of the years after the filing's -----------------------------------------------------------------------

THREE_YEARS = ("一级指标", "二级指标", "三级指标", "指标方向", "2026年目标值", "2027年", "2028年", "计量单位", "备注")
THREE_YEAR_ROWS = [("产出指标", "数量指标", "养护里程", "≥", "300", "310", "320", "公里", ""),
                   ("产出指标", "质量指标", "优良路率", "正向", "≥85%", "≥86%", "≥87%", "%", "抽检"),
                   ("满意度指标", "服务对象满意度指标", "群众满意度", "定性", "满意", "满意", "基本满意", "", "")]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_three_years_of_targets_keep_this_years_and_list_the_later_ones(tmp_path: Path, suffix: str) -> None:
    """"2026年目标值 | 2027年 | 2028年" in a 2026 project form: before, 2027 and 2028 were read as prior (往年) values."""
    result = project_import(THREE_YEARS, THREE_YEAR_ROWS, tmp_path, suffix)
    indicators = project_indicators(result)
    assert without_notes(indicators) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "300", "value_type": "≥", "unit": "公里"},
        {"level1": "产出指标", "level2": "质量指标", "name": "优良路率", "value": "≥85%", "unit": "%", "remark": "抽检"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "满意", "value_type": "定性"}]
    assert indicators[0]["notes"][-1] == as_type("指标方向", "≥")
    assert indicators[2]["notes"] == [as_type("指标方向", "定性")]
    y27, y28 = later_year("2027年", 2027), later_year("2028年", 2028)
    assert not_placed(result) == [("2027年", y27), ("2028年", y28), ("310", y27), ("320", y28),
                                  ("正向", without_field("指标方向")), ("≥86%", y27), ("≥87%", y28),
                                  ("满意", y27), ("基本满意", y28)]
    assert result.check.errors == []


def test_later_years_are_told_by_the_year_of_the_title(tmp_path: Path) -> None:
    """Without --year the title's 2026 is the filing's year: "2026年 | 2027年 | 2028年" reads as above."""
    header = ("一级指标", "二级指标", "三级指标", "2026年", "2027年", "2028年", "计量单位")
    rows = [("产出指标", "数量指标", "养护里程", "≥95", "≥96", "≥97", "公里")]
    result = imported(indicator_form(header, rows), tmp_path, "xlsx", year=None)
    assert result.filing["fiscal_year"] == 2026 and "prior_years" not in result.filing["goals"][0]
    assert indicators_of(result) == [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥95",
                                      "unit": "公里"}]
    y27, y28 = later_year("2027年", 2027), later_year("2028年", 2028)
    assert not_placed(result) == [("2027年", y27), ("2028年", y28), ("≥96", y27), ("≥97", y28)]


# --- 3. 上年完成值 | 本年目标值 ----------------------------------------------------------------------------------------

TWO_YEARS = [("产出指标", "数量指标", "养护里程", "≥95", "≥96", "公里"),
             ("产出指标", "质量指标", "合格率", "95%", "98%", "%"),
             ("效益指标", "社会效益指标", "群众满意", "好", "较好", "")]


@pytest.mark.parametrize("heads", [("上年完成值", "本年目标值"), ("上年目标值", "本年度指标值")])
@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_本年目标值_is_the_value_beside_上年完成值(tmp_path: Path, suffix: str, heads: tuple[str, str]) -> None:
    """Before, 本年目标值 was a column without a field: every indicator lost its value to the 未放入 list."""
    header = ("一级指标", "二级指标", "三级指标", *heads, "计量单位")
    result = imported(indicator_form(header, TWO_YEARS), tmp_path, suffix)
    assert without_notes(indicators_of(result)) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥96", "unit": "公里",
         "prior": {2025: "≥95"}},
        {"level1": "产出指标", "level2": "质量指标", "name": "合格率", "value": "98%", "unit": "%", "prior": {2025: "95%"}},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众满意", "value": "较好", "prior": {2025: "好"}}]
    assert result.filing["goals"][0]["prior_years"] == [2025]
    assert not_placed(result) == []


# --- 4. a copied row that lost its merged 一级 slot and ends in a blank cell --------------------------------------------

NATURE = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "计算方法", "数据来源", "备注")
NATURE_ROWS = [("产出指标", "数量指标", "养护里程", "定量", "≥95", "公里", "完成里程之和", "统计台账", "无"),
               ("产出指标", "质量指标", "合格率", "定量", "95%", "%", "合格数/总数", "验收报告", ""),
               ("效益指标", "社会效益指标", "群众满意", "定性", "好", "", "问卷", "问卷调查", "抽样")]
NATURE_READ = [
    {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥95", "value_type": "定量", "unit": "公里",
     "remark": "无"},
    {"level1": "产出指标", "level2": "质量指标", "name": "合格率", "value": "95%", "value_type": "定量", "unit": "%"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "群众满意", "value": "好", "value_type": "定性",
     "remark": "抽样"}]
NATURE_LISTED = [("计算方法", without_field("计算方法")), ("数据来源", without_field("数据来源")),
                 ("完成里程之和", without_field("计算方法")), ("统计台账", without_field("数据来源")),
                 ("合格数/总数", without_field("计算方法")), ("验收报告", without_field("数据来源")),
                 ("问卷", without_field("计算方法")), ("问卷调查", without_field("数据来源"))]


def test_a_copied_row_ending_in_a_blank_cell_moves_by_its_width(tmp_path: Path) -> None:
    """"质量指标\\t合格率\\t定量\\t95%\\t%\\t合格数/总数\\t验收报告\\t": the copy dropped the merged 一级 slot on the left and
    kept the empty 备注 on the right. Before, the row was read from the right: "质量指标" became the name, 合格率 the
    指标值类型, 定量 the value, 95% the unit and 验收报告 the 备注."""
    result = imported(indicator_form(NATURE, NATURE_ROWS), tmp_path, "txt")
    indicators = indicators_of(result)
    assert without_notes(indicators) == NATURE_READ
    assert "notes" not in indicators[1]  # the slot was the copy's, not the form's: no note (test_import_note_truth)
    assert not_placed(result) == NATURE_LISTED


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html"])
def test_指标性质_计算方法_数据来源_备注_in_a_grid(tmp_path: Path, suffix: str) -> None:
    """Guard: the same table in a real grid; 指标性质 is the value's type, 计算方法 and 数据来源 are listed."""
    result = imported(indicator_form(NATURE, NATURE_ROWS), tmp_path, suffix)
    indicators = indicators_of(result)
    assert indicators == NATURE_READ
    assert not_placed(result) == NATURE_LISTED


# --- 5. the sign in a column of its own: how it is written ------------------------------------------------------------

SIGNED = [("产出指标", "数量指标", "养护里程", "≥", "95", "%"),
          ("产出指标", "时效指标", "处置时间", "≤", "3", "天"),
          ("产出指标", "质量指标", "合格率", "＝", "100", "%"),
          ("效益指标", "社会效益指标", "群众满意", "定性", "好", ""),
          ("效益指标", "社会效益指标", "知晓率", "＞＝", "80", "%"),
          ("效益指标", "社会效益指标", "投诉率", "＜＝", "2", "%"),
          ("效益指标", "社会效益指标", "覆盖率", "大于等于", "70", "%"),
          ("效益指标", "社会效益指标", "到位率", "不低于", "60", "%"),
          ("效益指标", "社会效益指标", "使用率", "正向", "50", "%"),
          ("效益指标", "可持续影响指标", "运行年限", "定量", "5", "年")]


def signed_read() -> list[dict]:
    read = []
    for level1, level2, name, sign, value, unit in SIGNED:
        indicator = {"level1": level1, "level2": level2, "name": name, "value": value}
        if sign != "正向":
            indicator["value_type"] = sign
        read.append(indicator | ({"unit": unit} if unit else {}))
    return read


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_a_sign_column_holds_comparators_and_natures(tmp_path: Path, suffix: str) -> None:
    """"符号": ≥ ≤ ＝ 大于等于 不低于 are comparators, 定性 and 定量 the value's nature: each is the value's type.
    Before, "＞＝", "＜＝" (both characters full-width) and 定性/定量 were listed as "no field" and the value read as
    "80 %" where ≥ 80 % was filed. 正向 is a direction, no sign: still listed."""
    header = ("一级指标", "二级指标", "三级指标", "符号", "指标值", "计量单位")
    result = imported(indicator_form(header, SIGNED), tmp_path, suffix)
    assert without_notes(indicators_of(result)) == signed_read()
    assert not_placed(result) == [("正向", without_field("符号"))]


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_a_direction_column_holding_signs_and_natures_says_so(tmp_path: Path, suffix: str) -> None:
    """Under 指标方向 the same cells are read as the value's type with the editor's note; 正向 stays listed."""
    header = ("一级指标", "二级指标", "三级指标", "指标方向", "指标值", "计量单位")
    result = imported(indicator_form(header, SIGNED), tmp_path, suffix)
    indicators = indicators_of(result)
    assert without_notes(indicators) == signed_read()
    assert [i.get("notes") for i in indicators] == [
        None if sign == "正向" else [as_type("指标方向", sign)] for *_, sign, _, _ in SIGNED]
    assert not_placed(result) == [("正向", without_field("指标方向"))]


def test_full_width_two_character_comparators_parse() -> None:
    """"＞＝95" as one cell, and "＞＝" as the value's type beside "95", mean ≥ 95 like ">=95"."""
    assert parse_value("＞＝95%") == parse_value(">=95%") == parse_value("95", "＞＝", "%")
    assert parse_value("＜＝3天").comparator == parse_value("2", "<＝").comparator == "≤"


def test_a_nature_in_the_sign_column_gives_way_to_指标性质(tmp_path: Path) -> None:
    """Guard: where the row's own 指标性质 says 定量, a 定性 under 符号 does not replace it; it stays listed."""
    header = ("一级指标", "二级指标", "三级指标", "指标性质", "符号", "指标值", "计量单位")
    rows = [("产出指标", "数量指标", "养护里程", "定量", "定性", "95", "公里")]
    result = imported(indicator_form(header, rows), tmp_path, "xlsx")
    assert indicators_of(result) == [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "95",
                                      "value_type": "定量", "unit": "公里"}]
    assert not_placed(result) == [("符号", without_field("符号")), ("定性", without_field("符号"))]


# --- 6. guards: what already reads right ------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_年度指标值_beside_中期指标值_fills_both_goals(tmp_path: Path, suffix: str) -> None:
    header = ("一级指标", "二级指标", "三级指标", "年度指标值", "中期指标值", "计量单位")
    rows = [("产出指标", "数量指标", "养护里程", "≥95", "≥300", "公里"),
            ("效益指标", "社会效益指标", "群众满意", "好", "较好", "")]
    result = imported(indicator_form(header, rows), tmp_path, suffix)
    mid, annual = result.filing["goals"]
    assert (mid["kind"], annual["kind"]) == ("中期", "年度")
    assert without_notes(mid["indicators"]) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300", "unit": "公里"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众满意", "value": "较好"}]
    assert annual["text"] == "年度目标：完成农村公路养护。"
    assert without_notes(annual["indicators"]) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥95", "unit": "公里"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众满意", "value": "好"}]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_a_unit_said_twice_stays_as_filed(tmp_path: Path, suffix: str) -> None:
    """"95%" with 计量单位 "%", "≥95" with "%": the value and the unit each as filed, nothing moved between them."""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "计量单位", "指标解释")
    rows = [("产出指标", "质量指标", "合格率", "95%", "%", "合格数占比"),
            ("产出指标", "质量指标", "达标率", "≥95", "%", "达标数占比"),
            ("产出指标", "数量指标", "养护里程", "1,200.50", "公里", "")]
    result = imported(indicator_form(header, rows), tmp_path, suffix)
    assert indicators_of(result) == [
        {"level1": "产出指标", "level2": "质量指标", "name": "合格率", "value": "95%", "unit": "%",
         "description": "合格数占比"},
        {"level1": "产出指标", "level2": "质量指标", "name": "达标率", "value": "≥95", "unit": "%",
         "description": "达标数占比"},
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "1,200.50", "unit": "公里"}]
    assert not_placed(result) == [] and result.check.errors == []
