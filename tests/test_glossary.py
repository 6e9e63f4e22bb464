"""The site's glossary (mappa_guidance.glossary): the guidance's glossary merged with ours.

Every entry has a plain-English line; ours have an expansion, the guidance's keep theirs; every
"see" reference is a paragraph of the index; the build fails, naming the entry, otherwise.
"""

from __future__ import annotations

import pytest

from mappa_guidance import glossary
from mappa_guidance.paragraphs import load_index

THEIRS = [("SCR", "Serious Case Review"), ("SMB", "Strategic Management Board")]


def merged(ours: dict):
    entries, problems = glossary.merge(THEIRS, ours)
    return entries, problems + glossary.check_references(entries, load_index())


def good() -> dict:
    return {
        "SCR": {"plain": "A review.", "see": ["chapter 20", "20.3"]},
        "SMB": {"plain": "The board."},
        "CPS": {"expansion": "Crown Prosecution Service", "plain": "The prosecutors.", "see": ["20.8"]},
        "lead agency": {"kind": "term", "plain": "The agency in charge.", "see": ["2.3"]},
    }


def test_a_complete_glossary_merges_without_problems():
    entries, problems = merged(good())
    assert problems == []
    by = {e.term: e for e in entries}
    assert [e.term for e in entries] == ["CPS", "lead agency", "SCR", "SMB"]  # A to Z, case ignored
    assert by["SCR"].expansion == "Serious Case Review" and by["SCR"].source == glossary.GUIDANCE
    assert by["CPS"].source == glossary.OUR_ENTRY
    assert by["SCR"].anchors() == ["20.md", "20.md#para-20-3"]
    assert not by["lead agency"].tooltip and by["CPS"].tooltip


@pytest.mark.parametrize("change, expected", [
    ({"SMB": None}, "SMB: in the guidance's glossary but has no entry"),
    ({"SMB": {"plain": ""}}, "SMB: no plain-English line"),
    ({"SMB": {"plain": "x", "expansion": "Something else"}}, "SMB: the guidance's glossary gives its expansion"),
    ({"CPS": {"plain": "x"}}, "CPS: not in the guidance's glossary, so it needs an expansion"),
    ({"CPS": {"expansion": "x", "plain": "x", "see": ["24.19"]}}, "CPS: see 24.19: not a paragraph"),
    ({"CPS": {"expansion": "x", "plain": "x", "see": ["chapter 18"]}}, "CPS: see chapter 18: not a paragraph"),
    ({"CPS": {"expansion": "x", "plain": "x", "see": ["10.23"]}}, 'the guidance uses 10.23 twice: write "10.23 (1)"'),
    ({"CPS": {"expansion": "x", "plain": "x", "see": ["para 20.3"]}}, "not a paragraph number or 'chapter N'"),
    ({"CPS": {"expansion": "x", "plain": "x", "colour": "red"}}, "CPS: unknown field(s) ['colour']"),
    ({"CPS": {"expansion": "x", "plain": "x", "aliases": ["SMB"]}}, "SMB: both"),
])
def test_an_incomplete_entry_is_named(change, expected):
    ours = good()
    for k, v in change.items():
        if v is None:
            del ours[k]
        else:
            ours[k] = v
    _, problems = merged(ours)
    assert any(expected in p for p in problems), problems


def test_the_second_use_of_a_number_is_its_own_anchor():
    assert glossary.see_target("10.23 (2)") == "10.md#para-10-23-2"
    assert glossary.see_target("10.23 (1)") == "10.md#para-10-23"
    assert glossary.see_label("10.23 (2)") == "10.23 (second use)"


def test_the_real_glossary_loads_and_covers_the_guidance():
    entries = glossary.load()
    theirs = [e for e in entries if e.source == glossary.GUIDANCE]
    assert len(theirs) == 68
    assert all(e.plain for e in entries)
    assert all(e.expansion for e in entries if e.kind != "term" and e.term not in ("EQUiP", "MPPG"))
    terms = {e.term: e for e in entries}
    # a term's home is where a search for it lands
    assert terms["MAPPA P"].see[:2] == ("21.16", "14.24")
    assert terms["SCR"].see[0] == "chapter 20"
    assert terms["shared accommodation rate"].see[0] == "21.15"
    assert "shared accommodation" in terms["shared accommodation rate"].aliases
    # letters that mean different things in the text get no tooltip rather than a wrong one
    assert {"RMP", "EM", "RC", "MAPPA"} <= {e.term for e in entries if not e.tooltip}


def test_abbreviations_file_and_data(tmp_path):
    entries = glossary.load()
    text = glossary.render_abbreviations(entries)
    assert "*[CPS]: Crown Prosecution Service" in text and "*[RMP]:" not in text
    assert "*[lead agency]" not in text
    data = glossary.to_data(entries)
    e = next(x for x in data["entries"] if x["term"] == "MAPPA P")
    assert e["href"] == "guidance/glossary/#glossary-mappa-p"
    assert e["see"][0] == {"label": "21.16", "href": "guidance/21/#para-21-16"}
