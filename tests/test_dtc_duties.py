"""Duties of duty-to-co-operate agencies, pinned to chapter 3, 7.4, 7.23, 13a, 13b.9, chapter 21 and chapter 23."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from mappa_rules import CALCULATORS, evaluate
from mappa_rules.core import LOCAL_DOCUMENTS

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
HP = {"agency_type": "housing_provider", "housing_kind": "general_needs", "mappa_level": "2",
      "offender_under_18": "no"}


def run(**answers):
    result = evaluate("dtc-duties", answers)
    assert result["ok"], result
    return result


def ids(result):
    return {i["id"] for i in result["items"]}


def item(result, item_id):
    return next(i for i in result["items"] if i["id"] == item_id)


def _choices(qid):
    q = CALCULATORS["dtc-duties"].question_index()[qid]
    return [c.value for c in q.choices]


@pytest.mark.parametrize("agency,situation", list(itertools.product(_choices("agency_type"), _choices("situation"))))
def test_p3_4_every_agency_and_situation_gives_duties_or_a_clear_error(agency, situation):
    answers = {"agency_type": agency, "situation": situation, "mappa_level": "2", "offender_under_18": "unknown",
               "mou_in_place": "yes", "isp_in_place": "yes", "enough_information": "yes", "can_attend": "yes",
               "onward_sharing": "none", "minutes_request": "none", "concern": "new_information",
               "staff_risk_told": "yes", "housing_kind": "general_needs", "health_kind": "nhs_trust",
               "education_kind": "la_maintained", "purpose_given": "yes", "asked_for_sensitive": "no",
               "move_reason": "general_worry"}
    r = evaluate("dtc-duties", answers)
    assert "internal_error" not in r
    if not r["ok"]:
        assert situation in ("asked_to_house", "tenants_ask_to_move")
        assert {e["field"] for e in r["errors"]} == {"situation"}
        return
    assert r["items"], "always some duties"
    for i in r["items"]:
        assert i["strength"] in ("must", "should", "may") and i["paras"] and i["text"]


def test_p3_6_p7_4_level_1_is_covered():
    r = run(**dict(HP, mappa_level="1"), situation="worried", concern="plan_not_working")
    assert item(r, "all_levels")["strength"] == "must"
    assert {"para-3-6", "para-7-4"} <= set(item(r, "all_levels")["paras"])
    assert any("Level 1" in x["text"] for x in r["reasons"])


def test_p3_41_housing_provider_may_refuse_and_decides_itself():
    r = run(**HP, situation="asked_to_house", mou_in_place="yes", isp_in_place="yes", enough_information="yes")
    line = item(r, "house_decide")
    assert line["strength"] == "may" and "refuse" in line["text"]
    assert r["deciders"][0]["who"] == "Your organisation"
    assert "DTC_ENGAGEMENT_SCOPE" in {f["code"] for f in r["flags"]}


def test_p13b_9_housing_provider_must_not_pass_information_outside_without_the_chair():
    r = run(**HP, situation="general", mou_in_place="yes", isp_in_place="yes")
    line = item(r, "hp_no_onward")
    assert line["strength"] == "must" and "para-13b-9" in line["paras"]
    assert "without the agreement of the MAPPA Meeting Chair" in line["text"]


@pytest.mark.parametrize("agency,situation", list(itertools.product(_choices("agency_type"), _choices("situation"))))
def test_every_citation_in_every_agency_and_situation_is_a_string_anchor(agency, situation):
    """Reasons once carried ps(...) without *, which nests a tuple inside "paras" and hides the citation."""
    answers = {"agency_type": agency, "situation": situation, "mappa_level": "1", "offender_under_18": "yes",
               "mou_in_place": "no", "isp_in_place": "no", "enough_information": "no", "can_attend": "no",
               "onward_sharing": "tenant_or_public", "minutes_request": "offender", "concern": "warn_others",
               "staff_risk_told": "no", "housing_kind": "supported", "health_kind": "mental_health_trust",
               "education_kind": "la_maintained", "date_of_birth": "2010-02-28", "sentence_type": "custodial",
               "sentence_date": "2026-12-24", "release_date": "2027-03-01", "purpose_given": "no",
               "asked_for_sensitive": "unknown", "move_reason": "past_victim"}
    if situation in ("invited_to_meeting", "sent_minutes"):
        answers["mappa_level"] = "2"
    r = evaluate("dtc-duties", answers)
    assert "internal_error" not in r
    if not r["ok"]:
        return
    for part in ("reasons", "warnings", "flags", "caveats", "deciders", "dates", "items"):
        for entry in r[part]:
            assert all(isinstance(x, str) and x.startswith("para-") for x in entry.get("paras", [])), entry


@pytest.mark.parametrize("onward", ["routine_within_agency", "outside_agency", "court_bundle"])
@pytest.mark.parametrize("agreed", ["no", "unknown"])
def test_p13b_9_onward_sharing_needs_the_chairs_agreement(onward, agreed):
    r = run(**HP, situation="sent_minutes", onward_sharing=onward, chair_agreed=agreed, minutes_request="none")
    assert r["outcome"] == "STOP_CHAIR_AGREEMENT_NEEDED"
    assert any("Chair" in d["who"] for d in r["deciders"])


def test_p13b_9_with_the_chairs_agreement_there_is_no_stop():
    r = run(**HP, situation="sent_minutes", onward_sharing="outside_agency", chair_agreed="yes", minutes_request="none")
    assert r["outcome"] == "DTC_DUTIES"


def test_p13b_9_within_agency_if_necessary_needs_no_chair():
    r = run(**HP, situation="sent_minutes", onward_sharing="within_agency_if_necessary", minutes_request="none")
    assert r["outcome"] == "DTC_DUTIES"
    assert item(r, "internal")["strength"] == "may"


def test_p13b_15_offender_request_is_a_subject_access_request():
    r = run(**HP, situation="sent_minutes", onward_sharing="none", minutes_request="offender")
    assert {"tell_coordinator", "sar"} <= ids(r)
    assert item(r, "sar")["strength"] == "must"


def test_p3_8_attendance_flag_shows_both_readings():
    r = run(**HP, situation="invited_to_meeting", can_attend="no")
    flag = next(f for f in r["flags"] if f["code"] == "ATTENDANCE_MUST_OR_SHOULD")
    assert "must attend" in flag["readings"][0] and "should attend" in flag["readings"][1]
    assert "cannot_attend" in ids(r)


def test_p3_22_academy_is_not_a_dtc_agency():
    r = run(agency_type="education", education_kind="academy_free_independent", situation="worried",
            mappa_level="unknown", offender_under_18="unknown", concern="new_information")
    assert r["outcome"] == "NOT_A_DTC_AGENCY"


def test_p3_39_housing_authority_has_no_new_duty_to_accommodate_but_keeps_its_duties():
    r = run(agency_type="local_housing_authority", situation="asked_to_house", mappa_level="2",
            offender_under_18="no", mou_in_place="yes", enough_information="yes")
    assert {"lha_no_new_duty", "lha_prevent", "lha_main_duty", "house_lha_duties"} <= ids(r)
    assert any("local connection" in c["text"] for c in r["caveats"])


def test_p21_10_housing_association_duty_to_refer_is_a_caveat():
    r = run(**HP, situation="general", mou_in_place="yes", isp_in_place="yes")
    assert any("Homelessness Reduction Act" in c["text"] for c in r["caveats"])


def test_p3_4_ccg_wording_is_a_caveat_for_health():
    r = run(agency_type="health", health_kind="commissioner", situation="general", mappa_level="unknown", mou_in_place="yes")
    assert any("Integrated Care Boards" in c["text"] for c in r["caveats"])


def test_p3_10_missing_memorandum_warns():
    r = run(**HP, situation="general", mou_in_place="unknown", isp_in_place="no")
    texts = " ".join(w["text"] for w in r["warnings"])
    assert "Memorandum of Understanding" in texts and "information-sharing protocol" in texts


def test_local_examples_are_marked_by_their_document_and_in_our_own_words():
    """The renderer labels local practice from ``local`` (titles in core.LOCAL_DOCUMENTS): never in the text."""
    r = run(**HP, situation="asked_to_house", mou_in_place="yes", isp_in_place="yes", enough_information="no")
    r2 = run(**HP, situation="staff_at_risk", staff_risk_told="no")
    r3 = run(agency_type="local_housing_authority", situation="asked_to_house", mappa_level="1",
             offender_under_18="no", mou_in_place="yes", enough_information="yes")
    r4 = run(**HP, situation="tenants_ask_to_move", move_reason="specific_risk")
    local = [i for res in (r, r2, r3, r4) for i in res["items"] if i.get("local")]
    assert {i["local"] for i in local} == {"000", "001", "002"}
    for i in local:
        assert i["local"] in LOCAL_DOCUMENTS
        assert not i["text"].lower().startswith("local") and i["text"][0].isupper(), i["text"]
    if not SEEDS.exists():
        pytest.skip("local documents not available")
    for i in local:
        words = re.findall(r"[a-z']+", i["text"].lower())
        source = " ".join(re.findall(r"[a-z']+", next(SEEDS.glob(i["local"] + "_*.txt")).read_text().lower()))
        for k in range(len(words) - 7):
            assert " ".join(words[k:k + 8]) not in source, f"copied wording: {' '.join(words[k:k + 8])}"


def test_p9_10_blanket_measures_must_be_proportionate():
    r = run(**HP, situation="staff_at_risk", staff_risk_told="yes")
    assert "para-9-10" in item(r, "staff_proportionate")["paras"]
    assert item(r, "local_two_person")["local"] == "000"


def test_p23_30_transfer_date_clamps_to_month_end():
    r = run(agency_type="yot", situation="general", mappa_level="3", mou_in_place="yes", date_of_birth="2007-08-31")
    dates = {d["id"]: d["date"] for d in r["dates"]}
    assert dates["consider_transfer_by"] == "2025-02-28"


def test_p23_19_working_day_reading_beyond_the_bank_holiday_data_is_not_computed():
    r = run(agency_type="yot", situation="general", mappa_level="2", mou_in_place="yes", sentence_date="2090-01-02")
    dates = {d["id"]: d["date"] for d in r["dates"]}
    assert dates["identify_by"] == "2090-01-05" and dates["identify_by_working_days"] is None


def test_p23_19_under_ten_at_sentence_is_a_field_error():
    r = evaluate("dtc-duties", {"agency_type": "yot", "situation": "general", "mappa_level": "2", "mou_in_place": "yes",
                                "date_of_birth": "2015-06-01", "sentence_date": "2024-06-01"})
    assert not r["ok"] and {e["field"] for e in r["errors"]} == {"sentence_date"}
