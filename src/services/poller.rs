//! A poller: GET a URL, hand the answer over, wait as long as the handler says, repeat.
//!
//! It is a value: dropping it cancels the timer, removes the visibility listener and
//! aborts the request in flight, so a destroyed widget leaves nothing running.
//!
//! Races it rules out:
//! - two requests in flight: a poll is started only when none is, and the next one is
//!   scheduled only after the handler has seen the previous answer;
//! - an answer landing after destroy: the task holds only a weak reference, and a stopped
//!   poller drops whatever arrives;
//! - a timeout racing a late answer: the deadline aborts the request, and an abort the
//!   deadline caused is reported as `Timeout`, never as `Aborted`.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use super::fetch::{FetchError, Fetcher, HttpAnswer};
use super::visibility::{Subscription, Visibility};

/// The longest delay `setTimeout` honours (2^31 - 1 ms, about 24.8 days).
const MAX_TIMER_MS: u32 = i32::MAX as u32;

/// Decides, from an answer, how many milliseconds until the next poll.
pub type Handler = Box<dyn Fn(Result<HttpAnswer, FetchError>) -> u32>;

/// How a poller behaves.
pub struct PollerOptions {
    /// What to GET.
    pub url: String,
    /// How long one request may take.
    pub timeout_ms: u32,
    /// Poll at once when the page becomes visible again, even if not yet due.
    pub refresh_on_visible: bool,
}

/// A running poller; stops when dropped.
#[must_use = "the poller stops when dropped"]
pub struct Poller {
    inner: Rc<Inner>,
}

struct Inner {
    fetcher: Rc<dyn Fetcher>,
    visibility: Rc<dyn Visibility>,
    options: PollerOptions,
    handler: Handler,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    stopped: bool,
    in_flight: Option<InFlight>,
    timer: Option<Timeout>,
    /// A poll fell due while the page was hidden.
    due: bool,
    watch: Option<Subscription>,
}

struct InFlight {
    controller: AbortController,
    _deadline: Timeout,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        // Aborting a request that already finished does nothing.
        self.controller.abort();
    }
}

impl Poller {
    /// Starts polling at once (or as soon as the page is visible).
    pub fn start(
        fetcher: Rc<dyn Fetcher>,
        visibility: Rc<dyn Visibility>,
        options: PollerOptions,
        handler: Handler,
    ) -> Self {
        let inner = Rc::new(Inner {
            fetcher,
            visibility: visibility.clone(),
            options,
            handler,
            state: RefCell::new(State::default()),
        });
        let weak = Rc::downgrade(&inner);
        let watch = visibility.subscribe(Rc::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.visibility_changed();
            }
        }));
        inner.state.borrow_mut().watch = Some(watch);
        inner.poll_now();
        Poller { inner }
    }
}

impl Poller {
    /// Polls at once, unless a request is already in flight (or the page is hidden, in
    /// which case the poll happens when it is shown).
    pub fn poll_now(&self) {
        self.inner.poll_now();
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        let taken = {
            let mut state = self.inner.state.borrow_mut();
            state.stopped = true;
            (
                state.in_flight.take(),
                state.timer.take(),
                state.watch.take(),
            )
        };
        // Dropped outside the borrow: aborting may run JS callbacks.
        drop(taken);
    }
}

impl Inner {
    fn poll_now(self: &Rc<Self>) {
        let mut state = self.state.borrow_mut();
        if state.stopped || state.in_flight.is_some() {
            return;
        }
        if self.visibility.hidden() {
            state.due = true;
            return;
        }
        state.due = false;
        state.timer = None;
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let timed_out = Rc::new(Cell::new(false));
        let deadline = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Timeout::new(self.options.timeout_ms.min(MAX_TIMER_MS), move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let request = self.fetcher.get(&self.options.url, &controller.signal());
        state.in_flight = Some(InFlight {
            controller,
            _deadline: deadline,
        });
        drop(state);

        let weak: Weak<Inner> = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let result = request.await;
            let Some(inner) = weak.upgrade() else { return };
            let finished = {
                let mut state = inner.state.borrow_mut();
                if state.stopped {
                    return;
                }
                state.in_flight.take()
            };
            drop(finished);
            let result = match result {
                Err(FetchError::Aborted) if timed_out.get() => Err(FetchError::Timeout),
                Err(FetchError::Aborted) => return,
                other => other,
            };
            let delay = (inner.handler)(result);
            inner.schedule(delay);
        });
    }

    fn schedule(self: &Rc<Self>, delay_ms: u32) {
        // setTimeout takes a signed 32-bit delay: anything longer fires at once, which
        // would turn a huge refresh into a request loop.
        let delay_ms = delay_ms.min(MAX_TIMER_MS);
        let weak = Rc::downgrade(self);
        let timer = Timeout::new(delay_ms, move || {
            if let Some(inner) = weak.upgrade() {
                inner.poll_now();
            }
        });
        let mut state = self.state.borrow_mut();
        if !state.stopped {
            state.timer = Some(timer);
        }
    }

    fn visibility_changed(self: &Rc<Self>) {
        if self.visibility.hidden() {
            return;
        }
        let wanted = {
            let state = self.state.borrow();
            state.due || self.options.refresh_on_visible
        };
        if wanted {
            self.poll_now();
        }
    }
}
