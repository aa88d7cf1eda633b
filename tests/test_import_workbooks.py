"""`gongkai import` of workbooks as 预算管理一体化系统 and departments export them: one form per sheet.

Each workbook is built here cell by cell, as the systems write it: a title merged across the table, "单位：万元"
in the title row's right corner, numbers stored as numbers under their formats ("#,##0.00", "0.00", "0%"),
two-row headers whose head is merged over its sub-columns, an empty spacer column, 填报单位/填报日期 footers
in cells, a 部门整体 sheet, a summary sheet listing the projects beside one sheet per project, a hidden sheet and
a sheet with only a note. Every figure must come out as the cell shows it, each project once, and every cell
the content format has a field for in its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlwt
from openpyxl.utils import range_boundaries

from generator.importing.document import hidden_reason
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_tasks import as_written

AMOUNT = "#,##0.00"  # the systems' amount format: 1234.5 shows "1,234.50"


@dataclass(frozen=True)
class Num:
    """A number cell: the stored value and its number format."""
    value: float | int
    format: str = AMOUNT


Value = str | Num


@dataclass
class Sheet:
    title: str
    rows: list[list[Value]]
    merges: list[str] = field(default_factory=list)  # "A1:G1"
    hidden: bool = False


def write_xlsx(sheets: list[Sheet], path: Path) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        fill_sheet(book.create_sheet(sheet.title), sheet)
    book.save(path)
    return path


def fill_sheet(ws, sheet: Sheet) -> None:
    """A sheet's cells (a Num with its number format), merges and visibility, into the openpyxl worksheet."""
    for r, row in enumerate(sheet.rows, 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, Num):
                ws.cell(r, c, value.value).number_format = value.format
            elif value:
                ws.cell(r, c, value)
    for merge in sheet.merges:
        ws.merge_cells(merge)
    ws.sheet_state = "hidden" if sheet.hidden else "visible"


def write_xls(sheets: list[Sheet], path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    for sheet in sheets:
        ws = book.add_sheet(sheet.title)
        spans = {}
        for merge in sheet.merges:
            left, top, right, bottom = range_boundaries(merge)
            spans[(top - 1, left - 1)] = (bottom - 1, right - 1)
        covered = {(r, c) for (top, left), (bottom, right) in spans.items()
                   for r in range(top, bottom + 1) for c in range(left, right + 1)} - set(spans)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if (r, c) in covered or (not value and (r, c) not in spans):
                    continue
                number = isinstance(value, Num)
                style = xlwt.easyxf(num_format_str=value.format if number else "General")
                content = value.value if number else value
                if (r, c) in spans:
                    bottom, right = spans[(r, c)]
                    ws.write_merge(r, bottom, c, right, content, style)
                else:
                    ws.write(r, c, content, style)
        if sheet.hidden:
            ws.visibility = 1
    book.save(str(path))
    return path


def run(sheets: list[Sheet], tmp_path: Path, suffix: str = "xlsx") -> ImportResult:
    writer = write_xls if suffix == "xls" else write_xlsx
    return import_new(writer(sheets, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "nync")


def assert_checked(result: ImportResult) -> None:
    assert result.check.errors == [] and result.check.warnings == []


# --- the sheets ------------------------------------------------------------------------------------

def department_sheet() -> Sheet:
    """部门整体: title merged across, 单位 in the corner, 年度预算申请 over two header rows, an empty spacer column
    (G), 指标值 merged over 指标性质 | 指标值 | 度量单位, percent-formatted values, the footers in cells."""
    return Sheet("部门整体", [
        ["2026年度部门整体支出绩效目标表", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "单位：万元"],
        ["部门（单位）名称", "某县农业农村局", "", "", "", "", "", ""],
        ["年度预算申请", "资金总额", "按收入性质分", "", "按支出性质分", "", "", ""],
        ["", "", "财政拨款", "其他资金", "基本支出", "项目支出", "", ""],
        ["", Num(1234.5), Num(1000), Num(234.5), Num(800, "0.00"), Num(434.5, "0.00"), "", ""],
        ["年度总体目标", "完成农业农村各项任务。", "", "", "", "", "", ""],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "", ""],
        ["", "", "", "", "指标性质", "指标值", "", "度量单位"],
        ["", "产出指标", "数量指标", "培训农民人数", "≥", Num(500, "0"), "", "人次"],
        ["", "", "质量指标", "培训合格率", "≥", Num(0.95, "0%"), "", ""],
        ["", "满意度指标", "服务对象满意度指标", "农民满意度", "≥", Num(0.9, "0.00%"), "", ""],
        ["填报单位：某县农业农村局", "", "", "填报日期：2026年1月10日", "", "", "", ""],
    ], ["A1:H1", "B3:H3", "A4:A6", "B4:B5", "C4:D4", "E4:F4", "B7:H7", "A8:A12", "B8:B9", "C8:C9", "D8:D9", "E8:H8",
        "B10:B11"])


DEPARTMENT_FUNDS = {
    "income": {"lines": [{"name": "财政拨款", "amount": "1000.00"}, {"name": "其他资金", "amount": "234.50"}],
               "total": {"name": "资金总额", "amount": "1234.50"}},
    "expenditure": {"lines": [{"name": "基本支出", "amount": "800.00"}, {"name": "项目支出", "amount": "434.50"}],
                    "total": {"name": "资金总额", "amount": "1234.50",
                              "notes": [{"text": "原表“资金总额”只有一格，是收入和支出共同的总额；编者同时录入为收入合计和支出合计。"}]}},
}
DEPARTMENT_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "培训农民人数", "value": "500", "value_type": "≥", "unit": "人次"},
    {"level1": "产出指标", "level2": "质量指标", "name": "培训合格率", "value": "95%", "value_type": "≥"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "农民满意度", "value": "90.00%", "value_type": "≥"},
]


def summary_sheet() -> Sheet:
    """项目汇总: 序号 | 项目名称 | 项目金额, one row per project and a 合计 row."""
    return Sheet("项目汇总", [
        ["2026年项目支出汇总表", "", ""],
        ["", "", "单位：万元"],
        ["序号", "项目名称", "项目金额"],
        [Num(1, "0"), "高标准农田建设", Num(300)],
        [Num(2, "0"), "农民培训", Num(45.6)],
        ["合计", "", Num(345.6)],
    ], ["A1:C1"])


def project_sheet(number: int, name: str, amount: float, unit: str = "某县农技推广中心") -> Sheet:
    """项目N: the 项目支出绩效目标表 with its year line, 项目资金 merged down over 年度资金总额 and its split, and an
    indicator table whose 绩效指标 is merged over 一级指标 | 二级指标 | 三级指标 beside 指标值 merged down."""
    return Sheet(f"项目{number}", [
        ["项目支出绩效目标表", "", "", "", ""],
        ["（2026年度）", "", "", "", ""],
        ["", "", "", "", "单位：万元"],
        ["项目名称", name, "", "", ""],
        ["主管部门及代码", "[017]某县农业农村局", "", "实施单位", unit],
        ["项目资金（万元）", "年度资金总额：", Num(amount), "", ""],
        ["", "其中：财政拨款", Num(amount), "", ""],
        ["", "其他资金", Num(0), "", ""],
        ["年度绩效目标", f"完成{name}", "", "", ""],
        ["绩效指标", "", "", "指标值", ""],
        ["一级指标", "二级指标", "三级指标", "", ""],
        ["产出指标", "数量指标", "完成率", Num(0.95, "0%"), ""],
        ["效益指标", "社会效益指标", "受益农户", Num(1200, "0"), ""],
    ], ["A1:E1", "A2:E2", "B4:E4", "B5:C5", "A6:A8", "C6:E6", "C7:E7", "C8:E8", "B9:E9", "A10:C10", "D10:D11",
        "E10:E11"])


def project_expected(number: int, name: str, amount: str, sheet: str) -> dict:
    return {
        "number": number, "name": name, "budget_unit": "某县农技推广中心",
        "budget": {"total": amount, "annual": {"total": amount, "fiscal": amount, "other": "0.00"}},
        "goals": [{"id": "g1", "kind": "年度", "text": f"完成{name}", "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "完成率", "value": "95%"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "受益农户", "value": "1200"}]}],
        "notes": [{"field": "name", "text": f"原表 {sheet} 所在行（项目一览）与本项目的项目表同名；编者读作同一个项目，"
                                            "序号、项目总预算按该行录入。"}],
    }


# --- a whole workbook ------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_department_summary_and_project_sheets_give_each_project_once(tmp_path: Path, suffix: str) -> None:
    """The summary's row and the project's own sheet are one project: 序号 and 项目金额 from the row, the rest
    from the sheet; the year line under each sheet's heading says the title's year again."""
    sheets = [department_sheet(), summary_sheet(), project_sheet(1, "高标准农田建设", 300),
              project_sheet(2, "农民培训", 45.6), Sheet("说明", [["注：本表由预算管理一体化系统导出。"]]),
              Sheet("Sheet3", [["备用"]], hidden=True)]
    result = run(sheets, tmp_path, suffix)
    filing = result.filing
    assert filing["department"] == {"id": "nync", "name": "某县农业农村局", "region": "ezhou", "code": "017"}
    assert filing["title"] == "2026年度部门整体支出绩效目标表" and filing["money_unit"] == "万元"
    assert str(filing["filed_on"]) == "2026-01-10"
    assert as_written(filing["funds"]) == DEPARTMENT_FUNDS
    assert filing["overall_goal"] == "完成农业农村各项任务。"
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": DEPARTMENT_INDICATORS}]
    assert as_written(filing["projects"]) == [project_expected(1, "高标准农田建设", "300.00", "项目汇总!B4"),
                                              project_expected(2, "农民培训", "45.60", "项目汇总!B5")]
    assert filing["projects"][1]["budget"]["total"] == Decimal("45.60")
    assert not_placed(result) == [
        ("2026年项目支出汇总表", "另一张表的标题；文件中文件名称只有一处，已按原表的“2026年度部门整体支出绩效目标表”录入，这一行未录入"),
        ("合计", "项目表的合计行；文件格式中项目表没有合计的字段，未录入"),
        ("345.60", "项目表的合计行；文件格式中项目表没有合计的字段，未录入"),
        ("注：本表由预算管理一体化系统导出。", "未识别的段落"),
        ("备用", hidden_reason("Excel 中隐藏的工作表", "Excel"))]
    assert "工作表“Sheet3”是隐藏的；其中的内容没有读入，逐格列在“未放入”中，请核对是否应当公开。" in result.remarks
    assert_checked(result)


def test_summary_after_the_project_sheets_keeps_the_form_and_notes_what_differs(tmp_path: Path) -> None:
    """The summary last: each project still once, in the summary's order; a 预算单位 the row gives differently
    from the project's sheet stays the sheet's, and the row's is kept in a note."""
    summary = Sheet("项目汇总", [
        ["序号", "项目名称", "预算单位", "项目金额"],
        [Num(1, "0"), "农民培训", "某县农业农村局本级", Num(45.6)],
        [Num(2, "0"), "高标准农田建设", "某县农技推广中心", Num(300)],
    ])
    sheets = [project_sheet(1, "高标准农田建设", 300), project_sheet(2, "农民培训", 45.6), summary]
    result = run(sheets, tmp_path)
    projects = result.filing["projects"]
    assert [(p["number"], p["name"]) for p in projects] == [(1, "农民培训"), (2, "高标准农田建设")]
    assert projects[0]["budget_unit"] == "某县农技推广中心"
    assert projects[0]["notes"] == [
        {"field": "name", "text": "原表 项目汇总!B2 所在行（项目一览）与本项目的项目表同名；编者读作同一个项目，"
                                  "序号、项目总预算按该行录入。"},
        {"field": "budget_unit", "text": "原表 项目汇总!B2 所在行的预算单位为“某县农业农村局本级”，与项目表的"
                                         "“某县农技推广中心”不一致；编者按项目表录入。"}]
    assert len(projects[1]["notes"]) == 1
    assert [goal["text"] for p in projects for goal in p["goals"]] == ["完成农民培训", "完成高标准农田建设"]
    assert not_placed(result) == []


def test_listed_and_sheet_projects_with_different_numbers_stay_two(tmp_path: Path) -> None:
    """Same name, but the list numbers it 2 and the sheet's heading 1: two projects, as filed, not one guessed."""
    sheet = project_sheet(1, "农民培训", 45.6)
    sheet.rows[0][0] = "1.农民培训项目绩效目标表"
    summary = Sheet("项目汇总", [["序号", "项目名称", "项目金额"], [Num(2, "0"), "农民培训", Num(45.6)]])
    result = run([summary, sheet], tmp_path)
    assert [(p["number"], p["name"]) for p in result.filing["projects"]] == [(2, "农民培训"), (1, "农民培训")]
    assert all("notes" not in p for p in result.filing["projects"])


# --- two-row headers -------------------------------------------------------------------------------

def test_project_list_with_the_amount_over_its_split(tmp_path: Path) -> None:
    """预算金额 merged over 合计 | 财政拨款 | 其他资金: the second row is the header's, not a 合计 row or a project."""
    sheet = Sheet("项目汇总", [
        ["2026年项目支出绩效目标汇总表", "", "", "", "", ""],
        ["", "", "", "", "", "单位：万元"],
        ["序号", "项目名称", "", "预算金额", "", ""],
        ["", "", "", "合计", "财政拨款", "其他资金"],
        [Num(1, "0"), "高标准农田建设", "", Num(300), Num(300), Num(0)],
        [Num(2, "0"), "农民培训", "", Num(45.6), Num(40), Num(5.6)],
        ["合计", "", "", Num(345.6), Num(340), Num(5.6)],
        ["填报单位：某县农业农村局", "", "", "", "", ""],
    ], ["A1:F1", "A3:A4", "B3:B4", "D3:F3"])
    result = run([sheet], tmp_path)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "name": "高标准农田建设", "budget": {"total": "300.00", "fiscal": "300.00", "other": "0.00"}},
        {"number": 2, "name": "农民培训", "budget": {"total": "45.60", "fiscal": "40.00", "other": "5.60"}}]
    why = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"
    assert not_placed(result) == [("合计", why), ("345.60", why), ("340.00", why), ("5.60", why)]
    assert_checked(result)


def test_project_rows_with_the_amount_over_its_split(tmp_path: Path) -> None:
    """A project list with indicator rows (部门预算公开的项目支出绩效目标表) whose 项目金额 is merged over its split:
    one project, its budget in three parts, and no empty project read from the sub-header row."""
    sheet = Sheet("项目表", [
        ["项目名称", "项目金额", "", "", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "合计", "财政拨款", "其他资金", "", "", "", "", ""],
        ["农田建设", Num(300), Num(300), Num(0), "建设农田", "产出指标", "数量指标", "面积", "1万亩"],
        ["", "", "", "", "", "效益指标", "社会效益指标", "受益户", Num(0.5, "0%")],
    ], ["A1:A2", "B1:D1", "E1:E2", "F1:F2", "G1:G2", "H1:H2", "I1:I2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4"])
    result = run([Sheet("封面", [["某县农业农村局2026年项目支出绩效目标表"]]), sheet], tmp_path)
    assert as_written(result.filing["projects"]) == [{
        "id": "p1", "name": "农田建设", "budget": {"total": "300.00", "fiscal": "300.00", "other": "0.00"},
        "goals": [{"id": "annual", "kind": "年度", "text": "建设农田", "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "面积", "value": "1万亩"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "受益户", "value": "50%"}]}]}]
    assert not_placed(result) == []
    assert_checked(result)


def test_task_table_with_合计_under_预算金额(tmp_path: Path) -> None:
    """年度主要任务 with 预算金额 merged over 合计 | 财政拨款 | 其他资金 (合计 there is the task's total, not a 合计 row)."""
    sheet = Sheet("部门整体", [
        ["2026年度部门整体支出绩效目标表", "", "", "", ""],
        ["部门（单位）名称", "某县农业农村局", "", "", ""],
        ["任务名称", "主要内容", "预算金额", "", ""],
        ["", "", "合计", "财政拨款", "其他资金"],
        ["农田建设", "建设高标准农田", Num(300), Num(300), Num(0)],
        ["农民培训", "培训农民", Num(45.6), Num(45.6), ""],
        ["年度总体目标", "完成任务。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", ""],
        ["产出指标", "数量指标", "培训人数", Num(500, "0"), ""],
    ], ["A1:E1", "A3:A4", "B3:B4", "C3:E3", "B7:E7"])
    result = run([sheet], tmp_path)
    assert as_written(result.filing["tasks"]) == {"lines": [
        {"name": "农田建设", "content": "建设高标准农田", "budget": {"total": "300.00", "fiscal": "300.00", "other": "0.00"}},
        {"name": "农民培训", "content": "培训农民", "budget": {"total": "45.60", "fiscal": "45.60"}}]}
    assert not_placed(result) == []


def test_indicator_header_with_绩效指标_over_the_levels(tmp_path: Path) -> None:
    """绩效指标 merged over 一级指标 | 二级指标 | 三级指标 and 指标值 merged down beside them, a spacer column between:
    one indicator table with two header rows."""
    result = run([project_sheet(1, "高标准农田建设", 300)], tmp_path)
    project = result.filing["projects"][0]
    assert project["goals"] == [{"id": "g1", "kind": "年度", "text": "完成高标准农田建设", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "完成率", "value": "95%"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "受益农户", "value": "1200"}]}]
    assert result.filing["title"] == "项目支出绩效目标表（2026年度）"
    assert not_placed(result) == []


# --- a year line that says another year ---------------------------------------------------------------

def test_year_line_of_another_year_under_a_sheet_heading_is_listed(tmp_path: Path) -> None:
    """"（2025年度）" under the second sheet's heading while the title says 2026: not the filing's year, listed."""
    second = project_sheet(2, "农民培训", 45.6)
    second.rows[1][0] = "（2025年度）"
    result = run([department_sheet(), project_sheet(1, "高标准农田建设", 300), second], tmp_path)
    assert result.filing["fiscal_year"] == 2026
    assert not_placed(result) == [("（2025年度）", "原表此行写的是 2025 年度，与标题“2026年度部门整体支出绩效目标表”的年度不一致；"
                                                  "文件中预算年度只有一处，未录入，请核对")]
