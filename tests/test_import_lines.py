"""`gongkai import` of the form's own lines: the contact and codes written as lines, a project's second unit, the
预算年度 the form writes.

    填报人：张三　　联系电话：13812345678
    单位代码：001003　主管部门代码：017
    预算年度：2026

A contact or code line (a paragraph, a row of one cell, several label：value pairs on one line) is read as the same
label and value in two cells are. A second, different 预算单位/实施单位 of one project is kept in a note whether it is
one cell or two. The form's 预算年度 is used when neither --year nor the title gives the year, and a note says so when
it differs from the year used. Each form is drawn with the tests/forms helpers and put into the formats named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from generator.yamlsource import load_file
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_paragraph_forms import as_read, indicator_rows
from tests.test_import_tasks import as_written, assert_clean, write
from tests.forms.imports import import_new, not_placed

LINE_FORMATS = ["docx", "pdf", "txt"]  # where a form's lines are paragraphs
CELL_FORMATS = ["xlsx", "html"]  # real cells, merged or spanned
TITLE = "2026年度部门整体绩效目标表"
UNDATED_TITLE = "部门整体绩效目标表"
DEPARTMENT = "某县交通运输局"
CONTACT = {"filer": "张三", "phone": "13812345678"}


def form(lines: list[str], *, title: str = TITLE, rows: bool = False) -> list[FormBlock]:
    """The title, the department and the unit, then `lines` as paragraphs (or, `rows`, as rows of one cell spanning
    the indicator table above its header), then the indicator table."""
    head = [FormText(title), FormText(f"部门名称：{DEPARTMENT}"), FormText("单位：万元")]
    indicators = indicator_rows()
    if not rows:
        return [*head, *(FormText(line) for line in lines), indicators]
    table = FormTable()
    for line in lines:
        table.add((line, indicators.width))
    table.rows += indicators.rows
    return [*head, table]


def cells(rows: list[tuple[str, ...]], *, title: str = TITLE) -> list[FormBlock]:
    """The title and the unit, then `rows` as a table of label and value cells, then the indicator table."""
    table = FormTable()
    for row in rows:
        table.add(*row)
    return [FormText(title), FormText("单位：万元"), table, indicator_rows()]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str, year: int | None = 2026) -> ImportResult:
    """No filing of the department in content/: what the form (and `year`, the --year option) says is all there is."""
    return import_new(write(blocks, tmp_path / f"原表.{suffix}"), tmp_path, "jtj", year=year)


def written(result: ImportResult) -> dict[str, Any]:
    """The filing as the YAML file has it."""
    return load_file(result.output).data


# --- 1. the contact and codes as lines ------------------------------------------------------------------

# Where the two labels are apart on one line: not a plain space, which may be part of a value. A tab in copied text
# is a cell boundary, and a page shows a run of spaces as one: each is tried where it is what the form has.
SEPARATORS = {"full-width": "\u3000", "two-full-width": "\u3000\u3000", "spaces": "  ", "tab": "\t",
              "comma": "，", "ascii-comma": ",", "semicolon": "；"}
ONE_LINE = [(suffix, "full-width") for suffix in LINE_FORMATS] + [(suffix, "two-full-width") for suffix in LINE_FORMATS] \
    + [("docx", "spaces"), ("txt", "spaces"), ("docx", "tab"), ("txt", "tab")] \
    + [(suffix, separator) for suffix in ("docx", "txt", "pdf") for separator in ("comma", "ascii-comma", "semicolon")]


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_contact_lines_are_the_contact(tmp_path: Path, suffix: str) -> None:
    result = run(form(["填报人：张三", "联系电话：0710-1234567"]), tmp_path, suffix)
    assert written(result)["contact"] == {"filer": "张三", "phone": "0710-1234567"}
    assert "notes" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("suffix, separator", ONE_LINE)
def test_filer_and_phone_on_one_line(tmp_path: Path, suffix: str, separator: str) -> None:
    result = run(form([f"填报人：张三{SEPARATORS[separator]}联系电话：13812345678"]), tmp_path, suffix)
    assert written(result)["contact"] == CONTACT
    assert_clean(result)


@pytest.mark.parametrize("suffix", ["docx", "pdf", "html", "xlsx"])
def test_filer_and_phone_in_a_row_of_one_cell(tmp_path: Path, suffix: str) -> None:
    """One cell with both pairs is read pair by pair, never as a filer "张三　　联系电话：…"."""
    result = run(form(["填报人：张三\u3000\u3000联系电话：13812345678"], rows=True), tmp_path, suffix)
    assert written(result)["contact"] == CONTACT
    assert_clean(result)


@pytest.mark.parametrize("suffix", CELL_FORMATS)
def test_the_lines_read_as_the_cells(tmp_path: Path, suffix: str) -> None:
    """填报人 | 张三 | 联系电话 | 13812345678 in cells gives what the line gives."""
    (tmp_path / "cells").mkdir()
    in_cells = run(cells([("部门名称", DEPARTMENT), ("填报人", "张三", "联系电话", "13812345678")]), tmp_path / "cells",
                   suffix)
    in_a_line = run(form(["填报人：张三\u3000联系电话：13812345678"]), tmp_path, "docx")
    assert written(in_cells)["contact"] == written(in_a_line)["contact"] == CONTACT
    assert_clean(in_cells)


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_codes_and_contact_among_other_pairs(tmp_path: Path, suffix: str) -> None:
    lines = ["单位代码：001003\u3000主管部门代码：017",
             "填报人：张三\u3000填报日期：2025年12月30日\u3000联系电话：13812345678"]
    result = run(form(lines), tmp_path, suffix)
    data = written(result)
    assert data["department"] == {"id": "jtj", "name": DEPARTMENT, "region": "ezhou", "code": "017",
                                  "unit_code": "001003"}
    assert data["contact"] == CONTACT and str(data["filed_on"]) == "2025-12-30"
    assert_clean(result)


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_a_contact_line_with_an_unknown_label_is_listed(tmp_path: Path, suffix: str) -> None:
    line = "填报人：张三\u3000职务：科员"
    result = run(form([line]), tmp_path, suffix)
    assert "contact" not in result.filing
    assert not_placed(result) == [(as_read(line, suffix), "未识别的段落")]
    assert result.check.errors == []


def test_a_comma_inside_a_value_keeps_the_line_whole(tmp_path: Path) -> None:
    """A comma parts pairs only where a label and its colon follow: "实施单位：某局，某中心" is one value."""
    line = "填报人：张三，李四"
    result = run(form([line]), tmp_path, "docx")
    assert written(result)["contact"] == {"filer": "张三，李四"}
    assert_clean(result)


def test_one_space_leaves_the_contact_line_unread(tmp_path: Path) -> None:
    """"填报人：张三 联系电话：…": one space may be inside a value, so the line is listed, not read as a filer."""
    line = "填报人：张三 联系电话：13812345678"
    result = run(form([line]), tmp_path, "docx")
    assert "contact" not in result.filing
    assert not_placed(result) == [(line, "未识别的段落")]


# --- 2. a second, different unit of one project -----------------------------------------------------------

FIRST_UNIT = "某县公路养护中心本级"
SECOND_UNIT = "某县公路养护中心"
PAIR_NOTE = {"field": "budget_unit",
             "text": f"原表另有“实施单位”一格，右边一格为“{SECOND_UNIT}”；编者按前一处录入预算单位“{FIRST_UNIT}”。"}


def project(rows: list[tuple[str | tuple[str, int], ...]]) -> list[FormBlock]:
    table = FormTable()
    table.add("项目名称", ("乡村道路养护", 3))
    for row in rows:
        table.add(*row)
    table.add("资金总额", "85.00", "财政拨款", "85.00")
    return [FormText("2026年度项目支出绩效目标表"), FormText(f"主管部门：{DEPARTMENT}"), FormText("单位：万元"), table,
            FormText("年度目标：完成农村公路日常养护300公里。"), indicator_rows()]


@pytest.mark.parametrize("suffix", [*CELL_FORMATS, "docx", "pdf", "txt"])
def test_second_unit_in_two_cells_is_kept_in_a_note(tmp_path: Path, suffix: str) -> None:
    result = run(project([("预算单位", (FIRST_UNIT, 3)), ("实施单位", (SECOND_UNIT, 3))]), tmp_path, suffix)
    fields = as_written({k: v for k, v in result.filing["projects"][0].items() if k != "goals"})
    assert fields == {"id": "p1", "name": "乡村道路养护", "budget_unit": FIRST_UNIT,
                      "budget": {"total": "85.00", "fiscal": "85.00"}, "notes": [PAIR_NOTE]}
    assert_clean(result)


@pytest.mark.parametrize("suffix", CELL_FORMATS)
def test_second_unit_in_the_same_row(tmp_path: Path, suffix: str) -> None:
    result = run(project([("预算单位", FIRST_UNIT, "实施单位", SECOND_UNIT)]), tmp_path, suffix)
    assert result.filing["projects"][0]["budget_unit"] == FIRST_UNIT
    assert result.filing["projects"][0]["notes"] == [PAIR_NOTE]
    assert_clean(result)


@pytest.mark.parametrize("suffix", CELL_FORMATS)
def test_pair_after_one_cell_and_one_cell_after_pair_agree(tmp_path: Path, suffix: str) -> None:
    """The one-cell form first, then the pair: the first stands, the pair is quoted; the same unit twice is no note."""
    result = run(project([((f"预算单位：{FIRST_UNIT}", 4),), ("实施单位", (SECOND_UNIT, 3))]), tmp_path, suffix)
    assert result.filing["projects"][0]["budget_unit"] == FIRST_UNIT
    assert result.filing["projects"][0]["notes"] == [PAIR_NOTE]
    assert_clean(result)
    (tmp_path / "same").mkdir()
    same = run(project([("预算单位", (FIRST_UNIT, 3)), ("实施单位", (FIRST_UNIT, 3))]), tmp_path / "same", suffix)
    assert same.filing["projects"][0]["budget_unit"] == FIRST_UNIT and "notes" not in same.filing["projects"][0]
    assert_clean(same)


# --- 3. the 预算年度 the form writes ---------------------------------------------------------------------

def year_note(label: str, value: str, other: str, used: str, year: int, why: str) -> dict[str, str]:
    return {"field": "fiscal_year", "text": f"原表的“{label}”为“{value}”，与{other}不一致；编者按{used}录入为 {year} 年度"
                                            f"（{why}）。"}


@pytest.mark.parametrize("suffix", LINE_FORMATS)
def test_year_line_differing_from_the_option_is_noted(tmp_path: Path, suffix: str) -> None:
    result = run(form(["预算年度：2025"]), tmp_path, suffix, year=2026)
    assert written(result)["fiscal_year"] == 2026
    assert result.filing["notes"] == [year_note("预算年度", "2025", "编者指定的预算年度 2026", "指定的年度",
                                                2026, "编者指定的年度优先于原表所写")]
    assert_clean(result)


@pytest.mark.parametrize("suffix", CELL_FORMATS)
def test_year_cell_differing_from_the_title_is_noted(tmp_path: Path, suffix: str) -> None:
    result = run(cells([("部门名称", DEPARTMENT), ("预算年度", "2025年")]), tmp_path, suffix, year=None)
    assert written(result)["fiscal_year"] == 2026
    assert result.filing["notes"] == [year_note("预算年度", "2025年", f"标题“{TITLE}”中的 2026 年", "标题", 2026,
                                                "导入先取标题中的年度")]
    assert_clean(result)


@pytest.mark.parametrize("suffix", [*LINE_FORMATS, *CELL_FORMATS])
def test_year_agreeing_is_no_note(tmp_path: Path, suffix: str) -> None:
    blocks = form(["年度：2026"]) if suffix in LINE_FORMATS else cells([("部门名称", DEPARTMENT), ("预算年度", "2026年")])
    result = run(blocks, tmp_path, suffix, year=None)
    assert written(result)["fiscal_year"] == 2026 and "notes" not in result.filing
    assert_clean(result)


@pytest.mark.parametrize("suffix", [*LINE_FORMATS, *CELL_FORMATS])
def test_form_year_used_without_option_or_title_year(tmp_path: Path, suffix: str) -> None:
    """Neither --year nor the title says the year: the form's 预算年度 is it, as filed, without a judgement."""
    blocks = form(["预算年度：2026"], title=UNDATED_TITLE) if suffix in LINE_FORMATS \
        else cells([("部门名称", DEPARTMENT), ("预算年度", "2026年")], title=UNDATED_TITLE)
    result = run(blocks, tmp_path, suffix, year=None)
    assert written(result)["fiscal_year"] == 2026 and result.filing["title"] == UNDATED_TITLE
    assert "notes" not in result.filing
    assert_clean(result)


def test_year_as_the_label_of_a_one_cell_row(tmp_path: Path) -> None:
    result = run(form(["年度：2025\u3000填报人：张三"], rows=True, title=UNDATED_TITLE), tmp_path, "docx", year=None)
    assert written(result)["fiscal_year"] == 2025 and written(result)["contact"] == {"filer": "张三"}
    assert "notes" not in result.filing
    assert_clean(result)
