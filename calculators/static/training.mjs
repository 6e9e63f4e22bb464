// Training links: a calculator's answers carried in the URL fragment (#answers= and the answers as
// JSON, URI-encoded), which the browser never sends to the server.  Reading one refuses, at once and
// visibly, a link that is too big or has a list longer than its question allows (a link must never
// freeze the tab); the fragment leaves the address bar as soon as it has been read.
import { el } from "./dom.mjs";

export const PREFIX = "#answers=";
export const MAX_FRAGMENT = 64 * 1024; // characters of the fragment, as it is in the address bar

// The first list answer longer than its question allows: {label, length, max}, or null.
function overlongList(questions, answers) {
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) return null;
  for (const q of questions) {
    if (q.type !== "list" || !Array.isArray(answers[q.id])) continue;
    const items = answers[q.id];
    const max = Number(q.max_items || 50);
    if (items.length > max) return { label: q.item_label || "item", length: items.length, max };
    for (const item of items) {
      const deeper = overlongList(q.fields || [], item);
      if (deeper) return deeper;
    }
  }
  return null;
}

function plural(n, word) {
  return n.toLocaleString("en-GB") + " " + word + (n === 1 ? "" : "s");
}

function tooLong(length) {
  return { error: "This training link is too long to use (" + Math.round(length / 1024).toLocaleString("en-GB") +
    " KB; the most a link can hold is 64 KB). Nothing was filled in. Ask whoever sent it for a shorter one." };
}

// The answers of the training link in the address bar: null when there is none, else {answers}
// or {error: what to tell the person}.  Removes the fragment from the address bar either way.
// (guard.js, the first script of a calculator page, has already taken out a link over 64 KB.)
export function readTrainingLink(questions) {
  const refused = document.documentElement.getAttribute("data-mappa-refused-link");
  if (refused) {
    document.documentElement.removeAttribute("data-mappa-refused-link");
    return tooLong(Number(refused));
  }
  const hash = location.hash;
  if (!hash.startsWith(PREFIX)) return null;
  history.replaceState(history.state, "", location.pathname + location.search);
  if (hash.length > MAX_FRAGMENT) return tooLong(hash.length);
  let answers;
  try {
    answers = JSON.parse(decodeURIComponent(hash.slice(PREFIX.length)));
  } catch (err) {
    answers = undefined;
  }
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
    return { error: "This training link is broken: its answers could not be read. Nothing was filled in. " +
      "Check that the whole link was copied." };
  }
  const long = overlongList(questions, answers);
  if (long) {
    return { error: "This training link has " + plural(long.length, long.label) + "; this calculator takes at most " +
      plural(long.max, long.label) + ". Nothing was filled in." };
  }
  return { answers };
}

// The link that fills this page with these answers.
export function trainingLink(answers) {
  return location.origin + location.pathname + PREFIX + encodeURIComponent(JSON.stringify(answers));
}

// Show a message in the banner at the top of the form (a status region: read out, and seen).
export function showBanner(banner, text, isError) {
  banner.classList.toggle("mappa-banner--error", Boolean(isError));
  banner.replaceChildren(el("p", { text }));
  banner.hidden = false;
}

// "Make a training link": the link in a read-only box, selected, with a "Copy link" button.
export function share(root, answers) {
  const box = root.querySelector(".mappa-share");
  box.hidden = false;
  const input = box.querySelector("input");
  input.value = trainingLink(answers);
  box.querySelector(".mappa-copied").textContent = "";
  input.focus();
  input.select();
}

// "Copy link": the clipboard when the browser allows it, else the selection; says which, visibly.
export async function copyLink(root) {
  const box = root.querySelector(".mappa-share");
  const input = box.querySelector("input");
  const said = box.querySelector(".mappa-copied");
  let copied = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    }
  } catch (err) {
    copied = false;
  }
  if (!copied) {
    input.focus();
    input.select();
    try { copied = document.execCommand("copy"); } catch (err) { copied = false; }
  }
  said.textContent = copied ? "Link copied. Paste it where your trainees will find it."
    : "This browser did not let the page copy the link. It is selected: copy it with Ctrl+C (or Cmd+C).";
}
