// Headless Chromium for the browser scripts (tests/e2e, tests/bench, tests/soak): Debian's
// build, driven by playwright-core from tools/. Without the network flags Chromium
// reaches out at start, and this machine's closed network refuses it many times over.
import { createRequire } from "node:module";

const require = createRequire(new URL("../tools/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Launches headless Chromium with the flags above and `extra` ones. */
export function launchChromium(extra = []) {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: [...FLAGS, ...extra] });
}
