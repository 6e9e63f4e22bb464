"""MAPPA J: does DWP need to be told of restrictions on the person's work or training, when, by whom, and how?

Encodes 21.21 to 21.31 of the national guidance, with 14.18 and 26.70:

* 21.21, 21.22  the lead agency must tell the DWP single point of contact of restrictions that make some work or
                training unsuitable (licence conditions, orders such as a Sexual Harm Prevention Order, a barred
                list);
* 21.23  the MAPPA J: completed by the lead agency (including a Youth Offending Team or a mental health service),
         sent by secure email before release once the licence conditions are set, or as soon as a court makes
         the order; a new one whenever the restrictions or the lead agency change, sent by the new lead agency;
* 21.24  the DWP single point of contact confirms receipt within five working days;
* 21.25, 21.26  what DWP asks and must report back;
* 21.27, 21.28  what the form says (the restrictions, when they end, any risk to DWP staff) and what it does
                not (offences, the risk to the public); other risks to DWP staff go through the disclosure process;
* 21.29  not telling the person: exceptional, and then not without first discussing it with the DWP contact;
* 21.30  the ViSOR activity log;
* 21.31  on licence without specific restrictions: the Probation Practitioner's approval for any work, and
         restrictions the Probation Practitioner may set (necessary and proportionate, case by case: a
         decision left to that person), discussed with the DWP contact first, ending with supervision at the
         latest;
* 14.18  an older wording (Probation and police send it to Jobcentre Plus), shown as a flag where it differs;
* 26.70  for patients, a risk to DWP staff is identified in the risk management plan and discussed with DWP.

Standard library only (runs in Pyodide).  Working days come from :mod:`mappa_rules.dates`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .core import (LEAD_AGENCY_CHOICES, YES, Calculator, Choice, Outcome, Question, When, lead_agency_name,
                   long_date, p)
from .dates import OutsideBankHolidayData, add_days, add_working_days

CUSTODY_OR_HOSPITAL = ("custody", "hospital")
COURT_ORDERS = ("shpo", "community_order")

RESTRICTIONS: tuple[Choice, ...] = (
    Choice("licence_conditions", "Licence conditions, such as an exclusion zone or a no-contact condition"),
    Choice("shpo", "A Sexual Harm Prevention Order (SHPO) or another order that limits work"),
    Choice("community_order", "A community order whose requirements limit work or training"),
    Choice("barred_list", "A barred list (regulated activity with children, adults or both)"),
    Choice("pp_restrictions", "Restrictions the Probation Practitioner has set under the licence",
           "For someone on licence with no specific work restriction: see paragraph 21.31."),
    Choice("other", "Another restriction on work or training"),
)

#: What the MAPPA J may say (21.23, 21.27) and what it should not (21.28).
CONTENTS: tuple[Choice, ...] = (
    Choice("identity", "Details that identify the person"),
    Choice("restrictions", "The restrictions on work or training"),
    Choice("end_dates", "When each restriction ends"),
    Choice("risk_to_dwp_staff", "Whether there is a risk of serious harm to DWP staff"),
    Choice("offences", "Previous or current offences"),
    Choice("risk_to_public", "The risk of serious harm the person poses to the public"),
    Choice("other_information", "Other information about the person"),
)
NOT_ON_THE_FORM = ("offences", "risk_to_public", "other_information")

_HAS = (When("has_restrictions", (YES,)),)

QUESTIONS: tuple[Question, ...] = (
    Question("lead_agency", "Which agency is the lead agency?", "choice", required=False,
             choices=LEAD_AGENCY_CHOICES, help="The lead agency completes and sends the MAPPA J.",
             paras=(p("21.23"),)),
    Question(
        "has_restrictions", "Are there restrictions that make some kinds of work or training unsuitable for the "
                            "person?", "choice",
        choices=(Choice(YES, "Yes"), Choice("none", "No, none"), Choice("unknown", "Not known")),
        help="For example licence conditions such as exclusion zones or no-contact conditions, a Sexual Harm "
             "Prevention Order, or being on a barred list.",
        paras=(p("21.22"),),
    ),
    Question("restrictions", "Which restrictions? Tick all that apply.", "multi", choices=RESTRICTIONS, when=_HAS,
             paras=(p("21.22"), p("21.31"))),
    Question("on_licence", "Is the person on licence, or will they be when released?", "yesno", allow_unknown=True,
             when=(When("has_restrictions", ("none",)),), paras=(p("21.31"),)),
    Question("pp_discussed", "Has the Probation Practitioner discussed the circumstances with the DWP single point "
                             "of contact?", "yesno",
             when=_HAS + (When("restrictions", ("pp_restrictions",)),), paras=(p("21.31"),)),
    Question("supervision_end_date", "When does the person's supervision end?", "date", required=False,
             when=_HAS + (When("restrictions", ("pp_restrictions",)),),
             help="Leave blank if you do not know.", paras=(p("21.31"),)),
    Question(
        "mappa_j_sent", "Has a MAPPA J been sent to DWP for this person?", "choice", when=_HAS,
        choices=(Choice("not_yet", "Not yet"),
                 Choice("sent_unchanged", "Yes, and nothing has changed since"),
                 Choice("sent_changed", "Yes, but the restrictions or the lead agency have changed since")),
        paras=(p("21.23"),),
    ),
    Question("changed_since", "What has changed since the last MAPPA J? Tick all that apply.", "multi",
             when=_HAS + (When("mappa_j_sent", ("sent_changed",)),),
             choices=(Choice("restrictions", "The restrictions"), Choice("lead_agency", "The lead agency")),
             paras=(p("21.23"), p("21.24"))),
    Question("dwp_received_date", "On what date did DWP receive the MAPPA J?", "date", required=False,
             when=_HAS + (When("mappa_j_sent", ("sent_unchanged",)),),
             help="Sent by secure email, it is usually received the day it is sent. Leave blank if you do not know.",
             paras=(p("21.24"),)),
    Question("where", "Where is the person now?", "choice", when=_HAS,
             choices=(Choice("custody", "In prison or youth custody"), Choice("hospital", "Detained in hospital"),
                      Choice("community", "In the community")),
             paras=(p("21.23"),), matters=lambda a: not p21_23_sent_and_unchanged(a)),
    Question("licence_conditions_set", "Have the licence conditions (the conditions of release) been set?", "yesno",
             allow_unknown=True, when=_HAS + (When("where", CUSTODY_OR_HOSPITAL),), paras=(p("21.23"),),
             matters=lambda a: not p21_23_sent_and_unchanged(a)),
    Question("release_date", "When is the person due to be released or discharged?", "date", required=False,
             when=_HAS + (When("where", CUSTODY_OR_HOSPITAL),), help="Leave blank if it is not known yet.",
             paras=(p("21.23"),), matters=lambda a: not p21_23_sent_and_unchanged(a)),
    Question("assessment_date", "What date are we checking for?", "date", default_today=True,
             when=_HAS + (When("where", CUSTODY_OR_HOSPITAL),),
             help="Usually today: it tells whether the release date has passed.", paras=(p("21.23"),),
             matters=lambda a: not p21_23_sent_and_unchanged(a) and a.get("release_date") is not None),
    Question(
        "told", "Will the person be told what restrictions DWP is told about?", "choice", when=_HAS,
        choices=(Choice(YES, "Yes (the normal case)"),
                 Choice("no", "No: exceptionally, the person will not be told"),
                 Choice("undecided", "Not decided yet")),
        paras=(p("21.29"),),
    ),
    Question("dwp_spoc_consulted", "Has the lead agency discussed the case with the DWP single point of contact?",
             "yesno", when=_HAS + (When("told", ("no",)),), paras=(p("21.29"),)),
    Question("risk_to_dwp_staff", "Is there a risk of serious harm to DWP staff from this person?", "yesno",
             allow_unknown=True,
             help="Including contracted staff, people dealing with benefit claims and those carrying out medical "
                  "examinations for work capability assessments.",
             paras=(p("21.27"), p("26.70"))),
    Question("contents", "What does the MAPPA J say, or what will it say? Tick everything it contains.", "multi",
             required=False, when=_HAS, choices=CONTENTS, help="Leave blank if it has not been drafted yet.",
             paras=(p("21.27"), p("21.28"))),
    Question("visor_record", "Does the person have a ViSOR record?", "yesno", allow_unknown=True, required=False,
             when=_HAS, help="ViSOR is the database the police, prison and probation services share about "
                             "offenders who pose a risk of serious harm. Ask the lead agency if you are not sure.",
             paras=(p("21.30"), p("8.2"))),
)

# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def p21_23_sent_and_unchanged(a: dict[str, Any]) -> bool:
    """21.23: a MAPPA J was sent and neither the restrictions nor the lead agency have changed: nothing to send."""
    return a.get("mappa_j_sent") == "sent_unchanged"


def p21_29_hold(a: dict[str, Any]) -> bool:
    """21.29: the person will not be told of the restrictions, and the DWP contact has not been consulted."""
    return a.get("told") == "no" and a.get("dwp_spoc_consulted") == "no"


def p21_31_hold(a: dict[str, Any]) -> bool:
    """21.31: restrictions set by the Probation Practitioner, not yet discussed with the DWP contact."""
    return "pp_restrictions" in a.get("restrictions", []) and a.get("pp_discussed") == "no"


def release_passed(a: dict[str, Any]) -> bool:
    release, on = a.get("release_date"), a.get("assessment_date")
    return release is not None and on is not None and release <= on


def _lead(a: dict[str, Any]) -> str:
    """``The Probation Service (the lead agency)`` or ``The lead agency``."""
    name = lead_agency_name(a.get("lead_agency"))
    who = "the lead agency" if name == "the lead agency" else f"{name} (the lead agency)"
    return who[:1].upper() + who[1:]


# ---------------------------------------------------------------------------
# decide
# ---------------------------------------------------------------------------


def decide(answers: dict[str, Any]) -> Outcome:
    has = answers["has_restrictions"]
    if has == "unknown":
        out = p21_22_restrictions_not_known()
    elif has == "none":
        out = p21_31_no_specific_restrictions(answers)
    else:
        out = p21_23_mappa_j_needed(answers)
    p21_27_risk_to_dwp_staff(out, answers)
    return out


def p21_22_restrictions_not_known() -> Outcome:
    out = Outcome("RESTRICTIONS_NOT_KNOWN",
                  "Cannot be settled yet: find out whether any restrictions make some kinds of work or training "
                  "unsuitable for the person. If there are, the lead agency must send DWP a MAPPA J.")
    out.reason("The lead agency must tell DWP of any restrictions that would make some types of work or training "
               "unsuitable, such as licence conditions, orders like a Sexual Harm Prevention Order, or a barred "
               "list.", p("21.22"), p("21.23"))
    return out


def p21_31_no_specific_restrictions(a: dict[str, Any]) -> Outcome:
    """No restrictions: no MAPPA J; on licence, the Probation Practitioner approves any work and may set some."""
    if a.get("on_licence") in (YES, "unknown"):
        out = Outcome("NOT_NEEDED_UNLESS_RESTRICTIONS_SET",
                      "No MAPPA J is needed now. If the Probation Practitioner sets restrictions on work or training, "
                      "a MAPPA J is needed then.")
        out.reason(("On licence" if a.get("on_licence") == YES else "If the person is on licence") +
                   ", they must not take up any work without their Probation Practitioner's approval, even with no "
                   "specific restriction.", p("21.31"))
        p21_31_practitioner_decides(out)
        out.action("Discuss the circumstances with the DWP single point of contact before issuing a MAPPA J.",
                   p("21.31"), who="The Probation Practitioner", by_text="if restrictions are set", strength="should")
    else:
        out = Outcome("NOT_NEEDED",
                      "No MAPPA J is needed: there are no restrictions on work or training to tell DWP about.")
    out.reason("A MAPPA J is completed whenever restrictions make some kinds of work or training unsuitable; with "
               "none, there is nothing to send.", p("21.22"), p("21.23"))
    return out


def p21_31_practitioner_decides(out: Outcome) -> None:
    out.decided_by("the Probation Practitioner", "whether to set restrictions on work or training under the licence, "
                   "and which", ("necessary to manage the risk of serious harm the person poses",
                                 "proportionate to that risk", "decided case by case"), p("21.31"))


def p21_23_mappa_j_needed(a: dict[str, Any]) -> Outcome:
    out = _needed_outcome(a)
    out.reason("Restrictions make some kinds of work or training unsuitable for the person, so the lead agency "
               "must complete a MAPPA J telling DWP of them and of when they end.", p("21.22"), p("21.23"))
    out.reason("The Probation Practitioner helps the person into suitable work and training, and away from work "
               "that could raise their risk or that they are barred from; police offender managers also weigh "
               "work in their risk management plan.", p("21.21"))
    p14_18_who_sends(out, a)
    p21_29_not_telling_the_person(out, a)
    p21_31_practitioner_restrictions(out, a)
    p21_23_send(out, a)
    p21_24_dwp_confirms_receipt(out, a)
    p21_28_what_the_form_says(out, a)
    p21_30_records(out, a)
    p21_26_what_dwp_must_do(out)
    if out.code != "DISCUSS_WITH_DWP_SPOC_FIRST":
        p21_16_mappa_p_too(out, a)
    return out


def _needed_outcome(a: dict[str, Any]) -> Outcome:
    """The answer in one line: hold, already sent, send a new one, send before release, or send now."""
    sent = a.get("mappa_j_sent")
    if sent == "sent_unchanged":
        return Outcome("SENT", "A MAPPA J has been sent and nothing has changed since: no new one is needed now. "
                               "A new one is needed whenever the restrictions or the lead agency change.")
    if p21_29_hold(a) or p21_31_hold(a):
        return Outcome("DISCUSS_WITH_DWP_SPOC_FIRST",
                       "A MAPPA J is needed, but do not send it yet: first discuss the case with the DWP single "
                       "point of contact.")
    if sent == "sent_changed":
        by = ("the new lead agency" if "lead_agency" in a.get("changed_since", []) else "the lead agency")
        return Outcome("SEND_NEW_MAPPA_J", f"A new MAPPA J must be sent, by {by}: the last one no longer "
                                           "matches the restrictions or the lead agency.")
    if a.get("where") in CUSTODY_OR_HOSPITAL and not release_passed(a):
        return Outcome("SEND_BEFORE_RELEASE", "A MAPPA J is needed: the lead agency must complete one, and should "
                                              "send it to the DWP single point of contact before release, once the "
                                              "licence conditions are set.")
    return Outcome("SEND_NOW", "A MAPPA J is needed: the lead agency must complete one, and should send it to the "
                               "DWP single point of contact now.")


def p14_18_who_sends(out: Outcome, a: dict[str, Any]) -> None:
    """21.23: the lead agency, including a Youth Offending Team or a mental health service; 14.18 said otherwise."""
    lead = a.get("lead_agency")
    if lead not in ("yot", "mental_health"):
        return
    name = lead_agency_name(lead)
    out.flag("MAPPA_J_SENDER_14_18",
             f"14.18 says Probation and police offender managers send the MAPPA J, to Jobcentre Plus; 21.23 says the "
             f"lead agency sends it, including Youth Offending Teams and mental health services, to the DWP single "
             f"point of contact named in the information sharing agreement. Here the lead agency is {name}.",
             p("14.18"), p("21.23"),
             readings=(f"21.23: {name} sends it to the DWP single point of contact (used here).",
                       "14.18: a Probation or police offender manager sends it to Jobcentre Plus."))
    out.local_notice("mappa_j_sent_by_probation_and_police")


def p21_23_send(out: Outcome, a: dict[str, Any]) -> None:
    """21.23: the lead agency must complete a MAPPA J (a new one on any change, by the new lead agency); it
    should go by secure email to the DWP contact in the information sharing agreement, before release once the
    licence conditions are set, or as soon as a court makes the order."""
    if out.code == "SENT":
        return
    paras = (p("21.23"),)
    changed = a.get("changed_since", []) if a.get("mappa_j_sent") == "sent_changed" else []
    who = "The new lead agency" if "lead_agency" in changed else _lead(a)
    if changed:
        out.action("Send a new MAPPA J by secure email to the DWP single point of contact named in the information "
                   "sharing agreement.", *paras, who=who, by_text=_when_to_send(out, a, who))
        out.reason("A new MAPPA J must be sent whenever the restrictions or the lead agency change; the new lead "
                   "agency is responsible for telling DWP of the changes.", *paras)
        return
    out.action("Complete a MAPPA J setting out the restrictions and when each one ends.", *paras, who=who,
               by_text="now" if out.code != "DISCUSS_WITH_DWP_SPOC_FIRST" else "now, and hold it")
    out.action("Send the MAPPA J by secure email to the DWP single point of contact named in the information sharing "
               "agreement.", *paras, who=who, by_text=_when_to_send(out, a, who), strength="should",
               by=_send_by(a))
    if a.get("where") in CUSTODY_OR_HOSPITAL and not release_passed(a) and a.get("mappa_j_sent") == "not_yet":
        out.local_notice("mappa_j_six_weeks_before_release")


def _send_by(a: dict[str, Any]) -> dt.date | None:
    """The last day before release, when the person is still in custody or hospital and release is dated."""
    release = a.get("release_date")
    if a.get("where") in CUSTODY_OR_HOSPITAL and release is not None and not release_passed(a):
        return add_days(release, -1)
    return None


def _when_to_send(out: Outcome, a: dict[str, Any], who: str) -> str:
    """21.23 in words, with the dates shown for a release that is dated."""
    after = "after discussing the case with the DWP single point of contact, and " \
        if out.code == "DISCUSS_WITH_DWP_SPOC_FIRST" else ""
    release = a.get("release_date")
    if a.get("where") in CUSTODY_OR_HOSPITAL and not release_passed(a):
        when_set = "once the licence conditions are set" + (" (they are not yet)"
                                                           if a.get("licence_conditions_set") == "no" else "")
        if release is None:
            return f"{after}before release, {when_set}"
        out.date("release", "Release or discharge (as given)", release, "The date you gave.", p("21.23"))
        out.date("mappa_j_send_by", "Last day to send the MAPPA J: the day before release", add_days(release, -1),
                 "21.23: prior to release from custody or hospital.", p("21.23"), who=who)
        return f"{after}before release on {long_date(release)}, {when_set}"
    if release_passed(a):
        out.warn(f"The release date, {long_date(release)}, has passed: 21.23 asks for the MAPPA J before release, "
                 "so send it now.", p("21.23"))
    if set(a.get("restrictions", [])) & set(COURT_ORDERS) and a.get("where") == "community":
        return f"{after}as soon as the court makes the order"
    return f"{after}now: the restrictions are in place"


def p21_24_dwp_confirms_receipt(out: Outcome, a: dict[str, Any]) -> None:
    """21.24: the DWP contact confirms receipt within five working days; on changes, discusses them if necessary."""
    received = a.get("dwp_received_date")
    label = "DWP single point of contact confirms receipt to the offender manager"
    if received is not None:
        try:
            due: dt.date | None = add_working_days(received, 5)
            rule = ("Date DWP received the MAPPA J + 5 working days, not counting weekends and bank holidays in "
                    "England and Wales.")
        except OutsideBankHolidayData:
            due, rule = None, "Cannot be computed: the bank holiday list used here does not cover these dates."
        out.date("dwp_confirms_receipt", label, due, rule, p("21.24"), who="DWP single point of contact")
        out.action("Confirm receipt of the MAPPA J to the offender manager.", p("21.24"),
                   who="The DWP single point of contact", by=due, by_text="within five working days of receiving it",
                   strength="should")
        out.local_notice("mappa_j_receipt_slip")
    else:
        out.reason("When DWP receives a MAPPA J, its single point of contact should contact the offender manager "
                   "within five working days to confirm receipt.", p("21.24"))
    if "restrictions" in a.get("changed_since", []) and a.get("mappa_j_sent") == "sent_changed":
        out.reason("When a MAPPA J tells DWP of changed restrictions, the DWP single point of contact should also "
                   "contact the offender manager to discuss what the changes mean, if necessary.", p("21.24"))


def p21_28_what_the_form_says(out: Outcome, a: dict[str, Any]) -> None:
    """21.23, 21.27: the restrictions, when they end, and whether DWP staff are at risk; 21.28: nothing else."""
    contents = a.get("contents")
    ticked = set(contents or [])
    lines = (
        ("identity", "Details that identify the person.", "may", p("21.23")),
        ("restrictions", "The restrictions on work or training.", "must", p("21.23")),
        ("end_dates", "When each restriction ends.", "must", p("21.23")),
        ("risk_to_dwp_staff", "Whether there is a risk of serious harm to DWP staff, including contracted staff "
                              "and assessors.", "should", p("21.27")),
    )
    for key, text, strength, para in lines:
        item: dict[str, Any] = {"id": f"include_{key}", "group": "contains", "text": text, "strength": strength,
                                "paras": [para]}
        if contents is not None and (key in ticked or strength != "may"):
            item["status"] = "met" if key in ticked else "missing"
        out.item(**item)
    out.item(id="leave_out", group="leaves_out", strength="should", paras=[p("21.28")],
             text="Nothing else: no previous or current offences, and not the risk the person poses to the public.",
             **({"status": "missing" if ticked & set(NOT_ON_THE_FORM) else "met"} if contents is not None else {}))
    out.reason("DWP's role is to place the person in suitable work or training, mindful only of current and relevant "
               "restrictions, so no other information about the person should go on the MAPPA J.", p("21.28"))
    if contents is None:
        return
    who = _lead(a)
    if not {"restrictions", "end_dates"} <= ticked:
        out.action("Add the restrictions, and when each one ends, to the MAPPA J.", p("21.23"), who=who,
                   by_text="before sending it")
    if "risk_to_dwp_staff" not in ticked:
        out.action("Say on the MAPPA J whether there is a risk of serious harm to DWP staff.", p("21.27"), who=who,
                   by_text="before sending it", strength="should")
    extra = [c.label.lower() for c in CONTENTS if c.value in NOT_ON_THE_FORM and c.value in ticked]
    if extra:
        out.action("Take out of the MAPPA J: " + "; ".join(extra) + ".", p("21.28"), who=who,
                   by_text="before sending it" if out.code != "SENT" else "and tell DWP of the correction",
                   strength="should")


def p21_29_not_telling_the_person(out: Outcome, a: dict[str, Any]) -> None:
    """21.29: the person is normally told; exceptionally not, and then not without first consulting DWP."""
    told = a.get("told")
    if told == YES:
        out.reason("The person should normally be told when DWP is told of their restrictions.", p("21.29"))
        return
    if told == "undecided":
        out.warn("Decide whether the person will be told of the restrictions DWP is told about. Normally they "
                 "should be; if exceptionally they will not be, discuss the case with the DWP single point of "
                 "contact before sending the MAPPA J.", p("21.29"))
        return
    out.reason("Exceptionally, restrictions may be imposed without telling the person, for example where being "
               "told would make them a greater risk, or an unacceptably high new one. Because of the risk to DWP "
               "staff in such cases, the MAPPA J should not be issued without first discussing it with the DWP "
               "single point of contact.", p("21.29"))
    if a.get("dwp_spoc_consulted") == "no":
        out.action("Discuss the case with the DWP single point of contact before the MAPPA J is issued.", p("21.29"),
                   who=_lead(a), by_text="before sending it" if out.code != "SENT" else "now: it has been sent",
                   strength="should")
        if out.code == "SENT":
            out.warn("The MAPPA J has been sent without the discussion with the DWP single point of contact that "
                     "21.29 asks for when the person is not told.", p("21.29"))
    out.flag("WHO_DECIDES_NOT_TO_TELL_21_29",
             "21.29 allows restrictions to be imposed without telling the person in exceptional circumstances, but "
             "does not say who decides that.", p("21.29"), p("21.23"),
             readings=("The lead agency, which completes and sends the MAPPA J (21.23), decides.",
                       "Whoever imposes the restriction decides (for restrictions under the licence, the Probation "
                       "Practitioner, 21.31)."))
    out.decided_by("the lead agency or whoever imposed the restriction (21.29 does not say: see the flag)",
                   "whether the circumstances are exceptional enough not to tell the person of the restrictions",
                   ("whether being told would make the person a greater risk, or an unacceptably high new one",
                    "the risk of harm to DWP staff dealing with the person"), p("21.29"))


def p21_30_records(out: Outcome, a: dict[str, Any]) -> None:
    """21.30: the ViSOR activity log; the standard before 21.27: the risk management plan."""
    visor = a.get("visor_record")
    if visor in (YES, "unknown"):
        out.action(("If there is a ViSOR record, record" if visor == "unknown" else "Record") +
                   " in the ViSOR activity log the date the MAPPA J was sent, the restrictions and when they end.",
                   p("21.30"), who=_lead(a), by_text="when the MAPPA J is sent", strength="should")
    out.action("Note in the risk management plan that DWP is told of the restrictions by a MAPPA J.", p("21.27"),
               who=_lead(a), by_text="when the MAPPA J is sent", strength="should")


def p21_31_practitioner_restrictions(out: Outcome, a: dict[str, Any]) -> None:
    """21.31: restrictions set by the Probation Practitioner under the licence."""
    if "pp_restrictions" not in a.get("restrictions", []):
        return
    out.reason("On licence, the person must not take up work without the Probation Practitioner's approval. "
               "Restrictions the Probation Practitioner sets must be necessary and proportionate to the risk of "
               "serious harm, decided case by case.", p("21.31"))
    p21_31_practitioner_decides(out)
    if a.get("pp_discussed") == "no":
        out.action("Discuss the circumstances with the DWP single point of contact before issuing the MAPPA J.",
                   p("21.31"), who="The Probation Practitioner", by_text="before the MAPPA J is issued",
                   strength="should")
    end = a.get("supervision_end_date")
    out.date("pp_restrictions_end", "End date for the Probation Practitioner's restrictions (at the latest)", end,
             "The end of the person's supervision, or earlier if the restrictions are no longer needed."
             if end else "Not yet computable: the end of the person's supervision (ask the Probation Practitioner).",
             p("21.31"), who="Probation Practitioner")
    out.reason("DWP removes the restrictions from its systems on the end date given on the MAPPA J.", p("21.31"))


def p21_26_what_dwp_must_do(out: Outcome) -> None:
    out.item(id="dwp_reports_back", group="dwp", strength="must", paras=[p("21.26")],
             text="The DWP single point of contact contacts the offender manager at once if the person seeks work or "
                  "training that breaks a restriction, or tells DWP about sexual or violent offending or anything "
                  "else of concern.")
    out.reason("DWP may ask the offender manager for more, including information that is necessary and "
               "proportionate to pass to DWP's providers so that suitable work or training can be offered.",
               p("21.25"))


def p21_27_risk_to_dwp_staff(out: Outcome, a: dict[str, Any]) -> None:
    """21.27: without restrictions, a risk to DWP staff goes through the disclosure process; 26.70: for a
    patient, it is identified in the risk management plan and discussed with DWP."""
    risk = a.get("risk_to_dwp_staff")
    if risk not in (YES, "unknown"):
        return
    if a["has_restrictions"] != YES:
        out.action(("If there is a risk, tell" if risk == "unknown" else "Tell") +
                   " DWP staff of the risk to them through the disclosure process; a MAPPA J is only for restrictions.",
                   p("21.27"), who=_lead(a), strength="should")
        out.link("disclosure", "Sharing information about a risk to DWP staff: the decision record",
                 {"asker": "lead_agency", "recipient": "mappa_agency"})
    if a.get("lead_agency") == "mental_health":
        out.action(("If there is a risk to DWP staff, identify" if risk == "unknown" else "Identify") +
                   " it in the patient's risk management plan, and discuss with DWP how to manage it.", p("26.70"),
                   who="The mental health service (the lead agency)", strength="should")


def p21_16_mappa_p_too(out: Outcome, a: dict[str, Any]) -> None:
    """21.16: DWP also receives the MAPPA P for an exemption from the shared accommodation rate."""
    out.reason("DWP also receives the MAPPA P, for people under 35 who rent privately and are managed at Level 2 or 3 "
               "(an exemption from the shared accommodation rate).", p("21.16"))
    # the date checked for here matters only for a release date, so it is not carried over
    carried = {"lead_agency": a["lead_agency"]} if a.get("lead_agency") else {}
    out.link("shared-accommodation", "Is the person exempt from the shared accommodation rate (a MAPPA P)?", carried)


CALCULATOR = Calculator(
    id="mappa-j",
    title="MAPPA J: telling DWP of restrictions on work or training",
    summary="Whether DWP must be sent a MAPPA J, by whom, when and how; what it may and may not say; and when DWP "
            "confirms receipt.",
    questions=QUESTIONS,
    decide=decide,
    paras=(p("21.21"), p("21.22"), p("21.23"), p("21.24"), p("21.27"), p("21.28"), p("21.29"), p("21.30"),
           p("21.31")),
    intro="The Department for Work and Pensions (DWP) helps people into work and training. Where restrictions make some work unsuitable for a MAPPA "
          "offender, the lead agency must tell the DWP single point of contact on a MAPPA J form. This calculator "
          "says whether a MAPPA J is needed, who sends it and when, what it may say, and when DWP should confirm "
          "that it arrived.",
)
