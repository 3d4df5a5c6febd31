//! The bottom layer: what Zulip (and the reference proxy) send, as serde types, read from
//! bytes, and classified into an answer or a [`Failure`].
//!
//! Shared with the simulator, which serialises the same types, so both sides speak the
//! same shapes. Nothing here knows about rosters, words or the widget's state.

pub mod classify;
pub mod error_body;
pub mod parse;
pub mod presence;
pub mod privacy;
pub mod server_settings;
pub mod teams;
pub mod users;

pub use classify::*;
pub use error_body::*;
pub use parse::*;
pub use presence::*;
pub use privacy::*;
pub use server_settings::*;
pub use teams::*;
pub use users::*;

/// `result` of a 200: defaulted so a proxy that strips it changes nothing.
pub(crate) fn success() -> String {
    "success".to_owned()
}
