"""`gongkai import` of a disclosure page saved from a government portal (.html).

The form's tables sit in the article body; around them is the portal's page: menus, breadcrumbs, the publishing
line, print and share links, lists of other articles, the footer, scripts and styles, and on old portals one outer
<table> that lays out the whole page with the form's tables nested in its cells. The filing must come out as from
the form by itself: the page's furniture is left out (one remark says so), the publishing line and an attachment
link are listed 未放入 with why, and the page's 发布时间 is not taken for the filing's 公开日期 (published_on).
"""

from __future__ import annotations

import html
from pathlib import Path

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormText, form
from tests.forms.render import _html_table, form_html, seed_filings

SEED = next(filing for filing in seed_filings() if filing.department.id == "ezhou-sfj")
PUBLISHING = "发布时间：2026-02-10 来源：某县财政局 浏览次数：123"
PUBLISHING_REASON = ("网页的发布信息，不是原表的内容。网页的发布时间是网页发布或最后更新的时间，不一定是这份文件的公开日期，"
                     "导入没有把它录入为公开日期（published_on）；核实后可手工录入")
ATTACHMENT_REASON = "网页的附件链接（/files/P020260210.xlsx）：附件是另一个文件，导入没有读它；附件是绩效目标表时，请下载后另行导入"
HEADLINE = "某县2026年部门预算绩效目标"

TOP = f"""<div class="top"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/xxgk/">信息公开</a></li></ul><form><input name=q><button>搜索</button></form></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; 预算公开</div>
<h1>{HEADLINE}</h1>
<div class="info"><span>发布时间：2026-02-10</span> <span>来源：某县财政局</span> <span>浏览次数：123</span></div>"""
BOTTOM = """<div class="att">附件：<a href="/files/P020260210.xlsx">2026年绩效目标表.xlsx</a></div>
<div class="share">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】
分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="rel"><h3>相关文章</h3><ul><li><a href="/a/1.html">某县2025年部门预算公开</a></li>
<li><a href="/a/2.html">关于开展预算绩效管理工作的通知</a></li></ul></div>
<div class="foot"><p>版权所有：某县人民政府 主办单位：某县人民政府办公室</p>
<p>网站标识码：1234567890 <a href="https://beian.miit.gov.cn">京ICP备12345678号</a></p></div>
<script>document.write("首页");</script><style>.nav { color: red }</style>"""
FURNITURE = ("网页中的导航、栏目位置、打印分享、相关文章链接和页脚等网站界面文字共 10 段（如“首页”“政务公开”“信息公开”），"
             "不是原表的内容，未读入，也不列在“未放入”中。")


def body(blocks) -> str:
    return "\n".join(f"<p>{html.escape(b.text)}</p>" if isinstance(b, FormText) else _html_table(b) for b in blocks)


def portal_page(article: str) -> str:
    """A newer portal: the article body in a <div> between the page's parts."""
    return f"<!doctype html><html><head><title>某县人民政府</title></head><body>{TOP}<div class=content>{article}</div>" \
           f"{BOTTOM}</body></html>"


def old_portal_page(article: str) -> str:
    """An old portal: the whole page laid out in one <table>, the article (and so the form's tables) inside its cells."""
    return f"<html><body><table width=1000><tr><td>{TOP}</td></tr><tr><td><table><tr><td width=20></td><td>{article}" \
           f"</td></tr></table></td></tr><tr><td>{BOTTOM}</td></tr></table></body></html>"


def imported(page: str, tmp_path: Path, name: str, department: str = "ezhou-sfj") -> ImportResult:
    folder = tmp_path / name
    folder.mkdir()
    source = folder / "page.html"
    source.write_text(page, encoding="utf-8")
    return import_new(source, folder, department)


def test_portal_page_imports_as_the_bare_form(tmp_path):
    """The same filing as the form alone; only the headline, the publishing line and the attachment are listed."""
    blocks = form(SEED, "standard")
    bare = imported(form_html(blocks), tmp_path, "bare")
    page = imported(portal_page(body(blocks)), tmp_path, "page")
    assert bare.imported.not_placed == []
    assert page.filing == bare.filing
    assert page.filing["title"] == "2025年部门整体绩效目标批复" and "published_on" not in page.filing
    assert not_placed(page) == [
        (HEADLINE, "网页的文章标题；原表有自己的标题“2025年部门整体绩效目标批复”，文件名称按原表录入，这一行未录入"),
        (PUBLISHING, PUBLISHING_REASON),
        ("附件：2026年绩效目标表.xlsx", ATTACHMENT_REASON)]
    assert page.remarks == (FURNITURE,)


def test_old_portal_laid_out_in_a_table(tmp_path):
    """The outer layout table and the one-cell frame are no tables of the form: the nested form tables are read."""
    blocks = form(SEED, "standard")
    bare = imported(form_html(blocks), tmp_path, "bare")
    page = imported(old_portal_page(body(blocks)), tmp_path, "page")
    assert page.filing == bare.filing
    assert [t.kind for t in page.imported.tables] == [t.kind for t in bare.imported.tables]
    assert [text for text, _ in not_placed(page)] == [HEADLINE, PUBLISHING, "附件：2026年绩效目标表.xlsx"]
    assert page.remarks == (FURNITURE,)


def test_headline_is_the_title_when_the_form_has_none(tmp_path):
    """Without a title of the form's own, the article's headline is the only title there is, and is read as one."""
    blocks = [b for b in form(SEED, "standard") if not (isinstance(b, FormText) and "绩效目标" in b.text)]
    page = imported(portal_page(body(blocks)), tmp_path, "page")
    assert page.filing["title"] == HEADLINE
    assert not_placed(page) == [(PUBLISHING, PUBLISHING_REASON), ("附件：2026年绩效目标表.xlsx", ATTACHMENT_REASON)]


INDICATORS = """
<p style="text-align:center"><font size=4><b>某县农业农村局2026年部门整体支出绩效目标表</b></font></p>
<p>单位：万元</p>
<table border=1>
<tr><td>部门（单位）名称</td><td colspan=4><a href="/bm/nyj.html">某县农业农村局</a></td></tr>
<tr><td>年度总体目标</td><td colspan=4>完成高标准农田建设&nbsp;1.2&nbsp;万亩。</td></tr>
</table>
<p>年度目标：保障粮食安全。</p>
<table border=1>
<tr><th>一级<br>指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>指标解释</th></tr>
<tr><td rowspan=2><span style="font-family:宋体">产出指标</span></td><td rowspan=2>数量指标</td>
<td>&nbsp;&nbsp;高标准农田建设面积&nbsp;</td><td><font color=red>≥1.2万亩</font></td>
<td><p>按省下达任务确定。</p><p>以验收面积为准。</p></td></tr>
<tr><td>培训<br>人次</td><td>&nbsp;≥500&nbsp;人次&nbsp;</td><td>&nbsp;</td></tr>
</table>"""


def test_cells_as_the_browser_shows_them(tmp_path):
    """<br> and the paragraphs in a cell are line breaks, &nbsp; padding is not text, <font>/<span> are only style,
    and a link inside the form (the department's name) is the form's text, not page furniture."""
    page = imported(portal_page(INDICATORS), tmp_path, "page", department="nyj")
    filing = page.filing
    assert filing["department"]["name"] == "某县农业农村局"
    assert filing["overall_goal"] == "完成高标准农田建设 1.2 万亩。"
    assert filing["goals"][0]["text"] == "年度目标：保障粮食安全。"
    assert filing["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "高标准农田建设面积", "value": "≥1.2万亩",
         "description": "按省下达任务确定。\n以验收面积为准。"},
        {"level1": "产出指标", "level2": "数量指标", "name": "培训\n人次", "value": "≥500 人次"}]
    assert [text for text, _ in not_placed(page)] == [HEADLINE, PUBLISHING, "附件：2026年绩效目标表.xlsx"]
