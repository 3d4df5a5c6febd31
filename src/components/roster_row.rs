//! One person. Keyed by email with comparable props, so a row whose person did not
//! change is not re-rendered.

use presence_model::{ClientKind, Status};
use yew::prelude::*;

use crate::components::{client_icons, status_dot};

/// Props of [`RosterRow`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RosterRowProps {
    /// The presence key.
    pub email: AttrValue,
    /// The name to show (the email when no name is known).
    pub name: AttrValue,
    /// Their avatar, already checked to be http(s) or a site path.
    pub avatar_url: Option<AttrValue>,
    /// Their status.
    pub status: Status,
    /// The status in words, for screen readers.
    pub status_label: AttrValue,
    /// Client names, for `data-clients`.
    pub clients: AttrValue,
    /// Client kinds with their labels, for icons; `None` hides the icon column.
    pub kinds: Option<Vec<(ClientKind, &'static str)>>,
    /// "Active now", "Active 5 minutes ago"…, shown on hover.
    pub title: AttrValue,
    /// (position, list size) when the list is windowed, for screen readers.
    #[prop_or_default]
    pub position: Option<(usize, usize)>,
}

/// A row: status dot, avatar, name, client icons; hovering says when they were active.
#[function_component(RosterRow)]
pub fn roster_row(props: &RosterRowProps) -> Html {
    // An avatar that fails to load (blocked, gone) becomes the plain placeholder rather
    // than a broken-image icon.
    let broken = use_state_eq(|| false);
    let onerror = {
        let broken = broken.clone();
        Callback::from(move |_: Event| broken.set(true))
    };
    let avatar = props.avatar_url.as_ref().filter(|_| !*broken);
    html! {
        <li
            part="row"
            class={classes!("roster-row", props.status.as_str())}
            data-email={props.email.clone()}
            data-status={props.status.as_str()}
            data-clients={props.clients.clone()}
            title={props.title.clone()}
            aria-posinset={props.position.map(|(i, _)| i.to_string())}
            aria-setsize={props.position.map(|(_, n)| n.to_string())}
        >
            { status_dot::view(props.status, props.status_label.clone()) }
            if let Some(url) = avatar {
                <img class="avatar" src={url.clone()} alt="" width="20" height="20" loading="lazy" referrerpolicy="no-referrer" {onerror} />
            } else {
                <span class="avatar none" aria-hidden="true"></span>
            }
            <span part="name" class="name" title={props.name.clone()}>{ props.name.clone() }</span>
            if let Some(kinds) = &props.kinds {
                { client_icons::view(kinds) }
            }
        </li>
    }
}
