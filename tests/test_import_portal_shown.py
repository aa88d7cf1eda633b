"""`gongkai import` of saved portal pages: what a browser shows, against what the markup holds.

1. Struck-through text (<del>, <s>, <strike>, text-decoration:line-through, on the element or by a rule of the
   page's sheet) is a correction left for the reader to see: the figure in force is the one not struck (before:
   "<del>120.00</del> 135.00" was read as "120.00 135.00", not a number, and the budget lost; "≥1000人≥1200人" a
   value). The struck text is listed 未放入, saying it was struck through; a struck cell keeps its place.
2. Text kept from the eye other ways copy protection uses (white text on the white page, color:transparent,
   font-size:0, opacity:0, moved off the page, clipped to nothing) is listed, not read (before: 1720.50 for 120.50);
   a cell so hidden keeps its place (only display:none takes it out of the row). Only the certain cases: white text
   on a coloured head, a size set back inside, a whole article faded in by its script, and white text on a page
   whose linked style sheet is missing are read.
3. A "单个文件网页" (.mht) keeps the style sheet the page links to as a part of its own: its rules apply.
4. A title a <br> breaks over two lines is one title (before: the import was refused for want of a department);
   a form a CMS cut into two <table>s inside a merged 一级指标 cell reads on as one table (before: the rows of the
   second table were all listed 未放入); a superscript digit is read as the superscript it shows ("¹"), never joined
   to the number beside it ("120.501").
5. Guards: a Word table pasted into the article (mso- styles, <o:p>, <font>, a stamp's picture, an attachment link).
"""

from __future__ import annotations

import quopri
from pathlib import Path

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, import_page
from tests.test_import_portal_hidden import project_form

HEADLINE = "某县民政局2026年预算绩效目标公开"
PUBLISHED = "发布时间：2026-01-05 来源：某县民政局"
TITLE = "某县民政局2026年项目支出绩效目标表"
GOAL = "按时足额发放低保金。"
INDICATORS = [("产出指标", "数量指标", "保障人数", "≥1200人"), ("产出指标", "质量指标", "发放准确率", "100%")]
STRUCK = "网页中加了删除线（{}）的文字：浏览器显示为划去的内容，是改正前或删去的文字，没有读入；读入的是没有划去的文字，请对照网页核对"


def page(article: str, style: str = "", head: str = "") -> str:
    """A portal's article page: its style sheet, a menu, the headline and publishing line, the article."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE}</title>{head}
<style type="text/css">{style}</style></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
<h1>{HEADLINE}</h1><div class="info">{PUBLISHED}</div>
<div class="article">{article}</div></body></html>"""


def rows(first: str = "≥1200人", second: str = "100%", level2: str = "质量指标", name: str = "发放准确率") -> str:
    return f"""<tr><td>产出指标</td><td>数量指标</td><td>保障人数</td><td>{first}</td></tr>
<tr><td>产出指标</td><td>{level2}</td><td>{name}</td><td>{second}</td></tr>"""


def imported(html_text: str, tmp_path: Path, name: str) -> ImportResult:
    return import_page(html_text, tmp_path, name, "mzj")


def read(result: ImportResult) -> tuple:
    project = result.filing["projects"][0]
    goal = project["goals"][0]
    return (result.filing["title"], project["name"], str((project.get("budget") or {}).get("total")), goal["text"],
            [(i["level1"], i.get("level2"), i["name"], i["value"]) for i in goal["indicators"]])


def listed(result: ImportResult) -> list[tuple[str, str, str]]:
    """What is listed 未放入 besides the headline and the publishing line: location, text, reason."""
    return [(location, text, why) for location, text, why in result.imported.not_placed
            if text not in (HEADLINE, PUBLISHED)]


# --- 1. struck through ---------------------------------------------------------------------------------------------

def test_struck_through_text_is_a_correction_not_read(tmp_path):
    """Before: the budget "120.00 135.00" was no number (lost), the values "≥1000人≥1200人" and "95%100%"."""
    indicator_rows = rows("<strike>≥1000人</strike>≥1200人", '<span style="text-decoration: line-through">95%</span>100%')
    article = project_form("<del>120.00</del> 135.00", "按时足额发放<s>城乡</s>低保金。", indicator_rows)
    result = imported(page(article), tmp_path, "struck")
    assert read(result) == (TITLE, "城市低保资金", "135.00", GOAL, INDICATORS)
    assert listed(result) == [("表1 第1行第4格（删除线）", "120.00", STRUCK.format("<del>")),
                              ("表1 第2行第2格（删除线）", "城乡", STRUCK.format("<s>")),
                              ("表1 第4行第4格（删除线）", "≥1000人", STRUCK.format("<strike>")),
                              ("表1 第5行第4格（删除线）", "95%", STRUCK.format("text-decoration:line-through"))]
    assert any(remark.startswith("网页中有加了删除线的文字（“120.00”、“城乡”、“≥1000人”等）") for remark in result.remarks)


def test_a_struck_row_of_cells_by_the_style_sheet_keeps_its_place(tmp_path):
    """An indicator struck out cell by cell through a class of the page's sheet: the row is not read and the rows
    under it are (before: the struck indicator was read as current)."""
    struck = '<tr><td class="sc">产出指标</td><td class="sc">数量指标</td><td class="sc">特困人数</td><td class="sc">≥80人</td></tr>'
    table = rows().replace("</tr>\n", "</tr>\n" + struck + "\n", 1)
    result = imported(page(project_form("120.50", GOAL, table), ".sc{text-decoration:line-through}"), tmp_path, "sheet")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    way = STRUCK.format("text-decoration:line-through")
    assert listed(result) == [(f"表1 第5行第{n}格（删除线格）", text, way)
                              for n, text in enumerate(("产出指标", "数量指标", "特困人数", "≥80人"), 1)]


# --- 2. kept from the eye ------------------------------------------------------------------------------------------

def hidden_reason(way: str) -> str:
    return (f"网页中设为隐藏（{way}）的文字，夹在显示的文字中间（浏览器不显示也不打印；有的网站在数字中插入隐藏的干扰字符防复制，"
            "也可能是不公开的内容），没有读入：读入的是浏览器显示的文字，请对照网页核对")


def test_text_kept_from_the_eye_is_not_read(tmp_path):
    """Copy protection's junk digits in white, at size 0, transparent, off the page, clipped away: before, read as
    digits of the figures (1720.50, ≥12300人, 1090%)."""
    style = ".w{color:#FFFFFF} .sr{position:absolute;clip:rect(0 0 0 0)}"
    indicator_rows = rows('≥12<span style="position:absolute;left:-9999px">3</span>00人',
                          '10<span style="opacity:0">9</span>0%', name="发放<b style='color:transparent'>密</b>准确率")
    article = project_form('1<font color="#ffffff">7</font>2<span class="w">1</span>0.50',
                           f"{GOAL}<span style='font-size:0'>秘</span>", indicator_rows.replace(
                               "保障人数", '保障<i class="sr">9</i>人数'))
    result = imported(page(article, style), tmp_path, "unseen")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == [
        ("表1 第1行第4格（隐藏文字）", "7", hidden_reason("白底白字 color:#ffffff")),
        ("表1 第1行第4格（隐藏文字）", "1", hidden_reason("白底白字 color:#ffffff")),
        ("表1 第2行第2格（隐藏文字）", "秘", hidden_reason("字号为 0 font-size:0")),
        ("表1 第4行第3格（隐藏文字）", "9", hidden_reason("裁剪为零 clip:rect(0 0 0 0)")),
        ("表1 第4行第4格（隐藏文字）", "3", hidden_reason("移到页面之外 position:absolute;left:-9999px")),
        ("表1 第5行第3格（隐藏文字）", "密", hidden_reason("透明文字 color:transparent")),
        ("表1 第5行第4格（隐藏文字）", "9", hidden_reason("完全透明 opacity:0"))]


def test_a_box_of_no_height_is_not_read(tmp_path):
    """A block of no height with its overflow hidden (a "read more" box, a note kept from the page) and a run of no
    width set inline-block inside a figure: before, the note was read and the budget was 1520.50."""
    article = project_form('1<span style="display:inline-block;width:0;overflow:hidden">5</span>20.50', GOAL, rows())
    article += '<div style="height:0;overflow:hidden">内部备注：本表经局党组会议审定。</div>'
    result = imported(page(article), tmp_path, "box")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert [(location, text) for location, text, _ in listed(result)] == [
        ("表1 第1行第4格（隐藏文字）", "5"), ("第6段之后（隐藏）", "内部备注：本表经局党组会议审定。")]
    assert "高度或宽度为 0 且超出部分隐藏 overflow:hidden" in listed(result)[1][2]


def test_a_cell_kept_from_the_eye_keeps_its_place(tmp_path):
    """A browser lays out a cell in white text, struck through or `visibility:hidden` where it stands; only
    display:none takes a cell out of its row. Before: the cells after a visibility:hidden one moved left, 发放准确率
    read as the 二级指标 and 100% as the indicator's name."""
    for way, cell in (("visibility:hidden", '<td style="visibility:hidden">质量指标</td>'),
                      ("白底白字 color:white", '<td style="color:white">质量指标</td>')):
        indicator_rows = rows().replace("<td>质量指标</td>", cell)
        result = imported(page(project_form("120.50", GOAL, indicator_rows)), tmp_path, way.split(":")[-1])
        assert read(result)[4] == [INDICATORS[0], ("产出指标", None, "发放准确率", "100%")]
        assert listed(result)[0][:2] == ("表1 第5行第2格（隐藏格）", "质量指标")
        assert f"设为隐藏（{way}）" in listed(result)[0][2]


def test_white_text_that_shows_is_read(tmp_path):
    """Guard: white text on a coloured head (a class of the sheet, `bgcolor`, a background above it), a size of
    0 set back inside (the inline-block gap trick), a whole article faded in by its script (opacity:0 until it
    has run), and white text on a page whose linked style sheet is not in the file are all read."""
    style = (".hd{background:#4F81BD;color:#fff} .blue{background-color:#1a5fb4} .blue span{color:#ffffff}"
             " .z{font-size:0}")
    indicator_rows = """<tr><td class="hd">产出指标</td><td bgcolor="#336699"><font color="#FFFFFF">数量指标</font></td>
<td class="blue"><span>保障人数</span></td><td class="z"><span style="font-size:14px">≥1200人</span></td></tr>
<tr><td>产出指标</td><td>质量指标</td><td>发放准确率</td><td style="font-size:0"><font size="2">100%</font></td></tr>"""
    article = f'<div style="opacity:0" class="wow fadeIn">{project_form("120.50", GOAL, indicator_rows)}</div>'
    result = imported(page(article, style), tmp_path, "shown")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == []
    linked = page(project_form("120.50", f'<span style="color:#fff">{GOAL}</span>', rows()),
                  head='<link rel="stylesheet" href="/css/main.css">')
    result = imported(linked, tmp_path, "linked")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == []


# --- 3. a web archive's style sheet --------------------------------------------------------------------------------

def web_archive(html_text: str, sheet: str, print_sheet: str = "") -> bytes:
    """A page saved by a browser as one file (.mht): the page and the style sheets it links to, each a MIME part."""
    body = quopri.encodestring(html_text.encode("utf-8")).decode("ascii")
    return f"""From: <Saved by Blink>
Snapshot-Content-Location: http://www.example.gov.cn/zwgk/art/2026/1.html
Subject: {HEADLINE}
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="----MultipartBoundary--x----"

------MultipartBoundary--x----
Content-Type: text/html
Content-Transfer-Encoding: quoted-printable
Content-Location: http://www.example.gov.cn/zwgk/art/2026/1.html

{body}
------MultipartBoundary--x----
Content-Type: text/css
Content-Transfer-Encoding: quoted-printable
Content-Location: http://www.example.gov.cn/zwgk/css/main.css

{sheet}
------MultipartBoundary--x----
Content-Type: text/css
Content-Location: http://www.example.gov.cn/zwgk/css/print.css

{print_sheet}
------MultipartBoundary--x------
""".replace("\n", "\r\n").encode("utf-8")


def test_the_style_sheet_of_a_web_archive_applies(tmp_path):
    """Before: the sheet's part was not read, and the junk it hides was read into the figure (1720.50)."""
    html_text = page(project_form('1<span class="ts">7</span>20.50', GOAL, rows()),
                     head='<link rel="stylesheet" type="text/css" href="../../css/main.css">'
                          '<link rel="stylesheet" href="/zwgk/css/print.css" media="print">')
    source = tmp_path / "page.mht"
    # The print sheet hides the article on paper only: the screen shows it, and it is read.
    source.write_bytes(web_archive(html_text, ".article .ts{display:none}", ".article{display:none}"))
    result = import_new(source, tmp_path, "mzj")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert [(location, text) for location, text, _ in listed(result)] == [("表1 第1行第4格（隐藏文字）", "7")]


# --- 4. titles, split tables, superscripts --------------------------------------------------------------------------

def test_a_title_broken_by_br_is_one_title(tmp_path):
    """The title centred in a paragraph and broken before the year; or so in the table's first row. Before: two
    lines, neither naming the department and the year together: the import was refused."""
    result = imported(page(project_form("120.50", GOAL, rows(), "<b>某县民政局<br>2026年项目支出绩效目标表</b>")),
                      tmp_path, "paragraph")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert result.filing["department"]["name"] == "某县民政局"
    assert "网页中的标题（“某县民政局2026年项目支出绩效目标表”）用换行（<br>）分成了两行，读作一行。" in result.remarks
    in_cell = project_form("120.50", GOAL, rows(), "").replace(
        '<table border="1" cellspacing="0">',
        '<table border="1"><tr><td colspan="4">某县民政局<br/>2026年项目支出绩效目标表</td></tr>')
    result = imported(page(in_cell), tmp_path, "cell")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)


def test_a_line_above_a_title_stays_a_line_of_its_own(tmp_path):
    """Guard: "附件3" over the title is no part of it."""
    result = imported(page(project_form("120.50", GOAL, rows(), f"附件3<br>{TITLE}")), tmp_path, "attachment")
    assert read(result)[0] == TITLE
    assert [text for _, text, _ in listed(result)] == ["附件3"]


SPLIT = f"""<p align="center"><strong>{TITLE}</strong></p>
<table border="1"><tr><td>项目名称</td><td>城市低保资金</td><td>项目金额</td><td>120.50</td></tr>
<tr><td>年度目标</td><td colspan="3">{GOAL}</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="4">产出指标</td><td rowspan="2">数量指标</td><td>保障人数</td><td>≥1200人</td></tr>
<tr><td>特困人数</td><td>≥80人</td></tr></table>
<table border="1"><tr><td>质量指标</td><td>发放准确率</td><td>100%</td></tr>
<tr><td>时效指标</td><td>发放及时率</td><td>100%</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>困难群众基本生活</td><td>有效保障</td></tr></table>"""


def test_a_form_cut_into_two_tables_inside_a_merged_cell_reads_on(tmp_path):
    """A CMS cut the form after its fifth row, inside the merged 产出指标: the second table's rows are a cell short.
    Before: they were all listed 未放入 (质量指标, 时效指标 and the 效益指标 lost from the goal)."""
    result = imported(page(SPLIT), tmp_path, "split")
    assert read(result)[4] == [("产出指标", "数量指标", "保障人数", "≥1200人"), ("产出指标", "数量指标", "特困人数", "≥80人"),
                               ("产出指标", "质量指标", "发放准确率", "100%"), ("产出指标", "时效指标", "发放及时率", "100%"),
                               ("效益指标", "社会效益指标", "困难群众基本生活", "有效保障")]
    assert listed(result) == []
    assert any(remark.startswith("网页中表1在向下合并的格子中间被分成了几个表格") for remark in result.remarks)


def test_a_continued_line_between_the_two_tables(tmp_path):
    """A "（续表）" line over the second table: it reads on as well. Before: the page-break rule joined the tables
    without the cut merge, and 质量指标, 发放准确率 and 100% were read as the 一级, 二级 and 三级指标."""
    result = imported(page(SPLIT.replace("</table>\n<table", "</table><p>（续表）</p>\n<table", 1)), tmp_path, "continued")
    assert read(result)[4][2:4] == [("产出指标", "质量指标", "发放准确率", "100%"), ("产出指标", "时效指标", "发放及时率", "100%")]
    assert listed(result) == []


def test_a_header_typed_again_over_the_second_table(tmp_path):
    """The CMS typed the header again over the second table. Before: the rows under it were read as a project of
    their own without a name, 质量指标 as its 一级指标 and 100% as the indicator's name."""
    header = "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>"
    result = imported(page(SPLIT.replace('<table border="1"><tr><td>质量指标', f'<table border="1">{header}<tr><td>质量指标')),
                      tmp_path, "header")
    assert len(result.filing["projects"]) == 1
    assert read(result)[4][2:4] == [("产出指标", "质量指标", "发放准确率", "100%"), ("产出指标", "时效指标", "发放及时率", "100%")]
    assert listed(result) == []


def test_a_table_after_a_finished_one_is_a_table_of_its_own(tmp_path):
    """Guard: the first table's merged cells end with it, or a line of text stands between: another table."""
    whole = SPLIT.replace('rowspan="4"', 'rowspan="2"')
    result = imported(page(whole), tmp_path, "whole")
    assert len(read(result)[4]) == 2
    assert ("表2 第1行第1格", "质量指标") in [(location, text) for location, text, _ in listed(result)]
    between = SPLIT.replace("</table>\n<table", "</table><p>注：指标值按上年实际确定。</p>\n<table", 1)
    result = imported(page(between), tmp_path, "between")
    assert len(read(result)[4]) == 2


def test_a_superscript_digit_is_read_as_a_superscript(tmp_path):
    """Before: "120.50<sup>1</sup>" was read as the budget 120.501, "m<sup>2</sup>" as "m2", and the footnote
    "<sup>1</sup>2025年为预计数" as "12025年为预计数"."""
    article = project_form("120.50<sup>1</sup>", GOAL, rows("≥1200m<sup>2</sup>")) + "<p><sup>1</sup>2025年为预计数。</p>"
    result = imported(page(article), tmp_path, "sup")
    assert read(result)[2:] == ("None", GOAL, [(*INDICATORS[0][:3], "≥1200m²"), INDICATORS[1]])
    assert [(location, text) for location, text, _ in listed(result)] == [("表1 第1行第4格", "120.50¹"),
                                                                       ("第7段", "¹2025年为预计数。")]
    assert "网页中有上标数字（¹、²，多为注释标记或平方米等单位），已按上标读入，没有并入前后的数字；请对照网页核对。" in result.remarks


# --- 5. a Word table pasted into the article ------------------------------------------------------------------------

WORD_CELL = '<td style="border:solid windowtext 1.0pt;padding:0cm 5.4pt"><p class="MsoNormal" align="center">' \
            '<span style="font-size:10.5pt;font-family:宋体;mso-ascii-font-family:&quot;Times New Roman&quot;">{}' \
            '<span lang="EN-US"><o:p></o:p></span></span></p></td>'


def word_row(*texts: str, first: str = "") -> str:
    return "<tr style='mso-yfti-irow:1'>" + first + "".join(WORD_CELL.format(text) for text in texts) + "</tr>"


def test_a_word_table_pasted_into_the_article_guard(tmp_path):
    """Guard: Word's markup (mso- styles, <o:p>, <font>, a number in its own <span lang="EN-US">), the unit under
    the title, the department's stamp as a picture, its name and date under the table, an attachment link."""
    table = ('<table class="MsoNormalTable" border="1" cellspacing="0" style="border-collapse:collapse;'
             'mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt">'
             + word_row("项目名称", "城市低保资金", "项目金额", '<span lang="EN-US">120.50</span>')
             + "<tr><td><font face='宋体'>年度目标</font></td><td colspan='3'><p class='MsoNormal'><font face='宋体'>"
               "按时足额发放低保金。<o:p>&nbsp;</o:p></font></p></td></tr>"
             + word_row("<b>一级指标</b>", "<b>二级指标</b>", "<b>三级指标</b>", "<b>指标值</b>")
             + word_row("数量指标", "保障人数", '<span lang="EN-US">&ge;1200</span>人',
                        first='<td rowspan="2"><p class="MsoNormal"><span>产出指标<o:p></o:p></span></p></td>')
             + word_row("质量指标", "发放准确率", '<span lang="EN-US">100%</span>')
             + "<![if !supportMisalignedColumns]><tr height=0><td width=120 style='border:none'></td></tr><![endif]>"
             + "</table>")
    article = (f'<div class="TRS_Editor"><div class="Section0"><p class="MsoNormal" align="center"><b>'
               f'<span style="font-size:18.0pt;font-family:方正小标宋简体">{TITLE}<o:p></o:p></span></b></p>'
               f'<p class="MsoNormal" align="right"><span>单位：万元<o:p></o:p></span></p>{table}'
               '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p align="right"><img src="/u/stamp.png" alt="公章"></p>'
               '<p align="right">某县民政局</p><p align="right"><span lang="EN-US">2026</span>年<span>2</span>月1日</p>'
               '</div></div><div class="fj">附件：<a href="/attach/download?id=8812">某县民政局2026年项目支出绩效目标表.xlsx</a></div>')
    result = imported(page(article), tmp_path, "word")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert result.filing["money_unit"] == "万元"
    assert [text for _, text, _ in listed(result)] == ["某县民政局", "2026年2月1日",
                                                       "附件：某县民政局2026年项目支出绩效目标表.xlsx"]
