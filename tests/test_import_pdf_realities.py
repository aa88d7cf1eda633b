"""`gongkai import` of PDFs as government portals publish them: what the printer did besides the form.

Each PDF is drawn here (HTML printed by Chromium, as tests/forms/render prints the forms; pypdf turns a page or takes
the fonts' ToUnicode maps out) and must read as the form shows, or be refused or reported, never garbled:

1. 分散对齐: Word spreads a short cell's characters over its width ("项　目　名　称", "农 村 公 路"); pdfplumber gives a
   space for every gap. A gap the text layer has no space in is no text: headers are recognised, values read
   "农村公路", a real space between Latin words or numbers stays ("G107 Road Works 2026", "≥ 95 %").
2. Text wrapped over two or three lines of a cell joins without a space between Chinese characters and with one
   between Latin words.
3. A landscape page (a landscape media box, or a portrait page turned by /Rotate 90) reads as shown; a table over two
   pages with its header row repeated on the second page is one table, the header once.
4. Page furniture: a running header with the document's title, "第 1 页 共 2 页" at the foot, a slanted watermark
   ("仅供参考") drawn as text over the table: none of it becomes a cell, a goal or a paragraph; each is said in the
   remarks. (Before, the watermark's characters were read into the cells they fell on, the header joined the title,
   and the page number cut the table in two.) A centred title is not joined to the next line either.
5. Cell borders drawn as filled thin rectangles (Chromium's way), or mixed with dashed borders drawn as paths: the
   table is found.
6. Text whose fonts have no ToUnicode map reads as "(cid:19)…": the file is refused (文字无法提取, 乱码).
7. Two small tables side by side, their tops level (the 收入 and the 支出 box) read as one funds table, the left
   box's columns first (before, "财政拨款 | 100.00" alone was read as a project's budget); the signature line under
   a table ("单位负责人：… 填报人：… 联系电话：…") gives the contact, and the person in charge is listed 未放入, as in
   every format.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from generator.importing.document import ImportFailure, Paragraph, Table
from generator.importing.readers import read_document
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.render import CHROMIUM, _html_table, form_html
from tests.test_import_tasks import as_written

RADICALS = "PDF 的文字层把部分汉字或标点记作字形相同的部首或符号"
SIGNATURE = "单位负责人：王五　　填报人：张三　　联系电话：13812345678"
SIGNED = SIGNATURE.replace("\u3000", "\u2003")  # Chromium names the full-width space an em space in the text layer
TITLE = "某县交通运输局2026年度部门整体支出绩效目标表"


def printed(blocks: list[FormBlock], path: Path, style: str = "", **furniture: str) -> Path:
    """The form as HTML with `style` added, printed as `printed_html` prints."""
    return printed_html(form_html(blocks).replace("</style>", style + "</style>"), path, **furniture)


def printed_html(page_html: str, path: Path, header: str | None = None, footer: str | None = None,
                 before: str = "") -> Path:
    """The page (`before` put first in its body) printed on landscape A4 by Chromium, with the running header and
    footer when given (Chromium's templates: `pageNumber`, `totalPages`)."""
    from playwright.sync_api import sync_playwright

    furniture = {}
    if header or footer:
        furniture = {"display_header_footer": True, "header_template": header or "<span></span>",
                     "footer_template": footer or "<span></span>"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(page_html.replace("<body>", "<body>" + before))
        page.pdf(path=str(path), format="A4", landscape=True, print_background=True,
                 margin={side: "20mm" for side in ("top", "bottom", "left", "right")}, **furniture)
        browser.close()
    return path


def grids(path: Path) -> list:
    """The document as read: a paragraph's text, a table's texts by row."""
    return [block.text if isinstance(block, Paragraph) else [[cell.text for cell in row] for row in block.rows]
            for block in read_document(path).blocks]


def tables_of(path: Path) -> list[Table]:
    return [block for block in read_document(path).blocks if isinstance(block, Table)]


def other_remarks(remarks) -> list[str]:
    return [remark for remark in remarks if not remark.startswith(RADICALS)]


def indicators_of(filing: dict) -> list[dict]:
    return [indicator for goal in filing["goals"] for indicator in goal["indicators"]]


# --- 1. letter-spaced cells (分散对齐) ------------------------------------------------------------

def spread_form() -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    identity.add("项目名称", "农村公路")
    goal = FormTable()
    goal.add("年度总体目标", "完成农村公路养护G107 Road Works 2026")
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值", "备注")
    table.add("产出指标", "数量指标", "养护里程", "≥120公里", "农村公路")
    table.add("", "质量指标", "路面完好率", "≥ 95 %", "G107 国道")
    table.merge_down(0, 1, 2)
    return [FormText("2026年度部门整体支出绩效目标表"), identity, goal, table]


DISTRIBUTED = "td { text-align: justify; text-align-last: justify; }"  # every line spread over the cell's width


def test_letter_spaced_cells_read_as_the_form_shows(tmp_path: Path) -> None:
    """Before: "部 门 （ 单 位 ） 名 称", "农 村 公 路", "≥  95  %" (a gap beside the widened space read as a second
    space). The gaps the printer spread are no text; the spaces the text layer has stay."""
    source = printed(spread_form(), tmp_path / "分散对齐.pdf", DISTRIBUTED)
    assert grids(source) == [
        "2026年度部门整体支出绩效目标表",
        [["部门（单位）名称", "某县交通运输局"], ["项目名称", "农村公路"]],
        [["年度总体目标", "完成农村公路养护G107 Road Works 2026"]],
        [["一级指标", "二级指标", "三级指标", "指标值", "备注"],
         ["产出指标", "数量指标", "养护里程", "≥120公里", "农村公路"],
         ["", "质量指标", "路面完好率", "≥ 95 %", "G107 国道"]]]
    result = import_new(source, tmp_path, "jtj")
    assert result.filing["department"]["name"] == "某县交通运输局"
    project = result.filing["projects"][0]
    assert (project["name"], project["goals"][0]["text"]) == ("农村公路", "完成农村公路养护G107 Road Works 2026")
    assert project["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥120公里", "remark": "农村公路"},
        {"level1": "产出指标", "level2": "质量指标", "name": "路面完好率", "value": "≥ 95 %", "remark": "G107 国道"}]
    assert not_placed(result) == []


def test_a_gap_in_ordinary_text_stays_a_space(tmp_path: Path) -> None:
    """Only a spread line loses its gaps: words set apart in a cell (a wide gap between "张三" and "李四", no space in
    the text layer) keep the space pdfplumber gives, and typed spaces stay as typed."""
    table = FormTable()
    table.add("参与人员", "张三<gap>李四")
    table.add("项 目 名 称", "乡村 道路")
    source = tmp_path / "间隔.pdf"
    page_html = form_html([table]).replace("&lt;gap&gt;", "<span style='margin-left:30pt'></span>")
    printed_html(page_html, source)
    assert grids(source) == [[["参与人员", "张三 李四"], ["项 目 名 称", "乡村 道路"]]]


# --- 2. text wrapped inside a cell ---------------------------------------------------------------

def test_text_wrapped_over_lines_of_a_cell_joins(tmp_path: Path) -> None:
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "农村公路养护项目", "Road Works Project 2026")
    narrow = "td:nth-child(3), td:nth-child(4) { width: 40pt; } td { width: 120pt; } table { width: auto; }"
    source = printed([table], tmp_path / "折行.pdf", narrow)
    assert grids(source) == [[["一级指标", "二级指标", "三级指标", "指标值"],
                              ["产出指标", "数量指标", "农村公路养护项目", "Road Works Project 2026"]]]


# --- 3. landscape pages, a table over two pages ------------------------------------------------------

def long_form() -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    goal = FormTable()
    goal.add("年度总体目标", "完成农村公路养护。")
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    for n in range(1, 41):
        table.add("产出指标", "数量指标", f"养护路段{n}", f"≥{n}公里")
    return [FormText(TITLE), identity, goal, table, FormText(SIGNATURE)]


EXPECTED_INDICATORS = [{"level1": "产出指标", "level2": "数量指标", "name": f"养护路段{n}", "value": f"≥{n}公里"}
                       for n in range(1, 41)]


def with_header_row_repeated(blocks: list[FormBlock], path: Path, **furniture: str) -> Path:
    """The last table's first row in <thead>: Chromium prints it again at the top of every page."""
    page_html = form_html(blocks)
    last = page_html.rindex("<table>")
    head_end = page_html.index("</tr>", last) + len("</tr>")
    page_html = (page_html[:last] + "<table><thead>" + page_html[last + len("<table>"):head_end] + "</thead>"
                 + page_html[head_end:])
    return printed_html(page_html, path, **furniture)


def turned(source: Path, path: Path) -> Path:
    """Each landscape page drawn on a portrait page turned by /Rotate 90, as some printers write landscape."""
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(90).translate(height, 0))
        page.mediabox.upper_right = (height, width)
        page.rotation = 90
    writer.write(path)
    return path


@pytest.mark.parametrize("turn", [False, True], ids=["landscape-media-box", "rotate-90"])
def test_landscape_table_over_two_pages_with_its_header_repeated(tmp_path: Path, turn: bool) -> None:
    source = with_header_row_repeated(long_form(), tmp_path / "横向.pdf")
    if turn:
        source = turned(source, tmp_path / "旋转.pdf")
    tables = tables_of(source)
    assert len(tables) == 3
    assert tables[2].location == "第1页 表3"
    assert [[cell.text for cell in row] for row in tables[2].rows] == [
        ["一级指标", "二级指标", "三级指标", "指标值"]] + [list(i.values()) for i in EXPECTED_INDICATORS]
    assert tables[2].rows[-1][3].location == "第2页 表1 第20行第4列"  # the second page's header row counted
    result = import_new(source, tmp_path, "jtj")
    assert indicators_of(result.filing) == EXPECTED_INDICATORS
    assert result.filing["contact"] == {"filer": "张三", "phone": "13812345678"}
    assert not_placed(result) == [(SIGNED, "此行有3项，其余各项已录入；“单位负责人：王五”：原表“单位负责人”是个人的姓名"
                                              "或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）")]


# --- 4. running header, page numbers, a watermark ---------------------------------------------------

FONT = "font-family:'Noto Sans CJK SC';font-size:8pt;width:100%;text-align:center"
RUNNING_HEADER = f"<div style=\"{FONT}\">{TITLE}</div>"
PAGE_FOOTER = f"<div style=\"{FONT}\">第 <span class=pageNumber></span> 页 共 <span class=totalPages></span> 页</div>"
DASH_FOOTER = f"<div style=\"{FONT}\">- <span class=pageNumber></span> -</div>"
WATERMARK = ("<div style='position:fixed;top:40%;left:25%;transform:rotate(-30deg);font-size:60pt;"
             "color:rgba(0,0,0,0.15)'>仅供参考</div>")


@pytest.mark.parametrize(("footer", "numbers"), [
    (PAGE_FOOTER, ["第 1 页 共 2 页", "第 2 页 共 2 页"]), (DASH_FOOTER, ["- 1 -", "- 2 -"])], ids=["第页共页", "dashes"])
def test_page_furniture_is_no_content(tmp_path: Path, footer: str, numbers: list[str]) -> None:
    """Before: the watermark's characters were read into the cells under them ("仅供参数量指标"), the running header
    was joined to the title and to the signature line, and the page number cut the table in two."""
    source = with_header_row_repeated(long_form(), tmp_path / "页眉页脚.pdf", header=RUNNING_HEADER, footer=footer,
                                      before=WATERMARK)
    document = read_document(source)
    assert other_remarks(document.remarks) == [
        f"第1页页脚“{numbers[0]}”是页码，未作为内容读取。", f"第2页页脚“{numbers[1]}”是页码，未作为内容读取。",
        f"第1、2页页眉“{TITLE}”每页重复（打印的页眉），未作为内容读取。",
        "第1、2页有斜排的水印文字“仅供参考”，不是原表的内容，未读入。"]
    assert [block.text for block in document.blocks if isinstance(block, Paragraph)] == [TITLE, SIGNED]
    result = import_new(source, tmp_path, "jtj")
    assert indicators_of(result.filing) == EXPECTED_INDICATORS
    assert result.filing["title"] == TITLE
    assert [remark for remark in other_remarks(result.imported.remarks)] == other_remarks(document.remarks) + [
        "导入没有读入任何金额，也没有读到金额单位，原表还有未放入文件的内容（见“未放入”）：其中有金额或金额单位时，"
        "请手工录入，并改正编者写作万元的金额单位（money_unit）。"]  # the money_unit note's part for the editor
    assert len(not_placed(result)) == 1 and not_placed(result)[0][0] == SIGNED


def test_a_centred_title_is_not_joined_to_the_next_line(tmp_path: Path) -> None:
    """A line reaches the right margin when it reaches the left margin of the text mirrored, not its own start
    mirrored: before, a centred title (or running header) was read as wrapped and joined to the next line."""
    table = FormTable()
    table.add("部门（单位）名称", "某县交通运输局")
    source = printed([FormText(TITLE), FormText("金额单位：万元"), table], tmp_path / "居中.pdf",
                     "p:first-of-type { text-align: center; font-size: 14pt; }")
    assert grids(source) == [TITLE, "金额单位：万元", [["部门（单位）名称", "某县交通运输局"]]]


# --- 5. borders drawn as rectangles, or mixed with paths -------------------------------------------

@pytest.mark.parametrize("style", ["", "td { border-left-style: dashed; }",
                                   "td { border-style: double; border-width: 3px; }"],
                         ids=["filled-rects", "rects-and-dashed-paths", "double-rects"])
def test_tables_drawn_with_rectangles_or_a_mix_are_found(tmp_path: Path, style: str) -> None:
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "养护里程", "≥120公里")
    assert grids(printed([table], tmp_path / "边框.pdf", style)) == [
        [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥120公里"]]]


# --- 6. text that cannot be extracted ---------------------------------------------------------------

def test_text_without_a_unicode_map_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(printed(spread_form(), tmp_path / "原.pdf")))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop(NameObject("/ToUnicode"), None)
    source = tmp_path / "乱码.pdf"
    writer.write(source)
    with pytest.raises(ImportFailure) as failure:
        import_new(source, tmp_path, "jtj")
    message = str(failure.value)
    assert message.startswith(f"{source}：PDF 的文字无法提取（第1页共 ")
    assert "个字符，读出来是乱码，如“(cid:" in message
    assert message.endswith("）：PDF 中的字体没有记下字形对应的文字，照读会把乱码当作内容，未读入。请改用原表的 Word、Excel "
                            "文件或网页上的文字版导入；只有这份 PDF 时，请手工录入，或先做文字识别（OCR）并逐格核对。")
    assert not (tmp_path / "out.yml").exists()


GOAL_TEXT = "年度目标：完成全县农村公路日常养护三百公里，优良路率达到百分之八十以上，群众满意度达到百分之九十。"


def test_a_few_glyphs_without_a_name_among_readable_text_are_left_out_and_said(tmp_path: Path) -> None:
    """Two tick boxes in a font the text layer cannot name ("(cid:0)") beside readable text: the document is read,
    the two left out and said (the whole file was refused for them). A text nearly all "(cid:…)" is still refused
    (test_text_without_a_unicode_map_is_refused)."""
    source = printed_html("<html><head><meta charset='utf-8'></head><body><p>项目属性：\uf0fe新增项目 \uf0a8延续项目</p>"
                          f"<p>{GOAL_TEXT}</p></body></html>", tmp_path / "勾选.pdf")
    read = read_document(source)
    assert [block.text for block in read.blocks] == ["项目属性： 新增项目 延续项目", GOAL_TEXT]  # a gap where each box was
    assert other_remarks(read.remarks) == ["第1页有 2 个字符无法提取（字体没有记下它画的是什么，多为勾选框“☑”“□”等符号），"
                                           "没有读入；请对照原表核对，需要时手工录入。"]


def test_symbol_fonts_name_their_tick_boxes() -> None:
    """A PDF's text layer gives a Wingdings glyph's private-use code; Word its font and code: one table names both."""
    from generator.importing.symbols import symbol_text
    assert [symbol_text("ABCDEF+Wingdings-Regular", 0xF0FE), symbol_text("Wingdings 2", 0xF052),
            symbol_text("BCDEFG+Wingdings2", 0xF0A3), symbol_text("Wingdings", 0xA8)] == ["☑", "☑", "□", "□"]
    assert symbol_text("Symbol", 0xF0B7) is None


# --- 7. tables side by side, the signature line -------------------------------------------------------

def test_two_tables_side_by_side_and_the_signature_line(tmp_path: Path) -> None:
    income = FormTable()
    income.add("收入", "金额")
    income.add("财政拨款", "100.00")
    expenditure = FormTable()
    expenditure.add("支出", "金额")
    expenditure.add("基本支出", "60.00")
    expenditure.add("项目支出", "40.00")
    boxes = ("<table style='border:none'><tr><td style='border:none;vertical-align:top'>" + _html_table(income)
             + "</td><td style='border:none;width:5%'></td><td style='border:none;vertical-align:top'>"
             + _html_table(expenditure) + "</td></tr></table>")
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "养护里程", "≥120公里")
    source = printed([identity, indicators, FormText(SIGNATURE)], tmp_path / "并排.pdf",
                     before=f"<p>{html.escape(TITLE)}</p><p>金额单位：万元</p>" + boxes)
    assert grids(source)[:3] == [TITLE, "金额单位：万元", [["收入", "金额", "支出", "金额"],
                                                         ["财政拨款", "100.00", "基本支出", "60.00"],
                                                         ["", "", "项目支出", "40.00"]]]
    result = import_new(source, tmp_path, "jtj")
    assert [(table.location, table.kind) for table in result.imported.tables][0] == ("第1页 表1、表2", "资金表")
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "100.00"}]},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "60.00"}, {"name": "项目支出", "amount": "40.00"}]}}
    assert "projects" not in result.filing  # before, "财政拨款 | 100.00" read alone made a project's budget
    assert result.filing["contact"] == {"filer": "张三", "phone": "13812345678"}
    assert indicators_of(result.filing) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥120公里"}]
    assert not_placed(result) == [(SIGNED, "此行有3项，其余各项已录入；“单位负责人：王五”：原表“单位负责人”是个人的姓名或联系方式，"
                                           "文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）")]
