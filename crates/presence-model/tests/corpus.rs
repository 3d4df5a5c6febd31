//! The bad-input corpus (`tests/corpus/` at the repository root): every answer in it gives
//! the outcome its manifest states, never a panic, and after a good roster a bad answer
//! leaves that roster on screen (stale) with its message.

use std::path::PathBuf;

use presence_model::domain::default_ranking;
use presence_model::words::english;
use presence_model::{classify_presence, Answer, RosterMachine};
use serde::Deserialize;

#[derive(Deserialize)]
struct Manifest {
    cases: Vec<Case>,
}

#[derive(Deserialize, Debug)]
struct Case {
    file: String,
    status: u16,
    state: String,
    cause: Option<String>,
    says: Option<String>,
    people: Option<usize>,
    #[serde(default)]
    warnings: usize,
    retry_after: Option<String>,
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read(corpus().join("cases.json")).expect("tests/corpus/cases.json");
    serde_json::from_slice::<Manifest>(&text)
        .expect("a readable manifest")
        .cases
}

/// A roster of three, the good answer every bad one follows.
const GOOD: &str = r#"{"result":"success","msg":"","server_timestamp":1800000000.25,"presences":{
  "ada@x":{"aggregated":{"client":"website","status":"active","timestamp":1800000000}},
  "bo@x":{"aggregated":{"client":"website","status":"idle","timestamp":1799999990}},
  "cy@x":{"aggregated":{"client":"website","status":"active","timestamp":1799999000}}}}"#;

/// What went wrong with one case, or `None`.
fn check(case: &Case) -> Option<String> {
    let body = std::fs::read(corpus().join(&case.file)).expect("a corpus file");
    let answer = Answer {
        status: case.status,
        retry_after: case.retry_after.as_deref(),
        body: &body,
    };
    let mut live = RosterMachine::new(140, 60);
    let good = classify_presence(Answer {
        status: 200,
        retry_after: None,
        body: GOOD.as_bytes(),
    })
    .expect("the good answer");
    live.presence_arrived(good.value, 0.0, &default_ranking);

    match (classify_presence(answer), case.state.as_str()) {
        (Ok(parsed), "ready" | "empty") => {
            let warnings = parsed.warnings.len();
            live.presence_arrived(parsed.value, 1000.0, &default_ranking);
            let people = live.state().snapshot().map(|s| s.roster.len());
            let got = (live.state().name(), people, warnings);
            let want = (case.state.as_str(), case.people, case.warnings);
            (got != want).then(|| format!("got {got:?}, want {want:?}"))
        }
        (Err(failure), "error") => {
            let message = failure.describe(english());
            live.failed(failure.clone(), 1000.0, 0.5);
            let kept = live.state().snapshot().map(|s| s.roster.len());
            if Some(failure.cause()) != case.cause.as_deref() {
                Some(format!(
                    "cause {:?}, want {:?}: {message}",
                    failure.cause(),
                    case.cause
                ))
            } else if !case
                .says
                .as_deref()
                .is_some_and(|says| message.contains(says))
            {
                Some(format!("message {message:?} lacks {:?}", case.says))
            } else if (live.state().name(), kept) != ("stale", Some(3)) {
                Some(format!(
                    "the good roster went: {} {kept:?}",
                    live.state().name()
                ))
            } else {
                None
            }
        }
        (Ok(_), want) => Some(format!("read fine, want {want}")),
        (Err(failure), want) => Some(format!("failed ({failure}), want {want}")),
    }
}

#[test]
fn every_corpus_case_gives_its_stated_outcome() {
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|case| check(case).map(|what| format!("{}: {what}", case.file)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} cases:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_corpus_file_is_in_the_manifest_and_every_entry_has_a_file() {
    let listed: Vec<String> = cases().into_iter().map(|c| c.file).collect();
    let mut files: Vec<String> = std::fs::read_dir(corpus())
        .expect("tests/corpus")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "cases.json")
        .collect();
    files.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

/// Too big to keep as a file: more than 10 MB, about 55,000 people.
#[test]
fn a_ten_megabyte_answer_is_read_whole() {
    let mut body = String::from(
        r#"{"result":"success","msg":"","server_timestamp":1800000000.25,"presences":{"#,
    );
    let mut n = 0;
    while body.len() < 10 * 1024 * 1024 {
        if n > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            r#""person.number.{n}@zulip.example":{{"aggregated":{{"client":"website","status":"active","timestamp":{ts}}},"website":{{"client":"website","status":"active","timestamp":{ts},"pushable":false}}}}"#,
            ts = 1_800_000_000 - (n % 1000)
        ));
        n += 1;
    }
    body.push_str("}}");
    let parsed = classify_presence(Answer {
        status: 200,
        retry_after: None,
        body: body.as_bytes(),
    })
    .expect("a big answer is still an answer");
    let mut live = RosterMachine::new(140, 60);
    live.presence_arrived(parsed.value, 0.0, &default_ranking);
    let people = live.state().snapshot().map(|s| s.roster.len());
    assert_eq!(people, Some(n));
}
