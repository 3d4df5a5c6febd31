// A page on another origin than the reference nginx (render.sh's ALLOW_ORIGINS), in
// headless Chromium: two loopback origins serve an intranet page each, nginx a third.
// The listed origin's page loads the widget's module from nginx, reads its French words
// file, its API answers and its avatars from there, and shows the roster; the unlisted
// origin's page (the module copied onto its own origin, so the widget runs) cannot read
// the answers and says the proxy cannot be reached. Plain requests check the headers
// each origin gets.
//
//   node --test tests/e2e/cross_origin.mjs        (scripts/test.sh runs it)
//
// Needs nginx with libnginx-mod-http-js, target/release/presence-sim and dist/.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "../chromium.mjs";
import { PREFIX, ROOT, freePort, startNginx, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const EMAIL = "roster-bot@zulip.example";
const KEY = "cross0origin0test0key0abcdefghij";
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const children = [];
const servers = [];
const folders = [];
let nginx;
let browser;
let listed;
let unlisted;

/** A static server on its own loopback origin for `root`; resolves to its origin. */
async function origin(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  servers.push(server);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return `http://127.0.0.1:${server.address().port}`;
}

const page = (module, proxy, lang) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Intranet</title>
<script type="module" src="${module}"></script></head>
<body><h1>Intranet</h1><zulip-roster id="roster" proxy="${proxy}" refresh="30">See who's online in Zulip</zulip-roster></body></html>`;

before(async () => {
  const simPort = freePort();
  children.push(startSimulator({ port: simPort, users: 30, seed: 4, email: EMAIL, key: KEY }));
  await waitFor("the simulator", async () => (await fetch(`http://127.0.0.1:${simPort}/_sim/stats`)).ok);
  const listedRoot = mkdtempSync(join(tmpdir(), "zulip-roster-listed-"));
  const unlistedRoot = mkdtempSync(join(tmpdir(), "zulip-roster-unlisted-"));
  folders.push(listedRoot, unlistedRoot);
  listed = await origin(listedRoot);
  unlisted = await origin(unlistedRoot);
  nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${simPort}`, basic: BASIC, presenceTtl: 4, allowOrigins: listed });
  const proxy = `${nginx.base}${PREFIX}/api/v1`;
  writeFileSync(join(listedRoot, "index.html"), page(`${nginx.base}${PREFIX}/zulip-roster.js`, proxy, "fr"));
  // The unlisted page hosts the module itself, so the widget runs and can say what failed.
  cpSync(join(ROOT, "dist"), join(unlistedRoot, "widget"), { recursive: true });
  writeFileSync(join(unlistedRoot, "index.html"), page("/widget/zulip-roster.js", proxy, "en"));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  for (const server of servers) server.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await stopChildren(children);
});

/**
 * Opens `url`, waits for the roster's `state` (and, with `avatars`, for an avatar to have
 * loaded); what it shows and what the page logged.
 */
async function visit(url, state, shot, avatars = false) {
  const tab = await browser.newPage({ viewport: { width: 420, height: 640 } });
  const problems = [];
  // What crossing origins could break: a CORS or resource-policy refusal in the console,
  // a request to nginx that failed. (Gravatar is unreachable here, by design.)
  tab.on("console", (m) => m.type() === "error" && /CORS|Cross-Origin|NotSameOrigin/i.test(m.text()) && problems.push(m.text()));
  tab.on("requestfailed", (r) => r.url().startsWith(nginx.base) && problems.push(`${r.url()}: ${r.failure()?.errorText}`));
  try {
    await tab.goto(url);
    await tab.waitForFunction((want) => document.querySelector("#roster")?.dataset.state === want, state, { timeout: 20000 });
    if (avatars) {
      await tab.waitForFunction(() => [...document.querySelector("#roster").shadowRoot.querySelectorAll("img")].some((img) => img.complete && img.naturalWidth > 0), null, { timeout: 20000 });
    }
    const shown = await tab.evaluate(() => {
      const root = document.querySelector("#roster").shadowRoot;
      return {
        rows: root.querySelectorAll("li[part~=row]").length,
        counts: root.querySelector(".counts")?.textContent ?? "",
        banner: root.querySelector("[part~=banner]")?.textContent ?? "",
        avatars: [...root.querySelectorAll("img")].filter((img) => img.complete && img.naturalWidth > 0).length,
      };
    });
    await tab.screenshot({ path: join(SHOTS, `cross-origin-${shot}.png`) });
    return { ...shown, problems };
  } finally {
    await tab.close();
  }
}

/** The headers nginx answers `path` with for a request from `from`. */
function headersFor(path, from) {
  return new Promise((resolve, reject) => {
    request(`${nginx.base}${path}`, { headers: { Origin: from } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.headers));
    }).on("error", reject).end();
  });
}

test("a page on a listed origin shows the roster: module, words, answers and avatars from nginx", async () => {
  const shown = await visit(`${listed}/index.html`, "ready", "listed", true);
  assert.ok(shown.rows > 0, "rows");
  assert.match(shown.counts, /Actifs/, "the French words file, read across origins");
  assert.ok(shown.avatars > 0, "uploaded avatars through the proxy");
  assert.deepEqual(shown.problems, []);
});

test("a page on an unlisted origin gets the widget's message: the proxy cannot be reached", async () => {
  const shown = await visit(`${unlisted}/index.html`, "error", "unlisted");
  assert.equal(shown.rows, 0);
  assert.match(shown.banner, /The proxy cannot be reached/);
});

test("a listed origin is named in the answer's CORS header, and only it", async () => {
  const headers = await headersFor(`${PREFIX}/api/v1/realm/presence`, listed);
  assert.equal(headers["access-control-allow-origin"], listed);
  assert.match(headers.vary ?? "", /Origin/);
  assert.equal(headers["access-control-allow-credentials"], undefined);
});

test("an unlisted origin gets no CORS header for the module, the wasm or an answer", async () => {
  for (const path of ["/zulip-roster.js", "/api/v1/users"]) {
    const headers = await headersFor(`${PREFIX}${path}`, unlisted);
    assert.equal(headers["access-control-allow-origin"], undefined, path);
  }
});

test("the standalone page may be framed by the listed origin", async () => {
  const headers = await headersFor(`${PREFIX}/`, listed);
  assert.match(headers["content-security-policy"] ?? "", new RegExp(`frame-ancestors 'self' ${listed.replace(/[.]/g, "\\.")}`));
});
