// Keeping a record: the printable decision record and the JSON download.  The record is HTML made
// by the renderer (mappa_answers.render_record, in the worker); the case reference and the name
// typed on the page are copied into its blank lines when printing.  Nothing is stored: the
// download is a Blob URL, and what is typed stays in the page.
import { el, todayIso } from "./dom.mjs";

export function showRecord(root, html) {
  root.querySelector(".mappa-record").innerHTML = html || ""; // escaped by the renderer
}

// What was typed in "Case reference" and "Completed by", into the record's blank lines.
export function fillBlanks(root) {
  for (const blank of root.querySelectorAll(".mappa-record [data-fill]")) {
    const input = root.querySelector('[data-record-field="' + CSS.escape(blank.dataset.fill) + '"]');
    blank.textContent = input ? input.value.trim() : "";
  }
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
