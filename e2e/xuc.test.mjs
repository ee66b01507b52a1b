// A XiVO XuC agent's shift in headless Chromium, against the gateway's XuC front on the shared
// simulated centre, on the XuC console (`scripts/build-consoles.sh dist-xuc`, served at /xuc/:
// one build per backend); the agent starts at the O2G console's form and chooses XuC, which
// takes them to it. Then the same centre across protocols: an O2G agent and a XuC agent call
// each other.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { artifacts, consoleBuilt, launchBrowser, newWatchedPage, startGateway } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const STEP = 15_000;
const PILOT = "60141";
const CALLER = "0612345678";

let gateway;
let browser;
const built = consoleBuilt("xuc") && existsSync(join(here, "..", "dist", "index.html"));

before(async () => {
  if (!built) return;
  gateway = await startGateway(["--scenario", join(here, "scenario.json")]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  gateway?.stop();
});

async function signIn(page, backend, login, code) {
  await page.goto(gateway.url);
  await page.locator("#sign-in-backend").selectOption(backend);
  // Each backend has its own console: choosing XuC on the O2G console's form goes to /xuc/.
  const consolePath = backend === "o2g" ? "/" : `/${backend}/`;
  await page.waitForURL((url) => url.pathname === consolePath, { timeout: STEP });
  await page.locator("#sign-in-backend").waitFor({ timeout: STEP });
  assert.equal(await page.locator("#sign-in-backend").inputValue(), backend, "the console preselects its backend");
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Password").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("console").waitFor({ timeout: STEP });
  await page.getByTestId("connection").getByText("Connected").waitFor({ timeout: STEP });
}

async function agentStatus(page, text) {
  await page.getByTestId("agent-status").getByText(text, { exact: true }).waitFor({ timeout: STEP });
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
  assert.ok(response.ok, `the simulator accepts a call: ${response.status}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `xuc-${name}.png`), fullPage: true });
}

test("a XuC agent's shift: sign in, log on, ready, an ACD call answered and hung up with its screen pop, a callback taken, called and closed, a queue joined with a penalty, pause with a reason, log off", { skip: !built && "dist or dist-xuc not built" }, async () => {
  const { context, page, problems } = await newWatchedPage(browser);
  await signIn(page, "xuc", "oxe70120", "0120");
  await shot(page, "01-signed-in");
  const device = page.locator("#log-on-device");
  await device.waitFor({ timeout: STEP });
  if ((await device.inputValue()) === "") await device.fill("70120");
  await page.getByRole("button", { name: "Log on" }).click();
  await page.getByTestId("go-ready").waitFor({ timeout: STEP });
  const ready = page.getByTestId("go-ready");
  if (await ready.isEnabled()) await ready.click();
  await agentStatus(page, "Ready");
  await shot(page, "02-ready");
  // XuC has no comlog, directory or routing the console reads: no empty panels.
  assert.equal(await page.locator("section.history").count(), 0);
  assert.equal(await page.locator("section.directory").count(), 0);
  assert.equal(await page.locator("section.routing").count(), 0);

  await injectAcdCall();
  const ringing = call(page, "Ringing");
  await ringing.waitFor({ timeout: STEP });
  await ringing.getByTestId("answer").click();
  await call(page, "In call").waitFor({ timeout: STEP });
  await shot(page, "03-in-call");
  await call(page, "In call").getByTestId("hang-up").click();
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });

  // The ACD call's screen pop links to the caller's page.
  const link = page.getByTestId("screen-pop-link");
  await link.waitFor({ timeout: STEP });
  assert.match(await link.getAttribute("href"), /number=0612345678$/);

  // A callback: taken, called, closed with its outcome.
  const callbacks = page.getByTestId("callbacks");
  const first = callbacks.locator("[data-testid=callback]").first();
  await first.waitFor({ timeout: STEP });
  const id = await first.getAttribute("data-callback-id");
  const request = callbacks.locator(`[data-callback-id="${id}"]`);
  await request.getByTestId("callback-take").click();
  await request.getByTestId("callback-taken").getByText("Yours").waitFor({ timeout: STEP });
  await request.getByTestId("callback-call").first().click();
  const callBack = page.locator("[data-testid=call]").first();
  await callBack.waitFor({ timeout: STEP });
  await shot(page, "04-calling-back");
  await callBack.getByTestId("hang-up").click();
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });
  await request.getByTestId("callback-status").selectOption("answered");
  await request.getByTestId("callback-comment").fill("Quote sent");
  await request.getByTestId("callback-close").click();
  await request.waitFor({ state: "detached", timeout: STEP });

  // A queue left, then joined again with a penalty.
  const support = page.locator("[data-testid=queue]").filter({ hasText: "Support line" });
  await support.getByTestId("queue-leave").click();
  await support.getByTestId("queue-penalty").getByText("not a member").waitFor({ timeout: STEP });
  await support.getByTestId("queue-penalty-input").fill("2");
  await support.getByTestId("queue-join").click();
  await support.getByTestId("queue-penalty").getByText("Penalty 2").waitFor({ timeout: STEP });
  // The day's figures are there.
  await page.getByTestId("stat-ready").waitFor({ timeout: STEP });
  await shot(page, "05-callbacks-and-queues");

  const reasons = page.locator("#withdraw-reason option");
  await reasons.first().waitFor({ state: "attached", timeout: STEP });
  const pause = page.getByTestId("withdraw");
  await page.waitForFunction(() => !document.querySelector("[data-testid=withdraw]")?.disabled, null, { timeout: STEP });
  await pause.click();
  await agentStatus(page, "Withdrawn");
  await shot(page, "06-paused");

  await page.getByTestId("log-off").click();
  await agentStatus(page, "Logged out");
  assert.deepEqual(problems, []);
  await context.close();
});

test("across protocols: an O2G agent calls a XuC agent in the same centre", { skip: !built && "dist or dist-xuc not built" }, async () => {
  const xuc = await newWatchedPage(browser);
  const o2g = await newWatchedPage(browser);
  await signIn(xuc.page, "xuc", "oxe70121", "0121");
  await signIn(o2g.page, "o2g", "oxe70120", "0120");
  await o2g.page.locator("#dial-number").fill("70121");
  await o2g.page.getByTestId("make-call").click();
  const ringing = call(xuc.page, "Ringing");
  await ringing.waitFor({ timeout: STEP });
  await ringing.getByTestId("answer").click();
  await call(xuc.page, "In call").waitFor({ timeout: STEP });
  await call(o2g.page, "In call").waitFor({ timeout: STEP });
  await shot(xuc.page, "07-across-protocols");
  await call(o2g.page, "In call").getByTestId("hang-up").click();
  await xuc.page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });
  assert.deepEqual(xuc.problems, []);
  assert.deepEqual(o2g.problems, []);
  await xuc.context.close();
  await o2g.context.close();
});
