//! Languages as a visitor sees them: a roster whose words are a file (`lang/ja.json`)
//! speaks them once the file has come, Arabic turns the roster right to left, a
//! right-to-left page mirrors an English roster, and a words file that cannot be had
//! leaves a working English roster. The widget's own fetch runs; `window.fetch` is
//! replaced in this page ([`window_network`]) and serves the repository's files.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const JA: &str = include_str!("../lang/ja.json");
const KO: &str = include_str!("../lang/ko.json");
const AR: &str = include_str!("../lang/ar.json");

/// A proxy under `/{root}/api/v1` for [`team`]'s four people: Zoe and Ada active, Bo
/// idle, Anon offline.
fn proxy(root: &str) -> String {
    let proxy = format!("/{root}/api/v1");
    window_route(&format!("{proxy}/realm/presence"), 200, &team());
    let names = users_body(&[
        ("zoe@x", "Zoe", None),
        ("ada@x", "Ada", None),
        ("bo@x", "Bo", None),
        ("anon@x", "Anon", None),
    ]);
    window_route(&format!("{proxy}/users?client_gravatar=false"), 200, &names);
    proxy
}

/// The widget's content, inside its shadow root, once mounted.
fn mounted(host: &Element) -> Option<Element> {
    host.shadow_root()?.query_selector(".zulip-roster").ok()?
}

fn inside(host: &Element) -> Element {
    mounted(host).expect("the mounted roster")
}

fn find(host: &Element, selector: &str) -> Element {
    inside(host)
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn counts(host: &Element) -> String {
    host.shadow_root()
        .and_then(|s| s.query_selector(".zulip-roster .counts").ok().flatten())
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// The horizontal middle of `selector` in Zoe's row, in page pixels.
fn middle_x(host: &Element, selector: &str) -> f64 {
    let rect = find(host, &format!("li[data-email='zoe@x'] {selector}")).get_bounding_client_rect();
    rect.left() + rect.width() / 2.0
}

#[wasm_bindgen_test]
async fn japanese_words_arrive_from_their_file() {
    window_route("/lang/ja.json", 200, JA);
    let proxy = proxy("japanese");
    let tag = roster_element(&[("proxy", &proxy), ("lang", "ja-JP")]);
    wait_until(&tag, "the counts in Japanese", || {
        counts(&tag) == "アクティブ 2 · 離席中 1 · オフライン 1"
    })
    .await;
    assert_eq!(inside(&tag).get_attribute("lang").as_deref(), Some("ja"));
    assert_eq!(
        find(&tag, "input[type=search]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("メンバーを検索")
    );
    assert_eq!(
        find(&tag, "li[data-email='zoe@x']")
            .get_attribute("title")
            .as_deref(),
        Some("現在アクティブ")
    );
    assert_eq!(
        find(&tag, "li[data-email='bo@x'] .visually-hidden")
            .text_content()
            .as_deref(),
        Some("離席中")
    );
    assert_eq!(window_asked("/lang/ja.json"), 1);
    tag.remove();
}

#[wasm_bindgen_test]
async fn two_rosters_in_one_language_share_one_words_file() {
    window_route("/lang/ko.json", 200, KO);
    let proxy = proxy("korean");
    let first = roster_element(&[("proxy", &proxy), ("lang", "ko")]);
    let second = roster_element(&[("proxy", &proxy), ("lang", "ko-KR")]);
    let korean = "활동 중 2 · 자리 비움 1 · 오프라인 1";
    wait_until(&first, "the first roster in Korean", || {
        counts(&first) == korean
    })
    .await;
    wait_until(&second, "the second roster in Korean", || {
        counts(&second) == korean
    })
    .await;
    assert_eq!(window_asked("/lang/ko.json"), 1, "one request for both");
    first.remove();
    second.remove();
}

#[wasm_bindgen_test]
async fn arabic_turns_the_roster_right_to_left() {
    window_route("/lang/ar.json", 200, AR);
    let proxy = proxy("arabic");
    let tag = roster_element(&[("proxy", &proxy), ("lang", "ar")]);
    wait_until(&tag, "the Arabic search label", || {
        mounted(&tag)
            .and_then(|root| root.query_selector("input[type=search]").ok().flatten())
            .and_then(|e| e.get_attribute("aria-label"))
            .as_deref()
            == Some("البحث عن أشخاص")
    })
    .await;
    let root = inside(&tag);
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ar"));
    // The row reads from the right: status dot, then the name to its left.
    let (dot, name) = (middle_x(&tag, ".status-dot"), middle_x(&tag, ".name"));
    assert!(dot > name, "dot at {dot}, name at {name}");
    assert_eq!(
        find(&tag, "li[data-email='zoe@x']")
            .get_attribute("title")
            .as_deref(),
        Some("نشط الآن")
    );
    tag.remove();
}

#[wasm_bindgen_test]
async fn a_right_to_left_page_mirrors_an_english_roster() {
    let proxy = proxy("rtl-page");
    let page = document().create_element("div").unwrap();
    page.set_attribute("dir", "rtl").unwrap();
    document().body().unwrap().append_child(&page).unwrap();
    let tag = roster_in(Some(&page), &[("proxy", &proxy), ("lang", "en")]);
    wait_for_state(&tag, "ready").await;
    assert_eq!(counts(&tag), "2 active · 1 idle · 1 offline");
    assert_eq!(
        inside(&tag).get_attribute("dir"),
        None,
        "the page's direction"
    );
    let (dot, name) = (middle_x(&tag, ".status-dot"), middle_x(&tag, ".name"));
    assert!(dot > name, "dot at {dot}, name at {name}");
    page.remove();
}

/// Every `console.warn` from now on, as a page author reading the console sees them.
fn console_warnings() -> js_sys::Array {
    js_sys::eval(
        r#"
if (!window.__warnings) {
  window.__warnings = [];
  const warn = console.warn.bind(console);
  console.warn = (...args) => { window.__warnings.push(args.join(" ")); warn(...args); };
}
window.__warnings
"#,
    )
    .unwrap()
    .into()
}

#[wasm_bindgen_test]
async fn a_words_file_that_cannot_be_had_leaves_a_working_english_roster() {
    let warnings = console_warnings();
    // No route for /lang/it.json: the network answers 404.
    let proxy = proxy("missing-words");
    let tag = roster_element(&[("proxy", &proxy), ("lang", "it")]);
    wait_until(&tag, "a warning that Italian's words are missing", || {
        warnings.iter().any(|w| {
            w.as_string()
                .is_some_and(|w| w.contains("no words for \"it\""))
        })
    })
    .await;
    let warning: Vec<String> = warnings.iter().filter_map(|w| w.as_string()).collect();
    assert!(
        warning
            .iter()
            .any(|w| w.contains("/lang/it.json (HTTP 404); speaking English")),
        "{warning:?}"
    );
    wait_for_state(&tag, "ready").await;
    assert_eq!(counts(&tag), "2 active · 1 idle · 1 offline");
    assert_eq!(inside(&tag).get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(row_names(&tag), ["Ada", "Zoe", "Bo", "Anon"]);
    tag.remove();
}
