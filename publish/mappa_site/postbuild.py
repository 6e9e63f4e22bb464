"""After ``mkdocs build``, in order: the theme's inline scripts into files (``csp``), the service
worker and its file list (``offline``), then the compressed copies of every text file
(``compress``, last, so that it compresses the final files).

Run as ``python -m mappa_site.postbuild site``; ``make build`` does it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from mappa_site import compress, csp, offline


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not (site / "index.html").exists():
        print(f"postbuild: {site} holds no built site; run mkdocs build first", file=sys.stderr)
        return 2
    for step in (csp.main, offline.main, compress.main):
        t0 = time.perf_counter()
        code = step([str(site)])
        if code:
            return code
        print(f"postbuild: {step.__module__.rsplit('.', 1)[-1]} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
