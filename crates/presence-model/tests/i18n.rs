//! German and English words, with Intl-shaped formatting.

use presence_model::classify::DownCause;
use presence_model::i18n::{english, Lang, Locale, PlainFormats};
use presence_model::{announcement, ClientKind, Counts, Failure, LastActive, Status, StatusChange};

fn german() -> Locale<'static> {
    static DE: PlainFormats = PlainFormats(Lang::De);
    Locale {
        words: Lang::De.words(),
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
        ("fr", Lang::En),
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
    let (en, de) = (Lang::En.words(), Lang::De.words());
    let locale = |w: &presence_model::i18n::Words| {
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
