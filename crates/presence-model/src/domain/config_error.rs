//! An option that could not be used.

/// An option that could not be used, with what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The option's name as the user wrote it (`refresh`).
    pub option: String,
    /// The value given, if any.
    pub value: Option<String>,
    /// What would be right.
    pub expected: String,
}

impl std::error::Error for ConfigError {}
