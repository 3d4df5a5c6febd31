// The privacy settings against a hostile Zulip: the real reference nginx, rendered in each
// mode with an opt-out list, in front of a stand-in for Zulip in this process that answers
// what each test tells it to: refusals once and then success, success statuses other than
// 200, bodies the module cannot read, compressed and chunked answers, error objects with
// extra fields, redirects. Every test reads what a visitor receives from the public side
// for every endpoint, as plain HTTP requests, and scans it:
//   every mode: no trace of the three people who opted out (addresses, names, ids), no
//     delivery_email, no custom profile field;
//   no-emails and counts: no "@" and no Gravatar URL at all;
//   counts: no member's name, no user_id, presence keyed by position.
// Its data are Zulip's own OpenAPI examples (tests/fixtures), with the opted-out people
// added in every field Zulip's answers name a person by: presence keys (their real
// address, and `user{id}@` where email visibility is restricted), members, delivery_email,
// a group's members, creator and permission settings (zulip.yaml's UserGroup, Zulip 10),
// a channel's subscribers.
//
//   node --test tests/e2e/privacy_adversarial.mjs        (scripts/test.sh runs it)
//
// Needs: nginx with libnginx-mod-http-js (Debian). No browser.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { PREFIX, ROOT, freePort, sleep, startNginx } from "./nginx_harness.mjs";

const fixture = (name) => JSON.parse(readFileSync(join(ROOT, "tests/fixtures", name), "utf8"));
const BASIC = Buffer.from("roster-bot@zulip.example:adversarial0key").toString("base64");
const WINDOW = 1; // seconds: every cache window of these nginx
const API = `${PREFIX}/api/v1`;
const PATHS = ["/realm/presence", "/users", "/server_settings", "/user_groups", "/get_stream_id?stream=design", "/streams/15/members"];

// --- the organization: Zulip's examples, and three people who asked not to appear ----------
const NOW = 1656958539;
const entry = (status, timestamp) => ({ website: { client: "website", pushable: false, status, timestamp }, aggregated: { client: "website", status, timestamp } });
/** Listed by user id alone (presence knows them by address only). */
const BY_ID = { user_id: 90001, email: "ophelia@zulip.example", delivery_email: "ophelia.private@zulip.example", full_name: "Ophelia Hidden" };
/** Listed by their delivery address alone, in another case; their API address is Zulip's user{id}@ form. */
const BY_ADDRESS = { user_id: 90002, email: "user90002@zulip.example", delivery_email: "polonius.private@zulip.example", full_name: "Polonius Hidden" };
/** Listed on the file's last line, after CRLF lines, with no line ending of its own. */
const LAST_LINE = { user_id: 90003, email: "laertes@zulip.example", delivery_email: null, full_name: "Laertes Hidden" };
const OPTED_OUT = [BY_ID, BY_ADDRESS, LAST_LINE];
const OPT_OUT_TEXT = `# asked not to appear (works council)\r\n${BY_ID.user_id}\r\nPOLONIUS.Private@Zulip.Example\r\n${LAST_LINE.user_id}`;

const examples = fixture("users.get.200.example.json").members;
const PHONE = examples.find((m) => m.user_id === 10).profile_data["1"].value;
const MEMBERS = [
  ...examples,
  ...OPTED_OUT.map((p) => ({ ...examples[1], ...p, profile_data: { 1: { value: PHONE, rendered_value: `<p>${PHONE}</p>` } } })),
  // No presence in the last two weeks: offline in every mode, counted in counts.
  { ...examples[0], user_id: 31, email: "horatio@zulip.example", full_name: "Horatio Without Presence", delivery_email: null },
];
const isOptedOut = (m) => OPTED_OUT.some((p) => p.user_id === m.user_id);
const LISTED = MEMBERS.filter((m) => m.is_active && !m.is_bot && !isOptedOut(m));
const presenceExample = fixture("realm-presence.get.200.example.json");
const PRESENCE = {
  ...presenceExample,
  presences: {
    ...presenceExample.presences,
    "AARON@zulip.com": entry("active", NOW - 10),
    "hamlet@zulip.com": entry("idle", NOW - 100),
    ...Object.fromEntries(OPTED_OUT.map((p) => [p.email, entry("active", NOW - 5)])),
  },
};
const groupsExample = fixture("user-groups.get.200.example.json");
const GROUPS = {
  ...groupsExample,
  user_groups: groupsExample.user_groups.map((g, i) => ({
    ...g,
    members: [...g.members, ...OPTED_OUT.map((p) => p.user_id)],
    creator_id: BY_ID.user_id,
    date_created: 1717484476,
    can_manage_group: { direct_members: [BY_ADDRESS.user_id], direct_subgroups: [] },
    can_add_members_group: { direct_member_ids: [LAST_LINE.user_id], direct_subgroup_ids: [i + 1] },
    can_join_group: BY_ID.user_id,
  })),
};
const SUBSCRIBERS = { ...fixture("streams-stream_id-members.get.200.example.json") };
SUBSCRIBERS.subscribers = [...SUBSCRIBERS.subscribers, 7, 10, ...OPTED_OUT.map((p) => p.user_id)];
const ANSWERS = {
  "/api/v1/realm/presence": PRESENCE,
  "/api/v1/users": { result: "success", msg: "", members: MEMBERS },
  "/api/v1/server_settings": { result: "success", msg: "", zulip_version: "10.4", zulip_feature_level: 359, realm_name: "Elsinore", realm_icon: "/user_avatars/2/realm/icon.png", email_auth_enabled: true },
  "/api/v1/user_groups": GROUPS,
  "/api/v1/get_stream_id": fixture("get-stream-id.get.200.example.json"),
  "/api/v1/streams/15/members": SUBSCRIBERS,
};
/** Zulip's honest answer to `path` (without its query), or its 404. */
const honestBody = (path) => ANSWERS[path.split("?")[0]];

// --- the stand-in ----------------------------------------------------------------------------
const reached = [];
let behave;
function honest(req, res) {
  const body = honestBody(req.url);
  if (body === undefined) res.writeHead(404, { "Content-Type": "application/json" }).end('{"result":"error","msg":"Not found","code":"BAD_REQUEST"}');
  else res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}
const zulip = createServer((req, res) => {
  reached.push(req.url);
  behave(req, res);
});
const zulipPort = freePort();
before(() => new Promise((ok) => zulip.listen(zulipPort, "127.0.0.1", ok)));
after(() => zulip.close());

// --- what a visitor receives, and what it must not contain ---------------------------------------
/** Every endpoint through the public side: [{ path, status, text, json }]. */
async function visit(nginx, paths = PATHS) {
  return Promise.all(paths.map(async (path) => {
    const answer = await fetch(`${nginx.base}${API}${path}`, { headers: { "Accept-Encoding": "identity" } });
    const text = await answer.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      // scanned as text
    }
    return { path, status: answer.status, text, json, headers: answer.headers };
  }));
}

/** What must not reach a visitor in `mode`, each with why. */
function forbidden(mode) {
  const words = [];
  for (const p of OPTED_OUT) {
    for (const text of [p.email, p.delivery_email, p.full_name, String(p.user_id)]) if (text) words.push([text, "an opted-out person"]);
  }
  words.push([PHONE, "a custom profile field"], ["delivery_email", "delivery_email"], ["profile_data", "custom profile fields"]);
  if (mode !== "full") words.push(["@", "an address"], ["gravatar", "a Gravatar URL (an address's hash)"]);
  if (mode === "counts") {
    for (const m of MEMBERS) words.push([m.full_name, "a name in counts mode"]);
    words.push(['"user_id"', "a user id in counts mode"]);
  }
  return words;
}

/** Asserts that none of `answers` carries what `mode` forbids. */
function assertClean(mode, answers) {
  const leaks = [];
  for (const answer of answers) {
    const text = answer.text.toLowerCase();
    for (const [word, why] of forbidden(mode)) if (text.includes(word.toLowerCase())) leaks.push(`${answer.path} (${answer.status}): ${why}: ${word}`);
    if (mode === "counts" && answer.path === "/realm/presence" && answer.status === 200) {
      const keys = Object.keys(answer.json.presences);
      assert.deepEqual(keys, keys.map((_, i) => String(i)), "presence keyed by position");
    }
  }
  assert.deepEqual(leaks, []);
}

/** Asserts `answer` is a refusal of the proxy's own, and nothing else. */
function assertRefused(answer, code) {
  assert.equal(answer.status, 502, `${answer.path}: ${answer.text}`);
  assert.deepEqual(Object.keys(answer.json).sort(), ["code", "msg", "result"]);
  assert.equal(answer.json.code, code);
}

const answerOf = (answers, path) => answers.find((a) => a.path === path);

for (const mode of ["full", "no-emails", "counts"]) {
  describe(`${mode}, with an opt-out list`, () => {
    let nginx;
    before(async () => {
      nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${zulipPort}`, basic: BASIC, presenceTtl: WINDOW, usersTtl: `${WINDOW}s`, dist: "/nonexistent", privacy: mode, optOutText: OPT_OUT_TEXT });
    });
    after(() => nginx?.stop());
    // A fresh cache window (nginx counts validity in whole seconds), an honest Zulip.
    beforeEach(async () => {
      await sleep(WINDOW * 2000 + 100);
      behave = honest;
      reached.length = 0;
    });

    test("render.sh reads every line of a CRLF file whose last line has no ending, and says how many", () => {
      assert.match(nginx.rendered, /OPT_OUT_FILE: 3 people opted out \(addresses: 1, user ids: 2\)/);
    });

    test("Zulip's honest answers: nothing forbidden reaches a visitor", async () => {
      const answers = await visit(nginx);
      assertClean(mode, answers);
      if (mode === "counts") {
        assert.deepEqual(answers.filter((a) => a.status !== 200).map((a) => `${a.path} ${a.json.code}`).sort(), PATHS.filter((p) => /groups|stream/.test(p)).map((p) => `${p} PRIVACY_COUNTS_ONLY`).sort());
      } else {
        assert.deepEqual(answers.map((a) => a.status), PATHS.map(() => 200));
      }
    });

    if (mode !== "counts") {
      test("the people listed by id, by address and on the last line are in no answer, the others are", async () => {
        const answers = await visit(nginx);
        assert.equal(Object.keys(answerOf(answers, "/realm/presence").json.presences).length, Object.keys(PRESENCE.presences).length - 3);
        assert.deepEqual(answerOf(answers, "/users").json.members.map((m) => m.user_id), MEMBERS.filter((m) => !isOptedOut(m)).map((m) => m.user_id));
        assert.deepEqual(answerOf(answers, "/streams/15/members").json.subscribers, [11, 26, 7, 10]);
        assert.deepEqual(answerOf(answers, "/user_groups").json.user_groups.map((g) => g.members), groupsExample.user_groups.map((g) => g.members));
      });
    }

    if (mode === "counts") {
      test("counts: everyone the full roster lists, members without presence included", async () => {
        const [presence] = await visit(nginx, ["/realm/presence"]);
        const values = Object.values(presence.json.presences);
        assert.equal(values.length, LISTED.length, "aaron, King Hamlet, Horatio: not the bot, the opted-out, nor presence /users does not list");
        assert.equal(values.filter((v) => Object.keys(v).length === 0).length, 1, "Horatio, without presence: offline");
      });
    }

    test("a refusal once, then success: the visitor gets Zulip's error object alone, asked once", async () => {
      let refused = false;
      behave = (req, res) => {
        if (!refused && req.url.startsWith("/api/v1/realm/presence")) {
          refused = true;
          // A WAF's or a load-balanced Zulip's refusal, with more than the error in it.
          res.writeHead(401, { "Content-Type": "application/json", "WWW-Authenticate": 'Basic realm="zulip"' })
            .end(JSON.stringify({ ...fixture("error.InvalidApiKeyError.example.json"), members: MEMBERS }));
        } else honest(req, res);
      };
      const [first] = await visit(nginx, ["/realm/presence"]);
      const [cached] = await visit(nginx, ["/realm/presence"]);
      assertRefused(first, "INVALID_API_KEY");
      assert.equal(cached.text, first.text, "the next visitor of the window gets the same refusal");
      assert.equal(first.headers.get("www-authenticate"), null);
      assert.equal(reached.filter((u) => u.startsWith("/api/v1/realm/presence")).length, 1);
      assertClean(mode, [first, cached]);
    });

    for (const status of [201, 203, 206]) {
      test(`success with status ${status}: rebuilt like 200`, async () => {
        behave = (req, res) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(honestBody(req.url)));
        const answers = await visit(nginx, ["/realm/presence", "/users"]);
        assert.deepEqual(answers.map((a) => a.status), [200, 200]);
        assertClean(mode, answers);
      });
    }

    for (const [what, write] of [
      ["a top-level JSON array of members", (res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(MEMBERS))],
      ["members as an object", (res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ result: "success", msg: "", members: { ...MEMBERS } }))],
      ["truncated JSON", (res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ result: "success", msg: "", members: MEMBERS }).slice(0, 900))],
      ["a gzip body Zulip was not asked for", (res) => res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" }).end(gzipSync(JSON.stringify({ result: "success", msg: "", members: MEMBERS })))],
      ["an HTML page", (res) => res.writeHead(200, { "Content-Type": "text/html" }).end(`<html><body>${MEMBERS.map((m) => m.email).join(", ")}</body></html>`)],
    ]) {
      test(`/users answered with ${what}: refused with PROXY_PRIVACY_FAILED`, async () => {
        behave = (req, res) => (req.url.startsWith("/api/v1/users") ? write(res) : honest(req, res));
        const [users] = await visit(nginx, ["/users"]);
        if (mode === "counts") {
          // Counts mode never asks Zulip for /users' answer: nothing to refuse.
          assert.equal(users.status, 200);
          assert.deepEqual(users.json.members, []);
        } else assertRefused(users, "PROXY_PRIVACY_FAILED");
        const [presence] = await visit(nginx, ["/realm/presence"]);
        // Presence is checked against /users for the opt-out list (and counted from it):
        // without a readable /users, nothing is passed on.
        assertRefused(presence, "PROXY_PRIVACY_FAILED");
        assertClean(mode, [users, presence]);
      });
    }

    test("a chunked answer in small pieces is read whole and rebuilt", async () => {
      behave = (req, res) => {
        const body = JSON.stringify(honestBody(req.url));
        res.writeHead(200, { "Content-Type": "application/json" }); // no Content-Length: chunked
        for (let i = 0; i < body.length; i += 7) res.write(body.slice(i, i + 7));
        res.end();
      };
      const answers = await visit(nginx, ["/realm/presence", "/users"]);
      assert.deepEqual(answers.map((a) => a.status), [200, 200]);
      assertClean(mode, answers);
    });

    test("error answers carry Zulip's documented fields only", async () => {
      behave = (req, res) => {
        if (req.url.startsWith("/api/v1/users")) {
          res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "29" })
            .end(JSON.stringify({ ...fixture("error.RateLimitedError.example.json"), members: MEMBERS, msg: `Rate limited: ${BY_ID.email}` }));
        } else if (req.url.startsWith("/api/v1/realm/presence")) {
          res.writeHead(500, { "Content-Type": "text/html" }).end(`<h1>Server Error</h1><pre>${JSON.stringify(MEMBERS)}</pre>`);
        } else if (req.url.startsWith("/api/v1/streams/")) {
          res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ result: "error", msg: "Invalid channel ID", code: "BAD_REQUEST", subscribers: SUBSCRIBERS.subscribers, creator_id: BY_ID.user_id }));
        } else honest(req, res);
      };
      const answers = await visit(nginx, ["/users", "/realm/presence", "/streams/15/members"]);
      const users = answerOf(answers, "/users");
      assert.equal(users.status, mode === "counts" ? 200 : 429);
      if (mode !== "counts") {
        assert.deepEqual(users.json, { result: "error", msg: "Rate limited: …", code: "RATE_LIMIT_HIT", "retry-after": 28.706807374954224 });
        assert.equal(users.headers.get("retry-after"), "29");
      }
      const presence = answerOf(answers, "/realm/presence");
      assert.ok(presence.status === 500 || presence.status === 200, `${presence.status}: a 500, or the last good copy`);
      const members = answerOf(answers, "/streams/15/members");
      if (mode !== "counts") assert.deepEqual(Object.keys(members.json).sort(), ["code", "msg", "result"]);
      assertClean(mode, answers);
    });

    test("a redirect is an outage: no Location, nothing of Zulip's", async () => {
      behave = (req, res) => res.writeHead(302, { Location: "https://evil.example/", "Content-Type": "application/json" }).end(JSON.stringify({ members: MEMBERS }));
      const answers = await visit(nginx, ["/users", "/user_groups"]);
      for (const answer of answers) assert.equal(answer.headers.get("location"), null);
      assertClean(mode, answers);
    });
  });
}

describe("a change of setting on the same cache", () => {
  let nginx;
  before(async () => {
    behave = honest;
    nginx = await startNginx({ zulipUrl: `http://127.0.0.1:${zulipPort}`, basic: BASIC, presenceTtl: 600, usersTtl: "10m", dist: "/nonexistent", privacy: "full" });
  });
  after(() => nginx?.stop());

  test("full, cached for ten minutes, then counts: the next visitor gets counts at once", async () => {
    const full = await visit(nginx, ["/realm/presence", "/users"]);
    assert.ok(full[1].text.includes("King Hamlet"), "full mode's answer, now cached");
    const said = await nginx.rerender({ privacy: "counts", optOutText: OPT_OUT_TEXT });
    assert.match(said, /3 people opted out/);
    assertClean("counts", await visit(nginx));
  });
});
