"""`gongkai import` of what earlier probes left over (fourth round).

1. A withheld notice whose projects are listed on the lines below, worded "以下项目因涉密不予公开，具体为：",
   "……不予公开，分别是：" or "涉密项目如下：": before, the notice and every line under it were 未识别的段落 and no record
   was written. Now as "以下项目因涉及国家秘密不予公开：" is read: a record per line's number, the reason (涉密) as said.
2. "填表说明 | 1.本表由…" as a row of a table (maybe with a second row beside the label merged down): before, as a
   table of its own it was published as a chapter titled 填表说明, and under an indicator table it was read as one
   more indicator. Now the row is listed with the reason the 填表说明 paragraphs get.
3. The Hunan 部门整体 form's heads over its two texts ("部门（单位）职责 | 年度履职目标" above "部门（单位）职责 | …" and
   "年度总体目标 | …"): before, both cells 未识别的单元格. They are the form's print: placed, nothing written.
4. A project's form whose 中期目标 box is empty (a 1-year project): before, a 中期 goal with only its title was
   published (a heading over nothing). No goal is written; a note on the project says the box was empty.
5. Indicator tables stacked on one sheet with no blank row between, each under its line naming the goal
   ("“法治宣传”项目 | 目标内容"): before, the next goal's line was read as an indicator and its header as a header
   printed again at a page break, so every goal's indicators fell into the first goal.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_page_breaks import GOAL_INDICATORS, GOAL_TEXT, goal_form, goal_table
from tests.test_import_page_breaks import run as run_goal_form
from tests.test_import_project_forms import (PROJECTS, SUMMARIES, TITLE, expected_project, indicator_table,
                                             plan_table, project_form, project_table)
from tests.test_import_project_forms import run as run_project_form
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
NO_BASIS = {"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}
LISTED_BELOW = {"field": "withheld.numbers", "text": "原文这条说明的冒号后没有序号，不予公开的项目逐行列在说明下面；"
                                                     "编者按该行的序号录入，该行的项目名称未录入。"}
LISTED = "不公开说明下列出的第{}号项目：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，项目名称未录入"
INSTRUCTIONS = "原表印制的“{}”，是告诉填表人怎样填写这张表的，不是部门填报的内容，未录入"


# --- 1. a notice that lists its projects below, in other words ----------------------------------------------------

@pytest.mark.parametrize("notice, reason, notes", [
    ("以下项目因涉密不予公开，具体为：", "涉密", []),
    ("以下项目因涉及国家秘密不予公开，分别是：", "涉及国家秘密", []),
    ("涉密项目如下：", "涉密", [{"field": "withheld.reason",
                           "text": "原文说明未用“因”字引出理由；编者取其中的“涉密”作为不公开理由，说明照原文全文录入。"}]),
])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_notice_listing_its_projects_below_in_other_words(tmp_path: Path, suffix: str, notice: str, reason: str,
                                                           notes: list[dict[str, str]]) -> None:
    lines = ["3.2026年战备公路养护经费", "4、2026年国防交通保障经费"]
    result = run_project_form(project_form(withheld=notice) + [FormText(line) for line in lines], tmp_path, suffix)
    assert as_written(result.filing["projects"])[2:] == [
        {"withheld": {"numbers": [number, number], "notice": notice, "reason": reason},
         "notes": [NO_BASIS, *notes, LISTED_BELOW]} for number in (3, 4)]
    assert not_placed(result) == SUMMARIES + [(line, LISTED.format(n)) for n, line in zip((3, 4), lines)]
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_list_of_projects_not_withheld_is_no_notice(tmp_path: Path, suffix: str) -> None:
    """"非涉密项目如下：" withholds nothing: it stays an unknown paragraph, and so do the lines under it."""
    lines = ["3.2026年战备公路养护经费"]
    result = run_project_form(project_form(withheld="非涉密项目如下：") + [FormText(line) for line in lines],
                              tmp_path, suffix)
    assert [p for p in result.filing["projects"] if "withheld" in p] == []
    assert not_placed(result) == SUMMARIES + [("非涉密项目如下：", "未识别的段落"), (lines[0], "未识别的段落")]


# --- 2. 填表说明 as a row of a table ---------------------------------------------------------------------------------

def instructions(table: FormTable, merged: bool) -> FormTable:
    """The 填表说明 row(s) added at the bottom of `table`: one row, or two with the label merged down."""
    width = table.width
    first = len(table.rows)
    if merged:
        table.add("填表说明", ("1.本表由部门填报；", width - 1))
        table.add("", ("2.金额单位为万元。", width - 1))
        table.merge_down(0, first, first + 1)
    else:
        table.add("填表说明", ("1.本表由部门填报；2.金额单位为万元。", width - 1))
    return table


@pytest.mark.parametrize("place", ["own-table", "under-indicators", "merged-under-indicators"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_filling_instructions_as_a_row_of_a_table(tmp_path: Path, suffix: str, place: str) -> None:
    if place == "own-table":
        note = FormTable()
        note.add("填表说明", ("1.本表由部门填报；2.金额单位为万元。", 4))  # as wide as the indicator table above it
        blocks: list[FormBlock] = [goal_table(), note]
    else:
        blocks = [instructions(goal_table(), merged=place.startswith("merged"))]
    result = run_goal_form(goal_form(blocks), tmp_path, suffix, "整体")
    assert as_written(result.filing["goals"]) == [{"id": "g1", "kind": "年度", "text": GOAL_TEXT,
                                                   "indicators": without_notes(result, GOAL_INDICATORS)}]
    assert "sections" not in result.filing
    texts = ["填表说明", "1.本表由部门填报；", "2.金额单位为万元。"] if place.startswith("merged") \
        else ["填表说明", "1.本表由部门填报；2.金额单位为万元。"]
    assert not_placed(result) == [(text, INSTRUCTIONS.format("填表说明")) for text in texts]
    assert result.filing["money_unit"] == "万元"


def without_notes(result: Any, indicators: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The indicators as filed, with the notes copied text gives a row that lost its merged slots (read from the
    right): those are the page-break tests' concern, not this one's."""
    written = as_written(result.filing["goals"])[0]["indicators"]
    return [want | ({"notes": have["notes"]} if "notes" in have else {}) for want, have in zip(indicators, written)]


# --- 3. the heads over the department's two texts ----------------------------------------------------------------

FUNCTIONS = "（一）承担全面依法治市重大问题的政策研究。"
OVERALL = "1.全面落实行政执法三项制度。"


def hunan_form(heads_over_texts: bool = True) -> list[FormBlock]:
    """The Hunan 部门（单位）整体绩效目标申报表: the column heads, the name, the two texts, the indicators."""
    table = FormTable()
    table.add("部门（单位）职责", ("年度履职目标", 4))
    table.add("部门单位名称", ("某县司法局", 4))
    if heads_over_texts:
        table.add("部门（单位）职责", (FUNCTIONS, 4))
        table.add("年度总体目标", (OVERALL, 4))
    table.add("绩效指标", ("", 4))
    table.add("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")
    for item in GOAL_INDICATORS:
        table.add(*(item[key] for key in ("level1", "level2", "name", "value", "basis")))
    return [FormText("部门（单位）整体绩效目标申报表"), FormText("（2026年度）"), table]


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_heads_over_the_departments_texts_are_the_forms_print(tmp_path: Path, suffix: str) -> None:
    result = import_new(write(hunan_form(), tmp_path / f"整体.{suffix}"), tmp_path, "sfj", kind="申报")
    assert (result.filing["functions"], result.filing["overall_goal"]) == (FUNCTIONS, OVERALL)
    assert not_placed(result) == []


def test_heads_with_no_texts_below_stay_listed(tmp_path: Path) -> None:
    """Without the two texts under them the cells head nothing: still listed, for the editor to look at."""
    result = import_new(write(hunan_form(heads_over_texts=False), tmp_path / "整体.xlsx"), tmp_path, "sfj", kind="申报")
    assert not_placed(result) == [("部门（单位）职责", "未识别的单元格"), ("年度履职目标", "未识别的单元格")]


# --- 4. a 1-year project's empty 中期目标 box ----------------------------------------------------------------------

def one_year_project(medium_values: bool) -> tuple[list[FormBlock], dict[str, Any]]:
    spec = copy.deepcopy(PROJECTS[0])  # 项目期 1年
    spec["goals"] = ("", spec["goals"][1])
    if not medium_values:
        spec["rows"] = [row[:3] + ("",) + row[4:] for row in spec["rows"]]
    blocks = [FormText(TITLE), FormText("单位：万元"), FormText(spec["heading"]), project_table(spec),
              indicator_table(spec["rows"]), plan_table(spec["plan"])]
    return blocks, spec


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_empty_medium_goal_box_is_no_goal(tmp_path: Path, suffix: str) -> None:
    blocks, spec = one_year_project(medium_values=False)
    result = run_project_form(blocks, tmp_path, suffix)
    want = expected_project(1, spec, suffix)
    want["goals"] = want["goals"][1:]
    want["notes"] = [{"field": "goals", "text": "原表“中期目标”一栏为空（没有目标内容，也没有指标）；编者未录入这一目标。"}]
    (project,) = as_written(result.filing["projects"])
    for indicator in project["goals"][0]["indicators"] + want["goals"][0]["indicators"]:
        indicator.pop("notes", None)  # copied text: how a row that lost its merged slots was read, said elsewhere
    assert project == want
    assert not_placed(result) == SUMMARIES[:2]
    assert result.check.errors == []


def test_an_empty_medium_text_with_medium_values_stays_a_goal(tmp_path: Path) -> None:
    """The box is empty but the 中期指标值 column is filled: the goal has its indicators, and stays."""
    blocks, spec = one_year_project(medium_values=True)
    result = run_project_form(blocks, tmp_path, "xlsx")
    want = expected_project(1, spec, "xlsx")
    del want["goals"][0]["text"]
    assert as_written(result.filing["projects"]) == [want]


# --- 5. indicator tables stacked with no blank row between ---------------------------------------------------------

GOALS = [("“法治宣传”项目", "开展法治宣传。"), ("“法律援助”项目", "办理法律援助案件。")]


def stacked(*tables: FormTable) -> FormTable:
    """The tables one under the other in one table (one worksheet with no blank row between, one Word table)."""
    out = FormTable()
    for table in tables:
        top = len(out.rows)
        out.rows += table.grid()
        out.merges += [(a + top, b, c + top, d) for a, b, c, d in table.merges]
    return out


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "docx", "html", "txt"])
def test_indicator_tables_stacked_with_no_blank_row(tmp_path: Path, suffix: str) -> None:
    tables = [goal_table(GOAL_INDICATORS[:3], label, text) for label, text in GOALS[:1]] \
        + [goal_table(GOAL_INDICATORS[3:], label, text) for label, text in GOALS[1:]]
    result = run_goal_form(goal_form([stacked(*tables)]), tmp_path, suffix, "整体")
    goals = as_written(result.filing["goals"])
    assert [(g["title"], g["text"], [i["name"] for i in g["indicators"]]) for g in goals] == [
        ("“法治宣传”项目", "开展法治宣传。", [i["name"] for i in GOAL_INDICATORS[:3]]),
        ("“法律援助”项目", "办理法律援助案件。", [i["name"] for i in GOAL_INDICATORS[3:]])]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_header_printed_again_under_the_last_indicator_goes_on(tmp_path: Path, suffix: str) -> None:
    """A header printed again right under an indicator (a page break, no blank row) still continues the table."""
    table = goal_table()
    table.rows.insert(5, list(table.rows[1]))  # the header again after the third indicator
    table.merges = []
    result = run_goal_form(goal_form([table]), tmp_path, suffix, "整体")
    assert [[i["name"] for i in g["indicators"]] for g in as_written(result.filing["goals"])] == \
        [[i["name"] for i in GOAL_INDICATORS]]
