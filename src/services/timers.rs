//! Timers behind a trait: a feed's next poll, its retry backoff and its request deadline
//! wait on [`Timers`], so the browser's `setTimeout` runs them on a page and a test can
//! run them on a clock it moves by hand, instead of waiting seconds of real time.

use std::any::Any;

use gloo_timers::callback::Timeout;

/// The longest delay `setTimeout` honours (2^31 - 1 ms, about 24.8 days); anything
/// longer fires at once, which would turn a huge refresh into a request loop.
pub const MAX_TIMER_MS: u32 = i32::MAX as u32;

/// Runs callbacks later.
pub trait Timers {
    /// Calls `run` once, `ms` milliseconds from now, unless the returned [`Timer`] is
    /// dropped first.
    fn start(&self, ms: u32, run: Box<dyn FnOnce()>) -> Timer;
}

/// A started timer; dropping it cancels it.
///
/// # Example
///
/// ```no_run
/// use zulip_roster::services::timers::{BrowserTimers, Timers};
///
/// let timer = BrowserTimers.start(1_000, Box::new(|| web_sys::console::log_1(&"a second later".into())));
/// drop(timer); // cancelled: nothing is logged
/// ```
#[must_use = "the timer is cancelled when dropped"]
pub struct Timer(#[allow(dead_code)] Box<dyn Any>);

impl Timer {
    /// A timer that `cancel_on_drop` cancels when it is dropped (a gloo `Timeout`, or a
    /// test clock's guard).
    pub fn new(cancel_on_drop: impl Any) -> Self {
        Timer(Box::new(cancel_on_drop))
    }
}

/// The browser's `setTimeout`, through gloo (which clears it on drop).
pub struct BrowserTimers;

impl Timers for BrowserTimers {
    fn start(&self, ms: u32, run: Box<dyn FnOnce()>) -> Timer {
        Timer::new(Timeout::new(ms.min(MAX_TIMER_MS), run))
    }
}
