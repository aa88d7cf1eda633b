"""`gongkai import` of forms a page break interrupted: a page number between two pieces of a table, the header
printed again on the new page, a table going on without it.

A form printed on several pages and then copied from the page (.txt), converted to Word or Excel, or saved as a
web page keeps the page number ("第 1 页，共 2 页") and often the repeated header. Each form is drawn with the
tests/forms helpers, cut in two the way a page break cuts it (a merged cell across the cut drawn again, empty, on
the new page), and put into every format that has no page geometry: the page number between the pieces as a line
of its own, or as a row across the table as a converted print keeps it. The import must read the pieces as one
table: each project and goal once with all its indicators, the page number said among the report's remarks as a
page number (never 未放入, never content), and two goals' tables one after another still two goals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from generator.importing.report import as_text
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, assert_clean, write

FORMATS = ["xlsx", "xls", "docx", "html", "txt"]
PAGE = "第 1 页，共 2 页"
HEADER = ("项目名称", "预算金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")


def indicator(level1: str, level2: str, name: str, value_type: str, value: str, unit: str = "") -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "value": value, "value_type": value_type} \
        | ({"unit": unit} if unit else {})


# (项目名称, 预算金额, 年度绩效目标, indicators). The first project's 数量指标 runs over three rows: the page breaks
# after its second, inside the merged 一级 and 二级 labels and inside the project's merged cells.
PROJECTS = [
    ("法律援助经费", "30.00", "全年办理法律援助案件不少于200件。", [
        indicator("产出指标", "数量指标", "法律援助案件数", "≥", "200", "件"),
        indicator("产出指标", "数量指标", "法律咨询人次", "≥", "1000", "人次"),
        indicator("产出指标", "数量指标", "普法宣传场次", "≥", "12", "场"),
        indicator("产出指标", "质量指标", "案件结案率", "≥", "95", "%"),
        indicator("效益指标", "社会效益指标", "群众法律意识", "定性", "明显提升"),
        indicator("效益指标", "社会效益指标", "矛盾纠纷化解率", "≥", "90", "%"),
        indicator("满意度指标", "服务对象满意度指标", "受援人满意度", "≥", "90", "%")]),
    ("人民调解经费", "20.00", "调解矛盾纠纷，维护社会稳定。", [
        indicator("产出指标", "数量指标", "调解案件数", "≥", "100", "件"),
        indicator("满意度指标", "服务对象满意度指标", "当事人满意度", "≥", "90", "%")]),
]
BREAK_AT = 3  # the first row on the new page: the header, then two of the first project's rows


# --- the form ------------------------------------------------------------------------------------

def project_table() -> FormTable:
    """The 项目支出绩效目标表 of 部门预算公开: a project's cells merged down over its indicator rows, 一级/二级
    labels merged down within the project."""
    table = FormTable()
    table.add(*HEADER)
    for name, total, goal, indicators in PROJECTS:
        first = len(table.rows)
        for row, item in enumerate(indicators):
            table.add(*((name, total, goal) if not row else ("", "", "")),
                      *(item.get(key, "") for key in ("level1", "level2", "name", "value_type", "value", "unit")))
        for column in range(3):
            table.merge_down(column, first, len(table.rows) - 1)
        merge_labels(table, 3, first, [item["level1"] for item in indicators])
        merge_labels(table, 4, first, [(item["level1"], item["level2"]) for item in indicators])
    return table


def merge_labels(table: FormTable, column: int, first: int, keys: list[Any]) -> None:
    """Consecutive rows with the same key (一级; 一级 and 二级) show their label once, merged down."""
    start = 0
    for n in range(1, len(keys) + 1):
        if n == len(keys) or keys[n] != keys[start]:
            for row in range(first + start + 1, first + n):
                table.rows[row][column] = ""
            table.merge_down(column, first + start, first + n - 1)
            start = n


def broken(table: FormTable, at: int, *, header: bool = True, inside: bool = False) -> list[FormBlock]:
    """`table` as a page break leaves it: cut before row `at`, a merge across the cut drawn again (empty) on the new
    page, `header` the header row printed again there, and the page number between the pieces: a line of its own,
    or (`inside`) a row across the table, as a file converted from the print keeps it."""
    grid = table.grid()
    top, bottom = FormTable([row[:] for row in grid[:at]]), FormTable(([grid[0][:]] if header else []) + grid[at:])
    shift = (1 if header else 0) - at  # row r of the table is row r + shift of the new page
    for first, left, last, right in table.merges:
        if first < at:
            _merge(top, first, left, min(last, at - 1), right)
        if last >= at:
            _merge(bottom, max(first, at) + shift, left, last + shift, right)
    if not inside:
        return [top, FormText(PAGE), bottom]
    joined = FormTable(top.rows + [[PAGE] + [""] * (table.width - 1)] + bottom.rows, top.merges[:])
    _merge(joined, len(top.rows), 0, len(top.rows), table.width - 1)
    below = len(top.rows) + 1
    joined.merges += [(a + below, b, c + below, d) for a, b, c, d in bottom.merges]
    return [joined]


def _merge(table: FormTable, first: int, left: int, last: int, right: int) -> None:
    if last > first or right > left:
        table.merges.append((first, left, last, right))


def project_form(blocks: list[FormBlock]) -> list[FormBlock]:
    return [FormText("2026年部门预算项目支出绩效目标表"), FormText("单位名称：某县司法局"), FormText("金额单位：万元"), *blocks]


def expected_projects() -> list[dict[str, Any]]:
    return [{"id": f"p{n}", "name": name, "budget": {"total": total},
             "goals": [{"id": "annual", "kind": "年度", "text": goal, "indicators": indicators}]}
            for n, (name, total, goal, indicators) in enumerate(PROJECTS, 1)]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str, stem: str = "项目支出") -> ImportResult:
    return import_new(write(blocks, tmp_path / f"{stem}.{suffix}"), tmp_path, "sfj")


def without_notes(value: Any) -> Any:
    """The filing as filed; the notes on indicators of copied text (a row whose merged slots were dropped is read
    from the right, with a note) are looked at aside."""
    if isinstance(value, dict):
        return {key: without_notes(item) for key, item in value.items() if key != "notes"}
    if isinstance(value, list):
        return [without_notes(item) for item in value]
    return value


def notes_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [n["text"] for n in value.get("notes", [])] + [t for k, v in value.items() if k != "notes"
                                                              for t in notes_in(v)]
    if isinstance(value, list):
        return [t for item in value for t in notes_in(item)]
    return []


def page_remarks(result: ImportResult) -> list[str]:
    return [remark for remark in result.remarks if "页码" in remark]


# --- a project list with indicators, cut inside the first project's rows --------------------------

def test_the_probe_text_reads_past_the_footer_and_the_repeated_header(tmp_path: Path) -> None:
    """The probe: a copied 项目支出绩效目标表 whose page footer and repeated header fall among a project's rows."""
    source = tmp_path / "项目支出.txt"
    head = "\t".join(HEADER) + "\n"
    source.write_text("2026年部门预算项目支出绩效目标表\n单位名称：某县司法局\t金额单位：万元\n" + head
                      + "法律援助经费\t30.00\t全年办理法律援助案件不少于200件。\t产出指标\t数量指标\t法律援助案件数\t≥\t200\t件\n"
                      "\t\t\t效益指标\t社会效益指标\t群众法律意识\t定性\t明显提升\t\n"
                      f"{PAGE}\n" + head
                      + "\t\t\t满意度指标\t服务对象满意度指标\t受援人满意度\t≥\t90\t%\n"
                      "人民调解经费\t20.00\t调解矛盾纠纷，维护社会稳定。\t产出指标\t数量指标\t调解案件数\t≥\t100\t件\n",
                      encoding="utf-8")
    result = import_new(source, tmp_path, "sfj")
    first, second = PROJECTS[0][3], PROJECTS[1][3]
    projects = expected_projects()
    projects[0]["goals"][0]["indicators"] = [first[0], first[4], first[6]]
    projects[1]["goals"][0]["indicators"] = [second[0]]
    assert as_written(result.filing["projects"]) == projects
    assert_clean(result)
    assert result.remarks == ("第6行“第 1 页，共 2 页”是页码，未作为内容读取；前后两段表格（第2–5行、第7–9行）接着读作一张表。",)
    assert [(t.location, t.kind, t.rows) for t in result.imported.tables] == [("第2–5行、第7–9行", "项目表", 7)]


@pytest.mark.parametrize("inside", [False, True], ids=["line-between", "row-inside"])
@pytest.mark.parametrize("suffix", [*FORMATS, "pdf"])  # a PDF's footer between two tables joins them the same way
def test_project_rows_cut_by_a_page_with_the_header_again(tmp_path: Path, suffix: str, inside: bool) -> None:
    """The header printed again on the new page is left out; the first project goes on with its rows, the merged
    一级/二级 labels the break cut still label the first rows of the new page."""
    result = run(project_form(broken(project_table(), BREAK_AT, inside=inside)), tmp_path, suffix)
    assert without_notes(as_written(result.filing["projects"])) == expected_projects()
    assert_clean(result)
    assert len(page_remarks(result)) == 1 and f"“{PAGE}”是页码，未作为内容读取" in page_remarks(result)[0]
    if suffix != "txt":  # a grid keeps every cell in its column: nothing was guessed
        assert notes_in(result.filing["projects"]) == []
    assert [t.kind for t in result.imported.tables] == ["项目表"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_project_rows_going_on_after_a_page_number_without_the_header(tmp_path: Path, suffix: str) -> None:
    """The new page starts with data rows of the same table: they are the first project's, not rows "before any
    项目名称"."""
    result = run(project_form(broken(project_table(), BREAK_AT, header=False)), tmp_path, suffix)
    assert without_notes(as_written(result.filing["projects"])) == expected_projects()
    assert_clean(result)
    assert "接着读作一张表" in page_remarks(result)[0]


# --- indicator tables ----------------------------------------------------------------------------

INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")
GOAL_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "办理法律援助案件", "value": "≥200件", "basis": "计划标准"},
    {"level1": "产出指标", "level2": "数量指标", "name": "开展普法宣传活动", "value": "≥12场", "basis": "计划标准"},
    {"level1": "产出指标", "level2": "时效指标", "name": "案件办结时限", "value": "≤90天", "basis": "行业标准"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "群众法治意识", "value": "明显提升", "basis": "历史标准"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%", "basis": "历史标准"},
]
GOAL_TEXT = "全面完成法律援助和普法宣传任务。"


def goal_table(indicators: list[dict[str, str]] = GOAL_INDICATORS, label: str = "年度目标",
               text: str = GOAL_TEXT) -> FormTable:
    """A goal's table: its label and text as the first row, then the indicator header and rows."""
    table = FormTable()
    table.add(label, (text, len(INDICATOR_HEADER) - 1))
    table.add(*INDICATOR_HEADER)
    first = len(table.rows)
    for item in indicators:
        table.add(*(item.get(key, "") for key in ("level1", "level2", "name", "value", "basis")))
    merge_labels(table, 0, first, [i["level1"] for i in indicators])
    merge_labels(table, 1, first, [(i["level1"], i["level2"]) for i in indicators])
    return table


def goal_form(blocks: list[FormBlock]) -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门（单位）名称", "某县司法局")
    return [FormText("2026年度部门整体绩效目标表"), FormText("金额单位：万元"), identity, *blocks]


@pytest.mark.parametrize("header", [True, False], ids=["header-again", "rows-only"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_an_indicator_table_cut_by_a_page_is_one_goal(tmp_path: Path, suffix: str, header: bool) -> None:
    """Cut inside the merged 数量指标: one goal with every indicator, not a second goal from the repeated header."""
    result = run(goal_form(broken_goal(goal_table(), header)), tmp_path, suffix, "整体")
    assert without_notes(as_written(result.filing["goals"])) == [
        {"id": "g1", "kind": "年度", "text": GOAL_TEXT, "indicators": GOAL_INDICATORS}]
    assert_clean(result)
    assert "接着读作一张表" in page_remarks(result)[0]
    if suffix != "txt":
        assert notes_in(result.filing["goals"]) == []


def broken_goal(table: FormTable, header: bool) -> list[FormBlock]:
    """The goal table cut after its first indicator, the header (its second row) printed again on the new page."""
    blocks = broken(FormTable(table.rows[1:], [(a - 1, b, c - 1, d) for a, b, c, d in table.merges if a > 0]), 2,
                    header=header)
    first = blocks[0]
    assert isinstance(first, FormTable)
    first.rows.insert(0, table.rows[0])
    first.merges = [(0, 1, 0, len(INDICATOR_HEADER) - 1)] + [(a + 1, b, c + 1, d) for a, b, c, d in first.merges]
    return blocks


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_header_repeated_inside_an_indicator_table_is_left_out(tmp_path: Path, suffix: str) -> None:
    """No page number at all: the header printed again between the rows of one table (a converted print without
    its footer) is placed and read past."""
    table = goal_table()
    at = 4  # goal row, header, two indicators
    table.rows.insert(at, list(INDICATOR_HEADER))
    table.merges = [(a + (a >= at), b, c + (c >= at), d) for a, b, c, d in table.merges]
    table.merges = [m for m in table.merges if not (m[0] < at <= m[2])]
    table.rows[at + 1][1] = table.rows[at + 1][1] or "数量指标"  # the label cut by the header is printed again
    result = run(goal_form([table]), tmp_path, suffix, "整体")
    assert [without_notes(g)["indicators"] for g in as_written(result.filing["goals"])] == [GOAL_INDICATORS]
    assert_clean(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_two_goals_on_two_pages_stay_two_goals(tmp_path: Path, suffix: str) -> None:
    """A page number between two goals' tables, each with its goal line and header: the second table starts with
    its own goal, so it does not go on with the first."""
    second = [{"level1": "产出指标", "level2": "质量指标", "name": "案件质量评查合格率", "value": "≥95%", "basis": "行业标准"}]
    blocks = [goal_table(GOAL_INDICATORS[:3]), FormText(PAGE), goal_table(second, "年度目标2", "提升法律援助质量。")]
    result = run(goal_form(blocks), tmp_path, suffix, "整体")
    goals = without_notes(as_written(result.filing["goals"]))
    assert [g["indicators"] for g in goals] == [GOAL_INDICATORS[:3], second]
    assert [g.get("title") for g in goals] == [None, "年度目标2"]
    assert_clean(result)
    where = {"xlsx": "绩效目标表!A11", "xls": "绩效目标表!A11", "docx": "第3段", "html": "第3段", "txt": "第9行"}[suffix]
    assert page_remarks(result) == [f"{where}“{PAGE}”是页码，未作为内容读取。"]


# --- page numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["第 1 页，共 2 页", "第1页", "- 2 -", "— 2 —", "共5页 第2页", "2/5", "第1页/共3页"])
def test_page_numbers_are_remarks_not_content(tmp_path: Path, page: str) -> None:
    """Each way a page number is printed: between two pieces of a table it joins them; at the end it is said
    as a page number too. Neither is listed 未放入 nor read as a paragraph of the goal."""
    source = tmp_path / "整体.txt"
    head = "\t".join(INDICATOR_HEADER) + "\n"
    rows = ["\t".join(i[k] for k in ("level1", "level2", "name", "value", "basis")) + "\n" for i in GOAL_INDICATORS]
    source.write_text("2026年度部门整体绩效目标表\n部门名称：某县司法局\n年度目标：" + GOAL_TEXT + "\n" + head
                      + "".join(rows[:2]) + page + "\n" + head + "".join(rows[2:]) + page + "\n", encoding="utf-8")
    result = import_new(source, tmp_path, "sfj")
    assert [g["indicators"] for g in as_written(result.filing["goals"])] == [GOAL_INDICATORS]
    assert not_placed(result) == []
    assert result.remarks == (f"第7行“{page}”是页码，未作为内容读取；前后两段表格（第4–6行、第8–11行）接着读作一张表。",
                              f"第12行“{page}”是页码，未作为内容读取。")
    text = as_text(result)
    assert "读取时注意到：" in text and f"第12行“{page}”是页码" in text and "未识别的段落" not in text


@pytest.mark.parametrize("line", ["1/2 项目", "第1页 项目概况", "第1页，共2页 某县司法局"])
def test_a_line_that_only_mentions_a_page_is_no_page_number(tmp_path: Path, line: str) -> None:
    """Only a line that is a page number and nothing else is left out: any other line is still listed."""
    source = tmp_path / "整体.txt"
    source.write_text("2026年度部门整体绩效目标表\n部门名称：某县司法局\n年度目标：" + GOAL_TEXT + "\n"
                      + "\t".join(INDICATOR_HEADER) + "\n" + "产出指标\t数量指标\t办理法律援助案件\t≥200件\t计划标准\n"
                      + line + "\n", encoding="utf-8")
    result = import_new(source, tmp_path, "sfj")
    assert page_remarks(result) == []
    assert not_placed(result) == [(line, "未识别的段落")]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "docx", "html"])
def test_a_narrower_table_after_a_page_number_is_a_table_of_its_own(tmp_path: Path, suffix: str) -> None:
    """In a grid a piece that goes on has the table's columns: a two-column note after the page number is not
    read as indicator rows."""
    note = FormTable()
    note.add("填表说明", "指标值按年度预算目标填写")
    result = run(goal_form([goal_table(), FormText(PAGE), note]), tmp_path, suffix, "整体")
    assert [g["indicators"] for g in as_written(result.filing["goals"])] == [GOAL_INDICATORS]
    assert [text for text, _ in not_placed(result)] == ["填表说明", "指标值按年度预算目标填写"]
    assert page_remarks(result)[0].endswith("是页码，未作为内容读取。")


def test_a_footer_and_a_header_between_the_pieces_are_both_page_numbers(tmp_path: Path) -> None:
    """The page's footer and the next page's header number: both said, in order; the table goes on after both."""
    source = tmp_path / "整体.txt"
    head = "\t".join(INDICATOR_HEADER) + "\n"
    rows = ["\t".join(i[k] for k in ("level1", "level2", "name", "value", "basis")) + "\n" for i in GOAL_INDICATORS]
    source.write_text("2026年度部门整体绩效目标表\n部门名称：某县司法局\n年度目标：" + GOAL_TEXT + "\n" + head
                      + "".join(rows[:3]) + "共2页 第1页\n- 2 -\n" + "".join(rows[3:]), encoding="utf-8")
    result = import_new(source, tmp_path, "sfj")
    assert [g["indicators"] for g in as_written(result.filing["goals"])] == [GOAL_INDICATORS]
    assert_clean(result)
    assert result.remarks == ("第8行“共2页 第1页”是页码，未作为内容读取。",
                              "第9行“- 2 -”是页码，未作为内容读取；前后两段表格（第4–7行、第10–11行）接着读作一张表。")


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_funds_table_cut_by_a_page_keeps_both_sides(tmp_path: Path, suffix: str) -> None:
    """The 收入 rows on one page, the header again and the 支出 rows on the next: one funds table. Read as a
    second funds table, the 支出 rows would replace the 收入 rows with nothing listed."""
    table = FormTable()
    table.add("收支构成", "项目", "当年金额", "占比")
    table.add("收入构成", "财政拨款", "100.00", "80%")
    table.add("", "其他资金", "25.00", "20%")
    table.add("", "合计", "125.00", "100%")
    table.add("支出构成", "基本支出", "100.00", "80%")
    table.add("", "项目支出", "25.00", "20%")
    table.merge_down(0, 1, 3)
    table.merge_down(0, 4, 5)
    result = run(goal_form(broken(table, 4) + [goal_table()]), tmp_path, suffix, "整体")
    assert without_notes(as_written(result.filing["funds"])) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "100.00", "share": "80%"},
                             {"name": "其他资金", "amount": "25.00", "share": "20%"}],
                   "total": {"name": "合计", "amount": "125.00", "share": "100%"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "100.00", "share": "80%"},
                                  {"name": "项目支出", "amount": "25.00", "share": "20%"}]}}
    assert_clean(result)
