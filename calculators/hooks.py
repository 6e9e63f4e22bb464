"""MkDocs hook: no inline scripts, so the site works under a strict Content-Security-Policy.

Material for MkDocs writes two small inline ``<script>`` elements into every page (its storage
helpers and a tab-restoring snippet).  ``script-src 'self'`` blocks them, and the theme breaks
without the first.  This hook moves the text of every inline script (not data blocks such as
``type="application/json"``) into a file named after its hash under ``assets/javascripts/``, and
refers to it with ``src``.  A classic external script without ``async``/``defer`` runs at the same
point as the inline one did, so the order of execution is unchanged.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

_INLINE = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template", "importmap")
_SCRIPTS: dict[str, str] = {}


def _externalise(html: str, href_for) -> str:
    def repl(m: re.Match) -> str:
        attrs, body = m.group("attrs") or "", m.group("body")
        if re.search(r"\bsrc\s*=", attrs, re.I) or not body.strip():
            return m.group(0)
        type_ = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs, re.I)
        if type_ and type_.group(1).lower() in _DATA_TYPES:
            return m.group(0)
        name = f"assets/javascripts/inline-{hashlib.sha256(body.encode()).hexdigest()[:12]}.js"
        _SCRIPTS[name] = body
        return f'<script{attrs} src="{href_for(name)}"></script>'

    return _INLINE.sub(repl, html)


def on_post_page(output: str, page, config, **kwargs) -> str:
    return _externalise(output, lambda name: get_relative_url(name, page.url))


def on_post_template(output_content: str, template_name: str, config, **kwargs) -> str:
    base = urlsplit(config.site_url or "/").path or "/"
    if not base.endswith("/"):
        base += "/"
    return _externalise(output_content, lambda name: base + name)


def on_post_build(config, **kwargs) -> None:
    site = Path(config.site_dir)
    for name, body in _SCRIPTS.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
