"""The content model: round trip, exact money, parsed values, stable ids, the public view."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.indicator_values import ParsedValue, parse_value
from generator.loading import filing_files, load_filing
from generator.models import Filing, Indicator, Project, WithheldRange
from generator.redaction import public_filing
from generator.yamlsource import dump_yaml, load_text

ROOT = Path(__file__).resolve().parent.parent
FILES = filing_files(ROOT / "content") + filing_files(ROOT / "tests" / "fixtures" / "site" / "content")


@pytest.mark.parametrize("path", FILES, ids=[p.parent.name + "/" + p.stem for p in FILES])
def test_load_dump_load_gives_the_same_model(path):
    loaded, problems = load_filing(path)
    assert not problems
    text = dump_yaml(loaded.filing.model_dump(mode="python", exclude_defaults=True))
    again = Filing.model_validate(load_text(text, "dumped.yml").data)
    assert again == loaded.filing


def test_money_keeps_every_digit_as_written():
    data = load_text("a: 5.00\nb: 1815.8\nc: 0\nd: 1616387.84\n", "x.yml").data
    assert [str(v) for v in data.values()] == ["5.00", "1815.8", "0", "1616387.84"]
    assert isinstance(data["a"], Decimal)


def test_yaml_1_1_surprises_stay_text():
    data = load_text("a: 010\nb: yes\nc: 1_000\nd: 07226391288\ne: .inf\n", "x.yml").data
    assert data == {"a": "010", "b": "yes", "c": "1_000", "d": "07226391288", "e": ".inf"}


@pytest.mark.parametrize("value, value_type, unit, parsed", [
    ("≥1000件", None, None, ParsedValue("≥", Decimal("1000"), "件")),
    ("≤60天", None, None, ParsedValue("≤", Decimal("60"), "天")),
    ("98.70%", None, None, ParsedValue(None, Decimal("98.70"), "%")),
    (">=6", None, None, ParsedValue("≥", Decimal("6"), None)),
    ("0", None, None, ParsedValue(None, Decimal("0"), None)),
    ("稳步提升", None, None, ParsedValue(qualitative="稳步提升")),
    ("不低于上一年度省内综", None, None, ParsedValue(qualitative="不低于上一年度省内综")),
    ("550", "≥", "件", ParsedValue("≥", Decimal("550"), "件")),
    ("有效保障", "定性", "有效保障", ParsedValue(qualitative="有效保障")),
    ("90", "定量", "%", ParsedValue(None, Decimal("90"), "%")),
    (",=100", None, None, ParsedValue(qualitative=",=100")),
    # Spellings of other forms, read the same (they were qualitative, or "1,200" was 1 with the unit ",200 个"):
    ("≥ 1,200 个", None, None, ParsedValue("≥", Decimal("1200"), "个")),
    ("≥９５％", None, None, ParsedValue("≥", Decimal("95"), "％")),
    ("≧95%", None, None, ParsedValue("≥", Decimal("95"), "%")),
    ("不低于95%", None, None, ParsedValue("≥", Decimal("95"), "%")),
    ("大于等于90%", None, None, ParsedValue("≥", Decimal("90"), "%")),
    ("不超过3天", None, None, ParsedValue("≤", Decimal("3"), "天")),
    ("低于5%", None, None, ParsedValue("<", Decimal("5"), "%")),
    ("95%以上", None, None, ParsedValue("≥", Decimal("95"), "%")),
    ("90%及以上", None, None, ParsedValue("≥", Decimal("90"), "%")),
    ("3天以内", None, None, ParsedValue("≤", Decimal("3"), "天")),
    ("50", "不低于", "公里", ParsedValue("≥", Decimal("50"), "公里")),
])
def test_values_keep_their_text_and_gain_a_parsed_form(value, value_type, unit, parsed):
    assert parse_value(value, value_type, unit) == parsed


def test_indicator_id_is_stable_across_years_and_overridable():
    a = Indicator(level1="产出指标", level2="数量指标", name="法律援助案件量", value="≥1000件")
    b = Indicator(level1="产出指标", level2="数量指标", name="法律援助案件量", value="≥1200件", prior={2024: "≥1000件"})
    c = Indicator(level1="产出指标", level2="质量指标", name="法律援助案件量")
    assert a.stable_id == b.stable_id != c.stable_id
    assert a.stable_id.startswith("i-")
    assert Indicator(id="legal-aid-cases", name="x").stable_id == "legal-aid-cases"


def test_public_view_replaces_withheld_projects_and_drops_contact():
    loaded, _ = load_filing(ROOT / "tests/fixtures/site/content/demo-sfj/2024-pifu.yml")
    public = public_filing(loaded.filing, publish_contact=False)
    assert public.contact is None
    assert isinstance(public.projects[0], Project)
    assert isinstance(public.projects[1], WithheldRange)
    assert public.projects[1].withheld.numbers == [2, 2]
    assert "CANARY" not in public.model_dump_json()
    assert public_filing(loaded.filing, publish_contact=True).contact.phone == "010-CONTACT-CANARY"


def test_a_loaded_filing_holds_equal_strings_and_field_sets_once():
    """Memory at province scale: equal parts of a filing are one object, and the filing is unchanged."""
    from generator.loading import share_equal_parts
    from generator.yamlsource import load_file
    path = ROOT / "content" / "ezhou-sfj" / "2025-pifu.yml"
    plain = Filing.model_validate(load_file(path).data)
    shared = load_filing(path)[0].filing
    assert shared == plain and shared.model_dump_json() == plain.model_dump_json()
    indicators = [i for goal in shared.goals for i in goal.indicators]
    assert len({id(i.__pydantic_fields_set__) for i in indicators}) == len(
        {frozenset(i.model_fields_set) for i in indicators}) < len(indicators)
    assert len({id(i.level1) for i in indicators}) == len({i.level1 for i in indicators})
    copied = indicators[0].model_copy(update={"value": "≥1"})  # a copy's field set is its own
    assert copied.model_fields_set is not indicators[0].model_fields_set
    assert share_equal_parts(plain) == shared
