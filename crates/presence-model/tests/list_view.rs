//! The rows as the widget draws them: one view model per person, worded.

use presence_model::domain::{dm_url, no_fold};
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

fn input(roster: &Roster) -> ListInput<'_> {
    static CONFIG: std::sync::LazyLock<Config> =
        std::sync::LazyLock::new(|| Config::with_proxy("/api/v1"));
    ListInput {
        roster,
        query: "",
        config: &CONFIG,
        locale: english(),
        server_now: NOW,
        utc_offset_secs: 0,
        scroll_top: 0.0,
        viewport: 400.0,
        windowing: true,
        fold: &no_fold,
        org: None,
    }
}

fn rows_of(roster: &Roster, locale: Locale<'_>) -> ListInfo {
    ListInfo::of(ListInput {
        locale,
        ..input(roster)
    })
}

/// Gia Rossi (user 7), active.
fn gia() -> Roster {
    let directory = Directory::new([Member::human(7, "gia@x", "Gia Rossi", None)]);
    let answer = presence(&[("gia@x", "active", 5.0)], NOW);
    Roster::build(
        &answer,
        Some(&directory),
        NOW,
        200,
        presence_model::default_name_order,
    )
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

#[test]
fn a_row_links_to_a_direct_message_in_zulips_url_form() {
    assert_eq!(
        dm_url("https://chat.example", 9, "Othello, the Moor"),
        "https://chat.example/#narrow/dm/9-Othello,-the-Moor"
    );
    // Zulip's `/[ "%/<>`\p{C}]+/gu` → "-": runs become one, other characters stay.
    assert_eq!(
        dm_url("https://chat.example", 12, "Zoë \"Z\" 50%/<b>"),
        "https://chat.example/#narrow/dm/12-Zoë-Z-50-b-"
    );
}

#[test]
fn a_row_links_to_a_direct_message_with_words_that_say_so() {
    let roster = gia();
    let list = ListInfo::of(ListInput {
        org: Some("https://chat.example"),
        ..input(&roster)
    });
    assert_eq!(
        list.rows[0].dm,
        Some((
            "https://chat.example/#narrow/dm/7-Gia-Rossi".to_owned(),
            "Send Gia Rossi a direct message in Zulip (new tab)".to_owned()
        ))
    );
}

#[test]
fn without_the_organizations_url_a_row_links_nowhere() {
    let roster = gia();
    assert_eq!(rows_of(&roster, english()).rows[0].dm, None);
}
