"""`gongkai import` of forms as government portals publish them: a CMS article page (.html) and a PDF printed from
Excel or WPS.

HTML: the text of an article is laid out as a browser lays it out, in order. A notice typed after a table with no
<p> around it ("3-5号项目涉密，暂不公开。") stays between the tables it is between (before, every loose line of a <div>
was read before the tables inside it: the notice came first and the page's title after it, 未识别); <section> and
<center> blocks (135编辑器, old editors) are lines of their own; a table's <caption> is read (it was lost, silently);
a row or block the page hides (display:none, as Excel writes the hidden rows of a sheet saved as a web page) is not
read but listed 未放入 (before, a hidden project row was published as a project); an indicator table nested in the
project form's “绩效指标” cell leaves the rows around it a table of the form (before, the whole form was taken for
page layout and the project's goal became the department's).

In the 项目支出绩效目标表 (any format), the withheld notice as a row across the table between two projects is a
withheld record where it stands and the projects below it go on (before, they were all left unread), and the 合计 row
is listed as the list's total (before, it became a nameless project whose budget was the total).

PDF: Excel and WPS print the title rows (打印标题: the form's title, "单位：万元") again on every page, in the title's
large type, right above the table going on. Read again they cut the table in two (before, the rows after the cut
lost their project: "项目表中此行之前没有项目名称", and an empty project was made); they are read once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.imports import import_new, import_page, not_placed
from tests.forms.layout import FormTable, FormText
from tests.forms.render import CHROMIUM, form_html, write_xlsx

PUBLISHED = "来源：某县交通运输局&nbsp;&nbsp;&nbsp;发布时间：2026-02-15 10:23&nbsp;&nbsp;&nbsp;浏览次数：<span>56</span>"
PUBLISHED_TEXT = "来源：某县交通运输局   发布时间：2026-02-15 10:23   浏览次数：56"
HEADLINE = "某县交通运输局2026年部门预算绩效目标公开"


def page(article: str) -> str:
    """A CMS article page: menus and breadcrumbs, the headline and publishing line, the article, tools and footer."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE}_某县人民政府</title>
<script>var hits = 1;</script></head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 财政预决算</div>
<div class="article"><h1>{HEADLINE}</h1><div class="info">{PUBLISHED}</div>
<div class="TRS_Editor">{article}</div>
<div class="fx">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div><div class="footer"><p>主办单位：某县人民政府办公室　版权所有</p>
<p>网站标识码：1234000001　<a href="#">赣ICP备00000000号</a></p></div></body></html>"""


def imported_page(html_text: str, tmp_path: Path, name: str):
    return import_page(html_text, tmp_path, name, "jtj")


def project_table(name: str, amount: str, goal: str, indicator: str) -> str:
    return f"""<table border="1" cellspacing="0" style="border-collapse:collapse;">
<tr><td>项目名称</td><td>{name}</td><td>项目金额</td><td>{amount}</td></tr>
<tr><td>年度目标</td><td colspan="3">{goal}</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td>产出指标</td><td>数量指标</td><td>{indicator}</td><td>&nbsp;≥300公里&nbsp;</td></tr></table>"""


ROAD = project_table("农村公路养护", "300.00", "完成农村公路养护300公里。", "养护里程")
BUS = project_table("公交补贴", "80.00", "保障城乡公交正常运营。", "线路里程")


def projects_read(filing: dict) -> list[tuple]:
    return [(p["name"], str(p["budget"]["total"]), p["goals"][0]["text"], p["goals"][0]["indicators"][0]["value"])
            if "name" in p else ("不予公开", p["withheld"]["numbers"], p["withheld"]["notice"])
            for p in filing["projects"]]


EXPECTED = [("农村公路养护", "300.00", "完成农村公路养护300公里。", "≥300公里"),
            ("不予公开", [3, 5], "3-5号项目涉密，暂不公开。"),
            ("公交补贴", "80.00", "保障城乡公交正常运营。", "≥300公里")]


def test_notice_typed_after_a_table_stays_between_the_projects(tmp_path):
    """The editor typed the notice straight after the first table (no <p>): it is read where it stands."""
    article = f"""<p style="text-align:center"><b>2026年项目支出绩效目标表</b></p><p>单位：万元</p>
<p>填报单位：某县交通运输局</p>{ROAD}
3-5号项目涉密，暂不公开。
{BUS}"""
    result = imported_page(page(article), tmp_path, "typed")
    assert result.filing["title"] == "2026年项目支出绩效目标表"
    assert projects_read(result.filing) == EXPECTED
    assert [text for text, _ in not_placed(result)] == [HEADLINE, PUBLISHED_TEXT]


def test_sections_and_center_are_lines_of_their_own(tmp_path):
    """135编辑器 wraps each line in a <section>, old editors centre the title with <center>: each is a line, as the
    browser shows it (before, the title, the unit and the 填报单位 ran together into one unread line)."""
    article = f"""<center><strong>2026年项目支出绩效目标表</strong></center>
<section><span style="font-size:14px">单位：万元</span></section><section>填报单位：某县交通运输局</section>
{ROAD}<section><span>3-5号项目涉密，暂不公开。</span></section>{BUS}"""
    result = imported_page(page(article), tmp_path, "sections")
    assert result.filing["title"] == "2026年项目支出绩效目标表"
    assert result.filing["department"]["name"] == "某县交通运输局"
    assert result.filing["money_unit"] == "万元"
    assert projects_read(result.filing) == EXPECTED
    assert [text for text, _ in not_placed(result)] == [HEADLINE, PUBLISHED_TEXT]


def test_a_tables_caption_is_read_as_its_title(tmp_path):
    """The page gives the form's title as the table's <caption>: it was lost without a word; now it is the title."""
    table = ROAD.replace("<tr>", "<caption>某县交通运输局2026年项目支出绩效目标表</caption><tr>", 1)
    result = imported_page(page(f"<p>单位：万元</p>{table}"), tmp_path, "caption")
    assert result.filing["title"] == "某县交通运输局2026年项目支出绩效目标表"
    assert result.filing["department"]["name"] == "某县交通运输局"
    assert [text for text, _ in not_placed(result)] == [HEADLINE, PUBLISHED_TEXT]


HIDDEN_ROW = ("网页表格中设为隐藏（display:none）的行（浏览器不显示也不打印，Excel 另存为网页时隐藏的行就是这样），"
              "整行没有读入；如果应当公开，请在原表中取消隐藏后重新导出网页再导入，或手工录入")
HIDDEN = ("网页中设为隐藏（display:none）的内容（浏览器不显示也不打印，可能是不公开的内容），没有读入；"
          "如果应当公开，请在原表中取消隐藏后重新导出网页再导入，或手工录入")

# A sheet Excel saved as a web page ("另存为网页"): its hidden row is written with style='display:none'.
EXCEL_PAGE = """<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"></head><body link=blue vlink=purple>
<table border=0 cellpadding=0 cellspacing=0 width=800 style='border-collapse:collapse;table-layout:fixed'>
 <col width=50><col width=200><col width=80><col width=300>
 <tr height=30><td colspan=4 height=30 class=xl66>某县交通运输局2026年项目支出汇总表</td></tr>
 <tr height=20><td colspan=4 class=xl67>单位：万元</td></tr>
 <tr height=20><td>序号</td><td>项目名称</td><td>项目金额</td><td>年度绩效目标</td></tr>
 <tr height=20><td>1</td><td>农村公路养护</td><td class=xl65>300.00</td><td>完成养护300公里。</td></tr>
 <tr height=0 style='display:none'><td>2</td><td>战备公路维护</td><td class=xl65>120.00</td><td>保障战备公路通行。</td></tr>
 <tr height=20><td>3</td><td>公交补贴</td><td class=xl65>80.00</td><td>保障公交运营。</td></tr>
</table>
<p style="display: none">内部备注：2号项目涉密</p>
</body></html>"""


def test_rows_the_page_hides_are_not_published(tmp_path):
    """Before: the hidden row was read as project 2 and the hidden note as a paragraph — a browser shows neither,
    and a hidden project may be one the department withheld. Now both are listed 未放入, with why."""
    result = imported_page(EXCEL_PAGE, tmp_path, "hidden")
    assert [(p["number"], p["name"], str(p["budget"]["total"])) for p in result.filing["projects"]] == [
        (1, "农村公路养护", "300.00"), (3, "公交补贴", "80.00")]
    assert not_placed(result) == [("2", HIDDEN_ROW), ("战备公路维护", HIDDEN_ROW), ("120.00", HIDDEN_ROW),
                                  ("保障战备公路通行。", HIDDEN_ROW), ("内部备注：2号项目涉密", HIDDEN)]
    locations = [location for location, _, _ in result.imported.not_placed]
    assert locations[0] == "表1 第4行之后（隐藏行）"
    assert any("2 处设为隐藏（display:none）" in remark for remark in result.remarks)


# --- guard: a whole article with several forms -------------------------------------------------------------------

SEVERAL_FORMS = """
<h2 style="text-align:center;">某县交通运输局2026年度部门整体支出绩效目标表</h2>
<p style="text-align:right;"><span style="font-size:12px;">单位：万元</span></p>
<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;"><tbody>
<tr><td style="width:120px;"><p style="text-align:center;"><span style="font-family:宋体;">部门（单位）名称</span></p></td>
<td colspan="5"><p><span>某县交通运输局</span></p></td></tr>
<tr><td><p>部门职能概述</p></td><td colspan="5"><p>　　负责全县公路、水路交通行业管理。</p><p>　　负责农村公路建设养护。</p></td></tr>
<tr><td>年度总体目标</td><td colspan="5"><div>1.完成农村公路养护300公里；<br/>2.完成危桥改造5座。</div></td></tr>
</tbody></table>
<table border="1" cellspacing="0" style="border-collapse:collapse;"><tbody>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="2"><span style="font-size:14px">产出指标</span></td><td rowspan="2">数量指标</td><td>农村公路养护里程</td>
<td>≥300公里</td></tr>
<tr><td>危桥改造&nbsp;数量</td><td>5座</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>群众满意度</td><td>≥90%</td></tr>
</tbody></table>
<p>&nbsp;</p>
<h2 style="text-align:center;">2026年项目支出绩效目标表</h2>
<p>1.农村公路养护项目</p>
<table border="1"><tr><td>项目名称</td><td colspan="3">农村公路养护</td></tr>
<tr><td>主管部门</td><td>某县交通运输局</td><td>实施单位</td><td>某县公路养护中心</td></tr>
<tr><td rowspan="3">项目资金<br>（万元）</td><td>年度资金总额</td><td colspan="2">300.00</td></tr>
<tr><td>其中：财政拨款</td><td colspan="2">300.00</td></tr><tr><td>其他资金</td><td colspan="2">0</td></tr>
<tr><td>年度目标</td><td colspan="3">完成农村公路养护300公里。</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td>产出指标</td><td>数量指标</td><td>养护里程</td><td>300公里</td></tr></table>
<p style="text-indent:2em;">2-5号项目涉密，暂不公开。</p>
<p>6.公交补贴项目</p>
<table border="1"><tr><td>项目名称</td><td colspan="3">公交补贴</td></tr>
<tr><td rowspan="3">项目资金<br>（万元）</td><td>年度资金总额</td><td colspan="2">80</td></tr>
<tr><td>其中：财政拨款</td><td colspan="2">80</td></tr><tr><td>其他资金</td><td colspan="2"></td></tr>
<tr><td>年度目标</td><td colspan="3">保障城乡公交正常运营。</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>乘客满意度</td><td>≥90%</td></tr></table>"""


def test_guard_an_article_with_the_department_form_and_project_forms(tmp_path):
    """<h2> titles between the forms, <th> headers, cells of nested <p>/<span>/<div>/<br>, &nbsp; and full-width
    indents, the withheld notice as a paragraph between two project forms: each read where it stands."""
    result = imported_page(page(SEVERAL_FORMS), tmp_path, "several")
    filing = result.filing
    assert filing["title"] == "某县交通运输局2026年度部门整体支出绩效目标表"
    assert filing["functions"] == "负责全县公路、水路交通行业管理。\n负责农村公路建设养护。"
    assert filing["overall_goal"] == "1.完成农村公路养护300公里；\n2.完成危桥改造5座。"
    assert [(i["level1"], i["level2"], i["name"], i["value"]) for i in filing["goals"][0]["indicators"]] == [
        ("产出指标", "数量指标", "农村公路养护里程", "≥300公里"), ("产出指标", "数量指标", "危桥改造 数量", "5座"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    road, withheld, bus = filing["projects"]
    assert (road["number"], road["name"], road["budget_unit"]) == (1, "农村公路养护", "某县公路养护中心")
    assert {k: str(v) for k, v in road["budget"]["annual"].items()} == {"total": "300.00", "fiscal": "300.00",
                                                                         "other": "0"}
    assert (withheld["withheld"]["numbers"], withheld["withheld"]["reason"]) == ([2, 5], "涉密")
    assert (bus["number"], bus["name"], str(bus["budget"]["annual"]["total"])) == (6, "公交补贴", "80")
    assert [text for text, _ in not_placed(result)] == [
        HEADLINE, PUBLISHED_TEXT, "2026年项目支出绩效目标表"]
    assert "published_on" not in filing


# --- PDF: the title rows printed on every page ------------------------------------------------------------------

PDF_STYLE = """body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; } td { border: 0.75pt solid #000; padding: 2pt 3pt; }
td.title { border: none; text-align: center; font-size: 14pt; }
td.unit { border: none; text-align: right; }"""
PDF_TITLE = "某县交通运输局2026年项目支出绩效目标表"
PDF_HEADER = ("序号", "项目名称", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值")
LEVELS = [("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"),
          ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]


def project_rows(count: int) -> str:
    rows = []
    for p in range(1, count + 1):
        for i, (level1, level2) in enumerate(LEVELS):
            merged = (f"<td rowspan=6>{p}</td><td rowspan=6>第{p}路段养护</td><td rowspan=6>{p}0.50</td>"
                      f"<td rowspan=6>完成第{p}路段养护任务，确保路况良好。</td>") if i == 0 else ""
            rows.append(f"<tr>{merged}<td>{level1}</td><td>{level2}</td><td>指标{p}-{i + 1}</td><td>≥{p}{i}.5%</td></tr>")
    return "".join(rows)


def excel_print(path: Path, projects: int) -> Path:
    """As Excel prints a sheet whose title rows are set to print on every page (页面设置 → 打印标题): the title,
    "单位：万元" and the header row at the top of each page, and "第 1 页 共 2 页" at the foot."""
    from playwright.sync_api import sync_playwright

    head = "".join(f"<td>{text}</td>" for text in PDF_HEADER)
    body = (f"<table><thead><tr><td class=title colspan=8>{PDF_TITLE}</td></tr><tr><td class=unit colspan=8>单位：万元"
            f"</td></tr><tr>{head}</tr></thead><tbody>{project_rows(projects)}</tbody></table>")
    footer = ("<div style='font-size:9pt;width:100%;text-align:center'>第 <span class=pageNumber></span> 页 共 "
              "<span class=totalPages></span> 页</div>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        sheet = browser.new_page()
        sheet.set_content(f"<!doctype html><html lang=zh-CN><meta charset=utf-8><style>{PDF_STYLE}</style>"
                          f"<body>{body}</body></html>")
        sheet.pdf(path=str(path), format="A4", print_background=True, display_header_footer=True,
                  header_template="<span></span>", footer_template=footer,
                  margin={side: "15mm" for side in ("top", "bottom", "left", "right")})
        browser.close()
    return path


def test_title_and_unit_printed_on_every_page_read_once(tmp_path):
    """Six projects over two portrait pages, the sixth cut by the page break after its fifth indicator. Before: the
    title and 单位 on page 2 cut the table; the sixth project's last indicator was listed 未放入 ("此行之前没有项目
    名称") and an empty seventh project was made."""
    result = import_new(excel_print(tmp_path / "打印标题.pdf", 6), tmp_path, "jtj")
    projects = result.filing["projects"]
    assert [(p["number"], p["name"], str(p["budget"]["total"])) for p in projects] == [
        (n, f"第{n}路段养护", f"{n}0.50") for n in range(1, 7)]
    assert [[i["name"] for i in p["goals"][0]["indicators"]] for p in projects] == [
        [f"指标{n}-{i}" for i in range(1, 7)] for n in range(1, 7)]
    assert projects[5]["goals"][0]["indicators"][5] == {
        "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "指标6-6", "value": "≥65.5%"}
    assert result.filing["title"] == PDF_TITLE
    assert not_placed(result) == []
    assert (f"第2页开头的“{PDF_TITLE}”“单位：万元”与前面的标题、单位行相同，是每页重复打印的（如 Excel 的“打印标题”），"
            "下面的表格接着上一页，只读入一次。") in result.remarks


def test_guard_one_page_keeps_its_title_and_unit(tmp_path):
    """A form that fits one page: the title and 单位 are read, as always."""
    result = import_new(excel_print(tmp_path / "一页.pdf", 2), tmp_path, "jtj")
    assert result.filing["title"] == PDF_TITLE and result.filing["money_unit"] == "万元"
    assert [p["name"] for p in result.filing["projects"]] == ["第1路段养护", "第2路段养护"]
    assert not any("打印标题" in remark for remark in result.remarks)
    assert not_placed(result) == []


NESTED_FORM = """<p>填报单位：某县交通运输局</p><p>单位：万元</p>
<table border="1"><caption>2026年项目支出绩效目标表</caption>
<tr><td>项目名称</td><td>农村公路养护</td><td>项目金额</td><td>300.00</td></tr>
<tr><td>年度目标</td><td colspan="3">完成农村公路养护300公里。</td></tr>
<tr><td>绩效指标</td><td colspan="3">
  <table border="1"><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
  <tr><td>产出指标</td><td>数量指标</td><td>养护里程</td><td>300公里</td></tr>
  <tr><td>效益指标</td><td>社会效益指标</td><td>通行条件</td><td>改善</td></tr></table>
</td></tr></table>"""


def test_indicator_table_nested_in_the_project_form(tmp_path):
    """The indicator table sits in the form's “绩效指标” cell (a Word table nested in a cell, pasted into the CMS).
    Before, the whole form was taken for page layout: 项目名称, 项目金额 and their values were listed 未放入 one by one,
    and the project's 年度目标 and indicators became the department's goal. Now the rows around the nested table are
    the form's table, as in Word: one project with its goal and indicators; only the label “绩效指标” is left."""
    result = imported_page(page(NESTED_FORM), tmp_path, "nested")
    filing = result.filing
    assert "goals" not in filing
    [project] = filing["projects"]
    assert (project["name"], str(project["budget"]["total"])) == ("农村公路养护", "300.00")
    assert project["goals"][0]["text"] == "完成农村公路养护300公里。"
    assert [(i["level1"], i["name"], i["value"]) for i in project["goals"][0]["indicators"]] == [
        ("产出指标", "养护里程", "300公里"), ("效益指标", "通行条件", "改善")]
    assert filing["title"] == "2026年项目支出绩效目标表"
    assert [text for text, _ in not_placed(result)] == [HEADLINE, PUBLISHED_TEXT, "绩效指标"]


# --- the withheld notice and the total as rows of the 项目支出绩效目标表 -------------------------------------------

def listed_projects_table() -> FormTable:
    """部门预算公开's 项目支出绩效目标表: each project's cells merged down over its indicator rows; the notice of the
    withheld projects a row across the table between two projects; a 合计 row at the foot."""
    table = FormTable()
    table.add("序号", "项目名称", "预算单位", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值")
    table.add("1", "农村公路养护", "某县公路中心", "300.00", "完成养护300公里。", "产出指标", "数量指标", "养护里程", "300公里")
    table.add("", "", "", "", "", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")
    for column in range(5):
        table.merge_down(column, 1, 2)
    table.add(("2-3号项目涉密，暂不公开。", 9))
    table.add("4", "公交补贴", "某县交通运输局", "80.00", "保障城乡公交运营。", "产出指标", "数量指标", "公交线路", "12条")
    table.add("", "", "", "", "", "效益指标", "社会效益指标", "出行便利", "提升")
    for column in range(5):
        table.merge_down(column, 4, 5)
    table.add(("合计", 3), "380.00", "", "", "", "", "")
    return table


@pytest.mark.parametrize("suffix", ["html", "xlsx"])
def test_notice_and_total_rows_inside_the_project_table(tmp_path, suffix):
    """Before: the notice row ended the table, so project 4 and the 合计 row were listed 未识别 one cell at a time;
    and a 合计 row under the projects (without the notice too) became a project with no name whose budget was the
    total (380.00). Now the notice is a withheld record where it stands, the projects below it go on under the
    header, and the 合计 row is listed 未放入 as the project list's total."""
    blocks = [FormText("某县交通运输局2026年项目支出绩效目标表"), FormText("单位：万元"), listed_projects_table()]
    source = tmp_path / f"项目表.{suffix}"
    if suffix == "html":
        source.write_text(form_html(blocks), encoding="utf-8")
    else:
        write_xlsx(blocks, source)
    result = import_new(source, tmp_path, "jtj")
    projects = result.filing["projects"]
    assert [p.get("number", p.get("withheld", {}).get("numbers")) for p in projects] == [1, [2, 3], 4]
    road, withheld, bus = projects
    assert (road["name"], str(road["budget"]["total"]), len(road["goals"][0]["indicators"])) == ("农村公路养护", "300.00", 2)
    assert (withheld["withheld"]["notice"], withheld["withheld"]["reason"]) == ("2-3号项目涉密，暂不公开。", "涉密")
    assert (bus["name"], bus["budget_unit"], str(bus["budget"]["total"])) == ("公交补贴", "某县交通运输局", "80.00")
    assert [(i["name"], i["value"]) for i in bus["goals"][0]["indicators"]] == [("公交线路", "12条"), ("出行便利", "提升")]
    total = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"
    assert not_placed(result) == [("合计", total), ("380.00", total)]
    assert result.check.problems == []


# --- PDF: a row the page break cut in two ---------------------------------------------------------------------

def printed(page_body: str, path: Path, style: str = "") -> Path:
    """The body printed on portrait A4 by Chromium, "第 1 页 共 3 页" at the foot; rows break across pages, as
    Word's 允许跨页断行 (on by default) breaks them."""
    from playwright.sync_api import sync_playwright

    footer = ("<div style='font-size:9pt;width:100%;text-align:center'>第 <span class=pageNumber></span> 页 共 "
              "<span class=totalPages></span> 页</div>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        sheet = browser.new_page()
        sheet.set_content(f"<!doctype html><html lang=zh-CN><meta charset=utf-8><style>{PDF_STYLE}{style}</style>"
                          f"<body>{page_body}</body></html>")
        sheet.pdf(path=str(path), format="A4", print_background=True, display_header_footer=True,
                  header_template="<span></span>", footer_template=footer,
                  margin={side: "15mm" for side in ("top", "bottom", "left", "right")})
        browser.close()
    return path


DEPARTMENT_HEAD = """<p style='text-align:center;font-size:14pt'>某县交通运输局2026年度部门整体支出绩效目标表</p>
<table><tr><td style='width:20%'>部门（单位）名称</td><td>某县交通运输局</td></tr>
<tr><td>年度总体目标</td><td>完成养护任务。</td></tr></table><p>　</p>"""
INDICATOR_HEAD = "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>指标值确定依据</td></tr>"


def basis(n: int) -> str:
    return "".join(f"依据{n}-{k}：按照省厅年度养护计划和县政府工作报告确定本项指标的目标值。" for k in range(1, 9))


def test_a_long_cell_cut_by_the_page_break_is_one_indicator(tmp_path):
    """Long 指标值确定依据 cells: the page breaks inside a row, whose cell goes on at the top of the next page. The rest
    is read back into the row it was cut from, said in a remark: each indicator's basis whole, no row of its own."""
    rows = "".join(f"<tr>{'<td rowspan=14>产出指标</td>' if n == 1 else ''}<td>数量指标</td><td>路段{n}养护</td>"
                   f"<td>≥{n}.00公里</td><td>{basis(n)}</td></tr>" for n in range(1, 15))
    source = printed(f"{DEPARTMENT_HEAD}<table><thead>{INDICATOR_HEAD}</thead><tbody>{rows}</tbody></table>",
                     tmp_path / "跨页断行.pdf", "td:nth-child(5) { width: 55%; }")
    result = import_new(source, tmp_path, "jtj")
    assert result.filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": f"路段{n}养护", "value": f"≥{n}.00公里", "basis": basis(n)}
        for n in range(1, 15)]
    assert not_placed(result) == []
    assert len([remark for remark in result.remarks if "被分页切开" in remark]) == 2


def test_a_narrow_label_cut_by_the_page_break(tmp_path):
    """Narrow label columns: "产出指标" takes four lines, and the break falls between "产出" and "指标". Before: an
    indicator "路段" of 一级指标 "产出", then one named "11" of 一级指标 "指标" with no value."""
    rows = "".join(f"<tr><td>产出指标</td><td>数量指标</td><td>路段{n}</td><td>≥{n}.00公里</td>"
                   f"<td>{basis(n) if n == 14 else '按计划确定'}</td></tr>" for n in range(1, 30))
    source = printed(f"{DEPARTMENT_HEAD}<table><thead>{INDICATOR_HEAD}</thead><tbody>{rows}</tbody></table>",
                     tmp_path / "窄列断行.pdf")
    result = import_new(source, tmp_path, "jtj")
    assert result.filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": f"路段{n}", "value": f"≥{n}.00公里",
         "basis": basis(n) if n == 14 else "按计划确定"} for n in range(1, 30)]
    assert not_placed(result) == [] and result.check.problems == []
