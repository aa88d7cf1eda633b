"""`gongkai import` of a project's header written as lines of text above its indicator table.

Word and PDF forms (and pages) often give a single project's header as paragraphs, or as rows of one cell:

    2026年度项目支出绩效目标表
    项目名称：乡村道路养护
    主管部门：某县交通运输局            实施单位：某县公路养护中心
    项目资金：年度资金总额 85.00万元，其中财政拨款 85.00万元
    年度目标：完成农村公路日常养护300公里。
    [table] 一级指标 | 二级指标 | 三级指标 | 指标值 …

Each line is read as the same label and value in two cells of a form's row are (项目名称 | 乡村道路养护), two labels on
one line (apart by two spaces or more, a tab or a full-width space) as two lines, the goal's label as structure, and the
sentence of amounts into the project's budget with a note quoting it. What is not read with certainty is listed, and
the money unit's note says what was read. Each form is drawn with the tests/forms helpers and put into every format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, assert_clean, write
from tests.forms.imports import import_new, not_placed

FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
LINE_FORMATS = ["docx", "pdf", "txt"]  # where a form's lines are most often paragraphs
TITLE = "2026年度项目支出绩效目标表"
DEPARTMENT = "某县交通运输局"
UNIT = "某县公路养护中心"
NAME = "乡村道路养护"
GOAL = "完成农村公路日常养护300公里。"
FUNDS = "项目资金：年度资金总额 85.00万元，其中财政拨款 85.00万元"
FUNDS_NOTE = {"field": "budget", "text": f"原表的项目资金写在一行文字中：“{FUNDS}”；编者据此录入年度资金总额 85.00，"
                                         "其中财政拨款 85.00，金额照原文，单位为原文所写的万元。"}
INDICATOR_ROWS = [("产出指标", "数量指标", "养护里程", "300公里"), ("产出指标", "质量指标", "优良路率", "≥80%"),
                  ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
INDICATORS = [dict(zip(("level1", "level2", "name", "value"), row)) for row in INDICATOR_ROWS]
PROJECT = {"id": "p1", "name": NAME, "budget_unit": UNIT, "budget": {"annual": {"total": "85.00", "fiscal": "85.00"}},
           "goals": [{"id": "g1", "kind": "年度", "text": GOAL, "indicators": INDICATORS}], "notes": [FUNDS_NOTE]}
NO_AMOUNT_READ = {"field": "money_unit", "text": "本文件没有录入任何金额，也没有读到原表的金额单位；"
                                                 "每份文件都写金额单位，编者写作万元，本文件没有金额用到它。"}
NO_PROJECT_YET = "原表此处还没有项目，项目资金是项目的字段，未录入"


def indicator_rows() -> FormTable:
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    for row in INDICATOR_ROWS:
        table.add(*row)
    return table


def form(lines: list[str], *, rows: bool = False) -> list[FormBlock]:
    """The title, then `lines` as paragraphs (or, `rows`, as rows of one cell spanning the indicator table above its
    header), then the indicator table."""
    indicators = indicator_rows()
    if not rows:
        return [FormText(TITLE), *(FormText(line) for line in lines), indicators]
    table = FormTable()
    for line in lines:
        table.add((line, indicators.width))
    table.rows += indicators.rows
    return [FormText(TITLE), table]


def header(separator: str | None = None, funds: str = FUNDS, goal: str = f"年度目标：{GOAL}") -> list[str]:
    """The probe's lines; with a `separator`, 主管部门 and 实施单位 on one line as the original form has them."""
    units = [f"主管部门：{DEPARTMENT}", f"实施单位：{UNIT}"]
    return [f"项目名称：{NAME}", *([separator.join(units)] if separator else units), funds, goal]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    """No filing of the department in content/: what the form says is all there is."""
    return import_new(write(blocks, tmp_path / f"项目.{suffix}"), tmp_path, "jtj")


def as_read(line: str, suffix: str) -> str:
    """A line as the reader gives it: a printed PDF's text layer has the full-width space as an em space."""
    return line.replace("\u3000", "\u2003") if suffix == "pdf" else line


def project_fields(result: ImportResult) -> dict[str, Any]:
    return as_written({k: v for k, v in result.filing["projects"][0].items() if k != "goals"})


def assert_the_probes_project(result: ImportResult) -> None:
    filing = result.filing
    assert as_written(filing["projects"]) == [PROJECT]
    assert filing["department"] == {"id": "jtj", "name": DEPARTMENT, "region": "ezhou"}
    assert filing["title"] == TITLE and filing["money_unit"] == "万元"
    assert "goals" not in filing and "notes" not in filing  # the unit is the sentence's own: nothing judged
    assert_clean(result)


# --- 1.–5. the probe: the header as lines, in every format ---------------------------------------------

# Spaces do not survive a page (a browser shows a run of them as one, and so prints it): non-breaking or full-width
# spaces part two labels there. A tab in copied text is a cell boundary, read as two cells (test_import_more_layouts).
SEPARATORS = {"full-width": "\u3000", "spaces": " " * 12, "two-spaces": "  ", "tab": "\t", "nbsp": "\xa0" * 4}
LAYOUTS = [(suffix, None) for suffix in FORMATS] + [(suffix, "full-width") for suffix in FORMATS] \
    + [(suffix, "spaces") for suffix in ("xlsx", "xls", "docx", "txt")] + [("docx", "two-spaces"), ("docx", "tab"),
                                                                          ("xlsx", "tab")] \
    + [(suffix, "nbsp") for suffix in ("html", "pdf", "docx")]


@pytest.mark.parametrize("suffix, separator", LAYOUTS)
def test_header_lines_make_the_project(tmp_path: Path, suffix: str, separator: str | None) -> None:
    result = run(form(header(SEPARATORS.get(separator))), tmp_path, suffix)
    assert_the_probes_project(result)


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("separator", [None, "full-width"])
def test_header_as_rows_of_one_cell(tmp_path: Path, suffix: str, separator: str | None) -> None:
    result = run(form(header(SEPARATORS.get(separator)), rows=True), tmp_path, suffix)
    assert_the_probes_project(result)


def test_lines_read_as_the_two_cell_form(tmp_path: Path) -> None:
    """项目名称：X as a line gives what 项目名称 | X in a form's row gives; only the budget's note is the line's own."""
    table = FormTable()
    for label, value in (("项目名称", NAME), ("主管部门", DEPARTMENT), ("实施单位", UNIT), ("年度资金总额", "85.00"),
                         ("其中：财政拨款", "85.00"), ("年度目标", GOAL)):
        table.add(label, (value, 3))
    table.rows += indicator_rows().rows
    (tmp_path / "cells").mkdir()
    cells = run([FormText(TITLE), FormText("单位：万元"), table], tmp_path / "cells", "docx")
    lines = run(form(header("\u3000")), tmp_path, "docx")
    assert [p | {"notes": [FUNDS_NOTE]} for p in cells.filing["projects"]] == lines.filing["projects"]


# --- 1. every label a project form knows, as a line ------------------------------------------------------

@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_each_project_label_in_a_line(tmp_path: Path, suffix: str) -> None:
    lines = ["项目编码：42070126P001", f"项目名称：{NAME}", "项目属性：经常性项目", "项目期：2026年—2028年",
             "支出项目类别：其他公用支出\u3000预算单位：某县公路养护中心本级", "资金用途：用于农村公路日常养护",
             "资金总额：85.00万元", f"绩效目标：{GOAL}"]
    result = run(form([f"主管部门：{DEPARTMENT}", *lines]), tmp_path, suffix)
    assert project_fields(result) == {
        "code": "42070126P001", "name": NAME, "category": "其他公用支出", "attribute": "经常性项目",
        "period": "2026年—2028年", "budget_unit": "某县公路养护中心本级", "budget": {"total": "85.00"},
        "purpose": "用于农村公路日常养护",
        "notes": [{"field": "budget", "text": "原表的项目资金写在一行文字中：“资金总额：85.00万元”；编者据此录入资金总额 "
                                              "85.00，金额照原文，单位为原文所写的万元。"}]}
    assert as_written(result.filing["projects"][0]["goals"]) == [
        {"id": "g1", "kind": "年度", "text": GOAL, "indicators": INDICATORS}]
    assert_clean(result)


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_a_second_name_line_starts_the_next_project(tmp_path: Path, suffix: str) -> None:
    def one(code: str, name: str, goal: str) -> list[FormBlock]:
        return form([f"项目编码：{code}\u3000项目名称：{name}", f"年度目标：{goal}"])[1:]
    blocks = [FormText(TITLE), FormText("单位：万元"), FormText(f"主管部门：{DEPARTMENT}"),
              *one("P001", NAME, GOAL), *one("P002", "农村公路危桥改造", "完成危桥改造2座。")]
    result = run(blocks, tmp_path, suffix)
    assert [(p["code"], p["name"], p["goals"][0]["text"], len(p["goals"][0]["indicators"]))
            for p in result.filing["projects"]] == [("P001", NAME, GOAL, 3), ("P002", "农村公路危桥改造", "完成危桥改造2座。", 3)]
    assert_clean(result)


# --- 2. label–value pairs on one line -----------------------------------------------------------------------

@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_pairs_on_a_line_are_each_read(tmp_path: Path, suffix: str) -> None:
    """A date and the money unit, the department and the unit, the name and code: each pair as its own line."""
    lines = ["填报日期：2025年12月30日\u3000单位：万元", f"项目名称：{NAME}\u3000项目编码：P001",
             f"主管部门：{DEPARTMENT}\u3000\u3000实施单位：{UNIT}", FUNDS, f"年度目标：{GOAL}"]
    result = run(form(lines), tmp_path, suffix)
    assert str(result.filing["filed_on"]) == "2025-12-30" and result.filing["money_unit"] == "万元"
    assert result.filing["department"]["name"] == DEPARTMENT
    assert as_written(result.filing["projects"]) == [{"code": "P001", **{k: v for k, v in PROJECT.items() if k != "id"}}]
    assert_clean(result)


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_a_piece_without_a_known_label_leaves_the_line_unread(tmp_path: Path, suffix: str) -> None:
    line = f"实施单位：{UNIT}\u3000养护等级：二级"
    lines = [f"主管部门：{DEPARTMENT}", f"项目名称：{NAME}", line, FUNDS, f"年度目标：{GOAL}"]
    result = run(form(lines), tmp_path, suffix)
    assert "budget_unit" not in result.filing["projects"][0]
    assert not_placed(result) == [(as_read(line, suffix), "未识别的段落")]
    assert result.check.errors == []


def test_one_space_parts_no_labels(tmp_path: Path) -> None:
    """"主管部门：A 实施单位：B": one space may be inside a value, so a second label after it leaves the line unread."""
    line = f"主管部门：{DEPARTMENT} 实施单位：{UNIT}"
    result = run(form([f"项目名称：{NAME}", line, FUNDS, f"年度目标：{GOAL}", f"填报单位：{DEPARTMENT}"]), tmp_path,
                 "docx")
    assert "budget_unit" not in result.filing["projects"][0]
    assert not_placed(result) == [(line, "未识别的段落")]


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_a_pair_not_read_is_named_beside_those_read(tmp_path: Path, suffix: str) -> None:
    """The unit before any project may be the whole form's: not read, and the line says which pair it was."""
    line = f"主管部门：{DEPARTMENT}\u3000实施单位：{UNIT}"
    result = run(form([line, f"项目名称：{NAME}", FUNDS, f"年度目标：{GOAL}"]), tmp_path, suffix)
    assert result.filing["department"]["name"] == DEPARTMENT
    assert "budget_unit" not in result.filing["projects"][0]
    assert not_placed(result) == [(as_read(line, suffix), f"此行有2项，其余各项已录入；“实施单位：{UNIT}”：原表此处还没有项目，"
                                         "预算单位是项目的字段（不作为部门名称），未录入")]
    assert result.check.errors == []


# --- 3. the goal's label is structure --------------------------------------------------------------------

@pytest.mark.parametrize("suffix", LINE_FORMATS)
@pytest.mark.parametrize("label", ["年度目标", "年度绩效目标", "总体目标", "绩效目标"])
def test_goal_label_is_no_part_of_the_goals_text(tmp_path: Path, suffix: str, label: str) -> None:
    result = run(form(header("\u3000", goal=f"{label}：{GOAL}")), tmp_path, suffix)
    assert_the_probes_project(result)


def test_a_mid_term_goal_line_keeps_its_title_and_years(tmp_path: Path) -> None:
    lines = [f"主管部门：{DEPARTMENT}", f"项目名称：{NAME}", "中期目标（2026年—2028年）：三年完成农村公路养护900公里。"]
    result = run(form(lines), tmp_path, "docx")
    assert as_written(result.filing["projects"][0]["goals"]) == [
        {"id": "medium", "kind": "中期", "title": "中期目标（2026年—2028年）", "text": "三年完成农村公路养护900公里。",
         "span": [2026, 2028], "indicators": INDICATORS}]
    assert result.imported.not_placed == [] and result.check.errors == []


def test_a_departments_goal_line_is_kept_whole(tmp_path: Path) -> None:
    """Without a project the line is the department's goal, kept whole as the seeds file it (ezhou-sfj 2025)."""
    result = run(form([f"主管部门：{DEPARTMENT}", f"年度目标：{GOAL}"]), tmp_path, "docx")
    assert as_written(result.filing["goals"]) == [{"id": "g1", "kind": "年度", "text": f"年度目标：{GOAL}",
                                                   "indicators": INDICATORS}]
    assert "projects" not in result.filing


# --- 4. a sentence of amounts ----------------------------------------------------------------------------

# sentence → the budget it gives, the money unit, and what the note says was entered
SENTENCES: dict[str, tuple[dict[str, Any], str, str]] = {
    "项目资金：资金总额 120.5万元，其中：财政拨款 100万元，其他资金 20.5万元。": (
        {"total": "120.5", "fiscal": "100", "other": "20.5"}, "万元", "资金总额 120.5，其中：财政拨款 100，其他资金 20.5"),
    "项目资金：中期资金总额 255.00万元；年度资金总额 85.00万元，其中财政拨款 85.00万元": (
        {"medium_term": {"total": "255.00"}, "annual": {"total": "85.00", "fiscal": "85.00"}}, "万元",
        "中期资金总额 255.00，年度资金总额 85.00，其中财政拨款 85.00"),
    "项目资金：项目总额 850000.00元，其中财政拨款 800000元，其他资金 50000元": (
        {"total": "850000.00", "fiscal": "800000", "other": "50000"}, "元",
        "项目总额 850000.00，其中财政拨款 800000，其他资金 50000"),
    "年度资金总额：85.00万元、其中财政拨款：85.00万元": (
        {"annual": {"total": "85.00", "fiscal": "85.00"}}, "万元", "年度资金总额 85.00，其中财政拨款 85.00"),
    "预算数 85.00万元": ({"total": "85.00"}, "万元", "预算数 85.00"),
    "项目资金（万元）：资金总额 85.00，其中财政拨款 85.00": (
        {"total": "85.00", "fiscal": "85.00"}, "万元", "资金总额 85.00，其中财政拨款 85.00"),
}


@pytest.mark.parametrize("suffix", LINE_FORMATS)
@pytest.mark.parametrize("sentence", sorted(SENTENCES))
def test_amounts_of_a_sentence_are_the_budget_as_filed(tmp_path: Path, suffix: str, sentence: str) -> None:
    budget, unit, read = SENTENCES[sentence]
    result = run(form(header("\u3000", funds=sentence)), tmp_path, suffix)
    project = result.filing["projects"][0]
    assert as_written(project["budget"]) == budget
    assert project["notes"] == [{"field": "budget", "text": f"原表的项目资金写在一行文字中：“{sentence}”；编者据此录入"
                                                            f"{read}，金额照原文，单位为原文所写的{unit}。"}]
    assert result.filing["money_unit"] == unit and "notes" not in result.filing
    assert_clean(result)


def test_amounts_keep_their_digits_in_the_file(tmp_path: Path) -> None:
    result = run(form(header("\u3000")), tmp_path, "docx")
    assert "    annual: {total: 85.00, fiscal: 85.00}\n" in result.output.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_amounts_without_a_unit_are_read_and_the_unit_judged(tmp_path: Path, suffix: str) -> None:
    sentence = "项目资金：资金总额 85.00，其中财政拨款 85.00"
    result = run(form(header("\u3000", funds=sentence)), tmp_path, suffix)
    project = result.filing["projects"][0]
    assert as_written(project["budget"]) == {"total": "85.00", "fiscal": "85.00"}
    assert project["notes"] == [{"field": "budget", "text": f"原表的项目资金写在一行文字中：“{sentence}”；编者据此录入"
                                                            "资金总额 85.00，其中财政拨款 85.00，金额照原文，原文未写单位。"}]
    assert result.filing["notes"] == [{"field": "money_unit", "text": "原表未写金额单位；编者按各项金额的量级"
                                                                      "（如 85.00）读作万元。"}]
    assert_clean(result)


# sentence → why it is not read with certainty
DOUBTS = {
    "项目资金：年度资金总额 85.00万元，其中财政拨款 85.00": "各项金额的单位写法不一致",
    "项目资金：年度资金总额约85.00万元": "“年度资金总额约85.00万元”不是一项资金及其金额",
    "项目资金：85.00万元": "“85.00万元”不是一项资金及其金额",
    "项目资金：资金总额 85.00万元，资金总额 80.00万元": "“资金总额 80.00万元”与前面一项是同一项资金",
    "项目资金：详见附件": "“详见附件”不是一项资金及其金额",
    "资金总额：八十五万元": "“八十五万元”不是金额",
}


@pytest.mark.parametrize("suffix", LINE_FORMATS)
@pytest.mark.parametrize("sentence", sorted(DOUBTS))
def test_a_sentence_not_read_with_certainty_is_listed(tmp_path: Path, suffix: str, sentence: str) -> None:
    result = run(form(header("\u3000", funds=sentence)), tmp_path, suffix)
    assert "budget" not in result.filing["projects"][0] and "notes" not in result.filing["projects"][0]
    assert not_placed(result) == [(sentence, f"项目资金的文字不能逐项确定读法（{DOUBTS[sentence]}），未录入")]
    assert result.filing["notes"] == [NO_AMOUNT_READ]  # the form shows amounts: the note says none was read
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_amounts_before_any_project_are_listed(tmp_path: Path, suffix: str) -> None:
    lines = [f"主管部门：{DEPARTMENT}", FUNDS, f"项目名称：{NAME}", f"年度目标：{GOAL}"]
    result = run(form(lines), tmp_path, suffix)
    assert "budget" not in result.filing["projects"][0]
    assert not_placed(result) == [(FUNDS, NO_PROJECT_YET)]
    assert result.filing["notes"] == [NO_AMOUNT_READ]


# --- 5. the money unit's note says what was read ---------------------------------------------------------

def test_a_unit_left_out_is_not_said_to_be_missing(tmp_path: Path) -> None:
    """Amounts read without a unit, while a line left out writes one: the note does not say the form has none."""
    remark = "说明：本表金额以万元计，合计85.00万元"
    lines = header("\u3000", funds="项目资金：资金总额 85.00，其中财政拨款 85.00") + [remark]
    result = run(form(lines), tmp_path, "docx")
    assert not_placed(result) == [(remark, "未识别的段落")]
    assert result.filing["money_unit"] == "万元"
    assert result.filing["notes"] == [{"field": "money_unit", "text": "原表写金额单位的文字没有录入本文件；"
                                                                      "编者按各项金额的量级（如 85.00）读作万元。"}]
