"""The accessibility gate: axe-core over every page of the built site and every calculator state.

- every HTML page of ``site/`` (found on disk: a new page is checked without a change here);
- every calculator of the build manifest in three states, in one document so that the calculator
  engine starts once: loaded (engine ready, nothing answered), errors shown (asked for the answer
  with nothing answered), result shown (a scenario of tests/scenarios filled in by the training
  link ``#answers=``, reached by following a link, as Material's instant navigation does it);
- the calculator engine failed to start (its files blocked);
- the theme's own states at phone width: navigation menu open, search open with results.

Tags: WCAG 2.0, 2.1, 2.2 A and AA and axe's best practices (a11y_support.AXE_TAGS).  Any violation
fails; the only rules switched off are in a11y_support.AXE_EXCEPTIONS, each with its reason.

Fast enough for every `make test`: one browser and one page for the whole module, and the
calculator engine starts once for all the calculators (they are reached by following links).
"""

from __future__ import annotations

import pytest

from a11y_support import (
    axe_source, calculator_ids, collected, describe, engine_failed, html_pages, open_by_link, pinned_axe_version,
    run_axe, training_link, wait_until,
)
from browser_support import INIT_SCRIPT, wait_ready, wait_result

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_context(browser, server_url):
    ctx = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport={"width": 1366, "height": 900})
    ctx.add_init_script(INIT_SCRIPT)
    ctx.add_init_script(axe_source())
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def axe_page(axe_context):
    page = axe_context.new_page()
    page.set_default_timeout(45_000)
    return page


def assert_no_violations(page, where: str) -> None:
    violations = run_axe(page)
    assert not violations, f"axe-core {pinned_axe_version()}: {where}\n" + describe(violations, f"{where}: ")


def test_axe_runs_in_the_sites_pages_despite_the_csp_and_finds_a_planted_fault(axe_page, server_url):
    response = axe_page.goto(server_url)
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    assert axe_page.evaluate("() => window.axe.version") == pinned_axe_version()
    assert axe_page.evaluate("() => window.__cspViolations") == []  # giving axe to the page broke no rule
    # a fault axe must see: an image without a text alternative
    axe_page.evaluate("() => { const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('.md-content').append(i); }")
    assert "image-alt" in [v["id"] for v in run_axe(axe_page)]


@pytest.mark.parametrize("path", collected(html_pages()))
def test_page_has_no_axe_violation(axe_page, server_url, built_site, path):
    axe_page.goto(server_url + path)
    assert_no_violations(axe_page, f"/{path}")


def _richest_answers(calc_id: str) -> dict:
    from test_browser_keyboard import valid_answers

    return valid_answers(calc_id)


@pytest.mark.parametrize("calc_id", collected(calculator_ids()))
def test_calculator_states_have_no_axe_violation(axe_page, server_url, built_site, calc_id):
    """Loaded, errors shown, result shown; the engine starts once for all the calculators."""
    url = f"{server_url}calculators/{calc_id}/"
    found = []

    open_by_link(axe_page, server_url, url)
    wait_until(axe_page, "() => !!document.querySelector('.mappa-calc[data-bound]')", what="the calculator")
    wait_ready(axe_page)
    found += [("loaded", v) for v in run_axe(axe_page)]

    axe_page.click("form.mappa-form button[type=submit]")
    wait_until(axe_page, "() => { const s = document.querySelector('.mappa-error-summary'); return !!s && !s.hidden; }",
               what="the error summary")
    found += [("errors shown", v) for v in run_axe(axe_page)]

    # the training link of a scenario, followed from the list of calculators
    open_by_link(axe_page, server_url, f"{server_url}calculators/")
    open_by_link(axe_page, server_url, training_link(server_url, calc_id, _richest_answers(calc_id)))
    assert wait_result(axe_page, ("ok",), timeout_ms=45_000) == "ok", axe_page.inner_text(".mappa-result")
    found += [("result shown", v) for v in run_axe(axe_page)]
    assert axe_page.evaluate("() => window.mappa.workers") == 1, "the engine was started more than once"

    report = "\n".join(describe([v], f"/calculators/{calc_id}/ [{state}]: ") for state, v in found)
    assert not found, f"axe-core {pinned_axe_version()}:\n{report}"


def test_calculator_engine_failure_has_no_axe_violation(browser, server_url, built_site):
    calc_id = calculator_ids()[0]
    with engine_failed(browser, server_url, calc_id, (INIT_SCRIPT, axe_source()),
                       locale="en-GB", viewport={"width": 1366, "height": 900}) as page:
        assert_no_violations(page, f"/calculators/{calc_id}/ [engine failed]")


@pytest.fixture
def phone_page(axe_context):
    page = axe_context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    yield page
    page.close()


def test_navigation_menu_open_at_phone_width_has_no_axe_violation(phone_page, server_url, built_site):
    phone_page.goto(server_url + "guidance/20/")
    assert_no_violations(phone_page, "/guidance/20/ at 390 px [menu closed]")
    phone_page.click("[data-mappa-menu]")
    wait_until(phone_page, "() => document.querySelector('[data-mappa-menu]').getAttribute('aria-expanded') === 'true'",
               what="the menu to open")
    phone_page.wait_for_timeout(400)  # the drawer slides in
    assert_no_violations(phone_page, "/guidance/20/ at 390 px [menu open]")


def test_search_with_results_has_no_axe_violation(axe_page, server_url, built_site):
    axe_page.goto(server_url)
    axe_page.click(".md-search__input")
    axe_page.keyboard.type("disclosure")
    wait_until(axe_page, "() => document.querySelectorAll('.md-search-result__item').length > 0",
               what="search results")
    assert_no_violations(axe_page, "/ [search open, results shown]")


def test_a_linked_paragraph_has_no_axe_violation(axe_page, server_url, built_site):
    """A paragraph reached by its link is highlighted (colour contrast of the highlighted text)."""
    axe_page.goto(server_url + "guidance/20/#para-20-3")
    assert_no_violations(axe_page, "/guidance/20/#para-20-3")
