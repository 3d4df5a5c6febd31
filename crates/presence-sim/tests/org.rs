//! The simulated organization: deterministic, realistic, churning.

use presence_model::{default_name_order, PresenceTimes, Roster, Status};
use presence_sim::{Format, Org};

const START: i64 = 1_800_000_000;

fn statuses(org: &Org, format: Format) -> Vec<(String, Status)> {
    let presence = org.presence(format, org.now() as f64);
    presence
        .presences
        .iter()
        .map(|(email, user)| {
            (
                email.clone(),
                PresenceTimes::of(user).status(org.now() as f64, 140),
            )
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_org_whenever_it_is_asked() {
    let mut often = Org::new(200, 7, START);
    for t in (START..START + 3600).step_by(13) {
        often.advance_to(t);
    }
    often.advance_to(START + 3600);
    let mut once = Org::new(200, 7, START);
    once.advance_to(START + 3600);
    assert_eq!(
        often.presence(Format::Legacy, 1.0),
        once.presence(Format::Legacy, 1.0)
    );
    let other_seed = Org::new(200, 8, START);
    assert_ne!(
        statuses(&other_seed, Format::Modern),
        statuses(&Org::new(200, 7, START), Format::Modern)
    );
}

#[test]
fn everyone_is_listed_with_a_realistic_mix() {
    let org = Org::new(1000, 1, START);
    let all = statuses(&org, Format::Modern);
    assert_eq!(all.len(), 1000);
    let count = |s| all.iter().filter(|(_, st)| *st == s).count();
    let (active, idle, offline) = (
        count(Status::Active),
        count(Status::Idle),
        count(Status::Offline),
    );
    assert!((150..450).contains(&active), "active {active}");
    assert!((30..250).contains(&idle), "idle {idle}");
    assert!((400..800).contains(&offline), "offline {offline}");
    let emails: std::collections::HashSet<_> = all.iter().map(|(e, _)| e).collect();
    assert_eq!(emails.len(), 1000, "emails are unique");
    let members = org.members("http://sim");
    assert!(
        members.iter().any(|m| !m.full_name.is_ascii()),
        "some names are non-ASCII"
    );
    assert!(members.iter().all(|m| m.email.is_ascii()));
}

#[test]
fn people_churn_over_time() {
    let mut org = Org::new(300, 3, START);
    let before = statuses(&org, Format::Modern);
    org.advance_to(START + 30 * 60);
    let after = statuses(&org, Format::Modern);
    let changed = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.1 != b.1)
        .count();
    assert!(
        changed > 30,
        "only {changed} of 300 changed status in 30 minutes"
    );
    // Between pings, nothing moves: the state at a second is a function of that second.
    let mut again = org.clone();
    again.advance_to(START + 30 * 60);
    assert_eq!(statuses(&again, Format::Modern), after);
}

#[test]
fn modern_format_is_website_and_aggregated_only() {
    let org = Org::new(100, 1, START);
    for (email, user) in &org.presence(Format::Modern, 0.5).presences {
        let keys: Vec<&str> = user.entries.keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, ["aggregated", "website"], "{email}");
        let web = user.entries.get("website").expect("a website entry");
        assert_eq!(
            (web.client.as_deref(), web.pushable),
            (Some("website"), Some(false))
        );
        assert_eq!(user.aggregated().unwrap().pushable, None);
        assert_eq!(user.aggregated().unwrap().timestamp, web.timestamp);
    }
}

#[test]
fn legacy_format_has_client_keys_and_aggregated_is_the_newest() {
    let mut org = Org::new(200, 1, START);
    org.advance_to(START + 600);
    let presence = org.presence(Format::Legacy, org.now() as f64);
    let mut names = std::collections::BTreeSet::new();
    for user in presence.presences.values() {
        let aggregated = user.aggregated().expect("aggregated is sent");
        let clients: Vec<_> = user.clients().collect();
        assert!(!clients.is_empty());
        assert!(clients.iter().any(|(name, e)| Some(name.as_str())
            == aggregated.client.as_deref()
            && e.timestamp == aggregated.timestamp
            && e.status == aggregated.status));
        for (name, entry) in clients {
            names.insert(name.to_owned());
            assert_eq!(entry.pushable, Some(name == "ZulipMobile"));
        }
    }
    let expected = [
        "ZulipElectron",
        "ZulipMobile",
        "ZulipPython",
        "ZulipTerminal",
        "website",
    ];
    assert_eq!(names.into_iter().collect::<Vec<_>>(), expected);
    let roster = Roster::build(&presence, None, org.now() as f64, 140, default_name_order);
    assert!(!roster.all_website());
}

#[test]
fn the_legacy_70_second_rule() {
    use presence_model::ReportedStatus::{Active, Idle};
    // (last active, last connected) → (status, timestamp)
    let table = [
        ((1000, 1000), (Active, 1000)),
        ((1000, 1070), (Active, 1000)),
        ((1000, 1071), (Idle, 1071)),
        ((0, 5000), (Idle, 5000)),
    ];
    for ((active, connected), expected) in table {
        let entry = presence_sim::org::legacy_entry("website", active, connected);
        assert_eq!(
            (entry.status, entry.timestamp),
            expected,
            "{active} {connected}"
        );
    }
}

/// What a widget watching the simulated organization showed: who was taken offline by
/// ageing between answers and brought back by the next answer (blinks), and how many
/// times someone was shown going offline at all.
struct Watched {
    blinks: Vec<String>,
    went_offline: usize,
}

/// Watches the organization the way a mounted widget does: an answer every `refresh`
/// seconds, a tick every second in between.
fn watch(threshold: u32, refresh: i64, hours: i64) -> Watched {
    use presence_model::domain::default_ranking;
    use presence_model::RosterMachine;
    use std::collections::{BTreeSet, HashMap};
    let start = 1_800_000_000;
    let mut org = Org::new(300, 7, start);
    let mut live = RosterMachine::new(threshold, refresh as u32);
    let mut aged_offline = BTreeSet::new();
    let mut watched = Watched {
        blinks: Vec::new(),
        went_offline: 0,
    };
    let status_of = |live: &RosterMachine| -> HashMap<String, Status> {
        let roster = &live.state().snapshot().unwrap().roster;
        roster
            .people()
            .map(|p| (p.email.clone(), p.status))
            .collect()
    };
    for t in start..start + hours * 3600 {
        let local_ms = ((t - start) * 1000) as f64;
        if (t - start) % refresh == 0 {
            org.advance_to(t);
            live.presence_arrived(
                org.presence(Format::Legacy, t as f64),
                local_ms,
                &default_ranking,
            );
            let now = status_of(&live);
            for email in std::mem::take(&mut aged_offline) {
                if now.get(&email) != Some(&Status::Offline) {
                    watched.blinks.push(format!("{email} at {t}"));
                }
            }
        } else {
            live.tick(local_ms);
        }
        for change in live.take_changes() {
            if change.to == Status::Offline {
                watched.went_offline += 1;
                if (t - start) % refresh != 0 {
                    aged_offline.insert(change.email);
                }
            }
        }
    }
    watched
}

/// A person who stops typing keeps pinging, and Zulip reports them `active` with the old
/// time until its 70-second rule (`legacy_entry`) says `idle` with a fresh one. Between
/// polls the widget ages that answer; it must never show (or announce) them offline only
/// for the next answer to bring them back (issue 12: "nobody blinks").
#[test]
fn nobody_blinks_offline_between_polls() {
    for (threshold, refresh) in [(140, 60), (200, 60), (140, 90), (200, 150)] {
        let blinks = watch(threshold, refresh, 3).blinks;
        assert!(
            blinks.is_empty(),
            "{} blinks with a {threshold} s threshold and {refresh} s refresh, first {:?}",
            blinks.len(),
            &blinks[..blinks.len().min(3)]
        );
    }
}

/// Someone who closes the app is still shown offline, by the next answer at the latest.
#[test]
fn people_who_leave_are_shown_offline() {
    let watched = watch(200, 60, 3);
    assert!(
        watched.went_offline > 10,
        "{} went offline in 3 hours",
        watched.went_offline
    );
}

/// The widget's roster from a self-hosted server's /users and presence: Zulip's buddy
/// list's people (`web/src/buddy_data.ts` `filter_user_ids`), guests marked, members with
/// no presence offline.
#[test]
fn a_self_hosted_org_is_listed_as_zulips_buddy_list_lists_it() {
    use presence_model::{Directory, LastActive};
    let org = Org::deployed(60, 3, START, presence_sim::Deployment::self_hosted());
    let members = org.members("http://sim");
    let presence = org.presence(Format::Legacy, START as f64);
    let directory = Directory::new(members.clone());
    let roster = Roster::build(
        &presence,
        Some(&directory),
        START as f64,
        200,
        default_name_order,
    );
    let listed: std::collections::BTreeSet<&str> =
        roster.people().map(|p| p.email.as_str()).collect();
    let expected: std::collections::BTreeSet<&str> = members
        .iter()
        .filter(|m| m.is_active && !m.is_bot)
        .map(|m| m.email.as_str())
        .collect();
    assert_eq!(listed, expected, "active humans, no bots, no strangers");
    for member in members.iter().filter(|m| m.listed()) {
        let person = roster.get(&member.email).unwrap();
        assert_eq!(person.guest, member.guest(), "{}", member.email);
        if !presence.presences.contains_key(&member.email) {
            assert_eq!(person.status, Status::Offline);
            assert_eq!(person.last_active(START as f64, 0), LastActive::NotRecently);
        }
    }
}
