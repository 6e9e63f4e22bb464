"""The end-of-status calculator (6.3, 6.10, 6.38, 6.39): tests named after the paragraph they pin."""

from __future__ import annotations

from mappa_rules import evaluate
from mappa_rules.status_end import FLAGS


def run(**answers):
    result = evaluate("status-end", {"level": "2", **answers})
    assert result["ok"], result
    return result


def end_date(result):
    return {d["id"]: d["date"] for d in result["dates"]}.get("mappa_status_ends")


def codes(result):
    return {f["code"] for f in result["flags"]}


def test_p6_38_category_1_ends_with_notification():
    result = run(category="1", notification_end="date", notification_end_date="2029-04-30")
    assert (result["outcome"], end_date(result)) == ("ENDS_ON_DATE", "2029-04-30")


def test_p6_38_lifetime_notification_continues():
    assert run(category="1", notification_end="lifetime")["outcome"] == "CONTINUES"


def test_p6_38_category_2_ends_at_licence_expiry_not_pss():
    result = run(category="2", basis="licence", sexual_below_threshold="no", licence_end_date="2028-01-31",
                 pss_after_licence="yes")
    assert end_date(result) == "2028-01-31"
    assert any("post-sentence supervision" in r["text"].lower() for r in result["reasons"])


def test_p6_38_the_end_date_has_passed():
    result = run(category="2", basis="licence", sexual_below_threshold="no", licence_end_date="2026-01-31",
                 today="2026-11-23")
    assert result["outcome"] == "ENDED"


def test_p26_41_conditional_discharge_keeps_mappa_status():
    assert run(category="2", basis="hospital", sexual_below_threshold="no",
               hospital_status="conditionally_discharged")["outcome"] == "CONTINUES"


def test_p6_38_no_end_event_for_suspended_sentence_or_dto():
    for basis in ("suspended", "dto", "no_licence"):
        result = run(category="2", basis=basis, sexual_below_threshold="no")
        assert result["outcome"] == "REQUIRES_RA_DECISION"
        assert "NO_END_EVENT_STATED" in codes(result)
        assert result["deciders"]


def test_p6_10_sexual_offence_without_registration_and_consecutive_sentences_shows_both_readings():
    result = run(category="2", basis="licence", sexual_below_threshold="yes", several_sentences="yes")
    assert "SEXUAL_CAT2_END_6_10_VS_6_38" in codes(result)
    flag = next(f for f in result["flags"] if f["code"] == "SEXUAL_CAT2_END_6_10_VS_6_38")
    assert len(flag["readings"]) == 2


def test_p6_38_category_3_ends_by_a_meeting_decision():
    assert run(category="3", meeting_decided="no")["outcome"] == "ENDS_BY_DECISION"
    assert run(category="3", meeting_decided="yes")["outcome"] == "ENDED"


def test_p6_3_category_1_to_category_2_when_notification_expires_on_licence():
    result = run(category="1", notification_end="date", notification_end_date="2027-06-01",
                 after_end=["cat2_sentence"])
    assert any(i.get("category") == "2" for i in result["items"])


def test_p6_39_level_2_or_3_cases_are_reviewed_for_category_3_or_discretionary_category_4():
    level2 = run(category="2", basis="licence", sexual_below_threshold="no", licence_end_date="2028-01-31")
    level1 = run(category="2", basis="licence", sexual_below_threshold="no", licence_end_date="2028-01-31",
                 level="1")
    assert any(i.get("kind") == "review" for i in level2["items"])
    assert not any(i.get("kind") == "review" for i in level1["items"])


def test_p6_38_category_4_notification_runs_past_the_licence():
    result = run(category="4", basis="notification", notification_end="date", notification_end_date="2036-03-01")
    assert end_date(result) == "2036-03-01"
    assert "EXIT_LISTS_THREE_CATEGORIES" in codes(result)


def test_flags_carry_both_readings():
    for code, (text, paras, readings) in FLAGS.items():
        assert text and paras and len(readings) >= 2, code


def test_p6_38_end_dates_before_the_sentence_are_field_errors():
    result = evaluate("status-end", {"level": "2", "category": "2", "basis": "licence", "sexual_below_threshold": "no",
                                     "licence_end_date": "2020-01-31", "sentence_date": "2021-01-01"})
    assert {e["field"] for e in result["errors"]} == {"licence_end_date"}
