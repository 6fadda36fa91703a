// Small DOM helpers. Text reaches the page only through textContent (el's "text" and string children).

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replace a node's children, skipping the null placeholders of optional parts. */
export function fill(node, ...children) {
  node.replaceChildren(...children.filter((child) => child !== null && child !== undefined && child !== false));
}

/** A text with some [start, end) spans wrapped in <mark>. */
export function marked(text, spans) {
  const parts = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(el("mark", { text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

export function citationRef(citation) {
  if (!citation) return null;
  if (typeof citation === "string") return { id: citation, label: citation };
  return {
    id: citation.id || citation.label, label: citation.label || citation.id,
    text: citation.text, regulation: citation.regulation,
  };
}

export function clauseLink(citation) {
  const ref = citationRef(citation);
  if (!ref) return null;
  return el("a", {
    class: "clause-link",
    href: `#clause-${ref.id}`,
    "data-clause": ref.id,
    "data-regulation": ref.regulation || null,
    title: ref.text ? ref.text.slice(0, 80) : `查看${ref.label}原文`,
    text: ref.label,
  });
}

export function showToast(message) {
  const toast = $("toast");
  toast.textContent = message;
  toast.hidden = false;
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => { toast.hidden = true; }, 2200);
}

export async function copyText(text, what = "已复制") {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context or permission; fall back to a hidden textarea.
    const area = el("textarea", { class: "copy-buffer", readonly: true, "aria-hidden": "true", tabindex: "-1" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  showToast(what);
}
