//! The viewer's language as the model needs it, and filling placeholders.

use super::formats::{Formats, PlainFormats};
use super::lang::Lang;
use super::plural::Plural;
use super::table::{Words, EN};

/// Fills `{name}` placeholders in `template`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The viewer's language as the model needs it: its words and its formats (numbers,
/// plurals, relative times, dates). Borrowed; the browser side owns them.
#[derive(Clone, Copy)]
pub struct Locale<'a> {
    /// The sentences.
    pub words: &'static Words,
    /// Numbers, plurals, relative times, dates.
    pub formats: &'a dyn Formats,
}

impl std::fmt::Debug for Locale<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("region", &self.words.region)
            .finish()
    }
}

impl<'a> Locale<'a> {
    /// The form of `forms` for `n`, filled with it.
    pub fn plural(&self, forms: &Plural, n: usize) -> String {
        let form = forms.form(self.formats.plural(n));
        fill(form, &[("n", &self.formats.compact(n))])
    }
}

/// English with native formatting: what `Display` impls say.
pub fn english() -> Locale<'static> {
    static PLAIN_EN: PlainFormats = PlainFormats(Lang::En);
    Locale {
        words: &EN,
        formats: &PLAIN_EN,
    }
}
