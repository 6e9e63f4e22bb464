"""The category calculator (chapter 6): unit tests named after the paragraph they pin."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mappa_rules import evaluate
from mappa_rules.category import FLAGS, category2_offence, category4_offence
from mappa_rules.sentences import MET, NOT_MET, RA, UNKNOWN, term_meets_12_months

BASE = {
    "sex_offender_notification": "never", "cta_part4_notification": "never", "terrorism_risk_identified": "no",
    "tpim": "no", "disqualification_order": "no", "ra_serious_harm": "unknown", "ra_level_2_3_needed": "unknown",
    "managed_elsewhere": "unknown",
}
OFFENCE = {
    "route": "conviction", "court": "england_wales", "named_offence": "none", "offence_group": "sch15_violent",
    "terrorist": "no", "disposal": "immediate_custody", "term_indeterminate": "no", "term_unit": "months",
    "term_value": 12, "term_scope": "this_offence", "domestic_abuse": "no",
}


def offence(**kw):
    return {**OFFENCE, **kw}


def run(*offences, **answers):
    result = evaluate("category", {**BASE, **answers, "offences": list(offences)})
    assert result["ok"], result
    return result


def flags(result):
    return {f["code"] for f in result["flags"]}


@pytest.mark.parametrize("value,unit,expected", [
    (52, "weeks", NOT_MET), (53, "weeks", MET), (12, "months", MET), (11, "months", NOT_MET),
    (1, "years", MET), (364, "days", NOT_MET), (365, "days", RA), (366, "days", MET), (None, "unknown", UNKNOWN),
])
def test_p6_8_twelve_months_or_more_in_the_unit_the_court_used(value, unit, expected):
    assert term_meets_12_months(value, unit, False).status == expected


def test_p6_8_indeterminate_sentences_count():
    assert term_meets_12_months(None, None, True).status == MET


def test_p6_8_a_52_week_sentence_is_not_category_2_but_12_months_is():
    assert run(offence(term_unit="weeks", term_value=52))["outcome"] == "NOT_ELIGIBLE"
    assert run(offence(term_unit="months", term_value=12))["outcome"] == "CAT2"


def test_p6_8_the_whole_dto_counts_for_category_2():
    assert category2_offence(offence(disposal="dto", term_value=12)).status == MET
    assert category2_offence(offence(disposal="dto", term_value=10)).status == NOT_MET


def test_p6_5_only_the_custodial_half_of_a_dto_counts_for_registration():
    sexual = dict(offence_group="sch15_sexual", disposal="dto", sch3_threshold_months=6)
    assert run(offence(**sexual, term_value=12), sex_offender_notification="unknown")["outcome"] == "CAT1"
    assert run(offence(**sexual, term_value=10), sex_offender_notification="unknown")["outcome"] == "NOT_ELIGIBLE"


def test_p6_8_a_suspended_sentence_counts_by_its_prison_term():
    assert run(offence(disposal="suspended_sentence", term_value=12))["outcome"] == "CAT2"
    assert run(offence(disposal="suspended_sentence", term_value=6))["outcome"] == "NOT_ELIGIBLE"


def test_p6_8_hospital_and_guardianship_orders_qualify_whatever_their_length():
    for disposal in ("hospital_order", "guardianship_order"):
        assert category2_offence(offence(disposal=disposal)).status == MET


def test_p6_8_a_conviction_without_a_listed_sentence_is_not_category_2():
    for disposal in ("community_order", "fine_or_discharge"):
        assert category2_offence(offence(disposal=disposal)).status == NOT_MET


def test_p6_9_each_offence_is_judged_before_sentences_are_added_up():
    assert run(offence(), offence(offence_group="other", term_value=6))["outcome"] == "CAT2"
    assert run(offence(offence_group="other"), offence(term_value=6))["outcome"] == "NOT_ELIGIBLE"
    result = run(offence(term_value=6), offence(term_value=6))
    assert result["outcome"] == "CONSIDER_CAT3"
    assert "para-6-9" in {x for r in result["reasons"] for x in r["paras"]}


def test_p6_9_a_total_for_several_offences_cannot_establish_category_2():
    assert run(offence(term_value=18, term_scope="total_of_several"))["outcome"] == "UNDETERMINED_NEEDS_FACT"


def test_p6_2_category_4_wins_over_1_and_2_and_category_1_over_2():
    both = run(offence(offence_group="sch15_sexual", terrorist="yes", term_value=24),
               sex_offender_notification="current", cta_part4_notification="current")
    assert both["outcome"] == "CAT4_AUTO"
    assert run(offence(offence_group="sch15_sexual", term_value=24),
               sex_offender_notification="current")["outcome"] == "CAT1"


def test_p6_2_category_3_only_when_no_other_category_is_met():
    result = run(offence(term_value=24), ra_serious_harm="yes", ra_level_2_3_needed="yes")
    assert result["outcome"] == "CAT2"


def test_p6_10_schedule_15_sexual_offence_without_registration_is_category_2_while_current():
    result = run(offence(offence_group="sch15_sexual", term_value=18))
    assert result["outcome"] == "CAT2"
    assert any("para-6-10" in r["paras"] for r in result["reasons"])


def test_p6_12_category_3_needs_both_judgements_of_the_responsible_authority():
    other = offence(offence_group="other", disposal="community_order")
    assert run(other, ra_serious_harm="yes", ra_level_2_3_needed="yes")["outcome"] == "CAT3"
    assert run(other, ra_serious_harm="yes", ra_level_2_3_needed="no")["outcome"] == "NOT_ELIGIBLE"
    assert run(other, ra_serious_harm="yes", ra_level_2_3_needed="unknown")["outcome"] == "CONSIDER_CAT3"


def test_p6_16_domestic_abuse_gives_consider_never_category_3_on_lay_facts():
    result = run(offence(offence_group="other", disposal="community_order", domestic_abuse="yes"))
    assert result["outcome"] == "CONSIDER_CAT3"
    assert any("Co-ordination Unit" in d["who"] for d in result["deciders"])


def test_p6_15_service_convictions_are_never_category_2():
    assert category2_offence(offence(court="service")).status == NOT_MET


def test_p6_23_terrorist_offences_use_the_6_26_list():
    assert category4_offence(offence(terrorist="yes", term_value=12)).status == MET
    assert category4_offence(offence(terrorist="yes", term_unit="weeks", term_value=52)).status == NOT_MET
    assert category4_offence(offence(terrorist="yes", disposal="hospital_order")).status == RA


def test_p6_23c_insanity_or_unfitness_needs_a_maximum_penalty_over_12_months():
    base = offence(route="ngri", terrorist="yes", disposal="hospital_order")
    assert category4_offence({**base, "max_penalty_over_12_months": "yes"}).status == MET
    assert category4_offence({**base, "max_penalty_over_12_months": "no"}).status == NOT_MET
    assert category4_offence({**base, "max_penalty_over_12_months": "unknown"}).status == UNKNOWN


def test_p6_27_discretionary_category_4_needs_an_offence_on_record():
    assert run(offence(offence_group="other", disposal="fine_or_discharge"),
               terrorism_risk_identified="yes")["outcome"] == "CAT4_DISC"
    assert evaluate("category", {**BASE, "terrorism_risk_identified": "yes", "offences": []})["outcome"] == "NOT_ELIGIBLE"


def test_p6_29_a_standalone_disqualification_order_does_not_bring_anyone_into_mappa():
    result = evaluate("category", {**BASE, "disqualification_order": "yes", "offences": []})
    assert result["outcome"] == "NOT_ELIGIBLE"
    assert any(w.get("local") for w in result["warnings"])


def test_p6_22_unknown_facts_are_named_in_the_answer():
    result = run(offence(offence_group="unknown", term_value=24))
    assert result["outcome"] == "UNDETERMINED_NEEDS_FACT"
    assert "schedule 15" in result["answer"].lower()


def test_flags_carry_both_readings():
    for code, (text, paras, readings) in FLAGS.items():
        assert text and paras and len(readings) >= 2, code


def test_p6_8_contradictions_and_negative_terms_are_field_errors():
    bad = evaluate("category", {**BASE, "offences": [offence(term_value=-1)]})
    assert not bad["ok"] and bad["errors"][0]["field"] == "offences.0.term_value"
    contradiction = evaluate("category", {**BASE, "cta_part4_notification": "current",
                                          "offences": [offence(terrorist="no")]})
    assert {e["field"] for e in contradiction["errors"]} == {"cta_part4_notification"}


WORKED = {
    "6.3": ({**BASE, "sex_offender_notification": "expired", "offences": [offence(term_value=30)]}, "CAT2"),
    "6.5": ({**BASE, "sex_offender_notification": "unknown",
             "offences": [offence(offence_group="sch15_sexual", disposal="dto", term_value=12,
                                  sch3_threshold_months=6)]}, "CAT1"),
    "6.8": ({**BASE, "offences": [offence(term_unit="weeks", term_value=52)]}, "NOT_ELIGIBLE"),
    "6.9": ({**BASE, "offences": [offence(term_value=6), offence(term_value=6)]}, "CONSIDER_CAT3"),
}


@pytest.mark.parametrize("para", sorted(WORKED))
def test_worked_examples_through_the_cli(para, tmp_path):
    answers, expected = WORKED[para]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    proc = subprocess.run([sys.executable, "-m", "mappa_rules", "evaluate", "category", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["outcome"] == expected
    assert f"para-{para.replace('.', '-')}" in json.dumps(result)
