//! The roster widget: header, banner and rows, for each state of the live roster.

use presence_model::{Config, LiveState, Snapshot};
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;
use yew::prelude::*;

use crate::components::banner::{Banner, BannerKind};
use crate::components::roster_header::RosterHeader;
use crate::components::roster_list::{roster_list, ListView, Scroll};
use crate::hooks::use_live::{use_live, RosterControl};
use crate::host::{dispatch_error, resolve_lang, utc_offset_secs, ErrorDetail, HostSummary};
use crate::services::intl::Speech;
use crate::services::Services;

/// Props of [`Roster`].
#[derive(Clone, PartialEq, Properties)]
pub struct RosterProps {
    /// Validated options.
    pub config: Config,
    /// Browser services (fakes in tests).
    #[prop_or_else(Services::browser)]
    pub services: Services,
    /// The element the widget is mounted on, which gets the `data-*` hooks and the
    /// `roster-change` / `roster-error` events.
    #[prop_or_default]
    pub host: Option<Element>,
    /// How often statuses are re-derived from the clock (ms).
    #[prop_or(1000)]
    pub tick_ms: u32,
    /// Lets the page ask for a refresh.
    #[prop_or_default]
    pub control: RosterControl,
}

/// A live roster of a Zulip organization.
#[function_component(Roster)]
pub fn roster(props: &RosterProps) -> Html {
    let lang = resolve_lang(props.config.lang.as_deref(), props.host.as_ref());
    let speech = (*use_memo(lang, |tag| Speech::new(tag))).clone();
    let handle = use_live(
        &props.config,
        &props.services,
        props.tick_ms,
        props.host.clone(),
        props.control.clone(),
        speech.clone(),
    );
    let texts = speech.texts();
    let query = use_state(String::new);
    let scroll = use_state_eq(Scroll::default);
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |position: Scroll| scroll.set(position))
    };
    let onsearch = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };

    let live = handle.live.borrow();
    let state = live.state();
    let now_ms = props.services.clock.now_ms();

    // The hooks and the event go out in a microtask: an effect can run before the rows
    // (child components) of the same render are in the DOM, and a script that sees
    // data-state="ready" must find the rows.
    {
        let host = props.host.clone();
        use_effect_with(HostSummary::of(state), move |summary| {
            if let Some(host) = host {
                let summary = summary.clone();
                spawn_local(async move { summary.apply(&host) });
            }
        });
    }
    {
        let host = props.host.clone();
        let failure = state.failure().map(|f| ErrorDetail {
            cause: f.cause(),
            status: f.http_status(),
            code: f.zulip_code().map(str::to_owned),
            message: f.describe(texts),
        });
        use_effect_with(failure, move |failure| {
            if let (Some(host), Some(detail)) = (host, failure.clone()) {
                spawn_local(async move { dispatch_error(&host, &detail) });
            }
        });
    }

    let config = &props.config;
    let banner = state.banner_in(now_ms, texts);
    let people = |snapshot: &Snapshot| {
        if snapshot.presence.presences.is_empty() {
            return html! {};
        }
        let server_now = snapshot.server_now(now_ms);
        html! {
            <>
                <RosterHeader
                    summary={snapshot.roster.counts().summary_in(texts)}
                    search_label={texts.words.search}
                    query={AttrValue::from((*query).clone())}
                    onsearch={onsearch.clone()}
                    search={!config.compact}
                />
                { roster_list(ListView {
                    roster: &snapshot.roster,
                    server_now,
                    utc_offset_secs: utc_offset_secs(),
                    query: &query,
                    config,
                    texts,
                    scroll: *scroll,
                    onscroll: onscroll.clone(),
                }) }
            </>
        }
    };
    let body = match state {
        LiveState::Loading => html! {
            <p class="roster-loading">{ texts.words.loading }</p>
        },
        LiveState::Ready(snapshot) => people(snapshot),
        LiveState::Empty(_) => html! {
            <Banner kind={BannerKind::Info} text={banner.unwrap_or_default()} />
        },
        LiveState::Stale { last, .. } => html! {
            <>
                <Banner kind={BannerKind::Warning} text={banner.unwrap_or_default()} />
                if last.presence.presences.is_empty() {
                    <p class="roster-none">{ texts.words.empty }</p>
                }
                { people(last) }
            </>
        },
        LiveState::Failed { .. } => html! {
            <Banner kind={BannerKind::Error} text={banner.unwrap_or_default()} />
        },
    };

    html! {
        <section
            class={classes!("zulip-roster", config.compact.then_some("compact"))}
            data-theme={config.theme.as_str()}
            data-palette={config.palette.as_str()}
            aria-label={texts.words.region}
            lang={speech.lang.tag()}
            aria-busy={(state.name() == "loading").to_string()}
        >
            { body }
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ handle.announcement.borrow().clone() }</p>
        </section>
    }
}
