//! Hooks: a widget's runtime, and the words it speaks.

pub mod use_runtime;
pub mod use_words;
