"""Arbitrary input never crashes `check`: it always ends in a model or located problems."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loading import load_filing
from generator.problems import ERROR_CODES, Problem

FIELDS = ["department", "fiscal_year", "kind", "title", "money_unit", "goals", "projects", "funds",
          "indicators", "value", "name", "withheld", "numbers", "notes", "prior", "amount", "<<", "id"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
                    st.floats(), st.dates())
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), inner, max_size=5)),
    max_leaves=20)


def assert_located(tmp_path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yml"
    path.write_bytes(raw)
    filing, problems = load_filing(path)
    assert (filing is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.code in ERROR_CODES
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}'\"#&*!|>%@`,? \n\t0123456789.年指标")), max_size=80))
def test_arbitrary_text_gives_located_problems(tmp_path, text):
    assert_located(tmp_path, text.encode("utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(trees)
def test_arbitrary_yaml_structures_give_located_problems(tmp_path, tree):
    assert_located(tmp_path, yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=60))
def test_arbitrary_bytes_give_located_problems(tmp_path, raw):
    assert_located(tmp_path, raw)
