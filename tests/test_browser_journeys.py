"""The task pages in the browser: a link that carries answers opens the calculator filled in, and
the calculator answers what the page says it will."""

from __future__ import annotations

import pytest

from browser_support import wait_ready, wait_result

pytestmark = pytest.mark.browser


def test_a_journey_link_opens_the_calculator_with_its_answers(page, server_url):
    page.goto(server_url + "tasks/can-we-tell-anyone/")
    link = page.locator('a[data-outcome="REFER_TO_LEAD_AGENCY_OR_MEETING"]').first
    assert "neighbours" in link.inner_text().lower()
    link.click()
    page.wait_for_url("**/calculators/disclosure/**")  # the answers leave the address bar once read
    wait_ready(page)
    assert wait_result(page, ("ok",)) == "ok"
    assert page.is_checked('input[name="recipient"][value="neighbours_community"]')
    assert "not yours to make" in page.inner_text(".mappa-result-body")


def test_the_home_page_leads_to_each_task(page, server_url):
    page.goto(server_url)
    hrefs = page.eval_on_selector_all(".mappa-tasks a", "els => els.map((a) => a.href)")
    assert len(hrefs) == 6
    for href in hrefs:
        response = page.request.get(href)
        assert response.ok, href


def test_a_link_that_fills_part_of_the_form_lists_no_errors_for_questions_not_yet_reached(page, server_url):
    """The shared accommodation journey fills the tenure and the household: the rest is still to be
    answered, so the page asks for it instead of opening on a list of errors."""
    page.goto(server_url + "tasks/shared-accommodation-rate/")
    page.locator('a[href*="calculators/shared-accommodation/#answers="]').first.click()
    page.wait_for_url("**/calculators/shared-accommodation/**")
    wait_ready(page)
    page.wait_for_function("() => document.querySelector('.mappa-result-body').dataset.state === 'incomplete'")
    assert page.is_checked('input[name="tenure"][value="private_rented"]')
    assert page.locator(".mappa-error-summary").is_hidden()
    assert page.locator(".mappa-q .mappa-error-message:visible").count() == 0
    assert "still to answer" in page.inner_text(".mappa-result-body")
