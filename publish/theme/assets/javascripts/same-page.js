// MAPPA Navigator, on every page: a move within the page stays within the page.
//
// Material's instant navigation fetches a page again and replaces its content the first time it
// sees the address change, even when only the part after "#" changed (its check for "same page"
// needs an earlier address to compare with, and a freshly loaded page has none).  On a calculator
// that wiped every answer: following the "Skip to content" link, pasting a training link into the
// address bar, or going back from one.  On a guidance page it fetched the whole chapter again.
//
// Until instant navigation has taken the person to another page, this script keeps such moves away
// from it, and the browser does what it does without it: scrolls to the paragraph, moves the
// keyboard focus, restores the place on "Back".  Once instant navigation has changed page, its own
// check has an address to compare with, and this script stands aside.
//
// A classic script in <head> (publish/theme/main.html), deferred like every script here: it runs
// after the page is parsed and before Material's bundle, so its listeners come first.
(function () {
  "use strict";
  var page = location.pathname + location.search;
  var navigated = false; // has instant navigation been asked to go anywhere yet?

  function samePage(url) {
    return url.origin === location.origin && url.pathname + url.search === page;
  }

  // Links: "#..." on this page.  Material listens on <body>; this listener is on <body> too and
  // was added first, so stopping here keeps the click from it (the link's own handlers, below
  // <body>, have already run).
  document.body.addEventListener("click", function (e) {
    if (navigated || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var link = e.target instanceof Element ? e.target.closest("a[href]") : null;
    if (!link || link.target || link.hasAttribute("download")) return;
    var url = new URL(link.href, location.href);
    if (url.hash && samePage(url)) e.stopImmediatePropagation();
  });

  // The address bar and Back/Forward: a step between two addresses of this page.
  window.addEventListener("popstate", function (e) {
    if (!navigated && samePage(new URL(location.href))) e.stopImmediatePropagation();
  });

  // Material's bundle runs after this script, before DOMContentLoaded: from its first navigation
  // on, its own check does the work.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.location$ && typeof window.location$.subscribe === "function") {
      window.location$.subscribe(function () { navigated = true; });
    }
  });
})();
