"""MAPPA category (stub: being written)."""

from __future__ import annotations

from typing import Any

from .core import Calculator, Outcome, Question, p


def decide(answers: dict[str, Any]) -> Outcome:
    return Outcome("NOT_READY", "This calculator is being written.").reason("Placeholder.", p("6.2"))


CALCULATOR = Calculator(
    id="category",
    title="MAPPA category",
    summary="MAPPA category.",
    questions=(Question("placeholder", "Placeholder question", "yesno", required=False),),
    decide=decide,
)
