"""Revisions: what changed in a filing's public view from one commit to the next, value by value.

Only public views are compared (withheld projects are redaction records, contact
fields are gone), and what is withheld now is withheld in every earlier state
too: before comparing, a project withheld today becomes a redaction record in
every older view (`withhold_as_now`), so neither a change list nor an older
revision's download tells what it held. Records are paired by their ids (goal
id, indicator stable id, project id, fund line name), so an indicator whose
stable id stays while its name changes is a rename, not a removal and an
addition. Changes to editorial notes are marked as the site's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel

from .cache import BuildCache, generator_fingerprint, key_of
from .config import SiteConfig
from .feeds import CHINA_TIME  # a commit's date is its date in Beijing time, as every date of the site
from .history import NO_HISTORY, Commit, History, Timeline, Version, read_history
from .identity import filing_url, goal_id, indicator_anchors, project_id, project_url, revision_url
from .loading import LoadedFiling
from .models import (Budget, Filing, FundLine, FundTable, Funds, Goal, Indicator, Model, Note, Project, RangeRedaction,
                     Redaction, Section, WithheldRange)
from .redaction import public_filing
from .vocabulary import label, project_title

FIRST = "首次公开"
EARLIEST = "修订记录起点（更早的提交历史未找到）"
OTHER = "其他内容有修改"
DATA_DIR = "data"


@dataclass(frozen=True)
class Change:
    text: str
    target: str | None = None  # site-relative link to the row or section changed, when it is still on the site
    editorial: bool = False  # a change to the site's own editorial notes, not to what the department filed


@dataclass(frozen=True)
class Revision:
    commit: str
    time: dt.datetime  # committer time in Beijing time
    message: str  # 修订说明: the commit message's first line
    changes: tuple[Change, ...]
    filing_url: str

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def date(self) -> dt.date:
        return self.time.date()

    @property
    def url(self) -> str:
        return revision_url(self.filing_url, self.commit)

    def data_stem(self, filing: Filing) -> str:
        return f"{self.url}{DATA_DIR}/{filing.department.id}-{filing.slug}-{self.commit[:12]}"


@dataclass(frozen=True)
class FilingHistory:
    revisions: tuple[Revision, ...]  # newest first
    versions: tuple[Version, ...]  # the file version after each revision, as revisions


@dataclass(frozen=True)
class WithheldNow:
    """What a filing withholds today: project ids and numbers, with the redaction that covers each."""

    ids: dict[str, Redaction]
    numbers: dict[int, Redaction]

    def covering(self, project: Project, index: int) -> Redaction | None:
        if project.number is not None and project.number in self.numbers:
            return self.numbers[project.number]
        return self.ids.get(project_id(project, index))


def withheld_now(filing: Filing) -> WithheldNow:
    """From the filing as loaded (not its public view): withheld projects still carry their ids."""
    ids, numbers = {}, {}
    for index, entry in enumerate(filing.projects):
        if isinstance(entry, WithheldRange):
            first, last = entry.withheld.numbers
            numbers.update(dict.fromkeys(range(first, last + 1), entry.withheld))
        elif entry.withheld:
            ids[project_id(entry, index)] = entry.withheld
            numbers[entry.number if entry.number is not None else index + 1] = entry.withheld
    return WithheldNow(ids, numbers)


def withhold_as_now(view: Filing, now: WithheldNow) -> tuple[Filing, frozenset[int]]:
    """An older public view with today's withheld projects replaced by redaction records, and the
    numbers of those that were public then (the first state in which one is withheld says so)."""
    entries, concealed = [], set()
    for index, entry in enumerate(view.projects):
        redaction = now.covering(entry, index) if isinstance(entry, Project) else None
        if redaction is None:
            entries.append(entry)
            continue
        number = entry.number if entry.number is not None else index + 1
        concealed.add(number)
        entries.append(WithheldRange(withheld=RangeRedaction(numbers=[number, number], notice=redaction.notice,
                                                             reason=redaction.reason, legal_basis=redaction.legal_basis)))
    return view.model_copy(update={"projects": entries}), frozenset(concealed)


def filing_histories(history: History, current: list[LoadedFiling], now: dict[str, WithheldNow],
                     cache: BuildCache | None) -> dict[str, FilingHistory]:
    """Each current filing's revisions, newest first (a filing with no commit yet has none).

    Kept in the cache under everything they are made from (the filing's versions and commits, what it
    withholds today, the rows it has today), so only a filing a new commit touched is compared again."""
    found = {}
    for loaded in current:
        url = filing_url(loaded.filing)
        timeline = history.timelines.get(url)
        if not timeline:
            continue
        targets = link_targets(public_filing(loaded.filing, publish_contact=False), url)
        key = key_of(generator_fingerprint(), "revisions", url, repr(timeline.states), repr(now[url]),
                     "\n".join(sorted(targets)), str(history.complete))
        kept = cache.value(key) if cache else None
        if kept is None:
            views = history.public_views([version for _, version in timeline.states])
            kept = linked_to(revisions_of(timeline, views, now[url], history.complete), targets)
            if cache:
                cache.keep(key, kept)
        found[url] = kept
    return found


def link_targets(filing: Filing, url: str) -> set[str]:
    """Every page and anchor of a filing that a change may link to (as pages.py and the templates make them)."""
    found = {url, f"{url}#projects"}
    found |= {f"{url}#funds"} if filing.funds else set()
    found |= {f"{url}#narrative"} if filing.functions or filing.annual_tasks or filing.overall_goal or filing.sections else set()
    found |= goal_targets(filing.goals, url)
    for index, entry in enumerate(filing.projects):
        if isinstance(entry, WithheldRange):
            found.add(f"{url}#withheld-{entry.withheld.numbers[0]}-{entry.withheld.numbers[1]}")
        else:
            page = project_url(filing, project_id(entry, index))
            found |= {page} | goal_targets(entry.goals, page)
    return found


def goal_targets(goals: list[Goal], page: str) -> set[str]:
    found = set()
    for n, goal in enumerate(goals):
        key = goal_id(goal, n)
        found |= {f"{page}#goal-{key}"} | {f"{page}#{anchor}" for anchor in indicator_anchors(goal, key)}
    return found


def linked_to(history: FilingHistory, targets: set[str]) -> FilingHistory:
    """Links only to what is on the site now: a change to a row deleted since keeps its text, not its link."""
    def relinked(revision: Revision) -> Revision:
        changes = tuple(c if c.target in targets else dataclasses.replace(c, target=None) for c in revision.changes)
        return dataclasses.replace(revision, changes=changes)
    return dataclasses.replace(history, revisions=tuple(relinked(r) for r in history.revisions))


def revisions_of(timeline: Timeline, views: list[Filing | None], now: WithheldNow, complete: bool) -> FilingHistory:
    revisions, versions = [], []
    before: tuple[Filing, frozenset[int]] | None = None
    for (commit, version), view in zip(timeline.states, views):
        if view is None:
            continue  # a version the cache had as unreadable: nothing of it was published
        state = withhold_as_now(view, now)
        changes = filing_changes(before, state, timeline.url) if before else (
            Change(FIRST if complete else EARLIEST),)
        if changes:
            revisions.append(revision(commit, changes, timeline.url))
            versions.append(version)
        before = state
    return FilingHistory(tuple(reversed(revisions)), tuple(reversed(versions)))


def revision(commit: Commit, changes: Iterable[Change], url: str) -> Revision:
    return Revision(commit.id, commit.time.astimezone(CHINA_TIME), commit.message, tuple(changes), url)


# --- comparing two public views ------------------------------------------------------------------

def filing_changes(old: tuple[Filing, frozenset[int]], new: tuple[Filing, frozenset[int]], url: str) -> tuple[Change, ...]:
    if old == new:  # the same public view, and the same projects public then though withheld now
        return ()
    a, b = old[0], new[0]
    found = [*fields_changed(a, b, "", url, skip={"department", "funds", "goals", "projects", "notes", "sections",
                                                  "contact"}, unit=b.money_unit)]
    found += fields_changed(a.department, b.department, "部门", url, skip={"id"})
    found += notes_changed(a.notes, b.notes, "本文件", url)
    found += sections_changed(a.sections, b.sections, url + "#narrative")
    found += funds_changed(a.funds, b.funds, b.money_unit, url + "#funds")
    found += goals_changed(a.goals, b.goals, "", url)
    found += projects_changed(a, b, old[1], new[1], url)
    return tuple(found) or (Change(OTHER, url),)


def shown(value: Any, unit: str | None = None) -> str:
    if isinstance(value, Decimal) and unit:
        return f"{value}{unit}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def value_change(subject: str, name: str, old: Any, new: Any, target: str | None, unit: str | None = None,
                 editorial: bool = False) -> Change:
    of = f"{subject}的" if subject else ""
    if old is None or old == []:
        return Change(f"{subject}新增{name}“{shown(new, unit)}”", target, editorial)
    if new is None or new == []:
        return Change(f"{subject}删除{name}“{shown(old, unit)}”", target, editorial)
    return Change(f"{of}{name}由“{shown(old, unit)}”改为“{shown(new, unit)}”", target, editorial)


def fields_changed(old: Model, new: Model, subject: str, target: str | None, skip: set[str],
                   unit: str | None = None) -> list[Change]:
    """Plain fields (text, numbers, dates, lists of years) compared one by one; rich text is named, not quoted."""
    found = []
    for key in type(new).model_fields:
        a, b = getattr(old, key), getattr(new, key)
        if key in skip or a == b or _is_record(a) or _is_record(b):
            continue  # records and lists of records are compared by the caller, row by row
        if _is_rich(type(new), key) and a and b:
            found.append(Change(f"{subject}{'的' if subject else ''}{label(type(new), key)}有修改", target))
        else:
            found.append(value_change(subject, label(type(new), key), a, b, target, unit))
    return found


def _is_record(value: Any) -> bool:
    return isinstance(value, (BaseModel, dict)) or isinstance(value, list) and any(isinstance(v, BaseModel) for v in value)


RICH_FIELDS = {(Filing, "functions"), (Filing, "annual_tasks"), (Filing, "overall_goal"), (Goal, "text"),
               (Project, "purpose"), (Section, "text")}


def _is_rich(model: type, key: str) -> bool:
    return (model, key) in RICH_FIELDS


def prior_changed(old: dict, new: dict, subject: str, what: str, target: str | None, unit: str | None = None) -> list[Change]:
    return [value_change(subject, f"{year}年{what}", old.get(year), new.get(year), target, unit)
            for year in sorted(old.keys() | new.keys()) if old.get(year) != new.get(year)]


def notes_changed(old: list[Note], new: list[Note], subject: str, target: str | None) -> list[Change]:
    """编者注 are the site's words: marked as such, never as the department's revision."""
    before, after = [n.text for n in old], [n.text for n in new]
    found = [Change(f"{subject}新增编者注“{text}”", target, True) for text in after if text not in before]
    found += [Change(f"{subject}删除编者注“{text}”", target, True) for text in before if text not in after]
    return found


def paired(old: list[tuple[str, Any]], new: list[tuple[str, Any]]) -> Iterable[tuple[str, Any, Any]]:
    """(key, old, new) for every key of either side, in the new order then the removed ones."""
    a, b = dict(old), dict(new)
    for key in [*b, *(k for k in a if k not in b)]:
        yield key, a.get(key), b.get(key)


def sections_changed(old: list[Section], new: list[Section], target: str) -> list[Change]:
    found = []
    for title, a, b in paired([(s.title, s) for s in old], [(s.title, s) for s in new]):
        if a is None:
            found.append(Change(f"新增章节“{title}”", target))
        elif b is None:
            found.append(Change(f"删除章节“{title}”", None))
        elif a != b:
            found.append(Change(f"章节“{title}”的内容有修改", target))
    return found


# --- funds -----------------------------------------------------------------------------------------

SIDES = (("income", "收入构成"), ("expenditure", "支出构成"))


def funds_changed(old: Funds | None, new: Funds | None, unit: str, target: str) -> list[Change]:
    if old == new:
        return []
    if old is None or new is None:
        return [Change("新增部门总体资金情况" if old is None else "删除部门总体资金情况", target if new else None)]
    found = fields_changed(old, new, "部门总体资金情况", target, skip={"notes"})
    found += notes_changed(old.notes, new.notes, "部门总体资金情况", target)
    for key, side in SIDES:
        found += fund_table_changed(getattr(old, key), getattr(new, key), side, unit, target)
    return found


def fund_table_changed(old: FundTable | None, new: FundTable | None, side: str, unit: str, target: str) -> list[Change]:
    if old == new:
        return []
    if old is None or new is None:
        return [Change(f"新增{side}" if old is None else f"删除{side}", target if new else None)]
    found = []
    for name, a, b in paired([(line.name, line) for line in old.lines], [(line.name, line) for line in new.lines]):
        found += fund_line_changed(a, b, f"{side}“{name}”", unit, target)
    found += fund_line_changed(old.total, new.total, f"{side}合计", unit, target)
    return found


def fund_line_changed(old: FundLine | None, new: FundLine | None, subject: str, unit: str, target: str) -> list[Change]:
    if old == new:
        return []
    if old is None or new is None:
        amount = f"（金额“{shown(new.amount, unit)}”）" if new and new.amount is not None else ""
        return [Change(f"新增{subject}{amount}" if old is None else f"删除{subject}", target)]
    found = fields_changed(old, new, subject, target, skip={"name", "notes"}, unit=unit)
    found += prior_changed(old.prior, new.prior, subject, "金额", target, unit)
    return found + notes_changed(old.notes, new.notes, subject, target)


# --- goals and indicators ---------------------------------------------------------------------------

def goal_title(goal: Goal) -> str:
    return goal.title or f"{goal.kind}目标"


def goals_changed(old: list[Goal], new: list[Goal], prefix: str, page: str) -> list[Change]:
    found = []
    ids = lambda goals: [(goal_id(g, n), g) for n, g in enumerate(goals)]  # noqa: E731
    for key, a, b in paired(ids(old), ids(new)):
        target = f"{page}#goal-{key}"
        if a is None:
            found.append(Change(f"{prefix}新增目标“{goal_title(b)}”（指标 {len(b.indicators)} 项）", target))
        elif b is None:
            found.append(Change(f"{prefix}删除目标“{goal_title(a)}”", None))
        elif a != b:
            subject = f"{prefix}目标“{goal_title(b)}”"
            found += fields_changed(a, b, subject, target, skip={"id", "indicators", "notes"})
            found += notes_changed(a.notes, b.notes, subject, target)
            found += indicators_changed(a, b, key, prefix, page)
    return found


def indicator_title(indicator: Indicator) -> str:
    return indicator.name or "/".join(p for p in (indicator.level1, indicator.level2) if p) or "（空白）"


def indicators_changed(old: Goal, new: Goal, key: str, prefix: str, page: str) -> list[Change]:
    """Rows paired by anchor (goal id + stable id): the anchor is also where the change links to."""
    rows = lambda goal: list(zip(indicator_anchors(goal, key), goal.indicators))  # noqa: E731
    found = []
    for anchor, a, b in paired(rows(old), rows(new)):
        target = f"{page}#{anchor}"
        if a is None:
            value = f"（{label(Indicator, 'value')}“{b.value}”）" if b.value else ""
            found.append(Change(f"{prefix}新增指标“{indicator_title(b)}”{value}", target))
        elif b is None:
            found.append(Change(f"{prefix}删除指标“{indicator_title(a)}”", None))
        elif a != b:
            found += indicator_changed(a, b, prefix, target)
    return found


def indicator_changed(old: Indicator, new: Indicator, prefix: str, target: str) -> list[Change]:
    found = []
    if old.name != new.name:
        found.append(Change(f"{prefix}指标“{indicator_title(old)}”更名为“{indicator_title(new)}”", target))
    subject = f"{prefix}指标“{indicator_title(new)}”"
    found += fields_changed(old, new, subject, target, skip={"id", "name", "notes"})
    found += prior_changed(old.prior, new.prior, subject, label(Indicator, "value"), target)
    return found + notes_changed(old.notes, new.notes, subject, target)


# --- projects and withheld ranges -------------------------------------------------------------------

def projects_changed(old: Filing, new: Filing, was_concealed: frozenset[int], concealed: frozenset[int],
                     url: str) -> list[Change]:
    found = []
    unit = new.money_unit
    listed = lambda f: [(project_id(e, n), e) for n, e in enumerate(f.projects) if isinstance(e, Project)]  # noqa: E731
    for pid, a, b in paired(listed(old), listed(new)):
        page = project_url(new, pid)
        if a is None:
            found.append(Change(f"新增{_numbered(b)}项目“{project_title(b, pid)}”", page))
        elif b is None:
            found.append(Change(f"删除{_numbered(a)}项目“{project_title(a, pid)}”", None))
        elif a != b:
            found += project_changed(a, b, f"项目“{project_title(b, pid)}”", b.money_unit or unit, page)
    return found + ranges_changed(old, new, was_concealed, concealed, url)


def _numbered(project: Project) -> str:
    return f"第 {project.number} 号" if project.number is not None else ""


def project_changed(old: Project, new: Project, subject: str, unit: str, page: str) -> list[Change]:
    found = []
    if old.name != new.name:
        found.append(Change(f"项目“{old.name or '（名称缺失）'}”更名为“{new.name or '（名称缺失）'}”", page))
    found += fields_changed(old, new, subject, page, skip={"id", "name", "notes", "withheld"}, unit=unit)
    found += fields_changed(old.budget, new.budget, subject, page, skip=set(), unit=unit)
    found += spending_changed(old, new, subject, page)
    found += notes_changed(old.notes, new.notes, subject, page)
    return found + goals_changed(old.goals, new.goals, f"{subject}的", page)


def spending_changed(old: Project, new: Project, subject: str, page: str) -> list[Change]:
    what = label(Project, "spending_plan")
    steps = lambda p: [(s.by, s.share) for s in p.spending_plan]  # noqa: E731
    return [value_change(subject, f"{what}“{by}”", a, b, page)
            for by, a, b in paired(steps(old), steps(new)) if a != b]


def numbers_text(numbers: list[int]) -> str:
    first, last = numbers
    return f"第 {first} 号" if first == last else f"第 {first}–{last} 号"


def ranges_changed(old: Filing, new: Filing, was_concealed: frozenset[int], concealed: frozenset[int],
                   url: str) -> list[Change]:
    """Redactions by their numbers: numbers and notices only, never what the projects held.

    A project public in the older state and withheld in the newer one is "改为不予公开"; one that is
    withheld today shows no change while it stays public, since its content is not shown at all."""
    ranges = lambda f, hidden: [(tuple(e.withheld.numbers), e) for e in f.projects  # noqa: E731
                                if isinstance(e, WithheldRange) and e.withheld.numbers[0] not in hidden]
    found = [Change(f"第 {n} 号项目改为不予公开", _range_target(new, n, url)) for n in sorted(was_concealed - concealed)]
    found += [Change(f"新增第 {n} 号项目（现不予公开）", None) for n in sorted(concealed - was_concealed)
              if not _listed(old, n)]
    newly_withheld = was_concealed - concealed
    for numbers, a, b in paired(ranges(old, was_concealed), ranges(new, concealed)):
        target = f"{url}#withheld-{numbers[0]}-{numbers[1]}"
        if a is None and set(range(numbers[0], numbers[1] + 1)) <= newly_withheld:
            continue  # already said: 改为不予公开
        if a is None:
            found.append(Change(f"新增不予公开事项：{numbers_text(list(numbers))}项目", target))
        elif b is None:
            found.append(Change(f"删除不予公开事项：{numbers_text(list(numbers))}项目", None))
        elif a != b:
            subject = f"{numbers_text(list(numbers))}项目的不予公开事项"
            found += fields_changed(a.withheld, b.withheld, subject, target, skip={"numbers"})
            found += notes_changed(a.notes, b.notes, subject, target)
    return found


def _covering(filing: Filing, number: int) -> WithheldRange | None:
    return next((e for e in filing.projects if isinstance(e, WithheldRange)
                 and e.withheld.numbers[0] <= number <= e.withheld.numbers[1]), None)


def _listed(filing: Filing, number: int) -> bool:
    return _covering(filing, number) is not None


def _range_target(filing: Filing, number: int, url: str) -> str | None:
    found = _covering(filing, number)
    return f"{url}#withheld-{found.withheld.numbers[0]}-{found.withheld.numbers[1]}" if found else None


# --- the whole site --------------------------------------------------------------------------------

@dataclass(frozen=True)
class SiteHistory:
    filings: dict[str, FilingHistory]  # by filing URL
    notice: str | None  # said once when the commit history is not complete
    history: History
    now: dict[str, WithheldNow]  # by filing URL: what each filing withholds today

    @property
    def parsed(self) -> int:
        """File versions parsed by this build (the others came from the cache)."""
        return self.history.views.parsed

    def revision_filing(self, url: str, version: Version) -> Filing:
        """The public view after a revision, with today's withheld projects withheld."""
        view = self.history.public_views([version])[0]
        assert view is not None, "a revision is only made of a version that loaded"
        return withhold_as_now(view, self.now[url])[0]


def site_history(content: Path, config: SiteConfig, filings: list[LoadedFiling], cache: BuildCache | None) -> SiteHistory:
    """A repository git cannot read (a missing object, a timeout) costs the 修订记录 of this build, not the
    build: the site is published on time, and the build says why its history is missing."""
    now = {filing_url(loaded.filing): withheld_now(loaded.filing) for loaded in filings}
    try:
        history = read_history(content, config, filings, cache)
        return SiteHistory(filing_histories(history, filings, now, cache), history.notice, history, now)
    except (subprocess.SubprocessError, OSError) as exc:
        notice = f"{NO_HISTORY.format(start='本次生成')}（读取提交历史时 git 出错：{git_error(exc)}）"
        return SiteHistory({}, notice, History(complete=False, notice=notice), now)


def git_error(exc: Exception) -> str:
    stderr = getattr(exc, "stderr", None) or b""
    first = stderr.decode("utf-8", "replace").strip().splitlines()[:1] if isinstance(stderr, bytes) else []
    return first[0] if first else str(exc)
