//! The second layer: what the answers mean for a roster. Statuses and their ageing,
//! the directory of names, the roster itself (sorted, counted, filtered, compared),
//! search, teams, avatars and the widget's options. Numbers and types only: the words
//! layer above says them.

pub mod ageing;
pub mod avatar;
pub mod changes;
pub mod client;
pub mod config;
pub mod config_error;
pub mod counts;
pub mod directory;
pub mod last_active;
pub mod links;
pub mod person;
pub mod phase;
pub mod ranking;
pub mod roster;
pub mod rows;
pub mod search;
pub mod status;
pub mod team;

pub use avatar::*;
pub use changes::*;
pub use client::*;
pub use config::*;
pub use config_error::*;
pub use counts::*;
pub use directory::*;
pub use last_active::*;
pub use links::*;
pub use person::*;
pub use phase::*;
pub use ranking::*;
pub use roster::*;
pub use rows::*;
pub use search::*;
pub use status::*;
pub use team::*;
