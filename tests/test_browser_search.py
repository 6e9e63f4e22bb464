"""The site's search, in the browser: a paragraph number or a term lands where it should.

Typed into the search box as a person would, then Enter.  Also: the search term never leaves the
browser (no ``?h=``, no request carrying it), the index is fetched on first use and never on page
load (a calculator page gives the CPU to its engine), Material's own search worker never starts,
and the keyboard works (Up and Down through the results, Escape closes).
"""

from __future__ import annotations

import re

import pytest

from browser_support import wait_ready

pytestmark = pytest.mark.browser

INDEX = "/search/index.json"


def search(page, query: str) -> str:
    """Type ``query`` into the search box, wait for the results, and return the status line."""
    page.click("#mappa-search-input")
    page.fill("#mappa-search-input", query)
    page.wait_for_function(
        "(q) => document.querySelector('#mappa-search-input').value === q"
        " && !/^(Type a word|Loading)/.test(document.querySelector('#mappa-search-status').textContent)",
        arg=query)
    return page.text_content("#mappa-search-status") or ""


def search_and_enter(page, server_url: str, query: str, start: str = "") -> str:
    """Search from ``start``, press Enter, and return where the browser went (relative to the site)."""
    page.goto(server_url + start)
    search(page, query)
    page.press("#mappa-search-input", "Enter")
    page.wait_for_function("(start) => location.href !== start", arg=server_url + start)
    page.wait_for_timeout(200)
    return page.url.replace(server_url, "")


@pytest.mark.parametrize("query, target", [
    ("20.3", "guidance/20/#para-20-3"),
    ("6.3", "guidance/6/#para-6-3"),
    ("13a.18", "guidance/13a/#para-13a-18"),
    ("21.16", "guidance/21/#para-21-16"),
    ("paragraph 13A.18", "guidance/13a/#para-13a-18"),
])
def test_a_paragraph_number_lands_on_its_paragraph(page, server_url, query, target):
    page.goto(server_url)
    status = search(page, query)
    number = target.split("#para-")[1].replace("-", ".", 1)
    assert "Go to paragraph " + number in status
    first = page.locator("#mappa-search-results li").first
    assert first.inner_text().startswith("Go to paragraph " + number)
    page.press("#mappa-search-input", "Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    anchor = target.split("#")[1]
    page.wait_for_selector(f"#{anchor}", state="visible")
    # scrolled to: the paragraph's top is in the window (instant navigation scrolls after the swap)
    page.wait_for_function("(id) => { const r = document.getElementById(id).getBoundingClientRect();"
                           " return r.top >= 0 && r.top < window.innerHeight; }", arg=anchor)


def test_a_paragraph_number_from_a_calculator_page(page, server_url):
    assert search_and_enter(page, server_url, "20.3", "calculators/scr/") == "guidance/20/#para-20-3"


def test_a_number_the_guidance_uses_twice_offers_both(page, server_url):
    page.goto(server_url)
    search(page, "10.23")
    items = page.locator("#mappa-search-results li").all_inner_texts()
    assert items[0].startswith("Go to paragraph 10.23 (first use)")
    assert items[1].startswith("Go to paragraph 10.23 (second use)")


def test_a_number_that_is_not_a_paragraph_says_so(page, server_url):
    page.goto(server_url)
    search(page, "24.19")
    assert "There is no paragraph 24.19 in the guidance." in page.inner_text("#mappa-search-results")


@pytest.mark.parametrize("query, targets", [
    ("MAPPA P", {"guidance/21/#para-21-16", "guidance/14/#para-14-24", "guidance/glossary/#glossary-mappa-p"}),
    ("mappa p", {"guidance/21/#para-21-16", "guidance/14/#para-14-24", "guidance/glossary/#glossary-mappa-p"}),
    ("SCR", {"guidance/20/"}),
    ("Serious Case Review", {"guidance/20/"}),
    ("shared accommodation", {"guidance/21/#para-21-15"}),
    ("20", {"guidance/20/"}),
])
def test_a_term_lands_on_its_home(page, server_url, query, targets):
    assert search_and_enter(page, server_url, query) in targets


def test_any_phrase_lands_on_its_paragraph(page, server_url):
    # words from the middle of 20.3, not its first words
    assert search_and_enter(page, server_url, "at any time in the 28 days before the offence") == "guidance/20/#para-20-3"


def test_the_search_term_never_leaves_the_browser(page, server_url, context):
    page.goto(server_url)
    for query in ("MAPPA P", "20.3", "secretword"):
        search(page, query)
        page.press("#mappa-search-input", "Enter")
        page.wait_for_timeout(400)
        page.goto(server_url)
    urls = context.watch.requests + [page.url]
    assert not [u for u in urls if "?h=" in u or "&h=" in u]
    assert not [u for u in urls if "secretword" in u.lower() or "mappa%20p" in u.lower() or "mappa+p" in u.lower()]
    assert "secretword" not in page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    # the box has no name and its form no action: a submitted form could carry nothing
    assert page.evaluate("() => document.querySelector('#mappa-search-input').name") == ""
    assert page.evaluate("() => document.querySelector('[data-mappa-search-form]').getAttribute('action')") is None


def test_the_index_loads_on_first_use_not_on_page_load(page, server_url, context):
    page.goto(server_url + "calculators/shared-accommodation/")
    wait_ready(page)
    page.wait_for_timeout(500)
    assert not [u for u in context.watch.page_requests if u.endswith(INDEX)]
    # Material's search worker (which built an index of the whole guidance) never starts
    assert not [u for u in context.watch.requests if "/workers/search" in u or "search_index.json" in u]
    page.focus("#mappa-search-input")
    page.wait_for_function("() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/search/index.json'))")
    assert [u for u in context.watch.page_requests if u.endswith(INDEX)]


def test_keyboard_up_down_and_escape(page, server_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(server_url)
    search(page, "MAPPA J")
    page.keyboard.press("ArrowDown")
    first = page.locator("#mappa-search-results a").first
    assert page.evaluate("() => document.activeElement === document.querySelector('#mappa-search-results a')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement === document.querySelectorAll('#mappa-search-results a')[1]")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.id") == "mappa-search-input"
    assert page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.id") == "mappa-search-input"
    assert first.get_attribute("href").startswith(server_url)


def test_search_opens_and_works_on_a_phone(page, server_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server_url)
    page.click("label.md-header__button[for=__search]")  # the magnifier of the header
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'mappa-search-input'")
    page.keyboard.type("13a.18")
    page.wait_for_function("() => /Go to paragraph 13a.18/.test(document.querySelector('#mappa-search-status').textContent)")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"guidance/13a/#para-13a-18$"))
    assert not page.evaluate("() => document.getElementById('__search').checked")
