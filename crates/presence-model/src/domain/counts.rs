//! How many people are in each status.

/// How many people are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Active people.
    pub active: usize,
    /// Idle people.
    pub idle: usize,
    /// Offline people.
    pub offline: usize,
}

impl Counts {
    /// Everyone.
    pub fn total(&self) -> usize {
        self.active + self.idle + self.offline
    }
}
