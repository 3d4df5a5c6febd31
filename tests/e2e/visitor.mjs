// What an intranet visitor sees, in each browser engine (Chromium, Firefox, WebKit over
// WebDriver, see tests/webdriver.mjs): the release build served by the reference nginx,
// with the simulator as a self-hosted Zulip behind it and the page's strict CSP. Per
// engine: the roster becomes ready and lists exactly whom Zulip lists, with Zulip's
// statuses and guests marked; the counts and the live region agree with the rows; search
// narrows the rows as a person types; avatars load through the proxy or become initials;
// roster-change reports the counts; and the page records no error and no CSP violation.
//
//   xvfb-run -a node tests/e2e/visitor.mjs                 (scripts/test.sh runs it)
//   ENGINES=firefox node tests/e2e/visitor.mjs             (one engine; webkit needs xvfb-run)
//
// Needs: nginx (Debian), target/release/presence-sim, dist/ (trunk build --release).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ENGINES, openBrowser } from "../webdriver.mjs";
import { PREFIX, ROOT, freePort, startNginx, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const engines = process.env.ENGINES ? process.env.ENGINES.split(",") : ENGINES;
const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
const EMAIL = "roster-bot@zulip.example";
const KEY = "visitor0suite0key0000000000000000";
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
// The simulator says Zulip 8.4 (feature level 237): Zulip's 200 s offline threshold.
const THRESHOLD = 200;
mkdirSync(SHOTS, { recursive: true });

// The page records what happened in it (WebKit's driver exposes no console): errors,
// unhandled rejections, CSP violations, and the roster's events. A file, not an inline
// script: the page is served under the strict CSP.
const RECORD = `
window.problems = [];
window.changes = [];
window.addEventListener("error", (e) => window.problems.push("error: " + e.message));
window.addEventListener("unhandledrejection", (e) => window.problems.push("rejection: " + e.reason));
document.addEventListener("securitypolicyviolation", (e) => window.problems.push("CSP: " + e.violatedDirective + " " + e.blockedURI));
document.addEventListener("roster-change", (e) => window.changes.push(e.detail.counts));
document.addEventListener("roster-error", (e) => window.problems.push("roster-error: " + e.detail.message));
`;
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Team</title>
<script src="/e2e/record.js"></script>
<script type="module" src="${PREFIX}/zulip-roster.js"></script></head>
<body><h1>Team</h1><zulip-roster id="roster" proxy="${PREFIX}/api/v1" refresh="600" names="auto">See who's online in Zulip</zulip-roster></body></html>`;

const children = [];
const simPort = freePort();
const simUrl = `http://127.0.0.1:${simPort}`;
let nginx;
/** The simulator's own answer to `path`, asked directly with the key: the truth. */
const simApi = async (path) => (await fetch(`${simUrl}/api/v1${path}`, { headers: { Authorization: `Basic ${BASIC}` } })).json();

before(async () => {
  children.push(startSimulator({ port: simPort, users: 30, seed: 7, email: EMAIL, key: KEY }));
  nginx = await startNginx({ zulipUrl: simUrl, basic: BASIC, presenceTtl: 20, pages: { "e2e/visitor.html": PAGE, "e2e/record.js": RECORD } });
  await waitFor("the simulator", async () => (await fetch(`${simUrl}/_sim/stats`)).ok);
});

after(async () => {
  await stopChildren(children);
  await nginx?.stop();
});

// Read in the page: what a visitor sees of the roster.
const shown = () => {
  const host = document.querySelector("#roster");
  const root = host.shadowRoot;
  return {
    state: host.dataset.state,
    total: host.dataset.total,
    counts: root.querySelector("[part~=header] .counts")?.textContent ?? "",
    live: (() => {
      const region = root.querySelector("[role=status]");
      return region && { polite: region.getAttribute("aria-live"), text: region.textContent };
    })(),
    rows: [...root.querySelectorAll("li[part~=row]")].map((r) => ({
      email: r.dataset.email,
      status: r.dataset.status,
      name: r.querySelector(".name")?.textContent ?? "",
      guest: !!r.querySelector(".guest"),
      hidden: r.hidden || getComputedStyle(r).display === "none",
      src: r.querySelector("img.avatar")?.getAttribute("src") ?? null,
      loaded: (() => {
        const img = r.querySelector("img.avatar");
        return Boolean(img && img.complete && img.naturalWidth > 0);
      })(),
      initials: r.querySelector(".avatar.none")?.textContent ?? null,
    })),
  };
};

for (const engine of engines) {
  describe(engine, () => {
    let page;
    let members;
    let truth;
    before(async () => {
      page = await openBrowser(engine, { width: 420, height: 900 });
      console.log(`${engine}: ${page.version}`);
      await page.goto(`${nginx.base}/e2e/visitor.html`);
      await page.waitUntil("the roster ready, with names", () => {
        const host = document.querySelector("#roster");
        return host?.dataset.state === "ready" && [...host.shadowRoot.querySelectorAll("li[part~=row] .name")].some((n) => !n.textContent.includes("@"));
      });
      truth = await simApi("/realm/presence");
      ({ members } = await simApi("/users"));
    });
    after(() => page?.close());

    test("lists exactly the active humans Zulip lists, with Zulip's statuses", async () => {
      const { rows } = await page.run(shown);
      const listed = members.filter((m) => m.is_active && !m.is_bot);
      assert.deepEqual(rows.map((r) => r.email).sort(), listed.map((m) => m.email).sort());
      const mismatches = [];
      for (const { email } of listed) {
        const a = truth.presences[email]?.aggregated;
        const age = a ? truth.server_timestamp - a.timestamp : Infinity;
        const expected = age < THRESHOLD ? a.status : "offline";
        // Someone at a threshold may have changed between the two reads.
        const borderline = Math.abs(age - THRESHOLD) < 15 || Math.abs(age - 70) < 15;
        const row = rows.find((r) => r.email === email);
        if (row.status !== expected && !borderline) mismatches.push(`${email}: shown ${row.status}, Zulip ${expected}`);
      }
      assert.deepEqual(mismatches, []);
    });

    test("guests say (guest), and only guests", async () => {
      const { rows } = await page.run(shown);
      const guests = members.filter((m) => m.is_active && m.role === 600).map((m) => m.email).sort();
      assert.deepEqual(rows.filter((r) => r.guest).map((r) => r.email).sort(), guests);
    });

    test("the counts and the host's data-total agree with the rows; the live region waits for changes", async () => {
      const { rows, total, counts, live } = await page.run(shown);
      assert.equal(total, String(rows.length));
      const active = rows.filter((r) => r.status === "active").length;
      assert.match(counts, new RegExp(`\\b${active}\\b`), `the header says ${active} active: ${counts}`);
      // A polite status region that does not read the whole roster out at load.
      assert.deepEqual(live, { polite: "polite", text: "" });
    });

    test("roster-change reported the counts shown", async () => {
      const { rows } = await page.run(shown);
      const last = await page.waitUntil("a roster-change event", () => window.changes.at(-1));
      assert.equal(last.total, rows.length);
      assert.equal(last.active, rows.filter((r) => r.status === "active").length);
    });

    test("searching narrows the rows to the matching names as one types", async () => {
      const { rows } = await page.run(shown);
      const someone = rows.find((r) => !r.name.includes("@"));
      const word = someone.name.split(/\s+/)[0].slice(0, 4);
      const input = await page.run(() => document.querySelector("#roster").shadowRoot.querySelector("input[part~=search]"));
      assert.equal(await input.getAttribute("aria-label"), await input.getAttribute("placeholder"));
      await input.sendKeys(word);
      const matching = rows.filter((r) => r.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(word.toLowerCase())));
      await page.waitUntil(`only names with a word starting ${word}`, (n) => {
        const visible = [...document.querySelector("#roster").shadowRoot.querySelectorAll("li[part~=row]")].filter((r) => !r.hidden && getComputedStyle(r).display !== "none");
        return visible.length === n;
      }, matching.length);
      const after = (await page.run(shown)).rows.filter((r) => !r.hidden);
      assert.ok(after.some((r) => r.email === someone.email), `${someone.name} is still shown`);
      await page.screenshot(join(SHOTS, `visitor-${engine}-search.png`));
      // As a person would, delete what was typed (the driver's clear() sends no input
      // event).
      await input.sendKeys("\uE003".repeat(word.length));
      await page.waitUntil("every row back", (n) => document.querySelector("#roster").shadowRoot.querySelectorAll("li[part~=row]").length === n, rows.length);
    });

    test("uploaded and default avatars load through the proxy; Gravatar's become initials", async () => {
      const urlOf = Object.fromEntries(members.map((m) => [m.email, m.avatar_url]));
      // The page's view, once every avatar has loaded or given way to initials.
      const settled = `() => { const { rows } = (${shown})(); return rows.every((r) => r.src === null || r.loaded) && rows; }`;
      const rows = await page.waitUntil("every avatar loaded or replaced", settled);
      const uploaded = rows.filter((r) => urlOf[r.email]?.startsWith("/user_avatars/"));
      const gravatar = rows.filter((r) => urlOf[r.email]?.startsWith("https://"));
      assert.ok(uploaded.length > 0 && gravatar.length > 0, JSON.stringify(rows.map((r) => urlOf[r.email])));
      for (const r of uploaded) {
        assert.equal(r.src, `${PREFIX}${urlOf[r.email]}`, `${r.email}: through the proxy's root`);
        assert.ok(r.loaded, `${r.email}: the uploaded avatar loaded`);
      }
      for (const r of gravatar) {
        assert.equal(r.src, null, `${r.email}: no broken image`);
        assert.match(r.initials ?? "", /^\p{L}{1,2}$/u, `${r.email}: initials instead`);
      }
      await page.screenshot(join(SHOTS, `visitor-${engine}.png`));
    });

    test("no error, no CSP violation, no roster-error in the page", async () => {
      assert.deepEqual(await page.run(() => window.problems), []);
    });
  });
}
