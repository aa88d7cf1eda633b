"""`gongkai import` of a unit's form that names its 主管部门 too: both names kept.

A school, a hospital or a 事业单位 files its own form under a 主管部门 (the bureau above it), and the form says both:
"主管部门 | 某县教育局" and "单位名称 | 某县第一中学", as rows, as lines ("主管部门：…"), in either order. The filing is
the unit's: its name is the unit's, and the 主管部门 is `department.supervisor`. Before, the content format had no
place for the 主管部门: whichever of the two came last was written over the other, unlisted (a 主管部门 row under
the unit's name even made the bureau the filing's department).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormTable, FormText
from tests.test_import_department_forms import FORMATS, short_form
from tests.test_import_tasks import as_written, write

UNIT, SUPERVISOR = "某县第一中学", "某县教育局"


def unit_form(*rows: tuple[str | tuple[str, int], ...], name_label: str = "单位名称") -> list:
    """The short 部门整体 form whose name row is the unit's, with `rows` after it (and before the goal)."""
    blocks = short_form(*rows)
    table = blocks[2]
    assert isinstance(table, FormTable)
    table.rows[0][:2] = [name_label, UNIT]
    return blocks


def imported_department(blocks: list, tmp_path: Path, suffix: str) -> tuple[dict, list]:
    result = import_new(write(blocks, tmp_path / f"单位.{suffix}"), tmp_path, "yizhong")
    return as_written(result.filing), not_placed(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_supervisor_row_under_the_units_name(tmp_path: Path, suffix: str) -> None:
    """Before: the 主管部门 row, read last, made the bureau the filing's department and the school was lost."""
    filing, unplaced = imported_department(unit_form(("主管部门", (SUPERVISOR, 8))), tmp_path, suffix)
    assert filing["department"] == {"id": "yizhong", "name": UNIT, "region": "ezhou", "supervisor": SUPERVISOR}
    assert unplaced == []
    assert "notes" not in filing


@pytest.mark.parametrize("suffix", FORMATS)
def test_supervisor_row_above_the_units_name(tmp_path: Path, suffix: str) -> None:
    """Before: the unit's name row wrote over the 主管部门's, which was lost unlisted."""
    blocks = unit_form()
    table = blocks[2]
    table.rows.insert(0, ["主管部门", SUPERVISOR] + [""] * 7)
    table.merges = [(r + 1, c1, r2 + 1, c2) for r, c1, r2, c2 in table.merges] + [(0, 1, 0, 8)]
    filing, unplaced = imported_department(blocks, tmp_path, suffix)
    assert filing["department"] == {"id": "yizhong", "name": UNIT, "region": "ezhou", "supervisor": SUPERVISOR}
    assert unplaced == []


@pytest.mark.parametrize("first, second", [
    (f"主管部门：{SUPERVISOR}", f"单位名称：{UNIT}"),
    (f"单位名称：{UNIT}", f"主管部门：{SUPERVISOR}"),
    (f"填报单位（盖章）：{UNIT}", f"主管部门：{SUPERVISOR}"),
])
@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_supervisor_and_unit_as_lines_in_either_order(tmp_path: Path, suffix: str, first: str, second: str) -> None:
    """Before: a 主管部门 line under the unit's was listed as a second department name; above it, it was lost."""
    blocks = short_form()
    blocks[2].rows[0][:2] = ["单位名称", UNIT]
    blocks[1:1] = [FormText(first), FormText(second)]
    filing, unplaced = imported_department(blocks, tmp_path, suffix)
    assert filing["department"] == {"id": "yizhong", "name": UNIT, "region": "ezhou", "supervisor": SUPERVISOR}
    assert unplaced == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_supervisor_with_its_code(tmp_path: Path, suffix: str) -> None:
    """"主管部门及代码 | [017]某县教育局": the code is the 主管部门's (`code`), its name the supervisor."""
    filing, unplaced = imported_department(unit_form(("主管部门及代码", (f"[017]{SUPERVISOR}", 8))), tmp_path, suffix)
    assert filing["department"] == {"id": "yizhong", "name": UNIT, "region": "ezhou", "supervisor": SUPERVISOR,
                                    "code": "017"}
    assert unplaced == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_the_same_department_written_twice_has_no_supervisor(tmp_path: Path, suffix: str) -> None:
    """A bureau's own form may name it as 主管部门 and as 单位名称, the same department (here shortened): one name."""
    blocks = unit_form(("主管部门", (SUPERVISOR, 8)))
    blocks[2].rows[0][1] = "县教育局"
    filing, unplaced = imported_department(blocks, tmp_path, suffix)
    assert filing["department"] == {"id": "yizhong", "name": SUPERVISOR, "region": "ezhou"}
    assert unplaced == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_second_supervisor_is_listed(tmp_path: Path, suffix: str) -> None:
    """The filing has one 主管部门: another one named later is listed, never written over the first."""
    filing, unplaced = imported_department(
        unit_form(("主管部门", (SUPERVISOR, 8)), ("主管部门", ("某县卫生健康局", 8))), tmp_path, suffix)
    assert filing["department"]["supervisor"] == SUPERVISOR
    why = "原表前面已有主管部门“某县教育局”，文件格式中此项只有一处，已按前一处录入，这一项未录入，请核对"
    assert unplaced == [("主管部门", why), ("某县卫生健康局", why)]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_second_name_row_naming_another_department_is_listed(tmp_path: Path, suffix: str) -> None:
    """Before: a later name row wrote over the first, unlisted ("部门名称 | 某县第一中学" became 某县卫生健康局)."""
    filing, unplaced = imported_department(unit_form(("部门名称", ("某县卫生健康局", 8))), tmp_path, suffix)
    assert filing["department"] == {"id": "yizhong", "name": UNIT, "region": "ezhou"}
    why = "原表前面已有部门名称“某县第一中学”，文件格式中此项只有一处，已按前一处录入，这一项未录入，请核对"
    assert unplaced == [("部门名称", why), ("某县卫生健康局", why)]


def test_a_later_form_without_the_supervisor_takes_the_departments_files(tmp_path: Path) -> None:
    """Every filing of a department must say the same of it or the build stops: a form of the unit that does not name
    its 主管部门 takes it from the unit's files, with a note, and the content checks clean."""
    folder = tmp_path / "yizhong"
    folder.mkdir()
    (folder / "2025-gongkai.yml").write_text(
        f"department: {{id: yizhong, name: {UNIT}, region: ezhou, supervisor: {SUPERVISOR}}}\n"
        "fiscal_year: 2025\nkind: 公开\ntitle: 2025年部门整体绩效目标\nmoney_unit: 万元\n"
        "goals:\n  - {id: g1, kind: 年度, indicators: [{name: 在校学生数, value: ≥1200人}]}\n", encoding="utf-8")
    result = import_new(write(unit_form(), tmp_path / "单位.xlsx"), tmp_path, "yizhong")
    assert result.filing["department"] == {"id": "yizhong", "name": UNIT, "region": "ezhou", "supervisor": SUPERVISOR}
    assert {"field": "department.supervisor", "text": f"原表未写主管部门；编者按本部门已有文件写作“{SUPERVISOR}”。"} \
        in result.filing["notes"]
    assert result.check.errors == []
