"""The shared accommodation rate: is a MAPPA offender exempt, is a MAPPA P needed, and until when?

Encodes 21.15 to 21.18 of the national guidance, with 14.24:

* 21.15  the limit itself (single, under 35, living alone, private rented) and the exemption (Level 2 or 3,
         self-contained, under 35); Universal Credit for most, Housing Benefit for pension age, temporary,
         supported or sheltered housing;
* 21.16  the MAPPA P: completed by the lead agency (never the housing provider), its content and end date;
* 21.17  the exemption continuing after re-assessment to Level 1 unless the person moves; a new MAPPA P on a
         change of address;
* 21.18  a Discretionary Housing Payment for the others, decided by the local authority;
* 14.24  "aged 25 to 34", which conflicts with 21.15 "under 35": both readings are shown.

Benefit law is not in the guidance: where it matters it is shown as a caveat to verify, never as a rule.
The abbreviation "SAR" is not used: in the guidance it also means a Subject Access Request (9.2, 13b.15).

Standard library only (runs in Pyodide).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .core import (LEAD_AGENCY_CHOICES, Calculator, Choice, FieldError, Outcome, Question, When, lead_agency_name,
                   long_date, p)
from .dates import add_days, age_on, day_before_birthday, is_leap_day_birthday

UC_REGULATION = "Universal Credit Regulations 2013 (SI 2013/376), Schedule 4, paragraph 29"
HB_REGULATION = "Housing Benefit Regulations 2006 (SI 2006/213), regulation 2(1), definition of \"young individual\""

MANAGED_LEVELS = ("level_2", "level_3")


def _settled(a: dict[str, Any]) -> bool:
    return p21_15_rate_question_settled(a)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "tenure", "What kind of home does the person rent?", "choice",
        choices=(
            Choice("private_rented", "A home from a private landlord"),
            Choice("social_rented", "A council or housing association home (general needs)",
                   "Social housing: the shared accommodation rate does not apply to this tenancy."),
            Choice("temporary_accommodation", "Temporary accommodation arranged by the council"),
            Choice("supported_or_sheltered", "Supported or sheltered housing"),
            Choice("other", "Something else (for example Approved Premises)"),
        ),
        paras=(p("21.15"),),
    ),
    Question("assessment_date", "What date are we checking for?", "date", default_today=True,
             help="Usually today. Enter another date to check how things will stand then.", paras=(p("21.15"),),
             matters=lambda a: not p21_15_social_tenancy(a)),
    Question("date_of_birth", "What is the person's date of birth?", "date",
             help="The limit applies only to people under 35.", paras=(p("21.15"), p("21.16")),
             matters=lambda a: not p21_15_social_tenancy(a)),
    Question(
        "household", "Who lives with the person as part of their household?", "choice",
        choices=(
            Choice("alone", "No one: they are single and live on their own"),
            Choice("other_adults", "They are single but other adults live with them (for example a grown-up son)"),
            Choice("partner", "A partner"),
            Choice("children", "Children they are responsible for"),
        ),
        paras=(p("21.15"),),
        matters=lambda a: not (p21_15_social_tenancy(a) or p21_15_aged_35_or_over(a)),
    ),
    Question(
        "current_level", "At what MAPPA level is the person managed now?", "choice",
        choices=(Choice("level_2", "Level 2"), Choice("level_3", "Level 3"), Choice("level_1", "Level 1"),
                 Choice("not_managed", "Not managed under MAPPA"), Choice("unknown", "Not known")),
        help="Ask the lead agency (usually the Probation Service) if you are not sure. If MAPPA management has "
             "ended, choose the level it was at last: you can give the date it ended next.",
        paras=(p("21.15"), p("21.17")), matters=lambda a: not _settled(a),
    ),
    Question(
        "category", "Which MAPPA category is the person in?", "choice", required=False,
        choices=(Choice("1", "Category 1"), Choice("2", "Category 2"), Choice("3", "Category 3"),
                 Choice("4", "Category 4 (automatic)"), Choice("4d", "Category 4 (discretionary)"),
                 Choice("unknown", "Not known")),
        when=(When("current_level", ("level_1",)),),
        help="Leave blank if you do not know.",
        paras=(p("6.13"), p("7.6")), matters=lambda a: not _settled(a),
    ),
    Question(
        "mappa_end", "When does MAPPA management end?", "choice",
        choices=(Choice("known_date", "On a known date (or it has already ended)"),
                 Choice("indefinite", "No end date (for example lifetime notification requirements)"),
                 Choice("unknown", "Not known")),
        when=(When("current_level", ("level_1", "level_2", "level_3")),),
        help="Ask the lead agency: for example the end of the licence or of the notification period.",
        paras=(p("21.16"), p("6.38")),
        matters=lambda a: not (_settled(a) or p6_13_left_mappa_at_level_1(a)),
    ),
    Question("mappa_end_date", "On what date does (or did) MAPPA management end?", "date",
             when=(When("current_level", ("level_1", "level_2", "level_3")), When("mappa_end", ("known_date",))),
             help="The last day on which the person is managed under MAPPA. A date in the past is fine.",
             paras=(p("21.16"),), matters=lambda a: not (_settled(a) or p6_13_left_mappa_at_level_1(a))),
    Question(
        "exemption_at_level23", "While the case was at Level 2 or 3, did the person have the exemption (did the lead "
                                "agency send a MAPPA P)?", "yesno", allow_unknown=True,
        when=(When("current_level", ("level_1",)),), paras=(p("21.17"),),
        matters=lambda a: not p21_15_exemption_settled_by_mappa(a),
    ),
    Question(
        "moved_since_exemption", "Has the person moved home since the case was re-assessed to Level 1?", "yesno",
        allow_unknown=True,
        when=(When("current_level", ("level_1",)), When("exemption_at_level23", ("yes",))),
        help="At Level 1 the exemption carries on only at the home where the person lived when the case left "
             "Level 2 or 3. A move made while the case was still at Level 2 or 3 does not end it (a new MAPPA P "
             "is advisable then); a move after the case went down to Level 1 does.",
        paras=(p("21.17"),), matters=lambda a: not p21_15_exemption_settled_by_mappa(a),
    ),
    Question(
        "self_contained", "Does the person have their own kitchen, bathroom and living room, not shared with "
                          "other households?", "yesno", allow_unknown=True,
        help="A self-contained home. A room in a shared house, with a shared kitchen or bathroom, is not.",
        paras=(p("21.15"),), matters=lambda a: p21_15_home_decides(a),
    ),
    Question(
        "benefit", "Which benefit helps, or would help, with the rent?", "choice",
        choices=(Choice("universal_credit", "Universal Credit"), Choice("housing_benefit", "Housing Benefit"),
                 Choice("none_yet", "None yet"), Choice("unknown", "Not known")),
        paras=(p("21.15"),), matters=lambda a: p21_15_home_decides(a),
    ),
    Question(
        "mappa_p_sent", "Has the lead agency sent a MAPPA P for this person?", "choice",
        choices=(Choice("not_yet", "Not yet"),
                 Choice("current_address", "Yes, for the present address"),
                 Choice("previous_address", "Yes, but the person has moved since"),
                 Choice("unknown", "Not known")),
        when=(When("current_level", MANAGED_LEVELS),), paras=(p("21.16"), p("21.17")),
        matters=lambda a: p21_16_mappa_p_due(a),
    ),
    Question(
        "lead_agency", "Which agency is the lead agency?", "choice", required=False,
        choices=LEAD_AGENCY_CHOICES,
        paras=(p("21.16"),), matters=lambda a: not _settled(a),
    ),
    Question("care_leaver", "Was the person in the care of a local authority as a child (a care leaver)?", "yesno",
             allow_unknown=True, required=False, paras=(p("23.13"),),
             help="Asked for people under 25: local authorities support care leavers up to that age.",
             matters=lambda a: not _settled(a) and p23_13_under_25(a)),
)

# ---------------------------------------------------------------------------
# Rules: each answers one question of 21.15-21.18 from the (normalised) answers given so far.  The question
# declarations above use the same functions to say which later questions can no longer change the answer.
# ---------------------------------------------------------------------------


def under_35(birth: dt.date, on: dt.date) -> bool:
    """21.15: "aged under 35": up to and including the day before the 35th birthday."""
    return on <= day_before_birthday(birth, 35)


def _age(a: dict[str, Any]) -> int | None:
    on, birth = a.get("assessment_date"), a.get("date_of_birth")
    return age_on(birth, on) if on is not None and birth is not None else None


def p21_15_social_tenancy(a: dict[str, Any]) -> bool:
    """21.15 describes the limit for the private rented sector: it does not apply to a social tenancy."""
    return a.get("tenure") == "social_rented"


def p21_15_aged_35_or_over(a: dict[str, Any]) -> bool:
    """21.15: the limit applies to people under 35; from the 35th birthday no exemption is needed."""
    on, birth = a.get("assessment_date"), a.get("date_of_birth")
    return on is not None and birth is not None and not under_35(birth, on)


def p21_15_not_living_alone(a: dict[str, Any]) -> bool:
    """21.15: the limit is for single people who live on their own."""
    return a.get("household") in ("other_adults", "partner", "children")


def p21_15_housing_not_covered(a: dict[str, Any]) -> bool:
    """21.15 says nothing about housing other than private rented, temporary, supported or sheltered."""
    return a.get("tenure") == "other" and a.get("household") == "alone"


def p21_15_rate_question_settled(a: dict[str, Any]) -> bool:
    """The answer is settled before MAPPA comes into it: the limit does not apply, or the guidance is silent."""
    return (p21_15_social_tenancy(a) or p21_15_aged_35_or_over(a) or p21_15_not_living_alone(a)
            or p21_15_housing_not_covered(a))


def p6_13_left_mappa_at_level_1(a: dict[str, Any]) -> bool:
    """6.13, 7.6: a Category 3 or discretionary Category 4 case cannot be at Level 1: it has left MAPPA."""
    return a.get("current_level") == "level_1" and a.get("category") in ("3", "4d")


def p21_16_mappa_ended(a: dict[str, Any]) -> bool:
    """21.16: the exemption lasts until the date MAPPA management ends; that date has passed."""
    end, on = a.get("mappa_end_date"), a.get("assessment_date")
    return a.get("mappa_end") == "known_date" and end is not None and on is not None and end < on


def p21_17_level_1_settled(a: dict[str, Any]) -> bool:
    """21.17 at Level 1: no exemption carried over, a move since, or either not known."""
    return a.get("current_level") == "level_1" and (
        a.get("exemption_at_level23") in ("no", "unknown") or a.get("moved_since_exemption") in ("yes", "unknown"))


def p21_15_exemption_settled_by_mappa(a: dict[str, Any]) -> bool:
    """Settled by the person's MAPPA status alone (21.15-21.17), before the home and the benefit matter."""
    return (_settled(a) or a.get("current_level") in ("not_managed", "unknown") or p6_13_left_mappa_at_level_1(a)
            or p21_16_mappa_ended(a))


def p21_15_home_decides(a: dict[str, Any]) -> bool:
    """The home (self-contained?) and the benefit can still change the answer."""
    return not (p21_15_exemption_settled_by_mappa(a) or p21_17_level_1_settled(a))


def benefit_route(answers: dict[str, Any]) -> str:
    """21.15: Universal Credit for most working-age claimants; Housing Benefit from the local authority for
    those in temporary accommodation or supported/sheltered housing, and for those of pension age.  Everyone
    this calculator gets this far with is under 35, far below pension age, so pension age is never asked."""
    if answers.get("tenure") in ("temporary_accommodation", "supported_or_sheltered"):
        return "housing_benefit"
    if answers.get("benefit") == "housing_benefit":
        return "housing_benefit"
    return "universal_credit"


def p14_24_age_band_undecided(a: dict[str, Any]) -> bool:
    """14.24 ("aged 25 to 34") against 21.15 ("under 35") decides a Housing Benefit claim under 25."""
    age = _age(a)
    return age is not None and age < 25 and benefit_route(a) == "housing_benefit"


def p21_16_mappa_p_due(a: dict[str, Any]) -> bool:
    """21.16: the criteria for the exemption are met at Level 2 or 3, so the lead agency must complete a MAPPA P."""
    return (p21_15_home_decides(a) and a.get("current_level") in MANAGED_LEVELS and a.get("self_contained") == "yes"
            and not p14_24_age_band_undecided(a))


def p23_13_under_25(a: dict[str, Any]) -> bool:
    """23.13: local authorities support care leavers up to the age of 25."""
    age = _age(a)
    return age is not None and age < 25


# ---------------------------------------------------------------------------
# decide
# ---------------------------------------------------------------------------


def decide(answers: dict[str, Any]) -> Outcome:
    if p21_15_social_tenancy(answers):
        out = _social_rented()
    elif p21_15_rate_question_settled(answers):
        out = _rate_does_not_apply(answers)
        _under_18(out, answers)
    else:
        out = _exemption(answers)
        _leap_day(out, answers["date_of_birth"], age_on(answers["date_of_birth"], answers["assessment_date"]))
        _under_18(out, answers)
        _care_leavers_and_yot(out, answers)
    _mappa_p_needed(out)
    _who_sends(out, None if p21_15_rate_question_settled(answers) else answers.get("lead_agency"))
    return out


def _social_rented() -> Outcome:
    out = Outcome("NOT_APPLICABLE_SOCIAL_RENTED",
                  "The shared accommodation rate does not apply to this tenancy: it limits help with rent in the "
                  "private rented sector, not in council or housing association homes.")
    out.reason("21.15 describes the limit for single people under 35 who live in the private rented sector.",
               p("21.15"))
    out.caveat("The guidance does not give the legal basis: verify that housing costs for a social tenancy are not "
               "set by Local Housing Allowance rates (so the shared accommodation rate cannot apply).",
               external=(UC_REGULATION,))
    out.warn("If the person moves into a privately rented home while under 35 and managed at Level 2 or 3, the lead "
             "agency must then complete a MAPPA P.", p("21.16"))
    return out


def _rate_does_not_apply(answers: dict[str, Any]) -> Outcome:
    """Aged 35 or over, not living alone, or housing the guidance does not cover."""
    if p21_15_aged_35_or_over(answers):
        return _aged_35_or_over(answers["date_of_birth"])
    if p21_15_not_living_alone(answers):
        return _not_single(answers)
    out = Outcome("CANNOT_DETERMINE",
                  "The guidance does not say how the shared accommodation rate applies to this kind of housing: "
                  "ask the council's Housing Benefit team or DWP.")
    out.reason("21.15 describes the limit for the private rented sector, and says people in temporary "
               "accommodation or supported or sheltered housing claim Housing Benefit; it says nothing about "
               "other housing.", p("21.15"))
    return out


def _aged_35_or_over(birth: dt.date) -> Outcome:
    out = Outcome("NOT_APPLICABLE_AGE_35_PLUS",
                  "The shared accommodation rate does not apply: the person is 35 or over, so no exemption is "
                  "needed.")
    out.reason(f"The limit applies only to people under 35. The person turned 35 on "
               f"{long_date(add_days(day_before_birthday(birth, 35), 1))}.", p("21.15"), p("21.16"))
    out.reason("An older local memorandum describes the exemption as for people \"aged 25 to 35\"; at 35 the limit "
               "no longer applies on any reading.", p("21.15"), local="001")
    return out


def _not_single(answers: dict[str, Any]) -> Outcome:
    out = Outcome("NOT_APPLICABLE_NOT_SINGLE",
                  "The shared accommodation rate is not relevant on these answers: it limits help for single people "
                  "who live on their own.")
    out.reason("21.15 describes the limit for single people under 35 who live on their own in the private rented "
               "sector.", p("21.15"))
    if answers["household"] == "other_adults":
        out.caveat("Whether a single person with other adults in the household is limited to the shared rate depends "
                   "on benefit rules that are not in the guidance: verify with DWP or the council.",
                   external=(UC_REGULATION,))
    return out


def _exemption(answers: dict[str, Any]) -> Outcome:
    """Single, under 35, living alone, in private rented, temporary, supported or sheltered housing."""
    level = answers["current_level"]
    if level == "not_managed":
        out = Outcome("NOT_EXEMPT",
                      "Not exempt: the exemption is for people managed under MAPPA at Level 2 or 3.")
        out.reason("The exemption is for Level 2 and 3 MAPPA offenders.", p("21.15"))
        _dhp(out, mappa=False)
    elif level == "unknown":
        out = Outcome("CANNOT_DETERMINE",
                      "Cannot be determined: the MAPPA level is not known. Ask the lead agency.")
        out.reason("The exemption depends on the MAPPA level (Level 2 or 3, or an exemption carried over to "
                   "Level 1).", p("21.15"), p("21.17"))
    elif p6_13_left_mappa_at_level_1(answers):
        out = _left_mappa_at_level_1()
    elif p21_16_mappa_ended(answers):
        out = p21_16_exemption_ended_with_mappa(answers["mappa_end_date"])
    elif p21_17_level_1_settled(answers):
        out = _level_1_without_exemption(answers)
    else:
        out = _home(answers, continuing=level == "level_1")
    return out


def _left_mappa_at_level_1() -> Outcome:
    out = Outcome("NOT_EXEMPT",
                  "Not exempt: a Category 3 or discretionary Category 4 case cannot be managed at Level 1, so it "
                  "has left MAPPA and the exemption ended with it.")
    out.reason("Category 3 and discretionary Category 4 cases are managed only at Level 2 or 3; when Level 2 or 3 "
               "management ends, they leave MAPPA.", p("6.13"), p("7.6"), p("6.38"))
    out.warn("Check the level and category with the lead agency: these answers do not fit together.", p("7.6"))
    _dhp(out, mappa=False)
    return out


def p21_16_exemption_ended_with_mappa(end: dt.date) -> Outcome:
    """21.16: MAPPA management ended on a past date: the exemption ended then, and the MAPPA P forms must be
    destroyed; 21.18: the Discretionary Housing Payment route."""
    out = Outcome("MAPPA_ENDED",
                  f"Not exempt: MAPPA management ended on {long_date(end)}, and any exemption from the shared "
                  "accommodation rate ended with it.")
    out.reason("The exemption lasts while the person is managed under MAPPA: the MAPPA P gives the date MAPPA "
               "management ends, after which the person no longer meets the conditions for the exemption.",
               p("21.16"))
    out.date("mappa_management_end", "End of MAPPA management (as given by the lead agency)", end,
             "The date the lead agency gives for the end of MAPPA management.", p("21.16"), who="Lead agency")
    out.action("Destroy the MAPPA P forms held for this person, whether or not a claim was made.", p("21.16"),
               who="Everyone who holds one (the lead agency, DWP or the council)",
               by_text=f"now: MAPPA management ended on {long_date(end)}")
    _dhp(out, mappa=True, ended=True)
    return out


def _level_1_without_exemption(answers: dict[str, Any]) -> Outcome:
    """21.17 at Level 1: no exemption carried over, or a move since, or not known."""
    had, moved = answers["exemption_at_level23"], answers.get("moved_since_exemption")
    if had == "no":
        out = Outcome("NOT_EXEMPT", "Not exempt: the person is managed at Level 1 and did not have the exemption "
                                    "while at Level 2 or 3.")
        out.reason("The exemption is for Level 2 and 3 MAPPA offenders; it carries over to Level 1 only where it "
                   "already applied.", p("21.15"), p("21.17"))
        _dhp(out, mappa=True)
    elif had == "unknown" or moved == "unknown":
        out = Outcome("CANNOT_DETERMINE",
                      "Cannot be determined: at Level 1 the exemption continues only if it applied at Level 2 or 3 "
                      "and the person has not moved since. Ask the lead agency.")
        out.reason("The exemption continues after re-assessment to Level 1 unless the person changes address.",
                   p("21.17"))
    else:
        out = Outcome("NOT_EXEMPT",
                      "Not exempt any more: the exemption carried over to Level 1 ended when the person moved.")
        out.reason("After re-assessment to Level 1 the exemption continues only until the person changes "
                   "address.", p("21.17"))
        _dhp(out, mappa=True)
    return out


def _home(answers: dict[str, Any], continuing: bool) -> Outcome:
    """21.15: the home must be self-contained (unless the exemption carries on at Level 1, 21.17); 14.24 against
    21.15 for Housing Benefit under 25; otherwise exempt."""
    birth, on = answers["date_of_birth"], answers["assessment_date"]
    age, last_day_under_35 = age_on(birth, on), day_before_birthday(birth, 35)
    uc = benefit_route(answers) == "universal_credit"
    benefit_name = "Universal Credit" if uc else "Housing Benefit"
    self_contained = answers.get("self_contained", "unknown")

    if self_contained == "no" and not continuing:
        out = Outcome("NOT_EXEMPT",
                      "Not exempt under the guidance: the exemption is for people living in a self-contained home.")
        out.reason("Level 2 and 3 MAPPA offenders who live in a self-contained property are exempt; this home is not "
                   "self-contained.", p("21.15"))
        if uc:
            out.caveat("The Universal Credit regulation may not itself require a self-contained home: verify with DWP "
                       "before relying on this answer.", external=(UC_REGULATION,))
        _dhp(out, mappa=True)
        return out
    if self_contained == "unknown" and not continuing:
        out = Outcome("CANNOT_DETERMINE",
                      "Cannot be determined yet: the exemption needs a self-contained home, and that is not known. "
                      f"The claim would be for {benefit_name}, and the MAPPA P would go to "
                      f"{_recipient(uc)}.")
        out.reason("Level 2 and 3 MAPPA offenders who live in a self-contained property are exempt.", p("21.15"))
        _route_and_recipient(out, answers, uc)
        return out
    if p14_24_age_band_undecided(answers):
        out = Outcome("CANNOT_DETERMINE",
                      "Cannot be determined from the guidance: for Housing Benefit, 14.24 limits the exemption to "
                      "people aged 25 to 34, while 21.15 says under 35. Ask the council's Housing Benefit team.")
        _age_conflict(out, uc)
        out.caveat("The Housing Benefit rules added the MAPPA exception for people aged 25 or over (2011); whether "
                   "that lower limit has since been removed could not be confirmed: verify with the council.",
                   external=(HB_REGULATION,))
        return out

    if continuing:
        out = Outcome("EXEMPT_CONTINUES",
                      f"Exempt: the exemption from the shared accommodation rate in {benefit_name} continues at "
                      "Level 1 because the person has not moved.")
        out.reason("The exemption continues even if a Level 2 or 3 offender is re-assessed as Level 1, unless they "
                   "change address. If they move, it ends.", p("21.17"))
        if self_contained == "no":
            out.warn("You said the home is not self-contained; the exemption was given for a self-contained home. "
                     "Check with the lead agency.", p("21.15"))
    else:
        out = Outcome("EXEMPT", f"Exempt from the shared accommodation rate in {benefit_name}: "
                      + p21_16_what_the_mappa_p_needs(answers.get("mappa_p_sent", "unknown")))
        out.reason("Level 2 and 3 MAPPA offenders who live in a self-contained property and are under 35 are exempt "
                   "from the shared accommodation rate.", p("21.15"),
                   external=(UC_REGULATION,) if uc else ())
        out.reason("Where the criteria for the exemption are met, the lead agency must complete a MAPPA P.", p("21.16"))
        _mappa_p_sent(out, answers, uc)
    if age < 25:
        _age_conflict(out, uc)
    elif not uc:
        out.reason("Aged 25 to 34: the exemption applies on both 21.15 (\"under 35\") and 14.24 (\"aged 25 to 34\").",
                   p("21.15"), p("14.24"))

    _route_and_recipient(out, answers, uc)
    if uc:
        out.caveat("The rule in benefit law behind this exemption for Universal Credit is in the Universal Credit "
                   "Regulations 2013, Schedule 4, paragraph 29, which is not part of the guidance: verify against the "
                   "current text. As understood here, it speaks of people under 35 under active multi-agency "
                   "management (MAPPA) and does not itself mention Levels 2 and 3, a self-contained home"
                   + (", or the exemption carrying on at Level 1: check with DWP that it will be applied."
                      if continuing else "."), p("21.15"), p("21.17") if continuing else p("21.16"),
                   external=(UC_REGULATION,))
    _end_dates(out, answers, last_day_under_35, uc)
    who = "DWP (a Universal Credit decision maker)" if uc else "the local authority (Housing Benefit)"
    out.decided_by(who, f"whether the exemption is applied to the {benefit_name} claim",
                   ("the MAPPA P from the lead agency", "the person's age", "whether they live alone in a "
                    "self-contained home"), p("21.15"), p("21.16"))
    p21_23_mappa_j_too(out, answers)
    return out


def _recipient(uc: bool) -> str:
    """21.16: the DWP MAPPA single point of contact for Universal Credit; 14.24: the Housing Benefit one."""
    return ("the DWP MAPPA single point of contact for Universal Credit" if uc
            else "the single point of contact for Housing Benefit in the area")


def p21_16_what_the_mappa_p_needs(sent: str) -> str:
    """21.16: the lead agency must complete a MAPPA P where the criteria are met; 21.17: a new one is
    advisable after a move.  Said in the answer, so that one already sent is not asked for again."""
    if sent == "current_address":
        return "the lead agency has already sent the MAPPA P for this address."
    if sent == "previous_address":
        return ("the MAPPA P was for the previous address, so the lead agency should issue a new one for this "
                "address.")
    return "the lead agency must complete a MAPPA P."


def _mappa_p_sent(out: Outcome, answers: dict[str, Any], uc: bool) -> None:
    """21.16: the lead agency must complete a MAPPA P; 21.17: a new one is advisable after a move."""
    sent = answers.get("mappa_p_sent", "unknown")
    send = (f"Send the MAPPA P by secure email to {_recipient(uc)}; contact details should be agreed in the "
            "memorandum of understanding." if uc else f"Send the MAPPA P to {_recipient(uc)}.")
    send_paras = (p("21.16"),) if uc else (p("14.24"),)
    if sent in ("not_yet", "unknown"):
        if sent == "not_yet":
            out.warn("No MAPPA P has been sent yet.", p("21.16"))
            out.caveat("If the criteria were met earlier and no MAPPA P was sent, whether DWP or the council will "
                       "backdate the exemption is not covered by the guidance: verify with the lead agency and DWP "
                       "or the council.")
        else:
            out.warn("Check with the lead agency that a MAPPA P has been sent for the present address.", p("21.16"))
        out.action("Complete a MAPPA P for this person" + (" (unless one has already been sent for this address)."
                                                          if sent == "unknown" else "."),
                   p("21.16"), who="Lead agency", by_text="now: the criteria for the exemption are met")
        out.action(send, *send_paras, who="Lead agency", by_text="once completed", strength="should")
    elif sent == "previous_address":
        out.reason("The person has moved since the MAPPA P was sent. While the case stays at Level 2 or 3 the "
                   "exemption can apply at the new self-contained home; it is advisable to issue a new MAPPA P on a "
                   "change of address.", p("21.17"))
        out.flag("NEW_MAPPA_P_ADVISABLE_VS_MUST",
                 "21.17 calls a new MAPPA P on a change of address \"advisable\", but 21.16 says the lead agency "
                 "\"must\" complete a MAPPA P where the criteria are met, and at a new address they are met afresh.",
                 p("21.16"), p("21.17"),
                 readings=("21.17: a new MAPPA P is advisable (good practice).",
                           "21.16: the criteria are met at the new address, so a MAPPA P must be completed."))
        out.action("Issue a new MAPPA P for the new address.", p("21.17"), p("21.16"), who="Lead agency",
                   by_text="now (see the flag: advisable or a must)", strength="should")
        out.action(send, *send_paras, who="Lead agency", by_text="once completed", strength="should")


def _age_conflict(out: Outcome, uc: bool) -> None:
    out.flag("AGE_BAND_CONFLICT_14_24",
             "The guidance gives two age bands for the exemption: 21.15 says \"under 35\"; 14.24 says \"aged 25 to 34\". "
             "The person is under 25, so the two readings give different answers.",
             p("21.15"), p("14.24"),
             readings=("21.15: exempt if under 35, with no lower age limit"
                       + (" (used here for Universal Credit)." if uc else "."),
                       "14.24: exempt only if aged 25 to 34, so not exempt under 25."),
             external=(UC_REGULATION,) if uc else (HB_REGULATION,))
    if uc:
        out.caveat("The Universal Credit regulation (as understood here) sets no lower age limit of 25 for the MAPPA "
                   "exception, which agrees with 21.15: verify against the current text.", p("21.15"),
                   external=(UC_REGULATION,))
        out.local_notice("sar_exemption_25_to_35")


def _route_and_recipient(out: Outcome, answers: dict[str, Any], uc: bool) -> None:
    """21.15: which benefit pays the rent; 21.16 and 14.24: where the MAPPA P goes."""
    if uc:
        out.reason("Housing costs are part of Universal Credit for most working-age claimants; the MAPPA P goes by "
                   "secure email to the DWP MAPPA single point of contact for Universal Credit.", p("21.15"),
                   p("21.16"))
        return
    if answers["tenure"] in ("temporary_accommodation", "supported_or_sheltered"):
        out.reason("People in temporary accommodation or supported or sheltered housing claim Housing Benefit from "
                   "the local authority; the MAPPA P goes to the single point of contact for Housing Benefit in the "
                   "area.", p("21.15"), p("14.24"))
        out.caveat("Whether the Local Housing Allowance and the shared accommodation rate apply at all in temporary "
                   "or supported accommodation is not covered by the guidance: verify with the council.")
        if answers.get("benefit") == "universal_credit":
            out.warn("You said Universal Credit helps with the rent, but 21.15 says people in temporary "
                     "accommodation or supported or sheltered housing claim Housing Benefit from the local "
                     "authority. Check which benefit pays the rent.", p("21.15"))
    else:
        out.reason("The MAPPA P for a Housing Benefit claim goes to the single point of contact for Housing Benefit "
                   "in the area.", p("14.24"))
        out.caveat("21.15 sends people of pension age to Housing Benefit, but this person is under 35, so of working "
                   "age, and few working-age private tenants still receive Housing Benefit rather than Universal "
                   "Credit: verify which benefit applies.", p("21.15"))


def _end_dates(out: Outcome, answers: dict[str, Any], last_day_under_35: dt.date, uc: bool) -> None:
    """21.16: the MAPPA P's end date is the date MAPPA management ends; the 35th birthday is shown on its own, as
    the day from which the exemption is no longer needed, and never replaces the form's date."""
    birthday = add_days(last_day_under_35, 1)
    out.date("last_day_under_35", "Last day before the 35th birthday", last_day_under_35,
             "The day before the 35th birthday: the last day the person is under 35.", p("21.15"), p("21.16"))
    out.date("thirty_fifth_birthday", "35th birthday: from this day no exemption is needed", birthday,
             "The person is no longer under 35, so the shared accommodation rate no longer limits them (this is "
             "not the date written on the MAPPA P).", p("21.15"), p("21.16"))
    end_kind = answers.get("mappa_end", "unknown")
    if end_kind == "known_date":
        mappa_end: dt.date = answers["mappa_end_date"]
        out.date("mappa_management_end", "End of MAPPA management (as given by the lead agency)", mappa_end,
                 "The date the lead agency gives for the end of MAPPA management.", p("21.16"), who="Lead agency")
        out.date("mappa_p_end_date", "End date to write on the MAPPA P", mappa_end,
                 "The date MAPPA management ends, whatever the person's age.", p("21.16"), who="Lead agency")
        out.date("exemption_end", "Last day the exemption is needed", min(mappa_end, last_day_under_35),
                 "The earlier of the end of MAPPA management and the day before the 35th birthday.", p("21.16"))
        if mappa_end > last_day_under_35:
            out.reason(f"The person turns 35 on {long_date(birthday)}, before MAPPA management ends, and from then "
                       "needs no exemption. The MAPPA P still gives the end of MAPPA management as its end date.",
                       p("21.16"))
    elif end_kind == "indefinite":
        out.date("mappa_p_end_date", "End date to write on the MAPPA P", None,
                 "MAPPA management has no end date, and the guidance does not say what the form should then give "
                 "(see the flag).", p("21.16"), who="Lead agency")
        out.date("exemption_end", "Last day the exemption is needed", last_day_under_35,
                 "MAPPA management has no end date, so the exemption is needed until the day before the 35th "
                 "birthday.", p("21.16"))
        out.flag("MAPPA_END_INDEFINITE",
                 "21.16 says the MAPPA P gives an end date when the person will no longer be managed under MAPPA; "
                 "here MAPPA management has no end date (for example lifetime notification requirements), and the "
                 "guidance does not say what to enter.", p("21.16"), p("6.38"),
                 readings=("Record on the MAPPA P that MAPPA management has no end date; the exemption still stops "
                           "being needed at the 35th birthday.",
                           "Agree with the DWP MAPPA single point of contact what end date to give, since the form "
                           "expects one."))
    else:
        out.date("mappa_p_end_date", "End date to write on the MAPPA P", None,
                 "Not yet computable: the date MAPPA management ends (ask the lead agency).", p("21.16"),
                 who="Lead agency")
        out.date("exemption_end", "Last day the exemption is needed", None,
                 f"Not yet computable: the earlier of the end of MAPPA management (ask the lead agency) and the day "
                 f"before the 35th birthday ({long_date(last_day_under_35)}).", p("21.16"))
    out.item(text="The MAPPA P contains only enough to identify the claimant, a statement that they meet the criteria "
                  "for the exemption, and the end date.", who="Lead agency", strength="must", paras=[p("21.16")])
    out.item(text="Share and store the MAPPA P in line with data protection law, and destroy it when the person is no "
                  "longer subject to MAPPA, whether or not they made a claim.", who="Everyone holding it",
             strength="must", paras=[p("21.16")])
    out.item(text="If the person moves, it is advisable to issue a new MAPPA P.", who="Lead agency", strength="may",
             paras=[p("21.17")])
    if uc:
        out.caveat("Universal Credit changes usually take effect by assessment period, so the date the exemption stops "
                   "being applied may differ from the dates shown: verify with DWP.")


def _dhp(out: Outcome, mappa: bool, ended: bool = False) -> None:
    """21.18: a Discretionary Housing Payment for those who do not qualify, decided by the local authority."""
    if mappa:
        if ended:
            out.reason("21.18 sends MAPPA offenders who do not qualify for the exemption to the local authority for a "
                       "Discretionary Housing Payment; the person can apply in the same way now MAPPA management has "
                       "ended.", p("21.18"))
        else:
            out.reason("MAPPA offenders who do not qualify for the exemption can apply to the local authority for a "
                       "Discretionary Housing Payment; the lead agency may support the application.", p("21.18"))
        out.decided_by("the local authority", "whether to make a Discretionary Housing Payment, case by case",
                       ("the needs of the person", "the level of risk of harm"), p("21.18"))
        out.action("Apply to the local authority for a Discretionary Housing Payment, if help with the rent is "
                   "needed.", p("21.18"), who="The person" + ("" if ended else ", with support from the lead agency"),
                   strength="may")
    out.caveat("Discretionary Housing Payments normally need an award of Housing Benefit or of housing costs in "
               "Universal Credit: verify with the council.")


def _leap_day(out: Outcome, birth: dt.date, age: int) -> None:
    if is_leap_day_birthday(birth) and age < 35:
        out.flag("LEAP_DAY_BIRTHDAY_CONVENTION",
                 "The person was born on 29 February, and the 35th birthday falls in a year without one. The guidance "
                 "does not say which day counts; this calculator takes 1 March.", p("21.15"), p("21.16"),
                 readings=("The 35th birthday is 1 March, so the last day under 35 is 28 February (used here).",
                           "The 35th birthday is 28 February, so the last day under 35 is 27 February."))
        out.caveat("The convention for birthdays on 29 February is not in the guidance: verify with DWP or the "
                   "council.")


def _under_18(out: Outcome, answers: dict[str, Any]) -> None:
    age = _age(answers)
    if age is not None and age < 18:
        out.caveat("The person is under 18. Housing for 16- and 17-year-olds is first a matter for children's services, "
                   "and under-18s rarely claim housing costs: verify with the council.", p("23.2"))


def _care_leavers_and_yot(out: Outcome, answers: dict[str, Any]) -> None:
    age = age_on(answers["date_of_birth"], answers["assessment_date"])
    if answers.get("care_leaver") == "yes" and p23_13_under_25(answers):
        out.reason("Care leavers are entitled to support from the local authority up to the age of 25.", p("23.13"))
        out.caveat("Benefit law has a separate exemption from the shared accommodation rate for some care leavers, "
                   "which is not in the guidance: verify with DWP or the council.", external=(UC_REGULATION,))
    if answers.get("lead_agency") == "yot" and age >= 17:
        out.warn("If the case moves from the Youth Offending Team to the Probation Service, the new lead agency should "
                 "check that a MAPPA P is in place where the criteria are met.", p("21.16"))


def p21_23_mappa_j_too(out: Outcome, answers: dict[str, Any]) -> None:
    """21.22-21.23: the same DWP contact also needs a MAPPA J where restrictions limit work or training."""
    out.reason("If restrictions make some kinds of work or training unsuitable for the person, the lead agency must "
               "also send DWP a MAPPA J.", p("21.22"), p("21.23"))
    carried: dict[str, Any] = {"assessment_date": answers["assessment_date"].isoformat()}
    if answers.get("lead_agency"):
        carried["lead_agency"] = answers["lead_agency"]
    out.link("mappa-j", "Is a MAPPA J needed to tell DWP of restrictions on work or training?", carried)


def _mappa_p_needed(out: Outcome) -> None:
    """Say plainly whether a MAPPA P is needed (21.16, 21.17)."""
    if out.code in ("EXEMPT", "MAPPA_ENDED"):
        return  # the answer and the actions already say it
    if out.code == "EXEMPT_CONTINUES":
        out.reason("The MAPPA P already sent stays in place: no new one is needed while the person stays at this "
                   "address.", p("21.17"))
    elif out.code == "CANNOT_DETERMINE":
        out.reason("Whether a MAPPA P is needed depends on what cannot be settled above: it is completed only where "
                   "the criteria for the exemption are met.", p("21.16"))
    else:
        out.reason("No MAPPA P is needed on these answers: it is completed only where the criteria for the exemption "
                   "are met.", p("21.16"))


def _who_sends(out: Outcome, lead_agency: str | None) -> None:
    lead = lead_agency_name(lead_agency)
    named = "" if lead == "the lead agency" else f" ({lead.removeprefix('the ')})"
    out.reason(f"The MAPPA P is completed and sent by the lead agency{named}, never by the housing provider. A "
               "housing provider can remind the lead agency.", p("21.16"), p("14.24"))


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    on, birth = a.get("assessment_date"), a.get("date_of_birth")
    if on is not None and birth is not None:
        if birth > on:
            errors.append(FieldError("date_of_birth", "The date of birth is after the date we are checking for."))
        elif age_on(birth, on) < 10:
            errors.append(FieldError("date_of_birth", "On this date of birth the person would be under 10, younger "
                                                      "than the age of criminal responsibility: check the date."))
    end = a.get("mappa_end_date")
    if end is not None and birth is not None and end < birth:
        errors.append(FieldError("mappa_end_date", "This date is before the person's date of birth: check it."))
    return errors


CALCULATOR = Calculator(
    id="shared-accommodation",
    title="Shared accommodation rate: is the person exempt?",
    summary="Whether a MAPPA offender under 35 is exempt from the shared accommodation rate of Universal Credit or "
            "Housing Benefit, whether a MAPPA P is needed, and until when.",
    questions=QUESTIONS,
    decide=decide,
    paras=(p("21.15"), p("21.16"), p("21.17"), p("21.18"), p("14.24")),
    intro="Single people under 35 who rent privately get help with rent only at the shared accommodation rate. "
          "People managed under MAPPA at Level 2 or 3 who live in a self-contained home are exempt. This calculator "
          "works out whether the exemption applies, who must send the MAPPA P form, and its end date.",
    cross_checks=cross_checks,
)
