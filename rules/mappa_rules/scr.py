"""Serious Case Review triggers and timetable (stub: being written)."""

from __future__ import annotations

from typing import Any

from .core import Calculator, Outcome, Question, p


def decide(answers: dict[str, Any]) -> Outcome:
    return Outcome("NOT_READY", "This calculator is being written.").reason("Placeholder.", p("20.3"))


CALCULATOR = Calculator(
    id="scr",
    title="Serious Case Review triggers and timetable",
    summary="Serious Case Review triggers and timetable.",
    questions=(Question("placeholder", "Placeholder question", "yesno", required=False),),
    decide=decide,
)
