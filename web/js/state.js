// What the page knows: the session, the facts, the schema and regulations fetched from the API.

export const state = {
  sessionId: null,
  regulation: null, // the chosen regulation id when more than one is loaded
  regulations: [], // [{id, title, status}] from /v1/regulations
  schema: { categories: [], facts: [] }, // /v1/facts/schema
  facts: {},
  results: null, // the latest pre-check results drawn
  clauses: new Map(), // regulation id ("" for the default) → Map of its clauses by id and label
  lastAnswer: null,
  checklist: null,
};

const SESSION_KEY = "policy-assistant.session";

export function storedSessionId() {
  try { return localStorage.getItem(SESSION_KEY); } catch { return null; }
}

export function rememberSession(id) {
  state.sessionId = id || null;
  try {
    if (id) localStorage.setItem(SESSION_KEY, id);
    else localStorage.removeItem(SESSION_KEY);
  } catch { /* private mode: the conversation just won't survive a reload */ }
}

/** The title of a regulation by id (or of the only one), in 《》. */
export function regulationTitle(id = state.regulation) {
  const found = state.regulations.find((r) => r.id === id) || state.regulations[0];
  if (!found || !found.title) return "";
  return `《${found.title.replace(/^《|》$/g, "")}》`;
}

export function categoryTitle(id) {
  const found = state.schema.categories.find((category) => category.id === id);
  return found ? found.title : id;
}

export function getPath(object, path) {
  return path.split(".").reduce((node, key) => (node == null ? undefined : node[key]), object);
}

export function setPath(object, path, value) {
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

// An empty list is a fact too ("none obtained"); only null/absent is unknown.
export function isKnown(value) {
  return value !== null && value !== undefined;
}

/** Adds the regulation to a request body when the user picked one. */
export function withRegulation(body) {
  return state.regulation ? { ...body, regulation: state.regulation } : body;
}

/** "?regulation=<id>" for the chosen (or given) regulation, "" when the server's default applies. */
export function regulationQuery(id = state.regulation, joiner = "?") {
  return id ? `${joiner}regulation=${encodeURIComponent(id)}` : "";
}
