"""`gongkai import` of text exports (.txt) of 部门整体 forms and of departments' 预算绩效目标公开 documents from provinces
the seeds do not cover (浙江, 江苏, 安徽, 广西, 贵州, 甘肃): paragraphs under chapter headings, 整体指标 tables, withheld
notices, page furniture, 联系人 lines and the 落款 at the end.

1. A 江苏 公开 document whose chapter "一、部门基本情况" has subheadings "（一）部门职能", "（二）年度主要工作任务", and whose
   "二、部门整体绩效目标" has "（一）总体目标" and "（二）绩效指标": the functions and tasks were one section of the
   filing (its subheadings run into the text: "（一）部门职能贯彻执行…"), and overall_goal began with "（一）总体目标"
   and ended with the paragraph "（二）绩效指标". Now functions, annual_tasks and overall_goal hold their text only.
2. An 安徽 部门整体支出绩效目标表 with 年度预算资金 (资金总额, 其中：财政拨款, 其他资金 as word–amount pairs): a nameless
   project took the department's money, its 年度整体绩效目标 and every indicator, 年度预算资金 listed. Now funds.income
   of the department; in a project's form the same rows stay the project's budget.
3. A 甘肃 form's "年度主要工作任务 | …" row: listed as not recognised; now annual_tasks.

Each document is the text as the export writes it; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.forms.imports import not_placed
from tests.test_import_tasks import as_written
from tests.test_import_unseen_excel_text import export, imported

FURNITURE = "第 1 页 共 3 页"
# the 落款 "南京市鼓楼区教育局" over "2025年2月18日" dates the 公开 (published_on, noted): nothing of it is listed
# (test_import_unseen_units; before, both lines were listed as 未识别的段落)
SIGNED: list[tuple[str, str]] = []
JIANGSU_INDICATORS = [
    {"seq": "1", "level1": "产出指标", "level2": "数量指标", "name": "新增公办幼儿园学位", "value": "600个"},
    {"seq": "2", "level1": "产出指标", "level2": "质量指标", "name": "义务教育巩固率", "value": "≥99.5%"},
    {"seq": "3", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "家长满意度", "value": "≥90%"},
]


# --- 1. subheadings "（一）部门职能" in a 公开 document's chapters -------------------------------------------------------

def jiangsu_document(*basics: str) -> str:
    """A 江苏 district's 公开 document: `basics` the lines of its chapter 一 (its heading included)."""
    return export(
        "南京市鼓楼区教育局2025年度预算绩效目标公开",
        "",
        *basics,
        "",
        "二、部门整体绩效目标",
        "（一）总体目标",
        "办好人民满意的教育，义务教育优质均衡发展水平持续提升。",
        "（二）绩效指标",
        "序号\t一级指标\t二级指标\t三级指标\t指标值",
        "1\t产出指标\t数量指标\t新增公办幼儿园学位\t600个",
        "2\t产出指标\t质量指标\t义务教育巩固率\t≥99.5%",
        "3\t满意度指标\t服务对象满意度指标\t家长满意度\t≥90%",
        "",
        FURNITURE,
        "",
        "三、项目绩效目标",
        "本部门2025年项目共15个，其中第6-13号项目涉及国家秘密，不予公开。",
        "",
        "南京市鼓楼区教育局",
        "2025年2月18日",
    )


JIANGSU_BASICS = (
    "一、部门基本情况",
    "（一）部门职能",
    "贯彻执行国家和省、市有关教育工作的方针、政策和法规，拟订全区教育事业发展规划并组织实施。",
    "（二）年度主要工作任务",
    "1.推进学前教育普及普惠，新增公办幼儿园学位600个。",
    "2.实施义务教育优质均衡发展工程。",
)


def test_bracketed_subheadings_name_the_departments_texts(tmp_path: Path) -> None:
    """Before: sections [{title: 一、部门基本情况, text: "<p>（一）部门职能贯彻执行…</p><p>（二）年度主要工作任务</p>…"}],
    overall_goal "<p>（一）总体目标办好人民满意的教育…</p><p>（二）绩效指标</p>", two notes on lines run together."""
    result = imported(jiangsu_document(*JIANGSU_BASICS), tmp_path, kind="公开")
    filing = as_written(result.filing)
    assert "sections" not in filing
    assert filing["functions"] == "<p>贯彻执行国家和省、市有关教育工作的方针、政策和法规，拟订全区教育事业发展规划并组织实施。</p>"
    assert filing["annual_tasks"] == "<p>1.推进学前教育普及普惠，新增公办幼儿园学位600个。</p>\n<p>2.实施义务教育优质均衡发展工程。</p>"
    assert filing["overall_goal"] == "<p>办好人民满意的教育，义务教育优质均衡发展水平持续提升。</p>"
    [goal] = filing["goals"]
    assert goal["indicators"] == JIANGSU_INDICATORS
    [withheld] = filing["projects"]
    assert withheld["withheld"]["numbers"] == [6, 13]
    # no lines run together
    assert [note["field"] for note in filing["notes"]] == ["department.name", "published_on", "money_unit"]
    assert not_placed(result) == SIGNED


def test_chapter_with_its_own_text_before_a_subheading(tmp_path: Path) -> None:
    """Guard: a chapter's own paragraph before "（一）部门职能" stays the chapter's section. A subheading that names no
    field ("（三）内设机构") after the tasks' one is a section of its own (before this round's fix the whole chapter was
    one section; a first cut put 内设机构 into annual_tasks)."""
    result = imported(jiangsu_document(
        "一、部门基本情况",
        "本部门为区政府工作部门，内设机构8个。",
        *JIANGSU_BASICS[1:5],
        "（三）内设机构",
        "办公室、教育科、人事科。",
    ), tmp_path, kind="公开")
    filing = as_written(result.filing)
    assert filing["sections"] == [{"title": "一、部门基本情况", "text": "<p>本部门为区政府工作部门，内设机构8个。</p>"},
                                  {"title": "（三）内设机构", "text": "<p>办公室、教育科、人事科。</p>"}]
    assert filing["functions"] == "<p>贯彻执行国家和省、市有关教育工作的方针、政策和法规，拟订全区教育事业发展规划并组织实施。</p>"
    assert filing["annual_tasks"] == "<p>1.推进学前教育普及普惠，新增公办幼儿园学位600个。</p>"
    assert filing["overall_goal"] == "<p>办好人民满意的教育，义务教育优质均衡发展水平持续提升。</p>"
    assert not_placed(result) == SIGNED


# --- 2. 年度预算资金 as word–amount pairs ------------------------------------------------------------------------------

def anhui_form(*head: str) -> str:
    """An 安徽 district's 部门整体支出绩效目标表, `head` its rows above 年度预算资金."""
    return export(
        *head,
        "年度预算资金\t资金总额\t2380.60\t\t",
        "\t其中：财政拨款\t2350.60\t\t",
        "\t其他资金\t30.00\t\t",
        "部门职能\t负责全区财政收支管理和预算编制工作。\t\t\t",
        "年度整体绩效目标\t预算执行率达到95%以上，绩效管理覆盖率100%。\t\t\t",
        "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值",
        "\t产出指标\t时效指标\t预算批复及时率\t100%",
        "\t满意度指标\t服务对象满意度指标\t预算单位满意度\t≥90%",
        "第 1 页 共 1 页",
        "填表人：李华　　联系电话：0553-3123456　　填报日期：2025年1月15日",
    )


ANHUI_INDICATORS = [("预算批复及时率", "100%"), ("预算单位满意度", "≥90%")]


def test_department_budget_as_word_amount_pairs(tmp_path: Path) -> None:
    """Before: a nameless project with budget {total: 2380.60, fiscal: 2350.60, other: 30.00}, the 年度整体绩效目标 as
    its goal's text, every indicator its; 年度预算资金 listed as not recognised."""
    result = imported(anhui_form("部门整体支出绩效目标表", "（2025年度）", "填报单位：芜湖市镜湖区财政局\t\t\t单位：万元",
                                 "部门名称\t芜湖市镜湖区财政局\t\t\t"), tmp_path, kind="公开")
    filing = as_written(result.filing)
    assert "projects" not in filing
    assert filing["funds"] == {"income": {
        "lines": [{"name": "其中：财政拨款", "amount": "2350.60"}, {"name": "其他资金", "amount": "30.00"}],
        "total": {"name": "资金总额", "amount": "2380.60"}}}
    assert filing["overall_goal"] == "预算执行率达到95%以上，绩效管理覆盖率100%。"
    assert filing["functions"] == "负责全区财政收支管理和预算编制工作。"
    [goal] = filing["goals"]
    assert [(i["name"], i["value"]) for i in goal["indicators"]] == ANHUI_INDICATORS
    assert filing["contact"] == {"filer": "李华", "phone": "0553-3123456"}
    assert (filing["department"]["name"], filing["money_unit"], filing["filed_on"]) == (
        "芜湖市镜湖区财政局", "万元", date(2025, 1, 15))
    assert not_placed(result) == []


def test_the_same_rows_in_a_projects_form_are_its_budget(tmp_path: Path) -> None:
    """Guard: under a project's 项目名称 the rows are the project's budget, never the department's funds."""
    result = imported(anhui_form("2025年项目支出绩效目标表", "项目名称\t城区道路维修\t\t\t",
                                 "主管部门\t芜湖市镜湖区住房和城乡建设局\t\t\t"), tmp_path, kind="公开")
    filing = as_written(result.filing)
    assert "funds" not in filing
    [project] = filing["projects"]
    assert (project["name"], project["budget"]) == (
        "城区道路维修", {"total": "2380.60", "fiscal": "2350.60", "other": "30.00"})
    assert [(i["name"], i["value"]) for i in project["goals"][0]["indicators"]] == ANHUI_INDICATORS


# --- 3. 年度主要工作任务 beside its text ----------------------------------------------------------------------------------

GANSU = export(
    "兰州市城关区交通运输局2025年部门整体支出绩效目标表",
    "部门名称\t兰州市城关区交通运输局",
    "部门职能职责概述\t负责全区道路运输、城市交通管理工作。",
    "年度主要工作任务\t完成农村公路养护里程120公里。",
    "部门整体绩效目标\t农村公路优良中等路率≥80%，道路运输安全形势稳定。",
    "一级指标\t二级指标\t三级指标\t指标值",
    "产出指标\t数量指标\t农村公路养护里程\t120公里",
    "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%",
    "单位负责人：张伟\t财务负责人：刘洋\t填表人：赵敏\t联系电话：0931-8812345",
)


def test_annual_work_tasks_label(tmp_path: Path) -> None:
    """Before: "年度主要工作任务" and its text listed as unrecognised cells."""
    result = imported(GANSU, tmp_path, kind="公开")
    filing = as_written(result.filing)
    assert filing["annual_tasks"] == "完成农村公路养护里程120公里。"
    assert filing["functions"] == "负责全区道路运输、城市交通管理工作。"
    assert filing["overall_goal"] == "农村公路优良中等路率≥80%，道路运输安全形势稳定。"
    assert filing["contact"] == {"filer": "赵敏", "phone": "0931-8812345"}
    person = "原表“{}”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
    assert not_placed(result) == [("单位负责人：张伟", person.format("单位负责人")),
                                  ("财务负责人：刘洋", person.format("财务负责人"))]


# --- guards: what already imports right ------------------------------------------------------------------------------

def test_indicator_table_across_a_page_break_and_two_withheld_numbers(tmp_path: Path) -> None:
    """Guard: a 广西 document's 整体指标 table split by "第 1 页 共 2 页" (its header printed again) is one table; a notice
    naming 第3号、第5号 gives a record each; 联系人 / 联系电话 lines are the contact, never text."""
    result = imported(export(
        "南宁市青秀区农业农村局2025年部门整体绩效目标公开说明",
        "一、部门职能",
        "负责全区农业农村经济发展、乡村振兴和农村改革工作。",
        "二、部门整体绩效指标表",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t粮食播种面积\t≥12万亩",
        "第 1 页 共 2 页",
        "一级指标\t二级指标\t三级指标\t指标值",
        "\t质量指标\t农产品质量安全抽检合格率\t≥98%",
        "满意度指标\t服务对象满意度指标\t农户满意度\t≥90%",
        "第 2 页 共 2 页",
        "三、不予公开说明",
        "我局第3号、第5号项目因涉及国家秘密，依据《中华人民共和国保守国家秘密法》不予公开。",
        "联系人：黄丽",
        "联系电话：0771-5512345",
    ), tmp_path)
    filing = as_written(result.filing)
    [goal] = filing["goals"]
    assert [(i["level1"], i["level2"], i["name"], i["value"]) for i in goal["indicators"]] == [
        ("产出指标", "数量指标", "粮食播种面积", "≥12万亩"), ("产出指标", "质量指标", "农产品质量安全抽检合格率", "≥98%"),
        ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%")]
    assert [p["withheld"]["numbers"] for p in filing["projects"]] == [[3, 3], [5, 5]]
    assert {p["withheld"]["legal_basis"] for p in filing["projects"]} == {"《中华人民共和国保守国家秘密法》"}
    assert filing["contact"] == {"filer": "黄丽", "phone": "0771-5512345"}
    assert "黄丽" not in str(filing.get("sections", "")) + filing["functions"]
    assert not_placed(result) == []
