// Signing in and out of the widget against a real gateway, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, launchBrowser, newWatchedPage, startGateway } from "./harness.mjs";

let gateway;
let browser;

before(async () => {
  gateway = await startGateway();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  gateway?.stop();
});

async function signIn(page, login, password) {
  await page.goto(gateway.url);
  await page.getByLabel("Login").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the sign-in form defaults the gateway to the page's origin", async () => {
  const { context, page, problems } = await newWatchedPage(browser);
  await page.goto(gateway.url);
  await page.getByText("Gateway", { exact: true }).click();
  assert.equal(await page.getByLabel("Gateway address").inputValue(), gateway.url);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a bad password shows the gateway's helpMessage and keeps the agent signed out", async () => {
  const { context, page, problems } = await newWatchedPage(browser);
  await signIn(page, "oxe70120", "9999");
  const alert = page.getByRole("alert");
  await alert.getByText("Sign-in failed").waitFor();
  assert.match(
    await alert.innerText(),
    /Sign-in failed: The operation is not allowed, because of insufficient rights or bad credential/,
  );
  assert.equal(await page.getByLabel("Password").inputValue(), "", "the password is not kept");
  assert.equal(await page.getByLabel("Login").inputValue(), "oxe70120", "the login is kept for another try");
  await page.screenshot({ path: join(artifacts, "sign-in-bad-password.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a good password opens a session; Sign out closes it on the gateway", async () => {
  const { context, page, problems } = await newWatchedPage(browser);
  await signIn(page, "oxe70120", "0120");
  await page.getByTestId("signed-in-as").getByText("oxe70120").waitFor();
  await page.screenshot({ path: join(artifacts, "signed-in.png") });

  const cookie = (await context.cookies()).find((c) => c.name === "AlcUserId");
  assert.ok(cookie, "the gateway set the AlcUserId cookie");
  const sessionsUrl = `${gateway.url}/api/rest/1.0/sessions`;
  const headers = { Cookie: `AlcUserId=${cookie.value}` };
  assert.equal((await fetch(sessionsUrl, { headers })).status, 200, "the session is open on the gateway");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  const closed = await fetch(sessionsUrl, { headers });
  assert.equal(closed.status, 403, "the session is closed on the gateway");
  assert.equal((await closed.json()).type, "INVALID_SESSION");
  assert.deepEqual(problems, []);
  await context.close();
});
