//! The list of people matching the search, and what was left out. It only loops: every
//! row arrives worded (`presence_model::view`).

use presence_model::view::ListInfo;
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

/// Whether long lists are windowed (always, but for benchmarks).
pub fn windowing() -> bool {
    WINDOWING.with(|w| w.get())
}

/// Turns windowing off (benchmarks compare against rendering every row).
#[cfg(feature = "bench")]
pub fn set_windowing(on: bool) {
    WINDOWING.with(|w| w.set(on));
}

/// Props of [`RosterList`].
#[derive(Clone, PartialEq, Properties)]
pub struct RosterListProps {
    /// The rows and lines to show.
    pub list: ListInfo,
    /// The list's accessible name ("People").
    pub people_label: AttrValue,
    /// Called when a windowed list scrolls.
    pub onscroll: Callback<Scroll>,
}

/// The rows, keyed by email so a row whose person did not change is not re-rendered;
/// a windowed list sits in a scroll box, padded to the whole list's height.
#[function_component(RosterList)]
pub fn roster_list(props: &RosterListProps) -> Html {
    let list = &props.list;
    let onscroll = {
        let onscroll = props.onscroll.clone();
        Callback::from(move |event: Event| {
            let target: Element = event.target_unchecked_into();
            onscroll.emit(Scroll {
                top: f64::from(target.scroll_top()),
                viewport: f64::from(target.client_height()),
            });
        })
    };
    let padding = list.windowed.then(|| {
        format!(
            "padding-top:{}px;padding-bottom:{}px",
            list.pad_top, list.pad_bottom
        )
    });
    let rows = html! {
        <ul class="roster-list" aria-label={props.people_label.clone()} style={padding}>
            { for list.rows.iter().map(|row| html! {
                <RosterRow key={row.email.clone()} row={row.clone()} />
            }) }
        </ul>
    };
    html! {
        <>
            if list.windowed {
                <div class="roster-scroll windowed" {onscroll}>{ rows }</div>
            } else {
                { rows }
            }
            if let Some(none) = list.none {
                <p class="roster-none">{ none }</p>
            }
            { for list.notes.iter().map(|note| html! { <p class="roster-more">{ note.clone() }</p> }) }
        </>
    }
}
