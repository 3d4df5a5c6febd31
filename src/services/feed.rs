//! Shared feeds: every widget on a page that polls the same URL shares one feed, so ten
//! rosters on one proxy cost one request per poll, however they were mounted.
//!
//! A feed is a value held by its subscriptions: it GETs its URL, hands each answer to
//! every subscriber, and polls again at the earliest time any of them asks for
//! ([`FeedSubscription::poll_in`], which each widget's reducer decides; a subscriber that
//! asks nothing after an answer wants no more). With its
//! last subscription it drops its timer, its visibility listener and the request in
//! flight (aborted), so a page whose widgets are gone runs nothing.
//!
//! When to ask is decided by [`PollSchedule`] (one request at a time, a refresh during a
//! request is one more request after it, nothing while the page is hidden).
//!
//! Races it rules out:
//! - an answer landing after the feed ended: the request's task holds only a weak
//!   reference and finds nothing to deliver to;
//! - a timeout racing a late answer: the deadline aborts the request, and an abort the
//!   deadline caused is reported as `Timeout`;
//! - a widget joining a running feed waiting a whole period for its first roster: it is
//!   handed the latest answer at once, with the time it arrived.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use presence_model::state::poll::{PollAction, PollSchedule};
use web_sys::AbortController;

use super::fetch::{FetchError, HttpAnswer};
use super::timers::Timer;
use super::visibility::Subscription;
use super::Services;

/// One answer of a feed, as every subscriber sees it.
pub struct Delivery {
    /// The answer, or why there is none.
    pub result: Result<HttpAnswer, FetchError>,
    /// Local clock (ms) when it arrived.
    pub received_ms: f64,
    /// The same answer (status, `Retry-After` and body, byte for byte) as the delivery
    /// before it: a subscriber whose state came from that one can skip parsing it.
    pub repeated: bool,
}

/// Receives each answer. When to ask again is the subscriber's to say, through
/// [`FeedSubscription::poll_in`], then or later.
pub type FeedHandler = Rc<dyn Fn(&Delivery)>;

/// What a subscriber asks of a feed.
pub struct FeedOptions {
    /// What to GET.
    pub url: String,
    /// How long one request may take; a shared feed gives the longest any subscriber asks.
    pub timeout_ms: u32,
    /// Poll at once when the page is shown again, even if not yet due (set by the feed's
    /// first subscriber).
    pub refresh_on_visible: bool,
}

type Key = (usize, String);

struct Subscriber {
    id: u64,
    timeout_ms: u32,
    handler: FeedHandler,
    /// Local clock (ms) when this subscriber wants the next poll; cleared as a request
    /// starts, so a wish is for the answer after the last one it saw.
    wants_at: Cell<Option<f64>>,
}

struct Feed {
    key: Key,
    services: Services,
    refresh_on_visible: bool,
    subscribers: RefCell<Vec<Subscriber>>,
    next_id: Cell<u64>,
    schedule: RefCell<PollSchedule>,
    latest: RefCell<Option<Rc<Delivery>>>,
    in_flight: RefCell<Option<InFlight>>,
    timer: RefCell<Option<Timer>>,
    watch: RefCell<Option<Subscription>>,
}

struct InFlight {
    controller: AbortController,
    _deadline: Timer,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        // Aborting a request that already finished does nothing.
        self.controller.abort();
    }
}

thread_local! {
    static FEEDS: RefCell<HashMap<Key, Weak<Feed>>> = RefCell::new(HashMap::new());
}

/// A subscription to a feed; unsubscribes when dropped, and the feed ends with its last
/// subscription.
#[must_use = "the subscription ends when dropped"]
pub struct FeedSubscription {
    feed: Rc<Feed>,
    id: u64,
}

impl FeedSubscription {
    /// Polls now; during a request, once more as soon as it answers.
    pub fn refresh(&self) {
        self.feed.poll_now();
    }

    /// This subscriber wants the next poll in `ms`; the feed polls at the earliest time
    /// any subscriber wants. During a request the wish waits for its answer.
    pub fn poll_in(&self, ms: u32) {
        let at = self.feed.services.clock.now_ms() + f64::from(ms);
        if let Some(me) = self
            .feed
            .subscribers
            .borrow()
            .iter()
            .find(|s| s.id == self.id)
        {
            me.wants_at.set(Some(at));
        }
        if !self.feed.schedule.borrow().in_flight() {
            self.feed.rearm();
        }
    }
}

impl Drop for FeedSubscription {
    fn drop(&mut self) {
        let empty = {
            let mut subscribers = self.feed.subscribers.borrow_mut();
            subscribers.retain(|s| s.id != self.id);
            subscribers.is_empty()
        };
        if empty {
            FEEDS.with(|feeds| feeds.borrow_mut().remove(&self.feed.key));
            // Taken out before dropping: aborting may run JS callbacks.
            let ended = (
                self.feed.in_flight.take(),
                self.feed.timer.take(),
                self.feed.watch.take(),
                self.feed.latest.take(),
            );
            drop(ended);
        }
    }
}

/// Subscribes `handler` to the feed of `options.url` through `services`, starting the
/// feed if this is its first subscriber.
///
/// # Example
///
/// ```no_run
/// use std::rc::Rc;
/// use zulip_roster::services::feed::{subscribe, FeedOptions};
/// use zulip_roster::services::Services;
///
/// let options = FeedOptions { url: "/api/v1/realm/presence".into(), timeout_ms: 20_000, refresh_on_visible: true };
/// let subscription = subscribe(&Services::current(), options, Rc::new(|_delivery| {}));
/// subscription.poll_in(60_000); // the first answer is asked for at once; the next in a minute
/// drop(subscription); // the last one: no timer, no listener, no request left
/// ```
pub fn subscribe(
    services: &Services,
    options: FeedOptions,
    handler: FeedHandler,
) -> FeedSubscription {
    let key: Key = (
        Rc::as_ptr(&services.fetcher) as *const () as usize,
        options.url.clone(),
    );
    let existing = FEEDS.with(|feeds| feeds.borrow().get(&key).and_then(Weak::upgrade));
    let (feed, fresh) = match existing {
        Some(feed) => (feed, false),
        None => {
            let feed = Rc::new(Feed {
                key: key.clone(),
                services: services.clone(),
                refresh_on_visible: options.refresh_on_visible,
                subscribers: RefCell::default(),
                next_id: Cell::new(0),
                schedule: RefCell::new(PollSchedule::new(services.visibility.hidden())),
                latest: RefCell::new(None),
                in_flight: RefCell::new(None),
                timer: RefCell::new(None),
                watch: RefCell::new(None),
            });
            FEEDS.with(|feeds| feeds.borrow_mut().insert(key, Rc::downgrade(&feed)));
            (feed, true)
        }
    };
    let id = feed.next_id.get() + 1;
    feed.next_id.set(id);
    feed.subscribers.borrow_mut().push(Subscriber {
        id,
        timeout_ms: options.timeout_ms,
        handler: handler.clone(),
        wants_at: Cell::new(None),
    });
    if fresh {
        let weak = Rc::downgrade(&feed);
        let watch = services.visibility.subscribe(Rc::new(move || {
            if let Some(feed) = weak.upgrade() {
                let hidden = feed.services.visibility.hidden();
                let action = feed
                    .schedule
                    .borrow_mut()
                    .visibility(hidden, feed.refresh_on_visible);
                feed.act(action);
            }
        }));
        *feed.watch.borrow_mut() = Some(watch);
        feed.poll_now();
    } else if let Some(latest) = feed.latest.borrow().clone() {
        // Handed over in a later microtask, not inside the caller's own update.
        let weak = Rc::downgrade(&feed);
        wasm_bindgen_futures::spawn_local(async move {
            let subscribed = weak
                .upgrade()
                .is_some_and(|feed| feed.subscribers.borrow().iter().any(|s| s.id == id));
            if subscribed {
                handler(&latest);
            }
        });
    }
    FeedSubscription { feed, id }
}

impl Feed {
    fn poll_now(self: &Rc<Self>) {
        let action = self.schedule.borrow_mut().poll_now();
        self.act(action);
    }

    fn act(self: &Rc<Self>, action: PollAction) {
        match action {
            PollAction::Request => self.request(),
            PollAction::WaitMs(ms) => self.wait(ms),
            PollAction::Nothing => {}
        }
    }

    /// The timer set for the earliest wish of any subscriber; none when nobody wants more.
    fn rearm(self: &Rc<Self>) {
        let due = self
            .subscribers
            .borrow()
            .iter()
            .filter_map(|s| s.wants_at.get())
            .reduce(f64::min);
        match due {
            Some(at) => {
                let ms = (at - self.services.clock.now_ms()).clamp(0.0, f64::from(u32::MAX));
                self.wait(ms as u32);
            }
            None => drop(self.timer.take()),
        }
    }

    fn wait(self: &Rc<Self>, ms: u32) {
        let weak = Rc::downgrade(self);
        let timer = self.services.timers.start(
            ms,
            Box::new(move || {
                if let Some(feed) = weak.upgrade() {
                    feed.poll_now();
                }
            }),
        );
        *self.timer.borrow_mut() = Some(timer);
    }

    fn request(self: &Rc<Self>) {
        self.timer.borrow_mut().take();
        for subscriber in self.subscribers.borrow().iter() {
            subscriber.wants_at.set(None);
        }
        let Ok(controller) = AbortController::new() else {
            self.schedule.borrow_mut().answered(u32::MAX);
            return;
        };
        let timeout_ms = self
            .subscribers
            .borrow()
            .iter()
            .map(|s| s.timeout_ms)
            .max()
            .unwrap_or(u32::MAX);
        let timed_out = Rc::new(Cell::new(false));
        let deadline = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            self.services.timers.start(
                timeout_ms,
                Box::new(move || {
                    timed_out.set(true);
                    controller.abort();
                }),
            )
        };
        let request = self.services.fetcher.get(&self.key.1, &controller.signal());
        *self.in_flight.borrow_mut() = Some(InFlight {
            controller,
            _deadline: deadline,
        });
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let result = request.await;
            let Some(feed) = weak.upgrade() else { return };
            let Some(finished) = feed.in_flight.take() else {
                return;
            };
            drop(finished);
            let result = match result {
                Err(FetchError::Aborted) if timed_out.get() => Err(FetchError::Timeout),
                other => other,
            };
            let repeated = match (feed.latest.borrow().as_deref(), &result) {
                (
                    Some(Delivery {
                        result: Ok(last), ..
                    }),
                    Ok(answer),
                ) => last.same_as(answer),
                _ => false,
            };
            feed.deliver(Delivery {
                result,
                received_ms: feed.services.clock.now_ms(),
                repeated,
            });
        });
    }

    fn deliver(self: &Rc<Self>, delivery: Delivery) {
        let delivery = Rc::new(delivery);
        *self.latest.borrow_mut() = Some(delivery.clone());
        // Handlers may reach into components; call them outside any borrow.
        let handlers: Vec<FeedHandler> = self
            .subscribers
            .borrow()
            .iter()
            .map(|s| s.handler.clone())
            .collect();
        for handler in &handlers {
            handler(&delivery);
        }
        // Subscribers that decided at once have said so; the others say later, through
        // `poll_in`, and the timer moves then.
        let action = self.schedule.borrow_mut().answered(u32::MAX);
        match action {
            PollAction::WaitMs(_) => self.rearm(),
            other => self.act(other),
        }
    }
}
