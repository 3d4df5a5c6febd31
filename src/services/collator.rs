//! Locale-aware name order through `Intl.Collator`, so "Émile" sorts beside "Emma".
//!
//! The roster ranks all names in one call to JavaScript (`rankNames`, sorting with the
//! collator there) rather than calling the collator from wasm once per comparison: at
//! 50,000 people that is one crossing instead of about 800,000. The names cross as one
//! string with their lengths, one text decode instead of one per name.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use presence_model::live::default_ranking;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A shareable name ranking (`rank(names)[i]` is the position of `names[i]`).
pub type NameOrder = Rc<dyn Fn(&[&str]) -> Vec<u32>>;

#[wasm_bindgen(module = "/src/js/rank.js")]
extern "C" {
    #[wasm_bindgen(js_name = rankNames, catch)]
    fn rank_names(joined: &str, lengths: &[u32], compare: &Function) -> Result<Vec<u32>, JsValue>;
}

/// A collator ranking for `lang` (or the page's language). Falls back to the model's
/// default order when the browser has no `Intl` or rejects the tag, rather than failing.
pub fn locale_order(lang: Option<&str>) -> NameOrder {
    match collator_compare(lang) {
        Some(compare) => Rc::new(move |names: &[&str]| {
            let joined = names.concat();
            // JavaScript slices strings in UTF-16 code units.
            let lengths: Vec<u32> = names
                .iter()
                .map(|n| u32::try_from(n.encode_utf16().count()).unwrap_or(u32::MAX))
                .collect();
            rank_names(&joined, &lengths, &compare).unwrap_or_else(|_| default_ranking(names))
        }),
        None => Rc::new(default_ranking),
    }
}

fn collator_compare(lang: Option<&str>) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &"Collator".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let locales = Array::new();
    if let Some(lang) = lang {
        locales.push(&lang.into());
    }
    let options = Object::new();
    Reflect::set(&options, &"sensitivity".into(), &"base".into()).ok()?;
    // `Reflect.construct` turns the RangeError of a bad tag into an Err instead of a trap.
    let collator = Reflect::construct(&constructor, &Array::of2(&locales, &options)).ok()?;
    Reflect::get(&collator, &"compare".into())
        .ok()?
        .dyn_into()
        .ok()
}
