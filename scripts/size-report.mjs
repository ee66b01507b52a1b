// Prints the transfer size of each built console (one Trunk build per entry point): every file
// an agent downloads (the page, wasm, JS, CSS, icons, manifest), raw, gzip -9 and brotli -11,
// against the budget of issue 16; then, with --compare, beside two shipped agent consoles
// fetched from npm in the same run (Amazon Connect Streams, Twilio Flex UI), as ratios.
//
// Usage: node scripts/size-report.mjs [--compare] [label=]dist ...
//   node scripts/size-report.mjs o2g=dist xuc=dist-xuc --compare
// Without a dist, `dist`. A label names the entry point (default: the folder's name).
// Prints only: it never fails on a figure (sizes are benchmarks, not tests). It fails when a
// folder has no build in it.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, extname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { brotliCompressSync, constants, gunzipSync, gzipSync } from "node:zlib";

/** The agent console's budget (issue 16), gzip, wasm + JS + CSS: at most 150 KiB; the goal 95. */
export const BUDGET_GZIP_KIB = 150;
export const GOAL_GZIP_KIB = 95;

/** The npm packages we stand beside: the file of each an agent's browser loads. */
export const COMPETITORS = [
  {
    name: "Amazon Connect Streams",
    spec: "amazon-connect-streams@2.28.2",
    file: "package/release/connect-streams-min.js",
    note: "the library alone, before Amazon's agent UI (CCP) loads in its iframe",
  },
  {
    name: "Twilio Flex UI",
    spec: "@twilio/flex-ui@2.17.1",
    file: "package/bundle/twilio-flex.prod.js",
    note: "the production bundle",
  },
];

const kinds = {
  ".wasm": "wasm", ".js": "js", ".css": "css", ".html": "html",
  ".svg": "icon", ".png": "icon", ".ico": "icon", ".webmanifest": "manifest",
};
/** What the budget counts (the "wasm + JS + CSS"); the page and icons are listed too. */
const counted = new Set(["wasm", "js", "css"]);

export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const kib = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const zero = () => ({ raw: 0, gzip: 0, brotli: 0 });

/** The sizes of one built entry point: its files by kind, the counted total, everything. */
export function measureEntry(dist) {
  const files = [];
  let total = zero();
  let everything = zero();
  for (const name of readdirSync(dist).sort()) {
    const path = join(dist, name);
    const kind = kinds[extname(name)];
    if (!kind || !statSync(path).isFile()) continue;
    const size = sizes(readFileSync(path));
    files.push({ kind, name, size });
    everything = add(everything, size);
    if (counted.has(kind)) total = add(total, size);
  }
  return { files, total, everything };
}

function printEntry(label, dist, entry) {
  console.log(`\n${label} (${dist})`);
  console.log("kind          raw           gzip        brotli    file");
  for (const { kind, name, size } of entry.files) {
    console.log([kind.padEnd(8), kib(size.raw), kib(size.gzip), kib(size.brotli), name].join("  "));
  }
  console.log(["total   ", kib(entry.total.raw), kib(entry.total.gzip), kib(entry.total.brotli), "wasm + JS + CSS"].join("  "));
  console.log(["all     ", kib(entry.everything.raw), kib(entry.everything.gzip), kib(entry.everything.brotli), "with the page, icons and manifest"].join("  "));
  const gzipKib = entry.total.gzip / 1024;
  const verdict = gzipKib <= BUDGET_GZIP_KIB
    ? `within the budget of ${BUDGET_GZIP_KIB} KiB gzip (${(BUDGET_GZIP_KIB - gzipKib).toFixed(1)} KiB to spare; the goal is ${GOAL_GZIP_KIB})`
    : `OVER the budget of ${BUDGET_GZIP_KIB} KiB gzip by ${(gzipKib - BUDGET_GZIP_KIB).toFixed(1)} KiB`;
  console.log(`budget: ${verdict}`);
}

/** The competitors' files, fetched once with `npm pack` (the tarball only, no dependencies). */
export function competitorSizes(cache) {
  mkdirSync(cache, { recursive: true });
  const results = [];
  for (const competitor of COMPETITORS) {
    const tarball = join(cache, competitor.spec.replace(/^@/, "").replace("/", "-").replace("@", "-") + ".tgz");
    if (!existsSync(tarball)) {
      try {
        execFileSync("npm", ["pack", "--silent", "--pack-destination", cache, competitor.spec], {
          stdio: ["ignore", "pipe", "pipe"],
          timeout: 120_000,
        });
      } catch (error) {
        const why = String(error.stderr ?? error.message).trim().split("\n").pop();
        results.push({ competitor, error: `not fetched (${why}); offline? the comparison needs npm once, then the cache` });
        continue;
      }
    }
    if (!existsSync(tarball)) {
      results.push({ competitor, error: `npm pack wrote no ${basename(tarball)}` });
      continue;
    }
    // Brotli -11 of Flex's 8 MB takes tens of seconds: the figures are kept beside the tarball.
    const figures = `${tarball}.${competitor.file.replaceAll("/", "_")}.sizes.json`;
    if (existsSync(figures)) {
      results.push({ competitor, size: JSON.parse(readFileSync(figures, "utf8")) });
      continue;
    }
    const bytes = fileOfTarball(gunzipSync(readFileSync(tarball)), competitor.file);
    if (!bytes) {
      results.push({ competitor, error: `no ${competitor.file} in ${basename(tarball)}` });
      continue;
    }
    const size = sizes(bytes);
    writeFileSync(figures, JSON.stringify(size));
    results.push({ competitor, size });
  }
  return results;
}

/** One file of an (uncompressed) tar archive, or null. */
function fileOfTarball(tar, wanted) {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header[0] === 0) break;
    const field = (start, length) => header.subarray(start, start + length).toString("latin1").replace(/\0.*$/s, "");
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const body = offset + 512;
    if (name === wanted) return tar.subarray(body, body + size);
    offset = body + Math.ceil(size / 512) * 512;
  }
  return null;
}

function printComparison(entries, results) {
  console.log("\nside by side (npm packages fetched into the tools cache; ratio = ours / theirs)");
  for (const { competitor, size, error } of results) {
    if (error) {
      console.log(`${competitor.name} (${competitor.spec}): ${error}`);
      continue;
    }
    console.log(`${competitor.name} (${competitor.spec}, ${competitor.file}: ${competitor.note})`);
    console.log(["  theirs        ", kib(size.raw), kib(size.gzip), kib(size.brotli)].join("  "));
    for (const { label, entry } of entries) {
      const ratio = (key) => (entry.total[key] / size[key]).toFixed(2).padStart(8) + " ×  ";
      console.log([`  ${label.padEnd(14)}`, ratio("raw"), ratio("gzip"), ratio("brotli")].join("  "));
    }
  }
}

function main() {
  const args = process.argv.slice(2);
  const compare = args.includes("--compare");
  const targets = args.filter((a) => a !== "--compare");
  if (targets.length === 0) targets.push("dist");
  const entries = [];
  for (const target of targets) {
    const [label, dist] = target.includes("=") ? target.split("=", 2) : [basename(target), target];
    if (!existsSync(dist)) {
      console.error(`size-report: no ${dist}: build it first (scripts/build-consoles.sh)`);
      process.exit(1);
    }
    const entry = measureEntry(dist);
    if (!entry.files.some((f) => f.kind === "wasm")) {
      console.error(`size-report: no .wasm in ${dist}: build it first (scripts/build-consoles.sh)`);
      process.exit(1);
    }
    printEntry(label, dist, entry);
    entries.push({ label, entry });
  }
  if (compare) {
    const tools = process.env.AGENTDESK_TOOLS ?? join(homedir(), ".cache", "agentdesk-tools");
    printComparison(entries, competitorSizes(join(tools, "compare")));
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) main();
