"""`gongkai import` of what earlier probes left over (fifth round).

1. A 部门整体 form (its title says 整体) whose only name is its 预算单位 ("预算单位：某县农业农村局" as a line, or the pair
   "预算单位 | 某县农业农村局"): before, the line was listed as a project's field and the import stopped ("原文没有部门
   名称"); the pair made a project that took the department's goal and indicators. Now the 预算单位 is the department's
   name, with a note; in a project's form it stays the project's unit.
2. A name that starts with a short number of its own ("110指挥中心", "12345政务服务便民热线管理中心"): before, the digits
   were taken off as a unit code ("指挥中心"). A code glued to a name is a system's long one (6 digits or more) or starts
   with 0; a short one needs brackets, a space or a dash, and otherwise stays the name's.
3. A 部门整体 form's funds as "项目 | 金额" over "收入合计 / 财政拨款 / 其他资金 / 支出合计 / 基本支出 / 项目支出" (the
   side totals first or last): before, no part read it and every cell was listed. Now the side totals say the sides.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_funds_without_share import GOAL as FUNDS_GOAL
from tests.test_import_funds_without_share import department_form
from tests.test_import_tasks import as_written, assert_clean, write
from tests.test_import_unit_codes import table, whole

FORMATS = ["txt", "xlsx", "docx"]
UNIT = "某县农业农村局"
GOALS = [{"id": "g1", "kind": "年度", "text": "完成年度教学任务。",
          "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "value": "≥500人次"},
                         {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学生满意度", "value": "≥90%"}]}]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str, department: str = "nyj") -> ImportResult:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"绩效目标表.{suffix}"), tmp_path, department)


def taken_from_unit(written: str, name: str) -> dict[str, str]:
    return {"field": "department.name",
            "text": f"原表没有部门名称一栏；部门整体绩效目标表的预算单位为“{written}”，编者取作部门名称“{name}”。"}


# --- 1. a 部门整体 form named only by its 预算单位 ---------------------------------------------------------------------

UNIT_HEADS: dict[str, list[FormBlock]] = {
    "line": [FormText(f"预算单位：{UNIT}")],
    "pair": [table(("预算单位", UNIT))],
    "cell": [table((f"预算单位：{UNIT}", ""))],
}


@pytest.mark.parametrize("layout", sorted(UNIT_HEADS))
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_whole_forms_budget_unit_is_its_department(tmp_path: Path, suffix: str, layout: str) -> None:
    """Before: the line listed and the import stopped (no department name); the pair made a project p1 that took the
    department's goal and indicators."""
    result = run(whole(UNIT_HEADS[layout]), tmp_path, suffix)
    assert result.filing["department"] == {"id": "nyj", "name": UNIT, "region": "ezhou"}
    assert result.filing["notes"] == [taken_from_unit(UNIT, UNIT)]
    assert result.filing["goals"] == GOALS and "projects" not in result.filing
    assert not_placed(result) == []
    assert_clean(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_whole_forms_budget_unit_with_its_code(tmp_path: Path, suffix: str) -> None:
    result = run(whole([FormText(f"预算单位：101001 {UNIT}")]), tmp_path, suffix)
    assert result.filing["department"]["name"] == UNIT
    assert result.filing["notes"] == [
        {"field": "department.name", "text": f"原表写作“101001 {UNIT}”；编者去掉前面的编码，部门名称写作“{UNIT}”。"},
        taken_from_unit(f"101001 {UNIT}", UNIT)]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_budget_unit_under_its_supervisor(tmp_path: Path, suffix: str) -> None:
    """"主管部门：…" above "预算单位：…": the unit is whose form it is, the 主管部门 its supervisor, as with 单位名称."""
    result = run(whole([FormText(f"主管部门：{UNIT}"), FormText("预算单位：某县农业技术推广中心")]), tmp_path, suffix)
    assert result.filing["department"] == {"id": "nyj", "name": "某县农业技术推广中心", "region": "ezhou",
                                           "supervisor": UNIT}
    assert result.filing["goals"] == GOALS
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_the_name_row_stands_beside_the_budget_unit(tmp_path: Path, suffix: str) -> None:
    """A 部门名称 line, then the same body's 预算单位 ("…本级"): the name stands as filed, no note; another body's
    预算单位 is listed as before, never written over the name."""
    same = run(whole([FormText(f"部门名称：{UNIT}"), FormText(f"预算单位：{UNIT}本级")]), tmp_path, suffix)
    assert same.filing["department"]["name"] == UNIT and "notes" not in same.filing
    assert not_placed(same) == []
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = run(whole([FormText(f"部门名称：{UNIT}"), FormText("预算单位：某县农业技术推广中心")]), other_dir, suffix)
    assert other.filing["department"]["name"] == UNIT
    assert not_placed(other) == [("预算单位：某县农业技术推广中心", "原表此处还没有项目，预算单位是项目的字段（不作为部门名称），未录入")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_projects_budget_unit_stays_the_projects(tmp_path: Path, suffix: str) -> None:
    """In a project's form (its title says 项目) the 预算单位 pair is the project's unit, never the department."""
    form = table(("预算单位", "某县农业技术推广中心"), ("项目名称", "农技推广补助"), ("项目金额", "85.00"),
                 ("年度目标", "培训农民500人次。"))
    blocks = [FormText("2026年项目支出绩效目标表"), FormText(f"部门名称：{UNIT}"), FormText("金额单位：万元"), form]
    result = run(blocks, tmp_path, suffix)
    assert result.filing["department"]["name"] == UNIT
    project = result.filing["projects"][0]
    assert (project["name"], project["budget_unit"]) == ("农技推广补助", "某县农业技术推广中心")


# --- 2. a name that starts with a number of its own --------------------------------------------------------------

@pytest.mark.parametrize("head", [[FormText("单位名称：110指挥中心")], [table(("部门名称", "110指挥中心"))]])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_short_number_glued_to_a_name_is_the_names(tmp_path: Path, suffix: str, head: list[FormBlock]) -> None:
    """Before: the name was "指挥中心", with a note that a code "110" was taken off."""
    result = run(whole(head), tmp_path, suffix, "zhzx")
    assert result.filing["department"] == {"id": "zhzx", "name": "110指挥中心", "region": "ezhou"}
    assert "notes" not in result.filing
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_service_lines_number_stays_in_the_name(tmp_path: Path, suffix: str) -> None:
    result = run(whole([FormText("部门名称：12345政务服务便民热线管理中心")]), tmp_path, suffix, "rx")
    assert result.filing["department"]["name"] == "12345政务服务便民热线管理中心"
    assert "notes" not in result.filing


@pytest.mark.parametrize("written, name", [("[101001]110指挥中心", "110指挥中心"), ("017某县司法局", "某县司法局"),
                                           ("418001某县卫生健康局本级", "某县卫生健康局本级"), ("101 某县教育局", "某县教育局")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_codes_before_names_still_come_off(tmp_path: Path, suffix: str, written: str, name: str) -> None:
    """A code in brackets, apart by a space, starting with 0 or 6 digits long and glued: taken off, with a note."""
    result = run(whole([FormText(f"单位名称：{written}")]), tmp_path, suffix, "x")
    assert result.filing["department"]["name"] == name
    assert result.filing["notes"] == [
        {"field": "department.name", "text": f"原表写作“{written}”；编者去掉前面的编码，部门名称写作“{name}”。"}]


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_project_named_after_a_service_line(tmp_path: Path, suffix: str) -> None:
    form = table(("项目名称", "12345便民服务热线运行经费"), ("实施单位", "110指挥中心"), ("项目金额", "85.00"),
                 ("年度目标", "保障热线全天候运行。"))
    blocks = [FormText("2026年项目支出绩效目标表"), FormText("部门名称：某市公安局"), FormText("金额单位：万元"), form]
    result = run(blocks, tmp_path, suffix, "gaj")
    project = as_written(result.filing["projects"][0])
    assert (project["name"], project["budget_unit"], project["budget"]) == (
        "12345便民服务热线运行经费", "110指挥中心", {"total": "85.00"})
    assert not_placed(result) == []


# --- 3. "项目 | 金额" over the side totals and their lines ---------------------------------------------------------

LINES = {"income": [("财政拨款", "1200.50"), ("其他资金", "100.00")],
         "expenditure": [("基本支出", "800.00"), ("项目支出", "500.50")]}
TOTALS = {"income": ("收入合计", "1300.50"), "expenditure": ("支出合计", "1300.50")}


def plain_funds(head: tuple[str, str], totals_first: bool) -> FormTable:
    funds = FormTable()
    funds.add(*head)
    for side in ("income", "expenditure"):
        rows = [TOTALS[side], *LINES[side]] if totals_first else [*LINES[side], TOTALS[side]]
        for row in rows:
            funds.add(*row)
    return funds


def expected_funds() -> dict:
    return {side: {"lines": [{"name": name, "amount": figure} for name, figure in LINES[side]],
                   "total": {"name": TOTALS[side][0], "amount": TOTALS[side][1]}} for side in ("income", "expenditure")}


@pytest.mark.parametrize("head", [("项目", "金额"), ("项目", "金额（万元）"), ("名称", "预算数")])
@pytest.mark.parametrize("totals_first", [True, False])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_name_and_amount_table_of_side_totals_is_the_funds(tmp_path: Path, suffix: str, totals_first: bool,
                                                             head: tuple[str, str]) -> None:
    """Before: no funds; "财政拨款"/"其他资金" listed as a project's amounts with no project, the rest 未识别."""
    result = run(department_form([plain_funds(head, totals_first)]), tmp_path, suffix, "sfj")
    assert as_written(result.filing["funds"]) == expected_funds()
    assert result.filing["goals"] == FUNDS_GOAL and "projects" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_one_side_totalled_is_no_funds_table(tmp_path: Path, suffix: str) -> None:
    """Only 收入合计 says a side: the sides of the other rows are not guessed; the table stays unread and listed."""
    funds = FormTable()
    funds.add("项目", "金额")
    for row in [TOTALS["income"], *LINES["income"], *LINES["expenditure"]]:
        funds.add(*row)
    result = run(department_form([funds]), tmp_path, suffix, "sfj")
    assert "funds" not in result.filing and "projects" not in result.filing
    listed = [text for text, _ in not_placed(result)]
    assert listed[:4] == ["项目", "金额", "收入合计", "1300.50"] and "800.00" in listed
