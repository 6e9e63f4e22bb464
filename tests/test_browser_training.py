"""The training pages in the browser (needs ``make build``): "Try it" gives the answer the example
shows, the pages read the same with JavaScript off, the exercises work with the keyboard alone."""

from __future__ import annotations

import re
import urllib.request

import markupsafe
import pytest

from browser_support import wait_ready, wait_result
from test_browser_answers import LOAD_LINK  # follow a training link on the page it fills
from mappa_calculators import examples

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def published():
    found, problems = examples.load_examples()
    problems += examples.evaluate_examples(found)
    assert not problems, problems
    return found


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def prerendered(page, server_url: str, calculator: str) -> list[dict]:
    """Each worked example of a calculator's page: scenario, outcome, plain answer, Try it link."""
    page.goto(f"{server_url}training/{calculator}/")
    return page.eval_on_selector_all(".mappa-example", """(blocks) => blocks.map((b) => ({
        id: b.dataset.scenario,
        outcome: b.dataset.outcome,
        answer: b.querySelector('.mappa-example-answer .mappa-answer').textContent.trim(),
        href: b.querySelector('.mappa-try a').href,
    }))""")


#: The answer on the calculator page: its outcome and its plain answer.
LIVE = """() => {
  const body = document.querySelector('.mappa-result-body[data-state="ok"]');
  return body && { outcome: body.dataset.outcome, answer: body.querySelector('.mappa-answer').textContent.trim() };
}"""


def settled(page, example, limit_ms: int = 20_000):
    """The live answer once it shows the example's (or, after ``limit_ms``, whatever it shows): the
    form is filled and evaluated in steps, and a step may show its own answer on the way."""
    want = {"outcome": example["outcome"], "answer": example["answer"]}
    live = None
    for _ in range(limit_ms // 100):
        live = page.evaluate(LIVE)
        if live == want:
            break
        page.wait_for_timeout(100)
    return live


def test_try_it_gives_the_answer_the_example_shows(page, server_url, published):
    """Every example's "Try it" link gives, live, the outcome and plain answer the example shows.
    For each calculator the first link is clicked on the examples page (as a trainer would); the
    others are followed on the calculator page (the same page, another fragment: no reload)."""
    page.set_default_timeout(60_000)
    checked = []
    for calculator in dict.fromkeys(e.calculator for e in published):
        shown = prerendered(page, server_url, calculator)
        assert {s["id"] for s in shown} == {e.id for e in published if e.calculator == calculator}
        first = shown[0]["id"]
        page.locator(f'.mappa-example[data-scenario="{first}"] .mappa-try a').click()
        page.wait_for_url(f"**/calculators/{calculator}/**")
        wait_ready(page)
        assert wait_result(page, ("ok", "error", "failed"), timeout_ms=30_000) == "ok", first
        for n, example in enumerate(shown):
            if n:
                fragment = "#" + example["href"].split("#", 1)[1]
                assert page.evaluate(LOAD_LINK, [fragment, 30_000]), f"{example['id']}: no answer appeared"
            assert settled(page, example) == {"outcome": example["outcome"], "answer": example["answer"]}, example["id"]
            assert "#answers=" not in page.url, "the fragment leaves the address bar once read"
            checked.append(example["id"])
    assert sorted(checked) == sorted(e.id for e in published)


ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def test_pages_hold_every_answer_without_javascript(server_url, published):
    """Fetch the HTML (no script runs): each example's answer is in its pages, as the renderer wrote it."""
    from mappa_answers.markup import escape

    pages: dict[str, str] = {}
    for ex in published:
        for path in (f"training/{ex.calculator}/", f"training/{ex.calculator}/exercises/",
                     f"training/handouts/{ex.calculator}/", "training/handouts/exercises/"):
            text = pages.setdefault(path, fetch(server_url + path))
            assert f'data-scenario="{ex.id}"' in text, (path, ex.id)
            # its words, as the renderer wrote them (with the glossary's abbreviations in <abbr>)
            assert escape(ex.result["answer"]) in ABBR.sub(r"\1", text), (path, ex.id)
        assert str(markupsafe.escape(ex.story)) in pages[f"training/{ex.calculator}/exercises/"]
    trainers = fetch(server_url + "training/")
    assert all(f'href="{ex.calculator}/#{ex.id}"' in trainers for ex in published)


def test_exercise_model_answer_opens_without_javascript(browser, server_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{server_url}training/category/exercises/")
        first = page.locator(".mappa-exercise").first
        assert not first.locator(".mappa-exercise-model").is_visible()
        first.locator(".mappa-exercise-reveal > summary").click()
        assert first.locator(".mappa-exercise-model").is_visible()
        assert first.locator(".mappa-example-answer .mappa-answer").is_visible()
    finally:
        ctx.close()


def test_exercise_page_is_usable_with_the_keyboard(page, server_url):
    page.goto(f"{server_url}training/category/exercises/")
    first = page.locator(".mappa-exercise").first
    model = first.locator("input[data-model]").get_attribute("id")
    radios = first.locator("input[type=radio]").evaluate_all("(rs) => rs.map((r) => r.id)")
    # Tab from the top of the page reaches the first choice of the first exercise
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == radios[0]:
            break
    else:
        pytest.fail("Tab never reached the first exercise's choices")
    page.keyboard.press("Space")
    assert page.locator(f"#{radios[0]}").is_checked()
    # arrow keys move through the choices (a native radio group) to the model answer
    for _ in range(radios.index(model)):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#{model}").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert not first.locator(".mappa-exercise-model").is_visible()
    page.keyboard.press("Enter")
    assert first.locator(".mappa-exercise-model").is_visible()
    # the feedback says which kind of answer was chosen, and nothing is stored
    assert first.locator('.mappa-exercise-feedback[data-when="model"]').is_visible()
    assert not first.locator('.mappa-exercise-feedback[data-when="other"]').is_visible()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowUp")
    assert first.locator('.mappa-exercise-feedback[data-when="other"]').is_visible()
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    # the model answers are in the page: the calculator engine is never started
    assert not [u for u in page.context.watch.page_requests if "/pyodide/" in u or "/rules/" in u]
    assert page.context.watch.foreign_requests() == []


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 900)])
def test_exercise_choices_fit_a_phone_and_a_projector(browser, server_url, width, height):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = ctx.new_page()
        page.goto(f"{server_url}training/category/exercises/")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, "no sideways scrolling"
        # every label starts beside its radio button, never under it
        bad = page.eval_on_selector_all(".mappa-exercise .mappa-option", """(opts) => opts.filter((o) => {
            const r = o.querySelector('input').getBoundingClientRect(), l = o.querySelector('label').getBoundingClientRect();
            return !(l.left >= r.right && l.top < r.bottom);
        }).length""")
        assert bad == 0
    finally:
        ctx.close()


def test_handout_answers_start_on_a_new_printed_page(page, server_url):
    page.goto(f"{server_url}training/handouts/exercises/")
    page.emulate_media(media="print")
    assert page.eval_on_selector(".mappa-page-break", "(e) => getComputedStyle(e).breakBefore") == "page"
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("#answers").is_visible()
