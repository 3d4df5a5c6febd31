//! The widget's outside: `data-*` hooks on the element it is mounted on, and the
//! `roster-error` event, for page authors' scripts and CSS and for tests.

use js_sys::{Array, Object, Reflect};
use presence_model::{Counts, LiveState, StatusChange};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// What the host element's attributes say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostSummary {
    /// `data-state`.
    pub state: &'static str,
    /// `data-active`, `data-idle`, `data-offline`, `data-total`; absent with no roster.
    pub counts: Option<Counts>,
}

impl HostSummary {
    /// The summary of a live state.
    pub fn of(state: &LiveState) -> Self {
        HostSummary {
            state: state.name(),
            counts: state.snapshot().map(|s| s.roster.counts()),
        }
    }

    /// Writes the attributes onto `host`.
    pub fn apply(&self, host: &Element) {
        let _ = host.set_attribute("data-state", self.state);
        let names = ["data-active", "data-idle", "data-offline", "data-total"];
        match self.counts {
            Some(c) => {
                for (name, n) in names.iter().zip([c.active, c.idle, c.offline, c.total()]) {
                    let _ = host.set_attribute(name, &n.to_string());
                }
            }
            None => {
                for name in names {
                    let _ = host.remove_attribute(name);
                }
            }
        }
    }
}

fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

fn fire(host: &Element, name: &str, detail: &Object) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// What a `roster-error` event says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDetail {
    /// `config`, `wrong-url`, `refused`, `rate-limited`, `down`, `rejected`, `malformed`.
    pub cause: &'static str,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// Zulip's error code, when the answer had one.
    pub code: Option<String>,
    /// The message shown in the banner.
    pub message: String,
}

/// Fires `roster-error` on `host`, with `detail = { cause, status, code, message }`
/// (`status` and `code` are `null` when unknown). It bubbles and crosses shadow roots, so a
/// listener on the document hears every widget.
pub fn dispatch_error(host: &Element, error: &ErrorDetail) {
    let detail = Object::new();
    set(&detail, "cause", error.cause);
    set(
        &detail,
        "status",
        error.status.map_or(JsValue::NULL, JsValue::from),
    );
    set(
        &detail,
        "code",
        error
            .code
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    set(&detail, "message", error.message.as_str());
    fire(host, "roster-error", &detail);
}

/// Fires `roster-change` on `host`: `detail = { counts: {active, idle, offline, total},
/// changes: [{email, from, to}] }`, `from` being `null` for someone new.
pub fn dispatch_change(host: &Element, counts: Counts, changes: &[StatusChange]) {
    let totals = Object::new();
    set(&totals, "active", counts.active as u32);
    set(&totals, "idle", counts.idle as u32);
    set(&totals, "offline", counts.offline as u32);
    set(&totals, "total", counts.total() as u32);
    let list = Array::new();
    for change in changes {
        let item = Object::new();
        set(&item, "email", change.email.as_str());
        set(
            &item,
            "from",
            change
                .from
                .map_or(JsValue::NULL, |s| JsValue::from_str(s.as_str())),
        );
        set(&item, "to", change.to.as_str());
        list.push(&item);
    }
    let detail = Object::new();
    set(&detail, "counts", totals);
    set(&detail, "changes", list);
    fire(host, "roster-change", &detail);
}

/// The language to speak: the `lang` option, else the nearest `[lang]` around the host
/// element, else the browser's language, else English.
pub fn resolve_lang(option: Option<&str>, host: Option<&Element>) -> String {
    if let Some(lang) = option {
        return lang.to_owned();
    }
    let from_page = host
        .and_then(|h| h.closest("[lang]").ok().flatten())
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.trim().is_empty());
    from_page
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .unwrap_or_else(|| "en".to_owned())
}

/// The viewer's offset from UTC in seconds east, for calendar days in "last active".
pub fn utc_offset_secs() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32) * 60
}
