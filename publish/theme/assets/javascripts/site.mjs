// MAPPA Navigator, on every page (mkdocs.yml extra_javascript): the accessibility fixes of the
// theme that need a script.  A module runs once per document and Material's instant navigation
// keeps the document, so the listeners are set once (on `document`) and the per-page work runs
// each time Material's `document$` emits.
//
// 1. The menu button (partials/header.html): below 1220 CSS px Material's navigation is a drawer
//    opened by a checkbox.  The button toggles that checkbox, says whether the drawer is open
//    (aria-expanded), moves the keyboard focus into the drawer and back, and closes it on Escape
//    or when the focus leaves it.  While closed, the drawer's links are hidden (site.css).
// 2. Tooltips of abbreviations and paragraph links, in place of Material's (WCAG 1.4.13): shown on
//    hover and on keyboard focus, kept while the pointer is over them, closed with Escape, placed
//    above the word so that they never hide the line being read.  The first use of each
//    abbreviation on a page can be reached with Tab, so its expansion is reachable without a mouse;
//    so can the first use of each in a calculator's answer, which comes later (event "mappa:content").

const NARROW = window.matchMedia("(max-width: 76.234375em)");

// ---- 1. The menu button ----------------------------------------------------------------------

const drawerToggle = () => document.getElementById("__drawer");
const drawer = () => document.querySelector(".md-sidebar--primary");
const menuButton = () => document.querySelector("[data-mappa-menu]");
const FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]), [tabindex='0']";

const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible";

function drawerOpen() {
  const toggle = drawerToggle();
  return !!toggle && toggle.checked;
}

function syncMenu() {
  const button = menuButton();
  const panel = drawer();
  if (!button) return;
  button.setAttribute("aria-expanded", String(drawerOpen()));
  if (panel) {
    if (!panel.id) panel.id = "mappa-drawer";
    button.setAttribute("aria-controls", panel.id);
  }
}

function setDrawer(open, moveFocus) {
  const toggle = drawerToggle();
  if (!toggle) return;
  if (toggle.checked !== open) toggle.click(); // Material follows the checkbox's change event
  syncMenu();
  if (!moveFocus) return;
  if (open) {
    const panel = drawer();
    const first = panel && Array.from(panel.querySelectorAll(FOCUSABLE)).find(shown);
    if (first) first.focus({ preventScroll: true }); // the drawer is still sliding in
  } else {
    const button = menuButton();
    if (button) button.focus();
  }
}

document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest("[data-mappa-menu]")) setDrawer(!drawerOpen(), true);
});
document.addEventListener("change", (e) => {
  if (e.target && e.target.id === "__drawer") syncMenu();
});
// Tabbing out of the open drawer closes it, so the focus never lands on the page behind it.
document.addEventListener("focusout", (e) => {
  if (!NARROW.matches || !drawerOpen()) return;
  const panel = drawer();
  const to = e.relatedTarget;
  if (!panel || !panel.contains(e.target) || !to) return;
  if (panel.contains(to) || to.closest("[data-mappa-menu]")) return;
  setDrawer(false, false);
});

// Inside the drawer, a section opens as a panel (Material: a checkbox and <label for> elements).
// Its "back" title and the label opening the page's table of contents become Tab stops; Enter
// (Material) and Space operate them; the focus follows the panel that opens or closes.
function prepareDrawer() {
  const labels = document.querySelectorAll(".md-nav--primary .md-nav .md-nav__title[for], .md-nav--primary label.md-nav__link[for='__toc']");
  for (const label of labels) {
    if (label.tabIndex === 0) continue;
    label.tabIndex = 0;
    if (label.matches(".md-nav__title") && !label.querySelector(".mappa-visually-hidden")) {
      const hint = document.createElement("span");
      hint.className = "mappa-visually-hidden";
      hint.textContent = "Back from ";
      label.prepend(hint);
    }
  }
}

document.addEventListener("keydown", (e) => {
  const label = e.target.closest && e.target.closest(".md-nav label[for][tabindex='0']");
  if (label && (e.key === " " || e.key === "Spacebar")) {
    e.preventDefault();
    label.click();
  }
});
document.addEventListener("change", (e) => {
  const toggle = e.target;
  if (!toggle.matches || !toggle.matches(".md-nav--primary .md-nav__toggle") || !NARROW.matches) return;
  const active = document.activeElement;
  if (!active || active.localName !== "label" || active.htmlFor !== toggle.id) return; // not the user's doing
  const panel = toggle.parentElement.querySelector(":scope > .md-nav");
  const target = toggle.checked
    ? panel && panel.querySelector(":scope > .md-nav__title")
    : toggle.parentElement.querySelector(`:scope > label.md-nav__link[for="${CSS.escape(toggle.id)}"]`);
  // no scrolling to it: the panel is still sliding in, and the drawer would stay scrolled sideways
  if (target) target.focus({ preventScroll: true });
});

// ---- 2. Tooltips -----------------------------------------------------------------------------

const HIDE_DELAY_MS = 300; // time to move the pointer from the word onto its tooltip
const GAP_PX = 6;
let tip = null;
let owner = null;
let hideTimer = null;

function tooltip() {
  if (!tip || !tip.isConnected) {
    tip = document.createElement("div");
    tip.id = "mappa-tip";
    tip.className = "mappa-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.append(tip);
  }
  return tip;
}

function place(target, el) {
  const rect = target.getClientRects()[0] || target.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const width = el.offsetWidth;
  const height = el.offsetHeight;
  let y = rect.top - height - GAP_PX;
  if (y < top + 2) y = rect.bottom + GAP_PX; // no room above, below the header: under the word
  const x = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
  el.style.left = `${Math.round(x + window.scrollX)}px`;
  el.style.top = `${Math.round(y + window.scrollY)}px`;
}

function show(target) {
  clearTimeout(hideTimer);
  const el = tooltip();
  if (owner === target && !el.hidden) return;
  if (owner && owner !== target) owner.removeAttribute("aria-describedby");
  owner = target;
  el.textContent = target.dataset.mappaTip;
  el.hidden = false;
  target.setAttribute("aria-describedby", el.id);
  place(target, el);
}

function hide() {
  clearTimeout(hideTimer);
  if (tip) tip.hidden = true;
  if (owner) owner.removeAttribute("aria-describedby");
  owner = null;
}

function hideSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, HIDE_DELAY_MS);
}

const tipTarget = (node) => (node && node.closest ? node.closest("[data-mappa-tip]") : null);

document.addEventListener("mouseover", (e) => {
  const target = tipTarget(e.target);
  if (target) show(target);
  else if (tip && tip.contains(e.target)) clearTimeout(hideTimer);
});
document.addEventListener("mouseout", (e) => {
  if (!owner) return;
  const from = e.target;
  const to = e.relatedTarget;
  const inside = (n) => !!n && (owner.contains(n) || (tip && tip.contains(n)));
  if (inside(from) && !inside(to) && document.activeElement !== owner) hideSoon();
});
document.addEventListener("focusin", (e) => {
  const target = tipTarget(e.target);
  if (target) show(target);
});
document.addEventListener("focusout", (e) => {
  if (owner && e.target === owner) hide();
});
window.addEventListener("resize", () => { if (owner) hide(); });

// Escape closes the tooltip first, then the drawer.
document.addEventListener("keydown", (e) => {
  if (e.key !== "Escape") return;
  if (owner) {
    hide();
    e.stopPropagation();
    return;
  }
  if (NARROW.matches && drawerOpen()) {
    setDrawer(false, true);
    e.stopPropagation();
  }
}, true);

// The title attributes become tooltips; the first use of each abbreviation is a Tab stop, and so
// is its first use inside each fold (<details>): a closed fold's contents cannot take the focus, so
// a first use in it alone would leave the word's meaning out of reach of the keyboard elsewhere.
function prepareTooltips(root) {
  const seen = new Map(); // fold (or null) -> words already a Tab stop there
  for (const el of root.querySelectorAll(".md-content abbr[title], .md-content a[title]")) {
    el.dataset.mappaTip = el.getAttribute("title");
    el.removeAttribute("title");
    if (el.localName !== "abbr") continue;
    const fold = el.closest("details");
    if (!seen.has(fold)) seen.set(fold, new Set());
    const words = seen.get(fold);
    const word = el.textContent.trim();
    if (!words.has(word)) {
      words.add(word);
      el.tabIndex = 0;
    }
  }
}

// Content put in place after the page was shown (a calculator's live answer: the event is sent by
// calculators/static/result.mjs): its abbreviations get their tooltips, the first use of each in it
// a Tab stop; a tooltip of the content it replaced is closed.
document.addEventListener("mappa:content", (e) => {
  if (owner && !owner.isConnected) hide();
  if (e.target instanceof Element) prepareTooltips(e.target);
});

// ---- Each page -------------------------------------------------------------------------------

function onPage() {
  hide();
  syncMenu();
  prepareDrawer();
  prepareTooltips(document);
}

NARROW.addEventListener("change", () => { if (!NARROW.matches && drawerOpen()) setDrawer(false, false); syncMenu(); });

let subscribed = false;
function subscribe() {
  if (subscribed) return;
  subscribed = true;
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  else onPage();
}
if (window.document$) subscribe();
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
else subscribe();
