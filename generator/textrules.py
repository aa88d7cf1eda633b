"""What text may contain: plain fields carry no markup, rich text only a small safe subset.

Values such as `<50元` or `≤8000元` are legitimate, so only tag-like text
(`<` followed by a letter, `/` or `!`) counts as markup.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticCustomError

from .yamlsource import parse_path

TAG = re.compile(r"<(/?)([A-Za-z!][^>\s/]*)([^>]*)>?")
SAFE_TAGS = frozenset({"p", "br", "strong", "em", "b", "i", "ul", "ol", "li"})
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# An id is a folder name and a URL segment: far below the 255 bytes a file name may have.
ID_MAX = 64
SAFE_ID_HINT = "只用英文字母、数字、连字符和下划线，不以点或连字符开头，不含 / \\ 或 ..，最多 64 个字符，例如 ezhou-sfj"


def as_text(value: Any) -> Any:
    """Numbers in text fields are kept exactly as written (`550`, `0.50`)."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    return value


def plain_text(value: str) -> str:
    match = TAG.search(value)
    if match:
        raise PydanticCustomError(
            "unsafe_html", "纯文本字段不能包含 HTML 标签“{tag}”",
            {"tag": match.group(0), "hint": "删除标签；需要分段的说明文字请放在支持富文本的字段中"})
    return value


def rich_text(value: str) -> str:
    for match in TAG.finditer(value):
        closing, name, rest = match.groups()
        if name.lower() not in SAFE_TAGS or rest.strip() or not match.group(0).endswith(">"):
            raise PydanticCustomError(
                "unsafe_html", "不允许的 HTML 标签“{tag}”",
                {"tag": match.group(0),
                 "hint": "富文本只允许不带属性的 " + "、".join(f"<{t}>" for t in sorted(SAFE_TAGS))
                 + "；其余格式请用 Markdown"})
    return value


def is_safe_id(value: str) -> bool:
    """The one rule for every id that becomes a path or URL segment."""
    return len(value) <= ID_MAX and bool(SAFE_ID.match(value))


def unsafe_id_message(value: str) -> str:
    template, context = _unsafe_id(value)
    return template.format(**context)


def _unsafe_id(value: str) -> tuple[str, dict]:
    if len(value) > ID_MAX:
        return ("标识“{short}…”太长（{length} 个字符，最多 {limit} 个），不能用作网址路径",
                {"short": value[:20], "length": len(value), "limit": ID_MAX})
    return "标识“{value}”不能用作网址路径", {"value": value}


def safe_id(value: str) -> str:
    if not is_safe_id(value):
        template, context = _unsafe_id(value)
        raise PydanticCustomError("unsafe_id", template, {**context, "hint": SAFE_ID_HINT})
    return value


def not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "这里必须写上内容", {"hint": "写明理由；不能留空"})
    return value


def key_path(value: str) -> str:
    if parse_path(value) is None:
        raise PydanticCustomError(
            "key_path", "“{value}”不是字段路径",
            {"value": value, "hint": "照 gongkai check 输出中的写法，如 goals[0].indicators[3].value"})
    return value
