// Clause pane: the cited clause inside its whole article, highlighted; focus goes in and comes back.

import { api } from "./api.js";
import { $, copyText, el, fill, showToast } from "./dom.js";
import { regulationQuery, regulationTitle, state } from "./state.js";

let opener = null; // the element that opened the pane gets the focus back on close

function indexTree(index, nodes) {
  for (const node of nodes) {
    index.set(node.id, node);
    index.set(node.label, node);
    indexTree(index, node.children || []);
  }
}

function clausesOf(regulation) {
  const key = regulation || "";
  if (!state.clauses.has(key)) state.clauses.set(key, new Map());
  return state.clauses.get(key);
}

/** The clause tree of a regulation (the chosen one by default), indexed for the pane. */
export async function loadClauses(regulation = state.regulation) {
  const body = await api(`/v1/clauses${regulationQuery(regulation)}`);
  indexTree(clausesOf(regulation), body.clauses);
  return body;
}

async function findClause(ref, regulation) {
  const index = clausesOf(regulation);
  if (!index.size) await loadClauses(regulation).catch(() => {});
  if (index.has(ref)) return index.get(ref);
  const node = await api(`/v1/clauses/${encodeURIComponent(ref)}${regulationQuery(regulation)}`);
  index.set(node.id, node);
  return node;
}

function articleOf(node, regulation) {
  return clausesOf(regulation).get(`a${node.article}`) || node;
}

function descendantIds(node) {
  return [node.id, ...(node.children || []).flatMap(descendantIds)];
}

// A parent's own words are the text before its first child's text (e.g. "（一）奖励类").
function ownIntro(node) {
  const first = (node.children || [])[0];
  if (!first) return node.text;
  const at = node.text.indexOf(first.text);
  return at > 0 ? node.text.slice(0, at) : "";
}

function clauseBlock(node, highlighted) {
  const isHit = highlighted.has(node.id);
  const children = node.children || [];
  const intro = ownIntro(node);
  const own = intro
    ? el("p", { class: `clause-text${isHit && !children.length ? " highlight" : ""}`, "data-clause-id": node.id }, [
      isHit && !children.length ? el("mark", { text: intro }) : intro,
    ])
    : null;
  return el("div", { class: `clause-node${isHit ? " hit" : ""}`, "data-node": node.id }, [
    own,
    ...children.map((child) => clauseBlock(child, highlighted)),
  ]);
}

function statusTag(regulation) {
  const found = state.regulations.find((r) => r.id === regulation) || state.regulations[0];
  return found && found.status ? el("span", { class: "draft-tag", text: found.status }) : null;
}

export async function openClause(ref, from = document.activeElement, regulation = state.regulation) {
  let node;
  try {
    node = await findClause(ref, regulation);
  } catch {
    showToast(`找不到条款：${ref}`);
    return;
  }
  const article = articleOf(node, regulation);
  const highlighted = new Set(descendantIds(node));
  const pane = $("clause-pane");
  $("clause-pane-title").textContent = node.label;
  const copy = el("button", { type: "button", class: "small", text: "复制条款" });
  copy.addEventListener("click", () => copyText(`${regulationTitle(regulation)}${node.label}：${node.text}`, "已复制条款原文"));
  fill($("clause-body"),
    el("p", { class: "clause-meta" }, [
      el("strong", { text: `${article.label}${article.caption ? ` ${article.caption}` : ""}` }),
      statusTag(regulation),
      copy,
    ]),
    clauseBlock(article, highlighted),
  );
  if (pane.hidden && from && from !== document.body && !pane.contains(from)) opener = from;
  pane.hidden = false;
  document.body.classList.add("clause-open");
  const hit = pane.querySelector(".highlight") || pane.querySelector(".hit");
  if (hit) hit.scrollIntoView({ block: "nearest" });
  pane.scrollIntoView({ block: "nearest" });
  $("clause-pane-title").focus({ preventScroll: true });
}

export function clauseOpen() {
  return !$("clause-pane").hidden;
}

/** Hide the pane and give the focus back to what opened it (or the message box if that is gone). */
export function closeClause() {
  $("clause-pane").hidden = true;
  document.body.classList.remove("clause-open");
  const back = opener && opener.isConnected && opener.getClientRects().length ? opener : $("message-input");
  opener = null;
  back.focus();
}
