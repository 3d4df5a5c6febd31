//! The live roster, used as a person would: mount it, wait for what shows, read the
//! rows, the counts, the banner, the hooks on the host element, the events it fires.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const LEGACY: &str = include_str!("fixtures/realm-presence.legacy-clients.json");

fn names() -> String {
    users_body(&[
        (
            "zoe@x",
            "Zoë Ødegaard",
            Some("https://zulip.example/avatar/zoe.png"),
        ),
        ("ada@x", "Ada Lovelace", Some("javascript:alert(1)")),
        ("bo@x", "Émile Brontë", None),
        // A member with no presence in the last two weeks (the team has none for her).
        ("nina@x", "Nina Simone", None),
    ])
}

/// Fakes answering presence with the team and `/users` with `users`.
fn team_and_users(users: impl Into<Vec<u8>>) -> Fakes {
    Fakes::new(
        FakeFetcher::new()
            .route(PRESENCE, vec![ok(team())])
            .route(USERS, vec![ok(users)]),
    )
}

#[wasm_bindgen_test]
async fn shows_who_is_online_with_names_counts_and_hooks() {
    let fakes = team_and_users(names());
    let (root, _handle) = mount_roster(&[], &fakes.services, 1000);
    wait_for_state(&root, "ready").await;
    wait_until(&root, "names", || {
        text(&root, "li[data-email='zoe@x'] .name") == "Zoë Ødegaard"
    })
    .await;

    assert_eq!(text(&root, ".counts"), "2 active · 1 idle · 1 offline");
    let hooks: Vec<_> = ["data-active", "data-idle", "data-offline", "data-total"]
        .iter()
        .map(|a| root.get_attribute(a).unwrap())
        .collect();
    assert_eq!(hooks, ["2", "1", "1", "4"]);
    // Active, then idle, then offline; by name within each. As in Zulip's buddy list,
    // everyone in /users is listed (Nina, with no presence, offline), and presence for an
    // account /users does not list (anon@x) is not.
    assert_eq!(row_emails(&root), ["ada@x", "zoe@x", "bo@x", "nina@x"]);
    let rows = all(&root, "li[part=row]");
    let statuses: Vec<_> = rows
        .iter()
        .map(|r| r.get_attribute("data-status").unwrap())
        .collect();
    assert_eq!(statuses, ["active", "active", "idle", "offline"]);
    let titles: Vec<_> = rows
        .iter()
        .map(|r| r.get_attribute("title").unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Active now",
            "Active now",
            "Idle",
            "Not active in the last 2 weeks"
        ]
    );
    assert_eq!(
        text(&root, "li[data-email='bo@x'] .visually-hidden"),
        "Idle"
    );
    assert_eq!(
        rows[0].get_attribute("data-clients").as_deref(),
        Some("website")
    );
    // Avatars only from http(s); a javascript: URL is dropped. This test network has no
    // zulip.example, so zoe's image may already have failed and become the placeholder.
    match root
        .query_selector("li[data-email='zoe@x'] img.avatar")
        .unwrap()
    {
        Some(avatar) => assert_eq!(
            avatar.get_attribute("src").as_deref(),
            Some("https://zulip.example/avatar/zoe.png")
        ),
        None => assert!(root
            .query_selector("li[data-email='zoe@x'] .avatar.none")
            .unwrap()
            .is_some()),
    }
    assert!(root
        .query_selector("li[data-email='ada@x'] img")
        .unwrap()
        .is_none());
    // 7.0+: everyone is "website", so no icon column.
    assert!(all(&root, ".client-icon").is_empty());
    // The search box is labelled.
    let search = root.query_selector("input[type=search]").unwrap().unwrap();
    assert_eq!(
        search.get_attribute("aria-label").as_deref(),
        Some("Search people")
    );
    assert_eq!(
        fakes
            .fetcher
            .requests
            .borrow()
            .iter()
            .filter(|u| u.contains(USERS))
            .cloned()
            .collect::<Vec<_>>(),
        ["/api/v1/users?client_gravatar=false"]
    );
}

#[wasm_bindgen_test]
async fn names_failing_leaves_emails_and_a_working_roster() {
    let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![ok(team())]).route(
        USERS,
        vec![status(
            401,
            r#"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#,
        )],
    ));
    let (root, _handle) = mount_roster(&[], &fakes.services, 1000);
    wait_for_state(&root, "ready").await;
    wait_until(&root, "the users request", || {
        fakes.fetcher.count(USERS) == 1
    })
    .await;
    assert_eq!(text(&root, "li[data-email='zoe@x'] .name"), "zoe@x");
    assert_eq!(root.get_attribute("data-state").as_deref(), Some("ready"));
}

#[wasm_bindgen_test]
async fn pre_7_0_data_shows_client_icons_with_labels() {
    let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![ok(LEGACY)]));
    let (root, _handle) = mount_roster(&[("names", "off")], &fakes.services, 1000);
    wait_for_state(&root, "ready").await;
    let ada = wait_for(&root, "li[data-email='ada@zulip.example']").await;
    assert_eq!(
        ada.get_attribute("data-clients").as_deref(),
        Some("ZulipMobile website")
    );
    let labels = |row: &str| -> Vec<String> {
        all(&root, &format!("li[data-email='{row}'] .client-icon"))
            .iter()
            .map(|i| i.get_attribute("title").unwrap())
            .collect()
    };
    assert_eq!(labels("ada@zulip.example"), ["Web", "Mobile app"]);
    assert_eq!(labels("bo@zulip.example"), ["Desktop app", "Terminal"]);
    assert_eq!(labels("nagios-watcher@zulip.example"), ["Other app"]);
    assert_eq!(labels("script@zulip.example"), ["Python / API"]);
    assert_eq!(
        text(
            &root,
            "li[data-email='bo@zulip.example'] .client-icon[data-kind=terminal] .visually-hidden"
        ),
        "Terminal"
    );
    assert_eq!(fakes.fetcher.count(USERS), 0, "names=off fetches no names");
}

#[wasm_bindgen_test]
async fn a_failed_refresh_keeps_the_rows_and_says_stale_then_recovers() {
    let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![ok(team()), Reply::Network]));
    let (root, _handle) =
        mount_roster(&[("refresh", "1"), ("names", "off")], &fakes.services, 1000);
    wait_for_state(&root, "ready").await;
    let (errors, _listener) = record_errors(&root);
    wait_for_state(&root, "stale").await;
    assert_eq!(
        text(&root, "[part=banner]"),
        "Last updated just now; retrying… The proxy cannot be reached (network error)."
    );
    assert_eq!(row_emails(&root).len(), 4, "the old rows stay");
    assert_eq!(root.get_attribute("data-total").as_deref(), Some("4"));
    assert_eq!(errors.borrow()[0].0, "down");
    // The proxy comes back: the next retry brings the roster back by itself.
    fakes.fetcher.then(PRESENCE, vec![ok(team())]);
    wait_for_state(&root, "ready").await;
    assert!(root.query_selector("[part=banner]").unwrap().is_none());
}

/// With no roster yet, `reply` gives an error banner (an alert) saying `words`, no
/// counts, and a `roster-error` with `cause` and the same words.
async fn error_says(reply: Reply, cause: &str, words: &str) {
    let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![reply.clone()]));
    let (root, handle) = mount_roster(
        &[("names", "off"), ("timeout", "1"), ("refresh", "5")],
        &fakes.services,
        1000,
    );
    let (errors, _listener) = record_errors(&root);
    wait_for_state(&root, "error").await;
    let banner = wait_for(&root, "[part=banner]").await;
    let shown = banner.text_content().unwrap();
    assert!(shown.contains(words), "{reply:?}: {shown}");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        root.get_attribute("data-total").is_none(),
        "no counts without data"
    );
    wait_until(&root, "a roster-error event", || {
        !errors.borrow().is_empty()
    })
    .await;
    assert_eq!(errors.borrow()[0].0, cause, "{reply:?}");
    assert!(
        errors.borrow()[0]
            .1
            .contains(words.trim_end_matches(" Retrying in 8 s.")),
        "{:?}",
        errors.borrow()
    );
    handle.destroy();
}

const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head></html>";
const MALFORMED: &str = r#"{"result":"success","msg":"","server_timestamp":1.0,"presences":{"iago@zulip.com":{"website":{"client":"website","status":"active"}}}}"#;

#[wasm_bindgen_test]
async fn a_404_says_the_proxy_url_looks_wrong() {
    let reply = status(
        404,
        r#"{"result":"error","msg":"Not Found","code":"BAD_REQUEST"}"#,
    );
    error_says(
        reply,
        "wrong-url",
        "The proxy URL looks wrong: it answered HTTP 404 Not Found.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_web_page_says_it_is_not_zulips_json() {
    let reply = ok("<!doctype html><title>Intranet</title>");
    error_says(
        reply,
        "wrong-url",
        "it answered with a web page (HTTP 200), not Zulip's JSON",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_401_says_the_credentials_were_refused() {
    let reply = status(
        401,
        r#"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#,
    );
    error_says(
        reply,
        "refused",
        "refused the proxy's credentials (INVALID_API_KEY: Invalid API key)",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_429_says_when_it_retries() {
    let reply = Reply::Answer {
        status: 429,
        body: r#"{"result":"error","msg":"API usage exceeded rate limit","code":"RATE_LIMIT_HIT","retry-after":7}"#.into(),
        retry_after: Some("7".into()),
    };
    error_says(
        reply,
        "rate-limited",
        "Zulip is rate-limiting the proxy. Retrying in 8 s.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn nginx_502_says_the_proxy_or_server_is_not_working() {
    let reply = status(502, NGINX_502);
    error_says(
        reply,
        "down",
        "The proxy or the Zulip server is not working (HTTP 502).",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_network_error_says_the_proxy_cannot_be_reached() {
    error_says(
        Reply::Network,
        "down",
        "The proxy cannot be reached (network error).",
    )
    .await;
}

#[wasm_bindgen_test]
async fn no_answer_says_how_long_it_waited() {
    error_says(Reply::Hang, "down", "The proxy did not answer within 1 s.").await;
}

#[wasm_bindgen_test]
async fn a_wrong_shape_names_the_user_and_field() {
    let words = "presence of iago@zulip.com, entry \"website\": missing field `timestamp`";
    error_says(ok(MALFORMED), "malformed", words).await;
}

#[wasm_bindgen_test]
async fn an_empty_answer_explains_itself() {
    let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![ok(modern_body(T, &[]))]));
    let (root, _handle) = mount_roster(&[("names", "off")], &fakes.services, 1000);
    wait_for_state(&root, "empty").await;
    assert_eq!(
        text(&root, "[part=banner]"),
        "Presence is disabled for this organization, or nobody has been online in the last 2 weeks."
    );
    assert_eq!(root.get_attribute("data-total").as_deref(), Some("0"));
}

fn type_into(root: &Element, selector: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(value);
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The team with its names, mounted and showing them; the fakes and the app live as
/// long as the returned values.
async fn team_with_names() -> (Element, Fakes, yew::AppHandle<zulip_roster::ZulipRoster>) {
    let fakes = team_and_users(names());
    let (root, handle) = mount_roster(&[], &fakes.services, 1000);
    wait_until(&root, "names", || {
        text(&root, "li[data-email='bo@x'] .name") == "Émile Brontë"
    })
    .await;
    (root, fakes, handle)
}

#[wasm_bindgen_test]
async fn search_filters_rows_by_name_or_email_but_not_counts() {
    let (root, _fakes, _handle) = team_with_names().await;
    type_into(&root, "input[type=search]", "ÉMILE");
    wait_until(&root, "one row", || row_emails(&root) == ["bo@x"]).await;
    type_into(&root, "input[type=search]", "nina@");
    wait_until(&root, "the email match", || row_emails(&root) == ["nina@x"]).await;
    assert_eq!(
        text(&root, ".counts"),
        "2 active · 1 idle · 1 offline",
        "counts stay whole"
    );
    type_into(&root, "input[type=search]", "nobody");
    wait_until(&root, "no rows", || row_emails(&root).is_empty()).await;
    assert_eq!(text(&root, ".roster-none"), "No matching users.");
    assert_eq!(root.get_attribute("data-total").as_deref(), Some("4"));
}

/// Zulip's rules, through the browser's own Unicode tables: a plain-ASCII word ignores
/// accents, words match from their start, and `,` separates alternatives.
#[wasm_bindgen_test]
async fn search_follows_zulips_rules() {
    let (root, _fakes, _handle) = team_with_names().await;
    type_into(&root, "input[type=search]", "bronte");
    wait_until(&root, "Émile by a word without accents", || {
        row_emails(&root) == ["bo@x"]
    })
    .await;
    type_into(&root, "input[type=search]", "velace");
    wait_until(&root, "nothing from inside a word", || {
        row_emails(&root).is_empty()
    })
    .await;
    type_into(&root, "input[type=search]", "zoe, lov");
    wait_until(&root, "either alternative", || {
        row_emails(&root) == ["ada@x", "zoe@x"]
    })
    .await;
}

#[wasm_bindgen_test]
async fn names_sort_as_a_reader_expects_accents_and_emoji_included() {
    let everyone_active = modern_body(
        T,
        &[
            ("a@x", "active", 5),
            ("b@x", "active", 5),
            ("c@x", "active", 5),
            ("d@x", "active", 5),
        ],
    );
    let directory = users_body(&[
        ("a@x", "Ezra Pound", None),
        ("b@x", "Emma 😀 Zed", None),
        ("c@x", "Émile Zola", None),
        ("d@x", "Emma 😀 Adams", None),
    ]);
    let fakes = Fakes::new(
        FakeFetcher::new()
            .route(PRESENCE, vec![ok(everyone_active)])
            .route(USERS, vec![ok(directory)]),
    );
    let (root, _handle) = mount_roster(&[("lang", "en")], &fakes.services, 1000);
    wait_until(&root, "names", || {
        text(&root, "li[data-email='a@x'] .name") == "Ezra Pound"
    })
    .await;
    // É sorts with E (not after Z, as its bytes would), and names after an emoji (two
    // UTF-16 units each) still compare whole.
    let names: Vec<String> = all(&root, "li[part=row] .name")
        .iter()
        .map(|n| n.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        ["Émile Zola", "Emma 😀 Adams", "Emma 😀 Zed", "Ezra Pound"]
    );
}

#[wasm_bindgen_test]
async fn people_age_offline_without_a_new_poll_once_the_answer_is_a_threshold_old() {
    // bo went idle 100 s before the answer. With a 140 s threshold their report is too
    // old 40 s later, on the server's clock whatever the browser's wall clock says; but
    // they were connected when the answer was made, so they stay idle until the answer
    // itself is 140 s old (no offline-then-idle blink when the next answer comes).
    let fakes = Fakes::new(FakeFetcher::new().route(
        PRESENCE,
        vec![ok(modern_body(
            T,
            &[("bo@x", "idle", 100), ("zoe@x", "active", 0)],
        ))],
    ));
    let (root, _handle) =
        mount_roster(&[("names", "off"), ("refresh", "600")], &fakes.services, 20);
    let bo = wait_for(&root, "li[data-email='bo@x']").await;
    assert_eq!(bo.get_attribute("data-status").as_deref(), Some("idle"));
    let status = || {
        root.query_selector("li[data-email='bo@x']")
            .unwrap()
            .and_then(|r| r.get_attribute("data-status"))
    };
    fakes.clock.advance_secs(40.0);
    wait_until(&root, "a tick past 40 s", || {
        root.get_attribute("data-active").as_deref() == Some("1")
    })
    .await;
    assert_eq!(
        status().as_deref(),
        Some("idle"),
        "held while the answer is fresh"
    );
    fakes.clock.advance_secs(100.0);
    // The row first, then (after that render) the host's counts.
    wait_until(&root, "bo offline, counted", || {
        status().as_deref() == Some("offline")
            && root.get_attribute("data-offline").as_deref() == Some("2")
    })
    .await;
    assert_eq!(text(&root, "li[data-email='bo@x'] .name"), "bo@x");
    assert_eq!(
        text(&root, "li[data-email='bo@x'] .visually-hidden"),
        "Offline"
    );
    assert_eq!(fakes.fetcher.count(PRESENCE), 1, "no new poll was needed");
    // One polite live region says what changed, without moving focus.
    let region = root.query_selector("[aria-live=polite]").unwrap().unwrap();
    wait_until(&root, "the announcement", || {
        region.text_content().as_deref() == Some("2 people went offline.")
    })
    .await;
    assert_eq!(root.query_selector_all("[aria-live]").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn polling_pauses_while_hidden_and_refreshes_when_visible_again() {
    let fakes = Fakes::on_fake_time(FakeFetcher::new().route(PRESENCE, vec![ok(team())]));
    let (root, _handle) =
        mount_roster(&[("names", "off"), ("refresh", "1")], &fakes.services, 1000);
    wait_for_state(&root, "ready").await;
    fakes.visibility.set_hidden(true);
    let before = fakes.fetcher.count(PRESENCE);
    // Nothing to await while hidden: the point is that nothing happens for a while (two
    // and a half refresh periods on the test's clock).
    pass_time(&fakes.clock, 2500.0).await;
    assert!(
        fakes.fetcher.count(PRESENCE) <= before + 1,
        "polled while hidden: {before} → {}",
        fakes.fetcher.count(PRESENCE)
    );
    let hidden_count = fakes.fetcher.count(PRESENCE);
    fakes.visibility.set_hidden(false);
    wait_until(&root, "a poll on becoming visible", || {
        fakes.fetcher.count(PRESENCE) == hidden_count + 1
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_cached_answer_polled_again_and_again_does_not_hold_anyone_online() {
    // A proxy's cache can answer every poll with the same bytes for minutes; its
    // `server_timestamp` is when Zulip made it. zoe was active 5 s before it, so with a
    // 140 s threshold she is no longer active 135 s after it came (idle: she was
    // connected when it was made), though it was polled four times meanwhile.
    let fakes = Fakes::on_fake_time(FakeFetcher::new().route(
        PRESENCE,
        vec![ok(modern_body(
            T,
            &[("zoe@x", "active", 5), ("ada@x", "idle", 0)],
        ))],
    ));
    let (root, _handle) = mount_roster(
        &[
            ("names", "off"),
            ("offline-threshold", "140"),
            ("refresh", "30"),
        ],
        &fakes.services,
        50,
    );
    let zoe = || {
        root.query_selector("li[data-email='zoe@x']")
            .unwrap()
            .and_then(|r| r.get_attribute("data-status"))
    };
    wait_for_state(&root, "ready").await;
    assert_eq!(zoe().as_deref(), Some("active"));
    for polls in 2..=5 {
        advance_until(&root, &fakes.clock, &format!("poll {polls}"), || {
            fakes.fetcher.count(PRESENCE) == polls
        })
        .await;
    }
    assert_eq!(zoe().as_deref(), Some("active"), "120 s after the answer");
    // The row first, then (after that render) the host's counts.
    advance_until(&root, &fakes.clock, "zoe idle, counted", || {
        zoe().as_deref() == Some("idle") && root.get_attribute("data-idle").as_deref() == Some("2")
    })
    .await;
    assert_eq!(
        fakes.fetcher.count(PRESENCE),
        5,
        "idle before the next poll"
    );
}

#[wasm_bindgen_test]
async fn a_slow_request_is_never_doubled_and_destroy_aborts_it() {
    let fakes = Fakes::on_fake_time(FakeFetcher::new().route(PRESENCE, vec![Reply::Hang]));
    // The threshold set and links off: presence is the only feed, so the only request in
    // flight.
    let (root, handle) = mount_roster(
        &[
            ("names", "off"),
            ("links", "off"),
            ("offline-threshold", "140"),
            ("refresh", "1"),
            ("timeout", "60"),
        ],
        &fakes.services,
        1000,
    );
    // The request starts with the mount; the host says "loading" after the render.
    wait_until(&root, "the first request, loading", || {
        fakes.fetcher.count(PRESENCE) == 1
            && root.get_attribute("data-state").as_deref() == Some("loading")
    })
    .await;
    assert_eq!(text(&root, ".roster-loading"), "Loading who's online…");
    // A refresh and a half pass on the test's clock, the request still out.
    pass_time(&fakes.clock, 1500.0).await;
    assert_eq!(
        (
            fakes.fetcher.count(PRESENCE),
            fakes.fetcher.max_in_flight.get()
        ),
        (1, 1)
    );
    handle.destroy();
    wait_until(&root, "the abort", || fakes.fetcher.aborted.get() == 1).await;
}

#[wasm_bindgen_test]
async fn a_poll_that_changes_nothing_touches_no_dom() {
    // The second answer is a minute newer: the active people re-reported, nobody's
    // status changed, so nothing on screen may change.
    let first = modern_body(
        T,
        &[
            ("zoe@x", "active", 5),
            ("bo@x", "idle", 20),
            ("old@x", "active", 4000),
        ],
    );
    let second = modern_body(
        T + 60.0,
        &[
            ("zoe@x", "active", 5),
            ("bo@x", "idle", 20),
            ("old@x", "active", 4060),
        ],
    );
    let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![ok(first), ok(second)]));
    let (root, _handle) =
        mount_roster(&[("names", "off"), ("refresh", "1")], &fakes.services, 1000);
    wait_for_state(&root, "ready").await;
    wait_for(&root, "li[data-email='zoe@x']").await;
    // The callback receives (and so consumes) the records: count them there.
    let mutations = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let counter = mutations.clone();
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |records: js_sys::Array| {
            counter.set(counter.get() + records.length());
        },
    );
    use wasm_bindgen::JsCast;
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_subtree(true);
    options.set_child_list(true);
    options.set_attributes(true);
    options.set_character_data(true);
    observer.observe_with_options(&root, &options).unwrap();
    fakes.clock.advance_secs(60.0);
    // Three requests means the second answer was handled and the next one scheduled.
    wait_until(&root, "two more polls", || {
        fakes.fetcher.count(PRESENCE) >= 3
    })
    .await;
    let pending = observer.take_records().length();
    assert_eq!(
        mutations.get() + pending,
        0,
        "the DOM changed on an identical poll"
    );
    observer.disconnect();
}

/// Zoë, whose /users entry gives `avatar_url`, mounted and named on screen.
async fn zoe_with_avatar(avatar_url: &str) -> (Element, yew::AppHandle<zulip_roster::ZulipRoster>) {
    let names = users_body(&[("zoe@x", "Zoë Ødegaard", Some(avatar_url))]);
    let fakes = team_and_users(names);
    let mounted = mount_roster(&[("refresh", "600")], &fakes.services, 1000);
    let root = &mounted.0;
    wait_until(root, "the name", || {
        text(root, "li[data-email='zoe@x'] .name") == "Zoë Ødegaard"
    })
    .await;
    mounted
}

#[wasm_bindgen_test]
async fn an_avatar_that_fails_to_load_becomes_the_persons_initials() {
    // A Zulip avatar path that is not there (the fake network answers it as an error).
    let (root, _handle) = zoe_with_avatar("/user_avatars/2/gone.png").await;
    wait_until(&root, "the initials", || {
        root.query_selector("li[data-email='zoe@x'] .avatar.none")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(text(&root, "li[data-email='zoe@x'] .avatar"), "ZØ");
    assert!(
        root.query_selector("li[data-email='zoe@x'] img")
            .unwrap()
            .is_none(),
        "no broken image"
    );
}

/// A person whose avatar URL the widget must never load: the row shows initials from the
/// start, and the browser never asked for the URL (issue 13: a path of the page's own
/// site would be fetched with every viewer's cookies).
async fn an_avatar_url_that_is_never_loaded(url: &str, asked_for: &str) {
    let (root, _handle) = zoe_with_avatar(url).await;
    assert_eq!(text(&root, "li[data-email='zoe@x'] .avatar.none"), "ZØ");
    assert!(
        root.query_selector("li[data-email='zoe@x'] img")
            .unwrap()
            .is_none(),
        "no image for {url:?}"
    );
    let asked: Vec<String> = web_sys::window()
        .unwrap()
        .performance()
        .unwrap()
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|e| js_sys::Reflect::get(&e, &"name".into()).ok()?.as_string())
        .filter(|name| name.contains(asked_for))
        .collect();
    assert!(asked.is_empty(), "the browser asked for {asked:?}");
}

#[wasm_bindgen_test]
async fn an_avatar_on_another_path_of_the_page_s_own_site_is_never_loaded() {
    an_avatar_url_that_is_never_loaded("/logout?everywhere=1", "/logout").await;
}

#[wasm_bindgen_test]
async fn an_avatar_over_plain_http_is_never_loaded() {
    an_avatar_url_that_is_never_loaded("http://127.0.0.1:9/plain-http.png", "plain-http").await;
}

#[wasm_bindgen_test]
async fn an_avatar_behind_a_unicode_line_separator_is_never_loaded() {
    an_avatar_url_that_is_never_loaded("\u{2028}/user_avatars/2/separated.png", "separated").await;
}

#[wasm_bindgen_test]
async fn guests_have_guest_after_their_name() {
    // `role` 600 as Zulip's /users sends it (`zerver/lib/users.py` `format_user_row`).
    let names = r#"{"result":"success","msg":"","members":[
        {"user_id":1,"email":"zoe@x","full_name":"Zoë Ødegaard","is_bot":false,"is_active":true,"is_guest":true,"role":600},
        {"user_id":2,"email":"ada@x","full_name":"Ada Lovelace","is_bot":false,"is_active":true,"is_guest":false,"role":400}]}"#;
    let fakes = team_and_users(names);
    let (root, _handle) = mount_roster(&[("refresh", "600")], &fakes.services, 1000);
    wait_until(&root, "names", || {
        text(&root, "li[data-email='ada@x'] .name") == "Ada Lovelace"
    })
    .await;
    assert_eq!(
        text(&root, "li[data-email='zoe@x'] .name"),
        "Zoë Ødegaard (guest)"
    );
    assert_eq!(text(&root, "li[data-email='zoe@x'] .guest"), "(guest)");
}
