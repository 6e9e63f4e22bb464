"""Every YAML scenario of tests/scenarios/ against the rule modules in CPython."""

from __future__ import annotations

import pytest

from mappa_rules import evaluate

from scenario_data import check, check_said_and_dated, load_scenarios

SCENARIOS = list(load_scenarios())


@pytest.mark.parametrize(
    "calculator,scenario", SCENARIOS, ids=[f"{c}:{s['id']}" for c, s in SCENARIOS]
)
def test_scenario(calculator, scenario):
    result = evaluate(calculator, scenario["answers"])
    assert "internal_error" not in result, result
    problems = check(result, scenario["expect"]) + check_said_and_dated(result, scenario["expect"])
    assert not problems, "\n".join(problems)


def test_the_checker_can_fail():
    result = {"ok": True, "outcome": "X", "answer": "must commission", "reasons": [], "flags": [], "dates": [],
              "deciders": [], "warnings": [], "items": [{"id": "a", "strength": "must"}], "actions": [],
              "links": [{"calculator": "disclosure", "answers": {"asker": "police"}}], "not_needed": []}
    assert check(result, {"items": {"a": {"strength": "must"}}, "links": {"disclosure": {"asker": "police"}}}) == []
    expect = {"items": {"a": {"strength": "should"}, "b": {}}, "no_items": ["a"], "actions": ["x"],
              "links": {"disclosure": {"asker": "dtc_agency"}, "scr": {}}, "not_needed": ["q"], "local": ["001"],
              "absent": ["must commission"]}
    assert len(check(result, expect)) == 9
