//! A monotonic clock. Wall-clock time is never used for ages: the server's timestamp plus
//! the time elapsed on this clock is.

/// Milliseconds from an arbitrary origin, never going backwards.
pub trait Clock {
    /// Now.
    fn now_ms(&self) -> f64;
}

/// `performance.now()`.
pub struct PerformanceClock;

impl Clock for PerformanceClock {
    fn now_ms(&self) -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or_else(js_sys::Date::now)
    }
}
