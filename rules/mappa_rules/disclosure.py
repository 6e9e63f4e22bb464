"""Disclosure decision checklist (stub: being written)."""

from __future__ import annotations

from typing import Any

from .core import Calculator, Outcome, Question, p


def decide(answers: dict[str, Any]) -> Outcome:
    return Outcome("NOT_READY", "This calculator is being written.").reason("Placeholder.", p("10.8"))


CALCULATOR = Calculator(
    id="disclosure",
    title="Disclosure decision checklist",
    summary="Disclosure decision checklist.",
    questions=(Question("placeholder", "Placeholder question", "yesno", required=False),),
    decide=decide,
)
