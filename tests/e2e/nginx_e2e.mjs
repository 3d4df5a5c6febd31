// End to end through the reference nginx: the simulator plays the Zulip server (Basic
// auth required), nginx holds the key and caches, headless Chromium loads the widget
// from nginx like an intranet visitor and every response it gets is searched for the
// key. (What a visitor sees is checked in every engine by visitor.mjs.)
//
//   node tests/e2e/nginx_e2e.mjs            (scripts/test.sh runs it)
//
// Needs: nginx (Debian), target/release/presence-sim, dist/ (trunk build --release).
// Every process it starts is stopped by PID at the end, pass or fail. One node:test test
// per check, in order: later checks use the page and the simulator the earlier ones left.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../chromium.mjs";
import { PREFIX, ROOT, freePort, sleep, startNginx, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const DIST = join(ROOT, "dist");
const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
const EMAIL = "roster-bot@zulip.example";
// A fresh key per run: the test looks for it in everything the browser receives.
const KEY = Array.from({ length: 32 }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)]).join("");
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const PRESENCE_TTL = 4; // seconds; production default 20 s (same mechanism, quicker suite)

const children = [];
mkdirSync(SHOTS, { recursive: true });
const EMBED = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Embed</title>
<script type="module" src="${PREFIX}/zulip-roster.js"></script></head>
<body><h1>Team</h1><zulip-roster id="roster" proxy="${PREFIX}/api/v1" refresh="2" names="auto">See who's online in Zulip</zulip-roster></body></html>`;
// A team's page: the design channel's roster, by the channel's name.
const TEAM = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Design</title>
<script type="module" src="${PREFIX}/zulip-roster.js"></script></head>
<body><h1>Design</h1><zulip-roster id="roster" proxy="${PREFIX}/api/v1" channel="design">Design on Zulip</zulip-roster></body></html>`;
const simPort = freePort();

function startSim() {
  const sim = startSimulator({ port: simPort, users: 40, seed: 5, email: EMAIL, key: KEY });
  children.push(sim);
  return sim;
}
const simUrl = `http://127.0.0.1:${simPort}`;
let nginx;
let base;
const simStats = async () => (await fetch(`${simUrl}/_sim/stats`)).json();
/** The simulator's own answer to `path`, asked directly with the key: the truth. */
const simApi = async (path) => (await fetch(`${simUrl}/api/v1${path}`, { headers: { Authorization: `Basic ${BASIC}` } })).json();
const presenceHits = async () => (await simStats()).requests["/api/v1/realm/presence"] ?? 0;
const roster = (page) => page.evaluate(() => {
  const host = document.querySelector("#roster");
  return { state: host.dataset.state, rows: host.shadowRoot.querySelectorAll("li[part~=row]").length };
});

let sim;
let browser;
let context;
// Every response the browser received, with whether it carried the key.
const seen = [];

before(async () => {
  sim = startSim();
  nginx = await startNginx({ zulipUrl: simUrl, basic: BASIC, presenceTtl: PRESENCE_TTL, pages: { "e2e/embed.html": EMBED, "e2e/team.html": TEAM }, dist: DIST });
  base = nginx.base;
  browser = await launchChromium();
  await waitFor("the simulator", async () => (await fetch(`${simUrl}/_sim/stats`)).ok);
  await waitFor("nginx", async () => (await fetch(`${base}${PREFIX}/zulip-roster.js`)).ok);
});

after(async () => {
  await browser?.close();
  await stopChildren(children);
  await nginx?.stop();
  console.log(`nginx: ${nginx?.version || "see nginx -v"}`);
});

test("nginx -t accepts the rendered configuration", () => {
  nginx.check();
});

// --- the proxy, over plain HTTP -----------------------------------------------------------
test("presence through nginx, with the visitor's credentials and cookie dropped", async () => {
  const presence = await fetch(`${base}${PREFIX}/api/v1/realm/presence?client=evil`, {
    headers: { Authorization: "Basic ZXZpbDpldmls", Cookie: "sessionid=visitor" },
  });
  const text = await presence.text();
  assert.equal(presence.status, 200);
  assert.equal(JSON.parse(text).result, "success");
  assert.ok(!presence.headers.has("set-cookie"), "no Set-Cookie reaches the browser");
  assert.ok(!presence.headers.has("www-authenticate"), "no WWW-Authenticate reaches the browser");
  assert.ok(!text.includes(KEY) && !text.includes(BASIC), "the answer does not contain the key");
  assert.equal((await simStats()).with_cookie, 0, "the visitor's Cookie never reaches Zulip");
});

test("the wasm is served as application/wasm, cached as immutable", async () => {
  const wasm = await fetch(`${base}${PREFIX}/${readdirSync(DIST).find((f) => f.endsWith("_bg.wasm"))}`);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.match(wasm.headers.get("cache-control") ?? "", /immutable/);
});

test("zulip-roster.js: short caching and the CSP", async () => {
  const entry = await fetch(`${base}${PREFIX}/zulip-roster.js`);
  assert.match(entry.headers.get("cache-control") ?? "", /max-age=300/);
  assert.match(entry.headers.get("content-security-policy") ?? "", /wasm-unsafe-eval/);
});

test("a redirect names no host, not even the one the visitor asked for", async () => {
  const { request } = await import("node:http");
  const location = await new Promise((resolve, reject) => {
    request(`${base}${PREFIX}`, { headers: { Host: "localhost" } }, (res) => {
      res.resume();
      resolve([res.statusCode, res.headers.location]);
    }).on("error", reject).end();
  });
  assert.deepEqual(location, [301, `${PREFIX}/`]);
});

test("the credentials file is not reachable", async () => {
  assert.equal((await fetch(`${base}${PREFIX}/../secrets/zulip-auth.conf`)).status, 404);
});

test("other paths and methods are refused and never forwarded", async () => {
  const before = await simStats();
  for (const [method, path] of [["POST", "/api/v1/realm/presence"], ["DELETE", "/api/v1/realm/presence"], ["PUT", "/api/v1/users"], ["GET", "/api/v1/messages"], ["GET", "/api/v1/users/me"], ["POST", "/api/v1/messages"],
    ["POST", "/api/v1/user_groups"], ["GET", "/api/v1/user_groups/20/members"], ["GET", "/api/v1/streams"], ["GET", "/api/v1/streams/16"], ["GET", "/api/v1/streams/16x/members"], ["PATCH", "/api/v1/streams/16/members"], ["GET", "/api/v1/get_stream_id"]]) {
    const answer = await fetch(`${base}${PREFIX}${path}`, { method });
    assert.ok([403, 404, 405].includes(answer.status), `${method} ${path} was not refused: ${answer.status}`);
  }
  const after = await simStats();
  const api = (stats) => JSON.stringify(Object.entries(stats.requests).filter(([path]) => path.startsWith("/api/")));
  assert.equal(api(after), api(before));
  assert.ok(!after.requests["/api/v1/messages"] && !after.methods.POST && !after.methods.DELETE && !after.methods.PUT);
});

test("a channel through nginx: its id by name, then its members, each cached, the visitor's arguments dropped", async () => {
  const truth = { id: await simApi("/get_stream_id?stream=design"), members: await simApi("/streams/16/members") };
  const before = await simStats();
  const ask = (path) => fetch(`${base}${PREFIX}/api/v1${path}`, { headers: { Authorization: "Basic ZXZpbDpldmls" } });
  const first = await ask("/get_stream_id?stream=design&include_subscribers=true");
  assert.equal(first.status, 200);
  assert.deepEqual(await first.json(), truth.id);
  const again = await ask("/get_stream_id?stream=design");
  assert.equal(again.headers.get("x-cache-status"), "HIT");
  const members = await ask("/streams/16/members?anything=1");
  assert.equal(members.status, 200);
  assert.deepEqual((await members.json()).subscribers, truth.members.subscribers);
  assert.equal((await ask("/streams/16/members")).headers.get("x-cache-status"), "HIT");
  const after = await simStats();
  const asked = (stats, path) => stats.requests[path] ?? 0;
  assert.equal(asked(after, "/api/v1/get_stream_id") - asked(before, "/api/v1/get_stream_id"), 1, "one request upstream for two");
  assert.equal(asked(after, "/api/v1/streams/16/members") - asked(before, "/api/v1/streams/16/members"), 1);
  const unknown = await ask("/get_stream_id?stream=nonexistent");
  assert.equal(unknown.status, 400);
  assert.equal((await unknown.json()).msg, "Invalid channel name 'nonexistent'");
});

test("user groups through nginx: a bot's key gets Zulip's own refusal, passed on", async () => {
  const groups = await fetch(`${base}${PREFIX}/api/v1/user_groups?include_deactivated_groups=true`);
  const body = await groups.json();
  assert.equal(groups.status, 400);
  assert.deepEqual([body.code, body.msg], ["BAD_REQUEST", "This endpoint does not accept bot requests."]);
});

// --- the widget in a browser ------------------------------------------------------------------
// What the roster shows (rows, statuses, guests, search, avatars) is checked in every
// engine by tests/e2e/visitor.mjs; here the page is the browser whose every response is
// recorded for the leak checks below.
test("the page through nginx becomes ready, every response recorded", async () => {
  context = await browser.newContext({ viewport: { width: 420, height: 640 } });
  context.on("response", async (response) => {
    const headers = JSON.stringify(await response.allHeaders());
    let body = "";
    try {
      body = (await response.body()).toString("latin1");
    } catch {
      // redirects and aborted requests have no body
    }
    seen.push({ url: response.url(), status: response.status(), leaks: headers.includes(KEY) || headers.includes(BASIC) || body.includes(KEY) || body.includes(BASIC), time: Date.now() });
  });
  const page = await context.newPage();
  await page.goto(`${base}/e2e/embed.html`);
  await page.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "ready", null, { timeout: 20000 });
  const { members } = await simApi("/users");
  assert.equal((await roster(page)).rows, members.filter((m) => m.is_active && !m.is_bot).length);
  await page.screenshot({ path: join(SHOTS, "nginx-embed.png") });
  await page.close();
});

test("a channel roster through nginx lists exactly the channel's listed members", async () => {
  const page = await context.newPage();
  await page.goto(`${base}/e2e/team.html`);
  await page.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "ready", null, { timeout: 20000 });
  const { members } = await simApi("/users");
  const { subscribers } = await simApi(`/streams/${(await simApi("/get_stream_id?stream=design")).stream_id}/members`);
  const expected = members.filter((m) => m.is_active && !m.is_bot && subscribers.includes(m.user_id)).map((m) => m.email).sort();
  const shown = await page.evaluate(() => [...document.querySelector("#roster").shadowRoot.querySelectorAll("li[part~=row]")].map((r) => r.dataset.email).sort());
  assert.ok(expected.length > 0 && expected.length < members.length, "a team, not everyone");
  assert.deepEqual(shown, expected);
  assert.equal(await page.evaluate(() => document.querySelector("#roster").dataset.total), String(expected.length));
  await page.screenshot({ path: join(SHOTS, "nginx-team.png") });
  await page.close();
});

test("fan-out: 200 viewers in one cache window cost Zulip at most one request", async () => {
  await sleep((PRESENCE_TTL + 1) * 1000); // a fresh cache window
  const hitsBefore = await presenceHits();
  const viewers = 200;
  const answers = await Promise.all(Array.from({ length: viewers }, () => fetch(`${base}${PREFIX}/api/v1/realm/presence`).then((r) => r.status)));
  const upstream = (await presenceHits()) - hitsBefore;
  console.log(`fan-out: ${viewers} viewers -> ${upstream} upstream requests`);
  assert.ok(answers.every((s) => s === 200), `${answers.filter((s) => s === 200).length} of ${viewers} answered 200`);
  assert.ok(upstream <= 1, `${upstream} upstream requests`);
});

test("a revoked key: the browser gets a 502 with Zulip's code, never a 401 or a password prompt", async () => {
  await sleep((PRESENCE_TTL + 1) * 1000);
  // Two refusals: nginx asks a second time for Zulip's body (stock nginx cannot keep an
  // intercepted answer's).
  await fetch(`${simUrl}/_sim/fault`, { method: "POST", body: JSON.stringify({ kind: "unauthorized", count: 2 }) });
  const revoked = await fetch(`${base}${PREFIX}/api/v1/realm/presence`);
  const body = await revoked.json();
  assert.equal(revoked.status, 502);
  assert.equal(body.code, "INVALID_API_KEY");
  assert.ok(!revoked.headers.has("www-authenticate"));
});

test("a deactivated bot: the browser gets a 502 with USER_DEACTIVATED", async () => {
  await sleep((PRESENCE_TTL + 1) * 1000);
  await fetch(`${simUrl}/_sim/fault`, { method: "POST", body: JSON.stringify({ kind: "user_deactivated", count: 2 }) });
  const refused = await fetch(`${base}${PREFIX}/api/v1/realm/presence`);
  const body = await refused.json();
  assert.deepEqual([refused.status, body.code, body.msg], [502, "USER_DEACTIVATED", "Account is deactivated"]);
  assert.ok(!refused.headers.has("www-authenticate"));
});

test("a deactivated organization is named as such in the page", async () => {
  await sleep((PRESENCE_TTL + 1) * 1000);
  await fetch(`${simUrl}/_sim/fault`, { method: "POST", body: JSON.stringify({ kind: "realm_deactivated", count: 1000 }) });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/e2e/embed.html`);
    await page.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "error", null, { timeout: 20000 });
    const banner = await page.evaluate(() => document.querySelector("#roster").shadowRoot.querySelector("[part=banner]")?.textContent ?? "");
    assert.match(banner, /the organization is deactivated/);
    assert.match(banner, /REALM_DEACTIVATED: This organization has been deactivated/);
    await page.screenshot({ path: join(SHOTS, "nginx-realm-deactivated.png") });
  } finally {
    await fetch(`${simUrl}/_sim/fault`, { method: "DELETE" });
    await page.close();
  }
});

// --- avatars from a self-hosted server -------------------------------------------------------
test("avatars: GET only, no key sent, one upstream request for many viewers", async () => {
  const { members } = await simApi("/users");
  const url = members.find((m) => m.avatar_url?.startsWith("/user_avatars/")).avatar_url;
  const path = url.split("?")[0];
  const hits = async () => (await simStats()).requests[path] ?? 0;
  const before = await hits();
  const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}${PREFIX}${url}&junk=${Math.random()}`)));
  assert.ok(answers.every((a) => a.status === 200));
  assert.match(answers[0].headers.get("content-type") ?? "", /^image\//);
  assert.ok((await hits()) - before <= 1, "cached, whatever the visitors' query strings");
  assert.equal((await simStats()).public_with_authorization, 0, "no key goes with an avatar");
  assert.equal((await fetch(`${base}${PREFIX}${url}`, { method: "POST" })).status, 405);
  assert.equal((await fetch(`${base}${PREFIX}/user_avatars/2/0000000a00.png`)).status, 404);
});

let live;
test("the simulator stopped: the page keeps its rows", async () => {
  live = await context.newPage();
  await live.goto(`${base}/e2e/embed.html`);
  await live.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "ready", null, { timeout: 20000 });
  const before = await roster(live);
  sim.kill("SIGTERM");
  await sleep((PRESENCE_TTL + 6) * 1000); // long enough for the cache to expire and a poll to fail
  const during = await roster(live);
  assert.ok(["ready", "stale"].includes(during.state), `state ${during.state}`);
  assert.equal(during.rows, before.rows);
});

test("the simulator back: the roster is current again by itself", async () => {
  sim = startSim();
  await waitFor("the simulator again", async () => (await fetch(`${simUrl}/_sim/stats`)).ok);
  const hitsAtRestart = await presenceHits();
  await waitFor("a fresh answer after the restart", async () => (await presenceHits()) > hitsAtRestart, 30000);
  await live.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "ready", null, { timeout: 30000 });
});

test("429 with Retry-After: the widget waits at least that long before asking again", async () => {
  const retryAfter = 6;
  await fetch(`${simUrl}/_sim/fault`, { method: "POST", body: JSON.stringify({ kind: "rate_limit", retry_after: retryAfter, count: 1 }) });
  await waitFor("a 429 in the browser", () => seen.some((r) => r.status === 429), 30000);
  const limitedAt = seen.find((r) => r.status === 429).time;
  const next = () => seen.find((r) => r.url.endsWith("/realm/presence") && r.time > limitedAt);
  await waitFor("the next presence request", () => next(), 30000);
  const waited = (next().time - limitedAt) / 1000;
  console.log(`rate limit: Retry-After ${retryAfter} s -> next request after ${waited.toFixed(1)} s`);
  assert.ok(waited >= retryAfter, `waited ${waited.toFixed(1)} s`);
});

test("no response the browser received contains the key or the Authorization value", () => {
  assert.ok(seen.length > 5, `${seen.length} responses`);
  assert.deepEqual(seen.filter((r) => r.leaks).map((r) => r.url), []);
});

test("the browser never saw a 401", () => {
  assert.deepEqual(seen.filter((r) => r.status === 401).map((r) => r.url), []);
});

test("screenshots: the standalone page (light, dark) and the intranet example", async () => {
  const shot = async (path, file, colorScheme) => {
    const p = await browser.newPage({ viewport: { width: path.includes("intranet") ? 1000 : 420, height: path.includes("intranet") ? 760 : 480 }, colorScheme });
    await p.goto(`${base}${path}`);
    await p.waitForFunction(() => [...document.querySelectorAll("[data-state]")].every((e) => e.dataset.state === "ready"), null, { timeout: 20000 });
    await p.waitForTimeout(500); // avatars decode and paint; a picture, not a check
    await p.screenshot({ path: join(SHOTS, file) });
    await p.close();
  };
  await shot(`${PREFIX}/?proxy=${PREFIX}/api/v1&theme=light`, "roster-light.png", "light");
  await shot(`${PREFIX}/?proxy=${PREFIX}/api/v1&theme=dark`, "roster-dark.png", "dark");
  await shot(`${PREFIX}/examples/intranet.html`, "intranet.png", "light");
  console.log(`screenshots in ${SHOTS}`);
});
