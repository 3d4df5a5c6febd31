//! Team rosters as a page author sets them up: `<zulip-roster group=…>` and
//! `channel=…` on the browser's own fetch, with Zulip's answers (its API examples for
//! `/user_groups`, `/get_stream_id` and `/streams/{id}/members`) served by replacing
//! `window.fetch` in this page. Each test has a proxy path of its own, so their feeds
//! never meet.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const GROUPS: &str = include_str!("fixtures/user-groups.get.200.example.json");
const STREAM_ID: &str = include_str!("fixtures/get-stream-id.get.200.example.json");
const SUBSCRIBERS: &str = include_str!("fixtures/streams-stream_id-members.get.200.example.json");
const BOT_REFUSED: &str = include_str!("fixtures/error.user-groups.bot.json");
/// Zulip 12.0's refusal of a guest's key (`require_member_or_admin`, `zerver/decorator.py`).
const GUEST_REFUSED: &str = include_str!("fixtures/error.user-groups.guest.json");
const NO_CHANNEL: &str = include_str!("fixtures/error.get-stream-id.invalid-name.json");

/// The people of Zulip's examples: 1–4 are in its user groups (role:owners 1,
/// role:administrators 2 and owners as a subgroup, hamletcharacters 3 and 4), 11 and 26
/// are the example channel's subscribers, 7 is in neither.
const PEOPLE: [(i64, &str, &str); 7] = [
    (1, "desdemona@zulip.com", "Desdemona"),
    (2, "iago@zulip.com", "Iago"),
    (3, "hamlet@zulip.com", "King Hamlet"),
    (4, "ophelia@zulip.com", "Ophelia"),
    (7, "othello@zulip.com", "Othello, the Moor of Venice"),
    (11, "cordelia@zulip.com", "Cordelia, Lear's daughter"),
    (26, "newbie@zulip.com", "Newbie"),
];

fn users() -> String {
    let members: Vec<_> = PEOPLE
        .iter()
        .map(|(id, email, name)| serde_json::json!({"user_id": id, "email": email, "full_name": name, "avatar_url": null, "is_bot": false, "is_active": true, "role": 400, "timezone": ""}))
        .collect();
    serde_json::json!({"result": "success", "msg": "", "members": members}).to_string()
}

/// Everyone active but Ophelia, idle.
fn presence() -> String {
    let rows: Vec<(&str, &str, i64)> = PEOPLE
        .iter()
        .map(|(_, email, _)| {
            (
                *email,
                if email.starts_with("ophelia") {
                    "idle"
                } else {
                    "active"
                },
                10,
            )
        })
        .collect();
    modern_body(T, &rows)
}

/// A proxy under `/{root}/api/v1` serving presence and names for [`PEOPLE`].
fn proxy(root: &str) -> String {
    let proxy = format!("/{root}/api/v1");
    window_route(&format!("{proxy}/realm/presence"), 200, &presence());
    window_route(
        &format!("{proxy}/users?client_gravatar=false"),
        200,
        &users(),
    );
    proxy
}

/// A `<zulip-roster>` at the top of the page with `attributes`, the threshold set.
fn roster(attributes: &[(&str, &str)]) -> Element {
    let mut all = vec![("offline-threshold", "140")];
    all.extend_from_slice(attributes);
    roster_element(&all)
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

#[wasm_bindgen_test]
async fn a_group_roster_lists_its_members_and_counts_only_them() {
    let proxy = proxy("group-by-name");
    window_route(&format!("{proxy}/user_groups"), 200, GROUPS);
    let tag = roster(&[("proxy", &proxy), ("group", "hamletcharacters")]);
    wait_for_state(&tag, "ready").await;
    assert_eq!(row_names(&tag), ["King Hamlet", "Ophelia"]);
    assert_eq!(tag.get_attribute("data-total").as_deref(), Some("2"));
    assert_eq!(tag.get_attribute("data-active").as_deref(), Some("1"));
    assert_eq!(tag.get_attribute("data-idle").as_deref(), Some("1"));
    tag.remove();
}

#[wasm_bindgen_test]
async fn a_group_by_id_includes_the_members_of_its_subgroups() {
    let proxy = proxy("group-by-id");
    window_route(&format!("{proxy}/user_groups"), 200, GROUPS);
    // role:administrators (2): Iago, and Desdemona through role:owners.
    let tag = roster(&[("proxy", &proxy), ("group", "2")]);
    wait_for_state(&tag, "ready").await;
    assert_eq!(sorted(row_names(&tag)), ["Desdemona", "Iago"]);
    tag.remove();
}

#[wasm_bindgen_test]
async fn a_channel_roster_by_name_lists_its_subscribers() {
    let proxy = proxy("channel-by-name");
    window_route(
        &format!("{proxy}/get_stream_id?stream=Denmark%20%26%20Co"),
        200,
        STREAM_ID,
    );
    window_route(&format!("{proxy}/streams/15/members"), 200, SUBSCRIBERS);
    let tag = roster(&[("proxy", &proxy), ("channel", "Denmark & Co")]);
    wait_for_state(&tag, "ready").await;
    assert_eq!(row_names(&tag), ["Cordelia, Lear's daughter", "Newbie"]);
    assert_eq!(tag.get_attribute("data-total").as_deref(), Some("2"));
    tag.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_group_says_so_instead_of_showing_an_empty_roster() {
    let proxy = proxy("unknown-group");
    window_route(&format!("{proxy}/user_groups"), 200, GROUPS);
    let tag = roster(&[("proxy", &proxy)]);
    let (errors, _listener) = record_errors(&tag);
    tag.set_attribute("group", "nonexistent").unwrap();
    wait_for_state(&tag, "error").await;
    let banner = banner_text(&tag);
    assert!(
        banner.contains(
            "There is no user group \"nonexistent\" in this organization. Check the group setting."
        ),
        "{banner}"
    );
    assert!(
        row_names(&tag).is_empty(),
        "nobody is listed under a group that does not exist"
    );
    wait_until(&tag, "a roster-error", || !errors.borrow().is_empty()).await;
    assert_eq!(errors.borrow()[0].0, "config");
    tag.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_channel_says_so() {
    let proxy = proxy("unknown-channel");
    window_route(
        &format!("{proxy}/get_stream_id?stream=nonexistent"),
        400,
        NO_CHANNEL,
    );
    let tag = roster(&[("proxy", &proxy), ("channel", "nonexistent")]);
    wait_for_state(&tag, "error").await;
    let banner = banner_text(&tag);
    assert!(
        banner.contains("There is no channel \"nonexistent\""),
        "{banner}"
    );
    tag.remove();
}

#[wasm_bindgen_test]
async fn a_proxy_holding_a_bot_key_is_told_groups_need_a_members_key() {
    let proxy = proxy("bot-key");
    window_route(&format!("{proxy}/user_groups"), 400, BOT_REFUSED);
    let tag = roster(&[("proxy", &proxy), ("group", "hamletcharacters")]);
    wait_for_state(&tag, "error").await;
    let banner = banner_text(&tag);
    assert!(
        banner.contains("This endpoint does not accept bot requests."),
        "{banner}"
    );
    assert!(banner.contains("a member's API key"), "{banner}");
    tag.remove();
}

#[wasm_bindgen_test]
async fn on_zulip_12_a_proxy_holding_a_guest_key_is_told_a_member_or_bot_key_will_do() {
    let proxy = proxy("guest-key");
    window_route(&format!("{proxy}/user_groups"), 400, GUEST_REFUSED);
    window_route(
        &format!("{proxy}/server_settings"),
        200,
        r#"{"result":"success","msg":"","zulip_version":"12.0","zulip_feature_level":496}"#,
    );
    let tag = roster(&[("proxy", &proxy), ("group", "hamletcharacters")]);
    // The server's version is read only when the page leaves the threshold to it.
    tag.remove_attribute("offline-threshold").unwrap();
    wait_until(&tag, "the guest's refusal explained", || {
        banner_text(&tag).contains("a member or a bot, not a guest's")
    })
    .await;
    assert!(banner_text(&tag).contains("Not allowed for guest users"));
    tag.remove();
}
