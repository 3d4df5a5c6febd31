//! Reading a language's words file (`lang/ja.json`) into [`Words`]: a map of the words'
//! keys, strings borrowed from the file's text. Hand-written visitors rather than serde's
//! derive, which unrolled all of the words' fields into a 20 kB function every viewer
//! would download.

use crate::i18n::{Plural, PluralCategory, Words, EN};

impl Words {
    /// The words in a words file (`lang/ja.json`), borrowing from its text. Every string
    /// is plain JSON without escapes (`\"`, `\n`): the `languages` test reads every file
    /// through here.
    pub fn from_json(text: &'static str) -> Result<Words, String> {
        // From bytes, as every other answer is read: one JSON reader in the module.
        serde_json::from_slice(text.as_bytes()).map_err(|e| e.to_string())
    }
}

/// Where a words file's value goes in [`Words`].
enum Slot {
    Text(fn(&mut Words) -> &mut &'static str),
    List(fn(&mut Words) -> &mut [&'static str]),
    Plural(fn(&mut Words) -> &mut Plural),
}

macro_rules! slots {
    ($($kind:ident $field:ident),* $(,)?) => {
        [$((stringify!($field), Slot::$kind(|words| &mut words.$field))),*]
    };
}

/// Every field of [`Words`] by its key in a words file, walked by one loop. (The
/// `languages` test checks that every file's every key lands here.)
static SLOTS: [(&str, Slot); 49] = slots![
    List statuses,
    Text counts,
    Text search,
    Text people,
    Text region,
    Text loading,
    Text no_match,
    Text no_active,
    Text hidden_offline_search,
    Text hidden_offline,
    Text cut,
    Text empty,
    Text active_now,
    Text active_minutes_ago,
    Text active_an_hour_ago,
    Text active_hours_ago,
    Text active_yesterday,
    Text active_days_ago,
    Text active_on,
    Text not_recently,
    Text guest,
    Text just_now,
    Text stale,
    Text stale_rate_limited,
    Text failed,
    Text wrong_url_page,
    Text wrong_url_status,
    Text refused,
    Text refused_user_deactivated,
    Text refused_realm_deactivated,
    Text rate_limited,
    Text down_status,
    Text down_network,
    Text down_timeout,
    Text rejected,
    Text malformed,
    Text too_large,
    Text no_such_group,
    Text no_such_channel,
    Text groups_refused,
    Text teams_hidden,
    Text privacy_failed,
    Text privacy_no_emails,
    Text privacy_counts,
    Text local_time,
    Plural came_online,
    Plural went_idle,
    Plural went_offline,
    List clients
];

impl<'de: 'static> serde::Deserialize<'de> for Words {
    /// English's words, with each key the file has in its place: a key missing from a
    /// file stays English, a key the widget does not know is skipped.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct File;
        impl<'de: 'static> serde::de::Visitor<'de> for File {
            type Value = Words;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of words")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Words, A::Error> {
                let mut words = EN;
                while let Some(key) = map.next_key::<&'de str>()? {
                    match SLOTS.iter().find(|(name, _)| *name == key) {
                        Some((_, Slot::Text(at))) => *at(&mut words) = map.next_value()?,
                        Some((_, Slot::Plural(at))) => *at(&mut words) = map.next_value()?,
                        Some((_, Slot::List(at))) => {
                            let list: Vec<&'static str> = map.next_value()?;
                            let slot = at(&mut words);
                            if list.len() != slot.len() {
                                return Err(serde::de::Error::invalid_length(list.len(), &key));
                            }
                            slot.copy_from_slice(&list);
                        }
                        None => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(words)
            }
        }
        deserializer.deserialize_map(File)
    }
}

impl<'de: 'static> serde::Deserialize<'de> for Plural {
    /// By category name, as [`Words`] is read (serde's derive cost the module more than
    /// this loop); a category CLDR does not have is refused, and `other` is required.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Forms;
        impl<'de: 'static> serde::de::Visitor<'de> for Forms {
            type Value = Plural;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of plural forms")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Plural, A::Error> {
                let mut forms = [None; 6];
                while let Some(category) = map.next_key::<&'de str>()? {
                    let names = &PluralCategory::NAMES;
                    let Some(at) = names.iter().position(|c| *c == category) else {
                        return Err(serde::de::Error::unknown_field(category, names));
                    };
                    forms[at] = Some(map.next_value()?);
                }
                let [zero, one, two, few, many, other] = forms;
                Ok(Plural {
                    zero,
                    one,
                    two,
                    few,
                    many,
                    other: other.ok_or_else(|| serde::de::Error::missing_field("other"))?,
                })
            }
        }
        deserializer.deserialize_map(Forms)
    }
}
