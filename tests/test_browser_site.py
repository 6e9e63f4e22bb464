"""Privacy and Content-Security-Policy over the whole built site.

One walk visits every page of the site (every ``index.html`` under the built site) and, on every
calculator page, waits for the engine and answers once.  During the walk:
- no request goes to any origin but the local server (the worker's requests included);
- the strict CSP sent as an HTTP header produces no violation (page or worker) and no console error.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

import mappa_rules
from browser_support import CACHE_INVENTORY, INIT_SCRIPT, Watch, wait_ready, wait_result
from mappa_site.offline import offline_files
from test_browser_parity import generated

pytestmark = pytest.mark.browser


def site_pages(built_site) -> list[str]:
    pages = []
    for f in sorted(built_site.rglob("index.html")):
        rel = f.parent.relative_to(built_site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


@pytest.fixture(scope="module")
def walk(browser, server_url, built_site):
    ctx = browser.new_context(locale="en-GB")
    ctx.add_init_script(INIT_SCRIPT)
    watch = Watch(server_url)
    ctx.on("request", lambda r: watch.requests.append(r.url))
    ctx.on("console", lambda m: watch.console_errors.append(f"{m.text} ({m.location})") if m.type == "error" else None)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    violations, worker_violations, headers, visited = [], [], {}, []
    for path in site_pages(built_site):
        calc = path.split("/")[1] if path.startswith("calculators/") and path.count("/") == 2 else None
        fragment = ""
        if calc:  # a training link: the form fills itself and the engine answers
            fragment = "#answers=" + quote(json.dumps(generated(mappa_rules.questions(calc), 0)))
        response = page.goto(server_url + path + fragment)
        headers[path] = response.headers.get("content-security-policy", "")
        visited.append(path)
        if calc:
            wait_ready(page)
            assert wait_result(page, ("ok", "incomplete")) in ("ok", "incomplete")
            worker_violations += page.evaluate("() => window.mappa.violations")
        violations += [dict(v, page=path) for v in page.evaluate("() => window.__cspViolations || []")]
    storage = page.evaluate("""async () => ({
        cookies: document.cookie,
        local: Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]),
        session: Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)]),
        idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
    })""")
    storage["caches"] = page.evaluate(CACHE_INVENTORY, "made-up training text")
    ctx.close()
    return {"watch": watch, "violations": violations, "worker_violations": worker_violations,
            "headers": headers, "visited": visited, "storage": storage}


def test_the_walk_visited_every_page_and_every_calculator(walk, built_site):
    visited = set(walk["visited"])
    assert "" in visited
    for cid in mappa_rules.CALCULATORS:
        assert f"calculators/{cid}/" in visited
    # the request log sees the worker's own requests (else the next test could not fail)
    assert any(u.endswith("pyodide.asm.wasm") for u in walk["watch"].requests)
    assert any("/assets/rules/mappa_rules-" in u for u in walk["watch"].requests)


def test_no_request_goes_to_any_origin_but_the_site(walk):
    assert walk["watch"].foreign_requests() == []


def test_the_csp_is_sent_as_an_http_header_on_every_page(walk):
    for path, csp in walk["headers"].items():
        for directive in ("script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'"):
            assert directive in csp, (path, csp)


def test_the_csp_produces_no_violation(walk):
    assert walk["violations"] == []
    assert walk["worker_violations"] == []


def test_no_console_error_and_no_uncaught_error(walk):
    assert walk["watch"].console_errors == []
    assert walk["watch"].page_errors == []


def test_nothing_typed_is_stored(walk, server_url, built_site):
    storage = walk["storage"]
    assert storage["cookies"] == ""
    assert storage["session"] == []
    assert storage["idb"] == []
    # Cache Storage: the site's own files (offline use) and the engine's snapshot, taken before any
    # answer; nothing typed in any of them (test_browser_delivery checks this in depth)
    site_files = {server_url + rel for rel in offline_files(built_site)}
    for name, entries in storage["caches"].items():
        assert name.startswith("mappa-site-") or name == "mappa-engine-snapshot", name
        for e in entries:
            assert not e["marker"], e["url"]
            assert e["url"] in site_files or "/__engine-snapshot/" in e["url"], e["url"]
    # the theme keeps a few display settings of its own in localStorage; never an answer
    for key, value in storage["local"]:
        assert "made-up training text" not in (value or ""), key
        assert "answers" not in key.lower(), key


def test_a_violation_would_be_seen(page, server_url):
    """The CSP listener works: an inline script injected into a page is blocked and recorded."""
    page.goto(server_url)
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }")
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__ran === undefined")
    assert page.evaluate("() => window.__cspViolations.length") >= 1


def test_a_foreign_request_would_be_seen_and_is_blocked(page, server_url, context):
    page.goto(server_url)
    page.evaluate("() => fetch('https://example.org/x').catch(() => null)")
    page.wait_for_timeout(100)
    # connect-src 'self' blocks it before it leaves the browser; the violation is recorded
    assert page.evaluate("() => window.__cspViolations.some((v) => v.directive.startsWith('connect-src'))")
