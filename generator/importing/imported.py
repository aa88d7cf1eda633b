"""What one pass over a document hands back: the filing, and what the import report needs about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class FoundTable:
    location: str
    kind: str  # in Chinese, for the report: 指标表、资金表、项目表 …
    rows: int


@dataclass(frozen=True)
class FormYear:
    """The 预算年度 the form itself writes ("预算年度：2026", "预算年度 | 2026年"): the year, its label and value as filed.
    The importer decides the filing's year (--year and the title come first) and notes when they disagree."""
    year: int
    label: str
    value: str


@dataclass(frozen=True)
class Signature:
    """The 落款 that ends a form that is no letter (letter.py reads a letter's): the body's name alone on its line (or
    before the date on the date's line) and the date, as filed. The importer, knowing the filing's kind and department,
    decides whether it is the department's date (申报: filed_on, 公开: published_on)."""
    unit_location: str
    unit: str
    date_location: str
    date_text: str
    day: tuple[int, int, int] | None  # None: no day of the calendar (listed, never guessed)


@dataclass
class Imported:
    filing: dict[str, Any]
    tables: list[FoundTable]
    not_placed: list[tuple[str, str, str]]  # (location, text, why)
    money_unit_found: bool
    form_year: FormYear | None = None
    remarks: tuple[str, ...] = ()  # the reader's, and what reading past page breaks left out (page numbers)
    # the years of the 实际完成值 columns read as prior-year values. One that is the filing's own year holds that
    # year's 自评 results (the form is a 自评表 or has its results): the importer reads the form again knowing it
    # (assemble's `own_year`).
    achieved_years: frozenset[int] = frozenset()
    # the years of the value columns headed with a year beside a 指标值 column ("指标值 | 2025年指标值"): the one that is
    # the filing's own year is a second value of each indicator, listed 未放入 once the importer reads the form again
    value_years: frozenset[int] = frozenset()
    signature: Signature | None = None  # the 落款 at the form's end, for the importer to date the filing by
    # the years heading any value column ("2026年目标值 | 2027年 | 2028年"): one after the filing's own year holds a later
    # year's target, no prior year; the importer reads the form again knowing the year, which lists those columns
    column_years: frozenset[int] = frozenset()
