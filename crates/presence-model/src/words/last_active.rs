//! "Active 5 minutes ago", in the viewer's language.

use std::fmt;

use super::locale::{english, fill, Locale};
use crate::domain::last_active::LastActive;
use crate::domain::status::Status;

impl LastActive {
    /// The words, in the language of `locale`.
    pub fn describe(&self, locale: Locale<'_>) -> String {
        let (w, f) = (locale.words, locale.formats);
        let n = |template: &str, n: u32| fill(template, &[("n", &n.to_string())]);
        match *self {
            LastActive::Now => w.active_now.to_owned(),
            LastActive::Idle => w.status(Status::Idle).to_owned(),
            LastActive::MinutesAgo(m) => n(w.active_minutes_ago, m),
            LastActive::HoursAgo(1) => w.active_an_hour_ago.to_owned(),
            LastActive::HoursAgo(h) => n(w.active_hours_ago, h),
            LastActive::Yesterday => w.active_yesterday.to_owned(),
            LastActive::DaysAgo(d) => n(w.active_days_ago, d),
            LastActive::On {
                year,
                month,
                day,
                with_year,
            } => fill(
                w.active_on,
                &[("date", &f.date(year, month, day, with_year))],
            ),
            LastActive::NotRecently => w.not_recently.to_owned(),
        }
    }
}

impl fmt::Display for LastActive {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.describe(english()))
    }
}
