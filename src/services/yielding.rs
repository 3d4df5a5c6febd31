//! Yielding to the event loop. An answer for 10,000 people takes tens of milliseconds to
//! parse, rank and render; done in one go it blocks input and painting for the whole
//! page, so the roster does it in steps with the browser's own work in between.

/// Resolves in a later task (a zero-delay timeout), after whatever the browser has
/// queued meanwhile: input, a frame, other scripts.
pub async fn next_task() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}
