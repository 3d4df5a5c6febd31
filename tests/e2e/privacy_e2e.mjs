// The reference proxy's privacy settings end to end: the simulator plays Zulip, nginx
// (rendered with PRIVACY and an OPT_OUT_FILE, its JavaScript module rewriting Zulip's
// answers in the key-holding server) serves the widget, and headless Chromium loads an
// intranet page and a channel's page while every response it receives is kept. Each
// mode's checks read those responses, as a visitor's browser got them:
//   full + opt-out: the person who asked not to appear is in none of them;
//   no-emails: no member's email (nor a Gravatar URL, which is an email's hash) in any;
//   counts: no member's name or email in any, no user id in the API's answers, and the
//     same total as the full roster;
// and what the widget shows: its rows, or the counts header alone, and the mode's note.
//
//   node tests/e2e/privacy_e2e.mjs          (scripts/test.sh runs it)
//
// Needs nginx with libnginx-mod-http-js, target/release/presence-sim and dist/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../chromium.mjs";
import { PREFIX, ROOT, freePort, startNginx, startSimulator, stopChildren, waitFor } from "./nginx_harness.mjs";

const SHOTS = process.env.SHOTS ?? join(ROOT, "target/e2e-screenshots");
mkdirSync(SHOTS, { recursive: true });
const EMAIL = "roster-bot@zulip.example";
const KEY = Array.from({ length: 32 }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)]).join("");
const BASIC = Buffer.from(`${EMAIL}:${KEY}`).toString("base64");
const page = (title, attributes) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script type="module" src="${PREFIX}/zulip-roster.js"></script></head>
<body><h1>${title}</h1><zulip-roster id="roster" proxy="${PREFIX}/api/v1" refresh="2" ${attributes}>See who's online in Zulip</zulip-roster></body></html>`;
const PAGES = { "e2e/embed.html": page("Intranet", ""), "e2e/team.html": page("Design", 'channel="design"') };

const simPort = freePort();
const simUrl = `http://127.0.0.1:${simPort}`;
const simApi = async (path) => (await fetch(`${simUrl}/api/v1${path}`, { headers: { Authorization: `Basic ${BASIC}` } })).json();
const children = [];
let browser;
// The truth, from the simulator with the key: its members, who has presence, the design
// channel's subscribers, and the person who asked not to appear.
let members;
let listed;
let subscribers;
let optedOut;

before(async () => {
  children.push(startSimulator({ port: simPort, users: 40, seed: 5, email: EMAIL, key: KEY }));
  await waitFor("the simulator", async () => (await fetch(`${simUrl}/_sim/stats`)).ok);
  browser = await launchChromium();
  ({ members } = await simApi("/users"));
  const { presences } = await simApi("/realm/presence");
  ({ subscribers } = await simApi(`/streams/${(await simApi("/get_stream_id?stream=design")).stream_id}/members`));
  listed = members.filter((m) => m.is_active && !m.is_bot);
  optedOut = listed.find((m) => presences[m.email] && subscribers.includes(m.user_id));
  assert.ok(optedOut, "a listed member with presence in the design channel");
});

after(async () => {
  await browser?.close();
  await stopChildren(children);
});

/** Whether `json` names user `id` anywhere Zulip's answers put ids. */
function mentionsId(json, id) {
  if (Array.isArray(json)) return json.some((v) => mentionsId(v, id));
  if (json && typeof json === "object") {
    return Object.entries(json).some(([k, v]) =>
      (k === "user_id" && v === id) || (["members", "subscribers"].includes(k) && Array.isArray(v) && v.includes(id)) || mentionsId(v, id));
  }
  return false;
}

/**
 * Starts nginx with `privacy` and the opt-out list in front of `zulipUrl`, loads `pages`
 * in a fresh browser context (screenshots `privacy-{shot}-{page}.png`) and returns every
 * response it received (`text` is the body as UTF-8) and what each page shows, then
 * stops nginx.
 */
async function visit(privacy, pages, zulipUrl = simUrl, shot = privacy) {
  const nginx = await startNginx({
    zulipUrl, basic: BASIC, presenceTtl: 4, pages: PAGES, privacy,
    optOut: [`${optedOut.email} ${optedOut.user_id}`],
  });
  const context = await browser.newContext({ viewport: { width: 420, height: 640 } });
  const responses = [];
  context.on("response", async (response) => {
    let body = Buffer.alloc(0);
    try {
      body = await response.body();
    } catch {
      // redirects have no body
    }
    const text = body.toString("utf8");
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      // not an API answer
    }
    responses.push({ url: response.url(), status: response.status(), text, json });
  });
  const shown = {};
  try {
    for (const [name, state] of pages) {
      const tab = await context.newPage();
      await tab.goto(`${nginx.base}/e2e/${name}.html`);
      await tab.waitForFunction((want) => document.querySelector("#roster")?.dataset.state === want, state, { timeout: 20000 });
      if (privacy !== "counts" && state === "ready") {
        // Links come with the server's URL (`/server_settings`), which may land after
        // the first roster.
        await tab.waitForFunction(() => document.querySelector("#roster").shadowRoot.querySelector("a[part~=org-link]"), null, { timeout: 20000 });
      }
      shown[name] = await tab.evaluate(() => {
        const host = document.querySelector("#roster");
        const root = host.shadowRoot;
        return {
          privacy: host.dataset.privacy,
          total: host.dataset.total,
          rows: [...root.querySelectorAll("li[part~=row]")].map((r) => ({
            key: r.dataset.email,
            name: r.querySelector(".name bdi").textContent,
            dm: r.querySelector("a[part~=dm-link]")?.getAttribute("href") ?? null,
            dmTarget: r.querySelector("a[part~=dm-link]")?.getAttribute("target") ?? null,
            dmRel: r.querySelector("a[part~=dm-link]")?.getAttribute("rel") ?? null,
          })),
          org: root.querySelector("a[part~=org-link]")?.getAttribute("href") ?? null,
          counts: root.querySelector(".counts")?.textContent ?? "",
          note: root.querySelector("[part~=privacy]")?.textContent ?? null,
          search: root.querySelector("input[type=search]") !== null,
          banner: root.querySelector("[part~=banner]")?.textContent ?? "",
        };
      });
      await tab.screenshot({ path: join(SHOTS, `privacy-${shot}-${name}.png`) });
      await tab.close();
    }
  } finally {
    await context.close();
    await nginx.stop();
  }
  return { responses, shown };
}

/** A direct message with `member`, in Zulip web's own form (`people.ts` `emails_to_slug`). */
const dmOf = (member) => `${simUrl}/#narrow/dm/${member.user_id}-${member.full_name.replace(/[ "%/<>`\p{C}]+/gu, "-")}`;

const api = (responses) => responses.filter((r) => r.url.includes(`${PREFIX}/api/v1/`));
const containing = (responses, text) => responses.filter((r) => r.text.includes(text)).map((r) => r.url);
/** Where the opted-out person shows up: their email, their name, or their id. */
const traces = (responses) => [
  ...containing(responses, optedOut.email),
  ...containing(responses, optedOut.full_name),
  ...api(responses).filter((r) => mentionsId(r.json, optedOut.user_id)).map((r) => r.url),
];

test("full, with an opt-out list: everyone else is listed, and the person is in no response", async () => {
  const { responses, shown } = await visit("full", [["embed", "ready"], ["team", "ready"]]);
  assert.ok(api(responses).length >= 4, `${api(responses).length} API answers`);
  assert.equal(shown.embed.privacy, "full");
  assert.equal(shown.embed.note, null, "nothing to say in full mode");
  assert.equal(shown.embed.total, String(listed.length - 1));
  assert.ok(shown.embed.rows.some((r) => r.key === listed.find((m) => m !== optedOut).email), "others keep their addresses");
  const team = listed.filter((m) => subscribers.includes(m.user_id) && m !== optedOut).map((m) => m.email).sort();
  assert.deepEqual(shown.team.rows.map((r) => r.key).sort(), team);
  assert.deepEqual(traces(responses), []);
});

test("full: each row opens a direct message with that person in Zulip, the counts open the organization, in a new tab", async () => {
  const { shown } = await visit("full", [["embed", "ready"]], simUrl, "full-links");
  assert.equal(shown.embed.org, simUrl);
  const expected = shown.embed.rows.map((r) => dmOf(listed.find((m) => m.email === r.key)));
  assert.deepEqual(shown.embed.rows.map((r) => r.dm), expected);
  for (const row of shown.embed.rows) assert.deepEqual([row.dmTarget, row.dmRel], ["_blank", "noopener noreferrer"]);
});

test("no-emails: rows link by user id, so direct messages work without addresses", async () => {
  const { shown } = await visit("no-emails", [["embed", "ready"]], simUrl, "no-emails-links");
  assert.equal(shown.embed.org, simUrl);
  const expected = shown.embed.rows.map((r) => dmOf(listed.find((m) => m.full_name === r.name)));
  assert.deepEqual(shown.embed.rows.map((r) => r.dm), expected);
});

test("no-emails: names in the roster, no member's email nor Gravatar URL in any response", async () => {
  const { responses, shown } = await visit("no-emails", [["embed", "ready"], ["team", "ready"]]);
  assert.equal(shown.embed.privacy, "no-emails");
  assert.equal(shown.embed.note, "This organization's proxy hides email addresses.");
  assert.equal(shown.embed.total, String(listed.length - 1));
  const names = shown.embed.rows.map((r) => r.name).sort();
  assert.deepEqual(names, listed.filter((m) => m !== optedOut).map((m) => m.full_name).sort());
  for (const row of shown.embed.rows) assert.match(row.key, /^u[0-9a-f]{24}$/);
  // The channel's roster joins its members' names through the same opaque ids.
  assert.equal(shown.team.rows.length, listed.filter((m) => subscribers.includes(m.user_id) && m !== optedOut).length);
  const leaks = members.flatMap((m) => [m.email, m.delivery_email].filter(Boolean)).flatMap((email) => containing(responses, email));
  assert.deepEqual(leaks, []);
  assert.deepEqual(containing(responses, "gravatar.com"), []);
  assert.deepEqual(traces(responses), []);
});

test("counts: the counts header alone, and no member's name, email or id in any response", async () => {
  const { responses, shown } = await visit("counts", [["embed", "ready"], ["team", "error"]]);
  assert.equal(shown.embed.privacy, "counts");
  assert.equal(shown.embed.note, "This organization's proxy shows how many people are online, not who.");
  assert.deepEqual(shown.embed.rows, []);
  assert.equal(shown.embed.org, null, "counts mode links nowhere: it names nobody");
  assert.equal(shown.embed.search, false, "nobody to search for");
  // Everyone the full roster lists (active humans of /users, members without presence
  // included), as in full and no-emails mode: not only those with presence.
  assert.equal(shown.embed.total, String(listed.length - 1));
  assert.match(shown.embed.counts, /\d+ active · \d+ idle · \d+ offline/);
  assert.match(shown.team.banner, /team rosters are not available/);
  const leaks = members.flatMap((m) => [m.full_name, m.email]).flatMap((text) => containing(responses, text));
  assert.deepEqual(leaks, []);
  const answers = api(responses).filter((r) => r.status === 200);
  assert.ok(answers.some((r) => r.url.endsWith("/realm/presence")), "presence was received");
  for (const r of answers) {
    assert.equal(JSON.stringify(r.json).includes('"user_id"'), false, r.url);
    if (r.url.endsWith("/realm/presence")) {
      assert.deepEqual(Object.keys(r.json.presences).sort((a, b) => a - b), Object.keys(r.json.presences).map((_, i) => String(i)));
    }
  }
  assert.deepEqual(traces(responses), []);
});

test("a Zulip answer the proxy cannot read: the page says the proxy could not apply its setting, and nothing of it arrives", async () => {
  // A second simulator whose presence is a top-level array of the members, addresses
  // and all: the shape that passed the earlier filter unchanged.
  const dir = mkdtempSync(join(tmpdir(), "zulip-roster-privacy-"));
  const fixture = join(dir, "members-array.json");
  writeFileSync(fixture, JSON.stringify(members));
  const port = freePort();
  const odd = startSimulator({ port, users: 40, seed: 5, email: EMAIL, key: KEY, args: ["--fixture", fixture] });
  children.push(odd);
  await waitFor("the second simulator", async () => (await fetch(`http://127.0.0.1:${port}/_sim/stats`)).ok);
  const { responses, shown } = await visit("no-emails", [["embed", "error"]], `http://127.0.0.1:${port}`, "failed");
  assert.match(shown.embed.banner, /The proxy could not apply its privacy setting to Zulip's answer, so it sent nothing/);
  const presence = api(responses).find((r) => r.url.endsWith("/realm/presence"));
  assert.equal(presence.status, 502);
  assert.equal(presence.json.code, "PROXY_PRIVACY_FAILED");
  const leaks = members.flatMap((m) => [m.email, m.delivery_email].filter(Boolean)).flatMap((email) => containing(responses, email));
  assert.deepEqual(leaks, []);
});
