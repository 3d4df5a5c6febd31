//! The fourth layer: the widget's state. A mounted widget is a reducer ([`Widget`]):
//! named events in, an ordered list of effects out; the roster's phases
//! ([`RosterMachine`]); when a shared feed asks the network ([`poll`]); and
//! every interval and retry delay.

mod draft;
pub mod effect;
pub mod event;
pub mod intervals;
pub mod machine;
pub mod poll;
pub mod retry;
mod team_gate;
pub mod widget;

pub use effect::*;
pub use event::*;
pub use intervals::*;
pub use machine::*;
pub use retry::*;
pub use widget::*;
