//! The message area: why the roster is empty, stale or missing. Page authors and tests
//! find it by `part="banner"`.

use yew::prelude::*;

/// How urgent the message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    /// Information (an empty organization).
    Info,
    /// The roster shown is out of date.
    Warning,
    /// There is no roster to show.
    Error,
}

/// Props of [`Banner`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BannerProps {
    /// How urgent.
    pub kind: BannerKind,
    /// The words, shown as text (they may quote a server's message).
    pub text: AttrValue,
}

/// A message line; errors are announced at once, the rest politely.
#[function_component(Banner)]
pub fn banner(props: &BannerProps) -> Html {
    let (class, role) = match props.kind {
        BannerKind::Info => ("banner info", "status"),
        BannerKind::Warning => ("banner warning", "status"),
        BannerKind::Error => ("banner error", "alert"),
    };
    html! { <p part="banner" class={class} role={role}>{ props.text.clone() }</p> }
}
