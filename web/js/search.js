// Staff mode: search the clauses by meaning; cards show the matched words highlighted.

import { api } from "./api.js";
import { $, clauseLink, copyText, el, marked } from "./dom.js";
import { regulationQuery, regulationTitle } from "./state.js";

export function setStaffMode(on) {
  document.body.classList.toggle("staff", on);
  $("staff-toggle").checked = on;
  $("staff-search").hidden = !on;
  try { localStorage.setItem("staff-mode", on ? "1" : "0"); } catch { /* private mode */ }
}

function searchHit(hit) {
  const copy = el("button", { type: "button", class: "small", text: "复制", "aria-label": `复制${hit.label}` });
  copy.addEventListener("click", () =>
    copyText(`${regulationTitle(hit.regulation)}${hit.label}：${hit.text}`, "已复制条款"));
  return el("li", { class: "search-hit", "data-clause-id": hit.id }, [
    el("div", { class: "search-hit-head" }, [clauseLink(hit), copy]),
    el("p", { class: "search-snippet" }, marked(hit.text, hit.highlights || [])),
  ]);
}

function notes(body) {
  const lines = [];
  for (const correction of body.corrections || []) {
    lines.push(el("li", { class: "search-note", text: `“${correction.typed}”按“${correction.meant}”搜索` }));
  }
  if ((body.missing || []).length) {
    const words = body.missing.map((word) => `“${word}”`).join("、");
    lines.push(el("li", {
      class: "search-note missing",
      text: `原文没有规定：条款里没有出现${words}。下面是意思最接近的条款，请核对原文。`,
    }));
  }
  return lines;
}

let latest = null;

export async function searchClauses(query) {
  const words = query.trim();
  const list = $("search-results");
  if (!words) { list.replaceChildren(); return; }
  const request = (latest = Symbol(words));
  try {
    const body = await api(`/v1/search?q=${encodeURIComponent(words)}&k=8${regulationQuery(undefined, "&")}`);
    if (latest !== request) return;
    const hits = body.results || [];
    list.replaceChildren(...notes(body), ...(hits.length
      ? hits.map(searchHit)
      : [el("li", { class: "empty", text: "没有找到相关条款。" })]));
  } catch (error) {
    if (latest === request) list.replaceChildren(el("li", { class: "empty", text: `搜索失败：${error.message}` }));
  }
}
