"""The JS API, the worker across Material's instant navigation, and the decision-record tools."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

import mappa_rules
from browser_support import cpython_result, open_calculator, wait_ready, wait_result
from test_browser_keyboard import valid_answers

pytestmark = pytest.mark.browser

FIRST = next(iter(mappa_rules.CALCULATORS))


def instant_go(page, href: str) -> None:
    """Follow a link inside the page the way a user does (Material intercepts it: no reload)."""
    page.evaluate("""(href) => { const a = document.createElement('a'); a.id = 'mappa-test-link'; a.href = href;
        a.textContent = 'go'; document.querySelector('.md-content').prepend(a); }""", href)
    page.click("#mappa-test-link")
    for _ in range(200):  # polled from Python: the CSP forbids Playwright's string predicates
        if page.url.rstrip("/").endswith(href.strip("/").split("?")[0]):
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)


def test_the_js_api_returns_the_cpython_result(page, server_url):
    open_calculator(page, server_url, FIRST)
    answers = valid_answers(FIRST)
    got = page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [FIRST, answers])
    assert got == cpython_result(FIRST, answers)
    unknown = page.evaluate("() => window.mappa.evaluate('no-such-calculator', {})")
    assert unknown["ok"] is False and "no calculator called" in unknown["errors"][0]["message"]
    assert page.evaluate("() => window.mappa.state") == "ready"
    assert page.evaluate("() => window.mappa.python").startswith("3.")


def test_the_worker_survives_instant_navigation(page, server_url, built_site):
    guidance = sorted(p.parent.name for p in (built_site / "guidance").glob("*/index.html"))
    start = f"guidance/{guidance[0]}/" if guidance else ""
    page.goto(server_url + start)
    page.evaluate("() => { window.__sameDocument = true; }")
    assert page.evaluate("() => window.mappa.workers") == 0, "no worker on a page without a calculator"
    instant_go(page, f"{server_url}calculators/{FIRST}/")
    assert page.evaluate("() => window.__sameDocument === true"), "Material's instant navigation did not happen"
    assert page.locator(".mappa-calc[data-bound]").count() == 1, "the form is bound after instant navigation"
    wait_ready(page)
    answers = valid_answers(FIRST)
    expected = cpython_result(FIRST, answers)
    assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [FIRST, answers]) == expected
    # back to the guidance page, and to another calculator: still one worker, still answering
    page.go_back()
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__sameDocument === true")
    assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [FIRST, answers]) == expected
    other = list(mappa_rules.CALCULATORS)[-1]
    instant_go(page, f"{server_url}calculators/{other}/")
    assert page.evaluate("() => window.__sameDocument === true")
    assert page.get_attribute(".mappa-calc", "data-calculator") == other
    assert page.get_attribute(".mappa-status", "data-state") == "ready"
    assert page.evaluate("() => window.mappa.workers") == 1
    page.click("form.mappa-form button[type=submit]")
    assert wait_result(page, ("ok", "incomplete")) in ("ok", "incomplete")


def test_a_training_link_fills_the_form_and_shows_the_answer(page, server_url):
    answers = valid_answers(FIRST)
    expected = cpython_result(FIRST, answers)
    page.goto(f"{server_url}calculators/{FIRST}/#answers=" + quote(json.dumps(answers)))
    assert wait_result(page, timeout_ms=45_000) == "ok"
    assert page.inner_text(".mappa-answer").strip() == expected["answer"].strip()
    # making a link gives the same answers back, with the warning
    page.click("[data-action=share]")
    link = page.input_value(".mappa-share-url")
    assert "#answers=" in link
    assert "Do not put real personal data" in page.inner_text(".mappa-share")
    shared = json.loads(__import__("urllib.parse").parse.unquote(link.split("#answers=", 1)[1]))
    assert cpython_result(FIRST, shared) == expected


def test_download_print_record_and_clear(page, server_url):
    answers = valid_answers(FIRST)
    expected = cpython_result(FIRST, answers)
    page.goto(f"{server_url}calculators/{FIRST}/#answers=" + quote(json.dumps(answers)))
    assert wait_result(page, timeout_ms=45_000) == "ok"
    with page.expect_download() as info:
        page.click("[data-action=download]")
    download = info.value
    assert download.url.startswith("blob:")
    doc = json.loads(open(download.path(), encoding="utf-8").read())
    assert doc["result"] == expected
    assert doc["guidance_edition"] == mappa_rules.GUIDANCE_EDITION
    assert "not legal advice" in doc["notice"]
    # the print view: answers, outcome and its code, reasons with paragraph numbers, edition, date
    # and time, not legal advice, and the case reference and name typed on the page (never stored)
    page.fill("[data-record-field=case-reference]", "TRAINING-42")
    page.fill("[data-record-field=completed-by]", "A. Trainer")
    page.click("[data-action=print]")
    page.wait_for_timeout(1000)
    page.emulate_media(media="print")
    record = page.inner_text(".mappa-record")
    assert page.locator(".mappa-form").is_hidden()
    assert expected["answer"] in record
    assert f"outcome code {expected['outcome']}" in record
    assert mappa_rules.GUIDANCE_EDITION in record
    assert "not legal advice" in record
    assert "Case reference: TRAINING-42" in record and "Completed by: A. Trainer" in record
    assert re.search(r"on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d", record)
    from mappa_rules.core import paragraph_label
    for reason in expected["reasons"]:
        for a in reason["paras"]:
            assert paragraph_label(a) in record
    page.emulate_media(media="screen")
    # clear all answers
    page.click("[data-action=clear]")
    assert page.get_attribute(".mappa-result-body", "data-state") == "empty"
    # every answer empty again, but a date question about now, which starts with today's date
    today = [q["id"] for q in mappa_rules.questions(FIRST) if q.get("default_today")]
    assert page.evaluate("""(today) => [...document.querySelectorAll('.mappa-form input')].every((i) =>
        i.type === 'radio' || i.type === 'checkbox' ? !i.checked : i.value === '' || today.includes(i.name))""", today)
    assert page.input_value("[data-record-field=case-reference]") == ""
    assert "#answers=" not in page.url


def test_reasons_link_to_their_paragraphs(page, server_url):
    answers = valid_answers(FIRST)
    expected = cpython_result(FIRST, answers)
    page.goto(f"{server_url}calculators/{FIRST}/#answers=" + quote(json.dumps(answers)))
    assert wait_result(page, timeout_ms=45_000) == "ok"
    hrefs = page.eval_on_selector_all(".mappa-reasons a.mappa-para", "(as) => as.map((a) => a.getAttribute('href'))")
    wanted = [a for r in expected["reasons"] for a in r["paras"]]
    assert len(hrefs) == len(wanted)
    for href, anchor in zip(hrefs, wanted):
        chapter = anchor.split("-")[1]
        assert href == f"../../guidance/{chapter}/#{anchor}"
