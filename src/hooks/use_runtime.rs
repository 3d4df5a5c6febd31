//! `use_runtime`: a widget's [`Runtime`] as a hook. The roster's rules are the reducer in
//! `presence_model::state`; the runtime performs its effects; this hook only ties the
//! runtime's life to the component's and passes option changes, the clock and the page's
//! `refresh()` in.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use presence_model::state::Event;
use presence_model::{Config, ConfigError};
use web_sys::Element;
use yew::prelude::*;

use crate::runtime::control::RosterControl;
use crate::runtime::Runtime;
use crate::services::intl::BrowserLocale;

/// Runs the live roster of the widget on `host` with `config`, answering
/// `control.refresh()`, speaking `locale`. Only options that change what is polled
/// restart the feeds (the reducer decides).
#[hook]
pub fn use_runtime(
    host: &Element,
    config: &Result<Config, ConfigError>,
    control: &RosterControl,
    locale: BrowserLocale,
) -> Rc<Runtime> {
    let rerender = use_force_update();
    let runtime = {
        let (host, locale) = (host.clone(), locale.clone());
        (*use_memo((), move |_| Rc::new(Runtime::new(host, rerender, locale)))).clone()
    };
    {
        // After every render: the host's attributes and events that waited for it.
        let runtime = runtime.clone();
        use_effect(move || runtime.rendered());
    }
    {
        let runtime = runtime.clone();
        use_effect_with(config.clone(), move |config| {
            runtime.dispatch(Event::Options(config.clone()))
        });
    }
    {
        let runtime = runtime.clone();
        use_effect_with(locale, move |locale| {
            runtime.set_locale(locale.clone());
            let now_ms = runtime.services().clock.now_ms();
            runtime.dispatch(Event::Locale { now_ms });
        });
    }
    {
        let (runtime, control) = (runtime.clone(), control.clone());
        use_effect_with((), move |_| {
            let weak = Rc::downgrade(&runtime);
            control.set(Some(Rc::new(move || {
                if let Some(runtime) = weak.upgrade() {
                    runtime.dispatch(Event::Refresh);
                }
            })));
            let weak = Rc::downgrade(&runtime);
            let clock = runtime.services().clock.clone();
            let ticker = Interval::new(runtime.services().tick_ms, move || {
                if let Some(runtime) = weak.upgrade() {
                    runtime.dispatch(Event::Tick {
                        now_ms: clock.now_ms(),
                    });
                }
            });
            move || {
                control.set(None);
                drop(ticker);
                runtime.stop();
            }
        });
    }
    runtime
}
