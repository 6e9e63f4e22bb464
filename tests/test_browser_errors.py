"""Bad input: the rule module's message appears at the field and in the error summary at the top of
the form, in plain words, and what was typed stays as typed."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

import mappa_rules
from browser_support import ask_for_the_answer, cpython_result, open_calculator, wait_result
from scenario_data import load_scenarios

pytestmark = pytest.mark.browser


def first_shown(types: tuple[str, ...]) -> tuple[str, dict] | None:
    """A calculator with a question of one of these types that shows before any answer."""
    for cid in mappa_rules.CALCULATORS:
        for q in mappa_rules.questions(cid):
            if q["type"] in types and all(w["negate"] for w in q["when"]):
                return cid, q
    return None


def summary_items(page) -> list[str]:
    return [t.strip() for t in page.locator(".mappa-error-summary li").all_inner_texts()]


def wait_summary(page, timeout_ms: int = 20_000) -> None:
    page.locator(".mappa-error-summary").wait_for(state="visible", timeout=timeout_ms)


def test_an_impossible_date_is_explained_at_the_field_and_in_the_summary(page, server_url):
    found = first_shown(("date",))
    if found is None:
        pytest.skip("no calculator declares a date question shown from the start")
    cid, q = found
    open_calculator(page, server_url, cid)
    base = f'.mappa-q[data-name="{q["id"]}"]'
    page.fill(f"{base} input[data-part=day]", "31")
    page.fill(f"{base} input[data-part=month]", "2")
    page.fill(f"{base} input[data-part=year]", "2026")
    ask_for_the_answer(page)
    wait_summary(page)
    # the summary has focus, so a screen reader reads it out
    assert page.evaluate("() => document.activeElement.classList.contains('mappa-error-summary')")
    expected = [e["message"] for e in cpython_result(cid, {q["id"]: "2026-02-31"})["errors"] if e["field"] == q["id"]]
    assert expected == ["This date does not exist: check the day and the month."]
    field_error = page.inner_text(f"{base} .mappa-error-message")
    assert expected[0] in field_error
    assert any(expected[0] in item and q["text"] in item for item in summary_items(page))
    # the answers stay as typed
    assert page.input_value(f"{base} input[data-part=day]") == "31"
    assert page.input_value(f"{base} input[data-part=month]") == "2"
    assert page.input_value(f"{base} input[data-part=year]") == "2026"
    assert page.get_attribute(f"{base} input[data-part=day]", "aria-invalid") == "true"
    # the summary link takes the keyboard to the field
    page.locator(".mappa-error-summary a", has_text=expected[0]).click()
    assert page.evaluate("(n) => document.activeElement.getAttribute('name')", None) == q["id"]
    # correcting it clears the message at the field
    page.fill(f"{base} input[data-part=day]", "28")
    page.wait_for_timeout(600)
    assert expected[0] not in page.inner_text(f"{base}")


def _number_question() -> tuple[str, str, dict]:
    """(calculator, field name, answers showing it): a scenario that shows a number question."""
    for cid, sc in load_scenarios():
        ids = {q["id"]: q for q in mappa_rules.questions(cid)}
        for qid, value in sc["answers"].items():
            q = ids.get(qid)
            if q and q["type"] == "number":
                return cid, qid, sc["answers"]
            if q and q["type"] == "list" and isinstance(value, list) and value:
                for f in q["fields"]:
                    if f["type"] == "number" and f["id"] in value[0]:
                        return cid, f"{qid}.0.{f['id']}", sc["answers"]
    raise AssertionError("no scenario answers a number question")


def test_a_word_in_a_number_field_is_explained_and_kept(page, server_url):
    cid, name, answers = _number_question()
    open_calculator(page, server_url, cid, "#answers=" + quote(json.dumps(answers)))
    # the link's answer first, and with it the questions it makes unneeded hidden (they are shown
    # until then, so the form is shorter afterwards)
    assert wait_result(page, ("ok", "incomplete"), 30_000) in ("ok", "incomplete")
    sel = f'.mappa-q[data-name="{name}"] input'
    page.fill(sel, "twelve")
    ask_for_the_answer(page)
    wait_summary(page)
    raw = json.loads(json.dumps(answers))
    if "." in name:
        lst, idx, field = name.split(".")
        raw[lst][int(idx)][field] = "twelve"
    else:
        raw[name] = "twelve"
    message = [e["message"] for e in cpython_result(cid, raw)["errors"] if e["field"] == name][0]
    assert message in page.inner_text(f'.mappa-q[data-name="{name}"] .mappa-error-message')
    assert any(message in i for i in summary_items(page))
    assert page.input_value(sel) == "twelve"


def test_unanswered_questions_are_listed_when_asking_for_the_answer(page, server_url):
    for cid in mappa_rules.CALCULATORS:
        errors = cpython_result(cid, {})["errors"]
        if errors:
            break
    else:
        pytest.skip("every calculator gives an answer with no answers at all")
    open_calculator(page, server_url, cid)
    page.click("form.mappa-form button[type=submit]")
    wait_summary(page)
    items = summary_items(page)
    assert len(items) == len(errors)
    for e in errors:
        assert any(e["message"] in i for i in items)
    # each listed question shows its message at the field too
    shown = page.locator(".mappa-q--error").count()
    assert shown == len({e["field"] for e in errors if e["field"]})


def test_errors_do_not_shout_before_the_user_asks(page, server_url):
    """While answering, a question not yet reached is not marked as an error."""
    cid = next(iter(mappa_rules.CALCULATORS))
    open_calculator(page, server_url, cid)
    first = mappa_rules.questions(cid)[0]
    if first["type"] not in ("yesno", "choice"):
        pytest.skip("first question is not a radio group")
    page.check(f'input[name="{first["id"]}"] >> nth=0')
    page.wait_for_timeout(800)
    assert page.locator(".mappa-error-summary").is_hidden()
    assert page.locator(".mappa-q--error").count() == 0
