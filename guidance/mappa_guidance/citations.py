"""Check every paragraph a rule module or one of our pages cites against the paragraph index (a build step).

The rule modules cite the guidance only through ``p("20.3")``, ``p("10.23", 2)`` and
``ps("6.8", "6.9")`` with literal arguments, or with a literal anchor string ``"para-20-3"``.  This
step reads ``rules/mappa_rules/*.py`` with :mod:`ast` (nothing is imported or run), resolves each
citation with :func:`mappa_rules.core.p` and fails the build, naming file, line and citation, when a
citation is not a paragraph of the committed index ``guidance/mappa_guidance/source/paragraph-index.json``
(for example a gap such as 24.19, a paragraph of the missing chapter 18, or a duplicated number
cited without its occurrence).

Our own pages (every hand-written Markdown page of ``docs/``; the generated ``docs/guidance/`` and
``docs/calculators/`` are left out) are checked the same way: every link to a chapter of the
guidance (``../guidance/20.md#para-20-3`` or ``../guidance/20/#para-20-3``, in Markdown or in an
``href``) must name a chapter of the index, and its ``#para-…`` or ``#std-…`` anchor must be a
paragraph or standard of that chapter; a ``#para-…`` anchor on any other page is an error too.  In
the handbook and the task pages (:data:`LINKED_NUMBERS_ONLY`), a paragraph number written in the
text must be a link: every statement resting on the guidance links its paragraph.

:func:`cited_by` gives the back-links shown on the chapter pages: ``{anchor: [calculator ids]}``.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RULES = ROOT / "rules" / "mappa_rules"
DOCS = ROOT / "docs"
#: Folders of docs/ written by the build, not by us.
GENERATED_DOCS = ("guidance", "calculators", "assets")
#: Folders of docs/ where a paragraph number in the text must be a link.
LINKED_NUMBERS_ONLY = ("handbook", "tasks")
ANCHOR_LITERAL = re.compile(r"^para-\d{1,2}[a-z]?-\d{1,3}(?:-\d+)?$")
CITE_FUNCTIONS = {"p", "ps"}
#: Modules that define the citation helpers themselves (their calls are not citations).
SKIP_MODULES = {"core.py"}


@dataclass(frozen=True)
class Citation:
    file: Path
    line: int
    text: str  # the citation as written: 'p("20.3")', '"para-20-3"'
    anchor: str | None  # None when the call itself is invalid
    error: str = ""

    def where(self) -> str:
        try:
            shown = self.file.relative_to(ROOT)
        except ValueError:
            shown = self.file
        return f"{shown}:{self.line}"


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


def _literal(node: ast.AST):
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int)) and not isinstance(node.value, bool):
        return node.value
    return None


def scan_file(path: Path) -> tuple[list[Citation], list[str]]:
    """Citations in one module, and notes about calls that cannot be checked (non-literal)."""
    from mappa_rules.core import p as resolve

    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Citation] = []
    notes: list[str] = []
    in_calls: set[int] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _call_name(node) in CITE_FUNCTIONS):
            continue
        name = _call_name(node)
        for a in node.args:
            in_calls.add(id(a))
        args = [_literal(a) for a in node.args]
        written = f"{name}({', '.join(repr(a) if a is not None else '…' for a in args)})"
        if any(a is None for a in args) or node.keywords or not args:
            notes.append(f"{path.name}:{node.lineno}: {written} has non-literal arguments; it cannot be checked")
            continue
        calls = [tuple(args)] if name == "p" else [(a,) for a in args]
        for call in calls:
            text = f"p({', '.join(repr(a) for a in call)})"
            try:
                found.append(Citation(path, node.lineno, text, resolve(*call)))
            except (ValueError, TypeError) as exc:
                found.append(Citation(path, node.lineno, text, None, str(exc)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_calls:
            if ANCHOR_LITERAL.match(node.value):
                found.append(Citation(path, node.lineno, repr(node.value), node.value))
    found.sort(key=lambda c: (c.line, c.text))
    return found, notes


def modules(rules_dir: Path = RULES) -> list[Path]:
    return sorted(f for f in rules_dir.glob("*.py") if f.name not in SKIP_MODULES)


def collect(rules_dir: Path = RULES) -> tuple[list[Citation], list[str]]:
    citations: list[Citation] = []
    notes: list[str] = []
    for f in modules(rules_dir):
        c, n = scan_file(f)
        citations += c
        notes += n
    return citations, notes


def problems(rules_dir: Path = RULES, anchors: set[str] | None = None) -> list[str]:
    """Every citation that is not a paragraph of the index, as 'file:line: citation: why'."""
    if anchors is None:
        from .paragraphs import index_anchors
        anchors = index_anchors()
    out = []
    for c in collect(rules_dir)[0]:
        if c.anchor is None:
            out.append(f"{c.where()}: {c.text}: {c.error}")
        elif c.anchor not in anchors:
            out.append(f"{c.where()}: {c.text} -> {c.anchor}: not a paragraph of the national guidance "
                       "(no such number in the paragraph index)")
    return out


def module_calculator(path: Path, calculator_ids) -> str | None:
    cid = path.stem.replace("_", "-")
    return cid if cid in calculator_ids else None


def cited_by(rules_dir: Path = RULES, calculator_ids=None) -> dict[str, list[str]]:
    """``{anchor: [calculator ids]}`` for every valid citation of a calculator module, ids in the
    order of ``mappa_rules.CALCULATORS``."""
    if calculator_ids is None:
        from mappa_rules import CALCULATORS
        calculator_ids = list(CALCULATORS)
    order = {cid: k for k, cid in enumerate(calculator_ids)}
    result: dict[str, set[str]] = {}
    for c in collect(rules_dir)[0]:
        cid = module_calculator(c.file, order)
        if cid and c.anchor:
            result.setdefault(c.anchor, set()).add(cid)
    return {a: sorted(ids, key=order.__getitem__) for a, ids in sorted(result.items())}


# ---------------------------------------------------------------------------
# Our pages
# ---------------------------------------------------------------------------

#: Link targets in Markdown (inline links and images, reference definitions) and in raw HTML.
_MD_LINK = re.compile(r"\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_MD_REF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.M)
_HTML_HREF = re.compile(r"\bhref\s*=\s*(?:\"(?P<url>[^\"]*)\"|'(?P<url2>[^']*)')")
_GUIDANCE_PAGE = re.compile(r"(?:^|/)guidance/(?P<page>[0-9a-z]+)(?:\.md|/(?:index\.md)?)?$")
#: A paragraph number in running text: 20.3, 13a.18 (not part of a longer number, a version or a link).
_BARE_NUMBER = re.compile(r"(?<![\w.#/-])(?P<n>\d{1,2}[ab]?\.\d{1,3})(?![\w-]|\.\d)")
#: Inline links, reference links, code spans and HTML tags are not running text.
_NOT_TEXT = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\([^)]*\)|\[[^\]]*\]\[[^\]]*\]|`[^`]*`|<a\b[^>]*>.*?</a>|<[^>]+>|^[ ]{0,3}\[[^\]]+\]:[^\n]*$", re.M | re.S)


@dataclass(frozen=True)
class PageLink:
    file: Path
    line: int
    url: str
    html: bool = False  # an href of raw HTML: relative to the built page's address, not to the file


def our_pages(docs: Path = DOCS) -> list[Path]:
    """The hand-written Markdown pages of ``docs/``."""
    return sorted(f for f in docs.rglob("*.md")
                  if f.relative_to(docs).parts[0] not in GENERATED_DOCS)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def page_links(path: Path) -> list[PageLink]:
    text = path.read_text(encoding="utf-8")
    found = []
    for rx in (_MD_LINK, _MD_REF, _HTML_HREF):
        for m in rx.finditer(text):
            group = "url" if m.group("url") is not None or rx is not _HTML_HREF else "url2"
            found.append(PageLink(path, _line(text, m.start(group)), m.group(group), rx is _HTML_HREF))
    return sorted(set(found), key=lambda link: (link.line, link.url))


def _where(path: Path, line: int) -> str:
    try:
        shown = path.relative_to(ROOT)
    except ValueError:
        shown = path
    return f"{shown}:{line}"


def link_problem(link: PageLink, docs: Path, index: dict) -> str | None:
    """Why a link of one of our pages does not reach a paragraph of the guidance (None: it does, or
    it does not point into the guidance at all)."""
    url = link.url
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):  # https:, mailto: ...: not ours to check
        return None
    path, _, fragment = url.partition("#")
    chapters = {c["id"] for c in index["chapters"]}
    target_page = None
    if path:
        base = link.file.parent
        if link.html and link.file.name != "index.md":  # docs/handbook/a.md is served at handbook/a/
            base = base / link.file.stem
        try:
            rel = (base / path).resolve().relative_to(docs.resolve()).as_posix()
        except ValueError:
            rel = path
        m = _GUIDANCE_PAGE.search(rel)
        if m and rel.startswith("guidance/"):
            target_page = m.group("page")
            if target_page not in chapters | {"index", "glossary"}:
                return f"{url}: there is no chapter {target_page} in the guidance"
    if not fragment.startswith(("para-", "std-")):
        return None
    if target_page is None or target_page not in chapters:
        return f"{url}: a paragraph anchor on a page that is not a chapter of the guidance"
    paras = {e["anchor"]: e["chapter"] for e in index["paragraphs"]}
    paras.update({e["anchor"]: e["chapter"] for e in index["standards"]})
    if fragment not in paras:
        return (f"{url}: #{fragment} is not a paragraph of the national guidance "
                "(no such number in the paragraph index)")
    if paras[fragment] != target_page:
        return f"{url}: #{fragment} is in chapter {paras[fragment]}, not in chapter {target_page}"
    return None


def bare_numbers(path: Path) -> list[str]:
    """Paragraph numbers written in the text of ``path`` without a link, as 'file:line: 20.3'."""
    text = path.read_text(encoding="utf-8")
    blanked = _NOT_TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return [f"{_where(path, _line(text, m.start()))}: paragraph {m.group('n')} is named without a link"
            for m in _BARE_NUMBER.finditer(blanked)]


def page_problems(docs: Path = DOCS, index: dict | None = None) -> list[str]:
    """Every paragraph link of our pages that does not resolve, and every unlinked paragraph number
    of the handbook and the task pages."""
    if index is None:
        from .paragraphs import load_index
        index = load_index()
    out = []
    for f in our_pages(docs):
        for link in page_links(f):
            why = link_problem(link, docs, index)
            if why:
                out.append(f"{_where(f, link.line)}: {why}")
        if f.relative_to(docs).parts[0] in LINKED_NUMBERS_ONLY:
            out += bare_numbers(f)
    return out


def check(rules_dir: Path = RULES, anchors: set[str] | None = None, docs: Path | None = DOCS) -> None:
    """The build step: raise SystemExit naming every unknown citation of the rule modules and every
    paragraph link of our pages that does not resolve."""
    bad = problems(rules_dir, anchors)
    citations, notes = collect(rules_dir)
    for n in notes:
        print(f"citations: note: {n}", file=sys.stderr)
    bad_pages = page_problems(docs) if docs is not None else []
    if bad or bad_pages:
        msg = []
        if bad:
            msg.append("citations: these citations are not paragraphs of the national MAPPA Guidance:\n  "
                       + "\n  ".join(bad))
        if bad_pages:
            msg.append("citations: these links of our pages do not reach a paragraph of the national MAPPA "
                       "Guidance:\n  " + "\n  ".join(bad_pages))
        raise SystemExit("\n".join(msg))
    n_anchors = len({c.anchor for c in citations})
    print(f"citations: {len(citations)} citations of {n_anchors} paragraphs, all in the paragraph index")
    if docs is not None:
        pages = our_pages(docs)
        n_links = sum(1 for f in pages for link in page_links(f) if "#para-" in link.url or "#std-" in link.url)
        print(f"citations: {n_links} paragraph links in {len(pages)} of our pages, all resolve")


if __name__ == "__main__":
    check()
