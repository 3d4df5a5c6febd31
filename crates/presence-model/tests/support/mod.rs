//! Shared by the native tests: realm presence answers built the way Zulip shapes them.

use presence_model::{parse_presence, RealmPresence};

/// A 7.0+ realm presence answer at `server` time, from (email, status, seconds before
/// `server`), each on the web app, parsed as the widget parses it.
pub fn presence(rows: &[(&str, &str, f64)], server: f64) -> RealmPresence {
    let users: serde_json::Map<String, serde_json::Value> = rows
        .iter()
        .map(|(email, status, ago)| {
            let entry = serde_json::json!({"client": "website", "status": status, "timestamp": (server - ago) as i64});
            (email.to_string(), serde_json::json!({"website": entry, "aggregated": entry}))
        })
        .collect();
    let body = serde_json::json!({"result": "success", "msg": "", "server_timestamp": server, "presences": users});
    parse_presence(&serde_json::to_vec(&body).unwrap())
        .unwrap()
        .value
}
