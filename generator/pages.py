"""Stage 4: every page of the site as (path, template, typed context).

Each context holds everything its template shows, so a page is a pure function
of its context: pages can be rendered in any order, in parallel, or skipped
when their context did not change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

from markupsafe import Markup

from .charts import bar_chart, step_chart
from .checks import PERCENT
from .comparisons import Comparison, comparisons
from .exports import Download
from .identity import goal_id
from .indicator_tables import IndicatorTable, indicator_table
from .models import FundTable, Goal
from .sitemodel import DepartmentView, FilingView, ProjectView, RegionGroup, SiteModel, WithheldView
from .yoy import FundsHistory, IndicatorHistory, ProjectYear, funds_history, indicator_history, project_years

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


@dataclass(frozen=True)
class GoalBlock:
    id: str
    goal: Goal
    table: IndicatorTable


@dataclass(frozen=True)
class FundsBlock:
    side: str
    table: FundTable
    chart: Markup


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
class DepartmentContext(Base):
    department: DepartmentView
    funds: FundsHistory | None
    funds_chart: Markup
    indicators: IndicatorHistory


@dataclass(frozen=True)
class FilingContext(Base):
    view: FilingView
    catalogue: tuple[tuple[str, str], ...]  # 公开目录: (label, value)
    funds: tuple[FundsBlock, ...]
    goals: tuple[GoalBlock, ...]
    downloads: tuple[Download, ...]
    source_url: str | None


@dataclass(frozen=True)
class ProjectContext(Base):
    view: FilingView
    project: ProjectView
    unit: str
    plan_chart: Markup
    goals: tuple[GoalBlock, ...]
    years: tuple[ProjectYear, ...]
    findings: tuple[str, ...]


@dataclass(frozen=True)
class CompareIndexContext(Base):
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True)
class CompareContext(Base):
    comparison: Comparison


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


def all_pages(site: SiteModel, downloads: dict[str, tuple[Download, ...]],
              site_downloads: tuple[Download, ...]) -> list[Page]:
    chrome = chrome_for(site)
    found = comparisons(site)
    pages = [_home(site, chrome), _departments(site, chrome)]
    for dept in site.departments:
        pages.append(_department(dept, chrome))
        for view in dept.filings:
            pages.append(_filing(view, chrome, downloads.get(view.url, ())))
            pages += [_project(view, p, dept, chrome) for p in view.projects]
    pages.append(Page("compare/", "compare_index.html",
                      CompareIndexContext(chrome, "跨部门指标比较", "compare/", (("指标比较", "compare/"),), found)))
    pages += [Page(c.url, "compare.html", CompareContext(
        chrome, c.topic.title, c.url, (("指标比较", "compare/"), (c.topic.title, c.url)), c)) for c in found]
    pages += _fixed_pages(site, chrome, downloads, site_downloads)
    return pages


def _home(site: SiteModel, chrome: Chrome) -> Page:
    ctx = HomeContext(chrome, chrome.site_title, "", (), site.filings[:10], site.regions, site.years,
                      len(site.departments), len(site.filings))
    return Page("", "home.html", ctx)


def _departments(site: SiteModel, chrome: Chrome) -> Page:
    return Page("d/", "departments.html", DepartmentsContext(chrome, "部门", "d/", (("部门", "d/"),), site.regions))


def _department(dept: DepartmentView, chrome: Chrome) -> Page:
    funds = funds_history(dept.filings)
    chart = Markup("")
    if funds:
        totals = [r for r in funds.rows if r.name == "合计" and r.side == "支出构成"] or funds.rows[:1]
        if totals:
            chart = bar_chart(f"{dept.name}历年支出合计（{funds.unit}）",
                              [(f"{y}年", v) for y, v in zip(funds.years, totals[0].cells)], funds.unit)
    ctx = DepartmentContext(chrome, dept.name, dept.url, (("部门", "d/"), (dept.name, dept.url)),
                            dept, funds, chart, indicator_history(dept.filings))
    return Page(dept.url, "department.html", ctx)


def _filing(view: FilingView, chrome: Chrome, downloads: tuple[Download, ...]) -> Page:
    f = view.filing
    title = f"{f.department.name} {f.fiscal_year}年 {f.title}"
    crumbs = (("部门", "d/"), (f.department.name, f"d/{f.department.id}/"), (f"{f.fiscal_year}年{f.kind}", view.url))
    funds = tuple(_funds_block(side, table, f.money_unit) for side, table in
                  (("收入构成", f.funds.income if f.funds else None), ("支出构成", f.funds.expenditure if f.funds else None))
                  if table)
    goals = tuple(_goal_block(goal, n, f"goals[{n}]", view) for n, goal in enumerate(f.goals))
    source = f"sources/{view.source_path.name}" if view.source_path else None
    ctx = FilingContext(chrome, title, view.url, crumbs, view, catalogue(view), funds, goals, downloads, source)
    return Page(view.url, "filing.html", ctx)


def catalogue(view: FilingView) -> tuple[tuple[str, str], ...]:
    """公开目录 metadata: 发布机构, 名称, 生成日期/批复日期, 文号, 索引号 where known."""
    f = view.filing
    rows = [("发布机构", f.publisher or f.department.name), ("名称", f.title), ("预算年度", str(f.fiscal_year)),
            ("文件类型", f.kind)]
    for label, value in (("填报日期", f.filed_on), ("批复日期", f.approved_on), ("公开日期", f.published_on)):
        if value:
            rows.append((label, value.isoformat()))
    for label, value in (("文号", f.document_number), ("索引号", f.index_number)):
        if value:
            rows.append((label, value))
    return tuple(rows)


def _funds_block(side: str, table: FundTable, unit: str) -> FundsBlock:
    chart = bar_chart(f"{side}（{unit}）", [(line.name, line.amount) for line in table.lines], unit)
    return FundsBlock(side, table, chart)


def _goal_block(goal: Goal, n: int, prefix: str, view: FilingView) -> GoalBlock:
    key = goal_id(goal, n)
    caption = goal.title or ("长期绩效指标" if goal.kind == "长期" else "年度绩效指标")
    return GoalBlock(key, goal, indicator_table(goal, key, caption, _row_warnings(view, prefix)))


_ROW = re.compile(r"^(?P<prefix>.*)\.indicators\[(?P<row>\d+)\]")


def _row_warnings(view: FilingView, prefix: str) -> dict[int, tuple[str, ...]]:
    found: dict[int, tuple[str, ...]] = {}
    for finding in view.findings:
        match = _ROW.match(finding.path)
        if match and match.group("prefix") == prefix:
            row = int(match.group("row"))
            found[row] = found.get(row, ()) + (finding.message,)
    return found


def _project(view: FilingView, project: ProjectView, dept: DepartmentView, chrome: Chrome) -> Page:
    f, p = view.filing, project.project
    name = p.name or f"项目 {project.id}（名称缺失）"
    crumbs = (("部门", "d/"), (f.department.name, dept.url), (f"{f.fiscal_year}年{f.kind}", view.url), (name, project.url))
    prefix = f"projects[{project.position}]"
    goals = tuple(_goal_block(goal, n, f"{prefix}.goals[{n}]", view) for n, goal in enumerate(p.goals))
    steps = [(s.by, _percent(s.share)) for s in p.spending_plan]
    chart = step_chart(f"{name} 资金支出计划（累计）", steps) if steps else Markup("")
    findings = tuple(x.message for x in view.findings if x.path.startswith(prefix) and ".indicators[" not in x.path)
    ctx = ProjectContext(chrome, f"{name} — {f.department.name} {f.fiscal_year}年", project.url, crumbs, view, project,
                         p.money_unit or f.money_unit, chart, goals, project_years(project, dept.filings), findings)
    return Page(project.url, "project.html", ctx)


def _percent(text: str) -> Decimal | None:
    match = PERCENT.match(text)
    return Decimal(match.group(1)) if match else None


def _fixed_pages(site: SiteModel, chrome: Chrome, downloads: dict, site_downloads: tuple[Download, ...]) -> list[Page]:
    withheld = tuple(WithheldRow(v, w) for v in site.filings for w in v.withheld)
    sources = tuple((v, f"sources/{v.source_path.name}") for v in site.filings if v.source_path)
    per_filing = tuple((v, downloads.get(v.url, ())) for v in site.filings)
    return [
        Page("withheld/", "withheld.html", WithheldContext(chrome, "不予公开事项", "withheld/", (("不予公开事项", "withheld/"),), withheld)),
        Page("data/", "data.html", DataContext(chrome, "开放数据", "data/", (("开放数据", "data/"),), site_downloads, per_filing)),
        Page("glossary/", "glossary.html", PlainContext(chrome, "术语解释", "glossary/", (("术语", "glossary/"),))),
        Page("about/", "about.html", AboutContext(chrome, "关于本站", "about/", (("关于", "about/"),), sources)),
        Page("search/", "search.html", PlainContext(chrome, "搜索", "search/", (("搜索", "search/"),))),
        Page("404.html", "404.html", PlainContext(chrome, "页面未找到", "404.html", ())),
    ]
