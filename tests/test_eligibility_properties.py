"""Property tests for the eligibility calculators (category, level, status-end) and the key dates.

* Any JSON value given to ``evaluate`` gives an outcome or field errors, never an internal error.
* Well-typed random answers built from the question declarations give an outcome or field errors
  (cross-checks only), never an internal error, and every cited anchor is well formed.
* Every paragraph the modules cite exists as a numbered paragraph of the national guidance.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mappa_rules import CALCULATORS, evaluate
from mappa_rules.core import ANCHOR_PATTERN, DUPLICATED_NUMBERS, Question

from scenario_data import all_cited

IDS = ("category", "level", "status-end", "key-dates")
MODULES = ("category.py", "level.py", "status_end.py", "key_dates.py", "deadlines.py", "sentences.py")
RULES = Path(__file__).parent.parent / "rules" / "mappa_rules"
# the national guidance as the project ships it (a byte-for-byte copy of the seed)
SEED = Path(__file__).resolve().parents[1] / "guidance" / "mappa_guidance" / "source" / "national-mappa-guidance.txt"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20,
)


def check_result(result):
    assert "internal_error" not in result, result
    assert result["ok"] in (True, False)
    if result["ok"]:
        assert result["outcome"] and result["answer"]
        for anchor in all_cited(result):
            assert ANCHOR_PATTERN.match(anchor), anchor
        for flag in result["flags"]:
            assert len(flag["readings"]) >= 2, flag
    else:
        assert result["errors"]


@pytest.mark.parametrize("calculator", IDS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=json_values)
def test_any_json_value_gives_an_outcome_or_field_errors(calculator, raw):
    check_result(evaluate(calculator, raw))


def _keyed_json(calc):
    ids = [q.id for q in calc.questions]
    return st.dictionaries(st.sampled_from(ids), json_values, max_size=len(ids))


@pytest.mark.parametrize("calculator", IDS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_json_under_the_right_keys_gives_an_outcome_or_field_errors(calculator, data):
    check_result(evaluate(calculator, data.draw(_keyed_json(CALCULATORS[calculator]))))


def answer_for(q: Question) -> st.SearchStrategy:
    if q.type in ("yesno", "choice"):
        return st.sampled_from(q.allowed_values())
    if q.type == "multi":
        return st.lists(st.sampled_from(q.allowed_values()), unique=True)
    if q.type == "date":
        return st.dates(dt.date.fromisoformat(q.earliest), dt.date.fromisoformat(q.latest)).map(dt.date.isoformat)
    if q.type == "number":
        low = int(q.minimum) if q.minimum is not None else 0
        high = int(q.maximum) if q.maximum is not None else 10_000
        return st.integers(low, high)
    if q.type == "text":
        return st.text(max_size=q.max_length)
    return st.lists(answers_for(q.fields), max_size=4)


def answers_for(questions) -> st.SearchStrategy:
    """Well-typed answers: every question answered (hidden ones are simply dropped by the validator)."""
    return st.fixed_dictionaries({}, optional={q.id: answer_for(q) for q in questions})


@pytest.mark.parametrize("calculator", IDS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_well_typed_answers_give_an_outcome_or_cross_check_errors(calculator, data):
    calc = CALCULATORS[calculator]
    result = evaluate(calculator, data.draw(answers_for(calc.questions)))
    check_result(result)


@pytest.mark.parametrize("calculator", IDS)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_complete_well_typed_answers_mostly_reach_an_outcome(calculator, data):
    calc = CALCULATORS[calculator]
    answers = data.draw(st.fixed_dictionaries({q.id: answer_for(q) for q in calc.questions}))
    result = evaluate(calculator, answers)
    check_result(result)
    if not result["ok"]:
        # with every question answered, only contradictions between answers can remain
        assert all(e["message"] != "Answer this question." for e in result["errors"] if "." not in e["field"]), result


def _cited_numbers() -> set[tuple[str, int | None]]:
    found = set()
    for name in MODULES:
        tree = ast.parse((RULES / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("p", "ps"):
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                assert len(args) == len(node.args), f"{name}: cite with literal strings only"
                if node.func.id == "p":
                    found.add((args[0], args[1] if len(args) > 1 else None))
                else:
                    found.update((a, None) for a in args)
    return found


def test_every_cited_paragraph_exists_in_the_guidance():
    if not SEED.exists():
        pytest.skip("the national guidance text is not beside this checkout")
    text = SEED.read_text(encoding="utf-8")
    numbers = set(re.findall(r"^(\d{1,2}[ab]?\.\d{1,3})[\s]", text, flags=re.M))
    cited = _cited_numbers()
    assert cited
    missing = sorted(n for n, _ in cited if n not in numbers)
    assert not missing, f"cited paragraphs not in the guidance: {missing}"
    assert not any(n.startswith("18.") or n in ("24.19", "24.33") for n, _ in cited)
    assert all(occ is not None for n, occ in cited if n in DUPLICATED_NUMBERS)


def test_every_question_cites_paragraphs_and_has_plain_help():
    for cid in IDS:
        for q in CALCULATORS[cid].questions:
            if q.id != "today":
                assert q.paras, (cid, q.id)
            for anchor in q.paras:
                assert ANCHOR_PATTERN.match(anchor)
