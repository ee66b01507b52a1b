// Prints the transfer size of the built widget (wasm, JS, CSS): raw, gzip -9 and brotli -11.
// Usage: node scripts/size-report.mjs [dist]
import { readdirSync, readFileSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const kinds = { ".wasm": "wasm", ".js": "js", ".css": "css" };
const totals = { raw: 0, gzip: 0, brotli: 0 };
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
const rows = [];
for (const name of readdirSync(dist).sort()) {
  const kind = kinds[extname(name)];
  if (!kind) continue;
  const bytes = readFileSync(join(dist, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  totals.raw += bytes.length;
  totals.gzip += gzip;
  totals.brotli += brotli;
  rows.push([kind.padEnd(5), kb(bytes.length), kb(gzip), kb(brotli), name]);
}
if (rows.length === 0) {
  console.error(`size-report: no .wasm/.js/.css in ${dist}: build first (trunk build --release)`);
  process.exit(1);
}
console.log("kind       raw           gzip        brotli    file");
for (const r of rows) console.log(r.join("  "));
console.log(["total", kb(totals.raw), kb(totals.gzip), kb(totals.brotli)].join("  "));
