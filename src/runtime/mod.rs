//! The shell around a widget's reducer ([`Widget`]): it turns feeds, the clock and the
//! page into [`Event`]s (`deliveries.rs`) and performs the [`Effect`]s that come out, in
//! their order. It decides nothing: every render, attribute, event, announcement,
//! subscription and delay is the reducer's.

pub mod control;
mod deliveries;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use presence_model::domain::TeamFeed;
use presence_model::state::{Effect, Effects, Event, FeedKind, Feeds, PollRequest, Widget};
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;
use yew::functional::UseForceUpdateHandle;

use crate::host::HostEffects;
use crate::services::feed::FeedSubscription;
use crate::services::intl::BrowserLocale;
use crate::services::yielding::next_task;
use crate::services::Services;

/// A widget's feeds: presence, and names, the server's version and its team when it
/// reads them. Dropping it unsubscribes from all of them.
struct Subscriptions {
    presence: FeedSubscription,
    users: Option<FeedSubscription>,
    settings: Option<FeedSubscription>,
    /// The team's feed now (a channel by name: its id, then its members).
    team: Option<FeedSubscription>,
    timeout_ms: u32,
}

impl Subscriptions {
    fn of(&self, feed: FeedKind) -> Option<&FeedSubscription> {
        match feed {
            FeedKind::Presence => Some(&self.presence),
            FeedKind::Users => self.users.as_ref(),
            FeedKind::Settings => self.settings.as_ref(),
            FeedKind::Team => self.team.as_ref(),
        }
    }
}

/// One widget's reducer and what keeps it moving.
pub struct Runtime {
    /// The state, read by the component to render.
    pub state: RefCell<Widget>,
    services: Services,
    host: Element,
    rerender: UseForceUpdateHandle,
    /// The viewer's language: words, formats and name order (they change with `lang`).
    locale: RefCell<BrowserLocale>,
    feeds: RefCell<Option<Subscriptions>>,
    /// What the polite live region says, as the last [`Effect::Announce`] set it.
    announcement: RefCell<String>,
    /// Warnings already in the console (a handful at most: a list, not a set's code).
    warned: RefCell<Vec<String>>,
    stopped: Cell<bool>,
    /// Host effects waiting for the render they came with (see [`Runtime::rendered`]).
    after_render: RefCell<Vec<HostEffects>>,
}

fn clamp_ms(ms: f64) -> u32 {
    ms.clamp(0.0, f64::from(u32::MAX)) as u32
}

impl Runtime {
    /// A runtime for the widget on `host`, re-rendering it through `rerender`.
    pub fn new(host: Element, rerender: UseForceUpdateHandle, locale: BrowserLocale) -> Self {
        Runtime {
            state: RefCell::default(),
            services: Services::current(),
            host,
            rerender,
            locale: RefCell::new(locale),
            feeds: RefCell::default(),
            announcement: RefCell::default(),
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

    /// What the polite live region says now.
    pub fn announcement(&self) -> String {
        self.announcement.borrow().clone()
    }

    /// Feeds `event` to the reducer and performs what it says.
    pub fn dispatch(self: &Rc<Self>, event: Event) {
        if let Some(effects) = self.update(event) {
            self.perform(effects);
        }
    }

    /// Runs `event` in the next task and its effects in the task after. The answer was
    /// parsed in the task that received it; with building and rendering in tasks of
    /// their own, none of the three blocks the page for long at 10,000 people. Steps of
    /// successive answers keep their order: each waits the same zero delay.
    fn in_steps(self: &Rc<Self>, event: Event) {
        let runtime = self.clone();
        spawn_local(async move {
            next_task().await;
            let Some(effects) = runtime.update(event) else {
                return;
            };
            next_task().await;
            if !runtime.stopped.get() {
                runtime.perform(effects);
            }
        });
    }

    /// `None` once stopped. A state still borrowed here can only be one that a panic
    /// abandoned mid-render or mid-update (wasm does not unwind, so the borrow is never
    /// given back): the widget stops there, so the one panic is what the page's console
    /// and the panic fallback report, not a second one every tick after it.
    fn update(&self, event: Event) -> Option<Effects> {
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

    /// The one place effects leave the widget, in the reducer's order. Attributes and
    /// events that come with a render wait for it to be in the DOM.
    fn perform(self: &Rc<Self>, effects: Effects) {
        let renders = effects.render();
        let mut host_effects = HostEffects::default();
        for effect in effects {
            match effect {
                Effect::Announce(text) => *self.announcement.borrow_mut() = text,
                Effect::Render => {}
                Effect::Host(summary) => host_effects.summary = Some(summary),
                Effect::Change(change) => host_effects.change = Some(change),
                Effect::Error(error) => host_effects.error = Some(error),
                Effect::Subscribe(feeds) => self.subscribe(feeds),
                Effect::Unsubscribe => drop(self.feeds.take()),
                Effect::FollowTeam(feed) => self.follow_team(feed),
                Effect::Poll { feed, when } => self.poll(feed, when),
            }
        }
        if renders {
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
    }

    fn poll(&self, feed: FeedKind, when: PollRequest) {
        let feeds = self.feeds.borrow();
        let Some(subscription) = feeds.as_ref().and_then(|f| f.of(feed)) else {
            return;
        };
        match when {
            PollRequest::Now => subscription.refresh(),
            PollRequest::InMs(ms) => subscription.poll_in(clamp_ms(ms)),
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

    fn subscribe(self: &Rc<Self>, plan: Feeds) {
        drop(self.feeds.take());
        let timeout_ms = plan.timeout_ms;
        let presence = deliveries::presence(self, plan.presence_url, timeout_ms);
        let users = plan
            .users_url
            .map(|url| deliveries::users(self, url, timeout_ms));
        let settings = plan
            .settings_url
            .map(|url| deliveries::settings(self, url, timeout_ms));
        let team = plan
            .team
            .map(|feed| deliveries::team(self, feed, timeout_ms));
        *self.feeds.borrow_mut() = Some(Subscriptions {
            presence,
            users,
            settings,
            team,
            timeout_ms,
        });
    }

    fn follow_team(self: &Rc<Self>, feed: TeamFeed) {
        let timeout_ms = self.feeds.borrow().as_ref().map(|f| f.timeout_ms);
        if let Some(timeout_ms) = timeout_ms {
            // Subscribed before the old one is dropped: dropping it may end its feed.
            let team = deliveries::team(self, feed, timeout_ms);
            let old = self
                .feeds
                .borrow_mut()
                .as_mut()
                .and_then(|f| f.team.replace(team));
            drop(old);
        }
    }

    fn warn_once(&self, warnings: &[impl std::fmt::Display]) {
        for warning in warnings {
            let text = warning.to_string();
            let mut warned = self.warned.borrow_mut();
            if !warned.contains(&text) {
                web_sys::console::warn_1(&format!("zulip-roster: {text}").into());
                warned.push(text);
            }
        }
    }
}
