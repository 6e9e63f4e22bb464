"""Load the YAML scenarios of tests/scenarios/: answers in; expected outcome, dates and paragraphs out.

A scenario file::

    calculator: category
    scenarios:
      - id: p6_9_twelve_months_plus_six_consecutive       # named after the paragraph it pins
        description: 12 months for a MAPPA offence and 6 months consecutive for another offence
        answers: {...}
        expect:
          outcome: CAT2                # the outcome code
          answer_contains: "Category 2" # optional: words of the one-line answer
          paras: [para-6-8, para-6-9]  # each must be cited somewhere in the result
          flags: [SOME_FLAG]           # each flag code must be raised (others may be too)
          no_flags: [OTHER_FLAG]       # must not be raised
          dates: {next_review: "2026-03-02"}
          deciders: ["SMB Chair"]      # each named body must appear among those who decide
          errors: [offences.0.term]    # for invalid answers: fields that must have errors
          items: {...}                 # calculator-specific, checked by that calculator's tests
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import yaml

SCENARIO_DIR = Path(__file__).parent / "scenarios"


def scenario_files() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.yaml"))


def load_scenarios() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in scenario_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for sc in doc["scenarios"]:
            yield doc["calculator"], sc


def scenarios_of(calculator: str) -> list[dict[str, Any]]:
    """The scenarios of one calculator, in file order."""
    return [sc for calc, sc in load_scenarios() if calc == calculator]


def all_cited(result: dict[str, Any]) -> set[str]:
    """Every paragraph anchor cited anywhere in a result."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "paras" and isinstance(v, list):
                    found.update(x for x in v if isinstance(x, str))
                else:
                    walk(v)
        elif isinstance(node, list):
            for x in node:
                walk(x)

    walk(result)
    return found


def check(result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Differences between a result and a scenario's expectations (empty: it matches)."""
    problems: list[str] = []
    if "errors" in expect:
        if result["ok"]:
            problems.append(f"expected field errors on {expect['errors']}, got outcome {result.get('outcome')}")
        else:
            fields = {e["field"] for e in result["errors"]}
            for f in expect["errors"]:
                if f not in fields:
                    problems.append(f"no error on field {f!r}; errors: {result['errors']}")
        return problems
    if not result["ok"]:
        return [f"unexpected errors: {result['errors']}"]
    if "outcome" in expect and result["outcome"] != expect["outcome"]:
        problems.append(f"outcome {result['outcome']!r}, expected {expect['outcome']!r}: {result['answer']}")
    if "answer_contains" in expect and expect["answer_contains"].lower() not in result["answer"].lower():
        problems.append(f"answer {result['answer']!r} does not contain {expect['answer_contains']!r}")
    cited = all_cited(result)
    for para in expect.get("paras", []):
        if para not in cited:
            problems.append(f"paragraph {para} not cited; cited: {sorted(cited)}")
    codes = {f["code"] for f in result["flags"]}
    for code in expect.get("flags", []):
        if code not in codes:
            problems.append(f"flag {code} not raised; raised: {sorted(codes)}")
    for code in expect.get("no_flags", []):
        if code in codes:
            problems.append(f"flag {code} raised but should not be")
    dates = {d["id"]: d["date"] for d in result["dates"]}
    for key, value in expect.get("dates", {}).items():
        if key not in dates:
            problems.append(f"no date {key!r}; dates: {dates}")
        elif dates[key] != (str(value) if value is not None else None):
            problems.append(f"date {key} is {dates[key]}, expected {value}")
    who = " | ".join(d["who"] for d in result["deciders"]).lower()
    for body in expect.get("deciders", []):
        if body.lower() not in who:
            problems.append(f"{body!r} not named as deciding; deciders: {who!r}")
    return problems
