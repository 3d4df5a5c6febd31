//! A panic anywhere: every widget on the page shows a short fallback (and the page's
//! own content through the slot), and the page keeps working. Its own test binary, as
//! a panic leaves the module's state unusable for later tests.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use zulip_roster::embed;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_panic_shows_the_fallback_in_every_widget_and_leaves_the_page_working() {
    let fakes = Fakes::new(FakeFetcher::new().route(
        "/realm/presence",
        vec![ok(modern_body(1e9, &[("a@x", "active", 1)]))],
    ));
    install(&fakes.services);
    embed::define_and_auto_mount();
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("zulip-roster").unwrap();
    element.set_attribute("proxy", "/api/v1").unwrap();
    element.set_attribute("names", "off").unwrap();
    element.set_text_content(Some("See who's online in Zulip"));
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"proxy".into(), &"/api/v1".into()).unwrap();
    js_sys::Reflect::set(&options, &"names".into(), &"off".into()).unwrap();
    let _handle = embed::mount(div.clone(), JsValue::from(options)).unwrap();
    wait_for_state(&element, "ready").await;
    wait_for_state(&div, "ready").await;

    embed::panic_for_tests();

    let fallback = "Who's online is unavailable right now.";
    for host in [&element, &div] {
        let shadow = host.shadow_root().unwrap();
        wait_until(host, "the fallback", || {
            shadow.text_content().unwrap_or_default().contains(fallback)
        })
        .await;
        assert!(
            shadow.query_selector("slot").unwrap().is_some(),
            "the page's own content shows through"
        );
        assert!(shadow.query_selector("li").unwrap().is_none());
        assert_eq!(host.get_attribute("data-state").as_deref(), Some("error"));
    }
    // The page itself still works: its DOM and its own scripts are untouched.
    let probe = document.create_element("p").unwrap();
    probe.set_text_content(Some("still here"));
    document.body().unwrap().append_child(&probe).unwrap();
    assert_eq!(probe.text_content().as_deref(), Some("still here"));
}
