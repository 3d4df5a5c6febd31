// The widget and its proxy served by Zulip's own nginx, no second web server: an nginx
// configured as Zulip's puppet configures it (gzip at the http level, conf.d/*.conf, its
// server block ending with zulip-include/app.d/*.conf) with the recipe's two one-line
// files (deploy/nginx/README.md, "On the Zulip server itself"). Zulip's own locations keep
// answering, the standalone page shows a roster in headless Chromium, and Zulip's own
// gzip settings do not compress the answers twice.
//
//   node --test tests/e2e/zulip_host.mjs        (scripts/test.sh runs it)
//
// Needs nginx with libnginx-mod-http-js, target/release/presence-sim and dist/.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { launchChromium } from "../chromium.mjs";
import { PREFIX, ROOT, freePort, getAsSent, startNginx, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const EMAIL = "roster-bot@zulip.example";
const KEY = "zulip0host0test0key0abcdefghijkl";
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
const children = [];
let nginx;
let browser;

before(async () => {
  const port = freePort();
  children.push(startSimulator({ port, users: 25, seed: 9, email: EMAIL, key: KEY }));
  await waitFor("the simulator", async () => (await fetch(`http://127.0.0.1:${port}/_sim/stats`)).ok);
  nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${port}`, basic: BASIC, presenceTtl: 4, host: "zulip" });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  await stopChildren(children);
});

const get = (path, encoding) => getAsSent(`${nginx.base}${path}`, encoding);

test("nginx -t accepts Zulip's configuration with the recipe's two files", () => {
  nginx.check();
});

test("Zulip's own locations still answer", async () => {
  const answer = await get("/");
  assert.equal(answer.body.toString(), "Zulip's own app\n");
});

test("the standalone page on Zulip's host shows a roster", async () => {
  const tab = await browser.newPage({ viewport: { width: 420, height: 640 } });
  try {
    await tab.goto(`${nginx.base}${PREFIX}/?proxy=${PREFIX}/api/v1`);
    await tab.waitForFunction(() => document.querySelector("[data-state]")?.dataset.state === "ready", null, { timeout: 20000 });
    const rows = await tab.evaluate(() => document.querySelector("[data-state]").shadowRoot.querySelectorAll("li[part~=row]").length);
    await tab.screenshot({ path: join(SHOTS, "zulip-host.png") });
    assert.ok(rows > 0, "rows");
  } finally {
    await tab.close();
  }
});

test("an answer is gzipped once under Zulip's own gzip settings", async () => {
  const answer = await get(`${PREFIX}/api/v1/realm/presence`, "gzip");
  assert.equal(answer.headers["content-encoding"], "gzip");
  assert.equal(JSON.parse(gunzipSync(answer.body)).result, "success");
});
