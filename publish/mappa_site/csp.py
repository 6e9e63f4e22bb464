"""After ``mkdocs build``: move the theme's inline scripts into files, for the strict CSP.

Material for MkDocs writes two small inline ``<script>`` elements into every page (its storage
helpers and a tab-restoring snippet).  ``script-src 'self'`` blocks inline scripts, and the theme
breaks without the first.  This plain Python step (not an MkDocs plugin or hook, so the build stays
portable) rewrites every built HTML file: the text of each inline script (not data blocks such as
``type="application/json"``) goes into ``assets/javascripts/inline-<hash>.js`` and the element
refers to it with ``src``.

Then every classic script with a ``src`` (those files and the theme's bundle) gets ``defer``: none
of them blocks the first paint any more (Lighthouse counted the one in ``<head>`` as render
blocking), and deferred scripts still run in document order, after the page is parsed and before
``DOMContentLoaded``, so the order of execution is unchanged (the head's storage helpers before the
bundle that uses them).

Run as ``python -m mappa_site.csp site``; ``make build`` does it.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

_INLINE = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template", "importmap")


def externalise(html: str, href_for) -> tuple[str, dict[str, str]]:
    """``html`` with its inline scripts replaced by references; the scripts by file name."""
    scripts: dict[str, str] = {}

    def repl(m: re.Match) -> str:
        attrs, body = m.group("attrs") or "", m.group("body")
        if re.search(r"\bsrc\s*=", attrs, re.I) or not body.strip():
            return m.group(0)
        type_ = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs, re.I)
        if type_ and type_.group(1).lower() in _DATA_TYPES:
            return m.group(0)
        name = f"assets/javascripts/inline-{hashlib.sha256(body.encode()).hexdigest()[:12]}.js"
        scripts[name] = body
        return f'<script{attrs} src="{href_for(name)}"></script>'

    return _INLINE.sub(repl, html), scripts


_CLASSIC_EXTERNAL = re.compile(r"<script(?P<attrs>\s[^>]*\bsrc\s*=[^>]*)>", re.I)


def defer_classic(html: str) -> str:
    """``defer`` on every classic script that has a ``src`` and neither ``async`` nor ``defer``."""
    def repl(m: re.Match) -> str:
        attrs = m.group("attrs")
        type_ = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs, re.I)
        if type_ and type_.group(1).lower() not in ("text/javascript", "application/javascript"):
            return m.group(0)  # a module (deferred already) or a data block
        if re.search(r"\b(?:async|defer)\b", attrs, re.I):
            return m.group(0)
        return f"<script{attrs} defer>"

    return _CLASSIC_EXTERNAL.sub(repl, html)


def process(site: Path) -> int:
    written: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        rel_dir = page.parent.relative_to(site)
        if page == site / "404.html":
            # served at any address that does not exist: refer to the scripts from the site root
            href_for = lambda name: "/" + name  # noqa: E731
        else:
            href_for = lambda name, d=rel_dir: Path(os.path.relpath(name, d)).as_posix()  # noqa: E731
        html = page.read_text(encoding="utf-8")
        new, scripts = externalise(html, href_for)
        new = defer_classic(new)
        if new != html:
            page.write_text(new, encoding="utf-8")
        written.update(scripts)
    for name, body in written.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return len(written)


def main(argv: list[str] | None = None) -> int:
    from . import built_site

    site = built_site(sys.argv[1:] if argv is None else argv, "csp")
    if site is None:
        return 2
    n = process(site)
    print(f"csp: {n} inline script(s) moved into files under {site}/assets/javascripts/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
