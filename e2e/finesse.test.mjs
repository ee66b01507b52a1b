// A Finesse agent's shift in headless Chromium, through the gateway's built-in STOMP endpoint
// (ws://<gateway>/stomp), on the Finesse console (`scripts/build-consoles.sh dist-finesse`,
// served at /finesse/: one build per backend; the agent starts at the O2G console's form and
// chooses Finesse, which takes them to it): sign in through the connector, log on with the extension, ready, an ACD call answered, transferred to a second
// agent's extension (a second Finesse console answers it), log off.
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
const built = consoleBuilt("finesse") && existsSync(join(here, "..", "dist", "index.html"));

before(async () => {
  if (!built) return;
  gateway = await startGateway(["--scenario", join(here, "scenario.json")]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  gateway?.stop();
});

async function signIn(page, login, code) {
  await page.goto(gateway.url);
  await page.locator("#sign-in-backend").selectOption("finesse");
  // Each backend has its own console: choosing Finesse on the O2G console's form goes there.
  await page.waitForURL((url) => url.pathname === "/finesse/", { timeout: STEP });
  await page.locator("#sign-in-backend").waitFor({ timeout: STEP });
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Password").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("console").waitFor({ timeout: STEP });
  await page.getByTestId("connection").getByText("Connected").waitFor({ timeout: STEP });
}

async function logOn(page, extension) {
  const device = page.locator("#log-on-device");
  await device.waitFor({ timeout: STEP });
  await device.fill(extension);
  await page.getByRole("button", { name: "Log on" }).click();
  await page.getByTestId("go-ready").waitFor({ timeout: STEP });
}

async function agentStatus(page, text) {
  await page.getByTestId("agent-status").getByText(text, { exact: true }).waitFor({ timeout: STEP });
}

function call(page, state) {
  return page.locator("[data-testid=call]").filter({ has: page.getByTestId("call-state").getByText(state, { exact: true }) });
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `finesse-${name}.png`), fullPage: true });
}

test("a Finesse agent's shift: sign in through the connector, log on, ready, an ACD call answered and transferred to a second agent, log off", { skip: !built && "dist or dist-finesse not built" }, async () => {
  const alice = await newWatchedPage(browser);
  const bruno = await newWatchedPage(browser);
  // Bruno logs on, not ready: the ACD call goes to Alice, the transfer rings him all the same.
  await signIn(bruno.page, "oxe70121", "0121");
  await logOn(bruno.page, "70121");
  await agentStatus(bruno.page, "Paused");

  const { page } = alice;
  await signIn(page, "oxe70120", "0120");
  await shot(page, "01-signed-in");
  await logOn(page, "70120");
  await agentStatus(page, "Paused");
  await page.getByTestId("go-ready").click();
  await agentStatus(page, "Ready");
  await shot(page, "02-ready");

  const response = await fetch(`${gateway.url}/api/sim/calls`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pilot: PILOT, caller: CALLER }),
  });
  assert.ok(response.ok, `the simulator accepts a call: ${response.status}`);
  const ringing = call(page, "Ringing");
  await ringing.waitFor({ timeout: STEP });
  await ringing.getByTestId("answer").click();
  const talking = call(page, "In call");
  await talking.waitFor({ timeout: STEP });
  await shot(page, "03-in-call");

  await talking.getByTestId("transfer-to").click();
  const picker = page.getByTestId("transfer-picker");
  await picker.locator("#transfer-query").fill("70121");
  await picker.getByTestId("transfer-number").getByTestId("transfer-now").click();
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });

  const atBruno = call(bruno.page, "Ringing");
  await atBruno.waitFor({ timeout: STEP });
  await atBruno.getByTestId("answer").click();
  await call(bruno.page, "In call").waitFor({ timeout: STEP });
  await shot(bruno.page, "04-transferred");
  await call(bruno.page, "In call").getByTestId("hang-up").click();
  await bruno.page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });

  await page.getByTestId("log-off").click();
  await agentStatus(page, "Logged out");
  await shot(page, "05-logged-out");
  assert.deepEqual(alice.problems, []);
  assert.deepEqual(bruno.problems, []);
  await alice.context.close();
  await bruno.context.close();
});

test("a wrong password is told on the sign-in form", { skip: !built && "dist or dist-finesse not built" }, async () => {
  const { page, context } = await newWatchedPage(browser);
  await page.goto(gateway.url);
  await page.locator("#sign-in-backend").selectOption("finesse");
  // Each backend has its own console: choosing Finesse on the O2G console's form goes there.
  await page.waitForURL((url) => url.pathname === "/finesse/", { timeout: STEP });
  await page.locator("#sign-in-backend").waitFor({ timeout: STEP });
  await page.getByLabel("Login").fill("oxe70120");
  await page.getByLabel("Password").fill("9999");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Wrong login or password").waitFor({ timeout: STEP });
  await context.close();
});
