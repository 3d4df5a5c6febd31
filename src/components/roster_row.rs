//! One person, drawn from its ready-made view model.

use presence_model::view::RowInfo;
use yew::prelude::*;

use crate::components::{client_icons, status_dot};

/// Props of [`RosterRow`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RosterRowProps {
    /// Everything the row shows, worded.
    pub row: RowInfo,
}

/// A row: status dot, avatar, name, client icons; hovering says when they were active.
#[function_component(RosterRow)]
pub fn roster_row(props: &RosterRowProps) -> Html {
    // An avatar that fails to load (blocked, gone) becomes the person's initials rather
    // than a broken-image icon. The failed URL is kept, not a flag: rows are keyed by
    // email, so a new avatar for the same person gets its own chance to load.
    let broken = use_state_eq(|| None::<String>);
    let row = &props.row;
    let onerror = {
        let (broken, url) = (broken.clone(), row.avatar_url.clone());
        Callback::from(move |_: Event| broken.set(url.clone()))
    };
    let avatar = row
        .avatar_url
        .as_ref()
        .filter(|url| broken.as_ref() != Some(*url));
    html! {
        <li
            part="row"
            class={classes!("roster-row", row.status.as_str())}
            data-email={row.email.clone()}
            data-status={row.status.as_str()}
            data-clients={row.clients.clone()}
            title={row.title.clone()}
            aria-posinset={row.position.map(|(i, _)| i.to_string())}
            aria-setsize={row.position.map(|(_, n)| n.to_string())}
        >
            { status_dot::view(row.status, AttrValue::Static(row.status_label)) }
            if let Some(url) = avatar {
                <img class="avatar" src={url.clone()} alt="" width="20" height="20" loading="lazy" referrerpolicy="no-referrer" {onerror} />
            } else {
                <span class="avatar none" aria-hidden="true">{ row.initials.clone() }</span>
            }
            <span part="name" class="name" title={row.name.clone()}>
                // Isolated: a name in another script keeps its own direction, and its
                // neutral ends (", the Moor") do not flip to the roster's side.
                if let Some((href, says)) = &row.dm {
                    // The name itself is the link (one tab stop a row); a new tab keeps
                    // the roster's page, and the link says so to the eye and the ear.
                    <a part="dm-link" href={href.clone()} target="_blank" rel="noopener noreferrer" title={says.clone()} aria-label={says.clone()}><bdi>{ row.name.clone() }</bdi></a>
                } else {
                    <bdi>{ row.name.clone() }</bdi>
                }
                if let Some(guest) = row.guest {
                    {" "}<i class="guest">{ guest }</i>
                }
            </span>
            // Read after the name; the tooltip (`title`) says it to the eye.
            if let Some(time) = &row.local_time {
                <span class="visually-hidden local-time">{", "}{ time.clone() }</span>
            }
            if let Some(kinds) = &row.kinds {
                { client_icons::view(kinds) }
            }
        </li>
    }
}
