"""`gongkai import` of documents that give each project under a numbered heading, and of files that hold only withheld
entries.

1. A document numbers its parts ("一、农村公路养护补助资金", "（二）耕地地力保护补贴资金", "3. 困难群众生活补助",
   "第四项 农村公路养护") and prints each project's form under its heading. The heading's number is the project's
   `number`, as the department numbered it (the site's notices say "6-13号项目…暂不公开"): before, it was lost and the
   heading listed 未识别. Only where the form right under the heading names the same project: a heading naming a group
   ("二、县级配套项目") gives no number, and a form without a heading gets none.
2. "部门：某县财政局" names the department, as "部门名称：…" does. Before, the line was listed 未识别: a file holding only
   withheld entries under it stopped saying the original has no department name (the notice that it withholds them
   lost), and a project form under it gave the department the project's 实施单位.

Guards: a withheld-only file whose title or 单位名称 names the department imports its withheld records (never their
content); one that names none stops saying the department's name is missing; a list whose every row is withheld.

Each document is drawn once and written as copied text (tab-separated), .xlsx and .docx; filings and 未放入 exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.document import ImportFailure
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_plain_lists import heading_record
from tests.test_import_tasks import as_written, write

FORMATS = ["txt", "xlsx", "docx"]
TITLE = "某县财政局2026年项目支出绩效目标表"
SECRET = "该转移支付涉密，不予公开。"
ROAD = ("农村公路养护", "1250.00", "养护农村公路320公里。")
FARM = ("耕地地力保护补贴", "860.50", "补贴面积12万亩。")


def form(name: str, amount: str, goal: str) -> FormTable:
    """A project's form as a county prints it: label | value rows."""
    return FormTable([["项目名称", name], ["实施单位", "某县交通运输局"], ["项目资金（万元）", amount], ["年度绩效目标", goal]])


def filed(name: str, amount: str, goal: str, number: int | None = None, at: int = 1) -> dict[str, Any]:
    """The project a careful transcriber writes for `form`: the heading's number when one was filed, else an id."""
    head: dict[str, Any] = {"number": number} if number is not None else {"id": f"p{at}"}
    return head | {"name": name, "budget_unit": "某县交通运输局", "budget": {"total": amount},
                   "goals": [{"id": "g1", "kind": "年度", "text": goal}]}


def lines(texts: list[str], suffix: str) -> list[FormBlock]:
    """Lines only: a sheet holds them in its first column, a document and copied text as paragraphs."""
    return [FormTable([[text] for text in texts])] if suffix == "xlsx" else [FormText(text) for text in texts]


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"绩效目标表.{suffix}"), tmp_path, "czj")


def projects(result: ImportResult) -> list[dict[str, Any]]:
    return as_written(result.filing.get("projects", []))


def heading_listed(number: int, heading_text: str) -> tuple[str, str]:
    return (heading_text, f"不予公开的第{number}号项目的标题：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，项目名称未录入")


# --- 1. a part's heading over the form of the project it names: its number is the project's --------------------------

HEADINGS = [("一、{}项目", "二、{}项目", 1, 2),  # 项目 at the end of the heading, not of the form's name
            ("（一）{}", "（二）{}", 1, 2),
            ("3. {}", "4. {}", 3, 4),
            ("第四项 {}", "第五项 {}", 4, 5),
            ("十一、{}", "十二、{}", 11, 12)]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("first, second, one, two", HEADINGS)
def test_numbered_heading_over_its_form_numbers_the_project(tmp_path: Path, suffix: str, first: str, second: str,
                                                           one: int, two: int) -> None:
    """Before: both projects had an id (p1, p2) and no number; the headings were listed 未识别 (the first in a
    "一、" document opened a chapter that was dropped)."""
    blocks = [FormText(TITLE), FormText(first.format(ROAD[0])), form(*ROAD),
              FormText(second.format(FARM[0])), form(*FARM)]
    result = imported(blocks, tmp_path, suffix)
    assert projects(result) == [filed(*ROAD, number=one), filed(*FARM, number=two)]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_transfer_forms_under_numbered_headings(tmp_path: Path, suffix: str) -> None:
    """"（一）农村公路养护补助资金" over "转移支付名称 | 农村公路养护补助资金": transfer 1, and a withheld one between
    keeps its heading's number (before: the published ones had ids only, the headings listed 未识别)."""
    def transfer(name: str, amount: str, goal: str) -> FormTable:
        return FormTable([["转移支付名称", name], ["年度金额（万元）", amount], ["年度绩效目标", goal]])

    blocks = [FormText("某县财政局2026年转移支付绩效目标表"),
              FormText("（一）农村公路养护补助资金"), transfer("农村公路养护补助资金", "1250.00", "养护农村公路320公里。"),
              FormText("（二）战备物资储备补助资金"), FormText(SECRET),
              FormText("（三）耕地地力保护补贴资金"), transfer("耕地地力保护补贴资金", "860.50", "补贴面积12万亩。")]
    result = imported(blocks, tmp_path, suffix)
    assert projects(result) == [
        {"number": 1, "name": "农村公路养护补助资金", "budget": {"annual": {"total": "1250.00"}},
         "goals": [{"id": "g1", "kind": "年度", "text": "养护农村公路320公里。"}]},
        heading_record("（二）战备物资储备补助资金"),
        {"number": 3, "name": "耕地地力保护补贴资金", "budget": {"annual": {"total": "860.50"}},
         "goals": [{"id": "g1", "kind": "年度", "text": "补贴面积12万亩。"}]}]
    assert not_placed(result) == [heading_listed(2, "（二）战备物资储备补助资金")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_group_heading_over_another_project_gives_no_number(tmp_path: Path, suffix: str) -> None:
    """Guard: "二、县级配套项目" names a group, not the form's project: no number invented, the heading listed."""
    blocks = [FormText(TITLE), FormText("一、农村公路养护项目"), form(*ROAD), FormText("二、县级配套项目"), form(*FARM)]
    result = imported(blocks, tmp_path, suffix)
    assert projects(result) == [filed(*ROAD, number=1), filed(*FARM, at=2)]
    assert not_placed(result) == [("二、县级配套项目", "未识别的段落")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_forms_without_headings_get_no_number(tmp_path: Path, suffix: str) -> None:
    """Guard: no number where none was filed."""
    result = imported([FormText(TITLE), form(*ROAD), form(*FARM)], tmp_path, suffix)
    assert projects(result) == [filed(*ROAD), filed(*FARM, at=2)]
    assert not_placed(result) == []


# --- 2. "部门：某县财政局" names the department -------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_withheld_only_file_under_a_department_line(tmp_path: Path, suffix: str) -> None:
    """Two withheld transfers and nothing else. Before: the import stopped, "原文没有部门名称"."""
    notice = "该项目涉密，不予公开。"
    texts = ["部门：某县财政局", "二、战备物资储备补助资金", SECRET, "三、国防动员经费", notice]
    result = imported(lines(texts, suffix), tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert projects(result) == [heading_record("二、战备物资储备补助资金"),
                                heading_record("三、国防动员经费", notice, 3)]
    assert not_placed(result) == [heading_listed(2, "二、战备物资储备补助资金"), heading_listed(3, "三、国防动员经费")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_department_line_over_a_project_form(tmp_path: Path, suffix: str) -> None:
    """Before: the line listed 未识别 and the department named after the project's 实施单位 "某县交通运输局"."""
    result = imported([FormText("2026年项目支出绩效目标表"), FormText("部门：某县财政局"), form(*ROAD)], tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert projects(result) == [filed(*ROAD)]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("heading_text", ["（二）战备物资储备补助资金", "第二项 战备物资储备补助资金"])
def test_withheld_under_a_bracketed_or_item_heading(tmp_path: Path, suffix: str, heading_text: str) -> None:
    """Before: "（二）…" / "第二项 …" over "该转移支付涉密，不予公开。" gave no record: both lines listed 未识别 (in a file
    of nothing else the import stopped, "没有找到绩效目标表")."""
    result = imported(lines(["某县财政局2026年转移支付绩效目标表", heading_text, SECRET], suffix), tmp_path, suffix)
    assert projects(result) == [heading_record(heading_text)]
    assert not_placed(result) == [heading_listed(2, heading_text)]


# --- guards: withheld-only files -----------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("named", ["某县财政局2026年转移支付绩效目标表", "单位名称：某县财政局"])
def test_withheld_only_file_named_by_title_or_label(tmp_path: Path, suffix: str, named: str) -> None:
    texts = [named, "二、战备物资储备补助资金", SECRET]
    result = imported(lines(texts, suffix), tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县财政局"
    assert projects(result) == [heading_record("二、战备物资储备补助资金")]
    assert not_placed(result) == [heading_listed(2, "二、战备物资储备补助资金")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_withheld_only_file_naming_no_department_says_so(tmp_path: Path, suffix: str) -> None:
    texts = ["2026年转移支付绩效目标表", "二、战备物资储备补助资金", SECRET]
    with pytest.raises(ImportFailure, match="原文没有部门名称"):
        imported(lines(texts, suffix), tmp_path, suffix)


@pytest.mark.parametrize("suffix", FORMATS)
def test_list_whose_every_row_is_withheld(tmp_path: Path, suffix: str) -> None:
    """Every row "该项目涉密，不予公开。": a record per row's number, its name listed, never published."""
    notice = "该项目涉密，不予公开。"
    table = FormTable([["序号", "项目名称", "预算金额（万元）", "年度绩效目标"],
                       ["1", "战备公路养护", notice, ""], ["2", "国防动员经费", notice, ""]])
    result = imported([FormText("2026年项目支出绩效目标表"), FormText("单位名称：某县人民武装部"), table], tmp_path, suffix)
    assert result.filing["department"]["name"] == "某县人民武装部"
    assert [p["withheld"] for p in projects(result)] == [{"numbers": [n, n], "notice": notice, "reason": "涉密"}
                                                         for n in (1, 2)]
    hidden = "不予公开的项目只录序号、理由和依据，此格未录入"
    assert not_placed(result) == [("战备公路养护", hidden), ("国防动员经费", hidden)]
