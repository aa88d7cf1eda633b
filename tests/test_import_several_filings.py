"""`gongkai import` of a document that holds more than one filing, and of single filings that only look like it.

Counties and cities publish combined documents: several departments' 部门整体绩效目标表 one after another (or one
sheet each), a department's 2025 and 2026 tables, a 申报 with its 批复. A file holds one filing: the import stops,
naming both departments (years, kinds) and where each starts, and writes nothing. A single filing that names other
units (a project's 下属单位, a 主管部门 above a 单位名称, the department written another way, a project list, a
prior-year column, a letter's addressee) is imported as before.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.importing.department import same_department
from generator.importing.document import ImportFailure
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.render import cell_value, sheet_grid
from tests.test_import_tasks import write

EDUCATION, HEALTH = "某县教育局", "某县卫生健康局"
SPLIT = ("文件格式中一个文件只放一个部门一个年度的一份绩效目标表，未写入任何文件。请把原文拆开，每一份表另存为一个文件"
         "（Word、PDF、网页文字按各自的标题或部门名称分开；Excel 每个工作表另存为一个工作簿），再逐个导入。")


def indicators(name: str) -> FormTable:
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", name, "≥10个")
    return table


def department_form(name: str, title: str | None = "{name}2026年度部门整体绩效目标表") -> list[FormBlock]:
    """One department's 部门整体绩效目标表: title, unit, its 部门名称 row, 年度总体目标 and an indicator table."""
    identity = FormTable()
    identity.add("部门名称", name)
    goal = FormTable()
    goal.add("年度总体目标", f"{name}完成年度任务。")
    return [*([FormText(title.format(name=name))] if title else []), FormText("金额单位：万元"), identity, goal,
            indicators(f"{name}指标")]


def project_form(name: str, unit_label: str, unit: str) -> list[FormBlock]:
    """A project's form: 项目名称, a unit row, its 年度目标 and an indicator table."""
    table = FormTable()
    table.add("项目名称", name)
    table.add(unit_label, unit)
    table.add("年度目标", f"完成{name}。")
    return [table, indicators(f"{name}数量")]


def refused(blocks: list[FormBlock], path: Path) -> str:
    source = write(blocks, path)
    with pytest.raises(ImportFailure) as error:
        import_new(source, path.parent, "x")
    assert not (path.parent / "out.yml").exists()
    return str(error.value).removeprefix(f"{source}：")


def imported(blocks: list[FormBlock], path: Path) -> dict:
    return import_new(write(blocks, path), path.parent, "x").filing


def goal_texts(filing: dict) -> list[str | list[str]]:
    """The overall goal, then each goal's indicator names."""
    return [filing.get("overall_goal"), *([i["name"] for i in goal.get("indicators", [])] for goal in filing["goals"])]


# --- two filings in one document: refused ----------------------------------------------------------

TWO_DEPARTMENTS = {
    "docx": ("第1段", "第3段"),
    "xlsx": ("绩效目标表!A1", "绩效目标表!A10"),
    "txt": ("第1行", "第7行"),
    "pdf": ("第1页 第1行", "第1页 第3行"),
}


@pytest.mark.parametrize("suffix", TWO_DEPARTMENTS)
def test_two_departments_forms_one_after_another(tmp_path: Path, suffix: str) -> None:
    """A county's combined disclosure: each department's form with its title and 部门名称 row. Read as one, the
    goals of both were filed under the second department's name, with nothing said."""
    first, second = TWO_DEPARTMENTS[suffix]
    message = refused(department_form(EDUCATION) + department_form(HEALTH), tmp_path / f"合并.{suffix}")
    assert message == (f"原文中有两个部门的绩效目标表，各有自己的目标和指标：“某县教育局”从{first}的标题"
                       f"“某县教育局2026年度部门整体绩效目标表”开始，“某县卫生健康局”从{second}的标题"
                       f"“某县卫生健康局2026年度部门整体绩效目标表”开始。" + SPLIT)


def test_one_sheet_per_department(tmp_path: Path) -> None:
    """A workbook with one sheet per department: the sheets name where each starts."""
    path = tmp_path / "各部门.xlsx"
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet_name, name in (("教育局", EDUCATION), ("卫健局", HEALTH)):
        sheet = workbook.create_sheet(sheet_name)
        rows, merges = sheet_grid(department_form(name))
        for r, row in enumerate(rows, 1):
            for c, text in enumerate(row, 1):
                if text:
                    sheet.cell(r, c).value = cell_value(text)[0]
        for top, left, bottom, right in merges:
            sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1)
    workbook.save(path)
    with pytest.raises(ImportFailure) as error:
        import_new(path, tmp_path, "x")
    assert str(error.value) == (f"{path}：原文中有两个部门的绩效目标表，各有自己的目标和指标：“某县教育局”从教育局!A1的标题"
                                "“某县教育局2026年度部门整体绩效目标表”开始，“某县卫生健康局”从卫健局!A1的标题"
                                "“某县卫生健康局2026年度部门整体绩效目标表”开始。" + SPLIT)
    assert not (tmp_path / "out.yml").exists()


def test_forms_named_only_by_their_name_rows(tmp_path: Path) -> None:
    """No titles: the second department's 部门名称 row, after the first one's goals, starts its form."""
    message = refused(department_form(EDUCATION, title=None) + department_form(HEALTH, title=None),
                      tmp_path / "合并.docx")
    assert message == ("原文中有两个部门的绩效目标表，各有自己的目标和指标：“某县教育局”从表1 第1行第2列的部门名称开始，"
                       "“某县卫生健康局”从表4 第1行第2列的部门名称开始。" + SPLIT)


def test_second_department_after_the_first_ones_projects(tmp_path: Path) -> None:
    """The first department's form, its projects, then the next department's form: its title starts it, though its
    goals would have been read as the last project's."""
    blocks = department_form(EDUCATION) + project_form("校舍维修", "实施单位", "某县第一中学") + department_form(HEALTH)
    message = refused(blocks, tmp_path / "合并.txt")
    assert message == ("原文中有两个部门的绩效目标表，各有自己的目标和指标：“某县教育局”从第1行的标题"
                       "“某县教育局2026年度部门整体绩效目标表”开始，“某县卫生健康局”从第12行的标题"
                       "“某县卫生健康局2026年度部门整体绩效目标表”开始。" + SPLIT)


def test_two_years_of_one_department(tmp_path: Path) -> None:
    blocks = department_form(EDUCATION, "{name}2025年度部门整体绩效目标表") + department_form(EDUCATION)
    message = refused(blocks, tmp_path / "两年.docx")
    assert message == ("原文中有两个年度的绩效目标表，各有自己的目标和指标：2025年度从第1段的标题"
                       "“某县教育局2025年度部门整体绩效目标表”开始，2026年度从第3段的标题"
                       "“某县教育局2026年度部门整体绩效目标表”开始。" + SPLIT)


def test_a_shenbao_and_its_pifu(tmp_path: Path) -> None:
    blocks = department_form(EDUCATION, "{name}2026年度部门整体绩效目标申报表") \
        + department_form(EDUCATION, "{name}2026年度部门整体绩效目标批复表")
    message = refused(blocks, tmp_path / "申报和批复.txt")
    assert message == ("原文中有申报和批复两种绩效目标表，各有自己的目标和指标：申报从第1行的标题"
                       "“某县教育局2026年度部门整体绩效目标申报表”开始，批复从第7行的标题"
                       "“某县教育局2026年度部门整体绩效目标批复表”开始。" + SPLIT)


# --- single filings that name other units: imported --------------------------------------------

def test_a_project_of_a_subordinate_unit(tmp_path: Path) -> None:
    """单位名称 in a project's form names the 下属单位 that carries the project out: the project's unit. It once
    replaced the department's name, silently."""
    blocks = department_form(EDUCATION) + project_form("校舍维修", "单位名称", "某县第一中学") \
        + project_form("营养餐", "实施单位", "某县第二中学")
    filing = imported(blocks, tmp_path / "教育局.docx")
    assert filing["department"]["name"] == EDUCATION
    assert [(p["name"], p["budget_unit"]) for p in filing["projects"]] == [("校舍维修", "某县第一中学"),
                                                                        ("营养餐", "某县第二中学")]
    assert goal_texts(filing) == ["某县教育局完成年度任务。", ["某县教育局指标"]]


def test_a_supervising_department_above_the_unit(tmp_path: Path) -> None:
    """主管部门 and 单位名称 both head the one form (before its goals): one filing, under the 单位名称, as before."""
    blocks = [FormText("2026年度部门整体绩效目标表"), FormText("主管部门：某县教育局"),
              FormText("单位名称：某县教育局机关服务中心"), *department_form("某县教育局机关服务中心", title=None)[2:]]
    result = import_new(write(blocks, tmp_path / "单位.txt"), tmp_path, "x")
    assert result.filing["department"]["name"] == "某县教育局机关服务中心"
    assert goal_texts(result.filing) == ["某县教育局机关服务中心完成年度任务。", ["某县教育局机关服务中心指标"]]
    assert not_placed(result) == []


def test_the_department_written_another_way(tmp_path: Path) -> None:
    """The name again after the goals, abbreviated, with （本级）, without the county: the same department, and the
    goals read after it are still its own."""
    blocks = [*department_form(HEALTH)[:2], FormText("部门名称：某县卫健局（本级）"), *department_form(HEALTH)[3:],
              FormText("中期目标"), indicators("中期指标"), FormText("填报单位：县卫生健康局"), FormText("年度绩效指标"),
              indicators("年度指标")]
    result = import_new(write(blocks, tmp_path / "卫健局.docx"), tmp_path, "x")
    assert result.filing["department"]["name"] == "县卫生健康局"
    assert goal_texts(result.filing) == ["某县卫生健康局完成年度任务。", ["某县卫生健康局指标"], ["中期指标"],
                                         ["年度指标"]]


@pytest.mark.parametrize(("one", "other", "same"), [
    ("某县卫生健康局", "某县卫健局（本级）", True), ("某县教育局", "县教育局", True), ("某县教育局", "某县教育局本级", True),
    ("[017]某县司法局", "某县司法局", True), ("某县教育局", "某县卫生健康局", False), ("某县教育局", "某县第一中学", False),
    ("某县人民医院", "某县中医院", False)])
def test_same_department(one: str, other: str, same: bool) -> None:
    assert same_department(one, other) is same and same_department(other, one) is same


def test_a_project_list_naming_other_units(tmp_path: Path) -> None:
    projects = FormTable()
    projects.add("序号", "项目名称", "预算单位", "项目金额")
    projects.add("1", "校舍维修", "某县第一中学", "10.00")
    projects.add("2", "营养餐", "某县第二中学", "20.00")
    filing = imported(department_form(EDUCATION) + [projects, indicators("维修校舍数")], tmp_path / "教育局.xlsx")
    assert filing["department"]["name"] == EDUCATION
    assert [(p["name"], p["budget_unit"]) for p in filing["projects"]] == [("校舍维修", "某县第一中学"),
                                                                        ("营养餐", "某县第二中学")]


def test_a_prior_year_column(tmp_path: Path) -> None:
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值", "2025年指标值")
    table.add("产出指标", "数量指标", "培训人次", "≥10个", "≥8个")
    filing = imported(department_form(EDUCATION)[:4] + [table], tmp_path / "教育局.docx")
    assert filing["goals"][0]["indicators"] == [{"level1": "产出指标", "level2": "数量指标", "name": "培训人次",
                                                 "value": "≥10个", "prior": {2025: "≥8个"}}]


def test_a_letter_addressed_to_the_department(tmp_path: Path) -> None:
    """The 财政局's letter to the department, then the department's form: one filing, the letter's lines listed."""
    blocks = [FormText("关于下达2026年部门整体绩效目标的通知"), FormText("县教育局："),
              FormText("现将你单位2026年部门整体绩效目标下达给你们，请按规定公开。"), FormText("某县财政局"),
              FormText("2026年1月20日"), *department_form(EDUCATION, title=None)]
    result = import_new(write(blocks, tmp_path / "批复.txt"), tmp_path, "x")
    assert result.filing["department"]["name"] == EDUCATION
    assert result.filing["title"] == "关于下达2026年部门整体绩效目标的通知"
    assert goal_texts(result.filing) == ["某县教育局完成年度任务。", ["某县教育局指标"]]
    assert [text for text, _ in not_placed(result)] == ["现将你单位2026年部门整体绩效目标下达给你们，请按规定公开。", "某县财政局"]


def test_a_second_name_with_no_goals_after_it(tmp_path: Path) -> None:
    """Another department's title after the last goals, with nothing of its own after it, is no second filing: the
    line is listed as another table's title."""
    blocks = department_form(EDUCATION) + [FormText("某县卫生健康局2026年度部门整体绩效目标表")]
    result = import_new(write(blocks, tmp_path / "教育局.txt"), tmp_path, "x")
    assert result.filing["department"]["name"] == EDUCATION
    assert not_placed(result) == [("某县卫生健康局2026年度部门整体绩效目标表", "另一张表的标题；文件中文件名称只有一处，"
                                   "已按原表的“某县教育局2026年度部门整体绩效目标表”录入，这一行未录入")]
