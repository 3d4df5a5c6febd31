#!/usr/bin/env node
// Writes FILE.gz and FILE.br beside every text, script and wasm file of a static folder,
// so a web server sends them compressed without compressing per request (the reference
// nginx: gzip_static, brotli_static). The same input gives the same bytes: gzip's header
// carries no time or name, brotli's none at all.
//
//   node scripts/precompress.mjs dist
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(js|mjs|wasm|json|css|html|svg|txt|md)$/;
const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/precompress.mjs DIR");
  process.exit(2);
}

let raw = 0;
let gz = 0;
let br = 0;
function walk(folder) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const bytes = readFileSync(path);
    const gzipped = gzipSync(bytes, { level: 9 });
    const brotli = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    writeFileSync(`${path}.gz`, gzipped);
    writeFileSync(`${path}.br`, brotli);
    raw += bytes.length;
    gz += gzipped.length;
    br += brotli.length;
  }
}
walk(dir);
console.error(`precompress: ${raw} bytes raw, ${gz} gzip, ${br} brotli (${dir})`);
