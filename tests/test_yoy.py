"""Year over year on a department page: 年度主要任务 followed across the years by name."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from generator.models import TaskTable
from generator.yoy import Change, TaskYear, task_history


def view(year: int, unit: str, tasks: list[dict] | None):
    """What task_history reads of a filing's view: its year, money unit and task table."""
    table = TaskTable.model_validate({"lines": tasks}) if tasks is not None else None
    return SimpleNamespace(filing=SimpleNamespace(fiscal_year=year, money_unit=unit, tasks=table))


def test_tasks_are_followed_by_name_with_their_changes():
    history = task_history((
        view(2025, "万元", [{"name": "法律援助", "budget": {"total": Decimal("80.00")}},
                           {"name": "普法宣传", "budget": {"total": Decimal("40")}}]),
        view(2024, "万元", [{"name": "法律援助", "budget": {"total": Decimal("60.00")}}, {"name": "人民调解"},
                           {"name": "法律援助", "budget": {"total": Decimal("1")}}]),
        view(2023, "元", [{"name": "法律援助", "budget": {"total": Decimal("500000")}}]),
        view(2022, "万元", None)))
    assert history is not None and history.years == (2023, 2024, 2025)
    assert [(row.name, row.cells, tuple(c.kind if c else None for c in row.changes)) for row in history.rows] == [
        ("法律援助", (TaskYear(Decimal("500000"), "元"), TaskYear(Decimal("60.00"), "万元"),
                      TaskYear(Decimal("80.00"), "万元")), (None, "other", "raised")),
        ("普法宣传", (None, None, TaskYear(Decimal("40"), "万元")), (None, None, "new")),
        ("人民调解", (None, TaskYear(None, "万元"), None), (None, "new", None))]
    # a name twice in one year's table: the first is followed (the filing page shows both)
    assert history.rows[0].cells[1].total == Decimal("60.00")
    assert Change("raised").label == "上调" and Change("new").label == "新增"


def test_one_year_of_tasks_is_no_history():
    assert task_history((view(2025, "万元", [{"name": "法律援助"}]), view(2024, "万元", None))) is None
    assert task_history(()) is None
