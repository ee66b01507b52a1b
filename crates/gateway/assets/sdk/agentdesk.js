// agentdesk host SDK: embeds the softphone in an iframe and talks to it over a MessageChannel.
// The contract is docs/embed.md. No dependency, no build step, and nothing runs at import time
// (no window/document access) so the module loads anywhere, including Node for unit tests.

export const PROTOCOL_VERSION = 1;
export const SDK_VERSION = "1.0.0";

const EVENTS = ["ready", "sessionChanged", "agentStateChanged", "callRinging", "callDialing",
  "callAnswered", "callEnded", "afterCallWork", "screenPop", "error"];
const LINKS = 'a[href^="tel:" i], a[href^="callto:" i]';

/** A failed command or handshake: `code` is one of docs/embed.md's codes (or SDK-side ones). */
export class AgentdeskError extends Error {
  /** @param {string} code @param {string} [message] */
  constructor(code, message) {
    super(message || code);
    this.name = "AgentdeskError";
    this.code = code;
  }
}

/**
 * The dial string of a `tel:`/`callto:` href: "" when there is nothing dialable
 * (other schemes, letters, an empty number), so callers can simply skip it.
 * @param {string} href
 */
export function dialStringFromHref(href) {
  const m = /^\s*(?:tel:|callto:(?:\/\/)?)([^?#]*)/i.exec(typeof href === "string" ? href : "");
  if (!m) return "";
  let s = m[1];
  try { s = decodeURIComponent(s); } catch { /* a bad escape: keep the raw text, judged below */ }
  s = s.split(";")[0] // ;ext=, ;phone-context= and other parameters
    .replace(/[\s.()\-\u2010-\u2015\u2212]/g, ""); // visual separators (incl. typographic dashes)
  return /^\+?[0-9*#]+$/.test(s) ? s : "";
}

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const cssSize = (v, dflt) => (v == null || v === "" ? dflt : typeof v === "number" ? `${v}px` : String(v));
const optionalString = (v) => v == null || v === "" ? undefined : v;

/**
 * Creates the widget iframe inside `options.container` and starts the handshake.
 * @param {import("./agentdesk").AgentdeskOptions} options
 * @returns {import("./agentdesk").Agentdesk}
 */
export function createWidget(options) {
  const o = options || {};
  const host = typeof o.container === "string" ? globalThis.document?.querySelector(o.container) : o.container;
  if (!host || typeof host.appendChild !== "function") {
    throw new TypeError("agentdesk: options.container must be an element or a selector matching one");
  }
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  // Only the origin counts; a relative widgetUrl is relative to the host page.
  const widgetOrigin = (o.widgetUrl == null ? new URL("/", import.meta.url) : new URL(o.widgetUrl, doc.baseURI)).origin;
  if (widgetOrigin === "null") throw new TypeError("agentdesk: options.widgetUrl needs an http(s) origin");
  const retryMs = o.retryMs ?? 250;
  const commandTimeoutMs = o.commandTimeoutMs ?? 30000;

  const listeners = new Map(EVENTS.map((name) => [name, new Set()]));
  const pending = new Map(); // id → {message, resolve, reject, timer}
  const queue = []; // ids of commands waiting for the handshake
  const candidates = new Map(); // port → sequence number of the hello that carried it
  const retired = []; // earlier winners: kept open so late results still arrive
  const clickToDial = new Set();
  let current = null, currentSeq = -1, seq = 0, nextId = 0;
  let retryTimer = null, handshakeTimer = null, failure = null, destroyed = false, readySettled = false;
  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  // The error event already reports a failed handshake: don't also make it an unhandled rejection.
  ready.catch(() => {});

  const src = new URL("/embed", widgetOrigin);
  for (const key of ["theme", "accent", "lang"]) {
    if (o[key] != null && o[key] !== "") src.searchParams.set(key, String(o[key]));
  }
  const iframe = doc.createElement("iframe");
  iframe.title = o.title ?? "agentdesk softphone";
  iframe.allow = "autoplay";
  iframe.src = src.href;
  // CSSOM properties, not a style attribute: allowed under a host CSP without 'unsafe-inline'.
  Object.assign(iframe.style, { border: "none", display: "block",
    width: cssSize(o.width, "100%"), height: cssSize(o.height, "100%") });

  function emit(name, data) {
    const set = listeners.get(name);
    if (name === "error" && !set?.size) console.warn("agentdesk:", data.code, data.message);
    for (const fn of [...(set ?? [])]) {
      try { fn(data); } catch (err) { console.error("agentdesk: a listener of", name, "threw", err); }
    }
  }

  function sendHello() {
    const target = iframe.contentWindow;
    if (current || failure || destroyed || !target) return;
    const channel = new MessageChannel();
    const port = channel.port1;
    candidates.set(port, seq++);
    port.onmessage = (event) => onPortMessage(port, event.data);
    target.postMessage({ agentdesk: PROTOCOL_VERSION, type: "hello", versions: [PROTOCOL_VERSION], sdk: SDK_VERSION },
      widgetOrigin, [channel.port2]);
  }

  // Hellos start once the widget document is there (its `loaded` hint or the iframe's load
  // event): one posted to the initial about:blank would only earn a console error.
  function startHellos() {
    sendHello();
    if (retryTimer === null && !current && !failure && !destroyed) retryTimer = setInterval(sendHello, retryMs);
  }
  const stopHellos = () => { clearInterval(retryTimer); retryTimer = 0; };

  // The widget document started again inside the iframe (it reloaded itself, or the agent
  // pressed F5 in it): its old port is dead, so shake hands again.
  function rehandshake() {
    if (!current || failure || destroyed) return;
    retired.push(current);
    current = null;
    currentSeq = -1;
    retryTimer = null;
    startHellos();
  }

  // The first load starts the handshake; a later one is the widget starting again.
  function onIframeLoad() {
    if (current) rehandshake(); else startHellos();
  }

  function onWindowMessage(event) {
    if (event.origin !== widgetOrigin || event.source !== iframe.contentWindow) return;
    if (isObject(event.data) && event.data.agentdesk === PROTOCOL_VERSION && event.data.type === "loaded") {
      if (current) rehandshake(); else startHellos();
    }
  }

  // The widget answers every hello it accepts and keeps the port of the latest one, closing the
  // older (docs/embed.md). Hellos still in flight when the first welcome arrives would move it to
  // a newer port, so the welcome of the newest hello wins, not merely the first one.
  function adopt(port, portSeq) {
    for (const [p, s] of candidates) {
      if (s <= portSeq) { candidates.delete(p); if (p !== port) p.close(); }
    }
    if (current) retired.push(current);
    current = port;
    currentSeq = portSeq;
    stopHellos();
    for (const id of queue.splice(0)) post(id);
  }

  function onPortMessage(port, msg) {
    if (destroyed) return;
    if (!isObject(msg) || !Number.isInteger(msg.agentdesk) || typeof msg.type !== "string") {
      console.warn("agentdesk: ignored a malformed message", msg);
      return;
    }
    const isCandidate = candidates.has(port);
    if (msg.type === "welcome" && isCandidate) {
      if (msg.version !== PROTOCOL_VERSION) console.warn("agentdesk: ignored a welcome for version", msg.version);
      else if (candidates.get(port) > currentSeq) adopt(port, candidates.get(port));
    } else if (msg.type === "reject" && isCandidate) {
      // Every hello offers the same versions, so one reject means none will be welcomed.
      if (!current) fail("rejected", `the widget rejected the handshake: ${msg.reason ?? "no reason"}`);
    } else if (msg.type === "event" && port === current) {
      if (typeof msg.event !== "string" || !(isObject(msg.data) || msg.data === undefined)) {
        console.warn("agentdesk: ignored a malformed event", msg);
      } else {
        if (msg.event === "ready" && !readySettled) { readySettled = true; clearTimeout(handshakeTimer); resolveReady(msg.data); }
        emit(msg.event, msg.data ?? {});
      }
    } else if (msg.type === "result" && (port === current || retired.includes(port))) {
      const entry = pending.get(msg.id);
      if (!entry || typeof msg.ok !== "boolean") {
        console.warn("agentdesk: ignored a result that answers no pending command", msg);
      } else if (msg.ok) {
        settle(msg.id, null, msg.data);
      } else {
        const e = isObject(msg.error) ? msg.error : {};
        settle(msg.id, new AgentdeskError(typeof e.code === "string" ? e.code : "unknown",
          typeof e.message === "string" ? e.message : undefined));
      }
    }
    // Other types (and messages on ports that lost) are ignored: forward compatibility.
  }

  function settle(id, error, data) {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    if (error) entry.reject(error); else entry.resolve(data);
  }

  function post(id) {
    const entry = pending.get(id);
    entry.timer = setTimeout(() => settle(id, new AgentdeskError("timeout",
      `no answer to ${entry.message.command} in ${commandTimeoutMs} ms`)), commandTimeoutMs);
    current.postMessage(entry.message);
  }

  function closeAll(error) {
    stopHellos();
    clearTimeout(handshakeTimer);
    for (const p of [...candidates.keys(), ...retired, current]) p?.close();
    candidates.clear();
    retired.length = 0;
    current = null;
    queue.length = 0;
    for (const id of [...pending.keys()]) settle(id, error);
    if (!readySettled) { readySettled = true; rejectReady(error); }
  }

  function fail(code, message) {
    if (failure || destroyed) return;
    failure = new AgentdeskError(code, message);
    closeAll(failure);
    emit("error", { code, message });
  }

  /** Sends a command (or queues it until the handshake); settles with its result. */
  function command(name, fields = {}) {
    if (destroyed) return Promise.reject(new AgentdeskError("destroyed", "the widget was destroyed"));
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      const id = ++nextId;
      const message = { agentdesk: PROTOCOL_VERSION, type: "command", id, command: name };
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) message[k] = v;
      pending.set(id, { message, resolve, reject, timer: null });
      if (current) post(id); else queue.push(id);
    });
  }

  const bad = (message) => Promise.reject(new AgentdeskError("badMessage", message));
  const withCallRef = (name) => (callRef) => {
    const ref = optionalString(callRef);
    return ref === undefined || typeof ref === "string" ? command(name, { callRef: ref })
      : bad(`${name}: callRef must be a string`);
  };

  function on(name, fn) {
    if (typeof fn !== "function") throw new TypeError("agentdesk: on() needs a function");
    if (!listeners.has(name)) listeners.set(name, new Set()); // unknown names: forward compatibility
    listeners.get(name).add(fn);
    return () => off(name, fn);
  }
  const off = (name, fn) => { listeners.get(name)?.delete(fn); };

  /**
   * Dials tel:/callto: links clicked inside `root` through the widget.
   * Delegated and in the capture phase, so links added later work and the page's own
   * handlers still see the click; modified clicks keep the browser's default.
   */
  function enableClickToDial(root = doc) {
    const el = typeof root === "string" ? doc.querySelector(root) : root;
    if (!el || typeof el.addEventListener !== "function") throw new TypeError("agentdesk: bad click-to-dial root");
    const onClick = (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = typeof event.target?.closest === "function" ? event.target.closest(LINKS) : null;
      if (!link || (el.contains && !el.contains(link))) return;
      const number = dialStringFromHref(link.getAttribute("href"));
      if (!number) return; // nothing dialable: leave the link to the browser
      event.preventDefault();
      // Nobody awaits this dial, so its failure is reported as an error event.
      command("dial", { number }).catch((err) => emit("error", { code: err.code, message: err.message }));
    };
    el.addEventListener("click", onClick, true);
    const disable = () => { el.removeEventListener("click", onClick, true); clickToDial.delete(disable); };
    clickToDial.add(disable);
    return disable;
  }

  function destroy() {
    if (destroyed) return;
    destroyed = true;
    win?.removeEventListener("message", onWindowMessage);
    iframe.removeEventListener?.("load", onIframeLoad);
    for (const disable of [...clickToDial]) disable();
    closeAll(new AgentdeskError("destroyed", "the widget was destroyed"));
    listeners.clear();
    iframe.remove?.();
  }

  handshakeTimer = setTimeout(() => fail("handshakeTimeout",
    `no handshake with ${widgetOrigin} in ${o.handshakeTimeoutMs ?? 15000} ms`), o.handshakeTimeoutMs ?? 15000);
  win?.addEventListener("message", onWindowMessage);
  iframe.addEventListener("load", onIframeLoad);
  host.appendChild(iframe);
  if (o.clickToDial) enableClickToDial(o.clickToDial === true ? doc : o.clickToDial.root ?? doc);

  return {
    ready, iframe, on, off, enableClickToDial, destroy,
    dial: (number) => typeof number === "string" && number.trim()
      ? command("dial", { number }) : bad("dial: number must be a non-empty string"),
    answer: withCallRef("answer"),
    hangUp: withCallRef("hangUp"),
    hold: withCallRef("hold"),
    retrieve: withCallRef("retrieve"),
    setReady: () => command("setReady"),
    setPause: (reason) => {
      const r = optionalString(reason);
      return r === undefined || typeof r === "string" ? command("setPause", { reason: r }) : bad("setPause: reason must be a string");
    },
    getState: () => command("getState"),
  };
}
