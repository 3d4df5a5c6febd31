// zulip-roster: every answer the key-holding server gives, built by nginx's own
// JavaScript module (njs, Debian's libnginx-mod-http-js) from what it read of Zulip's.
//
// Each API location of the key-holding server is a content handler here: it asks Zulip
// through an internal subrequest (/zulip/api/v1/…, which adds the key), reads the whole
// answer, and sends one of three things, whatever Zulip's status, headers or retries:
//   - the endpoint's documented success object, rebuilt field by field from what was
//     read: only the fields the widget uses, each of the type Zulip documents, under the
//     deployment's privacy setting and without anyone on its opt-out list;
//   - Zulip's documented error object, rebuilt: `result`, `msg` (addresses removed),
//     `code`, and `retry-after` for RATE_LIMIT_HIT, nothing else;
//   - a refusal of the proxy's own (PROXY_PRIVACY_FAILED, PROXY_UPSTREAM_DOWN…).
// Nothing of Zulip's bytes is passed on as they came: an answer whose shape this file does
// not know is refused, never forwarded. (Before, a body filter changed known fields of 200
// answers and let everything else through: a refusal's second hop, a 203, a top-level
// array, a group's creator_id.)
//
// render.sh sets, per location (privacy-settings.conf):
//   $zulip_roster_privacy      full | no-emails | counts
//   $zulip_roster_opt_out      a JSON array of emails and user ids (as strings)
//   $zulip_roster_privacy_key  the secret behind no-emails' opaque ids

const crypto = require("crypto");

/**
 * A refusal of the proxy's own, thrown and sent as Zulip's error shape: `status`, a
 * `code` the widget knows, `msg`, and for a rate limit the `Retry-After` header. (njs has
 * no classes: a marked plain object.)
 */
function refusal(status, code, msg, retryAfter) {
  return { refusal: true, status: status, code: code, message: msg, retryAfter: retryAfter };
}

/** The proxy understood Zulip's answer, or its settings, too little to pass anything on. */
function unreadable(why) {
  return refusal(502, "PROXY_PRIVACY_FAILED", `The proxy could not apply its privacy setting to Zulip's answer (${why}), so it passed nothing on`);
}

// --- the deployment's setting ------------------------------------------------------------

/** The location's settings; a wrong one refuses every answer. */
function settings(r) {
  let listed;
  try {
    listed = JSON.parse(r.variables.zulip_roster_opt_out || "[]");
  } catch (e) {
    throw unreadable("its opt-out list is not readable");
  }
  if (!Array.isArray(listed)) throw unreadable("its opt-out list is not a list");
  const mode = r.variables.zulip_roster_privacy || "";
  if (mode !== "full" && mode !== "no-emails" && mode !== "counts") throw unreadable("its privacy setting is unknown");
  const key = r.variables.zulip_roster_privacy_key || "";
  if (mode === "no-emails" && key.length < 32) throw unreadable("it has no secret for opaque ids");
  const emails = {};
  const ids = {};
  listed.forEach((entry) => {
    const text = String(entry).toLowerCase();
    if (/^[0-9]+$/.test(text)) ids[String(Number(text))] = true;
    else emails[text] = true;
  });
  return { mode: mode, emails: emails, ids: ids, anyone: listed.length > 0, key: key };
}

/**
 * Who is opted out, with what Zulip's /users says of everyone (`directory`, or null):
 * a listed user id, a listed address in any case (API `email` or `delivery_email`),
 * Zulip's `user{id}@…` API address of a listed id, and through the directory every
 * address of a listed id and the id of a listed address. (Built once per answer and
 * asked once per person: 50,000 people must not cost seconds.)
 */
function optOut(s, directory) {
  if (!s.anyone) return { id: () => false, address: () => false };
  const ids = {};
  const hidden = {};
  Object.keys(s.ids).forEach((id) => {
    ids[id] = true;
  });
  Object.keys(s.emails).forEach((address) => {
    hidden[address] = true;
  });
  if (directory) {
    for (let i = 0; i < directory.length; i++) {
      const m = directory[i];
      const email = m.email.toLowerCase();
      const delivery = typeof m.delivery_email === "string" ? m.delivery_email.toLowerCase() : "";
      const id = String(m.user_id);
      if (ids[id] === true || hidden[email] === true || (delivery && hidden[delivery] === true)) {
        ids[id] = true;
        hidden[email] = true;
        if (delivery) hidden[delivery] = true;
      }
    }
  }
  return {
    id: (id) => ids[String(id)] === true,
    address: (email) => {
      const address = email.toLowerCase();
      if (hidden[address] === true) return true;
      // Where the organization restricts email visibility, Zulip's API addresses are
      // user{id}@{host}; presence is keyed by them.
      if (address.startsWith("user")) {
        const fake = /^user([0-9]+)@/.exec(address);
        if (fake !== null && ids[String(Number(fake[1]))] === true) return true;
      }
      return false;
    },
  };
}

// --- reading what Zulip documents ------------------------------------------------------------

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isId = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 9007199254740991;
const isTime = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
// Client names come from user agents ("website", "ZulipMobile", "ZulipPython"): never an
// address, never markup.
const CLIENT = /^[A-Za-z0-9_.-]{1,64}$/;
const STATUSES = ["active", "idle", "offline"];

/** The success object of a 2xx answer, or a refusal. */
function successObject(body) {
  if (!isObject(body)) throw unreadable("the answer is not a JSON object");
  if (body.result !== "success") throw unreadable("the answer is not a success object");
  return body;
}

function ids(list, what) {
  if (!Array.isArray(list) || !list.every(isId)) throw unreadable(`${what} is not a list of ids`);
  return list;
}

/** One client entry (or "aggregated") of a person's presence, rebuilt. */
function clientEntry(entry, known) {
  if (!isObject(entry)) throw unreadable("a presence entry is not an object");
  if (STATUSES.indexOf(entry.status) < 0) throw unreadable("a presence status is not active, idle or offline");
  if (!isTime(entry.timestamp) || !Number.isInteger(entry.timestamp)) throw unreadable("a presence timestamp is not whole seconds");
  const out = { status: entry.status, timestamp: entry.timestamp };
  if (entry.client !== undefined && entry.client !== null) {
    if (!clientName(entry.client, known)) throw unreadable("a client name is not one");
    out.client = entry.client;
  }
  if (entry.pushable !== undefined && entry.pushable !== null) {
    if (typeof entry.pushable !== "boolean") throw unreadable("pushable is not a boolean");
    out.pushable = entry.pushable;
  }
  return out;
}

/** Whether `name` is a client name; the few names an answer has are checked once. */
function clientName(name, known) {
  if (known[name] === true) return true;
  if (typeof name !== "string" || !CLIENT.test(name)) return false;
  known[name] = true;
  return true;
}

/** One person's presence value, rebuilt: client entries, and the modern timestamps. */
function personPresence(value, known) {
  if (!isObject(value)) throw unreadable("a person's presence is not an object");
  const out = {};
  const names = Object.keys(value);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === "active_timestamp" || name === "idle_timestamp") {
      if (value[name] === null) continue;
      if (!isTime(value[name]) || !Number.isInteger(value[name])) throw unreadable(`${name} is not whole seconds`);
      out[name] = value[name];
    } else {
      if (!clientName(name, known)) throw unreadable("a presence entry's name is not a client name");
      out[name] = clientEntry(value[name], known);
    }
  }
  return out;
}

/** The newest timestamp of a rebuilt presence value (0 for none). */
function latest(value) {
  let at = 0;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const t = typeof value[keys[i]] === "number" ? value[keys[i]] : value[keys[i]].timestamp;
    if (t > at) at = t;
  }
  return at;
}

// What the widget reads of a member (presence-model's `Member`), and nothing else: no
// delivery_email, no custom profile fields (phone numbers, addresses), no dates.
const MEMBER = {
  user_id: isId,
  email: (v) => typeof v === "string" && v.length > 0,
  full_name: (v) => typeof v === "string",
  avatar_url: (v) => v === null || typeof v === "string",
  is_bot: (v) => typeof v === "boolean",
  is_active: (v) => typeof v === "boolean",
  is_guest: (v) => typeof v === "boolean",
  role: (v) => v === null || isId(v),
  timezone: (v) => typeof v === "string",
};
const MEMBER_FIELDS = Object.keys(MEMBER);
const REQUIRED_MEMBER = { user_id: true, email: true, full_name: true };

/** A member as the widget reads it, and their `delivery_email` (for the opt-out list). */
function member(m) {
  if (!isObject(m)) throw unreadable("a member is not an object");
  const out = {};
  for (let i = 0; i < MEMBER_FIELDS.length; i++) {
    const field = MEMBER_FIELDS[i];
    const value = m[field];
    if (value === undefined) {
      if (REQUIRED_MEMBER[field] === true) throw unreadable(`a member has no ${field}`);
      continue;
    }
    if (!MEMBER[field](value)) throw unreadable(`a member's ${field} is not what Zulip documents`);
    out[field] = value;
  }
  return { member: out, delivery_email: typeof m.delivery_email === "string" ? m.delivery_email : null };
}

/** `GET /users`' members, read (the directory every other answer is checked against). */
function members(body) {
  const b = successObject(body);
  if (!Array.isArray(b.members)) throw unreadable("members is not a list");
  const read = [];
  for (let i = 0; i < b.members.length; i++) {
    const m = member(b.members[i]);
    read.push({ email: m.member.email, user_id: m.member.user_id, delivery_email: m.delivery_email, is_active: m.member.is_active, is_bot: m.member.is_bot, fields: m.member });
  }
  return read;
}

/** Whether Zulip's buddy list lists them (presence-model's `Member::listed`). */
const listed = (m) => m.is_active !== false && m.is_bot !== true;

function gravatar(url) {
  return typeof url === "string" && /^https?:\/\/([a-z0-9-]+\.)*gravatar\.com\//i.test(url);
}

// --- each endpoint's answer, rebuilt ---------------------------------------------------------

/**
 * Presence, keyed by API email as Zulip sends it: by the same email (full), an opaque id
 * (no-emails), or positions (counts: one per person the full roster lists, members
 * without presence included as an empty entry, ordered by activity, least recent first).
 */
function presence(body, s, directory) {
  const b = successObject(body);
  if (!isTime(b.server_timestamp)) throw unreadable("server_timestamp is not a time");
  if (!isObject(b.presences)) throw unreadable("presences is not an object");
  const out = optOut(s, directory);
  const known = {};
  const people = {};
  const emails = Object.keys(b.presences);
  for (let i = 0; i < emails.length; i++) {
    const value = personPresence(b.presences[emails[i]], known);
    if (!out.address(emails[i])) people[emails[i]] = value;
  }
  const presences = {};
  if (s.mode === "counts") {
    // As the widget lists with names on (roster.rs, `Roster::build`): every active human
    // of /users, with their presence by exact API email or none (offline); presence for
    // accounts /users does not list is not counted.
    const ranked = [];
    for (let i = 0; i < directory.length; i++) {
      const m = directory[i];
      if (!listed(m) || out.id(m.user_id) || out.address(m.email)) continue;
      const value = people[m.email] || {};
      ranked.push({ at: latest(value), value: value });
    }
    ranked.sort((x, y) => x.at - y.at);
    for (let i = 0; i < ranked.length; i++) presences[String(i)] = ranked[i].value;
  } else {
    const kept = Object.keys(people);
    for (let i = 0; i < kept.length; i++) {
      presences[s.mode === "no-emails" ? opaque(s, kept[i]) : kept[i]] = people[kept[i]];
    }
  }
  const answer = { result: "success", msg: "", server_timestamp: b.server_timestamp, presences: presences };
  if (s.mode !== "full") answer.zulip_roster_privacy = s.mode;
  return answer;
}

/** The member list: what the widget reads of each, without the opted-out. */
function users(body, s) {
  const all = members(body);
  const out = optOut(s, all);
  const kept = [];
  for (let i = 0; i < all.length; i++) {
    const m = all[i];
    if (out.id(m.user_id) || out.address(m.email)) continue;
    if (s.mode === "no-emails") {
      m.fields.email = opaque(s, m.email);
      // A Gravatar URL is the MD5 of the address: an email by another name.
      if (gravatar(m.fields.avatar_url)) m.fields.avatar_url = null;
    }
    kept.push(m.fields);
  }
  const answer = { result: "success", msg: "", members: kept };
  if (s.mode !== "full") answer.zulip_roster_privacy = s.mode;
  return answer;
}

/** User groups: id, name, members, subgroups, deactivated; no creator, no settings. */
function userGroups(body, s, directory) {
  const b = successObject(body);
  if (!Array.isArray(b.user_groups)) throw unreadable("user_groups is not a list");
  const out = optOut(s, directory);
  const groups = b.user_groups.map((g) => {
    if (!isObject(g) || !isId(g.id) || typeof g.name !== "string") throw unreadable("a user group has no id or name");
    const subgroups = g.direct_subgroup_ids !== undefined ? g.direct_subgroup_ids : g.subgroups;
    const group = {
      id: g.id,
      name: g.name,
      members: ids(g.members === undefined ? [] : g.members, "a group's members").filter((id) => !out.id(id)),
      direct_subgroup_ids: ids(subgroups === undefined ? [] : subgroups, "a group's subgroups"),
    };
    if (g.deactivated !== undefined) {
      if (typeof g.deactivated !== "boolean") throw unreadable("deactivated is not a boolean");
      if (g.deactivated) group.deactivated = true;
    }
    return group;
  });
  return { result: "success", msg: "", user_groups: groups };
}

function streamId(body) {
  const b = successObject(body);
  if (!isId(b.stream_id)) throw unreadable("stream_id is not an id");
  return { result: "success", msg: "", stream_id: b.stream_id };
}

function subscribers(body, s, directory) {
  const b = successObject(body);
  const out = optOut(s, directory);
  return { result: "success", msg: "", subscribers: ids(b.subscribers, "subscribers").filter((id) => !out.id(id)) };
}

/** The server's version and API level: all the widget reads of it. */
function serverSettings(body) {
  const b = successObject(body);
  if (typeof b.zulip_version !== "string" || !/^[0-9A-Za-z.+~-]{1,64}$/.test(b.zulip_version)) throw unreadable("zulip_version is not a version");
  const answer = { result: "success", msg: "", zulip_version: b.zulip_version };
  if (b.zulip_feature_level !== undefined) {
    if (!isId(b.zulip_feature_level)) throw unreadable("zulip_feature_level is not a number");
    answer.zulip_feature_level = b.zulip_feature_level;
  }
  // The organization's URL, for the widget's links into Zulip (realm_url from Zulip 9.0,
  // realm_uri before): passed only when it is a plain http(s) URL; anything else is left
  // out, and the widget then links nowhere.
  const url = typeof b.realm_url === "string" ? b.realm_url : b.realm_uri;
  if (typeof url === "string" && /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~%\/-]*)?$/.test(url) && url.length <= 2000) {
    answer.realm_url = url;
  }
  return answer;
}

/**
 * The same person gets the same id in presence and in /users, poll after poll, and
 * without the key no one can tell whose it is (a plain hash of an email could be checked
 * against a list of the company's addresses).
 */
function opaque(s, email) {
  return "u" + crypto.createHmac("sha256", s.key).update(email).digest("hex").slice(0, 24);
}

// --- Zulip's errors -------------------------------------------------------------------------

/**
 * Zulip's error object, rebuilt: `result`, `msg`, `code` and, for RATE_LIMIT_HIT,
 * `retry-after` (api_docs/rest-error-handling.md, zulip.yaml's error schemas). `msg` is
 * shown to visitors: anything shaped like an address is taken out, and it is cut short.
 * Null when the body is not one.
 */
function errorObject(body) {
  if (!isObject(body) || body.result !== "error" || typeof body.msg !== "string") return null;
  const code = body.code === undefined ? "BAD_REQUEST" : body.code;
  if (typeof code !== "string" || !/^[A-Z_]{1,64}$/.test(code)) return null;
  const msg = body.msg.replace(/[^\s"'<>()]+@[^\s"'<>()]+/g, "…").slice(0, 300);
  const out = { result: "error", msg: msg, code: code };
  if (code === "RATE_LIMIT_HIT" && isTime(body["retry-after"])) out["retry-after"] = body["retry-after"];
  return out;
}

/** What Zulip's answer, if not a success, becomes: a refusal to send (status, code, message, Retry-After). */
function failure(reply, body) {
  const status = reply.status;
  // No answer, a gateway's error, or a redirect (never followed, never passed on): an
  // outage, which the public side answers with its last good copy.
  if (status < 200 || (status >= 300 && status < 400) || status === 502 || status === 504) {
    return refusal(503, "PROXY_UPSTREAM_DOWN", "The Zulip server is not reachable from the proxy");
  }
  const error = errorObject(body);
  // Zulip refused the key: a 502, so no browser prompts its visitor for a password,
  // carrying Zulip's code (INVALID_API_KEY, USER_DEACTIVATED, REALM_DEACTIVATED).
  if (status === 401 || status === 403) {
    return error
      ? refusal(502, error.code, error.msg)
      : refusal(502, "PROXY_AUTH_FAILED", "Zulip refused the proxy's key (wrong or revoked)");
  }
  if (status === 429) {
    const header = String(reply.headersOut["Retry-After"] || "");
    const retryAfter = /^[0-9]{1,6}$/.test(header) ? header : undefined;
    const limited = refusal(429, "RATE_LIMIT_HIT", error ? error.msg : "API usage exceeded rate limit", retryAfter);
    if (error && error["retry-after"] !== undefined) limited.retryAfterBody = error["retry-after"];
    return limited;
  }
  if (error) return refusal(status, error.code, error.msg);
  return refusal(status, "BAD_REQUEST", `Zulip answered HTTP ${status} without its error object`);
}

// --- asking Zulip ------------------------------------------------------------------------------

/** Zulip's answer to `path` (with `args`), read whole: the JSON, or a refusal. */
async function ask(r, path, args) {
  const reply = await r.subrequest(path, { method: "GET", args: args });
  const bytes = reply.responseBuffer;
  let body;
  try {
    body = bytes && bytes.length ? JSON.parse(bytes.toString("utf8")) : undefined;
  } catch (e) {
    body = undefined;
  }
  if (reply.status < 200 || reply.status > 299) throw failure(reply, body);
  const encoding = String(reply.headersOut["Content-Encoding"] || "identity").toLowerCase();
  if (encoding !== "identity") throw unreadable("Zulip compressed it although asked not to");
  if (body === undefined) throw unreadable("it is not JSON");
  return body;
}

/** Everyone /users lists, from the key-holding server's own copy (cached like names). */
async function directoryOf(r) {
  const body = await ask(r, "/zulip-directory/api/v1/users", "client_gravatar=false");
  return members(body);
}

function send(r, status, body, retryAfter) {
  // Without a charset parameter, so that gzip_types matches it; the public side sends its
  // own "application/json; charset=utf-8".
  r.headersOut["Content-Type"] = "application/json";
  if (retryAfter !== undefined) r.headersOut["Retry-After"] = retryAfter;
  r.return(status, JSON.stringify(body) + "\n");
}

/**
 * A content handler: asks Zulip for `path(r)` and sends `rebuild` of its answer, with the
 * directory when the setting needs it. Every way out sends a body built here.
 */
function endpoint(path, args, rebuild, options) {
  return async function (r) {
    try {
      const s = settings(r);
      if (s.mode === "counts" && options.countsRefused) {
        throw refusal(400, "PRIVACY_COUNTS_ONLY", "This proxy shows how many people are online, not who (its privacy setting is counts): team rosters are not available.");
      }
      if (s.mode === "counts" && options.countsEmpty) {
        send(r, 200, { result: "success", msg: "", members: [], zulip_roster_privacy: "counts" });
        return;
      }
      const body = await ask(r, `/zulip${path(r)}`, args(r));
      const needsDirectory = options.directory && (s.anyone || (options.directory === "counts" && s.mode === "counts"));
      const directory = needsDirectory ? await directoryOf(r) : null;
      send(r, 200, rebuild(body, s, directory));
    } catch (e) {
      if (!e || e.refusal !== true) {
        r.error(`zulip-roster privacy: ${e.message}`);
        e = unreadable("the proxy failed on it");
      } else if (e.code === "PROXY_PRIVACY_FAILED") {
        r.error(`zulip-roster privacy: ${e.message}`);
      }
      const error = { result: "error", msg: e.message, code: e.code };
      if (e.retryAfterBody !== undefined) error["retry-after"] = e.retryAfterBody;
      send(r, e.status, error, e.retryAfter);
    }
  };
}

const fixed = (value) => () => value;
const NO_ARGS = fixed("");

/** A channel's name as the browser sent it (percent-encoded), or a refusal. */
function streamArgs(r) {
  const name = r.variables.arg_stream || "";
  if (!/^[A-Za-z0-9%._~+!$'()*,;:=@/-]{1,1000}$/.test(name)) throw refusal(404, "BAD_REQUEST", "Not available through the roster proxy");
  return `stream=${name}`;
}

function membersPath(r) {
  const id = /^\/api\/v1\/streams\/([0-9]{1,12})\/members$/.exec(r.uri);
  if (id === null) throw refusal(404, "BAD_REQUEST", "Not available through the roster proxy");
  return `/api/v1/streams/${id[1]}/members`;
}

export default {
  presence: endpoint(fixed("/api/v1/realm/presence"), NO_ARGS, presence, { directory: "counts" }),
  users: endpoint(fixed("/api/v1/users"), fixed("client_gravatar=false"), users, { countsEmpty: true }),
  serverSettings: endpoint(fixed("/api/v1/server_settings"), NO_ARGS, serverSettings, {}),
  userGroups: endpoint(fixed("/api/v1/user_groups"), NO_ARGS, userGroups, { directory: "opt-out", countsRefused: true }),
  streamId: endpoint(fixed("/api/v1/get_stream_id"), streamArgs, streamId, { countsRefused: true }),
  subscribers: endpoint(membersPath, NO_ARGS, subscribers, { directory: "opt-out", countsRefused: true }),
};
