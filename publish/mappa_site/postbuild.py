"""After ``mkdocs build``, in order: the theme's inline scripts into files (``csp``), the site's
search index (``search``), the service worker and its file list
(``offline``), then the compressed copies of every text file (``compress``).  ``offline`` and
``compress`` come last because they take the final files: a new post-build step that writes into
the site goes before them.

Run as ``python -m mappa_site.postbuild site``; ``make build`` does it.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

#: The steps, in order: modules of this package, each with ``main(argv) -> exit status``.
STEPS = ("csp", "search", "offline", "compress")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not (site / "index.html").exists():
        print(f"postbuild: {site} holds no built site; run mkdocs build first", file=sys.stderr)
        return 2
    for name in STEPS:
        t0 = time.perf_counter()
        code = importlib.import_module(f"mappa_site.{name}").main([str(site)])
        if code:
            return code
        print(f"postbuild: {name} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
