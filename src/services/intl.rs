//! `Intl`-backed formatting: compact numbers, plural forms, relative times and dates in
//! the viewer's language, for the words in `presence_model::i18n`.

use js_sys::{Array, Function, Object, Reflect};
use presence_model::i18n::{Formats, Lang, PlainFormats, TimeUnit};
use wasm_bindgen::{JsCast, JsValue};

/// The browser's formatters for one language; falls back to [`PlainFormats`] piece by
/// piece where `Intl` is missing or rejects the tag.
pub struct IntlFormats {
    plain: PlainFormats,
    number: Option<(JsValue, Function)>,
    plural: Option<(JsValue, Function)>,
    relative: Option<(JsValue, Function)>,
    date: Option<(JsValue, Function)>,
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let value: JsValue = match value.parse::<f64>() {
            Ok(n) => n.into(),
            Err(_) => (*value).into(),
        };
        let _ = Reflect::set(&object, &(*key).into(), &value);
    }
    object
}

/// `new Intl[constructor](tag, options)` and its method, or `None` (no throw: a bad tag
/// is a RangeError, which `Reflect.construct` turns into an `Err`).
fn formatter(
    constructor: &str,
    tag: &str,
    method: &str,
    opts: &[(&str, &str)],
) -> Option<(JsValue, Function)> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class: Function = Reflect::get(&intl, &constructor.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let instance = Reflect::construct(&class, &Array::of2(&tag.into(), &options(opts))).ok()?;
    let method: Function = Reflect::get(&instance, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((instance, method))
}

impl IntlFormats {
    /// Formatters for `tag` (`de-AT`).
    pub fn new(tag: &str) -> Self {
        IntlFormats {
            plain: PlainFormats(Lang::from_tag(tag)),
            number: formatter(
                "NumberFormat",
                tag,
                "format",
                &[("notation", "compact"), ("maximumFractionDigits", "1")],
            ),
            plural: formatter("PluralRules", tag, "select", &[]),
            relative: formatter("RelativeTimeFormat", tag, "format", &[("numeric", "auto")]),
            date: formatter(
                "DateTimeFormat",
                tag,
                "format",
                &[
                    ("year", "numeric"),
                    ("month", "short"),
                    ("day", "numeric"),
                    ("timeZone", "UTC"),
                ],
            ),
        }
    }
}

fn call(f: &Option<(JsValue, Function)>, args: &[JsValue]) -> Option<String> {
    let (this, method) = f.as_ref()?;
    let result = match args {
        [a] => method.call1(this, a),
        [a, b] => method.call2(this, a, b),
        _ => return None,
    };
    result.ok()?.as_string()
}

impl Formats for IntlFormats {
    fn compact(&self, n: usize) -> String {
        call(&self.number, &[JsValue::from(n as f64)]).unwrap_or_else(|| self.plain.compact(n))
    }

    fn is_one(&self, n: usize) -> bool {
        call(&self.plural, &[JsValue::from(n as f64)])
            .map_or_else(|| self.plain.is_one(n), |c| c == "one")
    }

    fn ago(&self, amount: u32, unit: TimeUnit) -> String {
        let unit_name = match unit {
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
        };
        call(
            &self.relative,
            &[JsValue::from(-f64::from(amount)), unit_name.into()],
        )
        .unwrap_or_else(|| self.plain.ago(amount, unit))
    }

    fn date(&self, year: i32, month: u8, day: u8) -> String {
        let ms = js_sys::Date::utc(f64::from(year), f64::from(month) - 1.0);
        let date = js_sys::Date::new(&JsValue::from(ms + (f64::from(day) - 1.0) * 86_400_000.0));
        call(&self.date, &[date.into()]).unwrap_or_else(|| self.plain.date(year, month, day))
    }
}

/// The words and formatters of one language, shareable with components.
#[derive(Clone)]
pub struct Speech {
    /// The language of the words.
    pub lang: Lang,
    /// The sentences.
    pub words: &'static presence_model::i18n::Words,
    /// The formatters.
    pub formats: std::rc::Rc<dyn Formats>,
}

impl Speech {
    /// The speech for a BCP 47 tag.
    pub fn new(tag: &str) -> Self {
        let lang = Lang::from_tag(tag);
        Speech {
            lang,
            words: lang.words(),
            formats: std::rc::Rc::new(IntlFormats::new(tag)),
        }
    }

    /// Borrowed, for the model's `*_in` functions.
    pub fn texts(&self) -> presence_model::i18n::Texts<'_> {
        presence_model::i18n::Texts {
            words: self.words,
            formats: &*self.formats,
        }
    }
}

impl PartialEq for Speech {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && std::rc::Rc::ptr_eq(&self.formats, &other.formats)
    }
}
