// Unit tests of the host SDK (crates/gateway/assets/sdk/agentdesk.js) in plain Node: a fake host
// document/window/iframe and a fake widget on the other end of Node's real MessageChannel.
// Run: node --test e2e/sdk.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AgentdeskError, PROTOCOL_VERSION, SDK_VERSION, createWidget, dialStringFromHref,
} from "../crates/gateway/assets/sdk/agentdesk.js";

const WIDGET = "http://127.0.0.1:8080";

test("dialStringFromHref", () => {
  const cases = [
    ["tel:+33%201%2023%2045%2067%2089", "+33123456789"],
    ["tel:0612-34.56(78)", "0612345678"],
    ["TEL:+33 6 12 34 56 01", "+33612345601"],
    ["callto:0612345678", "0612345678"],
    ["callto://12345", "12345"],
    ["tel:123;ext=9", "123"],
    ["tel:+331234;phone-context=example.com", "+331234"],
    ["tel:123?foo=bar", "123"],
    ["tel:*31%23", "*31#"],
    ["tel:%ZZ", ""],
    ["tel:", ""],
    ["tel:+", ""],
    ["tel:1+2", ""],
    ["tel:1-800-FLOWERS", ""],
    ["javascript:alert(1)", ""],
    ["https://example.com/tel:123", ""],
    ["", ""],
    [undefined, ""],
  ];
  for (const [href, expected] of cases) assert.equal(dialStringFromHref(href), expected, String(href));
});

test("constants", () => {
  assert.equal(PROTOCOL_VERSION, 1);
  assert.equal(SDK_VERSION, "1.0.0");
  const err = new AgentdeskError("refused", "no");
  assert.ok(err instanceof Error);
  assert.equal(err.name, "AgentdeskError");
  assert.equal(err.code, "refused");
  assert.equal(err.message, "no");
});

// --- fakes -------------------------------------------------------------------------------------

class FakeTarget {
  listeners = [];
  addEventListener(type, fn, capture) { this.listeners.push({ type, fn, capture: !!capture }); }
  removeEventListener(type, fn, capture) {
    this.listeners = this.listeners.filter((l) => !(l.type === type && l.fn === fn && l.capture === !!capture));
  }
  dispatch(type, event = {}) { for (const l of [...this.listeners]) if (l.type === type) l.fn(event); }
  count(type) { return this.listeners.filter((l) => l.type === type).length; }
}

/**
 * A fake host page and widget. `widget(hello, index)` decides what the widget does with each
 * hello: "welcome", "reject", "ignore" or "hold" (default: welcome the first, ignore the others,
 * so a retry racing the welcome cannot move the widget to another port).
 */
function setup({ widget = (_, i) => (i === 0 ? "welcome" : "ignore"), onCommand = (m, reply) => reply({ ok: true }), ready = {} } = {}) {
  const hellos = [];
  const commands = [];
  const ports = [];
  const widgetWindow = {
    postMessage(message, targetOrigin, transfer) {
      const hello = { message, targetOrigin, port: transfer?.[0] };
      hellos.push(hello);
      const what = widget(hello, hellos.length - 1);
      if (what === "ignore") return;
      const port = hello.port;
      ports.push(port);
      if (what === "reject") {
        port.postMessage({ agentdesk: 1, type: "reject", reason: "unsupportedVersion", supported: [1] });
        return;
      }
      if (what === "hold") return; // the test answers later through env.welcome(port)
      env.welcome(port);
    },
  };
  const hostWindow = new FakeTarget();
  const doc = {
    defaultView: hostWindow,
    createElement(tag) {
      assert.equal(tag, "iframe");
      const iframe = new FakeTarget();
      Object.assign(iframe, { style: {}, contentWindow: widgetWindow, removed: false, remove() { this.removed = true; } });
      return iframe;
    },
  };
  const container = { ownerDocument: doc, children: [], appendChild(el) { this.children.push(el); } };
  const env = {
    hellos, commands, ports, hostWindow, container, widgetWindow, doc,
    welcome(port) {
      port.onmessage = (event) => {
        commands.push({ port, message: event.data });
        onCommand(event.data, (result) => port.postMessage({ agentdesk: 1, type: "result", id: event.data.id, ...result }));
      };
      port.postMessage({ agentdesk: 1, type: "welcome", version: 1, widget: "0.1.0" });
      port.postMessage({ agentdesk: 1, type: "event", event: "ready", data: { version: 1, signedIn: false, login: null, agentState: "loggedOut", calls: [], ...ready } });
    },
    create(options = {}) {
      const desk = createWidget({ container, widgetUrl: WIDGET + "/anything?x=1", retryMs: 5, handshakeTimeoutMs: 500, ...options });
      env.desk = desk;
      env.iframe = container.children.at(-1);
      return desk;
    },
    load() { env.iframe.dispatch("load"); },
  };
  return env;
}

/** Resolves once cond() holds (polling every ms), fails after `ms`. */
async function until(cond, ms = 1000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${cond}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Runs fn with console.warn/error captured. */
async function quietly(fn) {
  const { warn, error } = console;
  const logged = [];
  console.warn = (...args) => logged.push(["warn", ...args]);
  console.error = (...args) => logged.push(["error", ...args]);
  try { await fn(logged); } finally { Object.assign(console, { warn, error }); }
}

// --- handshake -----------------------------------------------------------------------------------

test("iframe: src on the widget origin with the given parameters only, title, allow, size", () => {
  const env = setup({ widget: () => "ignore" });
  const desk = env.create({ theme: "dark", accent: "#0a7f5a", lang: "fr", width: 360, title: "Phone" });
  const iframe = env.iframe;
  assert.equal(desk.iframe, iframe);
  assert.equal(iframe.src, `${WIDGET}/embed?theme=dark&accent=%230a7f5a&lang=fr`);
  assert.equal(iframe.title, "Phone");
  assert.equal(iframe.allow, "autoplay");
  assert.equal(iframe.style.border, "none");
  assert.equal(iframe.style.width, "360px");
  assert.equal(iframe.style.height, "100%");
  desk.destroy();

  const plain = env.create();
  assert.equal(plain.iframe.src, `${WIDGET}/embed`);
  assert.equal(plain.iframe.title, "agentdesk softphone");
  plain.destroy();
});

test("handshake: hellos retried on fresh channels until a welcome, then ready", async () => {
  const env = setup({ widget: (_, i) => (i === 2 ? "welcome" : "ignore"), ready: { signedIn: true, login: "oxe70120", agentState: "ready" } });
  const desk = env.create();
  const seen = [];
  desk.on("ready", (data) => seen.push(data));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(env.hellos.length, 0, "no hello before the widget document is there");
  env.load();
  const data = await desk.ready;
  assert.equal(data.login, "oxe70120");
  assert.equal(data.agentState, "ready");
  await until(() => seen.length === 1);
  assert.deepEqual(seen[0], data);
  assert.ok(env.hellos.length >= 3);
  const count = env.hellos.length;
  for (const h of env.hellos) {
    assert.deepEqual(h.message, { agentdesk: 1, type: "hello", versions: [1], sdk: SDK_VERSION });
    assert.equal(h.targetOrigin, WIDGET);
  }
  assert.equal(new Set(env.hellos.map((h) => h.port)).size, count, "a new MessagePort per hello");
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(env.hellos.length, count, "no hello after the welcome");
  desk.destroy();
});

test("handshake: a loaded hint from the widget frame sends a hello at once; others are ignored", async () => {
  const env = setup({ widget: () => "ignore" });
  const desk = env.create({ retryMs: 10_000 });
  const loaded = { agentdesk: 1, type: "loaded" };
  env.hostWindow.dispatch("message", { origin: "http://evil.example", source: env.widgetWindow, data: loaded });
  env.hostWindow.dispatch("message", { origin: WIDGET, source: {}, data: loaded });
  env.hostWindow.dispatch("message", { origin: WIDGET, source: env.widgetWindow, data: { type: "loaded" } });
  assert.equal(env.hellos.length, 0);
  env.hostWindow.dispatch("message", { origin: WIDGET, source: env.widgetWindow, data: loaded });
  assert.equal(env.hellos.length, 1);
  desk.destroy();
  assert.equal(env.hostWindow.count("message"), 0, "destroy removes the window listener");
});

test("handshake: the welcome of the newest hello wins (the widget moves to the latest port)", async () => {
  const held = [];
  const env = setup({ widget: (hello) => { held.push(hello.port); return "hold"; } });
  const desk = env.create({ retryMs: 10_000 });
  env.load();
  env.hostWindow.dispatch("message", { origin: WIDGET, source: env.widgetWindow, data: { agentdesk: 1, type: "loaded" } });
  assert.equal(held.length, 2);
  // The widget processes both hellos in a burst: welcome on the first, then on the second.
  env.welcome(held[0]);
  env.welcome(held[1]);
  await desk.ready;
  await new Promise((r) => setTimeout(r, 10));
  await desk.setReady();
  assert.equal(env.commands.length, 1);
  assert.equal(env.commands[0].port, held[1]);
  desk.destroy();
});

test("handshake: the widget starting again in its frame gets a new handshake and a new ready", async () => {
  const env = setup({ widget: () => "welcome" });
  const desk = env.create({ retryMs: 10_000 });
  const readies = [];
  desk.on("ready", (data) => readies.push(data));
  env.load();
  await desk.ready;
  await until(() => readies.length === 1);
  assert.equal(env.hellos.length, 1);
  // The widget document reloads: the iframe fires load again and the widget says loaded.
  env.load();
  await until(() => readies.length === 2);
  assert.equal(env.hellos.length, 2, "one new hello, on a new port");
  assert.notEqual(env.hellos[1].port, env.hellos[0].port);
  const sent = desk.setReady();
  await sent;
  assert.equal(env.commands.at(-1).port, env.ports.at(-1), "commands go to the new port");
  desk.destroy();
});

test("handshake: no welcome in time → error handshakeTimeout, ready and queued commands reject", async () => {
  const env = setup({ widget: () => "ignore" });
  const desk = env.create({ handshakeTimeoutMs: 60 });
  const errors = [];
  desk.on("error", (e) => errors.push(e));
  const queued = desk.dial("123");
  env.load();
  await assert.rejects(desk.ready, (e) => e instanceof AgentdeskError && e.code === "handshakeTimeout");
  await assert.rejects(queued, (e) => e.code === "handshakeTimeout");
  await assert.rejects(desk.getState(), (e) => e.code === "handshakeTimeout");
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, "handshakeTimeout");
  assert.equal(typeof errors[0].message, "string");
  const count = env.hellos.length;
  assert.ok(count > 3, `retried (${count} hellos)`);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(env.hellos.length, count, "no hello after the timeout");
  desk.destroy();
});

test("handshake: reject → error rejected", async () => {
  const env = setup({ widget: () => "reject" });
  const desk = env.create();
  const errors = [];
  desk.on("error", (e) => errors.push(e));
  env.load();
  await assert.rejects(desk.ready, (e) => e.code === "rejected" && /unsupportedVersion/.test(e.message));
  assert.deepEqual(errors.map((e) => e.code), ["rejected"]);
  desk.destroy();
});

// --- commands --------------------------------------------------------------------------------------

test("commands: exact messages, results, queued until the handshake", async () => {
  const env = setup({
    onCommand(m, reply) {
      if (m.command === "getState") reply({ ok: true, data: { version: 1, signedIn: true, login: "oxe70120", agentState: "busy", calls: [] } });
      else if (m.command === "answer") reply({ ok: false, error: { code: "refused", message: "no ringing call to answer" } });
      else reply({ ok: true });
    },
  });
  const desk = env.create();
  const early = desk.dial("+33 1 23 45 67 89"); // before the handshake: queued
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(env.commands.length, 0);
  env.load();
  assert.equal(await early, undefined);
  assert.deepEqual(env.commands[0].message, { agentdesk: 1, type: "command", id: env.commands[0].message.id, command: "dial", number: "+33 1 23 45 67 89" });

  const state = await desk.getState();
  assert.equal(state.agentState, "busy");

  await assert.rejects(desk.answer(), (e) => e instanceof AgentdeskError && e.code === "refused" && e.message === "no ringing call to answer");
  await desk.hangUp("c42");
  await desk.hold();
  await desk.retrieve("c43");
  await desk.setReady();
  await desk.setPause();
  await desk.setPause("Lunch");
  const sent = env.commands.map((c) => c.message);
  const strip = ({ agentdesk, type, id, ...rest }) => { assert.equal(agentdesk, 1); assert.equal(type, "command"); return rest; };
  assert.deepEqual(sent.slice(2).map(strip), [
    { command: "answer" },
    { command: "hangUp", callRef: "c42" },
    { command: "hold" },
    { command: "retrieve", callRef: "c43" },
    { command: "setReady" },
    { command: "setPause" },
    { command: "setPause", reason: "Lunch" },
  ]);
  assert.equal(new Set(sent.map((m) => m.id)).size, sent.length, "unique ids");
  desk.destroy();
});

test("commands: client-side validation rejects with badMessage without sending", async () => {
  const env = setup();
  const desk = env.create();
  env.load();
  await desk.ready;
  for (const p of [desk.dial(""), desk.dial("   "), desk.dial(), desk.dial(123), desk.answer(7), desk.setPause({})]) {
    await assert.rejects(p, (e) => e instanceof AgentdeskError && e.code === "badMessage");
  }
  assert.equal(env.commands.length, 0);
  desk.destroy();
});

test("commands: no result in time → timeout; destroy → destroyed", async () => {
  const env = setup({ onCommand: () => {} });
  const desk = env.create({ commandTimeoutMs: 30 });
  env.load();
  await desk.ready;
  await assert.rejects(desk.setReady(), (e) => e.code === "timeout");
  const pending = desk.getState();
  desk.destroy();
  await assert.rejects(pending, (e) => e.code === "destroyed");
  await assert.rejects(desk.dial("1"), (e) => e.code === "destroyed");
  assert.equal(env.iframe.removed, true);
  assert.equal(env.iframe.count("load"), 0);
});

test("destroy before the handshake rejects ready with destroyed", async () => {
  const env = setup({ widget: () => "ignore" });
  const desk = env.create();
  const queued = desk.setReady();
  desk.destroy();
  await assert.rejects(desk.ready, (e) => e.code === "destroyed");
  await assert.rejects(queued, (e) => e.code === "destroyed");
});

// --- events ------------------------------------------------------------------------------------

test("events: listeners, off, a throwing listener does not stop the others, malformed messages ignored", async () => {
  await quietly(async (logged) => {
    const env = setup();
    const desk = env.create();
    const got = [];
    desk.on("callRinging", () => { throw new Error("boom"); });
    const offB = desk.on("callRinging", (d) => got.push(["b", d.callRef]));
    desk.on("callEnded", (d) => got.push(["ended", d.durationSeconds]));
    env.load();
    await desk.ready;
    const port = env.ports[0];
    port.postMessage("nonsense");
    port.postMessage({ type: "event", event: "callRinging", data: {} }); // no agentdesk
    port.postMessage({ agentdesk: 1, type: "event", event: 5, data: {} });
    port.postMessage({ agentdesk: 1, type: "result", id: 999, ok: true });
    port.postMessage({ agentdesk: 1, type: "somethingNew" }); // unknown type: ignored quietly
    port.postMessage({ agentdesk: 1, type: "event", event: "callRinging", data: { callRef: "c1", number: "+33612345601", name: null, acd: null } });
    await until(() => got.length === 1);
    offB();
    port.postMessage({ agentdesk: 1, type: "event", event: "callRinging", data: { callRef: "c2", number: null, name: null, acd: null } });
    port.postMessage({ agentdesk: 1, type: "event", event: "callEnded", data: { callRef: "c1", number: "+33612345601", name: null, answered: true, durationSeconds: 125, cause: null } });
    await until(() => got.length === 2);
    assert.deepEqual(got, [["b", "c1"], ["ended", 125]]);
    assert.equal(logged.filter(([level]) => level === "warn").length, 4, JSON.stringify(logged));
    assert.equal(logged.filter(([level]) => level === "error").length, 2, "the throwing listener, reported twice");
    desk.destroy();
  });
});

// --- click-to-dial -----------------------------------------------------------------------------------

test("click-to-dial: delegated capture listener, modifier clicks and non-dialable links left alone", async () => {
  const env = setup();
  const root = new FakeTarget();
  root.contains = () => true;
  const desk = env.create();
  const disable = desk.enableClickToDial(root);
  assert.equal(root.listeners[0].capture, true);
  env.load();
  await desk.ready;
  const link = (href) => ({ getAttribute: () => href });
  const click = (href, extra = {}) => {
    const event = {
      button: 0, defaultPrevented: false, ...extra,
      target: { closest: (sel) => (assert.match(sel, /tel:/), href === null ? null : link(href)) },
      preventDefault() { this.defaultPrevented = true; },
    };
    root.dispatch("click", event);
    return event.defaultPrevented;
  };
  assert.equal(click("tel:+33%206%2012%2034%2056%2001"), true);
  assert.equal(click("tel:0612345601", { ctrlKey: true }), false);
  assert.equal(click("tel:0612345601", { metaKey: true }), false);
  assert.equal(click("tel:0612345601", { button: 1 }), false);
  assert.equal(click("tel:", {}), false);
  assert.equal(click(null), false);
  await until(() => env.commands.length === 1);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(env.commands.length, 1);
  assert.equal(env.commands[0].message.number, "+33612345601");
  disable();
  assert.equal(root.listeners.length, 0);
  desk.destroy();
});

test("click-to-dial: a dial that fails is reported as an error event (nobody awaits it)", async () => {
  const env = setup({ onCommand: (m, reply) => reply({ ok: false, error: { code: "notSignedIn", message: "no agent is signed in" } }) });
  const root = new FakeTarget();
  const desk = env.create({ clickToDial: { root } });
  const errors = [];
  desk.on("error", (e) => errors.push(e));
  env.load();
  await desk.ready;
  const event = { button: 0, target: { closest: () => ({ getAttribute: () => "callto:70121" }) }, preventDefault() { this.prevented = true; } };
  root.dispatch("click", event);
  assert.equal(event.prevented, true);
  await until(() => errors.length === 1);
  assert.deepEqual(errors[0], { code: "notSignedIn", message: "no agent is signed in" });
  desk.destroy();
  assert.equal(root.listeners.length, 0, "destroy turns click-to-dial off");
});

test("types: a CRM's integration compiles against agentdesk.d.ts, and typical mistakes do not", () => {
  // e2e/types/host.ts uses the whole API and marks wrong uses with @ts-expect-error: tsc fails
  // if a right use does not compile or a wrong one does.
  const here = dirname(fileURLToPath(import.meta.url));
  const tsc = join(here, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", join(here, "types", "tsconfig.json")], { encoding: "utf8" });
  } catch (error) {
    assert.fail(`tsc found errors:\n${error.stdout}${error.stderr}`);
  }
});
