"""Ids that make permalinks: always from ids in the content, never from display names.

The URLs of pages are made here too, and only here.
A project is `id`, else its 项目编码, else `p` + its number, else `p` + its
position. Once published, these URLs must keep working, so the rules here only
ever grow.
"""

from __future__ import annotations

from .models import Filing, Goal, Project
from .textrules import is_safe_id


def department_url(department_id: str) -> str:
    """The site-relative URL of a department's page: `d/ezhou-sfj/`."""
    return f"d/{department_id}/"


def filing_url(filing: Filing) -> str:
    """The site-relative URL of a filing's page: `d/ezhou-sfj/2025-pifu/`; its downloads sit below it."""
    return f"{department_url(filing.department.id)}{filing.slug}/"


def project_url(filing: Filing, project_key: str) -> str:
    """The site-relative URL of a project's page, `project_key` being its `project_id`."""
    return f"{filing_url(filing)}p/{project_key}/"


def revision_url(filing_page: str, commit: str) -> str:
    """The page of one revision of a filing (修订记录): 12 hex digits of the commit, so the URL never
    grows as the repository does (git lengthens its short ids)."""
    return f"{filing_page}r/{commit[:12]}/"


def comparison_url(topic_id: str, page: int = 1) -> str:
    """A comparison's page, `compare/mediation/`; its later pages `compare/mediation/2/` …"""
    first = f"compare/{topic_id}/"
    return first if page == 1 else f"{first}{page}/"


def project_id(project: Project, position: int) -> str:
    """`code` is free text: it makes the URL only when it is a safe segment (check reports the others,
    so a build never gets here with one; raising keeps a path like `../..` out of the site regardless)."""
    if project.id:
        return project.id
    if project.code:
        if not is_safe_id(project.code):
            raise ValueError(f"project code {project.code!r} cannot be a URL segment")
        return project.code
    return f"p{project.number if project.number is not None else position + 1}"


def project_ids(filing: Filing) -> dict[int, str]:
    """Index in `filing.projects` → id, for the projects (not withheld ranges)."""
    return {index: project_id(entry, index)
            for index, entry in enumerate(filing.projects) if isinstance(entry, Project)}


def goal_id(goal: Goal, position: int) -> str:
    return goal.id or f"g{position + 1}"


def indicator_anchors(goal: Goal, goal_key: str) -> list[str]:
    """Anchor ids for a goal's indicator rows: goal id + stable id, suffixed when a table repeats a path.

    The goal id keeps anchors unique on a page that shows several tables.
    """
    seen: dict[str, int] = {}
    anchors = []
    for indicator in goal.indicators:
        base = indicator.stable_id
        seen[base] = seen.get(base, 0) + 1
        anchors.append(f"{goal_key}-{base}" if seen[base] == 1 else f"{goal_key}-{base}-{seen[base]}")
    return anchors
