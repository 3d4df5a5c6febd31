// The release archive as an admin gets it (scripts/release.sh): checked against its
// SHA256SUMS, unpacked in a scratch folder far from any source tree, deployed with its own
// nginx/render.sh and templates and its own static/ in front of the simulator, and opened
// in headless Chromium: the standalone page shows a roster of the archive's version.
//
//   node --test tests/e2e/release_archive.mjs [OUT]     (scripts/test.sh runs it, after release.sh)
//
// Needs nginx with libnginx-mod-http-js, target/release/presence-sim and a release in OUT
// (default target/release-artifacts).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "../chromium.mjs";
import { PREFIX, ROOT, freePort, startNginx, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const OUT = resolve(process.argv[2] ?? join(ROOT, "target/release-artifacts"));
const VERSION = /^version = "(.*)"$/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))[1];
const NAME = `zulip-roster-${VERSION}`;
const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
const EMAIL = "roster-bot@zulip.example";
const KEY = "release0archive0key0abcdefghijkl";
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const children = [];
let scratch;
let unpacked;
let nginx;
let browser;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), "zulip-roster-admin-"));
  execFileSync("tar", ["-xzf", join(OUT, `${NAME}.tar.gz`), "-C", scratch]);
  unpacked = join(scratch, NAME);
  const simPort = freePort();
  children.push(startSimulator({ port: simPort, users: 30, seed: 6, email: EMAIL, key: KEY }));
  await waitFor("the simulator", async () => (await fetch(`http://127.0.0.1:${simPort}/_sim/stats`)).ok);
  nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${simPort}`, basic: BASIC, presenceTtl: 4, dist: join(unpacked, "static"), deployDir: join(unpacked, "nginx") });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  await stopChildren(children);
  rmSync(scratch, { recursive: true, force: true });
});

test("the archive matches its SHA256SUMS", () => {
  execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: OUT, stdio: "pipe" });
});

test("the archive holds the widget, the nginx deployment, LICENSE, CHANGELOG and INSTALL", () => {
  const listing = execFileSync("tar", ["-tzf", join(OUT, `${NAME}.tar.gz`)], { encoding: "utf8" }).split("\n");
  for (const file of ["static/zulip-roster.js", "static/zulip-roster.js.br", "static/zulip-roster.js.gz", "nginx/render.sh", "nginx/zulip-roster-privacy.js", "LICENSE", "CHANGELOG.md", "INSTALL.md"]) {
    assert.ok(listing.includes(`${NAME}/${file}`), file);
  }
});

test("deployed from the archive alone, the standalone page shows a roster of the archive's version", async () => {
  const tab = await browser.newPage({ viewport: { width: 420, height: 640 } });
  try {
    await tab.goto(`${nginx.base}${PREFIX}/?proxy=${PREFIX}/api/v1`);
    await tab.waitForFunction(() => document.querySelector("[data-state]")?.dataset.state === "ready", null, { timeout: 20000 });
    const shown = await tab.evaluate(() => {
      const host = document.querySelector("[data-state]");
      return { version: host.dataset.version, rows: (host.shadowRoot ?? host).querySelectorAll("li[part~=row]").length };
    });
    await tab.screenshot({ path: join(SHOTS, "release-archive.png") });
    assert.equal(shown.version, VERSION);
    assert.ok(shown.rows > 0, "rows");
  } finally {
    await tab.close();
  }
});

test("the SRI hash of zulip-roster.js is that of the file nginx serves", async () => {
  const line = readFileSync(join(OUT, "SRI"), "utf8").split("\n").find((l) => l.endsWith(" static/zulip-roster.js"));
  const served = Buffer.from(await (await fetch(`${nginx.base}${PREFIX}/zulip-roster.js`)).arrayBuffer());
  assert.equal(line.split(" ")[0], `sha384-${createHash("sha384").update(served).digest("base64")}`);
});
