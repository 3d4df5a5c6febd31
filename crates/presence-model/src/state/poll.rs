//! When a shared feed asks the network: one request at a time, paused while the page is
//! hidden, and a `refresh()` that is never lost.
//!
//! The browser's feed owns the request, the timer and the visibility listener; this
//! type decides, so the races are tested natively:
//! - a refresh while a request is in flight is kept and becomes one more request as soon
//!   as that one answers (the answer in flight may predate whatever made the page ask);
//! - a poll that falls due while the page is hidden waits for the page to be shown;
//! - two requests are never in flight together, and the next poll is scheduled only
//!   once the previous answer has been handed over.
//!
//! # Example
//!
//! ```
//! use presence_model::state::poll::{PollAction, PollSchedule};
//!
//! let mut schedule = PollSchedule::new(false);
//! assert_eq!(schedule.poll_now(), PollAction::Request);
//! assert_eq!(schedule.poll_now(), PollAction::Nothing); // kept for later
//! assert_eq!(schedule.answered(60_000), PollAction::Request);
//! assert_eq!(schedule.answered(60_000), PollAction::WaitMs(60_000));
//! ```

/// What the feed must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollAction {
    /// Start a request now (and drop any timer).
    Request,
    /// Set a timer to poll again in this many milliseconds.
    WaitMs(u32),
    /// Nothing: a request is in flight, or the page is hidden.
    Nothing,
}

/// A feed's polling state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    in_flight: bool,
    /// A poll was asked for while a request was in flight.
    again: bool,
    hidden: bool,
    /// A poll fell due while the page was hidden.
    due: bool,
}

impl PollSchedule {
    /// Nothing in flight; `hidden` is whether the page is hidden now.
    pub fn new(hidden: bool) -> Self {
        PollSchedule {
            in_flight: false,
            again: false,
            hidden,
            due: false,
        }
    }

    /// Whether a request is in flight.
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }

    /// A poll is wanted now: the feed's first, its timer, or `refresh()`.
    pub fn poll_now(&mut self) -> PollAction {
        if self.in_flight {
            self.again = true;
            PollAction::Nothing
        } else if self.hidden {
            self.due = true;
            PollAction::Nothing
        } else {
            self.in_flight = true;
            self.due = false;
            PollAction::Request
        }
    }

    /// The request in flight ended (answer, failure or timeout) and its subscribers want
    /// the next one in `next_ms`.
    pub fn answered(&mut self, next_ms: u32) -> PollAction {
        self.in_flight = false;
        if std::mem::take(&mut self.again) {
            self.poll_now()
        } else {
            PollAction::WaitMs(next_ms)
        }
    }

    /// The page was hidden or shown. Shown, it polls at once if a poll fell due meanwhile
    /// or `refresh_on_visible` says so (presence is worth refreshing after a while away).
    pub fn visibility(&mut self, hidden: bool, refresh_on_visible: bool) -> PollAction {
        self.hidden = hidden;
        if !hidden && (self.due || refresh_on_visible) {
            self.poll_now()
        } else {
            PollAction::Nothing
        }
    }
}
