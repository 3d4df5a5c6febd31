//! The list of people matching the search, and what was left out.

use presence_model::i18n::{fill, Texts};
use presence_model::{Config, Roster, ShowOffline};
use yew::prelude::*;

use crate::components::roster_row::RosterRow;

/// Renders the rows matching `query`, with a line for whatever is not listed. A view
/// function rather than a component: its input is borrowed from the live state, and the
/// keyed rows below it are what spares the DOM.
pub fn roster_list(
    roster: &Roster,
    server_now: f64,
    utc_offset_secs: i32,
    query: &str,
    config: &Config,
    texts: Texts<'_>,
) -> Html {
    let rows = roster.rows(query, config.show_offline, config.max_rows);
    let show_icons = !roster.all_website();
    let searching = !query.trim().is_empty();
    let w = texts.words;
    let count = |template: &str, n: usize| fill(template, &[("n", &texts.formats.compact(n))]);
    html! {
        <>
            <ul class="roster-list" aria-label={w.people}>
                { for rows.people.iter().map(|person| html! {
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
                    />
                }) }
            </ul>
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
