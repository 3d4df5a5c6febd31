//! The number, plural, relative-time and date formatting the words need: `Intl` in the
//! browser, [`PlainFormats`] natively.

use super::lang::Lang;
use super::plural::PluralCategory;

/// A unit for relative times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
}

/// Locale formatting the words need.
pub trait Formats {
    /// A count, compact from 1,000 ("1.2K").
    fn compact(&self, n: usize) -> String;
    /// The plural category of `n` ("one", "few", …), as `Intl.PluralRules` selects it.
    fn plural(&self, n: usize) -> PluralCategory;
    /// A relative time in the past, `amount` units ago, with words for the special cases
    /// ("yesterday"), like `Intl.RelativeTimeFormat` with `numeric: "auto"`.
    fn ago(&self, amount: u32, unit: TimeUnit) -> String;
    /// A calendar date, "Aug 6, 2023", or "Aug 6" without the year (Zulip's
    /// `dayofyear_year` and `dayofyear` formats).
    fn date(&self, year: i32, month: u8, day: u8, with_year: bool) -> String;
    /// The clock at Unix time `secs` in the IANA `timezone` ("14:05", "2:05 PM"), with
    /// the weekday when that is not the viewer's own weekday at that moment ("Tue
    /// 02:14", across a date line); `None` for a zone the formatter does not know.
    fn clock(&self, secs: f64, timezone: &str) -> Option<String>;
}

/// Intl-like formatting without a browser, for native tests and non-browser callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainFormats(pub Lang);

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_DE: [&str; 12] = [
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.",
];

impl Formats for PlainFormats {
    fn compact(&self, n: usize) -> String {
        match self.0 {
            // German compact notation abbreviates from a million ("1,5 Mio.").
            Lang::De if n < 1_000_000 => n.to_string(),
            Lang::De => compact_count(n).replace('.', ",").replace('M', " Mio."),
            _ => compact_count(n),
        }
    }

    /// English's and German's rule, for every language.
    fn plural(&self, n: usize) -> PluralCategory {
        if n == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }

    /// German's words for German, English's for every other language.
    fn ago(&self, amount: u32, unit: TimeUnit) -> String {
        let n = amount;
        match (self.0, unit, n) {
            (Lang::De, TimeUnit::Minute, 0) => "in dieser Minute".into(),
            (Lang::De, TimeUnit::Hour, 0) => "in dieser Stunde".into(),
            (Lang::De, TimeUnit::Day, 0) => "heute".into(),
            (Lang::De, TimeUnit::Day, 1) => "gestern".into(),
            (Lang::De, TimeUnit::Day, 2) => "vorgestern".into(),
            (Lang::De, TimeUnit::Minute, 1) => "vor 1 Minute".into(),
            (Lang::De, TimeUnit::Hour, 1) => "vor 1 Stunde".into(),
            (Lang::De, TimeUnit::Minute, _) => format!("vor {n} Minuten"),
            (Lang::De, TimeUnit::Hour, _) => format!("vor {n} Stunden"),
            (Lang::De, TimeUnit::Day, _) => format!("vor {n} Tagen"),
            (_, TimeUnit::Minute, 0) => "this minute".into(),
            (_, TimeUnit::Hour, 0) => "this hour".into(),
            (_, TimeUnit::Day, 0) => "today".into(),
            (_, TimeUnit::Day, 1) => "yesterday".into(),
            (_, TimeUnit::Minute, 1) => "1 minute ago".into(),
            (_, TimeUnit::Hour, 1) => "1 hour ago".into(),
            (_, TimeUnit::Minute, _) => format!("{n} minutes ago"),
            (_, TimeUnit::Hour, _) => format!("{n} hours ago"),
            (_, TimeUnit::Day, _) => format!("{n} days ago"),
        }
    }

    /// UTC alone (no time zone database here), 24-hour, the viewer taken to be on UTC.
    fn clock(&self, secs: f64, timezone: &str) -> Option<String> {
        if !matches!(timezone, "UTC" | "Etc/UTC") || !secs.is_finite() {
            return None;
        }
        let minutes = (secs / 60.0).floor() as i64;
        let (h, m) = (minutes.rem_euclid(1440) / 60, minutes.rem_euclid(60));
        Some(format!("{h:02}:{m:02}"))
    }

    fn date(&self, year: i32, month: u8, day: u8, with_year: bool) -> String {
        let m = usize::from(month.clamp(1, 12)) - 1;
        match (self.0, with_year) {
            (Lang::De, true) => format!("{day}. {} {year}", MONTHS_DE[m]),
            (Lang::De, false) => format!("{day}. {}", MONTHS_DE[m]),
            (_, true) => format!("{} {day}, {year}", MONTHS_EN[m]),
            (_, false) => format!("{} {day}", MONTHS_EN[m]),
        }
    }
}

/// A count as Zulip's buddy list shows it: exact below 1,000, then "1.2K", "12K", "1.5M".
pub fn compact_count(n: usize) -> String {
    fn one_decimal(n: usize, unit: usize, suffix: &str) -> String {
        // Truncate, never round up: 1,999 people are not "2K" people.
        let tenths = n / (unit / 10);
        if tenths >= 100 || tenths.is_multiple_of(10) {
            format!("{}{suffix}", tenths / 10)
        } else {
            format!("{}.{}{suffix}", tenths / 10, tenths % 10)
        }
    }
    match n {
        0..=999 => n.to_string(),
        1_000..=999_999 => one_decimal(n, 1_000, "K"),
        _ => one_decimal(n, 1_000_000, "M"),
    }
}
