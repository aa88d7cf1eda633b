"""`gongkai import` of the forms counties and provinces publish for transfer payments, special funds and policies.

1. 中央对地方转移支付区域绩效目标表 / 省对下转移支付绩效目标表, 专项资金绩效目标表, 政策绩效目标表: one form per transfer
   (fund, policy), named where a project form names the project ("转移支付（项目）名称", "转移支付名称", "专项资金名称",
   "政策名称 | … | 政策期限 | …"). The transfer is the project filed: its name, period, amounts, goal and indicators
   are the project's. Before, the name was listed 未识别 and the form read as a 部门整体 one (the goal as the
   department's overall goal, the indicators as the department's, the amounts listed), or as a project without a name;
   two transfers one after the other in copied text were one project, the second's name read as an indicator and its
   amount written over the first's.
2. The transfer's funds: "资金情况（万元） | 年度金额： | 1250.00" over "其中：中央补助", "地方资金" (省对下: "省级补助",
   "市县资金") and "其他资金". 年度金额 is the year's amount (budget.annual, as 年度资金总额), 其他资金 its split; which level
   of government pays is no part of a project's budget (中央补助 is not 财政拨款): listed with why. Before, 年度金额 and
   the sources were listed 未识别; under 实施期 and 年度 columns the 中央补助 row ended the matrix and the 其他资金 row's
   实施期 amount was read as the 年度 one (the 年度 amount listed).
3. "地方主管部门 | 某县农业农村局" (市县主管部门) is the department that spends the transfer and publishes the form: its name.
   "中央主管部门 | 农业农村部" (省级主管部门) is no field's: listed with why. Before, a form without another name row
   stopped the import ("原文没有部门名称").

The forms are drawn with merged cells and put into each format; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "docx", "html", "txt"]


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    """No filing of the department in content/, year and kind from the form and the option: what it says is all."""
    return import_new(write(blocks, tmp_path / f"转移支付绩效目标表.{suffix}"), tmp_path, "nyj", year=None)


def projects(result: ImportResult) -> list[dict[str, Any]]:
    return as_written(result.filing.get("projects", []))


def indicator(level1: str, level2: str, name: str, value: str) -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "value": value}


def copied(rows: list[dict[str, Any]], suffix: str, row: int, ends: int) -> list[dict[str, Any]]:
    """The indicators as read from copied text, which drops the slot of the merged 一级指标 on `row`: that row is read in
    cell order, in its columns as a real grid keeps them, and carries no note (the slot was the copy's, not the form's;
    see tests/test_import_note_truth.py)."""
    return rows


def source_reason(head: str) -> str:
    return (f"原表资金来源中的“{head}”在文件格式的项目预算中没有对应的一项（预算只分资金总额、财政拨款和其他资金），"
            "未录入，请核对")


def no_field(label: str) -> str:
    return f"原表的“{label}”在文件格式中没有对应的字段，未录入"


def listed_pair(label: str, value: str, why: str) -> list[tuple[str, str]]:
    return [(label, why), (value, why)]


# --- 1–3. the central form: one transfer, its 年度金额 and sources, its two 主管部门 -----------------------------------

FARMLAND = "农业相关转移支付资金（耕地建设与利用）"
FARMLAND_GOAL = "建成高标准农田2万亩，耕地质量等级提升0.5个等级。"


def indicator_rows(table: FormTable, label: str | None = "绩效指标") -> None:
    """一级/二级/三级/指标值, 产出指标 merged over two rows; the 绩效指标 label merged down the table's left."""
    first = len(table.rows)
    lead = [label] if label is not None else []
    table.add(*lead, "一级指标", "二级指标", "三级指标", "指标值")
    table.add(*([""] * len(lead)), "产出指标", "数量指标", "新建高标准农田面积", "≥2万亩")
    table.add(*([""] * len(lead)), "", "质量指标", "项目验收合格率", "100%")
    table.add(*([""] * len(lead)), "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%")
    if lead:
        table.merge_down(0, first, first + 3)
    table.merge_down(len(lead), first + 1, first + 2)


FARMLAND_INDICATORS = [indicator("产出指标", "数量指标", "新建高标准农田面积", "≥2万亩"),
                       indicator("产出指标", "质量指标", "项目验收合格率", "100%"),
                       indicator("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%")]


def central_form(name_label: str = "转移支付（项目）名称", split: tuple[str, str] = ("其中：中央补助", "地方资金"),
                 upper: str = "中央主管部门", local: str = "地方主管部门") -> list[FormBlock]:
    table = FormTable()
    table.add(name_label, (FARMLAND, 4))
    table.add(upper, ("农业农村部", 4))
    table.add(local, ("某县农业农村局", 4))
    first = len(table.rows)
    table.add("资金情况（万元）", ("年度金额：", 2), ("1250.00", 2))
    table.add("", (split[0], 2), ("1000.00", 2))
    table.add("", (split[1], 2), ("200.00", 2))
    table.add("", ("其他资金", 2), ("50.00", 2))
    table.merge_down(0, first, first + 3)
    table.add("年度总体目标", (FARMLAND_GOAL, 4))
    indicator_rows(table)
    return [FormText("中央对地方转移支付区域绩效目标表"), FormText("（2025年度）"), table]


@pytest.mark.parametrize("suffix", FORMATS)
def test_central_transfer_form_is_the_project(tmp_path: Path, suffix: str) -> None:
    """Before: the form had no department name (the import stopped); with one, the goal was the department's overall
    goal and the indicators the department's, the name and every amount listed 未识别."""
    result = imported(central_form(), tmp_path, suffix)
    filing = result.filing
    assert (filing["department"]["name"], filing["fiscal_year"], filing["money_unit"]) == ("某县农业农村局", 2025, "万元")
    assert filing["title"] == "中央对地方转移支付区域绩效目标表（2025年度）"
    assert "overall_goal" not in filing and filing.get("goals", []) == []
    assert projects(result) == [
        {"id": "p1", "name": FARMLAND, "budget": {"annual": {"total": "1250.00", "other": "50.00"}},
         "goals": [{"id": "annual", "kind": "年度", "text": FARMLAND_GOAL,
                    "indicators": copied(FARMLAND_INDICATORS, suffix, 1, 5)}]}]
    assert not_placed(result) == [*listed_pair("中央主管部门", "农业农村部", no_field("中央主管部门")),
                                  *listed_pair("其中：中央补助", "1000.00", source_reason("其中：中央补助")),
                                  *listed_pair("地方资金", "200.00", source_reason("地方资金"))]
    assert result.check.errors == []


@pytest.mark.parametrize("name_label", ["转移支付名称", "转移支付项目名称"])
def test_other_words_for_the_transfers_name(tmp_path: Path, name_label: str) -> None:
    result = imported(central_form(name_label=name_label), tmp_path, "xlsx")
    assert [p["name"] for p in projects(result)] == [FARMLAND]
    assert name_label not in [text for text, _ in not_placed(result)]


# --- 2. 实施期 and 年度 columns over the sources ---------------------------------------------------------------------

RESTORATION = "重点生态保护修复治理资金"


def period_form(heads: tuple[str, str]) -> list[FormBlock]:
    """The 实施期 version: amounts in 实施期 and 年度 columns, goals and indicator values side by side."""
    table = FormTable()
    table.add("转移支付（项目）名称", (RESTORATION, 4))
    table.add("中央主管部门", ("自然资源部", 4))
    table.add("地方主管部门", ("某市自然资源和规划局", 4))
    first = len(table.rows)
    table.add("资金情况（万元）", "", heads[0], "", heads[1])
    table.add("", "资金总额：", "3600.00", "", "1200.00")
    table.add("", "其中：中央补助", "3000.00", "", "1000.00")
    table.add("", "地方资金", "500.00", "", "150.00")
    table.add("", "其他资金", "100.00", "", "50.00")
    table.merge_down(0, first, first + 4)
    table.add("总体目标", ("实施期目标", 2), ("年度目标", 2))
    table.add("", ("完成矿山生态修复面积3000亩。", 2), ("完成矿山生态修复面积1000亩。", 2))
    table.merge_down(0, first + 5, first + 6)
    table.add("一级指标", "二级指标", "三级指标", "实施期指标值", "年度指标值")
    table.add("产出指标", "数量指标", "矿山生态修复面积", "≥3000亩", "≥1000亩")
    table.add("满意度指标", "服务对象满意度指标", "周边群众满意度", "≥90%", "≥92%")
    return [FormText("中央对地方转移支付区域绩效目标表"), FormText("（2025年度）"), table]


@pytest.mark.parametrize("heads", [("实施期资金总额", "年度资金总额"), ("实施期金额", "年度金额")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_transfer_sources_under_period_columns(tmp_path: Path, suffix: str, heads: tuple[str, str]) -> None:
    """Before: the 中央补助 row ended the budget matrix; 其他资金's 实施期 100.00 was read as the 年度 其他资金 and the
    年度 50.00 listed 未识别 (with 实施期金额 | 年度金额 heads, no amount was read at all)."""
    result = imported(period_form(heads), tmp_path, suffix)
    (project,) = projects(result)
    assert project["name"] == RESTORATION
    assert project["budget"] == {"medium_term": {"total": "3600.00", "other": "100.00"},
                                 "annual": {"total": "1200.00", "other": "50.00"}}
    assert [(g["kind"], g["text"], [i["value"] for i in g["indicators"]]) for g in project["goals"]] == [
        ("中期", "完成矿山生态修复面积3000亩。", ["≥3000亩", "≥90%"]),
        ("年度", "完成矿山生态修复面积1000亩。", ["≥1000亩", "≥92%"])]
    assert result.filing["department"]["name"] == "某市自然资源和规划局"
    assert not_placed(result) == [
        *listed_pair("中央主管部门", "自然资源部", no_field("中央主管部门")),
        ("其中：中央补助", source_reason("其中：中央补助")), ("3000.00", source_reason("其中：中央补助")),
        ("1000.00", source_reason("其中：中央补助")),
        ("地方资金", source_reason("地方资金")), ("500.00", source_reason("地方资金")),
        ("150.00", source_reason("地方资金"))]


def region_form() -> list[FormBlock]:
    """The year's amount broken down by region under the amount heads, a 合计 row last."""
    table = FormTable()
    table.add("转移支付名称", ("城乡义务教育补助经费", 4))
    table.add("地方主管部门", ("某市教育局", 4))
    table.add("区域", "年度金额", "其中：中央补助", "地方资金", "其他资金")
    table.add("某市本级", "300.00", "240.00", "60.00", "0")
    table.add("甲县", "500.00", "400.00", "100.00", "0")
    table.add("合计", "800.00", "640.00", "160.00", "0")
    table.add("年度总体目标", ("保障义务教育学校正常运转。", 4))
    table.add("一级指标", "二级指标", "三级指标", ("指标值", 2))
    table.add("产出指标", "数量指标", "补助学生人数", ("≥3万人", 2))
    return [FormText("2025年中央对地方转移支付区域绩效目标表"), FormText("单位：万元"), table]


@pytest.mark.parametrize("suffix", FORMATS)
def test_amount_broken_down_by_region(tmp_path: Path, suffix: str) -> None:
    """Before: the heads were read over the first region's row, so 某市本级's 300.00 and 0 became the transfer's
    budget (the other rows listed 未识别). Now no row is the budget: heads and rows are listed, saying why."""
    result = imported(region_form(), tmp_path, suffix)
    assert projects(result) == [
        {"id": "p1", "name": "城乡义务教育补助经费", "goals": [
            {"id": "annual", "kind": "年度", "text": "保障义务教育学校正常运转。",
             "indicators": [indicator("产出指标", "数量指标", "补助学生人数", "≥3万人")]}]}]
    why = "原表按区域或单位分列的金额；文件格式中项目预算没有分列的字段，未录入，请核对"
    assert not_placed(result) == [(text, why) for text in (
        "区域", "年度金额", "其中：中央补助", "地方资金", "其他资金", "某市本级", "300.00", "240.00", "60.00", "0",
        "甲县", "500.00", "400.00", "100.00", "0", "合计", "800.00", "640.00", "160.00", "0")]


# --- 1. 省对下: two transfers one after the other -------------------------------------------------------------------

def province_form(name: str, amount: str) -> FormTable:
    table = FormTable()
    table.add("转移支付名称", (name, 4))
    table.add("省级主管部门", ("某省农业农村厅", 4))
    table.add("市县主管部门", ("某县农业农村局", 4))
    first = len(table.rows)
    table.add("资金情况", ("年度金额", 2), (amount, 2))
    table.add("", ("其中：省级补助", 2), ("600.00", 2))
    table.add("", ("市县资金", 2), ("80.00", 2))
    table.merge_down(0, first, first + 2)
    table.add("年度总体目标", ("巩固拓展脱贫攻坚成果。", 4))
    table.add("一级指标", "二级指标", ("三级指标", 2), "指标值")
    table.add("产出指标", "数量指标", ("支持产业项目数", 2), "≥5个")
    table.add("效益指标", "社会效益指标", ("带动脱贫人口增收", 2), "≥500人")
    return table


@pytest.mark.parametrize("suffix", FORMATS)
def test_province_transfers_one_after_another(tmp_path: Path, suffix: str) -> None:
    """Before: no project at all (the goals were the department's); in copied text with the names read, the second
    transfer's name and 省级主管部门 were read as indicators of the first, and its 420.50 written over the first's 680.00."""
    blocks = [FormText("2025年省对下转移支付绩效目标表"), FormText("单位：万元"),
              province_form("省级乡村振兴衔接补助资金", "680.00"), province_form("省级城乡义务教育补助经费", "420.50")]
    result = imported(blocks, tmp_path, suffix)
    goal = {"id": "annual", "kind": "年度", "text": "巩固拓展脱贫攻坚成果。",
            "indicators": [indicator("产出指标", "数量指标", "支持产业项目数", "≥5个"),
                           indicator("效益指标", "社会效益指标", "带动脱贫人口增收", "≥500人")]}
    assert projects(result) == [
        {"id": "p1", "name": "省级乡村振兴衔接补助资金", "budget": {"annual": {"total": "680.00"}}, "goals": [goal]},
        {"id": "p2", "name": "省级城乡义务教育补助经费", "budget": {"annual": {"total": "420.50"}}, "goals": [goal]}]
    assert result.filing["department"]["name"] == "某县农业农村局"
    one = [*listed_pair("省级主管部门", "某省农业农村厅", no_field("省级主管部门")),
           *listed_pair("其中：省级补助", "600.00", source_reason("其中：省级补助")),
           *listed_pair("市县资金", "80.00", source_reason("市县资金"))]
    assert not_placed(result) == one + one


# --- 1. 专项资金 and 政策 forms ---------------------------------------------------------------------------------------

def target_rows(table: FormTable) -> None:
    first = len(table.rows)
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "补助对象人数", "≥1200人")
    table.add("", "时效指标", "资金拨付及时率", "100%")
    table.add("满意度指标", "服务对象满意度指标", "补助对象满意度", "≥90%")
    table.merge_down(0, first + 1, first + 2)


TARGETS = [indicator("产出指标", "数量指标", "补助对象人数", "≥1200人"),
           indicator("产出指标", "时效指标", "资金拨付及时率", "100%"),
           indicator("满意度指标", "服务对象满意度指标", "补助对象满意度", "≥90%")]


def special_fund() -> list[FormBlock]:
    table = FormTable()
    table.add("专项资金名称", ("2025年就业创业补助专项资金", 3))
    table.add("主管部门", "某县人力资源和社会保障局", "实施单位", "某县就业服务中心")
    table.add("资金规模（万元）", ("860.00", 3))
    table.add("资金用途", ("用于职业技能培训补贴、创业担保贷款贴息。", 3))
    table.add("年度绩效目标", ("完成职业技能培训1200人次，新增城镇就业2000人。", 3))
    target_rows(table)
    return [FormText("专项资金绩效目标表"), FormText("（2025年度）"), FormText("单位：万元"), table]


def policy() -> list[FormBlock]:
    table = FormTable()
    table.add("政策名称", "城乡居民基本养老保险政策", "政策期限", "2024年—2026年")
    table.add("主管部门", ("某县人力资源和社会保障局", 3))
    table.add("资金规模（万元）", ("3200.00", 3))
    table.add("年度绩效目标", ("按时足额发放养老金，参保率稳定在95%以上。", 3))
    target_rows(table)
    return [FormText("2025年政策绩效目标表"), table]


@pytest.mark.parametrize("suffix", FORMATS)
def test_special_fund_form_names_its_project(tmp_path: Path, suffix: str) -> None:
    """Before: a project without a name, its 专项资金名称 and the name listed 未识别."""
    result = imported(special_fund(), tmp_path, suffix)
    assert projects(result) == [
        {"id": "p1", "name": "2025年就业创业补助专项资金", "budget_unit": "某县就业服务中心", "budget": {"total": "860.00"},
         "purpose": "用于职业技能培训补贴、创业担保贷款贴息。",
         "goals": [{"id": "g1", "kind": "年度", "text": "完成职业技能培训1200人次，新增城镇就业2000人。",
                    "indicators": copied(TARGETS, suffix, 1, 4)}]}]
    assert result.filing["department"]["name"] == "某县人力资源和社会保障局"
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_policy_form_names_its_project_and_period(tmp_path: Path, suffix: str) -> None:
    """Before: the goal and indicators were the department's, the name, the 政策期限 and the 3200.00 listed."""
    result = imported(policy(), tmp_path, suffix)
    assert projects(result) == [
        {"id": "p1", "name": "城乡居民基本养老保险政策", "period": "2024年—2026年", "budget": {"total": "3200.00"},
         "goals": [{"id": "g1", "kind": "年度", "text": "按时足额发放养老金，参保率稳定在95%以上。",
                    "indicators": copied(TARGETS, suffix, 1, 4)}]}]
    assert result.filing.get("goals", []) == []
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_list_of_transfers_with_indicator_rows(tmp_path: Path, suffix: str) -> None:
    """A county's list of its transfers headed "转移支付名称" (as 项目名称), each with its indicator rows. Before: the
    header was no list's, and every indicator went to one goal of the department."""
    table = FormTable()
    table.add("序号", "转移支付名称", "预算金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值")
    table.add("1", "农村综合改革转移支付", "300.00", "支持村级公益事业建设。", "产出指标", "数量指标", "支持项目数", "≥10个")
    table.add("", "", "", "", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")
    table.add("2", "农业保险保费补贴", "150.00", "稳定农业生产。", "产出指标", "数量指标", "参保面积", "≥5万亩")
    for column in range(4):
        table.merge_down(column, 1, 2)
    blocks = [FormText("2025年转移支付绩效目标表"), FormText("单位：万元"), FormText("单位名称：某县财政局"), table]
    result = imported(blocks, tmp_path, suffix)
    assert projects(result) == [
        {"number": 1, "name": "农村综合改革转移支付", "budget": {"total": "300.00"}, "goals": [
            {"id": "annual", "kind": "年度", "text": "支持村级公益事业建设。",
             "indicators": [indicator("产出指标", "数量指标", "支持项目数", "≥10个"),
                            indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]}]},
        {"number": 2, "name": "农业保险保费补贴", "budget": {"total": "150.00"}, "goals": [
            {"id": "annual", "kind": "年度", "text": "稳定农业生产。",
             "indicators": [indicator("产出指标", "数量指标", "参保面积", "≥5万亩")]}]}]
    assert result.filing.get("goals", []) == [] and not_placed(result) == []


# --- guards: what already read right ------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_transfer_split_that_says_fiscal(tmp_path: Path, suffix: str) -> None:
    """A transfer's split whose cells say 财政拨款 is the budget's own split: read into budget.annual; a source without
    a part (上年结转) is listed as in a project form."""
    result = imported(central_form(split=("其中：财政拨款", "上年结转")), tmp_path, suffix)
    (project,) = projects(result)
    assert project["budget"] == {"annual": {"total": "1250.00", "fiscal": "1000.00", "other": "50.00"}}
    assert not_placed(result)[2:] == listed_pair("上年结转", "200.00", source_reason("上年结转"))


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_guard_project_form_with_its_sources(tmp_path: Path, suffix: str) -> None:
    """A 项目名称 form's "项目资金（万元） | 年度资金总额：" over 其中：财政拨款, 上年结转 and 其他资金 reads as before."""
    table = FormTable()
    table.add("项目名称", ("高标准农田建设", 3))
    table.add("实施单位", ("某县农田建设服务中心", 3))
    first = len(table.rows)
    table.add("项目资金（万元）", "年度资金总额：", ("1250.00", 2))
    table.add("", "其中：财政拨款", ("1000.00", 2))
    table.add("", "上年结转", ("200.00", 2))
    table.add("", "其他资金", ("50.00", 2))
    table.merge_down(0, first, first + 3)
    table.add("年度绩效目标", (FARMLAND_GOAL, 3))
    target_rows(table)
    result = imported([FormText("2025年项目支出绩效目标表"), FormText("填报单位：某县农业农村局"), table], tmp_path, suffix)
    (project,) = projects(result)
    assert (project["name"], project["budget_unit"], project["budget"]) == (
        "高标准农田建设", "某县农田建设服务中心", {"annual": {"total": "1250.00", "fiscal": "1000.00", "other": "50.00"}})
    assert not_placed(result) == listed_pair("上年结转", "200.00", source_reason("上年结转"))


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_guard_supervisor_and_unit_of_a_project_form(tmp_path: Path, suffix: str) -> None:
    """A project form's 主管部门 over its 单位名称 still gives the unit as the department, the 主管部门 as supervisor;
    a 项目名称 form's 年度资金总额 and 其中：财政拨款 stay the project's annual budget."""
    table = FormTable()
    table.add("主管部门", ("某县教育局", 3))
    table.add("单位名称", ("某县第一中学", 3))
    table.add("项目名称", ("校舍维修改造", 3))
    table.add("年度资金总额", "150.00", "其中：财政拨款", "150.00")
    table.add("年度绩效目标", ("完成教学楼屋面防水维修。", 3))
    target_rows(table)
    result = imported([FormText("2026年项目支出绩效目标表"), FormText("单位：万元"), table], tmp_path, suffix)
    assert result.filing["department"] | {} == {"id": "nyj", "name": "某县第一中学", "region": "ezhou",
                                                "supervisor": "某县教育局"}
    (project,) = projects(result)
    assert (project["name"], project["budget"]) == ("校舍维修改造", {"annual": {"total": "150.00", "fiscal": "150.00"}})
    assert not_placed(result) == []
