//! Whether the page is hidden: polling pauses in background tabs.

use std::any::Any;
use std::rc::Rc;

use gloo_events::EventListener;

/// A registration that ends when dropped.
#[must_use = "the subscription ends when dropped"]
pub struct Subscription(#[allow(dead_code)] Box<dyn Any>);

impl Subscription {
    /// Wraps whatever keeps the registration alive (a listener, a fake's token).
    pub fn new(keep_alive: impl Any) -> Self {
        Subscription(Box::new(keep_alive))
    }
}

/// The page's visibility.
pub trait Visibility {
    /// Whether the page is hidden now.
    fn hidden(&self) -> bool;
    /// Calls `on_change` whenever visibility changes, until the subscription is dropped.
    fn subscribe(&self, on_change: Rc<dyn Fn()>) -> Subscription;
}

/// `document.hidden` and `visibilitychange`.
pub struct DocumentVisibility;

impl Visibility for DocumentVisibility {
    fn hidden(&self) -> bool {
        web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden())
    }

    fn subscribe(&self, on_change: Rc<dyn Fn()>) -> Subscription {
        match web_sys::window().and_then(|w| w.document()) {
            Some(document) => {
                let listener =
                    EventListener::new(&document, "visibilitychange", move |_| on_change());
                Subscription::new(listener)
            }
            None => Subscription::new(()),
        }
    }
}
