//! Shared feeds: every widget on a page that polls the same URL through the same fetcher
//! shares one poller, so ten rosters on one proxy cost one request per poll.
//!
//! Each subscriber's handler sees every answer and says when it wants the next one; the
//! feed polls at the earliest of those. The feed lives as long as its last subscription.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use super::fetch::{FetchError, Fetcher, HttpAnswer};
use super::poller::{Poller, PollerOptions};
use super::visibility::Visibility;

/// Decides, from an answer, how many milliseconds until this subscriber wants the next.
pub type FeedHandler = Rc<dyn Fn(&Result<HttpAnswer, FetchError>) -> u32>;

type Key = (usize, String);

struct Feed {
    key: Key,
    handlers: RefCell<Vec<(u64, FeedHandler)>>,
    next_id: Cell<u64>,
    poller: RefCell<Option<Poller>>,
}

thread_local! {
    static FEEDS: RefCell<HashMap<Key, Weak<Feed>>> = RefCell::new(HashMap::new());
}

/// A subscription to a feed; unsubscribes when dropped, and the feed (with its poller
/// and any request in flight) ends with its last subscription.
#[must_use = "the subscription ends when dropped"]
pub struct FeedSubscription {
    feed: Rc<Feed>,
    id: u64,
}

impl Feed {
    /// Polls now, if the feed is running (unless a request is already in flight).
    /// Returns whether it is running.
    fn poll_now(&self) -> bool {
        match self.poller.borrow().as_ref() {
            Some(poller) => {
                poller.poll_now();
                true
            }
            None => false,
        }
    }
}

impl FeedSubscription {
    /// Polls now (unless a request is already in flight).
    pub fn refresh(&self) {
        self.feed.poll_now();
    }
}

impl Drop for FeedSubscription {
    fn drop(&mut self) {
        let empty = {
            let mut handlers = self.feed.handlers.borrow_mut();
            handlers.retain(|(id, _)| *id != self.id);
            handlers.is_empty()
        };
        if empty {
            let poller = self.feed.poller.borrow_mut().take();
            drop(poller);
            FEEDS.with(|feeds| feeds.borrow_mut().remove(&self.feed.key));
        }
    }
}

/// Subscribes `handler` to the feed of `options.url` through `fetcher`, starting it if
/// this is its first subscriber. A new subscriber to a running feed gets the next answer
/// (and asks for one at once, so it does not wait a whole period for its first roster).
pub fn subscribe(
    fetcher: Rc<dyn Fetcher>,
    visibility: Rc<dyn Visibility>,
    options: PollerOptions,
    handler: FeedHandler,
) -> FeedSubscription {
    let key: Key = (
        Rc::as_ptr(&fetcher) as *const () as usize,
        options.url.clone(),
    );
    let existing = FEEDS.with(|feeds| feeds.borrow().get(&key).and_then(Weak::upgrade));
    let feed = match existing {
        Some(feed) => feed,
        None => {
            let feed = Rc::new(Feed {
                key: key.clone(),
                handlers: RefCell::default(),
                next_id: Cell::new(0),
                poller: RefCell::new(None),
            });
            FEEDS.with(|feeds| feeds.borrow_mut().insert(key, Rc::downgrade(&feed)));
            feed
        }
    };
    let id = feed.next_id.get() + 1;
    feed.next_id.set(id);
    feed.handlers.borrow_mut().push((id, handler));
    if !feed.poll_now() {
        let weak = Rc::downgrade(&feed);
        let poller = Poller::start(
            fetcher,
            visibility,
            options,
            Box::new(move |result| {
                let Some(feed) = weak.upgrade() else {
                    return u32::MAX;
                };
                // Handlers may dispatch into components; call them outside the borrow.
                let handlers: Vec<FeedHandler> = feed
                    .handlers
                    .borrow()
                    .iter()
                    .map(|(_, h)| h.clone())
                    .collect();
                handlers
                    .iter()
                    .map(|handler| handler(&result))
                    .min()
                    .unwrap_or(u32::MAX)
            }),
        );
        *feed.poller.borrow_mut() = Some(poller);
    }
    FeedSubscription { feed, id }
}
