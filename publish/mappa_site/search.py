"""After ``mkdocs build``: write the site's search index, one entry per numbered paragraph.

A plain Python step (not an MkDocs plugin or hook, so the build stays portable), run as
``python -m mappa_site.search site``; ``make build`` does it.  It reads the built pages and writes
``search/index.json`` for the site's own search (``publish/theme/assets/site/search.mjs``):

* every numbered paragraph of the guidance is an entry of its own, titled with its number and first
  words ("20.3 The SMB Chair must commission an SCR…") and located at its anchor
  (``guidance/20/#para-20-3``), so that any phrase lands on its paragraph and a number can be
  looked up directly; every standard too;
* every other page (and every chapter) is an entry, and each of its sections (an ``h2``/``h3`` with
  an id) another one, with the text of that section;
* a calculator page is indexed by its title, summary and introduction only (from the rule package's
  declarations): the labels of its questions and answers would flood the index;
* every glossary term is an entry (its meaning and plain-English line), and the glossary's ``see``
  paragraphs give the "best bets": the entries a search for the term, one of its aliases or its
  expansion shows first ("MAPPA P" -> 21.16, 14.24, then the glossary; "SCR" -> chapter 20).

Material's own search plugin still runs (the theme draws the search box only with it) but its index,
its search worker and its lunr language files are not used: this step deletes them, so that no stale
copy is served, saved for offline use or fetched.

The index is fetched by the browser on the first use of the search box, never on page load, so the
calculator engine has the CPU to itself when a page opens.  Nothing typed leaves the browser.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INDEX_PATH = Path("search") / "index.json"
MATERIAL_INDEX = Path("search") / "search_index.json"
#: Material's search worker and lunr (about 1.5 MB), which the site's own search does not use.
MATERIAL_SEARCH_CODE = ("assets/javascripts/workers/search.*", "assets/javascripts/lunr")

#: Entry kinds (the first field of an entry)
PARAGRAPH, STANDARD, PAGE, SECTION, TERM, CALCULATOR = "p", "s", "page", "sec", "term", "calc"
#: A section of the training pages: a worked example, which quotes the guidance; the search ranks it
#: below the paragraph it quotes.
EXAMPLE = "example"

_SKIP_CLASSES = {"para-num", "para-note", "para-backlinks", "headerlink", "fn-ref", "fn-back",
                 "admonition-title", "md-source-file", "glossary-letters",
                 # a worked example is found by its story and teaching point: the answers given and the
                 # rendered answer would flood the index with calculator wording
                 "mappa-example-given", "mappa-result"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "param", "track"}
_BLOCK = {"p", "div", "li", "dt", "dd", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote",
          "section", "table", "ul", "ol", "dl", "details", "summary", "figure", "pre"}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


class PageParser(HTMLParser):
    """The searchable parts of one built page: its title, sections, paragraphs and standards."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0  # depth inside <article class="md-content__inner">
        self.skip = 0  # depth inside an element whose text is not indexed
        self.stack: list[tuple[str, str]] = []  # (tag, role) of the open elements inside the article
        self.title = ""
        self.heading: tuple[str, str] | None = None  # (level tag, id) being read
        self.heading_text: list[str] = []
        self.blocks: list[dict] = []  # {"kind", "id", "title", "text"}
        self.sections: list[dict] = [{"kind": PAGE, "id": "", "title": "", "text": []}]
        self.block: dict | None = None  # the paragraph or standard being read
        self.calculator = ""

    # -- helpers
    def _sink(self) -> list[str] | None:
        if self.skip:
            return None
        if self.heading is not None:
            return self.heading_text
        if self.block is not None:
            return self.block["text"]
        return self.sections[-1]["text"]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.in_article = 1
            return
        if not self.in_article:
            return
        role = ""
        if self.skip or classes & _SKIP_CLASSES or tag in ("script", "style", "svg", "template", "button", "form"):
            role = "skip"
            self.skip += 1
        elif tag == "div" and "mappa-calc" in classes:
            self.calculator = a.get("data-calculator", "")
            role = "skip"
            self.skip += 1
        elif tag == "div" and "para" in classes and a.get("id", "").startswith("para-") and self.block is None:
            self.block = {"kind": PARAGRAPH, "id": a["id"], "text": []}
            role = "block"
        elif tag == "div" and "standard" in classes and a.get("id", "").startswith("std-") and self.block is None:
            self.block = {"kind": STANDARD, "id": a["id"], "text": []}
            role = "block"
        elif tag in ("h1", "h2", "h3") and self.block is None:
            self.heading = (tag, a.get("id", ""))
            self.heading_text = []
            role = "heading"
        if tag not in _VOID:
            self.stack.append((tag, role))
        if tag in _BLOCK:
            sink = self._sink()
            if sink is not None:
                sink.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if not self.in_article:
            return
        if tag == "article" and not any(t == "article" for t, _ in self.stack):
            self.in_article = 0
            return
        if tag in _VOID:
            return
        # close up to the matching open element (HTML from Markdown is well formed; be lenient)
        while self.stack:
            t, role = self.stack.pop()
            if role == "skip":
                self.skip -= 1
            elif role == "block" and self.block is not None:
                self.block["text"] = _squeeze("".join(self.block["text"]))
                self.blocks.append(self.block)
                self.block = None
            elif role == "heading" and self.heading is not None:
                level, hid = self.heading
                text = _squeeze("".join(self.heading_text))
                self.heading = None
                if level == "h1" and not self.title:
                    self.title = text
                elif hid:
                    self.sections.append({"kind": SECTION, "id": hid, "title": text, "text": []})
                else:
                    self.sections[-1]["text"].append(" " + text + " ")
            if t == tag:
                break
        if tag in _BLOCK:
            sink = self._sink()
            if sink is not None:
                sink.append(" ")

    def handle_data(self, data):
        if not self.in_article:
            return
        sink = self._sink()
        if sink is not None:
            sink.append(data)


def _location(page_dir: str, anchor: str = "") -> str:
    return page_dir + (f"#{anchor}" if anchor else "")


def page_dir(site: Path, html_file: Path) -> str:
    rel = html_file.parent.relative_to(site).as_posix()
    return "" if rel == "." else rel + "/"


def paragraph_titles() -> dict[str, str]:
    """``{anchor: "20.3 first words…"}`` from the committed paragraph index."""
    from mappa_guidance.paragraphs import load_index

    out = {}
    for e in load_index()["paragraphs"]:
        label = e["number"] + (" (second use)" if e["occurrence"] == 2 else "")
        words = e["first_words"]
        out[e["anchor"]] = f"{label} {words}…" if words else label
    return out


def entries_of_page(site: Path, html_file: Path, titles: dict[str, str], calculators) -> list[list[str]]:
    """The index entries of one built page: ``[kind, title, location, text, context]``."""
    parser = PageParser()
    parser.feed(html_file.read_text(encoding="utf-8"))
    where = page_dir(site, html_file)
    title = parser.title or where.strip("/") or "Home"
    out: list[list[str]] = []
    if parser.calculator and parser.calculator in calculators:
        calc = calculators[parser.calculator]
        text = _squeeze(" ".join([calc.summary, calc.intro or ""]))
        return [[CALCULATOR, calc.title, where, text, "Calculators"]]
    section = EXAMPLE if where.startswith("training/") else SECTION
    for s in parser.sections:
        text = _squeeze("".join(s["text"]))
        if s["kind"] == PAGE:
            out.append([PAGE, title, where, text, ""])
        elif text or s["title"]:
            out.append([section, s["title"], _location(where, s["id"]), text, title])
    for b in parser.blocks:
        if b["kind"] == PARAGRAPH:
            b_title = titles.get(b["id"], b["id"])
        else:
            words = b["text"].split()
            b_title = "Standard: " + " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        out.append([b["kind"], b_title, _location(where, b["id"]), b["text"], title])
    return out


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z.]+", " ", s.lower().replace("\u2019", "'")).split())


def glossary_entries(entries) -> tuple[list[list[str]], list[tuple[object, str]]]:
    """Index entries for the glossary's terms, and (glossary entry, location) pairs."""
    from mappa_guidance.glossary import GUIDANCE

    out, pairs = [], []
    for e in entries:
        loc = f"guidance/glossary/#{e.slug}"
        title = f"{e.term}: {e.expansion}" if e.expansion else e.term
        source = "meaning from the guidance's glossary" if e.source == GUIDANCE else "added by us"
        out.append([TERM, title, loc, _squeeze(" ".join([e.plain, *e.aliases])), source])
        pairs.append((e, loc))
    return out, pairs


def best_bets(docs: list[list[str]], pairs) -> dict[str, list[int]]:
    """``{normalised query: [entry indexes]}``: a glossary term's home paragraphs first, then its
    glossary entry.  Keys: the term, its aliases and its expansion."""
    by_location = {d[2]: i for i, d in enumerate(docs)}
    bets: dict[str, list[int]] = {}
    for e, loc in pairs:
        targets = []
        for t in e.anchors():
            page, _, anchor = t.partition("#")
            target = f"guidance/{page[:-3]}/" + (f"#{anchor}" if anchor else "")
            if target in by_location:
                targets.append(by_location[target])
        targets.append(by_location[loc])
        keys = [e.term, *e.aliases]
        if e.expansion and len(e.expansion) <= 60:
            keys.append(re.sub(r"\s*\(.*?\)\s*", " ", e.expansion))
        for k in keys:
            n = _norm(k)
            if n and n not in bets:
                bets[n] = list(dict.fromkeys(targets))
    return bets


def build_index(site: Path) -> dict:
    from mappa_guidance import glossary
    from mappa_rules import CALCULATORS

    titles = paragraph_titles()
    docs: list[list[str]] = []
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).parts
        if rel[0] in ("assets", "search", "bench"):
            continue
        if rel[0] == "training" and ("handouts" in rel or "exercises" in rel):
            continue  # printed and exercise copies of the worked examples, which are indexed
        if rel[:2] == ("guidance", "glossary"):
            docs.append([PAGE, "Glossary", "guidance/glossary/", "Abbreviations, form names and key terms", ""])
            continue
        docs.extend(entries_of_page(site, f, titles, CALCULATORS))
    terms, pairs = glossary_entries(glossary.load())
    docs.extend(terms)
    return {
        "version": 1,
        "fields": ["kind", "title", "location", "text", "context"],
        "docs": docs,
        "bets": best_bets(docs, pairs),
    }


def write(site: Path) -> Path:
    index = build_index(site)
    out = site / INDEX_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    stale = site / MATERIAL_INDEX
    if stale.exists():
        stale.unlink()
    for pattern in MATERIAL_SEARCH_CODE:
        for unused in site.glob(pattern):
            shutil.rmtree(unused) if unused.is_dir() else unused.unlink()
    workers = site / "assets" / "javascripts" / "workers"
    if workers.is_dir() and not any(workers.iterdir()):
        workers.rmdir()
    return out


def main(argv: list[str] | None = None) -> int:
    from . import built_site

    site = built_site(sys.argv[1:] if argv is None else argv, "search")
    if site is None:
        return 2
    out = write(site)
    data = json.loads(out.read_text(encoding="utf-8"))
    kinds: dict[str, int] = {}
    for d in data["docs"]:
        kinds[d[0]] = kinds.get(d[0], 0) + 1
    print(f"search: {len(data['docs'])} entries ({kinds.get(PARAGRAPH, 0)} paragraphs, {kinds.get(STANDARD, 0)} "
          f"standards, {kinds.get(TERM, 0)} glossary terms, {kinds.get(CALCULATOR, 0)} calculators), "
          f"{len(data['bets'])} best bets, {out.stat().st_size // 1024} KB in {out.relative_to(site)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
