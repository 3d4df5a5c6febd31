//! An organization where nobody has been active in the answer's two weeks: Zulip's
//! buddy list still lists everyone, offline. Served by replacing `window.fetch` in this
//! page; the widget's own fetch and feeds run.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn members_with_no_presence_in_two_weeks_are_all_listed_offline() {
    let proxy = "/nobody-recently/api/v1";
    window_route(
        &format!("{proxy}/realm/presence"),
        200,
        &modern_body(T, &[]),
    );
    window_route(
        &format!("{proxy}/users?client_gravatar=false"),
        200,
        &users_body(&[
            ("zoe@x", "Zoe", None),
            ("ada@x", "Ada", None),
            ("bo@x", "Bo", None),
        ]),
    );
    let tag = roster_element(&[
        ("proxy", proxy),
        ("offline-threshold", "140"),
        ("lang", "en"),
    ]);
    wait_until(&tag, "three rows", || row_names(&tag).len() == 3).await;
    assert_eq!(row_names(&tag), ["Ada", "Bo", "Zoe"]);
    let header = tag
        .shadow_root()
        .unwrap()
        .query_selector(".counts")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert_eq!(header, "0 active · 0 idle · 3 offline");
    // The host's attributes are written once the render that shows the rows is in the DOM.
    wait_until(&tag, "data-offline=3", || {
        tag.get_attribute("data-offline").as_deref() == Some("3")
    })
    .await;
    assert_eq!(tag.get_attribute("data-state").as_deref(), Some("ready"));
}
