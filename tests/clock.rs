//! A browser whose clock is hours off: statuses follow the server's clock
//! (`server_timestamp` plus local time elapsed, measured with `performance.now()`), so
//! they come out the same with `Date.now` five hours ahead or behind.
#![cfg(target_arch = "wasm32")]

mod support;

use std::rc::Rc;

use js_sys::{Function, Reflect};
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use zulip_roster::services::PerformanceClock;

wasm_bindgen_test_configure!(run_in_browser);

/// Moves `Date.now` by `hours` until dropped.
struct SkewedDate {
    date: JsValue,
    now: JsValue,
}

impl SkewedDate {
    fn by_hours(hours: f64) -> Self {
        let date = Reflect::get(&js_sys::global(), &"Date".into()).unwrap();
        let now = Reflect::get(&date, &"now".into()).unwrap();
        let skewed = Function::new_with_args(
            "now, offset",
            "return function () { return now() + offset; }",
        )
        .call2(&JsValue::NULL, &now, &(hours * 3_600_000.0).into())
        .unwrap();
        Reflect::set(&date, &"now".into(), &skewed).unwrap();
        SkewedDate { date, now }
    }
}

impl Drop for SkewedDate {
    fn drop(&mut self) {
        let _ = Reflect::set(&self.date, &"now".into(), &self.now);
    }
}

/// With `Date.now` off by `hours`, statuses and "last active" are what the server's clock says.
async fn statuses_follow_the_server_clock_with_the_browser_clock_off_by(hours: f64) {
    let skew = SkewedDate::by_hours(hours);
    let performance = web_sys::window().unwrap().performance().unwrap();
    let off_by = js_sys::Date::now() - (performance.time_origin() + performance.now());
    assert!(
        (off_by - hours * 3_600_000.0).abs() < 1000.0,
        "the page's clock is off: {off_by}"
    );
    let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![ok(team())]));
    // The real clock, not the fake one: this is about what the browser says.
    let mut services = fakes.services.clone();
    services.clock = Rc::new(PerformanceClock);
    let (root, handle) = mount_roster(&[("names", "off")], &services, 50);
    wait_for_state(&root, "ready").await;
    // Let a few ticks re-age everyone by the (real) elapsed time.
    gloo_timers::future::TimeoutFuture::new(200).await;
    let statuses: Vec<(String, String)> = all(&root, "li[part=row]")
        .iter()
        .map(|r| {
            (
                r.get_attribute("data-email").unwrap(),
                r.get_attribute("data-status").unwrap(),
            )
        })
        .collect();
    let expected = [
        ("ada@x", "active"),
        ("zoe@x", "active"),
        ("bo@x", "idle"),
        ("anon@x", "offline"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(e, s)| (e.to_string(), s.to_string()))
        .collect();
    assert_eq!(statuses, expected, "Date.now off by {hours} h");
    assert_eq!(
        all(&root, "li[data-email='anon@x']")[0]
            .get_attribute("title")
            .as_deref(),
        Some("Active 5 minutes ago"),
        "Date.now off by {hours} h"
    );
    handle.destroy();
    drop(skew);
}

#[wasm_bindgen_test]
async fn statuses_follow_the_server_clock_with_the_browser_five_hours_ahead() {
    statuses_follow_the_server_clock_with_the_browser_clock_off_by(5.0).await;
}

#[wasm_bindgen_test]
async fn statuses_follow_the_server_clock_with_the_browser_five_hours_behind() {
    statuses_follow_the_server_clock_with_the_browser_clock_off_by(-5.0).await;
}

#[wasm_bindgen_test]
async fn statuses_follow_the_server_clock_with_the_browser_right() {
    statuses_follow_the_server_clock_with_the_browser_clock_off_by(0.0).await;
}
