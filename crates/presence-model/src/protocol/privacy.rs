//! The deployment's privacy setting, as the reference proxy's answers state it
//! (`"zulip_roster_privacy"` beside Zulip's own fields). The proxy enforces it before
//! anything reaches a browser; the widget only says which mode it is in and, for counts,
//! shows the counts alone. Zulip never sends the field, so an answer without it is `full`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What the proxy lets browsers see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

    /// Whether rows name people: in counts mode the entries' keys are positions, so no
    /// row, no search, and no "who changed" (the same key is someone else next poll).
    pub fn names_people(self) -> bool {
        self != Privacy::Counts
    }
}

impl Serialize for Privacy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// By its name, through a borrowed `&str`: serde's derive for an enum brings its whole
/// variant machinery into the module for three words.
impl<'de> Deserialize<'de> for Privacy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        [Privacy::Full, Privacy::NoEmails, Privacy::Counts]
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| {
                serde::de::Error::invalid_value(
                    serde::de::Unexpected::Str(&name),
                    &"the proxy's privacy setting: full, no-emails or counts",
                )
            })
    }
}
