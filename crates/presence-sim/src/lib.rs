//! A simulated Zulip server for zulip-roster's demo and tests.
//!
//! It answers `GET /api/v1/realm/presence`, `GET /api/v1/users` and the team endpoints
//! (`/user_groups`, `/get_stream_id`, `/streams/{id}/members`) the way Zulip does
//! (HTTP Basic auth, Zulip's error bodies, both presence formats), serialising with
//! `presence-model`'s types, for an organization of people who come and go over time.
//! Tests can ask it to fail on purpose (`POST /_sim/fault`) and read request counts
//! (`GET /_sim/stats`).
#![warn(missing_docs)]

mod avatars;
pub mod deployment;
pub mod faults;
pub mod names;
pub mod org;
pub mod responses;
pub mod server;
pub mod teams;

pub use deployment::{AvatarForm, Deployment};
pub use faults::{FaultKind, FaultRequest};
pub use org::{Format, Org};
pub use server::{router, system_clock, Clock, ServerIdentity, SimConfig};
