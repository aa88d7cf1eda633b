"""`gongkai import` of other departments' forms exported from Excel to tab-separated text the way the seeds 000–002
are (鄂州 批复, 广水 申报表, 衡阳 申报表): merged cells exported as empty cells, or their slots dropped; trailing tabs;
rich text cells as "<p>…</p>".

1. The funds table (部门总体资金情况) with other income rows (政府性基金, 上级补助收入, 事业收入, 上年结转, 国有资本经营预算,
   经营收入, 其他收入), 基本支出/项目支出, amounts in 元, prior-year columns in either order or only one. A row whose
   last prior-year cell is empty (a new income this year) ends a column early, yet keeps the slots of the merged label
   like its neighbours. It was aligned by its last figure: the amount read as the 占比, the 占比 listed as "not a
   number", the prior year under the other year. The one figure with a percent sign is the 占比 and says how far the
   row slid; a row without one slid as the last row of its width that had one.
2. The 年度主要任务 table whose 金额合计 row keeps the slot of the empty 主要内容 and a trailing tab: the amounts were
   read one column off (总额 lost, 财政拨款 read as 总额). The row stands like the task rows of its width.
3. The 年度部门整体支出预算 of the Hunan form (衡阳 style: each head merged over two columns, the amounts under them in the
   row below, every slot kept): read in order, each empty slot passed an amount on to the next head (财政拨款 empty,
   其他资金 given the 财政拨款's amount, the 其他资金 listed). The amounts stand under their heads.

Each form is the text as the export writes it; the filing and the 未放入 list are exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_tasks import as_written


def imported(text: str, tmp_path: Path, kind: str = "申报") -> ImportResult:
    """The export written as the department's .txt and imported with year and kind from the form."""
    source = tmp_path / "原表.txt"
    source.write_text(text, encoding="utf-8")
    return import_new(source, tmp_path, "dept", kind=kind, year=None)


def export(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def shifted(**line: Any) -> dict[str, Any]:
    """A funds line of a row the export slid one column right (the slot of the merged label kept), as read."""
    return line | {"notes": [{"text": "原表此行数字向右错位1列；编者按顺序读作当年金额、占比和往年金额。"}]}


# --- 1. funds rows whose last prior-year cell is empty --------------------------------------------------------------

# A Hubei 申报表 in 元, prior years 2024 then 2023. 政府性基金 is new since 2024 (its 2023 cell empty), 上级补助收入 had
# none in 2024, 上年结转 has no 占比 and no 2023 figure, 事业收入 is all empty.
HUBEI_IN_YUAN = export(
    "",
    "",
    "2025年部门整体绩效目标申报表",
    "",
    "单位：元",
    "",
    "部门（单位）名称\t咸宁市自然资源和规划局\t\t\t\t\t\t",
    "部门总体资金情况\t总体资金情况\t\t当年金额\t占比\t近两年收支金额\t\t",
    "\t\t\t\t\t2024年\t2023年\t",
    "\t收入构成\t财政拨款\t\t12500000.00\t83.33%\t11800000.00\t10950000.00",
    "\t\t政府性基金\t\t1500000.00\t10.00%\t2100000.00\t",
    "\t\t上级补助收入\t\t600000.00\t4.00%\t\t350000.00",
    "\t\t事业收入\t\t\t\t\t",
    "\t\t上年结转\t\t400000.00\t\t120000.00\t",
    "\t合计\t\t15000000.00\t100%\t14020000.00\t11300000.00\t",
    "支出构成\t基本支出\t\t9800000.00\t65.33%\t9500000.00\t11300000.00\t",
    "\t项目支出\t\t5200000.00\t34.67%\t4520000.00\t\t",
    "\t合计\t\t15000000.00\t100%\t14020000.00\t11300000.00\t",
    "部门职能概述\t<p>1. 履行全民所有自然资源资产所有者职责。</p><p>2. 负责自然资源调查监测评价。<br>"
    "3. 负责国土空间规划和用途管制。</p>\t\t\t\t\t\t",
    "年度工作任务\t<p>1. 完成年度国土变更调查。</p><p>2. 完成耕地保护目标责任考核。</p>\t\t\t\t\t\t",
    "",
    "年度目标：完成年度国土变更调查；完成耕地保护目标责任考核。",
    "",
    "一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据\t指标分类",
    "\t\t\t近两年指标值\t\t预期当年实现值\t\t",
    "\t\t\t2024年\t2023年\t\t\t",
    "产出指标\t数量指标\t变更调查图斑核查数\t12000个\t10500个\t≥12000个\t历史标准\t绩效基本型",
    "\t\t矿山地质环境治理面积\t300亩\t\t≥320亩\t计划标准\t绩效基本型",
    "满意度指标\t服务对象满意度\t办事群众满意度\t95%\t94%\t≥95%\t计划标准\t绩效基本型",
)

HUBEI_FUNDS = {
    "prior_years": [2024, 2023],
    "income": {
        "lines": [
            shifted(name="财政拨款", amount="12500000.00", share="83.33%",
                    prior={2024: "11800000.00", 2023: "10950000.00"}),
            shifted(name="政府性基金", amount="1500000.00", share="10.00%", prior={2024: "2100000.00"}),
            shifted(name="上级补助收入", amount="600000.00", share="4.00%", prior={2023: "350000.00"}),
            {"name": "事业收入"},
            shifted(name="上年结转", amount="400000.00", prior={2024: "120000.00"}),
        ],
        "total": {"name": "合计", "amount": "15000000.00", "share": "100%",
                  "prior": {2024: "14020000.00", 2023: "11300000.00"}},
    },
    "expenditure": {
        "lines": [
            {"name": "基本支出", "amount": "9800000.00", "share": "65.33%",
             "prior": {2024: "9500000.00", 2023: "11300000.00"}},
            {"name": "项目支出", "amount": "5200000.00", "share": "34.67%", "prior": {2024: "4520000.00"}},
        ],
        "total": {"name": "合计", "amount": "15000000.00", "share": "100%",
                  "prior": {2024: "14020000.00", 2023: "11300000.00"}},
    },
}


def test_funds_rows_ending_early_keep_their_columns(tmp_path: Path) -> None:
    """Before: 政府性基金's amount was its share ("1500000.00"), its 10.00% listed as not a number and its 2024 figure
    filed as 2023's; 上年结转 likewise; 项目支出's amount became its share and its share its 2024 figure."""
    result = imported(HUBEI_IN_YUAN, tmp_path)
    filing = result.filing
    assert as_written(filing["funds"]) == HUBEI_FUNDS
    assert (filing["money_unit"], filing["fiscal_year"], filing["department"]["name"]) == ("元", 2025, "咸宁市自然资源和规划局")
    assert not_placed(result) == []
    assert result.check.warnings == [] and result.check.errors == []


# A 批复 with one prior year (上年收支金额), income kinds of another department, 经营收入 new this year.
ONE_PRIOR_YEAR = export(
    "",
    "2025年部门整体绩效目标批复",
    "",
    "单位：元",
    "",
    "部门（单位）名称\t赤壁市教育局\t\t\t\t\t",
    "部门总体资金情况\t总体资金情况\t\t当年金额\t占比\t上年收支金额\t",
    "\t\t\t\t\t2024年\t",
    "\t收入构成\t财政拨款\t\t356780000.00\t88.50%\t341200000.00",
    "\t\t国有资本经营预算\t\t\t\t",
    "\t\t事业收入\t\t30450000.00\t7.55%\t28900000.00",
    "\t\t经营收入\t\t1200000.00\t0.30%\t",
    "\t\t其他收入\t\t14720000.00\t3.65%\t15010000.00",
    "\t合计\t\t403150000.00\t100%\t385110000.00\t",
    "支出构成\t基本支出\t\t298600000.00\t74.07%\t287400000.00\t",
    "\t项目支出\t\t104550000.00\t25.93%\t97710000.00\t",
    "\t合计\t\t403150000.00\t100%\t385110000.00\t",
    "部门职能概述\t<p>1. 贯彻执行国家教育方针政策。</p><p>2. 统筹管理全市各级各类教育。</p>\t\t\t\t\t",
)


def test_funds_with_one_prior_year_and_a_new_income(tmp_path: Path) -> None:
    """Before: 经营收入 (no 2024 figure) was read as share "1200000.00", its 0.30% listed as not a number."""
    result = imported(ONE_PRIOR_YEAR, tmp_path, kind="批复")
    assert as_written(result.filing["funds"]["income"]) == {
        "lines": [
            shifted(name="财政拨款", amount="356780000.00", share="88.50%", prior={2024: "341200000.00"}),
            {"name": "国有资本经营预算"},
            shifted(name="事业收入", amount="30450000.00", share="7.55%", prior={2024: "28900000.00"}),
            shifted(name="经营收入", amount="1200000.00", share="0.30%"),
            shifted(name="其他收入", amount="14720000.00", share="3.65%", prior={2024: "15010000.00"}),
        ],
        "total": {"name": "合计", "amount": "403150000.00", "share": "100%", "prior": {2024: "385110000.00"}},
    }
    assert not_placed(result) == []
    assert result.check.warnings == [] and result.check.errors == []


# --- 2. the 金额合计 row of the 年度主要任务 table --------------------------------------------------------------------

def tasks_form(total_row: str) -> str:
    """A Hubei 部门（单位）整体绩效目标申报表 with its 年度主要任务 (预算金额 over 总额 | 财政拨款 | 其他资金), the
    task rows keeping the slot of the merged label and a trailing tab; `total_row` the 金额合计 row as exported."""
    return export(
        "",
        "部门（单位）整体绩效目标申报表",
        "（2025年度）",
        "",
        "填报日期：2025年 1 月 15 日",
        "",
        "单位：万元",
        "",
        "部门（单位）名称\t通山县水利和湖泊局\t\t\t\t\t",
        "填报人\t陈敏\t联系电话\t0715-2345678\t\t\t",
        "年度主要任务\t任务名称\t主要内容\t预算金额\t\t\t",
        "\t\t\t总额\t财政拨款\t其他资金\t",
        "\t农村饮水安全维修养护\t<p>维修养护农村供水工程45处。</p>\t260.00\t240.00\t20.00\t",
        "\t水土保持综合治理\t<p>治理水土流失面积12平方公里。<br>新建谷坊5座。</p>\t410.50\t410.50\t0\t",
        "\t防汛抗旱\t<p>做好汛期防汛物资储备和值守。</p>\t95.00\t95.00\t\t",
        total_row,
        "年度总体目标\t<p>1. 保障全县农村饮水安全。</p><p>2. 水土流失治理面积持续增加。</p>\t\t\t\t\t",
        "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据\t",
        "\t产出指标\t数量指标\t农村供水工程维修养护处数\t≥45处\t计划标准\t",
        "\t\t质量指标\t工程验收合格率\t100%\t行业标准",  # no trailing tab, as some rows of the seeds
        "\t\t时效指标\t汛期值守到岗率\t100%\t\t",
        "\t满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t计划标准\t",
    )


TASKS = [
    {"name": "农村饮水安全维修养护", "content": "<p>维修养护农村供水工程45处。</p>",
     "budget": {"total": "260.00", "fiscal": "240.00", "other": "20.00"}},
    {"name": "水土保持综合治理", "content": "<p>治理水土流失面积12平方公里。<br>新建谷坊5座。</p>",
     "budget": {"total": "410.50", "fiscal": "410.50", "other": "0"}},
    {"name": "防汛抗旱", "content": "<p>做好汛期防汛物资储备和值守。</p>", "budget": {"total": "95.00", "fiscal": "95.00"}},
]


@pytest.mark.parametrize("total_row, total", [
    # the slot of the empty 主要内容 kept, like the task rows
    ("\t金额合计\t\t765.50\t745.50\t20.00\t", {"total": "765.50", "fiscal": "745.50", "other": "20.00"}),
    # the label merged across 任务名称 and 主要内容: one slot fewer, the trailing tab kept
    ("\t金额合计\t765.50\t745.50\t20.00\t", {"total": "765.50", "fiscal": "745.50", "other": "20.00"}),
    # 其他资金 empty as well
    ("\t金额合计\t\t765.50\t745.50\t\t", {"total": "765.50", "fiscal": "745.50"}),
])
def test_task_total_row_stands_like_the_task_rows(tmp_path: Path, total_row: str, total: dict[str, str]) -> None:
    """Before: 总额 listed (a cell of the total row that is no amount, read under 主要内容), 财政拨款 filed as 总额 and
    其他资金 as 财政拨款 (in the last case 765.50 under 主要内容 and 745.50 as 总额)."""
    result = imported(tasks_form(total_row), tmp_path)
    filing = result.filing
    assert as_written(filing["tasks"]) == {"lines": TASKS, "total": total}
    assert filing["contact"] == {"filer": "陈敏", "phone": "0715-2345678"}
    assert not_placed(result) == []
    assert result.check.warnings == [] and result.check.errors == []


# --- 3. the Hunan 年度部门整体支出预算 with every slot kept -------------------------------------------------------------

HUNAN_REQUEST = export(
    "",
    "",
    "部门（单位）整体绩效目标申报表\t\t\t\t\t\t\t\t",
    "（2025年度）\t\t\t\t\t\t\t\t\t",
    "部门（单位）职责\t\t年度履职目标\t\t\t\t\t\t",
    "部门单位名称\t\t株洲市芦淞区民政局\t\t\t\t\t\t",
    "年度部门整体支出预算（万元）\t\t资金总额\t\t财政拨款\t\t其他资金\t\t",
    "\t\t1280.60\t\t1200.00\t\t80.60\t\t",
    "部门（单位）职责\t\t<p>（一）贯彻执行民政工作法律法规。</p> <p>（二）负责社会救助、养老服务和儿童福利工作。</p>\t\t\t\t\t\t",
    "年度总体目标\t\t<p>1. 城乡低保应保尽保。</p> <p>2. 提升养老服务水平。</p>\t\t\t\t\t\t",
    "绩效指标\t\t\t\t\t\t\t\t",
    "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t指标解释\t评/扣分标准\t备注",
    "产出指标\t数量指标\t城乡低保保障人数\t≥\t3200\t人\t年度保障人数\t达到3200人得满分，共计10分，每少10人扣0.1分\t",
    "\t\t特困人员供养人数\t≥\t210\t人\t年度供养人数\t达到210人得满分，共计10分\t",
    "效益指标\t社会效益指标\t困难群众基本生活\t定性\t有效保障\t\t保障困难群众基本生活\t有效保障得满分，共计20分\t",
    "满意度指标\t服务对象满意度指标\t救助对象满意度\t≥\t90\t%\t救助对象满意情况\t满意度≥90%得满分，共计10分\t",
)


def test_request_amounts_under_heads_whose_slots_were_kept(tmp_path: Path) -> None:
    """Before: 财政拨款 had no amount, 其他资金 had 1200.00 and 80.60 was listed 未放入."""
    result = imported(HUNAN_REQUEST, tmp_path)
    filing = result.filing
    assert as_written(filing["funds"]) == {"income": {
        "lines": [{"name": "财政拨款", "amount": "1200.00"}, {"name": "其他资金", "amount": "80.60"}],
        "total": {"name": "资金总额", "amount": "1280.60"}}}
    assert filing["money_unit"] == "万元" and "notes" not in filing
    assert [indicator["name"] for indicator in filing["goals"][0]["indicators"]] == [
        "城乡低保保障人数", "特困人员供养人数", "困难群众基本生活", "救助对象满意度"]
    # as in the 衡阳 seed: the head row of the form's two columns is the form's print over the texts below, placed
    assert not_placed(result) == []
    assert result.check.warnings == [] and result.check.errors == []
