"""The import trace: which modules of Python's standard library the browser's worker imports.

The built site ships the standard library trimmed to the modules listed in
``calculators/mappa_calculators/stdlib-modules.txt``.  This test serves the worker Pyodide's
*full* standard library instead, starts the engine on every calculator page, evaluates every
scenario, generated answers and the hostile inputs of the fuzz tests, and reads ``sys.modules``
in the worker: every module imported from the standard library's zip must be in the list.

``MAPPA_STDLIB_TRACE=write`` (``make stdlib-trace``) rewrites the list from the trace, keeping the
lines marked ``# by hand`` (modules needed on paths a trace cannot reach, each with its reason).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import mappa_rules
from browser_support import CHROMIUM_ARGS, ROOT, wait_ready  # noqa: F401 - CHROMIUM_ARGS documents the settings
from scenario_data import load_scenarios
from test_browser_parity import generated
from test_engine_never_raises import HOSTILE

pytestmark = pytest.mark.browser

LIST = ROOT / "calculators" / "mappa_calculators" / "stdlib-modules.txt"
FULL_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"

HEADER = """\
# The modules of Python's standard library that the calculators' worker imports in the browser:
# the build ships only these (mappa_calculators.runtime trims Pyodide's python_stdlib.zip).
# Written by the import trace, tests/test_browser_stdlib.py (`make stdlib-trace`), which runs every
# calculator in the worker with the full standard library.  Lines marked "# by hand" are kept by
# the trace: modules on paths a trace cannot reach, each with its reason.
"""


def listed() -> tuple[list[str], dict[str, str]]:
    """(every listed module, {module: line} of the lines kept by hand)."""
    names, by_hand = [], {}
    for line in LIST.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        names.append(name)
        if "# by hand" in line:
            by_hand[name] = line
    return names, by_hand


def _json_safe(value):
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        return None
    return json.loads(text) if "NaN" not in text and "Infinity" not in text else None


@pytest.fixture(scope="module")
def traced(browser, server_url):
    ctx = browser.new_context(service_workers="block")
    full = FULL_STDLIB.read_bytes()
    ctx.route("**/python_stdlib.zip", lambda route: route.fulfill(status=200, body=full,
                                                                   headers={"Content-Type": "application/zip"}))
    page = ctx.new_page()
    page.set_default_timeout(120_000)
    by_calculator: dict[str, list] = {}
    for calc, sc in load_scenarios():
        by_calculator.setdefault(calc, []).append(json.loads(json.dumps(sc["answers"], default=str)))
    hostile = [v for v in (_json_safe(h) for h in HOSTILE) if v is not None]
    names: set[str] = set()
    for cid in mappa_rules.CALCULATORS:
        page.goto(f"{server_url}calculators/{cid}/")
        wait_ready(page)
        qs = mappa_rules.questions(cid)
        cases = by_calculator.get(cid, []) + [generated(qs, 0), generated(qs, 1), generated(qs, 99), {}, [], "x"]
        ids = [q["id"] for q in qs]
        cases += [{qid: value} for value in hostile for qid in ids]
        page.evaluate("([id, cases]) => Promise.all(cases.map((a) => window.mappa.evaluate(id, a)))", [cid, cases])
        page.evaluate("() => window.mappa.evaluate('no-such-calculator', {})")
        names |= set(page.evaluate("() => window.mappa.importedModules()"))
    ctx.close()
    # aliases (os.path is posixpath; _frozen_importlib is importlib._bootstrap) are not files of the zip
    import zipfile

    from mappa_calculators.runtime import zip_modules

    in_zip = zip_modules(zipfile.ZipFile(FULL_STDLIB))
    return sorted(n for n in names if n in in_zip)


def test_the_trace_sees_the_imports(traced):
    # the rules import json and datetime; Pyodide's own start-up imports its package loader
    assert "json" in traced and "pyodide" in traced
    assert not [n for n in traced if n.startswith("mappa_rules")]


def test_every_module_the_worker_imports_is_shipped(traced):
    names, by_hand = listed()
    if os.environ.get("MAPPA_STDLIB_TRACE") == "write":
        lines = sorted(set(traced) - set(by_hand)) + sorted(by_hand.values())
        LIST.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
        names, _ = listed()
    missing = sorted(set(traced) - set(names))
    assert not missing, (f"the worker imports standard-library modules that {LIST.name} leaves out: {missing}. "
                         "Run `make stdlib-trace` to rewrite the list, then rebuild.")


def test_the_built_site_ships_exactly_the_listed_modules(built_site):
    import zipfile

    from mappa_calculators.runtime import zip_modules

    names, _ = listed()
    shipped = zip_modules(zipfile.ZipFile(next(Path(built_site, "assets", "pyodide").glob("*/python_stdlib.zip"))))
    assert set(names) <= set(shipped), "the built site is older than the list: run `make build`"
    # parents of listed modules come along; nothing else does
    parents = {".".join(n.split(".")[:i]) for n in names for i in range(1, n.count(".") + 1)}
    assert set(shipped) <= set(names) | parents
