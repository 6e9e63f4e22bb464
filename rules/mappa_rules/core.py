"""The rule core: questions declared as data, validation, and the outcome shape.

Every calculator module declares a ``CALCULATOR`` (a :class:`Calculator`): its questions and a
``decide`` function.  ``decide`` receives answers that have already been validated and normalised
(see :func:`validate`), and returns an :class:`Outcome`.  Nothing here raises on bad input: the
public entry point :func:`mappa_rules.evaluate` turns any JSON value into either an outcome or a
list of field errors.

Standard library only: this module runs unchanged in CPython and in Pyodide.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping

# ---------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------

#: Paragraph numbers that the official guidance prints twice (guidance-source-structure 7.1).
#: A citation of one of these must say which occurrence it means.
DUPLICATED_NUMBERS: frozenset[str] = frozenset({"9.10", "9.11", "10.23", "20.28", "24.36"})

_NUMBER = re.compile(r"^(\d{1,2}[ab]?)\.(\d{1,3})$")
ANCHOR_PATTERN = re.compile(r"^para-\d{1,2}[ab]?-\d{1,3}(-[2-9])?$")


def p(number: str, occurrence: int | None = None) -> str:
    """The anchor of paragraph ``number`` of the national guidance: ``p("20.3") == "para-20-3"``.

    For a number the guidance uses twice, say which occurrence: ``p("10.23", 2) == "para-10-23-2"``.
    """
    m = _NUMBER.match(number)
    if not m:
        raise ValueError(f"not a paragraph number: {number!r}")
    if number in DUPLICATED_NUMBERS and occurrence is None:
        raise ValueError(f"paragraph {number} appears twice in the guidance: say which occurrence")
    if number not in DUPLICATED_NUMBERS and occurrence not in (None, 1):
        raise ValueError(f"paragraph {number} appears only once in the guidance")
    anchor = f"para-{m.group(1).lower()}-{m.group(2)}"
    if occurrence and occurrence > 1:
        anchor += f"-{occurrence}"
    return anchor


def ps(*numbers: str) -> tuple[str, ...]:
    """Anchors of several paragraphs that are not duplicated numbers: ``ps("6.8", "6.9")``."""
    return tuple(p(n) for n in numbers)


def paragraph_label(anchor: str) -> str:
    """The number as printed, from an anchor: ``para-10-23-2`` -> ``10.23 (second use)``."""
    parts = anchor.split("-")
    label = f"{parts[1]}.{parts[2]}"
    if len(parts) == 4:
        label += " (second use of this number)" if parts[3] == "2" else f" (use {parts[3]})"
    return label


# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------

QuestionType = Literal["yesno", "choice", "multi", "date", "number", "text", "list"]
YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    help: str = ""


# Answers that several calculators ask for in the same words.

#: The four MAPPA categories (6.1).
CATEGORY_CHOICES: tuple[Choice, ...] = (
    Choice("1", "Category 1 (registered sexual offender)"),
    Choice("2", "Category 2 (violent or other sexual offender)"),
    Choice("3", "Category 3 (other dangerous offender)"),
    Choice("4", "Category 4 (terrorist or terrorism-risk offender)"),
    Choice("unknown", "I don't know"),
)

#: The lead agency of a case (who it is matters to 20.16 and 21.16).
LEAD_AGENCY_CHOICES: tuple[Choice, ...] = (
    Choice("probation", "Probation Service"), Choice("yot", "Youth Offending Team"), Choice("police", "Police"),
    Choice("mental_health", "Mental health service"), Choice("other", "Another agency or not known"),
)

#: How an answer names each lead agency.
LEAD_AGENCY_NAMES: dict[str, str] = {
    "probation": "the Probation Service",
    "yot": "the Youth Offending Team",
    "police": "the police",
    "mental_health": "the mental health service",
    "other": "the lead agency",
}


def lead_agency_name(value: str | None) -> str:
    """``the Probation Service`` for ``probation``; ``the lead agency`` when it is not known."""
    return LEAD_AGENCY_NAMES.get(value or "other", "the lead agency")


#: The older local documents of ``shared/seeds`` that some answers compare with the national
#: guidance, named in words (an answer never shows the file number).  Their facts only, in our words.
LOCAL_DOCUMENTS: dict[str, str] = {
    "000": "a housing association's MAPPA lettings policy",
    "001": "a regional duty-to-co-operate memorandum",
    "002": "a county child-protection procedure (Dorset)",
    "004": "a police force's MAPPA questions-and-answers page",
}


def local_document_title(code: str) -> str:
    """``a housing association's MAPPA lettings policy`` for ``000``."""
    return LOCAL_DOCUMENTS.get(code, "a local document")


@dataclass(frozen=True)
class LocalConflict:
    """A rule of a local document (``code``, a key of :data:`LOCAL_DOCUMENTS`) that contradicts the national
    guidance: what the local document ``says`` (in our words) and the ``national`` rule that prevails, with its
    paragraphs."""

    code: str
    says: str
    national: str
    paras: tuple[str, ...]


#: Local rules that contradict the national guidance on a point a calculator decides; an answer that decides
#: the point shows the notice (:meth:`Outcome.local_notice`).
LOCAL_CONFLICTS: dict[str, LocalConflict] = {
    "no_protocol_no_sharing": LocalConflict(
        "001", "no information may be exchanged with agencies outside the duty to co-operate unless a local "
        "information-sharing protocol is in place",
        "that information sharing with an Associate agency to manage an identified risk should still take place "
        "even if there is no data-sharing agreement (9.12)", (p("9.12"), p("9.11", 2))),
    "every_disclosure_reported": LocalConflict(
        "001", "every disclosure must be reported to the MAPPA Co-ordinator",
        "that it is not necessary to tell the MAPPA Co-ordinator about disclosure decisions for Level 1 cases, as "
        "long as they are recorded on the lead agency's case management system and made available if required "
        "(10.5)", (p("10.5"),)),
    "attend_when_relevant": LocalConflict(
        "000", "the association attends MAPPA meetings when it judges this relevant, or when its contribution would "
        "be useful", "that representatives of duty-to-co-operate agencies involved with the offender must attend "
        "MAPPA meetings (3.8)", (p("3.8"),)),
    "scr_offences_without_conspiracies": LocalConflict(
        "001", "the only review offences are murder, manslaughter, rape and attempts at them, without conspiracy to "
        "commit murder or rape", "that conspiracy to commit murder and conspiracy to commit rape are among the seven "
        "offences of 20.3, so this charge can make a review mandatory", (p("20.3"),)),
    "scr_window_before_offence_only": LocalConflict(
        "001", "only management at Level 2 or 3 in the 28 days before the new offence counts",
        "that management at Level 2 or 3 on the day the offence was committed counts too (20.3), as here",
        (p("20.3"),)),
    "sar_exemption_25_to_35": LocalConflict(
        "001", "the exemption is for people aged 25 to 35 in a self-contained home, under the Housing Benefit rules "
        "of its time", "that for Universal Credit the exemption is for people under 35, with no lower age (21.15); "
        "the 25 to 34 of 14.24 is shown as a conflict", (p("21.15"),)),
    "mappa_j_sent_by_probation_and_police": LocalConflict(
        "001", "the Probation Service and the police send the form",
        "that the lead agency sends it, whichever agency that is (21.23)", (p("21.23"),)),
    "mappa_j_six_weeks_before_release": LocalConflict(
        "001", "the Probation Service sends the form six weeks before release",
        "that the MAPPA J goes before release, once the licence conditions are set, with no fixed number of weeks "
        "(21.23)", (p("21.23"),)),
    "mappa_j_receipt_slip": LocalConflict(
        "001", "Jobcentre Plus sends back a slip to say the form arrived",
        "that the DWP single point of contact contacts the offender manager within five working days to confirm "
        "receipt (21.24)", (p("21.24"),)),
}

#: Who decides a disclosure to a third party (10.5, 10.7), named the same way in every answer.
LEAD_AGENCY_OR_MEETING = "The lead agency (Level 1) or the MAPPA meeting (Levels 2 and 3)"
#: What every disclosure decision weighs (10.11).
PRIVACY_BALANCE = ("the need to protect the public against the person's right to privacy",)
#: The person using a calculator, as the one who acts (``Outcome.action(who=...)``).
YOU = "You (your agency)"


@dataclass(frozen=True)
class When:
    """Show a question only when an earlier answer is one of ``values``.

    Inside a repeatable list, ``question`` names a field of the same item.  With ``negate`` the
    question shows when the answer is *not* one of ``values`` (an unanswered question counts as not
    one of them).
    """

    question: str
    values: tuple[str, ...]
    negate: bool = False

    def holds(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.question)
        if isinstance(value, list):  # multi: any selected value matches
            hit = any(v in self.values for v in value)
        else:
            hit = value in self.values
        return hit != self.negate


#: Local rules that contradict the national guidance on the points the eligibility calculators decide (the
#: category, the level, the end of MAPPA status and each agency's key dates).
LOCAL_CONFLICTS.update({
    "three_categories": LocalConflict(
        "000", "there are three MAPPA categories, with no Category 4",
        "that there are four categories, and that terrorist and terrorism-risk offenders are Category 4 (6.1)",
        (p("6.1"),)),
    "terrorist_offenders_category_2_or_3": LocalConflict(
        "001", "terrorist offenders are managed under Category 2 or 3",
        "that they are Category 4 (6.23)", (p("6.23"),)),
    "disqualification_order_category_2": LocalConflict(
        "000", "people disqualified from working with children are Category 2",
        "that a stand-alone disqualification order no longer brings anyone into MAPPA (6.29)", (p("6.29"),)),
    "disqualification_order_category_2_memorandum": LocalConflict(
        "001", "disqualification orders bring people into Category 2 (though it also says they were removed in 2015)",
        "that a stand-alone disqualification order no longer brings anyone into MAPPA (6.29)", (p("6.29"),)),
    "suspended_sentences_left_out": LocalConflict(
        "002", "Category 2 needs a prison or detention sentence, and it leaves suspended sentences out",
        "that a suspended sentence of 12 months or more qualifies (6.8)", (p("6.8"),)),
    "over_twelve_months": LocalConflict(
        "004", "Category 2 needs a custodial sentence of over twelve months",
        "that 12 months or more qualifies, so exactly 12 months is enough (6.8)", (p("6.8"),)),
    "category_3_link_test": LocalConflict(
        "000", "Category 3 needs a link between the offending and the current risk",
        "that the current risks need not relate directly to the offence (6.13)", (p("6.13"),)),
    "domestic_abuse_automatic": LocalConflict(
        "000", "domestic abuse is one of the types of offence MAPPA covers",
        "that domestic abuse perpetrators who are not automatically MAPPA offenders must be considered for Category "
        "3: it is not automatic (6.16)", (p("6.16"),)),
    "category_3_at_level_1": LocalConflict(
        "002", "Category 1, 2 or 3 offenders can be managed at Level 1, 2 or 3",
        "that Category 3 and discretionary Category 4 cases are managed only at Level 2 or 3 (6.13, 7.6)",
        (p("6.13"), p("7.6"))),
    "housing_category_3_at_level_1": LocalConflict(
        "000", "the association may house Category 1, 2 or 3 offenders at Level 1, 2 or 3, and it names no "
        "Category 4", "that Category 3 and discretionary Category 4 cases are managed only at Level 2 or 3 (6.13, "
        "7.6)", (p("6.13"), p("7.6"))),
    "level_3_by_risk_or_media_only": LocalConflict(
        "001", "Level 3 is for high-risk cases needing senior co-operation, or for cases of media or public interest",
        "that a national security dimension, or a high-risk offender in serious organised crime, is also a "
        "criterion for Level 3 (7.6)", (p("7.6"),)),
    "level_2_needs_high_risk": LocalConflict(
        "002", "Level 2 needs a high or very high risk and active multi-agency management",
        "that formal meetings must add value and one of four conditions apply: a lower-risk case can exceptionally "
        "qualify, and so can the need for senior oversight or a step down from Level 3 (7.5)", (p("7.5"),)),
    "levels_of_risk": LocalConflict(
        "000", "the levels are levels of risk",
        "that the level of management rests on the added value of meetings, not on the level of assessed risk "
        "(7.19, 13a.38)", (p("7.19"), p("13a.38"))),
    "category_2_ends_at_sentence_expiry": LocalConflict(
        "004", "Category 2 cases stop being managed under MAPPA at the sentence expiry date",
        "that a hospital or guardianship order has no sentence expiry date: status ends on absolute discharge or "
        "when a Community Treatment Order expires (6.38)", (p("6.38"),)),
    "hospital_order_status": LocalConflict(
        "001", "MAPPA status lasts as long as the hospital order lasts",
        "that status ends on absolute discharge or when a Community Treatment Order expires, and that a "
        "conditionally discharged patient remains a MAPPA offender (6.38, 26.41)", (p("6.38"), p("26.41"))),
    "mappa_i_at_discharge_planning": LocalConflict(
        "001", "the MAPPA I is sent at the first care programme approach meeting that considers discharge",
        "that the MAPPA I is sent once the patient is admitted through a criminal justice route, and its Part 3 is "
        "updated before the first unescorted leave (26.57, 26.59)", (p("26.57"), p("26.59"))),
    "category_2_ends_on_disqualification_revoked": LocalConflict(
        "001", "Category 2 also ends when a disqualification order is revoked",
        "that disqualification orders no longer bring anyone into MAPPA, so revoking one ends nothing (6.29, 6.38)",
        (p("6.29"), p("6.38"))),
    "category_3_ends_when_actions_complete": LocalConflict(
        "001", "Category 3 ends once all actions are complete and the panel is satisfied that a robust risk "
        "management plan is in place", "that Category 3 ends when a Level 2 or 3 meeting decides that the risk has "
        "reduced enough or that active multi-agency management is no longer needed (6.38)", (p("6.38"),)),
})


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    type: QuestionType
    help: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = True
    when: tuple[When, ...] = ()
    paras: tuple[str, ...] = ()
    # yes/no
    allow_unknown: bool = False
    # number
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = True
    # date
    earliest: str = "1900-01-01"
    latest: str = "2100-12-31"
    # list
    fields: tuple["Question", ...] = ()
    item_label: str = "item"
    min_items: int = 0
    max_items: int = 50
    # text
    max_length: int = 500
    #: Whether this question can still change the outcome, given the (normalised) answers to the
    #: questions before it.  Declared by the rule module beside the rule that makes it irrelevant;
    #: a question that does not matter is not shown, not required, and its answer is ignored.
    #: ``None``: it always matters (when its ``when`` conditions hold).
    matters: Callable[[Mapping[str, Any]], bool] | None = field(default=None, compare=False)
    #: A date question about "now": the form starts with today's date, shown and editable.
    default_today: bool = False

    def shown(self, answers: Mapping[str, Any]) -> bool:
        return all(w.holds(answers) for w in self.when)

    def still_matters(self, answers: Mapping[str, Any]) -> bool:
        """False when the rule module has declared that, given ``answers``, this question cannot
        change the outcome.  Never raises: a declaration that fails counts as "it matters"."""
        if self.matters is None:
            return True
        try:
            return bool(self.matters(answers))
        except Exception:  # a defect in a declaration must not hide a question
            return True

    def allowed_values(self) -> tuple[str, ...]:
        if self.type == "yesno":
            return (YES, NO, UNKNOWN) if self.allow_unknown else (YES, NO)
        return tuple(c.value for c in self.choices)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "type": self.type,
            "help": self.help,
            "required": self.required,
            "when": [{"question": w.question, "values": list(w.values), "negate": w.negate} for w in self.when],
            "paras": list(self.paras),
        }
        if self.type == "yesno":
            labels = {YES: "Yes", NO: "No", UNKNOWN: "I don't know"}
            d["choices"] = [{"value": v, "label": labels[v], "help": ""} for v in self.allowed_values()]
        elif self.choices:
            d["choices"] = [{"value": c.value, "label": c.label, "help": c.help} for c in self.choices]
        if self.type == "number":
            d.update(unit=self.unit, minimum=self.minimum, maximum=self.maximum, integer=self.integer)
        if self.type == "date":
            d.update(earliest=self.earliest, latest=self.latest, default_today=self.default_today)
        if self.type == "text":
            d["max_length"] = self.max_length
        if self.type == "list":
            d.update(
                fields=[f.to_dict() for f in self.fields],
                item_label=self.item_label,
                min_items=self.min_items,
                max_items=self.max_items,
            )
        return d


# ---------------------------------------------------------------------------
# Outcome
# ---------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a calculator returns.  Build it with the helper methods; ``to_dict`` gives the JSON."""

    code: str
    answer: str
    reasons: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    deciders: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    caveats: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)

    def reason(self, text: str, *paras: str, external: tuple[str, ...] = (), local: str = "") -> "Outcome":
        """A reason for the answer, resting on guidance paragraphs (anchors from :func:`p`)."""
        self.reasons.append(_cited(text, paras, external, local))
        return self

    def flag(self, code: str, text: str, *paras: str, readings: tuple[str, ...] = (),
             external: tuple[str, ...] = ()) -> "Outcome":
        """The guidance contradicts itself or is silent here.  ``readings`` shows every reading."""
        item = _cited(text, paras, external, "")
        item["code"] = code
        item["readings"] = list(readings)
        self.flags.append(item)
        return self

    def flags_from(self, table: Mapping[str, tuple[str, tuple[str, ...], tuple[str, ...]]], *codes: str) -> "Outcome":
        """Raise each named flag of ``table`` (code -> (text, paras, readings)) once."""
        seen = {f["code"] for f in self.flags}
        for code in codes:
            if code not in seen:
                seen.add(code)
                text, paras, readings = table[code]
                self.flag(code, text, *paras, readings=readings)
        return self

    def warn(self, text: str, *paras: str, external: tuple[str, ...] = (), local: str = "") -> "Outcome":
        self.warnings.append(_cited(text, paras, external, local))
        return self

    def local_notice(self, conflict: str) -> "Outcome":
        """This answer decides a point on which a local document contradicts the national guidance (a key of
        :data:`LOCAL_CONFLICTS`): name the document in words and give the national rule that prevails (1.2:
        agencies must have regard to the national guidance)."""
        c = LOCAL_CONFLICTS[conflict]
        title = local_document_title(c.code)
        text = (f"{title[:1].upper()}{title[1:]} says {c.says}. The national guidance says {c.national}. "
                "Follow the national guidance.")
        return self.warn(text, *c.paras, p("1.2"), local=c.code)

    def caveat(self, text: str, *paras: str, external: tuple[str, ...] = ()) -> "Outcome":
        """A point outside the guidance that the user must verify; never a rule."""
        self.caveats.append(_cited(text, paras, external, ""))
        return self

    def decided_by(self, who: str, decides: str, factors: tuple[str, ...] = (), *paras: str) -> "Outcome":
        """The guidance leaves this decision to a person or body: say who, and on what factors."""
        self.deciders.append({"who": who, "decides": decides, "factors": list(factors), "paras": list(paras)})
        return self

    def date(self, id: str, label: str, when: _dt.date | None, rule: str, *paras: str,
             who: str = "", reading: str = "") -> "Outcome":
        """A computed date with the rule that produced it (``when`` None: not computable yet)."""
        self.dates.append({
            "id": id,
            "label": label,
            "date": when.isoformat() if when else None,
            "rule": rule,
            "paras": list(paras),
            "who": who,
            "reading": reading,
        })
        return self

    def item(self, **fields: Any) -> "Outcome":
        """A line of a checklist or duty list.  The fields an answer shows: ``text``, ``paras``,
        ``strength`` (``must`` / ``should`` / ``may``), ``status`` (``met`` / ``missing`` /
        ``not_applicable``) for a checklist line, ``local`` (a key of :data:`LOCAL_DOCUMENTS`) for
        local practice, ``note``.  Other fields (``id``, ``group``) stay in the JSON only."""
        self.items.append(fields)
        return self

    def action(self, text: str, *paras: str, who: str = "", by: _dt.date | None = None, by_text: str = "",
               strength: str = "must") -> "Outcome":
        """Something a person must (or should) do now, in the imperative ("Send the MAPPA P to ..."):
        who does it and by when (a date, or in words such as "before release")."""
        self.actions.append({"text": text, "who": who, "by": by.isoformat() if by else None,
                             "by_text": by_text, "strength": strength, "paras": list(paras)})
        return self

    def link(self, calculator: str, text: str, answers: Mapping[str, Any] | None = None) -> "Outcome":
        """Another calculator the person needs next, with the answers this one can carry over."""
        self.links.append({"calculator": calculator, "text": text, "answers": dict(answers or {})})
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.code,
            "answer": self.answer,
            "reasons": self.reasons,
            "flags": self.flags,
            "warnings": self.warnings,
            "deciders": self.deciders,
            "dates": self.dates,
            "caveats": self.caveats,
            "items": self.items,
            "actions": self.actions,
            "links": self.links,
        }


def _cited(text: str, paras: tuple[str, ...], external: tuple[str, ...], local: str) -> dict[str, Any]:
    d: dict[str, Any] = {"text": text, "paras": list(paras)}
    if external:
        d["external"] = list(external)
    if local:
        d["local"] = local
    return d


@dataclass(frozen=True)
class Calculator:
    id: str
    title: str
    summary: str
    questions: tuple[Question, ...]
    decide: Callable[[dict[str, Any]], Outcome]
    paras: tuple[str, ...] = ()
    intro: str = ""
    cross_checks: Callable[[dict[str, Any]], list["FieldError"]] | None = None

    def question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


# ---------------------------------------------------------------------------
# Validation: any JSON in, normalised answers or field errors out
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}
_UNKNOWN = {"unknown", "don't know", "dont know", "not known", "?"}


def _norm_yesno(q: Question, raw: Any) -> tuple[Any, str | None]:
    if isinstance(raw, bool):
        return (YES if raw else NO), None
    if isinstance(raw, str):
        s = raw.strip().lower()
        if s in _TRUE:
            return YES, None
        if s in _FALSE:
            return NO, None
        if s in _UNKNOWN and q.allow_unknown:
            return UNKNOWN, None
    options = "Yes, No or I don't know" if q.allow_unknown else "Yes or No"
    return None, f"Choose {options}."


def _norm_choice(q: Question, raw: Any) -> tuple[Any, str | None]:
    if isinstance(raw, str) and raw.strip() in q.allowed_values():
        return raw.strip(), None
    return None, "Choose one of the options given."


def _norm_multi(q: Question, raw: Any) -> tuple[Any, str | None]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        return None, "Tick the options that apply."
    allowed = q.allowed_values()
    unknown = [v for v in raw if v not in allowed]
    if unknown:
        return None, "One of the ticked options is not one this question offers."
    # keep the declared order, drop repeats
    return [v for v in allowed if v in raw], None


def parse_date(raw: Any) -> _dt.date | None:
    if not isinstance(raw, str):
        return None
    s = raw.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return None
    try:
        return _dt.date.fromisoformat(s)
    except ValueError:
        return None


def _norm_date(q: Question, raw: Any) -> tuple[Any, str | None]:
    d = parse_date(raw)
    if d is None:
        if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
            return None, "This date does not exist: check the day and the month."
        return None, _date_parts_message(raw)
    if d.isoformat() < q.earliest or d.isoformat() > q.latest:
        return None, f"Enter a date between {_human_date(q.earliest)} and {_human_date(q.latest)}."
    return d, None


def _date_parts_message(raw: Any) -> str:
    """What is wrong with a date that is not a date.  The form sends its day, month and year boxes
    as ``year-month-day`` whatever was typed; anything else gets the general message."""
    parts = raw.strip().split("-") if isinstance(raw, str) else []
    if len(parts) == 3:
        year, month, day = (p.strip() for p in parts)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            return f"The date must include a {' and a '.join(missing)}."
        if not all(p.isdigit() for p in (year, month, day)):
            return "Enter the day, month and year in figures."
        if len(year) < 4:
            return "Enter the year in full, for example 1997."
    return "Enter a date as day, month and year, in figures (for example 31 3 2026)."


def long_date(d: _dt.date, weekday: bool = False) -> str:
    """A date as people write it: ``1 March 2028``, or ``Wednesday 1 March 2028`` with the weekday."""
    text = f"{d.day} {d.strftime('%B')} {d.year}"
    return f"{d.strftime('%A')} {text}" if weekday else text


def _human_date(iso: str) -> str:
    return long_date(_dt.date.fromisoformat(iso))


#: Numbers as people type them: ASCII figures, an optional minus sign, thousands commas only
#: between groups of three figures (``1,000``), and a decimal point where the question allows one.
#: Anything else (``1,2``, ``1_2``, ``1e1``, ``١٢``) is a field error, never a guess.
_NUMBER_TEXT = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?", re.ASCII)
#: At most this many figures: larger numbers are refused before any arithmetic (a 400-figure
#: integer would overflow a float).  No question of the guidance needs more than a few.
MAX_NUMBER_FIGURES = 15


def _number_syntax_message(q: Question, text: str) -> str:
    of_unit = f" of {q.unit}" if q.unit else ""
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        return f"Enter the number{of_unit} using the figures 0 to 9."
    if "," in text:
        return "Write the number without commas, or with a comma between each group of three figures (1,000)."
    return f"Enter the number{of_unit} in figures, for example 12."


def _norm_number(q: Question, raw: Any) -> tuple[Any, str | None]:
    of_unit = f" of {q.unit}" if q.unit else ""
    value: int | float | None = None
    if isinstance(raw, bool):
        return None, f"Enter a number{of_unit}, in figures."
    if isinstance(raw, int):
        if len(str(abs(raw))) > MAX_NUMBER_FIGURES:
            return None, _too_large_message(q)
        value = raw
    elif isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return None, f"Enter a number{of_unit}, in figures."
        if abs(raw) >= 10 ** MAX_NUMBER_FIGURES:
            return None, _too_large_message(q)
        value = raw
    elif isinstance(raw, str) and raw.strip():
        text = raw.strip()
        if not _NUMBER_TEXT.fullmatch(text):
            return None, _number_syntax_message(q, text)
        figures = text.lstrip("-").replace(",", "")
        whole, _, fraction = figures.partition(".")
        if len(whole.lstrip("0")) > MAX_NUMBER_FIGURES:
            return None, _too_large_message(q)
        if fraction and q.integer:
            return None, f"Enter a whole number{of_unit}."
        value = float(text.replace(",", "")) if fraction else int(text.replace(",", ""))
    else:
        return None, f"Enter a number{of_unit}, in figures."
    if q.integer and value != int(value):
        return None, f"Enter a whole number{of_unit}."
    unit = f" {q.unit}" if q.unit else ""
    if value < 0 and (q.minimum is None or q.minimum >= 0):
        return None, f"Enter a number of{unit} that is not negative." if unit else "Enter a number that is not negative."
    if q.minimum is not None and value < q.minimum:
        return None, f"Enter {_fmt(q.minimum)}{unit} or more."
    if q.maximum is not None and value > q.maximum:
        return None, f"Enter {_fmt(q.maximum)}{unit} or less."
    return (int(value) if q.integer else float(value)), None


def _too_large_message(q: Question) -> str:
    if q.maximum is not None:
        return f"Enter {_fmt(q.maximum)}{' ' + q.unit if q.unit else ''} or less."
    return f"This number is too long: use at most {MAX_NUMBER_FIGURES} figures."


def read_as(q: Question, value: int | float) -> str:
    """How a valid number answer was understood, to show beside the field: ``12 months``,
    ``1,000``.  The form shows it as "read as 12 months", so that "1,2" can never pass as 12."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"
    return f"{text} {q.unit}" if q.unit else text


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _norm_text(q: Question, raw: Any) -> tuple[Any, str | None]:
    if not isinstance(raw, str):
        return None, "Enter some text."
    if len(raw) > q.max_length:
        return None, f"Keep this to {q.max_length} characters or fewer."
    return raw.strip(), None


_NORMALISERS = {
    "yesno": _norm_yesno,
    "choice": _norm_choice,
    "multi": _norm_multi,
    "date": _norm_date,
    "number": _norm_number,
    "text": _norm_text,
}


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, list) and not raw)


def _missing_message(q: Question) -> str:
    return {
        "yesno": "Answer this question.",
        "choice": "Choose an option.",
        "multi": "Tick at least one option.",
        "date": "Enter a date.",
        "number": "Enter a number.",
        "text": "Enter some text.",
        "list": f"Add at least {q.min_items} {q.item_label}{'s' if q.min_items != 1 else ''}.",
    }[q.type]


def validate_questions(questions: tuple[Question, ...], raw: Mapping[str, Any], prefix: str = "",
                       not_needed: list[str] | None = None,
                       read: dict[str, str] | None = None) -> tuple[dict[str, Any], list[FieldError]]:
    """Normalise the answers to ``questions``; hidden questions are dropped, not checked.

    A question whose ``matters`` declaration says it cannot change the outcome is dropped too, and
    its name is added to ``not_needed`` (so that the form can hide it).  ``read`` collects, by
    field name, how each valid number answer was understood (:func:`read_as`)."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for q in questions:
        # conditions refer to earlier answers, already normalised
        if not q.shown(clean):
            continue
        name = prefix + q.id
        if not q.still_matters(clean):
            if not_needed is not None:
                not_needed.append(name)
            continue
        value = raw.get(q.id)
        if q.type == "list":
            items, errs = _validate_list(q, value, name, not_needed, read)
            errors += errs
            if not errs:
                clean[q.id] = items
            continue
        if _is_blank(value):
            if q.required:
                errors.append(FieldError(name, _missing_message(q)))
            continue
        norm, message = _NORMALISERS[q.type](q, value)
        if message:
            errors.append(FieldError(name, message))
        else:
            clean[q.id] = norm
            if q.type == "number" and read is not None:
                read[name] = read_as(q, norm)
    return clean, errors


def _validate_list(q: Question, value: Any, name: str, not_needed: list[str] | None = None,
                   read: dict[str, str] | None = None) -> tuple[list[dict[str, Any]], list[FieldError]]:
    if _is_blank(value):
        value = []
    if not isinstance(value, list):
        return [], [FieldError(name, f"This should be a list of {q.item_label}s.")]
    errors: list[FieldError] = []
    if len(value) < q.min_items:
        errors.append(FieldError(name, _missing_message(q)))
    if len(value) > q.max_items:
        errors.append(FieldError(name, f"Enter no more than {q.max_items} {q.item_label}s."))
        return [], errors
    items: list[dict[str, Any]] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            errors.append(FieldError(f"{name}.{i}", f"Each {q.item_label} should be a set of answers."))
            continue
        clean, errs = validate_questions(q.fields, item, prefix=f"{name}.{i}.", not_needed=not_needed, read=read)
        items.append(clean)
        errors += errs
    return items, errors


def validate(calc: Calculator, raw: Any, not_needed: list[str] | None = None,
             read: dict[str, str] | None = None) -> tuple[dict[str, Any], list[FieldError]]:
    """Normalised answers and field errors; ``not_needed`` collects the names of the questions
    that, given the answers, cannot change the outcome (not shown, not required); ``read`` how
    each number answer was understood."""
    if not isinstance(raw, dict):
        return {}, [FieldError("", "The answers should be a set of question and answer pairs (a JSON object).")]
    known = _known_ids(calc.questions)
    errors = [FieldError(str(k), "This is not a question of this calculator.") for k in raw if k not in known]
    clean, errs = validate_questions(calc.questions, raw, not_needed=not_needed, read=read)
    errors += errs
    if not errors and calc.cross_checks:
        errors += calc.cross_checks(clean)
    return clean, errors


def _known_ids(questions: tuple[Question, ...]) -> set[str]:
    return {q.id for q in questions}


# ---------------------------------------------------------------------------
# JSON Schema of a calculator's input
# ---------------------------------------------------------------------------


def _schema_of(q: Question) -> dict[str, Any]:
    s: dict[str, Any] = {"title": q.text, "description": q.help} if q.help else {"title": q.text}
    if q.type in ("yesno", "choice"):
        s["enum"] = list(q.allowed_values())
        s["type"] = "string"
    elif q.type == "multi":
        s.update(type="array", items={"type": "string", "enum": list(q.allowed_values())}, uniqueItems=True)
    elif q.type == "date":
        s.update(type="string", format="date", formatMinimum=q.earliest, formatMaximum=q.latest)
    elif q.type == "number":
        s["type"] = "integer" if q.integer else "number"
        s["minimum"] = q.minimum if q.minimum is not None else 0
        if q.maximum is not None:
            s["maximum"] = q.maximum
        if q.unit:
            s["x-unit"] = q.unit
    elif q.type == "text":
        s.update(type="string", maxLength=q.max_length)
    elif q.type == "list":
        s.update(
            type="array",
            minItems=q.min_items,
            maxItems=q.max_items,
            items=_object_schema(q.fields),
        )
    if q.paras:
        s["x-paragraphs"] = list(q.paras)
    if q.when:
        s["x-shown-when"] = [{"question": w.question, "values": list(w.values), "negate": w.negate} for w in q.when]
    return s


def _object_schema(questions: tuple[Question, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {q.id: _schema_of(q) for q in questions},
        # a question is required only when it is shown: x-shown-when says when
        "x-required-when-shown": [q.id for q in questions if q.required],
        "additionalProperties": False,
    }


def json_schema(calc: Calculator) -> dict[str, Any]:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"mappa-navigator:{calc.id}",
        "title": calc.title,
        "description": calc.summary,
    }
    schema.update(_object_schema(calc.questions))
    return schema
