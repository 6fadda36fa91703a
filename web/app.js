// Policy assistant page: chat with clause citations, live pre-check, checklist, staff mode.
// Plain ES module, no framework; every element is built with the DOM API (the CSP forbids inline code).

// Which facts section belongs to each category alone (applicant.* is shared by all).
const CATEGORY_SECTIONS = {
  dual_cross_platform_reward: "national_recognition.dual_cross_platform",
  pilot_demo_reward: "national_recognition.pilot_demo",
  security_service_reward: "security_service",
  identifier_node_subsidy: "identifier_node",
  industry_platform_subsidy: "platform",
};

const CATEGORIES = [
  { id: "dual_cross_platform_reward", title: "国家“双跨”平台奖励", clause: "第五条第（一）项第1目" },
  { id: "pilot_demo_reward", title: "国家试点示范奖励", clause: "第五条第（一）项第2目" },
  { id: "security_service_reward", title: "工业互联网安全服务机构奖励", clause: "第五条第（一）项第3目" },
  { id: "identifier_node_subsidy", title: "标识解析二级节点补助", clause: "第五条第（二）项第1目" },
  { id: "industry_platform_subsidy", title: "行业工业互联网平台补助", clause: "第五条第（二）项第2目" },
];

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

const LEGAL_FORMS = {
  independent_legal_person: "独立法人单位",
  consortium: "独立法人组成的联合体",
  branch: "分支机构（非独立法人）",
  individual_business: "个体工商户",
  other: "其他",
};

const PILOT_PROGRAMS = {
  integration: "新一代信息技术与制造业融合发展",
  industrial_internet: "工业互联网",
  innovation: "制造业“双创”",
};

// The facts schema of DESIGN.md, in the order a caller would be asked; kind decides the editor.
const FACT_FIELDS = [
  { path: "applicant.registered_in_wuhan", label: "在武汉市注册登记", kind: "bool" },
  { path: "applicant.legal_form", label: "主体类型", kind: "enum", options: LEGAL_FORMS },
  { path: "applicant.major_accident_last_2y", label: "近两年发生重大安全、质量、环保事故", kind: "bool" },
  { path: "applicant.serious_dishonesty", label: "有严重失信行为", kind: "bool" },
  { path: "national_recognition.dual_cross_platform.awarded", label: "获评国家“双跨”平台", kind: "bool" },
  { path: "national_recognition.dual_cross_platform.first_time", label: "“双跨”为首次获评", kind: "bool" },
  { path: "national_recognition.pilot_demo", label: "国家试点示范", kind: "pilots" },
  { path: "security_service.industrial_security_services", label: "为工业企业提供网络安全服务", kind: "bool" },
  { path: "security_service.industrial_security_revenue_2y_yuan", label: "前2个自然年工业企业安全服务收入", kind: "yuan" },
  { path: "identifier_node.built_after_top_node_launch", label: "二级节点建于顶级节点（武汉）上线后", kind: "bool" },
  { path: "identifier_node.rd_and_operation_capability", label: "具备标识解析研发创新和运营服务能力", kind: "bool" },
  { path: "identifier_node.technical_team", label: "有技术实施团队", kind: "bool" },
  { path: "identifier_node.application_scenarios", label: "典型创新应用场景（项）", kind: "int" },
  { path: "identifier_node.new_enterprise_nodes", label: "年度新增接入企业节点（个）", kind: "int" },
  { path: "identifier_node.new_registrations", label: "年度新增注册量", kind: "int" },
  { path: "identifier_node.daily_resolutions", label: "日均解析量", kind: "int" },
  { path: "platform.operation_and_service_capability", label: "具备平台运营和服务能力", kind: "bool" },
  { path: "platform.covers_production_chain", label: "平台覆盖设备、生产、流通等生产链", kind: "bool" },
  { path: "platform.data_chain", label: "具备数据采集、管理、交换和安全保障等数据链", kind: "bool" },
  { path: "platform.served_enterprises", label: "平台服务企业数（家）", kind: "int" },
  { path: "platform.connected_devices", label: "设备连接数（台套）", kind: "int" },
  { path: "platform.rated_municipal_industry_platform", label: "获评市级行业工业互联网平台", kind: "bool" },
];

const REGULATION_TITLE = "《武汉市工业互联网发展专项资金管理办法（征求意见稿）》";

const state = {
  sessionId: null,
  facts: {},
  clauseTree: null,
  clauseIndex: new Map(),
  lastAnswer: null,
  busy: false,
  openClauseId: null,
  factsSync: Promise.resolve(),
};

const $ = (id) => document.getElementById(id);

// ---------- small DOM and formatting helpers ----------

function el(tag, attrs = {}, children = []) {
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
function fill(node, ...children) {
  node.replaceChildren(...children.filter((child) => child !== null && child !== undefined && child !== false));
}

/** Integer yuan → "42万元" / "4.25万元" / "800元", without floating point. */
function formatYuan(yuan) {
  if (yuan === null || yuan === undefined) return "";
  const value = Math.trunc(Number(yuan));
  if (Math.abs(value) < 10000) return `${value}元`;
  const wan = Math.trunc(value / 10000);
  const rest = Math.abs(value % 10000);
  if (rest === 0) return `${wan}万元`;
  return `${wan}.${String(rest).padStart(4, "0").replace(/0+$/, "")}万元`;
}

function citationRef(citation) {
  if (!citation) return null;
  if (typeof citation === "string") return { id: citation, label: citation };
  return { id: citation.id || citation.label, label: citation.label || citation.id, text: citation.text };
}

function clauseLink(citation) {
  const ref = citationRef(citation);
  if (!ref) return null;
  return el("a", {
    class: "clause-link",
    href: `#clause-${ref.id}`,
    "data-clause": ref.id,
    title: ref.text ? ref.text.slice(0, 80) : `查看${ref.label}原文`,
    text: ref.label,
  });
}

function showToast(message) {
  const toast = $("toast");
  toast.textContent = message;
  toast.hidden = false;
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => { toast.hidden = true; }, 2200);
}

async function copyText(text, what = "已复制") {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context or permission; fall back to a hidden textarea.
    const area = el("textarea", { class: "copy-buffer", readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  showToast(what);
}

// ---------- API ----------

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "content-type": "application/json", ...(options.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

/** POST /v1/chat?stream=true and read its server-sent events: onDelta per chunk, the done body returned. */
async function chatStream(message, onDelta) {
  const response = await fetch("/v1/chat?stream=true", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ session_id: state.sessionId, message }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let done = null;
  for (;;) {
    const { value, done: finished } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    let boundary;
    while ((boundary = buffer.indexOf("\n\n")) >= 0) {
      const event = parseSseEvent(buffer.slice(0, boundary));
      buffer = buffer.slice(boundary + 2);
      if (event.name === "delta") onDelta(event.data.text || "");
      else if (event.name === "done") done = event.data;
      else if (event.name === "error") throw new Error(event.data.error ? event.data.error.message : "服务出错");
    }
    if (finished) break;
  }
  if (!done) throw new Error("回答中断，请重试");
  return done;
}

function parseSseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { name, data: data.length ? JSON.parse(data.join("\n")) : {} };
}

// ---------- chat ----------

function addMessage(role, text = "") {
  const body = el("div", { class: "bubble-text", text });
  const item = el("li", { class: `message ${role}` }, [
    el("span", { class: "who", text: role === "user" ? "您" : "助手" }),
    el("div", { class: "bubble" }, [body]),
  ]);
  $("messages").append(item);
  scrollChat();
  return item;
}

function scrollChat() {
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
}

/** Replace each cited label inside the reply text with a link to the clause. */
function linkifyLabels(text, citations) {
  const refs = citations.map(citationRef).filter(Boolean).sort((a, b) => b.label.length - a.label.length);
  const nodes = [];
  let rest = text;
  while (rest) {
    let best = null;
    for (const ref of refs) {
      const at = rest.indexOf(ref.label);
      if (at >= 0 && (best === null || at < best.at)) best = { at, ref };
    }
    if (!best) { nodes.push(rest); break; }
    if (best.at > 0) nodes.push(rest.slice(0, best.at));
    nodes.push(clauseLink(best.ref));
    rest = rest.slice(best.at + best.ref.label.length);
  }
  return nodes;
}

function citationText(citations) {
  const labels = citations.map(citationRef).filter(Boolean).map((ref) => ref.label);
  return labels.length ? `依据：${REGULATION_TITLE}${labels.join("、")}` : `依据：${REGULATION_TITLE}`;
}

function finishAnswer(item, reply, citations, status) {
  const bubble = item.querySelector(".bubble");
  const body = bubble.querySelector(".bubble-text");
  body.replaceChildren(...linkifyLabels(reply, citations));
  if (status === "not_found") item.classList.add("not-found");
  if (citations.length) {
    bubble.append(el("p", { class: "citations" }, [
      el("span", { class: "citations-label", text: "依据条款：" }),
      ...citations.map((c) => clauseLink(c)),
    ]));
  }
  const copy = el("button", { type: "button", class: "copy-answer", text: "复制回答和出处" });
  copy.addEventListener("click", () => copyText(`${reply}\n${citationText(citations)}`, "已复制回答和出处"));
  bubble.append(el("div", { class: "message-actions" }, [copy]));
  state.lastAnswer = { reply, citations };
  item.classList.add("answered");
  scrollChat();
}

async function sendMessage(text) {
  const message = text.trim();
  if (!message || state.busy) return;
  setBusy(true);
  $("examples").hidden = true;
  addMessage("user", message);
  const item = addMessage("assistant");
  item.classList.add("pending");
  const body = item.querySelector(".bubble-text");
  try {
    // A fact edited in the panel must reach the session before the message that builds on it.
    await state.factsSync;
    const result = await chatStream(message, (piece) => { body.textContent += piece; scrollChat(); });
    item.classList.remove("pending");
    state.sessionId = result.session_id || state.sessionId;
    finishAnswer(item, result.reply || body.textContent, result.citations || [], result.status);
    applyChatResult(result);
  } catch (error) {
    item.classList.remove("pending");
    item.classList.add("error", "answered");
    body.textContent = `出错了：${error.message}`;
  } finally {
    setBusy(false);
  }
}

function setBusy(busy) {
  state.busy = busy;
  $("send-button").disabled = busy;
  $("send-button").textContent = busy ? "回答中…" : "发送";
}

function applyChatResult(result) {
  if (result.facts) {
    state.facts = structuredClone(result.facts);
    renderFacts();
  }
  if (result.precheck && result.precheck.results) {
    renderResults(result.precheck.results);
    countPrecheckRun();
  }
  if (result.checklist) renderChecklist(result.checklist);
}

function welcome() {
  addMessage("assistant",
    "您好！我可以解答《武汉市工业互联网发展专项资金管理办法（征求意见稿）》的问题，每个回答都标明依据条款；" +
    "也可以根据您描述的企业情况做资格预审，估算可申请金额上限，并列出申报材料。");
}

async function newConversation() {
  if (state.sessionId) {
    api(`/v1/sessions/${encodeURIComponent(state.sessionId)}`, { method: "DELETE" }).catch(() => {});
  }
  state.sessionId = null;
  state.facts = {};
  factsEdited.latest = null; // an edit still in flight belongs to the old conversation
  $("results").classList.remove("updating");
  state.lastAnswer = null;
  $("messages").replaceChildren();
  $("examples").hidden = false;
  welcome();
  renderFacts();
  renderResults(null);
  $("message-input").focus();
}

// ---------- facts ----------

function getPath(object, path) {
  return path.split(".").reduce((node, key) => (node == null ? undefined : node[key]), object);
}

function setPath(object, path, value) {
  const keys = path.split(".");
  let node = object;
  for (const key of keys.slice(0, -1)) {
    if (node[key] == null || typeof node[key] !== "object") node[key] = {};
    node = node[key];
  }
  const last = keys[keys.length - 1];
  if (value === null || value === undefined) delete node[last];
  else node[last] = value;
}

// An empty pilot list is a fact too ("none obtained"); only null/absent is unknown.
function isKnown(value) {
  return value !== null && value !== undefined;
}

function boolSelect(path, value) {
  const select = el("select", { "data-path": path, "data-kind": "bool" }, [
    el("option", { value: "", text: "未知" }),
    el("option", { value: "true", text: "是" }),
    el("option", { value: "false", text: "否" }),
  ]);
  select.value = value === true ? "true" : value === false ? "false" : "";
  return select;
}

function enumSelect(path, value, options) {
  const select = el("select", { "data-path": path, "data-kind": "enum" }, [
    el("option", { value: "", text: "未知" }),
    ...Object.entries(options).map(([key, text]) => el("option", { value: key, text })),
  ]);
  select.value = value ?? "";
  return select;
}

function numberInput(path, value, kind) {
  const input = el("input", {
    type: "number", min: "0", step: "1", inputmode: "numeric",
    "data-path": path, "data-kind": kind, placeholder: kind === "yuan" ? "金额（元）" : "未知",
  });
  input.value = value ?? "";
  return input;
}

function pilotEditor(path, entries) {
  const rows = (entries || []).map((entry, index) => el("div", { class: "pilot-row" }, [
    enumSelect(`${path}.${index}.program`, entry.program, PILOT_PROGRAMS),
    boolSelectLabelled(`${path}.${index}.first_time`, entry.first_time, "首次"),
    removeButton(path, index),
  ]));
  const add = el("button", { type: "button", class: "small", text: "+ 添加一项试点示范" });
  add.addEventListener("click", () => {
    const list = getPath(state.facts, path) || [];
    setPath(state.facts, path, [...list, { program: "industrial_internet", first_time: true }]);
    factsEdited();
  });
  return el("div", { class: "pilot-editor" }, [...rows, add]);
}

function boolSelectLabelled(path, value, label) {
  return el("label", { class: "inline" }, [label, boolSelect(path, value)]);
}

function removeButton(path, index) {
  const button = el("button", { type: "button", class: "small ghost", text: "删除", "aria-label": "删除此项" });
  button.addEventListener("click", () => {
    const list = [...(getPath(state.facts, path) || [])];
    list.splice(index, 1);
    setPath(state.facts, path, list);
    factsEdited();
  });
  return button;
}

function factEditor(field, value) {
  if (field.kind === "bool") return boolSelect(field.path, value);
  if (field.kind === "enum") return enumSelect(field.path, value, field.options);
  if (field.kind === "pilots") return pilotEditor(field.path, value);
  return numberInput(field.path, value, field.kind);
}

function factRow(field) {
  const value = getPath(state.facts, field.path);
  const id = `fact-${field.path.replaceAll(".", "-")}`;
  const editor = factEditor(field, value);
  if (editor.matches("select, input")) editor.id = id;
  const hint = field.kind === "yuan" && value != null ? el("span", { class: "fact-hint", text: `= ${formatYuan(value)}` }) : null;
  return el("div", { class: "fact-row", "data-field": field.path }, [
    el("label", { for: id, class: "fact-label", text: field.label }),
    el("div", { class: "fact-value" }, [editor, hint]),
  ]);
}

function renderFacts() {
  const known = FACT_FIELDS.filter((field) => isKnown(getPath(state.facts, field.path)));
  const unknown = FACT_FIELDS.filter((field) => !isKnown(getPath(state.facts, field.path)));
  $("fact-list").replaceChildren(...known.map(factRow));
  $("fact-list-more").replaceChildren(...unknown.map(factRow));
  $("facts-empty").hidden = known.length > 0;
}

function readEditor(target) {
  const raw = target.value;
  if (raw === "") return null;
  if (target.dataset.kind === "bool") return raw === "true";
  if (target.dataset.kind === "int" || target.dataset.kind === "yuan") {
    const number = Number.parseInt(raw, 10);
    return Number.isFinite(number) && number >= 0 ? number : null;
  }
  return raw;
}

function onFactChange(event) {
  const target = event.target.closest("[data-path]");
  if (!target) return;
  const path = target.dataset.path;
  const value = readEditor(target);
  if (/\.\d+\./.test(path)) setListPath(path, value);
  else setPath(state.facts, path, value);
  factsEdited(path);
}

// Pilot entries live in an array; "national_recognition.pilot_demo.0.program" addresses one field.
function setListPath(path, value) {
  const [, listPath, index, key] = path.match(/^(.*)\.(\d+)\.(\w+)$/);
  const list = [...(getPath(state.facts, listPath) || [])];
  list[index] = { ...list[index], [key]: value };
  setPath(state.facts, listPath, list);
}

// Redrawing replaces the editors; the one being used keeps the focus.
function renderFactsKeepingFocus(focusPath = document.activeElement?.dataset?.path) {
  renderFacts();
  if (focusPath) {
    const again = document.querySelector(`[data-path="${CSS.escape(focusPath)}"]`);
    if (again) again.focus();
  }
}

// With a conversation under way the edit replaces the session's facts, so the next chat turn builds on it;
// before the first message there is no session and the pre-check alone is re-run.
async function rerunPrecheck(facts) {
  if (!state.sessionId) {
    const body = await api("/v1/precheck", { method: "POST", body: JSON.stringify({ facts }) });
    return { results: body.results };
  }
  const body = await api(`/v1/sessions/${encodeURIComponent(state.sessionId)}/facts`, {
    method: "PUT", body: JSON.stringify({ facts }),
  });
  return { facts: body.facts, results: body.precheck.results };
}

function factsEdited(focusPath) {
  renderFactsKeepingFocus(focusPath);
  $("results").classList.add("updating");
  // Edits go out one after another, so the server never stores an older snapshot over a newer one;
  // only the latest edit's answer is drawn.
  const request = (factsEdited.latest = Symbol("facts"));
  state.factsSync = state.factsSync.then(async () => {
    if (factsEdited.latest !== request) return; // a later edit sends the newer facts
    try {
      const body = await rerunPrecheck(structuredClone(state.facts));
      if (factsEdited.latest !== request) return;
      if (body.facts) {
        state.facts = structuredClone(body.facts);
        renderFactsKeepingFocus();
      }
      renderResults(body.results);
      countPrecheckRun();
      showToast("已按修改后的情况重新预审");
    } catch (error) {
      showToast(`预审失败：${error.message}`);
    } finally {
      if (factsEdited.latest === request) $("results").classList.remove("updating");
    }
  });
  return state.factsSync;
}

// ---------- pre-check results ----------

// The number of pre-checks drawn so far, as an attribute: lets a reader (or a test) see a re-run landed.
function countPrecheckRun() {
  const box = $("results");
  box.dataset.runs = String(Number(box.dataset.runs || 0) + 1);
}

function categoryInfo(id) {
  return CATEGORIES.find((category) => category.id === id) || { id, title: id, clause: null };
}

// The bound is the measures' ceiling, not a promise; an ineligible category shows none.
function amountText(result) {
  if (result.status === "ineligible") return "";
  if (result.max_amount_yuan === null || result.max_amount_yuan === undefined) return "金额待定";
  const bound = `最高 ${formatYuan(result.max_amount_yuan)}`;
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

function resultCard(result, commonPoints) {
  const info = categoryInfo(result.category);
  const decision = DECISION[result.status] || DECISION.undetermined;
  const conditions = result.conditions || [];
  const amount = amountText(result);
  const summary = el("summary", { class: "result-head" }, [
    el("span", { class: "result-title", text: result.title || info.title }),
    el("span", { class: `badge ${decision.css}`, "data-badge": result.status, text: decision.text }),
    amount ? el("span", { class: "amount", text: amount }) : null,
  ]);
  return el("details", {
    class: `result ${decision.css}`, "data-category": result.category, "data-status": result.status,
    open: result.status !== "undetermined" || concernsCategory(result.category),
  }, [
    summary,
    el("ul", { class: "conditions" }, conditions.map(conditionItem)),
    questionsBox(result.questions),
    notesBox(result, commonPoints),
  ]);
}

// A card opens by itself once the conversation gave a fact of the category's own section.
function concernsCategory(category) {
  const section = getPath(state.facts, CATEGORY_SECTIONS[category] || "");
  if (Array.isArray(section)) return true;
  return Boolean(section) && Object.values(section).some(isKnown);
}

// Caveats every category repeats (draft status, stacking, deadlines) are shown once under the cards.
function sharedPoints(results) {
  const [first, ...rest] = results.map((result) => new Set(result.open_points || []));
  return new Set([...(first || [])].filter((point) => rest.every((set) => set.has(point))));
}

function renderResults(results) {
  const box = $("results");
  if (!results || !results.length) {
    box.replaceChildren(el("p", { class: "empty", text: "预审结果会随着对话自动更新：五类支持各自的结论、条件和金额上限。" }));
    return;
  }
  const order = { eligible: 0, undetermined: 1, ineligible: 2 };
  const sorted = [...results].sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
  const common = sharedPoints(results);
  fill(box,
    el("h3", { class: "panel-sub-title", text: "预审结论" }),
    ...sorted.map((result) => resultCard(result, common)),
    common.size ? el("ul", { class: "shared-notes" }, [...common].map((point) => el("li", { text: point }))) : null,
  );
}

// ---------- clause pane ----------

function indexTree(nodes) {
  for (const node of nodes) {
    state.clauseIndex.set(node.id, node);
    state.clauseIndex.set(node.label, node);
    indexTree(node.children || []);
  }
}

async function loadClauses() {
  const body = await api("/v1/clauses");
  state.clauseTree = body.clauses;
  indexTree(body.clauses);
  if (body.regulation && body.regulation.title) {
    $("regulation-title").textContent = `《${body.regulation.title.replace(/^《|》$/g, "")}》`;
  }
}

async function findClause(ref) {
  if (!state.clauseTree) await loadClauses().catch(() => {});
  if (state.clauseIndex.has(ref)) return state.clauseIndex.get(ref);
  const node = await api(`/v1/clauses/${encodeURIComponent(ref)}`);
  state.clauseIndex.set(node.id, node);
  return node;
}

function articleOf(node) {
  return state.clauseIndex.get(`a${node.article}`) || node;
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

async function openClause(ref) {
  let node;
  try {
    node = await findClause(ref);
  } catch (error) {
    showToast(`找不到条款：${ref}`);
    return;
  }
  const article = articleOf(node);
  const highlighted = new Set(descendantIds(node));
  const pane = $("clause-pane");
  $("clause-pane-title").textContent = node.label;
  const copy = el("button", { type: "button", class: "small", text: "复制条款" });
  copy.addEventListener("click", () => copyText(`${REGULATION_TITLE}${node.label}：${node.text}`, "已复制条款原文"));
  fill($("clause-body"),
    el("p", { class: "clause-meta" }, [
      el("strong", { text: `${article.label}${article.caption ? ` ${article.caption}` : ""}` }),
      el("span", { class: "draft-tag", text: "征求意见稿" }),
      copy,
    ]),
    clauseBlock(article, highlighted),
  );
  pane.hidden = false;
  state.openClauseId = node.id;
  document.body.classList.add("clause-open");
  const hit = pane.querySelector(".highlight") || pane.querySelector(".hit");
  if (hit) hit.scrollIntoView({ block: "nearest" });
  pane.scrollIntoView({ block: "nearest" });
}

function closeClause() {
  $("clause-pane").hidden = true;
  state.openClauseId = null;
  document.body.classList.remove("clause-open");
}

// ---------- checklist ----------

function fillCategorySelect() {
  $("checklist-category").replaceChildren(...CATEGORIES.map((category) =>
    el("option", { value: category.id, text: `${category.title}（${category.clause}）` })));
}

async function loadChecklist(category) {
  // Only the latest choice is drawn, even if an earlier request answers last.
  const request = (loadChecklist.latest = Symbol(category));
  fill($("checklist"), el("p", { class: "empty", text: "加载中…" }));
  try {
    const checklist = await api(`/v1/checklist/${encodeURIComponent(category)}`);
    if (loadChecklist.latest === request) renderChecklist(checklist);
  } catch (error) {
    if (loadChecklist.latest === request) fill($("checklist"), el("p", { class: "empty", text: `加载失败：${error.message}` }));
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

function renderChecklist(checklist) {
  state.checklist = checklist;
  if ($("checklist-category").value !== checklist.category) $("checklist-category").value = checklist.category;
  const info = categoryInfo(checklist.category);
  const items = checklist.items || [];
  const proofs = items.filter((item) => item.kind === "condition");
  const materials = items.filter((item) => item.kind !== "condition");
  fill($("checklist"),
    el("header", { class: "checklist-head" }, [
      el("h3", { text: `申报材料清单：${checklist.title || info.title}` }),
      el("p", { class: "checklist-source", text: `${REGULATION_TITLE}${info.clause ? ` · ${info.clause}` : ""}` }),
    ]),
    checklist.application_required === false
      ? el("p", { class: "callout ok", text: "本类别“免申即享”，无需提交申报材料。" })
      : null,
    checklistGroup("一、申报材料", materials),
    checklistGroup(materials.length ? "二、条件证明材料" : "条件证明材料", proofs),
    checklist.note ? el("p", { class: "callout note", text: `说明：${checklist.note}` }) : null,
  );
}

function checklistText() {
  const checklist = state.checklist;
  if (!checklist) return "";
  if (checklist.text) return checklist.text;
  return (checklist.items || []).map((item, i) => `${i + 1}. ${item.name}`).join("\n");
}

// ---------- staff mode: clause search ----------

function setStaffMode(on) {
  document.body.classList.toggle("staff", on);
  $("staff-toggle").checked = on;
  $("staff-search").hidden = !on;
  try { localStorage.setItem("staff-mode", on ? "1" : "0"); } catch { /* private mode */ }
}

async function searchClauses(query) {
  const words = query.trim();
  const list = $("search-results");
  if (!words) { list.replaceChildren(); return; }
  try {
    const body = await api(`/v1/clauses?q=${encodeURIComponent(words)}`);
    const hits = body.clauses || [];
    list.replaceChildren(...(hits.length
      ? hits.map((hit) => searchHit(hit, words))
      : [el("li", { class: "empty", text: "没有找到包含这些词的条款。" })]));
  } catch (error) {
    list.replaceChildren(el("li", { class: "empty", text: `搜索失败：${error.message}` }));
  }
}

function searchHit(hit, words) {
  const copy = el("button", { type: "button", class: "small", text: "复制" });
  copy.addEventListener("click", () => copyText(`${REGULATION_TITLE}${hit.label}：${hit.text}`, "已复制条款"));
  return el("li", { class: "search-hit" }, [
    el("div", { class: "search-hit-head" }, [clauseLink(hit), copy]),
    el("p", { class: "search-snippet" }, highlightWords(hit.text, words.split(/\s+/))),
  ]);
}

function highlightWords(text, words) {
  const wanted = words.filter(Boolean);
  if (!wanted.length) return [text];
  const pattern = new RegExp(`(${wanted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "g");
  return text.split(pattern).map((part, i) => (i % 2 ? el("mark", { text: part }) : part));
}

// ---------- tabs, keyboard, wiring ----------

function selectTab(name) {
  for (const tab of ["precheck", "checklist"]) {
    const on = tab === name;
    $(`tab-${tab}`).setAttribute("aria-selected", String(on));
    $(`panel-${tab}`).hidden = !on;
  }
  if (name === "checklist" && !state.checklist) loadChecklist($("checklist-category").value);
}

function isTyping(target) {
  return target.matches("input, textarea, [contenteditable]");
}

function onKeydown(event) {
  if (event.key === "Escape" && !$("clause-pane").hidden) {
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

function wireChat() {
  const input = $("message-input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    sendMessage(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("examples").addEventListener("click", (event) => {
    const chip = event.target.closest("[data-example]");
    if (chip) sendMessage(chip.dataset.example);
  });
  $("new-chat").addEventListener("click", newConversation);
}

function wirePanels() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-clause]");
    if (!link) return;
    event.preventDefault();
    openClause(link.dataset.clause);
  });
  $("clause-close").addEventListener("click", closeClause);
  $("tab-precheck").addEventListener("click", () => selectTab("precheck"));
  $("tab-checklist").addEventListener("click", () => selectTab("checklist"));
  $("facts").addEventListener("change", onFactChange);
  $("checklist-category").addEventListener("change", (event) => loadChecklist(event.target.value));
  $("checklist-copy").addEventListener("click", () => copyText(checklistText(), "已复制材料清单"));
  $("checklist-print").addEventListener("click", () => window.print());
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
    timer = setTimeout(() => searchClauses(event.target.value), 250);
  });
  document.addEventListener("keydown", onKeydown);
  let stored = null;
  try { stored = localStorage.getItem("staff-mode"); } catch { /* private mode */ }
  setStaffMode(stored === "1" || new URLSearchParams(location.search).has("staff"));
}

function start() {
  fillCategorySelect();
  wireChat();
  wirePanels();
  wireStaff();
  welcome();
  renderFacts();
  renderResults(null);
  loadClauses().catch(() => {});
  const wanted = location.hash.match(/^#clause-(.+)$/);
  if (wanted) openClause(decodeURIComponent(wanted[1]));
  document.body.classList.add("ready");
}

start();
