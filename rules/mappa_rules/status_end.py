"""End of MAPPA status (stub: being written)."""

from __future__ import annotations

from typing import Any

from .core import Calculator, Outcome, Question, p


def decide(answers: dict[str, Any]) -> Outcome:
    return Outcome("NOT_READY", "This calculator is being written.").reason("Placeholder.", p("6.38"))


CALCULATOR = Calculator(
    id="status-end",
    title="End of MAPPA status",
    summary="End of MAPPA status.",
    questions=(Question("placeholder", "Placeholder question", "yesno", required=False),),
    decide=decide,
)
