"""`gongkai import` of a whole department's 项目支出绩效目标表 on one sheet, as 预算管理一体化 systems export it.

One table lists every project of the department and its units, one block of indicator rows per project:
序号 | 单位名称 | 项目名称 | 项目编码 | 项目类别 | 项目资金（合计 | 财政拨款 | 其他资金）| 年度绩效目标 | 一级指标 … 分值.
The project's cells are merged down over its indicator rows (or filled in on every row), rows naming a unit
("某县第一中学") group the projects below them, the header is printed again at each page break, a withheld
project stands in the middle and a 合计 row closes the table. Every project must get exactly its own indicators,
its amounts as filed, and the unit it is filed under.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormTable, FormText
from tests.test_import_tasks import write

TITLE = "某县教育局2026年部门预算项目绩效目标表"
HEAD = ["序号", "单位名称", "项目名称", "项目编码", "项目类别", ("项目资金（万元）", 3), "年度绩效目标",
        "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"]
SPLIT = ["", "", "", "", "", "合计", "财政拨款", "其他资金", "", "", "", "", "", "", "", ""]
INDICATORS = [("产出指标", "数量指标", "培训人次", "≥", "500", "人次", "20"),
              ("产出指标", "质量指标", "合格率", "≥", "95", "%", "20"),
              ("效益指标", "社会效益指标", "教师能力提升", "定性", "有效提升", "", "30"),
              ("满意度指标", "服务对象满意度指标", "参训满意度", "≥", "90", "%", "10")]
UNITS = ("某县教育局本级", "某县第一中学")


def project(n: int, unit: str, count: int) -> dict[str, Any]:
    """Project n with `count` indicators whose names carry n: a label carried into the next project shows."""
    return {"number": str(n), "unit": unit, "name": f"教育项目{n}经费", "code": f"5201232026{n:04d}",
            "category": "其他运转类", "total": f"{n}0.50", "fiscal": f"{n}0.00", "other": "0.50",
            "goal": f"完成项目{n}年度任务。",
            "indicators": [(a, b, f"{name}{n}", kind, value, unit_, weight)
                           for a, b, name, kind, value, unit_, weight in INDICATORS[:count]]}


def projects(count: int) -> list[dict[str, Any]]:
    """`count` projects, the first half the 本级's, each with 1 to 4 indicators."""
    return [project(n, UNITS[n > count // 2], 1 + n % 4) for n in range(1, count + 1)]


def sheet(items: list[dict[str, Any]], *, merged: bool = True, repeat_header: int = 0, unit_column: bool = True,
          headings: bool = False, extra: dict[int, list[Any]] | None = None) -> FormTable:
    """The department's sheet: the header (printed again before every `repeat_header` projects), each project's
    cells merged down (or repeated), `headings` rows naming each unit over its projects ("一 | 某县教育局本级"
    across the row), `extra` rows before the project at that index, a 合计 row at the bottom."""
    head = HEAD if unit_column else [cell for cell in HEAD if cell != "单位名称"]
    split = SPLIT if unit_column else SPLIT[1:]
    fields = ["number", "unit", "name", "code", "category", "total", "fiscal", "other", "goal"]
    fields = fields if unit_column else [f for f in fields if f != "unit"]
    table = FormTable()

    def header() -> None:
        first = len(table.rows)
        table.add(*head)
        table.add(*split)
        for column in [c for c, text in enumerate(split) if not text]:
            table.merge_down(column, first, first + 1)

    header()
    for index, item in enumerate(items):
        if repeat_header and index and index % repeat_header == 0:
            header()
        if headings and (not index or items[index - 1]["unit"] != item["unit"]):
            table.add("一二"[UNITS.index(item["unit"])], (item["unit"], len(split) - 1))
        for row in (extra or {}).get(index, []):
            table.add(*row)
        first = len(table.rows)
        cells = [item[f] for f in fields]
        for r, indicator in enumerate(item["indicators"] or [("",) * 7]):
            table.add(*(cells if not r or not merged else [""] * len(cells)), *indicator)
        if merged:
            for column in range(len(cells)):
                table.merge_down(column, first, len(table.rows) - 1)
    total = sum(Decimal(item["total"]) for item in items)
    table.add(("合计", len(fields) - 4), f"{total:.2f}", "", "", *[""] * 8)
    return table


def imported(table: FormTable, tmp_path: Path, suffix: str = "xlsx") -> ImportResult:
    source = write([FormText(TITLE), FormText("单位：万元"), table], tmp_path / f"项目支出绩效目标表.{suffix}")
    return import_new(source, tmp_path, "jyj")


def expected(item: dict[str, Any], unit: bool = True) -> dict[str, Any]:
    indicators = [{"level1": a, "level2": b, "name": name, "value": value, "value_type": kind, "weight": weight,
                   **({"unit": unit_} if unit_ else {})}
                  for a, b, name, kind, value, unit_, weight in item["indicators"]]
    return {"number": int(item["number"]), "name": item["name"], "code": item["code"], "category": item["category"],
            **({"budget_unit": item["unit"]} if unit else {}),
            "budget": {"total": item["total"], "fiscal": item["fiscal"], "other": item["other"]},
            "goal": item["goal"], "indicators": indicators}


def read(result: ImportResult) -> list[dict[str, Any]]:
    """Each project as compared: its fields, its one 年度 goal's text and indicators (amounts as written)."""
    out = []
    for p in result.filing["projects"]:
        if "withheld" in p:
            out.append({"withheld": p["withheld"]["numbers"]})
            continue
        goals = p.get("goals", [])
        assert len(goals) <= 1 and all(g["kind"] == "年度" for g in goals)
        out.append({**{k: p[k] for k in ("number", "name", "code", "category", "budget_unit") if k in p},
                    "budget": {k: str(v) for k, v in p["budget"].items()},
                    "goal": goals[0].get("text") if goals else None,
                    "indicators": [{k: v for k, v in i.items() if k not in ("notes", "seq")}
                                   for g in goals for i in g["indicators"]]})
    return out


def total_row(result: ImportResult) -> list[str]:
    return [text for text, why in not_placed(result) if why.startswith("项目表的合计行")]


# --- 1. 单位名称 heads the unit column: the sheet is a project list, not the department's indicator table ----------

@pytest.mark.parametrize("suffix", ["xlsx", "docx", "pdf"])
def test_unit_name_column_reads_each_project_with_its_unit(tmp_path: Path, suffix: str) -> None:
    """Before, "单位名称" was no project column: the whole sheet was read as one department 年度 goal holding every
    project's indicators, and each project's name, amounts and goal were listed as 未放入."""
    items = projects(4)
    result = imported(sheet(items), tmp_path, suffix)
    assert "goals" not in result.filing
    assert read(result) == [expected(item) for item in items]
    assert not_placed(result) == [("合计", "项目表的合计行；文件格式中项目表没有合计的字段，未录入"),
                                  ("102.00", "项目表的合计行；文件格式中项目表没有合计的字段，未录入")]
    assert result.check.errors == [] and result.check.warnings == []


# --- 2. rows naming a unit over its projects -------------------------------------------------------------------

def test_unit_heading_rows_become_the_budget_unit_of_the_projects_below(tmp_path: Path) -> None:
    """"一 | 某县教育局本级" across the row, no 单位名称 column: before, each heading became a project named after the
    unit, with no amount and no goal, and the projects below had no unit."""
    items = projects(6)
    result = imported(sheet(items, unit_column=False, headings=True), tmp_path)
    assert read(result) == [expected(item) for item in items]
    assert [text for text, _ in not_placed(result)] == ["一", "二", "合计", "213.00"]
    assert not_placed(result)[0][1] == "项目表中单位分组行的序号，文件格式中没有对应的字段，未录入"
    assert result.check.errors == [] and result.check.warnings == []


def test_unit_heading_in_the_unit_column_over_projects_that_name_their_unit(tmp_path: Path) -> None:
    """The heading in the 单位名称 column alone: before, a nameless project with that unit (check warned 项目名称为空).
    The projects name the same unit: the heading is placed with them."""
    items = projects(4)
    headings = {0: [["", "某县教育局本级", *[""] * 14]], 2: [["", "某县第一中学", *[""] * 14]]}
    result = imported(sheet(items, extra=headings), tmp_path)
    assert read(result) == [expected(item) for item in items]
    assert total_row(result) == ["合计", "102.00"] and len(not_placed(result)) == 2
    assert result.check.warnings == []


def test_unit_heading_no_project_below_takes_is_listed(tmp_path: Path) -> None:
    items = projects(2)
    result = imported(sheet(items, extra={0: [["", "某县教育系统", *[""] * 14]]}), tmp_path)
    assert read(result) == [expected(item) for item in items]
    assert ("某县教育系统", "项目表中的单位分组行，下面各项目写有不同的预算单位，未录入") in not_placed(result)


# --- 3. a withheld project's row in the middle ------------------------------------------------------------------

def test_withheld_project_row_with_its_number_is_a_withheld_record(tmp_path: Path) -> None:
    """"3 | 某县教育局本级 | 涉密项目，不予公开" (across the rest): before, a project numbered 3 with its unit and no name
    (check warned), the notice listed as 序号不是数字 or lost; now a withheld record [3, 3] where it stands."""
    items = [project(1, UNITS[0], 2), project(2, UNITS[0], 3), project(4, UNITS[1], 2)]
    secret = {2: [["3", "某县教育局本级", ("涉密项目，不予公开", 14)]]}
    result = imported(sheet(items, extra=secret), tmp_path)
    got = read(result)
    assert got[:2] + got[3:] == [expected(item) for item in items] and got[2] == {"withheld": [3, 3]}
    record = result.filing["projects"][2]["withheld"]
    assert record["notice"] == "涉密项目，不予公开" and record["reason"] == "涉密"
    assert ("某县教育局本级", "不予公开的项目只录序号、理由和依据，此格未录入") in not_placed(result)
    assert result.check.errors == [] and result.check.warnings == []


def test_withheld_project_row_without_a_number_is_listed_not_a_nameless_project(tmp_path: Path) -> None:
    items = [project(1, UNITS[0], 2), project(2, UNITS[1], 3)]
    result = imported(sheet(items, extra={1: [[("涉密项目，不予公开", 16)]]}), tmp_path)
    assert read(result) == [expected(item) for item in items]
    assert ("涉密项目，不予公开", "项目表中不予公开的项目行没有写序号，未写成不予公开记录，请核对") in not_placed(result)
    assert result.check.warnings == []


# --- guards: many pages, header repeated, cells merged or repeated ------------------------------------------------

@pytest.mark.parametrize("merged", [True, False], ids=["merged", "repeated"])
def test_thirty_four_projects_with_the_header_printed_on_every_page(tmp_path: Path, merged: bool) -> None:
    """Every project exactly its own indicators across 4 header repeats, none carried on, none lost; one with none."""
    items = projects(34)
    items[5] = {**items[5], "indicators": []}
    result = imported(sheet(items, merged=merged, repeat_header=8), tmp_path)
    got = read(result)
    assert got[:5] + got[6:] == [expected(item) for item in items[:5] + items[6:]]
    assert got[5]["name"] == "教育项目6经费" and got[5]["indicators"] == []
    assert total_row(result) == ["合计", "5967.00"] and len(not_placed(result)) == 2


def test_thirty_four_projects_in_word(tmp_path: Path) -> None:
    items = projects(34)
    result = imported(sheet(items, repeat_header=8), tmp_path, "docx")
    assert read(result) == [expected(item) for item in items]


# --- 4. copied text: the amount's split on a row of its own ---------------------------------------------------------

def test_copied_text_gives_the_split_its_columns_back(tmp_path: Path) -> None:
    """"项目资金（万元）" over "合计 | 财政拨款 | 其他资金" copied from the page: the merged head's slots are dropped, so the
    second header row has three cells. Before, the fiscal amount ("10.00") was read as the project's goal text, the
    other amount as an indicator and the goal and last indicator cells were listed; the header printed again at a
    page break is read the same way."""
    items = projects(4)
    result = imported(sheet(items, repeat_header=2), tmp_path, "txt")
    got = read(result)
    assert got == [expected(item) for item in items]
    assert total_row(result) == ["合计", "102.00"] and len(not_placed(result)) == 2
