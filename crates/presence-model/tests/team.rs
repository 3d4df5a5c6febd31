//! Team rosters (`group`, `channel`): options, Zulip's answers from its API examples, and
//! the reducer showing exactly the team, never the whole organization first.

use std::path::PathBuf;

use presence_model::domain::default_ranking;
use presence_model::domain::{classify_team, Team, TeamAnswer, TeamKey, TeamStage};
use presence_model::protocol::TeamKind;
use presence_model::protocol::{Answer, Failure};
use presence_model::state::{Event, FeedKind, PollRequest, Widget};
use presence_model::words::english;
use presence_model::{Config, Directory, Member};
mod support;
use support::presence;

const SERVER_T: f64 = 1_800_000_000.0;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config(pairs: &[(&str, &str)]) -> Result<Config, String> {
    Config::from_pairs(pairs.iter().copied(), Some("/api/v1")).map_err(|e| e.to_string())
}

fn answer(status: u16, body: &[u8]) -> Answer<'_> {
    Answer {
        status,
        retry_after: None,
        body,
    }
}

fn group(key: &str) -> Team {
    Team::parse(TeamKind::Group, key).unwrap()
}

fn groups_example() -> Vec<presence_model::UserGroup> {
    match classify_team(
        TeamStage::Groups,
        &group("x"),
        answer(200, &fixture("user-groups.get.200.example.json")),
    ) {
        Ok(TeamAnswer::Groups(groups)) => groups,
        other => panic!("{other:?}"),
    }
}

#[test]
fn digits_name_a_team_by_id_and_anything_else_by_name() {
    assert_eq!(group(" 3 ").key, TeamKey::Id(3));
    assert_eq!(
        group("hamletcharacters").key,
        TeamKey::Name("hamletcharacters".into())
    );
    assert_eq!(group("3rd floor").key, TeamKey::Name("3rd floor".into()));
}

#[test]
fn a_team_needs_names_and_only_one_kind() {
    let both = config(&[("group", "a"), ("channel", "b")]).unwrap_err();
    assert!(both.contains("either group or channel, not both"), "{both}");
    let no_names = config(&[("names", "off"), ("channel", "design")]).unwrap_err();
    assert!(no_names.contains("names=auto"), "{no_names}");
    let long = config(&[("group", &"x".repeat(101))]).unwrap_err();
    assert!(long.contains("at most 100 characters"), "{long}");
}

#[test]
fn each_team_reads_its_own_endpoint() {
    let url = |pairs: &[(&str, &str)]| {
        config(pairs)
            .unwrap()
            .team
            .unwrap()
            .first_feed("/zulip/api/v1")
    };
    let groups = url(&[("group", "design")]);
    assert_eq!(
        (groups.url.as_str(), groups.stage),
        ("/zulip/api/v1/user_groups", TeamStage::Groups)
    );
    let by_id = url(&[("channel", "15")]);
    assert_eq!(by_id.url, "/zulip/api/v1/streams/15/members");
    assert_eq!(by_id.stage, TeamStage::Subscribers);
    let by_name = url(&[("channel", "Design & Café/ops")]);
    assert_eq!(
        by_name.url,
        "/zulip/api/v1/get_stream_id?stream=Design%20%26%20Caf%C3%A9%2Fops"
    );
    assert_eq!(by_name.stage, TeamStage::ChannelId);
}

#[test]
fn a_group_includes_its_subgroups_members() {
    let groups = groups_example();
    // role:administrators has member 2 and role:owners (member 1) as a subgroup.
    assert_eq!(
        group("role:administrators").group_members(&groups),
        Some(vec![1, 2])
    );
    assert_eq!(group("2").group_members(&groups), Some(vec![1, 2]));
    assert_eq!(
        group("hamletcharacters").group_members(&groups),
        Some(vec![3, 4])
    );
    assert_eq!(
        group("HamletCharacters").group_members(&groups),
        Some(vec![3, 4])
    );
    assert_eq!(group("nonexistent").group_members(&groups), None);
}

#[test]
fn subgroups_at_any_depth_count_and_a_cycle_ends() {
    let g = |id, members: &[i64], subs: &[i64]| presence_model::UserGroup {
        id,
        name: format!("g{id}"),
        members: members.to_vec(),
        direct_subgroup_ids: subs.to_vec(),
        deactivated: false,
    };
    let groups = [g(1, &[10], &[2]), g(2, &[20, 10], &[3]), g(3, &[30], &[1])];
    assert_eq!(group("g1").group_members(&groups), Some(vec![10, 20, 30]));
    let mut gone = g(4, &[40], &[]);
    gone.deactivated = true;
    assert_eq!(group("g4").group_members(&[gone]), None);
}

#[test]
fn zulips_channel_answers_are_read() {
    let channel = Team::parse(TeamKind::Channel, "design").unwrap();
    let id = classify_team(
        TeamStage::ChannelId,
        &channel,
        answer(200, &fixture("get-stream-id.get.200.example.json")),
    );
    assert_eq!(id, Ok(TeamAnswer::ChannelId(15)));
    let members = classify_team(
        TeamStage::Subscribers,
        &channel,
        answer(
            200,
            &fixture("streams-stream_id-members.get.200.example.json"),
        ),
    );
    assert_eq!(members, Ok(TeamAnswer::Subscribers(vec![11, 26])));
}

#[test]
fn an_unknown_channel_is_a_setting_to_check() {
    let channel = Team::parse(TeamKind::Channel, "nonexistent").unwrap();
    let failure = classify_team(
        TeamStage::ChannelId,
        &channel,
        answer(400, &fixture("error.get-stream-id.invalid-name.json")),
    )
    .unwrap_err();
    assert_eq!(failure.cause(), "config");
    assert_eq!(failure.http_status(), Some(400));
    assert_eq!(
        failure.to_string(),
        "There is no channel \"nonexistent\" that the proxy's account can see. Check the channel setting."
    );
}

#[test]
fn a_bot_key_cannot_read_groups_and_the_message_says_what_to_do() {
    let failure = classify_team(
        TeamStage::Groups,
        &group("design"),
        answer(400, &fixture("error.user-groups.bot.json")),
    )
    .unwrap_err();
    assert_eq!(failure.cause(), "refused");
    assert_eq!(failure.zulip_code(), Some("BAD_REQUEST"));
    let text = failure.to_string();
    assert!(
        text.contains("This endpoint does not accept bot requests."),
        "{text}"
    );
    assert!(text.contains("a member's API key"), "{text}");
}

// --- The reducer -------------------------------------------------------------------

fn step(roster: &mut Widget, event: Event) -> presence_model::state::Effects {
    roster.update(event, english(), &default_ranking)
}

fn names(directory: Directory, now_ms: f64) -> Event {
    Event::Names { directory, now_ms }
}

fn arrived(presence: presence_model::RealmPresence, now_ms: f64) -> Event {
    Event::Presence {
        outcome: Ok(presence),
        now_ms,
        jitter: 0.0,
    }
}

fn team(outcome: TeamAnswer, now_ms: f64) -> Event {
    Event::Team {
        outcome: Ok(outcome),
        now_ms,
    }
}

fn member(id: i64, email: &str, name: &str) -> Member {
    Member::human(id, email, name, None)
}

/// Five people with presence, three of them (ids 3, 4 and 1) in the team.
fn everyone() -> (presence_model::RealmPresence, Directory) {
    let presence = presence(
        &[
            ("owner@x", "active", 10.0),
            ("admin@x", "active", 10.0),
            ("hamlet@x", "active", 10.0),
            ("ophelia@x", "idle", 30.0),
            ("iago@x", "active", 10.0),
        ],
        SERVER_T,
    );
    let directory = Directory::new([
        member(1, "owner@x", "Olive Owner"),
        member(2, "admin@x", "Adam Admin"),
        member(3, "hamlet@x", "King Hamlet"),
        member(4, "ophelia@x", "Ophelia"),
        member(5, "iago@x", "Iago"),
    ]);
    (presence, directory)
}

fn mounted(pairs: &[(&str, &str)]) -> (Widget, presence_model::state::Effects) {
    let mut pairs = pairs.to_vec();
    pairs.push(("offline-threshold", "140"));
    let mut roster = Widget::default();
    let effects = step(
        &mut roster,
        Event::Options(config(&pairs).map_err(|e| panic!("{e}"))),
    );
    (roster, effects)
}

fn listed(roster: &Widget) -> Vec<String> {
    let snapshot = roster.live().state().snapshot().expect("a roster");
    let mut emails: Vec<String> = snapshot.roster.people().map(|p| p.email.clone()).collect();
    emails.sort();
    emails
}

#[test]
fn a_group_roster_waits_for_its_members_and_lists_only_them() {
    let (mut roster, effects) = mounted(&[("group", "hamletcharacters")]);
    let Some(feeds) = effects.subscribes() else {
        panic!("feeds")
    };
    assert_eq!(feeds.team.unwrap().url, "/api/v1/user_groups");
    let (presence, directory) = everyone();
    step(&mut roster, arrived(presence, 1000.0));
    step(&mut roster, names(directory, 1000.0));
    // Presence and names alone would be the whole organization: nothing is shown yet.
    assert_eq!(roster.host_summary().state, "loading");
    let effects = step(
        &mut roster,
        team(TeamAnswer::Groups(groups_example()), 1500.0),
    );
    assert!(effects.render());
    assert_eq!(listed(&roster), ["hamlet@x", "ophelia@x"]);
    let counts = effects.change().expect("the first roster-change").counts;
    assert_eq!((counts.active, counts.idle, counts.total()), (1, 1, 2));
}

#[test]
fn a_channel_by_name_reads_its_id_then_its_members() {
    let (mut roster, effects) = mounted(&[("channel", "design")]);
    let Some(feeds) = effects.subscribes() else {
        panic!("feeds")
    };
    assert_eq!(feeds.team.unwrap().stage, TeamStage::ChannelId);
    let effects = step(&mut roster, team(TeamAnswer::ChannelId(15), 900.0));
    let next = effects.team_feed().expect("the members feed");
    assert_eq!(
        (next.url.as_str(), next.stage),
        ("/api/v1/streams/15/members", TeamStage::Subscribers)
    );
    let (presence, directory) = everyone();
    step(
        &mut roster,
        team(TeamAnswer::Subscribers(vec![5, 1, 5]), 950.0),
    );
    step(&mut roster, names(directory, 1000.0));
    assert_eq!(roster.host_summary().state, "loading", "no presence yet");
    step(&mut roster, arrived(presence, 1100.0));
    assert_eq!(listed(&roster), ["iago@x", "owner@x"]);
}

#[test]
fn an_unknown_group_is_an_error_not_an_empty_roster() {
    let (mut roster, _) = mounted(&[("group", "nonexistent")]);
    let (presence, directory) = everyone();
    step(&mut roster, names(directory, 1000.0));
    step(&mut roster, arrived(presence.clone(), 1000.0));
    let effects = step(
        &mut roster,
        team(TeamAnswer::Groups(groups_example()), 1200.0),
    );
    let error = effects.error().expect("a roster-error");
    assert_eq!(error.cause, "config");
    assert_eq!(
        error.message,
        "There is no user group \"nonexistent\" in this organization. Check the group setting."
    );
    assert_eq!(roster.host_summary().state, "error");
    // Presence keeps arriving; the whole organization is still never shown.
    step(&mut roster, arrived(presence, 61_000.0));
    assert_eq!(roster.host_summary().state, "error");
    assert!(matches!(
        roster.live().state().failure(),
        Some(Failure::NoSuchTeam { .. })
    ));
}

#[test]
fn a_group_that_appears_later_replaces_the_error_with_its_roster() {
    let (mut roster, _) = mounted(&[("group", "hamletcharacters")]);
    let (presence, directory) = everyone();
    step(&mut roster, names(directory, 1000.0));
    step(&mut roster, arrived(presence, 1000.0));
    step(&mut roster, team(TeamAnswer::Groups(Vec::new()), 1000.0));
    assert_eq!(roster.host_summary().state, "error");
    step(
        &mut roster,
        team(TeamAnswer::Groups(groups_example()), 601_000.0),
    );
    assert_eq!(roster.host_summary().state, "ready");
    assert_eq!(listed(&roster), ["hamlet@x", "ophelia@x"]);
}

#[test]
fn changing_the_group_starts_over_on_the_new_team() {
    let (mut roster, _) = mounted(&[("group", "hamletcharacters")]);
    let effects = step(
        &mut roster,
        Event::Options(
            config(&[
                ("group", "role:administrators"),
                ("offline-threshold", "140"),
            ])
            .map_err(|e| panic!("{e}")),
        ),
    );
    assert!(effects.subscribes().is_some());
    assert_eq!(roster.host_summary().state, "loading");
}

#[test]
fn a_team_roster_without_names_says_why() {
    let (mut roster, _) = mounted(&[("channel", "15")]);
    step(&mut roster, team(TeamAnswer::Subscribers(vec![3]), 900.0));
    let effects = step(
        &mut roster,
        Event::NamesFailed {
            failure: Failure::Down {
                cause: presence_model::DownCause::Status(502),
            },
            now_ms: 1000.0,
        },
    );
    assert_eq!(effects.error().expect("a roster-error").cause, "down");
    assert_eq!(roster.host_summary().state, "error");
    // Without a team, the same failure only means emails instead of names.
    let (mut whole, _) = mounted(&[]);
    let effects = step(
        &mut whole,
        Event::NamesFailed {
            failure: Failure::Down {
                cause: presence_model::DownCause::Status(502),
            },
            now_ms: 1000.0,
        },
    );
    assert!(effects.error().is_none());
    assert_eq!(whole.host_summary().state, "loading");
}

/// The reference nginx's refusal of every team endpoint when its privacy setting is
/// counts (deploy/nginx/render.sh, `counts_refusal`).
const COUNTS_ONLY: &[u8] = br#"{"result":"error","msg":"This proxy shows how many people are online, not who (its privacy setting is counts): team rosters are not available.","code":"PRIVACY_COUNTS_ONLY"}"#;

#[test]
fn a_counts_only_proxy_refusing_team_rosters_is_a_setting_to_remove_not_an_unknown_team() {
    let channel = Team::parse(TeamKind::Channel, "design").unwrap();
    for (stage, team) in [
        (TeamStage::Groups, group("design")),
        (TeamStage::ChannelId, channel.clone()),
        (TeamStage::Subscribers, channel),
    ] {
        let failure = classify_team(stage, &team, answer(400, COUNTS_ONLY)).unwrap_err();
        assert_eq!(failure, Failure::TeamsHidden, "{stage:?}");
        assert_eq!(failure.cause(), "config");
        assert!(
            failure
                .to_string()
                .contains("team rosters are not available"),
            "{failure}"
        );
    }
}

#[test]
fn a_team_roster_without_names_asks_for_them_again_as_its_retries_do() {
    let (mut roster, _) = mounted(&[("channel", "15")]);
    step(&mut roster, team(TeamAnswer::Subscribers(vec![3]), 900.0));
    let effects = step(
        &mut roster,
        Event::NamesFailed {
            failure: Failure::Down {
                cause: presence_model::DownCause::Status(502),
            },
            now_ms: 1000.0,
        },
    );
    // The first retry: the refresh (60 s), with no jitter drawn for names.
    assert_eq!(
        effects.poll_of(FeedKind::Users),
        Some(PollRequest::InMs(60_000.0))
    );
}

#[test]
fn a_teams_members_are_read_again_every_ten_minutes() {
    let (mut roster, _) = mounted(&[("channel", "15")]);
    let effects = step(&mut roster, team(TeamAnswer::Subscribers(vec![3]), 900.0));
    assert_eq!(
        effects.poll_of(FeedKind::Team),
        Some(PollRequest::InMs(600_000.0))
    );
}

#[test]
fn an_unknown_team_is_asked_about_again_in_ten_minutes() {
    let (mut roster, _) = mounted(&[("group", "nobody")]);
    let effects = step(&mut roster, team(TeamAnswer::Groups(Vec::new()), 900.0));
    assert_eq!(effects.error().expect("a roster-error").cause, "config");
    assert_eq!(
        effects.poll_of(FeedKind::Team),
        Some(PollRequest::InMs(600_000.0))
    );
}

/// What Zulip 12.0 answers a guest's key (`require_member_or_admin`: "Not allowed for
/// guest users"); before 12.0 a bot's got "This endpoint does not accept bot requests."
fn refused(msg: &str) -> Event {
    Event::Team {
        outcome: Err(Failure::GroupsRefused {
            msg: msg.into(),
            bots_may_read: false,
        }),
        now_ms: 900.0,
    }
}

fn server(feature_level: u32) -> Event {
    Event::Server {
        feature_level: Some(feature_level),
        realm_url: None,
        now_ms: 800.0,
    }
}

#[test]
fn before_zulip_12_a_refused_group_roster_asks_for_a_members_key_not_a_bots() {
    let (mut roster, _) = mounted(&[("group", "design")]);
    step(&mut roster, server(495));
    let error = step(
        &mut roster,
        refused("This endpoint does not accept bot requests."),
    )
    .error()
    .expect("a roster-error");
    assert!(
        error.message.contains("a member's API key, not a bot's"),
        "{}",
        error.message
    );
}

#[test]
fn from_zulip_12_a_refused_group_roster_asks_for_a_member_or_bot_key_not_a_guests() {
    let (mut roster, _) = mounted(&[("group", "design")]);
    step(&mut roster, server(496));
    let error = step(&mut roster, refused("Not allowed for guest users"))
        .error()
        .expect("a roster-error");
    assert!(
        error.message.contains("a member or a bot, not a guest's"),
        "{}",
        error.message
    );
}

#[test]
fn a_refusal_shown_before_the_servers_version_is_reworded_when_it_arrives() {
    let (mut roster, _) = mounted(&[("group", "design")]);
    let first = step(&mut roster, refused("Not allowed for guest users"));
    assert!(first.error().unwrap().message.contains("not a bot's"));
    let later = step(&mut roster, server(500));
    assert!(later.render());
    let error = later.error().expect("the failure reported again, reworded");
    assert!(error.message.contains("not a guest's"), "{}", error.message);
}
