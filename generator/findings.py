"""A finding: what one check found where in one filing, before it is located in a file.

The one record carried from the checks to `check`'s report and to the pages: its
key path stays a tuple, so a page finds the row or section a finding is about by
comparing paths, never by parsing text back.

A filing's `reviews:` mark warnings as checked against the 原文 (the value is right
as filed). A reviewed warning keeps its message and carries the reason; a review
that matches no warning any more is reported itself, so reviews cannot go stale unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from .models import Review
from .problems import Severity
from .yamlsource import KeyPath


@dataclass(frozen=True)
class Finding:
    path: KeyPath  # e.g. ('goals', 0, 'indicators', 3, 'value')
    code: str
    severity: Severity
    message: str
    hint: str
    review: str | None = None  # the reason of the review that checked this warning

    def is_under(self, prefix: KeyPath) -> bool:
        return self.path[:len(prefix)] == prefix

    def relative_to(self, prefix: KeyPath) -> KeyPath:
        return self.path[len(prefix):]

    @property
    def identity(self) -> tuple[str, KeyPath, str]:
        """What a review names: code, key path and message (the message holds the values concerned)."""
        return self.code, self.path, self.message


def warning(path: KeyPath, code: str, message: str, hint: str) -> Finding:
    return Finding(path, code, Severity.WARNING, message, hint)


def error(path: KeyPath, code: str, message: str, hint: str) -> Finding:
    return Finding(path, code, Severity.ERROR, message, hint)


def with_reviews(findings: Iterable[Finding], reviews: list[Review]) -> list[Finding]:
    """Every finding; a warning a review names carries the review's reason."""
    reasons = {r.warning: r.reason for r in reviews}
    return [replace(f, review=reasons[f.identity]) if f.severity is Severity.WARNING and f.identity in reasons
            else f for f in findings]


def stale_reviews(findings: list[Finding], reviews: list[Review]) -> Iterator[Finding]:
    """Reviews that name no current warning: the value, the rule or the path changed since the review."""
    current = {f.identity for f in findings if f.severity is Severity.WARNING}
    for index, review in enumerate(reviews):
        if review.warning not in current:
            yield warning(("reviews", index), "stale-review",
                          f"核对记录所说的警告（{review.code}，{review.path}：{review.message}）已不存在",
                          "数据、检查规则或位置已改变：重新运行 gongkai check，对照原文核对后改正这条记录的 "
                          "code、path 和 message，或删除它")
