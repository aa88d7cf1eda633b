"""Cross-department comparison: one table per topic of site_config.yml `comparisons`.

Matching is by the 三级 name as filed (names differ between departments:
法律援助案件量, 办理法律援助案件数, 法律援助案件受理数（件) …), so the operator
decides what belongs together, and which departments a topic applies to; every
row links to the indicator's own row.

Rows are lined up by their parsed value: targets in the same unit together
(`百分比` counted as `%`), highest first, qualitative targets last. The value is
always shown as filed beside its parsed form.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .cache import canonical, key_of
from .config import ComparisonTopic
from .identity import comparison_url, goal_id, indicator_anchors
from .indicator_values import ParsedValue
from .models import Goal
from .sitemodel import DepartmentView, FilingView, SiteModel


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
    parsed: ParsedValue  # the value's comparator, number and unit, for lining rows up
    url: str  # the indicator's row: filing or project page + anchor

    @property
    def comparable_unit(self) -> str | None:
        return self.parsed.comparable_unit


@dataclass(frozen=True)
class Comparison:
    topic: ComparisonTopic
    url: str
    rows: tuple[ComparisonRow, ...]

    @property
    def department_count(self) -> int:
        return len(department_names(self.rows))

    def pages(self) -> list[tuple[ComparisonRow, ...]]:
        """The rows as the pages show them, the topic's `rows_per_page` each."""
        size = self.topic.rows_per_page
        return [self.rows[start:start + size] for start in range(0, len(self.rows), size)] or [()]


# One department's rows, topic id → rows in filing order: worked out again only when the department changed.
DepartmentRows = dict[str, tuple[ComparisonRow, ...]]


def department_names(rows: tuple[ComparisonRow, ...]) -> frozenset[str]:
    """The departments rows come from, by the names they were filed under."""
    return frozenset(row.department for row in rows)


@dataclass(frozen=True)
class TopicShare:
    """One department's rows in one topic, as the comparisons' index and the keys of the topic's pages need
    them: a build reads these for every department, and the rows themselves only when a topic's pages change."""

    digest: str  # of the rows
    rows: int
    departments: frozenset[str]  # department_names of the rows (a department may be renamed between years)


def topic_shares(rows: DepartmentRows) -> dict[str, TopicShare]:
    return {topic: TopicShare(key_of(canonical(topic_rows)), len(topic_rows), department_names(topic_rows))
            for topic, topic_rows in rows.items()}


@dataclass(frozen=True)
class ComparisonSummary:
    """A comparison as its index lists it (what Comparison says of its rows, from each department's shares)."""

    topic: ComparisonTopic
    url: str
    row_count: int
    department_count: int


def summaries(topics: list[ComparisonTopic], shares: list[dict[str, TopicShare]]) -> tuple[ComparisonSummary, ...]:
    def of(topic: ComparisonTopic) -> ComparisonSummary:
        found = [share[topic.id] for share in shares if topic.id in share]
        return ComparisonSummary(topic, comparison_url(topic.id), sum(share.rows for share in found),
                                 len(frozenset().union(*(share.departments for share in found))))
    return tuple(of(topic) for topic in topics)


def department_rows(topics: list[ComparisonTopic], dept: DepartmentView) -> DepartmentRows:
    return {topic.id: rows for topic in topics if topic.applies_to(dept.filings[0].filing.department)
            and (rows := tuple(row for view in dept.filings for row in _rows(topic, view)))}


def comparisons(site: SiteModel, per_department: list[DepartmentRows] | None = None) -> tuple[Comparison, ...]:
    """One table per topic, from each department's rows (worked out here unless given)."""
    topics = site.config.comparisons
    if per_department is None:
        per_department = [department_rows(topics, dept) for dept in site.departments]
    return tuple(Comparison(topic, comparison_url(topic.id), tuple(sorted(
        (row for rows in per_department for row in rows.get(topic.id, ())), key=line_up))) for topic in topics)


def line_up(row: ComparisonRow) -> tuple:
    """Numbers in one unit together (units by name, an order no filing can change), highest target
    first; qualitative values last."""
    number = row.parsed.number
    return (number is None, row.comparable_unit or "", -(number or Decimal(0)), row.name, -row.year,
            row.department)


def _rows(topic: ComparisonTopic, view: FilingView):
    for n, goal in enumerate(view.filing.goals):
        yield from _goal_rows(topic, view, goal, goal_id(goal, n), _where("部门整体", goal), view.url)
    for project in view.projects:
        for n, goal in enumerate(project.project.goals):
            yield from _goal_rows(topic, view, goal, goal_id(goal, n), _where(project.title, goal), project.url)


def _where(owner: str, goal: Goal) -> str:
    """A 中期 or 长期 target spans years: say so, or it reads as a year's target beside the others."""
    return owner if goal.kind == "年度" else f"{owner}（{goal.kind}目标）"


def _goal_rows(topic: ComparisonTopic, view: FilingView, goal: Goal, key: str, where: str, page_url: str):
    f = view.filing
    matching = [n for n, indicator in enumerate(goal.indicators) if topic.matches(indicator.name)]
    if not matching:
        return  # most goals: no anchors (a hash per indicator) worked out for nothing
    anchors = indicator_anchors(goal, key)
    for n in matching:
        indicator = goal.indicators[n]
        yield ComparisonRow(f.department.name, " ".join(view.region_names), f.fiscal_year, f.kind,
                            where, indicator.name, indicator.value, indicator.value_type, indicator.unit,
                            indicator.parsed, f"{page_url}#{anchors[n]}")
