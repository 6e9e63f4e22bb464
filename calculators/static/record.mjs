// Keeping a record: the printable decision record, the JSON download and the training link.
// Nothing is stored: the download is a Blob URL, the training link carries the answers in the
// URL fragment, which the browser never sends to the server.
import { el, humanDate, todayIso } from "./dom.mjs";
import { paragraphLabel } from "./result.mjs";

function answerText(q, value) {
  if (value === undefined) return "";
  if (q.type === "yesno" || q.type === "choice" || q.type === "multi") {
    const labels = Object.fromEntries((q.choices || []).map((c) => [c.value, c.label]));
    return (Array.isArray(value) ? value : [value]).map((v) => labels[v] || v).join("; ");
  }
  if (q.type === "date") return humanDate(value);
  if (q.type === "number") return String(value) + (q.unit ? " " + q.unit : "");
  return String(value);
}

function answersList(qs, answers) {
  const dl = el("dl", { class: "mappa-record-answers" });
  for (const q of qs) {
    if (!(q.id in answers)) continue;
    dl.append(el("dt", { text: q.text }));
    if (q.type === "list") {
      const dd = el("dd");
      answers[q.id].forEach((item, i) => {
        dd.append(el("p", { text: (q.item_label || "item") + " " + (i + 1) }), answersList(q.fields, item));
      });
      dl.append(dd);
    } else {
      dl.append(el("dd", { text: answerText(q, answers[q.id]) }));
    }
  }
  return dl;
}

function paraNumbers(paras) {
  return paras && paras.length ? " (guidance " + paras.map(paragraphLabel).join(", ") + ")" : "";
}

export function renderRecord(root, questions, answers, result) {
  const record = root.querySelector(".mappa-record");
  const parts = [
    el("h2", { text: "Decision record: " + root.dataset.title }),
    el("p", { text: "Made with MAPPA Navigator on " + humanDate(todayIso()) + ". Guidance: " + root.dataset.edition + "." }),
    el("p", { class: "mappa-record-notice", text: "This is not legal advice. It records what the calculator said about the answers below; where the guidance leaves a decision to a person or a meeting, they decide." }),
    el("h3", { text: "Answers" }),
    answersList(questions, answers),
  ];
  if (result && result.ok) {
    parts.push(el("h3", { text: "Outcome" }), el("p", { text: result.answer + " (" + result.outcome + ")" }));
    const block = (title, items, text) => {
      if (!items || !items.length) return;
      const ul = el("ul");
      items.forEach((i) => ul.append(el("li", { text: text(i) })));
      parts.push(el("h3", { text: title }), ul);
    };
    block("Reasons", result.reasons, (r) => r.text + paraNumbers(r.paras));
    block("Where the guidance is unclear", result.flags, (f) => f.text + paraNumbers(f.paras) +
      (f.readings && f.readings.length ? " Readings: " + f.readings.map((r, i) => (i + 1) + ") " + r).join(" ") : ""));
    block("Take care", result.warnings, (w) => w.text + paraNumbers(w.paras));
    block("Who decides", result.deciders, (d) => d.who + " decides " + d.decides + (d.factors.length ? ", on: " + d.factors.join("; ") : "") + paraNumbers(d.paras));
    block("Dates", result.dates, (d) => d.label + ": " + (d.date ? humanDate(d.date) : "not worked out") + ". " + d.rule + paraNumbers(d.paras));
    block("Check outside the guidance", result.caveats, (c) => c.text + paraNumbers(c.paras));
    block("Checklist", result.items, (i) => (i.text || i.duty || i.label || i.title || i.action || i.name || JSON.stringify(i)) + paraNumbers(i.paras));
  } else {
    parts.push(el("p", { text: "No answer yet: some questions are unanswered or need correcting." }));
  }
  record.replaceChildren(...parts);
}

export function download(root, answers, result) {
  const calculatorId = root.dataset.calculator;
  const doc = {
    made_with: "MAPPA Navigator",
    calculator: calculatorId,
    title: root.dataset.title,
    guidance_edition: root.dataset.edition,
    date: todayIso(),
    notice: "This is not legal advice.",
    answers,
    result,
  };
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: "mappa-" + calculatorId + "-" + todayIso() + ".json", hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function share(root, answers) {
  const url = location.origin + location.pathname + "#answers=" + encodeURIComponent(JSON.stringify(answers));
  const box = root.querySelector(".mappa-share");
  box.hidden = false;
  const input = box.querySelector("input");
  input.value = url;
  input.focus();
  input.select();
}
