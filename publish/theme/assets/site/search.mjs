// MAPPA Navigator: the site's own search (the search box is publish/theme/partials/search.html).
//
// * The index (search/index.json, written at build time by mappa_site.search) has one entry per
//   numbered paragraph of the guidance, the sections of our pages, the glossary's terms and the
//   calculators (title, summary and introduction only).  It is fetched on the FIRST USE of the
//   search box (focus, or opening it on a phone), never on page load: a calculator page gives the
//   CPU to its engine.  Searching is a plain scan of about 1,700 entries: no index to build.
// * A query that looks like a paragraph number (20.3, 13a.18, "para 6.3") offers "Go to paragraph
//   20.3" first; a chapter number ("20", "chapter 13a") offers the chapter.  A glossary term, one of
//   its aliases or its expansion ("MAPPA P", "SCR", "shared accommodation") shows the term's home
//   paragraphs first ("best bets", from the glossary's "see" lists), then its glossary entry.
// * Enter opens the first result.  Up and Down move between the results, Escape closes the search.
// * Privacy: the search term never leaves the browser.  The box has no name and its form no action,
//   result links carry no query string, nothing is stored.

const ROOT = new URL("../../", import.meta.url);
const INDEX_URL = new URL("search/index.json", ROOT);
const MAX_RESULTS = 30;
const STOP_WORDS = new Set(("a an and are as at be by can do does for from has have how i if in into is it its " +
  "me my of on or our should that the their them there they this to was we what when where which who why " +
  "will with you your").split(" "));
const KIND_LABEL = { p: "Paragraph", s: "Standard", page: "Page", sec: "Section", term: "Glossary", calc: "Calculator",
  example: "Worked example" };

const root = document.querySelector("[data-mappa-search]");
const toggle = document.getElementById("__search");
if (root && toggle) setUp(root, toggle);

// -- the index -------------------------------------------------------------------------------

let loading = null;

export function loadIndex() {
  if (!loading) {
    loading = fetch(INDEX_URL, { credentials: "same-origin" })
      .then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(prepare);
    loading.catch(() => { loading = null; }); // a later use may try again
  }
  return loading;
}

export function normalise(s) {
  return " " + String(s).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/(\d)\.(?=\d)/g, "$1\u0001") // keep the full stop of 20.3 inside the word
    .replace(/[^0-9a-z\u0001]+/g, " ")
    .replace(/\u0001/g, ".")
    .replace(/\s+/g, " ").trim() + " ";
}

function prepare(data) {
  const docs = data.docs.map(([kind, title, location, text, context], i) => ({
    i, kind, title, location, text, context, nt: normalise(title), nx: normalise(text),
  }));
  const paragraphs = new Map(); // "20.3" -> [entries] (two for a number the guidance uses twice)
  const chapters = new Map(); // "20" -> the chapter page's entry
  for (const d of docs) {
    const p = /#para-(\d{1,2}[ab]?)-(\d{1,3})(?:-\d)?$/.exec(d.location);
    if (d.kind === "p" && p) {
      const key = p[1] + "." + p[2];
      if (!paragraphs.has(key)) paragraphs.set(key, []);
      paragraphs.get(key).push(d);
    }
    const c = /^guidance\/(\d{1,2}[ab]?)\/$/.exec(d.location);
    if (d.kind === "page" && c) chapters.set(c[1], d);
  }
  return { docs, bets: data.bets || {}, paragraphs, chapters };
}

// -- searching -------------------------------------------------------------------------------

const PARAGRAPH_QUERY = /^\s*(?:(?:para(?:graph)?s?|§|¶)\.?\s*)?(\d{1,2})\s*([abAB])?\s*[.:]\s*(\d{1,3})\s*\.?\s*$/i;
const CHAPTER_QUERY = /^\s*(?:(?:chapter|ch)\.?\s*)?(\d{1,2}[abAB]?)\s*\.?\s*$/i;

export function paragraphQuery(query) {
  const m = PARAGRAPH_QUERY.exec(query);
  return m ? m[1] + (m[2] || "").toLowerCase() + "." + String(Number(m[3])) : null;
}

export function chapterQuery(query) {
  const m = CHAPTER_QUERY.exec(query);
  return m ? m[1].toLowerCase() : null;
}

function tokens(query) {
  const all = normalise(query).trim().split(" ").filter(Boolean);
  const kept = all.filter((t) => !STOP_WORDS.has(t));
  return kept.length ? kept : all;
}

// occurrences of a word (or a word starting with it) in normalised text
function count(haystack, word, prefixOk) {
  let n = 0, exact = 0, from = 0;
  const needle = " " + word;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) break;
    const next = haystack.charAt(at + needle.length);
    if (next === " ") { n++; exact++; }
    else if (prefixOk) n++;
    from = at + needle.length;
    if (n >= 8) break;
  }
  return { n, exact };
}

// the score of an entry for the query's words; 0 when fewer than `needed` of them are in it
function score(d, words, phrase, needed) {
  let s = 0, found = 0;
  for (const w of words) {
    const prefixOk = w.length > 2 && !/^\d/.test(w); // "p" of "MAPPA P", "20.3": whole words only
    const t = count(d.nt, w, prefixOk);
    const x = count(d.nx, w, prefixOk);
    if (!t.n && !x.n) continue;
    found++;
    s += (t.exact ? 8 : t.n ? 5 : 0) + Math.min(x.n, 5) + (x.exact ? 1 : 0);
  }
  if (found < needed) return 0;
  s += 6 * found;
  if (words.length > 1) {
    if (d.nt.includes(phrase)) s += 14;
    else if (d.nx.includes(phrase)) s += 8;
  }
  if (d.kind === "p") s += 1.5; // land on the paragraph rather than on a page that mentions it
  if (d.kind === "example") s *= 0.5; // a worked example quotes the guidance: the guidance comes first
  if (d.kind === "term" && d.nt.startsWith(" " + words.join(" ") + " ")) s += 6;
  return s;
}

export function search(index, query) {
  const results = [];
  const seen = new Set();
  const add = (d, extra) => {
    if (!d || seen.has(d.i)) return;
    seen.add(d.i);
    results.push(Object.assign({ doc: d }, extra));
  };
  const number = paragraphQuery(query);
  if (number) {
    const found = index.paragraphs.get(number) || [];
    found.forEach((d, k) => add(d, {
      go: "Go to paragraph " + number + (found.length > 1 ? (k ? " (second use)" : " (first use)") : ""),
    }));
    if (!found.length) results.push({ missing: "There is no paragraph " + number + " in the guidance." });
  }
  const chapter = chapterQuery(query);
  if (chapter) {
    const d = index.chapters.get(chapter);
    if (d) add(d, { go: "Go to chapter " + d.title });
    else results.push({ missing: "There is no chapter " + chapter + " in the guidance." });
  }
  const key = normalise(query).trim();
  for (const i of index.bets[key] || []) add(index.docs[i], { best: true });
  const words = tokens(query);
  let partial = false;
  if (words.length) {
    const phrase = " " + words.join(" ") + " ";
    // every word first; when nothing has them all, entries with most of them
    for (const needed of words.length > 1 ? [words.length, Math.ceil(words.length / 2)] : [1]) {
      const scored = [];
      for (const d of index.docs) {
        if (seen.has(d.i)) continue;
        const s = score(d, words, phrase, needed);
        if (s > 0) scored.push([s, d]);
      }
      scored.sort((a, b) => b[0] - a[0] || a[1].i - b[1].i);
      for (const [, d] of scored) add(d, {});
      if (scored.length) { partial = needed < words.length; break; }
    }
  }
  // what to mark in the results: a glossary term as a whole ("MAPPA P", not every "MAPPA")
  const marks = number ? [number] : index.bets[key] ? [words.join(" ")] : [words.join(" "), ...words];
  return { results, words: marks, partial };
}

// -- showing the results ---------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// text with the searched words marked; built as DOM nodes, never as HTML
function marked(text, words) {
  const frag = document.createDocumentFragment();
  const usable = words.filter((w) => w.length > 1).map((w) => escapeRegExp(w).replace(/ /g, "\\s+"));
  if (!usable.length) { frag.append(text); return frag; }
  const rx = new RegExp("(^|[^0-9A-Za-z])(" + usable.join("|") + ")", "gi");
  let last = 0;
  for (const m of text.matchAll(rx)) {
    const start = m.index + m[1].length;
    frag.append(text.slice(last, start), el("mark", null, m[2]));
    last = start + m[2].length;
  }
  frag.append(text.slice(last));
  return frag;
}

function snippet(text, words) {
  if (!text) return "";
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    const k = lower.search(new RegExp("(^|[^0-9a-z])" + escapeRegExp(w)));
    if (k >= 0 && (at < 0 || k < at)) at = k;
  }
  if (text.length <= 260 || at < 80) return text.length > 220 ? text.slice(0, 220).replace(/\s+\S*$/, "") + "…" : text;
  const start = text.lastIndexOf(" ", at - 60) + 1;
  const piece = text.slice(start, start + 220);
  return "…" + (start + 220 < text.length ? piece.replace(/\s+\S*$/, "") + "…" : piece);
}

function resultItem(r, words) {
  const d = r.doc;
  const href = new URL(d.location, ROOT).href;
  const title = r.go ? el("span", { class: "mappa-search-go" }, r.go) : marked(d.title, words);
  const context = [KIND_LABEL[d.kind] || "", d.context].filter(Boolean).join(" · ");
  const body = snippet(d.text, words);
  const article = el("article", { class: "md-search-result__article md-typeset" },
    el("p", { class: "mappa-search-title" }, title),
    context ? el("p", { class: "mappa-search-context" }, context) : null,
    body ? el("p", { class: "mappa-search-snippet" }, marked(body, words)) : null);
  const link = el("a", { href, class: "md-search-result__link" }, article);
  return el("li", { class: "md-search-result__item" + (r.go ? " mappa-search-item--go" : "") }, link);
}

// -- the search box --------------------------------------------------------------------------

function setUp(root, toggle) {
  const form = root.querySelector("[data-mappa-search-form]");
  const input = root.querySelector("input");
  const status = root.querySelector(".mappa-search-status");
  const list = root.querySelector(".md-search-result__list");
  const initial = status.textContent;
  let seq = 0;
  let shown = "";
  let quietFocus = false;

  const open = () => { if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); } };
  const close = () => { if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); } };
  const links = () => Array.from(list.querySelectorAll("a"));

  function start() {
    if (!loading) status.textContent = "Loading the search…";
    return loadIndex().then((index) => {
      if (status.textContent === "Loading the search…") status.textContent = initial;
      return index;
    }, (err) => {
      status.textContent = "Search is not available: its index could not be loaded (" + err.message + "). Try again later.";
      throw err;
    });
  }

  function run() {
    const query = input.value;
    const mine = ++seq;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = initial;
      shown = "";
      return Promise.resolve(null);
    }
    return start().then((index) => {
      if (mine !== seq) return null;
      const { results, words, partial } = search(index, query);
      const items = [];
      let n = 0;
      for (const r of results) {
        if (r.missing) { items.push(el("li", { class: "md-search-result__item mappa-search-missing" }, el("p", null, r.missing))); continue; }
        if (n++ < MAX_RESULTS) items.push(resultItem(r, words));
      }
      list.replaceChildren(...items);
      const total = results.filter((r) => r.doc).length;
      shown = query;
      const first = results.find((r) => r.doc);
      status.textContent = total === 0
        ? "No results. Try fewer words, another word, or a paragraph number such as 20.3."
        : (total === 1 ? "1 result" : total > MAX_RESULTS ? `${total} results, the best ${MAX_RESULTS} shown` : `${total} results`)
          + (partial ? " with some of your words" : "") + ". Enter opens the first: " + (first.go || first.doc.title);
      return results;
    }, () => null);
  }

  input.addEventListener("focus", () => {
    if (quietFocus) { quietFocus = false; return; }
    open();
    start().catch(() => {});
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== input) {
      start().catch(() => {});
      setTimeout(() => input.focus(), 50); // after the overlay's transition has started
    }
  });
  let timer = null;
  input.addEventListener("input", () => {
    open();
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => { run(); input.focus(); }, 0);
  });

  function go() {
    const ready = shown === input.value ? Promise.resolve() : (clearTimeout(timer), run());
    ready.then(() => {
      const first = links()[0];
      if (first) first.click();
    });
  }

  root.addEventListener("keydown", (e) => {
    const items = links();
    const at = items.indexOf(document.activeElement);
    if (e.key === "Enter" && document.activeElement === input) {
      e.preventDefault();
      go();
    } else if (e.key === "ArrowDown") {
      if (!items.length) return;
      e.preventDefault();
      items[Math.min(at + 1, items.length - 1)].focus();
    } else if (e.key === "ArrowUp") {
      if (at < 0) return;
      e.preventDefault();
      if (at === 0) input.focus(); else items[at - 1].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
      quietFocus = document.activeElement !== input;
      input.focus();
      quietFocus = false;
    }
  });
  // a result chosen: close the search (the link itself navigates; the query stays in the box only)
  list.addEventListener("click", (e) => {
    if (e.target.closest("a")) close();
  });
  // focus moving out of the search (Tab, Shift+Tab) closes it: at any width, or the open search
  // would cover the control that has the focus (WCAG 2.4.11)
  root.addEventListener("focusout", (e) => {
    if (e.relatedTarget && !root.contains(e.relatedTarget)) close();
  });
}
