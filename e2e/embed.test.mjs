// The widget embedded in host pages on other origins (issue 6): the demo CRM on the gateway's
// demo listener, a test host on an allowed origin, and an attacker on an origin outside the
// allow-list. Everything runs in headless Chromium against the simulator.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { artifacts, launchBrowser, newWatchedPage, startGateway, startPageServer } from "./harness.mjs";

const SCENARIO = join(dirname(fileURLToPath(import.meta.url)), "scenario.json");

const AGENT = "oxe70120";
const AGENT_CODE = "0120";
const AGENT_NUMBER = "70120";
const PRO_ACD = "71120";
const GROUP = "60121";
const PILOT = "60141";
const STEP = 15_000;

let gateway;
let browser;
let host; // an allowed third-party origin serving a test host page
let attacker; // an origin outside the allow-list

/** A host page that embeds the widget with the SDK and, optionally, a frame of `sibling`. */
function hostPage(sibling, widget = () => gateway.url) {
  return () => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>
<div id="softphone" style="width:360px;height:560px"></div>
${sibling ? `<iframe id="sibling" src="${sibling}" style="width:10px;height:10px"></iframe>` : ""}
<script type="module">
  const sdk = await import("${widget()}/sdk/agentdesk.js");
  window.__events = [];
  window.desk = sdk.createWidget({ container: "#softphone" });
  for (const name of ["ready", "sessionChanged", "agentStateChanged", "callRinging", "callDialing", "callAnswered", "callEnded", "afterCallWork", "error"]) {
    window.desk.on(name, (data) => window.__events.push({ name, data }));
  }
</script>`;
}

/** The attacker's pages: one frames the widget, one is framed next to it and posts to it. */
function attackerPages() {
  const drive = (target) => `
    const attempt = () => {
      const hello = { agentdesk: 1, type: "hello", versions: [1], sdk: "1.0.0" };
      const dial = { agentdesk: 1, type: "command", id: 1, command: "dial", number: "70121" };
      for (const target of ${target}) {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => { window.__answers = (window.__answers ?? 0) + 1; };
        target.postMessage(hello, "*", [port2]);
        target.postMessage(dial, "*");
        port1.postMessage(dial);
      }
    };
    setInterval(attempt, 200);`;
  return {
    "/frame": () => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>framer</title>
<iframe id="widget" src="${gateway.url}/embed" style="width:360px;height:560px"></iframe>`,
    "/sibling": () => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script>${drive("Array.from({ length: parent.frames.length }, (_, i) => parent.frames[i]).filter((f) => f !== window)")}</script>`,
    "/popup": () => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>popup driver</title><script>
      const target = window.open("${gateway.url}/embed", "agentdesk");
      window.__popup = target;
      ${drive("[target]")}</script>`,
  };
}

before(async () => {
  browser = await launchBrowser();
  // The host and attacker servers first: the gateway's allow-list names the host's origin.
  attacker = await startPageServer({});
  host = await startPageServer({});
  gateway = await startGateway([
    "--scenario", SCENARIO,
    "--demo-addr", "127.0.0.1:0",
    "--embed-origin", host.url,
  ]);
  Object.assign(host.pages, { "/host": hostPage(), "/host-with-attacker": hostPage(`${attacker.url}/sibling`) });
  Object.assign(attacker.pages, attackerPages());
});

after(async () => {
  await browser?.close();
  gateway?.stop();
  host?.stop();
  attacker?.stop();
});

/** Waits for the host page's SDK object, then for its handshake. */
async function deskReady(page) {
  await page.waitForFunction(() => window.desk, null, { timeout: STEP });
  return page.evaluate(() => window.desk.ready);
}

async function json(path, init) {
  const response = await fetch(`${gateway.url}${path}`, init);
  assert.ok(response.ok, `${init?.method ?? "GET"} ${path}: ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

async function until(what, probe, timeout = STEP) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The widget's frame inside a host page. */
function widget(page) {
  return page.frameLocator(`iframe[src^="${gateway.url}"]`);
}

async function signInEmbedded(page, login = AGENT, code = AGENT_CODE) {
  const frame = widget(page);
  await frame.getByLabel("Login").fill(login);
  await frame.getByLabel("Password").fill(code);
  await frame.getByRole("button", { name: "Sign in" }).click();
  await frame.getByTestId("console").waitFor({ timeout: STEP });
}

/**
 * Logs the agent on to the ACD and makes them ready through a separate O2G session (as a
 * supervisor tool would), then closes it: the widget hears it through its own events.
 */
async function logOnAndReady() {
  const auth = await fetch(`${gateway.url}/api/rest/authenticate?version=1.0`, {
    headers: { Authorization: `Basic ${Buffer.from(`${AGENT}:${AGENT_CODE}`).toString("base64")}` },
  });
  assert.ok(auth.ok, `authenticate: ${auth.status}`);
  const cookie = auth.headers.get("set-cookie").split(";")[0];
  const call = async (method, path, body) => {
    const response = await fetch(`${gateway.url}/api/rest/1.0${path}`, {
      method,
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: body && JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`);
  };
  await call("POST", "/sessions", { applicationName: "e2e" });
  await call("POST", "/acd/agent/logon", { proAcdDeviceNumber: PRO_ACD, pgGroupNumber: GROUP });
  await call("POST", "/acd/agent/ready");
  await call("DELETE", "/sessions");
}

async function sessionsOf(login) {
  const sessions = await json("/api/sim/sessions");
  return sessions.filter((s) => s.login === login);
}

test("the widget's pages name exactly the allow-list in frame-ancestors", async () => {
  const response = await fetch(`${gateway.url}/embed`);
  const csp = response.headers.get("content-security-policy");
  const ancestors = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("frame-ancestors"));
  assert.ok(ancestors.includes(host.url), ancestors);
  assert.ok(ancestors.includes(gateway.demoUrl), ancestors);
  assert.ok(!ancestors.includes(attacker.url), ancestors);
  assert.equal(response.headers.get("x-frame-options"), null, "frame-ancestors, not X-Frame-Options");
  const config = await json("/api/embed/config");
  assert.equal(config.protocolVersion, 1);
  assert.ok(config.allowedOrigins.includes(host.url), JSON.stringify(config));
});

test("a page outside the allow-list cannot frame the widget", async () => {
  const { page, context } = await newWatchedPage(browser);
  const refusals = [];
  page.on("console", (msg) => /frame-ancestors/.test(msg.text()) && refusals.push(msg.text()));
  await page.goto(`${attacker.url}/frame`);
  await page.waitForLoadState("load");
  // Give a widget that was (wrongly) allowed every chance to start.
  await new Promise((r) => setTimeout(r, 3000));
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const rendered = await frame.evaluate(() => document.querySelector("main.app") !== null).catch(() => false);
  assert.equal(rendered, false, `the widget rendered inside the attacker's frame (${frame.url()})`);
  console.log(`frame url: ${frame.url()}; Chromium said: ${refusals[0] ?? "(nothing on this page's console)"}`);
  await page.screenshot({ path: join(artifacts, "embed-attacker-frame.png") });
  await context.close();
});

test("messages from outside the allow-list are ignored and logged", async () => {
  const { page, context, problems } = await newWatchedPage(browser);
  const warnings = [];
  page.on("console", (msg) => msg.type() === "warning" && warnings.push(msg.text()));
  await page.goto(`${host.url}/host-with-attacker`);
  // The legitimate host still gets its handshake, despite the attacker's noise.
  const ready = await deskReady(page);
  assert.equal(ready.version, 1);
  await signInEmbedded(page);
  const before = (await json("/api/sim/calls")).length;
  // The sibling frame has been posting hello, dial and port messages every 200 ms.
  await until("the widget's warning about the attacker", () => warnings.some((w) => w.includes(attacker.url)));
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await json("/api/sim/calls")).length, before, "no call was placed by the attacker");
  const answers = await page.frames().find((f) => f.url().startsWith(attacker.url)).evaluate(() => window.__answers ?? 0);
  assert.equal(answers, 0, "the widget never answered the attacker");
  const violations = await json("/api/embed/violations");
  assert.ok(violations.some((v) => v.origin === attacker.url), JSON.stringify(violations));

  // A popup is not framed at all: it cannot be driven either.
  const popupPage = await context.newPage();
  const opened = context.waitForEvent("page");
  await popupPage.goto(`${attacker.url}/popup`);
  const popup = await opened;
  await popup.waitForLoadState();
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await json("/api/sim/calls")).length, before, "no call was placed through the popup");
  assert.equal(await popupPage.evaluate(() => window.__answers ?? 0), 0);
  assert.deepEqual(problems.filter((p) => !/frame-ancestors|401|403/.test(p)), []);
  await context.close();
});

test("click-to-dial in the demo CRM places a call in the simulator", async () => {
  const { page, context, problems } = await newWatchedPage(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${gateway.demoUrl}/crm`);
  await signInEmbedded(page);
  await page.locator('[data-testid=customer-item][data-customer-id="c01"]').click();
  await page.getByTestId("customer-record").locator('[data-testid=customer-phone]').click();
  const placed = await until("the call from the agent in the simulator", async () =>
    (await json("/api/sim/calls")).find((c) => JSON.stringify(c).includes("612345601")));
  assert.ok(JSON.stringify(placed).includes(AGENT_NUMBER), JSON.stringify(placed));
  await until("the CRM hears callDialing", () =>
    page.evaluate(() => window.__crm.events.some((e) => e.name === "callDialing")));
  await page.screenshot({ path: join(artifacts, "embed-crm-dialing.png") });
  // End it from the widget, as the agent would.
  await widget(page).getByRole("button", { name: /Hang up/i }).first().click();
  await until("the call to end", async () =>
    !(await json("/api/sim/calls")).some((c) => JSON.stringify(c).includes("612345601")));
  assert.deepEqual(problems.filter((p) => !/401|403/.test(p)), []);
  await context.close();
});

test("an incoming ACD call pops the caller's record, and its end is logged", async () => {
  const { page, context, problems } = await newWatchedPage(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${gateway.demoUrl}/crm`);
  await signInEmbedded(page);
  await logOnAndReady();
  await widget(page).getByTestId("agent-status").getByText("Ready", { exact: true }).waitFor({ timeout: STEP });

  // Karim calls the sales line; the CRM shows his record before anyone answers.
  await json("/api/sim/calls", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pilot: PILOT, caller: "+33612345602" }),
  });
  await page.locator('[data-testid=customer-record][data-customer-id="c02"]').waitFor({ timeout: STEP });
  await page.locator('[data-testid=call-banner][data-number="+33612345602"]').waitFor({ timeout: STEP });
  const ringing = await page.evaluate(() => window.__crm.events.find((e) => e.name === "callRinging").data);
  assert.equal(ringing.number, "+33612345602");
  assert.equal(ringing.acd?.pilot, PILOT, JSON.stringify(ringing));
  await page.screenshot({ path: join(artifacts, "embed-crm-pop.png") });

  await widget(page).getByRole("button", { name: /^Answer/ }).first().click();
  await until("callAnswered", () => page.evaluate(() => window.__crm.events.some((e) => e.name === "callAnswered")));
  await new Promise((r) => setTimeout(r, 1200));
  await widget(page).getByRole("button", { name: /Hang up/i }).first().click();
  const ended = await until("callEnded", () =>
    page.evaluate(() => window.__crm.events.find((e) => e.name === "callEnded")?.data));
  assert.equal(ended.answered, true);
  assert.ok(ended.durationSeconds >= 1, JSON.stringify(ended));
  const logged = page.locator('[data-testid=customer-record][data-customer-id="c02"] [data-testid=activity-item]');
  await logged.first().waitFor({ timeout: STEP });

  // The agent's after-call work reaches the CRM: the outcome and the note on the call's line.
  const afterCall = widget(page).getByTestId("after-call");
  await afterCall.waitFor({ timeout: STEP });
  await afterCall.getByTestId("disposition").selectOption({ label: "Sale" });
  await afterCall.getByTestId("after-call-notes").fill("Two more trucks in March");
  await afterCall.getByTestId("save-after-call").click();
  const work = await until("afterCallWork", () =>
    page.evaluate(() => window.__crm.events.find((e) => e.name === "afterCallWork")?.data));
  assert.equal(work.number, "+33612345602");
  assert.deepEqual(work.disposition, { code: "11", label: "Sale" });
  assert.equal(work.notes, "Two more trucks in March");
  await logged.first().getByTestId("activity-wrap-up").getByText(/Sale — Two more trucks in March/).waitFor({ timeout: STEP });

  // No credential crossed into the host page: the session cookie is the widget origin's only,
  // and nothing the host heard carries it.
  const [cookie] = (await context.cookies(gateway.url)).filter((c) => c.name === "AlcUserId");
  assert.ok(cookie?.httpOnly, "the widget's session cookie exists and is HttpOnly");
  const heard = await page.evaluate(() => JSON.stringify(window.__crm.events));
  assert.ok(!heard.includes(cookie.value), "an event carried the session credential");
  assert.ok(!(await page.evaluate(() => document.cookie)).includes(cookie.value));
  await page.screenshot({ path: join(artifacts, "embed-crm-logged.png") });
  assert.deepEqual(problems.filter((p) => !/401|403/.test(p)), []);
  await context.close();
});

test("reloading the host page resumes the session and leaves no ghost", async () => {
  // Bruno: no other test signs him in, so every session of his is this page's.
  const [login, code] = ["oxe70121", "0121"];
  const { page, context } = await newWatchedPage(browser);
  await page.goto(`${host.url}/host`);
  await deskReady(page);
  await signInEmbedded(page, login, code);
  const [session] = await until("one session with a connected channel", async () => {
    const mine = await sessionsOf(login);
    return mine.length === 1 && mine[0].channels === 1 && mine[0].subscriptions === 1 && mine;
  });

  for (let reload = 1; reload <= 3; reload += 1) {
    await page.reload();
    const ready = await deskReady(page);
    assert.equal(ready.version, 1);
    await widget(page).getByTestId("console").waitFor({ timeout: STEP });
    const settled = await until(`reload ${reload}: exactly one session and one subscription`, async () => {
      const mine = await sessionsOf(login);
      return mine.length === 1 && mine[0].subscriptions === 1 && mine[0].channels === 1 && mine;
    });
    assert.equal(settled[0].openedAt, session.openedAt, "the same session was resumed, not a new one opened");
  }
  const state = await page.evaluate(() => window.desk.getState());
  assert.equal(state.signedIn, true);
  assert.equal(state.login, login);
  await context.close();
});

test("a CRM on another site: the session needs --cross-site-cookies, and works with it", async () => {
  // localhost and 127.0.0.1 are two sites: the host page on one, the widget on the other. A
  // SameSite=Strict cookie is not sent from such a frame; a partitioned SameSite=None one is.
  const crossSite = await startPageServer({});
  const origin = crossSite.url.replace("127.0.0.1", "localhost");
  try {
    for (const [flags, works] of [[[], false], [["--cross-site-cookies"], true]]) {
      const widgetGateway = await startGateway(["--scenario", SCENARIO, "--embed-origin", origin, ...flags]);
      crossSite.pages["/host"] = hostPage(undefined, () => widgetGateway.url);
      const { page, context, problems } = await newWatchedPage(browser);
      await page.goto(`${origin}/host`);
      await deskReady(page);
      const frame = page.frameLocator(`iframe[src^="${widgetGateway.url}"]`);
      await frame.getByLabel("Login").fill(AGENT);
      await frame.getByLabel("Password").fill(AGENT_CODE);
      await frame.getByRole("button", { name: "Sign in" }).click();
      if (works) {
        await frame.getByTestId("console").waitFor({ timeout: STEP });
        const [cookie] = (await context.cookies(widgetGateway.url)).filter((c) => c.name === "AlcUserId");
        assert.equal(cookie.sameSite, "None");
        assert.ok(cookie.secure && cookie.httpOnly, JSON.stringify(cookie));
        assert.deepEqual(problems.filter((p) => !/401|403/.test(p)), []);
      } else {
        // Without the option the agent is told why, instead of a bare "invalid session".
        await frame.getByText("--cross-site-cookies").waitFor({ timeout: STEP });
        assert.equal(await frame.getByTestId("console").count(), 0);
      }
      await context.close();
      widgetGateway.stop();
    }
  } finally {
    crossSite.stop();
  }
});

test("the landing page links the console, the CRM and the embed API page, whose live examples run", async () => {
  const { page, context, problems } = await newWatchedPage(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${gateway.demoUrl}/`);
  const consoleLink = page.getByTestId("console-link");
  await until("the console link to point at the widget", async () =>
    (await consoleLink.getAttribute("href")) === `${gateway.url}/`);
  assert.equal(await page.getByTestId("crm-link").getAttribute("href"), "/crm");
  await page.getByTestId("api-link").click();
  await page.waitForURL(`${gateway.demoUrl}/embed-api`);

  // Signed out, a command fails with the widget's own code; the log shows what arrived.
  await page.getByTestId("run-getState").waitFor({ state: "visible", timeout: STEP });
  await until("the Run buttons to be enabled after the handshake", () => page.getByTestId("run-getState").isEnabled());
  await page.getByTestId("run-setReady").click();
  await page.locator('[data-testid=result-setReady][data-outcome="error"][data-code="notSignedIn"]').waitFor({ timeout: STEP });
  await page.locator('[data-testid=event-log-item][data-event="ready"]').waitFor({ timeout: STEP });

  // Signed in, getState answers with the agent.
  await signInEmbedded(page, "oxe70122", "0122");
  await page.getByTestId("run-getState").click();
  await page.locator('[data-testid=result-getState][data-outcome="ok"]').waitFor({ timeout: STEP });
  const state = JSON.parse(await page.getByTestId("result-data-getState").textContent());
  assert.equal(state.signedIn, true);
  assert.equal(state.login, "oxe70122");
  await page.locator('[data-testid=event-log-item][data-event="sessionChanged"]').waitFor({ timeout: STEP });
  await page.screenshot({ path: join(artifacts, "embed-api-page.png"), fullPage: true });
  assert.deepEqual(problems.filter((p) => !/401|403/.test(p)), []);
  await context.close();
});
