"""Stage 4: every page of the site as (path, template, typed context).

Each context holds everything its template shows, so a page is a pure function
of its context: pages can be rendered in any order, in parallel, or skipped
when their context did not change.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

from markupsafe import Markup

from . import descriptions as describe
from . import vocabulary
from .charts import bar_chart, step_chart
from .checks import PERCENT
from .comparisons import Comparison, ComparisonRow, ComparisonSummary
from .exports import Download
from .findings import Finding
from .identity import comparison_url, department_url, goal_id
from .indicator_tables import IndicatorTable, hierarchy_spans, indicator_table
from .models import Budget, Department, FundLine, FundsSplit, FundTable, Goal, Project, TaskTable
from .sitemodel import DepartmentView, FilingView, ProjectView, RegionGroup, SiteModel, WithheldView
from .revision_data import revision_files
from .revisions import Revision
from .vocabulary import filing_heading, span_text
from .yamlsource import KeyPath
from .yoy import (FundsHistory, FundsHistoryRow, IndicatorHistory, ProjectYear, TaskHistory, funds_history,
                  indicator_histories, project_years, task_history)

NAV = (("", "首页"), ("d/", "部门"), ("compare/", "指标比较"), ("withheld/", "不予公开事项"),
       ("data/", "开放数据"), ("glossary/", "术语"), ("about/", "关于"))


@dataclass(frozen=True)
class Chrome:
    """What every page shares: site identity, navigation, the root path of all links."""

    site_title: str
    organisation: str
    root: str
    base_url: str
    lang: str
    nav: tuple[tuple[str, str], ...] = NAV


@dataclass(frozen=True)
class Page:
    path: str  # site-relative URL path, e.g. "d/ezhou-sfj/" (a folder) or "404.html"
    template: str
    context: Any

    @property
    def file(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


@dataclass(frozen=True)
class Base:
    chrome: Chrome
    title: str
    path: str
    crumbs: tuple[tuple[str, str], ...]
    description: str = field(default="", kw_only=True)  # <meta name="description">: what the page is


@dataclass(frozen=True)
class GoalBlock:
    id: str
    goal: Goal
    heading: str  # 年度目标1, 中期目标（2023年—2025年）…
    table: IndicatorTable
    kind_line: str | None = None  # 目标类型：中期目标（2026年—2028年）, where a title as filed does not say it


@dataclass(frozen=True)
class FindingNote:
    """A `check` warning as a page shows it, pointing at the row or section it is about."""

    finding: Finding  # its message, and its review's reason when it was checked against the 原文
    where: str | None  # the table or section it is in
    href: str | None  # "#anchor" on the same page


@dataclass(frozen=True)
class ProjectFindings:
    project: ProjectView
    count: int


@dataclass(frozen=True)
class FundsRow:
    line: FundLine
    note: int | None  # the number of its footnote, when the line has editorial notes


@dataclass(frozen=True)
class FundsBlock:
    side: str
    key: str  # income / expenditure: the footnotes' anchors
    rows: tuple[FundsRow, ...]
    total: FundsRow | None
    chart: Markup

    @property
    def noted(self) -> tuple[FundsRow, ...]:
        return tuple(r for r in (*self.rows, *((self.total,) if self.total else ())) if r.note)


@dataclass(frozen=True)
class HomeContext(Base):
    latest: tuple[FilingView, ...]
    regions: tuple[RegionGroup, ...]
    years: tuple[int, ...]
    department_count: int
    filing_count: int


@dataclass(frozen=True)
class DepartmentsContext(Base):
    regions: tuple[RegionGroup, ...]


@dataclass(frozen=True)
class IndicatorYears:
    history: IndicatorHistory
    spans: tuple[tuple[int, int], ...]  # per row: rowspans of its 一级 and 二级 cells (0: merged)


@dataclass(frozen=True)
class DepartmentContext(Base):
    department: DepartmentView
    has_department_goals: bool  # whether any filing has a 部门整体 part to follow over the years
    funds: FundsHistory | None
    funds_groups: tuple[tuple[str, tuple[FundsHistoryRow, ...]], ...]  # rows by 收入构成 / 支出构成, in order
    funds_chart: Markup
    funds_chart_label: str  # which row the chart draws, e.g. 历年支出合计
    indicators: tuple[IndicatorYears, ...]  # one table per kind of department goal
    tasks: TaskHistory | None  # 年度主要任务 over the years, when two years have a task table


@dataclass(frozen=True)
class FilingContext(Base):
    view: FilingView
    catalogue: tuple[tuple[str, str], ...]  # 公开目录: (label, value)
    funds: tuple[FundsBlock, ...]
    goals: tuple[GoalBlock, ...]
    downloads: tuple[Download, ...]
    source_url: str | None
    source_blanked: bool  # personal contact data blanked in the published 原文
    findings: tuple[FindingNote, ...]  # of the filing itself; each project's are on its page
    project_findings: tuple[ProjectFindings, ...]
    amount_columns: tuple[str, ...]  # the project list's amount columns, as the filed form words them
    amounts: dict[int, tuple[Decimal | None, ...]]  # project position → its amounts, one per column
    task_columns: tuple[tuple[str, str], ...] = ()  # the 年度主要任务 table's amounts it fills: (key, label)


@dataclass(frozen=True)
class ProjectContext(Base):
    view: FilingView
    project: ProjectView
    unit: str
    plan_chart: Markup
    goals: tuple[GoalBlock, ...]
    years: tuple[ProjectYear, ...]
    findings: tuple[FindingNote, ...]


@dataclass(frozen=True)
class CompareIndexContext(Base):
    comparisons: tuple[ComparisonSummary, ...]


@dataclass(frozen=True)
class CompareContext(Base):
    comparison: Comparison
    rows: tuple[ComparisonRow, ...]  # this page's share of the comparison's rows
    number: int  # this page's number, from 1
    page_urls: tuple[str, ...]  # every page of the comparison, in order


@dataclass(frozen=True)
class WithheldRow:
    view: FilingView
    item: WithheldView


@dataclass(frozen=True)
class WithheldContext(Base):
    rows: tuple[WithheldRow, ...]


@dataclass(frozen=True)
class DataContext(Base):
    downloads: tuple[Download, ...]
    filings: tuple[tuple[FilingView, tuple[Download, ...]], ...]


@dataclass(frozen=True)
class AboutContext(Base):
    sources: tuple[tuple[FilingView, str], ...]


@dataclass(frozen=True)
class PlainContext(Base):
    extra: dict = field(default_factory=dict)


def chrome_for(site: SiteModel) -> Chrome:
    c = site.config
    root = urlparse(c.base_url).path or "/"
    return Chrome(c.title, c.organisation, root if root.endswith("/") else root + "/", c.base_url, c.languages[0])


def department_pages(dept: DepartmentView, chrome: Chrome, downloads: dict[str, tuple[Download, ...]]) -> list[Page]:
    """A department's page, its filings' and their projects': they draw on its own filings alone,
    so a build renders them again only when one of those (or the code, templates or chrome) changed."""
    pages = [_department(dept, chrome)]
    for view in dept.filings:
        pages.append(_filing(view, chrome, downloads.get(view.url, ())))
        pages += [_project(view, p, dept, chrome) for p in view.projects]
        pages += revision_pages(view, chrome)
    return pages


def site_pages(site: SiteModel, chrome: Chrome, downloads: dict[str, tuple[Download, ...]],
               site_downloads: tuple[Download, ...], found: tuple[ComparisonSummary, ...]) -> list[Page]:
    """The pages that draw on every filing (home, lists, the comparisons' index): rendered on every build.
    Each comparison's own pages are `compare_pages`."""
    pages = [_home(site, chrome), _departments(site, chrome)]
    pages.append(Page("compare/", "compare_index.html",
                      CompareIndexContext(chrome, "跨部门指标比较", "compare/", (("指标比较", "compare/"),), found,
                                          description=describe.compare_index(found))))
    pages += _fixed_pages(site, chrome, downloads, site_downloads)
    pages.append(changes_page(site, chrome))
    return pages


def compare_pages(comparison: Comparison, chrome: Chrome) -> list[Page]:
    """A comparison's own pages: they change only when one of its rows does."""
    c, parts = comparison, comparison.pages()
    urls = tuple(comparison_url(c.topic.id, n) for n in range(1, len(parts) + 1))
    return [Page(url, "compare.html", CompareContext(
        chrome, c.topic.title if n == 1 else f"{c.topic.title}（第 {n} 页）", url,
        (("指标比较", "compare/"), (c.topic.title, c.url)), c, rows, n, urls,
        description=describe.compare(c, n))) for n, (url, rows) in enumerate(zip(urls, parts), 1)]


def _home(site: SiteModel, chrome: Chrome) -> Page:
    ctx = HomeContext(chrome, chrome.site_title, "", (), site.filings[:10], site.regions, site.years,
                      len(site.departments), len(site.filings), description=describe.home(site))
    return Page("", "home.html", ctx)


def _departments(site: SiteModel, chrome: Chrome) -> Page:
    return Page("d/", "departments.html", DepartmentsContext(chrome, "部门", "d/", (("部门", "d/"),), site.regions,
                                                             description=describe.departments(site)))


def _department(dept: DepartmentView, chrome: Chrome) -> Page:
    funds = funds_history(dept.filings)
    chart, label = Markup(""), ""
    if funds and funds.rows:
        row = _chart_row(funds)
        label = f"历年{row.side.removesuffix('构成')}{row.name}"
        chart = bar_chart(f"{dept.name}{label}（{funds.unit}）",
                          [(c.label, v) for c, v in zip(funds.columns, row.cells)], funds.unit)
    indicators = tuple(IndicatorYears(history, tuple(zip(*hierarchy_spans([(r.level1, r.level2) for r in history.rows]))))
                       for history in indicator_histories(dept.filings))
    ctx = DepartmentContext(chrome, dept.name, dept.url, (("部门", "d/"), (dept.name, dept.url)),
                            dept, any(v.filing.goals for v in dept.filings), funds, _by_side(funds), chart, label,
                            indicators, task_history(dept.filings),
                            description=describe.department(dept))
    return Page(dept.url, "department.html", ctx)


def _chart_row(funds: FundsHistory) -> FundsHistoryRow:
    """The total with figures in the most years: 支出 first, else 收入, else the first row."""
    totals = [r for side in ("支出构成", "收入构成") for r in funds.rows if r.side == side and r.name == "合计"]
    return max(totals or funds.rows[:1], key=lambda r: sum(v is not None for v in r.cells))


def _by_side(funds: FundsHistory | None) -> tuple[tuple[str, tuple[FundsHistoryRow, ...]], ...]:
    sides = dict.fromkeys(row.side for row in funds.rows) if funds else {}
    return tuple((side, tuple(r for r in funds.rows if r.side == side)) for side in sides)


def _filing(view: FilingView, chrome: Chrome, downloads: tuple[Download, ...]) -> Page:
    f = view.filing
    title = filing_heading(f)
    crumbs = (("部门", "d/"), (f.department.name, department_url(f.department.id)), (f"{f.fiscal_year}年{f.kind}", view.url))
    funds = tuple(_funds_block(side, table, f.money_unit) for side, table in
                  (("收入构成", f.funds.income if f.funds else None), ("支出构成", f.funds.expenditure if f.funds else None))
                  if table)
    goals = tuple(_goal_block(goal, n, ("goals", n), view) for n, goal in enumerate(f.goals))
    source = view.source.url if view.source else None
    own = tuple(x for x in view.findings if not x.is_under(("projects",)))
    per_project = tuple(ProjectFindings(p, n) for p in view.projects
                        if (n := len(_under(view.findings, ("projects", p.position)))))
    blanked = bool(view.source and view.source.hidden is not None)
    columns = tuple(path for path in PROJECT_AMOUNTS if any(_amount(p.project, path) is not None for p in view.projects))
    amounts = {p.position: tuple(_amount(p.project, path) for path in columns) for p in view.projects}
    ctx = FilingContext(chrome, title, view.url, crumbs, view, catalogue(view), funds, goals, downloads, source, blanked,
                        _located(own, (), goals), per_project, tuple(vocabulary.label(Budget, path[0]) for path in columns),
                        amounts, task_columns(f.tasks), description=describe.filing(view))
    return Page(view.url, "filing.html", ctx)


def task_columns(table: TaskTable | None) -> tuple[tuple[str, str], ...]:
    """The 预算金额 columns (总额, 财政拨款, 其他资金) the tasks or their 金额合计 fill: a form with one
    预算金额 column shows one."""
    if table is None:
        return ()
    splits = [task.budget for task in table.lines if task.budget] + ([table.total] if table.total else [])
    return tuple((key, vocabulary.label(FundsSplit, key)) for key in FundsSplit.model_fields
                 if any(getattr(split, key) is not None for split in splits))


# The amounts a project list can show, in the order of the forms; a filing shows those its projects fill.
# The 中期/年度 totals of the 申报表 are not 项目总预算, so each keeps its own column and label.
PROJECT_AMOUNTS: tuple[tuple[str, ...], ...] = (("total",), ("this_year",), ("medium_term", "total"),
                                                ("annual", "total"))


def _amount(project: Project, path: tuple[str, ...]) -> Decimal | None:
    value = project.budget
    for key in path:
        value = getattr(value, key) if value is not None else None
    return value


def catalogue(view: FilingView) -> tuple[tuple[str, str], ...]:
    """公开目录 metadata: 发布机构, 名称, 生成日期/批复日期, 文号, 索引号 where known."""
    f = view.filing
    rows = [("发布机构", f.publisher or f.department.name), ("名称", f.title), ("预算年度", str(f.fiscal_year)),
            ("文件类型", f.kind)]
    rows += [(vocabulary.label(Department, key), getattr(f.department, key)) for key in ("supervisor", "code", "unit_code")
             if getattr(f.department, key)]
    for label, value in (("填报日期", f.filed_on), ("批复日期", f.approved_on), ("公开日期", f.published_on)):
        if value:
            rows.append((label, value.isoformat()))
    for label, value in (("文号", f.document_number), ("索引号", f.index_number)):
        if value:
            rows.append((label, value))
    if view.revisions:
        rows.append(("最后修订", view.revisions[0].date.isoformat()))
    return tuple(rows)


def _funds_block(side: str, table: FundTable, unit: str) -> FundsBlock:
    """Notes of a line become numbered footnotes below the table: in a cell they would squeeze
    the figures off a phone's screen."""
    chart = bar_chart(f"{side}（{unit}）", [(line.name, line.amount) for line in table.lines], unit)
    numbers = itertools.count(1)
    rows = tuple(FundsRow(line, next(numbers) if line.notes else None) for line in table.lines)
    total = FundsRow(table.total, next(numbers) if table.total.notes else None) if table.total else None
    return FundsBlock(side, "income" if side == "收入构成" else "expenditure", rows, total, chart)


def _goal_block(goal: Goal, n: int, path: KeyPath, view: FilingView) -> GoalBlock:
    key = goal_id(goal, n)
    period = f"（{span_text(goal.span)}）" if goal.span else ""
    caption = goal.title or f"{goal.kind}绩效指标{period}"
    heading = goal.title or f"{goal.kind}目标{period}"
    if goal.deadline and f"{goal.deadline}年" not in heading:
        heading += f"（截至{goal.deadline}年）"
    # A title is shown as filed: "中长期目标" or "“法治宣传”项目" does not say which kind of goal the filing
    # records (nor a 中期 goal's years), so the kind is said beside it, in the site's words.
    said = goal.title is None or goal.kind in goal.title and (not goal.span or span_text(goal.span) in goal.title)
    kind_line = None if said else f"{vocabulary.label(Goal, 'kind')}：{goal.kind}目标{period}"
    return GoalBlock(key, goal, heading, indicator_table(goal, key, caption, _row_findings(view, path)), kind_line)


def _row_findings(view: FilingView, goal: KeyPath) -> dict[int, tuple[Finding, ...]]:
    """The findings of each indicator row of the goal at `goal`, by row."""
    found: dict[int, tuple[Finding, ...]] = {}
    for finding in _under(view.findings, goal + ("indicators",)):
        row = finding.path[len(goal) + 1:][:1]
        if row and isinstance(row[0], int):
            found[row[0]] = found.get(row[0], ()) + (finding,)
    return found


def _project(view: FilingView, project: ProjectView, dept: DepartmentView, chrome: Chrome) -> Page:
    f, p = view.filing, project.project
    name = project.title
    crumbs = (("部门", "d/"), (f.department.name, dept.url), (f"{f.fiscal_year}年{f.kind}", view.url), (name, project.url))
    prefix = ("projects", project.position)
    goals = tuple(_goal_block(goal, n, prefix + ("goals", n), view) for n, goal in enumerate(p.goals))
    steps = [(s.by, _percent(s.share)) for s in p.spending_plan]
    chart = step_chart(f"{name} 资金支出计划（累计）", steps) if steps else Markup("")
    findings = _located(_under(view.findings, prefix), prefix, goals)
    ctx = ProjectContext(chrome, f"{name} — {f.department.name} {f.fiscal_year}年", project.url, crumbs, view, project,
                         p.money_unit or f.money_unit, chart, goals, project_years(project, dept.filings), findings,
                         description=describe.project(view, project))
    return Page(project.url, "project.html", ctx)


def _under(findings: tuple[Finding, ...], prefix: KeyPath) -> tuple[Finding, ...]:
    return tuple(x for x in findings if x.is_under(prefix))


def _located(findings: tuple[Finding, ...], prefix: KeyPath, goals: tuple[GoalBlock, ...]) -> tuple[FindingNote, ...]:
    """Each finding with a link to the indicator row, goal or section it is about; `prefix` is the path of
    the page's record (a project's), which the goals' paths are relative to."""
    return tuple(_locate(x, x.relative_to(prefix), goals) for x in findings)


def _locate(finding: Finding, path: KeyPath, goals: tuple[GoalBlock, ...]) -> FindingNote:
    match path:
        case ("goals", int(g), *rest) if g < len(goals):
            block = goals[g]
            match rest:
                case ("indicators", int(row), *_) if row < len(block.table.rows):
                    return FindingNote(finding, f"{block.table.caption}第 {row + 1} 行", "#" + block.table.rows[row].anchor)
            return FindingNote(finding, block.table.caption, f"#goal-{block.id}")
        case ("funds", *_):
            return FindingNote(finding, "部门总体资金情况", "#funds")
    return FindingNote(finding, None, None)


def _percent(text: str) -> Decimal | None:
    match = PERCENT.match(text)
    return Decimal(match.group(1)) if match else None


def _fixed_pages(site: SiteModel, chrome: Chrome, downloads: dict, site_downloads: tuple[Download, ...]) -> list[Page]:
    withheld = tuple(WithheldRow(v, w) for v in site.filings for w in v.withheld)
    sources = tuple((v, v.source.url) for v in site.filings if v.source)
    per_filing = tuple((v, downloads.get(v.url, ())) for v in site.filings)
    return [
        Page("withheld/", "withheld.html", WithheldContext(chrome, "不予公开事项", "withheld/", (("不予公开事项", "withheld/"),), withheld,
                                                           description=describe.withheld(len(withheld)))),
        Page("data/", "data.html", DataContext(chrome, "开放数据", "data/", (("开放数据", "data/"),), site_downloads, per_filing,
                                               description=describe.data(len(per_filing)))),
        Page("glossary/", "glossary.html", PlainContext(chrome, "术语解释", "glossary/", (("术语", "glossary/"),),
                                                        description=describe.FIXED["glossary/"])),
        Page("about/", "about.html", AboutContext(chrome, "关于本站", "about/", (("关于", "about/"),), sources,
                                                  description=describe.FIXED["about/"])),
        Page("search/", "search.html", PlainContext(chrome, "搜索", "search/", (("搜索", "search/"),),
                                                    description=describe.FIXED["search/"])),
        Page("404.html", "404.html", PlainContext(chrome, "页面未找到", "404.html", (),
                                                  description=describe.FIXED["404.html"])),
    ]


# --- 修订记录: a page per revision and the site's recent changes -------------------------------------

CHANGES_SHOWN = 200  # revisions on /changes/, newest first


@dataclass(frozen=True)
class RevisionContext(Base):
    view: FilingView
    revision: Revision
    newer: Revision | None
    older: Revision | None
    downloads: tuple[tuple[str, str], ...]  # (label, site-relative path)
    heading: str  # the filing's heading, as its page has it


@dataclass(frozen=True)
class ChangesContext(Base):
    rows: tuple[tuple[Revision, FilingView], ...]
    notice: str | None
    total: int


def revision_pages(view: FilingView, chrome: Chrome) -> list[Page]:
    f = view.filing
    found = view.revisions
    pages = []
    for n, revision in enumerate(found):
        title = f"修订 {revision.short}（{revision.date.isoformat()}）— {filing_heading(f)}"
        crumbs = (("部门", "d/"), (f.department.name, f"d/{f.department.id}/"), (f"{f.fiscal_year}年{f.kind}", view.url),
                  (f"修订 {revision.short}", revision.url))
        ctx = RevisionContext(chrome, title, revision.url, crumbs, view, revision, found[n - 1] if n else None,
                              found[n + 1] if n + 1 < len(found) else None, revision_files(revision, f),
                              filing_heading(f), description=describe.revision(view, revision))
        pages.append(Page(revision.url, "revision.html", ctx))
    return pages


def changes_page(site: SiteModel, chrome: Chrome) -> Page:
    rows = sorted(((r, v) for v in site.filings for r in v.revisions), key=lambda pair: (pair[0].time, pair[0].url),
                  reverse=True)
    ctx = ChangesContext(chrome, "修订记录", "changes/", (("修订记录", "changes/"),), tuple(rows[:CHANGES_SHOWN]),
                         site.history_notice, len(rows), description=describe.changes(len(rows)))
    return Page("changes/", "changes.html", ctx)
