"""`gongkai check`: every error and warning code, with its exact message and location.

Each case is a small filing written to a temporary content folder; the test
asserts the formatted problem line (file:line:column, key path, code, message).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from generator.checking import check_content
from generator.cli import main
from generator.problems import ERROR_CODES, WARNING_CODES
from generator.schema_errors import _explain

CONFIG = """\
title: 测试
base_url: https://example.test/
organisation: 测试
regions:
  - {id: city, name: 某市}
"""

BASE = """\
department: {id: dept, name: 某市司法局, region: city}
fiscal_year: 2025
kind: 批复
title: 测试文件
money_unit: 万元
"""


def run_check(tmp_path: Path, files: dict[str, str | bytes], config: str = CONFIG):
    content = tmp_path / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp_path / "site_config.yml").write_text(config, encoding="utf-8")
    return check_content(content, tmp_path / "site_config.yml").report


def lines(report, tmp_path: Path) -> list[str]:
    prefix = str(tmp_path / "content") + "/"
    return [p.format().replace(prefix, "") for p in report.sorted()]


# --- errors ---------------------------------------------------------------------------

ERROR_CASES = {
    "broken-utf8": (
        {"d/a.yml": BASE.encode() + b"title2: \xb2\xe2\n"},
        "d/a.yml:6:9  (文件)  [错误 broken-utf8] 文件不是有效的 UTF-8 编码（第 139 字节）  "
        "提示：用 UTF-8 编码另存此文件（WPS/记事本：另存为 → 编码选 UTF-8）"),
    "yaml-syntax": (
        {"d/a.yml": BASE + "goals: [\n  - id: x\n"},
        "d/a.yml:7:3  (文件)  [错误 yaml-syntax] YAML 语法错误：expected the node content, but found '-'  "
        "提示：检查这一行及上一行的缩进、冒号后的空格、引号是否成对"),
    "duplicate-key": (
        {"d/a.yml": BASE + "fiscal_year: 2024\n"},
        "d/a.yml:6:1  fiscal_year  [错误 duplicate-key] 键“fiscal_year”重复出现（第一次在第 2 行）  "
        "提示：删除或合并其中一个；YAML 只会保留最后一个，前面的内容会静默丢失"),
    "bad-character": (
        {"d/a.yml": BASE + 'document_number: "20\\x0024"\n'},
        "d/a.yml:6:18  document_number  [错误 bad-character] 文字含无效字符 U+0000  "
        "提示：删除这个字符（多为引号内的 \\x00、\\u0000、\\ud800 一类转义）"),
    "yaml-limit": (
        {"d/a.yml": BASE + "budget_note: " + "9" * 101 + "\n"},
        "d/a.yml:6:14  budget_note  [错误 yaml-limit] 数字有 101 位，超过上限 100 位  提示：核对这个数字；如果是编码等文字，请加引号"),
    "unknown-field": (
        {"d/a.yml": BASE + "fundz: null\n"},
        "d/a.yml:6:1  fundz  [错误 unknown-field] 未知字段“fundz”  "
        "提示：是否想写“funds”？检查拼写，或运行 gongkai schema 查看允许的字段"),
    "missing-field": (
        {"d/a.yml": BASE.replace("title: 测试文件\n", "")},
        "d/a.yml:1:1  title  [错误 missing-field] 缺少必填字段“title”  "
        "提示：补上这个字段；各字段的含义见 docs/content-format.md"),
    "wrong-type": (
        {"d/a.yml": BASE + "projects:\n  - name: 甲\n    budget: {total: '1,000'}\n"},
        "d/a.yml:8:14  projects[0].budget.total  [错误 wrong-type] 金额应为数字，实际是“1,000”  "
        "提示：写成不带引号、单位和千分位逗号的数字，例如 2306.26；单位写在 money_unit"),
    "wrong-value": (
        {"d/a.yml": BASE.replace("kind: 批复", "kind: 通知")},
        "d/a.yml:3:1  kind  [错误 wrong-value] “通知”不是允许的值  提示：允许的值：'申报', '批复', '公开'"),
    "wrong-length": (
        {"d/a.yml": BASE + "projects:\n  - withheld: {numbers: [6], reason: 保密}\n"},
        "d/a.yml:7:16  projects[0].withheld.numbers  [错误 wrong-value] 应有至少 2 项，实际有 1 项  "
        "提示：按 docs/content-format.md 补齐或删去多余的项"),
    "unknown-unit": (
        {"d/a.yml": BASE.replace("money_unit: 万元", "money_unit: 千元")},
        "d/a.yml:5:1  money_unit  [错误 unknown-unit] 未知的金额单位“千元”  提示：金额单位只能是 元 或 万元"),
    "unsafe-id": (
        {"d/a.yml": BASE.replace("id: dept", "id: ../etc")},
        "d/a.yml:1:14  department.id  [错误 unsafe-id] 标识“../etc”不能用作网址路径  "
        "提示：只用英文字母、数字、连字符和下划线，不以点或连字符开头，不含 / \\ 或 ..，最多 64 个字符，例如 ezhou-sfj"),
    "unsafe-html": (
        {"d/a.yml": BASE + "functions: <p>职能</p><script>alert(1)</script>\n"},
        "d/a.yml:6:1  functions  [错误 unsafe-html] 不允许的 HTML 标签“<script>”  "
        "提示：富文本只允许不带属性的 <b>、<br>、<em>、<i>、<li>、<ol>、<p>、<strong>、<ul>；其余格式请用 Markdown"),
    "unknown-region": (
        {"d/a.yml": BASE.replace("region: city", "region: town")},
        "d/a.yml:1:37  department.region  [错误 unknown-region] 地区“town”未定义  "
        "提示：在 site_config.yml 的 regions 中加上这个地区，或改用已有的地区标识"),
    "missing-source": (
        {"d/a.yml": BASE + "source: gone.txt\n"},
        "d/a.yml:6:1  source  [错误 missing-source] 找不到原文 sources/gone.txt  "
        "提示：把原文放到 content/sources/ 下，或删除 source 字段"),
    "unsafe-source": (
        {"d/a.yml": BASE + "source: ../../../../etc/passwd\n"},
        "d/a.yml:6:1  source  [错误 unsafe-source] 原文路径“../../../../etc/passwd”不是 sources/ 下的相对路径  "
        "提示：只写 content/sources/ 下的文件名（可带子文件夹，如 2025/原文.txt），不以 / 或点开头，不含 ..、\\、?、#、%"),
    "withheld-source": (
        {"d/a.yml": BASE + "source: x.txt\nprojects:\n  - {id: p1, withheld: {reason: 涉密}}\n",
         "d/b.yml": BASE.replace("2025", "2024") + "source: x.txt\n", "sources/x.txt": "原文\n"},
        "d/b.yml:6:1  source  [错误 withheld-source] 原文 sources/x.txt 含 d/a.yml 中不予公开的项目  "
        "提示：删除本文件的 source 字段；含不予公开内容的原文不在网站提供"),
    "duplicate-id": (
        {"d/a.yml": BASE + "projects:\n  - {code: X1, name: 甲}\n  - {code: X1, name: 乙}\n"},
        "d/a.yml:8:5  projects[1]  [错误 duplicate-id] 项目标识“X1”重复，网址会冲突  提示：给其中一个项目写上不同的 id"),
    "duplicate-filing": (
        {"d/a.yml": BASE, "d/b.yml": BASE},
        "d/b.yml:3:1  kind  [错误 duplicate-filing] 某市司法局 2025年批复已在 d/a.yml 中  "
        "提示：每份文件只保留一个 YAML 文件"),
    "department-mismatch": (
        {"d/a.yml": BASE, "d/b.yml": BASE.replace("2025", "2024").replace("某市司法局", "某市司法厅")},
        "d/b.yml:1:1  department  [错误 department-mismatch] 部门“dept”的部门名称“某市司法厅”，d/a.yml 中“某市司法局”  "
        "提示：同一部门在各年份文件中的 department 应完全一致"),
    "placeholder": (
        {"d/a.yml": BASE + "functions: （照原文录入）\n"},
        "d/a.yml:6:1  functions  [错误 placeholder] “（照原文录入）”是 gongkai new 模板的占位文字，尚未替换  "
        "提示：换成原表的内容；原表没有这一项时删除这个字段"),
    "note-field": (
        {"d/a.yml": BASE + "projects:\n  - name: 甲\n    budget: {total: 10}\n    notes:\n"
                           "      - {field: budget.totl, text: 原表如此}\n"},
        "d/a.yml:10:10  projects[0].notes[0].field  [错误 note-field] 编者注的 field“budget.totl”不是这条记录的字段  "
        "提示：是否想写“budget.total”？写这条记录中的字段，如 value、budget.total，往年值写 prior.年份；说明整条记录时删除 field"),
    "contact-in-text": (
        {"d/a.yml": BASE + "contact: {filer: 张三, phone: 0710-1234567}\n"
                           "annual_tasks: 做好法律援助。填报人：张三　联系电话：0710-1234567\n"},
        "d/a.yml:7:1  annual_tasks  [错误 contact-in-text] 文字中有本文件的填报人、联系电话，网站会照原样公开  "
        "提示：删去这段个人信息：填报人、联系电话只写在 contact 中（网站默认不公开）"),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_error_is_located_and_explained(tmp_path, case):
    files, expected = ERROR_CASES[case]
    report = run_check(tmp_path, files)
    code = expected.partition("[错误 ")[2].partition("]")[0]
    assert [p for p in lines(report, tmp_path) if f"[错误 {code}]" in p] == [expected]


def test_every_error_code_has_a_case():
    """`invalid` is the fallback for a schema error no message is written for (none known today): tested below."""
    codes = {expected.partition("[错误 ")[2].partition("]")[0] for _, expected in ERROR_CASES.values()}
    assert codes == set(ERROR_CODES) - {"invalid"}


def test_a_schema_error_without_a_message_of_its_own_is_shown_as_pydantic_words_it():
    item = {"type": "some_future_check", "msg": "Value error, something new", "ctx": {}, "loc": ("title",)}
    assert _explain(item, ("title",), []) == ("invalid", "Value error, something new",
                                              "对照 docs/content-format.md 检查这个字段")


def test_wrong_type_of_text_field(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + "functions: [一, 二]\n"})
    assert lines(report, tmp_path) == [
        "d/a.yml:6:1  functions  [错误 wrong-type] 类型错误：应为文本，实际是“['一', '二']”  提示：给值加上引号，或写成单行文字"]


def test_html_in_plain_field(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE.replace("title: 测试文件", "title: <b>测试</b>")})
    assert lines(report, tmp_path) == [
        "d/a.yml:4:1  title  [错误 unsafe-html] 纯文本字段不能包含 HTML 标签“<b>”  "
        "提示：删除标签；需要分段的说明文字请放在支持富文本的字段中"]


@pytest.mark.parametrize("bad", [".hidden", "a/b", "a\\b", "..", "-x", "a b"])
def test_path_like_ids_are_rejected(tmp_path, bad):
    report = run_check(tmp_path, {"d/a.yml": BASE + f"projects:\n  - {{id: '{bad}', name: 甲}}\n"})
    assert [p.code for p in report.errors] == ["unsafe-id"]


def test_values_that_look_like_markup_are_fine(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + textwrap.dedent("""\
        goals:
          - kind: 年度
            indicators:
              - {level1: 产出指标, level2: 成本指标, name: 人均培训成本, value: <100元}
              - {level1: 产出指标, level2: 成本指标, name: 会议培训标准, value: "<50元"}
        """)})
    assert report.errors == []


# --- warnings -------------------------------------------------------------------------

FUNDS = """\
funds:
  prior_years: [2024]
  income:
    lines:
      - {name: 财政拨款, amount: 90, share: 90%, prior: {2024: 80}}
      - {name: 单位资金, amount: 10, share: 10%, prior: {2024: 20}}
    total: {name: 合计, amount: 100, share: 100%, prior: {2024: 100}}
"""

ITEMISED = """\
funds:
  expenditure:
    lines:
      - {name: 基本支出, amount: 100, share: 66.67%}
      - {name: 其中：人员经费, amount: 80, share: 53.33%}
      - {name: 公用经费, amount: 20, share: 13.33%}
      - {name: 项目支出, amount: 50, share: 33.33%}
    total: {name: 合计, amount: 150, share: 100%}
"""


@pytest.mark.parametrize("funds", [
    ITEMISED,
    ITEMISED.replace("      - {name: 公用经费, amount: 20, share: 13.33%}\n", ""),  # 其中 one item only
    ITEMISED.replace("其中：人员经费", "  其中:人员经费").replace("    total: {name: 合计, amount: 150, share: 100%}\n", ""),
])
def test_lines_that_itemise_the_line_above_are_not_parts_of_the_total(tmp_path, funds):
    """"其中：人员经费 80" and "公用经费 20" under "基本支出 100" are that line's items: adding them to the total's parts
    again warned that 150 was not 250 on a form that adds up (and, without a total, mis-stated every share)."""
    report = run_check(tmp_path, {"d/a.yml": BASE + funds})
    assert [p.code for p in report.warnings] == []


def test_a_total_that_does_not_add_up_is_still_found_beside_itemised_lines(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + ITEMISED.replace("amount: 150", "amount: 160")})
    assert [p.message for p in report.warnings if p.code == "sum-mismatch"] == ["当年合计 160 与各项之和 150 不一致"]
    # Items that do not add up to their line: only the 其中 line is left out, and the sum says so.
    report = run_check(tmp_path, {"d/a.yml": BASE + ITEMISED.replace("amount: 20,", "amount: 25,")})
    assert [p.message for p in report.warnings if p.code == "sum-mismatch"] == ["当年合计 150 与各项之和 175 不一致"]


STALE_HINT = "提示：数据、检查规则或位置已改变：重新运行 gongkai check，对照原文核对后改正这条记录的 code、path 和 message，或删除它"

WARNING_CASES = {
    "phone-in-text": (
        "goals:\n  - kind: 年度\n    indicators:\n      - {name: 咨询服务, value: 热线13812345678全天接听}\n",
        "d/a.yml:9:22  goals[0].indicators[0].value  [警告 phone-in-text] 文字中有一个手机号码，网站会照原样公开  "
        "提示：个人的号码请删去或写入 contact（默认不公开）；确是对外公开的服务电话时，在 reviews 中注明已核对"),
    "invisible-character": (
        "goals:\n  - kind: 年度\n    indicators:\n      - {name: 办结率, value: \"\u202e%001\"}\n",
        "d/a.yml:9:21  goals[0].indicators[0].value  [警告 invisible-character] 文字含看不见的字符 U+202E（从右到左覆盖）  "
        "提示：删除这个字符：读者看不到它，它却会改变文字的显示顺序或藏在文字中间；多由复制粘贴带入"),
    "sum-mismatch": (
        FUNDS.replace("prior: {2024: 100}", "prior: {2024: 101}"),
        "d/a.yml:12:57  funds.income.total.prior[2024]  [警告 sum-mismatch] 2024年合计 101 与各项之和 100 不一致  "
        "提示：核对原表；网站照原样公布合计，并显示这条提示"),
    "total-mismatch": (
        FUNDS + "  expenditure:\n    lines: [{name: 人员, amount: 99}]\n    total: {name: 合计, amount: 99}\n",
        "d/a.yml:15:23  funds.expenditure.total.amount  [警告 total-mismatch] 当年收入合计 100 与支出合计 99 不一致  "
        "提示：收入构成与支出构成的合计通常应相等；核对原表"),
    "share-mismatch": (
        FUNDS.replace("share: 90%", "share: 80%"),
        "d/a.yml:10:34  funds.income.lines[0].share  [警告 share-mismatch] “财政拨款”占比填为 80%，按金额计算为 90.00%  "
        "提示：核对占比或金额；网站照原样公布填报的占比"),
    "spending-plan": (
        "projects:\n  - name: 甲\n    spending_plan: [{by: 3月底, share: 50%}, {by: 12月底, share: 40%}]\n",
        "d/a.yml:8:5  projects[0].spending_plan  [警告 spending-plan] 资金支出计划不是逐期递增的累计比例  "
        "提示：支出计划按累计比例填写，如 25%、50%、75%、100%"),
    "budget-exceeds-total": (
        "projects:\n  - name: 甲\n    budget: {total: 10, this_year: 20}\n",
        "d/a.yml:8:25  projects[0].budget.this_year  [警告 budget-exceeds-total] 本年度预算 20 大于项目总预算 10  "
        "提示：核对两项预算"),
    "unit-mismatch": (
        "goals:\n  - kind: 年度\n    indicators:\n      - {level1: 效益指标, level2: 经济效益指标, name: 节约资金, value: ≥500元}\n",
        "d/a.yml:9:52  goals[0].indicators[0].value  [警告 unit-mismatch] 指标值“≥500元”以元计，本表金额单位为万元  "
        "提示：确认单位无误；网站照原样公布"),
    "duplicate-indicator": (
        "goals:\n  - kind: 年度\n    indicators:\n      - {name: 优秀率, value: 100%}\n      - {name: 优秀率, value: ≥90%}\n",
        "d/a.yml:10:10  goals[0].indicators[1].name  [警告 duplicate-indicator] 指标“优秀率”在同一张表中出现 2 次  "
        "提示：确认是否重复填报；如确为两项不同指标，请在 notes 中说明"),
    "empty-cell": (
        "goals:\n  - kind: 年度\n    indicators:\n      - {level1: 效益指标, level2: 生态效益指标}\n",
        "d/a.yml:9:9  goals[0].indicators[0]  [警告 empty-cell] 三级指标名称为空  "
        "提示：补上指标名称；原表确实空白时，保留空白并加编者注"),
    "late-publication": (
        "approved_on: 2025-01-10\npublished_on: 2025-02-10\n",
        "d/a.yml:7:1  published_on  [警告 late-publication] 公开日期比批复日期晚 31 天，超过预算法第十四条规定的 20 天  "
        "提示：预算批复后 20 日内应向社会公开"),
    "empty-field": (
        "goals:\n  - kind: 年度\n    indicators:\n      - name: 案件量\n        value: ≥1件\n        basis:\n",
        "d/a.yml:11:9  goals[0].indicators[0].basis  [警告 empty-field] 指标值确定依据（basis）写了键但没有内容  "
        "提示：照原表填上内容；原表此处确实空白时删除这一行，或写 null 表示没有"),
    "stale-review": (
        "reviews:\n  - code: unit-mismatch\n    path: goals[0].indicators[0].value\n    message: 指标值“≥500元”以元计，本表金额单位为万元\n"
        "    reason: 原表如此\n",
        "d/a.yml:7:5  reviews[0]  [警告 stale-review] 核对记录所说的警告（unit-mismatch，goals[0].indicators[0].value："
        "指标值“≥500元”以元计，本表金额单位为万元）已不存在  "
        + STALE_HINT),
}


@pytest.mark.parametrize("code", sorted(WARNING_CASES))
def test_warning_is_located_and_explained(tmp_path, code):
    extra, expected = WARNING_CASES[code]
    report = run_check(tmp_path, {"d/a.yml": BASE + extra})
    assert report.errors == []
    assert lines(report, tmp_path) == [expected]


def test_every_warning_code_has_a_case():
    assert set(WARNING_CASES) == set(WARNING_CODES)


def test_spending_plan_must_end_at_100(tmp_path):
    extra = "projects:\n  - name: 甲\n    spending_plan: [{by: 3月底, share: 50%}, {by: 12月底, share: 90%}]\n"
    report = run_check(tmp_path, {"d/a.yml": BASE + extra})
    assert [p.message for p in report.warnings] == ["资金支出计划最后一期为 90%，不是 100%"]


TASKS = """\
tasks:
  lines:
    - {name: 甲, content: 甲任务, budget: {total: 80.00, fiscal: 70, other: 10}}
    - {name: 乙, budget: {total: 40, fiscal: 30, other: 5}}
    - {name: 丙, budget: {total: 20, fiscal: 15}}
    - {name: 丁, budget: {total: 20, fiscal: 25}}
  total: {total: 161, fiscal: 140, other: 15.00}
"""


def test_task_budgets_are_checked_against_their_split_and_the_total(tmp_path):
    """Each task's 财政拨款 + 其他资金 against its 总额 when both are filed (a form without a 其他资金 column leaves
    the rest unshown: only a part above the total is wrong), and 金额合计 column by column; 10 and 10.00 are
    equal."""
    report = run_check(tmp_path, {"d/a.yml": BASE + TASKS})
    assert report.errors == []
    assert lines(report, tmp_path) == [
        "d/a.yml:9:37  tasks.lines[1].budget.fiscal  [警告 sum-mismatch] 财政拨款与其他资金之和 35 不等于资金总额 40  "
        "提示：核对资金来源",
        "d/a.yml:11:37  tasks.lines[3].budget.fiscal  [警告 budget-exceeds-total] 财政拨款 25 大于资金总额 20  "
        "提示：核对资金来源",
        "d/a.yml:12:11  tasks.total.total  [警告 sum-mismatch] 金额合计（资金总额）161 与各任务之和 160.00 不一致  "
        "提示：核对原表；网站照原样公布合计，并显示这条提示"]


PROJECT_BUDGETS = """\
projects:
  - {name: 甲, budget: {total: 100, fiscal: 80}}
  - {name: 乙, budget: {total: 100, fiscal: 80, other: 10}}
  - {name: 丙, budget: {total: 100, other: 120}}
  - name: 丁
    budget:
      medium_term: {total: 300, fiscal: 300, other: 0}
      annual: {total: 100.00, fiscal: 90, other: 20}
"""


def test_project_budgets_are_checked_against_their_split_as_tasks_are(tmp_path):
    """A form with 项目总预算 | 其中：财政资金 and no 其他资金 column leaves the rest unshown: 80 of 100 is no
    mismatch. Both parts filed must add up, and so must each of 中期/年度资金总额."""
    report = run_check(tmp_path, {"d/a.yml": BASE + PROJECT_BUDGETS})
    assert report.errors == []
    assert lines(report, tmp_path) == [
        "d/a.yml:8:36  projects[1].budget.fiscal  [警告 sum-mismatch] 财政资金与其他资金之和 90 不等于项目总预算 100  "
        "提示：核对资金来源",
        "d/a.yml:9:36  projects[2].budget.other  [警告 budget-exceeds-total] 其他资金 120 大于项目总预算 100  "
        "提示：核对资金来源",
        "d/a.yml:13:31  projects[3].budget.annual.fiscal  [警告 sum-mismatch] 财政拨款与其他资金之和 110 不等于资金总额 100.00  "
        "提示：核对资金来源"]


def test_a_task_table_needs_a_task_and_tasks_a_name(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + "tasks:\n  lines: []\n",
                                  "e/a.yml": BASE.replace("id: dept", "id: e") + "tasks:\n  lines: [{content: 甲}]\n"})
    assert lines(report, tmp_path) == [
        "d/a.yml:7:3  tasks.lines  [错误 wrong-value] 应有至少 1 项，实际有 0 项  "
        "提示：按 docs/content-format.md 补齐或删去多余的项",
        "e/a.yml:7:11  tasks.lines[0].name  [错误 missing-field] 缺少必填字段“name”  "
        "提示：补上这个字段；各字段的含义见 docs/content-format.md"]


def test_projects_beyond_department_total(tmp_path):
    extra = ("funds:\n  expenditure:\n    lines: [{name: 人员, amount: 10}]\n    total: {name: 合计, amount: 10}\n"
             "projects:\n  - {name: 甲, budget: {this_year: 8}}\n  - {name: 乙, money_unit: 元, budget: {this_year: 30000}}\n")
    report = run_check(tmp_path, {"d/a.yml": BASE + extra})
    assert {(p.code, p.path) for p in report.warnings} == {
        ("budget-exceeds-total", "projects"), ("unit-mismatch", "projects[1].money_unit")}


def test_rounded_shares_within_half_a_unit_pass(tmp_path):
    """96% of 2402.26 is 95.996…%: a share filed to whole percents is not a mismatch."""
    funds = FUNDS.replace("amount: 90, share: 90%", "amount: 89.96, share: 90%").replace(
        "amount: 10, share: 10%", "amount: 10.04, share: 10%")
    assert run_check(tmp_path, {"d/a.yml": BASE + funds}).warnings == []


# --- the command ----------------------------------------------------------------------

def test_exit_codes_and_strict(tmp_path, monkeypatch, capsys):
    run_check(tmp_path, {"d/a.yml": BASE + WARNING_CASES["late-publication"][0]})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "content"]) == 0
    assert main(["check", "content", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "content/d/a.yml:7:1  published_on  [警告 late-publication]" in out
    assert "共 0 个错误，1 个警告。" in out


def test_errors_exit_1_and_json_format(tmp_path, monkeypatch, capsys):
    run_check(tmp_path, {"d/a.yml": BASE + "fundz: 1\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "content", "--format", "json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["errors"] == 1
    assert body["problems"][0] == {
        "file": "content/d/a.yml", "line": 6, "column": 1, "path": "fundz", "code": "unknown-field",
        "severity": "error", "message": "未知字段“fundz”",
        "hint": "是否想写“funds”？检查拼写，或运行 gongkai schema 查看允许的字段", "review": None}


def test_seed_content_passes_with_its_real_warnings():
    root = Path(__file__).resolve().parent.parent
    report = check_content(root / "content", root / "site_config.yml").report
    assert report.errors == []
    found = {(Path(p.file).parent.name, p.code, p.path) for p in report.warnings + report.reviewed}
    # Reviews in the content name warnings that are found; none of them has gone stale.
    assert [p for p in report.warnings if p.code == "stale-review"] == []
    assert {(Path(p.file).parent.name, p.code, p.path) for p in report.reviewed} >= {
        ("guangshui-sfj", "total-mismatch", "funds.expenditure.total.prior[2022]"),
        ("yutian-sfj", "unit-mismatch", "projects[4].goals[0].indicators[4].value")}
    # 广水 2022: income total 1652.87, expenditure total 1652.85 (the example).
    assert ("guangshui-sfj", "total-mismatch", "funds.expenditure.total.prior[2022]") in found
    # 广水: 1459.87 / 2402.26 = 60.77%, filed as 60.70%.
    assert ("guangshui-sfj", "share-mismatch", "funds.expenditure.lines[0].share") in found
    # 路南 files in 万元 and states a per-person cost (每个社区矫正人员教育帮扶平均费用) in 元: a rate, not a mismatch.
    assert not [f for f in found if f[:2] == ("lunan-sfj", "unit-mismatch")]


def test_control_characters_are_located(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + "functions: 职能\x07说明\n"})
    assert lines(report, tmp_path) == [
        "d/a.yml:6:14  (文件)  [错误 yaml-syntax] 文件含不可打印的控制字符 U+0007  提示：删除这个字符；从 Word/Excel 复制时常会带入"]


def test_projects_in_files_beside_the_filing(tmp_path):
    report = run_check(tmp_path, {
        "d/2025-pifu.yml": BASE + "projects:\n  - {code: A1, name: 甲}\n",
        "d/2025-pifu.projects/02-b.yml": "code: B2\nname: 乙\nbudget: {total: 10, this_year: 20}\n",
        "d/2025-pifu.projects/01-a.yml": "code: C3\nname: 丙\nbudgett: 1\n",
    })
    assert lines(report, tmp_path) == [
        "d/2025-pifu.projects/01-a.yml:3:1  projects[1].budgett  [错误 unknown-field] 未知字段“budgett”  "
        "提示：是否想写“budget”？检查拼写，或运行 gongkai schema 查看允许的字段"]
    fixed = run_check(tmp_path, {"d/2025-pifu.projects/01-a.yml": "code: C3\nname: 丙\n"})
    assert lines(fixed, tmp_path) == [
        "d/2025-pifu.projects/02-b.yml:3:21  projects[2].budget.this_year  [警告 budget-exceeds-total] "
        "本年度预算 20 大于项目总预算 10  提示：核对两项预算"]



def test_rare_texts_are_found_wherever_the_file_holds_them(tmp_path):
    """The placeholder and invisible-character checks look at a record only when some text of the file holds
    what they look for: a project kept in a file beside the filing and an escape count as its text."""
    report = run_check(tmp_path, {
        "d/2025-pifu.yml": BASE + "notes:\n  - {text: \"说\\u200d明\"}\n",
        "d/2025-pifu.projects/01-a.yml": 'code: C3\nname: "丙\\uff08示例\\uff09"\npurpose: "目的\u2060"\n',
    })
    assert lines(report, tmp_path) == [
        "d/2025-pifu.projects/01-a.yml:1:1  projects[0]  [错误 placeholder] “丙（示例）”是 gongkai new 模板的示例行，"
        "尚未替换  提示：照原表改写这一行的每一项（名称不带“（示例）”），或删除这一行",
        "d/2025-pifu.projects/01-a.yml:3:1  projects[0].purpose  [警告 invisible-character] 文字含看不见的字符 U+2060"
        "（零宽不换行）  提示：删除这个字符：读者看不到它，它却会改变文字的显示顺序或藏在文字中间；多由复制粘贴带入",
        "d/2025-pifu.yml:7:6  notes[0].text  [警告 invisible-character] 文字含看不见的字符 U+200D（零宽连字）  "
        "提示：删除这个字符：读者看不到它，它却会改变文字的显示顺序或藏在文字中间；多由复制粘贴带入"]


def test_a_note_naming_no_field_is_found_in_a_project_file_beside_the_filing(tmp_path):
    """Records are walked for notes' fields only when the file has a `field` key: a project file's counts."""
    report = run_check(tmp_path, {
        "d/2025-pifu.yml": BASE,
        "d/2025-pifu.projects/01-a.yml": "code: C3\nname: 丙\nnotes:\n  - field: budget.totl\n    text: 说明\n",
    })
    assert [line.split("  提示")[0] for line in lines(report, tmp_path)] == [
        "d/2025-pifu.projects/01-a.yml:4:5  projects[0].notes[0].field  [错误 note-field] "
        "编者注的 field“budget.totl”不是这条记录的字段"]


def test_loaded_projects_beside_the_filing_keep_file_order(tmp_path):
    from generator.loading import load_content

    run_check(tmp_path, {"d/2025-pifu.yml": BASE, "d/2025-pifu.projects/2.yml": "name: 乙\n",
                         "d/2025-pifu.projects/1.yml": "withheld: {numbers: [1, 1], reason: 保密}\n"})
    loaded, problems = load_content(tmp_path / "content")
    assert problems == []
    assert [type(p).__name__ for p in loaded[0].filing.projects] == ["WithheldRange", "Project"]


@pytest.mark.parametrize("text, expected", [
    # Top level: "name" is a field of department, not of the filing, so it is not suggested.
    (BASE + "nmae: 某局\n", "提示：检查拼写，或运行 gongkai schema 查看允许的字段"),
    (BASE.replace("region: city}", "region: city, nmae: 某局}"),
     "提示：是否想写“name”？检查拼写，或运行 gongkai schema 查看允许的字段"),
    (BASE + "goals:\n  - kind: 年度\n    indicators:\n      - {name: 案件量, vlaue: ≥1件}\n",
     "提示：是否想写“value”？检查拼写，或运行 gongkai schema 查看允许的字段"),
])
def test_spelling_suggestions_come_from_the_fields_allowed_there(tmp_path, text, expected):
    [problem] = run_check(tmp_path, {"d/a.yml": text}).problems
    assert problem.code == "unknown-field"
    assert problem.format().endswith(expected)


def test_an_impossible_date_is_reported_with_the_files_other_problems(tmp_path):
    text = BASE.replace("money_unit: 万元", "money_unit: 千元") + "approved_on: 2026-13-01\n"
    assert lines(run_check(tmp_path, {"d/a.yml": text}), tmp_path) == [
        "d/a.yml:5:1  money_unit  [错误 unknown-unit] 未知的金额单位“千元”  提示：金额单位只能是 元 或 万元",
        "d/a.yml:6:1  approved_on  [错误 wrong-type] 日期“2026-13-01”不存在  提示：日期写作 YYYY-MM-DD，例如 2025-01-20"]


def test_an_impossible_date_in_a_text_field_is_text(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE.replace("title: 测试文件", "title: 2026-13-01")})
    assert lines(report, tmp_path) == []


# --- reviews: warnings checked against the 原文 ----------------------------------------------

UNIT = WARNING_CASES["unit-mismatch"][0]
REVIEW = ("reviews:\n  - code: unit-mismatch\n    path: goals[0].indicators[0].value\n"
          "    message: 指标值“≥500元”以元计，本表金额单位为万元\n    reason: 原表即为“≥500元”\n")


def test_a_reviewed_warning_is_no_longer_pending(tmp_path, monkeypatch, capsys):
    report = run_check(tmp_path, {"d/a.yml": BASE + UNIT + REVIEW})
    assert report.warnings == []
    assert lines(report, tmp_path) == [
        "d/a.yml:9:52  goals[0].indicators[0].value  [已核对 unit-mismatch] 指标值“≥500元”以元计，本表金额单位为万元  "
        "核对说明：原表即为“≥500元”"]
    monkeypatch.chdir(tmp_path)
    assert main(["check", "content", "--strict"]) == 0
    assert capsys.readouterr().out == "共 0 个错误，0 个警告（另有 1 个警告已核对）。\n"
    assert main(["check", "content", "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert (body["warnings"], body["reviewed"], body["problems"][0]["review"]) == (0, 1, "原表即为“≥500元”")


def test_strict_fails_while_one_warning_is_unreviewed(tmp_path, monkeypatch, capsys):
    run_check(tmp_path, {"d/a.yml": BASE + UNIT + REVIEW + WARNING_CASES["late-publication"][0]})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "content", "--strict"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[2] for line in out[:-1]] == ["[警告 late-publication] 公开日期比批复日期晚 31 天，超过预算法第十四条规定的 20 天"]
    assert out[-1] == "共 0 个错误，1 个警告（另有 1 个警告已核对）。"


def test_a_review_goes_stale_when_its_warning_is_gone(tmp_path):
    """The value was corrected after the review: the review no longer matches, and says so."""
    fixed = UNIT.replace("≥500元", "≥0.05万元")
    report = run_check(tmp_path, {"d/a.yml": BASE + fixed + REVIEW})
    assert lines(report, tmp_path) == [
        "d/a.yml:11:5  reviews[0]  [警告 stale-review] 核对记录所说的警告（unit-mismatch，goals[0].indicators[0].value："
        "指标值“≥500元”以元计，本表金额单位为万元）已不存在  " + STALE_HINT]


def test_a_review_of_one_value_does_not_carry_over_to_another(tmp_path):
    """Same rule, same place, another value: the review was about ≥500元, so ≥800元 is a warning again."""
    changed = UNIT.replace("≥500元", "≥800元")
    report = run_check(tmp_path, {"d/a.yml": BASE + changed + REVIEW})
    assert [(p.code, p.path) for p in report.warnings] == [
        ("unit-mismatch", "goals[0].indicators[0].value"), ("stale-review", "reviews[0]")]
    assert report.reviewed == []


def test_a_review_names_a_warning_code_a_key_path_and_a_reason(tmp_path):
    bad = ("reviews:\n  - {code: stale-review, path: a, message: m, reason: 理由}\n"
           "  - {code: empty-cell, path: 'goals[0]..name', message: m, reason: 理由}\n"
           "  - {code: empty-cell, path: goals, message: m, reason: ' '}\n")
    assert [line.split("  ", 1)[1] for line in lines(run_check(tmp_path, {"d/a.yml": BASE + bad}), tmp_path)] == [
        "reviews[0].code  [错误 wrong-value] “stale-review”不是允许的值  提示：允许的值：" + ", ".join(
            f"'{c}'" for c in list(WARNING_CODES)[:-1]),
        "reviews[1].path  [错误 wrong-value] “goals[0]..name”不是字段路径  "
        "提示：照 gongkai check 输出中的写法，如 goals[0].indicators[3].value",
        "reviews[2].reason  [错误 wrong-value] 这里必须写上内容  提示：写明理由；不能留空"]


# --- units, notes, blank keys -------------------------------------------------------------

@pytest.mark.parametrize("indicator", [
    "{level1: 产出指标, level2: 成本指标, name: 每个社区矫正人员教育帮扶平均费用, value: ≤127.5元}",  # 路南
    "{level1: 产出指标, level2: 成本指标, name: 人均培训成本, value: <100元}",
    "{level1: 成本指标, level2: 经济成本指标, name: 办案经费, description: 每件案件补助标准, value: 100元}",
    "{level1: 效益指标, level2: 经济效益指标, name: 案件补助, value: 100元/件}",
    "{level1: 产出指标, level2: 数量指标, name: 培训, value: ≤80元/人}",
])
def test_per_unit_amounts_are_not_unit_mismatches(tmp_path, indicator):
    text = BASE + f"goals:\n  - kind: 年度\n    indicators:\n      - {indicator}\n"
    assert run_check(tmp_path, {"d/a.yml": text}).problems == []


def test_a_cost_that_is_not_per_unit_is_still_a_mismatch(tmp_path):
    text = BASE + "goals:\n  - kind: 年度\n    indicators:\n      - {level1: 产出指标, level2: 成本指标, name: 设备购置成本, value: ≤8000元}\n"
    assert [p.code for p in run_check(tmp_path, {"d/a.yml": text}).warnings] == ["unit-mismatch"]


def test_notes_may_name_fields_nested_fields_and_filed_years(tmp_path):
    text = BASE + textwrap.dedent("""\
        goals:
          - kind: 年度
            indicators:
              - name: 案件量
                value: ≥1件
                prior: {2024: ≥2件}
                notes: [{field: value, text: 甲}, {field: prior.2024, text: 乙}, {field: prior.2023, text: 丙}]
        projects:
          - name: 甲
            notes: [{field: budget.total, text: 丁}, {field: withheld.legal_basis, text: 戊}, {field: goals, text: 己}]
        """)
    assert lines(run_check(tmp_path, {"d/a.yml": text}), tmp_path) == [
        "d/a.yml:12:73  goals[0].indicators[0].notes[2].field  [错误 note-field] 编者注的 field“prior.2023”不是这条记录的字段  "
        "提示：是否想写“prior.2024”？写这条记录中的字段，如 value、budget.total，往年值写 prior.年份；说明整条记录时删除 field"]


def test_a_blank_cell_the_data_checks_report_is_not_reported_twice(tmp_path):
    text = BASE + "goals:\n  - kind: 年度\n    indicators:\n      - name: 案件量\n        value:\n        unit: ''\n"
    assert [(p.code, p.path) for p in run_check(tmp_path, {"d/a.yml": text}).problems] == [
        ("empty-cell", "goals[0].indicators[0].name"), ("empty-field", "goals[0].indicators[0].unit")]


def test_an_explicit_null_is_not_a_blank_field(tmp_path):
    assert run_check(tmp_path, {"d/a.yml": BASE + "source: null\nannual_tasks: ~\n"}).problems == []


# --- ids that become paths (issue 13) ----------------------------------------------------

SAFE_ID_HINT = ("只用英文字母、数字、连字符和下划线，不以点或连字符开头，不含 / \\ 或 ..，最多 64 个字符，"
                "例如 ezhou-sfj")


@pytest.mark.parametrize("code", ["../../../../tmp/ESCAPED", "../../../..", "x?y#z"])
def test_a_project_code_that_is_no_url_segment_needs_an_id(tmp_path, code):
    report = run_check(tmp_path, {"d/a.yml": BASE + f"projects:\n  - {{code: '{code}', name: 甲}}\n"})
    assert lines(report, tmp_path) == [
        f"d/a.yml:7:6  projects[0].code  [错误 unsafe-id] 项目没有 id，项目编码不能用作网址：标识“{code}”不能用作网址路径  "
        f"提示：给这个项目写上 id（{SAFE_ID_HINT}）；项目编码照原样保留"]
    fixed = run_check(tmp_path, {"d/a.yml": BASE + f"projects:\n  - {{id: p1, code: '{code}', name: 甲}}\n"})
    assert lines(fixed, tmp_path) == []


def test_an_id_longer_than_a_file_name_may_be_is_rejected(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE.replace("id: dept", "id: " + "a" * 300)})
    assert lines(report, tmp_path) == [
        f"d/a.yml:1:14  department.id  [错误 unsafe-id] 标识“{'a' * 20}…”太长（300 个字符，最多 64 个），不能用作网址路径  "
        f"提示：{SAFE_ID_HINT}"]


UNSAFE_SOURCE_HINT = ("提示：只写 content/sources/ 下的文件名（可带子文件夹，如 2025/原文.txt），"
                      "不以 / 或点开头，不含 ..、\\、?、#、%")


@pytest.mark.parametrize("name", ["/etc/passwd", "a/../../x.txt", ".hidden.txt", "a\\b.txt", "x?y.txt", "x#y.txt"])
def test_a_source_must_be_a_relative_path_under_sources(tmp_path, name):
    report = run_check(tmp_path, {"d/a.yml": BASE + f"source: '{name}'\n"})
    assert lines(report, tmp_path) == [
        f"d/a.yml:6:1  source  [错误 unsafe-source] 原文路径“{name}”不是 sources/ 下的相对路径  {UNSAFE_SOURCE_HINT}"]


def test_a_source_that_links_out_of_sources_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密\n", encoding="utf-8")
    (tmp_path / "content" / "sources").mkdir(parents=True)
    (tmp_path / "content" / "sources" / "link.txt").symlink_to(secret)
    report = run_check(tmp_path, {"d/a.yml": BASE + "source: link.txt\n"})
    assert lines(report, tmp_path) == [
        "d/a.yml:6:1  source  [错误 unsafe-source] 原文 sources/link.txt 是指向 content/sources/ 以外的链接  "
        "提示：把原文本身（而不是链接）放到 content/sources/ 下"]


def test_a_source_in_a_subfolder_of_sources_is_fine(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + "source: 2025/原文.txt\n", "sources/2025/原文.txt": "原文\n"})
    assert lines(report, tmp_path) == []


# --- smaller trust cases (issue 13, item 9) ------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # an escaped lone surrogate passed check, then failed the build
    (BASE + 'document_number: "\\ud800"\n',
     "d/a.yml:6:18  document_number  [错误 bad-character] 文字含无效字符 U+D800  "
     "提示：删除这个字符（多为引号内的 \\x00、\\u0000、\\ud800 一类转义）"),
    # a real day in quotes was called a day that does not exist
    (BASE + 'approved_on: "2025-01-20"\n',
     "d/a.yml:6:1  approved_on  [错误 wrong-type] 日期“2025-01-20”加了引号，被当作文字  "
     "提示：去掉引号，写作 approved_on: 2025-01-20"),
    (BASE.replace("title: 测试文件", 'title: "测试\\u200b文件"'),
     "d/a.yml:4:1  title  [警告 invisible-character] 文字含看不见的字符 U+200B（零宽空格）  "
     "提示：删除这个字符：读者看不到它，它却会改变文字的显示顺序或藏在文字中间；多由复制粘贴带入"),
])
def test_hostile_characters_and_quoted_dates(tmp_path, text, expected):
    assert lines(run_check(tmp_path, {"d/a.yml": text}), tmp_path) == [expected]


@pytest.mark.parametrize("tagged, shown", [("!!binary aGVsbG8=", "!!binary"),
                                           ("!!python/name:os.system", "!!python/name:os.system"),
                                           ("!!python/object:os.Foo {a: 1}", "!!python/object:os.Foo")])
def test_python_and_binary_tags_are_errors(tmp_path, tagged, shown):
    report = run_check(tmp_path, {"d/a.yml": BASE + f"document_number: {tagged}\n"})
    assert lines(report, tmp_path) == [
        f"d/a.yml:6:18  document_number  [错误 yaml-syntax] 不支持的 YAML 标签 {shown}  提示：删除这个以 ! 开头的标签"]


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "/relative/", "ftp://example.test/", "https://example.test"])
def test_base_url_must_be_an_http_address(tmp_path, url):
    report = run_check(tmp_path, {"d/a.yml": BASE}, CONFIG.replace("https://example.test/", url))
    assert [p.format().replace(str(tmp_path) + "/", "") for p in report.sorted()] == [
        f"site_config.yml:2:1  base_url  [错误 wrong-value] 网站根地址“{url}”应以 http:// 或 https:// 开头、以 / 结尾  "
        "提示：例如 https://yusuan.example.gov.cn/"]


def test_a_warning_about_the_file_itself_may_be_reviewed_too(tmp_path):
    text = BASE.replace("title: 测试文件", 'title: "测试\\u200b文件"') + (
        "reviews:\n  - code: invisible-character\n    path: title\n    message: 文字含看不见的字符 U+200B（零宽空格）\n"
        "    reason: 原文标题中即有此字符\n")
    report = run_check(tmp_path, {"d/a.yml": text})
    assert (report.warnings, [p.code for p in report.reviewed]) == ([], ["invisible-character"])


def test_department_mismatch_names_each_field_that_differs(tmp_path):
    """A code filed in one year and not in another: the message says which field and how each file writes it."""
    coded = BASE.replace("region: city}", 'region: city, code: "017"}')
    renamed = BASE.replace("2025", "2024").replace("某市司法局", "某市司法厅")
    report = run_check(tmp_path, {"d/a.yml": coded, "d/b.yml": renamed})
    assert lines(report, tmp_path) == [
        "d/b.yml:1:1  department  [错误 department-mismatch] 部门“dept”的部门名称“某市司法厅”，d/a.yml 中“某市司法局”；"
        "主管部门代码未写，d/a.yml 中“017”  提示：同一部门在各年份文件中的 department 应完全一致"]


def test_contact_values_in_contact_alone_and_office_landlines_are_fine(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + "contact: {filer: 张三, phone: '13812345678'}\n"
                                                    "annual_tasks: 法律援助热线 0710-12348，办公电话 0710-3456789。\n"})
    assert report.errors == [] and report.warnings == []


def test_a_mobile_number_in_a_note_is_found_where_it_is(tmp_path):
    report = run_check(tmp_path, {"d/a.yml": BASE + "contact: {filer: 张三}\nprojects:\n  - name: 甲\n    notes:\n"
                                                    "      - {text: 原表附：张三 13812345678}\n"})
    assert [(p.path, p.code) for p in report.errors] == [("projects[0].notes[0].text", "contact-in-text")]
    assert [(p.path, p.code) for p in report.warnings] == []
