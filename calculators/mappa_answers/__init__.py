"""MAPPA Navigator answers: the one renderer of a calculator's outcome, for every place it is shown.

Pure functions from the outcome JSON of ``mappa_rules.evaluate`` to HTML; every text is escaped in
one place (:mod:`mappa_answers.markup`).  Standard library only: the same code runs in the
browser's Web Worker (Pyodide; the build ships it in the rule archive beside ``mappa_rules``) and
at build time (worked examples, print views).  There is no copy of it in JavaScript.

Public API
----------
``render_answer(result, today=None, *, site_root="../../") -> str``
    The answer as HTML (plain answer; what to do now; take care; dates; checklist; why; who
    decides; folded: unclear, outside the guidance, dates not yet known).  ``today`` marks passed
    dates.  ``site_root``: relative path from the page to the site root, for paragraph links.
``render_record(calculator_id, answers, result, now=None) -> str``
    The printable decision record (answers that count, outcome and its code, actions, dates,
    checklist statuses, reasons with paragraph numbers, edition, date and time, not legal advice,
    blank lines for the case reference and who completed it).
``live_summary(result) -> str``
    The short plain-text sentence a screen reader hears when the answer changes.
``evaluate_and_render(calculator_id, answers, now=None, *, abbreviations=None) -> dict``
    ``{"result": <exactly mappa_rules.evaluate(...)>, "html": ..., "record": ..., "summary": ...}``.
``evaluate_and_render_json(calculator_id, answers_json, now_iso, *, abbreviations=None) -> str``
    The same as JSON text (the browser worker's entry point).
``Abbreviations(pairs)``, ``shipped_abbreviations()``
    The glossary's abbreviations (``[(term, tooltip)]``), which ``render_answer`` marks up as
    ``<abbr title>`` when given them; the set the build ships in the rule archive, or None.

Worked example at build time::

    import mappa_rules, mappa_answers
    result = mappa_rules.evaluate("scr", answers)
    html = mappa_answers.render_answer(result, today="2026-05-10", site_root="../../")
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from typing import Any

from .answer import live_summary, render_answer
from .markup import Abbreviations
from .record import render_record

__all__ = ["Abbreviations", "evaluate_and_render", "evaluate_and_render_json", "live_summary", "render_answer",
           "render_record", "shipped_abbreviations"]

@functools.cache
def shipped_abbreviations() -> Abbreviations | None:
    """The glossary's abbreviations that the build puts beside this package in the rule archive
    (``abbreviations.json``); None where there are none (a source checkout).  Read once."""
    from importlib import resources

    try:
        text = resources.files(__name__).joinpath("abbreviations.json").read_text("utf-8")
        return Abbreviations((term, tip) for term, tip in json.loads(text))
    except (OSError, ValueError, TypeError):
        return None


def evaluate_and_render(calculator_id: Any, answers: Any, now: _dt.datetime | str | None = None, *,
                        abbreviations: Abbreviations | None = None) -> dict[str, Any]:
    """Evaluate and render in one call.  ``result`` is exactly what ``mappa_rules.evaluate`` gives."""
    import mappa_rules

    result = mappa_rules.evaluate(calculator_id, answers)
    today = str(now)[:10] if now else None
    known = isinstance(calculator_id, str) and calculator_id in mappa_rules.CALCULATORS
    return {
        "result": result,
        "html": render_answer(result, today, abbreviations=abbreviations),
        "record": render_record(calculator_id, answers, result, now) if known else "",
        "summary": live_summary(result),
    }


def evaluate_and_render_json(calculator_id: Any, answers_json: str, now_iso: str | None = None, *,
                             abbreviations: Abbreviations | None = None) -> str:
    """JSON text in, JSON text out: ``{"result", "html", "record", "summary"}`` (never raises on
    bad answers: the result carries the errors)."""
    try:
        answers = json.loads(answers_json)
    except (ValueError, TypeError):
        answers = None
        result = {"ok": False, "calculator": calculator_id,
                  "errors": [{"field": "", "message": "The answers are not valid JSON."}]}
        return json.dumps({"result": result, "html": "", "record": "", "summary": ""})
    return json.dumps(evaluate_and_render(calculator_id, answers, now_iso, abbreviations=abbreviations))
