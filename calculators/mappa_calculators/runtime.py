"""Build step: the browser runtime of the calculators.

* copies the Pyodide runtime from ``node_modules/pyodide/`` (the npm package pinned in
  ``package.json``) into ``docs/assets/pyodide/<version>/``: only the files a browser needs;
* builds the rule package ``rules/mappa_rules/`` and the answer renderer
  ``calculators/mappa_answers/`` into a content-hashed zip archive in
  ``docs/assets/rules/`` (the worker unpacks it with ``pyodide.unpackArchive``: no micropip, no
  other Pyodide package);
* writes ``docs/assets/rules/manifest.json`` and copies the front end (``calculators/static/``)
  into ``docs/assets/calculators/``, with the manifest inlined into ``engine.mjs`` so the worker can
  start without waiting for another request.

Nothing is fetched from the network: a missing ``node_modules/pyodide`` fails the build with a
message saying to run ``npm ci`` (``make setup`` does).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
RULES_SRC = ROOT / "rules" / "mappa_rules"
ANSWERS_SRC = ROOT / "calculators" / "mappa_answers"  # the renderer of answers runs beside the rules
FRONT_END = ROOT / "calculators" / "static"

PYODIDE_OUT = DOCS / "assets" / "pyodide"
RULES_OUT = DOCS / "assets" / "rules"
CALC_OUT = DOCS / "assets" / "calculators"

#: The files of the Pyodide npm package that the browser loads (the worker is an ES module).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

MANIFEST_PLACEHOLDER = "/*@MANIFEST@*/null"


def pyodide_version() -> str:
    pkg = NODE_PYODIDE / "package.json"
    if not pkg.exists():
        raise SystemExit("runtime: node_modules/pyodide is missing: run `npm ci` (or `make setup`) first")
    version = json.loads(pkg.read_text(encoding="utf-8"))["version"]
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    if version != pinned:
        raise SystemExit(f"runtime: node_modules has pyodide {version} but package.json pins {pinned}: run `npm ci`")
    return version


def _copy_if_changed(src: Path, dst: Path) -> None:
    if dst.exists() and dst.stat().st_size == src.stat().st_size and dst.stat().st_mtime >= src.stat().st_mtime:
        return
    shutil.copy2(src, dst)


def copy_pyodide(version: str) -> Path:
    out = PYODIDE_OUT / version
    out.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        src = NODE_PYODIDE / name
        if not src.exists():
            raise SystemExit(f"runtime: {src} is missing: run `npm ci`")
        _copy_if_changed(src, out / name)
    # older versions left behind by a previous build
    for old in PYODIDE_OUT.iterdir():
        if old.is_dir() and old.name != version:
            shutil.rmtree(old)
    return out


def rule_archive_bytes() -> bytes:
    """A reproducible zip of the rule package and the answer renderer (same sources, same bytes)."""
    files = sorted(
        (f"{src.name}/{f.relative_to(src).as_posix()}", f) for src in (RULES_SRC, ANSWERS_SRC) for f in src.rglob("*")
        if f.is_file() and "__pycache__" not in f.parts and f.suffix in (".py", ".json")
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, f in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, f.read_bytes())
    return buf.getvalue()


def build_rule_archive() -> tuple[str, str]:
    data = rule_archive_bytes()
    digest = hashlib.sha256(data).hexdigest()
    name = f"mappa_rules-{digest[:16]}.zip"
    RULES_OUT.mkdir(parents=True, exist_ok=True)
    for old in RULES_OUT.glob("mappa_rules-*.zip"):
        if old.name != name:
            old.unlink()
    target = RULES_OUT / name
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return name, digest


def manifest(version: str, archive: str, digest: str) -> dict:
    import mappa_rules

    return {
        "pyodide_version": version,
        # paths relative to the site root
        "pyodide": f"assets/pyodide/{version}/",
        "rules": f"assets/rules/{archive}",
        "rules_sha256": digest,
        "guidance_edition": mappa_rules.GUIDANCE_EDITION,
        "calculators": mappa_rules.list_calculators(),
    }


def copy_front_end(man: dict) -> None:
    CALC_OUT.mkdir(parents=True, exist_ok=True)
    inline = json.dumps(man, ensure_ascii=True, sort_keys=True).replace("</", "<\\/")
    wanted = set()
    for src in sorted(FRONT_END.iterdir()):
        if not src.is_file():
            continue
        wanted.add(src.name)
        text = src.read_text(encoding="utf-8")
        if src.name == "engine.mjs":
            if MANIFEST_PLACEHOLDER not in text:
                raise SystemExit(f"runtime: {src} lost its manifest placeholder {MANIFEST_PLACEHOLDER}")
            text = text.replace(MANIFEST_PLACEHOLDER, inline)
        dst = CALC_OUT / src.name
        if not dst.exists() or dst.read_text(encoding="utf-8") != text:
            dst.write_text(text, encoding="utf-8")
    for old in CALC_OUT.iterdir():
        if old.is_file() and old.name not in wanted:
            old.unlink()


def build() -> None:
    version = pyodide_version()
    copy_pyodide(version)
    archive, digest = build_rule_archive()
    man = manifest(version, archive, digest)
    (RULES_OUT / "manifest.json").write_text(json.dumps(man, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    copy_front_end(man)
