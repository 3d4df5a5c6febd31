//! Every rule of zulip-roster, in pure Rust, in five layers. Each imports only from the
//! layers below it (the `layers` test reads every `use crate::` path to keep it so):
//!
//! 1. [`protocol`]: what Zulip sends (serde types shared with the simulator), read from
//!    bytes and classified into an answer or a failure.
//! 2. [`domain`]: what it means: statuses and their ageing, the directory, the roster,
//!    search, teams, avatars, the widget's options.
//! 3. [`words`]: every string, declared once; languages, plurals, formats; the sentences
//!    made from the data.
//! 4. [`state`]: a mounted widget as a reducer, events in and effects out; polling.
//! 5. [`view`]: view models for the rows and the virtual list.
//!
//! Nothing here imports a browser crate, so all of it is tested natively.
#![warn(missing_docs)]

pub mod domain;
pub mod protocol;
pub mod state;
pub mod view;
pub mod words;

pub use domain::{
    default_name_order, default_ranking, ChangeTally, ClientKind, Config, ConfigError, Counts,
    Directory, LastActive, NameRanking, Names, Palette, Person, PresenceTimes, Roster, RosterDiff,
    Rows, ShowOffline, Status, StatusChange, Theme, DEFAULT_OFFLINE_THRESHOLD_SECS,
};
pub use domain::{Phase, Snapshot};
pub use protocol::{
    classify_presence, classify_server_settings, classify_users, parse_error_body, parse_presence,
    parse_users, Answer, ClientEntries, ClientName, ClientPresence, DownCause, ErrorBody,
    ErrorCode, Failure, Member, ParseError, Parsed, PresenceError, Privacy, RealmPresence,
    ReportedStatus, UserGroup, UserPresence, UsersResponse,
};
pub use state::RosterMachine;
pub use words::{announcement, compact_count, updated_ago, updated_ago_in, EMPTY_MESSAGE};
