"""Check every paragraph a rule module cites against the paragraph index (a build step).

The rule modules cite the guidance only through ``p("20.3")``, ``p("10.23", 2)`` and
``ps("6.8", "6.9")`` with literal arguments, or with a literal anchor string ``"para-20-3"``.  This
step reads ``rules/mappa_rules/*.py`` with :mod:`ast` (nothing is imported or run), resolves each
citation with :func:`mappa_rules.core.p` and fails the build, naming file, line and citation, when a
citation is not a paragraph of the committed index ``guidance/mappa_guidance/source/paragraph-index.json``
(for example a gap such as 24.19, a paragraph of the missing chapter 18, or a duplicated number
cited without its occurrence).

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


def check(rules_dir: Path = RULES, anchors: set[str] | None = None) -> None:
    """The build step: raise SystemExit naming every unknown citation."""
    bad = problems(rules_dir, anchors)
    citations, notes = collect(rules_dir)
    for n in notes:
        print(f"citations: note: {n}", file=sys.stderr)
    if bad:
        raise SystemExit("citations: these citations are not paragraphs of the national MAPPA Guidance:\n  "
                         + "\n  ".join(bad))
    n_anchors = len({c.anchor for c in citations})
    print(f"citations: {len(citations)} citations of {n_anchors} paragraphs, all in the paragraph index")


if __name__ == "__main__":
    check()
