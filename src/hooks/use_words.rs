//! `use_words`: the words a roster speaks, as a hook over [`crate::services::words`].

use presence_model::i18n::{Lang, Words, EN};
use yew::prelude::*;

use crate::services::words;

/// The words for `lang` and the language they are in: `lang`'s own once they are here
/// (compiled in, or its file loaded), English until then and when its file cannot be had.
#[hook]
pub fn use_words(lang: Lang) -> (Lang, &'static Words) {
    let loaded = use_state_eq(|| None::<Lang>);
    {
        let loaded = loaded.clone();
        use_effect_with(lang, move |&lang| {
            if words::ready(lang).is_none() {
                // A state set after the roster is gone is dropped by yew: nothing leaks.
                words::load(lang, move |found| {
                    if found.is_some() {
                        loaded.set(Some(lang));
                    }
                });
            }
        });
    }
    // `loaded` only says when to render again; the words themselves come from the
    // page-wide cache, so a roster mounted after them speaks at once.
    let _ = *loaded;
    match words::ready(lang) {
        Some(words) => (lang, words),
        None => (Lang::En, &EN),
    }
}
