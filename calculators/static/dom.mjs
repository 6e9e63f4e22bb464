// Small DOM and date helpers shared by the calculator modules.

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function domId(name) {
  return "q-" + String(name).replace(/[^A-Za-z0-9_-]/g, "-");
}

const pad = (n) => String(n).padStart(2, "0");

// Now in the browser's own time zone, to the minute (for the answer's "passed" dates and the record).
export function nowIso(d = new Date()) {
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
}

// Today in the browser's own time zone, as an ISO date.
export function todayIso() {
  return nowIso().slice(0, 10);
}
