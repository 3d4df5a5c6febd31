//! zulip-roster: a live "who's online" roster for a Zulip organization, as a Yew widget.
//!
//! Every rule lives in `presence-model`; this crate only wires components, hooks and
//! browser services to it.
#![warn(missing_docs)]
// A panic in the browser is a dead widget on somebody's wall screen: code here handles
// every failure as a value. (Tests, in `tests/`, are separate crates and may unwrap.)
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

#[cfg(all(feature = "soak", target_arch = "wasm32"))]
pub mod alloc;
#[cfg(feature = "bench")]
pub mod bench;
pub mod components;
pub mod embed;
pub mod hooks;
pub mod host;
pub mod runtime;
pub mod services;

pub use components::zulip_roster::ZulipRoster;
