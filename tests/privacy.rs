//! What a visitor sees in each of the proxy's privacy modes: the answers are those the
//! reference nginx sends (`zulip_roster_privacy` beside Zulip's fields, opaque ids in
//! no-emails, positions and an empty `/users` in counts), served by replacing
//! `window.fetch` in this page; the widget's own fetch and feeds run.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// `body` (a JSON object) with the proxy's marker when `privacy` is not full.
fn marked(body: String, privacy: Option<&str>) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&body).unwrap();
    if let Some(privacy) = privacy {
        value["zulip_roster_privacy"] = privacy.into();
    }
    value.to_string()
}

/// A proxy under `/{root}/api/v1` answering presence for `keys` (Zoe and Ada active, Bo
/// idle, Anon offline, as in [`team`]) and `/users` with `names` for them.
fn proxy(root: &str, keys: [&str; 4], names: bool, privacy: Option<&str>) -> String {
    let proxy = format!("/{root}/api/v1");
    let presence = modern_body(
        T,
        &[
            (keys[0], "active", 5),
            (keys[1], "active", 30),
            (keys[2], "idle", 20),
            (keys[3], "active", 300),
        ],
    );
    let people = ["Zoe", "Ada", "Bo", "Anon"];
    let members: Vec<(&str, &str, Option<&str>)> = if names {
        keys.iter()
            .zip(people)
            .map(|(k, n)| (*k, n, None))
            .collect()
    } else {
        Vec::new()
    };
    window_route(
        &format!("{proxy}/realm/presence"),
        200,
        &marked(presence, privacy),
    );
    window_route(
        &format!("{proxy}/users?client_gravatar=false"),
        200,
        &marked(users_body(&members), privacy),
    );
    proxy
}

fn roster(proxy: &str) -> Element {
    roster_element(&[
        ("proxy", proxy),
        ("offline-threshold", "140"),
        ("lang", "en"),
    ])
}

fn find(host: &Element, selector: &str) -> Option<Element> {
    host.shadow_root()?.query_selector(selector).ok()?
}

fn note(host: &Element) -> Option<String> {
    find(host, "[part~=privacy]").and_then(|e| e.text_content())
}

/// The host's attributes follow the render that shows the rows (they are written once it
/// is in the DOM), so they are waited for, not read at once.
async fn wait_for_privacy(host: &Element, mode: &str) {
    wait_until(host, &format!("data-privacy={mode}"), || {
        host.get_attribute("data-privacy").as_deref() == Some(mode)
    })
    .await;
}

#[wasm_bindgen_test]
async fn full_shows_names_and_says_nothing_about_privacy() {
    let proxy = proxy(
        "privacy-full",
        ["zoe@x", "ada@x", "bo@x", "anon@x"],
        true,
        None,
    );
    let tag = roster(&proxy);
    wait_until(&tag, "the names", || {
        row_names(&tag).len() == 4 && row_names(&tag)[0] == "Ada"
    })
    .await;
    wait_for_privacy(&tag, "full").await;
    assert_eq!(note(&tag), None);
    tag.remove();
}

#[wasm_bindgen_test]
async fn no_emails_shows_names_joined_by_opaque_ids_and_says_addresses_are_hidden() {
    let ids = [
        "u0c1d2e3f4a5b6c7d8e9f0a1b",
        "u1b2c3d4e5f6a7b8c9d0e1f2a",
        "u2a3b4c5d6e7f8a9b0c1d2e3f",
        "u3f4e5d6c7b8a9f0e1d2c3b4a",
    ];
    let proxy = proxy("privacy-no-emails", ids, true, Some("no-emails"));
    let tag = roster(&proxy);
    wait_until(&tag, "the names", || {
        row_names(&tag).len() == 4 && row_names(&tag)[0] == "Ada"
    })
    .await;
    assert_eq!(row_names(&tag), ["Ada", "Zoe", "Bo", "Anon"]);
    wait_for_privacy(&tag, "no-emails").await;
    assert_eq!(
        note(&tag).as_deref(),
        Some("This organization's proxy hides email addresses.")
    );
    assert!(
        find(&tag, "input[type=search]").is_some(),
        "names can be searched"
    );
    tag.remove();
}

#[wasm_bindgen_test]
async fn counts_shows_the_counts_header_alone() {
    let proxy = proxy(
        "privacy-counts",
        ["0", "1", "2", "3"],
        false,
        Some("counts"),
    );
    let tag = roster(&proxy);
    wait_for_state(&tag, "ready").await;
    wait_until(&tag, "the counts", || {
        find(&tag, ".counts")
            .and_then(|e| e.text_content())
            .as_deref()
            == Some("2 active · 1 idle · 1 offline")
    })
    .await;
    wait_for_privacy(&tag, "counts").await;
    assert_eq!(tag.get_attribute("data-total").as_deref(), Some("4"));
    assert_eq!(
        note(&tag).as_deref(),
        Some("This organization's proxy shows how many people are online, not who.")
    );
    assert!(
        row_names(&tag).is_empty(),
        "no rows: the keys are positions"
    );
    assert!(find(&tag, "ul").is_none(), "no list");
    assert!(
        find(&tag, "input[type=search]").is_none(),
        "nobody to search for"
    );
    tag.remove();
}

/// What the reference nginx answers when it cannot apply its setting to Zulip's answer.
const PRIVACY_FAILED: &str = r#"{"result":"error","msg":"The proxy could not apply its privacy setting to Zulip's answer (the answer is not a JSON object), so it passed nothing on","code":"PROXY_PRIVACY_FAILED"}"#;

/// A roster in `lang` whose proxy refuses every answer with `PROXY_PRIVACY_FAILED`.
fn failing_roster(root: &str, lang: &str) -> Element {
    let proxy = format!("/{root}/api/v1");
    window_route(&format!("{proxy}/realm/presence"), 502, PRIVACY_FAILED);
    window_route(
        &format!("{proxy}/users?client_gravatar=false"),
        502,
        PRIVACY_FAILED,
    );
    let tag = roster(&proxy);
    tag.set_attribute("lang", lang).unwrap();
    tag
}

#[wasm_bindgen_test]
async fn a_proxy_that_could_not_apply_its_setting_says_so_on_screen_and_in_roster_error() {
    let tag = failing_roster("privacy-failed", "en");
    let (errors, _listener) = record_errors(&tag);
    wait_for_state(&tag, "error").await;
    let said = "The proxy could not apply its privacy setting to Zulip's answer, so it sent nothing. Its administrator will find why in nginx's error log.";
    assert!(banner_text(&tag).contains(said), "{}", banner_text(&tag));
    wait_until(&tag, "the roster-error event", || {
        !errors.borrow().is_empty()
    })
    .await;
    assert_eq!(errors.borrow()[0], ("privacy".to_owned(), said.to_owned()));
    tag.remove();
}

#[wasm_bindgen_test]
async fn a_proxy_that_could_not_apply_its_setting_is_explained_in_the_roster_s_language() {
    let tag = failing_roster("privacy-failed-de", "de");
    wait_for_state(&tag, "error").await;
    assert!(
        banner_text(&tag).contains(
            "Der Proxy konnte seine Datenschutz-Einstellung nicht auf die Antwort von Zulip anwenden"
        ),
        "{}",
        banner_text(&tag)
    );
    tag.remove();
}
