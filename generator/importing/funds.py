"""The funds table (部门总体资金情况): 收入/支出 lines with amount, share and prior-year columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .document import Cell
from .layouts import FUND_AMOUNT, FUND_SECTIONS, FUND_SHARE, FUND_TOTAL, STRUCTURE_LABELS, normalize

YEAR = re.compile(r"^(\d{4})\s*年?$")
AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
FIGURE = re.compile(r"^-?[\d,]+(\.\d+)?%?$")
GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,250.60: the digits grouped by thousands


def is_funds_header(texts: list[str]) -> bool:
    keys = {normalize(t) for t in texts}
    return bool(keys & FUND_AMOUNT) and bool(keys & FUND_SHARE)


def amount(text: str) -> Decimal | None:
    """Money exactly as written; None when the cell is not a plain number."""
    if not AMOUNT.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def grouped_amount(text: str) -> Decimal | None:
    """1,250.60 → 1250.60: the number filed, written without the thousands commas the content format has no
    place for; the caller says so in a note. None for anything else, a plain number included."""
    return amount(text.replace(",", "")) if GROUPED.match(text) else None


def grouped_note(text: str, value: Decimal) -> str:
    """What the editor's note says of an amount filed with thousands commas (see `grouped_amount`)."""
    return f"原表写作“{text}”；编者去掉千分位逗号，录入为 {value}。"


@dataclass
class FundsReader:
    header: list[Cell]
    years_row: list[Cell] | None
    realign: bool = True  # as for indicator rows: only copied text slides cells
    placed: list[Cell] = field(default_factory=list)
    not_read: list[tuple[Cell, str]] = field(default_factory=list)
    funds: dict[str, Any] = field(default_factory=dict)
    section: str | None = None

    def __post_init__(self) -> None:
        keys = [normalize(c.text) for c in self.header]
        self.amount_col = next(i for i, k in enumerate(keys) if k in FUND_AMOUNT)
        self.share_col = next(i for i, k in enumerate(keys) if k in FUND_SHARE)
        self.years: dict[int, int] = {}
        for row in filter(None, [self.header, self.years_row]):
            for column, cell in enumerate(row):
                match = YEAR.match(cell.text)
                if match:
                    self.years[column] = int(match.group(1))
        self.placed.extend(c for c in self.header if c.text)
        if self.years_row:
            self.placed.extend(c for c in self.years_row if c.text)
        self.last_col = max([self.amount_col, self.share_col, *self.years])
        self.funds = {"prior_years": [self.years[c] for c in sorted(self.years)]} if self.years else {}

    def row(self, row: list[Cell]) -> None:
        present = {c: cell for c, cell in enumerate(row) if cell.text}
        if not present:
            return
        labels: dict[int, Cell] = {}
        figures: dict[int, Cell] = {}
        for column, cell in present.items():
            key = normalize(cell.text)
            if key in FUND_SECTIONS:
                self.section = FUND_SECTIONS[key]
                self.placed.append(cell)
            elif key in STRUCTURE_LABELS:
                self.placed.append(cell)
            elif FIGURE.match(cell.text):
                figures[column] = cell
            else:
                labels[column] = cell
        notes: list[dict[str, str]] = []
        if not labels or self.section is None:
            for cell in present.values():
                if cell not in self.placed:
                    self.not_read.append((cell, "资金表中无法归入收入或支出的单元格"))
            return
        name_cell = labels[max(labels)]
        self.placed.extend(labels.values())
        last = max(figures, default=self.last_col)
        shift = self.last_col - last if figures else 0
        if self.realign and shift and figures and min(figures) + shift > max(labels):
            notes.append({"text": f"原表此行数字向{'左' if shift > 0 else '右'}错位{abs(shift)}列；"
                                  f"编者按顺序读作当年金额、占比和往年金额。"})
        else:
            shift = 0
        line: dict[str, Any] = {"name": name_cell.text}
        prior: dict[int, Decimal] = {}
        for column, cell in sorted(figures.items()):
            target = column + shift
            if target == self.amount_col:
                line["amount"] = self._amount(cell)
            elif target == self.share_col:
                line["share"] = cell.text
            elif target in self.years:
                prior[self.years[target]] = self._amount(cell)
            else:
                self.not_read.append((cell, "资金表中不在任何列下的单元格"))
                continue
            self.placed.append(cell)
        if line.get("amount") is None:
            line.pop("amount", None)
        prior = {year: value for year, value in prior.items() if value is not None}
        if prior:
            line["prior"] = prior
        if notes:
            line["notes"] = notes
        table = self.funds.setdefault(self.section, {"lines": []})
        if normalize(name_cell.text) in FUND_TOTAL:
            table["total"] = line
        else:
            table["lines"].append(line)

    def _amount(self, cell: Cell) -> Decimal | None:
        value = amount(cell.text)
        if value is None:
            self.not_read.append((cell, f"金额“{cell.text}”不是数字"))
        return value


def is_total_row(row: list[Cell]) -> bool:
    """A total row of any table of amounts (tasks, a project list): 金额合计 / 合计 in its first filled cell
    (the 序号 column, or a label merged across name and content)."""
    first = next((cell for cell in row if cell.text), None)
    return first is not None and normalize(first.text) in FUND_TOTAL
