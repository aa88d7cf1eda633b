"""Template changes a province makes to the project form of test_import_project_forms, found by a probe that renamed,
swapped, dropped, split and spaced out the form's columns and rows (the way test_import_fuzz damages the seeds).

Defects it found: the project's goals as "中期目标 | 年度目标" heads over their texts without the 总体目标 label beside
them (a goals table of its own, or the label's cell left blank) were read as a label and its text: the 中期 goal's
text was "年度目标", both texts were left unread, the 中期 goal took the 年度 values and the 中期 values were lost
without a word. A project with only "中期目标 | its text" above a table of 中期 and 年度 values lost its 中期 values
the same way. Guards: what the probe changed and the importer already read as the undamaged form.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.importing.importer import ImportResult
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.imports import import_new, not_placed
from tests.test_import_department_variants import task_form as department_task_form
from tests.test_import_project_forms import PROJECTS, project_form
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "xls", "docx", "html", "pdf", "txt"]
GOAL_ROWS = 7  # the project table's rows before its 总体目标 head row


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"项目表.{suffix}"), tmp_path, "jtj")


def goals_read(result: ImportResult, project: int = 0) -> list[dict[str, Any]]:
    """Each goal of the project as (id, kind, title, text, its indicators' values)."""
    data = yaml.safe_load(result.output.read_text("utf-8"))
    return [{"id": goal["id"], "kind": goal["kind"], "title": goal.get("title"), "text": goal.get("text"),
             "values": [indicator["value"] for indicator in goal.get("indicators", [])]}
            for goal in data["projects"][project]["goals"]]


def values(spec: dict[str, Any], column: int) -> list[str]:
    return [row[column] for row in spec["rows"]]


def as_filed(spec: dict[str, Any], titled: bool = True) -> list[dict[str, Any]]:
    """The project's two goals as the undamaged form imports them (with `titled`, the heads are their titles)."""
    return [{"id": "medium", "kind": "中期", "title": "中期目标" if titled else None, "text": spec["goals"][0],
             "values": values(spec, 3)},
            {"id": "annual", "kind": "年度", "title": "年度目标" if titled else None, "text": spec["goals"][1],
             "values": values(spec, 4)}]


def without_goal_rows(blocks: list[FormBlock]) -> list[FormBlock]:
    """The form with each project table cut before its 总体目标 rows."""
    blocks = copy.deepcopy(blocks)
    for table in blocks:
        if isinstance(table, FormTable) and table.rows[0][0] == "项目名称":
            table.rows = table.rows[:GOAL_ROWS]
            table.merges = [merge for merge in table.merges if merge[2] < GOAL_ROWS]
    return blocks


def project_tables(blocks: list[FormBlock]) -> list[FormTable]:
    return [table for table in blocks if isinstance(table, FormTable) and table.rows[0][0] == "项目名称"]


# --- defect: 中期目标 | 年度目标 heads over their texts, with no 总体目标 label ---------------------------------------------

def blank_label_form() -> list[FormBlock]:
    """The 总体目标 label's cell left blank (and not merged down): only the two heads over their texts."""
    blocks = copy.deepcopy(project_form())
    for table in project_tables(blocks):
        table.rows[GOAL_ROWS][0] = ""
        table.merges = [merge for merge in table.merges if merge != (GOAL_ROWS, 0, GOAL_ROWS + 1, 0)]
    return blocks


def goals_table_form() -> list[FormBlock]:
    """The goals as a table of their own between the project's table and its indicators: heads over texts."""
    blocks = without_goal_rows(project_form())
    for spec in PROJECTS:
        indicators = next(at for at, block in enumerate(blocks) if isinstance(block, FormTable)
                          and block.rows[0][0] == "一级指标" and block.rows[1][2] == spec["rows"][0][2])
        goals = FormTable()
        goals.add("中期目标（2026—2028年）", "年度目标")
        goals.add(*spec["goals"])
        blocks.insert(indicators, goals)
    return blocks


@pytest.mark.parametrize("suffix", FORMATS)
def test_goal_heads_over_their_texts_without_the_overall_label(tmp_path: Path, suffix: str) -> None:
    result = run(blank_label_form(), tmp_path, suffix)
    assert [goals_read(result, n) for n in range(2)] == [as_filed(spec) for spec in PROJECTS]
    assert not any(text in (spec["goals"] + ("中期目标", "年度目标")) for spec in PROJECTS
                   for text, _ in not_placed(result))


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_a_goals_table_of_its_own_with_the_heads_over_the_texts(tmp_path: Path, suffix: str) -> None:
    result = run(goals_table_form(), tmp_path, suffix)
    for number, spec in enumerate(PROJECTS):
        medium, annual = as_filed(spec)
        medium["title"] = "中期目标（2026—2028年）"
        assert goals_read(result, number) == [medium, annual]
    data = yaml.safe_load(result.output.read_text("utf-8"))
    assert [project["goals"][0].get("span") for project in data["projects"][:2]] == [[2026, 2028], [2026, 2028]]


def test_goal_heads_in_a_department_form(tmp_path: Path) -> None:
    """The same heads in a department's form: its 中期 and 年度 goals, each with the text below its head. The money
    unit typed at the end of the heads' row is the filing's, no goal's head."""
    goals = FormTable()
    goals.add("中期目标", "年度目标", "单位：万元")
    goals.add("三年内建成覆盖城乡的公共法律服务体系。", "全年开展法治宣传活动120场。", "")
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "法治宣传活动场次", "≥120场")
    blocks: list[FormBlock] = [FormText("2026年度部门整体支出绩效目标表"), FormText("部门名称：某县司法局"), goals,
                               indicators]
    result = run(blocks, tmp_path, "docx")
    data = yaml.safe_load(result.output.read_text("utf-8"))
    assert [(goal["kind"], goal.get("text"), [i["value"] for i in goal.get("indicators", [])])
            for goal in data["goals"]] == [("中期", "三年内建成覆盖城乡的公共法律服务体系。", []),
                                           ("年度", "全年开展法治宣传活动120场。", ["≥120场"])]
    assert data["money_unit"] == "万元" and not_placed(result) == []


# --- defect: "中期目标 | its text" alone above a table of 中期 and 年度 values ----------------------------------------

def medium_only_form() -> list[FormBlock]:
    blocks = without_goal_rows(project_form())
    for table, spec in zip(project_tables(blocks), PROJECTS):
        table.add("中期目标", (spec["goals"][0], 5))
    return blocks


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_a_medium_goal_alone_keeps_its_values_and_the_annual_ones_get_a_goal(tmp_path: Path, suffix: str) -> None:
    result = run(medium_only_form(), tmp_path, suffix)
    for number, spec in enumerate(PROJECTS):
        assert goals_read(result, number) == [
            {"id": "medium", "kind": "中期", "title": None, "text": spec["goals"][0], "values": values(spec, 3)},
            {"id": "annual", "kind": "年度", "title": None, "text": None, "values": values(spec, 4)}]


# --- guards: template changes the importer already reads as the undamaged form ------------------------------------

def test_guard_goal_pairs_on_one_row(tmp_path: Path) -> None:
    """"中期目标 | text | 年度目标 | text" on one row: two label–text pairs, each goal its values."""
    blocks = without_goal_rows(project_form())
    for table, spec in zip(project_tables(blocks), PROJECTS):
        table.add("中期目标", (spec["goals"][0], 2), "年度目标", (spec["goals"][1], 2))
    result = run(blocks, tmp_path, "xlsx")
    assert [[(g["kind"], g["text"], g["values"]) for g in goals_read(result, n)] for n in range(2)] == \
        [[(g["kind"], g["text"], g["values"]) for g in as_filed(spec)] for spec in PROJECTS]


def _indicator_tables(blocks: list[FormBlock]) -> list[FormTable]:
    return [block for block in blocks if isinstance(block, FormTable) and block.rows[0][0] == "一级指标"]


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_guard_value_columns_swapped(tmp_path: Path, suffix: str) -> None:
    """年度指标值 before 中期指标值: each value still goes to its goal (by its head, not its place)."""
    blocks = copy.deepcopy(project_form())
    for table in _indicator_tables(blocks):
        for row in table.rows:
            row[3], row[4] = row[4], row[3]
    result = run(blocks, tmp_path, suffix)
    assert [goals_read(result, n) for n in range(2)] == [as_filed(spec) for spec in PROJECTS]


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_guard_indicator_table_split_by_a_page_line(tmp_path: Path, suffix: str) -> None:
    """The indicator table cut in two by a page's foot line, its header printed again on the next page."""
    blocks = copy.deepcopy(project_form())
    for table in _indicator_tables(blocks):
        at = blocks.index(table)
        rest = FormTable([list(table.rows[0]), *table.rows[3:]])
        table.rows = table.rows[:3]
        table.merges = [merge for merge in table.merges if merge[2] < 3]
        blocks[at + 1:at + 1] = [FormText("第 1 页，共 2 页"), rest]
    result = run(blocks, tmp_path, suffix)
    assert [goals_read(result, n) for n in range(2)] == [as_filed(spec) for spec in PROJECTS]


@pytest.mark.parametrize("renamed", [("年度指标值", "年度目标值"), ("中期指标值", "中期目标值"), ("三级指标", "指标名称")])
def test_guard_a_head_renamed_to_a_synonym(tmp_path: Path, renamed: tuple[str, str]) -> None:
    blocks = copy.deepcopy(project_form())
    for table in _indicator_tables(blocks):
        table.rows[0] = [renamed[1] if cell == renamed[0] else cell for cell in table.rows[0]]
    result = run(blocks, tmp_path, "xlsx")
    assert [goals_read(result, n) for n in range(2)] == [as_filed(spec) for spec in PROJECTS]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_guard_a_blank_row_between_indicator_groups(tmp_path: Path, suffix: str) -> None:
    """A blank row left between the 产出指标 rows and the 满意度指标 row: still one table."""
    blocks = copy.deepcopy(project_form())
    for table in _indicator_tables(blocks):
        at = next(r for r, row in enumerate(table.rows) if r > 1 and row[0])  # the next 一级指标's first row
        table.rows.insert(at, [""] * table.width)
        table.merges = [(r1 + (r1 >= at), c1, r2 + (r2 >= at), c2) for r1, c1, r2, c2 in table.merges]
    result = run(blocks, tmp_path, suffix)
    assert [goals_read(result, n) for n in range(2)] == [as_filed(spec) for spec in PROJECTS]


# --- defect: a task table cut by a page break, only its 金额合计 row on the second page ---------------------------

def task_form_cut(after: int) -> list[FormBlock]:
    """test_import_department_variants' task form, its task table cut after `after` rows by a page number, the
    header printed again on the next page."""
    blocks = copy.deepcopy(department_task_form("绩效目标"))
    tasks = next(block for block in blocks if isinstance(block, FormTable) and block.rows[0][0] == "任务名称")
    at = blocks.index(tasks)
    rest = FormTable([list(tasks.rows[0]), *tasks.rows[after:]])
    tasks.rows = tasks.rows[:after]
    blocks[at + 1:at + 1] = [FormText("第1页 共2页"), rest]
    return blocks


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "pdf", "txt"])
@pytest.mark.parametrize("after", [3, 2])
def test_a_task_table_cut_by_a_page_break_keeps_its_total(tmp_path: Path, suffix: str, after: int) -> None:
    """Before (after=3): the second page's header ended the table and began a task table with no task; its 金额合计
    was listed 未放入 as "年度主要任务表中没有任务". after=2, a task on the second page too, is the guard."""
    result = run(task_form_cut(after), tmp_path, suffix)
    assert as_written(result.filing)["tasks"] == {
        "lines": [{"name": "农村公路养护", "content": "养护农村公路500公里", "budget": {"total": "800.00"}},
                  {"name": "公交运营补贴", "content": "补贴城市公交企业", "budget": {"total": "1200.5"}}],
        "total": {"total": "2000.50"}}
    assert [text for text, _ in not_placed(result)] == ["农村公路优良中等路率达到85%", "公交准点率≥95%"]
