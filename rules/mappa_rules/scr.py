"""MAPPA Serious Case Reviews: does a further offence trigger a review, and by when must each step happen?

Encodes chapter 20 of the national guidance (with 14.22):

* 20.3  the mandatory trigger: managed at Level 2 or 3 on the offence date or at any time in the
        28 days before it, AND one of seven offences;
* 20.4, 20.5  the discretionary review: a reason and a route, weighed by the SMB Chair; Appendix 6
        (the list of serious offences) is referred to but is not part of the guidance text, so the
        user is asked and "I don't know" leaves the answer open;
* 20.16, 20.29  the timetable, dated from the charge and from the later events each step runs from,
        with both readings of the first step (20.16 "5 days" against 14.22 "5 working days");
* the second 20.28  discontinuing the review when the charge is dropped or reduced.

Standard library only (runs in Pyodide).  Date arithmetic comes from :mod:`mappa_rules.dates`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .core import (LEAD_AGENCY_CHOICES, Calculator, Choice, FieldError, Outcome, Question, When, lead_agency_name,
                   long_date, p)
from .dates import (
    OutsideBankHolidayData,
    add_days,
    add_months,
    add_working_days,
    is_working_day,
    previous_working_day,
)

# ---------------------------------------------------------------------------
# The seven offences of 20.3
# ---------------------------------------------------------------------------

LISTED_OFFENCES: tuple[Choice, ...] = (
    Choice("murder", "Murder"),
    Choice("attempted_murder", "Attempted murder"),
    Choice("conspiracy_to_murder", "Conspiracy to commit murder"),
    Choice("manslaughter", "Manslaughter"),
    Choice("rape", "Rape", "Includes rape of a child under 13."),
    Choice("attempted_rape", "Attempted rape"),
    Choice("conspiracy_to_rape", "Conspiracy to commit rape"),
)
OTHER_OFFENCE = Choice(
    "other",
    "Another offence",
    "For example assault by penetration, wounding with intent, soliciting or encouraging murder: "
    "serious, but not one of the seven offences named in 20.3.",
)
OFFENCE_CHOICES = LISTED_OFFENCES + (OTHER_OFFENCE,)
OFFENCE_NAMES = {c.value: c.label.lower() for c in OFFENCE_CHOICES}
OFFENCE_NAMES["other"] = "an offence not named in 20.3"


def is_listed_offence(offence_type: str) -> bool:
    """20.3: murder, attempted murder, conspiracy to commit murder, manslaughter, rape, attempted
    rape or conspiracy to commit rape, and nothing else."""
    return offence_type in {c.value for c in LISTED_OFFENCES}


LOOK_BACK_DAYS = 28  # 20.3: "at any time in the 28 days before the offence was committed"


# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------

_YN = ("yes",)

OFFENCE_FIELDS: tuple[Question, ...] = (
    Question(
        "offence_type", "What is the person charged with (or suspected of) for this offence?", "choice",
        help="Choose the offence as charged. Only the seven offences named in paragraph 20.3 can make a "
             "review compulsory. If the charge has since changed, you can say so below.",
        choices=OFFENCE_CHOICES, paras=(p("20.3"),),
    ),
    Question(
        "in_appendix_6", "Is this offence on the list of serious offences in Appendix 6 of the MAPPA Guidance?",
        "yesno", allow_unknown=True, when=(When("offence_type", ("other",)),),
        help="Appendix 6 is referred to in paragraph 20.4 but is not part of the guidance text this site holds. "
             "Ask your MAPPA Co-ordinator. If you do not know, choose \"I don't know\".",
        paras=(p("20.4"),),
    ),
    Question(
        "serious_harm_child_or_adult_at_risk",
        "Did the offence cause serious physical or psychological harm to a child or to an adult at risk?",
        "yesno", allow_unknown=True, required=False,
        help="Paragraph 20.4 gives this as an example of when a review may be in the public interest.",
        paras=(p("20.4"),),
    ),
    Question(
        "date_known", "Is the exact date of this offence known?", "choice",
        choices=(Choice("exact", "Yes, the exact date is known"),
                 Choice("range", "No, only a range of possible dates")),
    ),
    Question("offence_date", "On what date was the offence committed?", "date",
             when=(When("date_known", ("exact",)),), paras=(p("20.3"),)),
    Question("earliest_date", "What is the earliest date on which it could have been committed?", "date",
             when=(When("date_known", ("range",)),)),
    Question("latest_date", "What is the latest date on which it could have been committed?", "date",
             when=(When("date_known", ("range",)),)),
    Question(
        "managed_under_mappa", "Was the person being managed under MAPPA (at any level) when this offence was committed?",
        "yesno", allow_unknown=True,
        help="Answer No if MAPPA management had already ended (for example the licence had expired).",
        paras=(p("20.3"), p("20.4")),
    ),
    Question(
        "charge_now", "Has this charge changed since?", "choice", required=False,
        choices=(Choice("unchanged", "No, it stands as charged"),
                 Choice("reduced", "It has been reduced to a different offence"),
                 Choice("discontinued", "The case has been discontinued (dropped)")),
        help="Leave blank if nothing has changed.",
        paras=(p("20.28", 2),),
    ),
    Question("reduced_to", "What is the charge now?", "choice", choices=OFFENCE_CHOICES,
             when=(When("charge_now", ("reduced",)),), paras=(p("20.3"), p("20.28", 2))),
    Question(
        "reduced_in_appendix_6", "Is the new charge on the list of serious offences in Appendix 6?", "yesno",
        allow_unknown=True, when=(When("charge_now", ("reduced",)), When("reduced_to", ("other",))),
        help="Appendix 6 is not part of the guidance text this site holds: ask your MAPPA Co-ordinator.",
        paras=(p("20.4"),),
    ),
)

PERIOD_FIELDS: tuple[Question, ...] = (
    Question("start", "First day at Level 2 or 3", "date",
             help="The day of the meeting (or decision) that raised the case to Level 2 or 3. If you only "
                  "know roughly, enter the latest date you are sure it was already at Level 2 or 3."),
    Question("end", "Last day at Level 2 or 3", "date", required=False,
             help="The day of the meeting that lowered the level to 1 or ended MAPPA management counts as a "
                  "Level 2 or 3 day. Leave blank if the case is still at Level 2 or 3."),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "lead_agency", "Which agency is the lead agency for this person?", "choice", required=False,
        choices=LEAD_AGENCY_CHOICES,
        help="The lead agency tells the MAPPA Co-ordinator about the charge. For a child, usually the Youth "
             "Offending Team.",
        paras=(p("20.16"),),
    ),
    Question(
        "category", "Which MAPPA category is the person in?", "choice", required=False,
        choices=(Choice("1", "Category 1"), Choice("2", "Category 2"), Choice("3", "Category 3"),
                 Choice("4", "Category 4 (automatic)"), Choice("4d", "Category 4 (discretionary)"),
                 Choice("unknown", "Not known")),
        help="Any category can lead to a review. Leave blank if you do not know.",
        paras=(p("20.3"),),
    ),
    Question(
        "offences", "The further offence or offences", "list", item_label="offence", min_items=1, max_items=10,
        fields=OFFENCE_FIELDS,
        help="Add each serious further offence. The review is tested for each one and the most demanding "
             "result is used.",
        paras=(p("20.3"), p("20.19")),
    ),
    Question(
        "ever_level23", "Has the case ever been managed at MAPPA Level 2 or Level 3?", "yesno", allow_unknown=True,
        help="Ask the MAPPA Co-ordinator or the lead agency if you are not sure.",
        paras=(p("20.3"), p("20.5")),
    ),
    Question(
        "level23_periods", "When was the case managed at Level 2 or 3?", "list", item_label="period",
        min_items=1, max_items=20, fields=PERIOD_FIELDS, when=(When("ever_level23", _YN),),
        help="Add each period at Level 2 or 3, most recent first or in any order.",
        paras=(p("20.3"),),
    ),
    Question(
        "level_at_charge", "At what level was the case managed when the person was charged?", "choice",
        required=False,
        choices=(Choice("level_1", "Level 1"), Choice("level_2_or_3", "Level 2 or 3"),
                 Choice("not_managed", "Not managed under MAPPA"), Choice("unknown", "Not known")),
        help="Only matters if the level changed between the offence and the charge.",
        paras=(p("20.4"),), matters=lambda a: not p20_3_decides_the_review(a),
    ),
    Question(
        "charge_status", "Has the person been charged?", "choice",
        choices=(Choice("charged", "Yes, charged"), Choice("not_yet_charged", "Not yet"),
                 Choice("died_before_charge", "No: the person died before they could be charged")),
        paras=(p("20.16"),),
    ),
    Question("charge_date", "On what date was the person charged?", "date",
             when=(When("charge_status", ("charged",)),), paras=(p("20.16"), p("14.22"))),
    # 20.4 reasons: only needed when the review is not mandatory
    Question(
        "reason_public_confidence", "Would not reviewing this case undermine public confidence in MAPPA?",
        "yesno", allow_unknown=True, required=False,
        help="Only needed if the review is not compulsory. These are matters for the SMB Chair: answer with "
             "what you know, or \"I don't know\".",
        paras=(p("20.4"),), matters=lambda a: not p20_3_decides_the_review(a),
    ),
    Question("reason_significant_departure", "Was there a significant departure from the MAPPA Guidance?",
             "yesno", allow_unknown=True, required=False, paras=(p("20.4"),),
             matters=lambda a: not p20_3_decides_the_review(a)),
    Question("reason_operational_issues", "Are there issues in how MAPPA operated that need to be addressed?",
             "yesno", allow_unknown=True, required=False, paras=(p("20.4"),),
             matters=lambda a: not p20_3_decides_the_review(a)),
    Question(
        "scr_progress", "If a review has started, how far has it got?", "choice", required=False,
        choices=(Choice("not_started", "Not started"), Choice("in_progress", "Under way"),
                 Choice("near_completion", "Near completion"), Choice("completed", "Completed")),
        help="Matters if the charge has been dropped or reduced.",
        paras=(p("20.28", 2),), matters=lambda a: p20_28_change_leaves_eligibility(a),
    ),
    # later events of the timetable (all optional)
    Question("coordinator_aware_date", "When was the MAPPA Co-ordinator made aware of the charge?", "date",
             required=False, when=(When("charge_status", ("charged",)),),
             help="This can be before the MAPPA N arrives, for example if the police told them.",
             paras=(p("20.16"),)),
    Question("chair_received_n_date", "When did the SMB Chair receive the MAPPA N?", "date", required=False,
             when=(When("charge_status", ("charged",)),), paras=(p("20.16"),)),
    Question(
        "decision", "Has the SMB Chair decided whether to conduct a review?", "choice", required=False,
        choices=(Choice("not_yet", "Not yet"), Choice("conduct", "Yes: a review will be conducted"),
                 Choice("not_conduct", "Yes: no review")),
        when=(When("charge_status", ("charged",)),), paras=(p("20.16"),),
    ),
    Question("decision_date", "On what date did the SMB Chair decide?", "date", required=False,
             when=(When("charge_status", ("charged",)), When("decision", ("conduct", "not_conduct"))),
             paras=(p("20.16"),)),
    Question("nmt_received_date", "When did the National MAPPA Team receive the notification (MAPPA N section 8)?",
             "date", required=False,
             when=(When("charge_status", ("charged",)), When("decision", ("conduct",))), paras=(p("20.16"),)),
    Question("agencies_notified_date", "When were the agencies told that a review will take place?", "date",
             required=False, when=(When("charge_status", ("charged",)), When("decision", ("conduct",))),
             paras=(p("20.16"),)),
    Question("cps_hold", "Did the CPS (or another prosecutor) advise that the review should wait?", "yesno",
             allow_unknown=True, required=False, when=(When("charge_status", ("charged",)),),
             paras=(p("20.16"), p("20.8"), p("20.9"))),
    Question("cps_agreement_date", "When did the CPS agree that the review could take place?", "date",
             required=False, when=(When("charge_status", ("charged",)), When("cps_hold", _YN)),
             paras=(p("20.16"),)),
    Question("conviction_date", "If the person has been convicted, on what date?", "date", required=False,
             when=(When("charge_status", ("charged",)),), paras=(p("20.16"),)),
    Question("panel_first_meeting_date", "When did the review panel first meet?", "date", required=False,
             when=(When("charge_status", ("charged",)), When("decision", ("conduct",))), paras=(p("20.16"),)),
    Question("action_plan_agreed_date", "When was the action plan agreed?", "date", required=False,
             when=(When("charge_status", ("charged",)), When("decision", ("conduct",))),
             paras=(p("20.16"), p("20.29"))),
    Question("action_plan_completed_date", "If the action plan has been completed, on what date?", "date",
             required=False, when=(When("charge_status", ("charged",)), When("decision", ("conduct",))),
             help="Leave blank if it is not completed yet: the SMB reviews it every 4 months until it is.",
             paras=(p("20.16"), p("20.29")), matters=lambda a: p20_16_action_plan_agreed(a)),
    Question("check_date", "What date are we checking for?", "date", required=False, default_today=True,
             when=(When("charge_status", ("charged",)), When("decision", ("conduct",))),
             help="Usually today. The reviews of the action plan are listed up to the first one on or after "
                  "this date.",
             paras=(p("20.16"),), matters=lambda a: p20_16_action_plan_open(a)),
)

# ---------------------------------------------------------------------------
# 20.3: the 28-day window
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A period of management at Level 2 or 3 (both days included; ``end`` None: still at Level 2 or 3)."""

    start: dt.date
    end: dt.date | None


def window_start(offence_date: dt.date) -> dt.date:
    """20.3: the first day of "the 28 days before the offence was committed" (28 calendar days, never a month)."""
    return add_days(offence_date, -LOOK_BACK_DAYS)


def at_level_2_or_3_on(day: dt.date, periods: list[Period]) -> bool:
    return any(pd.start <= day and (pd.end is None or day <= pd.end) for pd in periods)


def managed_at_level_2_or_3_in_window(offence_date: dt.date, periods: list[Period]) -> bool:
    """20.3: at Level 2 or 3 when the offence was committed or at any time in the 28 days before."""
    first = window_start(offence_date)
    return any(pd.start <= offence_date and (pd.end is None or pd.end >= first) for pd in periods)


def at_level_2_or_3_in_the_28_days_before(offence_date: dt.date, periods: list[Period]) -> bool:
    """The second half of the level condition of 20.3 alone: the 28 days before the offence, not its day."""
    first, last = window_start(offence_date), add_days(offence_date, -1)
    return any(pd.start <= last and (pd.end is None or pd.end >= first) for pd in periods)


def _trigger_spans(periods: list[Period]) -> list[tuple[dt.date, dt.date | None]]:
    """The offence dates that meet the level condition of 20.3: each period, extended by 28 days."""
    spans = sorted(((pd.start, None if pd.end is None else add_days(pd.end, LOOK_BACK_DAYS)) for pd in periods),
                   key=lambda s: s[0])
    merged: list[tuple[dt.date, dt.date | None]] = []
    for start, end in spans:
        if merged:
            m_start, m_end = merged[-1]
            if m_end is None or start <= add_days(m_end, 1):
                new_end = None if (m_end is None or end is None) else max(m_end, end)
                merged[-1] = (m_start, new_end)
                continue
        merged.append((start, end))
    return merged


def level_condition_over_range(earliest: dt.date, latest: dt.date, periods: list[Period]) -> str:
    """``all``, ``none`` or ``some``: for how many of the possible offence dates the level condition holds."""
    spans = _trigger_spans(periods)
    touching = [s for s in spans if s[0] <= latest and (s[1] is None or s[1] >= earliest)]
    if not touching:
        return "none"
    for start, end in touching:
        if start <= earliest and (end is None or end >= latest):
            return "all"
    return "some"


def last_offence_date_meeting_20_3(latest: dt.date, periods: list[Period]) -> dt.date | None:
    """The last offence date for which the level condition of 20.3 holds, in the time at Level 2 or 3 that
    reaches the offence: the last day at Level 2 or 3 + 28 days.  None: the case is still at Level 2 or 3
    (every later date meets it), or it was never at Level 2 or 3 before the offence."""
    spans = [s for s in _trigger_spans(periods) if s[0] <= latest]
    return spans[-1][1] if spans else None


def _shrunk(periods: list[Period]) -> list[Period]:
    """The periods without their first and last day (the other reading of a level-change day)."""
    out = []
    for pd in periods:
        start = add_days(pd.start, 1)
        end = None if pd.end is None else add_days(pd.end, -1)
        if end is None or start <= end:
            out.append(Period(start, end))
    return out


# ---------------------------------------------------------------------------
# Per-offence test
# ---------------------------------------------------------------------------


@dataclass
class OffenceTest:
    number: int
    offence_type: str
    listed: bool
    level: str           # all / some / none / unknown: the level condition of 20.3
    managed: str         # yes / no / unknown: managed under MAPPA at the offence date
    on_date: bool        # at Level 2 or 3 on the offence date itself (exact dates only)
    appendix_6: str      # yes / no / unknown / n/a
    harm: str            # yes / no / unknown
    earliest: dt.date
    latest: dt.date
    convention_matters: bool

    @property
    def mandatory(self) -> str:
        """``yes``, ``possibly`` or ``no``: both conditions of 20.3."""
        if not self.listed or self.level == "none":
            return "no"
        if self.level == "all":
            return "yes"
        return "possibly"


def _offence_dates(o: dict[str, Any]) -> tuple[dt.date, dt.date]:
    if o.get("date_known") == "exact":
        return o["offence_date"], o["offence_date"]
    return o["earliest_date"], o["latest_date"]


def assess_offence(number: int, o: dict[str, Any], ever_level23: str, periods: list[Period],
                 offence_type: str, appendix_6: str) -> OffenceTest:
    earliest, latest = _offence_dates(o)
    if ever_level23 == "yes" and earliest == latest:
        level = "all" if managed_at_level_2_or_3_in_window(earliest, periods) else "none"
        other = "all" if managed_at_level_2_or_3_in_window(earliest, _shrunk(periods)) else "none"
        convention_matters = is_listed_offence(offence_type) and other != level
    elif ever_level23 == "yes":
        level = level_condition_over_range(earliest, latest, periods)
        other = level_condition_over_range(earliest, latest, _shrunk(periods))
        convention_matters = is_listed_offence(offence_type) and other != level
    elif ever_level23 == "no":
        level, convention_matters = "none", False
    else:
        level, convention_matters = "unknown", False
    return OffenceTest(
        number=number,
        offence_type=offence_type,
        listed=is_listed_offence(offence_type),
        level=level,
        managed=o.get("managed_under_mappa", "unknown"),
        on_date=earliest == latest and ever_level23 == "yes" and at_level_2_or_3_on(earliest, periods),
        appendix_6=appendix_6,
        harm=o.get("serious_harm_child_or_adult_at_risk", "unknown"),
        earliest=earliest,
        latest=latest,
        convention_matters=convention_matters,
    )


def _periods(answers: dict[str, Any]) -> list[Period]:
    if answers.get("ever_level23") != "yes":
        return []
    return [Period(x["start"], x.get("end")) for x in answers.get("level23_periods", [])]


def _tests(answers: dict[str, Any], current: bool) -> list[OffenceTest]:
    """Test each offence, as first charged or (``current``) as it stands now (dropped charges left out)."""
    periods = _periods(answers)
    ever = answers.get("ever_level23", "unknown")
    out = []
    for i, o in enumerate(answers.get("offences", [])):
        kind, app6 = o["offence_type"], o.get("in_appendix_6", "n/a")
        if current:
            change = o.get("charge_now", "unchanged")
            if change == "discontinued":
                continue
            if change == "reduced":
                kind, app6 = o["reduced_to"], o.get("reduced_in_appendix_6", "n/a")
        out.append(assess_offence(i + 1, o, ever, periods, kind, app6))
    return out


# ---------------------------------------------------------------------------
# 20.4: the discretionary review
# ---------------------------------------------------------------------------

REASONS = ("reason_public_confidence", "reason_significant_departure", "reason_operational_issues")
REASON_TEXT = {
    "reason_public_confidence": "not reviewing would undermine public confidence in MAPPA",
    "reason_significant_departure": "there was a significant departure from the MAPPA Guidance",
    "reason_operational_issues": "there are issues in the operation of MAPPA that need to be addressed",
}


def _tri(values: list[str]) -> str:
    if "yes" in values:
        return "yes"
    if "unknown" in values:
        return "unknown"
    return "no"


def discretionary_reason(answers: dict[str, Any]) -> str:
    """20.4: one of the three reasons (unanswered counts as not known)."""
    return _tri([answers.get(r, "unknown") for r in REASONS])


def route_level_1_offender(t: OffenceTest) -> str:
    """20.4, first route: a MAPPA Level 1 offender charged with a 20.3 offence."""
    if not t.listed or t.mandatory != "no":
        return "no"
    return t.managed


def route_appendix_6(t: OffenceTest) -> str:
    """20.4, second route: an offender managed at any level charged with an Appendix 6 offence."""
    if t.listed or t.managed == "no":
        return "no"
    if t.managed == "unknown" and t.appendix_6 == "yes":
        return "unknown"
    return t.appendix_6 if t.appendix_6 in ("yes", "no", "unknown") else "no"


def route_public_interest(t: OffenceTest) -> str:
    """20.4, third route: otherwise in the public interest; the named example is serious harm to a child
    or an adult at risk.  Only the example can be established here; anything else is the Chair's view."""
    if t.managed == "no":
        return "no"
    if t.harm == "yes":
        return "yes" if t.managed == "yes" else "unknown"
    return "unknown" if t.harm == "unknown" else "no"


# ---------------------------------------------------------------------------
# Helpers for the timetable
# ---------------------------------------------------------------------------


def _safe_working_days(start: dt.date, n: int) -> dt.date | None:
    try:
        return add_working_days(start, n)
    except OutsideBankHolidayData:
        return None


def _non_working(day: dt.date) -> bool | None:
    try:
        return not is_working_day(day)
    except OutsideBankHolidayData:
        return None


def _safe_previous_working_day(day: dt.date) -> dt.date | None:
    try:
        return previous_working_day(day)
    except OutsideBankHolidayData:
        return None


def _calendar_step(out: Outcome, id: str, label: str, when: dt.date | None, rule: str, *paras: str,
                   who: str = "", reading: str = "") -> None:
    """A calendar-day (or month) target; on a weekend or bank holiday, warn and give the working day before."""
    out.date(id, label, when, rule, *paras, who=who, reading=reading)
    if when is None:
        return
    if _non_working(when):
        practical = _safe_previous_working_day(when)
        if practical is None:
            return
        out.warn(
            f"{label}: the target date, {long_date(when, weekday=True)}, is not a working day. The guidance does not "
            f"say whether the date moves, so aim for the working day before, {long_date(practical, weekday=True)}.",
            *paras)
        out.date(f"{id}_practical_target", f"{label}: practical target (the working day before)", practical,
                 "The guidance is silent on targets that fall on a weekend or bank holiday; this is the last "
                 "working day before the target.", *paras, who=who)


def _not_yet(out: Outcome, id: str, label: str, rule: str, *paras: str, who: str = "") -> None:
    out.date(id, label, None, f"Not yet computable: {rule}", *paras, who=who)


# ---------------------------------------------------------------------------
# decide
# ---------------------------------------------------------------------------

MANDATORY_LIKE = ("MANDATORY", "POSSIBLY_MANDATORY", "DISCRETIONARY_ELIGIBLE", "DISCRETIONARY_UNDETERMINED")
MANDATORY_RESULTS = ("MANDATORY", "POSSIBLY_MANDATORY")


def outside_eligibility_after_change(first: str, now: str) -> bool:
    """Second 20.28: the case is discontinued, or the charges are reduced "taking the offender outside SCR
    eligibility".  A review that was mandatory leaves eligibility when the charge no longer meets 20.3 (a
    discretionary route is then the Chair's call, flagged); one that was discretionary leaves it only when
    the charge no longer meets 20.4 either."""
    if first not in MANDATORY_LIKE:
        return False
    if now == "NO_CURRENT_CHARGE":
        return True
    if first in MANDATORY_RESULTS:
        return now not in MANDATORY_RESULTS
    return now not in MANDATORY_LIKE


def _offence_label(t: OffenceTest, many: bool) -> str:
    name = OFFENCE_NAMES[t.offence_type]
    return f"offence {t.number} ({name})" if many else f"the offence ({name})"


def trigger(answers: dict[str, Any], tests: list[OffenceTest]) -> str:
    """The result of 20.3 and 20.4 for a set of offences (the most demanding result of all of them)."""
    if any(t.mandatory == "yes" for t in tests):
        return "MANDATORY"
    if any(t.mandatory == "possibly" for t in tests):
        return "POSSIBLY_MANDATORY"
    if tests and all(t.managed == "no" for t in tests):
        return "NOT_INDICATED_ON_FACTS"
    reason = discretionary_reason(answers)
    routes = [f(t) for t in tests for f in (route_level_1_offender, route_appendix_6, route_public_interest)]
    route = _tri(routes)
    if reason == "yes" and route == "yes":
        return "DISCRETIONARY_ELIGIBLE"
    if reason in ("yes", "unknown") and route in ("yes", "unknown"):
        return "DISCRETIONARY_UNDETERMINED"
    return "NOT_INDICATED_ON_FACTS"


def _charge_changed(answers: dict[str, Any]) -> bool:
    return any(o.get("charge_now", "unchanged") != "unchanged" for o in answers.get("offences", []))


def _results(answers: dict[str, Any]) -> tuple[str, str]:
    """The result of 20.3 and 20.4 for the offences as first charged, and as they stand now."""
    current = _tests(answers, current=True)
    return trigger(answers, _tests(answers, current=False)), trigger(answers, current) if current else "NO_CURRENT_CHARGE"


def p20_3_decides_the_review(answers: dict[str, Any]) -> bool:
    """20.3 settles the case whatever 20.4 says: the offences as first charged and as they stand now make the
    review mandatory (or possibly mandatory), so the reasons and routes of 20.4 cannot change the answer."""
    first, now = _results(answers)
    return first in MANDATORY_RESULTS and now in MANDATORY_RESULTS


def p20_28_change_leaves_eligibility(answers: dict[str, Any]) -> bool:
    """Second 20.28: a charge was discontinued or reduced, "taking the offender outside SCR eligibility"."""
    return _charge_changed(answers) and outside_eligibility_after_change(*_results(answers))


def decide(answers: dict[str, Any]) -> Outcome:
    original = _tests(answers, current=False)
    current = _tests(answers, current=True)
    changed = _charge_changed(answers)
    many = len(original) > 1
    first_result, result = _results(answers)

    lead = lead_agency_name(answers.get("lead_agency"))
    status = answers.get("charge_status")

    # --- the discontinuation rule (second 20.28) -------------------------------------------------
    if p20_28_change_leaves_eligibility(answers):
        out = _discontinuation(answers, result, was_mandatory=first_result in MANDATORY_RESULTS)
        _explain_trigger(out, answers, original, first_result, many, heading="As first charged")
        _common(out, answers, current or original, lead)
        return out

    out = _outcome_for(result, answers)
    if changed and result in MANDATORY_RESULTS:
        out.reason("The charge has changed, but the charge as it stands now still meets the conditions tested "
                   "below, so the review is not discontinued.", p("20.28", 2), p("20.3"))
    elif changed and result in MANDATORY_LIKE:
        out.reason("The charge has changed, but the charge as it stands now can still meet the criteria for a "
                   "discretionary review, so the change does not take the case outside review eligibility.",
                   p("20.28", 2), p("20.4"))
    if current:
        _explain_trigger(out, answers, current, result, len(current) > 1, heading="")
    else:
        out.reason("Every charge has been discontinued.", p("20.28", 2))

    if status == "died_before_charge":
        _no_charge(out)
    elif status == "not_yet_charged":
        out.reason("No one has been charged yet. The timetable of 20.16 starts from the charge, so no dates "
                   "can be given yet.", p("20.16"))
        _not_yet(out, "t1_notify_coordinator", "Lead agency notifies the MAPPA Co-ordinator (MAPPA N sections 1-4)",
                 "runs from the date of charge.", p("20.16"), p("14.22"), who=lead)
    else:
        timetable(out, answers, result, lead)

    _common(out, answers, current or original, lead)
    return out


def _outcome_for(result: str, answers: dict[str, Any]) -> Outcome:
    chair_factors = (
        "whether not reviewing would undermine public confidence in MAPPA",
        "whether there was a significant departure from the MAPPA Guidance",
        "whether there are issues in the operation of MAPPA to address",
        "whether a Level 1 offender was charged with an offence listed in 20.3, an offender was charged with an "
        "Appendix 6 offence, or a review is otherwise in the public interest",
        "the added value of a review over the lead agency's own internal review, especially for Level 1 cases "
        "never managed at Level 2 or 3 or with limited multi-agency involvement",
    )
    if result in MANDATORY_RESULTS and answers.get("charge_status") == "died_before_charge":
        return p20_3_no_charge_outcome()
    if result == "MANDATORY":
        out = Outcome("MANDATORY", "A Serious Case Review is mandatory: the SMB Chair must commission one.")
        out.reason("Both conditions of 20.3 are met, so the SMB Chair must commission a review. The SMB Chair "
                   "commissions it and stays responsible for the process and the reports.",
                   p("20.3"), p("20.7"))
        out.flag("SUMMARY_SAYS_MUST_CONSIDER_1_25",
                 "The summary in 1.25 says the SMB \"must consider\" commissioning a review; the rule in 20.3 says the "
                 "SMB Chair \"must commission\" one when both conditions are met.", p("1.25"), p("20.3"),
                 readings=("20.3 (the rule itself): the review must be commissioned (used here).",
                           "1.25 (the summary): the SMB must consider commissioning a review."))
        return out
    if result == "POSSIBLY_MANDATORY":
        out = Outcome("POSSIBLY_MANDATORY",
                      "A Serious Case Review may be mandatory: this cannot be settled from these answers. Plan to "
                      "the mandatory timescales.")
        out.decided_by("SMB Chair", "whether the conditions of 20.3 are met on the facts",
                       ("when the offence was committed", "the levels at which the case was managed, and when"),
                       p("20.3"), p("20.7"))
        return out
    if result == "DISCRETIONARY_ELIGIBLE":
        out = Outcome("DISCRETIONARY_ELIGIBLE",
                      "A review is not mandatory, but the criteria for a discretionary review appear to be met: "
                      "whether to commission one is the SMB Chair's decision.")
    elif result == "DISCRETIONARY_UNDETERMINED":
        out = Outcome("DISCRETIONARY_UNDETERMINED",
                      "A review is not mandatory. Whether the discretionary criteria are met cannot be "
                      "determined here: some answers are not known. It is the SMB Chair's decision.")
    else:
        out = Outcome("NOT_INDICATED_ON_FACTS",
                      "On these answers a review is not mandatory and the discretionary criteria are not shown "
                      "to be met. The SMB Chair may still decide to commission one.")
        out.reason("Cases rejected as not meeting the criteria should be covered by the SMB's audit systems, so the "
                   "reasons should be recorded.", p("20.30"))
    out.decided_by("SMB Chair", "whether to commission a discretionary Serious Case Review", chair_factors,
                   p("20.4"), p("20.5"))
    out.reason("It is difficult to prescribe discretionary criteria: a review might be commissioned for one of "
               "the reasons in 20.4 together with one of its three routes. Agencies should share what they learn "
               "from internal reviews with the SMB Chair.", p("20.4"), p("20.5"))
    return out


def _explain_trigger(out: Outcome, answers: dict[str, Any], tests: list[OffenceTest], result: str,
                     many: bool, heading: str) -> None:
    prefix = f"{heading}: " if heading else ""
    for t in tests:
        what = _offence_label(t, many)
        if t.earliest == t.latest:
            out.date(f"window_start_{t.number}", f"First day of the 28-day look-back for offence {t.number}",
                     window_start(t.earliest), "The offence date minus 28 calendar days (never \"one month\").",
                     p("20.3"))
        else:
            out.date(f"window_start_{t.number}", f"First day of the 28-day look-back for offence {t.number} "
                     "(from the earliest possible date)", window_start(t.earliest),
                     "The earliest possible offence date minus 28 calendar days.", p("20.3"))
        if t.listed:
            out.reason(f"{prefix}{what.capitalize()} is one of the seven offences listed in 20.3.", p("20.3"))
            p20_3_last_offence_date(out, t, _periods(answers))
        else:
            out.reason(f"{prefix}{what.capitalize()} is not one of the seven offences listed in 20.3 (murder, "
                       "attempted murder, conspiracy to commit murder, manslaughter, rape, attempted rape, "
                       "conspiracy to commit rape), so it cannot make a review mandatory.", p("20.3"))
        if t.level == "all" and t.earliest == t.latest:
            when = ("on the date of the offence" if t.on_date else
                    f"at some time in the 28 days before it (from {long_date(window_start(t.earliest), weekday=True)})")
            out.reason(f"{prefix}The case was managed at Level 2 or 3 {when}.", p("20.3"))
        elif t.level == "all":
            out.reason(f"{prefix}Whatever the exact date of {what}, the case was managed at Level 2 or 3 on that "
                       "date or in the 28 days before it.", p("20.3"))
        elif t.level == "some":
            out.reason(f"{prefix}The exact date of {what} matters: for some of the possible dates the case was at "
                       "Level 2 or 3 on the date or in the 28 days before, for others it was not.", p("20.3"))
            if t.listed:
                out.flag("OFFENCE_DATE_RANGE_STRADDLES_WINDOW",
                         f"The possible dates of {what} run across the edge of the 28-day look-back, so whether "
                         "the review is mandatory depends on when exactly the offence was committed.", p("20.3"),
                         readings=("If the offence was committed on one of the dates within the look-back, the "
                                   "review is mandatory.",
                                   "If it was committed on one of the other dates, the review is not mandatory "
                                   "(a discretionary review remains possible)."))
        elif t.level == "none" and answers.get("ever_level23") == "yes":
            look_back = long_date(window_start(t.earliest), weekday=True)
            out.reason(f"{prefix}The case was not managed at Level 2 or 3 on the date of {what} or in the 28 "
                       f"days before it (the look-back started on {look_back}).", p("20.3"))
        elif t.level == "none":
            out.reason(f"{prefix}The case has never been managed at Level 2 or 3.", p("20.3"), p("20.5"))
        else:
            out.reason(f"{prefix}It is not known whether the case was managed at Level 2 or 3 in the 28 days up to "
                       f"{what}: ask the MAPPA Co-ordinator for the level history.", p("20.3"))
        if t.convention_matters:
            out.flag("LEVEL_CHANGE_DAY_CONVENTION",
                     f"For {what}, the answer turns on the day the level changed. The guidance does not say "
                     "whether the day of the meeting that raised or lowered the level counts as a Level 2 or 3 "
                     "day. This calculator counts it.", p("20.3"),
                     readings=("The day of the meeting that changed the level counts as a Level 2 or 3 day "
                               "(used here).",
                               "Only the days fully at Level 2 or 3 count: the result here would be different."))
        if t.mandatory == "yes" and t.managed == "no":
            out.flag("OFFENDER_NOT_MAPPA_ON_OFFENCE_DATE",
                     f"MAPPA management had ended before {what}, but the case was at Level 2 or 3 within the 28 "
                     "days before it. Read literally, 20.3 is met. Confirm with the National MAPPA Team.",
                     p("20.3"),
                     readings=("Literal reading: managed at Level 2 or 3 at any time in the 28 days before the "
                               "offence, so the review is mandatory (used here).",
                               "Narrow reading: 20.3 speaks of \"the MAPPA offender\"; someone no longer under "
                               "MAPPA on the offence date falls outside it, leaving a discretionary review."))
        if t.mandatory == "no" and t.listed and t.managed == "no":
            out.reason(f"{prefix}The person was not under MAPPA when {what} was committed and had not been at "
                       "Level 2 or 3 in the 28 days before, so chapter 20 (which reviews MAPPA management) does not "
                       "point to a review.", p("20.1"), p("20.3"))
        if result.startswith("DISCRETIONARY") or result == "NOT_INDICATED_ON_FACTS":
            _explain_routes(out, answers, t, what, prefix)
    if many:
        out.reason("Each further offence is tested on its own and the most demanding result is used; a review's "
                   "terms of reference run to the date of the last serious further offence.", p("20.19"))


def p20_3_last_offence_date(out: Outcome, t: OffenceTest, periods: list[Period]) -> None:
    """For a listed offence: the last offence date that meets 20.3 (the last day at Level 2 or 3 + 28 days)."""
    last = last_offence_date_meeting_20_3(t.latest, periods)
    if last is None:
        return
    out.date(f"last_offence_date_meeting_20_3_{t.number}",
             f"Last offence date that meets the level condition of 20.3 (offence {t.number})", last,
             "The last day at Level 2 or 3 + 28 calendar days: an offence committed on or before this day (and no "
             "earlier than the first day at Level 2 or 3) meets the level condition.", p("20.3"))


def _explain_routes(out: Outcome, answers: dict[str, Any], t: OffenceTest, what: str, prefix: str) -> None:
    r1, r2, r3 = route_level_1_offender(t), route_appendix_6(t), route_public_interest(t)
    if r1 == "yes":
        out.reason(f"{prefix}For {what}: a MAPPA Level 1 offender charged with an offence listed in 20.3 is one of "
                   "the routes to a discretionary review.", p("20.4"))
        if answers.get("level_at_charge") == "level_2_or_3":
            out.flag("LEVEL_TIMING_AMBIGUOUS_20_4",
                     "The case was at Level 1 (outside the 28-day look-back) when the offence was committed, but at "
                     "Level 2 or 3 when charged. 20.4 speaks of \"a MAPPA Level 1 offender\" who \"is charged\" "
                     "without saying on which date the level is read.", p("20.4"), p("20.3"),
                     readings=("Level read on the offence date, as in 20.3: a Level 1 offender, so the first route "
                               "of 20.4 applies (used here).",
                               "Level read on the charge date: not a Level 1 offender, so only the other routes "
                               "of 20.4 (Appendix 6 or the public interest) apply."))
    elif r1 == "unknown":
        out.reason(f"{prefix}For {what}: if the person was under MAPPA (at Level 1) when it was committed, the first "
                   "route of 20.4 applies; that is not known.", p("20.4"))
    if r2 == "yes":
        out.reason(f"{prefix}You said {what} is on the list of serious offences in Appendix 6: that is one of the "
                   "routes to a discretionary review.", p("20.4"))
    elif r2 == "unknown" and t.appendix_6 == "unknown":
        out.reason(f"{prefix}Whether {what} is on the Appendix 6 list cannot be determined here: Appendix 6 is "
                   "referred to in 20.4 but is not part of the guidance text this site holds, and you do not know. "
                   "Ask your MAPPA Co-ordinator.", p("20.4"))
    if r3 == "yes":
        out.reason(f"{prefix}You said {what} caused serious physical or psychological harm to a child or an adult "
                   "at risk: 20.4 gives that as an example of a review in the public interest.", p("20.4"))
    elif t.harm == "unknown" and not t.listed:
        out.reason(f"{prefix}It is not known whether {what} caused serious harm to a child or an adult at risk "
                   "(the public-interest example in 20.4).", p("20.4"))


def p20_3_no_charge_outcome() -> Outcome:
    """The conditions of 20.3 appear to be met, but no one was charged: never "must commission" (see _no_charge)."""
    out = Outcome("PROFESSIONAL_JUDGEMENT",
                  "The conditions for a mandatory review appear to be met, but no one was charged: the guidance "
                  "does not cover this, so it is for the SMB Chair to decide.")
    out.reason("On the facts given, both conditions of 20.3 appear to be met: the level of management and one of "
               "the seven offences. The review process the guidance describes starts from a charge.",
               p("20.3"), p("20.16"))
    return out


def _no_charge(out: Outcome) -> None:
    out.flag("NO_CHARGE_CLOCK",
             "No one was charged (the person died first). The conditions of 20.3 are about the offence, but the "
             "timetable of 20.16 and the routes of 20.4 start from a charge. The guidance does not say what happens "
             "when there is never a charge.", p("20.3"), p("20.4"), p("20.16"),
             readings=("The conditions of 20.3 are met on the facts, so a review must still be commissioned.",
                       "The review process is built around a charge, so it is for the SMB Chair to decide."))
    out.decided_by("SMB Chair", "whether to commission a review when no one was charged",
                   ("whether the conditions of 20.3 are met on the facts", "the reasons in 20.4"),
                   p("20.3"), p("20.4"), p("20.7"))
    out.reason("The timetable of 20.16 starts from the charge, so no dates can be given.", p("20.16"))


def _discontinuation(answers: dict[str, Any], now: str, was_mandatory: bool = True) -> Outcome:
    progress = answers.get("scr_progress", "")
    dropped_all = now == "NO_CURRENT_CHARGE"
    if dropped_all:
        what = "the case against the person has been discontinued"
    elif was_mandatory:
        what = "the charges have been reduced to offences that do not make a review mandatory"
    else:
        what = "the charges have been reduced so that the case no longer meets the criteria for a review"
    if progress == "completed":
        out = Outcome("COMPLETED_NOT_DISCONTINUED",
                      f"The review has already been completed, so it stands although {what}.")
    elif progress == "near_completion":
        out = Outcome("CHAIR_DECIDES_NEAR_COMPLETION",
                      f"Because {what}, the review should be discontinued unless it is near completion: the SMB "
                      "Chair decides whether to finish it.")
        out.decided_by("SMB Chair", "whether the review is near enough completion to finish it",
                       ("how much of the review remains", "the learning it can still bring"), p("20.28", 2))
    else:
        out = Outcome("DISCONTINUE_SHOULD",
                      f"Because {what}, the review process should be discontinued (unless it has already been "
                      "completed or is near completion).")
        if not progress:
            out.reason("You did not say how far the review has got: if it is completed or near completion, it need "
                       "not be discontinued.", p("20.28", 2))
    out.reason("When the case against an offender is discontinued, or the charges are reduced so that the offender "
               "falls outside review eligibility, the review should be discontinued unless it has already been "
               "completed or is near completion.", p("20.28", 2))
    if progress != "completed":
        out.action("Tell the National MAPPA Team that the review has been discontinued.", p("20.28", 2), p("20.7"),
                   who="The SMB Chair, who is responsible for the review process",
                   by_text="when the review is discontinued" if progress == "near_completion" else "now")
    out.reason("The SMB Chair may conduct a local learning review instead if it would help improve practice.",
               p("20.28", 2))
    out.decided_by("SMB Chair", "whether to conduct a local learning review", ("whether it would help improve practice",),
                   p("20.28", 2))
    if not dropped_all and now in ("DISCRETIONARY_ELIGIBLE", "DISCRETIONARY_UNDETERMINED"):
        out.flag("REDUCED_CHARGE_MAY_STILL_BE_DISCRETIONARY",
                 "The reduced charge no longer makes the review mandatory, but it may still meet the discretionary "
                 "criteria of 20.4. The guidance does not say whether a review begun as mandatory may continue as a "
                 "discretionary one.", p("20.28", 2), p("20.4"),
                 readings=("The offender is outside eligibility for a mandatory review, so the review should be "
                           "discontinued.",
                           "The offender is still eligible for a discretionary review, so the SMB Chair may continue it."))
    if not dropped_all:
        p20_28_reduced_charge_route(out, answers)
    return out


def p20_28_reduced_charge_route(out: Outcome, answers: dict[str, Any]) -> None:
    """Beside the discontinuation: the discretionary route (20.4) for each reduced charge, left to the SMB Chair."""
    for i, o in enumerate(answers.get("offences", [])):
        if o.get("charge_now") != "reduced":
            continue
        new, app6 = o["reduced_to"], o.get("reduced_in_appendix_6", "unknown")
        what = f"the new charge for offence {i + 1} ({OFFENCE_NAMES[new]})"
        if is_listed_offence(new):
            route = ("is one of the offences listed in 20.3: for a Level 1 offender that is the first route to a "
                     "discretionary review")
        elif app6 == "yes":
            route = "is, you said, on the Appendix 6 list of serious offences: that is a route to a discretionary review"
        elif app6 == "unknown":
            route = ("may or may not be on the Appendix 6 list of serious offences (the list is not part of the "
                     "guidance text held here: ask the MAPPA Co-ordinator); if it is, that is a route to a "
                     "discretionary review")
        else:
            route = ("is not on the Appendix 6 list of serious offences, so a discretionary review would rest on the "
                     "public interest, for example serious harm to a child or an adult at risk")
        out.reason(f"A discretionary review on the reduced charge: {what} {route}, together with one of the reasons "
                   "of 20.4.", p("20.4"), p("20.28", 2))
    out.decided_by("SMB Chair", "whether a discretionary review is justified on the reduced charge",
                   (*REASON_TEXT.values(), "whether the new charge is on the Appendix 6 list",
                    "the added value over the lead agency's own internal review"), p("20.4"), p("20.5"))


def panel_start_default(answers: dict[str, Any]) -> tuple[str, str, str] | None:
    """20.16 row 8 names three starting events joined by "or" (flagged PANEL_TRIGGER_AMBIGUOUS). The reading
    shown first: the date agencies were told of the decision; where the CPS advised the review to wait, the
    date that hold ended (the CPS agreement, else the conviction)."""
    if answers.get("cps_hold") == "yes":
        order = (("cps_agreement_date", "the CPS agreed to the review taking place", "cps_agreement"),
                 ("conviction_date", "the person was convicted", "conviction"))
    else:
        order = (("agencies_notified_date", "agencies were told of the decision to conduct a review",
                  "agencies_notified"),)
    for key, text, suffix in order:
        if answers.get(key) is not None:
            return key, text, suffix
    return None


def timetable(out: Outcome, answers: dict[str, Any], result: str, lead: str) -> None:
    """20.16 (and 20.29): the dated steps of the process."""
    out.reason("The stages of 20.16 are targets. The start of the review may be delayed on the advice of the CPS or "
               "another prosecutor.", p("20.16"))
    out.reason("The table in 20.16 says \"days\" and \"months\" without saying working days, so the dates here count "
               "calendar days (the day of the starting event is day 0) and calendar months (the same day number, or "
               "the last day of a shorter month). Only the first step has a working-day reading, from 14.22.",
               p("20.16"), p("14.22"))
    p20_16_t1_notify_coordinator(out, answers, lead)
    p20_16_t2_notify_chair(out, answers, result)
    p20_16_t3_chair_decides(out, answers, result)
    if answers.get("decision") == "not_conduct":
        p20_30_decision_not_to_conduct(out, result)
        return
    p20_16_steps_from_decision(out, answers)
    p20_16_t5_nmt_returns(out, answers)
    p20_16_t8_panel_meets(out, answers)
    p20_16_t9_report(out, answers)
    p20_16_action_plan(out, answers)
    if answers.get("cps_hold") == "yes":
        p20_9_review_waits_for_proceedings(out)


def p20_16_t1_notify_coordinator(out: Outcome, answers: dict[str, Any], lead: str) -> None:
    """T1: the lead agency tells the MAPPA Co-ordinator of the charge (20.16 "5 days", 14.22 "5 working days")."""
    charge: dt.date = answers["charge_date"]
    t1_label = "Lead agency notifies the MAPPA Co-ordinator of the charge (MAPPA N sections 1-4)"
    _calendar_step(out, "t1_notify_coordinator", t1_label, add_days(charge, 5),
                   "Charge date + 5 calendar days (20.16: \"within 5 days of charge\").", p("20.16"),
                   who=lead, reading="20.16: 5 days")
    working = _safe_working_days(charge, 5)
    out.date("t1_notify_coordinator_working_days", t1_label + ", counting working days", working,
             "Charge date + 5 working days, not counting weekends and bank holidays in England and Wales "
             "(14.22: \"within 5 working days\")." if working else
             "Cannot be computed: the bank holiday list used here does not cover these dates.",
             p("14.22"), who=lead, reading="14.22: 5 working days")
    out.caveat("The bank holidays used for working days are those of England and Wales from a data file kept with "
               "this site; verify any date that matters against the official list.")
    out.flag("T1_UNIT_CONFLICT",
             "The guidance gives two different time limits for telling the MAPPA Co-ordinator about the charge: "
             "20.16 says within 5 days of charge, 14.22 says within 5 working days. Both dates are shown; the "
             "earlier one is the safer target.", p("20.16"), p("14.22"),
             readings=(f"20.16: within 5 days of charge (by {long_date(add_days(charge, 5), weekday=True)}).",
                       f"14.22: within 5 working days of charge"
                       + (f" (by {long_date(working, weekday=True)})." if working else ".")))
    sender_text = ("20.16 says the lead agency sends the MAPPA N; 14.22 says the Probation Practitioner does.")
    if answers.get("lead_agency") in ("yot", "police", "mental_health"):
        sender_text += f" Here the lead agency is {lead}, so the 14.22 wording does not fit this case."
    out.flag("MAPPA_N_SENDER_CONFLICT", sender_text, p("20.16"), p("14.22"),
             readings=("20.16: the lead agency notifies the MAPPA Co-ordinator.",
                       "14.22: the Probation Practitioner sends the MAPPA N."))
    out.reason("The MAPPA N is used for both mandatory and discretionary reviews, to help the decision and keep "
               "the SMB and the National MAPPA Team informed.", p("20.6"))
    out.action("Notify the MAPPA Co-ordinator of the charge, using sections 1 to 4 of the MAPPA N.", p("20.16"),
               p("14.22"), p("20.6"), who=lead[:1].upper() + lead[1:], by=add_days(charge, 5),
               by_text="within 5 days of the charge (14.22 says 5 working days: the earlier date is the safer target)",
               strength="should")


def p20_16_t2_notify_chair(out: Outcome, answers: dict[str, Any], result: str) -> None:
    """T2: the MAPPA Co-ordinator tells the SMB Chair (5 days for a mandatory review, 10 for a discretionary one)."""
    t2_label = "MAPPA Co-ordinator notifies the SMB Chair (MAPPA N)"
    aware = answers.get("coordinator_aware_date")
    mandatory_like = result in ("MANDATORY", "POSSIBLY_MANDATORY")
    if aware is None:
        _not_yet(out, "t2_notify_chair", t2_label,
                 "runs from the date the MAPPA Co-ordinator was made aware of the charge (5 days for a mandatory "
                 "review, 10 days for a discretionary one).", p("20.16"), who="MAPPA Co-ordinator")
    else:
        days = 5 if mandatory_like else 10
        kind = "mandatory" if mandatory_like else "discretionary"
        _calendar_step(out, "t2_notify_chair", t2_label, add_days(aware, days),
                       f"Date the Co-ordinator was made aware of the charge + {days} days ({kind} review).",
                       p("20.16"), who="MAPPA Co-ordinator")
        if result == "POSSIBLY_MANDATORY":
            out.date("t2_notify_chair_if_discretionary", t2_label + ", if the review turns out to be discretionary",
                     add_days(aware, 10), "Date the Co-ordinator was made aware of the charge + 10 days.",
                     p("20.16"), who="MAPPA Co-ordinator")
    if not mandatory_like:
        out.reason("For a more complex discretionary case, the MAPPA Co-ordinator also discusses it with key SMB "
                   "members.", p("20.16"))


def p20_16_t3_chair_decides(out: Outcome, answers: dict[str, Any], result: str) -> None:
    """T3: the SMB Chair decides within 10 days of receiving the MAPPA N."""
    received = answers.get("chair_received_n_date")
    t3_label = "SMB Chair decides whether the case meets the criteria for a review"
    if received is None:
        _not_yet(out, "t3_chair_decides", t3_label, "runs from the date the SMB Chair received the MAPPA N (10 days).",
                 p("20.16"), who="SMB Chair")
    else:
        _calendar_step(out, "t3_chair_decides", t3_label, add_days(received, 10),
                       "Date the SMB Chair received the MAPPA N + 10 days.", p("20.16"), who="SMB Chair")
    if result == "MANDATORY" and answers.get("decision", "not_yet") == "not_yet":
        out.action("Commission a Serious Case Review.", p("20.3"), p("20.7"), who="SMB Chair",
                   by=add_days(received, 10) if received else None,
                   by_text="when deciding, within 10 days of receiving the MAPPA N")


def p20_30_decision_not_to_conduct(out: Outcome, result: str) -> None:
    """The SMB Chair decided not to conduct a review: the later steps do not apply; 20.30 audit."""
    out.reason("The SMB Chair decided not to conduct a review, so the later steps do not apply. The SMB should "
               "include rejected cases in its audit systems.", p("20.30"))
    out.flag("NMT_NOTICE_ON_REJECTION_UNSPECIFIED",
             "20.16 says the National MAPPA Team is notified when a review is being conducted; it does not say "
             "whether or how it is told of a decision not to conduct one.", p("20.16"), p("20.6"),
             readings=("Only decisions to conduct a review are notified to the National MAPPA Team.",
                       "The MAPPA N keeps the National MAPPA Team informed (20.6), so a decision not to "
                       "conduct is shared too."))
    if result == "MANDATORY":
        out.warn("On these answers the review is mandatory: 20.3 says the SMB Chair must commission it. Check the "
                 "facts the decision rested on.", p("20.3"))
    return


def p20_16_steps_from_decision(out: Outcome, answers: dict[str, Any]) -> None:
    """T4, T6, T7: the steps that run from the decision to conduct a review."""
    decision = answers.get("decision", "not_yet")
    decided = answers.get("decision_date")
    steps_from_decision = (
        ("t4_notify_nmt", "SMB Chair notifies the National MAPPA Team (MAPPA N section 8)", 5, "SMB Chair"),
        ("t6_inform_agencies", "SMB Chair tells each agency involved that a review will take place, asks them to "
                               "secure their records and requests Individual Management Reviews and panel nominations",
         5, "SMB Chair"),
    )
    for id, label, days, who in steps_from_decision:
        if decision == "conduct" and decided is not None:
            _calendar_step(out, id, label, add_days(decided, days),
                           f"Date of the decision to conduct the review + {days} days.", p("20.16"), who=who)
        else:
            _not_yet(out, id, label, f"runs from the date of the decision to conduct a review ({days} days).",
                     p("20.16"), who=who)
    t7 = "SMB agrees a communication plan for the victim and their family"
    if decision == "conduct" and decided is not None:
        _calendar_step(out, "t7_victim_plan", t7, add_months(decided, 1),
                       "Date of the decision to conduct the review + 1 month (to the same day number, or the last "
                       "day of a shorter month).", p("20.16"), who="SMB")
    else:
        _not_yet(out, "t7_victim_plan", t7, "runs from the date of the decision to conduct a review (1 month).",
                 p("20.16"), who="SMB")
    if decision == "conduct":
        out.action("Secure your agency's case records when the SMB Chair asks, and provide an Individual "
                   "Management Review and a senior person for the review panel.", p("20.16"), p("20.12"),
                   who="Each agency involved in managing the case (for example a housing provider)",
                   by_text="when the SMB Chair asks, within 5 days of the decision", strength="should")
    out.reason("The SMB Chair must name a suitably trained, senior person (not the Family Liaison Officer or Victim "
               "Liaison Officer) to tell the victim and their family about the review and keep them updated.",
               p("20.13"), p("20.14"))


def p20_16_t5_nmt_returns(out: Outcome, answers: dict[str, Any]) -> None:
    """T5: the National MAPPA Team returns MAPPA N section 9 within 5 days."""
    nmt = answers.get("nmt_received_date")
    t5 = "National MAPPA Team completes MAPPA N section 9 and returns it"
    if nmt is None:
        _not_yet(out, "t5_nmt_returns", t5, "runs from the date the National MAPPA Team received the notification "
                 "(5 days).", p("20.16"), who="National MAPPA Team")
    else:
        _calendar_step(out, "t5_nmt_returns", t5, add_days(nmt, 5),
                       "Date the National MAPPA Team received the notification + 5 days.", p("20.16"),
                       who="National MAPPA Team")


def p20_16_t8_panel_meets(out: Outcome, answers: dict[str, Any]) -> None:
    """T8: the panel meets within 1 month of one of three starting events (which one: flagged)."""
    t8 = "Review panel meets (chaired by the review author)"
    starts = (("agencies_notified_date", "agencies were told of the decision to conduct a review", "agencies_notified"),
              ("cps_agreement_date", "the CPS agreed to the review taking place", "cps_agreement"),
              ("conviction_date", "the person was convicted", "conviction"))
    known = [(key, text, suffix) for key, text, suffix in starts if answers.get(key) is not None]
    if not known:
        _not_yet(out, "t8_panel_meets", t8, "runs from the date agencies were told of the decision to conduct a "
                 "review, the date the CPS agreed to it, or the date of conviction (1 month).", p("20.16"),
                 who="Review author and panel")
    for key, text, suffix in known:
        _calendar_step(out, f"t8_panel_meets_from_{suffix}", f"{t8}: counting from the date {text}",
                       add_months(answers[key], 1), f"Date {text} + 1 month.", p("20.16"),
                       who="Review author and panel", reading=suffix)
    default = panel_start_default(answers)
    if default is not None:
        key, text, suffix = default
        out.date("t8_panel_meets", f"{t8} (the reading used here)", add_months(answers[key], 1),
                 f"Date {text} + 1 month. Used here because "
                 + ("the CPS advised the review to wait, so it counts from when that hold ended."
                    if answers.get("cps_hold") == "yes" else
                    "the review was not held back, so it counts from when agencies were told of the decision.")
                 + " The other possible dates are shown too.",
                 p("20.16"), who="Review author and panel", reading=suffix)
    out.flag("PANEL_TRIGGER_AMBIGUOUS",
             "20.16 says the panel meets within 1 month of agencies being told of the decision, or of the CPS "
             "agreeing to the review, or of conviction; it does not say which applies when more than one has "
             "happened. Each date you gave is shown; the reading used first is marked.", p("20.16"),
             readings=("From the date agencies were told of the decision to conduct a review (used here unless "
                       "the CPS advised the review to wait).",
                       "From the date the CPS agreed to the review taking place (used here where the review was "
                       "held back on CPS advice).",
                       "From the date of conviction (used here where the review waited for the proceedings and "
                       "no CPS agreement date is given)."))
    out.reason("The panel is the review author (who chairs it), a senior person nominated by each agency involved, "
               "and a Lay Adviser.", p("20.12"), p("20.16"))
    out.flag("PANEL_MEMBERSHIP_20_12_VS_20_16",
             "20.12 puts on the panel a senior person from each agency involved; the table in 20.16 says each agency "
             "that was or should have been involved.", p("20.12"), p("20.16"),
             readings=("20.12: agencies that were involved in the case.",
                       "20.16: also agencies that should have been involved but were not."))


def p20_16_t9_report(out: Outcome, answers: dict[str, Any]) -> None:
    """T9: the report within 6 months of the panel's first meeting; its route to approval (flagged)."""
    first = answers.get("panel_first_meeting_date")
    t9 = "Review author produces the report (sent to the National MAPPA Team for quality assurance before the SMB " \
         "Chair's final approval)"
    if first is None:
        _not_yet(out, "t9_report", t9, "runs from the date of the panel's first meeting (6 months).", p("20.16"),
                 who="Review author")
    else:
        _calendar_step(out, "t9_report", t9, add_months(first, 6), "Date of the panel's first meeting + 6 months.",
                       p("20.16"), who="Review author")
    out.flag("REPORT_ROUTE_AND_APPROVAL_UNCLEAR",
             "The guidance describes the report's route in three ways: the table in 20.16 has the author send it to "
             "the National MAPPA Team before the SMB Chair's final approval; 20.25 has the SMB Chair send it once "
             "satisfied, and the SMB approve it; 20.31 has the SMB Chair approve it.", p("20.16"), p("20.25"), p("20.31"),
             readings=("20.16: the review author sends it to the National MAPPA Team; the SMB Chair approves.",
                       "20.25: the SMB Chair sends it to the National MAPPA Team; the SMB approves.",
                       "20.31: the National MAPPA Team gives feedback to the SMB Chair, who approves."))


#: The reviews listed when the action plan is not completed: at least up to the 12-month completion report,
#: and never more than this many (10 years of reviews).
MIN_REVIEWS, MAX_REVIEWS = 3, 30


def p20_16_action_plan_agreed(answers: dict[str, Any]) -> bool:
    return answers.get("action_plan_agreed_date") is not None


def p20_16_action_plan_open(answers: dict[str, Any]) -> bool:
    """20.16: the action plan is "reviewed every 4 months until completed": agreed and not yet completed."""
    return p20_16_action_plan_agreed(answers) and answers.get("action_plan_completed_date") is None


def action_plan_reviews(agreed: dt.date, completed: dt.date | None, check: dt.date | None) -> list[dt.date]:
    """20.16: every 4 months from the date the plan was agreed, until it is completed.  For a plan not yet
    completed: the reviews up to the first one on or after ``check`` (at least the first three, up to the
    12-month completion report of 20.29)."""
    reviews: list[dt.date] = []
    for k in range(1, MAX_REVIEWS + 1):
        day = add_months(agreed, 4 * k)  # from the agreed date each time: no drift from month-end clamping
        if completed is not None and day > completed:
            break
        reviews.append(day)
        if completed is None and k >= MIN_REVIEWS and (check is None or day >= check):
            break
    return reviews


def p20_16_action_plan(out: Outcome, answers: dict[str, Any]) -> None:
    """T10, T11: the action plan reviewed every 4 months until completed (20.16); the completion report to the
    National MAPPA Team within 12 months of its agreement (20.29)."""
    agreed = answers.get("action_plan_agreed_date")
    t10 = "SMB reviews the action plan (every 4 months until it is completed)"
    t11 = "SMB Chair sends the National MAPPA Team a brief report on the completion of the action plan"
    if agreed is None:
        _not_yet(out, "t10_action_plan_review", t10, "runs from the date the action plan was agreed (every 4 months).",
                 p("20.16"), who="SMB")
        _not_yet(out, "t11_completion_report", t11, "runs from the date the action plan was agreed (12 months).",
                 p("20.29"), who="SMB Chair")
    else:
        completed = answers.get("action_plan_completed_date")
        reviews = action_plan_reviews(agreed, completed, answers.get("check_date"))
        for k, day in enumerate(reviews, start=1):
            rule = f"Date the action plan was agreed + {4 * k} months."
            if k == 1:
                _calendar_step(out, "t10_action_plan_review", t10, day, rule, p("20.16"), who="SMB")
            else:
                out.date(f"t10_action_plan_review_{k}", f"Review {k} of the action plan, if not completed by then",
                         day, rule, p("20.16"), who="SMB")
        if completed is not None:
            out.reason(f"The action plan was completed on {long_date(completed)}, so the 4-monthly reviews stopped "
                       "then.", p("20.16"))
        else:
            out.reason("The SMB goes on reviewing the action plan every 4 months until it is completed.", p("20.16"))
        _calendar_step(out, "t11_completion_report", t11, add_months(agreed, 12),
                       "Date the action plan was agreed + 12 months.", p("20.29"), who="SMB Chair")
        out.reason("The SMB Chair updates the National MAPPA Team on progress, including actions that are not "
                   "completed.", p("20.29"))
    out.flag("ACTION_PLAN_PRODUCTION_DEADLINE_UNSPECIFIED",
             "20.16 says the SMB produces an action plan and reviews it every 4 months, but gives no deadline for "
             "producing it.", p("20.16"), p("20.29"),
             readings=("No deadline: the plan follows the approved report.",
                       "Local practice may set one: ask the SMB."))


def p20_9_review_waits_for_proceedings(out: Outcome) -> None:
    """20.8, 20.9: while the review waits for the criminal proceedings."""
    out.reason("The review waits for the criminal proceedings, on the advice of the prosecutor. The National MAPPA "
               "Team should be told of any delay.", p("20.8"), p("20.9"))
    out.action("Carry out your agency's own review of the case to see whether any urgent action is needed.",
               p("20.9"), who="Each agency involved in managing the case", by_text="while the review waits",
               strength="should")
    out.action("Preserve your agency's information about the case, and encourage the staff involved to write down "
               "what they remember of it.", p("20.9"), who="Each agency's representative on the SMB",
               by_text="while the review waits", strength="should")


def _common(out: Outcome, answers: dict[str, Any], tests: list[OffenceTest], lead: str) -> None:
    """Points that hold whatever the answer: categories 3 and 4, children, other reviews."""
    cat = answers.get("category")
    if cat in ("3", "4d") and any(t.level == "none" and t.managed == "yes" for t in tests):
        out.warn("Category 3 and discretionary Category 4 cases are managed only at Level 2 or 3. If this case was "
                 "not at Level 2 or 3, it had probably left MAPPA: check the answer about MAPPA management with the "
                 "MAPPA Co-ordinator.", p("6.13"), p("7.6"), p("6.38"))
    child_or_adult_at_risk = any(t.harm == "yes" for t in tests)
    if answers.get("lead_agency") == "yot" or child_or_adult_at_risk:
        out.reason("Other reviews may also follow the offence (for example a Child Safeguarding Practice Review or a "
                   "Safeguarding Adults Review). The SMB Chair must find out whether other reviews are taking place "
                   "and tell the other agencies when a Serious Case Review is taking place.", p("20.32"), p("20.33"))
    if answers.get("lead_agency") == "yot":
        out.reason("The rules for a review are the same for a child offender: 20.3 applies to a MAPPA offender in any "
                   "category. The Youth Offending Team, as lead agency, sends the MAPPA N.", p("20.3"), p("20.16"))
    p20_3_local_offence_list(out, tests)
    p20_3_local_look_back_wording(out, tests, _periods(answers))
    out.reason("A Serious Case Review looks at whether MAPPA was applied effectively and agencies worked together; it "
               "does not look at agencies' internal case management, why the offence happened, or apportion blame.",
               p("20.2"))


def p20_3_local_offence_list(out: Outcome, tests: list[OffenceTest]) -> None:
    """A local list of review offences without the two conspiracies of 20.3 (document 001)."""
    if any(t.offence_type in ("conspiracy_to_murder", "conspiracy_to_rape") for t in tests):
        out.local_notice("scr_offences_without_conspiracies")


def p20_3_local_look_back_wording(out: Outcome, tests: list[OffenceTest], periods: list[Period]) -> None:
    """A local rule that counts only the 28 days before the offence, not its day (document 001)."""
    if any(t.listed and t.on_date and not at_level_2_or_3_in_the_28_days_before(t.earliest, periods) for t in tests):
        out.local_notice("scr_window_before_offence_only")


# ---------------------------------------------------------------------------
# Cross-checks: contradictions between answers
# ---------------------------------------------------------------------------


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    charge = a.get("charge_date")
    periods = _periods(a)
    for i, o in enumerate(a.get("offences", [])):
        base = f"offences.{i}"
        if o.get("date_known") == "range":
            if o["earliest_date"] > o["latest_date"]:
                errors.append(FieldError(f"{base}.latest_date",
                                         "The latest possible date is before the earliest possible date."))
                continue
        earliest, latest = _offence_dates(o)
        if charge is not None and earliest > charge:
            field = f"{base}.offence_date" if o.get("date_known") == "exact" else f"{base}.earliest_date"
            errors.append(FieldError(field, "The offence date is after the charge date: check both dates."))
        if (o.get("date_known") == "exact" and o.get("managed_under_mappa") == "no"
                and at_level_2_or_3_on(earliest, periods)):
            errors.append(FieldError(f"{base}.managed_under_mappa",
                                     "You said the case was at Level 2 or 3 on this date, so it was being managed "
                                     "under MAPPA: check this answer or the Level 2 or 3 dates."))
        if o.get("charge_now") == "reduced" and o.get("reduced_to") == o.get("offence_type") \
                and o.get("offence_type") != "other":
            errors.append(FieldError(f"{base}.reduced_to", "The new charge is the same as the original charge."))
    for i, pd in enumerate(periods):
        if pd.end is not None and pd.end < pd.start:
            errors.append(FieldError(f"level23_periods.{i}.end", "The last day is before the first day."))
    order = (
        ("charge_date", "coordinator_aware_date", "The MAPPA Co-ordinator cannot be made aware of the charge before "
                                                  "the charge date."),
        ("coordinator_aware_date", "chair_received_n_date", "The SMB Chair receives the MAPPA N from the MAPPA "
                                                           "Co-ordinator: this date is before the Co-ordinator was "
                                                           "made aware of the charge."),
        ("charge_date", "chair_received_n_date", "The SMB Chair cannot receive the MAPPA N before the charge date."),
        ("chair_received_n_date", "decision_date", "The decision date is before the SMB Chair received the MAPPA N."),
        ("charge_date", "decision_date", "The decision date is before the charge date."),
        ("decision_date", "nmt_received_date", "The National MAPPA Team cannot receive the notification before the "
                                               "decision."),
        ("decision_date", "agencies_notified_date", "Agencies cannot be told of the decision before it was made."),
        ("decision_date", "panel_first_meeting_date", "The panel cannot meet before the decision to conduct the "
                                                      "review."),
        ("charge_date", "conviction_date", "The conviction date is before the charge date."),
        ("charge_date", "cps_agreement_date", "The CPS agreement is dated before the charge."),
        ("panel_first_meeting_date", "action_plan_agreed_date", "The action plan cannot be agreed before the panel "
                                                                "first met."),
        ("action_plan_agreed_date", "action_plan_completed_date", "The action plan cannot be completed before it "
                                                                  "was agreed."),
    )
    seen: set[str] = set()
    for earlier, later, message in order:
        if a.get(earlier) is not None and a.get(later) is not None and a[later] < a[earlier] and later not in seen:
            errors.append(FieldError(later, message))
            seen.add(later)
    return errors


CALCULATOR = Calculator(
    id="scr",
    title="Serious Case Review: is one needed, and by when?",
    summary="Whether a further offence makes a MAPPA Serious Case Review mandatory or possible, who decides, "
            "and the target date of each step.",
    questions=QUESTIONS,
    decide=decide,
    paras=(p("20.3"), p("20.4"), p("20.5"), p("20.16"), p("14.22"), p("20.28", 2), p("20.29")),
    intro="When a person managed under MAPPA is charged with a serious further offence, the SMB Chair may have to "
          "commission a Serious Case Review. This calculator applies the test in paragraph 20.3, shows when the "
          "decision is the SMB Chair's, and dates each step of the timetable in paragraph 20.16.",
    cross_checks=cross_checks,
)
