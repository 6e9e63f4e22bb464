"""The committed paragraph index of the national guidance: every numbered paragraph's anchor.

``source/paragraph-index.json`` is written by the importer (:mod:`mappa_guidance.importer`) and read
by everything that checks a paragraph reference: the citation check of the rule modules and of our
own pages, the back-links, the search index.  It is data, so this module imports nothing of ours.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX = Path(__file__).resolve().parent / "source" / "paragraph-index.json"


def load_index(path: Path | None = None) -> dict:
    return json.loads((path or INDEX).read_text(encoding="utf-8"))


def index_anchors(index: dict | None = None) -> set[str]:
    index = index if index is not None else load_index()
    return {e["anchor"] for e in index["paragraphs"]}
