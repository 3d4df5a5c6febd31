//! Links into Zulip: a row's name opens a direct message with that person, the counts
//! open the organization, in a new tab; the server's URL comes from `/server_settings`.
//! Served by replacing `window.fetch` in this page; the widget's own fetch and feeds run.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// A proxy under `/{root}/api/v1` whose server says its organization is at `realm_url`.
fn proxy(root: &str, realm_url: &str) -> String {
    let proxy = format!("/{root}/api/v1");
    window_route(
        &format!("{proxy}/realm/presence"),
        200,
        &modern_body(T, &[("zoe@x", "active", 5), ("bo@x", "idle", 20)]),
    );
    window_route(
        &format!("{proxy}/users?client_gravatar=false"),
        200,
        &users_body(&[("zoe@x", "Zoe Zed", None), ("bo@x", "Bo", None)]),
    );
    let settings = serde_json::json!({
        "result": "success", "msg": "", "zulip_version": "9.0",
        "zulip_feature_level": 257, "realm_url": realm_url, "realm_uri": realm_url,
    });
    window_route(
        &format!("{proxy}/server_settings"),
        200,
        &settings.to_string(),
    );
    proxy
}

fn roster(proxy: &str, extra: &[(&str, &str)]) -> Element {
    let mut attributes = vec![("proxy", proxy), ("lang", "en")];
    attributes.extend_from_slice(extra);
    roster_element(&attributes)
}

fn attr(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn each_name_opens_a_direct_message_in_zulip_in_a_new_tab() {
    let tag = roster(&proxy("links-on", "https://chat.example.com/"), &[]);
    wait_until(&tag, "two links", || {
        shadow_all(&tag, "a[part~=dm-link]").len() == 2
    })
    .await;
    let links = shadow_all(&tag, "a[part~=dm-link]");
    // Zoe is active, Bo idle: rows in that order. user ids 0 and 1 (users_body numbers them).
    let hrefs: Vec<String> = links.iter().map(|a| attr(a, "href")).collect();
    assert_eq!(
        hrefs,
        [
            "https://chat.example.com/#narrow/dm/0-Zoe-Zed",
            "https://chat.example.com/#narrow/dm/1-Bo"
        ]
    );
    assert_eq!(attr(&links[0], "target"), "_blank");
    assert_eq!(attr(&links[0], "rel"), "noopener noreferrer");
    assert_eq!(
        attr(&links[0], "aria-label"),
        "Send Zoe Zed a direct message in Zulip (new tab)"
    );
    let org = shadow_all(&tag, "a[part~=org-link]");
    assert_eq!(org.len(), 1);
    assert_eq!(attr(&org[0], "href"), "https://chat.example.com");
    assert_eq!(
        org[0].text_content().unwrap_or_default(),
        "1 active · 1 idle · 0 offline"
    );
    tag.remove();
}

#[wasm_bindgen_test]
async fn links_off_shows_names_without_links() {
    let tag = roster(
        &proxy("links-off", "https://chat.example.com"),
        &[("links", "off")],
    );
    wait_until(&tag, "two rows", || row_names(&tag).len() == 2).await;
    assert_eq!(row_names(&tag), ["Zoe Zed", "Bo"]);
    assert!(shadow_all(&tag, "a").is_empty());
    tag.remove();
}

#[wasm_bindgen_test]
async fn a_server_url_a_link_may_not_use_gives_no_links() {
    let tag = roster(&proxy("links-hostile", "javascript:alert(1)"), &[]);
    wait_until(&tag, "two rows", || row_names(&tag).len() == 2).await;
    // Rows wait for the server's version (the page leaves the threshold to it), so the
    // answer with the URL has been read: links would have come with it.
    assert!(shadow_all(&tag, "a").is_empty());
    tag.remove();
}

#[wasm_bindgen_test]
async fn an_element_marked_with_data_zulip_roster_links_too() {
    let proxy = proxy("links-marked", "https://chat.example.com");
    zulip_roster::embed::define_and_auto_mount();
    let marked = document().create_element("div").unwrap();
    for (name, value) in [
        ("data-zulip-roster", ""),
        ("data-proxy", proxy.as_str()),
        ("data-lang", "en"),
    ] {
        marked.set_attribute(name, value).unwrap();
    }
    let body = document().body().unwrap();
    body.insert_before(&marked, body.first_child().as_ref())
        .unwrap();
    wait_until(&marked, "two links", || {
        shadow_all(&marked, "a[part~=dm-link]").len() == 2
    })
    .await;
    assert_eq!(
        attr(&shadow_all(&marked, "a[part~=dm-link]")[0], "href"),
        "https://chat.example.com/#narrow/dm/0-Zoe-Zed"
    );
    marked.remove();
}

#[wasm_bindgen_test]
async fn mount_from_a_script_with_links_off_links_nowhere() {
    let proxy = proxy("links-mount", "https://chat.example.com");
    let host = mount_point();
    let mut handle = zulip_roster::embed::mount(
        host.clone(),
        options(&[
            ("proxy", proxy.as_str().into()),
            ("lang", "en".into()),
            ("links", "off".into()),
        ]),
    )
    .unwrap();
    wait_until(&host, "two rows", || row_names(&host).len() == 2).await;
    assert!(shadow_all(&host, "a").is_empty());
    handle.destroy();
}
