"""What changed between two public views of a filing, value by value, in Chinese.

Records are paired by their ids (goal id, indicator stable id, project id, fund
line name, spending-plan step), so an indicator whose stable id stays while its
name changes is a rename, not a removal and an addition. Each change links to
the row or section it is about (revisions.py drops links to what is gone since).
Changes to editorial notes are marked as the site's own. Redactions show their
numbers and notices only; a project public in the older view and withheld in the
newer one is "改为不予公开", and nothing else is said of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from pydantic import BaseModel

from .identity import goal_id, indicator_anchors, project_id, project_url
from .models import (Budget, Filing, FundLine, FundsSplit, FundTable, Funds, Goal, Indicator, Model, Note, Project,
                     Review, Section, Task, TaskTable, WithheldRange)
from .vocabulary import label, project_title

OTHER = "其他内容有修改"


@dataclass(frozen=True)
class Change:
    text: str
    target: str | None = None  # site-relative link to the row or section changed, when it is still on the site
    editorial: bool = False  # a change to the site's own editorial notes, not to what the department filed



def filing_changes(old: tuple[Filing, frozenset[int]], new: tuple[Filing, frozenset[int]], url: str) -> tuple[Change, ...]:
    if old == new:  # the same public view, and the same projects public then though withheld now
        return ()
    a, b = old[0], new[0]
    found = [*fields_changed(a, b, "", url, skip={"department", "funds", "goals", "projects", "notes", "sections",
                                                  "contact", "reviews", "tasks"}, unit=b.money_unit)]
    found += fields_changed(a.department, b.department, "部门", url, skip={"id"})
    found += notes_changed(a.notes, b.notes, "本文件", url)
    found += sections_changed(a.sections, b.sections, url + "#narrative")
    found += funds_changed(a.funds, b.funds, b.money_unit, url + "#funds")
    found += tasks_changed(a.tasks, b.tasks, b.money_unit, url + "#tasks")
    found += goals_changed(a.goals, b.goals, "", url)
    found += projects_changed(a, b, old[1], new[1], url)
    found += reviews_changed(a.reviews, b.reviews, url)
    return tuple(found) or (Change(OTHER, url),)


def reviews_changed(old: list[Review], new: list[Review], url: str) -> list[Change]:
    """已核对: the site's own conclusions on `check` warnings, marked as the site's, like 编者注."""
    what = label(Filing, "reviews")
    keyed = lambda reviews: [((r.code, r.path, r.message), r) for r in reviews]  # noqa: E731
    found = []
    for (_, _, message), a, b in paired(keyed(old), keyed(new)):
        if a is None:
            found.append(Change(f"新增{what}“{message}”，核对结论：{b.reason}", url, True))
        elif b is None:
            found.append(Change(f"删除{what}“{message}”", url, True))
        elif a != b:
            found.append(value_change(f"{what}“{message}”", "核对结论", a.reason, b.reason, url, editorial=True))
    return found


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
               (Project, "purpose"), (Section, "text"), (Task, "content")}


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


# --- 年度主要任务 ----------------------------------------------------------------------------------

def tasks_changed(old: TaskTable | None, new: TaskTable | None, unit: str, target: str) -> list[Change]:
    """Tasks paired by name, each figure of their 预算金额 on its own, then the 金额合计 row."""
    what = label(Filing, "tasks")
    if old == new:
        return []
    if old is None or new is None:
        return [Change(f"新增{what}表" if old is None else f"删除{what}表", target if new else None)]
    found = []
    for name, a, b in paired([(t.name, t) for t in old.lines], [(t.name, t) for t in new.lines]):
        subject = f"{what}“{name}”"
        if a is None or b is None:
            found.append(Change(f"新增{subject}" if a is None else f"删除{subject}", target))
            continue
        found += fields_changed(a, b, subject, target, skip={"name", "notes"}, unit=unit)
        found += split_changed(a.budget, b.budget, f"{subject}的{label(Task, 'budget')}", unit, target)
        found += notes_changed(a.notes, b.notes, subject, target)
    found += split_changed(old.total, new.total, f"{what}{label(TaskTable, 'total')}", unit, target)
    return found + notes_changed(old.notes, new.notes, what, target)


def split_changed(old: FundsSplit | None, new: FundsSplit | None, subject: str, unit: str,
                  target: str | None) -> list[Change]:
    """A total with its 财政拨款 and 其他资金, each figure on its own."""
    if old == new:
        return []
    return fields_changed(old or FundsSplit(), new or FundsSplit(), subject, target, skip=set(), unit=unit)


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
    for key in ("medium_term", "annual"):  # 中期/年度资金总额 with their split: each figure on its own
        found += split_changed(getattr(old.budget, key), getattr(new.budget, key), f"{subject}的{label(Budget, key)}",
                               unit, page)
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
