// MAPPA Navigator calculator worker (an ES module Web Worker, one per tab).
// Boots the self-hosted Pyodide, unpacks the rule package archive built from rules/mappa_rules/
// and answers evaluate requests with mappa_rules.evaluate_json.  Nothing here talks to any origin
// but the site's own: every URL comes from the page (the build's manifest), relative to the site.
//
// Messages in:  {type: "init", pyodide: URL of the Pyodide directory, rules: URL of the archive,
//                calculator: id of the page's calculator, loaded before "ready" (others load on first use)}
//               {type: "evaluate", id, calculator, answers}
// Messages out: {type: "state", state: "loading"|"ready"|"failed", message, timings}
//               {type: "result", id, json}   (json: the result as JSON text)
//               {type: "violation", ...}     (a Content-Security-Policy violation in the worker)

let evaluateJson = null;
const pending = [];
const t0 = performance.now();

self.addEventListener("securitypolicyviolation", (e) => {
  self.postMessage({ type: "violation", directive: e.violatedDirective, blocked: e.blockedURI, source: "worker" });
});

function fail(message) {
  self.postMessage({ type: "state", state: "failed", message: String(message) });
}

async function fetchArchive(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    throw new Error(`the rule package (${new URL(url).pathname}) could not be loaded: HTTP ${response.status}`);
  }
  return response.arrayBuffer();
}

async function boot({ pyodide: pyodideURL, rules: rulesURL, calculator }) {
  if (typeof WebAssembly !== "object") {
    fail("This browser does not allow WebAssembly, which the calculators need.");
    return;
  }
  // start both downloads at once: the rule archive is small and arrives while Pyodide boots
  const archive = fetchArchive(rulesURL);
  archive.catch(() => {});
  let mod;
  try {
    mod = await import(pyodideURL + "pyodide.mjs");
  } catch (err) {
    fail(`The Python runtime could not be loaded (${pyodideURL}pyodide.mjs): ${err && err.message ? err.message : err}`);
    return;
  }
  const tImport = performance.now();
  const py = await mod.loadPyodide({ indexURL: pyodideURL, stdout: () => {}, stderr: (m) => console.warn(m) });
  const tBoot = performance.now();
  const buffer = await archive;
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  py.unpackArchive(buffer, "zip", { extractDir: sitePackages });
  const rules = py.pyimport("mappa_rules");
  // only the page's own calculator is compiled now; the others are compiled when first asked for
  if (typeof calculator === "string" && calculator) rules.load(calculator);
  evaluateJson = rules.evaluate_json;
  renderJson = py.pyimport("mappa_answers").evaluate_and_render_json;
  const tReady = performance.now();
  self.postMessage({
    type: "state",
    state: "ready",
    timings: { import: tImport - t0, boot: tBoot - t0, ready: tReady - t0 },
    python: py.runPython("import sys; sys.version.split()[0]"),
  });
  while (pending.length) answer(pending.shift());
}

// A request with `render` (the page's local date and time, ISO) gets the rendered answer as well:
// json is then {result, html, record, summary} (mappa_answers.evaluate_and_render_json).
let renderJson = null;

function answer(msg) {
  let json;
  try {
    const answers = JSON.stringify(msg.answers === undefined ? null : msg.answers);
    json = msg.render ? renderJson(msg.calculator, answers, String(msg.render)) : evaluateJson(msg.calculator, answers);
  } catch (err) {
    json = JSON.stringify({
      ok: false, calculator: msg.calculator, internal_error: String(err),
      errors: [{ field: "", message: "Sorry, the calculator engine failed. This is a fault in the site, not in your answers." }],
    });
  }
  self.postMessage({ type: "result", id: msg.id, json });
}

let booted = false;
self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    if (booted) return;
    booted = true;
    boot(msg).catch((err) => fail(err && err.message ? err.message : err));
  } else if (msg.type === "evaluate") {
    if (evaluateJson) answer(msg);
    else pending.push(msg);
  }
};
