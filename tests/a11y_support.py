"""Helpers of the accessibility tests: axe-core in the page, the pages and calculators to check.

axe-core is the npm package pinned in package.json / package-lock.json (``npm ci``, ``make setup``),
read from ``node_modules``; it is a test tool and never part of the built site.  The site's CSP
(``script-src 'self'``, no inline scripts) would block a ``<script>`` added to the page, so axe is
given to the browser as an init script (``BrowserContext.add_init_script``): the browser runs it in
every document before the page's own scripts, and a page's policy does not apply to it.  Every run
checks ``axe.version`` against the pinned version, so a scan that did not really run cannot pass.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from urllib.parse import quote
from pathlib import Path
from typing import Any, Iterator

import pytest

from browser_support import ROOT, site_dir

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

#: Rules switched off, each with the reason it cannot apply to this site.  Nothing else may be
#: switched off: a rule that can apply and fails is a defect to fix, not an exception.
AXE_EXCEPTIONS: dict[str, str] = {}


def pinned_axe_version() -> str:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return package["devDependencies"]["axe-core"]


def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci` (make setup does)", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now (after checking that axe is there and pinned)."""
    version = page.evaluate("() => window.axe ? window.axe.version : null")
    assert version == pinned_axe_version(), f"axe-core did not run in {page.url} (found {version!r})"
    settle(page)
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in AXE_EXCEPTIONS},
    }
    result = page.evaluate("(options) => window.axe.run(document, options)", options)
    return result["violations"]


def settle(page, timeout_ms: int = 2000) -> None:
    """Until what slides or fades (Material's transitions) has come to rest, so that a check sees
    the page as it ends up, not half-way."""
    page.evaluate("""(ms) => Promise.race([
        Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
        new Promise((resolve) => setTimeout(resolve, ms)),
    ])""", timeout_ms)


def describe(violations: list[dict[str, Any]], where: str = "") -> str:
    """One line per rule and node: what a person fixing it needs (rule, impact, node, why)."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            why = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"{where}{v['id']} ({v['impact']}): {' '.join(map(str, node['target']))}: {why[:300]}")
    return "\n".join(lines)


def html_pages(site: Path | None = None) -> list[str]:
    """Every HTML page of the built site, as a path below the site's root URL ("" for the home page).

    Found on disk, so a page added to the site is checked without a change here.
    """
    site = site or site_dir()
    pages = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        if rel == "index.html":
            pages.append("")
        elif rel.endswith("/index.html"):
            pages.append(rel[: -len("index.html")])
        else:
            pages.append(rel)
    return pages


def calculator_ids(site: Path | None = None) -> list[str]:
    """The calculators of the built site, from the build's manifest (assets/rules/manifest.json)."""
    manifest = (site or site_dir()) / "assets" / "rules" / "manifest.json"
    if not manifest.exists():
        return []
    return [c["id"] for c in json.loads(manifest.read_text(encoding="utf-8"))["calculators"]]


def collected(items: list[str]) -> list[Any]:
    """Parameters for pytest: the items, or ``None`` when there is no built site yet (the test's
    ``built_site`` fixture then fails, saying to run ``make build``)."""
    return items or [None]


def follow_link(page, href: str) -> None:
    """Follow a link to ``href`` as a user would: a click, which Material's instant navigation
    handles without a new document (so the calculator engine of the tab carries on)."""
    page.evaluate(
        """(href) => {
            const a = document.createElement("a");
            a.href = href;
            a.textContent = "next page";
            document.querySelector(".md-content").append(a);
            a.click();
        }""",
        href,
    )


def open_by_link(page, server_url: str, href: str) -> None:
    """Go to ``href`` by following a link from the page shown (Material's instant navigation: the
    document, and with it the calculator engine once started, stays); from the list of calculators
    if the page shown is not one of the site's."""
    if not page.url.startswith(server_url) or not page.evaluate("() => !!window.mappa && !!window.document$"):
        page.goto(server_url + "calculators/")
    follow_link(page, href)
    # a calculator takes a training link's answers out of the address bar once read: compare without them
    wait_until(page, "(h) => location.href.split('#answers=')[0] === h.split('#answers=')[0] "
               "&& !!document.querySelector('.md-content')", href, what=href)


def training_link(server_url: str, calc_id: str, answers: dict) -> str:
    """The calculator's address with the answers in it (``#answers=``), as "Make a training link" does."""
    return f"{server_url}calculators/{calc_id}/#answers=" + quote(json.dumps(answers, default=str))


def wait_until(page, script: str, arg: Any = None, timeout_ms: int = 45_000, what: str = "") -> None:
    """Poll ``script`` (a function of ``arg``, which may be async) from Python until it is true;
    fail after the timeout.  (Playwright's ``wait_for_function`` does not await a promise: an async
    predicate there passes at once, whatever it would have found.)"""
    waited = 0
    while waited < timeout_ms:
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(50)
        waited += 50
    pytest.fail(f"timed out after {timeout_ms} ms waiting for {what or script} in {page.url}")


@contextmanager
def engine_failed(browser, server_url: str, calc_id: str, init_scripts: tuple[str, ...] = (), **options) -> Iterator[Any]:
    """A calculator page whose engine could not start: the Python runtime (``pyodide.mjs``) refused, in
    a context of its own without the service worker (which would serve the runtime from its cache).
    ``options`` go to the context; ``init_scripts`` run in every page of it."""
    ctx = browser.new_context(service_workers="block", **options)
    for script in init_scripts:
        ctx.add_init_script(script)
    ctx.route("**/pyodide.mjs", lambda route: route.abort())
    try:
        page = ctx.new_page()
        page.goto(f"{server_url}calculators/{calc_id}/")
        wait_until(page, "() => !!window.mappa && window.mappa.state === 'failed'", what="the engine to fail")
        yield page
    finally:
        ctx.close()
