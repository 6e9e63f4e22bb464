"""``mappa-check-deploy URL``: check a deployed copy of the site against the policy of
``mappa_site.headers`` and say, in words, what is missing and what it costs.

It fetches the home page, a guidance page and a calculator page (or the ``--pages`` given), the
calculator's worker script, the runtime's WebAssembly module, the rule archive, the service worker
and an address that does not exist, and reports for each:

* MISSING: a security header the host does not send (each with what its absence allows), or a
  page without its ``<meta>`` policy;
* WARN: what makes the site slower or less tidy than it could be (no compression, no long-lived
  cache for versioned files, compressed files without ``Vary: Accept-Encoding``, a page's address
  without its final ``/`` served as the page instead of sent on, a soft 404, a directory listing,
  an accessibility statement that names no contact for reports, a site built for another address);
* OK.

Exit status: 0 when nothing is MISSING, 1 when something is, 2 when the site cannot be reached.
Standard library only; it sends nothing but plain GET requests to the URL given.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from mappa_site.headers import IMMUTABLE, META_CSP, SECURITY_HEADERS, WHY

USER_AGENT = "mappa-check-deploy (MAPPA Navigator)"


@dataclass
class Fetched:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), "")


@dataclass
class Report:
    lines: list[tuple[str, str]] = field(default_factory=list)
    #: what came compressed, by label: checked once at the end for Vary (check_vary)
    compressed: list[tuple[str, Fetched]] = field(default_factory=list)

    def add(self, level: str, text: str) -> None:
        self.lines.append((level, text))

    @property
    def missing(self) -> bool:
        return any(level == "MISSING" for level, _ in self.lines)


class _Unfollowed(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer itself (its status and Location), not followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        return None


_UNFOLLOWED = urllib.request.build_opener(_Unfollowed)


def fetch(url: str, encoding: str = "br, gzip", follow: bool = True) -> Fetched:
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": encoding})
    try:
        with (urllib.request.urlopen if follow else _UNFOLLOWED.open)(req, timeout=30) as r:
            return Fetched(url, r.status, dict(r.headers.items()), r.read())
    except urllib.error.HTTPError as e:
        return Fetched(url, e.code, dict(e.headers.items()), e.read())


def check_headers(report: Report, f: Fetched, label: str) -> None:
    for name, wanted in SECURITY_HEADERS.items():
        got = f.header(name)
        if not got:
            report.add("MISSING", f"{label}: no {name} header: {WHY[name]}")
        elif name == "Content-Security-Policy":
            missing = [d for d in wanted.split("; ") if d not in got]
            if missing:
                report.add("MISSING", f"{label}: the Content-Security-Policy header lacks {'; '.join(missing)}")
            else:
                report.add("OK", f"{label}: {name}")
        elif got != wanted:
            report.add("WARN", f"{label}: {name} is {got!r}, the site's policy is {wanted!r}")
        else:
            report.add("OK", f"{label}: {name}")


def check_page(report: Report, base: str, path: str) -> None:
    label = "/" + path
    f = fetch(urllib.parse.urljoin(base, path))
    if f.status != 200:
        report.add("MISSING", f"{label}: HTTP {f.status}")
        return
    check_headers(report, f, label)
    html = _decoded(f).decode("utf-8", "replace")
    if f.header("Content-Encoding"):
        report.compressed.append((label, f))
    if f'content="{META_CSP}"' in html:
        report.add("OK", f"{label}: the page carries its <meta> policy")
    else:
        report.add("MISSING", f"{label}: no <meta> Content-Security-Policy in the page (rebuild the site with `make build`)")


def _decoded(f: Fetched) -> bytes:
    coding = f.header("Content-Encoding")
    if coding == "gzip":
        import gzip

        return gzip.decompress(f.body)
    if coding == "br":
        try:
            import brotli

            return brotli.decompress(f.body)
        except ImportError:
            return b""
    return f.body


def check_runtime(report: Report, base: str) -> str | None:
    """The worker, the WebAssembly module and the rule archive; the first calculator's id."""
    m = fetch(urllib.parse.urljoin(base, "assets/rules/manifest.json"), encoding="identity")
    if m.status != 200:
        report.add("SKIP", "no calculator manifest at /assets/rules/manifest.json: runtime checks skipped")
        return None
    manifest = json.loads(m.body)
    worker = fetch(urllib.parse.urljoin(base, "assets/calculators/worker.mjs"))
    if not worker.header("Content-Security-Policy"):
        report.add("MISSING", "/assets/calculators/worker.mjs: no Content-Security-Policy header: the calculator's "
                              "Web Worker ignores the pages' <meta> policy and runs with none")
    if "javascript" not in worker.header("Content-Type"):
        report.add("MISSING", f"worker.mjs is served as {worker.header('Content-Type')!r}: browsers refuse a module "
                              "that is not JavaScript")
    wasm_url = urllib.parse.urljoin(base, manifest["pyodide"] + "pyodide.asm.wasm")
    wasm = fetch(wasm_url)
    if wasm.status != 200:
        report.add("MISSING", f"the WebAssembly runtime: HTTP {wasm.status} for {wasm_url}")
    else:
        ctype = wasm.header("Content-Type")
        if ctype.split(";")[0].strip() != "application/wasm":
            report.add("MISSING", f"pyodide.asm.wasm is served as {ctype!r}, not application/wasm: browsers compile it more slowly or refuse it")
        else:
            report.add("OK", "pyodide.asm.wasm: application/wasm")
        _check_compressed(report, wasm, "pyodide.asm.wasm")
        _check_immutable(report, wasm, "pyodide.asm.wasm")
    stdlib = fetch(urllib.parse.urljoin(base, manifest["pyodide"] + "python_stdlib.zip"))
    if stdlib.status == 200:
        _check_compressed(report, stdlib, "python_stdlib.zip")
    rules = fetch(urllib.parse.urljoin(base, manifest["rules"]))
    if rules.status == 200:
        _check_compressed(report, rules, "the rule archive")
    _check_immutable(report, rules, "the rule archive")
    return manifest["calculators"][0]["id"] if manifest.get("calculators") else None


def _check_compressed(report: Report, f: Fetched, label: str) -> None:
    """A large runtime file (the WebAssembly module, the standard library, the rule archive) should
    come with Content-Encoding: the build writes a .br and a .gz copy of each."""
    coding = f.header("Content-Encoding")
    if coding in ("br", "gzip"):
        report.add("OK", f"{label}: compressed ({coding}, {len(f.body) / 1e6:.1f} MB on the wire)")
        report.compressed.append((label, f))
    else:
        report.add("WARN", f"{label} is sent uncompressed ({len(f.body) / 1e6:.1f} MB): serve the .br or .gz copy "
                           "the build writes (see the README's Deploying)")


def _check_immutable(report: Report, f: Fetched, label: str) -> None:
    cc = f.header("Cache-Control")
    if "immutable" in cc or re.search(r"max-age=(\d{7,})", cc):
        report.add("OK", f"{label}: Cache-Control {cc}")
    else:
        report.add("WARN", f"{label}: Cache-Control is {cc or 'not sent'}: versioned files can be kept for a year "
                           f"({IMMUTABLE}), so repeat visits do not download them again")


def check_site_rules(report: Report, base: str) -> None:
    sw = fetch(urllib.parse.urljoin(base, "sw.js"))
    if sw.status != 200:
        report.add("WARN", "/sw.js: HTTP %d: the site will not work offline" % sw.status)
    elif re.search(r"max-age=[1-9]", sw.header("Cache-Control")) and "no-cache" not in sw.header("Cache-Control"):
        report.add("WARN", f"/sw.js is cached ({sw.header('Cache-Control')}): updates reach visitors later")
    else:
        report.add("OK", "/sw.js: the service worker (offline use)")
    missing = fetch(urllib.parse.urljoin(base, "mappa-check-deploy-no-such-page/"))
    if missing.status == 404:
        report.add("OK", "an address that does not exist: 404")
    else:
        report.add("WARN", f"an address that does not exist answers HTTP {missing.status}, not 404")
    # the organisation running the copy names its contact at build time (mappa_site.contact)
    statement = fetch(urllib.parse.urljoin(base, "about/accessibility/"))
    if statement.status != 200:
        report.add("WARN", f"/about/accessibility/: HTTP {statement.status}: no accessibility statement there")
    elif b'data-mappa-contact="missing"' in _decoded(statement):
        report.add("WARN", "/about/accessibility/ names no contact for accessibility reports: build the site with "
                           "MAPPA_CONTACT set to an email address or an https:// address (see the README's Deploying)")
    else:
        report.add("OK", "/about/accessibility/ names a contact for accessibility reports")
    listing = fetch(urllib.parse.urljoin(base, "assets/"))
    if listing.status == 200 and re.search(rb"<title>\s*(Index of|Directory listing)", _decoded(listing), re.I):
        report.add("WARN", "/assets/ shows a directory listing: turn listings off")
    else:
        report.add("OK", "no directory listing at /assets/")


def check_vary(report: Report) -> None:
    """A compressed response must say that it depends on Accept-Encoding: without ``Vary``, a cache
    between the host and the browser (a proxy, a CDN) may hand the compressed copy to a browser that
    did not ask for it, or the plain copy to every browser."""
    if not report.compressed:
        return
    lacking = [label for label, f in report.compressed if "accept-encoding" not in f.header("Vary").lower()]
    if lacking:
        report.add("WARN", f"sent compressed without Vary: Accept-Encoding: {', '.join(lacking)}: a cache between "
                           "the host and the browser may give a compressed copy to a browser that cannot read it "
                           "(nginx: gzip_vary on)")
    else:
        report.add("OK", "compressed files are sent with Vary: Accept-Encoding")


def check_built_for(report: Report, base: str, home: str) -> None:
    """The site must be built for the address it is served at (``SITE_URL``, mkdocs.yml's
    ``site_url``): each page names it as its canonical address and the sitemap lists it; the 404
    page loads its styles and scripts from its path; and the theme's instant navigation follows
    only links under it (it adapts the scheme and the host name to the page's, not the port or the
    path).  ``home``: the home page's text."""
    m = re.search(r'<link rel="canonical" href="([^"]+)"', home)
    if m and m.group(1) == base:
        report.add("OK", f"the site was built for this address ({base})")
        return
    if not m:
        report.add("WARN", f"the home page names no address of its own: build the site with SITE_URL={base} "
                           "(see the README's Deploying)")
        return
    built, here = urllib.parse.urlsplit(m.group(1)), urllib.parse.urlsplit(base)
    costs = []
    if (built.port, built.path) != (here.port, here.path):
        costs.append("moving from page to page reloads each page in full")
    costs.append(f"each page names {m.group(1)} as its address, and so does the sitemap")
    if built.path != here.path:
        costs.append(f"the 404 page looks for its styles under {built.path}")
    report.add("WARN", f"the site was built for {m.group(1)}, not {base}: {'; '.join(costs)}. Build it with "
                       f"SITE_URL={base} (see the README's Deploying)")


def check_final_slash(report: Report, base: str, path: str) -> None:
    """A page asked for without its final / (``guidance/20``) must be sent on to ``guidance/20/``:
    the pages' links are relative, and served at the shorter address they point one folder too high."""
    if not path.endswith("/") or not path.strip("/"):
        return
    short = urllib.parse.urljoin(base, path.rstrip("/"))
    f = fetch(short, follow=False)
    target = urllib.parse.urljoin(short, f.header("Location"))
    if f.status in (301, 302, 303, 307, 308) and target.split("?")[0] == urllib.parse.urljoin(base, path):
        report.add("OK", f"/{path.rstrip('/')} is sent on to /{path}")
    elif f.status == 200:
        report.add("WARN", f"/{path.rstrip('/')} (without the final /) is served as the page instead of being sent "
                           f"on to /{path}: its links then lead to addresses that do not exist (nginx: try_files "
                           "$uri $uri/ =404 with index index.html)")
    else:
        report.add("WARN", f"/{path.rstrip('/')} (without the final /) answers HTTP {f.status}, not a redirect to "
                           f"/{path}: a link typed without the final / finds nothing")


def guidance_page(home: str) -> str | None:
    """The first guidance chapter the home page (its text) links to."""
    m = re.search(r'href="((?:\./)?guidance/[^"#/]+/)"', home)
    return m.group(1).removeprefix("./") if m else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mappa-check-deploy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the address of the deployed site (its home page)")
    parser.add_argument("--pages", nargs="*", default=None,
                        help="pages to check, relative to URL (default: home, a guidance page, a calculator page)")
    args = parser.parse_args(argv)
    base = args.url if args.url.endswith("/") else args.url + "/"
    report = Report()
    try:
        calculator = check_runtime(report, base)
        home = _decoded(fetch(base)).decode("utf-8", "replace")
        pages = args.pages
        if pages is None:
            pages = [""] + [p for p in (guidance_page(home), f"calculators/{calculator}/" if calculator else None) if p]
        for path in pages:
            check_page(report, base, path)
        check_final_slash(report, base, next((p for p in reversed(pages) if p.strip("/")), ""))
        check_site_rules(report, base)
        check_built_for(report, base, home)
        check_vary(report)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        print(f"mappa-check-deploy: cannot reach {base}: {reason}")
        return 2
    width = max(len(level) for level, _ in report.lines)
    for level, text in report.lines:
        print(f"{level.ljust(width)}  {text}")
    if report.missing:
        print("\nSome protections are missing. The pages' <meta> policy still blocks scripts and requests to other "
              "sites, but only response headers can stop other sites framing the calculators and cover the "
              "calculator's Web Worker. See the README's Deploying for each kind of host.")
        return 1
    print("\nEvery protection of the site's policy is in place.")
    return 0


def run() -> int:
    return main()


if __name__ == "__main__":
    sys.exit(main())
