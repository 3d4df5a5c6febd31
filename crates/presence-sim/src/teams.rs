//! The simulated organization's user groups and channels, for team rosters: drawn from
//! each person's place in the organization, so the same seed and size give the same
//! teams, shaped as Zulip sends them (system groups with a subgroup, a team with a
//! nested subgroup).

use presence_model::UserGroup;

use crate::Org;

/// A channel: its id, its name and its subscribers' user ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// `stream_id`.
    pub id: i64,
    /// Its name.
    pub name: &'static str,
    /// Who is subscribed.
    pub subscribers: Vec<i64>,
}

/// `engineering` (id 20) has `backend` (id 21) as a subgroup; `design` (id 22) stands
/// alone; the system groups are Zulip's `role:owners` inside `role:administrators`.
pub fn user_groups(org: &Org) -> Vec<UserGroup> {
    let group = |id, name: &str, members, subgroups: &[i64]| UserGroup {
        id,
        name: name.to_owned(),
        members,
        direct_subgroup_ids: subgroups.to_vec(),
        deactivated: false,
    };
    vec![
        group(1, "role:owners", pick(org, |i| i == 0), &[]),
        group(2, "role:administrators", Vec::new(), &[1]),
        group(20, "engineering", pick(org, |i| i % 4 == 0), &[21]),
        group(21, "backend", pick(org, |i| i % 6 == 1), &[]),
        group(22, "design", pick(org, |i| i % 5 == 2), &[]),
    ]
}

/// `general` (id 15): everyone; `design` (id 16) and `engineering` (id 17).
pub fn channels(org: &Org) -> Vec<Channel> {
    vec![
        Channel {
            id: 15,
            name: "general",
            subscribers: org.user_ids().collect(),
        },
        Channel {
            id: 16,
            name: "design",
            subscribers: pick(org, |i| i % 5 == 2 || i % 9 == 3),
        },
        Channel {
            id: 17,
            name: "engineering",
            subscribers: pick(org, |i| i % 4 == 0 || i % 6 == 1),
        },
    ]
}

/// The user ids of the people at the places in the organization `keep` takes.
fn pick(org: &Org, keep: impl Fn(usize) -> bool) -> Vec<i64> {
    org.user_ids()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, id)| id)
        .collect()
}

/// The IANA time zones people have set, by their place in the organization; an empty
/// one (never set) among them, as Zulip sends it.
pub const TIMEZONES: [&str; 8] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "",
    "Europe/London",
];
