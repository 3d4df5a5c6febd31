//! The widget as mounted on a page: the roster, or a clear message when its options are
//! wrong (never a blank box).

use presence_model::{Config, ConfigError};
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;
use yew::prelude::*;

use crate::components::banner::{Banner, BannerKind};
use crate::components::roster::Roster;
use crate::hooks::use_live::RosterControl;
use crate::host::{dispatch_error, ErrorDetail, HostSummary};
use crate::services::Services;

/// Props of [`App`].
#[derive(Clone, PartialEq, Properties)]
pub struct AppProps {
    /// The element the widget is mounted on.
    pub host: Element,
    /// The options, or why they are wrong.
    pub config: Result<Config, ConfigError>,
    /// Lets the page ask for a refresh.
    #[prop_or_default]
    pub control: RosterControl,
    /// Browser services (fakes in tests).
    #[prop_or_else(Services::browser)]
    pub services: Services,
}

/// The mounted widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    {
        let host = props.host.clone();
        use_effect_with(props.config.clone(), move |config| {
            if let Err(error) = config {
                let detail = ErrorDetail {
                    cause: "config",
                    status: None,
                    code: None,
                    message: error.to_string(),
                };
                spawn_local(async move {
                    HostSummary {
                        state: "error",
                        counts: None,
                    }
                    .apply(&host);
                    dispatch_error(&host, &detail);
                });
            }
        });
    }
    match &props.config {
        Ok(config) => html! {
            <Roster config={config.clone()} host={props.host.clone()} control={props.control.clone()} services={props.services.clone()} />
        },
        Err(error) => html! {
            <section class="zulip-roster" aria-label="Who's online">
                <Banner kind={BannerKind::Error} text={error.to_string()} />
            </section>
        },
    }
}
