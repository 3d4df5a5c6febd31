//! Plural forms, by CLDR category.

/// CLDR's cardinal plural categories, as `Intl.PluralRules.prototype.select` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    /// `zero` (Arabic's 0).
    Zero,
    /// `one`.
    One,
    /// `two`.
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`, which every language has.
    Other,
}

impl PluralCategory {
    /// Every category, in CLDR's order (and [`Plural`]'s fields').
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// CLDR's names of [`PluralCategory::ALL`], as `Intl.PluralRules` and words files
    /// write them.
    pub const NAMES: [&'static str; 6] = ["zero", "one", "two", "few", "many", "other"];

    /// The category `Intl.PluralRules` named; `other` for a name CLDR does not have.
    pub fn from_cldr(name: &str) -> PluralCategory {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(PluralCategory::Other, |at| Self::ALL[at])
    }
}

/// A sentence with a number in it, one form per plural category the language has (the
/// rest fall back to `other`). `{n}` is the number; the zero, one and two forms may say
/// it in words.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Plural {
    /// For `zero`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zero: Option<&'static str>,
    /// For `one`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one: Option<&'static str>,
    /// For `two`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub two: Option<&'static str>,
    /// For `few`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub few: Option<&'static str>,
    /// For `many`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub many: Option<&'static str>,
    /// For everything else.
    pub other: &'static str,
}

impl Plural {
    /// English's and German's shape: a singular and the rest.
    pub const fn one_other(one: &'static str, other: &'static str) -> Plural {
        Plural {
            zero: None,
            one: Some(one),
            two: None,
            few: None,
            many: None,
            other,
        }
    }

    /// The form for `category`, or `other` when the language has none for it.
    pub fn form(&self, category: PluralCategory) -> &'static str {
        let form = match category {
            PluralCategory::Zero => self.zero,
            PluralCategory::One => self.one,
            PluralCategory::Two => self.two,
            PluralCategory::Few => self.few,
            PluralCategory::Many => self.many,
            PluralCategory::Other => None,
        };
        form.unwrap_or(self.other)
    }
}
