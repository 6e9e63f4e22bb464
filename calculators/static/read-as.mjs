// How the engine read each number answer ("read as 1,000 months"), shown beside the field, so
// that a number typed in an unusual way (with commas, leading zeros) is never silently misread.
// The engine's result carries it in `read_as` (field name -> text, mappa_rules.core.read_as).
import { domId } from "./dom.mjs";
import { findQuestion } from "./form.mjs";

export function showReadAs(form, readAs) {
  const seen = new Set();
  for (const [name, text] of Object.entries(readAs || {})) {
    const container = findQuestion(form, name);
    const box = container && container.querySelector(".mappa-number");
    if (!box) continue;
    const id = domId(name) + "-read";
    let note = box.querySelector(".mappa-read-as");
    if (!note) {
      note = document.createElement("span");
      note.className = "mappa-read-as";
      note.id = id;
      box.append(note);
      const input = box.querySelector("input");
      if (input) input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
    }
    if (note.textContent !== "read as " + text) note.textContent = "read as " + text;
    seen.add(note);
  }
  // a field left empty or in error: nothing read
  for (const note of form.querySelectorAll(".mappa-read-as")) {
    if (!seen.has(note)) note.textContent = "";
  }
}
