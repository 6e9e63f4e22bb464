"""The deadline rules of rules/mappa_rules/deadlines.py, one test per paragraph, and their properties."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mappa_rules import CALCULATORS, deadlines as dl
from mappa_rules.dates import covered_years

D = dt.date.fromisoformat
first_year, last_year = covered_years()
days = st.dates(dt.date(first_year + 2, 1, 1), dt.date(last_year - 2, 12, 31))


def test_p6_30_three_calendar_days_and_p8_16_three_working_days_after_a_friday_sentence():
    assert dl.p6_30_identify_by(D("2026-03-06")) == D("2026-03-09")
    assert dl.p8_16_identify_by_working_days(D("2026-03-06")) == D("2026-03-11")


def test_p8_16_working_days_outside_the_bank_holiday_data_is_not_a_guess():
    assert dl.p8_16_identify_by_working_days(dt.date(last_year + 5, 1, 5)) is None


def test_p6_36_identification_counts_from_admission_not_sentence():
    assert dl.p6_36_identify_patient_by(D("2026-03-02")) == D("2026-03-05")


def test_p6_37_mappa_h_six_months_before_release_or_as_soon_as_possible():
    assert dl.p6_37_mappa_h_due(D("2027-03-15"), D("2026-01-12")) == D("2026-09-15")
    assert dl.p6_37_mappa_h_due(D("2027-03-15"), D("2026-11-02")) is None
    assert dl.p6_37_mappa_h_due(D("2027-03-15")) == D("2026-09-15")  # sentence not known


def test_p15_16_less_than_six_months_never_gives_a_due_date_before_the_sentence():
    # 31 August + 6 months is 28 February: counting back from release keeps the due date after the sentence
    assert dl.less_than_six_months_to_serve(D("2026-08-31"), D("2027-02-28"))
    assert not dl.less_than_six_months_to_serve(D("2026-08-28"), D("2027-02-28"))


def test_p15_7_release_date_confirmed_eight_months_before_release():
    assert dl.p15_7_release_date_confirmed_by(D("2027-03-15")) == D("2026-07-15")


def test_p24_13_transfer_15_months_and_p15_3_early_allocation_18_months_before_release():
    assert dl.p24_13_responsibility_transfers_on(D("2028-06-30")) == D("2027-03-30")
    assert dl.p15_3_early_allocation_from(D("2028-06-30")) == D("2026-12-30")


def test_p13a_29_invitations_14_calendar_days_before_the_meeting():
    assert dl.p13a_29_invitations_by(D("2026-06-15")) == D("2026-06-01")


def test_p23_30_transfer_considered_six_months_before_the_18th_birthday():
    assert dl.p23_2_eighteenth_birthday(D("2009-05-20")) == D("2027-05-20")
    assert dl.p23_30_consider_transfer_by(D("2009-05-20")) == D("2026-11-20")
    assert dl.p23_2_eighteenth_birthday(D("2008-02-29")) == D("2026-03-01")  # the convention of dates.birthday_in


def test_p7_28_later_parole_review_set_at_short_notice_is_as_soon_as_possible():
    assert dl.p7_28_review_before_later_parole(D("2027-12-10"), D("2026-12-12")) == D("2027-06-10")
    assert dl.p7_28_review_before_later_parole(D("2027-03-01"), D("2026-12-01")) is None


@given(sentence=days, release=days)
def test_a_six_month_deadline_before_release_is_never_before_the_sentence_nor_after_release(sentence, release):
    if release < sentence:
        return
    for rule in (dl.p6_37_mappa_h_due, dl.p7_10_mappa_a_due, dl.p15_16_level_set_by):
        due = rule(release, sentence)
        assert due is None or sentence <= due <= release


@given(day=days)
def test_every_deadline_before_an_event_falls_before_it_and_every_one_after_falls_after(day):
    assert dl.p15_3_early_allocation_from(day) < dl.p24_13_responsibility_transfers_on(day) \
        < dl.p15_7_release_date_confirmed_by(day) < dl.p15_16_level_set_by(day) < day
    assert dl.p13a_29_invitations_by(day) < day < dl.p6_30_identify_by(day) <= dl.p8_16_identify_by_working_days(day)
    assert day < dl.p7_17_coordinator_decision_by(day)
    for level in ("2", "3"):
        assert day < dl.p13a_37_rescheduled_within(day, level)
        assert day < dl.p13a_37_next_review_by(day, level)


def test_the_date_questions_about_now_start_at_today():
    for cid in ("key-dates", "status-end"):
        assert CALCULATORS[cid].question_index()["today"].to_dict()["default_today"] is True
