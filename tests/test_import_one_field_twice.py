"""`gongkai import` of a project list with indicator rows that has two unit columns: 主管部门 beside 单位名称 (实施单位,
预算单位).

A department's 项目支出绩效目标表 (or a county's list of several departments' projects) names each project's 主管部门 and
the unit that spends the money: "序号 | 主管部门 | 单位名称 | 项目名称 | 项目金额（万元） | 年度绩效目标 | 一级指标 …",
the project cells merged down over its indicator rows.

1. Both columns were read as the project's `budget_unit`, the later one over the earlier, unseen: "单位名称 | 主管部门"
   gave every school's project the 主管部门 as its unit (某县第一中学 lost), and "主管部门 | 单位名称" dropped a 主管部门
   other than the filing's department without a word. Now the unit column is the `budget_unit`, and the 主管部门 is read
   as in a list without indicators (tests/test_import_plain_lists.py): placed where it names the filing's department,
   else listed with why.

Guards: a lone 主管部门 column is still each project's `budget_unit`; "主管部门 | 实施单位" naming the filing's department
keeps the 实施单位 and lists nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "txt"]
INDICATOR_HEAD = ("一级指标", "二级指标", "三级指标", "指标值")
INDICATORS = [("产出指标", "数量指标", "资助学生人数", "≥300人"),
              ("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%")]
# (主管部门, the unit that spends the money, 项目名称, 项目金额, 年度绩效目标)
SCHOOLS = [("某县教育局", "某县第一中学", "学生资助经费", "56.00", "按时足额发放学生资助资金。"),
           ("某县教育局", "某县第二中学", "校舍维修改造", "230", "完成校舍维修，消除安全隐患。")]
MIXED = [("某县教育局", "某县第一中学", "学生资助经费", "56.00", "按时足额发放学生资助资金。"),
         ("某县卫生健康委员会", "某县人民医院", "基本公共卫生服务", "1250.50", "完成基本公共卫生服务项目。")]
SUPERVISOR_BESIDE_UNIT = ("原表“主管部门”一列写的是各项目的主管部门；项目的预算单位已按表中的单位一列录入，"
                          "文件格式中项目没有主管部门的字段，未录入")


def project_list(unit_heads: tuple[str, ...], projects: list[tuple[str, ...]], department: str) -> list[Any]:
    """The list under its title and department line; `unit_heads` in the order the columns stand ("主管部门" and/or
    the unit column's head), each project's cells merged down over its indicator rows."""
    head = ("序号", *unit_heads, "项目名称", "项目金额（万元）", "年度绩效目标", *INDICATOR_HEAD)
    table = FormTable()
    table.add(*head)
    for number, (supervisor, unit, name, total, goal) in enumerate(projects, 1):
        cells = [str(number), *(supervisor if h == "主管部门" else unit for h in unit_heads), name, total, goal]
        first = len(table.rows)
        for row, indicator in enumerate(INDICATORS):
            table.add(*(cells if not row else [""] * len(cells)), *indicator)
        for column in range(len(cells)):
            table.merge_down(column, first, len(table.rows) - 1)
    return [FormText("2026年项目支出绩效目标表"), FormText(f"部门名称：{department}"), table]


def imported(unit_heads: tuple[str, ...], projects: list[tuple[str, ...]], department: str, tmp_path: Path,
             suffix: str) -> ImportResult:
    return import_new(write(project_list(unit_heads, projects, department), tmp_path / f"项目表.{suffix}"),
                      tmp_path, "jyj")


def expected(projects: list[tuple[str, ...]], *, unit_of: int = 1) -> list[dict[str, Any]]:
    """What a careful transcriber writes: the unit that spends the money (column `unit_of` of each project) as the
    project's 预算单位, its amount as filed, its 年度 goal with its indicators."""
    indicators = [{"level1": a, "level2": b, "name": c, "value": d} for a, b, c, d in INDICATORS]
    return [{"number": n, "budget_unit": project[unit_of], "name": project[2], "budget": {"total": project[3]},
             "goals": [{"id": "annual", "kind": "年度", "text": project[4], "indicators": indicators}]}
            for n, project in enumerate(projects, 1)]


def projects_of(result: ImportResult) -> list[dict[str, Any]]:
    """The projects as filed; the importer's notes on indicators looked at aside."""
    return [{**project, "goals": [{**goal, "indicators": [{k: v for k, v in i.items() if k != "notes"}
                                                          for i in goal["indicators"]]}
                                  for goal in project["goals"]]} for project in as_written(result.filing["projects"])]


# --- 1. two unit columns: the unit column is the 预算单位, the 主管部门 read as in a plain list -------------------------

@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("unit_head", ["单位名称", "实施单位", "预算单位"])
def test_unit_column_before_the_supervisor_keeps_the_unit(tmp_path: Path, suffix: str, unit_head: str) -> None:
    """"单位名称 | 主管部门": before, every project's 预算单位 was the 主管部门 (某县教育局), the schools lost unseen."""
    result = imported((unit_head, "主管部门"), SCHOOLS, "某县教育局", tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县教育局"
    assert projects_of(result) == expected(SCHOOLS)
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("order", ["supervisor-first", "unit-first"])
def test_supervisors_of_other_bodies_are_listed(tmp_path: Path, suffix: str, order: str) -> None:
    """A county's list of several departments' projects: each 主管部门, no field of the project, is listed with why
    (before: dropped unseen, or written over the unit)."""
    heads = ("主管部门", "单位名称") if order == "supervisor-first" else ("单位名称", "主管部门")
    result = imported(heads, MIXED, "某县财政局", tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert projects_of(result) == expected(MIXED)
    assert not_placed(result) == [("某县教育局", SUPERVISOR_BESIDE_UNIT), ("某县卫生健康委员会", SUPERVISOR_BESIDE_UNIT)]


# --- guards ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_supervisor_naming_the_department_beside_the_unit_is_placed(tmp_path: Path, suffix: str) -> None:
    """"主管部门 | 实施单位", the 主管部门 the filing's department on every row: the 实施单位 is each 预算单位, nothing
    listed (as read before)."""
    result = imported(("主管部门", "实施单位"), SCHOOLS, "某县教育局", tmp_path, suffix)
    assert projects_of(result) == expected(SCHOOLS)
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_lone_supervisor_column_is_the_budget_unit(tmp_path: Path, suffix: str) -> None:
    """A list whose only unit column is 主管部门: each row's 主管部门 is its project's 预算单位, as before."""
    result = imported(("主管部门",), MIXED, "某县财政局", tmp_path, suffix)
    assert projects_of(result) == expected(MIXED, unit_of=0)
    assert not_placed(result) == []
