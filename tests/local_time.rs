//! Local time in the rows, as a visitor sees it: two colleagues on either side of the
//! date line, their clocks from `/users`' `timezone` through the browser's
//! `Intl.DateTimeFormat`, on the production path (`window.fetch` replaced in this page,
//! [`window_network`]).
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// [`T`] is 2027-01-15 08:00 UTC: 22:00 on Friday on Kiritimati (UTC+14), 21:00 on
/// Thursday in Pago Pago (UTC−11).
fn serve(root: &str) -> String {
    let users = serde_json::json!({"result": "success", "msg": "", "members": [
        {"user_id": 1, "email": "kiri@x", "full_name": "Kiri East", "is_bot": false, "is_active": true, "timezone": "Pacific/Kiritimati"},
        {"user_id": 2, "email": "pago@x", "full_name": "Pago West", "is_bot": false, "is_active": true, "timezone": "Pacific/Pago_Pago"},
        {"user_id": 3, "email": "nozone@x", "full_name": "No Zone", "is_bot": false, "is_active": true, "timezone": ""},
    ]});
    let presence = modern_body(
        T,
        &[
            ("kiri@x", "active", 5),
            ("pago@x", "active", 5),
            ("nozone@x", "active", 5),
        ],
    );
    let proxy = format!("/{root}/api/v1");
    window_route(&format!("{proxy}/realm/presence"), 200, &presence);
    window_route(
        &format!("{proxy}/users?client_gravatar=false"),
        200,
        &users.to_string(),
    );
    proxy
}

fn roster(proxy: &str, extra: &[(&str, &str)]) -> Element {
    let mut attributes = vec![
        ("proxy", proxy),
        ("offline-threshold", "140"),
        ("lang", "en-GB"),
    ];
    attributes.extend_from_slice(extra);
    roster_element(&attributes)
}

/// The row of `email` in the shadow root.
fn row(tag: &Element, email: &str) -> Element {
    let shadow = tag.shadow_root().unwrap();
    shadow
        .query_selector(&format!("li[data-email=\"{email}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no row for {email}"))
}

/// What a screen reader reads for the row: its whole text.
fn read_out(row: &Element) -> String {
    row.text_content().unwrap_or_default()
}

fn has_weekday(text: &str) -> bool {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .any(|d| text.contains(d))
}

#[wasm_bindgen_test]
async fn colleagues_across_the_date_line_show_their_own_clocks() {
    let proxy = serve("date-line");
    let tag = roster(&proxy, &[]);
    wait_for_state(&tag, "ready").await;
    wait_until(&tag, "names", || {
        row_names(&tag).contains(&"Kiri East".to_owned())
    })
    .await;
    let (kiri, pago) = (row(&tag, "kiri@x"), row(&tag, "pago@x"));
    let kiri_title = kiri.get_attribute("title").unwrap_or_default();
    let pago_title = pago.get_attribute("title").unwrap_or_default();
    assert!(
        kiri_title.starts_with("Active now · ") && kiri_title.ends_with("22:00 local time"),
        "{kiri_title}"
    );
    assert!(pago_title.ends_with("21:00 local time"), "{pago_title}");
    assert!(
        read_out(&kiri).contains("22:00 local time"),
        "{}",
        read_out(&kiri)
    );
    assert!(
        read_out(&pago).contains("21:00 local time"),
        "{}",
        read_out(&pago)
    );
    // One calendar day apart: whatever the viewer's own zone, at least one of them is
    // on another weekday than the viewer, and says which.
    assert!(
        has_weekday(&kiri_title) || has_weekday(&pago_title),
        "{kiri_title} / {pago_title}"
    );
    let nozone = row(&tag, "nozone@x");
    assert_eq!(nozone.get_attribute("title").as_deref(), Some("Active now"));
    assert!(!read_out(&nozone).contains("local time"));
    tag.remove();
}

#[wasm_bindgen_test]
async fn local_time_off_shows_no_clocks() {
    let proxy = serve("local-time-off");
    let tag = roster(&proxy, &[("local-time", "off")]);
    wait_for_state(&tag, "ready").await;
    wait_until(&tag, "names", || {
        row_names(&tag).contains(&"Kiri East".to_owned())
    })
    .await;
    let kiri = row(&tag, "kiri@x");
    assert_eq!(kiri.get_attribute("title").as_deref(), Some("Active now"));
    assert!(!read_out(&kiri).contains("local time"));
    tag.remove();
}
