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
          not_needed: [self_contained] # questions the answers make irrelevant (Question.matters)
          actions: ["Send the MAPPA J"] # words of an action (what to do now), one entry per action
          links: [mappa-j]             # calculators the answer points to next, or with the answers
                                       # each link must carry: {disclosure: {asker: dtc_agency}}
          local: ["001"]               # local documents something rests on (LOCAL_DOCUMENTS keys)
          absent: ["must commission"]  # words that must not appear in the answer or any reason
          items: {attend: {strength: must}}  # checklist or duty lines, by id, with these fields
          no_items: [article8]         # no line has this id
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


def check_said_and_dated(result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Two more expectations, beside those of :func:`check`::

          mentions: ["Youth Offending Team"]                # words said somewhere a person reads (any case)
          action_dates: {"Send the MAPPA H": "2026-09-15"}  # the action with these words is due then (null:
                                                            # no date, "as soon as possible" or in words)
    """
    if not result.get("ok"):
        return []
    text = readable_text(result)
    problems = [f"nothing says {w!r}" for w in expect.get("mentions", []) if w.lower() not in text]
    for words, when in expect.get("action_dates", {}).items():
        due = [a["by"] for a in result.get("actions", []) if words.lower() in a["text"].lower()]
        if (str(when) if when is not None else None) not in due:
            problems.append(f"no action {words!r} due {when}; due: {due}")
    return problems


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
    return problems + _check_guidance_api(result, expect)


def _check_guidance_api(result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Questions not needed, actions, links, checklist lines, local notices and words that must be absent."""
    problems = [f"{q!r} not in not_needed {result['not_needed']}"
                for q in expect.get("not_needed", []) if q not in result["not_needed"]]
    actions = [a["text"].lower() for a in result["actions"]]
    problems += [f"no action with {w!r}; actions: {actions}"
                 for w in expect.get("actions", []) if not any(w.lower() in a for a in actions)]
    links = expect.get("links", [])
    for calc, answers in (links.items() if isinstance(links, dict) else ((c, {}) for c in links)):
        carried = [link["answers"] for link in result["links"] if link["calculator"] == calc]
        if not carried:
            problems.append(f"no link to {calc!r}; links: {result['links']}")
        elif not any(all(c.get(k) == v for k, v in (answers or {}).items()) for c in carried):
            problems.append(f"the link to {calc!r} does not carry {answers}; it carries {carried}")
    by_id = {i.get("id"): i for i in result["items"]}
    for item_id, fields in (expect.get("items") or {}).items():
        line = by_id.get(item_id)
        if line is None:
            problems.append(f"no line {item_id!r}; lines: {sorted(map(str, by_id))}")
            continue
        problems += [f"line {item_id}: {k} is {line.get(k)!r}, expected {v!r}"
                     for k, v in (fields or {}).items() if line.get(k) != v]
    problems += [f"line {i!r} should not be there" for i in expect.get("no_items", []) if i in by_id]
    local = {x.get("local") for part in ("reasons", "warnings", "items") for x in result[part]}
    problems += [f"no notice of local document {d!r}" for d in expect.get("local", []) if d not in local]
    said = " | ".join([result["answer"]] + [r["text"] for r in result["reasons"]]).lower()
    problems += [f"{w!r} is said: {said}" for w in expect.get("absent", []) if w.lower() in said]
    return problems
