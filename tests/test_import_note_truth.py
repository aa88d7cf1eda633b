"""The editor's notes an import writes are published beside the figures: each must be true of the department's form.

1. Text copied from a web page drops the slots of the 一级/二级 labels merged down from the rows above ("农技培训人次 |
   ≥500人次 | 计划标准" under 产出指标 | 数量指标). Every copy of a merged table has such rows; the form's cells were in
   their columns. Before, each such row was published with "原表此行单元格错位（……向左错位）", telling readers the
   department's form was out of order. A row short of the others by exactly the slots it moves right, read as that
   whole move (a name in the 三级指标 column, only labels left of it), now carries no note. A row that really slid (as
   wide as the others, its cells out of their columns) keeps its note.
2. A 绩效目标调整表 got no filing note, while a 自评表 and a 监控表 do: a reader comparing the published targets with
   the year's first ones could not tell they are the adjusted ones. It now says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormText
from tests.test_import_adjust_monitor import project_adjustment, project_monitoring, MONITORING_NOTE
from tests.test_import_tasks import write


def copied(tmp_path: Path, *lines: str) -> ImportResult:
    """A 部门整体 form's text as copied from the department's web page, imported as a .txt."""
    source = tmp_path / "原表.txt"
    head = ["2026年部门整体绩效目标表", "", "部门名称\t某县农业农村局", "年度目标\t完成高标准农田建设。", ""]
    source.write_text("\n".join([*head, *lines]) + "\n", encoding="utf-8")
    return import_new(source, tmp_path, "nyj", year=2026)


def indicator(level1: str, level2: str, name: str, value: str, basis: str, **more: Any) -> dict[str, Any]:
    return {"level1": level1, "level2": level2, "name": name, "value": value, **more, "basis": basis}


def indicators(result: ImportResult) -> list[dict[str, Any]]:
    [goal] = result.filing["goals"]
    return goal["indicators"]


HEADER = "一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据"
READ = [indicator("产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "计划标准"),
        indicator("产出指标", "数量指标", "农技培训人次", "≥500人次", "计划标准"),
        indicator("产出指标", "质量指标", "工程验收合格率", "100%", "行业标准"),
        indicator("产出指标", "时效指标", "项目完成时间", "2026年12月底前", "计划标准"),
        indicator("效益指标", "社会效益指标", "带动农民增收", "≥300元/人", "历史标准"),
        indicator("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "计划标准")]


# --- 1. rows short by the slots of merged labels ----------------------------------------------------------------------

@pytest.mark.parametrize("end", ["", "\t"], ids=["no-trailing-tab", "empty-last-cell-kept"])
def test_rows_under_merged_labels_of_a_web_copy_carry_no_shift_note(tmp_path: Path, end: str) -> None:
    """Before: 农技培训人次 (both label slots dropped), 工程验收合格率 and 项目完成时间 (the 一级 slot dropped) were each
    published with "原表此行单元格错位（内容止于第3列，通常止于第5列，向左错位）…". The values are unchanged."""
    header = HEADER + ("\t备注" if end else "")
    result = copied(tmp_path, header,
                    f"产出指标\t数量指标\t新建高标准农田面积\t≥2万亩\t计划标准{end}",
                    f"农技培训人次\t≥500人次\t计划标准{end}",
                    f"质量指标\t工程验收合格率\t100%\t行业标准{end}",
                    f"时效指标\t项目完成时间\t2026年12月底前\t计划标准{end}",
                    f"效益指标\t社会效益指标\t带动农民增收\t≥300元/人\t历史标准{end}",
                    f"满意度指标\t服务对象满意度指标\t受益农户满意度\t≥90%\t计划标准{end}")
    assert indicators(result) == READ
    assert not_placed(result) == []  # the empty 备注 column is the indicators' remark: nothing to list


def test_rows_under_merged_labels_with_prior_years_carry_no_shift_note(tmp_path: Path) -> None:
    """The header under 指标值 splits into 近两年指标值 (2024年 | 2025年) and 预期当年实现值 (the copy keeps the header's
    slots, drops the data rows' merged ones). Before: the two short rows carried a shift note each."""
    result = copied(tmp_path, "一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据",
                    "\t\t\t近两年指标值\t\t预期当年实现值\t",
                    "\t\t\t2024年\t2025年\t\t",
                    "产出指标\t数量指标\t新建高标准农田面积\t1.8万亩\t1.9万亩\t≥2万亩\t计划标准",
                    "农技培训人次\t450人次\t\t≥500人次\t计划标准",
                    "质量指标\t工程验收合格率\t100%\t100%\t100%\t行业标准",
                    "满意度指标\t服务对象满意度指标\t受益农户满意度\t90%\t91%\t≥90%\t计划标准")
    assert indicators(result) == [
        indicator("产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "计划标准",
                  prior={2024: "1.8万亩", 2025: "1.9万亩"}),
        indicator("产出指标", "数量指标", "农技培训人次", "≥500人次", "计划标准", prior={2024: "450人次"}),
        indicator("产出指标", "质量指标", "工程验收合格率", "100%", "行业标准", prior={2024: "100%", 2025: "100%"}),
        indicator("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "计划标准", prior={2024: "90%", 2025: "91%"})]
    assert not_placed(result) == []


def test_excel_copy_keeping_every_slot_has_no_note(tmp_path: Path) -> None:
    """Guard: Excel's copy keeps a merged label's slots as empty cells: every row is in its columns, no note."""
    result = copied(tmp_path, HEADER,
                    "产出指标\t数量指标\t新建高标准农田面积\t≥2万亩\t计划标准",
                    "\t\t农技培训人次\t≥500人次\t计划标准",
                    "\t质量指标\t工程验收合格率\t100%\t行业标准",
                    "\t时效指标\t项目完成时间\t2026年12月底前\t计划标准",
                    "效益指标\t社会效益指标\t带动农民增收\t≥300元/人\t历史标准",
                    "满意度指标\t服务对象满意度指标\t受益农户满意度\t≥90%\t计划标准")
    assert indicators(result) == READ


def test_a_row_that_really_slid_keeps_its_note(tmp_path: Path) -> None:
    """Guard: a row as wide as the others whose cells sit one column left of theirs (Excel's copy kept every slot, so no
    merge explains it): the form itself was out of order there, and the note says so."""
    result = copied(tmp_path, HEADER,
                    "产出指标\t数量指标\t新建高标准农田面积\t≥2万亩\t计划标准",
                    "\t\t农技培训人次\t≥500人次\t计划标准",
                    "\t农机作业面积\t≥1万亩\t计划标准\t",
                    "效益指标\t社会效益指标\t带动农民增收\t≥300元/人\t历史标准")
    assert indicators(result)[2] == indicator(
        "产出指标", "数量指标", "农机作业面积", "≥1万亩", "计划标准",
        notes=[{"text": "原表此行单元格错位（内容止于第4列，通常止于第5列，向左错位）；编者按单元格顺序读作三级指标、指标值、"
                        "指标值确定依据。"}])


def test_a_row_with_a_blank_label_slot_of_its_own_keeps_its_note(tmp_path: Path) -> None:
    """Guard: in a web copy that dropped the merged slots, a row that still has a blank cell in the 一级 column and its
    name in the 二级 column is not explained by a dropped merge alone (the 鄂州 export): it keeps its note."""
    result = copied(tmp_path, HEADER,
                    "产出指标\t数量指标\t新建高标准农田面积\t≥2万亩\t计划标准",
                    "\t农技培训人次\t≥500人次\t计划标准",
                    "效益指标\t社会效益指标\t带动农民增收\t≥300元/人\t历史标准")
    assert [n["text"][:9] for n in indicators(result)[1].pop("notes")] == ["原表此行单元格错位"]
    assert indicators(result)[1] == indicator("产出指标", "数量指标", "农技培训人次", "≥500人次", "计划标准")


def test_a_really_slid_row_names_last_years_column_as_the_form_does(tmp_path: Path) -> None:
    """Guard (moved here from test_import_indicator_variants, whose row now carries no note): a slid row's note names
    the column 上年指标值 as the form does, never the marker the reader keeps until the filing's year is known."""
    result = copied(tmp_path, "一级指标\t二级指标\t三级指标\t指标值\t上年指标值",
                    "产出指标\t数量指标\t养护里程\t≥50公里\t≥45公里",
                    "\t路面合格率\t≥95%\t≥93%\t")
    assert indicators(result)[1] == {
        "level1": "产出指标", "level2": "数量指标", "name": "路面合格率", "value": "≥95%", "prior": {2025: "≥93%"},
        "notes": [{"text": "原表此行单元格错位（内容止于第4列，通常止于第5列，向左错位）；编者按单元格顺序读作三级指标、指标值、"
                           "上年指标值。"}]}


# --- 2. the 绩效目标调整表 says so ------------------------------------------------------------------------------------

ADJUSTMENT_NOTE = "原表是绩效目标调整表。本网站公开的是调整后的绩效目标：编者录入调整后的一栏，调整前的内容未录入。"


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_an_adjustment_form_says_its_targets_are_the_adjusted_ones(tmp_path: Path, suffix: str) -> None:
    """Before: no filing note; the site showed ≥40公里 with nothing saying the year's first target was ≥50公里."""
    result = import_new(write(project_adjustment(), tmp_path / f"表.{suffix}"), tmp_path, "jt", year=2026)
    assert result.filing["notes"] == [{"text": ADJUSTMENT_NOTE}]
    assert result.remarks == (ADJUSTMENT_NOTE + "调整前的内容逐项列在导入报告的“未放入”中。",)


def test_an_untitled_adjustment_says_it_by_its_columns(tmp_path: Path) -> None:
    """Without the title, the 调整前 columns listed tell it."""
    blocks = [block for block in project_adjustment() if not isinstance(block, FormText)]
    result = import_new(write(blocks, tmp_path / "表.xlsx"), tmp_path, "jt", year=2026)
    assert result.filing["notes"][0] == {
        "text": "原表带有绩效目标调整的内容（调整前、调整后）。本网站公开的是调整后的绩效目标：编者录入调整后的一栏，"
                "调整前的内容未录入。"}


def test_monitoring_and_target_forms_get_no_adjustment_note(tmp_path: Path) -> None:
    """Guard: a 监控表 (its 调整后预算数 is monitoring) keeps its own note only; a target form without adjustment has none."""
    monitoring = import_new(write(project_monitoring(), tmp_path / "表.xlsx"), tmp_path, "jt", year=2026)
    assert monitoring.filing["notes"] == [{"text": MONITORING_NOTE}]
    (tmp_path / "plain").mkdir()
    plain = copied(tmp_path / "plain", HEADER, "产出指标\t数量指标\t新建高标准农田面积\t≥2万亩\t计划标准")
    assert not any("调整" in note["text"] for note in plain.filing.get("notes", []))
