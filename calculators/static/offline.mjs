// Offline after the first visit: registers the site's service worker (sw.js at the site root, so
// that its scope is the whole site; written by the build, mappa_site.offline).  It keeps the site's
// own files on this device (pages, scripts, the calculator engine and rules), never an answer.
//
// The registration waits until the page has loaded and, on a calculator page, until the engine
// has started (or failed), so that saving the site for offline use never competes with the
// engine's own download.
import { engineState, onState } from "./engine.mjs";

const SW_URL = new URL("../../sw.js", import.meta.url);

function register() {
  navigator.serviceWorker.register(SW_URL, { scope: new URL("../../", import.meta.url).pathname })
    .catch((err) => console.warn("Offline use is not available:", err && err.message ? err.message : err));
}

function whenEngineSettled(fn) {
  const onCalculatorPage = document.querySelector(".mappa-calc[data-calculator]")
    || document.querySelector("script[data-mappa-start]");
  const settled = () => engineState() === "ready" || engineState() === "failed";
  if (!onCalculatorPage || settled()) { fn(); return; }
  const off = onState(() => { if (settled()) { off(); fn(); } });
}

export function registerServiceWorker() {
  // service workers need a secure context (https, or this computer)
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const go = () => whenEngineSettled(register);
  if (document.readyState === "complete") go();
  else window.addEventListener("load", go, { once: true });
}
