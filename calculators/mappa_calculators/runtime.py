"""Build step: the browser runtime of the calculators.

* checks the five files of the Pyodide npm package (pinned in ``package.json``) against the SHA-256
  sums committed in ``pyodide-files.sha256`` and copies what a browser needs into
  ``docs/assets/pyodide/<version>/``: the loader and the WebAssembly module as they are, the
  Python standard library trimmed to the modules listed in ``stdlib-modules.txt`` (the modules the
  rules and the runtime's own start-up import, found by ``tests/test_browser_stdlib.py``, which
  traces the imports in the worker) and compiled to bytecode by that same Pyodide under Node
  (``compile_zip.mjs``: the package ships source only, and compiling it was three quarters of
  the engine's start in the browser), and the lock file without its package list (the site loads
  no Pyodide package);
* refuses to build when a module of the standard library that a shipped package imports is not
  in that list;
* builds the Python packages shipped to the browser (``ARCHIVE_PACKAGES``: the rule package and the answer renderer) into
  a content-hashed zip archive of their bytecode (compiled like the standard library) in ``docs/assets/rules/`` (the worker checks its SHA-256 against the
  manifest, then imports from it with zipimport);
* writes ``docs/assets/rules/manifest.json`` and copies the front end (``calculators/static/``)
  into ``docs/assets/calculators/``, with the manifest inlined into ``engine.mjs`` so the worker can
  start without waiting for another request.

Nothing is fetched from the network: a missing ``node_modules/pyodide`` fails the build with a
message saying to run ``npm ci`` (``make setup`` does).
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
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
PYODIDE_SHA256 = HERE / "pyodide-files.sha256"
STDLIB_MODULES = HERE / "stdlib-modules.txt"
ZIP_COMPILER = HERE / "compile_zip.mjs"
#: Compiled zips, by the SHA-256 of their input: a rebuild starts Node only on a change.
COMPILE_CACHE = ROOT / "build" / "bytecode-cache"
#: Where the worker puts the rule archive (calculators/static/worker.mjs, RULES_ZIP): the file
#: names of its bytecode, as tracebacks show them.
RULES_ZIP_IN_BROWSER = "/home/pyodide/mappa/rules.zip/"

#: The Python packages shipped to the browser in the rule archive: (source folder, package name).
#: Another package of ours that the worker imports is one more line here.
ARCHIVE_PACKAGES: list[tuple[Path, str]] = [
    (RULES_SRC, "mappa_rules"),
    (ANSWERS_SRC, "mappa_answers"),
]

#: Files of those packages the browser never runs (the command line), left out of the archive.
NOT_SHIPPED = {"mappa_rules/cli.py", "mappa_rules/__main__.py"}

#: The glossary's abbreviations (read by pages.abbreviations from the file the glossary step writes)
#: go into the archive beside the renderer, so that a live answer shows what each one means, as the
#: pages do (mappa_answers.shipped_abbreviations).
ABBREVIATIONS_IN_ARCHIVE = "mappa_answers/abbreviations.json"

MANIFEST_PLACEHOLDER = "/*@MANIFEST@*/null"
#: snapshot.js (read on a repeat visit from <head>) needs only the key of the engine's snapshot
RUNTIME_ID_PLACEHOLDER = '/*@RUNTIME_ID@*/""'


def pyodide_version() -> str:
    pkg = NODE_PYODIDE / "package.json"
    if not pkg.exists():
        raise SystemExit("runtime: node_modules/pyodide is missing: run `npm ci` (or `make setup`) first")
    version = json.loads(pkg.read_text(encoding="utf-8"))["version"]
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    if version != pinned:
        raise SystemExit(f"runtime: node_modules has pyodide {version} but package.json pins {pinned}: run `npm ci`")
    return version


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------------------
# The five Pyodide files: checked against the committed sums
# ---------------------------------------------------------------------------

def pinned_sums() -> tuple[str, dict[str, str]]:
    """(version, {file: sha256}) of ``pyodide-files.sha256``."""
    version, sums = "", {}
    for line in PYODIDE_SHA256.read_text(encoding="utf-8").splitlines():
        if line.startswith("# pyodide "):
            version = line.split()[2]
        elif line.strip() and not line.startswith("#"):
            digest, name = line.split()
            sums[name] = digest
    return version, sums


def check_pyodide(version: str, source: Path = NODE_PYODIDE) -> dict[str, str]:
    """The SHA-256 of each file the site ships, checked against the committed sums."""
    pinned_version, sums = pinned_sums()
    if pinned_version != version:
        raise SystemExit(
            f"runtime: {PYODIDE_SHA256.name} holds the sums of pyodide {pinned_version}, but the build uses {version}: "
            "check the new files against the release, then run `python -m mappa_calculators.runtime --pin`")
    out = {}
    for name in PYODIDE_FILES:
        src = source / name
        if not src.exists():
            raise SystemExit(f"runtime: {src} is missing: run `npm ci`")
        digest = sha256_file(src)
        if digest != sums.get(name):
            raise SystemExit(
                f"runtime: {src} does not match its SHA-256 in {PYODIDE_SHA256.name} "
                f"(expected {sums.get(name)}, found {digest}): run `npm ci` to restore the pinned package")
        out[name] = digest
    return out


def pin(version: str) -> None:
    lines = [line for line in PYODIDE_SHA256.read_text(encoding="utf-8").splitlines()
             if line.startswith("#") and not line.startswith("# pyodide ")]
    lines.append(f"# pyodide {version}")
    lines += [f"{sha256_file(NODE_PYODIDE / name)}  {name}" for name in PYODIDE_FILES]
    PYODIDE_SHA256.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# The standard library, trimmed to the modules the worker imports
# ---------------------------------------------------------------------------

def stdlib_modules() -> list[str]:
    """The module names of ``stdlib-modules.txt`` (comments and blank lines skipped)."""
    return [line.split("#", 1)[0].strip() for line in STDLIB_MODULES.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()]


def zip_modules(zf: zipfile.ZipFile) -> dict[str, str]:
    """Every module of a standard-library zip (source or the site's bytecode): dotted name -> file
    name in the zip."""
    out = {}
    for name in zf.namelist():
        if name.endswith(".py"):
            stem = name[:-3]
        elif name.endswith(".pyc"):
            stem = name[:-4]
        else:
            continue
        if stem.endswith("/__init__"):
            stem = stem[: -len("/__init__")]
        out[stem.replace("/", ".")] = name
    return out


def trimmed_stdlib(source: bytes, wanted: list[str]) -> bytes:
    """The standard-library zip with only the ``wanted`` modules (and their parent packages).

    Refuses (SystemExit) when a wanted module is not in the zip at all."""
    src = zipfile.ZipFile(io.BytesIO(source))
    modules = zip_modules(src)
    missing = [m for m in wanted if m not in modules]
    if missing:
        raise SystemExit(f"runtime: {STDLIB_MODULES.name} lists modules that Pyodide's standard library does not have: "
                         f"{', '.join(missing)}")
    keep: set[str] = set()
    for m in wanted:
        parts = m.split(".")
        for i in range(1, len(parts) + 1):
            parent = ".".join(parts[:i])
            if parent in modules:
                keep.add(modules[parent])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            if info.filename in keep:
                out.writestr(info, src.read(info.filename), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def compiled_zip(source: bytes, prefix: str, version: str | None = None) -> bytes:
    """A zip of Python modules with every module compiled to bytecode (``name.pyc``, sourceless,
    unchecked-hash) by the Pyodide of ``node_modules`` under Node (``compile_zip.mjs``), stored, not
    deflated; kept in ``build/bytecode-cache/``.  ``prefix``: the zip's path in the browser."""
    version = version or pyodide_version()
    key = hashlib.sha256(source + ZIP_COMPILER.read_bytes() + f"{version}\n{prefix}".encode()).hexdigest()
    hit = COMPILE_CACHE / f"{key}.zip"
    if hit.exists():
        return hit.read_bytes()
    node = shutil.which("node")
    if not node:
        raise SystemExit("runtime: Node.js is needed to compile Python to bytecode for the browser "
                         "(`make setup` installs it with npm)")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.zip"), Path(tmp, "out.zip")
        src.write_bytes(source)
        done = subprocess.run([node, str(ZIP_COMPILER), str(NODE_PYODIDE), str(src), str(out), prefix],
                              capture_output=True, text=True)
        if done.returncode != 0 or not out.exists():
            raise SystemExit(f"runtime: compiling Python to bytecode failed:\n{done.stderr.strip()}")
        data = out.read_bytes()
    sources = set(zip_modules(zipfile.ZipFile(io.BytesIO(source))))
    compiled = zip_modules(zipfile.ZipFile(io.BytesIO(data)))
    if set(compiled) != sources or any(not name.endswith(".pyc") for name in compiled.values()):
        raise SystemExit("runtime: the compiled zip does not hold the same modules as its source")
    COMPILE_CACHE.mkdir(parents=True, exist_ok=True)
    tmp_hit = hit.with_suffix(".tmp")
    tmp_hit.write_bytes(data)
    tmp_hit.replace(hit)
    return data


def compiled_stdlib(source: bytes, version: str) -> bytes:
    """The trimmed standard library as the browser gets it: bytecode, at Pyodide's own path."""
    major, minor = _python_of_pyodide()
    return compiled_zip(source, f"/lib/python{major}{minor}.zip/", version)


def _python_of_pyodide() -> tuple[int, int]:
    """The Python of the Pyodide package in ``node_modules`` (``python`` in its lock file), as (3, 14)."""
    lock = json.loads((NODE_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    major, minor = lock["info"]["python"].split(".")[:2]
    return int(major), int(minor)


def _imports_of(path: Path) -> set[str]:
    """The absolute imports of a Python file, dotted (``from a import b`` gives ``a`` and ``a.b``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


def check_archive_imports(stdlib_zip: bytes, listed: list[str]) -> None:
    """Refuse to build when a shipped package imports a standard-library module that the trimmed
    zip would leave out (the trace test finds the modules those modules import in turn)."""
    modules = zip_modules(zipfile.ZipFile(io.BytesIO(stdlib_zip)))
    listed_set = set(listed)
    missing: dict[str, set[str]] = {}
    for name_in_archive, f in archive_files():
        if f.suffix != ".py":
            continue
        for name in _imports_of(f):
            if name in modules and name not in listed_set:
                missing.setdefault(name, set()).add(name_in_archive)
    if missing:
        lines = [f"  {name} (imported by {', '.join(sorted(files))})" for name, files in sorted(missing.items())]
        raise SystemExit(
            f"runtime: the browser's trimmed standard library would leave out modules that the shipped packages import:\n"
            + "\n".join(lines)
            + f"\nAdd them to calculators/mappa_calculators/{STDLIB_MODULES.name}, or rerun the import trace: "
            "`make stdlib-trace` (the trace also finds the modules they import in turn).")


def trimmed_lock(source: bytes) -> bytes:
    """The lock file without its package list: the site loads no Pyodide package, and the loader
    needs only the ``info`` (the ABI version it checks)."""
    lock = json.loads(source)
    return (json.dumps({"info": lock["info"], "packages": {}}, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _write_if_changed(dst: Path, data: bytes) -> None:
    if not dst.exists() or dst.read_bytes() != data:
        dst.write_bytes(data)


def _copy_if_changed(src: Path, dst: Path) -> None:
    if dst.exists() and dst.stat().st_size == src.stat().st_size and dst.stat().st_mtime >= src.stat().st_mtime:
        return
    shutil.copy2(src, dst)


def copy_pyodide(version: str) -> dict[str, int]:
    """The runtime files in ``docs/assets/pyodide/<version>/``; their sizes by name."""
    check_pyodide(version)
    out = PYODIDE_OUT / version
    out.mkdir(parents=True, exist_ok=True)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        _copy_if_changed(NODE_PYODIDE / name, out / name)
    stdlib = (NODE_PYODIDE / "python_stdlib.zip").read_bytes()
    listed = stdlib_modules()
    check_archive_imports(stdlib, listed)
    _write_if_changed(out / "python_stdlib.zip", compiled_stdlib(trimmed_stdlib(stdlib, listed), version))
    _write_if_changed(out / "pyodide-lock.json", trimmed_lock((NODE_PYODIDE / "pyodide-lock.json").read_bytes()))
    for old in out.iterdir():
        if old.name not in PYODIDE_FILES:
            old.unlink()
    # older versions left behind by a previous build
    for old in PYODIDE_OUT.iterdir():
        if old.is_dir() and old.name != version:
            shutil.rmtree(old)
    return {name: (out / name).stat().st_size for name in PYODIDE_FILES}


# ---------------------------------------------------------------------------
# The rule archive
# ---------------------------------------------------------------------------

def archive_files() -> list[tuple[str, Path]]:
    """(name in the archive, source file) of every file shipped in the rule archive."""
    out = []
    for src, package in ARCHIVE_PACKAGES:
        for f in sorted(src.rglob("*")):
            name = f"{package}/{f.relative_to(src).as_posix()}"
            if f.is_file() and "__pycache__" not in f.parts and f.suffix in (".py", ".json") and name not in NOT_SHIPPED:
                out.append((name, f))
    return sorted(out)


def rule_archive_bytes() -> bytes:
    """The rule archive as the browser gets it: the source archive compiled to bytecode (a stored
    zip; the site compresses it).  Compiling the page's calculator, the rule core and the renderer
    in the browser took about 400 ms of every cold start; the bytecode costs about 80 KB more on
    the wire with Brotli."""
    return compiled_zip(rule_source_archive_bytes(), RULES_ZIP_IN_BROWSER)


def rule_source_archive_bytes(glossary: Path | None = None) -> bytes:
    """A reproducible zip of the packages of ``ARCHIVE_PACKAGES`` and the glossary's abbreviations
    (same sources, same bytes); ``glossary``: its file, by default the one the glossary step writes."""
    from mappa_calculators import pages

    entries = [(name, f.read_bytes()) for name, f in archive_files()]
    pairs = pages.abbreviations(glossary or pages.GLOSSARY)  # [] (with a warning) before it is built
    if pairs:
        data = json.dumps(pairs, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        entries.append((ABBREVIATIONS_IN_ARCHIVE, data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def build_rule_archive() -> tuple[str, str]:
    data = rule_archive_bytes()
    digest = hashlib.sha256(data).hexdigest()
    name = f"mappa_rules-{digest[:16]}.zip"
    RULES_OUT.mkdir(parents=True, exist_ok=True)
    for old in RULES_OUT.glob("mappa_rules-*.zip"):
        if old.name != name:
            old.unlink()
    _write_if_changed(RULES_OUT / name, data)
    return name, digest


def manifest(version: str, archive: str, digest: str, sizes: dict[str, int] | None = None) -> dict:
    import mappa_rules

    sizes = dict(sizes or {})
    sizes["rules"] = (RULES_OUT / archive).stat().st_size if (RULES_OUT / archive).exists() else 0
    stdlib = PYODIDE_OUT / version / "python_stdlib.zip"
    stdlib_sha256 = sha256_file(stdlib) if stdlib.exists() else ""
    return {
        "pyodide_version": version,
        # paths relative to the site root
        "pyodide": f"assets/pyodide/{version}/",
        "rules": f"assets/rules/{archive}",
        "rules_sha256": digest,
        "stdlib_sha256": stdlib_sha256,
        # the key of the engine's memory snapshot: a snapshot is used only with the very runtime,
        # standard library and rule archive it was taken from
        "runtime_id": hashlib.sha256(f"{version}\n{stdlib_sha256}\n{digest}".encode()).hexdigest()[:24],
        # bytes of each file (uncompressed), for the loading progress
        "sizes": sizes,
        "guidance_edition": mappa_rules.GUIDANCE_EDITION,
        "calculators": mappa_rules.list_calculators(),
    }


def copy_front_end(man: dict) -> None:
    CALC_OUT.mkdir(parents=True, exist_ok=True)
    inline = json.dumps(man, ensure_ascii=True, sort_keys=True).replace("</", "<\\/")
    # file -> (placeholder, what the build writes in its place)
    written = {
        "engine.mjs": (MANIFEST_PLACEHOLDER, inline),
        "snapshot.js": (RUNTIME_ID_PLACEHOLDER, json.dumps(man["runtime_id"], ensure_ascii=True)),
    }
    wanted = set()
    for src in sorted(FRONT_END.iterdir()):
        if not src.is_file():
            continue
        wanted.add(src.name)
        text = src.read_text(encoding="utf-8")
        if src.name in written:
            placeholder, value = written[src.name]
            if placeholder not in text:
                raise SystemExit(f"runtime: {src} lost its placeholder {placeholder}")
            text = text.replace(placeholder, value)
        dst = CALC_OUT / src.name
        if not dst.exists() or dst.read_text(encoding="utf-8") != text:
            dst.write_text(text, encoding="utf-8")
    for old in CALC_OUT.iterdir():
        if old.is_file() and old.name not in wanted:
            old.unlink()


def build() -> None:
    version = pyodide_version()
    sizes = copy_pyodide(version)
    archive, digest = build_rule_archive()
    man = manifest(version, archive, digest, sizes)
    (RULES_OUT / "manifest.json").write_text(json.dumps(man, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    copy_front_end(man)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--pin"]:
        version = pyodide_version()
        pin(version)
        print(f"runtime: recorded the SHA-256 of pyodide {version} in {PYODIDE_SHA256.name}")
        return 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
