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
