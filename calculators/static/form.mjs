// The calculator form: read the answers of the questions shown (showing and hiding as it goes),
// fill the form from answers (a training link), and the repeatable groups (lists).
import { domId, todayIso } from "./dom.mjs";

function holds(when, answers) {
  const value = answers[when.question];
  const hit = Array.isArray(value) ? value.some((v) => when.values.includes(v)) : when.values.includes(value);
  return hit !== Boolean(when.negate);
}

export function findQuestion(form, name) {
  return form.querySelector('.mappa-q[data-name="' + CSS.escape(name) + '"]');
}

export function listItems(container) {
  const ol = container.querySelector("ol.mappa-items");
  return ol ? Array.from(ol.children).filter((li) => li.classList.contains("mappa-item")) : [];
}

function readValue(q, container, name, notNeeded) {
  switch (q.type) {
    case "yesno":
    case "choice": {
      const checked = container.querySelector('input[name="' + CSS.escape(name) + '"]:checked');
      return checked ? checked.value : undefined;
    }
    case "multi": {
      const values = Array.from(container.querySelectorAll('input[name="' + CSS.escape(name) + '"]:checked')).map((i) => i.value);
      return values.length ? values : undefined;
    }
    case "date": {
      const part = (p) => (container.querySelector('input[data-part="' + p + '"]').value || "").trim();
      const d = part("day"), m = part("month"), y = part("year");
      if (!d && !m && !y) return undefined;
      if (/^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)) {
        return y + "-" + m.padStart(2, "0") + "-" + d.padStart(2, "0");
      }
      return [y, m, d].join("-"); // not a date: the rule module says what is wrong
    }
    case "number":
    case "text": {
      const input = container.querySelector('[name="' + CSS.escape(name) + '"]');
      const v = input ? input.value : "";
      return v.trim() ? v : undefined;
    }
    case "list": {
      return listItems(container).map((li, i) => collect(q.fields, container.closest("form"), name + "." + i + ".", notNeeded).answers);
    }
    default:
      return undefined;
  }
}

// Answers of the questions shown (hidden ones are not sent), showing and hiding as it goes.  A
// question the engine reported as not needed (``notNeeded``: names) is hidden too, but its answer is
// still sent: the rule module ignores it, and it counts again as soon as it matters again.
export function collect(questions, form, prefix, notNeeded) {
  const answers = {};
  const shownNames = [];
  for (const q of questions) {
    const name = prefix + q.id;
    const container = findQuestion(form, name);
    if (!container) continue;
    const shown = (q.when || []).every((w) => holds(w, answers));
    const visible = shown && !(notNeeded && notNeeded.has(name));
    if (container.hidden === visible) container.hidden = !visible;
    if (!shown) continue;
    if (visible) shownNames.push(name);
    const value = readValue(q, container, name, notNeeded);
    if (value !== undefined) answers[q.id] = value;
  }
  return { answers, shownNames };
}

// The answers without those of questions that do not matter (for a link or a download).
export function withoutNotNeeded(answers, notNeeded, prefix = "") {
  const out = {};
  for (const [key, value] of Object.entries(answers || {})) {
    if (notNeeded.has(prefix + key)) continue;
    out[key] = Array.isArray(value) && value.length && typeof value[0] === "object"
      ? value.map((item, i) => withoutNotNeeded(item, notNeeded, prefix + key + "." + i + "."))
      : value;
  }
  return out;
}

// Date questions about "now" (default_today) start with today's date, shown and editable.
export function fillToday(questions, form, prefix) {
  const today = todayIso().split("-");
  for (const q of questions) {
    const container = findQuestion(form, prefix + q.id);
    if (!container) continue;
    if (q.type === "list") {
      listItems(container).forEach((li, i) => fillToday(q.fields, form, prefix + q.id + "." + i + "."));
      continue;
    }
    if (q.type !== "date" || !q.default_today) continue;
    const parts = ["year", "month", "day"].map((p) => container.querySelector('input[data-part="' + p + '"]'));
    if (parts.some((input) => !input || input.value)) continue;
    parts.forEach((input, i) => { input.value = String(Number(today[i])); });
  }
}

export function fill(questions, form, prefix, answers) {
  if (!answers || typeof answers !== "object") return;
  for (const q of questions) {
    const name = prefix + q.id;
    const container = findQuestion(form, name);
    if (!container || !(q.id in answers)) continue;
    const value = answers[q.id];
    if (q.type === "yesno" || q.type === "choice" || q.type === "multi") {
      const wanted = Array.isArray(value) ? value.map(String) : [String(value)];
      for (const input of container.querySelectorAll('input[name="' + CSS.escape(name) + '"]')) {
        input.checked = wanted.includes(input.value);
      }
    } else if (q.type === "date") {
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(String(value));
      const set = (p, v) => { container.querySelector('input[data-part="' + p + '"]').value = v; };
      if (m) { set("day", String(Number(m[3]))); set("month", String(Number(m[2]))); set("year", m[1]); }
    } else if (q.type === "number" || q.type === "text") {
      const input = container.querySelector('[name="' + CSS.escape(name) + '"]');
      if (input) input.value = value === null ? "" : String(value);
    } else if (q.type === "list" && Array.isArray(value)) {
      const max = Number(container.querySelector("ol.mappa-items").dataset.max || 50);
      while (listItems(container).length < Math.min(value.length, max)) addItem(container, false);
      while (listItems(container).length > value.length) removeItem(container, listItems(container).length - 1, false);
      value.forEach((item, i) => fill(q.fields, form, name + "." + i + ".", item));
    }
  }
}

// --- repeatable groups (lists) ---

function renumber(container) {
  const listName = container.dataset.name;
  listItems(container).forEach((li, j) => {
    const old = li.dataset.index;
    if (String(old) === String(j)) return;
    const fromName = listName + "." + old + ".";
    const toName = listName + "." + j + ".";
    const fromId = domId(listName) + "-" + old + "-";
    const toId = domId(listName) + "-" + j + "-";
    for (const node of [li, ...li.querySelectorAll("*")]) {
      for (const attr of ["name", "id", "for", "aria-describedby", "data-name"]) {
        const v = node.getAttribute(attr);
        if (v && (v.includes(fromName) || v.includes(fromId))) {
          node.setAttribute(attr, v.split(fromName).join(toName).split(fromId).join(toId));
        }
      }
    }
    li.dataset.index = String(j);
    const number = li.querySelector(".mappa-item-number");
    if (number) number.textContent = String(j + 1);
  });
  updateListButtons(container);
}

export function updateListButtons(container) {
  const ol = container.querySelector("ol.mappa-items");
  const count = listItems(container).length;
  const min = Number(ol.dataset.min || 0);
  const max = Number(ol.dataset.max || 50);
  const add = container.querySelector(".mappa-add");
  const label = container.dataset.itemLabel || add.dataset.itemLabel || "";
  if (add) {
    add.hidden = count >= max;
    if (!add.dataset.itemLabel) add.dataset.itemLabel = add.textContent.replace(/^Add (another|a) /, "");
    add.textContent = (count ? "Add another " : "Add a ") + (add.dataset.itemLabel || label);
  }
  for (const li of listItems(container)) {
    const remove = li.querySelector(":scope > fieldset > .mappa-remove");
    if (remove) remove.hidden = count <= min;
  }
}

export function addItem(container, focus) {
  const ol = container.querySelector("ol.mappa-items");
  const template = container.querySelector("template.mappa-item-template");
  const i = listItems(container).length;
  const html = template.innerHTML.split("__i__").join(String(i)).split("__n__").join(String(i + 1));
  const holder = document.createElement("ol");
  holder.innerHTML = html; // our own template, from the build: no user data in it
  const li = holder.querySelector("li.mappa-item");
  ol.append(li);
  updateListButtons(container);
  if (focus) {
    const first = li.querySelector("input, select, textarea");
    if (first) first.focus();
  }
  return li;
}

export function removeItem(container, index, focus) {
  const items = listItems(container);
  const li = items[index];
  if (!li) return;
  li.remove();
  renumber(container);
  if (focus) {
    const rest = listItems(container);
    const target = rest[Math.min(index, rest.length - 1)];
    const next = target ? target.querySelector("input, select, textarea") : container.querySelector(".mappa-add");
    if (next) next.focus();
  }
}
