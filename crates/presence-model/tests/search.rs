//! The search box, by Zulip's rules. Each case says where in Zulip's web app the rule
//! comes from: `web/src/buddy_data.ts` (`filter_user_ids`: lowercase, split at `,` or
//! `|`, any alternative), `web/src/people.ts` (`build_person_matcher`: the email starts
//! with the text, or every typed word starts a word of the full name;
//! `build_termlet_matcher`: a plain-ASCII word ignores accents) and
//! `web/src/typeahead.ts` (`remove_diacritics`: NFKD, combining marks dropped).

use presence_model::domain::{Search, SearchKey};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What the browser's `text.normalize("NFKD").replace(/\p{M}/gu, "")` does.
fn fold(text: &str) -> String {
    text.nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

fn finds(query: &str, name: Option<&str>, email: &str) -> bool {
    Search::new(query).matches(&SearchKey::new(name, email, &fold))
}

const EMILE: (Option<&str>, &str) = (Some("Émile Brontë"), "emile@zulip.example");
const ADA: (Option<&str>, &str) = (Some("Ada Lovelace"), "ada@zulip.example");

#[test]
fn nothing_typed_finds_everyone() {
    for query in ["", "   ", ",", " | , "] {
        assert!(Search::new(query).is_empty(), "{query:?}");
        assert!(finds(query, ADA.0, ADA.1), "{query:?}");
    }
}

/// people.ts, build_termlet_matcher: `names.some((name) => name.startsWith(termlet))`.
#[test]
fn a_word_finds_the_start_of_any_word_of_the_name() {
    assert!(finds("ada", ADA.0, ADA.1));
    assert!(finds("lov", ADA.0, ADA.1));
    assert!(!finds("ove", ADA.0, ADA.1), "not inside a word");
    assert!(!finds("lovelaces", ADA.0, ADA.1));
}

/// buddy_data.ts lowercases the whole text before splitting it.
#[test]
fn case_is_ignored() {
    assert!(finds("LOVE", ADA.0, ADA.1));
    assert!(finds("ADA@", ADA.0, ADA.1));
}

/// people.ts, build_person_matcher: `termlet_matchers.every(...)`.
#[test]
fn every_word_typed_must_start_a_word_of_the_name() {
    assert!(finds("ada lov", ADA.0, ADA.1));
    assert!(finds("lov ada", ADA.0, ADA.1), "in any order");
    assert!(!finds("ada byron", ADA.0, ADA.1));
}

/// people.ts, build_person_matcher: `email.startsWith(query)`.
#[test]
fn the_email_matches_from_its_start_only() {
    assert!(finds("ada@zul", ADA.0, ADA.1));
    assert!(!finds("zulip.example", ADA.0, ADA.1));
    assert!(
        finds("iago@", None, "iago@zulip.com"),
        "no name known: the email still works"
    );
    assert!(
        finds("iago", Some("Iago"), "someone-else@zulip.com"),
        "by name instead"
    );
}

/// buddy_data.ts, filter_user_ids: `split(/[,|]+/)`, then any alternative
/// (people.ts, filter_people_by_search_terms: `matchers.some(...)`).
#[test]
fn commas_and_bars_separate_alternatives() {
    for query in ["ada, emi", "ada|emi", "ada ,|, emi"] {
        assert!(finds(query, ADA.0, ADA.1), "{query:?} finds Ada");
        assert!(finds(query, EMILE.0, EMILE.1), "{query:?} finds Émile");
    }
    assert!(finds("nobody,, emi", EMILE.0, EMILE.1));
    assert!(!finds("nobody,, emi", ADA.0, ADA.1));
    assert!(!finds("grace, alan", ADA.0, ADA.1));
}

/// Our one divergence: Zulip's empty alternative matches everyone.
#[test]
fn an_empty_alternative_while_typing_finds_no_one_extra() {
    assert!(!finds("ada,", EMILE.0, EMILE.1));
    assert!(finds("ada,", ADA.0, ADA.1));
}

/// people.ts, build_termlet_matcher: `/^[a-z]+$/` words ignore diacritics.
#[test]
fn a_plain_ascii_word_ignores_accents() {
    assert!(finds("emi", EMILE.0, EMILE.1));
    assert!(finds("bronte", EMILE.0, EMILE.1));
    assert!(finds("nguyen", Some("Nguyễn Thị Minh"), "minh@x"));
    assert!(finds("sean", Some("Seán O'Brien"), "sean@x"));
}

/// The same: a word with an accent, or anything but a-z, compares as typed.
#[test]
fn a_word_with_an_accent_or_other_characters_compares_as_typed() {
    assert!(finds("émi", EMILE.0, EMILE.1));
    assert!(
        !finds("émi", Some("Emile Bronte"), "e@x"),
        "typed accents count"
    );
    assert!(finds("o'b", Some("Seán O'Brien"), "sean@x"));
    assert!(!finds("sean2", Some("Seán O'Brien"), "sean@x"));
}

/// NFKD leaves Ł and ø whole (they are letters, not letters with marks), so Zulip's
/// search does not find "Łukasz" from "luk"; neither do we.
#[test]
fn letters_that_do_not_decompose_are_not_folded() {
    assert!(!finds("luk", Some("Łukasz Żółkiewski"), "lz@x"));
    assert!(finds("łuk", Some("Łukasz Żółkiewski"), "lz@x"));
    assert!(
        finds("zo", Some("Łukasz Żółkiewski"), "lz@x"),
        "Ż and ó do decompose"
    );
    assert!(
        !finds("zol", Some("Łukasz Żółkiewski"), "lz@x"),
        "ł does not"
    );
}

#[test]
fn other_scripts_match_word_starts_as_typed() {
    let dmitri = (Some("Дмитрий Волков"), "dmitri@x");
    assert!(finds("вол", dmitri.0, dmitri.1));
    assert!(finds("ВОЛ", dmitri.0, dmitri.1), "Cyrillic lowercases too");
    assert!(!finds("vol", dmitri.0, dmitri.1), "no transliteration");
    let mei = (Some("陈美"), "mei@x");
    assert!(finds("陈", mei.0, mei.1));
    assert!(
        !finds("美", mei.0, mei.1),
        "no spaces: one word, matched from its start"
    );
    let amina = (Some("أمينة الحسن"), "amina@x");
    assert!(finds("الح", amina.0, amina.1));
}

/// people.ts splits the name at single spaces (`split(" ")`); runs of spaces make no
/// empty words that would match anything.
#[test]
fn extra_spaces_in_names_or_queries_change_nothing() {
    assert!(finds("  lov  ", Some("Ada  Lovelace"), "ada@x"));
    assert!(!finds("x", Some("Ada  Lovelace"), "ada@x"));
}
