"""Duties of duty-to-co-operate (DTC) agencies: what an agency must, should and may do in a situation.

Chapter 3 (who the DTC agencies are, what co-operation means; 3.8 attendance at Level 2 and 3 meetings
in every situation), 7.4 and 7.23 (Level 1 too), 9.4-9.12 and 11.9 (a request for information), 13a
(meetings), 13b (minutes: 13b.9 onward sharing, 13b.11 joint data controllers, 13b.15-13b.17 subject
access), chapter 21 (housing and employment) and chapter 23 (children).  Housing providers first.

Good practice from the local documents is shown as local practice, marked with the document it comes from
(its ``local`` key); where the national guidance is silent (tenants who ask to move away from an offender)
a flag says so.  A local rule that contradicts the national one on the point decided is named in a notice
(``Outcome.local_notice``); it never overrides the national guidance.  Questions about a case are declared
with the rule that makes them matter (``matters=``): a body outside the statutory list is never asked them.

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .core import (LEAD_AGENCY_OR_MEETING, PRIVACY_BALANCE, YOU, Calculator, Choice, FieldError, Outcome, Question,
                   When, local_document_title, long_date, p, ps)
from .dates import (OutsideBankHolidayData, add_days, add_months, add_working_days, birthday_in, is_leap_day_birthday,
                    previous_working_day)

Strength = Literal["must", "should", "may"]

HOUSING = ("housing_provider", "local_housing_authority")
NON_DTC_HOUSING = ("commissioned_accommodation", "private_landlord")
CAN_BE_ASKED_TO_HOUSE = ("housing_provider", "local_housing_authority", "adult_social_care", "childrens_services") \
    + NON_DTC_HOUSING

AGENCIES = (
    Choice("housing_provider", "Housing association or other registered provider of social housing",
           "Private registered providers of social housing and registered social landlords (Wales)."),
    Choice("local_housing_authority", "Local housing authority (the council's housing department)"),
    Choice("dwp", "Jobcentre Plus / Department for Work and Pensions"),
    Choice("health", "Health (NHS trust, mental health trust, NHS commissioner or GP)"),
    Choice("childrens_services", "Children's social care (Children's Services)"),
    Choice("adult_social_care", "Adult social care"),
    Choice("yot", "Youth Offending Team (youth justice service)"),
    Choice("education", "Education (a school, college or the council's education service)"),
    Choice("em_provider", "Electronic monitoring (tagging) provider"),
    Choice("home_office", "Home Office (Immigration Enforcement, UK Visas and Immigration, Border Force)"),
    Choice("mod", "Ministry of Defence (armed forces)"),
    Choice("commissioned_accommodation", "Accommodation or other services commissioned by the Probation Service",
           "For example a contracted accommodation or resettlement provider. Not a duty-to-co-operate agency."),
    Choice("private_landlord", "Private landlord or letting agent",
           "Not a duty-to-co-operate agency: information reaches you only by disclosure."),
)

SITUATIONS = (
    Choice("general", "We want to know our standing duties (no particular case)"),
    Choice("asked_to_house", "We have been asked to house (or find housing for) a MAPPA offender"),
    Choice("invited_to_meeting", "We have been invited to a Level 2 or Level 3 MAPPA meeting"),
    Choice("sent_minutes", "We have been sent MAPPA meeting minutes"),
    Choice("worried", "We are worried about a tenant or someone we work with"),
    Choice("staff_at_risk", "A member of our staff may be at risk from someone we work with"),
    Choice("scr", "We have been told a MAPPA Serious Case Review will take place",
           "The Strategic Management Board Chair tells the agencies that managed the case."),
    Choice("asked_for_information", "The police or the lead agency have asked us for information about someone"),
    Choice("tenants_ask_to_move", "Tenants have asked to move because an offender lives nearby"),
)

W_CASE = When("situation", ("general",), negate=True)


# ---------------------------------------------------------------------------
# Who is a DTC agency (3.4, 3.22, 3.49-3.51), and which answers can still change the duties
# ---------------------------------------------------------------------------


def not_dtc_reason(a: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    if a.get("agency_type") == "education" and a.get("education_kind") == "academy_free_independent":
        return ("Academies, free schools and independent schools are not subject to the duty to co-operate, but "
                "they must still work with other agencies to keep children safe. Information given to them is a "
                "disclosure (chapter 10), or sharing with an Associate agency.", ps("3.22", "10.2"))
    if a.get("agency_type") == "commissioned_accommodation":
        return ("Services commissioned by the Probation Service have no statutory duty to co-operate, but they must "
                "engage with MAPPA under their contract, and the Probation Practitioner may ask you to contribute to "
                "MAPPA meetings. You may also be brought in as an Associate agency.", ps("3.49", "9.1"))
    if a.get("agency_type") == "private_landlord":
        return ("A private landlord or letting agent is not a MAPPA agency: any information about a MAPPA offender "
                "reaches you by disclosure, decided by the lead agency or the MAPPA meeting, and should be used "
                "only as agreed with you when it is made.", ps("10.2", "10.18"))
    if a.get("agency_type") == "health" and a.get("health_kind") == "gp":
        return ("GPs do not have a statutory duty to co-operate with MAPPA, but they have a professional duty to work "
                "with other agencies, and MAPPA may consider disclosing information to a GP to protect staff and "
                "patients.", (p("3.51"),))
    if a.get("agency_type") == "health" and a.get("health_kind") == "independent_mh":
        return ("Independent-sector mental health providers are not duty-to-co-operate agencies, but NHS contracts "
                "require them to engage in safeguarding, and they may be the lead agency.", (p("3.50"),))
    return None


def p3_4_is_dtc_agency(a: dict[str, Any]) -> bool:
    """On the statutory list (3.4, s.325(6) CJA 2003).  For any other body the answer is the same whatever the
    case: the questions about a case are declared with this rule (they cannot change a non-DTC answer)."""
    return not_dtc_reason(a) is None


def p23_2_age_changes_the_duties(a: dict[str, Any]) -> bool:
    """Whether the person is a child (23.2) changes the duties of a YOT (2.4, 23.26), of housing asked to house
    them (13a.19, 13a.21) and of Children's Services at a meeting (1.28, 23.29); nobody else's."""
    agency, situation = a.get("agency_type"), a.get("situation")
    return p3_4_is_dtc_agency(a) and (
        agency == "yot"
        or (situation == "asked_to_house" and agency in HOUSING)
        or (situation == "invited_to_meeting" and agency == "childrens_services"))


def p3_8_meetings_apply(a: dict[str, Any]) -> bool:
    """3.8: a DTC agency involved with an offender must attend MAPPA meetings, which are held at Levels 2 and 3."""
    return p3_4_is_dtc_agency(a) and (a.get("mappa_level") in ("2", "3") or a.get("situation") == "invited_to_meeting")


#: Declared on the questions about a case: see :func:`p3_4_is_dtc_agency`.
DTC = p3_4_is_dtc_agency

QUESTIONS: tuple[Question, ...] = (
    Question("agency_type", "What kind of organisation are you?", "choice", choices=AGENCIES,
             help="Choose the part of your organisation that is dealing with the person.", paras=(p("3.4"),)),
    Question("housing_kind", "What kind of housing is it?", "choice",
             when=(When("agency_type", ("housing_provider",)),),
             choices=(Choice("general_needs", "General needs (ordinary tenancies)"),
                      Choice("supported", "Supported or sheltered housing")),
             paras=(p("10.11"), p("21.15"))),
    Question("health_kind", "Which part of health are you?", "choice",
             when=(When("agency_type", ("health",)),),
             choices=(Choice("nhs_trust", "An NHS trust (hospital, community or ambulance)"),
                      Choice("mental_health_trust", "A mental health trust or service"),
                      Choice("commissioner", "An NHS commissioner (NHS England, a CCG or its successor, a Local Health Board)"),
                      Choice("gp", "A GP practice"),
                      Choice("independent_mh", "An independent-sector mental health provider")),
             paras=ps("3.29", "3.35", "3.50", "3.51")),
    Question("education_kind", "Which kind of education body are you?", "choice",
             when=(When("agency_type", ("education",)),),
             choices=(Choice("la_maintained", "The council's education service or a council-maintained school or college"),
                      Choice("academy_free_independent", "An academy, free school or independent school")),
             paras=ps("3.20", "3.22")),
    Question("situation", "What is happening?", "choice", choices=SITUATIONS, paras=ps("3.6", "3.8", "13b.9")),
    Question("mappa_level", "At which MAPPA level is the person managed?", "choice",
             choices=(Choice("1", "Level 1"), Choice("2", "Level 2"), Choice("3", "Level 3"),
                      Choice("unknown", "I don't know, or no particular case")),
             help="Level 1: the lead agency manages the case with other agencies, without MAPPA meetings.",
             paras=ps("7.2", "7.4", "3.8"), matters=DTC),
    Question("offender_under_18", "Is the person under 18?", "yesno", allow_unknown=True, when=(W_CASE,),
             paras=(p("23.2"),), matters=p23_2_age_changes_the_duties),
    Question("mou_in_place", "Does your organisation have a Memorandum of Understanding with the Responsible Authority?",
             "yesno", allow_unknown=True,
             when=(When("agency_type", NON_DTC_HOUSING, negate=True), When("situation", ("general", "asked_to_house"))),
             paras=(p("3.10"),), matters=DTC),
    Question("isp_in_place", "Have you agreed an information-sharing protocol with the Responsible Authority setting out your duty?",
             "yesno", allow_unknown=True,
             when=(When("agency_type", ("housing_provider",)), When("situation", ("general", "asked_to_house"))),
             paras=(p("3.41"),)),
    Question("enough_information", "Has the lead agency given you enough information to make an informed decision?",
             "yesno", allow_unknown=True, when=(When("situation", ("asked_to_house",)),), paras=ps("11.9", "21.20"),
             matters=DTC),
    Question("can_attend", "Can someone with enough seniority to commit your agency's resources attend?", "yesno",
             when=(When("situation", ("invited_to_meeting",)),), paras=ps("3.8", "13a.5"), matters=DTC),
    Question("onward_sharing", "Do you want to pass the minutes (or what is in them) to anyone?", "choice",
             when=(When("situation", ("sent_minutes",)),),
             choices=(Choice("none", "No"),
                      Choice("within_agency_if_necessary", "A colleague in my own organisation who needs to know"),
                      Choice("routine_within_agency", "Routinely, to a team in my own organisation"),
                      Choice("outside_agency", "Someone outside my organisation (a contractor, another landlord or agency)"),
                      Choice("court_bundle", "A court, as part of a court bundle"),
                      Choice("tenant_or_public", "A tenant, neighbour or other member of the public")),
             paras=(p("13b.9"),), matters=DTC),
    Question("chair_agreed", "Has the MAPPA Meeting Chair agreed to this?", "yesno", allow_unknown=True,
             when=(When("situation", ("sent_minutes",)),
                   When("onward_sharing", ("routine_within_agency", "outside_agency", "court_bundle"))),
             paras=(p("13b.9"),), matters=DTC),
    Question("minutes_request", "Has anyone asked you for the minutes?", "choice",
             when=(When("situation", ("sent_minutes",)),),
             choices=(Choice("none", "No"),
                      Choice("offender", "The person they are about (or their solicitor)"),
                      Choice("victim", "A victim whose details are in the minutes"),
                      Choice("official", "A court, the Parole Board, the IOPC, the CPS or a review chair"),
                      Choice("other_third_party", "Someone else (e.g. a relative or a journalist)")),
             paras=ps("13b.12", "13b.13", "13b.15"), matters=DTC),
    Question("concern", "What is the worry?", "choice", when=(When("situation", ("worried",)),),
             choices=(Choice("new_information", "We have new information about risk or a change in their circumstances"),
                      Choice("plan_not_working", "We think the risk management plan is not working"),
                      Choice("warn_others", "We want to warn other tenants, neighbours or someone else"),
                      Choice("not_known_mappa", "We think the person is dangerous but do not know of any MAPPA management")),
             paras=ps("7.23", "11.9", "6.22"), matters=DTC),
    Question("staff_risk_told", "Has the lead agency told you what the risk to your staff is and how it is managed?",
             "yesno", allow_unknown=True, when=(When("situation", ("staff_at_risk",)),), paras=(p("21.20"),),
             matters=DTC),
    Question("purpose_given", "Have they told you what the information is for?", "yesno", allow_unknown=True,
             when=(When("situation", ("asked_for_information",)),), paras=ps("9.8", "9.4"), matters=DTC),
    Question("asked_for_sensitive", "Do they ask about health, race, religion, sex life or gender history?", "yesno",
             allow_unknown=True, when=(When("situation", ("asked_for_information",)),),
             help="The Data Protection Act 2018 calls sharing this kind of information 'sensitive processing'.",
             paras=(p("9.8"),), matters=DTC),
    Question("move_reason", "Why do the tenants want to move?", "choice",
             when=(When("situation", ("tenants_ask_to_move",)),),
             choices=(Choice("past_victim", "A tenant, or someone in their household, was a victim of this person"),
                      Choice("specific_risk", "They fear a risk to themselves in particular (for example, they are "
                                              "especially vulnerable)"),
                      Choice("general_worry", "General worry in the neighbourhood"),
                      Choice("unknown", "Not known yet")),
             paras=ps("10.3", "10.11"), matters=DTC),
    # Youth Offending Team timings (23.19, 23.23, 23.30)
    Question("date_of_birth", "The young person's date of birth", "date", required=False,
             when=(When("agency_type", ("yot",)),), earliest="1990-01-01", latest="2030-12-31",
             help="Used for the date of the 18th birthday and the transition to adult services.", paras=(p("23.30"),)),
    Question("sentence_type", "What kind of sentence?", "choice", required=False,
             when=(When("agency_type", ("yot",)),),
             choices=(Choice("community", "A community sentence"), Choice("custodial", "A custodial sentence")),
             paras=(p("23.19"),)),
    Question("sentence_date", "Date of sentence", "date", required=False,
             when=(When("agency_type", ("yot",)),), earliest="2000-01-01", latest="2100-12-31",
             paras=ps("23.19", "6.36")),
    Question("release_date", "Expected release date", "date", required=False,
             when=(When("agency_type", ("yot",)), When("sentence_type", ("custodial",))),
             earliest="2000-01-01", latest="2100-12-31", paras=ps("23.19", "23.23")),
)


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    situation, level = a.get("situation"), a.get("mappa_level")
    if situation == "asked_to_house" and a.get("agency_type") not in CAN_BE_ASKED_TO_HOUSE:
        errors.append(FieldError("situation", "Housing requests go to housing providers, housing authorities or social "
                                 "care. Choose another situation, or check the kind of organisation."))
    if situation == "tenants_ask_to_move" and a.get("agency_type") not in HOUSING:
        errors.append(FieldError("situation", "Tenants ask their housing association or the council's housing "
                                 "department to move them. Choose another situation, or check the kind of organisation."))
    if situation in ("invited_to_meeting", "sent_minutes") and level == "1":
        errors.append(FieldError("mappa_level", "MAPPA meetings (and their minutes) are for Level 2 and 3 cases. At "
                                 "Level 1 there are no MAPPA meetings: check the level."))
    sd, rd, dob = a.get("sentence_date"), a.get("release_date"), a.get("date_of_birth")
    if sd and rd and rd < sd:
        errors.append(FieldError("release_date", "The release date is before the date of sentence."))
    if dob and sd and sd < dob:
        errors.append(FieldError("sentence_date", "The date of sentence is before the date of birth."))
    if dob and sd and sd < birthday_in(dob.year + 10, dob):
        errors.append(FieldError("sentence_date", "The young person was under 10 on that date, below the age of "
                                 "criminal responsibility. Check both dates."))
    return errors


# ---------------------------------------------------------------------------
# Duty lines
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    """A line of the duty list.  ``local``: the key of the local document (core.LOCAL_DOCUMENTS) it comes from,
    for local practice.  ``now``: also an action to take now, by when in words ("" when no time is set);
    None for a standing duty."""

    id: str
    strength: Strength
    text: str
    paras: tuple[str, ...]
    group: str = "Your agency"
    local: str = ""
    now: str | None = None

    def as_item(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "group": self.group, "strength": self.strength, "text": self.text,
                             "paras": list(self.paras)}
        if self.local:
            d["local"] = self.local
        return d


def p3_8_attend_meetings(a: dict[str, Any]) -> list[Duty]:
    """3.8: representatives of DTC agencies involved with an offender must attend MAPPA meetings, whatever brought
    them to the case (13a.23 says "should": see the flag)."""
    if not p3_8_meetings_apply(a):
        return []
    return [Duty("attend", "must", "Attend the MAPPA meetings about this person while you are involved with them, with "
                 "someone who can contribute actively and commit your agency's resources; a written report does not "
                 "count as attendance", ps("3.8", "13a.23", "13a.5"), "Every duty-to-co-operate agency",
                 now="on the day of the meeting" if a.get("situation") == "invited_to_meeting" else None)]


def common_duties(a: dict[str, Any]) -> list[Duty]:
    """Every DTC agency (3.2, 3.6, 3.7, 3.8, 3.10, 3.12, 7.4, 7.23, 11.9, 9.8)."""
    g = "Every duty-to-co-operate agency"
    duties = [
        Duty("cooperate", "must", "Co-operate with the Responsible Authority (police, probation, prisons) and with the "
             "other duty-to-co-operate agencies, as far as your own statutory functions allow", (p("3.2"),), g),
        Duty("all_levels", "must", "Engage with MAPPA for every MAPPA offender you are involved with, including those "
             "managed at Level 1", ps("3.6", "7.4"), g),
        Duty("share_for_risk", "must", "When involved with the person, contribute to the risk assessment by sharing "
             "appropriate information", (p("11.9"),), g),
        Duty("own_decisions", "may", "Make your own decisions: consensus can be reached at MAPPA, but decisions and "
             "actions stay the responsibility of the agency that carries them out", (p("3.7"),), g),
        Duty("retention", "must", "Keep MAPPA information accurate, secure and no longer than necessary, under your own "
             "policy", (p("9.8"),), g),
    ] + p3_8_attend_meetings(a)
    if a.get("situation") in ("general", "asked_to_house"):
        duties += [
            Duty("mou", "must", "Have a Memorandum of Understanding with the Responsible Authority setting out how you "
                 "co-operate, endorsed at a senior level in both", (p("3.10"),), g),
            Duty("spoc", "should", "Provide a single point of contact to receive information and requests from other "
                 "agencies", (p("3.12"),), g),
            Duty("smb", "should", "Be represented at a senior level on the Strategic Management Board (best practice)",
                 ps("3.9", "4.6"), g),
        ]
    return duties


def housing_provider_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Housing provider"
    duties = [
        Duty("hp_engage", "must", "Your case duties engage when you are considering housing a MAPPA offender, and then "
             "cover them while you are involved with them, whatever their level", ps("3.41", "3.6"), g),
        Duty("hp_protocol", "should", "Agree the precise nature of your duty with the Responsible Authority in an "
             "information-sharing protocol", (p("3.41"),), g),
        Duty("hp_no_onward", "must", "Do not pass MAPPA minutes or information outside your organisation (to "
             "contractors, other landlords or agencies) without the agreement of the MAPPA Meeting Chair; inside it, "
             "share them only with colleagues who need them. Never tell tenants or neighbours yourself: any "
             "disclosure to a third party is decided by the lead agency or the MAPPA meeting",
             (p("13b.9"), p("9.2"), p("10.7")), g),
        Duty("hp_tenancy_support", "may", "Offer tenancy support as part of the person's supervision",
             (p("12.13"),), g),
    ]
    if a.get("housing_kind") == "supported":
        duties.append(Duty("hp_supported", "may", "In supported housing, staff and managers may need to be told about "
                           "the risk, and sometimes other residents; that is decided through MAPPA's disclosure process",
                           (p("10.11"),), g))
    return duties


def housing_authority_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Local housing authority"
    return [
        Duty("lha_no_new_duty", "may", "Your duty to co-operate does not create a duty to accommodate offenders; your "
             "existing homelessness and allocation duties still apply to them", ps("3.39", "21.9"), g),
        Duty("lha_advice", "must", "Make free advice on homelessness available to everyone, designed for groups "
             "including people released from prison", (p("21.2"),), g),
        Duty("lha_prevent", "must", "Take reasonable steps to prevent and relieve homelessness of eligible applicants, "
             "whatever their priority need or intentionality", (p("21.3"),), g),
        Duty("lha_assess", "must", "Assess eligible applicants who are homeless or threatened with homelessness within "
             "56 days, share the assessment and try to agree a Personalised Housing Plan", ps("21.4", "21.5"), g),
        Duty("lha_main_duty", "must", "Secure suitable accommodation where the main homelessness duty applies",
             (p("21.6"),), g),
        Duty("lha_custody_vulnerability", "should", "When judging whether someone is vulnerable because of time in "
             "custody, weigh the time in custody, the probation practitioner's views, time since release, ability "
             "to find and keep housing, and support networks", (p("21.8"),), g),
        Duty("lha_referrals", "must", "Assess people referred under the duty to refer who are eligible and homeless or "
             "threatened with homelessness within 56 days", (p("21.10"),), g),
        Duty("lha_allocation", "must", "Allocate social housing under your published allocation scheme", ps("21.11", "21.12"), g),
        Duty("lha_capacity", "must", "Comply with the Mental Capacity Act 2005", (p("21.13"),), g),
        Duty("lha_advise_mappa", "may", "Advise MAPPA on accommodation, how it is allocated and the suitability of "
             "particular housing stock", (p("21.19"),), g),
        Duty("lha_dhp", "must", "Consider Discretionary Housing Payment applications from MAPPA offenders case by case",
             (p("21.18"),), g),
    ]


def dwp_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Jobcentre Plus / DWP"
    return [
        Duty("dwp_functions", "should", "Support offenders into suitable work or training, take any restrictions into "
             "account, and pay benefits such as Universal Credit", ps("3.17", "21.22"), g),
        Duty("dwp_confirm_j", "should", "When you receive a MAPPA J, the DWP single point of contact contacts the "
             "offender manager within five working days to confirm receipt", (p("21.24"),), g),
        Duty("dwp_clarify", "may", "Ask the offender manager for clarification where needed", (p("21.25"),), g),
        Duty("dwp_contravention", "must", "Contact the offender manager immediately if the person seeks work or training "
             "that breaks a restriction, or self-discloses sexual or violent offending or anything else of concern",
             (p("21.26"),), g),
        Duty("dwp_remove", "must", "Remove the restriction details from your systems on the end date given on the "
             "MAPPA J (the standard after 21.31)", (p("21.31"),), g),
        Duty("dwp_mappa_p", "may", "The MAPPA P (shared accommodation rate exemption) comes to the DWP MAPPA single point "
             "of contact for Universal Credit from the lead agency", (p("21.16"),), g),
    ]


def health_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Health"
    kind = a.get("health_kind")
    if kind == "mental_health_trust":
        return [
            Duty("mh_identify", "must", "Identify every patient who falls within MAPPA, in hospital and in the "
                 "community, on your systems within three days of sentence or admission, and tell the MAPPA "
                 "Co-ordinator with a MAPPA I", ps("3.37", "6.36", "6.37"), g),
            Duty("mh_lead", "may", "You may be the lead agency for patients on hospital, guardianship or community "
                 "treatment orders", ps("3.37", "2.4"), g),
            Duty("mh_standing_rep", "should", "Provide a standing mental health representative for MAPPA meetings with "
                 "authority to commit resources, and invite the patient's clinical team", (p("13a.20"),), g),
        ]
    if kind == "commissioner":
        return [
            Duty("comm_smb", "should", "Be represented on the Strategic Management Board and involved in drafting the "
                 "Memorandum of Understanding", (p("3.34"),), g),
            Duty("comm_awareness", "may", "Raise awareness of MAPPA among GPs and the services you commission",
                 ps("3.34", "3.30"), g),
        ]
    if kind == "nhs_trust":
        return [Duty("trust_mou", "should", "Engage your chief executive in drafting the Memorandum of Understanding",
                     (p("3.35"),), g)]
    return []


def childrens_services_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Children's Services"
    return [
        Duty("cs_safeguard", "must", "Carry out your safeguarding duties to children in need and children at risk of "
             "significant harm (Children Act 1989 s.17 and s.47)", (p("3.24"),), g),
        Duty("cs_standing_rep", "should", "Provide a standing Children's Services representative for MAPPA meetings; the "
             "child's lead social worker attends where there is a risk to an identified child", (p("13a.21"),), g),
        Duty("cs_consulted", "should", "Be consulted (a senior manager) before any decision on disclosure about a child, "
             "except in urgent cases", (p("10.13"),), g),
        Duty("cs_child_recipient", "must", "Be consulted on the safeguarding needs of a child who is to be told "
             "something", (p("10.14"),), g),
        Duty("cs_lac", "should", "For a looked-after child, make sure the right agencies attend every meeting and tell "
             "the Independent Reviewing Officer", (p("23.18"),), g),
        Duty("cs_care_leavers", "should", "Support care leavers up to 25, including with accommodation",
             ps("3.24", "23.13"), g),
    ]


def adult_social_care_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Adult social care"
    return [
        Duty("asc_care_act", "must", "Co-operate with relevant partners in your care and support functions, including "
             "protecting adults at risk of abuse or neglect (Care Act 2014)", ps("3.26", "3.27"), g),
        Duty("asc_standing_rep", "should", "Provide a standing Adult Social Care representative; the lead social worker "
             "attends where the person poses a risk to an adult at risk or is an adult at risk", (p("13a.22"),), g),
        Duty("asc_disclosure", "should", "Be involved when information is disclosed to an adult at risk",
             (p("10.14"),), g),
    ]


def yot_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Youth Offending Team"
    return [
        Duty("yot_lead", "may", "You are the lead agency for MAPPA-eligible children you supervise until supervision "
             "ends or the case moves to adult services, and you keep a duty to co-operate when you are not",
             ps("2.4", "3.16"), g),
        Duty("yot_identify", "must", "Identify your MAPPA cases within three days of sentence and record them",
             ps("6.36", "23.19"), g),
        Duty("yot_mappa_h", "must", "Submit the MAPPA H when the assessments are done (community sentences) or at "
             "least six months before release (custody), or as soon as possible if less than six months is left to serve",
             ps("23.19", "6.37"), g),
        Duty("yot_review_refer", "must", "Review all your MAPPA cases and refer appropriate ones to Level 2 or 3 with a "
             "MAPPA A; set the level at least six months before release", (p("23.23"),), g),
        Duty("yot_attend", "must", "Attend MAPPA meetings about a child or someone who recently moved to adult services; "
             "the case manager and the operations manager attend when another agency refers a child",
             ps("13a.19", "23.26"), g),
        Duty("yot_18_21", "should", "Attend Level 2 or 3 meetings for 18 to 21 year olds you used to supervise",
             (p("23.26"),), g),
        Duty("yot_assetplus", "should", "Use AssetPlus for the risk assessments that inform the risk management plan",
             (p("23.20"),), g),
        Duty("yot_transition", "should", "For Level 2 or 3 cases, consider transfer to adult services at least six "
             "months before the 18th birthday; for Level 1, formally review the level with the MAPPA Q", (p("23.30"),), g),
        Duty("yot_category", "may", "Check the category carefully: the whole term of a Detention and Training Order "
             "counts for Category 2, unlike for notification (use the category calculator)", ps("6.5", "6.8"), g),
    ]


def education_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Education"
    return [
        Duty("edu_dsl", "should", "Have a designated senior lead for safeguarding", (p("3.21"),), g),
        Duty("edu_warn", "may", "Warn pupils or staff about possible dangers, in particular situations, with the "
             "authorisation of the police", (p("3.20"),), g),
        Duty("edu_share", "must", "Do not let fears about sharing information stand in the way of protecting children",
             (p("3.23"),), g),
    ]


def em_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Electronic monitoring provider"
    return [
        Duty("em_advice", "may", "Advise the Responsible Authority on what the technology can and cannot do, and attend "
             "the Strategic Management Board or MAPPA meetings when needed", (p("3.42"),), g),
        Duty("em_release", "must", "Record MAPPA status when the lead agency tells you, and release relevant information "
             "to the Responsible Authority as soon as it is requested", ps("3.43", "3.44"), g),
        Duty("em_reports", "must", "Provide up-to-date progress reports when asked, e.g. for MAPPA meetings",
             (p("3.45"),), g),
    ]


def home_office_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Home Office"
    return [
        Duty("ho_prioritise", "may", "Prioritise enforcement action (such as deportation, where the law allows) for "
             "the most dangerous sexual and violent offenders, and pass risk information to immigration detention "
             "centres, e.g. so that certain offenders are not placed with children or adults at risk",
             ps("3.46", "3.47"), g),
        Duty("ho_spoc", "must", "Each case management directorate and operational region identifies a MAPPA single "
             "point of contact for exchanging information with other MAPPA agencies", (p("3.48"),), g),
    ]


def mod_duties(a: dict[str, Any]) -> list[Duty]:
    g = "Ministry of Defence"
    return [
        Duty("mod_share", "must", "For offenders in service detention or who stay in the armed forces after "
             "conviction, pass on information at key points of the sentence and on release: behaviour in custody, "
             "programmes, work or education, and contacts with others", (p("3.19"),), g),
    ]


AGENCY_DUTIES = {
    "housing_provider": housing_provider_duties,
    "local_housing_authority": housing_authority_duties,
    "dwp": dwp_duties,
    "health": health_duties,
    "childrens_services": childrens_services_duties,
    "adult_social_care": adult_social_care_duties,
    "yot": yot_duties,
    "education": education_duties,
    "em_provider": em_duties,
    "home_office": home_office_duties,
    "mod": mod_duties,
}

# ---------------------------------------------------------------------------
# Situations
# ---------------------------------------------------------------------------


def asked_to_house(a: dict[str, Any]) -> list[Duty]:
    g = "Asked to house someone"
    agency = a.get("agency_type")
    duties = [
        Duty("house_share", "must", "Share what you know that is relevant to the risk, and give advice on the suitability "
             "of the accommodation", (p("11.9"),), g, now=""),
        Duty("house_assess", "should", "Make sure the accommodation, its location and the other residents are assessed "
             "for any link to the risk of serious harm", (p("21.20"),), g),
        Duty("house_staff", "should", "Expect any risk to your staff to be managed through the person's risk "
             "management plan, with the details given to you through the disclosure process", (p("21.20"),), g),
    ]
    if a.get("enough_information") in ("no", "unknown"):
        duties.append(Duty("house_ask_info", "should", "Ask the lead agency for the information you need; if you "
                           "still think the risk is not managed, escalate through line management", ps("7.23", "11.9"),
                           g, now="before you decide"))
    if agency == "housing_provider":
        duties += [
            Duty("house_decide", "may", "Decide whether to offer a tenancy: the decision is yours, and you may refuse",
                 ps("3.7", "3.41"), g),
            Duty("local_refuse", "may", "The housing association may refuse anyone it judges a risk to customers, "
                 "staff or contractors, and anyone about whom the Responsible Authority will not give the information "
                 "needed for an informed decision", (p("3.7"),), g, local="000"),
            Duty("local_decider", "may", "A named head of service makes the final decision after a full assessment, and "
                 "one central lettings contact handles every MAPPA referral", ps("3.12", "3.7"), g, local="000"),
        ]
    if agency == "local_housing_authority":
        duties += [
            Duty("house_lha_duties", "must", "Apply your homelessness and allocation duties as for anyone else: the "
                 "offence does not remove them, and the duty to co-operate does not add a duty to accommodate",
                 ps("3.39", "21.9", "21.3"), g),
            Duty("local_central_contact", "may", "Every MAPPA offender applying for housing goes through one central "
                 "housing MAPPA contact, and the offender manager sends a letter with the application covering victim "
                 "issues and risk to staff (including Level 1 cases)", ps("21.19", "3.12"), g, local="001"),
        ]
    if agency == "adult_social_care":
        duties.append(Duty("house_s117", "must", "Under s.117 Mental Health Act 1983 after-care, offer a choice of "
                           "suitable accommodation that meets the person's care and support needs", (p("21.14"),), g))
    if a.get("offender_under_18") == "yes" and agency in HOUSING:
        duties.append(Duty("house_child", "should", "Expect the YOT and Children's Services to be involved: the YOT "
                           "supervises the child and both attend MAPPA meetings about a child", ps("13a.19", "13a.21", "2.4"), g))
    if agency == "childrens_services":
        duties.append(Duty("house_care_leaver", "should", "For a care leaver, offer support with accommodation up to "
                           "25", ps("3.24", "23.13"), g))
    return duties


def invited_to_meeting(a: dict[str, Any]) -> list[Duty]:
    g = "Invited to a MAPPA meeting"
    duties = [
        Duty("prepare", "must", "Before the meeting, read the MAPPA A, the MAPPA B and the previous minutes, check your "
             "files and prepare an update", (p("13a.4"),), g, now="before the meeting"),
        Duty("share_at_meeting", "must", "Come ready to share information on the risk, its imminence, protective factors "
             "and victim safety", (p("13a.31"),), g),
        Duty("confidentiality", "must", "Keep to the confidentiality statement: signing the attendance record means "
             "agreeing to it", ps("14.12", "14.13"), g),
        Duty("actions", "must", "Carry out the actions the meeting gives your agency", ps("13a.36", "13a.25"), g),
        Duty("minutes_receipt", "must", "Confirm safe receipt of the minutes and that they are accurate",
             ps("13a.40", "13b.4"), g),
    ]
    if a.get("can_attend") == "no":
        duties.append(Duty("cannot_attend", "should", "If you cannot attend, tell the organiser and send a written "
                           "report; it does not count as attendance. The Chair will name someone to pass your actions "
                           "on, with a contact and timescales", ps("3.8", "13a.25"), g, now="before the meeting"))
    if a.get("offender_under_18") == "yes" and a.get("agency_type") in ("yot", "childrens_services"):
        duties.append(Duty("child_meeting", "must", "For a child, both the YOT and Children's Services are present; "
                           "no decision on disclosure involving the child can be made without a senior representative "
                           "of each", ps("1.28", "23.29", "13a.19"), g))
    return duties


def sent_minutes(a: dict[str, Any]) -> list[Duty]:
    g = "MAPPA minutes"
    duties = [
        Duty("receipt", "must", "Confirm safe receipt of the minutes, and tell the Chair promptly of any corrections",
             ps("13b.4", "13a.40"), g, now=""),
        Duty("joint_controller", "must", "Treat the copy of the minutes you keep as data your agency controls: MAPPA "
             "is not a body and cannot own data, so every agency that keeps a copy is a joint data controller, and a "
             "request for the minutes under data protection law or the Freedom of Information Act may be yours to "
             "answer", (p("13b.11"),), g),
        Duty("internal", "may", "Share the minutes within your own agency if necessary, but not widely", (p("13b.9"),), g),
        Duty("routine_internal", "should", "Agree any routine sharing within your agency with the MAPPA Meeting Chair",
             (p("13b.9"),), g),
        Duty("outside", "must", "Do not share the minutes with anyone outside your agency, or put them in a court "
             "bundle, without the MAPPA Meeting Chair's agreement; a breach is a data loss incident and may be referred "
             "to the Information Commissioner", (p("13b.9"),), g),
        Duty("keep_copy", "should", "Ask whether you need a copy at all: a note of your actions and that the minutes "
             "are on ViSOR may be enough; any copy you keep is held under your own data protection and retention rules",
             (p("13b.7"),), g),
        Duty("no_paper", "must", "Never take printed minutes to or from meetings (unless absolutely necessary, with "
             "security measures)", (p("13b.8"),), g),
    ]
    request = a.get("minutes_request")
    if request and request != "none":
        duties.append(Duty("tell_coordinator", "must", "Tell the MAPPA Co-ordinator about the request, and send them a "
                           "copy of your final reply", (p("13b.13"),), g, now="when the request arrives"))
    if request in ("offender", "victim"):
        duties += [
            Duty("sar", "must", "Treat it as a Subject Access Request under your own agency's procedures, even if it "
                 "does not say so, within the time limits of data protection law; an executive summary of the minutes "
                 "is the usual response", ps("13b.15", "13b.18", "13b.21"), g,
                 now="within the time limit of data protection law"),
            Duty("sar_exemptions", "must", "Apply the data protection exemptions (for example where answering would be "
                 "likely to prejudice preventing or detecting crime, or information about another person) case by "
                 "case, only to what they cover: never refuse MAPPA minutes by a blanket rule", ps("13b.16", "13b.17"),
                 g),
        ]
    if request == "official":
        duties.append(Duty("official", "should", "Ask promptly, in writing, exactly what is needed; send requests for an "
                           "agency's own document to that agency, and those only the minutes can answer to the MAPPA "
                           "Co-ordinator or the Chair; offer an executive summary first", ps("13b.24", "13b.26"), g))
    if request == "other_third_party":
        duties.append(Duty("foia", "should", "Deal with requests from other third parties (such as relatives or "
                           "journalists) under the Freedom of Information Act", (p("13b.30"),), g))
    return duties


def worried(a: dict[str, Any]) -> list[Duty]:
    g = "Worried about someone"
    concern = a.get("concern")
    duties = [
        Duty("tell_lead", "must", "Share what you know with the lead agency: agencies involved with the person must "
             "contribute to the risk assessment", (p("11.9"),), g, now=""),
        Duty("rmp_concern", "must", "If you think the risk management plan is not working, discuss it with the lead "
             "agency and escalate through line management if you disagree", (p("7.23"),), g),
        Duty("ask_level", "may", "Ask for the case to be considered for Level 2 or 3: discuss it with the lead agency "
             "first, then with the MAPPA Co-ordination Unit", (p("7.13"),), g),
    ]
    if concern == "not_known_mappa":
        duties.append(Duty("cat3_referral", "may", "Refer the person to be considered as a Category 3 offender with a "
                           "MAPPA A; the MAPPA Co-ordination Unit decides whether they meet the criteria", (p("6.22"),), g))
    if concern == "warn_others":
        duties.append(Duty("no_warning_yourself", "must", "Do not warn other tenants, neighbours or anyone else "
                           "yourself: take it to the lead agency or the MAPPA meeting, which decide on disclosure",
                           (p("13b.9"), p("9.2"), p("10.7")), g, now=""))
    return duties


def staff_at_risk(a: dict[str, Any]) -> list[Duty]:
    g = "Staff at risk"
    duties = [
        Duty("staff_rmp", "should", "Risk to your staff is managed through the person's risk management plan, and the "
             "details reach you through the disclosure process: ask the lead agency for them", ps("21.20", "10.3"), g),
        Duty("staff_share", "must", "Tell the lead agency what you know about the risk", (p("11.9"),), g, now=""),
        Duty("staff_escalate", "must", "If you think the plan does not protect your staff, discuss it with the lead "
             "agency and escalate through line management", (p("7.23"),), g),
    ]
    if a.get("agency_type") == "dwp":
        duties.append(Duty("staff_dwp", "should", "The MAPPA J should say whether there is a risk of serious harm to "
                           "DWP staff, including contracted staff; other risks reach you through disclosure",
                           (p("21.27"),), g))
    if a.get("agency_type") == "housing_provider":
        duties += [
            Duty("staff_proportionate", "should", "Keep any marker or safety measure proportionate to the identified "
                 "risk, record why, and remove it when MAPPA management ends", (p("9.10", 1), p("9.8")), g),
            Duty("local_two_person", "may", "Every MAPPA tenant's file carries an account marker and every visit is made "
                 "by two people; markers are reviewed yearly and removed when MAPPA no longer applies",
                 (p("9.8"),), g, local="000"),
            Duty("local_staff_support", "may", "Staff, agents and contractors are offered support early, and signposted "
                 "where support is outside the landlord's role", (p("21.20"),), g, local="000"),
        ]
    return duties


def scr_notified(a: dict[str, Any]) -> list[Duty]:
    g = "Serious Case Review"
    return [
        Duty("scr_secure", "must", "Secure your case records, provide the Individual Management Review or documents "
             "asked for within the timescales agreed, and nominate a senior person for the review panel, as the "
             "Strategic Management Board Chair requires", (p("20.16"),), g, now=""),
        Duty("scr_secure_docs", "must", "Mark every document OFFICIAL SENSITIVE, send it by secure email and keep it "
             "securely", (p("20.17"),), g),
        Duty("scr_representations", "may", "Make representations for your agency before the report is finalised; "
             "the author should make sure your information is fully and fairly represented, and the SMB Chair "
             "settles any dispute about the findings", ps("20.16", "20.23"), g),
        Duty("scr_actions", "should", "Agree the actions given to your agency and keep the SMB Chair updated on "
             "progress", (p("20.29"),), g),
        Duty("scr_not_published", "must", "Do not distribute the report widely: share it only with the SMB's "
             "authority; it must not be published", (p("20.26"),), g),
    ]


def asked_for_information(a: dict[str, Any]) -> list[Duty]:
    """A request from the police or the lead agency: lawful (3.3, 9.5), necessary (9.9) and proportionate (9.10)."""
    g = "Asked for information"
    purpose = ("Write down what the information is for" if a.get("purpose_given") == "yes"
               else "Ask what the information is for, and write it down")
    duties = [
        Duty("info_lawful", "may", "Share with the police or the lead agency: the duty to co-operate includes "
             "exchanging information, section 325(4) of the Criminal Justice Act 2003 allows MAPPA agencies to share "
             "it to assess and manage the risk, and doing so does not breach a duty of confidence",
             ps("3.3", "9.5", "9.7"), g),
        Duty("info_purpose", "must", purpose, ps("9.8", "9.4"), g, now="before you share"),
        Duty("info_necessary", "must", "Share only what is necessary: information needed to assess or manage the risk "
             "the person poses (necessity)", ps("9.9", "9.4"), g, now=""),
        Duty("info_proportionate", "must", "Share no more than that purpose needs: if the name and address are enough, "
             "do not add race or religion (proportionality)", (p("9.10", 1), p("9.4")), g, now=""),
        Duty("info_accurate", "must", "Check that what you share is accurate and up to date, send it securely, and note "
             "what you shared, with whom, when and why, under your own data protection policy",
             (p("9.8"), p("9.11", 1)), g),
        Duty("info_stays_yours", "may", "What you share stays your agency's responsibility: a subject access request "
             "for it is yours to answer", (p("9.2"),), g),
    ]
    if a.get("asked_for_sensitive") in ("yes", "unknown"):
        duties.append(Duty("info_sensitive", "must", "Share health, race, religion, sex life or gender history only if "
                           "it is needed and a condition of Schedule 8 of the Data Protection Act 2018 is met (usually "
                           "statutory purposes or the administration of justice)", (p("9.8"),), g))
    return duties


def tenants_ask_to_move(a: dict[str, Any]) -> list[Duty]:
    """Tenants who want to move away from an offender: the national guidance is silent (see the flag); what it
    does say (10.5, 10.7, 11.9, 3.7), then local practice from a county procedure (002), marked as such."""
    g = "Tenants asking to move"
    duties = [
        Duty("tm_no_confirm", "must", "Do not tell the tenants anything about the person, or confirm what they have "
             "heard: any disclosure to them is decided by the lead agency (Level 1) or the MAPPA meeting (Levels 2 "
             "and 3)", (p("10.5"), p("10.7"), p("13b.9"), p("9.2")), g, now=""),
        Duty("tm_tell_lead", "must", "Tell the lead agency about the request and what the tenants say they know: it may "
             "change the risk assessment or the plan, or show that information has got out", ps("11.9", "7.23"), g,
             now=""),
    ]
    if a.get("move_reason") == "past_victim":
        duties.append(Duty("tm_past_victim", "must", "If a tenant was a victim of the person, tell the lead agency at "
                           "once: protecting past victims is a reason to consider disclosure, and the plan must manage "
                           "the risk to them", ps("10.3", "10.11", "11.9"), g, now="at once"))
    return duties + [
        Duty("tm_own_policy", "may", "Decide the request under your own allocation scheme or transfer policy: the "
             "MAPPA guidance does not cover it", ps("3.7", "21.11"), g),
        Duty("local_move_specific_risk", "may", "An urgent move is normally agreed only when the person poses a "
             "specific risk to that tenant; a general worry shared by the neighbourhood, for example by every family "
             "with young children, is normally not enough", (p("3.7"),), g, local="002"),
        Duty("local_move_examples", "may", "Examples of a specific risk: the tenant or someone in their household was "
             "a victim of the person; the tenant is especially vulnerable, for example a past victim of a similar "
             "offence, a young care leaver, or someone with a mental illness or disability; or the kind of offence, "
             "taken with where the home is and which facilities are shared", ps("3.7", "10.11"), g, local="002"),
        Duty("local_move_circumstances", "may", "Each applicant's own circumstances are weighed before an urgent move, "
             "or another way of rehousing them, is agreed or refused", (p("3.7"),), g, local="002"),
    ]


SITUATION_DUTIES = {
    "general": lambda a: [],
    "asked_to_house": asked_to_house,
    "invited_to_meeting": invited_to_meeting,
    "sent_minutes": sent_minutes,
    "worried": worried,
    "staff_at_risk": staff_at_risk,
    "scr": scr_notified,
    "asked_for_information": asked_for_information,
    "tenants_ask_to_move": tenants_ask_to_move,
}

# ---------------------------------------------------------------------------
# Flags, caveats, dates
# ---------------------------------------------------------------------------


def raise_flags(out: Outcome, a: dict[str, Any]) -> None:
    agency, situation = a.get("agency_type"), a.get("situation")
    if p3_8_meetings_apply(a):
        out.flag("ATTENDANCE_MUST_OR_SHOULD", "The guidance states the duty to attend with two strengths.",
                 p("3.8"), p("13a.23"),
                 readings=("3.8: representatives of DTC agencies involved with the offender 'must attend' MAPPA meetings.",
                           "13a.23: they 'should attend'.",
                           "This list shows attendance as a 'must' (the stricter reading); a written report never "
                           "counts as attendance."))
    if agency == "housing_provider":
        out.flag("DTC_ENGAGEMENT_SCOPE", "When does a housing provider's duty apply?", p("3.6"), p("3.41"), p("7.4"),
                 readings=("3.6 and 7.4: the duty covers all MAPPA offenders the agency is involved with, at every "
                           "level including Level 1.",
                           "3.41: for registered providers the duty 'will only engage' when they are considering "
                           "accommodating a MAPPA offender; its precise nature is agreed locally.",
                           "Read together: the duty starts when you consider housing the person and continues while "
                           "you house them, at any level. Your protocol with the Responsible Authority should say so."))
    if a.get("offender_under_18") == "yes" and situation == "invited_to_meeting" \
            and agency in ("childrens_services", "yot"):
        out.flag("CHILDRENS_SERVICES_ATTENDANCE", "Children's Services' attendance at meetings about a child is "
                 "worded three ways.", p("13a.19"), p("1.28"), p("23.17"), p("23.29"),
                 readings=("13a.19: the YOT must attend; Children's Services 'should also attend'.",
                           "1.28: the YOT and Children's Services 'must be present' when an under-18 is discussed; "
                           "23.17: they 'should always be represented'.",
                           "23.29: no disclosure decision involving a child without a senior representative of both."))
    if agency == "yot":
        out.flag("YOT_TIMING_STRENGTH", "Chapters 6 and 23 give the YOT's identification and MAPPA H duties different "
                 "strengths.", p("6.36"), p("6.37"), p("23.19"),
                 readings=("6.36: YOTs 'must' identify MAPPA cases within three days of sentence; 23.19: "
                           "identification 'should' take place within 3 days.",
                           "6.37: YOTs 'should' use the MAPPA H no later than six months before release; 23.19: they "
                           "'must' submit it at least 6 months before release.",
                           "This list shows both as 'must' (the stricter reading)."))
        out.flag("CROSS_REFERENCE_DRIFT", "3.16 sends readers to 'Chapter 3 - Responsible Authority and Lead Agency'; "
                 "lead agencies are in chapter 2 (see 2.4).", p("3.16"), p("2.4"),
                 readings=("As printed: chapter 3.", "Intended: chapter 2, Responsible Authority and Lead Agency."))
    if agency == "health" and a.get("health_kind") in ("gp", "commissioner"):
        out.flag("CROSS_REFERENCE_DRIFT", "3.34 refers to '3.49-3.50' for GPs; GPs are covered in 3.51.",
                 p("3.34"), p("3.51"), readings=("As printed: 3.49-3.50 (commissioned and independent providers).",
                                                 "Intended: 3.51 (General Practitioners)."))
    if situation == "asked_for_information":
        out.flag("SHARING_DUTY_STRENGTH", "The guidance gives the duty to share information three strengths.",
                 p("3.3"), p("9.4"), p("11.9"),
                 readings=("3.3 (s.325(4) CJA 2003): co-operation 'may include' the exchange of information: a "
                           "permission.",
                           "9.4: agencies 'should share all relevant information', within the limits of data "
                           "protection and Article 8.",
                           "11.9: agencies involved with an offender 'must contribute' to the risk assessment by "
                           "sharing appropriate information. This list shows sharing as allowed ('may') and sharing "
                           "what is necessary, and no more, as a 'must'."))
    if situation == "tenants_ask_to_move":
        out.flag("GUIDANCE_SILENT_ON_TENANT_MOVES", "The national guidance does not say what a landlord should do "
                 "when tenants ask to move because an offender lives nearby.", p("3.7"), p("10.11"),
                 readings=("A housing matter only: decide it under your allocation scheme or transfer policy like any "
                           "other request. What MAPPA adds is that you must not confirm anything about the person, "
                           "and must tell the lead agency (10.7, 11.9).",
                           f"Local practice ({local_document_title('002')}): an urgent move only for a specific risk "
                           "to that tenant, not for general worry in the area, weighing each applicant's "
                           "circumstances. It is shown marked as local practice; it is not national guidance."))
    if situation == "sent_minutes" and a.get("minutes_request") not in (None, "none") and p3_4_is_dtc_agency(a):
        out.flag("STALE_CROSS_REFERENCE", "14.21 says requests for MAPPA minutes are 'described in chapter 10 on "
                 "Disclosure'; they are now covered in 13b.10 onwards.", p("14.21"), p("13b.10"),
                 readings=("As printed: chapter 10.", "Current: chapter 13b (13b.10 to 13b.38)."))


def add_caveats(out: Outcome, a: dict[str, Any]) -> None:
    agency, situation = a.get("agency_type"), a.get("situation")
    if agency == "housing_provider":
        out.caveat("The Homelessness Reduction Act 2017 duty to refer (21.10) binds specified public authorities; "
                   "housing associations are not among them, so a housing association's referral is voluntary. Check "
                   "the current list.", p("21.10"), external=("Homelessness Reduction Act 2017",))
    if agency == "local_housing_authority":
        out.caveat("21.6 lists a local connection as a condition of the main homelessness duty. In law, local "
                   "connection usually governs referral to another authority rather than whether the duty exists: "
                   "check the current Homelessness Code of Guidance.", p("21.6"),
                   external=("Housing Act 1996 Part 7", "Homelessness Code of Guidance"))
    if agency == "health" and a.get("health_kind") in ("commissioner", "nhs_trust", "mental_health_trust", None):
        out.caveat("The guidance still names Clinical Commissioning Groups; in England they were replaced by Integrated "
                   "Care Boards in 2022. Check the current wording of s.325(6) CJA 2003.", p("3.4"), p("3.32"),
                   external=("Health and Care Act 2022", "Criminal Justice Act 2003 s.325(6)"))
    if situation == "worried" and agency == "housing_provider":
        out.caveat("Possession action is outside the MAPPA guidance; older local documents describe an 'arrestable "
                   "offence' ground, but possession grounds now refer to indictable offences and there is an "
                   "absolute ground for serious offences. Take legal advice.", external=("Housing Act 1988 Sch. 2",
                                                                                        "Housing Act 1985 Sch. 2"))
    if situation == "asked_to_house" and agency in HOUSING and a.get("offender_under_18") == "yes":
        out.caveat("Housing a 16 or 17 year old is usually first a matter for Children's Services under the Children "
                   "Act 1989; the MAPPA guidance does not say so. Check the joint protocol in your area.",
                   p("3.24"), external=("Children Act 1989 s.20",))
    if situation in ("worried", "staff_at_risk"):
        out.caveat("If someone is in immediate danger, call the police on 999 first; the guidance does not cover "
                   "emergencies, and your own safeguarding policy applies.")


def _calendar_date(out: Outcome, id: str, label: str, when: Any, rule: str, *paras: str, who: str = "",
                   reading: str = "") -> None:
    """A calendar-day or month target.  If it falls on a weekend or bank holiday the guidance does not say
    whether it moves: keep the date, flag it, and give the working day before as a practical target."""
    out.date(id, label, when, rule, *paras, who=who, reading=reading)
    if when is None:
        return
    try:
        practical = previous_working_day(when)
    except OutsideBankHolidayData:
        return
    if practical == when:
        return
    out.date(f"{id}_practical_target", f"{label}: practical target (the working day before)", practical,
             "the guidance is silent on targets that fall on a weekend or bank holiday", *paras, who=who)
    if not any(f["code"] == "DEADLINE_ON_NON_WORKING_DAY" for f in out.flags):
        out.flag("DEADLINE_ON_NON_WORKING_DAY", "A target date falls on a weekend or bank holiday; the guidance does "
                 "not say whether it moves.", *paras,
                 readings=(f"{label}: the date stands ({long_date(when)}).",
                           f"Practical target: the working day before ({long_date(practical)})."))


def yot_dates(out: Outcome, a: dict[str, Any]) -> None:
    """Identification, MAPPA H, level setting and transition dates for a YOT (23.19, 23.23, 23.30, 6.36).
    Each date comes from the one rule that sets it, in :mod:`mappa_rules.deadlines`."""
    from . import deadlines as dl

    sentence, release, birth = a.get("sentence_date"), a.get("release_date"), a.get("date_of_birth")
    if sentence:
        calendar, working = dl.p6_30_identify_by(sentence), dl.p8_16_identify_by_working_days(sentence)
        _calendar_date(out, "identify_by", "Identify the case as MAPPA and record it", calendar,
                       "within 3 days of sentence (reading: calendar days)", p("23.19"), p("6.36"), who="YOT",
                       reading="calendar days")
        out.date("identify_by_working_days", "Identify the case as MAPPA and record it", working,
                 "within 3 days of sentence (reading: working days)", p("23.19"), p("6.36"), who="YOT",
                 reading="working days")
        out.action("Identify the case as MAPPA and record it on your case management system.", p("23.19"), p("6.36"),
                   who="YOT", by=calendar, by_text="3 days of sentence (counted as calendar days, the earlier reading)")
        out.flag("DAYS_UNIT_UNQUALIFIED", "'Within 3 days of sentence' does not say calendar or working days.",
                 p("23.19"), p("6.36"),
                 readings=("Calendar days: " + calendar.isoformat() + ".",
                           "Working days: " + (working.isoformat() if working else "cannot be computed for that year") + "."))
    if a.get("sentence_type") == "custodial" and sentence and release:
        mappa_h_by = dl.p6_37_mappa_h_due(release, sentence)
        if mappa_h_by is None:
            out.flag("LESS_THAN_6_MONTHS_TO_SERVE", "Less than six months to serve at the point of sentence: the MAPPA H "
                     "and the level are due as soon as possible, not six months before release.",
                     p("23.19"), p("23.23"), readings=())
            level_set_by, when, mappa_h_paras = None, "as soon as possible: less than 6 months to serve", (p("23.19"),)
            out.date("mappa_h_by", "Submit the MAPPA H", None, "as soon as possible (less than 6 months to serve)",
                     *mappa_h_paras, who="YOT")
            out.date("level_set_by", "Set the MAPPA level", None, "as soon as possible (less than 6 months to serve)",
                     p("23.23"), who="YOT with the custodial establishment")
        else:
            level_set_by, when, mappa_h_paras = (dl.p15_16_level_set_by(release, sentence),
                                                 "at least 6 months before release", (p("23.19"), p("6.37")))
            _calendar_date(out, "mappa_h_by", "Submit the MAPPA H", mappa_h_by, when, *mappa_h_paras, who="YOT")
            _calendar_date(out, "level_set_by", "Set the MAPPA level", level_set_by, when,
                           p("23.23"), who="YOT with the custodial establishment")
        out.action("Submit the MAPPA H to the MAPPA Co-ordinator.", *mappa_h_paras, who="YOT", by=mappa_h_by,
                   by_text=when)
        out.action("Set the MAPPA level with the custodial establishment.", p("23.23"),
                   who="YOT with the custodial establishment", by=level_set_by, by_text=when)
    if birth:
        eighteen = dl.p23_2_eighteenth_birthday(birth)
        out.date("eighteenth_birthday", "18th birthday", eighteen, "the day the young person stops being a child",
                 p("23.2"))
        if is_leap_day_birthday(birth):
            out.flag("LEAP_DAY_BIRTHDAY_CONVENTION", "Born on 29 February: in a common year the birthday is taken "
                     "as 1 March (a convention, not set by the guidance).", p("23.2"),
                     readings=("1 March (used here).", "28 February."))
        if a.get("mappa_level") in ("2", "3"):
            _calendar_date(out, "consider_transfer_by", "Consider transfer to adult services",
                           dl.p23_30_consider_transfer_by(birth), "at least 6 months before the 18th birthday (Level 2 or 3)",
                           p("23.30"), who="YOT")


def p3_49_not_a_dtc_agency(a: dict[str, Any], reason: tuple[str, tuple[str, ...]]) -> Outcome:
    """Bodies outside the statutory list still have duties (3.22, 3.49-3.51); Associates (9.1, 9.11-9.12)."""
    agency = a.get("agency_type")
    out = Outcome("NOT_A_DTC_AGENCY", "You are not a duty-to-co-operate agency, but you still have duties. " + reason[0])
    out.reason(reason[0], *reason[1])
    out.reason("A body that is not a DTC agency may be invited in as an Associate agency; information is then "
               "shared with it case by case, even without a Data-Sharing Agreement where needed to manage an "
               "identified risk.", p("9.11", 2), p("9.12"), p("13a.26"))
    duties = NON_DTC_DUTIES.get(agency, lambda a: [])(a)
    if a.get("situation") == "asked_for_information":
        duties.append(Duty("assoc_no_dsa", "should", "If the Responsible Authority has brought you in as an Associate "
                           "agency, share what is needed to manage an identified risk, even if there is no "
                           "data-sharing agreement", (p("9.12"), p("9.11", 2), p("9.1")), "Asked for information"))
        out.local_notice("no_protocol_no_sharing")
    for d in duties:
        out.item(**d.as_item())
    out.decided_by("The lead agency or the MAPPA meeting", "what, if anything, is disclosed to you",
                   ("necessity", "proportionality"), p("10.7"), p("10.5"))
    raise_flags(out, a)
    add_caveats(out, a)
    return out


NON_DTC_DUTIES = {
    "commissioned_accommodation": lambda a: [
        Duty("cs_contract", "must", "Engage with MAPPA as your contract requires, and contribute to MAPPA meetings when "
             "the Probation Practitioner asks", (p("3.49"),), "Commissioned service"),
        Duty("cs_minutes", "must", "Do not pass on MAPPA minutes or information you are given without the agreement of "
             "the MAPPA Meeting Chair", ps("13b.9", "9.2"), "Commissioned service")],
    "private_landlord": lambda a: [
        Duty("pl_use", "should", "If you are told about a risk, keep it confidential and use it only as agreed with the "
             "person who told you: what to look out for, what to report and to whom", (p("10.18"),), "Private landlord"),
        Duty("pl_no_onward", "should", "Do not pass the information on to other tenants or neighbours; if you think "
             "they need to know, tell the person who made the disclosure", ps("10.18", "10.7"), "Private landlord")],
    "education": lambda a: [
        Duty("edu_safeguard", "must", "Work with other agencies to safeguard children, under Keeping Children Safe in "
             "Education and Working Together", ps("3.22", "3.23"), "Education"),
        Duty("edu_dsl", "should", "Have a designated senior lead for safeguarding", (p("3.21"),), "Education")],
}


#: The first sentences of the answer in the situations whose answer is not just the list of duties.
SITUATION_ANSWERS = {
    "asked_for_information": "You may share it: the law lets MAPPA agencies share information to assess and manage "
                             "the risk. Share only what is necessary, and no more than the purpose needs.",
    "tenants_ask_to_move": "The national guidance does not cover tenants who ask to move away from an offender: decide "
                           "under your own allocation or transfer policy. Do not confirm anything about the person "
                           "to them, and tell the lead agency.",
}


def dtc_answer(a: dict[str, Any], duties: list[Duty]) -> str:
    if a.get("situation") in SITUATION_ANSWERS:
        return SITUATION_ANSWERS[a["situation"]]
    label = {c.value: c.label for c in AGENCIES}[a.get("agency_type")]
    counts = {s: sum(1 for d in duties if d.strength == s and not d.local) for s in ("must", "should", "may")}
    return (f"{label}: you are a duty-to-co-operate agency. {counts['must']} things you must do, "
            f"{counts['should']} you should do and {counts['may']} you may do, each with its paragraph.")


def p13b_9_stop_outcomes(out: Outcome, a: dict[str, Any]) -> None:
    """Answers that stop the user: telling the public (10.5, 10.7) or sharing minutes without the Chair (13b.9)."""
    situation, onward = a.get("situation"), a.get("onward_sharing")
    if situation == "sent_minutes" and onward == "tenant_or_public" or \
            situation == "worried" and a.get("concern") == "warn_others":
        out.code = "ROUTE_THROUGH_LEAD_AGENCY"
        out.answer = ("Do not pass this on yourself. Telling tenants, neighbours or other members of the public is a "
                      "disclosure to a third party, decided by the lead agency (Level 1) or the MAPPA meeting "
                      "(Levels 2 and 3). Take your concern to them.")
        out.reason("Disclosure to a third party is decided by the lead agency at Level 1 and by the MAPPA meeting at "
                   "Levels 2 and 3; the most appropriate agency then carries it out.", *ps("10.5", "10.7"))
        out.reason("Information shared under MAPPA remains the responsibility of the agency that owns it.", p("9.2"))
        out.action("Take your concern to the lead agency. Tell nobody else about the person meanwhile.",
                   *ps("10.5", "10.7"), p("9.2"), who=YOU)
    elif situation == "sent_minutes" and onward in ("routine_within_agency", "outside_agency", "court_bundle") \
            and a.get("chair_agreed") != "yes":
        out.code = "STOP_CHAIR_AGREEMENT_NEEDED"
        what = {"routine_within_agency": "Routine sharing within your agency should be agreed with",
                "outside_agency": "Sharing minutes outside your agency needs the agreement of",
                "court_bundle": "Putting minutes in a court bundle needs the agreement of"}[onward]
        out.answer = f"Stop: {what} the MAPPA Meeting Chair. Ask the Chair first."
        out.reason("Minutes may be shared within your own agency if necessary; routine internal sharing should be "
                   "agreed with the Chair; nothing goes outside the agency or into a court bundle without the Chair's "
                   "agreement. A breach is treated as a data loss incident.", p("13b.9"))
        out.action("Ask the MAPPA Meeting Chair, and wait for the answer, before you pass the minutes on.", p("13b.9"),
                   who=YOU, by_text="before you share them")
    elif situation == "sent_minutes" and onward == "within_agency_if_necessary":
        out.reason("You may share the minutes with a colleague in your own agency who needs them, but not widely.",
                   p("13b.9"))


def p3_7_who_decides(out: Outcome, a: dict[str, Any]) -> None:
    """Decisions stay with each agency (3.7); disclosure with the lead agency or meeting (10.5, 10.7)."""
    agency, situation, onward = a.get("agency_type"), a.get("situation"), a.get("onward_sharing")
    if agency == "housing_provider" and situation == "asked_to_house":
        out.decided_by("Your organisation", "whether to offer the person a tenancy",
                       ("the risk information from the lead agency", "the suitability of the property, its location and "
                        "neighbours", "the safety of staff and other residents"), p("3.7"), p("21.20"))
        out.reason("No one can make you house a particular person: decisions remain the agency's own. The MAPPA P and "
                   "MAPPA J forms are the lead agency's job, not yours.", p("3.7"), p("21.16"), p("21.23"))
    if agency == "local_housing_authority" and situation == "asked_to_house":
        out.decided_by("The local housing authority", "homelessness and allocation decisions, under Parts 6 and 7 of "
                       "the Housing Act 1996", ("eligibility", "priority need, including vulnerability after custody"),
                       p("21.6"), p("21.8"), p("21.11"))
    if situation == "tenants_ask_to_move":
        out.decided_by("Your organisation", "whether to move the tenants, and how urgently",
                       ("your allocation scheme or transfer policy", "whether the person poses a specific risk to that "
                        "tenant", "the tenant's own circumstances and vulnerability"), p("3.7"), p("21.11"))
    if situation in ("worried", "staff_at_risk", "tenants_ask_to_move") or onward == "tenant_or_public":
        out.decided_by(LEAD_AGENCY_OR_MEETING,
                       "whether to disclose information to a third party (tenants, neighbours or your staff)",
                       PRIVACY_BALANCE, p("10.5"), p("10.7"))
    if situation == "worried" and a.get("concern") == "not_known_mappa":
        out.decided_by("The MAPPA Co-ordination Unit (for the Responsible Authority)",
                       "whether the person meets the criteria for Category 3", (), p("6.22"))
    if situation == "scr":
        out.decided_by("The Strategic Management Board Chair", "what your agency is asked to provide and by when, "
                       "and any dispute over the findings of the report", (), p("20.16"), p("20.23"))
    if situation == "sent_minutes" and onward in ("routine_within_agency", "outside_agency", "court_bundle"):
        out.decided_by("The MAPPA Meeting Chair", "whether the minutes may go further", (), p("13b.9"))
    if situation == "asked_for_information":
        out.decided_by("Your agency", "what to share, under its own data protection policy",
                       ("what the information is for", "whether it is needed to assess or manage the risk (necessity)",
                        "whether it is more than that purpose needs (proportionality)"), p("9.11", 1), p("9.2"))
    if situation == "sent_minutes" and a.get("minutes_request") in ("offender", "victim"):
        out.decided_by("Your agency's data protection (data access) team", "which exemptions apply to this request, "
                       "case by case", ("the likely impact on the person, the public and other people",
                                        "whether answering 'may very well' prejudice preventing or detecting crime"),
                       *ps("13b.16", "13b.17", "13b.21"))


def standing_warnings(out: Outcome, a: dict[str, Any]) -> None:
    """Agreements that should be in place (3.10, 3.41), risk to staff (21.20)."""
    if a.get("mou_in_place") in ("no", "unknown"):
        out.warn("Check that your organisation has a Memorandum of Understanding with the Responsible Authority: the "
                 "law requires one between the Responsible Authority and each DTC agency.", p("3.10"))
    if a.get("isp_in_place") in ("no", "unknown"):
        out.warn("Agree an information-sharing protocol with the Responsible Authority that sets out the precise "
                 "nature of your duty.", p("3.41"), p("3.14"))
    if a.get("staff_risk_told") in ("no", "unknown"):
        out.warn("Ask the lead agency now for the details of any risk to your staff and how the plan manages it.",
                 p("21.20"), p("7.23"))


def local_notices(out: Outcome, a: dict[str, Any], duties: list[Duty]) -> None:
    """Local practice is an example, never a rule (1.2); a local rule against the national one is named."""
    if any(d.local for d in duties):
        out.warn("Lines marked as local practice come from local documents older than the national guidance. They are "
                 "examples, not rules: where they differ from the national guidance, follow the national guidance.",
                 p("1.2"))
    if a.get("agency_type") == "housing_provider" and p3_8_meetings_apply(a):
        out.local_notice("attend_when_relevant")


def _level_answer(a: dict[str, Any]) -> dict[str, str]:
    level = a.get("mappa_level")
    return {"mappa_level": level} if level in ("1", "2", "3") else {}


#: "Can we tell anyone?": the situations in which the disclosure calculator is the next step, and to whom.
TELL_ANYONE = {"worried": "other_residents", "staff_at_risk": "own_agency", "tenants_ask_to_move": "other_residents"}


def next_steps(out: Outcome, a: dict[str, Any], duties: list[Duty]) -> None:
    """What to do now (the duties marked ``now``), and the next calculator with the answers carried over."""
    for d in duties:
        if d.now is not None:
            out.action(d.text if d.text.endswith(".") else d.text + ".", *d.paras, who=YOU, by_text=d.now,
                       strength=d.strength)
    agency, situation = a.get("agency_type"), a.get("situation")
    recipient = TELL_ANYONE.get(situation)
    if situation == "sent_minutes" and a.get("onward_sharing") == "tenant_or_public":
        recipient = "other_residents"
    if recipient:
        out.link("disclosure", "Can we tell anyone? Check the rules on disclosure.",
                 {"asker": "dtc_agency", "recipient": recipient, **_level_answer(a)})
    if agency == "dwp" or (agency == "housing_provider" and situation == "asked_to_house"):
        level = {"1": "level_1", "2": "level_2", "3": "level_3"}.get(a.get("mappa_level") or "", "unknown")
        carried = {"current_level": level}
        if agency == "housing_provider":
            carried["tenure"] = ("supported_or_sheltered" if a.get("housing_kind") == "supported"
                                 else "social_rented")
        out.link("shared-accommodation", "Does the shared accommodation rate exemption (MAPPA P) apply?", carried)


# ---------------------------------------------------------------------------
# decide
# ---------------------------------------------------------------------------


def decide(a: dict[str, Any]) -> Outcome:
    reason = not_dtc_reason(a)
    if reason:
        return p3_49_not_a_dtc_agency(a, reason)
    agency, situation = a.get("agency_type"), a.get("situation")
    duties = common_duties(a) + AGENCY_DUTIES[agency](a) + SITUATION_DUTIES[situation](a)
    out = Outcome("DTC_DUTIES", dtc_answer(a, duties))
    for d in duties:
        out.item(**d.as_item())
    out.reason("Your organisation is on the statutory list of duty-to-co-operate agencies (s.325(6) CJA 2003).", p("3.4"))
    if a.get("mappa_level") == "1":
        out.reason("The duty covers Level 1 cases too: it is not only for Level 2 and 3.", *ps("3.6", "7.4", "7.23"))
    p13b_9_stop_outcomes(out, a)
    p3_7_who_decides(out, a)
    standing_warnings(out, a)
    local_notices(out, a, duties)
    if agency == "yot" and a.get("offender_under_18") == "no":
        out.reason("For someone 18 or over the YOT is usually no longer the lead agency, but it should still attend "
                   "Level 2 or 3 meetings for 18 to 21 year olds it supervised.", *ps("2.4", "23.26"))
    if agency == "yot":
        yot_dates(out, a)
    next_steps(out, a, duties)
    raise_flags(out, a)
    add_caveats(out, a)
    return out


CALCULATOR = Calculator(
    id="dtc-duties",
    title="What must my agency do? (duty to co-operate)",
    summary="For a duty-to-co-operate agency, above all a housing provider, and a situation: what you must, should "
            "and may do, each with its paragraph of the guidance.",
    questions=QUESTIONS,
    decide=decide,
    paras=ps("3.2", "3.4", "3.6", "3.7", "3.8", "3.41", "7.4", "9.5", "13b.9", "13b.11", "21.20"),
    intro="Choose your organisation and what is happening. The answer lists your duties, strongest first in "
          "each group, with the paragraph behind each. Local practice from older local documents is marked with "
          "the document it comes from.",
    cross_checks=cross_checks,
)
