// The engine's state on a calculator page, in words: loading (with the bytes so far), ready, or
// why it cannot start.  The status line is a polite live region, so it says only what a person
// needs to hear once; the figures of the download sit in a <progress> beside it, and the technical
// detail of a failure (a file name, a browser error) sits in a closed <details> after it, outside
// the live region, so that no address or error text is read aloud.
//
// showEngineState(root, state) is called by calculator.mjs whenever the engine's state changes.
import { el } from "./dom.mjs";
import { failure, progress } from "./engine.mjs";

const LOADING = "Loading the calculator engine. You can start answering now: the answer appears when it is ready.";
const STARTING = "Starting the calculator engine. You can start answering now: the answer appears when it is ready.";
const READY = "Calculator ready. The answer updates as you answer the questions.";

function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}

// The element after the status line that holds the progress bar or the failure's detail.
function extra(root, status) {
  let box = root.querySelector(".mappa-engine-extra");
  if (!box) {
    box = el("div", { class: "mappa-engine-extra" });
    status.after(box);
  }
  return box;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text; // unchanged text is not announced again
}

export function showEngineState(root, state) {
  const status = root.querySelector(".mappa-status");
  const resultBody = root.querySelector(".mappa-result-body");
  if (!status) return;
  status.dataset.state = state;
  const box = extra(root, status);
  if (state === "loading" || state === "idle") {
    const p = progress();
    setText(status, p.phase === "start" ? STARTING : LOADING);
    if (p.total > 0) {
      let bar = box.querySelector("progress");
      if (!bar || box.dataset.kind !== "progress") {
        box.dataset.kind = "progress";
        bar = el("progress", { class: "mappa-engine-progress", "aria-label": "Calculator engine downloaded" });
        box.replaceChildren(el("p", { class: "mappa-engine-figures" }, bar, " ", el("span")));
      }
      bar.max = p.total;
      bar.value = Math.min(p.loaded, p.total);
      box.querySelector("span").textContent = p.phase === "start"
        ? `${mb(p.total)} MB downloaded, starting`
        : `${mb(p.loaded)} of ${mb(p.total)} MB`;
    }
    return;
  }
  if (state === "ready") {
    setText(status, READY);
    box.replaceChildren();
    delete box.dataset.kind;
    if (resultBody && resultBody.dataset.state === "failed") {
      // a late "ready" (or a start again once back online) clears the earlier failure: work out
      // the answer to what is on the page
      resultBody.dataset.state = "empty";
      resultBody.replaceChildren(el("p", { text: "Answer the questions above to see the answer here." }));
      if (root.mappaForm) root.mappaForm.update();
    }
    return;
  }
  // failed
  const f = failure() || { message: "The calculator engine could not start.", detail: "" };
  setText(status, f.soft ? f.message : `The calculator cannot work out answers. ${f.message} Your answers are still on this page, and the guidance pages still work.`);
  if (box.dataset.kind !== "failure" || box.dataset.detail !== f.detail) {
    box.dataset.kind = "failure";
    box.dataset.detail = f.detail;
    box.replaceChildren(f.detail ? el("details", { class: "mappa-engine-detail" },
      el("summary", { text: "Technical details for the people who run this website" }),
      el("p", { text: `${f.kind}: ${f.detail}` })) : "");
  }
  if (!f.soft && resultBody) {
    resultBody.dataset.state = "failed";
    resultBody.replaceChildren(el("p", { text: "No answer can be worked out because the calculator engine could not start." }));
  }
}
