"""Stage 2: domain checks that a schema cannot express.

Warnings point at what a careful reader of the form would notice (sums, shares,
spending plans, units, duplicates, empty cells, late publication). They never
change a value: the site shows the figure as filed, with the warning beside it.
Errors here are the cross-file ones that would break the site (two files for one
filing, unknown regions, colliding permalinks, a missing 原文).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from .config import SiteConfig
from .findings import Finding, error, stale_reviews, warning, with_reviews
from .indicator_values import money_unit_of
from .loading import SOURCES_DIR, LoadedFiling
from .models import (Budget, Contact, Department, Filing, FundLine, FundsSplit, FundTable, Goal, Indicator, Project,
                     TaskTable)
from .problems import Problem
from .redaction import MOBILE_NUMBER
from .sources import SourceError, SourceFiles, resolved_sources, withheld_sources
from .textrules import SAFE_ID_HINT, is_safe_id, unsafe_id_message
from .unfinished import unfinished_findings
from .vocabulary import label
from .yamlsource import KeyPath, format_path

# Characters a reader cannot see: they reorder the text around them (bidi controls) or hide inside a word
# (zero-width), so a value can read differently on the page than in the file.
INVISIBLE = {"\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u2060": "零宽不换行",
             "\ufeff": "零宽不换行空格", "\u200e": "从左到右标记", "\u200f": "从右到左标记", "\u061c": "阿拉伯文字母标记",
             "\u202a": "从左到右嵌入", "\u202b": "从右到左嵌入", "\u202c": "方向格式结束", "\u202d": "从左到右覆盖",
             "\u202e": "从右到左覆盖", "\u2066": "从左到右隔离", "\u2067": "从右到左隔离", "\u2068": "首字隔离",
             "\u2069": "方向隔离结束"}
INVISIBLE_CHAR = re.compile("[" + "".join(INVISIBLE) + "]")
PERCENT = re.compile(r"^\s*([0-9]+(?:\.([0-9]+))?)\s*%?\s*$")
PUBLICATION_DAYS = 20  # 预算法 §14
UNIT_FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}


def run_checks(loaded: list[LoadedFiling], config: SiteConfig | None, content_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    sources = SourceFiles(content_dir)
    for item in loaded:
        context = list(_file_findings(item, config, sources))
        if context or item.own_problems is None:  # something outside the file has a say: check it through
            problems += _reviewed(item, [*_domain_findings(item), *context, *_file_alone_findings(item)])
        else:  # the same problems, worked out when the file was parsed and kept with it
            problems += item.own_problems
    problems += _cross_file(loaded)
    problems += _withheld_sources_cited_elsewhere(loaded, sources)
    return problems


def _locate(item: LoadedFiling, finding: Finding) -> Problem:
    position = item.source.position(finding.path)
    return Problem(position.file or item.source.file, position.line, position.column, format_path(finding.path),
                   finding.code, finding.severity, finding.message, finding.hint, finding.review)


def own_problems(item: LoadedFiling) -> tuple[Problem, ...]:
    """The problems of one file when nothing outside it (config, 原文 on disk) adds a finding: they depend on
    that file alone, so they are kept with it between builds and an unchanged file is not read through again
    (its positions are not even loaded)."""
    return tuple(_reviewed(item, [*_domain_findings(item), *_file_alone_findings(item)]))


def _domain_findings(item: LoadedFiling) -> list[Finding]:
    return [*filing_findings(item.filing), *unfinished_findings(item)]


def _file_alone_findings(item: LoadedFiling) -> list[Finding]:
    invisible = INVISIBLE_CHAR.search(item.source.text) is not None  # most files have none: walked only when found
    return [*_unsafe_codes(item.filing), *_duplicate_ids(item.filing),
            *(_invisible_characters(item.source.data, ()) if invisible else ()), *_personal_data(item)]


def _reviewed(item: LoadedFiling, found: list[Finding]) -> list[Problem]:
    found += stale_reviews(found, item.filing.reviews)  # after every other finding: any warning may be reviewed
    return [_locate(item, finding) for finding in with_reviews(found, item.filing.reviews)]


def site_findings(filing: Filing) -> tuple[Finding, ...]:
    """The warnings a reader sees beside the figures, each reviewed one with its reason."""
    return tuple(with_reviews(filing_findings(filing), filing.reviews))


def filing_findings(filing: Filing) -> Iterator[Finding]:
    """All domain warnings of one filing: what a careful reader of the form would notice."""
    if filing.funds:
        for side in ("income", "expenditure"):
            table = getattr(filing.funds, side)
            if table:
                yield from _table_sums(table, ("funds", side))
                yield from _table_shares(table, ("funds", side))
        yield from _income_vs_expenditure(filing)
    if filing.tasks:
        yield from _task_findings(filing.tasks, ("tasks",))
    for index, goal in enumerate(filing.goals):
        yield from _goal_findings(goal, ("goals", index), filing.money_unit)
    yield from _project_findings(filing)
    yield from _publication_delay(filing)


# --- funds ---------------------------------------------------------------

# A line that totals lines above it ("小计", "收入合计" above the side's "收入总计"): not one of the total's parts.
SUBTOTAL = re.compile(r"(小计|合计|总计)$")


# A line that itemises the line above it: "基本支出 100", then "其中：人员经费 80" (and often "公用经费 20").
BREAKDOWN = re.compile(r"^\s*其中")


def _summed_lines(lines: list[FundLine], column: str, year: int | None) -> list[FundLine]:
    """The lines whose sum is the total: not subtotals, and not the lines that itemise another line."""
    summed, index = [], 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not SUBTOTAL.search(line.name):
            summed.append(line)
            index += _itemising(lines[index:], _cell(line, column, year), column, year)
    return summed


def _itemising(following: list[FundLine], parent: Decimal | None, column: str, year: int | None) -> int:
    """How many of the lines following a line itemise it: none unless the first is named 其中…; then as many as add
    up to the line ("其中：人员经费", "公用经费"), or the 其中 line alone when no run of them does."""
    if not following or not BREAKDOWN.match(following[0].name):
        return 0
    running = Decimal(0)
    for count, line in enumerate(following, 1):
        if (value := _cell(line, column, year)) is None or parent is None or SUBTOTAL.search(line.name):
            break
        running += value
        if running == parent:
            return count
    return 1


def _table_sums(table: FundTable, path: KeyPath) -> Iterator[Finding]:
    if not table.total:
        return
    columns = [("amount", None)] + [("prior", year) for year in table.total.prior]
    for column, year in columns:
        total = _cell(table.total, column, year)
        parts = [p for line in _summed_lines(table.lines, column, year) if (p := _cell(line, column, year)) is not None]
        if total is not None and parts and sum(parts) != total:
            where = f"{year}年" if year else "当年"
            cell = ("total", column) + ((year,) if year else ())
            yield warning(path + cell, "sum-mismatch",
                        f"{where}合计 {total} 与各项之和 {sum(parts)} 不一致",
                        "核对原表；网站照原样公布合计，并显示这条提示")


# --- 年度主要任务 ----------------------------------------------------------

def _task_findings(table: TaskTable, path: KeyPath) -> Iterator[Finding]:
    """Each task's 财政拨款 + 其他资金 against its 总额, and the 金额合计 row against the tasks, column by column."""
    for index, task in enumerate(table.lines):
        if task.budget:
            yield from _split_sum(task.budget, path + ("lines", index, "budget"))
    if table.total is None:
        return
    for key in ("total", "fiscal", "other"):
        total = getattr(table.total, key)
        parts = [v for task in table.lines if task.budget and (v := getattr(task.budget, key)) is not None]
        if total is not None and parts and sum(parts) != total:
            yield warning(path + ("total", key), "sum-mismatch",
                          f"金额合计（{label(FundsSplit, key)}）{total} 与各任务之和 {sum(parts)} 不一致",
                          "核对原表；网站照原样公布合计，并显示这条提示")


def _split_sum(split: FundsSplit | Budget, path: KeyPath) -> Iterator[Finding]:
    """其中 财政 + 其他资金 = the total when both are filed. Many forms have no 其他资金 column (总额 | 财政拨款): the
    rest of the total is then simply not shown, and only a part larger than the total is wrong."""
    if split.total is None:
        return
    names = {key: label(type(split), key).removeprefix("其中：") for key in ("total", "fiscal", "other")}
    if split.fiscal is not None and split.other is not None:
        if split.fiscal + split.other != split.total:
            yield warning(path + ("fiscal",), "sum-mismatch",
                          f"{names['fiscal']}与{names['other']}之和 {split.fiscal + split.other} 不等于"
                          f"{names['total']} {split.total}", "核对资金来源")
        return
    for key in ("fiscal", "other"):
        if (part := getattr(split, key)) is not None and part > split.total:
            yield warning(path + (key,), "budget-exceeds-total",
                          f"{names[key]} {part} 大于{names['total']} {split.total}", "核对资金来源")


def _cell(line, column: str, year: int | None) -> Decimal | None:
    return line.amount if column == "amount" else line.prior.get(year)


def _table_shares(table: FundTable, path: KeyPath) -> Iterator[Finding]:
    base = table.total.amount if table.total and table.total.amount else sum(
        (line.amount for line in _summed_lines(table.lines, "amount", None) if line.amount is not None), Decimal(0))
    if not base:
        return
    for index, line in enumerate(table.lines):
        filed = _percent(line.share)
        if filed is None or line.amount is None:
            continue
        share, decimals = filed
        actual = line.amount / base * 100
        tolerance = max(Decimal("0.05"), Decimal(5) / Decimal(10) ** (decimals + 1))
        if abs(actual - share) > tolerance:
            yield warning(path + ("lines", index, "share"), "share-mismatch",
                        f"“{line.name}”占比填为 {line.share}，按金额计算为 {actual:.2f}%",
                        "核对占比或金额；网站照原样公布填报的占比")


def _percent(text: str | None) -> tuple[Decimal, int] | None:
    match = PERCENT.match(text or "")
    if not match:
        return None
    return Decimal(match.group(1)), len(match.group(2) or "")


def _income_vs_expenditure(filing: Filing) -> Iterator[Finding]:
    income, spending = filing.funds.income, filing.funds.expenditure
    if not (income and spending and income.total and spending.total):
        return
    for year in [None] + list(income.total.prior):
        a = _cell(income.total, "prior" if year else "amount", year)
        b = _cell(spending.total, "prior" if year else "amount", year)
        if a is not None and b is not None and a != b:
            where = f"{year}年" if year else "当年"
            cell = ("funds", "expenditure", "total") + (("prior", year) if year else ("amount",))
            yield warning(cell, "total-mismatch", f"{where}收入合计 {a} 与支出合计 {b} 不一致",
                        "收入构成与支出构成的合计通常应相等；核对原表")


# --- indicators ----------------------------------------------------------

def _goal_findings(goal: Goal, path: KeyPath, money_unit: str) -> Iterator[Finding]:
    names = Counter(ind.name for ind in goal.indicators if ind.name)
    seen: set[str] = set()
    for index, indicator in enumerate(goal.indicators):
        here = path + ("indicators", index)
        if indicator.name in seen:
            yield warning(here + ("name",), "duplicate-indicator",
                        f"指标“{indicator.name}”在同一张表中出现 {names[indicator.name]} 次",
                        "确认是否重复填报；如确为两项不同指标，请在 notes 中说明")
        if indicator.name:
            seen.add(indicator.name)
        yield from _empty_indicator_cells(indicator, here)
        unit = money_unit_of(indicator.value)
        if unit and unit != money_unit and not _per_unit_cost(indicator):
            yield warning(here + ("value",), "unit-mismatch",
                        f"指标值“{indicator.value}”以{unit}计，本表金额单位为{money_unit}",
                        "确认单位无误；网站照原样公布")


# Words that make a cost indicator the cost of one case, person or item (人均培训成本, 每个…平均费用, 补助标准):
# such a rate is naturally in 元 even where the budget tables are in 万元.
PER_UNIT_WORDS = re.compile(r"每|人均|户均|件均|次均|生均|平均|单价|单位成本|标准")


def _per_unit_cost(indicator: Indicator) -> bool:
    is_cost = any("成本" in (level or "") for level in (indicator.level1, indicator.level2))
    return is_cost and any(PER_UNIT_WORDS.search(text or "") for text in (indicator.name, indicator.description))


def _empty_indicator_cells(indicator, path: KeyPath) -> Iterator[Finding]:
    if not indicator.name:
        yield warning(path, "empty-cell", "三级指标名称为空", "补上指标名称；原表确实空白时，保留空白并加编者注")
    elif not indicator.value:
        yield warning(path + ("name",), "empty-cell", f"指标“{indicator.name}”没有指标值",
                    "补上指标值；原表确实空白时，保留空白并加编者注")


# --- projects ------------------------------------------------------------

def _project_findings(filing: Filing) -> Iterator[Finding]:
    this_year_sum = Decimal(0)
    for index, project in enumerate(filing.projects):
        if not isinstance(project, Project) or project.withheld:
            continue
        path = ("projects", index)
        unit = project.money_unit or filing.money_unit
        if unit != filing.money_unit:
            yield warning(path + ("money_unit",), "unit-mismatch",
                        f"项目金额单位为{unit}，本文件为{filing.money_unit}", "确认单位；汇总时会按单位换算")
        if not project.name:
            yield warning(path, "empty-cell", "项目名称为空", "补上项目名称；原表确实缺失时，加编者注说明")
        yield from _budget_findings(project, path)
        yield from _spending_plan(project, path)
        for g, goal in enumerate(project.goals):
            yield from _goal_findings(goal, path + ("goals", g), unit)
        amount = project.budget.this_year if project.budget.this_year is not None else project.budget.total
        this_year_sum += (amount or 0) * UNIT_FACTOR[unit]
    yield from _projects_vs_total(filing, this_year_sum)


def _budget_findings(project: Project, path: KeyPath) -> Iterator[Finding]:
    budget = project.budget
    if budget.total is not None and budget.this_year is not None and budget.this_year > budget.total:
        yield warning(path + ("budget", "this_year"), "budget-exceeds-total",
                    f"本年度预算 {budget.this_year} 大于项目总预算 {budget.total}", "核对两项预算")
    if not _split_of_this_year(budget):
        yield from _split_sum(budget, path + ("budget",))
    for period in ("medium_term", "annual"):
        if (split := getattr(budget, period)) is not None:
            yield from _split_sum(split, path + ("budget", period))


def _split_of_this_year(budget: Budget) -> bool:
    """项目总额 | 本年度预算 | 其中：财政资金 | 其他资金: the 其中 is of the year's budget, not of the project's total, so
    a split adding up to 本年度预算 is no mismatch (before, every such project showed a false 核对提示 on its page)."""
    if budget.this_year is None or budget.fiscal is None or budget.other is None:
        return False
    return budget.fiscal + budget.other == budget.this_year


def _spending_plan(project: Project, path: KeyPath) -> Iterator[Finding]:
    shares = [_percent(step.share) for step in project.spending_plan]
    if not shares:
        return
    values = [s[0] if s else None for s in shares]
    here = path + ("spending_plan",)
    if None in values or any(b < a for a, b in zip(values, values[1:])):
        yield warning(here, "spending-plan", "资金支出计划不是逐期递增的累计比例",
                    "支出计划按累计比例填写，如 25%、50%、75%、100%")
    elif values[-1] != 100:
        yield warning(here, "spending-plan", f"资金支出计划最后一期为 {project.spending_plan[-1].share}，不是 100%",
                    "年底累计支出计划通常应为 100%")


def _projects_vs_total(filing: Filing, project_sum: Decimal) -> Iterator[Finding]:
    spending = filing.funds.expenditure if filing.funds else None
    if not (spending and spending.total and spending.total.amount is not None):
        return
    total = spending.total.amount * UNIT_FACTOR[filing.money_unit]
    if project_sum > total:
        yield warning(("projects",), "budget-exceeds-total",
                    f"项目本年度预算合计超过部门支出合计 {spending.total.amount}{filing.money_unit}",
                    "核对项目预算与部门总体资金")


def _publication_delay(filing: Filing) -> Iterator[Finding]:
    if filing.approved_on and filing.published_on:
        days = (filing.published_on - filing.approved_on).days
        if days > PUBLICATION_DAYS:
            yield warning(("published_on",), "late-publication",
                        f"公开日期比批复日期晚 {days} 天，超过预算法第十四条规定的 {PUBLICATION_DAYS} 天",
                        "预算批复后 20 日内应向社会公开")


# --- whole files and the whole content ---------------------------------------

def _file_findings(item: LoadedFiling, config: SiteConfig | None, sources: SourceFiles) -> Iterator[Finding]:
    """What a file is checked against besides itself: the regions of the config, the 原文 on disk."""
    filing = item.head
    if config and filing.department.region not in config.region_paths():
        yield error(("department", "region"), "unknown-region", f"地区“{filing.department.region}”未定义",
                     "在 site_config.yml 的 regions 中加上这个地区，或改用已有的地区标识")
    if filing.source:
        try:
            sources.path(filing.source)
        except SourceError as exc:
            yield error(("source",), exc.problem.code, exc.problem.message, exc.problem.hint)


def _invisible_characters(data, path: KeyPath) -> Iterator[Finding]:
    """Every text in the file, keys included, as read (before the schema)."""
    for where, text in _texts(data, path, keys=True):
        found = INVISIBLE_CHAR.search(text)
        if found:
            char = found.group(0)
            yield warning(where, "invisible-character", f"文字含看不见的字符 U+{ord(char):04X}（{INVISIBLE[char]}）",
                          "删除这个字符：读者看不到它，它却会改变文字的显示顺序或藏在文字中间；多由复制粘贴带入")


def _personal_data(item: LoadedFiling) -> Iterator[Finding]:
    """The filing's own 填报人 or 联系电话 in a text the site publishes (an error: `contact` is unpublished so that
    they are not), or a mobile number there (a warning: it may be a service line the department publishes).
    The file's texts are searched once; walked, to say where, only when something is there."""
    contact = item.filing.contact
    # Each value by its field's label; one character alone would be found in any text.
    own = {label(Contact, key): value for key in ("filer", "phone")
           if len(value := (getattr(contact, key) if contact else None) or "") > 1}
    text = item.source.text  # `contact` itself holds each of its values once
    if not MOBILE_NUMBER.search(text) and not any(text.count(value) > 1 for value in own.values()):
        return
    for path, value in _texts(item.source.data, ()):
        if path[:1] == ("contact",):
            continue
        if shown := [name for name, known in own.items() if known in value]:
            yield error(path, "contact-in-text", f"文字中有本文件的{'、'.join(shown)}，网站会照原样公开",
                        "删去这段个人信息：填报人、联系电话只写在 contact 中（网站默认不公开）")
        elif MOBILE_NUMBER.search(value):
            yield warning(path, "phone-in-text", "文字中有一个手机号码，网站会照原样公开",
                          "个人的号码请删去或写入 contact（默认不公开）；确是对外公开的服务电话时，在 reviews 中注明已核对")


def _texts(data, path: KeyPath, keys: bool = False) -> Iterator[tuple[KeyPath, str]]:
    """Every text value of the file as read (and, with `keys`, every key), with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if keys and isinstance(key, str):
                yield path + (key,), key
            yield from _texts(value, path + (key,), keys)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, path + (index,), keys)
    elif isinstance(data, str):
        yield path, data


def _unsafe_codes(filing: Filing) -> Iterator[Finding]:
    """A project without `id` takes its free-text 项目编码 as its URL, so the code must be a safe segment."""
    for index, entry in enumerate(filing.projects):
        if isinstance(entry, Project) and not entry.id and entry.code and not is_safe_id(entry.code):
            yield error(("projects", index, "code"), "unsafe-id",
                         f"项目没有 id，项目编码不能用作网址：{unsafe_id_message(entry.code)}",
                         f"给这个项目写上 id（{SAFE_ID_HINT}）；项目编码照原样保留")


def _duplicate_ids(filing: Filing) -> Iterator[Finding]:
    from .identity import project_ids  # local: identity depends on models only

    if any(_unsafe_codes(filing)):
        return  # reported by _unsafe_codes; their ids do not exist
    seen: set[str] = set()
    for index, pid in project_ids(filing).items():
        if pid in seen:
            yield error(("projects", index), "duplicate-id", f"项目标识“{pid}”重复，网址会冲突",
                         "给其中一个项目写上不同的 id")
        seen.add(pid)


def _cross_file(loaded: list[LoadedFiling]) -> list[Problem]:
    problems: list[Problem] = []
    first_by_key: dict[tuple, LoadedFiling] = {}
    first_by_dept: dict[str, LoadedFiling] = {}
    for item in loaded:
        f = item.head
        key = (f.department.id, f.fiscal_year, f.kind)
        if key in first_by_key:
            other = first_by_key[key].file
            problems.append(_locate(item, error(("kind",), "duplicate-filing",
                                                f"{f.department.name} {f.fiscal_year}年{f.kind}已在 {other} 中",
                                                "每份文件只保留一个 YAML 文件")))
        first_by_key.setdefault(key, item)
        dept = first_by_dept.setdefault(f.department.id, item).head.department
        if dept != f.department:
            problems.append(_locate(item, error(("department",), "department-mismatch",
                                                _department_difference(f.department, dept,
                                                                       first_by_dept[f.department.id].file),
                                                "同一部门在各年份文件中的 department 应完全一致")))
    return problems


def _department_difference(mine: Department, first: Department, file: str) -> str:
    """Which of the department's fields differ from the first file's, with both values as written."""
    def written(value: str | None) -> str:
        return f"“{value}”" if value else "未写"
    differing = [f"{label(Department, key)}{written(getattr(mine, key))}，{file} 中{written(getattr(first, key))}"
                 for key in Department.model_fields if getattr(mine, key) != getattr(first, key)]
    return f"部门“{mine.id}”的" + "；".join(differing)


def _withheld_sources_cited_elsewhere(loaded: list[LoadedFiling], sources: SourceFiles) -> list[Problem]:
    """A 原文 that holds withheld projects must not be published through another filing citing it."""
    paths = resolved_sources(loaded, sources)
    withheld = withheld_sources(loaded, paths)
    problems = []
    for item, path in zip(loaded, paths):
        holder = withheld.get(path) if path is not None else None
        if holder is not None and holder is not item:
            problems.append(_locate(item, error(("source",), "withheld-source",
                                                f"原文 {SOURCES_DIR}/{item.head.source} 含 {holder.file} 中不予公开的项目",
                                                "删除本文件的 source 字段；含不予公开内容的原文不在网站提供")))
    return problems
