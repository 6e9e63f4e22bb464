"""MAPPA level of management, referral timings and reviews (chapter 7; meetings 13a.37; KPIs 31.21).

The levels the category allows (Category 3 and discretionary Category 4 only at Level 2 or 3), what
the Level 2 and Level 3 criteria of 7.5 and 7.6 give on the facts entered (always indicative: the
lead agency refers, the MAPPA Co-ordination Unit decides, the meeting agrees), when a MAPPA A is due
before release, the latest date of the next review and the level reviews after recall.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import deadlines as dl
from .core import (CATEGORY_CHOICES, NO, YES, Calculator, Choice, FieldError, Outcome, Question, When, long_date, p,
                   ps)
from .core import UNKNOWN as DK
from .dates import OutsideBankHolidayData

YND = (Choice("yes", "Yes"), Choice("no", "No"), Choice("unknown", "I don't know"))


def _q(id: str, text: str, help: str, *paras: str, when: tuple[When, ...] = ()) -> Question:
    return Question(id, text, "yesno", help=help, allow_unknown=True, paras=paras,
                    when=(When("check_criteria", ("yes",)),) + when)


QUESTIONS = (
    Question("category", "Which MAPPA category is the person in?", "choice",
             help="The lead agency or the MAPPA paperwork will say. There are four categories.",
             choices=CATEGORY_CHOICES,
             paras=ps("6.1", "7.2")),
    Question("cat4_discretionary", "Is it a 'terrorism risk' (discretionary) Category 4 case, rather than a "
             "conviction for a terrorist offence?", "yesno", allow_unknown=True,
             when=(When("category", ("4",)),), paras=ps("6.23", "6.27", "7.6")),
    Question("current_level", "At what level is the person managed now?", "choice",
             help="Level 1 is Multi-Agency Support, Level 2 Multi-Agency Management, Level 3 Enhanced Multi-Agency "
                  "Management.",
             choices=(Choice("1", "Level 1"), Choice("2", "Level 2"), Choice("3", "Level 3"),
                      Choice("not_set", "Not set yet"), Choice("unknown", "I don't know")),
             paras=(p("7.2"),)),
    Question("setting", "Where is the person now?", "choice",
             choices=(Choice("custody", "In prison or youth custody"), Choice("community", "In the community"),
                      Choice("hospital", "In hospital")),
             paras=ps("7.10", "7.12", "13a.37")),
    Question("check_criteria", "Do you want to check the Level 2 and Level 3 criteria?", "yesno",
             help="The lead agency assesses the level and the MAPPA Co-ordination Unit decides; this shows what the "
                  "guidance asks them to weigh.", paras=ps("7.5", "7.6", "7.7")),
    _q("meetings_add_value", "Would formal multi-agency meetings add something the lead agency cannot achieve "
       "alone in managing the risk of serious harm?", "This is the first test for Level 2.", p("7.5")),
    Question("rosh", "What risk of serious harm has the lead agency assessed?", "choice",
             choices=(Choice("low", "Low"), Choice("medium", "Medium"), Choice("high", "High"),
                      Choice("very_high", "Very high"), Choice("unknown", "I don't know")),
             when=(When("check_criteria", ("yes",)),), paras=ps("7.5", "7.19")),
    _q("needs_coordination", "Does managing the risk need other agencies to be actively involved, with their work "
       "co-ordinated?", "For a lower risk case this can, exceptionally, justify Level 2.", p("7.5"),
       when=(When("rosh", ("high", "very_high"), negate=True),)),
    _q("senior_oversight", "Does the case need oversight at a more senior level?", "", p("7.5")),
    _q("was_level_3", "Was the case managed at Level 3 and no longer needs to be?", "", p("7.5")),
    _q("significant_resources", "Might agencies need to commit significant resources at short notice?",
       "For example emergency housing or police surveillance.", p("7.6")),
    _q("public_confidence", "Is senior oversight needed to keep public confidence, for example because of high "
       "national media or public interest?", "", p("7.6")),
    _q("national_security", "Is there a national security dimension needing senior oversight by Counter-Terrorism "
       "Police or the National Security Division?", "", p("7.6")),
    _q("organised_crime", "Is the person a high-risk offender involved in serious organised crime?", "", p("7.6")),
    Question("plan_robust", "Is the lead agency confident its own risk management plan can manage the risks, with "
             "nothing standing in the way of other agencies' actions?", "yesno", allow_unknown=True,
             help="These are the conditions for Level 1.", when=(When("check_criteria", ("yes",)),),
             matters=lambda a: p7_4_level_1_left(a), paras=(p("7.4"),)),
    Question("lowering_bars", "Is the level being reconsidered while any of these is true? Tick all that apply.",
             "multi", required=False,
             help="The level is not lowered (and a Category 3 case is not taken out of MAPPA) while information is "
                  "missing, a key partner is absent or the plan is not robust.",
             choices=(Choice("information_missing", "Information is missing"),
                      Choice("partner_absent", "A key partner is not represented at the meeting"),
                      Choice("plan_not_robust", "The risk management plan is not robust")),
             when=(When("current_level", ("2", "3")),), matters=lambda a: p13a_38_lowering_in_question(a),
             paras=(p("13a.38"),)),
    Question("life_ipp_release", "Is the person being released, or were they released, from a life sentence or an "
             "IPP sentence?", "yesno", allow_unknown=True, paras=(p("7.21"),)),
    Question("life_factors", "Which of these apply? Tick all that do.", "multi", required=False,
             choices=(Choice("over_tariff", "Released long after their tariff expired"),
                      Choice("not_supported", "Parole reports did not support release"),
                      Choice("non_compliance", "A history of not keeping to licence conditions"),
                      Choice("public_interest", "High public interest and a risk to reputation")),
             when=(When("life_ipp_release", ("yes",)),), paras=(p("7.21"),)),
    Question("release_date", "Expected release date (if known)", "date", required=False,
             when=(When("setting", ("custody",)),), paras=ps("7.10", "15.16")),
    Question("sentence_date", "Date of sentence (if known)", "date", required=False,
             help="Used for the identification deadlines and to see whether there were less than 6 months to serve.",
             paras=ps("6.30", "15.16")),
    Question("parole_case", "Will the Parole Board decide on release?", "yesno", allow_unknown=True,
             when=(When("setting", ("custody",)),), paras=(p("15.16"),)),
    Question("parole_date", "Parole eligibility date or tariff expiry date (if known)", "date", required=False,
             when=(When("parole_case", ("yes",)),), paras=(p("15.16"),)),
    Question("omic_early_allocation", "Has the case been allocated early to a community probation officer "
             "(early allocation under OMiC)?", "yesno", allow_unknown=True,
             when=(When("setting", ("custody",)),), paras=ps("7.10", "15.3")),
    Question("recalled", "Has the person been recalled to prison while on licence?", "yesno",
             when=(When("setting", ("custody",)),), paras=ps("7.27", "7.28")),
    Question("recall_type", "What kind of recall?", "choice",
             choices=(Choice("fixed_term", "Fixed-term recall"), Choice("standard", "Standard recall"),
                      Choice("unknown", "I don't know")),
             when=(When("recalled", ("yes",)),), paras=ps("7.27", "7.28")),
    Question("parole_28_day_date", "Date of the 28-day Parole Board review (if known)", "date", required=False,
             when=(When("recall_type", ("standard",)),), paras=(p("7.28"),)),
    Question("next_parole_review_date", "Date of the next Parole Board review after that (if known)", "date",
             required=False, when=(When("recall_type", ("standard",)),), paras=(p("7.28"),)),
    Question("parole_review_set_date", "Date that later review was set (if known)", "date", required=False,
             help="If the review was set with less than 6 months' notice, the level is reviewed as soon as possible.",
             when=(When("recall_type", ("standard",)),), paras=(p("7.28"),)),
    Question("mappa_a_received", "If a MAPPA A referral has been made: the date the MAPPA Co-ordinator received it",
             "date", required=False, paras=(p("7.17"),)),
    Question("last_meeting_date", "Date of the last Level 2 or 3 MAPPA meeting (if any)", "date", required=False,
             when=(When("current_level", ("2", "3")),), paras=ps("13a.37", "31.21")),
    Question("meeting_cancelled", "Has the next planned meeting been cancelled?", "yesno", required=False,
             when=(When("current_level", ("2", "3")),), paras=(p("13a.37"),)),
    Question("cancelled_meeting_date", "Date the cancelled meeting was due to take place", "date",
             when=(When("meeting_cancelled", ("yes",)),), paras=(p("13a.37"),)),
)

# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------

FLAGS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "LEVEL_3_INTRO_NARROWER": (
        "The introduction (1.12) describes Level 3 only as senior people committing resources; 7.6 has four "
        "alternative criteria.",
        ps("1.12", "7.6"),
        ("7.6 governs: any one of its four criteria (used here).", "1.12 read alone: only the resources criterion."),
    ),
    "LEVEL_3_LIMBS_WITHOUT_LEVEL_2": (
        "The national security and serious organised crime criteria of 7.6 do not say 'meet the criteria for "
        "Level 2', unlike the first two.",
        (p("7.6"),),
        ("Read literally, they give Level 3 on their own (used here).",
         "The Level 2 test of 7.5 is implied for every Level 3 case."),
    ),
    "DISCRETIONARY_CAT4_LEVEL_RULE": (
        "The rule that discretionary Category 4 offenders must be managed at Level 2 or 3 sits inside a Level 3 "
        "criterion about national security (7.6), not with the level rules in general.",
        ps("7.6", "6.23"),
        ("It applies to every discretionary Category 4 case (used here).",
         "It applies only to cases with a national security dimension."),
    ),
    "RECALL_SHORT_NOTICE": (
        "7.28 allows the level review to be 'as soon as possible' where a later Parole Board review is set with "
        "less than 6 months' notice; 15.21 leaves this out.",
        ps("7.28", "15.21"),
        ("7.28 governs: as soon as possible (used here).", "15.21 read alone: 6 months before, whatever the notice."),
    ),
    "REVIEW_INTERVAL_COMMUNITY_ONLY": (
        "13a.37 sets the 16-week and 8-week review intervals for offenders 'managed in the community'; the KPIs of "
        "31.21 count all Level 2 and 3 cases.",
        ps("13a.37", "31.21"),
        ("The intervals apply in the community only; in custody or hospital the meeting sets the date.",
         "The KPIs apply to every Level 2 and 3 case, wherever the person is."),
    ),
    "RESCHEDULE_WINDOW_EXCEEDS_LIMIT": (
        "A cancelled meeting must be rescheduled within 10 working days (Level 2) or 5 working days (Level 3) and "
        "also within the 16-week or 8-week limit; here the working-day window runs past that limit.",
        (p("13a.37"),),
        ("Both limits apply: the earlier date governs (used here; once the limit has passed, the interval is "
         "breached and only the working-day window is left).",
         "The working-day window is an allowance that may run past the interval."),
    ),
    "POLICE_GRADE_LEVEL_3": (
        "Police attendance at Level 3: KPI 8 says Superintendent (or equivalent); 13a.7 says best practice is "
        "Chief Inspector.",
        ps("31.21", "13a.7"),
        ("KPI 8: Superintendent or equivalent.", "13a.7: Chief Inspector as best practice."),
    ),
    "PROBATION_GRADE_LEVEL_3": (
        "Probation attendance at Level 3: KPI 9 names an ACO of the 'Probation Trust'; 13a.10 says the Head of "
        "Probation Delivery Unit (Probation Trusts no longer exist).",
        ps("31.21", "13a.10"),
        ("KPI 9: ACO or equivalent senior manager.", "13a.10: Head of Probation Delivery Unit or equivalent."),
    ),
}


FLAGS.update(dl.FLAGS)


def _flags(out: Outcome, *codes: str) -> None:
    out.flags_from(FLAGS, *codes)


# ---------------------------------------------------------------------------
# Three-valued logic (True, False, None = not known)
# ---------------------------------------------------------------------------


def _yn(v: str | None) -> bool | None:
    return True if v == YES else False if v == NO else None


def all3(*xs: bool | None) -> bool | None:
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def any3(*xs: bool | None) -> bool | None:
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------


def only_levels_2_and_3(a: dict[str, Any]) -> bool | None:
    """Category 3 and discretionary Category 4 are managed only at Level 2 or 3 (6.11, 6.13, 7.6)."""
    cat = a["category"]
    if cat == "3":
        return True
    if cat == "4":
        return _yn(a.get("cat4_discretionary"))
    if cat in ("1", "2"):
        return False
    return None


def level2_criteria(a: dict[str, Any]) -> bool | None:
    """7.5: meetings add value, and at least one of four limbs."""
    rosh = a.get("rosh", DK)
    high = True if rosh in ("high", "very_high") else False if rosh in ("low", "medium") else None
    lower_but_coordination = all3(None if rosh == DK else rosh in ("low", "medium"), _yn(a.get("needs_coordination")))
    return all3(_yn(a.get("meetings_add_value")),
                any3(high, lower_but_coordination, _yn(a.get("senior_oversight")), _yn(a.get("was_level_3"))))


def level3_criteria(a: dict[str, Any], level2: bool | None) -> bool | None:
    """7.6: at least one of four criteria; the first two also need the Level 2 criteria."""
    return any3(all3(level2, _yn(a.get("significant_resources"))),
                all3(level2, _yn(a.get("public_confidence"))),
                _yn(a.get("national_security")),
                _yn(a.get("organised_crime")))


LEAD = "Lead agency"
CU = "MAPPA Co-ordination Unit, on behalf of the Responsible Authority"
CHAIR = "Chair of the MAPPA meeting"
COM = "Community offender manager, with the prison"

LEVEL_OF_CODE = {"LEVEL_3_INDICATED": 3, "LEVEL_2_INDICATED": 2, "LEVEL_1_INDICATED": 1, "EXIT_MAPPA_CONSIDER": 0}
CURRENT = {"1": 1, "2": 2, "3": 3}


def p7_5_indicated(a: dict[str, Any]) -> str:
    """What the criteria of 7.4-7.6 give on the answers: an outcome code (indicative only)."""
    l2 = level2_criteria(a)
    l3 = level3_criteria(a, l2)
    if l3 is True:
        return "LEVEL_3_INDICATED"
    if l2 is True:
        return "LEVEL_2_INDICATED"
    if l2 is False and l3 is False:
        if only_levels_2_and_3(a) is True:
            return "EXIT_MAPPA_CONSIDER"
        robust = _yn(a.get("plan_robust"))
        return {True: "LEVEL_1_INDICATED", False: "REQUIRES_RA_DECISION"}.get(robust, "UNDETERMINED_NEEDS_FACT")
    return "UNDETERMINED_NEEDS_FACT"


def p7_4_level_1_left(a: dict[str, Any]) -> bool:
    """Only Level 1 is left to weigh: neither the Level 2 nor the Level 3 criteria are met and the category
    allows Level 1 (7.4; not for Category 3 or discretionary Category 4, 6.13 and 7.6).  Whether the
    plan suits Level 1 matters only then."""
    l2 = level2_criteria(a)
    return l2 is False and level3_criteria(a, l2) is False and only_levels_2_and_3(a) is not True


LOWERING_BARS = {
    "information_missing": "information is missing",
    "partner_absent": "a key partner is not represented at the meeting",
    "plan_not_robust": "the risk management plan is not robust",
}


def p13a_38_lowering_in_question(a: dict[str, Any]) -> bool:
    """The 13a.38 bar can matter: the case is at Level 2 or 3 and the criteria are not being checked, or
    they point lower than the present level (or out of MAPPA)."""
    if a.get("check_criteria") != YES:
        return True
    target = LEVEL_OF_CODE.get(p7_5_indicated(a))
    return target is not None and target < CURRENT.get(a.get("current_level", ""), 0)


def _deciders(out: Outcome) -> None:
    out.decided_by(LEAD, "whether to refer the person to Level 2 or 3 (with a MAPPA A)",
                   ("up-to-date information from all agencies, including the prison or hospital",
                    "previous offending, compliance with supervision and how quickly any re-offending happened"),
                   *ps("7.7", "7.9", "7.20"))
    out.decided_by(CU, "whether the case meets the criteria for Level 2 or 3, within 10 days of receiving the MAPPA A",
                   ("the criteria of 7.5 and 7.6", "the reasons and risk set out in the MAPPA A"),
                   *ps("7.13", "7.17"))
    out.decided_by(CHAIR, "the level agreed at each meeting (if no agreement is reached, the lead agency decides)",
                   ("the added value of meetings, not the assessed risk",
                    "missing information, an absent key partner or a weak plan are no reason to lower the level"),
                   *ps("12.32", "13a.38"))


def p7_2_allowed_levels(out: Outcome, a: dict[str, Any], restricted: bool | None) -> str:
    cat = a["category"]
    if restricted is True:
        out.reason("Category 3 and discretionary Category 4 cases are managed only at Level 2 or 3: if Level 2 or 3 "
                   "is no longer needed, the person leaves MAPPA rather than moving to Level 1.",
                   *ps("6.11", "6.13", "7.6", "6.38"))
        if cat == "4":
            _flags(out, "DISCRETIONARY_CAT4_LEVEL_RULE")
        out.local_notice("category_3_at_level_1")
        out.local_notice("housing_category_3_at_level_1")
        return "Level 2 or Level 3 only"
    if restricted is False:
        out.reason(f"Category {cat} cases can be managed at any of the three levels.", *ps("7.2", "7.4"))
        if cat == "4":
            out.reason("Most people managed for terrorism or terrorism-connected offences need Level 2 or 3 at first.",
                       p("24.15"))
        return "Level 1, 2 or 3"
    out.reason("The category is not known for certain: Category 3 and discretionary Category 4 cases can only be "
               "managed at Level 2 or 3.", *ps("6.13", "7.6"))
    return "Level 2 or Level 3 only if the case is Category 3 or discretionary Category 4; otherwise Level 1, 2 or 3"


def decide(a: dict[str, Any]) -> Outcome:
    out = Outcome("", "")
    restricted = only_levels_2_and_3(a)
    _deciders(out)
    allowed = p7_2_allowed_levels(out, a, restricted)
    out.reason("The level is not the risk level: not every high-risk case needs Level 2 or 3, and cases are managed "
               "at the lowest level that gives a defensible plan.", *ps("7.19", "7.22"))
    if a["check_criteria"] == YES:
        _criteria(out, a, restricted, allowed)
        p13a_38_level_decision(out, a)
    else:
        if restricted is None:
            out.code, out.answer = "UNDETERMINED_NEEDS_FACT", (
                f"Allowed levels: {allowed}. We need to know the category (and, for Category 4, whether it is "
                "discretionary) to say more.")
        else:
            out.code = "LEVEL_2_OR_3_ONLY" if restricted else "LEVELS_1_TO_3"
            out.answer = f"Allowed levels for this case: {allowed}. The lead agency assesses and the Co-ordination " \
                         "Unit decides which."
        p13a_38_not_while(out, a)
    p7_21_life_and_ipp(out, a)
    out.item(kind="duty", text="Your agency has a duty to co-operate at every level, Level 1 included: share "
             "information and take part in managing the person as needed.", paras=list(ps("7.4", "7.23")))
    out.item(kind="refer", text="Any Responsible Authority, duty-to-co-operate or associate agency may ask for Level 2 "
             "or 3: first discuss it with the lead agency, then with the MAPPA Co-ordination Unit.",
             paras=list(ps("7.13", "7.24")))
    _timings(out, a)
    _links(out, a)
    return out


def p7_21_life_and_ipp(out: Outcome, a: dict[str, Any]) -> None:
    if a.get("life_ipp_release") != YES:
        return
    factors = a.get("life_factors", [])
    out.reason("People released from a life or IPP sentence may be managed at Level 1"
               + (", but the factors you ticked call for particular consideration of Level 2 or 3." if factors
                  else "; particular consideration of Level 2 or 3 is needed if they were released well over "
                       "tariff, release was not supported, they have breached licence before, or there is high "
                       "public interest."), p("7.21"))


def _criteria(out: Outcome, a: dict[str, Any], restricted: bool | None, allowed: str) -> None:
    l2 = level2_criteria(a)
    code = p7_5_indicated(a)
    out.code = code
    if a.get("rosh") in ("high", "very_high") and a.get("meetings_add_value") == NO:
        out.reason("A high or very high risk alone does not call for Level 2: the meetings must add value.",
                   *ps("7.5", "7.19", "7.22"))
    if code == "LEVEL_3_INDICATED":
        out.answer = ("On the answers given, the Level 3 criteria are met (indicative: the Co-ordination Unit and the "
                      "meeting decide).")
        out.reason("Level 3 is for cases meeting at least one of the four criteria of 7.6.", p("7.6"))
        _flags(out, "LEVEL_3_INTRO_NARROWER")
        if l2 is not True and (_yn(a.get("national_security")) or _yn(a.get("organised_crime"))):
            _flags(out, "LEVEL_3_LIMBS_WITHOUT_LEVEL_2")
        out.item(kind="consider", text="Every Level 3 case should be considered for referral as a Critical Public "
                 "Protection Case.", paras=list(ps("12.27", "19.4")))
        if a["setting"] == "custody":
            out.item(kind="consider", text="Prisoners who will be managed at Level 3 are mandatory early allocation "
                     "cases under OMiC (up to 18 months before release).", paras=list(ps("15.3",)))
        if _yn(a.get("national_security")) or _yn(a.get("organised_crime")):
            out.local_notice("level_3_by_risk_or_media_only")
        p7_10_refer_with_a_mappa_a(out, a, 3)
    elif code == "LEVEL_2_INDICATED":
        out.answer = ("On the answers given, the Level 2 criteria are met (indicative: the Co-ordination Unit and the "
                      "meeting decide)" + (". Level 3 depends on facts not yet known." if level3_criteria(a, l2) is None
                                           else "."))
        out.reason("Level 2 is considered where formal meetings would add value and at least one of the four "
                   "conditions of 7.5 applies.", p("7.5"))
        if a.get("rosh") not in ("high", "very_high"):
            out.local_notice("level_2_needs_high_risk")
        p7_10_refer_with_a_mappa_a(out, a, 2)
    elif code == "EXIT_MAPPA_CONSIDER":
        out.answer = ("On the answers given, neither the Level 2 nor the Level 3 criteria are met. A Category 3 or "
                      "discretionary Category 4 case cannot go to Level 1: a Level 2 or 3 meeting decides whether "
                      "the person leaves MAPPA.")
        out.reason("These cases are registered only while Level 2 or 3 management is needed; when it no longer is, "
                   "they leave MAPPA, and the meeting records its reasons and how to re-refer.",
                   *ps("6.13", "6.38", "13a.38", "13a.39"))
    elif code == "LEVEL_1_INDICATED":
        out.answer = ("On the answers given, Level 1 (Multi-Agency Support) fits: the lead agency manages the "
                      "risk with other agencies' co-operation, without formal meetings.")
        out.reason("Level 1 is used where the lead agency's plan is robust enough, formal multi-agency "
                   "oversight is not needed and nothing stands in the way of agreed actions.", *ps("7.4", "7.23"))
    elif code == "REQUIRES_RA_DECISION":
        out.answer = ("The Level 2 and 3 criteria are not met on the answers given, but the lead agency's plan "
                      "is not robust enough for Level 1: escalate through line management and discuss with "
                      "the Co-ordination Unit.")
        out.reason("Level 1 needs a robust plan; differences of professional opinion are escalated through line "
                   "management.", *ps("7.4", "7.9", "7.23"))
    elif l2 is False and level3_criteria(a, l2) is False:
        out.answer = ("The Level 2 and 3 criteria are not met on the answers given; Level 1 depends on whether "
                      "the lead agency's plan is robust enough, which is not known.")
        out.reason("Level 1 needs a robust plan and no barriers to agreed actions.", p("7.4"))
    else:
        missing = [label for key, label in (
            ("meetings_add_value", "whether formal meetings would add value"),
            ("rosh", "the assessed risk of serious harm"),
            ("senior_oversight", "whether senior oversight is needed"),
            ("was_level_3", "whether the case is stepping down from Level 3"),
            ("significant_resources", "whether significant resources may be needed at short notice"),
            ("public_confidence", "whether there is high media or public interest"),
            ("national_security", "whether there is a national security dimension"),
            ("organised_crime", "whether the person is involved in serious organised crime"),
        ) if a.get(key) in (DK, None)]
        out.answer = (f"Allowed levels: {allowed}. To apply the Level 2 and 3 criteria we need to know: "
                      + "; ".join(missing) + ".")
        out.reason("The Level 2 and Level 3 criteria depend on facts that are not known.", *ps("7.5", "7.6"))
    if code in ("LEVEL_1_INDICATED", "REQUIRES_RA_DECISION", "UNDETERMINED_NEEDS_FACT") and \
            l2 is False and restricted is None:
        out.reason("If the case is Category 3 or discretionary Category 4, Level 1 is not possible: the "
                   "person would leave MAPPA instead.", *ps("6.13", "6.38"))
    out.local_notice("levels_of_risk")


def p7_10_refer_with_a_mappa_a(out: Outcome, a: dict[str, Any], level: int) -> None:
    """Level 2 or 3 indicated: the lead agency refers with a MAPPA A to the MAPPA Co-ordinator, for someone in
    custody at least six months before release (7.10); a Level 2 case needing Level 3 is re-referred (13a.39)."""
    current = a["current_level"]
    if current in ("1", "not_set", "unknown"):
        out.answer += (" The lead agency refers the case with a MAPPA A to the MAPPA Co-ordinator" +
                       (" (if it is not at Level 2 or 3 already)." if current == "unknown" else "."))
        release = a.get("release_date") if a["setting"] == "custody" and a.get("recalled") != YES else None
        when = dl.p7_10_mappa_a_due(release, a.get("sentence_date")) if release else None
        out.action("Send the MAPPA A referral to the MAPPA Co-ordinator", *ps("7.10", "7.12"), who=LEAD, by=when,
                   by_text="" if when else ("at least six months before release" if a["setting"] == "custody"
                                            else "now"))
        out.reason("If the assessment shows a referral to Level 2 or 3 is needed, the lead agency completes a MAPPA A "
                   "and sends it to the MAPPA Co-ordinator; for someone in custody, at least six months before "
                   "release.", *ps("7.10", "7.12"))
    elif current == "2" and level == 3:
        out.action("Refer the case for Level 3", *ps("13a.39", "7.13"), who=LEAD, by_text="now", strength="should")


def p13a_38_level_decision(out: Outcome, a: dict[str, Any]) -> None:
    """13a.38: the level is reconsidered at the end of every meeting; it is not lowered while information is
    missing, a key partner is absent or the plan is not robust; the reasons are recorded either way."""
    current = CURRENT.get(a["current_level"])
    target = LEVEL_OF_CODE.get(out.code)
    if current is None or current < 2:
        return
    bars = [LOWERING_BARS[b] for b in a.get("lowering_bars", [])]
    if target is not None and target < current and bars:
        where = "out of MAPPA" if target == 0 else f"to Level {target}"
        out.code = "DO_NOT_LOWER_LEVEL"
        out.answer = (f"Keep the case at Level {current} for now. The criteria point {where}, but the level is not "
                      f"lowered while {_and(bars)}.")
        out.reason("Levels of management should not be reduced where information is missing, a key partner is not "
                   "represented at the meeting or the risk management plan is not robust.", p("13a.38"))
        out.action(f"Keep the case at Level {current} while {_and(bars)}; reconsider the level at the end of the next "
                   "meeting", p("13a.38"), who=CHAIR, by_text="at the end of the meeting", strength="should")
    out.action("Record the reasons for the level decided in the minutes" +
               (" (and, if a Category 3 case leaves MAPPA, how and by whom it can be referred again)"
                if target == 0 else ""), *(ps("13a.38", "13a.39") if target == 0 else (p("13a.38"),)),
               who=CHAIR, by_text="at the end of every meeting")


def p13a_38_not_while(out: Outcome, a: dict[str, Any]) -> None:
    """Without the criteria: the bar of 13a.38 on lowering the level, if a reason for it was ticked."""
    bars = [LOWERING_BARS[b] for b in a.get("lowering_bars", [])]
    if bars and a["current_level"] in ("2", "3"):
        out.action(f"Do not lower the level while {_and(bars)}", p("13a.38"), who=CHAIR,
                   by_text="at the end of the meeting", strength="should")


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


def _links(out: Outcome, a: dict[str, Any]) -> None:
    carried: dict[str, Any] = {"setting": a["setting"], "level": a["current_level"]}
    carried.update({k: a[k].isoformat() for k in ("sentence_date", "release_date") if a.get(k)})
    out.link("key-dates", "Who must do what before release, and by when?", carried)
    end: dict[str, Any] = {"category": a["category"]}
    if a["current_level"] in ("1", "2", "3", "unknown"):
        end["level"] = a["current_level"]
    if a["category"] == "4" and a.get("cat4_discretionary") == YES:
        end["basis"] = "discretionary"
    out.link("status-end", "When does MAPPA status end?", end)


def _timings(out: Outcome, a: dict[str, Any]) -> None:
    setting, level = a["setting"], a["current_level"]
    sentenced = a.get("sentence_date")
    if sentenced:
        out.date("identify_by", "Identified and recorded as a MAPPA offender (3 days)", dl.p6_30_identify_by(sentenced),
                 "Each agency identifies and records the MAPPA offenders it supervises within 3 days of sentence.",
                 *ps("6.30", "6.31", "6.36"), who="Each supervising agency", reading="calendar days")
        working = dl.p8_16_identify_by_working_days(sentenced)
        out.date("identify_by_working_days", "Identified and recorded (3 working days)", working,
                 "Read as three working days, as 8.16 says for the probation record." +
                 ("" if working else " Bank holidays for that year are not known to this tool."),
                 *ps("8.16",), who="Probation Service", reading="working days")
        _flags(out, "IDENTIFICATION_DAYS")
    if setting == "custody":
        p15_16_before_release(out, a)
    if setting == "hospital":
        out.reason("For a patient whose lead agency is mental health services, first unescorted leave or discharge "
                   "planning may be the time to consider a referral to Level 2 or 3 (with a MAPPA A).",
                   *ps("7.12", "26.63"))
    if a.get("mappa_a_received"):
        dl.dated_action(out, "coordinator_decision_by", "Decide on the MAPPA A: give the meeting date, or the reasons "
                        "for refusing", dl.p7_17_coordinator_decision_by(a["mappa_a_received"]),
                        "Within 10 days of receiving the MAPPA A (read as calendar days).", p("7.17"), who=CU,
                        reading="calendar days")
    if a.get("recalled") == YES:
        _recall(out, a)
    if level in ("2", "3"):
        _reviews(out, a, level)
        if level == "3":
            _flags(out, "POLICE_GRADE_LEVEL_3", "PROBATION_GRADE_LEVEL_3")
        out.item(kind="kpi", text=f"KPI {'1' if level == '3' else '2'}: 90% of Level {level} cases reviewed at least "
                 f"once every {'8' if level == '3' else '16'} weeks.", paras=list(ps("31.21",)))
        out.item(kind="kpi", text="KPI 6: each invited duty-to-co-operate agency attends 90% of Level 2 and 3 meetings "
                 "at the right seniority (video or phone may be acceptable).", paras=list(ps("31.21",)))
    elif level == "1":
        out.reason("Level 1 cases are reviewed under the lead agency's own arrangements, and always when circumstances "
                   "change, new information arrives or the risk rises.", p("7.25"))


def p15_16_before_release(out: Outcome, a: dict[str, Any]) -> None:
    """In custody: the MAPPA A and the level six months before release (7.10, 15.16, 15.19); early
    allocation 18 months before (15.3, 24.13); after a recall, the recall reviews instead."""
    release, sentence = a.get("release_date"), a.get("sentence_date")
    parole, ped = a.get("parole_case") == YES, a.get("parole_date")
    if a.get("recalled") == YES:
        if release:
            out.date("mappa_a_by", "MAPPA A to the Co-ordinator, if Level 2 or 3 is needed", None,
                     "After a recall the level is reviewed before release (fixed-term recall) or before each Parole "
                     "Board review (standard recall): see the recall dates. The six-month deadlines before release "
                     "are for release from the sentence itself and cannot be met after a short recall (our reading).",
                     *ps("7.10", "7.27", "7.28"), who=LEAD, reading="inferred")
        return
    if not (release or (parole and ped)):
        return
    if release and dl.less_than_six_months_to_serve(sentence, release):
        dl.dated_action(out, "level_set_by", "Set the MAPPA level and tell the prison", None,
                        "Less than 6 months to serve at sentence: the level-setting process starts as soon as possible.",
                        *ps("15.16", "23.23"), who=COM, asap="as soon as possible")
        out.date("mappa_a_by", "MAPPA A to the Co-ordinator, if Level 2 or 3 is needed", None,
                 "Less than 6 months to serve at sentence: as soon as possible.", *ps("7.10", "15.16"), who=LEAD)
    else:
        six = dl.p7_10_mappa_a_due(release) if release else None
        out.date("mappa_a_by", "MAPPA A to the Co-ordinator, if Level 2 or 3 is needed (at the latest)", six,
                 "At least six months before release (earlier under OMiC early allocation)." +
                 ("" if release else " Give the expected release date to work it out."), *ps("7.10", "15.3"),
                 who=LEAD)
        if parole:
            level_by = dl.p15_16_level_set_by(ped) if ped else None
            dl.dated_action(out, "level_set_by", "Set the MAPPA level and tell the prison", level_by,
                            "Parole cases: at least six months before the parole eligibility or tariff expiry date, "
                            "and again before each later parole review." + ("" if ped else " Give that date to work "
                                                                             "it out."),
                            p("15.16"), who=COM, asap="six months before the parole eligibility date")
            if level_by and (six is None or level_by < six):
                out.warn(f"In a Parole Board case the person may be released from the parole eligibility or tariff "
                         f"expiry date, and the level must be set by {long_date(level_by)}: send any MAPPA A in time "
                         "for that, not only six months before the expected release date.", *ps("7.10", "15.16"))
        else:
            dl.dated_action(out, "level_set_by", "Set the MAPPA level and tell the prison",
                            dl.p15_16_level_set_by(release),
                            "Determinate sentences: six months before the release date.", *ps("15.16", "15.19"),
                            who=COM)
    if release and (a.get("omic_early_allocation") == YES or a["current_level"] == "3"
                    or out.code == "LEVEL_3_INDICATED" or (a["category"] == "4" and a.get("cat4_discretionary") == NO)):
        out.date("early_allocation_from", "Early allocation to a community offender manager (from)",
                 dl.p15_3_early_allocation_from(release),
                 "Early allocation takes place 18 months before release (mandatory for TACT cases and those to be "
                 "managed at Level 3); release planning and level setting start then.", *ps("15.3", "24.13"),
                 who="Probation Service")


def _reviews(out: Outcome, a: dict[str, Any], level: str) -> None:
    weeks = dl.p13a_37_review_weeks(level)
    last = a.get("last_meeting_date")
    if a["setting"] != "community":
        _flags(out, "REVIEW_INTERVAL_COMMUNITY_ONLY")
    if not last:
        out.date("next_review_by", f"Next Level {level} review (at the latest)", None,
                 f"At least every {weeks} weeks for Level {level} cases in the community: give the date of the last "
                 "meeting to work it out.", *ps("13a.37", "31.21"), who=CHAIR)
        return
    limit = dl.p13a_37_next_review_by(last, level)
    dl.dated_action(out, "next_review_by", f"Hold the next Level {level} review meeting", limit,
                    f"At least every {weeks} weeks after the last meeting (Level {level}, in the community).",
                    *ps("13a.37", "31.21"), who=CHAIR)
    cancelled: dt.date | None = a.get("cancelled_meeting_date")
    if a.get("meeting_cancelled") == YES and cancelled:
        p13a_37_rescheduled(out, cancelled, limit, level)


def p13a_37_rescheduled(out: Outcome, cancelled: dt.date, limit: dt.date, level: str) -> None:
    """A cancelled meeting: within 10 (Level 2) or 5 (Level 3) working days and within the interval."""
    weeks, days = dl.p13a_37_review_weeks(level), dl.p13a_37_reschedule_working_days(level)
    text = "Hold the rescheduled meeting"
    try:
        window = dl.p13a_37_rescheduled_within(cancelled, level)
    except OutsideBankHolidayData:
        dl.dated_action(out, "rescheduled_by", text, None,
                        f"Within {days} working days, and within the {weeks}-week limit: bank holidays for that year "
                        "are not known to this tool.", p("13a.37"), who=CHAIR,
                        asap=f"within {days} working days of the cancelled date")
        return
    if cancelled >= limit:
        # the interval is already used up: only the working-day window can still be kept (C-24)
        dl.dated_action(out, "rescheduled_by", text, window,
                        f"Within {days} working days of the cancelled date. The {weeks}-week limit "
                        f"({long_date(limit)}) has already been reached, so it cannot be kept.", p("13a.37"), who=CHAIR)
    else:
        dl.dated_action(out, "rescheduled_by", text, min(window, limit),
                        f"Within {days} working days of the cancelled date and not later than the {weeks}-week limit "
                        "(the earlier of the two).", p("13a.37"), who=CHAIR)
    out.reason("Only the meeting Chair can agree to cancel or reschedule a meeting.", p("13a.37"))
    if window > limit:
        _flags(out, "RESCHEDULE_WINDOW_EXCEEDS_LIMIT")
    if cancelled >= limit:
        out.warn(f"The cancelled meeting was already at or past the {weeks}-week limit: the review interval is "
                 "breached whatever date is now set, and counts against the KPI.", *ps("13a.37", "31.21"))


def _recall(out: Outcome, a: dict[str, Any]) -> None:
    kind = a.get("recall_type", DK)
    out.reason("During a recall, how often and when MAPPA meetings are held is for local decision.", p("7.29"))
    if kind == "fixed_term":
        release = a.get("release_date")
        dl.dated_action(out, "recall_level_review_before", "Review the MAPPA level before release", release,
                        "Fixed-term recall: the level is reviewed before the person is released." +
                        ("" if release else " Give the release date to show it."), *ps("7.27", "15.20"), who=LEAD,
                        asap="before release")
    elif kind == "standard":
        first = a.get("parole_28_day_date")
        dl.dated_action(out, "recall_review_before_28_day", "Review the MAPPA level before the 28-day Parole Board "
                        "review", first, "Standard recall: review the level before the 28-day Parole Board review.",
                        *ps("7.28", "15.21"), who=LEAD, asap="before the 28-day Parole Board review")
        nxt, set_on = a.get("next_parole_review_date"), a.get("parole_review_set_date")
        if nxt:
            when = dl.p7_28_review_before_later_parole(nxt, set_on)
            dl.dated_action(out, "recall_review_before_next_parole", "Review the MAPPA level for the next Parole Board "
                            "review", when, "Set with less than 6 months' notice: review as soon as possible." if when
                            is None else "Six months before any later Parole Board review.", *ps("7.28", "15.21"),
                            who=LEAD, asap="as soon as possible")
            _flags(out, "RECALL_SHORT_NOTICE")
        out.item(kind="recall", text="Review the level before any consideration of executive re-release.",
                 paras=list(ps("7.28",)))
    else:
        out.reason("The type of recall is not known: after a fixed-term recall the level is reviewed before release; "
                   "after a standard recall before each Parole Board review and any executive re-release.",
                   *ps("7.27", "7.28"))


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    if a.get("current_level") == "1" and (a.get("category") == "3" or
                                          (a.get("category") == "4" and a.get("cat4_discretionary") == YES)):
        errors.append(FieldError("current_level", "Category 3 and discretionary Category 4 cases can only be managed "
                                 "at Level 2 or 3 (guidance 6.13 and 7.6). Check the category and the level you were "
                                 "told: if Level 2 or 3 is no longer needed, the person leaves MAPPA."))
    errors += dl.release_after_sentence(a)
    last, cancelled = a.get("last_meeting_date"), a.get("cancelled_meeting_date")
    if last and cancelled and cancelled <= last:
        errors.append(FieldError("cancelled_meeting_date", "The cancelled meeting should be after the last meeting."))
    first, nxt, set_on = a.get("parole_28_day_date"), a.get("next_parole_review_date"), a.get("parole_review_set_date")
    if first and nxt and nxt <= first:
        errors.append(FieldError("next_parole_review_date", "The next Parole Board review should be after the 28-day "
                                 "review."))
    if set_on and nxt and nxt < set_on:
        errors.append(FieldError("parole_review_set_date", "The review cannot be set after the date it takes place."))
    return errors


CALCULATOR = Calculator(
    id="level",
    title="MAPPA level, referral and review dates",
    summary="Which levels the category allows, what the Level 2 and 3 criteria give, when a MAPPA A is due before "
            "release and the latest date of the next review.",
    intro="There are three levels of MAPPA management. The lead agency assesses, the MAPPA Co-ordination Unit decides "
          "and the meeting agrees the level: this tool shows what the guidance asks and the dates it sets.",
    questions=QUESTIONS,
    decide=decide,
    paras=ps("7.2", "7.4", "7.5", "7.6", "7.10", "7.13", "7.17", "7.27", "7.28", "13a.37", "31.21"),
    cross_checks=cross_checks,
)
