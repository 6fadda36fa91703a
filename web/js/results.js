// Pre-check results: a card per category, the category just assessed, the phone cue, the printed report.

import { loadChecklist } from "./checklist.js";
import { $, clauseLink, el, fill } from "./dom.js";
import { categoryTitle, regulationTitle, state } from "./state.js";

const DECISION = {
  eligible: { text: "符合", css: "eligible" },
  ineligible: { text: "不符合", css: "ineligible" },
  undetermined: { text: "待确认", css: "undetermined" },
};

const CONDITION = {
  met: { text: "满足", mark: "✓", css: "met" },
  unmet: { text: "不满足", mark: "✗", css: "unmet" },
  unknown: { text: "待确认", mark: "?", css: "unknown" },
};

let assessed = null; // the category the conversation or the panel most recently told us about
let specificBefore = new Map();

// The number of pre-checks drawn so far, as an attribute: lets a reader (or a test) see a re-run landed.
function countPrecheckRun() {
  const box = $("results");
  box.dataset.runs = String(Number(box.dataset.runs || 0) + 1);
}

// The bound is the regulation's ceiling, not a promise; an ineligible category shows none.
// The server formats the money (max_amount_text): the page never does its own arithmetic on it.
function amountText(result) {
  if (result.status === "ineligible") return "";
  // An older server without max_amount_text: its integer yuan as given, never reworked here.
  const money = result.max_amount_text || (Number.isInteger(result.max_amount_yuan) ? `${result.max_amount_yuan}元` : "");
  if (!money) return "金额待定";
  const bound = `最高 ${money}`;
  return result.status === "eligible" ? bound : `若符合，${bound}`;
}

function conditionItem(condition) {
  const look = CONDITION[condition.status] || CONDITION.unknown;
  return el("li", { class: `condition ${look.css}`, "data-condition": condition.id }, [
    el("span", { class: "condition-mark", "aria-hidden": "true", text: look.mark }),
    el("span", { class: "condition-text" }, [
      condition.text,
      " ",
      el("span", { class: "condition-status", text: `（${look.text}）` }),
    ]),
    clauseLink(condition.citation),
  ]);
}

function questionsBox(questions) {
  if (!questions || !questions.length) return null;
  return el("div", { class: "questions" }, [
    el("p", { class: "questions-label", text: "还需确认：" }),
    el("ul", {}, questions.map((q) => el("li", { text: q }))),
  ]);
}

function notesBox(result, commonPoints) {
  const points = (result.open_points || []).filter((point) => !commonPoints.has(point));
  const lines = [result.amount_note, ...points].filter(Boolean);
  if (!lines.length) return null;
  return el("ul", { class: "result-notes" }, lines.map((line) => el("li", { text: line })));
}

/** Per category, how many of its own conditions (not shared with another category) are known. */
function specificKnown(results) {
  const owners = new Map();
  for (const result of results) {
    for (const condition of result.conditions || []) owners.set(condition.id, (owners.get(condition.id) || 0) + 1);
  }
  return new Map(results.map((result) => [result.category, (result.conditions || []).filter(
    (condition) => owners.get(condition.id) === 1 && condition.status !== "unknown").length]));
}

// The category just assessed: the one whose own conditions gained most knowns; unchanged otherwise.
function followAssessed(results) {
  const known = specificKnown(results);
  let best = null;
  let gain = 0;
  for (const [category, count] of known) {
    const delta = count - (specificBefore.get(category) || 0);
    if (delta > gain) { best = category; gain = delta; }
  }
  specificBefore = known;
  if (best && best !== assessed) {
    assessed = best;
    loadChecklist(best);
    // The checklist changed to the category just assessed: say so on its tab while it is not shown.
    $("checklist-badge").hidden = !$("panel-checklist").hidden;
  }
  return known;
}

export function assessedCategory() {
  return assessed;
}

function resultCard(result, commonPoints, known) {
  const decision = DECISION[result.status] || DECISION.undetermined;
  const amount = amountText(result);
  const summary = el("summary", { class: "result-head" }, [
    el("span", { class: "result-title", text: result.title || categoryTitle(result.category) }),
    el("span", { class: `badge ${decision.css}`, "data-badge": result.status, text: decision.text }),
    amount ? el("span", { class: "amount", text: amount }) : null,
  ]);
  return el("details", {
    class: `result ${decision.css}`, "data-category": result.category, "data-status": result.status,
    open: result.status !== "undetermined" || (known.get(result.category) || 0) > 0,
  }, [
    summary,
    el("ul", { class: "conditions" }, (result.conditions || []).map(conditionItem)),
    questionsBox(result.questions),
    notesBox(result, commonPoints),
  ]);
}

// Caveats every category repeats (draft status, stacking, deadlines) are shown once under the cards.
function sharedPoints(results) {
  const [first, ...rest] = results.map((result) => new Set(result.open_points || []));
  return new Set([...(first || [])].filter((point) => rest.every((set) => set.has(point))));
}

function decisionsChanged(before, after) {
  const old = new Map((before || []).map((result) => [result.category, result.status]));
  return after.filter((result) => (old.get(result.category) || "undetermined") !== result.status);
}

/** Draw the results; a redraw after a chat turn or an edit counts as a run; a restore shows no cue. */
export function renderResults(results, { run = true, cue = true } = {}) {
  const box = $("results");
  const before = state.results;
  state.results = results && results.length ? results : null;
  renderPrintReport();
  if (!state.results) {
    assessed = null;
    specificBefore = new Map();
    box.replaceChildren(el("p", { class: "empty", text: "预审结果会随着对话自动更新：每类支持各自的结论、条件和金额上限。" }));
    showDecisionCue([]);
    return;
  }
  const known = followAssessed(results);
  const order = { eligible: 0, undetermined: 1, ineligible: 2 };
  const sorted = [...results].sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
  const common = sharedPoints(results);
  fill(box,
    el("div", { class: "panel-sub results-head" }, [
      el("h3", { class: "panel-sub-title", text: "预审结论" }),
      printButton(),
    ]),
    ...sorted.map((result) => resultCard(result, common, known)),
    common.size ? el("ul", { class: "shared-notes" }, [...common].map((point) => el("li", { text: point }))) : null,
  );
  if (run) countPrecheckRun();
  if (!cue) return;
  if (before) showDecisionCue(decisionsChanged(before, results));
  else showDecisionCue(results.filter((result) => result.status !== "undetermined"));
}

function printButton() {
  const button = el("button", { type: "button", class: "small", id: "results-print", text: "打印预审结果" });
  button.addEventListener("click", () => window.print());
  return button;
}

/** Marks the results as not yet including some edits of the panel (or clears that mark). */
export function markStale(stale) {
  $("results").classList.toggle("stale", stale);
}

// ---------- phone: a visible cue when a decision changes ----------

function resultsInView() {
  const rect = $("results").getBoundingClientRect();
  return rect.top < window.innerHeight && rect.bottom > 0 && !$("panel-precheck").hidden;
}

function showDecisionCue(changed) {
  const cue = $("decision-cue");
  const badge = $("precheck-badge");
  if (!changed.length || resultsInView()) {
    cue.hidden = true;
    return;
  }
  const summary = changed.map((result) =>
    `${result.title || categoryTitle(result.category)}：${(DECISION[result.status] || DECISION.undetermined).text}`);
  fill($("decision-cue-text"), el("strong", { text: "预审结论有更新" }), " ", summary.join("；"));
  cue.hidden = false;
  badge.hidden = false;
}

export function hideDecisionCue() {
  $("decision-cue").hidden = true;
  $("precheck-badge").hidden = true;
}

// ---------- the printed report: decisions, conditions with clauses, amounts, open points, date ----------

function printDate() {
  return new Date().toLocaleDateString("zh-CN", { year: "numeric", month: "long", day: "numeric" });
}

function printedResult(result, commonPoints) {
  const decision = DECISION[result.status] || DECISION.undetermined;
  const amount = amountText(result);
  const points = [result.amount_note, ...(result.open_points || []).filter((p) => !commonPoints.has(p))].filter(Boolean);
  return el("section", { class: "print-result", "data-category": result.category }, [
    el("h3", {}, [
      result.title || categoryTitle(result.category),
      el("span", { class: `print-decision ${decision.css}`, text: `【${decision.text}】` }),
      amount ? el("span", { class: "print-amount", text: amount }) : null,
    ]),
    el("ul", { class: "print-conditions" }, (result.conditions || []).map((condition) => {
      const look = CONDITION[condition.status] || CONDITION.unknown;
      const label = condition.citation ? condition.citation.label || condition.citation : "";
      return el("li", { text: `${look.mark} ${condition.text}（${look.text}）${label ? `　依据：${label}` : ""}` });
    })),
    result.questions && result.questions.length
      ? el("p", { class: "print-questions", text: `还需确认：${result.questions.join("；")}` }) : null,
    points.length ? el("ul", { class: "print-points" }, points.map((point) => el("li", { text: point }))) : null,
  ]);
}

function renderPrintReport() {
  const report = $("print-report");
  const results = state.results || [];
  const common = sharedPoints(results);
  fill(report,
    el("h2", { text: `资格预审结果 ${regulationTitle()}` }),
    el("p", { class: "print-meta", text: `打印日期：${printDate()}` }),
    el("p", { class: "print-draft", text: $("draft-note").textContent.replace(/\s+/g, " ").trim() }),
    results.length
      ? el("div", {}, results.map((result) => printedResult(result, common)))
      : el("p", { text: "尚未进行资格预审：在对话中描述企业情况，或在预审面板中填写。" }),
    common.size ? el("ul", { class: "print-points" }, [...common].map((point) => el("li", { text: point }))) : null,
  );
}

/** Before printing, the report carries today's date and the latest results. */
export function preparePrint() {
  renderPrintReport();
}
