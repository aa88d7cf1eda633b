"""`gongkai new`: a commented filing template for one department and year.

The comments are the documentation a filer sees first, so they say what each
field means on the paper form and how to write it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .models import KIND_SLUGS
from .textrules import SAFE_ID
from .yamlsource import YamlProblem, load_file

# Placeholder text the template writes and sample values it fills in. They are defined here, once:
# `check` reports each of them as an error until it is replaced (unfinished.py), so none is published.
PLACEHOLDER_NAME = "某某市司法局"
PLACEHOLDER_REGION = "some-city"
PLACEHOLDER_TEXT = "（照原文录入）"
PLACEHOLDER_GOAL = "（目标内容）"
PLACEHOLDER_TEXTS = (PLACEHOLDER_NAME, PLACEHOLDER_REGION, PLACEHOLDER_TEXT, PLACEHOLDER_GOAL)
# Sample rows show how a row is written. Their names carry this mark: a real row can look exactly like
# a sample (法律援助案件量 ≥100件 is a real indicator), so the mark, not the values, tells them apart.
SAMPLE_MARK = "（示例）"

# What a department's first filing starts from; later ones start from its newest filing.
DEFAULTS = {"name": PLACEHOLDER_NAME, "region": PLACEHOLDER_REGION, "money_unit": "万元"}

TEMPLATE = """\
# {year} 年度绩效目标（{kind}）。填好后运行：gongkai check
# 规则：照原表一字不改地录入；原表错位、截断之处照原样录入，并在 notes 中写编者注说明。
# 模板中的占位文字（如 {placeholder_name}）和名称带“{sample}”的示例行替换之前，check 报错，网站不会生成。
# 字段说明见 docs/content-format.md；gongkai schema 可输出完整格式。

department:
  id: {department}          # 部门标识（网址用，英文小写和连字符），发布后不再更改
  name: {name}           # 部门（单位）名称，照原表
  region: {region}         # 地区标识，须在 site_config.yml 的 regions 中定义
fiscal_year: {year}          # 预算年度
kind: {kind}                 # 文件类型：申报（申报表）、批复（财政批复）或 公开（随预算公开的目标表）
title: {year}年部门整体绩效目标{kind}   # 文件名称，照原表
source: null                 # 原文文件名（放在 content/sources/ 下），没有则写 null
approved_on: null            # 批复日期，如 {year}-02-01；申报表用 filed_on 写填报日期
published_on: null           # 公开日期；与批复日期相隔超过 20 天时 check 会提示（预算法第十四条）
money_unit: {money_unit}              # 金额单位：元 或 万元。下面所有金额都按这个单位，写不带引号的数字
contact:                     # 填报人和电话：默认不在网站公开（见 site_config.yml 的 publish_contact）
  filer: null
  phone: null

funds:                       # 部门总体资金情况；没有这张表就删掉整个 funds
  prior_years: [{prev2}, {prev1}]   # 往年金额列的年份，按原表顺序
  income:                    # 收入构成
    lines:
      - name: 财政拨款{sample}   # 示例行：照原表改写整行，名称不带“{sample}”
        amount: 0            # 当年金额，照原样（如 2306.26）
        share: "0%"          # 占比，照原样的文字（如 96%）
        prior: {{{prev2}: 0, {prev1}: 0}}
    total: {{name: 合计{sample}, amount: 0, share: "100%", prior: {{{prev2}: 0, {prev1}: 0}}}}
  expenditure:               # 支出构成，写法同上
    lines: []

functions: |                 # 部门职能概述，可分段
  {placeholder_text}
annual_tasks: null           # 年度工作任务（一段文字）
tasks: null                  # 年度主要任务表；原表有时写法见 docs/content-format.md 的 tasks

goals:                       # 绩效目标，每个目标一张指标表
  - id: annual
    kind: 年度               # 长期、中期 或 年度
    title: 年度目标
    text: {placeholder_goal}
    indicators:              # 每行一项；一级、二级指标在每行都写上（原表的合并单元格）
      - level1: 产出指标      # 一级指标
        level2: 数量指标      # 二级指标
        name: 法律援助案件量{sample}   # 三级指标，照原样（含截断）；示例行：照原表改写整行
        value: ≥100件         # 指标值，照原样
        basis: 历史标准        # 指标值确定依据

projects: []                 # 项目；不予公开的序号段写：- withheld: {{numbers: [6, 13], reason: 涉及保密要求}}

reviews: []                  # 已对照原文核对、照原样无误的警告（check 不再列出，网站显示为“已核对”），每条写：
#  - code: unit-mismatch                       # 警告代码，照 check 的输出
#    path: goals[0].indicators[3].value        # 字段路径，照 check 的输出
#    message: 指标值“>5万元”以万元计，本表金额单位为元   # 警告内容，照 check 的输出一字不改
#    reason: 原文如此，照原样公布                # 理由，公开显示
"""


def write_scaffold(content: Path, department: str, year: int, kind: str) -> Path:
    if not SAFE_ID.match(department):
        raise ValueError(f"部门标识“{department}”不能用作网址：只用英文字母、数字、连字符，例如 ezhou-sfj")
    path = content / department / f"{year}-{KIND_SLUGS[kind]}.yml"
    if path.exists():
        raise FileExistsError(f"{path} 已存在，未覆盖。")
    known = known_department(path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(department=department, year=year, kind=kind, prev1=year - 1, prev2=year - 2,
                                    placeholder_name=PLACEHOLDER_NAME, placeholder_text=PLACEHOLDER_TEXT,
                                    placeholder_goal=PLACEHOLDER_GOAL, sample=SAMPLE_MARK, **{key: _scalar(value) for key, value in known.items()}),
                    encoding="utf-8")
    return path


def _scalar(text: str) -> str:
    """A YAML scalar for the text: plain where that reads back the same, quoted where it would not."""
    return yaml.safe_dump(text, allow_unicode=True).splitlines()[0]


def known_department(folder: Path) -> dict[str, str]:
    """Name, region and money unit as the department's newest filing has them (files are named by year)."""
    for path in sorted(folder.glob("*.yml"), reverse=True):
        try:
            data = load_file(path).data
        except YamlProblem:
            continue  # a broken file is for `check` to report; try the one before it
        department = data.get("department") if isinstance(data, dict) else None
        if isinstance(department, dict):
            found = {**department, "money_unit": data.get("money_unit")}
            return {key: str(found.get(key) or default) for key, default in DEFAULTS.items()}
    return dict(DEFAULTS)
