// API client: JSON requests, the chat stream, and errors that say in Chinese what happened.

/** An HTTP failure or an unreachable server; retryAfter (seconds) when the server said when to come back. */
export class ApiError extends Error {
  constructor(message, { status = 0, code = null, retryAfter = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** Worth sending again as is: the network, a busy server, a rate limit, a conflicting write. */
  get retryable() {
    return this.status === 0 || this.status === 409 || this.status === 429 || this.status >= 500;
  }
}

function retryAfterOf(response) {
  const header = response.headers.get("retry-after");
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : null;
}

function describeStatus(status, retryAfter, serverMessage) {
  const wait = retryAfter ? `，请 ${retryAfter} 秒后再试` : "，请稍后再试";
  if (status === 429) return `发送太频繁${wait}`;
  if (status === 503) return `服务暂时繁忙${wait}`;
  if (status === 409) return `这段对话正在另一处更新${wait}`;
  if (status === 404) return "服务器上找不到这段对话或内容";
  if (status === 413 || status === 422 || status === 400) return `服务器没有接受这条内容${serverMessage ? `（${serverMessage}）` : ""}`;
  if (status >= 500) return `服务器出错（${status}）${wait}`;
  return `请求失败（${status}）`;
}

async function failure(response) {
  const body = await response.json().catch(() => ({}));
  const retryAfter = retryAfterOf(response);
  const serverMessage = body.error ? body.error.message : "";
  return new ApiError(describeStatus(response.status, retryAfter, serverMessage), {
    status: response.status, code: body.error ? body.error.code : null, retryAfter,
  });
}

async function send(path, options) {
  try {
    return await fetch(path, options);
  } catch {
    throw new ApiError("连接不上服务器，请检查网络后重试");
  }
}

export async function api(path, options = {}) {
  const response = await send(path, {
    ...options,
    headers: { "content-type": "application/json", ...(options.headers || {}) },
  });
  if (!response.ok) throw await failure(response);
  return response.json().catch(() => ({}));
}

/** GET that answers null for a 404 or 405 (a record, or a route, that is not there). */
export async function apiOptional(path) {
  try {
    return await api(path);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
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

/** POST /v1/chat?stream=true and read its server-sent events: onDelta per chunk, the done body returned. */
export async function chatStream(payload, onDelta) {
  const response = await send("/v1/chat?stream=true", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(payload),
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let done = null;
  try {
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (value) buffer += decoder.decode(value, { stream: true });
      let boundary;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const event = parseSseEvent(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
        if (event.name === "delta") onDelta(event.data.text || "");
        else if (event.name === "done") done = event.data;
        else if (event.name === "error") throw new ApiError("服务器在回答时出错，请重试", { status: 500 });
      }
      if (finished) break;
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("回答传输中断，请重试");
  }
  if (!done) throw new ApiError("回答传输中断，请重试");
  return done;
}
