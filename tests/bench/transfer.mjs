// What a visitor downloads through the reference nginx, in bytes on the wire: a first
// visit (the entry, the wasm-bindgen JS, its snippets, the wasm, then presence, /users
// and /server_settings) and one poll (presence), at 30, 10,000 and 50,000 people, for a
// client that takes no encoding (what nginx sent before compressed delivery), one that
// takes gzip, and a browser (br, gzip). The simulator plays Zulip; the release folder is
// precompressed (scripts/precompress.mjs). A measurement, not a test: it prints a table.
//
//   node tests/bench/transfer.mjs        (after trunk build --release and precompress)
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT, PREFIX, freePort, getAsSent, startNginx, startSimulator, stopChildren, waitFor } from "../e2e/nginx_harness.mjs";

const DIST = join(ROOT, "dist");
const EMAIL = "roster-bot@zulip.example";
const KEY = "transfer0measure0key0abcdefghijk";
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const CLIENTS = [["none", undefined], ["gzip", "gzip"], ["browser", "gzip, deflate, br"]];

/** The files a page loads: the entry, the wasm-bindgen JS and its snippets, the wasm. */
function pageFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) {
        if (name.name !== "examples" && name.name !== "lang") walk(path);
      } else if (/\.(js|wasm)$/.test(name.name)) files.push(relative(DIST, path));
    }
  };
  walk(DIST);
  return files;
}

/** Bytes of the body as sent for `path`, taking `encoding`. */
const wire = async (base, path, encoding) => (await getAsSent(`${base}${path}`, encoding)).body.length;

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const rows = [];
for (const users of [30, 10000, 50000]) {
  const port = freePort();
  const sim = startSimulator({ port, users, seed: 1, email: EMAIL, key: KEY });
  await waitFor("the simulator", async () => (await fetch(`http://127.0.0.1:${port}/_sim/stats`)).ok, 120000);
  const nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${port}`, basic: BASIC, presenceTtl: 600, dist: DIST });
  try {
    const api = ["/realm/presence", "/users?client_gravatar=false", "/server_settings"];
    // Fill the caches first: every client below reads the same cached answers.
    for (const path of api) await wire(nginx.base, `${PREFIX}/api/v1${path}`, "gzip");
    for (const [client, encoding] of CLIENTS) {
      let files = 0;
      for (const file of pageFiles()) files += await wire(nginx.base, `${PREFIX}/${file}`, encoding);
      let answers = 0;
      for (const path of api) answers += await wire(nginx.base, `${PREFIX}/api/v1${path}`, encoding);
      const poll = await wire(nginx.base, `${PREFIX}/api/v1/realm/presence`, encoding);
      rows.push({ users, client, files, first: files + answers, poll });
    }
  } finally {
    await nginx.stop();
    await stopChildren([sim]);
  }
}
console.log("| people | client takes | widget files | first visit | one poll |");
console.log("|---:|---|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.users} | ${r.client} | ${kB(r.files)} | ${kB(r.first)} | ${kB(r.poll)} |`);
