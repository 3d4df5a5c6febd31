//! The standalone page (`trunk serve`, or an iframe): options from the query string.

use presence_model::config::DEFAULT_STANDALONE_PROXY;
use presence_model::{Config, ConfigError};
use web_sys::{Element, UrlSearchParams};
use yew::prelude::*;

use crate::components::banner::{Banner, BannerKind};
use crate::components::roster::Roster;
use crate::host::{dispatch_error, HostSummary};

/// Props of [`App`].
#[derive(Clone, PartialEq, Properties)]
pub struct AppProps {
    /// The element the page mounted the widget on.
    pub host: Element,
    /// The query string (`?proxy=/api/v1&refresh=30`).
    pub query: AttrValue,
}

/// Reads the options from `?…`; a wrong one is a message, never a blank page.
pub fn config_from_query(query: &str) -> Result<Config, ConfigError> {
    let params = UrlSearchParams::new_with_str(query).ok();
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(params) = params {
        for name in [
            "proxy",
            "refresh",
            "offline-threshold",
            "timeout",
            "names",
            "show-offline",
            "max-rows",
            "theme",
            "lang",
        ] {
            if let Some(value) = params.get(name) {
                pairs.push((name.to_owned(), value));
            }
        }
    }
    Config::from_pairs(
        pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        Some(DEFAULT_STANDALONE_PROXY),
    )
}

/// The standalone roster.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let config = use_memo(props.query.clone(), |query| config_from_query(query));
    {
        let host = props.host.clone();
        use_effect_with(config.clone(), move |config| {
            if let Err(error) = &**config {
                HostSummary {
                    state: "error",
                    counts: None,
                }
                .apply(&host);
                dispatch_error(&host, "config", &error.to_string());
            }
        });
    }
    match &*config {
        Ok(config) => html! { <Roster config={config.clone()} host={props.host.clone()} /> },
        Err(error) => html! {
            <section class="zulip-roster" aria-label="Who's online">
                <Banner kind={BannerKind::Error} text={error.to_string()} />
            </section>
        },
    }
}
