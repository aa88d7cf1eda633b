"""`gongkai import` of workbooks as 预算管理一体化系统 exports 项目支出绩效目标: what tests/test_import_workbooks.py
does not draw yet.

- all projects in one sheet, each block opening with its own 项目名称 row right under the last indicator row of
  the one before (no empty row between blocks): each block is one project, nothing of one runs into the next.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.imports import not_placed
from tests.test_import_tasks import as_written
from tests.test_import_workbooks import Sheet, assert_checked, project_sheet, run


def blocks_in_one_sheet(*projects: Sheet) -> Sheet:
    """The projects' sheets one under the other in one sheet: the heading once, then each block's rows from its
    项目名称 row on, with the block's merges moved down to where its rows now stand."""
    heading = projects[0].rows[:3]
    rows, merges = list(heading), ["A1:E1", "A2:E2"]
    for project in projects:
        shift = len(rows) - 3
        rows += project.rows[3:]
        merges += [_moved(merge, shift) for merge in project.merges if _first_row(merge) > 3]
    return Sheet("项目支出", rows, merges)


def _first_row(merge: str) -> int:
    return int("".join(ch for ch in merge.split(":")[0] if ch.isdigit()))


def _moved(merge: str, shift: int) -> str:
    def one(corner: str) -> str:
        letters = "".join(ch for ch in corner if ch.isalpha())
        return f"{letters}{int(corner[len(letters):]) + shift}"
    return ":".join(one(corner) for corner in merge.split(":"))


def expected(name: str, amount: str) -> dict:
    return {"name": name, "budget_unit": "某县农技推广中心",
            "budget": {"annual": {"total": amount, "fiscal": amount, "other": "0.00"}},
            "goals": [{"id": "g1", "kind": "年度", "text": f"完成{name}", "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "完成率", "value": "95%"},
                {"level1": "效益指标", "level2": "社会效益指标", "name": "受益农户", "value": "1200"}]}]}


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_project_blocks_one_after_another_in_one_sheet_are_each_one_project(tmp_path: Path, suffix: str) -> None:
    sheet = blocks_in_one_sheet(project_sheet(1, "高标准农田建设", 300), project_sheet(2, "农民培训", 45.6),
                                project_sheet(3, "动物防疫", 12.34))
    result = run([sheet], tmp_path, suffix)
    assert [{k: v for k, v in p.items() if k != "id"} for p in as_written(result.filing["projects"])] == [
        expected("高标准农田建设", "300.00"), expected("农民培训", "45.60"), expected("动物防疫", "12.34")]
    assert [p["id"] for p in result.filing["projects"]] == ["p1", "p2", "p3"]
    assert result.filing["title"] == "项目支出绩效目标表（2026年度）"
    assert not_placed(result) == []
    assert_checked(result)
