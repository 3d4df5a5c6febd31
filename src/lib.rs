//! zulip-roster: a live "who's online" roster for a Zulip organization, as a Yew widget.
//!
//! Every rule lives in `presence-model`; this crate only wires components, hooks and
//! browser services to it.
#![warn(missing_docs)]

#[cfg(feature = "bench")]
pub mod bench;
pub mod components;
pub mod embed;
pub mod hooks;
pub mod host;
pub mod services;

pub use components::app::App;
pub use components::roster::Roster;
