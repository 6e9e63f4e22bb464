"""Putting the site together: the build steps in order, the navigation, the post-build steps (CSP,
search index), the local server, the benchmark and the bank-holiday data generator."""

from __future__ import annotations

import sys
from pathlib import Path


def built_site(argv: list[str], step: str) -> Path | None:
    """The site folder a post-build step works on (its first argument, else ``site``), or None after
    saying why when the folder holds no built site."""
    site = Path(argv[0] if argv else "site")
    if not (site / "index.html").exists():
        print(f"{step}: {site} holds no built site; run mkdocs build first", file=sys.stderr)
        return None
    return site
