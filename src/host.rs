//! The widget's outside: `data-*` hooks on the element it is mounted on, and the
//! `roster-error` event, for page authors' scripts and CSS and for tests.

use js_sys::{Object, Reflect};
use presence_model::{Counts, LiveState};
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
        let numbers = self
            .counts
            .map(|c| [c.active, c.idle, c.offline, c.total()]);
        for (i, name) in ["data-active", "data-idle", "data-offline", "data-total"]
            .iter()
            .enumerate()
        {
            let _ = match numbers {
                Some(n) => host.set_attribute(name, &n[i].to_string()),
                None => host.remove_attribute(name),
            };
        }
    }
}

/// Fires `roster-error` on `host`, with `detail = { cause, message }`. It bubbles and
/// crosses shadow roots, so a listener on the document hears every widget.
pub fn dispatch_error(host: &Element, cause: &str, message: &str) {
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"cause".into(), &JsValue::from_str(cause));
    let _ = Reflect::set(&detail, &"message".into(), &JsValue::from_str(message));
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict("roster-error", &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The viewer's offset from UTC in seconds east, for calendar days in "last active".
pub fn utc_offset_secs() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32) * 60
}
