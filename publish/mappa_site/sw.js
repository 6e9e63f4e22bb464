// MAPPA Navigator service worker: keeps this site's own files on the device, so that the guidance
// and the calculators work offline after the first visit.
//
// What it stores (Cache Storage, one cache per build): the site's pages, scripts, styles, search
// index, the calculator engine (Pyodide) and the rule archive: the files of FILES below, fetched
// from this site when the service worker is installed.  It never stores anything else: no answer,
// no response to a request made while the site is used (answers never leave the page anyway).
//
// Pages come from the network first (always current when online) and from the cache when the
// network fails; other files come from the cache first.  A new build writes a new FILES list and
// BUILD, so the browser installs the new service worker, which takes over at once and deletes
// the previous build's cache (this copy's only: see CACHE).  Written by mappa_site.offline from
// publish/mappa_site/sw.js.

const BUILD = /*@BUILD@*/"";
// paths relative to the site root; pages end in "/" (or are "" for the home page)
const FILES = /*@FILES@*/[];
// paths whose content never changes (versioned or named after a hash of their content)
const IMMUTABLE = new RegExp(/*@IMMUTABLE@*/"^$");
const ROOT = new URL("./", self.location.href).href;
// Cache Storage belongs to the whole host, and a host may serve more than one copy of the site,
// each under its own path (GitHub Pages serves every project of an account from one host; an
// intranet may keep a live copy and a trial one).  So the cache's name says whose it is:
// "mappa-site-", the build, then this copy's path ("mappa-site-0123456789abcdef /mappa/"); and a
// new build deletes only this copy's earlier caches, never another copy's.
const PREFIX = "mappa-site-";
const PATH = new URL(ROOT).pathname;
const CACHE = `${PREFIX}${BUILD} ${PATH}`;

// This copy's caches of earlier builds.  Builds before the name carried the path named theirs
// "mappa-site-" and the build alone: such a cache is this copy's when it holds this copy's home page.
async function earlierCaches() {
  const out = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    if (name.includes(" ") ? name.endsWith(" " + PATH)
      : Boolean(await (await caches.open(name)).match(ROOT, { ignoreVary: true }))) out.push(name);
  }
  return out;
}

async function fromEarlierBuild(url, earlierNames) {
  for (const name of earlierNames) {
    const hit = await (await caches.open(name)).match(url);
    if (hit) return hit;
  }
  return null;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const earlierNames = await earlierCaches();
  await Promise.all(FILES.map(async (path) => {
    const url = new URL(path, ROOT).href;
    const immutable = IMMUTABLE.test(path);
    if (await cache.match(url)) return;
    // an unchanged versioned file is copied from the previous build's cache, not downloaded again
    const earlier = immutable ? await fromEarlierBuild(url, earlierNames) : null;
    const response = earlier || await fetch(url, { cache: immutable ? "default" : "no-cache", credentials: "same-origin" });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await cache.put(url, response);
  }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await earlierCaches()) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function page(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const cache = await caches.open(CACHE);
    const url = new URL(request.url);
    url.hash = "";
    url.search = "";
    const path = url.href.endsWith("/") || /\.[a-z]+$/i.test(url.pathname) ? url.href : url.href + "/";
    return (await cache.match(path, { ignoreVary: true })) || (await cache.match(new URL("404.html", ROOT).href, { ignoreVary: true }))
      || Response.error();
  }
}

async function file(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreVary: true })) || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});
