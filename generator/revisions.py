"""Revisions: each filing's public changes from one commit to the next (the words are changes.py's).

Only public views are compared (withheld projects are redaction records, contact
fields are gone), and what is withheld now is withheld in every earlier state
too: before comparing, a project withheld today becomes a redaction record in
every older view (`withhold_as_now`), so neither a change list nor an older
revision's download tells what it held. A commit whose change list is empty
(comments, formatting, unpublished fields, a moved file) makes no revision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .cache import BuildCache, generator_fingerprint, key_of
from .changes import Change, filing_changes
from .config import SiteConfig
from .feeds import CHINA_TIME  # a commit's date is its date in Beijing time, as every date of the site
from .history import NO_HISTORY, Commit, History, Timeline, Version, read_history
from .identity import filing_url, goal_id, indicator_anchors, project_id, project_url, revision_url
from .loading import LoadedFiling
from .models import Filing, Goal, Project, RangeRedaction, Redaction, WithheldRange
from .redaction import public_filing

FIRST = "首次公开"
EARLIEST = "修订记录起点（更早的提交历史未找到）"
DATA_DIR = "data"


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
    entries, concealed, paths = [], set(), set()
    for index, entry in enumerate(view.projects):
        redaction = now.covering(entry, index) if isinstance(entry, Project) else None
        if redaction is None:
            entries.append(entry)
            continue
        number = entry.number if entry.number is not None else index + 1
        concealed.add(number)
        paths.add(("projects", index))
        entries.append(WithheldRange(withheld=RangeRedaction(numbers=[number, number], notice=redaction.notice,
                                                             reason=redaction.reason, legal_basis=redaction.legal_basis)))
    reviews = [r for r in view.reviews if r.key_path[:2] not in paths]  # as public_filing: a reason may quote it
    return view.model_copy(update={"projects": entries, "reviews": reviews}), frozenset(concealed)


def filing_histories(history: History, current: list[LoadedFiling], cache: BuildCache | None) -> dict[str, FilingHistory]:
    """Each current filing's revisions, newest first (a filing with no commit yet has none).

    Kept in the cache under everything they are made from (the filing's versions and commits, the filing
    as it is today: what it withholds and the rows it has), so only a filing a new commit touched is compared
    again, and an unchanged filing is not read back whole (see FilingHead)."""
    found = {}
    for loaded in current:
        url = filing_url(loaded.head)
        timeline = history.timelines.get(url)
        if not timeline:
            continue
        key = key_of(generator_fingerprint(), "revisions", url, repr(timeline.states), loaded.digest,
                     str(history.complete))
        kept = cache.value(key) if cache else None
        if kept is None:
            views = history.public_views([version for _, version in timeline.states])
            targets = link_targets(public_filing(loaded.filing, publish_contact=False), url)
            kept = linked_to(revisions_of(timeline, views, withheld_now(loaded.filing), history.complete), targets)
            if cache:
                cache.keep(key, kept)
        found[url] = kept
    return found


def link_targets(filing: Filing, url: str) -> set[str]:
    """Every page and anchor of a filing that a change may link to (as pages.py and the templates make them)."""
    found = {url, f"{url}#projects"}
    found |= {f"{url}#funds"} if filing.funds else set()
    found |= {f"{url}#narrative"} if filing.has_narrative else set()
    found |= {f"{url}#tasks"} if filing.tasks else set()
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


# --- the whole site --------------------------------------------------------------------------------

@dataclass(frozen=True)
class SiteHistory:
    filings: dict[str, FilingHistory]  # by filing URL
    notice: str | None  # said once when the commit history is not complete
    history: History
    current: dict[str, LoadedFiling]  # by filing URL: each filing as it is today

    @property
    def parsed(self) -> int:
        """File versions parsed by this build (the others came from the cache)."""
        return self.history.views.parsed

    def revision_filing(self, url: str, version: Version) -> Filing:
        """The public view after a revision, with today's withheld projects withheld."""
        view = self.history.public_views([version])[0]
        assert view is not None, "a revision is only made of a version that loaded"
        return withhold_as_now(view, withheld_now(self.current[url].filing))[0]


def site_history(content: Path, config: SiteConfig, filings: list[LoadedFiling], cache: BuildCache | None) -> SiteHistory:
    """A repository git cannot read (a missing object, a timeout) costs the 修订记录 of this build, not the
    build: the site is published on time, and the build says why its history is missing."""
    current = {filing_url(loaded.head): loaded for loaded in filings}
    try:
        history = read_history(content, config, filings, cache)
        return SiteHistory(filing_histories(history, filings, cache), history.notice, history, current)
    except (subprocess.SubprocessError, OSError) as exc:
        notice = f"{NO_HISTORY.format(start='本次生成')}（读取提交历史时 git 出错：{git_error(exc)}）"
        return SiteHistory({}, notice, History(complete=False, notice=notice), current)


def git_error(exc: Exception) -> str:
    stderr = getattr(exc, "stderr", None) or b""
    first = stderr.decode("utf-8", "replace").strip().splitlines()[:1] if isinstance(stderr, bytes) else []
    return first[0] if first else str(exc)
