"""The training pack (mappa_calculators.examples): worked examples from the tested scenarios.

The build step must refuse to publish an example whose scenario fails or whose text mentions a
paragraph the answer does not cite; these tests break a copy of the real scenario files both ways.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from mappa_calculators import examples
from mappa_site import nav

ROOT = Path(__file__).resolve().parents[1]

#: The calculators that had worked examples when the training pack was written: each keeps at least 5.
FIRST_SEVEN = ("category", "level", "status-end", "scr", "shared-accommodation", "disclosure", "dtc-duties")


@pytest.fixture(scope="module")
def published():
    found, problems = examples.load_examples()
    problems += examples.evaluate_examples(found)
    return found, problems


@pytest.fixture(scope="module")
def pages(published):
    return examples.render_pages(published[0])


def broken_copy(tmp_path: Path, scenario_id: str, change) -> Path:
    """A copy of tests/scenarios with one scenario changed by ``change(scenario)``."""
    out = tmp_path / "scenarios"
    shutil.copytree(examples.SCENARIO_DIR, out)
    for path in out.glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for sc in doc["scenarios"]:
            if sc["id"] == scenario_id:
                change(sc)
                path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
                return out
    raise AssertionError(f"no scenario {scenario_id}")


# ---------------------------------------------------------------------------
# What is published
# ---------------------------------------------------------------------------


def test_at_least_35_worked_examples_and_5_for_each_calculator(published):
    found, _ = published
    per = {cid: [e.id for e in found if e.calculator == cid] for cid in FIRST_SEVEN}
    assert all(len(ids) >= 5 for ids in per.values()), per
    assert len(found) >= 35


def test_every_worked_example_passes_and_cites_the_paragraphs_it_mentions(published):
    _, problems = published
    assert not problems, "\n".join(problems)


def test_every_example_has_an_exercise_with_one_model_answer(published):
    for ex in published[0]:
        assert ex.exercise is not None, ex.id
        assert 0 <= ex.exercise.model < len(ex.exercise.choices)


def test_the_build_step_writes_every_page(tmp_path):
    built = examples.build(out=tmp_path / "training")
    written = sorted(p.relative_to(tmp_path / "training").as_posix() for p in (tmp_path / "training").rglob("*.md"))
    calcs = sorted({e.calculator for e in built})
    assert written == sorted(["index.md", "handouts/exercises.md"]
                             + [f"{c}/index.md" for c in calcs] + [f"{c}/exercises.md" for c in calcs]
                             + [f"handouts/{c}.md" for c in calcs])


# ---------------------------------------------------------------------------
# The build refuses to publish a broken example (checked on a broken copy)
# ---------------------------------------------------------------------------


def test_build_fails_when_an_examples_scenario_no_longer_passes(tmp_path):
    def wrong_outcome(sc):
        sc["expect"]["outcome"] = "CAT2"  # the answer is NOT_ELIGIBLE: 52 weeks is less than 12 months

    scenarios = broken_copy(tmp_path, "p6_8_example_52_weeks_does_not_qualify", wrong_outcome)
    with pytest.raises(SystemExit) as failed:
        examples.build(scenario_dir=scenarios, out=tmp_path / "training")
    message = str(failed.value)
    assert "p6_8_example_52_weeks_does_not_qualify" in message
    assert "outcome 'NOT_ELIGIBLE', expected 'CAT2'" in message
    assert not (tmp_path / "training").exists(), "nothing is published when an example fails"


def test_build_fails_when_the_answers_change_under_an_example(tmp_path):
    def longer_sentence(sc):
        sc["answers"]["offences"][0]["term_value"] = 53  # 53 weeks qualifies: the expectations no longer hold

    scenarios = broken_copy(tmp_path, "p6_8_example_52_weeks_does_not_qualify", longer_sentence)
    with pytest.raises(SystemExit, match="p6_8_example_52_weeks_does_not_qualify: outcome 'CAT2'"):
        examples.build(scenario_dir=scenarios, out=tmp_path / "training")


def test_build_fails_when_an_example_mentions_a_paragraph_the_answer_does_not_cite(tmp_path):
    def mention_20_3(sc):
        sc["worked_example"]["point"] += " Compare the look-back in 20.3."

    scenarios = broken_copy(tmp_path, "p6_8_example_52_weeks_does_not_qualify", mention_20_3)
    with pytest.raises(SystemExit) as failed:
        examples.build(scenario_dir=scenarios, out=tmp_path / "training")
    assert "mentions paragraph 20.3, which the answer does not cite" in str(failed.value)


def test_build_fails_when_an_exercise_choice_mentions_an_uncited_paragraph(tmp_path):
    def choice(sc):
        sc["worked_example"]["exercise"]["choices"][0] = "Yes: 6.9 adds the sentences up"

    scenarios = broken_copy(tmp_path, "p6_8_example_52_weeks_does_not_qualify", choice)
    with pytest.raises(SystemExit, match="mentions paragraph 6.9"):
        examples.build(scenario_dir=scenarios, out=tmp_path / "training")


@pytest.mark.parametrize("change,words", [
    (lambda b: b["exercise"]["choices"].append({"model": "Another model answer"}), "exactly one choice marked 'model:'"),
    (lambda b: b["themes"].append("gossip"), "unknown theme 'gossip'"),
    (lambda b: b.update(title="Category *2*"), "Markdown would read as markup"),
    (lambda b: b.pop("story"), "needs a story"),
    (lambda b: b.update(moral="be careful"), "unknown keys ['moral']"),
], ids=["two-models", "unknown-theme", "markup-in-title", "no-story", "unknown-key"])
def test_build_fails_on_a_malformed_block(tmp_path, change, words):
    scenarios = broken_copy(tmp_path, "p6_8_example_52_weeks_does_not_qualify",
                            lambda sc: change(sc["worked_example"]))
    with pytest.raises(SystemExit, match=re.escape(words)):
        examples.build(scenario_dir=scenarios, out=tmp_path / "training")


def test_an_example_of_field_errors_is_refused(tmp_path):
    def errors(sc):
        sc["expect"] = {"errors": ["offences.0.term_value"]}

    scenarios = broken_copy(tmp_path, "p6_8_example_52_weeks_does_not_qualify", errors)
    with pytest.raises(SystemExit, match="not one of field errors"):
        examples.build(scenario_dir=scenarios, out=tmp_path / "training")


@pytest.mark.parametrize("text,numbers", [
    ("see 6.8 and 6.9.", ["6.8", "6.9"]),
    ("(6.38, 13a.38 and 13A.39)", ["6.38", "13a.38", "13a.39"]),
    ("the second paragraph numbered 20.28", ["20.28"]),
    ("s.76 of the Serious Crime Act 2015; s.325(6) CJA 2003", []),
    ("version 1.2.3, 12 months, 10 May 2028", []),
])
def test_paragraph_numbers_mentioned_in_a_text(text, numbers):
    assert examples.mentioned_numbers(text) == numbers


def test_a_number_the_guidance_uses_twice_is_matched_to_the_use_the_answer_cites():
    assert examples.number_of("para-20-28-2") == "20.28"
    assert examples.number_of("para-13a-38") == "13a.38"
    assert examples.guidance_order(["para-20-3", "para-13b-9", "para-6-13", "para-6-8", "para-13a-38"]) == \
        ["para-6-8", "para-6-13", "para-13a-38", "para-13b-9", "para-20-3"]


# ---------------------------------------------------------------------------
# The pages
# ---------------------------------------------------------------------------


def test_example_pages_hold_the_answer_and_a_try_it_link_with_the_same_answers(published, pages):
    from mappa_answers.markup import escape

    for ex in published[0]:
        page = pages[f"{ex.calculator}/index.md"]
        block = page.split(f'data-scenario="{ex.id}"', 1)[1].split('<div class="mappa-training', 1)[0]
        # the answer's words, as the live calculator shows them (its abbreviations in <abbr> there too)
        assert escape(ex.result["answer"]) in re.sub(r'<abbr title="[^"]*">([^<]*)</abbr>', r"\1", block), ex.id
        href = re.search(r'class="mappa-try"><a [^>]*href="([^"]+)"', block).group(1)
        prefix = f"../../calculators/{ex.calculator}/#answers="
        assert href.startswith(prefix), href
        assert json.loads(unquote(html.unescape(href)[len(prefix):])) == json.loads(json.dumps(ex.answers)), ex.id


def test_exercise_pages_use_native_controls_each_with_a_label(published, pages):
    for ex in published[0]:
        page = pages[f"{ex.calculator}/exercises.md"]
        block = page.split(f'data-scenario="{ex.id}"', 1)[1].split('<div class="mappa-training', 1)[0]
        radios = re.findall(r'<input class="mappa-input" type="radio"[^>]*id="([^"]+)"', block)
        assert len(radios) == len(ex.exercise.choices)
        assert all(f'<label for="{r}">' in block for r in radios)
        assert block.count("data-model") == 1
        assert "<fieldset" in block and "<legend" in block and "<details" in block and "<summary>" in block
        assert "<script" not in page


def test_paragraph_numbers_in_the_story_and_point_link_to_the_cited_use(pages):
    assert 'href="../../guidance/20/#para-20-28-2">20.28</a>' in pages["scr/index.md"]


def test_handout_of_exercises_puts_the_answers_after_a_page_break(pages):
    page = pages["handouts/exercises.md"]
    questions, answers = page.split('<div class="mappa-page-break"', 1)
    assert "mappa-handout-question" in questions and "Model answer" not in questions
    assert "## Answers" in answers and "mappa-handout-question" not in answers


def test_trainers_page_links_examples_by_theme_and_the_pages_to_warn_about(published, pages):
    page = pages["index.md"]
    for key, (title, _) in examples.THEMES.items():
        if any(key in e.themes for e in published[0]):
            assert f"### {title}" in page
    for ex in published[0]:
        assert f"]({ex.calculator}/index.md#{ex.id})" in page
    assert "](../about/guidance-defects.md" in page and "](../about/local-documents.md)" in page


def test_nav_has_a_training_section_without_the_handouts(tmp_path):
    docs = tmp_path / "docs"
    for rel in ("index.md", "training/index.md", "training/category/index.md", "training/category/exercises.md",
                "training/handouts/category.md", "training/handouts/exercises.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("# Page\n", encoding="utf-8")
    entries = nav.nav_entries(docs)
    training = next(e["Training"] for e in entries if "Training" in e)
    assert training[0] == {"For trainers": "training/index.md"}
    assert {"Worked examples": [{"Which MAPPA category?": "training/category/index.md"}]} in training
    assert {"Exercises": [{"Which MAPPA category?": "training/category/exercises.md"}]} in training
    assert "training/handouts/" not in json.dumps(entries)
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"/{nav.TRAINING_NOT_IN_NAV}" in mkdocs, "the handouts are declared not_in_nav"
