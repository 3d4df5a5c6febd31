//! Counts and changes in words: the header's counts, compact numbers, what a screen
//! reader hears, and the lines about who is not listed.

use super::locale::{fill, Locale};
use crate::domain::changes::{ChangeTally, StatusChange};
use crate::domain::counts::Counts;

impl Counts {
    /// "12 active · 3 idle · 80 offline", compact from 1,000 ("1.2K").
    pub fn summary(&self) -> String {
        self.summary_in(crate::words::english())
    }

    /// [`Counts::summary`] in the language of `locale`.
    pub fn summary_in(&self, locale: crate::words::Locale<'_>) -> String {
        let f = locale.formats;
        crate::words::fill(
            locale.words.counts,
            &[
                ("active", &f.compact(self.active)),
                ("idle", &f.compact(self.idle)),
                ("offline", &f.compact(self.offline)),
            ],
        )
    }
}

/// "2 people came online, 1 person went offline.": what a screen reader hears, at most
/// every 30 seconds, about the changes since it last heard. `None` when nothing is worth
/// saying.
pub fn announcement(changes: &[StatusChange], locale: crate::words::Locale<'_>) -> Option<String> {
    let mut tally = ChangeTally::default();
    tally.add(changes);
    tally.announcement(locale)
}

impl ChangeTally {
    /// The words for what was counted (see [`announcement`]).
    pub fn announcement(&self, locale: crate::words::Locale<'_>) -> Option<String> {
        let w = locale.words;
        let parts: Vec<String> = [
            (self.online, &w.came_online),
            (self.idle, &w.went_idle),
            (self.offline, &w.went_offline),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, forms)| locale.plural(forms, n))
        .collect();
        if parts.is_empty() {
            return None;
        }
        Some(format!("{}.", parts.join(", ")))
    }
}

/// "80 offline people not shown; search to find them." (`search_hint`: the search box is
/// there and would find them) or "80 offline people not shown.".
pub fn hidden_offline(n: usize, search_hint: bool, locale: Locale<'_>) -> String {
    let w = locale.words;
    let template = if search_hint {
        w.hidden_offline_search
    } else {
        w.hidden_offline
    };
    fill(template, &[("n", &locale.formats.compact(n))])
}

/// "12 more not listed." (`max-rows`).
pub fn not_listed(n: usize, locale: Locale<'_>) -> String {
    fill(locale.words.cut, &[("n", &locale.formats.compact(n))])
}
