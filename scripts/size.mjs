// The widget's transfer size: brotli (quality 11) of everything a page loads (wasm, the
// wasm-bindgen JS, the stable entry, snippets). Fails when it grows past the budget.
//   node scripts/size.mjs dist [budget_bytes]
import { brotliCompressSync, constants } from "node:zlib";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const budget = Number(process.argv[3] ?? 0);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "examples") walk(path);
    } else if (/\.(wasm|js)$/.test(name)) files.push(path);
  }
};
walk(dist);
let raw = 0;
let brotli = 0;
for (const file of files) {
  const bytes = readFileSync(file);
  raw += bytes.length;
  brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
console.log(`size: ${files.length} files, ${raw} bytes raw, ${brotli} bytes brotli${budget ? ` (budget ${budget})` : ""}`);
if (budget && brotli > budget) {
  console.error(`size: over budget by ${brotli - budget} bytes`);
  process.exit(1);
}
