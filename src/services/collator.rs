//! Locale-aware name order through `Intl.Collator`, so "Émile" sorts beside "Emma".

use std::cmp::Ordering;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A shareable name comparison.
pub type NameOrder = Rc<dyn Fn(&str, &str) -> Ordering>;

/// A collator for `lang` (or the page's language). Falls back to the model's default
/// order when the browser has no `Intl` or rejects the tag, rather than failing.
pub fn locale_order(lang: Option<&str>) -> NameOrder {
    match collator_compare(lang) {
        Some(compare) => Rc::new(move |a: &str, b: &str| {
            let result = compare
                .call2(
                    &JsValue::UNDEFINED,
                    &JsValue::from_str(a),
                    &JsValue::from_str(b),
                )
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            result
                .partial_cmp(&0.0)
                .unwrap_or(Ordering::Equal)
                .then_with(|| a.cmp(b))
        }),
        None => Rc::new(presence_model::default_name_order),
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
