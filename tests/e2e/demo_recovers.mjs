// The demo's promise, checked in a real browser: the roster goes stale when the Zulip
// server disappears (rows stay), and comes back by itself when it returns.
//
// Needs `trunk serve` on 127.0.0.1:8080 proxying /api/ to 127.0.0.1:9991 (scripts/demo.sh
// without its simulator, or the README's steps). Starts and stops the simulator itself:
//   SIM_BIN=target/release/presence-sim node tests/e2e/demo_recovers.mjs [--format legacy]
import { spawn } from "node:child_process";
import { launchChromium } from "../chromium.mjs";


const simBin = process.env.SIM_BIN ?? "target/release/presence-sim";
const simArgs = process.argv.slice(2);
const page_url = process.env.ROSTER_URL ?? "http://127.0.0.1:8080/?refresh=2";
const shots = process.env.SHOTS ?? "/tmp";

function startSim() {
  const sim = spawn(simBin, ["--users", "60", ...simArgs], { stdio: "ignore" });
  return sim;
}

async function state(page) {
  return page.getAttribute("#zulip-roster", "data-state");
}

async function waitForState(page, wanted, ms = 30000) {
  await page.waitForFunction(
    (w) => document.querySelector("#zulip-roster")?.dataset.state === w,
    wanted,
    { timeout: ms },
  );
}

let sim = startSim();
const browser = await launchChromium();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 420, height: 640 } });
  await page.goto(page_url);
  await waitForState(page, "ready");
  const rows = await page.locator("li[part=row]").count();
  const total = await page.getAttribute("#zulip-roster", "data-total");
  console.log(`ready: ${rows} rows, data-total=${total}`);
  await page.screenshot({ path: `${shots}/roster-ready.png` });

  sim.kill("SIGTERM");
  await waitForState(page, "stale");
  const staleRows = await page.locator("li[part=row]").count();
  const banner = await page.textContent("[part=banner]");
  console.log(`stale: ${staleRows} rows kept; banner: ${banner}`);
  await page.screenshot({ path: `${shots}/roster-stale.png` });
  if (staleRows !== rows) throw new Error(`rows changed while stale: ${rows} → ${staleRows}`);

  sim = startSim();
  await waitForState(page, "ready", 60000);
  console.log(`ready again: ${await page.locator("li[part=row]").count()} rows, state=${await state(page)}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser.close();
  sim.kill("SIGTERM");
}
console.log(failed ? "0 passed, 1 failed" : "1 passed, 0 failed");
process.exit(failed ? 1 : 0);
