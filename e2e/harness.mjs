// Shared harness of the end-to-end tests: a gateway on a free port, and headless Chromium.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const artifacts = join(root, "e2e", "artifacts");
mkdirSync(artifacts, { recursive: true });

/** The consoles built beside the main one (scripts/build-consoles.sh), as the gateway's `--console` options. */
export const CONSOLES = { xuc: "dist-xuc", finesse: "dist-finesse", embed: "dist-embed" };

/** Whether the console `id` (`xuc`, `embed`) is built. */
export function consoleBuilt(id) {
  return existsSync(join(root, CONSOLES[id], "index.html"));
}

/**
 * Starts target/debug/gateway on 127.0.0.1:0 serving dist/ at `/` and each built console of
 * CONSOLES under its path; resolves once it prints its URL (and, with `--demo-addr`, the demo
 * listener's URL as `demoUrl`).
 */
export function startGateway(extraArgs = [], { dist = "dist" } = {}) {
  const binary = process.env.GATEWAY_BIN ?? join(root, "target", "debug", "gateway");
  const consoles = Object.keys(CONSOLES)
    .filter(consoleBuilt)
    .flatMap((id) => ["--console", `${id}=${join(root, CONSOLES[id])}`]);
  const child = spawn(binary, ["--addr", "127.0.0.1:0", "--dist", join(root, dist), ...consoles, ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      RUST_LOG: process.env.RUST_LOG ?? "warn",
      // Each gateway its own history database, and no backfilled past unless a test asks
      // (`--history-days N` in extraArgs wins over the environment).
      AGENTDESK_DATA_DIR: mkdtempSync(join(tmpdir(), "agentdesk-e2e-")),
      AGENTDESK_HISTORY_DAYS: process.env.AGENTDESK_HISTORY_DAYS ?? "0",
    },
  });
  const wantsDemo = extraArgs.includes("--demo-addr");
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start in 20 s:\n${stderr}`)), 20_000);
    child.on("exit", (code) => reject(new Error(`gateway exited (${code}):\n${stderr}`)));
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const main = stdout.match(/gateway listening on (http:\/\/[^\s]+)/);
      const demo = stdout.match(/demo listening on (http:\/\/[^\s]+)/);
      if (main && (demo || !wantsDemo)) {
        clearTimeout(timer);
        resolve({ url: main[1], demoUrl: demo?.[1], stop: () => child.kill("SIGTERM"), stderr: () => stderr });
      }
    });
  });
}

/**
 * A plain HTTP server on 127.0.0.1:0 answering `pages[path]` (HTML, or a function returning it)
 * as HTML: a third-party origin. `pages` may be filled in after it starts.
 */
export function startPageServer(pages) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, "http://x").pathname;
    const page = pages[path];
    if (page === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(typeof page === "function" ? page() : page);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, pages, stop: () => server.close() });
    });
  });
}

/** Headless Chromium from Debian, with the flags that keep it quiet on a closed network. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ],
  });
}

/** A new page that records console errors, page errors and CSP violations into `problems`. */
export async function newWatchedPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    // Expected in the network log: a failed sign-in's 401, and the start-up check for a
    // session to resume (GET /sessions: 403 when there is none). Anything else is a problem.
    const text = msg.text();
    const resumeCheck =
      /status of 403/.test(text) && /\/api\/rest\/1\.0\/sessions$/.test(msg.location()?.url ?? "");
    if (msg.type() === "error" && !/status of 401/.test(text) && !resumeCheck) {
      problems.push(`console: ${text}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems };
}
