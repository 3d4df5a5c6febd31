// The reference nginx in front of a hostile (or compromised) Zulip: a stand-in server in
// this process answers what the test tells it to (wrong content types, CORS, redirect and
// X-Accel headers, gzip, error storms) and records every request that reaches it, with
// the bot's key. Each test asserts one finding of issue 13 from the outside: what the
// browser gets, and what reaches "Zulip".
//
//   node tests/e2e/hostile_zulip.mjs            (scripts/test.sh runs it)
//
// Needs: nginx (Debian). No browser: every check is on the HTTP answers themselves.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer, request } from "node:http";
import { after, before, beforeEach, test } from "node:test";
import { gzipSync } from "node:zlib";
import { PREFIX, freePort, sleep, startNginx } from "./nginx_harness.mjs";

const BASIC = Buffer.from("roster-bot@zulip.example:hostile0test0key").toString("base64");
const WINDOW = 1; // seconds: the presence (and error) cache window of this nginx
const API = `${PREFIX}/api/v1`;
const PRESENCE = '{"result":"success","msg":"","server_timestamp":1800000000.0,"presences":{}}';
const USERS = '{"result":"success","msg":"","members":[]}';

// --- the hostile stand-in for Zulip -----------------------------------------------------
/** Every request that reached the stand-in: method, URL, headers. */
const reached = [];
/** How the stand-in answers; each test sets its own. */
let behave;
const honest = (req, res) => {
  const body = req.url.startsWith("/api/v1/users") ? USERS : req.url.startsWith("/api/v1/server_settings") ? '{"result":"success","msg":"","zulip_version":"8.4","zulip_feature_level":237}' : PRESENCE;
  res.writeHead(200, { "Content-Type": "application/json" }).end(body);
};
const zulip = createServer((req, res) => {
  reached.push({ method: req.method, url: req.url, headers: req.headers });
  behave(req, res);
});
const zulipPort = freePort();
let nginx;

before(async () => {
  await new Promise((ok) => zulip.listen(zulipPort, "127.0.0.1", ok));
  nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${zulipPort}`, basic: BASIC, presenceTtl: WINDOW, usersTtl: `${WINDOW}s`, dist: "/nonexistent" });
});
after(async () => {
  await nginx?.stop();
  zulip.close();
});
// Every test starts in a fresh cache window, with an honest Zulip and nothing recorded.
// (nginx counts cache validity in whole seconds: two windows are surely past one.)
beforeEach(async () => {
  await sleep(WINDOW * 2000 + 100);
  behave = honest;
  reached.length = 0;
});

const get = (path, init) => fetch(`${nginx.base}${path}`, init);
/** A request straight to the key-holding server's unix socket, as a local process would. */
const viaSocket = (method, path) =>
  new Promise((resolve, reject) => {
    const req = request({ socketPath: nginx.socket, method, path, headers: { Host: "zulip-roster-upstream" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end();
  });

// --- 1. answers the browser can only read as data ----------------------------------------
test("an HTML or script answer from Zulip reaches the browser as inert JSON", async () => {
  behave = (req, res) => {
    const html = req.url.startsWith("/api/v1/realm/presence");
    res.writeHead(200, { "Content-Type": html ? "text/html" : "text/javascript" });
    res.end(html ? `<script src="${API}/users"></script>` : "window.__pwned = 1;");
  };
  for (const path of ["/realm/presence", "/users"]) {
    const answer = await get(`${API}${path}`);
    assert.equal(answer.headers.get("content-type"), "application/json; charset=utf-8", path);
    assert.equal(answer.headers.get("x-content-type-options"), "nosniff", path);
    const csp = answer.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /sandbox/, path);
  }
});

test("Zulip's CORS, redirect, refresh, link, site-data and caching headers never reach the browser", async () => {
  behave = (req, res) => {
    res.writeHead(200, {
      "Content-Type": "application/json",
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Credentials": "true",
      Location: "https://evil.example/",
      Refresh: "0; url=https://evil.example/",
      Link: "<https://evil.example/x.js>; rel=preload; as=script",
      "Clear-Site-Data": '"*"',
      "Proxy-Authenticate": 'Basic realm="proxy"',
      "WWW-Authenticate": 'Basic realm="zulip"',
      "Set-Cookie": "sessionid=zulip",
      "Cache-Control": "public, max-age=31536000",
    }).end(PRESENCE);
  };
  const answer = await get(`${API}/realm/presence`);
  assert.equal(answer.status, 200);
  for (const name of ["access-control-allow-origin", "access-control-allow-credentials", "location", "refresh", "link", "clear-site-data", "proxy-authenticate", "www-authenticate", "set-cookie"]) {
    assert.equal(answer.headers.get(name), null, name);
  }
  assert.equal(answer.headers.get("cache-control"), "no-cache");
});

test("a redirect from Zulip is neither followed nor passed on", async () => {
  behave = (req, res) => res.writeHead(302, { Location: "https://evil.example/api/v1/realm/presence" }).end();
  const answer = await get(`${API}/users`, { redirect: "manual" });
  // An outage to the widget: the last good answer (still cached from an earlier test) or
  // an error, never the redirect.
  assert.ok(answer.status === 200 || answer.status >= 500, `status ${answer.status}`);
  assert.equal(answer.headers.get("location"), null);
  assert.doesNotThrow(() => JSON.parse(answer.status === 200 ? USERS : "{}"));
  assert.equal(reached.length, 1, "asked once, not redirected");
});

// --- 2. the key used only for what the widget needs ---------------------------------------
test("through the public side, only GET with fixed arguments, Host and Authorization reach Zulip", async () => {
  const visitor = {
    "Accept-Encoding": "gzip", Referer: "https://intranet.example/secret-page", "User-Agent": "visitor",
    Origin: "https://evil.example", "X-HTTP-Method-Override": "DELETE", "Proxy-Authorization": "Basic eDp5",
    Cookie: "sessionid=visitor", Authorization: "Basic ZXZpbDpldmls", "X-Forwarded-For": "10.0.0.1",
  };
  await get(`${API}/users?include_custom_profile_fields=true&client_gravatar=true`, { headers: visitor });
  await get(`${API}/realm/presence?slim_presence=true`, { headers: visitor });
  assert.equal(reached.length, 2);
  assert.deepEqual(reached.map((r) => `${r.method} ${r.url}`).sort(), ["GET /api/v1/realm/presence", "GET /api/v1/users?client_gravatar=false"]);
  for (const r of reached) {
    assert.deepEqual(Object.keys(r.headers).sort(), ["authorization", "host"], r.url);
    assert.equal(r.headers.authorization, `Basic ${BASIC}`);
  }
});

test("the key-holding socket takes only GET of the widget's paths, with fixed arguments", async () => {
  for (const method of ["DELETE", "POST", "PUT", "PATCH", "OPTIONS", "FOO"]) {
    const status = await viaSocket(method, "/api/v1/users");
    assert.ok(status >= 400, `${method}: ${status}`);
  }
  assert.ok((await viaSocket("GET", "/api/v1/messages")) >= 400);
  assert.equal(await viaSocket("GET", "/api/v1/users?include_custom_profile_fields=true"), 200);
  assert.deepEqual(reached.map((r) => `${r.method} ${r.url}`), ["GET /api/v1/users?client_gravatar=false"]);
});

test("no other local user can reach the key-holding socket", { skip: process.getuid?.() !== 0 && "needs root to act as another user" }, () => {
  // nginx runs as nobody; the socket's folder is nobody's alone. Another account (here
  // uid 65533) cannot even open it, let alone borrow the key.
  const probe = `require("node:http").request({socketPath:${JSON.stringify(nginx.socket)},path:"/api/v1/users"},()=>process.exit(0)).on("error",(e)=>{console.log(e.code);process.exit(3)}).end()`;
  const run = spawnSync("setpriv", ["--reuid=65533", "--regid=65533", "--clear-groups", process.execPath, "-e", probe], { encoding: "utf8" });
  assert.equal(run.status, 3, run.stdout + run.stderr);
  assert.match(run.stdout, /EACCES/);
  assert.equal(reached.length, 0);
});

test("X-Accel-Redirect from Zulip is ignored", async () => {
  behave = (req, res) => res.writeHead(200, { "Content-Type": "application/json", "X-Accel-Redirect": `${API}/users` }).end(PRESENCE);
  const answer = await get(`${API}/realm/presence`);
  assert.deepEqual(await answer.json(), JSON.parse(PRESENCE));
  assert.equal(answer.headers.get("x-accel-redirect"), null);
});

// --- 4. the body independent of the visitor --------------------------------------------------
test("a Zulip that compresses never gets asked to: no gzip body is cached for others", async () => {
  behave = (req, res) => {
    if (/gzip/.test(req.headers["accept-encoding"] ?? "")) {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" }).end(gzipSync(PRESENCE));
    } else honest(req, res);
  };
  await get(`${API}/realm/presence`, { headers: { "Accept-Encoding": "gzip" } });
  assert.equal(reached[0].headers["accept-encoding"], undefined);
  // Another visitor, from the cache: plain JSON.
  const text = await new Promise((resolve) => {
    request(`${nginx.base}${API}/realm/presence`, { headers: { "Accept-Encoding": "identity" } }, (res) => {
      let body = "";
      res.setEncoding("latin1");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve([res.headers["content-encoding"], body]));
    }).end();
  });
  assert.deepEqual([text[0], JSON.parse(text[1])], [undefined, JSON.parse(PRESENCE)]);
});

// --- 3. one upstream request per window, errors included ---------------------------------------
for (const [status, code, asked] of [[401, "INVALID_API_KEY", 1], [403, "INVALID_API_KEY", 1], [429, "RATE_LIMIT_HIT", 1], [500, "BAD_REQUEST", 1], [502, "BAD_GATEWAY", 1], [503, "UNAVAILABLE", 1]]) {
  test(`200 viewers while Zulip answers ${status} cost Zulip at most ${asked} request, later ones none`, async () => {
    // A good answer in the cache, now stale: what an outage falls back on.
    await get(`${API}/users`);
    await sleep(WINDOW * 2000 + 100);
    reached.length = 0;
    const start = Date.now();
    behave = (req, res) => res.writeHead(status, { "Content-Type": "application/json", "Retry-After": "30" }).end(`{"result":"error","msg":"no","code":"${code}"}`);
    await Promise.all(Array.from({ length: 200 }, () => get(`${API}/users`)));
    assert.ok(reached.length <= asked, `${reached.length} requests reached Zulip`);
    // Viewers who asked while the first request was out got the last good answer; from
    // then on the whole window hears the refusal or the rate limit, while an outage (5xx)
    // keeps serving the last good roster, without asking Zulip again.
    const expected = status === 401 || status === 403 ? 502 : status >= 500 ? 200 : status;
    for (let wave = 1; wave <= 3; wave++) {
      const later = await Promise.all(Array.from({ length: 50 }, () => get(`${API}/users`).then((r) => r.status)));
      assert.deepEqual([...new Set(later)], [expected], `viewers of wave ${wave}`);
    }
    // Once per window: nginx keeps an answer at least one whole second (WINDOW), so on a
    // slow machine the waves may span a new window, which may ask again.
    const windows = 1 + Math.floor((Date.now() - start) / (WINDOW * 1000));
    assert.ok(reached.length <= asked * windows, `${reached.length} requests reached Zulip in ${windows} window(s)`);
  });
}

test("one client asking 100 times during a rate limit costs Zulip one request", async () => {
  behave = (req, res) => res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "30" }).end('{"result":"error","msg":"","code":"RATE_LIMIT_HIT","retry-after":30}');
  for (let i = 0; i < 100; i++) assert.equal((await get(`${API}/realm/presence`)).status, 429);
  assert.equal(reached.length, 1);
});

test("a revoked key is reported to every viewer in the window, even with a good answer cached", async () => {
  await get(`${API}/realm/presence`); // a good answer in the cache
  await sleep(WINDOW * 2000 + 100);
  behave = (req, res) => res.writeHead(401, { "Content-Type": "application/json" }).end('{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}');
  await get(`${API}/realm/presence`); // the first viewer of the window meets the refusal
  const answers = await Promise.all(Array.from({ length: 50 }, () => get(`${API}/realm/presence`).then((r) => r.status)));
  assert.deepEqual([...new Set(answers)], [502]);
});

// --- 4. Host names: the intranet's own only ------------------------------------------------
test("a page on another host name (DNS rebinding) reaches nothing", async () => {
  const answer = await new Promise((resolve) => {
    const req = request(`${nginx.base}${API}/realm/presence`, { headers: { Host: "rebound.attacker.example" } }, (res) => resolve(res.statusCode));
    req.on("error", (error) => resolve(error.code));
    req.end();
  });
  assert.equal(answer, "ECONNRESET");
  assert.equal(reached.length, 0);
});

// --- 4. error answers -------------------------------------------------------------------------
test("errors say no version, name the allowed methods, carry the security headers and are not cached", async () => {
  const refused = await get(`${API}/realm/presence`, { method: "DELETE" });
  assert.equal(refused.status, 405);
  assert.equal(refused.headers.get("allow"), "GET, HEAD");
  const missing = await get(`${API}/messages`);
  assert.equal(missing.status, 404);
  for (const answer of [refused, missing]) {
    assert.equal(answer.headers.get("server"), "nginx");
    assert.match(answer.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
  }
  assert.equal(missing.headers.get("cache-control"), "no-store");
  assert.equal(reached.length, 0);
});
