// The calculator engine, seen from the page: one Web Worker per tab (worker.mjs) running the rule
// modules in the self-hosted Pyodide.  Starts the worker, reports its state, and sends evaluate
// requests.  The only network requests are to this site: the runtime files named in the manifest.
//
// JS API (window.mappa, set by main.mjs): evaluate(calculatorId, answers) -> Promise of the result
// JSON of mappa_rules.evaluate(calculatorId, answers); evaluateAndRender(calculatorId, answers, now)
// -> Promise of {result (the same JSON), html, record, summary} from mappa_answers.

// The build (mappa_calculators.runtime) puts its manifest here.
export const MANIFEST = /*@MANIFEST@*/null;
const ROOT = new URL("../../", import.meta.url);
const TIMEOUT_MS = 30000;

let worker = null;
let state = "idle"; // idle | loading | ready | failed
let stateMessage = "";
let timer = null;
let nextId = 1;
const requests = new Map();
const stateListeners = new Set();
export const violations = [];
export const timings = { start: null, ready: null, worker: null };
export const info = { python: null, workers: 0 }; // workers: Web Workers started in this tab
let resolveReady;
let rejectReady;
const readyPromise = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
readyPromise.catch(() => {});

document.addEventListener("securitypolicyviolation", (e) => {
  violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile || "page" });
});

export function engineState() { return state; }
export function engineMessage() { return stateMessage; }
export function onState(fn) { stateListeners.add(fn); return () => stateListeners.delete(fn); }
export function ready() { start(); return readyPromise; }

function setState(next, message) {
  state = next;
  stateMessage = message || "";
  for (const fn of Array.from(stateListeners)) fn(state, stateMessage);
}

function fail(message) {
  if (state === "failed" || state === "ready") return;
  clearTimeout(timer);
  setState("failed", message);
  rejectReady(new Error(message));
  for (const [, req] of requests) req.reject(new Error(message));
  requests.clear();
}

function onWorkerError(e) {
  e.preventDefault();
  fail("A file the calculator engine needs could not be loaded" + (e.message ? ": " + e.message : "."));
}

// The id of the calculator on the current page, if it is a calculator page.
function pageCalculator() {
  const root = document.querySelector(".mappa-calc[data-calculator]");
  return root ? root.dataset.calculator : "";
}

export function start(calculatorId) {
  if (worker || state === "failed") return;
  if (!MANIFEST) {
    fail("A file of this site is missing (the calculator manifest). The site needs to be rebuilt.");
    return;
  }
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    fail("This browser does not allow WebAssembly or Web Workers, which the calculators need. " +
      "Your organisation's settings may block them.");
    return;
  }
  timings.start = performance.now();
  setState("loading", "");
  try {
    worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module", name: "mappa-calculators" });
    info.workers += 1;
  } catch (err) {
    fail("The calculator engine could not start: " + (err && err.message ? err.message : err));
    return;
  }
  worker.onmessage = onWorkerMessage;
  worker.onerror = onWorkerError;
  // The page's own calculator is loaded before the engine reports ready; others on first use.
  worker.postMessage({
    type: "init",
    pyodide: new URL(MANIFEST.pyodide, ROOT).href,
    rules: new URL(MANIFEST.rules, ROOT).href,
    calculator: typeof calculatorId === "string" && calculatorId ? calculatorId : pageCalculator(),
  });
  timer = setTimeout(() => {
    if (state === "loading") {
      fail("The calculator engine did not start within " + TIMEOUT_MS / 1000 + " seconds. " +
        "Your browser may block WebAssembly, or a file of the site may be missing.");
    }
  }, TIMEOUT_MS);
}

function onWorkerMessage(event) {
  const msg = event.data || {};
  if (msg.type === "state") {
    if (msg.state === "ready") {
      clearTimeout(timer);
      timings.ready = performance.now();
      timings.worker = msg.timings || null;
      info.python = msg.python || null;
      setState("ready", "");
      resolveReady(true);
    } else if (msg.state === "failed") {
      fail(msg.message || "The calculator engine failed to start.");
    }
  } else if (msg.type === "result") {
    const req = requests.get(msg.id);
    if (!req) return;
    requests.delete(msg.id);
    try {
      req.resolve(JSON.parse(msg.json));
    } catch (err) {
      req.reject(err);
    }
  } else if (msg.type === "violation") {
    violations.push(msg);
  }
}

export function evaluate(calculatorId, answers) {
  return ask(calculatorId, answers, null);
}

// The answer rendered by the one renderer (mappa_answers, in the worker): {result, html, record,
// summary}, where result is exactly what evaluate() gives.  now: the browser's local date and time
// (ISO, to the minute), for "(passed)" dates and the record.
export function evaluateAndRender(calculatorId, answers, now) {
  return ask(calculatorId, answers, now).then((out) => (out && "result" in out ? out
    : { result: out, html: "", record: "", summary: "" })); // the worker's own failure message
}

function ask(calculatorId, answers, render) {
  start(calculatorId);
  if (state === "failed") return Promise.reject(new Error(stateMessage));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    requests.set(id, { resolve, reject });
    worker.postMessage({ type: "evaluate", id, calculator: calculatorId, answers: answers === undefined ? null : answers, render });
  });
}
