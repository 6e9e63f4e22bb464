"""The site's glossary: the guidance's own glossary plus ours, as one list of terms.

The national MAPPA Guidance ends with a glossary of 68 abbreviations (parsed by
:mod:`mappa_guidance.importer`); it gives their expansions only.  ``glossary.yaml`` (beside this
module, written by us) adds a plain-English line to each of them and every other abbreviation, form
name and key term used anywhere on the site, marked as ours.  From the merged list the build writes:

* ``docs/guidance/glossary.md``: the glossary page, A to Z, each term with its meaning, a
  plain-English line, the paragraphs where the guidance deals with it and where the meaning comes from;
* ``build/abbreviations.md``: ``abbr`` definitions appended to every Markdown page (tooltips);
* ``docs/assets/glossary.json``: the same data for the browser (the calculator pages' questions are
  marked up at build time by :mod:`mappa_calculators.pages`; a result rendered in the browser can
  use ``abbreviations`` from this file: ``[[term, tooltip], ...]``, longest first);
* the search index's entries and "best bets" (:mod:`mappa_site.search` reads :func:`load`).

The build fails when an entry is incomplete (no plain line, an expansion where the guidance's
glossary already gives one, none where it does not) or names a paragraph that is not in the index.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OURS = HERE / "glossary.yaml"
PAGE = ROOT / "docs" / "guidance" / "glossary.md"
ABBREVIATIONS = ROOT / "build" / "abbreviations.md"
DATA = ROOT / "docs" / "assets" / "glossary.json"

GUIDANCE, OUR_ENTRY = "guidance", "ours"
KINDS = ("abbreviation", "form", "term")
_SEE = re.compile(r"^(?:chapter (?P<chapter>\d{1,2}[ab]?)|(?P<number>\d{1,2}[ab]?\.\d{1,3})(?: \((?P<k>[1-9])\))?)$")


@dataclass(frozen=True)
class Entry:
    term: str
    expansion: str  # "" when the guidance never spells the letters out
    plain: str
    source: str  # GUIDANCE: the expansion is the guidance glossary's; OUR_ENTRY: all of it is ours
    kind: str = "abbreviation"
    see: tuple[str, ...] = ()  # "20.3", "10.23 (2)", "chapter 20"; the first is the term's home
    aliases: tuple[str, ...] = ()
    tooltip: bool = True

    @property
    def slug(self) -> str:
        return slug(self.term)

    @property
    def tooltip_text(self) -> str:
        return self.expansion or self.plain

    def anchors(self) -> list[str]:
        """The ``see`` references as page/anchor pairs relative to ``guidance/``: ``20.md#para-20-3``
        or ``20.md`` for a chapter."""
        return [see_target(s) for s in self.see]


def slug(term: str) -> str:
    return "glossary-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def see_target(ref: str) -> str:
    m = _SEE.match(ref)
    if not m:
        raise ValueError(f"not a paragraph or chapter reference: {ref!r}")
    if m.group("chapter"):
        return f"{m.group('chapter')}.md"
    ch, n = m.group("number").split(".")
    anchor = f"para-{ch}-{n}" + (f"-{m.group('k')}" if m.group("k") not in (None, "1") else "")
    return f"{ch}.md#{anchor}"


def see_label(ref: str) -> str:
    m = _SEE.match(ref)
    if m and m.group("chapter"):
        return f"chapter {m.group('chapter')}"
    if m and m.group("k"):
        return f"{m.group('number')} ({['first', 'second', 'third'][int(m.group('k')) - 1] if int(m.group('k')) < 4 else m.group('k') + 'th'} use)"
    return ref


def read_ours(path: Path = OURS) -> dict:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"glossary: {path.name} must be a mapping of term -> entry")
    return data


def merge(guidance_glossary: list[tuple[str, str]], ours: dict) -> tuple[list[Entry], list[str]]:
    """The merged entries, sorted A to Z, and the problems that must fail the build."""
    problems: list[str] = []
    theirs = dict(guidance_glossary)
    entries: list[Entry] = []

    def entry(term: str, data: dict, expansion: str, source: str) -> Entry | None:
        if not isinstance(data, dict):
            problems.append(f"{term}: the entry must be a mapping")
            return None
        unknown = set(data) - {"expansion", "plain", "see", "aliases", "tooltip", "kind"}
        if unknown:
            problems.append(f"{term}: unknown field(s) {sorted(unknown)}")
        plain = " ".join(str(data.get("plain") or "").split())
        if not plain:
            problems.append(f"{term}: no plain-English line")
        kind = data.get("kind", "abbreviation")
        if kind not in KINDS:
            problems.append(f"{term}: kind must be one of {KINDS}")
        see = tuple(str(s) for s in data.get("see") or ())
        for s in see:
            if not _SEE.match(s):
                problems.append(f"{term}: see {s!r} is not a paragraph number or 'chapter N'")
        return Entry(term, expansion, plain, source, kind, see,
                     tuple(str(a) for a in data.get("aliases") or ()),
                     bool(data.get("tooltip", kind != "term")))

    for term, meaning in guidance_glossary:
        data = ours.get(term)
        if data is None:
            problems.append(f"{term}: in the guidance's glossary but has no entry in {OURS.name} (a plain-English line)")
            data = {"plain": "-"}
        elif isinstance(data, dict) and "expansion" in data:
            problems.append(f"{term}: the guidance's glossary gives its expansion; remove ours")
        e = entry(term, data, " ".join(meaning.split()), GUIDANCE)
        if e:
            entries.append(e)
    for term, data in ours.items():
        if term in theirs:
            continue
        if isinstance(data, dict) and data.get("kind") != "term" and "expansion" not in data:
            problems.append(f"{term}: not in the guidance's glossary, so it needs an expansion (\"\" if the guidance never gives one)")
        expansion = " ".join(str((data or {}).get("expansion") or "").split()) if isinstance(data, dict) else ""
        e = entry(term, data, expansion, OUR_ENTRY)
        if e:
            entries.append(e)

    seen: dict[str, str] = {}  # case matters: GPs (doctors) is not GPS
    for e in entries:
        for name in (e.term, *e.aliases):
            key = name
            if key in seen and seen[key] != e.term:
                problems.append(f"{name}: both {seen[key]!r} and {e.term!r} claim it")
            seen[key] = e.term
    entries.sort(key=lambda e: (e.term.lower().lstrip("("), e.term))
    return entries, problems


def check_references(entries: list[Entry], index: dict) -> list[str]:
    """``see`` references that are not paragraphs or chapters of the paragraph index, or that name a
    number the guidance uses twice without saying which use."""
    anchors = {e["anchor"] for e in index["paragraphs"]}
    chapters = {c["id"] for c in index["chapters"]}
    twice = {e["number"] for e in index["paragraphs"] if e["occurrence"] > 1}
    out = []
    for e in entries:
        for s in e.see:
            m = _SEE.match(s)
            if not m:
                continue
            if m.group("number") in twice and not m.group("k"):
                out.append(f"{e.term}: see {s}: the guidance uses {s} twice: write \"{s} (1)\" or \"{s} (2)\"")
                continue
            target = see_target(s)
            page, _, anchor = target.partition("#")
            if page[:-3] not in chapters or (anchor and anchor not in anchors):
                out.append(f"{e.term}: see {s}: not a paragraph of the national guidance")
    return out


def load(guidance_glossary: list[tuple[str, str]] | None = None, ours_path: Path = OURS) -> list[Entry]:
    """The merged glossary; raises SystemExit naming every problem."""
    from .paragraphs import load_index

    if guidance_glossary is None:
        from .importer import load as load_guidance
        guidance_glossary = load_guidance().glossary
    entries, problems = merge(guidance_glossary, read_ours(ours_path))
    problems += check_references(entries, load_index())
    if problems:
        raise SystemExit("glossary: fix these entries of "
                         f"{ours_path.name}:\n  " + "\n  ".join(problems))
    return entries


# ---------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------

def _letter(term: str) -> str:
    c = term.lstrip("(")[:1].upper()
    return c if c.isalpha() else "#"


def render_page(entries: list[Entry]) -> str:
    """The glossary page (Markdown with an HTML definition list per letter)."""
    n_theirs = sum(1 for e in entries if e.source == GUIDANCE)
    letters = sorted({_letter(e.term) for e in entries})
    out = ["# Glossary { #glossary }", "",
           "Abbreviations, form names and key terms used in the national MAPPA Guidance and on this "
           "site, each with what it stands for, a line in plain English and the paragraphs where the "
           f"guidance deals with it. {n_theirs} of them come from the guidance's own glossary, which "
           "gives their meaning but no explanation; the others, and every plain-English line, are "
           "ours. On every page of this site an abbreviation shows its meaning when you point at it.",
           "",
           '<nav class="glossary-letters" aria-label="Glossary by letter">'
           + " ".join(f'<a href="#glossary-letter-{c.lower()}">{c}</a>' for c in letters) + "</nav>",
           ""]
    for c in letters:
        out += [f"## {c} {{ #glossary-letter-{c.lower()} }}", "", '<dl class="glossary">']
        for e in (e for e in entries if _letter(e.term) == c):
            out.append(f'<dt id="{e.slug}">{html.escape(e.term)}</dt>')
            parts = []
            if e.expansion:
                parts.append(f'<span class="glossary-expansion">{html.escape(e.expansion)}</span>')
            parts.append(f'<span class="glossary-plain">{html.escape(e.plain)}</span>')
            if e.see:
                links = ", ".join(f'<a href="../{t.replace(".md", "/", 1)}">{html.escape(see_label(s))}</a>'
                                  for s, t in zip(e.see, e.anchors()))
                parts.append(f'<span class="glossary-see">In the guidance: {links}.</span>')
            source = ("Meaning from the guidance's glossary; explanation ours." if e.source == GUIDANCE
                      else "Added by us: the guidance's glossary does not list it.")
            parts.append(f'<span class="glossary-source">{source}</span>')
            out.append("<dd>" + " ".join(parts) + "</dd>")
        out += ["</dl>", ""]
    return "\n".join(out)


def tooltip_entries(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.tooltip and e.kind != "term"]


def render_abbreviations(entries: list[Entry]) -> str:
    """``abbr`` definitions (Python-Markdown's abbr extension) for every page."""
    lines = []
    for e in tooltip_entries(entries):
        text = e.tooltip_text.replace('"', "'")
        lines.append(f"*[{e.term}]: {text}")
    return "\n".join(lines) + "\n"


def to_data(entries: list[Entry]) -> dict:
    """The glossary as JSON-ready data for the browser (search, result renderer)."""
    return {
        "description": "The glossary of MAPPA Navigator: the national guidance's glossary and ours. "
                       "source 'guidance': the expansion is the guidance glossary's; 'ours': all ours. "
                       "abbreviations: [term, tooltip] pairs to mark up, longest term first.",
        "entries": [dict(asdict(e), slug=e.slug, href=f"guidance/glossary/#{e.slug}",
                         see=[{"label": see_label(s), "href": "guidance/" + t.replace(".md", "/", 1)}
                              for s, t in zip(e.see, e.anchors())])
                    for e in entries],
        "abbreviations": sorted(([e.term, e.tooltip_text] for e in tooltip_entries(entries)),
                                key=lambda p: (-len(p[0]), p[0])),
    }


def build(guidance_glossary: list[tuple[str, str]] | None = None, page: Path = PAGE,
          abbreviations: Path = ABBREVIATIONS, data: Path = DATA) -> list[Entry]:
    """Write the glossary page, the abbreviation definitions and the JSON data (the build step after
    the guidance import; without ``guidance_glossary`` it reads the guidance's own)."""
    entries = load(guidance_glossary)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render_page(entries), encoding="utf-8")
    abbreviations.parent.mkdir(parents=True, exist_ok=True)
    abbreviations.write_text(render_abbreviations(entries), encoding="utf-8")
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps(to_data(entries), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    ours = sum(1 for e in entries if e.source == OUR_ENTRY)
    print(f"glossary: {len(entries)} terms ({len(entries) - ours} from the guidance's glossary, {ours} ours), "
          f"{len(tooltip_entries(entries))} with tooltips")
    return entries
