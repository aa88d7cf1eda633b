"""`gongkai import` of a 绩效自评表, and of a 绩效目标表 with columns the content format has no field for.

A 项目支出 (or 部门整体支出) 绩效自评表 carries the year's targets beside their results. The targets are imported
as a target form's — 年初预算数 as the budget, 预期目标 as the goal, 年度指标值 as the value, 分值 as the weight —
and every result (全年执行数, 执行率, 实际完成情况, 实际完成值, 得分, 偏差原因, 总分) is listed 未放入 with one reason
saying it is a 自评 result; a filing note and the report say the source is a 自评表. A column the importer knows no
field for is listed too, and never shifts the other columns: also in text copied from a page, where merged cells
lose their slots. Each form is drawn once (tests/forms helpers) and put into Excel, Word, HTML and copied text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from generator.importing.report import as_text
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

SUFFIXES = ["xlsx", "docx", "html", "txt"]


def result_of(head: str) -> str:
    return f"原表“{head}”属于绩效自评（自评表中的完成情况和评分），文件格式只录入绩效目标，没有对应的字段，未录入"


def without_field(head: str) -> str:
    return f"原表“{head}”一列在文件格式中没有对应的字段，未录入"


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"自评.{suffix}"), tmp_path, "jt", year=2025)


def without_notes(indicators: list[dict]) -> list[dict]:
    return [{k: v for k, v in indicator.items() if k != "notes"} for indicator in indicators]


# --- 项目支出绩效自评表 ------------------------------------------------------------------------------

def project_form() -> list[FormBlock]:
    """The 财政部 layout: 项目资金 grid (年初预算数 … 得分), 年度总体目标 (预期目标 | 实际完成情况), the indicators
    with 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, and 总分."""
    t = FormTable()
    t.add("项目名称", ("乡村道路养护", 9))
    t.add("主管部门", ("某县交通运输局", 4), "实施单位", ("某县公路养护中心", 4))
    top = len(t.rows)
    t.add("项目资金（万元）", ("", 2), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 2))
    t.add("", ("年度资金总额", 2), "100.00", "120.00", "114.00", "10", "95%", ("9.5", 2))
    t.add("", ("其中：当年财政拨款", 2), "100.00", "120.00", "114.00", "—", "—", ("—", 2))
    t.add("", ("上年结转资金", 2), "", "", "", "—", "—", ("—", 2))
    t.add("", ("其他资金", 2), "", "", "", "—", "—", ("—", 2))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("年度总体目标", ("预期目标", 5), ("实际完成情况", 4))
    t.add("", ("完成养护里程50公里", 5), ("完成养护里程52公里", 4))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
          ("偏差原因分析及改进措施", 2))
    t.add("", "产出指标", "数量指标", "养护里程", "≥50公里", "52公里", "20", "20", ("", 2))
    t.add("", "", "质量指标", "路面合格率", "≥95%", "93%", "20", "18", ("雨季施工影响，加强质量管控", 2))
    t.add("", "效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", "30", "30", ("", 2))
    t.add("", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "20", "20", ("", 2))
    t.merge_down(1, top + 1, top + 2)
    t.merge_down(0, top, len(t.rows) - 1)
    t.add(("总分", 6), "100", "97.5", ("", 2))
    return [FormText("项目支出绩效自评表"), FormText("（2025年度）"), t]


PROJECT_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里", "weight": "20"},
    {"level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "≥95%", "weight": "20"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件改善", "value": "明显改善", "weight": "30"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%", "weight": "20"}]

GRID_RESULTS = ["全年预算数", "全年执行数", "分值", "执行率", "得分"]
PROJECT_NOT_PLACED = [
    *[(head, result_of(head)) for head in GRID_RESULTS],
    *zip(["120.00", "114.00", "10", "95%", "9.5"], map(result_of, GRID_RESULTS)),
    *zip(["120.00", "114.00", "—", "—", "—"], map(result_of, GRID_RESULTS)),
    ("上年结转资金", "文件格式的预算中没有“上年结转资金”一项，未录入"),
    *zip(["—"] * 3, map(result_of, GRID_RESULTS[2:])),
    *zip(["—"] * 3, map(result_of, GRID_RESULTS[2:])),
    ("实际完成情况", result_of("实际完成情况")), ("完成养护里程52公里", result_of("实际完成情况")),
    ("实际完成值", result_of("实际完成值")), ("得分", result_of("得分")),
    ("偏差原因分析及改进措施", result_of("偏差原因分析及改进措施")),
    ("52公里", result_of("实际完成值")), ("20", result_of("得分")),
    ("93%", result_of("实际完成值")), ("18", result_of("得分")),
    ("雨季施工影响，加强质量管控", result_of("偏差原因分析及改进措施")),
    ("明显改善", result_of("实际完成值")), ("30", result_of("得分")),
    ("92%", result_of("实际完成值")), ("20", result_of("得分")),
    ("总分", result_of("总分")), ("100", result_of("总分")), ("97.5", result_of("总分"))]

SELF_EVALUATION_NOTE = ("原表是绩效自评表，列有“全年预算数”、“全年执行数”、“执行率”、“得分”、“实际完成情况”、“实际完成值”、"
                        "“偏差原因分析及改进措施”、“总分”等自评结果。本网站公开的是绩效目标：编者只录入其中的目标（如预期目标、"
                        "年度指标值、分值、年初预算数），自评结果未录入。")
# The report's remark says it too, and where the results are.
SELF_EVALUATION_REMARK = SELF_EVALUATION_NOTE + "自评结果逐项列在导入报告的“未放入”中。"


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_project_self_evaluation_gives_its_targets_and_lists_its_results(tmp_path: Path, suffix: str) -> None:
    """年初预算数 is budget.annual, 预期目标 the goal, 年度指标值 / 分值 the values and weights; no result is in a
    field, every one is listed with the 自评 reason, the 总分 row is no indicator."""
    result = imported(project_form(), tmp_path, suffix)
    project = result.filing["projects"][0]
    assert as_written({k: v for k, v in project.items() if k != "goals"}) == {
        "id": "p1", "name": "乡村道路养护", "budget_unit": "某县公路养护中心",
        "budget": {"annual": {"total": "100.00", "fiscal": "100.00"}}}
    [goal] = project["goals"]
    assert goal["text"] == "完成养护里程50公里"
    assert without_notes(goal["indicators"]) == PROJECT_INDICATORS
    assert not_placed(result) == PROJECT_NOT_PLACED
    assert result.filing["notes"] == [{"text": SELF_EVALUATION_NOTE}]
    assert result.filing["title"] == "项目支出绩效自评表（2025年度）"
    assert result.check.errors == []


def test_project_self_evaluation_in_excel_needs_no_judgement_on_the_indicators(tmp_path: Path) -> None:
    """In a real grid each cell stays in its column: no indicator carries a note."""
    result = imported(project_form(), tmp_path, "xlsx")
    assert result.filing["projects"][0]["goals"][0]["indicators"] == PROJECT_INDICATORS


def test_copied_row_that_lost_its_merged_level1_slot_is_moved_whole(tmp_path: Path) -> None:
    """Copied text drops the 一级 slot of 路面合格率's row; its filled 偏差原因 cell makes it end where the other rows
    end, so only the 二级 label in the 一级 column shows it. The whole row moves one column right: 93% stays the
    实际完成值 and 18 the 得分, never the value and weight. The row is one cell short of the others, the slot the copy
    dropped: in the form it was in its columns, so no note (tests/test_import_note_truth.py)."""
    result = imported(project_form(), tmp_path, "txt")
    quality = result.filing["projects"][0]["goals"][0]["indicators"][1]
    assert quality == PROJECT_INDICATORS[1]


def test_report_says_the_source_is_a_self_evaluation(tmp_path: Path) -> None:
    report = as_text(imported(project_form(), tmp_path, "html"))
    assert f"读取时注意到：\n  {SELF_EVALUATION_REMARK}\n" in report
    assert f"表1 第4行第8格：95%（{result_of('执行率')}）" in report


# --- 部门整体支出绩效自评表 ----------------------------------------------------------------------------

def department_form() -> list[FormBlock]:
    t = FormTable()
    t.add("部门（单位）名称", ("某县农业农村局", 8))
    top = len(t.rows)
    t.add("年度预算执行情况（万元）", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）",
          ("得分", 2))
    t.add("", "年度资金总额", "500.00", "520.00", "510.00", "10", "98.08%", ("9.8", 2))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("年度总体目标", ("预期目标", 4), ("实际完成情况", 4))
    t.add("", ("保障粮食生产", 4), ("粮食产量稳定", 4))
    t.merge_down(0, top, len(t.rows) - 1)
    top = len(t.rows)
    t.add("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    t.add("", "产出指标", "数量指标", "高标准农田建设面积", "≥1万亩", "1.1万亩", "30", "30", "")
    t.add("", "满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "88%", "20", "18", "宣传不足")
    t.merge_down(0, top, len(t.rows) - 1)
    t.add(("总分", 6), "100", "95.8", "")
    return [FormText("2025年度部门整体支出绩效自评表"), t]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_department_self_evaluation(tmp_path: Path, suffix: str) -> None:
    """预期目标 is the overall goal; a department's 年初预算数 without income or expenditure kinds has no place in
    `funds` and is listed (no project is made of 年度资金总额); bracketed heads ("执行率（B/A）") are results too."""
    result = imported(department_form(), tmp_path, suffix)
    filing = result.filing
    assert "projects" not in filing and "funds" not in filing
    assert filing["overall_goal"] == "保障粮食生产"
    assert filing["title"] == "2025年度部门整体支出绩效自评表"
    assert filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "高标准农田建设面积", "value": "≥1万亩", "weight": "30"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "农户满意度", "value": "≥90%", "weight": "20"}]
    no_kinds = "原表此处还没有项目；部门的资金按收入、支出分项录入，这一栏年初预算数没有分项，未录入"
    heads = ["全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert not_placed(result) == [
        *zip(["全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"], map(result_of, heads)),
        ("年度资金总额", no_kinds), ("500.00", no_kinds),
        *zip(["520.00", "510.00", "10", "98.08%", "9.8"], map(result_of, heads)),
        ("实际完成情况", result_of("实际完成情况")), ("粮食产量稳定", result_of("实际完成情况")),
        ("实际完成值", result_of("实际完成值")), ("得分", result_of("得分")),
        ("偏差原因分析及改进措施", result_of("偏差原因分析及改进措施")),
        ("1.1万亩", result_of("实际完成值")), ("30", result_of("得分")),
        ("88%", result_of("实际完成值")), ("18", result_of("得分")), ("宣传不足", result_of("偏差原因分析及改进措施")),
        ("总分", result_of("总分")), ("100", result_of("总分")), ("95.8", result_of("总分"))]
    assert filing["notes"][0]["text"].startswith("原表是绩效自评表，列有“全年预算数”")


# --- a 绩效目标表 with columns the content format has no field for ------------------------------------

def extra_columns_form(heads: tuple[str, ...] = ("一级指标", "二级指标", "三级指标", "指标方向", "年度指标值",
                                                 "是否核心指标", "实际完成值", "计量单位", "分值")) -> list[FormBlock]:
    """The second row has no 实际完成值 (a blank cell inside the row) and, in copied text, no 一级 slot."""
    rows = {"一级指标": ("产出指标", "", "满意度指标"), "二级指标": ("数量指标", "质量指标", "服务对象满意度指标"),
            "三级指标": ("养护里程", "路面合格率", "群众满意度"), "指标方向": ("≥", "≥", "≥"),
            "年度指标值": ("50", "95", "90"), "是否核心指标": ("是", "否", "是"), "实际完成值": ("52", "", ""),
            "计量单位": ("公里", "%", "%"), "分值": ("20", "20", ""), "得分": ("20", "", "")}
    t = FormTable()
    t.add(*heads)
    for n in range(3):
        t.add(*(rows[head][n] for head in heads))
    t.merge_down(heads.index("一级指标"), 1, 2)
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    return [FormText("2026年项目支出绩效目标表"), FormText("金额单位：万元"), identity, FormText("年度目标：完成养护"), t]


EXTRA_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "50", "unit": "公里", "weight": "20"},
    {"level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "95", "unit": "%", "weight": "20"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "90", "unit": "%"}]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_target_form_columns_without_field_are_listed_and_shift_nothing(tmp_path: Path, suffix: str) -> None:
    """是否核心指标 has no field: listed with that reason, 实际完成值 with the 自评 reason; a 指标方向 of "≥" is the
    value's comparator (指标值类型); the values, units and weights stay in their own columns (in copied text too,
    with a blank 实际完成值 inside a row)."""
    result = imported(extra_columns_form(), tmp_path, suffix)
    [goal] = result.filing["goals"]
    assert without_notes(goal["indicators"]) == [item | {"value_type": "≥"} for item in EXTRA_INDICATORS]
    core = without_field("是否核心指标")
    assert not_placed(result) == [
        ("是否核心指标", core), ("实际完成值", result_of("实际完成值")),
        ("是", core), ("52", result_of("实际完成值")), ("否", core), ("是", core)]
    assert result.filing["notes"][0]["text"].startswith("原表带有绩效自评的内容，列有“实际完成值”等自评结果。")


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_weight_and_value_told_from_score_and_result_by_their_words(tmp_path: Path, suffix: str) -> None:
    """得分 left of 分值 and 实际完成值 left of 年度指标值: the words, not the order, say which is the target."""
    heads = ("一级指标", "二级指标", "三级指标", "实际完成值", "得分", "年度指标值", "计量单位", "分值")
    result = imported(extra_columns_form(heads), tmp_path, suffix)
    assert without_notes(result.filing["goals"][0]["indicators"]) == EXTRA_INDICATORS
    assert not_placed(result) == [("实际完成值", result_of("实际完成值")), ("得分", result_of("得分")),
                                  ("52", result_of("实际完成值")), ("20", result_of("得分"))]


def test_a_target_form_without_results_gets_no_self_evaluation_note(tmp_path: Path) -> None:
    heads = ("一级指标", "二级指标", "三级指标", "年度指标值", "计量单位", "分值")
    result = imported(extra_columns_form(heads), tmp_path, "xlsx")
    assert without_notes(result.filing["goals"][0]["indicators"]) == EXTRA_INDICATORS
    assert not_placed(result) == [] and "notes" not in result.filing and result.remarks == ()
