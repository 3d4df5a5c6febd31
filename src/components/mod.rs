//! One component a file.

pub mod banner;
pub mod client_icons;
pub mod roster_header;
pub mod roster_list;
pub mod roster_row;
pub mod status_dot;
pub mod zulip_roster;
