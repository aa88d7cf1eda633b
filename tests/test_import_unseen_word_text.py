"""`gongkai import` of other departments' filings exported from Word to text the way seeds 003 and 004 are.

The seeds' text is Word's own export: "第一部分 部门整体绩效目标 … 第二部分 预算项目绩效目标", "[bookmark: _Toc…]" markers,
each table cell on a line of its own after a tab, a blank line after each table row, numbered project tables
("1、2025年…绩效目标表") and withheld notices. The documents below are written in exactly that style, as a 教育局, a
卫生健康局, a 生态环境局 and a 交通运输局 would write theirs, and read as a careful person transcribes them:

1. A cell of several paragraphs (a goal "1.…；" then "2.…", an indicator's description over two lines): Word writes
   the first paragraph after the tab and each later one on a line of its own, with no blank line before it. It is
   the cell's text, not a paragraph after the table: before, the goal lost its second line to 未放入, and an
   indicator cell of two paragraphs cut its table in two, every later indicator listed 未识别的单元格 and the
   indicator published without its value.
2. A withheld notice that lists the numbers after its words ("以下项目因涉及国家秘密不予公开：第3号、第4号项目。") was an
   unknown paragraph: projects 3 and 4 vanished without a notice.
3. Two notices on one line ("注：第6号项目因涉密暂不公开；第7号项目涉及商业秘密，不予公开。"), under a table: before, the
   line was listed as the table's note and no record was written.
4. A line of one cell that the copy ran on into an indicator table ("以上指标根据项目实施方案确定", a table of its own in
   Word, only a blank paragraph between): before, it was published as an indicator whose 一级指标 is the sentence.
5. "项目负责人：刘强" and, on the next line, "联系电话：0371-…": the number is the 负责人's, never the filer's contact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.importing.importer import ImportOptions, ImportResult, import_file
from tests.forms.imports import ROOT, not_placed
from tests.test_import_tasks import as_written

HEAD = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
SPENDING = ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"]
PLAN_25 = [{"by": "3月底", "share": "25%"}, {"by": "6月底", "share": "50%"}, {"by": "10月底", "share": "75%"},
           {"by": "12月底", "share": "100%"}]
LEADER = "原表“项目负责人”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
NO_BASIS = {"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}


def cause(words: str) -> dict[str, str]:
    """The note on a reason read without 因 ("第3-5号项目涉密，暂不公开": 涉密); see tests/test_import_word_followups.py."""
    return {"field": "withheld.reason", "text": f"原文说明未用“因”字引出理由；编者取其中的“{words}”作为不公开理由，说明照原文全文录入。"}
LONE_TEXT = ("指标表中只有这一格的一行（复制的文字中，表格下面或两张表之间只有一格的一行），写的不是一级、二级指标，"
             "也没有三级指标和指标值，不是指标，未录入")


def cells(*rows: list[str]) -> str:
    """Rows of a Word table as Word's text export writes them: each cell on a line after a tab, a blank line after
    each row. A cell of several paragraphs is written "first\\nsecond": the later ones on lines without the tab."""
    return "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in rows)


def part_one(goal: str) -> str:
    return (" 第一部分\n部门整体绩效目标\n \n[bookmark: _Toc_2_2_0000000001]一、总体绩效目标\n"
            f"[bookmark: _Toc_2_2_0000000002]{goal}\n \n \n第二部分\n \n预算项目绩效目标\n \n \n")


def budget(amount: str, fiscal: str | None = None, other: str = " ") -> list[str]:
    return ["预算规模及资金用途", "预算数", amount, "其中：财政    资金", fiscal or amount, "其他资金", other]


def paragraph_remark(lines: str) -> str:
    return f"{lines}没有行首的 Tab，紧接在表格的一格之后（中间没有空行）：是 Word 表格中这一格的下一段，读作这一格的文字，分段处换行。"


def imported(tmp_path: Path, text: str, name: str) -> ImportResult:
    """The text imported for a department whose earlier filing names it (the seeds' export has no name of its own,
    as 003 has none): content/ holds that filing only."""
    folder = tmp_path / "dept"
    folder.mkdir()
    (folder / "2020-gongkai.yml").write_text(f"department: {{id: dept, name: {name}, region: ezhou}}\n"
                                             "fiscal_year: 2020\nkind: 公开\ntitle: 往年\nmoney_unit: 万元\n",
                                             encoding="utf-8")
    source = tmp_path / "原文.txt"
    source.write_text(text, encoding="utf-8")
    return import_file(source, ImportOptions(output=tmp_path / "out.yml", department="dept", content_dir=tmp_path,
                                             config=ROOT / "site_config.yml"))


def indicator(level1: str, level2: str, name: str, description: str, value: str, basis: str) -> dict[str, Any]:
    return {"level1": level1, "level2": level2, "name": name, "value": value, "basis": basis,
            "description": description}


def projects(result: ImportResult) -> list[dict[str, Any]]:
    return as_written(result.filing["projects"])


# --- a 卫生健康局 in 004's style: goal cells of two paragraphs, a notice listing its numbers after its words ----------

def health_project(number: int, title: str, code: str, name: str, amount: str, purpose: str, plan: list[str],
                   goal: str, rows: list[list[str]], leader: list[list[str]] = ()) -> str:
    return (f"[bookmark: _Toc_4_4_00000000{number:02d}]{number}.{title}\n\t418001滦南县卫生健康局本级\n\t单位：元\n\n"
            + cells(["项目编码", code, "项目名称", name], *leader, budget(amount), ["", purpose], SPENDING, ["", *plan],
                    ["绩效目标", goal])
            + "\n \n" + cells(HEAD, *rows) + "\n\n \n")


HEALTH = (part_one("2025年，我局将以健康滦南建设为统领，持续深化医药卫生体制改革。")
          + health_project(1, "2025年基本公共卫生服务补助资金绩效目标表", "13022425P00112233445X",
                           "2025年基本公共卫生服务补助资金", "2856000.00", "用于基层医疗卫生机构开展基本公共卫生服务",
                           ["25%", "50%", "75%", "100%"],
                           "1.居民电子健康档案建档率达到90%以上；\n2.65岁及以上老年人健康管理率达到62%以上。",
                           [["产出指标", "数量指标", "居民电子健康档案建档率", "建档人数占常住人口比例", "≥90%", "国家基本公共卫生服务规范"],
                            ["", "数量指标", "65岁及以上老年人健康管理率", "接受健康管理的老年人比例", "≥62%", "上级考核要求"],
                            ["满意度指标", "服务对象满意度指标", "居民满意度", "居民满意度", "≥85%", "满意度调查"]])
          + health_project(2, "免费孕前优生健康检查绩效目标表", "13022425P00112233456A", "免费孕前优生健康检查",
                           "360000.00", "用于计划怀孕夫妇免费孕前优生健康检查", ["20%", "50%", "80%", "100%"],
                           "1.目标人群覆盖率≥80%。",
                           [["产出指标", "数量指标", "检查人数", "免费检查人数", "≥1500人", "工作计划"],
                            ["满意度指标", "服务对象满意度指标", "受检群众满意度", "受检群众满意度", "≥90%", "满意度调查"]],
                           leader=[["项目负责人", "赵红梅"]])
          + "[bookmark: _Toc_4_4_0000000017]以下项目因涉及国家秘密不予公开：第3号、第4号项目。\n"
          + health_project(5, "卫生健康综合监督执法经费绩效目标表", "13022425P00112233467K", "卫生健康综合监督执法经费",
                           "80000.00", "保障卫生监督执法工作开展", ["20%", "50%", "80%", "100%"], "1.完成双随机抽查任务。",
                           [["产出指标", "数量指标", "双随机抽查任务完成率", "双随机抽查任务完成率", "100%", "上级考核要求"]])
          + "6-7号项目涉及敏感信息，根据《中华人民共和国保守国家秘密法》不予公开。\n")


def test_health_goal_cells_of_two_paragraphs_and_a_notice_listing_its_numbers(tmp_path: Path) -> None:
    result = imported(tmp_path, HEALTH, "滦南县卫生健康局")
    unit = "418001滦南县卫生健康局本级"
    notice = "以下项目因涉及国家秘密不予公开：第3号、第4号项目。"
    listed = {"field": "withheld.numbers", "text": "原文一条不公开说明列出几处序号（第3号、第4号）；一条不予公开记录只记一段连续的序号，"
                                                   "编者拆为2条记录，各录入原文的说明、理由和依据。"}
    assert projects(result) == [
        {"number": 1, "code": "13022425P00112233445X", "name": "2025年基本公共卫生服务补助资金", "budget_unit": unit,
         "budget": {"total": "2856000.00", "fiscal": "2856000.00"}, "purpose": "用于基层医疗卫生机构开展基本公共卫生服务",
         "spending_plan": PLAN_25,
         "goals": [{"id": "g1", "kind": "年度",
                    "text": "1.居民电子健康档案建档率达到90%以上；\n2.65岁及以上老年人健康管理率达到62%以上。",
                    "indicators": [
                        indicator("产出指标", "数量指标", "居民电子健康档案建档率", "建档人数占常住人口比例", "≥90%",
                                  "国家基本公共卫生服务规范"),
                        indicator("产出指标", "数量指标", "65岁及以上老年人健康管理率", "接受健康管理的老年人比例", "≥62%",
                                  "上级考核要求"),
                        indicator("满意度指标", "服务对象满意度指标", "居民满意度", "居民满意度", "≥85%", "满意度调查")]}]},
        {"number": 2, "code": "13022425P00112233456A", "name": "免费孕前优生健康检查", "budget_unit": unit,
         "budget": {"total": "360000.00", "fiscal": "360000.00"}, "purpose": "用于计划怀孕夫妇免费孕前优生健康检查",
         "spending_plan": [{"by": "3月底", "share": "20%"}, {"by": "6月底", "share": "50%"},
                           {"by": "10月底", "share": "80%"}, {"by": "12月底", "share": "100%"}],
         "goals": [{"id": "g1", "kind": "年度", "text": "1.目标人群覆盖率≥80%。", "indicators": [
             indicator("产出指标", "数量指标", "检查人数", "免费检查人数", "≥1500人", "工作计划"),
             indicator("满意度指标", "服务对象满意度指标", "受检群众满意度", "受检群众满意度", "≥90%", "满意度调查")]}]},
        {"withheld": {"numbers": [3, 3], "notice": notice, "reason": "涉及国家秘密"}, "notes": [NO_BASIS, listed]},
        {"withheld": {"numbers": [4, 4], "notice": notice, "reason": "涉及国家秘密"}, "notes": [NO_BASIS, listed]},
        {"number": 5, "code": "13022425P00112233467K", "name": "卫生健康综合监督执法经费", "budget_unit": unit,
         "budget": {"total": "80000.00", "fiscal": "80000.00"}, "purpose": "保障卫生监督执法工作开展",
         "spending_plan": [{"by": "3月底", "share": "20%"}, {"by": "6月底", "share": "50%"},
                           {"by": "10月底", "share": "80%"}, {"by": "12月底", "share": "100%"}],
         "goals": [{"id": "g1", "kind": "年度", "text": "1.完成双随机抽查任务。", "indicators": [
             indicator("产出指标", "数量指标", "双随机抽查任务完成率", "双随机抽查任务完成率", "100%", "上级考核要求")]}]},
        {"withheld": {"numbers": [6, 7], "notice": "6-7号项目涉及敏感信息，根据《中华人民共和国保守国家秘密法》不予公开。",
                      "reason": "涉及敏感信息", "legal_basis": "《中华人民共和国保守国家秘密法》"},
         "notes": [cause("涉及敏感信息")]},
    ]
    assert result.filing["money_unit"] == "元"
    assert not_placed(result) == [("项目负责人", LEADER), ("赵红梅", LEADER)]
    assert result.remarks == (paragraph_remark("第47行"),)  # "2.65岁及以上老年人…"
    assert result.check.errors == []


# --- a 生态环境局 in 003's style: an indicator cell of two paragraphs, two notices on one line under a table ----------

ENVIRONMENT = (part_one("2025年，我局将持续改善生态环境质量。")
               + "1、2025年大气污染防治专项资金绩效目标表\n\t单位：万元\n\n"
               + cells(["项目编码", "14010025P000111222001", "项目名称", "2025年大气污染防治专项资金"],
                       ["项目负责人及联系电话", "张伟 13803331234"],
                       budget("1,200.00"), ["", "用于散煤治理和扬尘监管"], SPENDING, ["", "25%", "50%", "75%", "100%"],
                       ["绩效目标", "1.PM2.5平均浓度同比下降；\n2.优良天数比例达到72%以上。"])
               + "\n \n"
               + cells(HEAD,
                       ["产出指标", "数量指标", "散煤治理户数", "完成散煤替代\n治理户数", "≥3000户", "省定任务"],
                       ["", "质量指标", "PM2.5平均浓度", "年均浓度", "≤38微克/立方米", "省定目标"],
                       ["效益指标", "生态效益指标", "空气质量优良天数比例", "优良天数占全年比例", "72%以上", "省定目标"],
                       ["满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥90%", "满意度调查"])
               + "\n\n第2项至第4项项目涉及国家秘密，不予公开。\n"
               + "5、2025年环境监测经费绩效目标表\n\t单位：万元\n\n"
               + cells(["项目编码", "14010025P000111222005", "项目名称", "2025年环境监测经费"],
                       budget("86000元"), ["", "用于环境质量监测"], SPENDING, ["", "25%", "50%", "75%", "100%"],
                       ["绩效目标", "1.完成年度监测任务"])
               + "\n \n"
               + cells(HEAD, ["产出指标", "数量指标", "监测点位数", "监测点位数", "≥12个", "工作计划"],
                       ["满意度指标", "服务对象满意度指标", "满意度", "满意度", "≥90%", "满意度调查"])
               + "\n\n注：第6号项目因涉密暂不公开；第7号项目涉及商业秘密，不予公开。\n")


def test_environment_indicator_cell_of_two_paragraphs_and_two_notices_on_a_line(tmp_path: Path) -> None:
    result = imported(tmp_path, ENVIRONMENT, "太原市生态环境局")
    line = "注：第6号项目因涉密暂不公开；第7号项目涉及商业秘密，不予公开。"
    two = {"field": "withheld.notice", "text": f"原文一行写了2条不公开说明（“{line}”）；编者逐条录入，各条的说明、理由和依据取各自的文字。"}
    comma = "原表写作“1,200.00”；编者去掉千分位逗号，录入为 1200.00。"
    assert projects(result) == [
        {"number": 1, "code": "14010025P000111222001", "name": "2025年大气污染防治专项资金",
         "budget": {"total": "1200.00", "fiscal": "1200.00"}, "purpose": "用于散煤治理和扬尘监管", "spending_plan": PLAN_25,
         "goals": [{"id": "g1", "kind": "年度", "text": "1.PM2.5平均浓度同比下降；\n2.优良天数比例达到72%以上。", "indicators": [
             indicator("产出指标", "数量指标", "散煤治理户数", "完成散煤替代\n治理户数", "≥3000户", "省定任务"),
             indicator("产出指标", "质量指标", "PM2.5平均浓度", "年均浓度", "≤38微克/立方米", "省定目标"),
             indicator("效益指标", "生态效益指标", "空气质量优良天数比例", "优良天数占全年比例", "72%以上", "省定目标"),
             indicator("满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥90%", "满意度调查")]}],
         "notes": [{"field": "budget.total", "text": comma}, {"field": "budget.fiscal", "text": comma}]},
        {"withheld": {"numbers": [2, 4], "notice": "第2项至第4项项目涉及国家秘密，不予公开。",
                      "reason": "涉及国家秘密"}, "notes": [NO_BASIS, cause("涉及国家秘密")]},
        {"number": 5, "code": "14010025P000111222005", "name": "2025年环境监测经费", "purpose": "用于环境质量监测",
         "spending_plan": PLAN_25, "goals": [{"id": "g1", "kind": "年度", "text": "1.完成年度监测任务", "indicators": [
             indicator("产出指标", "数量指标", "监测点位数", "监测点位数", "≥12个", "工作计划"),
             indicator("满意度指标", "服务对象满意度指标", "满意度", "满意度", "≥90%", "满意度调查")]}]},
        {"withheld": {"numbers": [6, 6], "notice": "注：第6号项目因涉密暂不公开", "reason": "涉密"}, "notes": [NO_BASIS, two]},
        {"withheld": {"numbers": [7, 7], "notice": "第7号项目涉及商业秘密，不予公开。", "reason": "涉及商业秘密"},
         "notes": [NO_BASIS, cause("涉及商业秘密"), two]},
    ]
    leader = "原表“项目负责人及联系电话”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
    in_yuan = "金额“86000元”以元计，本表金额单位为万元；导入不换算金额，未录入"
    assert not_placed(result) == [("项目负责人及联系电话", leader), ("张伟 13803331234", leader),
                                  ("86000元", in_yuan), ("86000元", in_yuan)]
    assert result.remarks == (paragraph_remark("第49行、第64行"),)  # "2.优良天数…", "治理户数"
    assert result.check.errors == []


# --- a 交通运输局: a 负责人 and a number on two lines, a line of one cell run on into an indicator table ---------------

TRANSPORT = (part_one("2026年，我局完成农村公路养护300公里。")
             + "[bookmark: _Toc_4_4_0000000004]1.2026年农村公路养护资金绩效目标表\n"
             + "项目负责人：刘强\n联系电话：0371-66001234\n\t单位：万元\n\n"
             + cells(["项目编码", "41012226P000333444001", "项目名称", "2026年农村公路养护资金"],
                     budget("300.00"), ["", "用于农村公路日常养护"], SPENDING, ["", "25%", "50%", "75%", "100%"],
                     ["绩效目标", "1.完成农村公路养护300公里"])
             + "\n \n"
             + cells(HEAD, ["产出指标", "数量指标", "养护里程", "养护里程", "≥300公里", "养护计划"],
                     ["", "质量指标", "优良中等路率", "优良中等路率", "≥85%", "行业标准"],
                     ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "沿线群众满意度", "≥90%", "满意度调查"])
             + "\n \n" + cells(["以上指标根据项目实施方案确定"]) + " \n" + cells(["第2-3号项目因涉及国家秘密，暂不公开。"])
             + "[bookmark: _Toc_4_4_0000000005]4.2026年公路安全生命防护工程绩效目标表\n\t单位：万元\n\n"
             + cells(["项目编码", "41012226P000333444004", "项目名称", "2026年公路安全生命防护工程"],
                     budget("120.50", "100.00", "20.50"), ["", "用于县乡道安全设施完善"], SPENDING,
                     ["", "0%", "30%", "80%", "100%"], ["绩效目标", "1.完善县乡道安全防护设施50公里"])
             + "\n \n"
             + cells(["一级指标", "二级指标", "指标值"], ["产出指标", "完善安全设施里程", "≥50公里"],
                     ["效益指标", "交通事故下降率", "≥5%"], ["满意度指标", "群众满意度", "≥90%"]))


def test_transport_leader_lines_and_a_lone_line_in_an_indicator_table(tmp_path: Path) -> None:
    result = imported(tmp_path, TRANSPORT, "某县交通运输局")
    assert projects(result) == [
        {"number": 1, "code": "41012226P000333444001", "name": "2026年农村公路养护资金",
         "budget": {"total": "300.00", "fiscal": "300.00"}, "purpose": "用于农村公路日常养护", "spending_plan": PLAN_25,
         "goals": [{"id": "g1", "kind": "年度", "text": "1.完成农村公路养护300公里", "indicators": [
             indicator("产出指标", "数量指标", "养护里程", "养护里程", "≥300公里", "养护计划"),
             indicator("产出指标", "质量指标", "优良中等路率", "优良中等路率", "≥85%", "行业标准"),
             indicator("满意度指标", "服务对象满意度指标", "沿线群众满意度", "沿线群众满意度", "≥90%", "满意度调查")]}]},
        {"withheld": {"numbers": [2, 3], "notice": "第2-3号项目因涉及国家秘密，暂不公开。", "reason": "涉及国家秘密"},
         "notes": [NO_BASIS]},
        {"number": 4, "code": "41012226P000333444004", "name": "2026年公路安全生命防护工程",
         "budget": {"total": "120.50", "fiscal": "100.00", "other": "20.50"}, "purpose": "用于县乡道安全设施完善",
         "spending_plan": [{"by": "3月底", "share": "0%"}, {"by": "6月底", "share": "30%"},
                           {"by": "10月底", "share": "80%"}, {"by": "12月底", "share": "100%"}],
         "goals": [{"id": "g1", "kind": "年度", "text": "1.完善县乡道安全防护设施50公里", "indicators": [
             {"level1": "产出指标", "name": "完善安全设施里程", "value": "≥50公里"},
             {"level1": "效益指标", "name": "交通事故下降率", "value": "≥5%"},
             {"level1": "满意度指标", "name": "群众满意度", "value": "≥90%"}],
             "notes": [{"field": "indicators", "text": "原表指标表只有两级，“二级指标”一列写的是各项指标的名称（如“完善安全设施里程”），"
                                                       "不是“数量指标”这样的二级指标；编者录作三级指标。"}]}]},
    ]
    assert "contact" not in result.filing  # the number under the 负责人 is theirs: no filer's contact
    assert not_placed(result) == [("项目负责人：刘强", LEADER),
                                  ("联系电话：0371-66001234", "原表“项目负责人”的联系电话；文件格式中的联系电话是填报人的，这一项未录入"),
                                  ("以上指标根据项目实施方案确定", LONE_TEXT)]
    assert result.check.errors == []


# --- a 教育局: scores and remarks, a table cut by a page number, a project in 元, a 项目期, other parts at the end ----

SCORED = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "分值", "备注"]
EDUCATION = (part_one("2026年，我局围绕办好人民满意的教育，重点推进学前教育普及普惠和义务教育优质均衡发展。")
             + "1、2026年学前教育发展资金绩效目标表\n\t单位：万元\n\n"
             + cells(["项目编码", "13020326P001234500011", "项目名称", "2026年学前教育发展资金"],
                     ["项目属性", "延续项目", "项目期", "2024年-2026年"],
                     budget("120.00", "100.00", "20.00"),
                     ["", "1.普惠性幼儿园生均公用经费补助；\n2.幼儿园教师培训。"], SPENDING, ["", "30%", "60%", "90%", "100%"],
                     ["绩效目标", "1.补助普惠性幼儿园40所"])
             + "\n \n"
             + cells(SCORED,
                     ["产出指标", "数量指标", "补助幼儿园数量", "享受补助的普惠性幼儿园数量", "≥40所", "年度工作计划", "30", ""],
                     ["", "成本指标", "生均补助标准", "每生每年补助标准", "≤600元", "省定标准", "20", "按在园幼儿数核定"],
                     ["效益指标", "社会效益指标", "普惠性幼儿园覆盖率", "普惠性幼儿园在园幼儿占比", "90%以上", "上级考核要求", "30", ""],
                     ["满意度指标", "服务对象满意度指标", "家长满意度", "抽样调查家长满意度", "≥90%", "满意度调查", "20", ""])
             + "\n\n2、2026年义务教育学校改扩建项目绩效目标表\n\t单位：万元\n\n"
             + cells(["项目编码", "13020326P001234500022", "项目名称", "2026年义务教育学校改扩建项目"],
                     budget("850.00"), ["", "用于第三中学等3所学校教学楼改扩建"], SPENDING, ["", "10%", "40%", "80%", "100%"],
                     ["绩效目标", "1.完成3所学校改扩建，新增学位900个"])
             + "\n \n"
             + cells(SCORED, ["产出指标", "数量指标", "改扩建学校数量", "完成改扩建的学校数量", "3所", "项目计划", "40", ""],
                     ["", "质量指标", "工程验收合格率", "竣工验收合格", "100%", "建设标准", "20", ""])
             + "- 3 -\n"
             + cells(SCORED, ["", "时效指标", "工程完工时间", "按期完工", "2026年8月底前", "项目计划", "20", ""],
                     ["满意度指标", "服务对象满意度指标", "师生满意度", "师生满意度", "≥90%", "满意度调查", "20", ""])
             + "\n\n第3-5号项目涉密，暂不公开。\n"
             + "6、2026年教师培训经费绩效目标表\n\t单位：元\n\n"
             + cells(["项目编码", "13020326P001234500066", "项目名称", "2026年教师培训经费"],
                     budget("350000.00"), ["", "用于全区中小学教师全员培训"], SPENDING, ["", "20%", "50%", "80%", "100%"],
                     ["绩效目标", "1.完成教师全员培训1200人次"])
             + "\n \n"
             + cells(SCORED, ["产出指标", "数量指标", "培训人次", "参训教师人次", "≥1200人次", "培训计划", "60", ""],
                     ["满意度指标", "服务对象满意度指标", "参训教师满意度", "参训教师满意度", "≥95%", "满意度调查", "40", ""])
             + "\n\n第三部分\n \n其他说明\n \n本部门2026年预算项目共6个，其中公开3个、涉密3个。\n"
             + "填报说明：\n1.“指标值确定依据”填写计划标准、行业标准或历史标准等；\n2.分值合计为100分。\n")


def test_education_scores_a_page_break_a_project_in_yuan_and_a_purpose_of_two_paragraphs(tmp_path: Path) -> None:
    result = imported(tmp_path, EDUCATION, "路北区教育局")

    def scored(weight: str, *cells: str, remark: str = "") -> dict[str, Any]:
        return indicator(*cells) | {"weight": weight} | ({"remark": remark} if remark else {})

    def plan(*shares: str) -> list[dict[str, str]]:
        return [{"by": by, "share": share} for by, share in zip(SPENDING[1:], shares)]

    assert projects(result) == [
        {"number": 1, "code": "13020326P001234500011", "name": "2026年学前教育发展资金", "attribute": "延续项目",
         "period": "2024年-2026年", "budget": {"total": "120.00", "fiscal": "100.00", "other": "20.00"},
         "purpose": "1.普惠性幼儿园生均公用经费补助；\n2.幼儿园教师培训。", "spending_plan": plan("30%", "60%", "90%", "100%"),
         "goals": [{"id": "g1", "kind": "年度", "text": "1.补助普惠性幼儿园40所", "indicators": [
             scored("30", "产出指标", "数量指标", "补助幼儿园数量", "享受补助的普惠性幼儿园数量", "≥40所", "年度工作计划"),
             scored("20", "产出指标", "成本指标", "生均补助标准", "每生每年补助标准", "≤600元", "省定标准",
                    remark="按在园幼儿数核定"),
             scored("30", "效益指标", "社会效益指标", "普惠性幼儿园覆盖率", "普惠性幼儿园在园幼儿占比", "90%以上", "上级考核要求"),
             scored("20", "满意度指标", "服务对象满意度指标", "家长满意度", "抽样调查家长满意度", "≥90%", "满意度调查")]}]},
        {"number": 2, "code": "13020326P001234500022", "name": "2026年义务教育学校改扩建项目",
         "budget": {"total": "850.00", "fiscal": "850.00"}, "purpose": "用于第三中学等3所学校教学楼改扩建",
         "spending_plan": plan("10%", "40%", "80%", "100%"),
         "goals": [{"id": "g1", "kind": "年度", "text": "1.完成3所学校改扩建，新增学位900个", "indicators": [
             scored("40", "产出指标", "数量指标", "改扩建学校数量", "完成改扩建的学校数量", "3所", "项目计划"),
             scored("20", "产出指标", "质量指标", "工程验收合格率", "竣工验收合格", "100%", "建设标准"),
             scored("20", "产出指标", "时效指标", "工程完工时间", "按期完工", "2026年8月底前", "项目计划"),
             scored("20", "满意度指标", "服务对象满意度指标", "师生满意度", "师生满意度", "≥90%", "满意度调查")]}]},
        {"withheld": {"numbers": [3, 5], "notice": "第3-5号项目涉密，暂不公开。", "reason": "涉密"},
         "notes": [NO_BASIS, cause("涉密")]},
        {"number": 6, "code": "13020326P001234500066", "name": "2026年教师培训经费", "money_unit": "元",
         "budget": {"total": "350000.00", "fiscal": "350000.00"}, "purpose": "用于全区中小学教师全员培训",
         "spending_plan": plan("20%", "50%", "80%", "100%"),
         "goals": [{"id": "g1", "kind": "年度", "text": "1.完成教师全员培训1200人次", "indicators": [
             scored("60", "产出指标", "数量指标", "培训人次", "参训教师人次", "≥1200人次", "培训计划"),
             scored("40", "满意度指标", "服务对象满意度指标", "参训教师满意度", "参训教师满意度", "≥95%", "满意度调查")]}]},
    ]
    assert result.filing["money_unit"] == "万元"
    # the part after the projects is a chapter; the form's 填报说明 is listed, never read into a project (see
    # tests/test_import_word_followups.py)
    assert result.filing["sections"] == [{"title": "第三部分 其他说明", "text": "<p>本部门2026年预算项目共6个，其中公开3个、涉密3个。</p>"}]
    instructions = "原表印制的“填报说明”，是告诉填表人怎样填写这张表的，不是部门填报的内容，未录入"
    assert not_placed(result) == [(text, instructions) for text in (
        "填报说明：", "1.“指标值确定依据”填写计划标准、行业标准或历史标准等；", "2.分值合计为100分。")]
    assert result.remarks == (paragraph_remark("第36行"),  # "2.幼儿园教师培训。"
                              "第165行“- 3 -”是页码，未作为内容读取；前后两段表格（第103–163行、第166–191行）接着读作一张表。",
                              "项目“2026年教师培训经费”的金额在原表中写明以元计（项目表头或本项目处），与文件的金额单位（万元）不同："
                              "金额照原表录入，这些项目的金额单位记为元，请核对。")
    assert [problem.code for problem in result.check.problems] == ["unit-mismatch"]  # project 6 in 元: check says so
