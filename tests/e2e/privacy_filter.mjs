// The reference nginx's privacy module (deploy/nginx/zulip-roster-privacy.js) on its own,
// in Node: the module's own code, with nginx's request object played by a small fake
// (its variables, uri, subrequest to Zulip, return). Zulip's answers are its OpenAPI
// examples (tests/fixtures) and the shapes Zulip's code sends (`user{id}@` addresses under
// restricted email visibility, Zulip 10's group settings). What a browser receives
// through real nginx, a hostile Zulip behind it, is tests/e2e/privacy_adversarial.mjs.
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
const fixture = (name) => JSON.parse(readFileSync(join(ROOT, "tests/fixtures", name), "utf8"));

const KEY = "k".repeat(40);
const entry = (status, timestamp) => ({ aggregated: { client: "website", status, timestamp }, website: { client: "website", status, timestamp, pushable: false } });
const PRESENCE = {
  result: "success", msg: "", server_timestamp: 1800000000.5,
  presences: { "zoë@example.com": entry("active", 1799999990), "user42@example.com": entry("idle", 1799999900), "bo@example.com": entry("active", 1799999000), "bot@example.com": entry("active", 1799999999) },
};
const USERS = {
  result: "success", msg: "",
  members: [
    { user_id: 7, email: "zoë@example.com", delivery_email: "zoe.private@example.com", full_name: "Zoë", avatar_url: "https://secure.gravatar.com/avatar/abc?d=identicon", is_bot: false, is_active: true, profile_data: { 3: { value: "+49 30 1234" } }, date_joined: "2019-10-20T07:50:53+00:00" },
    { user_id: 42, email: "user42@example.com", delivery_email: null, full_name: "Hidden Address", avatar_url: "/user_avatars/2/aa.png", is_bot: false, is_active: true },
    { user_id: 9, email: "bo@example.com", full_name: "Bo", avatar_url: null, is_bot: false, is_active: true },
    { user_id: 11, email: "ny@example.com", full_name: "Ny (no presence in two weeks)", avatar_url: null, is_bot: false, is_active: true },
    { user_id: 12, email: "gone@example.com", full_name: "Gone", avatar_url: null, is_bot: false, is_active: false },
    { user_id: 13, email: "bot@example.com", full_name: "A bot", avatar_url: null, is_bot: true, is_active: true, bot_type: 1 },
  ],
};
const ok = (body) => ({ status: 200, body });

/**
 * What handler `name` sends for a request to `uri` when Zulip answers `zulip[path]`
 * (a reply, or a function of the call), under `mode` and `optOut`.
 */
async function handle(name, { uri = "/", args = {}, zulip = {}, mode = "full", optOut = [], key = KEY } = {}) {
  const asked = [];
  const logged = [];
  let sent;
  const r = {
    uri,
    variables: { zulip_roster_privacy: mode, zulip_roster_opt_out: JSON.stringify(optOut), zulip_roster_privacy_key: key, ...args },
    headersOut: {},
    async subrequest(path, options) {
      asked.push(`${path}?${options.args}`);
      let reply = zulip[path];
      if (typeof reply === "function") reply = reply();
      if (reply === undefined) reply = { status: 502, raw: "<html>502 Bad Gateway</html>" };
      const raw = reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
      return { status: reply.status, headersOut: reply.headers ?? {}, responseBuffer: Buffer.from(raw) };
    },
    return(status, body) {
      sent = { status, text: String(body), headers: { ...r.headersOut } };
    },
    error: (message) => logged.push(message),
  };
  await privacy[name](r);
  assert.ok(sent, "the handler answered");
  return { ...sent, json: JSON.parse(sent.text), asked, logged };
}

const ZP = "/zulip/api/v1/realm/presence";
const ZU = "/zulip/api/v1/users";
const ZD = "/zulip-directory/api/v1/users";
const ZG = "/zulip/api/v1/user_groups";

test("full: presence and members rebuilt from the fields the widget reads, nothing else", async () => {
  const presence = await handle("presence", { zulip: { [ZP]: ok(PRESENCE) } });
  assert.deepEqual(presence.json.presences["bo@example.com"], PRESENCE.presences["bo@example.com"]);
  assert.equal("zulip_roster_privacy" in presence.json, false, "full mode adds nothing");
  const users = await handle("users", { zulip: { [ZU]: ok(USERS) } });
  const zoe = users.json.members.find((m) => m.user_id === 7);
  assert.deepEqual(Object.keys(zoe).sort(), ["avatar_url", "email", "full_name", "is_active", "is_bot", "user_id"]);
  for (const secret of ["zoe.private", "+49 30", "date_joined", "bot_type"]) assert.equal(users.text.includes(secret), false, secret);
});

test("no-emails: the same opaque id for the same person in presence and in /users, no address anywhere", async () => {
  const presence = await handle("presence", { mode: "no-emails", zulip: { [ZP]: ok(PRESENCE) } });
  const users = await handle("users", { mode: "no-emails", zulip: { [ZU]: ok(USERS) } });
  assert.equal(presence.json.zulip_roster_privacy, "no-emails");
  const ids = Object.keys(presence.json.presences);
  for (const id of ids) assert.match(id, /^u[0-9a-f]{24}$/);
  const zoe = users.json.members.find((m) => m.user_id === 7);
  assert.ok(ids.includes(zoe.email), "Zoë's id is one of presence's");
  assert.equal(presence.text.includes("@"), false, presence.text);
  assert.equal(users.text.includes("@"), false, users.text);
  assert.equal(zoe.avatar_url, null, "a Gravatar URL is the hash of an address");
  assert.equal(users.json.members.find((m) => m.user_id === 42).avatar_url, "/user_avatars/2/aa.png");
});

test("an id listed alone removes the person from email-keyed presence, through /users", async () => {
  const { json, asked } = await handle("presence", { optOut: ["7"], zulip: { [ZP]: ok(PRESENCE), [ZD]: ok(USERS) } });
  assert.deepEqual(Object.keys(json.presences).sort(), ["bo@example.com", "bot@example.com", "user42@example.com"]);
  assert.deepEqual(asked, [`${ZP}?`, `${ZD}?client_gravatar=false`]);
});

test("an id listed alone removes Zulip's user{id}@ address even when /users does not list it", async () => {
  const { json } = await handle("presence", { optOut: ["42"], zulip: { [ZP]: ok(PRESENCE), [ZD]: ok({ result: "success", msg: "", members: [] }) } });
  assert.equal("user42@example.com" in json.presences, false);
});

test("an address is matched whatever its case, and by delivery_email", async () => {
  const presence = await handle("presence", { optOut: ["ZOË@EXAMPLE.COM"], zulip: { [ZP]: ok(PRESENCE), [ZD]: ok(USERS) } });
  assert.equal("zoë@example.com" in presence.json.presences, false);
  const users = await handle("users", { optOut: ["Zoe.Private@example.com"], zulip: { [ZU]: ok(USERS) } });
  assert.equal(users.json.members.some((m) => m.user_id === 7), false);
});

test("an address listed alone removes the person's id from groups and subscribers", async () => {
  const groups = await handle("userGroups", { optOut: ["zoe.private@example.com"], zulip: { [ZG]: ok({ result: "success", msg: "", user_groups: [{ id: 1, name: "eng", members: [7, 42, 9] }] }), [ZD]: ok(USERS) } });
  assert.deepEqual(groups.json.user_groups[0].members, [42, 9]);
  const subscribers = await handle("subscribers", { uri: "/api/v1/streams/16/members", optOut: ["zoë@example.com"], zulip: { "/zulip/api/v1/streams/16/members": ok({ result: "success", msg: "", subscribers: [42, 7] }), [ZD]: ok(USERS) } });
  assert.deepEqual(subscribers.json.subscribers, [42]);
});

test("groups keep id, name, members and subgroups: no creator, no permission settings naming people", async () => {
  const groups = fixture("user-groups.get.200.example.json");
  // Zulip 10's fields (zulip.yaml's UserGroup): a creator and group-setting values, some
  // of them anonymous groups naming users directly.
  groups.user_groups[2] = { ...groups.user_groups[2], creator_id: 7, date_created: 1717484476, can_manage_group: { direct_members: [7], direct_subgroups: [] }, can_add_members_group: { direct_member_ids: [7], direct_subgroup_ids: [2] }, can_join_group: 7 };
  const { json } = await handle("userGroups", { optOut: ["7"], zulip: { [ZG]: ok(groups), [ZD]: ok(USERS) } });
  for (const group of json.user_groups) assert.deepEqual(Object.keys(group).sort(), ["direct_subgroup_ids", "id", "members", "name"]);
  assert.deepEqual(json.user_groups[1].direct_subgroup_ids, [1]);
  assert.equal(JSON.stringify(json).includes("7"), false, JSON.stringify(json));
});

test("counts: one position per person the full roster lists, members without presence included, least recent first", async () => {
  const { json } = await handle("presence", { mode: "counts", zulip: { [ZP]: ok(PRESENCE), [ZD]: ok(USERS) } });
  // Zoë, user42, Bo with presence; Ny without; not the deactivated member nor the bot.
  assert.deepEqual(Object.keys(json.presences), ["0", "1", "2", "3"]);
  assert.deepEqual(json.presences["0"], {}, "Ny: no presence in two weeks, offline");
  assert.equal(json.presences["1"].aggregated.timestamp, 1799999000);
  assert.equal(json.zulip_roster_privacy, "counts");
  assert.equal(JSON.stringify(json).includes("@"), false);
});

test("counts: /users is empty without asking Zulip, and the team endpoints are refused", async () => {
  const users = await handle("users", { mode: "counts" });
  assert.deepEqual(users.json, { result: "success", msg: "", members: [], zulip_roster_privacy: "counts" });
  assert.deepEqual(users.asked, []);
  const groups = await handle("userGroups", { mode: "counts" });
  assert.equal(groups.status, 400);
  assert.equal(groups.json.code, "PRIVACY_COUNTS_ONLY");
});

test("a refusal passes as Zulip's error object alone, as a 502", async () => {
  const { status, json, asked } = await handle("presence", { mode: "counts", zulip: { [ZP]: { status: 401, body: { ...fixture("error.InvalidApiKeyError.example.json"), members: USERS.members } } } });
  assert.equal(status, 502);
  assert.deepEqual(json, { result: "error", msg: "Invalid API key", code: "INVALID_API_KEY" });
  assert.equal(asked.length, 1, "asked once: the body is read, not asked for again");
});

test("a rate limit keeps its documented retry-after, in the body and the header", async () => {
  const { status, json, headers } = await handle("presence", { zulip: { [ZP]: { status: 429, headers: { "Retry-After": "29" }, body: { ...fixture("error.RateLimitedError.example.json"), extra: "zoë@example.com" } } } });
  assert.equal(status, 429);
  assert.deepEqual(json, { result: "error", msg: "API usage exceeded rate limit", code: "RATE_LIMIT_HIT", "retry-after": 28.706807374954224 });
  assert.equal(headers["Retry-After"], "29");
});

test("an error message loses anything shaped like an address", async () => {
  const { json } = await handle("users", { zulip: { [ZU]: { status: 400, body: { result: "error", msg: "Invalid user: zoe.private@example.com", code: "BAD_REQUEST" } } } });
  assert.equal(json.msg, "Invalid user: …");
});

test("a success status other than 200 is rebuilt like 200", async () => {
  const { status, text } = await handle("users", { mode: "no-emails", zulip: { [ZU]: { status: 203, body: USERS } } });
  assert.equal(status, 200);
  assert.equal(text.includes("@"), false);
});

for (const [what, reply] of [
  ["a top-level array of members", { status: 200, body: USERS.members }],
  ["truncated JSON", { status: 200, raw: '{"result":"success","members":[{"email":"zoe@example.com"' }],
  ["a gzip body", { status: 200, headers: { "Content-Encoding": "gzip" }, body: USERS }],
  ["members as an object", { status: 200, body: { result: "success", msg: "", members: { 7: USERS.members[0] } } }],
  ["an error object on a 200", { status: 200, body: { result: "error", msg: "", code: "BAD_REQUEST", members: USERS.members } }],
  ["a 204 without a body", { status: 204, raw: "" }],
]) {
  test(`${what} is refused with PROXY_PRIVACY_FAILED, nothing of it passed on`, async () => {
    const { status, json, text, logged } = await handle("users", { zulip: { [ZU]: reply } });
    assert.equal(status, 502);
    assert.equal(json.code, "PROXY_PRIVACY_FAILED");
    assert.equal(text.includes("example.com"), false);
    assert.equal(logged.length, 1, "the reason is in nginx's error log");
  });
}

test("a presence entry of a shape Zulip does not send is refused, not passed", async () => {
  const odd = { ...PRESENCE, presences: { "zoë@example.com": { website: { status: "zoë@example.com", timestamp: 1 } } } };
  const { json, text } = await handle("presence", { zulip: { [ZP]: ok(odd) } });
  assert.equal(json.code, "PROXY_PRIVACY_FAILED");
  assert.equal(text.includes("zoë"), false);
});

test("an unknown privacy setting fails closed", async () => {
  assert.equal((await handle("presence", { mode: "everything", zulip: { [ZP]: ok(PRESENCE) } })).json.code, "PROXY_PRIVACY_FAILED");
});

test("no-emails without its secret fails closed", async () => {
  assert.equal((await handle("presence", { mode: "no-emails", key: "", zulip: { [ZP]: ok(PRESENCE) } })).json.code, "PROXY_PRIVACY_FAILED");
});

for (const [what, reply] of [
  ["a gateway's HTML error page", { status: 502, raw: "<html>zoë@example.com</html>" }],
  ["a redirect", { status: 302, headers: { Location: "https://evil.example/" }, raw: "" }],
  ["a gateway timeout", { status: 504, raw: "" }],
]) {
  test(`${what} is an outage: 503 PROXY_UPSTREAM_DOWN, never Zulip's bytes`, async () => {
    const { status, json } = await handle("users", { zulip: { [ZU]: reply } });
    assert.equal(status, 503);
    assert.equal(json.code, "PROXY_UPSTREAM_DOWN");
  });
}

const ZS = "/zulip/api/v1/server_settings";
const SETTINGS = {
  result: "success", msg: "", zulip_version: "9.0", zulip_feature_level: 257,
  realm_url: "https://chat.example.com", realm_uri: "https://chat.example.com", realm_name: "Example",
  authentication_methods: { password: true }, email_auth_enabled: true,
};

test("server_settings keeps a plain organization URL, for the widget's links into Zulip", async () => {
  for (const mode of ["full", "no-emails", "counts"]) {
    const { json } = await handle("serverSettings", { mode, zulip: { [ZS]: ok(SETTINGS) } });
    assert.deepEqual(json, { result: "success", msg: "", zulip_version: "9.0", zulip_feature_level: 257, realm_url: "https://chat.example.com" }, mode);
  }
});

test("server_settings leaves out an organization URL that is not a plain http(s) one", async () => {
  for (const url of ["javascript:alert(1)", 'https://chat.example.com/"><b>', "https://user@chat.example.com", "//chat.example.com"]) {
    const { json } = await handle("serverSettings", { zulip: { [ZS]: ok({ ...SETTINGS, realm_url: url, realm_uri: url }) } });
    assert.equal("realm_url" in json, false, url);
  }
});
