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
          not_needed: [cta_part4_notification]  # questions the answers make irrelevant (not required)
          mentions: ["Youth Offending Team"]    # words said somewhere a person reads (any case)
          actions: ["Send the MAPPA A"]          # each: words of an action's text
          action_dates: {"Send the MAPPA H": "2026-09-15"}  # the action with these words is due then
          links: {level: {category: "2"}}        # a link to that calculator carrying at least these answers
          local: ["000"]                         # a local document shown (its LOCAL_DOCUMENTS key)
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
    return problems + _check_next_steps(result, expect)


def readable_text(result: dict[str, Any]) -> str:
    """Everything a person reads in a result, as one lower-case text."""
    parts = [result.get("answer", "")]
    for key in ("reasons", "flags", "warnings", "caveats", "items", "actions", "links", "dates"):
        for entry in result.get(key, []):
            parts += [str(v) for k, v in entry.items() if k in ("text", "who", "by_text", "rule", "label", "note")]
            parts += [str(r) for r in entry.get("readings", [])]
    for d in result.get("deciders", []):
        parts += [d["who"], d["decides"], *d["factors"]]
    return " | ".join(parts).lower()


def _check_next_steps(result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """The expectations on questions not needed, words said, actions, links and local documents."""
    problems: list[str] = []
    for name in expect.get("not_needed", []):
        if name not in result.get("not_needed", []):
            problems.append(f"{name!r} not reported as not needed; not_needed: {result.get('not_needed')}")
    text = readable_text(result)
    for words in expect.get("mentions", []):
        if words.lower() not in text:
            problems.append(f"nothing says {words!r}")
    actions = result.get("actions", [])
    for words in expect.get("actions", []):
        if not any(words.lower() in a["text"].lower() for a in actions):
            problems.append(f"no action says {words!r}; actions: {[a['text'] for a in actions]}")
    for words, when in expect.get("action_dates", {}).items():
        due = [a["by"] for a in actions if words.lower() in a["text"].lower()]
        if (str(when) if when is not None else None) not in due:
            problems.append(f"no action {words!r} due {when}; due: {due}")
    for calculator, answers in expect.get("links", {}).items():
        carried = [link["answers"] for link in result.get("links", []) if link["calculator"] == calculator]
        if not any(all(c.get(k) == v for k, v in (answers or {}).items()) for c in carried):
            problems.append(f"no link to {calculator} carrying {answers}; links: {result.get('links')}")
    shown = {e.get("local") for key in ("reasons", "warnings", "items") for e in result.get(key, [])}
    for code in expect.get("local", []):
        if code not in shown:
            problems.append(f"local document {code} not shown")
    return problems
