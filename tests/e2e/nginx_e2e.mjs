// End to end through the reference nginx: the simulator plays the Zulip server (Basic
// auth required), nginx holds the key and caches, headless Chromium loads the widget
// from nginx like an intranet visitor.
//
//   node tests/e2e/nginx_e2e.mjs            (scripts/test.sh runs it)
//
// Needs: nginx (Debian), target/release/presence-sim, dist/ (trunk build --release).
// Every process it starts is stopped by PID at the end, pass or fail.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchChromium } from "../chromium.mjs";


const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const SIM = join(ROOT, "target/release/presence-sim");
const DIST = join(ROOT, "dist");
const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
const EMAIL = "roster-bot@zulip.example";
// A fresh key per run: the test looks for it in everything the browser receives.
const KEY = Array.from({ length: 32 }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)]).join("");
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const PRESENCE_TTL = 4; // seconds; production default 20 s (same mechanism, quicker suite)
const THRESHOLD = 140;
const PREFIX = "/zulip-roster";
const NGINX = process.env.NGINX ?? (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");

const children = [];
let passed = 0;
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? "ok" : "FAIL"}: ${what}`);
  if (ok) passed += 1;
  else failed += 1;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => 20000 + Math.floor(Math.random() * 20000);

async function waitFor(what, predicate, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await predicate()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// --- set-up ---------------------------------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), "zulip-roster-e2e-"));
chmodSync(tmp, 0o755);
for (const dir of ["www", "conf", "secrets", "cache", "logs", "temp"]) mkdirSync(join(tmp, dir));
mkdirSync(SHOTS, { recursive: true });
cpSync(DIST, join(tmp, "www", "zulip-roster"), { recursive: true });
mkdirSync(join(tmp, "www", "e2e"));
writeFileSync(join(tmp, "www", "e2e", "embed.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Embed</title>
<script type="module" src="${PREFIX}/zulip-roster.js"></script></head>
<body><h1>Team</h1><zulip-roster id="roster" proxy="${PREFIX}/api/v1" refresh="2" names="auto">See who's online in Zulip</zulip-roster></body></html>`);
// The key lives outside the web root.
writeFileSync(join(tmp, "secrets", "zulip-auth.conf"), `proxy_set_header Authorization "Basic ${BASIC}";\n`);

const simPort = freePort();
const nginxPort = simPort + 1;
execFileSync(join(ROOT, "deploy/nginx/render.sh"), {
  env: {
    ...process.env,
    PREFIX, DIST_DIR: join(tmp, "www", "zulip-roster"), ZULIP_URL: `http://127.0.0.1:${simPort}`,
    AUTH_FILE: join(tmp, "secrets", "zulip-auth.conf"), OUT_DIR: join(tmp, "conf"),
    CACHE_DIR: join(tmp, "cache"), PRESENCE_TTL: `${PRESENCE_TTL}s`, USERS_TTL: "10m", SHIM_PORT: String(nginxPort + 1),
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const temp = (name) => join(tmp, "temp", name);
writeFileSync(join(tmp, "conf", "nginx.conf"), `
worker_processes 1;
daemon off;
pid ${join(tmp, "nginx.pid")};
error_log ${join(tmp, "logs", "error.log")} warn;
events { worker_connections 1024; }
http {
  access_log ${join(tmp, "logs", "access.log")};
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  include ${join(tmp, "conf", "http.conf")};
  server {
    listen 127.0.0.1:${nginxPort};
    server_name localhost;
    root ${join(tmp, "www")};
    include ${join(tmp, "conf", "server.conf")};
    location / { include ${join(tmp, "conf", "security-headers.conf")}; }
    # Test scaffolding: the simulator's generated avatars, same-origin like the page.
    location /sim-avatars/ { proxy_pass http://127.0.0.1:${simPort}/; }
  }
}
`);
// Unprivileged: as root, drop to nobody for the whole nginx (master included).
const asRoot = process.getuid?.() === 0;
if (asRoot) {
  const chownTree = (path) => {
    chownSync(path, 65534, 65534);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry));
  };
  chownTree(tmp);
}
const asNobody = (cmd, args) => (asRoot ? ["setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", cmd, ...args]] : [cmd, args]);

const nginxVersion = spawnSync(NGINX, ["-v"], { encoding: "utf8" }).stderr ?? "";
const [testCmd, testArgs] = asNobody(NGINX, ["-t", "-p", tmp, "-c", join(tmp, "conf", "nginx.conf")]);
try {
  execFileSync(testCmd, testArgs, { stdio: ["ignore", "pipe", "pipe"] });
  check(true, "nginx -t accepts the rendered configuration");
} catch (error) {
  check(false, `nginx -t: ${error.stderr}`);
  process.exit(1);
}

function startSim() {
  const sim = spawn(SIM, ["--users", "40", "--seed", "5", "--listen", `127.0.0.1:${simPort}`, "--public-url", `http://127.0.0.1:${nginxPort}/sim-avatars`], {
    env: { ...process.env, SIM_EMAIL: EMAIL, SIM_API_KEY: KEY },
    stdio: "ignore",
  });
  children.push(sim);
  return sim;
}
const simUrl = `http://127.0.0.1:${simPort}`;
const base = `http://127.0.0.1:${nginxPort}`;
const simStats = async () => (await fetch(`${simUrl}/_sim/stats`)).json();
const presenceHits = async () => (await simStats()).requests["/api/v1/realm/presence"] ?? 0;

let sim = startSim();
const [nginxCmd, nginxArgs] = asNobody(NGINX, ["-p", tmp, "-c", join(tmp, "conf", "nginx.conf")]);
const nginx = spawn(nginxCmd, nginxArgs, { stdio: ["ignore", "ignore", "inherit"] });
children.push(nginx);
const browser = await launchChromium();

try {
  await waitFor("the simulator", async () => (await fetch(`${simUrl}/_sim/stats`)).ok);
  await waitFor("nginx", async () => (await fetch(`${base}${PREFIX}/zulip-roster.js`)).ok);

  // --- the proxy, over plain HTTP ---------------------------------------------------------
  const presence = await fetch(`${base}${PREFIX}/api/v1/realm/presence?client=evil`, {
    headers: { Authorization: "Basic ZXZpbDpldmls", Cookie: "sessionid=visitor" },
  });
  const presenceText = await presence.text();
  check(presence.status === 200 && JSON.parse(presenceText).result === "success", `presence through nginx: ${presence.status}`);
  check(!presence.headers.has("set-cookie") && !presence.headers.has("www-authenticate"), "no Set-Cookie or WWW-Authenticate reaches the browser");
  check(!presenceText.includes(KEY) && !presenceText.includes(BASIC), "the answer does not contain the key");
  check((await simStats()).with_cookie === 0, "the visitor's Cookie never reaches Zulip");
  const wasm = await fetch(`${base}${PREFIX}/${readdirSync(DIST).find((f) => f.endsWith("_bg.wasm"))}`);
  check(wasm.headers.get("content-type") === "application/wasm" && /immutable/.test(wasm.headers.get("cache-control") ?? ""), `wasm served as ${wasm.headers.get("content-type")}, ${wasm.headers.get("cache-control")}`);
  const entry = await fetch(`${base}${PREFIX}/zulip-roster.js`);
  check(/max-age=300/.test(entry.headers.get("cache-control") ?? "") && /wasm-unsafe-eval/.test(entry.headers.get("content-security-policy") ?? ""), "zulip-roster.js: short caching and the CSP");
  const secret = await fetch(`${base}${PREFIX}/../secrets/zulip-auth.conf`);
  check(secret.status === 404, `the credentials file is not reachable (${secret.status})`);

  const before = await simStats();
  const refused = [];
  for (const [method, path] of [["POST", "/api/v1/realm/presence"], ["DELETE", "/api/v1/realm/presence"], ["PUT", "/api/v1/users"], ["GET", "/api/v1/messages"], ["GET", "/api/v1/users/me"], ["POST", "/api/v1/messages"]]) {
    const answer = await fetch(`${base}${PREFIX}${path}`, { method });
    refused.push(`${method} ${path} → ${answer.status}`);
    if (![403, 404, 405].includes(answer.status)) check(false, `${method} ${path} was not refused: ${answer.status}`);
  }
  const after = await simStats();
  const api = (stats) => JSON.stringify(Object.entries(stats.requests).filter(([path]) => path.startsWith("/api/")));
  check(api(before) === api(after) && !after.requests["/api/v1/messages"] && !after.methods.POST && !after.methods.DELETE && !after.methods.PUT,
    `refused and never forwarded: ${refused.join("; ")}`);

  // --- the widget in a browser ----------------------------------------------------------
  const context = await browser.newContext({ viewport: { width: 420, height: 640 } });
  const page = await context.newPage();
  const seen = [];
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
  await page.goto(`${base}/e2e/embed.html`);
  await page.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "ready", null, { timeout: 20000 });
  await page.waitForFunction(() => [...document.querySelector("#roster").shadowRoot.querySelectorAll("li[part~=row] .name")].some((n) => !n.textContent.includes("@")), null, { timeout: 20000 });

  // The roster matches the simulator's own state, read from it now.
  const truth = await (await fetch(`${simUrl}/api/v1/realm/presence`, { headers: { Authorization: `Basic ${BASIC}` } })).json();
  const shown = await page.evaluate(() =>
    Object.fromEntries([...document.querySelector("#roster").shadowRoot.querySelectorAll("li[part~=row]")].map((r) => [r.dataset.email, r.dataset.status])),
  );
  let matched = 0;
  let borderline = 0;
  const mismatches = [];
  for (const [email, entries] of Object.entries(truth.presences)) {
    const a = entries.aggregated;
    const age = truth.server_timestamp - a.timestamp;
    const expected = age < THRESHOLD ? a.status : "offline";
    if (shown[email] === expected) matched += 1;
    else if (Math.abs(age - THRESHOLD) < 15 || Math.abs(age - 70) < 15) borderline += 1; // changed between the two reads
    else mismatches.push(`${email}: shown ${shown[email]}, simulator ${expected}`);
  }
  check(Object.keys(shown).length === Object.keys(truth.presences).length && mismatches.length === 0,
    `roster matches the simulator: ${matched} of ${Object.keys(truth.presences).length} exact, ${borderline} at a threshold${mismatches.length ? "; " + mismatches.slice(0, 3).join("; ") : ""}`);
  await page.screenshot({ path: join(SHOTS, "nginx-embed.png") });

  // Fan-out: 200 viewers in one cache window cost Zulip at most one request.
  await page.close();
  await sleep((PRESENCE_TTL + 1) * 1000);
  const hitsBefore = await presenceHits();
  const viewers = 200;
  const answers = await Promise.all(Array.from({ length: viewers }, () => fetch(`${base}${PREFIX}/api/v1/realm/presence`).then((r) => r.status)));
  const upstream = (await presenceHits()) - hitsBefore;
  console.log(`fan-out: ${viewers} viewers -> ${upstream} upstream requests`);
  check(answers.every((s) => s === 200) && upstream <= 1, `fan-out: ${answers.filter((s) => s === 200).length} answers, ${upstream} upstream`);

  // A revoked key: the browser gets a 502 that says so, never a 401 or a password prompt.
  await sleep((PRESENCE_TTL + 1) * 1000);
  await fetch(`${simUrl}/_sim/fault`, { method: "POST", body: JSON.stringify({ kind: "unauthorized", count: 1 }) });
  const revoked = await fetch(`${base}${PREFIX}/api/v1/realm/presence`);
  const revokedBody = await revoked.json();
  check(revoked.status === 502 && revokedBody.code === "PROXY_AUTH_FAILED" && !revoked.headers.has("www-authenticate"),
    `revoked key → ${revoked.status} ${revokedBody.code}${revoked.headers.has("www-authenticate") ? " with WWW-Authenticate!" : ""}`);

  // Faults, with the widget open.
  const live = await context.newPage();
  await live.goto(`${base}/e2e/embed.html`);
  await live.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "ready", null, { timeout: 20000 });
  const rowsBefore = await live.evaluate(() => document.querySelector("#roster").shadowRoot.querySelectorAll("li[part~=row]").length);
  sim.kill("SIGTERM");
  await sleep((PRESENCE_TTL + 6) * 1000);
  const during = await live.evaluate(() => ({ state: document.querySelector("#roster").dataset.state, rows: document.querySelector("#roster").shadowRoot.querySelectorAll("li[part~=row]").length }));
  check(["ready", "stale"].includes(during.state) && during.rows === rowsBefore, `simulator stopped: the page keeps its ${during.rows} rows (state ${during.state}: ${during.state === "ready" ? "nginx serves the last answer" : "the widget keeps its data"})`);
  sim = startSim();
  await waitFor("the simulator again", async () => (await fetch(`${simUrl}/_sim/stats`)).ok);
  const hitsAtRestart = await presenceHits();
  await waitFor("a fresh answer after the restart", async () => (await presenceHits()) > hitsAtRestart, 30000);
  await live.waitForFunction(() => document.querySelector("#roster")?.dataset.state === "ready", null, { timeout: 30000 });
  check(true, "simulator back: the roster is current again");

  // 429 with Retry-After: the widget waits at least that long before asking again.
  const retryAfter = 6;
  await fetch(`${simUrl}/_sim/fault`, { method: "POST", body: JSON.stringify({ kind: "rate_limit", retry_after: retryAfter, count: 1 }) });
  await waitFor("a 429 in the browser", () => seen.some((r) => r.status === 429), 30000);
  const limitedAt = seen.find((r) => r.status === 429).time;
  await waitFor("the next presence request", () => seen.some((r) => r.url.endsWith("/realm/presence") && r.time > limitedAt), 30000);
  const waited = (seen.find((r) => r.url.endsWith("/realm/presence") && r.time > limitedAt).time - limitedAt) / 1000;
  console.log(`rate limit: Retry-After ${retryAfter} s -> next request after ${waited.toFixed(1)} s`);
  check(waited >= retryAfter, `429: waited ${waited.toFixed(1)} s ≥ ${retryAfter} s`);

  // Nothing the browser received carried the key; it never saw a 401.
  check(seen.length > 5 && !seen.some((r) => r.leaks), `no response of ${seen.length} contains the key or the Authorization value`);
  check(!seen.some((r) => r.status === 401), "the browser never saw a 401");

  // Screenshots: the standalone page (light, dark) and the intranet example, through nginx.
  const shot = async (path, file, colorScheme) => {
    const p = await browser.newPage({ viewport: { width: path.includes("intranet") ? 1000 : 420, height: path.includes("intranet") ? 760 : 480 }, colorScheme });
    await p.goto(`${base}${path}`);
    await p.waitForFunction(() => [...document.querySelectorAll("[data-state]")].every((e) => e.dataset.state === "ready"), null, { timeout: 20000 });
    await p.waitForTimeout(500);
    await p.screenshot({ path: join(SHOTS, file) });
    await p.close();
  };
  await shot(`${PREFIX}/?proxy=api/v1&theme=light`, "roster-light.png", "light");
  await shot(`${PREFIX}/?proxy=api/v1&theme=dark`, "roster-dark.png", "dark");
  await shot(`${PREFIX}/examples/intranet.html`, "intranet.png", "light");
  check(true, `screenshots in ${SHOTS}`);
} catch (error) {
  check(false, String(error?.stack ?? error));
} finally {
  await browser.close();
  for (const child of children) child.kill("SIGTERM");
  await sleep(300);
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`nginx: ${nginxVersion.trim() || "see nginx -v"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
