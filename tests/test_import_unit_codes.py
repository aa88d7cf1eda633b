"""`gongkai import` of unit names and codes as budget systems (一体化预算管理系统, 预算编审系统) print them.

A unit's system code stands before its name in many ways: "[510115001]某某小学", "101-某县教育局", "101001 某县教育局",
"(101001)某县教育局本级", or glued, "510115001某县第一中学". The name is the department's, the code is taken off (kept in a
note, or in `code` where the label says 代码), and leading zeros stay. A code is never a year or a mobile number.

1. A code joined to the name by a dash ("主管部门：101-某县教育局"): the name without the dash (before: "-某县教育局").
2. A project list's group row naming a unit with its code ("101001 某县教育局本级", a school's too): the unit of the
   projects below it (before: read as a project of that name, and its projects had no unit).
3. A project list whose unit column is headed "单位" ("[101001]某县教育局本级"): each project's 预算单位 as filed
   (before: no list was found, one empty project and every cell listed).
4. A title with its year twice ("2026年某县教育局2026年度项目支出绩效目标申报表"): the department named after the
   first year (before: no name, the import stopped).
5. "部门（单位）：101001 某县教育局" and "单位：(101001)某县教育局本级": department name lines (before: listed, and with
   no other name the import stopped); "单位：万元" stays the money unit.
6. "510115001某县第一中学" alone in the form's head: the unit's code and name (before: listed, the import stopped).
7. 主管部门 "[101]某县教育局" and 单位名称 "[101001]某县教育局本级": two codes, two bodies; the 主管部门 is the
   `supervisor` (before: dropped), and the note on its code says 主管部门 (before: it said 部门名称).
8. "填报人：张三　　填报日期：    年  月  日": the blank template date is nothing filed, the filer is read (before: the
   whole line was listed as 未识别的段落); a blank date line alone is no 未识别的段落 either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["txt", "xlsx", "docx", "html"]
TITLE = "2026年度部门整体支出绩效目标表"
LIST_TITLE = "2026年部门预算项目支出绩效目标表"
GOAL = "完成年度教学任务。"


def table(*rows: tuple[str | tuple[str, int], ...]) -> FormTable:
    drawn = FormTable()
    for row in rows:
        drawn.add(*row)
    return drawn


def whole(head: list[FormBlock], title: str = TITLE) -> list[FormBlock]:
    """A department's form: its title, the lines or cells naming the unit (`head`), its goal and indicators."""
    indicators = table(("一级指标", "二级指标", "三级指标", "指标值"),
                       ("产出指标", "数量指标", "培训人次", "≥500人次"),
                       ("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%"))
    return [FormText(title), *head, FormText("金额单位：万元"), table(("年度绩效目标", GOAL)), indicators]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "jyj")


def department(name: str, **codes: str) -> dict[str, str]:
    return {"id": "jyj", "name": name, "region": "ezhou", **codes}


def code_note(written: str, name: str, field: str = "name", label: str = "部门名称") -> dict[str, str]:
    return {"field": f"department.{field}", "text": f"原表写作“{written}”；编者去掉前面的编码，{label}写作“{name}”。"}


def assert_checked(result: ImportResult) -> None:
    assert result.check.errors == [] and result.check.warnings == []


# --- 1. a code joined to the name by a dash --------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["101-某县教育局", "101－某县教育局", "101 - 某县教育局"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_code_joined_by_a_dash_is_no_part_of_the_name(tmp_path: Path, suffix: str, written: str) -> None:
    """Before, the dash stayed in front of the name: "-某县教育局"."""
    result = run(whole([FormText(f"主管部门：{written}")]), tmp_path, suffix)
    assert result.filing["department"] == department("某县教育局")
    assert result.filing["notes"] == [code_note(written, "某县教育局")]
    assert not_placed(result) == []
    assert_checked(result)


# --- 2. and 3. a project list's units: group rows with their codes, a column headed 单位 ------------------------------

def unit_list(rows: list[tuple[str | tuple[str, int], ...]], head: tuple[str, ...]) -> list[FormBlock]:
    return [FormText(LIST_TITLE), FormText("部门名称：某县教育局"), FormText("金额单位：万元"), table(head, *rows)]


def listed(*units: str) -> list[dict]:
    return [{"id": "p1", "name": "教师培训", "budget_unit": units[0], "budget": {"total": "12.50"},
             "goals": [{"id": "annual", "kind": "年度", "text": "培训教师500人次。"}]},
            {"id": "p2", "name": "校舍维修", "budget_unit": units[1], "budget": {"total": "30.00"},
             "goals": [{"id": "annual", "kind": "年度", "text": "维修校舍2000平方米。"}]}]


@pytest.mark.parametrize("across", [False, True])
@pytest.mark.parametrize("first, second", [("101001 某县教育局本级", "101002 某县第一中学"),
                                           ("[101001]某县教育局本级", "101002-某县实验幼儿园")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_group_row_naming_a_unit_with_its_code(tmp_path: Path, suffix: str, first: str, second: str,
                                                 across: bool) -> None:
    """A row of one cell (merged across the list, or in the name column) naming a unit with its code: the 预算单位
    of the projects below it, as filed. Before, it was a project of that name with no amount (a school's name, not
    ending as the known units' do, even with a group's number), and the projects under it had no unit."""
    def group(unit: str) -> tuple[str | tuple[str, int], ...]:
        return ((unit, 3),) if across else (unit, "", "")
    rows = [group(first), ("教师培训", "12.50", "培训教师500人次。"), group(second),
            ("校舍维修", "30.00", "维修校舍2000平方米。")]
    result = run(unit_list(rows, ("项目名称", "项目金额", "年度绩效目标")), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed(first, second)
    assert result.filing["department"] == department("某县教育局")
    assert not_placed(result) == []
    assert_checked(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_unit_column_headed_dan_wei(tmp_path: Path, suffix: str) -> None:
    """"单位 | 项目名称 | 项目金额 | 年度绩效目标": the 单位 column is the projects' 预算单位, code and all. Before, the
    header was no list's: one empty project, every cell listed as not recognised."""
    rows = [("[101001]某县教育局本级", "教师培训", "12.50", "培训教师500人次。"),
            ("[101002]某县第一中学", "校舍维修", "30.00", "维修校舍2000平方米。")]
    result = run(unit_list(rows, ("单位", "项目名称", "项目金额", "年度绩效目标")), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed("[101001]某县教育局本级", "[101002]某县第一中学")
    assert not_placed(result) == []
    assert_checked(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_unit_code_and_name_columns(tmp_path: Path, suffix: str) -> None:
    """"单位编码 | 单位名称 | …": the name column is the 预算单位; the codes have no field in a list and are listed."""
    rows = [("101001", "某县教育局本级", "教师培训", "12.50", "培训教师500人次。"),
            ("101002", "某县第一中学", "校舍维修", "30.00", "维修校舍2000平方米。")]
    result = run(unit_list(rows, ("单位编码", "单位名称", "项目名称", "项目金额", "年度绩效目标")), tmp_path, suffix)
    assert as_written(result.filing["projects"]) == listed("某县教育局本级", "某县第一中学")
    why = "原表“单位编码”一列在文件格式中没有对应的字段，未录入"
    assert not_placed(result) == [("101001", why), ("101002", why)]


# --- 4. a title with its year twice ----------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["2026年某县教育局2026年度项目支出绩效目标申报表",
                                   "2026年度某县教育局2026年部门整体支出绩效目标表"])
@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_a_title_with_its_year_twice_names_the_department(tmp_path: Path, suffix: str, title: str) -> None:
    """Before, no name was found in it (the name after the year had to be right before the form's words) and the
    import stopped: "原文没有部门名称"."""
    result = run(whole([], title=title), tmp_path, suffix)
    filing = result.filing
    assert (filing["title"], filing["fiscal_year"], filing["department"]) == (title, 2026, department("某县教育局"))
    assert filing["notes"] == [{"field": "department.name",
                                "text": f"原表没有写部门名称的栏目；标题为“{title}”，编者取标题中年度后的“某县教育局”作为部门名称。"}]
    assert not_placed(result) == []


# --- 5. "部门（单位）：…" and "单位：…" naming the unit ----------------------------------------------------------------

@pytest.mark.parametrize("line, name", [("部门（单位）：101001 某县教育局", "某县教育局"),
                                        ("单位：(101001)某县教育局本级", "某县教育局本级"),
                                        ("单位：[510115001]成都市温江区某某小学", "成都市温江区某某小学")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_unit_line_under_other_labels(tmp_path: Path, suffix: str, line: str, name: str) -> None:
    """Before, the line was listed as 未识别的段落 and, the form naming the unit nowhere else, the import stopped."""
    result = run(whole([FormText(line)]), tmp_path, suffix)
    assert result.filing["department"] == department(name)
    assert result.filing["notes"] == [code_note(line.partition("：")[2], name)]
    assert result.filing["money_unit"] == "万元"
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_guard_unit_line_of_the_money_unit(tmp_path: Path, suffix: str) -> None:
    """"单位：元" is the money unit, never a name."""
    blocks = whole([FormText("单位名称：某县教育局"), FormText("单位：元")])
    result = run([block for block in blocks if not (isinstance(block, FormText) and block.text == "金额单位：万元")],
                 tmp_path, suffix)
    assert (result.filing["department"], result.filing["money_unit"]) == (department("某县教育局"), "元")
    assert not_placed(result) == []


# --- 6. a code glued to the name, alone on a line ---------------------------------------------------------------------

@pytest.mark.parametrize("above", [False, True])
@pytest.mark.parametrize("written, name", [("510115001某县第一中学", "某县第一中学"), ("510115001某校", "某校"),
                                           ("[101001]某县教育局本级", "某县教育局本级")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_code_glued_to_a_name_alone_on_a_line(tmp_path: Path, suffix: str, written: str, name: str,
                                                above: bool) -> None:
    """Under the title (or above it, as a cover's): a code and a name. Before, the line was listed and the import
    stopped ("原文没有部门名称")."""
    blocks = whole([FormText(written)])
    if above:
        blocks[:2] = [blocks[1], blocks[0]]
    result = run(blocks, tmp_path, suffix)
    assert result.filing["department"] == department(name)
    assert result.filing["notes"] == [code_note(written, name)]
    assert result.filing["title"] == TITLE
    assert not_placed(result) == []
    assert_checked(result)


@pytest.mark.parametrize("line", ["2026某县教育局", "13812345678某县教育局", "42070122100000000012345某县教育局"])
@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_guard_a_year_phone_or_project_code_is_no_unit_code(tmp_path: Path, suffix: str, line: str) -> None:
    """Digits glued to a name that are no unit's code (a year, a mobile number, a 项目编码 of 20+ digits): the line is
    not read as the unit's name line, it is listed; the name comes from the name row."""
    result = run(whole([table(("部门名称", "某县教育局")), FormText(line)]), tmp_path, suffix)
    assert result.filing["department"] == department("某县教育局")
    assert "notes" not in result.filing
    assert not_placed(result) == [(line, "未识别的段落")]


# --- 7. a supervisor and a unit with two codes ------------------------------------------------------------------------

@pytest.mark.parametrize("order", ["supervisor-first", "unit-first"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_supervisor_and_a_unit_with_two_codes_stay_two(tmp_path: Path, suffix: str, order: str) -> None:
    """"主管部门及代码 | [101]某县教育局" and "单位名称 | [101001]某县教育局本级": one name written two ways would be one
    body, but two codes are two (the 主管部门 and its 本级 unit). Before, the unit's name was written over the 主管部门's,
    which was dropped."""
    pairs = [("主管部门及代码", "[101]某县教育局"), ("单位名称", "[101001]某县教育局本级")]
    rows = pairs if order == "supervisor-first" else pairs[::-1]
    result = run(whole([table(rows[0] + rows[1])]), tmp_path, suffix)
    assert result.filing["department"] == department("某县教育局本级", supervisor="某县教育局", code="101")
    assert result.filing["notes"] == [code_note("[101001]某县教育局本级", "某县教育局本级")]
    assert not_placed(result) == []
    assert_checked(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_note_on_the_supervisors_code_names_the_supervisor(tmp_path: Path, suffix: str) -> None:
    """"主管部门：[101]某县教育局" then "单位名称：[101002]某县第一中学": the first note is on the 主管部门's name. Before, it
    said 部门名称 was written "某县教育局" while the filing's name is the school's."""
    result = run(whole([FormText("主管部门：[101]某县教育局"), FormText("单位名称：[101002]某县第一中学")]), tmp_path, suffix)
    assert result.filing["department"] == department("某县第一中学", supervisor="某县教育局")
    assert result.filing["notes"] == [code_note("[101]某县教育局", "某县教育局", "supervisor", "主管部门"),
                                      code_note("[101002]某县第一中学", "某县第一中学")]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_one_unit_named_with_and_without_its_code(tmp_path: Path, suffix: str) -> None:
    """"单位名称：[101001]某县教育局" and "部门名称 | 某县教育局": one unit, no note that the names disagree."""
    result = run(whole([FormText("单位名称：[101001]某县教育局"), table(("部门名称", "某县教育局"))]), tmp_path, suffix)
    assert result.filing["department"] == department("某县教育局")
    assert result.filing["notes"] == [code_note("[101001]某县教育局", "某县教育局")]
    assert not_placed(result) == []


@pytest.mark.parametrize("head", ["lines", "cells"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_codes_on_their_own_keep_their_zeros(tmp_path: Path, suffix: str, head: str) -> None:
    """"主管部门代码 017", "单位编码 101001" and the names apart, as lines or cells: each code in its field, as text."""
    if head == "lines":
        blocks = [FormText("主管部门代码：017"), FormText("单位编码：017001"), FormText("主管部门：某县司法局"),
                  FormText("单位名称：某县法律援助中心")]
    else:
        blocks = [table(("主管部门代码", "017", "单位编码", "017001"),
                        ("主管部门", "某县司法局", "单位名称", "某县法律援助中心"))]
    result = run(whole(blocks), tmp_path, suffix)
    assert result.filing["department"] == department("某县法律援助中心", supervisor="某县司法局", code="017",
                                                     unit_code="017001")
    assert "notes" not in result.filing
    assert not_placed(result) == []
    assert_checked(result)


# --- 8. a blank template date -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("date", ["    年  月  日", "____年__月__日"])
@pytest.mark.parametrize("suffix", ["txt", "xlsx", "docx"])
def test_a_blank_template_date_is_nothing_filed(tmp_path: Path, suffix: str, date: str) -> None:
    """Before, the spaces of the blank date split the line into pieces that were no fields: the whole line was listed
    as 未识别的段落 and the filer not read. A blank date line alone is nothing filed, as a blank "联系电话：" is."""
    result = run(whole([FormText("单位名称：某县教育局"), FormText(f"填报人：张三　　填报日期：{date}"),
                        FormText(f"编报日期：{date}")]), tmp_path, suffix)
    assert result.filing["contact"] == {"filer": "张三"}
    assert "filed_on" not in result.filing
    assert not_placed(result) == []
