"""`gongkai import` of a whole 单位预算公开 report as counties publish it: printed to PDF from Word or WPS.

The report has a cover (the unit's title in large type, the date under it in small), a 目录 whose entries end in
leader dots and a page number, 第一部分 单位概况 (一、主要职能, 二、机构设置), the budget's explanations, 第三部分
其他重要事项的情况说明, 名词解释, the nine budget tables (some empty: "此表为空表"), then the 部门整体绩效目标表 and
one 项目支出绩效目标表 per project, one of them crossing a page break, and a withheld notice between two of them.

1. The cover's title and the date under it were one paragraph ("…2026年单位预算公开2026年2月"): a centred title
   in large type reaches the right margin, and a line that does goes on in the next. Now a line set in another
   size starts a paragraph of its own; and "单位预算公开" titles the report as "部门预算公开" does.
2. A right-aligned "单位：万元" over a table reaches the margin too: the first line under the table (a withheld
   notice, the empty table's "注：……此表为空表") was read as its continuation, and the notice was lost in it. A
   table between two lines now ends the paragraph.
3. The 目录's entries ("一、主要职能……3", the page number at the right margin) were one paragraph, running on into
   the "第一部分 单位概况" heading of the next page: a heading naming budget matters, whose part took the real "一、主要
   职能" chapter. Each entry is now a line of its own, listed as the contents' (never the heading it names).
4. "一、主要职能" (单位职责), the unit's chapter of its functions, was a section; it is `functions`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.forms.imports import import_new, not_placed
from tests.forms.render import CHROMIUM
from tests.test_import_tasks import as_written

UNIT = "某县自然资源和规划局"
TITLE = f"{UNIT}2026年单位预算公开"
OUTSIDE = "属于部门预算公开中“{}”这部分，不是绩效目标的内容，文件格式中没有对应的字段，未录入"
APPARATUS = "报告的目录或附件名称，不是绩效目标的内容，未录入"
BUDGET_TABLE = "部门预算公开的预算表（不是绩效目标，未录入）"
STYLE = """body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; font-size: 10.5pt; }
table { border-collapse: collapse; width: 100%; } td { border: 0.75pt solid #000; padding: 2pt 3pt; }
h1 { text-align: center; font-size: 20pt; } h2 { text-align: center; font-size: 16pt; } p { margin: 4pt 0; }
.brk { page-break-before: always; } .t { text-align: center; font-size: 13pt; } .u { text-align: right; }"""

Rows = list[list[str | tuple[str, int]]]


def grid(rows: Rows) -> str:
    """A ruled table; a cell given as (text, n) spans n columns."""
    def cell(value: str | tuple[str, int]) -> str:
        return f"<td colspan={value[1]}>{value[0]}</td>" if isinstance(value, tuple) else f"<td>{value}</td>"
    return "<table>" + "".join("<tr>" + "".join(cell(value) for value in row) + "</tr>" for row in rows) + "</table>"


def contents_entry(heading: str) -> str:
    """An entry of Word's 目录 as printed: the heading, leader dots, its page number at the right margin."""
    return (f"<p style='display:flex'><span>{heading}</span><span style='flex:1;overflow:hidden;white-space:nowrap'>"
            f"{'.' * 200}</span><span>{page_of(heading)}</span></p>")


def page_of(heading: str) -> int:
    return len(heading) % 5 + 3


def leaders_shortened(listed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The leader dots of a 目录 entry, however many the line holds, as "……"."""
    return [(re.sub(r"\.{4,}", "……", text), why) for text, why in listed]


CONTENTS = ["第一部分 单位概况", "一、主要职能", "二、机构设置", "第二部分 2026年单位收支预算情况说明",
            "第三部分 其他重要事项的情况说明", "第四部分 名词解释", "第五部分 附表"]
FUNCTIONS = ["（一）履行全民所有土地、矿产、森林、草原、湿地、水等自然资源资产所有者职责。", "（二）负责全县国土空间规划和用途管制工作。"]
BUDGET_PARTS = [("第二部分 2026年单位收支预算情况说明", [
    ("一、收支预算总体情况", "2026年收入预算总计2386.52万元，支出预算总计2386.52万元。"),
    ("二、一般公共预算支出情况", "自然资源海洋气象等支出（类）自然资源事务（款）行政运行（项）2200101，1321.98万元。")]),
    ("第三部分 其他重要事项的情况说明", [
        ("一、机关运行经费", "2026年机关运行经费预算为96.40万元。"),
        ("二、政府采购情况", "2026年政府采购预算总额为120.00万元。"),
        ("三、国有资产占有使用情况", "截至2025年12月31日，本单位共有车辆4辆。"),
        ("四、预算绩效管理情况", "2026年本单位实行绩效目标管理的项目3个，涉及资金866.34万元。")])]
GLOSSARY = ("第四部分 名词解释", "1.财政拨款收入：指县级财政当年拨付的资金。")
EMPTY_FUND = "注：本单位无政府性基金预算收支，此表为空表。"
TABLES: list[tuple[str, Rows]] = [
    ("表1 收支总表", [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
                  ["一、一般公共预算拨款收入", "2386.52", "一、自然资源海洋气象等支出", "2188.32"],
                  ["收入总计", "2386.52", "支出总计", "2386.52"]]),
    ("表2 收入总表", [["科目编码", "科目名称", "合计", "财政拨款收入"], ["2200101", "行政运行", "1321.98", "1321.98"]]),
    ("表3 支出总表", [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                  ["2200106", "自然资源利用与保护", "866.34", "", "866.34"]]),
    ("表4 财政拨款收支总表", [["项目", "预算数", "项目", "预算数"], ["一、本年收入", "2386.52", "一、本年支出", "2386.52"]]),
    ("表5 一般公共预算支出表", [[("功能分类科目编码", 3), "科目名称", "合计"], ["类", "款", "项", "", ""],
                        ["220", "01", "06", "自然资源利用与保护", "866.34"]]),
    ("表6 一般公共预算基本支出表", [["部门经济分类科目编码", "科目名称", "合计"], ["302", "商品和服务支出", "96.40"]]),
    ("表7 一般公共预算“三公”经费支出表", [["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
                               ["12.80", "0.00", "10.00", "2.80"]]),
    ("表8 政府性基金预算支出表", [["科目编码", "科目名称", "合计"], ["", "", ""]]),
    ("表9 国有资本经营预算支出表", [["科目编码", "科目名称", "合计"], [("本单位无国有资本经营预算收支，此表为空表。", 3)]])]
DEPARTMENT_INDICATORS = [["产出指标", "数量指标", "不动产登记办件量", "≥8000件"],
                         ["效益指标", "社会效益指标", "耕地保有量", "≥32.5万亩"],
                         ["满意度指标", "服务对象满意度指标", "办事群众满意度", "≥95%"]]
PROJECTS = [(1, "耕地保护补偿", "500.00", 4), (2, "国土空间规划编制", "266.34", 26), (4, "地质灾害防治", "100.00", 3)]
WITHHELD = "第3号项目涉密，不予公开。"


def indicator(name: str, n: int) -> list[str]:
    return ["产出指标", "数量指标", f"{name}指标{n}", f"≥{n}0.5处"]


def project_form(number: int, name: str, total: str, indicators: int) -> str:
    return (f"<p class=t>表11-{number} 2026年项目支出绩效目标表</p><p class=u>单位：万元</p>"
            + grid([["项目名称", (name, 3)], ["项目资金", "年度资金总额", (total, 2)],
                    ["年度目标", (f"完成{name}年度任务。", 3)], ["一级指标", "二级指标", "三级指标", "指标值"],
                    *[indicator(name, n) for n in range(1, indicators + 1)]]))


def report(title: str = f"<h1>{TITLE}</h1>") -> str:
    """The report's body: the cover, the 目录, the chapters, the nine tables, the goal forms."""
    body = f"{title}<p style='text-align:center'>2026年2月</p><h2 class=brk>目  录</h2>"
    body += "".join(contents_entry(heading) for heading in CONTENTS)
    body += "<h2 class=brk>第一部分 单位概况</h2><p>一、主要职能</p>" + "".join(f"<p>{line}</p>" for line in FUNCTIONS)
    body += "<p>二、机构设置</p><p>本单位内设股室9个，下设自然资源所12个。</p>"
    for part, chapters in BUDGET_PARTS:
        body += f"<h2 class=brk>{part}</h2>" + "".join(f"<p>{heading}</p><p>{text}</p>" for heading, text in chapters)
    body += f"<h2 class=brk>{GLOSSARY[0]}</h2><p>{GLOSSARY[1]}</p><h2 class=brk>第五部分 附表</h2>"
    for name, rows in TABLES:
        body += f"<p class='t brk'>{name}</p><p class=u>单位：万元</p>{grid(rows)}"
        body += f"<p>{EMPTY_FUND}</p>" if name.startswith("表8") else ""
    body += ("<p class='t brk'>表10 2026年部门整体绩效目标表</p><p class=u>单位：万元</p>"
             + grid([["年度总体目标", ("严守耕地红线，完成国土空间规划编制。", 3)],
                     ["一级指标", "二级指标", "三级指标", "指标值"], *DEPARTMENT_INDICATORS]))
    first, second, third = PROJECTS
    return (body + "<div class=brk></div>" + project_form(*first) + f"<p>{WITHHELD}</p>"
            + project_form(*second) + project_form(*third))


def printed(body: str, path: Path) -> Path:
    """Printed on portrait A4 by Chromium, "- 3 -" at the foot, as Word prints a report."""
    from playwright.sync_api import sync_playwright

    footer = "<div style='font-size:9pt;width:100%;text-align:center'>- <span class=pageNumber></span> -</div>"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        sheet = browser.new_page()
        sheet.set_content(f"<!doctype html><html lang=zh-CN><meta charset=utf-8><style>{STYLE}</style>"
                          f"<body>{body}</body></html>")
        sheet.pdf(path=str(path), format="A4", display_header_footer=True, header_template="<span></span>",
                  footer_template=footer, margin={side: "20mm" for side in ("top", "bottom", "left", "right")})
        browser.close()
    return path


def table_listed(name: str, rows: Rows) -> list[tuple[str, str]]:
    cells = [value[0] if isinstance(value, tuple) else value for row in rows for value in row]
    note = [EMPTY_FUND] if name.startswith("表8") else []
    return [(text, OUTSIDE.format(name)) for text in (name, "单位：万元", *[c for c in cells if c], *note)]


def report_listed() -> list[tuple[str, str]]:
    """What a careful reader lists as no part of the filing, in the report's order."""
    chapters = [(line, OUTSIDE.format(heading)) for part, chapters in BUDGET_PARTS
                for heading, text in [(part, None), *chapters] for line in (heading, text) if line]
    return [("2026年2月", "未识别的段落"), ("目 录", APPARATUS),
            *[(f"{heading}……{page_of(heading)}", APPARATUS) for heading in CONTENTS], *chapters,
            *[(line, OUTSIDE.format(GLOSSARY[0])) for line in GLOSSARY],
            *[pair for name, rows in TABLES for pair in table_listed(name, rows)]]


@pytest.fixture(scope="module")
def unit_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[tuple[str, str]], list[str]]:
    tmp_path = tmp_path_factory.mktemp("unit_report")
    result = import_new(printed(report(), tmp_path / "单位预算公开.pdf"), tmp_path, "zrzy", year=None)
    assert result.check.errors == []
    return as_written(result.filing), not_placed(result), [table.kind for table in result.imported.tables]


def test_cover_title_is_the_report_and_names_the_unit(unit_report) -> None:
    """Before: "某县…2026年单位预算公开2026年2月" one 未识别 paragraph; the title was the goal form's, and with no
    部门名称 in the forms the import failed (原文没有部门名称)."""
    filing, listed, _ = unit_report
    assert filing["title"] == TITLE and filing["fiscal_year"] == 2026
    assert filing["department"] == {"id": "zrzy", "name": UNIT, "region": "ezhou"}
    assert filing["notes"] == [{"field": "department.name", "text": f"原表没有写部门名称的栏目；标题为“{TITLE}”，"
                                                                    f"编者取标题中年度前的“{UNIT}”作为部门名称。"}]
    assert ("2026年2月", "未识别的段落") in listed


def test_contents_and_chapters(unit_report) -> None:
    """Before: the 目录's entries were headings ("一、主要职能……3" 未识别), and "第一部分 单位概况……3" opened a budget
    part that took the real "一、主要职能" chapter; "主要职能" was a section, not `functions`."""
    filing, _, _ = unit_report
    assert filing["functions"] == "".join(f"<p>{line}</p>\n" for line in FUNCTIONS).rstrip("\n")
    assert filing["sections"] == [{"title": "二、机构设置", "text": "<p>本单位内设股室9个，下设自然资源所12个。</p>"}]
    assert "funds" not in filing and filing["money_unit"] == "万元"


def test_goals_projects_and_withheld_notice(unit_report) -> None:
    """Every project with all its indicators (the second crosses a page break); the notice right under the first
    project's table, below its right-aligned "单位：万元", is a withheld record (before: joined to that line)."""
    filing, _, _ = unit_report
    assert filing["overall_goal"] == "严守耕地红线，完成国土空间规划编制。"
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": [
        dict(zip(("level1", "level2", "name", "value"), row)) for row in DEPARTMENT_INDICATORS]}]
    projects = filing["projects"]
    assert [p.get("name", p.get("withheld", {}).get("numbers")) for p in projects] == [
        "耕地保护补偿", [3, 3], "国土空间规划编制", "地质灾害防治"]
    assert projects[1]["withheld"]["notice"] == WITHHELD and projects[1]["withheld"]["reason"] == "涉密"
    read = [p for p in projects if "name" in p]
    assert [(p["name"], p["budget"]["annual"]["total"], p["goals"][0]["text"]) for p in read] == [
        (name, total, f"完成{name}年度任务。") for _, name, total, _ in PROJECTS]
    assert [p["goals"][0]["indicators"] for p in read] == [
        [dict(zip(("level1", "level2", "name", "value"), indicator(name, n))) for n in range(1, count + 1)]
        for _, name, _, count in PROJECTS]


def test_everything_else_listed_with_its_reason(unit_report) -> None:
    """The 目录, the budget chapters and all nine tables, cell by cell, listed with their part; nothing of them in
    the filing's fields."""
    _, listed, kinds = unit_report
    listed = leaders_shortened(listed)
    assert listed[:len(report_listed())] == report_listed()
    assert listed[len(report_listed()):] == [
        ("表10 2026年部门整体绩效目标表", f"另一张表的标题；文件中文件名称只有一处，已按原表的“{TITLE}”录入，这一行未录入")]
    assert kinds[:9] == [BUDGET_TABLE] * 9


def test_guard_two_line_cover_title(tmp_path: Path) -> None:
    """The unit's name over "2026年部门预算公开" on the cover: the second line is the title, the unit's name is listed;
    the department's name then comes from the goal form that gives it."""
    cover = f"<h1>{UNIT}</h1><h1>2026年部门预算公开</h1>"
    body = report(cover).replace("<td>年度总体目标</td>", f"<td>部门（单位）名称</td><td colspan=3>{UNIT}</td></tr>"
                                                       "<tr><td>年度总体目标</td>", 1)
    result = import_new(printed(body, tmp_path / "部门预算公开.pdf"), tmp_path, "zrzy", year=None)
    assert result.filing["title"] == "2026年部门预算公开"
    assert result.filing["department"]["name"] == UNIT and "notes" not in result.filing
    assert not_placed(result)[:2] == [(UNIT, "未识别的段落"), ("2026年2月", "未识别的段落")]


def test_notice_under_a_table_is_not_the_unit_line_above_it(tmp_path: Path) -> None:
    """One project form under its right-aligned "单位：万元", the withheld notice right under the table. Before, the
    notice went on the unit line ("单位：万元第2号项目涉密，不予公开。"): a withheld record of that text before the
    project, and an empty project. A table between two lines parts them."""
    body = (f"<p class=t>{UNIT}2026年项目支出绩效目标表</p>" + project_form(*PROJECTS[0]) + "<p>第2号项目涉密，不予公开。</p>")
    result = import_new(printed(body, tmp_path / "项目.pdf"), tmp_path, "zrzy", year=None)
    projects = as_written(result.filing)["projects"]
    assert [p.get("name", p.get("withheld", {}).get("notice")) for p in projects] == ["耕地保护补偿", "第2号项目涉密，不予公开。"]
    assert projects[0]["budget"] == {"annual": {"total": "500.00"}} and result.filing["money_unit"] == "万元"
    assert not_placed(result) == []


def test_chapter_of_main_duties_is_the_functions(tmp_path: Path) -> None:
    """"一、单位主要职责" heads the unit's functions as "一、主要职能" does (before: a section); a 名词解释 part after
    the goal forms is listed, and the projects stay whole."""
    body = report().replace("一、主要职能</p>", "一、单位主要职责</p>").replace(f"<h2 class=brk>{GLOSSARY[0]}</h2>"
                                                                           f"<p>{GLOSSARY[1]}</p>", "")
    body += f"<h2 class=brk>第六部分 名词解释</h2><p>{GLOSSARY[1]}</p>"
    result = import_new(printed(body, tmp_path / "单位预算公开.pdf"), tmp_path, "zrzy", year=None)
    filing = as_written(result.filing)
    assert filing["functions"] == "".join(f"<p>{line}</p>\n" for line in FUNCTIONS).rstrip("\n")
    assert [section["title"] for section in filing["sections"]] == ["二、机构设置"]
    assert [len(p["goals"][0]["indicators"]) for p in filing["projects"] if "name" in p] == [4, 26, 3]
    assert not_placed(result)[-2:] == [(line, OUTSIDE.format("第六部分 名词解释")) for line in ("第六部分 名词解释", GLOSSARY[1])]
