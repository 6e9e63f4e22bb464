"""Browser benchmark of the calculators (``make bench``): a script, not a test.

Headless Debian Chromium against the built site on a local server (``mappa_site.serve``: the
site's headers, compressed files, cache rules), measured side by side, each measure ``--runs``
times (min / median / max).  Targets (issue 14):

* calculator ready: navigation start to "engine ready" on a calculator page, against a bare page
  that only calls ``loadPyodide()`` from the same self-hosted files: at most 1.10 times;
* repeat visit (same browser profile: the service worker's cache and the engine's snapshot)
  against the cold visit: at most 0.40 times;
* cold bytes on the wire, counted by the server, from navigation to "ready": at most 4.5 MB (the
  whole first visit, with the service worker saving the site for offline use, is reported too);
* at 200 KB/s with 150 ms latency (a server-side link shared by all connections, so it slows the
  worker's downloads too): no false failure, and ready within the download time plus 15 s;
* offline reload (server stopped, browser offline) of the visited calculator: ready, and it answers;
* first contentful paint of a calculator page against a plain guidance page: at most 1.10 times;
* evaluate round trip after ready, through ``window.mappa.evaluate``: median at most 20 ms;
* for comparison, calculator ready with the search index blocked (the site's own search loads its
  index on first use only, so the two should be alike: issue 14, item 8);
* for comparison, the engine alone: the calculator's own engine (``engine.mjs``, its Web Worker,
  the rule archive checked and the calculator loaded) started from a bare page like the
  ``loadPyodide()`` one.  Against the bare page it says what the engine costs; the calculator page
  against it says what the page around the engine costs.

Every cold measure uses a fresh browser context (empty cache, no service worker, no snapshot).
Writes ``bench/results.json`` and ``bench/results.md`` with the machine's load average: figures
taken on a busy machine are slower and noisier.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body><p>Bare page: loadPyodide() only.</p><script type="module" src="bare.mjs"></script></body></html>
"""
BARE_JS = """import { loadPyodide } from "../{pyodide}pyodide.mjs";
window.__bare = loadPyodide({ indexURL: new URL("../{pyodide}", location.href).href })
  .then(() => performance.now());
"""
ENGINE_HTML = BARE_HTML.replace("Bare Pyodide", "The engine alone").replace(
    "loadPyodide() only", "the calculator engine only").replace("bare.mjs", "engine.mjs")
ENGINE_JS = """import { ready, start, timings } from "../assets/calculators/engine.mjs";
start("{calculator}");
window.__engine = ready().then(() => timings.ready, () => -1);
"""

FCP = "() => new Promise((resolve) => { const get = () => { const e = performance.getEntriesByName('first-contentful-paint')[0]; if (e) resolve(e.startTime); else setTimeout(get, 20); }; get(); })"
ROUND_TRIPS = """async ([id, answers, n]) => {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await window.mappa.evaluate(id, answers);
    times.push(performance.now() - t);
  }
  return times;
}"""
READY = "() => window.mappa.ready().then(() => window.mappa.timings.ready, () => -1)"
# the service worker has installed and the engine's snapshot is stored: the first visit is over
SAVED = """async () => {
  await navigator.serviceWorker.ready;
  for (let i = 0; i < 600; i++) {
    const snap = await caches.open('mappa-engine-snapshot').then((c) => c.keys());
    if (navigator.serviceWorker.controller && snap.length) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}"""


class Counter:
    def __init__(self) -> None:
        self.bytes = 0
        self._lock = threading.Lock()

    def add(self, n: int) -> None:
        with self._lock:
            self.bytes += n


def counting_server(site: Path, counter: Counter):
    """``mappa_site.serve`` that counts every byte it writes (headers and bodies)."""
    from mappa_site.serve import Handler, make_server

    class Counting(Handler):
        def setup(self) -> None:
            super().setup()
            raw = self.wfile

            class Writer:
                def write(self, data):
                    counter.add(len(data))
                    return raw.write(data)

                def __getattr__(self, name):
                    return getattr(raw, name)

            self.wfile = Writer()

    server = make_server(site, 0, handler=Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def read_manifest(site: Path) -> dict[str, Any]:
    return json.loads((site / "assets" / "rules" / "manifest.json").read_text(encoding="utf-8"))


def write_bare_page(site: Path, manifest: dict[str, Any]) -> str:
    out = site / "bench"
    out.mkdir(exist_ok=True)
    (out / "bare.html").write_text(BARE_HTML, encoding="utf-8")
    (out / "bare.mjs").write_text(BARE_JS.replace("{pyodide}", manifest["pyodide"]), encoding="utf-8")
    return "bench/bare.html"


def write_engine_page(site: Path, calculator: str) -> str:
    """A bare page that starts the calculator's engine (``window.__engine``: its "ready" time)."""
    out = site / "bench"
    out.mkdir(exist_ok=True)
    (out / "engine.html").write_text(ENGINE_HTML, encoding="utf-8")
    (out / "engine.mjs").write_text(ENGINE_JS.replace("{calculator}", calculator), encoding="utf-8")
    return "bench/engine.html"


def stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"min": 0, "median": 0, "max": 0, "runs": 0}
    return {"min": round(min(values), 1), "median": round(statistics.median(values), 1), "max": round(max(values), 1),
            "runs": len(values)}


def _stop(server) -> None:
    server.shutdown()
    server.server_close()


def visit_sequence(browser, site: Path, calculator: str, answers: Any, m: dict[str, list]) -> None:
    """Cold visit, repeat visit, offline reload: one browser profile, one server of its own."""
    counter = Counter()
    server, url = counting_server(site, counter)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.set_default_timeout(180_000)
        page.goto(f"{url}calculators/{calculator}/")
        m["calculator_fcp_ms"].append(page.evaluate(FCP))
        ready = page.evaluate(READY)
        m["cold_bytes_to_ready"].append(counter.bytes)
        m["calculator_ready_ms"].append(ready)
        t = page.evaluate("() => window.mappa.timings")
        m["worker_created_ms"].append(t["start"])
        m["worker_pyodide_booted_ms"].append(t["worker"]["boot"])
        m["worker_rules_loaded_ms"].append(t["worker"]["ready"] - t["worker"]["boot"])
        page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [calculator, answers])  # warm-up
        m["evaluate_round_trip_ms"] += page.evaluate(ROUND_TRIPS, [calculator, answers, 20])
        page.evaluate(SAVED)
        m["first_visit_bytes"].append(counter.bytes)
        # repeat visit: the same profile, a new document
        page.goto(f"{url}calculators/{calculator}/")
        m["repeat_ready_ms"].append(page.evaluate(READY))
        # offline: the server stopped and the browser offline
        _stop(server)
        server = None
        ctx.set_offline(True)
        page.reload()
        ready = page.evaluate(READY)
        answered = ready > 0 and page.evaluate("([id, a]) => window.mappa.evaluate(id, a).then((r) => r.ok)", [calculator, answers])
        m["offline_ready_ms"].append(ready if answered else -1)
    finally:
        ctx.close()
        if server:
            _stop(server)


def throttled_visit(browser, site: Path, calculator: str, rate: int, latency: float, m: dict[str, list]) -> None:
    from browser_support import Link, throttled_server

    link = Link(rate=rate, latency=latency)
    server, url = throttled_server(site, link)
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        page.set_default_timeout(600_000)
        page.goto(f"{url}calculators/{calculator}/", wait_until="commit")
        while not page.evaluate("() => Boolean(window.mappa)"):
            page.wait_for_timeout(100)
        page.evaluate("""() => { window.__states = [window.mappa.state];
            window.mappa.onState((s) => { if (window.__states[window.__states.length - 1] !== s) window.__states.push(s); }); }""")
        ready = page.evaluate(READY)
        states = page.evaluate("() => window.__states")
        m["throttled_ready_ms"].append(ready)
        m["throttled_bytes"].append(link.sent)
        m["throttled_false_failures"].append(float("failed" in states))
    finally:
        ctx.close()
        _stop(server)


def run(site: Path, runs: int, throttled_runs: int, calculator: str, guidance_path: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    # the tests' Chromium settings
    from browser_support import CHROMIUM, CHROMIUM_ARGS

    manifest = read_manifest(site)
    bare = write_bare_page(site, manifest)
    engine = write_engine_page(site, calculator)
    answers = _sample_answers(calculator)
    keys = ("bare_ready_ms", "calculator_ready_ms", "repeat_ready_ms", "offline_ready_ms", "calculator_fcp_ms",
            "guidance_fcp_ms", "evaluate_round_trip_ms", "worker_created_ms", "worker_pyodide_booted_ms",
            "worker_rules_loaded_ms", "no_search_ready_ms", "engine_alone_ready_ms", "cold_bytes_to_ready", "first_visit_bytes",
            "throttled_ready_ms", "throttled_bytes", "throttled_false_failures")
    m: dict[str, list[float]] = {k: [] for k in keys}
    load_before = os.getloadavg()
    rate, latency = 200_000, 0.15
    counter = Counter()
    server, url = counting_server(site, counter)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for i in range(runs):
                order = ["bare", "calc", "guidance", "no-search", "engine"]
                if i % 2:
                    order.reverse()
                for what in order:
                    if what == "calc":
                        visit_sequence(browser, site, calculator, answers, m)
                        continue
                    ctx = browser.new_context(service_workers="block")
                    page = ctx.new_page()
                    page.set_default_timeout(180_000)
                    if what == "bare":
                        page.goto(url + bare)
                        m["bare_ready_ms"].append(page.evaluate("() => window.__bare"))
                    elif what == "engine":
                        page.goto(url + engine)
                        m["engine_alone_ready_ms"].append(page.evaluate("() => window.__engine"))
                    elif what == "no-search":
                        page.route("**/search/*.json", lambda route: route.abort())
                        page.goto(f"{url}calculators/{calculator}/")
                        m["no_search_ready_ms"].append(page.evaluate(READY))
                    else:
                        page.goto(url + guidance_path)
                        m["guidance_fcp_ms"].append(page.evaluate(FCP))
                    ctx.close()
            for _ in range(throttled_runs):
                throttled_visit(browser, site, calculator, rate, latency, m)
            version = browser.version
            browser.close()
    finally:
        _stop(server)
    load_after = os.getloadavg()
    s = {k: stats(v) for k, v in m.items()}
    ratio = lambda a, b: round(s[a]["median"] / s[b]["median"], 3) if s[b]["median"] else None  # noqa: E731
    download_s = s["throttled_bytes"]["median"] / rate
    checks = {
        "ready_vs_bare": {"ratio": ratio("calculator_ready_ms", "bare_ready_ms"), "target": 1.10},
        "repeat_vs_cold": {"ratio": ratio("repeat_ready_ms", "calculator_ready_ms"), "target": 0.40},
        "cold_mb_to_ready": {"value": round(s["cold_bytes_to_ready"]["median"] / 1e6, 2), "target": 4.5},
        "throttled_ready_s": {"value": round(s["throttled_ready_ms"]["max"] / 1000, 1),
                              "target": round(download_s + 15, 1)},
        "throttled_false_failures": {"value": sum(m["throttled_false_failures"]), "target": 0},
        "offline_ready": {"value": sum(1 for x in m["offline_ready_ms"] if x < 0), "target": 0},
        "fcp_vs_guidance": {"ratio": ratio("calculator_fcp_ms", "guidance_fcp_ms"), "target": 1.10},
        "evaluate_median_ms": {"value": s["evaluate_round_trip_ms"]["median"], "target": 20},
        "no_search_vs_bare": {"ratio": ratio("no_search_ready_ms", "bare_ready_ms")},
        "engine_alone_vs_bare": {"ratio": ratio("engine_alone_ready_ms", "bare_ready_ms")},
        "calculator_vs_engine_alone": {"ratio": ratio("calculator_ready_ms", "engine_alone_ready_ms")},
    }
    for c in checks.values():
        if "target" in c and c.get("ratio", c.get("value")) is not None:
            c["met"] = c.get("ratio", c.get("value")) <= c["target"]
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "chromium": version,
        "pyodide": manifest["pyodide_version"],
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in load_after]},
        "calculator": calculator,
        "guidance_page": guidance_path,
        "runs": runs,
        "throttle": {"rate_bytes_per_s": rate, "latency_s": latency, "runs": throttled_runs,
                     "download_s": round(download_s, 1)},
        "stats": s,
        "checks": checks,
        "raw": {k: [round(x, 1) for x in v] for k, v in m.items()},
    }


def _sample_answers(calculator: str) -> dict[str, Any]:
    """A valid answer set of the calculator: its first scenario that has an outcome, else nothing."""
    import mappa_rules
    from scenario_data import scenarios_of  # tests/ is on sys.path (see run)

    for sc in scenarios_of(calculator):
        if "errors" not in sc["expect"] and mappa_rules.evaluate(calculator, sc["answers"])["ok"]:
            return json.loads(json.dumps(sc["answers"], default=str))
    return {}


def _met(c: dict) -> str:
    return "met" if c.get("met") else "NOT met"


def markdown(r: dict[str, Any]) -> str:
    s, c = r["stats"], r["checks"]
    mb = lambda key: {k: (round(v / 1e6, 2) if k != "runs" else v) for k, v in s[key].items()}  # noqa: E731
    rows = [
        ("Bare page: `loadPyodide()` resolved", s["bare_ready_ms"], ""),
        (f"Calculator `{r['calculator']}`: engine ready (cold)", s["calculator_ready_ms"],
         f"{c['ready_vs_bare']['ratio']}x bare (target <= 1.10x): {_met(c['ready_vs_bare'])}"),
        ("Calculator: ready on a repeat visit", s["repeat_ready_ms"],
         f"{c['repeat_vs_cold']['ratio']}x cold (target <= 0.40x): {_met(c['repeat_vs_cold'])}"),
        ("Calculator: ready after an offline reload", s["offline_ready_ms"],
         f"{len(r['raw']['offline_ready_ms']) - c['offline_ready']['value']} of {len(r['raw']['offline_ready_ms'])} ready "
         f"and answering: {_met(c['offline_ready'])}"),
        ("Cold bytes on the wire, navigation to ready (MB)", mb("cold_bytes_to_ready"),
         f"target <= 4.5 MB: {_met(c['cold_mb_to_ready'])}"),
        ("Bytes of the whole first visit, with the site saved for offline use (MB)", mb("first_visit_bytes"), ""),
        (f"Ready at {r['throttle']['rate_bytes_per_s'] // 1000} KB/s, {int(r['throttle']['latency_s'] * 1000)} ms latency",
         s["throttled_ready_ms"],
         f"download {r['throttle']['download_s']} s; slowest ready {c['throttled_ready_s']['value']} s (target <= "
         f"{c['throttled_ready_s']['target']} s): {_met(c['throttled_ready_s'])}; false failures "
         f"{int(c['throttled_false_failures']['value'])}: {_met(c['throttled_false_failures'])}"),
        ("Calculator: ready, search index not loaded (comparison only)", s["no_search_ready_ms"],
         f"{c['no_search_vs_bare']['ratio']}x bare"),
        ("The engine alone, started from a bare page (comparison only)", s["engine_alone_ready_ms"],
         f"{c['engine_alone_vs_bare']['ratio']}x bare; the calculator page is "
         f"{c['calculator_vs_engine_alone']['ratio']}x this"),
        (f"Guidance page `{r['guidance_page']}`: first contentful paint", s["guidance_fcp_ms"], ""),
        ("Calculator page: first contentful paint", s["calculator_fcp_ms"],
         f"{c['fcp_vs_guidance']['ratio']}x guidance (target <= 1.10x): {_met(c['fcp_vs_guidance'])}"),
        ("  of which: navigation start to worker created", s["worker_created_ms"], ""),
        ("  of which: worker created to Pyodide booted", s["worker_pyodide_booted_ms"], ""),
        ("  of which: rule archive checked and the page's calculator imported", s["worker_rules_loaded_ms"], ""),
        ("Evaluate round trip after ready", s["evaluate_round_trip_ms"],
         f"median {c['evaluate_median_ms']['value']} ms (target <= 20 ms): {_met(c['evaluate_median_ms'])}"),
    ]
    la = r["load_average"]
    out = [
        "# Calculator benchmark",
        "",
        f"{r['date']}; headless Chromium {r['chromium']}; Pyodide {r['pyodide']}; {r['machine']}; "
        f"load average {' '.join(map(str, la['before']))} before, {' '.join(map(str, la['after']))} after; "
        f"local server with the site's headers and compressed files; {r['runs']} runs "
        f"({r['throttle']['runs']} throttled), each cold measure in a fresh browser context. "
        "Times in milliseconds from navigation start.",
        "",
        "| Measure | min | median | max | n | Against target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, st, note in rows:
        out.append(f"| {label} | {st['min']} | {st['median']} | {st['max']} | {st['runs']} | {note} |")
    out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--runs", type=int, default=9, help="runs of each measure (at least 3)")
    parser.add_argument("--throttled-runs", type=int, default=2, help="runs at 200 KB/s (each takes about 30 s)")
    parser.add_argument("--calculator", default=None, help="calculator id (default: the first)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    args = parser.parse_args()
    import mappa_rules

    site = args.dir.resolve()
    if not (site / "assets" / "rules" / "manifest.json").exists():
        raise SystemExit(f"bench: no built site in {site}: run `make build`")
    calculator = args.calculator or next(iter(mappa_rules.CALCULATORS))
    chapters = sorted(p.parent.name for p in (site / "guidance").glob("*/index.html"))
    guidance = f"guidance/{chapters[0]}/" if chapters else ""
    t0 = time.monotonic()
    result = run(site, max(3, args.runs), max(1, args.throttled_runs), calculator, guidance)
    result["took_s"] = round(time.monotonic() - t0)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = markdown(result)
    (args.out / "results.md").write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
