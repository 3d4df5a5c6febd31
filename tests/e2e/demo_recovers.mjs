// The demo's promise, checked in a real browser: the roster goes stale when the Zulip
// server disappears (rows stay), and comes back by itself when it returns.
//
// Needs `trunk serve` on 127.0.0.1:8080 proxying /api/ to 127.0.0.1:9991 (scripts/demo.sh
// without its simulator, or CONTRIBUTING.md's steps). Starts and stops the simulator itself:
//   SIM_BIN=target/release/presence-sim node tests/e2e/demo_recovers.mjs [--format legacy]
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { launchChromium } from "../chromium.mjs";

const simBin = process.env.SIM_BIN ?? "target/release/presence-sim";
const simArgs = process.argv.slice(2);
const pageUrl = process.env.ROSTER_URL ?? "http://127.0.0.1:8080/?refresh=2";
const shots = process.env.SHOTS ?? "/tmp";

const startSim = () => spawn(simBin, ["--users", "60", ...simArgs], { stdio: "ignore" });
const waitForState = (page, wanted, ms = 30000) => page.waitForFunction(
  (w) => document.querySelector("#zulip-roster")?.dataset.state === w, wanted, { timeout: ms },
);
const rows = (page) => page.locator("li[part=row]").count();

let sim;
let browser;
let page;
let readyRows;

before(async () => {
  sim = startSim();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 420, height: 640 } });
  await page.goto(pageUrl);
});

after(async () => {
  await browser?.close();
  sim?.kill("SIGTERM");
});

test("the roster is ready", async () => {
  await waitForState(page, "ready");
  readyRows = await rows(page);
  console.log(`ready: ${readyRows} rows, data-total=${await page.getAttribute("#zulip-roster", "data-total")}`);
  await page.screenshot({ path: `${shots}/roster-ready.png` });
  assert.ok(readyRows > 0);
});

test("the simulator stopped: stale, with the rows kept", async () => {
  sim.kill("SIGTERM");
  await waitForState(page, "stale");
  console.log(`stale; banner: ${await page.textContent("[part=banner]")}`);
  await page.screenshot({ path: `${shots}/roster-stale.png` });
  assert.equal(await rows(page), readyRows);
});

test("the simulator back: ready again by itself", async () => {
  sim = startSim();
  await waitForState(page, "ready", 60000);
  assert.ok((await rows(page)) > 0);
});
