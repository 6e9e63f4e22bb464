"""The checks of WCAG 2.2 AA that axe-core cannot make, as tests named after their success criterion.

Keyboard completion of every calculator (2.1.1) is tested in test_browser_keyboard.py; axe-core's
gate is test_browser_axe.py.  Here:

- 2.4.2 Page titled: every page has a title of its own (the 404 page had the home page's);
- 1.4.10 Reflow: no page and no calculator state scrolls sideways at 320 CSS px;
- 1.4.12 Text spacing: no text is cut off with the spacing of the success criterion;
- 2.4.11 Focus not obscured: tabbing backwards through two calculators, the sticky header never
  hides the focused control, nor the error summary after a failed submit;
- 1.4.13 Content on hover or focus: the abbreviation tooltips can be dismissed (Escape), hovered and
  reached from the keyboard, and do not cover the next line;
- 2.1.1 / 2.4.3 / 2.4.7: the menu button below 1220 px, the drawer's links out of the Tab order
  while it is closed, no invisible Tab stop;
- 2.3.3 Animation from interactions: prefers-reduced-motion stops the theme's animations.

At the end, the states other engineers are changing (issues 9 and 14), as strict expected failures:
each turns into a failure the day the change arrives, to say that its marker must go.
"""

from __future__ import annotations

import pytest

import mappa_rules
from a11y_support import calculator_ids, engine_failed, html_pages, open_by_link, settle, training_link, wait_until
from browser_support import wait_ready, wait_result

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
#: Two calculators with long forms: questions of every kind, dates, lists
TWO_CALCULATORS = ("level", "disclosure")


def _answers(calc_id: str) -> dict:
    from test_browser_keyboard import valid_answers

    return valid_answers(calc_id)


@pytest.fixture
def sized(context):
    """A page of a given size: ``sized(PHONE)``."""
    pages = []

    def make(viewport, **emulate):
        pg = context.new_page()
        pg.set_default_timeout(45_000)
        pg.set_viewport_size(viewport)
        if emulate:
            pg.emulate_media(**emulate)
        pages.append(pg)
        return pg

    yield make
    for pg in pages:
        pg.close()


def focused(page) -> dict:
    """The focused element, once the page is at rest (transitions ended): its box, whether it is
    seen (not covered), the header's bottom edge.  Looked at again after 300 ms if it seems hidden:
    the theme reacts to some focus changes a moment later (the search box opens on focus)."""
    f = _focused(page)
    if not f["seen"] or (not f["inHeader"] and f["top"] < f["headerBottom"] - 0.5):
        page.wait_for_timeout(300)
        f = _focused(page)
    return f


def _focused(page) -> dict:
    return page.evaluate("""async () => {
        await Promise.race([
            Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
            new Promise((resolve) => setTimeout(resolve, 2000)),
        ]);
        const e = document.activeElement;
        const r = e.getBoundingClientRect();
        const header = document.querySelector(".md-header");
        const first = e.getClientRects()[0] || r;  // a link over two lines: its first line
        const x = Math.min(Math.max(first.left + first.width / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max(first.top + first.height / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        return {
            html: e.outerHTML.slice(0, 160), tag: e.localName, inHeader: !!e.closest(".md-header"),
            inContent: !!e.closest(".md-content"), body: e === document.body,
            top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
            headerBottom: header ? header.getBoundingClientRect().bottom : 0,
            seen: !!top && (e === top || e.contains(top)),
            cover: top && !(e === top || e.contains(top)) ? top.outerHTML.slice(0, 100) : null,
            visibility: getComputedStyle(e).visibility,
        };
    }""")


def tab_stops(page, most: int):
    """Press Tab up to ``most`` times; after each, the focused element (as ``focused``), until the
    focus leaves the page."""
    for _ in range(most):
        page.keyboard.press("Tab")
        f = focused(page)
        if f["body"]:
            return
        yield f


# ---- 2.4.2 Page titled -----------------------------------------------------------------------

def test_wcag_2_4_2_every_page_has_a_title_of_its_own(built_site):
    import re

    titles = {}
    for path in html_pages(built_site):
        html = built_site / (path if path.endswith(".html") else path + "index.html")
        m = re.search(r"<title>([^<]*)</title>", html.read_text(encoding="utf-8"))
        assert m, path
        titles.setdefault(m.group(1).strip(), []).append("/" + path)
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}
    assert titles.get("Page not found - MAPPA Navigator") == ["/404.html"]


# ---- 1.4.10 Reflow ---------------------------------------------------------------------------

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    // what sticks out (not inside a box that scrolls on its own, such as a wide table)
    const out = [];
    for (const e of document.querySelectorAll("body *")) {
        const r = e.getBoundingClientRect();
        if (r.right <= width + 1 || !r.width) continue;
        let p = e.parentElement, scrolls = false;
        while (p && p !== document.body) {
            const o = getComputedStyle(p).overflowX;
            if (o === "auto" || o === "scroll" || o === "hidden") { scrolls = true; break; }
            p = p.parentElement;
        }
        if (!scrolls) out.push(e.outerHTML.slice(0, 120));
        if (out.length > 3) break;
    }
    return out.length ? out : ["(the page is wider than the window)"];
}"""


def test_wcag_1_4_10_no_page_scrolls_sideways_at_320_css_px(sized, server_url, built_site):
    page = sized({"width": 320, "height": 640})
    wide = {}
    for path in html_pages():
        page.goto(server_url + path)
        if out := page.evaluate(OVERFLOW):
            wide["/" + path] = out
    assert wide == {}


def test_wcag_1_4_10_no_calculator_scrolls_sideways_at_320_css_px_with_errors_or_an_answer(sized, server_url, built_site):
    page = sized({"width": 320, "height": 640})
    wide = {}
    for calc_id in calculator_ids():
        url = f"{server_url}calculators/{calc_id}/"
        open_by_link(page, server_url, url)
        wait_ready(page)
        page.click("form.mappa-form button[type=submit]")
        wait_until(page, "() => !document.querySelector('.mappa-error-summary').hidden", what="the error summary")
        if out := page.evaluate(OVERFLOW):
            wide[f"{calc_id} [errors shown]"] = out
        open_by_link(page, server_url, f"{server_url}calculators/")
        open_by_link(page, server_url, training_link(server_url, calc_id, _answers(calc_id)))
        assert wait_result(page, ("ok",), timeout_ms=45_000) == "ok"
        if out := page.evaluate(OVERFLOW):
            wide[f"{calc_id} [result shown]"] = out
    assert wide == {}


# ---- 1.4.12 Text spacing ---------------------------------------------------------------------

#: The spacing of success criterion 1.4.12 (the W3C's own test bookmarklet sets the same values).
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

CLIPPED = """() => {
    const out = [];
    for (const e of document.querySelectorAll(".md-container *, .md-header *")) {
        if (!e.getClientRects().length || e.closest(".md-header__title")) continue;  // the header's title repeats the h1
        const s = getComputedStyle(e);
        if (e.offsetWidth <= 1 || e.offsetHeight <= 1) continue;  // visually hidden text for screen readers
        const clips = (o) => o === "hidden" || o === "clip";
        const text = e.localName === "input" ? e.value : [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!text) continue;
        const cutX = (clips(s.overflowX) || e.localName === "input") && e.scrollWidth > e.clientWidth + 1;
        const cutY = clips(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
        if (cutX || cutY) out.push(e.outerHTML.slice(0, 140));
    }
    return out;
}"""


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_wcag_1_4_12_no_text_is_cut_off_with_wider_text_spacing(sized, server_url, built_site, width):
    page = sized(PHONE if width == "phone" else DESKTOP)
    cut = {}
    for path in ("", "guidance/20/", "calculators/", "about/accessibility/"):
        page.goto(server_url + path)
        page.add_style_tag(content=TEXT_SPACING)
        if out := page.evaluate(CLIPPED) + page.evaluate(OVERFLOW):
            cut["/" + path] = out
    calc_id = TWO_CALCULATORS[0]
    open_by_link(page, server_url, training_link(server_url, calc_id, _answers(calc_id)))
    assert wait_result(page, ("ok",), timeout_ms=45_000) == "ok"
    page.add_style_tag(content=TEXT_SPACING)
    if out := page.evaluate(CLIPPED) + page.evaluate(OVERFLOW):
        cut[f"{calc_id} [result shown]"] = out
    assert cut == {}


def test_wcag_1_4_12_the_check_sees_text_cut_off(sized, server_url, built_site):
    page = sized(DESKTOP)
    page.goto(server_url)
    page.evaluate("""() => { const p = document.querySelector('.md-content p');
        p.style.cssText = 'height: 1em; overflow: hidden'; }""")
    assert page.evaluate(CLIPPED)


# ---- 2.4.11 Focus not obscured ---------------------------------------------------------------

def _shift_tab_through(page) -> list[dict]:
    """Shift+Tab from the end of the page to its top; every stop that the header covers."""
    page.click(".md-copyright__highlight", position={"x": 1, "y": 1})  # the end of the page, not a link
    hidden = []
    for _ in range(600):
        page.keyboard.press("Shift+Tab")
        f = focused(page)
        if f["body"] or "md-skip" in f["html"]:
            break
        if not f["inHeader"] and f["height"] and f["top"] < f["headerBottom"] - 0.5:
            hidden.append(f)
    else:
        pytest.fail("Shift+Tab never reached the top of the page")
    return hidden


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_wcag_2_4_11_the_header_never_hides_the_focus_tabbing_backwards_through_two_calculators(sized, server_url, built_site, width):
    page = sized(PHONE if width == "phone" else DESKTOP)
    for calc_id in TWO_CALCULATORS:
        open_by_link(page, server_url, f"{server_url}calculators/{calc_id}/")
        wait_ready(page)
        page.click("form.mappa-form button[type=submit]")
        wait_until(page, "() => !document.querySelector('.mappa-error-summary').hidden", what="the error summary")
        settle(page)
        summary = page.evaluate("""() => ({top: document.querySelector('.mappa-error-summary').getBoundingClientRect().top,
            header: document.querySelector('.md-header').getBoundingClientRect().bottom})""")
        assert summary["top"] >= summary["header"] - 0.5, f"{calc_id}: the error summary is scrolled under the header"
        hidden = _shift_tab_through(page)
        assert hidden == [], calc_id + ":\n" + "\n".join(
            f"{h['html']} top {h['top']:.0f} < header {h['headerBottom']:.0f}" for h in hidden)


def test_wcag_2_4_11_scroll_padding_is_the_header_height(sized, server_url, built_site):
    for viewport in (PHONE, DESKTOP):
        page = sized(viewport)
        page.goto(server_url + "guidance/20/")
        padding, header = page.evaluate("""() => [parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop),
            document.querySelector('.md-header').getBoundingClientRect().height]""")
        assert padding == pytest.approx(header, abs=0.5), viewport


# ---- 1.4.13 Content on hover or focus --------------------------------------------------------

def _tip(page) -> dict | None:
    return page.evaluate("""() => { const t = document.querySelector('.mappa-tip');
        if (!t || t.hidden) return null;
        const r = t.getBoundingClientRect(); return {text: t.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, id: t.id}; }""")


def _box(page, selector: str) -> dict:
    return page.evaluate("""(s) => { const r = document.querySelector(s).getClientRects()[0];
        const lh = parseFloat(getComputedStyle(document.querySelector(s).parentElement).lineHeight);
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, line: lh}; }""", selector)


def test_wcag_1_4_13_abbreviation_tooltip_is_dismissible_hoverable_and_persistent(sized, server_url, built_site):
    page = sized(DESKTOP)
    page.goto(server_url + "guidance/20/")
    abbr = ".md-content p abbr"
    page.locator(abbr).first.scroll_into_view_if_needed()
    page.hover(abbr)
    tip = _tip(page)
    assert tip and tip["text"] == page.locator(abbr).first.get_attribute("data-mappa-tip")
    word = _box(page, abbr)
    # above the word: it covers neither the word's line nor the next one
    assert tip["bottom"] <= word["top"], (tip, word)
    # persistent: no timeout
    page.wait_for_timeout(1500)
    assert _tip(page)
    # hoverable: the pointer moves from the word onto the tooltip, which stays
    page.mouse.move((tip["left"] + tip["right"]) / 2, (tip["top"] + tip["bottom"]) / 2, steps=5)
    page.wait_for_timeout(700)
    assert _tip(page), "the tooltip vanished when the pointer moved onto it"
    # dismissible without moving the pointer or the focus
    page.keyboard.press("Escape")
    assert _tip(page) is None
    # and it goes when the pointer leaves
    page.hover(abbr)
    assert _tip(page)
    page.mouse.move(5, 400)
    page.wait_for_timeout(700)
    assert _tip(page) is None


def test_wcag_1_4_13_every_abbreviation_can_be_expanded_from_the_keyboard(sized, server_url, built_site):
    page = sized(DESKTOP)
    page.goto(server_url + "guidance/20/")
    words = page.evaluate("() => [...new Set([...document.querySelectorAll('.md-content abbr')].map((a) => a.textContent.trim()))]")
    assert words
    reached = {}
    for _ in range(400):
        page.keyboard.press("Tab")
        f = page.evaluate("""() => { const e = document.activeElement;
            return e.localName === 'abbr' ? [e.textContent.trim(), e.getAttribute('aria-describedby')] : null; }""")
        if f:
            tip = _tip(page)
            assert tip, f"no tooltip on focus of {f[0]}"
            assert f[1] == tip["id"], "the expansion is the focused abbreviation's description"
            reached[f[0]] = tip["text"]
            page.keyboard.press("Escape")
            assert _tip(page) is None and page.evaluate("() => document.activeElement.localName") == "abbr"
        if set(reached) == set(words):
            break
    assert set(reached) == set(words)


def test_wcag_1_4_13_paragraph_link_tooltip_shows_on_focus_and_closes_with_escape(sized, server_url, built_site):
    page = sized(PHONE)
    page.goto(server_url + "guidance/20/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.para-num')"):
            break
    else:
        pytest.fail("no paragraph link reached")
    tip = _tip(page)
    assert tip and tip["text"].startswith("Link to paragraph")
    page.keyboard.press("Escape")
    assert _tip(page) is None
    # no native title tooltip on top of ours
    assert page.evaluate("() => document.querySelectorAll('.md-content abbr[title], .md-content a[title]').length") == 0


# ---- 2.1.1, 2.4.3, 2.4.7: the menu and the Tab order -----------------------------------------

def test_wcag_2_1_1_the_menu_button_opens_and_closes_the_navigation_from_the_keyboard(sized, server_url, built_site):
    page = sized(PHONE)
    page.goto(server_url + "guidance/20/")
    button = "[data-mappa-menu]"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", button):
            break
    else:
        pytest.fail("the menu button is not among the first Tab stops")
    assert page.evaluate("(s) => document.activeElement.localName", button) == "button"
    assert page.get_attribute(button, "aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.get_attribute(button, "aria-expanded") == "true"
    f = focused(page)
    assert f["seen"] and page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"), f
    # every stop in the open drawer can be seen
    for _ in range(12):
        page.keyboard.press("Tab")
        page.wait_for_timeout(50)
        f = focused(page)
        if not page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"):
            break
        assert f["seen"], f
        assert page.get_attribute(button, "aria-expanded") == "true"
    # Escape closes it and gives the focus back to the button; Space opens it again
    page.keyboard.press("Escape")
    settle(page)
    assert page.get_attribute(button, "aria-expanded") == "false"
    assert page.evaluate("(s) => document.activeElement.matches(s)", button)
    page.keyboard.press("Space")
    settle(page)
    assert page.get_attribute(button, "aria-expanded") == "true"
    # tabbing out of the drawer (backwards, to the header) closes it
    page.keyboard.press("Shift+Tab")
    settle(page)
    assert page.get_attribute(button, "aria-expanded") == "false"


def test_wcag_2_1_1_the_drawers_sections_open_and_close_from_the_keyboard(sized, server_url, built_site):
    page = sized(PHONE)
    page.goto(server_url + "calculators/level/")
    page.click("[data-mappa-menu]")
    page.wait_for_timeout(400)
    # the drawer opens on the page's own section; its "back" title is a Tab stop and goes up
    f = focused(page)
    assert "md-nav__title" in f["html"] and f["seen"], (f["html"], f["cover"])
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    f = focused(page)
    assert "md-nav__link" in f["html"] and "Calculators" in page.evaluate("() => document.activeElement.textContent") and f["seen"], f
    # and the section opens again with Space
    page.keyboard.press("Space")
    page.wait_for_timeout(400)
    f = focused(page)
    assert "md-nav__title" in f["html"] and f["seen"], (f["html"], f["cover"], f["top"], f["left"])


@pytest.mark.parametrize("path", ["", "guidance/20/", "calculators/level/"])
def test_wcag_2_4_3_closed_navigation_takes_no_tab_stops_at_phone_width(sized, server_url, built_site, path):
    page = sized(PHONE)
    page.goto(server_url + path)
    stops = []
    for f in tab_stops(page, 10):
        if f["inContent"]:
            break
        stops.append(f["html"][:60])
    # Skip to content, the menu button, the search box: then the page's content
    assert len(stops) <= 3, stops


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("path", ["", "guidance/20/", "calculators/level/", "404.html"])
def test_wcag_2_4_7_every_tab_stop_can_be_seen(sized, server_url, built_site, path, width):
    page = sized(PHONE if width == "phone" else DESKTOP)
    page.goto(server_url + path)
    unseen = []
    for f in tab_stops(page, 60):
        if not (f["width"] >= 1 and f["height"] >= 1 and f["seen"] and f["visibility"] == "visible"):
            unseen.append(f"{f['html'][:100]} (covered by {f['cover']}; box {f['left']:.0f},{f['top']:.0f} {f['width']:.0f}x{f['height']:.0f})")
    assert unseen == []


# ---- 2.3.3 Animation from interactions -------------------------------------------------------

DRAWER_MOTION = """() => {
    const s = getComputedStyle(document.querySelector('.md-sidebar--primary'));
    const seconds = (v) => Math.max(...v.split(',').map((x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1)));
    return {duration: seconds(s.transitionDuration), scroll: getComputedStyle(document.documentElement).scrollBehavior,
            running: document.getAnimations().filter((a) => a.playState === 'running').length};
}"""


def test_wcag_2_3_3_reduced_motion_stops_the_sliding_and_fading(sized, server_url, built_site):
    moving = sized(PHONE)
    moving.goto(server_url + "guidance/20/")
    assert moving.evaluate(DRAWER_MOTION)["duration"] >= 0.2  # else this test could not fail

    still = sized(PHONE, reduced_motion="reduce")
    still.goto(server_url + "guidance/20/")
    before = still.evaluate(DRAWER_MOTION)
    assert before["duration"] <= 0.01 and before["scroll"] != "smooth"
    still.click("[data-mappa-menu]")
    still.wait_for_timeout(50)
    assert still.evaluate(DRAWER_MOTION)["running"] == 0


# ---- The calculator form: announcements, errors while typing, option labels, engine failure --------


def _mutations_while(page, selector: str, action) -> int:
    page.evaluate("""(s) => { window.__mutations = 0;
        new MutationObserver((m) => { window.__mutations += m.length; })
            .observe(document.querySelector(s), {childList: true, subtree: true, characterData: true}); }""", selector)
    action()
    page.wait_for_timeout(1000)
    return page.evaluate("() => window.__mutations")


def test_wcag_4_1_3_an_unchanged_answer_is_not_announced_again(sized, server_url, built_site):
    page = sized(DESKTOP)
    calc_id = TWO_CALCULATORS[0]
    page.goto(training_link(server_url, calc_id, _answers(calc_id)))
    assert wait_result(page, ("ok",), timeout_ms=45_000) == "ok"
    page.wait_for_timeout(500)
    field = page.locator(".mappa-form input[type=text]:visible").first

    def type_and_undo():
        field.press("End")
        field.type("9")
        field.press("Backspace")

    assert _mutations_while(page, ".mappa-live", type_and_undo) == 0


def test_wcag_3_3_1_the_error_summary_does_not_change_while_typing(sized, server_url, built_site):
    page = sized(DESKTOP)
    calc_id = TWO_CALCULATORS[0]
    page.goto(f"{server_url}calculators/{calc_id}/")
    wait_ready(page)
    page.click("form.mappa-form button[type=submit]")
    wait_until(page, "() => !document.querySelector('.mappa-error-summary').hidden", what="the error summary")
    day = page.locator(".mappa-form input[data-part=day]:visible").first
    day.focus()
    assert _mutations_while(page, ".mappa-error-summary", lambda: page.keyboard.type("1")) == 0


def test_wcag_1_4_10_option_labels_stay_beside_their_control_at_320_css_px(sized, server_url, built_site):
    page = sized({"width": 320, "height": 640})
    under = []
    for calc_id in mappa_rules.CALCULATORS:
        page.goto(f"{server_url}calculators/{calc_id}/")
        under += page.evaluate("""() => [...document.querySelectorAll('.mappa-option')].filter((o) => o.offsetParent).flatMap((o) => {
            const i = o.querySelector('input'), l = o.querySelector('label');
            if (!i || !l) return [];
            const a = i.getBoundingClientRect(), b = l.getBoundingClientRect();
            return b.left >= a.right - 1 && b.top < a.bottom ? [] : [location.pathname + ': ' + l.textContent.trim().slice(0, 60)];
        })""")
    assert under == []


def test_wcag_3_3_1_engine_failure_is_told_in_plain_words_with_the_detail_folded(browser, server_url, built_site):
    """The status line (a live region) says what happened in plain words; the technical detail (an
    address, a browser error) is in a closed <details> after it, outside the live region."""
    with engine_failed(browser, server_url, calculator_ids()[0], viewport=DESKTOP) as page:
        shown = page.inner_text(".mappa-status")
        assert "http" not in shown and "Failed to fetch" not in shown and "import" not in shown, shown
        assert page.locator(".mappa-status details").count() == 0  # nothing technical in the live region
        detail = page.locator(".mappa-status ~ .mappa-engine-extra details")
        assert detail.count() == 1 and detail.get_attribute("open") is None
        assert "pyodide.mjs" in detail.text_content()
