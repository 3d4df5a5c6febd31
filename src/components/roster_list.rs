//! The list of people matching the search, and what was left out.

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
) -> Html {
    let rows = roster.rows(query, config.show_offline, config.max_rows);
    let show_icons = !roster.all_website();
    let searching = !query.trim().is_empty();
    html! {
        <>
            <ul class="roster-list" aria-label="People">
                { for rows.people.iter().map(|person| html! {
                    <RosterRow
                        key={person.email.clone()}
                        email={AttrValue::from(person.email.clone())}
                        name={AttrValue::from(person.display_name().to_owned())}
                        avatar_url={person.avatar_url.clone().map(AttrValue::from)}
                        status={person.status}
                        clients={AttrValue::from(person.clients.join(" "))}
                        kinds={show_icons.then(|| person.client_kinds())}
                        last_active={person.last_active(server_now, utc_offset_secs)}
                    />
                }) }
            </ul>
            if rows.people.is_empty() {
                <p class="roster-none">{ if searching { "No matching users." } else { "No active users." } }</p>
            }
            if rows.hidden_offline > 0 {
                <p class="roster-more">{
                    if config.show_offline == ShowOffline::Auto && !config.compact {
                        format!("{} offline not listed; search to find them.", rows.hidden_offline)
                    } else {
                        format!("{} offline not listed.", rows.hidden_offline)
                    }
                }</p>
            }
            if rows.cut > 0 {
                <p class="roster-more">{ format!("{} more not listed.", rows.cut) }</p>
            }
        </>
    }
}
