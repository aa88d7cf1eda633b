"""The site built from text exports of forms the seeds do not show, as real units fill them in.

Five forms, each a .txt export (tab-separated rows, as seed 001 is) written into content/sources/ and `gongkai
import`ed into an empty content folder, then published: a 街道办事处's 部门整体支出绩效目标表 with its 年度主要任务 table,
单位编码 and contact line; a school's 项目支出绩效目标申报表 with 项目编码, 中期/年度 funds and its 项目负责人; a
预算管理一体化 list of a 财政局's projects with 资金来源 over 资金总额 | 财政拨款 | 其他资金 and a withheld row between two
projects; a hospital's project with 18 indicators (定性 ones, "≤ | 15个工作日", weights and scoring rules); a county
bureau's project form in 元. What a citizen and an editor check: every figure on its page and in the downloads
exactly as filed, with the pages' labels; codes as codes; the money unit; the withheld notice in place and no
person's name or phone anywhere.

Defects this round found (each test says which):
1. A project's 其中：财政资金 | 其他资金 beside 项目总额 | 本年度预算 is the split of the year's budget: every such project
   (the hospital's, the 元 form's) showed a false 数据核对提示 "之和 … 不等于项目总预算" on its page and its filing's.
2. A withheld notice row ("第3号项目涉密，不予公开") between two rows of a project list ended the list: project 4 and
   every project below it were not published (only listed in the import report as 未识别的单元格).
3. 资金来源 merged over 资金总额 | 财政拨款 | 其他资金 in a project list: no project got its amounts (listed only).
4. A withheld project's own row in the list ("5 | 编码 | 名称 | 类别 | 涉密，不予公开"): the import keeps only its number and
   notice, but the 原文 was published whole, the withheld project's code and name in sources/ for anyone to read.
"""

from __future__ import annotations

import csv
import gzip
import html as html_lib
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.checking import check_content
from generator.importing.importer import ImportOptions, import_file
from generator.models import RangeRedaction, WithheldRange
from generator.redaction import WithheldRows, blank_withheld, withheld_rows
from tests.conftest import ROOT
from tests.test_check import BASE, lines, run_check
from tests.test_import_unseen_excel_text import export
from tests.test_site_from_imports import imported_site
from tests.test_site_quality import expected_indicators, parse, rendered_indicators, row_with

CONFIG = """title: 未见过的表
base_url: https://example.test/
organisation: 测试主办单位
regions:
  - id: sichuan
    name: 四川省
"""


# A 街道办事处 (乡镇级) 部门整体 form: 单位编码 with a leading 0, the task table with an empty 其他资金 cell, contact line.
TOWNSHIP = export(
    "",
    "2025年部门整体支出绩效目标表",
    "",
    "部门（单位）名称\t四川省眉山市彭山区谢家街道办事处\t\t\t\t\t",
    "单位编码\t058012\t\t\t\t\t金额单位：万元",
    "年度主要任务\t任务名称\t\t主要内容\t预算金额（万元）\t\t",
    "\t\t\t\t总额\t财政拨款\t其他资金",
    "\t任务1\t基层治理\t开展网格化服务管理，化解矛盾纠纷\t186.40\t186.40\t0",
    "\t任务2\t农村人居环境整治\t垃圾清运和厕所改造\t243.05\t200.00\t43.05",
    "\t任务3\t机关运行保障\t保障街道机关正常运转\t612.30\t612.30\t",
    "\t金额合计\t\t\t1041.75\t998.70\t43.05",
    "年度总体目标\t1. 矛盾纠纷调处成功率达到95%以上；2. 农村生活垃圾收运处置体系行政村覆盖率100%。\t\t\t\t\t",
    "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t\t",
    "\t产出指标\t数量指标\t新建改建农村户厕\t≥320户\t\t",
    "\t\t质量指标\t矛盾纠纷调处成功率\t≥95%\t\t",
    "\t\t时效指标\t垃圾清运频次\t每日1次\t\t",
    "\t效益指标\t社会效益指标\t群众安全感\t较上年提高\t\t",
    "\t满意度指标\t服务对象满意度指标\t辖区群众满意度\t≥90%\t\t",
    "填报人：王晓红\t\t联系电话：028-38512345\t\t填报日期：2025年1月20日\t\t",
)

# A school's 申报表 under its 教育局: 项目编码, 中期/年度 funds side by side, the 项目负责人 and his mobile.
SCHOOL = export(
    "2025年项目支出绩效目标申报表",
    "（2025年度）",
    "",
    "项目名称\t智慧校园建设\t\t\t\t\t\t",
    "项目编码\t51011525P000000078901\t\t\t\t\t\t",
    "主管部门及代码\t[135]成都市温江区教育局\t\t\t实施单位\t成都市温江区第二中学校\t\t",
    "项目负责人\t赵国庆\t\t\t联系电话\t13808012345\t\t",
    "项目属性\t新增项目\t\t\t项目期\t3年\t\t",
    "项目资金（万元）\t中期资金总额：\t\t360.00\t年度资金总额：\t\t125.50\t",
    "\t其中：财政拨款\t\t330.00\t其中：财政拨款\t\t115.50\t",
    "\t其他资金\t\t30.00\t其他资金\t\t10.00\t",
    "总体目标\t中期目标（2025年—2027年）\t\t\t年度目标\t\t\t",
    "\t三年内建成覆盖全校的智慧教学环境。\t\t\t2025年完成36间智慧教室改造。\t\t\t",
    "绩效指标\t一级指标\t二级指标\t中期指标\t\t年度指标\t\t",
    "\t\t\t三级指标\t指标值\t三级指标\t指标值\t",
    "\t产出指标\t数量指标\t智慧教室改造数量\t108间\t智慧教室改造数量\t36间\t",
    "\t\t成本指标\t每间教室改造成本\t≤3.2万元\t每间教室改造成本\t≤3.2万元\t",
    "\t效益指标\t社会效益指标\t信息化教学课时占比\t≥60%\t信息化教学课时占比\t≥40%\t",
    "\t满意度指标\t服务对象满意度指标\t师生满意度\t≥95%\t师生满意度\t≥90%\t",
)


SECRET = ("52011525P000000001015", "维稳专项保障经费")  # the withheld 5th project's code and name


def budget_list(sources: tuple[str, str, str], notice: str) -> str:
    """A 预算管理一体化 export of a 财政局's projects: 资金来源 merged over `sources`, the 3rd project withheld by
    `notice` (a row of its own, without tabs: the export drops a merged row's empty slots), the 5th by its own row
    with its code, name and kind beside the notice."""
    return export(
        "2025年项目支出绩效目标汇总表",
        "",
        "单位名称：贵阳市观山湖区财政局\t\t\t\t\t\t\t单位：万元",
        "序号\t项目编码\t项目名称\t项目类别\t资金来源\t\t\t年度绩效目标",
        "\t\t\t\t" + "\t".join(sources) + "\t",
        "1\t52011525P000000001011\t财政信息化运维\t经常性项目\t320.00\t320.00\t0.00\t保障预算管理一体化系统全年稳定运行",
        "2\t52011525P000000001012\t国库集中支付代理手续费\t经常性项目\t48.60\t48.60\t\t按时支付代理银行手续费",
        notice,
        "4\t52011525P000000001014\t政府采购评审专家劳务费\t一次性项目\t15.25\t\t15.25\t完成年度政府采购评审",
        f"5\t{SECRET[0]}\t{SECRET[1]}\t经常性项目\t涉密，不予公开\t\t\t",
    )


LIST = budget_list(("资金总额", "财政拨款", "其他资金"), "第3号项目涉密，不予公开")

# A county hospital's project: 项目总额 | 本年度预算 | 其中：财政资金 | 其他资金 (the split is of the year's 600.00),
# 18 indicators in 指标值类型 | 指标值 | 计量单位 columns, 定性 ones among them, and the 合计 of the weights.
HOSPITAL_INDICATORS = [
    ("产出指标", "数量指标", "下派医师人数", "≥", "30", "人", "8", "达到30人得满分", "计划标准"),
    ("", "", "远程会诊例数", "≥", "1200", "例", "6", "按完成比例得分", "历史标准"),
    ("", "", "培训基层医务人员", "≥", "500", "人次", "6", "按完成比例得分", "计划标准"),
    ("", "质量指标", "基层首诊率", "≥", "65", "%", "6", "达到得满分", "行业标准"),
    ("", "", "检查结果互认率", "≥", "90", "%", "5", "达到得满分", "行业标准"),
    ("", "", "医疗质量管理", "定性", "规范有序", "", "5", "视情况扣分", "计划标准"),
    ("", "时效指标", "检验报告出具时间", "≤", "15", "个工作日", "5", "超时扣分", "计划标准"),
    ("", "", "设备采购完成时限", "≤", "15个工作日", "", "4", "超时扣分", "计划标准"),
    ("", "", "项目完成时间", "=", "2025年12月底", "", "4", "按时完成得满分", "计划标准"),
    ("", "成本指标", "人均培训成本", "≤", "0.15", "万元", "5", "超支扣分", "历史标准"),
    ("", "", "设备购置成本控制", "≤", "450", "万元", "5", "超支扣分", "预算标准"),
    ("效益指标", "社会效益指标", "县域内就诊率", "≥", "90", "%", "8", "达到得满分", "行业标准"),
    ("", "", "群众就医便利程度", "定性", "明显提升", "", "6", "视情况扣分", "计划标准"),
    ("", "", "基层医疗服务能力", "定性", "逐步提高", "", "5", "视情况扣分", "计划标准"),
    ("", "可持续影响指标", "医共体运行机制", "定性", "长效运行", "", "5", "视情况扣分", "计划标准"),
    ("", "经济效益指标", "患者次均费用增幅", "≤", "5", "%", "5", "超出扣分", "历史标准"),
    ("满意度指标", "服务对象满意度指标", "患者满意度", "≥", "95", "%", "6", "按比例得分", "行业标准"),
    ("", "", "基层医务人员满意度", "≥", "90", "%", "4", "按比例得分", "行业标准"),
]
HOSPITAL = export(
    "2025年项目支出绩效目标表",
    "",
    "项目名称\t县域医共体建设\t\t\t\t\t\t\t",
    "项目代码\t41152125T000000223344\t\t\t\t\t\t\t",
    "单位编码\t418001\t\t单位名称\t信阳市罗山县人民医院\t\t\t\t",
    "项目总额\t本年度预算\t其中：财政资金\t其他资金\t\t\t\t\t",
    "1500.00\t600.00\t450.00\t150.00\t\t\t\t\t",
    "年度绩效目标\t推进县域医共体建设，提升基层医疗服务能力。\t\t\t\t\t\t\t",
    "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t分值\t评（扣）分标准\t指标值确定依据",
    *("\t".join(row) for row in HOSPITAL_INDICATORS),
    "合计\t\t\t\t\t\t100\t\t",
)

# A county bureau's project form in 元, amounts to the fen, an indicator value in 元 and one in ‰.
YUAN = export(
    "2025年度项目支出绩效目标表",
    "",
    "填报单位（盖章）：张家口市蔚县林业和草原局\t\t\t\t\t单位：元",
    "",
    "项目名称\t森林草原防灭火专项\t\t\t\t",
    "项目编码\t13072625P000000556677\t\t\t\t",
    "项目总额\t1286500.50\t\t本年度预算\t486500.50\t",
    "其中：财政资金\t450000.00\t\t其他资金\t36500.50\t",
    "年度绩效目标\t全年森林火灾受害率控制在0.9‰以内。\t\t\t\t",
    "一级指标\t二级指标\t三级指标\t指标值\t\t",
    "产出指标\t数量指标\t购置防火物资\t≥1200件\t\t",
    "\t成本指标\t防火物资采购成本\t≤486500.50元\t\t",
    "效益指标\t生态效益指标\t森林火灾受害率\t≤0.9‰\t\t",
    "满意度指标\t服务对象满意度指标\t林区群众满意度\t≥90%\t\t",
)

# (file under content/sources/, text, --department, --kind)
FORMS = [("街道整体.txt", TOWNSHIP, "xjjd", "公开"), ("学校申报.txt", SCHOOL, "wjez", "申报"),
         ("一体化清单.txt", LIST, "gshczj", "公开"), ("医院项目.txt", HOSPITAL, "lsrmyy", "公开"),
         ("林草元.txt", YUAN, "yxlcj", "公开")]
TOWNSHIP_PAGE, SCHOOL_PAGE = "d/xjjd/2025-gongkai/", "d/wjez/2025-shenbao/p/51011525P000000078901/"
LIST_PAGE, HOSPITAL_PAGE = "d/gshczj/2025-gongkai/", "d/lsrmyy/2025-gongkai/p/41152125T000000223344/"
YUAN_PAGE = "d/yxlcj/2025-gongkai/p/13072625P000000556677/"
PERSONAL = ("王晓红", "028-38512345", "赵国庆", "13808012345")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(content, config, site): the forms imported into an empty content folder, and the site built from it."""
    folder = tmp_path_factory.mktemp("unseen")
    content, config = folder / "content", folder / "site_config.yml"
    config.write_text(CONFIG, encoding="utf-8")
    (content / "sources").mkdir(parents=True)

    imports = []
    for name, text, department, kind in FORMS:
        source = content / "sources" / name
        source.write_text(text, encoding="utf-8")
        imports.append((source, department, kind, 2025))
    return content, config, imported_site(content, config, "sichuan", imports, folder / "site")


@pytest.fixture(scope="module")
def site(imported) -> Path:
    return imported[2]


def rows(site: Path, page: str) -> list[list[str]]:
    return parse(site / page / "index.html").rows


def described(site: Path, page: str) -> dict[str, tuple[str, str]]:
    """The page's <dt> labels → (the <dd>'s class, its text): the 基本信息 and 公开目录 lists."""
    text = (site / page / "index.html").read_text(encoding="utf-8")
    return {html_lib.unescape(label): (cls, html_lib.unescape(re.sub(r"<[^>]+>", "", value)).strip())
            for label, cls, value in re.findall(r'<dt>([^<]*)</dt>\s*<dd(?: class="([^"]*)")?>(.*?)</dd>', text, re.S)}


def page_text(site: Path, page: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", (site / page / "index.html").read_text(encoding="utf-8")))


def csv_rows(site: Path, path: str) -> list[dict[str, str]]:
    with (site / path).open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


# --- 1. every figure on its page, as filed ---------------------------------------------------------------------------

def test_every_indicator_is_on_its_page(imported) -> None:
    content, config, site = imported
    expected = expected_indicators(content, config)
    assert expected == {"d/xjjd/2025-gongkai/": 5, "d/wjez/2025-shenbao/": 8, "d/gshczj/2025-gongkai/": 0,
                        "d/lsrmyy/2025-gongkai/": 18, "d/yxlcj/2025-gongkai/": 4}
    assert {url: rendered_indicators(site, url) for url in expected} == expected


def test_task_table_figures_as_filed(site: Path) -> None:
    """The 0 stays 0 (not 0.00), the empty 其他资金 stays empty, the 合计 as filed."""
    table = rows(site, TOWNSHIP_PAGE)
    assert ["资金总额", "其中：财政拨款", "其他资金"] in table
    assert row_with(table, "基层治理")[2:] == ["186.40", "186.40", "0"]
    assert row_with(table, "农村人居环境整治")[2:] == ["243.05", "200.00", "43.05"]
    assert row_with(table, "机关运行保障")[2:] == ["612.30", "612.30", "—"]
    assert row_with(table, "金额合计") == ["金额合计", "1041.75", "998.70", "43.05"]
    assert row_with(table, "新建改建农村户厕")[-1] == "≥320户"


def test_hospital_indicators_every_column_as_filed(site: Path) -> None:
    """定性 values, "≤ | 15 | 个工作日" and "≤ | 15个工作日" each as the form has them, with weight and scoring rule."""
    table = rows(site, HOSPITAL_PAGE)
    assert table[0] == ["一级指标", "二级指标", "三级指标", "指标值", "指标值类型", "计量单位", "指标值确定依据",
                        "评（扣）分标准", "分值"]
    for _, _, name, kind, value, unit, weight, scoring, basis in HOSPITAL_INDICATORS:
        row = row_with(table, name)
        assert row[row.index(name) + 1:] == [value, kind, unit, basis, scoring, weight], name


def test_project_budgets_as_filed_with_their_labels(site: Path) -> None:
    """Amounts in dd.num, codes in dd.code; the 中期/年度 funds under their own labels; the 元 form's amounts to the
    fen and labelled 元."""
    yuan = described(site, YUAN_PAGE)
    assert {k: yuan[k] for k in ("项目编码", "金额单位", "项目总预算", "本年度预算", "其中：财政资金", "其他资金")} == {
        "项目编码": ("code", "13072625P000000556677"), "金额单位": ("", "元"), "项目总预算": ("num", "1286500.50"),
        "本年度预算": ("num", "486500.50"), "其中：财政资金": ("num", "450000.00"), "其他资金": ("num", "36500.50")}
    assert "（单位：元；" in page_text(site, "d/yxlcj/2025-gongkai/")
    assert row_with(rows(site, YUAN_PAGE), "防火物资采购成本")[-1] == "≤486500.50元"
    school = rows(site, SCHOOL_PAGE)
    assert school[:3] == [["资金", "资金总额", "其中：财政拨款", "其他资金"], ["中期资金总额", "360.00", "330.00", "30.00"],
                          ["年度资金总额", "125.50", "115.50", "10.00"]]
    assert described(site, SCHOOL_PAGE)["项目编码"] == ("code", "51011525P000000078901")
    assert described(site, TOWNSHIP_PAGE)["单位代码"][1] == "058012"


# --- 2. the downloads: the same figures, under the pages' labels ------------------------------------------------

def test_downloads_hold_the_figures_as_filed(site: Path) -> None:
    projects = {row["项目名称"]: row for row in csv_rows(site, "data/projects.csv")}
    assert {k: projects["森林草原防灭火专项"][k] for k in ("项目编码", "金额单位", "项目总预算", "本年度预算",
                                                       "其中：财政资金", "其他资金")} == {
        "项目编码": "13072625P000000556677", "金额单位": "元", "项目总预算": "1286500.50", "本年度预算": "486500.50",
        "其中：财政资金": "450000.00", "其他资金": "36500.50"}
    school = projects["智慧校园建设"]
    assert [school[k] for k in ("中期资金总额", "中期资金总额（其中：财政拨款）", "中期资金总额（其他资金）", "年度资金总额",
                                "年度资金总额（其中：财政拨款）", "年度资金总额（其他资金）", "项目总预算")] == [
        "360.00", "330.00", "30.00", "125.50", "115.50", "10.00", ""]
    tasks = [(r["任务名称"], r["预算金额（资金总额）"], r["预算金额（其中：财政拨款）"], r["预算金额（其他资金）"], r["单位代码"])
             for r in csv_rows(site, "data/tasks.csv")]
    assert tasks == [("基层治理", "186.40", "186.40", "0", "058012"), ("农村人居环境整治", "243.05", "200.00", "43.05", "058012"),
                     ("机关运行保障", "612.30", "612.30", "", "058012"), ("", "1041.75", "998.70", "43.05", "058012")]
    hospital = [r for r in csv_rows(site, "data/indicators.csv") if r["部门标识"] == "lsrmyy"]
    assert [(r["三级指标"], r["指标值类型"], r["指标值"], r["计量单位"], r["分值"], r["评（扣）分标准"])
            for r in hospital] == [(i[2], i[3], i[4], i[5], i[6], i[7]) for i in HOSPITAL_INDICATORS]


def test_workbook_keeps_codes_as_text_and_amounts_to_their_digits(site: Path) -> None:
    sheet = openpyxl.load_workbook(site / "d/yxlcj/2025-gongkai/data/yxlcj-2025-gongkai.xlsx")["项目"]
    head = [cell.value for cell in sheet[1]]
    row = {head[i]: cell for i, cell in enumerate(sheet[2])}
    assert (row["项目编码"].value, row["项目编码"].data_type) == ("13072625P000000556677", "s")
    assert [(Decimal(str(row[k].value)), row[k].number_format) for k in ("项目总预算", "其中：财政资金")] == [
        (Decimal("1286500.50"), "0.00"), (Decimal("450000.00"), "0.00")]
    tasks = openpyxl.load_workbook(site / "d/xjjd/2025-gongkai/data/xjjd-2025-gongkai.xlsx")["年度主要任务"]
    head = [cell.value for cell in tasks[1]]
    assert {tasks.cell(2, head.index("单位代码") + 1).value} == {"058012"}


def test_json_keeps_every_figure_and_the_goal_texts(site: Path) -> None:
    data = json.loads((site / "d/gshczj/2025-gongkai/data/gshczj-2025-gongkai.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    for figure in ("320.00", "48.60", "15.25", "保障预算管理一体化系统全年稳定运行", "完成年度政府采购评审"):
        assert figure in text


# --- 3. the defects ---------------------------------------------------------------------------------------------------

def test_no_false_warning_when_the_split_is_of_this_years_budget(site: Path) -> None:
    """Defect 1: 450.00 + 150.00 is the year's 600.00, not the project's 1500.00: no 核对提示 on any page."""
    for page in (HOSPITAL_PAGE, "d/lsrmyy/2025-gongkai/", YUAN_PAGE, "d/yxlcj/2025-gongkai/"):
        assert "数据核对提示" not in page_text(site, page), page


def test_a_split_adding_up_to_neither_budget_still_warns(tmp_path: Path) -> None:
    """Guard for defect 1: the warning stays for a split that is of neither the total nor the year's budget, and
    for a form without 本年度预算."""
    report = run_check(tmp_path, {"d/a.yml": BASE + """\
projects:
  - {name: 甲, budget: {total: 1500.00, this_year: 600.00, fiscal: 450.00, other: 150.00}}
  - {name: 乙, budget: {total: 1500.00, this_year: 600.00, fiscal: 450.00, other: 100.00}}
  - {name: 丙, budget: {total: 1500.00, this_year: 600.00, fiscal: 1000.00, other: 500.00}}
  - {name: 丁, budget: {total: 100, fiscal: 80, other: 10}}
"""})
    assert [line.split("  ")[1] for line in lines(report, tmp_path)] == ["projects[1].budget.fiscal",
                                                                         "projects[3].budget.fiscal"]


def test_projects_below_a_withheld_row_are_published(site: Path) -> None:
    """Defect 2: the notice where project 3 stood, project 4 below it on the list and on a page of its own."""
    table = rows(site, LIST_PAGE)
    assert [row[0] for row in table[1:]] == ["1", "2", "3", "4", "5"]
    assert table[3][1].startswith("不予公开：第3号项目涉密，不予公开")
    assert table[4][1:] == ["政府采购评审专家劳务费", "52011525P000000001014", "一次性项目", "15.25"]
    assert described(site, "d/gshczj/2025-gongkai/p/52011525P000000001014/")["序号"][1] == "4"
    withheld = csv_rows(site, "data/withheld.csv")
    assert [(r["起始序号"], r["截止序号"], r["不公开说明"]) for r in withheld] == [("3", "3", "第3号项目涉密，不予公开"),
                                                                          ("5", "5", "涉密，不予公开")]


def test_list_amounts_under_a_sources_head_are_read(site: Path) -> None:
    """Defect 3: 资金来源 over 资金总额 | 财政拨款 | 其他资金: each project's amounts as filed, on its page and in the CSV."""
    budgets = {r["项目名称"]: (r["项目总预算"], r["其中：财政资金"], r["其他资金"])
               for r in csv_rows(site, "data/projects.csv") if r["部门标识"] == "gshczj"}
    assert budgets == {"财政信息化运维": ("320.00", "320.00", "0.00"), "国库集中支付代理手续费": ("48.60", "48.60", ""),
                       "政府采购评审专家劳务费": ("15.25", "", "15.25")}
    page = described(site, "d/gshczj/2025-gongkai/p/52011525P000000001011/")
    assert (page["项目总预算"], page["其中：财政资金"], page["其他资金"]) == (("num", "320.00"),) * 2 + (("num", "0.00"),)


def test_sources_a_budget_has_no_part_for_are_listed_not_lost(tmp_path: Path) -> None:
    """Guard for defect 3: 资金来源 over 一般公共预算 | 政府性基金 (no such parts in the format) is not read as 资金总额 |
    财政拨款; the amounts are in the import report, and the projects after the notice are still read."""
    source = tmp_path / "清单.txt"
    source.write_text(budget_list(("合计", "一般公共预算", "政府性基金"), "第3号项目涉密，不予公开"), encoding="utf-8")
    (tmp_path / "content").mkdir()
    config = tmp_path / "site_config.yml"
    config.write_text(CONFIG, encoding="utf-8")
    result = import_file(source, ImportOptions(department="gshczj", region="sichuan", year=2025, kind="公开",
                                               content_dir=tmp_path / "content", config=config))
    projects = result.filing["projects"]
    assert [p.get("number") or p["withheld"]["numbers"] for p in projects] == [1, 2, [3, 3], 4, [5, 5]]
    assert all("budget" not in p for p in projects)
    listed = [text for _, text, _ in result.imported.not_placed]
    assert {"320.00", "48.60", "15.25"} <= set(listed)


# --- 4. nobody's name or phone, anywhere ------------------------------------------------------------------------

def file_parts(file: Path) -> list[bytes]:
    """A file's bytes as a reader gets them: a workbook's members unzipped, the search index's fragments ungzipped."""
    if file.suffix == ".xlsx":
        with zipfile.ZipFile(file) as book:
            return [book.read(name) for name in book.namelist()]
    data = file.read_bytes()
    return [gzip.decompress(data)] if data[:2] == b"\x1f\x8b" else [data]


def test_names_and_phones_are_nowhere_on_the_site(imported) -> None:
    """The 街道's 填报人 and phone (imported into `contact`), the school's 项目负责人 and mobile (not imported): in no
    page, download, search fragment or published 原文, which shows them blanked."""
    content, _, site = imported
    filed = (content / "xjjd/2025-gongkai.yml").read_text(encoding="utf-8")
    assert "contact: {filer: 王晓红, phone: 028-38512345}" in filed
    found = [f"{file.relative_to(site)}: {value}" for file in sorted(p for p in site.rglob("*") if p.is_file())
             for part in file_parts(file) for value in PERSONAL if value.encode() in part]
    assert found == []
    school = (site / "sources/学校申报.txt").read_text(encoding="utf-8")
    assert "项目负责人\t［已隐去］\t\t\t联系电话\t［已隐去］" in school and "51011525P000000078901" in school


def test_nothing_withheld_in_the_sitemap_and_the_notice_on_the_withheld_page(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"d/gshczj/2025-gongkai/p/([^/<]+)/", sitemap)) == [
        "52011525P000000001011", "52011525P000000001012", "52011525P000000001014"]
    assert "第3号项目涉密，不予公开" in page_text(site, "withheld/")


def test_a_withheld_rows_name_and_code_are_not_in_the_published_source(site: Path) -> None:
    """Defect 4: the import records only the number and notice of "5 | 5201…1015 | 维稳专项保障经费 | 经常性项目 |
    涉密，不予公开", but the 原文 was published whole: the withheld project's code and name a download away. Its row
    keeps the number and the notice; the rows around it stay as filed."""
    found = [f"{file.relative_to(site)}: {value}" for file in sorted(p for p in site.rglob("*") if p.is_file())
             for part in file_parts(file) for value in SECRET if value.encode() in part]
    assert found == []
    fragments = [part for f in (site / "pagefind").rglob("*.pf_fragment") for part in file_parts(f)]
    assert any("政府采购评审专家劳务费".encode() in part for part in fragments)  # the search text was read
    source = (site / "sources/一体化清单.txt").read_text(encoding="utf-8").split("\n")
    assert source[-2:] == ["5\t［已隐去］\t［已隐去］\t［已隐去］\t涉密，不予公开\t\t\t", ""]
    assert source[-3] == LIST.split("\n")[-3] and "第3号项目涉密，不予公开" in source


def test_blanking_withheld_rows_keeps_the_rest_of_a_source() -> None:
    """Guard for defect 4: a notice over rows it lists blanks their names; a row after them with a number not
    withheld, and a notice line of its own (seed 004's "6-13号项目…"), stay as filed."""
    rows = withheld_rows([WithheldRange(withheld=RangeRedaction(numbers=[3, 4], notice="以下项目涉密，不予公开：",
                                                                reason="涉密"))])
    text = "2\t甲项目\t10.00\n以下项目涉密，不予公开：\n3\t乙项目\n4\t丙项目\n5\t丁项目\t5.00\n"
    assert blank_withheld(text, rows) == "2\t甲项目\t10.00\n以下项目涉密，不予公开：\n3\t［已隐去］\n4\t［已隐去］\n5\t丁项目\t5.00\n"
    seed = (ROOT / "content/sources/004_878df4ebd272f24d.txt").read_text(encoding="utf-8")
    notice = "6-13号项目信息因涉及保密要求，项目绩效目标暂不公开。"
    assert blank_withheld(seed, WithheldRows((notice,), frozenset(range(6, 14)))) == seed


def test_check_finds_nothing_wrong_in_what_was_imported(imported) -> None:
    content, config, _ = imported
    assert [(p.path, p.code) for p in check_content(content, config).report.problems] == []
