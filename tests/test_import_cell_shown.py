"""`gongkai import` of workbook cells as Excel shows them: the figure a department filed is what its cell shows.

Each workbook is built cell by cell (.xlsx through openpyxl, .xls through xlwt), as departments' files hold them:
- a number format with a section of its own for negative numbers: words in it (`0%;"缩短"0%` shows -0.1 as
  "缩短10%") are read as shown, since "-10%" means something else to a reader; a section that only colours or
  brackets the figure (`0.00;[Red]0.00`, `#,##0.00;(#,##0.00)`) shows no sign: the stored sign is kept and reported;
- a formula saved without its result (a workbook written by a program, never opened in Excel): listed 未放入 with
  its formula, never silently an empty cell;
- a tick box typed in a symbol font ("R新增 £延续" in Wingdings 2) is the box the form shows, "☑新增 □延续";
- a date whose format shows no day (`yyyy"年"mm"月"`) is the month the form shows, never a day it does not;
- guards: dates and percentages as numbers under their formats, the accounting format's zero, `@` and units in
  the format, spaces and line breaks around typed amounts, a county sheet with its head repeated for printing,
  a withheld row and a hidden 说明 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
import xlwt
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.formula import ArrayFormula

from generator.importing.document import Paragraph
from generator.importing.importer import ImportResult
from generator.importing.readers import read_document
from generator.importing.spreadsheet import FORMULA_ERROR, UNSAVED_FORMULA
from tests.forms.imports import import_new, not_placed
from tests.test_import_tasks import as_written
from tests.test_import_workbooks import Num, Sheet, run

BOTH = ["xlsx", "xls"]


# --- 1. a negative number's own section ----------------------------------------------------------------------

def indicator_sheet(values: list[tuple[str, object]]) -> Sheet:
    """A project's form whose indicator values are numbers under their formats."""
    rows: list[list[object]] = [
        ["项目支出绩效目标表", "", "", ""],
        ["项目名称", "农村公路养护", "", ""],
        ["实施单位", "某县公路中心", "", ""],
        ["项目资金（万元）", "年度资金总额：", Num(120.5), ""],
        ["年度绩效目标", "完成养护任务", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
    ]
    rows += [["效益指标", "社会效益指标", name, value] for name, value in values]
    return Sheet("项目", rows, ["A1:D1", "B2:D2", "B3:D3", "C4:D4", "B5:D5"])


def indicator_values(result: ImportResult) -> list[str]:
    return [indicator.get("value", "") for indicator in result.filing["projects"][0]["goals"][0]["indicators"]]


@pytest.mark.parametrize("suffix", BOTH)
def test_words_of_a_negative_section_are_read_as_shown(tmp_path: Path, suffix: str) -> None:
    """Excel shows -0.1 under `0%;"缩短"0%` as "缩短10%" and -3 under `0;"减少"0` as "减少3": read as shown (before,
    "-10%" and "-3"). A section with its own minus reads with it; the positive section is untouched."""
    result = run([indicator_sheet([
        ("通行时间较上年", Num(-0.1, '0%;"缩短"0%')),
        ("事故起数较上年", Num(-3, '0"起";"减少"0"起"')),
        ("投诉件数较上年", Num(-3, '0;"减少"0')),
        ("养护成本较上年", Num(-2.5, '0.00;[红色]-0.00')),
        ("路况指数较上年", Num(2, '"增加"0;"减少"0')),
    ])], tmp_path, suffix)
    assert indicator_values(result) == ["缩短10%", "减少3起", "减少3", "-2.50", "增加2"]
    assert list(result.imported.remarks) == [] and not_placed(result) == []


def funds_sheet(amounts: list[Num]) -> Sheet:
    rows: list[list[object]] = [
        ["2026年度部门整体绩效目标表", "", "", ""],
        ["金额单位：万元", "", "", ""],
        ["部门（单位）名称", "某县交通运输局", "", ""],
        ["", "", "", ""],
        ["收支构成", "项目", "当年金额", "占比"],
    ]
    rows += [["收入构成" if n == 0 else "", f"收入{n}", amount, ""] for n, amount in enumerate(amounts)]
    rows += [["", "", "", ""], ["年度目标：完成养护", "", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
             ["产出指标", "数量指标", "养护里程", "≥50公里"]]
    return Sheet("整体", rows, [f"A6:A{5 + len(amounts)}"])


@pytest.mark.parametrize("suffix", BOTH)
def test_a_sign_shown_only_by_colour_or_brackets_keeps_the_stored_sign_and_is_reported(tmp_path: Path,
                                                                                      suffix: str) -> None:
    """`0.00;[Red]0.00` shows -3 as a red "3.00" and `#,##0.00;(#,##0.00)` as "(5.00)": no minus on paper, but the
    stored number is negative. Read with its sign (never as 3.00), and the report says how the form shows it; an
    amount in words ("减少3") is not a number and is listed."""
    result = run([funds_sheet([Num(-3, "0.00;[Red]0.00"), Num(-5, "#,##0.00;(#,##0.00)"),
                               Num(-3, '0;"减少"0'), Num(-4, "#,##0.00;[红色]-#,##0.00")])], tmp_path, suffix)
    assert as_written(result.filing["funds"]["income"]["lines"]) == [
        {"name": "收入0", "amount": "-3.00"}, {"name": "收入1", "amount": "-5.00"}, {"name": "收入2"},
        {"name": "收入3", "amount": "-4.00"}]
    assert list(result.imported.remarks) == [
        "整体!C6 的数字 -3.00 在 Excel 中按格式“0.00;[Red]0.00”显示为“3.00”（不带负号，以颜色或括号表示负数）；"
        "已照存储的数字读作 -3.00。",
        "整体!C7 的数字 -5.00 在 Excel 中按格式“#,##0.00;(#,##0.00)”显示为“(5.00)”（不带负号，以颜色或括号表示负数）；"
        "已照存储的数字读作 -5.00。"]
    assert not_placed(result) == [("减少3", "金额“减少3”不是数字")]


# --- 2. formulas saved without their result -------------------------------------------------------------------

def test_a_formula_saved_without_its_result_is_listed_with_its_formula(tmp_path: Path) -> None:
    """openpyxl (like the programs that write workbooks) saves formulas without computing them: the amount and the
    indicator value are not in the file. Each is listed 未放入 with its formula (before: only a remark, and the
    cell read as empty), and the report names the cells once."""
    sheet = indicator_sheet([("完成率", "=C4/C4"), ("受益农户", Num(1200, "0"))])
    sheet.rows[3][2] = "=SUM(120,0.5)"
    result = run([sheet], tmp_path)
    project = result.filing["projects"][0]
    assert "budget" not in project and indicator_values(result) == ["", "1200"]
    assert ("=SUM(120,0.5)", UNSAVED_FORMULA) in not_placed(result)
    assert ("=C4/C4", UNSAVED_FORMULA) in not_placed(result)
    assert list(result.imported.remarks) == [
        "项目!C4、项目!D7 2 格是文件中没有保存计算结果的公式；未计算，按空格读入，逐格列在“未放入”中。"
        "请在 Excel 中打开、重新计算并保存后再导入。"]


# --- 3. tick boxes in a symbol font -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Runs:
    """A text cell of several runs, each (font name or None for the cell's own font, text); `font` is the cell's."""
    runs: tuple[tuple[str | None, str], ...]
    font: str = "宋体"


def write_runs(rows: list[list[object]], merges: list[str], path: Path) -> Path:
    """One sheet "项目" whose `Runs` cells keep their fonts; other cells as `tests.test_import_workbooks` writes them."""
    if path.suffix == ".xls":
        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("项目")
        covered = set()
        for merge in merges:
            left, top, right, bottom = range_boundaries(merge)
            covered |= {(r, c) for r in range(top - 1, bottom) for c in range(left - 1, right)} - {(top - 1, left - 1)}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, Runs):
                    ws.write_rich_text(r, c, [(text, _xls_font(font or value.font)) for font, text in value.runs],
                                       xlwt.easyxf(f"font: name {value.font}"))
                elif isinstance(value, Num):
                    ws.write(r, c, value.value, xlwt.easyxf(num_format_str=value.format))
                elif value and (r, c) not in covered:
                    ws.write(r, c, value)
        for merge in merges:
            left, top, right, bottom = range_boundaries(merge)
            ws.merge(top - 1, bottom - 1, left - 1, right - 1)
        book.save(str(path))
        return path
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "项目"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, Runs):
                ws.cell(r, c, CellRichText([TextBlock(InlineFont(rFont=font), text) if font else text
                                            for font, text in value.runs]))
                ws.cell(r, c).font = openpyxl.styles.Font(name=value.font)
            elif isinstance(value, Num):
                ws.cell(r, c, value.value).number_format = value.format
            elif value:
                ws.cell(r, c, value)
    for merge in merges:
        ws.merge_cells(merge)
    book.save(path)
    return path


def _xls_font(name: str) -> xlwt.Font:
    font = xlwt.Font()
    font.name = name
    return font


def attribute_form(attribute: Runs) -> tuple[list[list[object]], list[str]]:
    return [
        ["项目支出绩效目标表", "", "", ""],
        ["项目名称", "农村公路养护", "", ""],
        ["项目属性", attribute, "项目期", "1年"],
        ["主管部门", "某县交通运输局", "实施单位", "某县公路中心"],
        ["项目资金（万元）", "年度资金总额：", Num(120.5), ""],
        ["年度绩效目标", "完成养护任务", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥50公里"],
    ], ["A1:D1", "B2:D2", "C5:D5", "B6:D6"]


def imported_attribute(tmp_path: Path, suffix: str, attribute: Runs) -> ImportResult:
    rows, merges = attribute_form(attribute)
    return import_new(write_runs(rows, merges, tmp_path / f"项目.{suffix}"), tmp_path, "jt")


@pytest.mark.parametrize("suffix", BOTH)
def test_tick_boxes_typed_in_a_symbol_font_read_as_the_boxes_shown(tmp_path: Path, suffix: str) -> None:
    """Wingdings 2 draws "R" as ☑ and "£" as □: the form shows "☑新增 □延续" (before: "R新增 £延续")."""
    result = imported_attribute(tmp_path, suffix, Runs((("Wingdings 2", "R"), (None, "新增 "),
                                                        ("Wingdings 2", "£"), (None, "延续"))))
    project = result.filing["projects"][0]
    assert (project["attribute"], project["period"]) == ("☑新增 □延续", "1年")
    assert list(result.imported.remarks) == [] and not_placed(result) == []


@pytest.mark.parametrize("suffix", BOTH)
def test_a_cell_in_a_symbol_font_shows_its_boxes_and_its_words(tmp_path: Path, suffix: str) -> None:
    """The whole cell in Wingdings: "þ" and "¨" are the boxes, the Chinese is drawn by another font as itself; a
    code the import does not know ("~") is not read, and is reported."""
    result = imported_attribute(tmp_path, suffix, Runs(((None, "þ新增 ¨延续~"),), font="Wingdings"))
    assert result.filing["projects"][0]["attribute"] == "☑新增 □延续"
    assert list(result.imported.remarks) == [
        "项目!B3 中有 1 个用符号字体（Wingdings 等）写的符号认不出是什么字符，没有读入；请对照原表核对（如勾选框“☑”“□”），"
        "需要时手工录入。"]


@pytest.mark.parametrize("suffix", BOTH)
def test_tick_boxes_typed_as_characters_stay_as_typed(tmp_path: Path, suffix: str) -> None:
    """Guard: "■是 □否" in the cell's own font is what the form shows."""
    result = imported_attribute(tmp_path, suffix, Runs(((None, "■新增 □延续"),)))
    assert result.filing["projects"][0]["attribute"] == "■新增 □延续"


# --- 4. dates and percentages stored as numbers --------------------------------------------------------------

def dated_sheet(date: object, share: object) -> Sheet:
    sheet = funds_sheet([Num(120.5), Num(30)])
    sheet.rows[1:1] = [["填报日期", date, "", ""]]
    sheet.rows[6][3] = share
    sheet.merges = ["A7:A8"]
    return sheet


@pytest.mark.parametrize("suffix", BOTH)
def test_a_date_serial_and_a_share_under_their_formats_read_as_shown(tmp_path: Path, suffix: str) -> None:
    """Guard: 46000 under "yyyy/m/d" is the day Excel shows (2025-12-09), 0.95 under "0%" is 95%."""
    result = run([dated_sheet(Num(46000, "yyyy/m/d"), Num(0.95, "0%"))], tmp_path, suffix)
    assert str(result.filing["filed_on"]) == "2025-12-09"
    assert as_written(result.filing["funds"]["income"]["lines"]) == [
        {"name": "收入0", "amount": "120.50", "share": "95%"}, {"name": "收入1", "amount": "30.00"}]


@pytest.mark.parametrize("suffix", BOTH)
def test_a_date_format_without_the_day_shows_the_month_only(tmp_path: Path, suffix: str) -> None:
    """`yyyy"年"mm"月"` shows 46000 as 2025年12月: the form has no day (before: 2025-12-09 was filed), and a
    填报日期 without its day is listed, as when typed."""
    result = run([dated_sheet(Num(46000, 'yyyy"年"mm"月"'), "")], tmp_path, suffix)
    assert "filed_on" not in result.filing
    assert not_placed(result) == [("2025年12月", "原表“填报日期”写作“2025年12月”，不是完整的年月日；导入不代填，未录入，请核对原表")]


# --- 5. guards: formats and typed amounts -------------------------------------------------------------------

ACCOUNTING = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '  # 会计专用: zero shows "-"


@pytest.mark.parametrize("suffix", BOTH)
def test_formats_and_typed_amounts_read_as_the_figure_filed(tmp_path: Path, suffix: str) -> None:
    """The accounting format's zero is 0.00 (its "-" means zero), its negative keeps the minus; `@` on a number
    shows the number; a unit in the format is the form's unit (noted); spaces and a line break typed around an
    amount are not part of it; a line break inside the digits is not a number and is listed."""
    result = run([funds_sheet([Num(0, ACCOUNTING), Num(-12.5, ACCOUNTING), Num(77, "@"), Num(120.5, '0.00"万元"'),
                               "120.50 ", "120.50\n", "12\n0.50", Num(1234.5, "#,##0.00")])], tmp_path, suffix)
    assert as_written(result.filing["funds"]["income"]["lines"]) == [
        {"name": "收入0", "amount": "0.00"}, {"name": "收入1", "amount": "-12.50"}, {"name": "收入2", "amount": "77"},
        {"name": "收入3", "amount": "120.50",
         "notes": [{"field": "amount", "text": "原表写作“120.50万元”；编者去掉与本表金额单位相同的“万元”，录入为 120.50。"}]},
        {"name": "收入4", "amount": "120.50"}, {"name": "收入5", "amount": "120.50"}, {"name": "收入6"},
        {"name": "收入7", "amount": "1234.50"}]
    assert not_placed(result) == [("12\n0.50", "金额“12\n0.50”不是数字")]
    assert list(result.imported.remarks) == []


COUNTY_HEAD = ["序号", "单位名称", "项目名称", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]


def county_sheet() -> Sheet:
    """A county's project list as its budget system exports it: the title merged across the page, the head
    repeated where the printed page breaks, a withheld row and a 合计 row; figures under their formats."""
    return Sheet("项目", [
        ["某县2026年部门预算项目支出绩效目标表"] + [""] * 8,
        ["部门名称：某县交通运输局", "", "", "", "", "", "", "", "单位：万元"],
        COUNTY_HEAD,
        [Num(1, "0"), "某县公路中心", "农村公路养护", Num(120.5), "完成养护任务", "产出指标", "数量指标", "养护里程",
         Num(50, '0"公里"')],
        ["", "", "", "", "", "", "质量指标", "优良率", Num(0.85, '"≥"0%')],
        ["", "", "", "", "", "效益指标", "社会效益指标", "通行时间较上年", Num(-0.1, '0%;"缩短"0%')],
        COUNTY_HEAD,
        [Num(2, "0"), "某县公路中心", "桥梁检测", Num(30, "#,##0.00;[红色]-#,##0.00"), "完成检测", "产出指标",
         "数量指标", "检测桥梁", Num(12, '0"座"')],
        [Num(3, "0"), "某县交通运输局", "涉密项目，不予公开", "", "", "", "", "", ""],
        ["合计", "", "", Num(150.5), "", "", "", "", ""],
    ], ["A1:I1", "A4:A6", "B4:B6", "C4:C6", "D4:D6", "E4:E6", "F4:F5"])


@pytest.mark.parametrize("suffix", BOTH)
def test_a_county_sheet_with_its_head_repeated_and_a_hidden_note_sheet(tmp_path: Path, suffix: str) -> None:
    result = run([county_sheet(), Sheet("说明", [["填表说明：3号项目涉密不予公开。"]], hidden=True)], tmp_path, suffix)
    first, second, withheld = result.filing["projects"]
    assert [indicator["value"] for indicator in first["goals"][0]["indicators"]] == ["50公里", "≥85%", "缩短10%"]
    assert (second["name"], as_written(second["budget"])) == ("桥梁检测", {"total": "30.00"})
    assert withheld["withheld"]["numbers"] == [3, 3]
    assert [text for text, _ in not_placed(result)] == ["某县交通运输局", "合计", "150.50", "填表说明：3号项目涉密不予公开。"]


# --- 6. what a format shows nothing of ---------------------------------------------------------------------------

def veiled_reason(number_format: str) -> str:
    return (f"这一格的数字格式“{number_format}”使它在 Excel 中什么也不显示（正常显示和打印时都看不到），没有读入；"
            "如果应当公开，请在 Excel 中把这一格改为常规格式后重新导入，或手工录入")


@pytest.mark.parametrize("suffix", BOTH)
def test_a_cell_its_format_shows_nothing_of_is_listed_never_read(tmp_path: Path, suffix: str) -> None:
    """`;;;` hides whatever the cell holds, `0.00;-0.00;;@` a zero: Excel neither shows nor prints it, as with a
    hidden column (before: the hidden 120.5 was filed as the line's amount, and 4 beside the department's name).
    A zero section with text (`"—"`) shows something: the zero is read as filed; a positive figure under the same
    format shows."""
    sheet = funds_sheet([Num(120.5, ";;;"), Num(0, "0.00;-0.00;;@"), Num(3, "0.00;-0.00;;@"),
                         Num(0, '0.00;-0.00;"—"')])
    sheet.rows[3][2] = Num(4, ";;;")  # beside the department's name: an internal figure
    result = run([sheet], tmp_path, suffix)
    assert as_written(result.filing["funds"]["income"]["lines"]) == [
        {"name": "收入0"}, {"name": "收入1"}, {"name": "收入2", "amount": "3.00"}, {"name": "收入3", "amount": "0.00"}]
    assert not_placed(result) == [("4", veiled_reason(";;;")), ("120.5", veiled_reason(";;;")),
                                  ("0.00", veiled_reason("0.00;-0.00;;@"))]


@pytest.mark.parametrize("suffix", BOTH)
def test_spaces_and_line_breaks_typed_around_words_are_not_part_of_them(tmp_path: Path, suffix: str) -> None:
    """A unit's name with a trailing space, a goal ending in a line break and "≥85% " read as a Word cell reads them
    (before: "某县公路中心 " was another unit's name, and the goal ended in a line break); headers broken over two
    lines ("项目\\n名称") are the same headers, and a line break between words is kept."""
    head = ["序号", "单位\n名称", "项目\n名称", "项目金额\n（万元）", "年度绩效\n目标", "一级\n指标", "二级\n指标",
            "三级\n指标", "指标值 "]
    result = run([Sheet("项目", [
        ["某县2026年部门预算项目支出绩效目标表 "] + [""] * 8,
        ["部门名称：某县交通运输局", "", "", "", "", "", "", "", "单位：万元"],
        head,
        [Num(1, "0"), "某县公路中心 ", "农村公路\n养护", Num(120.5), "\n完成养护任务\n", "产出指标", "数量指标 ",
         "养护里程", Num(50, '0"公里"')],
        ["", "", "", "", "", "", "质量指标", "优良率", "≥85% "],
    ], ["A1:I1", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:F5"])], tmp_path, suffix)
    assert result.filing["title"] == "某县2026年部门预算项目支出绩效目标表"
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "name": "农村公路\n养护", "budget_unit": "某县公路中心", "budget": {"total": "120.50"},
         "goals": [{"id": "annual", "kind": "年度", "text": "完成养护任务", "indicators": [
             {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "50公里"},
             {"level1": "产出指标", "level2": "质量指标", "name": "优良率", "value": "≥85%"}]}]}]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", BOTH)
def test_a_formula_error_is_listed_never_an_indicator_value(tmp_path: Path, suffix: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """"#DIV/0!" is what a broken formula shows (before: filed as the indicator's value, and published)."""
    sheet = indicator_sheet([("完成率", "#DIV/0!"), ("受益农户", Num(1200, "0"))])
    if suffix == "xls":  # xlwt writes text, not an error value: the error is put in just before the book is saved
        sheet.rows[6][3] = ""
        save = xlwt.Workbook.save

        def save_with_error(book: xlwt.Workbook, name: str) -> None:
            book.get_sheet(0).row(6).set_cell_error(3, "#DIV/0!")
            save(book, name)
        monkeypatch.setattr(xlwt.Workbook, "save", save_with_error)
    result = run([sheet], tmp_path, suffix)
    assert indicator_values(result) == ["", "1200"]
    assert not_placed(result) == [("#DIV/0!", FORMULA_ERROR)]


def test_an_array_formula_saved_without_its_result_is_listed_too(tmp_path: Path) -> None:
    """An array formula ({=SUM(A1:A2*2)}) is held by openpyxl as an object, not as text: listed all the same."""
    book = openpyxl.Workbook()
    book.active.append(["财政拨款", 1415.43])
    book.active["C1"] = ArrayFormula("C1", "=SUM(B1:B1*2)")
    book.save(tmp_path / "array.xlsx")
    document = read_document(tmp_path / "array.xlsx")
    assert document.blocks[1:] == (Paragraph("=SUM(B1:B1*2)", "Sheet!C1", UNSAVED_FORMULA),)
