"""Build step: worked examples, exercises and handouts for trainers, from the tested scenarios.

Any scenario of ``tests/scenarios/*.yaml`` with a ``worked_example:`` block becomes a worked example,
so an example for a new calculator needs only YAML::

  - id: p6_8_example_52_weeks_does_not_qualify
    worked_example:
      title: "52 weeks is not 12 months"       # plain text: no Markdown, no HTML
      story: >-                                # the case, in plain English, about made-up people
        Dean was convicted of ...
      point: >-                                # what it teaches; paragraphs cited by number ("6.8")
        Category 2 needs ...
      themes: [eligibility]                    # keys of THEMES: the trainers' page groups by theme
      exercise:                                # optional: the example as a question
        question: "Is Dean a MAPPA offender?"
        choices:
        - "Yes, Category 2: 52 weeks is a year"
        - model: "Not automatically: 52 weeks is less than 12 months"   # exactly one model answer
    answers: {...}
    expect: {...}

The build fails (``SystemExit`` listing every problem) when an example's scenario no longer meets
its expectations (the tests' own check, ``tests/scenario_data.check``, so pytest and the build agree
on what "passes" means), when the title, story, point or exercise mentions a paragraph number that
the answer does not cite, or when a block is malformed.

Pages, written into ``docs/training/`` (generated, not committed):

* ``training/index.md``: for trainers, the examples by calculator and by theme;
* ``training/<calculator>/index.md``: the worked examples (story, answers given, the answer and its
  reasons, the paragraphs, "Try it": ``../../calculators/<id>/#answers=...``);
* ``training/<calculator>/exercises.md``: the same cases as questions, the model answer folded;
* ``training/handouts/<calculator>.md`` and ``training/handouts/exercises.md``: printable pages.

Every answer is HTML from ``mappa_answers``, the renderer of the live calculator, made here at build
time: the pages read the same with JavaScript off, and the exercises need no engine.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

import jinja2
from markupsafe import Markup, escape
import yaml

from .pages import _squeeze

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_DIR = ROOT / "tests" / "scenarios"
SCENARIO_CHECKS = ROOT / "tests" / "scenario_data.py"
TEMPLATES = ROOT / "calculators" / "templates"
OUT = ROOT / "docs" / "training"

#: Themes of the trainers' page, in order: key -> (heading, what the examples under it teach).
THEMES: dict[str, tuple[str, str]] = {
    "eligibility": ("Who is a MAPPA offender: the category traps",
                    "Sentence lengths, offences that never count, and which category wins."),
    "levels": ("Levels are not risk levels",
               "What Level 1, 2 and 3 are for, and which levels a category allows."),
    "ending": ("When MAPPA ends",
               "End events by category, and who decides when the guidance names none."),
    "reviews": ("Serious Case Reviews",
                "The seven listed offences, the 28-day look-back, discontinuing a review."),
    "dates": ("Counting days",
              "Days, working days, months and bank holidays: where a date is easy to get wrong."),
    "housing": ("Housing providers",
                "A housing provider's duties, the shared accommodation rate, tenants and neighbours."),
    "sharing": ("Sharing and disclosing information",
                "Sharing within MAPPA, disclosure to others, and what a disclosure record must hold."),
    "unclear": ("Where the guidance contradicts itself",
                "Cases where two paragraphs disagree or the text is silent: the answer shows both readings."),
    "decides": ("Who decides",
                "Decisions the guidance leaves to a person or a meeting: the calculator says who, never what."),
}

#: Characters a title may not hold: it becomes a Markdown heading.
_TITLE_FORBIDDEN = re.compile(r"[*_`\[\]<>#{}|\\]")

#: A paragraph number mentioned in a text: "6.8", "13a.38", "20.28" (not "s.76", not "1.5.2").
_MENTION = re.compile(r"(?<![\w.])(\d{1,2}[abAB]?)\.(\d{1,3})(?![\w]|\.\d)")

_ANCHOR = re.compile(r"^para-(\d{1,2})([ab]?)-(\d{1,3})(?:-([2-9]))?$")


class ExampleError(Exception):
    """A worked example that must not be published (the message says which and why)."""


@dataclass(frozen=True)
class Exercise:
    question: str
    choices: tuple[str, ...]
    model: int  # index of the model answer in choices


@dataclass
class Example:
    calculator: str
    id: str
    source: str  # file name, for messages
    answers: dict[str, Any]
    expect: dict[str, Any]
    title: str
    story: str
    point: str
    themes: tuple[str, ...]
    exercise: Exercise | None
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def texts(self) -> list[str]:
        """Every text of the example a person reads."""
        out = [self.title, self.story, self.point]
        if self.exercise:
            out += [self.exercise.question, *self.exercise.choices]
        return out


# ---------------------------------------------------------------------------
# Reading the examples
# ---------------------------------------------------------------------------


def _text(block: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = block.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: worked_example needs a {key} (text)")
        return ""
    return " ".join(value.split())


def _exercise(raw: Any, where: str, problems: list[str]) -> Exercise | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(f"{where}: exercise should be a question and its choices")
        return None
    question = _text(raw, "question", where + ": exercise", problems)
    choices: list[str] = []
    models: list[int] = []
    for i, c in enumerate(raw.get("choices") or []):
        if isinstance(c, dict) and set(c) == {"model"} and isinstance(c["model"], str):
            models.append(i)
            choices.append(" ".join(c["model"].split()))
        elif isinstance(c, str) and c.strip():
            choices.append(" ".join(c.split()))
        else:
            problems.append(f"{where}: exercise choice {i + 1} should be a text, or 'model:' and a text")
    if len(choices) < 2:
        problems.append(f"{where}: an exercise needs at least two choices")
    if len(models) != 1:
        problems.append(f"{where}: an exercise needs exactly one choice marked 'model:' (found {len(models)})")
    if len(set(choices)) != len(choices):
        problems.append(f"{where}: two choices of the exercise say the same thing")
    return Exercise(question, tuple(choices), models[0]) if len(models) == 1 else None


def parse_example(calculator: str, scenario: dict[str, Any], source: str) -> Example:
    """The worked example of one scenario (raises :class:`ExampleError` if the block is malformed)."""
    where = f"{source}: {scenario.get('id')}"
    block = scenario["worked_example"]
    problems: list[str] = []
    if not isinstance(block, dict):
        raise ExampleError(f"{where}: worked_example should be a block of title, story, point and themes")
    unknown = set(block) - {"title", "story", "point", "themes", "exercise"}
    if unknown:
        problems.append(f"{where}: worked_example has unknown keys {sorted(unknown)}")
    title = _text(block, "title", where, problems)
    if _TITLE_FORBIDDEN.search(title):
        problems.append(f"{where}: the title {title!r} holds a character that Markdown would read as markup")
    story = _text(block, "story", where, problems)
    point = _text(block, "point", where, problems)
    themes = block.get("themes") or []
    if not isinstance(themes, list) or not themes:
        problems.append(f"{where}: worked_example needs themes (a list of: {', '.join(THEMES)})")
        themes = []
    for t in themes:
        if t not in THEMES:
            problems.append(f"{where}: unknown theme {t!r} (known: {', '.join(THEMES)})")
    exercise = _exercise(block.get("exercise"), where, problems)
    expect = scenario.get("expect") or {}
    if "errors" in expect:
        problems.append(f"{where}: a worked example needs a scenario with an answer, not one of field errors")
    if problems:
        raise ExampleError("\n".join(problems))
    return Example(calculator, str(scenario["id"]), source, scenario.get("answers") or {}, expect,
                   title, story, point, tuple(themes), exercise)


def load_examples(scenario_dir: Path = SCENARIO_DIR) -> tuple[list[Example], list[str]]:
    """Every worked example of the scenario files, in file order, and the problems found reading them."""
    examples: list[Example] = []
    problems: list[str] = []
    for path in sorted(scenario_dir.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in doc.get("scenarios") or []:
            if "worked_example" in scenario:
                try:
                    examples.append(parse_example(doc["calculator"], scenario, path.name))
                except ExampleError as exc:
                    problems.append(str(exc))
    return examples, problems


# ---------------------------------------------------------------------------
# Checking them
# ---------------------------------------------------------------------------


def scenario_checks() -> ModuleType:
    """The tests' own scenario checks (``tests/scenario_data.py``), loaded by path: one definition of
    what it means for a scenario to pass, for pytest and for this build step."""
    module = sys.modules.get("scenario_data")
    if module is not None and Path(getattr(module, "__file__", "")).resolve() == SCENARIO_CHECKS:
        return module
    spec = importlib.util.spec_from_file_location("scenario_data", SCENARIO_CHECKS)
    if spec is None or spec.loader is None:  # pragma: no cover - the file is part of the repository
        raise SystemExit(f"examples: cannot load {SCENARIO_CHECKS}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["scenario_data"] = module
    spec.loader.exec_module(module)
    return module


def number_of(anchor: str) -> str:
    """``20.28`` for ``para-20-28-2``: the number as people cite it."""
    m = _ANCHOR.match(anchor)
    if not m:
        raise ValueError(f"not a paragraph anchor: {anchor!r}")
    return f"{m.group(1)}{m.group(2)}.{m.group(3)}"


def mentioned_numbers(text: str) -> list[str]:
    """Paragraph numbers a text mentions, in order: ``["6.8", "13a.38"]``."""
    return [f"{m.group(1).lower()}.{m.group(2)}" for m in _MENTION.finditer(text)]


def cited(result: dict[str, Any]) -> set[str]:
    """Every paragraph anchor the result cites anywhere."""
    return set(scenario_checks().all_cited(result))


def check_example(example: Example, result: dict[str, Any]) -> list[str]:
    """Why this example must not be published: its scenario fails, or its text mentions a paragraph
    the answer does not cite (empty: it may be published)."""
    where = f"{example.source}: {example.id}"
    if result.get("internal_error"):
        return [f"{where}: the calculator failed: {result['internal_error']}"]
    problems = [f"{where}: {p}" for p in scenario_checks().check(result, example.expect)]
    if not result.get("ok"):
        return problems or [f"{where}: no answer: {result.get('errors')}"]
    numbers = {number_of(a) for a in cited(result)}
    for n in dict.fromkeys(n for t in example.texts for n in mentioned_numbers(t)):
        if n not in numbers:
            problems.append(f"{where}: the example mentions paragraph {n}, which the answer does not cite "
                            f"(it cites {', '.join(sorted(numbers, key=_number_key))})")
    return problems


def evaluate_examples(examples: Iterable[Example]) -> list[str]:
    """Evaluate every example with the rule modules; each keeps its result.  Returns the problems."""
    import mappa_rules

    problems: list[str] = []
    for ex in examples:
        if ex.calculator not in mappa_rules.CALCULATORS:
            problems.append(f"{ex.source}: {ex.id}: no calculator {ex.calculator!r} is registered")
            continue
        ex.result = mappa_rules.evaluate(ex.calculator, ex.answers)
        problems += check_example(ex, ex.result)
    return problems


def _number_key(number: str) -> tuple[int, str, int]:
    chapter, para = number.split(".")
    return int(chapter.rstrip("ab")), chapter[-1] if chapter[-1] in "ab" else "", int(para)


def guidance_order(anchors: Iterable[str]) -> list[str]:
    """Anchors in the order of the guidance: 6.8 before 6.13 before 13a.38 before 13b.9 before 20.3."""
    def key(a: str) -> tuple[int, str, int, int]:
        m = _ANCHOR.match(a)
        return (int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4) or 1)) if m else (999, "", 0, 0)
    return sorted(set(anchors), key=key)


# ---------------------------------------------------------------------------
# The renderer of answers (mappa_answers), called in this one place
# ---------------------------------------------------------------------------


@functools.cache
def _glossary():
    """The glossary's abbreviations, as the worker has them (the same file, read once)."""
    from mappa_answers import Abbreviations

    from mappa_calculators.pages import abbreviations

    return Abbreviations(abbreviations())


def answer_html(result: dict[str, Any], site_root: str) -> str:
    """The answer and its reasons, exactly as the live calculator shows them (the glossary's
    abbreviations marked as the worker marks them).  No ``today``: an example is a story, so no
    date in it is marked as passed."""
    from mappa_answers import render_answer

    return render_answer(result, None, site_root=site_root, abbreviations=_glossary())


def answers_given_html(calculator: str, answers: dict[str, Any]) -> str:
    """The answers given, in words: the questions that count, listed as the decision record lists
    them (the record's own list, ``mappa_answers.record._answers``: one way to write an answer)."""
    import mappa_rules
    from mappa_answers import record
    from mappa_rules.core import validate

    calc = mappa_rules.CALCULATORS[calculator]
    clean, _ = validate(calc, answers)
    return str(record._answers(calc.questions, clean))


def paragraph_links_html(anchors: Iterable[str], site_root: str) -> str:
    """``Guidance paragraphs 6.8, 6.9`` with each number a link (as in the answers)."""
    from mappa_answers.markup import paragraph_links

    return str(paragraph_links(list(anchors), site_root) or "")


def try_it_href(calculator: str, answers: dict[str, Any], site_root: str) -> str:
    """The calculator page filled with these answers (the training-link fragment)."""
    from mappa_answers.markup import answers_fragment

    return f"{site_root}calculators/{calculator}/" + answers_fragment(json.loads(json.dumps(answers, default=str)))


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def link_mentions(text: str, example: Example, site_root: str) -> Markup:
    """The text, escaped, with each paragraph number it mentions linked to the paragraph the answer
    cites (for a number the guidance uses twice, the use the answer cites)."""
    by_number: dict[str, str] = {}
    for a in guidance_order(cited(example.result)):
        by_number.setdefault(number_of(a), a)

    def link(m: re.Match[str]) -> str:
        number = f"{m.group(1).lower()}.{m.group(2)}"
        anchor = by_number.get(number)
        if not anchor:
            return m.group(0)
        chapter = _ANCHOR.match(anchor)
        href = f"{site_root}guidance/{chapter.group(1)}{chapter.group(2)}/#{anchor}"
        return f'<a class="mappa-para" href="{href}">{m.group(0)}</a>'

    return Markup(_MENTION.sub(link, str(escape(text))))


def environment() -> jinja2.Environment:
    import mappa_rules

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["squeeze"] = _squeeze
    env.filters["calc_title"] = lambda cid: mappa_rules.CALCULATORS[cid].title
    env.globals.update(
        answer_html=lambda ex, root: Markup(answer_html(ex.result, root)),
        answers_given_html=lambda ex: Markup(answers_given_html(ex.calculator, ex.answers)),
        paragraphs_html=lambda ex, root: Markup(paragraph_links_html(guidance_order(cited(ex.result)), root)),
        try_it_href=lambda ex, root: try_it_href(ex.calculator, ex.answers, root),
        mentions=link_mentions,
        themes=THEMES,
    )
    return env


@dataclass
class Section:
    """One calculator's examples."""

    calc: Any  # mappa_rules.core.Calculator
    examples: list[Example]

    @property
    def exercises(self) -> list[Example]:
        return [e for e in self.examples if e.exercise]


def sections(examples: list[Example]) -> list[Section]:
    """The examples by calculator, in the order the site lists the calculators."""
    import mappa_rules

    return [Section(calc, [e for e in examples if e.calculator == cid])
            for cid, calc in mappa_rules.CALCULATORS.items()
            if any(e.calculator == cid for e in examples)]


def render_pages(examples: list[Example]) -> dict[str, str]:
    """Every page of the training pack: path under ``docs/training/`` -> Markdown."""
    import mappa_rules

    env = environment()
    secs = sections(examples)
    pages: dict[str, str] = {}
    for sec in secs:
        cid = sec.calc.id
        pages[f"{cid}/index.md"] = env.get_template("training/examples.md.j2").render(sec=sec, root="../../")
        pages[f"handouts/{cid}.md"] = env.get_template("training/handout.md.j2").render(
            sec=sec, root="../../../", edition=mappa_rules.GUIDANCE_EDITION)
        if sec.exercises:
            pages[f"{cid}/exercises.md"] = env.get_template("training/exercises.md.j2").render(sec=sec, root="../../../")
    if any(sec.exercises for sec in secs):
        pages["handouts/exercises.md"] = env.get_template("training/exercise-handout.md.j2").render(
            secs=secs, root="../../../", edition=mappa_rules.GUIDANCE_EDITION)
    by_theme = {key: [e for e in examples if key in e.themes] for key in THEMES}
    pages["index.md"] = env.get_template("training/index.md.j2").render(secs=secs, by_theme=by_theme, total=len(examples))
    return pages


def write_pages(pages: dict[str, str], out: Path = OUT) -> None:
    """Write the pages; remove pages of an earlier build that are no longer made."""
    out.mkdir(parents=True, exist_ok=True)
    for rel, text in pages.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    for old in out.rglob("*.md"):
        if old.relative_to(out).as_posix() not in pages:
            old.unlink()


def build(scenario_dir: Path = SCENARIO_DIR, out: Path = OUT) -> list[Example]:
    """Read, check and publish the worked examples; fail the build on any problem."""
    examples, problems = load_examples(scenario_dir)
    problems += evaluate_examples(examples)
    if problems:
        raise SystemExit("examples: worked examples that must not be published:\n  " + "\n  ".join(problems))
    write_pages(render_pages(examples), out)
    counts = ", ".join(f"{s.calc.id} {len(s.examples)}" for s in sections(examples))
    print(f"examples: {len(examples)} worked examples ({counts})")
    return examples


if __name__ == "__main__":
    build()
