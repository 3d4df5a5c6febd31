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

/// One test per answer, so one that fails does not hide the others: one or more of each
/// kind (cut short, not JSON, wrong shape, odd but valid, hostile, the proxy's pages,
/// Zulip's refusals, rate limits).
macro_rules! after_a_good_roster {
    ($($name:ident => $file:literal),* $(,)?) => {
        $(
            #[wasm_bindgen_test]
            async fn $name() {
                gives_its_stated_outcome($file, include_bytes!(concat!("corpus/", $file))).await;
            }
        )*
    };
}

after_a_good_roster! {
    answer_001_truncated_mid_user => "001-truncated-mid-user.json",
    answer_003_empty_body => "003-empty-body.json",
    answer_006_plain_text => "006-plain-text.txt",
    answer_008_deep_nesting => "008-deep-nesting.json",
    answer_009_invalid_utf8_in_email => "009-invalid-utf8-in-email.json",
    answer_011_utf8_bom => "011-utf8-bom.json",
    answer_012_null => "012-null.json",
    answer_024_user_is_a_string => "024-user-is-a-string.json",
    answer_027_timestamp_is_a_string => "027-timestamp-is-a-string.json",
    answer_034_unknown_status => "034-unknown-status.json",
    answer_043_hostile_strings => "043-hostile-strings.json",
    answer_044_html_page_200 => "044-html-page-200.html",
    answer_045_nginx_502 => "045-nginx-502.html",
    answer_051_401_invalid_api_key => "051-401-invalid-api-key.json",
    answer_052_401_user_deactivated => "052-401-user-deactivated.json",
    answer_058_error_body_with_200 => "058-error-body-with-200.json",
    answer_060_429_retry_after_string => "060-429-retry-after-string.json",
    answer_064_deep_nesting_top_level => "064-deep-nesting-top-level.json",
}

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

/// After a good roster, the answer in `file` gives the state, words, event and rows its
/// manifest entry states, and nothing is logged as an error.
async fn gives_its_stated_outcome(file: &str, body: &[u8]) {
    let case = case(file);
    let reply = Reply::Answer {
        status: case["status"].as_u64().unwrap() as u16,
        body: body.to_vec(),
        retry_after: case["retry_after"].as_str().map(str::to_owned),
    };
    // On fake time: the next poll comes when the clock is moved, not a second later.
    let fakes = Fakes::on_fake_time(FakeFetcher::new().route(PRESENCE, vec![ok(team()), reply]));
    let console = ConsoleErrors::watch();
    let (root, handle) = mount_roster(&[("names", "off"), ("refresh", "1")], &fakes.services, 1000);
    let (errors, _listener) = record_errors(&root);
    wait_for_state(&root, "ready").await;
    assert_eq!(row_emails(&root).len(), 4, "{file}: the good roster");
    advance_until(&root, &fakes.clock, "the bad answer", || {
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
