"""The build step that runs before MkDocs: a plain Python step, not an MkDocs plugin.

``python -m mappa_site.build`` writes the generated pages into ``docs/`` and the runtime files
into ``docs/assets/``; ``mkdocs build --strict`` then turns ``docs/`` into ``site/``.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


#: The steps, in order: (what it does, "module:function").  Each function takes no argument and
#: raises SystemExit with a message when the build must fail.
STEPS = [
    ("guidance pages and paragraph index", "mappa_guidance.importer:build"),
    ("glossary page, abbreviations and tooltips", "mappa_guidance.glossary:build"),
    ("calculator pages", "mappa_calculators.pages:build"),
    ("browser runtime and rule archive", "mappa_calculators.runtime:build"),
    ("worked examples, exercises and handouts", "mappa_calculators.examples:build"),
    ("citations of the rule modules and of our pages", "mappa_guidance.citations:check"),
    ("contact for accessibility reports (MAPPA_CONTACT)", "mappa_site.contact:build"),
    ("navigation", "mappa_site.nav:build"),
]


def main() -> int:
    for name, target in STEPS:
        module, func = target.split(":")
        t0 = time.perf_counter()
        getattr(importlib.import_module(module), func)()
        print(f"build: {name} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
