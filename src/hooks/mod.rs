//! Thin hooks over the model, and the driver they share.

pub mod live_driver;
pub mod roster_control;
pub mod use_live;
pub mod use_words;
