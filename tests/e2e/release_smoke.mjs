// The release folder, as a page author uses it: copied under a path prefix, loaded with
// one script tag under a strict Content-Security-Policy, in each browser engine (Chromium,
// Firefox, WebKit; over WebDriver, see tests/webdriver.mjs). Checks that <zulip-roster>
// mounts (shadow root, data-state, a roster-error event for the missing proxy), that the
// module's mount() works, that bad options throw, and that the page saw no error and no
// CSP violation.
//   xvfb-run -a node tests/e2e/release_smoke.mjs dist          (every engine)
//   ENGINES=firefox node tests/e2e/release_smoke.mjs dist      (one; webkit needs xvfb-run)
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { after, before, describe, test } from "node:test";
import { ENGINES, openBrowser } from "../webdriver.mjs";

const dist = process.argv[2] ?? "dist";
// The one version: Cargo's.
const VERSION = /^version = "(.*)"$/m.exec(readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8"))[1];
const engines = process.env.ENGINES ? process.env.ENGINES.split(",") : ENGINES;
const root = mkdtempSync(join(tmpdir(), "zulip-roster-smoke-"));
mkdirSync(join(root, "static"));
cpSync(dist, join(root, "static", "zulip-roster"), { recursive: true });
writeFileSync(join(root, "page.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'">
<script src="/record.js"></script>
<script type="module" src="/static/zulip-roster/zulip-roster.js"></script>
<script type="module" src="/probe.js"></script></head>
<body><zulip-roster proxy="/nowhere/api/v1" names="off">See who's online in Zulip</zulip-roster><div id="api"></div><div id="early"></div></body></html>`);
// Loaded first, as a classic script: what the page itself saw, from the start.
writeFileSync(join(root, "record.js"), `
window.events = [];
window.problems = [];
document.addEventListener("roster-error", (e) => window.events.push(e.detail));
window.addEventListener("error", (e) => window.problems.push("error: " + e.message));
window.addEventListener("unhandledrejection", (e) => window.problems.push("rejection: " + e.reason));
document.addEventListener("securitypolicyviolation", (e) => window.problems.push("CSP: " + e.violatedDirective + " " + e.blockedURI));
`);
// A page author's own module, importing the widget while the script tag above loads it
// too (two importers at once: WebKit before Safari 27 never finished one of them while the
// entry had a top-level await).
writeFileSync(join(root, "probe.js"), `
const { mount, ready, version } = await import("/static/zulip-roster/zulip-roster.js");
window.version = version;
// At once, before the wasm has loaded: mounts when it has.
window.handle = mount(document.getElementById("api"), { proxy: "/nowhere/api/v1", names: "off", maxRows: 5 });
mount(document.getElementById("early"), { proxy: "/nowhere/api/v1", refreshRate: 1 });
window.mountedEarly = true;
await ready;
window.loaded = true;
try { mount(document.createElement("div"), { proxy: "/x", refreshRate: 1 }); } catch (e) { window.thrown = e.message; }
`);

// The page's server. It holds the wasm back until the test lets it go, so a mount()
// before the wasm has loaded is that, whatever the machine's speed (a fast or a loaded
// browser may otherwise finish loading before the page's own module runs).
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
let wasmGate = { open: () => {}, opened: Promise.resolve() };
const holdWasm = () => {
  let open;
  const opened = new Promise((resolve) => (open = resolve));
  wasmGate = { open, opened };
};
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  if (file.endsWith(".wasm")) await wasmGate.opened;
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
});
let port;

before(async () => {
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  port = server.address().port;
});

after(() => {
  wasmGate.open();
  server.closeAllConnections?.();
  server.close();
  rmSync(root, { recursive: true, force: true });
});

for (const engine of engines) {
  describe(engine, () => {
    let page;
    before(async () => {
      page = await openBrowser(engine);
      console.log(`${engine}: ${page.version}`);
      holdWasm();
      await page.goto(`http://127.0.0.1:${port}/page.html`);
      // The page's module has mounted twice before the wasm is there; now let it load.
      await page.waitUntil("the page's early mounts", () => window.mountedEarly);
      wasmGate.open();
    });
    after(() => page?.close());

    const inError = (selector) => page.waitUntil(`${selector} in the error state`, (s) => document.querySelector(s)?.dataset.state === "error", selector);

    test("the element mounts in an open shadow root and says the proxy URL looks wrong", async () => {
      await inError("zulip-roster");
      const banner = await page.run(() => document.querySelector("zulip-roster").shadowRoot?.querySelector("[part~=banner]")?.textContent);
      assert.match(banner ?? "", /proxy URL looks wrong/);
    });

    test("the banner is announced: an alert", async () => {
      const role = await page.run(() => document.querySelector("zulip-roster").shadowRoot.querySelector("[part~=banner]").getAttribute("role"));
      assert.equal(role, "alert");
    });

    test("mount() from the module mounts a second roster", async () => {
      await inError("#api");
      assert.ok(await page.run(() => !!document.getElementById("api").shadowRoot), "a shadow root on #api");
    });

    test("roster-error fires with the cause wrong-url", async () => {
      await page.waitUntil("a roster-error event", () => window.events.some((d) => d.cause === "wrong-url"));
    });

    test("once loaded, bad options throw an Error that says what is wrong", async () => {
      await page.waitUntil("the module loaded", () => window.loaded);
      assert.match((await page.run(() => window.thrown)) ?? "", /Unknown option "refreshRate"/);
    });

    test("a bad option given before the module loaded is shown in that widget and fired", async () => {
      await inError("#early");
      const banner = await page.run(() => document.getElementById("early").shadowRoot.querySelector("[part~=banner]")?.textContent);
      assert.match(banner ?? "", /Unknown option "refreshRate"/);
      await page.waitUntil("its roster-error event", () => window.events.some((d) => d.cause === "config" && /refreshRate/.test(d.message)));
    });

    test("the shadow root's stylesheet applies under the CSP", async () => {
      const padding = await page.run(() => getComputedStyle(document.querySelector("zulip-roster").shadowRoot.querySelector(".zulip-roster")).paddingTop);
      assert.equal(padding, "12px");
    });

    test("the page can tell the release: the module's version export and the element's data-version", async () => {
      await inError("zulip-roster");
      assert.deepEqual(await page.run(() => [window.version, document.querySelector("zulip-roster").dataset.version]), [VERSION, VERSION]);
    });

    test("no error and no CSP violation in the page", async () => {
      assert.deepEqual(await page.run(() => window.problems), []);
    });
  });
}

test("zulip-roster.js opens with a banner naming the release and its licence", () => {
  assert.equal(readFileSync(join(dist, "zulip-roster.js"), "utf8").split("\n")[0], `/*! zulip-roster ${VERSION} | Apache-2.0 */`);
});

test("the shipped build has no test hooks", () => {
  for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(dist, file), "utf8");
    assert.ok(!text.includes("__panicForTests"), `${file} exports the test panic`);
  }
});
