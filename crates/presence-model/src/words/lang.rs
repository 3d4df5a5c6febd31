//! The languages the roster speaks.

use crate::words::german::DE;
use crate::words::table::{Words, EN};

/// A language the roster speaks. English and German are compiled in; the others' words
/// are files (`lang/{tag}.json`) that the widget loads only when a roster speaks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (also the fallback for languages without words here).
    En,
    /// German.
    De,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Italian.
    It,
    /// Dutch.
    Nl,
    /// Polish.
    Pl,
    /// Portuguese.
    Pt,
    /// Russian.
    Ru,
    /// Ukrainian.
    Uk,
    /// Japanese.
    Ja,
    /// Korean.
    Ko,
    /// Simplified Chinese.
    Zh,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language, compiled ones first.
    pub const ALL: [Lang; 14] = [
        Lang::En,
        Lang::De,
        Lang::Es,
        Lang::Fr,
        Lang::It,
        Lang::Nl,
        Lang::Pl,
        Lang::Pt,
        Lang::Ru,
        Lang::Uk,
        Lang::Ja,
        Lang::Ko,
        Lang::Zh,
        Lang::Ar,
    ];

    /// The language for a BCP 47 tag, by its primary subtag: `de-AT` → German, `pt-BR` →
    /// Portuguese, `zh-TW` → (Simplified) Chinese; anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
            .unwrap_or(Lang::En)
    }

    /// The primary tag (`en`, `de`): the `lang` of text in this language, and the name of
    /// its words file.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Pl => "pl",
            Lang::Pt => "pt",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Zh => "zh",
            Lang::Ar => "ar",
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The words compiled into the module; `None` for a language whose words are a file
    /// ([`Words::from_json`]).
    pub fn built_in(self) -> Option<&'static Words> {
        match self {
            Lang::En => Some(&EN),
            Lang::De => Some(&DE),
            _ => None,
        }
    }
}
