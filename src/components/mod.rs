//! One component a file.

pub mod app;
pub mod status_dot;
