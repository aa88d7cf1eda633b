"""`gongkai import` of the 部门整体支出绩效目标表 as other provinces print it.

The form is one ruled table: 部门（单位）名称 beside 主管部门代码, the label rows 部门职能职责概述 and 年度履职目标 with
their texts, the 年度主要任务 table, the 年度部门整体支出预算 grid (资金总额 / 财政拨款 / 其他资金 / 基本支出 /
项目支出 over their amounts), and the indicators with 指标性质 / 度量单位 / 指标值说明 / 权重 beside the 年度绩效指标
label merged down the left column; under it a 填报人 / 联系电话 / 填报日期 line. It is drawn with the tests/forms
helpers and put into every file format; it must come out as the department's own filing — the budget grid as
`funds`, never as a project — with every figure as filed and nothing left over. Then the variants: 中长期目标,
the budget down the rows with 其中：财政拨款, the grid's label on a line of its own, blank contact fields.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from generator.importing.report import as_data
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, assert_clean, write

DEPARTMENT = "某县自然资源局"
FUNCTIONS = "负责全县国土空间规划和自然资源管理。"
GOAL = "完成国土空间规划编制，严守耕地红线。"
FOOTER = "填报人：张三　　联系电话：0710-1234567　　填报日期：2026年1月10日"
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标值说明", "权重")
INDICATORS = [("产出指标", "数量指标", "卫片图斑核查数量", "≥", "1200", "个", "全年核查图斑数", "20"),
              ("效益指标", "社会效益指标", "耕地保有量", "≥", "45.6", "万亩", "", "20"),
              ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "", "10")]
EXPECTED_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "卫片图斑核查数量", "value": "1200", "value_type": "≥",
     "unit": "个", "description": "全年核查图斑数", "weight": "20"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "耕地保有量", "value": "45.6", "value_type": "≥",
     "unit": "万亩", "weight": "20"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "90", "value_type": "≥",
     "unit": "%", "weight": "10"}]
SHARED = {"text": "原表“资金总额”只有一格，是收入和支出共同的总额；编者同时录入为收入合计和支出合计。"}
EXPECTED_FUNDS = {
    "income": {"lines": [{"name": "财政拨款", "amount": "1200.60"}, {"name": "其他资金", "amount": "50.00"}],
               "total": {"name": "资金总额", "amount": "1250.60"}},
    "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00"}, {"name": "项目支出", "amount": "450.60"}],
                    "total": {"name": "资金总额", "amount": "1250.60", "notes": [SHARED]}}}
EXPECTED_TASKS = {
    "lines": [{"name": "国土空间规划编制", "content": "完成县级国土空间总体规划报批",
               "budget": {"total": "350.00", "fiscal": "350.00"}},
              {"name": "耕地保护监督", "content": "开展耕地卫片执法检查",
               "budget": {"total": "120.5", "fiscal": "100", "other": "20.5"}}],
    "total": {"total": "470.50", "fiscal": "450.00", "other": "20.5"}}
FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]


# --- the form ------------------------------------------------------------------------------------

def indicator_rows(table: FormTable, label: str | None = "年度绩效指标") -> None:
    """The indicator header and rows, the label (when given) merged down the left column beside them."""
    first = len(table.rows)
    lead = ("",) if label else ()
    table.add(*((label,) if label else ()), *INDICATOR_HEADER)
    for indicator in INDICATORS:
        table.add(*lead, *indicator)
    if label:
        table.merge_down(0, first, len(table.rows) - 1)


def department_form() -> list[FormBlock]:
    """The whole form: one table nine columns wide, the title and unit above it, the contact line below."""
    table = FormTable()
    table.add("部门（单位）名称", (DEPARTMENT, 3), "主管部门代码", ("017", 4))
    table.add("部门职能职责概述", (FUNCTIONS, 8))
    table.add("年度履职目标", (GOAL, 8))
    first = len(table.rows)
    table.add("年度主要任务", "任务名称", ("主要内容", 4), ("预算金额", 3))
    table.add("", "", "", "", "", "", "总额", "财政拨款", "其他资金")
    table.merges += [(first, 1, first + 1, 1), (first, 2, first + 1, 5)]
    table.add("", "国土空间规划编制", ("完成县级国土空间总体规划报批", 4), "350.00", "350.00", "")
    table.add("", "耕地保护监督", ("开展耕地卫片执法检查", 4), "120.5", "100", "20.5")
    table.merge_down(0, first, len(table.rows) - 1)
    table.add(("金额合计", 6), "470.50", "450.00", "20.5")
    first = len(table.rows)
    table.add("年度部门整体支出预算", ("资金总额", 2), ("财政拨款", 2), ("其他资金", 2), "基本支出", "项目支出")
    table.add("", ("1250.60", 2), ("1200.60", 2), ("50.00", 2), "800.00", "450.60")
    table.merge_down(0, first, first + 1)
    indicator_rows(table)
    return [FormText("2026年度部门整体支出绩效目标表"), FormText("金额单位：万元"), table, FormText(FOOTER)]


def short_form(*rows: tuple[str | tuple[str, int], ...], footer: str | None = None, unit: bool = True,
               goal: bool = True) -> list[FormBlock]:
    """The name, the given rows and (`goal`) 年度总体目标 in one table (width 9), the indicators below it."""
    table = FormTable()
    table.add("部门（单位）名称", (DEPARTMENT, 8))
    for row in rows:
        table.add(*row)
    if goal:
        table.add("年度总体目标", (GOAL, 8))
    indicators = FormTable()
    indicator_rows(indicators, label=None)
    return [FormText("2026年度部门整体支出绩效目标表"), *([FormText("单位：万元")] if unit else []), table,
            indicators, *([FormText(footer)] if footer else [])]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"整体.{suffix}"), tmp_path, "zrzy")


# --- the whole form, in every format ---------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_every_format_gives_the_departments_filing(tmp_path: Path, suffix: str) -> None:
    result = run(department_form(), tmp_path, suffix)
    filing = as_written(result.filing)
    assert filing["department"] == {"id": "zrzy", "name": DEPARTMENT, "region": "ezhou", "code": "017"}
    assert filing["functions"] == FUNCTIONS
    assert filing["overall_goal"] == GOAL
    assert filing["tasks"] == EXPECTED_TASKS
    assert filing["funds"] == EXPECTED_FUNDS
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": EXPECTED_INDICATORS}]
    assert filing["contact"] == {"filer": "张三", "phone": "0710-1234567"}
    assert str(filing["filed_on"]) == "2026-01-10" and filing["money_unit"] == "万元"
    assert "projects" not in filing and "notes" not in filing
    assert_clean(result)


def test_the_grid_is_reported_as_the_departments_budget(tmp_path: Path) -> None:
    result = run(department_form(), tmp_path, "docx")
    data = as_data(result)
    assert [(t["location"], t["kind"]) for t in data["tables"]] == [("表1", "年度主要任务表、年度预算申请、指标表")]
    assert (data["fund_lines"], data["tasks"], data["projects"], data["indicators"]) == (6, 2, 0, 3)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "pdf"])
def test_level1_merged_down_beside_the_vertical_label(tmp_path: Path, suffix: str) -> None:
    """A real grid: 产出指标 merged over two rows next to 年度绩效指标 merged over the whole indicator part."""
    blocks = department_form()
    table = blocks[2]
    assert isinstance(table, FormTable)
    first = len(table.rows) - 3
    table.rows.insert(first + 1, ["", "", "质量指标", "规划报批通过率", "=", "100", "%", "", "20"])
    table.merges = [(top, left, bottom + (bottom >= first + 1), right) for top, left, bottom, right in table.merges]
    table.merge_down(1, first, first + 1)
    result = run(blocks, tmp_path, suffix)
    indicators = result.filing["goals"][0]["indicators"]
    assert indicators[1] == {"level1": "产出指标", "level2": "质量指标", "name": "规划报批通过率", "value": "100",
                             "value_type": "=", "unit": "%", "weight": "20"}
    assert len(indicators) == 4
    assert_clean(result)


# --- the label words of other provinces ----------------------------------------------------------

@pytest.mark.parametrize(("label", "field"), [
    ("部门职能职责概述", "functions"), ("部门职能职责", "functions"), ("职能职责", "functions"),
    ("部门主要职能", "functions"),
    ("年度履职目标", "overall_goal"), ("整体绩效目标", "overall_goal"), ("年度整体绩效目标", "overall_goal")])
def test_label_beside_its_text_names_the_field(tmp_path: Path, label: str, field: str) -> None:
    result = run(short_form((label, ("本年度的文字。", 8)), goal=False), tmp_path, "xlsx")
    assert result.filing[field] == "本年度的文字。"
    assert_clean(result)


def test_yearly_duty_goal_beside_another_label_is_no_text(tmp_path: Path) -> None:
    """部门（单位）职责 | 年度履职目标 side by side (the 衡阳 form's heads over its two texts): 年度履职目标 is no text of
    部门职责, nor a label whose text is a word; the row heads the texts below, and is placed as the form's print
    (tests/test_import_leftovers_four.py)."""
    result = run(short_form(("部门（单位）职责", ("年度履职目标", 8)), ("部门（单位）职责", (FUNCTIONS, 8))),
                 tmp_path, "xlsx")
    assert result.filing["functions"] == FUNCTIONS
    assert result.filing["overall_goal"] == GOAL
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_second_text_of_the_same_field_is_listed_not_written_over(tmp_path: Path, suffix: str) -> None:
    """年度履职目标 and 年度总体目标 both filed: the filing has one overall_goal; the first is kept, the second
    listed with its reason (before, the second silently replaced the first)."""
    result = run(short_form(("年度履职目标", ("本年度的文字。", 8))), tmp_path, suffix)
    assert result.filing["overall_goal"] == "本年度的文字。"
    why = "原表前面已有一栏录入为总体绩效目标（文件格式中此项只有一处）；这一栏未录入，请核对"
    assert not_placed(result) == [("年度总体目标", why), (GOAL, why)]
    assert result.check.errors == []


# --- 中长期目标 ------------------------------------------------------------------------------------

MID_LONG_NOTE = {"field": "kind", "text": "原表写作“中长期目标”；本网站的目标分长期、中期、年度三类，编者列为中期目标。"}


@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_mid_long_term_goal_is_a_mid_term_goal_with_a_note(tmp_path: Path, suffix: str) -> None:
    """中长期目标 | its text, then the 年度绩效指标: the goal is filed as 中期 (said in a note); the indicators the
    label calls 年度 are a 年度 goal's, not the 中长期 goal's that waits above them."""
    blocks = short_form(("中长期目标", ("到2028年全面完成国土空间规划体系建设。", 8)))
    table = blocks[2]
    assert isinstance(table, FormTable)
    indicator_rows(table)
    del blocks[3]
    result = run(blocks, tmp_path, suffix)
    assert result.filing["goals"] == [
        {"id": "g1", "kind": "中期", "title": "中长期目标", "text": "到2028年全面完成国土空间规划体系建设。",
         "notes": [MID_LONG_NOTE]},
        {"id": "g2", "kind": "年度", "indicators": EXPECTED_INDICATORS}]
    assert result.filing["overall_goal"] == GOAL
    assert_clean(result)


def test_mid_long_term_goal_with_its_years(tmp_path: Path) -> None:
    result = run(short_form(("中长期目标（2026年—2028年）", ("全面完成国土空间规划体系建设。", 8))), tmp_path, "docx")
    goal = result.filing["goals"][0]
    assert (goal["kind"], goal["title"], goal["span"]) == ("中期", "中长期目标（2026年—2028年）", [2026, 2028])
    assert goal["notes"] == [MID_LONG_NOTE]
    assert_clean(result)


# --- the budget in other layouts -----------------------------------------------------------------

def budget_rows(label: str = "部门预算资金（万元）") -> FormTable:
    """The budget down the rows, each amount beside its word, the label merged down beside them."""
    table = FormTable()
    for word, amount in (("资金总额", "1250.60"), ("其中：财政拨款", "1200.60"), ("其他资金", "50.00"),
                         ("基本支出", "800.00"), ("项目支出", "450.60")):
        table.add(label if not table.rows else "", (word, 3), (amount, 5))
    table.merge_down(0, 0, len(table.rows) - 1)
    return table


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "pdf", "txt"])
def test_budget_down_the_rows_with_qizhong(tmp_path: Path, suffix: str) -> None:
    """部门预算资金（万元）: 其中：财政拨款 is the 财政拨款 line (named as filed); 基本支出 / 项目支出 are the expenditure,
    never a goal named 项目支出; the label's unit is the filing's."""
    blocks = short_form(*budget_rows().rows, unit=False)
    result = run(blocks, tmp_path, suffix)
    funds = as_written(result.filing["funds"])
    assert funds["income"]["lines"] == [{"name": "其中：财政拨款", "amount": "1200.60"},
                                        {"name": "其他资金", "amount": "50.00"}]
    assert funds["expenditure"] == EXPECTED_FUNDS["expenditure"]
    assert result.filing["money_unit"] == "万元"
    assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": EXPECTED_INDICATORS}]
    assert "projects" not in result.filing and "notes" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_budget_label_on_a_line_of_its_own(tmp_path: Path, suffix: str) -> None:
    """年度部门整体支出预算（万元） across the table above 资金总额 / 财政拨款 / 其他资金 (words a project's budget has
    too): the label says they are the department's, also where copied text makes it a line of its own."""
    table = FormTable()
    table.add(("年度部门整体支出预算（万元）", 3))
    table.add("资金总额", "财政拨款", "其他资金")
    table.add("1250.60", "1200.60", "50.00")
    blocks = [FormText("2026年度部门整体支出绩效目标表"), table]
    indicators = FormTable()
    indicators.add("年度总体目标", (GOAL, 7))
    indicator_rows(indicators, label=None)
    blocks.append(indicators)
    identity = FormTable()
    identity.add("部门（单位）名称", DEPARTMENT)
    blocks.insert(1, identity)
    result = run(blocks, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == {"income": EXPECTED_FUNDS["income"]}
    assert "projects" not in result.filing and "notes" not in result.filing
    assert result.filing["money_unit"] == "万元"
    assert_clean(result)


# --- contact fields left blank -------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "html", "txt"])
def test_blank_phone_cell_takes_no_label_as_its_value(tmp_path: Path, suffix: str) -> None:
    """填报人 | 王五 | 联系电话 | (blank) | 填报日期 | 2026年1月15日: 填报日期 is no phone number."""
    result = run(short_form(("填报人", "王五", "联系电话", "", "填报日期", ("2026年1月15日", 4))), tmp_path, suffix)
    assert result.filing["contact"] == {"filer": "王五"}
    assert str(result.filing["filed_on"]) == "2026-01-15"
    assert_clean(result)


@pytest.mark.parametrize(("suffix", "footer", "contact", "filed_on"), [
    ("xlsx", "填报人：王五　　联系电话：　　填报日期：2026年1月15日", {"filer": "王五"}, "2026-01-15"),
    ("pdf", "填报人：王五　　联系电话：　　填报日期：2026年1月15日", {"filer": "王五"}, "2026-01-15"),
    ("txt", "填报人：　　　联系电话：0710-1234567　　填报日期：", {"phone": "0710-1234567"}, None)])
def test_blank_fields_in_the_contact_line(tmp_path: Path, suffix: str, footer: str, contact: dict[str, str],
                                          filed_on: str | None) -> None:
    """A label with nothing after it is the form's print: the other pairs of the line are read."""
    result = run(short_form(footer=footer), tmp_path, suffix)
    assert result.filing["contact"] == contact
    assert str(result.filing.get("filed_on")) == str(filed_on)
    assert_clean(result)


def test_a_line_with_an_unknown_label_is_still_listed(tmp_path: Path) -> None:
    """Only a known label may be blank: a line with another label is not read, and listed whole."""
    footer = "填报人：王五　　审核人：　　填报日期：2026年1月15日"
    result = run(short_form(footer=footer), tmp_path, "xlsx")
    assert "contact" not in result.filing and "filed_on" not in result.filing
    assert not_placed(result) == [(footer, "未识别的段落")]
