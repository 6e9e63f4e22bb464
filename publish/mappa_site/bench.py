"""Browser benchmark of the calculators (``make bench``): a script, not a test.

Headless Debian Chromium against the built site on a local server (the site's own CSP header),
measured side by side in one run, each measure ``--runs`` times (min / median / max):

* calculator ready: navigation start to "engine ready" on a calculator page, against a bare page
  that only calls ``loadPyodide()`` from the same self-hosted files (target: at most 1.10 times);
* first contentful paint of a calculator page against a plain guidance page (target: at most 1.10
  times; the form is static HTML, usable before Python is);
* evaluate round trip after ready, through ``window.mappa.evaluate`` (target: median at most 20 ms);
* repeat-visit ready (same browser profile, warm HTTP cache) against cold;
* for comparison, calculator ready with the search index blocked (Material's search worker used
  to build an index of the whole guidance on every page load; the site's own search loads its
  index on first use only, so the two should now be alike).

Every cold measure uses a fresh browser context (empty cache).  Writes ``bench/results.json`` and
``bench/results.md``.  The bare page is generated into ``<site>/bench/`` (the built site only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
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


def read_manifest(site: Path) -> dict[str, Any]:
    return json.loads((site / "assets" / "rules" / "manifest.json").read_text(encoding="utf-8"))


def write_bare_page(site: Path, manifest: dict[str, Any]) -> str:
    out = site / "bench"
    out.mkdir(exist_ok=True)
    (out / "bare.html").write_text(BARE_HTML, encoding="utf-8")
    (out / "bare.mjs").write_text(BARE_JS.replace("{pyodide}", manifest["pyodide"]), encoding="utf-8")
    return "bench/bare.html"


def stats(values: list[float]) -> dict[str, float]:
    return {"min": round(min(values), 1), "median": round(statistics.median(values), 1), "max": round(max(values), 1),
            "runs": len(values)}


def run(site: Path, runs: int, calculator: str, guidance_path: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    # the tests' Chromium settings and server (the site's CSP header, the sitemap for its port)
    from browser_support import CHROMIUM, CHROMIUM_ARGS, serve_site

    import mappa_rules

    manifest = read_manifest(site)
    bare = write_bare_page(site, manifest)
    server, url = serve_site(site)
    answers = _sample_answers(calculator)
    m: dict[str, list[float]] = {k: [] for k in (
        "bare_ready_ms", "calculator_ready_ms", "repeat_ready_ms", "calculator_fcp_ms", "guidance_fcp_ms",
        "evaluate_round_trip_ms", "worker_created_ms", "worker_pyodide_booted_ms", "worker_rules_loaded_ms",
        "no_search_ready_ms")}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for i in range(runs):
                order = ["bare", "calc", "guidance", "no-search"]
                if i % 2:
                    order.reverse()
                for what in order:
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    page.set_default_timeout(120_000)
                    if what == "bare":
                        page.goto(url + bare)
                        m["bare_ready_ms"].append(page.evaluate("() => window.__bare"))
                    elif what == "no-search":
                        page.route("**/search/*.json", lambda route: route.abort())
                        page.goto(f"{url}calculators/{calculator}/")
                        page.evaluate("() => window.mappa.ready()")
                        m["no_search_ready_ms"].append(page.evaluate("() => window.mappa.timings.ready"))
                    elif what == "guidance":
                        page.goto(url + guidance_path)
                        m["guidance_fcp_ms"].append(page.evaluate(FCP))
                    else:
                        page.goto(f"{url}calculators/{calculator}/")
                        m["calculator_fcp_ms"].append(page.evaluate(FCP))
                        page.evaluate("() => window.mappa.ready()")
                        t = page.evaluate("() => window.mappa.timings")
                        m["calculator_ready_ms"].append(t["ready"])
                        m["worker_created_ms"].append(t["start"])
                        m["worker_pyodide_booted_ms"].append(t["worker"]["boot"])
                        m["worker_rules_loaded_ms"].append(t["worker"]["ready"] - t["worker"]["boot"])
                        page.evaluate("([id, a]) => window.mappa.evaluate(id, a)", [calculator, answers])  # warm-up
                        m["evaluate_round_trip_ms"] += page.evaluate(ROUND_TRIPS, [calculator, answers, 20])
                        # repeat visit: same profile, a new document
                        page.goto(f"{url}calculators/{calculator}/")
                        page.evaluate("() => window.mappa.ready()")
                        m["repeat_ready_ms"].append(page.evaluate("() => window.mappa.timings.ready"))
                    ctx.close()
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    s = {k: stats(v) for k, v in m.items()}
    ratio = lambda a, b: round(s[a]["median"] / s[b]["median"], 3)  # noqa: E731
    checks = {
        "ready_vs_bare": {"ratio": ratio("calculator_ready_ms", "bare_ready_ms"), "target": 1.10},
        "fcp_vs_guidance": {"ratio": ratio("calculator_fcp_ms", "guidance_fcp_ms"), "target": 1.10},
        "evaluate_median_ms": {"value": s["evaluate_round_trip_ms"]["median"], "target": 20},
        "repeat_vs_cold": {"ratio": ratio("repeat_ready_ms", "calculator_ready_ms")},
        "no_search_vs_bare": {"ratio": ratio("no_search_ready_ms", "bare_ready_ms")},
    }
    for c in checks.values():
        if "target" in c:
            c["met"] = (c.get("ratio", c.get("value")) <= c["target"])
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "chromium": version,
        "pyodide": manifest["pyodide_version"],
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "calculator": calculator,
        "guidance_page": guidance_path,
        "runs": runs,
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


def markdown(r: dict[str, Any]) -> str:
    s, c = r["stats"], r["checks"]
    rows = [
        ("Bare page: `loadPyodide()` resolved", "bare_ready_ms", ""),
        (f"Calculator `{r['calculator']}`: engine ready", "calculator_ready_ms",
         f"{c['ready_vs_bare']['ratio']}x bare (target <= 1.10x): {'met' if c['ready_vs_bare']['met'] else 'NOT met'}"),
        ("Calculator: ready on a repeat visit", "repeat_ready_ms", f"{c['repeat_vs_cold']['ratio']}x cold"),
        ("Calculator: ready, search index not loaded (comparison only)", "no_search_ready_ms",
         f"{c['no_search_vs_bare']['ratio']}x bare"),
        (f"Guidance page `{r['guidance_page']}`: first contentful paint", "guidance_fcp_ms", ""),
        ("Calculator page: first contentful paint", "calculator_fcp_ms",
         f"{c['fcp_vs_guidance']['ratio']}x guidance (target <= 1.10x): {'met' if c['fcp_vs_guidance']['met'] else 'NOT met'}"),
        ("  of which: navigation start to worker created", "worker_created_ms", ""),
        ("  of which: worker created to Pyodide booted", "worker_pyodide_booted_ms", ""),
        ("  of which: rule archive unpacked and imported", "worker_rules_loaded_ms", ""),
        ("Evaluate round trip after ready", "evaluate_round_trip_ms",
         f"median {c['evaluate_median_ms']['value']} ms (target <= 20 ms): {'met' if c['evaluate_median_ms']['met'] else 'NOT met'}"),
    ]
    out = [
        "# Calculator benchmark",
        "",
        f"{r['date']}; headless Chromium {r['chromium']}; Pyodide {r['pyodide']}; {r['machine']}; "
        f"local server with the site's CSP; {r['runs']} runs, each cold measure in a fresh browser context. "
        "Times in milliseconds from navigation start.",
        "",
        "| Measure | min | median | max | n | Against target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, key, note in rows:
        st = s[key]
        out.append(f"| {label} | {st['min']} | {st['median']} | {st['max']} | {st['runs']} | {note} |")
    out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--runs", type=int, default=9, help="runs of each measure (at least 5)")
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
    result = run(site, max(5, args.runs), calculator, guidance)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = markdown(result)
    (args.out / "results.md").write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
