//! `use_words`: the words a roster speaks, as a hook over [`crate::services::words`].

use presence_model::words::{Lang, Words, EN};
use yew::prelude::*;

use crate::services::words;

/// The words for `lang` and the language they are in: `lang`'s own once they are here
/// (compiled in, or its file loaded), English until then and when its file cannot be had.
#[hook]
pub fn use_words(lang: Lang) -> (Lang, &'static Words) {
    // The words live in the page-wide cache, so a roster mounted after them speaks at
    // once; the hook only renders again when they arrive. A render asked for after the
    // roster is gone is dropped by yew: nothing leaks.
    let rerender = use_force_update();
    use_effect_with(lang, move |&lang| {
        if words::ready(lang).is_none() {
            words::load(lang, move |found| {
                if found.is_some() {
                    rerender.force_update();
                }
            });
        }
    });
    match words::ready(lang) {
        Some(words) => (lang, words),
        None => (Lang::En, &EN),
    }
}
