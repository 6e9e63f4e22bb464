"""MAPPA level and reviews (stub: being written)."""

from __future__ import annotations

from typing import Any

from .core import Calculator, Outcome, Question, p


def decide(answers: dict[str, Any]) -> Outcome:
    return Outcome("NOT_READY", "This calculator is being written.").reason("Placeholder.", p("7.1"))


CALCULATOR = Calculator(
    id="level",
    title="MAPPA level and reviews",
    summary="MAPPA level and reviews.",
    questions=(Question("placeholder", "Placeholder question", "yesno", required=False),),
    decide=decide,
)
