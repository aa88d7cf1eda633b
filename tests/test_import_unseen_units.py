"""`gongkai import` of text exports (.txt, tab-separated as the seeds are) of forms from units and systems the seeds do
not cover: a 乡镇人民政府's and a 街道办事处's forms, a 学校's and a 医院's project forms (单位名称, 主管部门, 实施单位,
项目属性 with ☑/□, 项目负责人 with a phone), 预算管理一体化系统 exports (项目编码, 项目类型, 资金来源 split by budget,
指标性质 | 指标值 | 度量单位 columns), a 公开 document naming its department only on the line above its title, and the
落款 at a form's end.

1. A township's form: "单位名称 | 桐庐县分水镇人民政府" over "主管部门 | 桐庐县人民政府". The county's name was taken for
   another way of writing the township's (its characters in order, ending alike): the department was named
   桐庐县人民政府, the township's name was lost, and its own 填报单位 line was noted as disagreeing. Now the unit is the
   department and the county its supervisor: a lower place ("分水镇") after the shorter name's place is a unit under it.
2. "项目类型 | 一级项目" of an 一体化 export beside "项目类别 | 特定目标类": both were read as the 支出项目类别, the second
   written over the first without a word. "一级项目" says the project's level in the system: listed as a field the
   format lacks. Any other second value of a project's field (another 项目类别) is listed; the first stands.
3. "贵州省黔南州林业局" alone above "2025年部门预算绩效目标公开", no other name: the import stopped ("原文没有部门名称").
   Now the line is the department's name, noted, when nothing else names it.
4. The 落款 ending a form that is no letter ("某街道办事处（盖章）" over "2025年1月10日"): both were listed as
   未识别的段落. The department signs it: the date is the filing's date of its kind (申报: filed_on, 公开: published_on),
   noted; a date other than the form's 填报日期, or another body's 落款, stays listed. Persons' names never reach the
   filing: 单位负责人 and 财务负责人 are listed, the 填报人 goes to the private `contact`.

Each form is the text as the export writes it; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importing.department import same_department
from tests.forms.imports import not_placed
from tests.test_import_project_exports import LEADER_PHONE, export, projects
from tests.test_import_tasks import as_written
from tests.test_import_unseen_excel_text import imported


PERSON = "原表“{}”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
LEVEL = "原表“项目类型”写的是项目的级次（预算管理一体化系统中的一级、二级项目），不是支出项目类别；文件格式中没有对应的字段，未录入"


def indicator(level1: str, level2: str, name: str, value: str, **more: str) -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "value": value, **more}


# --- 1. a township's form under its county's government ---------------------------------------------------------------

TOWNSHIP = export(
    "2025年部门整体支出绩效目标申报表",
    "",
    "单位名称|桐庐县分水镇人民政府|||",
    "主管部门|桐庐县人民政府|||",
    "部门总体资金情况|总体资金情况||当年金额|占比",
    "|收入构成|一般公共预算|2860.35|89.20%",
    "||政府性基金预算|346.50|10.80%",
    "|合计||3206.85|100%",
    "|支出构成|基本支出|1520.18|47.40%",
    "||项目支出|1686.67|52.60%",
    "|合计||3206.85|100%",
    "部门职能概述|<p>1. 执行本级人民代表大会的决议和上级国家行政机关的决定和命令。</p><p>2. 负责本镇经济社会发展规划和实施。</p>|||",
    "年度工作任务|<p>1. 推进和美乡村建设。</p><p>2. 做好基层社会治理。</p>|||",
    "年度总体目标|完成3个行政村和美乡村建设，矛盾纠纷调处成功率保持在98%以上。|||",
    "一级指标|二级指标|三级指标|指标值|",
    "产出指标|数量指标|和美乡村建设村数|3个|",
    "|质量指标|矛盾纠纷调处成功率|≥98%|",
    "效益指标|社会效益指标|群众安全感|≥95%|",
    "满意度指标|服务对象满意度指标|群众满意度|≥90%|",
    "",
    "填报单位（盖章）：桐庐县分水镇人民政府",
    "单位负责人：王建平　　财务负责人：钱丽华　　填报人：孙小明　　联系电话：0571-64321234",
    "填报日期：2025年1月10日",
)
SIGNERS = "单位负责人：王建平　　财务负责人：钱丽华　　填报人：孙小明　　联系电话：0571-64321234"


def test_a_township_is_the_department_and_its_county_government_the_supervisor(tmp_path: Path) -> None:
    """Before: department {name: 桐庐县人民政府} (no supervisor), the township's name in no field, and a note that the
    填报单位 line "disagrees" with the table's name."""
    result = imported(TOWNSHIP, tmp_path)
    filing = as_written(result.filing)
    assert filing["department"] == {"id": "dept", "name": "桐庐县分水镇人民政府", "region": "ezhou",
                                    "supervisor": "桐庐县人民政府"}
    assert [note["field"] for note in filing["notes"]] == ["money_unit"]
    assert filing["filed_on"] == dt.date(2025, 1, 10)
    assert filing["contact"] == {"filer": "孙小明", "phone": "0571-64321234"}
    assert filing["funds"]["income"]["lines"] == [
        {"name": "一般公共预算", "amount": "2860.35", "share": "89.20%"},
        {"name": "政府性基金预算", "amount": "346.50", "share": "10.80%"}]
    assert filing["overall_goal"] == "完成3个行政村和美乡村建设，矛盾纠纷调处成功率保持在98%以上。"
    assert filing["goals"][0]["indicators"][1] == indicator("产出指标", "质量指标", "矛盾纠纷调处成功率", "≥98%")
    # the two heads' names are theirs: listed, never published
    assert not_placed(result) == [(SIGNERS, f"此行有4项，其余各项已录入；“单位负责人：王建平”：{PERSON.format('单位负责人')}；"
                                            f"“财务负责人：钱丽华”：{PERSON.format('财务负责人')}")]


@pytest.mark.parametrize(("one", "other", "same"), [
    ("桐庐县人民政府", "桐庐县分水镇人民政府", False), ("某市教育局", "某市某区教育局", False),
    ("某区人民政府", "某区某某街道人民政府", False),
    # guards: abbreviations and a higher place in front stay one department
    ("某区住建局", "某区住房和城乡建设局", True), ("某县市监局", "某县市场监督管理局", True),
    ("桐庐县教育局", "杭州市桐庐县教育局", True), ("某县卫生健康局", "县卫健局", True)])
def test_a_unit_under_a_place_is_not_the_places_department(one: str, other: str, same: bool) -> None:
    assert same_department(one, other) is same and same_department(other, one) is same


# --- 2. an 一体化 export: 项目类型 (the project's level) beside 项目类别 ----------------------------------------------------

STREET = export(
    "2026年项目支出绩效目标表",
    "单位：万元",
    "单位名称|杭州市西湖区北山街道办事处|||||",
    "项目名称|老旧小区综合改造提升|||||",
    "项目编码|330106260000000004567|||项目类型|一级项目|",
    "项目类别|特定目标类|||项目属性|□延续 ☑新增|",
    "项目负责人|赵敏|||联系电话|0571-87001234|",
    "资金来源|资金总额|一般公共预算|政府性基金预算|国有资本经营预算|财政专户管理资金|单位资金",
    "|620.00|520.00|100.00||||",
    "年度绩效目标|完成5个老旧小区综合改造，惠及居民2300户。||||||",
    "一级指标|二级指标|三级指标|指标值|||",
    "|||指标性质|指标值|度量单位|",
    "产出指标|数量指标|改造小区数量|=|5|个|",
    "||惠及居民户数|≥|2300|户|",
    "|质量指标|竣工验收合格率|=|100|%|",
    "效益指标|社会效益指标|小区环境改善情况|定性|显著改善||",
    "满意度指标|服务对象满意度指标|居民满意度|≥|90|%|",
)


def source(name: str) -> str:
    return f"原表资金来源中的“{name}”在文件格式的项目预算中没有对应的一项（预算只分资金总额、财政拨款和其他资金），未录入，请核对"


def test_project_type_is_the_projects_level_not_its_category(tmp_path: Path) -> None:
    """Before: category 特定目标类, "一级项目" in no field and listed nowhere (written over). The 20-digit code is a code,
    the 指标性质 | 指标值 | 度量单位 columns give ≥2300户 whole, each budget's share is listed (the format has none)."""
    result = imported(STREET, tmp_path)
    [project] = projects(result)
    assert project == {
        "code": "330106260000000004567", "name": "老旧小区综合改造提升", "category": "特定目标类",
        "attribute": "□延续 ☑新增", "budget": {"total": "620.00"},
        "goals": [{"id": "g1", "kind": "年度", "text": "完成5个老旧小区综合改造，惠及居民2300户。", "indicators": [
            indicator("产出指标", "数量指标", "改造小区数量", "5", value_type="=", unit="个"),
            indicator("产出指标", "数量指标", "惠及居民户数", "2300", value_type="≥", unit="户"),
            indicator("产出指标", "质量指标", "竣工验收合格率", "100", value_type="=", unit="%"),
            indicator("效益指标", "社会效益指标", "小区环境改善情况", "显著改善", value_type="定性"),
            indicator("满意度指标", "服务对象满意度指标", "居民满意度", "90", value_type="≥", unit="%")]}]}
    assert result.filing["department"]["name"] == "杭州市西湖区北山街道办事处"
    assert "contact" not in result.filing
    assert not_placed(result) == [
        ("一级项目", LEVEL),
        ("项目负责人", PERSON.format("项目负责人")), ("赵敏", PERSON.format("项目负责人")),
        ("联系电话", LEADER_PHONE), ("0571-87001234", LEADER_PHONE),
        *[(name, source(name)) for name in ("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金")],
        ("520.00", source("一般公共预算")), ("100.00", source("政府性基金预算"))]


def test_a_second_category_is_listed_the_first_stands(tmp_path: Path) -> None:
    """Before: "项目类型 | 公益性项目" then "项目类别 | 特定目标类": category 特定目标类, 公益性项目 gone without a word."""
    text = STREET.replace("一级项目", "公益性项目")
    result = imported(text, tmp_path)
    [project] = projects(result)
    assert project["category"] == "公益性项目"
    assert not_placed(result)[0] == (
        "特定目标类", "项目的支出项目类别只有一处，原表前面已写作“公益性项目”，已按前一处录入；这一项未录入，请核对")


def test_project_type_as_a_line_of_its_own(tmp_path: Path) -> None:
    """The same fields written as lines ("项目类型：二级项目"), as a Word form's text export has them."""
    text = export(
        "2026年项目支出绩效目标表",
        "单位：万元",
        "单位名称：浙江省人民医院",
        "项目名称：互联网医院平台建设",
        "项目类型：二级项目",
        "项目类别：特定目标类",
        "项目资金|资金总额|1250.00",
        "年度绩效目标|建成互联网医院平台。",
        "一级指标|二级指标|三级指标|指标性质|指标值|度量单位",
        "产出指标|数量指标|线上复诊服务人次|≥|50000|人次",
        "满意度指标|服务对象满意度指标|患者满意度|≥|98|%",
    )
    result = imported(text, tmp_path)
    [project] = projects(result)
    assert project["category"] == "特定目标类" and project["budget"] == {"total": "1250.00"}
    assert project["goals"][0]["indicators"][1] == indicator("满意度指标", "服务对象满意度指标", "患者满意度", "98",
                                                             value_type="≥", unit="%")
    assert not_placed(result) == [("项目类型：二级项目", LEVEL)]


def test_project_type_column_of_a_system_list(tmp_path: Path) -> None:
    """An 一体化 list of a county's projects with both columns: before, each row's 项目类型 was written over by its
    项目类别 and listed nowhere."""
    text = export(
        "2026年项目支出绩效目标表",
        "单位：万元",
        "序号|单位名称|项目名称|项目编码|项目类型|项目类别|项目资金|年度绩效目标|一级指标|二级指标|三级指标|指标性质|指标值|度量单位",
        "1|某县第一中学|校舍维修|330000260000000000101|二级项目|特定目标类|120.00|完成校舍维修。|产出指标|数量指标|维修面积|≥|3000|平方米",
        "||||||||满意度指标|服务对象满意度指标|师生满意度|≥|95|%",
        "2|某县人民医院|设备购置|330000260000000000102|一级项目|特定目标类|300.00|购置CT一台。|产出指标|数量指标|购置设备数|=|1|台",
    )
    result = imported(text, tmp_path)
    listed = projects(result)
    assert [(p["code"], p["category"], p["budget_unit"], p["budget"]) for p in listed] == [
        ("330000260000000000101", "特定目标类", "某县第一中学", {"total": "120.00"}),
        ("330000260000000000102", "特定目标类", "某县人民医院", {"total": "300.00"})]
    assert listed[0]["goals"][0]["indicators"][0] == indicator("产出指标", "数量指标", "维修面积", "3000",
                                                               value_type="≥", unit="平方米")
    assert not_placed(result) == [("二级项目", LEVEL), ("一级项目", LEVEL)]


def test_an_amount_does_not_break_over_the_goal_row(tmp_path: Path) -> None:
    """A web copy of a school's form, its fields as lines, ☑/□ kept as filed, the merged slots dropped from the
    table: "项目资金 | 资金总额 | 35.00" (3 cells) over "年度绩效目标 | …" (2) under 4-cell indicator rows. Before, the two
    were read as one row broken in a cell ("35.00⏎年度绩效目标"): no budget, no goal text, both listed."""
    text = export(
        "2025年项目支出绩效目标表",
        "单位名称：某县第二小学",
        "项目名称：课后服务补助",
        "项目属性：☑延续项目　□新增项目",
        "项目资金|资金总额|35.00",
        "年度绩效目标|保障课后服务正常开展。",
        "一级指标|二级指标|三级指标|指标值",
        "产出指标|数量指标|参与学生数|≥900人",
        "满意度指标|服务对象满意度指标|家长满意度|≥90%",
    )
    result = imported(text, tmp_path)
    [project] = projects(result)
    assert project["attribute"] == "☑延续项目　□新增项目" and project["budget"] == {"total": "35.00"}
    assert project["goals"][0]["text"] == "保障课后服务正常开展。"
    assert [i["name"] for i in project["goals"][0]["indicators"]] == ["参与学生数", "家长满意度"]
    assert not_placed(result) == []


# --- 3. the department's name alone above a 公开 document's title -------------------------------------------------------

def guizhou(*top: str) -> str:
    return export(
        *top,
        "",
        "一、部门职责",
        "负责全州林业和草原及其生态保护修复的监督管理。",
        "二、部门整体绩效目标",
        "年度总体目标：完成营造林15万亩，森林覆盖率稳定在66%以上。",
        "一级指标|二级指标|三级指标|指标值",
        "产出指标|数量指标|营造林面积|≥15万亩",
        "效益指标|生态效益指标|森林覆盖率|≥66%",
        "满意度指标|服务对象满意度指标|林农满意度|≥90%",
    )


def test_the_name_above_the_title_when_nothing_else_names_the_department(tmp_path: Path) -> None:
    """Before: ImportFailure "原文没有部门名称，content/ 中也没有可参照的文件，未写入任何文件。"."""
    result = imported(guizhou("贵州省黔南州林业局", "2025年部门预算绩效目标公开"), tmp_path, kind="公开")
    filing = as_written(result.filing)
    assert filing["department"]["name"] == "贵州省黔南州林业局"
    assert filing["title"] == "2025年部门预算绩效目标公开" and filing["fiscal_year"] == 2025
    assert filing["notes"][0] == {"field": "department.name", "text": "原表没有写部门名称的栏目；标题“2025年部门预算绩效目标"
                                                                     "公开”上方单独一行写着“贵州省黔南州林业局”，编者取作部门名称。"}
    assert [i["name"] for i in filing["goals"][0]["indicators"]] == ["营造林面积", "森林覆盖率", "林农满意度"]
    assert not_placed(result) == []


def test_guard_a_label_names_the_department_over_the_line_above_the_title(tmp_path: Path) -> None:
    """Guard: the form's own "部门名称：…" line names it; the line above the title stays listed, no note on the name."""
    text = guizhou("贵州省黔南州林业局", "2025年部门预算绩效目标公开", "部门名称：贵州省黔南州林业局（本级）")
    result = imported(text, tmp_path, kind="公开")
    assert result.filing["department"]["name"] == "贵州省黔南州林业局（本级）"
    assert [n["field"] for n in result.filing["notes"]] == ["money_unit"]
    assert not_placed(result) == [("贵州省黔南州林业局", "未识别的段落")]


def test_guard_a_sentence_above_the_title_is_no_name(tmp_path: Path) -> None:
    """Guard: a line above the title that is not a body's name alone names nobody: the import still stops."""
    with pytest.raises(Exception, match="原文没有部门名称"):
        imported(guizhou("根据预算法要求，现予公开。", "2025年部门预算绩效目标公开"), tmp_path, kind="公开")


# --- 4. the 落款 at the end of a form -------------------------------------------------------------------------------

def street_form(*end: str) -> str:
    return export(
        "2025年项目支出绩效目标表",
        "单位名称|成都市武侯区浆洗街街道办事处|||",
        "项目名称|社区养老服务站运营补助|||",
        "项目资金（万元）|年度资金总额|||48.00",
        "|其中：财政拨款|||48.00",
        "年度绩效目标|保障辖区3个社区养老服务站正常运营。|||",
        "一级指标|二级指标|三级指标|指标值",
        "产出指标|数量指标|运营养老服务站数量|3个",
        "满意度指标|服务对象满意度指标|老年人满意度|≥90%",
        "",
        *end,
    )


def test_the_signature_at_the_end_dates_the_filing(tmp_path: Path) -> None:
    """Before: no filed_on; "成都市武侯区浆洗街街道办事处（盖章）" and "2025年1月10日" listed as 未识别的段落."""
    result = imported(street_form("成都市武侯区浆洗街街道办事处（盖章）", "2025年1月10日"), tmp_path)
    filing = result.filing
    assert filing["filed_on"] == dt.date(2025, 1, 10)
    assert filing["notes"] == [{"field": "filed_on", "text": "原表没有“填报日期”一栏；编者取表末落款“成都市武侯区浆洗街街道办事处”"
                                                             "的日期“2025年1月10日”作为填报日期。"}]
    assert not_placed(result) == []


def test_the_signature_of_a_published_form_is_its_publishing_date(tmp_path: Path) -> None:
    """A 公开: the same 落款 on one line, the date in Chinese numerals, is the published_on."""
    result = imported(street_form("成都市武侯区浆洗街街道办事处　　二〇二五年二月十八日"), tmp_path, kind="公开")
    assert result.filing["published_on"] == dt.date(2025, 2, 18) and "filed_on" not in result.filing
    assert not_placed(result) == []


def test_a_signature_date_other_than_the_filing_date_stays_listed(tmp_path: Path) -> None:
    result = imported(street_form("填报日期：2025年1月8日", "成都市武侯区浆洗街街道办事处", "2025年1月10日"), tmp_path)
    assert result.filing["filed_on"] == dt.date(2025, 1, 8) and "notes" not in result.filing
    assert not_placed(result) == [("2025年1月10日", "落款的日期与原表的“填报日期”不一致；已按“填报日期”录入，这一行未录入，请核对")]


def test_guard_another_bodys_signature_stays_listed(tmp_path: Path) -> None:
    """Guard: the 财政局's 落款 under a unit's form is not the unit's date."""
    result = imported(street_form("成都市武侯区财政局", "2025年3月1日"), tmp_path)
    assert "filed_on" not in result.filing
    assert not_placed(result) == [("成都市武侯区财政局", "未识别的段落"), ("2025年3月1日", "未识别的段落")]


def test_guard_signers_names_stay_out_of_the_filing(tmp_path: Path) -> None:
    """Guard: the 落款 as labelled cells, the heads' names listed, the 填报人 private, the date read."""
    result = imported(street_form("填报单位（盖章）|成都市武侯区浆洗街街道办事处|单位负责人|刘建国|财务负责人|王芳|填报日期|2025年1月10日",
                                  "填报人：周敏　　联系电话：028-85551234"), tmp_path)
    filing = result.filing
    assert filing["filed_on"] == dt.date(2025, 1, 10) and filing["contact"] == {"filer": "周敏", "phone": "028-85551234"}
    assert "notes" not in filing
    assert not_placed(result) == [("单位负责人", PERSON.format("单位负责人")), ("刘建国", PERSON.format("单位负责人")),
                                  ("财务负责人", PERSON.format("财务负责人")), ("王芳", PERSON.format("财务负责人"))]


def test_a_mobile_number_is_a_phone(tmp_path: Path) -> None:
    """"填报人：周敏　　手机：13900005678": before, the whole line was listed as 未识别的段落 and the filer not read. A
    负责人's 手机 is theirs: listed with why (before, as 未识别的单元格), never the contact."""
    result = imported(street_form("负责人|张丽|手机|13900005678", "填报人：周敏　　手机：13800001234"), tmp_path)
    assert result.filing["contact"] == {"filer": "周敏", "phone": "13800001234"}
    phone = "原表“负责人”的联系电话；文件格式中的联系电话是填报人的，这一项未录入"
    assert not_placed(result) == [("负责人", PERSON.format("负责人")), ("张丽", PERSON.format("负责人")),
                                  ("手机", phone), ("13900005678", phone)]


# --- guards: a school's and a hospital's project forms ----------------------------------------------------------------

SCHOOL = export(
    "",
    "2025年项目支出绩效目标申报表",
    "",
    "单位名称|宁波市鄞州区第二实验小学||||单位：万元",
    "项目名称|校园智慧安防系统升级改造||||",
    "主管部门|宁波市鄞州区教育局||实施单位|宁波市鄞州区第二实验小学|",
    "项目属性|☑延续 □新增||项目类别|特定目标类|",
    "项目负责人|陈晓燕||联系电话|13905741234|",
    "项目资金（万元）|年度资金总额|||86.50|",
    "|其中：财政拨款|||80.00|",
    "|其他资金|||6.50|",
    "年度绩效目标|完成校园视频监控、门禁系统升级，实现校园重点区域监控全覆盖。||||",
    "绩效指标|一级指标|二级指标|三级指标|指标值|",
    "|产出指标|数量指标|新增高清摄像头|≥120个|",
    "|||门禁通道改造数|6个|",
    "||时效指标|完工时间|2025年8月31日前|",
    "|满意度指标|服务对象满意度指标|师生家长满意度|≥95%|",
    "填报单位（盖章）：宁波市鄞州区第二实验小学||单位负责人：李国华||填报日期：2025年1月10日|",
)


def test_guard_a_schools_project_form(tmp_path: Path) -> None:
    """The school is the department, its 教育局 the supervisor; ☑/□ kept as filed; the leader's phone never read."""
    result = imported(SCHOOL, tmp_path)
    filing = as_written(result.filing)
    assert filing["department"] == {"id": "dept", "name": "宁波市鄞州区第二实验小学", "region": "ezhou",
                                    "supervisor": "宁波市鄞州区教育局"}
    assert filing["filed_on"] == dt.date(2025, 1, 10) and "contact" not in filing and "notes" not in filing
    [project] = filing["projects"]
    assert {k: project[k] for k in ("name", "category", "attribute", "budget_unit", "budget")} == {
        "name": "校园智慧安防系统升级改造", "category": "特定目标类", "attribute": "☑延续 □新增",
        "budget_unit": "宁波市鄞州区第二实验小学",
        "budget": {"annual": {"total": "86.50", "fiscal": "80.00", "other": "6.50"}}}
    assert [i["value"] for i in project["goals"][0]["indicators"]] == ["≥120个", "6个", "2025年8月31日前", "≥95%"]
    assert not_placed(result) == [("项目负责人", PERSON.format("项目负责人")), ("陈晓燕", PERSON.format("项目负责人")),
                                  ("联系电话", LEADER_PHONE), ("13905741234", LEADER_PHONE),
                                  ("单位负责人：李国华", PERSON.format("单位负责人"))]


def test_guard_a_hospitals_system_export(tmp_path: Path) -> None:
    """An 一体化 export of a 医院's project: 项目编码 a code never an amount, 项目类型 二级项目 listed, the ≥ | 99.9 | %
    columns kept apart as filed (value_type, value, unit: the site shows ≥99.9%)."""
    text = export(
        "2025年度项目支出绩效目标表",
        "单位名称|浙江省人民医院|||||",
        "项目名称|互联网医院平台建设|||||",
        "项目编码|330000250000000012345|||项目类型|二级项目|",
        "主管部门|浙江省卫生健康委员会|||实施单位|浙江省人民医院|",
        "资金来源（万元）|合计|一般公共预算|财政专户管理资金|单位资金||",
        "|1250.00|800.00|150.00|300.00||",
        "年度绩效目标|建成互联网医院平台，实现线上复诊、处方流转和药品配送一体化服务。||||||",
        "一级指标|二级指标|三级指标|指标性质|指标值|度量单位|",
        "产出指标|质量指标|平台系统可用率|≥|99.9|%|",
        "|成本指标|单次问诊平台运行成本|≤|12.5|元|",
        "效益指标|社会效益指标|患者就医便捷度|定性|明显提升||",
    )
    result = imported(text, tmp_path)
    [project] = projects(result)
    assert result.filing["department"]["supervisor"] == "浙江省卫生健康委员会"
    assert project["code"] == "330000250000000012345" and project["budget"] == {"total": "1250.00"}
    assert "category" not in project
    assert project["goals"][0]["indicators"] == [
        indicator("产出指标", "质量指标", "平台系统可用率", "99.9", value_type="≥", unit="%"),
        indicator("产出指标", "成本指标", "单次问诊平台运行成本", "12.5", value_type="≤", unit="元"),
        indicator("效益指标", "社会效益指标", "患者就医便捷度", "明显提升", value_type="定性")]
    assert not_placed(result) == [
        ("二级项目", LEVEL), *[(name, source(name)) for name in ("一般公共预算", "财政专户管理资金", "单位资金")],
        ("800.00", source("一般公共预算")), ("150.00", source("财政专户管理资金")), ("300.00", source("单位资金"))]
