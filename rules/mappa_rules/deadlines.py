"""Each deadline the guidance sets, in one place: one small pure function per rule.

Every function takes the dates a rule starts from and returns the date it gives (or ``None`` where
the rule says "as soon as possible" instead of a date).  The calculators that show a deadline (the
level, key dates and duties-to-co-operate calculators) call these functions; none computes a
deadline itself.  The date arithmetic is :mod:`mappa_rules.dates` (calendar days, months, working
days with England and Wales bank holidays).

Two conventions, the same everywhere:

* "n months before" a date is the same day number n months earlier (the last day of a shorter month).
* "Less than six months to serve at the point of sentence" is read as: six months before release
  falls before the date of sentence, so a six-month deadline could not be met.  Counting forward
  from the sentence gives a different answer only at the end of a month (31 August + 6 months is
  28 February); counting back from release never gives a due date before the sentence.

Standard library only.
"""

from __future__ import annotations

import datetime as dt

from .core import FieldError, Outcome, p, ps
from .dates import OutsideBankHolidayData, add_days, add_months, add_weeks, add_working_days, birthday_in

# ---------------------------------------------------------------------------
# Identification (6.30, 6.31, 6.36, 8.16, 23.19, 26.56)
# ---------------------------------------------------------------------------


def p6_30_identify_by(sentence: dt.date) -> dt.date:
    """Each supervising agency identifies and records its MAPPA offenders within 3 days of sentence
    (6.30 standard, 6.31; for the YOT 6.36 and 23.19): read as calendar days."""
    return add_days(sentence, 3)


def p8_16_identify_by_working_days(sentence: dt.date) -> dt.date | None:
    """The same 3 days read as working days, as 8.16 states for the probation flag.  ``None`` when the
    bank holidays of that year are not known."""
    try:
        return add_working_days(sentence, 3)
    except OutsideBankHolidayData:
        return None


def p6_36_identify_patient_by(admission: dt.date) -> dt.date:
    """Mental health services identify a MAPPA patient within 3 days of admission to hospital through
    a criminal justice route, or of a change in status (6.36, 26.56): counted from admission, not
    from the sentence."""
    return add_days(admission, 3)


# ---------------------------------------------------------------------------
# Before release from custody (6.37, 7.10, 15.3, 15.7, 15.16, 15.19, 23.19, 23.23, 24.13, 24.14)
# ---------------------------------------------------------------------------


def less_than_six_months_to_serve(sentence: dt.date | None, release: dt.date) -> bool:
    """Less than six months to serve at the point of sentence (15.16, 23.19, 23.23): six months
    before release falls before the sentence (see the module's conventions)."""
    return sentence is not None and add_months(release, -6) < sentence


def p7_10_mappa_a_due(release: dt.date, sentence: dt.date | None = None) -> dt.date | None:
    """The MAPPA A reaches the MAPPA Co-ordinator at least six months before release (7.10); as soon
    as possible when less than six months were left to serve at sentence (15.16)."""
    return None if less_than_six_months_to_serve(sentence, release) else add_months(release, -6)


def p6_37_mappa_h_due(release: dt.date, sentence: dt.date | None = None) -> dt.date | None:
    """The YOT's MAPPA H no later than six months before release (6.37, 23.19); as soon as possible
    when less than six months were left to serve at sentence (23.19)."""
    return None if less_than_six_months_to_serve(sentence, release) else add_months(release, -6)


def p15_16_level_set_by(release: dt.date, sentence: dt.date | None = None) -> dt.date | None:
    """The MAPPA level is set (and told to the prison) at least six months before release (15.16,
    15.19; for children 23.23); the process begins as soon as possible when less than six months
    were left to serve (15.16, 23.23).  For a parole case ``release`` is the parole eligibility or
    tariff expiry date (15.16)."""
    return None if less_than_six_months_to_serve(sentence, release) else add_months(release, -6)


def p15_7_release_date_confirmed_by(release: dt.date) -> dt.date:
    """The prison confirms the release date of a determinate-sentence MAPPA prisoner no later than
    eight months before release (the standard above 15.7)."""
    return add_months(release, -8)


def p15_3_early_allocation_from(release: dt.date) -> dt.date:
    """Early allocation to a community offender manager takes place 18 months before release
    (15.3; for terrorism cases 24.13)."""
    return add_months(release, -18)


def p24_13_responsibility_transfers_on(release: dt.date) -> dt.date:
    """In a terrorism (TACT or TACT-connected) case, responsibility passes to the National Security
    Division or the Probation Delivery Unit community offender manager 15 months before release
    (24.13)."""
    return add_months(release, -15)


def p24_14_tact_parole_review_by(parole_date: dt.date) -> dt.date:
    """Community offender managers review terrorism cases in custody, the MAPPA level included, eight
    months before the parole eligibility date (24.14)."""
    return add_months(parole_date, -8)


def p7_28_review_before_later_parole(review: dt.date, set_on: dt.date | None) -> dt.date | None:
    """After a standard recall the level is reviewed six months before any later Parole Board review,
    or as soon as possible when the review was set with less than six months' notice (7.28)."""
    if set_on is not None and add_months(set_on, 6) > review:
        return None
    return add_months(review, -6)


# ---------------------------------------------------------------------------
# Referral decisions and meetings (7.17, 13a.29, 13a.37, 15.24, 16.17)
# ---------------------------------------------------------------------------


def p7_17_coordinator_decision_by(received: dt.date) -> dt.date:
    """The MAPPA Co-ordination Unit decides on a MAPPA A within 10 days of receiving it (7.17),
    read as calendar days."""
    return add_days(received, 10)


def p13a_29_invitations_by(meeting: dt.date) -> dt.date:
    """Invitations to a Level 2 or 3 meeting go out at least 14 calendar days before it, unless it is
    an emergency meeting (13a.29, 14.9; to a prison 15.24, to the Military Corrective Training Centre 16.17)."""
    return add_days(meeting, -14)


def p13a_37_review_weeks(level: str) -> int:
    """Level 2 cases in the community are reviewed at least every 16 weeks, Level 3 every 8 (13a.37)."""
    return 8 if level == "3" else 16


def p13a_37_next_review_by(last_meeting: dt.date, level: str) -> dt.date:
    """The latest date of the next Level 2 or 3 review in the community (13a.37, KPIs 1 and 2 of 31.21)."""
    return add_weeks(last_meeting, p13a_37_review_weeks(level))


def p13a_37_reschedule_working_days(level: str) -> int:
    """A cancelled meeting takes place within 10 working days (Level 2) or 5 (Level 3) (13a.37)."""
    return 5 if level == "3" else 10


def p13a_37_rescheduled_within(cancelled: dt.date, level: str) -> dt.date:
    """The end of the working-day window for a cancelled meeting (13a.37).  Raises
    :class:`OutsideBankHolidayData` when the bank holidays of that year are not known."""
    return add_working_days(cancelled, p13a_37_reschedule_working_days(level))


# ---------------------------------------------------------------------------
# Children becoming adults (23.2, 23.30)
# ---------------------------------------------------------------------------


def p23_2_eighteenth_birthday(birth: dt.date) -> dt.date:
    """The day a child stops being a child (23.2).  Born on 29 February: 1 March in a common year (a
    convention of :func:`mappa_rules.dates.birthday_in`)."""
    return birthday_in(birth.year + 18, birth)


def p23_30_consider_transfer_by(birth: dt.date) -> dt.date:
    """For a Level 2 or 3 case, the move to adult services is considered at least six months before
    the 18th birthday (23.30, a "should")."""
    return add_months(p23_2_eighteenth_birthday(birth), -6)


def release_after_sentence(a: dict[str, object]) -> list[FieldError]:
    """The dates a release deadline starts from, in the only order they can come: the release date and the
    parole eligibility date after the sentence."""
    s, r, ped = a.get("sentence_date"), a.get("release_date"), a.get("parole_date")
    errors: list[FieldError] = []
    if isinstance(s, dt.date) and isinstance(r, dt.date) and r < s:
        errors.append(FieldError("release_date", "The release date is before the date of sentence. Check both dates."))
    if isinstance(s, dt.date) and isinstance(ped, dt.date) and ped < s:
        errors.append(FieldError("parole_date", "The parole eligibility date is before the date of sentence."))
    return errors


# ---------------------------------------------------------------------------
# Showing a deadline
# ---------------------------------------------------------------------------


def dated_action(out: Outcome, id: str, text: str, when: dt.date | None, rule: str, *paras: str, who: str,
                 asap: str = "", strength: str = "must", reading: str = "") -> None:
    """One deadline in an answer: the date with the rule that gives it, and the action (in the
    imperative) with who does it by when; ``asap`` says when in words if there is no date."""
    out.date(id, text, when, rule, *paras, who=who, reading=reading)
    out.action(text, *paras, who=who, by=when, by_text="" if when else asap, strength=strength)


# ---------------------------------------------------------------------------
# Flags shared by every calculator that shows these deadlines
# ---------------------------------------------------------------------------

FLAGS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "IDENTIFICATION_DAYS": (
        "Identification after sentence: 6.30 (standard) and 6.36 say 'within 3 days of sentence'; 8.16 says the "
        "probation record is due within 'three working days'; 8.15 calls 3 days after sentence best practice for "
        "the police record.",
        ps("6.30", "6.36", "8.15", "8.16"),
        ("3 calendar days (6.30).", "3 working days (8.16), which is later over a weekend or bank holiday."),
    ),
    "MAPPA_H_MUST_OR_SHOULD": (
        "The YOT's MAPPA H: 6.37 says YOTs 'should' use it no later than six months before release; 23.19 says "
        "they 'must' submit it at least six months before release.",
        ps("6.37", "23.19"),
        ("A duty (23.19, the chapter on children): shown as a must here.",
         "Good practice (6.37): a should."),
    ),
    "MAPPA_I_NO_DEADLINE": (
        "The guidance sets no date for the MAPPA I: 26.57 says the notification is made 'once a patient is "
        "hospitalised through a criminal justice route'; 6.37 says mental health services 'should notify'. Only "
        "the identification on their own system has a deadline (3 days, 6.36).",
        ps("6.36", "6.37", "26.57"),
        ("Send it straight after admission, with the identification (3 days).",
         "No deadline: send it as soon as practicable after admission."),
    ),
    "MAPPA_Q_NOT_IN_DOCUMENT_SET": (
        "23.30 asks for a formal level review 'using the MAPPA Q' when a Level 1 case moves to adult services, "
        "but the MAPPA document set of chapter 14 (14.1) lists forms A to P only.",
        ps("23.30", "14.1"),
        ("Use the MAPPA Q from the national MAPPA website if your area has it.",
         "Record the level review in the lead agency's own way and tell the MAPPA Co-ordinator."),
    ),
}
