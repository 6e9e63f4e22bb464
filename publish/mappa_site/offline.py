"""After ``mkdocs build``: the service worker that makes the site work offline (``site/sw.js``).

Its list of files is every file a visit can use: each page (as its folder address, as the browser
asks for it), the theme's and the calculators' scripts and styles, the search index, the web app
manifest and icons, the sitemap (Material's instant navigation reads it), the Pyodide runtime and
the rule archive.  Left out: compressed copies
(``.br``, ``.gz``: the browser gets the decoded file), source maps, the search's language packs
(the site is in English), the benchmark's pages and the host configuration files.

The build id in ``sw.js`` is a hash of every listed file's path and content: any change to the
site gives a new service worker, which replaces the previous build's cache (see ``sw.js``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from mappa_site.headers import IMMUTABLE_PATTERNS

TEMPLATE = Path(__file__).with_name("sw.js")

#: Not kept for offline use.
EXCLUDED_SUFFIXES = (".br", ".gz", ".map")
EXCLUDED_NAMES = {"sw.js", "_headers"}
EXCLUDED_FOLDERS = ("bench/", "assets/javascripts/lunr/", "__engine-snapshot/")


def offline_files(site: Path) -> list[str]:
    """Paths (from the site root) of the files the service worker keeps, pages as folders."""
    out = []
    for f in sorted(site.rglob("*")):
        if not f.is_file():
            continue
        rel = f.relative_to(site).as_posix()
        if rel.endswith(EXCLUDED_SUFFIXES) or f.name in EXCLUDED_NAMES or rel.startswith(EXCLUDED_FOLDERS):
            continue
        if f.name == "index.html":
            rel = rel[: -len("index.html")]
        out.append(rel)
    return sorted(out)


def build_id(site: Path, files: list[str]) -> str:
    h = hashlib.sha256()
    for rel in files:
        path = site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
        h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def write_service_worker(site: Path) -> tuple[str, int]:
    files = offline_files(site)
    build = build_id(site, files)
    text = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in (
        ('/*@BUILD@*/""', json.dumps(build)),
        ("/*@FILES@*/[]", json.dumps(files, indent=0).replace("\n", "")),
        ('/*@IMMUTABLE@*/"^$"', json.dumps("^(?:" + "|".join(IMMUTABLE_PATTERNS) + ")$")),
    ):
        if placeholder not in text:
            raise SystemExit(f"offline: {TEMPLATE} lost its placeholder {placeholder}")
        text = text.replace(placeholder, value)
    (site / "sw.js").write_text(text, encoding="utf-8")
    return build, len(files)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    build, n = write_service_worker(site)
    print(f"offline: sw.js keeps {n} files for offline use (build {build})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
