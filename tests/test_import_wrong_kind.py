"""`gongkai import` of forms that a heading or an unknown column made read as the wrong kind.

1. A numbered heading that groups the project forms below it by their funds or unit ("一、一般公共预算项目", "二、政府性基金
   预算项目", "一、本级项目"): each form under it is a project; the heading is listed with why (no project's name, no
   number taken from it). Before, it opened a chapter of the budget report that swallowed the forms ("没有找到绩效目标表"
   or "原文没有部门名称"), or a section of the filing holding the form's title line.
2. A project list whose header has one column the importer knows no field for ("序号 | 项目名称 | 项目金额（万元） |
   资金来源说明 | 年度绩效目标"): a project per row, the unknown column's cells listed with its head. Before, the header
   was read as a form's label–value row: one project named "项目金额（万元）", every row below listed 未识别.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.assemble import GROUP_HEADING_REASON
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["docx", "xlsx", "txt"]
SUPERVISOR = "某县交通运输局"


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> Any:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "jtj")


# --- 1. group headings over the project forms ------------------------------------------------------------------------

ROAD = {"name": "农村公路养护", "total": "350.00", "goal": "完成农村公路养护120公里。",
        "indicator": ("产出指标", "数量指标", "养护里程", "120公里")}
FUND = {"name": "车辆购置税收入补助", "total": "80.5", "goal": "完成国省干线公路改造8公里。",
        "indicator": ("效益指标", "社会效益指标", "群众出行条件", "明显改善")}


def project_form(spec: dict[str, Any]) -> list[FormBlock]:
    form = FormTable()
    form.add("项目名称", spec["name"])
    form.add("主管部门", SUPERVISOR)
    form.add("项目金额（万元）", spec["total"])
    form.add("年度目标", spec["goal"])
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add(*spec["indicator"])
    return [FormText("项目支出绩效目标表"), form, indicators]


def grouped(headings: list[str]) -> list[FormBlock]:
    blocks: list[FormBlock] = []
    for heading, spec in zip(headings, [ROAD, FUND]):
        blocks += [FormText(heading), *project_form(spec)]
    return blocks


def expected(spec: dict[str, Any], number: int) -> dict[str, Any]:
    level1, level2, name, value = spec["indicator"]
    return {"id": f"p{number}", "name": spec["name"], "budget": {"total": spec["total"]},
            "goals": [{"id": "g1", "kind": "年度", "text": spec["goal"],
                       "indicators": [{"level1": level1, "level2": level2, "name": name, "value": value}]}]}


@pytest.mark.parametrize("headings", [["一、一般公共预算项目"], ["一、一般公共预算项目", "二、政府性基金预算项目"],
                                      ["一、本级项目", "二、政府性基金预算项目"]])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_group_heading_over_the_project_forms(tmp_path: Path, suffix: str, headings: list[str]) -> None:
    """Before, "一、一般公共预算项目" opened a chapter of the budget report: in Word and Excel the form under it was listed
    (import refused: no 部门名称), and "一、本级项目" became a section holding "项目支出绩效目标表" while "二、政府性基金预算
    项目" swallowed the second form (a project without name or amount)."""
    result = run(grouped(headings), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [expected(spec, n) for n, spec in enumerate([ROAD, FUND], 1)
                                                     if n <= len(headings)]
    assert "sections" not in result.filing
    assert result.filing["department"]["name"] == SUPERVISOR
    assert not_placed(result) == [(heading, GROUP_HEADING_REASON.format(text=heading)) for heading in headings]


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_bracketed_group_headings(tmp_path: Path, suffix: str) -> None:
    """"（一）一般公共预算项目" was read right before: it stays so, now listed with the group's reason."""
    headings = ["（一）一般公共预算项目", "（二）政府性基金预算项目"]
    result = run(grouped(headings), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [expected(ROAD, 1), expected(FUND, 2)]
    assert not_placed(result) == [(heading, GROUP_HEADING_REASON.format(text=heading)) for heading in headings]


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_projects_own_numbered_heading(tmp_path: Path, suffix: str) -> None:
    """"一、农村公路养护" over its form names the project, not a group: the project keeps the heading's number."""
    result = run([FormText("一、农村公路养护"), *project_form(ROAD)[1:]], tmp_path, suffix)
    project = as_written(result.filing["projects"])[0]
    assert project["number"] == 1 and project["name"] == ROAD["name"]
    assert project["budget"] == {"total": ROAD["total"]}


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_budget_chapter_stays_the_reports(tmp_path: Path, suffix: str) -> None:
    """"二、一般公共预算支出预算表" over a budget table is the report's chapter: listed, never a group of projects."""
    budget = FormTable()
    budget.add("科目编码", "科目名称", "合计")
    budget.add("2140104", "公路建设", "350.00")
    chapter = "二、一般公共预算支出预算表"
    result = run([*project_form(ROAD), FormText(chapter), budget], tmp_path, suffix)
    assert [p["name"] for p in result.filing["projects"]] == [ROAD["name"]]
    listed = not_placed(result)
    assert listed[0][0] == chapter and "部门预算公开" in listed[0][1]
    assert {text for text, _ in listed} == {chapter, "科目编码", "科目名称", "合计", "2140104", "公路建设", "350.00"}


# --- 2. a project list with a column the importer does not know ------------------------------------------------------

LOW = "完成农村公路养护120公里。"
SAFE = "完成危险路段防护改造15处。"


def unknown_column_list(head: str, numbered: bool) -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门名称", SUPERVISOR)
    projects = FormTable()
    number = ["序号"] if numbered else []
    projects.add(*number, "项目名称", "项目金额（万元）", head, "年度绩效目标")
    projects.add(*(["1"] if numbered else []), "农村公路养护", "350.00", "路政股", LOW)
    projects.add(*(["2"] if numbered else []), "公路安全生命防护工程", "80.5", "安全股", SAFE)
    return [FormText("2026年部门项目绩效目标表"), identity, projects]


@pytest.mark.parametrize("head", ["责任科室", "某某新列"])
@pytest.mark.parametrize("numbered", [True, False])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_list_with_an_unknown_column(tmp_path: Path, suffix: str, numbered: bool, head: str) -> None:
    """Before: one project named "项目金额（万元）", the unknown head listed "金额不是数字", every row 未识别."""
    result = run(unknown_column_list(head, numbered), tmp_path, suffix)
    keys = [{"number": n} if numbered else {"id": f"p{n}"} for n in (1, 2)]
    assert as_written(result.filing["projects"]) == [
        keys[0] | {"name": "农村公路养护", "budget": {"total": "350.00"},
                   "goals": [{"id": "annual", "kind": "年度", "text": LOW}]},
        keys[1] | {"name": "公路安全生命防护工程", "budget": {"total": "80.5"},
                   "goals": [{"id": "annual", "kind": "年度", "text": SAFE}]}]
    why = f"原表“{head}”一列在文件格式中没有对应的字段，未录入"
    assert not_placed(result) == [("路政股", why), ("安全股", why)]


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_form_row_of_three_pairs_stays_a_form(tmp_path: Path, suffix: str) -> None:
    """"项目名称 | X | 主管部门 | Y | 项目金额（万元） | Z": label–value pairs of one form, never a list's header."""
    form = FormTable()
    form.add("项目名称", "农村公路养护", "主管部门", SUPERVISOR, "项目金额（万元）", "350.00")
    form.add("年度目标", (LOW, 5))
    result = run([FormText("项目支出绩效目标表"), form], tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [
        {"id": "p1", "name": "农村公路养护", "budget": {"total": "350.00"},
         "goals": [{"id": "g1", "kind": "年度", "text": LOW}]}]
    assert not_placed(result) == []

