"""Turn pydantic validation errors into located problems in plain Chinese.

Pydantic reports `loc` tuples such as `('projects', 3, 'project', 'budget', 'total')`;
union tags like `'project'` are not in the file, so the path is matched against
the data to find the real key path and its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import models_in
from .problems import Problem, Severity
from .yamlsource import KeyPath, Located, format_path

DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # written like a date, but no such day
# Errors our own validators raise (PydanticCustomError kinds) → problem codes.
CUSTOM_CODES = {"unsafe_html": "unsafe-html", "unsafe_id": "unsafe-id", "amount_type": "wrong-type",
                "web_address": "wrong-value", "blank_text": "wrong-value", "key_path": "wrong-value",
                "commit_id": "wrong-value"}
TYPE_NAMES = {"str": "文本", "string": "文本", "int": "整数", "decimal": "数字", "date": "日期（YYYY-MM-DD）",
              "dict": "映射（键: 值）", "list": "列表（- 开头的多行）", "model": "映射（键: 值）",
              "tuple": "列表", "bool": "true 或 false"}


def problems_from(error: ValidationError, source: Located, model: type[BaseModel]) -> list[Problem]:
    return [_problem(item, source, model) for item in error.errors(include_url=False)]


def _problem(item: dict, source: Located, model: type[BaseModel]) -> Problem:
    path = _data_path(source.data, item["loc"])
    position = source.position(path)
    code, message, hint = _explain(item, path, _fields_where(model, path))
    return Problem(position.file or source.file, position.line, position.column, format_path(path), code,
                   Severity.ERROR, message, hint)


def _data_path(data: Any, loc: tuple) -> KeyPath:
    """Follow `loc` through the data, skipping parts (union tags) that are not keys."""
    path: list = []
    for index, part in enumerate(loc):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict) and index + 1 < len(loc) and loc[index + 1] in data:
            continue  # a union tag such as 'project': not in the file
        else:
            if isinstance(data, dict) and isinstance(part, (str, int)):
                path.append(part)  # a missing key: still name it
            break
        path.append(part)
    return tuple(path)


def _explain(item: dict, path: KeyPath, known: list[str]) -> tuple[str, str, str]:
    kind, ctx, key = item["type"], item.get("ctx") or {}, path[-1] if path else ""
    if kind == "missing":
        return "missing-field", f"缺少必填字段“{item['loc'][-1]}”", "补上这个字段；各字段的含义见 docs/content-format.md"
    if kind == "extra_forbidden":
        return "unknown-field", f"未知字段“{key}”", _suggest(str(key), known)
    if kind in CUSTOM_CODES:
        return CUSTOM_CODES[kind], item["msg"], ctx.get("hint", "")
    if kind == "literal_error" and key in ("money_unit",):
        return "unknown-unit", f"未知的金额单位“{item['input']}”", "金额单位只能是 元 或 万元"
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace(" or ", ", ")  # pydantic joins the last one with an English "or"
        return "wrong-value", f"“{item['input']}”不是允许的值", f"允许的值：{allowed}"
    if kind == "date_type" and _is_date(item["input"]):
        return ("wrong-type", f"日期“{item['input']}”加了引号，被当作文字",
                f"去掉引号，写作 {key}: {item['input']}")
    if kind == "date_type" and isinstance(item["input"], str) and DATE_SHAPE.match(item["input"]):
        return "wrong-type", f"日期“{item['input']}”不存在", "日期写作 YYYY-MM-DD，例如 2025-01-20"
    if kind.endswith("_type") or kind in ("model_attributes_type", "dict_type", "list_type"):
        expected = TYPE_NAMES.get(kind.split("_")[0], kind)
        return "wrong-type", f"类型错误：应为{expected}，实际是“{_short(item['input'])}”", _type_hint(expected)
    if kind in ("greater_than_equal", "less_than_equal"):
        return "wrong-value", f"数值“{item['input']}”超出允许范围", "年份应在 1949–2100 之间"
    if kind in ("too_short", "too_long"):  # list lengths: a task table without tasks, a span of one year
        bound = f"至少 {ctx.get('min_length')}" if kind == "too_short" else f"至多 {ctx.get('max_length')}"
        return ("wrong-value", f"应有{bound} 项，实际有 {ctx.get('actual_length')} 项",
                "按 docs/content-format.md 补齐或删去多余的项")
    return "invalid", f"{item['msg']}", "对照 docs/content-format.md 检查这个字段"


def _is_date(value: Any) -> bool:
    """A real day written in quotes ("2025-01-20"): YAML reads it as text, not as a date."""
    if not isinstance(value, str) or not DATE_SHAPE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _type_hint(expected: str) -> str:
    if expected == "文本":
        return "给值加上引号，或写成单行文字"
    return f"把这个值改写为{expected}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _suggest(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    base = "检查拼写，或运行 gongkai schema 查看允许的字段"
    return f"是否想写“{close[0]}”？{base}" if close else base


def _fields_where(model: type[BaseModel], path: KeyPath) -> list[str]:
    """The fields allowed beside the last key of `path`, for spelling suggestions: a misspelt
    top-level key must not be told to become a key of some nested model."""
    candidates = [model]
    for part in path[:-1]:
        if isinstance(part, str):
            candidates = [found for c in candidates if part in c.model_fields
                          for found in models_in(c.model_fields[part].annotation)]
    names = {name for c in candidates for name in c.model_fields}
    return sorted(names or _field_names(model))


def _field_names(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Every field name used anywhere in the model tree: the fallback where a path cannot be followed."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for candidate in models_in(field.annotation):
            names |= _field_names(candidate, seen)
    return names
