//! Embedding, as a page author does it: the <zulip-roster> element, mount(), auto-mount,
//! events, a hostile page stylesheet, and axe in light and dark.
#![cfg(target_arch = "wasm32")]

mod support;

use js_sys::Reflect;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, ShadowRoot};
use zulip_roster::embed;

wasm_bindgen_test_configure!(run_in_browser);

/// Fakes for every roster mounted from now on.
fn with_fakes(fetcher: std::rc::Rc<FakeFetcher>) -> Fakes {
    installed(Fakes::new(fetcher))
}

/// [`with_fakes`] on the test's clock: polls come as the test moves it.
fn with_fakes_on_fake_time(fetcher: std::rc::Rc<FakeFetcher>) -> Fakes {
    installed(Fakes::on_fake_time(fetcher))
}

fn installed(fakes: Fakes) -> Fakes {
    install(&fakes.services);
    // What the module's start does on a page (the test harness has its own start).
    embed::define_and_auto_mount();
    fakes
}

fn element(tag: &str, attributes: &[(&str, &str)], text: &str) -> Element {
    let element = document().create_element(tag).unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    element.set_text_content(Some(text));
    element
}

fn shadow(host: &Element) -> ShadowRoot {
    host.shadow_root().expect("an open shadow root")
}

/// The shadow root's content, as an element to query.
fn inside(host: &Element) -> Element {
    shadow(host).first_element_child().expect("mounted content")
}

fn rows(host: &Element) -> Vec<String> {
    let list = shadow(host).query_selector_all("li[part~=row]").unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|r| r.get_attribute("data-email").unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn the_element_takes_attributes_and_applies_changes_at_once() {
    let fakes = with_fakes_on_fake_time(FakeFetcher::new().route(PRESENCE, vec![ok(team())]));
    let host = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off"), ("refresh", "1")],
        "See who's online in Zulip",
    );
    document().body().unwrap().append_child(&host).unwrap();
    wait_for_state(&host, "ready").await;
    assert_eq!(rows(&host), ["ada@x", "zoe@x", "bo@x", "anon@x"]);
    assert_eq!(
        host.text_content().as_deref(),
        Some("See who's online in Zulip"),
        "the page's own content stays in place"
    );

    host.set_attribute("max-rows", "2").unwrap();
    wait_until(&host, "two rows", || rows(&host).len() == 2).await;
    host.set_attribute("theme", "dark").unwrap();
    wait_until(&host, "the dark theme", || {
        shadow(&host)
            .query_selector(".zulip-roster")
            .unwrap()
            .and_then(|s| s.get_attribute("data-theme"))
            .as_deref()
            == Some("dark")
    })
    .await;

    let (errors, _listener) = record_errors(&host);
    host.set_attribute("refresh", "soon").unwrap();
    wait_until(&host, "the config error", || !errors.borrow().is_empty()).await;
    assert_eq!(errors.borrow()[0].0, "config");
    let banner = shadow(&host)
        .query_selector("[part~=banner]")
        .unwrap()
        .unwrap();
    assert!(banner
        .text_content()
        .unwrap()
        .starts_with("The setting refresh = \"soon\" is not valid"));
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("error"));

    // Back to a good value, then removal: polling stops with the element.
    host.set_attribute("refresh", "1").unwrap();
    wait_for_state(&host, "ready").await;
    host.remove();
    let after_removal = fakes.fetcher.count(PRESENCE);
    // Two and a half refresh periods on the test's clock.
    pass_time(&fakes.clock, 2500.0).await;
    assert_eq!(
        fakes.fetcher.count(PRESENCE),
        after_removal,
        "a removed element still polled"
    );
}

#[wasm_bindgen_test]
async fn mount_update_refresh_and_destroy() {
    let fakes = with_fakes(FakeFetcher::new().route(PRESENCE, vec![ok(team())]));
    let host = element("div", &[], "");
    document().body().unwrap().append_child(&host).unwrap();
    let mut handle = embed::mount(
        host.clone(),
        options(&[
            ("proxy", "/api/v1".into()),
            ("names", "off".into()),
            ("refresh", JsValue::from(600)),
        ]),
    )
    .unwrap();
    wait_for_state(&host, "ready").await;
    assert_eq!(rows(&host).len(), 4);

    handle
        .update(options(&[
            ("proxy", "/api/v1".into()),
            ("names", "off".into()),
            ("refresh", JsValue::from(600)),
            ("maxRows", JsValue::from(1)),
        ]))
        .unwrap();
    wait_until(&host, "one row", || rows(&host).len() == 1).await;
    let bad = handle.update(options(&[
        ("proxy", "/api/v1".into()),
        ("maxRows", JsValue::from(0)),
    ]));
    let message: JsValue = bad.unwrap_err().into();
    let message = Reflect::get(&message, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(
        message,
        "The setting max-rows = \"0\" is not valid: expected a whole number of rows, 1 or more."
    );
    assert_eq!(
        rows(&host).len(),
        1,
        "a rejected update keeps the old options"
    );

    let before = fakes.fetcher.count(PRESENCE);
    handle.refresh();
    wait_until(&host, "a refresh", || {
        fakes.fetcher.count(PRESENCE) == before + 1
    })
    .await;

    handle.destroy();
    handle.refresh();
    handle.destroy();
    let after = fakes.fetcher.count(PRESENCE);
    gloo_timers::future::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        fakes.fetcher.count(PRESENCE),
        after,
        "no request after destroy"
    );
    assert!(rows(&host).is_empty());
}

#[wasm_bindgen_test]
async fn bad_mount_options_throw_clear_errors() {
    let _fakes = with_fakes(FakeFetcher::new());
    let message = |result: Result<embed::RosterHandle, wasm_bindgen::JsError>| -> String {
        let error: JsValue = result.err().expect("an error").into();
        Reflect::get(&error, &"message".into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    let host = element("div", &[], "");
    assert_eq!(
        message(embed::mount(host.clone(), options(&[("proxy", "/api/v1".into()), ("refreshRate", JsValue::from(5))]))),
        "Unknown option \"refreshRate\": expected a known option: proxy, refresh, offlineThreshold, timeout, names, showOffline, maxRows, theme, palette, lang, compact, group, channel, localTime, links."
    );
    assert!(message(embed::mount(host.clone(), options(&[])))
        .starts_with("The setting proxy is missing"));
    assert!(message(embed::mount(
        host,
        options(&[("proxy", "javascript:alert(1)".into())])
    ))
    .starts_with("The setting proxy = \"javascript:alert(1)\""));
}

#[wasm_bindgen_test]
async fn auto_mount_reads_data_attributes_and_two_widgets_share_one_request() {
    let fakes = with_fakes(FakeFetcher::new().route(PRESENCE, vec![ok(team())]));
    let first = element(
        "div",
        &[
            ("data-zulip-roster", ""),
            ("data-proxy", "/api/v1"),
            ("data-names", "off"),
            ("data-max-rows", "2"),
            ("data-refresh", "600"),
        ],
        "",
    );
    let second = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off"), ("refresh", "600")],
        "",
    );
    document().body().unwrap().append_child(&first).unwrap();
    embed::define_and_auto_mount();
    document().body().unwrap().append_child(&second).unwrap();
    wait_for_state(&first, "ready").await;
    wait_for_state(&second, "ready").await;
    assert_eq!(rows(&first).len(), 2);
    assert_eq!(rows(&second).len(), 4);
    assert_eq!(
        fakes.fetcher.count(PRESENCE),
        1,
        "one proxy, one request per poll"
    );
    first.remove();
    second.remove();
}

#[wasm_bindgen_test]
async fn roster_change_and_roster_error_events() {
    let changed = modern_body(
        T + 60.0,
        &[
            ("zoe@x", "active", 5),
            ("ada@x", "idle", 30),
            ("bo@x", "active", 2),
            ("anon@x", "active", 360),
        ],
    );
    let fakes = with_fakes(FakeFetcher::new().route(PRESENCE, vec![ok(team()), ok(changed)]));
    let host = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off"), ("refresh", "600")],
        "",
    );
    let seen: std::rc::Rc<std::cell::RefCell<Vec<JsValue>>> = Default::default();
    let sink = seen.clone();
    let _listener = gloo_events::EventListener::new(&document(), "roster-change", move |event| {
        sink.borrow_mut()
            .push(event.dyn_ref::<web_sys::CustomEvent>().unwrap().detail());
    });
    document().body().unwrap().append_child(&host).unwrap();
    wait_until(&host, "the first roster-change", || {
        seen.borrow().len() == 1
    })
    .await;
    let get = |value: &JsValue, path: &[&str]| {
        path.iter().fold(value.clone(), |v, k| {
            Reflect::get(&v, &(*k).into()).unwrap()
        })
    };
    let first = seen.borrow()[0].clone();
    assert_eq!(get(&first, &["counts", "active"]).as_f64(), Some(2.0));
    assert_eq!(get(&first, &["counts", "total"]).as_f64(), Some(4.0));
    assert_eq!(
        get(&first, &["changes", "length"]).as_f64(),
        Some(0.0),
        "loading is not a change"
    );

    fakes.clock.advance_secs(60.0);
    refresh(&host);
    wait_until(&host, "the second roster-change", || {
        seen.borrow().len() == 2
    })
    .await;
    let second = seen.borrow()[1].clone();
    let changes: Vec<(String, String, String)> = js_sys::Array::from(&get(&second, &["changes"]))
        .iter()
        .map(|c| {
            (
                get(&c, &["email"]).as_string().unwrap(),
                get(&c, &["from"]).as_string().unwrap_or_default(),
                get(&c, &["to"]).as_string().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("bo@x".into(), "idle".into(), "active".into()),
            ("ada@x".into(), "active".into(), "idle".into())
        ]
    );
    host.remove();

    // roster-error carries the cause, the HTTP status and Zulip's code.
    let _fakes = with_fakes(FakeFetcher::new().route(
        PRESENCE,
        vec![status(
            401,
            r#"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#,
        )],
    ));
    let host = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off")],
        "",
    );
    let errors: std::rc::Rc<std::cell::RefCell<Vec<JsValue>>> = Default::default();
    let sink = errors.clone();
    let _listener = gloo_events::EventListener::new(&document(), "roster-error", move |event| {
        sink.borrow_mut()
            .push(event.dyn_ref::<web_sys::CustomEvent>().unwrap().detail());
    });
    document().body().unwrap().append_child(&host).unwrap();
    wait_until(&host, "a roster-error", || !errors.borrow().is_empty()).await;
    let detail = errors.borrow()[0].clone();
    assert_eq!(
        get(&detail, &["cause"]).as_string().as_deref(),
        Some("refused")
    );
    assert_eq!(get(&detail, &["status"]).as_f64(), Some(401.0));
    assert_eq!(
        get(&detail, &["code"]).as_string().as_deref(),
        Some("INVALID_API_KEY")
    );
    assert!(get(&detail, &["message"])
        .as_string()
        .unwrap()
        .contains("Invalid API key"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_hostile_page_stylesheet_does_not_reach_inside() {
    let _fakes = with_fakes(FakeFetcher::new().route(PRESENCE, vec![ok(team())]));
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(
        "* { font-family: 'Comic Sans MS', cursive !important; letter-spacing: 9px !important; color: rgb(255, 0, 0) !important; }
         li { list-style: square !important; font-size: 40px !important; margin: 30px !important; display: inline !important; }
         span, p { display: none !important; } zulip-roster { font-size: 30px; line-height: 5; text-transform: uppercase; }",
    ));
    document().head().unwrap().append_child(&style).unwrap();
    let host = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off")],
        "",
    );
    document().body().unwrap().append_child(&host).unwrap();
    wait_for_state(&host, "ready").await;
    let row = shadow(&host)
        .query_selector("li[part~=row]")
        .unwrap()
        .unwrap();
    let name = row.query_selector(".name").unwrap().unwrap();
    let css = web_sys::window()
        .unwrap()
        .get_computed_style(&name)
        .unwrap()
        .unwrap();
    let row_css = web_sys::window()
        .unwrap()
        .get_computed_style(&row)
        .unwrap()
        .unwrap();
    assert_ne!(css.get_property_value("color").unwrap(), "rgb(255, 0, 0)");
    assert_eq!(css.get_property_value("font-size").unwrap(), "14px");
    assert_eq!(css.get_property_value("letter-spacing").unwrap(), "normal");
    assert_eq!(css.get_property_value("text-transform").unwrap(), "none");
    assert_ne!(css.get_property_value("display").unwrap(), "none");
    assert_eq!(row_css.get_property_value("display").unwrap(), "flex");
    assert_eq!(
        row_css.get_property_value("list-style-type").unwrap(),
        "none"
    );
    assert!(!css
        .get_property_value("font-family")
        .unwrap()
        .contains("Comic"));
    host.remove();
    style.remove();
}

/// axe-core finds nothing in the widget in `theme`; its list is a real list whose rows
/// say their status in words.
async fn no_violations_in(theme: &str) {
    let legacy = include_str!("fixtures/realm-presence.legacy-clients.json");
    let _fakes = with_fakes(FakeFetcher::new().route(PRESENCE, vec![ok(legacy)]));
    let host = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off"), ("theme", theme)],
        "",
    );
    document().body().unwrap().append_child(&host).unwrap();
    wait_for_state(&host, "ready").await;
    let violations = axe(&host).await;
    assert!(violations.is_empty(), "{theme}: {violations:#?}");
    // The list is a real list, and each row says its status in words.
    let list = inside(&host)
        .query_selector("ul[aria-label='People']")
        .unwrap()
        .expect("a list");
    assert_eq!(list.query_selector_all("li").unwrap().length(), 4);
    assert!(
        list.query_selector("li .visually-hidden")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
            .len()
            > 3
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn axe_finds_no_violations_in_the_light_theme() {
    no_violations_in("light").await;
}

#[wasm_bindgen_test]
async fn axe_finds_no_violations_in_the_dark_theme() {
    no_violations_in("dark").await;
}

#[wasm_bindgen_test]
async fn german_from_the_nearest_lang_ancestor() {
    let fakes = with_fakes(FakeFetcher::new().route(PRESENCE, vec![ok(team())]));
    let wrapper = element("div", &[("lang", "de-DE")], "");
    let host = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off"), ("refresh", "600")],
        "",
    );
    wrapper.append_child(&host).unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    wait_for_state(&host, "ready").await;
    let text = |selector: &str| {
        shadow(&host)
            .query_selector(selector)
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(text(".counts"), "2 aktiv · 1 abwesend · 1 offline");
    let search = shadow(&host)
        .query_selector("input[type=search]")
        .unwrap()
        .unwrap();
    assert_eq!(
        search.get_attribute("aria-label").as_deref(),
        Some("Personen suchen")
    );
    assert_eq!(text("li[data-email='bo@x'] .visually-hidden"), "Abwesend");
    let anon = shadow(&host)
        .query_selector("li[data-email='anon@x']")
        .unwrap()
        .unwrap();
    assert_eq!(
        anon.get_attribute("title").as_deref(),
        Some("Zuletzt aktiv vor 5 Minuten"),
        "Intl.RelativeTimeFormat in German"
    );
    assert_eq!(
        shadow(&host)
            .query_selector("ul")
            .unwrap()
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Personen")
    );
    // The lang option wins over the page.
    host.set_attribute("lang", "en").unwrap();
    wait_until(&host, "English", || {
        text(".counts") == "2 active · 1 idle · 1 offline"
    })
    .await;
    host.set_attribute("lang", "de").unwrap();
    wait_until(&host, "German again", || {
        text(".counts") == "2 aktiv · 1 abwesend · 1 offline"
    })
    .await;
    fakes.fetcher.then(PRESENCE, vec![Reply::Network]);
    refresh(&host);
    wait_for_state(&host, "stale").await;
    assert_eq!(
        banner_text(&host),
        "Zuletzt aktualisiert gerade eben; neuer Versuch läuft … Der Proxy ist nicht erreichbar (Netzwerkfehler)."
    );
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn a_thousand_people_are_windowed_but_all_reachable() {
    let people: Vec<(String, &str, i64)> = (0..1000)
        .map(|i| (format!("p{i:04}@x"), "active", 5))
        .collect();
    let refs: Vec<(&str, &str, i64)> = people
        .iter()
        .map(|(e, s, a)| (e.as_str(), *s, *a))
        .collect();
    let _fakes = with_fakes(FakeFetcher::new().route(PRESENCE, vec![ok(modern_body(T, &refs))]));
    let host = element(
        "zulip-roster",
        &[("proxy", "/api/v1"), ("names", "off"), ("refresh", "600")],
        "",
    );
    document().body().unwrap().append_child(&host).unwrap();
    wait_for_state(&host, "ready").await;
    let in_dom = || {
        shadow(&host)
            .query_selector_all("li[part~=row]")
            .unwrap()
            .length()
    };
    assert!(in_dom() < 60, "{} rows in the DOM", in_dom());
    let first = shadow(&host)
        .query_selector("li[part~=row]")
        .unwrap()
        .unwrap();
    assert_eq!(first.get_attribute("aria-posinset").as_deref(), Some("1"));
    assert_eq!(first.get_attribute("aria-setsize").as_deref(), Some("1000"));
    assert_eq!(
        host.get_attribute("data-total").as_deref(),
        Some("1000"),
        "counts stay whole"
    );
    let list = shadow(&host)
        .query_selector(".roster-scroll ul")
        .unwrap()
        .unwrap();
    assert_eq!(
        list.scroll_height(),
        26_000,
        "the scrollbar reflects everyone"
    );

    let scroller = shadow(&host)
        .query_selector(".roster-scroll")
        .unwrap()
        .unwrap();
    scroller.set_scroll_top(500 * 26);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    wait_until(&host, "row 501 in view", || {
        rows(&host).contains(&"p0500@x".to_owned())
    })
    .await;
    assert!(in_dom() < 60);
    assert!(!rows(&host).contains(&"p0000@x".to_owned()));

    let search: web_sys::HtmlInputElement = shadow(&host)
        .query_selector("input[type=search]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    search.set_value("p0999");
    search
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    wait_until(&host, "the search finds the last person", || {
        rows(&host) == ["p0999@x"]
    })
    .await;
    host.remove();
}
