"""After ``mkdocs build``: precompressed copies of the site's text files and of the WebAssembly
runtime, ``file.br`` (Brotli, the ``brotli`` package from PyPI) and ``file.gz`` (gzip) beside each
``file``, for hosts that serve them (``serve.py`` does; nginx with ``gzip_static`` and
``brotli_static``; see the README's "Deploying").

Only files whose names end as in ``mappa_site.headers.COMPRESSIBLE``, of 1 KB or more, and only a copy
that is smaller than the file.  Compressing the 9.6 MB WebAssembly module at the highest Brotli
quality takes half a minute, so results are kept in ``build/compress-cache/`` under the SHA-256 of
the input: a rebuild compresses only what changed.  The output is reproducible (no timestamps).
"""

from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

from mappa_site.headers import COMPRESSIBLE

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "compress-cache"
MIN_BYTES = 1024
CODINGS = (".br", ".gz")


def _brotli(data: bytes) -> bytes:
    try:
        import brotli
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise SystemExit("compress: the brotli package is missing: run `make setup`") from exc
    return brotli.compress(data, quality=11)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def compressed(data: bytes, coding: str, cache: Path | None = CACHE) -> bytes:
    key = hashlib.sha256(data).hexdigest() + coding
    if cache is not None:
        hit = cache / key
        if hit.exists():
            return hit.read_bytes()
    out = _brotli(data) if coding == ".br" else _gzip(data)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / (key + ".tmp")
        tmp.write_bytes(out)
        tmp.replace(cache / key)
    return out


def compress_site(site: Path, cache: Path | None = CACHE) -> tuple[int, int, int]:
    """(files compressed, bytes before, Brotli bytes after).  Stale copies are removed."""
    n = before = after = 0
    for f in sorted(site.rglob("*")):
        if not f.is_file():
            continue
        if f.suffix in CODINGS:
            if not f.with_suffix("").is_file():
                f.unlink()  # its original is gone
            continue
        if not f.name.endswith(COMPRESSIBLE) or f.stat().st_size < MIN_BYTES:
            continue
        data = f.read_bytes()
        for coding in CODINGS:
            target = f.with_name(f.name + coding)
            out = compressed(data, coding, cache)
            if len(out) < len(data):
                if not target.exists() or target.read_bytes() != out:
                    target.write_bytes(out)
                if coding == ".br":
                    n, before, after = n + 1, before + len(data), after + len(out)
            elif target.exists():
                target.unlink()
    return n, before, after


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    n, before, after = compress_site(site)
    print(f"compress: {n} files, {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB with Brotli (and a gzip copy of each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
