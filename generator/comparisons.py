"""Cross-department comparison: one table per topic of site_config.yml `comparisons`.

Matching is by the 三级 name as filed (names differ between departments:
法律援助案件量, 办理法律援助案件数, 法律援助案件受理数（件) …), so the operator
decides what belongs together; every row links to the indicator's own row.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import ComparisonTopic
from .identity import goal_id, indicator_anchors
from .models import Goal
from .sitemodel import FilingView, SiteModel


@dataclass(frozen=True)
class ComparisonRow:
    department: str
    region: str
    year: int
    kind: str
    where: str  # 部门整体 or the project name
    name: str
    value: str | None
    value_type: str | None  # as filed, when the form has a 指标值类型 column (≥, =, 定性 …)
    unit: str | None  # as filed, when the form has a 计量单位 column
    url: str  # the indicator's row: filing or project page + anchor


@dataclass(frozen=True)
class Comparison:
    topic: ComparisonTopic
    url: str
    rows: tuple[ComparisonRow, ...]

    @property
    def department_count(self) -> int:
        return len({row.department for row in self.rows})


def comparisons(site: SiteModel) -> tuple[Comparison, ...]:
    found = []
    for topic in site.config.comparisons:
        rows = [row for view in site.filings for row in _rows(topic, view)]
        rows.sort(key=lambda r: (r.name, -r.year, r.department))
        found.append(Comparison(topic, f"compare/{topic.id}/", tuple(rows)))
    return tuple(found)


def _rows(topic: ComparisonTopic, view: FilingView):
    for n, goal in enumerate(view.filing.goals):
        yield from _goal_rows(topic, view, goal, goal_id(goal, n), "部门整体", view.url)
    for project in view.projects:
        for n, goal in enumerate(project.project.goals):
            yield from _goal_rows(topic, view, goal, goal_id(goal, n), project.title, project.url)


def _goal_rows(topic: ComparisonTopic, view: FilingView, goal: Goal, key: str, where: str, page_url: str):
    f = view.filing
    for indicator, anchor in zip(goal.indicators, indicator_anchors(goal, key)):
        if topic.matches(indicator.name):
            yield ComparisonRow(f.department.name, " ".join(view.region_names), f.fiscal_year, f.kind,
                                where, indicator.name, indicator.value, indicator.value_type, indicator.unit,
                                f"{page_url}#{anchor}")
