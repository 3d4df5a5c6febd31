//! The list of people matching the search, and what was left out.

use presence_model::i18n::{fill, Texts};
use presence_model::window::{window, Window, WINDOW_ABOVE};
use presence_model::{Config, Roster, ShowOffline};
use web_sys::Element;
use yew::prelude::*;

use crate::components::roster_row::RosterRow;

/// Where the list is scrolled to, as the scroll container reports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scroll {
    /// `scrollTop` (px).
    pub top: f64,
    /// `clientHeight` (px) of the scroll container.
    pub viewport: f64,
}

impl Default for Scroll {
    fn default() -> Self {
        // Until the container reports, assume its default height (--zr-list-height).
        Scroll {
            top: 0.0,
            viewport: 420.0,
        }
    }
}

thread_local! {
    static WINDOWING: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Turns windowing off (benchmarks compare against rendering every row).
#[cfg(feature = "bench")]
pub fn set_windowing(on: bool) {
    WINDOWING.with(|w| w.set(on));
}

/// Row heights fixed by the stylesheet for windowed lists (`.windowed .roster-row`).
const ROW_HEIGHT: f64 = 26.0;
const ROW_HEIGHT_COMPACT: f64 = 22.0;

/// Everything `roster_list` needs from its caller.
pub struct ListView<'a> {
    /// Everyone.
    pub roster: &'a Roster,
    /// The server's clock now, for "last active".
    pub server_now: f64,
    /// The viewer's offset from UTC, seconds east.
    pub utc_offset_secs: i32,
    /// The search text.
    pub query: &'a str,
    /// The options.
    pub config: &'a Config,
    /// The words.
    pub texts: Texts<'a>,
    /// Where the list is scrolled to.
    pub scroll: Scroll,
    /// Called when the list scrolls.
    pub onscroll: Callback<Scroll>,
}

/// Renders the rows matching the search, with a line for whatever is not listed. Above
/// 200 rows only those in view (plus a buffer) are in the DOM, padded to the whole list's
/// height; `aria-setsize` / `aria-posinset` keep screen readers counting right. A view
/// function rather than a component: its input is borrowed from the live state, and the
/// keyed rows below it are what spares the DOM.
pub fn roster_list(view: ListView<'_>) -> Html {
    let ListView {
        roster,
        server_now,
        utc_offset_secs,
        query,
        config,
        texts,
        scroll,
        onscroll,
    } = view;
    let rows = roster.rows(query, config.show_offline, config.max_rows);
    let show_icons = !roster.all_website();
    let searching = !query.trim().is_empty();
    let w = texts.words;
    let count = |template: &str, n: usize| fill(template, &[("n", &texts.formats.compact(n))]);
    let total = rows.people.len();
    let row_height = if config.compact {
        ROW_HEIGHT_COMPACT
    } else {
        ROW_HEIGHT
    };
    let windowed = total > WINDOW_ABOVE && WINDOWING.with(|w| w.get());
    let win = if windowed {
        window(total, scroll.top, scroll.viewport, row_height)
    } else {
        Window {
            rows: 0..total,
            pad_top: 0.0,
            pad_bottom: 0.0,
        }
    };
    let onscroll = Callback::from(move |event: Event| {
        let target: Element = event.target_unchecked_into();
        onscroll.emit(Scroll {
            top: f64::from(target.scroll_top()),
            viewport: f64::from(target.client_height()),
        });
    });
    let list = html! {
        <ul
            class="roster-list"
            aria-label={w.people}
            style={windowed.then(|| format!("padding-top:{}px;padding-bottom:{}px", win.pad_top, win.pad_bottom))}
        >
            { for rows.people.get(win.rows.clone()).unwrap_or_default().iter().zip(win.rows.clone()).map(|(person, index)| html! {
                <RosterRow
                    key={person.email.clone()}
                    email={AttrValue::from(person.email.clone())}
                    name={AttrValue::from(person.display_name().to_owned())}
                    avatar_url={person.avatar_url.clone().map(AttrValue::from)}
                    status={person.status}
                    status_label={w.status(person.status)}
                    clients={AttrValue::from(person.clients.join(" "))}
                    kinds={show_icons.then(|| person.client_kinds().into_iter().map(|k| (k, w.client(k))).collect::<Vec<_>>())}
                    title={person.last_active(server_now, utc_offset_secs).describe(texts)}
                    position={windowed.then_some((index + 1, total))}
                />
            }) }
        </ul>
    };
    html! {
        <>
            if windowed {
                <div class="roster-scroll windowed" {onscroll}>{ list }</div>
            } else {
                { list }
            }
            if rows.people.is_empty() {
                <p class="roster-none">{ if searching { w.no_match } else { w.no_active } }</p>
            }
            if rows.hidden_offline > 0 {
                <p class="roster-more">{
                    if config.show_offline == ShowOffline::Auto && !config.compact {
                        count(w.hidden_offline_search, rows.hidden_offline)
                    } else {
                        count(w.hidden_offline, rows.hidden_offline)
                    }
                }</p>
            }
            if rows.cut > 0 {
                <p class="roster-more">{ count(w.cut, rows.cut) }</p>
            }
        </>
    }
}
