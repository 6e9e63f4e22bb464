"""Build-time check of the paragraphs the rule modules cite (mappa_guidance.citations)."""

from __future__ import annotations

import textwrap

import pytest

from mappa_guidance import citations
from mappa_guidance.paragraphs import index_anchors

IDS = ["category", "level", "status-end", "key-dates", "scr", "shared-accommodation", "mappa-j", "disclosure",
       "dtc-duties"]


def write(tmp_path, name, body):
    f = tmp_path / name
    f.write_text(textwrap.dedent(body), encoding="utf-8")
    return f


def test_the_rule_modules_cite_only_paragraphs_of_the_guidance():
    assert citations.problems() == []


def test_valid_citations_pass_and_give_back_links(tmp_path):
    write(tmp_path, "scr.py", """
        from .core import p, ps
        PARAS = (p("20.3"), p("20.28", 2), *ps("20.4", "20.5"))
        X = "para-20-16"
    """)
    write(tmp_path, "shared_accommodation.py", 'from .core import p\nA = p("21.15")\nB = p("20.3")\n')
    write(tmp_path, "helpers.py", 'from .core import p\nC = p("6.8")\n')
    citations.check(tmp_path)
    assert citations.cited_by(tmp_path, IDS) == {
        "para-20-16": ["scr"], "para-20-28-2": ["scr"], "para-20-3": ["scr", "shared-accommodation"],
        "para-20-4": ["scr"], "para-20-5": ["scr"], "para-21-15": ["shared-accommodation"],
    }


@pytest.mark.parametrize("source, expected", [
    ('p("24.19")', 'p(\'24.19\') -> para-24-19: not a paragraph'),  # a gap in the numbering
    ('p("18.1")', "para-18-1"),  # there is no chapter 18
    ('ps("6.8", "6.99")', "para-6-99"),
    ('p("10.23")', "appears twice in the guidance: say which occurrence"),
    ('p("20.3", 2)', "appears only once"),
    ('"para-24-33"', "'para-24-33'"),
    ('p("twenty")', "not a paragraph number"),
])
def test_an_unknown_citation_fails_the_build(tmp_path, source, expected):
    write(tmp_path, "level.py", f"from .core import p, ps\n\n\nX = {source}\n")
    with pytest.raises(SystemExit) as exc:
        citations.check(tmp_path)
    msg = str(exc.value)
    assert "level.py:4" in msg and expected in msg


def test_every_bad_citation_is_named(tmp_path):
    write(tmp_path, "category.py", 'from .core import p\nA = p("6.8")\nB = p("24.19")\nC = p("24.33")\n')
    problems = citations.problems(tmp_path, index_anchors())
    assert len(problems) == 2 and "category.py:3" in problems[0] and "category.py:4" in problems[1]


def test_non_literal_calls_are_noted_not_guessed(tmp_path):
    write(tmp_path, "scr.py", 'from .core import p\nn = "20.3"\nA = p(n)\n')
    cites, notes = citations.collect(tmp_path)
    assert cites == [] and "scr.py:3" in notes[0]


def test_module_to_calculator_id(tmp_path):
    assert citations.module_calculator(tmp_path / "status_end.py", IDS) == "status-end"
    assert citations.module_calculator(tmp_path / "dates.py", IDS) is None


# ---------------------------------------------------------------------------
# Our pages: every paragraph link resolves (docs/, generated pages left out)
# ---------------------------------------------------------------------------

def docs_page(docs, rel, body):
    f = docs / rel
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(textwrap.dedent(body), encoding="utf-8")
    return f


def test_our_pages_link_only_paragraphs_of_the_guidance():
    assert citations.page_problems() == []
    # the handbook and the task pages are among the pages checked
    checked = {f.relative_to(citations.DOCS).parts[0] for f in citations.our_pages()}
    assert {"handbook", "tasks", "about", "index.md"} <= checked


def test_paragraph_links_of_our_pages_that_resolve_pass(tmp_path):
    docs_page(tmp_path, "handbook/a.md", """
        # A
        The SMB Chair must commission a review ([20.3](../guidance/20.md#para-20-3)); see also
        [10.23, second use](../guidance/10/#para-10-23-2), <a href="../../guidance/13a/#para-13a-18">13a.18</a>,
        [the standard](../guidance/3.md#std-3-1) and [chapter 21](../guidance/21.md).

        [ref]: ../guidance/6.md#para-6-3
    """)
    docs_page(tmp_path, "guidance/20.md", "generated pages are not ours: [x](#para-99-1)\n")
    assert citations.page_problems(tmp_path) == []


@pytest.mark.parametrize("link, expected", [
    ("../guidance/20.md#para-20-99", "#para-20-99 is not a paragraph of the national guidance"),
    ("../guidance/24/#para-24-19", "#para-24-19 is not a paragraph"),  # a gap in the numbering
    ("../guidance/10.md#para-10-23-3", "#para-10-23-3 is not a paragraph"),
    ("../guidance/21.md#para-20-3", "#para-20-3 is in chapter 20, not in chapter 21"),
    ("../guidance/18.md", "there is no chapter 18"),
    ("../about/privacy.md#para-20-3", "not a chapter of the guidance"),
    ("#para-20-3", "not a chapter of the guidance"),
    ("../guidance/3.md#std-3-99", "#std-3-99 is not a paragraph"),
])
def test_an_unknown_paragraph_link_of_our_pages_fails_the_build(tmp_path, link, expected):
    docs_page(tmp_path, "tasks/t.md", f"# T\n\nFirst line.\nSee [the paragraph]({link}).\n")
    with pytest.raises(SystemExit) as exc:
        citations.check(docs=tmp_path)
    msg = str(exc.value)
    assert "tasks/t.md:4" in msg and expected in msg, msg


def test_a_paragraph_number_in_the_handbook_must_be_a_link(tmp_path):
    docs_page(tmp_path, "handbook/h.md", """
        # H
        The lead agency sends it (21.16). Linked: [21.16](../guidance/21.md#para-21-16), `20.3` in code,
        version 1.2.3, an address guidance/20/#para-20-3 in code `guidance/20/#para-20-3`.
        Chapter 13a.18 too.
    """)
    docs_page(tmp_path, "about/x.md", "# X\n\nAbout pages may name 20.3 without a link.\n")
    problems = citations.page_problems(tmp_path)
    assert [p.split("handbook/")[-1] for p in problems] == [
        "h.md:3: paragraph 21.16 is named without a link",
        "h.md:5: paragraph 13a.18 is named without a link",
    ], problems
