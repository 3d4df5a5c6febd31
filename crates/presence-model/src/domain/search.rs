//! Search as Zulip's buddy list does it (`web/src/buddy_data.ts`, `filter_user_ids`;
//! `web/src/people.ts`, `build_person_matcher` and `build_termlet_matcher`):
//!
//! - the text is lowercased and split at `,` or `|` into alternatives; a person matches
//!   if any alternative does;
//! - an alternative matches when the email starts with it, or when every word typed
//!   (split at whitespace) is the start of a word of the full name (split at spaces);
//! - a typed word of plain ASCII letters ignores accents in the name (Zulip's
//!   `remove_diacritics`: NFKD, then every combining mark dropped), so "emi" finds
//!   "Émile"; a typed word with an accent or another script compares as typed.
//!
//! One divergence, on purpose: an empty alternative ("ada," while typing the next one)
//! is skipped. In Zulip's code it matches everyone, so the list would flash whole.
//!
//! Folding needs Unicode decomposition tables, which the browser already has
//! (`String.prototype.normalize`); the caller passes it in as a [`Fold`], so the wasm
//! does not carry a second copy of them.
//!
//! # Example
//!
//! ```
//! use presence_model::domain::{Search, SearchKey};
//!
//! let fold = |s: &str| s.replace('É', "E").replace('ë', "e");
//! let emile = SearchKey::new(Some("Émile Brontë"), "emile@zulip.example", &fold);
//! assert!(Search::new("emi").matches(&emile));
//! assert!(Search::new("ada, bron").matches(&emile));
//! assert!(!Search::new("mile").matches(&emile));
//! ```

/// Removes diacritics the way Zulip's `typeahead.remove_diacritics` does (NFKD, then
/// every combining mark dropped). In the browser, `normalize("NFKD")`.
pub type Fold<'a> = &'a dyn Fn(&str) -> String;

/// A fold that changes nothing, for callers without Unicode tables: plain-ASCII search
/// words then find only names written without accents.
pub fn no_fold(text: &str) -> String {
    text.to_owned()
}

/// What a person is searched by, made once per person.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchKey {
    email: String,
    words: Vec<String>,
    folded: Vec<String>,
}

impl SearchKey {
    /// The key for a person with `name` (if known) and `email`.
    pub fn new(name: Option<&str>, email: &str, fold: Fold<'_>) -> Self {
        let words = |text: &str| -> Vec<String> {
            text.to_lowercase()
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let (words, folded) = match name {
            Some(name) => (words(name), words(&fold(name))),
            None => (Vec::new(), Vec::new()),
        };
        SearchKey {
            email: email.to_lowercase(),
            words,
            folded,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Alternative {
    text: String,
    /// (typed word, whether it is plain ASCII letters and so ignores accents).
    termlets: Vec<(String, bool)>,
}

/// A parsed search text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    alternatives: Vec<Alternative>,
}

impl Search {
    /// Parses what was typed into the search box.
    pub fn new(query: &str) -> Self {
        let lower = query.to_lowercase();
        let alternatives = lower
            .split([',', '|'])
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(|text| Alternative {
                text: text.to_owned(),
                termlets: text
                    .split_whitespace()
                    .map(|t| (t.to_owned(), t.bytes().all(|b| b.is_ascii_lowercase())))
                    .collect(),
            })
            .collect();
        Search { alternatives }
    }

    /// Whether nothing was typed (everyone matches).
    pub fn is_empty(&self) -> bool {
        self.alternatives.is_empty()
    }

    /// Whether the person with `key` matches.
    pub fn matches(&self, key: &SearchKey) -> bool {
        self.is_empty()
            || self.alternatives.iter().any(|alt| {
                key.email.starts_with(&alt.text)
                    || alt.termlets.iter().all(|(termlet, ascii)| {
                        let words = if *ascii { &key.folded } else { &key.words };
                        words.iter().any(|w| w.starts_with(termlet.as_str()))
                    })
            })
    }
}
