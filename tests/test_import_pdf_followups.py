"""`gongkai import` of PDFs as departments and finance bureaus publish them (after tests/test_import_pdf_realities).

Each PDF is HTML printed by Chromium (as tests/forms/render prints the forms), pages of two printings put together by
pypdf where a document changes its page's orientation. Each must read as a careful person transcribes the form:

1. A table that goes on from a portrait page onto a landscape page (or back) is one table: the printer centred it on the
   wider page, or scaled it to the page's width (Excel's 缩放), so its columns stand elsewhere. Before, the rows on the
   second page were a table of their own, and a project list's rows there were listed 未放入.
2. A footnote mark in a paragraph ("¹", "（注1）" in smaller type) at the end or start of a line does not cut the paragraph
   in two; a superscript digit is read as the superscript it shows ("120¹公里"), never into the figure ("1201公里"); a
   figure broken over two lines of a narrow cell ("12,345,67" over "8.90") is read whole.
3. A cover's line naming only the budget's level ("广东省省级部门预算") gives way as the title to the document's own
   title line; it is listed, saying why.
4. Amounts a project list's head or a project's form gives in another unit than the form's ("项目资金（万元）" on a form in
   元) are entered in that unit, each project's money_unit, and the report says so. Before, a list's amounts were read in
   the form's unit (560 万元 entered as 560 元), and a form's unit changed without a word.
5. A typed cover over scanned pages: the refusal says the forms are on pages without a text layer and need OCR.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from generator.importing.document import ImportFailure, Paragraph, Table
from generator.importing.readers import read_document
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.render import CHROMIUM, form_html, write_docx
from tests.test_import_tasks import as_written

RADICALS = "PDF 的文字层把部分汉字或标点记作字形相同的部首或符号"
A4_WIDE = 842.0 / 595.0  # a landscape A4 page's text width over a portrait page's, both with 20 mm margins: about


def printed(page_html: str, path: Path, landscape: bool, scale: float = 1.0) -> Path:
    """The page printed on A4 by Chromium, portrait or landscape, `scale` as a printer's 缩放."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(page_html)
        page.pdf(path=str(path), format="A4", landscape=landscape, print_background=True, scale=scale,
                 margin={side: "20mm" for side in ("top", "bottom", "left", "right")})
        browser.close()
    return path


def bound(paths: list[Path], path: Path) -> Path:
    """The pages of the printings one after another, as a bureau puts a document together."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for printing in paths:
        for page in PdfReader(printing).pages:
            writer.add_page(page)
    writer.write(path)
    return path


def styled(blocks: list[FormBlock], style: str = "") -> str:
    return form_html(blocks).replace("</style>", style + "</style>")


def grids(path: Path) -> list:
    """The document as read: a paragraph's text, a table's texts by row."""
    return [block.text if isinstance(block, Paragraph) else [[cell.text for cell in row] for row in block.rows]
            for block in read_document(path).blocks]


def other_remarks(remarks) -> list[str]:
    return [remark for remark in remarks if not remark.startswith(RADICALS)]


# --- 1. a table going on on a page of the other orientation ---------------------------------------------

DEPARTMENT = "某市教育局"
LIST_TITLE = "某市教育局2026年项目支出绩效目标表"
LIST_HEAD = ("项目名称", "预算单位", "项目金额", "资金用途")


def project_list(numbers: range, head: bool = True) -> FormTable:
    table = FormTable()
    if head:
        table.add(*LIST_HEAD)
    for n in numbers:
        table.add(f"学生资助经费{n}", "某市教育局本级", f"{n}.00", "学生资助")
    return table


# Columns of fixed widths, the table centred on the page (Excel's 水平居中): on a wider page it moves right.
CENTRED = ("table { table-layout: fixed; width: 460pt; margin-left: auto; margin-right: auto; }"
           "td:nth-child(1) { width: 160pt; } td:nth-child(2) { width: 140pt; } td:nth-child(3) { width: 70pt; }")


@pytest.mark.parametrize(("first_wide", "scaled", "head_again"), [
    (False, False, False), (True, False, False), (False, True, False), (False, False, True)],
    ids=["portrait-then-landscape", "landscape-then-portrait", "scaled-to-the-wider-page", "header-printed-again"])
def test_a_table_going_on_on_a_page_of_the_other_orientation_is_one_table(
        tmp_path: Path, first_wide: bool, scaled: bool, head_again: bool) -> None:
    """Before: "第2页 表1" was a table of its own, and its rows (no header over them) were listed 未放入 one cell after
    another: the landscape page centres the table further right, or the printer scaled it to the page's width."""
    style = CENTRED
    first = printed(styled([FormText(LIST_TITLE), FormText(f"部门名称：{DEPARTMENT}"), FormText("单位：万元"),
                            project_list(range(1, 6))], style), tmp_path / "1.pdf", landscape=first_wide)
    second = printed(styled([project_list(range(6, 9), head=head_again)], style), tmp_path / "2.pdf",
                     landscape=not first_wide, scale=A4_WIDE if scaled else 1.0)
    source = bound([first, second], tmp_path / "横竖.pdf")
    tables = [block for block in read_document(source).blocks if isinstance(block, Table)]
    assert len(tables) == 1
    assert [[cell.text for cell in row] for row in tables[0].rows] == [list(LIST_HEAD)] + [
        [f"学生资助经费{n}", "某市教育局本级", f"{n}.00", "学生资助"] for n in range(1, 9)]
    assert tables[0].rows[-1][2].location == f"第2页 表1 第{3 + head_again}行第3列"
    result = import_new(source, tmp_path, "jyj")
    assert as_written(result.filing["projects"]) == [
        {"id": f"p{n}", "name": f"学生资助经费{n}", "budget_unit": "某市教育局本级", "budget": {"total": f"{n}.00"},
         "purpose": "学生资助"} for n in range(1, 9)]
    assert not_placed(result) == []


def test_a_table_of_other_columns_on_the_landscape_page_stays_a_table_of_its_own(tmp_path: Path) -> None:
    """Guard: the page's table lined up by its outer edges must still have the columns of the table before it."""
    first = printed(styled([FormText(LIST_TITLE), project_list(range(1, 3))], CENTRED), tmp_path / "1.pdf", False)
    other = FormTable()
    other.add("一级指标", "二级指标", "三级指标", "指标值", "备注")
    other.add("产出指标", "数量指标", "资助人数", "≥1200人", "")
    second = printed(form_html([other]), tmp_path / "2.pdf", True)
    tables = [block for block in read_document(bound([first, second], tmp_path / "两表.pdf")).blocks
              if isinstance(block, Table)]
    assert [(table.location, len(table.rows)) for table in tables] == [("第1页 表1", 3), ("第2页 表1", 2)]


@pytest.mark.parametrize("width", ["1.5pt", "2.25pt"])
def test_thick_borders_make_no_empty_rows_or_columns(tmp_path: Path, width: str) -> None:
    """A form's heavy outer frame (粗外框) and the heavy line under its header, drawn as filled rectangles: before, the
    two edges of each made an empty row or column on every side of the table and under the header, and counted in
    every location."""
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "养护里程", "≥120公里")
    table.add("", "质量指标", "优良路率", "≥80%")
    table.merge_down(0, 1, 2)
    heavy = f"table {{ border: 2.25pt solid #000; }} tr:first-child td {{ border-bottom-width: {width}; }}"
    tables = [block for block in read_document(printed(styled([table], heavy), tmp_path / "粗框.pdf", True)).blocks
              if isinstance(block, Table)]
    assert [[cell.text for cell in row] for row in tables[0].rows] == [
        ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥120公里"],
        ["", "质量指标", "优良路率", "≥80%"]]
    assert tables[0].rows[2][0].merged_from == "第1页 表1 第2行第1列"
    assert tables[0].rows[2][3].location == "第1页 表1 第3行第4列"


# --- 2. footnote marks, superscripts, a figure broken in a cell ----------------------------------------

def footnoted(k: int, shown: bool) -> str:
    """A paragraph whose marks stand k characters further on: as printed (`shown`), or as read."""
    sup = "<sup>1</sup>" if shown else "¹"
    small = "<span style='font-size:6pt'>（注1）</span>" if shown else "（注1）"
    return f"{k:02d}" + "农" * k + f"县道养护一百二十公里{sup}，乡道养护一百八十公里{small}，" + "路" * (40 - k) + "全年完成危桥改造五座。"


def test_a_footnote_mark_in_smaller_type_does_not_cut_a_paragraph(tmp_path: Path) -> None:
    """The same paragraph forty times, its marks one character further on each time, so that one ends a line or opens
    the next somewhere. Before, a line ending in "（注" (or opening with "1），") was compared with the next by those
    small characters: the paragraph was cut in two there."""
    page_html = form_html([]).replace("</body>", "".join(f"<p>{footnoted(k, True)}</p>" for k in range(40)) + "</body>")
    source = printed(page_html, tmp_path / "脚注.pdf", landscape=False)
    document = read_document(source)
    assert [block.text for block in document.blocks] == [footnoted(k, False) for k in range(40)]
    assert other_remarks(document.remarks)[0] == (
        "第1页有字号较小、高出本行的上标数字（¹，多为注释标记或平方米等单位），已按上标读入，没有并入前面的数字；请对照原表核对。")


def test_a_superscript_digit_is_not_read_into_the_figure(tmp_path: Path) -> None:
    """Before: "≥1201公里" (the mark read as a fourth digit), "1201公里" in the goal. A number in small type in a cell
    of its own (set apart from the text beside it) is no superscript: it stays as typed."""
    goal = FormTable()
    goal.add("部门（单位）名称", "某县交通运输局")
    goal.add("年度总体目标", "完成农村公路养护120<sup>1</sup>公里，新建停车场800m<sup>2</sup>。")
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值", "分值")
    table.add("产出指标", "数量指标", "养护里程", "≥120<sup>1</sup>公里", "<small>20</small>")
    page_html = form_html([FormText("2026年度部门整体支出绩效目标表"), goal, table])
    page_html = page_html.replace("&lt;", "<").replace("&gt;", ">").replace(
        "<small>", "<span style='font-size:6pt;vertical-align:top'>").replace("</small>", "</span>")
    source = printed(page_html, tmp_path / "上标.pdf", landscape=True)
    assert grids(source)[1:] == [
        [["部门（单位）名称", "某县交通运输局"], ["年度总体目标", "完成农村公路养护120¹公里，新建停车场800m²。"]],
        [["一级指标", "二级指标", "三级指标", "指标值", "分值"], ["产出指标", "数量指标", "养护里程", "≥120¹公里", "20"]]]
    result = import_new(source, tmp_path, "jtj")
    assert result.filing["overall_goal"] == "完成农村公路养护120¹公里，新建停车场800m²。"
    assert result.filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥120¹公里", "weight": "20"}]


def test_a_figure_broken_over_two_lines_of_a_narrow_cell_is_read_whole(tmp_path: Path) -> None:
    """Before: "12,345,67 8.90" (a space where the line broke, as between two words), no amount: listed 未放入. Two
    numbers set over each other ("2025" over "2026") keep the space: nothing shows they are one figure."""
    table = FormTable()
    table.add(*LIST_HEAD)
    table.add("学生资助经费", "某市教育局本级", "12,345,678.90", "2025 2026")
    table.add("校舍维修经费", "某市教育局本级", "1,234.56", "校舍维修")
    narrow = ("table { width: auto; } td { width: 120pt; } td:nth-child(3), td:nth-child(4) { width: 34pt; }"
              "td:nth-child(3) { word-break: break-all; text-align: right; }")
    source = printed(styled([FormText(LIST_TITLE), FormText(f"部门名称：{DEPARTMENT}"), FormText("金额单位：元"), table],
                            narrow), tmp_path / "折行金额.pdf", landscape=False)
    assert grids(source)[3] == [list(LIST_HEAD), ["学生资助经费", "某市教育局本级", "12,345,678.90", "2025 2026"],
                                ["校舍维修经费", "某市教育局本级", "1,234.56", "校舍维修"]]
    result = import_new(source, tmp_path, "jyj")
    assert [(p["name"], p["budget"]["total"]) for p in as_written(result.filing["projects"])] == [
        ("学生资助经费", "12345678.90"), ("校舍维修经费", "1234.56")]
    assert [note["text"] for p in result.filing["projects"] for note in p["notes"]] == [
        "原表写作“12,345,678.90”；编者去掉千分位逗号，录入为 12345678.90。",
        "原表写作“1,234.56”；编者去掉千分位逗号，录入为 1234.56。"]
    assert not_placed(result) == []


# --- 3. a cover's line naming the budget's level ----------------------------------------------------

COVER_TITLE = "2026年部门整体支出绩效目标表"


def covered_form(cover: str | None, title: str | None = COVER_TITLE) -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门（单位）名称", "广东省交通运输厅")
    goal = FormTable()
    goal.add("年度总体目标", "完成全省农村公路养护。")
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "养护里程", "≥120公里")
    lines = [FormText(text) for text in (cover, title) if text]
    return lines + [FormText("金额单位：万元"), identity, goal, table]


SERIES_REASON = ("封面上的“{cover}”说的是预算的级次（哪一级的部门预算），不是本文件的标题；文件名称按原表的“{title}”录入，"
                 "这一行未录入")


@pytest.mark.parametrize("cover", ["广东省省级部门预算", "某市市级部门预算", "2026年县级部门预算"])
@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_a_cover_line_naming_the_budget_level_is_not_the_title(tmp_path: Path, cover: str, suffix: str) -> None:
    """Before: "广东省省级部门预算" was the title, and the form's own title was listed as "另一张表的标题"."""
    blocks = covered_form(cover)
    source = tmp_path / f"封面.{suffix}"
    if suffix == "pdf":
        printed(styled(blocks, "p:nth-of-type(-n+2) { font-size: 16pt; text-align: center; }"), source, False)
    else:
        write_docx(blocks, source)
    result = import_new(source, tmp_path, "jtj")
    assert result.filing["title"] == COVER_TITLE
    assert [text for text, _ in not_placed(result)] == [cover]
    assert not_placed(result)[0][1] == SERIES_REASON.format(cover=cover, title=COVER_TITLE)


def test_a_level_line_alone_stays_the_title(tmp_path: Path) -> None:
    """Guard: with no title line after it, the cover's line is the only title the document has, and is kept."""
    source = printed(form_html(covered_form("广东省省级部门预算", None)), tmp_path / "封面.pdf", False)
    result = import_new(source, tmp_path, "jtj")
    assert result.filing["title"] == "广东省省级部门预算"
    assert not_placed(result) == []


def test_a_title_naming_the_department_is_no_level_line(tmp_path: Path) -> None:
    """Guard: "广东省交通运输厅2026年部门预算" names whose budget it is: the title, and the next title line is listed."""
    source = printed(form_html(covered_form("广东省交通运输厅2026年部门预算")), tmp_path / "标题.pdf", False)
    result = import_new(source, tmp_path, "jtj")
    assert result.filing["title"] == "广东省交通运输厅2026年部门预算"
    assert not_placed(result) == [(COVER_TITLE, "另一张表的标题；文件中文件名称只有一处，已按原表的“广东省交通运输厅2026年部门预算”录入，"
                                                "这一行未录入")]


# --- 4. a project's amounts in another unit than the form's ---------------------------------------------

def unit_remark(names: list[str], unit: str, form_unit: str) -> str:
    return (f"项目{''.join(f'“{name}”' for name in names)}的金额在原表中写明以{unit}计（项目表头或本项目处），与文件的金额"
            f"单位（{form_unit}）不同：金额照原表录入，这些项目的金额单位记为{unit}，请核对。")


@pytest.mark.parametrize("head", ["项目资金（万元）", "项目金额"])
def test_a_project_list_headed_in_another_unit(tmp_path: Path, head: str) -> None:
    """Before: the list's amounts, in 万元 by its head, were entered in the form's 元 (560 万元 as 560 元)."""
    table = FormTable()
    table.add("项目名称", "预算单位", head, "资金用途")
    table.add("学生资助经费", "某市教育局本级", "560.00", "学生资助")
    table.add("校舍维修经费", "某市教育局本级", "120.50", "校舍维修")
    source = printed(form_html([FormText(LIST_TITLE), FormText(f"部门名称：{DEPARTMENT}"), FormText("金额单位：元"),
                                table]), tmp_path / "单位.pdf", landscape=False)
    result = import_new(source, tmp_path, "jyj")
    assert result.filing["money_unit"] == "元"
    in_head = {"money_unit": "万元"} if head.endswith("（万元）") else {}
    assert as_written(result.filing["projects"]) == [
        {"id": "p1", "name": "学生资助经费", "budget_unit": "某市教育局本级", **in_head, "budget": {"total": "560.00"},
         "purpose": "学生资助"},
        {"id": "p2", "name": "校舍维修经费", "budget_unit": "某市教育局本级", **in_head, "budget": {"total": "120.50"},
         "purpose": "校舍维修"}]
    expected = [unit_remark(["学生资助经费", "校舍维修经费"], "万元", "元")] if in_head else []
    assert other_remarks(result.imported.remarks) == expected
    assert not_placed(result) == []


def test_a_project_form_in_another_unit_is_said_in_the_report(tmp_path: Path) -> None:
    """Before: the project's money_unit became 万元 from its "项目资金（万元）" label, and the report said nothing."""
    form = FormTable()
    form.add("项目名称", ("学生资助经费", 3))
    form.add("主管部门", (DEPARTMENT, 3))
    form.add("项目资金（万元）", "年度资金总额", ("560.00", 2))
    form.add("", "其中：财政拨款", ("500.00", 2))
    form.merge_down(0, 2, 3)
    form.add("年度目标", ("资助学生1200人。", 3))
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "资助人数", "≥1200人")
    source = printed(form_html([FormText("2026年项目支出绩效目标表"), FormText("金额单位：元"), form, table]),
                     tmp_path / "项目单位.pdf", landscape=False)
    result = import_new(source, tmp_path, "jyj")
    project = as_written(result.filing["projects"])[0]
    assert (project["money_unit"], project["budget"]) == ("万元", {"annual": {"total": "560.00", "fiscal": "500.00"}})
    assert other_remarks(result.imported.remarks) == [unit_remark(["学生资助经费"], "万元", "元")]


# --- 5. a typed cover over scanned pages ------------------------------------------------------------

def test_a_typed_cover_over_scanned_pages_is_refused_saying_so(tmp_path: Path) -> None:
    """Before: "没有找到绩效目标表……请确认文件是部门或项目的绩效目标表", as if the file held no form: the forms are on
    the scanned pages, which need OCR."""
    from PIL import Image, ImageDraw

    scan = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(scan).rectangle((100, 300, 1100, 900), outline="black", width=4)
    scan.save(tmp_path / "扫描.pdf")
    cover = printed(f"<!doctype html><meta charset=utf-8><body><p style='font-size:20pt'>{html.escape(LIST_TITLE)}</p>",
                    tmp_path / "封面.pdf", landscape=False)
    source = bound([cover, tmp_path / "扫描.pdf", tmp_path / "扫描.pdf"], tmp_path / "封面加扫描.pdf")
    with pytest.raises(ImportFailure) as failure:
        import_new(source, tmp_path, "jyj")
    assert str(failure.value) == (
        f"{source}：没有找到绩效目标表（表头含“一级指标”“二级指标”“三级指标”“指标值”的表）、资金表或项目表，未写入任何文件。"
        "PDF 的第2、3页没有文字层（可能是扫描件或图片），表格多半在这些页上：请先用文字识别（OCR）软件把它转成带文字的 PDF "
        "或 Word 文档，再导入。")
    assert not (tmp_path / "out.yml").exists()
