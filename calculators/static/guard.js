// MAPPA Navigator: the first script of a calculator page (a classic script in <head>, before any
// other).  A training link too big to use (over 64 KB) leaves the address bar at once, before the
// browser and the page's scripts go on working with it; the calculator then says why nothing was
// filled in (training.mjs reads the length left here).
(function () {
  var hash = location.hash;
  if (hash.lastIndexOf("#answers=", 0) !== 0 || hash.length <= 64 * 1024) return;
  history.replaceState(history.state, "", location.pathname + location.search);
  document.documentElement.setAttribute("data-mappa-refused-link", String(hash.length));
})();
