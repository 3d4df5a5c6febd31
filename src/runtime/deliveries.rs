//! A widget's feeds, and their answers turned into the reducer's events: classified here
//! (the model's rules), handed over at once when small, or in the next task when they
//! build a roster (see [`Runtime::in_steps`]). When each feed asks again is the reducer's
//! answer to the event ([`presence_model::state::Effect::Poll`]), never decided here.

use std::rc::{Rc, Weak};

use presence_model::domain::{classify_team, Directory, TeamFeed, TeamStage};
use presence_model::protocol::DownCause;
use presence_model::state::Event;
use presence_model::{
    classify_presence, classify_server_settings, classify_users, Answer, Failure,
};

use super::Runtime;
use crate::services::feed::{subscribe, Delivery, FeedOptions, FeedSubscription};
use crate::services::{FetchError, HttpAnswer};

/// Subscribes `runtime` to the shared feed of `url`; `handle` gets each delivery while
/// the widget lives.
fn feed(
    runtime: &Rc<Runtime>,
    url: String,
    timeout_ms: u32,
    refresh_on_visible: bool,
    handle: impl Fn(&Rc<Runtime>, &Delivery) + 'static,
) -> FeedSubscription {
    let weak: Weak<Runtime> = Rc::downgrade(runtime);
    subscribe(
        &runtime.services,
        FeedOptions {
            url,
            timeout_ms,
            refresh_on_visible,
        },
        Rc::new(move |delivery: &Delivery| {
            if let Some(runtime) = weak.upgrade() {
                handle(&runtime, delivery);
            }
        }),
    )
}

fn answer(answer: &HttpAnswer) -> Answer<'_> {
    Answer {
        status: answer.status,
        retry_after: answer.retry_after.as_deref(),
        body: &answer.body,
    }
}

/// A request that got no answer, as the roster describes it.
fn fetch_failure(error: &FetchError, timeout_ms: u32) -> Failure {
    match error {
        FetchError::Timeout => Failure::Down {
            cause: DownCause::Timeout(timeout_ms / 1000),
        },
        FetchError::Network | FetchError::Aborted => Failure::Down {
            cause: DownCause::Network,
        },
        FetchError::TooLarge => Failure::TooLarge,
    }
}

/// Presence: classified here, built and shown in the next tasks; a failure at once.
pub(super) fn presence(runtime: &Rc<Runtime>, url: String, timeout_ms: u32) -> FeedSubscription {
    feed(runtime, url, timeout_ms, true, move |runtime, delivery| {
        // At 10,000 people parsing and building an answer is most of a poll's cost; the
        // same bytes again change nothing when the roster on screen came from them.
        let repeat = delivery.repeated
            && runtime
                .state
                .try_borrow()
                .is_ok_and(|state| state.takes_repeats());
        if repeat {
            return runtime.dispatch(Event::Repeated);
        }
        let outcome = match &delivery.result {
            Ok(a) => classify_presence(answer(a)),
            Err(error) => Err(fetch_failure(error, timeout_ms)),
        };
        let (now_ms, jitter) = (delivery.received_ms, (runtime.services.random)());
        match outcome {
            Ok(parsed) => {
                runtime.warn_once(&parsed.warnings);
                runtime.in_steps(Event::Presence {
                    outcome: Ok(parsed.value),
                    now_ms,
                    jitter,
                });
            }
            Err(failure) => runtime.dispatch(Event::Presence {
                outcome: Err(failure),
                now_ms,
                jitter,
            }),
        }
    })
}

/// Names from `/users`: built in the next task; a failure at once.
pub(super) fn users(runtime: &Rc<Runtime>, url: String, timeout_ms: u32) -> FeedSubscription {
    feed(runtime, url, timeout_ms, false, move |runtime, delivery| {
        let now_ms = delivery.received_ms;
        let outcome = match &delivery.result {
            Ok(a) => classify_users(answer(a)),
            Err(error) => Err(fetch_failure(error, timeout_ms)),
        };
        match outcome {
            Ok(users) => {
                let directory = Directory::new(users.members);
                runtime.in_steps(Event::Names { directory, now_ms });
            }
            Err(failure) => runtime.dispatch(Event::NamesFailed { failure, now_ms }),
        }
    })
}

/// The server's version (for its offline threshold) and the organization's URL (for links);
/// `None` when they could not be read.
pub(super) fn settings(runtime: &Rc<Runtime>, url: String, timeout_ms: u32) -> FeedSubscription {
    feed(runtime, url, timeout_ms, false, |runtime, delivery| {
        let server = delivery
            .result
            .as_ref()
            .ok()
            .and_then(|a| classify_server_settings(answer(a)).ok());
        let (feature_level, realm_url) = match server {
            Some(info) => (Some(info.feature_level), info.realm_url),
            None => (None, None),
        };
        runtime.dispatch(Event::Server {
            feature_level,
            realm_url,
            now_ms: delivery.received_ms,
        });
    })
}

/// One of the team's feeds, read as `feed.stage` says: members after the next task (they
/// rebuild the roster), a failure at once.
pub(super) fn team(runtime: &Rc<Runtime>, feed_: TeamFeed, timeout_ms: u32) -> FeedSubscription {
    let stage: TeamStage = feed_.stage;
    feed(
        runtime,
        feed_.url,
        timeout_ms,
        false,
        move |runtime, delivery| {
            let team = runtime.state.try_borrow().ok().and_then(|s| {
                s.config()
                    .and_then(|c| c.as_ref().ok())
                    .and_then(|c| c.team.clone())
            });
            let Some(team) = team else {
                return;
            };
            let outcome = match &delivery.result {
                Ok(a) => classify_team(stage, &team, answer(a)),
                Err(error) => Err(fetch_failure(error, timeout_ms)),
            };
            let now_ms = delivery.received_ms;
            match outcome.is_ok() {
                true => runtime.in_steps(Event::Team { outcome, now_ms }),
                false => runtime.dispatch(Event::Team { outcome, now_ms }),
            }
        },
    )
}
