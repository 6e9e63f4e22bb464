"""Disclosure decision record: a checklist against chapter 10 (and 9.4-9.12, 23.27-23.29).

The calculator never decides whether to disclose.  It sorts the flow (information sharing between
MAPPA agencies, a police disclosure scheme, or disclosure to a third party), then checks that the
record of the decision holds everything paragraph 10.8 and the rest of chapter 10 ask for.  A gap
against a "must" blocks the record; a gap against a "should" is a warning; "may" lines are advice.
Who decides is always named: the lead agency at Level 1 (10.5), the MAPPA meeting at Levels 2 and 3
(10.7), the agency that owns the information when the meeting cannot agree (10.7).  An agency that only
carries out a disclosure decided by them gets the steps of making it (10.18) and what to send back for
their record (10.8), not the whole decision record.  A complex disclosure (one needing legal advice) is an
answer of its own: discuss it at a MAPPA meeting (10.6), at Level 1 by a referral for Level 2 or 3 (10.5).

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .core import (LEAD_AGENCY_OR_MEETING, PRIVACY_BALANCE, YOU, Calculator, Choice, FieldError, Outcome, Question,
                   When, p, ps)

Strength = Literal["must", "should", "may"]
Status = Literal["met", "missing", "not_applicable"]

MET: Status = "met"
MISSING: Status = "missing"
NA: Status = "not_applicable"

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

#: Recipients inside MAPPA: passing information to them is information sharing (9.1, 10.2).
SHARING_RECIPIENTS = ("mappa_agency", "associate", "own_agency")

#: Kinds of information that are sensitive processing (s.35(8) DPA 2018; 9.8, 10.10(b)).
#: The guidance calls a photograph "sensitive personal data" (10.24), so it is asked about too.
SENSITIVE_ITEMS = ("photograph", "health", "race_religion", "sex_life", "gender_history")

CIRCUMSTANCES = (
    Choice("grooming", "There is evidence or a risk of grooming (clubs, churches, employment ...)"),
    Choice("schools", "Grooming needs to be prevented in a school or college"),
    Choice("order_condition", "A licence or civil order keeps the person away from a place or from named people"),
    Choice("supported_accommodation", "Others may be at risk, for example in supported accommodation"),
    Choice("past_victims", "Past victims need protecting"),
    Choice("potential_victims", "Potential victims need protecting, e.g. a new partner with children or grandchildren"),
    Choice("employment", "The public may be at risk through the person's work, training or education"),
    Choice("risk_management_help", "Someone could help manage the risk if briefed on warning signs"),
    Choice("worship", "The person attends a place of worship where children or adults at risk are present"),
    Choice("event_venue", "The person attends an event or venue"),
    Choice("other", "Another specific risk to identified people"),
    Choice("general_reassurance", "General worry in the community, or to reassure people",
           "This is not one of the circumstances the guidance lists."),
)

INFORMATION = (
    Choice("name_address", "Name and address"),
    Choice("offences", "Offences or convictions"),
    Choice("risk_factors", "Risk factors, warning signs and what to do"),
    Choice("photograph", "A photograph"),
    Choice("victim_identifying", "Anything that could identify a victim (e.g. where a victim now lives)"),
    Choice("health", "Health or mental health"),
    Choice("race_religion", "Race, ethnic origin or religion"),
    Choice("sex_life", "Sex life or sexual orientation"),
    Choice("gender_history", "Gender history or gender reassignment"),
    Choice("other", "Something else"),
)

EXCEPTIONS = (
    Choice("investigation", "It could prejudice a current or future criminal investigation"),
    Choice("risk_children_adults", "It could create or increase a risk to children or adults at risk"),
    Choice("risk_partner", "It could create or increase a risk to a new partner"),
    Choice("grievance", "It could feed grievance thinking and raise the risk generally"),
    Choice("intelligence", "It would reveal what the person does not know, or put intelligence sources at risk"),
    Choice("imminent_harm", "There was no time: disclosure was needed to avoid imminent harm"),
    Choice("untraceable", "The person cannot be traced"),
    Choice("other", "Another reason (recorded)"),
)

YESNO_HELP = "Answer Yes only if it is written down in the record."

# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------

W_NOT_PUBLIC = When("asker", ("public_enquiry",), negate=True)
W_NOT_REFERRED = When("dtc_agreed", ("no",), negate=True)
W_DISCLOSURE = When("recipient", SHARING_RECIPIENTS, negate=True)
RECORD = (W_NOT_PUBLIC, W_NOT_REFERRED)          # information sharing or disclosure
DISC = RECORD + (W_DISCLOSURE,)                   # disclosure to a third party
W_CONSIDERING = When("decision", ("disclose", "undecided"))
#: Recipients who are adults acting in a role (an employer, staff, a professional, the media).
ADULT_RECIPIENTS = ("employer_education", "accommodation_staff", "other_professional", "media")
#: The disclosure is being made: decided (``disclose``), or decided by others and carried out by us (no decision
#: asked, see :func:`p10_7_records_the_decision`).
W_DISCLOSING = When("decision", ("not_disclose", "defer", "undecided"), negate=True)
W_NOT_REFUSED = When("decision", ("not_disclose", "defer"), negate=True)


def p10_7_records_the_decision(a: dict[str, Any]) -> bool:
    """False when a duty-to-co-operate agency only carries out a disclosure that the lead agency or the MAPPA
    meeting decided and asked it to make (10.7: "carried out ... by the most appropriate agency").  The
    decision, and its record (10.5, 10.7, 10.8), are then theirs: the questions about the decision cannot
    change this agency's answer, which covers making the disclosure (10.18) and reporting back."""
    return not (a.get("asker") == "dtc_agency" and a.get("dtc_agreed") == "yes")


def p10_6_meeting_advised(a: dict[str, Any]) -> bool:
    """10.6: discussing a complex disclosure at a MAPPA meeting is good practice.  True unless the decision is
    already being made at one (a Level 2 or 3 meeting)."""
    return a.get("forum") != "meeting"


#: Declared on the questions about the decision itself (see :func:`p10_7_records_the_decision`).
RECORDING = p10_7_records_the_decision


def _yn(id: str, text: str, *when: When, help: str = YESNO_HELP, paras: tuple[str, ...] = (),
        required: bool = True, matters: Any = None) -> Question:
    return Question(id, text, "yesno", help=help, when=tuple(when), paras=paras, required=required, matters=matters)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "asker", "Who is considering passing on the information?", "choice",
        help="The lead agency manages the person day to day (usually probation, police, the YOT or "
             "mental health services). A housing provider is usually another agency, not the lead agency.",
        choices=(
            Choice("lead_agency", "We are the lead agency for this person"),
            Choice("mappa_meeting", "We are preparing or recording a decision of a Level 2 or 3 MAPPA meeting"),
            Choice("dtc_agency", "We are another agency working with the person (e.g. a housing provider)"),
            Choice("public_enquiry", "A member of the public has asked us about someone"),
        ),
        paras=ps("10.5", "10.7"),
    ),
    Question(
        "public_enquiry_about", "What is the member of the public asking about?", "choice",
        when=(When("asker", ("public_enquiry",)),),
        choices=(
            Choice("partner", "Whether their partner (or a new partner) has a history of abuse or violence"),
            Choice("child_contact", "Whether someone with access to a child is a risk to children"),
            Choice("other", "Something else about a person"),
        ),
        paras=(p("10.27"),),
    ),
    Question(
        "recipient", "Who would receive the information?", "choice",
        when=(W_NOT_PUBLIC,),
        help="Police, probation, prisons and the duty-to-co-operate agencies (housing authorities, housing "
             "associations, YOTs, DWP, health, social care, local authority education, electronic "
             "monitoring, the Home Office) are MAPPA agencies. Academies, free schools and independent "
             "schools are not.",
        choices=(
            Choice("mappa_agency", "Another MAPPA agency (police, probation, prison or a duty-to-co-operate agency)"),
            Choice("associate", "An Associate agency brought into MAPPA by the Responsible Authority"),
            Choice("own_agency", "Colleagues in our own agency"),
            Choice("victim", "A victim or past victim"),
            Choice("partner_family", "A new partner, their family, or friends or neighbours with children"),
            Choice("employer_education", "An employer, a training provider, or staff of a school or college"),
            Choice("accommodation_staff", "Staff of accommodation not run by a MAPPA agency (e.g. a private landlord or hostel)"),
            Choice("other_residents", "Other residents or tenants"),
            Choice("neighbours_community", "Neighbours or the local community in general"),
            Choice("faith_venue", "A place of worship, a club, an event or a venue"),
            Choice("other_professional", "A professional or contractor outside MAPPA (e.g. a GP or a contractor)"),
            Choice("media", "The media (press, broadcast or online)"),
        ),
        paras=(p("10.2"), p("9.1")),
    ),
    _yn("dtc_agreed",
        "Has the lead agency or a MAPPA meeting already decided on this disclosure and asked your agency to make it?",
        When("asker", ("dtc_agency",)), When("recipient", SHARING_RECIPIENTS, negate=True),
        help="If not, the decision is not yours to make: take it to the lead agency or the MAPPA meeting.",
        paras=(p("10.7"), p("13b.9"))),
    Question("associate_dsa", "Is there a Data-Sharing Agreement covering this Associate agency?", "yesno",
             allow_unknown=True, when=(W_NOT_PUBLIC, When("recipient", ("associate",))),
             paras=(p("9.11", 2), p("9.12"))),
    _yn("from_mappa",
        "Did this information reach you through MAPPA, for example in MAPPA meeting minutes or from another agency?",
        W_NOT_PUBLIC, When("asker", ("dtc_agency",)), When("recipient", ("mappa_agency", "associate")),
        help="Answer No if it comes only from your own records about the person.",
        paras=(p("13b.9"), p("9.2")), required=False),
    Question("chair_agreed_onward", "Has the MAPPA Meeting Chair agreed that it may go to this agency?", "yesno",
             allow_unknown=True, when=(W_NOT_PUBLIC, When("from_mappa", ("yes",))), required=False,
             help="MAPPA minutes must not leave your agency without the Chair's agreement.",
             paras=(p("13b.9"),)),
    # --- the case -----------------------------------------------------------------------------
    Question("mappa_level", "At which MAPPA level is the person managed?", "choice", when=DISC,
             choices=(Choice("1", "Level 1"), Choice("2", "Level 2"), Choice("3", "Level 3")),
             paras=ps("10.5", "10.7"), matters=RECORDING),
    Question("forum", "Where is the decision being made?", "choice",
             when=DISC + (When("mappa_level", ("2", "3")),),
             choices=(Choice("meeting", "At a Level 2 or 3 MAPPA meeting"),
                      Choice("urgent_outside_meeting", "Urgently, outside a meeting")),
             paras=ps("10.7", "10.21")),
    Question("subject_age", "How old is the person the information is about, on the date of the decision?", "choice",
             when=DISC,
             help="A child is anyone who has not reached their 18th birthday, even if they live independently. "
                  "Use the age on the date of the decision: a 17-year-old is a child even if 18 next week.",
             choices=(Choice("under_18", "Under 18"), Choice("18_to_21", "18 to 21"), Choice("22_plus", "22 or over")),
             paras=ps("23.2", "10.13"), matters=RECORDING),
    _yn("previously_yot", "Was the person supervised by the Youth Offending Team before turning 18?",
        *DISC, When("subject_age", ("18_to_21",)), help="", paras=(p("23.26"),)),
    _yn("subject_school_age", "Is the young person still of school age or in education?",
        *DISC, When("subject_age", ("under_18",)), help="", paras=(p("23.28"),)),
    Question("child_sex_offender", "Has the person been convicted of a sexual offence against a child?", "yesno",
             allow_unknown=True, when=DISC, paras=(p("10.3"), p("1.39")), matters=RECORDING),
    Question("decision", "Which decision is being recorded?", "choice", when=DISC,
             help="A decision not to disclose must be recorded too.",
             choices=(Choice("disclose", "Disclose"), Choice("not_disclose", "Do not disclose"),
                      Choice("defer", "Defer (decide later)"), Choice("undecided", "Not decided yet: we are preparing")),
             paras=ps("10.7", "10.8"), matters=RECORDING),
    Question("decision_date", "On what date was the decision made and recorded?", "date", when=DISC,
             required=False, help="Leave blank if it has not been made yet.", earliest="2000-01-01",
             paras=(p("7.26"),), matters=RECORDING),
    _yn("reasons_recorded", "Are the reasons for the decision recorded?", *DISC, paras=ps("10.7", "10.8"),
        matters=RECORDING),
    _yn("purpose_recorded", "Is the purpose of passing on the information written down?", *RECORD,
        paras=(p("10.4"), p("9.8")), matters=RECORDING),
    Question("circumstances", "Which situation makes disclosure worth considering? Tick all that apply.", "multi",
             when=DISC, required=False, choices=CIRCUMSTANCES, paras=(p("10.11"),), matters=RECORDING),
    _yn("alternatives_considered", "Were other ways of managing the risk, short of disclosure, considered?",
        *DISC, W_CONSIDERING, paras=(p("10.4"),)),
    _yn("alternatives_rejected_recorded", "Is it recorded why each alternative was not enough?",
        *DISC, W_CONSIDERING, When("alternatives_considered", ("yes",)), paras=(p("10.8"),)),
    Question("information_items", "What exactly would be passed on? Tick every kind of information.", "multi",
             when=RECORD + (W_NOT_REFUSED,), required=False, choices=INFORMATION,
             paras=(p("10.4"), p("9.10", 1))),
    _yn("only_needed", "Is every item limited to what is needed to assess and manage the risk?",
        *RECORD, W_NOT_REFUSED,
        help="For example, if name and address are enough, adding race or religion is too much.",
        paras=(p("10.4"), p("9.10", 1)), matters=RECORDING),
    _yn("necessity_recorded",
        "Is it written down why passing on this information is necessary: which harm or crime it helps to "
        "prevent, or which risk it helps to manage?", *RECORD, W_NOT_REFUSED,
        help="Necessity: why the information must be passed on at all. Whether it is proportionate is a "
             "separate question.",
        paras=(p("9.9"), p("10.10"), p("10.12")), matters=RECORDING),
    _yn("victim_identifying_needed", "Is it recorded why the victim-identifying detail is needed to manage the risk?",
        *RECORD, W_NOT_REFUSED, When("information_items", ("victim_identifying",)), paras=(p("10.4"),),
        matters=RECORDING),
    Question("sch8_condition", "Which Schedule 8 (Data Protection Act 2018) condition is recorded for the sensitive information?",
             "choice", when=RECORD + (W_NOT_REFUSED, When("information_items", SENSITIVE_ITEMS)),
             choices=(Choice("statutory", "Necessary for statutory purposes"),
                      Choice("justice", "Necessary for the administration of justice"),
                      Choice("safeguarding", "Necessary to safeguard children or individuals at risk"),
                      Choice("other", "Another Schedule 8 condition"),
                      Choice("none", "None recorded yet")),
             paras=(p("10.10"), p("9.8")), matters=RECORDING),
    Question("lawful_basis", "What legal power is recorded for the disclosure? Tick all that apply.", "multi",
             when=DISC + (W_CONSIDERING,), required=False,
             choices=(Choice("police_act", "Police Act 1997 Part 5 (criminal record certificates)"),
                      Choice("s327a", "Criminal Justice Act 2003 s.327A (child sex offenders)"),
                      Choice("children_act", "Children Act 2004 s.12D or s.14B"),
                      Choice("dvcva", "Domestic Violence, Crime and Victims Act 2004 Part 3 (victims)"),
                      Choice("common_law", "Common-law powers to prevent and detect crime"),
                      Choice("other", "Another power (recorded)")),
             paras=(p("10.10"),)),
    Question("legal_advice_needed", "Does this disclosure need legal advice?", "yesno", allow_unknown=True,
             when=DISC + (W_CONSIDERING,), required=False,
             help="The guidance calls a disclosure that needs legal advice a 'complex disclosure'. Its examples are "
                  "photographs and changes of gender. Leave blank if nobody has asked.",
             paras=(p("10.6"), p("10.26")), matters=p10_6_meeting_advised),
    _yn("proportionality_recorded",
        "Is it written down why disclosure is proportionate: why the need to protect people outweighs the "
        "person's right to privacy?", *DISC, W_CONSIDERING,
        help="Proportionality: the protection the disclosure gives outweighs the intrusion, and it goes no "
             "further than needed. Necessity was asked separately.",
        paras=(p("10.11"), p("10.12"), p("9.10", 1))),
    _yn("disclosure_risk_assessed",
        "Has the harm the disclosure itself might cause (including to the person) been assessed, with how likely it is?",
        *DISC, W_CONSIDERING, paras=(p("10.12"),)),
    _yn("negative_impacts", "Did that assessment find possible harmful effects of the disclosure?",
        *DISC, W_CONSIDERING, When("disclosure_risk_assessed", ("yes",)), help="", paras=(p("10.12"),)),
    _yn("contingency_plans", "Are contingency plans in place to support the victims and the person if those effects happen?",
        *DISC, W_CONSIDERING, When("negative_impacts", ("yes",)), paras=(p("10.12"),)),
    _yn("public_order_concern", "Could the disclosure cause significant public order problems?",
        *DISC, W_CONSIDERING, help="", paras=(p("10.16"),)),
    _yn("police_told_public_order", "Has the concern been referred to the police under local force policy?",
        *DISC, W_CONSIDERING, When("public_order_concern", ("yes",)), paras=(p("10.16"),)),
    # --- children and adults at risk ---------------------------------------------------------------
    _yn("yot_cs_consulted",
        "Were a senior member of the Youth Offending Team and a senior member of Children's Services consulted before the decision?",
        *DISC, When("subject_age", ("under_18",)), When("forum", ("meeting",), negate=True), paras=(p("10.13"),)),
    _yn("urgent", "Was the decision urgent?", *DISC, When("subject_age", ("under_18",)),
        When("forum", ("meeting",), negate=True), When("yot_cs_consulted", ("no",)), help="", paras=(p("10.13"),)),
    _yn("education_weighed",
        "Does the record weigh the young person's need to continue in education, and plan who else needs to know after a first disclosure to the school?",
        *DISC, W_CONSIDERING, When("subject_school_age", ("yes",)), paras=(p("23.28"),)),
    _yn("recipient_under_18", "Is the person who would receive the information under 18?", *DISC, W_CONSIDERING,
        When("recipient", ADULT_RECIPIENTS, negate=True), help="", paras=(p("10.14"),)),
    _yn("children_protected",
        "Does the decision involve a child in another way, for example a child who would be told or whom the "
        "disclosure would protect?", *DISC, When("forum", ("meeting",)),
        help="On one reading of 23.29, senior YOT and Children's Services representatives must then be present.",
        paras=(p("23.29"),)),
    _yn("yot_cs_present",
        "Were a senior representative of the YOT and a senior representative of Children's Services both present at the meeting?",
        *DISC, When("forum", ("meeting",)), required=False,
        help="Needed when the disclosure is about a child (under 18); on one reading also when it otherwise "
             "involves a child. Leave blank if no child is involved.",
        paras=ps("23.29", "1.28")),
    _yn("cs_consulted_recipient_child",
        "Were the safeguarding needs of the child who would be told considered with Children's Services?",
        *DISC, W_CONSIDERING, When("recipient_under_18", ("yes",)), paras=(p("10.14"),)),
    _yn("best_interests", "Is it recorded that telling the child is in the child's best interests (usually with the parents' or guardians' views)?",
        *DISC, W_CONSIDERING, When("recipient_under_18", ("yes",)), paras=(p("10.14"),)),
    _yn("recipient_adult_at_risk", "Is the person who would be told an adult at risk (with care and support needs)?",
        *DISC, W_CONSIDERING, When("recipient", ("media", "other_professional"), negate=True),
        help="An adult with care and support needs who cannot protect themselves from abuse or neglect "
             "(Care Act 2014 s.42).", paras=(p("10.14"),)),
    _yn("asc_involved", "Are Adult Social Care or safeguarding services involved?",
        *DISC, W_CONSIDERING, When("recipient_adult_at_risk", ("yes",)), paras=(p("10.14"),)),
    _yn("capacity_considered", "Was the mental capacity of the adult who would be told considered?",
        *DISC, W_CONSIDERING, When("recipient_adult_at_risk", ("yes",)), paras=(p("10.14"),)),
    # --- the media -----------------------------------------------------------------------------------
    _yn("police_approval", "Has the police obtained approval under its local force policy?",
        *DISC, W_CONSIDERING, When("recipient", ("media",)), paras=(p("10.15"),)),
    _yn("hmpps_supervised", "Is the person under prison or Probation Service supervision?",
        *DISC, W_CONSIDERING, When("recipient", ("media",)), help="", paras=(p("10.17"),)),
    _yn("moj_press_informed", "Was the Ministry of Justice Press Office told before the police disclosed to the media?",
        *DISC, W_CONSIDERING, When("recipient", ("media",)), When("hmpps_supervised", ("yes",)), paras=(p("10.17"),)),
    # --- the person's involvement ------------------------------------------------------------------
    Question("representations", "Was the person asked for their views (representations) before the decision?", "choice",
             when=DISC + (W_CONSIDERING,),
             choices=(Choice("sought", "Yes, their views were sought"),
                      Choice("not_sought", "No, and the reason is recorded or below"),
                      Choice("not_considered", "No, and it was not considered")),
             paras=(p("10.20"),)),
    Question("representation_exceptions", "Why were the person's views not sought? Tick all that apply.", "multi",
             when=DISC + (W_CONSIDERING, When("representations", ("not_sought",))), required=False,
             choices=EXCEPTIONS, paras=(p("10.20"),)),
    _yn("recipient_told_unaware", "Will the person receiving the information be told that the person does not know about it?",
        *DISC, W_DISCLOSING, When("representations", ("not_sought", "not_considered")), paras=(p("10.23", 1),)),
    Question("self_disclosure", "Will the person tell the recipient themselves first?", "choice",
             when=DISC + (W_DISCLOSING,),
             choices=(Choice("no", "No"), Choice("private", "Yes, in private"),
                      Choice("with_professional", "Yes, with police, probation or social care present")),
             paras=(p("10.22"),), matters=RECORDING),
    _yn("self_disclosure_follow_up", "Will the lead agency check afterwards that what was said was accurate and understood?",
        *DISC, W_DISCLOSING, When("self_disclosure", ("private",)), paras=(p("10.22"),)),
    # --- who decided -------------------------------------------------------------------------------
    _yn("agencies_agreed", "Did all the agencies at the meeting agree the decision?",
        *DISC, When("forum", ("meeting",)), help="", paras=(p("10.7"),)),
    _yn("owning_agency_decided", "Did the agency that holds and owns the information make the decision under its own policy?",
        *DISC, When("forum", ("meeting",)), When("agencies_agreed", ("no",)), paras=(p("10.7"),)),
    _yn("disagreement_minuted", "Are the disagreements and concerns recorded in the minutes?",
        *DISC, When("forum", ("meeting",)), When("agencies_agreed", ("no",)), paras=(p("10.7"),)),
    _yn("partners_views_sought", "Were the views of other MAPPA partners sought where possible?",
        *DISC, When("forum", ("urgent_outside_meeting",)), paras=(p("10.21"),)),
    # --- making the disclosure ---------------------------------------------------------------------
    Question("discloser_agency", "Which agency will make (or made) the disclosure?", "choice",
             when=DISC + (W_DISCLOSING,),
             choices=(Choice("police", "Police"), Choice("probation", "Probation Service"),
                      Choice("prison", "Prison Service"), Choice("yot", "Youth Offending Team"),
                      Choice("mental_health", "Mental health services"),
                      Choice("dtc_agency", "Another MAPPA agency, e.g. a housing provider"),
                      Choice("other", "Another organisation")),
             paras=ps("10.7", "10.8"), matters=RECORDING),
    _yn("discloser_named", "Are the agency and the individual who will make (or made) the disclosure recorded?",
        *DISC, W_DISCLOSING, paras=ps("10.8", "10.18")),
    _yn("exact_content_recorded", "Is exactly what will be (or was) said or shown written down?",
        *DISC, W_DISCLOSING, paras=(p("10.8"),)),
    _yn("recipient_identified", "Is the person who will receive it correctly and specifically identified?",
        *DISC, W_DISCLOSING, paras=(p("10.18"),)),
    _yn("recipient_prepared",
        "Is the preparation with the recipient planned or done: what they already know, that it is confidential, "
        "how to use it, what to report and to whom, and where to get support?",
        *DISC, W_DISCLOSING, paras=(p("10.18"),)),
    _yn("triggers_explained", "Are the warning signs and what to do about them ('if you see X, do Y') set out?",
        *DISC, W_DISCLOSING, paras=(p("10.18"),)),
    _yn("complex_not_norm",
        "Will the person told be made aware that such disclosures are not the norm, and agree not to misuse the "
        "information?", *DISC, W_DISCLOSING, When("information_items", ("photograph", "gender_history")),
        help="Disclosing a photograph or a change of gender is a 'complex disclosure'.", paras=(p("10.19"),),
        required=False),
    _yn("photo_shown_not_given", "Will the photograph be shown (e.g. on a screen) rather than handed over?",
        *DISC, W_DISCLOSING, When("information_items", ("photograph",)), paras=(p("10.19"),)),
    _yn("gender_crime_necessity",
        "Is it recorded that disclosing the gender history is necessary to prevent or detect crime?",
        *DISC, W_CONSIDERING, When("information_items", ("gender_history",)), paras=(p("10.25"),)),
    Question("disclosure_form", "Is a disclosure form being used?", "choice", when=DISC + (W_DISCLOSING,),
             choices=(Choice("none", "No form"), Choice("kept", "Yes, signed, and a copy is kept under our policy"),
                      Choice("not_kept", "Yes, but no copy is kept")),
             paras=ps("10.18", "10.8")),
    _yn("disclosure_made", "Has the disclosure been made?", *DISC, W_DISCLOSING, help="", paras=(p("10.8"),)),
    Question("disclosure_date", "On what date was the disclosure made?", "date",
             when=DISC + (W_DISCLOSING, When("disclosure_made", ("yes",))), earliest="2000-01-01",
             paras=(p("10.8"),)),
    Question("recorded_in", "Where is the decision recorded?", "choice", when=DISC,
             choices=(Choice("lead_agency_system", "The lead agency's case management system"),
                      Choice("mappa_minutes", "The MAPPA meeting minutes"),
                      Choice("elsewhere", "Somewhere else"),
                      Choice("not_yet", "Not recorded yet")),
             paras=ps("10.5", "10.7"), matters=RECORDING),
)

# ---------------------------------------------------------------------------
# Cross-checks: answers that contradict each other
# ---------------------------------------------------------------------------


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    if a.get("asker") == "mappa_meeting" and a.get("mappa_level") == "1":
        errors.append(FieldError("mappa_level", "MAPPA meetings are held for Level 2 and 3 cases. "
                                 "Check the level, or choose 'We are the lead agency'."))
    if a.get("decision") == "undecided" and a.get("decision_date") is not None:
        errors.append(FieldError("decision_date", "You said the decision has not been made yet: leave the decision date blank, "
                                 "or choose the decision that was made."))
    dd, made = a.get("decision_date"), a.get("disclosure_date")
    if dd is not None and made is not None and made < dd:
        errors.append(FieldError("disclosure_date", "The disclosure date is before the date of the decision to disclose."))
    if a.get("recorded_in") == "mappa_minutes" and a.get("mappa_level") == "1":
        errors.append(FieldError("recorded_in", "Level 1 cases have no MAPPA meeting minutes: Level 1 decisions are "
                                 "recorded on the lead agency's case management system."))
    if a.get("recipient") == "media" and a.get("asker") == "dtc_agency" and a.get("dtc_agreed") == "yes":
        errors.append(FieldError("recipient", "Only the police disclose to the media. Take this to the lead agency "
                                 "or the MAPPA meeting instead."))
    return errors


# ---------------------------------------------------------------------------
# The checklist
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    id: str
    group: str
    text: str
    strength: Strength
    status: Status
    paras: tuple[str, ...]
    note: str = ""

    def as_item(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "group": self.group, "text": self.text, "strength": self.strength,
                             "status": self.status, "paras": list(self.paras)}
        if self.note:
            d["note"] = self.note
        return d


def _status(value: Any) -> Status:
    return MET if value == "yes" else MISSING


def who_decides(a: dict[str, Any]) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """The body that makes the disclosure decision, on what, and the paragraphs (10.5, 10.7, 10.21)."""
    level, forum = a.get("mappa_level"), a.get("forum")
    factors = ("the need to protect the public against the person's right to privacy",
               "the purpose, and whether alternatives would do",
               "the risks the disclosure itself creates, and the contingency plans",
               "the person's representations, where sought")
    if level == "1":
        return ("The lead agency", "whether to disclose, under its own policy, at a Level 1 review", factors,
                ps("10.5", "7.26"))
    if forum == "urgent_outside_meeting":
        return ("The relevant agency (seeking the views of MAPPA partners where possible)",
                "an urgent disclosure decision outside a meeting", factors, ps("10.21", "10.7"))
    if a.get("agencies_agreed") == "no":
        return ("The agency that holds and owns the information",
                "the disclosure decision, under its own policy, because the meeting could not agree", factors,
                (p("10.7"),))
    return ("The MAPPA meeting", "whether to disclose; all agencies at the meeting should agree", factors, (p("10.7"),))


def case_lines(a: dict[str, Any]) -> list[Line]:
    """When consideration is needed, the decision itself and its reasons (10.3, 10.5, 10.7, 10.8, 7.26)."""
    decision = a.get("decision")
    decided = decision in ("disclose", "not_disclose", "defer")
    lines = [
        Line("decision_recorded", "Decision", "The decision (disclose, do not disclose, or defer) is recorded",
             "must", MET if decided else MISSING, ps("10.8", "10.7"),
             "" if decided else "No decision yet: the record cannot be complete until one is made."),
        Line("decision_dated", "Decision", "The decision is dated", "must",
             MET if decided and a.get("decision_date") is not None else MISSING, (p("7.26"),)),
        Line("reasons", "Decision", "The reasons for disclosing or not disclosing are fully recorded", "must",
             _status(a.get("reasons_recorded")), ps("10.7", "10.8")),
    ]
    level, recorded = a.get("mappa_level"), a.get("recorded_in")
    if a.get("forum") == "urgent_outside_meeting":
        # 10.8 asks for every decision to be recorded but does not say where for an urgent decision outside a meeting.
        lines.append(Line("where_recorded", "Decision", "The urgent decision and any action are recorded", "must",
                          MET if recorded in ("lead_agency_system", "mappa_minutes", "elsewhere") else MISSING,
                          ps("10.8", "10.21"),
                          "The guidance does not say where; bringing it to the next MAPPA meeting lets the minutes "
                          "record it with the reasons."))
    else:
        where = "mappa_minutes" if level in ("2", "3") else "lead_agency_system"
        where_text = ("in the MAPPA meeting minutes" if where == "mappa_minutes"
                      else "on the lead agency's case management system")
        lines.append(Line("where_recorded", "Decision", f"The decision and any action are recorded {where_text}",
                          "must", MET if recorded == where else MISSING,
                          ps("10.7", "10.8") if where == "mappa_minutes" else ps("10.5", "10.8")))
    lines.append(Line("purpose", "Purpose", "The purpose of the disclosure is specified and recorded", "must",
                      _status(a.get("purpose_recorded")), (p("10.4"),)))
    circ = a.get("circumstances", [])
    specific = [c for c in circ if c != "general_reassurance"]
    lines.append(Line("circumstance", "Purpose",
                      "The people at risk and the situation that makes disclosure worth considering are identified",
                      "should", MET if specific else MISSING, ps("10.3", "10.11"),
                      "General worry or reassurance is not one of the listed situations." if circ and not specific else ""))
    return lines


def considering(a: dict[str, Any]) -> bool:
    return a.get("decision") in ("disclose", "undecided")


def substance_lines(a: dict[str, Any]) -> list[Line]:
    """Alternatives, content, lawful, fair, sensitive, risk of disclosure (10.4, 10.8-10.12, 9.8-9.10)."""
    if not considering(a):
        return [Line(i, g, t, s, NA, paras) for i, g, t, s, paras in (
            ("alternatives", "Alternatives", "Alternatives to disclosure considered and found inappropriate or ineffective", "must", (p("10.4"),)),
            ("lawful", "Lawful", "A legal power for the disclosure is recorded", "must", (p("10.10"),)),
            ("necessity", "Fair and Article 8", "The record says why disclosure is necessary", "must",
             (p("10.10"), p("10.12"), p("9.9"))),
            ("proportionality", "Fair and Article 8", "The record says why disclosure is proportionate", "must",
             (p("10.11"), p("10.12"), p("9.10", 1))),
            ("disclosure_risk", "Risk of disclosure", "The harm the disclosure might cause is assessed", "must", (p("10.12"),)),
        )]
    lines = [
        Line("alternatives", "Alternatives", "Alternatives to disclosure were considered and found inappropriate or ineffective",
             "must", _status(a.get("alternatives_considered")), (p("10.4"),)),
    ]
    if a.get("alternatives_considered") == "yes":
        lines.append(Line("alternatives_reasons", "Alternatives", "The record says why each alternative was rejected",
                          "must", _status(a.get("alternatives_rejected_recorded")), (p("10.8"),)))
    bases = a.get("lawful_basis", [])
    lines.append(Line("lawful", "Lawful", "A legal power for the disclosure is recorded (statute or common law)", "must",
                      MET if bases else MISSING, (p("10.10"),)))
    if "s327a" in bases and a.get("child_sex_offender") == "no":
        lines.append(Line("s327a_fits", "Lawful", "Section 327A applies only to child sex offenders: check the recorded power",
                          "should", MISSING, (p("10.10"), p("1.39"))))
    lines.append(Line("necessity", "Fair and Article 8",
                      "The record says why disclosure is necessary: the harm or crime it helps to prevent (Article 8)",
                      "must", _status(a.get("necessity_recorded")), (p("10.10"), p("10.12"), p("9.9"))))
    lines.append(Line("proportionality", "Fair and Article 8",
                      "The record says why disclosure is proportionate: the need to protect the public outweighs the "
                      "person's right to privacy", "must", _status(a.get("proportionality_recorded")),
                      (p("10.11"), p("10.12"), p("9.10", 1))))
    lines.append(Line("disclosure_risk", "Risk of disclosure",
                      "The likelihood and degree of harm the disclosure itself might cause, including to the person, is assessed",
                      "must", _status(a.get("disclosure_risk_assessed")), ps("10.12", "10.8")))
    if a.get("negative_impacts") == "yes":
        lines.append(Line("contingency", "Risk of disclosure",
                          "Contingency plans support the victims and the person against the harmful effects identified",
                          "must", _status(a.get("contingency_plans")), (p("10.12"),)))
    if a.get("public_order_concern") == "yes":
        lines.append(Line("public_order", "Risk of disclosure",
                          "The public order concern is referred to the police under local force policy", "should",
                          _status(a.get("police_told_public_order")), (p("10.16"),)))
    return lines


def content_lines(a: dict[str, Any], sharing: bool) -> list[Line]:
    """How much to pass on, victim details, sensitive processing (10.4, 9.8, 9.10, 10.10(b), 10.25)."""
    if not sharing and not considering(a):
        return [Line("minimum", "What exactly", "Only what is necessary to assess and manage the risk is passed on",
                     "must", NA, (p("10.4"), p("9.10", 1)))]
    items = a.get("information_items", [])
    lines = [Line("minimum", "What exactly",
                  "Only what is necessary to assess and manage the risk is passed on (no more than is needed)", "must",
                  _status(a.get("only_needed")), (p("10.4"), p("9.10", 1)))]
    if not sharing:
        lines.append(Line("exact_content", "What exactly", "Exactly what will be (or was) disclosed is written down", "must",
                          _status(a.get("exact_content_recorded")) if a.get("decision") == "disclose" else MISSING,
                          (p("10.8"),), "" if a.get("decision") == "disclose" else "To be written once the decision is made."))
    if "victim_identifying" in items:
        lines.append(Line("victim_details", "What exactly",
                          "Information that could identify a victim is included only because it is needed to manage the risk",
                          "should", _status(a.get("victim_identifying_needed")), (p("10.4"),)))
    if any(i in SENSITIVE_ITEMS for i in items):
        cond = a.get("sch8_condition")
        lines.append(Line("sch8", "Sensitive information",
                          "A Schedule 8 condition is recorded for the sensitive information (e.g. statutory purposes, "
                          "administration of justice, safeguarding)", "must",
                          MET if cond not in (None, "none") else MISSING, (p("10.10"), p("9.8"))))
    if "gender_history" in items and not sharing:
        lines.append(Line("gender", "Sensitive information",
                          "Gender history is disclosed only where necessary to prevent or detect crime "
                          "(Gender Recognition Act 2004 s.22 makes other disclosure an offence)", "must",
                          _status(a.get("gender_crime_necessity")), (p("10.25"),)))
    return lines


def children_lines(a: dict[str, Any]) -> list[Line]:
    """Children and adults at risk (10.13, 10.14, 23.27-23.29, 1.28)."""
    lines: list[Line] = []
    age, forum = a.get("subject_age"), a.get("forum")
    if age == "under_18":
        if forum == "meeting":
            lines.append(Line("yot_cs_present", "Children",
                              "A senior representative of the YOT and one of Children's Services are both present "
                              "when the meeting decides a disclosure about a child", "must",
                              _status(a.get("yot_cs_present")), ps("23.29", "1.28")))
        else:
            consulted = a.get("yot_cs_consulted")
            urgent = a.get("urgent") == "yes"
            lines.append(Line("yot_cs_consulted", "Children",
                              "A senior member of the YOT and a senior member of Children's Services are consulted "
                              "before a decision about a child (except in urgent cases)", "should",
                              MET if consulted == "yes" else (NA if urgent else MISSING), (p("10.13"),),
                              "Urgent: record why, and seek their views as soon as you can." if urgent and consulted != "yes" else ""))
        lines.append(Line("harm_to_child", "Children",
                          "The harm the disclosure itself could do to the child is weighed", "must",
                          _status(a.get("disclosure_risk_assessed")) if considering(a) else NA, (p("23.27"),)))
        if a.get("subject_school_age") == "yes":
            lines.append(Line("education", "Children",
                              "The child's need to continue in education is weighed with protecting others; after a first "
                              "disclosure to the school, agree who else needs to know", "must",
                              _status(a.get("education_weighed")) if considering(a) else NA, (p("23.28"),)))
        if a.get("mappa_level") == "1":
            lines.append(Line("refer_level2", "Children",
                              "Consider referring to Level 2 or 3 when disclosure involving a child is considered "
                              "(good practice); a Level 1 decision follows the lead agency's policy", "may", NA,
                              (p("23.29"), p("10.5"))))
    elif forum == "meeting" and (a.get("recipient_under_18") == "yes" or a.get("children_protected") == "yes"):
        lines.append(Line("yot_cs_present_wide", "Children",
                          "On the wide reading of 23.29 (any disclosure involving a child), a senior representative "
                          "of the YOT and one of Children's Services are both present", "should",
                          _status(a.get("yot_cs_present")), (p("23.29"),),
                          "The guidance does not say whether 23.29 reaches this case: see the flag."))
    if age == "18_to_21" and a.get("previously_yot") == "yes":
        lines.append(Line("yot_transition", "Children",
                          "The YOT that supervised the person may hold information; it should attend Level 2 or 3 meetings "
                          "for 18 to 21 year olds it supervised", "should", NA, (p("23.26"), p("13a.19"))))
    if a.get("recipient_under_18") == "yes" and considering(a):
        lines.append(Line("child_recipient_cs", "Children",
                          "The safeguarding needs of the child who would be told are considered with Children's Services",
                          "must", _status(a.get("cs_consulted_recipient_child")), (p("10.14"),)))
        lines.append(Line("child_recipient_best_interests", "Children",
                          "Telling the child is in the child's best interests (the assessment usually includes the "
                          "parents' or guardians' views)", "should", _status(a.get("best_interests")), (p("10.14"),)))
    if a.get("recipient_adult_at_risk") == "yes" and considering(a):
        lines.append(Line("asc_involved", "Adults at risk",
                          "Adult Social Care or safeguarding services are involved in a disclosure to an adult at risk",
                          "should", _status(a.get("asc_involved")), (p("10.14"),)))
        lines.append(Line("capacity", "Adults at risk", "The mental capacity of the adult who would be told is considered",
                          "may", _status(a.get("capacity_considered")), (p("10.14"),)))
    return lines


def involvement_lines(a: dict[str, Any]) -> list[Line]:
    """The person's representations, the listed exceptions, self-disclosure (10.20-10.23)."""
    if not considering(a):
        return []
    rep = a.get("representations")
    exceptions = a.get("representation_exceptions", [])
    lines = [Line("representations_considered", "The person's views",
                  "Seeking the person's representations before the decision was considered", "must",
                  MET if rep in ("sought", "not_sought") else MISSING, (p("10.20"), p("10.8")))]
    if rep != "sought":
        lines.append(Line("representations_norm", "The person's views",
                          "Seeking representations is the norm; not seeking them rests on a recorded reason (e.g. an "
                          "investigation, risk to children or a new partner, grievance, intelligence, imminent harm, "
                          "the person cannot be traced)", "should",
                          MET if rep == "not_sought" and exceptions else MISSING, ps("10.20", "10.21")))
        if a.get("decision") == "disclose":
            lines.append(Line("recipient_told_unaware", "The person's views",
                              "The recipient is told that the person does not know about the disclosure", "should",
                              _status(a.get("recipient_told_unaware")), (p("10.23", 1),)))
    if a.get("self_disclosure") == "private":
        lines.append(Line("self_disclosure_follow_up", "The person's views",
                          "A private self-disclosure is followed up by the lead agency to check it was accurate and understood",
                          "must", _status(a.get("self_disclosure_follow_up")), (p("10.22"),)))
    return lines


def forum_lines(a: dict[str, Any]) -> list[Line]:
    """Agreement at the meeting, disagreements, urgent decisions (10.7, 10.21)."""
    lines: list[Line] = []
    if a.get("forum") == "meeting":
        agreed = a.get("agencies_agreed")
        lines.append(Line("agreed", "Who decides", "The decision is agreed by all agencies at the meeting", "should",
                          _status(agreed), (p("10.7"),)))
        if agreed == "no":
            lines.append(Line("owner_decides", "Who decides",
                              "Without agreement, the agency that holds and owns the information decides under its own policy",
                              "must", _status(a.get("owning_agency_decided")), (p("10.7"),)))
            lines.append(Line("disagreement_minuted", "Who decides",
                              "Disagreements and concerns are recorded in the minutes", "must",
                              _status(a.get("disagreement_minuted")), (p("10.7"),)))
    elif a.get("forum") == "urgent_outside_meeting":
        lines.append(Line("partners_views", "Who decides",
                          "In an urgent decision outside a meeting, the views of other MAPPA partners are sought where possible",
                          "should", _status(a.get("partners_views_sought")), (p("10.21"),)))
    return lines


def making_lines(a: dict[str, Any], disclosing: bool) -> list[Line]:
    """Who discloses, what, when, and how (10.7, 10.8, 10.18, 10.19)."""
    spec = (
        ("discloser", "Who, what, when", "The agency and the individual making the disclosure are recorded", "must",
         "discloser_named", ps("10.8", "10.18")),
        ("recipient_identified", "Making the disclosure", "The recipient is correctly and specifically identified", "must",
         "recipient_identified", (p("10.18"),)),
        ("recipient_prepared", "Making the disclosure",
         "The recipient is prepared: what they know, confidentiality, how to use it, what to report to whom, support",
         "must", "recipient_prepared", (p("10.18"),)),
        ("triggers", "Making the disclosure", "Warning signs and what to do ('if you see X, do Y') are set out", "must",
         "triggers_explained", (p("10.18"),)),
    )
    lines = [Line(i, g, t, s, _status(a.get(q)) if disclosing else NA, paras) for i, g, t, s, q, paras in spec]
    if not disclosing:
        return lines
    made = a.get("disclosure_made") == "yes"
    lines.append(Line("date_disclosed", "Who, what, when",
                      "The date of the disclosure is recorded" if made else "The disclosure is carried out promptly and its date recorded",
                      "must", MET if made and a.get("disclosure_date") is not None else (MISSING if made else NA),
                      ps("10.8", "10.7")))
    form = a.get("disclosure_form")
    lines.append(Line("form", "Making the disclosure", "A signed disclosure form gives an audit trail (good practice)", "may",
                      MET if form in ("kept", "not_kept") else MISSING, (p("10.18"),)))
    if form in ("kept", "not_kept"):
        lines.append(Line("form_copy", "Making the disclosure", "A copy of the local disclosure form is kept under agency policy",
                          "must", MET if form == "kept" else MISSING, (p("10.8"),)))
    items = a.get("information_items", [])
    if "photograph" in items or "gender_history" in items:
        lines.append(Line("complex_not_norm", "Making the disclosure",
                          "For a complex disclosure, the person told is made aware that such disclosures are not the "
                          "norm and agrees not to misuse the information", "should",
                          _status(a.get("complex_not_norm")), (p("10.19"),)))
    if "photograph" in items:
        lines.append(Line("photo_shown", "Making the disclosure", "The photograph is shown, not given", "should",
                          _status(a.get("photo_shown_not_given")), (p("10.19"),)))
    return lines


def victim_photograph_lines(a: dict[str, Any]) -> list[Line]:
    """A victim's request for a photograph goes to a MAPPA meeting (10.24, 22.29)."""
    if a.get("recipient") != "victim" or "photograph" not in a.get("information_items", []) or not considering(a):
        return []
    return [Line("photo_to_meeting", "Complex disclosure",
                 "A victim's request for a photograph is referred to a MAPPA meeting (at Level 1, by referring the "
                 "case for Level 2 or 3 management)", "should",
                 MET if a.get("forum") == "meeting" else MISSING, ps("10.24", "22.29", "10.5"),
                 "There is a presumption against disclosing a photograph; each request is judged on its merits.")]


def media_lines(a: dict[str, Any]) -> list[Line]:
    lines: list[Line] = []
    if a.get("recipient") != "media" or not considering(a):
        return lines
    police = a.get("discloser_agency") in (None, "police")
    lines.append(Line("media_police", "The media",
                      "Only the police disclose to the media, with approval under local force policy", "must",
                      MET if police and a.get("police_approval") == "yes" else MISSING, ps("10.15", "10.17")))
    if a.get("hmpps_supervised") == "yes":
        lines.append(Line("moj_press_office", "The media",
                          "The Ministry of Justice Press Office is told before the police disclose to the media", "should",
                          _status(a.get("moj_press_informed")), (p("10.17"),)))
    if a.get("discloser_agency") in ("probation", "prison"):
        lines.append(Line("hmpps_never", "The media", "HMPPS staff never disclose information to the media", "should",
                          MISSING, (p("10.17"),)))
    return lines


def disclosure_lines(a: dict[str, Any]) -> list[Line]:
    return (case_lines(a) + substance_lines(a) + content_lines(a, sharing=False) + children_lines(a)
            + involvement_lines(a) + forum_lines(a) + making_lines(a, a.get("decision") == "disclose")
            + victim_photograph_lines(a) + media_lines(a))


def carrying_out_lines(a: dict[str, Any]) -> list[Line]:
    """A disclosure decided by the lead agency or the meeting, made by this agency (10.7, 10.8, 10.18, 10.19)."""
    return [Line("exact_content", "What exactly", "Exactly what you will say or show is written down, as agreed",
                 "must", _status(a.get("exact_content_recorded")), ps("10.8", "10.18"))] + making_lines(a, True)


def sharing_lines(a: dict[str, Any]) -> list[Line]:
    """Information sharing inside MAPPA (9.4-9.12; 13b.9 for colleagues in the same agency)."""
    recipient = a.get("recipient")
    lines = [
        Line("lawful_325", "Lawful", "Sharing between Responsible Authority, duty-to-co-operate and Associate agencies to "
             "assess and manage the risk is permitted by s.325(4)-(4G) CJA 2003", "must", MET, ps("9.5", "9.6", "9.7")),
        Line("purpose", "Purpose", "The purpose of the sharing is specified", "must", _status(a.get("purpose_recorded")),
             (p("9.8"), p("9.4"))),
        Line("necessary", "Necessary", "The sharing is necessary to prevent disorder or crime or to administer justice",
             "must", _status(a.get("necessity_recorded")), (p("9.9"), p("9.4"))),
        Line("accurate_secure", "Data protection",
             "The information is accurate and up to date, stored securely and kept no longer than necessary (own policy)",
             "must", NA, (p("9.8"),), "For you to check: the calculator does not ask about this."),
    ]
    lines += content_lines(a, sharing=True)
    if a.get("from_mappa") == "yes":
        lines.append(Line("chair_agreement", "MAPPA minutes",
                          "MAPPA information you received goes outside your agency only with the MAPPA Meeting Chair's "
                          "agreement, and with the involvement of the agency that provided it", "must",
                          _status(a.get("chair_agreed_onward")), ps("13b.9", "9.2", "13b.25")))
    if recipient == "associate":
        dsa = a.get("associate_dsa")
        lines.append(Line("associate_case_by_case", "Associates", "Sharing with an Associate agency is considered case by case",
                          "must", MET, (p("9.11", 2),)))
        lines.append(Line("associate_no_dsa", "Associates",
                          "Sharing to manage an identified risk should still happen even without a Data-Sharing Agreement",
                          "should", MET if dsa == "yes" else NA, (p("9.12"),),
                          "" if dsa == "yes" else "No agreement is not a reason to hold back what is needed to manage an identified risk."))
    if recipient == "own_agency":
        lines.append(Line("own_agency_if_necessary", "MAPPA minutes",
                          "MAPPA minutes are shared within your own agency only if necessary, not widely; routine internal "
                          "sharing is agreed with the MAPPA Meeting Chair", "should", NA, (p("13b.9"),)))
    return lines


# ---------------------------------------------------------------------------
# Flags (the guidance contradicts itself) and caveats (outside the guidance)
# ---------------------------------------------------------------------------


def raise_flags(out: Outcome, a: dict[str, Any]) -> None:
    """Where the guidance contradicts itself about this decision (children, who decides), then about what is
    disclosed (:func:`making_flags`)."""
    age, forum = a.get("subject_age"), a.get("forum")
    if age == "under_18":
        out.flag("CHILD_CONSULT_VS_PRESENT",
                 "The guidance gives two different rules for disclosures about a child.",
                 p("10.13"), p("23.29"), p("1.28"), p("13a.19"),
                 readings=(
                     "10.13: outside a meeting, no decision about anyone under 18 should be made without consulting a "
                     "senior member of the YOT and of Children's Services, except in urgent cases.",
                     "23.29 (and 1.28): at a MAPPA meeting, no decision about disclosure involving a child can be made "
                     "unless a senior YOT representative and a senior Children's Services representative are both "
                     "present; there is no exception for urgency.",
                     "This checklist applies 23.29 to decisions at a meeting (blocking) and 10.13 outside meetings "
                     "(a warning, with the urgency exception). 13a.19 asks Children's Services only to 'should' attend.",
                 ))
    elif forum == "meeting" and (a.get("recipient_under_18") == "yes" or a.get("children_protected") == "yes"):
        out.flag("CHILD_INVOLVEMENT_SCOPE",
                 "10.13 speaks of disclosure 'about anyone under 18'; 23.29 of disclosure 'involving a child'.",
                 p("10.13"), p("23.29"),
                 readings=(
                     "Narrow: the presence rule applies only when the person the information is about is a child.",
                     "Wide: it applies whenever a child is involved, e.g. a child who would be told or protected; then "
                     "senior YOT and Children's Services representatives must be present.",
                     "The guidance does not say which is meant. This checklist blocks only on the narrow reading; "
                     "having both present also satisfies the wide one.",
                 ))
    if forum == "meeting" and a.get("agencies_agreed") == "no":
        out.flag("RESTRICTIONS_CROSS_REFERENCE",
                 "10.7 says the owning agency's decision is subject to the restrictions in 10.13-10.16, but the "
                 "bar on HMPPS staff disclosing to the media is in 10.17.",
                 p("10.7"), p("10.17"),
                 readings=("Literal: only 10.13-10.16 limit the owning agency.",
                           "Intended (probably): 10.13-10.17, including the media rule. The owning agency cannot "
                           "override the rules on children or the media either way."))
    making_flags(out, a)


def disclosure_possible(a: dict[str, Any]) -> bool:
    """A disclosure is being made or may be: carried out for others, or not (yet) refused or deferred."""
    return not p10_7_records_the_decision(a) or a.get("decision") not in ("not_disclose", "defer")


def making_flags(out: Outcome, a: dict[str, Any]) -> None:
    """Flags about what is disclosed and to whom (photographs, complex disclosures, victims)."""
    if "photograph" in a.get("information_items", []) and disclosure_possible(a):
        out.flag("PHOTOGRAPH_PRESUMPTION",
                 "Two chapters word the presumption against disclosing a photograph differently.",
                 p("10.24"), p("22.29"), p("9.8"),
                 readings=(
                     "10.24: not disclosed 'unless there is a genuine risk'.",
                     "22.29: not disclosed 'unless there is lawful reason to do so'.",
                     "Both call a photograph 'sensitive personal data' (a term of the old Data Protection Act 1998), "
                     "while 9.8 speaks of 'sensitive processing' under the 2018 Act. Each request is judged on its merits.",
                 ))
    if any(i in ("photograph", "gender_history") for i in a.get("information_items", [])) and disclosure_possible(a):
        out.flag("COMPLEX_DISCLOSURE_DEFINITION", "The guidance defines a 'complex disclosure' in two ways.",
                 p("10.6"), p("10.19"), p("10.26"),
                 readings=("10.6: a complex disclosure is one that needs legal advice; discussing it at a MAPPA "
                           "meeting is good practice.",
                           "10.19 and 10.26: photographs and gender reassignment are complex disclosures by example "
                           "(10.23-10.26), whether or not anyone seeks legal advice.",
                           "This checklist applies the steps of 10.19 to every photograph and gender history, and "
                           "advises a MAPPA meeting (10.6) when you say legal advice is needed."))
    if a.get("recipient") == "victim":
        out.flag("DUPLICATED_PARAGRAPH_10_23",
                 "The guidance numbers two paragraphs 10.23; the second (disclosure to victims) refers to "
                 "'paragraphs 10.20-10.23 above', which could mean either.",
                 p("10.23", 1), p("10.23", 2),
                 readings=("10.20 to the first 10.23 (involving the offender, including telling the recipient the "
                           "person does not know).",
                           "10.20 up to and including the second 10.23 (the victims paragraph itself)."))


def add_caveats(out: Outcome, a: dict[str, Any]) -> None:
    items = a.get("information_items", [])
    if any(i in SENSITIVE_ITEMS for i in items):
        out.caveat("The Data Protection Act 2018 (s.35(5) and s.42) also asks that sensitive processing for law "
                   "enforcement be strictly necessary and that an appropriate policy document be in place. The "
                   "guidance does not mention this: check with your data protection officer.",
                   p("10.10"), p("9.8"), external=("Data Protection Act 2018 s.35(5), s.42",))
    if "children_act" in a.get("lawful_basis", []):
        out.caveat("10.10 cites Children Act 2004 s.12D and s.14B (Children's Trust Boards and Local Safeguarding "
                   "Children Boards). In England these boards were replaced by safeguarding partner arrangements "
                   "(Children and Social Work Act 2017): check the power you rely on.",
                   p("10.10"), external=("Children and Social Work Act 2017",))
    if any(i in ("photograph", "gender_history") for i in items):
        out.caveat("The guidance gives a '@noms.gsi.gov.uk' address for the National MAPPA Team; gsi.gov.uk "
                   "addresses were retired. Check the current contact before writing.", p("10.26"), p("22.30"))


# ---------------------------------------------------------------------------
# decide
# ---------------------------------------------------------------------------

def _lc(text: str) -> str:
    """'The MAPPA meeting' -> 'the MAPPA meeting' (only the first letter)."""
    return text[:1].lower() + text[1:]


def _add_lines(out: Outcome, lines: list[Line]) -> tuple[list[Line], list[Line]]:
    for line in lines:
        out.item(**line.as_item())
    blocking = [l for l in lines if l.strength == "must" and l.status == MISSING]
    gaps = [l for l in lines if l.strength == "should" and l.status == MISSING]
    for l in gaps:
        out.warn(f"Should: {l.text}.", *l.paras)
    return blocking, gaps


def public_enquiry_other(a: dict[str, Any]) -> Outcome:
    out = Outcome("REFER_TO_LEAD_AGENCY_OR_MEETING",
                  "Do not answer the question yourself and do not confirm anything about the person. Pass the "
                  "request to the lead agency: whether anything is disclosed is for the lead agency (Level 1) or "
                  "the MAPPA meeting (Levels 2 and 3).")
    out.reason("Disclosure is considered by the lead agency at each Level 1 review and at every Level 2 or 3 meeting.",
               *ps("10.5", "10.7"))
    out.reason("Information shared under MAPPA stays the responsibility of the agency that owns it, and MAPPA minutes "
               "may not leave your agency without the Meeting Chair's agreement.", p("9.2"), p("13b.9"))
    out.reason("If the person is worried about a partner or about someone with access to a child, the police "
               "disclosure schemes exist for that; they run independently of MAPPA.", p("10.27"))
    out.decided_by(LEAD_AGENCY_OR_MEETING, "whether anything is disclosed, and to whom", PRIVACY_BALANCE,
                   *ps("10.5", "10.7"))
    out.action("Pass the request to the lead agency. Do not confirm anything about the person.",
               *ps("10.5", "10.7"), who=YOU)
    return out


def police_scheme(a: dict[str, Any]) -> Outcome:
    out = Outcome("ROUTE_TO_POLICE_SCHEME",
                  "Point the person to the police. Requests from the public about a partner or about someone with "
                  "access to a child are handled by police disclosure schemes, which run independently of MAPPA.")
    out.reason("The Child Sex Offender Disclosure Scheme, the Domestic Violence Disclosure Scheme and the Common "
               "Law Police Disclosure scheme are police schemes; they do not change the law on disclosure.", p("10.27"))
    out.reason("Do not pass on MAPPA information yourself: information shared under MAPPA stays the responsibility of "
               "the agency that owns it, and MAPPA minutes may not leave your agency without the Meeting Chair's agreement.",
               p("9.2"), p("13b.9"))
    out.decided_by("The police", "whether to disclose under a police disclosure scheme", (), p("10.27"))
    out.action("Tell the person to ask the police, under their disclosure schemes.", p("10.27"), who=YOU)
    return out


def refer(a: dict[str, Any]) -> Outcome:
    out = Outcome("REFER_TO_LEAD_AGENCY_OR_MEETING",
                  "This decision is not yours to make. Take the concern to the lead agency (or, at Level 2 or 3, the "
                  "MAPPA meeting): the decision whether to disclose is theirs.")
    out.reason("Information shared under MAPPA remains the responsibility of the agency that owns it.", p("9.2"))
    out.reason("MAPPA minutes must not be shared with anyone outside your agency without the agreement of the MAPPA "
               "Meeting Chair; a breach is treated as a data loss incident.", p("13b.9"))
    out.reason("Disclosure is considered by the lead agency at each Level 1 review and at every Level 2 or 3 meeting; "
               "if agreed, the most appropriate agency carries it out, which may be yours.", *ps("10.5", "10.7"))
    if a.get("recipient") == "media":
        out.reason("Only the police disclose to the media, with approval under their local force policy; HMPPS staff "
                   "should never do so.", *ps("10.15", "10.17"))
    if a.get("recipient") == "neighbours_community":
        out.reason("None of the situations the guidance lists is general reassurance of the community: disclosure "
                   "happens only when the need to protect the public outweighs the person's right to privacy. "
                   "Whether it does here is the lead agency's or meeting's judgement.", p("10.11"))
    if a.get("recipient") in ("accommodation_staff", "other_residents", "other_professional"):
        out.reason("Risk to your own staff should be managed through the person's risk management plan and communicated "
                   "through the disclosure process; in supported accommodation, staff and managers (and sometimes "
                   "other residents) may need disclosure.", p("21.20"), p("10.11"))
    out.reason("If you think the risk is not being managed, discuss it with the lead agency and escalate through line "
               "management; you may also ask for the case to be considered for Level 2 or 3.", p("7.23"), p("7.13"))
    out.decided_by(LEAD_AGENCY_OR_MEETING,
                   "whether anything is disclosed, to whom, and which agency makes the disclosure", PRIVACY_BALANCE,
                   *ps("10.5", "10.7"))
    out.item(id="route", group="Route", text="Bring the concern to the lead agency or the MAPPA meeting",
             strength="must", status=MISSING, paras=[p("13b.9"), p("9.2")])
    out.action("Take your concern to the lead agency, and tell nobody else about the person meanwhile.",
               p("13b.9"), p("9.2"), p("10.7"), who=YOU)
    return out


def p9_12_no_agreement_with_an_associate(out: Outcome, a: dict[str, Any]) -> None:
    """9.12 against a local memorandum: no data-sharing agreement is no reason to hold back."""
    if a.get("recipient") == "associate" and a.get("associate_dsa") in ("no", "unknown"):
        out.local_notice("no_protocol_no_sharing")


def sharing(a: dict[str, Any]) -> Outcome:
    lines = sharing_lines(a)
    out = Outcome("INFORMATION_SHARING", "")
    blocking, gaps = _add_lines(out, lines)
    if blocking:
        out.code = "SHARING_RECORD_INCOMPLETE"
        out.answer = ("This is information sharing within MAPPA, not disclosure to a third party. Before sharing, "
                      "fill these gaps: " + "; ".join(l.text for l in blocking) + ".")
        out.action("Before you share, fill the gaps marked 'must' in the checklist.",
                   *dict.fromkeys(x for l in blocking for x in l.paras), who=YOU, by_text="before you share")
    else:
        out.answer = ("This is information sharing within MAPPA (chapter 9), not disclosure to a third party: it is "
                      "lawful when it is necessary and proportionate.")
    out.reason("Information sharing is between the Responsible Authority, duty-to-co-operate agencies and Associates; "
               "disclosure is passing information to anyone else.", p("10.2"), p("9.1"))
    out.reason("Sharing under MAPPA is done under Part 3 of the Data Protection Act 2018 and does not breach a duty of "
               "confidence.", *ps("9.6", "9.7"))
    if a.get("recipient") == "own_agency":
        out.reason("Within your own agency, share MAPPA minutes only if necessary and not widely.", p("13b.9"))
    out.decided_by("The agency that owns the information", "what it shares, under its own data protection policy",
                   ("relevance to assessing and managing the risk", "no more than is needed"), p("9.2"), p("9.11", 1))
    if a.get("from_mappa") == "yes":
        out.reason("Information shared under MAPPA remains the responsibility of the agency that owns it, and MAPPA "
                   "minutes must not be shared outside your agency without the MAPPA Meeting Chair's agreement; a "
                   "breach is treated as a data loss incident.", p("9.2"), p("13b.9"))
        out.decided_by("The MAPPA Meeting Chair", "whether MAPPA minutes may go outside your agency", (), p("13b.9"))
    p9_12_no_agreement_with_an_associate(out, a)
    add_caveats(out, a)
    return out


def p10_18_carrying_out(a: dict[str, Any]) -> Outcome:
    """A duty-to-co-operate agency makes a disclosure that the lead agency or the MAPPA meeting decided (10.7):
    the steps of making it (10.18, 10.19, 10.23) and what goes back for their record (10.8)."""
    out = Outcome("CARRYING_OUT_READY", "")
    blocking, gaps = _add_lines(out, carrying_out_lines(a))
    intro = "You are carrying out a disclosure that the lead agency or the MAPPA meeting decided."
    if blocking:
        out.code = "CARRYING_OUT_INCOMPLETE"
        out.answer = f"{intro} Before you make it: " + "; ".join(_lc(l.text) for l in blocking) + "."
    else:
        out.answer = (f"{intro} You have what the guidance asks of the person making it. The decision and its "
                      "record stay with them: tell them what you did.")
    out.reason("If disclosure is agreed, the most appropriate agency carries it out in a timely manner; the decision "
               "itself is the lead agency's at Level 1 and the MAPPA meeting's at Levels 2 and 3.", *ps("10.7", "10.5"))
    out.reason("The person receiving the information must be correctly identified and prepared, and told what to look "
               "out for and what to do.", p("10.18"))
    out.reason("The record of the decision is kept by the lead agency (Level 1) or in the MAPPA minutes (Levels 2 "
               "and 3); it must include who made the disclosure, exactly what was disclosed, and when.", p("10.8"))
    out.decided_by(LEAD_AGENCY_OR_MEETING, "whether to disclose, what, and to whom; your agency carries it out",
                   PRIVACY_BALANCE, *ps("10.5", "10.7"))
    if a.get("disclosure_made") != "yes":
        out.action("Check with the lead agency exactly what to say or show, and to whom, before you speak to anyone.",
                   *ps("10.18", "10.8"), who=YOU, by_text="before the disclosure")
    out.action("Ask the lead agency whether the person knows about the disclosure. If not, tell the person you speak "
               "to that the person does not know.", p("10.23", 1), who=YOU, by_text="before the disclosure",
               strength="should")
    out.action("Send the lead agency the date of the disclosure, exactly what was said or shown, and who made it, "
               "for its record.", *ps("10.8", "10.7"), who=YOU, by_text="straight after the disclosure")
    making_flags(out, a)
    add_caveats(out, a)
    return out


def p10_5_level_1_record(out: Outcome, a: dict[str, Any]) -> None:
    """10.5: at Level 1 the MAPPA Co-ordinator need not be told, but the record must be available if required."""
    if a.get("mappa_level") != "1":
        return
    out.reason("At Level 1 you need not tell the MAPPA Co-ordinator about a disclosure decision, but the details of "
               "the decision-making must be recorded on the lead agency's case management system and be made "
               "available if required.", p("10.5"))
    out.action("Keep the details of the decision-making on the lead agency's case management system, ready to "
               "produce it if asked. You need not tell the MAPPA Co-ordinator.", p("10.5"), who="The lead agency",
               by_text="when the decision is made")
    out.local_notice("every_disclosure_reported")


def p10_6_complex_disclosure(out: Outcome, a: dict[str, Any]) -> bool:
    """10.6: a disclosure needing legal advice is best discussed at a MAPPA meeting; at Level 1 that means a
    referral for Level 2 or 3 management (10.5).  True when this is the answer."""
    if not p10_6_meeting_advised(a):
        return False
    if a.get("legal_advice_needed") == "unknown":
        out.warn("Find out whether this disclosure needs legal advice: if it does, it is good practice to discuss it "
                 "at a MAPPA meeting.", p("10.6"))
    if a.get("legal_advice_needed") != "yes":
        return False
    if a.get("mappa_level") == "1":
        out.answer = ("This is a complex disclosure (it needs legal advice). Good practice is to discuss it at a MAPPA "
                      "meeting: consider referring the case for Level 2 or 3 management.")
        out.action("Consider referring the case for Level 2 or 3 management (send a MAPPA A to the MAPPA "
                   "Co-ordinator) so that a MAPPA meeting can discuss the disclosure.", *ps("10.6", "10.5", "7.10"),
                   who="The lead agency", by_text="before the disclosure is decided", strength="should")
        out.decided_by("The lead agency", "whether to refer the case for Level 2 or 3 management for this disclosure",
                       ("whether legal advice is needed", "whether all the information the decision needs is shared",
                        "whether the disclosure needs a plan made by several agencies"), *ps("10.5", "10.6", "7.13"))
    else:
        out.answer = ("This is a complex disclosure (it needs legal advice). Good practice is to discuss it at a MAPPA "
                      "meeting rather than decide it urgently outside one.")
        out.action("Put the disclosure on the agenda of a MAPPA meeting. If it cannot wait, seek the views of the "
                   "other MAPPA partners before deciding.", *ps("10.6", "10.21"), who="The relevant agency",
                   by_text="before the disclosure is decided", strength="should")
        out.decided_by("The relevant agency", "whether the disclosure can wait for a MAPPA meeting",
                       ("how imminent the risk of harm is", "whether legal advice can be had in time"),
                       *ps("10.6", "10.21"))
    out.code = "COMPLEX_DISCLOSURE_MEETING_ADVISED"
    out.reason("Complex disclosures (those needing legal advice) are good practice to discuss at a MAPPA meeting; "
               "considering disclosure at Level 1 may lead to a referral for Level 2 or 3 management, so that all "
               "the information is shared and the disclosure is planned by the agencies together.",
               *ps("10.6", "10.5"))
    return True


def _items(n: int, kind: str) -> str:
    """``1 required item``, ``3 recommended items``."""
    return f"{n} {kind} item" + ("" if n == 1 else "s")


def record_answer(out: Outcome, a: dict[str, Any], blocking: list[Line], gaps: list[Line], who: str) -> None:
    """The one-line answer about the record (10.8), or the media bar (10.15, 10.17), or the complex disclosure."""
    if a.get("recipient") == "media" and a.get("decision") == "disclose" \
            and a.get("discloser_agency") not in (None, "police"):
        out.code = "MEDIA_POLICE_ONLY"
        out.answer = ("Stop: only the police disclose to the media, with approval under local force policy; HMPPS staff "
                      f"should never do so. The decision on disclosure remains with {_lc(who)}.")
        return
    complex_disclosure = p10_6_complex_disclosure(out, a)
    if blocking:
        code = "RECORD_INCOMPLETE"
        text = (f"The record is not yet defensible: {_items(len(blocking), 'required')} missing. The decision "
                f"whether to disclose is for {_lc(who)}, not this checklist.")
    elif gaps:
        code = "RECORD_COMPLETE_WITH_GAPS"
        text = (f"Every required item is recorded, but {_items(len(gaps), 'recommended')} "
                f"{'is' if len(gaps) == 1 else 'are'} missing. The decision "
                f"whether to disclose is for {_lc(who)}, not this checklist.")
    else:
        code = "RECORD_COMPLETE"
        text = ("The record holds everything the guidance asks for. The decision whether to disclose is for "
                f"{_lc(who)}, not this checklist.")
    if complex_disclosure:
        out.answer += f" The record also has {_items(len(blocking), 'required')} missing." if blocking else ""
    else:
        out.code, out.answer = code, text
    if blocking:
        now = a.get("decision") in ("disclose", "undecided")
        out.action("Complete the record: add each item marked 'must' that is missing.",
                   *dict.fromkeys(x for l in blocking for x in l.paras), who=who,
                   by_text="before the disclosure is made" if now else "")


def p10_3_child_sex_offender(out: Outcome, a: dict[str, Any]) -> None:
    """s.327A CJA 2003: the duty to consider disclosure for child sex offenders (10.3, 1.39)."""
    if a.get("child_sex_offender") == "yes":
        out.reason("For a child sex offender the Responsible Authority has a legal duty to consider disclosure even if "
                   "nobody asked; there is a presumption in favour of disclosure where the person poses a risk of "
                   "serious harm to children and disclosure is necessary to protect them; conditions can forbid "
                   "passing it on; the decision either way must be recorded.", p("10.3"), p("1.39"))
        out.decided_by("The Responsible Authority", "disclosure under s.327A CJA 2003 (child sex offenders)",
                       ("risk of serious harm to children", "whether disclosure is necessary to protect them"),
                       p("1.39"), p("10.3"))
    elif a.get("child_sex_offender") == "unknown":
        out.warn("Find out whether the person has a conviction for a sexual offence against a child: if so, the "
                 "Responsible Authority has a legal duty to consider disclosure.", p("10.3"), p("1.39"))


def situation_reasons(out: Outcome, a: dict[str, Any]) -> None:
    """Victims (second 10.23, 22.27-22.28), general reassurance (10.11), an urgent decision about a child (10.13)."""
    if a.get("recipient") == "victim":
        out.reason("For a victim, also weigh: can the person safely be asked for representations, do they pose a risk "
                   "to the victim, is disclosure needed to prevent or detect crime, would it put the person at risk, "
                   "might the victim pass it on, and would not disclosing defeat a victim-requested licence condition. "
                   "A victim's distress at hearing it elsewhere is not usually enough to go beyond the Victim Contact Scheme.",
                   p("10.23", 2), p("22.28"), p("22.27"))
    circ = a.get("circumstances", [])
    if circ and all(c == "general_reassurance" for c in circ):
        out.warn("General worry or reassurance is not one of the situations in which the guidance expects "
                 "disclosure: it takes place only when the need to protect the public outweighs the person's right "
                 "to privacy.", p("10.11"))
    if a.get("subject_age") == "under_18" and a.get("forum") != "meeting" and a.get("urgent") == "yes" \
            and a.get("yot_cs_consulted") != "yes":
        out.warn("Urgent decision about a child without consulting the YOT and Children's Services: record why it "
                 "was urgent and seek their views as soon as possible.", p("10.13"), p("10.21"))


def p10_8_decision_record(a: dict[str, Any]) -> Outcome:
    """The record of a decision on disclosure to a third party, checked against chapter 10."""
    out = Outcome("", "")
    blocking, gaps = _add_lines(out, disclosure_lines(a))
    who, decides, factors, paras = who_decides(a)
    record_answer(out, a, blocking, gaps, who)
    for l in blocking:
        out.reason(f"Missing (must): {l.text}.", *l.paras)
    out.reason("Disclosure must be considered for every MAPPA case, at every level and every review, and every "
               "decision, including a decision not to disclose, must be recorded with reasons.",
               *ps("10.3", "10.8", "7.26"))
    out.decided_by(who, decides, factors, *paras)
    if a.get("recipient") == "media":
        out.decided_by("The police", "whether to disclose to the media, with approval under local force policy", (),
                       *ps("10.15", "10.17"))
    p10_3_child_sex_offender(out, a)
    p10_5_level_1_record(out, a)
    situation_reasons(out, a)
    raise_flags(out, a)
    add_caveats(out, a)
    return out


def decide(a: dict[str, Any]) -> Outcome:
    if a.get("asker") == "public_enquiry":
        return public_enquiry_other(a) if a.get("public_enquiry_about") == "other" else police_scheme(a)
    if a.get("recipient") in SHARING_RECIPIENTS:
        return sharing(a)
    if a.get("asker") == "dtc_agency" and a.get("dtc_agreed") == "no":
        return refer(a)
    if not p10_7_records_the_decision(a):
        return p10_18_carrying_out(a)
    return p10_8_decision_record(a)


CALCULATOR = Calculator(
    id="disclosure",
    title="Disclosure decision record",
    summary="Check that a decision to disclose (or not to disclose) information about a MAPPA offender is "
            "recorded the way the guidance requires. It never makes the decision.",
    questions=QUESTIONS,
    decide=decide,
    paras=ps("10.2", "10.3", "10.4", "10.5", "10.6", "10.7", "10.8", "10.10", "10.11", "10.12", "10.13", "10.14",
             "10.18", "10.20"),
    intro="Answer for one decision about one person. The checklist shows what a defensible record must "
          "contain (10.8). Whether to disclose is always for the lead agency or the MAPPA meeting. If they have "
          "asked your agency to make a disclosure they decided, you only see the steps of making it (10.18).",
    cross_checks=cross_checks,
)
