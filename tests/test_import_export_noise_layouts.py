"""The text layouts of the other import tests (units, provinces, project and department exports, Excel text, copies)
as other programs and hands write the same text: the import must equal the clean text's, filing and 未放入 list.

1. Excel's 另存为“文本文件（制表符分隔）” writes every row up to the widest row of the sheet: a title, a sentence
   between the tables or a 落款 comes out as its text and a run of tabs ("2025年1月10日\\t\\t\\t\\t"), a blank line as
   tabs only. Before, such lines were read as rows of the table around them: a Hubei form's "年度目标：…" sentence,
   standing between the funds and the indicator tables, became the goal's title and the goal lost its text; a
   street office's 落款 under its form no longer dated the filing (filed_on / published_on lost, both lines listed
   as 未识别的段落). Now a padded line set off by blank lines (padded or not) or the text's start or end is the line.
   A one-cell row right under a table's rows (a group row) stays a row.
2. A row broken over two lines in a copy from a web page or a PDF, the first line ending with spaces (as a PDF
   reader leaves them at a line's end): the spaces stayed inside the joined cell ("某县交通运输局公路  \\n养护中心").
Guards: each layout with cleared cells written as spaces, a space after each cell, Windows line ends, GB18030 and a
byte-order mark imports the same.
Not tried: doubled tabs ("\\t\\t" for one empty column) — no program we know writes them; a trailing tab after each
row of a copy whose rows break over lines (no program known to write both).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.forms.imports import import_new, not_placed
from tests.test_import_project_exports import HENAN, SHANDONG, SICHUAN
from tests.test_import_unseen_excel_text import HUBEI_IN_YUAN, ONE_PRIOR_YEAR, tasks_form
from tests.test_import_unseen_provinces import HUNAN_LIST, JIANGXI_HALVES
from tests.test_import_unseen_units import SCHOOL, TOWNSHIP, street_form
from tests.test_import_wide_copies import BRIDGE_GOAL, ROAD_GOAL, WIDE_HEAD


def imported(written: bytes, folder: Path, kind: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The text imported from a folder of its own (year from the form): the filing and its 未放入 list."""
    folder.mkdir()
    source = folder / "原表.txt"
    source.write_bytes(written)
    result = import_new(source, folder, "dept", kind=kind, year=None)
    return result.filing, not_placed(result)


def excel_padded(text: str) -> bytes:
    """Every line, blank ones too, with tabs up to the widest line: Excel's tab-separated text of a sheet."""
    lines = text.split("\n")
    width = max(line.count("\t") for line in lines)
    return "\n".join(line + "\t" * (width - line.count("\t")) for line in lines).encode("utf-8")


def cells(change: Callable[[str], str]) -> Callable[[str], bytes]:
    """The text with `change` made to each cell of each tabbed line."""
    def written(text: str) -> bytes:
        return "\n".join("\t".join(change(cell) for cell in line.split("\t")) if "\t" in line else line
                         for line in text.split("\n")).encode("utf-8")
    return written


def lines_ending_in_spaces(text: str) -> bytes:
    return "\n".join(f"{line}  " if line else line for line in text.split("\n")).encode("utf-8")


STREET_SIGNED = street_form("成都市武侯区浆洗街街道办事处（盖章）", "2025年1月10日")
STREET_PUBLISHED = street_form("成都市武侯区浆洗街街道办事处　　二〇二五年二月十八日")
TASKS_SLOT_KEPT = tasks_form("\t金额合计\t\t765.50\t745.50\t20.00\t")

# The layouts an Excel sheet saved as text can be (a copy from a web page or a PDF is never padded).
SHEETS: dict[str, tuple[str, str]] = {
    "Hubei funds, a sentence between the tables": (HUBEI_IN_YUAN, "申报"),
    "a street office's 落款 over two lines": (STREET_SIGNED, "申报"),
    "a street office's 落款 on one line, published": (STREET_PUBLISHED, "公开"),
    "a township's form": (TOWNSHIP, "申报"),
    "a school's project form": (SCHOOL, "申报"),
    "Jiangxi halves": (JIANGXI_HALVES, "申报"),
    "Hunan list with group rows": (HUNAN_LIST, "公开"),
    "Shandong goal over two rows": (SHANDONG, "申报"),
    "Sichuan carried over": (SICHUAN, "申报"),
    "Henan two projects": (HENAN, "申报"),
    "Hubei tasks": (TASKS_SLOT_KEPT, "申报"),
    "one prior year": (ONE_PRIOR_YEAR, "申报"),
}


@pytest.mark.parametrize("layout", SHEETS)
def test_a_sheet_saved_as_tab_separated_text_by_excel_imports_the_same(layout: str, tmp_path: Path) -> None:
    text, kind = SHEETS[layout]
    assert imported(excel_padded(text), tmp_path / "padded", kind) == imported(text.encode(), tmp_path / "clean", kind)


def test_the_sentence_between_padded_tables_is_the_goals_text(tmp_path: Path) -> None:
    """Before: goals[0] had the sentence as its title and no text."""
    filing, listed = imported(excel_padded(HUBEI_IN_YUAN), tmp_path / "padded", "申报")
    assert filing["goals"][0]["text"] == "年度目标：完成年度国土变更调查；完成耕地保护目标责任考核。"
    assert "title" not in filing["goals"][0] and listed == []


def test_a_padded_signature_dates_the_filing(tmp_path: Path) -> None:
    """Before: no filed_on; the two lines listed as 未识别的段落."""
    filing, listed = imported(excel_padded(STREET_SIGNED), tmp_path / "padded", "申报")
    assert filing["filed_on"] == dt.date(2025, 1, 10) and listed == []


# The copies of tests/test_import_wide_copies.py whose rows break over two lines.
BROKEN_LEFT = "\n".join(["2026年部门预算项目支出绩效目标表", "单位：万元", WIDE_HEAD,
                         "1\t农村公路养护工程\t某县交通运输局公路",
                         f"养护中心\t85.50\t{ROAD_GOAL}\t产出指标\t数量指标\t养护里程\t≥300公里",
                         "\t\t\t\t\t效益指标\t社会效益指标\t群众出行满意度\t≥90%",
                         f"2\t桥梁检测\t某县交通运输局\t20.00\t{BRIDGE_GOAL}\t产出指标\t数量指标\t检测桥梁数\t40座"]) + "\n"
BROKEN_RIGHT = "\n".join(["2026年部门预算项目支出表", "部门名称\t某县交通运输局", "单位：万元", "",
                          "项目名称\t预算单位\t项目金额\t年度绩效目标\t备注",
                          "农村公路养护工程\t某县交通运输局\t85.50\t完成农村公路养护", "300公里\t",
                          f"桥梁检测\t某县交通运输局\t20.00\t{BRIDGE_GOAL}\t"]) + "\n"
COPIES = {"broken left of the middle": (BROKEN_LEFT, "budget_unit", "某县交通运输局公路\n养护中心"),
          "broken right of the middle": (BROKEN_RIGHT, "goals", [{"id": "annual", "kind": "年度",
                                                                 "text": "完成农村公路养护\n300公里"}])}


@pytest.mark.parametrize("noise", [lines_ending_in_spaces, cells(lambda cell: f"{cell} " if cell else cell)],
                         ids=["lines ending in spaces", "a space after each filled cell"])
@pytest.mark.parametrize("copy", COPIES)
def test_a_broken_cell_is_joined_without_the_spaces_at_the_break(copy: str, noise: Callable[[str], bytes],
                                                                   tmp_path: Path) -> None:
    """Before: "某县交通运输局公路  \\n养护中心", the spaces ending the line kept inside the cell."""
    text, field, value = COPIES[copy]
    filing, listed = imported(noise(text), tmp_path / "noisy", "申报")
    assert filing["projects"][0][field] == value
    assert (filing, listed) == imported(text.encode(), tmp_path / "clean", "申报")


GUARD_NOISES: dict[str, Callable[[str], bytes]] = {
    "cleared cells as a space": cells(lambda cell: cell or " "),
    "cleared cells as an ideographic space": cells(lambda cell: cell or "\u3000"),
    "a space after each filled cell": cells(lambda cell: f"{cell} " if cell else cell),
    "lines ending in spaces": lines_ending_in_spaces,
    "Windows line ends": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "GB18030": lambda text: text.encode("gb18030"),
    "a byte-order mark": lambda text: text.encode("utf-8-sig"),
}


@pytest.mark.parametrize("noise", GUARD_NOISES)
@pytest.mark.parametrize("layout", ["Hubei funds, a sentence between the tables", "a street office's 落款 over two lines",
                                    "Hunan list with group rows", "Shandong goal over two rows", "Hubei tasks"])
def test_guard_a_layout_written_another_way_imports_the_same(layout: str, noise: str, tmp_path: Path) -> None:
    text, kind = SHEETS[layout]
    assert imported(GUARD_NOISES[noise](text), tmp_path / "noisy", kind) == imported(text.encode(),
                                                                                     tmp_path / "clean", kind)
