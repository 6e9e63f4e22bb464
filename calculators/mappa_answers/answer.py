"""The answer a person reads, from the outcome JSON of ``mappa_rules.evaluate``.

Every calculator's answer has the same shape, in this order:

1. the plain answer (one or two sentences; the outcome code stays in the JSON and the record);
2. **What to do now**: the actions, who does each and by when, and the next calculator to use;
3. **Take care**: warnings, never folded;
4. **Dates** that can be worked out, as ``10 May 2028``, marked ``(passed)`` before today;
5. the checklist: duties under "You must" / "You should" / "You may" (these come before the dates:
   the duties are what to do now), or a record's lines under missing / in the record / does not
   apply, or other points;
6. **Why**: the reasons, each with links to its paragraphs;
7. **Who decides**, and on what factors;
8. folded (``<details>``, with a count): where the guidance is unclear, what to check outside the
   guidance, and dates that cannot be worked out yet.

A part with nothing in it is left out.  Only ``text``, ``paras``, ``strength``, ``status``,
``local``, ``note`` and ``who`` of a checklist line are shown; ``id``, ``group``, ``kind`` and any
other key stay in the JSON.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Mapping

from .markup import (Abbreviations, Html, answers_fragment, capital, count, date_text, el, escape, join, local_source,
                     paragraph_links, plain, sentence)

#: Checklist groups of a duty list, in order: (strength, heading when the reader does it,
#: heading when each line says who does it).
STRENGTHS: tuple[tuple[str, str, str], ...] = (
    ("must", "You must", "Must be done"),
    ("should", "You should", "Should be done"),
    ("may", "You may", "May be done"),
)

#: Checklist groups of a record (the disclosure record), in order: (status, heading).
STATUSES: tuple[tuple[str, str], ...] = (
    ("missing", "Missing from the record"),
    ("met", "In the record"),
    ("not_applicable", "Does not apply to this case"),
)

#: What a line that is not a "must" says after its text.
STRENGTH_NOTE = {"should": "recommended", "may": "optional"}


def _list(items: Iterable[Any], render, cls: str, tag: str = "ul") -> Html:
    return el(tag, {"class": cls}, [el("li", None, render(i)) for i in items])


def _part(cls: str, title: str, *body: Any) -> Html:
    return el("section", {"class": f"mappa-part {cls}"}, el("h3", None, title), *body)


def _fold(cls: str, title: str, n: int, *body: Any) -> Html:
    return el("details", {"class": f"mappa-fold {cls}"}, el("summary", None, f"{title} ({n})"), *body)


def _outside(item: Mapping[str, Any]) -> Html | None:
    """``Outside the guidance: ...`` for the acts and pages an item rests on besides the guidance."""
    refs = [r for r in item.get("external") or () if isinstance(r, str) and r]
    if not refs:
        return None
    shown = []
    for r in refs:
        if r.startswith(("https://", "http://")):
            host = r.split("/")[2].removeprefix("www.")
            shown.append(el("a", {"class": "mappa-external-link", "href": r}, host))
        else:
            shown.append(r)
    return el("span", {"class": "mappa-external"}, "Outside the guidance: ", join(shown, "; "), ".")


def _local(item: Mapping[str, Any]) -> Html | None:
    source = local_source(item)
    return el("span", {"class": "mappa-local"}, source) if source else None


class _Answer:
    def __init__(self, result: Mapping[str, Any], today: _dt.date | None, site_root: str) -> None:
        self.r = result
        self.today = today
        self.root = site_root

    def paras(self, item: Mapping[str, Any]) -> Html | None:
        return paragraph_links(item.get("paras") or (), self.root)

    def cited(self, item: Mapping[str, Any]) -> Html:
        """A reason, warning or caveat: its text, paragraphs, sources outside the guidance, local practice."""
        return join([el("span", {"class": "mappa-text"}, item.get("text", "")), " ", self.paras(item),
                     " " if item.get("external") else None, _outside(item), " " if local_source(item) else None,
                     _local(item)])

    # 2. What to do now -------------------------------------------------------------------------

    def action(self, a: Mapping[str, Any]) -> Html:
        note = STRENGTH_NOTE.get(a.get("strength") or "must")
        meta = []
        if a.get("who"):
            meta.append(el("span", {"class": "mappa-who"}, el("span", {"class": "mappa-key"}, "Who: "), capital(a["who"])))
        by = [date_text(a["by"], self.today)] if a.get("by") else []
        if a.get("by_text"):
            by.append(a["by_text"])
        if by:
            meta.append(el("span", {"class": "mappa-by"}, el("span", {"class": "mappa-key"}, "By: "), ", ".join(by)))
        return join([
            el("p", {"class": "mappa-todo-text"}, sentence(a.get("text", ""), note=note or "")),
            el("p", {"class": "mappa-todo-meta"}, join(meta, " ")) if meta else None,
            el("p", {"class": "mappa-todo-paras"}, self.paras(a)) if a.get("paras") else None,
        ])

    def link(self, link: Mapping[str, Any]) -> Html:
        calc = str(link.get("calculator", ""))
        answers = link.get("answers") or {}
        href = f"{self.root}calculators/{calc}/" + (answers_fragment(answers) if answers else "")
        return join([el("a", {"class": "mappa-next-link", "href": href}, link.get("text") or calc),
                     " " if answers else None,
                     el("span", {"class": "mappa-next-note"}, "(your answers that apply are filled in)") if answers else None])

    def todo(self) -> Html | None:
        actions = [a for a in self.r.get("actions") or () if isinstance(a, Mapping)]
        links = [k for k in self.r.get("links") or () if isinstance(k, Mapping) and k.get("calculator")]
        if not actions and not links:
            return None
        return _part("mappa-todo", "What to do now",
                     _list(actions, self.action, "mappa-todo-list", "ol") if actions else None,
                     el("p", {"class": "mappa-next-lead"}, "Next:" if actions else "Use next:") if links else None,
                     _list(links, self.link, "mappa-next") if links else None)

    # 3. Take care ------------------------------------------------------------------------------

    def warnings(self) -> Html | None:
        items = self.r.get("warnings") or []
        return _part("mappa-warnings-part", "Take care", _list(items, self.cited, "mappa-warnings")) if items else None

    # 4. Dates --------------------------------------------------------------------------------

    def date(self, d: Mapping[str, Any]) -> Html:
        detail = [sentence(d.get("rule", ""))]
        if d.get("who"):
            detail += [" ", el("span", {"class": "mappa-who"}, f"Who: {capital(d['who'])}.")]
        if d.get("reading"):
            detail += [" ", el("span", {"class": "mappa-reading"}, f"Reading used: {sentence(d['reading'], capitals=False)}")]
        return join([
            el("p", {"class": "mappa-date-line"}, el("span", {"class": "mappa-date-label"}, d.get("label", "")), ": ",
               el("strong", {"class": "mappa-date-value"}, date_text(d.get("date"), self.today))),
            el("p", {"class": "mappa-rule"}, join(detail), " ", self.paras(d)),
        ])

    def dates(self) -> Html | None:
        known = [d for d in self.r.get("dates") or () if d.get("date")]
        return _part("mappa-dates-part", "Dates", _list(known, self.date, "mappa-dates")) if known else None

    def unknown_date(self, d: Mapping[str, Any]) -> Html:
        who = [" ", el("span", {"class": "mappa-who"}, f"Who: {capital(d['who'])}.")] if d.get("who") else []
        return join([el("span", {"class": "mappa-date-label"}, d.get("label", "")), ": ", sentence(d.get("rule", "")), *who,
                     " ", self.paras(d)])

    # 5. Checklist ----------------------------------------------------------------------------

    def line(self, item: Mapping[str, Any], with_strength: bool = True) -> Html:
        note = STRENGTH_NOTE.get(item.get("strength") or "") if with_strength else None
        return join([
            el("span", {"class": "mappa-text"}, sentence(item.get("text", ""), note=note or "")),
            " " if item.get("who") else None,
            el("span", {"class": "mappa-who"}, f"Who: {capital(str(item['who']))}.") if item.get("who") else None,
            " ", self.paras(item),
            " " if local_source(item) else None, _local(item),
            el("span", {"class": "mappa-note"}, item["note"]) if item.get("note") else None,
        ])

    def checklist(self) -> tuple[str, list[Html]]:
        """The checklist's kind (``record``, ``duties``, ``points``, or ``""`` when there is none) and its parts."""
        items = [i for i in self.r.get("items") or () if isinstance(i, Mapping) and i.get("text")]
        if not items:
            return "", []
        if any(i.get("status") for i in items):
            return "record", self._groups(items, "status", [(s, title) for s, title in STATUSES],
                                          "mappa-record-lines", lambda i: self.line(i))
        if any(i.get("strength") for i in items):
            by_who = any(i.get("who") for i in items)
            groups = [(s, who_title if by_who else title) for s, title, who_title in STRENGTHS]
            return "duties", self._groups(items, "strength", groups, "mappa-duties", lambda i: self.line(i, False))
        return "points", [_part("mappa-points-part", "What follows from this", _list(items, self.line, "mappa-points"))]

    def _groups(self, items, key: str, groups, cls: str, render) -> list[Html]:
        known = {k for k, _ in groups}
        parts = []
        for value, title in groups:
            lines = [i for i in items if i.get(key) == value]
            if lines:
                parts.append(_part(f"{cls}-part mappa-{key}-{value}", f"{title} ({len(lines)})",
                                   _list(lines, render, cls)))
        rest = [i for i in items if i.get(key) not in known]
        if rest:
            parts.append(_part(f"{cls}-part", "Also", _list(rest, self.line, cls)))
        return parts

    # 6-7. Why, who decides ---------------------------------------------------------------------

    def reasons(self) -> Html | None:
        items = self.r.get("reasons") or []
        return _part("mappa-reasons-part", "Why", _list(items, self.cited, "mappa-reasons")) if items else None

    def decider(self, d: Mapping[str, Any]) -> Html:
        factors = [f for f in d.get("factors") or () if f]
        return join([
            el("strong", None, d.get("who", "")), " decides ", d.get("decides", ""), ". ", self.paras(d),
            el("p", {"class": "mappa-factors-lead"}, "On these factors:") if factors else None,
            _list(factors, lambda f: f, "mappa-factors") if factors else None,
        ])

    def deciders(self) -> Html | None:
        items = self.r.get("deciders") or []
        return _part("mappa-deciders-part", "Who decides", _list(items, self.decider, "mappa-deciders")) if items else None

    # 8. Folded -------------------------------------------------------------------------------

    def flag(self, f: Mapping[str, Any]) -> Html:
        readings = [r for r in f.get("readings") or () if r]
        return join([self.cited(f),
                     el("p", {"class": "mappa-readings-lead"}, "The possible readings:") if readings else None,
                     _list(readings, lambda r: r, "mappa-readings", "ol") if readings else None])

    def folded(self) -> list[Html]:
        flags = self.r.get("flags") or []
        caveats = self.r.get("caveats") or []
        later = [d for d in self.r.get("dates") or () if not d.get("date")]
        return [part for part in (
            _fold("mappa-flags-part", "Where the guidance is unclear", len(flags),
                  _list(flags, self.flag, "mappa-flags")) if flags else None,
            _fold("mappa-caveats-part", "Check outside the guidance", len(caveats),
                  _list(caveats, self.cited, "mappa-caveats")) if caveats else None,
            _fold("mappa-later-part", "Dates that cannot be worked out yet", len(later),
                  _list(later, self.unknown_date, "mappa-later-dates")) if later else None,
        ) if part]

    def render(self) -> Html:
        kind, checklist = self.checklist()
        duties_first = kind == "duties"  # "You must" is what to do now: before the dates
        return join([
            el("p", {"class": "mappa-answer"}, el("strong", None, self.r.get("answer", ""))),
            self.todo(),
            self.warnings(),
            *(checklist if duties_first else ()),
            self.dates(),
            *(() if duties_first else checklist),
            self.reasons(),
            self.deciders(),
            *self.folded(),
        ], "\n")


def _today(today: Any) -> _dt.date | None:
    if isinstance(today, _dt.datetime):
        return today.date()
    if isinstance(today, _dt.date):
        return today
    if isinstance(today, str):
        try:
            return _dt.date.fromisoformat(today[:10])
        except ValueError:
            return None
    return None


def render_answer(result: Mapping[str, Any], today: _dt.date | str | None = None, *,
                  site_root: str = "../../", abbreviations: Abbreviations | None = None) -> str:
    """The answer as HTML, from a result of ``mappa_rules.evaluate`` (an ``ok`` result).

    ``today`` (a date or an ISO text) marks dates before it ``(passed)``; None marks nothing.
    ``site_root`` is the relative path from the page showing the answer to the site root (paragraph
    links go to ``<site_root>guidance/<chapter>/#para-...``, links to another calculator to
    ``<site_root>calculators/<id>/#answers=...``): ``../../`` on a calculator page.
    ``abbreviations``: the glossary's, each then in an ``<abbr title>`` with its meaning (the
    site's script makes that a tooltip); None marks none.
    A result that is not ``ok`` gives an empty text (the form shows the field errors).
    """
    if not result or not result.get("ok"):
        return ""
    html = _Answer(result, _today(today), site_root).render()
    return str(abbreviations.mark(html) if abbreviations else html)


def live_summary(result: Mapping[str, Any]) -> str:
    """What a screen reader hears when the answer changes: ``Answer updated: Category 2 (...). 3
    dates, 2 points where the guidance is unclear.``  Plain text (not HTML)."""
    if not result or not result.get("ok"):
        return ""
    answer = plain(result.get("answer", "")).strip()
    first = answer.split(". ")[0].rstrip(".")
    counts = []
    n = len(result.get("actions") or [])
    if n:
        counts.append(count(n, "thing to do now", "things to do now"))
    n = sum(1 for d in result.get("dates") or () if d.get("date"))
    if n:
        counts.append(count(n, "date", "dates"))
    n = len(result.get("flags") or [])
    if n:
        counts.append(count(n, "point where the guidance is unclear", "points where the guidance is unclear"))
    return f"Answer updated: {first}." + (f" {', '.join(counts)}." if counts else "")


__all__ = ["escape", "live_summary", "render_answer"]
