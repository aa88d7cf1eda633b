"""`gongkai import` of filings exported from Word to text as seeds 003 and 004 are: what follows and surrounds the
projects.

The documents are written in the seeds' export style (see tests/test_import_unseen_word_text.py: each cell on a line
after a tab, a blank line after each table row, "第二部分" and its title on two lines), as a 水务局, a 交通运输局 and an
应急管理局 would write theirs:

1. A part after the projects ("第三部分" with "其他说明" on the next line, or "第三部分 其他说明") and a chapter heading
   after the last project's tables ("三、其他需要说明的事项"): before, the part's paragraphs were 未识别的段落 and a
   "三、…" heading was never read once the projects had begun. They are a chapter of the filing (`sections`). A
   chapter heading with a project's table after it stays unread: it may be a project's own text.
2. The form's printed instructions ("填报说明：", "1.本表由…填报；", "2.金额单位为万元。"): before, 未识别的段落, and
   right under a chapter they would have joined its text. They are listed as the form's instructions, never read
   (their 万元 is not the filing's unit). "说明：…" under a table stays the form's note on it.
3. Withheld notices with Chinese numerals ("第二至三号项目…", "第五、六号项目…"): before, unknown paragraphs.
4. A notice whose colon ends it ("以下项目因涉及国家秘密不予公开：") with the projects on the lines below ("6.2026年战备
   公路养护经费"): before, every line 未放入 and no record. A withheld record per line's number; its name is not
   published (a withheld record has none) and the line is listed saying so.
5. A notice without 因 ("第五、六号项目涉密，不予公开"): the reason is the clause that says why ("涉密"), not the
   whole notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.imports import not_placed
from tests.test_import_unseen_word_text import HEAD, PLAN_25, SPENDING, budget, cells, imported, indicator, part_one, \
    projects

NO_BASIS = {"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}
INSTRUCTIONS = "原表印制的“{}”，是告诉填表人怎样填写这张表的，不是部门填报的内容，未录入"


def cause(words: str) -> dict[str, str]:
    return {"field": "withheld.reason", "text": f"原文说明未用“因”字引出理由；编者取其中的“{words}”作为不公开理由，说明照原文全文录入。"}


def project_form(number: int, name: str, code: str, amount: str, purpose: str, goal: str, rows: list[list[str]],
                 unit: str = "万元") -> str:
    """A project's heading, its form and its indicator table, as 003 writes them."""
    return (f"{number}、{name}绩效目标表\n\t单位：{unit}\n\n"
            + cells(["项目编码", code, "项目名称", name], budget(amount), ["", purpose], SPENDING,
                    ["", "25%", "50%", "75%", "100%"], ["绩效目标", goal])
            + "\n \n" + cells(HEAD, *rows) + "\n\n")


def read_project(number: int, name: str, code: str, amount: str, purpose: str, goal: str,
                 *indicators: dict[str, str]) -> dict:
    return {"number": number, "code": code, "name": name, "budget": {"total": amount, "fiscal": amount},
            "purpose": purpose, "spending_plan": PLAN_25,
            "goals": [{"id": "g1", "kind": "年度", "text": goal, "indicators": list(indicators)}]}


# --- a 水务局: notices in Chinese numerals, a part after the projects, the form's 填报说明 at the end -----------------

def water(part: str) -> str:
    return (part_one("2026年，我局将全面落实河湖长制，保障防洪安全和供水安全。")
            + project_form(1, "2026年河湖长制工作经费", "13022426P000555666001", "450000.00", "用于河湖巡查和清四乱整治",
                           "1.完成全县河湖巡查全覆盖",
                           [["产出指标", "数量指标", "巡查河湖数量", "巡查河湖数量", "≥26条", "工作计划"],
                            ["满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥90%", "满意度调查"]], "元")
            + "第二至三号项目因涉及国家秘密，暂不公开。\n"
            + project_form(4, "2026年防汛抗旱物资储备经费", "13022426P000555666004", "300000.00", "用于防汛物资购置和储备",
                           "1.储备防汛物资满足应急需要",
                           [["产出指标", "数量指标", "编织袋储备量", "编织袋储备量", "≥5万条", "储备标准"]], "元")
            + "第五、六号项目涉密，不予公开。\n"
            + part
            + "本部门2026年预算项目共6个，其中公开2个、涉密4个。涉密项目按规定报同级保密部门备案。\n"
            + "本表所列指标值为年度计划值，年终将开展绩效自评。\n"
            + "填报说明：\n1.本表由项目单位填报，主管部门审核；\n2.金额单位为万元。\n")


@pytest.mark.parametrize("part", ["第三部分\n \n其他说明\n \n", "第三部分 其他说明\n"], ids=["two-lines", "one-line"])
def test_water_chinese_numerals_a_part_after_the_projects_and_the_forms_instructions(tmp_path: Path, part: str) -> None:
    result = imported(tmp_path, water(part), "滦南县水务局")
    split = {"field": "withheld.numbers", "text": "原文一条不公开说明列出几处序号（第5号、第6号）；一条不予公开记录只记一段连续的序号，"
                                                  "编者拆为2条记录，各录入原文的说明、理由和依据。"}
    five_six = {"notice": "第五、六号项目涉密，不予公开。", "reason": "涉密"}
    assert projects(result) == [
        read_project(1, "2026年河湖长制工作经费", "13022426P000555666001", "450000.00", "用于河湖巡查和清四乱整治",
                     "1.完成全县河湖巡查全覆盖",
                     indicator("产出指标", "数量指标", "巡查河湖数量", "巡查河湖数量", "≥26条", "工作计划"),
                     indicator("满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥90%", "满意度调查")),
        {"withheld": {"numbers": [2, 3], "notice": "第二至三号项目因涉及国家秘密，暂不公开。", "reason": "涉及国家秘密"},
         "notes": [NO_BASIS]},
        read_project(4, "2026年防汛抗旱物资储备经费", "13022426P000555666004", "300000.00", "用于防汛物资购置和储备",
                     "1.储备防汛物资满足应急需要",
                     indicator("产出指标", "数量指标", "编织袋储备量", "编织袋储备量", "≥5万条", "储备标准")),
        {"withheld": {"numbers": [5, 5]} | five_six, "notes": [NO_BASIS, cause("涉密"), split]},
        {"withheld": {"numbers": [6, 6]} | five_six, "notes": [NO_BASIS, cause("涉密"), split]},
    ]
    assert result.filing["sections"] == [{"title": "第三部分 其他说明", "text": (
        "<p>本部门2026年预算项目共6个，其中公开2个、涉密4个。涉密项目按规定报同级保密部门备案。</p>\n"
        "<p>本表所列指标值为年度计划值，年终将开展绩效自评。</p>")}]
    assert result.filing["money_unit"] == "元"  # the instructions' 万元 is not read
    assert result.filing["notes"][0] == {"field": "title", "text": (  # no longer says "两个部分标题": there are three
        "原文没有文件标题，只有“第一部分 部门整体绩效目标”和“第二部分 预算项目绩效目标”等部分标题；文件名称为编者据此拟定。")}
    assert not_placed(result) == [(text, INSTRUCTIONS.format("填报说明"))
                                  for text in ("填报说明：", "1.本表由项目单位填报，主管部门审核；", "2.金额单位为万元。")]
    assert result.check.errors == []


def test_a_glossary_part_on_two_lines_is_listed_as_the_budget_reports(tmp_path: Path) -> None:
    """"第三部分" with "名词解释" on the next line is the budget report's glossary, as "第三部分 名词解释" on one line is:
    listed with that reason, never a chapter of the filing. Before, its lines were 未识别的段落."""
    glossary = "第三部分\n \n名词解释\n \n1.涉密项目：指涉及国家秘密的项目。\n"
    result = imported(tmp_path, water(glossary), "滦南县水务局")
    assert "sections" not in result.filing
    outside = "属于部门预算公开中“第三部分 名词解释”这部分，不是绩效目标的内容，文件格式中没有对应的字段，未录入"
    assert not_placed(result) == [(text, outside) for text in (
        "名词解释", "1.涉密项目：指涉及国家秘密的项目。", "本部门2026年预算项目共6个，其中公开2个、涉密4个。涉密项目按规定报同级保密部门备案。",
        "本表所列指标值为年度计划值，年终将开展绩效自评。", "填报说明：", "1.本表由项目单位填报，主管部门审核；", "2.金额单位为万元。")]


# --- a 交通运输局: a notice listing its projects on the lines below, a chapter after the last project ---------------

ROADS = (part_one("2026年，我局将全力保障全县公路安全畅通。")
         + project_form(1, "2026年农村公路日常养护经费", "13022426P000777888001", "260.00", "用于县乡村道日常养护",
                        "1.完成农村公路日常养护1200公里",
                        [["产出指标", "数量指标", "养护里程", "日常养护里程", "≥1200公里", "养护计划"],
                         ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "沿线群众满意度", "≥90%", "满意度调查"]])
         + "第2-4号项目涉及国家秘密，不予公开。\n"
         + project_form(5, "2026年公路桥梁安全检测经费", "13022426P000777888005", "35.00", "用于全县公路桥梁定期检测",
                        "1.完成全县87座桥梁定期检测",
                        [["产出指标", "数量指标", "检测桥梁数量", "定期检测桥梁数量", "87座", "检测计划"]])
         + "以下项目因涉及国家秘密不予公开：\n6.2026年战备公路养护经费\n7、2026年国防交通保障经费\n"
         + project_form(8, "2026年农村客运补贴资金", "13022426P000777888008", "120.00", "用于农村客运班线运营补贴",
                        "1.保障建制村通客车率100%",
                        [["产出指标", "数量指标", "补贴客运班线", "补贴农村客运班线数量", "≥42条", "补贴方案"]])
         + "三、其他需要说明的事项\n"
         + "我局2026年项目支出绩效目标已经局党组会议审议通过。\n"
         + "各项目绩效目标将按季度开展绩效运行监控。\n")


def test_roads_a_notice_listing_its_projects_below_and_a_chapter_after_the_last_project(tmp_path: Path) -> None:
    result = imported(tmp_path, ROADS, "某县交通运输局")
    notice = "以下项目因涉及国家秘密不予公开："
    below = {"field": "withheld.numbers", "text": "原文这条说明的冒号后没有序号，不予公开的项目逐行列在说明下面；"
                                                  "编者按该行的序号录入，该行的项目名称未录入。"}
    assert projects(result) == [
        read_project(1, "2026年农村公路日常养护经费", "13022426P000777888001", "260.00", "用于县乡村道日常养护",
                     "1.完成农村公路日常养护1200公里",
                     indicator("产出指标", "数量指标", "养护里程", "日常养护里程", "≥1200公里", "养护计划"),
                     indicator("满意度指标", "服务对象满意度指标", "沿线群众满意度", "沿线群众满意度", "≥90%", "满意度调查")),
        {"withheld": {"numbers": [2, 4], "notice": "第2-4号项目涉及国家秘密，不予公开。", "reason": "涉及国家秘密"},
         "notes": [NO_BASIS, cause("涉及国家秘密")]},
        read_project(5, "2026年公路桥梁安全检测经费", "13022426P000777888005", "35.00", "用于全县公路桥梁定期检测",
                     "1.完成全县87座桥梁定期检测",
                     indicator("产出指标", "数量指标", "检测桥梁数量", "定期检测桥梁数量", "87座", "检测计划")),
        {"withheld": {"numbers": [6, 6], "notice": notice, "reason": "涉及国家秘密"}, "notes": [NO_BASIS, below]},
        {"withheld": {"numbers": [7, 7], "notice": notice, "reason": "涉及国家秘密"}, "notes": [NO_BASIS, below]},
        # the heading right above a table is project 8's, not one more line of the list
        read_project(8, "2026年农村客运补贴资金", "13022426P000777888008", "120.00", "用于农村客运班线运营补贴",
                     "1.保障建制村通客车率100%",
                     indicator("产出指标", "数量指标", "补贴客运班线", "补贴农村客运班线数量", "≥42条", "补贴方案")),
    ]
    assert result.filing["sections"] == [{"title": "三、其他需要说明的事项", "text": (
        "<p>我局2026年项目支出绩效目标已经局党组会议审议通过。</p>\n<p>各项目绩效目标将按季度开展绩效运行监控。</p>")}]
    listed = "不公开说明下列出的第{}号项目：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，项目名称未录入"
    assert not_placed(result) == [("6.2026年战备公路养护经费", listed.format(6)), ("7、2026年国防交通保障经费", listed.format(7))]
    assert result.check.errors == []


# --- an 应急管理局: a chapter heading between projects, a notice with nothing listed, instructions and a note -----

EMERGENCY = (part_one("2026年，我局将全面提升应急救援能力。")
             + project_form(1, "2026年应急物资储备经费", "13022426P000999000001", "80.00", "用于应急物资采购和储备",
                            "1.应急物资储备满足全县需要",
                            [["产出指标", "数量指标", "储备物资种类", "储备物资种类", "≥30类", "储备规划"]])
             + "二、项目保障措施\n加强资金监管，确保专款专用。\n"
             + project_form(2, "2026年森林防火专项经费", "13022426P000999000002", "60.00", "用于森林防火宣传和扑救队伍建设",
                            "1.森林火灾受害率控制在0.9‰以内",
                            [["效益指标", "社会效益指标", "森林火灾受害率", "森林火灾受害率", "≤0.9‰", "省定目标"]])
             + "填表说明：1.指标值须量化；2.金额保留两位小数。\n"
             + "以下项目涉密，不予公开：\n"
             + project_form(3, "2026年安全生产执法经费", "13022426P000999000003", "40.00", "用于安全生产监管执法",
                            "1.完成年度执法检查计划",
                            [["产出指标", "数量指标", "执法检查企业数", "执法检查企业数", "≥300家", "执法计划"]])
             + "说明：本表指标值为年初计划数。\n")


def test_emergency_a_heading_between_projects_a_notice_listing_nothing_and_the_forms_notes(tmp_path: Path) -> None:
    result = imported(tmp_path, EMERGENCY, "某县应急管理局")
    assert projects(result) == [
        read_project(1, "2026年应急物资储备经费", "13022426P000999000001", "80.00", "用于应急物资采购和储备",
                     "1.应急物资储备满足全县需要",
                     indicator("产出指标", "数量指标", "储备物资种类", "储备物资种类", "≥30类", "储备规划")),
        read_project(2, "2026年森林防火专项经费", "13022426P000999000002", "60.00", "用于森林防火宣传和扑救队伍建设",
                     "1.森林火灾受害率控制在0.9‰以内",
                     indicator("效益指标", "社会效益指标", "森林火灾受害率", "森林火灾受害率", "≤0.9‰", "省定目标")),
        read_project(3, "2026年安全生产执法经费", "13022426P000999000003", "40.00", "用于安全生产监管执法",
                     "1.完成年度执法检查计划",
                     indicator("产出指标", "数量指标", "执法检查企业数", "执法检查企业数", "≥300家", "执法计划")),
    ]
    assert "sections" not in result.filing  # a heading with projects' tables after it: maybe a project's text
    note = ("原表紧接在表格下的“说明”，是原表对上面这张表的说明；文件格式中没有对应的字段（编者注只写编者的话），"
            "未录入，请核对其中有无须手工录入的内容")
    assert not_placed(result) == [
        ("二、项目保障措施", "未识别的段落"), ("加强资金监管，确保专款专用。", "未识别的段落"),
        ("填表说明：1.指标值须量化；2.金额保留两位小数。", INSTRUCTIONS.format("填表说明")),
        ("以下项目涉密，不予公开：", "不公开说明没有写出项目序号，下面也没有逐行列出的项目，未录入"),
        ("说明：本表指标值为年初计划数。", note)]
    assert result.check.errors == []
