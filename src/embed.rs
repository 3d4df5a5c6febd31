//! The page-facing entry points: `mount(element, options)`, the pieces the
//! `<zulip-roster>` element and auto-mount use, the standalone page, and the panic
//! fallback. Thin: options become pairs, pairs become a `Config` in `presence-model`.

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use presence_model::domain::{check_option_name, DEFAULT_STANDALONE_PROXY, OPTION_NAMES};
use presence_model::{Config, ConfigError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode, UrlSearchParams,
};
use yew::AppHandle;

use crate::components::zulip_roster::{ZulipRoster, ZulipRosterProps};
use crate::runtime::control::RosterControl;

const STYLES: &str = include_str!("../static/roster.css");
const FALLBACK: &str = "<p part=\"banner\" role=\"alert\" style=\"margin:0;padding:6px 8px;font:14px system-ui,sans-serif\">Who's online is unavailable right now.</p><slot></slot>";

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    static MOUNTED: RefCell<Vec<ShadowRoot>> = const { RefCell::new(Vec::new()) };
}

/// A mounted roster, as the page holds it.
#[wasm_bindgen]
pub struct RosterHandle {
    app: Option<AppHandle<ZulipRoster>>,
    host: Element,
    shadow: ShadowRoot,
    control: RosterControl,
    strict: bool,
}

#[wasm_bindgen]
impl RosterHandle {
    /// Applies new options at once. With the JS API, a wrong option throws and the
    /// roster keeps its old options.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        let config = config_from(&options, self.strict);
        if self.strict {
            if let Err(error) = &config {
                return Err(JsError::new(&error.to_string()));
            }
        }
        if let Some(app) = self.app.as_mut() {
            app.update(ZulipRosterProps {
                host: self.host.clone(),
                config,
                control: self.control.clone(),
            });
        }
        Ok(())
    }

    /// Polls now; during a request, once more as soon as it answers.
    pub fn refresh(&self) {
        self.control.refresh();
    }

    /// Stops polling and timers, aborts the request in flight, empties the shadow root.
    /// Calling it twice is harmless.
    pub fn destroy(&mut self) {
        // At once: yew tears the component down in a later microtask, and a refresh()
        // in between must not start a request.
        self.control.set(None);
        if let Some(app) = self.app.take() {
            app.destroy();
            self.shadow.set_inner_html("<slot></slot>");
            let shadow = self.shadow.clone();
            MOUNTED.with(|m| m.borrow_mut().retain(|s| s != &shadow));
        }
    }
}

/// Turns an options object into `(attribute name, value)` pairs. `strict`: camelCase
/// names, unknown ones rejected (the JS API); otherwise attribute names as given.
fn pairs_from(options: &JsValue, strict: bool) -> Result<Vec<(String, String)>, ConfigError> {
    let mut pairs = Vec::new();
    if options.is_undefined() || options.is_null() {
        return Ok(pairs);
    }
    let Some(object) = options.dyn_ref::<Object>() else {
        return Err(ConfigError {
            option: "options".into(),
            value: None,
            expected: "an object such as { proxy: \"/zulip/api/v1\" }".into(),
        });
    };
    for key in Object::keys(object).iter() {
        let Some(key) = key.as_string() else { continue };
        let name = if strict {
            check_option_name(&key)?
        } else {
            key.clone()
        };
        let value = Reflect::get(object, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
        let text = if let Some(s) = value.as_string() {
            s
        } else if let Some(n) = value.as_f64() {
            n.to_string()
        } else if let Some(b) = value.as_bool() {
            b.to_string()
        } else if value.is_undefined() || value.is_null() {
            continue;
        } else {
            return Err(ConfigError {
                option: key,
                value: None,
                expected: "a string, number or boolean".into(),
            });
        };
        pairs.push((name, text));
    }
    Ok(pairs)
}

fn config_from(options: &JsValue, strict: bool) -> Result<Config, ConfigError> {
    config_of(&pairs_from(options, strict)?, None)
}

fn config_of(
    pairs: &[(String, String)],
    default_proxy: Option<&str>,
) -> Result<Config, ConfigError> {
    Config::from_pairs(
        pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        default_proxy,
    )
}

fn shadow_of(element: &Element) -> Result<ShadowRoot, JsError> {
    if let Some(shadow) = element.shadow_root() {
        return Ok(shadow);
    }
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    element
        .attach_shadow(&init)
        .map_err(|_| JsError::new("zulip-roster cannot attach a shadow root to this element; mount it on a <div> or <zulip-roster>."))
}

fn adopt_styles(shadow: &ShadowRoot) {
    let sheet = SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = CssStyleSheet::new().ok().inspect(|sheet| {
                let _ = sheet.replace_sync(STYLES);
            });
        }
        cell.clone()
    });
    match sheet {
        Some(sheet) => shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet)),
        // A browser without constructable stylesheets: a roster without its styles
        // still works and reads, so say so rather than stop.
        None => web_sys::console::warn_1(
            &"zulip-roster: this browser cannot share a stylesheet with the widget; it is shown unstyled".into(),
        ),
    }
}

fn mount_with(
    element: Element,
    config: Result<Config, ConfigError>,
    strict: bool,
) -> Result<RosterHandle, JsError> {
    install_panic_fallback();
    let shadow = shadow_of(&element)?;
    adopt_styles(&shadow);
    shadow.set_inner_html("");
    let document = element
        .owner_document()
        .ok_or_else(|| JsError::new("the element is not in a document"))?;
    let root = document
        .create_element("div")
        .map_err(|_| JsError::new("cannot create an element"))?;
    shadow
        .append_child(&root)
        .map_err(|_| JsError::new("cannot fill the shadow root"))?;
    let control = RosterControl::default();
    let props = ZulipRosterProps {
        host: element.clone(),
        config,
        control: control.clone(),
    };
    let app = yew::Renderer::<ZulipRoster>::with_root_and_props(root, props).render();
    MOUNTED.with(|m| m.borrow_mut().push(shadow.clone()));
    Ok(RosterHandle {
        app: Some(app),
        host: element,
        shadow,
        control,
        strict,
    })
}

/// Mounts a roster on `element` (in an open shadow root) with `options` in camelCase
/// (`{ proxy: "/zulip/api/v1", refresh: 30, offlineThreshold: 200 }`). Wrong options throw.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<RosterHandle, JsError> {
    let config = config_from(&options, true).map_err(|e| JsError::new(&e.to_string()))?;
    mount_with(element, Ok(config), true)
}

/// [`mount`] for a call made before the wasm had loaded (the page's script ran on): the
/// same camelCase options, but a wrong one is shown in the widget and fired as
/// `roster-error`, as for the element, since nobody is left to catch a throw.
#[wasm_bindgen(js_name = mountReporting)]
pub fn mount_reporting(element: Element, options: JsValue) -> Result<RosterHandle, JsError> {
    mount_with(element, config_from(&options, true), true)
}

/// For `<zulip-roster>` and `[data-zulip-roster]`: options as attribute-named pairs in an
/// object. A wrong option is shown in the widget and fired as `roster-error`, not thrown.
pub fn mount_attributes(element: Element, attributes: JsValue) -> Result<RosterHandle, JsError> {
    mount_with(element, config_from(&attributes, false), false)
}

#[wasm_bindgen(module = "/src/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineRosterElement)]
    fn define_roster_element(mount: &js_sys::Function, names: &js_sys::Array);
    #[wasm_bindgen(js_name = autoMount)]
    fn auto_mount(mount: &js_sys::Function, names: &js_sys::Array);
}

/// Defines `<zulip-roster>` and mounts `[data-zulip-roster]` elements (once per page).
pub fn define_and_auto_mount() {
    thread_local! { static MOUNT: js_sys::Function = {
        let closure = Closure::<dyn Fn(Element, JsValue) -> JsValue>::new(|element: Element, attributes: JsValue| {
            match mount_attributes(element, attributes) {
                Ok(handle) => JsValue::from(handle),
                Err(error) => {
                    web_sys::console::error_1(&JsValue::from(error));
                    JsValue::NULL
                }
            }
        });
        closure.into_js_value().unchecked_into()
    }; }
    let names: js_sys::Array = OPTION_NAMES.iter().map(|n| JsValue::from_str(n)).collect();
    MOUNT.with(|mount| {
        define_roster_element(mount, &names);
        auto_mount(mount, &names);
    });
}

/// The standalone page's options, from its query string (`?proxy=/api/v1&theme=dark`).
pub fn config_from_query(query: &str) -> Result<Config, ConfigError> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Ok(params) = UrlSearchParams::new_with_str(query) {
        for name in OPTION_NAMES {
            if let Some(value) = params.get(name) {
                pairs.push((name.to_owned(), value));
            }
        }
    }
    config_of(&pairs, Some(DEFAULT_STANDALONE_PROXY))
}

/// Runs when the module loads: defines `<zulip-roster>`, mounts `[data-zulip-roster]`
/// elements, and mounts the standalone page's roster if this is that page.
#[wasm_bindgen(start)]
pub fn start() {
    install_panic_fallback();
    define_and_auto_mount();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(host)) = document.query_selector("[data-zulip-roster-standalone]") else {
        return;
    };
    let query = document
        .location()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    if let Ok(handle) = mount_with(host, config_from_query(&query), false) {
        // The standalone page lives as long as the page.
        std::mem::forget(handle);
    }
}

/// A panic anywhere replaces every mounted roster with a short message (and the page's
/// own fallback content, through the slot), logs the panic, and leaves the page alone.
fn install_panic_fallback() {
    thread_local! { static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) }; }
    if std::thread::panicking() || INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    // Chained, so whatever reported panics before (a test harness, a console hook) still does.
    let previous = std::panic::take_hook();
    // Through yew, so its renderer does not replace this hook with its own.
    yew::set_custom_panic_hook(Box::new(move |info| {
        // try_with/try_borrow: the panic may have happened while these were in use.
        let _ = MOUNTED.try_with(|mounted| {
            if let Ok(mounted) = mounted.try_borrow() {
                for shadow in mounted.iter() {
                    shadow.set_inner_html(FALLBACK);
                    if let Some(host) = shadow.host().dyn_ref::<Element>() {
                        let _ = host.set_attribute("data-state", "error");
                    }
                }
            }
        });
        web_sys::console::error_1(&format!("zulip-roster stopped: {info}").into());
        previous(info);
    }));
}

/// Panics inside a timer callback, as a bug would: for the fallback's browser test
/// (feature `testing`; never in the shipped build).
#[cfg(feature = "testing")]
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
#[allow(clippy::panic)] // the one deliberate panic: the fallback's test needs a real one
pub fn panic_for_tests() {
    gloo_timers::callback::Timeout::new(0, || panic!("a test asked for a panic")).forget();
}
