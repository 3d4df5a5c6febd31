//! Small browser services behind traits: fetch, clock, timers, visibility, and the shared feeds
//! built on them.

pub mod clock;
pub mod feed;
pub mod fetch;
pub mod intl;
pub mod timers;
pub mod visibility;
pub mod words;
pub mod yielding;

use std::cell::RefCell;
use std::rc::Rc;

pub use clock::{Clock, PerformanceClock};
pub use fetch::{FetchError, FetchFuture, Fetcher, GlooFetcher, HttpAnswer};
pub use timers::{BrowserTimers, Timer, Timers};
pub use visibility::{DocumentVisibility, Subscription, Visibility};

/// Everything the roster needs from the outside world.
#[derive(Clone)]
pub struct Services {
    /// HTTP GETs.
    pub fetcher: Rc<dyn Fetcher>,
    /// A monotonic clock in milliseconds.
    pub clock: Rc<dyn Clock>,
    /// Polls, retries and request deadlines wait on these.
    pub timers: Rc<dyn Timers>,
    /// Whether the page is hidden, and when that changes.
    pub visibility: Rc<dyn Visibility>,
    /// A uniform draw from `[0, 1)`, for retry jitter.
    pub random: Rc<dyn Fn() -> f64>,
    /// How often statuses are re-derived from the clock (ms).
    pub tick_ms: u32,
}

thread_local! {
    /// The page's services. One set for every widget: feeds are keyed by the fetcher, so
    /// widgets polling the same URL share one request only if they share it.
    static CURRENT: RefCell<Option<Services>> = const { RefCell::new(None) };
}

impl Services {
    /// The page's services: the browser's, made once (or a test's, with the `testing`
    /// feature).
    pub fn current() -> Services {
        CURRENT.with(|current| {
            current
                .borrow_mut()
                .get_or_insert_with(|| Services {
                    fetcher: Rc::new(GlooFetcher),
                    clock: Rc::new(PerformanceClock),
                    timers: Rc::new(BrowserTimers),
                    visibility: Rc::new(DocumentVisibility),
                    random: Rc::new(js_sys::Math::random),
                    tick_ms: 1000,
                })
                .clone()
        })
    }
}

/// Puts `services` in place of the browser's for every roster mounted from now on
/// (`None`: the browser's again). For tests only: the shipped build has no way to swap
/// what a widget talks to.
#[cfg(feature = "testing")]
pub fn use_services(services: Option<Services>) {
    CURRENT.with(|current| *current.borrow_mut() = services);
}
