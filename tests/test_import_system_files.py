"""`gongkai import` of Office files as 预算管理一体化 systems export them (.docx by python-docx, .xlsx by openpyxl, .xls
by xlwt), as a department sends them on.

1. A .docx 项目支出绩效目标表 with several projects, each in its own table after a page break: the 一级/二级指标 merged
   down (vMerge) and across (gridSpan), empty paragraphs around a cell's text, the 资金 breakdown in a table nested in
   its cell, and the 项目属性 tick boxes typed in a symbol font run ("R" and "£" in Wingdings 2, U+F0FE in Wingdings:
   Word shows ☑ and □). Before, "R新增项目  £延续项目" (Wingdings 2) and invisible private-use characters
   (Wingdings) were published as the 项目属性: which box was ticked, lost. Now read as the boxes shown; a symbol not
   known is left out and said. Boxes typed as characters (☑ ☐ in MS Gothic) stay as typed (guard).
2. Guard: a sheet of projects each in a block of rows (a "1.高标准农田建设项目" band, its form, its indicators), blocks
   apart by blank rows; 项目编码 stored as text is the code, one stored as a number (Excel shows 3.30000E+20) is listed,
   never published as a code or an amount.
3. "120.5万" typed in an amount cell: of money, 万 alone is 万元. In a form in 万元 it is read as 120.5 with a note (before:
   listed as not a number); in a form in 元 it is listed (never converted). A negative under a scaling format with a
   section of its own (`0!.0,;(0!.0,)`): the report quoted the stored 1205000 without its sign and the figure shown
   without its brackets; now "-1205000" and "(120.5)". An .xls print area that leaves out a filled column is reported as
   an .xlsx one is (before: .xlsx only; an .xls keeps it as the built-in name Print_Area).
4. Guard: an .xls (BIFF8) 申报表 with 一级指标 merged down its rows, a 分值 column and its 合计 row.
"""

from __future__ import annotations

import struct
from pathlib import Path

import docx
import pytest
import xlwt
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from xlwt import BIFFRecords

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_cell_shown import funds_sheet, indicator_sheet, indicator_values
from tests.test_import_tasks import as_written
from tests.test_import_workbooks import Num, Sheet, run, write_xls

BOTH = ["xlsx", "xls"]


def assert_checked(result: ImportResult) -> None:
    assert result.check.errors == [] and result.check.warnings == []


# --- 1. a system's .docx: one table per project, tick boxes in a symbol font ----------------------------------------

def font_run(paragraph, text: str, font: str) -> None:
    """A run set in `font`, as Word writes a font switched to for a few characters (w:rFonts on the run)."""
    run = paragraph.add_run(text)
    fonts = OxmlElement("w:rFonts")
    for side in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(side), font)
    run._r.get_or_add_rPr().insert(0, fonts)


def fill(cell, *paragraphs: str) -> None:
    """A cell's paragraphs; the empty ones are the spacing a system's template puts around the text."""
    cell.paragraphs[0].text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


TICKS = {  # how the 项目属性 boxes are typed: (ticked box, empty box, their font)
    "wingdings 2": ("R", "£", "Wingdings 2"), "wingdings": ("\uf0fe", "\uf0a8", "Wingdings"),
    "characters": ("☑", "☐", "MS Gothic")}


def project_table(document, name: str, amount: str, ticks: str) -> None:
    table = document.add_table(rows=0, cols=6)
    table.style = "Table Grid"

    def row(*cells: str | tuple[str, ...] | None):
        made = table.add_row().cells
        for cell, text in zip(made, cells):
            if text is not None:
                fill(cell, *(text if isinstance(text, tuple) else (text,)))
        return made

    cells = row("项目名称", ("", name, ""))
    cells[1].merge(cells[5])
    cells = row("主管部门", "某县农业农村局", None, "实施单位", "某县农技推广中心")
    cells[1].merge(cells[2]), cells[4].merge(cells[5])
    cells = row("项目属性", "", None, "项目期", "1年")
    cells[1].merge(cells[2]), cells[4].merge(cells[5])
    ticked, empty, font = TICKS[ticks]
    paragraph = cells[1].paragraphs[0]
    font_run(paragraph, ticked, font), paragraph.add_run("新增项目  ")
    font_run(paragraph, empty, font), paragraph.add_run("延续项目")
    cells = row("项目资金（万元）")
    cells[1].merge(cells[5])
    breakdown = cells[1].add_table(rows=3, cols=2)  # the amounts in a table of their own inside the cell
    for r, (label, figure) in enumerate([("年度资金总额", amount), ("其中：财政拨款", amount), ("其他资金", "0.00")]):
        breakdown.cell(r, 0).text, breakdown.cell(r, 1).text = label, figure
    cells = row("年度绩效目标", ("", f"完成{name}。", "", ""))
    cells[1].merge(cells[5])
    row("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "备注")
    first = len(table.rows)
    row(None, "产出指标", "数量指标", ("完成面积", ""), "≥1000亩", "")
    row(None, None, "质量指标", "验收合格率", "100%", "")
    row(None, "效益指标", "社会效益指标", "受益农户", ("", "≥1200户"), "")
    table.cell(first - 1, 0).merge(table.cell(first + 2, 0))  # 绩效指标 down the indicator rows
    table.cell(first, 1).merge(table.cell(first + 1, 1))  # 产出指标 down its two rows


def system_document(path: Path, ticks: list[str]) -> Path:
    document = docx.Document()
    document.add_paragraph("2026年度项目支出绩效目标表")
    document.add_paragraph("单位：万元")
    for n, ((name, amount), how) in enumerate(zip(PROJECTS, ticks)):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        project_table(document, name, amount, how)
    document.save(path)
    return path


PROJECTS = [("高标准农田建设", "300.50"), ("农民培训", "45.60"), ("动物防疫", "12.34")]


def project_expected(name: str, amount: str, attribute: str) -> dict:
    return {"name": name, "attribute": attribute, "period": "1年", "budget_unit": "某县农技推广中心",
            "budget": {"annual": {"total": amount, "fiscal": amount, "other": "0.00"}},
            "goals": [{"id": "g1", "kind": "年度", "text": f"完成{name}。", "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "完成面积", "value": "≥1000亩"},
                {"level1": "产出指标", "level2": "质量指标", "name": "验收合格率", "value": "100%"},
                {"level1": "效益指标", "level2": "社会效益指标", "name": "受益农户", "value": "≥1200户"}]}]}


def test_tick_boxes_typed_in_a_symbol_font_run_read_as_the_boxes_word_shows(tmp_path: Path) -> None:
    """Before: "R新增项目  £延续项目" for the first project (Wingdings 2) and the private-use U+F0FE/U+F0A8 published
    for the second (Wingdings), which shows nothing on the site. The third's boxes are characters (guard)."""
    path = system_document(tmp_path / "项目支出绩效目标表.docx", ["wingdings 2", "wingdings", "characters"])
    result = import_new(path, tmp_path, "nync")
    assert result.filing["department"]["name"] == "某县农业农村局"
    assert result.filing["title"] == "2026年度项目支出绩效目标表" and result.filing["money_unit"] == "万元"
    assert [{k: v for k, v in p.items() if k != "id"} for p in as_written(result.filing["projects"])] == [
        project_expected("高标准农田建设", "300.50", "☑新增项目  □延续项目"),
        project_expected("农民培训", "45.60", "☑新增项目  □延续项目"),
        project_expected("动物防疫", "12.34", "☑新增项目  ☐延续项目")]
    assert not_placed(result) == [("项目资金（万元）", "未识别的段落")] * 3
    assert list(result.imported.remarks) == [
        f"表{n} 第4行的格子里套着表格（表{n + 1}）：套着的表格各读作一张表，这些行格子里的其他文字按段落读入。"
        for n in (1, 3, 5)]
    assert_checked(result)


def test_a_symbol_font_letter_not_known_is_left_out_and_said(tmp_path: Path) -> None:
    """"J" in Wingdings draws a smiley no character is known for here: left out (never published as "J"), said."""
    document = docx.Document()
    document.add_paragraph("2026年度项目支出绩效目标表")
    project_table(document, "高标准农田建设", "300.50", "wingdings 2")
    font_run(document.tables[0].cell(2, 1).paragraphs[0], "J", "Wingdings")
    document.save(tmp_path / "项目.docx")
    result = import_new(tmp_path / "项目.docx", tmp_path, "nync")
    assert result.filing["projects"][0]["attribute"] == "☑新增项目  □延续项目"
    assert ("文档中有 1 个用符号字体（Wingdings 等）插入的符号认不出是什么字符，没有读入；请对照原表核对（如勾选框“☑”“□”），"
            "需要时手工录入。") in result.imported.remarks


# --- 2. a sheet of project blocks; 项目编码 as text and as a number ------------------------------------------------

def block(n: int, name: str, code: str | Num, amount: float) -> list[list[object]]:
    return [
        [f"{n}.{name}项目", "", "", "", ""],
        ["项目名称", name, "项目编码", code, ""],
        ["主管部门", "某县农业农村局", "实施单位", "某县农技推广中心", ""],
        ["项目资金（万元）", "资金总额", Num(amount), "", ""],
        ["", "其中：财政拨款", Num(amount), "", ""],
        ["", "其他资金", Num(0), "", ""],
        ["年度绩效目标", f"完成{name}", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "完成面积", "1000亩", ""],
        ["", "时效指标", "完成时间", "2026年12月底前", ""],
        ["效益指标", "社会效益指标", "受益农户", Num(1200, "0"), ""],
    ]


def blocks_sheet() -> Sheet:
    rows: list[list[object]] = [["2026年度项目支出绩效目标表", "", "", "", ""], ["", "", "", "", "单位：万元"]]
    merges = ["A1:E1"]
    codes = ["330000250000000012345", Num(330000250000000012346, "0.00000E+00"), "330000250000000012347"]
    for n, (name, amount) in enumerate([("高标准农田建设", 300.5), ("农民培训", 45.6), ("动物防疫", 12.34)]):
        top = len(rows) + 1
        rows += block(n + 1, name, codes[n], amount) + [[""] * 5]
        merges += [f"A{top}:E{top}", f"A{top + 3}:A{top + 5}", f"A{top + 8}:A{top + 9}"]
    rows.append(["填报人：张三", "", "联系电话：13812345678", "", ""])
    return Sheet("项目支出", rows, merges)


def block_expected(number: int, name: str, amount: str, code: str | None) -> dict:
    project = {"number": number, "code": code, "name": name, "budget_unit": "某县农技推广中心",
               "budget": {"total": amount, "fiscal": amount, "other": "0.00"},
               "goals": [{"id": "g1", "kind": "年度", "text": f"完成{name}", "indicators": [
                   {"level1": "产出指标", "level2": "数量指标", "name": "完成面积", "value": "1000亩"},
                   {"level1": "产出指标", "level2": "时效指标", "name": "完成时间", "value": "2026年12月底前"},
                   {"level1": "效益指标", "level2": "社会效益指标", "name": "受益农户", "value": "1200"}]}]}
    return {k: v for k, v in project.items() if v is not None}


@pytest.mark.parametrize("suffix", BOTH)
def test_project_blocks_apart_by_blank_rows_and_a_code_stored_as_a_number(tmp_path: Path, suffix: str) -> None:
    """Guard: each band starts its project (its number from the band), each block is one project; the code Excel
    holds as a number lost its last digits (330000250000000000000) and is listed, never the project's code."""
    result = run([blocks_sheet()], tmp_path, suffix)
    assert [{k: v for k, v in p.items() if k != "id"} for p in as_written(result.filing["projects"])] == [
        block_expected(1, "高标准农田建设", "300.50", "330000250000000012345"),
        block_expected(2, "农民培训", "45.60", None),
        block_expected(3, "动物防疫", "12.34", "330000250000000012347")]
    assert result.filing["contact"] == {"filer": "张三", "phone": "13812345678"}
    assert not_placed(result) == [(
        "330000250000000000000", "原表“项目编码”一格存的是数字“330000250000000000000”，不是文字：Excel 只保留数字的前 15 位，"
        "其后各位已经丢失，这个编码不可靠，未录入。请在原表中把这一格设为文本、照原编码逐位填写后重新导入")]
    assert_checked(result)


# --- 3. 万 in an amount cell; a scaled negative; an .xls print area ------------------------------------------------

def income(result: ImportResult) -> list[dict]:
    return as_written(result.filing["funds"]["income"]["lines"])


@pytest.mark.parametrize("suffix", BOTH)
def test_wan_typed_in_an_amount_cell_of_a_form_in_wan_yuan_is_read_with_a_note(tmp_path: Path, suffix: str) -> None:
    """Before: "120.5万", "12,050万", "１２０．５万" were listed as not numbers (the amounts lost from the funds)."""
    result = run([funds_sheet(["120.5万", "12,050万", " 30万 ", "１２０．５万", "120.5万元", "120.5元"])], tmp_path, suffix)
    assert income(result) == [
        {"name": "收入0", "amount": "120.5",
         "notes": [{"field": "amount", "text": "原表写作“120.5万”；编者去掉“万”（即万元，与本表金额单位相同），录入为 120.5。"}]},
        {"name": "收入1", "amount": "12050",
         "notes": [{"field": "amount", "text": "原表写作“12,050万”；编者去掉千分位逗号、去掉“万”（即万元，与本表金额单位相同），"
                                               "录入为 12050。"}]},
        {"name": "收入2", "amount": "30",
         "notes": [{"field": "amount", "text": "原表写作“30万”；编者去掉“万”（即万元，与本表金额单位相同），录入为 30。"}]},
        {"name": "收入3", "amount": "120.5",
         "notes": [{"field": "amount", "text": "原表写作“１２０．５万”；编者全角数字照数值读、去掉“万”（即万元，与本表金额单位相同），"
                                               "录入为 120.5。"}]},
        {"name": "收入4", "amount": "120.5",
         "notes": [{"field": "amount", "text": "原表写作“120.5万元”；编者去掉与本表金额单位相同的“万元”，录入为 120.5。"}]},
        {"name": "收入5"}]
    assert not_placed(result) == [("120.5元", "金额“120.5元”以元计，本表金额单位为万元；导入不换算金额，未录入")]


@pytest.mark.parametrize("suffix", BOTH)
def test_wan_typed_in_a_form_in_yuan_is_listed_never_converted(tmp_path: Path, suffix: str) -> None:
    """In a form in 元, "120.5万" is 1205000 元: never converted, listed saying in which unit it is written."""
    sheet = funds_sheet(["120.5万", "1205000"])
    sheet.rows[1][0] = "金额单位：元"
    result = run([sheet], tmp_path, suffix)
    assert income(result) == [{"name": "收入0"}, {"name": "收入1", "amount": "1205000"}]
    assert not_placed(result) == [("120.5万", "金额“120.5万”以万元计，本表金额单位为元；导入不换算金额，未录入")]


@pytest.mark.parametrize("suffix", BOTH)
def test_wan_typed_as_a_project_s_amount_is_read_with_a_note(tmp_path: Path, suffix: str) -> None:
    """The project form's 年度资金总额 typed "120.5万" under 项目资金（万元）: read as 120.5 (before: listed)."""
    sheet = indicator_sheet([("受益农户", Num(1200, "0"))])
    sheet.rows[3][2] = "120.5万"
    result = run([sheet], tmp_path, suffix)
    project = result.filing["projects"][0]
    assert as_written(project["budget"]) == {"annual": {"total": "120.5"}}
    assert as_written(project["notes"]) == [
        {"field": "budget.annual.total", "text": "原表写作“120.5万”；编者去掉“万”（即万元，与本表金额单位相同），录入为 120.5。"}]
    assert indicator_values(result) == ["1200"] and not_placed(result) == []


@pytest.mark.parametrize("suffix", BOTH)
def test_a_scaled_negative_s_remark_quotes_the_stored_figure_with_its_sign(tmp_path: Path, suffix: str) -> None:
    """`0!.0,;(0!.0,)` shows -1205000 as "(120.5)". Before, the remark said the cell stores 1205000 and shows
    "120.5"."""
    result = run([funds_sheet([Num(-1205000, "0!.0,;(0!.0,)"), Num(-1205000, '0!.0,"万元";"减少"0!.0,"万元"'),
                               Num(-1205000, '0!.0,"万元"')])], tmp_path, suffix)
    assert income(result) == [
        {"name": "收入0", "amount": "-120.5"}, {"name": "收入1"},
        {"name": "收入2", "amount": "-120.5",
         "notes": [{"field": "amount", "text": "原表写作“-120.5万元”；编者去掉与本表金额单位相同的“万元”，录入为 -120.5。"}]}]
    assert list(result.imported.remarks) == [
        "整体!C6 存储的数字是 -1205000，Excel 按格式“0!.0,;(0!.0,)”把它缩小 10,000 倍显示为“(120.5)”；已照显示的数字读入，"
        "请核对单位。",
        "整体!C6 的数字 -120.5 在 Excel 中按格式“0!.0,;(0!.0,)”显示为“(120.5)”（不带负号，以颜色或括号表示负数）；"
        "已照存储的数字读作 -120.5。",
        "整体!C7 存储的数字是 -1205000，Excel 按格式“0!.0,\"万元\";\"减少\"0!.0,\"万元\"”把它缩小 10,000 倍显示为“减少120.5万元”；"
        "已照显示的数字读入，请核对单位。",
        "整体!C8 存储的数字是 -1205000，Excel 按格式“0!.0,\"万元\"”把它缩小 10,000 倍显示为“-120.5万元”；已照显示的数字读入，"
        "请核对单位。"]
    assert not_placed(result) == [("减少120.5万元", "金额“减少120.5万元”不是数字")]


def xls_with_print_area(path: Path, sheet: Sheet, area: tuple[int, int, int, int],
                        monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sheet as .xls with a print area (first row, last row, first column, last column; 0-based) as Excel keeps
    it: the built-in name Print_Area (NAME record, code 6) scoped to the sheet, over a 3-D area reference through the
    workbook's own SUPBOOK and EXTERNSHEET records. xlwt writes no defined names; its link records are replaced here."""
    def links(workbook) -> bytes:
        own = BIFFRecords.InternalReferenceSupBookRecord(len(workbook._Workbook__worksheets)).get()
        extern = BIFFRecords.ExternSheetRecord([(0, 0, 0)]).get()
        rpn = struct.pack("<BHHHHH", 0x3B, 0, *area)  # tArea3d: EXTERNSHEET entry 0, rows, columns
        body = struct.pack("<HBBHHHBBBB", 0x0020, 0, 1, len(rpn), 0, 1, 0, 0, 0, 0) + b"\x00\x06" + rpn
        return own + extern + struct.pack("<HH", 0x0018, len(body)) + body
    monkeypatch.setattr(xlwt.Workbook, "_Workbook__all_links_rec", links)
    return write_xls([sheet], path)


def test_an_xls_print_area_that_leaves_out_a_filled_column_is_reported(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: an .xls print area was not looked at; the 测算依据 column the printed form leaves out was read and said
    nowhere. Now reported as an .xlsx's is (the cell is still read as the screen shows it, and listed)."""
    form = indicator_sheet([("受益农户", Num(1200, "0"))])
    form.rows[3].append("按上年执行数测算")
    path = xls_with_print_area(tmp_path / "项目.xls", form, (0, 6, 0, 3), monkeypatch)
    result = import_new(path, tmp_path, "jt")
    assert indicator_values(result) == ["1200"]
    assert not_placed(result) == [("按上年执行数测算", "未识别的单元格")]
    assert list(result.imported.remarks) == [
        "工作表“项目”的打印区域是 A1:D7；区域外的 项目!E4 1 格有内容，打印时不出现，已照屏幕上显示的读入；请核对这些内容是否应当公开。"]


def test_an_xls_print_area_around_every_filled_cell_says_nothing(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard: a print area over the whole form leaves nothing out: no remark."""
    path = xls_with_print_area(tmp_path / "项目.xls", indicator_sheet([("受益农户", Num(1200, "0"))]), (0, 6, 0, 3),
                               monkeypatch)
    result = import_new(path, tmp_path, "jt")
    assert indicator_values(result) == ["1200"] and list(result.imported.remarks) == [] and not_placed(result) == []


# --- 4. an .xls 申报表 with merged 一级指标 and a 合计 row ----------------------------------------------------------------

def water_sheet() -> Sheet:
    return Sheet("项目表", [
        ["2026年度项目支出绩效目标申报表", "", "", "", "", ""],
        ["填报单位（盖章）：某县水利局", "", "", "", "单位：万元", ""],
        ["项目名称", "农村饮水安全维修养护", "", "", "", ""],
        ["主管部门", "某县水利局", "", "实施单位", "某县农村供水站", ""],
        ["项目属性", "延续项目", "", "项目期", "1年", ""],
        ["项目资金（万元）", "", "年度资金总额", Num(85.5), "", ""],
        ["", "", "其中：财政拨款", Num(85.5), "", ""],
        ["", "", "其他资金", Num(0), "", ""],
        ["年度绩效目标", "保障农村供水工程正常运行。", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"],
        ["产出指标", "数量指标", "维修养护工程处数", "≥30处", Num(20, "0"), ""],
        ["", "", "水质检测次数", "≥4次", Num(10, "0"), ""],
        ["", "质量指标", "工程完好率", Num(0.95, "0%"), Num(20, "0"), ""],
        ["", "成本指标", "单处维修成本", "≤2.85万元", Num(20, "0"), ""],
        ["效益指标", "社会效益指标", "受益人口", "≥3.2万人", Num(20, "0"), ""],
        ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", Num(10, "0"), ""],
        ["合计", "", "", "", Num(100, "0"), ""],
        ["填报人：李四", "", "联系电话：0710-1234567", "", "填报日期：2026年1月15日", ""],
    ], ["A1:F1", "A2:D2", "B3:F3", "B4:C4", "E4:F4", "B5:C5", "E5:F5", "A6:B8", "D6:F6", "D7:F7", "D8:F8", "B9:F9",
        "A11:A14", "B11:B12", "A17:D17", "A18:B18", "C18:D18", "E18:F18"])


@pytest.mark.parametrize("suffix", BOTH)
def test_an_application_form_with_merged_first_levels_and_a_total_row(tmp_path: Path, suffix: str) -> None:
    """Guard: 一级指标 merged down four rows (二级指标 down two) fills each row; the 分值 合计 row is listed as the
    indicator table's total, never an indicator; the footer's filer, phone and date are read."""
    result = run([water_sheet()], tmp_path, suffix)
    filing = result.filing
    assert (filing["department"]["name"], filing["title"], str(filing["filed_on"])) == (
        "某县水利局", "2026年度项目支出绩效目标申报表", "2026-01-15")
    assert filing["contact"] == {"filer": "李四", "phone": "0710-1234567"}
    [project] = as_written(filing["projects"])
    assert {k: v for k, v in project.items() if k not in ("id", "goals")} == {
        "name": "农村饮水安全维修养护", "attribute": "延续项目", "period": "1年", "budget_unit": "某县农村供水站",
        "budget": {"annual": {"total": "85.50", "fiscal": "85.50", "other": "0.00"}}}
    assert project["goals"] == [{"id": "g1", "kind": "年度", "text": "保障农村供水工程正常运行。", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "维修养护工程处数", "value": "≥30处", "weight": "20"},
        {"level1": "产出指标", "level2": "数量指标", "name": "水质检测次数", "value": "≥4次", "weight": "10"},
        {"level1": "产出指标", "level2": "质量指标", "name": "工程完好率", "value": "95%", "weight": "20"},
        {"level1": "产出指标", "level2": "成本指标", "name": "单处维修成本", "value": "≤2.85万元", "weight": "20"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "受益人口", "value": "≥3.2万人", "weight": "20"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "受益群众满意度", "value": "≥90%", "weight": "10"}]}]
    why = "指标表的合计行（各指标分值、权重的合计）；文件格式中指标表没有合计的字段，未录入"
    assert not_placed(result) == [("合计", why), ("100", why)]
    assert_checked(result)


# --- 5. 合计 under the 资金来源 rows ----------------------------------------------------------------------------------

def sources_sheet(rows: list[list[object]], merges: list[str]) -> Sheet:
    """A project form whose 资金来源 are listed one under the other, their 合计 last."""
    head = [["项目支出绩效目标表", "", "", ""], ["", "", "", "单位：万元"], ["项目名称", "农村公路养护", "", ""],
            ["实施单位", "某县公路中心", "", ""]]
    goal = len(head) + len(rows) + 1
    return Sheet("项目", head + rows + [["年度绩效目标", "完成养护任务", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
                                       ["产出指标", "数量指标", "养护里程", "50公里"]],
                 ["A1:D1", "B3:D3", "B4:D4", f"B{goal}:D{goal}"] + merges)


@pytest.mark.parametrize("suffix", BOTH)
def test_the_total_under_sources_listed_one_under_the_other_is_the_project_s_total(tmp_path: Path,
                                                                                    suffix: str) -> None:
    """"资金来源 | 财政拨款 | 300.50" over " | 其他资金 | 0.00" and " | 合计 | 300.50". Before: 合计 and 300.50 listed
    未识别, the project's total lost."""
    result = run([sources_sheet([["资金来源", "财政拨款", Num(300.5), ""], ["", "其他资金", Num(0), ""],
                                 ["", "合计", Num(300.5), ""]], ["A5:A7"])], tmp_path, suffix)
    project = result.filing["projects"][0]
    assert as_written(project["budget"]) == {"total": "300.50", "fiscal": "300.50", "other": "0.00"}
    assert not_placed(result) == []
    assert_checked(result)


def folder(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


@pytest.mark.parametrize("suffix", BOTH)
def test_a_sources_total_under_a_filed_total_is_read_once_or_listed(tmp_path: Path, suffix: str) -> None:
    """资金总额 filed above the sources: a 合计 of the same figure is that total (before: listed 未识别); one of another
    figure is listed saying so, the 资金总额 stands."""
    def sheet(total: float) -> Sheet:
        return sources_sheet([["项目资金", "资金总额", Num(300.5), ""], ["", "财政拨款", Num(300.5), ""],
                              ["", "其他资金", Num(0), ""], ["", "合计", Num(total), ""]], ["A5:A8"])
    same = run([sheet(300.5)], folder(tmp_path, "same"), suffix)
    assert as_written(same.filing["projects"][0]["budget"]) == {"total": "300.50", "fiscal": "300.50", "other": "0.00"}
    assert not_placed(same) == []
    other = run([sheet(310.5)], folder(tmp_path, "other"), suffix)
    assert as_written(other.filing["projects"][0]["budget"]) == {"total": "300.50", "fiscal": "300.50", "other": "0.00"}
    assert not_placed(other) == [("310.50", "资金来源的合计“310.50”与上面的资金总额“300.50”不同；项目预算只有一个总额，"
                                            "已按资金总额录入，这一格未录入，请核对")]


def test_sources_in_a_table_nested_in_the_form_s_cell_give_the_total(tmp_path: Path) -> None:
    """The .docx form's 资金来源 cell holds a table "财政拨款 | 300.50", "其他资金 | 0.00", "合计 | 300.50". Before: its
    合计 row was listed 未识别 and the project had no total."""
    document = docx.Document()
    document.add_paragraph("2026年度项目支出绩效目标表")
    document.add_paragraph("单位：万元")
    document.add_paragraph("部门名称：某县交通运输局")
    table = document.add_table(rows=4, cols=4)
    for r, cells in enumerate([("项目名称", "农村公路养护"), ("资金来源", ""), ("年度绩效目标", "完成养护任务")]):
        table.cell(r, 0).text = cells[0]
        merged = table.cell(r, 1).merge(table.cell(r, 3))
        merged.text = cells[1]
    nested = table.cell(1, 1).add_table(rows=3, cols=2)
    for r, (label, figure) in enumerate([("财政拨款", "300.50"), ("其他资金", "0.00"), ("合计", "300.50")]):
        nested.cell(r, 0).text, nested.cell(r, 1).text = label, figure
    for c, text in enumerate(["一级指标", "二级指标", "三级指标", "指标值"]):
        table.cell(3, c).text = text
    row = table.add_row().cells
    for c, text in enumerate(["产出指标", "数量指标", "养护里程", "50公里"]):
        row[c].text = text
    document.save(tmp_path / "项目.docx")
    result = import_new(tmp_path / "项目.docx", tmp_path, "jt")
    project = result.filing["projects"][0]
    assert (project["name"], as_written(project["budget"])) == (
        "农村公路养护", {"total": "300.50", "fiscal": "300.50", "other": "0.00"})
    assert not_placed(result) == [("资金来源", "未识别的段落")]


# --- 6. a code as Excel shows a long number ("3.30000E+20"), kept as text --------------------------------------------

SHOWN_CODE = ("原表“项目编码”一格写的是“{}”，是 Excel 以科学记数法显示的长数字（编码被存成了数字，复制或另存时只留下显示的样子），"
              "编码的各位已经丢失，未录入。请照原编码逐位填写（在 Excel 中把这一格设为文本）后重新导入")


@pytest.mark.parametrize("suffix", BOTH)
def test_a_code_written_as_excel_shows_a_long_number_is_listed(tmp_path: Path, suffix: str) -> None:
    """A department copies the code from the screen, or saves a CSV export again: the cell holds the text
    "3.30000E+20". Before: published as the project's code (and `check` refused it as an id); the digits are gone."""
    sheet = blocks_sheet()
    sheet.rows[3][3], sheet.rows[27][3] = "3.30000E+20", "3.3E+20"
    result = run([sheet], tmp_path, suffix)
    assert [project.get("code") for project in result.filing["projects"]] == [None, None, None]
    assert [(text, why) for text, why in not_placed(result) if "E+20" in text] == [
        ("3.30000E+20", SHOWN_CODE.format("3.30000E+20")), ("3.3E+20", SHOWN_CODE.format("3.3E+20"))]
    assert_checked(result)


def test_a_code_line_written_as_excel_shows_a_long_number_is_listed(tmp_path: Path) -> None:
    """"项目编码：4.20701E+20" as a line of the form (copied from a workbook into Word): before, the project's code."""
    document = docx.Document()
    for line in ("2026年度项目支出绩效目标表", "部门名称：某县农业农村局", "项目名称：高标准农田建设", "项目编码：4.20701E+20",
                 "年度目标：完成建设"):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=4)
    for r, texts in enumerate([("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "完成面积", "1000亩")]):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    document.save(tmp_path / "项目.docx")
    result = import_new(tmp_path / "项目.docx", tmp_path, "nync")
    [project] = result.filing["projects"]
    assert "code" not in project and project["name"] == "高标准农田建设"
    assert not_placed(result) == [("项目编码：4.20701E+20", SHOWN_CODE.format("4.20701E+20"))]
    assert_checked(result)
