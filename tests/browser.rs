//! Browser tests of the small pieces: the status dot, the standalone page's options (a
//! wrong one, another site as the proxy), the real fetcher.
#![cfg(target_arch = "wasm32")]

mod support;

use presence_model::words::EN;
use presence_model::Status;
use support::*;
use wasm_bindgen_test::*;
use zulip_roster::components::status_dot;
use zulip_roster::components::zulip_roster::ZulipRosterProps;
use zulip_roster::embed::config_from_query;
use zulip_roster::services::{Fetcher, GlooFetcher};
use zulip_roster::ZulipRoster;

wasm_bindgen_test_configure!(run_in_browser);

/// A dot for `status`: its shape and colour from the status, hidden from screen readers,
/// which read `words` instead.
async fn a_status_dot_says(status: Status, words: &str) {
    let root = mount_point();
    #[derive(PartialEq, yew::Properties)]
    struct Props {
        status: Status,
    }
    #[yew::function_component]
    fn Dot(props: &Props) -> yew::Html {
        status_dot::view(
            props.status,
            yew::AttrValue::Static(EN.status(props.status)),
        )
    }
    yew::Renderer::<Dot>::with_root_and_props(root.clone(), Props { status }).render();
    let wrapper = wait_for(&root, ".status").await;
    assert_eq!(
        wrapper.get_attribute("data-status").as_deref(),
        Some(status.as_str())
    );
    let dot = wait_for(&root, ".status-dot").await;
    assert_eq!(dot.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert!(dot.class_list().contains(status.as_str()));
    assert_eq!(text(&root, ".visually-hidden"), words);
}

#[wasm_bindgen_test]
async fn an_active_dot_says_active() {
    a_status_dot_says(Status::Active, "Active").await;
}

#[wasm_bindgen_test]
async fn an_idle_dot_says_idle() {
    a_status_dot_says(Status::Idle, "Idle").await;
}

#[wasm_bindgen_test]
async fn an_offline_dot_says_offline() {
    a_status_dot_says(Status::Offline, "Offline").await;
}

#[wasm_bindgen_test]
async fn a_wrong_setting_is_a_message_and_an_event_not_a_blank_page() {
    let root = mount_point();
    let (errors, _listener) = record_errors(&root);
    install(&Fakes::new(FakeFetcher::new()).services);
    let props = ZulipRosterProps {
        host: root.clone(),
        config: config_from_query("?refresh=soon&theme=dark"),
        control: Default::default(),
    };
    yew::Renderer::<ZulipRoster>::with_root_and_props(root.clone(), props).render();
    // The host says "error" once the message is on screen (after the render).
    wait_for_state(&root, "error").await;
    let words = "The setting refresh = \"soon\" is not valid: expected a whole number of seconds from 1 to 86400.";
    assert_eq!(text(&root, "[part=banner]"), words);
    wait_until(&root, "the event", || !errors.borrow().is_empty()).await;
    assert_eq!(errors.borrow()[0], ("config".to_owned(), words.to_owned()));
}

#[wasm_bindgen_test]
async fn the_standalone_page_refuses_another_site_as_its_proxy_and_asks_it_nothing() {
    // Issue 13: `?proxy=//evil.example/api/v1` looks like a path but names another site.
    let root = mount_point();
    let (errors, _listener) = record_errors(&root);
    let fetcher = FakeFetcher::new();
    install(&Fakes::new(fetcher.clone()).services);
    let props = ZulipRosterProps {
        host: root.clone(),
        config: config_from_query("?proxy=//evil.example/api/v1"),
        control: Default::default(),
    };
    yew::Renderer::<ZulipRoster>::with_root_and_props(root.clone(), props).render();
    let banner = wait_for(&root, "[part=banner]").await;
    let words = banner.text_content().unwrap_or_default();
    assert!(
        words.starts_with("The setting proxy = \"//evil.example/api/v1\" is not valid"),
        "{words}"
    );
    wait_until(&root, "the event", || !errors.borrow().is_empty()).await;
    assert_eq!(errors.borrow()[0].0, "config");
    assert_eq!(fetcher.count(""), 0, "no request at all");
}

#[wasm_bindgen_test]
async fn the_real_fetcher_returns_status_and_bytes() {
    let body = r#"{"result":"success","msg":"","server_timestamp":1.5,"presences":{}}"#;
    let url = format!(
        "data:application/json,{}",
        js_sys::encode_uri_component(body)
    );
    let controller = web_sys::AbortController::new().unwrap();
    let answer = GlooFetcher.get(&url, &controller.signal()).await.unwrap();
    assert_eq!(
        (answer.status, answer.body),
        (200, body.as_bytes().to_vec())
    );
    let parsed = presence_model::parse_presence(body.as_bytes()).unwrap();
    assert_eq!(parsed.value.server_timestamp, 1.5);
    // An aborted request reports as aborted, not as a network failure.
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let error = GlooFetcher
        .get(&url, &controller.signal())
        .await
        .unwrap_err();
    assert_eq!(error, zulip_roster::services::FetchError::Aborted);
}
