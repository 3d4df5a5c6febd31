//! The deployment's privacy setting, as the reference proxy's answers state it
//! (`"zulip_roster_privacy"` beside Zulip's own fields). The proxy enforces it before
//! anything reaches a browser; the widget only says which mode it is in and, for counts,
//! shows the counts alone. Zulip never sends the field, so an answer without it is `full`.

use serde::{Deserialize, Serialize};

use crate::i18n::Words;

/// What the proxy lets browsers see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Privacy {
    /// Zulip's answers as they are (minus anyone on the opt-out list).
    #[default]
    Full,
    /// Every email replaced by an opaque id, the same in presence and in `/users`, and no
    /// Gravatar URLs (they are a hash of the email): names, but no addresses.
    NoEmails,
    /// Presence keyed by position, `/users` empty: how many are online, not who.
    Counts,
}

impl Privacy {
    /// The setting's name, as the proxy writes it (`data-privacy` on the host).
    pub fn as_str(self) -> &'static str {
        match self {
            Privacy::Full => "full",
            Privacy::NoEmails => "no-emails",
            Privacy::Counts => "counts",
        }
    }

    /// Whether this is [`Privacy::Full`] (for `skip_serializing_if`).
    pub fn is_full(&self) -> bool {
        *self == Privacy::Full
    }

    /// What the widget says about the mode, in `words`; nothing for full.
    pub fn note(self, words: &Words) -> Option<&'static str> {
        match self {
            Privacy::Full => None,
            Privacy::NoEmails => Some(words.privacy_no_emails),
            Privacy::Counts => Some(words.privacy_counts),
        }
    }

    /// Whether rows name people: in counts mode the entries' keys are positions, so no
    /// row, no search, and no "who changed" (the same key is someone else next poll).
    pub fn names_people(self) -> bool {
        self != Privacy::Counts
    }
}
