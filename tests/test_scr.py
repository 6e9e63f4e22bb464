"""The `scr` calculator pinned to chapter 20 (and 14.22) of the national guidance.

Scenarios with answers in and expected results out are in tests/scenarios/scr.yaml; these tests pin
the rules themselves and the parts of the result a scenario cannot express.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, strategies as st

from mappa_rules import evaluate
from mappa_rules import scr
from mappa_rules.core import p
from mappa_rules.dates import add_days, is_working_day

D = dt.date


def answers(**overrides: Any) -> dict[str, Any]:
    """A mandatory case: murder on 20 June 2026 while at Level 2; charged on 24 June 2026."""
    base: dict[str, Any] = {
        "offences": [{"offence_type": "murder", "date_known": "exact", "offence_date": "2026-06-20",
                      "managed_under_mappa": "yes"}],
        "ever_level23": "yes",
        "level23_periods": [{"start": "2025-01-01"}],
        "charge_status": "charged",
        "charge_date": "2026-06-24",
    }
    base.update(overrides)
    return base


def run(**overrides: Any) -> dict[str, Any]:
    result = evaluate("scr", answers(**overrides))
    assert result["ok"], result
    return result


def dates_of(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in result["dates"]}


def flag(result: dict[str, Any], code: str) -> dict[str, Any]:
    found = [f for f in result["flags"] if f["code"] == code]
    assert found, f"{code} not raised: {[f['code'] for f in result['flags']]}"
    return found[0]


# --- 20.3 -------------------------------------------------------------------------------------------


def test_p20_3_exactly_seven_offences_are_listed():
    listed = [c.value for c in scr.OFFENCE_CHOICES if scr.is_listed_offence(c.value)]
    assert listed == ["murder", "attempted_murder", "conspiracy_to_murder", "manslaughter", "rape",
                      "attempted_rape", "conspiracy_to_rape"]
    assert not scr.is_listed_offence("other")


@pytest.mark.parametrize("offence, first_day", [
    ("2024-03-29", "2024-03-01"),  # 29 Feb to 29 Mar is one month, but 29 days
    ("2028-03-01", "2028-02-02"),  # leap year
    ("2027-03-01", "2027-02-01"),  # common year
    ("2025-01-10", "2024-12-13"),  # across the year end
    ("2026-01-01", "2025-12-04"),
    ("2026-05-31", "2026-05-03"),  # month end
    ("2024-03-28", "2024-02-29"),  # the window starts on a leap day
])
def test_p20_3_the_look_back_is_28_calendar_days_never_a_month(offence, first_day):
    assert scr.window_start(D.fromisoformat(offence)) == D.fromisoformat(first_day)


@given(offence=st.dates(D(2016, 1, 1), D(2035, 12, 31)), gap=st.integers(0, 120), length=st.integers(0, 400))
def test_p20_3_level_2_period_ending_within_28_days_before_the_offence_makes_it_mandatory(offence, gap, length):
    """Level 2 until `gap` days before the offence: mandatory exactly when gap <= 28."""
    end = add_days(offence, -gap)
    start = add_days(end, -length)
    result = run(offences=[{"offence_type": "rape", "date_known": "exact", "offence_date": offence.isoformat(),
                            "managed_under_mappa": "yes"}],
                 level23_periods=[{"start": start.isoformat(), "end": end.isoformat()}],
                 charge_status="not_yet_charged")
    assert (result["outcome"] == "MANDATORY") == (gap <= 28)
    assert dates_of(result)["window_start_1"]["date"] == add_days(offence, -28).isoformat()


@given(offence=st.dates(D(2016, 1, 1), D(2035, 12, 31)), after=st.integers(1, 60))
def test_p20_3_raised_to_level_2_only_after_the_offence_is_not_mandatory(offence, after):
    result = run(offences=[{"offence_type": "murder", "date_known": "exact", "offence_date": offence.isoformat(),
                            "managed_under_mappa": "yes"}],
                 level23_periods=[{"start": add_days(offence, after).isoformat()}],
                 charge_status="not_yet_charged")
    assert result["outcome"] != "MANDATORY"


def test_p20_3_range_all_some_none():
    periods = [scr.Period(D(2025, 1, 1), D(2026, 3, 10))]  # offences up to 7 April 2026 qualify
    assert scr.level_condition_over_range(D(2026, 3, 1), D(2026, 4, 7), periods) == "all"
    assert scr.level_condition_over_range(D(2026, 4, 7), D(2026, 4, 30), periods) == "some"
    assert scr.level_condition_over_range(D(2026, 4, 8), D(2026, 4, 30), periods) == "none"
    # two periods whose extended spans touch cover the gap between them
    two = [scr.Period(D(2025, 1, 1), D(2025, 6, 1)), scr.Period(D(2025, 6, 30), None)]
    assert scr.level_condition_over_range(D(2025, 6, 2), D(2025, 6, 29), two) == "all"
    gap = [scr.Period(D(2025, 1, 1), D(2025, 6, 1)), scr.Period(D(2025, 8, 1), None)]
    assert scr.level_condition_over_range(D(2025, 6, 2), D(2025, 7, 31), gap) == "some"


def test_p20_3_any_category_including_a_child_offender():
    for category in ("1", "2", "3", "4", "4d"):
        assert run(category=category, lead_agency="yot")["outcome"] == "MANDATORY"


def test_p20_3_offender_not_under_mappa_on_the_offence_date_shows_both_readings():
    result = run(offences=[{"offence_type": "manslaughter", "date_known": "exact", "offence_date": "2026-06-20",
                            "managed_under_mappa": "no"}],
                 level23_periods=[{"start": "2025-01-01", "end": "2026-06-10"}])
    assert result["outcome"] == "MANDATORY"
    assert len(flag(result, "OFFENDER_NOT_MAPPA_ON_OFFENCE_DATE")["readings"]) == 2


# --- 20.4, 20.5: the SMB Chair's decision --------------------------------------------------------------


def test_p20_4_appendix_6_unknown_cannot_be_determined_here():
    result = run(offences=[{"offence_type": "other", "in_appendix_6": "unknown", "date_known": "exact",
                            "offence_date": "2026-06-20", "managed_under_mappa": "yes"}],
                 reason_public_confidence="yes")
    assert result["outcome"] == "DISCRETIONARY_UNDETERMINED"
    assert "cannot be determined here" in result["answer"]
    assert any("Appendix 6" in r["text"] and "cannot be determined here" in r["text"] for r in result["reasons"])


def test_p20_4_the_smb_chair_decides_on_the_factors_of_20_4_and_20_5():
    result = run(offences=[{"offence_type": "other", "in_appendix_6": "yes", "date_known": "exact",
                            "offence_date": "2026-06-20", "managed_under_mappa": "yes"}],
                 reason_operational_issues="yes")
    assert result["outcome"] == "DISCRETIONARY_ELIGIBLE"
    chair = [d for d in result["deciders"] if d["who"] == "SMB Chair"]
    assert chair and len(chair[0]["factors"]) >= 4
    assert set(chair[0]["paras"]) == {p("20.4"), p("20.5")}
    assert any("internal review" in f for f in chair[0]["factors"])


def test_p20_4_a_reason_without_a_route_or_a_route_without_a_reason_is_not_enough():
    no_route = run(offences=[{"offence_type": "other", "in_appendix_6": "no",
                              "serious_harm_child_or_adult_at_risk": "no", "date_known": "exact",
                              "offence_date": "2026-06-20", "managed_under_mappa": "yes"}],
                   reason_public_confidence="yes")
    assert no_route["outcome"] == "NOT_INDICATED_ON_FACTS"
    no_reason = run(offences=[{"offence_type": "other", "in_appendix_6": "yes", "date_known": "exact",
                               "offence_date": "2026-06-20", "managed_under_mappa": "yes"}],
                    reason_public_confidence="no", reason_significant_departure="no", reason_operational_issues="no")
    assert no_reason["outcome"] == "NOT_INDICATED_ON_FACTS"


def test_p20_4_level_1_offender_charged_with_a_listed_offence_is_a_route():
    result = run(ever_level23="no", reason_public_confidence="yes")
    assert result["outcome"] == "DISCRETIONARY_ELIGIBLE"


# --- 20.16 and 14.22: the timetable --------------------------------------------------------------------


def test_p14_22_both_first_step_dates_are_shown_and_the_conflict_flagged():
    result = run(charge_date="2024-05-01", offences=[{"offence_type": "murder", "date_known": "exact",
                                                      "offence_date": "2024-04-28", "managed_under_mappa": "yes"}],
                 level23_periods=[{"start": "2024-01-01"}])
    d = dates_of(result)
    assert d["t1_notify_coordinator"]["date"] == "2024-05-06"
    assert d["t1_notify_coordinator"]["paras"] == [p("20.16")]
    assert d["t1_notify_coordinator_working_days"]["date"] == "2024-05-09"
    assert d["t1_notify_coordinator_working_days"]["paras"] == [p("14.22")]
    f = flag(result, "T1_UNIT_CONFLICT")
    assert len(f["readings"]) == 2 and "6 May 2024" in f["readings"][0] and "9 May 2024" in f["readings"][1]


@given(charge=st.dates(D(2016, 1, 1), D(2035, 11, 30)))
def test_p20_16_a_target_on_a_non_working_day_gets_the_working_day_before(charge):
    result = run(charge_date=charge.isoformat(),
                 offences=[{"offence_type": "murder", "date_known": "exact", "offence_date": charge.isoformat(),
                            "managed_under_mappa": "yes"}],
                 level23_periods=[{"start": "2015-01-01"}])
    d = dates_of(result)
    t1 = D.fromisoformat(d["t1_notify_coordinator"]["date"])
    assert t1 == add_days(charge, 5)
    working = D.fromisoformat(d["t1_notify_coordinator_working_days"]["date"])
    assert working >= t1 and is_working_day(working)
    if is_working_day(t1):
        assert "t1_notify_coordinator_practical_target" not in d
    else:
        practical = D.fromisoformat(d["t1_notify_coordinator_practical_target"]["date"])
        assert practical < t1 and is_working_day(practical)
        assert all(not is_working_day(add_days(practical, k)) for k in range(1, (t1 - practical).days + 1))
        assert any("not a working day" in w["text"] for w in result["warnings"])


def test_p20_16_who_acts_at_each_step():
    result = run(lead_agency="police", coordinator_aware_date="2026-06-24", chair_received_n_date="2026-06-26",
                 decision="conduct", decision_date="2026-07-01", nmt_received_date="2026-07-02",
                 agencies_notified_date="2026-07-03", panel_first_meeting_date="2026-07-20",
                 action_plan_agreed_date="2027-02-01")
    who = {k: v["who"] for k, v in dates_of(result).items()}
    assert who["t1_notify_coordinator"] == "the police"
    assert who["t2_notify_chair"] == "MAPPA Co-ordinator"
    assert who["t3_chair_decides"] == who["t4_notify_nmt"] == who["t6_inform_agencies"] == "SMB Chair"
    assert who["t5_nmt_returns"] == "National MAPPA Team"
    assert who["t7_victim_plan"] == "SMB"
    assert who["t8_panel_meets_from_agencies_notified"].startswith("Review author")
    assert who["t9_report"] == "Review author"
    assert who["t11_completion_report"] == "SMB Chair"
    assert dates_of(result)["t11_completion_report"]["paras"] == [p("20.29")]


def test_p20_16_later_steps_are_not_yet_computable_without_their_events():
    result = run()
    d = dates_of(result)
    for key in ("t2_notify_chair", "t3_chair_decides", "t4_notify_nmt", "t5_nmt_returns", "t6_inform_agencies",
                "t7_victim_plan", "t8_panel_meets", "t9_report", "t10_action_plan_review", "t11_completion_report"):
        assert d[key]["date"] is None, key
        assert d[key]["rule"].startswith("Not yet computable"), key
        assert "runs from" in d[key]["rule"], key


def test_p20_16_t2_runs_from_when_the_coordinator_was_made_aware():
    mandatory = dates_of(run(coordinator_aware_date="2026-06-24"))
    assert mandatory["t2_notify_chair"]["date"] == "2026-06-29"
    discretionary = dates_of(run(ever_level23="no", coordinator_aware_date="2026-06-24"))
    assert discretionary["t2_notify_chair"]["date"] == "2026-07-04"


def test_p20_16_no_date_arithmetic_fails_beyond_the_bank_holiday_data():
    result = run(charge_date="2036-12-30", offences=[{"offence_type": "murder", "date_known": "exact",
                                                      "offence_date": "2036-12-01", "managed_under_mappa": "yes"}])
    d = dates_of(result)
    assert d["t1_notify_coordinator"]["date"] == "2037-01-04"
    assert d["t1_notify_coordinator_working_days"]["date"] is None
    assert "bank holiday" in d["t1_notify_coordinator_working_days"]["rule"]


def test_p20_16_a_mandatory_case_the_chair_declined_is_warned():
    result = run(decision="not_conduct", decision_date="2026-07-01")
    assert any("must commission" in w["text"] for w in result["warnings"])
    assert "t4_notify_nmt" not in dates_of(result)


# --- second 20.28: discontinuing ----------------------------------------------------------------------


def test_p20_28_2_cites_the_second_use_of_the_number():
    result = run(offences=[{"offence_type": "rape", "date_known": "exact", "offence_date": "2026-06-20",
                            "managed_under_mappa": "yes", "charge_now": "discontinued"}])
    assert result["outcome"] == "DISCONTINUE_SHOULD"
    cited = {a for r in result["reasons"] for a in r["paras"]}
    assert p("20.28", 2) in cited and p("20.28", 1) not in cited
    # the National MAPPA Team "must be informed": a must-do action, citing the second 20.28
    assert any("Tell the National MAPPA Team" in a["text"] and a["strength"] == "must" and p("20.28", 2) in a["paras"]
               for a in result["actions"])
    assert any("local learning review" in d["decides"] for d in result["deciders"])


def test_p20_28_2_reduced_from_one_listed_offence_to_another_stays_mandatory():
    result = run(offences=[{"offence_type": "murder", "date_known": "exact", "offence_date": "2026-06-20",
                            "managed_under_mappa": "yes", "charge_now": "reduced", "reduced_to": "manslaughter"}])
    assert result["outcome"] == "MANDATORY"


def test_p20_28_2_no_review_to_discontinue_when_there_was_never_one():
    result = run(ever_level23="no",
                 offences=[{"offence_type": "other", "in_appendix_6": "no", "serious_harm_child_or_adult_at_risk": "no",
                            "date_known": "exact", "offence_date": "2026-06-20", "managed_under_mappa": "yes",
                            "charge_now": "discontinued"}],
                 reason_public_confidence="no", reason_significant_departure="no", reason_operational_issues="no")
    assert result["outcome"] == "NOT_INDICATED_ON_FACTS"


# --- validation -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("overrides, field", [
    ({"charge_date": "2026-06-01"}, "offences.0.offence_date"),
    ({"coordinator_aware_date": "2026-06-23"}, "coordinator_aware_date"),
    ({"decision": "conduct", "decision_date": "2026-07-01", "agencies_notified_date": "2026-06-30"},
     "agencies_notified_date"),
    ({"decision": "conduct", "decision_date": "2026-07-01", "panel_first_meeting_date": "2026-08-01",
      "action_plan_agreed_date": "2026-07-31"}, "action_plan_agreed_date"),
    ({"conviction_date": "2026-06-01"}, "conviction_date"),
    ({"offences": [{"offence_type": "murder", "date_known": "exact", "offence_date": "2026-06-20",
                    "managed_under_mappa": "yes", "charge_now": "reduced", "reduced_to": "murder"}]},
     "offences.0.reduced_to"),
])
def test_p20_16_contradictory_dates_are_field_errors(overrides, field):
    result = evaluate("scr", answers(**overrides))
    assert not result["ok"] and "internal_error" not in result
    assert field in {e["field"] for e in result["errors"]}, result["errors"]


@given(offence=st.dates(D(2016, 1, 1), D(2035, 12, 31)),
       spans=st.lists(st.tuples(st.integers(-400, 60), st.one_of(st.none(), st.integers(0, 200))), max_size=4))
def test_p20_3_the_range_test_agrees_with_the_single_date_test(offence, spans):
    """A one-day range is mandatory exactly when the offence date itself is (any set of periods)."""
    periods = [scr.Period(add_days(offence, a), None if n is None else add_days(offence, a + n)) for a, n in spans]
    single = scr.managed_at_level_2_or_3_in_window(offence, periods)
    assert scr.level_condition_over_range(offence, offence, periods) == ("all" if single else "none")
    later = add_days(offence, 10)
    over = scr.level_condition_over_range(offence, later, periods)
    each = {scr.managed_at_level_2_or_3_in_window(add_days(offence, k), periods) for k in range(11)}
    assert over == ("all" if each == {True} else "none" if each == {False} else "some")


# --- issue 12 -----------------------------------------------------------------------------------------------


def test_p20_3_no_last_offence_date_while_the_case_is_still_at_level_2():
    assert not [d for d in run()["dates"] if d["id"].startswith("last_offence_date_meeting_20_3")]
    ended = run(level23_periods=[{"start": "2025-01-01", "end": "2026-06-01"}])
    assert dates_of(ended)["last_offence_date_meeting_20_3_1"]["date"] == "2026-06-29"


def test_p20_3_last_offence_date_comes_from_the_period_that_reaches_the_offence():
    periods = [{"start": "2024-01-01", "end": "2024-03-01"}, {"start": "2026-01-01", "end": "2026-06-10"},
               {"start": "2027-01-01"}]  # a later period, after the offence, is not the one that reaches it
    assert scr.last_offence_date_meeting_20_3(D(2026, 6, 20), [scr.Period(D.fromisoformat(p_["start"]),
                                              D.fromisoformat(p_["end"]) if "end" in p_ else None)
                                              for p_ in periods]) == D(2026, 7, 8)


@pytest.mark.parametrize("completed, check, expected", [
    (None, None, ["2025-02-28", "2025-06-30", "2025-10-31"]),
    (None, "2026-03-01", ["2025-02-28", "2025-06-30", "2025-10-31", "2026-02-28", "2026-06-30"]),
    ("2025-07-15", None, ["2025-02-28", "2025-06-30"]),
    ("2025-02-01", None, []),
])
def test_p20_16_action_plan_reviewed_every_4_months_until_completed(completed, check, expected):
    got = scr.action_plan_reviews(D(2024, 10, 31), completed and D.fromisoformat(completed),
                                  check and D.fromisoformat(check))
    assert [d.isoformat() for d in got] == expected


def test_p20_16_action_plan_reviews_are_bounded_for_a_far_check_date():
    assert len(scr.action_plan_reviews(D(2024, 10, 31), None, D(2100, 1, 1))) == scr.MAX_REVIEWS


def test_p20_28_2_reduced_charge_explains_appendix_6_and_leaves_the_review_to_the_chair():
    result = run(offences=[{"offence_type": "attempted_murder", "date_known": "exact", "offence_date": "2026-06-20",
                            "managed_under_mappa": "yes", "charge_now": "reduced", "reduced_to": "other",
                            "reduced_in_appendix_6": "unknown"}], scr_progress="in_progress")
    assert result["outcome"] == "DISCONTINUE_SHOULD"
    route = [r for r in result["reasons"] if r["text"].startswith("A discretionary review on the reduced charge")]
    assert route and "Appendix 6" in route[0]["text"] and p("20.4") in route[0]["paras"]
    chair = [d for d in result["deciders"] if "reduced charge" in d["decides"]]
    assert chair and chair[0]["who"] == "SMB Chair" and any("Appendix 6" in f for f in chair[0]["factors"])


@pytest.mark.parametrize("ever", ["yes", "unknown"])
def test_p20_3_died_before_charge_no_reason_says_the_chair_must_commission(ever):
    result = run(charge_status="died_before_charge", charge_date=None, ever_level23=ever)
    assert result["outcome"] == "PROFESSIONAL_JUDGEMENT"
    assert not any("must commission" in r["text"] for r in result["reasons"])
    assert not any("commission" in a["text"].lower() for a in result["actions"])
