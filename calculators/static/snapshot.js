// MAPPA Navigator: on a calculator page, when this device has visited it before (the site's
// service worker controls the page), start reading the calculator engine's saved memory snapshot
// at once, from <head> (async), while the page and its modules are still arriving.  engine.mjs
// hands the bytes to the worker, which uses them only if they are the snapshot of its own runtime
// (the key is checked again there) and otherwise reads the snapshot itself, as it always did.
//
// Why: reading the 31 MB snapshot out of Cache Storage takes about 130 ms, most of it waiting,
// and the worker started it only once the page's modules had arrived and the worker had started;
// begun here, it is done before the worker asks for it (bench/results.md, repeat visit).
//
// It reads what the engine itself stored (never anything typed), stores nothing, and on a first
// visit does nothing at all.
(function () {
  // written by the build (mappa_calculators.runtime): the runtime id of the build's manifest
  var RUNTIME_ID = /*@RUNTIME_ID@*/"";
  var script = document.currentScript;
  if (!RUNTIME_ID || !script || !window.isSecureContext || !window.caches) return;
  if (!(navigator.serviceWorker && navigator.serviceWorker.controller)) return;
  // the key worker.mjs keeps the snapshot under (snapshotKey there)
  var key = new URL("../../__engine-snapshot/" + RUNTIME_ID, script.src).href;
  // caches.match with a cache name never creates the cache
  window.mappaEngineSnapshot = caches.match(key, { cacheName: "mappa-engine-snapshot" })
    .then(function (hit) { return hit ? hit.arrayBuffer() : null; })
    // none found is an answer too (bytes null): the worker does not look again under this key
    .then(function (bytes) { return { key: key, bytes: bytes }; })
    .catch(function () { return null; });
})();
