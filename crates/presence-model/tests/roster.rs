//! The roster: join, sort, filter, counts, client kinds, diff, re-ageing.

use std::cmp::Ordering;

use presence_model::domain::{no_fold, Search};
use presence_model::{
    default_name_order, parse_presence, ClientKind, Counts, Directory, Member, Roster, Status,
};

const NOW: f64 = 10_000.0;

/// A presence body from (email, client, status, seconds ago) rows.
fn body(rows: &[(&str, &str, &str, i64)]) -> Vec<u8> {
    let mut users = serde_json::Map::new();
    for (email, client, status, ago) in rows {
        let user = users
            .entry(email.to_string())
            .or_insert_with(|| serde_json::json!({}));
        user[*client] = serde_json::json!({
            "client": client, "status": status, "timestamp": NOW as i64 - ago, "pushable": false
        });
    }
    serde_json::to_vec(&serde_json::json!({
        "result": "success", "msg": "", "server_timestamp": NOW, "presences": users
    }))
    .unwrap()
}

fn member(email: &str, name: &str) -> Member {
    Member {
        user_id: 1,
        email: email.into(),
        full_name: name.into(),
        avatar_url: Some(format!("https://zulip.example/avatar/{name}.png")),
        is_bot: false,
        is_active: true,
        is_guest: false,
        role: Some(400),
        timezone: String::new(),
    }
}

fn roster(rows: &[(&str, &str, &str, i64)], dir: Option<&Directory>) -> Roster {
    let parsed = parse_presence(&body(rows)).unwrap();
    Roster::build(&parsed.value, dir, NOW, 140, default_name_order)
}

fn emails(
    people: impl IntoIterator<Item = impl std::borrow::Borrow<presence_model::Person>>,
) -> Vec<String> {
    people
        .into_iter()
        .map(|p| p.borrow().email.clone())
        .collect()
}

/// Names on, the list is Zulip's buddy list's: every active human of `/users`, with or
/// without presence, and no presence key `/users` does not list (`web/src/buddy_data.ts`
/// `filter_user_ids` skips ids without user metadata: "an expected race").
#[test]
fn sorts_by_status_then_name_and_lists_who_zulip_lists() {
    let dir = Directory::new([
        member("z@x", "Aaron"),
        member("a@x", "Zoë"),
        member("m@x", "émile"),
        member("off@x", "Otto"),
        member("never@x", "Nina"),
    ]);
    let r = roster(
        &[
            ("off@x", "website", "active", 500),
            ("a@x", "website", "active", 10),
            ("m@x", "website", "idle", 10),
            ("z@x", "website", "active", 20),
            ("nobody@x", "website", "idle", 30),
        ],
        Some(&dir),
    );
    assert_eq!(
        emails(r.people()),
        ["z@x", "a@x", "m@x", "never@x", "off@x"]
    );
    let names: Vec<&str> = r.people().map(|p| p.display_name()).collect();
    assert_eq!(names, ["Aaron", "Zoë", "émile", "Nina", "Otto"]);
    assert_eq!(
        r.get("a@x").unwrap().avatar_url.as_deref(),
        Some("https://zulip.example/avatar/Zoë.png")
    );
    assert!(r.get("nobody@x").is_none(), "a key /users does not list");
    let never = r.get("never@x").unwrap();
    assert_eq!(never.status, Status::Offline);
    assert_eq!(
        never.last_active(NOW, 0).to_string(),
        "Not active in the last 2 weeks"
    );
    assert_eq!(
        r.counts(),
        Counts {
            active: 2,
            idle: 1,
            offline: 2
        }
    );
    assert_eq!(r.counts().total(), 5);
}

/// Bots and deactivated members are never listed, even with presence (a bot cannot have
/// any, `buddy_data.ts`; a deactivated user's presence lingers in the window), and guests
/// are marked (`role` 600 or `is_guest`, `zerver/lib/users.py`).
#[test]
fn bots_and_deactivated_members_are_never_listed_and_guests_are_marked() {
    let bot = Member {
        is_bot: true,
        ..member("bot@x", "Notify Bot")
    };
    let gone = Member {
        is_active: false,
        ..member("gone@x", "Gone")
    };
    let guest_by_role = Member {
        role: Some(600),
        ..member("g1@x", "Gia")
    };
    let guest_by_flag = Member {
        is_guest: true,
        role: None,
        ..member("g2@x", "Gus")
    };
    let dir = Directory::new([bot, gone, guest_by_role, guest_by_flag, member("m@x", "Mo")]);
    let r = roster(
        &[
            ("bot@x", "website", "active", 1),
            ("gone@x", "website", "active", 1),
            ("g1@x", "website", "active", 1),
        ],
        Some(&dir),
    );
    assert_eq!(emails(r.people()), ["g1@x", "g2@x", "m@x"]);
    assert!(r.get("g1@x").unwrap().guest);
    assert!(r.get("g2@x").unwrap().guest);
    assert!(!r.get("m@x").unwrap().guest);
}

/// Names off (or not loaded yet): whoever has presence, by email.
#[test]
fn without_names_presence_keys_are_listed_by_email() {
    let r = roster(
        &[
            ("b@x", "website", "active", 1),
            ("a@x", "website", "idle", 1),
        ],
        None,
    );
    let names: Vec<&str> = r.people().map(|p| p.display_name()).collect();
    assert_eq!(names, ["b@x", "a@x"]);
}

#[test]
fn name_ties_break_on_email_and_the_order_is_pluggable() {
    let dir = Directory::new([
        member("b@x", "Sam"),
        member("a@x", "Sam"),
        member("c@x", "émile"),
    ]);
    let rows = [
        ("b@x", "website", "active", 1),
        ("a@x", "website", "active", 1),
        ("c@x", "website", "active", 1),
    ];
    let parsed = parse_presence(&body(&rows)).unwrap();
    let default = Roster::build(&parsed.value, Some(&dir), NOW, 140, default_name_order);
    assert_eq!(emails(default.people()), ["a@x", "b@x", "c@x"]);
    // A collator that puts accented letters first (a stand-in for a browser locale).
    let reversed = |a: &str, b: &str| -> Ordering { b.cmp(a) };
    let custom = Roster::build(&parsed.value, Some(&dir), NOW, 140, reversed);
    assert_eq!(emails(custom.people()), ["c@x", "a@x", "b@x"]);
}

#[test]
fn filter_matches_name_or_email_case_insensitively() {
    let dir = Directory::new([
        member("jose@x", "José Álvarez"),
        member("li@x", "Li Wei"),
        member("anon@x", "Anon Ymous"),
    ]);
    let r = roster(
        &[
            ("jose@x", "website", "active", 1),
            ("li@x", "website", "idle", 1),
            ("anon@x", "website", "idle", 1),
        ],
        Some(&dir),
    );
    let table: [(&str, &[&str]); 6] = [
        ("", &["jose@x", "anon@x", "li@x"]),
        ("josé", &["jose@x"]),
        ("ÁLVAREZ", &["jose@x"]),
        ("  wei ", &["li@x"]),
        ("ANON@", &["anon@x"]),
        ("nobody", &[]),
    ];
    for (query, expected) in table {
        assert_eq!(
            emails(r.filter(&Search::new(query), &no_fold)),
            expected,
            "query {query:?}"
        );
    }
    // Filtering does not change the counts, which are over the whole roster.
    assert_eq!(r.counts().total(), 3);
}

#[test]
fn client_kinds_and_the_all_website_case() {
    let legacy = roster(
        &[
            ("a@x", "ZulipElectron", "active", 1),
            ("a@x", "ZulipMobile", "idle", 1),
            ("a@x", "ZulipAndroid", "idle", 1),
            ("a@x", "aggregated", "active", 1),
            ("b@x", "ZulipNagios", "active", 1),
            ("c@x", "ZulipPython", "active", 1),
            ("c@x", "ZulipTerminal", "idle", 1),
        ],
        None,
    );
    assert!(!legacy.all_website());
    let a = legacy.get("a@x").unwrap();
    assert_eq!(a.clients, ["ZulipAndroid", "ZulipElectron", "ZulipMobile"]);
    assert_eq!(a.client_kinds(), [ClientKind::Desktop, ClientKind::Mobile]);
    assert_eq!(
        legacy.get("b@x").unwrap().client_kinds(),
        [ClientKind::Unknown]
    );
    assert_eq!(
        legacy.get("c@x").unwrap().client_kinds(),
        [ClientKind::Terminal, ClientKind::Api]
    );

    let modern = roster(
        &[
            ("a@x", "website", "active", 1),
            ("a@x", "aggregated", "active", 1),
            ("b@x", "website", "idle", 1),
        ],
        None,
    );
    assert!(modern.all_website());
    assert_eq!(modern.get("a@x").unwrap().client_kinds(), [ClientKind::Web]);
}

#[test]
fn reage_moves_people_down_as_time_passes() {
    let mut r = roster(
        &[
            ("a@x", "website", "active", 0),
            ("b@x", "website", "idle", 0),
            ("c@x", "website", "active", 100),
        ],
        None,
    );
    assert_eq!(emails(r.people()), ["a@x", "c@x", "b@x"]);
    assert!(!r.reage(NOW + 10.0, 140), "nothing changes in 10 s");
    assert!(r.reage(NOW + 50.0, 140));
    assert_eq!(emails(r.people()), ["a@x", "b@x", "c@x"]);
    // c@x's report is 150 s old, but the answer only 50 s: still connected then, so idle
    // until an answer says otherwise (no offline-then-idle blink).
    assert_eq!(r.get("c@x").unwrap().status, Status::Idle);
    assert_eq!(
        r.counts(),
        Counts {
            active: 1,
            idle: 2,
            offline: 0
        }
    );
    assert!(r.reage(NOW + 200.0, 140));
    assert_eq!(
        r.counts(),
        Counts {
            active: 0,
            idle: 0,
            offline: 3
        }
    );
}

#[test]
fn diff_says_who_came_online_went_idle_went_offline_or_left() {
    let before = roster(
        &[
            ("a@x", "website", "idle", 1),
            ("b@x", "website", "active", 1),
            ("c@x", "website", "active", 1),
            ("d@x", "website", "active", 1),
            ("gone@x", "website", "active", 1),
        ],
        None,
    );
    let after = roster(
        &[
            ("a@x", "website", "active", 1),
            ("b@x", "website", "idle", 1),
            ("c@x", "website", "active", 500),
            ("d@x", "website", "active", 1),
            ("new@x", "website", "active", 1),
        ],
        None,
    );
    let diff = before.diff(&after);
    assert_eq!(diff.came_online().collect::<Vec<_>>(), ["a@x", "new@x"]);
    assert_eq!(diff.went_idle().collect::<Vec<_>>(), ["b@x"]);
    assert_eq!(diff.went_offline().collect::<Vec<_>>(), ["c@x"]);
    assert_eq!(diff.removed, ["gone@x"]);
    assert!(before.diff(&before).is_empty());
}

#[test]
fn rows_follow_show_offline_and_max_rows() {
    use presence_model::ShowOffline;
    let rows: Vec<(String, &str, &str, i64)> = (0..700)
        .map(|i| {
            (
                format!("p{i:03}@x"),
                "website",
                "active",
                if i < 10 { 1 } else { 1000 },
            )
        })
        .collect();
    let rows: Vec<(&str, &str, &str, i64)> = rows
        .iter()
        .map(|(e, c, s, a)| (e.as_str(), *c, *s, *a))
        .collect();
    let big = roster(&rows, None);
    let auto = big.rows(&Search::new(""), ShowOffline::Auto, None, &no_fold);
    assert_eq!(
        (auto.people.len(), auto.hidden_offline, auto.cut),
        (10, 690, 0)
    );
    let searching = big.rows(&Search::new("p69"), ShowOffline::Auto, None, &no_fold);
    assert_eq!(
        (searching.people.len(), searching.hidden_offline),
        (10, 0),
        "a search shows offline people"
    );
    assert_eq!(
        big.rows(&Search::new(""), ShowOffline::All, None, &no_fold)
            .people
            .len(),
        700
    );
    let capped = big.rows(&Search::new(""), ShowOffline::All, Some(25), &no_fold);
    assert_eq!((capped.people.len(), capped.cut), (25, 675));
    let small = roster(
        &[
            ("a@x", "website", "active", 1),
            ("b@x", "website", "active", 999),
        ],
        None,
    );
    assert_eq!(
        small
            .rows(&Search::new(""), ShowOffline::Auto, None, &no_fold)
            .people
            .len(),
        2,
        "600 or fewer: everyone"
    );
    let none = small.rows(&Search::new(""), ShowOffline::None, None, &no_fold);
    assert_eq!((none.people.len(), none.hidden_offline), (1, 1));
}

#[test]
fn counts_summary_is_compact_from_a_thousand() {
    assert_eq!(
        Counts {
            active: 12,
            idle: 3,
            offline: 80
        }
        .summary(),
        "12 active · 3 idle · 80 offline"
    );
    assert_eq!(
        Counts {
            active: 1234,
            idle: 0,
            offline: 56_789
        }
        .summary(),
        "1.2K active · 0 idle · 56K offline"
    );
}

/// Avatars come from the Zulip server's avatar paths (through the proxy) or over https,
/// nothing else (issue 13: a site path such as `/logout` would be fetched with every
/// viewer's cookies; a leading U+2028 slipped past a Unicode trim).
#[test]
fn only_https_and_zulips_avatar_paths_are_safe_avatar_urls() {
    use presence_model::domain::is_safe_image_url;
    let table = [
        ("https://zulip.example/avatar/1.png", true),
        ("HTTPS://secure.gravatar.com/avatar/ab?d=identicon", true),
        ("/user_avatars/2/ab12.png?version=2", true),
        ("  /user_avatars/2/ab12.png", true),
        ("/static/images/default-avatar.png?version=1", true),
        ("HTTP://zulip.example/a.png", false),
        ("/logout?everywhere=1", false),
        ("/api/v1/users", false),
        ("/user_avatars/../logout", false),
        ("\u{2028}/user_avatars/2/ab12.png", false),
        ("\u{a0}https://zulip.example/a.png", false),
        ("javascript:alert(1)", false),
        (" JavaScript:alert(1)", false),
        ("data:image/svg+xml,<svg onload=alert(1)>", false),
        ("//evil.example/a.png", false),
        ("/\\evil.example/a.png", false),
        ("/\t/evil.example/a.png", false),
        ("/\n/evil.example/a.png", false),
        ("\u{1}javascript:alert(1)", false),
        ("vbscript:x", false),
        ("", false),
    ];
    for (url, safe) in table {
        assert_eq!(is_safe_image_url(url), safe, "{url:?}");
    }
}
