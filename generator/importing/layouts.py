"""What header cells and labels say: the vocabulary that recognition matches against.

Tables are found by their header cells, in any order or subset; this module is the one
place that knows which words name which column or which part of a form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

SEQUENCE_HEADERS = ("#", "序号")  # a column that only numbers the rows

# Header text → indicator field. Matched after `normalize` (no spaces, brackets, slashes, "*").
INDICATOR_COLUMNS: dict[str, str] = {
    "一级指标": "level1", "一级指标名称": "level1",
    "二级指标": "level2", "二级指标名称": "level2",
    "三级指标": "name", "指标名称": "name", "三级指标名称": "name", "绩效指标名称": "name",
    "指标值": "value", "目标值": "value", "指标目标值": "value", "绩效目标值": "value", "绩效指标值": "value",
    "中期指标值": "value_mid", "指标值中期": "value_mid", "中期目标值": "value_mid", "中期值": "value_mid",
    # 实施期 (浙江, central departments): the project's whole period, the content format's 中期 (see goals.py)
    "实施期指标值": "value_mid", "指标值实施期": "value_mid", "实施期目标值": "value_mid",
    "年度目标值": "value", "指标值年度": "value", "预期当年实现值": "value", "当年指标值": "value", "年度指标值": "value",
    # the year's own target beside 上年完成值 ("上年完成值 | 本年目标值")
    "本年目标值": "value", "本年指标值": "value", "本年度目标值": "value", "本年度指标值": "value", "当年目标值": "value",
    # 绩效目标调整表: the adjusted target is the year's target; the one it replaced is listed (ADJUSTED_FROM)
    **dict.fromkeys((f"{word}{what}" for word in ("调整后", "调整后的", "申请调整", "拟调整", "调整后年度")
                     for what in ("指标值", "目标值")), "value"),
    "指标值确定依据": "basis", "确定依据": "basis", "指标值设定依据": "basis", "设定依据": "basis",
    "指标值依据": "basis", "目标值确定依据": "basis", "目标值设定依据": "basis",
    "指标解释": "description", "绩效指标描述": "description", "指标值内容": "description",
    "指标说明": "description", "指标内涵": "description", "指标值说明": "description",
    "指标定义": "description", "指标含义": "description", "指标解释说明": "description", "绩效指标解释": "description",
    "预期目标值": "value", "预期值": "value", "当年预期值": "value", "年度预期值": "value",
    "指标值类型": "value_type", "指标性质": "value_type",
    "计量单位": "unit", "度量单位": "unit", "指标单位": "unit", "指标值单位": "unit",
    # 评（扣）分标准 and the other words forms use for how an indicator is scored
    "评扣分标准": "scoring", "评分标准": "scoring", "扣分标准": "scoring", "评价标准": "scoring", "考核标准": "scoring",
    "评价扣分标准": "scoring", "计分标准": "scoring", "评分规则": "scoring", "评分细则": "scoring",
    "评分方法": "scoring", "评分办法": "scoring", "计分方法": "scoring", "评扣分办法": "scoring", "评扣分方法": "scoring",
    "分值": "weight", "权重": "weight", "指标权重": "weight", "分值权重": "weight", "权重分值": "weight",
    "指标分值": "weight", "权分重": "weight",  # 权（分）重 of the 财政部 form
    "指标分类": "category", "指标类别": "category",
    "备注": "remark",
    **dict.fromkeys(SEQUENCE_HEADERS, "seq"),
}
# 指标方向 (指标方向性) has no field of its own: its cells say a direction ("正向", "反向指标"), which the content format
# has no field for, or a comparator ("≥", "＝"), which is what 指标值类型 (value_type) holds.
DIRECTION_HEADS = {"指标方向", "指标方向性"}
# Some provinces' systems print the value's comparator in a column of its own ("≥" | "50" | "%"): what 指标值类型
# (value_type) holds. Kept apart from it, since such a form may also have a 指标性质 column (定量, 定性) that a
# comparator must not be lost to (see indicators.py: `_comparator_as_type`).
# Some provinces' systems split the value under its head: "绩效目标值" (or 指标值, 年度指标值 …) merged over "符号 | 数值 |
# 单位". Under such a head these plain words name the value's number and its unit (see indicators.py: `_value_parts`);
# only there: elsewhere "单位" may name a unit, "数值" anything. "": the field of the head above.
VALUE_PART_WORDS = {"数值": "", "值": "", "数量": "", "单位": "unit",
                    # "指标值" over "中期 | 年度": the two periods' values; over "上年 | 本年" (上年 a prior year's)
                    "中期": "value_mid", "实施期": "value_mid", "年度": "value", "当年": "value", "本年": "value",
                    "本年度": "value"}
COMPARATOR_HEADS = {"符号", "运算符", "运算符号", "比较符", "比较符号", "计算符号", "指标符号", "指标值符号", "指标运算符"}
# Two-level tables name their columns in other words: "指标类型 | 指标名称 | 指标值", "绩效指标 | 指标内容 | 目标值". These
# words name the 一级 label or the indicator only in a header without 一级指标 and 二级指标 of its own: elsewhere 绩效指标
# is merged over the three levels, 指标类型 may say 定量 or 定性, and 指标内容 may explain a 三级指标.
TWO_LEVEL_COLUMNS = {"指标类型": "level1", "绩效指标": "level1", "指标内容": "name"}
# Sub-headers that only say "these columns are prior years" and carry no field of their own.
PRIOR_GROUP = re.compile(r"^(近[两三二]年|以前年度|历年|往年)")
PRIOR_YEAR = re.compile(r"^(\d{4})年?(度)?(指标值|完成值|实际完成值|实际值|实现值|目标值)?$")
# A year named from the filing's ("上年实际值", "前年值"): the year before it, or the one before that.
RELATIVE_YEAR = re.compile(r"^(上|前)年(度)?(指标值|完成值|实际完成值|实际值|实现值|目标值|值)?$")
RELATIVE_YEARS = {"上": "last", "前": "before_last"}  # the marker until the fiscal year is known (importer.py)
RELATIVE_NAMES = {marker: f"{word}年" for word, marker in RELATIVE_YEARS.items()}  # how a note names one
# A past value's head that says no year ("历史值", "基期值"): which year it is the form does not say. ("往年值" is read as
# a PRIOR_GROUP head, over the years' own heads.)
UNDATED_PRIOR = re.compile(r"^(历史|基期|基年)(指标)?(值|数值|数据|完成值|实际值|实现值)$")
# The words of a year's head that say what was achieved ("2025年实际完成值"): an earlier year's is a prior-year value,
# the filing's own year's is that year's 自评 result (see `self_evaluation_head`).
ACHIEVED = {"完成值", "实际完成值", "实际值"}
# 绩效目标调整表 give each target, goal and budget before and after its adjustment ("原指标值 | 调整后指标值 | 调整原因",
# "年度目标 | 调整前 | 调整后", "原预算数 | 调整后预算数"): the adjusted one is the year's (ADJUSTED_TO; indicator values by
# INDICATOR_COLUMNS), the one it replaced is listed as not placed with `adjusted_from_reason`, never read in its place.
_ADJUSTED_WHAT = r"(年度)?(指标值|目标值|绩效目标值|值|目标|绩效目标|预算数|预算|预算金额|金额|资金)?"
ADJUSTED_FROM = re.compile(rf"^(原|调整前|调整前的|原定|原申报|年初){_ADJUSTED_WHAT}$")
ADJUSTED_TO = re.compile(rf"^(调整后|调整后的|申请调整|拟调整){_ADJUSTED_WHAT}$")

# 绩效自评表 (项目支出/部门整体支出绩效自评表) report the year's results beside its targets: these heads (of a column,
# a row or a goal's sub-head) name a result, never a target. The content format holds targets only, so what they
# head is listed as not placed with `self_evaluation_reason`. Matched after `normalize`, also without a bracketed
# note ("执行率（B/A）"). 年度指标值 and 分值 beside them are the targets' value and weight.
SELF_EVALUATION_TOTALS = {"总分", "自评总分"}  # the label of the row that adds up the scores, under the indicators
SELF_EVALUATION_HEADS = {"实际完成值", "全年实际完成值", "实际值", "实际完成情况", "实际完成", "全年执行数", "执行数",
                         "执行率", "全年预算数", "得分", "自评得分", "偏差原因分析及改进措施", "偏差原因分析", "偏差原因",
                         "原因分析及改进措施", "改进措施", *SELF_EVALUATION_TOTALS}
# "2025年度部门整体支出绩效自评表"; also a 绩效运行监控表's title ("部门整体绩效监控情况表"), filed after the targets as a
# 自评表 is and read as one (see MONITORING_HEAD): the title is the filing's, the note says which form it was.
SELF_EVALUATION_TITLE = re.compile(r"^.{0,40}绩效(自评|运行监控|监控).{0,10}表")
MONITORING_TITLE = re.compile(r"绩效(运行)?监控")
# 绩效运行监控表 (绩效监控情况表) report, beside the year's targets, how far they are carried out part way through the year
# ("1-7月实际完成值", "截至6月底执行情况", "1-7月执行数") and how far they are expected to be ("全年预计完成值",
# "完成目标可能性"): monitoring figures, neither targets nor the year's final results. Listed as not placed with
# `monitoring_reason`, as a 自评表's results are (a monitoring form's 执行率, 偏差原因 too). Matched after `normalize`.
MONITORING_HEAD = re.compile(
    r"^((截至|截止)到?)?(\d{1,2}[-—–~至到]\d{1,2}月(份)?|\d{1,2}月(底|末|份)?|上半年|前三季度|前?[一二三1-3]季度末?|年中)"
    r"(累计)?(实际)?(完成值|完成情况|完成数|执行情况|执行数|执行率|预算执行数|预算执行率|执行进度|完成进度|支出数)$"
    r"|^(全年)?预计(全年)?可?(完成值|完成情况|完成数|执行数|执行率|完成)$"
    r"|^(完成(年度)?目标的?可能性|完成可能性|能否完成(年度)?目标|是否能完成(年度)?目标)$")
# Sub-heads of a 自评表's goal row: "年度总体目标 | 预期目标 | 实际完成情况" over the two texts.
EXPECTED_GOAL = "预期目标"
# 自评表's budget grid: 年初预算数 is the budget the targets were set with (the project's budget); the other columns
# (全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) are the year's execution and its score.
OPENING_BUDGET = "年初预算数"
# A 自评表's 项目资金 row the content format has no budget part for.
BUDGET_ROWS_WITHOUT_FIELD = {"上年结转资金", "上年结转"}

# Funds table: 收入/支出 sections and their amount columns.
FUND_SECTIONS = {"收入构成": "income", "收入": "income", "收入项目": "income",
                 "支出构成": "expenditure", "支出": "expenditure", "支出项目": "expenditure"}
FUND_AMOUNT = {"当年金额", "金额", "预算数", "当年预算"}
FUND_SHARE = {"占比", "比例", "占比%"}
# A head naming the funds' sides ("收支构成 | 项目 | 当年金额", "收入 | 金额"): a funds table without a 占比 column too.
# Not "收入项目"/"支出项目": a project's own table of spending may be headed so.
FUND_HEADS = {"收支构成", "收支项目", *(word for word in FUND_SECTIONS if not word.endswith("项目"))}
FUND_TOTAL = {"合计", "总计", "小计", "金额合计"}  # a total row's label, in any table of amounts
# A total row that names its side ("收入合计", "支出总计"): the total of that side's lines.
FUND_SIDE_TOTAL = {word + total: FUND_SECTIONS[word] for word in ("收入", "支出") for total in ("合计", "总计")}

# Project list (one project per row) and project form (one project per table) labels.
PROJECT_COLUMNS: dict[str, str] = {
    "项目名称": "name", "项目编码": "code", "项目代码": "code",
    # a transfer payment's, a special fund's or a policy's own form names it where a project form names the project
    # ("转移支付（项目）名称", "专项资金名称", "政策名称 | … | 政策期限 | 2024年—2026年"): it is the project filed
    "转移支付名称": "name", "转移支付项目名称": "name", "专项资金名称": "name", "政策名称": "name",
    "政策期限": "period", "政策实施期限": "period",
    "项目属性": "attribute", "项目性质": "attribute", "项目期": "period",
    # the 项目期 written as its dates ("2026年1月—2026年12月") under other provinces' labels
    "起止时间": "period", "项目起止时间": "period", "实施期限": "period", "项目实施期限": "period", "项目周期": "period",
    "项目期限": "period",  # 山东, 河南: "项目期限 | 2025年1月-2025年12月" or "| 1年"
    "支出项目类别": "category", "项目类别": "category", "项目类型": "category",
    "预算单位": "budget_unit", "实施单位": "budget_unit", "项目单位": "budget_unit",
    "项目总预算": "total", "资金总额": "total", "预算数": "total", "总金额": "total", "项目资金总额": "total",
    "项目金额": "total", "项目总额": "total", "项目总金额": "total", "预算金额": "total", "项目预算": "total", "项目预算金额": "total",
    "预算资金": "total", "项目资金": "total", "资金规模": "total",
    "中期资金总额": "medium_term.total", "实施期资金总额": "medium_term.total", "年度资金总额": "annual.total",
    # a transfer payment's form: "资金情况（万元） | 年度金额： | 1250.00" (实施期金额 beside it), over its 其中 lines
    "年度金额": "annual.total", "实施期金额": "medium_term.total", "中期金额": "medium_term.total",
    "项目本年度预算": "this_year", "本年度预算": "this_year", "当年支出计划": "this_year", "年度资金": "this_year",
    "财政拨款": "fiscal", "其中财政资金": "fiscal", "财政资金": "fiscal", "其中财政拨款": "fiscal",
    "当年财政拨款": "fiscal", "其中当年财政拨款": "fiscal",  # 四川: 当年财政拨款 beside 上年结转 (no field: listed)
    "其他资金": "other",
    "项目主要支出方向和用途": "purpose", "资金用途": "purpose", "主要支出方向和用途": "purpose",
    "项目资金用途": "purpose",
}
BUDGET_FIELDS = ("total", "this_year", "fiscal", "other")
# One project's name in a summary sheet and on its own sheet: one may be the other with 项目 or 经费 after it ("法律援助" /
# "法律援助经费"), or the other cut short where its cell clipped it, which the ellipsis shows ("高标准农田建设…").
PROJECT_NAME_SUFFIX = re.compile(r"(项目|经费){1,2}")
CLIPPED_NAME = re.compile(r"^(?P<stem>.{2,}?)\s*(…+|\.{3,}|⋯+)$")
# A project list, one project per row: its 序号 column numbers the projects.
# A list's bare 金额 beside its 项目名称 is the project's amount (a form's 金额 may be any line's).
PROJECT_LIST_COLUMNS: dict[str, str] = {**PROJECT_COLUMNS, **dict.fromkeys(SEQUENCE_HEADERS, "number"), "金额": "total"}
# A project list's column the content format has no field for ("序号 | 项目名称 | 项目金额 | 备注", as summary sheets end):
# the list is read, the column's cells listed as not placed.
# Codes beside the unit or the project (a county's list of its units' projects): not amounts, and no field of a
# listed project holds them. Also in a list with indicator rows, whose 备注 is the indicators'.
LIST_CODE_COLUMNS = {"单位编码", "单位代码", "预算单位编码", "预算单位代码", "功能科目编码", "功能分类科目编码",
                     "支出功能分类科目编码", "功能科目名称", "支出功能分类科目", "功能分类科目"}
LIST_COLUMNS_WITHOUT_FIELD = {"备注", "说明", "备注说明", "资金来源", "资金性质", *LIST_CODE_COLUMNS}
# A list of several units' projects heads its unit column 单位名称 (预算单位名称), as the export with indicator rows does:
# there the words head a column, in a form's own rows they name the department.
LIST_UNIT_COLUMNS = {"单位名称": "budget_unit", "预算单位名称": "budget_unit"}
# A list's 主管部门 column ("序号 | 专项资金名称 | 主管部门 | 资金规模（万元） | …", a county's list of its funds): the body
# over each row's fund, the project's 预算单位 unless the list has a unit column of its own (`_project_list`). In a
# form's own rows the words name the department (DEPARTMENT_NAME).
LIST_SUPERVISOR_COLUMNS = {"主管部门", "主管部门名称"}
# A project list whose rows carry the projects' indicators (项目支出绩效目标表 of 部门预算公开): the project's
# cells are merged down over its indicator rows. There 主管部门 heads the unit column (it names the department
# only in a form's own rows), as 单位名称 does in a whole department's export (预算管理一体化), and a goal column
# holds each project's 年度 goal.
PROJECT_ROW_COLUMNS: dict[str, str] = {**PROJECT_LIST_COLUMNS, "主管部门": "budget_unit", "单位名称": "budget_unit",
                                       "预算单位名称": "budget_unit"}
PROJECT_GOAL_COLUMNS = {"年度绩效目标", "绩效目标", "年度目标", "项目绩效目标", "项目年度绩效目标"}
# The heads over the two halves of an indicator table whose 中期 (实施期) and 年度 indicators stand side by side (the
# central 项目支出绩效目标申报表): the kind of goal each half's indicators belong to. Some forms name the goals
# there ("中期目标 | 年度目标"): the same heads. Only a pair of them over the halves' own heads on the row below is
# read so (see indicator_halves.py); a 总体目标 row naming the goals over their texts is not.
HALF_HEADS = {f"{word}{goal}{what}": kind
              for word, kind in (("中期", "中期"), ("实施期", "实施期"), ("年度", "年度"))
              for goal in ("", "绩效") for what in ("指标", "目标")}
# 中期/年度资金总额 with their own split (budget.medium_term / budget.annual).
BUDGET_SPLITS = {"中期": "medium_term", "实施期": "medium_term", "年度": "annual"}
# A budget matrix: 中期/年度 columns over 资金总额 / 其中：财政拨款 / 其他资金 rows.
BUDGET_PERIOD = re.compile(r"^(中期|实施期|年度)(资金总额|资金|预算|金额)?$")  # 金额: a transfer payment's "实施期金额"
BUDGET_ROWS = {"资金总额": "total", "项目资金总额": "total", "预算数": "total", "其中财政拨款": "fiscal", "财政拨款": "fiscal",
               "其中财政资金": "fiscal", "财政资金": "fiscal", "其他资金": "other",
               "其中当年财政拨款": "fiscal", "当年财政拨款": "fiscal"}  # the last two: a 自评表's rows
# The row under a merged amount head (预算金额 over 合计 | 财政拨款 | 其他资金): the heads of its split, where
# 合计 (总额) is the amount's total, not a total row.
SPLIT_HEADS = {**BUDGET_ROWS, "总额": "total", "合计": "total"}
# A spending plan's time points: "3月底" … "12月底", or the quarters ("一季度", "第1季度", "四季度末").
QUARTER_END = re.compile(r"^(\d{1,2}月底|第?[一二三四1-4]季度末?)$")
SPENDING_PLAN_WORDS = ("支出计划", "支出进度", "执行进度", "使用计划")  # in the label beside those heads
# A project's texts the content format has no field for: its row (or "label：text" line) is listed as not placed.
PROJECT_TEXTS_WITHOUT_FIELD = {"项目概况", "项目简介", "项目基本情况", "立项依据", "项目立项依据", "项目实施内容",
                               "实施内容", "项目内容", "项目实施计划", "实施计划",
                               # the budget classification the project is charged to ("2082001 城市最低生活保障金支出"):
                               # a code and a name, never a figure of the project
                               "支出功能分类科目", "功能分类科目", "支出功能分类", "功能科目",
                               "支出经济分类科目", "经济分类科目", "支出经济分类", "经济科目", "预算科目",
                               # the same written as its code or its name alone ("功能科目编码 | 2040601")
                               "功能科目编码", "功能科目名称", "功能分类科目编码", "功能分类科目名称",
                               "支出功能分类科目编码", "经济科目编码", "经济科目名称", "经济分类科目编码",
                               # the central or provincial body over a transfer payment ("中央主管部门 | 农业农村部",
                               # 省对下: "省级主管部门"): not the department filing, nor its 主管部门 (`supervisor`)
                               "中央主管部门", "省级主管部门", "省主管部门", "上级主管部门"}

# 年度主要任务 (部门整体支出绩效目标表): one task per row; 预算金额 alone, or over (or beside) its split, whose words
# are those of a budget's split rows. "其中" heads the split's columns without naming one ("split").
# Matched after `normalize`; "预算金额（万元）" also without its bracket.
TASK_COLUMNS: dict[str, str] = {
    "任务名称": "name", "主要内容": "content", "任务内容": "content",
    **SPLIT_HEADS, "预算金额": "total", "预算金额总额": "total", "其中": "split",
    **dict.fromkeys(SEQUENCE_HEADERS, "seq"),
    # a task's own goal or indicators beside it (任务名称 | 主要内容 | 预算金额 | 绩效目标): the content format's task has
    # no such field, so the column heads the table and its cells are listed as not placed (tasks.py)
    **dict.fromkeys(("绩效目标", "年度绩效目标", "任务绩效目标", "绩效指标", "主要绩效指标", "年度绩效指标"), "goal"),
    # the projects a task is funded by (任务名称 | 主要内容 | 对应项目 | 预算金额): no field of a task; listed (tasks.py)
    **dict.fromkeys(("对应项目", "对应项目名称", "涉及项目"), "unfielded"),
}
TASK_SPLIT = ("total", "fiscal", "other")  # the amount columns, in the content format's order
TASK_FIELDS = ("seq", "name", "content", *TASK_SPLIT)  # what a task row's cells are read as

# 年度预算申请 (部门整体支出绩效目标申报表): 资金总额 beside the department's income by kind (按收入性质分) and
# expenditure by kind (按支出性质分), over a row of amounts or down the rows with each amount in the next cell.
# The group heads may be absent: a kind's own word says its side, a word not listed here takes the side of the
# group head over it. Matched after `normalize`; "年度预算申请（万元）" also without its bracket.
# Other provinces name the same grid after the department's budget ("年度部门整体支出预算", "部门预算资金"), or its
# funds ("部门总体资金（万元） | 资金总额 | …" over 按收入性质分 / 按支出性质分 rows, as 上海's form does).
REQUEST_LABELS = {"年度预算申请", "年度部门整体支出预算", "部门整体支出预算", "部门预算资金", "年度部门预算", "年度预算资金",
                  "部门总体资金", "部门总体资金情况"}
REQUEST_TOTAL = "资金总额"
REQUEST_GROUPS = {"按收入性质分": "income", "按支出性质分": "expenditure"}
INCOME_KINDS = ("财政拨款", "财政拨款收入", "其他资金", "一般公共预算拨款", "一般公共预算拨款收入", "政府性基金预算拨款",
                "国有资本经营预算拨款", "财政专户管理资金", "纳入专户管理的非税收入拨款",
                "政府性基金拨款", "国有资本经营拨款",  # as the central 申报表 prints them under 按收入性质分
                # the kinds named by their budget alone (按收入性质分: 一般公共预算、政府性基金、国有资本经营)
                "一般公共预算", "一般公共预算资金", "政府性基金", "政府性基金预算", "国有资本经营", "国有资本经营预算", "上级补助收入", "事业收入",
                "事业单位经营收入", "附属单位上缴收入", "其他收入", "单位资金", "上年结转")
# The sources a transfer payment's amount is split into ("年度金额 | 其中：中央补助 | 地方资金 | 其他资金"; 省对下: 省级补助,
# 市县资金): which level of government pays, not 财政拨款 against 其他资金. A project's budget has no part for them: listed.
TRANSFER_SOURCES = {f"{level}{word}" for level in ("中央", "省级", "省", "市级", "县级", "市县", "地方", "本级", "上级")
                    for word in ("补助", "补助资金", "资金", "配套", "配套资金")}
EXPENDITURE_KINDS = ("基本支出", "项目支出", "人员经费", "公用经费", "事业单位经营支出", "上缴上级支出",
                     "对附属单位补助支出")
RequestWord = tuple[str, str | None]  # (role, side): label, total, group or line; income or expenditure
REQUEST_WORDS: dict[str, RequestWord] = {
    **{word: ("label", None) for word in REQUEST_LABELS}, REQUEST_TOTAL: ("total", None),
    **{word: ("group", side) for word, side in REQUEST_GROUPS.items()},
    **{word: ("line", "income") for word in INCOME_KINDS},
    **{word: ("line", "expenditure") for word in EXPENDITURE_KINDS},
}

# Department-level text rows: the label cell → field.
DEPARTMENT_TEXTS: dict[str, str] = {
    "部门职能概述": "functions", "部门单位职责": "functions", "部门职责": "functions", "职能": "functions",
    "部门职能": "functions", "部门职能职责概述": "functions", "部门职能职责": "functions", "职能职责": "functions",
    "部门主要职能": "functions",
    # a 单位预算公开 report's chapter "一、主要职能" (单位职责) under "第一部分 单位概况"
    "主要职能": "functions", "单位职责": "functions", "单位主要职能": "functions", "单位职能": "functions",
    "主要职责": "functions", "单位主要职责": "functions",
    "年度工作任务": "annual_tasks", "年度主要任务": "annual_tasks", "年度主要工作任务": "annual_tasks",
    "年度重点工作任务": "annual_tasks",
    "年度总体目标": "overall_goal", "总体绩效目标": "overall_goal", "部门整体绩效目标": "overall_goal",
    "整体绩效目标": "overall_goal", "年度整体绩效目标": "overall_goal",
    # 年度履职目标 heads a column in some forms (a structure label there); beside a text it is the overall goal
    "年度履职目标": "overall_goal",
}
# A label left of (or above) the task table names it; beside a text it is the narrative annual_tasks.
TASK_LABELS = {label for label, key in DEPARTMENT_TEXTS.items() if key == "annual_tasks"}
# The department's name: a label cell beside it, or "label：value" in one cell ("填报单位（盖章）：某县农业农村局").
DEPARTMENT_NAME = {"部门单位名称", "部门单位", "部门名称", "单位名称", "预算单位名称", "主管部门", "主管部门名称", "主管部门及代码",
                   "填报单位", "编报单位",  # 编报单位: a 部门预算 cover's word for the unit filing it
                   # a transfer payment's form names the local body that spends it (and publishes the form) beside the
                   # central or provincial one (listed: PROJECT_TEXTS_WITHOUT_FIELD): "地方主管部门 | 某县农业农村局"
                   "地方主管部门", "市县主管部门", "市级主管部门", "县级主管部门", "县区主管部门"}
# Codes of their own (text: leading zeros kept); a name cell may carry its code too: "[017]某县司法局".
DEPARTMENT_CODES = {"主管部门代码": "code", "部门代码": "code", "主管部门编码": "code", "部门编码": "code",
                    "单位代码": "unit_code", "单位编码": "unit_code",
                    "预算单位代码": "unit_code", "预算单位编码": "unit_code"}
FILER = {"填报人", "填表人", "制表人", "联系人", "经办人"}  # who filled the form in: contact.filer (not published by default)
PHONE = {"联系电话", "电话", "手机", "联系手机", "手机号码"}  # 手机: a mobile number, as units often ask for it
# People a form names that the content format has no field for: a 负责人 (项目负责人, 单位负责人, 财务负责人 …), and a
# label asking for a name and a number in one cell ("联系人及电话", "项目负责人及联系方式"). What they say is listed
# as not placed, never read into a field (see department.py: `personal_reasons`).
# The signers at a form's foot are people too: 审核人, 复核人, 审批人 (the filer's reviewers).
PERSON_LABEL = re.compile(r"^.{0,8}(负责人|审核人|复核人|审批人)$|^.{0,8}人及?(联系)?(电话|手机|联系方式)$")
# A project list's column of a person ("项目负责人 | 联系方式", "经办人 | 手机", a 身份证号 or 邮箱): each row's person is
# the project's, not the filing's contact, and no field of a listed project holds them. Before, the header was no list's
# and every project of the list was lost; now the list is read and these cells are listed as a person's data.
LIST_PERSON_COLUMNS = {*FILER, *PHONE, "联系方式", "电子邮箱", "邮箱", "电子邮件", "身份证号", "身份证号码"}
# A line "项目资金：年度资金总额 85.00万元，其中财政拨款 85.00万元": the label heads a sentence of the project's amounts.
BUDGET_LINE_LABELS = {"项目资金", "预算规模", "资金来源", "资金情况"}  # 资金情况: a transfer payment's form
# Labels of a form that only name a part of it; read as structure, never as content.
STRUCTURE_LABELS = {"部门总体资金情况", "总体资金情况", "近两年收支金额", "绩效指标", "分解指标", "年度履职目标",
                    "项目支出情况", "年度绩效指标", "长期绩效指标", "年度效指标", "整体绩效总目标",
                    "总体目标", "项目总体目标", "预算规模及资金用途", "收支构成", *BUDGET_LINE_LABELS}
# The goals are often published inside the department's 部门预算公开 report, whose other chapters are budget matters
# that are not the performance filing: a chapter (or part) heading that names one of these opens text that is listed
# as not placed, with that reason. Matched in the heading's title ("二、“三公”经费预算情况说明", "第三部分 名词解释").
BUDGET_REPORT_MATTERS = ("三公", "政府采购", "国有资产", "资产占用", "机关运行经费", "收支预算", "收入预算", "支出预算",
                         "财政拨款收支", "一般公共预算", "政府性基金", "国有资本经营", "预算情况说明", "其他重要事项", "名词解释",
                         # the report's tables, titled one by one ("部门收支总表", "项目支出表") or as a part ("部门预算表")
                         "收支总表", "收入总表", "支出总表", "支出表", "预算表")
# What the performance filing's own parts, forms and attachments are named by ("部门整体绩效目标表", "附件3：项目支出绩效
# 目标表", "八、绩效指标"): such a heading is never a budget matter, whatever else it names, and it ends one.
GOALS_NAMED = ("绩效目标", "绩效指标")
# Lines of the report's own apparatus, listed one by one: its table of contents ("目录") and the list of its
# attachments ("附件1：部门收支总表"). Only the line: the attachments may be the goal tables themselves.
REPORT_APPARATUS = re.compile(r"^(目\s*录|(附件|附表)\s*[0-9一二三四五六七八九十]*\s*([:：、.．]\s*)?[^\s:：、.．].*)$")
# An entry of the table of contents as Word prints it: a heading, leader dots, its page number ("一、主要职能……3",
# "第二部分 收支预算情况说明.........4"). Never the heading itself: it is listed as the contents' line.
CONTENTS_ENTRY = re.compile(r"^\S.*?\s*(?:[.．…·•]\s*){4,}\s*\d{1,3}$")
# The form's own note on the table right above it ("注：本表金额单位为万元", "说明：1.……", "备注：……"). The content
# format has no field for it: `notes` are the site's editorial notes, never the department's words, and a chapter of
# `sections` would cut it off from its table. Only right under a table is such a line known to be a note on one.
TABLE_NOTE = re.compile(r"^(?P<label>注\s*\d*|说\s*明|备\s*注|填表说明)\s*[:：]\s*\S")
# The form's printed instructions to whoever fills it in: "填报说明：" (填表说明, 填报须知), maybe with the first of them
# after its colon, and the numbered lines under it ("1.本表由项目单位填报；", "（2）金额单位为万元"). They are the form's
# words, never the department's filing. "说明" alone may head the department's own text: it is not one of these labels.
FILLING_INSTRUCTIONS = re.compile(r"^(?P<label>填\s*[报表]\s*(?:说\s*明|须\s*知|要\s*求))\s*(?:[:：]\s*(?P<rest>.*))?$")
INSTRUCTION_ITEM = re.compile(r"^(?:\d+\s*[、.．]|[（(]\d+[）)])")
# The letter (公文) the forms come with: a 财政 body's 批复 as departments receive and publish it, or the department's
# dated 公开说明. Its 文号 "某财预〔2026〕3号" (brackets 〔〕, [ ], ［］ or （）), its title "（某县财政局）关于批复/下达…的
# 通知" (the issuing body may stand before 关于), the addressee "县司法局：", the body, the 附件 lines, and the issuing
# body and date that sign it ("某县财政局", "2026年1月20日"; on one line when a PDF joins them).
DOCUMENT_NUMBER = re.compile(r"^[^\s，。；,;：:]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号$")
LETTER_TITLE = re.compile(r"^(?P<issuer>[^\s，。；,;：:]{0,30}?)关于[^，。；,;]{2,80}的(通知|批复|函|公开说明|说明|报告|请示)$")
# A department's own letter up to the 财政 body with its goals ("某县司法局关于报送2026年部门整体绩效目标的报告"): a 申报,
# sent by the department (the issuer before 关于, the signer) to the addressee ("县财政局：").
REQUEST_LETTERS = ("报告", "请示")
APPROVAL_WORDS = ("批复", "下达")  # in a letter's title: it approves the goals (content-format: 批复或下达的绩效目标)
ADDRESSEE = re.compile(r"^(?P<name>[^\s，。；,;：:《》“”]{2,40})[：:]$")
# A date written out: in figures ("2026年1月20日"), in Chinese numerals as letters sign ("二〇二六年一月二十日",
# "二○二六年元月二十日": 元月 is January), or both mixed ("2026年一月二十日"). `date_of` reads it.
# The numerals' digits: the zero also written ○, 零 or the letter O.
NUMERAL_DIGITS = {**dict.fromkeys("〇○零OＯ", 0), **{digit: n for n, digit in enumerate("一二三四五六七八九", start=1)}}
YEAR_WRITTEN = rf"\d{{4}}|[{''.join(NUMERAL_DIGITS)}]{{4}}"
MONTH_WRITTEN = r"\d{1,2}|[一二三四五六七八九十]{1,3}|元"
DAY_WRITTEN = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE_WRITTEN = rf"(?:{YEAR_WRITTEN})\s*年\s*(?:{MONTH_WRITTEN})\s*月\s*(?:{DAY_WRITTEN})\s*日"
LETTER_DATE = re.compile(rf"^(?P<signer>[^\s，。；,;：:\d]{{0,30}}?)\s*(?P<date>{DATE_WRITTEN})$")
ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*[:：]?$")  # "附件" / "附件1" over an attached form
# An attachment's title naming a whole part of the filing ("附件2：2026年项目支出绩效目标表", "附件1：部门整体绩效目标表"),
# as a 部门预算公开 report attaches the goals: that part's heading (`attached_part`), never one project's form.
ATTACHED_PART = re.compile(r"^附\s*[件表]\s*[0-9一二三四五六七八九十]*\s*[:：、.．]?\s*(?:\d{4}\s*年度?)?\s*(?P<title>.+?)表?$")
PROJECT_PARTS = {"预算项目绩效目标", "项目支出绩效目标", "项目绩效目标"}  # a part of these opens the projects
FILING_PARTS = {"部门整体绩效目标", "部门整体支出绩效目标", *PROJECT_PARTS}
SENTENCE_MARKS = ("，", "。", "；", ",", ";")  # a line with these is a sentence of a text, never a title

# The usual 一级 → 二级 indicator labels; used to tell a label that slid into the wrong column.
LEVEL2_OF: dict[str, set[str]] = {
    "产出指标": {"数量指标", "质量指标", "时效指标", "成本指标"},
    "效益指标": {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "可持续发展指标"},
    "效果指标": {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "可持续发展指标"},
    "满意度指标": {"服务对象满意度指标", "满意度指标"},
    "成本指标": {"经济成本指标", "社会成本指标", "生态环境成本指标"},
}
LEVEL1 = set(LEVEL2_OF)
LEVEL2 = set().union(*LEVEL2_OF.values())

MONEY_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
MONEY_UNIT_LABELS = {"单位", "金额单位"}  # "金额单位 | 万元": the label in a cell, the unit in the next
MONEY_UNITS = {"万元", "元"}
# "项目资金（万元）", and as typed in a head cell, "金额（单位：万元）"
MONEY_UNIT_IN_LABEL = re.compile(r"[（(]\s*(?:(?:金额)?单位\s*[:：]\s*)?(万元|元)\s*[）)]$")
# "填报人：张三" in one cell or line; a label as long as "项目主要支出方向和用途"
LABELLED_VALUE = re.compile(r"^(?P<label>[^:：]{2,12})[:：]\s*(?P<value>\S.*)$")
NEXT_LABEL = re.compile(r"\s[^\s:：]{2,8}[:：]")  # "  填报日期：" after a value: a second label in the same text
FIGURE_UNIT = re.compile(r"\d\s*(万元|元)")  # "85.00万元": an amount written with its unit
# "2026-01-20", and as departments also type it, "2026.1.20" and "2026/1/20" (one separator throughout).
DATE = re.compile(rf"({YEAR_WRITTEN})\s*(?:年\s*({MONTH_WRITTEN})\s*月\s*({DAY_WRITTEN})\s*日"
                  rf"|([-./／．])(\d{{1,2}})\4(\d{{1,2}})(?!\d))")
FISCAL_YEAR_LABELS = {"预算年度", "年度"}
DATE_LABELS = {"填报日期": "filed_on", "编报日期": "filed_on", "批复日期": "approved_on", "公开日期": "published_on",
               "发布日期": "published_on"}
# What parts "主管部门：某局  实施单位：某中心" on one line: two spaces or more, a tab, or one wide space (the full-width
# space; a PDF's text layer may give it as an em space). One plain space may be part of a value. A comma or semicolon
# parts them too where a contact or date label and its colon follow ("填报人：张三，联系电话：…"; not in a sentence of
# amounts, "资金总额 120万元，其中：财政拨款 100万元", which is read whole).
PAIR_SEPARATOR = re.compile(r"\s{2,}|[\t\u2000-\u200a\u3000]|[，,；;](?=(?:%s)\s*[：:])"
                            % "|".join(sorted({*FILER, *PHONE, *DATE_LABELS}, key=len, reverse=True)))
# A printed page's number, left in text copied from the page or in a file converted from the print: "第 1 页，共 2 页",
# "第1页", "共5页 第2页", "- 2 -", "— 2 —", "2/5". Matched against a whole line or a row's only cell.
PAGE_NUMBER = re.compile(r"\s*(第\s*\d+\s*页(\s*[，,/／]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[，,/／]?\s*第\s*\d+\s*页"
                         r"|[-－—–]+\s*\d+\s*[-－—–]+|\d+\s*[/／]\s*\d+)\s*")
# A government portal's page around the form, in a saved web page (text.py): where the page is (the breadcrumbs),
# the page's tools, the heading of the lists of other articles, and the footer. None of it is the form's, and none
# of it names a field. Searched in a paragraph's text and in its text outside links ("【打印】 分享到：" once the
# links are left out); the tools must be the whole line.
PAGE_FURNITURE = re.compile(
    r"^(当前位置|您的位置|您现在的位置|你的位置|所在位置|您当前的?位置|您当前所在位置|当前所在位置|您所在的?位置)\s*[:：]"
    r"|^(网站)?首页\s*[>＞»›]"
    r"|^(相关(文章|链接|阅读|新闻|信息|文件)|上一篇|下一篇|推荐阅读)\s*([:：]|$)"
    r"|版权所有|Copyright|©|网站标识码|ICP\s*[备证]|公网安备|网站地图|技术支持\s*[:：]|[主承]办单位\s*[:：]"
    r"|^扫一扫在手机上?打开(当前页|本页|此页)?$"
    # The tools, each maybe in brackets, between spaces or bars. Possessive (`*+`, `++`): every part is optional, and a
    # run of spaces it may split many ways took minutes to fail ("打印本页" and ten spaces before other text).
    r"|^(?:[【\[]?\s*+(?:(?:我要)?打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|分享到?\s*+[:：]?|(?:加入)?收藏(?:本页)?|返回顶部"
    r"|(?:我要)?纠错|字[号体]\s*+[:：]?\s*+大\s*+中\s*+小)?\s*+[】\]]?\s*+[|｜]?\s*+)++$")
# The line under a portal article's headline: "发布时间：2026-02-10  来源：某县财政局  浏览次数：123". Two of these labels
# make it one (a form's own "发布日期：…" line alone is the form's date, read as published_on); so does one beside the
# page's tools ("发布时间：2026-01-05 【字体：大 中 小】"). A 政府信息公开目录 page gives the same as a table of labels
# (索引号, 发布机构, 生成日期: PAGE_INFORMATION_LABEL).
PUBLISHING_LABEL = re.compile(r"(发布时间|发布日期|更新时间|信息来源|文章来源|来源|浏览次数|点击数|阅读次数|访问量|作者|责任编辑)\s*[:：]")
PAGE_TOOLS = re.compile(r"字[号体]\s*[:：]?\s*[【\[]?\s*[大中小]|打印(本页|此页|文章)|关闭(窗口|本页)|分享到|收藏本页")
PAGE_INFORMATION_LABEL = re.compile(r"索引号|主题分类|信息分类|体裁分类|组配分类|发布机构|生成日期|成文日期|发文机关|发文字号|文号"
                                    r"|公开方式|公开范围|公开时限|有效性|发布日期|发布时间|名称|标题")


def code_before_name(digits: str) -> str:
    """How a finance system prints a unit's code before its name: "[101001]某局", "101001 某局", "101-某县教育局" (the
    brackets, spaces or dash are no part of the name). `digits`: the pattern of the code itself. A code glued to the
    name is a system's long one ("510115001某县第一中学") or starts with 0 ("017某县司法局"): a short number glued to
    a name is the name's own ("110指挥中心", "12345政务服务便民热线中心", a service line's number)."""
    return rf"(?:[\[【(（]{digits}[\]】)）]?|{digits}[\]】)）]|{digits}(?=\s|[-－—_])|(?=0|\d{{6}}){digits})" \
        r"\s*(?:[-－—_]\s*)?"


BRACKETED = re.compile(r"[（(][^（()）]*[）)]")


def normalize(text: str) -> str:
    """Header text as compared: no spaces, brackets, slashes, colons or the required-field star."""
    return re.sub(r"[\s*（）()/:：、]", "", text)


def indicator_column(text: str) -> str | None:
    """The indicator field a header cell names, `prior:<year>` (`prior:last`, `prior:before_last`) for prior years.

    A bracketed explanation after the name ("指标值（包含数字及文字描述）") does not change the column,
    unless the whole text is itself a known header ("指标值（中期）")."""
    key = normalize(text)
    if not key:
        return None
    if key in INDICATOR_COLUMNS:
        return INDICATOR_COLUMNS[key]
    plain = normalize(BRACKETED.sub("", text))
    if plain != key and plain in INDICATOR_COLUMNS:
        return INDICATOR_COLUMNS[plain]
    year = PRIOR_YEAR.match(key)
    if year:
        return f"prior:{year.group(1)}"
    if relative := RELATIVE_YEAR.match(key):
        return f"prior:{RELATIVE_YEARS[relative.group(1)]}"
    if PRIOR_GROUP.match(key):
        return "prior:group"
    return None


def header_keys(text: str) -> tuple[str, str]:
    """A header cell's text as looked up: as written, then without its bracketed unit or note ("资金总额（万元）",
    "填报单位（盖章）"), both normalized."""
    return normalize(text), normalize(BRACKETED.sub("", text))


def looked_up(words: Mapping[str, str], text: str) -> str | None:
    """What `words` says a header cell names, as written or without its bracketed note."""
    return next((words[key] for key in header_keys(text) if key in words), None)


def task_column(text: str) -> str | None:
    """The task field a header cell names; a bracketed unit or note ("预算金额（万元）") does not change it."""
    return looked_up(TASK_COLUMNS, text)


def project_row_column(text: str) -> str | None:
    """The project field a header cell of a project list with indicator rows names ("goal" for the goal column);
    a bracketed unit ("项目金额（万元）") does not change it. A person's column ("项目负责人 | 联系电话") is the plain
    list's (`person_column`): before, the header was no list's and every project with its indicators was lost."""
    for key in header_keys(text):
        if key in PROJECT_GOAL_COLUMNS:
            return "goal"
        if key in PROJECT_ROW_COLUMNS:
            return PROJECT_ROW_COLUMNS[key]
        if key in LIST_CODE_COLUMNS or person_column(key):
            return "unfielded"
    return None


def project_list_column(text: str) -> str | None:
    """The project field a header cell of a project list names ("goal" for a column of each project's 年度 goal
    text, as a department's list of its projects has, "unfielded" for a 备注 column); a bracketed unit ("资金总额（元）")
    does not change it."""
    if any(key in PROJECT_GOAL_COLUMNS for key in header_keys(text)):
        return "goal"
    if any(key in LIST_COLUMNS_WITHOUT_FIELD or person_column(key) for key in header_keys(text)):
        return "unfielded"
    if any(key in LIST_SUPERVISOR_COLUMNS for key in header_keys(text)):
        return "supervisor"
    if normalize(text) == "单位":  # a finance system's list heads its unit column so ("[101001]某局本级"); written
        return "budget_unit"  # plainly only: "单位（万元）" says the unit of an amount
    return looked_up(PROJECT_LIST_COLUMNS, text) or looked_up(LIST_UNIT_COLUMNS, text)


def split_head(text: str) -> str | None:
    """The budget field a head of an amount's split names ("合计", "其中：财政拨款", "其他资金（万元）")."""
    return looked_up(SPLIT_HEADS, text)


def department_label(text: str) -> str | None:
    """The department-name label a text is ("部门（单位）名称", "填报单位（盖章）"), as normalized; a bracketed note
    ("（盖章）") does not change it."""
    return next((key for key in header_keys(text) if key in DEPARTMENT_NAME), None)


def request_word(text: str) -> RequestWord | None:
    """What a cell of the 年度预算申请 grid names; a bracketed unit ("资金总额（万元）") does not change it, nor a
    leading 其中 ("其中：财政拨款" is the 财政拨款 line)."""
    for key in header_keys(text):
        word = REQUEST_WORDS.get(key) or REQUEST_WORDS.get(key.removeprefix("其中"))
        if word:
            return word
    return None


def is_task_header(texts: list[str]) -> bool:
    """任务名称 with 主要内容 or 预算金额, and nothing else but a 序号 column or the 年度主要任务 label."""
    present = [t for t in texts if t]
    fields = {task_column(t) for t in present}
    known = all(task_column(t) or normalize(t) in TASK_LABELS for t in present)
    return known and "name" in fields and bool(fields & {"content", *TASK_SPLIT})


def header_fields(texts: list[str]) -> list[str | None]:
    """The indicator field each cell of a header row names (`indicator_column`); in a two-level table's header also
    by its own words (`TWO_LEVEL_COLUMNS`), when they make the row a header that it is not without them."""
    fields = _adjusted_value(_unit_beside_value([indicator_column(t) for t in texts], texts), texts)
    if {"level1", "level2"} & set(fields):
        return fields
    words = [None if field or not text else looked_up(TWO_LEVEL_COLUMNS, text) for field, text in zip(fields, texts)]
    words = [None if word in fields else word for word in words]  # a field the header names in its own word
    if len([w for w in words if w]) != len({w for w in words if w}):
        return fields  # two words of one field: which one is meant is not clear
    two_level = [field or word for field, word in zip(fields, words)]
    return two_level if _names_indicators(set(two_level)) else (_one_level(fields, texts) or fields)


# A table of indicators without levels ("指标 | 指标值 | 备注", "指标名称 | 目标值"): its own word for the name column.
ONE_LEVEL_COLUMNS = {"指标": "name"}


def _one_level(fields: list[str | None], texts: list[str]) -> list[str | None] | None:
    """The fields of a header that names indicators without their levels: one name column, a value column, every
    other cell an indicator column too (a 2-column form row "指标 | 说明" is none); None for any other row."""
    words = [field or (looked_up(ONE_LEVEL_COLUMNS, text) if text else None) for field, text in zip(fields, texts)]
    named = [word for word in words if word]
    if named.count("name") != 1 or "value" not in named or {"level1", "level2"} & set(named) \
            or len(named) != len(set(named)) or any(text.strip() and not word for text, word in zip(texts, words)):
        return None
    return words


def _adjusted_value(fields: list[str | None], texts: list[str]) -> list[str | None]:
    """"原目标 | 调整后" (绩效目标调整表) in a header without a value column: the one adjusted column is the value (the
    column it replaced is listed, see `adjusted_from_head`). Only beside a replaced column, and never a budget's."""
    adjusted = [c for c, (field, text) in enumerate(zip(fields, texts))
                if field is None and text and adjusted_to_head(text) and "预算" not in text and "金额" not in text]
    if "value" in fields or len(adjusted) != 1 or not any(text and adjusted_from_head(text) for text in texts):
        return fields
    return ["value" if c == adjusted[0] else field for c, field in enumerate(fields)]


def _unit_beside_value(fields: list[str | None], texts: list[str]) -> list[str | None]:
    """"指标值 | 单位" (北京, 广东): a plain "单位" right of the value is the value's unit. Only there: elsewhere in a
    header (a project list's) "单位" may name the unit that carries the project out."""
    return ["unit" if field is None and normalize(text) == "单位" and c and fields[c - 1] in ("value", "value_mid")
            else field for c, (field, text) in enumerate(zip(fields, texts))]


def _names_indicators(fields: set[str | None]) -> bool:
    levels = len(fields & {"level1", "level2", "name"})
    return levels >= 2 and bool(fields & {"value", "prior:group"} or any(str(f).startswith("prior:") for f in fields))


def is_indicator_header(texts: list[str]) -> bool:
    fields = header_fields(texts)
    return _names_indicators(set(fields)) or _one_level(fields, texts) is not None


def is_grouped_indicator_header(upper: list[str], lower: list[str]) -> bool:
    """An indicator header of two rows whose first names no levels: 绩效指标 merged over 一级指标 | 二级指标 | 三级指标,
    beside 指标值 merged down. The first row holds only such group heads and at least one indicator column, the
    second only indicator columns; together they name the levels and the value."""
    heads, subs = [t for t in upper if t], [t for t in lower if t]
    split = any(indicator_column(t) in ("value", "value_mid") for t in heads)  # 绩效目标值 over 符号 | 数值 | 单位
    return any(indicator_column(t) for t in heads) and bool(subs) \
        and all(indicator_column(t) or (split and _value_part(t)) for t in subs) \
        and all(indicator_column(t) or normalize(t) in STRUCTURE_LABELS for t in heads) \
        and not is_indicator_header(heads) and is_indicator_header(heads + subs)


def _value_part(text: str) -> bool:
    """A sub-head of the value split under its head: 符号 (or another comparator head), 数值, 单位."""
    return any(key in VALUE_PART_WORDS or key in COMPARATOR_HEADS for key in header_keys(text))


def is_label_like(text: str) -> bool:
    """An indicator label (一级/二级), not an indicator: the usual names or a short "…指标"."""
    return text in LEVEL1 or text in LEVEL2 or (text.endswith("指标") and len(text) <= 10)


def date_of(text: str) -> tuple[int, int, int] | None:
    """"2023年 12 月 30 日", "2023-12-30" or "二〇二三年十二月三十日" → (2023, 12, 30); None when there is no date, or
    the one written is no day of the calendar ("2026年2月30日"): the importer never guesses which day was meant."""
    match = DATE.search(text)
    if not match:
        return None
    year, month, day, _, iso_month, iso_day = match.groups()
    numbers = (_number(year), _number(month or iso_month), _number(day or iso_day))
    try:
        dt.date(*numbers)
    except (TypeError, ValueError):
        return None
    return numbers


def _number(written: str) -> int | None:
    """"2026", "二〇二六" (digit by digit), "十二", "二十一", "元" (of 元月) → the number; None for "十十"."""
    if written.isdigit():
        return int(written)
    if written == "元":
        return 1
    if "十" not in written:
        return int("".join(str(NUMERAL_DIGITS[digit]) for digit in written))
    tens, _, ones = written.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (NUMERAL_DIGITS[tens] if tens else 1) * 10 + (NUMERAL_DIGITS[ones] if ones else 0)


def in_numerals(date: str) -> bool:
    """A date written (partly) in Chinese numerals, which a note keeps as filed beside the date read."""
    return not re.fullmatch(r"[\d\s年月日-]*", date)


def impossible_date_reason(date: str) -> str:
    """Why a date that is no day of the calendar ("2026年2月30日") is not read: one reason wherever it is written."""
    return f"日期“{date}”不是日历上实有的日期，导入不猜测原意，未录入，请核对原表"


def is_sentence(text: str) -> bool:
    """A sentence of a text ("现将你单位2026年部门整体绩效目标批复如下："), never a title, even where it names the goals."""
    return any(mark in text for mark in SENTENCE_MARKS) or text.endswith((":", "："))


def budget_report_matter(title: str) -> str | None:
    """The budget matter a chapter's title names ("“三公”经费预算情况说明" → "三公"), None for a chapter of the filing
    (one that names the goals: "附件3：一般公共预算项目支出绩效目标表")."""
    if names_goals(title):
        return None
    return next((word for word in BUDGET_REPORT_MATTERS if word in title), None)


def attached_part(text: str) -> str | None:
    """The part of the filing an attachment's title names ("附件2：2026年项目支出绩效目标表" → "项目支出绩效目标"), None
    for any other line."""
    attached = ATTACHED_PART.match(text)
    title = re.sub(r"\s", "", attached.group("title")) if attached else None
    return title if title in FILING_PARTS else None


# A worksheet's tab that is no project's name: Excel's own ("Sheet1", "工作表2"), a numbered one ("项目1", "附表3"), a
# year ("2026年"), a form's ("部门整体", "项目汇总", "项目支出绩效目标表") or a unit's ("某县民政局", "某县疾控中心"). A
# numbering before a tab's name ("1.", "（2）") is not the name.
DEFAULT_SHEET = re.compile(r"^((sheet|工作表|表|页|项目|附件|附表)\s*\d*|\d{4}年?度?|部门整体.*|.*(汇总|明细|清单|说明|封面|目录).*"
                           r"|.*表|.*(局|院|所|中心|本级|委员会|委|办公室|办|队|站|处|科))$", re.I)
NUMBERED_SHEET = re.compile(r"^\s*[(（]?\d{1,3}\s*[)）.、．\-_]\s*")


def sheet_project_name(sheet: str) -> str | None:
    """The project a worksheet's tab names ("高标准农田建设", "1.动物防疫补助" → "动物防疫补助"); None for a tab that is
    Excel's own, a form's or a part's name (DEFAULT_SHEET) or names the goals."""
    name = NUMBERED_SHEET.sub("", sheet).strip()
    if len(name) < 2 or name.isdigit() or DEFAULT_SHEET.match(name) or names_goals(name):
        return None
    return name


def names_goals(title: str) -> bool:
    """A heading or title that names the performance goals or their forms (see GOALS_NAMED)."""
    return any(word in title for word in GOALS_NAMED)


def self_evaluation_head(text: str, own_year: int | None = None) -> str | None:
    """The 自评 result a head names ("实际完成值", "执行率（B/A）"), as normalized; None for anything else. `own_year`:
    the filing's year, when known, whose achieved values ("2025年实际完成值") are results too."""
    return next((key for key in header_keys(text)
                 if key in SELF_EVALUATION_HEADS or (own_year is not None and achieved_year(key) == own_year)), None)


def achieved_year(text: str) -> int | None:
    """The year whose achieved values a head names ("2025年实际完成值" → 2025); None for any other head."""
    year = PRIOR_YEAR.match(normalize(text))
    return int(year.group(1)) if year and year.group(3) in ACHIEVED else None


def self_evaluation_reason(head: str) -> str:
    """Why a 自评 result is not placed: one reason, naming the head it was filed under."""
    return f"原表“{head}”属于绩效自评（自评表中的完成情况和评分），文件格式只录入绩效目标，没有对应的字段，未录入"


def monitoring_head(text: str) -> str | None:
    """The monitoring figure a head names ("1-7月实际完成值", "全年预计完成值"), as normalized; None for anything else."""
    return next((key for key in header_keys(text) if MONITORING_HEAD.match(key)), None)


def monitoring_reason(head: str) -> str:
    """Why a 绩效运行监控 figure is not placed: one reason, naming the head it was filed under."""
    return (f"原表“{head}”属于绩效运行监控（年度中的执行情况、预算调整和预计完成情况），不是绩效目标，也不是全年的实际完成值；"
            "文件格式只录入绩效目标，没有对应的字段，未录入")


def adjusted_from_head(text: str) -> bool:
    """A head of what a 绩效目标调整表 replaced ("原指标值", "调整前", "原预算数（万元）")."""
    return any(ADJUSTED_FROM.match(key) for key in header_keys(text))


def adjusted_to_head(text: str) -> bool:
    """A head of what a 绩效目标调整表 puts in its place ("调整后", "调整后预算数", "申请调整目标值")."""
    return any(ADJUSTED_TO.match(key) for key in header_keys(text))


ADJUSTED_FROM_SAID = "是调整前的内容（绩效目标调整表）"  # in every `adjusted_from_reason`: tells a filing it met one
ADJUSTMENT_TITLE = re.compile(r"^.{0,40}目标调整(申请|情况)?表")


def adjusted_from_reason(head: str) -> str:
    """Why what an adjustment replaced is not placed."""
    return (f"原表“{head}”{ADJUSTED_FROM_SAID}，绩效目标以调整后的为准，已按调整后的一栏录入；"
            "文件格式没有调整前的字段，未录入")


def person_column(key: str) -> bool:
    """A normalized head of a column of people or their numbers ("项目负责人", "项目联系人", "经办人", "手机", "联系方式")."""
    return key in LIST_PERSON_COLUMNS or PERSON_LABEL.match(key) is not None \
        or len(key) <= 8 and any(key.endswith(word) for word in FILER)


def without_field_reason(head: str) -> str:
    """Why the cells of a column the importer knows no field for are not placed; a person's column says so."""
    if any(person_column(key) for key in header_keys(head)):
        return f"原表“{head}”一列是个人的姓名或联系方式，文件格式中没有对应的字段，未录入（文件只录入填报人和联系电话，默认不公开）"
    return f"原表“{head}”一列在文件格式中没有对应的字段，未录入"
