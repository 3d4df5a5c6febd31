//! Local time: from `/users`' `timezone`, in the row's tooltip and screen-reader text,
//! moving on as the server's clock enters a new minute.

use presence_model::domain::default_ranking;
use presence_model::domain::no_fold;
use presence_model::state::{Event, Widget};
use presence_model::view::{ListInfo, ListInput};
use presence_model::words::{
    english, fill, Formats, Lang, Locale, PlainFormats, PluralCategory, TimeUnit, EN,
};
use presence_model::{Config, Directory, Member, Roster};
mod support;
use support::presence;

/// 2027-01-14 (a Thursday) at 11:30 UTC.
const NOW: f64 = 1_800_271_800.0;

fn member(id: i64, email: &str, timezone: &str) -> Member {
    Member {
        timezone: timezone.to_owned(),
        ..Member::human(id, email, email, None)
    }
}

fn roster() -> Roster {
    let directory = Directory::new([
        member(1, "utc@x", "UTC"),
        member(2, "none@x", ""),
        member(3, "mars@x", "Mars/Olympus_Mons"),
    ]);
    let answer = presence(
        &[
            ("utc@x", "active", 5.0),
            ("none@x", "active", 5.0),
            ("mars@x", "active", 5.0),
        ],
        NOW,
    );
    Roster::build(
        &answer,
        Some(&directory),
        NOW,
        200,
        presence_model::default_name_order,
    )
}

fn rows(config: &Config, locale: Locale<'_>) -> ListInfo {
    rows_of(&roster(), config, locale)
}

fn rows_of(roster: &Roster, config: &Config, locale: Locale<'_>) -> ListInfo {
    ListInfo::of(ListInput {
        roster,
        query: "",
        config,
        locale,
        server_now: NOW,
        utc_offset_secs: 0,
        scroll_top: 0.0,
        viewport: 400.0,
        windowing: true,
        fold: &no_fold,
        org: None,
    })
}

fn row<'a>(list: &'a ListInfo, email: &str) -> &'a presence_model::view::RowInfo {
    list.rows.iter().find(|r| r.email == email).unwrap()
}

#[test]
fn a_known_time_zone_gives_the_local_time_in_tooltip_and_row_text() {
    let list = rows(&Config::with_proxy("/api/v1"), english());
    let utc = row(&list, "utc@x");
    assert_eq!(utc.local_time.as_deref(), Some("11:30 local time"));
    assert_eq!(utc.title, "Active now · 11:30 local time");
}

#[test]
fn no_time_zone_or_an_unknown_one_shows_no_time() {
    let list = rows(&Config::with_proxy("/api/v1"), english());
    assert_eq!(row(&list, "none@x").local_time, None);
    assert_eq!(row(&list, "none@x").title, "Active now");
    assert_eq!(row(&list, "mars@x").local_time, None);
}

#[test]
fn local_time_off_shows_none() {
    let config = Config::from_pairs([("local-time", "off")], Some("/api/v1")).unwrap();
    let list = rows(&config, english());
    assert_eq!(row(&list, "utc@x").local_time, None);
    assert_eq!(row(&list, "utc@x").title, "Active now");
    let wrong = Config::from_pairs([("local-time", "yes")], Some("/api/v1")).unwrap_err();
    assert!(wrong.to_string().contains("auto or off"), "{wrong}");
}

/// Formats that know one zone east of the date line, as a browser's would.
struct Auckland;
impl Formats for Auckland {
    fn compact(&self, n: usize) -> String {
        n.to_string()
    }
    fn plural(&self, n: usize) -> PluralCategory {
        PlainFormats(Lang::En).plural(n)
    }
    fn ago(&self, amount: u32, _: TimeUnit) -> String {
        amount.to_string()
    }
    fn date(&self, _: i32, _: u8, _: u8, _: bool) -> String {
        String::new()
    }
    fn clock(&self, secs: f64, timezone: &str) -> Option<String> {
        (timezone == "Pacific/Auckland").then(|| format!("clock({secs})"))
    }
}

#[test]
fn the_browsers_clock_words_are_used_as_they_come() {
    let directory = Directory::new([member(1, "kiwi@x", "Pacific/Auckland")]);
    let answer = presence(&[("kiwi@x", "idle", 30.0)], NOW);
    let roster = Roster::build(
        &answer,
        Some(&directory),
        NOW,
        200,
        presence_model::default_name_order,
    );
    let locale = Locale {
        words: &EN,
        formats: &Auckland,
    };
    let list = rows_of(&roster, &Config::with_proxy("/api/v1"), locale);
    assert_eq!(
        list.rows[0].local_time.as_deref(),
        Some(fill(EN.local_time, &[("time", &format!("clock({NOW})"))]).as_str())
    );
}

fn mounted(pairs: &[(&str, &str)], timezone: &str) -> Widget {
    let mut pairs = pairs.to_vec();
    pairs.push(("offline-threshold", "140"));
    let config = Config::from_pairs(pairs.iter().copied(), Some("/api/v1"));
    let mut live = Widget::default();
    let step = |live: &mut Widget, event| live.update(event, english(), &default_ranking);
    step(&mut live, Event::Options(config));
    step(
        &mut live,
        Event::Names {
            directory: Directory::new([member(1, "a@x", timezone)]),
            now_ms: 0.0,
        },
    );
    // The answer arrives at local 0 ms, at server second NOW (11:30:00).
    step(
        &mut live,
        Event::Presence {
            outcome: Ok(presence(&[("a@x", "active", 1.0)], NOW)),
            now_ms: 0.0,
            jitter: 0.0,
        },
    );
    step(&mut live, Event::Tick { now_ms: 1000.0 });
    live
}

fn renders_at(live: &mut Widget, now_ms: f64) -> bool {
    live.update(Event::Tick { now_ms }, english(), &default_ranking)
        .render()
}

#[test]
fn rows_render_again_when_the_minute_turns() {
    let mut live = mounted(&[], "UTC");
    assert!(
        !renders_at(&mut live, 30_000.0),
        "11:30:30: the same minute"
    );
    assert!(renders_at(&mut live, 60_500.0), "11:31:00: a new minute");
    assert!(!renders_at(&mut live, 61_500.0));
}

#[test]
fn without_local_times_the_minute_renders_nothing() {
    let mut off = mounted(&[("local-time", "off")], "UTC");
    assert!(!renders_at(&mut off, 60_500.0));
    let mut no_zone = mounted(&[], "");
    assert!(!renders_at(&mut no_zone, 60_500.0));
}
