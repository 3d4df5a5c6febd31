//! The mounted widget's reducer, driven by event sequences as the browser sends them:
//! what it renders, what the host element and its events say, what is announced, and
//! when (and what) it polls. Every event kind is here, and the races the browser allows.

use presence_model::domain::default_ranking;
use presence_model::protocol::DownCause;
use presence_model::state::{
    ChangeReport, Effect, Effects, Event, FeedKind, Feeds, HostSummary, PollRequest, Widget,
    ANNOUNCE_EVERY_MS,
};
use presence_model::words::english;
use presence_model::{
    Config, Counts, Directory, Failure, Member, Privacy, RealmPresence, Status, StatusChange,
};
mod support;
use support::presence;

const SERVER_T: f64 = 1_800_000_000.0;

fn team() -> RealmPresence {
    presence(
        &[
            ("a@x", "active", 10.0),
            ("b@x", "idle", 20.0),
            ("c@x", "active", 400.0),
        ],
        SERVER_T,
    )
}

/// Options as the page gives them.
fn page_config(pairs: &[(&str, &str)]) -> Config {
    Config::from_pairs(pairs.iter().copied(), Some("/api/v1")).unwrap()
}

/// Options with the offline threshold set (140 s, unless `pairs` say), so answers are
/// built as they arrive: most cases here are not about the server's threshold.
fn config(pairs: &[(&str, &str)]) -> Config {
    let mut config = page_config(pairs);
    config.offline_threshold_secs.get_or_insert(140);
    config
}

fn step(roster: &mut Widget, event: Event) -> Effects {
    roster.update(event, english(), &default_ranking)
}

fn answer(now_ms: f64, presence: RealmPresence) -> Event {
    Event::Presence {
        outcome: Ok(presence),
        now_ms,
        jitter: 0.0,
    }
}

fn failure(now_ms: f64) -> Event {
    Event::Presence {
        outcome: Err(Failure::Down {
            cause: DownCause::Network,
        }),
        now_ms,
        jitter: 0.0,
    }
}

/// A roster mounted with `pairs` whose first answer (the team) has arrived at 1 s.
fn ready(pairs: &[(&str, &str)]) -> Widget {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(config(pairs))));
    step(&mut roster, answer(1000.0, team()));
    roster
}

#[test]
fn mounting_starts_the_three_feeds_and_says_loading() {
    let mut roster = Widget::default();
    let effects = step(
        &mut roster,
        Event::Options(Ok(page_config(&[("timeout", "7")]))),
    );
    assert_eq!(
        effects.subscribes(),
        Some(Feeds {
            presence_url: "/api/v1/realm/presence".into(),
            users_url: Some("/api/v1/users?client_gravatar=false".into()),
            settings_url: Some("/api/v1/server_settings".into()),
            team: None,
            timeout_ms: 7000,
        })
    );
    assert!(effects.render());
    assert_eq!(
        effects.host(),
        Some(HostSummary {
            state: "loading",
            counts: None,
            privacy: Privacy::Full,
        })
    );
    assert_eq!(effects.error(), None);
}

#[test]
fn names_off_subscribes_to_presence_only() {
    let mut roster = Widget::default();
    let effects = step(&mut roster, Event::Options(Ok(config(&[("names", "off")]))));
    let Some(feeds) = effects.subscribes() else {
        panic!("no feeds: {:?}", effects)
    };
    assert_eq!(feeds.users_url, None);
}

#[test]
fn the_first_answer_renders_reports_ready_with_counts_and_a_change_with_no_changes() {
    let mut roster = Widget::default();
    step(
        &mut roster,
        Event::Options(Ok(config(&[("refresh", "30")]))),
    );
    let effects = step(&mut roster, answer(1000.0, team()));
    let counts = Counts {
        active: 1,
        idle: 1,
        offline: 1,
    };
    assert!(effects.render());
    assert_eq!(
        effects.host(),
        Some(HostSummary {
            state: "ready",
            counts: Some(counts),
            privacy: Privacy::Full,
        })
    );
    assert_eq!(
        effects.change(),
        Some(ChangeReport {
            counts,
            changes: vec![]
        }),
        "loading is not a change"
    );
    assert_eq!(effects.poll(), Some(PollRequest::InMs(30_000.0)));
}

#[test]
fn a_poll_that_changes_nothing_renders_nothing_and_reports_nothing() {
    let mut roster = ready(&[]);
    let effects = step(&mut roster, answer(61_000.0, team()));
    assert_eq!(
        effects,
        Effects::from(vec![Effect::Poll {
            feed: FeedKind::Presence,
            when: PollRequest::InMs(60_000.0),
        }])
    );
}

#[test]
fn a_status_change_is_reported_with_who_changed() {
    let mut roster = ready(&[]);
    let later = presence(
        &[
            ("a@x", "idle", 10.0),
            ("b@x", "idle", 20.0),
            ("c@x", "active", 400.0),
        ],
        SERVER_T + 60.0,
    );
    let effects = step(&mut roster, answer(61_000.0, later));
    let change = effects.change().expect("a roster-change");
    assert_eq!(
        change.changes,
        [StatusChange {
            email: "a@x".into(),
            from: Some(Status::Active),
            to: Status::Idle
        }]
    );
    assert_eq!(effects.host().unwrap().counts.unwrap().active, 0);
}

#[test]
fn a_failure_after_a_roster_is_stale_with_one_error_event_until_it_recovers() {
    let mut roster = ready(&[("refresh", "10")]);
    let first = step(&mut roster, failure(11_000.0));
    assert_eq!(first.host().unwrap().state, "stale");
    let error = first.error().expect("a roster-error");
    assert_eq!((error.cause, error.status), ("down", None));
    assert!(
        error.message.contains("cannot be reached"),
        "{}",
        error.message
    );
    assert_eq!(first.poll(), Some(PollRequest::InMs(10_000.0)));
    let again = step(&mut roster, failure(21_000.0));
    assert_eq!(again.error(), None, "the same failure is reported once");
    assert_eq!(again.host(), None, "still stale");
    assert_eq!(
        again.poll(),
        Some(PollRequest::InMs(20_000.0)),
        "backing off"
    );
    let back = step(&mut roster, answer(41_000.0, team()));
    assert_eq!(back.host().unwrap().state, "ready");
    let after = step(&mut roster, failure(51_000.0));
    assert!(
        after.error().is_some(),
        "a new failure after recovery is reported"
    );
}

#[test]
fn a_failure_before_any_roster_is_an_error() {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(config(&[]))));
    let effects = step(&mut roster, failure(500.0));
    assert_eq!(
        effects.host(),
        Some(HostSummary {
            state: "error",
            counts: None,
            privacy: Privacy::Full,
        })
    );
    assert_eq!(effects.error().unwrap().cause, "down");
}

#[test]
fn wrong_options_stop_the_feeds_and_say_why() {
    let mut roster = ready(&[]);
    let error = Config::from_pairs([("refresh", "soon")], Some("/api/v1")).unwrap_err();
    let effects = step(&mut roster, Event::Options(Err(error)));
    assert!(effects.unsubscribes());
    assert_eq!(
        effects.host(),
        Some(HostSummary {
            state: "error",
            counts: None,
            privacy: Privacy::Full,
        })
    );
    let report = effects.error().unwrap();
    assert_eq!(report.cause, "config");
    assert!(report.message.starts_with("The setting refresh = \"soon\""));
    let late = step(&mut roster, answer(5000.0, team()));
    assert_eq!(
        late,
        Effects::default(),
        "an answer after wrong options is ignored"
    );
    assert_eq!(step(&mut roster, Event::Refresh).poll(), None);
    let fixed = step(&mut roster, Event::Options(Ok(config(&[]))));
    assert!(fixed.subscribes().is_some());
    assert_eq!(fixed.host().unwrap().state, "loading");
}

#[test]
fn display_options_re_render_without_touching_the_feeds_or_the_roster() {
    for (name, value) in [
        ("lang", "de"),
        ("theme", "dark"),
        ("palette", "colorblind"),
        ("compact", ""),
        ("max-rows", "2"),
        ("show-offline", "none"),
    ] {
        let mut roster = ready(&[]);
        let effects = step(&mut roster, Event::Options(Ok(config(&[(name, value)]))));
        assert!(effects.keeps_feeds(), "{name}");
        assert_eq!(effects.poll(), None, "{name}: no request");
        assert!(effects.render(), "{name}");
        assert_eq!(
            effects.host(),
            None,
            "{name}: still ready with the same counts"
        );
        assert_eq!(roster.live().state().name(), "ready", "{name}");
    }
}

#[test]
fn a_new_proxy_names_or_timeout_restart_the_feeds_from_loading() {
    for (name, value) in [
        ("proxy", "/other/api/v1"),
        ("names", "off"),
        ("timeout", "5"),
    ] {
        let mut roster = ready(&[]);
        let effects = step(&mut roster, Event::Options(Ok(config(&[(name, value)]))));
        assert!(effects.subscribes().is_some(), "{name}");
        assert_eq!(effects.host().unwrap().state, "loading", "{name}");
    }
}

#[test]
fn a_new_refresh_period_keeps_the_roster_and_reschedules_the_next_poll() {
    let mut roster = ready(&[("refresh", "60")]);
    let effects = step(&mut roster, Event::Options(Ok(config(&[("refresh", "5")]))));
    assert!(effects.keeps_feeds());
    assert_eq!(effects.poll(), Some(PollRequest::InMs(5000.0)));
    assert_eq!(roster.live().state().name(), "ready");
}

#[test]
fn a_new_offline_threshold_re_ages_at_the_next_tick() {
    // c@x was active 400 s ago: offline at 140 s, still idle with an hour's threshold.
    let mut roster = ready(&[]);
    let effects = step(
        &mut roster,
        Event::Options(Ok(config(&[("offline-threshold", "3600")]))),
    );
    assert!(effects.keeps_feeds());
    let tick = step(&mut roster, Event::Tick { now_ms: 2000.0 });
    let change = tick.change().expect("c@x changes");
    assert_eq!(
        change.changes,
        [StatusChange {
            email: "c@x".into(),
            from: Some(Status::Offline),
            to: Status::Active
        }]
    );
}

#[test]
fn refresh_asks_for_a_poll_now() {
    let mut roster = ready(&[]);
    assert_eq!(
        step(&mut roster, Event::Refresh),
        Effects::from(vec![Effect::Poll {
            feed: FeedKind::Presence,
            when: PollRequest::Now,
        }])
    );
}

/// The race behind the old flaky German test: the language changes while a request is
/// in flight, then the page asks for a refresh. The option change must not restart the
/// feed (which dropped the refresh), and the refresh must ask for a poll.
#[test]
fn an_option_change_during_a_request_then_refresh_still_polls() {
    let mut roster = ready(&[("refresh", "600")]);
    let change = step(
        &mut roster,
        Event::Options(Ok(config(&[("refresh", "600"), ("lang", "de")]))),
    );
    assert!(change.keeps_feeds());
    assert_eq!(
        step(&mut roster, Event::Refresh).poll(),
        Some(PollRequest::Now)
    );
    // The answer that was in flight lands, then the refreshed one (a failure).
    step(&mut roster, answer(2000.0, team()));
    let failed = step(&mut roster, failure(2500.0));
    assert_eq!(failed.host().unwrap().state, "stale");
}

#[test]
fn names_re_render_the_rows_once() {
    let mut roster = ready(&[]);
    let directory = Directory::new([Member {
        user_id: 1,
        email: "a@x".into(),
        full_name: "Ada".into(),
        avatar_url: None,
        is_bot: false,
        is_active: true,
        is_guest: false,
        role: None,
        timezone: String::new(),
    }]);
    let first = step(
        &mut roster,
        Event::Names {
            directory: directory.clone(),
            now_ms: 1500.0,
        },
    );
    assert!(first.render());
    let same = step(
        &mut roster,
        Event::Names {
            directory,
            now_ms: 2500.0,
        },
    );
    assert!(!same.render(), "the same names change nothing");
}

#[test]
fn ticks_age_people_report_it_and_announce_at_most_every_30_seconds() {
    // a@x was active 10 s and b@x idle 20 s before the answer: with no answer since for
    // a whole threshold (140 s), both are offline.
    let mut roster = ready(&[]);
    assert_eq!(
        step(&mut roster, Event::Tick { now_ms: 2000.0 }),
        Effects::default()
    );
    let aged = step(&mut roster, Event::Tick { now_ms: 142_000.0 });
    assert!(aged.render());
    let change = aged.change().expect("they went offline");
    let who: Vec<_> = change
        .changes
        .iter()
        .map(|c| (c.email.as_str(), c.to))
        .collect();
    assert_eq!(who, [("a@x", Status::Offline), ("b@x", Status::Offline)]);
    assert_eq!(aged.announce().as_deref(), Some("2 people went offline."));
    assert_eq!(roster.announcement(), "2 people went offline.");
    // The next change within 30 s waits for the next announcement.
    let later = presence(&[("b@x", "active", 1.0)], SERVER_T + 150.0);
    step(&mut roster, answer(150_000.0, later));
    let quiet = step(&mut roster, Event::Tick { now_ms: 151_000.0 });
    assert_eq!(quiet.announce(), None);
    let spoken = step(
        &mut roster,
        Event::Tick {
            now_ms: 142_000.0 + ANNOUNCE_EVERY_MS,
        },
    );
    assert!(spoken.announce().unwrap().contains("came online"));
}

#[test]
fn a_stale_banner_counts_time_so_ticks_re_render_it() {
    let mut roster = ready(&[]);
    step(&mut roster, failure(2000.0));
    assert!(step(&mut roster, Event::Tick { now_ms: 3000.0 }).render());
}

#[test]
fn a_new_language_sorts_names_in_its_order_without_a_request() {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(config(&[]))));
    let two_active = presence(
        &[("ann@x", "active", 5.0), ("bea@x", "active", 5.0)],
        SERVER_T,
    );
    step(&mut roster, answer(1000.0, two_active));
    let order = |roster: &Widget| -> Vec<String> {
        let snapshot = roster.live().state().snapshot().unwrap();
        snapshot.roster.people().map(|p| p.email.clone()).collect()
    };
    assert_eq!(order(&roster), ["ann@x", "bea@x"]);
    // A language whose order is the reverse of the default's.
    let reversed = |names: &[&str]| -> Vec<u32> {
        let n = names.len() as u32;
        presence_model::domain::default_ranking(names)
            .into_iter()
            .map(|r| n - 1 - r)
            .collect()
    };
    let effects = roster.update(Event::Locale { now_ms: 2000.0 }, english(), &reversed);
    assert!(effects.render());
    assert_eq!(
        (effects.keeps_feeds(), effects.poll()),
        (true, None),
        "no request"
    );
    assert_eq!(order(&roster), ["bea@x", "ann@x"]);
}

#[test]
fn a_new_proxy_forgets_what_the_old_roster_had_left_to_announce() {
    let mut roster = ready(&[]);
    // a@x and b@x age offline; announced at once, as the live region has been quiet.
    assert!(step(&mut roster, Event::Tick { now_ms: 132_000.0 })
        .announce()
        .is_some());
    let later = presence(&[("a@x", "active", 1.0)], SERVER_T + 140.0);
    step(&mut roster, answer(140_000.0, later));
    // a@x came online: pending until 30 s after the last announcement.
    let moved = step(
        &mut roster,
        Event::Options(Ok(config(&[("proxy", "/other/api/v1")]))),
    );
    assert!(moved.subscribes().is_some());
    step(&mut roster, answer(150_000.0, team()));
    let after = step(
        &mut roster,
        Event::Tick {
            now_ms: 132_000.0 + ANNOUNCE_EVERY_MS,
        },
    );
    assert_eq!(
        after.announce(),
        None,
        "the other organization's changes are not announced"
    );
    assert_eq!(roster.announcement(), "");
}

/// The threshold as the server says (`zproject/default_settings.py`
/// `OFFLINE_THRESHOLD_SECS = 200`, announced from feature level 164; 140 s before):
/// c@x's last report is 170 s old, so the server's version decides whether they are
/// still idle or offline.
fn mounted_then_answered(feature_level: Option<u32>, pairs: &[(&str, &str)]) -> Widget {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(page_config(pairs))));
    let answer_first = step(
        &mut roster,
        answer(
            1000.0,
            presence(&[("a@x", "active", 5.0), ("c@x", "idle", 170.0)], SERVER_T),
        ),
    );
    if pairs.iter().all(|(name, _)| *name != "offline-threshold") {
        assert!(!answer_first.render(), "the answer waits for the threshold");
        assert_eq!(roster.host_summary().state, "loading");
        step(
            &mut roster,
            Event::Server {
                feature_level,
                realm_url: None,
                now_ms: 1200.0,
            },
        );
    }
    roster
}

fn status_of(roster: &Widget, email: &str) -> Status {
    let snapshot = roster.live().state().snapshot().expect("a roster");
    snapshot.roster.get(email).unwrap().status
}

#[test]
fn servers_from_feature_level_164_keep_people_idle_for_200_seconds() {
    let roster = mounted_then_answered(Some(164), &[]);
    assert_eq!(roster.host_summary().state, "ready");
    assert_eq!(status_of(&roster, "c@x"), Status::Idle);
    assert_eq!(roster.live().threshold_secs(), 200);
}

#[test]
fn older_servers_and_unreadable_settings_use_140_seconds() {
    for level in [Some(163), None] {
        let roster = mounted_then_answered(level, &[]);
        assert_eq!(status_of(&roster, "c@x"), Status::Offline, "{level:?}");
    }
}

#[test]
fn the_offline_threshold_option_overrides_the_server_and_skips_asking() {
    // Without links: the server's version is then the only reason to ask.
    let mut roster = Widget::default();
    let effects = step(
        &mut roster,
        Event::Options(Ok(page_config(&[
            ("offline-threshold", "140"),
            ("links", "off"),
        ]))),
    );
    let Some(feeds) = effects.subscribes() else {
        panic!("no feeds: {:?}", effects)
    };
    assert_eq!(feeds.settings_url, None);
    let roster = mounted_then_answered(None, &[("offline-threshold", "140")]);
    assert_eq!(status_of(&roster, "c@x"), Status::Offline);
}

/// The first answer is held until the server's version is known, so the first roster
/// is aged with the right threshold: nobody is shown offline by a 140 s guess and then
/// idle when the server says 200.
#[test]
fn the_first_answer_waits_for_the_server_then_reports_once() {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(page_config(&[]))));
    let held = step(&mut roster, answer(1000.0, team()));
    assert_eq!(held.change(), None);
    assert_eq!(
        held.poll(),
        Some(PollRequest::InMs(60_000.0)),
        "polling goes on"
    );
    let known = step(
        &mut roster,
        Event::Server {
            feature_level: Some(237),
            realm_url: None,
            now_ms: 1500.0,
        },
    );
    assert!(known.render());
    assert_eq!(known.host().unwrap().state, "ready");
    let change = known.change().expect("the first roster is reported");
    assert!(change.changes.is_empty(), "loading is not a change");
}

/// Names decide who is listed: a presence key /users does not list leaves, a member with
/// no presence joins, and the page hears the new counts (a page showing "7 active" must
/// not keep saying so).
#[test]
fn names_that_change_who_is_listed_fire_a_roster_change_with_the_new_counts() {
    let mut roster = ready(&[]);
    let directory = Directory::new([
        Member::human(1, "a@x", "Ada", None),
        Member::human(3, "nina@x", "Nina", None),
        Member::human(4, "zed@x", "Zed", None),
    ]);
    let effects = step(
        &mut roster,
        Event::Names {
            directory: directory.clone(),
            now_ms: 1500.0,
        },
    );
    let change = effects.change().expect("the counts changed");
    assert!(change.changes.is_empty());
    // b@x and c@x (not in /users) left; nina@x and zed@x (no presence) came in offline.
    assert_eq!(
        change.counts,
        Counts {
            active: 1,
            idle: 0,
            offline: 2
        }
    );
    assert_eq!(effects.host().unwrap().counts, Some(change.counts));
    let again = step(
        &mut roster,
        Event::Names {
            directory,
            now_ms: 2500.0,
        },
    );
    assert_eq!(again.change(), None, "the same names change nothing");
}

/// Someone dropping out of the answer's two weeks changes the counts without a status
/// change: the page hears the new counts too.
#[test]
fn an_answer_without_someone_fires_a_roster_change_with_the_new_counts() {
    let mut roster = ready(&[]);
    let without_c = presence(
        &[("a@x", "active", 10.0), ("b@x", "idle", 20.0)],
        SERVER_T + 60.0,
    );
    let effects = step(&mut roster, answer(61_000.0, without_c));
    let change = effects.change().expect("the counts changed");
    assert!(change.changes.is_empty());
    assert_eq!(
        change.counts,
        Counts {
            active: 1,
            idle: 1,
            offline: 0
        }
    );
}

#[test]
fn the_same_answer_again_only_schedules_the_next_poll() {
    let mut roster = ready(&[]);
    assert!(roster.takes_repeats());
    assert_eq!(
        step(&mut roster, Event::Repeated),
        Effects::from(vec![Effect::Poll {
            feed: FeedKind::Presence,
            when: PollRequest::InMs(60_000.0),
        }])
    );
}

#[test]
fn after_the_same_answer_again_people_age_from_when_it_first_came() {
    // A proxy's cache can serve one answer for minutes. a@x was active 10 s before it
    // (which came at 1 s): no longer active 130 s later (idle: connected when the answer
    // was made), however often the same bytes come again. Taking a repeat's arrival as
    // the answer's would hold a@x active for another minute.
    let mut roster = ready(&[]);
    step(&mut roster, Event::Repeated);
    let still = step(&mut roster, Event::Tick { now_ms: 130_000.0 });
    assert_eq!(still.change(), None, "a@x is 139 s old: still active");
    let aged = step(&mut roster, Event::Tick { now_ms: 131_500.0 });
    let who: Vec<_> = aged
        .change()
        .expect("a@x went idle")
        .changes
        .into_iter()
        .map(|c| (c.email, c.to))
        .collect();
    assert_eq!(who, [("a@x".to_owned(), Status::Idle)]);
}

#[test]
fn repeats_are_not_taken_while_loading() {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(config(&[]))));
    assert!(!roster.takes_repeats());
    assert_eq!(step(&mut roster, Event::Repeated), Effects::default());
}

#[test]
fn repeats_are_not_taken_while_a_failure_is_shown() {
    // The bytes equal the last answer, but the screen shows the failure after it: the
    // answer itself must be read to recover.
    let mut roster = ready(&[]);
    step(&mut roster, failure(61_000.0));
    assert!(!roster.takes_repeats());
}

#[test]
fn repeats_are_not_taken_while_the_answer_waits_for_the_servers_version() {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(page_config(&[]))));
    step(&mut roster, answer(1000.0, team()));
    assert_eq!(roster.host_summary().state, "loading");
    assert!(!roster.takes_repeats());
}

// --- When the other feeds ask again: the reducer's to say, as for presence -----------

#[test]
fn names_are_asked_for_again_every_ten_minutes() {
    let mut roster = ready(&[]);
    let effects = step(
        &mut roster,
        Event::Names {
            directory: Directory::default(),
            now_ms: 5000.0,
        },
    );
    assert_eq!(
        effects.poll_of(FeedKind::Users),
        Some(PollRequest::InMs(600_000.0))
    );
}

#[test]
fn names_that_fail_leave_emails_and_are_asked_for_again_in_ten_minutes() {
    let mut roster = ready(&[]);
    let failure = Failure::Down {
        cause: DownCause::Network,
    };
    let effects = step(
        &mut roster,
        Event::NamesFailed {
            failure,
            now_ms: 5000.0,
        },
    );
    assert_eq!(effects.error(), None);
    assert_eq!(
        effects.poll_of(FeedKind::Users),
        Some(PollRequest::InMs(600_000.0))
    );
}

/// What a freshly mounted roster does when `/server_settings` answers `feature_level`.
fn server_answered(feature_level: Option<u32>) -> Effects {
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(page_config(&[]))));
    step(
        &mut roster,
        Event::Server {
            feature_level,
            realm_url: None,
            now_ms: 500.0,
        },
    )
}

#[test]
fn the_servers_version_is_read_once() {
    let effects = server_answered(Some(200));
    assert_eq!(effects.poll_of(FeedKind::Settings), None);
}

#[test]
fn a_server_version_that_could_not_be_read_is_asked_for_once_more_in_ten_minutes() {
    let effects = server_answered(None);
    assert_eq!(
        effects.poll_of(FeedKind::Settings),
        Some(PollRequest::InMs(600_000.0))
    );
}

#[test]
fn effects_come_in_the_shells_order_announce_render_host_events_then_polls() {
    let mut roster = ready(&[]);
    let effects = step(&mut roster, Event::Tick { now_ms: 142_000.0 });
    let kinds: Vec<&str> = effects
        .iter()
        .map(|e| match e {
            Effect::Announce(_) => "announce",
            Effect::Render => "render",
            Effect::Host(_) => "host",
            Effect::Change(_) => "change",
            Effect::Error(_) => "error",
            Effect::Subscribe(_) | Effect::Unsubscribe | Effect::FollowTeam(_) => "feeds",
            Effect::Poll { .. } => "poll",
        })
        .collect();
    assert_eq!(kinds, ["announce", "render", "host", "change"]);
}

#[test]
fn a_new_proxy_empties_the_live_region() {
    let mut roster = ready(&[]);
    let spoken = step(&mut roster, Event::Tick { now_ms: 142_000.0 });
    assert!(spoken.announce().is_some_and(|text| !text.is_empty()));
    let moved = step(
        &mut roster,
        Event::Options(Ok(config(&[("proxy", "/other/api/v1")]))),
    );
    assert_eq!(moved.announce().as_deref(), Some(""));
}

#[test]
fn links_ask_the_server_for_its_url_even_when_the_page_sets_the_threshold() {
    let mut roster = Widget::default();
    let effects = step(
        &mut roster,
        Event::Options(Ok(page_config(&[("offline-threshold", "140")]))),
    );
    let feeds = effects.subscribes().expect("feeds");
    assert_eq!(
        feeds.settings_url.as_deref(),
        Some("/api/v1/server_settings")
    );
}

fn linked(realm_url: &str, pairs: &[(&str, &str)]) -> Widget {
    let mut roster = ready(pairs);
    step(
        &mut roster,
        Event::Server {
            feature_level: Some(237),
            realm_url: Some(realm_url.into()),
            now_ms: 1500.0,
        },
    );
    roster
}

#[test]
fn rows_link_into_the_organization_the_server_names() {
    let roster = linked("https://chat.example.com/", &[]);
    assert_eq!(roster.org_link(), Some("https://chat.example.com"));
}

#[test]
fn links_off_link_nowhere() {
    let roster = linked("https://chat.example.com", &[("links", "off")]);
    assert_eq!(roster.org_link(), None);
}

#[test]
fn a_server_url_a_link_may_not_use_links_nowhere() {
    for url in [
        "javascript:alert(1)",
        "https://chat.example.com\\@evil.example",
        "https://user:pw@chat.example.com",
        "https://chat.example.com/\"><script>",
        "//chat.example.com",
        "data:text/html,hi",
        "https://",
    ] {
        assert_eq!(linked(url, &[]).org_link(), None, "{url}");
    }
}
