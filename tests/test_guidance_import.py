"""The importer of the national MAPPA Guidance: parse, paragraph index, Markdown output.

Counts and defects are those measured in the structure notes (guidance-source-structure.md).
"""

from __future__ import annotations

import json
import re

import pytest

from mappa_rules.core import DUPLICATED_NUMBERS, p
from mappa_guidance import importer as guidance


@pytest.fixture(scope="module")
def g():
    return guidance.load()


@pytest.fixture(scope="module")
def index():
    return guidance.load_index()


@pytest.fixture(scope="module")
def by_anchor(index):
    return {e["anchor"]: e for e in index["paragraphs"]}


def test_counts_match_the_measured_source(g):
    assert len(g.paragraphs()) == 913
    assert len(g.chapters) == 32
    assert len(g.standards()) == 132
    assert len(g.footnotes) == 72
    assert len(g.glossary) == 68
    assert guidance.validate(g) == []
    assert g.warnings == []


def test_chapters_in_guidance_order_without_18(g):
    ids = [c.id for c in g.chapters]
    assert ids == [str(n) for n in range(1, 13)] + ["13a", "13b"] + [str(n) for n in range(14, 18)] + [str(n) for n in range(19, 33)]
    titles = {c.id: c.title for c in g.chapters}
    assert titles["10"] == "Disclosure"  # "Chapter 10 - Disclosure " in the source
    assert titles["20"] == "MAPPA Serious Case Reviews"
    assert titles["13a"] == "Multi-Agency Public Protection Meetings"
    assert titles["2"] == "Responsible Authority and Lead Agency"


def test_paragraphs_per_chapter(g):
    counts = {c.id: sum(1 for it in c.items if it.kind == "para") for c in g.chapters}
    assert counts["1"] == 39 and counts["9"] == 14 and counts["10"] == 28 and counts["13a"] == 50
    assert counts["20"] == 34 and counts["24"] == 36 and counts["26"] == 80 and counts["28"] == 5


def test_standards_per_chapter(g):
    per = {c.id: sum(1 for it in c.items if it.kind == "standard") for c in g.chapters}
    assert per == {"1": 0, "2": 0, "3": 4, "4": 7, "5": 5, "6": 6, "7": 3, "8": 7, "9": 1, "10": 3, "11": 6,
                   "12": 8, "13a": 5, "13b": 2, "14": 2, "15": 9, "16": 7, "17": 3, "19": 1, "20": 8, "21": 4,
                   "22": 5, "23": 4, "24": 4, "25": 3, "26": 1, "27": 6, "28": 8, "29": 2, "30": 0, "31": 5, "32": 3}


def test_index_has_913_unique_anchors(index):
    anchors = [e["anchor"] for e in index["paragraphs"]]
    assert len(anchors) == 913 == len(set(anchors))
    assert index["counts"] == {"paragraphs": 913, "chapters": 32, "standards": 132, "footnotes": 72, "glossary": 68}


def test_committed_index_matches_the_source(g, index):
    assert guidance.compare_index(guidance.make_index(g), index) == []


def test_p20_3_anchor(by_anchor):
    e = by_anchor["para-20-3"]
    assert e["number"] == "20.3" and e["chapter"] == "20" and e["occurrence"] == 1
    assert e["first_words"].startswith("The SMB Chair must commission an SCR")


def test_p13a_18_lettered_chapter_anchor(by_anchor):
    assert by_anchor["para-13a-18"]["first_words"].startswith("SMBs should engage")
    assert by_anchor["para-13b-1"]["first_words"].startswith("Accurate records")


@pytest.mark.parametrize("number, first, second", [
    ("9.10", "In human rights law, the concept of proportionality", "The ICO Code of Practice covers"),
    ("9.11", "Each agency should follow its own data protection", "The exchange of information with Associate"),
    ("10.23", "Offenders do not have to be told", "As with all disclosures, the provisions"),
    ("20.28", "The SCR author should redact the approved", "There may be occasions when the case"),
    ("24.36", "Given the level of public interest in terrorism", "In the event of active press enquiries"),
])
def test_duplicated_numbers_get_a_second_anchor(by_anchor, number, first, second):
    a1, a2 = p(number, 1), p(number, 2)
    assert by_anchor[a1]["first_words"].startswith(first[:40].rsplit(" ", 1)[0])
    assert by_anchor[a2]["first_words"].startswith(second[:40].rsplit(" ", 1)[0])
    assert by_anchor[a2]["occurrence"] == 2 and a2.endswith("-2")


def test_the_duplicates_are_exactly_the_cores_list(index):
    dups = {e["number"] for e in index["paragraphs"] if e["occurrence"] > 1}
    assert dups == set(DUPLICATED_NUMBERS)
    assert max(e["occurrence"] for e in index["paragraphs"]) == 2


def test_every_anchor_is_what_core_p_gives(index):
    for e in index["paragraphs"]:
        occ = e["occurrence"] if e["number"] in DUPLICATED_NUMBERS else None
        assert p(e["number"], occ) == e["anchor"]


def test_chapter_9_restart_order(index):
    nine = [e["anchor"] for e in index["paragraphs"] if e["chapter"] == "9"]
    assert nine[8:] == ["para-9-9", "para-9-10", "para-9-11", "para-9-10-2", "para-9-11-2", "para-9-12"]


def test_gaps_and_missing_chapter_have_no_anchor(by_anchor):
    assert "para-24-19" not in by_anchor and "para-24-33" not in by_anchor
    assert "para-24-18" in by_anchor and "para-24-20" in by_anchor and "para-24-37" in by_anchor
    assert not any(a.startswith("para-18-") for a in by_anchor)


def test_malformed_numbers_are_indexed_normally(by_anchor):
    assert by_anchor["para-1-29"]["printed"] == "1.29."
    assert by_anchor["para-12-21"]["printed"] == "12:21"
    assert by_anchor["para-25-1"]["first_words"].startswith("MAPPA processes for Foreign National")


def test_numbered_lists_and_headings_are_not_paragraphs(by_anchor):
    # "1. Youth Offending Teams (YOT)" in chapter 3 and the KPIs of 31.21 must not become 1.x paragraphs
    assert len([a for a in by_anchor if a.startswith("para-1-")]) == 39


def test_standards_anchor_and_position(index):
    stds = {s["anchor"]: s for s in index["standards"]}
    assert len(stds) == 132
    assert stds["std-20-1"]["first_words"].startswith("The Strategic Management Board (SMB) Chair commissions an SCR")
    assert stds["std-20-1"]["before_paragraph"] == "para-20-3"
    assert stds["std-6-1"]["first_words"].startswith("Every MAPPA offender is identified in one of the four")
    # the last standard of chapter 21 and chapter 28's last five have no paragraph after them
    assert stds["std-21-4"]["before_paragraph"] is None
    assert [stds[f"std-28-{k}"]["before_paragraph"] for k in range(4, 9)] == [None] * 5


def test_footnotes_complete_and_cut_with_bracket_depth(g):
    assert sorted(g.footnotes) == list(range(1, 73))
    assert g.footnotes[11]  # one space after the colon
    assert "[2" in g.footnotes[63] or "[1" in g.footnotes[63]  # the nested law-report citation kept
    assert "Kemshall" in g.footnotes[22]  # definition that runs onto the next line
    assert g.footnotes[1].startswith("Wording in CJA 2003")


def test_p20_16_timetable_is_a_table(g):
    ch20 = next(c for c in g.chapters if c.id == "20")
    k = next(i for i, it in enumerate(ch20.items) if it.anchor == "para-20-16")
    table = ch20.items[k + 1]
    assert table.kind == "table"
    assert len(table.rows) == 11 and all(len(r) == 2 for r in table.rows)
    assert table.rows[0] == ["STAGE OF MAPPA SCR PROCESS", "TARGET DATE"]
    assert table.rows[1][1] == "Within 5 days of charge."
    assert table.rows[2][1].split("\n") == ["Mandatory SCRs: Within 5 days of being made aware of the charge.",
                                            "Discretionary SCRs: Within 10 days of being made aware of the charge."]


def test_glossary(g):
    assert g.glossary[0] == ("ACO", "Assistant Chief Officer (of Probation)")
    assert dict(g.glossary)["RMP"] == "Risk Management Plan / Royal Military Police"
    assert g.glossary[-1] == ("YOT", "Youth Offending Team")


def test_abbreviations_leave_out_ambiguous_ones(g):
    from mappa_guidance import glossary
    text = glossary.render_abbreviations(glossary.load(g.glossary))
    assert "*[SMB]: Strategic Management Board" in text
    assert "*[CJA 2003]: Criminal Justice Act 2003" in text
    for abbr in ("MAPPA", "RMP", "EM", "RC"):
        assert f"*[{abbr}]:" not in text


@pytest.fixture(scope="module")
def pages(g, index):
    dups = {e["number"] for e in index["paragraphs"] if e["occurrence"] > 1}
    return {c.id: guidance.render_page(c, g, dups, {"para-20-3": [("scr", "SCR")]}) for c in g.chapters}


def test_no_conversion_artefacts_in_pages(pages):
    for cid, md in pages.items():
        for bad in ("156156", "[footnoteRef", "image1.png", "image3.jpeg", "\x00", "E+W"):
            assert bad not in md, (cid, bad)
        assert not re.search(r"^\[\d+:", md, re.M), cid


def test_paragraph_block_with_self_link(pages):
    md = pages["20"]
    assert '<div class="para" id="para-20-3" markdown>' in md
    assert "[20.3](#para-20-3){ .para-num" in md
    assert '<a href="../../calculators/scr/">SCR</a>' in md


def test_duplicate_number_carries_a_note(pages):
    md = pages["10"]
    k = md.index('id="para-10-23-2"')
    assert "prints the number 10.23 twice. This is the second" in md[k:md.index("</div>", k)]
    k1 = md.index('id="para-10-23"')
    assert "prints the number 10.23 twice. This is the first" in md[k1:md.index("</div>", k1)]


def test_chapter_3_agencies_are_headings(pages):
    md = pages["3"]
    assert "\n## 1. Youth Offending Teams (YOT)\n" in md
    assert "\n## 5 NHS England\n" in md
    assert "\n### Schools and colleges\n" in md
    assert "\n## Non-DTC Agencies\n" in md


def test_kpis_are_an_ordered_list(pages):
    md = pages["31"]
    assert re.search(r"^1\. 90% of MAPPA level 3 cases", md, re.M)
    assert re.search(r"^9\. 90% attendance", md, re.M)


def test_urls_become_links_without_trailing_punctuation(pages):
    assert "[http://www.ico.org.uk](http://www.ico.org.uk)." in pages["3"]
    assert "(www.gov.uk)" in pages["15"]  # the text of a lost link stays text


def test_footnotes_keep_official_numbers(pages):
    md = pages["3"]
    assert 'id="fnref-1"' in md and "{ #fn-1 .footnote }" in md


def test_build_fails_when_the_index_changes(tmp_path, monkeypatch, index):
    changed = json.loads(json.dumps(index))
    changed["paragraphs"][0]["first_words"] = "Something else"
    changed["paragraphs"].pop()
    bad = tmp_path / "paragraph-index.json"
    bad.write_text(json.dumps(changed), encoding="utf-8")
    monkeypatch.setattr(guidance, "INDEX", bad)
    monkeypatch.setattr(guidance, "OUT", tmp_path / "guidance")
    with pytest.raises(SystemExit) as exc:
        guidance.build(update_index=False)
    msg = str(exc.value)
    assert "para-1-1: first_words changed" in msg and "new anchor para-32-8" in msg and "--update-index" in msg
    assert not (tmp_path / "guidance").exists()
    # --update-index rewrites it deliberately
    guidance.main(["--update-index"])
    assert guidance.compare_index(guidance.load_index(bad), index) == []
    assert (tmp_path / "guidance" / "20.md").exists()


def test_items_keep_the_source_line_numbers(g):
    lines = {it.anchor: it.line for ch in g.chapters for it in ch.items if it.anchor}
    assert lines["para-20-3"] == 1706 and lines["para-10-23-2"] == 978 and lines["para-24-37"] > 2084
    assert lines["para-32-8"] == 2614


def test_cross_references_link_the_right_use_of_a_duplicated_number(pages):
    assert "(see paragraph [20.28](#para-20-28-2))" in pages["20"]  # 20.18: discontinuing an SCR
    assert "see paragraphs [10.23](#para-10-23-2)-[10.26](#para-10-26)" in pages["10"]
    assert "[10.20](#para-10-20)-[10.23](#para-10-23) above" in pages["10"]
    assert "Chapter [11.14](11.md#para-11-14)" in pages["13a"]


def test_governance_code_numbers_are_not_paragraph_links(pages):
    assert "[3.1](3.md#para-3-1)" not in pages["5"]
    assert "of the Code" in pages["5"]


def test_oddly_printed_numbers_carry_a_note(pages):
    assert "The official guidance prints this number as \u201c12:21\u201d." in pages["12"]
    assert "The official guidance prints this number as \u201c1.29.\u201d." in pages["1"]
