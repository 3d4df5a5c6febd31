//! The widget's root. Until the live roster lands (issue 3) it shows the legend only.

use presence_model::Status;
use yew::prelude::*;

use crate::components::status_dot::StatusDot;

/// The widget's root component.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <section class="zulip-roster" aria-labelledby="zulip-roster-title" data-state="placeholder">
            <h2 id="zulip-roster-title">{ "Who's online" }</h2>
            <ul class="legend" aria-label="Status legend">
                { for [Status::Active, Status::Idle, Status::Offline].into_iter().map(|status| html! {
                    <li><StatusDot {status} /><span aria-hidden="true">{ status.label() }</span></li>
                }) }
            </ul>
            <p part="banner">{ "The live roster is not wired up yet." }</p>
        </section>
    }
}
