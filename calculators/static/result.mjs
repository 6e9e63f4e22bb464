// The answer: the outcome JSON of the rule modules shown as an answer with its reasons.
import { el, humanDate } from "./dom.mjs";

export function paragraphLabel(anchor) {
  const parts = String(anchor).split("-");
  let label = parts[1] + "." + parts[2];
  if (parts.length === 4) label += parts[3] === "2" ? " (second use of this number)" : " (use " + parts[3] + ")";
  return label;
}

// Relative to calculators/<id>/ (the page the link is shown on).
export function paragraphHref(anchor) {
  const chapter = String(anchor).split("-")[1];
  return "../../guidance/" + chapter + "/#" + anchor;
}

function paraLinks(paras, prefix) {
  if (!paras || !paras.length) return null;
  const span = el("span", { class: "mappa-paras-inline" }, prefix || (paras.length > 1 ? "Guidance paragraphs " : "Guidance paragraph "));
  paras.forEach((a, i) => {
    if (i) span.append(", ");
    span.append(el("a", { href: paragraphHref(a), text: paragraphLabel(a) }));
  });
  return span;
}

export function renderResult(resultBody, live, result) {
  resultBody.dataset.state = "ok";
  resultBody.dataset.outcome = result.outcome;
  const parts = [];
  parts.push(el("p", { class: "mappa-answer" }, el("strong", { text: result.answer })));
  parts.push(el("p", { class: "mappa-outcome-code" }, "Outcome: ", el("code", { text: result.outcome })));
  const section = (title, cls, items, render) => {
    if (!items || !items.length) return;
    parts.push(el("h3", { text: title }));
    const ul = el("ul", { class: "mappa-" + cls });
    for (const item of items) ul.append(render(item));
    parts.push(ul);
  };
  const cited = (item) => {
    const li = el("li", null, item.text, " ", paraLinks(item.paras));
    if (item.external && item.external.length) li.append(el("span", { class: "mappa-external", text: " Outside the guidance: " + item.external.join("; ") + "." }));
    if (item.local) li.append(el("span", { class: "mappa-local", text: " (From a local document: check your area's own procedure.)" }));
    return li;
  };
  section("Why", "reasons", result.reasons, cited);
  section("Where the guidance is unclear", "flags", result.flags, (f) => {
    const li = cited(f);
    if (f.readings && f.readings.length) {
      const ol = el("ol", { class: "mappa-readings" });
      f.readings.forEach((r) => ol.append(el("li", { text: r })));
      li.append(el("p", { text: "The possible readings:" }), ol);
    }
    return li;
  });
  section("Take care", "warnings", result.warnings, cited);
  section("Who decides", "deciders", result.deciders, (d) => {
    const li = el("li", null, el("strong", { text: d.who }), " decides ", d.decides, " ", paraLinks(d.paras));
    if (d.factors && d.factors.length) {
      const ul = el("ul");
      d.factors.forEach((f) => ul.append(el("li", { text: f })));
      li.append(el("p", { text: "On these factors:" }), ul);
    }
    return li;
  });
  section("Dates", "dates", result.dates, (d) => {
    const li = el("li", null, el("strong", { text: d.label + ": " }), d.date ? humanDate(d.date) : "cannot be worked out from these answers");
    li.append(el("br"), el("span", { class: "mappa-rule", text: d.rule }), " ", paraLinks(d.paras));
    if (d.who) li.append(el("br"), "Who: " + d.who);
    if (d.reading) li.append(el("br"), el("em", { text: d.reading }));
    return li;
  });
  section("Check outside the guidance", "caveats", result.caveats, cited);
  section("Checklist", "items", result.items, (item) => {
    const main = item.text || item.duty || item.label || item.title || item.action || item.name || "";
    const li = el("li", null, main ? el("span", { class: "mappa-item-text", text: main }) : null);
    const extra = el("dl", { class: "mappa-item-fields" });
    for (const [k, v] of Object.entries(item)) {
      if (k === "paras" || v === main || v === null || v === undefined || v === "") continue;
      const shown = Array.isArray(v) ? v.join("; ") : (typeof v === "object" ? JSON.stringify(v) : String(v));
      extra.append(el("dt", { text: k.replace(/_/g, " ") }), el("dd", { text: /^\d{4}-\d{2}-\d{2}$/.test(shown) ? humanDate(shown) : shown }));
    }
    if (extra.children.length) li.append(extra);
    const links = paraLinks(item.paras);
    if (links) li.append(" ", links);
    return li;
  });
  resultBody.replaceChildren(...parts);
  live.textContent = "Answer updated: " + result.answer;
}
