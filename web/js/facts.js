// Facts panel: built from /v1/facts/schema; an edit stays marked unsaved until the server has it.

import { api } from "./api.js";
import { $, el, fill } from "./dom.js";
import { markStale, renderResults } from "./results.js";
import { getPath, isKnown, setPath, state, withRegulation } from "./state.js";

const POSSIBLE = "__possible__"; // the option standing for "one of a few values, not yet known which"
const unsaved = new Set(); // paths edited in the panel that the server has not confirmed yet
const sessionless = new Set(); // edits pre-checked before a conversation existed: the session gets them later
let sync = Promise.resolve();
let retryTimer = null;
let failures = 0;

function sameValue(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function choicesOf(field) {
  if (field.choices && field.choices.length) return field.choices;
  if (field.type === "boolean") return [{ label: "是", value: true }, { label: "否", value: false }];
  return [];
}

function choiceLabel(field, value) {
  const found = choicesOf(field).find((choice) => sameValue(choice.value, value));
  return found ? found.label : String(value);
}

function choiceSelect(field, value) {
  const choices = choicesOf(field);
  const options = [el("option", { value: "", text: "未知" })];
  if (Array.isArray(value)) {
    // Still one of a few values: say which, without pretending one was chosen.
    options.push(el("option", {
      value: POSSIBLE, text: `未确定（${value.map((v) => choiceLabel(field, v)).join("或")}）`,
    }));
  }
  for (const choice of choices) options.push(el("option", { value: String(choice.value), text: choice.label }));
  const select = el("select", { "data-path": field.path, "data-kind": "choice" }, options);
  select.value = Array.isArray(value) ? POSSIBLE : isKnown(value) ? String(value) : "";
  return select;
}

function numberInput(field, value) {
  const input = el("input", {
    type: "number", min: "0", step: "1", inputmode: "numeric",
    "data-path": field.path, "data-kind": "number", placeholder: "未知",
  });
  input.value = value ?? "";
  return input;
}

// A fact the panel has no editor for is shown, not edited.
function summary(field, value) {
  const text = isKnown(value) ? String(value) : "未知";
  return el("span", { class: "fact-readonly", "data-path": field.path, text });
}

// A list of records (e.g. each distinction obtained, with its own fields): a row per record.
function recordsEditor(field, value) {
  const records = Array.isArray(value) ? value : [];
  const rows = records.map((record, index) => el("div", { class: "record-row" }, [
    ...(field.fields || []).map((sub) => el("label", { class: "inline" }, [
      sub.label,
      factEditor({ ...sub, path: `${field.path}.${index}.${sub.path}` }, record[sub.path]),
    ])),
    recordButton(field, "删除", `删除第 ${index + 1} 项`, (list) => list.filter((_, at) => at !== index)),
  ]));
  const add = recordButton(field, "+ 添加一项", null, (list) => [...list, {}]);
  return el("div", { class: "record-editor", "data-path": field.path, "data-kind": "records" }, [...rows, add]);
}

function recordButton(field, text, label, change) {
  const button = el("button", { type: "button", class: "small", text, "aria-label": label });
  button.addEventListener("click", () => {
    setPath(state.facts, field.path, change([...(getPath(state.facts, field.path) || [])]));
    edited(field.path);
  });
  return button;
}

function factEditor(field, value) {
  if (field.type === "boolean" || field.type === "enum") return choiceSelect(field, value);
  if (field.type === "count" || field.type === "integer" || field.type === "money") return numberInput(field, value);
  if (field.type === "records") return recordsEditor(field, value);
  return summary(field, value);
}

function factRow(field) {
  const value = getPath(state.facts, field.path);
  const id = `fact-${field.path.replaceAll(".", "-")}`;
  const editor = factEditor(field, value);
  editor.id = id;
  const records = field.type === "records";
  if (records) {
    editor.setAttribute("role", "group");
    editor.setAttribute("aria-labelledby", `${id}-label`);
  }
  const pending = unsaved.has(field.path);
  return el("div", { class: `fact-row${pending ? " unsaved" : ""}`, "data-field": field.path }, [
    records
      ? el("span", { id: `${id}-label`, class: "fact-label", text: field.label, title: field.question || null })
      : el("label", { for: id, class: "fact-label", text: field.label, title: field.question || null }),
    el("div", { class: "fact-value" }, [
      editor,
      field.unit ? el("span", { class: "fact-unit", text: field.unit }) : null,
      pending ? el("span", { class: "unsaved-tag", text: "未保存" }) : null,
    ]),
  ]);
}

export function renderFacts() {
  const fields = state.schema.facts || [];
  const known = fields.filter((field) => isKnown(getPath(state.facts, field.path)) || unsaved.has(field.path));
  const unknown = fields.filter((field) => !known.includes(field));
  $("fact-list").replaceChildren(...known.map(factRow));
  $("fact-list-more").replaceChildren(...unknown.map(factRow));
  $("facts-empty").hidden = known.length > 0;
}

// Redrawing replaces the editors; the one being used keeps the focus.
function renderFactsKeepingFocus(focusPath = document.activeElement?.dataset?.path) {
  renderFacts();
  if (focusPath) {
    const again = document.querySelector(`#facts [data-path="${CSS.escape(focusPath)}"]`);
    if (again) again.focus();
  }
}

function readEditor(target, field) {
  const raw = target.value;
  if (raw === "") return null;
  if (target.dataset.kind === "choice") {
    if (raw === POSSIBLE) return getPath(state.facts, field.path);
    const choice = choicesOf(field).find((c) => String(c.value) === raw);
    return choice ? choice.value : null;
  }
  const number = Number.parseInt(raw, 10);
  return Number.isFinite(number) && number >= 0 ? number : null;
}

// "national_recognition.pilot_demo.0.program" is field "program" of the first record of a records fact.
function fieldAt(path) {
  const facts = state.schema.facts || [];
  const direct = facts.find((f) => f.path === path);
  if (direct) return { field: direct, owner: direct };
  const [, listPath, index, key] = path.match(/^(.*)\.(\d+)\.([^.]+)$/) || [];
  const owner = facts.find((f) => f.path === listPath && f.type === "records");
  const sub = owner && (owner.fields || []).find((f) => f.path === key);
  return sub ? { field: { ...sub, path }, owner, index: Number(index), key } : {};
}

function edited(ownerPath, focusPath = ownerPath) {
  unsaved.add(ownerPath);
  renderFactsKeepingFocus(focusPath);
  saveFacts();
}

export function onFactChange(event) {
  const target = event.target.closest("select[data-path], input[data-path]");
  if (!target) return;
  const { field, owner, index, key } = fieldAt(target.dataset.path);
  if (!field) return;
  const value = readEditor(target, field);
  if (owner !== field) {
    const records = [...(getPath(state.facts, owner.path) || [])];
    const record = { ...records[index] };
    if (value === null) delete record[key];
    else record[key] = value;
    records[index] = record;
    setPath(state.facts, owner.path, records);
    edited(owner.path, field.path);
    return;
  }
  if (sameValue(value, getPath(state.facts, field.path)) && !unsaved.has(field.path)) return;
  setPath(state.facts, field.path, value);
  edited(field.path);
}

/** The server's facts with the panel's unsaved edits laid over them: an edit is never silently reverted. */
export function adoptServerFacts(serverFacts) {
  for (const path of sessionless) {
    if (!sameValue(getPath(serverFacts, path), getPath(state.facts, path))) unsaved.add(path);
  }
  sessionless.clear();
  const merged = structuredClone(serverFacts || {});
  for (const path of unsaved) setPath(merged, path, getPath(state.facts, path));
  state.facts = merged;
  renderFactsKeepingFocus();
  if (unsaved.size) saveFacts();
}

// With a conversation under way the edit replaces the session's facts, so the next chat turn builds on it;
// before the first message there is no session and the pre-check alone is re-run.
async function sendFacts(facts) {
  if (!state.sessionId) {
    const body = await api("/v1/precheck", { method: "POST", body: JSON.stringify(withRegulation({ facts })) });
    return { results: body.results };
  }
  const body = await api(`/v1/sessions/${encodeURIComponent(state.sessionId)}/facts`, {
    method: "PUT", body: JSON.stringify({ facts }),
  });
  return { facts: body.facts, results: body.precheck.results };
}

function showSaveState(error, retryIn) {
  const box = $("facts-status");
  if (!error) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const retry = el("button", { type: "button", class: "small", text: "重试" });
  retry.addEventListener("click", () => saveFacts());
  fill(box,
    el("span", { text: `修改未保存：${error.message}。${retryIn ? `${retryIn} 秒后自动重试。` : ""}预审结果尚未包含这些修改。` }),
    retry,
  );
  box.hidden = false;
}

async function saveOnce() {
  if (!unsaved.size) return;
  clearTimeout(retryTimer);
  const sent = structuredClone(state.facts);
  const paths = [...unsaved];
  $("results").classList.add("updating");
  markStale(true);
  try {
    const body = await sendFacts(sent);
    failures = 0;
    for (const path of paths) {
      if (!sameValue(getPath(state.facts, path), getPath(sent, path))) continue;
      unsaved.delete(path);
      if (!body.facts) sessionless.add(path);
    }
    if (body.facts) {
      const merged = structuredClone(body.facts);
      for (const path of unsaved) setPath(merged, path, getPath(state.facts, path));
      state.facts = merged;
    }
    renderFactsKeepingFocus();
    renderResults(body.results);
    markStale(unsaved.size > 0);
    showSaveState(null);
    if (unsaved.size) saveFacts(); // edited again while this one was on its way
  } catch (error) {
    failures += 1;
    const wait = error.retryAfter ?? Math.min(30, 2 ** failures);
    renderFactsKeepingFocus();
    showSaveState(error, wait);
    retryTimer = setTimeout(() => saveFacts(), wait * 1000);
  } finally {
    $("results").classList.remove("updating");
  }
}

/** Send the facts (queued behind any save still on its way); resolves when this save has finished. */
export function saveFacts() {
  sync = sync.then(saveOnce, saveOnce);
  return sync;
}

/** Wait for edits on their way, so a chat message builds on them. */
export function factsSettled() {
  return sync.catch(() => {});
}

export function hasUnsaved() {
  return unsaved.size > 0;
}

export function resetFacts() {
  unsaved.clear();
  sessionless.clear();
  clearTimeout(retryTimer);
  failures = 0;
  state.facts = {};
  showSaveState(null);
  markStale(false);
  renderFacts();
}
