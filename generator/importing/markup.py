"""Web markup an export leaves in a cell ("<p>公证业务量</p>"): kept in rich text, taken out of plain text.

A copied page wraps a cell's paragraphs in <p> and breaks its lines with <br>. The content format's rich-text fields
(`RichText` in models.py) accept both; its plain-text fields (`Text`) accept no tag, and `check` stops at one. So in a
plain-text field the importer takes out those two tags only — each paragraph or line becomes a line of the text,
every character of it kept — and a note on the record says so. Any other tag stays where it is, for `check` to
report: it may be no debris of the export.

Which fields are plain text is read from the content model itself, so a field added to the model is covered.
"""

from __future__ import annotations

import re
import typing
from typing import Any, Callable

from pydantic import AfterValidator, BaseModel

from .. import textrules
from ..models import Filing

EXPORT_TAG = re.compile(r"</?p>|<br\s*/?>", re.IGNORECASE)
BREAKS = re.compile(r"\s*(?:</p>\s*<p>|<br\s*/?>)\s*", re.IGNORECASE)


def without_export_markup(filing: dict[str, Any]) -> None:
    """The filing's plain-text fields without the export's <p> and <br>, each with a note (in place)."""
    _record(filing, [Filing], filing, lambda key: key)


def _record(record: dict[str, Any], models: list[type[BaseModel]], owner: dict[str, Any],
            field_of: Callable[[str], str]) -> None:
    """`owner`: the nearest record (this one or one above it) that keeps notes; `field_of`: the note's field there
    for a key of this record ("department.name"; for an item of a list without notes of its own, the list)."""
    model = next((m for m in models if set(record) <= set(m.model_fields)), models[0])
    if "notes" in model.model_fields:
        owner, field_of = record, (lambda key: key)
    for key, value in list(record.items()):  # a note may be added to this record's own notes
        info = model.model_fields.get(key)
        if key == "notes" or info is None:
            continue
        if isinstance(value, str) and _is_plain(info.annotation, info.metadata) and EXPORT_TAG.search(value):
            record[key] = _plain(value)
            owner.setdefault("notes", []).append({"field": field_of(key), "text": _note(value)})
        elif isinstance(value, dict) and _models(info.annotation):
            _record(value, _models(info.annotation), owner, lambda inner, key=key: f"{field_of(key)}.{inner}")
        elif isinstance(value, list) and _models(info.annotation):
            for item in (item for item in value if isinstance(item, dict)):
                _record(item, _models(info.annotation), owner, lambda inner, key=key: field_of(key))


def _plain(text: str) -> str:
    inner = re.sub(r"^\s*<p>|</p>\s*$", "", text.strip(), flags=re.IGNORECASE)
    return BREAKS.sub("\n", inner).strip()


def _note(text: str) -> str:
    """Names the tags in words: a note is rich text, where "<p>" would be a paragraph, not the tag's name."""
    kinds = dict.fromkeys("换行标记 br" if tag.lower().startswith("<br") else "分段标记 p"
                          for tag in EXPORT_TAG.findall(text))
    return f"原表此格带有导出时留下的网页{'、'.join(kinds)}；编者去掉标记，分段处换行，文字照原样。"


def _is_plain(annotation: Any, metadata: list[Any]) -> bool:
    """A `Text` field: validated by textrules.plain_text, whether required (metadata) or optional (in the union)."""
    validators = list(metadata) + [m for arg in typing.get_args(annotation) for m in getattr(arg, "__metadata__", ())]
    return any(isinstance(v, AfterValidator) and v.func is textrules.plain_text for v in validators)


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The content models a field holds (through Optional, list, dict and unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models(arg)]
