"""The `mappa-j` calculator pinned to 21.21-21.31 (with 14.18 and 26.70) of the national guidance.

Scenarios with answers in and expected results out are in tests/scenarios/mappa-j.yaml; these tests pin the
parts of the result a scenario cannot express.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, strategies as st

from mappa_rules import evaluate
from mappa_rules import mappa_j
from mappa_rules.core import p
from mappa_rules.dates import add_working_days

D = dt.date


def answers(**overrides: Any) -> dict[str, Any]:
    """Licence conditions limit work; in the community; no MAPPA J sent yet; the person will be told."""
    base: dict[str, Any] = {
        "lead_agency": "probation",
        "has_restrictions": "yes",
        "restrictions": ["licence_conditions"],
        "mappa_j_sent": "not_yet",
        "where": "community",
        "told": "yes",
        "risk_to_dwp_staff": "no",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def run(**overrides: Any) -> dict[str, Any]:
    result = evaluate("mappa-j", answers(**overrides))
    assert result["ok"], result
    return result


def items(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in result["items"]}


def test_p21_23_the_mappa_j_calculator_is_listed():
    from mappa_rules import list_calculators

    assert {"id": "mappa-j", "title": mappa_j.CALCULATOR.title, "summary": mappa_j.CALCULATOR.summary} in \
        list_calculators()


# --- 21.23 ------------------------------------------------------------------------------------------------


def test_p21_23_completing_is_a_must_sending_by_secure_email_a_should():
    result = run()
    complete = [a for a in result["actions"] if a["text"].startswith("Complete a MAPPA J")]
    send = [a for a in result["actions"] if a["text"].startswith("Send the MAPPA J")]
    assert complete[0]["strength"] == "must" and send[0]["strength"] == "should"
    assert "secure email" in send[0]["text"] and complete[0]["who"] == "The Probation Service (the lead agency)"


@pytest.mark.parametrize("lead, who", [("yot", "The Youth Offending Team (the lead agency)"),
                                       ("mental_health", "The mental health service (the lead agency)"),
                                       (None, "The lead agency")])
def test_p21_23_the_lead_agency_sends_it_including_yots_and_mental_health_services(lead, who):
    result = run(lead_agency=lead)
    assert {a["who"] for a in result["actions"] if "MAPPA J" in a["text"][:20]} == {who}


def test_p21_23_before_release_the_action_is_dated_the_day_before_release():
    result = run(where="custody", licence_conditions_set="yes", release_date="2026-09-14",
                 assessment_date="2026-08-01")
    send = [a for a in result["actions"] if a["text"].startswith("Send the MAPPA J")][0]
    assert send["by"] == "2026-09-13" and "14 September 2026" in send["by_text"]


def test_p21_23_a_new_lead_agency_sends_the_new_mappa_j():
    result = run(mappa_j_sent="sent_changed", changed_since=["lead_agency"])
    new = [a for a in result["actions"] if a["text"].startswith("Send a new MAPPA J")]
    assert new and new[0]["who"] == "The new lead agency" and new[0]["strength"] == "must"


def test_p21_23_nothing_to_send_when_sent_and_unchanged():
    result = run(mappa_j_sent="sent_unchanged")
    assert result["outcome"] == "SENT"
    assert not [a for a in result["actions"] if a["text"].startswith(("Send", "Complete"))]


# --- 21.24 ------------------------------------------------------------------------------------------------


@given(received=st.dates(D(2020, 1, 1), D(2035, 12, 31)))
def test_p21_24_dwp_confirms_receipt_five_working_days_after_receiving_it(received):
    result = run(mappa_j_sent="sent_unchanged", dwp_received_date=received.isoformat())
    due = [d for d in result["dates"] if d["id"] == "dwp_confirms_receipt"][0]
    assert due["date"] == add_working_days(received, 5).isoformat() and due["paras"] == [p("21.24")]


# --- 21.27, 21.28 ------------------------------------------------------------------------------------------


def test_p21_28_the_checklist_marks_what_is_missing_and_what_should_be_left_out():
    result = run(contents=["identity", "restrictions", "offences"])
    lines = items(result)
    assert lines["include_restrictions"]["status"] == "met"
    assert lines["include_end_dates"]["status"] == "missing" and lines["include_end_dates"]["strength"] == "must"
    assert lines["include_risk_to_dwp_staff"]["status"] == "missing"
    assert lines["leave_out"]["status"] == "missing" and lines["leave_out"]["paras"] == [p("21.28")]
    take_out = [a for a in result["actions"] if a["text"].startswith("Take out of the MAPPA J")]
    assert take_out and "previous or current offences" in take_out[0]["text"]


def test_p21_28_no_status_before_the_form_is_drafted():
    assert all("status" not in i for i in run()["items"] if i["group"] in ("contains", "leaves_out"))


# --- 21.29 ------------------------------------------------------------------------------------------------


def test_p21_29_who_decides_not_to_tell_is_left_open_with_the_factors():
    result = run(told="no", dwp_spoc_consulted="no")
    assert result["outcome"] == "DISCUSS_WITH_DWP_SPOC_FIRST"
    flag = [f for f in result["flags"] if f["code"] == "WHO_DECIDES_NOT_TO_TELL_21_29"][0]
    assert len(flag["readings"]) == 2
    decider = [d for d in result["deciders"] if d["paras"] == [p("21.29")]][0]
    assert "does not say" in decider["who"]
    assert any("greater risk" in f for f in decider["factors"])
    order = [a["text"] for a in result["actions"]]
    assert order.index(next(t for t in order if t.startswith("Discuss"))) < \
        order.index(next(t for t in order if t.startswith("Send")))


def test_p21_29_sent_without_the_discussion_is_a_warning():
    result = run(told="no", dwp_spoc_consulted="no", mappa_j_sent="sent_unchanged")
    assert result["outcome"] == "SENT"
    assert any("without the discussion" in w["text"] for w in result["warnings"])


# --- 21.31 ------------------------------------------------------------------------------------------------


def test_p21_31_proportionality_is_the_probation_practitioners_decision():
    result = run(restrictions=["pp_restrictions"], pp_discussed="yes")
    decider = [d for d in result["deciders"] if d["who"] == "the Probation Practitioner"][0]
    assert {"proportionate to that risk", "decided case by case"} <= set(decider["factors"])
    end = [d for d in result["dates"] if d["id"] == "pp_restrictions_end"][0]
    assert end["date"] is None and "Not yet computable" in end["rule"]


# --- validation ---------------------------------------------------------------------------------------------


def test_p21_22_restrictions_yes_needs_at_least_one_ticked():
    result = evaluate("mappa-j", answers(restrictions=[]))
    assert not result["ok"] and "restrictions" in {e["field"] for e in result["errors"]}
