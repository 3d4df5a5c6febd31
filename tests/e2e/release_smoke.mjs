// The release folder, as a page author uses it: copied under a path prefix, loaded with
// one script tag under a strict Content-Security-Policy, in real headless Chromium.
// Checks that <zulip-roster> mounts (shadow root, data-state, a roster-error event for
// the missing proxy), that the module's mount() works, and that bad options throw.
//   node tests/e2e/release_smoke.mjs dist
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "../chromium.mjs";

const dist = process.argv[2] ?? "dist";
const root = mkdtempSync(join(tmpdir(), "zulip-roster-smoke-"));
mkdirSync(join(root, "static"));
cpSync(dist, join(root, "static", "zulip-roster"), { recursive: true });
writeFileSync(join(root, "page.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'">
<script type="module" src="/static/zulip-roster/zulip-roster.js"></script>
<script type="module" src="/probe.js"></script></head>
<body><zulip-roster proxy="/nowhere/api/v1" names="off">See who's online in Zulip</zulip-roster><div id="api"></div></body></html>`);
writeFileSync(join(root, "probe.js"), `
window.events = [];
document.addEventListener("roster-error", (e) => window.events.push(e.detail));
const { mount } = await import("/static/zulip-roster/zulip-roster.js");
window.handle = mount(document.getElementById("api"), { proxy: "/nowhere/api/v1", names: "off", maxRows: 5 });
try { mount(document.createElement("div"), { proxy: "/x", refreshRate: 1 }); } catch (e) { window.thrown = e.message; }
`);

const DEADLINE = 20000;
let server;
let browser;
let page;
const cspViolations = [];

before(async () => {
  const port = 18000 + Math.floor(Math.random() * 1000);
  server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1"], { cwd: root, stdio: "ignore" });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  const end = Date.now() + DEADLINE;
  for (;;) {
    try {
      await page.goto(`http://127.0.0.1:${port}/page.html`);
      break;
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
});

const stateOf = (selector) => page.waitForFunction(
  (s) => document.querySelector(s)?.dataset.state === "error" && document.querySelector(s),
  selector, { timeout: DEADLINE },
);

test("the element mounts in an open shadow root and says the proxy URL looks wrong", async () => {
  await stateOf("zulip-roster");
  const banner = await page.evaluate(() => document.querySelector("zulip-roster").shadowRoot?.querySelector("[part~=banner]")?.textContent);
  assert.match(banner ?? "", /proxy URL looks wrong/);
});

test("mount() from the module mounts a second roster", async () => {
  await stateOf("#api");
  const rows = await page.evaluate(() => !!document.getElementById("api").shadowRoot);
  assert.ok(rows, "a shadow root on #api");
});

test("roster-error fires with the cause wrong-url", async () => {
  await page.waitForFunction(() => window.events.some((d) => d.cause === "wrong-url"), null, { timeout: DEADLINE });
});

test("bad options throw an Error that says what is wrong", async () => {
  const thrown = await page.evaluate(() => window.thrown);
  assert.match(thrown ?? "", /Unknown option "refreshRate"/);
});

test("the shadow root's stylesheet applies under the CSP", async () => {
  const padding = await page.evaluate(() => getComputedStyle(document.querySelector("zulip-roster").shadowRoot.querySelector(".zulip-roster")).paddingTop);
  assert.equal(padding, "12px");
});

test("no CSP violations", () => {
  assert.deepEqual(cspViolations, []);
});

test("the shipped build has no test hooks", () => {
  for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(dist, file), "utf8");
    assert.ok(!text.includes("__panicForTests"), `${file} exports the test panic`);
  }
});
