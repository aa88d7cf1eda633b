"""`gongkai import` of an indicator table with two heads each merged over the same sub-heads.

"一级指标 | 二级指标 | 三级指标 | 指标值 (over two) | 分值 (over two) | 备注" over "| | | 上年 | 本年 | 上年 | 本年 |" (or
"2025年 | 2026年"), "指标值 | 实际完成值" over the years, "近两年指标值 | 近两年实际完成值" over "2024年 | 2025年" twice.
A careful transcriber writes the filing year's target as `value`, the earlier year's as `prior`, the year's 分值 as
the weight, and lists what has no field: the other year's 分值, the year's own 实际完成值 (a 自评 result), a second
value of a year `prior` holds already.

Before: from .xlsx/.docx/.html the sub-head row was read as an indicator named "上年" (分值's "本年" is no head of its
own, so the header stopped at its first row); over "2025年 | 2026年" the scores were published as the values and the
targets lost; the 实际完成值 years silently replaced the 指标值 years in `prior`. Copied as text (a word said twice is
no one head's sub-heads) every row was read one column off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, copied_text, write
from tests.test_import_value_subheads import per_line


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"表.{suffix}"), tmp_path, "jyj", year=2026)


def imported_text(text: str, tmp_path: Path) -> ImportResult:
    source = tmp_path / "原表.txt"
    source.write_text(text, encoding="utf-8")
    return import_new(source, tmp_path, "jyj", year=2026)


def indicators(result: ImportResult) -> list[dict[str, object]]:
    return as_written(result.filing["projects"][0]["goals"][0]["indicators"])


def indicator(level1: str, level2: str, name: str, value: str, **more: object) -> dict[str, object]:
    return {"level1": level1, "level2": level2, "name": name, "value": value, **more}


def twin_form(first: str, second: str, subs: tuple[str, str],
              rows: list[tuple[str, ...]]) -> list[FormBlock]:
    """`first` and `second` each merged over `subs`, the level heads and 备注 merged down."""
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 7))
    t.add("主管部门", ("某县教育局", 7))
    t.add("年度目标", ("建设10所。", 7))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", (first, 2), (second, 2), "备注")
    t.add("", "", "", *subs, *subs, "")
    for column in (0, 1, 2, 7):
        t.merge_down(column, top, top + 1)
    for row in rows:
        t.add(*row)
    return [FormText("2026年项目支出绩效目标表"), t]


SCORED = [("产出指标", "数量指标", "建设数量", "8所", "10所", "20", "25", ""),
          ("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "≥95%", "10", "15", "抽样调查")]
SCORED_READ = [indicator("产出指标", "数量指标", "建设数量", "10所", prior={2025: "8所"}, weight="25"),
               indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", prior={2025: "≥90%"}, weight="15",
                         remark="抽样调查")]


def earlier_score(head: str, sub: str) -> str:
    return f"原表“{head}”下的“{sub}”一列不是本年度的{head}；文件格式中一个指标只录本年度的分值（权重），此列未录入，请核对"


def scores_listed(head: str, sub: str) -> list[tuple[str, str]]:
    return [(text, earlier_score(head, sub)) for text in (sub, "20", "10")]


# --- 1. "指标值 | 分值" each over "上年 | 本年" (or the two years) ------------------------------------------------------

@pytest.mark.parametrize("suffix", ["xlsx", "docx", "html", "txt"])
def test_指标值_and_分值_over_上年_本年(tmp_path: Path, suffix: str) -> None:
    """Before: .xlsx/.docx/.html an indicator {value: 上年, weight: 上年}, each indicator's 上年 target and 上年 score as its
    value and weight, the 本年 ones listed 未识别; copied text read every row one column off (level1 8所 …)."""
    result = imported(twin_form("指标值", "分值", ("上年", "本年"), SCORED), tmp_path, suffix)
    assert indicators(result) == SCORED_READ
    assert not_placed(result) == scores_listed("分值", "上年")


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_指标值_and_分值_over_two_years(tmp_path: Path, suffix: str) -> None:
    """Before (.xlsx): the scores published as the values (value 25, prior 2025: 20), the targets silently lost."""
    result = imported(twin_form("指标值", "分值", ("2025年", "2026年"), SCORED), tmp_path, suffix)
    assert indicators(result) == SCORED_READ
    assert not_placed(result) == scores_listed("分值", "2025年")


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_分值_before_指标值_and_权重(tmp_path: Path, suffix: str) -> None:
    """The heads in the other order, and 权重(%) for 分值: read by what the heads say, not where they stand."""
    rows = [(a, b, c, s1, s2, v1, v2, r) for a, b, c, v1, v2, s1, s2, r in SCORED]
    result = imported(twin_form("权重(%)", "指标值", ("上年", "本年"), rows), tmp_path, suffix)
    assert indicators(result) == SCORED_READ
    assert not_placed(result) == scores_listed("权重(%)", "上年")


# Copied text keeps the merged slots differently: the sub-heads in place (the labels' slots kept), or each head's
# second slot kept and the sub-heads left-packed.
COPIES = {"sub-heads in place": ("一级指标\t二级指标\t三级指标\t指标值\t分值\t备注", "\t\t\t上年\t本年\t上年\t本年\t"),
          "heads' slots kept": ("一级指标\t二级指标\t三级指标\t指标值\t\t分值\t\t备注", "上年\t本年\t上年\t本年")}


@pytest.mark.parametrize("copy", [*COPIES, "a cell per line"])
def test_指标值_and_分值_copied_with_their_slots(tmp_path: Path, copy: str) -> None:
    text = copied_text(twin_form("指标值", "分值", ("上年", "本年"), SCORED)).splitlines()
    at = text.index("一级指标\t二级指标\t三级指标\t指标值\t分值\t备注")
    text[at:at + 2] = COPIES.get(copy, text[at:at + 2])
    joined = "\n".join(text) + "\n"
    result = imported_text(per_line(joined) if copy == "a cell per line" else joined, tmp_path)
    assert indicators(result) == SCORED_READ
    assert not_placed(result) == scores_listed("分值", "上年")


# --- 2. "指标值 | 实际完成值" each over "2025年 | 2026年" ---------------------------------------------------------------

ACHIEVED = [("产出指标", "数量指标", "建设数量", "8所", "10所", "9所", "", ""),
            ("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "≥95%", "92%", "", "抽样调查")]
ACHIEVED_READ = [indicator("产出指标", "数量指标", "建设数量", "10所", prior={2025: "8所"}),
                 indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", prior={2025: "≥90%"},
                           remark="抽样调查")]


def second_of_year(head: str, kept: str, sub: str) -> str:
    return (f"原表“{head}”下的“{sub}”一列与“{kept}”下的“{sub}”一列是同一年的往年指标值；文件格式中一个指标每年只录一项"
            f"往年指标值（prior），已按“{kept}”下的“{sub}”一列录入，此列未录入，请核对两列")


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_指标值_and_实际完成值_over_two_years(tmp_path: Path, suffix: str) -> None:
    """Before (.xlsx/.docx): 2025's 实际完成值 (9所) silently replaced its 指标值 (8所) in prior; copied text: one
    indicator {value: 8所, prior 2025: 建设数量, remark: 9所}, the rest listed 未识别."""
    result = imported(twin_form("指标值", "实际完成值", ("2025年", "2026年"), ACHIEVED), tmp_path, suffix)
    assert indicators(result) == ACHIEVED_READ
    earlier = second_of_year("实际完成值", "指标值", "2025年")
    own = "原表“实际完成值（2026年）”属于绩效自评（自评表中的完成情况和评分），文件格式只录入绩效目标，没有对应的字段，未录入"
    assert not_placed(result) == [("2025年", earlier), ("2026年", own), ("9所", earlier), ("92%", earlier)]


# --- 3. "近两年指标值 | 近两年实际完成值" each over the same two years ---------------------------------------------------

def groups_form(rows: int) -> list[FormBlock]:
    """The two group heads on the header's first row beside 指标值 merged down (rows=2), or under 指标值 merged
    across beside 预期当年实现值 merged down (rows=3)."""
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 7))
    t.add("主管部门", ("某县教育局", 7))
    t.add("年度目标", ("建设10所。", 7))
    top = len(t.rows)
    if rows == 2:
        t.add("一级指标", "二级指标", "三级指标", ("近两年指标值", 2), ("近两年实际完成值", 2), "指标值", "备注")
        t.add("", "", "", "2024年", "2025年", "2024年", "2025年", "", "")
        for column in (0, 1, 2, 7, 8):
            t.merge_down(column, top, top + 1)
    else:
        t.add("一级指标", "二级指标", "三级指标", ("指标值", 5), "备注")
        t.add("", "", "", ("近两年指标值", 2), ("近两年实际完成值", 2), "预期当年实现值", "")
        t.add("", "", "", "2024年", "2025年", "2024年", "2025年", "", "")
        for column in (0, 1, 2, 8):
            t.merge_down(column, top, top + 2)
        t.merge_down(7, top + 1, top + 2)
    t.add("产出指标", "数量指标", "建设数量", "6所", "8所", "6所", "9所", "10所", "")
    t.add("满意度指标", "服务对象满意度指标", "学生满意度", "≥85%", "≥90%", "88%", "92%", "≥95%", "抽样调查")
    return [FormText("2026年项目支出绩效目标表"), t]


@pytest.mark.parametrize("rows", [2, 3])
@pytest.mark.parametrize("suffix", ["xlsx", "docx", "txt"])
def test_two_group_heads_over_the_same_years(tmp_path: Path, suffix: str, rows: int) -> None:
    """Before: .xlsx/.docx the 实际完成值 years silently replaced the 指标值 years in prior (2025: 9所, not 8所) and
    prior_years said [2024, 2025, 2024, 2025]; copied text read every row off (prior 2024: 建设数量 …)."""
    result = imported(groups_form(rows), tmp_path, suffix)
    goal = result.filing["projects"][0]["goals"][0]
    assert indicators(result) == [
        indicator("产出指标", "数量指标", "建设数量", "10所", prior={2024: "6所", 2025: "8所"}),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", prior={2024: "≥85%", 2025: "≥90%"},
                  remark="抽样调查")]
    assert goal["prior_years"] == [2024, 2025]
    first, second = (second_of_year("近两年实际完成值", "近两年指标值", year) for year in ("2024年", "2025年"))
    assert not_placed(result) == [("2024年", first), ("2025年", second), ("6所", first), ("9所", second),
                                  ("88%", first), ("92%", second)]


# --- 4. Guards: one head over its sub-heads beside 分值 merged down ------------------------------------------------

def one_head_form(subs: tuple[str, str]) -> list[FormBlock]:
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 5))
    t.add("主管部门", ("某县教育局", 5))
    t.add("年度目标", ("建设10所。", 5))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", ("指标值", 2), "分值")
    t.add("", "", "", *subs, "")
    for column in (0, 1, 2, 5):
        t.merge_down(column, top, top + 1)
    t.add("产出指标", "数量指标", "建设数量", "8所", "10所", "25")
    t.add("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "≥95%", "15")
    return [FormText("2026年项目支出绩效目标表"), t]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_指标值_over_上年_本年_beside_分值_merged_down(tmp_path: Path, suffix: str) -> None:
    """Guard: two sub-heads under the one value head, 分值 merged down, are no twin heads' shares."""
    result = imported(one_head_form(("上年", "本年")), tmp_path, suffix)
    assert indicators(result) == [
        indicator("产出指标", "数量指标", "建设数量", "10所", prior={2025: "8所"}, weight="25"),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", prior={2025: "≥90%"}, weight="15")]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_指标值_over_2025_2026_beside_分值_merged_down(tmp_path: Path, suffix: str) -> None:
    """Guard: the years under the value head read as before (the filing's year the value, the earlier one prior)."""
    result = imported(one_head_form(("2025年", "2026年")), tmp_path, suffix)
    assert indicators(result) == [
        indicator("产出指标", "数量指标", "建设数量", "10所", prior={2025: "8所"}, weight="25"),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", prior={2025: "≥90%"}, weight="15")]
    assert not_placed(result) == []


def test_achieved_year_columns_of_different_years_stay_prior(tmp_path: Path) -> None:
    """Guard: "2024年实际完成值 | 2025年实际完成值 | 指标值": one column a year, each read into prior, nothing listed."""
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 5))
    t.add("主管部门", ("某县教育局", 5))
    t.add("一级指标", "二级指标", "三级指标", "2024年实际完成值", "2025年实际完成值", "指标值")
    t.add("产出指标", "数量指标", "建设数量", "6所", "9所", "10所")
    result = imported([FormText("2026年项目支出绩效目标表"), t], tmp_path, "xlsx")
    assert indicators(result) == [indicator("产出指标", "数量指标", "建设数量", "10所",
                                            prior={2024: "6所", 2025: "9所"})]
    assert not_placed(result) == []
