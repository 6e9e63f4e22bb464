// The calculator engine, seen from the page: one Web Worker per tab (worker.mjs) running the rule
// modules in the self-hosted Pyodide.  Starts the worker, reports its state, and sends evaluate
// requests.  The only network requests are to this site: the runtime files named in the manifest.
//
// Loading tells the truth (issue 14): a watchdog on progress, never a fixed time limit.  While
// bytes arrive the engine is "loading"; only when nothing has arrived for STALL_MS does it say the
// loading has stalled, and a "ready" that comes later still clears that.  A failure says what
// happened in plain words (FAILURES); the technical detail is kept apart (failure().detail).
//
// JS API (window.mappa, set by main.mjs): evaluate(calculatorId, answers) -> Promise of the result
// JSON of mappa_rules.evaluate(calculatorId, answers).  It rejects answers it cannot send (not
// JSON, nested too deeply) and a request that gets no reply within REPLY_MS.
// evaluateAndRender(calculatorId, answers, now) -> Promise of {result (the same JSON), html, record,
// summary} from mappa_answers, the one renderer of answers.

// The build (mappa_calculators.runtime) puts its manifest here.
export const MANIFEST = /*@MANIFEST@*/null;
const ROOT = new URL("../../", import.meta.url);
// no byte for this long while downloading: the loading has stalled (a slow connection is not);
// the browser tests shorten it with a global set before the page's scripts run
const STALL_MS = Number(globalThis.MAPPA_STALL_MS) || 30000;
// no word from the worker for this long while the interpreter starts (CPU only, no download)
const START_MS = 90000;
// an answer takes milliseconds: no reply in this long means the worker is stuck (the browser
// tests shorten it as they do STALL_MS)
const REPLY_MS = Number(globalThis.MAPPA_REPLY_MS) || 20000;
// answers are a few levels deep; deeper is not answers (mappa_rules.MAX_JSON_DEPTH)
const MAX_DEPTH = 64;

// What each failure means, in plain words.  `retry`: the engine starts again by itself when the
// connection comes back.  `soft`: the engine is still trying, and a late "ready" clears it.
export const FAILURES = {
  "wasm-blocked": { message: "Your browser is not allowing this site to run WebAssembly, which the calculators need. " +
    "This is usually a setting made by an organisation's IT team: ask them to allow WebAssembly for this site." },
  unsupported: { message: "This browser cannot run the calculators. They need a browser that can run WebAssembly " +
    "and Web Workers, such as a recent Edge, Chrome, Firefox or Safari." },
  missing: { message: "A file the calculator needs is missing from this website, so the calculator cannot start. " +
    "Tell the people who run this website." },
  offline: { retry: true, message: "You are offline, and this calculator is not saved on this device yet. " +
    "It starts by itself when you are back online." },
  network: { retry: true, message: "The connection to this website was lost while the calculator was loading. " +
    "Reload the page to try again." },
  integrity: { message: "The calculator's rules on this website are not the ones it was built with, so it will not " +
    "give answers. Tell the people who run this website." },
  damaged: { message: "A file of the calculator arrived damaged, so the calculator cannot start. Reload the page. " +
    "If it happens again, tell the people who run this website." },
  crashed: { message: "The calculator failed to start. This is a fault in the website, not in your answers. " +
    "Reload the page. If it happens again, tell the people who run this website." },
  stalled: { soft: true, message: "The calculator is still loading, but nothing has arrived for 30 seconds: the " +
    "connection may be very slow or may have dropped. It carries on by itself if the connection recovers, or you can reload the page." },
  "no-reply": { message: "The calculator stopped answering. Reload the page." },
};

let worker = null;
let state = "idle"; // idle | loading | ready | failed
let failureInfo = null; // {kind, message, detail, soft, retry}
let progressInfo = { phase: "", loaded: 0, total: 0 };
let watchdog = null;
let snapshotAllowed = true;
let startCalculator = "";
let nextId = 1;
let stuck = 0; // requests that got no reply
const requests = new Map(); // id -> {resolve, reject, timer}
const stateListeners = new Set();
export const violations = [];
export const timings = { start: null, ready: null, worker: null, snapshot: null, snapshotRead: null };
export const info = { python: null, workers: 0 }; // workers: Web Workers started in this tab

document.addEventListener("securitypolicyviolation", (e) => {
  violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile || "page" });
});

export function engineState() { return state; }
export function engineMessage() { return failureInfo ? failureInfo.message : ""; }
export function failure() { return failureInfo; }
export function progress() { return progressInfo; }
export function onState(fn) { stateListeners.add(fn); return () => stateListeners.delete(fn); }

// Resolves when the engine is ready; rejects when it fails (a soft failure included: ask again
// for a later "ready").
export function ready() {
  start();
  return new Promise((resolve, reject) => {
    const settle = () => {
      if (state === "ready") { resolve(true); return true; }
      if (state === "failed") { reject(new Error(engineMessage())); return true; }
      return false;
    };
    if (settle()) return;
    const off = onState(() => { if (settle()) off(); });
  });
}

function setState(next) {
  state = next;
  for (const fn of Array.from(stateListeners)) fn(state, engineMessage(), failureInfo);
}

function armWatchdog() {
  clearTimeout(watchdog);
  if (state !== "loading") return;
  const downloading = progressInfo.phase !== "start";
  watchdog = setTimeout(() => fail("stalled", downloading
    ? `no byte arrived for ${STALL_MS / 1000} s (${fmt(progressInfo.loaded)} of ${fmt(progressInfo.total)} MB so far)`
    : `no word from the worker for ${START_MS / 1000} s while the interpreter started`), downloading ? STALL_MS : START_MS);
}

function fmt(bytes) { return (bytes / 1e6).toFixed(1); }

function fail(kind, detail) {
  const known = FAILURES[kind] || FAILURES.crashed;
  if (state === "ready" && kind !== "no-reply") return;
  if (state === "failed" && failureInfo && !failureInfo.soft) return; // the first hard failure says it
  clearTimeout(watchdog);
  failureInfo = { kind, message: known.message, detail: detail || "", soft: Boolean(known.soft), retry: Boolean(known.retry) };
  if (!known.soft) {
    for (const [, req] of requests) { clearTimeout(req.timer); req.reject(new Error(known.message)); }
    requests.clear();
  }
  setState("failed");
}

function onWorkerError(e) {
  e.preventDefault();
  if (!navigator.onLine) fail("offline", "the worker script could not be loaded while offline");
  else fail("missing", "the calculator's worker script (worker.mjs) could not be loaded or run" + (e.message ? ": " + e.message : ""));
}

// The id of the calculator on the current page, if it is a calculator page.
function pageCalculator() {
  const root = document.querySelector(".mappa-calc[data-calculator]");
  return root ? root.dataset.calculator : "";
}

// The engine's snapshot as snapshot.js began to read it from <head> on a repeat visit (a promise
// of {key, bytes}, bytes null when none was found under the key, or null when the reading failed),
// taken once: a later start (a retry) lets the worker read it itself.
function snapshotReadByPage() {
  const read = window.mappaEngineSnapshot;
  window.mappaEngineSnapshot = null;
  return read && typeof read.then === "function" ? Promise.resolve(read).catch(() => null) : null;
}

export function start(calculatorId) {
  if (worker || (state === "failed" && !(failureInfo && failureInfo.soft))) return;
  if (!MANIFEST) {
    fail("missing", "the calculator manifest is missing from engine.mjs: the site needs to be rebuilt");
    return;
  }
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    fail("unsupported", `WebAssembly: ${typeof WebAssembly}, Worker: ${typeof Worker}`);
    return;
  }
  startCalculator = typeof calculatorId === "string" && calculatorId ? calculatorId : pageCalculator();
  timings.start = performance.now();
  progressInfo = { phase: "download", loaded: 0, total: 0 };
  failureInfo = null;
  setState("loading");
  try {
    worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module", name: "mappa-calculators" });
    info.workers += 1;
  } catch (err) {
    fail("crashed", String(err && err.message ? err.message : err));
    return;
  }
  worker.onmessage = onWorkerMessage;
  worker.onerror = onWorkerError;
  const snapshot = snapshotAllowed && window.isSecureContext && "caches" in window;
  const readByPage = snapshot ? snapshotReadByPage() : null;
  // The page's own calculator is loaded before the engine reports ready; others on first use.
  worker.postMessage({
    type: "init",
    pyodide: new URL(MANIFEST.pyodide, ROOT).href,
    rules: new URL(MANIFEST.rules, ROOT).href,
    rulesSha256: MANIFEST.rules_sha256,
    runtimeId: MANIFEST.runtime_id,
    sizes: MANIFEST.sizes || {},
    calculator: startCalculator,
    snapshot,
    // the snapshot's bytes follow in a "snapshot" message (from snapshot.js), not read by the worker
    snapshotFromPage: Boolean(readByPage),
    // served from this device by the site's service worker: no need to count the bytes
    quiet: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller),
  });
  if (readByPage) {
    const to = worker;
    readByPage.then((found) => {
      const bytes = found && found.bytes instanceof ArrayBuffer ? found.bytes : null;
      // transferred, not copied
      to.postMessage({ type: "snapshot", key: found ? String(found.key) : "", bytes }, bytes ? [bytes] : []);
    });
  }
  armWatchdog();
}

// Start again from nothing (after the connection comes back, or without a snapshot that failed).
function restart() {
  if (worker) worker.terminate();
  worker = null;
  clearTimeout(watchdog);
  state = "idle";
  const waiting = Array.from(requests.values());
  requests.clear();
  start(startCalculator);
  for (const req of waiting) send(req);
}

window.addEventListener("online", () => {
  if (state === "failed" && failureInfo && failureInfo.retry) restart();
});

function onWorkerMessage(event) {
  const msg = event.data || {};
  if (msg.type === "progress") {
    progressInfo = { phase: msg.phase, loaded: msg.loaded, total: msg.total };
    if (state === "failed" && failureInfo && failureInfo.soft) {
      // bytes again after a stall: loading, not failed
      failureInfo = null;
      state = "loading";
    }
    armWatchdog();
    for (const fn of Array.from(stateListeners)) fn(state, engineMessage(), failureInfo);
  } else if (msg.type === "state") {
    if (msg.state === "ready") {
      clearTimeout(watchdog);
      timings.ready = performance.now();
      timings.worker = msg.timings || null;
      timings.snapshot = msg.snapshot || null;
      timings.snapshotRead = msg.snapshotRead || null;
      info.python = msg.python || null;
      failureInfo = null; // a late "ready" clears an earlier (soft) failure
      setState("ready");
      for (const req of requests.values()) armReply(req);
    } else if (msg.state === "failed") {
      fail(msg.kind || "crashed", msg.detail || "");
    }
  } else if (msg.type === "retry") {
    // the saved snapshot could not be used: it is deleted; start normally
    snapshotAllowed = false;
    restart();
  } else if (msg.type === "result" || msg.type === "modules") {
    const req = requests.get(msg.id);
    if (!req) return;
    requests.delete(msg.id);
    clearTimeout(req.timer);
    if (msg.type === "modules") { req.resolve(msg.names); return; }
    try {
      req.resolve(JSON.parse(msg.json));
    } catch (err) {
      req.reject(err);
    }
  } else if (msg.type === "violation") {
    violations.push(msg);
  }
}

function armReply(req) {
  clearTimeout(req.timer);
  req.timer = setTimeout(() => {
    if (!requests.has(req.id)) return;
    requests.delete(req.id);
    req.reject(new Error("The calculator did not answer within " + REPLY_MS / 1000 + " seconds."));
    // a worker that does not answer is stuck: start a new one, once; a second time is a fault
    stuck += 1;
    if (stuck === 1) restart();
    else {
      if (worker) { worker.terminate(); worker = null; }
      fail("no-reply", `no reply to request ${req.id} (${req.message.type}) in ${REPLY_MS / 1000} s`);
    }
  }, REPLY_MS);
}

function send(req) {
  requests.set(req.id, req);
  worker.postMessage(req.message);
  if (state === "ready") armReply(req);
}

// The depth of arrays and objects in JSON text (strings skipped), without recursion.
export function jsonDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) { depth++; if (depth > deepest) deepest = depth; }
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
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
  let json;
  try {
    json = JSON.stringify(answers === undefined ? null : answers);
  } catch (err) {
    return Promise.reject(new Error("These answers cannot be sent to the calculator: they are not plain data (" + err.message + ")."));
  }
  if (typeof json !== "string") {
    return Promise.reject(new Error("These answers cannot be sent to the calculator: they are not plain data."));
  }
  if (jsonDepth(json) > MAX_DEPTH) {
    return Promise.reject(new Error("These answers cannot be sent to the calculator: they are nested more than " + MAX_DEPTH + " levels deep."));
  }
  start(calculatorId);
  if (state === "failed" && !failureInfo.soft) return Promise.reject(new Error(engineMessage()));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    send({ id, resolve, reject, timer: null, message: { type: "evaluate", id, calculator: calculatorId, json, render } });
  });
}

// The standard-library modules the interpreter has imported (the import trace of the build's test).
export function importedModules() {
  start();
  return new Promise((resolve, reject) => {
    const id = nextId++;
    send({ id, resolve, reject, timer: null, message: { type: "modules", id } });
  });
}
