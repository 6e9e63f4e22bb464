"""End of MAPPA status (6.38), re-categorisation (6.3) and the review before the end (6.39).

When MAPPA management ends for the person's category and basis, what happens then (another category
whose criteria are met; consideration for Category 3 or discretionary Category 4 before the end of
notification or licence), and where the guidance names no end event (a suspended sentence, a
Detention and Training Order, release at the end of sentence with no licence) it says so and leaves
the decision to the Responsible Authority.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .core import (CATEGORY_CHOICES, NO, YES, Calculator, Choice, FieldError, Outcome, Question, When,
                   local_document_title, p, ps)
from .core import UNKNOWN as DK
from .core import long_date

BASES_2_4 = (
    Choice("licence", "A prison or youth custody sentence, now (or later) on licence"),
    Choice("life_licence", "A life sentence or IPP (on a life licence)"),
    Choice("hospital", "A hospital order (with or without restrictions)"),
    Choice("guardianship", "A guardianship order"),
    Choice("hybrid_licence", "A prison sentence with hospital treatment (s.45A or s.47), released on licence"),
    Choice("suspended", "A suspended sentence"),
    Choice("dto", "A Detention and Training Order"),
    Choice("no_licence", "Released at the end of the sentence, with no licence"),
    Choice("notification", "Category 4 only: the terrorism notification requirements"),
    Choice("discretionary", "Category 4 only: a terrorism risk (discretionary Category 4)"),
    Choice("unknown", "I don't know"),
)
NOT_NOTIFICATION = tuple(c.value for c in BASES_2_4 if c.value != "notification")
NOT_DISCRETIONARY = tuple(c.value for c in BASES_2_4 if c.value != "discretionary")

QUESTIONS = (
    Question("category", "Which MAPPA category is the person in?", "choice",
             choices=CATEGORY_CHOICES,
             paras=ps("6.1", "6.38")),
    Question("basis", "What brought the person into this category?", "choice",
             help="Think of the sentence or order that makes the person a MAPPA offender now.",
             choices=BASES_2_4, when=(When("category", ("2", "4")),), paras=(p("6.38"),)),
    Question("sexual_below_threshold", "Is the Category 2 offence a sexual offence for which the person does not "
             "have to register as a sex offender?", "yesno", allow_unknown=True,
             when=(When("category", ("2",)),), paras=(p("6.10"),)),
    Question("several_sentences", "Is the sentence for that offence one of several sentences served together "
             "(one after another, or at the same time)?", "yesno", allow_unknown=True,
             when=(When("sexual_below_threshold", ("yes",)),), paras=ps("6.10", "6.38")),
    Question("offence_sentence_end_date", "When does the sentence for that sexual offence end (if known)?", "date",
             required=False, when=(When("sexual_below_threshold", ("yes",)),), paras=(p("6.10"),)),
    Question("notification_end", "When does the registration (notification) requirement end?", "choice",
             choices=(Choice("date", "On a date I know"), Choice("lifetime", "It is for life"),
                      Choice("unknown", "I don't know")),
             when=(When("category", ("1", "4")), When("basis", NOT_NOTIFICATION, negate=True)),
             paras=(p("6.38"),)),
    Question("notification_end_date", "Date the registration requirement ends", "date",
             when=(When("notification_end", ("date",)),), paras=(p("6.38"),)),
    Question("licence_end_date", "When does the licence end (if known)? If there were several sentences, give the "
             "date the last one ends.", "date", required=False,
             when=(When("basis", ("licence", "hybrid_licence")),), paras=ps("6.38", "26.71")),
    Question("pss_after_licence", "Will the person be on post-sentence supervision after the licence ends?", "yesno",
             allow_unknown=True, required=False, when=(When("basis", ("licence",)),), paras=(p("6.38"),)),
    Question("hospital_status", "What is the person's position under the order now?", "choice",
             choices=(Choice("detained", "Detained in hospital"),
                      Choice("conditionally_discharged", "Conditionally discharged"),
                      Choice("cto", "On a Community Treatment Order"),
                      Choice("in_community", "Living in the community under the guardianship order"),
                      Choice("absolutely_discharged", "Absolutely discharged (the order has ended)"),
                      Choice("unknown", "I don't know")),
             when=(When("basis", ("hospital", "guardianship")),), paras=ps("6.38", "26.41")),
    Question("cto_end_date", "When does the Community Treatment Order end (if known)?", "date", required=False,
             when=(When("hospital_status", ("cto",)),), paras=(p("6.38"),)),
    Question("order_end_date", "When does the sentence or order end (if known)?", "date", required=False,
             when=(When("basis", ("suspended", "dto", "no_licence")),), paras=ps("6.38", "6.10")),
    Question("meeting_decided", "Has a Level 2 or 3 MAPPA meeting decided that the case no longer needs active "
             "multi-agency management (or that the risk has reduced enough)?", "yesno", allow_unknown=True,
             when=(When("category", ("3", "4")), When("basis", NOT_DISCRETIONARY, negate=True)),
             paras=(p("6.38"),)),
    Question("level", "At what level is the person managed?", "choice",
             choices=(Choice("1", "Level 1"), Choice("2", "Level 2"), Choice("3", "Level 3"),
                      Choice("unknown", "I don't know")),
             paras=(p("6.39"),)),
    Question("after_end", "When this ends, will any of these still apply? Tick all that do.", "multi", required=False,
             choices=(Choice("registered", "The person will still have to register as a sex offender"),
                      Choice("cat2_sentence", "The person will still be on licence, or under a hospital or "
                             "guardianship order, for a violent or sexual offence"),
                      Choice("cat4", "The person will still meet Category 4 (terrorism notification, or a licence "
                             "for a terrorist offence)")),
             matters=lambda a: p6_3_another_category_can_follow(a), paras=(p("6.3"),)),
    Question("sentence_date", "Date of the sentence or order (if known)", "date", required=False,
             paras=(p("6.38"),)),
    Question("today", "Today's date (to say whether the end date has passed)", "date", required=False,
             default_today=True),
)

FLAGS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "CATEGORY_2_END_STATED_THREE_WAYS": (
        "The end of Category 2 is stated three ways: 6.38 (licence expiry, absolute discharge, end of a Community "
        "Treatment Order); 8.23 (licence expiry, 'discharge from hospital', 'discharge from post-hospital "
        "supervision', revocation of a Disqualification Order, or no longer Level 2 or 3); 26.71 (s.37 absolute "
        "discharge; s.45A or s.47 licence expiry).",
        ps("6.38", "8.23", "26.71"),
        ("6.38 governs: it is the chapter on MAPPA status (used here).",
         "8.23 describes archiving on ViSOR, not the end of MAPPA status; its Disqualification Order point "
         "contradicts 6.29."),
    ),
    "NO_END_EVENT_STATED": (
        "6.38 names no end event for Category 2 or 4 through a suspended sentence, a Detention and Training Order "
        "or a release at the end of sentence with no licence: it speaks only of licence and hospital events.",
        ps("6.38", "6.10"),
        ("Status ends when the sentence or order ends (our inference, for the Responsible Authority to confirm).",
         "Status continues until the Responsible Authority records its end."),
    ),
    "EXIT_LISTS_THREE_CATEGORIES": (
        "The exit lists of 8.23 and 26.71 cover only three categories; only 6.38 deals with Category 4.",
        ps("6.38", "8.23", "26.71"),
        ("6.38 governs for Category 4 (used here).", "Chapters 8 and 26 give no end rule for Category 4."),
    ),
    "SEXUAL_CAT2_END_6_10_VS_6_38": (
        "For a Schedule 15 sexual offence without registration, 6.10 says Category 2 lasts only while the "
        "sentence for that offence is current; 6.38 says a person on licence for consecutive or concurrent "
        "sentences stays MAPPA until the whole sentence has expired.",
        ps("6.10", "6.38"),
        ("6.10: status ends when the sentence for the sexual offence ends.",
         "6.38: status lasts until the whole sentence has expired."),
    ),
    "REVIEW_LEAD_TIME_NOT_SET": (
        "6.39 requires a review of Level 2 and 3 cases 'coming to the end' of notification or licence but sets no "
        "time for it.",
        (p("6.39"),),
        ("Review in good time before the end, so a Category 3 or discretionary Category 4 referral can be decided "
         "before status ends.", "Local practice sets the time."),
    ),
    "CATEGORY_3_END_WORDING": (
        "The end of Category 3: 6.38 says when a meeting decides the risk has reduced sufficiently or active "
        "multi-agency management is no longer needed; 8.23 names only the reduced risk; 26.71 only the end of "
        "the need for Level 2 or 3.",
        ps("6.38", "8.23", "26.71"),
        ("Either reason in 6.38 is enough (used here).", "Only the reason named in 8.23 or 26.71."),
    ),
}


def _flags(out: Outcome, *codes: str) -> None:
    out.flags_from(FLAGS, *codes)


def _titled(code: str, text: str) -> str:
    """A sentence about a local document, naming it in words."""
    title = local_document_title(code)
    return f"{title[0].upper()}{title[1:]} {text}"


# ---------------------------------------------------------------------------
# End events (6.38)
# ---------------------------------------------------------------------------


def _ends(out: Outcome, a: dict[str, Any], when: dt.date | None, rule: str, *paras: str, reading: str = "") -> None:
    out.date("mappa_status_ends", "MAPPA status ends", when, rule, *paras, who="Lead agency (records the end)",
             reading=reading)
    out.action("Record the end of MAPPA status", p("6.38"), who="The lead agency", by=when,
               by_text="" if when else "when it ends")
    today = a.get("today")
    if when is None:
        out.code = out.code or "UNDETERMINED_NEEDS_FACT"
    elif today is not None and when <= today:
        out.code = out.code or "ENDED"
    else:
        out.code = out.code or "ENDS_ON_DATE"


def end_category_1(out: Outcome, a: dict[str, Any]) -> str:
    kind = a["notification_end"]
    if kind == "lifetime":
        out.code = "CONTINUES"
        out.reason("Category 1 ends when the notification period expires; in the most serious cases it is for life, "
                   "so MAPPA status continues.", p("6.38"))
        out.reason("The guidance also notes that people registered for life can seek a review of registration 15 "
                   "years after first notifying.", *ps("26.71", "8.23"))
        out.caveat("Whether a review of indefinite registration succeeds is decided under the law, not this guidance; "
                   "ask the police.", p("26.71"))
        return "Category 1 continues: the person must register for life."
    if kind == "date":
        _ends(out, a, a["notification_end_date"], "Category 1 ends when the notification period expires.", p("6.38"))
        return "Category 1 ends when registration ends"
    _ends(out, a, None, "Category 1 ends when the notification period expires: the date is not known.", p("6.38"))
    return "Category 1 ends when registration ends; we need the date registration ends"


def end_licence(out: Outcome, a: dict[str, Any], cat: str) -> str:
    basis = a["basis"]
    end = a.get("licence_end_date")
    if basis == "life_licence":
        out.code = "CONTINUES"
        out.reason(f"Category {cat} ends when the licence expires; a life licence has no expiry date, so MAPPA status "
                   "continues (our reading of 6.38).", p("6.38"))
        out.caveat("An IPP licence can be ended by law in some cases; check with the lead agency whether that has "
                   "happened.", p("6.38"))
        return f"Category {cat} continues while the life licence lasts."
    _ends(out, a, end, f"Category {cat} ends when the licence expires; with consecutive or concurrent sentences, when "
          "the whole sentence has expired." + ("" if end else " Give the licence end date to show it."),
          *(ps("6.38", "26.71") if basis == "hybrid_licence" else (p("6.38"),)))
    out.reason("With consecutive or concurrent sentences the person stays MAPPA until the whole sentence has expired.",
               p("6.38"))
    if a.get("pss_after_licence") == YES:
        out.reason("Post-sentence supervision after the licence does not keep the person in MAPPA.", p("6.38"))
    return f"Category {cat} ends when the licence expires"


def end_hospital(out: Outcome, a: dict[str, Any], cat: str) -> str:
    status = a.get("hospital_status", DK)
    if cat == "2":
        out.local_notice("category_2_ends_at_sentence_expiry")
    if status == "absolutely_discharged":
        out.code = "ENDED"
        out.reason(f"Category {cat} ends when the person is absolutely discharged from the hospital or guardianship "
                   "order.", *ps("6.38", "26.71"))
        out.action("Record the end of MAPPA status", p("6.38"), who="The lead agency", by_text="now: it has ended")
        return f"Category {cat} has ended: the person has been absolutely discharged."
    if status == "cto":
        end = a.get("cto_end_date")
        _ends(out, a, end, f"Category {cat} ends when the Community Treatment Order expires (or on absolute "
              "discharge, if earlier)." + ("" if end else " Give the end date to show it."), p("6.38"))
        return f"Category {cat} ends when the Community Treatment Order expires"
    if status in ("detained", "conditionally_discharged", "in_community"):
        out.code = "CONTINUES"
        out.reason(f"Category {cat} continues until absolute discharge or the end of a Community Treatment Order; a "
                   "conditionally discharged patient in the community remains a MAPPA offender.",
                   *ps("6.38", "26.41"))
        out.local_notice("hospital_order_status")
        return f"Category {cat} continues until absolute discharge or the end of a Community Treatment Order."
    out.code = "UNDETERMINED_NEEDS_FACT"
    out.reason(f"Category {cat} ends on absolute discharge or when a Community Treatment Order expires: we need the "
               "person's position under the order.", p("6.38"))
    return f"Category {cat} ends on absolute discharge or at the end of a Community Treatment Order"


def still_in_category(out: Outcome, a: dict[str, Any], cat: str) -> str:
    """6.38: the status lasts while another basis of the same category lasts (notification; the whole sentence)."""
    out.code = "CONTINUES"
    if cat == "4":
        out.reason("You said the person will still meet Category 4 when this licence or order ends (for example "
                   "through terrorism notification). For a person subject to notification, Category 4 ends only when "
                   "the registration period expires, even if the licence has ended.", *ps("6.38", "6.23", "6.24"))
        out.reason("Answer again with 'the terrorism notification requirements' as the basis to see that end date.",
                   p("6.38"))
        return ("Category 4 does not end with this licence or order: the person still meets Category 4, and it ends "
                "only when that basis ends (for terrorism notification, when registration expires).")
    out.reason("You said the person will still be on licence, or under a hospital or guardianship order, for a violent "
               "or sexual offence when this ends. If that sentence or order qualifies for Category 2 (for example 12 "
               "months or more for that offence), Category 2 lasts while that licence or order lasts; with consecutive "
               "or concurrent sentences, until the whole sentence has expired.", *ps("6.38", "6.7", "6.8", "6.9"))
    out.reason("Answer again for the licence or order that ends last to see the end date.", p("6.38"))
    return ("Category 2 does not end with this licence or order if the person is still on licence, or under an "
            "order, for a violent or sexual offence with a qualifying sentence: it continues while that lasts.")


def end_no_stated_event(out: Outcome, a: dict[str, Any], cat: str) -> str:
    basis = a["basis"]
    what = {"suspended": "a suspended sentence", "dto": "a Detention and Training Order",
            "no_licence": "a sentence served to the end with no licence"}[basis]
    out.code = "REQUIRES_RA_DECISION"
    _flags(out, "NO_END_EVENT_STATED")
    end = a.get("order_end_date")
    out.date("mappa_status_ends", "MAPPA status ends (inferred: end of the sentence or order)", end,
             "The guidance names no end event for this basis; the end of the sentence or order is our inference." +
             ("" if end else " Give the end date to show it."), *ps("6.38", "6.10"),
             who="Responsible Authority", reading="inferred")
    out.decided_by("Responsible Authority (the lead agency records the end)", f"when MAPPA status through {what} ends",
                   ("the end of the sentence or order", "whether the person should be considered for Category 3"),
                   *ps("6.38", "6.3"))
    if basis == "no_licence":
        out.reason("Prisons must watch for MAPPA offenders released at the end of their sentence without supervision "
                   "and tell the community offender manager of any risk issues.", p("15.37"))
    return f"The guidance does not say when Category {cat} through {what} ends: the Responsible Authority decides"


def decide(a: dict[str, Any]) -> Outcome:
    out = Outcome("", "")
    cat = a["category"]
    basis = a.get("basis")
    level = a["level"]
    out.reason("The law sets no end to MAPPA status; the guidance sets when people stop being MAPPA offenders, and "
               "the lead agency records it.", p("6.38"))
    summary = ""
    if cat == "unknown" or (cat in ("2", "4") and basis == "unknown"):
        out.code = "UNDETERMINED_NEEDS_FACT"
        out.answer = ("The end of MAPPA status depends on the category and on what brought the person into it: ask "
                      "the lead agency.")
        out.reason("Each category, and each basis within Categories 2 and 4, has its own end event.", p("6.38"))
        return out
    if cat == "1":
        summary = end_category_1(out, a)
    elif cat == "3":
        summary = _end_by_meeting(out, a, "3")
    elif cat == "2" and a.get("sexual_below_threshold") == YES:
        summary = _end_sexual_below_threshold(out, a)
    elif basis == "notification":
        _flags(out, "EXIT_LISTS_THREE_CATEGORIES")
        kind = a["notification_end"]
        if kind == "lifetime":
            out.code = "CONTINUES"
            out.reason("Category 4 through terrorism notification ends when the registration period expires.",
                       p("6.38"))
            summary = "Category 4 continues while the terrorism notification lasts."
        else:
            _ends(out, a, a.get("notification_end_date"), "Category 4 (terrorism notification) ends when the "
                  "registration period expires, even if a licence has ended earlier.", p("6.38"))
            summary = "Category 4 ends when the terrorism notification period expires"
    elif basis == "discretionary":
        summary = _end_by_meeting(out, a, "4")
    elif basis not in ("notification", "discretionary") and (
            (cat == "4" and "cat4" in a.get("after_end", [])) or (cat == "2" and "cat2_sentence" in a.get("after_end", []))):
        summary = still_in_category(out, a, cat)
    elif basis in ("licence", "life_licence", "hybrid_licence"):
        summary = end_licence(out, a, cat)
    elif basis in ("hospital", "guardianship"):
        summary = end_hospital(out, a, cat)
    else:
        summary = end_no_stated_event(out, a, cat)

    if cat == "2":
        _flags(out, "CATEGORY_2_END_STATED_THREE_WAYS")
        out.local_notice("category_2_ends_on_disqualification_revoked")
    if cat == "4":
        _flags(out, "EXIT_LISTS_THREE_CATEGORIES")
        out.warn(_titled("004", "describes only three categories, so it has no rule for the end of Category 4."),
                 p("6.38"), local="004")
        if basis in ("licence", "hospital", "guardianship", "hybrid_licence"):
            out.item(kind="plan", text="Before a licence expires or absolute discharge, the core group plans how the "
                     "terrorism risk will be managed afterwards, including discretionary Category 4 where appropriate.",
                     paras=list(ps("24.30",)))
    _next_category(out, a, cat)
    ends = next((d for d in out.dates if d["id"] == "mappa_status_ends"), None)
    when = long_date(dt.date.fromisoformat(ends["date"])) if ends and ends["date"] else ""
    date_text = f" on {when}" if when and not summary.endswith(".") else ""
    if date_text and out.code == "REQUIRES_RA_DECISION":
        date_text = (f" (on the reading of 6.10 the date is {when})" if ends["reading"] == "6.10" else
                     f" (the date we infer, the end of the sentence or order, is {when})")
    if date_text and out.code == "ENDED":
        date_text += ": that date has passed, so MAPPA status has ended"
    out.answer = summary + date_text + ("" if summary.endswith(".") else ".")
    if out.code == "UNDETERMINED_NEEDS_FACT" and ends and not ends["date"]:
        out.answer += " We need that date to work it out."
    moves = [i["category"] for i in out.items if i.get("kind") == "next_category" and i["category"] != "3"]
    if moves:
        out.answer += f" At that point the person becomes Category {moves[0]} (paragraph 6.3)."
    out.warn(_titled("000", "has no rules on the end of MAPPA status. Ask the lead agency to tell you when it "
                         "ends."), p("6.38"), local="000")
    return out


def _end_by_meeting(out: Outcome, a: dict[str, Any], cat: str) -> str:
    decided = a.get("meeting_decided", DK)
    if cat == "3":
        _flags(out, "CATEGORY_3_END_WORDING")
        out.reason("A Category 3 case leaves MAPPA when a Level 2 or 3 meeting decides the risk of harm has reduced "
                   "sufficiently or the case no longer needs active multi-agency management; it does not move to Level "
                   "1.", *ps("6.38", "13a.38"))
        out.reason("The meeting records its reasons, and agrees and minutes how and by whom the person can be "
                   "re-referred.", *ps("13a.38", "13a.39"))
        out.local_notice("category_3_ends_when_actions_complete")
        who = "Level 2 or 3 MAPPA meeting"
        what = "Category 3"
    else:
        out.reason("Discretionary Category 4 ends when the person no longer needs multi-agency management.", p("6.38"))
        who = "Level 2 or 3 MAPPA meeting, with Counter-Terrorism Police and the National Security Division"
        what = "discretionary Category 4"
    out.decided_by(who, f"whether the person still needs {what} management",
                   ("whether the risk of harm has reduced sufficiently",
                    "whether active multi-agency management is still needed"), *ps("6.38", "13a.38"))
    if cat == "3":
        out.action("Record the reasons in the minutes, with how and by whom the person can be re-referred",
                   *ps("13a.38", "13a.39"), who="The Level 2 or 3 MAPPA meeting",
                   by_text="when the meeting takes the case out of MAPPA")
    out.action("Record the end of MAPPA status", p("6.38"), who="The lead agency",
               by_text="now: it has ended" if decided == YES else "when the meeting decides it is no longer needed")
    if decided == YES:
        out.code = "ENDED"
        return f"MAPPA status ({what}) has ended: the meeting decided it is no longer needed."
    out.code = "ENDS_BY_DECISION"
    return (f"{what[0].upper() + what[1:]} has no end date: it ends when a Level 2 or 3 meeting decides it is no "
            "longer needed.")


def _end_sexual_below_threshold(out: Outcome, a: dict[str, Any]) -> str:
    end = a.get("offence_sentence_end_date")
    several = a.get("several_sentences", DK)
    rule = "A Schedule 15 sexual offence without registration: Category 2 only while the sentence for that offence " \
           "is current."
    if several == NO:
        _ends(out, a, end, rule + ("" if end else " Give the date that sentence ends."), p("6.10"))
        return "Category 2 ends when the sentence for the sexual offence ends"
    _flags(out, "SEXUAL_CAT2_END_6_10_VS_6_38")
    out.code = "REQUIRES_RA_DECISION"
    out.date("mappa_status_ends", "MAPPA status ends (reading of 6.10)", end, rule, p("6.10"),
             who="Responsible Authority", reading="6.10")
    out.decided_by("Responsible Authority (the lead agency records the end)",
                   "whether status ends with the sentence for the sexual offence (6.10) or with the whole sentence "
                   "(6.38)", ("the structure of the sentences",), *ps("6.10", "6.38"))
    return ("The guidance gives two readings: Category 2 ends when the sentence for the sexual offence ends (6.10), or "
            "when the whole sentence expires (6.38); the Responsible Authority decides")


def p6_3_another_category_can_follow(a: dict[str, Any]) -> bool:
    """6.3: someone who stops meeting Category 1, 2 or 4 can be identified under another category.  Category 3
    is used only when no other category applies (6.2), so nothing else is left to follow it."""
    return a.get("category") != "3"


def _next_category(out: Outcome, a: dict[str, Any], cat: str) -> None:
    after = a.get("after_end", [])
    level = a["level"]
    if out.code in ("CONTINUES",) or not p6_3_another_category_can_follow(a):
        return
    if cat == "1" and "cat2_sentence" in after:
        out.item(kind="next_category", category="2", text="At the end of registration the person moves from Category "
                 "1 to Category 2, because they are still on licence or under an order for a violent or sexual "
                 "offence.", paras=list(ps("6.3",)))
        out.reason("Someone who stops meeting one category's criteria is identified under another whose criteria they "
                   "meet: the guidance's own example is a move from Category 1 to Category 2 when notification "
                   "expires during a licence for a violent offence.", p("6.3"))
    if cat == "4" and "registered" in after:
        out.item(kind="next_category", category="1", text="When Category 4 ends, the person becomes Category 1 while "
                 "they still have to register as a sex offender (our reading of 6.3).", paras=list(ps("6.3", "6.2")))
    if cat == "4" and "cat2_sentence" in after and "registered" not in after:
        out.item(kind="next_category", category="2", text="When Category 4 ends, the person becomes Category 2 while "
                 "the licence or order for the violent or sexual offence lasts (our reading of 6.3).",
                 paras=list(ps("6.3", "6.2")))
    if cat in ("1", "2") and "cat4" in after:
        out.warn("You said the person will still meet Category 4: someone meeting Category 4 is identified under "
                 "Category 4, not 1 or 2. Check the category with the lead agency.", p("6.2"))
    if cat == "2" and "registered" in after:
        out.warn("You said the person will still have to register: someone who registers is Category 1, not 2. Check "
                 "the category with the lead agency.", p("6.2"))
    if cat in ("1", "2", "4"):
        out.item(kind="next_category", category="3", text="At the end of this category the person can be identified "
                 "under Category 3 if the Category 3 criteria are met.", paras=list(ps("6.3", "6.11", "6.12")))
        if level in ("2", "3") and not (cat == "4" and a.get("basis") == "discretionary"):
            _flags(out, "REVIEW_LEAD_TIME_NOT_SET")
            out.item(kind="review", text="Because the case is managed at Level 2 or 3, it must be reviewed before the "
                     "end of registration or licence and considered for Category 3 or discretionary Category 4; "
                     "register it only if the criteria are met and active multi-agency management is still needed.",
                     paras=list(ps("6.39",)))
            out.reason("Category 1, 2 and 4 cases at Level 2 or 3 coming to the end of notification or licence must be "
                       "reviewed and considered for Category 3 or discretionary Category 4.", p("6.39"))
            ends = next((d["date"] for d in out.dates if d["id"] == "mappa_status_ends" and d["date"]), None)
            out.action("Review the case and consider it for Category 3 or discretionary Category 4",
                       *ps("6.39", "6.3"), who="The Level 2 or 3 MAPPA meeting",
                       by=dt.date.fromisoformat(ends) if ends else None,
                       by_text="" if ends else "before the registration or licence ends")
            out.link("category", "Would another category apply when this one ends?")
            out.decided_by("MAPPA Co-ordination Unit (Category 3); Counter-Terrorism Police and the National Security "
                           "Division (discretionary Category 4)", "whether the person is registered again under "
                           "Category 3 or discretionary Category 4",
                           ("whether the criteria are met", "whether active multi-agency management is still needed"),
                           *ps("6.39", "6.22", "6.28"))
        elif level == "1":
            out.reason("The review of 6.39 covers only Level 2 and 3 cases; a Level 1 case can still be referred for "
                       "Category 3 at the end (any agency may refer).", *ps("6.39", "6.3", "6.22"))
        else:
            out.reason("If the case is managed at Level 2 or 3, it must be reviewed before the end and considered for "
                       "Category 3 or discretionary Category 4.", p("6.39"))


def cross_checks(a: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    basis = a.get("basis")
    if a.get("category") == "2" and basis in ("notification", "discretionary"):
        errors.append(FieldError("basis", "Terrorism notification and terrorism risk apply only to Category 4. Check "
                                 "the category or choose another answer."))
    if a.get("level") == "1" and (a.get("category") == "3" or (a.get("category") == "4" and basis == "discretionary")):
        errors.append(FieldError("level", "Category 3 and discretionary Category 4 cases are managed only at Level 2 or "
                                 "3 (guidance 6.13 and 7.6). Check the category and the level you were told: when "
                                 "Level 2 or 3 is no longer needed, the person leaves MAPPA."))
    start = a.get("sentence_date")
    if start:
        for field, label in (("licence_end_date", "licence end date"), ("notification_end_date", "registration end "
                             "date"), ("cto_end_date", "Community Treatment Order end date"),
                             ("order_end_date", "end of the sentence or order"),
                             ("offence_sentence_end_date", "end of the sentence for the sexual offence")):
            end = a.get(field)
            if end and end < start:
                errors.append(FieldError(field, f"The {label} is before the date of sentence. Check both dates."))
    return errors


CALCULATOR = Calculator(
    id="status-end",
    title="When does MAPPA status end?",
    summary="When MAPPA management ends for the category and what brought the person into it, and what happens then.",
    intro="The law sets no end to MAPPA status; paragraph 6.38 of the guidance sets when people stop being MAPPA "
          "offenders. The lead agency records the end, so ask it to tell you. Nothing you enter leaves your browser.",
    questions=QUESTIONS,
    decide=decide,
    paras=ps("6.3", "6.10", "6.38", "6.39"),
    cross_checks=cross_checks,
)
