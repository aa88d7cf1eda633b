"""What one pass over a document hands back: the filing, and what the import report needs about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class FoundTable:
    location: str
    kind: str  # in Chinese, for the report: 指标表、资金表、项目表 …
    rows: int


@dataclass
class Imported:
    filing: dict[str, Any]
    tables: list[FoundTable]
    not_placed: list[tuple[str, str, str]]  # (location, text, why)
    money_unit_found: bool
