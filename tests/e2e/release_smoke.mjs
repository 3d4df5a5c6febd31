// The release folder, as a page author uses it: copied under a path prefix, loaded with
// one script tag under a strict Content-Security-Policy, in real headless Chromium.
// Checks that <zulip-roster> mounts (shadow root, data-state, a roster-error event for
// the missing proxy), that the module's mount() works, and that bad options throw.
//   node tests/e2e/release_smoke.mjs dist
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1"], { cwd: root, stdio: "ignore" });
const browser = await launchChromium();
let failures = 0;
let passes = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAIL"}: ${what}`);
  if (ok) passes += 1;
  else failures += 1;
};
try {
  const page = await browser.newPage();
  const cspViolations = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  for (let i = 0; i < 50; i++) {
    try { await page.goto(`http://127.0.0.1:${port}/page.html`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  await page.waitForFunction(() => document.querySelector("zulip-roster")?.dataset.state === "error", null, { timeout: 20000 });
  const result = await page.evaluate(() => ({
    shadow: !!document.querySelector("zulip-roster").shadowRoot,
    banner: document.querySelector("zulip-roster").shadowRoot.querySelector("[part~=banner]")?.textContent,
    apiState: document.getElementById("api").dataset.state,
    causes: window.events.map((d) => d.cause),
    thrown: window.thrown,
    styled: getComputedStyle(document.querySelector("zulip-roster").shadowRoot.querySelector("section")).paddingTop,
  }));
  check(result.shadow, "the element has an open shadow root");
  check(/proxy URL looks wrong/.test(result.banner ?? ""), `the banner explains: ${result.banner}`);
  check(result.apiState === "error", "mount() from the module mounted a second roster");
  check(result.causes.includes("wrong-url"), `roster-error fired (${result.causes.join(", ")})`);
  check(/Unknown option "refreshRate"/.test(result.thrown ?? ""), `bad options throw: ${result.thrown}`);
  check(result.styled === "12px", "the shadow root's stylesheet applies under the CSP");
  check(cspViolations.length === 0, `no CSP violations${cspViolations.length ? ": " + cspViolations[0] : ""}`);
} catch (error) {
  failures += 1;
  console.error(error);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
