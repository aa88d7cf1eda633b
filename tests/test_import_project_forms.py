"""`gongkai import` of single-project forms (项目支出绩效目标表 / 申报表) printed one after another in one document.

Other provinces print each project as its own form under a heading ("项目一：…", "（一）…项目", "1.…项目"):

    项目一：农村公路养护项目
    项目名称 | 农村公路养护 | 项目编码 | 42070122T000000012345
    主管部门 | 某县交通运输局 | 实施单位 | 某县公路养护中心
    项目资金（万元） | 项目总额 | 本年度预算 | 其中：财政资金 | 其他资金      (the label merged down)
                     | 80.00    | 80.00      | 80.00          | 0
    总体目标 | 中期目标 | 年度目标 over their texts; an indicator table with 中期指标值 and 年度指标值 columns;
    季度支出计划 | 3月底 … 12月底 (or 一季度 … 四季度) over the shares
    第3-5号项目因涉密不予公开。

Each form is drawn with the tests/forms helpers and put into every format; copied text (.txt) drops the slots of the
labels merged down at the left, and its tables follow each other without a blank line. The heading gives the project's
number, the amounts keep their digits, codes their leading zeros; what the content format has no field for (项目概况,
立项依据, 项目实施内容) is listed as not placed with that reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
TITLE = "2026年项目支出绩效目标表"
DEPARTMENT = "某县交通运输局"
WITHHELD = "第3-5号项目因涉密不予公开。"


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str, kind: str = "公开") -> ImportResult:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"项目表.{suffix}"), tmp_path, "jtj", kind=kind)


def assert_checked(result: ImportResult) -> None:
    assert result.check.errors == [] and result.check.warnings == []


def no_field(label: str) -> str:
    return f"原表的“{label}”在文件格式中没有对应的字段，未录入"


# --- the form: two projects with 中期/年度 values and a spending plan, then a withheld notice ---------------------------

PROJECTS = [
    {"heading": "项目一：农村公路养护项目", "name": "农村公路养护", "code": "42070122T000000012345",
     "unit": "某县公路养护中心", "period": "1年", "amounts": ("80.00", "80.00", "80.00", "0"),
     "summary": "对全县农村公路开展日常养护。", "purpose": "用于路面修补、清扫保洁。",
     "goals": ("三年内实现农村公路养护全覆盖。", "完成农村公路日常养护300公里。"),
     "rows": [("产出指标", "数量指标", "养护里程", "900公里", "300公里", "计划标准"),
              ("产出指标", "质量指标", "优良路率", "≥85%", "≥80%", "行业标准"),
              ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥88%", "历史标准")],
     "plan": (("3月底", "6月底", "9月底", "12月底"), ("25%", "50%", "75%", "100%"))},
    {"heading": "项目二：桥梁安全检测项目", "name": "桥梁安全检测", "code": "042070122T000000012346",
     "unit": "某县桥梁管理站", "period": "2026年—2028年", "amounts": ("30.50", "25.00", "20.00", "10.50"),
     "summary": "检测全县公路桥梁。", "purpose": "用于委托第三方检测。",
     "goals": ("完成全县桥梁定期检测。", "完成40座桥梁检测。"),
     "rows": [("产出指标", "数量指标", "检测桥梁数", "120座", "40座", "计划标准"),
              ("产出指标", "时效指标", "检测完成时间", "2028年底", "2026年底", "计划标准"),
              ("效益指标", "社会效益指标", "桥梁安全事故", "0起", "0起", "历史标准")],
     "plan": (("一季度", "二季度", "三季度", "四季度"), ("10%", "40%", "70%", "100%"))},
]


def project_table(spec: dict[str, Any]) -> FormTable:
    """The project's form: pairs of label and value, the amounts under their heads (the 项目资金 label merged down), the
    project's 概况 and 资金用途, and 总体目标 with its 中期 and 年度 heads over their texts."""
    table = FormTable()
    table.add("项目名称", (spec["name"], 2), "项目编码", (spec["code"], 2))
    table.add("主管部门", (DEPARTMENT, 2), "实施单位", (spec["unit"], 2))
    table.add("项目类别", ("专项业务类", 2), "项目期", (spec["period"], 2))
    table.add("项目资金（万元）", "项目总额", "本年度预算", "其中：财政资金", ("其他资金", 2))
    table.add("", *spec["amounts"][:3], (spec["amounts"][3], 2))
    table.merge_down(0, 3, 4)
    table.add("项目概况", (spec["summary"], 5))
    table.add("资金用途", (spec["purpose"], 5))
    table.add("总体目标", ("中期目标", 2), ("年度目标", 3))
    table.add("", (spec["goals"][0], 2), (spec["goals"][1], 3))
    table.merge_down(0, 7, 8)
    return table


def indicator_table(rows: list[tuple[str, ...]]) -> FormTable:
    """一级指标 merged down over its rows, a 中期 and a 年度 value column."""
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值", "指标值确定依据")
    for row in rows:
        table.add(*row)
    first = 1
    for index in range(1, len(rows) + 1):
        if index == len(rows) or rows[index][0] != rows[first - 1][0]:
            for row in range(first + 1, index + 1):
                table.rows[row][0] = ""
            table.merge_down(0, first, index)
            first = index + 1
    return table


def plan_table(plan: tuple[tuple[str, ...], tuple[str, ...]]) -> FormTable:
    table = FormTable()
    table.add("季度支出计划", *plan[0])
    table.add("", *plan[1])
    table.merge_down(0, 0, 1)
    return table


def project_form(headings: list[str] | None = None, withheld: str = WITHHELD) -> list[FormBlock]:
    blocks: list[FormBlock] = [FormText(TITLE), FormText("单位：万元")]
    for spec, heading in zip(PROJECTS, headings or [spec["heading"] for spec in PROJECTS]):
        blocks += [FormText(heading), project_table(spec), indicator_table(spec["rows"]), plan_table(spec["plan"])]
    return blocks + [FormText(withheld)]


# --- what it must import as ------------------------------------------------------------------------------------------

def indicators(spec: dict[str, Any], value: int, suffix: str) -> list[dict[str, Any]]:
    """The 中期 (`value` 3) or 年度 (4) values of the project's rows; in copied text the second row lost its 一级指标
    slot: it is read from the right, in its columns, with no note (the slot was the copy's)."""
    found = []
    for index, row in enumerate(spec["rows"]):
        indicator = {"level1": row[0], "level2": row[1], "name": row[2], "value": row[value], "basis": row[5]}
        found.append(indicator)
    return found


def expected_project(number: int, spec: dict[str, Any], suffix: str) -> dict[str, Any]:
    total, this_year, fiscal, other = spec["amounts"]
    return {"number": number, "code": spec["code"], "name": spec["name"], "category": "专项业务类",
            "period": spec["period"], "budget_unit": spec["unit"],
            "budget": {"total": total, "this_year": this_year, "fiscal": fiscal, "other": other},
            "purpose": spec["purpose"],
            "spending_plan": [{"by": by, "share": share} for by, share in zip(*spec["plan"])],
            "goals": [{"id": "medium", "kind": "中期", "title": "中期目标", "text": spec["goals"][0],
                       "indicators": indicators(spec, 3, suffix)},
                      {"id": "annual", "kind": "年度", "title": "年度目标", "text": spec["goals"][1],
                       "indicators": indicators(spec, 4, suffix)}]}


WITHHELD_RECORD = {"withheld": {"numbers": [3, 5], "notice": WITHHELD, "reason": "涉密"},
                   "notes": [{"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}]}
SUMMARIES = [(text, no_field("项目概况")) for spec in PROJECTS for text in ("项目概况", spec["summary"])]


@pytest.mark.parametrize("suffix", FORMATS)
def test_projects_one_after_another_each_under_its_heading(tmp_path: Path, suffix: str) -> None:
    result = run(project_form(), tmp_path, suffix)
    filing = result.filing
    assert as_written(filing["projects"]) == [expected_project(n, spec, suffix) for n, spec in enumerate(PROJECTS, 1)] \
        + [WITHHELD_RECORD]
    assert filing["department"] == {"id": "jtj", "name": DEPARTMENT, "region": "ezhou"}
    assert (filing["title"], filing["money_unit"]) == (TITLE, "万元")
    assert "notes" not in filing and "goals" not in filing
    assert not_placed(result) == SUMMARIES
    assert_checked(result)


def test_codes_and_amounts_are_written_as_filed(tmp_path: Path) -> None:
    """Amounts keep their decimals; codes of digits stay text with their leading zeros (the 申报表 below)."""
    written = run(project_form(), tmp_path, "xlsx").output.read_text(encoding="utf-8")
    assert "  code: 042070122T000000012346\n" in written
    assert "  budget: {total: 30.50, this_year: 25.00, fiscal: 20.00, other: 10.50}\n" in written
    assert "  budget: {total: 80.00, this_year: 80.00, fiscal: 80.00, other: 0}\n" in written
    (tmp_path / "申报表").mkdir()
    written = run(application_form(), tmp_path / "申报表", "xlsx", kind="申报").output.read_text(encoding="utf-8")
    assert '  code: "0042070100012345"\n' in written and '  code: "420701260000000000012"\n' in written


def test_copied_text_lines_amounts_goals_and_shares_up_under_their_heads(tmp_path: Path) -> None:
    """Copied text: the row under 项目资金 / 总体目标 / 季度支出计划 lost the label's slot at its left. Read by position
    it would give 其他资金 as 财政资金 and the 年度 goal's text as the 中期 goal's; it lines up on the right."""
    source = write(project_form(), tmp_path / "项目表.txt")
    assert "\n80.00\t80.00\t80.00\t0\n" in source.read_text(encoding="utf-8")
    project = as_written(import_new(source, tmp_path, "jtj").filing["projects"][0])
    assert project["budget"] == {"total": "80.00", "this_year": "80.00", "fiscal": "80.00", "other": "0"}
    assert [(goal["kind"], goal["text"]) for goal in project["goals"]] == [
        ("中期", "三年内实现农村公路养护全覆盖。"), ("年度", "完成农村公路日常养护300公里。")]
    assert project["spending_plan"][0] == {"by": "3月底", "share": "25%"}


def test_copied_spending_plan_right_after_the_indicators_is_no_indicator(tmp_path: Path) -> None:
    """Copied text has no blank line between the indicator table and the 季度支出计划 under it."""
    source = write(project_form(), tmp_path / "项目表.txt")
    assert "群众满意度\t≥90%\t≥88%\t历史标准\n季度支出计划\t3月底" in source.read_text(encoding="utf-8")
    project = import_new(source, tmp_path, "jtj").filing["projects"][0]
    assert [indicator["name"] for indicator in project["goals"][1]["indicators"]] == ["养护里程", "优良路率", "群众满意度"]
    assert len(project["spending_plan"]) == 4


# --- headings ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("headings", [["（一）农村公路养护项目", "（二）桥梁安全检测项目"],
                                      ["1.农村公路养护项目", "2.桥梁安全检测项目"],
                                      ["项目1：农村公路养护", "项目2：桥梁安全检测"]])
@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_heading_numbers_the_project(tmp_path: Path, suffix: str, headings: list[str]) -> None:
    result = run(project_form(headings), tmp_path, suffix)
    projects = result.filing["projects"]
    assert [(p.get("number"), p.get("name")) for p in projects[:2]] == [(1, "农村公路养护"), (2, "桥梁安全检测")]
    assert not_placed(result) == SUMMARIES  # the headings are read, not listed


def test_headings_numbered_past_ten(tmp_path: Path) -> None:
    result = run(project_form(["项目十一：农村公路养护", "（十二）桥梁安全检测项目"], "第13-20号项目因涉密不予公开。"),
                 tmp_path, "txt")
    assert [p.get("number") for p in result.filing["projects"][:2]] == [11, 12]


# --- withheld notices in other wordings --------------------------------------------------------------------------------

NO_BASIS = {"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}
NO_REASON = {"field": "withheld.reason", "text": "原文未单独写出不公开理由；编者以原文说明全文作为理由。"}


@pytest.mark.parametrize("notice, numbers, reason, basis, notes", [
    ("第6-13号项目因涉密不予公开", [6, 13], "涉密", None, [NO_BASIS]),
    ("第6号至第13号项目因涉及国家秘密不予公开。", [6, 13], "涉及国家秘密", None, [NO_BASIS]),
    ("序号6—13的项目因涉及保密要求，暂不公开。", [6, 13], "涉及保密要求", None, [NO_BASIS]),
    ("第7号项目因涉密，根据《中华人民共和国保守国家秘密法》不予公开。", [7, 7], "涉密", "《中华人民共和国保守国家秘密法》", []),
    ("依据《中华人民共和国政府信息公开条例》第十四条，6-13号项目不予公开。", [6, 13], None,
     "《中华人民共和国政府信息公开条例》第十四条", [NO_REASON]),
])
def test_withheld_notices_in_other_wordings(tmp_path: Path, notice: str, numbers: list[int], reason: str | None,
                                            basis: str | None, notes: list[dict[str, str]]) -> None:
    result = run(project_form(withheld=notice), tmp_path, "txt")
    record = {"numbers": numbers, "notice": notice, "reason": reason or notice} \
        | ({"legal_basis": basis} if basis else {})
    assert result.filing["projects"][2] == {"withheld": record} | ({"notes": notes} if notes else {})
    assert not_placed(result) == SUMMARIES


# --- the 申报表: 中期/年度 funds, dated goals, split indicator columns, quarters ----------------------------------------------

def application_form() -> list[FormBlock]:
    """A 项目支出绩效目标申报表: 主管部门及代码, 项目属性 and 起止时间, the 中期/年度资金总额 matrix (its label merged down),
    总体目标 with a dated 中期目标, indicators with 指标性质 / 度量单位 / 分值 columns, a plan by quarters; then a
    second project with a single 年度资金总额 row and texts the content format has no field for."""
    first = FormTable()
    first.add("项目名称", ("智慧交通平台建设", 2), "项目编码", ("420701260000000000012", 2))
    first.add("主管部门及代码", ("[017]某县交通运输局", 2), "实施单位", ("某县交通信息中心", 2))
    first.add("项目属性", ("新增项目", 2), "起止时间", ("2026年1月—2028年12月", 2))
    first.add("项目资金（万元）", ("", 2), "中期资金总额", ("年度资金总额", 2))
    first.add("", ("资金总额", 2), "300.00", ("100.00", 2))
    first.add("", ("其中：财政拨款", 2), "280.00", ("90.00", 2))
    first.add("", ("其他资金", 2), "20.00", ("10.00", 2))
    first.merge_down(0, 3, 6)
    first.add("总体目标", ("中期目标（2026年—2028年）", 2), ("年度目标", 3))
    first.add("", ("建成覆盖全县的智慧交通平台。", 2), ("完成平台一期建设。", 3))
    first.merge_down(0, 7, 8)
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值")
    indicators.add("产出指标", "数量指标", "接入路口数", "≥", "50", "个", "20")
    indicators.add("满意度指标", "服务对象满意度指标", "公众满意度", "≥", "90", "%", "10")
    plan = FormTable()
    plan.add("资金支出计划", "第一季度", "第二季度", "第三季度", "第四季度")
    plan.add("", "10%", "40%", "70%", "100%")
    plan.merge_down(0, 0, 1)
    second = FormTable()
    second.add("项目名称", ("公路应急保障", 3), "项目编码", ("0042070100012345", 2))
    second.add("主管部门", (DEPARTMENT, 3), "项目期", ("1年", 2))
    second.add("年度资金总额：", "50.00", "其中：财政拨款", "50.00", "其他资金", "0")
    second.add("立项依据", ("《中华人民共和国公路法》", 5))
    second.add("项目实施内容", ("储备应急抢险物资。", 5))
    second.add("年度绩效目标", ("保障公路应急抢险。", 5))
    return [FormText("2026年项目支出绩效目标申报表"), FormText("（一）智慧交通平台建设项目"), first, indicators, plan,
            FormText("（二）公路应急保障项目"), second, indicators]


APPLICATION_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "接入路口数", "value": "50", "value_type": "≥", "unit": "个",
     "weight": "20"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "公众满意度", "value": "90", "value_type": "≥",
     "unit": "%", "weight": "10"}]
APPLICATION_PROJECTS = [
    {"number": 1, "code": "420701260000000000012", "name": "智慧交通平台建设", "attribute": "新增项目",
     "period": "2026年1月—2028年12月", "budget_unit": "某县交通信息中心",
     "budget": {"medium_term": {"total": "300.00", "fiscal": "280.00", "other": "20.00"},
                "annual": {"total": "100.00", "fiscal": "90.00", "other": "10.00"}},
     "spending_plan": [{"by": by, "share": share} for by, share in
                       zip(("第一季度", "第二季度", "第三季度", "第四季度"), ("10%", "40%", "70%", "100%"))],
     "goals": [{"id": "medium", "kind": "中期", "title": "中期目标（2026年—2028年）", "span": [2026, 2028],
                "text": "建成覆盖全县的智慧交通平台。"},
               {"id": "annual", "kind": "年度", "title": "年度目标", "text": "完成平台一期建设。",
                "indicators": APPLICATION_INDICATORS}]},
    {"number": 2, "code": "0042070100012345", "name": "公路应急保障", "period": "1年",
     "budget": {"annual": {"total": "50.00", "fiscal": "50.00", "other": "0"}},
     "goals": [{"id": "g1", "kind": "年度", "text": "保障公路应急抢险。", "indicators": APPLICATION_INDICATORS}]}]
APPLICATION_NOT_PLACED = [("立项依据", no_field("立项依据")), ("《中华人民共和国公路法》", no_field("立项依据")),
                          ("项目实施内容", no_field("项目实施内容")), ("储备应急抢险物资。", no_field("项目实施内容"))]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "pdf", "html", "txt"])
def test_application_form_with_mid_term_funds_and_quarters(tmp_path: Path, suffix: str) -> None:
    result = run(application_form(), tmp_path, suffix, kind="申报")
    filing = result.filing
    assert as_written(filing["projects"]) == APPLICATION_PROJECTS
    assert filing["department"] == {"id": "jtj", "name": DEPARTMENT, "region": "ezhou", "code": "017"}
    assert filing["money_unit"] == "万元" and "notes" not in filing
    assert not_placed(result) == APPLICATION_NOT_PLACED
    assert_checked(result)


def test_copied_mid_term_matrix_lines_up_under_its_columns(tmp_path: Path) -> None:
    """The matrix rows of copied text lost the 项目资金 label's slot: 280.00 is the 中期 figure, never the 年度 one."""
    source = write(application_form(), tmp_path / "申报表.txt")
    assert "\n其中：财政拨款\t280.00\t90.00\n" in source.read_text(encoding="utf-8")
    budget = as_written(import_new(source, tmp_path, "jtj", kind="申报").filing["projects"][0]["budget"])
    assert budget == APPLICATION_PROJECTS[0]["budget"]


# --- a project's texts as lines ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_a_text_without_a_field_as_a_line_is_listed_with_the_reason(tmp_path: Path, suffix: str) -> None:
    """"项目概况：……" as a paragraph is listed as its row is, with the same reason; the project around it is read."""
    blocks = [FormText(TITLE), FormText(f"主管部门：{DEPARTMENT}"), FormText("项目名称：农村公路养护"), FormText("年度目标"),
              FormText("完成农村公路日常养护300公里。"), FormText("项目概况：对全县农村公路开展日常养护。"),
              indicator_table(PROJECTS[0]["rows"])]
    result = run(blocks, tmp_path, suffix)
    project = result.filing["projects"][0]
    assert project["goals"][1]["text"] == "完成农村公路日常养护300公里。"
    assert not_placed(result) == [("项目概况：对全县农村公路开展日常养护。", no_field("项目概况"))]
