//! A shared feed's polling decisions, as sequences of what happens in the browser.

use presence_model::state::poll::{PollAction, PollSchedule};
use PollAction::{Nothing, Request, WaitMs};

#[test]
fn polls_then_waits_what_the_subscribers_asked() {
    let mut schedule = PollSchedule::new(false);
    assert_eq!(schedule.poll_now(), Request);
    assert!(schedule.in_flight());
    assert_eq!(schedule.answered(30_000), WaitMs(30_000));
    assert!(!schedule.in_flight());
    assert_eq!(schedule.poll_now(), Request, "the timer fired");
}

#[test]
fn a_refresh_during_a_request_is_one_more_request_as_soon_as_it_answers() {
    let mut schedule = PollSchedule::new(false);
    assert_eq!(schedule.poll_now(), Request);
    assert_eq!(schedule.poll_now(), Nothing, "never two requests in flight");
    assert_eq!(
        schedule.poll_now(),
        Nothing,
        "refreshes during one request are one"
    );
    assert_eq!(schedule.answered(60_000), Request, "the kept refresh");
    assert_eq!(schedule.answered(60_000), WaitMs(60_000), "and only one");
}

#[test]
fn a_failed_request_still_ends_it_and_the_retry_waits() {
    let mut schedule = PollSchedule::new(false);
    schedule.poll_now();
    assert_eq!(schedule.answered(4000), WaitMs(4000));
}

#[test]
fn nothing_is_fetched_while_hidden_and_a_due_poll_runs_when_shown() {
    let mut schedule = PollSchedule::new(true);
    assert_eq!(schedule.poll_now(), Nothing, "hidden at mount");
    assert_eq!(
        schedule.visibility(false, false),
        Request,
        "due, so shown means now"
    );
    assert_eq!(schedule.answered(60_000), WaitMs(60_000));
    assert_eq!(schedule.visibility(true, false), Nothing);
    assert_eq!(schedule.poll_now(), Nothing, "the timer fired while hidden");
    assert_eq!(schedule.visibility(false, false), Request);
}

#[test]
fn shown_again_refreshes_presence_but_not_names() {
    let mut presence = PollSchedule::new(false);
    presence.poll_now();
    presence.answered(60_000);
    presence.visibility(true, true);
    assert_eq!(
        presence.visibility(false, true),
        Request,
        "presence is worth refreshing"
    );
    let mut names = PollSchedule::new(false);
    names.poll_now();
    names.answered(600_000);
    names.visibility(true, false);
    assert_eq!(
        names.visibility(false, false),
        Nothing,
        "names wait their 10 minutes"
    );
}

#[test]
fn shown_during_a_request_keeps_one_request() {
    let mut schedule = PollSchedule::new(false);
    schedule.poll_now();
    schedule.visibility(true, true);
    assert_eq!(schedule.visibility(false, true), Nothing);
    assert_eq!(
        schedule.answered(1000),
        Request,
        "the refresh on showing, after the answer"
    );
}
