"""The `shared-accommodation` calculator pinned to 21.15-21.18 and 14.24 of the national guidance.

Scenarios with answers in and expected results out are in tests/scenarios/shared-accommodation.yaml.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, strategies as st

from mappa_rules import evaluate
from mappa_rules import shared_accommodation as sa
from mappa_rules.core import p
from mappa_rules.dates import add_days, day_before_birthday

D = dt.date


def answers(**overrides: Any) -> dict[str, Any]:
    """Aged 30, Level 2, alone in a self-contained private flat, Universal Credit, MAPPA ends 31 March 2028."""
    base: dict[str, Any] = {
        "assessment_date": "2026-11-23",
        "date_of_birth": "1996-01-10",
        "tenure": "private_rented",
        "household": "alone",
        "self_contained": "yes",
        "benefit": "universal_credit",
        "current_level": "level_2",
        "mappa_p_sent": "not_yet",
        "mappa_end": "known_date",
        "mappa_end_date": "2028-03-31",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def run(**overrides: Any) -> dict[str, Any]:
    result = evaluate("shared-accommodation", answers(**overrides))
    assert result["ok"], result
    return result


def dates_of(result: dict[str, Any]) -> dict[str, str | None]:
    return {d["id"]: d["date"] for d in result["dates"]}


def flag(result: dict[str, Any], code: str) -> dict[str, Any]:
    found = [f for f in result["flags"] if f["code"] == code]
    assert found, f"{code} not raised: {[f['code'] for f in result['flags']]}"
    return found[0]


# --- 21.15 -------------------------------------------------------------------------------------------------


def test_p21_15_under_35_up_to_the_day_before_the_35th_birthday():
    birth = D(1991, 11, 24)
    assert sa.under_35(birth, D(2026, 11, 23))
    assert not sa.under_35(birth, D(2026, 11, 24))


def test_p21_15_universal_credit_and_housing_benefit_are_separate_branches():
    uc = run()
    hb = run(tenure="temporary_accommodation", benefit="housing_benefit")
    assert "Universal Credit" in uc["answer"] and "Housing Benefit" in hb["answer"]
    uc_actions = " ".join(a["text"] for a in uc["actions"])
    hb_actions = " ".join(a["text"] for a in hb["actions"])
    assert "DWP MAPPA single point of contact" in uc_actions and "Housing Benefit" not in uc_actions
    assert "single point of contact for Housing Benefit" in hb_actions and "DWP" not in hb_actions
    assert [d["who"] for d in uc["deciders"]] == ["DWP (a Universal Credit decision maker)"]
    assert [d["who"] for d in hb["deciders"]] == ["the local authority (Housing Benefit)"]


@pytest.mark.parametrize("tenure", ["temporary_accommodation", "supported_or_sheltered"])
def test_p21_15_temporary_and_supported_housing_claim_housing_benefit(tenure):
    assert sa.benefit_route({"tenure": tenure, "benefit": "universal_credit"}) == "housing_benefit"
    assert sa.benefit_route({"tenure": "private_rented", "benefit": "unknown"}) == "universal_credit"


def test_p21_15_social_housing_tenant_told_the_rate_does_not_apply():
    result = run(tenure="social_rented", self_contained=None, benefit=None)
    assert result["outcome"] == "NOT_APPLICABLE_SOCIAL_RENTED"
    assert "does not apply to this tenancy" in result["answer"]
    assert result["caveats"] and "verify" in result["caveats"][0]["text"]


def test_p21_15_the_universal_credit_regulation_is_cited_beside_the_guidance():
    result = run()
    exempt_reason = [r for r in result["reasons"] if p("21.15") in r["paras"] and r.get("external")]
    assert exempt_reason and "Universal Credit Regulations 2013" in exempt_reason[0]["external"][0]
    assert "Schedule 4, paragraph 29" in exempt_reason[0]["external"][0]


def test_p21_15_a_shared_house_is_not_exempt_under_the_guidance_with_a_caveat_for_universal_credit():
    result = run(self_contained="no")
    assert result["outcome"] == "NOT_EXEMPT"
    assert any("Universal Credit regulation" in c["text"] for c in result["caveats"])


# --- 14.24 against 21.15 -----------------------------------------------------------------------------------


def test_p14_24_conflict_shows_both_readings_and_cites_the_regulation_for_universal_credit():
    result = run(date_of_birth="2004-05-01")
    assert result["outcome"] == "EXEMPT"
    f = flag(result, "AGE_BAND_CONFLICT_14_24")
    assert set(f["paras"]) == {p("21.15"), p("14.24")}
    assert len(f["readings"]) == 2 and "under 35" in f["readings"][0] and "25 to 34" in f["readings"][1]
    assert "Universal Credit Regulations 2013" in f["external"][0]


def test_p14_24_no_conflict_flag_from_age_25():
    assert not [f for f in run(date_of_birth="2001-11-23")["flags"] if f["code"] == "AGE_BAND_CONFLICT_14_24"]
    assert [f for f in run(date_of_birth="2001-11-24")["flags"] if f["code"] == "AGE_BAND_CONFLICT_14_24"]


def test_p14_24_housing_benefit_under_25_is_not_decided():
    result = run(date_of_birth="2004-05-01", tenure="supported_or_sheltered", benefit="housing_benefit")
    assert result["outcome"] == "CANNOT_DETERMINE"
    assert any("Housing Benefit Regulations" in c.get("external", [""])[0] for c in result["caveats"])


@pytest.mark.parametrize("birth, outcome", [
    ("2001-11-24", "CANNOT_DETERMINE"),  # 24 on 23 November 2026: the day before the 25th birthday
    ("2001-11-23", "EXEMPT"),            # the 25th birthday: both readings agree
])
def test_p14_24_housing_benefit_boundary_at_the_25th_birthday(birth, outcome):
    result = run(date_of_birth=birth, tenure="temporary_accommodation", benefit="housing_benefit")
    assert result["outcome"] == outcome


def test_p21_15_the_older_local_memorandum_25_to_35_does_not_matter_at_35():
    result = run(assessment_date="2031-01-10", mappa_end="indefinite", mappa_end_date=None)
    assert result["outcome"] == "NOT_APPLICABLE_AGE_35_PLUS"
    assert any(r.get("local") == "001" for r in result["reasons"])


# --- 21.16: the MAPPA P -------------------------------------------------------------------------------------


def test_p21_16_the_lead_agency_sends_the_mappa_p_never_the_housing_provider():
    for overrides in ({}, {"tenure": "social_rented", "self_contained": None, "benefit": None},
                      {"current_level": "not_managed"}):
        result = run(**overrides)
        assert any("never by the housing provider" in r["text"] for r in result["reasons"]), overrides


@given(birth=st.dates(D(1985, 1, 1), D(2012, 12, 31)), end_after=st.integers(0, 9000))
def test_p21_16_the_exemption_ends_at_the_earlier_of_mappa_end_and_the_day_before_the_35th_birthday(birth, end_after):
    on = D(2026, 11, 23)
    end = add_days(on, end_after)
    result = evaluate("shared-accommodation", answers(date_of_birth=birth.isoformat(), mappa_end_date=end.isoformat()))
    assert result["ok"], result
    last_under_35 = day_before_birthday(birth, 35)
    if on > last_under_35:
        assert result["outcome"] == "NOT_APPLICABLE_AGE_35_PLUS"
    elif (on - birth).days < 10 * 365:
        pass
    else:
        assert result["outcome"] == "EXEMPT"
        d = dates_of(result)
        assert d["last_day_under_35"] == last_under_35.isoformat()
        assert d["exemption_end"] == min(end, last_under_35).isoformat()


def test_p21_16_leap_day_birthday_is_flagged_as_a_convention():
    result = run(date_of_birth="2000-02-29", mappa_end_date="2040-01-01")
    assert dates_of(result)["exemption_end"] == "2035-02-28"
    f = flag(result, "LEAP_DAY_BIRTHDAY_CONVENTION")
    assert len(f["readings"]) == 2
    assert any("29 February" in c["text"] for c in result["caveats"])


def test_p21_16_indefinite_mappa_end_is_flagged():
    result = run(mappa_end="indefinite", mappa_end_date=None)
    assert dates_of(result)["exemption_end"] == "2031-01-09"
    assert len(flag(result, "MAPPA_END_INDEFINITE")["readings"]) == 2


def test_p21_16_unknown_mappa_end_is_not_yet_computable():
    result = run(mappa_end="unknown", mappa_end_date=None)
    end = [d for d in result["dates"] if d["id"] == "exemption_end"][0]
    assert end["date"] is None and end["rule"].startswith("Not yet computable")


def test_p21_16_mappa_p_checklist_destroy_when_no_longer_subject_to_mappa():
    items = run()["items"]
    assert any("destroy" in i["text"] and i["strength"] == "must" and i["paras"] == [p("21.16")] for i in items)


# --- 21.17 --------------------------------------------------------------------------------------------------


def test_p21_17_exemption_continues_at_level_1_unless_the_person_moves():
    stays = run(current_level="level_1", mappa_p_sent=None, exemption_at_level23="yes", moved_since_exemption="no")
    assert stays["outcome"] == "EXEMPT_CONTINUES"
    moved = run(current_level="level_1", mappa_p_sent=None, exemption_at_level23="yes", moved_since_exemption="yes")
    assert moved["outcome"] == "NOT_EXEMPT"


def test_p21_17_new_mappa_p_on_a_change_of_address_is_advisable_and_flagged():
    result = run(mappa_p_sent="previous_address")
    f = flag(result, "NEW_MAPPA_P_ADVISABLE_VS_MUST")
    assert set(f["paras"]) == {p("21.16"), p("21.17")}


# --- 21.18 --------------------------------------------------------------------------------------------------


def test_p21_18_those_not_exempt_are_sent_to_the_discretionary_housing_payment_route():
    result = run(self_contained="no")
    la = [d for d in result["deciders"] if d["who"] == "the local authority"]
    assert la and la[0]["paras"] == [p("21.18")]
    assert set(la[0]["factors"]) == {"the needs of the person", "the level of risk of harm"}
    assert any("Discretionary Housing Payment" in c["text"] and "verify" in c["text"] for c in result["caveats"])


# --- validation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("overrides, field", [
    ({"date_of_birth": "2027-01-01"}, "date_of_birth"),
    ({"date_of_birth": "2020-01-01"}, "date_of_birth"),
    ({"mappa_end_date": "1995-12-31"}, "mappa_end_date"),  # before the date of birth
    ({"mappa_end_date": "2026-02-29"}, "mappa_end_date"),
    ({"current_level": "level_4"}, "current_level"),
])
def test_p21_15_bad_answers_are_field_errors(overrides, field):
    result = evaluate("shared-accommodation", answers(**overrides))
    assert not result["ok"] and "internal_error" not in result
    assert field in {e["field"] for e in result["errors"]}, result["errors"]


# --- review findings (independent check) -------------------------------------------------------------------


def test_p21_15_universal_credit_regulation_is_a_caveat_to_verify_for_exempt_and_continuing():
    """Benefit law is outside the seeds: where the answer rests on it, a caveat says so and names Sch 4 para 29."""
    for result in (run(), run(current_level="level_1", mappa_p_sent=None, exemption_at_level23="yes",
                              moved_since_exemption="no")):
        assert result["outcome"] in ("EXEMPT", "EXEMPT_CONTINUES")
        cited = [c for c in result["caveats"] if "Schedule 4, paragraph 29" in " ".join(c.get("external", []))
                 and "verify" in c["text"]]
        assert cited, result["caveats"]
    continuing = run(current_level="level_1", mappa_p_sent=None, exemption_at_level23="yes",
                     moved_since_exemption="no")
    assert any("Level 1" in c["text"] and "DWP" in c["text"] for c in continuing["caveats"])
    hb = run(tenure="supported_or_sheltered", benefit="housing_benefit")
    assert not any("Schedule 4, paragraph 29" in c["text"] for c in hb["caveats"])


def test_p21_16_the_mappa_p_gives_the_end_of_mappa_management_even_when_35_comes_first():
    """Issue 12: the form's end date is the end of MAPPA management (21.16); the 35th birthday is shown on its
    own as the day the exemption stops being needed, and never replaces the form's date."""
    result = run(mappa_end_date="2031-03-31")  # born 10 Jan 1996: last day under 35 is 9 Jan 2031
    d = dates_of(result)
    assert d["mappa_p_end_date"] == "2031-03-31" and d["mappa_management_end"] == "2031-03-31"
    assert d["thirty_fifth_birthday"] == "2031-01-10" and d["exemption_end"] == "2031-01-09"
    assert not [f for f in result["flags"] if f["code"] == "MAPPA_P_END_DATE_READING"]
    assert any("still gives the end of MAPPA management" in r["text"] for r in result["reasons"])


@given(birth=st.dates(D(1992, 1, 1), D(2008, 12, 31)), end_after=st.integers(0, 9000))
def test_p21_16_the_mappa_p_end_date_is_never_the_35th_birthday(birth, end_after):
    end = add_days(D(2026, 11, 23), end_after)
    result = evaluate("shared-accommodation", answers(date_of_birth=birth.isoformat(), mappa_end_date=end.isoformat()))
    form = [d for d in result.get("dates", []) if d["id"] == "mappa_p_end_date"]
    if result["ok"] and form:
        assert form[0]["date"] == end.isoformat()


def test_p21_16_a_mappa_end_date_in_the_past_is_accepted_and_the_forms_destroyed():
    result = run(mappa_end_date="2026-01-01")
    assert result["outcome"] == "MAPPA_ENDED" and "1 January 2026" in result["answer"]
    destroy = [a for a in result["actions"] if a["text"].startswith("Destroy the MAPPA P")]
    assert destroy and destroy[0]["strength"] == "must" and destroy[0]["paras"] == [p("21.16")]
    assert any(a["paras"] == [p("21.18")] and a["strength"] == "may" for a in result["actions"])


def test_p21_15_self_containment_not_known_still_gives_the_housing_benefit_route_and_recipient():
    result = run(tenure="supported_or_sheltered", self_contained="unknown", benefit="unknown")
    assert result["outcome"] == "CANNOT_DETERMINE"
    assert "Housing Benefit" in result["answer"] and "single point of contact for Housing Benefit" in result["answer"]


def test_p21_15_only_under_25s_are_asked_whether_they_are_care_leavers():
    young = evaluate("shared-accommodation", answers(date_of_birth="2004-05-01"))
    older = evaluate("shared-accommodation", answers())
    assert "care_leaver" not in young["not_needed"] and "care_leaver" in older["not_needed"]


def test_p21_17_the_move_that_ends_the_exemption_is_one_after_re_assessment_to_level_1():
    q = {x.id: x for x in sa.QUESTIONS}["moved_since_exemption"]
    assert "Level 1" in q.text and "Level 2 or 3" in q.help
