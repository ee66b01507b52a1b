// A size profile of one console: which functions and which crates its wasm is made of.
//
//   node scripts/size-profile.mjs [--features o2g] [--top 25] [--keep DIR] [--named FILE]
//
// Builds the widget with the shipped profile (`wasm-release`, the features of one console:
// scripts/build-consoles.sh), runs wasm-bindgen and `wasm-opt -Oz` as Trunk does but keeping
// the function names (`-g`), then reads it with twiggy (installed into the tools folder on
// first use). Sizes are those of the shipped code, before compression; names, debug sections
// and wasm structure are left out. Prints the top items, then the bytes by crate (by module
// for agentdesk and cti), which is the table docs/size.md keeps.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { option } from "./bench-util.mjs";

/** `--name VALUE` from the command line, or `fallback`. */
function text(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tools = process.env.AGENTDESK_TOOLS ?? join(homedir(), ".cache", "agentdesk-tools");
const features = text("features", "o2g");
const top = option("top", 25);
const out = text("keep", join(root, "target", "size-profile", features.replaceAll(",", "+")));
const TWIGGY_VERSION = "0.8.0";
const env = { ...process.env, PATH: `${join(tools, "bin")}:${join(tools, "node_modules", ".bin")}:${process.env.PATH}` };
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 28, ...options });

function ensureTwiggy() {
  try {
    if (run("twiggy", ["--version"]).includes(TWIGGY_VERSION)) return;
  } catch {
    // not installed yet
  }
  console.error(`size-profile: installing twiggy ${TWIGGY_VERSION} into ${tools} (once, a few minutes)`);
  run("cargo", ["install", "--quiet", "--locked", "--root", tools, "twiggy", "--version", TWIGGY_VERSION], { stdio: "inherit" });
}

/** The crate (or agentdesk/cti module) an item belongs to, from its demangled name. */
export function ownerOf(name) {
  if (name.startsWith("data segment")) return "(data: strings, tables)";
  if (/^(elem|type|import|export|global|table|memory|code)\b|^\S+\[\d+\]$/.test(name)) return "(wasm structure)";
  let subject = name;
  const impl = subject.match(/^<(.+?) as /);
  if (impl) subject = impl[1];
  subject = subject.replace(/^[<&*( ]+(mut |dyn |const )?/, "");
  if (/^T$|^T\b/.test(subject) || subject.startsWith("core::ops::function")) return "(generic glue: closures, IntoAny)";
  if (subject.startsWith("core::ptr::drop_in_place")) return "(drop glue)";
  const parts = subject.split("::");
  const crate = parts[0].split(/[<[]/)[0];
  if ((crate === "agentdesk" || crate === "cti") && parts.length > 2 && /^[a-z_0-9]+$/.test(parts[1])) {
    return `${crate}::${parts[1]}`;
  }
  return crate;
}

function main() {
  ensureTwiggy();
  // `--named FILE`: profile a wasm already built with names (an earlier build, to compare).
  const given = text("named", null);
  const named = given ?? join(out, "named.wasm");
  if (!given) build(named);
  profile(named);
}

function build(named) {
  mkdirSync(out, { recursive: true });
  console.error(`size-profile: cargo build --profile wasm-release --no-default-features --features ${features}`);
  run("cargo", [
    "build", "--locked", "--quiet", "--profile", "wasm-release", "--target", "wasm32-unknown-unknown",
    "-p", "agentdesk", "--bin", "agentdesk", "--no-default-features", "--features", features,
  ], { stdio: "inherit" });
  const built = join(root, "target", "wasm32-unknown-unknown", "wasm-release", "agentdesk.wasm");
  run("wasm-bindgen", ["--target", "web", "--out-dir", out, "--out-name", "agentdesk", "--no-typescript", "--keep-debug", built]);
  const params = readFileSync(join(root, "index.html"), "utf8").match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? "";
  run("wasm-opt", ["-Oz", "-g", ...params.split(/\s+/).filter(Boolean), join(out, "agentdesk_bg.wasm"), "-o", named]);
}

function profile(named) {
  const csv = run("twiggy", ["top", "-n", "1000000", "-f", "csv", named]);
  const items = csv.trim().split("\n").slice(1).map((line) => {
    const match = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    const name = match[1].startsWith('"') ? match[1].slice(1, -1).replaceAll('""', '"') : match[1];
    return { name, bytes: Number(match[2]) };
  }).filter(({ name }) => !/^"?function names"? subsection|^custom section|^"function names"/.test(name) && !name.includes("function names"));
  const total = items.reduce((sum, item) => sum + item.bytes, 0);
  const percent = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
  console.log(`size profile: ${named}, ${(total / 1024).toFixed(1)} KiB of code and data (wasm-opt -Oz, names kept aside)`);
  console.log(`\ntop ${top} items`);
  for (const { name, bytes } of items.slice(0, top)) {
    console.log(`${String(bytes).padStart(8)}  ${percent(bytes)}  ${name.replace(/::h[0-9a-f]{16}$/, "").slice(0, 140)}`);
  }
  const owners = new Map();
  for (const { name, bytes } of items) {
    const owner = ownerOf(name);
    const entry = owners.get(owner) ?? { bytes: 0, count: 0 };
    entry.bytes += bytes;
    entry.count += 1;
    owners.set(owner, entry);
  }
  console.log("\nby crate (bytes, share, items)");
  for (const [owner, { bytes, count }] of [...owners].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 30)) {
    console.log(`${String(bytes).padStart(8)}  ${percent(bytes)}  ${String(count).padStart(5)}  ${owner}`);
  }
}

main();
