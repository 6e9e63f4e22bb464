"""Fixtures and helpers of the browser tests (pytest + Playwright for Python + Debian Chromium).

The site under test is ``site/`` (``make test`` builds it first) or the directory in the
environment variable ``SITE_DIR``.  It is served on a free port of the loopback address by
``mappa_site.serve`` with the site's strict Content-Security-Policy as an HTTP header.

Nothing here downloads a browser: Chromium is Debian's, at ``/usr/bin/chromium`` (or ``CHROMIUM``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: Records CSP violations in every document before any of the site's scripts run (an init script
#: is injected by the browser itself, so the page's policy does not block it).
INIT_SCRIPT = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
                                 source: e.sourceFile, line: e.lineNumber});
  });
})();
"""


#: Every cache of Cache Storage: {name: [{url, bytes, marker}]}, ``marker`` true when the given
#: text is in the cached body (as UTF-8 or UTF-16, as a string in memory would be).
CACHE_INVENTORY = """async (marker) => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    const entries = [];
    for (const request of await cache.keys()) {
      const body = new Uint8Array(await (await cache.match(request)).arrayBuffer());
      // look for the marker in the bytes (UTF-8 and UTF-16, as a string in memory would be)
      const utf8 = new TextEncoder().encode(marker);
      const utf16 = new Uint8Array([...marker].flatMap((c) => [c.charCodeAt(0), 0]));
      const has = (needle) => { outer: for (let i = 0; i + needle.length <= body.length; i++) {
        for (let j = 0; j < needle.length; j++) if (body[i + j] !== needle[j]) continue outer; return true; } return false; };
      entries.push({ url: request.url, bytes: body.length, marker: has(utf8) || has(utf16) });
    }
    out[name] = entries;
  }
  return out;
}"""


def site_dir() -> Path:
    return Path(os.environ.get("SITE_DIR", ROOT / "site")).resolve()


@pytest.fixture(scope="session")
def built_site() -> Path:
    d = site_dir()
    if not (d / "index.html").exists() or not (d / "assets" / "calculators" / "main.mjs").exists():
        pytest.fail(f"no built site in {d}: run `make build` (make test does) or set SITE_DIR", pytrace=False)
    return d


def serve_site(directory: Path, plain: bool = False):
    """``mappa_site.serve`` (with its headers, or none with ``plain``) on a free port, quiet.

    Material's instant navigation follows only links listed in ``sitemap.xml``, whose URLs start
    with ``site_url`` (port 8000 for ``make serve``); it adapts scheme and host to the page but not
    the port.  On the test's free port the sitemap is served with this server's origin, as if the
    site had been built for it (``SITE_URL``), so instant navigation is tested as users get it.
    """
    import re
    import threading

    from mappa_site.serve import Handler, make_server

    class TestHandler(Handler):
        def do_GET(self) -> None:  # noqa: N802 - name of the base class
            if self.path.split("?")[0].endswith("/sitemap.xml"):
                f = Path(self.translate_path(self.path))
                if f.exists():
                    own = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}/"
                    text = f.read_text(encoding="utf-8")
                    m = re.search(r"<loc>(https?://[^/<]+/)", text)
                    body = (text.replace(m.group(1), own) if m else text).encode("utf-8")
                    self.send_response(200)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
            super().do_GET()

    server = make_server(directory, 0, plain=plain, handler=TestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"


class Link:
    """A slow network link shared by every connection of a server: ``rate`` bytes per second in
    all, and ``latency`` seconds before each response (round trip and server time).  The server
    side of a throttle, so that it applies to the Web Worker's requests as to the page's."""

    def __init__(self, rate: float, latency: float = 0.0, pause_after: int = 0, pause_for: float = 0.0) -> None:
        import threading

        self.rate, self.latency = rate, latency
        self._lock = threading.Lock()
        self._next = 0.0  # the time at which the link is free again
        # a dead spell: after ``pause_after`` bytes nothing goes through for ``pause_for`` seconds
        self.pause_after, self.pause_for = pause_after, pause_for
        self.sent = 0
        self.paused_until = 0.0

    def send(self, n: int) -> None:
        import time

        with self._lock:
            now = time.monotonic()
            self.sent += n
            if self.pause_after and self.sent >= self.pause_after and not self.paused_until:
                self.paused_until = now + self.pause_for
            start = max(now, self._next, self.paused_until)
            self._next = start + n / self.rate
            wait = self._next - now
        if wait > 0:
            time.sleep(wait)


def throttled_server(directory: Path, link: Link, plain: bool = False):
    """``serve_site`` behind ``link``: each response waits ``link.latency``, then its body goes
    out in 16 KB pieces at the link's rate (shared by all connections)."""
    import threading
    import time

    from mappa_site.serve import Handler, make_server

    class SlowHandler(Handler):
        def send_head(self):
            time.sleep(link.latency)
            return super().send_head()

        def copyfile(self, source, outputfile):
            while True:
                chunk = source.read(16 * 1024)
                if not chunk:
                    break
                link.send(len(chunk))
                outputfile.write(chunk)

    server = make_server(directory, 0, plain=plain, handler=SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"


@pytest.fixture(scope="session")
def server_url(built_site: Path) -> Iterator[str]:
    server, url = serve_site(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM}: run `make chromium`", pytrace=False)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@dataclass
class Watch:
    """What a browser context did: every request, console errors, uncaught page errors.

    ``requests`` holds every request, the service worker's included (it saves the site for offline
    use once a page has loaded); ``page_requests`` only those of the pages and their Web Workers: what
    a page asks for when it is used."""

    base: str
    requests: list[str] = field(default_factory=list)
    page_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.base) or u.startswith(("data:", "blob:")))]


@pytest.fixture
def context(browser, server_url):
    ctx = browser.new_context(locale="en-GB", timezone_id="Europe/London", accept_downloads=True)
    ctx.add_init_script(INIT_SCRIPT)
    watch = Watch(server_url)
    ctx.on("request", lambda r: watch.requests.append(r.url))
    ctx.on("request", lambda r: None if r.service_worker else watch.page_requests.append(r.url))
    ctx.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    ctx.watch = watch  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    pg.on("pageerror", lambda e: context.watch.page_errors.append(str(e)))
    pg.set_default_timeout(45_000)
    return pg


def wait_ready(page) -> None:
    """Until the calculator engine is ready (fails with its own message if it failed)."""
    state = page.evaluate("() => window.mappa.ready().then(() => 'ready', (e) => 'failed: ' + e.message)")
    assert state == "ready", state


def open_calculator(page, server_url: str, calc_id: str, fragment: str = "") -> None:
    page.goto(f"{server_url}calculators/{calc_id}/{fragment}")
    wait_ready(page)


def browser_evaluate_many(page, calls: list[tuple[str, Any]]) -> list[Any]:
    """Evaluate many (calculator, answers) pairs through window.mappa.evaluate in one round trip."""
    return page.evaluate(
        "(calls) => Promise.all(calls.map(([id, answers]) => window.mappa.evaluate(id, answers)))",
        [[c, a] for c, a in calls],
    )


def cpython_result(calc_id: str, answers: Any) -> Any:
    """The CPython result as JSON would carry it (tuples become lists, and so on)."""
    from mappa_rules import evaluate

    return json.loads(json.dumps(evaluate(calc_id, answers)))


def ask_for_the_answer(page) -> None:
    """Press the form's "see the answer" button from the keyboard (focus it, then Enter), as a
    keyboard user does.  A mouse click at the button's place can miss it on a slow machine: an
    answer worked out meanwhile shows or hides questions above the button and moves it."""
    page.focus("form.mappa-form button[type=submit]")
    page.keyboard.press("Enter")


def result_state(page) -> str:
    return page.get_attribute(".mappa-result-body", "data-state") or ""


def wait_result(page, states=("ok",), timeout_ms: int = 15_000) -> str:
    """Wait until the result panel is in one of ``states`` (polling from Python: CSP forbids eval)."""
    waited = 0
    while waited < timeout_ms:
        s = result_state(page)
        if s in states:
            return s
        page.wait_for_timeout(50)
        waited += 50
    return result_state(page)
