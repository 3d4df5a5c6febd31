//! The roster over time (`RosterMachine`): its phases, driven by answers, failures, names and the clock.

use presence_model::domain::default_ranking;
use presence_model::protocol::DownCause;
use presence_model::{Directory, Failure, Member, Phase, RosterMachine, Status};
mod support;
use support::presence;

const SERVER_T: f64 = 1_800_000_000.0;

const DOWN: Failure = Failure::Down {
    cause: DownCause::Network,
};

#[test]
fn loading_then_ready_then_stale_keeping_rows_then_ready_again() {
    let mut live = RosterMachine::new(140, 4);
    // A 4 s refresh: retries start at 4 s (never sooner than the refresh) and double.
    assert_eq!(live.state().name(), "loading");
    assert!(live.presence_arrived(
        presence(&[("a@x", "active", 10.0)], SERVER_T),
        1000.0,
        &default_ranking
    ));
    assert_eq!(live.state().name(), "ready");
    assert_eq!(live.next_poll_in_ms(1000.0), 4_000.0);

    live.failed(DOWN, 61_000.0, 0.5);
    let Phase::Stale {
        last,
        failure,
        retry_at_ms,
    } = live.state()
    else {
        panic!("{:?}", live.state())
    };
    assert_eq!(
        last.roster.people().next().unwrap().email,
        "a@x",
        "the old rows stay"
    );
    assert_eq!(*failure, DOWN);
    assert_eq!(*retry_at_ms, 66_000.0);
    live.failed(DOWN, 66_000.0, 0.5);
    assert_eq!(live.next_poll_in_ms(66_000.0), 10_000.0, "backs off");
    assert_eq!(live.failures(), 2);

    assert!(live.presence_arrived(
        presence(&[("a@x", "active", 5.0)], SERVER_T + 80.0),
        80_000.0,
        &default_ranking
    ));
    assert_eq!((live.state().name(), live.failures()), ("ready", 0));
}

#[test]
fn a_failure_with_nothing_shown_is_an_error_and_empty_is_its_own_state() {
    let mut live = RosterMachine::new(140, 1);
    live.failed(
        Failure::RateLimited {
            retry_after_secs: 3.0,
        },
        0.0,
        0.0,
    );
    assert_eq!(live.state().name(), "error");
    assert_eq!(live.next_poll_in_ms(1000.0), 2000.0);
    assert!(live.presence_arrived(presence(&[], SERVER_T), 5000.0, &default_ranking));
    assert_eq!(live.state().name(), "empty");
    live.failed(DOWN, 6000.0, 0.5);
    assert_eq!(live.state().name(), "stale");
    assert!(live.state().snapshot().unwrap().roster.is_empty());
}

#[test]
fn an_identical_poll_changes_nothing_visible() {
    let mut live = RosterMachine::new(140, 60);
    let order = &default_ranking;
    live.presence_arrived(
        presence(&[("a@x", "active", 10.0), ("b@x", "idle", 10.0)], SERVER_T),
        0.0,
        order,
    );
    // A minute later the same people report again: same statuses, same rows.
    assert!(!live.presence_arrived(
        presence(
            &[("a@x", "active", 10.0), ("b@x", "idle", 10.0)],
            SERVER_T + 60.0
        ),
        60_000.0,
        order
    ));
    assert!(live.presence_arrived(
        presence(
            &[("a@x", "idle", 10.0), ("b@x", "idle", 10.0)],
            SERVER_T + 120.0
        ),
        120_000.0,
        order
    ));
    live.presence_arrived(presence(&[], SERVER_T), 0.0, order);
    assert!(!live.presence_arrived(presence(&[], SERVER_T + 60.0), 60_000.0, order));
}

#[test]
fn ticks_age_people_on_the_servers_clock_not_the_browsers() {
    let mut live = RosterMachine::new(140, 60);
    let order = &default_ranking;
    // Arrives at local 5,000 ms; the local clock's origin has nothing to do with the
    // server's epoch seconds, which is the point.
    live.presence_arrived(
        presence(&[("a@x", "active", 100.0), ("b@x", "idle", 0.0)], SERVER_T),
        5_000.0,
        order,
    );
    let status = |live: &RosterMachine, email| {
        live.state()
            .snapshot()
            .unwrap()
            .roster
            .get(email)
            .unwrap()
            .status
    };
    assert!(!live.tick(5_000.0 + 39_000.0));
    assert_eq!(status(&live, "a@x"), Status::Active);
    assert!(
        live.tick(5_000.0 + 40_000.0),
        "140 s after the report: no longer active"
    );
    assert_eq!(
        status(&live, "a@x"),
        Status::Idle,
        "held at idle while the answer is younger than the threshold"
    );
    assert!(live.tick(5_000.0 + 140_000.0));
    assert_eq!(status(&live, "a@x"), Status::Offline);
    assert_eq!(status(&live, "b@x"), Status::Offline);
    assert_eq!(live.state().snapshot().unwrap().roster.counts().offline, 2);
}

#[test]
fn names_arriving_later_rebuild_the_rows() {
    let mut live = RosterMachine::new(140, 60);
    let order = &default_ranking;
    assert!(
        !live.names_arrived(Directory::default(), 0.0, order),
        "nothing on screen to rename"
    );
    live.presence_arrived(presence(&[("a@x", "active", 1.0)], SERVER_T), 0.0, order);
    let member = Member {
        user_id: 1,
        email: "a@x".into(),
        full_name: "Ada".into(),
        avatar_url: Some("javascript:alert(1)".into()),
        is_bot: false,
        is_active: true,
        is_guest: false,
        role: None,
        timezone: String::new(),
    };
    assert!(live.names_arrived(Directory::new([member.clone()]), 1000.0, order));
    let person = &live
        .state()
        .snapshot()
        .unwrap()
        .roster
        .people()
        .next()
        .unwrap();
    assert_eq!(person.display_name(), "Ada");
    assert_eq!(person.avatar_url, None, "a javascript: avatar is dropped");
    assert!(
        !live.names_arrived(Directory::new([member]), 2000.0, order),
        "same names, no change"
    );
}

fn member(id: i64, email: &str, full_name: &str) -> Member {
    Member {
        user_id: id,
        email: email.into(),
        full_name: full_name.into(),
        avatar_url: None,
        is_bot: false,
        is_active: true,
        is_guest: false,
        role: None,
        timezone: String::new(),
    }
}

fn names_in_order(live: &RosterMachine) -> Vec<String> {
    let roster = &live.state().snapshot().unwrap().roster;
    roster
        .people()
        .map(|p| p.display_name().to_owned())
        .collect()
}

#[test]
fn names_are_ranked_once_when_they_arrive_not_on_every_poll() {
    // The browser ranks with a collator in JavaScript: at 10,000 people a quarter of a
    // poll. The order stays the viewer's across polls.
    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let counted = calls.clone();
    let counting = move |names: &[&str]| {
        counted.set(counted.get() + 1);
        default_ranking(names)
    };
    let mut live = RosterMachine::new(140, 60);
    let team = || presence(&[("a@x", "active", 1.0), ("b@x", "active", 2.0)], SERVER_T);
    live.presence_arrived(team(), 0.0, &counting);
    assert_eq!(calls.get(), 1, "emails ranked while names are unknown");
    let directory = Directory::new([member(1, "a@x", "Zed"), member(2, "b@x", "Ann")]);
    live.names_arrived(directory, 1000.0, &counting);
    assert_eq!(calls.get(), 2, "names ranked as they arrive");
    live.presence_arrived(team(), 60_000.0, &counting);
    live.presence_arrived(team(), 120_000.0, &counting);
    assert_eq!(calls.get(), 2, "polls reuse the ranks");
    assert_eq!(names_in_order(&live), ["Ann", "Zed"]);
}

#[test]
fn a_new_language_ranks_the_names_again() {
    let mut live = RosterMachine::new(140, 60);
    let order = &default_ranking;
    let team = presence(&[("a@x", "active", 1.0), ("b@x", "active", 2.0)], SERVER_T);
    live.presence_arrived(team, 0.0, order);
    let directory = Directory::new([member(1, "a@x", "Zed"), member(2, "b@x", "Ann")]);
    live.names_arrived(directory, 1000.0, order);
    assert_eq!(names_in_order(&live), ["Ann", "Zed"]);
    let reversed = |names: &[&str]| {
        let ranks = default_ranking(names);
        ranks.iter().map(|r| names.len() as u32 - 1 - r).collect()
    };
    assert!(live.rebuild(2000.0, &reversed));
    assert_eq!(names_in_order(&live), ["Zed", "Ann"]);
}

#[test]
fn updated_ago_words() {
    use presence_model::words::updated_ago;
    let table = [
        (0.0, "just now"),
        (59.9, "just now"),
        (60.0, "1 minute ago"),
        (185.0, "3 minutes ago"),
        (7300.0, "2 hours ago"),
        (-5.0, "just now"),
    ];
    for (secs, words) in table {
        assert_eq!(updated_ago(secs), words);
    }
}

#[test]
fn banner_words_for_each_state() {
    let order = &default_ranking;
    let mut live = RosterMachine::new(140, 1);
    assert_eq!(live.state().banner(0.0), None);
    live.failed(
        Failure::RateLimited {
            retry_after_secs: 7.0,
        },
        0.0,
        0.0,
    );
    assert_eq!(
        live.state().banner(0.0).unwrap(),
        "Zulip is rate-limiting the proxy. Retrying in 7 s."
    );
    assert_eq!(
        live.state().banner(2500.0).unwrap(),
        "Zulip is rate-limiting the proxy. Retrying in 5 s."
    );
    live.presence_arrived(
        presence(&[("a@x", "active", 1.0)], SERVER_T),
        10_000.0,
        order,
    );
    assert_eq!(live.state().banner(10_000.0), None);
    live.failed(DOWN, 70_000.0, 0.5);
    assert_eq!(
        live.state().banner(190_000.0).unwrap(),
        "Last updated 3 minutes ago; retrying… The proxy cannot be reached (network error)."
    );
    live.failed(
        Failure::RateLimited {
            retry_after_secs: 4.0,
        },
        200_000.0,
        0.0,
    );
    assert_eq!(
        live.state().banner(200_000.0).unwrap(),
        "Last updated 3 minutes ago; retrying in 4 s. Zulip is rate-limiting the proxy."
    );
    live.presence_arrived(presence(&[], SERVER_T), 0.0, order);
    assert_eq!(
        live.state().banner(0.0).unwrap(),
        presence_model::words::EMPTY_MESSAGE
    );
}

#[test]
fn changes_come_from_answers_and_from_ageing_but_not_from_the_first_load() {
    use presence_model::words::english;
    use presence_model::{announcement, StatusChange};
    let order = &default_ranking;
    let mut live = RosterMachine::new(140, 60);
    live.presence_arrived(
        presence(
            &[("a@x", "active", 1.0), ("b@x", "active", 100.0)],
            SERVER_T,
        ),
        0.0,
        order,
    );
    assert!(
        live.take_changes().is_empty(),
        "loading the page is not a change"
    );
    live.tick(50_000.0);
    let aged = live.take_changes();
    assert_eq!(
        aged,
        [StatusChange {
            email: "b@x".into(),
            from: Some(Status::Active),
            to: Status::Idle
        }]
    );
    live.presence_arrived(
        presence(
            &[
                ("a@x", "idle", 1.0),
                ("b@x", "active", 1.0),
                ("c@x", "active", 1.0),
            ],
            SERVER_T + 60.0,
        ),
        60_000.0,
        order,
    );
    let changes = live.take_changes();
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert_eq!(
        announcement(&changes, english()).unwrap(),
        "2 people came online, 1 person went idle."
    );
    assert_eq!(
        announcement(&aged, english()).unwrap(),
        "1 person went idle."
    );
    assert_eq!(announcement(&[], english()), None);
    assert!(live.take_changes().is_empty(), "taken once");
    // Counted poll by poll, the same words as all at once.
    let mut tally = presence_model::ChangeTally::default();
    assert!(tally.is_empty());
    tally.add(&changes);
    tally.add(&aged);
    assert_eq!(
        tally.announcement(english()),
        announcement(&[changes, aged].concat(), english())
    );
}
