"""The build step that runs before MkDocs: a plain Python step, not an MkDocs plugin.

``python -m mappa_site.build`` writes the generated pages into ``docs/`` and the runtime files
into ``docs/assets/``; ``mkdocs build --strict`` then turns ``docs/`` into ``site/``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def main() -> int:
    steps = []
    for name, run in steps:
        t0 = time.perf_counter()
        run()
        print(f"build: {name} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
