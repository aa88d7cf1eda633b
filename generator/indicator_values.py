"""The parsed form of an indicator value: comparator, number, unit — or qualitative text.

Filings write values in one cell (`≥1000件`, `≤60天`, `稳步提升`) or, in forms such
as 衡阳's, in three columns (指标值类型 `≥`, 指标值 `550`, 计量单位 `件`). Both
give the same parsed form. The text as filed is always kept beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .yamlsource import MEMO_LIMIT

# The spellings of a comparator seen in filings (full-width, two characters, ≧ of Japanese and Chinese input
# methods, the words forms use), mapped to one symbol.
COMPARATORS = {"≥": "≥", ">=": "≥", "＞=": "≥", "≧": "≥", "⩾": "≥", "≤": "≤", "<=": "≤", "＜=": "≤", "≦": "≤", "⩽": "≤",
               "＞＝": "≥", ">＝": "≥", "＜＝": "≤", "<＝": "≤",  # both characters full-width, or only the "="
               ">": ">", "＞": ">", "<": "<", "＜": "<", "=": "=", "＝": "=",
               "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥", "大于等于": "≥", "大于或等于": "≥",
               "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "至多": "≤", "小于等于": "≤", "小于或等于": "≤",
               "大于": ">", "高于": ">", "超过": ">", "多于": ">", "小于": "<", "低于": "<", "少于": "<", "等于": "="}
# A comparator written after the number and its unit: "95%以上" is ≥ 95 %, "3天以内" ≤ 3 天.
TRAILING_COMPARATORS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤"}
_SYMBOLS = "|".join(sorted(map(re.escape, COMPARATORS), key=len, reverse=True))  # 大于等于 before 大于
# A number with thousands commas ("1,200") or without; digits and point may be full-width in the text as filed.
_VALUE = re.compile(rf"^\s*({_SYMBOLS})?\s*([0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*$")
_TRAILING = re.compile("(" + "|".join(TRAILING_COMPARATORS) + r")$")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
QUALITATIVE_TYPES = {"定性"}
# Units that mean the same, spelt differently between forms: compared as one, shown as filed.
UNIT_SYNONYMS = {"百分比": "%", "％": "%", "百分率": "%"}


@dataclass(frozen=True)
class ParsedValue:
    comparator: str | None = None
    number: Decimal | None = None
    unit: str | None = None
    qualitative: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.number is not None

    @property
    def comparable_unit(self) -> str | None:
        """The unit for comparing across filings: `≥98百分比` and `≥98%` are the same target."""
        return UNIT_SYNONYMS.get(self.unit or "", self.unit)


# Pages, checks, comparisons and exports each ask again for the same indicators' values, and filings repeat
# their values (100%, ≥95%, 稳步提升): parsed once per process by the text (a ParsedValue never changes).
@lru_cache(maxsize=MEMO_LIMIT)
def parse_value(value: str | None, value_type: str | None = None, unit: str | None = None) -> ParsedValue:
    if not value:
        return ParsedValue()
    if value_type in QUALITATIVE_TYPES:
        return ParsedValue(qualitative=value)
    match = _VALUE.match(value.translate(_HALF_WIDTH))  # only to read it: the value stays as filed
    if not match:
        return ParsedValue(qualitative=value)
    symbol, number, rest = match.groups()
    trailing = _TRAILING.search(rest)
    if trailing:
        rest = rest[:trailing.start()].rstrip()
    comparator = (COMPARATORS.get(symbol or "") or COMPARATORS.get(value_type or "")
                  or (TRAILING_COMPARATORS[trailing.group(1)] if trailing else None))
    return ParsedValue(comparator=comparator, number=Decimal(number.replace(",", "")), unit=(rest or unit or None))


def money_unit_of(text: str | None) -> str | None:
    """The money unit a value is stated in, if any (`≤5万元` → 万元, `<50元` → 元)."""
    if not text:
        return None
    parsed = parse_value(text)
    if parsed.unit in ("元", "万元"):
        return parsed.unit
    return None
