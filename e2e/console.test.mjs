// A whole agent shift against the gateway's simulator, and a cut of the event channel
// mid-call with resync. Written against the documented contract (O2G REST + subscriptions +
// `POST /api/sim/calls`); screenshots go to e2e/artifacts/.
//
// Scenario values can be overridden: AGENTDESK_PILOT (ACD pilot to call), AGENTDESK_AGENT /
// AGENTDESK_AGENT_CODE (the agent), AGENTDESK_COLLEAGUE / AGENTDESK_COLLEAGUE_CODE (the
// consulted agent), AGENTDESK_PROACD (pro-ACD device when the agent config has none),
// AGENTDESK_OUTGOING (number for the outgoing call).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { artifacts, launchBrowser, newWatchedPage, startGateway } from "./harness.mjs";

const env = process.env;
const AGENT = env.AGENTDESK_AGENT ?? "oxe70120";
const AGENT_CODE = env.AGENTDESK_AGENT_CODE ?? "0120";
const COLLEAGUE = env.AGENTDESK_COLLEAGUE ?? "oxe70121";
const COLLEAGUE_CODE = env.AGENTDESK_COLLEAGUE_CODE ?? "0121";
const COLLEAGUE_NUMBER = COLLEAGUE.replace(/^oxe/, "");
const COLLEAGUE_NAME = env.AGENTDESK_COLLEAGUE_NAME ?? "Petit"; // found in the directory
const PILOT = env.AGENTDESK_PILOT ?? "60141"; // "Sales line" of e2e/scenario.json
const OUTGOING = env.AGENTDESK_OUTGOING ?? "70140";
const CALLER = "0612345678";
const DISPOSITION = "Quote sent"; // a transaction code of group 60121 in e2e/scenario.json
const NOTE = "Wants a quote by Friday";
const STEP = 15_000;

let gateway;
let browser;

before(async () => {
  // No bots and no background traffic: the injected call can only go to our agent.
  gateway = await startGateway(["--scenario", join(dirname(fileURLToPath(import.meta.url)), "scenario.json")]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  gateway?.stop();
});

/** A page whose WebSockets and event fetches the test can cut and block. */
async function watchedConsolePage() {
  const watched = await newWatchedPage(browser);
  await watched.page.addInitScript(() => {
    const NativeSocket = window.WebSocket;
    window.__sockets = [];
    window.__blockEvents = false;
    window.WebSocket = function (url, protocols) {
      if (window.__blockEvents) throw new DOMException("blocked by the test", "SecurityError");
      const socket = protocols === undefined ? new NativeSocket(url) : new NativeSocket(url, protocols);
      window.__sockets.push(socket);
      return socket;
    };
    window.WebSocket.prototype = NativeSocket.prototype;
    const nativeFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === "string" ? input : input.url;
      if (window.__blockEvents && url.includes("/OTEvents")) return Promise.reject(new TypeError("blocked by the test"));
      return nativeFetch(input, init);
    };
  });
  // While the channel is cut, failed reconnections are expected console noise.
  watched.expectedNoise = /WebSocket|OTEvents|blocked by the test|ERR_/;
  return watched;
}

function realProblems(watched) {
  return watched.problems.filter((p) => !watched.expectedNoise.test(p));
}

async function signIn(page, login, code) {
  await page.goto(gateway.url);
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Password").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("console").waitFor({ timeout: STEP });
  await page.getByTestId("connection").getByText("Connected").waitFor({ timeout: STEP });
}

async function agentStatus(page, text) {
  await page.getByTestId("agent-status").getByText(text, { exact: true }).waitFor({ timeout: STEP });
}

/** Logs on to the pro-ACD device and preferred group offered by the agent configuration. */
async function logOn(page) {
  const device = page.locator("#log-on-device");
  await device.waitFor({ timeout: STEP });
  if ((await device.inputValue()) === "") await device.fill(env.AGENTDESK_PROACD ?? "");
  await page.getByRole("button", { name: "Log on" }).click();
  await page.getByTestId("go-ready").waitFor({ timeout: STEP });
}

async function goReady(page) {
  const ready = page.getByTestId("go-ready");
  if (await ready.isEnabled()) await ready.click();
  await agentStatus(page, "Ready");
}

function call(page, state) {
  return page.locator("[data-testid=call]").filter({ has: page.getByTestId("call-state").getByText(state, { exact: true }) });
}

async function injectAcdCall() {
  const response = await fetch(`${gateway.url}/api/sim/calls`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pilot: PILOT, caller: CALLER }),
  });
  assert.ok(response.ok, `the simulator accepts a call to pilot ${PILOT}: ${response.status}`);
}

/** Opens Transfer… on `callItem`, finds the colleague by name, and clicks `choice`. */
async function pickColleague(page, callItem, choice) {
  await callItem.getByTestId("transfer-to").click();
  const picker = page.getByTestId("transfer-picker");
  await picker.locator("#transfer-query").fill(COLLEAGUE_NAME);
  await picker.locator("#transfer-query").press("Enter");
  const colleague = picker.getByTestId("transfer-colleague").filter({ hasText: COLLEAGUE_NUMBER });
  await colleague.waitFor({ timeout: STEP });
  await colleague.getByTestId(choice).click();
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `console-${name}.png`), fullPage: true });
}

test("a whole shift: log on, ACD call, hold, consult, transfer, after-call work, wrap-up, withdraw, outgoing call, log off", async () => {
  const agent = await watchedConsolePage();
  const colleague = await watchedConsolePage();
  const page = agent.page;

  await signIn(page, AGENT, AGENT_CODE);
  await shot(page, "01-signed-in");
  await logOn(page);
  await goReady(page);
  await shot(page, "02-ready");

  // The colleague is ready to take the consultation.
  await signIn(colleague.page, COLLEAGUE, COLLEAGUE_CODE);

  await injectAcdCall();
  const ringing = call(page, "Ringing");
  await ringing.waitFor({ timeout: STEP });
  assert.match(await ringing.getByTestId("call-acd").innerText(), /60|Pilot/);
  await shot(page, "03-ringing");
  await page.keyboard.press("Alt+KeyA"); // the answer shortcut
  const active = call(page, "In call");
  await active.waitFor({ timeout: STEP });
  await agentStatus(page, "Busy");

  await active.getByTestId("hold").click();
  await call(page, "On hold").waitFor({ timeout: STEP });
  await shot(page, "04-held");
  await call(page, "On hold").getByTestId("retrieve").click();
  await call(page, "In call").waitFor({ timeout: STEP });

  // Transfer chosen from the colleague list: search the directory, consult, the colleague
  // answers, then the consultation's Transfer completes it.
  await pickColleague(page, call(page, "In call"), "transfer-consult");
  await call(page, "On hold").waitFor({ timeout: STEP });
  const colleagueRinging = call(colleague.page, "Ringing");
  await colleagueRinging.waitFor({ timeout: STEP });
  await colleagueRinging.getByTestId("answer").click();
  await call(colleague.page, "In call").waitFor({ timeout: STEP });
  const consult = page.locator("[data-testid=call]").filter({ has: page.getByTestId("transfer").and(page.locator(":enabled")) });
  await consult.first().waitFor({ timeout: STEP });
  await shot(page, "05-consulting");
  await consult.first().getByTestId("transfer").click();
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });
  // The colleague now talks to the customer; they hang up.
  await call(colleague.page, "In call").getByTestId("hang-up").click();
  await colleague.page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });

  // Wrap-up after the ACD call: more time, the outcome and a note, saved with the call's
  // history record; then ready again.
  const wrapUpFirst = page.getByTestId("wrap-up");
  if (await wrapUpFirst.isEnabled()) await wrapUpFirst.click();
  await agentStatus(page, "Wrap-up");
  const afterCall = page.getByTestId("after-call");
  await afterCall.waitFor({ timeout: STEP });
  await afterCall.getByTestId("extend-wrap-up").click();
  await afterCall.getByTestId("disposition").selectOption({ label: DISPOSITION });
  await afterCall.getByTestId("after-call-notes").fill(NOTE);
  await shot(page, "05a-after-call-work");
  await afterCall.getByTestId("save-after-call").click();
  await afterCall.waitFor({ state: "detached", timeout: STEP });
  const saved = page.getByTestId("history").locator("li").filter({ hasText: NOTE });
  await saved.waitFor({ timeout: STEP });
  assert.match(await saved.getByTestId("history-outcome").innerText(), new RegExp(DISPOSITION));
  await agentStatus(page, "Wrap-up");
  await page.getByTestId("go-ready").click();
  await agentStatus(page, "Ready");

  // A conference: the agent consults the colleague, joins both, then leaves; the customer
  // and the colleague stay connected.
  await injectAcdCall();
  await call(page, "Ringing").waitFor({ timeout: STEP });
  await call(page, "Ringing").getByTestId("answer").click();
  await call(page, "In call").waitFor({ timeout: STEP });
  await pickColleague(page, call(page, "In call"), "transfer-consult");
  await call(colleague.page, "Ringing").waitFor({ timeout: STEP });
  await call(colleague.page, "Ringing").getByTestId("answer").click();
  await call(colleague.page, "In call").waitFor({ timeout: STEP });
  const mergeable = page.locator("[data-testid=call]").filter({ has: page.getByTestId("merge").and(page.locator(":enabled")) });
  await mergeable.first().waitFor({ timeout: STEP });
  await mergeable.first().getByTestId("merge").click();
  await page.getByTestId("parties").waitFor({ timeout: STEP });
  await shot(page, "05b-conference");
  await page.locator("[data-testid=call]").first().getByTestId("hang-up").click();
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });
  const stillTalking = call(colleague.page, "In call");
  await stillTalking.waitFor({ timeout: STEP });
  assert.match(await stillTalking.innerText(), new RegExp(CALLER), "the colleague still talks to the customer");
  await stillTalking.getByTestId("hang-up").click();
  await colleague.page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });

  // Wrap-up after the ACD call, then ready again.
  const wrapUp = page.getByTestId("wrap-up");
  if (await wrapUp.isEnabled()) await wrapUp.click();
  await agentStatus(page, "Wrap-up");
  await shot(page, "06-wrap-up");
  await page.getByTestId("go-ready").click();
  await agentStatus(page, "Ready");

  // Withdraw with a reason from the group's list.
  const reasons = page.locator("#withdraw-reason option");
  await reasons.first().waitFor({ state: "attached", timeout: STEP });
  await page.locator("#withdraw-reason").selectOption({ index: (await reasons.count()) > 1 ? 1 : 0 });
  await page.getByTestId("withdraw").click();
  await agentStatus(page, "Withdrawn");
  await shot(page, "07-withdrawn");

  // An outgoing call, hung up with the shortcut.
  await page.locator("#dial-number").fill(OUTGOING);
  await page.locator("#dial-number").press("Enter");
  await page.locator("[data-testid=call]").first().waitFor({ timeout: STEP });
  await shot(page, "08-outgoing");
  await page.keyboard.press("Alt+KeyH");
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });

  await page.getByTestId("log-off").click();
  await agentStatus(page, "Logged out");
  await page.getByTestId("sign-out").click();
  await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: STEP });
  await shot(page, "09-signed-out");

  assert.deepEqual(realProblems(agent), []);
  assert.deepEqual(realProblems(colleague), []);
  await agent.context.close();
  await colleague.context.close();
});

test("the event channel is cut mid-call: the console says so, reconnects and resyncs", async () => {
  const watched = await watchedConsolePage();
  const { page, context } = watched;
  await signIn(page, AGENT, AGENT_CODE);
  await page.locator("#dial-number").fill(OUTGOING);
  await page.getByTestId("make-call").click();
  const inCall = page.locator("[data-testid=call]").first();
  await inCall.waitFor({ timeout: STEP });
  const callRef = await inCall.getAttribute("data-call-ref");

  // Cut: close the socket and refuse new channels for a while.
  await page.evaluate(() => {
    window.__blockEvents = true;
    for (const socket of window.__sockets) socket.close();
  });
  await page.getByTestId("connection").getByText("Reconnecting…").waitFor({ timeout: STEP });
  await shot(page, "10-reconnecting");

  // Meanwhile the call changes on the gateway: hang it up through the REST API.
  const cookie = (await context.cookies()).find((c) => c.name === "AlcUserId");
  assert.ok(cookie, "signed in");
  const hangUp = await fetch(`${gateway.url}/api/rest/1.0/telephony/calls/${encodeURIComponent(callRef)}`, {
    method: "DELETE",
    headers: { Cookie: `AlcUserId=${cookie.value}` },
  });
  assert.ok(hangUp.ok, `hang-up accepted: ${hangUp.status}`);

  // Let the channel back: the console reconnects and the snapshot removes the call.
  await page.evaluate(() => (window.__blockEvents = false));
  await page.getByTestId("connection").getByText("Connected").waitFor({ timeout: 45_000 });
  await page.locator(`[data-call-ref="${callRef}"]`).waitFor({ state: "detached", timeout: STEP });
  await shot(page, "11-resynced");

  await page.getByTestId("sign-out").click();
  await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: STEP });
  assert.deepEqual(realProblems(watched), []);
  await context.close();
});

test("the full-page console fits a phone-width window (360 px) with no sideways scroll", async () => {
  const watched = await watchedConsolePage();
  const { page, context } = watched;
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, AGENT, AGENT_CODE);
  await logOn(page);
  await goReady(page);
  await injectAcdCall();
  await call(page, "Ringing").waitFor({ timeout: STEP });
  await shot(page, "10-phone-width");
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    widest: [...document.querySelectorAll("body *")]
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.right > document.documentElement.clientWidth + 0.5)
      .slice(0, 5)
      .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} ends at ${Math.round(r.right)}`),
  }));
  assert.ok(widths.document <= widths.viewport, `scrolls sideways: ${JSON.stringify(widths)}`);
  await page.locator("[data-testid=call]").first().getByTestId("answer").click();
  await page.keyboard.press("Alt+KeyH");
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });
  await page.getByTestId("log-off").click();
  await agentStatus(page, "Logged out");
  assert.deepEqual(realProblems(watched), []);
  await context.close();
});

test("offline: the badge says so at once, actions wait, and it recovers when the network is back", async () => {
  const watched = await watchedConsolePage();
  const { page, context } = watched;
  await signIn(page, AGENT, AGENT_CODE);
  await page.locator("#dial-number").fill(OUTGOING);
  const makeCall = page.getByTestId("make-call");
  assert.ok(await makeCall.isEnabled());
  await context.setOffline(true);
  const started = Date.now();
  await page.getByTestId("connection").getByText("Offline").waitFor({ timeout: 2_000 });
  const shownAfter = Date.now() - started;
  assert.ok(await makeCall.isDisabled(), "no action while offline");
  await page.getByTestId("connection-lost").waitFor({ timeout: 2_000 });
  await shot(page, "11-offline");
  await context.setOffline(false);
  // Back online, the channel reconnects at once and resyncs: then actions are back.
  await page.waitForFunction(
    () => {
      const badge = document.querySelector("[data-testid=connection]");
      const call = document.querySelector("[data-testid=make-call]");
      return badge?.textContent === "Connected" && call && !call.disabled;
    },
    null,
    { timeout: STEP },
  );
  console.log(`# offline shown after ${shownAfter} ms`);
  // Failed reconnections while the network is down are expected noise.
  assert.deepEqual(realProblems(watched).filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p)), []);
  await context.close();
});

test("a caller is transferred to another queue chosen in the transfer picker", async () => {
  const watched = await watchedConsolePage();
  const { page, context } = watched;
  // Chloé works in Support only: the call to the Support line can only be hers.
  await signIn(page, "oxe70122", "0122");
  await logOn(page);
  await goReady(page);
  const injected = await fetch(`${gateway.url}/api/sim/calls`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pilot: "60142", caller: CALLER }),
  });
  assert.ok(injected.ok);
  const { callRef } = await injected.json();
  await call(page, "Ringing").getByTestId("answer").click();
  const active = call(page, "In call");
  await active.waitFor({ timeout: STEP });
  // The pilot the caller dialled, by its name.
  assert.match(await active.getByTestId("call-acd").innerText(), /Support line/);
  await active.getByTestId("transfer-to").click();
  const picker = page.getByTestId("transfer-picker");
  await picker.locator("#transfer-query").fill("Sales");
  await picker.locator("#transfer-query").press("Enter");
  const queue = picker.getByTestId("transfer-colleague").filter({ hasText: "Sales line" });
  await queue.waitFor({ timeout: STEP });
  await shot(page, "12-transfer-to-queue");
  await queue.getByTestId("transfer-now").click();
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });
  const calls = await (await fetch(`${gateway.url}/api/sim/calls`)).json();
  const moved = calls.find((c) => c.callRef === callRef);
  assert.equal(moved?.pilot, "60141", `the caller waits on the Sales line: ${JSON.stringify(calls)}`);
  await page.getByTestId("log-off").click();
  await agentStatus(page, "Logged out");
  await page.getByTestId("sign-out").click();
  await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: STEP });
  assert.deepEqual(realProblems(watched), []);
  await context.close();
});
