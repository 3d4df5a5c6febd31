// The reference nginx's privacy module (deploy/nginx/zulip-roster-privacy.js) on its own,
// in Node: the module's own code, with nginx's request object played by a small fake
// (its variables, status, sendBuffer). The cases the end-to-end suite's simulator cannot
// produce: Zulip's user{id}@ addresses, an unreadable answer, a wrong setting, an error
// answer. What a browser receives through real nginx is tests/e2e/privacy_e2e.mjs.
//
//   node --test tests/e2e/privacy_filter.mjs          (scripts/test.sh runs it)
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./nginx_harness.mjs";

// njs modules use require() for built-ins; Node's ES modules get one from createRequire.
const source = readFileSync(join(ROOT, "deploy/nginx/zulip-roster-privacy.js"), "utf8");
const prelude = 'import { createRequire } from "node:module"; const require = createRequire("file:///");\n';
const privacy = (await import(`data:text/javascript,${encodeURIComponent(prelude + source)}`)).default;

const KEY = "k".repeat(40);

/** What the filter `name` sends for `body` (a string or object) under `variables`. */
function filtered(name, body, { mode = "full", optOut = [], status = 200, chunks = 1, key = KEY } = {}) {
  const sent = [];
  const errors = [];
  const r = {
    status,
    variables: { zulip_roster_privacy: mode, zulip_roster_opt_out: JSON.stringify(optOut), zulip_roster_privacy_key: key },
    sendBuffer: (data, flags) => sent.push({ data: String(data), last: flags.last }),
    error: (message) => errors.push(message),
  };
  const bytes = Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  // nginx hands the body over in pieces; the last carries flags.last.
  const size = Math.ceil(bytes.length / chunks);
  for (let i = 0; i < chunks; i++) {
    privacy[name](r, bytes.subarray(i * size, (i + 1) * size), { last: i === chunks - 1 });
  }
  const text = sent.map((s) => s.data).join("");
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { text, json, errors, last: sent.at(-1)?.last };
}

const entry = (status, timestamp) => ({ aggregated: { client: "website", status, timestamp }, website: { client: "website", status, timestamp } });
const PRESENCE = {
  result: "success", msg: "", server_timestamp: 1800000000,
  presences: { "zoë@example.com": entry("active", 1799999990), "user42@example.com": entry("idle", 1799999900), "bo@example.com": entry("active", 1799999000) },
};
const USERS = {
  result: "success", msg: "",
  members: [
    { user_id: 7, email: "zoë@example.com", delivery_email: "zoe.private@example.com", full_name: "Zoë", avatar_url: "https://secure.gravatar.com/avatar/abc?d=identicon", is_bot: false, is_active: true, profile_data: { 3: { value: "+49 30 1234" } } },
    { user_id: 42, email: "user42@example.com", full_name: "Hidden Address", avatar_url: "/user_avatars/2/aa.png", is_bot: false, is_active: true },
  ],
};

test("no-emails: the same opaque id for the same person in presence and in /users", () => {
  const presence = filtered("presence", PRESENCE, { mode: "no-emails", chunks: 3 });
  const users = filtered("users", USERS, { mode: "no-emails" });
  assert.equal(presence.json.zulip_roster_privacy, "no-emails");
  const ids = Object.keys(presence.json.presences);
  for (const id of ids) assert.match(id, /^u[0-9a-f]{24}$/);
  const zoe = users.json.members.find((m) => m.user_id === 7);
  assert.ok(ids.includes(zoe.email), "Zoë's id is one of presence's");
  assert.equal(presence.text.includes("@"), false, presence.text);
  assert.equal(users.text.includes("@"), false, users.text);
  assert.equal(zoe.avatar_url, null, "a Gravatar URL is the hash of an address");
  assert.equal(users.json.members.find((m) => m.user_id === 42).avatar_url, "/user_avatars/2/aa.png");
  assert.equal("profile_data" in zoe, false, "custom fields may hold addresses and phone numbers");
});

test("an opted-out id removes Zulip's user{id}@ address from presence too", () => {
  const { json } = filtered("presence", PRESENCE, { optOut: ["42"] });
  assert.deepEqual(Object.keys(json.presences).sort(), ["bo@example.com", "zoë@example.com"]);
  assert.equal("zulip_roster_privacy" in json, false, "full mode adds nothing");
});

test("an opted-out address is matched whatever its case, in presence and /users", () => {
  const presence = filtered("presence", PRESENCE, { mode: "counts", optOut: ["ZOË@example.com"] });
  assert.equal(Object.keys(presence.json.presences).length, 2);
  const users = filtered("users", USERS, { optOut: ["zoe.private@example.com"] });
  assert.deepEqual(users.json.members.map((m) => m.user_id), [42]);
});

test("counts: positions in order of activity, and an empty /users", () => {
  const { json } = filtered("presence", PRESENCE, { mode: "counts" });
  assert.deepEqual(Object.keys(json.presences), ["0", "1", "2"]);
  assert.equal(json.presences["0"].aggregated.timestamp, 1799999000, "the least recent first");
  assert.deepEqual(filtered("users", USERS, { mode: "counts" }).json, { result: "success", msg: "", members: [], zulip_roster_privacy: "counts" });
});

test("team answers lose the opted-out ids", () => {
  const groups = filtered("groups", { result: "success", msg: "", user_groups: [{ id: 1, name: "eng", members: [7, 42, 9] }] }, { optOut: ["42"] });
  assert.deepEqual(groups.json.user_groups[0].members, [7, 9]);
  const members = filtered("subscribers", { result: "success", msg: "", subscribers: [42, 7] }, { optOut: ["42"] });
  assert.deepEqual(members.json.subscribers, [7]);
});

test("an answer it cannot read is replaced by an error, never passed on", () => {
  const { json, text, errors } = filtered("users", '{"members": [{"email": "zoe@example.com"', { mode: "no-emails" });
  assert.equal(json.code, "PROXY_PRIVACY_FAILED");
  assert.equal(text.includes("zoe@example.com"), false);
  assert.equal(errors.length, 1);
});

test("a wrong setting fails closed", () => {
  assert.equal(filtered("presence", PRESENCE, { mode: "everything" }).json.code, "PROXY_PRIVACY_FAILED");
  const noKey = filtered("presence", PRESENCE, { mode: "no-emails", key: "" });
  assert.equal(noKey.json.code, "PROXY_PRIVACY_FAILED", "no secret, no ids");
});

test("an error answer passes as Zulip sent it", () => {
  const body = '{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}';
  const { text, last } = filtered("presence", body, { mode: "counts", status: 401 });
  assert.equal(text, body);
  assert.equal(last, true);
});
