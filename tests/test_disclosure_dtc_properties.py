"""Property tests for the disclosure and dtc-duties calculators: no input crashes them, every citation is
well-formed and names a numbered paragraph of the national guidance."""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mappa_rules import CALCULATORS, evaluate
from mappa_rules.core import ANCHOR_PATTERN, LOCAL_DOCUMENTS, Question

from scenario_data import all_cited

IDS = ("disclosure", "dtc-duties")
MODULES = {
    "disclosure": Path(__file__).parents[1] / "rules" / "mappa_rules" / "disclosure.py",
    "dtc-duties": Path(__file__).parents[1] / "rules" / "mappa_rules" / "dtc_duties.py",
}
# the national guidance as the project ships it (a byte-for-byte copy of the seed)
SEED = Path(__file__).resolve().parents[1] / "guidance" / "mappa_guidance" / "source" / "national-mappa-guidance.txt"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def _value(q: Question) -> st.SearchStrategy[Any]:
    """A well-typed answer for one question (sometimes blank)."""
    if q.type in ("yesno", "choice"):
        base: st.SearchStrategy[Any] = st.sampled_from(q.allowed_values())
    elif q.type == "multi":
        base = st.lists(st.sampled_from(q.allowed_values()), max_size=len(q.choices), unique=True)
    elif q.type == "date":
        base = st.dates(dt.date.fromisoformat(q.earliest), dt.date.fromisoformat(q.latest)).map(dt.date.isoformat)
    elif q.type == "number":
        base = st.integers(0, 1000)
    elif q.type == "text":
        base = st.text(max_size=30)
    else:  # lists are not used by these calculators
        base = st.just([])
    return st.one_of(base, st.just(None)) if not q.required else base


def _assert_paras_are_anchors(node: Any) -> None:
    """Every "paras" list holds anchor strings (a tuple passed without * would hide a citation)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "paras":
                assert isinstance(v, list) and all(isinstance(x, str) and ANCHOR_PATTERN.match(x) for x in v), v
            else:
                _assert_paras_are_anchors(v)
    elif isinstance(node, list):
        for x in node:
            _assert_paras_are_anchors(x)


def _check_result(result: dict[str, Any]) -> None:
    assert "internal_error" not in result, result
    assert isinstance(result["ok"], bool)
    if not result["ok"]:
        assert result["errors"] and all(e["message"] for e in result["errors"])
        return
    for anchor in all_cited(result):
        assert ANCHOR_PATTERN.match(anchor), anchor
    _assert_paras_are_anchors(result)
    for item in result["items"]:
        assert item["strength"] in ("must", "should", "may"), item
        assert item["paras"], item
        assert item.get("status", "met") in ("met", "missing", "not_applicable"), item
        assert item.get("local", "000") in LOCAL_DOCUMENTS, item
    for part in ("reasons", "warnings"):
        for entry in result[part]:
            assert entry.get("local", "000") in LOCAL_DOCUMENTS, entry
    for flag in result["flags"]:
        assert flag["code"] and flag["text"]
    for action in result["actions"]:
        assert action["text"] and action["who"] and action["paras"], action
        assert action["strength"] in ("must", "should", "may"), action
    assert result["deciders"] or result["outcome"] == "DTC_DUTIES"


@pytest.mark.parametrize("calc_id", IDS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=json_values)
def test_any_json_value_gives_an_outcome_or_field_errors(calc_id, raw):
    _check_result(evaluate(calc_id, raw))


def _walk(calc_id: str, data: st.DataObject) -> dict[str, Any]:
    """Answers to the questions in order, those shown: mostly valid, sometimes blank."""
    answers: dict[str, Any] = {}
    for q in CALCULATORS[calc_id].questions:
        if q.shown(answers) and data.draw(st.integers(0, 9)) > 0:
            value = data.draw(_value(q))
            if value is not None:
                answers[q.id] = value
    return answers


@pytest.mark.parametrize("calc_id", IDS)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_well_typed_answers_follow_the_declarations(calc_id, data):
    _check_result(evaluate(calc_id, _walk(calc_id, data)))


@pytest.mark.parametrize("calc_id", IDS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_well_typed_answers_to_any_questions(calc_id, data):
    """Any subset of questions, answered with any well-typed value, hidden or not."""
    calc = CALCULATORS[calc_id]
    chosen = data.draw(st.lists(st.sampled_from(calc.questions), unique_by=lambda q: q.id))
    answers = {q.id: data.draw(_value(q)) for q in chosen}
    _check_result(evaluate(calc_id, answers))


def _seed_numbers() -> Counter:
    counts: Counter = Counter()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{1,2}[ab]?)\.(\d{1,3})[ \t]", line)
        if m:
            counts[f"{m.group(1)}.{m.group(2)}"] += 1
    return counts


def _citations(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("p", "ps"):
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            assert len(args) == len(node.args), f"non-literal citation at line {node.lineno}"
            if node.func.id == "p":
                found.append((args[0], args[1] if len(args) > 1 else 1))
            else:
                found += [(n, 1) for n in args]
    return found


@pytest.mark.parametrize("calc_id", IDS)
def test_every_cited_paragraph_is_a_numbered_paragraph_of_the_guidance(calc_id):
    if not SEED.exists():
        pytest.skip("national guidance text not available")
    counts = _seed_numbers()
    cited = _citations(MODULES[calc_id])
    assert cited
    for number, occurrence in cited:
        assert counts[number] >= occurrence, f"{number} (occurrence {occurrence}) is not in the guidance"


@pytest.mark.parametrize("calc_id", IDS)
def test_conditions_refer_only_to_earlier_questions(calc_id):
    seen: set[str] = set()
    for q in CALCULATORS[calc_id].questions:
        for w in q.when:
            assert w.question in seen, f"{q.id} depends on {w.question}, which is not asked before it"
            values = CALCULATORS[calc_id].question_index()[w.question].allowed_values()
            assert set(w.values) <= set(values), f"{q.id}: condition on impossible values {w.values}"
        seen.add(q.id)
