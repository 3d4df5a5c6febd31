//! Client icons: which apps a person is on, each with a text label.

use presence_model::ClientKind;
use yew::prelude::*;

/// The icon for a kind: our own inline SVG from `static/icons/`, never network data.
fn svg(kind: ClientKind) -> &'static str {
    match kind {
        ClientKind::Web => include_str!("../../static/icons/web.svg"),
        ClientKind::Desktop => include_str!("../../static/icons/desktop.svg"),
        ClientKind::Mobile => include_str!("../../static/icons/mobile.svg"),
        ClientKind::Terminal => include_str!("../../static/icons/terminal.svg"),
        ClientKind::Api => include_str!("../../static/icons/api.svg"),
        ClientKind::Unknown => include_str!("../../static/icons/unknown.svg"),
    }
}

/// A small icon per kind of app, labelled for screen readers and on hover: markup, not a
/// component, for rows (see [`super::status_dot::view`] for why).
pub fn view(kinds: &[(ClientKind, &'static str)]) -> Html {
    html! {
        <span class="clients">
            { for kinds.iter().map(|&(kind, label)| html! {
                <span class="client-icon" data-kind={kind.slug()} title={label}>
                    { Html::from_html_unchecked(AttrValue::Static(svg(kind))) }
                    <span class="visually-hidden">{ label }</span>
                </span>
            }) }
        </span>
    }
}
