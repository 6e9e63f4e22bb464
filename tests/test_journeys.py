"""The task pages ("journeys") and the handbook: what they link, and that their claims are the rules'.

Nothing on these pages may state a rule the calculators do not follow.  Every link that opens a
calculator with answers (``…/calculators/<id>/#answers={json}``) is checked against the rule
package: the answers must be answers to that calculator's questions, and where the link says what
the calculator will answer (``data-outcome="…"``), the rules must give exactly that outcome.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import mappa_rules

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TASKS = ["asked-to-house", "shared-accommodation-rate", "can-we-tell-anyone", "serious-further-offence",
         "induction", "advising-someone"]
HANDBOOK = ["mappa-in-five-minutes", "categories-and-levels", "duty-to-co-operate",
            "information-sharing-and-disclosure", "forms", "key-dates"]
ANSWERS_LINK = re.compile(r"""<a\b(?P<attrs>[^>]*?\bhref=(?P<q>["'])(?P<href>[^"']*?calculators/(?P<calc>[a-z-]+)/#answers=(?P<json>.*?))(?P=q)[^>]*)>""", re.S)
PARAGRAPH_LINK = re.compile(r"guidance/[0-9a-z]+(?:\.md|/)#para-")
CALCULATOR_LINK = re.compile(r"calculators/(?:[a-z-]+)(?:\.md|/)")


def our_pages():
    return [DOCS / "tasks" / f"{t}.md" for t in TASKS] + [DOCS / "handbook" / f"{h}.md" for h in HANDBOOK]


def answers_links():
    for f in our_pages() + [DOCS / "tasks" / "index.md", DOCS / "handbook" / "index.md"]:
        text = f.read_text(encoding="utf-8")
        for m in ANSWERS_LINK.finditer(text):
            outcome = re.search(r'data-outcome="([A-Z0-9_]+)"', m.group("attrs"))
            line = text.count("\n", 0, m.start()) + 1
            yield pytest.param(m.group("calc"), m.group("json"), outcome.group(1) if outcome else None,
                               id=f"{f.parent.name}/{f.stem}:{line}")


def test_the_home_page_links_each_task_page():
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    for t in TASKS:
        assert f"](tasks/{t}.md)" in home, t


@pytest.mark.parametrize("task", TASKS)
def test_each_task_page_links_a_calculator_and_the_paragraphs_it_rests_on(task):
    text = (DOCS / "tasks" / f"{task}.md").read_text(encoding="utf-8")
    assert CALCULATOR_LINK.search(text), task
    assert len(PARAGRAPH_LINK.findall(text)) >= 5, task
    assert "## Read in the guidance" in text


@pytest.mark.parametrize("page", HANDBOOK)
def test_each_handbook_page_links_the_guidance(page):
    text = (DOCS / "handbook" / f"{page}.md").read_text(encoding="utf-8")
    assert len(PARAGRAPH_LINK.findall(text)) >= 8, page


def test_there_are_links_that_carry_answers_and_claims_to_check():
    links = list(answers_links())
    assert len(links) >= 15
    assert sum(1 for p in links if p.values[2]) >= 10


@pytest.mark.parametrize("calc, raw, outcome", list(answers_links()))
def test_a_link_that_carries_answers_gives_what_the_page_says(calc, raw, outcome):
    assert calc in mappa_rules.CALCULATORS, calc
    answers = json.loads(unquote(raw))  # the calculator decodes the fragment the same way
    ids = {q["id"] for q in mappa_rules.questions(calc)}
    assert set(answers) <= ids, sorted(set(answers) - ids)
    result = mappa_rules.evaluate(calc, answers)
    # the answers given are valid: any error is about a question the page leaves to the reader
    wrong = [e for e in result["errors"] if e.get("field", "").split(".")[0] in answers]
    assert wrong == [], wrong
    if outcome:
        assert result["ok"] and result["outcome"] == outcome, (result.get("outcome"), result["errors"][:3])
