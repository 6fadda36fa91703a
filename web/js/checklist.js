// Checklist: the materials of one category and the evidence of each condition; copy and print.

import { api } from "./api.js";
import { $, clauseLink, el, fill } from "./dom.js";
import { categoryTitle, regulationQuery, regulationTitle, state } from "./state.js";

let latest = null; // only the latest choice is drawn, even if an earlier request answers last

export function fillCategorySelect() {
  const select = $("checklist-category");
  const current = select.value;
  select.replaceChildren(...state.schema.categories.map((category) =>
    el("option", { value: category.id, text: category.title })));
  if (current && state.schema.categories.some((category) => category.id === current)) select.value = current;
}

export async function loadChecklist(category) {
  if (!category) return;
  const request = (latest = Symbol(category));
  $("checklist-category").value = category;
  fill($("checklist"), el("p", { class: "empty", text: "加载中…" }));
  try {
    const checklist = await api(`/v1/checklist/${encodeURIComponent(category)}${regulationQuery()}`);
    if (latest === request) renderChecklist(checklist);
  } catch (error) {
    if (latest === request) fill($("checklist"), el("p", { class: "empty", text: `加载失败：${error.message}` }));
  }
}

function checklistItem(item) {
  const evidence = [].concat(item.evidence || []).filter(Boolean).join("；");
  return el("li", { class: "checklist-item" }, [
    el("span", { class: "check-box", "aria-hidden": "true" }),
    el("div", {}, [
      el("p", { class: "item-name" }, [item.name, " ", clauseLink(item.citation)]),
      evidence ? el("p", { class: "item-evidence", text: evidence }) : null,
    ]),
  ]);
}

function checklistGroup(title, items) {
  if (!items.length) return null;
  return el("section", { class: "checklist-group" }, [
    el("h4", { text: title }),
    el("ol", { class: "checklist-items" }, items.map(checklistItem)),
  ]);
}

export function renderChecklist(checklist) {
  state.checklist = checklist;
  latest = null;
  if ($("checklist-category").value !== checklist.category) $("checklist-category").value = checklist.category;
  const items = checklist.items || [];
  const proofs = items.filter((item) => item.kind === "condition");
  const materials = items.filter((item) => item.kind !== "condition");
  const exempt = checklist.application_required === false;
  fill($("checklist"),
    el("header", { class: "checklist-head" }, [
      el("h3", { text: `申报材料清单：${checklist.title || categoryTitle(checklist.category)}` }),
      el("p", { class: "checklist-source", text: checklist.regulation_title || regulationTitle() }),
    ]),
    exempt ? el("p", { class: "callout ok", text: `本类别无需提交申报材料。${checklist.note || ""}` }) : null,
    checklistGroup("一、申报材料", materials),
    checklistGroup(materials.length ? "二、条件证明材料" : "条件证明材料", proofs),
    !exempt && checklist.note ? el("p", { class: "callout note", text: `说明：${checklist.note}` }) : null,
  );
  $("checklist").dataset.category = checklist.category;
}

export function checklistText() {
  const checklist = state.checklist;
  if (!checklist) return "";
  if (checklist.text) return checklist.text;
  return (checklist.items || []).map((item, i) => `${i + 1}. ${item.name}`).join("\n");
}
