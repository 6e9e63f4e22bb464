// One calculator on the page: binds its form to the engine, shows the answer as the answers change,
// and errors the way the GOV.UK Design System does: at a question once the person has left it (or
// picked an option), and in the summary at the top only when they ask for the answer.  Typing never
// changes an error message or the summary (which is read out as an alert); a fixed error's line
// leaves the summary quietly.
import { el, domId, nowIso } from "./dom.mjs";
import { engineState, evaluateAndRender, onState } from "./engine.mjs";
import { addItem, collect, fill, fillToday, findQuestion, listItems, removeItem, updateListButtons,
  withoutNotNeeded } from "./form.mjs";
import { showAnswer, showMessage } from "./result.mjs";
import { download, fillBlanks, showRecord } from "./record.mjs";
import { copyLink, readTrainingLink, share, showBanner } from "./training.mjs";
import { showEngineState } from "./engine-status.mjs";
import { showReadAs } from "./read-as.mjs";

const DEBOUNCE_MS = 150;

export function bind(root) {
  if (root.dataset.bound) return;
  root.dataset.bound = "1";
  const calculatorId = root.dataset.calculator;
  // the declarations ride in an attribute: Material re-creates <script> elements on navigation
  const questions = JSON.parse(root.dataset.questions);
  const form = root.querySelector("form.mappa-form");
  const status = root.querySelector(".mappa-status");
  const summary = root.querySelector(".mappa-error-summary");
  const banner = root.querySelector(".mappa-banner");
  const jump = root.querySelector(".mappa-jump");
  const resultTitle = root.querySelector(".mappa-result h2");
  const resultBody = root.querySelector(".mappa-result-body");
  const live = root.querySelector(".mappa-live");
  const touched = new Set(); // questions whose errors may show at the question
  let notNeeded = new Set(); // questions the engine said cannot change the answer: hidden
  let submitted = false;
  let seq = 0;
  let debounce = null;
  let wanted = { fields: false, summary: false, focus: false }; // what the next answer should also do
  let announced = "";
  let last = { answers: {}, result: null };

  const read = () => collect(questions, form, "", notNeeded);

  for (const list of form.querySelectorAll('.mappa-q[data-type="list"]')) updateListButtons(list);

  function showState(s) {
    if (!root.isConnected) return false;
    showEngineState(root, s);
    return true;
  }
  const unsubscribe = onState((s, m) => { if (!showState(s, m)) unsubscribe(); });
  showState(engineState());

  function questionText(name) {
    const container = findQuestion(form, name);
    if (!container) return "";
    const legend = container.querySelector(":scope > fieldset > legend, :scope > label");
    let text = legend ? legend.textContent.replace(/\s*\(optional\)\s*$/, "").trim() : "";
    const item = container.closest("li.mappa-item");
    if (item) {
      const itemLegend = item.querySelector(":scope > fieldset > legend");
      if (itemLegend) text = itemLegend.textContent.trim() + ", " + text;
    }
    return text;
  }

  // the question an error belongs to: the field itself, or the nearest enclosing one
  function errorContainer(field) {
    let name = field;
    while (name) {
      const c = findQuestion(form, name);
      if (c && !c.hidden) return c;
      const cut = name.lastIndexOf(".");
      if (cut < 0) break;
      name = name.slice(0, cut);
    }
    return null;
  }

  function clearFieldError(container) {
    const p = container.querySelector("#" + CSS.escape(domId(container.dataset.name) + "-error"));
    if (p) { p.hidden = true; p.textContent = ""; }
    container.classList.remove("mappa-q--error");
    for (const i of container.querySelectorAll('[aria-invalid][name="' + CSS.escape(container.dataset.name) + '"]')) {
      i.removeAttribute("aria-invalid");
    }
  }

  // Errors at the questions: `errors` for the questions in `names` (the others keep what they show,
  // except that an error which is gone is cleared everywhere).
  function showFieldErrors(errors, names) {
    const byContainer = new Map();
    for (const e of errors) {
      const c = e.field ? errorContainer(e.field) : null;
      if (c) byContainer.set(c, (byContainer.get(c) || []).concat(e.message));
    }
    for (const c of form.querySelectorAll(".mappa-q--error")) {
      if (!byContainer.has(c) || names.has(c.dataset.name)) clearFieldError(c);
    }
    for (const [c, messages] of byContainer) {
      const name = c.dataset.name;
      if (!names.has(name) || c.classList.contains("mappa-q--error")) continue;
      const p = c.querySelector("#" + CSS.escape(domId(name) + "-error"));
      if (p) p.replaceChildren(el("span", { class: "mappa-visually-hidden", text: "Error: " }), messages.join(" "));
      if (p) p.hidden = false;
      c.classList.add("mappa-q--error");
      for (const input of c.querySelectorAll('[name="' + CSS.escape(name) + '"]')) input.setAttribute("aria-invalid", "true");
    }
  }

  // The summary at the top, made afresh (only when the person asks for the answer).
  function showSummary(errors, focus) {
    const list = summary.querySelector(".mappa-error-list");
    list.replaceChildren();
    for (const e of errors) {
      const container = e.field ? errorContainer(e.field) : null;
      const label = container ? questionText(container.dataset.name) : "";
      const text = (label ? label + ": " : "") + e.message;
      const target = container ? domId(container.dataset.name) : null;
      list.append(el("li", { "data-name": container ? container.dataset.name : "" },
        target ? el("a", { href: "#" + target, "data-target": target, text }) : text));
    }
    summary.hidden = !errors.length;
    if (errors.length && focus) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  // While the person types: a line whose question no longer has an error leaves the summary
  // (a removal is not read out), and an empty summary goes.
  function pruneSummary(errors) {
    if (summary.hidden) return;
    const still = new Set(errors.map((e) => { const c = e.field ? errorContainer(e.field) : null; return c ? c.dataset.name : ""; }));
    for (const li of summary.querySelectorAll(".mappa-error-list > li")) {
      if (!still.has(li.dataset.name)) li.remove();
    }
    if (!summary.querySelector(".mappa-error-list > li")) summary.hidden = true;
  }

  function focusField(target) {
    const node = document.getElementById(target);
    if (!node) return;
    const input = node.matches("input, textarea, select") ? node : node.querySelector("input, textarea, select");
    node.scrollIntoView({ block: "center" });
    if (input) input.focus();
  }

  function focusAnswer() {
    resultTitle.setAttribute("tabindex", "-1");
    resultTitle.focus();
    resultTitle.scrollIntoView({ block: "start" });
  }

  function schedule(also) {
    wanted = { fields: wanted.fields || Boolean(also && also.fields), summary: wanted.summary || Boolean(also && also.summary),
      focus: wanted.focus || Boolean(also && also.focus) };
    clearTimeout(debounce);
    debounce = setTimeout(update, also && also.now ? 0 : DEBOUNCE_MS);
  }

  async function update() {
    if (!root.isConnected) return;
    const { answers } = read();
    const mine = ++seq;
    if (engineState() !== "ready" && engineState() !== "failed") {
      showMessage(resultBody, "waiting", "Working out the answer as soon as the calculator engine is ready.");
    }
    let out;
    try {
      out = await evaluateAndRender(calculatorId, answers, nowIso());
    } catch (err) {
      return; // the state message says what went wrong
    }
    if (mine !== seq || !root.isConnected) return; // a newer request is on its way
    const also = wanted;
    wanted = { fields: false, summary: false, focus: false };
    const result = out.result;
    showReadAs(form, result.read_as);
    last = { answers, result };
    const before = notNeeded;
    notNeeded = new Set(result.not_needed || []);
    read(); // hide what is not needed now, show what matters again
    const back = questionsBack(before);
    showRecord(root, out.record);
    if (result.ok) {
      showFieldErrors([], new Set());
      summary.hidden = true;
      const said = announced;
      announced = showAnswer(resultBody, live, out, announced);
      jump.hidden = false;
      if (back.length) sayQuestionsBack(back, announced !== said);
      if (also.focus) focusAnswer();
      return;
    }
    if (back.length) sayQuestionsBack(back, false);
    const errors = result.errors || [];
    const all = () => new Set(Array.from(form.querySelectorAll(".mappa-q"), (c) => c.dataset.name));
    if (also.fields) showFieldErrors(errors, submitted ? all() : touched);
    else showFieldErrors(errors, new Set());
    if (also.summary) showSummary(errors, also.focus);
    else pruneSummary(errors);
    jump.hidden = true;
    const n = errors.length;
    showMessage(resultBody, "incomplete", result.internal_error ? errors[0].message
      : (submitted ? "Correct the answers listed at the top of the form to see the answer."
        : "Answer the questions above to see the answer (" + n + " still to answer or correct)."));
  }

  // Questions the engine had hidden as not needed and that now matter again, shown: [container].
  function questionsBack(before) {
    const out = [];
    for (const name of before) {
      if (notNeeded.has(name)) continue;
      const c = findQuestion(form, name);
      if (c && !c.hidden) out.push(c);
    }
    return out.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  // Says (in the live region, after the answer's own sentence if there is one this time) that a
  // question has come back, and where, so that a keyboard or screen reader user who has gone past
  // its place knows to go back to it.  The error summary lists it too when they ask for the answer.
  function sayQuestionsBack(containers, afterAnswer) {
    const focus = document.activeElement;
    const above = focus && form.contains(focus) && containers[0] !== focus.closest(".mappa-q")
      && Boolean(containers[0].compareDocumentPosition(focus) & Node.DOCUMENT_POSITION_FOLLOWING);
    const where = above ? " above" : "";
    const first = questionText(containers[0].dataset.name);
    const text = containers.length === 1
      ? `A question${where} now applies: ${first}`
      : `${containers.length} questions${where} now apply, starting with: ${first}`;
    live.textContent = (afterAnswer ? live.textContent + " " : "") + text;
  }

  // Every answer back to how the page started (today's date in the questions about now).
  function reset() {
    clearTimeout(debounce);
    form.reset();
    for (const list of form.querySelectorAll('.mappa-q[data-type="list"]')) {
      const min = Number(list.querySelector("ol.mappa-items").dataset.min || 0);
      while (listItems(list).length > min) removeItem(list, listItems(list).length - 1, false);
      updateListButtons(list);
    }
    touched.clear();
    notNeeded = new Set();
    submitted = false;
    seq++;
    wanted = { fields: false, summary: false, focus: false };
    showFieldErrors([], new Set());
    summary.hidden = true;
    banner.hidden = true;
    jump.hidden = true;
    fillToday(questions, form, "");
    read();
    showMessage(resultBody, "empty", "Answer the questions above to see the answer here.");
    showRecord(root, "");
    last = { answers: {}, result: null };
  }

  function clearAll() {
    reset();
    for (const input of root.querySelectorAll("[data-record-field]")) input.value = "";
    const box = root.querySelector(".mappa-share");
    box.hidden = true;
    box.querySelector("input").value = "";
    if (location.hash.startsWith("#answers=")) history.replaceState(history.state, "", location.pathname + location.search);
    announced = "";
    live.textContent = "All answers cleared.";
    const first = form.querySelector("input, textarea, select");
    if (first) first.focus();
  }

  // A training link in the address bar fills the form (or says, visibly, why it cannot).
  function useTrainingLink() {
    const link = readTrainingLink(questions);
    if (!link) return;
    if (link.error) {
      showBanner(banner, link.error, true);
      return;
    }
    reset();
    fill(questions, form, "", link.answers);
    fillToday(questions, form, "");
    // Only the questions the link answers count as answered: a link that fills some of the form (a
    // task page's link) leaves the rest to answer, without a list of errors for questions not yet reached.
    const given = new Set(Object.keys(link.answers));
    for (const c of form.querySelectorAll(".mappa-q")) {
      if (given.has(c.dataset.name.split(".")[0])) touched.add(c.dataset.name);
    }
    showBanner(banner, "This page was filled in from a training link. Change any answer to see what " +
      "difference it makes, or clear all answers to start again.", false);
    read();
    schedule({ fields: true, now: true });
  }

  // the innermost question a control belongs to
  const questionOf = (node) => node && node.closest && node.closest(".mappa-q");

  form.addEventListener("input", () => { read(); schedule(); });
  form.addEventListener("change", (e) => {
    // picking an option is finishing that question; a text box's change waits for leaving it
    if (e.target.matches('input[type="radio"], input[type="checkbox"]')) {
      const q = questionOf(e.target);
      if (q) touched.add(q.dataset.name);
      read();
      schedule({ fields: true });
    }
  });
  form.addEventListener("focusout", (e) => {
    const q = questionOf(e.target);
    if (!q || (e.relatedTarget && q.contains(e.relatedTarget))) return; // still in the same question
    if (!e.target.matches("input, textarea, select")) return;
    touched.add(q.dataset.name);
    schedule({ fields: true });
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submitted = true;
    schedule({ fields: true, summary: true, focus: true, now: true });
  });
  jump.addEventListener("click", (e) => { e.preventDefault(); focusAnswer(); });
  root.addEventListener("click", (e) => {
    const add = e.target.closest(".mappa-add");
    if (add) {
      const list = add.closest('.mappa-q[data-type="list"]');
      const li = addItem(list, true);
      const q = questions.find((x) => x.id === list.dataset.q);
      if (q) fillToday(q.fields, form, list.dataset.name + "." + li.dataset.index + ".");
      read();
      schedule();
      return;
    }
    const remove = e.target.closest(".mappa-remove");
    if (remove) {
      const list = remove.closest('.mappa-q[data-type="list"]');
      const li = remove.closest("li.mappa-item");
      removeItem(list, listItems(list).indexOf(li), true);
      read();
      schedule();
      return;
    }
    const link = e.target.closest(".mappa-error-summary a[data-target]");
    if (link) {
      e.preventDefault();
      e.stopPropagation();
      focusField(link.dataset.target);
      return;
    }
    const action = e.target.closest("[data-action]");
    if (!action) return;
    const what = action.dataset.action;
    if (what === "clear") clearAll();
    else if (what === "print") printRecord();
    else if (what === "download") download(root, withoutNotNeeded(read().answers, notNeeded), last.result);
    else if (what === "share") share(root, withoutNotNeeded(read().answers, notNeeded));
    else if (what === "copy") copyLink(root);
  });

  // The record with the time of printing, the case reference and the name typed on the page.
  async function printRecord() {
    try {
      const { answers } = read();
      const out = await evaluateAndRender(calculatorId, answers, nowIso());
      showRecord(root, out.record);
    } catch (err) {
      // the engine could not start: print what there is
    }
    fillBlanks(root);
    window.print();
  }

  fillToday(questions, form, "");
  read();
  useTrainingLink();
  // a training link pasted into the address bar of this same page changes only the fragment
  const onHash = () => { if (root.isConnected) useTrainingLink(); else window.removeEventListener("hashchange", onHash); };
  window.addEventListener("hashchange", onHash);
  root.mappaForm = { update: () => schedule({ now: true }), collect: () => read().answers };
}
