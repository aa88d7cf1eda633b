"""`gongkai import` of copied text and saved web pages: the follow-ups the last round left.

1. A copied indicator table whose 二级指标 broke onto a second line left of the row's middle (2 + 3 cells in a table 4
   wide) was read as two rows whose merged slots were dropped: "产出指标" filed as a 三级指标, "质量指标（验收" as its
   value. The 一级指标 words say which: joined, they stand in the 一级指标 column; right-aligned, they do not.
2. A row's first cell broken over lines ("效益" over "指标 | 社会效益指标 | …", "序" over "号 | 项目名称 | …", "产/出/
   指/标"): the lines were rows of one cell, "指标" read as the 一级指标 and "效益" listed. They are one cell when
   together they make a 一级/二级 label or the row's header.
3. "100 200" in an amount cell was read as 100200 (two figures joined into one): now listed. A figure grouped by
   spaces is read only with its decimals ("1 234 567.50").
4. Saved pages: a .mht whose page imports its style sheet (`@import`) from another part (before: the junk the sheet
   hides was read, 1720.50); text moved off by `text-indent:-9999px` (before: read into the goal); text the sheet
   writes by `::before { content: "1" }` (before: 20.50 for the 120.50 shown); two hidden pieces of one cell hidden
   two ways were both listed with the second's way.
5. A notice naming a withheld project without its number ("注：战备公路养护项目涉密，不予公开。"): before, the project
   was published in full and the notice listed. The one listed project of exactly that name is withheld (its cells
   listed, never published); a name no project or several have is listed, saying why.
Guards: rows short for dropped slots are not joined; a clearfix's empty content and an icon font's glyph write no
text; a print-only @import does not apply; a notice with a number is read as before.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_portal_shown import GOAL, INDICATORS, TITLE, page, project_form, read, rows, web_archive
from tests.test_import_portal_shown import imported as page_imported
from tests.test_import_portal_shown import listed as page_listed
from tests.test_import_tasks import as_written

ROAD_GOAL = "完成农村公路养护300公里"


def imported(lines: list[str], tmp_path: Path) -> ImportResult:
    """The copied text written as the department's .txt and imported with year and kind from the form."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = folder / "原表.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_new(source, folder, "dept", kind="申报", year=None)


FORM_HEAD = ["2026年项目支出绩效目标表", "单位：万元", "部门名称\t某县交通运输局", "项目名称\t农村公路养护工程",
             "项目金额\t85.50", f"年度目标\t{ROAD_GOAL}", ""]
HEAD = "一级指标\t二级指标\t三级指标\t指标值"
FIRST = "产出指标\t数量指标\t养护里程\t≥300公里"
LAST = "效益指标\t社会效益指标\t群众出行满意度\t≥90%"
MILEAGE = {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里"}
SATISFACTION = {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行满意度", "value": "≥90%"}


def indicators_read(result: ImportResult) -> list[dict]:
    return as_written(result.filing["projects"][0]["goals"][0]["indicators"])


# --- 1. a break left of the row's middle ------------------------------------------------------------------------------

def test_a_break_left_of_the_middle_placed_by_the_level1_word(tmp_path: Path) -> None:
    """2 + 3 cells in a table 4 wide. Before: 三级指标 "产出指标", 指标值 "质量指标（验收", then 二级指标 "合格）"."""
    result = imported(FORM_HEAD + [HEAD, FIRST, "产出指标\t质量指标（验收", "合格）\t养护工程验收合格率\t100%", LAST],
                      tmp_path)
    assert indicators_read(result) == [
        MILEAGE, {"level1": "产出指标", "level2": "质量指标（验收\n合格）", "name": "养护工程验收合格率", "value": "100%"},
        SATISFACTION]
    assert not_placed(result) == []


def test_rows_short_for_dropped_slots_stay_apart(tmp_path: Path) -> None:
    """Guard: 2 + 3 cells that are rows under merged slots a web page dropped (no 一级指标 word among them): not one."""
    result = imported(FORM_HEAD + [HEAD, FIRST, "桥梁检测座数\t40座", "质量指标\t养护工程验收合格率\t100%", LAST], tmp_path)
    assert [(i["level2"], i["name"], i["value"]) for i in indicators_read(result)] == [
        ("数量指标", "养护里程", "≥300公里"), ("数量指标", "桥梁检测座数", "40座"), ("质量指标", "养护工程验收合格率", "100%"),
        ("社会效益指标", "群众出行满意度", "≥90%")]


# --- 2. a break in the row's first cell -------------------------------------------------------------------------------

def test_a_level1_label_broken_over_lines(tmp_path: Path) -> None:
    """Before: "效益" listed as a row of one cell, "指标" read as the 一级指标; "产/出/指/标" and "一级/指标" alike."""
    result = imported(FORM_HEAD + ["一级", "指标\t二级指标\t三级指标\t指标值", "产", "出", "指", "标\t数量指标\t养护里程\t≥300公里",
                                   "效益", "指标\t社会效益指标\t群众出行满意度\t≥90%"], tmp_path)
    assert indicators_read(result) == [MILEAGE, SATISFACTION]
    assert not_placed(result) == []
    assert any(remark.startswith("第8–9行、第10–13行、第14–15行各是表格的一行，第一格断成了几行")
               for remark in result.imported.remarks)


def test_a_serial_head_broken_over_two_lines(tmp_path: Path) -> None:
    """"序" over "号 | 项目名称 | …": before, "序" was listed and 号 was no 序号 column (the numbers were not read)."""
    result = imported(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：万元", "",
                       "序", "号\t项目名称\t项目金额\t年度绩效目标", f"1\t农村公路养护工程\t85.50\t{ROAD_GOAL}",
                       "2\t桥梁检测\t20.00\t完成桥梁检测40座"], tmp_path)
    assert [(p["number"], p["name"]) for p in result.filing["projects"]] == [(1, "农村公路养护工程"), (2, "桥梁检测")]
    assert not_placed(result) == []


def test_a_line_above_a_header_stays_a_line(tmp_path: Path) -> None:
    """Guard: a short line above a table's header (a heading, the unit) is no part of the header's first cell."""
    result = imported(FORM_HEAD + ["绩效指标", HEAD, FIRST, LAST], tmp_path)
    assert indicators_read(result) == [MILEAGE, SATISFACTION]


# --- 3. two figures in one amount cell --------------------------------------------------------------------------------

def test_two_figures_in_one_amount_cell_are_never_joined(tmp_path: Path) -> None:
    """Before: "100 200" read as 100200 with a note. "1 234 567.50" is one figure, its decimals once, and is read."""
    result = imported(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：元", "",
                       "序号\t项目名称\t项目金额\t年度绩效目标", f"1\t农村公路养护工程\t100 200\t{ROAD_GOAL}",
                       "2\t桥梁检测\t1 234 567.50\t完成桥梁检测40座"], tmp_path)
    assert [p.get("budget") for p in as_written(result.filing["projects"])] == [None, {"total": "1234567.50"}]
    assert not_placed(result) == [("100 200", "金额“100 200”是用空格隔开的几个数字（可能是一格中的几个金额，也可能是用空格分隔千分位的"
                                              "一个数），导入不把它们连成一个数，未录入")]


# --- 4. saved pages ---------------------------------------------------------------------------------------------------

def hidden_reason(way: str) -> str:
    return (f"网页中设为隐藏（{way}）的文字，夹在显示的文字中间（浏览器不显示也不打印；有的网站在数字中插入隐藏的干扰字符防复制，"
            "也可能是不公开的内容），没有读入：读入的是浏览器显示的文字，请对照网页核对")


@pytest.mark.parametrize("rule", ['@import url("../../css/main.css");', '@import "/zwgk/css/main.css" screen;'])
def test_a_web_archive_sheet_imported_by_the_page(tmp_path: Path, rule: str) -> None:
    """Before: the imported sheet was not applied, the junk it hides read into the figure (1720.50)."""
    html_text = page(project_form('1<span class="ts">7</span>20.50', GOAL, rows()), style=rule)
    source = tmp_path / "page.mht"
    source.write_bytes(web_archive(html_text, ".article .ts{display:none}"))
    result = import_new(source, tmp_path, "mzj")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert page_listed(result) == [("表1 第1行第4格（隐藏文字）", "7", hidden_reason("display:none"))]


def test_a_print_sheet_imported_does_not_apply(tmp_path: Path) -> None:
    """Guard: `@import … print;` is for paper only: the article it hides shows, and is read."""
    html_text = page(project_form("120.50", GOAL, rows()), style='@import url("../../css/main.css") print;')
    source = tmp_path / "page.mht"
    source.write_bytes(web_archive(html_text, ".article{display:none}"))
    result = import_new(source, tmp_path, "mzj")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert page_listed(result) == []


def test_text_moved_off_by_text_indent(tmp_path: Path) -> None:
    """Before: the paragraph moved off the page was read into the goal, the digit into the figure (1720.50)."""
    article = project_form('1<span class="ti">7</span>20.50', f'{GOAL}<p style="text-indent:-9999px">内部备注</p>', rows())
    result = page_imported(page(article, ".ti{display:inline-block;text-indent:-9999em}"), tmp_path, "indent")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, INDICATORS)
    assert page_listed(result) == [
        ("表1 第1行第4格（隐藏文字）", "7", hidden_reason("首行缩进到页面之外 text-indent:-9999em")),
        ("表1 第2行第2格（隐藏文字）", "内部备注", hidden_reason("首行缩进到页面之外 text-indent:-9999px"))]


def test_text_written_by_the_style_sheet_is_read(tmp_path: Path) -> None:
    """Before: "<span class=n1></span>20.50" read as 20.50, the "1" the browser shows before it lost. A clearfix's
    empty content, an icon font's glyph and a star are not text of the form (guard)."""
    style = ('.n1::before{content:"1"} .n9:before{content:"9"} .n9.x::before{content:"2"} .cf:after{content:""}'
             ' .ic::before{content:"\\e601"} .req::before{content:"*"}')
    article = project_form('<span class="n1"></span>20.50', GOAL, rows(first='≥1<i class="n9 x"></i>00人')).replace(
        "<td>项目名称</td>", '<td class="req cf">项目名称</td>').replace("<td>年度目标</td>", '<td class="ic">年度目标</td>')
    result = page_imported(page(article, style), tmp_path, "before")
    assert read(result) == (TITLE, "城市低保资金", "120.50", GOAL, [("产出指标", "数量指标", "保障人数", "≥1200人"),
                                                                 INDICATORS[1]])
    assert page_listed(result) == []
    assert any(remark.startswith("网页的样式表在一些内容的前后写了文字（::before、::after 的 content：“1”、“2”")
               for remark in result.remarks)


def test_two_pieces_of_a_cell_hidden_two_ways(tmp_path: Path) -> None:
    """Before: both listed with the second's way (字号为 0), the white digit's way lost."""
    article = project_form('1<font color="#ffffff">7</font>2<span style="font-size:0">1</span>0.50', GOAL, rows())
    result = page_imported(page(article), tmp_path, "ways")
    assert read(result)[2] == "120.50"
    assert page_listed(result) == [("表1 第1行第4格（隐藏文字）", "7", hidden_reason("白底白字 color:#ffffff")),
                                   ("表1 第1行第4格（隐藏文字）", "1", hidden_reason("字号为 0 font-size:0"))]


# --- 5. a withheld project named, not numbered ------------------------------------------------------------------------

LIST_HEAD = ["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：万元", "", "序号\t项目名称\t项目金额\t年度绩效目标",
             f"1\t农村公路养护工程\t85.50\t{ROAD_GOAL}"]
ROAD = {"number": 1, "name": "农村公路养护工程", "budget": {"total": "85.50"},
        "goals": [{"id": "annual", "kind": "年度", "text": ROAD_GOAL}]}
NOTICE = "注：战备公路养护项目涉密，不予公开。"
CELL_REASON = f"原表说明“{NOTICE}”指出这个项目不予公开：它在项目表中的内容未录入，也不在网站上显示（不予公开记录只记序号、理由和依据）"


def test_a_withheld_project_named_in_the_notice(tmp_path: Path) -> None:
    """Before: project 2 published with its amount and goal, the notice listed as a note on the table."""
    result = imported(LIST_HEAD + ["2\t战备公路养护项目\t30.00\t完成战备公路养护", "3\t桥梁检测\t20.00\t完成桥梁检测40座", "",
                                   NOTICE], tmp_path)
    projects = as_written(result.filing["projects"])
    assert projects[0] == ROAD and projects[2]["name"] == "桥梁检测"
    assert projects[1]["withheld"] == {"numbers": [2, 2], "notice": NOTICE, "reason": "涉密"}
    assert "战备" not in str({k: v for k, v in projects[1].items() if k != "withheld" and k != "notes"})
    assert not_placed(result) == [(text, CELL_REASON) for text in ("战备公路养护项目", "30.00", "完成战备公路养护")]


def test_a_withheld_project_with_indicator_rows(tmp_path: Path) -> None:
    """A list with indicator columns: the project's indicator rows under its row are withheld with it."""
    head = "序号\t项目名称\t项目金额\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值"
    result = imported(LIST_HEAD[:4] + [head, f"1\t农村公路养护工程\t85.50\t{ROAD_GOAL}\t{FIRST}",
                                       "2\t战备公路养护项目\t30.00\t完成战备公路养护\t产出指标\t数量指标\t养护战备公路\t≥40公里",
                                       "\t\t\t\t效益指标\t社会效益指标\t战备通行保障率\t100%", "", NOTICE], tmp_path)
    projects = as_written(result.filing["projects"])
    assert [p.get("name") for p in projects] == ["农村公路养护工程", None]
    assert projects[1]["withheld"]["numbers"] == [2, 2]
    assert [text for text, why in not_placed(result) if why == CELL_REASON] == [
        "战备公路养护项目", "30.00", "完成战备公路养护", "产出指标", "数量指标", "养护战备公路", "≥40公里", "效益指标", "社会效益指标",
        "战备通行保障率", "100%"]


@pytest.mark.parametrize("names, why", [(["桥梁检测"], "项目表中没有这个名称的项目"),
                                        (["战备公路养护项目", "战备公路养护项目"], "有2处同名的项目（或同一项目的几张表）")])
def test_a_named_notice_that_matches_no_one_project_is_listed(tmp_path: Path, names: list[str], why: str) -> None:
    """Never withheld by a guess: no project of that name, or two."""
    rows_ = [f"{n}\t{name}\t20.00\t目标{n}" for n, name in enumerate(names, 2)]
    result = imported(LIST_HEAD + rows_ + ["", NOTICE], tmp_path)
    assert [p["name"] for p in result.filing["projects"]] == ["农村公路养护工程", *names]
    assert not_placed(result) == [(NOTICE, f"原表的不公开说明写了项目名称“战备公路养护项目”而没有序号：{why}，导入不猜测是哪一个项目，"
                                           "未录入；请核对后手工录入不予公开记录，并确认该项目的内容没有公开")]


def test_a_numbered_notice_is_read_as_before(tmp_path: Path) -> None:
    """Guard: "第3号项目涉密，不予公开" is the withheld record of number 3, project 2 published."""
    result = imported(LIST_HEAD + ["2\t桥梁检测\t20.00\t完成桥梁检测40座", "", "注：第3号项目涉密，不予公开。"], tmp_path)
    projects = as_written(result.filing["projects"])
    assert [p.get("name") for p in projects] == ["农村公路养护工程", "桥梁检测", None]
    assert projects[2]["withheld"]["numbers"] == [3, 3]
    assert not_placed(result) == []


# --- 6. a Word table pasted one cell per line, the note typed right under it ------------------------------------------

@pytest.mark.parametrize("total", [True, False])
def test_a_notice_typed_right_under_a_word_table(tmp_path: Path, total: bool) -> None:
    """No blank line between the table's last cell and the notice. Before: the notice was read as the last cell's
    next paragraph: with a 合计 row it was listed as the total's, without, it was the goal's second line; either way
    no withheld record."""
    cells = [["序号", "项目名称", "项目金额", "年度绩效目标"], ["1", "农村公路养护工程", "85.50", ROAD_GOAL],
             ["2", "桥梁检测", "20.00", "完成桥梁检测40座"], *([["合计", "", "105.50", ""]] if total else [])]
    lines = ["2026年部门预算项目支出表", "", "部门名称：某县交通运输局", "单位：万元", ""]
    for row in cells:
        lines += [f"\t{cell}" for cell in row] + [""]
    result = imported(lines[:-1] + ["注：第3号项目涉密，不予公开。"], tmp_path)
    projects = as_written(result.filing["projects"])
    assert projects[:2] == [ROAD, {"number": 2, "name": "桥梁检测", "budget": {"total": "20.00"},
                                   "goals": [{"id": "annual", "kind": "年度", "text": "完成桥梁检测40座"}]}]
    assert projects[2]["withheld"] == {"numbers": [3, 3], "notice": "注：第3号项目涉密，不予公开。", "reason": "涉密"}
    total_reason = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"
    assert not_placed(result) == ([("合计", total_reason), ("105.50", total_reason)] if total else [])


def test_a_cell_paragraph_before_more_rows_stays_in_its_cell(tmp_path: Path) -> None:
    """Guard: a cell's second paragraph that says 注 with more rows of the table after it is the cell's."""
    cells = [["序号", "项目名称", "项目金额", "年度绩效目标"], ["1", "农村公路养护工程", "85.50", ROAD_GOAL],
             ["2", "桥梁检测", "20.00", "完成桥梁检测40座"]]
    lines = ["2026年部门预算项目支出表", "", "部门名称：某县交通运输局", "单位：万元", ""]
    for row in cells:
        lines += [f"\t{cell}" for cell in row] + (["注：含上年结转。"] if row[0] == "1" else []) + [""]
    result = imported(lines, tmp_path)
    assert as_written(result.filing["projects"])[0]["goals"][0]["text"] == f"{ROAD_GOAL}\n注：含上年结转。"
    assert not_placed(result) == []


# --- 7. a note row under an indicator table that keeps its blank slots ------------------------------------------------

def test_a_note_row_under_an_excel_copy_is_no_indicator(tmp_path: Path) -> None:
    """An Excel copy keeps a merged 一级指标's slots blank, and the note under the table as a row of blank cells.
    Before: "注：指标值为年度目标。" was published as an indicator whose 一级指标 it was."""
    result = imported(FORM_HEAD + ["一级指标\t二级指标\t三级指标\t指标值\t备注", f"{FIRST}\t", "\t质量指标\t验收合格率\t100%\t",
                                   f"{LAST}\t", "注：指标值为年度目标。\t\t\t\t"], tmp_path)
    assert indicators_read(result) == [
        MILEAGE, {"level1": "产出指标", "level2": "质量指标", "name": "验收合格率", "value": "100%"}, SATISFACTION]
    assert not_placed(result) == [("注：指标值为年度目标。", "指标表中只有这一格的一行（复制的文字中，表格下面或两张表之间只有一格的一行），"
                                                   "写的不是一级、二级指标，也没有三级指标和指标值，不是指标，未录入")]
