//! A status dot: shape and colour both carry the status, and the words are there for
//! screen readers.

use presence_model::Status;
use yew::prelude::*;

/// Props of [`StatusDot`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StatusDotProps {
    /// Which status to show.
    pub status: Status,
    /// The words for it (English by default).
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// Filled (active), half-filled (idle) or hollow (offline), with visually hidden text.
#[function_component(StatusDot)]
pub fn status_dot(props: &StatusDotProps) -> Html {
    view(
        props.status,
        props
            .label
            .clone()
            .unwrap_or(AttrValue::Static(props.status.label())),
    )
}

/// The dot's markup without a component around it. A row per person renders one each,
/// and at a thousand rows a component apiece (a scope, a scheduled first render) is a
/// measurable share of the first render (BENCHMARKS.md, M2).
pub fn view(status: Status, label: AttrValue) -> Html {
    html! {
        <span class="status" data-status={status.as_str()}>
            <span part="dot" class={classes!("status-dot", status.as_str())} aria-hidden="true"></span>
            <span class="visually-hidden">{ label }</span>
        </span>
    }
}
