"""Delivery without a browser (issue 14): the local server, the header files for real hosts, the
build's integrity checks, the trimmed standard library, compression and the service worker's list.

The browser side (loading, offline use, the meta policy on a plain host) is in
``test_browser_delivery.py``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from mappa_calculators import runtime
from mappa_site import check_deploy, compress, headers, offline
from mappa_site.serve import accepted_encodings, serve_in_thread

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------
# serve.py: headers, compression, cache rules, 404, no listings
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    meta = headers.meta_tag()
    (site / "index.html").write_text(f"<!doctype html>{meta}<title>Home</title><p>home</p>")
    (site / "404.html").write_text(f"<!doctype html>{meta}<title>Page not found - MAPPA Navigator</title><p>not here</p>")
    (site / "guidance" / "20").mkdir(parents=True)
    (site / "guidance" / "20" / "index.html").write_text(f"<!doctype html>{meta}<p>" + "paragraph " * 500 + "</p>")
    runtime_dir = site / "assets" / "pyodide" / "314.0.7"
    runtime_dir.mkdir(parents=True)
    (runtime_dir / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0" + bytes(5000))
    (site / "assets" / "rules").mkdir(parents=True)
    (site / "assets" / "rules" / "mappa_rules-0123456789abcdef.zip").write_bytes(b"PK" + bytes(100))
    (site / "assets" / "empty").mkdir()
    compress.compress_site(site, cache=None)
    return site


@pytest.fixture(scope="module")
def served(tiny_site):
    server, url = serve_in_thread(tiny_site)
    plain, plain_url = serve_in_thread(tiny_site, plain=True)
    yield url, plain_url
    for s in (server, plain):
        s.shutdown()
        s.server_close()


def get(url: str, **headers_):
    req = urllib.request.Request(url, headers=headers_)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_every_response_carries_the_security_headers(served):
    url, _ = served
    for path in ("", "guidance/20/", "assets/pyodide/314.0.7/pyodide.asm.wasm", "no-such-page/"):
        _, h, _ = get(url + path)
        for name, value in headers.SECURITY_HEADERS.items():
            assert h.get(name) == value, (path, name)
    assert "frame-ancestors 'none'" in headers.CSP


def test_compressed_copies_are_sent_with_content_encoding(served, tiny_site):
    url, _ = served
    path = "assets/pyodide/314.0.7/pyodide.asm.wasm"
    original = (tiny_site / path).read_bytes()
    status, h, body = get(url + path, **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and h["Content-Encoding"] == "br" and h["Content-Type"] == "application/wasm"
    assert h["Vary"] == "Accept-Encoding" and int(h["Content-Length"]) == len(body) < len(original)
    import brotli

    assert brotli.decompress(body) == original
    status, h, body = get(url + path, **{"Accept-Encoding": "gzip"})
    assert h["Content-Encoding"] == "gzip" and gzip.decompress(body) == original
    status, h, body = get(url + path, **{"Accept-Encoding": "br;q=0, identity"})
    assert "Content-Encoding" not in h and body == original


def test_cache_control_immutable_for_versioned_paths_only(served):
    url, _ = served
    assert get(url + "assets/pyodide/314.0.7/pyodide.asm.wasm")[1]["Cache-Control"] == headers.IMMUTABLE
    assert get(url + "assets/rules/mappa_rules-0123456789abcdef.zip")[1]["Cache-Control"] == headers.IMMUTABLE
    for path in ("", "guidance/20/"):
        assert get(url + path)[1]["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path, immutable", [
    ("assets/pyodide/314.0.7/pyodide.asm.wasm", True),
    ("/assets/rules/mappa_rules-0123456789abcdef.zip", True),
    ("assets/stylesheets/main.484c7ddc.min.css", True),
    ("assets/javascripts/bundle.79ae519e.min.js", True),
    ("assets/javascripts/workers/search.2c215733.min.js", True),
    ("assets/javascripts/inline-6a9a103c779f.js", True),
    ("assets/calculators/engine.mjs", False),
    ("assets/rules/manifest.json", False),
    ("sw.js", False),
    ("guidance/20/", False),
    ("search/search_index.json", False),
])
def test_cache_rules(path, immutable):
    assert (headers.cache_control(path) == headers.IMMUTABLE) is immutable


def test_an_unchanged_file_is_answered_with_304(served):
    url, _ = served
    _, h, _ = get(url + "guidance/20/")
    status, _, body = get(url + "guidance/20/", **{"If-Modified-Since": h["Last-Modified"]})
    assert status == 304 and body == b""


def test_no_directory_listing_and_the_sites_own_404_page(served):
    url, _ = served
    for path in ("assets/empty/", "assets/", "no-such-page/", "assets/pyodide/9.9.9/x.wasm"):
        status, h, body = get(url + path)
        assert status == 404, path
        assert b"Page not found - MAPPA Navigator" in body and b"Directory listing" not in body, path


def test_a_plain_server_sends_no_headers_of_its_own(served):
    _, plain = served
    status, h, _ = get(plain + "assets/pyodide/314.0.7/pyodide.asm.wasm", **{"Accept-Encoding": "br"})
    assert status == 200
    assert "Content-Security-Policy" not in h and "Cache-Control" not in h and "Content-Encoding" not in h


def test_accept_encoding_is_parsed():
    assert accepted_encodings("gzip, deflate, br") == {"gzip", "deflate", "br"}
    assert accepted_encodings("br;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted_encodings(None) == set()


# ---------------------------------------------------------------------------
# Header files for real hosts, and the meta policy
# ---------------------------------------------------------------------------

def test_the_committed_header_files_are_current():
    for name, make in headers.GENERATED.items():
        assert (ROOT / "deploy" / name).read_text(encoding="utf-8") == make(), \
            f"deploy/{name} is out of date: run `python -m mappa_site.headers --write`"


def test_the_header_files_carry_the_full_policy():
    for text in (headers.headers_file(), headers.nginx_snippet()):
        for name, value in headers.SECURITY_HEADERS.items():
            assert f"{name}" in text and value in text
        assert headers.IMMUTABLE in text
    assert "gzip_static on;" in headers.nginx_snippet() and "autoindex off;" in headers.nginx_snippet()
    assert "error_page 404 /404.html;" in headers.nginx_snippet()


def test_the_meta_policy_is_the_header_policy_less_what_a_meta_tag_cannot_carry():
    assert "frame-ancestors" not in headers.META_CSP
    assert headers.META_CSP.split("; ") == [d for d in headers.CSP.split("; ") if not d.startswith("frame-ancestors")]
    theme = (ROOT / "publish" / "theme" / "main.html").read_text(encoding="utf-8")
    assert f'content="{headers.META_CSP}"' in theme, "publish/theme/main.html's meta policy differs from mappa_site.headers"


# ---------------------------------------------------------------------------
# mappa-check-deploy
# ---------------------------------------------------------------------------

def test_check_deploy_passes_a_well_served_site_and_names_what_a_plain_host_lacks(served, capsys):
    url, plain = served
    assert check_deploy.main([url, "--pages", "", "guidance/20/"]) == 0
    out = capsys.readouterr().out
    assert "missing" not in out.lower()
    assert check_deploy.main([plain, "--pages", "", "guidance/20/"]) == 1
    out = capsys.readouterr().out
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):
        assert name in out
    assert "framing" in out  # says what the missing header costs


def test_the_accessibility_statement_names_the_contact_the_build_was_given(tmp_path, monkeypatch):
    """MAPPA_CONTACT: an email address or an https address, as a link; none: the statement says so;
    anything else stops the build with a message."""
    from mappa_site import contact

    out = tmp_path / "contact.md"
    monkeypatch.setenv("MAPPA_CONTACT", "access@example.org")
    assert 'Send your report by email to <a href="mailto:access@example.org">access@example.org</a>.' in contact.build(out)
    monkeypatch.setenv("MAPPA_CONTACT", "https://example.org/report?a=1&b=2")
    assert '<a href="https://example.org/report?a=1&amp;b=2">' in contact.build(out)
    assert out.read_text(encoding="utf-8") == contact.build(out)
    monkeypatch.delenv("MAPPA_CONTACT")
    assert 'data-mappa-contact="missing"' in contact.build(out) and "tell the person or team" in out.read_text()
    for bad in ("call 0123 456789", "javascript:alert(1)", "http://example.org/", "a@b", '"><script>@x.org'):
        monkeypatch.setenv("MAPPA_CONTACT", bad)
        with pytest.raises(SystemExit, match="neither an email address nor an https:// address"):
            contact.build(out)


def test_check_deploy_says_whether_the_statement_names_a_contact(tmp_path, capsys):
    from mappa_site import contact

    site = tmp_path / "site"
    (site / "about" / "accessibility").mkdir(parents=True)
    page = site / "about" / "accessibility" / "index.html"
    said = {}
    for given in ("", "access@example.org"):
        page.write_text(f"<!doctype html>{headers.meta_tag()}<h1>Accessibility statement</h1>{contact.paragraph(given)}")
        server, url = serve_in_thread(site)
        try:
            check_deploy.main([url, "--pages", ""])
        finally:
            server.shutdown()
            server.server_close()
        said[given] = [line.split(None, 1) for line in capsys.readouterr().out.splitlines() if "accessibility" in line]
    assert said[""] == [["WARN", "/about/accessibility/ names no contact for accessibility reports: build the site with "
                         "MAPPA_CONTACT set to an email address or an https:// address (see the README's Deploying)"]]
    assert said["access@example.org"] == [["OK", "/about/accessibility/ names a contact for accessibility reports"]]


def test_check_deploy_says_whether_the_site_was_built_for_its_address():
    """SITE_URL: what a copy built for another address costs, said only where it is true (the
    theme's instant navigation adapts the scheme and host name, not the port or the path).  The
    whole command on a served site: test_nginx."""
    url, port = "http://127.0.0.1:8123/", 8123

    def said(canonical: str) -> tuple[str, str]:
        link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
        report = check_deploy.Report()
        check_deploy.check_built_for(report, url, f"<!doctype html>{link}<title>Home</title>")
        [line] = report.lines
        return line

    assert said(url) == ("OK", f"the site was built for this address ({url})")
    level, text = said("http://127.0.0.1:8000/")  # make build's own address, served on another port
    assert level == "WARN" and text.startswith(f"the site was built for http://127.0.0.1:8000/, not {url}: ")
    assert "reloads each page in full" in text and "404" not in text and text.endswith(
        f"Build it with SITE_URL={url} (see the README's Deploying)")
    level, text = said("https://mappa.example.org/mappa/")  # a copy built for a sub-path
    assert "reloads each page in full" in text and "the 404 page looks for its styles under /mappa/" in text
    level, text = said(f"http://localhost:{port}/")  # only the host name differs
    assert level == "WARN" and "reloads" not in text and "404" not in text
    assert f"each page names http://localhost:{port}/ as its address, and so does the sitemap" in text
    level, text = said("")
    assert level == "WARN" and text.startswith("the home page names no address of its own")


def test_check_deploy_says_when_the_site_cannot_be_reached(capsys):
    assert check_deploy.main(["http://127.0.0.1:9/"]) == 2
    assert "cannot" in capsys.readouterr().out.lower()


# ---------------------------------------------------------------------------
# The build: Pyodide's files checked, the standard library trimmed, imports checked
# ---------------------------------------------------------------------------

def test_the_pinned_pyodide_files_match_their_committed_sums():
    version = runtime.pyodide_version()
    sums = runtime.check_pyodide(version)
    assert set(sums) == set(runtime.PYODIDE_FILES) and len(sums) == 5


def test_a_changed_pyodide_file_stops_the_build(tmp_path):
    version = runtime.pyodide_version()
    for name in runtime.PYODIDE_FILES:
        shutil.copy(runtime.NODE_PYODIDE / name, tmp_path / name)
    with (tmp_path / "pyodide.mjs").open("a") as fh:
        fh.write("\n// changed\n")
    with pytest.raises(SystemExit, match="does not match its SHA-256"):
        runtime.check_pyodide(version, source=tmp_path)
    with pytest.raises(SystemExit, match="holds the sums of pyodide"):
        runtime.check_pyodide("0.0.1")


def test_the_trimmed_standard_library_keeps_the_listed_modules_and_their_packages():
    full = (runtime.NODE_PYODIDE / "python_stdlib.zip").read_bytes()
    small = runtime.trimmed_stdlib(full, ["json.decoder", "datetime"])
    names = set(zipfile.ZipFile(io.BytesIO(small)).namelist())
    assert names == {"json/__init__.py", "json/decoder.py", "datetime.py"}
    with pytest.raises(SystemExit, match="does not have: no_such_module"):
        runtime.trimmed_stdlib(full, ["json", "no_such_module"])


def test_the_standard_library_is_compiled_to_bytecode_by_the_shipped_pyodide(tmp_path, monkeypatch):
    """The browser gets bytecode, not source: one unchecked-hash .pyc per module (no time stamp to
    check, so the same source gives the same bytes), in a stored zip that the site compresses."""
    monkeypatch.setattr(runtime, "COMPILE_CACHE", tmp_path / "cache")
    full = (runtime.NODE_PYODIDE / "python_stdlib.zip").read_bytes()
    source = runtime.trimmed_stdlib(full, ["json.decoder", "datetime"])
    version = runtime.pyodide_version()
    compiled = runtime.compiled_stdlib(source, version)
    zf = zipfile.ZipFile(io.BytesIO(compiled))
    assert sorted(zf.namelist()) == ["datetime.pyc", "json/__init__.pyc", "json/decoder.pyc"]
    assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
    headers = {zf.read(n)[:8] for n in zf.namelist()}
    assert len(headers) == 1  # one magic number: the Python of the Pyodide that compiled them
    assert int.from_bytes(next(iter(headers))[4:8], "little") == 0b01  # hash-based, not checked
    # reproducible: compiled again without the cache, the same bytes
    monkeypatch.setattr(runtime, "COMPILE_CACHE", tmp_path / "other-cache")
    assert runtime.compiled_stdlib(source, version) == compiled


def test_the_site_ships_the_compiled_standard_library_and_its_compressed_copies():
    out = runtime.PYODIDE_OUT / runtime.pyodide_version()
    if not (out / "python_stdlib.zip").exists():
        pytest.skip("no build: run `make build`")
    zf = zipfile.ZipFile(out / "python_stdlib.zip")
    assert zf.namelist() and all(n.endswith(".pyc") or not n.endswith(".py") for n in zf.namelist())
    assert set(runtime.zip_modules(zf)) >= set(runtime.stdlib_modules())
    from mappa_site.headers import COMPRESSIBLE
    assert "python_stdlib.zip".endswith(COMPRESSIBLE) and "mappa_rules-0123456789abcdef.zip".endswith(COMPRESSIBLE)


def test_the_build_refuses_a_shipped_import_the_trimmed_library_leaves_out(tmp_path, monkeypatch):
    pkg = tmp_path / "extra_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("import csv\nfrom importlib import resources\n")
    monkeypatch.setattr(runtime, "ARCHIVE_PACKAGES", runtime.ARCHIVE_PACKAGES + [(pkg, "extra_pkg")])
    full = (runtime.NODE_PYODIDE / "python_stdlib.zip").read_bytes()
    with pytest.raises(SystemExit, match=r"csv \(imported by extra_pkg/__init__.py\)"):
        runtime.check_archive_imports(full, runtime.stdlib_modules())
    runtime.check_archive_imports(full, runtime.stdlib_modules() + ["csv"])


def test_the_shipped_packages_import_only_listed_modules():
    full = (runtime.NODE_PYODIDE / "python_stdlib.zip").read_bytes()
    runtime.check_archive_imports(full, runtime.stdlib_modules())


def test_the_lock_file_ships_without_its_package_list():
    lock = json.loads(runtime.trimmed_lock((runtime.NODE_PYODIDE / "pyodide-lock.json").read_bytes()))
    assert lock["packages"] == {} and lock["info"]["abi_version"]


def test_the_rule_archive_leaves_out_the_command_line():
    names = zipfile.ZipFile(io.BytesIO(runtime.rule_source_archive_bytes())).namelist()
    assert "mappa_rules/core.py" in names and "mappa_rules/cli.py" not in names
    assert runtime.rule_source_archive_bytes() == runtime.rule_source_archive_bytes()  # reproducible


def test_the_rule_archive_ships_the_glossarys_abbreviations_beside_the_renderer(tmp_path):
    """Read from the archive by zipimport, as the worker reads it: each abbreviation in a live answer
    says what it means.  Without a glossary (not built yet) the archive has none, and nothing fails."""
    import subprocess
    import sys

    glossary = tmp_path / "glossary.json"
    glossary.write_text(json.dumps({"abbreviations": [["SMB", "Strategic Management Board"]]}), encoding="utf-8")
    archive = runtime.rule_source_archive_bytes(glossary=glossary)
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert runtime.ABBREVIATIONS_IN_ARCHIVE in names and names == sorted(names)
    assert runtime.ABBREVIATIONS_IN_ARCHIVE not in zipfile.ZipFile(
        io.BytesIO(runtime.rule_source_archive_bytes(glossary=tmp_path / "not-built.json"))).namelist()
    (tmp_path / "rules.zip").write_bytes(archive)
    code = (f"import sys; sys.path.insert(0, {str(tmp_path / 'rules.zip')!r}); import mappa_answers; "
            "assert '.zip' in mappa_answers.__file__; print(mappa_answers.shipped_abbreviations().mark_text('The SMB.'))")
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == 'The <abbr title="Strategic Management Board">SMB</abbr>.'


def test_the_build_writes_the_manifest_into_the_engine_and_the_snapshot_key_into_the_head_script(tmp_path, monkeypatch):
    """engine.mjs gets the whole manifest; snapshot.js (which reads the engine's snapshot from
    <head> on a repeat visit) only the runtime id that keys the snapshot; a front-end file that
    lost its placeholder stops the build."""
    front = tmp_path / "static"
    shutil.copytree(runtime.FRONT_END, front)
    monkeypatch.setattr(runtime, "FRONT_END", front)
    monkeypatch.setattr(runtime, "CALC_OUT", tmp_path / "out")
    man = {"runtime_id": "0123456789abcdef01234567", "pyodide": "assets/pyodide/x/", "note": "</script>"}
    runtime.copy_front_end(man)
    engine = (tmp_path / "out" / "engine.mjs").read_text(encoding="utf-8")
    snapshot = (tmp_path / "out" / "snapshot.js").read_text(encoding="utf-8")
    assert runtime.MANIFEST_PLACEHOLDER not in engine and '"note": "<\\/script>"' in engine
    assert runtime.RUNTIME_ID_PLACEHOLDER not in snapshot
    assert 'var RUNTIME_ID = "0123456789abcdef01234567";' in snapshot
    assert sorted(f.name for f in (tmp_path / "out").iterdir()) == sorted(f.name for f in front.iterdir())
    (front / "snapshot.js").write_text("// no placeholder\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="snapshot.js lost its placeholder"):
        runtime.copy_front_end(man)


def test_the_shipped_snapshot_script_names_the_key_the_worker_keeps_it_under():
    """The built site: snapshot.js carries the manifest's runtime id, and it builds the same key
    (the site root, then __engine-snapshot/ and the id) and cache name as worker.mjs."""
    if not (runtime.RULES_OUT / "manifest.json").exists():
        pytest.skip("no build: run `make build`")
    runtime_id = json.loads((runtime.RULES_OUT / "manifest.json").read_text(encoding="utf-8"))["runtime_id"]
    head = (runtime.CALC_OUT / "snapshot.js").read_text(encoding="utf-8")
    worker = (runtime.CALC_OUT / "worker.mjs").read_text(encoding="utf-8")
    assert f'var RUNTIME_ID = "{runtime_id}";' in head
    assert '"../../__engine-snapshot/" + RUNTIME_ID' in head
    assert 'const SNAPSHOTS = new URL("../../__engine-snapshot/", import.meta.url).href;' in worker
    assert "return SNAPSHOTS + runtimeId;" in worker
    assert 'cacheName: "mappa-engine-snapshot"' in head and 'const SNAPSHOT_CACHE = "mappa-engine-snapshot";' in worker


def test_the_rule_archive_ships_bytecode_and_its_data():
    zf = zipfile.ZipFile(io.BytesIO(runtime.rule_archive_bytes()))
    names = zf.namelist()
    assert "mappa_rules/core.pyc" in names and "mappa_answers/markup.pyc" in names
    assert "mappa_rules/data/bank_holidays_england_wales.json" in names
    assert not [n for n in names if n.endswith(".py")] and "mappa_rules/cli.pyc" not in names
    assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}


# ---------------------------------------------------------------------------
# Compression and the service worker's list
# ---------------------------------------------------------------------------

def test_compression_is_reproducible_and_skips_what_does_not_shrink(tmp_path):
    (tmp_path / "a.html").write_text("<p>" + "words " * 2000)
    (tmp_path / "small.js").write_text("x=1")
    (tmp_path / "b.zip").write_bytes(__import__("random").Random(1).randbytes(5000))  # does not shrink
    (tmp_path / "c.png").write_bytes(bytes(5000))  # would shrink, but images are not compressed
    (tmp_path / "old.css.br").write_bytes(b"stale")
    compress.compress_site(tmp_path, cache=None)
    first = (tmp_path / "a.html.br").read_bytes(), (tmp_path / "a.html.gz").read_bytes()
    compress.compress_site(tmp_path, cache=tmp_path.parent / "cache")
    assert ((tmp_path / "a.html.br").read_bytes(), (tmp_path / "a.html.gz").read_bytes()) == first
    assert not (tmp_path / "small.js.br").exists() and not (tmp_path / "b.zip.br").exists()
    assert not (tmp_path / "c.png.br").exists()
    assert not (tmp_path / "old.css.br").exists()  # its original is gone


def test_the_service_worker_keeps_site_files_only(tmp_path):
    for rel in ("index.html", "404.html", "guidance/20/index.html", "assets/x.js", "assets/x.js.br", "assets/x.js.map",
                "assets/javascripts/lunr/min/lunr.de.min.js", "bench/bare.html", "_headers", "sitemap.xml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    assert offline.offline_files(tmp_path) == ["", "404.html", "assets/x.js", "guidance/20/", "sitemap.xml"]
    build, n = offline.write_service_worker(tmp_path)
    sw = (tmp_path / "sw.js").read_text()
    assert n == 5 and f'const BUILD = "{build}"' in sw and '"guidance/20/"' in sw and "@FILES@" not in sw
    # a changed file gives a new build id: the browser installs the new service worker
    (tmp_path / "assets" / "x.js").write_text("changed")
    assert offline.write_service_worker(tmp_path)[0] != build


def test_the_service_worker_stores_nothing_but_its_list():
    """Read as code: the only cache.put is in the install step, over FILES."""
    sw = (ROOT / "publish" / "mappa_site" / "sw.js").read_text()
    assert sw.count("cache.put(") == 1
    install = sw[sw.index("async function precache"):sw.index('self.addEventListener("install"')]
    assert "cache.put(url, response)" in install and "FILES.map" in install
