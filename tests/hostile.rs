//! Hostile strings from the server, in the embedded widget with its real stylesheet:
//! markup and script in emails and names stay text, unsafe avatar URLs are never loaded,
//! bidi overrides, zero-width and control characters cannot disturb the layout, and a
//! 10,000-character name is cut with an ellipsis and given whole in its tooltip.
#![cfg(target_arch = "wasm32")]

mod support;

use js_sys::{Object, Reflect};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use zulip_roster::embed;

wasm_bindgen_test_configure!(run_in_browser);

const SCRIPT_NAME: &str = "<script>window.__pwned = 1</script>";
const IMG_EMAIL: &str = "<img src=x onerror=window.__pwned=2>@x";
const RTL_NAME: &str = "\u{202E}gnp.exe Ada";
const ZERO_WIDTH_NAME: &str = "Zo\u{200B}\u{200D}\u{FEFF}ë";
const CONTROL_NAME: &str = "Bell\u{7}\u{1B}[31mRed";

fn long_name() -> String {
    "W".repeat(10_000)
}

fn element_list(root: &web_sys::ShadowRoot, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

#[wasm_bindgen_test]
async fn hostile_strings_are_text_unsafe_urls_never_load_and_rows_keep_their_shape() {
    let long = long_name();
    let presence = modern_body(
        T,
        &[
            ("plain@x", "active", 5),
            ("script@x", "active", 5),
            (IMG_EMAIL, "active", 5),
            ("rtl@x", "active", 5),
            ("zw@x", "active", 5),
            ("ctl@x", "active", 5),
            ("long@x", "active", 5),
        ],
    );
    let users = users_body(&[
        ("plain@x", "Plain Person", None),
        // Markup in the email, and as the name too (a presence key /users does not
        // list is not shown at all).
        (IMG_EMAIL, IMG_EMAIL, None),
        ("script@x", SCRIPT_NAME, Some("javascript:window.__pwned=3")),
        (
            "rtl@x",
            RTL_NAME,
            Some("data:image/svg+xml,<svg onload=\"window.__pwned=4\"/>"),
        ),
        ("zw@x", ZERO_WIDTH_NAME, Some("/\\evil.example/a.png")),
        ("ctl@x", CONTROL_NAME, Some("/\t/evil.example/a.png")),
        ("long@x", long.as_str(), None),
    ]);
    let fakes = Fakes::new(
        FakeFetcher::new()
            .route(PRESENCE, vec![ok(presence)])
            .route(USERS, vec![ok(users)]),
    );
    install(&fakes.services);
    let host: HtmlElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    host.style().set_property("width", "320px").unwrap();
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap()
        .append_child(&host)
        .unwrap();
    let options = Object::new();
    Reflect::set(&options, &"proxy".into(), &"/api/v1".into()).unwrap();
    let mut handle = embed::mount(host.clone().into(), options.into()).unwrap();
    let root = host.shadow_root().unwrap();
    wait_until(&host, "names", || {
        element_list(&root, "li[data-email='long@x'] .name")
            .first()
            .and_then(|n| n.get_attribute("title"))
            .is_some_and(|t| t.len() == 10_000)
    })
    .await;

    // Text stays text: the exact strings, and no element inside a name.
    let name_of = |email: &str| {
        element_list(&root, "li[part~=row]")
            .into_iter()
            .find(|r| r.get_attribute("data-email").as_deref() == Some(email))
            .unwrap_or_else(|| panic!("a row for {email:?}"))
            .query_selector(".name")
            .unwrap()
            .unwrap()
    };
    for (email, shown) in [
        ("script@x", SCRIPT_NAME),
        (IMG_EMAIL, IMG_EMAIL),
        ("rtl@x", RTL_NAME),
        ("zw@x", ZERO_WIDTH_NAME),
        ("ctl@x", CONTROL_NAME),
    ] {
        // The name as it came, in the one element the row puts it in (`<bdi>`).
        let name = name_of(email).query_selector("bdi").unwrap().unwrap();
        assert_eq!(name.text_content().as_deref(), Some(shown), "{email:?}");
        assert_eq!(
            name.child_element_count(),
            0,
            "{email:?}: no markup made it in"
        );
        assert_eq!(name_of(email).child_element_count(), 1, "{email:?}");
    }
    assert!(element_list(&root, "script").is_empty());
    let pwned = Reflect::get(&js_sys::global(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "no script ran: {pwned:?}");

    // Unsafe avatar URLs never reach an <img>.
    for img in element_list(&root, "img") {
        let src = img.get_attribute("src").unwrap_or_default();
        assert!(
            src.starts_with("http") || (src.starts_with('/') && !src.starts_with("//")),
            "{src:?}"
        );
        assert!(!src.contains('\\') && !src.contains('\t'), "{src:?}");
    }

    // A bidi override stays inside its name.
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&name_of("rtl@x"))
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("unicode-bidi").unwrap(), "isolate");

    // Every row has the plain row's height; the long name is cut with an ellipsis and
    // whole in its tooltip.
    let plain = name_of("plain@x").closest("li").unwrap().unwrap();
    let height = plain.get_bounding_client_rect().height();
    assert!(height > 0.0);
    for row in element_list(&root, "li[part~=row]") {
        let h = row.get_bounding_client_rect().height();
        assert!(
            (h - height).abs() < 0.5,
            "{:?}: {h} vs {height}",
            row.get_attribute("data-email")
        );
    }
    let long_el = name_of("long@x");
    let long_style = web_sys::window()
        .unwrap()
        .get_computed_style(&long_el)
        .unwrap()
        .unwrap();
    assert_eq!(
        long_style.get_property_value("text-overflow").unwrap(),
        "ellipsis"
    );
    assert!(
        long_el.scroll_width() > long_el.client_width(),
        "cut, not wrapped"
    );
    assert!(
        long_el.get_bounding_client_rect().right() <= host.get_bounding_client_rect().right() + 0.5
    );
    assert_eq!(long_el.get_attribute("title"), Some(long));
    handle.destroy();
    zulip_roster::services::use_services(None);
}
