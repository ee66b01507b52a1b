// Widget budgets: prints figures, never asserts (timings on a shared machine are noisy).
//
//   node scripts/bench-widget.mjs [--runs 20] [--events 200]
//
// Needs the consoles built (scripts/build-consoles.sh: dist/ at least) and `cargo build -p gateway` (target/debug/gateway),
// and e2e/node_modules (playwright-core). Measures:
//   1. transfer size: wasm + JS + CSS, gzip -9 (scripts/size-report.mjs);
//   2. cold load: navigation start → the sign-in form is interactive (the login field exists
//      and is enabled), median and p90 over --runs fresh browser contexts (empty cache);
//   3. event → DOM: for each gateway event that changes the console, the time from the
//      WebSocket `message` event reaching the page to the first DOM mutation after it
//      (a MutationObserver), p50/p99 over --events agent state changes (Pause/Ready sent
//      through the REST API from Node, so only the event channel updates the page). This is
//      the widget's share of the latency: decode + Machine + signals + DOM; the gateway's
//      share (emit → socket) is measured by the gateway's own load bench.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ms, option, percentile } from "./bench-util.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = option("runs", 20);
const EVENTS = option("events", 200);

// The harness (and playwright-core, in e2e/node_modules) starts the gateway and Chromium.
const { startGateway, launchBrowser } = await import(join(root, "e2e", "harness.mjs"));


console.log("== 1. transfer size (gzip)");
try {
  // Every console built (scripts/build-consoles.sh), each against its budget.
  const entries = [["o2g", "dist"], ["xuc", "dist-xuc"], ["embed", "dist-embed"]]
    .filter(([, dist]) => existsSync(join(root, dist, "index.html")))
    .map(([label, dist]) => `${label}=${join(root, dist)}`);
  console.log(execFileSync("node", [join(root, "scripts", "size-report.mjs"), ...entries], { encoding: "utf8" }));
} catch (error) {
  console.log(`size report failed: ${error.message}`);
}

const gateway = await startGateway();
const browser = await launchBrowser();
try {
  console.log(`== 2. cold load to interactive sign-in form (${RUNS} runs)`);
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const login = document.getElementById("sign-in-login");
        if (login && !login.disabled) {
          window.__interactiveAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(gateway.url);
    await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 20_000 });
    loads.push(await page.evaluate(() => window.__interactiveAt));
    await context.close();
  }
  console.log(`median ${ms(percentile(loads, 50))}, p90 ${ms(percentile(loads, 90))}, min ${ms(Math.min(...loads))}`);

  console.log(`== 3. event → DOM (${EVENTS} agent state events over the WebSocket)`);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__latencies = [];
      const Native = window.WebSocket;
      window.WebSocket = function (url) {
        const socket = new Native(url);
        socket.addEventListener("message", () => {
          const arrived = performance.now();
          const observer = new MutationObserver(() => {
            window.__latencies.push(performance.now() - arrived);
            observer.disconnect();
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
          // Events that change nothing on screen (keep-alives) must not wait forever.
          setTimeout(() => observer.disconnect(), 1000);
        });
        return socket;
      };
      window.WebSocket.prototype = Native.prototype;
    });
    await page.goto(gateway.url);
    await page.getByLabel("Login").fill(process.env.AGENTDESK_AGENT ?? "oxe70120");
    await page.getByLabel("Password").fill(process.env.AGENTDESK_AGENT_CODE ?? "0120");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("connection").getByText("Connected").waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Log on" }).click();
    await page.getByTestId("go-ready").waitFor({ timeout: 15_000 });
    const cookie = (await context.cookies()).find((c) => c.name === "AlcUserId");
    const post = (path) =>
      fetch(`${gateway.url}/api/rest/1.0/acd/agent/${path}`, { method: "POST", headers: { Cookie: `AlcUserId=${cookie.value}` } });
    await page.evaluate(() => (window.__latencies = []));
    for (let i = 0; i < EVENTS; i++) {
      const target = i % 2 === 0 ? ["pause", "Paused"] : ["ready", "Ready"];
      await post(target[0]);
      await page.getByTestId("agent-status").getByText(target[1], { exact: true }).waitFor({ timeout: 5_000 });
    }
    const latencies = await page.evaluate(() => window.__latencies);
    console.log(
      `${latencies.length} events: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(Math.max(...latencies))}`,
    );
    await context.close();
  } catch (error) {
    console.log(`event latency not measured (needs the agent resources and the event channel): ${error.message}`);
  }
} finally {
  await browser.close();
  gateway.stop();
}
