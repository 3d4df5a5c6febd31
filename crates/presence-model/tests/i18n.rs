//! German and English words, with Intl-shaped formatting.

use presence_model::protocol::DownCause;
use presence_model::words::{
    english, Formats, Lang, Locale, PlainFormats, PluralCategory, TimeUnit, Words, DE, EN,
};
use presence_model::{announcement, ClientKind, Counts, Failure, LastActive, Status, StatusChange};

fn german() -> Locale<'static> {
    static DE: PlainFormats = PlainFormats(Lang::De);
    Locale {
        words: Lang::De.built_in().unwrap(),
        formats: &DE,
    }
}

#[test]
fn tags_choose_the_language() {
    for (tag, lang) in [
        ("de", Lang::De),
        ("de-AT", Lang::De),
        ("DE_ch", Lang::De),
        ("en-GB", Lang::En),
        ("fr", Lang::Fr),
        ("pt-BR", Lang::Pt),
        ("zh-Hans-CN", Lang::Zh),
        ("ar-EG", Lang::Ar),
        ("JA", Lang::Ja),
        ("he", Lang::En),
        ("", Lang::En),
    ] {
        assert_eq!(Lang::from_tag(tag), lang, "{tag}");
    }
}

#[test]
fn german_words_for_what_a_viewer_sees() {
    let de = german();
    assert_eq!(
        Counts {
            active: 12,
            idle: 3,
            offline: 80
        }
        .summary_in(de),
        "12 aktiv · 3 abwesend · 80 offline"
    );
    assert_eq!(de.words.status(Status::Idle), "Abwesend");
    assert_eq!(de.words.client(ClientKind::Mobile), "Mobil-App");
    let table = [
        // Zulip's own German (`locale/de/translations.json`).
        (LastActive::Now, "Jetzt aktiv"),
        (LastActive::Idle, "Abwesend"),
        (LastActive::MinutesAgo(5), "Zuletzt aktiv vor 5 Minuten"),
        (LastActive::HoursAgo(1), "Zuletzt aktiv vor einer Stunde"),
        (LastActive::HoursAgo(3), "Zuletzt aktiv vor 3 Stunden"),
        (LastActive::Yesterday, "Zuletzt gestern aktiv"),
        (LastActive::DaysAgo(4), "Zuletzt aktiv vor 4 Tagen"),
        (
            LastActive::On {
                year: 2023,
                month: 3,
                day: 6,
                with_year: true,
            },
            "Zuletzt aktiv 6. März 2023",
        ),
        (
            LastActive::On {
                year: 2023,
                month: 3,
                day: 6,
                with_year: false,
            },
            "Zuletzt aktiv 6. März",
        ),
        (
            LastActive::NotRecently,
            "In den letzten 2 Wochen nicht aktiv",
        ),
    ];
    for (data, words) in table {
        assert_eq!(data.describe(de), words);
    }
    assert_eq!(
        Failure::Down {
            cause: DownCause::Timeout(20)
        }
        .describe(de),
        "Der Proxy hat nicht innerhalb von 20 s geantwortet."
    );
    assert_eq!(
        Failure::WrongUrl { status: 404, not_json: false }.describe(de),
        "Die Proxy-URL scheint falsch: Sie antwortete mit HTTP 404 (nicht gefunden). Bitte die Proxy-Einstellung prüfen."
    );
}

#[test]
fn plurals_in_announcements() {
    let change = |email: &str, from, to| StatusChange {
        email: email.into(),
        from,
        to,
    };
    let changes = [
        change("a", Some(Status::Offline), Status::Active),
        change("b", None, Status::Active),
        change("c", Some(Status::Active), Status::Offline),
    ];
    assert_eq!(
        announcement(&changes, english()).unwrap(),
        "2 people came online, 1 person went offline."
    );
    assert_eq!(
        announcement(&changes, german()).unwrap(),
        "2 Personen sind online gekommen, 1 Person ist offline gegangen."
    );
}

#[test]
fn every_german_word_is_filled_in() {
    let (en, de) = (&EN, &DE);
    let locale = |w: &presence_model::words::Words| {
        vec![
            w.counts,
            w.search,
            w.people,
            w.region,
            w.loading,
            w.no_match,
            w.no_active,
            w.empty,
            w.stale,
            w.failed,
            w.refused,
            w.rate_limited,
        ]
    };
    for (e, d) in locale(en).into_iter().zip(locale(de)) {
        assert!(!d.is_empty());
        assert_ne!(e, d, "untranslated: {e}");
    }
}

/// Arabic's cardinal rule as CLDR (and so `Intl.PluralRules("ar")`) has it.
struct ArabicPlurals;
impl Formats for ArabicPlurals {
    fn compact(&self, n: usize) -> String {
        n.to_string()
    }
    fn plural(&self, n: usize) -> PluralCategory {
        match (n, n % 100) {
            (0, _) => PluralCategory::Zero,
            (1, _) => PluralCategory::One,
            (2, _) => PluralCategory::Two,
            (_, 3..=10) => PluralCategory::Few,
            (_, 11..=99) => PluralCategory::Many,
            _ => PluralCategory::Other,
        }
    }
    fn ago(&self, amount: u32, unit: TimeUnit) -> String {
        PlainFormats(Lang::En).ago(amount, unit)
    }
    fn date(&self, year: i32, month: u8, day: u8, with_year: bool) -> String {
        PlainFormats(Lang::En).date(year, month, day, with_year)
    }
    fn clock(&self, _: f64, _: &str) -> Option<String> {
        None
    }
}

#[test]
fn a_plural_sentence_takes_the_form_of_the_category_the_formats_select() {
    let text = include_str!("../../../lang/ar.json");
    let words: &'static Words = Box::leak(Box::new(Words::from_json(text).unwrap()));
    let arabic = Locale {
        words,
        formats: &ArabicPlurals,
    };
    let said = |n| arabic.plural(&words.came_online, n);
    assert_eq!(said(1), "اتصل شخص واحد");
    assert_eq!(said(2), "اتصل شخصان");
    assert_eq!(said(5), "اتصل 5 أشخاص");
    assert_eq!(said(11), "اتصل 11 شخصًا");
    assert_eq!(said(100), "اتصل 100 شخص");
}

#[test]
fn a_category_without_its_own_form_falls_back_to_other() {
    // English has no "few": a language's rules may name one its words do not have.
    assert_eq!(
        EN.came_online.form(PluralCategory::Few),
        EN.came_online.other
    );
    assert_eq!(
        EN.came_online.form(PluralCategory::One),
        "{n} person came online"
    );
}

#[test]
fn cldr_names_select_their_categories() {
    for (name, category) in PluralCategory::NAMES.iter().zip(PluralCategory::ALL) {
        assert_eq!(PluralCategory::from_cldr(name), category, "{name}");
    }
    assert_eq!(PluralCategory::from_cldr("several"), PluralCategory::Other);
}

#[test]
fn a_plural_form_cldr_does_not_have_is_refused_by_name() {
    let text =
        r#"{"came_online": {"one": "{n} came", "several": "{n} came", "other": "{n} came"}}"#;
    let error = Words::from_json(text).unwrap_err();
    assert!(error.contains("unknown field `several`"), "{error}");
    assert!(
        error.contains("`zero`, `one`, `two`, `few`, `many`, `other`"),
        "{error}"
    );
}
