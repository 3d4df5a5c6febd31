//! Bad answers in the browser: a representative part of the corpus (`tests/corpus/`,
//! all of which the model's native tests run) through the mounted widget. After a good
//! roster, each bad answer gives its stated state and message, a `roster-error` event
//! with its cause, keeps the good rows on screen, and logs no error and no panic.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::Value;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MANIFEST: &str = include_str!("corpus/cases.json");

macro_rules! corpus {
    ($($file:literal),* $(,)?) => {
        [$(($file, include_bytes!(concat!("corpus/", $file)) as &[u8])),*]
    };
}

/// One or more of each kind: cut short, not JSON, wrong shape, odd but valid, hostile,
/// the proxy's pages, Zulip's refusals, rate limits.
const REPRESENTATIVE: [(&str, &[u8]); 18] = corpus![
    "001-truncated-mid-user.json",
    "003-empty-body.json",
    "006-plain-text.txt",
    "008-deep-nesting.json",
    "009-invalid-utf8-in-email.json",
    "011-utf8-bom.json",
    "012-null.json",
    "024-user-is-a-string.json",
    "027-timestamp-is-a-string.json",
    "034-unknown-status.json",
    "043-hostile-strings.json",
    "044-html-page-200.html",
    "045-nginx-502.html",
    "051-401-invalid-api-key.json",
    "052-401-user-deactivated.json",
    "058-error-body-with-200.json",
    "060-429-retry-after-string.json",
    "064-deep-nesting-top-level.json",
];

fn case(file: &str) -> Value {
    let manifest: Value = serde_json::from_str(MANIFEST).unwrap();
    manifest["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"] == file)
        .unwrap_or_else(|| panic!("{file} is not in the manifest"))
        .clone()
}

#[wasm_bindgen_test]
async fn each_bad_answer_after_a_good_roster_gives_its_stated_outcome() {
    for (file, body) in REPRESENTATIVE {
        let case = case(file);
        let reply = Reply::Answer {
            status: case["status"].as_u64().unwrap() as u16,
            body: body.to_vec(),
            retry_after: case["retry_after"].as_str().map(str::to_owned),
        };
        let fakes = Fakes::new(FakeFetcher::new().route(PRESENCE, vec![ok(team()), reply]));
        let console = ConsoleErrors::watch();
        let (root, handle) =
            mount_roster(&[("names", "off"), ("refresh", "1")], &fakes.services, 1000);
        let (errors, _listener) = record_errors(&root);
        wait_for_state(&root, "ready").await;
        assert_eq!(row_emails(&root).len(), 4, "{file}: the good roster");
        wait_until(&root, "the bad answer", || {
            fakes.fetcher.count(PRESENCE) >= 2
        })
        .await;

        match case["state"].as_str().unwrap() {
            "error" => {
                wait_for_state(&root, "stale").await;
                let banner = text(&root, "[part=banner]");
                let says = case["says"].as_str().unwrap();
                assert!(banner.contains(says), "{file}: {banner:?} lacks {says:?}");
                assert_eq!(row_emails(&root).len(), 4, "{file}: the good rows stay");
                wait_until(&root, "a roster-error event", || {
                    !errors.borrow().is_empty()
                })
                .await;
                assert_eq!(
                    Some(errors.borrow()[0].0.as_str()),
                    case["cause"].as_str(),
                    "{file}"
                );
            }
            state => {
                let people = case["people"].as_u64().unwrap().to_string();
                wait_until(&root, "the new roster", || {
                    root.get_attribute("data-total").as_deref() == Some(people.as_str())
                })
                .await;
                assert_eq!(
                    root.get_attribute("data-state").as_deref(),
                    Some(state),
                    "{file}"
                );
                assert!(errors.borrow().is_empty(), "{file}: {:?}", errors.borrow());
            }
        }
        assert_eq!(
            console.seen(),
            Vec::<String>::new(),
            "{file}: console errors"
        );
        handle.destroy();
    }
}
