"""One vocabulary: every field of the content model has one label, used by pages, search and exports."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from generator import models, vocabulary
from generator.export_tables import INDICATORS
from generator.indicator_tables import OPTIONAL_COLUMNS
from generator.vocabulary import field_label, label


def _models() -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()

    def walk(annotation):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.add(annotation)
                for info in annotation.model_fields.values():
                    walk(info.annotation)
        for arg in typing.get_args(annotation):
            walk(arg)

    walk(models.Filing)
    return found


def test_every_field_of_every_model_has_a_label():
    missing = sorted(f"{model.__name__}.{key}" for model in _models() for key in model.model_fields
                     if key not in vocabulary.FIELD_LABELS.get(model, {}))
    assert missing == []


def test_a_field_is_called_the_same_on_pages_and_in_exports():
    headers = {c.name for c in INDICATORS.lead + INDICATORS.tail}
    assert {label(models.Indicator, key) for key in OPTIONAL_COLUMNS} <= headers
    assert label(models.Indicator, "weight") == "分值"


def test_key_paths_are_walked_through_the_model():
    assert field_label(models.Indicator, "prior.2023") == "往年指标值·2023年"
    assert field_label(models.Project, "budget.fiscal") == "预算·其中：财政资金"
    assert field_label(models.Filing, ("funds", "income", "lines", 0, "amount")) == "资金情况·收入构成·明细·第1项·金额"
    assert field_label(models.Indicator, "name") == "三级指标"
    assert field_label(models.Project, "name") == "项目名称"
    assert field_label(models.Project, "budget.totl") == "预算·totl"


def test_labels_have_room_for_other_languages():
    term = vocabulary.Label("分值", (("en", "Score"),))
    assert term.text() == "分值" and term.text("en") == "Score" and term.text("fr") == "分值"


def test_an_unnamed_project_is_called_by_its_id():
    assert vocabulary.project_title(models.Project(), "p3") == "项目 p3（名称缺失）"
    assert vocabulary.project_title(models.Project(name="法律援助"), "p3") == "法律援助"
