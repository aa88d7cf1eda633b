"""`gongkai import` of saved portal pages: what the reader of the page does not see is not read.

A browser neither shows nor prints an element hidden by `display:none`, `visibility:hidden` or the `hidden`
attribute, set on the element or by a rule of the page's own style sheet (`<style>.hide{display:none}</style>`).
Portals put such hidden junk inside numbers against copying (`1<span style="display:none">7</span>20.50` shows as
120.50); a hidden cell or a hidden word in a cell may also be what the department withheld. As in Word and Excel,
hidden content is not read into the filing and is listed 未放入 with its reason, never dropped silently:

1. Hidden text inside a cell (before: read, 1720.50 for 120.50) or inside a line (before: the line was cut in two
   at it and the title lost) is left out of the text, the line goes on, and the hidden piece is listed after it.
2. A stylesheet rule with simple selectors (tags, classes, ids, descendant and child combinators) hides what it
   matches; rules under @media (print only, small screens) do not; the element's own showing style overrides;
   a hiding rule whose selector is not read here is said in a remark. Hidden menus of the portal are furniture.
3. A hidden cell (`<td style="display:none">`) is left out of its row, as the browser leaves it out: the cells after
   it move left (before: a hidden column was read as one the form shows).

And what else a portal page says around the form, or in it:
4. A 政府信息公开目录 page's information (索引号, 发布机构, 生成日期, as a table or as lines) is listed as the page's, its
   发布日期 never the filing's 公开日期, and the headline under it yields to the form's title; a publishing line with
   one label beside the page's tools is the publishing line; an attachment named by its link's text is listed.
5. A zero-width space a web editor left in an amount is taken out, with a note.
6. A page saved from an online filing system: the values in its cells' text boxes and drop-down lists are read.
7. A line of page tools spaced with runs of &nbsp; is furniture, found at once (before: the import hung).
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.forms.imports import import_page, not_placed

HEADLINE = "某县民政局2026年预算绩效目标公开"
PUBLISHED = "发布时间：2026-01-05 来源：某县民政局"
TITLE = "某县民政局2026年项目支出绩效目标表"
FURNITURE_TOOLS = ('<div class="fx">【<a href="javascript:window.print()">打印本页</a>】'
                   '【<a href="javascript:window.close()">关闭窗口</a>】</div>')


def page(article: str, style: str = "") -> str:
    """A portal's article page: its style sheet, a menu, the headline and publishing line, the article, page tools."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE}</title>
<style type="text/css">{style}</style></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
<h1>{HEADLINE}</h1><div class="info">{PUBLISHED}</div>
<div class="article">{article}</div>{FURNITURE_TOOLS}</body></html>"""


def imported(html_text: str, tmp_path: Path, name: str):
    return import_page(html_text, tmp_path, name, "mzj")


def project_form(amount: str, goal: str, indicator_rows: str, title: str = f"<strong>{TITLE}</strong>") -> str:
    """A 项目支出绩效目标表 as a portal's article holds it: its title (as given), 单位, the project's lines, the head."""
    return f"""<p align="center">{title}</p><p align="right">单位：万元</p>
<table border="1" cellspacing="0">
<tr><td>项目名称</td><td>城市低保资金</td><td>项目金额</td><td>{amount}</td></tr>
<tr><td>年度目标</td><td colspan="3">{goal}</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
{indicator_rows}</table>"""


def read(result) -> tuple:
    project = result.filing["projects"][0]
    goal = project["goals"][0]
    return (result.filing["title"], project["name"], str(project["budget"]["total"]), goal["text"],
            [(i["level1"], i["level2"], i["name"], i["value"]) for i in goal["indicators"]])


def listed(result) -> list[tuple[str, str, str]]:
    """What is listed 未放入 besides the headline and the publishing line: location, text, reason's start."""
    return [(location, text, why[:why.index("）") + 1]) for location, text, why in result.imported.not_placed
            if text not in (HEADLINE, PUBLISHED)]


INDICATORS = [("产出指标", "数量指标", "保障人数", "≥1200人"), ("产出指标", "质量指标", "发放准确率", "100%")]
GOAL = "按时足额发放低保金。"
JUNK = "网页中设为隐藏（display:none）"
TEXT_REASON = ("网页中设为隐藏（display:none）的文字，夹在显示的文字中间（浏览器不显示也不打印；有的网站在数字中插入隐藏的干扰字符"
               "防复制，也可能是不公开的内容），没有读入：读入的是浏览器显示的文字，请对照网页核对")


# --- 1. hidden text inside a cell and inside a line ------------------------------------------------------------------

def test_junk_hidden_inside_numbers_is_not_read(tmp_path):
    """Before: 1720.50 as the budget, ≥17200人 and 1090% as values, the goal with the junk in it."""
    rows = """<tr><td>产出指标</td><td>数量指标</td><td>保障人数</td><td>≥1<span style="display:none">7</span>200人</td></tr>
<tr><td>产出指标</td><td>质量指标</td><td>发放准确率</td><td>10<font style="display: none ;">9</font>0%</td></tr>"""
    article = project_form('1<span style="display:none">7</span>20.50', "按时足额<span style='display:none'>秘</span>"
                           "发放低保金。", rows)
    result = imported(page(article), tmp_path, "junk")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == [("表1 第1行第4格（隐藏文字）", "7", JUNK), ("表1 第2行第2格（隐藏文字）", "秘", JUNK),
                              ("表1 第4行第4格（隐藏文字）", "7", JUNK), ("表1 第5行第4格（隐藏文字）", "9", JUNK)]
    assert not_placed(result)[2] == ("7", TEXT_REASON)
    assert any("4 处设为隐藏（display:none）" in remark for remark in result.remarks)


def test_hidden_text_inside_a_line_keeps_the_line_whole(tmp_path):
    """Before: the title line was cut in two at the hidden <span> ("某县民政局" and "2026年项目支出…"): no title named
    the department, and the import was refused for want of a department name."""
    article = project_form("120.50", GOAL, "").replace(
        f"<strong>{TITLE}</strong>", '<strong>某县民政局<span style="display:none">XX</span>2026年项目支出绩效目标表</strong>')
    result = imported(page(article), tmp_path, "line")
    assert result.filing["title"] == TITLE
    assert listed(result) == [("第5段（隐藏文字）", "XX", JUNK)]


def test_visibility_hidden_and_the_hidden_attribute_hide_too(tmp_path):
    rows = """<tr><td>产出指标</td><td>数量指标</td><td>保障人数</td><td>≥12<b style="visibility:hidden">3</b>00人</td></tr>
<tr><td>产出指标</td><td>质量指标</td><td>发放<i hidden>准</i>准确率</td><td>100%</td></tr>"""
    result = imported(page(project_form("120.50", GOAL, rows)), tmp_path, "visibility")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == [("表1 第4行第4格（隐藏文字）", "3", "网页中设为隐藏（visibility:hidden）"),
                              ("表1 第5行第3格（隐藏文字）", "准", "网页中设为隐藏（hidden 属性）")]


# --- 2. the page's style sheet -----------------------------------------------------------------------------------

STYLE = """<!-- /* the portal's sheet */
.nav li .sub { display: none; } .nav li:hover .sub{display:block}
.article .ts, i.jam {display:none !important}
.row-off{visibility : hidden}
@media print { .noprint{display:none} .article{font-size:12pt} }
@media (max-width:768px) { .pc { display:none } }
input[type=hidden]{display:none}
-->"""


def test_a_style_sheet_rule_hides_what_it_matches(tmp_path):
    """Before: the rules of the page's <style> were not read: the junk and the hidden row were published."""
    rows = """<tr><td>产出指标</td><td>数量指标</td><td>保障人数</td><td>≥1<span class="ts">6</span>200人</td></tr>
<tr class="row-off"><td>产出指标</td><td>数量指标</td><td>特困人员供养人数</td><td>≥80人</td></tr>
<tr><td>产出指标</td><td>质量指标</td><td>发放准确率</td><td>10<i class="jam">1</i>0%</td></tr>"""
    menu = '<li><a href="/x">机构</a><div class="sub"><a href="/1">领导信息</a><a href="/2">机构职能</a></div></li>'
    html_text = page(project_form("120.50", GOAL, rows), STYLE).replace("</ul>", menu + "</ul>", 1)
    result = imported(html_text, tmp_path, "sheet")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == [("表1 第4行之后（隐藏行）", "产出指标", "网页表格中设为隐藏（visibility:hidden）"),
                              ("表1 第4行之后（隐藏行）", "数量指标", "网页表格中设为隐藏（visibility:hidden）"),
                              ("表1 第4行之后（隐藏行）", "特困人员供养人数", "网页表格中设为隐藏（visibility:hidden）"),
                              ("表1 第4行之后（隐藏行）", "≥80人", "网页表格中设为隐藏（visibility:hidden）"),
                              ("表1 第4行第4格（隐藏文字）", "6", JUNK), ("表1 第5行第4格（隐藏文字）", "1", JUNK)]
    # The hidden drop-down menu is the portal's furniture, as it would be shown; input[type=hidden] hides no text.
    assert not any("样式表" in remark for remark in result.remarks)


def test_print_and_small_screen_rules_and_an_own_showing_style_do_not_hide(tmp_path):
    """Guard: a rule under @media applies to print or to phones only, and `style="display:inline"` overrides a class."""
    rows = """<tr><td>产出指标</td><td>数量指标</td><td>保障人数</td><td class="noprint">≥1200人</td></tr>
<tr><td>产出指标</td><td>质量指标</td><td class="pc">发放准确率</td>
<td><span class="ts" style="display:inline">100%</span></td></tr>"""
    result = imported(page(project_form("120.50", GOAL, rows), STYLE), tmp_path, "guard")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == []


def test_attribute_and_structural_selectors_hide_too(tmp_path):
    """The sheet is read by tinycss2 and matched by cssselect: an attribute selector hiding junk in a number, and a
    structural one (`:nth-child`) hiding a row, are applied like a class."""
    style = "span[data-t] {display:none} .article tr:nth-child(6) { display : none }"
    rows = """<tr><td>产出指标</td><td>数量指标</td><td>保障人数</td><td>≥1<span data-t="x">9</span>200人</td></tr>
<tr><td>产出指标</td><td>质量指标</td><td>发放准确率</td><td>100%</td></tr>
<tr><td>产出指标</td><td>时效指标</td><td>草稿</td><td>及时</td></tr>"""
    result = imported(page(project_form("120.50", GOAL, rows), style), tmp_path, "selectors")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    row = "网页表格中设为隐藏（display:none）"
    assert listed(result) == [("表1 第5行之后（隐藏行）", text, row) for text in ("产出指标", "时效指标", "草稿", "及时")] + [
        ("表1 第4行第4格（隐藏文字）", "9", JUNK)]
    assert not any("样式表" in remark for remark in result.remarks)


def test_a_hiding_rule_not_read_is_said(tmp_path):
    """A hiding rule whose selector cssselect cannot match (`*:nth-of-type()`) is not applied: a remark says so,
    so that the editor compares the text with the page in a browser."""
    style = ".list :nth-of-type(n+6) { display:none }"
    result = imported(page(project_form("120.50", GOAL, ""), style), tmp_path, "unread")
    assert ("网页的样式表中有 1 条隐藏内容（display:none 等）的规则，其选择器导入不能判断作用于哪些内容，没有按它们隐藏："
            "请在浏览器中对照网页，核对导入的文字中有没有网页并不显示的。") in result.remarks


# --- 3. a hidden cell -----------------------------------------------------------------------------------------------

def test_a_hidden_cell_is_left_out_of_its_row(tmp_path):
    """A CMS table with a hidden column of internal codes: the browser leaves the cells out and the row closes up.
    Before: the hidden column was read as a column the form shows (listed as a column without a field)."""
    header = '<tr><th style="display:none">编码</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>'
    rows = """<tr><td style="display:none">A01</td><td>产出指标</td><td>数量指标</td><td>保障人数</td><td>≥1200人</td></tr>
<tr><td style="display:none">A02</td><td>产出指标</td><td>质量指标</td><td>发放准确率</td><td>100%</td></tr>"""
    article = project_form("120.50", GOAL, rows).replace(
        "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>", header)
    result = imported(page(article), tmp_path, "cell")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert listed(result) == [("表1 第3行（隐藏格）", "编码", JUNK), ("表1 第4行（隐藏格）", "A01", JUNK),
                              ("表1 第5行（隐藏格）", "A02", JUNK)]


# --- 4. what the portal says about the page ------------------------------------------------------------------------

PUBLISHING_REASON = ("网页的发布信息，不是原表的内容。网页的发布时间是网页发布或最后更新的时间，不一定是这份文件的公开日期，"
                     "导入没有把它录入为公开日期（published_on）；核实后可手工录入")
INFORMATION_REASON = ("网页的信息公开目录信息（索引号、发布机构、生成日期等），不是原表的内容。其中的日期是网页信息生成或发布的日期，"
                      "不一定是这份文件的公开日期，导入没有把它录入为公开日期（published_on）；核实后可手工录入")
HEADLINE_REASON = f"网页的文章标题；原表有自己的标题“{TITLE}”，文件名称按原表录入，这一行未录入"
CATALOGUE = """<table class="xxgk" border="1"><tr><td>索引号：</td><td>11420700MB0000000X/2026-00012</td><td>主题分类：</td>
<td>财政、审计</td></tr><tr><td>发布机构：</td><td>某县民政局</td><td>生成日期：</td><td>2026-01-05</td></tr>
<tr><th>名　　称：</th><td colspan="3">某县民政局2026年预算绩效目标公开</td></tr>
<tr><td>文　　号：</td><td></td><td>发布日期：</td><td>2026-01-06</td></tr></table>"""


def bare_page(body: str) -> str:
    return f"""<html><head><meta charset="utf-8"></head><body>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a></div>
{body}{FURNITURE_TOOLS}</body></html>"""


def test_the_catalogue_table_of_the_page_is_no_form(tmp_path):
    """A 政府信息公开目录 page: a table of 索引号, 发布机构, 生成日期… above the headline. Before: its 发布日期 was taken
    for the filing's 公开日期 (published_on), its cells listed 未识别, and the headline below it was the title. Now
    its rows are listed as the page's information, and the headline yields to the form's own title."""
    body = f"{CATALOGUE}<h2>{HEADLINE}</h2><div class='article'>{project_form('120.50', GOAL, '')}</div>"
    result = imported(bare_page(body), tmp_path, "catalogue")
    assert "published_on" not in result.filing
    assert result.filing["title"] == TITLE
    assert not_placed(result) == [
        ("索引号： 11420700MB0000000X/2026-00012 主题分类： 财政、审计", INFORMATION_REASON),
        ("发布机构： 某县民政局 生成日期： 2026-01-05", INFORMATION_REASON),
        ("名　　称： 某县民政局2026年预算绩效目标公开", INFORMATION_REASON),
        ("文　　号： 发布日期： 2026-01-06", INFORMATION_REASON), (HEADLINE, HEADLINE_REASON)]
    assert [location for location, _, _ in result.imported.not_placed][:2] == ["表1 第1行", "表1 第2行"]


def test_the_catalogue_information_as_lines(tmp_path):
    """The same information as a list, a label and its value on each line. Before: "发布日期：2026-01-06" alone on its
    line was read as the filing's 公开日期, and the headline below was the title."""
    lines = """<ul class="xxgk"><li><b>索引号：</b>11420700MB0000000X/2026-00012</li><li><b>发布机构：</b>某县民政局</li>
<li><b>发布日期：</b>2026-01-06</li><li><b>主题分类：</b>财政、审计</li></ul>"""
    body = f"{lines}<h2>{HEADLINE}</h2>{project_form('120.50', GOAL, '')}"
    result = imported(bare_page(body), tmp_path, "catalogue_lines")
    assert "published_on" not in result.filing
    assert result.filing["title"] == TITLE
    assert not_placed(result) == [
        ("索引号：11420700MB0000000X/2026-00012", INFORMATION_REASON), ("发布机构：某县民政局", INFORMATION_REASON),
        ("发布日期：2026-01-06", INFORMATION_REASON), ("主题分类：财政、审计", INFORMATION_REASON),
        (HEADLINE, HEADLINE_REASON)]


def test_guard_a_forms_own_date_line_is_still_its_date(tmp_path):
    """Guard: a form's own "发布日期：…" line, with no page information around it, is the filing's 公开日期 as before."""
    body = f"{project_form('120.50', GOAL, '')}<p>发布日期：2026-01-06</p>"
    result = imported(bare_page(body), tmp_path, "own_date")
    assert str(result.filing["published_on"]) == "2026-01-06"
    assert result.filing["title"] == TITLE


def test_a_publishing_line_with_one_label_beside_the_page_tools(tmp_path):
    """"发布时间：2026-01-05 【字体：大 中 小】": one label, but the page's tools beside it. Before: listed 未识别, and the
    headline above it became the filing's title in place of the form's own; the breadcrumbs "您当前的位置：" were
    listed 未识别 too."""
    body = (f"<h1>{HEADLINE}</h1><p>发布时间：2026-01-05&nbsp;&nbsp;【字体：<a href='#'>大</a> <a href='#'>中</a> "
            f"<a href='#'>小</a>】</p>{project_form('120.50', GOAL, '')}")
    result = imported(bare_page(body), tmp_path, "one_label")
    assert result.filing["title"] == TITLE
    assert not_placed(result) == [(HEADLINE, HEADLINE_REASON), ("发布时间：2026-01-05  【字体：大 中 小】", PUBLISHING_REASON)]
    assert any("您当前的位置：首页 > 政府信息公开" in remark for remark in result.remarks)


def test_an_attachment_named_by_its_links_text(tmp_path):
    """A CMS serves attachments from "/attach/download?id=8812": the link's text names the file. Before: the line was
    taken for a menu link and left out with the furniture, unlisted — and the attachment may be the form itself."""
    attachments = """<p>附件：</p><ul><li><a href="/attach/download?id=8812">1.某县民政局2026年项目支出绩效目标表.xls</a></li>
<li><a href="/attach/download?id=8813">2.某县民政局2026年部门整体支出绩效目标表.pdf</a></li></ul>"""
    result = imported(page(project_form("120.50", GOAL, "") + attachments), tmp_path, "attachments")
    assert read(result)[:4] == (TITLE, "城市低保资金", "120.50", GOAL)
    assert not_placed(result)[-2:] == [
        ("1.某县民政局2026年项目支出绩效目标表.xls", "网页的附件链接（/attach/download?id=8812）：附件是另一个文件，导入没有读它；"
         "附件是绩效目标表时，请下载后另行导入"),
        ("2.某县民政局2026年部门整体支出绩效目标表.pdf", "网页的附件链接（/attach/download?id=8813）：附件是另一个文件，导入没有读它；"
         "附件是绩效目标表时，请下载后另行导入")]


# --- 5. what a web editor leaves in a figure -------------------------------------------------------------------------

def test_a_zero_width_space_in_an_amount(tmp_path):
    """UEditor, the editor of many portals' CMS, fills with U+200B: "120.50\\u200b" shows as 120.50. Before: the amount
    was listed 未放入 ("金额不是数字"), the project left without its budget. Now it is read, with a note."""
    result = imported(page(project_form("120.50\u200b", GOAL, "")), tmp_path, "zero_width")
    project = result.filing["projects"][0]
    assert str(project["budget"]["total"]) == "120.50"
    assert project["notes"] == [{"field": "budget.total",
                                 "text": "原表写作“120.50”；编者去掉格子里看不见的零宽字符，录入为 120.50。"}]
    assert listed(result) == []


# --- 6. a page saved from an online filing system: the values are in its controls ------------------------------------

def test_the_values_in_a_saved_filing_systems_controls_are_read(tmp_path):
    """Text boxes, a text area and drop-down lists hold the form's values. Before: every one was dropped without a
    word (the project had no name, budget or goal; the indicator no level1, level2 or value). A hidden field and the
    page's search box are not read."""
    article = f"""<form><input name="q" value="请输入关键字"><button>搜索</button></form>
<p align="center"><strong>{TITLE}</strong></p><p align="right">单位：万元</p>
<table border="1"><tr><td>项目名称</td><td><input type="text" value="城市低保资金" readonly></td><td>项目金额</td>
<td><input type="hidden" name="id" value="8812"><input class="num" value="120.50"></td></tr>
<tr><td>年度目标</td><td colspan="3"><textarea rows="3">
按时足额发放低保金；
提高救助精准度。</textarea></td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td><select><option>产出指标</option><option>效益指标</option></select></td>
<td><select><option>数量指标</option><option selected="selected">质量指标</option></select></td><td>发放准确率</td>
<td><input value="100%"></td></tr></table>"""
    result = imported(page(article), tmp_path, "controls")
    assert read(result) == (TITLE, "城市低保资金", "120.50", "按时足额发放低保金；\n提高救助精准度。",
                            [("产出指标", "质量指标", "发放准确率", "100%")])
    assert listed(result) == []
    assert ("网页表格中有 6 个输入框、下拉框或勾选框（在线填报系统的网页另存下来就是这样）：照浏览器显示的内容读入（框中的文字、"
            "选中的选项，勾选框读作☑或□），请对照网页核对。") in result.remarks


# --- 7. the page's tools spaced out with no-break spaces --------------------------------------------------------------

def _too_slow(signum, frame):
    raise TimeoutError("导入一个网页超过 20 秒")


@pytest.mark.parametrize("tools", ["【打印本页】{gap}【关闭窗口】{gap}【我要纠错】", "打印{gap}|{gap}关闭"],
                         ids=["brackets", "bars"])
def test_a_line_of_page_tools_spaced_with_no_break_spaces(tmp_path, tools):
    """Portals space their tools with runs of &nbsp;. Before: the furniture pattern split each run of spaces every way
    it could before failing — the import of such a page ran for hours. Now the line is the portal's furniture, at
    once."""
    line = tools.format(gap="&nbsp;" * 8)
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(20)
    try:
        result = imported(page(project_form("120.50", GOAL, "") + f"<p>{line}</p>"), tmp_path, "tools")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert read(result)[:4] == (TITLE, "城市低保资金", "120.50", GOAL)
    assert listed(result) == []


def test_guard_a_page_that_hides_its_body_until_its_script_runs(tmp_path):
    """Guard: `body{display:none}` (shown by the page's script once loaded) hides nothing a browser shows."""
    result = imported(page(project_form("120.50", GOAL, ""), "body { display:none }"), tmp_path, "body")
    assert read(result)[:4] == (TITLE, "城市低保资金", "120.50", GOAL)
    assert listed(result) == []


def test_a_more_specific_rule_shows_what_a_general_one_hides(tmp_path):
    """The page's tabs, `.tab-pane{display:none}` and `.tab-pane.active{display:block}`: the active tab shows
    (as in the browser: the more specific rule wins), the other tab is hidden and listed."""
    style = ".tab-content .tab-pane { display: none } .tab-content .tab-pane.active { display: block }"
    article = (f'<div class="tab-content"><div class="tab-pane active">{project_form("120.50", GOAL, "")}</div>'
               '<div class="tab-pane"><p>2025年项目支出绩效目标表（另页）</p></div></div>')
    result = imported(page(article, style), tmp_path, "tabs")
    assert read(result)[:4] == (TITLE, "城市低保资金", "120.50", GOAL)
    assert listed(result) == [("第6段之后（隐藏）", "2025年项目支出绩效目标表（另页）", "网页中设为隐藏（display:none）")]
