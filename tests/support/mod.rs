//! Fakes and helpers for the browser tests: a scripted fetcher, a hand-moved clock, a
//! switchable page visibility, and waiting for what a person would see.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Element};
use zulip_roster::services::{
    BrowserTimers, Clock, FetchError, FetchFuture, Fetcher, HttpAnswer, Services, Subscription,
    Timer, Timers, Visibility,
};

/// One scripted answer.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A status, a body and maybe a `Retry-After`.
    Answer {
        status: u16,
        body: Vec<u8>,
        retry_after: Option<String>,
    },
    /// The same reply, after this many milliseconds of real time (a slow proxy).
    Slow(u32, Box<Reply>),
    /// No HTTP answer.
    Network,
    /// Never answers; ends only when aborted.
    Hang,
}

/// A 200 with a JSON body.
pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
    Reply::Answer {
        status: 200,
        body: body.into(),
        retry_after: None,
    }
}

/// Any status with a body.
pub fn status(status: u16, body: impl Into<Vec<u8>>) -> Reply {
    Reply::Answer {
        status,
        body: body.into(),
        retry_after: None,
    }
}

/// A fetcher that answers by URL from a script; the last reply repeats.
#[derive(Default)]
pub struct FakeFetcher {
    routes: RefCell<Vec<(String, VecDeque<Reply>)>>,
    /// Every URL requested, in order.
    pub requests: RefCell<Vec<String>>,
    /// When each request started (ms, in order): `performance.now()`, or the fake
    /// clock's time on [`Fakes::on_fake_time`].
    pub request_times: RefCell<Vec<f64>>,
    clock: RefCell<Option<Rc<FakeClock>>>,
    in_flight: Rc<Cell<u32>>,
    /// The most requests ever in flight at once.
    pub max_in_flight: Rc<Cell<u32>>,
    /// Requests ended by an abort.
    pub aborted: Rc<Cell<u32>>,
}

impl FakeFetcher {
    /// A fetcher with no routes (every URL: network error).
    pub fn new() -> Rc<Self> {
        Rc::default()
    }

    /// Scripts the replies for URLs containing `part`.
    pub fn route(self: &Rc<Self>, part: &str, replies: Vec<Reply>) -> Rc<Self> {
        self.routes
            .borrow_mut()
            .push((part.to_owned(), replies.into()));
        self.clone()
    }

    /// From the next request on, URLs containing `part` get these replies (the last
    /// repeating), after any still queued before the repeating one.
    pub fn then(&self, part: &str, replies: Vec<Reply>) {
        let mut routes = self.routes.borrow_mut();
        if let Some((_, queue)) = routes.iter_mut().find(|(p, _)| p == part) {
            if queue.len() == 1 {
                queue.clear();
            }
            queue.extend(replies);
        }
    }

    /// How many requests went to URLs containing `part`.
    pub fn count(&self, part: &str) -> usize {
        self.requests
            .borrow()
            .iter()
            .filter(|u| u.contains(part))
            .count()
    }

    fn next_reply(&self, url: &str) -> Reply {
        let mut routes = self.routes.borrow_mut();
        let Some((_, queue)) = routes
            .iter_mut()
            .find(|(part, _)| url.contains(part.as_str()))
        else {
            return Reply::Network;
        };
        if queue.len() > 1 {
            queue.pop_front().unwrap()
        } else {
            queue.front().cloned().unwrap_or(Reply::Network)
        }
    }
}

impl Fetcher for FakeFetcher {
    fn get(&self, url: &str, signal: &AbortSignal) -> FetchFuture {
        self.requests.borrow_mut().push(url.to_owned());
        let now = match &*self.clock.borrow() {
            Some(clock) => clock.now_ms(),
            None => web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now()),
        };
        self.request_times.borrow_mut().push(now);
        let reply = self.next_reply(url);
        let (in_flight, max, aborted) = (
            self.in_flight.clone(),
            self.max_in_flight.clone(),
            self.aborted.clone(),
        );
        in_flight.set(in_flight.get() + 1);
        max.set(max.get().max(in_flight.get()));
        let signal = signal.clone();
        let clock = self.clock.borrow().clone();
        Box::pin(async move {
            let (reply, delay_ms) = match reply {
                Reply::Slow(ms, inner) => (*inner, Some(ms)),
                other => (other, None),
            };
            if let Some(ms) = delay_ms {
                // Waits `ms`, or less if the request is aborted (a timeout, a destroy). On
                // fake time the network is slow on the test's clock too, so a slow answer
                // and the request's deadline keep their order however fast the clock moves.
                let mut timer = None;
                let promise = js_sys::Promise::new(&mut |resolve, _reject| {
                    signal.set_onabort(Some(&resolve));
                    match &clock {
                        Some(clock) => {
                            timer = Some(clock.start(
                                ms,
                                Box::new(move || {
                                    let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                                }),
                            ));
                        }
                        None => {
                            let _ = web_sys::window()
                                .unwrap()
                                .set_timeout_with_callback_and_timeout_and_arguments_0(
                                    &resolve,
                                    i32::try_from(ms).unwrap_or(i32::MAX),
                                );
                        }
                    }
                });
                let _ = JsFuture::from(promise).await;
                drop(timer);
            }
            let result = match reply {
                _ if signal.aborted() => {
                    aborted.set(aborted.get() + 1);
                    Err(FetchError::Aborted)
                }
                Reply::Answer {
                    status,
                    body,
                    retry_after,
                } => Ok(HttpAnswer {
                    status,
                    retry_after,
                    body,
                }),
                Reply::Network | Reply::Slow(..) => Err(FetchError::Network),
                Reply::Hang => {
                    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
                        signal.set_onabort(Some(&resolve));
                    });
                    let _ = JsFuture::from(promise).await;
                    aborted.set(aborted.get() + 1);
                    Err(FetchError::Aborted)
                }
            };
            in_flight.set(in_flight.get() - 1);
            result
        })
    }
}

/// A clock moved by hand. On [`Fakes::on_fake_time`] it also runs the widget's timers
/// (polls, retries, request deadlines): moving it fires every timer that falls due on the
/// way, in order, each at its own time.
#[derive(Default)]
pub struct FakeClock {
    now: Cell<f64>,
    timers: RefCell<Vec<FakeTimer>>,
    started: Cell<u64>,
}

struct FakeTimer {
    order: u64,
    due_ms: f64,
    run: Box<dyn FnOnce()>,
    cancelled: Rc<Cell<bool>>,
}

/// What a [`Timer`] of the fake clock holds: dropping it cancels the timer.
struct CancelOnDrop(Rc<Cell<bool>>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

impl FakeClock {
    /// Moves the clock forward.
    pub fn advance_secs(&self, secs: f64) {
        self.advance_ms(secs * 1000.0);
    }

    /// Moves the clock forward by `ms`, firing the timers due on the way.
    pub fn advance_ms(&self, ms: f64) {
        let target = self.now.get() + ms;
        loop {
            // Taken out of the list before it runs: a timer's callback may start others.
            let next = {
                let mut timers = self.timers.borrow_mut();
                timers.retain(|t| !t.cancelled.get());
                let first = timers
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.due_ms <= target)
                    .min_by(|(_, a), (_, b)| {
                        a.due_ms.total_cmp(&b.due_ms).then(a.order.cmp(&b.order))
                    })
                    .map(|(i, _)| i);
                first.map(|i| timers.remove(i))
            };
            let Some(timer) = next else { break };
            self.now.set(self.now.get().max(timer.due_ms));
            (timer.run)();
        }
        self.now.set(target);
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> f64 {
        self.now.get()
    }
}

impl Timers for FakeClock {
    fn start(&self, ms: u32, run: Box<dyn FnOnce()>) -> Timer {
        let cancelled = Rc::new(Cell::new(false));
        self.started.set(self.started.get() + 1);
        self.timers.borrow_mut().push(FakeTimer {
            order: self.started.get(),
            due_ms: self.now.get() + f64::from(ms),
            run,
            cancelled: cancelled.clone(),
        });
        Timer::new(CancelOnDrop(cancelled))
    }
}

/// A page visibility switched by hand.
#[derive(Default)]
pub struct FakeVisibility {
    hidden: Cell<bool>,
    listeners: RefCell<Vec<Weak<dyn Fn()>>>,
}

impl FakeVisibility {
    /// Hides or shows the page, telling subscribers.
    pub fn set_hidden(&self, hidden: bool) {
        self.hidden.set(hidden);
        let listeners: Vec<_> = self
            .listeners
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        for listener in listeners {
            listener();
        }
    }
}

impl Visibility for FakeVisibility {
    fn hidden(&self) -> bool {
        self.hidden.get()
    }

    fn subscribe(&self, on_change: Rc<dyn Fn()>) -> Subscription {
        self.listeners.borrow_mut().push(Rc::downgrade(&on_change));
        Subscription::new(on_change)
    }
}

/// The fakes, and the services made of them.
pub struct Fakes {
    pub fetcher: Rc<FakeFetcher>,
    pub clock: Rc<FakeClock>,
    pub visibility: Rc<FakeVisibility>,
    pub services: Services,
}

impl Fakes {
    /// Fakes on the browser's own timers: polls and retries wait in real time.
    pub fn new(fetcher: Rc<FakeFetcher>) -> Self {
        Self::with_timers(fetcher, false)
    }

    /// Fakes whose clock also runs the timers: a poll, a retry or a deadline happens when
    /// the test moves the clock ([`advance_until`]), not seconds of real time later.
    pub fn on_fake_time(fetcher: Rc<FakeFetcher>) -> Self {
        Self::with_timers(fetcher, true)
    }

    fn with_timers(fetcher: Rc<FakeFetcher>, fake_time: bool) -> Self {
        let clock = Rc::new(FakeClock::default());
        let visibility = Rc::new(FakeVisibility::default());
        let timers: Rc<dyn Timers> = if fake_time {
            *fetcher.clock.borrow_mut() = Some(clock.clone());
            clock.clone()
        } else {
            Rc::new(BrowserTimers)
        };
        let services = Services {
            fetcher: fetcher.clone(),
            clock: clock.clone(),
            timers,
            visibility: visibility.clone(),
            random: Rc::new(|| 0.5),
            tick_ms: 1000,
        };
        Fakes {
            fetcher,
            clock,
            visibility,
            services,
        }
    }
}

/// Puts `services` in place of the browser's for every roster mounted from now on.
pub fn install(services: &Services) {
    zulip_roster::services::use_services(Some(services.clone()));
}

/// Mounts a roster on a fresh element with the options `pairs` (the proxy defaults to
/// `/api/v1`) and `services`, re-ageing every `tick_ms`. The component renders straight
/// into the element (no shadow root), so tests query it directly.
pub fn mount_roster(
    pairs: &[(&str, &str)],
    services: &Services,
    tick_ms: u32,
) -> (Element, yew::AppHandle<zulip_roster::ZulipRoster>) {
    let config = presence_model::Config::from_pairs(pairs.iter().copied(), Some("/api/v1"));
    install(&Services {
        tick_ms,
        ..services.clone()
    });
    let root = mount_point();
    let props = zulip_roster::components::zulip_roster::ZulipRosterProps {
        config,
        host: root.clone(),
        control: Default::default(),
    };
    let handle =
        yew::Renderer::<zulip_roster::ZulipRoster>::with_root_and_props(root.clone(), props)
            .render();
    (root, handle)
}

/// The page's document.
pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// An options object for `mount()` / `update()`, as a page script writes one.
pub fn options(pairs: &[(&str, wasm_bindgen::JsValue)]) -> wasm_bindgen::JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        js_sys::Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

/// A fresh element in the page to mount on, at the top of the page, where a person
/// looks: widgets of earlier tests stay below it, and lazy images far down the page are
/// never loaded (Firefox loads them only near the viewport).
pub fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    let body = document.body().unwrap();
    body.insert_before(&root, body.first_child().as_ref())
        .unwrap();
    root
}

/// How long a wait may take before the test fails. Generous: a wait only costs time
/// when it fails, and a loaded CI machine can be slow.
pub const DEADLINE_MS: f64 = 20_000.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Waits (up to 20 s) until `check` holds; the failure message says what was awaited and
/// shows the widget (its shadow root included).
pub async fn wait_until(root: &Element, what: &str, check: impl Fn() -> bool) {
    let end = now_ms() + DEADLINE_MS;
    while now_ms() < end {
        if check() {
            return;
        }
        gloo_timers::future::sleep(Duration::from_millis(10)).await;
    }
    if check() {
        return;
    }
    let inside = root
        .shadow_root()
        .map(|s| s.inner_html())
        .unwrap_or_default();
    panic!(
        "waited 20 s for {what}; widget: {} shadow: {inside}",
        root.outer_html()
    );
}

/// On [`Fakes::on_fake_time`]: lets `ms` pass on the test's clock, as a page would see
/// them. What the page already queued runs first: a timer never fires before pending
/// microtasks (a removal's teardown, an answer), so the fake one must not either.
pub async fn pass_time(clock: &FakeClock, ms: f64) {
    gloo_timers::future::sleep(Duration::from_millis(20)).await;
    clock.advance_ms(ms);
    gloo_timers::future::sleep(Duration::from_millis(20)).await;
}

/// On [`Fakes::on_fake_time`]: moves the fake clock on, 100 ms at a time, until `check`
/// holds (up to 20 s of real time), so polls, retries and deadlines come at once.
pub async fn advance_until(
    root: &Element,
    clock: &FakeClock,
    what: &str,
    check: impl Fn() -> bool,
) {
    let end = now_ms() + DEADLINE_MS;
    while now_ms() < end {
        if check() {
            return;
        }
        clock.advance_ms(100.0);
        // The answers, renders and host effects of what fired.
        gloo_timers::future::sleep(Duration::from_millis(5)).await;
    }
    if !check() {
        panic!(
            "moved the clock for 20 s of real time waiting for {what}; widget: {}",
            root.outer_html()
        );
    }
}

/// Waits until `selector` matches inside `root`.
pub async fn wait_for(root: &Element, selector: &str) -> Element {
    wait_until(root, selector, || {
        root.query_selector(selector).unwrap().is_some()
    })
    .await;
    root.query_selector(selector).unwrap().unwrap()
}

/// Waits until the host's `data-state` is `state`.
pub async fn wait_for_state(root: &Element, state: &str) {
    wait_until(root, &format!("data-state={state}"), || {
        root.get_attribute("data-state").as_deref() == Some(state)
    })
    .await;
}

/// A `<zulip-roster>` with `attributes`, first in `parent` (the page's body when `None`),
/// mounted as a page author's element is: the element defined, nothing swapped.
pub fn roster_in(parent: Option<&Element>, attributes: &[(&str, &str)]) -> Element {
    zulip_roster::embed::define_and_auto_mount();
    let tag = document().create_element("zulip-roster").unwrap();
    for (name, value) in attributes {
        tag.set_attribute(name, value).unwrap();
    }
    let body: Element = document().body().unwrap().into();
    let parent = parent.unwrap_or(&body);
    parent
        .insert_before(&tag, parent.first_child().as_ref())
        .unwrap();
    tag
}

/// A `<zulip-roster>` with `attributes` at the top of the page.
pub fn roster_element(attributes: &[(&str, &str)]) -> Element {
    roster_in(None, attributes)
}

/// Every element matching `selector` in `host`'s shadow root (in `host` without one).
pub fn shadow_all(host: &Element, selector: &str) -> Vec<Element> {
    match host.shadow_root() {
        Some(shadow) => {
            let list = shadow.query_selector_all(selector).unwrap();
            (0..list.length())
                .filter_map(|i| list.get(i))
                .filter_map(|n| n.dyn_into().ok())
                .collect()
        }
        None => all(host, selector),
    }
}

/// Every element matching `selector`.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect()
}

/// What the widget's message area (`part=banner`) says, or "" when there is none;
/// inside the shadow root when there is one.
pub fn banner_text(host: &Element) -> String {
    match host.shadow_root() {
        Some(shadow) => shadow
            .query_selector("[part~=banner]")
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default(),
        None => text(host, "[part~=banner]"),
    }
}

/// The names on the rows, in order, as a reader sees them (shadow root included).
pub fn row_names(host: &Element) -> Vec<String> {
    let list = match host.shadow_root() {
        Some(shadow) => shadow.query_selector_all("li[part~=row] .name").unwrap(),
        None => host.query_selector_all("li[part~=row] .name").unwrap(),
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// Calls the element's own `refresh()`, as a page script would.
pub fn refresh(host: &Element) {
    let method = js_sys::Reflect::get(host, &"refresh".into()).unwrap();
    method
        .dyn_into::<js_sys::Function>()
        .expect("the element has refresh()")
        .call0(host)
        .unwrap();
}

/// The text of the element matching `selector`.
pub fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// `data-email` of every row, in order.
pub fn row_emails(root: &Element) -> Vec<String> {
    all(root, "li[part=row]")
        .iter()
        .map(|r| r.get_attribute("data-email").unwrap_or_default())
        .collect()
}

/// A realm presence body (7.0+ shape) from (email, status, seconds before the server's now).
pub fn modern_body(server_now: f64, people: &[(&str, &str, i64)]) -> String {
    let mut users = serde_json::Map::new();
    for (email, status, ago) in people {
        let entry = serde_json::json!({"client": "website", "status": status, "timestamp": server_now as i64 - ago});
        let mut website = entry.clone();
        website["pushable"] = false.into();
        users.insert(
            email.to_string(),
            serde_json::json!({"website": website, "aggregated": entry}),
        );
    }
    serde_json::json!({"result": "success", "msg": "", "server_timestamp": server_now, "presences": users}).to_string()
}

/// The server's clock in the shared bodies below.
pub const T: f64 = 1_800_000_000.25;

/// Four people at server time [`T`]: two active, one idle, one offline for 5 minutes.
pub fn team() -> String {
    modern_body(
        T,
        &[
            ("zoe@x", "active", 5),
            ("ada@x", "active", 30),
            ("bo@x", "idle", 20),
            ("anon@x", "active", 300),
        ],
    )
}

/// A `GET /users` body from (email, full name, avatar).
pub fn users_body(people: &[(&str, &str, Option<&str>)]) -> String {
    let members: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, (email, name, avatar))| serde_json::json!({"user_id": i, "email": email, "full_name": name, "avatar_url": avatar, "is_bot": false, "is_active": true}))
        .collect();
    serde_json::json!({"result": "success", "msg": "", "members": members}).to_string()
}

/// `(cause, message)` of every `roster-error` event seen.
pub type ErrorLog = Rc<RefCell<Vec<(String, String)>>>;

/// Collects `roster-error` events fired on `host`.
pub fn record_errors(host: &Element) -> (ErrorLog, gloo_events::EventListener) {
    let seen: ErrorLog = Rc::default();
    let sink = seen.clone();
    let listener = gloo_events::EventListener::new(host, "roster-error", move |event| {
        let detail = event.dyn_ref::<web_sys::CustomEvent>().unwrap().detail();
        let get = |key: &str| {
            js_sys::Reflect::get(&detail, &key.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        sink.borrow_mut().push((get("cause"), get("message")));
    });
    (seen, listener)
}

/// Records `console.error` calls while it lives (and still prints them); restores the
/// original when dropped.
pub struct ConsoleErrors {
    console: wasm_bindgen::JsValue,
    original: wasm_bindgen::JsValue,
    log: js_sys::Array,
}

impl ConsoleErrors {
    /// Starts recording.
    pub fn watch() -> Self {
        use js_sys::Reflect;
        let console = Reflect::get(&js_sys::global(), &"console".into()).unwrap();
        let original = Reflect::get(&console, &"error".into()).unwrap();
        let log = js_sys::Array::new();
        let wrap = js_sys::Function::new_with_args(
            "original, log",
            "return function (...args) { log.push(args.map(String).join(' ')); return original.apply(this, args); }",
        );
        let wrapper = wrap
            .call2(&wasm_bindgen::JsValue::NULL, &original, &log)
            .unwrap();
        Reflect::set(&console, &"error".into(), &wrapper).unwrap();
        ConsoleErrors {
            console,
            original,
            log,
        }
    }

    /// What was logged as an error so far.
    pub fn seen(&self) -> Vec<String> {
        self.log
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect()
    }
}

impl Drop for ConsoleErrors {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::set(&self.console, &"error".into(), &self.original);
    }
}

/// The part of the URL that routes presence requests.
pub const PRESENCE: &str = "/realm/presence";
/// The part of the URL that routes `/users` requests.
pub const USERS: &str = "/users";

/// Runs axe-core on `host` (its shadow root included) and returns the violations.
pub async fn axe(host: &Element) -> Vec<String> {
    axe_on(host.into()).await
}

/// Runs axe-core on several widgets together (WCAG 2 A and AA, and best practice): what
/// one widget alone cannot show, such as two landmarks with one name.
pub async fn axe_together(hosts: &[&Element]) -> Vec<String> {
    let include = js_sys::Array::new();
    for host in hosts {
        include.push(&js_sys::Array::of1(host));
    }
    let context = js_sys::Object::new();
    js_sys::Reflect::set(&context, &"include".into(), &include).unwrap();
    axe_on(context.into()).await
}

async fn axe_on(context: wasm_bindgen::JsValue) -> Vec<String> {
    use js_sys::Reflect;
    thread_local! { static LOADED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) }; }
    if !LOADED.with(|l| l.replace(true)) {
        js_sys::eval(include_str!("../../tools/node_modules/axe-core/axe.min.js")).unwrap();
    }
    let axe = Reflect::get(&js_sys::global(), &"axe".into()).unwrap();
    let run: js_sys::Function = Reflect::get(&axe, &"run".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let options = js_sys::Object::new();
    let run_only = js_sys::Object::new();
    Reflect::set(&run_only, &"type".into(), &"tag".into()).unwrap();
    let tags = js_sys::Array::of3(&"wcag2a".into(), &"wcag2aa".into(), &"best-practice".into());
    Reflect::set(&run_only, &"values".into(), &tags).unwrap();
    Reflect::set(&options, &"runOnly".into(), &run_only).unwrap();
    let promise: js_sys::Promise = run
        .call2(&axe, &context, &options)
        .unwrap()
        .dyn_into()
        .unwrap();
    let results = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    let violations = js_sys::Array::from(&Reflect::get(&results, &"violations".into()).unwrap());
    violations
        .iter()
        .map(|v| {
            let id = Reflect::get(&v, &"id".into()).unwrap().as_string().unwrap();
            let help = Reflect::get(&v, &"help".into())
                .unwrap()
                .as_string()
                .unwrap();
            format!("{id}: {help}")
        })
        .collect()
}

/// Replaces `window.fetch` (once per page) with a network that answers from
/// `window.__routes` (path and query → [status, body]), 404 otherwise, in a later task,
/// and writes down every path and query asked in `window.__asked`. The widget's own
/// fetch code runs; only the network is fake.
pub fn window_network() {
    js_sys::eval(
        r#"
if (!window.__routes) {
  window.__routes = {};
  window.__asked = [];
  window.fetch = (input) => {
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    // gloo-net sends a URL with a query as "?a=b&": the same request to a server.
    const path = url.pathname + url.search.replace(/&$/, "");
    window.__asked.push(path);
    const route = window.__routes[path];
    return new Promise((resolve) => setTimeout(() => resolve(route
      ? new Response(route[1], { status: route[0], headers: { "Content-Type": "application/json" } })
      : new Response('{"result":"error","msg":"Not found","code":"BAD_REQUEST"}', { status: 404 })), 0));
  };
}
"#,
    )
    .unwrap();
}

/// On [`window_network`]: answers `status` and `body` for `path` (with its query).
pub fn window_route(path: &str, status: u16, body: &str) {
    window_network();
    let routes = js_sys::Reflect::get(&js_sys::global(), &"__routes".into()).unwrap();
    let value = js_sys::Array::of2(&status.into(), &body.into());
    js_sys::Reflect::set(&routes, &path.into(), &value).unwrap();
}

/// On [`window_network`]: how many requests asked for `path` (with its query).
pub fn window_asked(path: &str) -> usize {
    let asked: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__asked".into())
        .unwrap()
        .into();
    asked
        .iter()
        .filter(|p| p.as_string().as_deref() == Some(path))
        .count()
}
