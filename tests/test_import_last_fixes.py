"""`gongkai import` of the last gaps probes found.

1. A department's list of its projects with each project's goal text and no indicator columns ("项目名称 | 项目金额 |
   年度绩效目标"): a project per row, its name, its budget total as filed and its 年度 goal's text. A form of the
   same project elsewhere in the file keeps its own goal text; the row's is taken where the form has none.
2. A project form's row of the budget classification the project is charged to ("支出功能分类科目 | 2082001 城市最低生活
   保障金支出", 经济分类科目 …, or two such pairs on one row): the content format has no field for it, and it is listed
   with that reason, as a project's other texts without a field are; never read as a figure.
3. A funds table's total row that names its side ("收入合计", "支出总计"), in the 部门整体 form's table of sections or
   in a 收支总表 of two sides: the total of that side, as a "合计" row is.
4. A form with no 部门名称 row whose title names the department, imported for a department with files in content/:
   the name is the files' (as before), and the note says what the title names instead of "原文未写部门名称".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.imports import import_new, not_placed
from tests.test_import_project_forms import (PROJECTS, TITLE, expected_project, indicator_table, no_field, plan_table,
                                             project_table)
from tests.test_import_funds_sides import EXPECTED_GOALS, GOAL, form, imported
from tests.test_import_tasks import as_written, assert_clean, write

FORMATS = ["xlsx", "docx", "txt"]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> object:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "mzj")


# --- 1. a list of projects with their goal texts ---------------------------------------------------------------------

LOW_INCOME = "保障城市低保对象基本生活，按时足额发放低保金。"
ELDERLY = "为高龄老人发放养老服务补贴，提升养老服务水平。"


def goal_list(goal_head: str = "年度绩效目标") -> list[FormBlock]:
    identity = FormTable()
    identity.add("部门名称", "某县民政局")
    projects = FormTable()
    projects.add("项目名称", "项目金额（万元）", goal_head)
    projects.add("城市低保资金", "1200.50", LOW_INCOME)
    projects.add("养老服务补贴", "300", ELDERLY)
    return [FormText("2026年部门项目绩效目标表"), identity, projects]


def listed(goal_id: str = "annual") -> list[dict]:
    return [{"id": "p1", "name": "城市低保资金", "budget": {"total": "1200.50"},
             "goals": [{"id": goal_id, "kind": "年度", "text": LOW_INCOME}]},
            {"id": "p2", "name": "养老服务补贴", "budget": {"total": "300"},
             "goals": [{"id": goal_id, "kind": "年度", "text": ELDERLY}]}]


@pytest.mark.parametrize("goal_head", ["年度绩效目标", "绩效目标", "年度目标"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_list_of_projects_with_their_goal_texts(tmp_path: Path, suffix: str, goal_head: str) -> None:
    """Before, the header was no list's (the goal column was none of its columns): one empty project `{id: p1}`,
    every cell below listed 未识别."""
    result = run(goal_list(goal_head), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed()
    assert result.filing["money_unit"] == "万元"
    assert not_placed(result) == []
    assert result.check.errors == [] and result.check.warnings == []


@pytest.mark.parametrize("form_goal", ["", "全年按时足额发放低保金。"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_listed_goal_text_and_the_projects_own_form(tmp_path: Path, suffix: str, form_goal: str) -> None:
    """The row's goal text is taken where the project's form has none; a form's own text stands, the row's in a note."""
    form = FormTable()
    form.add("项目名称", "城市低保资金")
    form.add("项目金额", "1200.50")
    if form_goal:
        form.add("年度目标", form_goal)
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "保障人数", "≥5000人")
    result = run(goal_list() + [form, indicators], tmp_path, suffix)
    row = {"xlsx": "原表 绩效目标表!A5", "docx": "原表 表2 第2行第1列", "txt": "原表 第4行第1格"}[suffix]
    goal = {"id": "g1", "kind": "年度", "text": form_goal or LOW_INCOME,
            "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "保障人数", "value": "≥5000人"}]}
    taken = "。"
    if form_goal:
        goal["notes"] = [{"field": "text", "text": f"{row} 所在行的年度绩效目标为“{LOW_INCOME}”，与项目表的不一致；编者按项目表录入。"}]
    else:
        taken = "，年度绩效目标按该行录入。"
    assert as_written(result.filing["projects"]) == [
        {"id": "p1", "name": "城市低保资金", "budget": {"total": "1200.50"}, "goals": [goal],
         "notes": [{"field": "name", "text": f"{row} 所在行（项目一览）与本项目的项目表同名；编者读作同一个项目{taken}"}]},
        listed()[1]]
    assert not_placed(result) == []


# --- 2. the budget classification in a project form ------------------------------------------------------------------

def classified_form(*rows: tuple[str, ...]) -> list[FormBlock]:
    """The first project's form with `rows` (label | text, or two such pairs) after its 总体目标."""
    spec = PROJECTS[0]
    table = project_table(spec)
    for row in rows:
        table.add(row[0], (row[1], 5)) if len(row) == 2 else table.add(row[0], row[1], row[2], (row[3], 3))
    return [FormText(TITLE), FormText("单位：万元"), FormText(spec["heading"]), table, indicator_table(spec["rows"]),
            plan_table(spec["plan"])]


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_budget_classification_of_a_project_has_no_field(tmp_path: Path, suffix: str) -> None:
    """Before, each of these cells was listed as 未识别的单元格."""
    rows = [("支出功能分类科目", "2082001 城市最低生活保障金支出"), ("经济分类科目", "30305 生活补助"),
            ("功能分类科目（类款项）", "2082001"), ("支出经济分类", "30305"),
            ("支出功能分类科目", "2082001", "支出经济分类科目", "30305")]
    result = run(classified_form(*rows), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == [expected_project(1, PROJECTS[0], suffix)]
    summary = [(text, no_field("项目概况")) for text in ("项目概况", PROJECTS[0]["summary"])]
    listed = [(text, no_field(label)) for row in rows for label, value in zip(row[::2], row[1::2])
              for text in (label, value)]
    assert not_placed(result) == summary + listed


# --- 3. a total row that names its side ------------------------------------------------------------------------------

def sections(income_total: str, expenditure_total: str) -> list[FormBlock]:
    """The 部门整体 form's funds table: a section label beside its first line, each side's total row under it."""
    return form(("总体资金情况", "", "当年金额", "占比"), [
        ("收入构成", "财政拨款", "1200.50", "92.31%"), ("", "其他资金", "100.00", "7.69%"),
        (income_total, "", "1300.50", "100%"),
        ("支出构成", "基本支出", "800.00", "61.52%"), ("", "项目支出", "500.50", "38.48%"),
        (expenditure_total, "", "1300.50", "100%")])


def funds(income_total: str, expenditure_total: str, share: bool) -> dict:
    def line(name: str, amount: str, percent: str) -> dict:
        return {"name": name, "amount": amount} | ({"share": percent} if share else {})
    return {"income": {"lines": [line("财政拨款", "1200.50", "92.31%"), line("其他资金", "100.00", "7.69%")],
                       "total": line(income_total, "1300.50", "100%")},
            "expenditure": {"lines": [line("基本支出", "800.00", "61.52%"), line("项目支出", "500.50", "38.48%")],
                            "total": line(expenditure_total, "1300.50", "100%")}}


@pytest.mark.parametrize("totals", [("收入合计", "支出合计"), ("收入总计", "支出总计")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_total_row_naming_its_side_in_the_sections_table(tmp_path: Path, suffix: str,
                                                           totals: tuple[str, str]) -> None:
    """Before, "收入合计" and "支出总计" were read as one more line of their side, and neither side had a total."""
    result = imported(sections(*totals), tmp_path, suffix)
    assert as_written(result.filing["funds"]) == funds(*totals, share=True)
    assert result.filing["overall_goal"] == GOAL and result.filing["goals"] == EXPECTED_GOALS
    assert_clean(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_total_row_naming_its_side_in_a_table_of_two_sides(tmp_path: Path, suffix: str) -> None:
    blocks = form(("收入", "金额", "支出", "金额"), [
        ("财政拨款", "1200.50", "基本支出", "800.00"), ("其他资金", "100.00", "项目支出", "500.50"),
        ("收入总计", "1300.50", "支出总计", "1300.50")])
    result = imported(blocks, tmp_path, suffix)
    assert as_written(result.filing["funds"]) == funds("收入总计", "支出总计", share=False)
    assert_clean(result)


# --- 4. the department's name in the title, and in content/ ----------------------------------------------------------

def titled_form(title: str) -> list[FormBlock]:
    """A Word text export's 部门整体 form (as the seeds' ' 第一部分' exports): its title line, no 部门名称 row."""
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "保障人数", "≥5000人")
    return [FormText(title), FormText("一、总体绩效目标"), FormText("保障困难群众基本生活。"), indicators]


def in_content(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "mzj"
    folder.mkdir()
    (folder / "2025-gongkai.yml").write_text(f"department: {{id: mzj, name: {name}, region: ezhou}}\n"
                                              "fiscal_year: 2025\n", encoding="utf-8")


@pytest.mark.parametrize("title, side", [("某县民政局2026年部门整体绩效目标", "前"), ("2026年某县民政局部门整体绩效目标", "后")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_the_title_names_the_department_its_files_name(tmp_path: Path, suffix: str, title: str, side: str) -> None:
    """Before, the note said "原文未写部门名称" though the title names the department."""
    in_content(tmp_path, "某县民政局")
    result = run(titled_form(title), tmp_path, suffix)
    assert result.filing["department"] == {"id": "mzj", "name": "某县民政局", "region": "ezhou"}
    assert result.filing["notes"][0] == {"field": "department.name", "text": (
        f"原表没有写部门名称的栏目；标题为“{title}”，标题中年度{side}的“某县民政局”与部门标识 mzj 已有文件中的名称相同，"
        "编者按此录入。")}


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_title_names_the_department_otherwise_than_its_files(tmp_path: Path, suffix: str) -> None:
    in_content(tmp_path, "某县民政事务局")
    title = "某县民政局2026年部门整体绩效目标"
    result = run(titled_form(title), tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县民政事务局"
    assert result.filing["notes"][0] == {"field": "department.name", "text": (
        f"原表没有写部门名称的栏目；标题为“{title}”，标题中年度前的“某县民政局”与已有文件中的名称不同；"
        "编者按部门标识 mzj 已有文件中的名称写作“某县民政事务局”。")}


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_title_naming_no_department_keeps_the_note(tmp_path: Path, suffix: str) -> None:
    in_content(tmp_path, "某县民政局")
    result = run(titled_form("2026年部门整体绩效目标"), tmp_path, suffix)
    assert result.filing["notes"][0] == {"field": "department.name",
                                         "text": "原文未写部门名称；编者按部门标识 mzj 已有文件中的名称写作“某县民政局”。"}
