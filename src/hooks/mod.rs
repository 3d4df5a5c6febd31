//! Hooks.

pub mod use_live;
