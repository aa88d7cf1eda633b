"""What each page is, in one sentence: its `<meta name="description">`.

Search engines and link previews show this text, so it names the department,
year, kind and counts a reader would want before opening the page. It is built
from the public site model only, like the pages themselves.
"""

from __future__ import annotations

from .comparisons import Comparison, ComparisonSummary
from .models import indicator_count
from .revisions import Revision
from .sitemodel import DepartmentView, FilingView, ProjectView, SiteModel
from .vocabulary import filing_heading

FIXED = {
    "glossary/": "预算绩效目标公开中常见术语的解释：一级、二级、三级指标，指标值，指标值确定依据等。",
    "about/": "关于本站：数据来源、编者注和核对提示的含义、不予公开事项的处理，以及各文件的原文。",
    "search/": "搜索全站的部门、文件、项目和绩效指标，可按年度、部门、地区和类型筛选。",
    "404.html": "页面未找到：网址可能有误，可从首页、部门列表或搜索找到所需内容。",
}


def _counts(parts: list[tuple[int, str]]) -> str:
    """`[(3, "项部门整体指标"), (0, "个项目")]` → 3项部门整体指标: the parts that are not zero."""
    return "，".join(f"{n}{what}" for n, what in parts if n)


def home(site: SiteModel) -> str:
    years = "、".join(str(y) for y in site.years)
    return (f"{site.config.title}：{len(site.departments)} 个部门的 {len(site.filings)} 份预算绩效目标文件"
            f"（{years}年度），照原样公开，可查阅、搜索和下载。")


def departments(site: SiteModel) -> str:
    return f"按地区列出的 {len(site.departments)} 个部门及其预算绩效目标文件。"


def department(dept: DepartmentView) -> str:
    years = sorted({v.filing.fiscal_year for v in dept.filings})
    span = f"{years[0]}年" if len(years) == 1 else f"{years[0]}—{years[-1]}年"
    regions = "".join(dept.region_names)
    projects = sum(len(v.projects) for v in dept.filings)
    counts = _counts([(len(dept.filings), " 份绩效目标文件"), (projects, " 个公开项目")])
    return f"{regions}{dept.name}{span}的预算绩效目标：{counts}。"


def filing(view: FilingView) -> str:
    f = view.filing
    project_indicators = sum(indicator_count(p.project.goals) for p in view.projects)
    counts = _counts([(indicator_count(f.goals), " 项部门整体绩效指标"), (len(view.projects), " 个项目"),
                      (project_indicators, " 项项目绩效指标"), (len(view.withheld), " 段不予公开的项目")])
    return f"{filing_heading(f)}。{f.kind}文件，{counts or '无绩效指标'}。"


def project(view: FilingView, item: ProjectView) -> str:
    f = view.filing
    count = indicator_count(item.project.goals)
    return (f"{f.department.name} {f.fiscal_year}年{f.kind}中的项目“{item.title}”：预算、资金用途和 "
            f"{count} 项绩效指标。")


def compare_index(found: tuple[ComparisonSummary, ...]) -> str:
    topics = "、".join(c.topic.title for c in found)
    return f"跨部门比较共同的绩效指标（{len(found)} 个主题{'：' + topics if topics else ''}）。"


def compare(comparison: Comparison, page: int = 1) -> str:
    return (f"{comparison.topic.title}：{comparison.department_count} 个部门的 {len(comparison.rows)} 项指标，"
            "按数值对齐，指标值照原样。" + (f"第 {page} 页。" if page > 1 else ""))


def withheld(count: int) -> str:
    return f"本站各文件中 {count} 段不予公开的项目，及其不予公开的理由和依据。"


def data(filings: int) -> str:
    return f"开放数据：全站汇总表和 {filings} 份文件各自的 CSV、XLSX、JSON 下载，附数据包说明。"


def revision(view: FilingView, revision: Revision) -> str:
    return (f"{filing_heading(view.filing)}的修订 {revision.short}（{revision.date.isoformat()}）："
            f"{revision.message}，共 {len(revision.changes)} 处修改。")


def changes(count: int) -> str:
    return f"全站最近的修订：各文件公开后的 {count} 次修改，逐项列出，最新的在前。"
