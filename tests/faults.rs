//! Fault drills: the proxy fails in each way proxies fail, after a good roster. Each
//! time the widget says so (banner and `roster-error`), keeps the rows, retries no
//! sooner than the refresh, never has two requests in flight, and recovers by itself
//! when the proxy does. A slow proxy inside the timeout is no fault at all.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;
use yew::AppHandle;
use zulip_roster::ZulipRoster;

wasm_bindgen_test_configure!(run_in_browser);

const REFRESH_MS: f64 = 1000.0;

/// Presence alone: names and links off and the threshold set, so the only feed is the one
/// that fails (`/server_settings` is read only for the threshold or the links).
fn mount(fakes: &Fakes) -> (web_sys::Element, AppHandle<ZulipRoster>) {
    mount_roster(
        &[
            ("names", "off"),
            ("links", "off"),
            ("offline-threshold", "140"),
            ("refresh", "1"),
            ("timeout", "1"),
        ],
        &fakes.services,
        1000,
    )
}

/// The team a minute later: someone went idle, so recovery shows on screen.
fn team_later() -> String {
    modern_body(
        T + 60.0,
        &[
            ("zoe@x", "active", 5),
            ("ada@x", "idle", 30),
            ("bo@x", "idle", 20),
            ("anon@x", "active", 360),
        ],
    )
}

fn zulip(code: &str, msg: &str) -> String {
    format!(r#"{{"result":"error","msg":"{msg}","code":"{code}"}}"#)
}

/// After a good roster, the proxy fails with `fault`: the banner says `says`, a
/// `roster-error` with `cause` fires, the rows stay, retries come no sooner than the
/// refresh and never two at once, and the roster recovers by itself.
async fn drill(drill: &str, fault: Reply, cause: &str, says: &str) {
    // On fake time: refreshes, retries and the request deadline come as the test moves
    // the clock, and their spacing is measured on it.
    let fakes = Fakes::on_fake_time(
        FakeFetcher::new().route(PRESENCE, vec![ok(team()), fault, ok(team_later())]),
    );
    let (root, handle) = mount(&fakes);
    wait_for_state(&root, "ready").await;
    let (errors, _listener) = record_errors(&root);

    advance_until(&root, &fakes.clock, "data-state=stale", || {
        root.get_attribute("data-state").as_deref() == Some("stale")
    })
    .await;
    let banner = text(&root, "[part=banner]");
    assert!(banner.contains(says), "{drill}: {banner:?}");
    assert_eq!(row_emails(&root).len(), 4, "{drill}: the rows stay");
    wait_until(&root, "a roster-error event", || {
        !errors.borrow().is_empty()
    })
    .await;
    assert_eq!(errors.borrow()[0].0, cause, "{drill}");

    advance_until(&root, &fakes.clock, "recovery", || {
        root.get_attribute("data-state").as_deref() == Some("ready")
            && root.get_attribute("data-idle").as_deref() == Some("2")
    })
    .await;
    assert!(
        root.query_selector("[part=banner]").unwrap().is_none(),
        "{drill}"
    );
    assert_eq!(
        fakes.fetcher.max_in_flight.get(),
        1,
        "{drill}: never two at once"
    );
    let times = fakes.fetcher.request_times.borrow().clone();
    for pair in times.windows(2) {
        // A retry is never a refresh sooner (on the fake clock: exactly).
        assert!(pair[1] - pair[0] >= REFRESH_MS, "{drill}: {times:?}");
    }
    handle.destroy();
}

#[wasm_bindgen_test]
async fn connection_refused() {
    drill(
        "connection refused",
        Reply::Network,
        "down",
        "cannot be reached",
    )
    .await;
}

#[wasm_bindgen_test]
async fn http_401_invalid_api_key() {
    let fault = status(401, zulip("INVALID_API_KEY", "Invalid API key"));
    drill("401", fault, "refused", "INVALID_API_KEY").await;
}

#[wasm_bindgen_test]
async fn http_403_user_deactivated() {
    let fault = status(403, zulip("USER_DEACTIVATED", "Account is deactivated"));
    drill("403", fault, "refused", "deactivated").await;
}

#[wasm_bindgen_test]
async fn http_404_page() {
    let fault = status(404, "<html>Not Found</html>");
    drill("404", fault, "wrong-url", "HTTP 404").await;
}

#[wasm_bindgen_test]
async fn http_429_with_retry_after() {
    let fault = Reply::Answer {
        status: 429,
        body: zulip("RATE_LIMIT_HIT", "API usage exceeded rate limit").into(),
        retry_after: Some("1".into()),
    };
    drill(
        "429 with Retry-After",
        fault,
        "rate-limited",
        "rate-limiting",
    )
    .await;
}

#[wasm_bindgen_test]
async fn http_500() {
    let fault = status(500, zulip("BAD_REQUEST", "Internal error"));
    drill("500", fault, "down", "HTTP 500").await;
}

#[wasm_bindgen_test]
async fn a_response_that_never_ends() {
    drill(
        "a response that never ends",
        Reply::Hang,
        "down",
        "within 1 s",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_connection_reset_mid_body() {
    let fault = Reply::Slow(300, Box::new(Reply::Network));
    drill(
        "a connection reset mid-body",
        fault,
        "down",
        "cannot be reached",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_slow_proxy_inside_the_timeout_is_no_fault() {
    let fakes = Fakes::new(FakeFetcher::new().route(
        PRESENCE,
        vec![ok(team()), Reply::Slow(700, Box::new(ok(team_later())))],
    ));
    let (root, handle) = mount(&fakes);
    wait_for_state(&root, "ready").await;
    let (errors, _listener) = record_errors(&root);
    wait_until(&root, "the slow answer", || {
        root.get_attribute("data-idle").as_deref() == Some("2")
    })
    .await;
    assert_eq!(root.get_attribute("data-state").as_deref(), Some("ready"));
    assert!(root.query_selector("[part=banner]").unwrap().is_none());
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
    assert_eq!(fakes.fetcher.max_in_flight.get(), 1);
    handle.destroy();
}
