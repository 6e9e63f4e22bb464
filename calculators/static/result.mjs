// The answer panel.  The answer itself is HTML made by the one renderer (mappa_answers, in Python,
// in the worker: every text already escaped there); this module only puts it in place, and tells
// screen readers when it changed, once, in a short sentence.
import { el } from "./dom.mjs";

// Show an answer: out = {result, html, summary} from the engine.  Announces out.summary only when it
// differs from what was announced last (returned, for the next call).
export function showAnswer(resultBody, live, out, announced) {
  resultBody.dataset.state = "ok";
  resultBody.dataset.outcome = out.result.outcome;
  resultBody.innerHTML = out.html; // mappa_answers.render_answer: escaped by the renderer
  // new content on the page: the site's script makes its abbreviations' meanings tooltips (site.mjs)
  resultBody.dispatchEvent(new CustomEvent("mappa:content", { bubbles: true }));
  if (out.summary && out.summary !== announced) {
    live.textContent = out.summary;
    return out.summary;
  }
  return announced;
}

// No answer: a short message in place of the answer (state: waiting, incomplete, empty, failed).
export function showMessage(resultBody, state, text) {
  resultBody.dataset.state = state;
  delete resultBody.dataset.outcome;
  resultBody.replaceChildren(el("p", { text }));
}
