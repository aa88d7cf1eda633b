"""`gongkai import` of an indicator table whose value head is merged over sub-heads, copied as text.

A form may merge its value head over two (or three) sub-heads on the row below: "一级指标 | 二级指标 | 三级指标 | 指标值
(over two) | 备注" over "| | | 中期 | 年度 |" (or "调整前 | 调整后", "上年 | 本年", "2025年 | 2026年", "符号 | 数值 |
单位"). From .xlsx/.docx/.html every cell keeps its column. Copied as text (a web page's or Word's table pasted into
a .txt, as the seeds in content/sources are) the merged range's slots are dropped or left empty: the head stands in
one slot and the sub-heads, their row's merged-down labels dropped, come left-packed, right-aligned or in place; a
table saved a cell per line (content/sources/003_*) does the same. Before, the sub-head row was read as an indicator
of its own (value "中期", remark "年度"), each row's second value went into `remark`, and nothing was listed: silent
misplacement; for a 绩效目标调整表 the 调整前 value was published as the target; under "符号 | 数值 | 单位" the table's
level labels were lost. Now a row of sub-heads alone under a single value head is spread under it, in order, the head
widened over as many slots (`indicators.spread_sub_heads`), whatever slots the copy kept.

"指标值" over "上年 | 本年" was not read from any format: the 上年 value was published as the target, 本年 and its
values listed as not recognised. 本年 under a value head is the year's value, as 年度 and 当年 are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_adjust_monitor import SPLIT_READ, replaced, split_value_head, without_field
from tests.test_import_tasks import as_written, copied_text, write


def imported_text(text: str, tmp_path: Path) -> ImportResult:
    source = tmp_path / "原表.txt"
    source.write_text(text, encoding="utf-8")
    return import_new(source, tmp_path, "jyj", year=2026)


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"表.{suffix}"), tmp_path, "jyj", year=2026)


def per_line(text: str) -> str:
    """The text as a table saved a cell per line reads (content/sources/003_*): each table row's cells on lines of
    their own, a Tab in front, a blank line after the row; a line without a Tab stays a paragraph."""
    lines: list[str] = []
    for line in text.splitlines():
        lines += [f"\t{cell}" for cell in line.split("\t")] + [""] if "\t" in line else [line]
    return "\n".join(lines) + "\n"


def indicator(level1: str, level2: str, name: str, value: str, **more: object) -> dict[str, object]:
    return {"level1": level1, "level2": level2, "name": name, "value": value, **more}


# --- 1. "指标值" over "中期 | 年度" ------------------------------------------------------------------------------------

TOP = ("2026年项目支出绩效目标表", "项目名称\t乡村学校少年宫", "主管部门\t某县教育局",
       "中期目标\t三年建设30所。\t年度目标\t建设10所。")
BODY = ("产出指标\t数量指标\t建设数量\t30所\t10所\t",
        "\t时效指标\t完工时间\t2028年底前\t2026年底前\t按期",
        "满意度指标\t服务对象满意度指标\t学生满意度\t≥90%\t≥95%\t")
# The header's two rows as copies give them: the merged slots dropped (the sub-heads left-packed), the head's slot
# dropped but the sub-heads' row keeping its empty slots (right-aligned, with or without the last), the head's slot
# kept but the sub-heads left-packed.
COPIES = {
    "left-packed": ("一级指标\t二级指标\t三级指标\t指标值\t备注", "中期\t年度"),
    "sub-heads in place": ("一级指标\t二级指标\t三级指标\t指标值\t备注", "\t\t\t中期\t年度\t"),
    "right-aligned": ("一级指标\t二级指标\t三级指标\t指标值\t备注", "\t\t\t中期\t年度"),
    "head's slot kept": ("一级指标\t二级指标\t三级指标\t指标值\t\t备注", "中期\t年度"),
}
PERIODS_READ = [
    {"id": "medium", "kind": "中期", "text": "三年建设30所。", "indicators": [
        indicator("产出指标", "数量指标", "建设数量", "30所"),
        indicator("产出指标", "时效指标", "完工时间", "2028年底前", remark="按期"),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%")]},
    {"id": "g2", "kind": "年度", "text": "建设10所。", "indicators": [
        indicator("产出指标", "数量指标", "建设数量", "10所"),
        indicator("产出指标", "时效指标", "完工时间", "2026年底前", remark="按期"),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%")]},
]


def periods_text(copy: str, head: tuple[str, str] = ("指标值", "中期\t年度")) -> str:
    header, subs = COPIES[copy]
    return "\n".join((*TOP, header.replace("指标值", head[0]), subs.replace("中期\t年度", head[1]), *BODY)) + "\n"


def goals(result: ImportResult) -> list[dict]:
    return as_written(result.filing["projects"][0]["goals"])


@pytest.mark.parametrize("copy", list(COPIES))
def test_指标值_over_中期_and_年度_copied_as_text(tmp_path: Path, copy: str) -> None:
    """Before: an indicator {level1: 产出指标, value: 中期, remark: 年度} in the 年度 goal, every row's 年度 value in its
    remark, the 中期 goal without indicators, nothing listed."""
    result = imported_text(periods_text(copy), tmp_path)
    assert goals(result) == PERIODS_READ
    assert not_placed(result) == []


@pytest.mark.parametrize("copy", ["left-packed", "right-aligned"])
def test_指标值_over_中期_and_年度_a_cell_per_line(tmp_path: Path, copy: str) -> None:
    """The same table saved a cell per line (003's layout): before, read as in a Tab-separated copy."""
    result = imported_text(per_line(periods_text(copy)), tmp_path)
    assert goals(result) == PERIODS_READ
    assert not_placed(result) == []


def test_实施期_over_its_value_heads_copied_as_text(tmp_path: Path) -> None:
    """"指标值" over "实施期指标值 | 年度指标值" (the value heads' own words): before, as with 中期 | 年度."""
    result = imported_text(periods_text("left-packed", ("指标值", "实施期指标值\t年度指标值")), tmp_path)
    assert [goal["indicators"] for goal in goals(result)] == [goal["indicators"] for goal in PERIODS_READ]
    assert not_placed(result) == []


# --- 2. the adjustment's "调整前 | 调整后" ------------------------------------------------------------------------------

ADJUSTED_LISTED = [
    ("调整原因", without_field("调整原因")), ("调整前", replaced("调整前")), ("≥2.5万人次", replaced("调整前")),
    ("资金压减", without_field("调整原因")), ("≥90%", replaced("调整前"))]


@pytest.mark.parametrize("lines", ["tabs", "per-line"])
def test_指标值_over_调整前_and_调整后_copied_as_text(tmp_path: Path, lines: str) -> None:
    """Before: the 调整前 value ≥2.5万人次 published as the target (the adjusted one in remark), an indicator whose
    value was "调整前", and nothing listed."""
    text = copied_text(split_value_head())
    result = imported_text(per_line(text) if lines == "per-line" else text, tmp_path)
    [goal] = result.filing["projects"][0]["goals"]
    assert goal["indicators"] == SPLIT_READ
    assert not_placed(result) == ADJUSTED_LISTED


# --- 3. "绩效目标值" over "符号 | 数值 | 单位" ----------------------------------------------------------------------------

def signed_form() -> list[FormBlock]:
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 6))
    t.add("主管部门", ("某县教育局", 6))
    t.add("年度绩效目标", ("建设乡村学校少年宫10所。", 6))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", ("绩效目标值", 3), "备注")
    t.add("", "", "", "符号", "数值", "单位", "")
    for column in (0, 1, 2, 6):
        t.merge_down(column, top, top + 1)
    t.add("产出指标", "数量指标", "建设数量", "≥", "10", "所", "")
    t.add("满意度指标", "服务对象满意度指标", "学生满意度", "≥", "90%", "", "抽样调查")
    return [FormText("2026年项目支出绩效目标表"), t]


SIGNED_READ = [indicator("产出指标", "数量指标", "建设数量", "10", value_type="≥", unit="所"),
               indicator("满意度指标", "服务对象满意度指标", "学生满意度", "90%", value_type="≥", remark="抽样调查")]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_绩效目标值_over_符号_数值_单位(tmp_path: Path, suffix: str) -> None:
    """Before, copied as text: indicators {level1: 符号, level2: 数值, name: 单位} and {level1: ≥, level2: 10, name:
    所}, every level label and name listed 未识别; the .xlsx read right (guard)."""
    result = imported(signed_form(), tmp_path, suffix)
    assert result.filing["projects"][0]["goals"][0]["indicators"] == SIGNED_READ
    assert not_placed(result) == []


# --- 4. "指标值" over "上年 | 本年", and over two years -------------------------------------------------------------

def years_form(earlier: str, own: str) -> list[FormBlock]:
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 5))
    t.add("主管部门", ("某县教育局", 5))
    t.add("年度目标", ("建设10所。", 5))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", ("指标值", 2), "备注")
    t.add("", "", "", earlier, own, "")
    for column in (0, 1, 2, 5):
        t.merge_down(column, top, top + 1)
    t.add("产出指标", "数量指标", "建设数量", "8所", "10所", "")
    t.add("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "≥95%", "抽样调查")
    return [FormText("2026年项目支出绩效目标表"), t]


YEARS_READ = [indicator("产出指标", "数量指标", "建设数量", "10所", prior={2025: "8所"}),
              indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", prior={2025: "≥90%"},
                        remark="抽样调查")]


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_指标值_over_上年_and_本年(tmp_path: Path, suffix: str) -> None:
    """Before (every format): 8所 (上年's) published as the target, an indicator whose value was "上年", and "本年" with
    its values listed as not recognised."""
    result = imported(years_form("上年", "本年"), tmp_path, suffix)
    assert as_written(result.filing["projects"][0]["goals"][0]["indicators"]) == YEARS_READ
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_指标值_over_two_years(tmp_path: Path, suffix: str) -> None:
    """"指标值" over "2025年 | 2026年". Before, copied as text: 一级 labels read as 2025's values, the 二级 labels listed
    as a second value, names lost; the .xlsx read right (guard)."""
    result = imported(years_form("2025年", "2026年"), tmp_path, suffix)
    assert as_written(result.filing["projects"][0]["goals"][0]["indicators"]) == YEARS_READ
    assert not_placed(result) == []


# --- 5. 绩效指标 over the levels, and a label column beside the table ---------------------------------------------

def grouped_form(value: tuple[str, int] = ("指标值", 2), subs: tuple[str, ...] = ("中期", "年度")) -> list[FormBlock]:
    """"绩效指标" merged over 一级指标 | 二级指标 | 三级指标 on the row below, the value head beside it merged over
    `subs` (or down, with none), 备注 merged down."""
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 3 + value[1]))
    t.add("主管部门", ("某县教育局", 3 + value[1]))
    t.add("中期目标", ("三年建设30所。", 2), "年度目标", ("建设10所。", value[1] + 1))
    top = len(t.rows)
    t.add(("绩效指标", 3), value, "备注")
    t.add("一级指标", "二级指标", "三级指标", *(subs or ("",)), "")
    t.merge_down(3 + value[1], top, top + 1)
    if not subs:
        t.merge_down(3, top, top + 1)
    return [FormText("2026年项目支出绩效目标表"), t]


def grouped_rows(blocks: list[FormBlock], *rows: tuple[str, ...]) -> list[FormBlock]:
    table = blocks[-1]
    assert isinstance(table, FormTable)
    for row in rows:
        table.add(*row)
    return blocks


GROUPED_PERIODS = [("产出指标", "数量指标", "建设数量", "30所", "10所", ""),
                   ("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "≥95%", "抽样调查")]
GROUPED_READ = [
    [indicator("产出指标", "数量指标", "建设数量", "30所"),
     indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", remark="抽样调查")],
    [indicator("产出指标", "数量指标", "建设数量", "10所"),
     indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", remark="抽样调查")]]


@pytest.mark.parametrize("lines", ["tabs", "per-line"])
def test_绩效指标_over_the_levels_beside_指标值_over_中期_and_年度(tmp_path: Path, lines: str) -> None:
    """Copied: "绩效指标 | 指标值 | 备注" over "一级指标 | 二级指标 | 三级指标 | 中期 | 年度". Before: indicators
    {value: 一级指标, remark: 二级指标}, {value: 产出指标, remark: 数量指标} …, names and values listed 未识别."""
    text = copied_text(grouped_rows(grouped_form(), *GROUPED_PERIODS))
    result = imported_text(per_line(text) if lines == "per-line" else text, tmp_path)
    assert [goal["indicators"] for goal in goals(result)] == GROUPED_READ
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_绩效指标_over_the_levels_beside_指标值_merged_down(tmp_path: Path, suffix: str) -> None:
    """Copied: "绩效指标 | 指标值 | 备注" over "一级指标 | 二级指标 | 三级指标". Before: 10所 listed 未识别 and the
    second row read one column off (level1 学生满意度, level2 ≥95%, name 抽样调查); the .xlsx read right (guard)."""
    blocks = grouped_rows(grouped_form(("指标值", 1), ()), ("产出指标", "数量指标", "建设数量", "10所", ""),
                          ("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", "抽样调查"))
    result = imported(blocks, tmp_path, suffix)
    assert goals(result)[-1]["indicators"] == GROUPED_READ[1]
    assert not_placed(result) == []


def test_绩效指标_over_the_levels_beside_符号_数值_单位(tmp_path: Path) -> None:
    """Copied: "绩效指标 | 绩效目标值 | 备注" over "一级指标 | 二级指标 | 三级指标 | 符号 | 数值 | 单位". Before: no
    indicator read right, every level, name and figure listed 未识别."""
    blocks = grouped_rows(grouped_form(("绩效目标值", 3), ("符号", "数值", "单位")),
                          ("产出指标", "数量指标", "建设数量", "≥", "10", "所", ""),
                          ("满意度指标", "服务对象满意度指标", "学生满意度", "≥", "90%", "", "抽样调查"))
    result = imported(blocks, tmp_path, "txt")
    assert goals(result)[-1]["indicators"] == SIGNED_READ
    assert not_placed(result) == []


def test_label_column_beside_指标值_over_中期_and_年度(tmp_path: Path) -> None:
    """安徽's layout: "绩效指标" merged down beside the table, "指标值" over "中期 | 年度". Before, copied: an indicator
    {level1: 数量指标, name: 中期, value: 年度}, the 30所 read as a name, level labels listed 未识别."""
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 5))
    t.add("主管部门", ("某县教育局", 5))
    t.add("中期目标", ("三年建设30所。", 2), "年度目标", ("建设10所。", 2))
    top = len(t.rows)
    t.add("绩效指标", "一级指标", "二级指标", "三级指标", ("指标值", 2))
    t.add("", "", "", "", "中期", "年度")
    for row in GROUPED_PERIODS:
        t.add("", *row[:5])
    t.merge_down(0, top, top + 3)
    for column in (1, 2, 3):
        t.merge_down(column, top, top + 1)
    result = imported([FormText(TOP[0]), t], tmp_path, "txt")
    assert [goal["indicators"] for goal in goals(result)] == [
        [{k: v for k, v in i.items() if k != "remark"} for i in indicators] for indicators in GROUPED_READ]
    assert not_placed(result) == []


# --- 6. guards: what read right and must stay right ----------------------------------------------------------------

def test_slots_kept_as_tabs_stay_read(tmp_path: Path) -> None:
    """A copy that keeps every empty slot ("指标值\t\t备注" over "\t\t\t中期\t年度\t") read right before."""
    text = "\n".join((*TOP, "一级指标\t二级指标\t三级指标\t指标值\t\t备注", "\t\t\t中期\t年度\t", *BODY)) + "\n"
    result = imported_text(text, tmp_path)
    assert goals(result) == PERIODS_READ
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_中期_and_年度_from_a_grid_stay_read(tmp_path: Path, suffix: str) -> None:
    """A web page's table (colspan, rowspan) and Word's keep every cell in its column: read right before."""
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 5))
    t.add("主管部门", ("某县教育局", 5))
    t.add("中期目标", ("三年建设30所。", 2), "年度目标", ("建设10所。", 2))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", ("指标值", 2), "备注")
    t.add("", "", "", "中期", "年度", "")
    for column in (0, 1, 2, 5):
        t.merge_down(column, top, top + 1)
    for line in BODY:
        t.add(*line.split("\t"))
    result = imported([FormText(TOP[0]), t], tmp_path, suffix)
    assert goals(result) == PERIODS_READ
    assert not_placed(result) == []


def test_first_indicator_row_of_short_words_stays_an_indicator(tmp_path: Path) -> None:
    """A first indicator row whose value is a period's word ("当年", "年度") is no row of sub-heads: its labels and
    name say it is an indicator."""
    text = "\n".join((*TOP[:3], "年度目标\t按期建成。", "一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t时效指标\t资金拨付时间\t当年\t年度", "\t\t完工时间\t年度\t")) + "\n"
    result = imported_text(text, tmp_path)
    assert goals(result)[0]["indicators"] == [
        indicator("产出指标", "时效指标", "资金拨付时间", "当年", remark="年度"),
        indicator("产出指标", "时效指标", "完工时间", "年度")]
    assert not_placed(result) == []


def test_table_without_sub_heads_is_unchanged(tmp_path: Path) -> None:
    """One header row, copied as text: read as before."""
    text = "\n".join((*TOP[:3], "年度目标\t建设10所。", "一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t数量指标\t建设数量\t10所\t", "满意度指标\t服务对象满意度指标\t学生满意度\t≥95%\t抽样调查")) + "\n"
    result = imported_text(text, tmp_path)
    assert goals(result)[0]["indicators"] == [
        indicator("产出指标", "数量指标", "建设数量", "10所"),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", remark="抽样调查")]
    assert not_placed(result) == []
