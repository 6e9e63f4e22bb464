"""Delivery on any host and any connection (issue 14): loading that tells the truth, offline use,
integrity, and a site that protects itself on a plain static host.

* a throttled start (100 KB/s, 150 ms latency, longer than the old fixed 30 s) shows its progress
  and never a failure; a stall shows as one, and a late "ready" clears it;
* WebAssembly refused by the server's policy is reported in under 3 seconds; a missing file by
  its status; a tampered rule archive is refused;
* after a first visit, a reload with the server gone and the browser offline starts the engine
  from the service worker's cache and evaluates; Cache Storage then holds site files and the
  engine's snapshot only, never an answer;
* a plain static server (no headers at all): every page carries the meta CSP, nothing is
  refused, nothing goes to another origin, and the calculator works;
* the memory snapshot is used on a repeat visit, and a damaged one is dropped for a normal start;
  on a repeat visit the page begins to read it from <head> and hands it to the worker, which
  uses it only when it is this runtime's;
* two copies of the site under their own paths of one host each work there, and neither removes
  the other's offline copy or snapshot.
"""

from __future__ import annotations

import http.server
import json
import re
import time
from urllib.parse import quote

import pytest

import mappa_rules
from a11y_support import wait_until
from browser_support import CACHE_INVENTORY, INIT_SCRIPT, Link, Watch, cpython_result, serve_site, throttled_server, wait_ready, wait_result
from mappa_site import check_deploy, headers
from mappa_site.offline import offline_files
from mappa_site.serve import Handler, make_server
from test_browser_keyboard import valid_answers
from test_browser_site import site_pages

pytestmark = pytest.mark.browser

CALC = "category"
MARKER = "zq_marker_7731"  # typed into the answers; must never be stored


def _stop(server) -> None:
    server.shutdown()
    server.server_close()


def _states_recorder(page) -> None:
    page.evaluate("""() => { window.__states = [window.mappa.state];
        window.mappa.onState((s) => { if (window.__states[window.__states.length - 1] !== s) window.__states.push(s); }); }""")


def _poll_until_settled(page, timeout_s: float, every_ms: int = 500) -> list[str]:
    """The status line's texts while the engine loads, until it is ready or failed (hard)."""
    texts = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = page.inner_text(".mappa-calc .mappa-engine-extra") + " | " + page.inner_text(".mappa-status")
        if not texts or texts[-1] != text:
            texts.append(text)
        state = page.evaluate("() => window.mappa.state")
        failure = page.evaluate("() => window.mappa.failure")
        if state == "ready" or (state == "failed" and not failure["soft"]):
            break
        page.wait_for_timeout(every_ms)
    return texts


# ---------------------------------------------------------------------------
# Loading that tells the truth
# ---------------------------------------------------------------------------

def test_a_throttled_start_shows_progress_and_no_false_failure(browser, built_site):
    link = Link(rate=100_000, latency=0.15)
    server, url = throttled_server(built_site, link)
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        page.set_default_timeout(240_000)
        t0 = time.monotonic()
        page.goto(f"{url}calculators/{CALC}/")
        _states_recorder(page)
        texts = _poll_until_settled(page, 240)
        took = time.monotonic() - t0
        states = page.evaluate("() => window.__states")
        assert page.evaluate("() => window.mappa.state") == "ready", (states, texts[-3:])
        assert "failed" not in states, texts
        # longer than the old fixed limit of 30 seconds, and the bytes were shown as they came
        assert took > 30, took
        figures = [t for t in texts if re.search(r"\d+\.\d of \d+\.\d MB", t)]
        assert len(figures) >= 5, texts
        assert "Calculator ready" in page.inner_text(".mappa-status")
        answers = valid_answers(CALC)
        assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == cpython_result(CALC, answers)
    finally:
        ctx.close()
        _stop(server)


def test_a_stall_is_reported_and_a_late_ready_clears_it(browser, built_site):
    # nothing arrives for 6 s after the first 1.5 MB; the test shortens the watchdog to 2 s
    link = Link(rate=3_000_000, pause_after=1_500_000, pause_for=6)
    server, url = throttled_server(built_site, link)
    ctx = browser.new_context(service_workers="block")
    ctx.add_init_script("window.MAPPA_STALL_MS = 2000;")
    try:
        page = ctx.new_page()
        page.set_default_timeout(120_000)
        page.goto(f"{url}calculators/{CALC}/#answers=" + quote(json.dumps(valid_answers(CALC))))
        _states_recorder(page)
        texts = _poll_until_settled(page, 120, every_ms=200)
        states = page.evaluate("() => window.__states")
        assert "failed" in states and states[-1] == "ready", (states, texts)
        assert any("nothing has arrived" in t for t in texts), texts
        # the failure is gone: the status says ready and the answer is worked out
        assert "Calculator ready" in page.inner_text(".mappa-status")
        assert page.inner_text(".mappa-engine-extra") == ""
        assert wait_result(page, ("ok",), 30_000) == "ok"
    finally:
        ctx.close()
        _stop(server)


def test_a_worker_that_stops_answering_is_started_again_once_then_reported(browser, built_site):
    """No reply within the time allowed (shortened here to 1.5 s): the request is refused with a
    plain message and a new worker started; a second silence is a failure the page states."""
    server, url = serve_site(built_site)
    ctx = browser.new_context(service_workers="block")
    ctx.add_init_script("window.MAPPA_REPLY_MS = 1500;")
    worker = (built_site / "assets" / "calculators" / "worker.mjs").read_text(encoding="utf-8")
    deaf = worker.replace('if (msg.type === "evaluate") answer(msg);', 'if (msg.type === "evaluate") return;')
    assert deaf != worker, "worker.mjs no longer answers evaluate requests where this test expects"
    ctx.route("**/assets/calculators/worker.mjs",
              lambda route: route.fulfill(body=deaf, content_type="text/javascript",
                                          headers={"Content-Security-Policy": headers.CSP}))
    try:
        page = ctx.new_page()
        page.set_default_timeout(120_000)
        page.goto(f"{url}calculators/{CALC}/")
        wait_ready(page)
        answers = valid_answers(CALC)
        ask = "([id, a]) => window.mappa.evaluate(id, a).then(() => 'answered', (e) => e.message)"
        first = page.evaluate(ask, [CALC, answers])
        assert first == "The calculator did not answer within 1.5 seconds.", first
        assert page.evaluate("() => window.mappa.workers") == 2, "a new worker was started"
        wait_ready(page)
        assert page.evaluate(ask, [CALC, answers]).startswith("The calculator did not answer")
        assert page.evaluate("() => window.mappa.state") == "failed"
        assert page.evaluate("() => window.mappa.failure.kind") == "no-reply"
        status = page.inner_text(".mappa-status")
        assert status.startswith("The calculator cannot work out answers."), status
        assert "Traceback" not in status and "request" not in status
    finally:
        ctx.close()
        _stop(server)


class NoWasmPolicy(Handler):
    """A host whose policy leaves out 'wasm-unsafe-eval' (an organisation's proxy, say)."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", headers.CSP.replace(" 'wasm-unsafe-eval'", ""))
        http.server.SimpleHTTPRequestHandler.end_headers(self)


def _failure_after_navigation(page) -> tuple[dict, float]:
    page.evaluate("() => window.mappa.ready().catch(() => null)")
    return page.evaluate("() => window.mappa.failure"), page.evaluate("() => performance.now()")


def _assert_plain_status(page) -> None:
    """The live status line says it in words: no address, no file name, no JavaScript error."""
    status = page.inner_text(".mappa-status")
    assert not re.search(r"https?:|/assets/|\.wasm|\.zip|Error:|HTTP \d", status), status
    details = page.locator(".mappa-engine-detail")
    assert details.count() == 1 and details.get_attribute("open") is None
    assert page.inner_text(".mappa-result-body").startswith("No answer can be worked out")


def test_webassembly_refused_by_the_policy_is_reported_in_under_3_seconds(browser, built_site):
    server = make_server(built_site, 0, handler=NoWasmPolicy)
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/calculators/{CALC}/")
        failure, at = _failure_after_navigation(page)
        assert failure["kind"] == "wasm-blocked", failure
        assert at < 3000, at
        assert "WebAssembly" in page.inner_text(".mappa-status")
        _assert_plain_status(page)
        assert "unsafe-eval" in page.text_content(".mappa-engine-detail")
    finally:
        ctx.close()
        _stop(server)


def test_a_missing_runtime_file_is_reported_by_its_status(browser, server_url):
    ctx = browser.new_context(service_workers="block")
    ctx.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="not here"))
    try:
        page = ctx.new_page()
        page.goto(f"{server_url}calculators/{CALC}/")
        failure, at = _failure_after_navigation(page)
        assert failure["kind"] == "missing" and "404" in failure["detail"], failure
        assert at < 15_000, at  # at once, not after a time limit
        _assert_plain_status(page)
    finally:
        ctx.close()


def test_a_tampered_rule_archive_is_refused(browser, server_url):
    def tamper(route):
        response = route.fetch()
        body = bytearray(response.body())
        body[len(body) // 2] ^= 0x01
        route.fulfill(response=response, body=bytes(body))

    ctx = browser.new_context(service_workers="block")
    ctx.route("**/assets/rules/mappa_rules-*.zip", tamper)
    try:
        page = ctx.new_page()
        page.goto(f"{server_url}calculators/{CALC}/")
        failure, _ = _failure_after_navigation(page)
        assert failure["kind"] == "integrity", failure
        assert "expected" in failure["detail"]
        refused = page.evaluate("([id, a]) => window.mappa.evaluate(id, a).then(() => 'answered', (e) => e.message)",
                                [CALC, valid_answers(CALC)])
        assert "not the ones it was built with" in refused
        _assert_plain_status(page)
    finally:
        ctx.close()


def test_answers_that_cannot_be_sent_are_rejected_at_once(page, server_url):
    page.goto(f"{server_url}calculators/{CALC}/")
    wait_ready(page)
    deep = page.evaluate("""() => { let a = 1; for (let i = 0; i < 3000; i++) a = [a];
        return window.mappa.evaluate('category', {x: a}).then(() => 'answered', (e) => e.message); }""")
    assert "nested more than 64 levels" in deep
    cyclic = page.evaluate("""() => { const a = {}; a.self = a;
        return window.mappa.evaluate('category', a).then(() => 'answered', (e) => e.message); }""")
    assert "not plain data" in cyclic
    assert page.evaluate("() => window.mappa.state") == "ready"


# ---------------------------------------------------------------------------
# Offline after the first visit; Cache Storage holds site files only
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_visit(browser, built_site):
    """A first visit with answers typed (a training link), then the site gone and the browser offline."""
    server, url = serve_site(built_site)
    ctx = browser.new_context(locale="en-GB")
    ctx.add_init_script(INIT_SCRIPT)
    watch = Watch(url)
    ctx.on("request", lambda r: watch.requests.append(r.url))
    page = ctx.new_page()
    page.set_default_timeout(120_000)
    answers = dict(valid_answers(CALC), **{MARKER: MARKER + "-value"})
    page.goto(f"{url}calculators/{CALC}/#answers=" + quote(json.dumps(answers)))
    wait_ready(page)
    assert wait_result(page, ("ok", "incomplete"), 30_000) in ("ok", "incomplete")
    good = valid_answers(CALC)
    page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, good])
    # the service worker registers once the engine is ready, installs (keeps every file), takes over
    page.evaluate("() => navigator.serviceWorker.ready")
    for _ in range(200):
        if page.evaluate("() => Boolean(navigator.serviceWorker.controller)"):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(1000)  # the snapshot is written after "ready"
    inventory = page.evaluate(CACHE_INVENTORY, MARKER)
    _stop(server)
    ctx.set_offline(True)
    page.reload()
    state = page.evaluate("() => window.mappa.ready().then(() => 'ready', (e) => 'failed: ' + e.message)")
    offline = {"state": state, "snapshot": page.evaluate("() => window.mappa.timings.snapshot"),
               "snapshotRead": page.evaluate("() => window.mappa.timings.snapshotRead")}
    if state == "ready":
        offline["result"] = page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, good])
        offline["status"] = page.inner_text(".mappa-status")
    # a guidance page never visited in this tab, from the cache
    chapter = sorted(p.parent.name for p in (built_site / "guidance").glob("*/index.html"))[-1]
    page.goto(f"{url}guidance/{chapter}/")
    offline["guidance_title"] = page.title()
    ctx.close()
    return {"inventory": inventory, "offline": offline, "expected": cpython_result(CALC, good), "url": url,
            "watch": watch}


def test_an_offline_reload_of_a_visited_calculator_starts_and_evaluates(offline_visit):
    offline = offline_visit["offline"]
    assert offline["state"] == "ready", offline
    assert offline["snapshot"] == "used"
    # controlled by the service worker: the page began to read the snapshot from <head> (snapshot.js)
    assert offline["snapshotRead"] == "page"
    assert offline["result"] == offline_visit["expected"]
    assert "Calculator ready" in offline["status"]
    assert "MAPPA Navigator" in offline["guidance_title"] and "Offline" not in offline["guidance_title"]


def test_cache_storage_holds_site_files_only_never_an_answer(offline_visit, built_site):
    inventory = offline_visit["inventory"]
    url = offline_visit["url"]
    site_files = {url + rel for rel in offline_files(built_site)}
    names = set(inventory)
    assert any(n.startswith("mappa-site-") for n in names) and "mappa-engine-snapshot" in names, names
    assert names <= {n for n in names if n.startswith("mappa-site-")} | {"mappa-engine-snapshot"}
    for name, entries in inventory.items():
        for e in entries:
            assert not e["marker"], (name, e["url"])  # nothing typed, in any cached file
            if name.startswith("mappa-site-"):
                assert e["url"] in site_files, e["url"]
            else:  # the engine's memory snapshot, one, keyed by the build's runtime id
                assert re.fullmatch(re.escape(url) + r"__engine-snapshot/[0-9a-f]{24}", e["url"]), e["url"]
    assert len(inventory["mappa-engine-snapshot"]) == 1
    site_cache = next(entries for name, entries in inventory.items() if name.startswith("mappa-site-"))
    assert {e["url"] for e in site_cache} == site_files  # every site file, for offline use


def test_the_first_visit_asked_no_other_origin(offline_visit):
    assert offline_visit["watch"].foreign_requests() == []


# ---------------------------------------------------------------------------
# A plain static host: no headers at all
# ---------------------------------------------------------------------------

def test_on_a_plain_static_server_every_page_carries_the_meta_csp_and_nothing_is_refused(browser, built_site):
    server, url = serve_site(built_site, plain=True)
    ctx = browser.new_context(service_workers="block")
    ctx.add_init_script(INIT_SCRIPT)
    watch = Watch(url)
    ctx.on("request", lambda r: watch.requests.append(r.url))
    ctx.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    try:
        page = ctx.new_page()
        page.set_default_timeout(120_000)
        violations = []
        for path in site_pages(built_site) + ["404.html"]:
            response = page.goto(url + path)
            assert "content-security-policy" not in response.headers  # really a plain server
            meta = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
            assert meta == headers.META_CSP, path
            if path == f"calculators/{CALC}/":
                wait_ready(page)
                answers = valid_answers(CALC)
                assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == cpython_result(CALC, answers)
                violations += page.evaluate("() => window.mappa.violations")
            violations += page.evaluate("() => window.__cspViolations || []")
        assert violations == []
        assert watch.foreign_requests() == []
        assert watch.console_errors == []
    finally:
        ctx.close()
        _stop(server)


def test_the_meta_policy_blocks_what_the_header_would(browser, built_site):
    """On a plain host the meta policy alone refuses an inline script and a request elsewhere."""
    server, url = serve_site(built_site, plain=True)
    ctx = browser.new_context(service_workers="block")
    ctx.add_init_script(INIT_SCRIPT)
    try:
        page = ctx.new_page()
        page.goto(url)
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }")
        page.evaluate("() => fetch('https://example.org/x').catch(() => null)")
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.__ran === undefined")
        directives = page.evaluate("() => window.__cspViolations.map((v) => v.directive)")
        assert any(d.startswith("script-src") for d in directives) and any(d.startswith("connect-src") for d in directives)
    finally:
        ctx.close()
        _stop(server)


# ---------------------------------------------------------------------------
# The memory snapshot
# ---------------------------------------------------------------------------

def _ready_calculator(ctx, server_url: str):
    """A new page of ``ctx`` on the calculator, once its engine is ready."""
    page = ctx.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{server_url}calculators/{CALC}/")
    wait_ready(page)
    return page


def _snapshot_key(server_url: str, built_site) -> str:
    runtime_id = json.loads((built_site / "assets/rules/manifest.json").read_text(encoding="utf-8"))["runtime_id"]
    return f"{server_url}__engine-snapshot/{runtime_id}"


def test_a_repeat_visit_uses_the_snapshot_and_a_damaged_one_is_dropped(browser, server_url):
    ctx = browser.new_context(service_workers="block")
    try:
        page = _ready_calculator(ctx, server_url)
        assert page.evaluate("() => window.mappa.timings.snapshot") == "made"
        page.wait_for_timeout(1000)
        page.reload()
        wait_ready(page)
        assert page.evaluate("() => window.mappa.timings.snapshot") == "used"
        # no service worker controls the page: snapshot.js leaves the reading to the worker
        assert page.evaluate("() => window.mappa.timings.snapshotRead") == "worker"
        answers = valid_answers(CALC)
        assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == cpython_result(CALC, answers)
        # damage the snapshot: the engine deletes it and starts normally, without one
        page.evaluate("""async () => { const cache = await caches.open('mappa-engine-snapshot');
            for (const key of await cache.keys()) await cache.put(key, new Response(new Uint8Array(4096).fill(7))); }""")
        page.reload()
        wait_ready(page)
        assert page.evaluate("() => window.mappa.timings.snapshot") == "off"
        assert page.evaluate("() => window.mappa.workers") == 2  # the first was stopped
        assert page.evaluate("() => window.mappa.failure") is None
        assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == cpython_result(CALC, answers)
        assert page.evaluate("() => caches.open('mappa-engine-snapshot').then((c) => c.keys()).then((k) => k.length)") == 0
        # the next visit takes a new one
        page.reload()
        wait_ready(page)
        assert page.evaluate("() => window.mappa.timings.snapshot") == "made"
    finally:
        ctx.close()


def test_a_repeat_visit_reads_the_snapshot_from_the_page_head_and_a_first_visit_does_not(browser, server_url, built_site):
    """snapshot.js, from <head>: on a first visit it looks nothing up (no service worker controls
    the page yet, so there is nothing to read); on the next visit it reads the snapshot under this
    build's key and the worker uses those bytes."""
    ctx = browser.new_context()
    try:
        page = _ready_calculator(ctx, server_url)
        assert page.evaluate("() => window.mappaEngineSnapshot") is None
        assert page.evaluate("() => window.mappa.timings.snapshot") == "made"
        page.evaluate("() => navigator.serviceWorker.ready")
        wait_until(page, """async () => Boolean(navigator.serviceWorker.controller)
            && (await caches.open('mappa-engine-snapshot').then((c) => c.keys())).length === 1""")
        page.goto("about:blank")
        page.goto(f"{server_url}calculators/{CALC}/")
        wait_ready(page)
        assert page.evaluate("() => window.mappa.timings.snapshot") == "used"
        assert page.evaluate("() => window.mappa.timings.snapshotRead") == "page"
        assert page.evaluate("() => window.mappa.workers") == 1
        keys = page.evaluate("() => caches.open('mappa-engine-snapshot').then((c) => c.keys()).then((k) => k.map((r) => r.url))")
        assert keys == [_snapshot_key(server_url, built_site)]
        answers = valid_answers(CALC)
        assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == cpython_result(CALC, answers)
    finally:
        ctx.close()


def test_a_snapshot_handed_over_by_the_page_is_used_only_if_it_is_this_runtimes(browser, server_url, built_site):
    """The worker checks the key of what the page hands over: another build's snapshot is not
    used (the worker reads its own); "none found" under the right key is taken as it is (no second
    lookup); and damaged bytes under the right key are dropped for a normal start, as a damaged
    stored snapshot is."""
    key = _snapshot_key(server_url, built_site)
    ctx = browser.new_context(service_workers="block")
    try:
        page = _ready_calculator(ctx, server_url)
        wait_until(page, "() => caches.open('mappa-engine-snapshot').then((c) => c.keys()).then((k) => k.length === 1)")
        answers = valid_answers(CALC)
        expected = cpython_result(CALC, answers)
        # what a page of another build would hand over: not this runtime's key
        page.add_init_script("""window.mappaEngineSnapshot = Promise.resolve({
            key: new URL('/__engine-snapshot/000000000000000000000000', location.href).href,
            bytes: new Uint8Array(4096).fill(7).buffer });""")
        page.reload()
        wait_ready(page)
        assert page.evaluate("() => window.mappa.timings.snapshot") == "used"
        assert page.evaluate("() => window.mappa.timings.snapshotRead") == "worker"
        assert page.evaluate("() => window.mappa.workers") == 1
        assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == expected
        # the page looked under this runtime's key and found none (as after a new build): the
        # worker takes that answer and does not look again, so the stored one is not used
        page.add_init_script(f"""window.mappaEngineSnapshot = Promise.resolve({{ key: {json.dumps(key)}, bytes: null }});""")
        page.reload()
        wait_ready(page)
        assert page.evaluate("() => window.mappa.timings.snapshot") == "made"
        assert page.evaluate("() => window.mappa.timings.snapshotRead") is None
        assert page.evaluate("() => window.mappa.workers") == 1
        # damaged bytes under this runtime's key: dropped, a normal start, no failure shown
        page2 = ctx.new_page()
        page2.set_default_timeout(120_000)
        page2.add_init_script(f"""window.mappaEngineSnapshot = Promise.resolve({{
            key: {json.dumps(key)}, bytes: new Uint8Array(4096).fill(7).buffer }});""")
        page.close()
        page2.goto(f"{server_url}calculators/{CALC}/")
        wait_ready(page2)
        assert page2.evaluate("() => window.mappa.timings.snapshot") == "off"
        assert page2.evaluate("() => window.mappa.workers") == 2  # the first was stopped
        assert page2.evaluate("() => window.mappa.failure") is None
        assert page2.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == expected
    finally:
        ctx.close()


def test_a_new_build_replaces_the_offline_copy_cleanly(browser, built_site, tmp_path):
    """A new build (a changed page, so a new sw.js): the new service worker takes over, keeps the
    new files, copies the unchanged versioned runtime from the old cache instead of downloading
    it again, and deletes this copy's old caches and no other copy's; offline, the new page is
    served."""
    import shutil

    from mappa_site.offline import write_service_worker

    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.br", "*.gz"))
    server, url = serve_site(site)
    ctx = browser.new_context()
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    try:
        page = ctx.new_page()
        page.set_default_timeout(120_000)
        page.goto(url)
        page.evaluate("() => navigator.serviceWorker.ready")
        first = page.evaluate("() => caches.keys()")
        assert len(first) == 1 and first[0].startswith("mappa-site-")
        # caches named as builds before the name carried the copy's path: this copy's (it holds
        # this copy's home page) goes with the new build; another copy's on the same host stays
        page.evaluate("""async ([mine, theirs]) => {
            await (await caches.open('mappa-site-00000000000000aa')).put(mine, new Response('old home'));
            await (await caches.open('mappa-site-00000000000000bb')).put(theirs, new Response('their home'));
        }""", [url, url + "trial/"])
        # the new build: the home page changes, and with it the service worker's build id
        index = site / "index.html"
        index.write_text(index.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1), encoding="utf-8")
        build, _ = write_service_worker(site)
        # the request log sees the service worker's own downloads (else the check below could not fail)
        assert [u for u in requests if u.endswith("pyodide.asm.wasm")]
        requests.clear()
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        after = sorted([f"mappa-site-{build} /", "mappa-site-00000000000000bb"])
        for _ in range(300):
            if sorted(page.evaluate("() => caches.keys()")) == after:
                break
            page.wait_for_timeout(100)
        assert sorted(page.evaluate("() => caches.keys()")) == after  # this copy's old caches are gone
        assert not [u for u in requests if u.endswith("pyodide.asm.wasm")], "the unchanged runtime was downloaded again"
        _stop(server)
        ctx.set_offline(True)
        page.reload()
        assert "(new build)" in page.inner_text("h1")
    finally:
        ctx.close()


#: True once the copy of the site at the given address is controlled by its own service worker and
#: the engine's snapshot of that copy is stored
COPY_OFFLINE_AND_SNAPSHOT = """async (base) => {
  const sw = navigator.serviceWorker.controller;
  if (!sw || !sw.scriptURL.startsWith(base)) return false;
  const keys = await caches.open('mappa-engine-snapshot').then((c) => c.keys());
  return keys.some((r) => r.url.startsWith(base + '__engine-snapshot/'));
}"""


def test_two_copies_on_one_host_each_work_under_their_path_and_keep_their_own_offline_copy(browser, built_site, tmp_path):
    """Two copies of the site under their own paths of one host, of different builds (GitHub Pages
    serves every project of an account from one host; an intranet may keep a live and a trial
    copy): each works under its path and asks for nothing outside it, and a visit to one never
    deletes the other's offline copy or engine snapshot, although Cache Storage is the host's."""
    import shutil

    from mappa_site.offline import write_service_worker

    host = tmp_path / "host"
    host.mkdir()
    (host / "live").symlink_to(built_site, target_is_directory=True)
    trial = host / "trial"
    shutil.copytree(built_site, trial, ignore=shutil.ignore_patterns("*.br", "*.gz"))
    index = trial / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</h1>", " (trial)</h1>", 1), encoding="utf-8")
    write_service_worker(trial)  # another build: another service worker
    server, url = serve_site(host)
    ctx = browser.new_context()
    ctx.add_init_script(INIT_SCRIPT)
    requests: list[str] = []
    refused: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    ctx.on("response", lambda r: refused.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        page = ctx.new_page()
        page.set_default_timeout(120_000)
        for copy in ("live", "trial"):
            page.goto(f"{url}{copy}/calculators/{CALC}/")
            wait_ready(page)
            assert page.evaluate("() => window.mappa.timings.snapshot") == "made", copy
            wait_until(page, COPY_OFFLINE_AND_SNAPSHOT, f"{url}{copy}/")
            assert page.evaluate("() => window.__cspViolations") == []
        assert not [u for u in requests if not u.startswith((f"{url}live/", f"{url}trial/", "data:", "blob:"))]
        assert refused == []
        # each copy's offline files and snapshot are still there after the other's visit
        names = page.evaluate("() => caches.keys()")
        assert len([n for n in names if n.startswith("mappa-site-")]) == 2, names
        assert sorted(page.evaluate("() => caches.open('mappa-engine-snapshot').then((c) => c.keys())"
                                    ".then((k) => k.map((r) => r.url.split('/')[3]))")) == ["live", "trial"]
        _stop(server)
        ctx.set_offline(True)
        for copy in ("live", "trial"):
            page.goto(f"{url}{copy}/calculators/{CALC}/")
            wait_ready(page)
            assert page.evaluate("() => window.mappa.timings.snapshot") == "used", copy
            page.goto(f"{url}{copy}/")
            assert ("(trial)" in page.inner_text("h1")) == (copy == "trial"), copy
    finally:
        ctx.close()


def test_offline_at_the_start_is_said_plainly_and_the_engine_starts_when_back_online(browser, server_url):
    ctx = browser.new_context(service_workers="block")
    # The connection drops while the engine downloads, once the page itself has loaded: the
    # engine's request for the runtime is held (it may be made before the page's own modules are
    # all in), and fails as offline once the page is in.
    held = []
    ctx.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    try:
        page = ctx.new_page()
        page.set_default_timeout(120_000)
        page.goto(f"{server_url}calculators/{CALC}/")
        page.wait_for_function("() => window.mappa && window.mappa.state === 'loading'")
        for _ in range(600):
            if held:
                break
            page.wait_for_timeout(50)
        ctx.set_offline(True)
        for route in held:
            route.abort("internetdisconnected")
        failure, _ = _failure_after_navigation(page)
        assert failure["kind"] == "offline", failure
        assert "You are offline" in page.inner_text(".mappa-status")
        _assert_plain_status(page)
        ctx.unroute("**/pyodide.asm.wasm")
        ctx.set_offline(False)
        for _ in range(600):
            if page.evaluate("() => window.mappa.state") == "ready":
                break
            page.wait_for_timeout(100)
        assert page.evaluate("() => window.mappa.state") == "ready"
        assert "Calculator ready" in page.inner_text(".mappa-status")
        assert page.get_attribute(".mappa-result-body", "data-state") != "failed"
        answers = valid_answers(CALC)
        assert page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [CALC, answers]) == cpython_result(CALC, answers)
    finally:
        ctx.close()


# mappa-check-deploy on the built site
# ---------------------------------------------------------------------------

def test_check_deploy_names_each_runtime_file_sent_uncompressed(built_site, capsys):
    """Served with the site's rules, the WebAssembly module, the standard library and the rule
    archive come compressed; from a host that sends them as they are, each is named in a warning."""
    for plain, word in ((False, "compressed ("), (True, "is sent uncompressed")):
        server, url = serve_site(built_site, plain=plain)
        try:
            check_deploy.main([url, "--pages", ""])
        finally:
            _stop(server)
        out = capsys.readouterr().out
        for label in ("pyodide.asm.wasm", "python_stdlib.zip", "the rule archive"):
            assert re.search(re.escape(label) + r":? " + re.escape(word), out), (plain, label, out)
