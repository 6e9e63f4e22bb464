"""Duty to co-operate (stub: being written)."""

from __future__ import annotations

from typing import Any

from .core import Calculator, Outcome, Question, p


def decide(answers: dict[str, Any]) -> Outcome:
    return Outcome("NOT_READY", "This calculator is being written.").reason("Placeholder.", p(" what your agency must do:3.6"))


CALCULATOR = Calculator(
    id="dtc-duties",
    title="Duty to co-operate",
    summary="Duty to co-operate.",
    questions=(Question("placeholder", "Placeholder question", "yesno", required=False),),
    decide=decide,
)
