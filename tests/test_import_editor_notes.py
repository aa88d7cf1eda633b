"""`gongkai import`: editorial notes are published; what only the editor must do goes to the import report.

A filing's `notes` (and each record's) are shown on the site to citizens as 编者注. A note may say what the form
writes and how the editor read it; "见导入报告" or "请核对" speaks to the editor, who reads the import report, and a
citizen never sees that report. So:

1. A form whose amounts were not read (a funds line before any project): the money_unit note says what the published
   filing holds (no amount, no unit read) without pointing to the report; the report's remarks tell the editor that
   cells were left out and the unit written is the required default.
2. Amounts read with no unit, while a line left out writes one ("说明：本表金额以万元计"): the note says the form writes
   its unit in text not entered; the report quotes that text for the editor to check the unit against.
3. A note that ends by asking the editor to check (请核对: a title naming the department otherwise than content/, a
   project code that lost its leading zeros, a withheld notice whose first number may number the paragraph): the note
   keeps what it says of the form, the request goes to the report with the note's text.
Guards: the notes that are true for a citizen stay word for word; the test writer `write_xlsx` writes a document with
no table (a sheet of lines only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from generator.importing.document import ImportFailure
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.render import write_xlsx
from tests.test_import_cell_values import workbook
from tests.test_import_project_forms import project_form
from tests.test_import_tasks import as_written, write
from tests.test_import_workbooks import Num, run as run_workbook

FORMATS = ["xlsx", "docx", "txt"]
EDITOR_WORDS = ("导入报告", "请核对", "请补录", "请确认", "请手工")


def all_notes(value: Any) -> list[str]:
    """Every note text anywhere in the filing: what the site shows as 编者注."""
    if isinstance(value, dict):
        own = [note["text"] for note in value.get("notes", [])]
        return own + [text for key, item in value.items() if key != "notes" for text in all_notes(item)]
    if isinstance(value, list):
        return [text for item in value for text in all_notes(item)]
    return []


def assert_notes_speak_to_readers(result: ImportResult) -> None:
    spoken = [text for text in all_notes(result.filing) if any(word in text for word in EDITOR_WORDS)]
    assert spoken == []


# --- 1. a form whose amounts were not read ------------------------------------------------------------------------

TITLE = "2026年度项目支出绩效目标表"
FUNDS = "项目资金：年度资金总额 42.00万元，其中财政拨款 42.00万元"
GOAL = "开展非遗展演20场，培训传承人60人次。"


def indicator_table() -> FormTable:
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "非遗展演场次", "20场")
    table.add("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")
    return table


def paragraph_form(lines: list[str]) -> list[FormBlock]:
    return [FormText(TITLE), *(FormText(line) for line in lines), indicator_table()]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str, name: str = "项目") -> ImportResult:
    return import_new(write(blocks, tmp_path / f"{name}.{suffix}"), tmp_path, "wlj")


NO_AMOUNT_NOTE = {"field": "money_unit", "text": "本文件没有录入任何金额，也没有读到原表的金额单位；每份文件都写金额单位，"
                                                 "编者写作万元，本文件没有金额用到它。"}


@pytest.mark.parametrize("suffix", FORMATS)
def test_amounts_not_read_are_for_the_editor_not_the_note(tmp_path: Path, suffix: str) -> None:
    """The funds line comes before the project's name: listed. Before, the published note ended "见导入报告"."""
    lines = ["主管部门：某县文化和旅游局", FUNDS, "项目名称：非遗保护传承", f"年度目标：{GOAL}"]
    result = run(paragraph_form(lines), tmp_path, suffix)
    assert "budget" not in result.filing["projects"][0]
    assert [text for text, _ in not_placed(result)] == [FUNDS]
    assert result.filing["money_unit"] == "万元"
    assert result.filing["notes"] == [NO_AMOUNT_NOTE]
    assert result.remarks[-1] == ("导入没有读入任何金额，也没有读到金额单位，原表还有未放入文件的内容（见“未放入”）："
                                  "其中有金额或金额单位时，请手工录入，并改正编者写作万元的金额单位（money_unit）。")
    assert_notes_speak_to_readers(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_form_without_amounts_keeps_its_note(tmp_path: Path, suffix: str) -> None:
    """Guard: everything placed and no amount anywhere: the note says the form has none, and nothing is remarked."""
    lines = ["主管部门：某县文化和旅游局", "项目名称：非遗保护传承", f"年度目标：{GOAL}"]
    result = run(paragraph_form(lines), tmp_path, suffix)
    assert not_placed(result) == []
    assert result.filing["notes"] == [{"field": "money_unit", "text": "原表没有金额，也未写金额单位；每份文件都写金额单位，"
                                                                      "编者写作万元，本文件没有金额用到它。"}]
    assert not any("金额单位" in remark for remark in result.remarks)


# --- 2. a unit written only in a line left out ----------------------------------------------------------------------

UNIT_LINE = "说明：本表金额以万元计，合计42.00万元"


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_unit_in_a_line_left_out_is_quoted_in_the_report(tmp_path: Path, suffix: str) -> None:
    lines = ["项目名称：非遗保护传承", "主管部门：某县文化和旅游局", "项目资金：资金总额 42.00，其中财政拨款 42.00",
             f"年度目标：{GOAL}", UNIT_LINE]
    result = run(paragraph_form(lines), tmp_path, suffix)
    assert as_written(result.filing["projects"][0]["budget"]) == {"total": "42.00", "fiscal": "42.00"}
    assert not_placed(result) == [(UNIT_LINE, "未识别的段落")]
    assert result.filing["money_unit"] == "万元"
    assert [n for n in result.filing["notes"] if n["field"] == "money_unit"] == [
        {"field": "money_unit", "text": "原表写金额单位的文字没有录入本文件；编者按各项金额的量级（如 42.00）读作万元。"}]
    assert result.remarks[-1] == (f"原表未放入文件的内容中写有金额单位（“{UNIT_LINE}”）；文件的金额单位是按各项金额的量级"
                                  "读作的万元，请对照这一处核对。")
    assert_notes_speak_to_readers(result)


# --- 3. notes that ask the editor to check ----------------------------------------------------------------------------

def titled_form(title: str) -> list[FormBlock]:
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "资助学生人数", "≥1200人")
    return [FormText(title), FormText("一、总体绩效目标"), FormText("落实学生资助政策。"), indicators]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_title_naming_the_department_otherwise_asks_the_editor(tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / "wlj"
    folder.mkdir()
    (folder / "2025-gongkai.yml").write_text("department: {id: wlj, name: 某县教育和体育局, region: ezhou}\n"
                                             "fiscal_year: 2025\n", encoding="utf-8")
    title = "某县教育局2026年部门整体绩效目标"
    result = run(titled_form(title), tmp_path, suffix)
    said = (f"原表没有写部门名称的栏目；标题为“{title}”，标题中年度前的“某县教育局”与已有文件中的名称不同；"
            "编者按部门标识 wlj 已有文件中的名称写作“某县教育和体育局”。")
    assert result.filing["department"]["name"] == "某县教育和体育局"
    assert result.filing["notes"][0] == {"field": "department.name", "text": said}
    assert f"编者注“{said}”请核对。" in result.remarks
    assert_notes_speak_to_readers(result)


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_a_code_that_lost_its_zeros_asks_the_editor(tmp_path: Path, suffix: str) -> None:
    result = run_workbook(workbook(Num(12345, "000000"), "2026年1月20日", Num(12345, "General"), Num(120.5)),
                          tmp_path, suffix)
    said = "原表此项目编码为“12345”，本表其他项目编码（如“012346”）开头有“0”；编者照原表录入。"
    assert result.filing["projects"][0]["code"] == "12345"
    assert result.filing["projects"][0]["notes"] == [{"field": "code", "text": said}]
    assert f"编者注“{said}”请核对编码开头的 0 是否在填表时丢失。" in result.remarks
    assert_notes_speak_to_readers(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_withheld_notice_read_one_way_asks_the_editor(tmp_path: Path, suffix: str) -> None:
    notice = "6、8号项目因涉密暂不公开。"
    result = import_new(write(project_form(withheld=notice), tmp_path / f"项目表.{suffix}"), tmp_path, "jtj")
    withheld = [p for p in result.filing["projects"] if "withheld" in p]
    assert [p["withheld"]["numbers"] for p in withheld] == [[6, 6], [8, 8]]
    said = "原文这条说明开头的“6、”也可能是段落的编号；编者按所列序号读作第6号项目也不公开。"
    assert all(p["notes"][-1] == {"field": "withheld.numbers", "text": said} for p in withheld)
    assert result.remarks.count(f"编者注“{said}”请核对。") == 1  # one request, however many records carry the note
    assert_notes_speak_to_readers(result)


@pytest.mark.parametrize("suffix", FORMATS)
def test_notes_true_for_readers_stay_as_written(tmp_path: Path, suffix: str) -> None:
    """Guard: a form with no title of its own and no kind: those notes speak of the form and stay word for word."""
    table = FormTable()
    table.add("部门名称", "某县文化和旅游局")
    blocks = [table, indicator_table()]
    result = import_new(write(blocks, tmp_path / f"表.{suffix}"), tmp_path, "wlj", kind=None)
    notes = result.filing["notes"]
    assert {"field": "title", "text": "原文没有文件标题；文件名称为编者拟定。"} in notes
    assert {"field": "kind", "text": "原文未写明是申报、批复还是公开文件；编者按公开文件录入。"} in notes
    assert not any(remark.startswith("编者注") for remark in result.remarks)


# --- the test writer: a workbook of lines only ---------------------------------------------------------------------

def test_write_xlsx_writes_a_document_without_a_table(tmp_path: Path) -> None:
    """Before, write_xlsx failed on a document of lines only (no table to take the sheet's width from)."""
    path = tmp_path / "只有文字.xlsx"
    write_xlsx([FormText(TITLE), FormText(FUNDS)], path)
    sheet = openpyxl.load_workbook(path).active
    assert [row for row in sheet.iter_rows(values_only=True)] == [(TITLE,), (FUNDS,)]
    with pytest.raises(ImportFailure, match="没有找到绩效目标表"):
        import_new(path, tmp_path, "wlj")
