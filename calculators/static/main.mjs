// MAPPA Navigator calculators, the entry module.  Loaded on every page (extra_javascript, a module
// runs once per document), so it survives Material's instant navigation: it binds each calculator
// form as `document$` emits.  On a calculator page it is also loaded from <head>
// (publish/theme/main.html) with `async`, so the engine starts before the body is parsed.
//
// Privacy: nothing typed is stored (no localStorage, sessionStorage, cookies, IndexedDB) or sent.
//
// The modules, by job: engine.mjs (the engine client), form.mjs (reading and filling the form),
// calculator.mjs (one calculator bound to the engine), result.mjs (the answer panel), record.mjs
// (the decision record and the download), training.mjs (training links), dom.mjs (small helpers).
// What an answer says and how it looks is made in Python by mappa_answers, in the worker.
import { bind } from "./calculator.mjs";
import { MANIFEST, engineMessage, engineState, evaluate, evaluateAndRender, failure, importedModules, info, onState,
  progress, ready, start, timings, violations } from "./engine.mjs";
import { registerServiceWorker } from "./offline.mjs";

window.mappa = {
  manifest: MANIFEST,
  evaluate,
  evaluateAndRender,
  start,
  ready,
  get state() { return engineState(); },
  get message() { return engineMessage(); },
  get failure() { return failure(); },
  get progress() { return progress(); },
  importedModules,
  onState,
  timings,
  violations,
  get python() { return info.python; },
  get workers() { return info.workers; },
};

// Material's instant navigation handles the "Skip to content" link without moving the keyboard
// focus, so Tab would go on through the navigation: move the focus to the target ourselves.
let skipTo = null;
function focusSkipTarget() {
  if (!skipTo) return;
  const target = document.getElementById(skipTo);
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}
document.addEventListener("click", (e) => {
  const skip = e.target.closest && e.target.closest("a.md-skip");
  if (!skip) return;
  skipTo = decodeURIComponent(new URL(skip.href, location.href).hash.slice(1));
  setTimeout(focusSkipTarget, 0);
  setTimeout(() => { focusSkipTarget(); skipTo = null; }, 300);
}, true);

function bindPage() {
  focusSkipTarget();
  const roots = document.querySelectorAll(".mappa-calc[data-calculator]");
  if (!roots.length) return;
  start();
  roots.forEach(bind);
}

// On a calculator page this script runs from <head> (publish/theme/main.html), before the
// body exists: the engine starts at once, told which calculator to load.  Elsewhere it is loaded
// `async` at the end of the page (mkdocs.yml), possibly before Material has created `document$`.
const fromHead = (document.querySelector("script[data-mappa-start]") || { dataset: {} }).dataset.mappaStart;
if (fromHead) start(fromHead);
else if (document.querySelector(".mappa-calc[data-calculator]")) start();
let subscribed = false;
function subscribe() {
  if (subscribed) return;
  subscribed = true;
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(bindPage);
  else bindPage(); // not Material: a plain page
}
if (window.document$) subscribe();
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
else subscribe();

// Offline after the first visit: the site's service worker (offline.mjs).
registerServiceWorker();
