//! Reading a language's words file (`lang/ja.json`) into [`Words`]: a map of the words'
//! keys, strings borrowed from the file's text. Hand-written visitors rather than serde's
//! derive, which unrolled all of the words' fields into a 20 kB function every viewer
//! would download.

use super::plural::{Plural, PluralCategory};
use super::table::{Slot, Words, EN, SLOTS};

impl Words {
    /// The words in a words file (`lang/ja.json`), borrowing from its text. Every string
    /// is plain JSON without escapes (`\"`, `\n`): the `languages` test reads every file
    /// through here.
    pub fn from_json(text: &'static str) -> Result<Words, String> {
        // From bytes, as every other answer is read: one JSON reader in the module.
        serde_json::from_slice(text.as_bytes()).map_err(|e| e.to_string())
    }
}

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
