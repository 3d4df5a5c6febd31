//! The viewer's language as the browser knows it (`Intl`): compact numbers, plural
//! forms, relative times, dates and name order, for the words in `presence_model::words`.
//! Every `Intl` object is made by one helper, `intl`.
//!
//! Names are ranked in one call to JavaScript (`rankNames`, sorting with the collator
//! there) rather than calling the collator from wasm once per comparison: at 50,000
//! people that is one crossing instead of about 800,000. The names cross as one string
//! with their lengths, one text decode instead of one per name.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use presence_model::words::{Formats, Lang, Locale, PlainFormats, PluralCategory, TimeUnit, Words};
use presence_model::{default_ranking, NameRanking};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The browser's formatters for one language; falls back to [`PlainFormats`] piece by
/// piece where `Intl` is missing or rejects the tag.
pub struct IntlFormats {
    plain: PlainFormats,
    number: Option<(JsValue, Function)>,
    plural: Option<(JsValue, Function)>,
    relative: Option<(JsValue, Function)>,
    date: Option<(JsValue, Function)>,
    day_month: Option<(JsValue, Function)>,
    /// The viewer's own weekday, to tell when a colleague's is another.
    weekday: Option<(JsValue, Function)>,
    /// Per time zone: its weekday, its clock, and its clock with the weekday; `None`
    /// for a zone the browser rejects. Made once per zone: a `DateTimeFormat` costs far
    /// more to make than to use, and a roster has few zones and many rows.
    zones: RefCell<HashMap<String, Option<Rc<ZoneClock>>>>,
    tag: String,
}

struct ZoneClock {
    weekday: (JsValue, Function),
    time: (JsValue, Function),
    day_time: (JsValue, Function),
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

/// `new Intl[constructor](locales, options)` and its `method`, or `None` where `Intl` is
/// missing or rejects the tag (`Reflect.construct` turns the RangeError into an `Err`
/// instead of a trap).
fn intl(
    constructor: &str,
    locales: &JsValue,
    opts: &[(&str, &str)],
    method: &str,
) -> Option<(JsValue, Function)> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class: Function = Reflect::get(&intl, &constructor.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let instance = Reflect::construct(&class, &Array::of2(locales, &options(opts))).ok()?;
    let method: Function = Reflect::get(&instance, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((instance, method))
}

impl IntlFormats {
    /// Formatters for `tag` (`de-AT`).
    pub fn new(tag: &str) -> Self {
        let formatter = |constructor: &str, method: &str, opts: &[(&str, &str)]| {
            intl(constructor, &tag.into(), opts, method)
        };
        IntlFormats {
            plain: PlainFormats(Lang::from_tag(tag)),
            number: formatter(
                "NumberFormat",
                "format",
                &[("notation", "compact"), ("maximumFractionDigits", "1")],
            ),
            plural: formatter("PluralRules", "select", &[]),
            relative: formatter("RelativeTimeFormat", "format", &[("numeric", "auto")]),
            date: formatter(
                "DateTimeFormat",
                "format",
                &[
                    ("year", "numeric"),
                    ("month", "short"),
                    ("day", "numeric"),
                    ("timeZone", "UTC"),
                ],
            ),
            day_month: formatter(
                "DateTimeFormat",
                "format",
                &[("month", "short"), ("day", "numeric"), ("timeZone", "UTC")],
            ),
            weekday: formatter("DateTimeFormat", "format", &[("weekday", "short")]),
            zones: RefCell::default(),
            tag: tag.to_owned(),
        }
    }

    fn zone(&self, timezone: &str) -> Option<Rc<ZoneClock>> {
        if let Some(known) = self.zones.borrow().get(timezone) {
            return known.clone();
        }
        let made = (|| {
            let tag: JsValue = self.tag.as_str().into();
            let make = |opts: &[(&str, &str)]| intl("DateTimeFormat", &tag, opts, "format");
            let zone = ("timeZone", timezone);
            Some(Rc::new(ZoneClock {
                weekday: make(&[("weekday", "short"), zone])?,
                time: make(&[("hour", "2-digit"), ("minute", "2-digit"), zone])?,
                day_time: make(&[
                    ("weekday", "short"),
                    ("hour", "2-digit"),
                    ("minute", "2-digit"),
                    zone,
                ])?,
            }))
        })();
        self.zones
            .borrow_mut()
            .insert(timezone.to_owned(), made.clone());
        made
    }
}

fn call(f: &Option<(JsValue, Function)>, args: &[JsValue]) -> Option<String> {
    call_with(f.as_ref()?, args)
}

fn call_with((this, method): &(JsValue, Function), args: &[JsValue]) -> Option<String> {
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

    fn plural(&self, n: usize) -> PluralCategory {
        call(&self.plural, &[JsValue::from(n as f64)])
            .map_or_else(|| self.plain.plural(n), |c| PluralCategory::from_cldr(&c))
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

    fn date(&self, year: i32, month: u8, day: u8, with_year: bool) -> String {
        let ms = js_sys::Date::utc(f64::from(year), f64::from(month) - 1.0);
        let date = js_sys::Date::new(&JsValue::from(ms + (f64::from(day) - 1.0) * 86_400_000.0));
        let format = if with_year {
            &self.date
        } else {
            &self.day_month
        };
        call(format, &[date.into()]).unwrap_or_else(|| self.plain.date(year, month, day, with_year))
    }

    fn clock(&self, secs: f64, timezone: &str) -> Option<String> {
        let zone = self.zone(timezone)?;
        let at: JsValue = js_sys::Date::new(&JsValue::from(secs * 1000.0)).into();
        let theirs = call_with(&zone.weekday, std::slice::from_ref(&at));
        let mine = call(&self.weekday, std::slice::from_ref(&at));
        let format = if theirs == mine {
            &zone.time
        } else {
            &zone.day_time
        };
        call_with(format, &[at])
    }
}

/// `text` without accents, as Zulip's search compares plain-ASCII words with names
/// (`presence_model::domain`): NFKD, then every combining mark dropped.
pub fn remove_diacritics(text: &str) -> String {
    remove_diacritics_js(text)
}

#[wasm_bindgen(module = "/src/js/text.js")]
extern "C" {
    #[wasm_bindgen(js_name = removeDiacritics)]
    fn remove_diacritics_js(text: &str) -> String;
    #[wasm_bindgen(js_name = rankNames, catch)]
    fn rank_names(joined: &str, lengths: &[u32], compare: &Function) -> Result<Vec<u32>, JsValue>;
}

/// A collator ranking for `tag`, so "Émile" sorts beside "Emma". Falls back to the
/// model's default order when the browser has no `Intl.Collator` or rejects the tag.
fn ranking(tag: &str) -> Rc<NameRanking> {
    let locales = Array::of1(&tag.into());
    match intl("Collator", &locales, &[("sensitivity", "base")], "compare") {
        Some((_, compare)) => Rc::new(move |names: &[&str]| {
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

/// The viewer's language, owned and shareable: its words, the browser's formatters and
/// name order for it. The model borrows it as a [`Locale`].
#[derive(Clone)]
pub struct BrowserLocale {
    /// The language of the words.
    pub lang: Lang,
    /// The sentences.
    pub words: &'static Words,
    /// The formatters.
    pub formats: Rc<dyn Formats>,
    /// Name order.
    pub ranking: Rc<NameRanking>,
}

impl BrowserLocale {
    /// The locale for a BCP 47 tag (`de-AT`) speaking `words`, which are in `lang`. When
    /// the tag's own words are not here (a file still loading, or missing), numbers and
    /// dates follow the words, English, rather than the tag: no "١٢ active".
    pub fn new(tag: &str, lang: Lang, words: &'static Words) -> Self {
        let tag = if Lang::from_tag(tag) == lang {
            tag
        } else {
            lang.tag()
        };
        BrowserLocale {
            lang,
            words,
            formats: Rc::new(IntlFormats::new(tag)),
            ranking: ranking(tag),
        }
    }

    /// Borrowed, for the model.
    pub fn locale(&self) -> Locale<'_> {
        Locale {
            words: self.words,
            formats: &*self.formats,
        }
    }
}

impl PartialEq for BrowserLocale {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && std::ptr::eq(self.words, other.words)
            && Rc::ptr_eq(&self.formats, &other.formats)
    }
}
