// Embed API page: a live widget, a Run button per command showing the promise's outcome, and a
// log of every event. Browser tests read window.__embedApi.events.
import { h } from "/dom.js";
window.__embedApi = { events: [] };

const EVENTS = ["ready", "sessionChanged", "agentStateChanged", "callRinging", "callDialing",
  "callAnswered", "callEnded", "afterCallWork", "error"];
const COMMANDS = [
  { name: "dial", does: "calls the number", arg: { name: "number", label: "Number", value: "+33612345601" } },
  { name: "answer", does: "answers that call, or the first ringing call", arg: { name: "callRef", label: "callRef", optional: true } },
  { name: "hangUp", does: "hangs up that call, or the active call, or the only call", arg: { name: "callRef", label: "callRef", optional: true } },
  { name: "hold", does: "holds that call, or the active call", arg: { name: "callRef", label: "callRef", optional: true } },
  { name: "retrieve", does: "retrieves that call, or the held call", arg: { name: "callRef", label: "callRef", optional: true } },
  { name: "setReady", does: "makes the agent ready" },
  { name: "setPause", does: "no reason: pause; a reason (a label like \u201cLunch\u201d, or its number like \u201c2\u201d): withdraw with it", arg: { name: "reason", label: "Reason", optional: true } },
  { name: "getState", does: "resolves with the current state (the shape of ready's data)" },
];
const AGENT_STATES = {
  loggedOut: "Logged out", ready: "Ready", paused: "Paused", withdrawn: "Withdrawn",
  wrapUp: "Wrap-up", busy: "Busy", outOfGroup: "Out of group", unknown: "Unknown",
};

let desk = null;
const log = document.getElementById("event-log");
const status = document.getElementById("api-status");


// ---- commands -----------------------------------------------------------------------------------

function commandCard(cmd) {
  const inputId = `arg-${cmd.name}`;
  const input = cmd.arg ? h("input", {
    id: inputId, type: "text", autocomplete: "off", value: cmd.arg.value ?? "",
    placeholder: cmd.arg.optional ? "optional" : null, "data-testid": `arg-${cmd.name}`,
  }) : null;
  const code = h("code");
  const snippet = () => {
    const v = input?.value ?? "";
    const args = cmd.arg && !(cmd.arg.optional && v === "") ? JSON.stringify(v) : "";
    code.textContent = `await desk.${cmd.name}(${args});`;
  };
  input?.addEventListener("input", snippet);
  snippet();

  const result = h("output", { class: "result", "data-testid": `result-${cmd.name}`, for: cmd.arg ? inputId : null, "aria-live": "polite" });
  const data = h("pre", { class: "result-data", "data-testid": `result-data-${cmd.name}` });
  const run = h("button", { type: "button", class: "small primary", "data-testid": `run-${cmd.name}`, disabled: true }, "Run");
  run.addEventListener("click", async () => {
    if (!desk) return;
    const v = input?.value ?? "";
    // An empty optional argument is left out, as a host would; a required one is passed as is,
    // so an empty number shows the SDK's own badMessage check.
    const args = cmd.arg && !(cmd.arg.optional && v.trim() === "") ? [v] : [];
    result.dataset.outcome = "pending";
    delete result.dataset.code;
    result.textContent = "pending…";
    data.textContent = "";
    try {
      const value = await desk[cmd.name](...args);
      result.dataset.outcome = "ok";
      result.textContent = "ok";
      if (value !== undefined) data.textContent = JSON.stringify(value, null, 2);
    } catch (err) {
      result.dataset.outcome = "error";
      result.dataset.code = err?.code ?? "";
      result.textContent = `${err?.name ?? "Error"} ${err?.code ?? ""}: ${err?.message ?? err}`;
    }
  });

  return h("li", { class: "command", "data-command": cmd.name },
    h("div", { class: "command-head" }, h("code", {}, cmd.name), h("span", { class: "does" }, cmd.does)),
    h("pre", {}, code),
    h("div", { class: "command-run" },
      input ? h("label", { for: inputId }, cmd.arg.label, input) : null,
      run, result, data));
}

document.getElementById("commands").append(...COMMANDS.map(commandCard));

// ---- event log -------------------------------------------------------------------------------------

const pad = (n, w = 2) => String(n).padStart(w, "0");
function logEvent(name, data) {
  const now = new Date();
  const stamp = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}`;
  log.prepend(h("li", { "data-testid": "event-log-item", "data-event": name },
    h("time", { datetime: now.toISOString() }, stamp),
    h("strong", {}, name),
    h("pre", {}, JSON.stringify(data))));
  while (log.children.length > 200) log.lastElementChild.remove();
}
document.getElementById("clear-log").addEventListener("click", () => log.replaceChildren());

// ---- status pill ---------------------------------------------------------------------------------

const session = { signedIn: false, agentState: null };
function showStatus(key, text) { status.dataset.state = key; status.textContent = text; }
function renderSession() {
  if (!session.signedIn) showStatus("signedOut", "Agent: signed out");
  else showStatus(session.agentState ?? "unknown", `Agent: ${AGENT_STATES[session.agentState] ?? "signed in"}`);
}
const onEvent = {
  ready(d) { Object.assign(session, { signedIn: !!d.signedIn, agentState: d.agentState ?? null }); renderSession(); },
  sessionChanged(d) {
    Object.assign(session, { signedIn: !!d.signedIn, agentState: null });
    renderSession();
    if (d.signedIn) desk.getState().then((s) => { session.agentState = s?.agentState ?? null; renderSession(); }, () => {});
  },
  agentStateChanged(d) { session.agentState = d.to ?? null; renderSession(); },
  error(d) {
    if (d.code === "handshakeTimeout" || d.code === "rejected") showStatus("error", "Softphone: unavailable");
    else if (d.code === "connectionLost") showStatus("error", "Softphone: connection lost");
    else if (d.code === "sessionLost") { session.signedIn = false; renderSession(); }
  },
};

// ---- start --------------------------------------------------------------------------------------

try {
  const { WIDGET_ORIGIN } = await import("/env.js");
  for (const el of document.querySelectorAll(".widget-origin")) el.textContent = WIDGET_ORIGIN;
  for (const a of document.querySelectorAll("a.sdk-types")) a.href = `${WIDGET_ORIGIN}/sdk/agentdesk.d.ts`;
  const sdk = await import(WIDGET_ORIGIN + "/sdk/agentdesk.js");
  desk = sdk.createWidget({ container: "#softphone", clickToDial: true });
  window.__embedApi.desk = desk;
  for (const name of EVENTS) {
    desk.on(name, (data) => {
      window.__embedApi.events.push({ name, data });
      logEvent(name, data);
      onEvent[name]?.(data);
    });
  }
  for (const button of document.querySelectorAll('[data-testid^="run-"]')) button.disabled = false;
} catch (err) {
  console.error("embed-api: the softphone SDK could not be loaded", err);
  showStatus("error", "Softphone: unavailable");
  document.getElementById("softphone").append(h("p", { class: "softphone-fallback" }, "The softphone could not be loaded."));
}
