//! The mounted widget: header, banner and rows for each state of the live roster, or a
//! clear message when its options are wrong (never a blank box).

use presence_model::view::{ListInfo, ListInput};
use presence_model::words::Lang;
use presence_model::{Config, ConfigError, Phase, Snapshot};
use web_sys::Element;
use yew::prelude::*;

use crate::components::banner::{Banner, BannerKind};
use crate::components::roster_header::RosterHeader;
use crate::components::roster_list::{RosterList, Scroll};
use crate::hooks::use_runtime::use_runtime;
use crate::hooks::use_words::use_words;
use crate::host::{resolve_lang, utc_offset_secs};
use crate::runtime::control::RosterControl;
use crate::services::intl::{remove_diacritics, BrowserLocale};

/// Props of [`ZulipRoster`].
#[derive(Clone, PartialEq, Properties)]
pub struct ZulipRosterProps {
    /// The element the widget is mounted on: it gets the `data-*` hooks and the
    /// `roster-change` / `roster-error` events.
    pub host: Element,
    /// The options, or why they are wrong.
    pub config: Result<Config, ConfigError>,
    /// Lets the page ask for a refresh.
    #[prop_or_default]
    pub control: RosterControl,
}

/// A live roster of a Zulip organization.
#[function_component(ZulipRoster)]
pub fn zulip_roster(props: &ZulipRosterProps) -> Html {
    let option = props.config.as_ref().ok().and_then(|c| c.lang.clone());
    let tag = resolve_lang(option.as_deref(), Some(&props.host));
    let (speaking, words) = use_words(Lang::from_tag(&tag));
    let locale = (*use_memo((tag, speaking), |(tag, speaking)| {
        BrowserLocale::new(tag, *speaking, words)
    }))
    .clone();
    let query = use_state(String::new);
    let scroll = use_state_eq(Scroll::default);
    let runtime = use_runtime(&props.host, &props.config, &props.control, locale.clone());
    let onsearch = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |position: Scroll| scroll.set(position))
    };

    let said = locale.locale();
    // Only a panic mid-update leaves the state borrowed; the panic fallback speaks then.
    let Ok(roster) = runtime.state.try_borrow() else {
        return html! {};
    };
    let config = match roster.config() {
        Some(Ok(config)) => config,
        Some(Err(error)) => {
            return html! {
                <div class="zulip-roster" role="group" aria-label={locale.words.region}>
                    <Banner kind={BannerKind::Error} text={error.to_string()} />
                </div>
            }
        }
        None => return html! {},
    };
    let state = roster.live().state();
    let now_ms = runtime.services().clock.now_ms();
    let banner = state.banner_in(now_ms, said);
    let people = |snapshot: &Snapshot| {
        if snapshot.lists_nobody() {
            return html! {};
        }
        let privacy = snapshot.presence.zulip_roster_privacy;
        // Counts only: the entries are positions, not people, so no rows.
        let list = privacy.names_people().then(|| {
            ListInfo::of(ListInput {
                roster: &snapshot.roster,
                query: &query,
                config,
                locale: said,
                server_now: snapshot.server_now(now_ms),
                utc_offset_secs: utc_offset_secs(),
                scroll_top: scroll.top,
                viewport: scroll.viewport,
                windowing: crate::components::roster_list::windowing(),
                fold: &remove_diacritics,
                org: roster.org_link(),
            })
        });
        html! {
            <>
                <RosterHeader
                    summary={snapshot.roster.counts().summary_in(said)}
                    search_label={locale.words.search}
                    query={AttrValue::from((*query).clone())}
                    onsearch={onsearch.clone()}
                    search={!config.compact && privacy.names_people()}
                    privacy_note={locale.words.privacy_note(privacy).map(AttrValue::Static)}
                    org={roster.org_link().map(|url| (AttrValue::from(url.to_owned()), AttrValue::Static(locale.words.open_zulip)))}
                />
                if let Some(list) = list {
                    <RosterList {list} people_label={locale.words.people} onscroll={onscroll.clone()} />
                }
            </>
        }
    };
    let body = match state {
        Phase::Loading => html! {
            <p class="roster-loading">{ locale.words.loading }</p>
        },
        Phase::Ready(snapshot) => people(snapshot),
        Phase::Empty(_) => html! {
            <Banner kind={BannerKind::Info} text={banner.unwrap_or_default()} />
        },
        Phase::Stale { last, .. } => html! {
            <>
                <Banner kind={BannerKind::Warning} text={banner.unwrap_or_default()} />
                if last.lists_nobody() {
                    <p class="roster-none">{ locale.words.empty }</p>
                }
                { people(last) }
            </>
        },
        Phase::Failed { .. } => html! {
            <Banner kind={BannerKind::Error} text={banner.unwrap_or_default()} />
        },
    };

    // A group, not a landmark: several widgets on one page would be landmarks with one
    // name (axe's landmark-unique), and a roster is part of the page around it.
    html! {
        <div
            class={classes!("zulip-roster", config.compact.then_some("compact"))}
            role="group"
            data-theme={config.theme.as_str()}
            data-palette={config.palette.as_str()}
            aria-label={locale.words.region}
            lang={locale.lang.tag()}
            // Arabic turns the roster; other languages keep the page's direction, so a
            // `dir="rtl"` page mirrors them too (the styles are logical: start, end).
            dir={locale.lang.rtl().then_some("rtl")}
            aria-busy={(state.name() == "loading").to_string()}
        >
            { body }
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ runtime.announcement() }</p>
        </div>
    }
}
