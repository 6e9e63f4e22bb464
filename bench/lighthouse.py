"""Lighthouse 12 performance scores of the built site (``make lighthouse``): a guidance chapter
page and a calculator page, served by ``mappa_site.serve`` (the site's headers, compression and
caching), measured with Lighthouse's default mobile settings (simulated slow 4G and a 4x slower
CPU) against Debian's Chromium.  Target: performance 95 or more on both.

Lighthouse comes from ``bench/lighthouse/package-lock.json`` (``npm ci`` into
``bench/lighthouse/node_modules``; a measuring tool, not part of the site).  Each page is measured
``--runs`` times in a fresh browser profile; the median run is reported.  Writes
``bench/lighthouse.json`` and ``bench/lighthouse.md``.

The scores depend on the machine: Lighthouse simulates the network and CPU from what it observes,
so a busy machine scores lower.  The load average is recorded beside the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "bench"
TOOL = HERE / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update " \
        "--disable-sync --no-first-run"
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")


def install() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOL, check=True)


def run_once(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
               f"--output-path={out}", f"--chrome-flags={FLAGS}"]
        subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600)
        report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "metrics": {m: audits[m]["numericValue"] for m in METRICS},
        "display": {m: audits[m]["displayValue"] for m in METRICS},
        "opportunities": [a["title"] for a in audits.values()
                          if a.get("details", {}).get("type") == "opportunity" and (a.get("score") or 1) < 0.9],
        "lighthouse": report["lighthouseVersion"],
        "user_agent": report["environment"]["hostUserAgent"],
    }


def measure(url: str, runs: int) -> dict:
    results = [run_once(url) for _ in range(runs)]
    median_score = statistics.median_low([r["score"] for r in results])
    median = next(r for r in results if r["score"] == median_score)
    return {"url": url, "scores": [r["score"] for r in results], "median": median}


def markdown(result: dict) -> str:
    out = [
        "# Lighthouse performance",
        "",
        f"{result['date']}; Lighthouse {result['lighthouse']}, default mobile settings; {result['chromium']}; "
        f"served by mappa_site.serve; median of {result['runs']} runs per page; load average {result['load']}.",
        "",
        "| Page | score (runs) | target | FCP | LCP | TBT | CLS | Speed Index |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, page in result["pages"].items():
        d = page["median"]["display"]
        met = "met" if page["median"]["score"] >= 95 else "NOT met"
        out.append(f"| {name} | {page['median']['score']} ({', '.join(map(str, page['scores']))}) | >= 95: {met} | "
                   + " | ".join(d[m] for m in METRICS) + " |")
    out.append("")
    for name, page in result["pages"].items():
        if page["median"]["opportunities"]:
            out.append(f"{name}, opportunities Lighthouse lists: " + "; ".join(page["median"]["opportunities"]) + ".")
    out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--guidance", default="guidance/20/")
    parser.add_argument("--calculator", default="calculators/shared-accommodation/")
    args = parser.parse_args()
    if not (args.dir / "index.html").exists():
        raise SystemExit(f"lighthouse: no built site in {args.dir}: run `make build`")
    install()
    sys.path.insert(0, str(ROOT / "publish"))
    from mappa_site.serve import serve_in_thread

    server, url = serve_in_thread(args.dir.resolve())
    try:
        pages = {"Guidance chapter `" + args.guidance + "`": measure(url + args.guidance, args.runs),
                 "Calculator `" + args.calculator + "`": measure(url + args.calculator, args.runs)}
    finally:
        server.shutdown()
        server.server_close()
    first = next(iter(pages.values()))["median"]
    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "lighthouse": first["lighthouse"],
        "chromium": first["user_agent"].split(") ")[-1],
        "runs": args.runs,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "pages": pages,
    }
    (HERE / "lighthouse.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = markdown(result)
    (HERE / "lighthouse.md").write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
