"""`gongkai import` of native workbooks as other provinces' 预算管理一体化 systems and finance bureaus export them
(广东, 浙江, 四川, 山东, 江苏, 北京, 河南): .xlsx written cell by cell with openpyxl, .xls with xlwt where it can.

1. 填报日期 footers in cells right under a project list with indicator rows ("填报日期： | | <date>"): the row was read
   as one more project, its date as that project's 预算单位.
2. The value split under its head: "绩效目标值" (or 中期/年度指标值) merged over "符号 | 数值 | 单位". The sub-header
   was read as an indicator, each comparator as the value, the numbers and units listed unread.
3. "指标值 | 单位" (a plain 单位 right of the value): the units were listed as a column without a field.
4. Number formats with literal text: 95 under `0"%"` shows 95%, 850000 under `#,##0.00"元"` shows 850,000.00元. Read as
   "95" and as 850000.00 万元 (the form's unit) before.
5. A cover sheet whose lines name the form ("项目支出绩效目标表") before the form's own heading: an empty project.
6. The year only in "（2026年度）" under the form's heading, the title from a cover without one: the import stopped.
7. Labels of other provinces: 部门编码, 编报单位/编报日期, 项目性质, and a 项目资金 label over 实施期/年度 pairs.

Each workbook is built here as the system writes it; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_tasks import as_written
from tests.test_import_workbooks import Num, Sheet, assert_checked, project_sheet, write_xls, write_xlsx

PERCENT = "0%"


def imported(sheets: list[Sheet], tmp_path: Path, suffix: str = "xlsx", kind: str = "申报",
             year: int | None = None) -> ImportResult:
    """The workbook imported with the year (unless given) and the department's name taken from the form."""
    writer = write_xls if suffix == "xls" else write_xlsx
    return import_new(writer(sheets, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "dept", kind=kind, year=year)


# --- 1. a 填报日期 footer right under a project list with indicator rows ------------------------------------------------

def jiangsu_project_rows(footer: list) -> Sheet:
    """江苏: one row per indicator, each project's 序号/名称/预算单位/金额/目标 merged down its rows, footers right below."""
    return Sheet("项目支出绩效目标表", [
        ["江苏省交通运输厅2026年度项目支出绩效目标表", "", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", "", "单位：万元"],
        ["序号", "项目名称", "预算单位", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
         "度量单位"],
        [Num(1, "0"), "普通国省道养护", "江苏省公路事业发展中心", Num(85000), "完成普通国省道养护1.6万公里。",
         "产出指标", "数量指标", "养护里程", "≥", Num(16000, "#,##0"), "公里"],
        ["", "", "", "", "", "", "质量指标", "优良路率", "≥", Num(0.9, PERCENT), ""],
        ["", "", "", "", "", "满意度指标", "服务对象满意度指标", "公众满意度", "≥", Num(0.88, PERCENT), ""],
        [Num(2, "0"), "内河航道整治", "江苏省港航事业发展中心", Num(42000.75), "整治内河航道120公里。",
         "产出指标", "数量指标", "整治航道里程", "≥", Num(120, "0"), "公里"],
        ["", "", "", "", "", "", "成本指标", "单公里整治成本", "≤", Num(350, "0.00"), "万元/公里"],
        footer,
    ], ["A1:K1", "A4:A6", "B4:B6", "C4:C6", "D4:D6", "E4:E6", "F4:F5", "A7:A8", "B7:B8", "C7:C8", "D7:D8", "E7:E8"])


JIANGSU_PROJECTS = [
    {"number": 1, "name": "普通国省道养护", "budget_unit": "江苏省公路事业发展中心", "budget": {"total": "85000.00"},
     "goals": [{"id": "annual", "kind": "年度", "text": "完成普通国省道养护1.6万公里。", "indicators": [
         {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "16000", "value_type": "≥",
          "unit": "公里"},
         {"level1": "产出指标", "level2": "质量指标", "name": "优良路率", "value": "90%", "value_type": "≥"},
         {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "公众满意度", "value": "88%",
          "value_type": "≥"}]}]},
    {"number": 2, "name": "内河航道整治", "budget_unit": "江苏省港航事业发展中心", "budget": {"total": "42000.75"},
     "goals": [{"id": "annual", "kind": "年度", "text": "整治内河航道120公里。", "indicators": [
         {"level1": "产出指标", "level2": "数量指标", "name": "整治航道里程", "value": "120", "value_type": "≥",
          "unit": "公里"},
         {"level1": "产出指标", "level2": "成本指标", "name": "单公里整治成本", "value": "350.00", "value_type": "≤",
          "unit": "万元/公里"}]}]},
]


def test_date_footer_under_project_rows_is_the_filing_date_not_a_project(tmp_path: Path) -> None:
    """Before: "填报日期：" (its date two cells right) did not end the list: a third project p3 with no name and
    budget_unit "2026-01-12", filed_on missing, and "填报日期：" listed as a 序号 that is no number."""
    footer = ["填报日期：", "", dt.datetime(2026, 1, 12), "", "", "", "", "", "", "", ""]
    result = imported([jiangsu_project_rows(footer)], tmp_path, kind="公开")
    filing = result.filing
    assert as_written(filing["projects"]) == JIANGSU_PROJECTS
    assert str(filing["filed_on"]) == "2026-01-12"
    assert filing["department"]["name"] == "江苏省交通运输厅" and filing["fiscal_year"] == 2026
    assert not_placed(result) == []
    assert_checked(result)


def test_contact_footer_under_project_rows_stays_read(tmp_path: Path) -> None:
    """Guard: "填报人：王五 | 联系电话：…" in cells right under the list was read as the contact, and still is."""
    footer = ["填报人：王五", "", "", "联系电话：025-83456789", "", "", "", "", "", "", ""]
    result = imported([jiangsu_project_rows(footer)], tmp_path, kind="公开")
    assert as_written(result.filing["projects"]) == JIANGSU_PROJECTS
    assert result.filing["contact"] == {"filer": "王五", "phone": "025-83456789"}
    assert not_placed(result) == []


# --- 2. the value split under its head: 符号 | 数值 | 单位 ------------------------------------------------------------

def henan_project(number: int, name: str, code: str, amounts: tuple[float, float, float], goal: str) -> Sheet:
    """河南: one project per sheet, the basic-info block, 资金总额 | … | 其中：财政拨款 | … | 其他资金 | … on one row, and
    "绩效目标值" merged over 符号 | 数值 | 单位 with the other heads merged down beside it."""
    total, fiscal, other = amounts
    return Sheet(f"{number}.{name}", [
        ["2026年度河南省省级项目支出绩效目标表", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "单位：万元"],
        ["项目名称", name, "", "", "项目编码", code, "", ""],
        ["主管部门", "河南省农业农村厅", "", "", "实施单位", "河南省种子站", "", ""],
        ["项目属性", "新增", "", "", "项目期", "1年", "", ""],
        ["项目类别", "专项业务类", "", "", "", "", "", ""],
        ["资金总额", Num(total), "其中：财政拨款", Num(fiscal), "其他资金", Num(other), "", ""],
        ["年度绩效目标", goal, "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "绩效目标值", "", "", "目标值设定依据", "备注"],
        ["", "", "", "符号", "数值", "单位", "", ""],
        ["产出指标", "数量指标", "良种推广面积", "≥", Num(500, "0"), "万亩", "项目实施方案", ""],
        ["", "质量指标", "种子质量抽检合格率", "≥", Num(0.98, PERCENT), "", "行业标准", ""],
        ["效益指标", "经济效益指标", "亩均增产", "≥", Num(25.5, "0.0"), "公斤", "", "较上年"],
        ["满意度指标", "服务对象满意度指标", "种植户满意度", "≥", Num(90, "0"), "%", "", ""],
    ], ["A1:H1", "B3:D3", "F3:H3", "B4:D4", "F4:H4", "B5:D5", "F5:H5", "B6:H6", "B8:H8", "A9:A10", "B9:B10",
        "C9:C10", "D9:F9", "G9:G10", "H9:H10", "A11:A12"])


def henan_expected(code: str, name: str, budget: dict[str, str], goal: str) -> dict:
    return {"code": code, "name": name, "category": "专项业务类", "attribute": "新增", "period": "1年",
            "budget_unit": "河南省种子站", "budget": budget,
            "goals": [{"id": "g1", "kind": "年度", "text": goal, "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "良种推广面积", "value": "500", "value_type": "≥",
                 "unit": "万亩", "basis": "项目实施方案"},
                {"level1": "产出指标", "level2": "质量指标", "name": "种子质量抽检合格率", "value": "98%",
                 "value_type": "≥", "basis": "行业标准"},
                {"level1": "效益指标", "level2": "经济效益指标", "name": "亩均增产", "value": "25.5", "value_type": "≥",
                 "unit": "公斤", "remark": "较上年"},
                {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "种植户满意度", "value": "90",
                 "value_type": "≥", "unit": "%"}]}]}


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_value_split_into_comparator_number_and_unit_under_its_head(tmp_path: Path, suffix: str) -> None:
    """Before: the row "符号 | 数值 | 单位" became an indicator (value "符号"), every indicator's value was its
    comparator ("≥"), and every number and unit was listed as an unrecognised cell."""
    sheets = [henan_project(1, "良种繁育推广", "41000026T000001", (500, 450, 50), "推广良种500万亩。"),
              henan_project(2, "耕地质量提升", "41000026T000002", (1234.56, 1234.56, 0), "提升耕地质量等级。")]
    result = imported(sheets, tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [
        henan_expected("41000026T000001", "良种繁育推广", {"total": "500.00", "fiscal": "450.00", "other": "50.00"},
                       "推广良种500万亩。"),
        henan_expected("41000026T000002", "耕地质量提升", {"total": "1234.56", "fiscal": "1234.56", "other": "0.00"},
                       "提升耕地质量等级。")]
    assert result.filing["title"] == "2026年度河南省省级项目支出绩效目标表"
    assert not_placed(result) == []
    assert_checked(result)


def central_split_sheet() -> Sheet:
    """中期指标值 and 年度指标值 each merged over its own 符号 | 数值 | 单位: each period's comparator and unit."""
    return Sheet("项目", [
        ["项目支出绩效目标申报表", "", "", "", "", "", "", "", ""],
        ["（2026年度）", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "单位：万元"],
        ["项目名称", "智慧税务建设", "", "", "", "", "", "", ""],
        ["主管部门", "某省税务局", "", "", "实施单位", "某省税务局信息中心", "", "", ""],
        ["项目属性", "延续项目", "", "", "项目期", "3年", "", "", ""],
        ["总体目标", "中期目标（2026年-2028年）", "", "", "", "年度目标", "", "", ""],
        ["", "建成智慧税务平台。", "", "", "", "完成平台一期建设。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "中期指标值", "", "", "年度指标值", "", ""],
        ["", "", "", "符号", "数值", "单位", "符号", "数值", "单位"],
        ["产出指标", "数量指标", "上线功能模块", "≥", Num(30, "0"), "个", "＝", Num(10, "0"), "套"],
        ["", "质量指标", "系统可用率", "≥", Num(0.999, "0.0%"), "", "≥", Num(0.995, "0.0%"), ""],
        ["效益指标", "社会效益指标", "网上办税率", "", "", "", "≥", Num(90, "0"), "%"],
    ], ["A1:I1", "A2:I2", "B4:I4", "B5:D5", "F5:I5", "B6:D6", "F6:I6", "A7:A8", "B7:E7", "F7:I7", "B8:E8", "F8:I8",
        "A9:A10", "B9:B10", "C9:C10", "D9:F9", "G9:I9", "A11:A12"])


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_medium_and_annual_values_each_split_keep_their_own_comparator_and_unit(tmp_path: Path, suffix: str) -> None:
    """Before: the sub-header ended the header (the same harm as above). The 中期 group's 符号 and 单位 are the 中期
    indicator's; the 年度 group's the 年度 one's (＝ 10 套, not ≥ 10 个); a row whose 中期 group is blank has no 中期
    indicator, and lends it no comparator or unit."""
    result = imported([central_split_sheet()], tmp_path, suffix)
    goals = as_written(result.filing["projects"][0]["goals"])
    assert goals[0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "上线功能模块", "value": "30", "value_type": "≥", "unit": "个"},
        {"level1": "产出指标", "level2": "质量指标", "name": "系统可用率", "value": "99.9%", "value_type": "≥"}]
    assert goals[1]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "上线功能模块", "value": "10", "value_type": "＝", "unit": "套"},
        {"level1": "产出指标", "level2": "质量指标", "name": "系统可用率", "value": "99.5%", "value_type": "≥"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "网上办税率", "value": "90", "value_type": "≥",
         "unit": "%"}]
    assert [(g["kind"], g.get("span")) for g in goals] == [("中期", [2026, 2028]), ("年度", None)]
    assert not_placed(result) == []


def test_split_value_under_绩效目标值_beside_绩效指标_over_the_levels(tmp_path: Path) -> None:
    """"绩效指标" merged over 一级 | 二级 | 三级 and "绩效目标值" over 符号 | 数值 | 单位, one header of two rows. Before:
    the table was not recognised at all: every header and indicator cell listed as unrecognised, no indicator read."""
    sheet = Sheet("项目", [
        ["2026年项目支出绩效目标表", "", "", "", "", "", ""],
        ["项目名称", "乡村学校少年宫", "", "", "主管部门", "某县教育局", ""],
        ["年度绩效目标", "建设乡村学校少年宫10所。", "", "", "", "", ""],
        ["绩效指标", "", "", "绩效目标值", "", "", "备注"],
        ["一级指标", "二级指标", "三级指标", "符号", "数值", "单位", ""],
        ["产出指标", "数量指标", "建设数量", "≥", Num(10, "0"), "所", ""],
        ["满意度指标", "服务对象满意度指标", "学生满意度", "≥", Num(0.9, PERCENT), "", "抽样调查"],
    ], ["A1:G1", "B2:D2", "F2:G2", "B3:G3", "A4:C4", "D4:F4", "G4:G5"])
    result = imported([sheet], tmp_path)
    assert result.filing["projects"][0]["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "建设数量", "value": "10", "value_type": "≥", "unit": "所"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学生满意度", "value": "90%", "value_type": "≥",
         "remark": "抽样调查"}]
    assert not_placed(result) == []
    assert_checked(result)


def test_指标值_over_中期_and_年度_with_both_goals_on_one_row(tmp_path: Path) -> None:
    """"中期目标 | … | 年度目标 | …" on one row, and "指标值" merged over "中期 | 年度". Before: the 年度目标 and its text
    were listed as unrecognised, the sub-header became an indicator (value "中期"), and the 中期 goal got the 年度
    values (10, not 30) while the 中期 ones were lost."""
    sheet = Sheet("项目", [
        ["2026年项目支出绩效目标表", "", "", "", "", ""],
        ["项目名称", "乡村学校少年宫", "", "主管部门", "某县教育局", ""],
        ["中期目标", "三年建设30所。", "", "年度目标", "建设10所。", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "", "计量单位"],
        ["", "", "", "中期", "年度", ""],
        ["产出指标", "数量指标", "建设数量", Num(30, "0"), Num(10, "0"), "所"],
    ], ["A1:F1", "B2:C2", "E2:F2", "B3:C3", "E3:F3", "A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5"])
    result = imported([sheet], tmp_path)
    indicator = {"level1": "产出指标", "level2": "数量指标", "name": "建设数量", "unit": "所"}
    assert result.filing["projects"][0]["goals"] == [
        {"id": "medium", "kind": "中期", "text": "三年建设30所。", "indicators": [indicator | {"value": "30"}]},
        {"id": "g2", "kind": "年度", "text": "建设10所。", "indicators": [indicator | {"value": "10"}]}]
    assert not_placed(result) == []
    assert_checked(result)


def test_blank_implementation_period_value_is_no_medium_indicator(tmp_path: Path) -> None:
    """浙江: 实施期指标值 | 年度指标值, a 时效 indicator only of the year (its 实施期 cell blank), one only of the 实施期.
    Before: the 中期 goal listed 年度完工率 without a value (checked as an indicator missing its value), and the 年度 goal
    listed 累计完工率 without one. As with two halves side by side, a blank group has no such indicator."""
    sheet = Sheet("项目1", [
        ["项目支出绩效目标表", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "金额单位：万元"],
        ["项目名称", "钱塘江海塘安澜工程", "", "", "主管部门", "浙江省水利厅", ""],
        ["总体目标", "实施期目标（2026-2028年）", "", "", "年度目标", "", ""],
        ["", "完成海塘提标加固50公里。", "", "", "完成海塘提标加固18公里。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标方向", "实施期指标值", "年度指标值", "计量单位"],
        ["产出指标", "数量指标", "海塘加固长度", "≥", Num(50, "0"), Num(18, "0"), "公里"],
        ["", "时效指标", "年度完工率", "≥", "", Num(0.36, PERCENT), ""],
        ["", "", "累计完工率", "＝", Num(1, PERCENT), "", ""],
    ], ["A1:G1", "B3:D3", "F3:G3", "A4:A5", "B4:D4", "E4:G4", "B5:D5", "E5:G5", "A7:A9", "B8:B9"])
    result = imported([sheet], tmp_path, year=2026)
    medium, annual = as_written(result.filing["projects"][0]["goals"])
    assert [(i["name"], i["value"], i["value_type"]) for i in medium["indicators"]] == [
        ("海塘加固长度", "50", "≥"), ("累计完工率", "100%", "＝")]
    assert [(i["name"], i["value"], i["value_type"]) for i in annual["indicators"]] == [
        ("海塘加固长度", "18", "≥"), ("年度完工率", "36%", "≥")]
    assert (medium["kind"], medium["span"]) == ("中期", [2026, 2028])
    assert not_placed(result) == []
    assert_checked(result)


def test_value_head_over_known_sub_heads_is_unchanged(tmp_path: Path) -> None:
    """Guard: 指标值 merged over 指标性质 | 指标值 | 度量单位 (the words of the fields) reads as it did."""
    sheet = Sheet("部门整体", [
        ["2026年度部门整体支出绩效目标表", "", "", "", "", ""],
        ["部门名称", "某县农业农村局", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "", ""],
        ["", "", "", "指标性质", "指标值", "度量单位"],
        ["产出指标", "数量指标", "培训农民人数", "≥", Num(500, "0"), "人次"],
    ], ["A1:F1", "B2:F2", "A3:A4", "B3:B4", "C3:C4", "D3:F3"])
    result = imported([sheet], tmp_path)
    assert result.filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "培训农民人数", "value": "500", "value_type": "≥", "unit": "人次"}]
    assert not_placed(result) == []


# --- 3. "指标值 | 单位" ------------------------------------------------------------------------------------------------

def beijing_sheet(unit_head: str = "单位") -> Sheet:
    return Sheet("绩效目标", [
        ["北京市2026年项目支出绩效目标申报表", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "金额单位：元"],
        ["项目名称", "城市副中心绿化养护", "", "", "", "", ""],
        ["主管部门", "北京市园林绿化局", "", "", "", "", ""],
        ["项目资金", "资金总额", "", Num(12345678.9), "", "", ""],
        ["", "其中：财政拨款", "", Num(12345678.9), "", "", ""],
        ["", "其他资金", "", Num(0), "", "", ""],
        ["年度绩效目标", "完成绿地养护1200公顷。", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "符号", "指标值", unit_head, "权重(%)"],
        ["产出指标", "数量指标", "养护面积", "≥", Num(1200, "0"), "公顷", Num(40, "0")],
        ["", "质量指标", "苗木成活率", "≥", Num(0.95, PERCENT), "", Num(30, "0")],
        ["效益指标", "生态效益指标", "绿化覆盖率", "≥", Num(49.5, "0.0"), "%", Num(30, "0")],
    ], ["A1:G1", "B3:G3", "B4:G4", "A5:A7", "B5:C5", "B6:C6", "B7:C7", "D5:G5", "D6:G6", "D7:G7", "B8:G8", "A10:A11"])


BEIJING_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "养护面积", "value": "1200", "value_type": "≥", "unit": "公顷",
     "weight": "40"},
    {"level1": "产出指标", "level2": "质量指标", "name": "苗木成活率", "value": "95%", "value_type": "≥", "weight": "30"},
    {"level1": "效益指标", "level2": "生态效益指标", "name": "绿化覆盖率", "value": "49.5", "value_type": "≥", "unit": "%",
     "weight": "30"}]


@pytest.mark.parametrize("unit_head", ["单位", "计量单位"])
def test_unit_column_headed_单位_beside_the_value(tmp_path: Path, unit_head: str) -> None:
    """Before ("单位"): 公顷 and % were listed as a column without a field, and 绿化覆盖率 published as "≥ 49.5"."""
    result = imported([beijing_sheet(unit_head)], tmp_path)
    project = as_written(result.filing["projects"][0])
    assert project["goals"][0]["indicators"] == BEIJING_INDICATORS
    assert project["budget"] == {"total": "12345678.90", "fiscal": "12345678.90", "other": "0.00"}
    assert result.filing["money_unit"] == "元"
    assert not_placed(result) == []
    assert_checked(result)


# --- 4. number formats with literal text -----------------------------------------------------------------------------

def literal_format_sheet(unit: str) -> Sheet:
    return Sheet("项目", [
        ["2026年项目支出绩效目标表", "", "", "", ""],
        ["", "", "", "", f"单位：{unit}"],
        ["项目名称", "社区养老服务", "", "", ""],
        ["主管部门", "某市民政局", "", "", ""],
        ["资金总额", Num(850000, '#,##0.00"元"'), "财政拨款", Num(850000, '#,##0.00"元"'), ""],
        ["年度绩效目标", "为老年人提供助餐服务。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
        ["产出指标", "数量指标", "助餐服务人次", Num(12000, '#,##0"人次"'), "计划标准"],
        ["", "质量指标", "食品安全抽检合格率", Num(100, '0"%"'), "行业标准"],
        ["满意度指标", "服务对象满意度指标", "老年人满意度", Num(90, '0.00"%"'), ""],
        ["", "", "投诉办结率", Num(98, "0\\%"), ""],
    ], ["A1:E1", "B3:E3", "B4:E4", "B6:E6", "A8:A9", "A10:A11", "B10:B11"])


LITERAL_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "助餐服务人次", "value": "12000人次", "basis": "计划标准"},
    {"level1": "产出指标", "level2": "质量指标", "name": "食品安全抽检合格率", "value": "100%", "basis": "行业标准"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "老年人满意度", "value": "90.00%"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "投诉办结率", "value": "98%"}]


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_number_format_text_after_the_number_is_read_with_it(tmp_path: Path, suffix: str) -> None:
    """Before: 100 under `0"%"` read "100", 90 under `0.00"%"` "90.00", 12000 under `#,##0"人次"` "12000": the value
    lost what Excel shows after it. Amounts in the form's own unit are read as a written unit is, with a note."""
    result = imported([literal_format_sheet("元")], tmp_path, suffix)
    project = as_written(result.filing["projects"][0])
    assert project["goals"][0]["indicators"] == LITERAL_INDICATORS
    assert project["budget"] == {"total": "850000.00", "fiscal": "850000.00"}
    assert project["notes"] == [
        {"field": "budget.total", "text": "原表写作“850000.00元”；编者去掉与本表金额单位相同的“元”，录入为 850000.00。"},
        {"field": "budget.fiscal", "text": "原表写作“850000.00元”；编者去掉与本表金额单位相同的“元”，录入为 850000.00。"}]
    assert not_placed(result) == []


def test_amount_formatted_in_元_under_a_form_in_万元_is_not_read_as_万元(tmp_path: Path) -> None:
    """Before: 850000 under `#,##0.00"元"` in a form whose 单位 is 万元 was filed as 850000.00 万元, ten thousand times
    the amount. Now the cell says 元: not converted, listed."""
    result = imported([literal_format_sheet("万元")], tmp_path)
    assert "budget" not in result.filing["projects"][0]
    why = "金额“850000.00元”以元计，本表金额单位为万元；导入不换算金额，未录入"
    assert not_placed(result) == [("850000.00元", why), ("850000.00元", why)]


# --- 5 and 6. a cover sheet before the form ------------------------------------------------------------------------

def test_cover_naming_the_form_opens_no_empty_project(tmp_path: Path) -> None:
    """Before: the cover's "项目支出绩效目标表" (under its "2026年部门预算") opened a project, and the sheet's own heading
    another: an empty p1 beside the project. One project now."""
    cover = Sheet("封面", [["2026年部门预算"], ["项目支出绩效目标表"]])
    result = imported([cover, project_sheet(1, "高标准农田建设", 300)], tmp_path, year=2026)
    assert [p.get("name") for p in result.filing["projects"]] == ["高标准农田建设"]
    assert not_placed(result) == []
    assert_checked(result)


def test_year_line_under_the_sheet_heading_gives_the_year_a_cover_title_lacks(tmp_path: Path) -> None:
    """Before: the cover's title has no year, and the "（2026年度）" under the form's heading was listed as a year with
    nothing to compare to: without --year the import stopped. The line is the form's year; the cover's 编报单位 and
    编报日期 are the department and the filing date (they were listed as unrecognised)."""
    cover = Sheet("封面", [["2026年度"], ["项目支出绩效目标申报表"], [""], ["编报单位：某县农业农村局"],
                           ["编报日期：2026年1月5日"]])
    result = imported([cover, project_sheet(1, "高标准农田建设", 300)], tmp_path)
    filing = result.filing
    assert (filing["fiscal_year"], filing["title"]) == (2026, "项目支出绩效目标申报表")
    assert filing["department"] == {"id": "dept", "name": "某县农业农村局", "region": "ezhou", "code": "017"}
    assert str(filing["filed_on"]) == "2026-01-05"
    assert not_placed(result) == [("2026年度", "未识别的段落")]


def test_year_line_of_another_year_than_the_title_stays_listed(tmp_path: Path) -> None:
    """Guard: the title says 2026 and the sheet's line 2025: the title's year, the line listed."""
    sheet = project_sheet(1, "高标准农田建设", 300)
    sheet.rows[1][0] = "（2025年度）"
    cover = Sheet("封面", [["2026年项目支出绩效目标表"]])
    result = imported([cover, sheet], tmp_path)
    assert result.filing["fiscal_year"] == 2026
    assert not_placed(result) == [("（2025年度）", "原表此行写的是 2025 年度，与标题“2026年项目支出绩效目标表”的年度不一致；"
                                                  "文件中预算年度只有一处，未录入，请核对")]


# --- 7. other provinces' labels ----------------------------------------------------------------------------------

def test_department_code_and_project_nature_labels(tmp_path: Path) -> None:
    """Before: "部门编码 | 345001" and "项目性质 | 新增项目" were listed as unrecognised cells."""
    department = Sheet("整体", [
        ["山东省卫生健康委员会2026年部门整体支出绩效目标表", "", "", ""],
        ["部门名称", "山东省卫生健康委员会", "部门编码", "345001"],
        ["整体绩效目标", "提升基本公共卫生服务水平。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "家庭医生签约人数", "3200万人"],
    ], ["A1:D1", "B3:D3"])
    project = Sheet("项目", [
        ["项目名称", "基层医疗能力提升", "项目性质", "新增项目"],
        ["年度绩效目标", "培训基层医生2000人。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", Num(2000, "0")],
    ], ["B2:D2"])
    result = imported([department, project], tmp_path)
    assert result.filing["department"] == {"id": "dept", "name": "山东省卫生健康委员会", "region": "ezhou", "code": "345001"}
    assert result.filing["projects"][0]["attribute"] == "新增项目"
    assert not_placed(result) == []


def test_implementation_period_pairs_under_a_plain_项目资金_label(tmp_path: Path) -> None:
    """浙江: "项目资金 | 实施期资金总额 | … | 年度资金总额 | …" (the label without its unit). Before: the amounts were read,
    but "项目资金" was listed as an unrecognised cell."""
    sheet = Sheet("项目1", [
        ["项目支出绩效目标表", "", "", "", "", ""],
        ["", "", "", "", "", "金额单位：元"],
        ["项目名称", "钱塘江海塘安澜工程", "", "主管部门", "浙江省水利厅", ""],
        ["项目资金", "实施期资金总额", Num(150000000), "年度资金总额", Num(50000000), ""],
        ["", "其中：财政拨款", Num(120000000), "其中：财政拨款", Num(40000000), ""],
        ["", "其他资金", Num(30000000), "其他资金", Num(10000000), ""],
        ["年度绩效目标", "完成海塘提标加固18公里。", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "", ""],
        ["产出指标", "数量指标", "海塘加固长度", "18公里", "", ""],
    ], ["A1:F1", "E3:F3", "A4:A6", "B7:F7"])
    result = imported([sheet], tmp_path, year=2026)
    project = as_written(result.filing["projects"][0])
    assert project["budget"] == {
        "medium_term": {"total": "150000000.00", "fiscal": "120000000.00", "other": "30000000.00"},
        "annual": {"total": "50000000.00", "fiscal": "40000000.00", "other": "10000000.00"}}
    assert not_placed(result) == []


def test_overall_goal_merged_down_beside_the_indicators(tmp_path: Path) -> None:
    """部门整体: "年度总体目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 权重", the goal's text merged down the rows.
    Before: the text was listed as a column the content format has no field for; it is the overall goal."""
    sheet = Sheet("部门整体", [
        ["2026年度部门整体支出绩效目标表", "", "", "", "", ""],
        ["部门名称", "某市人力资源和社会保障局", "", "", "", "单位：万元"],
        ["年度总体目标", "一级指标", "二级指标", "三级指标", "指标值", "权重"],
        ["1.城镇新增就业2万人；\n2.社保扩面5000人。", "产出指标", "数量指标", "城镇新增就业人数", "≥2万人", Num(0.5, PERCENT)],
        ["", "", "", "社保扩面人数", "≥5000人", Num(0.3, PERCENT)],
        ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", Num(0.2, PERCENT)],
    ], ["A1:F1", "B2:E2", "A4:A6", "B4:B5", "C4:C5"])
    result = imported([sheet], tmp_path)
    assert result.filing["overall_goal"] == "1.城镇新增就业2万人；\n2.社保扩面5000人。"
    assert [(i["name"], i["value"], i["weight"]) for i in result.filing["goals"][0]["indicators"]] == [
        ("城镇新增就业人数", "≥2万人", "50%"), ("社保扩面人数", "≥5000人", "30%"), ("群众满意度", "≥90%", "20%")]
    assert not_placed(result) == []
    assert_checked(result)


def test_instructions_sheet_headed_填报要求_is_the_form_s_print(tmp_path: Path) -> None:
    """A sheet of 填报要求 before the forms. Before: each line was listed as an unrecognised paragraph (the 填报说明
    reason is the one a person needs: nothing there is the department's)."""
    instructions = Sheet("填报要求", [["填报要求："], ["1.绩效目标应当具体、可衡量；"], ["2.金额单位为万元，保留两位小数。"]])
    result = imported([instructions, project_sheet(1, "高标准农田建设", 300)], tmp_path)
    why = "原表印制的“填报要求”，是告诉填表人怎样填写这张表的，不是部门填报的内容，未录入"
    assert not_placed(result) == [("填报要求：", why), ("1.绩效目标应当具体、可衡量；", why),
                                  ("2.金额单位为万元，保留两位小数。", why)]
    assert [p["name"] for p in result.filing["projects"]] == ["高标准农田建设"]


# --- guards: what other provinces' workbooks already import right ----------------------------------------------

def test_guangdong_form_after_cover_and_instructions_with_medium_and_annual_side_by_side(tmp_path: Path) -> None:
    """A cover sheet, a 填表说明 sheet, then the form: 中期目标 | 年度目标 side by side, 指标性质 | 中期指标值 | 年度指标值 |
    度量单位 | 权重(%), percent-formatted values, an amount format on the 资金 block."""
    cover = Sheet("封面", [["2026年部门预算项目支出绩效目标申报表"], [""], ["单位名称（盖章）：广东省农业农村厅"],
                           ["填报人：李华"], ["联系电话：020-87654321"], ["填报日期：2026年1月15日"]])
    instructions = Sheet("填表说明", [["填表说明："], ["1.本表由项目单位填报；"], ["2.金额单位为万元。"]])
    form = Sheet("项目支出绩效目标表", [
        ["项目支出绩效目标申报表", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "单位：万元"],
        ["项目名称", "乡村振兴驻镇帮镇扶村", "", "", "项目编码", "44000025T000000123456", "", "", ""],
        ["主管部门", "广东省农业农村厅", "", "", "实施单位", "广东省农业技术推广中心", "", "", ""],
        ["项目属性", "延续项目", "", "", "项目期", "3年", "", "", ""],
        ["项目资金（万元）", "中期资金总额", Num(3600), "", "年度资金总额", Num(1200), "", "", ""],
        ["", "其中：财政拨款", Num(3600), "", "其中：财政拨款", Num(1200), "", "", ""],
        ["", "其他资金", Num(0), "", "其他资金", Num(0), "", "", ""],
        ["总体目标", "中期目标（2026年—2028年）", "", "", "年度目标", "", "", "", ""],
        ["", "三年内完成帮扶镇村1000个。", "", "", "2026年完成帮扶镇村350个。", "", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "中期指标值", "年度指标值", "度量单位", "权重(%)"],
        ["", "产出指标", "数量指标", "帮扶镇村数", "≥", Num(1000, "0"), Num(350, "0"), "个", Num(30, "0")],
        ["", "效益指标", "社会效益指标", "带动农户增收", "定性", "明显提升", "有所提升", "", Num(30, "0")],
        ["", "满意度指标", "服务对象满意度指标", "帮扶对象满意度", "≥", Num(0.9, PERCENT), Num(0.9, PERCENT), "",
         Num(40, "0")],
    ], ["A1:I1", "B3:D3", "F3:I3", "B4:D4", "F4:I4", "B5:D5", "F5:I5", "A6:A8", "A9:A10", "B9:D9", "E9:I9",
        "B10:D10", "E10:I10", "A11:A14"])
    result = imported([cover, instructions, form], tmp_path)
    filing = result.filing
    assert (filing["title"], filing["fiscal_year"], str(filing["filed_on"])) == \
        ("2026年部门预算项目支出绩效目标申报表", 2026, "2026-01-15")
    assert filing["contact"] == {"filer": "李华", "phone": "020-87654321"}
    project = as_written(filing["projects"][0])
    assert project["budget"] == {"medium_term": {"total": "3600.00", "fiscal": "3600.00", "other": "0.00"},
                                 "annual": {"total": "1200.00", "fiscal": "1200.00", "other": "0.00"}}
    assert (project["code"], project["attribute"], project["period"]) == ("44000025T000000123456", "延续项目", "3年")
    medium, annual = project["goals"]
    assert (medium["kind"], medium["span"], annual["text"]) == ("中期", [2026, 2028], "2026年完成帮扶镇村350个。")
    assert [(i["value"], i.get("value_type"), i.get("unit"), i["weight"]) for i in annual["indicators"]] == [
        ("350", "≥", "个", "30"), ("有所提升", "定性", None, "30"), ("90%", "≥", None, "40")]
    assert [i["value"] for i in medium["indicators"]] == ["1000", "明显提升", "90%"]
    why = "原表印制的“填表说明”，是告诉填表人怎样填写这张表的，不是部门填报的内容，未录入"
    assert not_placed(result) == [
        ("填表说明：", why), ("1.本表由项目单位填报；", why), ("2.金额单位为万元。", why),
        ("项目支出绩效目标申报表", "另一张表的标题；文件中文件名称只有一处，已按原表的“2026年部门预算项目支出绩效目标申报表”录入，"
                           "这一行未录入")]
    assert_checked(result)


def test_sichuan_department_form_with_tasks_weights_and_a_stored_third_decimal(tmp_path: Path) -> None:
    """部门整体: 年度主要任务 with 预算金额 over 总额 | 财政拨款 | 其他资金, 金额合计, 指标性质 | 指标值 | 度量单位 | 权重(%),
    a percent stored with one more digit than its format shows (kept, reported), the 填报日期 a real date cell."""
    sheet = Sheet("部门整体支出绩效目标表", [
        ["2026年度四川省教育厅部门整体支出绩效目标表", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "单位：万元"],
        ["部门名称", "四川省教育厅", "", "", "", "填报日期", dt.datetime(2026, 2, 3), ""],
        ["任务名称", "", "主要内容", "", "", "预算金额", "", ""],
        ["", "", "", "", "", "总额", "财政拨款", "其他资金"],
        ["学前教育发展", "", "支持普惠性幼儿园建设", "", "", Num(12000.5), Num(12000.5), Num(0)],
        ["金额合计", "", "", "", "", Num(12000.5), Num(12000.5), Num(0)],
        ["年度总体目标", "全面完成年度教育发展各项任务。", "", "", "", "", "", ""],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重(%)"],
        ["", "产出指标", "数量指标", "新增普惠性学位", "≥", Num(20000, "#,##0"), "个", Num(50, "0")],
        ["", "", "质量指标", "义务教育巩固率", "≥", Num(0.955, PERCENT), "", Num(50, "0")],
    ], ["A1:H1", "B3:E3", "G3:H3", "A4:B5", "C4:E5", "F4:H4", "A6:B6", "C6:E6", "A7:E7", "B8:H8", "A9:A11",
        "B10:B11"])
    result = imported([sheet], tmp_path)
    filing = as_written(result.filing)
    assert filing["tasks"] == {
        "lines": [{"name": "学前教育发展", "content": "支持普惠性幼儿园建设",
                   "budget": {"total": "12000.50", "fiscal": "12000.50", "other": "0.00"}}],
        "total": {"total": "12000.50", "fiscal": "12000.50", "other": "0.00"}}
    assert filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "新增普惠性学位", "value": "20000", "value_type": "≥",
         "unit": "个", "weight": "50"},
        {"level1": "产出指标", "level2": "质量指标", "name": "义务教育巩固率", "value": "95.5%", "value_type": "≥",
         "weight": "50"}]
    assert str(result.filing["filed_on"]) == "2026-02-03"
    assert "部门整体支出绩效目标表!F11 的数字 95.5% 在 Excel 中按格式“0%”只显示 0 位小数；已照存储的数字读入，未四舍五入。" \
        in result.remarks
    assert not_placed(result) == []
    assert_checked(result)
