"""Stage 3: one immutable model of the whole site, built from public filings only.

Everything a page shows is decided here (permalinks, ordering, year-over-year
history, comparisons, redactions, data-quality notes); templates only lay it out.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import canonical, code_fingerprint, key_of
from .checks import site_findings
from .config import Region, SiteConfig
from .findings import Finding
from .identity import department_url, filing_url, goal_id, project_id, project_url
from .loading import FilingHead, LoadedFiling
from .models import Filing, Goal, Project, WithheldRange
from .redaction import PublicSource, public_filing
from .sources import published_sources
from .vocabulary import project_title

if TYPE_CHECKING:
    from .revisions import FilingHistory, Revision


@dataclass(frozen=True)
class ProjectView:
    project: Project
    id: str
    url: str
    position: int

    @property
    def title(self) -> str:
        return project_title(self.project, self.id)


@dataclass(frozen=True)
class WithheldView:
    record: WithheldRange
    position: int
    anchor: str


@dataclass(frozen=True)
class FilingView:
    loaded: LoadedFiling  # as filed: read back whole only when `filing` is asked for
    url: str
    region_names: tuple[str, ...]
    source: PublicSource | None  # the 原文 to publish, if it may be published, with personal data blanked
    public_digest: str  # stands for `filing` in keys: made from the filing's digest and what is withheld of it
    publish_contact: bool
    revisions: tuple[Revision, ...] = ()  # 修订记录, newest first

    @cached_property
    def filing(self) -> Filing:
        """The public view. Made when something of this filing's own is made again (its department's pages,
        its downloads): pages of the whole site read `head`, so an unchanged filing is not read back whole."""
        return public_filing(self.loaded.filing, self.publish_contact)

    @cached_property
    def head(self) -> FilingHead:
        """The filing's own fields as the site shows them: contact fields only where the site publishes them."""
        head = self.loaded.head
        return head if self.publish_contact or head.contact is None else dataclasses.replace(head, contact=None)

    @cached_property
    def sequence(self) -> tuple[ProjectView | WithheldView, ...]:
        """Projects and redactions in filed order."""
        return tuple(_sequence_item(entry, index, self.filing) for index, entry in enumerate(self.filing.projects))

    @cached_property
    def projects(self) -> tuple[ProjectView, ...]:
        return tuple(item for item in self.sequence if isinstance(item, ProjectView))

    @property
    def department_id(self) -> str:
        return self.head.department.id

    @property
    def withheld(self) -> tuple[WithheldView, ...]:
        return tuple(withheld_view(record, index) for index, record in self.head.withheld)

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """The data-quality warnings of `check`, shown as the site's own notes. Worked out when a page
        shows them: only a changed department's pages are rendered (0.9 s at 1,260 filings otherwise)."""
        return site_findings(self.filing)

    def __getstate__(self) -> dict:
        """A view sent to a worker travels as filed: what its cached properties hold is worked out again there
        from `loaded`, whose pickle is already made. Pickling the public view too cost the main process 1.8 s
        and each worker as much again at 420 departments."""
        return {name: value for name, value in self.__dict__.items() if name in _FILING_VIEW_FIELDS}

    def digest(self) -> str:
        """Stands for the whole view in keys. Everything else in it (url, projects, findings) is worked out
        from the public filing by generator code, which the keys of pages hold anyway; so the public filing's
        digest stands for those, and the view is never serialised whole (0.6 s at 1,260 filings)."""
        return key_of(self.public_digest, canonical(self.region_names), canonical(self.source),
                      canonical(self.revisions))


_FILING_VIEW_FIELDS = frozenset(item.name for item in dataclasses.fields(FilingView))


@dataclass(frozen=True)
class DepartmentView:
    id: str
    name: str
    region_names: tuple[str, ...]
    url: str
    filings: tuple[FilingView, ...]  # newest first

    def digest(self) -> str:
        """Stands for the whole department in keys (see FilingView.digest)."""
        return key_of(self.id, self.name, canonical(self.region_names), self.url,
                      *(view.digest() for view in self.filings))


@dataclass(frozen=True)
class RegionGroup:
    names: tuple[str, ...]
    departments: tuple[DepartmentView, ...]


@dataclass(frozen=True)
class SiteModel:
    config: SiteConfig
    filings: tuple[FilingView, ...]  # newest first
    departments: tuple[DepartmentView, ...]
    regions: tuple[RegionGroup, ...]
    years: tuple[int, ...] = field(default=())
    history_notice: str | None = None  # said when the content's commit history is not complete


def build_site_model(config: SiteConfig, loaded: list[LoadedFiling], content_dir: Path,
                     histories: dict[str, FilingHistory] | None = None, history_notice: str | None = None) -> SiteModel:
    regions = config.region_paths()
    sources = published_sources(loaded, content_dir, config.publish_contact)
    views = [_with_revisions(_filing_view(item, source, config, regions), histories or {})
             for item, source in zip(loaded, sources)]
    views.sort(key=lambda v: (-v.head.fiscal_year, v.head.department.id, v.head.kind))
    departments = _departments(views)
    return SiteModel(config=config, filings=tuple(views), departments=departments,
                     regions=_region_groups(departments, regions),
                     years=tuple(sorted({v.head.fiscal_year for v in views}, reverse=True)),
                     history_notice=history_notice)


def _with_revisions(view: FilingView, histories: dict[str, FilingHistory]) -> FilingView:
    found = histories.get(view.url)
    return dataclasses.replace(view, revisions=found.revisions) if found else view


def _filing_view(item: LoadedFiling, source: PublicSource | None, config: SiteConfig, regions: dict) -> FilingView:
    return FilingView(
        loaded=item, url=filing_url(item.head),
        region_names=tuple(r.name for r in regions.get(item.head.department.region, ())),
        source=source,
        public_digest=key_of(code_fingerprint(("redaction.py",)), item.digest, str(config.publish_contact)),
        publish_contact=config.publish_contact,
    )


def _sequence_item(entry, index: int, filing: Filing) -> ProjectView | WithheldView:
    if isinstance(entry, WithheldRange):
        return withheld_view(entry, index)
    pid = project_id(entry, index)
    return ProjectView(entry, pid, project_url(filing, pid), index)


def withheld_view(record: WithheldRange, index: int) -> WithheldView:
    first, last = record.withheld.numbers
    return WithheldView(record, index, f"withheld-{first}-{last}")


def _departments(views: list[FilingView]) -> tuple[DepartmentView, ...]:
    grouped: dict[str, list[FilingView]] = defaultdict(list)
    for view in views:
        grouped[view.department_id].append(view)
    departments = []
    for dept_id, filings in sorted(grouped.items()):
        first = filings[0]
        departments.append(DepartmentView(dept_id, first.head.department.name, first.region_names,
                                          department_url(dept_id), tuple(filings)))
    return tuple(departments)


def _region_groups(departments: tuple[DepartmentView, ...], regions: dict[str, tuple[Region, ...]]) -> tuple[RegionGroup, ...]:
    """Groups in the order site_config.yml lists the regions: the operator's order, not code points
    (which would put 河北 before 湖北 whatever the bureau prefers)."""
    order = {tuple(r.name for r in chain): n for n, chain in enumerate(regions.values())}
    grouped: dict[tuple[str, ...], list[DepartmentView]] = defaultdict(list)
    for dept in departments:
        grouped[dept.region_names].append(dept)
    return tuple(RegionGroup(names, tuple(depts))
                 for names, depts in sorted(grouped.items(), key=lambda g: (order.get(g[0], len(order)), g[0])))


def goals_with_ids(goals: list[Goal]) -> list[tuple[str, Goal]]:
    return [(goal_id(goal, index), goal) for index, goal in enumerate(goals)]
