// One build per entry point (issue 16, issue 12 point 5): an agent downloads the code of their
// backend only, and the host bridge only in the embed console. Checked from the browser's own
// network log: which wasm each page fetches, and how many bytes it moved; and the card's files
// (favicon, icons, manifest) that let an agent install the console as an app window.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { consoleBuilt, launchBrowser, newWatchedPage, startGateway } from "./harness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const all = consoleBuilt("xuc") && consoleBuilt("embed");
let gateway;
let browser;

before(async () => {
  if (!all) return;
  gateway = await startGateway();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  gateway?.stop();
});

/** The one wasm file of a build folder. */
function wasmOf(dist) {
  const name = readdirSync(join(root, dist)).find((file) => file.endsWith("_bg.wasm"));
  return { name, bytes: statSync(join(root, dist, name)).size };
}

/** Opens `path` and returns the wasm and script URLs the page fetched, once the form is up. */
async function fetchedBy(path) {
  const { context, page, problems } = await newWatchedPage(browser);
  const urls = [];
  page.on("request", (request) => urls.push(new URL(request.url()).pathname));
  await page.goto(`${gateway.url}${path}`);
  await page.locator("#sign-in-login").waitFor({ timeout: 15_000 });
  assert.deepEqual(problems, [], `${path}: no console errors`);
  await context.close();
  return urls;
}

test("each console downloads its own build only: O2G at /, XuC at /xuc/, the bridge at /embed", { skip: !all && "dist-xuc or dist-embed not built" }, async () => {
  const builds = { o2g: wasmOf("dist"), xuc: wasmOf("dist-xuc"), embed: wasmOf("dist-embed") };
  assert.equal(new Set(Object.values(builds).map((b) => b.name)).size, 3, "three different builds");
  for (const [path, own, prefix] of [["/", "o2g", "/"], ["/xuc/", "xuc", "/xuc/"], ["/embed", "embed", "/embed/"]]) {
    const wasm = (await fetchedBy(path)).filter((url) => url.endsWith(".wasm"));
    assert.deepEqual(wasm, [`${prefix}${builds[own].name}`], `${path} fetches the ${own} build's wasm and no other`);
  }
});

test("the console's card: favicon, icons and a manifest that installs it as an app window", { skip: !all && "dist-xuc or dist-embed not built" }, async () => {
  for (const base of ["/", "/xuc/"]) {
    const manifest = await (await fetch(`${gateway.url}${base}manifest.webmanifest`)).json();
    assert.equal(manifest.display, "standalone");
    assert.equal(manifest.start_url, "./", "each console installs itself");
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, `${gateway.url}${base}manifest.webmanifest`));
      assert.equal(response.status, 200, `${base}${icon.src}`);
      assert.equal(response.headers.get("content-type"), icon.type, `${base}${icon.src}`);
    }
    assert.ok(manifest.icons.some((icon) => icon.sizes === "512x512" && icon.purpose === "maskable"));
  }
  const html = await (await fetch(gateway.url)).text();
  assert.match(html, /rel="?manifest"? href="?manifest.webmanifest/);
  assert.match(html, /href="?favicon.svg"? rel="?icon|rel="?icon"? href="?favicon.svg/);
});
