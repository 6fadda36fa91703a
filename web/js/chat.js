// Chat: a queue of messages sent in order, streamed answers, choice buttons, retry, restore and new chat.

import { ApiError, api, apiOptional, chatStream } from "./api.js";
import { renderChecklist } from "./checklist.js";
import { $, citationRef, clauseLink, copyText, el } from "./dom.js";
import { adoptServerFacts, factsSettled, resetFacts } from "./facts.js";
import { renderResults } from "./results.js";
import { regulationTitle, rememberSession, state, storedSessionId, withRegulation } from "./state.js";

const AUTO_RETRIES = 3; // a busy server (429/503 with Retry-After) is waited for this many times
const LONGEST_AUTO_WAIT = 60; // seconds; a longer Retry-After is shown, not waited for silently

const queue = []; // outgoing turns: {message, choice, shown, user, assistant}
let sending = false;
let stopped = null; // the turn that failed; the queue waits behind it until it is retried
let generation = 0; // bumped by 新对话: an answer still on its way belongs to the old conversation

function scrollChat() {
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
}

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

export function citationText(citations) {
  const refs = citations.map(citationRef).filter(Boolean);
  const title = regulationTitle(refs.length ? refs[0].regulation : undefined);
  return `依据：${title}${refs.map((ref) => ref.label).join("、")}`;
}

function finishAnswer(item, reply, citations, status) {
  const bubble = item.querySelector(".bubble");
  bubble.querySelector(".bubble-text").replaceChildren(...linkifyLabels(reply, citations));
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

// ---------- choices under the assistant's question ----------

function clearChoices() {
  for (const group of document.querySelectorAll("#messages .choices")) group.remove();
}

function showChoices(item, question) {
  clearChoices();
  if (!question || !question.choices || !question.choices.length) return;
  const buttons = question.choices.map((choice) => {
    const button = el("button", {
      type: "button", class: "choice", text: choice.label,
      "data-fact": question.fact, "data-value": JSON.stringify(choice.value),
    });
    button.addEventListener("click", () => {
      clearChoices();
      enqueue({ choice: { fact: question.fact, value: choice.value }, shown: choice.label });
      $("message-input").focus();
    });
    return button;
  });
  item.querySelector(".bubble").append(el("div", {
    class: "choices", role: "group", "aria-label": question.text || "请选择",
  }, buttons));
  scrollChat();
}

// ---------- sending, in order ----------

function applyChatResult(result) {
  if (result.facts) adoptServerFacts(result.facts);
  if (result.precheck && result.precheck.results) renderResults(result.precheck.results);
  if (result.checklist) renderChecklist(result.checklist);
}

// What was typed but not yet answered survives a reload: the draft in the box and the queued messages.
const UNSENT_KEY = "policy-assistant.unsent";

function saveUnsent() {
  const texts = [...new Set([...queue.map((turn) => turn.message), $("message-input").value.trim()].filter(Boolean))];
  try {
    if (texts.length) localStorage.setItem(UNSENT_KEY, JSON.stringify(texts));
    else localStorage.removeItem(UNSENT_KEY);
  } catch { /* private mode */ }
}

/** Put what was left unsent before a reload back into the message box. */
export function restoreUnsent() {
  let texts = [];
  try { texts = JSON.parse(localStorage.getItem(UNSENT_KEY) || "[]"); } catch { texts = []; }
  if (!Array.isArray(texts) || !texts.length) return;
  const input = $("message-input");
  input.value = texts.join("\n");
  $("queue-note").textContent = "上次没有发出的内容已放回输入框。";
  $("queue-note").hidden = false;
}

export function wireUnsent() {
  $("message-input").addEventListener("input", saveUnsent);
}

function updateQueueState() {
  saveUnsent();
  const waiting = queue.length - (sending || stopped ? 1 : 0);
  $("send-button").textContent = sending ? "回答中…" : "发送";
  $("queue-note").textContent = !waiting ? ""
    : stopped ? `还有 ${waiting} 条在排队，上一条重试成功后按顺序发送` : `还有 ${waiting} 条在排队，会按顺序发送`;
  $("queue-note").hidden = waiting <= 0;
}

/** Show the message at once and queue it; messages go out one at a time, in the order typed. */
export function enqueue({ message = null, choice = null, shown = message }) {
  const turn = { message, choice, shown, generation };
  turn.user = addMessage("user", shown);
  turn.user.classList.add("queued");
  queue.push(turn);
  $("examples").hidden = true;
  updateQueueState();
  pump();
}

function sleep(seconds) {
  return new Promise((resolve) => { setTimeout(resolve, seconds * 1000); });
}

async function sendTurn(turn) {
  turn.user.classList.remove("queued", "failed");
  const item = turn.assistant || addMessage("assistant");
  turn.assistant = item;
  item.className = "message assistant pending";
  item.querySelector(".bubble").replaceChildren(el("div", { class: "bubble-text" }));
  const body = item.querySelector(".bubble-text");
  await factsSettled(); // a fact edited in the panel reaches the session before the message that builds on it
  const payload = withRegulation({ session_id: state.sessionId });
  if (turn.message) payload.message = turn.message;
  if (turn.choice) payload.choice = turn.choice;
  for (let attempt = 0; ; attempt += 1) {
    try {
      body.textContent = "";
      const result = await chatStream(payload, (piece) => { body.textContent += piece; scrollChat(); });
      if (turn.generation !== generation) return;
      item.classList.remove("pending");
      if (result.session_id) rememberSession(result.session_id);
      finishAnswer(item, result.reply || body.textContent, result.citations || [], result.status);
      showChoices(item, result.next_question);
      applyChatResult(result);
      return;
    } catch (error) {
      const wait = error instanceof ApiError ? error.retryAfter : null;
      const busy = error instanceof ApiError && (error.status === 429 || error.status === 503 || error.status === 409);
      if (!busy || attempt >= AUTO_RETRIES || wait === null || wait > LONGEST_AUTO_WAIT) throw error;
      body.textContent = `${error.message}：${wait} 秒后自动重发…`;
      await sleep(wait);
    }
  }
}

function showFailure(turn, error) {
  const item = turn.assistant;
  item.className = "message assistant error answered";
  turn.user.classList.add("failed");
  const retry = el("button", { type: "button", class: "retry", text: "重试" });
  retry.addEventListener("click", () => retryTurn(turn));
  item.querySelector(".bubble").replaceChildren(
    el("div", { class: "bubble-text", text: `没有发送成功：${error.message}。您的消息已保留，可以点“重试”。` }),
    el("div", { class: "message-actions" }, [retry]),
  );
  // The words stay where the user can edit them, unless they already started typing something else.
  const input = $("message-input");
  if (turn.message && !input.value.trim()) input.value = turn.message;
  if (error.retryAfter) holdRetry(retry, error.retryAfter);
  scrollChat();
}

// The server said when to come back: the button waits that long, counting down.
function holdRetry(button, seconds) {
  let left = seconds;
  button.disabled = true;
  const tick = () => {
    if (left <= 0) {
      button.disabled = false;
      button.textContent = "重试";
      return;
    }
    button.textContent = `重试（${left} 秒）`;
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}

function retryTurn(turn) {
  if (stopped !== turn) return;
  stopped = null;
  const input = $("message-input");
  if (turn.message && input.value.trim() === turn.message.trim()) input.value = "";
  pump();
}

async function pump() {
  if (sending || stopped) return;
  sending = true;
  updateQueueState();
  try {
    while (queue.length && !stopped) {
      const turn = queue[0];
      try {
        await sendTurn(turn);
        queue.shift();
      } catch (error) {
        stopped = turn;
        showFailure(turn, error);
      }
      updateQueueState();
    }
  } finally {
    sending = false;
    updateQueueState();
  }
}

/** The composer's text: a retry when it is the failed message again, a new message otherwise. */
export function submitText(text) {
  const message = text.trim();
  if (!message) return;
  if (stopped && stopped.message && stopped.message.trim() === message) {
    retryTurn(stopped);
    return;
  }
  enqueue({ message });
}

// ---------- a conversation's start, restore and end ----------

export function welcome() {
  const title = regulationTitle();
  addMessage("assistant",
    `您好！我可以解答${title || "政策"}的问题，每个回答都标明依据条款；` +
    "也可以根据您描述的企业情况做资格预审，估算可申请金额上限，并列出申报材料。");
}

function showTurn(turn) {
  const item = addMessage(turn.role === "user" ? "user" : "assistant", turn.text);
  if (turn.role !== "user") finishAnswer(item, turn.text, turn.citations || [], turn.status);
  return item;
}

/** Rebuild the conversation, facts and results kept on the server; true when there were turns to show. */
export async function restoreSession() {
  const id = storedSessionId();
  if (!id) return false;
  for (let attempt = 0; attempt < AUTO_RETRIES; attempt += 1) {
    try {
      const session = await apiOptional(`/v1/sessions/${encodeURIComponent(id)}`);
      if (!session) {
        rememberSession(null); // expired or deleted on the server
        return false;
      }
      rememberSession(session.session_id || id);
      const turns = session.turns || [];
      let last = null;
      for (const turn of turns) last = showTurn(turn);
      if (turns.length) $("examples").hidden = true;
      if (last && session.next_question) showChoices(last, session.next_question);
      adoptServerFacts(session.facts || {});
      if (session.precheck && session.precheck.results) renderResults(session.precheck.results, { cue: false });
      return turns.length > 0;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable) {
        rememberSession(null); // refused for good (e.g. a malformed id): start a new conversation
        return false;
      }
      const wait = error.retryAfter ?? 2;
      if (attempt === AUTO_RETRIES - 1 || wait > LONGEST_AUTO_WAIT) {
        state.sessionId = id; // keep it: a later turn continues the same conversation
        const note = addMessage("assistant", `上次的对话暂时无法恢复：${error.message}。`);
        note.classList.add("error", "answered", "restore-failed");
        return false;
      }
      await sleep(Math.min(wait, LONGEST_AUTO_WAIT));
    }
  }
  return false;
}

/** Start afresh: the old conversation is deleted on the server, the page forgets it. */
export async function newConversation() {
  const old = state.sessionId;
  generation += 1;
  queue.length = 0;
  stopped = null;
  rememberSession(null);
  if (old) api(`/v1/sessions/${encodeURIComponent(old)}`, { method: "DELETE" }).catch(() => {});
  state.lastAnswer = null;
  $("messages").replaceChildren();
  $("examples").hidden = false;
  $("message-input").value = "";
  updateQueueState();
  welcome();
  resetFacts();
  renderResults(null);
  $("message-input").focus();
}
