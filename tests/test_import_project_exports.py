"""`gongkai import` of text exports (.txt, tab-separated as the seeds are) of 项目支出绩效目标表 from provinces the seeds
do not cover (山东, 河南, 福建, 湖南, 四川): 项目基本情况 blocks with 主管部门, 实施单位, 项目负责人 and 联系电话, 项目属性 and
项目期限, 项目资金 laid out down a column, across a row or under heads, a 年度目标 over several rows, indicator tables with
计量单位 or 指标性质 columns, 备注 and 合计 rows, and a second project after the first.

1. A 年度目标 cell of several lines: the export writes each line on a row of its own under the merged label (its slot
   empty). Only the first line was the goal's text; each further line was listed as 未识别的段落.
2. "项目期限 | 2025年1月-2025年12月" (山东, 河南, 湖南): listed as 未识别的单元格; it is the project's 项目期 (`period`).
3. 四川's 年度资金总额 over "其中：当年财政拨款", "上年结转" and "其他资金": the 当年财政拨款 was listed as not recognised
   (the budget had no 财政拨款) and 上年结转, a source the budget has no part for, was listed without why.

Each form is the text as the export writes it; the filing and the 未放入 list are exact. A 项目负责人's phone number is
never published: it is listed (docs/import.md), and a 填报人's goes to the private `contact`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.importing.importer import ImportResult
from tests.forms.imports import not_placed
from tests.test_import_tasks import as_written
from tests.test_import_unseen_excel_text import imported


def export(*rows: str) -> str:
    """The export's lines, cells written apart by "|" here for legibility (a tab in the file)."""
    return "\n".join(row.replace("|", "\t") for row in rows) + "\n"


def projects(result: ImportResult) -> list[dict[str, Any]]:
    return as_written(result.filing["projects"])


LEADER = "原表“项目负责人”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
LEADER_PHONE = "原表“项目负责人”的联系电话；文件格式中的联系电话是填报人的，这一项未录入"


# --- 1. and 2. a 山东 form: 年度目标 over two rows, 项目期限 ---------------------------------------------------------------

SHANDONG = export(
    "",
    "2025年项目支出绩效目标表",
    "",
    "填报单位：济南市历下区教育和体育局||||单位：万元",
    "项目名称|中小学校舍维修改造||||",
    "主管部门|济南市历下区教育和体育局||实施单位|历下区教育服务中心|",
    "项目负责人|王立新||联系电话|0531-86081234|",
    "项目属性|延续项目||项目期限|2025年1月-2025年12月|",
    "项目类别|其他运转类||||",
    "项目资金（万元）|年度资金总额|||560.00|",
    "|其中：财政拨款|||500.00|",
    "|其他资金|||60.00|",
    "年度绩效目标|目标1：完成12所中小学校舍维修改造，消除安全隐患；||||",
    "|目标2：改善办学条件，师生满意度达到95%以上。||||",
    "绩效指标|一级指标|二级指标|三级指标|指标值|备注",
    "|产出指标|数量指标|维修改造学校数量|12所|",
    "||质量指标|工程验收合格率|100%|",
    "||时效指标|工程完工时间|2025年8月底前|暑期施工",
    "|效益指标|社会效益指标|校舍安全隐患消除率|100%|",
    "|满意度指标|服务对象满意度指标|师生满意度|≥95%|",
)


def test_goal_text_over_several_rows_and_the_project_term(tmp_path: Path) -> None:
    """Before: the goal's text was only its 目标1 line, "目标2：…" listed as 未识别的段落; 项目期限 and its dates listed as
    未识别的单元格 (no period)."""
    result = imported(SHANDONG, tmp_path)
    assert result.filing["department"]["name"] == "济南市历下区教育和体育局"
    assert projects(result) == [{
        "id": "p1", "name": "中小学校舍维修改造", "category": "其他运转类", "attribute": "延续项目",
        "period": "2025年1月-2025年12月", "budget_unit": "历下区教育服务中心",
        "budget": {"annual": {"total": "560.00", "fiscal": "500.00", "other": "60.00"}},
        "goals": [{
            "id": "g1", "kind": "年度",
            "text": "目标1：完成12所中小学校舍维修改造，消除安全隐患；\n目标2：改善办学条件，师生满意度达到95%以上。",
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "value": "12所"},
                {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "value": "100%"},
                {"level1": "产出指标", "level2": "时效指标", "name": "工程完工时间", "value": "2025年8月底前",
                 "remark": "暑期施工"},
                {"level1": "效益指标", "level2": "社会效益指标", "name": "校舍安全隐患消除率", "value": "100%"},
                {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "value": "≥95%"},
            ],
        }],
    }]
    assert "contact" not in result.filing  # the 项目负责人's number is theirs: listed, never published
    assert not_placed(result) == [("项目负责人", LEADER), ("王立新", LEADER),
                                  ("联系电话", LEADER_PHONE), ("0531-86081234", LEADER_PHONE)]


def test_a_lone_cell_below_a_goal_in_another_column_is_no_goal_line(tmp_path: Path) -> None:
    """Guard: only a cell in the column of the goal's last line continues it; a lone cell further right stays listed."""
    text = SHANDONG.replace("\t目标2：改善办学条件，师生满意度达到95%以上。\t\t\t\t\n", "\t\t\t\t审核中\t\n")
    result = imported(text, tmp_path)
    [project] = projects(result)
    assert project["goals"][0]["text"] == "目标1：完成12所中小学校舍维修改造，消除安全隐患；"
    assert ("审核中", "未识别的段落") in not_placed(result)


# --- 3. 四川: 当年财政拨款 and 上年结转 under 年度资金总额 -------------------------------------------------------------------

SICHUAN = export(
    "四川省省级项目支出绩效目标表",
    "（2025年度）",
    "",
    "项目名称|大熊猫国家公园生态保护||||",
    "主管部门|四川省林业和草原局||实施单位|四川省大熊猫科学研究院|",
    "项目资金（万元）|年度资金总额：|||980.00|",
    "|其中：当年财政拨款|||800.00|",
    "|上年结转|||150.00|",
    "|其他资金|||30.00|",
    "年度目标|目标1：完成巡护里程5000公里；||||",
    "|目标2：开展野生动物监测样线200条；||||",
    "|目标3：社区群众满意度达到90%。||||",
    "绩效指标|一级指标|二级指标|三级指标|指标值|",
    "|产出指标|数量指标|巡护里程|≥5000公里|",
    "|||监测样线条数|≥200条|",
    "|满意度指标|服务对象满意度指标|社区群众满意度|≥90%|",
)
CARRIED_OVER = "原表资金来源中的“上年结转”在文件格式的项目预算中没有对应的一项（预算只分资金总额、财政拨款和其他资金），未录入，请核对"


def test_current_year_fiscal_and_the_carried_over_source(tmp_path: Path) -> None:
    """Before: budget.annual {total: 980.00, other: 30.00}, "其中：当年财政拨款 | 800.00" and "上年结转 | 150.00" listed as
    未识别的单元格; the goal's 目标2 and 目标3 listed as 未识别的段落."""
    result = imported(SICHUAN, tmp_path)
    [project] = projects(result)
    assert project["budget"] == {"annual": {"total": "980.00", "fiscal": "800.00", "other": "30.00"}}
    assert project["goals"][0]["text"] == ("目标1：完成巡护里程5000公里；\n目标2：开展野生动物监测样线200条；\n"
                                           "目标3：社区群众满意度达到90%。")
    assert [i["name"] for i in project["goals"][0]["indicators"]] == ["巡护里程", "监测样线条数", "社区群众满意度"]
    assert not_placed(result) == [("上年结转", CARRIED_OVER), ("150.00", CARRIED_OVER)]
    # the 150.00 is in no field: the check says the parts do not add up, for the editor to see
    assert [p.code for p in result.check.warnings] == ["sum-mismatch"]


# --- guards: what imports right already ----------------------------------------------------------------------------

HENAN = export(
    "附件2",
    "",
    "2025年度项目支出绩效目标表",
    "",
    "项目名称|乡村道路养护工程|||||",
    "主管部门及代码|[118]郑州市交通运输局||实施单位|郑州市公路事业发展中心||",
    "项目属性|新增||项目期限|1年||",
    "项目资金（万元）||年度资金总额：|1,250.50||||",
    "||其中：财政拨款|1,200.00||||",
    "||其他资金|50.50||||",
    "年度总体目标|1.完成县乡道路养护里程320公里；|||||",
    "|2.路况优良率达到85%以上；|||||",
    "绩效指标|一级指标|二级指标|三级指标|指标值|计量单位|备注",
    "|产出指标|数量指标|道路养护里程|≥320|公里|",
    "|||桥梁检测座数|=12|座|",
    "|效益指标|社会效益指标|道路通行能力|有所提升||定性",
    "|满意度指标|服务对象满意度指标|群众出行满意度|≥90|%|",
    "合计||||||",
    "填报人：李娜    联系电话：0371-67188888",
    "",
    "项目名称|农村公路安全生命防护工程|||||",
    "主管部门及代码|[118]郑州市交通运输局||实施单位|郑州市公路事业发展中心||",
    "项目属性|延续||项目期限|2024-2026年||",
    "项目资金（万元）||年度资金总额：|300.00||||",
    "||其中：财政拨款|300.00||||",
    "||其他资金|||||",
    "年度总体目标|完成危险路段安全防护设施建设45处。|||||",
    "绩效指标|一级指标|二级指标|三级指标|指标值|计量单位|备注",
    "|产出指标|数量指标|防护设施建设处数|=45|处|",
)


def test_two_projects_with_unit_columns_and_the_filer_below(tmp_path: Path) -> None:
    """Guard: two projects in one export, 指标值 and 计量单位 apart, thousands commas noted, the 填报人's phone in the
    private contact, the empty 合计 row listed."""
    result = imported(HENAN, tmp_path)
    assert result.filing["department"] == {"id": "dept", "name": "郑州市交通运输局", "region": "ezhou", "code": "118"}
    assert result.filing["contact"] == {"filer": "李娜", "phone": "0371-67188888"}
    first, second = projects(result)
    assert (first["name"], first["attribute"], first["period"]) == ("乡村道路养护工程", "新增", "1年")
    assert first["budget"] == {"annual": {"total": "1250.50", "fiscal": "1200.00", "other": "50.50"}}
    assert first["goals"][0]["text"] == "1.完成县乡道路养护里程320公里；\n2.路况优良率达到85%以上；"
    assert first["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "道路养护里程", "value": "≥320", "unit": "公里"},
        {"level1": "产出指标", "level2": "数量指标", "name": "桥梁检测座数", "value": "=12", "unit": "座"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "道路通行能力", "value": "有所提升", "remark": "定性"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众出行满意度", "value": "≥90", "unit": "%"},
    ]
    assert second == {
        "id": "p2", "name": "农村公路安全生命防护工程", "attribute": "延续", "period": "2024-2026年",
        "budget_unit": "郑州市公路事业发展中心", "budget": {"annual": {"total": "300.00", "fiscal": "300.00"}},
        "goals": [{"id": "annual", "kind": "年度", "text": "完成危险路段安全防护设施建设45处。", "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "防护设施建设处数", "value": "=45", "unit": "处"}]}],
    }
    assert [text for text, _ in not_placed(result)] == ["附件2", "合计"]


HUNAN = export(
    "项目支出绩效目标表",
    "（2025年度）",
    "填报单位（盖章）：长沙县农业农村局",
    "项目名称：高标准农田建设    项目类别：特定目标类",
    "主管部门：长沙县农业农村局    实施单位：长沙县农田建设服务中心",
    "项目负责人：刘建国    联系电话：0731-84012345",
    "项目属性：新增项目    项目期限：2025年",
    "项目资金（万元）|资金总额|财政拨款|其他资金|",
    "|1500.00|1200.00|300.00|",
    "年度目标|新建高标准农田1万亩，",
    "|亩均粮食产能提高100公斤。",
    "一级指标|二级指标|三级指标|指标值|备注",
    "产出指标|数量指标|新建高标准农田面积|10000亩|",
    "满意度指标|服务对象满意度指标|受益农户满意度|≥90%|",
)


def test_label_lines_above_the_table_and_the_leader_line_listed(tmp_path: Path) -> None:
    """Guard: "label：value" pairs on lines of their own; the 项目负责人 line (with the phone) is listed, not published."""
    result = imported(HUNAN, tmp_path)
    [project] = projects(result)
    assert {k: project[k] for k in ("name", "category", "attribute", "period", "budget_unit", "budget")} == {
        "name": "高标准农田建设", "category": "特定目标类", "attribute": "新增项目", "period": "2025年",
        "budget_unit": "长沙县农田建设服务中心", "budget": {"total": "1500.00", "fiscal": "1200.00", "other": "300.00"}}
    assert project["goals"][0]["text"] == "新建高标准农田1万亩，\n亩均粮食产能提高100公斤。"
    assert "contact" not in result.filing
    [(line, why)] = not_placed(result)
    assert line == "项目负责人：刘建国    联系电话：0731-84012345" and "0731-84012345" not in result.output.read_text()


FUJIAN = export(
    "2025年度项目支出绩效目标表",
    "单位名称：福州市鼓楼区民政局|||||||金额单位：万元",
    "项目名称|社区居家养老服务补助||项目编码|35010225A000012||||",
    "项目资金|年度资金总额|86.40|其中：财政拨款|80.00|其他资金|6.40||",
    "年度绩效目标|为辖区内80周岁以上老人提供居家养老服务，|||||||",
    "绩效指标|一级指标|二级指标|三级指标|指标性质|指标值|度量单位|权重",
    "|产出指标|数量指标|居家养老服务人次|≥|12000|人次|30",
    "|满意度指标|服务对象满意度指标|服务对象满意度|≥|90|%|70",
    "||||合计|||100",
)


def test_budget_across_one_row_and_a_comparator_column(tmp_path: Path) -> None:
    """Guard: 年度资金总额, 财政拨款 and 其他资金 as pairs across one row; 指标性质 as the value's comparator."""
    result = imported(FUJIAN, tmp_path)
    [project] = projects(result)
    assert project["budget"] == {"annual": {"total": "86.40", "fiscal": "80.00", "other": "6.40"}}
    assert project["goals"][0]["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "居家养老服务人次", "value": "12000", "value_type": "≥",
         "unit": "人次", "weight": "30"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度", "value": "90",
         "value_type": "≥", "unit": "%", "weight": "70"},
    ]
    assert [text for text, _ in not_placed(result)] == ["合计", "100"]
