"""MAPPA Navigator rule modules: the national MAPPA Guidance as tested decision procedures.

``evaluate(calculator_id, answers)`` takes any JSON value and returns a JSON-ready dict: an outcome
with cited reasons, or field errors.  It never raises.  Standard library only (runs in Pyodide).
"""

from __future__ import annotations

import json
from typing import Any

from .core import Calculator, json_schema, validate
from .registry import CALCULATORS

__all__ = ["CALCULATORS", "GUIDANCE_EDITION", "evaluate", "evaluate_json", "list_calculators", "load", "parse_answers",
           "schema", "to_json"]

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
    """Evaluate a calculator.  Returns ``{"ok": True, ...outcome}`` or ``{"ok": False, "errors": [...]}``.

    Never raises: validation and the decision both run inside the guard, and a fault of ours comes
    back as ``internal_error`` with a plain message."""
    try:
        calc = CALCULATORS.get(calculator_id) if isinstance(calculator_id, str) else None
        if calc is None:
            return {
                "ok": False,
                "calculator": calculator_id if isinstance(calculator_id, str) else None,
                "errors": [{"field": "", "message": f"There is no calculator called {calculator_id!r}. Known: {', '.join(CALCULATORS)}."}],
            }
        return _evaluate(calc, answers)
    except Exception as exc:  # a defect of ours, never the user's: say so plainly, never a traceback
        return _internal_fault(calculator_id if isinstance(calculator_id, str) else None, exc, [])


def _internal_fault(calculator_id: str | None, exc: BaseException, not_needed: list[str]) -> dict[str, Any]:
    return {"ok": False, "calculator": calculator_id, "internal_error": f"{type(exc).__name__}: {exc}"[:500],
            "errors": [{"field": "", "message": "Sorry, this calculator could not work out an answer "
                        "for these answers. This is a fault in the calculator, not in your answers."}],
            "not_needed": not_needed}


def _evaluate(calc: Calculator, answers: Any) -> dict[str, Any]:
    # questions that, given the answers, cannot change the outcome: the form hides them
    not_needed: list[str] = []
    # how each number answer was understood ("12 months"): the form shows it beside the field
    read: dict[str, str] = {}
    try:
        clean, errors = validate(calc, answers, not_needed, read)
        if errors:
            return {"ok": False, "calculator": calc.id, "errors": [e.to_dict() for e in errors],
                    "not_needed": not_needed, "read_as": read}
        result = calc.decide(clean).to_dict()
    except Exception as exc:
        return _internal_fault(calc.id, exc, not_needed)
    return {"ok": True, "calculator": calc.id, "errors": [], "not_needed": not_needed, "read_as": read, **result}


#: Answers are a few levels deep (answers, a list, its items); anything deeper is not answers.
MAX_JSON_DEPTH = 64


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON ``text``, without parsing it (so that a
    text nested thousands deep is refused before the recursive parser sees it)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _answers_error(calculator_id: Any, message: str) -> dict[str, Any]:
    return {"ok": False, "calculator": calculator_id if isinstance(calculator_id, str) else None,
            "errors": [{"field": "", "message": message}]}


def parse_answers(answers_json: Any) -> tuple[Any, str]:
    """``(answers, "")`` when ``answers_json`` is readable JSON text (or bytes in UTF-8, UTF-16 or
    UTF-32), ``(None, message)`` when it is not: not text, not JSON, or nested too deeply."""
    if isinstance(answers_json, (bytes, bytearray)):
        try:
            answers_json = bytes(answers_json).decode(json.detect_encoding(answers_json))
        except (UnicodeDecodeError, LookupError):
            return None, "The answers are not text in UTF-8, UTF-16 or UTF-32."
    if not isinstance(answers_json, str):
        return None, "The answers are not valid JSON."
    if json_depth(answers_json) > MAX_JSON_DEPTH:
        return None, f"The answers are nested more than {MAX_JSON_DEPTH} levels deep: they cannot be answers to a calculator."
    try:
        return json.loads(answers_json), ""
    except (ValueError, TypeError, RecursionError):
        return None, "The answers are not valid JSON."


def to_json(result: dict[str, Any]) -> str:
    """JSON text of a result, valid even when it echoes a lone surrogate (escaped as \\udxxx)."""
    return json.dumps(result, ensure_ascii=True)


def evaluate_json(calculator_id: Any, answers_json: Any) -> str:
    """JSON text in, JSON text out (the browser worker's entry point).  Never raises."""
    try:
        answers, problem = parse_answers(answers_json)
        result = _answers_error(calculator_id, problem) if problem else evaluate(calculator_id, answers)
        return to_json(result)
    except Exception as exc:  # pragma: no cover - evaluate never raises; json.dumps of its result neither
        return to_json(_internal_fault(calculator_id if isinstance(calculator_id, str) else None, exc, []))
