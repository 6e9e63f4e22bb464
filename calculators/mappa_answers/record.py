"""The decision record: what a person prints to keep with the case.

The answers that count (a question that is hidden, or that cannot change the outcome, is left
out), the outcome with its code, what to do now with dates, the checklist with each line's status,
the reasons with their paragraph numbers, who decides, what is unclear or outside the guidance,
the guidance edition, the date and time, "not legal advice", and blank lines for the case reference
and the name of the person completing it (the page copies what was typed there into those lines
when printing; nothing is stored).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from mappa_rules.core import Question, long_date, validate

from .answer import STATUSES, STRENGTH_NOTE, STRENGTHS
from .markup import Html, capital, date_text, el, join, local_source, paragraph_numbers

NOTICE = ("This is not legal advice. It records what the calculator said about the answers below; where "
          "the guidance leaves a decision to a person or a meeting, they decide.")

#: The blank lines of a record, filled in by hand or from the page: (field name, label).
BLANKS: tuple[tuple[str, str], ...] = (("case-reference", "Case reference"), ("completed-by", "Completed by"))

_YESNO = {"yes": "Yes", "no": "No", "unknown": "I don't know"}


def _value_text(q: Question, value: Any) -> str:
    if q.type == "yesno":
        return _YESNO.get(str(value), str(value))
    if q.type in ("choice", "multi"):
        labels = {c.value: c.label for c in q.choices}
        values = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(v, str(v)) for v in values)
    if q.type == "date":
        return long_date(value) if isinstance(value, _dt.date) else str(value)
    if q.type == "number":
        shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        return f"{shown} {q.unit}" if q.unit else shown
    return str(value)


def _answers(questions: tuple[Question, ...], clean: Mapping[str, Any]) -> Html:
    rows = []
    for q in questions:
        if q.id not in clean:
            continue
        rows.append(el("dt", None, q.text))
        if q.type == "list":
            rows.append(el("dd", None, [
                join([el("p", {"class": "mappa-record-item"}, f"{capital(q.item_label)} {i + 1}"), _answers(q.fields, item)])
                for i, item in enumerate(clean[q.id])
            ]))
        else:
            rows.append(el("dd", None, _value_text(q, clean[q.id])))
    return el("dl", {"class": "mappa-record-answers"}, rows)


def _block(title: str, lines: list[Any]) -> Html | None:
    if not lines:
        return None
    return join([el("h3", None, title), el("ul", None, [el("li", None, line) for line in lines])])


def _cited(item: Mapping[str, Any]) -> str:
    text = str(item.get("text", "")) + paragraph_numbers(item.get("paras") or ())
    if item.get("external"):
        text += " Outside the guidance: " + "; ".join(str(e) for e in item["external"]) + "."
    if local_source(item):
        text += " " + local_source(item)
    return text


def _checklist(items: list[Mapping[str, Any]]) -> list[Any]:
    status_word = dict(STATUSES)
    strength_word = {s: title for s, title, _ in STRENGTHS}
    lines = []
    for i in items:
        if not i.get("text"):
            continue
        lead = status_word.get(i.get("status") or "") or strength_word.get(i.get("strength") or "") or ""
        note = STRENGTH_NOTE.get(i.get("strength") or "") if i.get("status") else None
        text = str(i["text"]) + (f" ({note})" if note else "")
        if i.get("who"):
            text += f" Who: {capital(str(i['who']))}."
        text += paragraph_numbers(i.get("paras") or ())
        if local_source(i):
            text += " " + local_source(i)
        if i.get("note"):
            text += f" {i['note']}"
        lines.append(join([el("strong", None, f"{lead}: ") if lead else None, text]))
    return lines


def _outcome(result: Mapping[str, Any], today: _dt.date | None) -> list[Any]:
    def action(a: Mapping[str, Any]) -> str:
        text = str(a.get("text", ""))
        note = STRENGTH_NOTE.get(a.get("strength") or "must")
        text += f" ({note})" if note else ""
        if a.get("who"):
            text += f" Who: {capital(str(a['who']))}."
        by = ([date_text(a["by"], today)] if a.get("by") else []) + ([str(a["by_text"])] if a.get("by_text") else [])
        if by:
            text += f" By: {', '.join(by)}."
        return text + paragraph_numbers(a.get("paras") or ())

    def date(d: Mapping[str, Any]) -> str:
        when = date_text(d["date"], today) if d.get("date") else "cannot be worked out yet"
        who = f" Who: {capital(str(d['who']))}." if d.get("who") else ""
        return f"{d.get('label', '')}: {when}. {d.get('rule', '')}{who}{paragraph_numbers(d.get('paras') or ())}"

    def flag(f: Mapping[str, Any]) -> str:
        readings = [r for r in f.get("readings") or () if r]
        return _cited(f) + (" Readings: " + " ".join(f"{n}) {r}" for n, r in enumerate(readings, 1)) if readings else "")

    def decider(d: Mapping[str, Any]) -> str:
        factors = [f for f in d.get("factors") or () if f]
        return (f"{d.get('who', '')} decides {d.get('decides', '')}" + (f", on: {'; '.join(factors)}" if factors else "")
                + "." + paragraph_numbers(d.get("paras") or ()))

    return [
        el("h3", None, "Outcome"),
        el("p", {"class": "mappa-record-outcome"}, str(result.get("answer", "")), " ",
           el("span", {"class": "mappa-record-code"}, f"(outcome code {result.get('outcome', '')})")),
        _block("What to do now", [action(a) for a in result.get("actions") or ()]),
        _block("Next", [str(k.get("text", "")) for k in result.get("links") or ()]),
        _block("Take care", [_cited(w) for w in result.get("warnings") or ()]),
        _block("Dates", [date(d) for d in result.get("dates") or ()]),
        _block("Checklist", _checklist(list(result.get("items") or ()))),
        _block("Reasons", [_cited(r) for r in result.get("reasons") or ()]),
        _block("Who decides", [decider(d) for d in result.get("deciders") or ()]),
        _block("Where the guidance is unclear", [flag(f) for f in result.get("flags") or ()]),
        _block("Check outside the guidance", [_cited(c) for c in result.get("caveats") or ()]),
    ]


def render_record(calculator_id: str, answers: Any, result: Mapping[str, Any] | None,
                  now: _dt.datetime | str | None = None) -> str:
    """The printable decision record of one calculator's answers, as HTML.

    ``answers``: the answers as given (any JSON value; the ones that count are listed, in the
    calculator's question order, as the form shows them).  ``result``: what
    ``mappa_rules.evaluate(calculator_id, answers)`` returned (None, or not ``ok``: the record says
    that there is no answer yet).  ``now``: when the record is made (a datetime or ISO text; the
    record shows its date and time, and marks dates before it ``(passed)``); None: no date shown.
    """
    import mappa_rules

    calc = mappa_rules.CALCULATORS[calculator_id]
    when = _now(now)
    clean, _ = validate(calc, answers if isinstance(answers, dict) else {})
    made = "Made with MAPPA Navigator"
    if when is not None:
        made += f" on {long_date(when.date())} at {when.strftime('%H:%M')}"
    parts: list[Any] = [
        el("h2", None, f"Decision record: {calc.title}"),
        el("p", None, f"{made}. Guidance: {mappa_rules.GUIDANCE_EDITION}."),
        el("p", {"class": "mappa-record-notice"}, NOTICE),
        el("div", {"class": "mappa-record-blanks"}, [
            el("p", None, f"{label}: ", el("span", {"class": "mappa-record-blank", "data-fill": name}))
            for name, label in BLANKS
        ]),
        el("h3", None, "Answers"),
        _answers(calc.questions, clean),
    ]
    if result and result.get("ok"):
        parts += _outcome(result, when.date() if when else None)
    else:
        parts.append(el("p", None, "No answer yet: some questions are unanswered or need correcting."))
    return str(join(parts, "\n"))


def _now(now: Any) -> _dt.datetime | None:
    if isinstance(now, _dt.datetime):
        return now
    if isinstance(now, _dt.date):
        return _dt.datetime(now.year, now.month, now.day)
    if isinstance(now, str):
        try:
            return _dt.datetime.fromisoformat(now)
        except ValueError:
            return None
    return None
