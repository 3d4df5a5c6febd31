//! The rows as the widget draws them: one view model per person, worded.

use presence_model::domain::no_fold;
use presence_model::view::{initials, ListInfo, ListInput};
use presence_model::words::{english, Lang, Locale, PlainFormats};
use presence_model::{Config, Directory, Member, Roster};
mod support;
use support::presence;

const NOW: f64 = 1_800_000_000.0;

fn german() -> Locale<'static> {
    static DE: PlainFormats = PlainFormats(Lang::De);
    Locale {
        words: Lang::De.built_in().unwrap(),
        formats: &DE,
    }
}

fn rows_of(roster: &Roster, locale: Locale<'_>) -> ListInfo {
    ListInfo::of(ListInput {
        roster,
        query: "",
        config: &Config::with_proxy("/api/v1"),
        locale,
        server_now: NOW,
        utc_offset_secs: 0,
        scroll_top: 0.0,
        viewport: 400.0,
        windowing: true,
        fold: &no_fold,
    })
}

/// Zulip's buddy list puts "(guest)" after a guest's name (`buddy_list.hbs`,
/// `should_add_guest_user_indicator`), translated ("Gast" in `locale/de`).
#[test]
fn guests_are_marked_in_the_viewers_language() {
    let guest = Member {
        role: Some(600),
        ..Member::human(7, "gia@x", "Gia Rossi", None)
    };
    let directory = Directory::new([guest, Member::human(8, "mo@x", "Mo", None)]);
    let answer = presence(&[("gia@x", "active", 5.0)], NOW);
    let roster = Roster::build(
        &answer,
        Some(&directory),
        NOW,
        200,
        presence_model::default_name_order,
    );
    let en = rows_of(&roster, english());
    assert_eq!(
        en.rows[0].name, "Gia Rossi",
        "the name itself is unchanged (search, sort)"
    );
    assert_eq!(en.rows[0].guest, Some("(guest)"));
    assert_eq!(en.rows[1].guest, None);
    assert_eq!(rows_of(&roster, german()).rows[0].guest, Some("(Gast)"));
}

/// As typed: the stylesheet uppercases them.
#[test]
fn initials_stand_in_for_a_missing_avatar() {
    let table = [
        ("Ada Lovelace", "AL"),
        ("Jean-Luc Picard", "JP"),
        ("Mary Ann van der Berg", "MB"),
        ("émile zola", "éz"),
        ("李伟", "李"),
        ("Иван Петров", "ИП"),
        ("ada.lovelace@zulip.example", "al"),
        ("user42@zulip.example", "u"),
        ("(Ada)", "A"),
        ("", ""),
        ("---", ""),
    ];
    for (name, expected) in table {
        assert_eq!(initials(name), expected, "{name:?}");
    }
}
