"""Expectations of a scenario beyond those of ``scenario_data.check``: checklist lines, actions, links to
the next calculator, questions reported as not needed, and notices about local documents.

Keys of a scenario's ``expect`` (each optional)::

    items:                       # lines of the checklist or duty list, by id
      attend: {strength: must}   # the line exists and has these fields
    no_items: [article8]         # no line has this id
    actions: ["MAPPA Co-ordinator"]    # each is a phrase of some action's text
    links: {disclosure: {asker: dtc_agency}}  # a link to that calculator carrying at least these answers
    not_needed: [decision]       # each is listed in the result's not_needed
    local: ["001"]               # some reason, warning or line rests on this local document
"""

from __future__ import annotations

from typing import Any

EXTRA_KEYS = ("items", "no_items", "actions", "links", "not_needed", "local")


def has_extras(expect: dict[str, Any]) -> bool:
    return any(k in expect for k in EXTRA_KEYS)


def check_extras(result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    if not result.get("ok"):
        return [f"unexpected errors: {result.get('errors')}"]
    problems: list[str] = []
    by_id = {i.get("id"): i for i in result["items"]}
    for item_id, fields in (expect.get("items") or {}).items():
        line = by_id.get(item_id)
        if line is None:
            problems.append(f"no line {item_id!r}; lines: {sorted(map(str, by_id))}")
            continue
        for key, value in (fields or {}).items():
            if line.get(key) != value:
                problems.append(f"line {item_id}: {key} is {line.get(key)!r}, expected {value!r}")
    for item_id in expect.get("no_items", []):
        if item_id in by_id:
            problems.append(f"line {item_id!r} should not be there")
    texts = [a["text"].lower() for a in result["actions"]]
    for phrase in expect.get("actions", []):
        if not any(phrase.lower() in t for t in texts):
            problems.append(f"no action mentions {phrase!r}; actions: {texts}")
    for calc, answers in (expect.get("links") or {}).items():
        links = [l for l in result["links"] if l["calculator"] == calc]
        if not links:
            problems.append(f"no link to {calc!r}; links: {result['links']}")
        elif not any(all(l["answers"].get(k) == v for k, v in (answers or {}).items()) for l in links):
            problems.append(f"the link to {calc!r} does not carry {answers}; it carries {[l['answers'] for l in links]}")
    for name in expect.get("not_needed", []):
        if name not in result["not_needed"]:
            problems.append(f"{name!r} not reported as not needed; not_needed: {result['not_needed']}")
    shown_local = {x.get("local") for part in ("reasons", "warnings", "items") for x in result[part]} - {None}
    for code in expect.get("local", []):
        if code not in shown_local:
            problems.append(f"nothing rests on local document {code}; local documents shown: {sorted(shown_local)}")
    return problems
