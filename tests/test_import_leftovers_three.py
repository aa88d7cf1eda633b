"""`gongkai import` of gaps earlier probes noticed and left alone.

1. A range of a worksheet copied from Excel or WPS (or saved as 文本文件（制表符分隔）) writes every cell of every row,
   a merged range's slots empty: its rows are all as wide, and a cell stands in its column as in the workbook. Such a
   table is read by column, as the workbook is; only a table copied from a web page or Word (merged slots dropped,
   rows of different widths) has a row's cells found again under their heads. Before, the 年度主要任务 table of a copied
   sheet (主要内容 merged over two columns) had every amount one column to the left: 总额 read as 财政拨款, 财政拨款 as
   其他资金, 其他资金 listed as under no column. And a title row whose attachment tag stands in the cell before the
   title ("附件3 | 2026年度部门整体绩效目标表", the title merged over the columns after it) lost the title (both
   listed as unknown cells, the title made up by the editor): a tag labels no value, so both are read as lines.
2. A department's 2025 and 2026 forms one after another whose titles give no year, each year said only by its
   预算年度 row ("预算年度 | 2025") or line ("预算年度：2026"): the second 预算年度 is a second form's start, as a second
   title's year is, and the file is refused naming both. Before, the second year was written over the first and the
   second form's goals merged in (its 年度总体目标 listed as a second one). Another 预算年度 with no goals after it is
   never written over the first: it is listed.
3. A line break inside a cell of a Word or web table copied as text has no quoting: the cell's next line is a line of
   its own, the rest of the row's cells after it. In a table whose rows are all as wide (no merged slot dropped), a
   row short of the width right above a line with as many cells as make up the rest (fewer than the row has, so the
   break is right of its middle) is one row: the broken cell read as one, its line break kept, with a remark. Before,
   the cell's second part and the cells after it were listed and the row read without them. A line without a tab
   between two rows (a break in the row's last cell, or a row of one cell across the table: nothing tells which) is
   kept in the table as a row of one cell and listed, never joined by a guess; before, it cut the table in two and
   the rows below it lost their header (every indicator below listed as 未识别的单元格). Two short rows of a web
   table under cells merged down at the left (5, 3, 3 cells) are read as before.
4. PDF: a running head of two lines ("某县财政局" over "2026年部门预算公开") or a foot of two (the body's name over the
   page number) printed on every page. Only the line nearest the page's edge was looked at: the other was read as a
   paragraph on every page, and "2026年部门预算公开" became the filing's title (the form's own listed as another
   table's). From the edge in, each line is furniture as long as the lines between it and the edge are, in letters no
   larger than theirs (a title printed on each page in larger letters is kept); each is said in the remarks.
   A table whose borders are dotted (a row of tiny squares, as Chromium and some Word exports print them) was not
   found (each square's edges too short to be a line: every row read as a paragraph) or, with larger dots, found with
   rows and columns of nothing (two lines a dot's width apart); each run of dots is now one ruling line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from generator.importing.document import ImportFailure
from tests import test_import_pdf_realities as realities
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.render import sheet_grid
from tests.test_import_several_filings import EDUCATION, SPLIT, department_form
from tests.test_import_tasks import EXPECTED_LINES, EXPECTED_TOTAL, as_written, task_form, task_table, write

FORMATS = ["xlsx", "xls", "docx", "html", "txt"]
APPARATUS = "报告的目录或附件名称，不是绩效目标的内容，未录入"
TITLE = "2026年度部门整体绩效目标表"
GOAL = "完成农村公路养护300公里，桥梁检测40座。"
INDICATORS = [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里"},
              {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%"}]


def sheet_copied(blocks: list[FormBlock]) -> str:
    """The form's worksheet (tests/forms/render.sheet_grid: the lines above the tables in rows of their own, a blank
    row after each table) as Excel copies the whole range: every cell, Excel's quoting, rows ended by CR LF."""
    out = io.StringIO()
    csv.writer(out, dialect="excel-tab", lineterminator="\r\n").writerows(sheet_grid(blocks)[0])
    return out.getvalue()


def copied_file(blocks: list[FormBlock], tmp_path: Path) -> Path:
    source = tmp_path / "原表.txt"
    source.write_text(sheet_copied(blocks), encoding="utf-8")
    return source


# --- 1. a copied Excel range is read by column --------------------------------------------------------------------

@pytest.mark.parametrize("header", ["two-rows", "one-row"])
def test_a_copied_sheets_task_amounts_stay_in_their_columns(tmp_path: Path, header: str) -> None:
    """Before: 总额 350.00 read as 财政拨款, 财政拨款 as 其他资金, and 其他资金 20.5 listed as under no column."""
    blocks = task_form(task_table(header=header))
    text = sheet_copied(blocks)
    assert "耕地保护监督\t开展耕地卫片执法检查\t\t120.5\t100\t20.5\r\n" in text  # the merged slot is there, empty
    result = import_new(copied_file(blocks, tmp_path), tmp_path, "zrzy")
    assert as_written(result.filing["tasks"]) == {"lines": EXPECTED_LINES, "total": EXPECTED_TOTAL}
    assert not_placed(result) == []
    (tmp_path / "xlsx").mkdir()
    workbook = import_new(write(blocks, tmp_path / "xlsx" / "原表.xlsx"), tmp_path / "xlsx", "zrzy")
    assert result.filing == workbook.filing


# --- 1. an attachment tag beside the title ---------------------------------------------------------------------------

def goal_form(title: FormBlock) -> list[FormBlock]:
    """`title`, the unit line, the department and 年度目标 (its text merged over three columns), the indicators."""
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局", "", "")
    identity.add("年度目标", (GOAL, 3))
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    for indicator in INDICATORS:
        indicators.add(*indicator.values())
    return [title, FormText("金额单位：万元"), identity, indicators]


def tagged_title(tag: str = "附件3") -> list[FormBlock]:
    """The goal form whose title row holds the attachment tag in its first cell, the title merged over the rest."""
    title = FormTable()
    title.add(tag, (TITLE, 3))
    return goal_form(title)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_title_beside_its_attachment_tag_is_the_title(tmp_path: Path, suffix: str) -> None:
    """Before: both cells listed as 未识别的单元格 and the title made up by the editor ("2026年度绩效目标")."""
    result = import_new(write(tagged_title(), tmp_path / f"原表.{suffix}"), tmp_path, "jtj")
    assert result.filing["title"] == TITLE and "notes" not in result.filing
    assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "text": GOAL, "indicators": INDICATORS}]
    assert not_placed(result) == [("附件3", APPARATUS)]


def test_the_title_beside_its_tag_in_a_copied_sheet(tmp_path: Path) -> None:
    result = import_new(copied_file(tagged_title("附件2"), tmp_path), tmp_path, "jtj")
    assert result.filing["title"] == TITLE and "notes" not in result.filing
    assert not_placed(result) == [("附件2", APPARATUS)]


# --- 2. two years of one department told apart only by their 预算年度 -------------------------------------------------

def form_of_year(year: str, said: str) -> list[FormBlock]:
    """某县教育局's 部门整体绩效目标表 whose title has no year: its 预算年度 a row of its identity table or a line."""
    blocks = department_form(EDUCATION, "{name}部门整体绩效目标表")
    if said == "row":
        identity = blocks[2]
        assert isinstance(identity, FormTable)
        identity.add("预算年度", year)
    else:
        blocks.insert(1, FormText(f"预算年度：{year}"))
    return blocks


TWO_YEARS = {
    ("row", "xlsx"): ("绩效目标表!A4", "绩效目标表!A14"),
    ("row", "docx"): ("表1 第2行第1列", "表4 第2行第1列"),
    ("row", "html"): ("表1 第2行第1格", "表4 第2行第1格"),
    ("row", "txt"): ("第4行第1格", "第11行第1格"),
    ("line", "xlsx"): ("绩效目标表!A2", "绩效目标表!A12"),
    ("line", "docx"): ("第2段", "第5段"),
    ("line", "txt"): ("第2行", "第9行"),
}


@pytest.mark.parametrize("said, suffix", TWO_YEARS)
def test_two_years_said_only_by_their_budget_year(tmp_path: Path, said: str, suffix: str) -> None:
    """Before: imported as one filing of 2026 holding both forms' goals, 2025's overall goal kept."""
    source = write(form_of_year("2025", said) + form_of_year("2026", said), tmp_path / f"两年.{suffix}")
    with pytest.raises(ImportFailure) as error:
        import_new(source, tmp_path, "jyj", year=None)
    first, second = TWO_YEARS[(said, suffix)]
    assert str(error.value) == (f"{source}：原文中有两个年度的绩效目标表，各有自己的目标和指标：2025年度从{first}的预算年度“2025”"
                                f"开始，2026年度从{second}的预算年度“2026”开始。" + SPLIT)
    assert not (tmp_path / "out.yml").exists()


def test_another_budget_year_with_no_goals_after_it_is_listed(tmp_path: Path) -> None:
    """Before: the filing's year became 2026, the last 预算年度 written, and nothing said so."""
    blocks = form_of_year("2025", "row") + [FormText("预算年度：2026")]
    result = import_new(write(blocks, tmp_path / "教育局.txt"), tmp_path, "jyj", year=None)
    assert result.filing["fiscal_year"] == 2025
    assert not_placed(result) == [("预算年度：2026", "原表此处的预算年度为“2026”，与前面的预算年度“2025”不一致；文件中预算年度只有一处，"
                                                "已按前面的录入，这一项未录入，请核对")]


# --- 3. a cell's line break in a copied Word or web table ---------------------------------------------------------

COPIED_HEAD = ["2026年度部门整体绩效目标表", "金额单位：万元", "部门（单位）名称\t某县交通运输局", "年度目标\t" + GOAL, ""]
BASIS_FIRST, BASIS_SECOND = "依据《某县农村公路养护计划》", "及上年完成情况确定"
BROKEN_REMARK = ("各是表格的一行断成了两行：上一行的格数不足，下一行的格数正好补足（表格其余各行格数相同），是格子里的换行"
                 "（Word、网页的表格复制为文字时，格子里的换行不加引号）：各读作一行，断开的一格读作一格，换行照原样保留。")


def copied_word_table(*rows: str) -> str:
    """The form copied from Word as text: a tab between cells, a cell merged down written empty below its first row,
    a blank line between the tables; the indicator table's rows as given."""
    return "\n".join([*COPIED_HEAD, "一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据\t备注", *rows]) + "\n"


def indicator(name: str, value: str, basis: str, **more: Any) -> dict[str, Any]:
    return {"level1": "产出指标", "level2": "数量指标", "name": name, "value": value, "basis": basis, **more}


SATISFACTION = {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%",
                "basis": "满意度调查"}


def run_text(text: str, tmp_path: Path):
    source = tmp_path / "原表.txt"
    source.write_text(text, encoding="utf-8")
    return import_new(source, tmp_path, "jtj")


@pytest.mark.parametrize("after", ["\t", "\t无"])
def test_a_basis_broken_over_two_lines_is_one_cell(tmp_path: Path, after: str) -> None:
    """Before: 及上年完成情况确定 (and 无 under 备注) listed as 未识别的单元格, the basis cut short."""
    result = run_text(copied_word_table(f"产出指标\t数量指标\t养护里程\t≥300公里\t{BASIS_FIRST}",
                                        f"{BASIS_SECOND}{after}",
                                        "\t\t桥梁检测\t40座\t检测计划\t",
                                        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t满意度调查\t"), tmp_path)
    remark = {"remark": "无"} if after == "\t无" else {}
    assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "text": GOAL, "indicators": [
        indicator("养护里程", "≥300公里", f"{BASIS_FIRST}\n{BASIS_SECOND}", **remark),
        indicator("桥梁检测", "40座", "检测计划"), SATISFACTION]}]
    assert not_placed(result) == []
    assert result.remarks == (f"第7–8行{BROKEN_REMARK}",)


def test_a_line_without_a_tab_inside_the_table_is_kept_in_it_and_listed(tmp_path: Path) -> None:
    """The break in the row's last cell: the line is the basis's second part or a row of its own; it is listed, and the
    rows below it are still read under the header (before: the table was cut in two at the line, and 桥梁检测 and
    群众满意度 were listed as 未识别的单元格, lost from the filing)."""
    table = copied_word_table(f"产出指标\t数量指标\t养护里程\t≥300公里\t{BASIS_FIRST}\t", BASIS_SECOND,
                              "\t\t桥梁检测\t40座\t检测计划\t",
                              "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t满意度调查\t")
    result = run_text(table, tmp_path)
    assert result.filing["goals"][0]["indicators"] == [
        indicator("养护里程", "≥300公里", BASIS_FIRST), indicator("桥梁检测", "40座", "检测计划"), SATISFACTION]
    assert not_placed(result) == [(BASIS_SECOND, "指标表中只有这一格的一行（复制的文字中，表格下面或两张表之间只有一格的一行），"
                                                 "写的不是一级、二级指标，也没有三级指标和指标值，不是指标，未录入")]
    assert result.remarks == (f"第8行（“{BASIS_SECOND}”）没有 Tab，夹在格数相同的表格行之间：可能是上一格里换行后的文字，"
                              "也可能是表格中独占一行的内容，无从分辨；没有并入上一格，作为表格中只有一格的一行读取。",)


def test_short_rows_under_cells_merged_down_are_not_joined(tmp_path: Path) -> None:
    """A web table's rows under 产出指标 and 数量指标 merged down (their slots dropped: 6, 4, 4 cells) add up as a broken
    row would if counted alone; they are read as before, each an indicator of its own."""
    result = run_text(copied_word_table("产出指标\t数量指标\t养护里程\t≥300公里\t年度养护计划\t",
                                        "桥梁检测\t40座\t检测计划\t", "路面修补\t100平方米\t上年修补量\t",
                                        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t满意度调查\t"), tmp_path)
    # the short rows only lost their merged slots in the copy: no note (tests/test_import_note_truth.py)
    assert result.filing["goals"][0]["indicators"] == [
        indicator("养护里程", "≥300公里", "年度养护计划"), indicator("桥梁检测", "40座", "检测计划"),
        indicator("路面修补", "100平方米", "上年修补量"), SATISFACTION]
    assert not_placed(result) == [] and result.remarks == ()


# --- 4. a running head or foot of two lines in a PDF -----------------------------------------------------------------

@pytest.mark.parametrize("where", ["页眉", "页脚"])
def test_a_running_head_of_two_lines_is_no_content(tmp_path: Path, where: str) -> None:
    """Before: "2026年部门预算公开" (or "某县财政局" above the page number) was read as a paragraph on each page; as the
    head, it became the filing's title and the form's title was listed as another table's."""
    number = "第 <span class=pageNumber></span> 页 共 <span class=totalPages></span> 页"
    furniture = ({"header": f"<div style=\"{realities.FONT}\">某县财政局<br>2026年部门预算公开</div>"} if where == "页眉" else
                 {"footer": f"<div style=\"{realities.FONT}\">某县财政局<br>{number}</div>"})
    source = realities.with_header_row_repeated(realities.long_form(), tmp_path / "两行页眉.pdf", **furniture)
    result = import_new(source, tmp_path, "jtj")
    lines = ["某县财政局", "2026年部门预算公开"] if where == "页眉" else ["某县财政局"]
    numbers = [] if where == "页眉" else [f"第{n}页页脚“第 {n} 页 共 2 页”是页码，未作为内容读取。" for n in (1, 2)]
    assert realities.other_remarks(result.imported.remarks) == [
        *numbers, *(f"第1、2页{where}“{line}”每页重复（打印的{where}），未作为内容读取。" for line in lines),
        "导入没有读入任何金额，也没有读到金额单位，原表还有未放入文件的内容（见“未放入”）：其中有金额或金额单位时，"
        "请手工录入，并改正编者写作万元的金额单位（money_unit）。"]  # the money_unit note's part for the editor
    assert result.filing["title"] == realities.TITLE
    assert realities.indicators_of(result.filing) == realities.EXPECTED_INDICATORS
    assert [text for text, _ in not_placed(result)] == [realities.SIGNED]


DOTTED = "td { border-style: dotted; }"


@pytest.mark.parametrize("style", [DOTTED, "td { border-style: dotted; border-width: 2px; }"], ids=["1px", "2px"])
def test_a_table_with_dotted_borders_is_found(tmp_path: Path, style: str) -> None:
    """Before: 1px dots, no table ("一级指标 二级指标 三级指标 指标值" a paragraph); 2px dots, an empty row above, between
    and below the rows and an empty column at the right."""
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "养护里程", "≥120公里")
    assert realities.grids(realities.printed([table], tmp_path / "点线.pdf", style)) == [
        [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥120公里"]]]


def test_a_dotted_table_over_two_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty indicators in a dotted table over two pages, its header row printed again on the second: read as one
    (before, no table was found: the indicators were paragraphs)."""
    drawn = realities.form_html
    monkeypatch.setattr(realities, "form_html", lambda blocks: drawn(blocks).replace("</style>", DOTTED + "</style>"))
    source = realities.with_header_row_repeated(realities.long_form(), tmp_path / "点线两页.pdf")
    result = import_new(source, tmp_path, "jtj")
    assert realities.indicators_of(result.filing) == realities.EXPECTED_INDICATORS
    assert [text for text, _ in not_placed(result)] == [realities.SIGNED]
