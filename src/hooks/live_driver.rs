//! Runs a widget's [`Widget`]: feeds, clock and the page turned into its events, its
//! effects carried out. Every effect leaves from [`LiveDriver::run`].

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::{Rc, Weak};

use presence_model::domain::{classify_team, Team, TeamFeed};
use presence_model::protocol::DownCause;
use presence_model::state::{Event, FeedPlan, Feeds, PollRequest, Widget, NAMES_REFRESH_MS};
use presence_model::{
    classify_presence, classify_server_settings, classify_users, Answer, Directory, Failure,
};
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;
use yew::functional::UseForceUpdateHandle;

use crate::host::HostEffects;
use crate::services::feed::{subscribe, Delivery, FeedOptions, FeedSubscription};
use crate::services::intl::BrowserLocale;
use crate::services::yielding::next_task;
use crate::services::{FetchError, HttpAnswer, Services};

/// A widget's feeds: presence, and names, the server's version and its team when it
/// reads them. Dropping it unsubscribes from all of them.
struct Subscriptions {
    presence: FeedSubscription,
    _users: Option<FeedSubscription>,
    _settings: Option<FeedSubscription>,
    /// The team's feed now (a channel by name: its id, then its members).
    team: Option<FeedSubscription>,
    timeout_ms: u32,
}

/// One widget's live roster and what keeps it moving.
pub struct LiveDriver {
    /// The state, read by the component to render.
    pub state: RefCell<Widget>,
    services: Services,
    host: Element,
    rerender: UseForceUpdateHandle,
    /// The viewer's language: words, formats and name order (they change with `lang`).
    locale: RefCell<BrowserLocale>,
    feeds: RefCell<Option<Subscriptions>>,
    warned: RefCell<HashSet<String>>,
    stopped: Cell<bool>,
    /// Host effects waiting for the render they came with (see [`LiveDriver::rendered`]).
    after_render: RefCell<Vec<HostEffects>>,
}

fn answer(answer: &HttpAnswer) -> Answer<'_> {
    Answer {
        status: answer.status,
        retry_after: answer.retry_after.as_deref(),
        body: &answer.body,
    }
}

fn clamp_ms(ms: f64) -> u32 {
    ms.clamp(0.0, f64::from(u32::MAX)) as u32
}

impl LiveDriver {
    /// A driver for the widget on `host`, re-rendering it through `rerender`.
    pub fn new(host: Element, rerender: UseForceUpdateHandle, locale: BrowserLocale) -> Self {
        LiveDriver {
            state: RefCell::default(),
            services: Services::current(),
            host,
            rerender,
            locale: RefCell::new(locale),
            feeds: RefCell::default(),
            warned: RefCell::default(),
            stopped: Cell::new(false),
            after_render: RefCell::default(),
        }
    }

    /// The services this widget runs on.
    pub fn services(&self) -> &Services {
        &self.services
    }

    /// The viewer's language changed (or not: keeping the same costs nothing).
    pub fn set_locale(&self, locale: BrowserLocale) {
        *self.locale.borrow_mut() = locale;
    }

    /// Feeds `event` to the reducer and carries out what it says.
    pub fn dispatch(self: &Rc<Self>, event: Event) {
        if let Some(effects) = self.update(event) {
            self.run(effects);
        }
    }

    /// `None` once stopped. A state still borrowed here can only be one that a panic
    /// abandoned mid-render or mid-update (wasm does not unwind, so the borrow is never
    /// given back): the widget stops there, so the one panic is what the page's console
    /// and the panic fallback report, not a second one every tick after it.
    fn update(&self, event: Event) -> Option<presence_model::state::Effects> {
        if self.stopped.get() {
            return None;
        }
        let (Ok(locale), Ok(mut state)) = (self.locale.try_borrow(), self.state.try_borrow_mut())
        else {
            self.stop();
            return None;
        };
        Some(state.update(event, locale.locale(), &*locale.ranking))
    }

    /// The one place effects leave the widget: render, then (once that render is in the
    /// DOM) the host's attributes and events, then the feeds.
    fn run(self: &Rc<Self>, mut effects: presence_model::state::Effects) {
        let host_effects = HostEffects::take(&mut effects);
        if effects.render {
            // A script that sees `data-state="ready"` or hears `roster-change` must find
            // the rows in the DOM. Yew renders when its scheduler gets to it, which is not
            // always before a microtask queued now (WebKit showed "ready" over the loading
            // text): the host waits for the render itself.
            if !host_effects.is_empty() {
                self.after_render.borrow_mut().push(host_effects);
            }
            self.rerender.force_update();
        } else if !host_effects.is_empty() {
            let host = self.host.clone();
            spawn_local(async move { host_effects.apply(&host) });
        }
        match effects.feeds {
            FeedPlan::Keep => {}
            FeedPlan::Stop => drop(self.feeds.take()),
            FeedPlan::Start(plan) => self.start_feeds(plan),
        }
        if let Some(next) = effects.team_feed {
            let timeout_ms = self.feeds.borrow().as_ref().map(|f| f.timeout_ms);
            if let Some(timeout_ms) = timeout_ms {
                // Subscribed before the old one is dropped: dropping it may end its feed.
                let team = self.team_feed(next, timeout_ms);
                let old = self
                    .feeds
                    .borrow_mut()
                    .as_mut()
                    .and_then(|f| f.team.replace(team));
                drop(old);
            }
        }
        if let Some(feeds) = &*self.feeds.borrow() {
            match effects.poll {
                Some(PollRequest::Now) => feeds.presence.refresh(),
                Some(PollRequest::InMs(ms)) => feeds.presence.poll_in(clamp_ms(ms)),
                None => {}
            }
        }
    }

    /// The component has rendered: the host effects that waited for it are written, in
    /// the order they came.
    pub fn rendered(&self) {
        let waiting = self.after_render.take();
        for host_effects in waiting {
            host_effects.apply(&self.host);
        }
    }

    /// Stops everything: feeds (and their requests), steps still queued.
    pub fn stop(&self) {
        self.stopped.set(true);
        drop(self.feeds.take());
    }

    fn start_feeds(self: &Rc<Self>, plan: Feeds) {
        drop(self.feeds.take());
        let timeout_ms = plan.timeout_ms;
        let presence = self.feed(
            plan.presence_url,
            timeout_ms,
            true,
            move |driver, delivery| on_presence(driver, delivery, timeout_ms),
        );
        let users = plan.users_url.map(|url| {
            self.feed(url, timeout_ms, false, move |driver, delivery| {
                on_users(driver, delivery, timeout_ms)
            })
        });
        let settings = plan
            .settings_url
            .map(|url| self.feed(url, timeout_ms, false, on_settings));
        let team = plan.team.map(|feed| self.team_feed(feed, timeout_ms));
        *self.feeds.borrow_mut() = Some(Subscriptions {
            presence,
            _users: users,
            _settings: settings,
            team,
            timeout_ms,
        });
    }

    /// Subscribes to one of the team's feeds, whose answers are read as `feed.stage` says.
    fn team_feed(self: &Rc<Self>, feed: TeamFeed, timeout_ms: u32) -> FeedSubscription {
        let stage = feed.stage;
        self.feed(feed.url, timeout_ms, false, move |driver, delivery| {
            on_team(driver, delivery, stage, timeout_ms)
        })
    }

    /// Subscribes this widget to the shared feed of `url`; `handle` gets each delivery
    /// (while the widget lives) and says when it wants the next.
    fn feed(
        self: &Rc<Self>,
        url: String,
        timeout_ms: u32,
        refresh_on_visible: bool,
        handle: impl Fn(&Weak<LiveDriver>, &Delivery) -> u32 + 'static,
    ) -> FeedSubscription {
        let weak = Rc::downgrade(self);
        subscribe(
            &self.services,
            FeedOptions {
                url,
                timeout_ms,
                refresh_on_visible,
            },
            Rc::new(move |delivery: &Delivery| handle(&weak, delivery)),
        )
    }

    /// Runs `event` in the next task and its effects in the task after. The answer was
    /// parsed in the task that received it; with building and rendering in tasks of
    /// their own, none of the three blocks the page for long at 10,000 people. Steps of
    /// successive answers keep their order: each waits the same zero delay.
    fn in_steps(self: &Rc<Self>, event: Event) {
        let driver = self.clone();
        spawn_local(async move {
            next_task().await;
            let Some(mut effects) = driver.update(event) else {
                return;
            };
            // The feed was told when to poll next as the answer arrived.
            effects.poll = None;
            next_task().await;
            if !driver.stopped.get() {
                driver.run(effects);
            }
        });
    }

    fn warn_once(&self, warnings: &[impl std::fmt::Display]) {
        for warning in warnings {
            let text = warning.to_string();
            if self.warned.borrow_mut().insert(text.clone()) {
                web_sys::console::warn_1(&format!("zulip-roster: {text}").into());
            }
        }
    }
}

/// A presence answer: classified here, built and shown in the next tasks. Returns when
/// this widget wants the next one.
fn on_presence(driver: &Weak<LiveDriver>, delivery: &Delivery, timeout_ms: u32) -> u32 {
    let Some(driver) = driver.upgrade() else {
        return u32::MAX;
    };
    // At 10,000 people parsing and building an answer is most of a poll's cost; the same
    // bytes again change nothing when the roster on screen came from them.
    let repeat = delivery.repeated
        && driver
            .state
            .try_borrow()
            .is_ok_and(|state| state.takes_repeats());
    if repeat {
        let Some(mut effects) = driver.update(Event::Repeated) else {
            return u32::MAX;
        };
        let next = match effects.poll.take() {
            Some(PollRequest::InMs(ms)) => clamp_ms(ms),
            _ => u32::MAX,
        };
        driver.run(effects);
        return next;
    }
    let outcome = match &delivery.result {
        Ok(a) => classify_presence(answer(a)),
        Err(error) => Err(fetch_failure(error, timeout_ms)),
    };
    let (now_ms, jitter) = (delivery.received_ms, (driver.services.random)());
    match outcome {
        Ok(parsed) => {
            driver.warn_once(&parsed.warnings);
            let Ok(period) = driver.state.try_borrow().map(|s| s.live().poll_period_ms()) else {
                return u32::MAX;
            };
            driver.in_steps(Event::Presence {
                outcome: Ok(parsed.value),
                now_ms,
                jitter,
            });
            clamp_ms(period)
        }
        Err(failure) => {
            let Some(mut effects) = driver.update(Event::Presence {
                outcome: Err(failure),
                now_ms,
                jitter,
            }) else {
                return u32::MAX;
            };
            let next = match effects.poll.take() {
                Some(PollRequest::InMs(ms)) => clamp_ms(ms),
                _ => u32::MAX,
            };
            driver.run(effects);
            next
        }
    }
}

/// An answer about the team: its members after the next task (they rebuild the roster);
/// a failure at once. Members are read again as often as names; a failure is retried as
/// the roster's own retries are.
fn on_team(
    driver: &Weak<LiveDriver>,
    delivery: &Delivery,
    stage: presence_model::domain::TeamStage,
    timeout_ms: u32,
) -> u32 {
    let Some(driver) = driver.upgrade() else {
        return u32::MAX;
    };
    let team: Option<Team> = driver.state.try_borrow().ok().and_then(|s| {
        s.config()
            .and_then(|c| c.as_ref().ok())
            .and_then(|c| c.team.clone())
    });
    let Some(team) = team else {
        return u32::MAX;
    };
    let outcome = match &delivery.result {
        Ok(a) => classify_team(stage, &team, answer(a)),
        Err(error) => Err(fetch_failure(error, timeout_ms)),
    };
    let now_ms = delivery.received_ms;
    if outcome.is_ok() {
        driver.in_steps(Event::Team { outcome, now_ms });
        return NAMES_REFRESH_MS;
    }
    driver.dispatch(Event::Team { outcome, now_ms });
    driver
        .state
        .try_borrow()
        .map_or(u32::MAX, |s| clamp_ms(s.live().next_poll_in_ms(now_ms)))
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

/// What a good answer says, for the feeds whose failures only mean "not known".
fn good<T>(delivery: &Delivery, classify: fn(Answer<'_>) -> Result<T, Failure>) -> Option<T> {
    delivery
        .result
        .as_ref()
        .ok()
        .and_then(|a| classify(answer(a)).ok())
}

/// Names from `/users`; without them the roster shows emails and keeps working (a team
/// roster shows why, and asks again as its retries do).
fn on_users(driver: &Weak<LiveDriver>, delivery: &Delivery, timeout_ms: u32) -> u32 {
    let Some(driver) = driver.upgrade() else {
        return u32::MAX;
    };
    let now_ms = delivery.received_ms;
    let outcome = match &delivery.result {
        Ok(a) => classify_users(answer(a)),
        Err(error) => Err(fetch_failure(error, timeout_ms)),
    };
    match outcome {
        Ok(users) => {
            let directory = Directory::new(users.members);
            driver.in_steps(Event::Names { directory, now_ms });
            NAMES_REFRESH_MS
        }
        Err(failure) => {
            driver.dispatch(Event::NamesFailed { failure, now_ms });
            let team_waits = driver.state.try_borrow().ok().and_then(|s| {
                let waiting = s.live().state().failure().is_some()
                    && s.config()
                        .is_some_and(|c| c.as_ref().is_ok_and(|c| c.team.is_some()));
                waiting.then(|| clamp_ms(s.live().next_poll_in_ms(now_ms)))
            });
            team_waits.unwrap_or(NAMES_REFRESH_MS)
        }
    }
}

/// The server's version, read once for its offline threshold. A proxy that does not pass
/// `/server_settings` (or a blip) gives the older servers' threshold now, and one more
/// try when names are next refreshed.
fn on_settings(driver: &Weak<LiveDriver>, delivery: &Delivery) -> u32 {
    let feature_level = good(delivery, classify_server_settings);
    if let Some(driver) = driver.upgrade() {
        driver.dispatch(Event::Server {
            feature_level,
            now_ms: delivery.received_ms,
        });
    }
    match feature_level {
        Some(_) => u32::MAX,
        None => NAMES_REFRESH_MS,
    }
}
