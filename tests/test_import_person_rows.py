"""`gongkai import` of a project list whose rows carry indicators with a person's columns, and of "分值" over
"中期 | 年度".

1. A project list with indicator rows (项目名称 … 年度绩效目标 | 一级指标 … 指标值) with a person's columns ("项目负责人 |
   联系电话", "经办人 | 手机", "项目负责人及联系方式"): before, the header was no list's and every project with its
   indicators was lost (each header and project cell listed). Now the list is read as without those columns, and their
   cells are listed as a person's data, as a plain list's are (tests/test_import_personal_data.py); never `contact`.
2. "指标值" over "中期 | 年度" beside "分值" over "中期 | 年度": before, the sub-head row was read as an indicator (value
   and weight "中期"), the 年度 values and 分值 listed 未识别. Now the values are the two goals' as under a lone 分值,
   the 年度 分值 is the 年度 indicators' weight and the 中期 分值 the 中期 indicators' (each goal's indicators their own).

Guards: a list with indicator rows and no person column, a lone 分值 merged down beside "指标值" over "中期 | 年度"
(the weight of both goals' indicators), "分值" over "上年 | 本年".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_project_rows import PROJECTS, TITLE, expected_projects, without_notes
from tests.test_import_tasks import as_written, write

FORMATS = ["xlsx", "docx", "txt"]
PERSONAL = re.compile(r"李四|王五|1[3-9]\d{9}|0571-|@")
PERSON_REASON = "是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"表.{suffix}"), tmp_path, "jyj", year=2026)


def published(value: Any) -> Iterator[str]:
    """Every text of the filing that is published (all but `contact`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from published(item) if key != "contact" else ()
    elif isinstance(value, list):
        for item in value:
            yield from published(item)
    elif isinstance(value, str):
        yield value


# --- 1. person columns in a project list with indicator rows ----------------------------------------------------------

PEOPLE = {"项目负责人|联系电话": (("李四", "13800001234"), ("王五", "0571-88886666")),
          "经办人|手机": (("李四", "13800001234"), ("王五", "13900005678")),
          "项目负责人及联系方式": (("李四 13800001234",), ("王五 lisi@example.com",))}


def person_rows_table(heads: tuple[str, ...], people: tuple[tuple[str, ...], ...], after: bool = False) -> FormTable:
    """The list of tests/test_import_project_rows.py with the person columns after the goal column (or, `after`, at
    the end, after 指标值), a project's cells merged down over its indicator rows."""
    own = ("项目名称", "预算单位", "项目金额", "年度绩效目标", *(() if after else heads))
    levels = ("一级指标", "二级指标", "三级指标", "指标值", *(heads if after else ()))
    table = FormTable()
    table.add("部门名称", "某市教育局", *[""] * (len(own) + len(levels) - 3), "单位：万元")
    table.add(*own, *levels)
    for (name, unit, total, goal, indicators), person in zip(PROJECTS, people):
        first = len(table.rows)
        for row, item in enumerate(indicators):
            cells = (name, unit, total, goal) if row == 0 else ("",) * 4
            mine = person if row == 0 else ("",) * len(heads)
            values = (item["level1"], item["level2"], item["name"], item["value"])
            table.add(*cells, *(values + mine if after else mine + values))
        for column in [*range(len(own)), *range(len(own) + 4, len(own) + len(levels))]:
            table.merge_down(column, first, len(table.rows) - 1)
    return table


@pytest.mark.parametrize("after", [False, True], ids=["beside-the-project", "after-the-indicators"])
@pytest.mark.parametrize("heads", list(PEOPLE))
@pytest.mark.parametrize("suffix", FORMATS)
def test_person_columns_in_a_list_with_indicator_rows(tmp_path: Path, suffix: str, heads: str, after: bool) -> None:
    """Before: no project read, every header and project cell listed 未识别 or as a column without a field."""
    people = PEOPLE[heads]
    result = imported([FormText(TITLE), person_rows_table(tuple(heads.split("|")), people, after)], tmp_path, suffix)
    assert without_notes(result.filing["projects"]) == expected_projects()
    assert "contact" not in result.filing  # a project's person is not the one who filed the form
    assert not_placed(result) == [(text, f"原表“{head}”一列{PERSON_REASON}")
                                  for row in people for head, text in zip(heads.split("|"), row)]
    assert [text for text in published(as_written(result.filing)) if PERSONAL.search(text)] == []
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_list_with_indicator_rows_without_person_columns(tmp_path: Path, suffix: str) -> None:
    result = imported([FormText(TITLE), person_rows_table((), ((), ()))], tmp_path, suffix)
    assert without_notes(result.filing["projects"]) == expected_projects()
    assert not_placed(result) == []


# --- 2. "分值" over "中期 | 年度" ----------------------------------------------------------------------------------

TOP = "2026年项目支出绩效目标表"
ROWS = [("产出指标", "数量指标", "建设数量", "30所", "10所", "20", "25"),
        ("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "≥95%", "10", "15.5")]


def indicator(level1: str, level2: str, name: str, value: str, **more: str) -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "value": value, **more}


def periods_form(weight: tuple[str, ...] = ("中期", "年度"), rows: list[tuple[str, ...]] = ROWS) -> list[FormBlock]:
    """"指标值" merged over "中期 | 年度" beside "分值" merged over `weight` (merged down when none)."""
    t = FormTable()
    t.add("项目名称", ("乡村学校少年宫", 4 + len(weight or ("",))))
    t.add("主管部门", ("某县教育局", 4 + len(weight or ("",))))
    t.add("中期目标", ("三年建设30所。", 2), "年度目标", ("建设10所。", 2 + len(weight or ("",))))
    top = len(t.rows)
    t.add("一级指标", "二级指标", "三级指标", ("指标值", 2), ("分值", len(weight)) if weight else "分值")
    t.add("", "", "", "中期", "年度", *(weight or ("",)))
    for column in (0, 1, 2, *(() if weight else (5,))):
        t.merge_down(column, top, top + 1)
    for row in rows:
        t.add(*row)
    return [FormText(TOP), t]


def goals(result: ImportResult) -> list[dict[str, Any]]:
    return as_written(result.filing["projects"][0]["goals"])


PERIODS_READ = [
    {"id": "medium", "kind": "中期", "text": "三年建设30所。", "indicators": [
        indicator("产出指标", "数量指标", "建设数量", "30所", weight="20"),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", weight="10")]},
    {"id": "g2", "kind": "年度", "text": "建设10所。", "indicators": [
        indicator("产出指标", "数量指标", "建设数量", "10所", weight="25"),
        indicator("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", weight="15.5")]},
]


@pytest.mark.parametrize("suffix", FORMATS)
def test_分值_over_中期_and_年度(tmp_path: Path, suffix: str) -> None:
    """Before: an indicator {level1: 产出指标, value: 中期, weight: 中期}, the 年度 values and 分值 listed 未识别, the
    中期 分值 published as the 年度 indicators' weight."""
    result = imported(periods_form(), tmp_path, suffix)
    assert goals(result) == PERIODS_READ
    assert not_placed(result) == []
    assert result.check.errors == []


COPIES = {"left-packed": ("一级指标\t二级指标\t三级指标\t指标值\t分值", "中期\t年度\t中期\t年度"),
          "right-aligned": ("一级指标\t二级指标\t三级指标\t指标值\t分值", "\t\t\t中期\t年度\t中期\t年度")}


@pytest.mark.parametrize("copy", list(COPIES))
def test_分值_over_中期_and_年度_copied_without_slots(tmp_path: Path, copy: str) -> None:
    """Copied text that drops the merged heads' slots: read as from the grid."""
    lines = (TOP, "项目名称\t乡村学校少年宫", "主管部门\t某县教育局", "中期目标\t三年建设30所。\t年度目标\t建设10所。",
             *COPIES[copy], *("\t".join(row) for row in ROWS))
    source = tmp_path / "表.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_new(source, tmp_path, "jyj", year=2026)
    assert goals(result) == PERIODS_READ
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_guard_a_lone_分值_beside_指标值_over_中期_and_年度(tmp_path: Path, suffix: str) -> None:
    """One 分值 column merged down: the weight of both goals' indicators, as filed (read so before)."""
    rows = [row[:6] for row in ROWS]
    result = imported(periods_form((), rows), tmp_path, suffix)
    read = [{**goal, "indicators": [{**i, "weight": row[5]} for i, row in zip(goal["indicators"], rows)]}
            for goal in PERIODS_READ]
    assert goals(result) == read
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])  # copied as text this form is misread: noticed, not fixed here
def test_guard_分值_over_上年_and_本年(tmp_path: Path, suffix: str) -> None:
    """"分值" over "上年 | 本年": the 本年 分值 is the weight, of both goals' indicators as a lone 分值's is; the 上年 one
    listed (read so before)."""
    result = imported(periods_form(("上年", "本年")), tmp_path, suffix)
    annual = PERIODS_READ[1]["indicators"]
    assert [goal["indicators"] for goal in goals(result)] == [
        [{**i, "weight": a["weight"]} for i, a in zip(PERIODS_READ[0]["indicators"], annual)], annual]
    assert [text for text, _ in not_placed(result)] == ["上年", "20", "10"]
