//! The rows to render: the roster filtered by search, offline people hidden, cut at `max-rows`.

use crate::domain::config::ShowOffline;
use crate::domain::person::Person;
use crate::domain::roster::Roster;
use crate::domain::search::Fold;
use crate::domain::search::Search;
use crate::domain::status::Status;

/// With [`ShowOffline::Auto`], offline people are hidden above this many people (unless
/// the viewer is searching), as in Zulip's buddy list.
pub const AUTO_HIDE_OFFLINE_ABOVE: usize = 600;

/// The rows to render, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows<'a> {
    /// The people to list, in roster order.
    pub people: Vec<&'a Person>,
    /// Matching offline people not listed because of the show-offline rule.
    pub hidden_offline: usize,
    /// Matching people not listed because of `max-rows`.
    pub cut: usize,
}

impl Roster {
    /// Who gets a row: those `search` finds (see [`Roster::filter`]), minus offline
    /// people when `show_offline` says so, at most `max_rows`.
    pub fn rows(
        &self,
        search: &Search,
        show_offline: ShowOffline,
        max_rows: Option<usize>,
        fold: Fold<'_>,
    ) -> Rows<'_> {
        let hide_offline = match show_offline {
            ShowOffline::All => false,
            ShowOffline::None => true,
            ShowOffline::Auto => self.people.len() > AUTO_HIDE_OFFLINE_ABOVE && search.is_empty(),
        };
        let mut people = Vec::new();
        let mut hidden_offline = 0;
        if hide_offline && search.is_empty() {
            // Everyone offline is hidden: count them, do not walk them (at 50,000 people
            // most of the roster, on every render).
            people.extend(
                self.in_status(Status::Active)
                    .chain(self.in_status(Status::Idle)),
            );
            hidden_offline = self.counts().offline;
        } else {
            for person in self.filter(search, fold) {
                if hide_offline && person.status == Status::Offline {
                    hidden_offline += 1;
                } else {
                    people.push(person);
                }
            }
        }
        let cut = match max_rows {
            Some(max) if people.len() > max => {
                let cut = people.len() - max;
                people.truncate(max);
                cut
            }
            _ => 0,
        };
        Rows {
            people,
            hidden_offline,
            cut,
        }
    }
}
