"""The expectations of the YAML scenarios that scenario_data.check does not cover (see scenario_extras)."""

from __future__ import annotations

import pytest

from mappa_rules import evaluate

from scenario_data import load_scenarios
from scenario_extras import check_extras, has_extras

SCENARIOS = [(c, s) for c, s in load_scenarios() if has_extras(s["expect"])]


@pytest.mark.parametrize("calculator,scenario", SCENARIOS, ids=[f"{c}:{s['id']}" for c, s in SCENARIOS])
def test_scenario_extras(calculator, scenario):
    result = evaluate(calculator, scenario["answers"])
    assert "internal_error" not in result, result
    problems = check_extras(result, scenario["expect"])
    assert not problems, "\n".join(problems)


def test_the_extras_checker_can_fail():
    result = {"ok": True, "items": [{"id": "a", "strength": "must"}], "actions": [], "links": [],
              "not_needed": [], "reasons": [], "warnings": []}
    assert check_extras(result, {"items": {"a": {"strength": "must"}}}) == []
    expect = {"items": {"a": {"strength": "should"}, "b": {}}, "no_items": ["a"], "actions": ["x"],
              "links": {"disclosure": {}}, "not_needed": ["q"], "local": ["001"]}
    assert len(check_extras(result, expect)) == 7
