//! A status dot: shape and colour both carry the status, and the words are there for
//! screen readers.

use presence_model::Status;
use yew::prelude::*;

/// The dot's markup: filled (active), half-filled (idle) or hollow (offline), with
/// `label` visually hidden for screen readers. Markup, not a component: a row per person
/// renders one each, and at a thousand rows a component apiece (a scope, a scheduled
/// first render) is a measurable share of the first render (BENCHMARKS.md, M2).
pub fn view(status: Status, label: AttrValue) -> Html {
    html! {
        <span class="status" data-status={status.as_str()}>
            <span part="dot" class={classes!("status-dot", status.as_str())} aria-hidden="true"></span>
            <span class="visually-hidden">{ label }</span>
        </span>
    }
}
