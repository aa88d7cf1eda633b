"""`gongkai import` of text exports (.txt, tab-separated as the seeds are) of forms from provinces the seeds do not
cover: 安徽 and 江西 项目支出绩效目标申报表 with 中期 and 年度 side by side, a 江西 部门整体支出绩效目标表 with its
年度主要任务, a 湖南 county's list of its units' projects, a 广东 project form whose indicators carry 指标方向, 分值 and
评（扣）分标准, and forms with codes (项目代码, 功能科目编码, 单位编码) beside amounts.

1. 项目资金 under 中期资金总额 / 年度资金总额 heads: the totals on the first row under the heads with no row label (the
   label cell merged away) ended the matrix: the totals were listed and the 其中 rows read as the project's whole
   budget (budget.fiscal 3300.00, the 中期 figure). Heads each over a label and its amount ("中期资金总额" over
   "资金总额 | 3600.00"): the label was read as the amount. Both now give budget.medium_term / budget.annual.
2. A list of a county department's projects with a 单位名称 column (本级 and 所属单位), 单位编码 beside it and the
   units' 小计 on their group rows: the header's "单位名称 | 项目名称" was read as the department's name pair (the
   department named "项目名称"), the 合计 row as a nameless project, every project listed cell by cell. The list is
   read; the codes and 小计 amounts are listed with why.
3. 年度主要任务 whose 任务名称 spans two columns, the form's "任务1" left of the task's name: the task was named
   "任务1" and its name listed as under no column. A task table with an 对应项目 column was not read at all.
4. "功能科目编码 | 2040601" beside a project's code: listed as not recognised; now listed as a field the format
   lacks (as 支出功能分类科目 is). A code is never an amount. A list with a 功能科目编码 column was one project
   named "功能科目编码".
5. 项目资金 over 资金总额 | 财政拨款 | 其他资金 in a text export (the merge kept only as empty slots): the split heads were
   read as a 合计 row and each project got only its total.
6. The central 部门整体 申报表's 年度预算申请 (资金总额 over its amount, the kinds as word–amount pairs under 按收入性质分 /
   按支出性质分): its 其他资金 made a nameless project that took the 年度总体目标 and every indicator.

Each form is the text as the export writes it; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import not_placed
from tests.test_import_tasks import as_written
from tests.test_import_unseen_excel_text import export, imported


# --- 1. 中期 / 年度 budget heads ----------------------------------------------------------------------------------

def anhui_form(*funds: str) -> str:
    """A 安徽 county's 项目支出绩效目标申报表 (三年滚动 2025–2027), `funds` its 项目资金 rows."""
    return export(
        "",
        "2025年度项目支出绩效目标申报表",
        "",
        "填报单位（盖章）：合肥市庐阳区农业农村局\t\t\t\t\t单位：万元",
        "",
        "项目名称\t高标准农田建设项目\t\t\t\t",
        "项目代码\t34010025T000000123456\t\t功能科目编码\t2130135\t",
        "实施单位\t合肥市庐阳区农田建设服务中心\t\t项目期\t3年\t",
        *funds,
        "总体目标\t中期目标（2025年—2027年）\t\t\t年度目标\t",
        "\t三年新建高标准农田3万亩。\t\t\t2025年新建高标准农田1万亩。\t",
        "绩效指标\t一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值",
        "\t产出指标\t数量指标\t新建高标准农田面积\t3万亩\t1万亩",
        "\t\t时效指标\t项目完工时间\t2027年底前\t2025年底前",
        "\t满意度指标\t服务对象满意度指标\t受益农户满意度\t≥95%\t≥95%",
    )


MATRIX_BUDGET = {
    "medium_term": {"total": "3600.00", "fiscal": "3300.00", "other": "300.00"},
    "annual": {"total": "1200.00", "fiscal": "1100.00", "other": "100.00"},
}
CODE_LISTED = [("功能科目编码", "原表的“功能科目编码”在文件格式中没有对应的字段，未录入"),
               ("2130135", "原表的“功能科目编码”在文件格式中没有对应的字段，未录入")]


def anhui_project(result: ImportResult) -> dict[str, Any]:
    [project] = result.filing["projects"]
    return as_written(project)


def test_budget_totals_on_an_unlabelled_row_under_the_period_heads(tmp_path: Path) -> None:
    """Before: budget {fiscal: 3300.00, other: 300.00} (the 中期 figures as the whole budget); 3600.00, 1200.00,
    1100.00 and 100.00 listed as not recognised."""
    result = imported(anhui_form(
        "项目资金（万元）\t\t中期资金总额\t年度资金总额\t\t",
        "\t\t3600.00\t1200.00\t\t",
        "\t其中：财政拨款\t3300.00\t1100.00\t\t",
        "\t其他资金\t300.00\t100.00\t\t",
    ), tmp_path)
    project = anhui_project(result)
    assert project["budget"] == MATRIX_BUDGET
    assert (project["code"], project["budget_unit"], project["period"]) == (
        "34010025T000000123456", "合肥市庐阳区农田建设服务中心", "3年")
    assert not_placed(result) == CODE_LISTED
    assert result.check.errors == [] and result.check.warnings == []


def test_period_heads_each_over_a_label_and_its_amount(tmp_path: Path) -> None:
    """Before: "资金总额", "其中：财政拨款", "其他资金" listed as amounts that are no figure, every amount as not
    recognised, the project without a budget."""
    result = imported(anhui_form(
        "项目资金（万元）\t\t中期资金总额\t\t年度资金总额\t",
        "\t\t资金总额\t3600.00\t资金总额\t1200.00",
        "\t\t其中：财政拨款\t3300.00\t其中：财政拨款\t1100.00",
        "\t\t其他资金\t300.00\t其他资金\t100.00",
    ), tmp_path)
    project = anhui_project(result)
    assert project["budget"] == MATRIX_BUDGET
    goals = project["goals"]
    assert [(goal["kind"], goal.get("span"), [i["value"] for i in goal["indicators"]]) for goal in goals] == [
        ("中期", [2025, 2027], ["3万亩", "2027年底前", "≥95%"]), ("年度", None, ["1万亩", "2025年底前", "≥95%"])]
    assert not_placed(result) == CODE_LISTED
    assert result.check.errors == [] and result.check.warnings == []


def test_period_heads_over_a_labelled_column_stay_read(tmp_path: Path) -> None:
    """Guard: the labels in their own column, the amounts under the heads (read right before)."""
    result = imported(anhui_form(
        "项目资金（万元）\t\t中期资金总额\t年度资金总额\t\t",
        "\t资金总额\t3600.00\t1200.00\t\t",
        "\t其中：财政拨款\t3300.00\t1100.00\t\t",
        "\t其他资金\t300.00\t100.00\t\t",
    ), tmp_path)
    assert anhui_project(result)["budget"] == MATRIX_BUDGET
    assert not_placed(result) == CODE_LISTED


# A 江西 申报表: the central form's label–amount pairs, 中期指标 / 年度指标 halves side by side (guard).
JIANGXI_HALVES = export(
    "2025年项目支出绩效目标申报表",
    "（2025年度）",
    "",
    "项目名称\t乡村振兴衔接资金项目\t\t\t\t\t\t",
    "主管部门及代码\t[203]赣州市于都县农业农村局\t\t\t实施单位\t于都县乡村振兴服务中心\t\t",
    "项目属性\t新增项目\t\t\t项目期\t3年\t\t",
    "项目资金（万元）\t中期资金总额：\t\t5400.00\t年度资金总额：\t\t1800.00\t",
    "\t其中：财政拨款\t\t5400.00\t其中：财政拨款\t\t1800.00\t",
    "\t其他资金\t\t0.00\t其他资金\t\t0.00\t",
    "总体目标\t中期目标（2025年—2027年）\t\t\t年度目标\t\t\t",
    "\t目标1：三年内支持200个村发展特色产业。\t\t\t目标1：支持70个村发展特色产业。\t\t\t",
    "绩效指标\t一级指标\t二级指标\t中期指标\t\t年度指标\t\t",
    "\t\t\t三级指标\t指标值\t三级指标\t指标值\t",
    "\t产出指标\t数量指标\t支持村数\t200个\t支持村数\t70个\t",
    "\t\t成本指标\t村均扶持资金\t≤27万元\t村均扶持资金\t≤27万元\t",
    "\t效益指标\t经济效益指标\t带动农户增收\t较上年提高\t带动农户增收\t较上年提高\t",
    "\t\t可持续影响指标\t产业帮扶长效机制\t\t产业帮扶长效机制\t逐步建立\t",
)


def test_side_by_side_halves_with_label_amount_pairs(tmp_path: Path) -> None:
    """Guard: 主管部门及代码 split into code and name, the pairs into both budgets, each half into its goal; a 中期
    indicator left blank keeps its name (check says it has no value)."""
    result = imported(JIANGXI_HALVES, tmp_path)
    filing = as_written(result.filing)
    assert (filing["department"]["name"], filing["department"]["code"]) == ("赣州市于都县农业农村局", "203")
    [project] = filing["projects"]
    assert project["budget"] == {"medium_term": {"total": "5400.00", "fiscal": "5400.00", "other": "0.00"},
                                 "annual": {"total": "1800.00", "fiscal": "1800.00", "other": "0.00"}}
    medium, annual = project["goals"]
    assert (medium["kind"], medium["span"], medium["text"]) == ("中期", [2025, 2027], "目标1：三年内支持200个村发展特色产业。")
    assert [(i["name"], i.get("value")) for i in medium["indicators"]] == [
        ("支持村数", "200个"), ("村均扶持资金", "≤27万元"), ("带动农户增收", "较上年提高"), ("产业帮扶长效机制", None)]
    assert [(i["level2"], i["value"]) for i in annual["indicators"]] == [
        ("数量指标", "70个"), ("成本指标", "≤27万元"), ("经济效益指标", "较上年提高"), ("可持续影响指标", "逐步建立")]
    assert not_placed(result) == []


def test_title_naming_the_three_years_of_the_plan(tmp_path: Path) -> None:
    """A 广西 三年滚动 form titled "2025—2027年…": before, fiscal_year 2027 (the title's last year, with no note)."""
    result = imported(export(
        "2025—2027年项目支出绩效目标表",
        "主管部门\t南宁市青秀区交通运输局\t\t",
        "项目名称\t农村公路提质改造\t\t",
        "项目期\t3年\t\t",
        "中期资金总额\t3000.00\t\t",
        "中期目标（2025年—2027年）\t三年完成农村公路提质改造150公里。\t\t",
        "年度目标\t2025年完成50公里。\t\t",
        "一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值",
        "产出指标\t数量指标\t提质改造里程\t150公里\t50公里",
    ), tmp_path)
    filing = as_written(result.filing)
    assert filing["fiscal_year"] == 2025
    assert [note for note in filing["notes"] if note["field"] == "fiscal_year"] == [
        {"field": "fiscal_year", "text": "标题“2025—2027年项目支出绩效目标表”写的是 2025—2027 年几个年度；"
                                         "编者取第一年 2025 年作为预算年度。"}]
    [project] = filing["projects"]
    assert project["budget"] == {"medium_term": {"total": "3000.00"}}
    assert [(goal["kind"], goal.get("span")) for goal in project["goals"]] == [("中期", [2025, 2027]), ("年度", None)]


# --- 2. a county department's list of its units' projects ---------------------------------------------------------

HUNAN_LIST = export(
    "2025年部门项目支出预算表",
    "",
    "部门名称：长沙县教育局\t\t\t\t\t\t单位：万元",
    "序号\t单位编码\t单位名称\t项目名称\t资金总额\t财政拨款\t其他资金",
    "\t\t\t合计\t5630.00\t5210.00\t420.00",
    "一\t101001\t长沙县教育局本级\t\t1830.00\t1830.00\t0.00",
    "1\t101001\t长沙县教育局本级\t学生资助补助经费\t1200.00\t1200.00\t0.00",
    "2\t101001\t长沙县教育局本级\t教师培训经费\t630.00\t630.00\t0.00",
    "二\t\t所属单位\t\t3800.00\t3380.00\t420.00",
    "（一）\t101002\t长沙县第一中学\t\t2100.00\t1800.00\t300.00",
    "3\t101002\t长沙县第一中学\t校舍维修改造\t1500.00\t1200.00\t300.00",
    "4\t101002\t长沙县第一中学\t教学设备购置\t600.00\t600.00\t",
    "（二）\t101003\t长沙县实验小学\t\t1700.00\t1580.00\t120.00",
    "5\t101003\t长沙县实验小学\t课后服务补助\t1700.00\t1580.00\t120.00",
)

LISTED_PROJECTS = [
    {"number": 1, "name": "学生资助补助经费", "budget_unit": "长沙县教育局本级",
     "budget": {"total": "1200.00", "fiscal": "1200.00", "other": "0.00"}},
    {"number": 2, "name": "教师培训经费", "budget_unit": "长沙县教育局本级",
     "budget": {"total": "630.00", "fiscal": "630.00", "other": "0.00"}},
    {"number": 3, "name": "校舍维修改造", "budget_unit": "长沙县第一中学",
     "budget": {"total": "1500.00", "fiscal": "1200.00", "other": "300.00"}},
    {"number": 4, "name": "教学设备购置", "budget_unit": "长沙县第一中学",
     "budget": {"total": "600.00", "fiscal": "600.00"}},
    {"number": 5, "name": "课后服务补助", "budget_unit": "长沙县实验小学",
     "budget": {"total": "1700.00", "fiscal": "1580.00", "other": "120.00"}},
]
TOTAL = "项目表的合计行；文件格式中项目表没有合计的字段，未录入"
SUM = "项目表中分组行的小计金额（这一组项目的合计）；文件格式中没有项目分组的字段，未录入"
CODE = "原表“单位编码”一列在文件格式中没有对应的字段，未录入"
NUMBER = "项目表中单位分组行的序号，文件格式中没有对应的字段，未录入"
NO_UNIT = "项目表中的分组行，写的不是单位名称；文件格式中没有项目分组的字段，下面的项目照各自的一行录入，此行未录入"


def test_list_of_units_projects_with_codes_and_subtotals(tmp_path: Path) -> None:
    """Before: the department named "项目名称" (the header's 单位名称 | 项目名称 read as its name), one nameless project
    with the 合计 row's amounts, every other cell listed as not recognised."""
    result = imported(HUNAN_LIST, tmp_path)
    filing = as_written(result.filing)
    assert filing["department"] == {"id": "dept", "name": "长沙县教育局", "region": "ezhou"}
    assert "notes" not in filing
    assert filing["projects"] == LISTED_PROJECTS
    assert not_placed(result) == [
        ("合计", TOTAL), ("5630.00", TOTAL), ("5210.00", TOTAL), ("420.00", TOTAL),
        ("一", NUMBER), ("101001", CODE), ("1830.00", SUM), ("1830.00", SUM), ("0.00", SUM),
        ("101001", CODE), ("101001", CODE),
        ("二", NUMBER), ("所属单位", NO_UNIT), ("3800.00", SUM), ("3380.00", SUM), ("420.00", SUM),
        ("（一）", NUMBER), ("101002", CODE), ("2100.00", SUM), ("1800.00", SUM), ("300.00", SUM),
        ("101002", CODE), ("101002", CODE),
        ("（二）", NUMBER), ("101003", CODE), ("1700.00", SUM), ("1580.00", SUM), ("120.00", SUM),
        ("101003", CODE),
    ]
    assert result.check.errors == [] and result.check.warnings == []


def test_list_of_units_projects_without_codes(tmp_path: Path) -> None:
    """The same list without its 单位编码 column (before: read as wrongly as above)."""
    text = "".join("\t".join(cells[:1] + cells[2:]) + "\n" if len(cells := line.split("\t")) == 7 else line + "\n"
                   for line in HUNAN_LIST.splitlines())
    result = imported(text, tmp_path)
    assert as_written(result.filing)["department"]["name"] == "长沙县教育局"
    assert as_written(result.filing)["projects"] == LISTED_PROJECTS
    assert [why for _, why in not_placed(result)].count(SUM) == 12


def test_list_with_indicator_rows_and_a_unit_code_column(tmp_path: Path) -> None:
    """The 预算管理一体化 export of a 湖南 department with its units' codes. Before: the header was no project list's
    (单位编码 is no indicator column), the project cells listed and both projects' indicators filed as one goal of
    the department's own."""
    result = imported(export(
        "2025年部门项目支出绩效目标表",
        "部门名称：株洲市荷塘区卫生健康局\t\t\t\t\t\t\t\t\t",
        "序号\t单位编码\t单位名称\t项目名称\t项目金额\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值",
        "1\t101001\t株洲市荷塘区卫生健康局本级\t家庭医生签约服务\t120.00\t签约覆盖率达到40%\t产出指标\t数量指标\t签约人数\t≥3万人",
        "\t\t\t\t\t\t满意度指标\t服务对象满意度指标\t签约居民满意度\t≥90%",
        "2\t101002\t荷塘区疾病预防控制中心\t免疫规划\t85.50\t适龄儿童接种率≥95%\t产出指标\t质量指标\t接种率\t≥95%",
    ), tmp_path)
    filing = as_written(result.filing)
    assert "goals" not in filing
    assert [(p["number"], p["name"], p["budget_unit"], p["budget"], p["goals"][0]["text"],
             [(i["name"], i["value"]) for i in p["goals"][0]["indicators"]]) for p in filing["projects"]] == [
        (1, "家庭医生签约服务", "株洲市荷塘区卫生健康局本级", {"total": "120.00"}, "签约覆盖率达到40%",
         [("签约人数", "≥3万人"), ("签约居民满意度", "≥90%")]),
        (2, "免疫规划", "荷塘区疾病预防控制中心", {"total": "85.50"}, "适龄儿童接种率≥95%", [("接种率", "≥95%")]),
    ]
    assert not_placed(result) == [("101001", CODE), ("101002", CODE)]


# A 湖南 list in 元: 项目资金 over 资金总额 | 财政拨款 | 其他资金 on the row below, the merge kept as empty slots.
YUEYANG_LIST = export(
    "2025年项目支出预算表",
    "",
    "单位名称：岳阳市君山区水利局\t\t\t\t\t金额单位：元",
    "序号\t项目名称\t预算单位\t项目资金\t\t",
    "\t\t\t资金总额\t财政拨款\t其他资金",
    "1\t防汛抗旱专项经费\t岳阳市君山区水利局本级\t1250000.00\t1250000.00\t0.00",
    "2\t水利工程维修养护\t岳阳市君山区水利局本级\t860500.00\t800000.00\t60500.00",
    "\t小计\t\t2110500.00\t2050000.00\t60500.00",
    "3\t灌区续建配套\t君山区灌溉管理站\t3000000.00\t3000000.00\t",
    "\t合计\t\t5110500.00\t5050000.00\t60500.00",
)


def test_amount_head_over_its_split_in_a_text_export(tmp_path: Path) -> None:
    """Before: the split heads read as a 合计 row, each project's 财政拨款 and 其他资金 listed as not recognised (the
    budget only a total). A real grid says the merge; the text keeps only the empty slots right of 项目资金."""
    result = imported(YUEYANG_LIST, tmp_path)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "name": "防汛抗旱专项经费", "budget_unit": "岳阳市君山区水利局本级",
         "budget": {"total": "1250000.00", "fiscal": "1250000.00", "other": "0.00"}},
        {"number": 2, "name": "水利工程维修养护", "budget_unit": "岳阳市君山区水利局本级",
         "budget": {"total": "860500.00", "fiscal": "800000.00", "other": "60500.00"}},
        {"number": 3, "name": "灌区续建配套", "budget_unit": "君山区灌溉管理站",
         "budget": {"total": "3000000.00", "fiscal": "3000000.00"}},
    ]
    assert not_placed(result) == [(text, TOTAL) for text in (
        "小计", "2110500.00", "2050000.00", "60500.00", "合计", "5110500.00", "5050000.00", "60500.00")]
    assert result.check.errors == []


def test_list_with_a_subject_code_column(tmp_path: Path) -> None:
    """Before: one project named "功能科目编码" (the header read as a form's label and value), every row listed as not
    recognised. The numeric 项目编码 is the code, the 功能科目编码 no amount and no code of the project: listed."""
    result = imported(export(
        "2025年部门项目支出表",
        "部门名称：蚌埠市禹会区民政局\t\t\t\t",
        "序号\t项目编码\t项目名称\t功能科目编码\t项目金额",
        "1\t2025001\t城乡低保\t2082001\t1200.00",
        "2\t2025002\t特困供养\t2082002\t350.50",
        "合计\t\t\t\t1550.50",
    ), tmp_path)
    assert as_written(result.filing["projects"]) == [
        {"number": 1, "code": "2025001", "name": "城乡低保", "budget": {"total": "1200.00"}},
        {"number": 2, "code": "2025002", "name": "特困供养", "budget": {"total": "350.50"}},
    ]
    subject = "原表“功能科目编码”一列在文件格式中没有对应的字段，未录入"
    assert not_placed(result) == [("2082001", subject), ("2082002", subject), ("合计", TOTAL), ("1550.50", TOTAL)]


# --- 3. 年度主要任务 with 任务名称 over two columns ---------------------------------------------------------------------

JIANGXI_TASKS = export(
    "",
    "2025年部门整体支出绩效目标表",
    "",
    "填报单位：南昌市青山湖区卫生健康委员会\t\t\t\t\t\t",
    "单位编码\t101001\t\t\t\t\t金额单位：万元",
    "年度主要任务\t任务名称\t\t主要内容\t预算金额（万元）\t\t",
    "\t\t\t\t总额\t财政拨款\t其他资金",
    "\t任务1\t基本公共卫生服务\t为辖区居民提供14类基本公共卫生服务\t1256.80\t1256.80\t0",
    "\t任务2\t疾病预防控制\t做好传染病监测和免疫规划工作\t386.00\t350.00\t36.00",
    "\t任务3\t机关运行保障\t保障机关正常运转\t512.34\t512.34\t",
    "\t金额合计\t\t\t2155.14\t2119.14\t36.00",
    "年度总体目标\t1. 居民电子健康档案建档率保持在90%以上；2. 适龄儿童免疫规划疫苗接种率≥95%。\t\t\t\t\t",
    "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标方向\t指标值\t计量单位",
    "\t产出指标\t数量指标\t居民电子健康档案建档率\t正向\t≥90\t%",
    "\t\t时效指标\t疫情处置响应时间\t反向\t≤2\t小时",
    "\t效益指标\t社会效益指标\t居民健康素养水平\t正向\t较上年提高\t",
)


def test_task_names_right_of_the_forms_task_numbers(tmp_path: Path) -> None:
    """Before: tasks named "任务1", "任务2", "任务3", their names listed as under no column."""
    result = imported(JIANGXI_TASKS, tmp_path)
    filing = as_written(result.filing)
    assert filing["tasks"] == {
        "lines": [
            {"name": "基本公共卫生服务", "content": "为辖区居民提供14类基本公共卫生服务",
             "budget": {"total": "1256.80", "fiscal": "1256.80", "other": "0"}},
            {"name": "疾病预防控制", "content": "做好传染病监测和免疫规划工作",
             "budget": {"total": "386.00", "fiscal": "350.00", "other": "36.00"}},
            {"name": "机关运行保障", "content": "保障机关正常运转", "budget": {"total": "512.34", "fiscal": "512.34"}},
        ],
        "total": {"total": "2155.14", "fiscal": "2119.14", "other": "36.00"},
    }
    assert (filing["department"]["name"], filing["department"]["unit_code"], filing["money_unit"]) == (
        "南昌市青山湖区卫生健康委员会", "101001", "万元")
    [goal] = filing["goals"]
    assert [(i["name"], i["value"], i.get("unit")) for i in goal["indicators"]] == [
        ("居民电子健康档案建档率", "≥90", "%"), ("疫情处置响应时间", "≤2", "小时"), ("居民健康素养水平", "较上年提高", None)]
    direction = "原表“指标方向”一列在文件格式中没有对应的字段，未录入"
    assert not_placed(result) == [("指标方向", direction), ("正向", direction), ("反向", direction), ("正向", direction)]


def test_tasks_with_the_projects_funding_them(tmp_path: Path) -> None:
    """A 陕西 form's 年度主要任务 with an 对应项目 column, the task numbers under the merged 任务名称. Before: no task
    table at all, every cell of it listed as not recognised."""
    result = imported(export(
        "部门整体支出绩效目标申报表",
        "（2025年度）",
        "部门（单位）名称\t西安市雁塔区文化和旅游体育局\t\t\t\t\t",
        "年度主要任务\t任务名称\t\t主要内容\t对应项目\t预算金额（万元）\t",
        "\t1\t公共文化服务\t免费开放文化馆、图书馆\t公共文化服务体系建设\t520.00\t",
        "\t2\t全民健身\t举办全民健身赛事20场\t全民健身活动经费\t380.00\t",
        "\t金额合计\t\t\t\t900.00\t",
        "年度总体目标\t完善公共文化服务体系，推进全民健身。\t\t\t\t\t",
    ), tmp_path)
    assert as_written(result.filing["tasks"]) == {
        "lines": [{"name": "公共文化服务", "content": "免费开放文化馆、图书馆", "budget": {"total": "520.00"}},
                  {"name": "全民健身", "content": "举办全民健身赛事20场", "budget": {"total": "380.00"}}],
        "total": {"total": "900.00"},
    }
    why = "年度主要任务表中“对应项目”一列在文件格式中没有对应的字段，未录入"
    assert not_placed(result) == [("公共文化服务体系建设", why), ("全民健身活动经费", why)]


def test_task_named_with_a_number_in_its_own_column_stays(tmp_path: Path) -> None:
    """Guard: a 序号 column of its own before 任务名称 is the number, the name stays the name."""
    text = JIANGXI_TASKS.replace("年度主要任务\t任务名称\t\t主要内容", "年度主要任务\t序号\t任务名称\t主要内容")
    result = imported(text, tmp_path)
    assert [line["name"] for line in result.filing["tasks"]["lines"]] == ["基本公共卫生服务", "疾病预防控制", "机关运行保障"]
    assert [line.get("notes") for line in result.filing["tasks"]["lines"]] == [None, None, None]  # 任务1 is 1st
    assert [text for text, _ in not_placed(result)] == ["指标方向", "正向", "反向", "正向"]


# The central 部门整体支出绩效目标申报表's 年度预算申请: 资金总额 over its amount, the kinds under 按收入性质分 and
# 按支出性质分 as word–amount pairs in two columns, as a 陕西 district filed it.
def budget_request_form(*grid: str) -> str:
    return export(
        "部门整体支出绩效目标申报表",
        "（2025年度）",
        "部门（单位）名称\t汉中市南郑区自然资源局\t\t\t\t\t",
        *grid,
        "年度总体目标\t完成国土变更调查。\t\t\t\t\t",
        "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t\t",
        "\t产出指标\t数量指标\t变更调查图斑核查数\t≥12000个\t\t",
    )


SHARED = {"text": "原表“资金总额”只有一格，是收入和支出共同的总额；编者同时录入为收入合计和支出合计。"}


def department_side(result: ImportResult) -> dict[str, Any]:
    """The department's own parts: no project (before, the grid's 其他资金 made one, with the 年度总体目标 and the
    indicators as its goal)."""
    filing = as_written(result.filing)
    assert "projects" not in filing
    assert filing["overall_goal"] == "完成国土变更调查。"
    [goal] = filing["goals"]
    assert [(i["name"], i["value"]) for i in goal["indicators"]] == [("变更调查图斑核查数", "≥12000个")]
    return filing["funds"]


def test_central_budget_request_with_pairs_under_the_group_heads(tmp_path: Path) -> None:
    """Before: a nameless project with budget.other 0 and the department's goal and indicators; every other cell of
    the grid listed as not recognised."""
    result = imported(budget_request_form(
        "年度预算申请（万元）\t资金总额\t\t按收入性质分\t\t按支出性质分\t",
        "\t2580.00\t\t其中：一般公共预算：\t2400.00\t其中：基本支出：\t1680.00",
        "\t\t\t政府性基金拨款：\t180.00\t项目支出：\t900.00",
        "\t\t\t纳入专户管理的非税收入拨款：\t0\t\t",
        "\t\t\t其他资金：\t0\t\t",
    ), tmp_path)
    assert department_side(result) == {
        "income": {"lines": [{"name": "其中：一般公共预算：", "amount": "2400.00"},
                             {"name": "政府性基金拨款：", "amount": "180.00"},
                             {"name": "纳入专户管理的非税收入拨款：", "amount": "0"}, {"name": "其他资金：", "amount": "0"}],
                   "total": {"name": "资金总额", "amount": "2580.00"}},
        "expenditure": {"lines": [{"name": "其中：基本支出：", "amount": "1680.00"}, {"name": "项目支出：", "amount": "900.00"}],
                        "total": {"name": "资金总额", "amount": "2580.00", "notes": [SHARED]}},
    }
    assert not_placed(result) == []
    assert result.check.errors == [] and result.check.warnings == []


def test_budget_request_with_its_total_right_of_the_word(tmp_path: Path) -> None:
    """The same pairs with 资金总额's amount right of it (across its merged slot) and the group heads on a row of their
    own (before: read as wrongly as above)."""
    result = imported(budget_request_form(
        "年度部门整体支出预算（万元）\t资金总额\t\t2580.00\t\t\t",
        "\t按收入性质分\t\t按支出性质分\t\t\t",
        "\t其中：一般公共预算\t2400.00\t其中：基本支出\t1680.00\t\t",
        "\t政府性基金\t180.00\t项目支出\t900.00\t\t",
        "\t其他资金\t0\t\t\t\t",
    ), tmp_path)
    assert department_side(result) == {
        "income": {"lines": [{"name": "其中：一般公共预算", "amount": "2400.00"}, {"name": "政府性基金", "amount": "180.00"},
                             {"name": "其他资金", "amount": "0"}],
                   "total": {"name": "资金总额", "amount": "2580.00"}},
        "expenditure": {"lines": [{"name": "其中：基本支出", "amount": "1680.00"}, {"name": "项目支出", "amount": "900.00"}],
                        "total": {"name": "资金总额", "amount": "2580.00", "notes": [SHARED]}},
    }
    assert not_placed(result) == []


# --- 4. codes beside amounts; indicators with 指标方向, 分值 and 评（扣）分标准 ------------------------------------------

GUANGDONG_FORM = export(
    "2025年项目支出绩效目标表",
    "",
    "项目名称\t城乡居民医保经办服务\t\t\t\t\t\t\t",
    "项目代码\t44030025T000000654321\t\t\t\t\t\t\t",
    "单位编码\t101001\t\t单位名称\t深圳市龙岗区医疗保障局\t\t\t\t",
    "功能科目编码\t2101202\t\t功能科目名称\t城乡居民基本医疗保险基金补助\t\t\t\t",
    "项目总额\t本年度预算\t其中：财政资金\t其他资金\t\t\t\t\t",
    "860.00\t320.50\t300.00\t20.50\t\t\t\t\t",
    "年度绩效目标\t保障城乡居民医保经办服务平稳运行，参保率稳定在97%以上。\t\t\t\t\t\t\t",
    "一级指标\t二级指标\t三级指标\t指标方向\t指标值\t计量单位\t分值\t评（扣）分标准\t指标值确定依据",
    "产出指标\t数量指标\t城乡居民参保人数\t正向\t≥120\t万人\t20\t达到120万人得满分，每少1万人扣1分\t历史标准",
    "\t时效指标\t医保报销办结时限\t反向\t≤15\t个工作日\t10\t≤15个工作日得满分，每超1日扣1分\t计划标准",
    "\t\t待遇按时发放\t正向\t按时完成\t\t10\t按时完成得满分，否则不得分\t计划标准",
    "效益指标\t社会效益指标\t群众看病负担\t反向\t较上年降低\t\t20\t较上年降低得满分\t计划标准",
    "满意度指标\t服务对象满意度指标\t参保群众满意度\t正向\t≥98%\t\t20\t≥98%得满分\t计划标准",
    "合计\t\t\t\t\t\t80\t\t",
)


def test_codes_and_scored_indicators(tmp_path: Path) -> None:
    """Guard, and the 功能科目编码 pair now listed with why (before: "未识别的单元格"). The 20-digit code is the
    project's code, 101001 the unit's, no code an amount; 分值 and 评（扣）分标准 in their fields, the 合计 row listed."""
    result = imported(GUANGDONG_FORM, tmp_path)
    filing = as_written(result.filing)
    assert filing["department"] == {"id": "dept", "name": "深圳市龙岗区医疗保障局", "region": "ezhou",
                                    "unit_code": "101001"}
    [project] = filing["projects"]
    assert (project["code"], project["budget"]) == (
        "44030025T000000654321", {"total": "860.00", "this_year": "320.50", "fiscal": "300.00", "other": "20.50"})
    [goal] = project["goals"]
    indicators = goal["indicators"]
    assert [(i["level2"], i["name"], i["value"], i.get("unit"), i["weight"], i["basis"]) for i in indicators] == [
        ("数量指标", "城乡居民参保人数", "≥120", "万人", "20", "历史标准"),
        ("时效指标", "医保报销办结时限", "≤15", "个工作日", "10", "计划标准"),
        ("时效指标", "待遇按时发放", "按时完成", None, "10", "计划标准"),
        ("社会效益指标", "群众看病负担", "较上年降低", None, "20", "计划标准"),
        ("服务对象满意度指标", "参保群众满意度", "≥98%", None, "20", "计划标准"),
    ]
    assert goal["indicators"][1]["scoring"] == "≤15个工作日得满分，每超1日扣1分"
    subject = "原表的“{}”在文件格式中没有对应的字段，未录入"
    direction = "原表“指标方向”一列在文件格式中没有对应的字段，未录入"
    total = "指标表的合计行（各指标分值、权重的合计）；文件格式中指标表没有合计的字段，未录入"
    assert not_placed(result) == [
        ("功能科目编码", subject.format("功能科目编码")), ("2101202", subject.format("功能科目编码")),
        ("功能科目名称", subject.format("功能科目名称")), ("城乡居民基本医疗保险基金补助", subject.format("功能科目名称")),
        ("指标方向", direction), ("正向", direction), ("反向", direction), ("正向", direction), ("反向", direction),
        ("正向", direction), ("合计", total), ("80", total),
    ]


@pytest.mark.parametrize("rows", [
    ("年度主要任务\t任务名称\t\t主要内容\t预算金额（万元）", "\t1\t公共文化服务\t免费开放文化馆、图书馆\t520.00",
     "\t2\t全民健身\t举办全民健身赛事20场\t380.00", "\t金额合计\t\t\t900.00"),  # rows as long as their cells
    ("年度主要任务\t任务名称\t主要内容\t预算金额（万元）", "1\t公共文化服务\t免费开放文化馆、图书馆\t520.00",
     "2\t全民健身\t举办全民健身赛事20场\t380.00", "金额合计\t900.00"),  # a web copy: merged slots dropped
], ids=["ragged-export", "web-copy"])
def test_task_numbers_under_a_merged_task_name_read_in_order(rows: tuple[str, ...], tmp_path: Path) -> None:
    """Rows of different widths are read in the header's order; the task numbers printed in the first half of the
    merged 任务名称 are the tasks' 序号. Before: tasks named "1" and "2", each name read as its content, the content
    as a budget that is no amount (a note), and 520.00, 380.00 listed under no column."""
    result = imported(export(
        "部门整体支出绩效目标申报表", "（2025年度）", "部门（单位）名称\t西安市雁塔区文化和旅游体育局", *rows,
        "年度总体目标\t完善公共文化服务体系，推进全民健身。"), tmp_path)
    assert as_written(result.filing["tasks"]) == {
        "lines": [{"name": "公共文化服务", "content": "免费开放文化馆、图书馆", "budget": {"total": "520.00"}},
                  {"name": "全民健身", "content": "举办全民健身赛事20场", "budget": {"total": "380.00"}}],
        "total": {"total": "900.00"},
    }
    assert not_placed(result) == []
