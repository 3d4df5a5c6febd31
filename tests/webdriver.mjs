// The three browser engines a visitor may use, driven the same way over WebDriver
// (selenium-webdriver from tools/): headless Chromium (chromedriver), headless Firefox ESR
// (geckodriver, where scripts/env.sh says: never on PATH, see scripts/setup.sh) and WebKitGTK's
// MiniBrowser (WebKitWebDriver; it has no headless mode, so the caller runs under
// xvfb-run). Each driver is started here on a port of its own and named explicitly, so
// selenium never looks for one (its driver manager would try the network).
//
// Pages are checked with scripts run in them: what a visitor sees (text, attributes, ARIA)
// and what the page recorded itself (errors, CSP violations, events). WebKit's driver does
// not expose console messages, so every check collects in the page instead.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(new URL("../tools/package.json", import.meta.url));
const { Builder } = require("selenium-webdriver");

// scripts/env.sh's pinned geckodriver, outside PATH.
const GECKODRIVER = process.env.ROSTER_GECKODRIVER
  ?? join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "opt/geckodriver-0.37.1/bin/geckodriver");
export const ENGINES = ["chromium", "firefox", "webkit"];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => 41000 + Math.floor(Math.random() * 9000);

/** How each engine's WebDriver server starts, and the session it is asked for. */
const SETUP = {
  chromium: (port, profile, { width, height }) => ({
    driver: ["/usr/bin/chromedriver", [`--port=${port}`]],
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        // Without the network flags Chromium reaches out at start, and this closed
        // network refuses it many times over.
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", `--user-data-dir=${profile}`, `--window-size=${width},${height}`],
      },
    },
  }),
  firefox: (port, profile, { width, height }) => ({
    driver: [GECKODRIVER, [`--port=${port}`, "--log=error"]],
    capabilities: {
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: "/usr/bin/firefox",
        args: ["-headless", `--width=${width}`, `--height=${height}`],
        // Nothing that reaches for the network on its own.
        prefs: {
          "app.update.enabled": false,
          "browser.safebrowsing.malware.enabled": false,
          "browser.safebrowsing.phishing.enabled": false,
          "datareporting.policy.dataSubmissionEnabled": false,
          "network.captive-portal-service.enabled": false,
          "network.connectivity-service.enabled": false,
          "extensions.getAddons.cache.enabled": false,
        },
      },
    },
  }),
  webkit: (port) => ({
    driver: ["/usr/bin/WebKitWebDriver", [`--port=${port}`]],
    capabilities: {
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { args: ["--automation"] },
    },
  }),
};

/** Polls `check` (a function run in the page) until it returns a truthy value. */
async function waitInPage(session, what, check, args, ms) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const value = await session.run(check, ...args);
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`${session.engine}: timed out waiting for ${what} (last: ${last})`);
    await sleep(100);
  }
}

/**
 * Opens `engine` (one of [`ENGINES`]) with a window of `width` × `height`. Returns a
 * session: `goto(url)`, `run(fn, ...args)` (runs `fn` in the page and returns what it
 * returns, awaiting a promise; an element comes back as one to type into),
 * `waitUntil(what, fn, ...args)` (polls `fn` in the page until truthy, 20 s at most),
 * `screenshot(path)`, `version` and `close()`, which stops the driver too.
 */
export async function openBrowser(engine, { width = 420, height = 640 } = {}) {
  const setup = SETUP[engine];
  if (!setup) throw new Error(`unknown engine ${engine}: one of ${ENGINES.join(", ")}`);
  const profile = mkdtempSync(join(tmpdir(), `zulip-roster-${engine}-`));
  const port = freePort();
  const { driver: [command, args], capabilities } = setup(port, profile, { width, height });
  const server = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  let driverLog = "";
  server.stderr.on("data", (chunk) => (driverLog = (driverLog + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30000;
  for (;;) {
    try {
      if ((await fetch(`${url}/status`)).ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > end) throw new Error(`${engine}: the WebDriver server did not start: ${driverLog}`);
    await sleep(100);
  }
  let driver;
  try {
    driver = await new Builder().usingServer(url).withCapabilities(capabilities).build();
    if (engine === "webkit") await driver.manage().window().setRect({ width, height });
  } catch (error) {
    server.kill("SIGKILL");
    throw new Error(`${engine}: no session: ${error.message}\n${driverLog}`);
  }
  const caps = await driver.getCapabilities();
  const session = {
    engine,
    version: `${caps.get("browserName")} ${caps.get("browserVersion") ?? caps.get("version") ?? ""}`.trim(),
    driver,
    goto: (to) => driver.get(to),
    run: (fn, ...fnArgs) => driver.executeScript(`return (${fn}).apply(null, arguments);`, ...fnArgs),
    waitUntil: (what, fn, ...fnArgs) => waitInPage(session, what, fn, fnArgs, 20000),
    async screenshot(path) {
      // After the next paint: WebKit shows a change a frame later than the DOM has it.
      await session.run(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
      writeFileSync(path, Buffer.from(await driver.takeScreenshot(), "base64"));
    },
    async close() {
      try {
        await driver.quit();
      } catch {
        // the browser is gone already
      }
      server.kill("SIGTERM");
      await sleep(200);
      if (server.exitCode === null) server.kill("SIGKILL");
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}
