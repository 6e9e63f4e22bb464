"""The answer renderer (mappa_answers): outcome JSON in, HTML out.

In the manner of pymdown-extensions' tests: a class per kind of content, each test a docstring, the
outcome as data and the HTML fragments it must give.  Real results of every YAML scenario are
rendered too, and synthetic outcomes hold what the rule modules do not emit yet (actions, links,
record statuses, hostile text).
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import pytest

import mappa_answers
import mappa_rules
from mappa_answers import live_summary, render_answer, render_record
from mappa_answers.markup import answers_fragment, el, escape, plain
from scenario_data import load_scenarios

TODAY = dt.date(2026, 5, 10)


def outcome(**parts: Any) -> dict[str, Any]:
    """An ok result with nothing in it but ``parts``."""
    base: dict[str, Any] = {"ok": True, "calculator": "toy", "errors": [], "not_needed": [], "outcome": "TOY_CODE",
                            "answer": "The plain answer.", "reasons": [], "flags": [], "warnings": [], "deciders": [],
                            "dates": [], "caveats": [], "items": [], "actions": [], "links": []}
    base.update(parts)
    return base


BLOCKS = {"p", "li", "ul", "ol", "h2", "h3", "section", "details", "summary", "dl", "dt", "dd", "div"}


def text_of(html: str) -> str:
    """The text a person sees (tags dropped, entities read, a space between blocks)."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.out: list[str] = []

        def handle_data(self, data: str) -> None:
            self.out.append(data)

        def handle_starttag(self, tag: str, attrs) -> None:
            self.handle_endtag(tag)

        def handle_endtag(self, tag: str) -> None:
            if tag in BLOCKS:
                self.out.append(" ")

    t = Text()
    t.feed(html)
    return " ".join("".join(t.out).split())


class Balanced(HTMLParser):
    """Checks that every element that is opened is closed, in order."""

    VOID = {"br", "hr", "input", "img", "meta", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_balanced(html: str) -> None:
    b = Balanced()
    b.feed(html)
    assert b.problems == [] and b.stack == [], (b.problems, b.stack)


# ---------------------------------------------------------------------------------------------


class TestTheOneEscape:
    def test_text_is_escaped_and_markup_is_kept(self):
        """Text children are escaped; what ``el`` made is not escaped twice."""
        assert el("p", {"class": 'a"b'}, "1 < 2 & 3", el("em", None, "x")) == \
            '<p class="a&quot;b">1 &lt; 2 &amp; 3<em>x</em></p>'

    def test_iso_dates_in_text_are_written_out(self):
        """Every real ISO date in a text reads as people write dates; a non-date is left alone."""
        assert plain("ends on 2029-04-30, not 2029-02-30") == "ends on 30 April 2029, not 2029-02-30"
        assert escape("due 2028-05-10 <now>") == "due 10 May 2028 &lt;now&gt;"

    def test_training_fragment_is_encoded_as_encodeURIComponent_does(self):
        """The fragment of a link to another calculator is what the page itself would make."""
        assert answers_fragment({"a": "x y/ü", "b": ["1"]}) == "#answers=%7B%22a%22%3A%22x%20y%2F%C3%BC%22%2C%22b%22%3A%5B%221%22%5D%7D"


class TestHostileText:
    HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

    def result(self) -> dict[str, Any]:
        h = self.HOSTILE
        return outcome(
            answer=h, reasons=[{"text": h, "paras": ["para-20-3", "javascript:alert(1)"], "external": [h, "javascript:alert(1)"]}],
            flags=[{"text": h, "paras": [], "code": h, "readings": [h]}], warnings=[{"text": h, "paras": [], "local": h}],
            deciders=[{"who": h, "decides": h, "factors": [h], "paras": []}],
            dates=[{"id": h, "label": h, "date": "2028-05-10", "rule": h, "paras": [], "who": h, "reading": h},
                   {"id": "x", "label": h, "date": None, "rule": h, "paras": [], "who": "", "reading": ""}],
            caveats=[{"text": h, "paras": []}], items=[{"text": h, "strength": "must", "note": h, "who": h}],
            actions=[{"text": h, "who": h, "by": "2028-05-10", "by_text": h, "strength": h, "paras": []}],
            links=[{"calculator": 'scr"><script>', "text": h, "answers": {"q": h}}])

    def test_no_hostile_markup_survives_anywhere(self):
        """Every text the outcome carries is escaped: no element or attribute comes from the data."""
        html = render_answer(self.result(), TODAY)
        assert "<script" not in html and "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
        assert html.count("&lt;script&gt;") >= 10
        assert 'href="javascript:' not in html
        assert_balanced(html)

    def test_the_record_escapes_too(self):
        """The print record escapes the same texts."""
        html = render_record("category", {"x": self.HOSTILE}, self.result(), "2026-05-10T09:30")
        assert "<script" not in html and "<img" not in html
        assert_balanced(html)


class TestOrder:
    def full(self) -> dict[str, Any]:
        return outcome(
            actions=[{"text": "Send the MAPPA P to the DWP", "who": "lead agency", "by": "2026-05-20", "by_text": "",
                      "strength": "must", "paras": ["para-21-16"]}],
            links=[{"calculator": "shared-accommodation", "text": "Check the shared accommodation rate", "answers": {"level": "2"}}],
            warnings=[{"text": "Take this seriously.", "paras": []}],
            dates=[{"id": "d", "label": "Deadline", "date": "2026-05-20", "rule": "10 days", "paras": [], "who": "", "reading": ""}],
            items=[{"id": "x", "group": "G", "text": "Co-operate", "strength": "must", "paras": ["para-3-2"]}],
            reasons=[{"text": "Because.", "paras": ["para-20-3"]}],
            deciders=[{"who": "SMB Chair", "decides": "whether to commission a review", "factors": [], "paras": []}],
            flags=[{"text": "Unclear.", "paras": [], "code": "F", "readings": []}],
            caveats=[{"text": "Check the Act.", "paras": []}])

    def test_every_part_in_its_place(self):
        """Answer; what to do now; take care; duties (what to do too); dates; why; who decides; the folded parts."""
        html = render_answer(self.full(), TODAY)
        marks = ["mappa-answer", "What to do now", "Take care", "You must (1)", "<h3>Dates</h3>", "<h3>Why</h3>",
                 "Who decides", "Where the guidance is unclear (1)", "Check outside the guidance (1)"]
        where = [html.index(m) for m in marks]
        assert where == sorted(where), dict(zip(marks, where))

    def test_a_record_checklist_comes_after_the_dates(self):
        """A record's lines (missing / in the record) are not duties: they follow the dates."""
        full = self.full()
        full["items"] = [{"id": "x", "text": "The decision is dated", "status": "missing", "paras": ["para-7-26"]}]
        html = render_answer(full, TODAY)
        assert html.index("<h3>Dates</h3>") < html.index("The decision is dated")

    def test_the_outcome_code_is_not_shown(self):
        """The code is for the JSON and the record, not for the screen."""
        assert "TOY_CODE" not in render_answer(self.full(), TODAY)

    def test_empty_parts_are_left_out(self):
        """An outcome with only an answer gives only the answer."""
        assert render_answer(outcome(), TODAY) == '<p class="mappa-answer"><strong>The plain answer.</strong></p>'

    def test_a_result_that_is_not_ok_gives_nothing(self):
        """The form shows field errors itself."""
        assert render_answer({"ok": False, "errors": [{"field": "a", "message": "b"}]}) == ""


class TestWhatToDoNow:
    def test_an_action_says_who_and_by_when(self):
        """Who does it, by when (passed or not), and its paragraphs."""
        html = render_answer(outcome(actions=[
            {"text": "send the MAPPA P", "who": "lead agency", "by": "2026-05-01", "by_text": "", "strength": "must",
             "paras": ["para-21-16"]}]), TODAY)
        assert ('<ol class="mappa-todo-list"><li><p class="mappa-todo-text">Send the MAPPA P.</p>'
                '<p class="mappa-todo-meta"><span class="mappa-who"><span class="mappa-key">Who: </span>Lead agency</span> '
                '<span class="mappa-by"><span class="mappa-key">By: </span>1 May 2026 (passed)</span></p>'
                '<p class="mappa-todo-paras"><span class="mappa-paras-inline">Guidance paragraph '
                '<a class="mappa-para" href="../../guidance/21/#para-21-16">21.16</a></span></p></li></ol>') in html

    def test_a_deadline_in_words_and_a_should(self):
        """``by_text`` when there is no date; a "should" says it is recommended."""
        html = render_answer(outcome(actions=[{"text": "Tell the chair.", "who": "", "by": None,
                                               "by_text": "before the next meeting", "strength": "should", "paras": []}]), TODAY)
        assert "Tell the chair (recommended)." in text_of(html)
        assert "By: before the next meeting" in text_of(html)

    def test_a_link_carries_the_answers_over(self):
        """The next calculator, with the answers that apply in its training-link fragment."""
        html = render_answer(outcome(links=[{"calculator": "shared-accommodation", "text": "Check the rate",
                                             "answers": {"mappa_level": "2"}}]), TODAY)
        assert ('<a class="mappa-next-link" href="../../calculators/shared-accommodation/'
                '#answers=%7B%22mappa_level%22%3A%222%22%7D">Check the rate</a>') in html
        assert "What to do now" in html

    def test_without_actions_or_links_the_part_is_absent(self):
        """Nothing is made up from the prose."""
        assert "What to do now" not in render_answer(outcome(reasons=[{"text": "You must send it.", "paras": []}]), TODAY)


class TestDates:
    def test_dates_are_long_and_passed_ones_marked(self):
        """``10 May 2028``; before today ``(passed)``; today ``(today)``."""
        dates = [{"id": "a", "label": "A", "date": "2026-05-09", "rule": "r", "paras": [], "who": "", "reading": ""},
                 {"id": "b", "label": "B", "date": "2026-05-10", "rule": "r", "paras": [], "who": "", "reading": ""},
                 {"id": "c", "label": "C", "date": "2028-05-10", "rule": "r", "paras": [], "who": "", "reading": ""}]
        text = text_of(render_answer(outcome(dates=dates), TODAY))
        assert "A: 9 May 2026 (passed)" in text
        assert "B: 10 May 2026 (today)" in text
        assert "C: 10 May 2028 R." in text and "2028-05-10" not in text

    def test_without_today_nothing_is_marked(self):
        """A worked example made at build time need not say what has passed."""
        dates = [{"id": "a", "label": "A", "date": "2020-01-01", "rule": "r", "paras": [], "who": "", "reading": ""}]
        assert "(passed)" not in render_answer(outcome(dates=dates))

    def test_dates_not_known_yet_are_folded_with_a_count(self):
        """A date that cannot be worked out yet goes in a closed ``<details>``."""
        dates = [{"id": "a", "label": "Notify the co-ordinator", "date": None, "rule": "Runs from the charge.",
                  "paras": ["para-20-16"], "who": "the lead agency", "reading": ""}]
        html = render_answer(outcome(dates=dates), TODAY)
        assert '<details class="mappa-fold mappa-later-part"><summary>Dates that cannot be worked out yet (1)</summary>' in html
        assert "<h3>Dates</h3>" not in html
        assert "Who: The lead agency." in text_of(html)


class TestChecklists:
    def test_duties_are_grouped_by_strength_without_internal_keys(self):
        """"You must" / "You should" / "You may", with counts; ``id``, ``group`` never shown; local
        practice named in words."""
        items = [{"id": "coop", "group": "Every agency", "strength": "must", "text": "Co-operate", "paras": ["para-3-2"]},
                 {"id": "spoc", "group": "Every agency", "strength": "should", "text": "Name a contact", "paras": []},
                 {"id": "sup", "group": "Housing", "strength": "may", "text": "Offer support", "paras": [], "local": "000"},
                 {"id": "m2", "group": "Housing", "strength": "must", "text": "Keep it secure.", "paras": []}]
        html = render_answer(outcome(items=items), TODAY)
        assert [h for h in re.findall(r"<h3>(.*?)</h3>", html)] == ["You must (2)", "You should (1)", "You may (1)"]
        text = text_of(html)
        for internal in ("coop", "spoc", "Every agency", "Housing", "000", "strength", "group"):
            assert internal not in text
        assert "Co-operate. Guidance paragraph 3.2" in text
        assert "Source: a housing association's MAPPA lettings policy (a local document, not the national guidance)." in text

    def test_a_notice_that_names_its_local_document_is_not_labelled_again(self):
        """A local-document notice already says which document it is."""
        html = render_answer(outcome(warnings=[{"text": "A housing association's MAPPA lettings policy says X. "
                                                "The national guidance says Y.", "paras": [], "local": "000"}]), TODAY)
        assert "Source:" not in html and "000" not in text_of(html)

    def test_lines_that_say_who_do_not_address_the_reader(self):
        """When each line names who does it, the groups are "Must be done", and so on."""
        items = [{"text": "Send the MAPPA P", "who": "Lead agency", "strength": "should", "paras": []}]
        html = render_answer(outcome(items=items), TODAY)
        assert "<h3>Should be done (1)</h3>" in html and "Who: Lead agency." in text_of(html)

    def test_a_record_checklist_is_grouped_by_status(self):
        """Missing first, then in the record, then not applicable; a "should" says recommended."""
        items = [{"id": "a", "group": "G", "text": "Decision recorded", "strength": "must", "status": "met", "paras": []},
                 {"id": "b", "group": "G", "text": "Purpose recorded", "strength": "must", "status": "missing", "paras": [],
                  "note": "To be written once the decision is made."},
                 {"id": "c", "group": "G", "text": "Agreed by all", "strength": "should", "status": "not_applicable", "paras": []}]
        html = render_answer(outcome(items=items), TODAY)
        assert re.findall(r"<h3>(.*?)</h3>", html) == ["Missing from the record (1)", "In the record (1)",
                                                       "Does not apply to this case (1)"]
        assert "Agreed by all (recommended)." in text_of(html)
        assert '<span class="mappa-note">To be written once the decision is made.</span>' in html

    def test_other_points_keep_their_text_only(self):
        """Lines with only a ``kind`` are points to note; the kind is not shown."""
        items = [{"kind": "kpi", "text": "KPI 2: 90% of Level 2 cases reviewed.", "paras": ["para-31-21"]}]
        html = render_answer(outcome(items=items), TODAY)
        assert "<h3>What follows from this</h3>" in html and "kpi" not in html


class TestWhyAndWhoDecides:
    def test_reasons_link_to_their_paragraphs(self):
        """Each paragraph number is a link to its place in the guidance pages."""
        html = render_answer(outcome(reasons=[{"text": "Both conditions are met.", "paras": ["para-20-3", "para-10-23-2"]}]), TODAY)
        assert ('<li><span class="mappa-text">Both conditions are met.</span> <span class="mappa-paras-inline">Guidance '
                'paragraphs <a class="mappa-para" href="../../guidance/20/#para-20-3">20.3</a>, <a class="mappa-para" '
                'href="../../guidance/10/#para-10-23-2">10.23 (second use of this number)</a></span></li>') in html

    def test_the_site_root_can_change(self):
        """A worked example on another page links from where it is."""
        html = render_answer(outcome(reasons=[{"text": "x", "paras": ["para-20-3"]}]), site_root="../../../")
        assert 'href="../../../guidance/20/#para-20-3"' in html

    def test_acts_outside_the_guidance_are_named_and_web_pages_linked(self):
        """A web address is a link named by its site; an Act is named in words."""
        html = render_answer(outcome(reasons=[{"text": "x", "paras": [], "external": [
            "https://www.legislation.gov.uk/ukpga/2003/44/schedule/15", "Housing Act 1996 Part 7"]}]), TODAY)
        assert ('Outside the guidance: <a class="mappa-external-link" href="https://www.legislation.gov.uk/ukpga/2003/44/'
                'schedule/15">legislation.gov.uk</a>; Housing Act 1996 Part 7.') in html

    def test_who_decides_and_on_what(self):
        """The body, what it decides, its factors."""
        html = render_answer(outcome(deciders=[{"who": "SMB Chair", "decides": "whether to commission a review",
                                                "factors": ["the public interest"], "paras": []}]), TODAY)
        assert "SMB Chair decides whether to commission a review. On these factors: the public interest" in text_of(html)

    def test_unclear_points_are_folded_with_every_reading(self):
        """Where the guidance contradicts itself, both readings are shown, folded."""
        html = render_answer(outcome(flags=[{"text": "1.25 and 20.3 differ.", "paras": [], "code": "X",
                                             "readings": ["20.3: must.", "1.25: must consider."]}]), TODAY)
        assert '<summary>Where the guidance is unclear (1)</summary>' in html
        assert '<ol class="mappa-readings"><li>20.3: must.</li><li>1.25: must consider.</li></ol>' in html


class TestLiveSummary:
    def test_a_short_sentence_with_counts(self):
        """What a screen reader hears: the first sentence of the answer and what there is to see."""
        r = outcome(answer="Category 2 (violent offender): the person is a MAPPA offender. More here.",
                    dates=[{"date": "2026-01-01"}, {"date": None}], flags=[{}, {}], actions=[{}])
        assert live_summary(r) == ("Answer updated: Category 2 (violent offender): the person is a MAPPA offender. "
                                   "1 thing to do now, 1 date, 2 points where the guidance is unclear.")
        assert live_summary(outcome()) == "Answer updated: The plain answer."


class TestRecord:
    def test_the_record_has_everything_to_keep(self):
        """Answers that count, the outcome with its code, statuses, paragraph numbers, edition, date
        and time, not legal advice, and blank lines for the case reference and who completed it."""
        answers: dict[str, Any] = {}
        result = outcome(
            outcome="RECORD_INCOMPLETE", answer="Two things are missing.",
            items=[{"id": "a", "text": "Purpose recorded", "strength": "must", "status": "missing", "paras": ["para-10-4"]}],
            actions=[{"text": "Record the purpose", "who": "", "by": "2026-05-01", "by_text": "", "strength": "must", "paras": []}],
            reasons=[{"text": "The guidance asks for it.", "paras": ["para-10-8"]}])
        text = text_of(render_record("disclosure", answers, result, "2026-05-10T14:05"))
        assert "Decision record:" in text and "on 10 May 2026 at 14:05" in text
        assert mappa_rules.GUIDANCE_EDITION in text and "not legal advice" in text
        assert "Case reference:" in text and "Completed by:" in text
        assert "(outcome code RECORD_INCOMPLETE)" in text
        assert "Missing from the record: Purpose recorded (guidance 10.4)" in text
        assert "Record the purpose By: 1 May 2026 (passed)." in text
        assert "The guidance asks for it. (guidance 10.8)" in text

    @pytest.mark.parametrize("calc", list(mappa_rules.CALCULATORS))
    def test_only_answers_that_count_are_listed(self, calc):
        """Every question answered: the record lists those the calculator uses, not those an
        earlier answer hides."""
        from mappa_rules.core import validate
        from test_browser_parity import generated

        answers = generated(mappa_rules.questions(calc), 0)
        clean, _ = validate(mappa_rules.CALCULATORS[calc], answers)
        listed = re.findall(r"<dt>(.*?)</dt>", render_record(calc, answers, None, None))
        texts = {q.id: str(escape(q.text)) for q in mappa_rules.CALCULATORS[calc].questions}
        assert [t for t in listed if t in texts.values()] == [texts[q] for q in texts if q in clean]
        assert "No answer yet" in text_of(render_record(calc, answers, None, None))


# --- every real result --------------------------------------------------------------------------

SCENARIOS = [(c, s) for c, s in load_scenarios() if "errors" not in s["expect"]]
INTERNAL = re.compile(r"\b(id|group|strength|kind|local|status|code):")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize("calc,scenario", SCENARIOS, ids=[f"{c}:{s['id']}" for c, s in SCENARIOS])
def test_every_scenario_renders_as_plain_words(calc, scenario):
    """No internal key, no ISO date, no outcome code on screen; what to do now before why; well formed."""
    out = mappa_answers.evaluate_and_render(calc, scenario["answers"], "2026-05-10T10:00")
    assert out["result"] == mappa_rules.evaluate(calc, scenario["answers"])
    html = out["html"]
    assert_balanced(html)
    text = text_of(html)
    assert not INTERNAL.search(text), INTERNAL.search(text).group(0)
    assert not ISO.search(text), ISO.search(text).group(0)
    assert out["result"]["outcome"] not in text.split()
    if "What to do now" in text and "Why" in text:
        assert text.index("What to do now") < text.index("Why")
    assert_balanced(out["record"])
    assert out["result"]["outcome"] in out["record"]


def test_the_json_entry_point_never_raises():
    """Bad JSON and an unknown calculator give a result with errors, as evaluate_json does."""
    import json

    bad = json.loads(mappa_answers.evaluate_and_render_json("scr", "{not json", "2026-05-10T10:00"))
    assert bad["result"]["ok"] is False and bad["html"] == ""
    unknown = json.loads(mappa_answers.evaluate_and_render_json("nope", "{}", "2026-05-10T10:00"))
    assert unknown["result"] == mappa_rules.evaluate("nope", {}) and unknown["record"] == ""


# ---------------------------------------------------------------------------
# The two standard-library functions the renderer writes out itself (markup.py says why)
# ---------------------------------------------------------------------------

from hypothesis import given, strategies as st  # noqa: E402


@given(st.text())
def test_html_escape_is_the_standard_librarys(text):
    import html

    from mappa_answers.markup import html_escape
    assert html_escape(text) == html.escape(text, quote=True)


@given(st.text())
def test_uri_component_is_the_standard_librarys_quote(text):
    from urllib.parse import quote

    from mappa_answers.markup import uri_component
    assert uri_component(text) == quote(text, safe="-_.!~*'()")


def test_the_renderer_imports_neither_html_nor_urllib():
    """What the two functions are for: loading the renderer (and the rules) imports neither module.
    Checked in a bare interpreter (-S: no site-packages, whose start-up imports urllib itself)."""
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    code = (f"import sys; sys.path[:0] = [{str(root / 'rules')!r}, {str(root / 'calculators')!r}]; "
            "import mappa_answers, mappa_rules; [mappa_rules.load(c) for c in mappa_rules.list_calculators()]; "
            "print(sorted(m for m in ('html', 'html.entities', 'urllib.parse', 'ipaddress') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------------------
# Abbreviations: each one in an answer says what it means, as on the pages
# ---------------------------------------------------------------------------

from mappa_answers import Abbreviations  # noqa: E402

GLOSSARY = Abbreviations([("SMB", "Strategic Management Board"), ("MAPPA P", "The MAPPA P form"), ("DfE", "Department for Education"),
                          ("amp", "a term that is also the name of a character reference")])
SMB = '<abbr title="Strategic Management Board">SMB</abbr>'


class TestAbbreviations:
    def test_a_term_is_marked_with_its_meaning_the_longest_first(self):
        assert GLOSSARY.mark_text("The SMB sends the MAPPA P.") == (
            f'The {SMB} sends the <abbr title="The MAPPA P form">MAPPA P</abbr>.')

    def test_only_a_word_of_its_own_and_never_inside_a_character_reference(self):
        """Not in SMBs, non-SMB or xDfE; "&amp;" is not the word amp; the SMB's is the SMB."""
        assert GLOSSARY.mark_text("SMBs, non-SMB, xDfE & the SMB's amp") == (
            f'SMBs, non-SMB, xDfE &amp; the {SMB}&#x27;s <abbr title="a term that is also the name of a character '
            'reference">amp</abbr>')

    def test_never_inside_a_link_a_button_a_summary_or_an_abbreviation(self):
        """A link, a button or a fold's summary does something when pressed: no second control inside."""
        html = el("div", {}, el("a", {"href": "#x"}, "SMB ", el("span", {}, "SMB")),
                  el("details", {}, el("summary", {}, "SMB"), el("p", {}, "SMB")),
                  el("abbr", {"title": "t"}, "SMB"), el("button", {"type": "button"}, "SMB"), el("br"), "SMB")
        marked = GLOSSARY.mark(html)
        assert marked.count("<abbr title=\"Strategic") == 2
        assert f"<p>{SMB}</p>" in marked and marked.endswith(f"<br>{SMB}</div>")
        assert_balanced(marked)

    def test_the_meaning_is_escaped_in_its_attribute(self):
        hostile = Abbreviations([("SMB", '"><script>alert(1)</script>')])
        assert hostile.mark_text("SMB") == '<abbr title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">SMB</abbr>'

    def test_an_empty_glossary_marks_nothing(self):
        assert Abbreviations([]).mark_text("SMB & co") == "SMB &amp; co"

    def test_an_answer_is_marked_only_when_given_the_glossary(self):
        """The answer, its reasons, its dates: marked; the paragraph links: not; the words read: the same."""
        result = outcome(answer="The SMB decides.", reasons=[{"text": "The SMB chair.", "paras": ["para-20-3"]}])
        plain_html = render_answer(result, TODAY)
        marked = render_answer(result, TODAY, abbreviations=GLOSSARY)
        assert "<abbr" not in plain_html and marked.count(SMB) == 2
        assert '<a class="mappa-para" href="../../guidance/20/#para-20-3">20.3</a>' in marked
        assert text_of(marked) == text_of(plain_html)
        assert_balanced(marked)

    def test_the_entry_points_pass_the_glossary_on_and_the_record_stays_plain(self):
        import json

        scenario = next(s for c, s in SCENARIOS if c == "scr" and s["id"] == "p20_3_last_level2_day_is_first_day_of_window_mandatory")
        out = json.loads(mappa_answers.evaluate_and_render_json("scr", json.dumps(scenario["answers"]), "2026-05-10T10:00",
                                                                abbreviations=GLOSSARY))
        assert SMB in out["html"] and "<abbr" not in out["record"]
        assert "<abbr" not in mappa_answers.evaluate_and_render("scr", scenario["answers"], "2026-05-10T10:00")["html"]

    def test_a_source_checkout_ships_no_glossary_beside_the_renderer(self):
        """The build puts abbreviations.json into the rule archive only (test_delivery checks it)."""
        assert mappa_answers.shipped_abbreviations() is None


@given(st.lists(st.sampled_from(["SMB", "MAPPA P", "MAPPA", "DfE", "amp", " ", "&", "-", "s", "<", ">", "'", "x", "é", "."]))
       .map("".join))
def test_marking_never_changes_what_is_read(text):
    """Whatever the text, marked or not, a person reads the same words, and the markup is well formed."""
    html = el("p", {}, text, el("a", {"href": "#"}, text), el("summary", {}, text), text)
    marked = GLOSSARY.mark(html)
    assert text_of(marked) == text_of(html)
    assert_balanced(marked)
    assert GLOSSARY.mark(el("a", {"href": "#"}, text)) == el("a", {"href": "#"}, text)
