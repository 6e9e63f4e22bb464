"""Import the national MAPPA Guidance: one Markdown page per chapter, every paragraph deep-linkable.

``build()`` (step 1 of ``python -m mappa_site.build``) reads the shipped source text
``guidance/mappa_guidance/source/national-mappa-guidance.txt`` (Crown copyright, Open Government Licence
v3.0) and writes

* ``docs/guidance/<chapter>.md`` for the 32 chapters (``1`` … ``17``, ``19`` … ``32``, ``13a``,
  ``13b``; the guidance has no chapter 18) and ``docs/guidance/index.md`` (contents).

The glossary page, the abbreviation definitions and ``docs/assets/glossary.json`` are the next
build step, :mod:`mappa_guidance.glossary`, which reads the guidance's glossary through :func:`load`
(this module does not import it: no import circle).

Every numbered paragraph becomes a block ``<div class="para" id="para-20-3">`` whose number is a
link to itself; the k-th use of a number the official text prints twice gets ``-k``
(``para-10-23-2``).  Standards become callouts ``std-<chapter>-<k>``.  The anchor scheme and every
defect of the source are described in ``docs/about/guidance-defects.md``.

The paragraph index
-------------------
``guidance/mappa_guidance/source/paragraph-index.json`` is committed.  The build compares what it parsed
with it and fails when the count of paragraphs, an anchor, a number or the first words change.  When
the source text is deliberately replaced (a new edition), rewrite the index and review the diff::

    .venv/bin/python -m mappa_guidance.importer --update-index

(or ``MAPPA_UPDATE_INDEX=1 python -m mappa_site.build``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .paragraphs import INDEX, index_anchors, load_index  # noqa: F401 - index_anchors re-exported

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCE = HERE / "source" / "national-mappa-guidance.txt"
DOCS = ROOT / "docs"
OUT = DOCS / "guidance"

#: What the source must contain (guidance-source-structure notes, section 0).
EXPECTED = {"paragraphs": 913, "chapters": 32, "standards": 132, "footnotes": 72, "glossary": 68}

# ---------------------------------------------------------------------------
# Line patterns
# ---------------------------------------------------------------------------

PARA_RE = re.compile(r"^[ \t\u00a0]*(\d{1,2}[A-Za-z]?)[.:](\d{1,3})\.?(?=[ \t\u00a0]|$)[ \t\u00a0]*")
HEADING_RE = re.compile(r"^[ \t\u00a0]*(?:Chapter\s+)?(\d{1,2}[a-z]?)\.?(?:\s+-\s+|\s+)(\S.*?)\s*$")
STANDARD_RE = re.compile(r"^\s*Standard\s*[-\u2013\u2014:]\s*(.*)$")
BULLET_RE = re.compile(r"^\s*\u00b7\s+(.*)$")
NUMBERED_RE = re.compile(r"^\s*(\d{1,2})\.?\s+(.*)$")
LETTERED_RE = re.compile(r"^\s*(?:([a-z])\.|\(([a-z])\))\s+(.*)$")
FOOTNOTE_REF_RE = re.compile(r"\[footnoteRef:(\d+)\]")
FOOTNOTE_DEF_START_RE = re.compile(r"\[(\d+):\s")
ARTEFACT_RE = re.compile(r"^\s*(?:\d{6}|image\d+\.(?:png|jpe?g|gif|emf|wmf)|E\+W)\s*$")
QUOTE_START = ("\u201c", '"', "\u2018", "'")
FN_MARK = "\x00FN{}\x00"
FN_MARK_RE = re.compile("\x00FN(\\d+)\x00")

#: Lines the sub-heading heuristic gets wrong, keyed by their stripped text (never by line number,
#: so that the table survives a re-export).  True: a sub-heading; False: not one.
HEADING_OVERRIDES_PREFIX = {
    "Section 327A: Disclosure of information about convictions": True,
    "The Main Homelessness Duty.": True,
    "Criminal Procedure (Insanity) Act 1964": True,
    "Role of the First-tier Tribunal (Mental Health) -": True,
    "All key decisions and their rationale are effectively recorded": False,
}
#: The FOUR acronym of 27.6 (a graphic in the original): one word a line, rendered as a list.
ACRONYM_LINES = {"Fixated", "Obsessive", "Unwanted", "Repeated"}
#: Sub-headings that close chapter 3's list of the twelve DTC agencies (back to level 2).
CHAPTER3_TOP_HEADINGS = {"Non-DTC Agencies"}


def anchor_for(chapter: str, n: int | str, occurrence: int = 1) -> str:
    a = f"para-{chapter.lower()}-{n}"
    return a if occurrence == 1 else f"{a}-{occurrence}"


# ---------------------------------------------------------------------------
# Parsed structure
# ---------------------------------------------------------------------------


@dataclass
class Item:
    kind: str  # heading, para, standard, bullet, lettered, numbered, prose, quote, table
    text: str = ""
    line: int = 0
    level: int = 2
    number: str = ""  # para: "20.3"
    printed: str = ""  # para: the number exactly as printed ("12:21")
    occurrence: int = 1
    anchor: str = ""
    label: str = ""  # lettered: "a", numbered: "1"
    rows: list[list[str]] = field(default_factory=list)  # table


@dataclass
class Chapter:
    id: str  # "20", "13a"
    title: str
    raw_heading: str
    line: int
    items: list[Item] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.id}. {self.title}"


@dataclass
class Guidance:
    chapters: list[Chapter]
    footnotes: dict[int, str]
    glossary: list[tuple[str, str]]
    warnings: list[str]
    sha256: str

    def paragraphs(self) -> list[Item]:
        return [it for ch in self.chapters for it in ch.items if it.kind == "para"]

    def standards(self) -> list[Item]:
        return [it for ch in self.chapters for it in ch.items if it.kind == "standard"]


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def _extract_footnotes(text: str) -> tuple[str, dict[int, str]]:
    """Cut every footnote definition ``[N: …]`` out of the text (bracket-depth scan, may cross a
    line break) and replace every reference ``[footnoteRef:N]`` by a marker."""
    refs = {int(m.group(1)): m.start() for m in FOOTNOTE_REF_RE.finditer(text)}
    notes: dict[int, str] = {}
    out: list[str] = []
    pos = 0
    while True:
        m = FOOTNOTE_DEF_START_RE.search(text, pos)
        if not m:
            break
        n = int(m.group(1))
        if n not in refs or refs[n] > m.start() or n in notes:
            out.append(text[pos:m.end()])
            pos = m.end()
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            if text[i] == "[":
                depth += 1
            elif text[i] == "]":
                depth -= 1
            i += 1
        if depth:
            raise SystemExit(f"guidance: footnote {n} is not closed")
        notes[n] = " ".join(text[m.end():i - 1].split())
        out.append(text[pos:m.start()])
        pos = i
        breaks = text.count("\n", m.start(), i)
        if breaks:  # keep the physical line numbers of the source: re-insert them after this line
            j = text.find("\n", i)
            j = len(text) if j < 0 else j
            out.append(text[i:j] + "\n" * breaks)
            pos = j
    out.append(text[pos:])
    body = FOOTNOTE_REF_RE.sub(lambda r: FN_MARK.format(r.group(1)), "".join(out))
    return body, notes


def _is_subheading(s: str) -> bool:
    for prefix, verdict in HEADING_OVERRIDES_PREFIX.items():
        if s.startswith(prefix):
            return verdict
    if not s or len(s) > 120 or s[-1] in ".:;,":
        return False
    if s[0].islower() or s[0] in QUOTE_START or s[0] in "\u00b7(" or s[0].isdigit():
        return False
    if s.startswith(("http://", "https://", "www.")) or "\x00FN" in s:
        return False
    return True


def parse(text: str) -> Guidance:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    body, footnotes = _extract_footnotes(text)
    lines = body.split("\n")
    warnings: list[str] = []

    # prefix of the next numbered-paragraph line, for the chapter-heading rule
    next_prefix: list[str | None] = [None] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        m = PARA_RE.match(lines[i])
        next_prefix[i] = m.group(1).lower() if m else next_prefix[i + 1]

    chapters: list[Chapter] = []
    glossary: list[tuple[str, str]] = []
    current: Chapter | None = None
    seen: dict[str, int] = {}
    std_count: dict[str, int] = {}
    in_agencies = False
    i = 0
    n = len(lines)

    def add(item: Item) -> None:
        if current is None:
            raise SystemExit(f"guidance: line {item.line}: text before the first chapter heading")
        current.items.append(item)

    while i < n:
        raw = lines[i]
        s = raw.replace("\u00a0", " ").strip()
        lineno = i + 1
        if not s:
            i += 1
            continue
        if s == "Glossary":
            i += 1
            cells = []
            while i < n:
                c = lines[i].strip()
                if c and not ARTEFACT_RE.match(lines[i]):
                    cells.append(" ".join(c.split()))
                i += 1
            if len(cells) % 2:
                raise SystemExit(f"guidance: the glossary has an odd number of cells ({len(cells)})")
            glossary = list(zip(cells[0::2], cells[1::2]))
            break
        if ARTEFACT_RE.match(raw):
            i += 1
            continue
        h = HEADING_RE.match(raw)
        if h and not PARA_RE.match(raw):
            num = h.group(1).lower()
            if next_prefix[i + 1] == num and (current is None or current.id != num):
                current = Chapter(num, " ".join(h.group(2).split()), raw, lineno)
                chapters.append(current)
                in_agencies = False
                i += 1
                continue
        m = PARA_RE.match(raw)
        if m and current is not None and m.group(1).lower() == current.id:
            number = f"{m.group(1).lower()}.{int(m.group(2))}"
            seen[number] = seen.get(number, 0) + 1
            k = seen[number]
            printed = raw.strip().split()[0].rstrip()
            add(Item("para", raw[m.end():].strip(), lineno, number=number,
                     printed=printed if printed != number else "", occurrence=k,
                     anchor=anchor_for(current.id, int(m.group(2)), k)))
            i += 1
            continue
        if m and current is not None:
            warnings.append(f"line {lineno}: number {m.group(0).strip()} outside its chapter, kept as text")
        st = STANDARD_RE.match(raw)
        if st:
            std_count[current.id] = std_count.get(current.id, 0) + 1
            add(Item("standard", st.group(1).strip(), lineno, anchor=f"std-{current.id}-{std_count[current.id]}"))
            i += 1
            continue
        b = BULLET_RE.match(raw)
        if b:
            add(Item("bullet", b.group(1).strip(), lineno))
            i += 1
            continue
        if raw.startswith("\t"):  # the 20.16 table: cells on tab lines, "\t" between cells, "" between rows
            rows: list[list[str]] = [[]]
            cell: list[str] | None = None
            while i < n:
                line = lines[i]
                if line.startswith("\t") and line.strip():
                    cell = [line.strip()]
                    rows[-1].append(cell)  # type: ignore[arg-type]
                elif line.startswith("\t"):
                    cell = None
                elif not line.strip():
                    if i + 1 < n and lines[i + 1].startswith("\t"):
                        rows.append([])
                        cell = None
                    else:
                        break
                elif cell is not None:
                    cell.append(line.strip())
                else:
                    break
                i += 1
            table = [["\n".join(c) for c in row] for row in rows if row]  # type: ignore[misc]
            if any(len(r) != len(table[0]) for r in table):
                raise SystemExit(f"guidance: line {lineno}: table rows of unequal length")
            add(Item("table", "", lineno, rows=table))
            continue
        num_item = NUMBERED_RE.match(raw)
        if num_item:
            if current is not None and current.id == "3":
                add(Item("heading", s, lineno, level=2))
                in_agencies = True
            else:
                add(Item("numbered", num_item.group(2).strip(), lineno, label=num_item.group(1)))
            i += 1
            continue
        let = LETTERED_RE.match(raw)
        if let:
            letter = let.group(1) or let.group(2)
            lab = f"{letter}." if let.group(1) else f"({letter})"
            add(Item("lettered", let.group(3).strip(), lineno, label=lab))
            i += 1
            continue
        if s in ACRONYM_LINES:
            add(Item("bullet", s, lineno))
            i += 1
            continue
        prev = current.items[-1] if current and current.items else None
        if prev is not None and prev.kind == "lettered" and s[0].islower() and prev.text[-1:] not in ".;:,":
            prev.text = f"{prev.text} {s}"  # a hard-wrapped lettered item (27.3)
            i += 1
            continue
        if _is_subheading(s):
            level = 2
            if current.id == "1" and s.startswith("Section 3"):
                level = 3
            elif current.id == "3" and s in CHAPTER3_TOP_HEADINGS:
                in_agencies = True
            elif current.id == "3" and in_agencies:
                level = 3
            add(Item("heading", s, lineno, level=level))
            i += 1
            continue
        add(Item("quote" if s[0] in QUOTE_START else "prose", s, lineno))
        i += 1

    return Guidance(chapters, footnotes, glossary, warnings, sha)


def load(path: Path | None = None) -> Guidance:
    return parse((path or SOURCE).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# The paragraph index
# ---------------------------------------------------------------------------


def first_words(text: str, k: int = 10) -> str:
    words = FN_MARK_RE.sub("", text).replace("\u00a0", " ").split()
    return " ".join(words[:k])


def make_index(g: Guidance) -> dict:
    paras = []
    for ch in g.chapters:
        for it in ch.items:
            if it.kind == "para":
                e = {"number": it.number, "occurrence": it.occurrence, "anchor": it.anchor,
                     "chapter": ch.id, "first_words": first_words(it.text)}
                if it.printed:
                    e["printed"] = it.printed
                paras.append(e)
    stds = []
    for ch in g.chapters:
        last_para = None
        pending: list[dict] = []
        for it in ch.items:
            if it.kind == "standard":
                e = {"anchor": it.anchor, "chapter": ch.id, "first_words": first_words(it.text),
                     "before_paragraph": None}
                stds.append(e)
                pending.append(e)
            elif it.kind == "para":
                for e in pending:
                    e["before_paragraph"] = it.anchor
                pending = []
                last_para = it
        del last_para
    counts = {
        "paragraphs": len(paras),
        "chapters": len(g.chapters),
        "standards": len(stds),
        "footnotes": len(g.footnotes),
        "glossary": len(g.glossary),
    }
    return {
        "description": "Every numbered paragraph of the national MAPPA Guidance with its anchor. "
                       "Written by python -m mappa_guidance.importer --update-index; checked by every build.",
        "source": "guidance/mappa_guidance/source/national-mappa-guidance.txt",
        "source_sha256": g.sha256,
        "counts": counts,
        "chapters": [{"id": c.id, "title": c.title} for c in g.chapters],
        "paragraphs": paras,
        "standards": stds,
    }


def compare_index(new: dict, old: dict) -> list[str]:
    """Differences that must fail the build (an empty list when the index is unchanged)."""
    problems = []
    if new["counts"] != old["counts"]:
        problems.append(f"counts changed: {old['counts']} -> {new['counts']}")
    old_p = {e["anchor"]: e for e in old["paragraphs"]}
    new_p = {e["anchor"]: e for e in new["paragraphs"]}
    for a in sorted(set(old_p) - set(new_p)):
        problems.append(f"anchor {a} disappeared (was: {old_p[a]['first_words']!r})")
    for a in sorted(set(new_p) - set(old_p)):
        problems.append(f"new anchor {a} ({new_p[a]['first_words']!r})")
    for a in sorted(set(old_p) & set(new_p)):
        for key in ("number", "occurrence", "chapter", "first_words", "printed"):
            if old_p[a].get(key) != new_p[a].get(key):
                problems.append(f"{a}: {key} changed {old_p[a].get(key)!r} -> {new_p[a].get(key)!r}")
    if [e["anchor"] for e in old["paragraphs"]] != [e["anchor"] for e in new["paragraphs"]] and not problems:
        problems.append("the order of the paragraphs changed")
    if [(e["anchor"], e["first_words"]) for e in old["standards"]] != [(e["anchor"], e["first_words"]) for e in new["standards"]]:
        problems.append("the standards changed")
    return problems


def validate(g: Guidance) -> list[str]:
    """Checks of the parse itself against the measured structure of the source."""
    problems = []
    paras = g.paragraphs()
    anchors = [p.anchor for p in paras]
    if len(set(anchors)) != len(anchors):
        problems.append("duplicate paragraph anchors")
    counts = {"paragraphs": len(paras), "chapters": len(g.chapters), "standards": len(g.standards()),
              "footnotes": len(g.footnotes), "glossary": len(g.glossary)}
    for k, v in EXPECTED.items():
        if counts[k] != v:
            problems.append(f"{k}: expected {v}, parsed {counts[k]}")
    used = [int(x) for ch in g.chapters for it in ch.items
            for x in FN_MARK_RE.findall(it.text + " ".join(c for r in it.rows for c in r))]
    if sorted(used) != sorted(g.footnotes):
        problems.append("footnote references and definitions do not match one to one")
    return problems


# ---------------------------------------------------------------------------
# Rendering (Markdown for MkDocs with attr_list, md_in_html, tables, abbr)
# ---------------------------------------------------------------------------

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"\u201c\u201d]+")
DUP_NOTE = ("The official guidance prints the number {num} twice. This is the {nth} paragraph "
            "with that number; its own link is <a href=\"#{anchor}\">#{anchor}</a>.")


def _trim_url(url: str) -> tuple[str, str]:
    tail = ""
    while url and url[-1] in ".,;:)":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def _linkify(s: str) -> str:
    def sub(m: re.Match) -> str:
        url, tail = _trim_url(m.group(0))
        if url.lower() in ("www.gov.uk", "www.gov.uk/"):  # the text of a lost link, not an address
            return m.group(0)
        href = url if url.startswith("http") else f"https://{url}"
        return f"[{url}]({href}){tail}"
    return URL_RE.sub(sub, s)


# Cross-references to paragraphs: a number after "paragraph(s)", "para", "see" or "Chapter"
# ("see paragraphs 10.23-10.26", "Chapter 11.14", "see 6.12(a)"), and the further numbers of a list
# or range that follows.  Numbers elsewhere (the Governance Code's "3.1 and 5.5 of the Code",
# "ViSOR Standards 2.0") are not touched.
_NUM = r"\d{1,2}[a-zA-Z]?\.\d{1,3}(?!\d)"
XREF_RE = re.compile(
    rf"(?P<lead>\b(?:[Pp]aragraphs?|[Pp]aras?\.?|[Ss]ee|[Cc]hapter)\s+)(?P<refs>{_NUM}(?:[a-z]?\)?\s*(?:-|\u2013|to|and|or|,)\s*{_NUM})*)")
XREF_NUM_RE = re.compile(_NUM)
#: Which use of a duplicated number a cross-reference means, by (paragraph the reference stands in,
#: number cited); otherwise the first use (guidance-source-structure notes, 7.5).
XREF_OCCURRENCE = {
    ("para-20-18", "20.28"): 2,  # "inform the National MAPPA Team if an SCR is discontinued (see paragraph 20.28)"
    ("para-10-6", "10.23"): 2,  # "complex disclosures see paragraphs 10.23-10.26": Disclosure to victims
    ("para-10-19", "10.23"): 2,  # "(see 10.23-10.26 for examples)"
}

_XREF = {"anchors": None}


def _xref_anchor(number: str, in_para: str) -> str | None:
    if _XREF["anchors"] is None:
        _XREF["anchors"] = {e["anchor"]: e for e in load_index()["paragraphs"]}
    ch, n = number.split(".")
    k = XREF_OCCURRENCE.get((in_para, f"{ch.lower()}.{int(n)}"), 1)
    a = anchor_for(ch, int(n), k)
    return a if a in _XREF["anchors"] else None


def _xrefs(s: str, chapter: str, in_para: str) -> str:
    def one(m: re.Match) -> str:
        a = _xref_anchor(m.group(0), in_para)
        if not a:
            return m.group(0)
        ch = _XREF["anchors"][a]["chapter"]
        target = f"#{a}" if ch == chapter else f"{ch}.md#{a}"
        return f"[{m.group(0)}]({target})"

    def refs(m: re.Match) -> str:
        if re.match(r"\)?\s*of the (?:Governance )?Code", m.string[m.end():]):
            return m.group(0)  # paragraphs of the Governance Code on Public Appointments (chapter 5)
        return m.group("lead") + XREF_NUM_RE.sub(one, m.group("refs"))

    parts = URL_RE.split(s)
    urls = URL_RE.findall(s)
    out = [XREF_RE.sub(refs, parts[0])]
    for url, rest in zip(urls, parts[1:]):
        out += [url, XREF_RE.sub(refs, rest)]
    return "".join(out)


_CTX = {"chapter": "", "para": ""}


def inline(s: str) -> str:
    """Source text -> Markdown inline text: links, footnote markers, escapes."""
    s = " ".join(s.replace("\u00a0", " ").split())
    s = s.replace("\\", "\\\\")
    if _CTX["chapter"]:
        s = _xrefs(s, _CTX["chapter"], _CTX["para"])
    s = _linkify(s)
    return FN_MARK_RE.sub(
        lambda m: (f'<sup class="fn-ref" id="fnref-{m.group(1)}"><a href="#fn-{m.group(1)}" '
                   f'aria-label="Footnote {m.group(1)}">{m.group(1)}</a></sup>'), s)


def _block_text(s: str) -> str:
    """Inline text that starts a block: escape what Markdown would read as a list or heading."""
    s = inline(s)
    s = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", s)
    s = re.sub(r"^([-+*])(\s)", r"\\\1\2", s)
    return s


def _ordinal(k: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(k, f"{k}th")


def render_chapter(ch: Chapter, dup_numbers: set[str], backlinks: dict[str, list[tuple[str, str]]]) -> str:
    _CTX.update(chapter=ch.id, para="")
    try:
        return _render_chapter(ch, dup_numbers, backlinks)
    finally:
        _CTX.update(chapter="", para="")


def _render_chapter(ch: Chapter, dup_numbers: set[str], backlinks: dict[str, list[tuple[str, str]]]) -> str:
    out: list[str] = [f"# {ch.heading} {{ #chapter-{ch.id} }}", ""]
    open_block: str | None = None  # "para" or "standard"
    list_kind: str | None = None
    lettered_seen: set[str] = set()
    para: Item | None = None

    def close_list() -> None:
        nonlocal list_kind
        if list_kind == "lettered":
            out.extend(["", "</div>", ""])
        elif list_kind:
            out.append("")
        list_kind = None

    def close_block() -> None:
        nonlocal open_block, para
        close_list()
        if open_block == "para" and para is not None:
            if para.number in dup_numbers:
                out.append(DUP_NOTE.format(num=para.number, nth=_ordinal(para.occurrence), anchor=para.anchor)
                           + "\n{ .para-note }")
                out.append("")
            if para.printed:
                out.append(f"The official guidance prints this number as \u201c{para.printed.strip()}\u201d.\n{{ .para-note }}")
                out.append("")
            links = backlinks.get(para.anchor)
            if links:
                items = ", ".join(f'<a href="../../calculators/{cid}/">{title}</a>' for cid, title in links)
                out.append(f"Calculators that rely on this paragraph: {items}\n{{ .para-backlinks }}")
                out.append("")
        if open_block:
            out.extend(["</div>", ""])
        open_block = None
        para = None

    list_fresh, list_ids_on = False, True

    def start_list(kind: str) -> None:
        nonlocal list_kind, list_fresh
        if list_kind == kind:
            return
        close_list()
        if kind == "lettered":
            out.extend(['<div class="lettered" markdown>', ""])
            list_fresh = True
        list_kind = kind

    for it in ch.items:
        if it.kind in ("heading", "standard"):
            _CTX["para"] = ""
        if it.kind == "heading":
            close_block()
            out.extend([f"{'#' * it.level} {inline(it.text)}", ""])
        elif it.kind == "para":
            close_block()
            open_block, para = "para", it
            _CTX["para"] = it.anchor
            shown = it.number
            out.extend([f'<div class="para" id="{it.anchor}" markdown>', "",
                        f"[{shown}](#{it.anchor}){{ .para-num title=\"Link to paragraph {shown}\" }} {inline(it.text)}", ""])
        elif it.kind == "standard":
            close_block()
            open_block = "standard"
            out.extend([f'<div class="admonition standard" id="{it.anchor}" markdown>', "",
                        '<p class="admonition-title">Standard</p>', "", _block_text(it.text), ""])
        elif it.kind == "bullet":
            start_list("bullet")
            out.append(f"- {inline(it.text)}")
        elif it.kind == "numbered":
            start_list("numbered")
            out.append(f"{it.label}. {inline(it.text)}")
        elif it.kind == "lettered":
            start_list("lettered")
            letter = it.label.strip("().")
            attr = ""
            if para is not None:
                sub = f"{para.anchor}-{letter}"
                if list_fresh:  # a list that restarts at a letter already used gets no sub-anchors
                    list_ids_on = sub not in lettered_seen
                    list_fresh = False
                if list_ids_on and sub not in lettered_seen:
                    lettered_seen.add(sub)
                    attr = f"\n  {{ #{sub} }}"
            out.append(f"- {it.label} {inline(it.text)}{attr}")
        elif it.kind in ("prose", "quote"):
            if it.kind == "prose" and (open_block == "standard" or (ch.id == "28" and open_block is None)):
                start_list("bullet")  # criteria lines under a standard (chapter 28, 6.1)
                out.append(f"- {inline(it.text)}")
                continue
            close_list()
            if it.kind == "quote":
                out.extend([f"> {inline(it.text)}", ""])
            else:
                out.extend([_block_text(it.text), ""])
        elif it.kind == "table":
            close_list()
            header, *rows = it.rows
            cell = lambda c: "<br>".join(inline(x) for x in c.split("\n"))  # noqa: E731
            out.append("| " + " | ".join(cell(c) for c in header) + " |")
            out.append("| " + " | ".join("---" for _ in header) + " |")
            for r in rows:
                out.append("| " + " | ".join(cell(c) for c in r) + " |")
            out.append("")
    close_block()
    return "\n".join(out)


def render_footnotes(numbers: list[int], footnotes: dict[int, str]) -> str:
    if not numbers:
        return ""
    out = ["## Footnotes { #footnotes }", "",
           "Footnotes keep the numbers of the official guidance, which numbers them through the whole document.", ""]
    for k in numbers:
        out.append(f'<span class="fn-num">{k}.</span> {_block_text(footnotes[k]).lstrip()} '
                   f'<a class="fn-back" href="#fnref-{k}" aria-label="Back to the text of footnote {k}">\u21a9</a>\n'
                   f"{{ #fn-{k} .footnote }}")
        out.append("")
    return "\n".join(out)


def render_contents(g: Guidance) -> str:
    out = ["# The national MAPPA Guidance { #contents }", "",
           "The full text of the national MAPPA Guidance, one page per chapter. Every numbered "
           "paragraph has its own address: add `#para-` and the number, with a hyphen for the full "
           "stop, to the chapter's address. For example, paragraph 20.3 is at "
           "[guidance/20/#para-20-3](20.md#para-20-3) and paragraph 13a.18 at "
           "[guidance/13a/#para-13a-18](13a.md#para-13a-18). Select a paragraph number on a "
           "chapter page to get its link.", "",
           "Where the official text prints a paragraph number twice, the second one gets `-2` "
           "(for example [10.23, second use](10.md#para-10-23-2)). The guidance has no chapter 18. "
           "See [defects of the guidance](../about/guidance-defects.md) for every numbering "
           "problem and [licence](../about/licence.md) for the terms of reuse.", "",
           "| Chapter | Paragraphs | Standards |", "| --- | --- | --- |"]
    for ch in g.chapters:
        paras = [it for it in ch.items if it.kind == "para"]
        stds = sum(1 for it in ch.items if it.kind == "standard")
        rng = f"{paras[0].number} to {paras[-1].number}" if paras else ""
        out.append(f"| [{ch.heading}]({ch.id}.md) | {rng} ({len(paras)}) | {stds} |")
    out += ["", "[Glossary](glossary.md) of the abbreviations, form names and key terms used in the "
            "guidance and on this site.", ""]
    return "\n".join(out)


def render_page(ch: Chapter, g: Guidance, dup_numbers: set[str], backlinks) -> str:
    body = render_chapter(ch, dup_numbers, backlinks)
    numbers = [int(x) for x in re.findall(r'id="fnref-(\d+)"', body)]
    fn = render_footnotes(numbers, g.footnotes)
    return body + ("\n" + fn if fn else "")


# ---------------------------------------------------------------------------
# The build step
# ---------------------------------------------------------------------------


def _backlinks() -> dict[str, list[tuple[str, str]]]:
    try:
        from . import citations
        from mappa_rules import CALCULATORS
        cited = citations.cited_by()
    except Exception as exc:  # the citations step reports real problems; never block the pages here
        print(f"guidance: back-links skipped ({type(exc).__name__}: {exc})", file=sys.stderr)
        return {}
    return {a: [(cid, CALCULATORS[cid].title) for cid in ids] for a, ids in cited.items()}


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def build(update_index: bool | None = None) -> Guidance:
    if update_index is None:
        update_index = os.environ.get("MAPPA_UPDATE_INDEX") == "1"
    g = load()
    problems = validate(g)
    if problems:
        raise SystemExit("guidance: the source does not parse as expected:\n  " + "\n  ".join(problems))
    index = make_index(g)
    if update_index or not INDEX.exists():
        INDEX.write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"guidance: wrote the paragraph index {_shown(INDEX)}")
    else:
        diff = compare_index(index, load_index(INDEX))
        if diff:
            raise SystemExit(
                "guidance: the paragraphs no longer match the committed paragraph index "
                f"{_shown(INDEX)}:\n  " + "\n  ".join(diff[:40])
                + ("\n  …" if len(diff) > 40 else "")
                + "\nIf the source text was changed on purpose, run "
                  "`.venv/bin/python -m mappa_guidance.importer --update-index` and review the diff.")
    for w in g.warnings:
        print(f"guidance: warning: {w}", file=sys.stderr)

    dup_numbers = {e["number"] for e in index["paragraphs"] if e["occurrence"] > 1}
    backlinks = _backlinks()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.md"):
        old.unlink()
    for ch in g.chapters:
        (OUT / f"{ch.id}.md").write_text(render_page(ch, g, dup_numbers, backlinks), encoding="utf-8")
    (OUT / "index.md").write_text(render_contents(g), encoding="utf-8")
    c = index["counts"]
    print(f"guidance: {c['chapters']} chapters, {c['paragraphs']} paragraphs, {c['standards']} standards, "
          f"{c['footnotes']} footnotes, {c['glossary']} glossary entries")
    return g


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import the national MAPPA Guidance into docs/guidance/.")
    parser.add_argument("--update-index", action="store_true",
                        help="rewrite the committed paragraph index from the source (review the diff!)")
    args = parser.parse_args(argv)
    build(update_index=args.update_index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
