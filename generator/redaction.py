"""The public view of a filing: the only form of content that later stages ever see.

Withheld projects are replaced by redaction records before the site model,
pages, search index or exports are built, so nothing downstream can leak them.
Personal contact fields are dropped unless the site config publishes them.
"""

from __future__ import annotations

from .models import Filing, Project, RangeRedaction, WithheldRange


def public_filing(filing: Filing, publish_contact: bool) -> Filing:
    projects = [_public_entry(entry, index) for index, entry in enumerate(filing.projects)]
    return filing.model_copy(update={
        "projects": projects,
        "contact": filing.contact if publish_contact else None,
    })


def _public_entry(entry: Project | WithheldRange, index: int) -> Project | WithheldRange:
    if isinstance(entry, WithheldRange) or entry.withheld is None:
        return entry
    number = entry.number if entry.number is not None else index + 1
    redaction = RangeRedaction(numbers=[number, number], notice=entry.withheld.notice,
                               reason=entry.withheld.reason, legal_basis=entry.withheld.legal_basis)
    return WithheldRange(withheld=redaction)
