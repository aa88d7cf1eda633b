"""What a filer has not finished: nothing unfinished may be published.

- text and sample values that `gongkai new` writes into its template (errors until replaced);
- editorial notes whose `field:` names no field of their record (errors: the note would explain nothing);
- keys written with nothing after them, `basis:` or `basis: ""` (warnings: fill them, or delete the line;
  an explicit `null` says "none" on purpose and is not reported).
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterator

from pydantic import BaseModel

from .findings import Finding, error, warning
from .loading import LoadedFiling
from .models import Filing, Indicator, Project, models_in
from .scaffold import PLACEHOLDER_TEXTS, SAMPLE_MARK
from .vocabulary import FIELD_LABELS
from .yamlsource import KeyPath

PLACEHOLDER = re.compile("|".join(map(re.escape, (SAMPLE_MARK, *PLACEHOLDER_TEXTS))))
# The key of Note.field, as a line of Located.text (one text or key a line).
NOTE_FIELD = re.compile("^field$", re.MULTILINE)
# Empty cells that the data checks already report as `empty-cell` (the form's own blanks).
EMPTY_CELL_FIELDS = {(Indicator, "name"), (Indicator, "value"), (Project, "name")}


def unfinished_findings(item: LoadedFiling) -> Iterator[Finding]:
    # A record's texts and keys are the file's: a file none of whose texts holds a placeholder, and that has
    # no `field:` key (notes seldom have one), has no record to look at (the walk was 3 % of a cold build).
    placeholders = PLACEHOLDER.search(item.source.text) is not None
    if placeholders or NOTE_FIELD.search(item.source.text):
        for path, record in records(item.filing):
            if placeholders:
                yield from _placeholders(record, path)
            yield from _note_fields(record, path)
    yield from _blank_fields(item.filing, item.source.blank)


def records(model: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, BaseModel]]:
    """Every model in the tree with its key path, parents first, fields in order. A model's fields are its
    __dict__, in the order declared; most are texts, passed over."""
    unseen = [(path, model)]
    while unseen:
        path, model = unseen.pop()
        yield path, model
        inner = []
        for name, value in model.__dict__.items():
            if type(value) is list:
                inner += [(path + (name, index), item) for index, item in enumerate(value)
                          if isinstance(item, BaseModel)]
            elif isinstance(value, BaseModel):
                inner.append((path + (name,), value))
        unseen += reversed(inner)


# --- placeholders and sample values ---------------------------------------------------

def _placeholders(record: BaseModel, path: KeyPath) -> Iterator[Finding]:
    for name, info in type(record).model_fields.items():
        value = getattr(record, name)
        if not isinstance(value, str):
            continue
        if SAMPLE_MARK in value:
            yield error(path, "placeholder", f"“{value}”是 gongkai new 模板的示例行，尚未替换",
                        "照原表改写这一行的每一项（名称不带“（示例）”），或删除这一行")
        elif found := next((p for p in PLACEHOLDER_TEXTS if p in value), None):
            optional = "" if info.is_required() else "；原表没有这一项时删除这个字段"
            yield error(path + (name,), "placeholder", f"“{found}”是 gongkai new 模板的占位文字，尚未替换",
                        f"换成原表的内容{optional}")

# --- notes about no field -------------------------------------------------------------------

def _note_fields(record: BaseModel, path: KeyPath) -> Iterator[Finding]:
    for index, note in enumerate(getattr(record, "notes", None) or ()):
        if note.field and not names_field(record, note.field):
            close = difflib.get_close_matches(note.field, _field_paths(record), n=1)
            suggestion = f"是否想写“{close[0]}”？" if close else ""
            yield error(path + ("notes", index, "field"), "note-field",
                        f"编者注的 field“{note.field}”不是这条记录的字段",
                        f"{suggestion}写这条记录中的字段，如 value、budget.total，往年值写 prior.年份；说明整条记录时删除 field")


def names_field(record: BaseModel, field: str) -> bool:
    """Whether `field` (`value`, `budget.total`, `prior.2023`, `withheld.legal_basis`) is a field of the record:
    fields by the model, keys and positions by the record's data."""
    value: Any = record
    for part in field.split("."):
        if isinstance(value, BaseModel) or (isinstance(value, type) and issubclass(value, BaseModel)):
            model = value if isinstance(value, type) else type(value)
            if part not in model.model_fields:
                return False
            inner = None if isinstance(value, type) else getattr(value, part)
            if inner is None:  # an empty field: its own fields are still fields of the record
                inner = next(iter(models_in(model.model_fields[part].annotation)), None)
            value = inner
        elif isinstance(value, dict):
            key = int(part) if part.isdigit() else part
            if key not in value:
                return False
            value = value[key]
        elif isinstance(value, list):
            if not part.isdigit() or int(part) >= len(value):
                return False
            value = value[int(part)]
        else:
            return False
    return True


def _field_paths(record: BaseModel) -> list[str]:
    """The record's fields, their fields and the keys it holds (prior.2024) one level down, for suggestions."""
    paths = []
    for name, info in type(record).model_fields.items():
        paths.append(name)
        for model in models_in(info.annotation):
            paths += [f"{name}.{inner}" for inner in model.model_fields]
        value = getattr(record, name)
        if isinstance(value, dict):
            paths += [f"{name}.{key}" for key in value]
    return paths


# --- blank keys -------------------------------------------------------------------------------

def _blank_fields(filing: Filing, blank: set[KeyPath]) -> Iterator[Finding]:
    for path in sorted(blank, key=lambda p: tuple(str(part) for part in p)):
        parent = _record_at(filing, path[:-1])
        if isinstance(parent, BaseModel) and (type(parent), path[-1]) in EMPTY_CELL_FIELDS:
            continue
        known = FIELD_LABELS.get(type(parent), {}) if isinstance(parent, BaseModel) else {}
        named = f"{known[path[-1]]}（{path[-1]}）" if path[-1] in known else str(path[-1])
        yield warning(path, "empty-field", f"{named}写了键但没有内容",
                      "照原表填上内容；原表此处确实空白时删除这一行，或写 null 表示没有")


def _record_at(filing: Filing, path: KeyPath) -> Any:
    """What the loaded filing holds at a key path of its file, or None."""
    value: Any = filing
    for part in path:
        if isinstance(value, BaseModel):
            value = getattr(value, str(part), None)
        elif isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value
