"""Key dates: each agency's MAPPA deadlines, who does what by when.

From the dates a person knows (sentence, release, admission to hospital, date of birth, the next
meeting), the deadlines the guidance sets for each agency: identification within 3 days (6.30,
6.36), the YOT's MAPPA H (6.37, 23.19) and the move to adult services (23.30), the mental health
service's identification and MAPPA I (6.36, 26.56-26.59), the prison's confirmation of the release
date (the standard above 15.7), the level set before release (15.16, 23.23), a terrorism case's
early allocation and transfer to the National Security Division (15.3, 24.13, 24.14), and meeting
invitations (13a.29, 15.24).  Every date comes from :mod:`mappa_rules.deadlines`; this module
only chooses which rules apply and says who acts.

Standard library only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import deadlines as dl
from .deadlines import dated_action as due
from .core import (LEAD_AGENCY_CHOICES, NO, YES, Calculator, Choice, FieldError, Outcome, Question, When,
                   lead_agency_name, long_date, p, ps)

LEVELS = (Choice("1", "Level 1"), Choice("2", "Level 2"), Choice("3", "Level 3"),
          Choice("not_set", "Not set yet"), Choice("unknown", "I don't know"))


def p13a_29_meeting_date_given(a: dict[str, Any]) -> bool:
    """Whether the meeting is an emergency can change a date only when the meeting date is known (13a.29)."""
    return a.get("meeting_date") is not None


QUESTIONS = (
    Question("lead_agency", "Which agency leads the management of the person (the lead agency)?", "choice",
             help="The agency that supervises the person: the Youth Offending Team for a child, the Probation "
                  "Service for an adult on licence or a community sentence, mental health services for a patient "
                  "they alone supervise, otherwise the police. The category calculator can work it out.",
             choices=LEAD_AGENCY_CHOICES, paras=ps("2.3", "2.4")),
    Question("setting", "Where is the person now?", "choice",
             choices=(Choice("custody", "In prison or youth custody"), Choice("hospital", "In hospital"),
                      Choice("community", "In the community")),
             paras=ps("6.36", "15.16")),
    Question("sentence_date", "Date of sentence (if known)", "date", required=False,
             help="Identification is counted from the sentence. It also shows whether less than six months were "
                  "left to serve.", paras=ps("6.30", "23.19")),
    Question("release_date", "Expected release date (if known)", "date", required=False,
             when=(When("setting", ("custody",)),), paras=ps("7.10", "15.7", "15.16")),
    Question("release_kind", "How will the person be released?", "choice",
             choices=(Choice("determinate", "On a date fixed by the sentence (a determinate sentence)"),
                      Choice("parole", "When the Parole Board decides (a parole case)"),
                      Choice("unknown", "I don't know")),
             when=(When("setting", ("custody",)),), paras=ps("15.7", "15.16")),
    Question("parole_date", "Parole eligibility date or tariff expiry date (if known)", "date", required=False,
             when=(When("release_kind", ("parole",)),), paras=ps("15.16", "24.14")),
    Question("terrorism_case", "Is it a terrorism case (a Terrorism Act or terrorism-connected offence)?", "yesno",
             allow_unknown=True, when=(When("setting", ("custody",)),), paras=ps("15.3", "24.13")),
    Question("admission_route", "How was the person admitted to hospital?", "choice",
             choices=(Choice("criminal_justice", "Through the courts or from prison (a criminal justice route)"),
                      Choice("civil", "Under a civil section of the Mental Health Act"),
                      Choice("unknown", "I don't know")),
             when=(When("setting", ("hospital",)),), paras=ps("6.36", "26.57", "26.58")),
    Question("admission_date", "Date of admission to hospital, or of the last change in status (if known)", "date",
             required=False, when=(When("setting", ("hospital",)),), paras=ps("6.36", "26.56")),
    Question("date_of_birth", "The young person's date of birth (if known)", "date", required=False,
             help="Used for the 18th birthday and the move to adult services.",
             earliest="1990-01-01", when=(When("lead_agency", ("yot",)),), paras=ps("23.2", "23.30")),
    Question("level", "At what MAPPA level is the person managed?", "choice", choices=LEVELS,
             paras=ps("7.2", "23.30")),
    Question("meeting_date", "Date of the next Level 2 or 3 MAPPA meeting (if one is planned)", "date",
             required=False, when=(When("level", ("1",), negate=True),), paras=ps("13a.29", "15.24")),
    Question("emergency_meeting", "Is it an emergency meeting?", "yesno",
             matters=p13a_29_meeting_date_given, when=(When("level", ("1",), negate=True),),
             paras=(p("13a.29"),)),
    Question("today", "Today's date", "date", required=False, default_today=True,
             help="To say which deadlines have passed.", paras=(p("6.30"),)),
)

# ---------------------------------------------------------------------------
# Who acts
# ---------------------------------------------------------------------------

EACH_AGENCY = "Each agency that supervises or manages the person"
PRISON = "The prison (or youth custody establishment)"
COM = "The Probation Service community offender manager, with the prison"
MEETING_AREA = "The MAPPA area holding the meeting (the MAPPA Co-ordination Unit)"


def _lead(a: dict[str, Any]) -> str:
    name = lead_agency_name(a["lead_agency"])
    return name[0].upper() + name[1:]


def _level_setter(a: dict[str, Any]) -> str:
    """Who sets the level before release: the YOT with the establishment (23.23), else the COM (15.16)."""
    if a["lead_agency"] == "yot":
        return "The Youth Offending Team, with the custodial establishment"
    return COM


# ---------------------------------------------------------------------------
# The rules, one function per agency
# ---------------------------------------------------------------------------


def p6_30_identification(out: Outcome, a: dict[str, Any]) -> None:
    """Identified and recorded within 3 days of sentence (6.30, 6.31; YOT 6.36 and 23.19)."""
    sentence = a.get("sentence_date")
    if sentence is None:
        return
    paras = ps("6.30", "6.31", "6.36", "23.19") if a["lead_agency"] == "yot" else ps("6.30", "6.31")
    due(out, "identify_by", "Identify and record the person as a MAPPA offender on your case management system",
        dl.p6_30_identify_by(sentence), "Within 3 days of sentence (read as calendar days).", *paras, who=EACH_AGENCY)
    working = dl.p8_16_identify_by_working_days(sentence)
    out.date("identify_by_working_days", "Identified and recorded (read as 3 working days)", working,
             "The same 3 days read as working days, as 8.16 says for the probation flag." +
             ("" if working else " Bank holidays for that year are not known to this tool."), p("8.16"),
             who=EACH_AGENCY)
    out.flags_from(dl.FLAGS, "IDENTIFICATION_DAYS")


def p6_37_yot_dates(out: Outcome, a: dict[str, Any]) -> None:
    """The YOT: MAPPA H (6.37, 23.19), level set with the establishment (23.23), the 18th birthday and
    the move to adult services (23.2, 23.30)."""
    release, sentence = a.get("release_date"), a.get("sentence_date")
    if a["setting"] == "community":
        out.action("Send the MAPPA H to the MAPPA Co-ordinator", *ps("6.37", "23.19"), who="The Youth Offending Team",
                   by_text="as soon as the assessments are complete (a community sentence)")
    elif a["setting"] == "custody":
        when = dl.p6_37_mappa_h_due(release, sentence) if release else None
        asap = ("as soon as possible: less than six months were left to serve at sentence"
                if release and when is None else "at least six months before release: give the release date")
        due(out, "mappa_h_by", "Send the MAPPA H to the MAPPA Co-ordinator", when,
            "At least six months before release, or as soon as possible with less than six months to serve.",
            *ps("6.37", "23.19"), who="The Youth Offending Team", asap=asap)
        out.flags_from(dl.FLAGS, "MAPPA_H_MUST_OR_SHOULD")
    birth = a.get("date_of_birth")
    if birth is None:
        return
    out.date("eighteenth_birthday", "18th birthday", dl.p23_2_eighteenth_birthday(birth),
             "The day the young person stops being a child.", p("23.2"))
    level = a["level"]
    if level in ("2", "3"):
        due(out, "consider_transfer_by", "Consider the move to adult services", dl.p23_30_consider_transfer_by(birth),
            "At least six months before the 18th birthday, for a Level 2 or 3 case.", p("23.30"),
            who="The Youth Offending Team", strength="should")
    elif level == "1":
        out.action("Review the MAPPA level formally with the MAPPA Q when the case moves to adult services",
                   p("23.30"), who="The Youth Offending Team", by_text="at the transfer to adult services",
                   strength="should")
        out.flags_from(dl.FLAGS, "MAPPA_Q_NOT_IN_DOCUMENT_SET")
    out.reason("The move from children's to adult services follows the Joint National Protocol for Transitions in "
               "England or the Youth to Adult Transition Principles and Guidance in Wales.", p("23.30"))


def p6_36_mental_health_dates(out: Outcome, a: dict[str, Any]) -> None:
    """Mental health services: identification within 3 days of admission, the MAPPA I (6.36, 6.37,
    26.56-26.59); a civil admission (26.58)."""
    route, admitted = a.get("admission_route"), a.get("admission_date")
    if route == "civil":
        out.action("Contact the lead agency (or, if it is not known, the MAPPA Co-ordination Unit) if the patient is "
                   "known to be a MAPPA offender", p("26.58"), who="The hospital", by_text="when the hospital learns "
                   "of it", strength="should")
        out.reason("A patient admitted through a civil route is not identified under 6.36; the agency managing the "
                   "offender may not know the person is in hospital.", p("26.58"))
        return
    if a["lead_agency"] != "mental_health" and route != "criminal_justice":
        return
    if admitted is not None:
        due(out, "identify_patient_by", "Identify and record the patient as a MAPPA offender",
            dl.p6_36_identify_patient_by(admitted),
            "Within 3 days of admission to hospital through a criminal justice route, or of a change in status, "
            "counted from the admission, not the sentence.", *ps("6.36", "26.56"), who="Mental health services")
    else:
        out.action("Identify and record the patient as a MAPPA offender", *ps("6.36", "26.56"),
                   who="Mental health services", by_text="within 3 days of admission: give the date of admission")
    out.action("Send the MAPPA I to the MAPPA Co-ordinator", *ps("26.57", "6.37"), who="Mental health services",
               by_text="once the patient is admitted through a criminal justice route")
    out.flags_from(dl.FLAGS, "MAPPA_I_NO_DEADLINE")
    out.action("Complete or update Part 3 of the MAPPA I", p("26.59"), who="Mental health services",
               by_text="before the first unescorted leave and after the first care programme approach meeting that "
                       "discusses discharge", strength="should")
    out.reason("First unescorted leave or discharge planning may be the time to consider a referral to Level 2 or 3 "
               "with a MAPPA A.", *ps("7.12", "26.63"))
    out.local_notice("mappa_i_at_discharge_planning")


def p15_16_before_release(out: Outcome, a: dict[str, Any]) -> None:
    """Custody: the prison confirms the release date (15.7), the level is set (15.16, 15.19, 23.23), a
    terrorism case is allocated early and passes to the NSD (15.3, 24.13, 24.14)."""
    release, sentence, kind = a.get("release_date"), a.get("sentence_date"), a["release_kind"]
    parole = a.get("parole_date") if kind == "parole" else None
    child = a["lead_agency"] == "yot"
    if kind == "determinate" and release:
        due(out, "release_date_confirmed_by", "Confirm the release date to the " +
            ("YOT's responsible officer" if child else "community offender manager"),
            dl.p15_7_release_date_confirmed_by(release),
            "No later than eight months before release (determinate sentences)." +
            (" Youth custody establishments meet the requirements made on prisons." if child else ""),
            *(ps("15.7", "23.22") if child else (p("15.7"),)), who=PRISON)
    base = parole if kind == "parole" else release
    level_paras = ps("15.16", "15.19", "23.23") if child else ps("15.16", "15.19")
    what = ("Set the MAPPA level with the custodial establishment" if child
            else "Set the MAPPA level and tell the prison")
    if base:
        when = dl.p15_16_level_set_by(base, sentence)
        due(out, "level_set_by", what, when,
            "At least six months before " + ("the parole eligibility or tariff expiry date, and again before each "
                                             "later parole review." if parole else "release."),
            *level_paras, who=_level_setter(a),
            asap="as soon as possible: less than six months were left to serve at sentence")
    else:
        out.action(what, *level_paras, who=_level_setter(a),
                   by_text="at least six months before release: give the release date")
    if a["terrorism_case"] == YES:
        p24_13_terrorism_case(out, release, parole)
        if child:
            out.flag("TERRORISM_CASE_OF_A_CHILD", "24.13 and 15.3 describe the Probation Service's early allocation of "
                     "terrorism prisoners under OMiC; the guidance does not say how they apply to a child in youth "
                     "custody whom the YOT supervises.", *ps("24.13", "15.3", "23.23"),
                     readings=("The dates apply once the Probation Service takes the case (shown here).",
                               "They do not apply: the YOT sets the level with the establishment (23.23)."))


def p24_13_terrorism_case(out: Outcome, release: dt.date | None, parole: dt.date | None) -> None:
    """Early allocation 18 months before release (15.3, 24.13), responsibility to the NSD or PDU 15
    months before (24.13), the review before parole (24.14)."""
    if release:
        due(out, "early_allocation_from", "Allocate the case early to a community offender manager",
            dl.p15_3_early_allocation_from(release),
            "Terrorism cases are mandatory early allocation cases: 18 months before release.", *ps("15.3", "24.13"),
            who="The Probation Service")
        due(out, "nsd_transfer_on", "Pass the case to the National Security Division or the Probation Delivery "
            "Unit community offender manager", dl.p24_13_responsibility_transfers_on(release),
            "15 months before release.", p("24.13"), who="The Probation Service")
    else:
        out.action("Pass the case to the National Security Division or the Probation Delivery Unit community offender "
                   "manager", p("24.13"), who="The Probation Service",
                   by_text="15 months before release: give the release date")
    if parole:
        due(out, "tact_parole_review_by", "Review the case and its MAPPA level before the parole eligibility date",
            dl.p24_14_tact_parole_review_by(parole), "Eight months before the parole eligibility date.",
            p("24.14"), who="The community offender manager")
    out.reason("Most terrorism cases need Level 2 or 3 at first; release planning, the level included, starts as "
               "soon as the case is allocated.", *ps("24.13", "24.15"))


def p7_10_mappa_a(out: Outcome, a: dict[str, Any]) -> None:
    """If Level 2 or 3 is needed, the MAPPA A at least six months before release (7.10)."""
    release = a.get("release_date")
    if a["setting"] != "custody" or a["level"] in ("2", "3"):
        return
    when = dl.p7_10_mappa_a_due(release, a.get("sentence_date")) if release else None
    due(out, "mappa_a_by", "Send the MAPPA A referral to the MAPPA Co-ordinator, if Level 2 or 3 is needed", when,
        "At least six months before release (earlier under early allocation).", *ps("7.10", "15.3"), who=_lead(a),
        asap="as soon as possible" if release else "at least six months before release: give the release date")


def p13a_29_invitations(out: Outcome, a: dict[str, Any]) -> None:
    """Invitations at least 14 calendar days before the meeting, unless an emergency (13a.29, 15.24)."""
    meeting = a.get("meeting_date")
    if meeting is None:
        return
    paras = ps("13a.29", "14.9", "15.24") if a["setting"] == "custody" else ps("13a.29", "14.9")
    if a.get("emergency_meeting") == YES:
        due(out, "invitations_by", "Send the meeting invitations", None,
            "An emergency meeting: the 14 days do not apply.", *paras, who=MEETING_AREA,
            asap="as soon as the meeting is called")
        return
    due(out, "invitations_by", "Send the meeting invitations", dl.p13a_29_invitations_by(meeting),
        "At least 14 calendar days before the meeting, by secure email, so that agencies can search their records.",
        *paras, who=MEETING_AREA)
    if a["setting"] == "custody":
        out.reason("The prison must be invited to every pre-release Level 2 or 3 meeting, at its functional mailbox.",
                   p("15.24"))


# ---------------------------------------------------------------------------
# Decision
# ---------------------------------------------------------------------------


def _passed(out: Outcome, today: dt.date | None) -> list[dict[str, Any]]:
    if today is None:
        return []
    passed = [x for x in out.actions if x["by"] and dt.date.fromisoformat(x["by"]) < today]
    for x in passed:
        out.warn(f"{x['text']}: the date ({long_date(dt.date.fromisoformat(x['by']))}) has passed. Do it now if it "
                 "has not been done.", *x["paras"])
    return passed


def decide(a: dict[str, Any]) -> Outcome:
    out = Outcome("", "")
    p6_30_identification(out, a)
    if a["lead_agency"] == "yot":
        p6_37_yot_dates(out, a)
    if a["setting"] == "hospital":
        p6_36_mental_health_dates(out, a)
    if a["setting"] == "custody":
        p7_10_mappa_a(out, a)
        p15_16_before_release(out, a)
    p13a_29_invitations(out, a)
    out.actions.sort(key=lambda x: x["by"] or "9999")
    out.dates.sort(key=lambda x: x["date"] or "9999")
    passed = _passed(out, a.get("today"))
    upcoming = [x for x in out.actions if x["by"] and x not in passed]
    if upcoming:
        first = upcoming[0]
        out.code = "KEY_DATES"
        what, who = first["text"], first["who"]
        out.answer = (f"Next: {what[0].lower() + what[1:]}, by {long_date(dt.date.fromisoformat(first['by']))} "
                      f"({who[0].lower() + who[1:]}).")
    elif out.actions:
        out.code = "KEY_DATES" if passed else "NEEDS_DATES"
        out.answer = ("Every dated deadline has passed: see what to do now." if passed else
                      "The deadlines are listed below; give the dates you know to see them as dates.")
    else:
        out.code = "NEEDS_DATES"
        out.answer = "Give the dates you know (sentence, release, admission, next meeting) to see the deadlines."
    carried = {"setting": a["setting"], "current_level": a["level"]}
    carried.update({k: a[k].isoformat() for k in ("sentence_date", "release_date") if a.get(k)})
    out.link("level", "Which level fits, and when is the next review?", carried)
    return out


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors = dl.release_after_sentence(a)
    birth, s = a.get("date_of_birth"), a.get("sentence_date")
    if birth and s and s < birth:
        errors.append(FieldError("date_of_birth", "The date of birth is after the date of sentence. Check both dates."))
    return errors


CALCULATOR = Calculator(
    id="key-dates",
    title="Key dates for each agency",
    summary="Who must do what by when: identification, the MAPPA H and MAPPA I, the release date, the level before "
            "release, terrorism cases and meeting invitations, from the dates you know.",
    intro="Each agency has its own MAPPA deadlines. Give the dates you know and this tool lists each deadline, who "
          "meets it and the paragraph that sets it. Nothing you enter leaves your browser.",
    questions=QUESTIONS,
    decide=decide,
    paras=ps("6.30", "6.36", "6.37", "7.10", "13a.29", "15.7", "15.16", "23.19", "23.30", "24.13", "26.57"),
    cross_checks=cross_checks,
)
