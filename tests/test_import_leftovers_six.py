"""`gongkai import` of what the fifth round of probes left over (sixth round).

1. A project form's budget heads ("年度资金总额 | 财政拨款 | 其他资金") and their values row ("100.00 | 80.00 | 20.00") with
   one blank row between them: before, all six cells were listed and the project had no budget. A row of bare figures
   right under the heads' filled cells has no other reading; two blank rows, or a row of words or another width, stay
   apart.
2. "项目名称 | 预算数" over "收入合计 / 财政拨款 / 其他资金 / 支出合计 / 基本支出 / 项目支出": before, a project list with
   projects named 收入合计, 支出合计 …; now the department's funds (the side totals say the sides). Below a project's form
   the table is listed (before, its 财政拨款 and 其他资金 were read as the project's, larger than its total).
3. A project's funds as a rolling plan ("资金情况（万元） | 2026年 | 2027年 | 2028年 | 合计"): before, every cell was listed
   as amounts broken down by region. Now the filing year's column is budget.annual, the 合计 column budget.medium_term
   only where a head says 中期, and the other figures are listed saying which year they are of.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormText
from tests.test_import_funds_without_share import GOAL as FUNDS_GOAL
from tests.test_import_funds_without_share import department_form
from tests.test_import_leftovers_five import expected_funds, plain_funds
from tests.test_import_tasks import as_written, assert_clean, write
from tests.test_import_unit_codes import table

FORMATS = ["txt", "xlsx", "docx"]
ALL_FORMATS = ["txt", "xlsx", "xls", "docx"]
PROJECT = [("项目名称", "农技推广补助"), ("实施单位", "某县农业技术推广中心")]
PROJECT_GOAL = [{"id": "g1", "kind": "年度", "text": "培训农民500人次。"}]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str, department: str = "nyj",
        year: int | None = 2026) -> ImportResult:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"绩效目标表.{suffix}"), tmp_path, department, year=year)


def project_form(rows: list[tuple[str, ...]], width: int) -> list[FormBlock]:
    """A project's form of `width` columns: its name and unit, the budget `rows`, its goal."""
    padded = [row + ("",) * (width - len(row)) for row in [*PROJECT, *rows, ("年度目标", "培训农民500人次。")]]
    return [FormText("2026年项目支出绩效目标表"), FormText("部门名称：某县农业农村局"), FormText("金额单位：万元"),
            table(*padded)]


def the_project(result: ImportResult) -> dict:
    [project] = result.filing["projects"]
    return as_written(project)


# --- 1. budget heads and their values with a blank row between ---------------------------------------------------

HEADS = ("年度资金总额", "财政拨款", "其他资金")
VALUES = ("100.00", "80.00", "20.00")
BLANK = ("", "", "", "")


@pytest.mark.parametrize("label", [(), ("项目资金",)])
@pytest.mark.parametrize("suffix", ALL_FORMATS)
def test_budget_values_under_one_blank_row_are_the_heads(tmp_path: Path, suffix: str, label: tuple[str, ...]) -> None:
    """Before: the heads and the figures listed 未识别, the project without a budget."""
    values = ("",) * len(label) + VALUES
    result = run(project_form([label + HEADS, BLANK, values], 4), tmp_path, suffix)
    project = the_project(result)
    assert project["budget"] == {"annual": {"total": "100.00", "fiscal": "80.00", "other": "20.00"}}
    assert project["goals"] == PROJECT_GOAL
    assert not_placed(result) == []
    assert_clean(result)


APART = {
    "two blank rows": [HEADS, BLANK, BLANK, VALUES],
    "another width": [HEADS, BLANK, ("100.00", "80.00")],
    "a row of words": [HEADS, BLANK, ("详见附件", "另行下达", "无")],
}


@pytest.mark.parametrize("shape", sorted(APART))
@pytest.mark.parametrize("suffix", ALL_FORMATS)
def test_guard_other_rows_under_a_blank_row_stay_apart(tmp_path: Path, suffix: str, shape: str) -> None:
    """Only one blank row and a row of figures under every head make the heads' values: the rest is listed."""
    result = run(project_form(APART[shape], 4), tmp_path, suffix)
    project = the_project(result)
    assert "budget" not in project and project["goals"] == PROJECT_GOAL
    listed = [text for text, _ in not_placed(result)]
    assert listed[:3] == list(HEADS)
    assert [text for text in listed[3:]] == [text for text in APART[shape][-1] if text]


@pytest.mark.parametrize("suffix", ALL_FORMATS)
def test_guard_heads_right_over_their_values(tmp_path: Path, suffix: str) -> None:
    result = run(project_form([HEADS, VALUES], 4), tmp_path, suffix)
    assert the_project(result)["budget"] == {"annual": {"total": "100.00", "fiscal": "80.00", "other": "20.00"}}
    assert not_placed(result) == []


# --- 2. "项目名称 | 预算数" over both sides' totals ------------------------------------------------------------------

@pytest.mark.parametrize("totals_first", [True, False])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_project_name_head_over_side_totals_is_the_funds(tmp_path: Path, suffix: str, totals_first: bool) -> None:
    """Before: six projects, named 收入合计, 财政拨款, 其他资金, 支出合计, 基本支出 and 项目支出, were published."""
    result = run(department_form([plain_funds(("项目名称", "预算数"), totals_first)]), tmp_path, suffix, "sfj")
    assert as_written(result.filing["funds"]) == expected_funds()
    assert result.filing["goals"] == FUNDS_GOAL and "projects" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("head", [("项目名称", "预算数"), ("项目", "金额")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_side_totals_below_a_project_are_listed(tmp_path: Path, suffix: str, head: tuple[str, str]) -> None:
    """Below a project's form the table may be the project's or the department's: listed, never read. Before, "项目名称"
    made projects of its rows; under "项目 | 金额" the project's 85.00 took 1200.50 as its 财政拨款."""
    blocks = project_form([("项目金额", "85.00")], 2) + [plain_funds(head, True)]
    result = run(blocks, tmp_path, suffix)
    project = the_project(result)
    assert project["name"] == "农技推广补助" and project["budget"] == {"total": "85.00"}
    assert "funds" not in result.filing
    listed = not_placed(result)
    assert [text for text, _ in listed] == [*head, "收入合计", "1300.50", "财政拨款", "1200.50", "其他资金", "100.00",
                                            "支出合计", "1300.50", "基本支出", "800.00", "项目支出", "500.50"]
    assert {why for _, why in listed} == {"原表在项目之后的这张表列有收入合计和支出合计，是部门的收支还是项目的收支，"
                                          "原表没有写明；编者不作猜测，未录入，请核对"}


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_project_list_under_the_same_head(tmp_path: Path, suffix: str) -> None:
    """"项目名称 | 预算数" over projects and their 合计: a project list, as before."""
    listing = table(("项目名称", "预算数"), ("农技推广补助", "85.00"), ("高标准农田建设", "120.00"), ("合计", "205.00"))
    result = run(department_form([listing]), tmp_path, suffix, "sfj")
    assert [(p["name"], as_written(p["budget"])) for p in result.filing["projects"]] == [
        ("农技推广补助", {"total": "85.00"}), ("高标准农田建设", {"total": "120.00"})]
    assert "funds" not in result.filing
    assert [text for text, _ in not_placed(result)] == ["合计", "205.00"]


# --- 3. a project's funds as a rolling plan by year -------------------------------------------------------------

def plan(years: tuple[str, str, str], total: str = "合计", total_row: bool = False) -> list[tuple[str, ...]]:
    rows = [("资金情况（万元）", *years, total), ("财政拨款", "100.00", "110.00", "120.00", "330.00"),
            ("其他资金", "20.00", "20.00", "20.00", "60.00")]
    return rows + ([("合计", "120.00", "130.00", "140.00", "390.00")] if total_row else [])


def later_year(head: str, filed: int = 2026) -> str:
    return (f"原表“{head}”一列是{head[:4]}年的金额，不是本文件预算年度（{filed}年）的；文件格式的项目预算只有年度和中期两栏，"
            "未录入，请核对")


UNSAID_TOTAL = "原表“合计”一列是各年度金额的合计；原表没有写明它是中期资金总额，编者不作推断，未录入，请核对"


@pytest.mark.parametrize("year", [2026, None])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_rolling_plans_filing_year_is_the_annual_budget(tmp_path: Path, suffix: str, year: int | None) -> None:
    """Before: every cell listed as "按区域或单位分列的金额", the annual budget lost. The year comes from --year or
    from the title."""
    result = run(project_form(plan(("2026年", "2027年", "2028年")), 5), tmp_path, suffix, year=year)
    project = the_project(result)
    assert project["budget"] == {"annual": {"fiscal": "100.00", "other": "20.00"}}
    assert project["goals"] == PROJECT_GOAL
    assert not_placed(result) == [
        ("2027年", later_year("2027年")), ("2028年", later_year("2028年")), ("合计", UNSAID_TOTAL),
        ("110.00", later_year("2027年")), ("120.00", later_year("2028年")), ("330.00", UNSAID_TOTAL),
        ("20.00", later_year("2027年")), ("20.00", later_year("2028年")), ("60.00", UNSAID_TOTAL)]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_rolling_plans_medium_total_where_its_head_says_so(tmp_path: Path, suffix: str) -> None:
    """"中期合计" and a 合计 row: the filing year's column with its total is the annual budget, the 中期合计 the medium
    term's."""
    result = run(project_form(plan(("2026年", "2027年", "2028年"), "中期合计", total_row=True), 5), tmp_path, suffix)
    assert the_project(result)["budget"] == {"medium_term": {"total": "390.00", "fiscal": "330.00", "other": "60.00"},
                                             "annual": {"total": "120.00", "fiscal": "100.00", "other": "20.00"}}
    assert [text for text, _ in not_placed(result)] == [
        "2027年", "2028年", "110.00", "120.00", "20.00", "20.00", "130.00", "140.00"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_plan_from_the_year_before_takes_the_filing_years_column(tmp_path: Path, suffix: str) -> None:
    """"2025年 | 2026年 | 2027年" in a 2026 filing: the second column is the annual budget, never the first."""
    result = run(project_form(plan(("2025年", "2026年", "2027年")), 5), tmp_path, suffix)
    assert the_project(result)["budget"] == {"annual": {"fiscal": "110.00", "other": "20.00"}}
    listed = dict(not_placed(result))
    assert listed["2025年"] == later_year("2025年") and listed["100.00"] == later_year("2025年")


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_plan_without_the_filing_year_is_listed(tmp_path: Path, suffix: str) -> None:
    """Years after the filing's only: no column is the annual budget, every figure is listed."""
    result = run(project_form(plan(("2027年", "2028年", "2029年")), 5), tmp_path, suffix)
    assert "budget" not in the_project(result)
    listed = not_placed(result)
    assert len(listed) == 14 and ("100.00", later_year("2027年")) in listed
    assert ("财政拨款", "原表分年度列出的项目资金，没有哪一列是本文件预算年度的，未录入，请核对") in listed
