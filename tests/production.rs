//! The production path: widgets mounted the three ways a page author mounts them, on the
//! browser's own services (gloo-net's `fetch`, `performance.now`, `document.hidden`).
//! Nothing in the widget is swapped: the network is faked at the browser's edge, by
//! replacing `window.fetch` in this page, and requests are counted there, the way a
//! server would count them.
#![cfg(target_arch = "wasm32")]

mod support;

use js_sys::Reflect;
use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;
use zulip_roster::embed;

wasm_bindgen_test_configure!(run_in_browser);

/// Replaces `window.fetch` (once) with a fake network: `/realm/presence` answers the
/// team and `/server_settings` a Zulip 8.4 server (anything under `/huge/` a body said to
/// be a gigabyte) in a later task, or, while the test
/// holds answers back, when it lets them go; aborts are honoured; every request is
/// logged with its path, start time and how many to its path were in flight.
fn fake_network() {
    let script = format!(
        r#"
if (!window.__requests) {{
  window.__requests = [];
  window.__inFlight = 0;
  window.__inFlightAt = {{}};
  window.__maxInFlight = {{}};
  window.__holding = false;
  window.__held = [];
  window.__release = () => {{ window.__holding = false; window.__held.splice(0).forEach((go) => go()); }};
  window.fetch = (input, init) => {{
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    const signal = (init && init.signal) || (typeof input === "string" ? null : input.signal);
    const path = url.pathname;
    window.__requests.push({{ path, at: performance.now() }});
    window.__inFlight += 1;
    window.__inFlightAt[path] = (window.__inFlightAt[path] || 0) + 1;
    window.__maxInFlight[path] = Math.max(window.__maxInFlight[path] || 0, window.__inFlightAt[path]);
    return new Promise((resolve, reject) => {{
      // A finished request may still be aborted later (the widget aborts on drop).
      let settled = false;
      const done = () => {{ if (!settled) {{ settled = true; window.__inFlight -= 1; window.__inFlightAt[path] -= 1; }} return !settled; }};
      const answer = () => {{
        if (settled) return;
        done();
        const json = {{ status: 200, headers: {{ "Content-Type": "application/json" }} }};
        if (path.startsWith("/huge/")) {{
          // A hostile proxy announcing a gigabyte: the widget must not read it.
          resolve(new Response("{{}}", {{ status: 200, headers: {{ "Content-Type": "application/json", "Content-Length": "1073741824" }} }}));
        }} else if (path.endsWith("/realm/presence")) {{
          resolve(new Response({team}, json));
        }} else if (path.endsWith("/server_settings")) {{
          resolve(new Response('{{"result":"success","msg":"","zulip_version":"8.4","zulip_feature_level":237}}', json));
        }} else {{
          resolve(new Response("{{}}", {{ status: 404 }}));
        }}
      }};
      if (window.__holding) window.__held.push(answer);
      else setTimeout(answer, 0);
      if (signal) signal.addEventListener("abort", () => {{
        if (settled) return;
        done();
        reject(new DOMException("aborted", "AbortError"));
      }});
    }});
  }};
}}
"#,
        team = serde_json::to_string(&team()).unwrap()
    );
    js_sys::eval(&script).unwrap();
}

/// Counts what the page has running from now on: timeouts and intervals not yet fired or
/// cleared, and `visibilitychange` listeners not yet removed, by wrapping the browser's
/// own functions (once). `mark()` starts a new count; `running()` says what of it is left.
fn track_page_resources() {
    js_sys::eval(
        r#"
if (!window.__tracked) {
  const t = (window.__tracked = { mark: 0, next: 0, live: new Map(), listeners: new Set() });
  const [st, ct, si, ci] = [setTimeout, clearTimeout, setInterval, clearInterval];
  window.setTimeout = function (f, ms, ...args) {
    const n = t.next++;
    const id = st.call(window, (...a) => { t.live.delete(id); return typeof f === "function" ? f(...a) : undefined; }, ms, ...args);
    t.live.set(id, { n, kind: "timeout", ms });
    return id;
  };
  window.clearTimeout = function (id) { t.live.delete(id); return ct.call(window, id); };
  window.setInterval = function (f, ms, ...args) {
    const id = si.call(window, f, ms, ...args);
    t.live.set(id, { n: t.next++, kind: "interval", ms });
    return id;
  };
  window.clearInterval = function (id) { t.live.delete(id); return ci.call(window, id); };
  const [add, remove] = [document.addEventListener, document.removeEventListener];
  document.addEventListener = function (type, listener, options) {
    if (type === "visibilitychange") t.listeners.add(listener);
    return add.call(this, type, listener, options);
  };
  document.removeEventListener = function (type, listener, options) {
    if (type === "visibilitychange") t.listeners.delete(listener);
    return remove.call(this, type, listener, options);
  };
  window.__markResources = () => { t.mark = t.next; t.listeners.clear(); };
  window.__runningResources = () => ({
    timers: [...t.live.values()].filter((x) => x.n >= t.mark).map((x) => `${x.kind} ${x.ms} ms`),
    listeners: t.listeners.size,
  });
}
"#,
    )
    .unwrap();
}

/// What is still running of what was started since `mark_resources()`: timers (kind and
/// delay) and `visibilitychange` listeners.
fn running_resources() -> (Vec<String>, u32) {
    let running = js_sys::eval("window.__runningResources()").unwrap();
    let timers = js_sys::Array::from(&Reflect::get(&running, &"timers".into()).unwrap())
        .iter()
        .map(|t| t.as_string().unwrap())
        .collect();
    let listeners = Reflect::get(&running, &"listeners".into())
        .unwrap()
        .as_f64()
        .unwrap();
    (timers, listeners as u32)
}

fn mark_resources() {
    js_sys::eval("window.__markResources()").unwrap();
}

/// Presence requests whose path starts with `prefix`, with their start times (ms).
fn presence_requests(prefix: &str) -> Vec<f64> {
    let log = js_sys::Array::from(&Reflect::get(&js_sys::global(), &"__requests".into()).unwrap());
    log.iter()
        .filter(|r| {
            let path = Reflect::get(r, &"path".into())
                .unwrap()
                .as_string()
                .unwrap();
            path.starts_with(prefix) && path.ends_with(PRESENCE)
        })
        .map(|r| Reflect::get(&r, &"at".into()).unwrap().as_f64().unwrap())
        .collect()
}

/// The most presence requests to the proxy under `/{root}/` ever in flight at once.
fn max_in_flight(root: &str) -> f64 {
    let max = Reflect::get(&js_sys::global(), &"__maxInFlight".into()).unwrap();
    Reflect::get(&max, &format!("/{root}/api/v1/realm/presence").into())
        .unwrap()
        .as_f64()
        .unwrap_or(0.0)
}

/// From now on, answers wait until [`release_answers`].
fn hold_answers() {
    Reflect::set(&js_sys::global(), &"__holding".into(), &true.into()).unwrap();
}

/// Lets every held answer go, and answers at once again.
fn release_answers() {
    js_sys::eval("window.__release()").unwrap();
}

fn in_flight() -> f64 {
    Reflect::get(&js_sys::global(), &"__inFlight".into())
        .unwrap()
        .as_f64()
        .unwrap()
}

fn element(tag: &str, attributes: &[(&str, &str)]) -> Element {
    let element = document().create_element(tag).unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    page().append_child(&element).unwrap();
    element
}

/// The page's `<main>`, with its heading, as an intranet page has them (made once).
fn page() -> Element {
    if let Some(main) = document().query_selector("main").unwrap() {
        return main;
    }
    document().set_title("Team");
    let html = document().document_element().unwrap();
    html.set_attribute("lang", "en").unwrap();
    let main = document().create_element("main").unwrap();
    let heading = document().create_element("h1").unwrap();
    heading.set_text_content(Some("Team"));
    main.append_child(&heading).unwrap();
    document().body().unwrap().append_child(&main).unwrap();
    main
}

async fn observe_for(ms: u64) {
    gloo_timers::future::sleep(std::time::Duration::from_millis(ms)).await;
}

/// A `<zulip-roster>` on `proxy` (names off, polling every 10 minutes), ready.
async fn ready_tag(proxy: &str) -> Element {
    fake_network();
    embed::define_and_auto_mount();
    let tag = element(
        "zulip-roster",
        &[("proxy", proxy), ("refresh", "600"), ("names", "off")],
    );
    wait_for_state(&tag, "ready").await;
    tag
}

/// The three ways a page mounts a widget, all on `proxy`.
async fn three_widgets(
    proxy: &str,
    refresh: &str,
) -> (Element, Element, Element, embed::RosterHandle) {
    fake_network();
    // What the module's start does on a real page (this test page has its own start).
    embed::define_and_auto_mount();
    let tag = element(
        "zulip-roster",
        &[("proxy", proxy), ("refresh", refresh), ("names", "off")],
    );
    let marked = element(
        "div",
        &[
            ("data-zulip-roster", ""),
            ("data-proxy", proxy),
            ("data-refresh", refresh),
            ("data-names", "off"),
        ],
    );
    let scripted = element("div", &[]);
    let handle = embed::mount(
        scripted.clone(),
        options(&[
            ("proxy", proxy.into()),
            ("refresh", refresh.into()),
            ("names", "off".into()),
        ]),
    )
    .unwrap();
    for host in [&tag, &marked, &scripted] {
        wait_for_state(host, "ready").await;
    }
    (tag, marked, scripted, handle)
}

#[wasm_bindgen_test]
async fn three_widgets_on_one_proxy_make_one_request_per_poll_and_none_once_removed() {
    track_page_resources();
    mark_resources();
    let (tag, marked, scripted, mut handle) = three_widgets("/shared/api/v1", "1").await;
    let (timers, listeners) = running_resources();
    // Two shared feeds, each with one visibility listener: presence, and the server's
    // version (read once, for the offline threshold).
    assert!(!timers.is_empty() && listeners == 2, "the tracker sees the widgets' timers and their two feeds' listeners: {timers:?}, {listeners}");
    assert_eq!(row_names(&tag), ["ada@x", "zoe@x", "bo@x", "anon@x"]);
    assert_eq!(row_names(&marked), row_names(&tag));
    assert_eq!(row_names(&scripted), row_names(&tag));

    wait_until(&tag, "four polls", || {
        presence_requests("/shared/").len() >= 4
    })
    .await;
    let times = presence_requests("/shared/");
    let gaps: Vec<f64> = times.windows(2).map(|w| (w[1] - w[0]).round()).collect();
    assert!(
        gaps.iter().all(|gap| *gap >= 900.0),
        "one request per 1 s poll for three widgets, not one each: gaps {gaps:?} ms"
    );
    assert_eq!(max_in_flight("shared"), 1.0, "never two requests at once");

    tag.remove();
    marked.remove();
    handle.destroy();
    let after_removal = presence_requests("/shared/").len();
    observe_for(3000).await;
    assert_eq!(
        presence_requests("/shared/").len(),
        after_removal,
        "requests after every widget was removed (3 refresh periods)"
    );
    assert_eq!(
        running_resources(),
        (vec![], 0),
        "timers or visibilitychange listeners left after every widget was removed"
    );
    scripted.remove();
}

#[wasm_bindgen_test]
async fn different_proxies_poll_apart() {
    fake_network();
    embed::define_and_auto_mount();
    let first = element(
        "zulip-roster",
        &[("proxy", "/east/api/v1"), ("names", "off")],
    );
    let second = element(
        "zulip-roster",
        &[("proxy", "/west/api/v1"), ("names", "off")],
    );
    wait_for_state(&first, "ready").await;
    wait_for_state(&second, "ready").await;
    assert_eq!(presence_requests("/east/").len(), 1);
    assert_eq!(presence_requests("/west/").len(), 1);
    first.remove();
    second.remove();
}

#[wasm_bindgen_test]
async fn a_marked_element_removed_and_put_back_stops_then_starts_again() {
    fake_network();
    embed::define_and_auto_mount();
    let marked = element(
        "div",
        &[
            ("data-zulip-roster", ""),
            ("data-proxy", "/spa/api/v1"),
            ("data-refresh", "1"),
            ("data-names", "off"),
        ],
    );
    wait_for_state(&marked, "ready").await;
    marked.remove();
    let after_removal = presence_requests("/spa/").len();
    observe_for(3000).await;
    assert_eq!(
        presence_requests("/spa/").len(),
        after_removal,
        "a removed [data-zulip-roster] element still polled"
    );
    page().append_child(&marked).unwrap();
    wait_until(&marked, "a poll after it came back", || {
        presence_requests("/spa/").len() > after_removal
    })
    .await;
    wait_until(&marked, "its rows again", || row_names(&marked).len() == 4).await;
    marked.remove();
}

#[wasm_bindgen_test]
async fn refresh_during_a_request_polls_once_more_when_it_answers() {
    let tag = ready_tag("/slow/api/v1").await;
    // The refresh's request stays in flight until the test lets its answer go.
    hold_answers();
    let before = presence_requests("/slow/").len();
    refresh(&tag);
    wait_until(&tag, "the refresh's request", || {
        presence_requests("/slow/").len() == before + 1
    })
    .await;
    refresh(&tag);
    refresh(&tag);
    assert_eq!(
        presence_requests("/slow/").len(),
        before + 1,
        "no second request while one is in flight"
    );
    release_answers();
    wait_until(&tag, "one more request, answered", || {
        presence_requests("/slow/").len() >= before + 2 && in_flight() == 0.0
    })
    .await;
    assert_eq!(
        presence_requests("/slow/").len(),
        before + 2,
        "two refreshes during one request make one more request, not two"
    );
    assert_eq!(max_in_flight("slow"), 1.0, "never two requests at once");
    tag.remove();
}

#[wasm_bindgen_test]
async fn display_options_change_at_once_without_a_request() {
    let tag = ready_tag("/display/api/v1").await;
    let requests = presence_requests("/display/").len();
    let shadow = tag.shadow_root().unwrap();
    let widget = || shadow.query_selector(".zulip-roster").unwrap().unwrap();
    let counts = || text(&widget(), ".counts");

    tag.set_attribute("lang", "de").unwrap();
    wait_until(&tag, "German", || {
        counts() == "2 aktiv · 1 abwesend · 1 offline"
    })
    .await;
    tag.set_attribute("theme", "dark").unwrap();
    wait_until(&tag, "the dark theme", || {
        widget().get_attribute("data-theme").as_deref() == Some("dark")
    })
    .await;
    tag.set_attribute("palette", "colorblind").unwrap();
    wait_until(&tag, "the colour-blind palette", || {
        widget().get_attribute("data-palette").as_deref() == Some("colorblind")
    })
    .await;
    tag.set_attribute("max-rows", "2").unwrap();
    wait_until(&tag, "two rows", || row_names(&tag).len() == 2).await;
    tag.set_attribute("show-offline", "none").unwrap();
    tag.set_attribute("max-rows", "9").unwrap();
    wait_until(&tag, "no offline row", || row_names(&tag).len() == 3).await;
    tag.set_attribute("compact", "").unwrap();
    wait_until(&tag, "compact", || {
        widget().class_list().contains("compact")
    })
    .await;

    assert_eq!(
        presence_requests("/display/").len(),
        requests,
        "a display option sent a request"
    );
    assert_eq!(tag.get_attribute("data-state").as_deref(), Some("ready"));
    tag.remove();
}

#[wasm_bindgen_test]
async fn several_widgets_on_one_page_pass_axe_together() {
    let (tag, marked, scripted, mut handle) = three_widgets("/axe/api/v1", "600").await;
    let violations = axe_together(&[&tag, &marked, &scripted]).await;
    assert!(violations.is_empty(), "{violations:#?}");
    tag.remove();
    marked.remove();
    handle.destroy();
    scripted.remove();
}

#[wasm_bindgen_test]
async fn an_answer_over_the_size_limit_is_not_read_and_says_so() {
    fake_network();
    embed::define_and_auto_mount();
    let tag = element(
        "zulip-roster",
        &[
            ("proxy", "/huge/api/v1"),
            ("refresh", "600"),
            ("names", "off"),
        ],
    );
    let (errors, _listener) = record_errors(&tag);
    wait_for_state(&tag, "error").await;
    assert!(
        banner_text(&tag).starts_with("The proxy's answer is too large to read (over 64 MB)."),
        "{}",
        banner_text(&tag)
    );
    wait_until(&tag, "a roster-error", || !errors.borrow().is_empty()).await;
    assert_eq!(errors.borrow()[0].0, "malformed");
    tag.remove();
}
