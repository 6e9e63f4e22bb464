"""MAPPA category (chapter 6 of the national guidance).

Which of the four MAPPA categories the facts given point to, with the precedence of 6.2:
Category 4 (terrorist or terrorism-risk offenders, 6.23-6.28) and Category 1 (registered sexual
offenders, 6.4-6.6) win over Category 2 (violent and other sexual offenders, 6.7-6.10); Category 1
and 4 together give Category 4; Category 3 (other dangerous offenders, 6.11-6.22) only when no other
category is met.  Anything that turns on a judgement of the Responsible Authority comes out as
"consider for Category 3", "consider for discretionary Category 4" or "for the Responsible
Authority to decide", naming who decides: never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .core import NO, YES, Calculator, Choice, FieldError, Outcome, Question, When, lead_agency_name, p, ps
from .core import UNKNOWN as DK
from .sentences import (MET, NOT_MET, RA, UNKNOWN, Finding, all_of, any_of, term_in_months,
                        term_meets_12_months)

# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------

NOTIFICATION_CHOICES = (
    Choice("current", "Yes, they must register now"),
    Choice("expired", "They had to, but the period has ended"),
    Choice("never", "No, never"),
    Choice("unknown", "I don't know"),
)

TERMED = ("immediate_custody", "youth_detention", "dto", "suspended_sentence", "hybrid_order")
HOSPITAL = ("hospital_order", "guardianship_order")
MAPPA_GROUPS = ("murder", "sch15_violent", "sch15_sexual", "s327_4a")
NAMED_NOT_SCH15 = ("coercive_control", "stalking_s2a")

OFFENCE_FIELDS = (
    Question(
        "route", "How was this offence dealt with?", "choice",
        help="Choose how the case ended, not what the person was charged with.",
        choices=(
            Choice("conviction", "Convicted (found guilty or pleaded guilty)"),
            Choice("caution", "Cautioned (or, for a young person, a youth caution, reprimand or warning)"),
            Choice("ngri", "Found not guilty by reason of insanity"),
            Choice("unfit_did_act", "Found unfit to stand trial, but found to have done the act"),
        ),
        paras=ps("6.5", "6.7", "6.12"),
    ),
    Question(
        "court", "Where was the person dealt with?", "choice",
        help="A military court means a court martial or other service court under the Armed Forces Act 2006.",
        choices=(
            Choice("england_wales", "In England or Wales"),
            Choice("other_uk", "Elsewhere in the UK (Scotland or Northern Ireland)"),
            Choice("overseas", "Abroad"),
            Choice("service", "A military (service) court"),
            Choice("unknown", "I don't know"),
        ),
        paras=ps("6.15", "6.19", "6.21"),
    ),
    Question(
        "named_offence", "Was it one of these offences?", "choice",
        help="These offences have their own rules in the guidance. If none of them, choose 'None of these'.",
        choices=(
            Choice("none", "None of these"),
            Choice("coercive_control", "Controlling or coercive behaviour in an intimate or family relationship",
                   "Section 76 of the Serious Crime Act 2015."),
            Choice("stalking_s2a", "Stalking", "Section 2A of the Protection from Harassment Act 1997."),
            Choice("stalking_s4a", "Stalking involving fear of violence or serious alarm or distress",
                   "Section 4A of the Protection from Harassment Act 1997."),
            Choice("breach_civil_order", "Breach of a restraining order or another protective order",
                   "For example a restraining order or a Domestic Abuse Protection Order."),
        ),
        paras=ps("6.16", "6.17", "27.11"),
    ),
    Question(
        "offence_group", "What kind of offence was it?", "choice",
        help="Schedule 15 of the Criminal Justice Act 2003 lists serious violent and sexual offences. "
             "The lead agency or the police can tell you. Choose 'I don't know' if you are not sure.",
        choices=(
            Choice("murder", "Murder"),
            Choice("sch15_violent", "A violent offence listed in Schedule 15"),
            Choice("sch15_sexual", "A sexual offence listed in Schedule 15"),
            Choice("s327_4a", "An offence listed in section 327(4A) of the Criminal Justice Act 2003"),
            Choice("other", "Another offence (not murder and not in Schedule 15)"),
            Choice("unknown", "I don't know"),
        ),
        when=(When("named_offence", ("coercive_control", "stalking_s2a", "stalking_s4a"), negate=True),),
        paras=ps("6.7", "6.8", "6.10"),
    ),
    Question(
        "terrorist", "Was it a terrorism offence, or did the court find that it had a terrorist connection?", "yesno",
        allow_unknown=True,
        help="Answer 'No' unless you have been told it was a terrorism offence or that the court found a "
             "terrorist connection.",
        paras=ps("6.23", "6.25"),
    ),
    Question(
        "max_penalty_over_12_months", "Can this offence be punished by more than 12 months' imprisonment?", "yesno",
        allow_unknown=True,
        help="This is the most the law allows for the offence, not what the person was given.",
        when=(When("terrorist", ("yes",)), When("route", ("ngri", "unfit_did_act"))),
        paras=(p("6.23"),),
    ),
    Question(
        "disposal", "What did the court give for this offence?", "choice",
        help="Give what the court ordered for this offence itself.",
        choices=(
            Choice("immediate_custody", "Prison (an immediate custodial sentence)"),
            Choice("youth_detention", "Detention in youth custody (not a Detention and Training Order)"),
            Choice("dto", "A Detention and Training Order (DTO)"),
            Choice("suspended_sentence", "A suspended prison sentence"),
            Choice("hospital_order", "A hospital order (with or without restrictions)"),
            Choice("guardianship_order", "A guardianship order"),
            Choice("hybrid_order", "A prison sentence with a hospital direction (hybrid order, section 45A)"),
            Choice("service_detention", "Service detention (military)"),
            Choice("community_order", "A community sentence or youth rehabilitation order"),
            Choice("fine_or_discharge", "A fine or a discharge"),
            Choice("not_yet_sentenced", "Not sentenced yet"),
            Choice("unknown", "I don't know"),
        ),
        when=(When("route", ("conviction", "ngri", "unfit_did_act")),),
        paras=ps("6.8", "6.26"),
    ),
    Question(
        "service_detention_days", "How many days of service detention did the military court give?", "number",
        unit="days", minimum=1, maximum=730, required=False,
        help="A sexual offence under section 42 of the Armed Forces Act 2006 brings registration as a sex offender "
             "only with at least 112 days of service detention (and only if the matching offence in England and "
             "Wales brings registration). Leave blank if you do not know.",
        when=(When("court", ("service",)), When("disposal", ("service_detention",))),
        paras=ps("16.3", "6.15"),
    ),
    Question(
        "term_indeterminate", "Was it a life sentence or another sentence with no fixed end?", "yesno",
        help="For example life imprisonment, imprisonment for public protection (IPP) or detention at His "
             "Majesty's pleasure.",
        when=(When("disposal", ("immediate_custody", "youth_detention", "hybrid_order")),),
        paras=ps("6.8", "6.26"),
    ),
    Question(
        "term_unit", "In what unit did the court give the sentence for this offence?", "choice",
        help="Use the unit the court used: '52 weeks' is not the same as '12 months'. If the court said "
             "'1 year and 6 months', choose months and enter 18. For a suspended sentence give the prison "
             "term, not the time it is suspended for.",
        choices=(
            Choice("days", "Days"), Choice("weeks", "Weeks"), Choice("months", "Months"), Choice("years", "Years"),
            Choice("unknown", "I don't know how long it was"),
        ),
        when=(When("disposal", TERMED), When("term_indeterminate", ("yes",), negate=True)),
        paras=ps("6.8", "6.26"),
    ),
    Question(
        "term_value", "How long was the sentence?", "number", unit="", minimum=1, maximum=36500,
        help="A whole number in the unit you chose.",
        when=(When("term_unit", ("days", "weeks", "months", "years")),),
        paras=ps("6.8", "6.26"),
    ),
    Question(
        "term_scope", "Is that the sentence for this offence on its own?", "choice",
        help="Where a court sentences several offences together, each offence is looked at on its own, "
             "before the sentences are added up or run together.",
        choices=(
            Choice("this_offence", "Yes, it is the sentence for this offence on its own"),
            Choice("total_of_several", "No, it is the total for several offences"),
            Choice("no_separate_penalty", "The court gave no separate penalty for this offence",
                   "The sentence was passed on another offence in the same case."),
            Choice("unknown", "I don't know"),
        ),
        when=(When("disposal", TERMED),),
        paras=(p("6.9"),),
    ),
    Question(
        "sch3_threshold_months", "If you know it: the sentence threshold for sex offender registration for "
        "this offence, in months", "number", unit="months", minimum=1, maximum=120, required=False,
        help="Only for professionals who know the threshold in Schedule 3 of the Sexual Offences Act 2003. "
             "Leave blank if you do not know.",
        when=(When("offence_group", ("sch15_sexual",)), When("disposal", ("dto",))),
        paras=(p("6.5"),),
    ),
    Question(
        "domestic_abuse", "Did the offence happen within a family or intimate relationship (domestic abuse)?",
        "yesno", allow_unknown=True,
        paras=ps("6.16", "27.11"),
    ),
)

AGE_CHOICES = (
    Choice("under_16", "Under 16"),
    Choice("16_17", "16 or 17"),
    Choice("18_plus", "18 or over"),
    Choice("unknown", "I don't know"),
)

SUPERVISION_CHOICES = (
    Choice("probation", "The Probation Service",
           "On licence, a suspended sentence, a community order or post-sentence supervision."),
    Choice("yot", "The Youth Offending Team (youth justice service)"),
    Choice("mental_health", "Mental health or learning disability services only",
           "A hospital order, guardianship order or Community Treatment Order, with no probation or YOT "
           "supervision."),
    Choice("none", "No one",
           "For example after a caution, under a notification order, on bail before sentence, or once "
           "supervision has ended."),
    Choice("unknown", "I don't know"),
)

QUESTIONS = (
    Question(
        "age", "How old is the person now?", "choice", required=False,
        help="A child is anyone under 18. Some rules depend on age: terrorism notification applies only from 16, "
             "and the Youth Offending Team leads for children it supervises.",
        choices=AGE_CHOICES,
        paras=ps("23.2", "6.24", "2.4"),
    ),
    Question(
        "sex_offender_notification",
        "Does the person have to register with the police as a sex offender (often called being 'on the "
        "sex offenders register')?", "choice",
        help="The lead agency or the police can tell you. Registration is called 'notification requirements' "
             "in the guidance.",
        choices=NOTIFICATION_CHOICES,
        paras=ps("6.4", "6.5", "6.21"),
    ),
    Question(
        "cta_part4_notification",
        "Does the person have to notify the police under the terrorism notification scheme?", "choice",
        help="This is Part 4 of the Counter-Terrorism Act 2008. It only follows a terrorism offence. If none of "
             "the offences was a terrorism offence, answer 'No, never'.",
        choices=NOTIFICATION_CHOICES,
        matters=lambda a: p6_24_part4_possible(a),
        paras=ps("6.23", "6.24"),
    ),
    Question(
        "offences", "Offences the person has been convicted of, cautioned for or found to have done", "list",
        item_label="offence", min_items=0, max_items=30, required=False,
        help="Add each offence separately, with what the court gave for that offence. Leave the list empty if "
             "the person has never been convicted, cautioned or found by a court to have done an act.",
        fields=OFFENCE_FIELDS,
        paras=ps("6.7", "6.9", "6.12"),
    ),
    Question(
        "terrorism_risk_identified",
        "Have Counter-Terrorism Police or the Probation Service National Security Division identified the person "
        "as someone who may be or become involved in terrorism-related activity?", "yesno", allow_unknown=True,
        help="This is 'discretionary Category 4'. Only those two bodies can identify it.",
        matters=lambda a: p6_23_automatic_category4(a) != MET,
        paras=ps("6.27", "6.28"),
    ),
    Question(
        "tpim", "Is the person subject to a Terrorism Prevention and Investigation Measures (TPIM) notice?",
        "yesno", allow_unknown=True,
        matters=lambda a: p6_2_category3_section_reached(a),
        paras=(p("24.37"),),
    ),
    Question(
        "disqualification_order",
        "Has a court disqualified the person from working with children (a disqualification order)?",
        "yesno", allow_unknown=True,
        paras=(p("6.29"),),
    ),
    Question(
        "concerns", "Do any of these apply? Tick all that do.", "multi", required=False,
        help="Behaviour and patterns matter as well as the offence the person was convicted of.",
        choices=(
            Choice("domestic_abuse", "Domestic abuse by the person"),
            Choice("stalking", "Stalking behaviour"),
            Choice("gang_violence", "Gang-related violence"),
            Choice("mental_health", "Worsening mental health linked to the offending"),
            Choice("alcohol", "Increasing alcohol misuse linked to the offending"),
            Choice("returned_from_abroad", "Returned or deported to the UK after offending abroad, with no "
                   "supervision or monitoring here"),
        ),
        paras=ps("6.14", "6.16", "6.17", "6.20", "6.21"),
    ),
    Question(
        "ra_serious_harm",
        "Has the MAPPA Co-ordination Unit decided that an offence shows the person may be capable of causing "
        "serious harm?", "choice",
        help="A decision of the Responsible Authority. Most people outside MAPPA will answer 'Not decided or I "
             "don't know'.",
        choices=(Choice("yes", "Yes"), Choice("no", "No"), Choice("unknown", "Not decided, or I don't know")),
        matters=lambda a: p6_2_category3_open(a),
        paras=ps("6.12", "6.14", "6.22"),
    ),
    Question(
        "ra_level_2_3_needed",
        "Has it been decided that multi-agency management at Level 2 or 3 (formal MAPPA meetings) is needed?",
        "choice",
        choices=(Choice("yes", "Yes"), Choice("no", "No"), Choice("unknown", "Not decided, or I don't know")),
        matters=lambda a: p6_2_category3_open(a),
        paras=ps("6.11", "6.13"),
    ),
    Question(
        "managed_elsewhere",
        "Is the risk already being managed well through another multi-agency meeting (for example MARAC, "
        "MATAC or Integrated Offender Management)?", "yesno", allow_unknown=True,
        matters=lambda a: p27_33_other_forums_matter(a),
        paras=(p("27.33"),),
    ),
    Question(
        "supervision", "Who supervises the person now (or will on release)?", "choice", required=False,
        help="The agency that supervises the person is usually the lead agency for MAPPA.",
        choices=SUPERVISION_CHOICES,
        paras=ps("2.4", "26.51", "16.1"),
    ),
)

# ---------------------------------------------------------------------------
# Flags: where the guidance contradicts itself or is silent on a path this calculator takes
# ---------------------------------------------------------------------------

FLAGS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "FOUR_CATEGORIES_VS_THREE": (
        "The introduction (1.11) says offenders are placed in one of three categories; chapter 6 has four.",
        ps("1.11", "6.1"),
        ("Chapter 6 governs: there are four categories, and Category 4 is the terrorist category.",
         "Paragraph 1.11 is left over from an edition without Category 4."),
    ),
    "CROSS_REFERENCE_6_7_SELF": (
        "Paragraph 6.7 sends the reader to 'paragraph 6.7' for qualifying sentences; the list is in 6.8.",
        ps("6.7", "6.8"),
        ("The list meant is 6.8 (used here).", "Read literally, 6.7 refers to itself and defines nothing."),
    ),
    "CROSS_REFERENCE_6_24": (
        "Paragraph 6.24 says 'qualifying sentence (see 6.27)'; the list of qualifying sentences is 6.26 "
        "(6.27 is discretionary Category 4).",
        ps("6.24", "6.26", "6.27"),
        ("The list meant is 6.26 (used here).", "Read literally, 6.27 gives no list of sentences."),
    ),
    "CROSS_REFERENCE_6_27B": (
        "Paragraph 6.27(b) speaks of 'the disposal in paragraph 6.23(d)'; the disposals are listed in 6.27(a).",
        ps("6.27", "6.23"),
        ("The list meant is 6.27(a) (used here).", "6.23(d) names no disposal."),
    ),
    "CONVICTED_TERRORIST_HOSPITAL_ORDER": (
        "A person convicted of a relevant terrorist offence and given a hospital or guardianship order: 6.26 "
        "lists no hospital or guardianship order and 6.23(c) covers only findings of insanity or unfitness, "
        "but 24.8 says anyone given a hospital or guardianship order for such an offence is Category 4.",
        ps("6.23", "6.26", "24.8"),
        ("Category 4 (24.8): likely the intended reading, for the Responsible Authority to confirm.",
         "Not automatic Category 4 (6.23 and 6.26 read literally), unless terrorism notification (6.24) "
         "applies; then Category 2 or 1 if their tests are met, or discretionary Category 4."),
    ),
    "TERRORIST_THRESHOLDS_DIFFER": (
        "24.8 summarises automatic Category 4 as 'at least 12 months custody' and does not mention suspended "
        "sentences; 6.26 includes a suspended sentence of 12 months or more.",
        ps("6.26", "24.8"),
        ("6.26 governs: a suspended sentence of 12 months or more qualifies (used here).",
         "24.8 read alone: only custody counts."),
    ),
    "SERVICE_DETENTION_TERRORIST": (
        "A corresponding service offence can be a relevant terrorist offence (6.25), but service detention is "
        "not in the list of qualifying sentences (6.26); the guidance does not say whether it counts.",
        ps("6.25", "6.26"),
        ("It does not qualify: only the sentences listed in 6.26 count.",
         "It qualifies where it is detention for 12 months or more, as the offence itself is covered."),
    ),
    "OTHER_UK_CONVICTION": (
        "Chapter 6 does not say how convictions in Scotland or Northern Ireland are treated for Category 2.",
        ps("6.7", "6.19"),
        ("They count like convictions in England and Wales (Schedule 15 equivalents).",
         "They do not count for Category 2 (some local procedures limit it to courts in England and Wales), "
         "leaving Category 1, 3 or 4."),
    ),
    "GLOBAL_SENTENCE": (
        "Where a court passes one sentence on a lead offence and 'no separate penalty' on others, the "
        "guidance does not say which offence the sentence belongs to; 6.9 only requires a single qualifying "
        "sentence for a single qualifying offence.",
        (p("6.9"),),
        ("Only the offence that carries the sentence counts; an offence with no separate penalty has no "
         "qualifying sentence.",
         "The sentence on the lead offence reflects all the offences, so a MAPPA offence sentenced with it "
         "can qualify."),
    ),
    "TERM_OF_365_DAYS": (
        "The guidance says 52 weeks is less than 12 months but says nothing of terms given in days; 365 days "
        "is 12 months from some dates and not from others.",
        ps("6.8", "6.26"),
        ("365 days is 12 months or more (it is a calendar year in most years).",
         "365 days is less than 12 months when the 12 months include 29 February."),
    ),
    "EXACTLY_12_MONTHS_WORDING": (
        "The rule is '12 months or more' (6.8), but 26.39 describes transferred prisoners as 'serving over 12 "
        "months' and some local documents say 'over twelve months'.",
        ps("6.8", "26.39"),
        ("12 months exactly qualifies (6.8, used here).", "Only more than 12 months qualifies (26.39 wording)."),
    ),
    "SUSPENDED_TERM_NOT_DEFINED": (
        "6.8 and 6.26 speak of 'suspended sentences with a term of 12 months or more' without saying whether "
        "the term is the prison term or the time it is suspended for.",
        ps("6.8", "6.26"),
        ("The prison term (used here; a local memorandum also speaks of the 'custody element').",
         "The operational (suspension) period: not supported by any paragraph."),
    ),
    "HOSPITAL_CATEGORY_2_WIDER_IN_CH26": (
        "26.38 describes Category 2 for patients more loosely than 6.8 ('detained in hospital subject to "
        "provisions of the MHA 1983', 'Schedule 15 or 4A') and lists only Categories 1 to 3.",
        ps("6.8", "26.38"),
        ("6.8 governs: a hospital or guardianship order made for the qualifying offence (used here).",
         "26.38 read alone: any detention under the Mental Health Act after such an offence."),
    ),
    "S4A_WORDING_6_17": (
        "6.17 says those 'sentenced to less than 12 months for offences under s.4A ... do not fall under "
        "sch.15'; but s.4A stalking is a Schedule 15 offence (27.10 lists it as needing mandatory MAPPA "
        "management). It is the sentence, not the offence, that misses Category 2.",
        ps("6.17", "27.10"),
        ("s.4A is a Schedule 15 violent offence: 12 months or more gives Category 2 (used here).",
         "Read literally, s.4A with less than 12 months is outside Schedule 15 (the result is the same: "
         "not Category 2, consider Category 3)."),
    ),
    "APPENDICES_MISSING": (
        "The guidance refers to lists that are not in its text: Appendix 4 (Schedule 15 offences) and "
        "Appendix 8 (Schedule 15 sexual offences without notification).",
        ps("6.7", "6.10"),
        ("Check the offence against Schedule 15 of the Criminal Justice Act 2003 itself.",
         "Ask the lead agency, which records the category."),
    ),
    "DOMESTIC_ABUSE_OFFENCES_27_10": (
        "27.10 lists offences in domestic abuse cases that 'require mandatory MAPPA management' without "
        "repeating the sentence test of 6.8.",
        ps("27.10", "6.8", "27.11"),
        ("The offence also needs a qualifying sentence (6.8; used here): otherwise consider Category 3 (27.11).",
         "Read alone, 27.10 suggests the offence type is enough."),
    ),
    "DISCRETIONARY_CAT4_OVER_CAT1": (
        "6.2 says someone meeting Category 1 and Category 4 is Category 4, without excluding discretionary "
        "Category 4; discretionary Category 4 must then be managed at Level 2 or 3 (7.6).",
        ps("6.2", "7.6"),
        ("Category 4 (6.2 read literally, used here), managed at Level 2 or 3.",
         "Category 1, with the terrorism risk managed within it: for the Responsible Authority to confirm."),
    ),
    "DISCRETIONARY_TEST_WORDING": (
        "24.8 words the discretionary test 'may have become, or may be becoming involved'; 6.27(b) says 'may "
        "be or become involved'.",
        ps("6.27", "24.8"),
        ("6.27(b) governs (used here).", "24.8: a past or developing involvement."),
    ),
}


def _raise_flags(out: Outcome, codes: list[str]) -> None:
    out.flags_from(FLAGS, *codes)


# ---------------------------------------------------------------------------
# The tests of chapter 6, one offence at a time
# ---------------------------------------------------------------------------


@dataclass
class OffenceResult:
    number: int
    offence: dict[str, Any]
    category2: Finding
    category4: Finding
    mappa_offence: bool  # murder, Schedule 15 or s.327(4A) (Category 2 offence types)


def _label(n: int) -> str:
    return f"Offence {n}"


def offence_type_for_category2(o: dict[str, Any]) -> Finding:
    """Murder, a Schedule 15 offence or an offence under s.327(4A) (6.7)."""
    named = o.get("named_offence", "none")
    if named == "coercive_control":
        return Finding(NOT_MET, "Controlling or coercive behaviour (s.76 Serious Crime Act 2015) is not a Schedule "
                                "15 offence, so it never gives Category 2 whatever the sentence.", ps("6.16",),
                       fails_on="offence")
    if named == "stalking_s2a":
        return Finding(NOT_MET, "Stalking under s.2A of the Protection from Harassment Act 1997 is not a Schedule "
                                "15 offence, so it never gives Category 2 whatever the sentence.", ps("6.17",),
                       fails_on="offence")
    if named == "stalking_s4a":
        return Finding(MET, "Stalking involving fear of violence (s.4A) is a Schedule 15 violent offence.",
                       ps("6.17", "27.10"), ("S4A_WORDING_6_17",))
    group = o.get("offence_group", "unknown")
    if group in MAPPA_GROUPS:
        return Finding(MET, "The offence is murder, a Schedule 15 offence or a s.327(4A) offence.", ps("6.7",))
    if group == "other":
        return Finding(NOT_MET, "The offence is not murder, a Schedule 15 offence or a s.327(4A) offence.",
                       ps("6.7",), fails_on="offence")
    return Finding(UNKNOWN, "It is not known whether the offence is murder or a Schedule 15 or s.327(4A) offence.",
                   ps("6.7",), ("APPENDICES_MISSING",),
                   missing=("whether the offence is murder or listed in Schedule 15",))


def court_for_category2(o: dict[str, Any]) -> Finding:
    court = o.get("court", "unknown")
    if court == "england_wales":
        return Finding(MET)
    if court == "service":
        return Finding(NOT_MET, "A conviction in a military court under s.42 of the Armed Forces Act 2006 is not a "
                                "Schedule 15 offence, so it never gives Category 2.", ps("6.15", "16.3"),
                       fails_on="court")
    if court == "overseas":
        return Finding(NOT_MET, "A conviction abroad does not give Category 2; it can lead to Category 1 through a "
                                "Notification Order, or to Category 3.", ps("6.19", "6.21"), fails_on="court")
    if court == "other_uk":
        return Finding(RA, "The guidance does not say how a conviction in Scotland or Northern Ireland is treated "
                           "for Category 2.", ps("6.7",), ("OTHER_UK_CONVICTION",))
    return Finding(UNKNOWN, "It is not known where the person was dealt with.", (),
                   missing=("where the person was dealt with (which court)",))


def qualifying_disposal_category2(o: dict[str, Any]) -> Finding:
    """One of the sentences or orders listed in 6.8, for that offence (6.8, 6.9)."""
    disposal = o.get("disposal", "unknown")
    if disposal in HOSPITAL:
        return Finding(MET, "A hospital order (with or without restrictions) or a guardianship order under the "
                            "Mental Health Act 1983 qualifies whatever its length.", ps("6.8",),
                       ("HOSPITAL_CATEGORY_2_WIDER_IN_CH26",))
    if disposal in TERMED:
        return _termed(o, for_category4=False)
    if disposal in ("community_order", "fine_or_discharge", "service_detention"):
        return Finding(NOT_MET, "A community sentence, fine, discharge or service detention is not one of the "
                                "sentences listed for Category 2.", ps("6.8",), fails_on="sentence")
    if disposal == "not_yet_sentenced":
        return Finding(UNKNOWN, "Category 2 depends on the sentence for the offence, and the person has not been "
                                "sentenced yet.", ps("6.8",), missing=("the sentence (not given yet)",))
    return Finding(UNKNOWN, "It is not known what the court gave for the offence.", ps("6.8",),
                   missing=("what the court gave for the offence",))


def _termed(o: dict[str, Any], for_category4: bool) -> Finding:
    disposal = o.get("disposal")
    term = term_meets_12_months(o.get("term_value"), o.get("term_unit"), o.get("term_indeterminate") == YES,
                                for_category4)
    notes: list[tuple[str, tuple[str, ...]]] = []
    flags = list(term.flags)
    if disposal == "dto":
        notes.append(("For a Detention and Training Order the whole term counts, not only the half served in "
                      "custody.", ps("6.26",) if for_category4 else ps("6.8",)))
    if disposal == "suspended_sentence":
        flags.append("SUSPENDED_TERM_NOT_DEFINED")
        notes.append(("For a suspended sentence the prison term counts, not the time it is suspended for.",
                      ps("6.26",) if for_category4 else ps("6.8",)))
        if for_category4:
            flags.append("TERRORIST_THRESHOLDS_DIFFER")
    if disposal == "hybrid_order":
        notes.append(("With a hospital direction (s.45A) the prison sentence is tested.", ps("26.39",)))
    scope = o.get("term_scope", "unknown")
    if scope == "this_offence" or o.get("term_indeterminate") == YES:
        return Finding(term.status, term.why, term.paras, tuple(flags), term.missing, term.fails_on, tuple(notes))
    sp = (p("6.9"),)
    if scope == "no_separate_penalty":
        if term.status == NOT_MET:
            return Finding(NOT_MET, "The sentence passed in the case is less than 12 months. " + term.why,
                           term.paras + sp, tuple(flags), (), "term", tuple(notes))
        return Finding(RA, "The court gave no separate penalty for this offence: the guidance does not say "
                           "whether the sentence on another offence counts for it.", term.paras + sp,
                       tuple(flags) + ("GLOBAL_SENTENCE",), (), "", tuple(notes))
    # a total for several offences, or not known whether it is
    if term.status == NOT_MET:
        return Finding(NOT_MET, "Even the total is less than 12 months, so no single sentence in it can reach 12 "
                                "months. " + term.why, term.paras + sp, tuple(flags), (), "term", tuple(notes))
    return Finding(UNKNOWN, "Only the sentence for this offence on its own counts, before sentences are added up "
                            "or run together; a total cannot show it.", term.paras + sp, tuple(flags),
                   ("the sentence for this offence on its own (not the total)",), "", tuple(notes))


def category2_offence(o: dict[str, Any]) -> Finding:
    """Category 2 through this offence: 6.7, 6.8 and 6.9."""
    if o["route"] == "caution":
        return Finding(NOT_MET, "A caution is not a sentence: Category 2 needs one of the sentences listed in 6.8.",
                       ps("6.7", "6.8"), fails_on="route")
    found = all_of([court_for_category2(o), offence_type_for_category2(o), qualifying_disposal_category2(o)])
    return Finding(found.status, found.why, found.paras, found.flags + ("CROSS_REFERENCE_6_7_SELF",),
                   found.missing, found.fails_on, found.notes)


def category4_offence(o: dict[str, Any]) -> Finding:
    """Automatic Category 4 through this offence: 6.23(b) or (c), 6.25, 6.26."""
    terrorist = o.get("terrorist", DK)
    if terrorist == NO:
        return Finding(NOT_MET, fails_on="offence")
    relevant = (Finding(UNKNOWN, "It is not known whether the offence was a terrorism offence or had a terrorist "
                                 "connection.", ps("6.25",), missing=("whether the offence was a terrorism offence",))
                if terrorist == DK else
                Finding(MET, "It is a relevant terrorist offence: an offence listed in Schedule 19ZA of the Criminal "
                             "Justice Act 2003, a corresponding service offence, or one the court found to have a "
                             "terrorist connection.", ps("6.25",)))
    route, disposal, court = o["route"], o.get("disposal", "unknown"), o.get("court", "unknown")
    if route == "caution":
        return Finding(NOT_MET, "A caution is not a conviction: automatic Category 4 needs a conviction or a "
                                "court finding.", ps("6.23",), fails_on="route")
    if route in ("ngri", "unfit_did_act"):  # 6.23(c)
        if disposal not in HOSPITAL:
            if disposal in ("unknown", "not_yet_sentenced"):
                return all_of([relevant, Finding(UNKNOWN, "It is not known what order the court made.", ps("6.23",),
                                                 missing=("what the court ordered",))])
            return Finding(NOT_MET, "After a finding of insanity or unfitness, automatic Category 4 needs a hospital "
                                    "or guardianship order.", ps("6.23",), fails_on="sentence")
        max_pen = o.get("max_penalty_over_12_months", DK)
        penalty = (Finding(MET, "The offence can be punished by more than 12 months.", ps("6.23",)) if max_pen == YES
                   else Finding(NOT_MET, "The offence cannot be punished by more than 12 months, so 6.23(c) does "
                                         "not apply.", ps("6.23",), fails_on="offence") if max_pen == NO
                   else Finding(UNKNOWN, "It is not known whether the offence can be punished by more than 12 "
                                         "months.", ps("6.23",),
                                missing=("whether the offence can be punished by more than 12 months",)))
        return all_of([relevant, penalty, Finding(MET, "A hospital or guardianship order was made.", ps("6.23",))])
    # conviction: 6.23(b)
    if court == "overseas":
        return Finding(NOT_MET, "A conviction abroad is not a relevant terrorist offence under 6.25; discretionary "
                                "Category 4 can still apply.", ps("6.25", "6.27"), fails_on="court")
    if disposal == "service_detention":
        return all_of([relevant, Finding(RA, "Service detention is not in the list of qualifying sentences.",
                                         ps("6.25", "6.26"), ("SERVICE_DETENTION_TERRORIST",))])
    if disposal in HOSPITAL:
        return all_of([relevant, Finding(RA, "A convicted person given a hospital or guardianship order for a "
                                             "terrorist offence: 24.8 says Category 4, 6.23 and 6.26 do not.",
                                         ps("6.23", "6.26", "24.8"), ("CONVICTED_TERRORIST_HOSPITAL_ORDER",))])
    if disposal in TERMED:
        return all_of([relevant, _termed(o, for_category4=True)])
    if disposal in ("unknown", "not_yet_sentenced"):
        return all_of([relevant, Finding(UNKNOWN, "It is not known what sentence the court gave.", ps("6.26",),
                                         missing=("the sentence for the offence",))])
    return Finding(NOT_MET, "A community sentence, fine or discharge is not a qualifying sentence.", ps("6.26",),
                   fails_on="sentence")


def assess_offences(offences: list[dict[str, Any]]) -> list[OffenceResult]:
    results = []
    for i, o in enumerate(offences, start=1):
        mappa = o.get("named_offence") == "stalking_s4a" or o.get("offence_group") in MAPPA_GROUPS
        results.append(OffenceResult(i, o, category2_offence(o), category4_offence(o), mappa))
    return results


def dto_notification(o: dict[str, Any]) -> Finding | None:
    """6.5: for notification only the custodial element (half) of a DTO is compared with a Sch.3 threshold."""
    threshold = o.get("sch3_threshold_months")
    months = term_in_months(o.get("term_value"), o.get("term_unit"))
    if o.get("disposal") != "dto" or threshold is None or months is None:
        return None
    custodial = months / 2
    ok = custodial >= threshold
    return Finding(MET if ok else NOT_MET,
                   f"The custodial part of a {months:g}-month DTO is {custodial:g} months, "
                   f"{'which reaches' if ok else 'below'} the registration threshold of {threshold} months you gave.",
                   ps("6.5",))


SERVICE_NOTIFICATION_DAYS = 112


def p16_3_service_notification(o: dict[str, Any]) -> Finding | None:
    """16.3: a sexual offence under s.42 of the Armed Forces Act 2006 brings notification only if the
    matching offence in England and Wales does and the service detention is at least 112 days."""
    days = o.get("service_detention_days")
    if o.get("court") != "service" or o.get("disposal") != "service_detention" or days is None:
        return None
    if days < SERVICE_NOTIFICATION_DAYS:
        return Finding(NOT_MET, f"{days} days of service detention is less than 112 days, so the offence does not "
                                "bring registration as a sex offender.", ps("16.3",))
    return Finding(UNKNOWN, f"{days} days of service detention reaches 112 days: the person must register if the "
                            "matching offence in England and Wales brings registration (the police can confirm).",
                   ps("16.3",))


def notification_threshold(o: dict[str, Any]) -> Finding | None:
    """A sentence threshold for notification that the answers settle: the DTO rule of 6.5 or the
    112 days of 16.3."""
    return dto_notification(o) or p16_3_service_notification(o)


# ---------------------------------------------------------------------------
# The categories (6.2: one category at a time, Category 4 and 1 before 2, Category 3 last)
# ---------------------------------------------------------------------------


def category1(a: dict[str, Any], results: list[OffenceResult], out: Outcome) -> str:
    status = a.get("sex_offender_notification", "unknown")
    if status == "current":
        return MET
    settled = [(r, notification_threshold(r.offence)) for r in results]
    for r, f in settled:
        if f is not None:
            out.reason(f"{_label(r.number)}: {f.why}", *f.paras)
            if status == "never" and f.status == MET:
                out.warn("You said the person has never had to register, but on the threshold you gave the "
                         "Detention and Training Order reaches it: check with the police.", p("6.5"))
    if status in ("expired", "never"):
        if status == "expired":
            out.reason("Registration has ended, so Category 1 no longer applies; another category can apply if its "
                       "criteria are met.", p("6.3"), p("6.38"))
        return NOT_MET
    # not known: the DTO rule of 6.5 may settle it, if the threshold was given
    if any(f is not None and f.status == MET for _, f in settled):
        out.reason("On the threshold you gave, the person is likely to have to register (our reading of 6.5); the "
                   "police can confirm.", p("6.5"))
        return MET
    if not results:
        return NOT_MET
    could_register = [r for r in results if r.offence.get("named_offence") not in ("coercive_control", "stalking_s2a",
                                                                                "stalking_s4a")
                      and r.offence.get("offence_group") in ("sch15_sexual", "other", "unknown")]
    if not could_register:
        out.reason("Registration was not given, but none of the offences is a sexual offence or of unknown type, so "
                   "Category 1 is not expected from them (our reading of 6.5; the police can confirm).", p("6.5"))
        return NOT_MET
    by_number = dict((r.number, f) for r, f in settled)
    if all(by_number[r.number] is not None and by_number[r.number].status == NOT_MET for r in could_register):
        return NOT_MET
    return UNKNOWN


def p6_24_part4_possible(a: dict[str, Any]) -> bool:
    """Part 4 notification needs the person to be 16 or over when dealt with (6.24): someone under 16
    now cannot be subject to it."""
    return a.get("age") != "under_16"


def p6_24_part4(a: dict[str, Any]) -> str:
    """The answer on Part 4 notification, read with 6.24: "never" for someone under 16."""
    return a.get("cta_part4_notification", "never") if p6_24_part4_possible(a) else "never"


def category4_routes(a: dict[str, Any], results: list[OffenceResult]) -> tuple[str, str]:
    """(automatic Category 4 status, discretionary Category 4 status)."""
    part4 = p6_24_part4(a)
    if part4 == "current":
        part4_status = MET
    elif part4 == "unknown" and any(r.category4.status in (UNKNOWN, RA) for r in results):
        part4_status = UNKNOWN
    else:
        part4_status = NOT_MET
    auto = any_of([Finding(part4_status)] + [r.category4 for r in results])
    disc = MET if a.get("terrorism_risk_identified") == YES and results else NOT_MET
    return auto, disc


@dataclass
class Assessment:
    """Where each category stands on the answers given (MET, NOT_MET, UNKNOWN or RA)."""

    results: list[OffenceResult]
    cat1: str
    auto4: str
    disc4: str
    cat2: str


def assess(a: dict[str, Any], out: Outcome | None = None) -> Assessment:
    """Every category's test on the answers (the reasons of Category 1 go to ``out`` if given)."""
    results = assess_offences(a.get("offences", []))
    cat1 = category1(a, results, out if out is not None else Outcome("", ""))
    auto4, disc4 = category4_routes(a, results)
    cat2 = any_of([r.category2 for r in results]) if results else NOT_MET
    return Assessment(results, cat1, auto4, disc4, cat2)


def p6_23_automatic_category4(a: dict[str, Any]) -> str:
    """The status of automatic Category 4 (6.23 a to c) on the answers given."""
    return assess(a).auto4


def p6_2_category3_section_reached(a: dict[str, Any]) -> bool:
    """6.2 and 6.11: Category 3 (and the prompts that go with it) only when no other category is met or
    may be met on the answers given."""
    s = assess(a)
    return all(x == NOT_MET for x in (s.cat1, s.auto4, s.disc4, s.cat2))


def p6_2_category3_open(a: dict[str, Any]) -> bool:
    """Category 3 can be decided: no other category is met or may be met, and there is an offence on
    record (6.2, 6.11, 6.12)."""
    return p6_2_category3_section_reached(a) and bool(a.get("offences"))


CONSIDER_CAT3, CAT3, CONSIDER_CAT4_DISC, NOT_ELIGIBLE = "CONSIDER_CAT3", "CAT3", "CONSIDER_CAT4_DISC", "NOT_ELIGIBLE"


def p6_12_category3_refused(a: dict[str, Any]) -> bool:
    """The Co-ordination Unit has decided that the offence does not show serious harm, or that Level 2 or 3
    management is not needed (6.12, 6.13)."""
    return NO in (a.get("ra_serious_harm"), a.get("ra_level_2_3_needed"))


def p6_11_category3_code(a: dict[str, Any], results: list[OffenceResult]) -> str:
    """The answer once no other category applies (6.11-6.13, 6.22; discretionary Category 4 6.27, 24.37)."""
    harm, need = a.get("ra_serious_harm"), a.get("ra_level_2_3_needed")
    if not results:
        return NOT_ELIGIBLE
    if harm == YES and need == YES:
        return CAT3
    if category4_discretionary_prompts(a, results):
        return CONSIDER_CAT4_DISC
    if p6_12_category3_refused(a):
        return NOT_ELIGIBLE
    if category3_prompts(a, results) or harm == YES:
        return CONSIDER_CAT3
    return NOT_ELIGIBLE


def p27_33_other_forums_matter(a: dict[str, Any]) -> bool:
    """Whether another forum manages the risk is weighed only when Category 3 is being decided or
    considered (27.33, 6.13)."""
    return p6_2_category3_open(a) and p6_11_category3_code(a, assess(a).results) in (CONSIDER_CAT3, CAT3)


def p6_16_domestic_abuse_case(a: dict[str, Any], results: list[OffenceResult]) -> bool:
    """Domestic abuse by the person: an offence within a family or intimate relationship, controlling or
    coercive behaviour, or the concern ticked (6.16, 27.11)."""
    return ("domestic_abuse" in a.get("concerns", [])
            or any(r.offence.get("domestic_abuse") == YES or r.offence.get("named_offence") == "coercive_control"
                   for r in results))


def category3_prompts(a: dict[str, Any], results: list[OffenceResult]) -> list[tuple[str, tuple[str, ...], str]]:
    """The 'must consider' and 'should consider' prompts for Category 3 (text, paras, flag code)."""
    prompts: list[tuple[str, tuple[str, ...], str]] = []
    concerns = a.get("concerns", [])

    def add(text: str, paras: tuple[str, ...], flag: str = "") -> None:
        if text not in [t for t, _, _ in prompts]:
            prompts.append((text, paras, flag))

    if any(r.offence.get("domestic_abuse") == YES for r in results) or "domestic_abuse" in concerns:
        add("Domestic abuse: every domestic abuse perpetrator not managed under Category 1, 2 or 4 must be "
            "considered for Category 3.", ps("6.16", "27.11", "27.13"))
    for r in results:
        o = r.offence
        named = o.get("named_offence")
        if named == "coercive_control":
            add("A conviction for controlling or coercive behaviour must be considered for Category 3.",
                ps("6.16", "27.11"))
        if named in ("stalking_s2a", "stalking_s4a"):
            add("A stalking conviction that does not give Category 2 must be considered for Category 3.",
                ps("6.17", "27.11", "27.18"))
        if named == "breach_civil_order":
            add("A conviction for breaching a civil order (such as a restraining order) should always be "
                "considered for Category 3.", ps("27.11",))
        if r.mappa_offence and o.get("domestic_abuse") == YES and r.category2.status == NOT_MET:
            add("A Schedule 15 offence with a domestic abuse element that misses Category 2 because of the "
                "sentence should be considered for Category 3.", ps("27.11",), "DOMESTIC_ABUSE_OFFENCES_27_10")
        if o.get("court") == "overseas":
            add("A conviction abroad (above all for a sexual or violent offence) should be considered for "
                "Category 3; the police make the first assessment.", ps("6.19", "6.20"))
        if o.get("court") == "service":
            add("An offence under s.42 of the Armed Forces Act 2006: if the lead agency or the Ministry of Defence "
                "thinks the risk of serious harm needs active multi-agency management, consider Category 3.",
                ps("6.15", "16.3"))
    short = [r for r in results if r.mappa_offence and r.category2.status == NOT_MET and r.category2.fails_on == "term"]
    if len(short) >= 2:
        add("Several MAPPA offences each with a sentence under 12 months do not make Category 2, but the person "
            "may be eligible for Category 3.", ps("6.9",))
    if "stalking" in concerns:
        add("Stalking behaviour must be considered for Category 3 when Category 2 does not apply.",
            ps("6.17", "27.18"))
    if any(c in concerns for c in ("gang_violence", "mental_health", "alcohol")):
        add("A pattern of offending showing serious harm (such as gang violence) or a rising risk linked to the "
            "offence (worsening mental health, more drinking) should be considered for Category 3.", ps("6.14",))
    if "returned_from_abroad" in concerns:
        add("Someone returned to the UK with no statutory monitoring or supervision could be considered for "
            "Category 3.", ps("6.20", "6.21"))
    return prompts


def category4_discretionary_prompts(a: dict[str, Any], results: list[OffenceResult]) -> list[tuple[str, tuple[str, ...]]]:
    prompts = []
    if a.get("tpim") == YES and results:
        prompts.append(("A person subject to a TPIM who is not automatically MAPPA should be considered for "
                        "discretionary Category 4.", ps("24.37", "6.27")))
    if any(r.offence.get("terrorist") == YES and r.category4.status == NOT_MET for r in results):
        prompts.append(("A terrorism-related offence that does not give automatic Category 4 can still lead to "
                        "discretionary Category 4 if Counter-Terrorism Police or the National Security Division "
                        "identify a terrorism risk.", ps("6.27", "6.28")))
    return prompts


RA_WHO = "Responsible Authority (police, prison and probation services acting together)"
CU_WHO = "MAPPA Co-ordination Unit, on behalf of the Responsible Authority"
CT_WHO = "Counter-Terrorism Police and the Probation Service National Security Division"


def _cat3_decider(out: Outcome) -> None:
    out.decided_by(CU_WHO, "whether the person meets the Category 3 criteria",
                   ("whether the offence shows the person may be capable of causing serious harm (often from the "
                    "circumstances, not only the legal name of the offence)",
                    "whether management at Level 2 or 3 is necessary to manage the risks",
                    "all available information and intelligence, not only the conviction",
                    "whether another forum (for example MARAC) is already managing the risk effectively"),
                   *ps("6.12", "6.13", "6.14", "6.18", "6.22", "27.33"))


def _cat4_disc_decider(out: Outcome) -> None:
    out.decided_by(CT_WHO, "whether the person is a discretionary Category 4 offender",
                   ("a conviction, caution, reprimand or warning, or a finding of insanity or unfitness, for any "
                    "offence, in the UK or abroad",
                    "a belief that the person may be or become involved in terrorism-related activity, which need "
                    "not relate to the offence"),
                   *ps("6.27", "6.28", "7.11"))


def _missing(results: list[OffenceResult], attr: str) -> list[str]:
    seen: list[str] = []
    for r in results:
        f = getattr(r, attr)
        if f.status == UNKNOWN:
            for m in f.missing:
                text = f"{m} ({_label(r.number).lower()})"
                if text not in seen:
                    seen.append(text)
    return seen


def _offence_reasons(out: Outcome, results: list[OffenceResult], attr: str, title: str, show: tuple[str, ...]) -> list[str]:
    codes: list[str] = []
    for r in results:
        f: Finding = getattr(r, attr)
        if f.status not in show:
            continue
        if f.why:
            verdict = {MET: "meets", NOT_MET: "does not meet", UNKNOWN: "may meet", RA: "may meet"}[f.status]
            out.reason(f"{_label(r.number)} {verdict} the {title} test. {f.why}", *f.paras)
        for text, paras in f.notes:
            out.reason(f"{_label(r.number)}: {text}", *paras)
        if f.status != NOT_MET:
            codes += list(f.flags)
        else:
            codes += [c for c in f.flags if c in ("S4A_WORDING_6_17", "SUSPENDED_TERM_NOT_DEFINED",
                                                  "CROSS_REFERENCE_6_7_SELF")]
    return codes


_WHILE_CURRENT = (", for as long as that sentence or order lasts (a sentence served long ago no longer counts: see "
                  "'When does MAPPA status end?').")
MAPPA_CODES = ("CAT1", "CAT2", "CAT3", "CAT4_AUTO", "CAT4_DISC")


def _local_three_categories(out: Outcome) -> None:
    out.local_notice("three_categories")
    out.local_notice("terrorist_offenders_category_2_or_3")


def p6_29_disqualification_orders(out: Outcome, a: dict[str, Any]) -> None:
    if a.get("disqualification_order") != YES:
        return
    out.reason("A disqualification order on its own no longer brings anyone into MAPPA (since the Deregulation "
               "Act 2015): the person is decided on their other offences and orders.", p("6.29"))
    out.local_notice("disqualification_order_category_2")
    out.local_notice("disqualification_order_category_2_memorandum")


# ---- Category 4 (wins over everything: 6.2)

def p6_23_category4(out: Outcome, a: dict[str, Any], s: Assessment, codes: list[str]) -> None:
    _local_three_categories(out)
    codes.append("FOUR_CATEGORIES_VS_THREE")
    part4 = p6_24_part4(a) == "current"
    if s.auto4 == MET:
        out.code = "CAT4_AUTO"
        out.answer = "Category 4 (terrorist offender): the person is a MAPPA offender automatically."
        if not part4:
            out.answer = out.answer[:-1] + _WHILE_CURRENT
            out.reason("Through a sentence or order, Category 4 ends when the licence expires (for consecutive or "
                       "concurrent sentences, the whole sentence), on absolute discharge from a hospital or "
                       "guardianship order, or when a Community Treatment Order expires; post-sentence supervision "
                       "does not keep the person in MAPPA. After that another category can apply.",
                       *ps("6.38", "6.3"))
        else:
            out.reason("The person must notify the police under Part 4 of the Counter-Terrorism Act 2008.",
                       *ps("6.23", "6.24"))
            codes.append("CROSS_REFERENCE_6_24")
        codes += _offence_reasons(out, s.results, "category4", "automatic Category 4", (MET,))
    else:
        out.code = "CAT4_DISC"
        out.answer = ("Category 4, discretionary (terrorism risk): Counter-Terrorism Police or the National "
                      "Security Division have identified the person, and they have an offence on record.")
        out.reason("The person has a conviction, caution or court finding, and has been identified as someone who "
                   "may be or become involved in terrorism-related activity.", *ps("6.23", "6.27", "6.28"))
        codes += ["CROSS_REFERENCE_6_27B", "DISCRETIONARY_TEST_WORDING"]
        _cat4_disc_decider(out)
        if s.cat1 == MET:
            codes.append("DISCRETIONARY_CAT4_OVER_CAT1")
        out.reason("Discretionary Category 4 cases must be managed at Level 2 or 3.", p("7.6"))
    out.reason("Category 4 is used even when Category 1 or 2 is also met.", p("6.2"))
    if s.cat1 == MET or s.cat2 == MET:
        out.reason(f"Category {'1' if s.cat1 == MET else '2'} is also met, but Category 4 takes precedence.", p("6.2"))


def p6_23_category4_unsettled(out: Outcome, a: dict[str, Any], s: Assessment, codes: list[str]) -> None:
    also = "Category 1" if s.cat1 == MET else "Category 2" if s.cat2 == MET else ""
    codes += _offence_reasons(out, s.results, "category4", "automatic Category 4", (RA, UNKNOWN))
    if s.auto4 == RA:
        out.code = "REQUIRES_RA_DECISION"
        out.answer = ("Possibly Category 4 (terrorist offender): the guidance does not settle this case, so the "
                      "Responsible Authority must decide." + (f" If it is not Category 4, it is {also}." if also else ""))
        out.decided_by(RA_WHO, "whether the person is an automatic Category 4 offender",
                       ("the offence, the court's finding on a terrorist connection and the sentence or order",),
                       *ps("6.23", "6.26", "24.8"))
        return
    missing = _missing(s.results, "category4")
    if p6_24_part4(a) == "unknown":
        missing.insert(0, "whether the person must notify under the terrorism notification scheme")
    out.code = "UNDETERMINED_NEEDS_FACT"
    out.answer = ("Possibly Category 4: we need to know " + "; ".join(missing) + "."
                  + (f" If it is not Category 4, it is {also}." if also else ""))
    out.reason("To settle Category 4 we need to know: " + "; ".join(missing) + ".", *ps("6.23", "6.24", "6.25"))


# ---- Category 1

def p6_4_category1(out: Outcome, a: dict[str, Any], s: Assessment) -> None:
    out.code = "CAT1"
    out.answer = "Category 1 (registered sexual offender): the person is a MAPPA offender automatically."
    out.reason("The person must comply with the sex offender notification requirements of Part 2 of the Sexual "
               "Offences Act 2003.", *ps("6.4", "6.5"))
    if any(r.offence.get("disposal") == "not_yet_sentenced" for r in s.results):
        out.answer += (" Registration can start at conviction, before sentence; the police are the lead agency while "
                       "the person is on bail before sentence.")
        out.reason("Notification starts at conviction unless Schedule 3 sets a sentence threshold for the offence; "
                   "the police are the lead agency for those bailed before sentence.", p("6.5"))
    if any(r.offence.get("court") == "overseas" for r in s.results):
        out.reason("After a sexual conviction abroad, registration comes from a Notification Order, which makes the "
                   "person a Category 1 offender.", *ps("6.21", "6.19"))
    if s.cat2 == MET:
        out.reason("Category 2 is also met, but Category 1 takes precedence.", p("6.2"))


def p6_4_category1_unknown(out: Outcome, a: dict[str, Any], s: Assessment) -> None:
    out.code = "UNDETERMINED_NEEDS_FACT"
    if s.cat2 == MET:
        out.answer = ("The person is a MAPPA offender: Category 2, or Category 1 if they have to register as a "
                      "sex offender. We need to know whether they must register.")
    else:
        out.answer = ("We need to know whether the person must register as a sex offender (Category 1)"
                      + (". If not, see the prompts below about Category 3." if category3_prompts(a, s.results)
                         else "."))
    out.reason("Whether the person must register as a sex offender is not known; registration gives Category 1, "
               "which takes precedence over Category 2.", *ps("6.2", "6.4"))
    if any(r.offence.get("court") == "overseas" and r.offence.get("offence_group") in ("sch15_sexual", "unknown")
           for r in s.results):
        out.reason("After a sexual conviction abroad, ask the police whether a Notification Order was made: it "
                   "would make the person Category 1.", p("6.21"))


# ---- Category 2

def p6_7_category2(out: Outcome, s: Assessment, codes: list[str]) -> None:
    out.code = "CAT2"
    out.answer = ("Category 2 (violent or other sexual offender): the person is a MAPPA offender automatically"
                  + _WHILE_CURRENT)
    out.reason("Category 2 ends when the licence expires (for consecutive or concurrent sentences, the whole "
               "sentence), on absolute discharge from a hospital or guardianship order, or when a Community "
               "Treatment Order expires; post-sentence supervision does not keep the person in MAPPA. After that "
               "another category can apply.", *ps("6.38", "6.3"))
    out.reason("At least one offence is murder, a Schedule 15 offence or a s.327(4A) offence with a qualifying "
               "sentence or order for that offence.", *ps("6.7", "6.8", "6.9"))
    if len(s.results) > 1:
        out.reason("Each offence is judged on the sentence for that offence alone, before sentences are added up "
                   "or run together.", p("6.9"))
    for r in s.results:
        if r.category2.status == MET and r.offence.get("offence_group") == "sch15_sexual":
            out.reason(f"{_label(r.number)} is a Schedule 15 sexual offence without registration: the person is "
                       "Category 2 only for as long as the sentence for that offence is current.", p("6.10"))
            codes.append("APPENDICES_MISSING")
    if any(r.category2.status == MET and r.offence.get("disposal") == "suspended_sentence" for r in s.results):
        out.local_notice("suspended_sentences_left_out")
    if "EXACTLY_12_MONTHS_WORDING" in codes:
        out.local_notice("over_twelve_months")


def p6_7_category2_unsettled(out: Outcome, s: Assessment) -> None:
    if s.cat2 == RA:
        out.code = "REQUIRES_RA_DECISION"
        out.answer = ("Possibly Category 2: the guidance does not settle this case, so the Responsible Authority "
                      "must decide.")
        out.decided_by(RA_WHO, "whether the person is a Category 2 offender",
                       ("the offence, where the person was convicted and the sentence for that offence",),
                       *ps("6.7", "6.8", "6.9"))
        return
    missing = _missing(s.results, "category2")
    out.code = "UNDETERMINED_NEEDS_FACT"
    out.answer = "Possibly Category 2: we need to know " + "; ".join(missing) + "."
    out.reason("To settle Category 2 we need to know: " + "; ".join(missing) + ".", *ps("6.7", "6.8", "6.9"))


def p6_9_single_sentence_rule(out: Outcome, s: Assessment) -> None:
    """6.9: when several offences or a total sentence miss Category 2 on the term, say that sentences are
    not added together."""
    short = [r for r in s.results if r.mappa_offence and r.category2.status == NOT_MET
             and r.category2.fails_on == "term"]
    several = len(s.results) > 1 or any(r.offence.get("term_scope") == "total_of_several" for r in s.results)
    if short and several:
        out.reason("Each offence counts only with the sentence given for that offence: sentences are not added "
                   "together or run together to reach 12 months.", p("6.9"))


# ---- Category 3 and discretionary Category 4 (only when no other category is met: 6.2, 6.11)

def p6_12_no_disposal(out: Outcome, a: dict[str, Any]) -> None:
    out.code = NOT_ELIGIBLE
    out.answer = ("Not a MAPPA offender: MAPPA needs a conviction, caution, reprimand or warning, or a court "
                  "finding for an offence, and the person has none.")
    out.reason("Every category needs a conviction, caution, reprimand or warning, a finding of not guilty by "
               "reason of insanity, or a finding of unfitness with a finding that the person did the act.",
               *ps("6.5", "6.7", "6.12", "6.23", "6.27"))
    if a.get("terrorism_risk_identified") == YES or a.get("tpim") == YES:
        out.reason("A terrorism concern or a TPIM notice on its own is not a disposal: discretionary Category 4 "
                   "needs an offence on record.", *ps("6.27", "24.37"))
    if a.get("concerns"):
        out.reason("Concerns about behaviour can be managed in other multi-agency forums, which are also used "
                   "for people who are not eligible for MAPPA.", p("27.33"))


def p6_11_category3(out: Outcome, a: dict[str, Any], s: Assessment) -> None:
    code = p6_11_category3_code(a, s.results)
    prompts = category3_prompts(a, s.results)
    disc_prompts = category4_discretionary_prompts(a, s.results)
    for _, _, flag in prompts:
        if flag:
            _raise_flags(out, [flag])
    harm, need = a.get("ra_serious_harm"), a.get("ra_level_2_3_needed")
    out.code = code
    out.reason("The person has a conviction, caution or court finding, but does not meet Category 1, 2 or 4 on the "
               "facts given.", *ps("6.2", "6.11", "6.12"))
    if code == CAT3:
        out.answer = ("Category 3 (other dangerous offender): the Co-ordination Unit has found that the offence shows "
                      "the person may cause serious harm and that Level 2 or 3 management is needed.")
        out.reason("Category 3 needs an offence showing the person may be capable of causing serious harm, and "
                   "multi-agency management at Level 2 or 3 being necessary.", *ps("6.11", "6.12", "6.13"))
        _cat3_decider(out)
        out.local_notice("category_3_link_test")
        if disc_prompts:
            out.reason("If Counter-Terrorism Police or the National Security Division identify a terrorism risk, the "
                       "person becomes discretionary Category 4 instead: Category 3 applies only when no other "
                       "category does.", *ps("6.2", "6.27", "6.28"))
    elif code == CONSIDER_CAT4_DISC:
        p6_27_consider_discretionary_category4(out, a, disc_prompts, refused=p6_12_category3_refused(a))
    elif p6_12_category3_refused(a):
        what = ("the offence does not show that the person may cause serious harm" if harm == NO
                else "Level 2 or 3 management is not needed")
        out.answer = (f"Not a MAPPA offender: it has been decided that {what}, so Category 3 does not apply. A new "
                      "referral can be made if things change.")
        out.reason("Category 3 needs both a serious-harm offence and a need for Level 2 or 3 management.",
                   *ps("6.12", "6.13", "13a.39"))
        _cat3_decider(out)
        if p6_16_domestic_abuse_case(a, s.results):
            p27_19_record_the_rationale(out)
    elif code == CONSIDER_CAT3:
        out.answer = ("Not automatically a MAPPA offender, but the case should be considered for Category 3. Any "
                      "agency, including yours, can refer it to the MAPPA Co-ordination Unit with a MAPPA A form; "
                      "the Unit decides.")
        if harm == YES:
            out.reason("The Co-ordination Unit has found that the offence shows serious harm; whether Level 2 or 3 "
                       "management is necessary is still to be decided.", *ps("6.12", "6.13"))
        _cat3_decider(out)
        out.reason("Any agency dealing with the person in an official capacity, including duty-to-co-operate "
                   "agencies, may refer a case for Category 3 with a MAPPA A.", p("6.22"))
        must = any("must be considered" in text for text, _, _ in prompts)
        out.action("Consider referring the case for Category 3: send a MAPPA A to the MAPPA Co-ordination Unit",
                   *ps("6.22", "7.13"), who="The lead agency; any agency dealing with the person may refer",
                   by_text="as soon as the concern is known", strength="must" if must else "should")
        out.local_notice("category_3_link_test")
    else:
        out.answer = ("Not automatically a MAPPA offender on these facts. The case can still be referred for Category "
                      "3 if the offence shows the person may be capable of causing serious harm and Level 2 or 3 "
                      "management is needed.")
        out.reason("Category 3 is open for any offence, current or historic, in the UK or abroad, but only the "
                   "MAPPA Co-ordination Unit can decide it.", *ps("6.11", "6.12", "6.22"))
    if a.get("managed_elsewhere") == YES and code in (CONSIDER_CAT3, CAT3):
        out.warn("Level 2 or 3 management may not be necessary if the risk is managed effectively through another "
                 "forum such as MARAC or MATAC: the Co-ordination Unit weighs this.", *ps("27.33", "6.13"))


def p6_27_consider_discretionary_category4(out: Outcome, a: dict[str, Any],
                                           disc_prompts: list[tuple[str, tuple[str, ...]]], refused: bool) -> None:
    """Consider discretionary Category 4 (6.27, 6.28, 24.37); Category 3 stays open unless it was refused
    (6.2, 6.11-6.13)."""
    out.answer = ("Not automatically a MAPPA offender, but the case should be considered for discretionary "
                  "Category 4 (terrorism risk) by Counter-Terrorism Police and the National Security Division. "
                  + ("The Co-ordination Unit has already decided that Category 3 does not apply." if refused else
                     "If they do not identify a terrorism risk, Category 3 remains open: the MAPPA Co-ordination "
                     "Unit decides it."))
    for text, paras in disc_prompts:
        out.reason(text, *paras)
        out.item(kind="consider", category="4 (discretionary)", text=text, paras=list(paras))
    _cat4_disc_decider(out)
    out.action("Consider the person for discretionary Category 4", *ps("6.28", "24.37"), who=CT_WHO, strength="should")
    if refused:
        out.reason("Discretionary Category 4 needs an offence on record and a belief that the person may be or become "
                   "involved in terrorism-related activity; it does not need an offence showing serious harm.",
                   *ps("6.27", "24.37"))
    else:
        out.reason("Category 3 remains open: a person is identified under Category 3 only if no other category "
                   "applies, and Category 3 needs an offence showing the person may cause serious harm and a need "
                   "for Level 2 or 3 management.", *ps("6.2", "6.11", "6.12", "6.13"))


def p27_19_record_the_rationale(out: Outcome) -> None:
    out.action("Record on your agency's systems why the case is not managed at Level 2 or 3", p("27.19"),
               who="The lead agency and the MAPPA Co-ordination Unit", by_text="when the decision is made")
    out.reason("In a domestic abuse case not managed at Level 2 or 3, the reasons must be evidenced and recorded on "
               "agency systems; this does not mean that multi-agency work is not needed.", *ps("27.19", "27.33"))


# ---- The lead agency (2.4) and children (chapter 23)

def p2_4_lead_agency(a: dict[str, Any], results: list[OffenceResult]) -> tuple[str, str, tuple[str, ...]]:
    """The lead agency (a key of LEAD_AGENCY_NAMES), why, and the paragraphs (2.4, 6.5, 16.1, 26.51)."""
    supervision = a.get("supervision", "unknown")
    if supervision == "yot":
        return "yot", "it supervises the person", ps("2.4", "23.19")
    if supervision == "probation":
        return "probation", ("it supervises the person (a licence, a suspended sentence, a "
                             "community order or post-sentence supervision)"), (p("2.4"),)
    if supervision == "mental_health":
        return "mental_health", ("they supervise the person under a hospital, guardianship or Community "
                                 "Treatment Order, and neither the Probation Service nor the YOT does"), ps("2.4", "26.51")
    if any(r.offence.get("court") == "service" for r in results) and supervision in ("none", "unknown"):
        return "police", ("a person sentenced under s.42 of the Armed Forces Act 2006 is not on licence on "
                          "release"), ps("16.1", "2.4")
    if any(r.offence.get("disposal") == "not_yet_sentenced" for r in results) and supervision in ("none", "unknown"):
        return "police", "the person is on bail before sentence", ps("6.5", "2.4")
    if supervision == "none":
        return "police", ("no other agency supervises the person (for example after a caution, under a notification "
                          "order, or once supervision has ended)"), (p("2.4"),)
    return "other", ("the lead agency depends on who supervises the person: the Youth Offending Team for a child it "
                     "supervises, the Probation Service for an adult it supervises, mental health services for a "
                     "patient only they supervise, and the police for anyone else"), (p("2.4"),)


def p2_4_name_the_lead_agency(out: Outcome, a: dict[str, Any], s: Assessment) -> str:
    agency, why, paras = p2_4_lead_agency(a, s.results)
    name = lead_agency_name(agency)
    if out.code == NOT_ELIGIBLE:
        return agency
    if agency == "other":
        out.reason(why[0].upper() + why[1:] + ".", *paras)
        return agency
    if out.code in MAPPA_CODES:
        if "lead agency" not in out.answer:
            out.answer += f" The lead agency is {name}."
        out.reason(f"The lead agency is {name}: {why}.", *paras)
    else:
        out.reason(f"If the person is or becomes a MAPPA offender, the lead agency is {name}: {why}.", *paras)
    if out.code == "CAT1" and agency != "police":
        out.reason("The police support the lead agency in managing a Category 1 offender, and become the lead agency "
                   "when statutory supervision ends.", p("2.4"))
    age = a.get("age")
    if agency == "yot" and age == "18_plus":
        out.flag("LEAD_AGENCY_AT_18", "2.4 makes the Probation Service the lead agency for offenders 'aged over 18' "
                 "and the YOT for children; it adds that the YOT may also supervise some 18-year-olds.", p("2.4"),
                 readings=("The YOT leads while it supervises the person (used here).",
                           "The Probation Service leads from the 18th birthday; 'over 18' leaves an 18-year-old to "
                           "neither."))
    if agency == "probation" and age in ("under_16", "16_17"):
        out.warn("The YOT leads for a child it supervises until the case moves to adult services: check that the "
                 "case has moved to the Probation Service.", *ps("2.4", "23.30"))
    return agency


def is_child(a: dict[str, Any]) -> bool:
    """A child is anyone under 18 (23.2)."""
    return a.get("age") in ("under_16", "16_17")


def p23_children(out: Outcome, a: dict[str, Any], s: Assessment, agency: str) -> None:
    """The rules of chapter 23 for a child who is or may be a MAPPA offender."""
    if not is_child(a) or not s.results:
        return
    if a.get("age") == "under_16" and any(r.offence.get("terrorist") != NO for r in s.results):
        out.reason("Terrorism notification under Part 4 of the Counter-Terrorism Act 2008 applies only to people "
                   "aged 16 or over: for a child under 16, Category 4 can come only from the offence and its sentence "
                   "or order.", *ps("6.24", "6.23"))
    if out.code not in MAPPA_CODES:
        return
    out.reason("A child is anyone under 18. Agencies must have regard to safeguarding and promoting the child's "
               "welfare: a child who offends is a vulnerable child in their own right, not only an offender.",
               *ps("23.1", "23.2", "23.16"))
    if out.code == "CAT1":
        out.reason("The police create the ViSOR record of a Category 1 child.", p("23.24"))
    elif out.code == "CAT2":
        out.reason("The Probation Service creates the ViSOR record of a Category 2 child, even where no probation "
                   "officer works in the YOT.", p("23.24"))
    if agency in ("yot", "other"):
        out.action("Send the MAPPA H to the MAPPA Co-ordinator", *ps("6.37", "23.19"), who="The Youth Offending Team",
                   by_text="at least six months before release, or as soon as the assessments are complete for a "
                           "community sentence")


# ---- What to do next

def _next_steps(out: Outcome, a: dict[str, Any], agency: str) -> None:
    if out.code not in MAPPA_CODES:
        return
    out.action("Identify and record the person as a MAPPA offender on your case management system", *ps("6.30", "6.31"),
               who="Each agency that supervises or manages the person, including where it is not the lead agency",
               by_text="within 3 days of sentence")
    category = out.code[3]
    level = {"category": category}
    end = {"category": category}
    if out.code == "CAT4_DISC":
        level["cat4_discretionary"], end["basis"] = YES, "discretionary"
    elif out.code == "CAT4_AUTO":
        level["cat4_discretionary"] = NO
        if p6_24_part4(a) == "current":
            end["basis"] = "notification"
    out.link("level", "Which MAPPA level, and when is a MAPPA A due?", level)
    out.link("status-end", "When does MAPPA status end?", end)
    if agency != "other":
        out.link("key-dates", f"What must {lead_agency_name(agency)} and the other agencies do, and by when?",
                 {"lead_agency": agency})


def decide(a: dict[str, Any]) -> Outcome:
    out = Outcome("", "")
    s = assess(a, out)
    codes: list[str] = []
    show_prompts = False
    p6_29_disqualification_orders(out, a)
    out.decided_by(RA_WHO, "the category a person is identified under (every MAPPA offender has exactly one)",
                   (), *ps("6.1", "6.2", "6.30"))
    if s.auto4 == MET or s.disc4 == MET:
        p6_23_category4(out, a, s, codes)
    elif s.auto4 in (RA, UNKNOWN):
        p6_23_category4_unsettled(out, a, s, codes)
    elif s.cat1 == MET:
        p6_4_category1(out, a, s)
    else:
        codes += _offence_reasons(out, [r for r in s.results if r.offence.get("terrorist") == YES], "category4",
                                  "automatic Category 4", (NOT_MET,))
        codes += _offence_reasons(out, s.results, "category2", "Category 2", (MET, NOT_MET, RA, UNKNOWN))
        if s.cat2 == NOT_MET:
            p6_9_single_sentence_rule(out, s)
        if s.cat1 == UNKNOWN:
            p6_4_category1_unknown(out, a, s)
            show_prompts = s.cat2 != MET
        elif s.cat2 == MET:
            p6_7_category2(out, s, codes)
        elif s.cat2 in (RA, UNKNOWN):
            p6_7_category2_unsettled(out, s)
            show_prompts = True
        elif not s.results:
            p6_12_no_disposal(out, a)
        else:
            p6_11_category3(out, a, s)
            show_prompts = out.code != NOT_ELIGIBLE or not p6_12_category3_refused(a)
    _raise_flags(out, codes)
    agency = p2_4_name_the_lead_agency(out, a, s) if s.results else "other"
    _next_steps(out, a, agency)
    p23_children(out, a, s, agency)
    return _finish(out, a, s.results, show_prompts)


def p16_3_armed_forces(out: Outcome, results: list[OffenceResult]) -> None:
    """6.15 and 16.3: what a conviction under s.42 of the Armed Forces Act 2006 can and cannot give."""
    if not any(r.offence.get("court") == "service" for r in results):
        return
    out.reason("An offence under s.42 of the Armed Forces Act 2006 is not a Schedule 15 offence, so it never gives "
               "Category 2. A sexual offence under s.42 brings registration, and so Category 1, only if the matching "
               "offence in England and Wales brings registration and the service detention is at least 112 days.",
               *ps("6.15", "16.3"))


def _finish(out: Outcome, a: dict[str, Any], results: list[OffenceResult], show_prompts: bool = False) -> Outcome:
    if show_prompts:
        prompts = category3_prompts(a, results)
        for text, paras, flag in prompts:
            out.item(kind="consider", category="3", text=text, paras=list(paras))
            if out.code != "CONSIDER_CAT3":
                out.reason("Consider for Category 3 if no other category applies: " + text, *paras)
            else:
                out.reason(text, *paras)
            if flag:
                _raise_flags(out, [flag])
        if any("domestic_abuse" in a.get("concerns", []) or r.offence.get("domestic_abuse") == YES for r in results) \
                and prompts:
            out.local_notice("domestic_abuse_automatic")
    p16_3_armed_forces(out, results)
    if any(r.offence.get("offence_group") in ("sch15_violent", "sch15_sexual", "unknown") for r in results):
        out.caveat("Schedule 15 (and Schedule 3 for registration) are Acts of Parliament: the lists are not in the "
                   "guidance text held here. Check the offence against the legislation or ask the lead agency.",
                   p("6.7"), external=("https://www.legislation.gov.uk/ukpga/2003/44/schedule/15",))
    if any(r.offence.get("term_unit") in ("weeks", "days") for r in results):
        out.caveat("Terms over 52 weeks, or over 365 days, are treated as 12 months or more by our reading; the "
                   "guidance only states that 52 weeks is not enough.", p("6.8"))
    return out


# ---------------------------------------------------------------------------
# Contradictions between answers
# ---------------------------------------------------------------------------

MAX_TERM = {"days": 36500, "weeks": 5200, "months": 1200, "years": 100}


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    offences = a.get("offences", [])
    if a.get("sex_offender_notification") == "current" and not offences:
        errors.append(FieldError("offences", "You said the person must register as a sex offender. Registration "
                                 "follows a conviction, caution or court finding: add that offence (answer 'I don't "
                                 "know' where you are not sure)."))
    if a.get("cta_part4_notification") == "current" and not offences:
        errors.append(FieldError("offences", "You said the person must notify under the terrorism scheme. That "
                                 "follows a terrorism offence: add that offence."))
    if a.get("cta_part4_notification") == "current" and offences and all(o.get("terrorist") == NO for o in offences):
        errors.append(FieldError("cta_part4_notification", "The terrorism notification scheme only follows a "
                                 "terrorism offence, but you said none of the offences was one. Check both answers."))
    for i, o in enumerate(offences):
        unit, value = o.get("term_unit"), o.get("term_value")
        if unit in MAX_TERM and isinstance(value, int) and value > MAX_TERM[unit]:
            errors.append(FieldError(f"offences.{i}.term_value", f"Enter no more than {MAX_TERM[unit]} {unit}."))
    return errors


CALCULATOR = Calculator(
    id="category",
    title="Which MAPPA category?",
    summary="Work out which of the four MAPPA categories the facts point to, or who must decide and what to "
            "consider, from the offences and what the courts gave.",
    intro="MAPPA has four categories. A person is identified under only one at a time. This tool applies chapter 6 "
          "of the national guidance to the facts you give. Where the answer depends on a judgement, it says who "
          "decides. Nothing you enter leaves your browser.",
    questions=QUESTIONS,
    decide=decide,
    paras=ps("6.1", "6.2", "6.3", "6.8", "6.9", "6.10", "6.11", "6.12", "6.22", "6.23", "6.27", "6.29"),
    cross_checks=cross_checks,
)
