// Acme CRM: a pretend CRM embedding the agentdesk softphone through the host SDK, to show what
// a host does with it: pop the caller's record on callRinging, click-to-dial phone numbers, log
// every call in the customer's activity. Browser tests read window.__crm.events.
import { h } from "/dom.js";
window.__crm = { events: [] };

const EVENTS = ["ready", "sessionChanged", "agentStateChanged", "callRinging", "callDialing",
  "callAnswered", "callEnded", "afterCallWork", "error"];
const ACTIVITY_KEY = "acme-crm-activity";
const CONTACTS_KEY = "acme-crm-contacts";
const AGENT_STATES = {
  loggedOut: "Logged out", ready: "Ready", paused: "Paused", withdrawn: "Withdrawn",
  wrapUp: "Wrap-up", busy: "Busy", outOfGroup: "Out of group", unknown: "Unknown",
};

const $ = (id) => document.getElementById(id);
const ui = {
  list: $("customer-list"), search: $("customer-search"), count: $("customer-count"),
  record: $("record"), banner: $("banner-region"), notice: $("crm-notice"),
  status: document.querySelector('[data-testid="agent-status"]'), login: $("agent-login"),
  softphone: $("softphone"),
};

const state = {
  customers: [],
  selectedId: null,
  calls: new Map(), // callRef → {callRef, number, name, kind, phase, acd, customerId}
  bannerCallRef: null,
  activity: loadJson(ACTIVITY_KEY, []),
  session: { signedIn: false, login: null, agentState: null, connected: false },
  desk: null,
  widgetOrigin: null,
};

// ---- small helpers ------------------------------------------------------------------------------


function loadJson(key, fallback) {
  try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; }
}
function saveJson(key, value) {
  try { localStorage.setItem(key, JSON.stringify(value)); } catch (err) { console.warn("crm: cannot save", key, err); }
}

const digits = (s) => String(s ?? "").replace(/\D/g, "");
const fold = (s) => String(s ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Same number: same digits, or (national vs international forms) the same last 9 digits. */
function sameNumber(a, b) {
  const x = digits(a), y = digits(b);
  if (!x || !y) return false;
  return x === y || (x.length >= 9 && y.length >= 9 && x.slice(-9) === y.slice(-9));
}
function findCustomer(number) {
  const d = digits(number);
  if (!d) return null;
  return state.customers.find((c) => digits(c.number) === d)
    ?? state.customers.find((c) => sameNumber(c.number, number)) ?? null;
}
const customerById = (id) => state.customers.find((c) => c.id === id) ?? null;

function formatNumber(n) {
  const s = String(n ?? "");
  if (/^\+33\d{9}$/.test(s)) return s.replace(/^\+33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, "+33 $1 $2 $3 $4 $5");
  if (/^0\d{9}$/.test(s)) return s.replace(/(\d\d)(?=\d)/g, "$1 ");
  return s;
}
function formatDuration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  const m = Math.floor(s / 60);
  return m ? `${m} min ${String(s % 60).padStart(2, "0")} s` : `${s} s`;
}
function formatWhen(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}
const initials = (name) => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]).join("").toUpperCase();
const tierClass = (tier) => `tier tier-${fold(tier).replace(/[^a-z]/g, "")}`;

let noticeTimer;
function notice(text) {
  ui.notice.textContent = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { ui.notice.textContent = ""; }, 8000);
}

// ---- customers --------------------------------------------------------------------------------

async function loadCustomers() {
  try {
    const response = await fetch("/customers.json");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    if (!Array.isArray(data)) throw new Error("not an array");
    return data
      .filter((c) => c && c.id != null && typeof c.name === "string" && typeof c.number === "string")
      .map((c) => ({ ...c, id: String(c.id) }));
  } catch (err) {
    console.warn("crm: cannot load /customers.json", err);
    ui.count.textContent = "The customer list could not be loaded.";
    return [];
  }
}

function renderList() {
  const query = ui.search.value.trim();
  const q = fold(query), qd = digits(query);
  const shown = state.customers.filter((c) => !q
    || fold([c.name, c.company, c.city, c.email, c.number].join(" ")).includes(q)
    || (qd.length >= 3 && digits(c.number).includes(qd)));
  ui.list.replaceChildren(...shown.map((c) => h("li", {},
    h("button", {
      type: "button", class: "customer-item", "data-testid": "customer-item", "data-customer-id": c.id,
      "aria-current": c.id === state.selectedId ? "true" : null, onclick: () => select(c.id),
    },
    h("span", { class: "name" }, c.name),
    c.tier ? h("span", { class: tierClass(c.tier) }, c.tier) : null,
    h("span", { class: "sub" }, [c.company, formatNumber(c.number)].filter(Boolean).join(" · "))))));
  ui.count.textContent = query
    ? `${shown.length} of ${state.customers.length} customers`
    : `${state.customers.length} customers`;
}

/** Shows that customer's record; `null` clears the record. */
function select(id) {
  if (id !== null && !customerById(id)) return;
  state.selectedId = id;
  // Only the marker moves (no re-render), so keyboard focus stays on the clicked item.
  for (const item of ui.list.querySelectorAll('[data-testid="customer-item"]')) {
    if (item.dataset.customerId === id) item.setAttribute("aria-current", "true");
    else item.removeAttribute("aria-current");
  }
  renderRecord();
  history.replaceState(null, "", id === null ? location.pathname : `#${encodeURIComponent(id)}`);
}

function createContact(number) {
  const contact = { id: `new-${Date.now().toString(36)}`, name: "New contact", number };
  saveJson(CONTACTS_KEY, [...loadJson(CONTACTS_KEY, []), contact]);
  state.customers.push(contact);
  for (const call of state.calls.values()) {
    if (!call.customerId && sameNumber(call.number, number)) call.customerId = contact.id;
  }
  renderList();
  select(contact.id);
  renderBanner();
}

// ---- the record ---------------------------------------------------------------------------------

function renderRecord() {
  const c = customerById(state.selectedId);
  if (!c) {
    ui.record.removeAttribute("data-customer-id");
    ui.record.removeAttribute("aria-labelledby");
    ui.record.replaceChildren(h("p", { class: "record-empty" },
      "Select a customer, or wait for a call: the caller's record opens by itself."));
    return;
  }
  ui.record.dataset.customerId = c.id;
  ui.record.setAttribute("aria-labelledby", "record-title");
  const fact = (label, value) => value ? [h("dt", {}, label), h("dd", {}, value)] : null;
  const body = JSON.stringify({ pilot: "60141", caller: c.number });
  ui.record.replaceChildren(
    h("header", { class: "record-head" },
      h("span", { class: "avatar", "aria-hidden": "true" }, initials(c.name)),
      h("div", {}, h("h2", { id: "record-title" }, c.name), c.company ? h("p", { class: "company" }, c.company) : null),
      c.tier ? h("span", { class: tierClass(c.tier) }, c.tier) : null),
    h("dl", { class: "facts" },
      fact("Phone", [
        h("a", { class: "phone-link", href: `tel:${c.number.replace(/\s/g, "")}`, "data-testid": "customer-phone" }, formatNumber(c.number)),
        h("span", { class: "hint" }, "click to dial"),
      ]),
      fact("Email", c.email ? h("a", { href: `mailto:${c.email}` }, c.email) : null),
      fact("City", c.city)),
    h("h3", { id: "activity-title" }, "Activity"),
    h("div", { id: "activity" }),
    h("details", { class: "demo-tip" },
      h("summary", {}, "Demo: make this customer call the contact centre"),
      h("pre", {}, h("code", {},
        `curl -X POST ${state.widgetOrigin ?? "http://127.0.0.1:8080"}/api/sim/calls -H 'content-type: application/json' -d '${body}'`))));
  renderActivity();
}

function activityText(a) {
  const talk = formatDuration(a.durationSeconds);
  if (a.direction === "inbound") return a.answered ? `Inbound call · answered · ${talk}` : "Missed call";
  if (a.direction === "outbound") return a.answered ? `Outbound call · answered · ${talk}` : "Outbound call · not answered";
  return a.answered ? `Call · answered · ${talk}` : "Call · not answered";
}

function renderActivity() {
  const box = $("activity");
  if (!box) return;
  const items = state.activity.filter((a) => a.customerId === state.selectedId);
  box.replaceChildren(
    h("ol", { class: "activity-list", "data-testid": "activity-list", "aria-labelledby": "activity-title" },
      items.map((a) => h("li", {
        class: "activity-item", "data-testid": "activity-item",
        "data-answered": String(a.answered), "data-direction": a.direction,
      }, h("span", { class: "activity-text" }, activityText(a)), h("time", { datetime: a.at }, formatWhen(a.at)),
        a.outcome || a.notes ? h("p", { class: "activity-wrap-up small", "data-testid": "activity-wrap-up" },
          [a.outcome ? h("strong", {}, a.outcome) : null, a.outcome && a.notes ? " — " : null, a.notes || null]) : null))),
    ...(items.length ? [] : [h("p", { class: "muted small" }, "No call logged yet.")]));
}

function logCall(customerId, call, ended) {
  state.activity.unshift({
    customerId,
    at: new Date().toISOString(),
    direction: call.kind === "incoming" ? "inbound" : call.kind === "outgoing" ? "outbound" : "unknown",
    answered: ended.answered === true,
    durationSeconds: Number(ended.durationSeconds) || 0,
    number: ended.number ?? call.number ?? null,
    cause: ended.cause ?? null,
    callRef: ended.callRef ?? null,
  });
  state.activity.length = Math.min(state.activity.length, 500);
  saveJson(ACTIVITY_KEY, state.activity);
  if (customerId === state.selectedId) renderActivity();
}

// ---- the call banner --------------------------------------------------------------------------

function renderBanner() {
  const call = state.calls.get(state.bannerCallRef) ?? [...state.calls.values()].at(-1);
  if (!call) { ui.banner.replaceChildren(); return; }
  const c = customerById(call.customerId);
  const who = c?.name ?? call.name;
  const number = call.number ? formatNumber(call.number) : "number withheld";
  const kind = call.kind === "incoming" && !c ? "unknown" : call.kind;
  const act = (label, cls, run) => h("button", { type: "button", class: `small ${cls}`, onclick: () => run().catch((err) => notice(`${label} failed: ${err.message} (${err.code})`)) }, label);
  const answer = act("Answer", "answer", () => state.desk.answer(call.callRef));
  const hangUp = act("Hang up", "hang-up", () => state.desk.hangUp(call.callRef));

  let title;
  if (call.phase === "talking") title = [h("span", { class: "banner-title" }, "On call"), " · ", who ? h("span", { class: "banner-who" }, who) : null, who ? " · " : null, number];
  else if (kind === "unknown") title = [h("span", { class: "banner-title" }, `Unknown caller ${call.number ?? "(number withheld)"}`), call.number ? " — create contact?" : null];
  else if (kind === "incoming") title = [h("span", { class: "banner-title" }, "Incoming call"), " · ", h("span", { class: "banner-who" }, who), " · ", number];
  else title = [h("span", { class: "banner-title" }, "Calling"), " · ", who ? h("span", { class: "banner-who" }, who) : null, who ? " · " : null, number];

  const acd = call.acd;
  const acdText = acd ? [
    acd.pilot ? `Pilot ${acd.pilot}` : null,
    acd.agentGroup ? `queue ${acd.agentGroup}` : null,
    acd.queueWaitingSeconds != null ? `waited ${formatDuration(acd.queueWaitingSeconds)} in queue` : null,
    acd.globalWaitingSeconds != null && acd.globalWaitingSeconds !== acd.queueWaitingSeconds
      ? `${formatDuration(acd.globalWaitingSeconds)} in all` : null,
  ].filter(Boolean).join(" · ") : "";

  ui.banner.replaceChildren(h("div", {
    class: "call-banner", "data-testid": "call-banner", "data-number": call.number ?? "",
    "data-kind": kind, "data-phase": call.phase, "data-call-ref": call.callRef,
  },
  h("div", {}, title),
  h("div", { class: "banner-actions" },
    kind === "unknown" && call.number && call.phase !== "talking"
      ? h("button", { type: "button", class: "small", onclick: () => createContact(call.number) }, "Create contact") : null,
    call.phase === "ringing" ? answer : hangUp),
  acdText ? h("div", { class: "banner-acd" }, acdText) : null));
}

// ---- SDK events ----------------------------------------------------------------------------------

function renderStatus() {
  const s = state.session;
  let key, text;
  if (!s.connected) { key = s.error ? "error" : "connecting"; text = s.error ? "Softphone: unavailable" : "Softphone: connecting…"; }
  else if (s.lost) { key = "error"; text = "Softphone: connection lost"; }
  else if (!s.signedIn) { key = "signedOut"; text = "Agent: signed out"; }
  else { key = s.agentState ?? "unknown"; text = `Agent: ${AGENT_STATES[s.agentState] ?? "signed in"}`; }
  ui.status.dataset.state = key;
  ui.status.textContent = text;
  ui.login.textContent = s.connected && s.signedIn && s.login ? s.login : "";
}

function refreshAgentState() {
  state.desk.getState().then((st) => { state.session.agentState = st?.agentState ?? null; renderStatus(); }, () => {});
}

const onEvent = {
  ready(d) {
    Object.assign(state.session, { connected: true, lost: false, signedIn: !!d.signedIn, login: d.login ?? null, agentState: d.agentState ?? null });
    renderStatus();
    // Calls already there (the CRM was reloaded mid-call): show them, best effort.
    for (const c of Array.isArray(d.calls) ? d.calls : []) {
      if (!c?.callRef || state.calls.has(c.callRef)) continue;
      state.calls.set(c.callRef, {
        callRef: c.callRef, number: c.number ?? null, name: c.name ?? null, acd: null,
        kind: /out/i.test(c.direction) ? "outgoing" : "incoming",
        phase: /ring|alert|offer/i.test(c.state) ? "ringing" : /dial|orig/i.test(c.state) ? "dialing" : "talking",
        customerId: findCustomer(c.number)?.id ?? null,
      });
    }
    renderBanner();
  },
  sessionChanged(d) {
    Object.assign(state.session, { signedIn: !!d.signedIn, login: d.login ?? null, lost: false });
    if (!d.signedIn) state.session.agentState = null;
    renderStatus();
    if (d.signedIn) refreshAgentState();
  },
  agentStateChanged(d) {
    state.session.agentState = d.to ?? null;
    state.session.lost = false;
    renderStatus();
  },
  callRinging(d) { newCall(d, "incoming", "ringing"); },
  callDialing(d) { newCall(d, "outgoing", "dialing"); },
  callAnswered(d) {
    const call = state.calls.get(d.callRef) ?? newCall(d, "unknown", "talking");
    Object.assign(call, { phase: "talking", number: d.number ?? call.number, name: d.name ?? call.name });
    renderBanner();
  },
  callEnded(d) {
    const call = state.calls.get(d.callRef) ?? { kind: "unknown", number: d.number, customerId: null };
    const customerId = call.customerId ?? findCustomer(d.number ?? call.number)?.id ?? null;
    state.calls.delete(d.callRef);
    if (state.bannerCallRef === d.callRef) state.bannerCallRef = null;
    renderBanner();
    if (customerId) logCall(customerId, call, d);
  },
  // The agent's outcome and notes land on the call's activity line, as a CRM keeps them.
  afterCallWork(d) {
    const entry = state.activity.find((a) => a.callRef && a.callRef === d.callRef);
    if (!entry) return;
    Object.assign(entry, { outcome: d.disposition?.label ?? null, notes: d.notes || null });
    saveJson(ACTIVITY_KEY, state.activity);
    if (entry.customerId === state.selectedId) renderActivity();
  },
  error(d) {
    if (d.code === "handshakeTimeout" || d.code === "rejected") { state.session.error = true; renderStatus(); }
    else if (d.code === "connectionLost") { state.session.lost = true; renderStatus(); }
    else if (d.code === "sessionLost") { Object.assign(state.session, { signedIn: false, agentState: null }); renderStatus(); notice("The agent's session was lost: sign in again in the softphone."); }
    else notice(`Softphone: ${d.message} (${d.code})`); // e.g. a click-to-dial that failed
  },
};

function newCall(d, kind, phase) {
  const customer = findCustomer(d.number);
  const call = { callRef: d.callRef, number: d.number ?? null, name: d.name ?? null, acd: d.acd ?? null, kind, phase, customerId: customer?.id ?? null };
  state.calls.set(d.callRef, call);
  state.bannerCallRef = d.callRef;
  // A screen pop: the caller's record, or none rather than a stranger's for an unknown caller.
  if (customer) select(customer.id);
  else if (kind === "incoming") select(null);
  renderBanner();
  return call;
}

// ---- start ----------------------------------------------------------------------------------

ui.search.addEventListener("input", renderList);

const customers = loadCustomers().then((list) => {
  state.customers = [...list, ...loadJson(CONTACTS_KEY, []).filter((c) => c?.id && c.number)];
  renderList();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) select(wanted);
});

let sdk;
try {
  const { WIDGET_ORIGIN } = await import("/env.js");
  state.widgetOrigin = WIDGET_ORIGIN;
  sdk = await import(WIDGET_ORIGIN + "/sdk/agentdesk.js");
} catch (err) {
  console.error("crm: the softphone SDK could not be loaded", err);
  state.session.error = true;
  renderStatus();
  ui.softphone.append(h("p", { class: "softphone-fallback" }, "The softphone could not be loaded."));
}

// Customers first, so the very first callRinging can already find its customer.
await customers;
if (state.selectedId) renderRecord(); // the demo tip now knows the widget's origin

if (sdk) {
  const desk = sdk.createWidget({ container: "#softphone", clickToDial: true });
  state.desk = desk;
  window.__crm.desk = desk;
  for (const name of EVENTS) {
    desk.on(name, (data) => {
      window.__crm.events.push({ name, data });
      onEvent[name](data);
    });
  }
}
