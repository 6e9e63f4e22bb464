"""Property tests for the `scr`, `shared-accommodation` and `mappa-j` calculators: no input makes them fail.

* any JSON value gives an outcome or field errors, never ``internal_error``;
* any well-typed answers (built from the calculators' own question declarations) do the same;
* every paragraph a result cites is a well-formed anchor of a paragraph that exists in the guidance;
* every flag shows at least two readings, every date is ISO or "not yet computable" with its rule.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import find, given, settings, strategies as st

from mappa_rules import CALCULATORS, evaluate
from mappa_rules.core import ANCHOR_PATTERN, Question
from mappa_guidance.paragraphs import index_anchors

from scenario_data import all_cited

IDS = ("scr", "shared-accommodation", "mappa-j")
ANCHORS = index_anchors()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _known_keys(calc_id: str) -> list[str]:
    return [q.id for q in CALCULATORS[calc_id].questions]


@st.composite
def loose_answers(draw, calc_id: str) -> dict[str, Any]:
    """The calculator's own keys with arbitrary JSON values (plus, sometimes, unknown keys)."""
    keys = draw(st.lists(st.sampled_from(_known_keys(calc_id)), unique=True))
    out = {k: draw(json_values) for k in keys}
    if draw(st.booleans()):
        out.update(draw(st.dictionaries(st.text(max_size=8), json_values, max_size=2)))
    return out


def _value(draw, q: Question, base: dt.date) -> Any:
    if q.type in ("yesno", "choice"):
        return draw(st.sampled_from(q.allowed_values()))
    if q.type == "multi":
        return draw(st.lists(st.sampled_from(q.allowed_values()), unique=True))
    if q.type == "date":
        lo, hi = dt.date.fromisoformat(q.earliest), dt.date.fromisoformat(q.latest)
        near = st.integers(-900, 900).map(lambda n: base + dt.timedelta(days=n))
        years_before = st.integers(-14_600, 0).map(lambda n: base + dt.timedelta(days=n))  # up to 40 years
        day = draw(st.one_of(near, near, years_before, st.dates(lo, hi)))
        return min(max(day, lo), hi).isoformat()
    if q.type == "number":
        lo = int(q.minimum if q.minimum is not None else 0)
        hi = int(q.maximum if q.maximum is not None else 10**6)
        return draw(st.integers(lo, hi))
    if q.type == "text":
        return draw(st.text(max_size=min(q.max_length, 40)))
    if q.type == "list":
        n = draw(st.integers(q.min_items, min(q.max_items, q.min_items + 3)))
        return [_answers(draw, q.fields, base) for _ in range(n)]
    raise AssertionError(q.type)


def _answers(draw, questions: tuple[Question, ...], base: dt.date) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for q in questions:
        if not q.required and draw(st.integers(0, 3)) == 0:
            continue
        out[q.id] = _value(draw, q, base)
    return out


@st.composite
def typed_answers(draw, calc_id: str) -> dict[str, Any]:
    """Well-typed answers to every question, dates clustered around one day so that they often agree."""
    base = draw(st.dates(dt.date(2015, 6, 1), dt.date(2036, 6, 30)))
    return _answers(draw, CALCULATORS[calc_id].questions, base)


def assert_well_formed(result: dict[str, Any]) -> None:
    assert "internal_error" not in result, result.get("internal_error")
    if not result["ok"]:
        assert result["errors"], result
        for e in result["errors"]:
            assert isinstance(e["field"], str) and e["message"].strip()
        return
    json.dumps(result)
    assert result["outcome"] and result["answer"]
    for anchor in all_cited(result):
        assert ANCHOR_PATTERN.match(anchor), anchor
        assert anchor in ANCHORS, f"{anchor} is not a paragraph of the guidance"
    for flag in result["flags"]:
        assert re.fullmatch(r"[A-Z0-9_]+", flag["code"]), flag
        assert len(flag["readings"]) >= 2, flag
        assert flag["paras"], flag
    for d in result["dates"]:
        assert d["rule"], d
        if d["date"] is not None:
            dt.date.fromisoformat(d["date"])
    for who in result["deciders"]:
        assert who["who"] and who["decides"], who
    for reason in result["reasons"]:
        assert reason["paras"] or reason.get("external") or reason.get("local"), reason
    for caveat in result["caveats"]:
        assert "verify" in caveat["text"].lower() or "check" in caveat["text"].lower(), caveat


@pytest.mark.parametrize("calc_id", IDS)
@given(value=json_values)
@settings(max_examples=150)
def test_any_json_value_gives_an_outcome_or_field_errors(calc_id, value):
    assert_well_formed(evaluate(calc_id, value))


@pytest.mark.parametrize("calc_id", IDS)
@given(data=st.data())
@settings(max_examples=150)
def test_the_calculators_own_keys_with_any_json_values(calc_id, data):
    assert_well_formed(evaluate(calc_id, data.draw(loose_answers(calc_id))))


@pytest.mark.parametrize("calc_id", IDS)
@given(data=st.data())
@settings(max_examples=400)
def test_any_well_typed_answers_give_an_outcome_or_field_errors(calc_id, data):
    assert_well_formed(evaluate(calc_id, data.draw(typed_answers(calc_id))))


@pytest.mark.parametrize("calc_id", IDS)
def test_the_typed_answers_strategy_reaches_decide(calc_id):
    """Guard against a property test that passes only because every example is rejected."""
    found = find(typed_answers(calc_id), lambda a: evaluate(calc_id, a)["ok"],
                 settings=settings(max_examples=2000, database=None))
    assert evaluate(calc_id, found)["ok"]


@given(data=st.data())
@settings(max_examples=200)
def test_shared_accommodation_never_says_sar(data):
    """'SAR' means a Subject Access Request elsewhere in the guidance (9.2, 13b.15): never use it here."""
    result = evaluate("shared-accommodation", data.draw(typed_answers("shared-accommodation")))
    assert not re.search(r"\bSARs?\b", json.dumps(result))
