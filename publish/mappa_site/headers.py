"""The site's HTTP policy in one place: security headers, cache rules and compressed files.

Used by ``serve.py`` (the local server), by the build (the ``<meta>`` policy of every page, the
``_headers`` file for hosts that read one) and by ``mappa-check-deploy`` (which checks a deployed
copy against it).  ``deploy/nginx/mappa-navigator.conf`` and ``deploy/_headers`` are written from
here (``python -m mappa_site.headers --write``) and a test keeps them current.

What a ``<meta http-equiv="Content-Security-Policy">`` can carry is less than the header: browsers
ignore ``frame-ancestors``, ``report-uri`` and ``sandbox`` in a meta policy, and a Web Worker
ignores the page's meta policy altogether (it takes its policy from its own response headers).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

#: The Content-Security-Policy, directive by directive.  'wasm-unsafe-eval' lets the calculator
#: engine compile WebAssembly (and nothing else: no eval of JavaScript).
CSP_DIRECTIVES: list[tuple[str, str]] = [
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("font-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
]

#: Directives a browser ignores in a <meta> policy.
META_IGNORED = {"frame-ancestors", "report-uri", "sandbox"}

CSP = "; ".join(f"{k} {v}" for k, v in CSP_DIRECTIVES)
META_CSP = "; ".join(f"{k} {v}" for k, v in CSP_DIRECTIVES if k not in META_IGNORED)

#: Sent with every response.
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # older browsers that do not know frame-ancestors
    "X-Frame-Options": "DENY",
    "Permissions-Policy": ", ".join(f"{f}=()" for f in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb",
        "browsing-topics", "interest-cohort")),
    "Cross-Origin-Opener-Policy": "same-origin",
}

#: Why each header matters, in words for the person deploying the site (mappa-check-deploy).
WHY: dict[str, str] = {
    "Content-Security-Policy": "the full policy (the pages carry a <meta> copy, but the calculator's Web Worker "
                               "and framing by other sites are covered only by the header)",
    "X-Content-Type-Options": "stops browsers guessing file types",
    "Referrer-Policy": "keeps the address of the page out of requests",
    "X-Frame-Options": "stops other sites framing the calculators (older browsers)",
    "Permissions-Policy": "turns off device features the site never uses",
    "Cross-Origin-Opener-Policy": "keeps other sites' windows out of this one",
}

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

#: Paths (from the site root) whose content never changes: the runtime is versioned, the rule
#: archive and the theme's files are named after a hash of their content.
IMMUTABLE_PATTERNS: list[str] = [
    r"assets/pyodide/[^/]+/.+",
    r"assets/rules/mappa_rules-[0-9a-f]{16}\.zip",
    r"assets/(?:javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(?:js|css)",
    r"assets/javascripts/workers/.+\.[0-9a-f]{8}\.min\.js",
    r"assets/javascripts/inline-[0-9a-f]{12}\.js",
]
_IMMUTABLE = re.compile("^(?:" + "|".join(IMMUTABLE_PATTERNS) + r")(?:\.br|\.gz)?$")

#: File types worth compressing: text, WebAssembly and the site's two zips of Python bytecode (the
#: standard library and the rule archive), which are stored, not deflated
#: (mappa_calculators/compile_zip.mjs).  Images are compressed already.
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".wasm", ".txt", ".webmanifest", ".zip")

CONTENT_TYPES: dict[str, str] = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".zip": "application/zip",
}


def cache_control(path: str) -> str:
    """The Cache-Control of a site path (``assets/pyodide/314.0.7/pyodide.asm.wasm``, no leading /)."""
    return IMMUTABLE if _IMMUTABLE.match(path.lstrip("/")) else REVALIDATE


def meta_tag() -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{META_CSP}">'


# ---------------------------------------------------------------------------
# Header files for real hosts
# ---------------------------------------------------------------------------

def _glob_of(pattern: str) -> str:
    """A path pattern as a ``_headers`` splat (the patterns above, simplified to their folder)."""
    return {
        IMMUTABLE_PATTERNS[0]: "/assets/pyodide/*",
        IMMUTABLE_PATTERNS[1]: "/assets/rules/mappa_rules-*",
        IMMUTABLE_PATTERNS[2]: "/assets/stylesheets/*",
        IMMUTABLE_PATTERNS[3]: "/assets/javascripts/workers/*",
        IMMUTABLE_PATTERNS[4]: "/assets/javascripts/inline-*",
    }[pattern]


def headers_file() -> str:
    """``_headers`` for Netlify, Cloudflare Pages and hosts that read the same format."""
    out = [
        "# MAPPA Navigator: response headers (Netlify, Cloudflare Pages and hosts that read _headers).",
        "# Written by `python -m mappa_site.headers --write`; the policy lives in publish/mappa_site/headers.py.",
        "/*",
    ]
    out += [f"  {k}: {v}" for k, v in SECURITY_HEADERS.items()]
    # other files keep the host's default (revalidate); Material's hashed bundle sits beside
    # unhashed files in assets/javascripts, so it is named exactly
    immutable = [_glob_of(p) for p in IMMUTABLE_PATTERNS] + ["/assets/javascripts/bundle.*.min.js"]
    for glob in immutable:
        out += [glob, f"  Cache-Control: {IMMUTABLE}"]
    out.append("")
    return "\n".join(out)


def nginx_snippet() -> str:
    """A ``server {}`` fragment for nginx serving ``site/``."""
    def add_headers(indent: str, cache: str) -> list[str]:
        lines = [f'{indent}add_header {k} "{v}" always;' for k, v in SECURITY_HEADERS.items()]
        lines.append(f'{indent}add_header Cache-Control "{cache}" always;')
        return lines

    immutable = "|".join(IMMUTABLE_PATTERNS)
    out = [
        "# MAPPA Navigator: include inside the server { } block that serves the built site/ folder.",
        "# Written by `python -m mappa_site.headers --write`; the policy lives in publish/mappa_site/headers.py.",
        "# nginx drops inherited add_header lines in a location that has its own: each location repeats them.",
        "# For a site served under a sub-path (https://example.org/mappa/), add that path to each location.",
        "",
        "autoindex off;",
        "error_page 404 /404.html;",
        "# a folder without a page (/assets/) is \"not found\" too, not nginx's own \"403 Forbidden\"",
        "error_page 403 =404 /404.html;",
        "charset utf-8;",
        "# A page's address without its final / is sent on to the address with it (the pages' links are",
        "# relative to it), by a redirect that names no host or port: right behind a proxy too.",
        "index index.html;",
        "absolute_redirect off;",
        "# The build writes file.gz and file.br beside every text file and the WebAssembly runtime.",
        "gzip_static on;",
        "# a cache between the host and the browser keeps the compressed and plain copies apart",
        "gzip_vary on;",
        "# brotli_static needs the ngx_brotli module: uncomment where it is installed.",
        "# brotli_static on;",
        "types {",
        "    text/html html;",
        "    text/css css;",
        "    text/javascript js mjs;",
        "    application/json json;",
        "    application/manifest+json webmanifest;",
        "    application/wasm wasm;",
        "    application/zip zip;",
        "    application/xml xml;",
        "    image/svg+xml svg;",
        "    image/png png;",
        "    text/plain txt;",
        "}",
        "",
        "location / {",
        "    try_files $uri $uri/ =404;",
        *add_headers("    ", REVALIDATE),
        "}",
        "",
        f'location ~ "^/(?:{immutable})$" {{',
        *add_headers("    ", IMMUTABLE),
        "}",
        "",
    ]
    return "\n".join(out)


GENERATED = {"_headers": headers_file, "nginx/mappa-navigator.conf": nginx_snippet}


def write(deploy: Path = DEPLOY) -> list[Path]:
    written = []
    for name, make in GENERATED.items():
        target = deploy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(make(), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="rewrite deploy/_headers and deploy/nginx/mappa-navigator.conf")
    args = parser.parse_args(argv)
    if args.write:
        for path in write():
            print(f"headers: wrote {path.relative_to(ROOT)}")
    else:
        print(CSP)
    return 0


if __name__ == "__main__":
    sys.exit(main())
