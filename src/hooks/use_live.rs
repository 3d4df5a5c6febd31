//! `use_live`: a widget's live roster as a hook. The roster's rules are the reducer in
//! `presence_model::state`; [`LiveDriver`] carries its effects out; this hook only
//! ties the driver's life to the component's and passes option changes in.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use presence_model::state::Event;
use presence_model::{Config, ConfigError};
use web_sys::Element;
use yew::prelude::*;

use crate::hooks::live_driver::LiveDriver;
use crate::hooks::roster_control::RosterControl;
use crate::services::intl::BrowserLocale;

/// Runs the live roster of the widget on `host` with `config`, answering
/// `control.refresh()`, speaking `locale`. Only options that change what is polled
/// restart the feeds (the reducer decides).
#[hook]
pub fn use_live(
    host: &Element,
    config: &Result<Config, ConfigError>,
    control: &RosterControl,
    locale: BrowserLocale,
) -> Rc<LiveDriver> {
    let rerender = use_force_update();
    let driver = {
        let (host, locale) = (host.clone(), locale.clone());
        (*use_memo((), move |_| {
            Rc::new(LiveDriver::new(host, rerender, locale))
        }))
        .clone()
    };
    {
        // After every render: the host's attributes and events that waited for it.
        let driver = driver.clone();
        use_effect(move || driver.rendered());
    }
    {
        let driver = driver.clone();
        use_effect_with(config.clone(), move |config| {
            driver.dispatch(Event::Options(config.clone()))
        });
    }
    {
        let driver = driver.clone();
        use_effect_with(locale, move |locale| {
            driver.set_locale(locale.clone());
            let now_ms = driver.services().clock.now_ms();
            driver.dispatch(Event::Locale { now_ms });
        });
    }
    {
        let (driver, control) = (driver.clone(), control.clone());
        use_effect_with((), move |_| {
            let weak = Rc::downgrade(&driver);
            control.set(Some(Rc::new(move || {
                if let Some(driver) = weak.upgrade() {
                    driver.dispatch(Event::Refresh);
                }
            })));
            let weak = Rc::downgrade(&driver);
            let clock = driver.services().clock.clone();
            let ticker = Interval::new(driver.services().tick_ms, move || {
                if let Some(driver) = weak.upgrade() {
                    driver.dispatch(Event::Tick {
                        now_ms: clock.now_ms(),
                    });
                }
            });
            move || {
                control.set(None);
                drop(ticker);
                driver.stop();
            }
        });
    }
    driver
}
