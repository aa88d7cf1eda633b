"""`gongkai import` of a whole 部门预算公开 document with the 绩效目标 inside it.

Many departments publish their goals inside the budget report they write in Word: 第一部分 部门概况 (职责, 机构设置),
第二部分 部门预算表 (收支总表, 一般公共预算支出表 by 功能分类科目 with codes like 2040601, the “三公”经费 table, a 政府性
基金 table left empty), 第三部分 部门预算情况说明 (numbered prose), 第四部分 名词解释, and the 部门整体绩效目标 and 项目
绩效目标 as a part or as 附件. The documents below are written as an 应急管理局 (Word's text export, as seeds 003 and 004
are), a 市场监督管理局 (.docx, and the same document as copied text, a web page and a PDF) and a 民政局 (the budget tables
attached after the project goals) would write theirs, and read as a careful person transcribes them:

1. The budget tables were read as the filing's: the 收支总表's "项目 | 预算数" header made a project of 856.40 (the
   report's 收入总计), every other cell was 未识别的单元格, and once that project had opened the projects part, the
   部门整体绩效目标 after the report lost its overall goal (未识别的段落). Now a table in a part or chapter of the budget
   report (under "第二部分 部门预算表", "表1 部门收支总表", "附件1：2026年部门收支总表") is listed whole with that part's
   reason: never funds, tasks, projects or indicators, and a 功能分类科目 code is never a project's number or an amount.
2. A chapter of "第三部分 部门预算情况说明" whose title names no budget matter ("七、预算绩效管理情况") became 未识别的段落:
   a part of the report holds over all its chapters, until a heading names the goals.
3. "附件2：2026年项目支出绩效目标表" over the project forms opened an empty project (no number, no name); it is the
   projects part's heading, and "附件1：2026年部门整体绩效目标表" the department part's.
A funds table that is the 部门整体 form's own (under its part) stays the filing's funds, and an indicator that names the
“三公”经费 (“三公”经费控制率) stays an indicator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write
from tests.test_import_unseen_word_text import HEAD, NO_BASIS, PLAN_25, SPENDING, budget, cells, imported, indicator

OUTSIDE = "属于部门预算公开中“{}”这部分，不是绩效目标的内容，文件格式中没有对应的字段，未录入"
APPARATUS = "报告的目录或附件名称，不是绩效目标的内容，未录入"
BUDGET_TABLE = "部门预算公开的预算表（不是绩效目标，未录入）"
SECRET = {"withheld": {"numbers": [2, 2], "notice": "第2号项目因涉及国家秘密，暂不公开。", "reason": "涉及国家秘密"},
          "notes": [NO_BASIS]}

Rows = list[list[str]]


def listed(heading: str, *lines: str) -> list[tuple[str, str]]:
    """A heading of the budget report and what stands under it, each listed with the heading's reason."""
    return [(line, OUTSIDE.format(heading)) for line in (heading, *lines)]


def filled(rows: Rows) -> list[str]:
    """A table's cells as the report lists them: row by row, the empty ones left out."""
    return [cell for row in rows for cell in row if cell]


# --- the budget report's tables, as each document titles them ------------------------------------------------------

INCOME_AND_EXPENDITURE: Rows = [
    ["收入", "", "支出", ""],
    ["项目", "预算数", "项目", "预算数"],
    ["一、一般公共预算拨款收入", "856.40", "一、一般公共服务支出", ""],
    ["二、政府性基金预算拨款收入", "", "二、公共安全支出", "120.00"],
    ["三、国有资本经营预算拨款收入", "", "三、社会保障和就业支出", "68.20"],
    ["", "", "四、灾害防治及应急管理支出", "668.20"],
    ["本年收入合计", "856.40", "本年支出合计", "856.40"],
    ["上年结转结余", "", "年终结转结余", ""],
    ["收入总计", "856.40", "支出总计", "856.40"]]
EXPENDITURE_BY_FUNCTION: Rows = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "856.40", "636.40", "220.00"],
    ["2240101", "行政运行", "520.10", "520.10", ""],
    ["2240106", "安全监管", "148.10", "", "148.10"],
    ["2080505", "机关事业单位基本养老保险缴费支出", "68.20", "68.20", ""],
    ["2040601", "行政运行", "120.00", "48.10", "71.90"]]
THREE_PUBLIC: Rows = [
    ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "公务接待费"],
    ["", "", "小计", "公务用车运行费", ""],
    ["12.50", "0", "9.00", "9.00", "3.50"]]
FUND_BUDGET: Rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
EXPLAINED = [("一、收支预算总体情况", "2026年收入预算总计856.40万元，支出预算总计856.40万元。"),
             ("二、一般公共预算支出情况", "灾害防治及应急管理支出（类）应急管理事务（款）行政运行（项）2240101，520.10万元。"),
             ("三、“三公”经费预算情况说明", "2026年“三公”经费预算数为12.50万元。"),
             ("四、机关运行经费", "2026年机关运行经费预算为36.00万元。"),
             ("五、政府采购情况", "2026年政府采购预算总额为45.00万元。")]
PERFORMANCE_MANAGEMENT = ("七、预算绩效管理情况", "2026年本部门实行绩效目标管理的项目1个，涉及资金148.10万元。")
EMPTY_TABLE = "注：本部门无政府性基金预算收支，此表为空表。"


# --- 1. an 应急管理局's report in Word's text export, as seeds 003 and 004 are -------------------------------------

def word_table(title: str, rows: Rows) -> str:
    return f"{title}\n\t单位：万元\n\n" + cells(*rows) + "\n \n"


EMERGENCY = ("某县应急管理局2026年部门预算公开\n目录\n"
             "第一部分 部门概况\n一、部门职责\n（一）负责全县应急管理工作，指导各乡镇、各部门应对安全生产类、自然灾害类等突发事件。\n"
             "（二）负责全县安全生产综合监督管理和工矿商贸行业安全生产监督管理。\n"
             "二、机构设置\n本部门内设机构4个，无下属预算单位。\n"
             "第二部分 2026年部门预算表\n"
             + word_table("一、部门收支总表", INCOME_AND_EXPENDITURE)
             + word_table("二、部门支出总表", EXPENDITURE_BY_FUNCTION)
             + word_table("三、一般公共预算“三公”经费支出表", THREE_PUBLIC)
             + word_table("四、政府性基金预算支出表", FUND_BUDGET) + EMPTY_TABLE + "\n"
             + "第三部分 2026年部门预算情况说明\n"
             + "".join(f"{heading}\n{text}\n" for heading, text in (*EXPLAINED, PERFORMANCE_MANAGEMENT))
             + "第四部分 名词解释\n1.财政拨款收入：指县级财政当年拨付的资金。\n"
             "第五部分\n部门整体绩效目标\n \n一、总体绩效目标\n2026年，我局将全面提升应急管理能力，守牢安全底线。\n"
             "二、分项绩效目标\n安全生产监管：全年开展执法检查不少于300家次。\n"
             "第六部分\n \n预算项目绩效目标\n \n \n"
             "1、2026年安全生产执法检查经费绩效目标表\n\t单位：万元\n\n"
             + cells(["项目编码", "13022426P000777888001", "项目名称", "2026年安全生产执法检查经费"], budget("148.10"),
                     ["", "用于安全生产执法检查和隐患排查"], SPENDING, ["", "25%", "50%", "75%", "100%"],
                     ["绩效目标", "1.完成年度执法检查计划"])
             + "\n \n" + cells(HEAD, ["产出指标", "数量指标", "执法检查企业数", "执法检查企业数", "≥300家次", "工作计划"],
                              ["满意度指标", "服务对象满意度指标", "企业满意度", "企业满意度", "≥90%", "满意度调查"])
             + "\n\n第2号项目因涉及国家秘密，暂不公开。\n")


def word_table_listed(title: str, rows: Rows) -> list[tuple[str, str]]:
    return listed(title, "单位：万元", *filled(rows))


def test_word_text_report_lists_its_budget_tables_and_keeps_the_goals(tmp_path: Path) -> None:
    result = imported(tmp_path, EMERGENCY, "某县应急管理局")
    filing = as_written(result.filing)
    assert filing["title"] == "某县应急管理局2026年部门预算公开" and filing["fiscal_year"] == 2026
    assert filing["money_unit"] == "万元"
    assert filing["functions"] == ("<p>（一）负责全县应急管理工作，指导各乡镇、各部门应对安全生产类、自然灾害类等突发事件。</p>\n"
                                   "<p>（二）负责全县安全生产综合监督管理和工矿商贸行业安全生产监督管理。</p>")
    assert filing["overall_goal"] == "<p>2026年，我局将全面提升应急管理能力，守牢安全底线。</p>"
    assert filing["sections"] == [{"title": "二、机构设置", "text": "<p>本部门内设机构4个，无下属预算单位。</p>"},
                                  {"title": "二、分项绩效目标", "text": "<p>安全生产监管：全年开展执法检查不少于300家次。</p>"}]
    assert "funds" not in filing and "goals" not in filing and "annual_tasks" not in filing
    assert filing["projects"] == [
        {"number": 1, "code": "13022426P000777888001", "name": "2026年安全生产执法检查经费",
         "budget": {"total": "148.10", "fiscal": "148.10"}, "purpose": "用于安全生产执法检查和隐患排查",
         "spending_plan": PLAN_25,
         "goals": [{"id": "g1", "kind": "年度", "text": "1.完成年度执法检查计划", "indicators": [
             indicator("产出指标", "数量指标", "执法检查企业数", "执法检查企业数", "≥300家次", "工作计划"),
             indicator("满意度指标", "服务对象满意度指标", "企业满意度", "企业满意度", "≥90%", "满意度调查")]}]},
        SECRET]
    assert not_placed(result) == [
        ("目录", APPARATUS), *listed("第二部分 2026年部门预算表"),
        *word_table_listed("一、部门收支总表", INCOME_AND_EXPENDITURE),
        *word_table_listed("二、部门支出总表", EXPENDITURE_BY_FUNCTION),
        *word_table_listed("三、一般公共预算“三公”经费支出表", THREE_PUBLIC),
        *word_table_listed("四、政府性基金预算支出表", FUND_BUDGET), (EMPTY_TABLE, OUTSIDE.format("四、政府性基金预算支出表")),
        *listed("第三部分 2026年部门预算情况说明"),
        *[pair for heading, text in (*EXPLAINED, PERFORMANCE_MANAGEMENT) for pair in listed(heading, text)],
        *listed("第四部分 名词解释", "1.财政拨款收入：指县级财政当年拨付的资金。")]
    assert [table.kind for table in result.imported.tables] == [BUDGET_TABLE] * 4 + ["项目表、指标表"]
    assert result.check.errors == []


# --- 2. a 市场监督管理局's report in Word, the goals attached as 附件1 and 附件2 -----------------------------------------

def table(*rows: list[Any]) -> FormTable:
    drawn = FormTable()
    for row in rows:
        drawn.add(*row)
    return drawn


MARKET_TABLES: list[tuple[str, Rows]] = [
    ("表1 部门收支总表", [["收入项目", "预算数", "支出项目", "预算数"],  # a funds header, side by side: not the filing's
                      ["一般公共预算拨款收入", "1320.75", "一般公共服务支出", "1102.55"],
                      ["政府性基金预算拨款收入", "", "社会保障和就业支出", "128.20"],
                      ["", "", "卫生健康支出", "90.00"],
                      ["本年收入合计", "1320.75", "本年支出合计", "1320.75"],
                      ["收入总计", "1320.75", "支出总计", "1320.75"]]),
    ("表2 一般公共预算支出表", [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                        ["", "合计", "1320.75", "1140.75", "180.00"],
                        ["2013801", "行政运行", "962.55", "962.55", ""],
                        ["2013816", "食品安全监管", "140.00", "", "140.00"],
                        ["2080505", "机关事业单位基本养老保险缴费支出", "128.20", "128.20", ""],
                        ["2040601", "行政运行", "90.00", "50.00", "40.00"]]),
    ("表3 一般公共预算“三公”经费支出表", [["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
                               ["18.60", "0.00", "15.00", "3.60"]])]
MARKET_EXPLAINED = [("一、关于2026年收支预算情况的总体说明", "按照综合预算的原则，2026年收入总预算1320.75万元，支出总预算1320.75万元。"),
                    ("二、关于2026年“三公”经费预算情况说明", "2026年“三公”经费预算18.60万元，比上年减少1.40万元。"),
                    ("三、机关运行经费", "2026年机关运行经费预算为86.00万元。"),
                    ("四、预算绩效管理情况", "2026年本部门实行绩效目标管理的项目2个，涉及一般公共预算拨款180.00万元。")]
NO_FUND = "本部门无政府性基金预算收支，此表为空表。"


def market() -> list[FormBlock]:
    report: list[FormBlock] = [
        FormText("某县市场监督管理局2026年部门预算公开"), FormText("目录"), FormText("第一部分 部门概况"),
        FormText("一、部门职责"), FormText("（一）负责全县市场综合监督管理。"), FormText("（二）负责全县食品安全监督管理综合协调。"),
        FormText("二、机构设置"), FormText("本部门内设机构8个，下设市场监管所6个。"), FormText("第二部分 2026年部门预算表")]
    for title, rows in MARKET_TABLES:
        report += [FormText(title), FormText("单位：万元"), table(*rows)]
    report += [FormText("表4 政府性基金预算支出表"), FormText("单位：万元"),
               table(["科目编码", "科目名称", "本年政府性基金预算支出"], [(NO_FUND, 3)]),
               FormText("第三部分 2026年部门预算情况说明")]
    report += [FormText(line) for chapter in MARKET_EXPLAINED for line in chapter]
    report += [FormText("第四部分 名词解释"), FormText("1.一般公共预算拨款收入：指县级财政当年拨付的资金。")]
    goals = [FormText("附件1：2026年部门整体绩效目标表"), FormText("金额单位：万元"),
             table(["部门（单位）名称", "某县市场监督管理局"], ["预算年度", "2026年"]),
             table(["收支构成", "项目", "当年金额", "占比"], ["收入构成", "财政拨款", "1320.75", "100%"],
                   ["", "合计", "1320.75", "100%"], ["支出构成", "基本支出", "1140.75", "86.37%"],
                   ["", "项目支出", "180.00", "13.63%"], ["", "合计", "1320.75", "100%"]),
             table(["总体绩效目标", "守住食品安全底线，维护公平竞争的市场秩序。"]),
             table(["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "食品安全抽检批次", "≥1200批次"],
                   ["成本指标", "经济成本指标", "“三公”经费控制率", "≤100%"],
                   ["满意度指标", "服务对象满意度指标", "市场主体满意度", "≥90%"]),
             FormText("附件2：2026年项目支出绩效目标表"), FormText("1.2026年食品安全抽检经费绩效目标表"),
             FormText("金额单位：万元"),
             table(["项目编码", "13022426P000999000001"], ["项目名称", "2026年食品安全抽检经费"], ["项目总额", "140.00"],
                   ["资金用途", "用于食品安全监督抽检和风险监测"]),
             table(["年度目标", ("完成食品安全监督抽检1200批次。", 3)], ["一级指标", "二级指标", "三级指标", "指标值"],
                   ["产出指标", "数量指标", "抽检批次", "≥1200批次"]),
             FormText("第2号项目因涉及国家秘密，暂不公开。")]
    return report + goals


def line(name: str, amount: str, share: str) -> dict[str, str]:
    return {"name": name, "amount": amount, "share": share}


MARKET_FUNDS = {"income": {"lines": [line("财政拨款", "1320.75", "100%")], "total": line("合计", "1320.75", "100%")},
                "expenditure": {"lines": [line("基本支出", "1140.75", "86.37%"), line("项目支出", "180.00", "13.63%")],
                                "total": line("合计", "1320.75", "100%")}}


def market_listed() -> list[tuple[str, str]]:
    tables = [pair for title, rows in MARKET_TABLES for pair in listed(title, "单位：万元", *filled(rows))]
    fund = listed("表4 政府性基金预算支出表", "单位：万元", "科目编码", "科目名称", "本年政府性基金预算支出", NO_FUND)
    chapters = [pair for heading, text in MARKET_EXPLAINED for pair in listed(heading, text)]
    return [("目录", APPARATUS), *listed("第二部分 2026年部门预算表"), *tables, *fund,
            *listed("第三部分 2026年部门预算情况说明"), *chapters,
            *listed("第四部分 名词解释", "1.一般公共预算拨款收入：指县级财政当年拨付的资金。")]


@pytest.mark.parametrize("suffix", ["docx", "txt", "html", "pdf"])
def test_word_report_with_the_goal_forms_attached(tmp_path: Path, suffix: str) -> None:
    result = import_new(write(market(), tmp_path / f"部门预算公开.{suffix}"), tmp_path, "scjg", year=None)
    filing = as_written(result.filing)
    assert filing["title"] == "某县市场监督管理局2026年部门预算公开" and filing["fiscal_year"] == 2026
    assert filing["department"] == {"id": "scjg", "name": "某县市场监督管理局", "region": "ezhou"}
    assert filing["money_unit"] == "万元" and "notes" not in filing
    assert filing["funds"] == MARKET_FUNDS  # the 部门整体 form's, never the 收支总表's
    assert filing["functions"] == "<p>（一）负责全县市场综合监督管理。</p>\n<p>（二）负责全县食品安全监督管理综合协调。</p>"
    assert filing["sections"] == [{"title": "二、机构设置", "text": "<p>本部门内设机构8个，下设市场监管所6个。</p>"}]
    assert filing["overall_goal"] == "守住食品安全底线，维护公平竞争的市场秩序。"
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "食品安全抽检批次", "value": "≥1200批次"},
        {"level1": "成本指标", "level2": "经济成本指标", "name": "“三公”经费控制率", "value": "≤100%"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "市场主体满意度", "value": "≥90%"}]}]
    assert filing["projects"] == [
        {"number": 1, "code": "13022426P000999000001", "name": "2026年食品安全抽检经费", "budget": {"total": "140.00"},
         "purpose": "用于食品安全监督抽检和风险监测",
         "goals": [{"id": "g1", "kind": "年度", "text": "完成食品安全监督抽检1200批次。", "indicators": [
             {"level1": "产出指标", "level2": "数量指标", "name": "抽检批次", "value": "≥1200批次"}]}]},
        SECRET]
    assert not_placed(result) == market_listed()
    assert [table.kind for table in result.imported.tables][:4] == [BUDGET_TABLE] * 4
    assert result.check.errors == []


# --- 3. a 民政局: the goals first, its own funds side by side, the budget tables attached after the projects -----------

def civil_affairs() -> list[FormBlock]:
    return [FormText("某县民政局2026年部门预算公开"), FormText("第一部分 部门整体绩效目标"),
            table(["部门名称", "某县民政局"], ["总体绩效目标", "兜牢民生底线，提升基本民生保障水平。"]),
            table(["收入项目", "预算数", "支出项目", "预算数"], ["财政拨款", "2100.00", "基本支出", "1240.00"],
                  ["", "", "项目支出", "860.00"], ["合计", "2100.00", "合计", "2100.00"]),
            table(["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "城乡低保保障人数", "≥3200人"]),
            FormText("第二部分 项目绩效目标"), FormText("1.2026年城乡低保资金绩效目标表"), FormText("金额单位：万元"),
            table(["项目名称", "2026年城乡低保资金"], ["项目总额", "860.00"]),
            table(["年度目标", ("保障城乡低保对象基本生活。", 3)], ["一级指标", "二级指标", "三级指标", "指标值"],
                  ["产出指标", "数量指标", "保障人数", "≥3200人"]),
            FormText("附件1：2026年部门收支总表"), FormText("单位：万元"),
            table(*CIVIL_INCOME_AND_EXPENDITURE), FormText("附件2：2026年一般公共预算支出表"),
            table(*CIVIL_BY_FUNCTION)]


CIVIL_INCOME_AND_EXPENDITURE = [["收入项目", "预算数", "支出项目", "预算数"],
                                ["一般公共预算拨款收入", "2100.00", "社会保障和就业支出", "2100.00"],
                                ["收入总计", "2100.00", "支出总计", "2100.00"]]
CIVIL_BY_FUNCTION = [["科目编码", "科目名称", "合计"], ["2082001", "城市最低生活保障金支出", "860.00"],
                     ["2080201", "行政运行", "1240.00"]]


@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_budget_tables_attached_after_the_projects_are_no_projects(tmp_path: Path, suffix: str) -> None:
    """The 收支总表 and the 支出表 attached after the last project: before, the 收支总表 was read into that project's
    form and the 功能分类 codes were cells of it. The department's own funds, side by side under its part, stay its."""
    result = import_new(write(civil_affairs(), tmp_path / f"部门预算公开.{suffix}"), tmp_path, "mzj", year=None)
    filing = as_written(result.filing)
    assert filing["funds"] == {
        "income": {"lines": [{"name": "财政拨款", "amount": "2100.00"}], "total": {"name": "合计", "amount": "2100.00"}},
        "expenditure": {"lines": [{"name": "基本支出", "amount": "1240.00"}, {"name": "项目支出", "amount": "860.00"}],
                        "total": {"name": "合计", "amount": "2100.00"}}}
    assert filing["overall_goal"] == "兜牢民生底线，提升基本民生保障水平。"
    assert filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "城乡低保保障人数", "value": "≥3200人"}]}]
    assert filing["projects"] == [
        {"number": 1, "name": "2026年城乡低保资金", "budget": {"total": "860.00"},
         "goals": [{"id": "g1", "kind": "年度", "text": "保障城乡低保对象基本生活。", "indicators": [
             {"level1": "产出指标", "level2": "数量指标", "name": "保障人数", "value": "≥3200人"}]}]}]
    income = "附件1：2026年部门收支总表"
    by_function = "附件2：2026年一般公共预算支出表"
    assert not_placed(result) == [
        (income, APPARATUS), ("单位：万元", OUTSIDE.format(income)),
        *[(cell, OUTSIDE.format(income)) for cell in filled(CIVIL_INCOME_AND_EXPENDITURE)],
        (by_function, APPARATUS), *[(cell, OUTSIDE.format(by_function)) for cell in filled(CIVIL_BY_FUNCTION)]]
    assert result.check.errors == []
