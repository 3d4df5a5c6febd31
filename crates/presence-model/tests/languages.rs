//! Every language file under `lang/` has every string the English table has, with the
//! same placeholders, and the plural forms its language needs (CLDR's cardinal
//! categories, which `Intl.PluralRules` selects from in the browser).

use std::collections::BTreeSet;
use std::path::PathBuf;

use presence_model::words::{Lang, Words, EN};
use serde_json::Value;

fn lang_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../lang")
}

/// The languages the issue asks for beyond English (German is compiled in, the rest are
/// files), with CLDR's cardinal plural categories for each.
const LANGUAGES: [(&str, &[&str]); 12] = [
    ("es", &["one", "many", "other"]),
    ("fr", &["one", "many", "other"]),
    ("it", &["one", "many", "other"]),
    ("nl", &["one", "other"]),
    ("pl", &["one", "few", "many", "other"]),
    ("pt", &["one", "many", "other"]),
    ("ru", &["one", "few", "many", "other"]),
    ("uk", &["one", "few", "many", "other"]),
    ("ja", &["other"]),
    ("ko", &["other"]),
    ("zh", &["other"]),
    ("ar", &["zero", "one", "two", "few", "many", "other"]),
];

/// `{name}` placeholders in `text`.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

fn english() -> serde_json::Map<String, Value> {
    match serde_json::to_value(EN).unwrap() {
        Value::Object(map) => map,
        other => panic!("{other:?}"),
    }
}

fn file(code: &str) -> serde_json::Map<String, Value> {
    let path = lang_dir().join(format!("{code}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text).unwrap_or_else(|e| panic!("{code}.json: {e}")) {
        Value::Object(map) => map,
        other => panic!("{code}.json is not an object: {other:?}"),
    }
}

#[test]
fn every_file_is_one_of_the_languages_and_every_language_has_a_file() {
    let mut on_disk: Vec<String> = std::fs::read_dir(lang_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = LANGUAGES.iter().map(|(c, _)| format!("{c}.json")).collect();
    expected.sort();
    assert_eq!(on_disk, expected);
}

fn check(code: &str, words: &serde_json::Map<String, Value>, categories: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let en = english();
    let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<BTreeSet<_>>();
    for missing in keys(&en).difference(&keys(words)) {
        problems.push(format!("{code}: missing {missing}"));
    }
    for extra in keys(words).difference(&keys(&en)) {
        problems.push(format!("{code}: unknown key {extra}"));
    }
    for (key, english) in &en {
        let Some(theirs) = words.get(key) else {
            continue;
        };
        match (english, theirs) {
            (Value::String(e), Value::String(t)) => {
                if placeholders(e) != placeholders(t) {
                    problems.push(format!(
                        "{code}.{key}: placeholders {:?}, English {:?}",
                        placeholders(t),
                        placeholders(e)
                    ));
                }
                if t.trim().is_empty() {
                    problems.push(format!("{code}.{key}: empty"));
                }
            }
            // A plural sentence: the language's categories.
            (Value::Object(e), Value::Object(forms)) => {
                let wanted = placeholders(e["other"].as_str().unwrap());
                let got: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
                if got != categories.iter().copied().collect() {
                    problems.push(format!(
                        "{code}.{key}: plural forms {got:?}, CLDR has {categories:?}"
                    ));
                }
                for (category, form) in forms {
                    let form = form.as_str().unwrap_or_default();
                    let have = placeholders(form);
                    // "other" says the number; zero, one and two may say it in words.
                    let ok = if category == "other" {
                        have == wanted
                    } else {
                        have.is_subset(&wanted)
                    };
                    if !ok || form.trim().is_empty() {
                        problems.push(format!("{code}.{key}.{category}: {form:?}"));
                    }
                }
            }
            (Value::Array(e), Value::Array(t)) => {
                if e.len() != t.len()
                    || t.iter()
                        .any(|s| s.as_str().is_none_or(|s| s.trim().is_empty()))
                {
                    problems.push(format!(
                        "{code}.{key}: {} entries, English {}",
                        t.len(),
                        e.len()
                    ));
                }
            }
            _ => problems.push(format!("{code}.{key}: not the shape of English's")),
        }
    }
    problems
}

#[test]
fn every_file_loads_as_the_widget_loads_it() {
    for (code, _) in LANGUAGES {
        let path = lang_dir().join(format!("{code}.json"));
        let text: &'static str = String::leak(std::fs::read_to_string(&path).unwrap());
        let words = Words::from_json(text).unwrap_or_else(|e| panic!("{code}.json: {e}"));
        // Every value of the file, and nothing of English's, in the words it loads as.
        assert_eq!(
            serde_json::to_value(words).unwrap(),
            Value::Object(file(code)),
            "{code}.json loads as other words than it has"
        );
        assert_eq!(Lang::from_tag(code).tag(), code, "{code} is a Lang");
        assert!(
            Lang::from_tag(code).built_in().is_none(),
            "{code} is a file"
        );
    }
}

#[test]
fn a_missing_key_stays_english_and_an_unknown_one_is_skipped() {
    let mut words = file("nl");
    words.remove("search");
    words.insert("from_a_later_version".into(), Value::from("Nieuw"));
    let text = String::leak(serde_json::to_string(&words).unwrap());
    let loaded = Words::from_json(text).unwrap();
    assert_eq!(loaded.search, EN.search);
    assert_eq!(loaded.people, "Personen");
}

#[test]
fn a_list_of_the_wrong_length_is_refused() {
    let mut words = file("nl");
    words.insert("statuses".into(), serde_json::json!(["Actief", "Afwezig"]));
    let text = String::leak(serde_json::to_string(&words).unwrap());
    let error = Words::from_json(text).unwrap_err();
    assert!(error.contains("statuses"), "{error}");
}

#[test]
fn an_escaped_string_is_refused_with_a_message_not_a_panic() {
    let mut words = file("fr");
    words.insert("search".into(), Value::from("Chercher \"quelqu'un\""));
    let text = String::leak(serde_json::to_string(&words).unwrap());
    let error = Words::from_json(text).unwrap_err();
    assert!(error.contains("borrowed string"), "{error}");
}

#[test]
fn every_language_has_every_string_placeholder_and_plural_form() {
    let problems: Vec<String> = LANGUAGES
        .iter()
        .flat_map(|(code, categories)| check(code, &file(code), categories))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_finds_a_lost_placeholder_a_missing_plural_form_and_a_missing_string() {
    let mut words = file("pl");
    words.insert("failed".into(), Value::from("Ponowienie za {n} s."));
    words["came_online"].as_object_mut().unwrap().remove("few");
    words.remove("search");
    let problems = check("pl", &words, &["one", "few", "many", "other"]).join("\n");
    assert!(problems.contains("pl.failed: placeholders"), "{problems}");
    assert!(
        problems.contains("pl.came_online: plural forms"),
        "{problems}"
    );
    assert!(problems.contains("pl: missing search"), "{problems}");
}
