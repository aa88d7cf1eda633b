"""`gongkai import` of what earlier probes left: withheld notices that list several numbers, 指标方向 columns that
hold comparators, a 自评表's 实际完成值 of its own year, and summary rows whose project names differ from their sheets'
only by a suffix or a clipped cell.

Each form is drawn with the tests/forms helpers (or built cell by cell as a workbook) and imported as a new filing;
the imported data and the 未放入 list are compared exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.report import as_text
from generator.models import Indicator
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_project_forms import SUMMARIES, project_form
from tests.test_import_tasks import as_written, write
from tests.test_import_workbooks import Num, Sheet, project_sheet, run as run_workbook

NO_BASIS = {"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}


def split_note(listed: str, count: int) -> dict[str, str]:
    return {"field": "withheld.numbers",
            "text": f"原文一条不公开说明列出几处序号（{listed}）；一条不予公开记录只记一段连续的序号，"
                    f"编者拆为{count}条记录，各录入原文的说明、理由和依据。"}


def checked(result) -> None:
    assert result.check.errors == [] and result.check.warnings == []


# --- 1. a withheld notice that lists several numbers ----------------------------------------------------------------

BASIS = "《中华人民共和国政府信息公开条例》第十四条"


@pytest.mark.parametrize("notice, runs, listed, basis", [
    ("第6、8、10号项目因涉密不予公开。", [[6, 6], [8, 8], [10, 10]], "第6号、第8号、第10号", None),
    (f"6号、8号项目因涉密，根据{BASIS}不予公开。", [[6, 6], [8, 8]], "第6号、第8号", BASIS),
    ("第6-8、11号项目因涉密不予公开。", [[6, 8], [11, 11]], "第6-8号、第11号", None),
    ("第6号和第8号项目因涉密不予公开。", [[6, 6], [8, 8]], "第6号、第8号", None),
])
@pytest.mark.parametrize("suffix", ["txt", "docx", "xlsx"])
def test_a_notice_listing_several_numbers_gives_one_record_each(tmp_path: Path, suffix: str, notice: str,
                                                                  runs: list[list[int]], listed: str,
                                                                  basis: str | None) -> None:
    """One record per range or number, each with the notice as filed, its reason and basis, and a note that one notice
    was split; nothing of the notice is left over."""
    result = import_new(write(project_form(withheld=notice), tmp_path / f"项目表.{suffix}"), tmp_path, "jtj")
    notes = ([] if basis else [NO_BASIS]) + [split_note(listed, len(runs))]
    assert result.filing["projects"][2:] == [
        {"withheld": {"numbers": numbers, "notice": notice, "reason": "涉密"} | ({"legal_basis": basis} if basis else {}),
         "notes": notes} for numbers in runs]
    assert not_placed(result) == SUMMARIES
    checked(result)


def test_split_records_stand_where_the_notice_stands(tmp_path: Path) -> None:
    """A notice between two projects: its records between them, in the order the notice lists them."""
    blocks = project_form(["项目一：农村公路养护项目", "项目四：桥梁安全检测项目"], withheld="")[:-1]
    blocks.insert(6, FormText("第2、3号项目因涉密不予公开。"))  # after the first project's heading and three tables
    result = import_new(write(blocks, tmp_path / "项目表.txt"), tmp_path, "jtj")
    projects = result.filing["projects"]
    assert [p.get("number", p.get("withheld", {}).get("numbers")) for p in projects] == [1, [2, 2], [3, 3], 4]
    assert not_placed(result) == SUMMARIES
    assert "项目 2 个，不予公开记录 2 条" in as_text(result)
    checked(result)


@pytest.mark.parametrize("notice, runs", [
    ("1、第7号项目因涉密不予公开。", [[7, 7]]),  # "1、" numbers the paragraph
    ("2、3号项目因涉密不予公开。", [[3, 3]]),  # without 第, a bare "2、" at the head is the paragraph's number
    ("第6-13号项目因涉密不予公开。", [[6, 13]]),  # one range: one record, no split note
])
def test_a_paragraph_number_is_no_project_number(tmp_path: Path, notice: str, runs: list[list[int]]) -> None:
    result = import_new(write(project_form(withheld=notice), tmp_path / "项目表.txt"), tmp_path, "jtj")
    assert [(p["withheld"]["numbers"], p["notes"]) for p in result.filing["projects"][2:]] == \
        [(numbers, [NO_BASIS]) for numbers in runs]


# --- 2. 指标方向: a direction, or the comparator that is the value's type --------------------------------------------

def direction_form(head: str, typed: bool = False) -> list[FormBlock]:
    """An indicator table with a 指标方向 column (and a 指标性质 column when `typed`) beside 指标值 | 计量单位."""
    rows = [("产出指标", "数量指标", "养护里程", "≥", "", "50", "%"),
            ("", "质量指标", "路面合格率", "正向", "≥", "95", "%"),
            ("效益指标", "社会效益指标", "安全事故", "＝", "", "0", "起"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "反向指标", "≥", "90", "%")]
    keep = [0, 1, 2, 3, 4, 5, 6] if typed else [0, 1, 2, 3, 5, 6]
    t = FormTable()
    t.add(*(["一级指标", "二级指标", "三级指标", head, "指标性质", "指标值", "计量单位"][c] for c in keep))
    for row in rows:
        t.add(*(row[c] for c in keep))
    t.merge_down(0, 1, 2)
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    return [FormText("2026年度部门整体绩效目标表"), FormText("金额单位：万元"), identity, FormText("年度目标：完成养护"), t]


def as_type(head: str, comparator: str) -> list[dict[str, str]]:
    return [{"field": "value_type", "text": f"原表“{head}”一列此格为比较符“{comparator}”，不是正向、反向这样的方向；"
                                            "原表此行没有指标值类型，编者读作指标值类型。"}]


def without_field(head: str) -> str:
    return f"原表“{head}”一列在文件格式中没有对应的字段，未录入"


@pytest.mark.parametrize("head", ["指标方向", "指标方向性"])
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_a_comparator_under_指标方向_is_the_value_type(tmp_path: Path, suffix: str, head: str) -> None:
    """"≥" | "50" | "%": the comparator is value_type, so the value reads ≥50%; a direction has no field: listed."""
    result = import_new(write(direction_form(head), tmp_path / f"指标.{suffix}"), tmp_path, "jt")
    [goal] = result.filing["goals"]
    indicators = goal["indicators"]
    # copied text: the second row lost its 一级 slot; in the form it is in its columns, so no note (note_truth)
    assert indicators == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "50", "value_type": "≥", "unit": "%",
         "notes": as_type(head, "≥")},
        {"level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "95", "unit": "%"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "安全事故", "value": "0", "value_type": "＝", "unit": "起",
         "notes": as_type(head, "＝")},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "90", "unit": "%"}]
    assert not_placed(result) == [("正向", without_field(head)), ("反向指标", without_field(head))]
    parsed = Indicator(**{k: v for k, v in indicators[0].items() if k != "notes"}).parsed
    assert (parsed.comparator, str(parsed.number), parsed.unit) == ("≥", "50", "%")


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_row_with_its_own_指标性质_keeps_it_and_lists_the_direction(tmp_path: Path, suffix: str) -> None:
    """Only a row without a 指标值类型 of its own takes the comparator of 指标方向; where 指标性质 says it, the
    指标方向 cell stays listed."""
    result = import_new(write(direction_form("指标方向", typed=True), tmp_path / f"指标.{suffix}"), tmp_path, "jt")
    indicators = [{k: v for k, v in i.items() if k != "notes"} for i in result.filing["goals"][0]["indicators"]]
    assert [(i["name"], i.get("value_type")) for i in indicators] == [
        ("养护里程", "≥"), ("路面合格率", "≥"), ("安全事故", "＝"), ("群众满意度", "≥")]
    notes = [i.get("notes", []) for i in result.filing["goals"][0]["indicators"]]
    assert notes[0] == as_type("指标方向", "≥") and notes[2] == as_type("指标方向", "＝")
    assert not_placed(result) == [("正向", without_field("指标方向")), ("反向指标", without_field("指标方向"))]


# --- 3. a 自评表's 实际完成值 of its own year --------------------------------------------------------------------------

def result_of(head: str) -> str:
    return f"原表“{head}”属于绩效自评（自评表中的完成情况和评分），文件格式只录入绩效目标，没有对应的字段，未录入"


def evaluation_form(head: str, title: str = "2025年度项目支出绩效自评表") -> list[FormBlock]:
    t = FormTable()
    t.add("项目名称", ("乡村道路养护", 4))
    t.add("主管部门", ("某县交通运输局", 4))
    t.add("一级指标", "二级指标", "三级指标", "年度指标值", head)
    t.add("产出指标", "数量指标", "养护里程", "≥50公里", "52公里")
    t.add("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%")
    return [FormText(title), t]


INDICATORS = [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里"},
              {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%"}]


def evaluation_note(source: str, head: str) -> str:
    return (f"原表{source}，列有“{head}”等自评结果。本网站公开的是绩效目标：编者只录入其中的目标（如预期目标、年度指标值、"
            "分值、年初预算数），自评结果未录入。")


@pytest.mark.parametrize("head", ["2025年实际完成值", "2025年完成值"])
@pytest.mark.parametrize("year", [2025, None])  # --year 2025, or the title's year
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_own_year_实际完成值_is_a_result(tmp_path: Path, suffix: str, year: int | None, head: str) -> None:
    """The year evaluated is the filing's: what it achieved is a 自评 result, listed, never a prior-year value, never the
    target's value."""
    result = import_new(write(evaluation_form(head), tmp_path / f"自评.{suffix}"), tmp_path, "jt", year=year)
    [goal] = result.filing["projects"][0]["goals"]
    assert goal == {"id": "g1", "kind": "年度", "indicators": INDICATORS}
    assert not_placed(result) == [(head, result_of(head)), ("52公里", result_of(head)), ("92%", result_of(head))]
    assert result.filing["notes"][0] == {"text": evaluation_note("是绩效自评表", head)}
    assert result.filing["fiscal_year"] == 2025


def test_own_year_实际完成值_in_a_target_form_is_a_result_too(tmp_path: Path) -> None:
    """A target form with a column of its own year's achieved values has 自评 content: listed, and said in the note."""
    result = import_new(write(evaluation_form("2025年实际完成值", "2025年度项目支出绩效目标表"), tmp_path / "目标.xlsx"),
                        tmp_path, "jt", year=None)
    assert result.filing["projects"][0]["goals"][0] == {"id": "g1", "kind": "年度", "indicators": INDICATORS}
    assert [text for text, _ in not_placed(result)] == ["2025年实际完成值", "52公里", "92%"]
    assert result.filing["notes"][0] == {"text": evaluation_note("带有绩效自评的内容", "2025年实际完成值")}


@pytest.mark.parametrize("head", ["2024年实际完成值", "上年实际完成值", "2024年完成值"])
@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_earlier_year_实际完成值_stays_a_prior_year_value(tmp_path: Path, suffix: str, head: str) -> None:
    result = import_new(write(evaluation_form(head), tmp_path / f"自评.{suffix}"), tmp_path, "jt", year=2025)
    [goal] = result.filing["projects"][0]["goals"]
    assert goal == {"id": "g1", "kind": "年度", "prior_years": [2024], "indicators": [
        INDICATORS[0] | {"prior": {2024: "52公里"}}, INDICATORS[1] | {"prior": {2024: "92%"}}]}
    assert not_placed(result) == []
    assert result.filing["notes"][0] == {"text": "原表是绩效自评表。本网站公开的是绩效目标：编者只录入其中的目标（如预期目标、"
                                                 "年度指标值、分值、年初预算数），自评结果未录入。"}


# --- 4. a summary row and a sheet whose names differ by a suffix or a clipped cell ----------------------------------

def summary(*rows: tuple[int, str, float]) -> Sheet:
    return Sheet("项目汇总", [["序号", "项目名称", "项目金额"], *([Num(n, "0"), name, Num(amount)] for n, name, amount in rows)])


def joined_note(cell: str, listed: str, form: str, differ: str) -> dict[str, str]:
    return {"field": "name", "text": f"原表 {cell} 所在行（项目一览）的项目名称为“{listed}”，本项目的项目表为“{form}”，"
                                     f"{differ}；编者读作同一个项目，项目名称按项目表录入，序号、项目总预算按该行录入。"}


def test_names_that_differ_by_a_suffix_or_a_clipped_cell_are_one_project(tmp_path: Path) -> None:
    """The sheet's name is kept, the summary's in a note; each project once, at the summary's place."""
    sheets = [project_sheet(1, "法律援助经费", 30), project_sheet(2, "农村公路养护工程", 45.6),
              project_sheet(3, "高标准农田建设项目", 300),
              summary((1, "法律援助", 30), (2, "农村公路养护工程项目", 45.6), (3, "高标准农田建设…", 300))]
    result = run_workbook(sheets, tmp_path)
    projects = as_written(result.filing["projects"])
    assert [(p["number"], p["name"], p["budget"]["total"]) for p in projects] == [
        (1, "法律援助经费", "30.00"), (2, "农村公路养护工程", "45.60"), (3, "高标准农田建设项目", "300.00")]
    assert [p["notes"] for p in projects] == [
        [joined_note("项目汇总!B2", "法律援助", "法律援助经费", "两者只差“经费”")],
        [joined_note("项目汇总!B3", "农村公路养护工程项目", "农村公路养护工程", "两者只差“项目”")],
        [joined_note("项目汇总!B4", "高标准农田建设…", "高标准农田建设项目",
                     "“高标准农田建设…”以省略号截断，省略号前的文字是“高标准农田建设项目”的开头")]]
    assert [goal["text"] for p in projects for goal in p["goals"]] == ["完成法律援助经费", "完成农村公路养护工程",
                                                                       "完成高标准农田建设项目"]
    assert not_placed(result) == []
    checked(result)


@pytest.mark.parametrize("sheet_names, rows", [
    (["农民培训基地建设"], [(1, "农民培训", 30)]),  # the same start, no ellipsis: maybe two projects
    (["法律援助项目经费"], [(1, "法律援助", 30), (2, "法律援助项目", 30)]),  # two rows alike one sheet
    (["法律援助经费", "法律援助项目"], [(1, "法律援助", 30)]),  # one row alike two sheets
    (["法律援助经费"], [(2, "法律援助", 30)]),  # alike, but the sheet's heading numbers it 1
])
def test_names_that_may_be_two_projects_are_not_joined(tmp_path: Path, sheet_names: list[str],
                                                        rows: list[tuple[int, str, float]]) -> None:
    sheets = [project_sheet(1, name, 30) for name in sheet_names]
    if rows == [(2, "法律援助", 30)]:
        sheets[0].rows[0][0] = "1.法律援助经费项目绩效目标表"
    result = run_workbook([*sheets, summary(*rows)], tmp_path)
    projects = result.filing["projects"]
    assert [p["name"] for p in projects] == sheet_names + [name for _, name, _ in rows]
    assert not any("项目一览" in note["text"] for p in projects for note in p.get("notes", []))


def test_a_same_named_sheet_is_joined_before_an_alike_one(tmp_path: Path) -> None:
    """The row named as the sheet takes it; the row that is only alike stays a project of its own, not joined twice
    (no 序号 here to tell them apart)."""
    rows = Sheet("项目汇总", [["项目名称", "预算单位", "项目金额"], ["法律援助", "某县司法局", Num(30)],
                             ["法律援助经费", "某县农技推广中心", Num(30)]])
    result = run_workbook([project_sheet(1, "法律援助经费", 30), rows], tmp_path)
    projects = result.filing["projects"]
    assert [(p["name"], "goals" in p) for p in projects] == [("法律援助", False), ("法律援助经费", True)]
    assert projects[1]["notes"][0]["text"].startswith("原表 项目汇总!A3 所在行（项目一览）与本项目的项目表同名")
    assert len(projects[1]["notes"]) == 1 and "notes" not in projects[0]
