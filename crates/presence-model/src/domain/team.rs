//! Team rosters: the `group` and `channel` options, where their members come from, and
//! what Zulip's answers about them mean.
//!
//! Zulip's presence is keyed by email and its groups and channels list user ids, so a
//! team roster needs `GET /users` to join the two; the members are applied to the
//! directory ([`crate::Directory::only`]), and from there the roster, counts and search
//! cover the team alone, by the same rules as the whole organization.
//!
//! - A group, by name or id, comes from `GET /user_groups`, members of its subgroups
//!   (at any depth) included. Zulip serves that endpoint to members and administrators
//!   only (`require_member_or_admin`: "This endpoint does not accept bot requests."), so a
//!   group roster needs the proxy to hold a member's API key.
//! - A channel by id comes from `GET /streams/{id}/members`; by name, its id first from
//!   `GET /get_stream_id?stream=NAME` (what Zulip's own Python client does).
//!
//! # Example
//!
//! ```
//! use presence_model::domain::{Team, TeamKey};
//! use presence_model::protocol::TeamKind;
//!
//! let team = Team::parse(TeamKind::Channel, "design team").unwrap();
//! assert_eq!(team.key, TeamKey::Name("design team".into()));
//! assert_eq!(team.first_feed("/api/v1").url, "/api/v1/get_stream_id?stream=design%20team");
//! ```

use crate::domain::ConfigError;
use crate::protocol::classify::{Answer, Failure};
use crate::protocol::parse_json;
use crate::protocol::teams::TeamKind;
use crate::protocol::UserGroup;

/// From this feature level (Zulip 12.0) bots may read user groups (`GET /user_groups`,
/// "Changes: Prior to Zulip 12.0 (feature level 496), bot users were not permitted to call
/// this endpoint"); guests still may not.
pub const BOTS_READ_GROUPS_FEATURE_LEVEL: u32 = 496;

/// Whether a server at `feature_level` lets bots read user groups.
pub fn bots_read_groups(feature_level: Option<u32>) -> bool {
    feature_level.is_some_and(|level| level >= BOTS_READ_GROUPS_FEATURE_LEVEL)
}

/// Completes a refusal of user groups with what a server at `feature_level` allows (see
/// [`Failure::GroupsRefused`]); whether that changed it. Other failures stay as they are.
pub fn complete_refusal(failure: &mut Failure, feature_level: Option<u32>) -> bool {
    let Failure::GroupsRefused { bots_may_read, .. } = failure else {
        return false;
    };
    let now = bots_read_groups(feature_level);
    std::mem::replace(bots_may_read, now) != now
}

/// How the page named the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamKey {
    /// By its id (the value was all digits).
    Id(i64),
    /// By its name, as written (trimmed).
    Name(String),
}

impl std::fmt::Display for TeamKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TeamKey::Id(id) => write!(f, "{id}"),
            TeamKey::Name(name) => f.write_str(name),
        }
    }
}

/// The team a roster is limited to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// Group or channel.
    pub kind: TeamKind,
    /// Which one.
    pub key: TeamKey,
}

/// Which of Zulip's answers a team feed reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamStage {
    /// `GET /user_groups`.
    Groups,
    /// `GET /get_stream_id`: the channel's id, then its members.
    ChannelId,
    /// `GET /streams/{id}/members`.
    Subscribers,
}

/// A feed a team roster reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamFeed {
    /// What to GET.
    pub url: String,
    /// What it answers.
    pub stage: TeamStage,
}

/// What a team feed answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamAnswer {
    /// Every user group.
    Groups(Vec<UserGroup>),
    /// The channel's id (its members are the next feed).
    ChannelId(i64),
    /// The channel's subscribers.
    Subscribers(Vec<i64>),
}

/// Longest team name taken: Zulip's limits are 100 (groups) and 60 (channels) characters.
const MAX_NAME_CHARS: usize = 100;

impl Team {
    /// Parses the `group` or `channel` option: digits are an id, anything else a name.
    pub fn parse(kind: TeamKind, value: &str) -> Result<Team, ConfigError> {
        let value = value.trim();
        let bad = |expected: &str| ConfigError {
            option: kind.option().into(),
            value: Some(value.into()),
            expected: expected.into(),
        };
        if value.chars().all(|c| c.is_ascii_digit()) {
            let id = value
                .parse::<i64>()
                .map_err(|_| bad("a name, or an id that is a whole number"))?;
            return Ok(Team {
                kind,
                key: TeamKey::Id(id),
            });
        }
        if value.chars().count() > MAX_NAME_CHARS || value.chars().any(char::is_control) {
            return Err(bad("a name of at most 100 characters, or an id"));
        }
        Ok(Team {
            kind,
            key: TeamKey::Name(value.to_owned()),
        })
    }

    /// The first feed this team is read from, under `proxy`.
    pub fn first_feed(&self, proxy: &str) -> TeamFeed {
        match (self.kind, &self.key) {
            (TeamKind::Group, _) => TeamFeed {
                url: format!("{proxy}/user_groups"),
                stage: TeamStage::Groups,
            },
            (TeamKind::Channel, TeamKey::Id(id)) => subscribers_feed(proxy, *id),
            (TeamKind::Channel, TeamKey::Name(name)) => TeamFeed {
                url: format!("{proxy}/get_stream_id?stream={}", encode_query(name)),
                stage: TeamStage::ChannelId,
            },
        }
    }

    /// The members of this group among `groups`, members of subgroups included, sorted;
    /// `None` when there is no such (active) group. A name matches exactly, or else
    /// ignoring ASCII case (Zulip keeps group names unique regardless of case).
    pub fn group_members(&self, groups: &[UserGroup]) -> Option<Vec<i64>> {
        let found = match &self.key {
            TeamKey::Id(id) => groups.iter().find(|g| g.id == *id),
            // ASCII case only: Unicode's case tables would cost every viewer 4.6 kB.
            TeamKey::Name(name) => groups
                .iter()
                .find(|g| &g.name == name)
                .or_else(|| groups.iter().find(|g| g.name.eq_ignore_ascii_case(name))),
        }
        .filter(|g| !g.deactivated)?;
        // Subgroups form a graph Zulip keeps acyclic; `seen` makes a cycle harmless anyway.
        let mut seen = vec![found.id];
        let mut queue = vec![found];
        let mut members = Vec::new();
        while let Some(group) = queue.pop() {
            members.extend_from_slice(&group.members);
            for sub in &group.direct_subgroup_ids {
                if !seen.contains(sub) {
                    seen.push(*sub);
                    queue.extend(groups.iter().find(|g| g.id == *sub));
                }
            }
        }
        members.sort_unstable();
        members.dedup();
        Some(members)
    }

    /// A failure saying this team does not exist (as far as the proxy's account sees).
    pub fn not_found(&self, status: u16) -> Failure {
        Failure::NoSuchTeam {
            kind: self.kind,
            key: self.key.to_string(),
            status,
        }
    }
}

/// `GET {proxy}/streams/{id}/members`.
pub fn subscribers_feed(proxy: &str, id: i64) -> TeamFeed {
    TeamFeed {
        url: format!("{proxy}/streams/{id}/members"),
        stage: TeamStage::Subscribers,
    }
}

/// Percent-encodes a query value: everything but unreserved ASCII (RFC 3986).
fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The three team answers in one shape: every viewer downloads one deserializer, not
/// three (the wire types in [`crate::protocol`] are the simulator's).
#[derive(serde::Deserialize)]
struct TeamBody {
    #[serde(default)]
    user_groups: Option<Vec<UserGroup>>,
    #[serde(default)]
    stream_id: Option<i64>,
    #[serde(default)]
    subscribers: Option<Vec<i64>>,
}

/// Classifies an answer of a team feed. `team` names the team in failures.
///
/// Zulip answers 400 `BAD_REQUEST` for a channel name or id it does not know ("Invalid
/// channel name 'x'", "Invalid channel ID"), and for `/user_groups` asked by a bot or a
/// guest: the first is [`Failure::NoSuchTeam`], the second [`Failure::GroupsRefused`].
/// The reference proxy in counts mode answers 400 `PRIVACY_COUNTS_ONLY` for all three:
/// [`Failure::TeamsHidden`].
pub fn classify_team(
    stage: TeamStage,
    team: &Team,
    answer: Answer<'_>,
) -> Result<TeamAnswer, Failure> {
    if (200..300).contains(&answer.status) {
        let parsed = parse_json::<TeamBody>(answer.body).and_then(|body| {
            let missing = |field: &str| crate::protocol::ParseError::missing(field);
            match stage {
                TeamStage::Groups => body
                    .user_groups
                    .map(TeamAnswer::Groups)
                    .ok_or_else(|| missing("user_groups")),
                TeamStage::ChannelId => body
                    .stream_id
                    .map(TeamAnswer::ChannelId)
                    .ok_or_else(|| missing("stream_id")),
                TeamStage::Subscribers => body
                    .subscribers
                    .map(TeamAnswer::Subscribers)
                    .ok_or_else(|| missing("subscribers")),
            }
        });
        return parsed
            .map_err(|err| crate::protocol::classify::from_body_or_malformed(answer, err));
    }
    let failure = crate::protocol::classify::classify_failure(answer);
    Err(match (&failure, stage) {
        (Failure::Rejected { status: 400, body }, _)
            if body.code.as_deref() == Some(crate::protocol::classify::TEAMS_HIDDEN_CODE) =>
        {
            Failure::TeamsHidden
        }
        (Failure::Rejected { status: 400, body }, TeamStage::Groups) => Failure::GroupsRefused {
            msg: body.msg.clone(),
            bots_may_read: false,
        },
        (Failure::Rejected { status: 400, .. }, _) => team.not_found(400),
        _ => failure,
    })
}
