"""Questions that matter: a question the rule module reports as not needed (``Question(matters=...)``,
listed in the result's ``not_needed``) must be unable to change the answer.

For every calculator, for well-typed answers (drawn freely, or a scenario's answers with up to three
of them changed, which reaches the branches deep in a calculator far more often), each question
reported as not needed is given
every value it allows (choices) or values drawn for it (dates, numbers, text), bypassing the skip:
``decide`` runs on the validated answers plus that value.  What a person acts on must stay the
same: the outcome code, the answer, the dates, the actions, the checklist and the links to other
calculators (reasons may say more, never something else to do).  A ``decide`` that fails once the
question is skipped fails the property too (the skipped question was needed).

The property can fail: a calculator whose first question is declared as never mattering (a wrong
declaration) is caught, for every calculator, and so is a wrong declaration in a toy calculator.
"""

from __future__ import annotations

import copy
import functools
import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from mappa_rules import CALCULATORS
from mappa_rules.core import _NORMALISERS, Calculator, Choice, Outcome, Question, validate

from scenario_data import scenarios_of

# ---------------------------------------------------------------------------------------------
# Answers


def value_of(q: Question) -> st.SearchStrategy[Any]:
    """A well-typed answer to one question, as a person (or the form) would give it."""
    if q.type in ("yesno", "choice"):
        return st.sampled_from(q.allowed_values())
    if q.type == "multi":
        return st.lists(st.sampled_from(q.allowed_values()), min_size=1, max_size=len(q.choices), unique=True)
    if q.type == "date":
        lo, hi = dt.date.fromisoformat(q.earliest), dt.date.fromisoformat(q.latest)
        near = st.dates(max(lo, dt.date(2015, 1, 1)), min(hi, dt.date(2035, 12, 31)))
        return st.one_of(near, st.dates(lo, hi)).map(dt.date.isoformat)
    if q.type == "number":
        lo = int(q.minimum) if q.minimum is not None else 0
        hi = int(q.maximum) if q.maximum is not None else lo + 600
        return st.integers(lo, max(lo, hi)) if q.integer else st.floats(lo, max(lo, hi), allow_nan=False)
    if q.type == "text":
        return st.text(max_size=20)
    if q.type == "list":
        return st.lists(answers_to(q.fields), min_size=q.min_items, max_size=max(q.min_items, min(q.max_items, 3)))
    raise AssertionError(f"no strategy for {q.type}")


def answers_to(questions: tuple[Question, ...]) -> st.SearchStrategy[dict[str, Any]]:
    """Answers to every question (hidden ones too: validation drops those); optional ones sometimes blank."""
    return st.fixed_dictionaries({
        q.id: value_of(q) if q.required else st.one_of(st.none(), value_of(q)) for q in questions
    })


def near_a_scenario(calc: Calculator, bases: list[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """The answers of one of the calculator's scenarios with up to three answers changed at random."""
    changes = st.lists(st.sampled_from(calc.questions).flatmap(lambda q: st.tuples(st.just(q.id), value_of(q))),
                       max_size=3)
    return st.tuples(st.sampled_from(bases), changes).map(lambda bc: {**copy.deepcopy(bc[0]), **dict(bc[1])})


@functools.cache
def _scenario_answers(calc_id: str) -> tuple[dict[str, Any], ...]:
    """The answers of the calculator's scenarios that expect an answer (read once: YAML is slow)."""
    return tuple(sc["answers"] for sc in scenarios_of(calc_id) if "errors" not in sc["expect"])


def _answers_for(calc: Calculator) -> st.SearchStrategy[dict[str, Any]]:
    free = answers_to(calc.questions)
    bases = list(_scenario_answers(calc.id)) if calc.id in CALCULATORS else []
    return st.one_of(near_a_scenario(calc, bases), free) if bases else free


@functools.cache
def _site_answers(calc_id: str) -> st.SearchStrategy[dict[str, Any]]:
    return _answers_for(CALCULATORS[calc_id])


def drawn_answers(calc: Calculator) -> st.SearchStrategy[dict[str, Any]]:
    """Answers to draw for a calculator: near one of its scenarios (a calculator changed to test the
    property keeps its scenarios), or free.  Built once for each of the site's calculators."""
    return _site_answers(calc.id) if CALCULATORS.get(calc.id) is calc else _answers_for(calc)


def candidate_values(q: Question, data) -> list[Any]:
    """Every allowed value of a choice question; some drawn values for the others."""
    if q.type in ("yesno", "choice"):
        return list(q.allowed_values())
    if q.type == "multi":
        return [[v] for v in q.allowed_values()] + [list(q.allowed_values())]
    return [data.draw(value_of(q), label=f"value for {q.id}") for _ in range(3)]


# ---------------------------------------------------------------------------------------------
# The property


def _path(name: str) -> list[str]:
    """``offences.0.term`` -> ``["offences", "term"]`` (the declaration, whatever the item)."""
    return [part for part in name.split(".") if not part.isdigit()]


def _question(questions: tuple[Question, ...], path: list[str]) -> Question:
    q = next(q for q in questions if q.id == path[0])
    return q if len(path) == 1 else _question(q.fields, path[1:])


def _with(clean: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    """A copy of the validated answers with ``value`` at ``name`` (``offences.0.term`` inside a list)."""
    out = copy.deepcopy(clean)
    node: Any = out
    parts = name.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    node[parts[-1]] = value
    return out


def outcome_of(calc: Calculator, clean: dict[str, Any]) -> dict[str, Any]:
    """What a person acts on: the outcome code, the answer, the dates, the actions, the checklist and
    the next calculators.  A ``decide`` that fails says so (a question it needs was skipped)."""
    try:
        o = calc.decide(clean).to_dict()
    except Exception as exc:  # noqa: BLE001 - the failure is the finding
        return {"decide failed": f"{type(exc).__name__}: {exc}"}
    return {k: o[k] for k in ("outcome", "answer", "dates", "actions", "items", "links")}


def validated(calc: Calculator, raw: dict[str, Any], not_needed: list[str] | None = None):
    try:
        return validate(calc, raw, not_needed)
    except Exception as exc:  # noqa: BLE001 - a cross-check that reads a skipped question
        raise AssertionError(f"{calc.id}: validation failed ({type(exc).__name__}: {exc}): a cross-check "
                             "reads a question reported as not needed") from exc


def check_not_needed(calc: Calculator, data) -> None:
    """The property, for one draw of answers."""
    raw = data.draw(drawn_answers(calc), label="answers")
    not_needed: list[str] = []
    clean, errors = validated(calc, raw, not_needed)
    if errors or not not_needed:
        return
    before = outcome_of(calc, clean)
    assert "decide failed" not in before, (
        f"{calc.id}: with {not_needed} skipped as not needed, decide fails: {before['decide failed']}")
    for name in not_needed:
        q = _question(calc.questions, _path(name))
        for value in candidate_values(q, data):
            normalised, message = _NORMALISERS[q.type](q, value)
            if message:
                continue  # not an answer this question accepts
            after = outcome_of(calc, _with(clean, name, normalised))
            if "decide failed" in after:
                continue  # the value leads where questions not asked would be needed: not an answer given
            changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
            assert not changed, (f"{calc.id}: {name!r} is reported as not needed, but answering {value!r} changes "
                                 f"{', '.join(changed)}: {before.get(changed[0])!r} -> {after.get(changed[0])!r}")


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
@settings(max_examples=150)
@given(data=st.data())
def test_a_question_reported_as_not_needed_cannot_change_the_answer(calc_id, data):
    check_not_needed(CALCULATORS[calc_id], data)


def _declares(calc: Calculator) -> bool:
    def walk(qs):
        return any(q.matters is not None or walk(q.fields) for q in qs)
    return walk(calc.questions)


@pytest.mark.parametrize("calc_id", [c for c in CALCULATORS if _declares(CALCULATORS[c])])
def test_the_drawn_answers_reach_questions_not_needed(calc_id):
    """Guard: for every calculator that declares questions that may not matter, the answers drawn above
    do reach some (else the property would pass without testing anything)."""
    from hypothesis import find

    calc = CALCULATORS[calc_id]

    def some_not_needed(raw):
        not_needed: list[str] = []
        _, errors = validate(calc, raw, not_needed)
        return not errors and bool(not_needed)

    assert find(drawn_answers(calc), some_not_needed, settings=settings(max_examples=3000, database=None))


# ---------------------------------------------------------------------------------------------
# The property can fail


def _first_never_matters(calc: Calculator) -> Calculator:
    first = dataclasses.replace(calc.questions[0], matters=lambda answers: False)
    return dataclasses.replace(calc, questions=(first,) + calc.questions[1:])


def _fails(calc: Calculator) -> bool:
    @settings(max_examples=300, database=None, phases=[Phase.generate])  # no shrinking: found is enough
    @given(data=st.data())
    def run(data):
        check_not_needed(calc, data)

    try:
        run()
    except AssertionError:
        return True
    return False


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
def test_a_wrong_declaration_is_caught(calc_id):
    """Declaring a calculator's first question as never mattering is a wrong declaration: caught."""
    assert _fails(_first_never_matters(CALCULATORS[calc_id]))


def _toy(declaration) -> Calculator:
    def decide(a: dict[str, Any]) -> Outcome:
        if a["role"] == "landlord":
            return Outcome("LANDLORD", "You are the landlord.")
        return Outcome("TENANCY_" + a.get("tenancy", "none").upper(), f"Tenancy: {a.get('tenancy', 'none')}.")

    return Calculator(id="toy", title="Toy", summary="", decide=decide, questions=(
        Question("role", "Role", "choice", choices=(Choice("landlord", "Landlord"), Choice("adviser", "Adviser"))),
        Question("tenancy", "Tenancy", "choice", choices=(Choice("social", "Social"), Choice("private", "Private")),
                 matters=declaration),
    ))


def test_the_property_tells_a_right_declaration_from_a_wrong_one():
    """The tenancy matters only to an adviser: declared so, it passes; declared the other way round, it is caught."""
    assert not _fails(_toy(lambda a: a.get("role") != "landlord"))
    assert _fails(_toy(lambda a: a.get("role") == "landlord"))
