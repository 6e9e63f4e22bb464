// One calculator on the page: binds its form to the engine, shows errors at the fields and in the
// summary, and the answer as the answers change.
import { el, domId } from "./dom.mjs";
import { engineState, evaluate, onState } from "./engine.mjs";
import { addItem, collect, fill, findQuestion, listItems, removeItem, updateListButtons } from "./form.mjs";
import { renderResult } from "./result.mjs";
import { download, renderRecord, share } from "./record.mjs";
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
  const resultBody = root.querySelector(".mappa-result-body");
  const live = root.querySelector(".mappa-live");
  const touched = new Set();
  let submitted = false;
  let seq = 0;
  let debounce = null;
  let last = { answers: {}, result: null };

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

  function clearErrors() {
    for (const p of form.querySelectorAll(".mappa-error-message")) { p.hidden = true; p.textContent = ""; }
    for (const c of form.querySelectorAll(".mappa-q--error")) c.classList.remove("mappa-q--error");
    for (const i of form.querySelectorAll("[aria-invalid]")) i.removeAttribute("aria-invalid");
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

  function showErrors(errors, withSummary, focusSummary) {
    clearErrors();
    const list = summary.querySelector(".mappa-error-list");
    list.replaceChildren();
    for (const e of errors) {
      const container = e.field ? errorContainer(e.field) : null;
      if (container) {
        const name = container.dataset.name;
        const p = container.querySelector("#" + CSS.escape(domId(name) + "-error"));
        if (p) {
          p.hidden = false;
          if (p.textContent) p.append(" ");
          else p.append(el("span", { class: "mappa-visually-hidden", text: "Error: " }));
          p.append(e.message);
        }
        container.classList.add("mappa-q--error");
        for (const input of container.querySelectorAll('[name="' + CSS.escape(name) + '"]')) input.setAttribute("aria-invalid", "true");
      }
      if (withSummary) {
        const label = container ? questionText(container.dataset.name) : "";
        const text = (label ? label + ": " : "") + e.message;
        const target = container ? domId(container.dataset.name) : null;
        list.append(el("li", null, target ? el("a", { href: "#" + target, "data-target": target, text }) : text));
      }
    }
    summary.hidden = !(withSummary && errors.length);
    if (withSummary && errors.length && focusSummary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  function focusField(target) {
    const node = document.getElementById(target);
    if (!node) return;
    const input = node.matches("input, textarea, select") ? node : node.querySelector("input, textarea, select");
    node.scrollIntoView({ block: "center" });
    if (input) input.focus();
  }

  function schedule() {
    clearTimeout(debounce);
    debounce = setTimeout(() => update(false), DEBOUNCE_MS);
  }

  async function update(focusSummary) {
    if (!root.isConnected) return;
    const { answers } = collect(questions, form, "");
    const mine = ++seq;
    if (engineState() !== "ready" && engineState() !== "failed") {
      resultBody.dataset.state = "waiting";
      resultBody.replaceChildren(el("p", { text: "Working out the answer as soon as the calculator engine is ready." }));
    }
    let result;
    try {
      result = await evaluate(calculatorId, answers);
    } catch (err) {
      return; // the state message says what went wrong
    }
    if (mine !== seq || !root.isConnected) return; // a newer request is on its way
    showReadAs(form, result.read_as);
    last = { answers, result };
    if (result.ok) {
      showErrors([], false, false);
      renderResult(resultBody, live, result);
      renderRecord(root, questions, answers, result);
      return;
    }
    const errors = result.errors || [];
    const visible = submitted ? errors : errors.filter((e) => !e.field || touched.has(e.field));
    showErrors(visible, submitted, focusSummary);
    resultBody.dataset.state = "incomplete";
    const n = errors.length;
    resultBody.replaceChildren(el("p", {
      text: result.internal_error ? errors[0].message
        : (submitted ? "Correct the answers listed at the top of the form to see the answer."
          : "Answer the questions above to see the answer (" + n + " still to answer or correct)."),
    }));
    renderRecord(root, questions, answers, null);
  }

  function clearAll() {
    clearTimeout(debounce);
    form.reset();
    for (const list of form.querySelectorAll('.mappa-q[data-type="list"]')) {
      const min = Number(list.querySelector("ol.mappa-items").dataset.min || 0);
      while (listItems(list).length > min) removeItem(list, listItems(list).length - 1, false);
      updateListButtons(list);
    }
    touched.clear();
    submitted = false;
    seq++;
    clearErrors();
    summary.hidden = true;
    collect(questions, form, "");
    resultBody.dataset.state = "empty";
    resultBody.replaceChildren(el("p", { text: "Answer the questions above to see the answer here." }));
    root.querySelector(".mappa-record").replaceChildren();
    const share = root.querySelector(".mappa-share");
    share.hidden = true;
    share.querySelector("input").value = "";
    last = { answers: {}, result: null };
    if (location.hash.startsWith("#answers=")) history.replaceState(history.state, "", location.pathname + location.search);
    live.textContent = "All answers cleared.";
    const first = form.querySelector("input, textarea, select");
    if (first) first.focus();
  }

  form.addEventListener("input", (e) => {
    const t = e.target.closest("[name]");
    if (t) touched.add(t.getAttribute("name"));
    collect(questions, form, "");
    schedule();
  });
  form.addEventListener("change", (e) => {
    const t = e.target.closest("[name]");
    if (t) touched.add(t.getAttribute("name"));
    collect(questions, form, "");
    schedule();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submitted = true;
    clearTimeout(debounce);
    update(true);
  });
  root.addEventListener("click", (e) => {
    const add = e.target.closest(".mappa-add");
    if (add) {
      const list = add.closest('.mappa-q[data-type="list"]');
      addItem(list, true);
      collect(questions, form, "");
      schedule();
      return;
    }
    const remove = e.target.closest(".mappa-remove");
    if (remove) {
      const list = remove.closest('.mappa-q[data-type="list"]');
      const li = remove.closest("li.mappa-item");
      removeItem(list, listItems(list).indexOf(li), true);
      collect(questions, form, "");
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
    else if (what === "print") { renderRecord(root, questions, last.answers, last.result); window.print(); }
    else if (what === "download") download(root, collect(questions, form, "").answers, last.result);
    else if (what === "share") share(root, collect(questions, form, "").answers);
  });

  // a training link: answers in the URL fragment fill the form
  if (location.hash.startsWith("#answers=")) {
    try {
      const answers = JSON.parse(decodeURIComponent(location.hash.slice("#answers=".length)));
      fill(questions, form, "", answers);
      collect(questions, form, "");
      for (const input of form.querySelectorAll("[name]")) touched.add(input.getAttribute("name"));
      submitted = true;
    } catch (err) {
      live.textContent = "The link's answers could not be read.";
    }
  }
  collect(questions, form, "");
  if (submitted) update(false);
  root.mappaForm = { update: () => update(false), collect: () => collect(questions, form, "").answers };
}
