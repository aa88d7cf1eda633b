"""`gongkai import` of the forms departments file after the targets: 绩效目标调整表 and 绩效运行监控表.

A 项目支出绩效目标调整表 (部门整体绩效目标调整申请表) gives each target, goal and budget before and after its adjustment
("原指标值 | 调整后指标值 | 调整原因", "年度目标 | 调整前 | 调整后", "原预算数 | 调整后预算数"): the adjusted one is the
year's target and is imported; the one it replaced is listed 未放入 with a reason saying so, never read in its place.
A 绩效运行监控表 (绩效监控情况表) reports part way through the year how far the targets are carried out ("1-7月实际完成值",
"截至6月底执行情况", "1-7月执行数") and expected to be ("全年预计完成值", "完成目标可能性"): its targets are imported as
a 自评表's are, every monitoring figure is listed with a reason saying it is monitoring (neither a target nor the
year's final 实际完成值), and the filing's note says the source was a 监控表, not a 自评表.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write


def replaced(head: str) -> str:
    return (f"原表“{head}”是调整前的内容（绩效目标调整表），绩效目标以调整后的为准，已按调整后的一栏录入；"
            "文件格式没有调整前的字段，未录入")


def monitored(head: str) -> str:
    return (f"原表“{head}”属于绩效运行监控（年度中的执行情况、预算调整和预计完成情况），不是绩效目标，也不是全年的实际完成值；"
            "文件格式只录入绩效目标，没有对应的字段，未录入")


def without_field(head: str) -> str:
    return f"原表“{head}”一列在文件格式中没有对应的字段，未录入"


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"表.{suffix}"), tmp_path, "jt", year=2026)


def without_notes(indicators: list[dict]) -> list[dict]:
    return [{k: v for k, v in indicator.items() if k != "notes"} for indicator in indicators]


def indicator(level1: str, level2: str, name: str, value: str) -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "value": value}


# --- 项目支出绩效目标调整表 ------------------------------------------------------------------------

def project_adjustment(before: str = "原预算数", after: str = "调整后预算数") -> list[FormBlock]:
    """Budget "原预算数 | 调整后预算数" over its split, 年度目标 "调整前 | 调整后" over the two texts, and the indicators
    with "原指标值 | 调整后指标值 | 调整原因"."""
    t = FormTable()
    t.add("项目名称", ("乡村道路养护", 6))
    t.add("主管部门", ("某县交通运输局", 2), "实施单位", ("某县公路养护中心", 3))
    top = len(t.rows)
    t.add("项目资金（万元）", ("", 2), (before, 2), (after, 2))
    t.add("", ("年度资金总额", 2), ("100.00", 2), ("80.00", 2))
    t.add("", ("其中：财政拨款", 2), ("100.00", 2), ("80.00", 2))
    t.add("", ("其他资金", 2), ("0", 2), ("0", 2))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("年度目标", ("调整前", 3), ("调整后", 3))
    t.add("", ("完成养护里程50公里", 3), ("完成养护里程40公里", 3))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("绩效指标", "一级指标", "二级指标", "三级指标", "原指标值", "调整后指标值", "调整原因")
    t.add("", "产出指标", "数量指标", "养护里程", "≥50公里", "≥40公里", "预算压减")
    t.add("", "", "质量指标", "路面合格率", "≥95%", "≥95%", "")
    t.add("", "效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", "")
    t.add("", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥85%", "受疫情影响")
    t.merge_down(1, top + 1, top + 2)
    t.merge_down(0, top, len(t.rows) - 1)
    return [FormText("2026年项目支出绩效目标调整表"), t]


ADJUSTED_INDICATORS = [indicator("产出指标", "数量指标", "养护里程", "≥40公里"),
                       indicator("产出指标", "质量指标", "路面合格率", "≥95%"),
                       indicator("效益指标", "社会效益指标", "群众出行条件改善", "明显改善"),
                       indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥85%")]


def adjustment_listed(before: str = "原预算数") -> list[tuple[str, str]]:
    return [(before, replaced(before)), *[(amount, replaced(before)) for amount in ("100.00", "100.00", "0")],
            ("调整前", replaced("调整前")), ("完成养护里程50公里", replaced("调整前")),
            ("原指标值", replaced("原指标值")), ("调整原因", without_field("调整原因")),
            ("≥50公里", replaced("原指标值")), ("预算压减", without_field("调整原因")),
            ("≥95%", replaced("原指标值")), ("明显改善", replaced("原指标值")), ("≥90%", replaced("原指标值")),
            ("受疫情影响", without_field("调整原因"))]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "docx", "html", "txt"])
def test_project_adjustment_imports_the_adjusted_targets(tmp_path: Path, suffix: str) -> None:
    """Before: the budget was the 原预算数 (100.00, the adjusted 80.00 listed as unrecognised), the goal's text was the
    head "调整前", and the indicator table was not read at all (every cell 未识别). Now the adjusted budget, goal and
    values are the filing's; each replaced one is listed with its reason, 调整原因 as a column without a field."""
    result = imported(project_adjustment(), tmp_path, suffix)
    [project] = result.filing["projects"]
    assert as_written({k: v for k, v in project.items() if k != "goals"}) == {
        "id": "p1", "name": "乡村道路养护", "budget_unit": "某县公路养护中心",
        "budget": {"annual": {"total": "80.00", "fiscal": "80.00", "other": "0"}}}
    [goal] = project["goals"]
    assert (goal["kind"], goal["text"]) == ("年度", "完成养护里程40公里")
    assert without_notes(goal["indicators"]) == ADJUSTED_INDICATORS
    assert not_placed(result) == adjustment_listed()
    assert result.check.errors == []


def test_adjusted_budget_beside_年初预算数_without_execution_columns(tmp_path: Path) -> None:
    """"年初预算数 | 调整后预算数" with no execution beside them is an adjustment: the adjusted amount is the budget.
    (A 监控表's or 自评表's 年初预算数 beside 执行数 stays the budget: see the monitoring test.)"""
    result = imported(project_adjustment("年初预算数", "调整后预算"), tmp_path, "xlsx")
    assert as_written(result.filing["projects"][0]["budget"]) == {
        "annual": {"total": "80.00", "fiscal": "80.00", "other": "0"}}
    assert not_placed(result) == adjustment_listed("年初预算数")


# --- 部门整体绩效目标调整申请表 -------------------------------------------------------------------

def department_adjustment() -> list[FormBlock]:
    t = FormTable()
    t.add("部门（单位）名称", ("某县民政局", 5))
    top = len(t.rows)
    t.add("年度总体目标", ("调整前", 2), ("调整后", 3))
    t.add("", ("保障困难群众基本生活，发放低保金1200万元。", 2), ("保障困难群众基本生活，发放低保金1000万元。", 3))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("年度绩效指标", "一级指标", "二级指标", "三级指标", "原目标值", "申请调整目标值", "调整原因")
    t.add("", "产出指标", "数量指标", "低保对象人数", "≥3000人", "≥2600人", "动态退出")
    t.add("", "", "时效指标", "按月发放率", "100%", "100%", "")
    t.add("", "满意度指标", "服务对象满意度指标", "低保对象满意度", "≥90%", "≥90%", "")
    t.merge_down(1, top + 1, top + 2)
    t.merge_down(0, top, len(t.rows) - 1)
    return [FormText("2026年部门整体绩效目标调整申请表"), t]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_department_adjustment_request_imports(tmp_path: Path, suffix: str) -> None:
    """"原目标值 | 申请调整目标值": before, no table was found and the import stopped ("没有找到绩效目标表")."""
    result = imported(department_adjustment(), tmp_path, suffix)
    filing = result.filing
    assert filing["overall_goal"] == "保障困难群众基本生活，发放低保金1000万元。"
    assert without_notes(filing["goals"][0]["indicators"]) == [
        indicator("产出指标", "数量指标", "低保对象人数", "≥2600人"),
        indicator("产出指标", "时效指标", "按月发放率", "100%"),
        indicator("满意度指标", "服务对象满意度指标", "低保对象满意度", "≥90%")]
    assert not_placed(result) == [
        ("调整前", replaced("调整前")), ("保障困难群众基本生活，发放低保金1200万元。", replaced("调整前")),
        ("原目标值", replaced("原目标值")), ("调整原因", without_field("调整原因")),
        ("≥3000人", replaced("原目标值")), ("动态退出", without_field("调整原因")),
        ("100%", replaced("原目标值")), ("≥90%", replaced("原目标值"))]


# --- the value's head over "调整前 | 调整后", and the two heads alone ---------------------------------

def split_value_head() -> list[FormBlock]:
    t = FormTable()
    t.add("项目名称", ("社区养老服务补助", 6))
    t.add("主管部门", ("某县民政局", 6))
    t.add("年度目标", ("为老年人提供上门服务2万人次", 6))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", ("指标值", 2), "调整原因", "备注")
    t.add("", "", "", "调整前", "调整后", "", "")
    for column in (0, 1, 2, 5, 6):
        t.merge_down(column, top, top + 1)
    t.add("产出指标", "数量指标", "上门服务人次", "≥2.5万人次", "≥2万人次", "资金压减", "")
    t.add("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "≥90%", "", "")
    return [FormText("2026年项目支出绩效目标调整表"), t]


SPLIT_READ = [indicator("产出指标", "数量指标", "上门服务人次", "≥2万人次"),
              indicator("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%")]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html"])
def test_指标值_over_调整前_and_调整后_takes_the_adjusted_value(tmp_path: Path, suffix: str) -> None:
    """Before: the 调整前 column was read as the value (≥2.5万人次 published as the target), the sub-header became an
    indicator whose value was "调整前", and the adjusted values were listed as unrecognised."""
    result = imported(split_value_head(), tmp_path, suffix)
    [goal] = result.filing["projects"][0]["goals"]
    assert goal["indicators"] == SPLIT_READ
    assert not_placed(result) == [
        ("调整原因", without_field("调整原因")), ("调整前", replaced("调整前")), ("≥2.5万人次", replaced("调整前")),
        ("资金压减", without_field("调整原因")), ("≥90%", replaced("调整前"))]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_调整前_调整后_as_the_only_value_heads(tmp_path: Path, suffix: str) -> None:
    """"一级指标 | 二级指标 | 三级指标 | 调整前 | 调整后 | 调整理由": before, no value column, so no indicator table: the
    goal had no indicators and every cell of the table was listed as unrecognised."""
    t = FormTable()
    t.add("项目名称", ("社区养老服务补助", 5))
    t.add("主管部门", ("某县民政局", 5))
    t.add("年度目标", ("为老年人提供上门服务2万人次", 5))
    t.add("一级指标", "二级指标", "三级指标", "调整前", "调整后", "调整理由")
    t.add("产出指标", "数量指标", "上门服务人次", "≥2.5万人次", "≥2万人次", "资金压减")
    t.add("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "≥90%", "")
    result = imported([FormText("2026年项目支出绩效目标调整表"), t], tmp_path, suffix)
    assert result.filing["projects"][0]["goals"][0]["indicators"] == SPLIT_READ
    assert not_placed(result) == [
        ("调整前", replaced("调整前")), ("调整理由", without_field("调整理由")), ("≥2.5万人次", replaced("调整前")),
        ("资金压减", without_field("调整理由")), ("≥90%", replaced("调整前"))]


# --- 项目支出绩效运行监控表 -----------------------------------------------------------------------

def project_monitoring() -> list[FormBlock]:
    t = FormTable()
    t.add("项目名称", ("乡村道路养护", 7))
    t.add("主管部门", ("某县交通运输局", 3), "实施单位", ("某县公路养护中心", 3))
    top = len(t.rows)
    t.add("项目资金（万元）", "", "年初预算数", "调整后预算数", "1-7月执行数", "执行率", ("偏差原因", 2))
    t.add("", "年度资金总额", "100.00", "120.00", "60.50", "50.42%", ("", 2))
    t.add("", "其中：财政拨款", "100.00", "120.00", "60.50", "50.42%", ("", 2))
    t.add("", "其他资金", "", "", "", "", ("", 2))
    t.merge_down(0, top, len(t.rows) - 1)
    t.add("年度总体目标", ("完成养护里程50公里", 7))
    top = len(t.rows)
    t.add("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月实际完成值", "全年预计完成值", "偏差原因",
          "完成目标可能性", "备注")
    t.add("", "产出指标", "数量指标", "养护里程", "≥50公里", "30公里", "50公里", "", "确定能", "")
    t.add("", "", "质量指标", "路面合格率", "≥95%", "96%", "95%", "", "确定能", "")
    t.add("", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "—", "90%", "尚未开展调查", "有可能", "")
    t.merge_down(1, top + 1, top + 2)
    t.merge_down(0, top, len(t.rows) - 1)
    return [FormText("2026年项目支出绩效运行监控表"), t]


MONITORING_NOTE = ("原表是绩效运行监控表，列有“1-7月执行数”、“执行率”、“偏差原因”、“1-7月实际完成值”、“全年预计完成值”、"
                   "“完成目标可能性”等执行情况。本网站公开的是绩效目标：编者只录入其中的目标（如年度指标值、年初预算数），"
                   "年度中的执行情况和预计完成情况未录入。")


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_project_monitoring_lists_its_figures_as_monitoring(tmp_path: Path, suffix: str) -> None:
    """Before: every figure was listed as a 自评 result ("属于绩效自评") or a column without a field, and the filing's
    published note said the form "带有绩效自评的内容". The targets stay the 年度指标值 and the 年初预算数."""
    result = imported(project_monitoring(), tmp_path, suffix)
    [project] = result.filing["projects"]
    assert as_written(project["budget"]) == {"annual": {"total": "100.00", "fiscal": "100.00"}}
    [goal] = project["goals"]
    assert goal["text"] == "完成养护里程50公里"
    assert without_notes(goal["indicators"]) == [indicator("产出指标", "数量指标", "养护里程", "≥50公里"),
                                                 indicator("产出指标", "质量指标", "路面合格率", "≥95%"),
                                                 indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    grid = ["调整后预算数", "1-7月执行数", "执行率"]
    columns = ["1-7月实际完成值", "全年预计完成值", "完成目标可能性"]
    assert not_placed(result) == [
        *[(head, monitored(head)) for head in grid], ("偏差原因", monitored("偏差原因")),
        *zip(["120.00", "60.50", "50.42%"] * 2, map(monitored, grid * 2)),
        *[(head, monitored(head)) for head in columns[:2]], ("偏差原因", monitored("偏差原因")),
        (columns[2], monitored(columns[2])),
        *zip(["30公里", "50公里", "确定能", "96%", "95%", "确定能", "—", "90%"],
             map(monitored, [*columns, *columns, *columns[:2]])),
        ("尚未开展调查", monitored("偏差原因")), ("有可能", monitored("完成目标可能性"))]
    assert result.filing["notes"] == [{"text": MONITORING_NOTE}]
    assert result.imported.remarks[-1] == MONITORING_NOTE + "执行情况逐项列在导入报告的“未放入”中。"


# --- 部门整体绩效监控情况表 -----------------------------------------------------------------------

def department_monitoring() -> list[FormBlock]:
    t = FormTable()
    t.add("部门（单位）名称", ("某县卫生健康局", 7))
    top = len(t.rows)
    t.add("年度总体目标", ("预期目标", 4), ("截至6月底执行情况", 3))
    t.add("", ("完成全县免疫规划接种任务", 4), ("已完成接种任务的55%", 3))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", "年度指标值", "截至6月底执行情况", "全年预计完成情况", "完成目标可能性",
          "原因分析")
    t.add("产出指标", "数量指标", "接种人次", "≥5万人次", "2.8万人次", "5万人次", "确定能", "")
    t.add("", "质量指标", "接种率", "≥95%", "96%", "95%", "确定能", "")
    t.add("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "", "≥90%", "有可能", "下半年调查")
    t.merge_down(0, top + 1, top + 2)
    return [FormText("2026年部门整体绩效监控情况表"), t]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_department_monitoring_keeps_the_goal_and_lists_the_half_year(tmp_path: Path, suffix: str) -> None:
    """Before: overall_goal was the head "预期目标", the goal's text the half year's execution ("已完成接种任务的55%"),
    the goal itself only a title; the form's title was not read (a made-up "2026年度绩效目标")."""
    result = imported(department_monitoring(), tmp_path, suffix)
    filing = result.filing
    assert filing["title"] == "2026年部门整体绩效监控情况表"
    assert filing["overall_goal"] == "完成全县免疫规划接种任务"
    [goal] = filing["goals"]
    assert "text" not in goal and "title" not in goal
    assert without_notes(goal["indicators"]) == [indicator("产出指标", "数量指标", "接种人次", "≥5万人次"),
                                                 indicator("产出指标", "质量指标", "接种率", "≥95%"),
                                                 indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    half, whole, chance = "截至6月底执行情况", "全年预计完成情况", "完成目标可能性"
    assert not_placed(result) == [
        (half, monitored(half)), ("已完成接种任务的55%", monitored(half)),
        (half, monitored(half)), (whole, monitored(whole)), (chance, monitored(chance)),
        ("原因分析", without_field("原因分析")),
        *zip(["2.8万人次", "5万人次", "确定能", "96%", "95%", "确定能", "≥90%", "有可能"],
             map(monitored, [half, whole, chance, half, whole, chance, whole, chance])),
        ("下半年调查", without_field("原因分析"))]
    assert filing["notes"][0]["text"].startswith("原表是绩效运行监控表，列有“截至6月底执行情况”")


# --- guards: what already read right --------------------------------------------------------------

def test_a_target_form_is_no_adjustment_nor_monitoring(tmp_path: Path) -> None:
    """Guard: an ordinary 项目支出绩效目标表 (年度目标 beside its text, 指标值 | 备注, a 季度 spending plan) gets no
    note and lists nothing: none of its heads is read as an adjustment's or a monitoring form's."""
    t = FormTable()
    t.add("项目名称", ("乡村道路养护", 4))
    t.add("主管部门", ("某县交通运输局", 4))
    t.add("项目总额（万元）", "100.00", "本年度预算", ("100.00", 2))
    t.add("支出进度", "3月底", "6月底", "9月底", "12月底")
    t.add("", "25%", "50%", "75%", "100%")
    t.add("年度目标", ("完成养护里程50公里", 4))
    t.add("一级指标", "二级指标", "三级指标", "指标值", "备注")
    t.add("产出指标", "数量指标", "养护里程", "≥50公里", "原定60公里")
    result = imported([FormText("2026年项目支出绩效目标表"), t], tmp_path, "xlsx")
    [project] = result.filing["projects"]
    assert project["goals"][0]["indicators"] == [
        indicator("产出指标", "数量指标", "养护里程", "≥50公里") | {"remark": "原定60公里"}]
    assert [step["by"] for step in project["spending_plan"]] == ["3月底", "6月底", "9月底", "12月底"]
    assert not_placed(result) == [] and "notes" not in result.filing


def test_self_evaluation_note_stays_a_self_evaluation_note(tmp_path: Path) -> None:
    """Guard: a 自评表 (全年执行数, 执行率, 实际完成值) is still said to be one: its results keep the 自评 reason."""
    t = FormTable()
    t.add("项目名称", ("乡村道路养护", 6))
    t.add("主管部门", ("某县交通运输局", 6))
    t.add("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分")
    t.add("", "年度资金总额", "100.00", "120.00", "114.00", "95%", "9.5")
    t.add("年度总体目标", ("预期目标", 3), ("实际完成情况", 3))
    t.add("", ("完成养护里程50公里", 3), ("完成养护里程52公里", 3))
    t.add("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    t.add("产出指标", "数量指标", "养护里程", "≥50公里", "52公里", "20", "20")
    result = imported([FormText("项目支出绩效自评表"), t], tmp_path, "xlsx")
    assert result.filing["notes"][0]["text"].startswith("原表是绩效自评表，列有“全年预算数”")
    assert ("52公里", "原表“实际完成值”属于绩效自评（自评表中的完成情况和评分），文件格式只录入绩效目标，没有对应的字段，"
                      "未录入") in not_placed(result)
    assert as_written(result.filing["projects"][0]["budget"]) == {"annual": {"total": "100.00"}}
