"""Parity: the browser (Pyodide in the calculators' Web Worker) gives exactly the CPython result.

Every YAML scenario of every calculator (tests/scenarios/), plus generated answer sets for every
calculator (all first options, all last options, nothing, malformed input), is evaluated through
``window.mappa.evaluate`` in one page, in one batch, and compared with ``mappa_rules.evaluate``.
"""

from __future__ import annotations

from typing import Any

import pytest

from browser_support import browser_evaluate_many, cpython_result, open_calculator
from scenario_data import load_scenarios

pytestmark = pytest.mark.browser

SCENARIOS = list(load_scenarios())


def _answer(q: dict[str, Any], pick: int) -> Any:
    t = q["type"]
    choices = [c["value"] for c in q.get("choices", [])]
    if t in ("yesno", "choice"):
        return choices[pick if pick < len(choices) else -1] if choices else None
    if t == "multi":
        return choices[:1] if pick == 0 else choices
    if t == "date":
        return "2026-01-15" if pick == 0 else "2025-12-31"
    if t == "number":
        lo = q.get("minimum") or 0
        return lo + (1 if pick == 0 else 3)
    if t == "text":
        return "made-up training text"
    if t == "list":
        return [generated(q["fields"], pick)]
    return None


def generated(questions: list[dict[str, Any]], pick: int) -> dict[str, Any]:
    """Answers every declared question (hidden ones too: the validator drops those)."""
    return {q["id"]: _answer(q, pick) for q in questions}


def _generated_cases() -> list[tuple[str, str, Any]]:
    import mappa_rules

    cases: list[tuple[str, str, Any]] = []
    for cid in mappa_rules.CALCULATORS:
        qs = mappa_rules.questions(cid)
        cases += [
            (f"{cid}:generated-first", cid, generated(qs, 0)),
            (f"{cid}:generated-second", cid, generated(qs, 1)),
            (f"{cid}:generated-last", cid, generated(qs, 99)),
            (f"{cid}:empty", cid, {}),
            (f"{cid}:not-an-object", cid, ["not", "answers"]),
            (f"{cid}:unknown-question", cid, {"no_such_question": "yes"}),
        ]
    cases.append(("no-such-calculator", "no-such-calculator", {}))
    return cases


CASES = [(f"{c}:{s['id']}", c, s["answers"]) for c, s in SCENARIOS] + _generated_cases()


@pytest.fixture(scope="module")
def browser_results(browser, server_url):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.set_default_timeout(120_000)
    open_calculator(page, server_url, next(iter(__import__("mappa_rules").CALCULATORS)))
    results = browser_evaluate_many(page, [(c, a) for _, c, a in CASES])
    ctx.close()
    return results  # in the order of CASES (scenario ids need not be unique across files)


def test_every_case_was_evaluated_in_the_browser(browser_results):
    assert len(browser_results) == len(CASES)
    assert all(isinstance(r, dict) and "ok" in r for r in browser_results)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[n for n, _, _ in CASES])
def test_parity(browser_results, index):
    _, calculator, answers = CASES[index]
    expected = cpython_result(calculator, answers)
    got = browser_results[index]
    assert "internal_error" not in got, got
    assert got == expected


def test_the_site_runs_the_rule_modules_of_this_checkout(built_site):
    """The archive in the built site is the one the current sources give (else: rebuild)."""
    import hashlib
    import json

    from mappa_calculators.runtime import rule_archive_bytes

    manifest = json.loads((built_site / "assets" / "rules" / "manifest.json").read_text(encoding="utf-8"))
    assert (built_site / manifest["rules"]).exists()
    assert manifest["rules_sha256"] == hashlib.sha256(rule_archive_bytes()).hexdigest(), (
        "the built site holds older rule modules than rules/mappa_rules: run `make build`")
