"""Answers people can act on, in the browser: every scenario read through its training link, labels
beside their controls on a phone, training links that cannot freeze the tab, focus and announcements.

The scenario walk opens each calculator once and loads every YAML scenario into it through its
training link (a new fragment on the same page, as when a link is pasted into the address bar), so
the form's own filling, the engine and the renderer are all on the path.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

import mappa_rules
from browser_support import INIT_SCRIPT, cpython_result, open_calculator, wait_ready, wait_result
from scenario_data import load_scenarios
from test_browser_keyboard import valid_answers

pytestmark = pytest.mark.browser

CALCULATORS = list(mappa_rules.CALCULATORS)
SCENARIOS = [(c, s) for c, s in load_scenarios() if "errors" not in s["expect"]]
INTERNAL = re.compile(r"\b(id|group|strength|kind|local):")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

#: Loads one training link into the page already showing its calculator, and resolves with the
#: answer's text once the answer for it is on screen.  (Material's instant navigation may answer the
#: new fragment by putting a fresh copy of the page in place: any result panel of the document counts.)
LOAD_LINK = """async ([fragment, limitMs]) => {
  const done = new Promise((resolve) => {
    const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, limitMs);
    const observer = new MutationObserver((records) => {
      const body = records.map((r) => r.target).find((t) => t.matches && t.matches('.mappa-result-body')
        && t.isConnected && t.dataset.state === 'ok');
      if (!body) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ text: body.innerText, outcome: body.dataset.outcome, href: location.href,
                banner: document.querySelector('.mappa-banner').innerText });
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  location.hash = fragment;
  return done;
}"""


def link(answers) -> str:
    return "#answers=" + quote(json.dumps(answers))


@pytest.fixture(scope="module")
def walked(browser, server_url):
    """Every scenario with an outcome, through its training link: {(calculator, id): what the page showed}."""
    ctx = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    shown: list = [None] * len(SCENARIOS)  # in the order of SCENARIOS (ids need not be unique)
    for calc in CALCULATORS:
        open_calculator(page, server_url, calc)
        for i, (c, sc) in enumerate(SCENARIOS):
            if c == calc:
                shown[i] = page.evaluate(LOAD_LINK, [link(sc["answers"]), 20_000])
    ctx.close()
    return shown


@pytest.mark.parametrize("index", range(len(SCENARIOS)), ids=[f"{c}:{s['id']}" for c, s in SCENARIOS])
def test_every_scenario_reads_as_plain_words(walked, index):
    """No internal key and no ISO date in the answer; what to do now before why; the outcome the
    rule module gives; the link gone from the address bar and a banner saying where the answers came from."""
    calc, scenario = SCENARIOS[index]
    got = walked[index]
    assert got is not None, "no answer appeared for the training link"
    expected = cpython_result(calc, scenario["answers"])
    assert got["outcome"] == expected["outcome"]
    text = got["text"]
    assert not INTERNAL.search(text), INTERNAL.search(text).group(0)
    assert not ISO.search(text), ISO.search(text).group(0)
    assert expected["outcome"] not in text.split()
    if "What to do now" in text and "\nWhy\n" in text:
        assert text.index("What to do now") < text.index("\nWhy\n")
    assert "#answers=" not in got["href"]
    assert "training link" in got["banner"]


# --- phone layout ------------------------------------------------------------------------------

#: Each visible option whose label does not start on the line of its control, to its right.
MISPLACED_LABELS = """() => {
  const out = [];
  for (const option of document.querySelectorAll('.mappa-option')) {
    const input = option.querySelector('input');
    const label = option.querySelector('label');
    if (!input || !label || !option.offsetParent) continue;
    const box = input.getBoundingClientRect();
    const first = label.getClientRects()[0];
    if (!first) continue;
    const beside = first.left >= box.right - 0.5 && first.top < box.bottom && first.bottom > box.top;
    if (!beside) out.push(label.textContent.trim().slice(0, 60));
  }
  return {misplaced: out, count: document.querySelectorAll('.mappa-option').length};
}"""


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    yield page
    ctx.close()


@pytest.mark.parametrize("calc", CALCULATORS)
def test_1_3_1_every_label_starts_beside_its_control_at_390px(phone, server_url, calc):
    """On a phone, in the initial state and with a scenario loaded, each option's label starts on
    the line of its radio button or check box, to its right (WCAG 1.3.1, 1.4.10)."""
    phone.goto(f"{server_url}calculators/{calc}/")
    initial = phone.evaluate(MISPLACED_LABELS)
    assert initial["count"] > 0
    assert initial["misplaced"] == []
    wait_ready(phone)
    loaded = phone.evaluate(LOAD_LINK, [link(valid_answers(calc)), 30_000])
    assert loaded is not None
    assert phone.evaluate(MISPLACED_LABELS)["misplaced"] == []


# --- training links ----------------------------------------------------------------------------

#: Records when the banner at the top of the form is shown (ms since the navigation started).
BANNER_TIMER = INIT_SCRIPT + """
(() => {
  new MutationObserver(() => {
    const b = document.querySelector('.mappa-banner');
    if (b && !b.hidden && window.__bannerAt === undefined) window.__bannerAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
})();
"""


def page_with(browser, script: str):
    """A page of its own browser context in which ``script`` runs before the site's scripts."""
    ctx = browser.new_context(locale="en-GB")
    ctx.add_init_script(script)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    yield page
    ctx.close()


@pytest.fixture
def timed_page(browser):
    yield from page_with(browser, BANNER_TIMER)


def refused(page, url: str) -> tuple[str, float]:
    """Open a training link that must be refused: (the banner's words, ms from the page being
    ready (DOMContentLoaded; the browser alone takes seconds to take in a 1 MB address) to the banner)."""
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".mappa-banner.mappa-banner--error").wait_for(state="visible", timeout=10_000)
    at = page.evaluate("() => window.__bannerAt - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    assert "#answers=" not in page.url
    assert page.evaluate("() => location.href").find("#") < 0
    return page.inner_text(".mappa-banner"), at


def list_question(calc_id: str):
    for q in mappa_rules.questions(calc_id):
        if q["type"] == "list" and all(w["negate"] for w in q["when"]):
            return q
    return None


def test_a_1_mb_fragment_is_refused_at_once(timed_page, server_url):
    calc = CALCULATORS[0]
    fragment = link({"padding": "x" * (1024 * 1024)})
    words, ms = refused(timed_page, f"{server_url}calculators/{calc}/{fragment}")
    assert "too long" in words and "Nothing was filled in" in words
    assert ms < 1000, ms
    assert timed_page.locator(".mappa-result-body").get_attribute("data-state") != "ok"


def test_a_100000_item_list_is_refused_at_once(timed_page, server_url):
    calc = next(c for c in CALCULATORS if list_question(c))
    q = list_question(calc)
    words, ms = refused(timed_page, f"{server_url}calculators/{calc}/" + link({q["id"]: [{}] * 100_000}))
    assert "Nothing was filled in" in words
    assert ms < 1000, ms


def test_a_list_longer_than_its_maximum_is_refused(timed_page, server_url):
    """Under 64 KB but one item too many: said in words, with the numbers."""
    calc = next(c for c in CALCULATORS if list_question(c))
    q = list_question(calc)
    words, _ = refused(timed_page, f"{server_url}calculators/{calc}/" + link({q["id"]: [{}] * (q["max_items"] + 1)}))
    assert f"{q['max_items'] + 1} {q['item_label']}s" in words and f"at most {q['max_items']}" in words
    assert timed_page.locator(".mappa-items > li").count() == q["min_items"]


def test_a_broken_link_says_so_visibly(timed_page, server_url):
    words, _ = refused(timed_page, f"{server_url}calculators/{CALCULATORS[0]}/#answers=%7B%22a%22%3A")
    assert "broken" in words


def test_a_link_fills_the_page_says_so_and_leaves_the_address_bar(page, server_url):
    calc = CALCULATORS[0]
    answers = valid_answers(calc)
    page.goto(f"{server_url}calculators/{calc}/{link(answers)}")
    assert wait_result(page, timeout_ms=45_000) == "ok"
    assert page.evaluate("() => location.href").endswith(f"/calculators/{calc}/")
    assert "filled in from a training link" in page.inner_text(".mappa-banner")
    assert page.locator(".mappa-banner").is_visible()


def test_copy_link_copies_and_says_so(page, server_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url.rstrip("/"))
    calc = CALCULATORS[0]
    answers = valid_answers(calc)
    page.goto(f"{server_url}calculators/{calc}/{link(answers)}")
    assert wait_result(page, timeout_ms=45_000) == "ok"
    page.click("[data-action=share]")
    page.click("[data-action=copy]")
    message = page.locator(".mappa-copied")
    message.wait_for(state="visible")
    assert message.inner_text().startswith("Link copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.input_value(".mappa-share-url")
    shared = json.loads(__import__("urllib.parse").parse.unquote(copied.split("#answers=", 1)[1]))
    assert cpython_result(calc, shared)["outcome"] == cpython_result(calc, answers)["outcome"]


# --- focus and announcements -------------------------------------------------------------------

#: Counts what the live region and the error summary say (each change of their content).
SPOKEN = INIT_SCRIPT + """
(() => {
  window.__live = []; window.__summaryChanges = 0;
  document.addEventListener('DOMContentLoaded', () => {
    const summary = document.querySelector('.mappa-error-summary');
    // any live region of the document: Material's instant navigation may put a fresh copy of the
    // page in place when the address's fragment changes, and the copy's live region speaks then
    new MutationObserver((records) => {
      const spoke = records.map((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement))
        .find((t) => t && t.closest('.mappa-live'));
      if (spoke) window.__live.push(spoke.closest('.mappa-live').textContent);
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
    if (summary) new MutationObserver((records) => {
      if (records.some((r) => r.addedNodes.length || (r.type === 'attributes' && !summary.hidden))) window.__summaryChanges += 1;
    }).observe(summary, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
  });
})();
"""


@pytest.fixture
def spoken_page(browser):
    yield from page_with(browser, SPOKEN)


def test_get_the_answer_moves_to_the_answer_and_the_jump_link_appears(page, server_url):
    calc = CALCULATORS[0]
    open_calculator(page, server_url, calc)
    assert page.locator(".mappa-jump").is_hidden()
    page.goto(f"{server_url}calculators/{calc}/{link(valid_answers(calc))}")
    assert wait_result(page, timeout_ms=45_000) == "ok"
    page.locator(".mappa-jump a").wait_for(state="visible")
    page.click("form.mappa-form button[type=submit]")
    page.wait_for_timeout(500)
    assert page.evaluate("() => document.activeElement.matches('.mappa-result h2')")
    page.focus("form.mappa-form input")
    page.click(".mappa-jump a")
    assert page.evaluate("() => document.activeElement.matches('.mappa-result h2')")


def test_the_live_region_speaks_once_per_changed_answer(spoken_page, server_url):
    """A short summary when the answer changes; nothing when the same answer comes again."""
    page = spoken_page
    calc = "category"
    scenarios = [s["answers"] for c, s in SCENARIOS if c == calc]
    first, other = scenarios[0], next(a for a in scenarios if cpython_result(calc, a)["answer"] != cpython_result(calc, scenarios[0])["answer"])
    page.goto(f"{server_url}calculators/{calc}/{link(first)}")
    assert wait_result(page, timeout_ms=45_000) == "ok"
    page.wait_for_timeout(300)
    said = page.evaluate("() => window.__live")
    assert len(said) == 1 and said[0].startswith("Answer updated: ")
    assert len(said[0]) < 300
    page.click("form.mappa-form button[type=submit]")  # the same answers again
    page.wait_for_timeout(800)
    assert page.evaluate("() => window.__live") == said
    assert page.evaluate(LOAD_LINK, [link(other), 20_000]) is not None
    page.wait_for_timeout(300)
    spoken = page.evaluate("() => window.__live")
    # if Material put a fresh copy of the page in place for the new fragment, the old copy and the
    # new one may each say the new answer once: one change, said once by each copy of the region
    changes = [t for i, t in enumerate(spoken) if i == 0 or t != spoken[i - 1]]
    assert len(changes) == 2 and changes[0] == said[0] and changes[1] != said[0], spoken


def date_question():
    for cid in CALCULATORS:
        for q in mappa_rules.questions(cid):
            if q["type"] == "date" and all(w["negate"] for w in q["when"]) and not q.get("default_today"):
                return cid, q
    return None


def test_typing_after_a_failed_submit_does_not_interrupt(spoken_page, server_url):
    """After "Get the answer" listed the problems, typing a date changes neither the summary (an
    alert) nor the message at the question until the person leaves the question."""
    found = date_question()
    if found is None:
        pytest.skip("no calculator shows a date question from the start")
    cid, q = found
    page = spoken_page
    open_calculator(page, server_url, cid)
    page.click("form.mappa-form button[type=submit]")
    page.locator(".mappa-error-summary").wait_for(state="visible")
    page.wait_for_timeout(300)
    changes = page.evaluate("() => window.__summaryChanges")
    base = f'.mappa-q[data-name="{q["id"]}"]'
    before = page.inner_text(f"{base} .mappa-error-message")
    page.click(f"{base} input[data-part=day]")
    page.keyboard.type("1")
    page.wait_for_timeout(700)
    assert page.evaluate("() => window.__summaryChanges") == changes
    assert page.inner_text(f"{base} .mappa-error-message") == before
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("97")
    page.keyboard.press("Tab")  # leaves the question
    page.wait_for_timeout(700)
    assert "Enter the year in full, for example 1997." in page.inner_text(f"{base} .mappa-error-message")
    assert page.evaluate("() => window.__summaryChanges") == changes


# --- questions that matter, and dates about now ---------------------------------------------------


def _not_needed_scenarios():
    out = []
    for c, s in SCENARIOS:
        r = cpython_result(c, s["answers"])
        if r.get("not_needed"):
            out.append((c, s, r["not_needed"]))
    return out


def test_questions_that_cannot_change_the_answer_are_hidden(page, server_url):
    """Where the rule module reports a question as not needed, the form hides it; the others stay."""
    cases = _not_needed_scenarios()
    if not cases:
        pytest.skip("no rule module declares a question that stops mattering yet (Question(matters=...))")
    by_calc: dict[str, list] = {}
    for c, s, names in cases:
        by_calc.setdefault(c, []).append((s, names))
    for calc, items in by_calc.items():
        open_calculator(page, server_url, calc)
        for s, names in items[:5]:
            assert page.evaluate(LOAD_LINK, [link(s["answers"]), 20_000]) is not None
            page.wait_for_timeout(200)
            for name in names:
                assert page.locator(f'.mappa-q[data-name="{name}"]').is_hidden(), (calc, s["id"], name)


# types a value into a field as a person would (an input event) and at once moves the keyboard on
# to the form's submit button, past every question
TYPE_THEN_LEAVE = """([selector, value]) => {
  const field = document.querySelector(selector);
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  document.querySelector("form.mappa-form button[type=submit]").focus();
}"""


def test_a_question_that_comes_back_is_announced_with_where_it_is(page, server_url):
    """A question the engine had hidden as not needed, shown again by a later answer, is announced
    in the live region with its words, and as "above" when the keyboard focus has gone past it."""
    first = next(((c, s, names) for c, s, names in _not_needed_scenarios()
                  if c == "category" and "tpim" in names), None)
    if first is None:
        pytest.skip("no category scenario hides the TPIM question")
    calc, scenario, _ = first
    answers = json.loads(json.dumps(scenario["answers"]))
    answers["sex_offender_notification"] = "never"
    hidden = set(cpython_result(calc, answers)["not_needed"])
    shorter = json.loads(json.dumps(answers))
    shorter["offences"][0]["term_value"] = 6
    back = hidden - set(cpython_result(calc, shorter)["not_needed"])
    assert "tpim" in hidden and "tpim" in back, "the scenario no longer brings the TPIM question back"
    open_calculator(page, server_url, calc)
    assert page.evaluate(LOAD_LINK, [link(answers), 20_000]) is not None
    page.wait_for_timeout(300)
    assert page.locator('.mappa-q[data-name="tpim"]').is_hidden()
    # the answer and the move on past the question in one task, so that the form's pause before it
    # works the answer out (150 ms) cannot end between them on a slow machine
    page.evaluate(TYPE_THEN_LEAVE, ['[name="offences.0.term_value"]', "6"])
    for _ in range(60):
        if page.locator('.mappa-q[data-name="tpim"]').is_visible():
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(200)
    said = page.inner_text(".mappa-live")
    legend = page.inner_text('.mappa-q[data-name="tpim"] legend').strip()
    assert f"{len(back)} questions above now apply, starting with: {legend}" in said, said
    # once they are shown, a further answer says nothing more about them (the region is unchanged,
    # so nothing is read out again, or it holds only the new answer's sentence)
    page.fill('[name="offences.0.term_value"]', "7")
    page.focus("form.mappa-form button[type=submit]")
    page.wait_for_timeout(900)
    after = page.inner_text(".mappa-live")
    assert after == said or "now apply" not in after, after


def test_date_questions_about_now_start_with_today(page, server_url):
    found = [(c, q) for c in CALCULATORS for q in mappa_rules.questions(c)
             if q["type"] == "date" and q.get("default_today") and all(w["negate"] for w in q["when"])]
    if not found:
        pytest.skip("no rule module declares a date question about now yet (Question(default_today=True))")
    for calc, q in found:
        page.goto(f"{server_url}calculators/{calc}/")
        today = page.evaluate("() => [new Date().getDate(), new Date().getMonth() + 1, new Date().getFullYear()]")
        base = f'.mappa-q[data-name="{q["id"]}"]'
        got = [page.input_value(f"{base} input[data-part={p}]") for p in ("day", "month", "year")]
        assert got == [str(x) for x in today], (calc, q["id"])


#: Every abbreviation of the answer: [its text, its tooltip, its tab index, inside a control, title
#: kept, the fold it is in (-1: none)].
ANSWER_ABBREVIATIONS = """() => { const folds = [...document.querySelectorAll('.mappa-result-body details')];
  return [...document.querySelectorAll('.mappa-result-body abbr')].map((a) => [a.textContent, a.dataset.mappaTip || '',
    a.tabIndex, Boolean(a.closest('a, button, summary')), a.hasAttribute('title'), folds.indexOf(a.closest('details'))]); }"""


def test_abbreviations_in_a_live_answer_say_what_they_mean_by_mouse_and_keyboard(page, server_url):
    """As on the pages (WCAG 1.4.13, 2.1.1): each abbreviation of the glossary in the answer shows
    its meaning on hover and on focus, the first use of each is a Tab stop, Escape closes the
    tooltip; none is inside a link; and an answer drawn again is marked again."""
    scenario = next(s for c, s in SCENARIOS if c == "scr" and s["id"] == "p20_3_last_level2_day_is_first_day_of_window_mandatory")
    page.goto(f"{server_url}calculators/scr/{link(scenario['answers'])}")
    assert wait_result(page, timeout_ms=45_000) == "ok"
    found = page.evaluate(ANSWER_ABBREVIATIONS)
    words = {text for text, *_ in found}
    assert {"SMB", "MAPPA N"} <= words, words
    assert all(tip and not inside and not title for _, tip, _, inside, title, _ in found), found
    # the first use of each word is a Tab stop, and its first use in each fold (a closed fold's
    # words cannot take the focus); no other use is
    first: dict[tuple[str, int], int] = {}
    for text, _, tab, _, _, fold in found:
        first.setdefault((text, fold), tab)
    assert set(first.values()) == {0}, first
    assert sum(1 for _, _, tab, *_ in found if tab == 0) == len(first)

    smb = page.locator(".mappa-result-body abbr:visible", has_text="SMB").first
    smb.focus()
    tip = page.locator("#mappa-tip")
    assert tip.is_visible() and tip.inner_text() == smb.get_attribute("data-mappa-tip")
    assert smb.get_attribute("aria-describedby") == "mappa-tip"
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    hovered = page.locator(".mappa-result-body abbr:visible").last
    hovered.hover()
    assert tip.is_visible() and tip.inner_text() == hovered.get_attribute("data-mappa-tip")

    # another answer, drawn again: marked again, and the tooltip of the words it replaced is closed
    page.mouse.move(0, 0)
    smb.focus()
    assert tip.is_visible()
    changed = {**scenario["answers"], "charge_status": "died_before_charge"}
    assert page.evaluate(LOAD_LINK, [link(changed), 20_000]) is not None
    assert tip.is_hidden()
    again = page.evaluate(ANSWER_ABBREVIATIONS)
    assert again and all(tip_text and not inside for _, tip_text, _, inside, *_ in again), again
