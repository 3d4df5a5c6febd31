// The npm package as a JS developer meets it (scripts/release.sh's zulip-roster-X.Y.Z.tgz):
// installed offline into a scratch project, a typed usage file compiles with tsc and one
// with a misspelt option does not, the package names its custom-elements manifest, and a
// plain page that imports the module from node_modules shows a roster in headless
// Chromium (the scratch project's server forwards /api/v1 to the simulator, adding the
// key, as a proxy does).
//
//   node --test tests/e2e/npm_package.mjs [OUT]     (scripts/test.sh runs it, after release.sh)
//
// Needs target/release/presence-sim, tools/ (typescript) and a release in OUT (default
// target/release-artifacts).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "../chromium.mjs";
import { ROOT, freePort, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const OUT = resolve(process.argv[2] ?? join(ROOT, "target/release-artifacts"));
const VERSION = /^version = "(.*)"$/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))[1];
const TSC = join(ROOT, "tools/node_modules/.bin/tsc");
const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
const EMAIL = "roster-bot@zulip.example";
const KEY = "npm0package0test0key0abcdefghijk";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const children = [];
let project;
let server;
let browser;

before(async () => {
  project = mkdtempSync(join(tmpdir(), "zulip-roster-npm-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(OUT, `zulip-roster-${VERSION}.tgz`)], { cwd: project, stdio: "pipe" });
  const simPort = freePort();
  children.push(startSimulator({ port: simPort, users: 20, seed: 8, email: EMAIL, key: KEY }));
  await waitFor("the simulator", async () => (await fetch(`http://127.0.0.1:${simPort}/_sim/stats`)).ok);
  // The scratch project's files, and /api/v1 forwarded to the simulator with the key.
  server = createServer((req, res) => {
    if (req.url.startsWith("/api/v1/")) {
      const upstream = request({ host: "127.0.0.1", port: simPort, path: req.url, headers: { Authorization: `Basic ${Buffer.from(`${EMAIL}:${KEY}`).toString("base64")}` } }, (answer) => {
        res.writeHead(answer.statusCode, { "Content-Type": "application/json" });
        answer.pipe(res);
      });
      upstream.on("error", () => res.writeHead(502).end());
      return upstream.end();
    }
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(project, path);
    if (!file.startsWith(project) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  await stopChildren(children);
  rmSync(project, { recursive: true, force: true });
});

/** tsc on `source` (a .ts file in the scratch project, strict, DOM): its exit code and output. */
function typecheck(name, source) {
  writeFileSync(join(project, name), source);
  writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"] },
    files: [name],
  }));
  const run = spawnSync(TSC, ["-p", `tsconfig.${name}.json`], { cwd: project, encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

test("a typed usage of mount(), its options and handle, the element and its events compiles", () => {
  const { status, output } = typecheck("usage.ts", `
import { mount, ready, version, type RosterErrorDetail } from "zulip-roster";
const el = document.createElement("div");
const handle = mount(el, { proxy: "/zulip/api/v1", refresh: 30, offlineThreshold: 200, showOffline: "all", maxRows: 10, theme: "dark", palette: "colorblind", lang: "de", compact: true, group: "design", localTime: "off", names: "auto", timeout: 20 });
handle.update({ proxy: "/zulip/api/v1", channel: 16 });
handle.refresh();
handle.destroy();
const roster = document.querySelector("zulip-roster");
roster?.refresh();
roster?.addEventListener("roster-change", (e) => { const total: number = e.detail.counts.total; const who: string | undefined = e.detail.changes[0]?.email; void total; void who; });
roster?.addEventListener("roster-error", (e) => { const detail: RosterErrorDetail = e.detail; const cause: "config" | "wrong-url" | "refused" | "rate-limited" | "down" | "rejected" | "malformed" | "privacy" = detail.cause; void cause; });
const v: string = version;
ready.then(() => v);
`);
  assert.equal(status, 0, output);
});

test("a misspelt option is a type error", () => {
  const { status, output } = typecheck("misspelt.ts", `
import { mount } from "zulip-roster";
mount(document.body, { proxy: "/zulip/api/v1", refreshRate: 5 });
`);
  assert.notEqual(status, 0);
  assert.match(output, /refreshRate/);
});

test("the package names its custom-elements manifest, which declares <zulip-roster>", () => {
  const dir = join(project, "node_modules/zulip-roster");
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  assert.equal(pkg.version, VERSION);
  const manifest = JSON.parse(readFileSync(join(dir, pkg.customElements), "utf8"));
  const element = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === "zulip-roster");
  assert.deepEqual(element.events.map((e) => e.name), ["roster-change", "roster-error"]);
});

test("a plain page importing the module from node_modules shows a roster", async () => {
  writeFileSync(join(project, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm</title>
<script type="module" src="/main.js"></script></head><body><div id="roster"></div></body></html>`);
  writeFileSync(join(project, "main.js"), `import { mount } from "/node_modules/zulip-roster/zulip-roster.js";
mount(document.getElementById("roster"), { proxy: "/api/v1" });
`);
  const tab = await browser.newPage({ viewport: { width: 420, height: 640 } });
  try {
    await tab.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await tab.waitForFunction(() => document.getElementById("roster").dataset.state === "ready", null, { timeout: 20000 });
    const rows = await tab.evaluate(() => document.getElementById("roster").shadowRoot.querySelectorAll("li[part~=row]").length);
    await tab.screenshot({ path: join(SHOTS, "npm-package.png") });
    assert.ok(rows > 0, "rows");
  } finally {
    await tab.close();
  }
});
