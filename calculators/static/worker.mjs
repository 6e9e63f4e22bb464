// MAPPA Navigator calculator worker (an ES module Web Worker, one per tab).
// Boots the self-hosted Pyodide, checks the rule package archive built from
// rules/mappa_rules/ and answers evaluate requests with mappa_rules.evaluate_json.  Nothing here
// talks to any origin but the site's own: every URL comes from the page (the build's manifest).
//
// Loading tells the truth: the runtime files are fetched with their progress reported, a file that
// is missing is reported by its status at once, a fetch that fails is reported as offline or as a
// lost connection, and WebAssembly that the browser refuses is reported before anything is
// downloaded (a tiny module is compiled first).
//
// A memory snapshot of the started interpreter (Pyodide's _makeSnapshot / _loadSnapshot) is kept
// in Cache Storage under the build's runtime id (Pyodide version, standard library and rule
// archive), taken right after start-up and before any answer is evaluated, so it never holds an
// answer.  A snapshot that cannot be used is deleted and the page restarts the worker without it.
//
// Messages in:  {type: "init", pyodide, rules, rulesSha256, runtimeId, sizes, calculator, snapshot,
//                snapshotFromPage, quiet}
//               {type: "snapshot", key, bytes}             (after init with snapshotFromPage: the
//                                                           snapshot the page looked up under key,
//                                                           bytes null if none; key "" if it failed)
//               {type: "evaluate", id, calculator, json}   (json: the answers as JSON text)
//               {type: "modules", id}                      (the standard-library modules imported so far)
// Messages out: {type: "progress", phase: "download"|"start", loaded, total}
//               {type: "state", state: "ready", timings, python, snapshot, snapshotRead}
//               {type: "state", state: "failed", kind, detail}
//               {type: "retry", detail}                    (start again without the snapshot)
//               {type: "result", id, json}
//               {type: "modules", id, names}
//               {type: "violation", ...}                   (a Content-Security-Policy violation here)

// The smallest valid WebAssembly module: compiling it tells at once whether WebAssembly is allowed.
const TINY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const SNAPSHOT_CACHE = "mappa-engine-snapshot";
// Where the rule archive is written inside the interpreter: the zip itself goes on sys.path, and
// Python imports from it (zipimport) only the modules asked for; unpacking all of it took 35 ms.
const RULES_DIR = "/home/pyodide/mappa";
const RULES_ZIP = `${RULES_DIR}/rules.zip`;
const PROGRESS_EVERY_MS = 200;

let evaluateJson = null;
// A request with `render` (the page's local date and time, ISO) gets the rendered answer as well:
// json is then {result, html, record, summary} (mappa_answers.evaluate_and_render_json).
let renderJson = null;
let py = null;
const pending = [];
const t0 = performance.now();
let failed = false;

function post(msg) { self.postMessage(msg); }

function fail(kind, detail) {
  if (failed) return;
  failed = true;
  post({ type: "state", state: "failed", kind, detail: String(detail || "") });
}

function describe(err) {
  return err && err.name && err.message ? `${err.name}: ${err.message}` : String(err);
}

self.addEventListener("securitypolicyviolation", (e) => {
  post({ type: "violation", directive: e.violatedDirective, blocked: e.blockedURI, source: "worker" });
  if (e.blockedURI === "wasm-eval" || /wasm/.test(e.violatedDirective || "")) {
    fail("wasm-blocked", `Content-Security-Policy: ${e.violatedDirective} refused ${e.blockedURI}`);
  }
});

// ---------------------------------------------------------------------------
// Downloads with progress
// ---------------------------------------------------------------------------

// URL -> {name, bytes (uncompressed, from the manifest), wire (bytes on the wire), loaded, done}
const files = new Map();
let trackBodies = true;
let lastReport = 0;
let phase = "download";

function expect(url, name, bytes) {
  files.set(url, { name, bytes: bytes || 0, wire: 0, loaded: 0, done: false, headers: false });
}

function report(force) {
  const now = performance.now();
  if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
  lastReport = now;
  let loaded = 0;
  let total = 0;
  for (const f of files.values()) {
    if (f.uncounted) continue;
    const size = f.wire || f.bytes;
    total += size;
    loaded += f.done ? size : (f.bytes ? Math.min(size, (f.loaded / f.bytes) * size) : 0);
  }
  post({ type: "progress", phase, loaded: Math.round(loaded), total: Math.round(total) });
  if (phase === "download" && [...files.values()].every((f) => f.done)) {
    phase = "start";
    post({ type: "progress", phase, loaded: Math.round(total), total: Math.round(total) });
  }
}

function pathOf(url) {
  try { return new URL(url).pathname; } catch (err) { return String(url); }
}

function networkFailure(url, err) {
  fail(self.navigator && self.navigator.onLine === false ? "offline" : "network", `${describe(err)} (${pathOf(url)})`);
}

function counted(response, entry, url) {
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(controller) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (err) {
        networkFailure(url, err);
        controller.error(err);
        return;
      }
      if (chunk.done) {
        entry.done = true;
        report(true);
        controller.close();
        return;
      }
      entry.loaded += chunk.value.byteLength;
      report(false);
      controller.enqueue(chunk.value);
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  // only the type is kept: the body is already decoded, whatever the Content-Encoding was
  return new Response(body, { status: response.status, statusText: response.statusText,
    headers: { "Content-Type": response.headers.get("Content-Type") || "application/octet-stream" } });
}

const realFetch = self.fetch.bind(self);

// Pyodide fetches the WebAssembly module, the standard library and the lock file with the global
// fetch: this one reports their progress and their failures as they happen.
function trackedFetch(input, init) {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, self.location.href).href;
  const entry = files.get(url);
  if (!entry) return realFetch(input, init);
  return realFetch(input, init).then((response) => {
    if (!response.ok) {
      fail("missing", `HTTP ${response.status} ${response.statusText || ""} for ${pathOf(url)}`.replace("  ", " "));
      return response;
    }
    const length = Number(response.headers.get("Content-Length")) || 0;
    entry.wire = response.headers.get("Content-Encoding") && length ? length : (entry.bytes || length);
    entry.headers = true;
    if (!trackBodies || !response.body) {
      entry.done = true;
      report(true);
      return response;
    }
    return counted(response, entry, url);
  }, (err) => {
    networkFailure(url, err);
    throw err;
  });
}

// A WebAssembly module that fails to compile: refused by a policy, or damaged on the way.
function watchWasm() {
  for (const name of ["instantiateStreaming", "instantiate", "compileStreaming", "compile"]) {
    const real = WebAssembly[name];
    if (typeof real !== "function") continue;
    WebAssembly[name] = function (...args) {
      return real.apply(WebAssembly, args).catch((err) => {
        const text = describe(err);
        if (/unsafe-eval|Content Security Policy|Refused to compile/i.test(text)) fail("wasm-blocked", text);
        else if (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError) fail("damaged", text);
        throw err;
      });
    };
  }
}

async function fetchArchive(url) {
  let response;
  try {
    response = await trackedFetch(url, { credentials: "same-origin" });
  } catch (err) {
    return null; // reported by trackedFetch
  }
  if (!response.ok) return null; // reported by trackedFetch
  try {
    return await response.arrayBuffer();
  } catch (err) {
    networkFailure(url, err);
    return null;
  }
}

// ---------------------------------------------------------------------------
// Integrity of the rule archive
// ---------------------------------------------------------------------------

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256(buffer) {
  if (self.crypto && self.crypto.subtle) return hex(await self.crypto.subtle.digest("SHA-256", buffer));
  // not a secure context (a plain-http intranet server): the interpreter's own SHA-256
  py.globals.set("_mappa_archive", new Uint8Array(buffer));
  try {
    return py.runPython("import _sha2\n_sha2.sha256(_mappa_archive.to_bytes()).hexdigest()");
  } finally {
    py.runPython("del _mappa_archive");
  }
}

// The archive, or null (and the engine refuses to answer) when it is not the one the build made.
async function checkArchive(buffer, init) {
  const actual = await sha256(buffer);
  if (actual === init.rulesSha256) return buffer;
  fail("integrity", `SHA-256 of ${pathOf(init.rules)}: expected ${init.rulesSha256}, found ${actual}`);
  return null;
}

// ---------------------------------------------------------------------------
// The memory snapshot
// ---------------------------------------------------------------------------

// This copy of the site's snapshots: keyed under its own root, as a host may serve more than one
// copy (each under its own path), and the cache is the whole host's
const SNAPSHOTS = new URL("../../__engine-snapshot/", import.meta.url).href;

function snapshotKey(runtimeId) {
  return SNAPSHOTS + runtimeId;
}

async function readSnapshot(runtimeId) {
  try {
    if (!self.caches || !runtimeId) return null;
    const cache = await caches.open(SNAPSHOT_CACHE);
    const hit = await cache.match(snapshotKey(runtimeId));
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch (err) {
    return null;
  }
}

// On a repeat visit the page has usually begun to read the snapshot before this worker existed
// (snapshot.js).  When the page looked under this runtime's key, its answer stands, found or not
// (after a new build, the old snapshot is under another key: no second lookup of the new one);
// otherwise (the page's scripts are of another build, or its reading failed) the worker reads it.
let snapshotHandedOver;
const snapshotFromPage = new Promise((resolve) => { snapshotHandedOver = resolve; });
let snapshotRead = null; // "page" | "worker": who read the snapshot that was found

async function savedSnapshot(init) {
  if (init.snapshotFromPage) {
    const msg = await snapshotFromPage;
    if (msg.key === snapshotKey(init.runtimeId)) {
      if (!(msg.bytes instanceof ArrayBuffer)) return null;
      snapshotRead = "page";
      return new Uint8Array(msg.bytes);
    }
  }
  const bytes = await readSnapshot(init.runtimeId);
  if (bytes) snapshotRead = "worker";
  return bytes;
}

// every snapshot of this copy of the site but `keep` (other copies' are theirs to replace)
async function deleteSnapshots(keep) {
  if (!self.caches) return;
  const cache = await caches.open(SNAPSHOT_CACHE);
  for (const request of await cache.keys()) {
    if (request.url !== keep && request.url.startsWith(SNAPSHOTS)) await cache.delete(request);
  }
}

async function saveSnapshot(runtimeId, bytes) {
  const key = snapshotKey(runtimeId);
  await deleteSnapshots(key);
  const cache = await caches.open(SNAPSHOT_CACHE);
  await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
}

// ---------------------------------------------------------------------------
// Start-up
// ---------------------------------------------------------------------------

async function boot(init) {
  if (typeof WebAssembly !== "object") {
    fail("unsupported", "WebAssembly is not defined in this worker");
    return;
  }
  try {
    new WebAssembly.Module(TINY_WASM);
  } catch (err) {
    fail("wasm-blocked", describe(err));
    return;
  }
  watchWasm();
  const base = init.pyodide;
  const sizes = init.sizes || {};
  for (const name of ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]) expect(base + name, name, sizes[name]);
  expect(init.rules, "rules", sizes.rules);
  // the interpreter's JavaScript half is a module import, whose bytes cannot be followed (and
  // whose size on the wire is not known before it arrives): waited for, but not counted
  files.set(base + "pyodide.asm.mjs", { name: "pyodide.asm.mjs", uncounted: true, done: false });

  // everything at once: the rule archive (checked as soon as it arrives), the loader, the
  // interpreter's JavaScript module and the saved snapshot, if any (opening Cache Storage can take
  // a while, and nothing waits for it but the interpreter's start)
  trackBodies = !init.quiet;
  self.fetch = trackedFetch;
  const archive = fetchArchive(init.rules).then((buffer) => (buffer && self.crypto && self.crypto.subtle
    ? checkArchive(buffer, init) : buffer));
  const asm = files.get(base + "pyodide.asm.mjs");
  import(base + "pyodide.asm.mjs").then(() => { asm.done = true; report(true); },
    (err) => networkFailure(base + "pyodide.asm.mjs", err));
  const saved = init.snapshot ? savedSnapshot(init) : Promise.resolve(null);
  let mod;
  try {
    mod = await import(base + "pyodide.mjs");
  } catch (err) {
    if (self.navigator && self.navigator.onLine === false) fail("offline", describe(err));
    else fail("missing", `${describe(err)} (${pathOf(base + "pyodide.mjs")})`);
    return;
  }
  const snapshot = await saved;
  // on a first visit the bytes are counted; when the files come from this device (a snapshot
  // exists, or the page is served by the site's service worker) the responses go to Pyodide
  // untouched, so that the browser can reuse its compiled code
  trackBodies = !snapshot && !init.quiet;
  report(true);
  const tImport = performance.now();
  try {
    py = await mod.loadPyodide({
      indexURL: base,
      stdout: () => {},
      stderr: (m) => console.warn(m),
      _makeSnapshot: !snapshot && Boolean(init.snapshot),
      _loadSnapshot: snapshot || undefined,
    });
  } catch (err) {
    if (snapshot) return retryWithoutSnapshot(err);
    fail("crashed", describe(err));
    return;
  }
  if (failed) return;
  const tBoot = performance.now();

  let buffer = await archive;
  if (buffer && !(self.crypto && self.crypto.subtle)) buffer = await checkArchive(buffer, init);
  if (!buffer || failed) return;
  try {
    py.FS.mkdirTree(RULES_DIR);
    py.FS.writeFile(RULES_ZIP, new Uint8Array(buffer));
    py.runPython(`import sys\nif ${JSON.stringify(RULES_ZIP)} not in sys.path: sys.path.insert(0, ${JSON.stringify(RULES_ZIP)})`);
    const rules = py.pyimport("mappa_rules");
    // only the page's own calculator is compiled now; the others are compiled when first asked for
    if (typeof init.calculator === "string" && init.calculator) rules.load(init.calculator);
    evaluateJson = rules.evaluate_json;
  } catch (err) {
    if (snapshot) return retryWithoutSnapshot(err);
    fail("crashed", describe(err));
    return;
  }
  const tReady = performance.now();
  post({
    type: "state",
    state: "ready",
    timings: { import: tImport - t0, boot: tBoot - t0, ready: tReady - t0 },
    python: py.runPython("import sys; sys.version.split()[0]"),
    snapshot: snapshot ? "used" : (init.snapshot ? "made" : "off"),
    snapshotRead: snapshot ? snapshotRead : null,
  });
  // Then, in the same task, before any request is answered: the one renderer of answers
  // (calculators/mappa_answers, in the same archive), which the page needs only once there is an
  // answer to show, and the snapshot.  A request that comes meanwhile waits for both (tens of ms).
  try {
    // with the glossary's abbreviations shipped beside it: each one in the answer says what it means
    const answers = py.pyimport("mappa_answers");
    const abbreviations = answers.shipped_abbreviations();
    const render = answers.evaluate_and_render_json;
    renderJson = (calculator, json, now) => render.callKwargs(calculator, json, now, { abbreviations });
  } catch (err) {
    // a fault of the build (the tests import it): requests for a rendered answer get the engine's
    // own failure message (answer() below); a snapshot that cannot give it is not used again
    console.warn("the renderer of answers could not be imported:", describe(err));
    if (snapshot) return retryWithoutSnapshot(err);
  }
  if (!snapshot && init.snapshot) {
    try {
      const bytes = py.makeMemorySnapshot();
      saveSnapshot(init.runtimeId, bytes).catch((err) => console.warn("snapshot not kept:", describe(err)));
    } catch (err) {
      console.warn("snapshot not taken:", describe(err));
    }
  }
  while (pending.length) handle(pending.shift());
}

async function retryWithoutSnapshot(err) {
  try { await deleteSnapshots(""); } catch (e) { /* nothing kept */ }
  post({ type: "retry", detail: describe(err) });
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

// The one place where a request is evaluated: answers in (JSON text), the result out (JSON text).
function answer(msg) {
  let json;
  try {
    json = msg.render ? renderJson(msg.calculator, msg.json, String(msg.render)) : evaluateJson(msg.calculator, msg.json);
  } catch (err) {
    json = JSON.stringify({
      ok: false, calculator: msg.calculator, internal_error: String(err),
      errors: [{ field: "", message: "Sorry, the calculator engine failed. This is a fault in the site, not in your answers." }],
    });
  }
  post({ type: "result", id: msg.id, json });
}

const MODULES_PY = `import sys, json
json.dumps(sorted(n for n, m in list(sys.modules.items())
                  if ".zip/" in (getattr(m, "__file__", None) or "") and "/mappa" not in m.__file__))`;

function handle(msg) {
  if (msg.type === "evaluate") answer(msg);
  else if (msg.type === "modules") post({ type: "modules", id: msg.id, names: JSON.parse(py.runPython(MODULES_PY)) });
}

let booted = false;
self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    if (booted) return;
    booted = true;
    boot(msg).catch((err) => fail("crashed", describe(err)));
  } else if (msg.type === "snapshot") {
    snapshotHandedOver(msg);
  } else if (msg.type === "evaluate" || msg.type === "modules") {
    if (evaluateJson) handle(msg);
    else pending.push(msg);
  }
};
