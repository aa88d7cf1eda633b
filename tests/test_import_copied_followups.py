"""`gongkai import` of project tables copied as text (.txt) from Excel or a web page, with the rows departments put
between the projects: a withheld project's row, a group's row, a notice across the table, a 合计 row.

1. A web page's table copied as text drops the slots of merged cells, so its rows are not all as wide. A row across
   the table ("（涉密项目，不予公开）", "2-3号项目涉密，暂不公开。", "二、所属单位") is a line without a tab: it cut the table
   in two, and every project below it was listed cell by cell. A withheld project's short row ("2 | 某县第一中学 |
   涉密项目，不予公开") was read as an indicator of the project above (its words published). A group's row ("一 |
   某县教育局本级") was read as indicator cells too.
2. A project list without indicator columns (序号 | 项目名称 | 预算单位 | 项目金额 | 年度绩效目标): a withheld row ("2 |
   涉密项目，不予公开") was published as a project of that name, and a group's row ("一 | 某县教育局本级") as a project
   named after the unit. "二、所属单位" is a group that names no unit: never a project's 预算单位.
3. A row withholding a project and a note under the table naming the same number ("注：2-3号项目涉密，不予公开。") gave two
   withheld records of one project: now one per number, the other notice kept in a note (its law taken when only it
   names one).
4. A list's 序号 written "二" or "3." is the project's number, as a heading's is; "1.1" (a number under a group) is no
   whole number and is listed, saying so.

Each form is the text as the copy writes it; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.document import ImportFailure
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_tasks import as_written

T = "\t"
NO_LAW = {"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}
SECRET = {"field": "withheld.reason", "text": "原文说明未用“因”字引出理由；编者取其中的“涉密”作为不公开理由，说明照原文全文录入。"}
NO_NUMBER = "项目表中不予公开的项目行没有写序号，未写成不予公开记录，请核对"
WITHHELD_CELL = "不予公开的项目只录序号、理由和依据，此格未录入"
NO_UNIT_GROUP = "项目表中的分组行，写的不是单位名称；文件格式中没有项目分组的字段，下面的项目照各自的一行录入，此行未录入"
GROUP_NUMBER = "项目表中单位分组行的序号，文件格式中没有对应的字段，未录入"
LIST_TOTAL = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"


def imported(text: str, tmp_path: Path) -> ImportResult:
    """The copied text written as the department's .txt and imported as a 公开 filing of 2026."""
    source = tmp_path / "原表.txt"
    source.write_text(text, encoding="utf-8")
    return import_new(source, tmp_path, "dept")


def copied(*rows: str | tuple[str, ...]) -> str:
    """Lines of copied text; a tuple is a row of cells, apart by tabs."""
    return "\n".join(T.join(row) if isinstance(row, tuple) else row for row in rows) + "\n"


def withheld(low: int, high: int, notice: str, *notes: dict[str, str]) -> dict[str, Any]:
    return {"withheld": {"numbers": [low, high], "notice": notice, "reason": "涉密"}, "notes": [NO_LAW, SECRET, *notes]}


def indicator(level1: str, level2: str, name: str, value: str) -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "value": value}


def listed(number: int, name: str, total: str, goal: str, unit: str | None = None,
           indicators: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A project as a list's row gives it (its goal with the indicators of its rows, if any)."""
    project: dict[str, Any] = {"number": number, "name": name}
    project |= {"budget_unit": unit} if unit else {}
    goal = {"id": "annual", "kind": "年度", "text": goal} | ({"indicators": indicators} if indicators else {})
    return project | {"budget": {"total": total}, "goals": [goal]}


# --- 1. a web page's project sheet with indicators, copied as text (merged slots dropped) ---------------------------

SHEET_HEAD = ("序号", "项目名称", "项目资金", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值")
TRAINING = [indicator("产出指标", "数量指标", "培训人次", "≥500人次"),
            indicator("满意度指标", "服务对象满意度指标", "参训满意度", "≥90%")]
REPAIR = [indicator("产出指标", "数量指标", "维修面积", "3000平方米"),
          indicator("效益指标", "社会效益指标", "安全隐患消除", "有效消除")]

WEB_SHEET = copied(
    "某县教育局2026年部门预算项目绩效目标表",
    "单位：万元",
    SHEET_HEAD,
    ("一", "某县教育局本级"),
    ("1", "教师培训经费", "50.00", "完成教师培训500人次。", "产出指标", "数量指标", "培训人次", "≥500人次"),
    ("满意度指标", "服务对象满意度指标", "参训满意度", "≥90%"),
    "2-3号项目涉密，暂不公开。",
    ("4", "教研活动经费", "20.00", "开展教研活动40次。", "产出指标", "数量指标", "教研活动次数", "40次"),
    "二、所属单位",
    ("5", "学生资助经费", "30.00", "资助学生200人。", "产出指标", "数量指标", "资助人数", "200人"),
    "（涉密项目，不予公开）",
    ("7", "校舍维修经费", "120.50", "完成校舍维修3000平方米。", "产出指标", "数量指标", "维修面积", "3000平方米"),
    ("效益指标", "社会效益指标", "安全隐患消除", "有效消除"),
)


def test_rows_across_a_copied_sheet_keep_the_table(tmp_path: Path) -> None:
    """Before: each line without a tab cut the table; projects 4, 5 and 7 were listed cell by cell, and the group's
    row "一 | 某县教育局本级" was listed as rows before any project. Now the groups and notices stand where they are: the
    本级's projects take its name as their unit, "所属单位" names none, the notice without 序号 is listed."""
    result = imported(WEB_SHEET, tmp_path)
    assert as_written(result.filing["projects"]) == [
        listed(1, "教师培训经费", "50.00", "完成教师培训500人次。", "某县教育局本级", TRAINING),
        withheld(2, 3, "2-3号项目涉密，暂不公开。"),
        listed(4, "教研活动经费", "20.00", "开展教研活动40次。", "某县教育局本级",
               [indicator("产出指标", "数量指标", "教研活动次数", "40次")]),
        listed(5, "学生资助经费", "30.00", "资助学生200人。", None, [indicator("产出指标", "数量指标", "资助人数", "200人")]),
        listed(7, "校舍维修经费", "120.50", "完成校舍维修3000平方米。", None, REPAIR),
    ]
    assert not_placed(result) == [("一", GROUP_NUMBER), ("二、所属单位", NO_UNIT_GROUP), ("（涉密项目，不予公开）", NO_NUMBER)]


UNIT_SHEET = copied(
    "某县教育局2026年部门预算项目绩效目标表",
    "单位：万元",
    ("序号", "单位名称", *SHEET_HEAD[1:]),
    ("1", "某县教育局本级", "教师培训经费", "50.00", "完成教师培训500人次。", "产出指标", "数量指标", "培训人次", "≥500人次"),
    ("满意度指标", "服务对象满意度指标", "参训满意度", "≥90%"),
    ("2", "某县第一中学", "涉密项目，不予公开"),
    ("3", "某县第一中学", "校舍维修经费", "120.50", "完成校舍维修3000平方米。", "产出指标", "数量指标", "维修面积", "3000平方米"),
    ("效益指标", "社会效益指标", "安全隐患消除", "有效消除"),
    ("", "合计", "", "170.50"),
)


def test_withheld_row_short_of_its_slots_is_no_indicator(tmp_path: Path) -> None:
    """Before: "2 | 某县第一中学 | 涉密项目，不予公开" (the notice merged across the rest) was read as an indicator of
    project 1 (一级指标 "2", 三级指标 the notice), and the 合计 row as one more: the withheld row's words published."""
    result = imported(UNIT_SHEET, tmp_path)
    assert as_written(result.filing["projects"]) == [
        listed(1, "教师培训经费", "50.00", "完成教师培训500人次。", "某县教育局本级", TRAINING),
        withheld(2, 2, "涉密项目，不予公开"),
        listed(3, "校舍维修经费", "120.50", "完成校舍维修3000平方米。", "某县第一中学", REPAIR),
    ]
    assert not_placed(result) == [("某县第一中学", WITHHELD_CELL), ("合计", LIST_TOTAL), ("170.50", LIST_TOTAL)]


# --- 2. a project list without indicators, copied from Excel (every slot kept) ----------------------------------------

LIST_HEAD = ("序号", "项目名称", "预算单位", "项目金额", "年度绩效目标")


def project_list(*rows: tuple[str, ...] | str, title: str = "某县交通运输局2026年项目支出绩效目标表") -> str:
    return copied(title, "单位：万元", LIST_HEAD, *rows)


def test_withheld_rows_of_a_list_are_no_projects(tmp_path: Path) -> None:
    """Before: "2 | 涉密项目，不予公开" was published as project 2 named 涉密项目，不予公开, "4 | 某县公路事业发展中心 | 该项目
    涉密，不予公开" as project 4 named after the unit, and the row without 序号 as project p3."""
    result = imported(project_list(
        ("1", "农村公路养护经费", "某县交通运输局", "120.00", "完成农村公路养护300公里。"),
        ("2", "涉密项目，不予公开", "", "", ""),
        ("", "（涉密项目，不予公开）", "", "", ""),
        ("4", "战备公路养护", "某县公路事业发展中心", "该项目涉密，不予公开", ""),
        ("5", "公交运营补贴", "某县交通运输局", "45.00", "保障公交正常运营。"),
    ), tmp_path)
    assert as_written(result.filing["projects"]) == [
        listed(1, "农村公路养护经费", "120.00", "完成农村公路养护300公里。", "某县交通运输局"),
        withheld(2, 2, "涉密项目，不予公开"),
        withheld(4, 4, "该项目涉密，不予公开"),
        listed(5, "公交运营补贴", "45.00", "保障公交正常运营。", "某县交通运输局"),
    ]
    assert not_placed(result) == [("（涉密项目，不予公开）", NO_NUMBER), ("战备公路养护", WITHHELD_CELL),
                                  ("某县公路事业发展中心", WITHHELD_CELL)]


def test_group_rows_of_a_list_are_no_projects(tmp_path: Path) -> None:
    """Before: "一 | 某县教育局本级" was project p1 named 某县教育局本级, "二、所属单位" was listed as an unknown cell, and
    the 序号 "二" of a project's row was listed. Now the 本级's row gives its projects without a unit their 预算单位,
    "二" is number 2, and "1.1" (no whole number) is listed saying so."""
    result = imported(project_list(
        ("一", "某县教育局本级", "", "", ""),
        ("1", "教师培训经费", "", "50.00", "完成教师培训500人次。"),
        ("1.1", "教研活动经费", "", "20.00", "开展教研活动40次。"),
        ("二、所属单位", "", "", "", ""),
        ("3.", "校舍维修经费", "某县第一中学", "120.50", "完成校舍维修3000平方米。"),
        ("四", "学生资助经费", "某县第二中学", "30.00", "资助学生200人。"),
        ("", "合计", "", "220.50", ""),
        title="某县教育局2026年项目支出绩效目标表"), tmp_path)
    projects = as_written(result.filing["projects"])
    assert projects == [
        listed(1, "教师培训经费", "50.00", "完成教师培训500人次。", "某县教育局本级"),
        {"id": "p2", "name": "教研活动经费", "budget_unit": "某县教育局本级", "budget": {"total": "20.00"},
         "goals": [{"id": "annual", "kind": "年度", "text": "开展教研活动40次。"}]},
        listed(3, "校舍维修经费", "120.50", "完成校舍维修3000平方米。", "某县第一中学"),
        listed(4, "学生资助经费", "30.00", "资助学生200人。", "某县第二中学"),
    ]
    assert not_placed(result) == [("一", GROUP_NUMBER), ("1.1", "序号“1.1”不是一个整数（文件格式中项目的序号是整数），未录入"),
                                  ("二、所属单位", NO_UNIT_GROUP), ("合计", LIST_TOTAL), ("220.50", LIST_TOTAL)]


# --- 3. one withheld record per number ---------------------------------------------------------------------------

def test_row_and_note_withholding_one_project_give_one_record(tmp_path: Path) -> None:
    """Before: the rows of 2 and 3 and the note under the table gave [2, 2], [3, 3] and [2, 3]: each project withheld
    twice. Now the note's words are kept on the rows' records, its law taken where they name none; 6 (named only by
    the note) gets a record of its own."""
    note = "注：2-3、6号项目涉密，根据《中华人民共和国保守国家秘密法》不予公开。"
    result = imported(project_list(
        ("1", "农村公路养护经费", "某县交通运输局", "120.00", "完成农村公路养护300公里。"),
        ("2", "涉密项目，不予公开", "", "", ""),
        ("3", "涉密项目，不予公开", "", "", ""),
        ("4", "公交运营补贴", "某县交通运输局", "45.00", "保障公交正常运营。"),
        note), tmp_path)
    law = "《中华人民共和国保守国家秘密法》"

    def also(number: int) -> dict[str, str]:
        return {"field": "withheld.notice", "text": f"原文另有一处说明“{note}”也写明第{number}号项目不予公开；"
                                                    f"编者只录一条不予公开记录，说明和理由按前一处录入，依据按这一处录入（“{law}”）。"}

    def row(number: int) -> dict[str, Any]:
        return {"withheld": {"numbers": [number, number], "notice": "涉密项目，不予公开", "reason": "涉密",
                             "legal_basis": law}, "notes": [SECRET, also(number)]}

    split = {"field": "withheld.numbers", "text": "原文一条不公开说明列出几处序号（第2-3号、第6号）；一条不予公开记录只记一段连续的序号，"
                                                  "编者拆为2条记录，各录入原文的说明、理由和依据。"}
    assert as_written(result.filing["projects"]) == [
        listed(1, "农村公路养护经费", "120.00", "完成农村公路养护300公里。", "某县交通运输局"),
        row(2), row(3),
        listed(4, "公交运营补贴", "45.00", "保障公交正常运营。", "某县交通运输局"),
        {"withheld": {"numbers": [6, 6], "notice": note, "reason": "涉密", "legal_basis": law}, "notes": [SECRET, split]},
    ]
    assert not_placed(result) == []


# --- guards: what already imports right ------------------------------------------------------------------------------

def test_excel_copy_with_quotes_page_lines_and_header_again(tmp_path: Path) -> None:
    """Excel's quoting (a goal over two lines, a name with a line break, "" for a quote), the PDF viewer's page lines,
    the header printed again, a thousands comma: every project as filed."""
    result = imported(copied(
        "2026年某县卫生健康局项目支出绩效目标表",
        "单位：万元",
        LIST_HEAD,
        ("1", "基本公共卫生服务", "某县卫生健康局", "1,234.50", '"1.居民健康档案建档率达到90%；\n2.老年人健康管理率达到70%。"'),
        ("2", '"家庭医生\n签约服务"', "某县卫生健康局", "86.00", "签约率达到45%。"),
        "",
        "第 1 页，共 2 页",
        LIST_HEAD,
        ("3", "计划生育奖励扶助", "某县卫生健康局", "560.00", '"按时足额发放""奖励扶助金""。"'),
        ("", "合计", "", "1,880.50", ""),
        "第 2 页，共 2 页"), tmp_path)
    comma = {"field": "budget.total", "text": "原表写作“1,234.50”；编者去掉千分位逗号，录入为 1234.50。"}
    assert as_written(result.filing["projects"]) == [
        listed(1, "基本公共卫生服务", "1234.50", "1.居民健康档案建档率达到90%；\n2.老年人健康管理率达到70%。", "某县卫生健康局")
        | {"notes": [comma]},
        listed(2, "家庭医生\n签约服务", "86.00", "签约率达到45%。", "某县卫生健康局"),
        listed(3, "计划生育奖励扶助", "560.00", '按时足额发放"奖励扶助金"。', "某县卫生健康局"),
    ]
    assert not_placed(result) == [("合计", LIST_TOTAL), ("1,880.50", LIST_TOTAL)]


def test_notice_line_inside_an_excel_copy_stays_in_the_table(tmp_path: Path) -> None:
    """Every slot kept (Excel): a notice line without a tab between two projects withholds its numbers where it
    stands, and the projects below stay under the header."""
    result = imported(copied(
        "某县教育局2026年部门预算项目绩效目标表",
        SHEET_HEAD,
        ("1", "教师培训经费", "50.00", "完成教师培训500人次。", "产出指标", "数量指标", "培训人次", "≥500人次"),
        ("", "", "", "", "满意度指标", "服务对象满意度指标", "参训满意度", "≥90%"),
        "第2号项目涉密，暂不公开。",
        ("3", "校舍维修经费", "120.50", "完成校舍维修3000平方米。", "产出指标", "数量指标", "维修面积", "3000平方米"),
        ("", "", "", "", "效益指标", "社会效益指标", "安全隐患消除", "有效消除")), tmp_path)
    assert as_written(result.filing["projects"]) == [
        listed(1, "教师培训经费", "50.00", "完成教师培训500人次。", None, TRAINING),
        withheld(2, 2, "第2号项目涉密，暂不公开。"),
        listed(3, "校舍维修经费", "120.50", "完成校舍维修3000平方米。", None, REPAIR),
    ]
    assert not_placed(result) == []


def test_notice_naming_a_project_without_its_number_is_listed(tmp_path: Path) -> None:
    """A notice that names the project, not its number: nothing says which number to withhold. Listed, never a
    project of that name."""
    result = imported(project_list(
        ("1", "农村公路养护经费", "某县交通运输局", "120.00", "完成农村公路养护300公里。"),
        ("", "战备公路养护项目涉密，不予公开", "", "", ""),
        ("3", "公交运营补贴", "某县交通运输局", "45.00", "保障公交正常运营。")), tmp_path)
    assert [p.get("name") for p in result.filing["projects"]] == ["农村公路养护经费", "公交运营补贴"]
    assert not_placed(result) == [("战备公路养护项目涉密，不予公开", NO_NUMBER)]


def test_a_cells_next_line_between_rows_is_no_group(tmp_path: Path) -> None:
    """Excel-wide rows, a goal's second line copied without a tab between two of them: kept in the table and listed as
    it was, not read as a group's row naming a unit."""
    result = imported(project_list(
        ("1", "农村公路养护经费", "某县交通运输局", "120.00", "完成农村公路养护300公里，"),
        "优良中等路率达到80%。",
        ("2", "客运站运营补贴", "某县交通运输局", "30.00", "保障客运站正常运营。")), tmp_path)
    assert as_written(result.filing["projects"]) == [
        listed(1, "农村公路养护经费", "120.00", "完成农村公路养护300公里，", "某县交通运输局"),
        listed(2, "客运站运营补贴", "30.00", "保障客运站正常运营。", "某县交通运输局"),
    ]
    assert not_placed(result) == [("优良中等路率达到80%。", "未识别的单元格")]


# --- 5. a PDF viewer's page head copied with the text ---------------------------------------------------------------

def test_page_head_with_its_number_joins_the_table(tmp_path: Path) -> None:
    """Before: "某县民政局2026年部门预算公开    第 2 页" between the two pages of the indicator table was listed, and cut
    it in two: two goals, and 资金发放准确率 (under 产出指标, merged from the page before) filed under 效益指标. Now the
    line is a page head, said in a remark, and the table reads on past the header printed again."""
    result = imported(copied(
        "某县民政局2026年部门整体支出绩效目标表",
        "",
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "低保对象保障人数", "≥3200人"),
        ("", "", "特困人员供养人数", "≥450人"),
        "某县民政局2026年部门预算公开    第 2 页",
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("", "质量指标", "资金发放准确率", "100%"),
        ("效益指标", "社会效益指标", "困难群众基本生活", '"有效保障\n（应保尽保）"'),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%")), tmp_path)
    assert as_written(result.filing["goals"]) == [{"id": "g1", "kind": "年度", "indicators": [
        indicator("产出指标", "数量指标", "低保对象保障人数", "≥3200人"),
        indicator("产出指标", "数量指标", "特困人员供养人数", "≥450人"),
        indicator("产出指标", "质量指标", "资金发放准确率", "100%"),
        indicator("效益指标", "社会效益指标", "困难群众基本生活", "有效保障\n（应保尽保）"),
        indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%")]}]
    assert not_placed(result) == []
    assert any("“某县民政局2026年部门预算公开    第 2 页”是页眉（页脚）和页码" in remark
               for remark in result.imported.remarks)


def test_a_line_ending_in_a_page_reference_is_no_page_head(tmp_path: Path) -> None:
    """A line with a sentence's marks before "第 2 页" is no page head: never left out as one (here listed, as a line
    of two parts apart by spaces, one of them no label, is)."""
    result = imported(copied(
        "某县民政局2026年部门整体支出绩效目标表",
        "年度总体目标：保障困难群众基本生活，详见附件    第 2 页",
        "",
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "低保对象保障人数", "≥3200人")), tmp_path)
    assert not_placed(result) == [("年度总体目标：保障困难群众基本生活，详见附件    第 2 页", "未识别的段落")]


def test_page_head_between_rows_is_no_row(tmp_path: Path) -> None:
    """The head between two rows of the table, the header not printed again: a page head, not a one-cell row of the
    indicator table (before, listed as one)."""
    result = imported(copied(
        "某县民政局2026年部门整体支出绩效目标表",
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "低保对象保障人数", "≥3200人"),
        "第 2 页　　某县民政局2026年部门预算公开",
        ("", "质量指标", "资金发放准确率", "100%")), tmp_path)
    assert as_written(result.filing["goals"][0]["indicators"]) == [
        indicator("产出指标", "数量指标", "低保对象保障人数", "≥3200人"),
        indicator("产出指标", "质量指标", "资金发放准确率", "100%")]
    assert not_placed(result) == []


# --- 6. a table with spaces between its cells ---------------------------------------------------------------------

def test_spaced_table_is_refused_saying_why(tmp_path: Path) -> None:
    """Cells apart by runs of spaces (a PDF viewer's copy): no column is certain, nothing is guessed. Before, the
    refusal said only that the file held no form; now it says the cells are apart by spaces and what to do."""
    text = copied("某县农业农村局2026年项目支出绩效目标表",
                  "序号    项目名称                预算单位          项目金额    年度绩效目标",
                  "1       高标准农田建设          某县农业农村局    500.00      建成高标准农田1万亩。")
    with pytest.raises(ImportFailure) as refused:
        imported(text, tmp_path)
    assert "文字中没有 Tab，第2行（“序号    项目名称                预算单位”）像是表格的表头，各格之间却是空格" in str(refused.value)
    assert not (tmp_path / "out.yml").exists()


def test_rows_under_a_notice_naming_no_number_are_withheld(tmp_path: Path) -> None:
    """"以下项目涉密，不予公开：" across the list, then rows of only a 序号 and a name: before, each was published as a
    project of that name. Now each is a withheld record of its number, its name listed; a row with its amount and goal
    ends the list and is a project."""
    result = imported(project_list(
        ("1", "农村公路养护经费", "某县交通运输局", "120.00", "完成农村公路养护300公里。"),
        ("以下项目涉密，不予公开：", "", "", "", ""),
        ("2", "战备公路养护经费", "", "", ""),
        ("3", "国防交通保障", "", "", ""),
        ("4", "客运站运营补贴", "某县交通运输局", "30.00", "保障客运站正常运营。"),
        ("5", "公交站台维护", "", "", "")), tmp_path)
    listing = {"field": "withheld.numbers", "text": "原表这条说明下面逐行列出不予公开的项目；编者按各行的序号录入，各行的项目名称未录入。"}
    assert as_written(result.filing["projects"]) == [
        listed(1, "农村公路养护经费", "120.00", "完成农村公路养护300公里。", "某县交通运输局"),
        withheld(2, 2, "以下项目涉密，不予公开：", listing),
        withheld(3, 3, "以下项目涉密，不予公开：", listing),
        listed(4, "客运站运营补贴", "30.00", "保障客运站正常运营。", "某县交通运输局"),
        {"number": 5, "name": "公交站台维护"},
    ]
    name = "不公开说明下列出的第{}号项目：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，项目名称未录入"
    assert not_placed(result) == [("战备公路养护经费", name.format(2)), ("国防交通保障", name.format(3))]


def test_table_rows_under_a_notice_paragraph_are_withheld(tmp_path: Path) -> None:
    """"以下项目涉密，不予公开：" as a line of its own, and under it the rows "3 | 战备公路养护经费" copied with a tab:
    before, the notice was listed as naming no project and the rows' cells as unknown. Now read as the lines
    "3.战备公路养护经费" under such a notice are: a withheld record per row, the name listed."""
    result = imported(copied(
        "某县交通运输局2026年项目支出绩效目标表",
        "单位：万元",
        LIST_HEAD,
        ("1", "农村公路养护经费", "某县交通运输局", "120.00", "完成农村公路养护300公里。"),
        "",
        "以下项目涉密，不予公开：",
        ("3", "战备公路养护经费"),
        ("4", "国防交通保障")), tmp_path)
    listing = {"field": "withheld.numbers", "text": "原文这条说明的冒号后没有序号，不予公开的项目逐行列在说明下面；"
                                                    "编者按该行的序号录入，该行的项目名称未录入。"}
    assert as_written(result.filing["projects"]) == [
        listed(1, "农村公路养护经费", "120.00", "完成农村公路养护300公里。", "某县交通运输局"),
        withheld(3, 3, "以下项目涉密，不予公开：", listing),
        withheld(4, 4, "以下项目涉密，不予公开：", listing),
    ]
    name = "不公开说明下列出的第{}号项目：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，项目名称未录入"
    assert not_placed(result) == [("战备公路养护经费", name.format(3)), ("国防交通保障", name.format(4))]
