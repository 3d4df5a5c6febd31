// zulip-roster: the deployment's privacy setting, enforced by nginx's own JavaScript
// module (njs, Debian's libnginx-mod-http-js) in the key-holding server, so the public
// side caches, and every browser receives, only what the setting allows. render.sh sets
// the variables per location (privacy-*.conf):
//   $zulip_roster_privacy      full | no-emails | counts
//   $zulip_roster_opt_out      a JSON array of emails and user ids (as strings) to remove
//   $zulip_roster_privacy_key  the secret behind no-emails' opaque ids
//
// Only 200 answers are changed; errors pass as Zulip sent them (they carry no one's
// data). An answer that cannot be read is replaced by an error, never passed on as it
// came: a privacy setting that fails must fail closed.

const crypto = require("crypto");

/** The location's settings. */
function settings(r) {
  let listed = [];
  try {
    listed = JSON.parse(r.variables.zulip_roster_opt_out || "[]");
  } catch (e) {
    listed = null;
  }
  if (!Array.isArray(listed)) throw new Error("zulip_roster_opt_out is not a JSON array");
  const optOut = {};
  listed.forEach((entry) => {
    optOut[String(entry).toLowerCase()] = true;
  });
  const mode = r.variables.zulip_roster_privacy || "full";
  if (mode !== "full" && mode !== "no-emails" && mode !== "counts") {
    throw new Error(`unknown privacy mode ${mode}`);
  }
  const key = r.variables.zulip_roster_privacy_key || "";
  if (mode === "no-emails" && key.length < 32) throw new Error("no privacy key");
  return {
    mode,
    optedOut: (email, id) => {
      if (id !== undefined && optOut[String(id)] === true) return true;
      if (email === undefined) return false;
      const address = String(email).toLowerCase();
      // Where the organization restricts email visibility, Zulip's API addresses are
      // user{id}@{host}: a listed id removes that address too.
      const fake = /^user(\d+)@/.exec(address);
      return optOut[address] === true || (fake !== null && optOut[fake[1]] === true);
    },
    // The same person gets the same id in presence and in /users, poll after poll, and
    // without the key no one can tell whose it is (a plain hash of an email could be
    // checked against a list of the company's addresses).
    opaque: (email) => "u" + crypto.createHmac("sha256", key).update(email).digest("hex").slice(0, 24),
  };
}

/** The latest timestamp among a presence value's client entries (and modern fields). */
function latest(value) {
  let at = 0;
  Object.keys(value || {}).forEach((k) => {
    const entry = value[k];
    const t = typeof entry === "number" ? entry : entry && entry.timestamp;
    if (typeof t === "number" && t > at) at = t;
  });
  return at;
}

function presence(body, s) {
  const kept = Object.keys(body.presences || {}).filter((email) => !s.optedOut(email));
  const out = {};
  if (s.mode === "counts") {
    // Keys that say nothing: positions in an order by activity, not by address.
    kept.sort((a, b) => latest(body.presences[a]) - latest(body.presences[b]));
    kept.forEach((email, i) => {
      out[String(i)] = body.presences[email];
    });
  } else {
    kept.forEach((email) => {
      out[s.mode === "no-emails" ? s.opaque(email) : email] = body.presences[email];
    });
  }
  body.presences = out;
  if (s.mode !== "full") body.zulip_roster_privacy = s.mode;
  return body;
}

// What the widget reads of a member; no-emails passes nothing else (no delivery_email,
// no custom profile fields, which may hold addresses and phone numbers).
const MEMBER_FIELDS = ["user_id", "full_name", "avatar_url", "is_bot", "is_active", "is_guest", "role", "timezone", "bot_type"];

function gravatar(url) {
  return typeof url === "string" && /^https?:\/\/([a-z0-9-]+\.)*gravatar\.com\//i.test(url);
}

function users(body, s) {
  if (s.mode === "counts") return { result: "success", msg: "", members: [], zulip_roster_privacy: "counts" };
  let members = (body.members || []).filter(
    (m) => !s.optedOut(m.email, m.user_id) && !(m.delivery_email && s.optedOut(m.delivery_email)),
  );
  if (s.mode === "no-emails") {
    members = members.map((m) => {
      const kept = {};
      MEMBER_FIELDS.forEach((field) => {
        if (field in m) kept[field] = m[field];
      });
      kept.email = s.opaque(m.email);
      // A Gravatar URL is the MD5 of the address: an email by another name.
      if (gravatar(kept.avatar_url)) kept.avatar_url = null;
      return kept;
    });
    body.zulip_roster_privacy = "no-emails";
  }
  body.members = members;
  return body;
}

function groups(body, s) {
  (body.user_groups || []).forEach((group) => {
    if (Array.isArray(group.members)) group.members = group.members.filter((id) => !s.optedOut(undefined, id));
  });
  return body;
}

function subscribers(body, s) {
  if (Array.isArray(body.subscribers)) body.subscribers = body.subscribers.filter((id) => !s.optedOut(undefined, id));
  return body;
}

/** A body filter that reads the whole answer and sends `transform` of it. */
function whole(transform) {
  return function (r, data, flags) {
    if (r.status !== 200) {
      r.sendBuffer(data, flags);
      return;
    }
    if (!r.zulipRosterChunks) r.zulipRosterChunks = [];
    r.zulipRosterChunks.push(data);
    if (!flags.last) return;
    let out;
    try {
      const body = JSON.parse(Buffer.concat(r.zulipRosterChunks).toString("utf8"));
      out = JSON.stringify(transform(body, settings(r)));
    } catch (e) {
      r.error(`zulip-roster privacy: ${e.message}`);
      out = JSON.stringify({
        result: "error",
        msg: "The proxy could not apply its privacy setting to Zulip's answer",
        code: "PROXY_PRIVACY_FAILED",
      });
    }
    r.sendBuffer(out, flags);
  };
}

/** The body changes length. */
function headers(r) {
  delete r.headersOut["Content-Length"];
}

export default {
  headers,
  presence: whole(presence),
  users: whole(users),
  groups: whole(groups),
  subscribers: whole(subscribers),
};
