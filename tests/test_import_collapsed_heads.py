"""`gongkai import` of an indicator table whose header is three rows, copied as text from a web page.

A form may head its values with three rows: "一级指标 | 二级指标 | 三级指标 | 指标值 (merged over three) | 指标值确定依据"
over "| | | 近两年指标值 (merged over two) | 预期当年实现值 (merged down) |" over "| | | 2024年 | 2025年 | | |". From
.xlsx/.xls/.docx/.html every cell keeps its column. A browser's copy (a .txt, Tab-separated, as content/sources are)
drops every merged range's slots: the lower rows come as "近两年指标值 | 预期当年实现值" and "2024年 | 2025年", and each
row's merged-down 一级/二级 labels are dropped too. Before, the two-row spread (`spread_sub_heads`) did not apply (a group
head is no sub-head) and the rows were read by their cells' order: the 2024 value was "产出指标", 2025 "数量指标", names
"480人次", "100%", and most cells listed as not recognised. Now the three rows are put back as the form draws them
(`indicators.spread_value_groups`): each lower row's heads go under the one head above that spans them, the years
under the group head 近两年指标值, the group head and 预期当年实现值 under 指标值.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write
from tests.test_import_value_subheads import per_line

TITLE = "2026年部门整体绩效目标表"
HEADER = "一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据"
# The lower two header rows as copies give them: left-packed (a browser's copy), right-aligned (the merged-down heads'
# slots kept, the rest dropped), in place (every slot of the lower rows kept, the head's dropped); and the head's
# own slots kept with the lower rows left-packed (the reproduction left by tests/test_import_note_truth.py's round).
COPIES = {
    "left-packed": (HEADER, "近两年指标值\t预期当年实现值", "2024年\t2025年"),
    "right-aligned": (HEADER, "\t\t\t近两年指标值\t预期当年实现值", "\t\t\t2024年\t2025年"),
    "lower rows in place": (HEADER, "\t\t\t近两年指标值\t\t预期当年实现值\t", "\t\t\t2024年\t2025年\t\t"),
    "head's slots kept": (HEADER.replace("指标值\t", "指标值\t\t\t", 1), "近两年指标值\t预期当年实现值", "2024年\t2025年"),
}
# The data rows as the browser copies them: the 一级/二级 labels merged down are dropped on the rows below.
BODY = ("产出指标\t数量指标\t新建高标准农田面积\t1.8万亩\t1.9万亩\t≥2万亩\t计划标准",
        "农技培训人次\t450人次\t480人次\t≥500人次\t计划标准",
        "质量指标\t工程验收合格率\t100%\t100%\t100%\t行业标准",
        "效益指标\t社会效益指标\t带动农民增收\t250元\t280元\t≥300元/人\t历史标准",
        "满意度指标\t服务对象满意度指标\t受益农户满意度\t90%\t91%\t≥90%\t计划标准")


def indicator(level1: str, level2: str, name: str, value: str, prior: tuple[str, str], basis: str) -> dict:
    return {"level1": level1, "level2": level2, "name": name, "value": value,
            "prior": {2024: prior[0], 2025: prior[1]}, "basis": basis}


READ = [
    indicator("产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", ("1.8万亩", "1.9万亩"), "计划标准"),
    indicator("产出指标", "数量指标", "农技培训人次", "≥500人次", ("450人次", "480人次"), "计划标准"),
    indicator("产出指标", "质量指标", "工程验收合格率", "100%", ("100%", "100%"), "行业标准"),
    indicator("效益指标", "社会效益指标", "带动农民增收", "≥300元/人", ("250元", "280元"), "历史标准"),
    indicator("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", ("90%", "91%"), "计划标准"),
]


def copied(header: tuple[str, ...], body: tuple[str, ...] = BODY) -> str:
    return "\n".join((TITLE, "部门名称\t某某县农业农村局", "年度目标\t完成高标准农田建设。", *header, *body)) + "\n"


def imported_text(text: str, tmp_path: Path) -> ImportResult:
    source = tmp_path / "原表.txt"
    source.write_text(text, encoding="utf-8")
    return import_new(source, tmp_path, "nyj", year=2026)


def indicators(result: ImportResult) -> list[dict]:
    [goal] = result.filing["goals"]
    return as_written(goal["indicators"])


# --- the defect: the three-row header copied as text ----------------------------------------------------------------

@pytest.mark.parametrize("copy", list(COPIES))
def test_three_row_header_copied_from_a_web_page(tmp_path: Path, copy: str) -> None:
    """Before (left-packed): prior {2024: 产出指标, 2025: 数量指标} on the first indicator, indicators named "480人次" and
    "100%", the 2025 values and targets of most rows listed as not recognised."""
    result = imported_text(copied(COPIES[copy]), tmp_path)
    assert indicators(result) == READ
    assert not_placed(result) == []


def test_three_row_header_saved_a_cell_per_line(tmp_path: Path) -> None:
    """The same table saved a cell per line (content/sources/003_*'s layout): before, read as the Tab copy was."""
    result = imported_text(per_line(copied(COPIES["left-packed"])), tmp_path)
    assert indicators(result) == READ
    assert not_placed(result) == []


def test_relative_years_under_the_group_head(tmp_path: Path) -> None:
    """"前年 | 上年" under 近两年指标值 (the years by their relation to the filing's): before, as with 2024年 | 2025年."""
    header = (HEADER, "近两年指标值\t预期当年实现值", "前年\t上年")
    result = imported_text(copied(header), tmp_path)
    assert indicators(result) == READ
    assert not_placed(result) == []


def test_three_row_header_without_a_basis_column(tmp_path: Path) -> None:
    """No column right of the value head: the head is widened over its three slots all the same."""
    header = ("一级指标\t二级指标\t三级指标\t指标值", "近两年指标值\t预期当年实现值", "2024年\t2025年")
    body = tuple(row.rsplit("\t", 1)[0] for row in BODY)
    result = imported_text(copied(header, body), tmp_path)
    assert indicators(result) == [{k: v for k, v in item.items() if k != "basis"} for item in READ]
    assert not_placed(result) == []


# --- guards: the same form from files that keep every cell's column, and text that keeps every slot -----------------

def three_row_form() -> list[FormBlock]:
    t = FormTable()
    t.add("部门名称", ("某某县农业农村局", 6))
    t.add("年度目标", ("完成高标准农田建设。", 6))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", ("指标值", 3), "指标值确定依据")
    t.add("", "", "", ("近两年指标值", 2), "预期当年实现值", "")
    t.add("", "", "", "2024年", "2025年", "", "")
    for column in (0, 1, 2, 6):
        t.merge_down(column, top, top + 2)
    t.merge_down(5, top + 1, top + 2)
    first = len(t.rows)
    t.add("产出指标", "数量指标", "新建高标准农田面积", "1.8万亩", "1.9万亩", "≥2万亩", "计划标准")
    t.add("", "", "农技培训人次", "450人次", "480人次", "≥500人次", "计划标准")
    t.add("", "质量指标", "工程验收合格率", "100%", "100%", "100%", "行业标准")
    t.add("效益指标", "社会效益指标", "带动农民增收", "250元", "280元", "≥300元/人", "历史标准")
    t.add("满意度指标", "服务对象满意度指标", "受益农户满意度", "90%", "91%", "≥90%", "计划标准")
    t.merge_down(0, first, first + 2)
    t.merge_down(1, first, first + 1)
    return [FormText(TITLE), t]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "docx", "html", "txt"])
def test_three_row_header_in_every_format(tmp_path: Path, suffix: str) -> None:
    """The grid formats read right before; the .txt is the browser's copy of the same form (`copied_text`)."""
    result = import_new(write(three_row_form(), tmp_path / f"表.{suffix}"), tmp_path, "nyj", year=2026)
    assert indicators(result) == READ
    assert not_placed(result) == []


def test_three_row_header_copied_with_every_slot(tmp_path: Path) -> None:
    """A range copied from Excel keeps every slot of every row (read by column, as before)."""
    header = ("一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据", "\t\t\t近两年指标值\t\t预期当年实现值\t",
              "\t\t\t2024年\t2025年\t\t")
    body = ("产出指标\t数量指标\t新建高标准农田面积\t1.8万亩\t1.9万亩\t≥2万亩\t计划标准",
            "\t\t农技培训人次\t450人次\t480人次\t≥500人次\t计划标准",
            "\t质量指标\t工程验收合格率\t100%\t100%\t100%\t行业标准",
            "效益指标\t社会效益指标\t带动农民增收\t250元\t280元\t≥300元/人\t历史标准",
            "满意度指标\t服务对象满意度指标\t受益农户满意度\t90%\t91%\t≥90%\t计划标准")
    result = imported_text(copied(header, body), tmp_path)
    assert indicators(result) == READ
    assert not_placed(result) == []


def test_two_row_header_over_years_stays_as_read(tmp_path: Path) -> None:
    """"指标值" over "2025年 | 2026年" (two rows, no group head): still spread as two rows (`spread_sub_heads`), the row
    below it an indicator, not a third header row."""
    header = (HEADER, "2025年\t2026年")
    body = ("产出指标\t数量指标\t新建高标准农田面积\t1.9万亩\t≥2万亩\t计划标准",
            "满意度指标\t服务对象满意度指标\t受益农户满意度\t91%\t≥90%\t计划标准")
    result = imported_text(copied(header, body), tmp_path)
    assert indicators(result) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "新建高标准农田面积", "value": "≥2万亩",
         "prior": {2025: "1.9万亩"}, "basis": "计划标准"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "受益农户满意度", "value": "≥90%",
         "prior": {2025: "91%"}, "basis": "计划标准"}]
    assert not_placed(result) == []
