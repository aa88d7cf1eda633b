"""`gongkai import` of workbooks as county and city finance systems export them (.xlsx written cell by cell, .xls as
old systems write it).

1. Number formats with text before the number: `"第"0"名"` shows 3 as "第3名", `"前"0"名"` as "前3名", `"≥"0%` 0.95 as
   "≥95%". Only the text after the number was read: "3名", "3名" (top three read as third place), "95%" (the ≥ lost).
2. An indicator's past values under a head without a year of its own: "上年实际值" and "前年值" are the years before the
   filing's (before, listed as a column without a field), "历史值" names no year and is listed saying so.
3. A project's 资金来源 over its split: "资金来源 | 合计 | 财政拨款 | 其他资金 | 自有资金" over the amounts (合计 was listed,
   not read as the total), "资金来源 | 总计 | 一般公共预算 | …" (nothing was read), "项目总金额" (an unknown label); a
   source the budget has no part for (自有资金) is listed saying so.
4. A hidden column is not read, as a hidden row is not: Excel neither shows nor prints it (before, it was read and
   published, e.g. an internal estimate beside the amounts); its cells stay in place, so the columns right of it
   keep their heads.
5. A summary sheet "汇总表" (序号 | 项目名称 | 项目金额 | 备注) before one sheet per project whose name is on the tab only:
   the 备注 column made the summary no list (every row 未识别), and the project sheets gave nameless projects, each
   project twice. Now the tab names the project (with a note) and the summary's row is the same project.

The workbooks are built here as the systems write them: merged titles, "单位：万元" merged at the right, numbers stored as
text, formulas with the values Excel saved, dates stored as serial numbers under a date format.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pytest
import xlwt

from generator.importing.document import hidden_reason
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_tasks import as_written
from tests.test_import_workbooks import Num, Sheet, assert_checked, fill_sheet, write_xls, write_xlsx

SUFFIXES = ["xlsx", "xls"]


def imported(sheets: list[Sheet], tmp_path: Path, suffix: str = "xlsx") -> ImportResult:
    writer = write_xls if suffix == "xls" else write_xlsx
    return import_new(writer(sheets, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "dept", year=None)


def indicator_sheet(head: str, rows: list[list], title: str = "某县商务局2026年项目支出绩效目标表") -> Sheet:
    """One project's form: title merged across, the unit merged at the right, name and amount, the indicators."""
    return Sheet("项目", [
        [title, "", "", "", ""],
        ["", "", "", "单位：万元", ""],
        ["项目名称", "电商进农村", "", "项目金额", Num(80)],
        ["一级指标", "二级指标", "三级指标", "指标值", head],
        *rows,
    ], ["A1:E1", "D2:E2", "B3:C3"])


def indicators_of(result: ImportResult) -> list[dict]:
    [project] = result.filing["projects"]
    return as_written(project["goals"][0]["indicators"])


# --- 1. text before the number in a cell's format ---------------------------------------------------------------------

RANKS = [
    ["产出指标", "数量指标", "全市排名", Num(3, '"第"0"名"'), Num(5, '"第"0"名"')],
    ["", "质量指标", "考核排名", Num(3, '"前"0"名"'), Num(5, '"前"#"名"')],
    ["", "", "验收合格率", Num(0.95, '"≥"0%'), Num(0.9, '">="0.0%')],
    ["", "", "办结时限", Num(30, '"≤"0"天"'), Num(30, '0"天内"')],
    ["效益指标", "经济效益指标", "销售额增长", Num(12, '"增长"0"%以上"'), Num(1234.5, '"约"#,##0.00"万元"')],
    ["满意度指标", "服务对象满意度指标", "商户满意度", Num(95, '"≥"General'), Num(90, '"≥"0"%"')],
]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_text_a_number_format_shows_before_the_number_is_read_with_it(tmp_path: Path, suffix: str) -> None:
    """Before: "3名" for 第3名 and for 前3名, "95%" for ≥95%, "30天" for ≤30天, "12%以上" for 增长12%以上, "95" for ≥95."""
    result = imported([indicator_sheet("2025年指标值", RANKS)], tmp_path, suffix)
    assert [(i["name"], i["value"], i["prior"][2025]) for i in indicators_of(result)] == [
        ("全市排名", "第3名", "第5名"), ("考核排名", "前3名", "前5名"), ("验收合格率", "≥95%", ">=90.0%"),
        ("办结时限", "≤30天", "30天内"), ("销售额增长", "增长12%以上", "约1234.50万元"), ("商户满意度", "≥95", "≥90%")]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_currency_sign_before_an_amount_is_still_left_out(tmp_path: Path, suffix: str) -> None:
    """Guard: `"¥"#,##0.00`, `\\¥#,##0.00`, `[$¥-804]#,##0.00` and `"人民币"#,##0.00` show a currency before the amount;
    the 单位 line says the unit, and the amount is read as the figure it is."""
    sheet = indicator_sheet("备注", [["产出指标", "数量指标", "培训人次", "≥500人次", ""]])
    sheet.rows[2][4] = Num(80, '"¥"#,##0.00')
    sheet.rows.append(["项目名称", "农村物流", "", "项目金额", Num(45.5, "\\¥#,##0.00")])
    sheet.rows.append(["项目名称", "品牌培育", "", "项目金额", Num(12, "[$¥-804]#,##0.00")])
    sheet.rows.append(["项目名称", "直播基地", "", "项目金额", Num(30.8, '"人民币"#,##0.00')])
    result = imported([sheet], tmp_path, suffix)
    assert [(p["name"], p["budget"]) for p in as_written(result.filing["projects"])] == [
        ("电商进农村", {"total": "80.00"}), ("农村物流", {"total": "45.50"}), ("品牌培育", {"total": "12.00"}),
        ("直播基地", {"total": "30.80"})]


# --- 2. past values under a head without a year ---------------------------------------------------------------------

PAST = [["产出指标", "数量指标", "资助人数", "≥500人", "480人"], ["", "质量指标", "资助准确率", "100%", Num(0.98, "0%")]]


@pytest.mark.parametrize("head, year", [("上年实际值", 2025), ("上年值", 2025), ("前年值", 2024), ("前年实际完成值", 2024),
                                        ("2025年实际值", 2025)])
def test_a_past_value_named_from_the_filing_s_year_is_that_year_s(tmp_path: Path, head: str, year: int) -> None:
    """Before: "上年实际值", "上年值", "前年值" and "2025年实际值" were columns without a field, their cells listed."""
    result = imported([indicator_sheet(head, PAST)], tmp_path)
    [project] = result.filing["projects"]
    assert project["goals"][0]["prior_years"] == [year]
    assert [(i["value"], i["prior"]) for i in indicators_of(result)] == [("≥500人", {year: "480人"}),
                                                                         ("100%", {year: "98%"})]
    assert not_placed(result) == []


def test_last_year_s_value_stays_the_year_before(tmp_path: Path) -> None:
    """Guard: "上年指标值" was the year before the filing's, and is."""
    result = imported([indicator_sheet("上年指标值", PAST)], tmp_path)
    assert [i["prior"] for i in indicators_of(result)] == [{2025: "480人"}, {2025: "98%"}]


def test_a_past_value_head_without_a_year_is_listed_saying_so(tmp_path: Path) -> None:
    """"历史值" says no year: no value is attached to a guessed one; each cell is listed, saying why."""
    result = imported([indicator_sheet("历史值", PAST)], tmp_path)
    assert [i.get("prior") for i in indicators_of(result)] == [None, None]
    why = ("原表“历史值”一列是往年的指标值，但没有写是哪一年的；文件格式中的往年指标值按年份录入（prior），此列未录入，"
           "请按原表说明的年份手工录入")
    assert not_placed(result) == [("历史值", why), ("480人", why), ("98%", why)]


# --- 3. 资金来源 ------------------------------------------------------------------------------------------------------

def sources_sheet(*rows: list, merges: tuple[str, ...] = ()) -> Sheet:
    return Sheet("农村饮水", [
        ["某县水利局2026年项目支出绩效目标表", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "单位：万元"],
        ["项目名称", "农村饮水安全巩固提升", "", "", "", "", ""],
        *rows,
        ["年度目标", "完成10处集中供水工程改造。", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "", "", ""],
        ["产出指标", "数量指标", "改造工程数", "10处", "", "", ""],
    ], ["A1:G1", "B3:G3", *merges])


def own_funds(head: str = "自有资金") -> str:
    return (f"原表资金来源中的“{head}”在文件格式的项目预算中没有对应的一项（预算只分资金总额、财政拨款和其他资金），"
            "未录入，请核对")


def project_of(result: ImportResult) -> dict:
    [project] = as_written(result.filing["projects"])
    return {key: project[key] for key in ("name", "budget") if key in project}


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_sources_over_their_amounts_with_合计_give_the_total(tmp_path: Path, suffix: str) -> None:
    """Before: 合计 and its 350.00 were listed 未识别 (the total lost from the budget), 自有资金 too."""
    sheet = sources_sheet(["资金来源", "合计", "财政拨款", "其他资金", "自有资金", "", ""],
                          ["", Num(350), Num(300), "30", Num(20), "", ""], merges=("A4:A5",))
    result = imported([sheet], tmp_path, suffix)
    assert project_of(result) == {"name": "农村饮水安全巩固提升",
                                  "budget": {"total": "350.00", "fiscal": "300.00", "other": "30"}}
    assert not_placed(result) == [("自有资金", own_funds()), ("20.00", own_funds())]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_sources_by_budget_kind_give_the_total_and_list_the_kinds(tmp_path: Path, suffix: str) -> None:
    """"资金来源 | 总计 | 一般公共预算 | 政府性基金 | 上级补助资金 | 自有资金": the budget has no part for the kinds (their sum
    is not the 财政拨款 the form names nowhere). Before: nothing was read, every cell 未识别."""
    sheet = sources_sheet(["资金来源", "总计", "一般公共预算", "政府性基金", "上级补助资金", "自有资金", ""],
                          ["", Num(350), Num(200), Num(100), Num(30), Num(20), ""], merges=("A4:A5",))
    result = imported([sheet], tmp_path, suffix)
    assert project_of(result) == {"name": "农村饮水安全巩固提升", "budget": {"total": "350.00"}}
    kinds = ("一般公共预算", "政府性基金", "上级补助资金", "自有资金")
    assert not_placed(result) == [(kind, own_funds(kind)) for kind in kinds] + [
        (amount, own_funds(kind)) for amount, kind in zip(("200.00", "100.00", "30.00", "20.00"), kinds)]


def test_sources_as_label_amount_pairs_under_项目总金额(tmp_path: Path) -> None:
    """Before: "项目总金额" and its amount, the 资金来源 label and 自有资金 were listed 未识别."""
    sheet = sources_sheet(["项目总金额", Num(350), "", "", "", "", ""],
                          ["资金来源", "财政拨款", Num(300), "其他资金", Num(30), "自有资金", Num(20)],
                          merges=("B4:G4",))
    result = imported([sheet], tmp_path)
    assert project_of(result) == {"name": "农村饮水安全巩固提升",
                                  "budget": {"total": "350.00", "fiscal": "300.00", "other": "30.00"}}
    assert not_placed(result) == [("自有资金", own_funds()), ("20.00", own_funds())]


def test_budget_heads_without_a_sources_label_stay_read(tmp_path: Path) -> None:
    """Guard: "项目总预算 | 本年度预算 | 其中：财政资金 | 其他资金" over the amounts."""
    sheet = sources_sheet(["项目总预算", "本年度预算", "其中：财政资金", "其他资金", "", "", ""],
                          [Num(900), Num(350), Num(330), Num(20), "", "", ""])
    result = imported([sheet], tmp_path)
    assert project_of(result)["budget"] == {"total": "900.00", "this_year": "350.00", "fiscal": "330.00",
                                            "other": "20.00"}
    assert not_placed(result) == []


# --- 4. hidden columns ------------------------------------------------------------------------------------------------

HIDDEN_COLUMN = hidden_reason("Excel 中设为隐藏的列", "Excel", "整列没有读入")


def hidden_column_sheet() -> Sheet:
    """A project list whose column D (内部测算数, an internal estimate) the department hid before publishing."""
    return Sheet("项目汇总", [
        ["某县交通运输局2026年项目支出绩效目标表", "", "", "", "", ""],
        ["", "", "", "", "", "单位：万元"],
        ["序号", "项目名称", "项目金额", "内部测算数", "财政拨款", "其他资金"],
        [Num(1, "0"), "农村公路养护", Num(860), Num(910.25), Num(800), Num(60)],
        [Num(2, "0"), "客运站改造", Num(300), Num(355), Num(300), Num(0)],
    ], ["A1:F1"])


def write_hidden_column(sheet: Sheet, path: Path, column: int) -> Path:
    """The sheet with its 0-based `column` hidden, as Excel saves it."""
    if path.suffix == ".xlsx":
        write_xlsx([sheet], path)
        book = openpyxl.load_workbook(path)
        book.active.column_dimensions[openpyxl.utils.get_column_letter(column + 1)].hidden = True
        book.save(path)
        return path
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet.title)
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, Num):
                ws.write(r, c, value.value, xlwt.easyxf(num_format_str=value.format))
            elif value:
                ws.write(r, c, value)
    ws.merge(0, 0, 0, len(sheet.rows[0]) - 1)
    ws.col(column).hidden = True
    book.save(str(path))
    return path


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_hidden_column_is_listed_not_read_and_the_columns_right_of_it_keep_their_heads(tmp_path: Path,
                                                                                        suffix: str) -> None:
    """Before: the hidden column was read ("内部测算数" and its amounts listed as a column without a field, shown in the
    report as the department's). Now it is not read, its cells listed with the reason; 财政拨款 and 其他资金 right of it
    are still read under their heads."""
    source = write_hidden_column(hidden_column_sheet(), tmp_path / f"绩效目标表.{suffix}", 3)
    result = import_new(source, tmp_path, "dept", year=None)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "name": "农村公路养护", "budget": {"total": "860.00", "fiscal": "800.00", "other": "60.00"}},
        {"number": 2, "name": "客运站改造", "budget": {"total": "300.00", "fiscal": "300.00", "other": "0.00"}}]
    assert not_placed(result) == [(text, HIDDEN_COLUMN) for text in ("内部测算数", "910.25", "355.00")]
    assert "工作表“项目汇总”D 列是隐藏的；这些列没有读入，其中的内容列在“未放入”中。" in result.remarks


def test_a_title_merged_across_a_hidden_column_is_read(tmp_path: Path) -> None:
    """Guard: a merged range that starts in a hidden column and reaches shown ones shows its text: read. Unused columns
    hidden right of the form (up to XFD, as people tidy a sheet) are not named one by one."""
    sheet = hidden_column_sheet()
    path = write_xlsx([sheet], tmp_path / "绩效目标表.xlsx")
    book = openpyxl.load_workbook(path)
    for letter in "AD":
        book.active.column_dimensions[letter].hidden = True
    book.active.column_dimensions.group("H", "XFD", hidden=True)
    book.save(path)
    result = import_new(path, tmp_path, "dept", year=None)
    assert result.filing["title"] == "某县交通运输局2026年项目支出绩效目标表"
    assert [(p["id"], p["name"]) for p in result.filing["projects"]] == [("p1", "农村公路养护"), ("p2", "客运站改造")]
    assert [text for text, _ in not_placed(result)] == ["序号", "内部测算数", "1", "910.25", "2", "355.00"]
    assert [r for r in result.remarks if "隐藏" in r] == [
        "工作表“项目汇总”A、D 列是隐藏的；这些列没有读入，其中的内容列在“未放入”中。"]


# --- 5. a summary sheet before one sheet per project, named on its tab ------------------------------------------------

@dataclass(frozen=True)
class Formula:
    """A formula cell with the value Excel saved with it."""
    formula: str
    saved: float
    format: str = "#,##0.00"


def _cells(sheet: Sheet) -> list[tuple[tuple[int, int], object]]:
    return [((r, c), value) for r, row in enumerate(sheet.rows, 1) for c, value in enumerate(row, 1)]


def write_with_formulas(sheets: list[Sheet], path: Path) -> Path:
    """The workbook as Excel saves it: each formula with its computed value (openpyxl writes formulas without one)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    saved: dict[tuple[int, str], float] = {}
    for number, sheet in enumerate(sheets, 1):
        ws = book.create_sheet(sheet.title)
        fill_sheet(ws, replace(sheet, rows=[[v.formula if isinstance(v, Formula) else v for v in row]
                                            for row in sheet.rows]))
        for (r, c), value in _cells(sheet):
            if isinstance(value, Formula):
                ws.cell(r, c).number_format = value.format
                saved[(number, ws.cell(r, c).coordinate)] = value.saved
    book.save(path)
    written = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if sheet_file := re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename):
                text = data.decode()
                for (number, coordinate), value in saved.items():
                    if number == int(sheet_file.group(1)):
                        text = re.sub(rf'(<c r="{coordinate}"[^>]*><f>[^<]*</f>)<v></v>', rf"\g<1><v>{value}</v>", text)
                data = text.encode()
            target.writestr(item, data)
    shutil.move(written, path)
    return path


def summary_sheet(remark: str = "", total: Num | Formula | str = Num(1586.5)) -> Sheet:
    return Sheet("汇总表", [
        ["某县农业农村局2026年项目支出绩效目标汇总表", "", "", ""],
        ["", "", "", "单位：万元"],
        ["序号", "项目名称", "项目金额", "备注"],
        [Num(1, "0"), "高标准农田建设", Num(1500), remark],
        [Num(2, "0"), "动物防疫补助", "86.50", ""],  # a number stored as text (Excel's green triangle)
        ["合计", "", total, ""],
    ], ["A1:D1", "A6:B6"])


def project_sheet(tab: str, amounts: tuple, indicator: list) -> Sheet:
    """A project's form with its name nowhere but on the sheet's tab: 主管部门 and 实施单位, 项目资金 merged down over
    年度资金总额 / 其中：财政拨款 / 其他资金, the goal, the indicators, and the date stored as a serial number."""
    total, fiscal, other = amounts
    return Sheet(tab, [
        ["项目支出绩效目标表", "", "", "", ""],
        ["", "", "", "单位：万元", ""],
        ["主管部门", "某县农业农村局", "", "实施单位", "某县农业技术推广中心"],
        ["项目资金", "年度资金总额", total, "", ""],
        ["", "其中：财政拨款", fiscal, "", ""],
        ["", "其他资金", other, "", ""],
        ["年度目标", "完成年度建设任务。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        indicator,
        ["填报日期", Num(46037, "yyyy\"年\"m\"月\"d\"日\""), "", "", ""],
    ], ["A1:E1", "D2:E2", "A4:A6", "C4:E4", "C5:E5", "C6:E6", "B7:E7"])


def farmland(tab: str = "高标准农田建设", total: Num | Formula = Num(1500)) -> Sheet:
    return project_sheet(tab, (total, Num(1400), Num(100)),
                         ["产出指标", "数量指标", "建设面积", Num(2, '0.0"万亩"'), ""])


def epidemic(tab: str = "动物防疫补助") -> Sheet:
    return project_sheet(tab, ("86.50", "86.50", "0"), ["产出指标", "质量指标", "免疫密度", Num(0.9, '"≥"0%'), ""])


def named_on_tab(number: int, name: str, total: str, annual: dict, indicator: dict, tab: str | None = None) -> dict:
    return {"number": number, "name": name, "budget_unit": "某县农业技术推广中心",
            "budget": {"total": total, "annual": annual},
            "goals": [{"id": "g1", "kind": "年度", "text": "完成年度建设任务。", "indicators": [indicator]}],
            "notes": [{"field": "name", "text": f"原表 汇总表!B{number + 3} 所在行（项目一览）与本项目的项目表同名；"
                                                "编者读作同一个项目，序号、项目总预算按该行录入。"},
                      {"field": "name", "text": f"原表的项目表中没有写项目名称，所在工作表的名称为“{tab or name}”；"
                                                "编者按工作表的名称录入。"}]}


FARMLAND = named_on_tab(1, "高标准农田建设", "1500.00", {"total": "1500.00", "fiscal": "1400.00", "other": "100.00"},
                        {"level1": "产出指标", "level2": "数量指标", "name": "建设面积", "value": "2.0万亩"})
EPIDEMIC = named_on_tab(2, "动物防疫补助", "86.50", {"total": "86.50", "fiscal": "86.50", "other": "0"},
                        {"level1": "产出指标", "level2": "质量指标", "name": "免疫密度", "value": "≥90%"})
LIST_TOTAL = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_summary_with_a_备注_column_then_one_sheet_per_project_named_on_its_tab(tmp_path: Path, suffix: str) -> None:
    """Before: the 备注 column made the summary no list (every cell 未识别, "备注" refused as an amount), and the sheets
    gave two nameless projects p1, p2. Now each project once, named by its tab, at its summary row's place; the 备注
    cell is listed."""
    sheets = [summary_sheet("含上级转移支付"), farmland(), epidemic()]
    result = imported(sheets, tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [FARMLAND, EPIDEMIC]
    assert str(result.filing["filed_on"]) == "2026-01-15"
    assert not_placed(result) == [("含上级转移支付", "原表“备注”一列在文件格式中没有对应的字段，未录入"),
                                  ("合计", LIST_TOTAL), ("1586.50", LIST_TOTAL)]
    assert_checked(result)


def test_formulas_are_read_as_the_values_excel_saved(tmp_path: Path) -> None:
    """Guard: =SUM in the summary's 合计 row and =C5+C6 in a 年度资金总额 are read as Excel saved them, reported nowhere."""
    sheets = [summary_sheet(total=Formula("=SUM(C4:C5)", 1586.5)), farmland(total=Formula("=C5+C6", 1500)),
              epidemic()]
    result = import_new(write_with_formulas(sheets, tmp_path / "绩效目标表.xlsx"), tmp_path, "dept", year=None)
    assert as_written(result.filing["projects"]) == [FARMLAND, EPIDEMIC]
    assert result.remarks == ()


def test_numbered_tabs_name_the_project_without_their_number(tmp_path: Path) -> None:
    """"1.高标准农田建设": the number is the tab's order, the name what follows it."""
    result = imported([summary_sheet(), farmland("1.高标准农田建设"), epidemic("2.动物防疫补助")], tmp_path)
    assert [(p["name"], p["notes"][1]["text"]) for p in result.filing["projects"]] == [
        ("高标准农田建设", "原表的项目表中没有写项目名称，所在工作表的名称为“1.高标准农田建设”；编者按工作表的名称录入。"),
        ("动物防疫补助", "原表的项目表中没有写项目名称，所在工作表的名称为“2.动物防疫补助”；编者按工作表的名称录入。")]


@pytest.mark.parametrize("tab", ["Sheet2", "项目1", "项目支出绩效目标表", "项目明细", "2026年", "某县农业农村局",
                                 "某县农业技术推广中心"])
def test_a_tab_that_names_no_project_names_none(tmp_path: Path, tab: str) -> None:
    """Guard: Excel's own tab names, numbered ones, a form's, a year's or a unit's name are not a project's name."""
    result = imported([farmland(tab)], tmp_path)
    [project] = result.filing["projects"]
    assert "name" not in project and "notes" not in project


def test_a_project_named_in_its_form_keeps_that_name(tmp_path: Path) -> None:
    """Guard: the form's own 项目名称 wins; the tab is not read."""
    sheet = farmland("农田")
    sheet.rows[2][:2] = ["项目名称", "高标准农田建设"]
    result = imported([sheet], tmp_path)
    [project] = result.filing["projects"]
    assert project["name"] == "高标准农田建设" and "notes" not in project


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_name_wrapped_in_its_summary_cell_is_the_same_project(tmp_path: Path, suffix: str) -> None:
    """"高标准农田⏎建设" (a line break typed in the summary's narrow name cell) and the tab "高标准农田建设". Before: two
    projects, the summary's row and the sheet's form."""
    summary = summary_sheet()
    summary.rows[3][1] = "高标准农田\n建设"
    result = imported([summary, farmland(), epidemic()], tmp_path, suffix)
    farm, epi = as_written(result.filing["projects"])
    assert farm["name"] == "高标准农田建设" and farm["budget"] == FARMLAND["budget"] and epi == EPIDEMIC
    assert farm["notes"][0] == {"field": "name", "text": (
        "原表 汇总表!B4 所在行（项目一览）的项目名称为“高标准农田\n建设”，本项目的项目表为“高标准农田建设”，"
        "两者只差单元格中的换行或空格；编者读作同一个项目，项目名称按项目表录入，序号、项目总预算按该行录入。")}


def test_a_tab_cut_at_31_characters_is_the_summary_s_whole_name(tmp_path: Path) -> None:
    """Excel cuts a worksheet's name at 31 characters: the tab is the beginning of the summary's name, which is the
    project's. Read as the tab only, the name would be cut and the summary's row a second project."""
    whole = "2026年度农村人居环境整治提升暨高标准农田建设配套设施补助项目"  # 33 characters
    summary = summary_sheet()
    summary.rows[3][1] = whole
    result = imported([summary, farmland(whole[:31]), epidemic()], tmp_path)
    farm, epi = as_written(result.filing["projects"])
    assert farm["name"] == whole and farm["budget"] == FARMLAND["budget"] and epi == EPIDEMIC
    assert farm["notes"] == [
        {"field": "name", "text": "原表 汇总表!B4 所在行（项目一览）与本项目的项目表同名；编者读作同一个项目，"
                                  "序号、项目总预算按该行录入。"},
        {"field": "name", "text": f"原表的项目表中没有写项目名称，所在工作表的名称为“{whole[:31]}”，"
                                  f"是汇总表中“{whole}”的前 31 个字（Excel 的工作表名最长 31 个字）；编者按汇总表的名称录入。"}]
