//! The widget's outside, written from one place: the `data-*` hooks on the element it is
//! mounted on and the `roster-change` / `roster-error` events, as the reducer's effects
//! say (`presence_model::state`).

use js_sys::{Array, Object, Reflect};
use presence_model::state::{ChangeReport, ErrorReport, HostSummary};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// What of one event's effects reaches the host element: its attributes and events.
#[derive(Debug, Clone, Default)]
pub struct HostEffects {
    /// New `data-*`.
    pub summary: Option<HostSummary>,
    /// A `roster-change` to fire.
    pub change: Option<ChangeReport>,
    /// A `roster-error` to fire.
    pub error: Option<ErrorReport>,
}

impl HostEffects {
    /// Whether there is nothing to write or fire.
    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.change.is_none() && self.error.is_none()
    }

    /// Writes the attributes, then fires the events, on `host`. Called after the render
    /// these effects came with, so a script that sees `data-state="ready"` or hears
    /// `roster-change` finds the rows in the DOM.
    pub fn apply(self, host: &Element) {
        if let Some(summary) = &self.summary {
            write_summary(host, summary);
        }
        if let Some(change) = &self.change {
            fire(host, "roster-change", &change_detail(change));
        }
        if let Some(error) = &self.error {
            fire(host, "roster-error", &error_detail(error));
        }
    }
}

fn write_summary(host: &Element, summary: &HostSummary) {
    let _ = host.set_attribute("data-state", summary.state);
    // Which release is on the page, for a page author or an admin asking "which version
    // is this?" (the same as the module's `version` export and its banner).
    let _ = host.set_attribute("data-version", env!("CARGO_PKG_VERSION"));
    let _ = host.set_attribute("data-privacy", summary.privacy.as_str());
    let names = ["data-active", "data-idle", "data-offline", "data-total"];
    match summary.counts {
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

fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

/// Bubbling and composed: a listener on the document hears every widget.
fn fire(host: &Element, name: &str, detail: &Object) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// `{ cause, status, code, message }`, `status` and `code` `null` when unknown.
fn error_detail(error: &ErrorReport) -> Object {
    let detail = Object::new();
    set(&detail, "cause", error.cause);
    let status = error.status.map_or(JsValue::NULL, JsValue::from);
    set(&detail, "status", status);
    let code = error
        .code
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    set(&detail, "code", code);
    set(&detail, "message", error.message.as_str());
    detail
}

/// `{ counts: {active, idle, offline, total}, changes: [{email, from, to}] }`, `from`
/// `null` for someone new.
fn change_detail(report: &ChangeReport) -> Object {
    let counts = report.counts;
    let totals = Object::new();
    set(&totals, "active", counts.active as u32);
    set(&totals, "idle", counts.idle as u32);
    set(&totals, "offline", counts.offline as u32);
    set(&totals, "total", counts.total() as u32);
    let list = Array::new();
    for change in &report.changes {
        let item = Object::new();
        set(&item, "email", change.email.as_str());
        let from = change
            .from
            .map_or(JsValue::NULL, |s| JsValue::from_str(s.as_str()));
        set(&item, "from", from);
        set(&item, "to", change.to.as_str());
        list.push(&item);
    }
    let detail = Object::new();
    set(&detail, "counts", totals);
    set(&detail, "changes", list);
    detail
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
