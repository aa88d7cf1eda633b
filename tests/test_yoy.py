"""Year over year on a department page: 年度主要任务 followed across the years by name, funds and indicators by
filing; a year filed twice (申报 and 公开) is two columns, and a 中期 target is never compared with a 年度 one."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from generator.models import Funds, Goal, TaskTable
from generator.yoy import Change, FiledValue, TaskYear, YearColumn, funds_history, indicator_histories, task_history


def view(year: int, unit: str, tasks: list[dict] | None, kind: str = "公开", goals: list[dict] = (),
         funds: dict | None = None):
    """What the histories read of a filing's view: its year, kind, money unit, tasks, goals and funds."""
    table = TaskTable.model_validate({"lines": tasks}) if tasks is not None else None
    return SimpleNamespace(filing=SimpleNamespace(
        fiscal_year=year, kind=kind, money_unit=unit, tasks=table, goals=[Goal.model_validate(g) for g in goals],
        funds=Funds.model_validate(funds) if funds else None))


def test_tasks_are_followed_by_name_with_their_changes():
    history = task_history((
        view(2025, "万元", [{"name": "法律援助", "budget": {"total": Decimal("80.00")}},
                           {"name": "普法宣传", "budget": {"total": Decimal("40")}}]),
        view(2024, "万元", [{"name": "法律援助", "budget": {"total": Decimal("60.00")}}, {"name": "人民调解"},
                           {"name": "法律援助", "budget": {"total": Decimal("1")}}]),
        view(2023, "元", [{"name": "法律援助", "budget": {"total": Decimal("500000")}}]),
        view(2022, "万元", None)))
    assert history is not None and history.columns == (YearColumn(2023), YearColumn(2024), YearColumn(2025))
    assert [c.label for c in history.columns] == ["2023年", "2024年", "2025年"]
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


def goal(kind: str, *values: tuple[str, str], prior: dict | None = None) -> dict:
    """A department goal of `kind` whose indicators are (name, value) under 产出指标/数量指标."""
    return {"kind": kind, "title": f"{kind}目标", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": name, "value": value, **({"prior": prior} if prior else {})}
        for name, value in values]}


def test_a_year_filed_as_shenbao_and_gongkai_is_two_columns_never_one_over_the_other():
    history, = indicator_histories((
        view(2025, "万元", None, "公开", [goal("年度", ("办案量", "≥120件"))]),
        view(2025, "万元", None, "申报", [goal("年度", ("办案量", "≥110件"))]),
        view(2024, "万元", None, "批复", [goal("年度", ("办案量", "≥100件"))])))
    assert [c.label for c in history.columns] == ["2024年", "2025年申报", "2025年公开"]
    row, = history.rows
    assert [c.value for c in row.cells] == ["≥100件", "≥110件", "≥120件"]
    assert [c.kind if c else None for c in row.changes] == [None, "raised", "raised"]


def test_mid_term_targets_are_a_table_of_their_own():
    """A 中期 target (three years' work) beside a 年度 one of the same name: before, one overwrote the other and a
    year's 年度 value was compared with the 中期 value of the year before (a false 下调)."""
    tables = indicator_histories((
        view(2025, "万元", None, "公开", [goal("中期", ("养护里程", "900公里")), goal("年度", ("养护里程", "300公里"))]),
        view(2024, "万元", None, "公开", [goal("中期", ("养护里程", "900公里")), goal("年度", ("养护里程", "280公里"))])))
    assert [t.goal_kind for t in tables] == ["年度", "中期"]
    annual, mid = ([(c.value, ch.kind if ch else None) for c, ch in zip(t.rows[0].cells, t.rows[0].changes)]
                   for t in tables)
    assert annual == [("280公里", None), ("300公里", "raised")]
    assert mid == [("900公里", None), ("900公里", "unchanged")]


def test_prior_year_values_fill_only_years_without_a_filing():
    """A 上年 value of a later filing is shown for a year the department has no filing of; a year's own filing wins."""
    history, = indicator_histories((
        view(2025, "万元", None, "公开", [goal("年度", ("办案量", "≥120件"), prior={2024: "≥90件", 2023: "≥80件"})]),
        view(2024, "万元", None, "公开", [goal("年度", ("办案量", "≥100件"))])))
    assert [c.label for c in history.columns] == ["2023年", "2024年", "2025年"]
    assert history.rows[0].cells == (FiledValue("≥80件"), FiledValue("≥100件"), FiledValue("≥120件"))


def test_funds_of_a_year_filed_twice_are_two_columns():
    def funds(amount: str, prior: dict | None = None) -> dict:
        line = {"name": "财政拨款", "amount": Decimal(amount), **({"prior": prior} if prior else {})}
        return {"income": {"lines": [line]}}
    history = funds_history((
        view(2025, "万元", None, "公开", funds=funds("120", {2024: Decimal("95")})),
        view(2025, "万元", None, "申报", funds=funds("110")),
        view(2023, "万元", None, "公开", funds=funds("80"))))
    assert [c.label for c in history.columns] == ["2023年", "2024年", "2025年申报", "2025年公开"]
    assert history.rows[0].cells == (Decimal("80"), Decimal("95"), Decimal("110"), Decimal("120"))


def test_tasks_of_a_year_filed_twice_are_two_columns():
    history = task_history((
        view(2025, "万元", [{"name": "法律援助", "budget": {"total": Decimal("80")}}], "公开"),
        view(2025, "万元", [{"name": "法律援助", "budget": {"total": Decimal("90")}}], "申报"),
        view(2024, "万元", [{"name": "法律援助", "budget": {"total": Decimal("70")}}], "公开")))
    assert [c.label for c in history.columns] == ["2024年", "2025年申报", "2025年公开"]
    assert [ch.kind if ch else None for ch in history.rows[0].changes] == [None, "raised", "lowered"]


def test_the_same_project_in_other_filings_in_the_order_documents_come():
    """申报 → 批复 → 公开 within a year (sorted by the kind's name, 公开 came first)."""
    from generator.models import Project
    from generator.yoy import project_years

    def with_project(year: int, kind: str, amount: str):
        project = SimpleNamespace(project=Project.model_validate({"name": "法律援助", "budget": {"total": Decimal(amount)}}),
                                  url=f"d/x/{year}-{kind}/p/1/")
        return SimpleNamespace(filing=SimpleNamespace(fiscal_year=year, kind=kind, money_unit="万元"), projects=[project])
    views = (with_project(2025, "公开", "80"), with_project(2025, "申报", "90"), with_project(2024, "批复", "70"))
    found = project_years(views[0].projects[0], views)
    assert [(p.year, p.kind, p.budget, p.current) for p in found] == [
        (2024, "批复", Decimal("70"), False), (2025, "申报", Decimal("90"), False), (2025, "公开", Decimal("80"), True)]


def test_values_compare_in_units_that_mean_the_same():
    """95％ and 96% (full-width or not, or 百分比) are one unit: 上调, not 不可比; 件 and 个 are not."""
    from generator.yoy import compare_values
    assert compare_values("≥96%", "≥95％").kind == "raised"
    assert compare_values("不低于90百分比", "≥92%").kind == "lowered"
    assert compare_values("≥ 1,200 个", "≥1100个").kind == "raised"
    assert compare_values("≥12件", "≥10个").kind == "other"
