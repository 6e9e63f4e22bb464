"""Build step: one page per calculator, generated from its question declarations.

For every calculator of ``mappa_rules.CALCULATORS`` this writes ``docs/calculators/<id>.md`` (a
static HTML form inside a Markdown page, from the jinja2 templates in ``calculators/templates/``)
and ``docs/calculators/index.md``.  A new calculator needs no hand-written HTML: the form, its
show/hide conditions, its repeatable groups and its paragraph links all come from the declarations.

Abbreviations in the texts a person reads (summary, introduction, questions, hints, choices) are
marked up as ``<abbr title="…">`` from the site's glossary (``docs/assets/glossary.json``, written by
the guidance step before this one): the page is raw HTML, which Markdown's abbreviation tooltips do
not reach.

The form is usable before Python has loaded; ``assets/calculators/main.mjs`` (loaded on every page
through ``extra_javascript``) brings it to life and asks the rule modules, in a Web Worker running
Pyodide, for the answer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from mappa_answers import markup

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
OUT = DOCS / "calculators"
TEMPLATES = ROOT / "calculators" / "templates"
GLOSSARY = DOCS / "assets" / "glossary.json"

def paragraph_href(anchor: str, depth: int = 2) -> str:
    """Relative link from ``calculators/<id>/`` (depth 2) to a paragraph of a guidance page (the
    answer renderer's own link, so that a question and an answer link the same way)."""
    try:
        return markup.paragraph_href(anchor, "../" * depth)
    except ValueError as exc:
        raise SystemExit(f"pages: {exc}") from None


def dom_id(name: str) -> str:
    return "q-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def abbreviations(path: Path = GLOSSARY) -> list[tuple[str, str]]:
    """``[(term, tooltip)]`` of the glossary, longest term first ([] before the glossary is built)."""
    if not path.exists():
        print(f"pages: warning: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} is missing: "
              "no abbreviation tooltips on the calculator pages nor in their answers")
        return []
    return [tuple(pair) for pair in json.loads(path.read_text(encoding="utf-8"))["abbreviations"]]


def abbr_filter(pairs: list[tuple[str, str]]):
    """A jinja2 filter: the text escaped, each abbreviation of the glossary in an ``<abbr>`` (the
    answers' own marking, :class:`mappa_answers.markup.Abbreviations`)."""
    abbreviations = markup.Abbreviations(pairs)
    return lambda text: Markup(abbreviations.mark_text(text))


def environment(glossary: Path = GLOSSARY) -> jinja2.Environment:
    from mappa_rules.core import paragraph_label

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["para_label"] = paragraph_label
    env.filters["para_href"] = paragraph_href
    env.filters["dom_id"] = dom_id
    env.filters["abbr"] = abbr_filter(abbreviations(glossary))
    env.globals["initially_shown"] = initially_shown
    return env


def initially_shown(q: dict[str, Any]) -> bool:
    """Shown with no answers at all (what the static HTML shows before any script runs)."""
    return all(w["negate"] for w in q["when"])


def _squeeze(html: str) -> str:
    """No blank lines inside the raw HTML block (Markdown would end the block there)."""
    return "\n".join(line.rstrip() for line in html.splitlines() if line.strip()) + "\n"


def render_calculator(env: jinja2.Environment, calc, edition: str) -> str:
    questions = [q.to_dict() for q in calc.questions]
    form = env.get_template("form.html.j2").render(
        calc=calc, questions=questions, edition=edition,
        questions_json=json.dumps(questions, ensure_ascii=True),
        paras=list(calc.paras),
    )
    return env.get_template("calculator.md.j2").render(calc=calc, form=_squeeze(form))


def check_guidance_links(calcs) -> list[str]:
    """Paragraph anchors of the questions whose guidance chapter page is not there (when it is built)."""
    guidance = DOCS / "guidance"
    if not guidance.exists():
        return []
    missing = []
    for calc in calcs:
        anchors = list(calc.paras)
        stack = list(calc.questions)
        while stack:
            q = stack.pop()
            anchors += list(q.paras)
            stack += list(q.fields)
        for a in anchors:
            chapter = markup.chapter_of(a)
            if not ((guidance / chapter / "index.md").exists() or (guidance / f"{chapter}.md").exists()):
                missing.append(f"{calc.id}: {a} (no page guidance/{chapter})")
    return missing


def build() -> None:
    import mappa_rules

    env = environment()
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = {"index.md"}
    calcs = list(mappa_rules.CALCULATORS.values())
    for calc in calcs:
        name = f"{calc.id}.md"
        wanted.add(name)
        text = render_calculator(env, calc, mappa_rules.GUIDANCE_EDITION)
        target = OUT / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    index = env.get_template("index.md.j2").render(calculators=calcs)
    (OUT / "index.md").write_text(index, encoding="utf-8")
    for old in OUT.glob("*.md"):
        if old.name not in wanted:
            old.unlink()
    for problem in check_guidance_links(calcs):
        print(f"pages: warning: {problem}")
