//! Browser tests: mount components in headless Chromium and look at them as a person
//! (or a screen reader) would.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use presence_model::Status;
use wasm_bindgen_test::*;
use web_sys::Element;
use zulip_roster::components::status_dot::{StatusDot, StatusDotProps};
use zulip_roster::App;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount on.
fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Waits until `selector` matches inside `root` (Yew renders asynchronously).
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        gloo_timers::future::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "nothing matched {selector:?} within 2 s; page: {}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn a_status_dot_says_its_status_to_screen_readers() {
    for (status, words) in [
        (Status::Active, "Active"),
        (Status::Idle, "Idle"),
        (Status::Offline, "Offline"),
    ] {
        let root = mount_point();
        yew::Renderer::<StatusDot>::with_root_and_props(root.clone(), StatusDotProps { status })
            .render();
        let wrapper = wait_for(&root, ".status").await;
        assert_eq!(
            wrapper.get_attribute("data-status").as_deref(),
            Some(status.as_str())
        );
        let dot = wait_for(&root, ".status-dot").await;
        assert_eq!(dot.get_attribute("aria-hidden").as_deref(), Some("true"));
        assert!(dot.class_list().contains(status.as_str()));
        assert_eq!(
            wait_for(&root, ".visually-hidden")
                .await
                .text_content()
                .as_deref(),
            Some(words)
        );
    }
}

#[wasm_bindgen_test]
async fn the_app_shows_a_labelled_section_with_the_legend() {
    let root = mount_point();
    yew::Renderer::<App>::with_root(root.clone()).render();
    let heading = wait_for(&root, "h2").await;
    assert_eq!(heading.text_content().as_deref(), Some("Who's online"));
    let section = wait_for(&root, "section").await;
    assert_eq!(
        section.get_attribute("aria-labelledby").as_deref(),
        Some("zulip-roster-title")
    );
    let legend = wait_for(&root, "ul[aria-label='Status legend']").await;
    assert_eq!(legend.query_selector_all("li").unwrap().length(), 3);
    assert_eq!(
        legend.text_content().as_deref(),
        Some("ActiveActiveIdleIdleOfflineOffline")
    );
}
