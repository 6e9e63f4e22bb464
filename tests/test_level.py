"""The level calculator (chapter 7, 13a.37, KPIs 31.21): tests named after the paragraph they pin."""

from __future__ import annotations

import datetime as dt

import pytest

from mappa_rules import evaluate
from mappa_rules.level import FLAGS, level2_criteria, level3_criteria, only_levels_2_and_3

BASE = {"category": "2", "current_level": "2", "setting": "community", "check_criteria": "no",
        "life_ipp_release": "no"}
CRITERIA = {"check_criteria": "yes", "meetings_add_value": "yes", "rosh": "high", "senior_oversight": "no",
            "was_level_3": "no", "significant_resources": "no", "public_confidence": "no",
            "national_security": "no", "organised_crime": "no", "plan_robust": "no"}


def run(**answers):
    result = evaluate("level", {**BASE, **answers})
    assert result["ok"], result
    return result


def dates(result):
    return {d["id"]: d["date"] for d in result["dates"]}


@pytest.mark.parametrize("category,disc,expected", [
    ("1", None, False), ("2", None, False), ("3", None, True), ("4", "yes", True), ("4", "no", False),
    ("4", "unknown", None), ("unknown", None, None),
])
def test_p7_6_category_3_and_discretionary_category_4_only_at_level_2_or_3(category, disc, expected):
    answers = {"category": category} | ({"cat4_discretionary": disc} if disc else {})
    assert only_levels_2_and_3(answers) is expected


def test_p6_13_category_3_at_level_1_is_a_field_error():
    result = evaluate("level", {**BASE, "category": "3", "current_level": "1"})
    assert not result["ok"] and result["errors"][0]["field"] == "current_level"


def test_p7_5_level_2_needs_added_value_and_one_limb():
    assert level2_criteria(CRITERIA) is True
    assert level2_criteria({**CRITERIA, "meetings_add_value": "no"}) is False
    assert level2_criteria({**CRITERIA, "rosh": "low", "needs_coordination": "no"}) is False
    assert level2_criteria({**CRITERIA, "rosh": "low", "needs_coordination": "yes"}) is True
    assert level2_criteria({**CRITERIA, "rosh": "unknown", "needs_coordination": "unknown"}) is None


def test_p7_6_level_3_first_two_criteria_need_level_2_last_two_do_not():
    assert level3_criteria({**CRITERIA, "significant_resources": "yes"}, False) is False
    assert level3_criteria({**CRITERIA, "significant_resources": "yes"}, True) is True
    assert level3_criteria({**CRITERIA, "organised_crime": "yes"}, False) is True


def test_p7_19_risk_level_is_not_the_mappa_level():
    result = run(**{**CRITERIA, "meetings_add_value": "no", "plan_robust": "yes"})
    assert result["outcome"] == "LEVEL_1_INDICATED"


def test_p6_38_a_category_3_case_leaves_mappa_rather_than_dropping_to_level_1():
    result = run(**{**CRITERIA, "category": "3", "meetings_add_value": "no", "plan_robust": "yes"})
    assert result["outcome"] == "EXIT_MAPPA_CONSIDER"


def test_p7_13_the_coordination_unit_decides_and_any_agency_may_refer():
    result = run()
    assert any("Co-ordination Unit" in d["who"] for d in result["deciders"])
    assert any(i.get("kind") == "refer" for i in result["items"])


def test_p13a_37_review_at_least_every_16_or_8_weeks():
    assert dates(run(last_meeting_date="2026-11-02"))["next_review_by"] == "2027-02-22"
    assert dates(run(current_level="3", last_meeting_date="2026-11-02"))["next_review_by"] == "2026-12-28"


def test_p13a_37_the_reschedule_date_never_passes_the_interval():
    result = run(current_level="3", last_meeting_date="2026-11-02", meeting_cancelled="yes",
                 cancelled_meeting_date="2026-12-21")
    d = dates(result)
    assert d["rescheduled_by"] <= d["next_review_by"]
    assert "RESCHEDULE_WINDOW_EXCEEDS_LIMIT" in {f["code"] for f in result["flags"]}


def test_p13a_37_working_days_outside_the_bank_holiday_data_give_no_date_not_an_error():
    result = run(current_level="3", last_meeting_date="2099-11-02", meeting_cancelled="yes",
                 cancelled_meeting_date="2099-11-10")
    assert dates(result)["rescheduled_by"] is None


def test_p7_10_mappa_a_at_least_six_months_before_release():
    d = dates(run(current_level="not_set", setting="custody", recalled="no", parole_case="no",
                  omic_early_allocation="no", release_date="2027-08-31"))
    assert d["mappa_a_by"] == "2027-02-28"


def test_p7_28_standard_recall_six_months_before_later_parole_review():
    d = dates(run(setting="custody", recalled="yes", recall_type="standard", parole_case="no",
                  omic_early_allocation="no", next_parole_review_date="2027-12-10"))
    assert d["recall_review_before_next_parole"] == "2027-06-10"


def test_p6_30_identification_three_days_and_three_working_days():
    d = dates(run(sentence_date="2026-11-20"))
    assert (d["identify_by"], d["identify_by_working_days"]) == ("2026-11-23", "2026-11-25")


def test_p31_21_kpi_items_for_level_2_and_3():
    texts = " ".join(i["text"] for i in run(current_level="3")["items"])
    assert "8 weeks" in texts


def test_flags_carry_both_readings():
    for code, (text, paras, readings) in FLAGS.items():
        assert text and paras and len(readings) >= 2, code


def test_p15_16_release_before_sentence_is_a_field_error():
    result = evaluate("level", {**BASE, "setting": "custody", "recalled": "no", "parole_case": "no",
                                "omic_early_allocation": "no", "release_date": "2025-01-01",
                                "sentence_date": "2026-01-01"})
    assert {e["field"] for e in result["errors"]} == {"release_date"}


def test_p15_16_parole_case_warns_that_the_mappa_a_must_precede_level_setting():
    # reviewer: level set by PED - 6 months (2027-02-28) is long before release - 6 months (2028-08-28)
    result = run(current_level="not_set", setting="custody", recalled="no", parole_case="yes",
                 parole_date="2027-08-31", omic_early_allocation="no", release_date="2029-02-28")
    assert dates(result)["level_set_by"] == "2027-02-28"
    # dates in words in what people read (house style)
    assert any("28 February 2027" in w["text"] and "MAPPA A" in w["text"] for w in result["warnings"])


def test_p13a_37_a_meeting_cancelled_after_the_limit_is_never_rescheduled_into_the_past():
    result = run(current_level="2", last_meeting_date="2026-11-02", meeting_cancelled="yes",
                 cancelled_meeting_date="2027-03-01")  # limit 2027-02-22 already passed
    d = dates(result)
    assert d["rescheduled_by"] == "2027-03-15"  # 10 working days after Monday 1 March 2027
    assert any("breached" in w["text"] for w in result["warnings"])
