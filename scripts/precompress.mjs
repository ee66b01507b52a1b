// Writes `name.br` (brotli 11) and `name.gz` (gzip 9) beside every .wasm/.js/.css/.html of a
// built widget, so the gateway serves compressed files without compressing on each request.
// Trunk runs it after every build (Trunk.toml, post_build hook) on its staging folder.
// Usage: node scripts/precompress.mjs <dir>   (default: $TRUNK_STAGING_DIR, else dist)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
const compressible = new Set([".wasm", ".js", ".css", ".html"]);
for (const name of readdirSync(dir)) {
  if (!compressible.has(extname(name))) continue;
  const path = join(dir, name);
  const bytes = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
  );
}
