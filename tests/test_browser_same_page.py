"""A move within a page stays within the page (assets/javascripts/same-page.js).

Material's instant navigation fetched a freshly loaded page again, and replaced its content, the
first time the address changed at all: on a calculator that wiped the answers when the person
followed "Skip to content", pasted a training link into the address bar or pressed Back.  Each test
answers a question first, marks the form element, and checks that the same element (with the answer)
is still there and that the page was fetched only once.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

import mappa_rules
from browser_support import cpython_result, open_calculator, wait_result
from test_browser_api import instant_go
from test_browser_keyboard import valid_answers

pytestmark = pytest.mark.browser

CALC = "category" if "category" in mappa_rules.CALCULATORS else next(iter(mappa_rules.CALCULATORS))

MARK = "() => { document.querySelector('.mappa-calc').__mappaTest = 'kept'; }"
KEPT = "() => (document.querySelector('.mappa-calc') || {}).__mappaTest === 'kept'"
CHECKED = "() => document.querySelectorAll('.mappa-form input:checked').length"


def fetches_of(page, path: str) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if r.url.split("#")[0].endswith(path) else None)
    return seen


def answer_one(page) -> int:
    page.locator(".mappa-form input[type=radio]").first.check()
    page.wait_for_timeout(300)
    return page.evaluate(CHECKED)


def open_marked_and_answered(page, server_url) -> tuple[list[str], int]:
    """The calculator, opened (its page fetches counted), its form marked and one question answered."""
    seen = fetches_of(page, f"calculators/{CALC}/")
    open_calculator(page, server_url, CALC)
    page.evaluate(MARK)
    return seen, answer_one(page)


def assert_kept(page, checked: int, seen: list[str], fetches: int = 1) -> None:
    assert page.evaluate(KEPT), "the calculator was replaced (the page was fetched again)"
    assert page.evaluate(CHECKED) == checked
    assert len(seen) == fetches, seen


def test_skip_link_keeps_the_answers(page, server_url):
    """Following "Skip to content" with the keyboard on a calculator keeps what was answered."""
    seen, checked = open_marked_and_answered(page, server_url)
    page.focus("a.md-skip")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)
    assert page.url.endswith("#" + page.get_attribute("a.md-skip", "href").split("#")[-1])
    assert_kept(page, checked, seen)
    # the keyboard is now in the content: the next Tab does not go back through the navigation
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.md-content')")


def test_training_link_pasted_into_the_address_bar_fills_the_form(page, server_url):
    """A training link pasted over the address of the calculator already open fills that same form."""
    answers = valid_answers(CALC)
    seen = fetches_of(page, f"calculators/{CALC}/")
    open_calculator(page, server_url, CALC)
    page.evaluate(MARK)
    page.evaluate("(h) => { location.hash = h; }", "#answers=" + quote(json.dumps(answers)))
    assert wait_result(page) == "ok"
    page.wait_for_timeout(500)
    assert page.evaluate(KEPT), "the calculator was replaced (the page was fetched again)"
    assert page.get_attribute(".mappa-result-body", "data-outcome") == cpython_result(CALC, answers)["outcome"]
    assert "#answers=" not in page.url
    assert len(seen) == 1, seen


def test_back_after_a_move_within_the_page_keeps_the_answers(page, server_url):
    seen, checked = open_marked_and_answered(page, server_url)
    page.evaluate("() => { location.hash = 'mappa-somewhere'; }")
    page.wait_for_timeout(300)
    page.go_back()
    page.wait_for_timeout(1500)
    assert "#" not in page.url
    assert_kept(page, checked, seen)


def test_a_calculator_reached_by_instant_navigation_keeps_its_answers(page, server_url):
    """After instant navigation has changed page, its own check keeps a "#" move on the page."""
    page.goto(server_url)
    instant_go(page, f"{server_url}calculators/{CALC}/")
    for _ in range(100):  # polled from Python: the CSP forbids Playwright's string predicates
        if page.locator(".mappa-calc[data-bound]").count():
            break
        page.wait_for_timeout(100)
    assert page.locator(".mappa-calc[data-bound]").count() == 1
    seen = fetches_of(page, f"calculators/{CALC}/")
    page.evaluate(MARK)
    checked = answer_one(page)
    page.focus("a.md-skip")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)
    assert_kept(page, checked, seen, fetches=0)


def test_a_paragraph_link_on_a_guidance_page_moves_to_the_paragraph(page, server_url, built_site):
    """A link to a paragraph of the same chapter scrolls there and "Back" returns, without a fetch."""
    chapter = "20" if (built_site / "guidance" / "20" / "index.html").exists() else sorted(
        p.parent.name for p in (built_site / "guidance").glob("*/index.html"))[0]
    seen = fetches_of(page, f"guidance/{chapter}/")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{server_url}guidance/{chapter}/")
    target = page.evaluate("() => { const ps = document.querySelectorAll('[id^=\"para-\"]'); return ps[Math.floor(ps.length / 2)].id; }")
    page.evaluate("(id) => { const a = document.createElement('a'); a.id = 'mappa-test-link'; a.href = '#' + id;"
                  " a.textContent = 'to the paragraph'; document.querySelector('.md-content').prepend(a); }", target)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.click("#mappa-test-link")
    page.wait_for_timeout(800)
    assert page.url.endswith("#" + target)
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", target)
    assert 0 <= top < 400, top
    assert page.evaluate("() => window.scrollY") > 0
    page.go_back()
    page.wait_for_timeout(800)
    assert page.evaluate("() => window.scrollY") < 50
    assert page.evaluate("() => window.__sameDocument === true")
    assert len(seen) == 1, seen
