"""The disclosure decision record, pinned to chapter 10 (and 9.4-9.12, 23.27-23.29, 1.39)."""

from __future__ import annotations

import pytest

from mappa_rules import evaluate

from scenario_data import all_cited, scenarios_of

BASE = {s["id"]: s["answers"] for s in scenarios_of("disclosure")}
COMPLETE = BASE["p10_8_complete_record_at_a_meeting"]


def run(**changes):
    answers = dict(COMPLETE)
    for k, v in changes.items():
        if v is None:
            answers.pop(k, None)
        else:
            answers[k] = v
    result = evaluate("disclosure", answers)
    assert result["ok"], result
    return result


def item(result, item_id):
    matches = [i for i in result["items"] if i["id"] == item_id]
    assert matches, f"no item {item_id}: {[i['id'] for i in result['items']]}"
    return matches[0]


def test_p10_8_complete_record_names_the_meeting_as_decider():
    r = run()
    assert r["outcome"] == "RECORD_COMPLETE"
    assert "not this checklist" in r["answer"]
    assert r["deciders"][0]["who"] == "The MAPPA meeting"


@pytest.mark.parametrize("scenario_id", sorted(BASE))
def test_p10_8_the_checklist_never_decides_whether_to_disclose(scenario_id):
    r = evaluate("disclosure", BASE[scenario_id])
    if not r["ok"]:
        return
    assert r["deciders"], "every outcome names who decides"
    assert r["outcome"] not in ("DISCLOSE", "DO_NOT_DISCLOSE")
    assert "you should disclose" not in r["answer"].lower()


def test_p10_8_every_must_gap_blocks_and_is_listed():
    r = run(alternatives_considered="no", alternatives_rejected_recorded=None, reasons_recorded="no")
    assert r["outcome"] == "RECORD_INCOMPLETE"
    missing = [i for i in r["items"] if i["strength"] == "must" and i["status"] == "missing"]
    assert {i["id"] for i in missing} == {"alternatives", "reasons"}
    listed = " ".join(x["text"] for x in r["reasons"])
    for i in missing:
        assert i["text"] in listed


def test_p10_11_a_should_gap_warns_but_does_not_block():
    r = run(circumstances=None)
    assert r["outcome"] == "RECORD_COMPLETE_WITH_GAPS"
    assert item(r, "circumstance")["status"] == "missing"
    assert any("10-11" in "".join(w["paras"]) for w in r["warnings"])


def test_p10_8_items_carry_id_text_strength_status_and_paras():
    for i in run(decision="undecided", decision_date=None, disclosure_made=None, disclosure_date=None)["items"]:
        assert set(i) >= {"id", "group", "text", "strength", "status", "paras"}
        assert i["strength"] in ("must", "should", "may")
        assert i["status"] in ("met", "missing", "not_applicable")


def test_p10_7_not_disclosing_needs_reasons_but_not_the_making_steps():
    r = run(decision="not_disclose", decision_date="2026-11-10")
    assert item(r, "reasons")["status"] == "met"
    assert item(r, "recipient_prepared")["status"] == "not_applicable"
    assert r["outcome"] == "RECORD_COMPLETE"
    r = run(decision="not_disclose", reasons_recorded="no")
    assert r["outcome"] == "RECORD_INCOMPLETE"


def test_p10_13_outside_a_meeting_consultation_is_a_should_with_urgency_exception():
    level1 = dict(asker="lead_agency", mappa_level="1", forum=None, agencies_agreed=None, recorded_in="lead_agency_system",
                  subject_age="under_18", subject_school_age="no")
    r = run(**level1, yot_cs_consulted="no", urgent="no")
    assert item(r, "yot_cs_consulted")["strength"] == "should"
    assert item(r, "yot_cs_consulted")["status"] == "missing"
    r = run(**level1, yot_cs_consulted="no", urgent="yes")
    assert item(r, "yot_cs_consulted")["status"] == "not_applicable"
    assert r["outcome"] == "RECORD_COMPLETE"


def test_p23_29_at_a_meeting_both_must_be_present_without_urgency_exception():
    r = run(subject_age="under_18", subject_school_age="no", yot_cs_present="no")
    line = item(r, "yot_cs_present")
    assert (line["strength"], line["status"]) == ("must", "missing")
    assert r["outcome"] == "RECORD_INCOMPLETE"


def test_p10_13_p23_29_conflict_is_flagged_with_both_readings():
    r = run(subject_age="under_18", subject_school_age="no", yot_cs_present="yes")
    flag = next(f for f in r["flags"] if f["code"] == "CHILD_CONSULT_VS_PRESENT")
    assert len(flag["readings"]) >= 2
    assert "10.13" in flag["readings"][0] and "23.29" in flag["readings"][1]
    assert {"para-10-13", "para-23-29"} <= set(flag["paras"])


def test_p23_29_adult_subject_with_a_child_recipient_flags_the_scope_question():
    r = run(recipient_under_18="yes", cs_consulted_recipient_child="yes", best_interests="yes")
    assert "CHILD_INVOLVEMENT_SCOPE" in {f["code"] for f in r["flags"]}
    assert item(r, "child_recipient_cs")["strength"] == "must"


def test_p10_17_media_only_by_police():
    r = run(recipient="media", discloser_agency="prison", police_approval="no", hmpps_supervised="yes", moj_press_informed="no")
    assert r["outcome"] == "MEDIA_POLICE_ONLY"
    assert any(d["who"] == "The police" for d in r["deciders"])


def test_p10_17_another_agency_cannot_choose_the_media_as_recipient():
    answers = {"asker": "dtc_agency", "recipient": "media", "dtc_agreed": "yes"}
    answers.update({k: v for k, v in COMPLETE.items() if k not in answers and k not in ("asker",)})
    answers["recipient"] = "media"
    r = evaluate("disclosure", dict(answers, police_approval="yes", hmpps_supervised="no"))
    assert not r["ok"] and "recipient" in {e["field"] for e in r["errors"]}


def test_p10_23_duplicated_numbers_are_cited_by_occurrence():
    r = run(recipient="victim", representations="not_sought", representation_exceptions=["grievance"],
            recipient_told_unaware="yes")
    cited = all_cited(r)
    assert {"para-10-23", "para-10-23-2"} <= cited
    assert "DUPLICATED_PARAGRAPH_10_23" in {f["code"] for f in r["flags"]}


def test_p9_10_first_occurrence_is_proportionality():
    r = run(information_items=["race_religion"], only_needed="no", sch8_condition="statutory")
    assert "para-9-10" in item(r, "minimum")["paras"]
    assert "para-9-10-2" not in all_cited(r)


def test_p10_10_sensitive_processing_caveat_is_outside_the_seeds():
    r = run(information_items=["health"], sch8_condition="justice")
    cav = [c for c in r["caveats"] if "s.35(5)" in c["text"]]
    assert cav and cav[0]["external"]
    assert not any("strictly necessary" in i["text"] for i in r["items"]), "a caveat, never a rule"


def test_p10_10_stale_children_act_basis_is_a_caveat():
    r = run(lawful_basis=["children_act"])
    assert any("Children and Social Work Act 2017" in c["text"] for c in r["caveats"])


def test_p10_26_retired_gsi_address_is_a_caveat():
    r = run(recipient="victim", information_items=["photograph"], sch8_condition="justice", photo_shown_not_given="yes")
    assert any("gsi.gov.uk" in c["text"] for c in r["caveats"])
    assert "PHOTOGRAPH_PRESUMPTION" in {f["code"] for f in r["flags"]}


def test_p10_10_s327a_for_someone_who_is_not_a_child_sex_offender_warns():
    r = run(lawful_basis=["s327a"], child_sex_offender="no")
    assert item(r, "s327a_fits")["status"] == "missing"


def test_p10_5_level1_decider_is_the_lead_agency():
    r = run(asker="lead_agency", mappa_level="1", forum=None, agencies_agreed=None, recorded_in="lead_agency_system")
    assert r["deciders"][0]["who"] == "The lead agency"
    assert "mappa_minutes" not in item(r, "where_recorded")["text"]


def test_p10_7_level2_recorded_on_case_system_only_is_a_gap():
    r = run(recorded_in="lead_agency_system")
    assert item(r, "where_recorded")["status"] == "missing"
    assert r["outcome"] == "RECORD_INCOMPLETE"


def test_p10_27_public_enquiry_is_routed_to_police_schemes():
    r = evaluate("disclosure", {"asker": "public_enquiry", "public_enquiry_about": "child_contact"})
    assert r["outcome"] == "ROUTE_TO_POLICE_SCHEME"


def test_p9_12_associate_sharing_without_dsa_is_not_blocked():
    r = evaluate("disclosure", BASE["p9_12_associate_without_a_data_sharing_agreement"])
    assert r["outcome"] == "INFORMATION_SHARING"
    line = item(r, "associate_no_dsa")
    assert line["strength"] == "should" and "para-9-12" in line["paras"]


def test_p9_8_information_sharing_without_purpose_is_incomplete():
    r = evaluate("disclosure", {"asker": "lead_agency", "recipient": "mappa_agency", "purpose_recorded": "no",
                                "only_needed": "yes", "necessity_recorded": "yes"})
    assert r["outcome"] == "SHARING_RECORD_INCOMPLETE"


def test_p10_2_a_missing_required_answer_is_a_field_error():
    r = evaluate("disclosure", {"asker": "lead_agency"})
    assert not r["ok"]
    assert "recipient" in {e["field"] for e in r["errors"]}


# --- added in review -----------------------------------------------------------------------------


def test_p10_24_level_1_victim_photograph_should_be_referred_to_a_meeting():
    answers = dict(BASE["p10_24_level_1_victim_photograph_should_go_to_a_meeting"])
    r = evaluate("disclosure", answers)
    line = item(r, "photo_to_meeting")
    assert line["strength"] == "should" and line["status"] == "missing" and "para-10-24" in line["paras"]
    at_meeting = run(recipient="victim", information_items=["photograph"], sch8_condition="justice",
                     photo_shown_not_given="yes", complex_not_norm="yes")
    assert item(at_meeting, "photo_to_meeting")["status"] == "met"


def test_p10_19_complex_disclosure_is_a_should():
    r = run(information_items=["gender_history"], sch8_condition="justice", gender_crime_necessity="yes",
            complex_not_norm="no")
    line = item(r, "complex_not_norm")
    assert line["strength"] == "should" and line["status"] == "missing"
    assert r["outcome"] == "RECORD_COMPLETE_WITH_GAPS"


def test_p10_27_other_public_enquiries_go_to_the_lead_agency_not_a_police_scheme():
    r = evaluate("disclosure", {"asker": "public_enquiry", "public_enquiry_about": "other"})
    assert r["outcome"] == "REFER_TO_LEAD_AGENCY_OR_MEETING"
    assert "police" not in r["answer"].lower().split(".")[0]


def test_p10_15_a_housing_provider_wanting_to_tell_the_press_is_referred_not_refused_a_field():
    r = evaluate("disclosure", {"asker": "dtc_agency", "recipient": "media", "dtc_agreed": "no"})
    assert r["ok"] and r["outcome"] == "REFER_TO_LEAD_AGENCY_OR_MEETING"
    assert any("para-10-15" in x["paras"] for x in r["reasons"])


@pytest.mark.parametrize("agreed,status", [("yes", "met"), ("no", "missing"), ("unknown", "missing")])
def test_p13b_9_mappa_information_leaving_a_dtc_agency_needs_the_chair(agreed, status):
    r = evaluate("disclosure", {"asker": "dtc_agency", "recipient": "associate", "associate_dsa": "yes",
                                "from_mappa": "yes", "chair_agreed_onward": agreed, "purpose_recorded": "yes",
                                "information_items": ["name_address"], "only_needed": "yes",
                                "necessity_recorded": "yes"})
    line = item(r, "chair_agreement")
    assert line["strength"] == "must" and line["status"] == status and "para-13b-9" in line["paras"]
    assert any(d["who"] == "The MAPPA Meeting Chair" for d in r["deciders"])


def test_p23_29_wide_reading_is_a_warning_and_the_flag_names_no_invented_decider():
    r = run(children_protected="yes", yot_cs_present="no")
    assert item(r, "yot_cs_present_wide")["strength"] == "should"
    flag = next(f for f in r["flags"] if f["code"] == "CHILD_INVOLVEMENT_SCOPE")
    assert len(flag["readings"]) >= 2 and not any("Chair should decide" in x for x in flag["readings"])


def test_questions_about_the_recipient_are_not_asked_when_not_disclosing_or_for_the_media():
    from mappa_rules import CALCULATORS
    qs = CALCULATORS["disclosure"].question_index()
    not_disclosing = {"asker": "lead_agency", "recipient": "victim", "mappa_level": "1", "decision": "not_disclose"}
    assert not qs["recipient_under_18"].shown(not_disclosing)
    assert not qs["children_protected"].shown(not_disclosing)
    media = dict(not_disclosing, recipient="media", decision="disclose")
    assert not qs["recipient_under_18"].shown(media) and not qs["recipient_adult_at_risk"].shown(media)
