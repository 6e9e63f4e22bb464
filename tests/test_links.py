"""Links to the next calculator (``Outcome.link``, issue 9 item 7) carry answers the next calculator
accepts: each a question of that calculator with a value its question allows, so the page opened
from the link is filled, never refused.  Checked on every scenario and on drawn answers."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mappa_rules import CALCULATORS, evaluate
from mappa_rules.core import Question, validate_questions

from scenario_data import load_scenarios
from test_questions_that_matter import drawn_answers

SCENARIOS = list(load_scenarios())


def _alone(q: Question) -> Question:
    """The question without its conditions, to check one answer on its own."""
    return dataclasses.replace(q, when=(), matters=None, required=True)


def problems_of(link: dict[str, Any]) -> list[str]:
    if link["calculator"] not in CALCULATORS:
        return [f"no calculator {link['calculator']!r}"]
    target = CALCULATORS[link["calculator"]].question_index()
    out = []
    for qid, value in link["answers"].items():
        if qid not in target:
            out.append(f"{link['calculator']} has no question {qid!r}")
            continue
        _, errors = validate_questions((_alone(target[qid]),), {qid: value})
        out += [f"{link['calculator']}.{qid} = {value!r}: {e.message}" for e in errors]
    return out


def test_a_link_that_carries_an_unknown_question_or_value_is_caught():
    assert problems_of({"calculator": "disclosure", "answers": {"no_such_question": "yes"}})
    assert problems_of({"calculator": "category", "answers": {"age": "perhaps"}})
    assert problems_of({"calculator": "nowhere", "answers": {}})


@pytest.mark.parametrize("calc,scenario", SCENARIOS, ids=[f"{c}:{s['id']}" for c, s in SCENARIOS])
def test_every_scenario_links_with_answers_the_next_calculator_accepts(calc, scenario):
    result = evaluate(calc, scenario["answers"])
    for link in result.get("links", []):
        assert not problems_of(link), problems_of(link)


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
@settings(max_examples=100)
@given(data=st.data())
def test_drawn_answers_link_with_answers_the_next_calculator_accepts(calc_id, data):
    result = evaluate(calc_id, data.draw(drawn_answers(CALCULATORS[calc_id])))
    for link in result.get("links", []):
        assert not problems_of(link), problems_of(link)
