"""`gongkai import` of project lists with a 主管部门 column and no indicator columns.

A county publishes its special funds (专项资金) as one list, one fund per row: "序号 | 专项资金名称 | 主管部门 |
资金规模（万元） | 资金用途 | 年度绩效目标", or a department its projects as "项目名称 | 主管部门 | 预算金额", maybe with an
"实施单位" or "预算单位" column beside the 主管部门.

1. The 主管部门 column was accepted only in lists with indicator columns: such a list was read as a form's label–value
   pairs. The department was named "资金规模（万元）", one project named "主管部门" with the purpose "年度绩效目标", and
   every row listed 未识别. Now it is a project list; each row's 主管部门 is its project's `budget_unit` (as in a list
   with indicator rows), unless an 实施单位 / 预算单位 column gives that: then the project has no field for it and its
   cells are listed with why.
2. The department's name: a 主管部门 column naming one body on every row names the filing's department when nothing
   else does (with a note), and its cells are placed wherever they name the filing's department. A list of several
   bodies' funds names none: not the first row's 主管部门, nor its 预算单位; the import stops saying the form has no
   department name (before: "资金规模（万元）").

Guards: a project form's "主管部门 | 某县交通运输局" pair still names the department; a list with indicator columns and a
主管部门 column is read as before; a withheld row of such a list keeps its content out.

Each form is drawn once and put into every format; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.document import ImportFailure
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

FORMATS = ["txt", "xlsx", "xls", "docx", "html"]

HEAD = ("序号", "专项资金名称", "主管部门", "资金规模（万元）", "资金用途", "年度绩效目标")
ROAD = ("1", "农村公路养护专项资金", "某县交通运输局", "1250.00", "用于农村公路日常养护", "养护农村公路320公里，优良路率达到85%。")
FARM = ("2", "耕地地力保护补贴", "某县农业农村局", "860.50", "发放耕地地力保护补贴", "补贴面积12万亩，按时足额发放。")
SUPERVISOR_BESIDE_UNIT = ("原表“主管部门”一列写的是各项目的主管部门；项目的预算单位已按表中的单位一列录入，"
                          "文件格式中项目没有主管部门的字段，未录入")


def listed(head: tuple[str, ...], rows: list[tuple[Any, ...]], *above: str) -> list[FormBlock]:
    """The lines `above` (a title, "部门名称：…") over the list."""
    table = FormTable()
    for row in (head, *rows):
        table.add(*row)
    return [*(FormText(line) for line in above), table]


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    """No filing of the department in content/: what the form says is all."""
    return import_new(write(blocks, tmp_path / f"专项资金绩效目标表.{suffix}"), tmp_path, "czj")


def projects(result: ImportResult) -> list[dict[str, Any]]:
    return as_written(result.filing.get("projects", []))


def fund(row: tuple[str, ...], unit: str, *, purpose: bool = True, goal: bool = True) -> dict[str, Any]:
    """The project a careful transcriber writes for a list's row."""
    project: dict[str, Any] = {"number": int(row[0]), "name": row[1], "budget_unit": unit,
                               "budget": {"total": row[3]}}
    if purpose:
        project["purpose"] = row[4]
    if goal:
        project["goals"] = [{"id": "annual", "kind": "年度", "text": row[5]}]
    return project


# --- 1. the county's list of funds: each fund's 主管部门 is its 预算单位 --------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_fund_list_under_a_department_line_gives_each_fund_its_supervisor(tmp_path: Path, suffix: str) -> None:
    """Before: the department "资金规模（万元）", one project "主管部门" with the purpose "年度绩效目标", every row listed."""
    result = imported(listed(HEAD, [ROAD, FARM], "2026年专项资金绩效目标表", "部门名称：某县财政局"), tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert projects(result) == [fund(ROAD, "某县交通运输局"), fund(FARM, "某县农业农村局")]
    assert result.filing["money_unit"] == "万元"
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_project_list_with_a_budget_amount_and_the_department_in_the_title(tmp_path: Path, suffix: str) -> None:
    """"序号 | 项目名称 | 主管部门 | 预算金额（万元）" under "某县财政局2026年项目支出绩效目标表"."""
    rows = [row[:4] for row in (ROAD, FARM)]
    blocks = listed(("序号", "项目名称", "主管部门", "预算金额（万元）"), rows, "某县财政局2026年项目支出绩效目标表")
    result = imported(blocks, tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert projects(result) == [fund(ROAD, "某县交通运输局", purpose=False, goal=False),
                                fund(FARM, "某县农业农村局", purpose=False, goal=False)]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("unit_head", ["实施单位", "预算单位"])
def test_supervisor_beside_a_unit_column_is_listed(tmp_path: Path, suffix: str, unit_head: str) -> None:
    """The 实施单位 (预算单位) column is each project's `budget_unit`; the 主管部门 of each row, another body than the
    filing's department, has no field and is listed with why (never written over the unit, never dropped)."""
    rows = [(*row[:3], "某县公路管理站", row[3], row[5]) for row in (ROAD, FARM)]
    blocks = listed(("序号", "项目名称", "主管部门", unit_head, "预算金额（万元）", "年度绩效目标"), rows,
                    "部门名称：某县财政局")
    result = imported(blocks, tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert projects(result) == [fund(ROAD, "某县公路管理站", purpose=False), fund(FARM, "某县公路管理站", purpose=False)]
    assert not_placed(result) == [("某县交通运输局", SUPERVISOR_BESIDE_UNIT), ("某县农业农村局", SUPERVISOR_BESIDE_UNIT)]


# --- 2. the department's name from the 主管部门 column ---------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_one_supervisor_on_every_row_names_the_department(tmp_path: Path, suffix: str) -> None:
    """A department's own list, its name in no other place: the 主管部门 every row gives, with a note."""
    rows = [(*row[:2], "某县财政局", *row[3:]) for row in (ROAD, FARM)]
    result = imported(listed(HEAD, rows, "2026年专项资金绩效目标表"), tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert result.filing["notes"] == [{"field": "department.name", "text": "原文未单独写部门名称，项目表“主管部门”一列各行均为"
                                                                           "“某县财政局”；编者据此写作“某县财政局”。"}]
    assert projects(result) == [fund(ROAD, "某县财政局"), fund(FARM, "某县财政局")]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_one_supervisor_beside_a_unit_column_names_the_department(tmp_path: Path, suffix: str) -> None:
    """"主管部门 | 实施单位" with one 主管部门 on every row: the department, whose units carry out its projects; the
    cells say the filing's department and are placed (before: the first row's 实施单位 would have named it)."""
    rows = [(*row[:2], "某县交通运输局", "某县公路管理站", row[3]) for row in (ROAD, FARM)]
    blocks = listed(("序号", "项目名称", "主管部门", "实施单位", "预算金额（万元）"), rows, "2026年项目支出绩效目标表")
    result = imported(blocks, tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县交通运输局"
    assert projects(result) == [fund(ROAD, "某县公路管理站", purpose=False, goal=False),
                                fund(FARM, "某县公路管理站", purpose=False, goal=False)]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_several_supervisors_name_no_department(tmp_path: Path, suffix: str) -> None:
    """A county's list of several bureaus' funds, no department named anywhere: whose file it is the form does not
    say. The import stops (before: the department "资金规模（万元）"); never the first row's 主管部门."""
    with pytest.raises(ImportFailure, match="原文没有部门名称"):
        imported(listed(HEAD, [ROAD, FARM], "2026年某县专项资金绩效目标表"), tmp_path, suffix)


@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_several_supervisors_beside_one_unit_name_no_department(tmp_path: Path, suffix: str) -> None:
    """The same with a 预算单位 column naming one unit: that unit is not the department either."""
    rows = [(*row[:3], "某县公路管理站", row[3]) for row in (ROAD, FARM)]
    with pytest.raises(ImportFailure, match="原文没有部门名称"):
        imported(listed(("序号", "项目名称", "主管部门", "预算单位", "预算金额（万元）"), rows), tmp_path, suffix)


# --- guards ----------------------------------------------------------------------------------------------------

WITHHELD = ("3", "战备物资储备专项资金", "某县发展和改革局", ("该项目涉密，不予公开。", 3))


@pytest.mark.parametrize("suffix", FORMATS)
def test_withheld_row_and_total_row_of_a_fund_list(tmp_path: Path, suffix: str) -> None:
    """A row withheld across the rest of the list: its number only, its name and 主管部门 listed, never published; the
    合计 row listed as a list's total."""
    rows = [ROAD, FARM, WITHHELD, ("合计", "", "", "2110.50", "", "")]
    result = imported(listed(HEAD, rows, "部门名称：某县财政局"), tmp_path, suffix)
    withheld = {"withheld": {"numbers": [3, 3], "notice": "该项目涉密，不予公开。", "reason": "涉密"},
                "notes": [{"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"},
                          {"field": "withheld.reason", "text": "原文说明未用“因”字引出理由；编者取其中的“涉密”作为不公开理由，"
                                                              "说明照原文全文录入。"}]}
    assert projects(result) == [fund(ROAD, "某县交通运输局"), fund(FARM, "某县农业农村局"), withheld]
    hidden = "不予公开的项目只录序号、理由和依据，此格未录入"
    total = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"
    assert not_placed(result) == [("战备物资储备专项资金", hidden), ("某县发展和改革局", hidden),
                                  ("合计", total), ("2110.50", total)]


@pytest.mark.parametrize("suffix", FORMATS)
def test_project_form_with_a_supervisor_pair_names_the_department(tmp_path: Path, suffix: str) -> None:
    """A form (not a list): "主管部门 | 某县交通运输局" beside the project's name is the department."""
    table = FormTable([["项目名称", "农村公路养护", "主管部门", "某县交通运输局"],
                       ["实施单位", "某县公路管理站", "项目资金（万元）", "1250.00"],
                       ["年度绩效目标", "养护农村公路320公里。", "", ""]])
    result = imported([FormText("项目支出绩效目标表"), table], tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县交通运输局"
    assert projects(result) == [{"id": "p1", "name": "农村公路养护", "budget_unit": "某县公路管理站",
                                 "budget": {"total": "1250.00"},
                                 "goals": [{"id": "g1", "kind": "年度", "text": "养护农村公路320公里。"}]}]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["txt", "xlsx", "docx"])
def test_list_with_indicator_columns_and_a_supervisor_column(tmp_path: Path, suffix: str) -> None:
    """The 主管部门 column of a list with indicator rows is each project's `budget_unit`, as before."""
    table = FormTable()
    table.add("序号", "项目名称", "主管部门", "项目金额（万元）", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值")
    for first, row in ((1, ROAD), (3, FARM)):
        table.add(*row[:4], row[5], "产出指标", "数量指标", "指标甲", "320公里")
        table.add("", "", "", "", "", "效益指标", "社会效益指标", "指标乙", "≥85%")
        for column in range(5):
            table.merge_down(column, first, first + 1)
    result = imported([FormText("部门名称：某县财政局"), table], tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    indicators = [{"level1": "产出指标", "level2": "数量指标", "name": "指标甲", "value": "320公里"},
                  {"level1": "效益指标", "level2": "社会效益指标", "name": "指标乙", "value": "≥85%"}]
    expected = [fund(row, row[2], purpose=False) for row in (ROAD, FARM)]
    for project in expected:
        project["goals"][0]["indicators"] = indicators
    assert projects(result) == expected
    assert not_placed(result) == []


# --- 3. a transfer withheld under its numbered heading, no number in the notice ------------------------------------

TRANSFERS_TITLE = "某县财政局2026年转移支付绩效目标表"
SECRET = "该转移支付涉密，不予公开。"


def transfer(name: str, amount: str, goal: str) -> FormTable:
    return FormTable([["转移支付名称", name], ["年度金额（万元）", amount], ["年度绩效目标", goal]])


def heading_record(heading_text: str, notice: str = SECRET, number: int = 2) -> dict[str, Any]:
    return {"withheld": {"numbers": [number, number], "notice": notice, "reason": "涉密"},
            "notes": [{"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"},
                      {"field": "withheld.reason", "text": "原文说明未用“因”字引出理由；编者取其中的“涉密”作为不公开理由，"
                                                          "说明照原文全文录入。"},
                      {"field": "withheld.numbers", "text": f"原文这条说明没有写序号，写在标题“{heading_text}”下面；"
                                                            "编者按标题的序号录入，标题中的名称未录入。"}]}


def heading_listed(heading_text: str, number: int = 2) -> tuple[str, str]:
    return (heading_text, f"不予公开的第{number}号项目的标题：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，项目名称未录入")


ROAD_TRANSFER = {"number": 1, "name": "农村公路养护补助资金", "budget": {"annual": {"total": "1250.00"}},
                 "goals": [{"id": "g1", "kind": "年度", "text": "养护农村公路320公里。"}]}


@pytest.mark.parametrize("suffix", FORMATS)
def test_withheld_transfer_under_its_heading_after_the_last_form(tmp_path: Path, suffix: str) -> None:
    """"二、战备物资储备补助资金" over "该转移支付涉密，不予公开。" after the last form. Before: a chapter of the filing
    (`sections`) titled with the withheld transfer's name, its text the notice, published."""
    blocks = [FormText(TRANSFERS_TITLE), FormText("一、农村公路养护补助资金"),
              transfer("农村公路养护补助资金", "1250.00", "养护农村公路320公里。"),
              FormText("二、战备物资储备补助资金"), FormText(SECRET)]
    result = imported(blocks, tmp_path, suffix)
    assert "sections" not in result.filing
    assert projects(result) == [ROAD_TRANSFER, heading_record("二、战备物资储备补助资金")]
    assert not_placed(result) == [heading_listed("二、战备物资储备补助资金")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_withheld_transfer_under_its_heading_between_two_forms(tmp_path: Path, suffix: str) -> None:
    """The same between two transfers' forms. Before: both lines listed 未识别, no withheld record."""
    blocks = [FormText(TRANSFERS_TITLE), FormText("一、农村公路养护补助资金"),
              transfer("农村公路养护补助资金", "1250.00", "养护农村公路320公里。"),
              FormText("二、战备物资储备补助资金"), FormText(SECRET),
              FormText("三、耕地地力保护补贴资金"), transfer("耕地地力保护补贴资金", "860.50", "补贴面积12万亩。")]
    result = imported(blocks, tmp_path, suffix)
    farm = {"number": 3, "name": "耕地地力保护补贴资金", "budget": {"annual": {"total": "860.50"}},
            "goals": [{"id": "g1", "kind": "年度", "text": "补贴面积12万亩。"}]}
    assert projects(result) == [ROAD_TRANSFER, heading_record("二、战备物资储备补助资金"), farm]
    assert heading_listed("二、战备物资储备补助资金") in not_placed(result)
    assert not any(text == SECRET for text, _ in not_placed(result))


@pytest.mark.parametrize("suffix", ["txt", "docx", "html"])
def test_withheld_project_under_a_project_heading(tmp_path: Path, suffix: str) -> None:
    """"项目二：战备公路养护" (a project's heading, which opens project 2) over "本项目涉密，不予公开。": project 2 is the
    withheld record, never an empty project beside it."""
    notice = "本项目涉密，不予公开。"
    blocks = [FormText(TRANSFERS_TITLE), FormText("项目一：农村公路养护补助资金"),
              transfer("农村公路养护补助资金", "1250.00", "养护农村公路320公里。"),
              FormText("项目二：战备公路养护"), FormText(notice)]
    result = imported(blocks, tmp_path, suffix)
    assert projects(result) == [{"number": 1} | {k: v for k, v in ROAD_TRANSFER.items() if k != "id"},
                                heading_record("项目二：战备公路养护", notice)]
    assert not_placed(result) == [heading_listed("项目二：战备公路养护")]


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_chapter_after_the_forms_stays_a_section(tmp_path: Path, suffix: str) -> None:
    """Guard: a chapter heading after the last form over ordinary text is still a chapter of the filing."""
    text = "本县转移支付资金按照绩效目标管理要求分配下达，资金使用情况接受审计监督。"
    blocks = [FormText(TRANSFERS_TITLE), FormText("一、农村公路养护补助资金"),
              transfer("农村公路养护补助资金", "1250.00", "养护农村公路320公里。"),
              FormText("二、其他说明"), FormText(text)]
    result = imported(blocks, tmp_path, suffix)
    assert result.filing["sections"] == [{"title": "二、其他说明", "text": f"<p>{text}</p>"}]
    assert projects(result) == [ROAD_TRANSFER]


# --- 4. one 主管部门 merged down over its funds' rows ------------------------------------------------------------------

BUS = ("3", "农村客运补贴", "", "300.00", "补贴农村客运", "开通客运班线20条。")


@pytest.mark.parametrize("suffix", FORMATS)
def test_supervisor_merged_down_over_two_funds(tmp_path: Path, suffix: str) -> None:
    """"某县交通运输局" merged down over its two funds' rows: both funds are its. Before: in a grid the second fund had no
    `budget_unit`; in copied text, which drops the covered slot, its cells slid left: "300.00" read as the unit, the
    goal as the purpose, the purpose listed as an amount that is not a number. Copied text says so in a note."""
    blocks = listed(HEAD, [ROAD, BUS, FARM], "部门名称：某县财政局")
    blocks[-1].merge_down(2, 1, 2)
    result = imported(blocks, tmp_path, suffix)
    bus = fund(BUS, "某县交通运输局")
    if suffix == "txt":
        bus["notes"] = [{"text": "原文此行少一格：“主管部门”一格与上一行合并，复制的文字中没有这一格，其后各格向左错位；"
                                 "编者按上一行的“某县交通运输局”读作这一格，其后各格依次读作原表的各列。"}]
    assert projects(result) == [fund(ROAD, "某县交通运输局"), bus, fund(FARM, "某县农业农村局")]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_empty_unit_cell_that_is_no_merge_stays_empty(tmp_path: Path, suffix: str) -> None:
    """Guard: a row whose 主管部门 the department left empty (the slot kept, the amounts in their columns) gets no unit."""
    result = imported(listed(HEAD, [ROAD, BUS, FARM], "部门名称：某县财政局"), tmp_path, suffix)
    bus = {key: value for key, value in fund(BUS, "").items() if key != "budget_unit"}
    assert projects(result) == [fund(ROAD, "某县交通运输局"), bus, fund(FARM, "某县农业农村局")]
    assert not_placed(result) == []
