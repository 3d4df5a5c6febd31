//! `use_live`: the live roster as a hook. It holds feed subscriptions (shared with every
//! widget on the page that polls the same URL) and the ageing ticker for as long as the
//! component lives or its options stay the same, and re-renders only when something a
//! viewer sees has changed.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use presence_model::fetch::DownCause;
use presence_model::{
    classify_presence, classify_users, Answer, ChangeTally, Config, Directory, Failure, Live, Names,
};
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;
use yew::prelude::*;

use crate::host::dispatch_change;
use crate::services::collator::{locale_order, NameOrder};
use crate::services::feed::{subscribe, FeedSubscription};
use crate::services::intl::Speech;
use crate::services::poller::PollerOptions;
use crate::services::yielding::next_task;
use crate::services::{FetchError, HttpAnswer, Services};

/// Names are refreshed this often: `GET /users` is heavy on big organizations.
const USERS_REFRESH_MS: u32 = 10 * 60 * 1000;
/// The live region speaks at most this often, so a screen reader is not flooded.
const ANNOUNCE_EVERY_MS: f64 = 30_000.0;

/// What `RosterControl::refresh` calls, once the roster is polling.
type RefreshSlot = Rc<RefCell<Option<Rc<dyn Fn()>>>>;

/// A way for the page to ask a mounted roster to refresh now.
#[derive(Clone, Default)]
pub struct RosterControl(RefreshSlot);

impl RosterControl {
    /// Polls now, unless a request is in flight.
    pub fn refresh(&self) {
        let action = self.0.borrow().clone();
        if let Some(action) = action {
            action();
        }
    }

    fn set(&self, action: Option<Rc<dyn Fn()>>) {
        *self.0.borrow_mut() = action;
    }
}

impl PartialEq for RosterControl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What `use_live` hands to the component.
#[derive(Clone)]
pub struct LiveHandle {
    /// The state machine, shared with the feeds.
    pub live: Rc<RefCell<Live>>,
    /// What the polite live region says now.
    pub announcement: Rc<RefCell<String>>,
}

fn failure_of(error: FetchError, config: &Config) -> Failure {
    let cause = match error {
        FetchError::Timeout => DownCause::Timeout(config.timeout_secs),
        FetchError::Network | FetchError::Aborted => DownCause::Network,
    };
    Failure::Down { cause }
}

fn answer(answer: &HttpAnswer) -> Answer<'_> {
    Answer {
        status: answer.status,
        retry_after: answer.retry_after.as_deref(),
        body: &answer.body,
    }
}

/// Reports status changes: a `roster-change` event now (after the DOM is updated), and
/// a line for the live region at most every 30 s.
struct Reporter {
    host: Option<Element>,
    pending: Cell<ChangeTally>,
    last_spoken_ms: Cell<f64>,
    announcement: Rc<RefCell<String>>,
    ready_once: Cell<bool>,
    speech: Speech,
}

impl Reporter {
    fn report(&self, live: &mut Live) {
        let changes = live.take_changes();
        let Some(snapshot) = live.state().snapshot() else {
            return;
        };
        let first = !self.ready_once.replace(true);
        if changes.is_empty() && !first {
            return;
        }
        let mut pending = self.pending.get();
        pending.add(&changes);
        self.pending.set(pending);
        if let Some(host) = self.host.clone() {
            let counts = snapshot.roster.counts();
            spawn_local(async move { dispatch_change(&host, counts, &changes) });
        }
    }

    /// Moves pending changes into the live region if it has been quiet long enough.
    /// Returns whether its text changed.
    fn speak(&self, now_ms: f64) -> bool {
        if self.pending.get().is_empty() || now_ms - self.last_spoken_ms.get() < ANNOUNCE_EVERY_MS {
            return false;
        }
        match self.pending.take().announcement(self.speech.texts()) {
            Some(text) => {
                self.last_spoken_ms.set(now_ms);
                *self.announcement.borrow_mut() = text;
                true
            }
            None => false,
        }
    }
}

/// Runs `build` in the next task and `show` (given what `build` returned) in the task
/// after, unless `alive` has been cleared meanwhile. The answer was parsed in the task
/// that received it; with each step in its own task, none of the three blocks the page
/// for long at 10,000 people, and input and frames get in between.
///
/// Steps of successive answers cannot interleave out of order: each waits the same zero
/// delay, so timers fire in arrival order, and the last answer built is the one shown.
fn in_steps<T: 'static>(
    alive: Rc<Cell<bool>>,
    build: impl FnOnce() -> T + 'static,
    show: impl FnOnce(T) + 'static,
) {
    spawn_local(async move {
        next_task().await;
        if !alive.get() {
            return;
        }
        let built = build();
        next_task().await;
        if alive.get() {
            show(built);
        }
    });
}

/// Runs the live roster for `config` with `services`, re-ageing every `tick_ms`, firing
/// `roster-change` on `host`, answering `control.refresh()`, announcing in `speech`.
#[hook]
pub fn use_live(
    config: &Config,
    services: &Services,
    tick_ms: u32,
    host: Option<Element>,
    control: RosterControl,
    speech: Speech,
) -> LiveHandle {
    let live = use_mut_ref(|| Live::new(config.offline_threshold_secs, config.refresh_secs));
    let announcement = use_mut_ref(String::new);
    let order = {
        let lang = config.lang.clone();
        use_memo(lang, |lang| locale_order(lang.as_deref()))
    };
    let order: NameOrder = (*order).clone();
    let rerender = use_force_update();

    {
        let live = live.clone();
        let services = services.clone();
        let announcement = announcement.clone();
        use_effect_with(config.clone(), move |config| {
            *live.borrow_mut() = Live::new(config.offline_threshold_secs, config.refresh_secs);
            let warned: Rc<RefCell<HashSet<String>>> = Rc::default();
            // Cleared when the roster goes; steps still queued then do nothing.
            let alive = Rc::new(Cell::new(true));
            let timeout_ms = config.timeout_secs.saturating_mul(1000);
            let reporter = Rc::new(Reporter {
                host,
                pending: Cell::default(),
                last_spoken_ms: Cell::new(f64::NEG_INFINITY),
                announcement,
                ready_once: Cell::new(false),
                speech,
            });

            let presence: FeedSubscription = {
                let (live, order, services, rerender, config, reporter, alive) = (
                    live.clone(),
                    order.clone(),
                    services.clone(),
                    rerender.clone(),
                    config.clone(),
                    reporter.clone(),
                    alive.clone(),
                );
                subscribe(
                    services.fetcher.clone(),
                    services.visibility.clone(),
                    PollerOptions {
                        url: config.presence_url(),
                        timeout_ms,
                        refresh_on_visible: true,
                    },
                    Rc::new(move |result: &Result<HttpAnswer, FetchError>| {
                        let now = services.clock.now_ms();
                        let outcome = match result {
                            Ok(a) => classify_presence(answer(a)),
                            Err(e) => Err(failure_of(*e, &config)),
                        };
                        let next_ms = match outcome {
                            Ok(parsed) => {
                                for warning in &parsed.warnings {
                                    let text = warning.to_string();
                                    if warned.borrow_mut().insert(text.clone()) {
                                        web_sys::console::warn_1(
                                            &format!("zulip-roster: {text}").into(),
                                        );
                                    }
                                }
                                // Parsing was this task; building and rendering are the
                                // next two (see `in_steps`).
                                let period = live.borrow().poll_period_ms();
                                let (build, order) = (live.clone(), order.clone());
                                let (shown, rerender, reporter) =
                                    (live.clone(), rerender.clone(), reporter.clone());
                                in_steps(
                                    alive.clone(),
                                    move || {
                                        build.borrow_mut().presence_arrived(
                                            parsed.value,
                                            now,
                                            &*order,
                                        )
                                    },
                                    move |changed| {
                                        if changed {
                                            rerender.force_update();
                                        }
                                        reporter.report(&mut shown.borrow_mut());
                                    },
                                );
                                period
                            }
                            Err(failure) => {
                                let mut live = live.borrow_mut();
                                live.failed(failure, now, (services.random)());
                                rerender.force_update();
                                reporter.report(&mut live);
                                live.next_poll_in_ms(now)
                            }
                        };
                        next_ms.min(f64::from(u32::MAX)) as u32
                    }),
                )
            };
            let presence = Rc::new(presence);
            {
                let presence = presence.clone();
                control.set(Some(Rc::new(move || presence.refresh())));
            }

            let users = (config.names == Names::Auto).then(|| {
                let (live, order, services, rerender, alive) = (
                    live.clone(),
                    order.clone(),
                    services.clone(),
                    rerender.clone(),
                    alive.clone(),
                );
                subscribe(
                    services.fetcher.clone(),
                    services.visibility.clone(),
                    PollerOptions {
                        url: config.users_url(),
                        timeout_ms,
                        refresh_on_visible: false,
                    },
                    Rc::new(move |result: &Result<HttpAnswer, FetchError>| {
                        // Without names the roster shows emails and keeps working.
                        if let Some(users) = result
                            .as_ref()
                            .ok()
                            .and_then(|a| classify_users(answer(a)).ok())
                        {
                            let people = users.members.into_iter().filter(|m| !m.is_bot);
                            let now = services.clock.now_ms();
                            let (live, order, rerender) =
                                (live.clone(), order.clone(), rerender.clone());
                            in_steps(
                                alive.clone(),
                                move || {
                                    live.borrow_mut().names_arrived(
                                        Directory::new(people),
                                        now,
                                        &*order,
                                    )
                                },
                                move |changed| {
                                    if changed {
                                        rerender.force_update();
                                    }
                                },
                            );
                        }
                        USERS_REFRESH_MS
                    }),
                )
            });

            let ticker = {
                let (live, services, rerender, reporter) = (
                    live.clone(),
                    services.clone(),
                    rerender.clone(),
                    reporter.clone(),
                );
                Interval::new(tick_ms, move || {
                    let now = services.clock.now_ms();
                    let mut live = live.borrow_mut();
                    let aged = live.tick(now);
                    reporter.report(&mut live);
                    // Stale and error banners count time ("3 min ago", "retrying in 7 s").
                    let counting = live.state().failure().is_some();
                    drop(live);
                    let spoke = reporter.speak(now);
                    if aged || counting || spoke {
                        rerender.force_update();
                    }
                })
            };

            move || {
                alive.set(false);
                control.set(None);
                drop(presence);
                drop(users);
                drop(ticker);
            }
        });
    }

    LiveHandle { live, announcement }
}
