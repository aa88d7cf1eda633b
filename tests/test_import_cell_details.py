"""`gongkai import` of workbook cells whose figure is not simply the number stored, as finance bureaus send them.

1. A scaling format: each comma after the last digit placeholder divides by 1,000 (`#,##0.00,` shows 1205000 as
   1,205.00) and a literal point between placeholders shows the last digits as decimals (`0!.0,"万元"` shows 1205000
   as 120.5万元, `0!.0000` 305000 as 30.5000): the form means the number shown, read as shown (never rounded) and the
   report quotes the number stored. Before, 1205000 was filed where the form shows 120.5. A character escaped by "!"
   (`0!人`) is shown as one escaped by "\\" (before: left out).
2. A scientific format (`0.00E+00` shows 120.5 as 1.21E+02) and Chinese numerals (`[DBNum1]` shows 120 as 一百二十):
   the stored digits are the figure (never the rounded mantissa nor padded decimals), and the report says how it shows.
3. Excel 2003 XML: a cell its format shows nothing of (`;;;`) and a formula's error value are listed, as in an .xlsx
   (before: filed as the amount and as the indicator's value); hidden rows and columns stay listed (guard).
4. A blank row right above the 合计 row, in .xlsx, .xls and a copy as text (its blank row a line of tabs): the 合计
   row is the table's total (before: its cells were a table of their own, 未识别, and the funds total was lost).
5. A print area that leaves out a filled column: read as Excel shows it on screen, and the report names the cells the
   printed form did not have (before: nothing said). Guards: .xls formulas whose result was saved (a number, a text);
   a number stored as text, full-width digits; a county workbook whose 绩效目标表 sheet is protected with frozen panes,
   beside a 预算表 sheet of 功能分类科目编码.
"""

from __future__ import annotations

import struct
from pathlib import Path

import openpyxl
import pytest
import xlwt
from xlwt import BIFFRecords

from generator.importing.document import hidden_reason
from generator.importing.importer import ImportResult
from generator.importing.spreadsheet import FORMULA_ERROR, UNSAVED_FORMULA
from tests.forms.imports import import_new, not_placed
from tests.forms.render import XmlCell, excel_2003_xml
from tests.test_import_cell_shown import county_sheet, funds_sheet, indicator_sheet, indicator_values
from tests.test_import_tasks import as_written
from tests.test_import_workbooks import Num, Sheet, Value, fill_sheet, run

BOTH = ["xlsx", "xls"]


def income(result: ImportResult) -> list[dict]:
    return as_written(result.filing["funds"]["income"]["lines"])


# --- 1. scaling formats ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", BOTH)
def test_a_scaling_format_reads_the_figure_shown_and_quotes_the_stored_one(tmp_path: Path, suffix: str) -> None:
    """元 stored, 万元 shown: `0!.0,"万元"` shows 1205000 as "120.5万元", `0!.0000` 305000 as "30.5000", `#,##0.00,`
    1205000 as "1,205.00". Each is filed as shown, and the report quotes what the cell stores. 1205050 under `0!.0,`
    shows 120.5 (rounded): read as 120.505, never rounded, and reported."""
    result = run([funds_sheet([Num(1205000, '0!.0,"万元"'), Num(305000, "0!.0000"), Num(1205000, "#,##0.00,"),
                               Num(1205050, "0!.0,")])], tmp_path, suffix)
    assert income(result) == [
        {"name": "收入0", "amount": "120.5",
         "notes": [{"field": "amount", "text": "原表写作“120.5万元”；编者去掉与本表金额单位相同的“万元”，录入为 120.5。"}]},
        {"name": "收入1", "amount": "30.5000"}, {"name": "收入2", "amount": "1205.00"},
        {"name": "收入3", "amount": "120.505"}]
    assert list(result.imported.remarks) == [
        "整体!C6 存储的数字是 1205000，Excel 按格式“0!.0,\"万元\"”把它缩小 10,000 倍显示为“120.5万元”；"
        "已照显示的数字读入，请核对单位。",
        "整体!C7 存储的数字是 305000，Excel 按格式“0!.0000”把它缩小 10,000 倍显示为“30.5000”；已照显示的数字读入，请核对单位。",
        "整体!C8 存储的数字是 1205000，Excel 按格式“#,##0.00,”把它缩小 1,000 倍显示为“1205.00”；已照显示的数字读入，请核对单位。",
        "整体!C9 的数字 120.505 在 Excel 中按格式“0!.0,”只显示 1 位小数；已照存储的数字读入，未四舍五入。",
        "整体!C9 存储的数字是 1205050，Excel 按格式“0!.0,”把它缩小 10,000 倍显示为“120.505”；已照显示的数字读入，请核对单位。"]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", BOTH)
def test_thousands_separators_do_not_scale_and_text_escaped_by_a_bang_shows(tmp_path: Path, suffix: str) -> None:
    """The commas of `#,##0.00` stand between placeholders (no scaling, guard); `0!人` shows its unit as `0\\人` does
    (before: "12", the unit lost)."""
    result = run([indicator_sheet([("a", Num(1234.5, "#,##0.00")), ("b", Num(12, "0\\人")),
                                   ("c", Num(12, "0!人")), ("d", Num(1234567, "#,##0"))])], tmp_path, suffix)
    assert indicator_values(result) == ["1234.50", "12人", "12人", "1234567"]
    assert list(result.imported.remarks) == []


# --- 2. scientific formats and Chinese numerals ------------------------------------------------------------------

@pytest.mark.parametrize("suffix", BOTH)
def test_scientific_and_chinese_numeral_formats_read_the_stored_digits(tmp_path: Path, suffix: str) -> None:
    """`0.00E+00` shows 120.5 as 1.21E+02: read 120.5 (before: "120.50", decimals the format gives the mantissa);
    `0.0E+0"人"` 120000 as 1.2E+5人; `[DBNum1]` shows 一百二十 and 九十五%: the digits mean the same figure."""
    result = run([indicator_sheet([("a", Num(120.5, "0.00E+00")), ("b", Num(120000, '0.0E+0"人"')),
                                   ("c", Num(120, "[DBNum1]G/通用格式")), ("d", Num(0.95, "[DBNum1]0%"))])],
                 tmp_path, suffix)
    assert indicator_values(result) == ["120.5", "120000人", "120", "95%"]
    assert list(result.imported.remarks) == [
        "项目!D7 的数字在 Excel 中按格式“0.00E+00”以科学记数法显示为“1.21E+02”；已照存储的数字读作 120.5。",
        "项目!D8 的数字在 Excel 中按格式“0.0E+0\"人\"”以科学记数法显示为“1.2E+5”；已照存储的数字读作 120000。",
        "项目!D9 的数字在 Excel 中按格式“[DBNum1]G/通用格式”以中文数字显示（如 120 显示为“一百二十”或“壹佰贰拾”）；"
        "已照存储的数字读作“120”。",
        "项目!D10 的数字在 Excel 中按格式“[DBNum1]0%”以中文数字显示（如 120 显示为“一百二十”或“壹佰贰拾”）；"
        "已照存储的数字读作“95%”。"]


# --- 3. Excel 2003 XML -----------------------------------------------------------------------------------------------

def spreadsheet_ml(sheet: Sheet, hidden_rows: frozenset[int] = frozenset(), hidden_column: int | None = None,
                   errors: dict[tuple[int, int], str] | None = None) -> str:
    """One sheet as Excel 2003 XML: each Num under a style of its format, `errors` as formula error values."""
    merges = []
    for merge in sheet.merges:
        (top, left), (bottom, right) = (openpyxl.utils.cell.coordinate_to_tuple(end) for end in merge.split(":"))
        merges.append((top - 1, left - 1, bottom - 1, right - 1))
    errors = errors or {}

    def cell(r: int, c: int, value: Value) -> XmlCell | None:
        if (r, c) in errors:
            return XmlCell(errors[(r, c)], error=True)
        if isinstance(value, Num):
            return XmlCell(value.value, value.format)
        return XmlCell(value) if value else None

    rows = [[cell(r, c, value) for c, value in enumerate(row)] for r, row in enumerate(sheet.rows)]
    return excel_2003_xml(sheet.title, rows, merges, hidden_rows,
                          frozenset() if hidden_column is None else frozenset({hidden_column}))


def imported_xml(xml: str, tmp_path: Path) -> ImportResult:
    path = tmp_path / "导出.xml"
    path.write_text(xml, encoding="utf-8")
    return import_new(path, tmp_path, "nync")


def veiled_reason(number_format: str) -> str:
    return (f"这一格的数字格式“{number_format}”使它在 Excel 中什么也不显示（正常显示和打印时都看不到），没有读入；"
            "如果应当公开，请在 Excel 中把这一格改为常规格式后重新导入，或手工录入")


def test_excel_2003_xml_lists_what_its_format_hides_as_an_xlsx_does(tmp_path: Path) -> None:
    """`;;;` hides 120.5 and `0.00;-0.00;;@` a zero: listed, never the line's amount (before: filed as read)."""
    sheet = funds_sheet([Num(120.5, ";;;"), Num(0, "0.00;-0.00;;@"), Num(3, "0.00;-0.00;;@")])
    sheet.rows[3][2] = Num(4, ";;;")
    result = imported_xml(spreadsheet_ml(sheet), tmp_path)
    assert income(result) == [{"name": "收入0"}, {"name": "收入1"}, {"name": "收入2", "amount": "3.00"}]
    assert not_placed(result) == [("4", veiled_reason(";;;")), ("120.5", veiled_reason(";;;")),
                                  ("0.00", veiled_reason("0.00;-0.00;;@"))]


def test_excel_2003_xml_lists_a_formula_error_never_an_indicator_value(tmp_path: Path) -> None:
    """"#DIV/0!" saved as a formula's error value (ss:Type="Error"): listed (before: the indicator's value)."""
    sheet = indicator_sheet([("完成率", ""), ("受益农户", Num(1200, "0"))])
    result = imported_xml(spreadsheet_ml(sheet, errors={(6, 3): "#DIV/0!"}), tmp_path)
    assert indicator_values(result) == ["", "1200"]
    assert not_placed(result) == [("#DIV/0!", FORMULA_ERROR)]


def test_excel_2003_xml_hidden_row_and_column_stay_listed(tmp_path: Path) -> None:
    """Guard: a hidden funds row and a hidden column of internal notes are listed, the rows around read as one
    table."""
    sheet = funds_sheet([Num(100), Num(20.5), Num(7)])
    sheet.rows[4].append("测算说明")
    sheet.rows[5] += ["按上年执行数"]
    result = imported_xml(spreadsheet_ml(sheet, hidden_rows=frozenset({6}), hidden_column=4), tmp_path)
    assert income(result) == [{"name": "收入0", "amount": "100.00"}, {"name": "收入2", "amount": "7.00"}]
    row = hidden_reason("Excel 中设为隐藏的行", "Excel", "整行没有读入")
    column = hidden_reason("Excel 中设为隐藏的列", "Excel", "整列没有读入")
    assert not_placed(result) == [("测算说明", column), ("按上年执行数", column), ("收入1", row), ("20.50", row)]


# --- 4. a blank row above the 合计 row ------------------------------------------------------------------------------

def totalled_funds() -> Sheet:
    sheet = funds_sheet([Num(100), Num(20.5)])
    sheet.rows[7:7] = [["", "", "", ""], ["", "合计", Num(120.5), ""]]
    return sheet


@pytest.mark.parametrize("suffix", BOTH)
def test_a_blank_row_above_the_total_row_keeps_it_the_funds_total(tmp_path: Path, suffix: str) -> None:
    """The 合计 row under a blank row is the funds table's total (before: 合计 and 120.50 listed 未识别)."""
    result = run([totalled_funds()], tmp_path, suffix)
    assert as_written(result.filing["funds"]["income"]) == {
        "lines": [{"name": "收入0", "amount": "100.00"}, {"name": "收入1", "amount": "20.50"}],
        "total": {"name": "合计", "amount": "120.50"}}
    assert not_placed(result) == []


def test_a_copied_sheet_with_a_blank_row_above_the_total_row(tmp_path: Path) -> None:
    """The same sheet copied as text: its blank row a line of tabs (before: the table ended there, 合计 未识别)."""
    lines = ["2026年度部门整体绩效目标表", "金额单位：万元", "部门（单位）名称\t某县交通运输局\t\t", "",
             "收支构成\t项目\t当年金额\t占比", "收入构成\t收入0\t100.00\t", "\t收入1\t20.50\t", "\t\t\t",
             "\t合计\t120.50\t", "", "年度目标：完成养护", "一级指标\t二级指标\t三级指标\t指标值",
             "产出指标\t数量指标\t养护里程\t≥50公里"]
    path = tmp_path / "整体.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_new(path, tmp_path, "nync")
    assert as_written(result.filing["funds"]["income"]["total"]) == {"name": "合计", "amount": "120.50"}
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", BOTH)
def test_a_blank_row_above_a_project_lists_total_row(tmp_path: Path, suffix: str) -> None:
    """A county's project list with a blank row above 合计: listed as the list's total row, as without the blank."""
    sheet = county_sheet()
    sheet.rows.insert(9, [""] * 9)
    result = run([sheet], tmp_path, suffix)
    total = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"
    assert [project.get("name") for project in result.filing["projects"]] == ["农村公路养护", "桥梁检测", None]
    assert not_placed(result)[1:] == [("合计", total), ("150.50", total)]


@pytest.mark.parametrize("suffix", BOTH)
def test_a_total_row_after_a_blank_row_under_a_note_stays_a_line(tmp_path: Path, suffix: str) -> None:
    """Guard: a blank row under a line of text (not a table) joins nothing; "合计" alone is no total row."""
    sheet = funds_sheet([Num(100)])
    sheet.rows[6:6] = [["", "", "", ""], ["", "合计", "", ""]]
    result = run([sheet], tmp_path, suffix)
    assert "total" not in result.filing["funds"]["income"]
    assert [text for text, _ in not_placed(result)] == ["合计"]


# --- 5. .xls formulas, text cells and a county workbook ---------------------------------------------------------

def with_saved_results(results: dict[tuple[int, int], float | str | None], monkeypatch: pytest.MonkeyPatch) -> None:
    """xlwt saves a formula without its result: here with the result Excel would have saved (a number, or a text
    in the STRING record after it), as a workbook saved by Excel holds it."""
    record = BIFFRecords.FormulaRecord.__init__

    def saved(self, row: int, col: int, xf_index: int, rpn: bytes, calc_flags: int = 0) -> None:
        record(self, row, col, xf_index, rpn, calc_flags)
        value = results.get((row, col))
        if value is None:
            return  # as xlwt saves it: an empty text
        if isinstance(value, str):  # a text result: marked in the FORMULA record, held by the STRING record after it
            self._rec_data = struct.pack("<3HQHL", row, col, xf_index, 0xFFFF000000000000, 0, 0) + rpn
            string = struct.pack("<HB", len(value), 1) + value.encode("utf-16-le")
            self._string = struct.pack("<HH", 0x0207, len(string)) + string
        else:
            self._rec_data = struct.pack("<3H", row, col, xf_index) + struct.pack("<d", value) \
                + struct.pack("<HL", 0, 0) + rpn

    def get(self) -> bytes:
        return BIFFRecords.BiffRecord.get(self) + getattr(self, "_string", b"")
    monkeypatch.setattr(BIFFRecords.FormulaRecord, "__init__", saved)
    monkeypatch.setattr(BIFFRecords.FormulaRecord, "get", get)


def xls_with_formulas(tmp_path: Path, results: dict[tuple[int, int], float | str | None],
                      monkeypatch: pytest.MonkeyPatch) -> ImportResult:
    """The project's form as .xls, its 年度资金总额 (C4) and first indicator value (D7) formulas with `results`."""
    sheet = indicator_sheet([("优良率", ""), ("受益农户", Num(1200, "0"))])
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet.title)
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if (r, c) in ((3, 2), (6, 3)):
                continue  # the formulas below
            if isinstance(value, Num):
                ws.write(r, c, value.value, xlwt.easyxf(num_format_str=value.format))
            elif value:
                ws.write(r, c, value)
    with_saved_results(results, monkeypatch)
    ws.write(3, 2, xlwt.Formula("100+20.5"), xlwt.easyxf(num_format_str="0.00"))
    ws.write(6, 3, xlwt.Formula('IF(C4>0,"≥"&95&"%","")'))
    book.save(str(tmp_path / "项目.xls"))
    return import_new(tmp_path / "项目.xls", tmp_path, "jt")


def test_xls_formulas_whose_results_were_saved_read_as_their_results(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard: a formula saved with 120.5 under "0.00" reads 120.50; one whose result is text reads that text."""
    result = xls_with_formulas(tmp_path, {(3, 2): 120.5, (6, 3): "≥95%"}, monkeypatch)
    assert as_written(result.filing["projects"][0]["budget"]) == {"annual": {"total": "120.50"}}
    assert indicator_values(result) == ["≥95%", "1200"]
    assert list(result.imported.remarks) == []


def test_xls_formulas_a_program_saved_without_results_are_listed(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A program's .xls (xlwt and others) saves every formula with an empty text for its result, and Excel computes
    them on opening: the form shows 120.50 and ≥95%, the file holds neither. Each is listed with its formula (before:
    read as empty cells, the budget and the indicator's value lost without a word)."""
    result = xls_with_formulas(tmp_path, {}, monkeypatch)
    assert "budget" not in result.filing["projects"][0] and indicator_values(result) == ["", "1200"]
    assert not_placed(result) == [("年度资金总额：", "未识别的单元格"), ("=100.0+20.5", UNSAVED_FORMULA),
                                  ('=IF(C4>0.0,"≥"&95.0&"%","")', UNSAVED_FORMULA)]
    assert list(result.imported.remarks) == [
        "项目!C4、项目!D7 2 格是文件中没有保存计算结果的公式；未计算，按空格读入，逐格列在“未放入”中。"
        "请在 Excel 中打开、重新计算并保存后再导入。"]


def test_an_empty_result_beside_saved_ones_is_what_the_cell_shows(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard: where another formula has its result saved, the file was computed: =IF(…,"") saved empty shows
    nothing, and is not listed."""
    result = xls_with_formulas(tmp_path, {(3, 2): 120.5}, monkeypatch)
    assert indicator_values(result) == ["", "1200"] and not_placed(result) == []


@pytest.mark.parametrize("suffix", BOTH)
def test_numbers_stored_as_text_read_as_typed(tmp_path: Path, suffix: str) -> None:
    """Guard: "120.50 " stored as text (Excel's green triangle) is 120.50; "１２０．５０" in full width is 120.50, noted."""
    result = run([funds_sheet(["120.50 ", "１２０．５０"])], tmp_path, suffix)
    assert income(result) == [
        {"name": "收入0", "amount": "120.50"},
        {"name": "收入1", "amount": "120.50",
         "notes": [{"field": "amount", "text": "原表写作“１２０．５０”；编者全角数字照数值读，录入为 120.50。"}]}]


BUDGET_SHEET = Sheet("预算表", [
    ["2026年部门预算支出表", "", "", "", "", "", ""],
    ["单位名称：某县交通运输局", "", "", "", "", "", "单位：万元"],
    ["功能分类科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
    ["201", "01", "01", "行政运行", Num(80.5), Num(80.5), Num(0)],
    ["214", "01", "04", "公路养护", Num(120.5), "", Num(120.5)],
    ["", "", "", "合计", Num(201), Num(80.5), Num(120.5)],
], ["A1:G1", "A3:C3", "D3:D4", "E3:E4", "F3:F4", "G3:G4"])


def test_a_protected_form_sheet_beside_a_budget_sheet(tmp_path: Path) -> None:
    """Guard: a county workbook: the 绩效目标表 sheet protected, its head frozen, its amount stored as text; the
    预算表 sheet beside it (功能分类科目编码 201 01 01) is no part of the filing: every cell listed, codes as typed."""
    form = indicator_sheet([("受益农户", Num(1200, "0"))])
    form.title = "绩效目标表"
    form.rows[3][2] = "120.50"
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in (form, BUDGET_SHEET):
        fill_sheet(book.create_sheet(sheet.title), sheet)
    book["绩效目标表"].protection.sheet = True
    book["绩效目标表"].freeze_panes = "A7"
    book.save(tmp_path / "县.xlsx")
    result = import_new(tmp_path / "县.xlsx", tmp_path, "jt")
    project = result.filing["projects"][0]
    assert (project["name"], as_written(project["budget"])) == ("农村公路养护", {"annual": {"total": "120.50"}})
    assert indicator_values(result) == ["1200"]
    listed = [text for text, _ in not_placed(result)]
    assert listed[11:14] == ["201", "01", "01"] and len(listed) == 28
    assert list(result.imported.remarks) == []


def test_a_print_area_that_leaves_out_a_filled_column_is_reported(tmp_path: Path) -> None:
    """The print area stops before a 测算依据 column: its cells are read as the screen shows them (a figure the form
    shows is not dropped), and the report names them, since the printed form the department filed had none of them."""
    form = indicator_sheet([("受益农户", Num(1200, "0"))])
    form.rows[3].append("按上年执行数测算")
    book = openpyxl.Workbook()
    book.remove(book.active)
    fill_sheet(book.create_sheet("项目"), form)
    book["项目"].print_area = "A1:D7"
    book.save(tmp_path / "项目.xlsx")
    result = import_new(tmp_path / "项目.xlsx", tmp_path, "jt")
    assert indicator_values(result) == ["1200"]
    assert [text for text, _ in not_placed(result)] == ["按上年执行数测算"]
    assert list(result.imported.remarks) == [
        "工作表“项目”的打印区域是 A1:D7；区域外的 项目!E4 1 格有内容，打印时不出现，已照屏幕上显示的读入；请核对这些内容是否应当公开。"]
