"""Write the site navigation, ``build/mkdocs-nav.yml`` (the last build step).

``mkdocs.yml`` says ``INHERIT: build/mkdocs-nav.yml``, so MkDocs reads the ``nav`` from here.  The
chapter and calculator pages are generated, so the navigation is generated too: Home, the task
pages ("Find your way") and the handbook, the guidance (contents, the chapters in guidance order, the
glossary), the calculators (only the pages that exist, in the order of ``mappa_rules.CALCULATORS``),
the training pages, the about pages, then any other page of ``docs/`` so that no page is left out of
the navigation (a warning under ``--strict``).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOCS = ROOT / "docs"
OUT = ROOT / "build" / "mkdocs-nav.yml"

#: Generated pages that the navigation does not list (``not_in_nav`` in mkdocs.yml).
TRAINING_NOT_IN_NAV = "training/handouts/"

#: Hand-written about pages, in this order; any other page in docs/about/ follows.
ABOUT_ORDER = ["about/index.md", "about/licence.md", "about/local-documents.md", "about/guidance-defects.md"]
#: The task pages ("journeys") and the handbook, in this order; any other page of their folder follows.
TASKS_ORDER = ["tasks/index.md", "tasks/asked-to-house.md", "tasks/shared-accommodation-rate.md",
               "tasks/can-we-tell-anyone.md", "tasks/serious-further-offence.md", "tasks/induction.md",
               "tasks/advising-someone.md"]
HANDBOOK_ORDER = ["handbook/index.md", "handbook/mappa-in-five-minutes.md", "handbook/categories-and-levels.md",
                  "handbook/duty-to-co-operate.md", "handbook/information-sharing-and-disclosure.md",
                  "handbook/forms.md", "handbook/key-dates.md"]


def _title(md: Path) -> str:
    for line in md.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].split(" {")[0].strip()
    return md.stem.replace("-", " ").capitalize()


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def nav_entries(docs: Path = DOCS) -> list:
    from mappa_guidance.paragraphs import load_index

    used: set[str] = set()

    def page(title: str, rel: str) -> dict:
        used.add(rel)
        return {title: rel}

    nav: list = []
    if (docs / "index.md").exists():
        nav.append(page("Home", "index.md"))

    def section(title: str, folder: str, order: list[str]) -> None:
        entries = []
        for rel in order:
            if (docs / rel).exists():
                entries.append(page(_title(docs / rel), rel))
        for md in sorted((docs / folder).glob("*.md")) if (docs / folder).exists() else []:
            rel = md.relative_to(docs).as_posix()
            if rel not in used:
                entries.append(page(_title(md), rel))
        if entries:
            nav.append({title: entries})

    section("Find your way", "tasks", TASKS_ORDER)
    section("Handbook", "handbook", HANDBOOK_ORDER)

    guidance: list = []
    if (docs / "guidance" / "index.md").exists():
        guidance.append(page("Contents", "guidance/index.md"))
    for ch in load_index()["chapters"]:
        rel = f"guidance/{ch['id']}.md"
        if (docs / rel).exists():
            guidance.append(page(f"{ch['id']}. {ch['title']}", rel))
    if (docs / "guidance" / "glossary.md").exists():
        guidance.append(page("Glossary", "guidance/glossary.md"))
    if guidance:
        nav.append({"The guidance": guidance})

    calculators: list = []
    if (docs / "calculators" / "index.md").exists():
        calculators.append(page("All calculators", "calculators/index.md"))
    try:
        from mappa_rules import CALCULATORS
        for cid, calc in CALCULATORS.items():
            rel = f"calculators/{cid}.md"
            if (docs / rel).exists():
                calculators.append(page(calc.title, rel))
    except Exception as exc:  # pragma: no cover - the rule package is broken: other steps say why
        print(f"nav: calculators left out ({type(exc).__name__}: {exc})")
    for md in sorted((docs / "calculators").glob("*.md")) if (docs / "calculators").exists() else []:
        rel = md.relative_to(docs).as_posix()
        if rel not in used:
            calculators.append(page(_title(md), rel))
    if calculators:
        nav.append({"Calculators": calculators})

    training = training_entries(docs, page)
    if training:
        nav.append({"Training": training})

    about: list = []
    for rel in ABOUT_ORDER:
        if (docs / rel).exists():
            about.append(page(_title(docs / rel), rel))
    for md in sorted((docs / "about").glob("*.md")) if (docs / "about").exists() else []:
        rel = md.relative_to(docs).as_posix()
        if rel not in used:
            about.append(page(_title(md), rel))
    if about:
        nav.append({"About": about})

    # any other page (written by someone else, e.g. docs/privacy.md): never leave one out
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).as_posix()
        if rel not in used and not rel.startswith(("guidance/", "assets/", TRAINING_NOT_IN_NAV)):
            nav.append(page(_title(md), rel))
    return nav


def training_entries(docs: Path, page) -> list:
    """The training pages (mappa_calculators.examples): for trainers, then the worked examples and
    the exercises of each calculator, in the order of ``mappa_rules.CALCULATORS``.  The printable
    handouts are linked from these pages, not listed (``not_in_nav`` in mkdocs.yml)."""
    entries: list = []
    if (docs / "training" / "index.md").exists():
        entries.append(page("For trainers", "training/index.md"))
    try:
        from mappa_rules import CALCULATORS
        calcs = [(cid, calc.title) for cid, calc in CALCULATORS.items()]
    except Exception as exc:  # pragma: no cover - the rule package is broken: other steps say why
        print(f"nav: training pages left out ({type(exc).__name__}: {exc})")
        return entries
    for heading, name in (("Worked examples", "index.md"), ("Exercises", "exercises.md")):
        pages = [page(title, f"training/{cid}/{name}") for cid, title in calcs
                 if (docs / "training" / cid / name).exists()]
        if pages:
            entries.append({heading: pages})
    return entries


def to_yaml(nav: list, indent: int = 0) -> str:
    pad = "  " * indent
    out = []
    for entry in nav:
        (title, value), = entry.items()
        if isinstance(value, list):
            out.append(f"{pad}- {_q(title)}:")
            out.append(to_yaml(value, indent + 2))
        else:
            out.append(f"{pad}- {_q(title)}: {_q(value)}")
    return "\n".join(out)


def build(out: Path = OUT, docs: Path = DOCS) -> None:
    nav = nav_entries(docs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# generated by python -m mappa_site.nav (mappa_site.build); do not edit\nnav:\n"
                   + to_yaml(nav, 1) + "\n", encoding="utf-8")
    print(f"nav: wrote {out.relative_to(ROOT)} ({sum(1 for _ in docs.rglob('*.md'))} pages in docs/)")


if __name__ == "__main__":
    build()
