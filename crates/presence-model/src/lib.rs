//! Every rule of zulip-roster, in pure Rust.
//!
//! - [`wire`]: the JSON Zulip sends (`GET /realm/presence`, error bodies, `GET /users`),
//!   shared with the simulator so both sides speak the same shapes.
//! - [`parse`]: from bytes, with errors that name the user and field.
//! - [`status`]: active / idle / offline, exactly as Zulip's web app derives them.
//! - [`roster`]: join, sort, count, filter, compare.
//! - [`search`]: the search box, by Zulip's rules.
//! - [`client`]: client names grouped into icon kinds.
//! - [`config`]: the widget's options, validated.
//! - [`classify`]: what an HTTP answer means (which failure), and retry delays.
//! - [`team`]: team rosters (`group`, `channel`): where members come from.
//! - [`live`]: the live roster's state machine (loading, ready, empty, stale, error).
//! - [`i18n`]: the word tables (English, German) and `Intl`-shaped formatting.
//! - [`virtual_list`]: which rows of a long list are in the DOM (windowing).
//! - [`list_view`]: one ready-made view model per row.
//! - [`live_roster`]: the mounted widget as a reducer: events in, effects out.
//! - [`poll`]: when a shared feed asks the network.
//! - [`wording`]: every sentence ("Active 5 minutes ago", banners, failures, counts).
//!
//! Nothing here imports a browser crate, so all of it is tested natively.
#![warn(missing_docs)]

mod ageing;
pub mod classify;
pub mod client;
pub mod config;
pub mod i18n;
pub mod list_view;
pub mod live;
pub mod live_roster;
pub mod parse;
pub mod poll;
pub mod privacy;
pub mod roster;
pub mod search;
pub mod status;
pub mod team;
pub mod virtual_list;
pub mod wire;
pub mod wording;
mod words_file;

pub use classify::{
    classify_presence, classify_server_settings, classify_users, Answer, DownCause, Failure,
};
pub use client::ClientKind;
pub use config::{Config, ConfigError, Names, Palette, ShowOffline, Theme};
pub use live::{Live, LiveState, Snapshot};
pub use parse::{parse_error_body, parse_presence, parse_users, ParseError, Parsed, PresenceError};
pub use privacy::Privacy;
pub use roster::{
    default_name_order, default_ranking, ChangeTally, Counts, Directory, NameRanking, Person,
    Roster, RosterDiff, Rows, StatusChange,
};
pub use status::{PresenceTimes, Status, DEFAULT_OFFLINE_THRESHOLD_SECS};
pub use wire::{
    ClientEntries, ClientName, ClientPresence, ErrorBody, ErrorCode, Member, RealmPresence,
    ReportedStatus, ServerSettings, StreamIdResponse, SubscribersResponse, UserGroup,
    UserGroupsResponse, UserPresence, UsersResponse,
};
pub use wording::{
    announcement, compact_count, updated_ago, updated_ago_in, LastActive, EMPTY_MESSAGE,
};
