// Compressed delivery through the reference nginx: the release folder's precompressed
// files (scripts/precompress.mjs) chosen by what the visitor accepts, and the API answers
// gzipped once per cache window by the key-holding server and unzipped for the rare
// visitor who takes no gzip, from one cached copy whatever the visitors sent. Plain HTTP
// requests that say exactly which encodings they take, and read the bytes as sent.
//
//   node --test tests/e2e/compression.mjs        (scripts/test.sh runs it, after precompress)
//
// Needs nginx with libnginx-mod-http-js and libnginx-mod-http-brotli-static,
// target/release/presence-sim and a precompressed dist/.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { PREFIX, ROOT, freePort, getAsSent, sleep, startNginx, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const DIST = join(ROOT, "dist");
const EMAIL = "roster-bot@zulip.example";
const KEY = "compression0test0key0abcdefghijk";
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const WINDOW = 1;
const WASM = readdirSync(DIST).find((name) => name.endsWith("_bg.wasm"));
const children = [];
let nginx;

before(async () => {
  const port = freePort();
  children.push(startSimulator({ port, users: 2000, seed: 3, email: EMAIL, key: KEY }));
  await waitFor("the simulator", async () => (await fetch(`http://127.0.0.1:${port}/_sim/stats`)).ok);
  nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${port}`, basic: BASIC, presenceTtl: WINDOW, usersTtl: `${WINDOW}s`, dist: DIST });
});
after(async () => {
  await nginx?.stop();
  await stopChildren(children);
});

const get = (path, encoding) => getAsSent(`${nginx.base}${path}`, encoding);

const file = (name) => readFileSync(join(DIST, name));

test("the wasm goes out as its precompressed brotli to a browser that takes br", async () => {
  const answer = await get(`${PREFIX}/${WASM}`, "gzip, deflate, br");
  assert.equal(answer.headers["content-encoding"], "br");
  assert.deepEqual(answer.body, file(`${WASM}.br`));
  assert.ok(answer.body.length < file(WASM).length / 2, `${answer.body.length} of ${file(WASM).length} bytes`);
  assert.match(answer.headers.vary ?? "", /Accept-Encoding/);
});

test("the wasm goes out as its precompressed gzip to a client that takes only gzip", async () => {
  const answer = await get(`${PREFIX}/${WASM}`, "gzip");
  assert.equal(answer.headers["content-encoding"], "gzip");
  assert.deepEqual(answer.body, file(`${WASM}.gz`));
  assert.equal(answer.headers["content-type"], "application/wasm");
});

test("the wasm goes out as it is to a client that takes no encoding", async () => {
  const answer = await get(`${PREFIX}/${WASM}`);
  assert.equal(answer.headers["content-encoding"], undefined);
  assert.deepEqual(answer.body, file(WASM));
});

test("zulip-roster.js and the words files are precompressed too", async () => {
  for (const name of ["zulip-roster.js", "lang/fr.json"]) {
    const answer = await get(`${PREFIX}/${name}`, "br");
    assert.equal(answer.headers["content-encoding"], "br", name);
    assert.deepEqual(answer.body, file(`${name}.br`), name);
  }
});

test("a presence answer goes out gzipped, a third of its size or less", async () => {
  await sleep(WINDOW * 2000 + 100);
  const zipped = await get(`${PREFIX}/api/v1/realm/presence`, "gzip, deflate, br");
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers["content-encoding"], "gzip");
  const json = gunzipSync(zipped.body);
  assert.equal(JSON.parse(json).result, "success");
  assert.ok(zipped.body.length * 3 < json.length, `${zipped.body.length} bytes for ${json.length}`);
  assert.match(zipped.headers.vary ?? "", /Accept-Encoding/);
});

test("the cached answer serves visitors with and without gzip alike, whoever came first", async () => {
  await sleep(WINDOW * 2000 + 100);
  // The first visitor of the window takes no gzip: what the cache keeps must still serve
  // the next, who does, and the one after, who does not.
  const plain = await get(`${PREFIX}/api/v1/users`);
  const zipped = await get(`${PREFIX}/api/v1/users`, "gzip");
  const plainAgain = await get(`${PREFIX}/api/v1/users`, "identity");
  assert.equal(zipped.headers["x-cache-status"], "HIT");
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(plainAgain.headers["content-encoding"], undefined);
  assert.equal(zipped.headers["content-encoding"], "gzip");
  assert.deepEqual(JSON.parse(plain.body), JSON.parse(gunzipSync(zipped.body)));
  assert.deepEqual(JSON.parse(plainAgain.body), JSON.parse(plain.body));
});
