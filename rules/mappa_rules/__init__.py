"""MAPPA Navigator rule modules: the national MAPPA Guidance as tested decision procedures.

``evaluate(calculator_id, answers)`` takes any JSON value and returns a JSON-ready dict: an outcome
with cited reasons, or field errors.  It never raises.  Standard library only (runs in Pyodide).
"""

from __future__ import annotations

import json
from typing import Any

from .core import Calculator, json_schema, validate
from .registry import CALCULATORS

__all__ = ["CALCULATORS", "GUIDANCE_EDITION", "evaluate", "evaluate_json", "list_calculators", "load", "schema"]

#: The edition of the national guidance the rules encode (shown on decision records).
GUIDANCE_EDITION = "MAPPA Guidance (Ministry of Justice / HMPPS), as published on GOV.UK; text of the edition held by this project"


def list_calculators() -> list[dict[str, str]]:
    return [{"id": c.id, "title": c.title, "summary": c.summary} for c in CALCULATORS.values()]


def load(calculator_id: str) -> bool:
    """Import one calculator's module now (the browser engine does this for the page it is on
    before it reports ready).  False for an unknown id."""
    return CALCULATORS.get(calculator_id) is not None


def schema(calculator_id: str) -> dict[str, Any] | None:
    calc = CALCULATORS.get(calculator_id)
    return json_schema(calc) if calc else None


def questions(calculator_id: str) -> list[dict[str, Any]] | None:
    calc = CALCULATORS.get(calculator_id)
    return [q.to_dict() for q in calc.questions] if calc else None


def evaluate(calculator_id: Any, answers: Any) -> dict[str, Any]:
    """Evaluate a calculator.  Returns ``{"ok": True, ...outcome}`` or ``{"ok": False, "errors": [...]}``."""
    calc = CALCULATORS.get(calculator_id) if isinstance(calculator_id, str) else None
    if calc is None:
        return {
            "ok": False,
            "calculator": calculator_id if isinstance(calculator_id, str) else None,
            "errors": [{"field": "", "message": f"There is no calculator called {calculator_id!r}. Known: {', '.join(CALCULATORS)}."}],
        }
    return _evaluate(calc, answers)


def _evaluate(calc: Calculator, answers: Any) -> dict[str, Any]:
    # questions that, given the answers, cannot change the outcome: the form hides them
    not_needed: list[str] = []
    clean, errors = validate(calc, answers, not_needed)
    if errors:
        return {"ok": False, "calculator": calc.id, "errors": [e.to_dict() for e in errors], "not_needed": not_needed}
    try:
        result = calc.decide(clean).to_dict()
    except Exception as exc:  # a defect of ours, never the user's: say so plainly, never a traceback
        return {"ok": False, "calculator": calc.id, "internal_error": f"{type(exc).__name__}: {exc}",
                "errors": [{"field": "", "message": "Sorry, this calculator could not work out an answer "
                            "for these answers. This is a fault in the calculator, not in your answers."}],
                "not_needed": not_needed}
    return {"ok": True, "calculator": calc.id, "errors": [], "not_needed": not_needed, **result}


def evaluate_json(calculator_id: str, answers_json: str) -> str:
    """JSON text in, JSON text out (the browser worker's entry point)."""
    try:
        answers = json.loads(answers_json)
    except (ValueError, TypeError):
        return json.dumps({"ok": False, "calculator": calculator_id,
                           "errors": [{"field": "", "message": "The answers are not valid JSON."}]})
    return json.dumps(evaluate(calculator_id, answers))
