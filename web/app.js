// Policy assistant page: loads what the API says about the regulations and wires the modules together.
// Plain ES modules, no build step, no framework; every element is built with the DOM API (the CSP forbids
// inline code). No regulation words live here: titles, categories and facts come from the API.

import { api, apiOptional } from "./js/api.js";
import {
  citationText, enqueue, newConversation, restoreSession, restoreUnsent, submitText, welcome, wireUnsent,
} from "./js/chat.js";
import { checklistText, fillCategorySelect, loadChecklist } from "./js/checklist.js";
import { clauseOpen, closeClause, loadClauses, openClause } from "./js/clause.js";
import { $, copyText, el } from "./js/dom.js";
import { onFactChange, renderFacts } from "./js/facts.js";
import { assessedCategory, hideDecisionCue, preparePrint, renderResults } from "./js/results.js";
import { searchClauses, setStaffMode } from "./js/search.js";
import { regulationTitle, state, withRegulation } from "./js/state.js";

// ---------- what the API says: regulations, categories, facts ----------

async function loadRegulations() {
  const body = await apiOptional("/v1/regulations");
  if (body && body.regulations && body.regulations.length) {
    state.regulations = body.regulations;
  } else {
    const clauses = await loadClauses();
    state.regulations = clauses.regulation ? [clauses.regulation] : [];
  }
  const picker = $("regulation-picker");
  picker.replaceChildren(...state.regulations.map((r) => el("option", { value: r.id, text: r.title })));
  $("regulation-choice").hidden = state.regulations.length < 2;
  if (state.regulations.length > 1) state.regulation = state.regulation || state.regulations[0].id;
  showRegulationTitle();
}

function showRegulationTitle() {
  $("regulation-title").textContent = regulationTitle();
}

// Categories and facts come from /v1/facts/schema; a server without it still names its categories
// through the pre-check results, so the checklist can be chosen.
async function loadSchema() {
  const query = state.regulation ? `?regulation=${encodeURIComponent(state.regulation)}` : "";
  const body = await apiOptional(`/v1/facts/schema${query}`);
  if (body) {
    state.schema = { categories: body.categories || [], facts: body.facts || [] };
  } else {
    const precheck = await api("/v1/precheck", { method: "POST", body: JSON.stringify(withRegulation({ facts: {} })) });
    state.schema = { categories: precheck.results.map((r) => ({ id: r.category, title: r.title || r.category })), facts: [] };
  }
  fillCategorySelect();
  renderFacts();
}

async function chooseRegulation(id) {
  state.regulation = id;
  state.checklist = null;
  showRegulationTitle();
  await loadSchema();
  await newConversation();
  // The example questions of the page are the primary regulation's; another one starts without them.
  const primary = state.regulations.find((r) => r.primary) || state.regulations[0];
  $("examples").hidden = Boolean(primary && primary.id !== id);
  loadChecklist(state.schema.categories[0]?.id);
}

// ---------- tabs, keyboard, printing ----------

function selectTab(name) {
  for (const tab of ["precheck", "checklist"]) {
    const on = tab === name;
    $(`tab-${tab}`).setAttribute("aria-selected", String(on));
    $(`tab-${tab}`).tabIndex = on ? 0 : -1;
    $(`panel-${tab}`).hidden = !on;
  }
  if (name === "precheck") hideDecisionCue();
  if (name === "checklist") $("checklist-badge").hidden = true;
  if (name === "checklist" && !state.checklist) loadChecklist($("checklist-category").value);
}

function isTyping(target) {
  return target.matches("input, textarea, select, [contenteditable]");
}

function onKeydown(event) {
  if (event.key === "Escape" && clauseOpen()) {
    closeClause();
    event.preventDefault();
  } else if (event.key === "/" && !isTyping(event.target)) {
    setStaffMode(true);
    $("search-input").focus();
    event.preventDefault();
  } else if (event.altKey && event.key.toLowerCase() === "s") {
    setStaffMode(!document.body.classList.contains("staff"));
    event.preventDefault();
  } else if (event.altKey && event.key.toLowerCase() === "c" && state.lastAnswer) {
    copyText(`${state.lastAnswer.reply}\n${citationText(state.lastAnswer.citations)}`, "已复制最新回答和出处");
    event.preventDefault();
  }
}

// Arrow keys move between the tabs, as a tablist should.
function onTabKeydown(event) {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const next = event.target.id === "tab-precheck" ? "checklist" : "precheck";
  selectTab(next);
  $(`tab-${next}`).focus();
  event.preventDefault();
}

// ---------- wiring ----------

function wireChat() {
  const input = $("message-input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    submitText(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("examples").addEventListener("click", (event) => {
    const chip = event.target.closest("[data-example]");
    if (chip) enqueue({ message: chip.dataset.example });
  });
  $("new-chat").addEventListener("click", () => newConversation());
  wireUnsent();
  $("regulation-picker").addEventListener("change", (event) => chooseRegulation(event.target.value));
}

function wirePanels() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-clause]");
    if (!link) return;
    event.preventDefault();
    openClause(link.dataset.clause, link, link.dataset.regulation || state.regulation);
  });
  $("clause-close").addEventListener("click", closeClause);
  $("tab-precheck").addEventListener("click", () => selectTab("precheck"));
  $("tab-checklist").addEventListener("click", () => selectTab("checklist"));
  for (const tab of ["tab-precheck", "tab-checklist"]) $(tab).addEventListener("keydown", onTabKeydown);
  $("facts").addEventListener("change", onFactChange);
  $("checklist-category").addEventListener("change", (event) => loadChecklist(event.target.value));
  $("checklist-copy").addEventListener("click", () => copyText(checklistText(), "已复制材料清单"));
  $("checklist-print").addEventListener("click", () => window.print());
  $("decision-cue-show").addEventListener("click", () => {
    selectTab("precheck");
    $("results").scrollIntoView({ block: "start" });
    $("results").focus({ preventScroll: true });
  });
  // The cue goes away once the reader has the results in front of them.
  new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) hideDecisionCue();
  }).observe($("results"));
  window.addEventListener("beforeprint", preparePrint);
}

function wireStaff() {
  $("staff-toggle").addEventListener("change", (event) => setStaffMode(event.target.checked));
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    searchClauses($("search-input").value);
  });
  let timer = null;
  $("search-input").addEventListener("input", (event) => {
    clearTimeout(timer);
    timer = setTimeout(() => searchClauses(event.target.value), 300);
  });
  document.addEventListener("keydown", onKeydown);
  let stored = null;
  try { stored = localStorage.getItem("staff-mode"); } catch { /* private mode */ }
  setStaffMode(stored === "1" || new URLSearchParams(location.search).has("staff"));
}

async function start() {
  wireChat();
  wirePanels();
  wireStaff();
  try {
    await loadRegulations();
    await loadSchema();
  } catch (error) {
    $("messages").append(el("li", { class: "message assistant error", text: `页面数据加载失败：${error.message}` }));
  }
  renderResults(null);
  const restored = await restoreSession();
  if (!restored) welcome();
  restoreUnsent();
  // The checklist is ready before anyone prints: the category just assessed, or the first one.
  if (!state.checklist) loadChecklist(assessedCategory() || state.schema.categories[0]?.id);
  loadClauses().catch(() => {});
  const wanted = location.hash.match(/^#clause-(.+)$/);
  if (wanted) openClause(decodeURIComponent(wanted[1]));
  document.body.classList.add("ready");
}

start();
