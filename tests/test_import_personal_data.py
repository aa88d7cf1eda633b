"""`gongkai import` of forms that name people where the seeds do not: privacy of what is published.

Everything an import writes into a filing is published except `contact` (填报人, 联系电话: unpublished by default). A
person's name, mobile number, ID number or e-mail address in any other field is a privacy failure; it goes to the
report as not placed, with the reason.

1. A department's list of its projects with a person's columns ("项目负责人 | 联系方式", "经办人 | 手机"): before, the
   header was no list's and every project of the list was lost (each cell listed 未识别). The list is read; the person
   columns' cells are listed as a person's data, never the filing's contact.
2. A goal's (or a project's 资金用途) text ending with whom to ask ("……发放低保金。（联系人：李四，13800001234）"):
   before, published with the goal. The clause is cut off and listed; the text before it stays as filed. A unit's
   public line ("服务热线：12345", "（监督电话：0571-12345678）") names no person and stays.

Guards: 审核人/审批人 and 单位负责人/财务负责人 at the foot, a 填报人 line between two projects, a 身份证号 or 电子邮箱 row in
a project's form and a 备注 column holding a contact: listed or read into `contact` only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from generator.importing.importer import ImportResult
from generator.importing.personal_text import without_personal_clauses
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_project_forms import PROJECTS, SUMMARIES, TITLE, indicator_table, plan_table, project_table
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "docx", "txt"]
LOW_INCOME = "保障城市低保对象基本生活，按时足额发放低保金。"
ELDERLY = "为高龄老人发放养老服务补贴，提升养老服务水平。"
# What is a person's in these forms: the names they use, a mobile or ID number, an e-mail address.
PERSONAL = re.compile(r"李四|王五|赵六|张三|钱七|孙八|1[3-9]\d{9}|\d{17}[\dXx]|@")
PERSON_REASON = "是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
CLAUSE_REASON = ("原文文字末尾的这一句是个人的姓名或联系方式，随文字录入就会公开；文件只录入填报人和联系电话（默认不公开），"
                 "这一句未录入，前面的文字照原文录入")


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "mzj")


def published(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text of the filing that is published (all but `contact`), with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "contact":
                yield from published(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from published(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def assert_private(result: ImportResult) -> None:
    leaks = [(path, text) for path, text in published(as_written(result.filing)) if PERSONAL.search(text)]
    assert leaks == []


def goal_list(heads: tuple[str, ...] = (), cells: tuple[tuple[str, ...], ...] = ((), ()),
              goals: tuple[str, str] = (LOW_INCOME, ELDERLY)) -> list[FormBlock]:
    """A department's list of its projects with each one's goal text, and the further columns given."""
    identity = FormTable()
    identity.add("部门名称", "某县民政局")
    projects = FormTable()
    projects.add("项目名称", "项目金额（万元）", "年度绩效目标", *heads)
    projects.add("城市低保资金", "1200.50", goals[0], *cells[0])
    projects.add("养老服务补贴", "300", goals[1], *cells[1])
    return [FormText("2026年部门项目绩效目标表"), identity, projects]


# The 编者注 on a text whose end (a person's contact) was not published.
CUT_NOTE = {"field": "text", "text": "原表这段文字末尾写有个人的姓名或联系方式，本站不公开，未录入；前面的文字照原表录入。"}


def listed(goals: tuple[str, str] = (LOW_INCOME, ELDERLY), cut: bool = False) -> list[dict[str, Any]]:
    """The two projects as listed; `cut`: the first one's goal text was cut of a contact (and says so)."""
    return [{"id": "p1", "name": "城市低保资金", "budget": {"total": "1200.50"},
             "goals": [{"id": "annual", "kind": "年度", "text": goals[0]} | ({"notes": [CUT_NOTE]} if cut else {})]},
            {"id": "p2", "name": "养老服务补贴", "budget": {"total": "300"},
             "goals": [{"id": "annual", "kind": "年度", "text": goals[1]}]}]


def two_projects(*, annual_end: str = "", purpose_end: str = "", extra_row: tuple[Any, ...] = (),
                 between: tuple[str, ...] = (), foot: tuple[str, ...] = ()) -> list[FormBlock]:
    """The two projects' forms of test_import_project_forms: the first one's 年度目标 and 资金用途 ending with the
    texts given, an extra row in its form; lines between the two forms and at the foot."""
    blocks: list[FormBlock] = [FormText(TITLE), FormText("单位：万元")]
    for index, spec in enumerate(PROJECTS):
        if index == 0:
            spec = spec | {"goals": (spec["goals"][0], spec["goals"][1] + annual_end),
                           "purpose": spec["purpose"] + purpose_end}
        table = project_table(spec)
        if index == 0 and extra_row:
            table.add(*extra_row)
        blocks += [FormText(spec["heading"]), table, indicator_table(spec["rows"]), plan_table(spec["plan"])]
        blocks += [FormText(line) for line in (between if index == 0 else ())]
    return blocks + [FormText(line) for line in foot]


def left_out(result: ImportResult) -> list[tuple[str, str]]:
    """Not placed, but the 项目概况 every such form lists (test_import_project_forms)."""
    return [item for item in not_placed(result) if item not in SUMMARIES]


def first_project(result: ImportResult) -> dict[str, Any]:
    return as_written(result.filing["projects"][0])


# --- 1. a project list with a person's columns -----------------------------------------------------------------------

PERSON_COLUMNS = [(("项目负责人", "联系方式"), (("李四", "13800001234"), ("王五", "0571-88886666"))),
                  (("经办人", "手机"), (("李四", "13800001234"), ("王五", "13900005678"))),
                  (("项目联系人", "电子邮箱"), (("李四", "lisi@example.com"), ("王五", "wangwu@example.com")))]


@pytest.mark.parametrize(("heads", "cells"), PERSON_COLUMNS)
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_project_list_with_a_persons_columns(tmp_path: Path, suffix: str, heads: tuple[str, ...],
                                              cells: tuple[tuple[str, ...], ...]) -> None:
    """Before, the header was no list's: no project read, every cell of the list listed 未识别."""
    result = run(goal_list(heads, cells), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed()
    assert "contact" not in result.filing  # a project's person is not the one who filed the form
    assert not_placed(result) == [(text, f"原表“{head}”一列{PERSON_REASON}")
                                  for row in cells for head, text in zip(heads, row)]
    assert_private(result)
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_remark_column_holding_a_contact_is_listed(tmp_path: Path, suffix: str) -> None:
    result = run(goal_list(("备注",), (("联系人：李四，lisi@example.com",), ("身份证号：330102199001011234",))),
                 tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed()
    assert not_placed(result) == [(text, "原表“备注”一列在文件格式中没有对应的字段，未录入")
                                  for text in ("联系人：李四，lisi@example.com", "身份证号：330102199001011234")]
    assert_private(result)


# --- 2. a text ending with whom to ask --------------------------------------------------------------------------------

CONTACT_CLAUSES = ["（联系人：李四，13800001234）", "(项目负责人：王五)", "联系人：李四，电话：0571-88886666。",
                   "（咨询：lisi@example.com）", "（13800001234）"]


@pytest.mark.parametrize("clause", CONTACT_CLAUSES)
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_listed_goal_text_ending_with_a_contact(tmp_path: Path, suffix: str, clause: str) -> None:
    """Before, the contact was published as part of the goal's text."""
    result = run(goal_list(goals=(LOW_INCOME + clause, ELDERLY)), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed(cut=True)
    assert not_placed(result) == [(clause, CLAUSE_REASON)]  # as written, its full stop too
    assert_private(result)


@pytest.mark.parametrize("goal", ["<p>%s</p><p>联系人：李四，13800001234</p>", "<p>%s（联系人：李四，13800001234）</p>"])
def test_an_exports_rich_text_ending_with_a_contact(tmp_path: Path, goal: str) -> None:
    """A tab-separated export keeps a cell's paragraphs as <p>: the contact is cut, the paragraph before it kept."""
    result = run(goal_list(goals=(goal % LOW_INCOME, ELDERLY)), tmp_path, "txt")
    assert as_written(result.filing["projects"]) == listed((f"<p>{LOW_INCOME}</p>", ELDERLY), cut=True)
    clause = goal.removeprefix("<p>%s").removeprefix("</p><p>").removesuffix("</p>")
    assert not_placed(result) == [(clause, CLAUSE_REASON)]
    assert_private(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_project_forms_goal_and_purpose_ending_with_a_contact(tmp_path: Path, suffix: str) -> None:
    result = run(two_projects(annual_end="（联系人：李四，13800001234）", purpose_end="（经办人：王五）"),
                 tmp_path, suffix)
    project = first_project(result)
    assert project["goals"][1]["text"] == PROJECTS[0]["goals"][1]
    assert project["goals"][1]["notes"] == [CUT_NOTE]
    assert project["purpose"] == PROJECTS[0]["purpose"]
    assert project["notes"] == [CUT_NOTE | {"field": "purpose"}]
    assert sorted(left_out(result)) == sorted([("（联系人：李四，13800001234）", CLAUSE_REASON),
                                               ("（经办人：王五）", CLAUSE_REASON)])
    assert_private(result)


PUBLIC_LINES = ["服务热线：12345", "（监督电话：0571-12345678）", "（详见附件）"]


@pytest.mark.parametrize("line", PUBLIC_LINES)
@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_units_public_line_stays_in_the_text(tmp_path: Path, suffix: str, line: str) -> None:
    result = run(goal_list(goals=(LOW_INCOME + line, ELDERLY)), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed((LOW_INCOME + line, ELDERLY))
    assert not_placed(result) == []


# --- guards: the people of a form's own lines ------------------------------------------------------------------------

SIGNERS = ("审核人：王五　审批人：赵六",)
HEADS = ("单位负责人：张三　　财务负责人：钱七　　填报人：孙八　　联系电话：13812345678",)


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_reviewers_at_the_foot_are_listed(tmp_path: Path, suffix: str) -> None:
    result = run(two_projects(foot=SIGNERS), tmp_path, suffix)
    assert "contact" not in result.filing
    assert [text for text, _ in left_out(result)] == list(SIGNERS)
    assert "原表“审核人”是个人的姓名或联系方式" in left_out(result)[0][1]
    assert_private(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_heads_beside_the_filer_at_the_foot(tmp_path: Path, suffix: str) -> None:
    result = run(two_projects(foot=HEADS), tmp_path, suffix)
    assert result.filing["contact"] == {"filer": "孙八", "phone": "13812345678"}
    [(text, why)] = left_out(result)
    assert text == HEADS[0] and "“单位负责人：张三”" in why and "“财务负责人：钱七”" in why
    assert_private(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_filer_line_between_two_projects(tmp_path: Path, suffix: str) -> None:
    result = run(two_projects(between=("填报人：李四　　联系电话：13800001234",)), tmp_path, suffix)
    assert result.filing["contact"] == {"filer": "李四", "phone": "13800001234"}
    assert [project["name"] for project in result.filing["projects"]] == ["农村公路养护", "桥梁安全检测"]
    assert left_out(result) == []
    assert_private(result)


@pytest.mark.parametrize(("label", "value"), [("身份证号", "330102199001011234"), ("电子邮箱", "lisi@example.com")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_an_id_number_or_email_row_in_a_project_form(tmp_path: Path, suffix: str, label: str,
                                                           value: str) -> None:
    result = run(two_projects(extra_row=(label, (value, 5))), tmp_path, suffix)
    assert [text for text, _ in left_out(result)] == [label, value]
    assert first_project(result)["purpose"] == PROJECTS[0]["purpose"]
    assert_private(result)


def test_a_chapter_or_the_filings_own_text_cut_of_a_contact_says_so_on_the_filing() -> None:
    """A chapter (`sections`) has no notes of its own: the filing's note names it; the filing's own texts
    (总体目标 …) take their note on the filing."""
    filing = {"overall_goal": "完成年度任务。（联系人：李四）", "notes": [],
              "sections": [{"title": "工作保障措施", "text": "加强资金监管。联系人：王五，13900005678"}]}
    cut = without_personal_clauses(filing, ())
    assert [(clause, why) for _, clause, why in cut] == [("（联系人：李四）", CLAUSE_REASON),
                                                         ("联系人：王五，13900005678", CLAUSE_REASON)]
    assert filing == {"overall_goal": "完成年度任务。", "sections": [{"title": "工作保障措施", "text": "加强资金监管。"}],
                      "notes": [CUT_NOTE | {"field": "overall_goal"}, {"text": f"“工作保障措施”一节：{CUT_NOTE['text']}"}]}
