// Cross-site request forgery, tried in Chromium: a page on another port of the same host (the
// same site, so the browser attaches the agent's session cookie) posts to the O2G API with
// requests that need no CORS preflight. The gateway must refuse them; the agent's own console
// keeps working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, newWatchedPage, startGateway, startPageServer } from "./harness.mjs";

const STEP = 15_000;
let gateway;
let browser;
let attacker;

before(async () => {
  gateway = await startGateway();
  browser = await launchBrowser();
  attacker = await startPageServer({});
});

after(async () => {
  await browser?.close();
  gateway?.stop();
  attacker?.stop();
});

test("a hostile page of the same site cannot dial or turn on do-not-disturb for a signed-in agent", async () => {
  const { context, page } = await newWatchedPage(browser);
  await page.goto(gateway.url);
  await page.getByLabel("Login").fill("oxe70120");
  await page.getByLabel("Password").fill("0120");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("console").waitFor({ timeout: STEP });

  // The attack: simple requests (text/plain, no preflight), the cookie attached.
  attacker.pages["/"] = `<!doctype html><link rel="icon" href="data:,"><script>
    const api = ${JSON.stringify(gateway.url)} + "/api/rest/1.0";
    const send = (path, body) => fetch(api + path, { method: "POST", mode: "no-cors", credentials: "include",
      headers: { "Content-Type": "text/plain" }, body }).catch(() => {});
    Promise.all([
      send("/telephony/calls", JSON.stringify({ deviceId: "70120", callee: "0899123456" })),
      send("/routing/dnd", ""),
    ]).then(() => (document.title = "sent"));
  </script>`;
  const hostile = await context.newPage();
  await hostile.goto(attacker.url);
  await hostile.waitForFunction(() => document.title === "sent", null, { timeout: STEP });

  // Nothing happened: no call to the premium number, DND still off (the gateway's own view).
  const calls = await (await fetch(`${gateway.url}/api/sim/calls`)).json();
  assert.ok(!JSON.stringify(calls).includes("0899123456"), `no call was placed: ${JSON.stringify(calls)}`);
  const cookie = (await context.cookies()).find((c) => c.name === "AlcUserId");
  const routing = await (await fetch(`${gateway.url}/api/rest/1.0/routing/state`, {
    headers: { Cookie: `AlcUserId=${cookie.value}` },
  })).json();
  assert.notEqual(routing.dndState?.activate, true, "DND stays off");

  // The agent's own console still changes things.
  await page.locator("#dial-number").fill("70140");
  await page.getByTestId("make-call").click();
  await page.locator("[data-testid=call]").first().waitFor({ timeout: STEP });
  await page.keyboard.press("Alt+KeyH");
  await page.locator("[data-testid=call]").first().waitFor({ state: "detached", timeout: STEP });
  await context.close();
});
