//! Small browser services behind traits, so components can be tested with fakes.

pub mod clock;
pub mod collator;
pub mod feed;
pub mod fetch;
pub mod intl;
pub mod poller;
pub mod visibility;
pub mod yielding;

use std::rc::Rc;

pub use clock::{Clock, PerformanceClock};
pub use fetch::{FetchError, FetchFuture, Fetcher, GlooFetcher, HttpAnswer};
pub use visibility::{DocumentVisibility, Subscription, Visibility};

/// Everything the roster needs from the outside world.
#[derive(Clone)]
pub struct Services {
    /// HTTP GETs.
    pub fetcher: Rc<dyn Fetcher>,
    /// A monotonic clock in milliseconds.
    pub clock: Rc<dyn Clock>,
    /// Whether the page is hidden, and when that changes.
    pub visibility: Rc<dyn Visibility>,
    /// A uniform draw from `[0, 1)`, for retry jitter.
    pub random: Rc<dyn Fn() -> f64>,
}

impl Services {
    /// The real browser services.
    pub fn browser() -> Self {
        Services {
            fetcher: Rc::new(GlooFetcher),
            clock: Rc::new(PerformanceClock),
            visibility: Rc::new(DocumentVisibility),
            random: Rc::new(js_sys::Math::random),
        }
    }
}

/// Services are compared by identity: the same services, the same roster.
impl PartialEq for Services {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.fetcher, &other.fetcher)
            && Rc::ptr_eq(&self.clock, &other.clock)
            && Rc::ptr_eq(&self.visibility, &other.visibility)
            && Rc::ptr_eq(&self.random, &other.random)
    }
}
