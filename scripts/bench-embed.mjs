// Embedding figures: prints them, never asserts (timings on a shared machine are noisy).
//
//   node scripts/bench-embed.mjs [--runs 20] [--calls 20]
//
// Needs `trunk build --release` (dist/), `cargo build -p gateway` (target/debug/gateway) and
// e2e/node_modules (playwright-core). Measures:
//   1. the host SDK's size: raw, gzip -9, brotli;
//   2. embed cold start: `createWidget()` in a host page on another origin → `desk.ready`
//      (iframe load, wasm start, allow-list fetch, handshake), median and p90 over --runs fresh
//      browser contexts (empty cache);
//   3. screen-pop latency: a call injected on the simulator's pilot → the host page's
//      `callRinging` listener runs (gateway event → widget → MessageChannel → SDK), and
//      `desk.answer()` → `callAnswered` at the host, p50/p90/max over --calls calls.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

import { ms, option, percentile } from "./bench-util.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = option("runs", 20);
const CALLS = option("calls", 20);
const { startGateway, startPageServer, launchBrowser } = await import(join(root, "e2e", "harness.mjs"));

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

console.log("== 1. host SDK size");
const sdk = readFileSync(join(root, "crates", "gateway", "assets", "sdk", "agentdesk.js"));
const gzip = gzipSync(sdk, { level: 9 }).length;
const brotli = brotliCompressSync(sdk, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`agentdesk.js: ${kib(sdk.length)} raw, ${kib(gzip)} gzip, ${kib(brotli)} brotli`);

const host = await startPageServer({});
const gateway = await startGateway([
  "--scenario", join(root, "e2e", "scenario.json"),
  "--embed-origin", host.url,
]);
host.pages["/host"] = () => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench host</title>
<div id="softphone" style="width:360px;height:560px"></div>
<script type="module">
  const started = performance.now();
  const sdk = await import("${gateway.url}/sdk/agentdesk.js");
  window.desk = sdk.createWidget({ container: "#softphone" });
  window.__heard = {};
  for (const name of ["callRinging", "callAnswered", "callEnded"]) {
    window.desk.on(name, () => { window.__heard[name] = performance.timeOrigin + performance.now(); });
  }
  window.desk.ready.then(() => { window.__readyAfter = performance.now() - started; });
</script>`;

const browser = await launchBrowser();
try {
  console.log(`== 2. embed cold start: createWidget → ready (${RUNS} runs, empty cache)`);
  const starts = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${host.url}/host`);
    await page.waitForFunction(() => window.__readyAfter !== undefined, null, { timeout: 30_000 });
    starts.push(await page.evaluate(() => window.__readyAfter));
    await context.close();
  }
  console.log(`median ${ms(percentile(starts, 50))}, p90 ${ms(percentile(starts, 90))}, max ${ms(Math.max(...starts))}`);

  console.log(`== 3. screen pop: pilot call injected → host callRinging; answer() → callAnswered (${CALLS} calls)`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${host.url}/host`);
  await page.waitForFunction(() => window.__readyAfter !== undefined, null, { timeout: 30_000 });
  const frame = page.frameLocator("iframe");
  await frame.getByLabel("Login").fill("oxe70120");
  await frame.getByLabel("Password").fill("0120");
  await frame.getByRole("button", { name: "Sign in" }).click();
  await frame.getByTestId("console").waitFor({ timeout: 15_000 });
  await logOn();
  const rings = [];
  const answers = [];
  for (let i = 0; i < CALLS; i++) {
    await page.evaluate(() => { window.__heard = {}; return window.desk.setReady().catch(() => {}); });
    await page.waitForFunction(() => window.desk.getState().then((s) => s.agentState === "ready"), null, { timeout: 15_000 });
    const injected = Date.now();
    await post("/api/sim/calls", { pilot: "60141", caller: "+33612345601" });
    await page.waitForFunction(() => window.__heard.callRinging, null, { timeout: 15_000 });
    rings.push((await page.evaluate(() => window.__heard.callRinging)) - injected);
    const answering = await page.evaluate(() => performance.timeOrigin + performance.now());
    await page.evaluate(() => window.desk.answer());
    await page.waitForFunction(() => window.__heard.callAnswered, null, { timeout: 15_000 });
    answers.push((await page.evaluate(() => window.__heard.callAnswered)) - answering);
    await page.evaluate(() => window.desk.hangUp());
    await page.waitForFunction(() => window.__heard.callEnded, null, { timeout: 15_000 });
  }
  const line = (v) => `p50 ${ms(percentile(v, 50))}, p90 ${ms(percentile(v, 90))}, max ${ms(Math.max(...v))}`;
  console.log(`inject → callRinging at the host: ${line(rings)}`);
  console.log(`answer() → callAnswered at the host: ${line(answers)}`);
  await context.close();
} finally {
  await browser.close();
  gateway.stop();
  host.stop();
}

async function post(path, body) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
}

/** Logs the agent on to the ACD through a side O2G session, closed afterwards. */
async function logOn() {
  const auth = await fetch(`${gateway.url}/api/rest/authenticate?version=1.0`, {
    headers: { Authorization: `Basic ${Buffer.from("oxe70120:0120").toString("base64")}` },
  });
  const cookie = auth.headers.get("set-cookie").split(";")[0];
  for (const [method, path, body] of [
    ["POST", "/sessions", { applicationName: "bench" }],
    ["POST", "/acd/agent/logon", { proAcdDeviceNumber: "71120", pgGroupNumber: "60121" }],
    ["DELETE", "/sessions"],
  ]) {
    const response = await fetch(`${gateway.url}/api/rest/1.0${path}`, {
      method,
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: body && JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  }
}
