// The web chat: every message goes to POST /v1/converse in one session, as `assistant ask`
// does; live events come from GET /v1/events. Text is only ever set as textContent, so
// nothing a reply or a document says can become markup or script.
"use strict";

const HISTORY_KEY = "assistant.history";
const SESSION_KEY = "assistant.session";
const TOKEN_KEY = "assistant.token";
const MAX_KEPT = 200;

const history = document.getElementById("history");
const input = document.getElementById("text");
const live = document.getElementById("live");
const tokenForm = document.getElementById("token-form");
let sent = [];  // what the user typed, for the up arrow

function session() {
  let name = localStorage.getItem(SESSION_KEY);
  if (!name) {
    name = "web-" + Math.random().toString(36).slice(2, 12);
    localStorage.setItem(SESSION_KEY, name);
  }
  return name;
}

function headers() {
  const h = { "Content-Type": "application/json" };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method, headers: headers(), body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (response.status === 401) tokenForm.hidden = false;
  if (!response.ok) throw new Error((data && data.error) || `HTTP ${response.status}`);
  return data;
}

// --- rendering -----------------------------------------------------------------------

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(entry) {
  const bubble = element("div", "turn " + entry.role, entry.text);
  bubble.dataset.role = entry.role;
  if (entry.sources && entry.sources.length) bubble.append(sourceList(entry.sources));
  if (entry.question && !entry.answered) bubble.append(choices(entry));
  if (entry.meta) bubble.append(element("div", "meta", entry.meta));
  history.append(bubble);
  bubble.scrollIntoView({ block: "end" });
  return bubble;
}

function sourceList(sources) {
  const list = element("ul", "sources");
  for (const source of sources) {
    const item = element("li");
    if (source.type === "document") {
      const where = [source.path, ...(source.headings || [])].join(" › ");
      const link = element("a", "source", where);
      link.href = "/v1/chunks/" + encodeURIComponent(source.chunk_id);
      link.addEventListener("click", (event) => { event.preventDefault(); showPassage(item, source.chunk_id); });
      item.append(link);
    } else if (source.type === "graph" || source.type === "fact") {
      const facts = source.path || [source];
      item.textContent = facts.map((f) => `${f.subject} ${f.relation} ${f.object}`).join("; ");
    } else {
      item.textContent = JSON.stringify(source);
    }
    list.append(item);
  }
  return list;
}

async function showPassage(item, chunkId) {
  const open = item.querySelector(".passage");
  if (open) { open.remove(); return; }
  const box = element("div", "passage", "…");
  item.append(box);
  try {
    const chunk = await api("GET", "/v1/chunks/" + encodeURIComponent(chunkId));
    box.textContent = chunk.text;
  } catch (error) {
    box.textContent = error.message;
  }
}

// The options a question offers: Yes/No for a confirmation; for a choice, the numbered
// options in its text ("Did you mean 1) … or 2) …?"), answered by number.
function options(question) {
  if (question.kind === "confirm") return [["Yes", "yes"], ["No", "no"]];
  if (question.kind !== "choice") return [];
  const parts = question.text.split(/\s(\d+)\)\s/);
  const found = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const label = parts[i + 1].replace(/\s+or$/, "").replace(/[?.]$/, "").trim();
    found.push([label, parts[i]]);
  }
  return found.length ? found : question.options.map((o, n) => [o, String(n + 1)]);
}

function choices(entry) {
  const row = element("div", "choices");
  for (const [label, answer] of options(entry.question)) {
    const button = element("button", "choice", label);
    button.type = "button";
    button.addEventListener("click", () => {
      entry.answered = true;
      save();
      for (const b of row.querySelectorAll("button")) b.disabled = true;
      send(answer);
    });
    row.append(button);
  }
  return row;
}

// --- history kept in the browser ------------------------------------------------------

let entries = [];

function save() {
  localStorage.setItem(HISTORY_KEY, JSON.stringify(entries.slice(-MAX_KEPT)));
}

function add(entry) {
  entries.push(entry);
  save();
  return render(entry);
}

function restore() {
  try { entries = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); } catch { entries = []; }
  // A question from an earlier page load may have expired on the server: show it, no buttons.
  for (const entry of entries) { if (entry.question) entry.answered = true; render(entry); }
}

function stamp() {
  return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// --- talking --------------------------------------------------------------------------

async function send(text) {
  text = text.trim();
  if (!text) return;
  sent.push(text);
  add({ role: "user", text, meta: stamp() });
  try {
    const turn = await api("POST", "/v1/converse", { text, session: session() });
    const who = turn.intent ? `${turn.intent} · ${Math.round((turn.confidence || 0) * 100)}%` : turn.kind;
    add({
      role: "assistant", text: turn.text, sources: turn.sources, question: turn.question,
      meta: `${stamp()} · ${who} · turn ${turn.turn_id}`,
    });
  } catch (error) {
    add({ role: "error", text: error.message, meta: stamp() });
  }
}

document.getElementById("ask").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value;
  input.value = "";
  send(text);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    document.getElementById("ask").requestSubmit();
  } else if (event.key === "ArrowUp" && !input.value && sent.length) {
    event.preventDefault();
    input.value = sent[sent.length - 1];
  }
});

document.getElementById("new-chat").addEventListener("click", () => {
  entries = [];
  save();
  localStorage.removeItem(SESSION_KEY);
  history.replaceChildren();
  input.focus();
});

tokenForm.addEventListener("submit", (event) => {
  event.preventDefault();
  localStorage.setItem(TOKEN_KEY, document.getElementById("token").value.trim());
  tokenForm.hidden = true;
  listen();
});

// --- live events (read with fetch so the token can go in a header) --------------------

const DESCRIBE = {
  "reminder.due": (data) => data.text,
  "device.changed": (data) =>
    `${data.device}: ` + Object.entries(data.new || {}).map(([k, v]) => `${k} → ${v}`).join(", "),
  "correction.recorded": (data) => `Noted: turn ${data.turn_id} was ${data.label}`,
};

let listening = null;

async function listen() {
  if (listening) listening.abort();
  const controller = new AbortController();
  listening = controller;
  let wait = 1000;
  while (!controller.signal.aborted) {
    try {
      const response = await fetch("/v1/events", { headers: headers(), signal: controller.signal });
      if (response.status === 401) { tokenForm.hidden = false; live.className = "live off"; live.textContent = "needs token"; return; }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        wait = 1000;
      }
    } catch (error) {
      if (controller.signal.aborted) return;
    }
    live.className = "live off";
    live.textContent = "reconnecting";
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 30000);
  }
}

function dispatch(block) {
  let kind = "message";
  let data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) kind = line.slice(7);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  if (kind === "ready") { live.className = "live on"; live.textContent = "live"; return; }
  const describe = DESCRIBE[kind];
  if (!describe) return;
  const payload = JSON.parse(data || "{}");
  add({ role: "notice", text: describe(payload), meta: `${stamp()} · ${kind}`, kind });
}

restore();
listen();
