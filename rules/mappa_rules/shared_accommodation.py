"""Shared accommodation rate exemption (stub: being written)."""

from __future__ import annotations

from typing import Any

from .core import Calculator, Outcome, Question, p


def decide(answers: dict[str, Any]) -> Outcome:
    return Outcome("NOT_READY", "This calculator is being written.").reason("Placeholder.", p("21.15"))


CALCULATOR = Calculator(
    id="shared-accommodation",
    title="Shared accommodation rate exemption",
    summary="Shared accommodation rate exemption.",
    questions=(Question("placeholder", "Placeholder question", "yesno", required=False),),
    decide=decide,
)
