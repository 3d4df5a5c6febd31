//! Every HTTP answer a proxy can give, classified and worded; retry delays.

use presence_model::state::{retry_delay_secs, MAX_BACKOFF_SECS};
use presence_model::{classify_presence, classify_users, Answer, DownCause, ErrorCode, Failure};

fn answer(status: u16, body: &str) -> Failure {
    classify_presence(Answer {
        status,
        retry_after: None,
        body: body.as_bytes(),
    })
    .unwrap_err()
}

const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head><body></body></html>";
const OK: &str = r#"{"result":"success","msg":"","server_timestamp":1.0,"presences":{}}"#;

#[test]
fn a_good_answer_parses() {
    let parsed = classify_presence(Answer {
        status: 200,
        retry_after: None,
        body: OK.as_bytes(),
    })
    .unwrap();
    assert!(parsed.value.presences.is_empty());
}

#[test]
fn each_cause_is_recognised_and_worded() {
    let table: Vec<(Failure, Failure, &str)> = vec![
        (
            answer(404, r#"{"result":"error","msg":"Not Found","code":"BAD_REQUEST"}"#),
            Failure::WrongUrl { status: 404, not_json: false },
            "The proxy URL looks wrong: it answered HTTP 404 Not Found. Check the proxy setting.",
        ),
        (
            answer(200, "<!doctype html><html><body>Intranet home</body></html>"),
            Failure::WrongUrl { status: 200, not_json: true },
            "The proxy URL looks wrong: it answered with a web page (HTTP 200), not Zulip's JSON. Check the proxy setting.",
        ),
        (
            answer(401, r#"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#),
            Failure::Refused { status: 401, code: Some(ErrorCode::InvalidApiKey), msg: "Invalid API key".into() },
            "The Zulip server refused the proxy's credentials (INVALID_API_KEY: Invalid API key).",
        ),
        (
            answer(401, r#"{"result":"error","msg":"This organization is deactivated","code":"REALM_DEACTIVATED"}"#),
            Failure::Refused { status: 401, code: Some(ErrorCode::RealmDeactivated), msg: "This organization is deactivated".into() },
            "The Zulip server refused the proxy's credentials: the organization is deactivated (REALM_DEACTIVATED: This organization is deactivated).",
        ),
        (
            answer(403, "<html>Forbidden</html>"),
            Failure::Refused { status: 403, code: None, msg: String::new() },
            "The Zulip server refused the proxy's credentials (HTTP 403).",
        ),
        (
            answer(429, r#"{"result":"error","msg":"API usage exceeded rate limit","code":"RATE_LIMIT_HIT","retry-after":28.7}"#),
            Failure::RateLimited { retry_after_secs: 28.7 },
            "Zulip is rate-limiting the proxy.",
        ),
        (
            answer(502, NGINX_502),
            Failure::Down { cause: DownCause::Status(502) },
            "The proxy or the Zulip server is not working (HTTP 502).",
        ),
        (
            answer(500, r#"{"result":"error","msg":"Internal server error","code":"BAD_REQUEST"}"#),
            Failure::Down { cause: DownCause::Status(500) },
            "The proxy or the Zulip server is not working (HTTP 500).",
        ),
        (
            answer(400, r#"{"result":"error","msg":"Account is not associated with this subdomain","code":"BAD_REQUEST"}"#),
            Failure::Rejected {
                status: 400,
                body: presence_model::ErrorBody::new(ErrorCode::BadRequest, "Account is not associated with this subdomain"),
            },
            "The Zulip server rejected the request (HTTP 400, BAD_REQUEST: Account is not associated with this subdomain).",
        ),
    ];
    for (got, expected, words) in table {
        assert_eq!(got, expected);
        assert_eq!(got.to_string(), words);
    }
    assert_eq!(
        Failure::Down {
            cause: DownCause::Network
        }
        .to_string(),
        "The proxy cannot be reached (network error)."
    );
    assert_eq!(
        Failure::Down {
            cause: DownCause::Timeout(20)
        }
        .to_string(),
        "The proxy did not answer within 20 s."
    );
}

#[test]
fn a_malformed_answer_names_the_user_and_field() {
    let failure = answer(
        200,
        r#"{"result":"success","msg":"","server_timestamp":1.0,"presences":{"iago@zulip.com":{"website":{"status":"active"}}}}"#,
    );
    let Failure::Malformed(err) = &failure else {
        panic!("{failure:?}")
    };
    assert_eq!(
        (err.user(), err.field()),
        (Some("iago@zulip.com"), Some("timestamp"))
    );
    assert_eq!(failure.cause(), "malformed");
    let words = failure.to_string();
    assert!(
        words.contains("iago@zulip.com") && words.contains("`timestamp`"),
        "{words}"
    );
    let cut = answer(200, &OK[..20]);
    assert!(cut.to_string().contains("cut short"), "{cut}");
}

#[test]
fn retry_after_comes_from_the_body_then_the_header() {
    let limited = |header, body: &str| match classify_presence(Answer {
        status: 429,
        retry_after: header,
        body: body.as_bytes(),
    }) {
        Err(Failure::RateLimited { retry_after_secs }) => retry_after_secs,
        other => panic!("{other:?}"),
    };
    let body = r#"{"result":"error","msg":"","code":"RATE_LIMIT_HIT","retry-after":2.5}"#;
    assert_eq!(limited(Some("3"), body), 2.5);
    assert_eq!(limited(Some("7"), "Too many"), 7.0);
    // Not a whole number (the simulator's `fractional_header`): taken as it is.
    assert_eq!(limited(Some("2.5"), "Too many"), 2.5);
    assert_eq!(limited(Some("soon"), "Too many"), 60.0);
    assert_eq!(limited(None, "Too many"), 60.0);
    assert_eq!(limited(Some("-4"), "Too many"), 60.0);
}

#[test]
fn users_answers_classify_the_same_way() {
    let ok = br#"{"result":"success","msg":"","members":[]}"#;
    assert!(classify_users(Answer {
        status: 200,
        retry_after: None,
        body: ok
    })
    .is_ok());
    let refused = classify_users(Answer {
        status: 401,
        retry_after: None,
        body: br#"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#,
    });
    assert_eq!(refused.unwrap_err().cause(), "refused");
}

#[test]
fn backoff_doubles_from_the_refresh_with_jitter_and_is_capped() {
    let down = Failure::Down {
        cause: DownCause::Network,
    };
    // (refresh, jitter) → delays after failures 1 to 8.
    let table: [((u32, f64), [f64; 8]); 4] = [
        (
            (60, 0.0),
            [60.0, 120.0, 240.0, 300.0, 300.0, 300.0, 300.0, 300.0],
        ),
        (
            (60, 0.5),
            [75.0, 150.0, 300.0, 300.0, 300.0, 300.0, 300.0, 300.0],
        ),
        ((2, 0.0), [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0]),
        // A refresh over five minutes: retries keep to the refresh.
        ((600, 0.9), [600.0; 8]),
    ];
    for ((refresh, jitter), expected) in table {
        let delays: Vec<f64> = (1..=8)
            .map(|n| retry_delay_secs(&down, n, refresh, jitter))
            .collect();
        assert_eq!(delays, expected, "refresh {refresh} s, jitter {jitter}");
    }
    assert_eq!(retry_delay_secs(&down, 1000, 60, 0.999), MAX_BACKOFF_SECS);
}

#[test]
fn backoff_is_never_below_the_refresh_nor_above_five_minutes() {
    let failures = [
        Failure::Down {
            cause: DownCause::Network,
        },
        Failure::RateLimited {
            retry_after_secs: 0.0,
        },
        Failure::RateLimited {
            retry_after_secs: 10_000.0,
        },
    ];
    for failure in &failures {
        for refresh in [1, 5, 60, 299, 300] {
            for n in [1, 2, 7, 40, u32::MAX] {
                for jitter in [0.0, 0.3, 0.999] {
                    let delay = retry_delay_secs(failure, n, refresh, jitter);
                    assert!(
                        (f64::from(refresh)..=MAX_BACKOFF_SECS).contains(&delay),
                        "{failure:?} #{n}, refresh {refresh}: {delay}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_rate_limit_waits_what_zulip_asked_within_the_bounds() {
    let limited = |secs| Failure::RateLimited {
        retry_after_secs: secs,
    };
    assert_eq!(retry_delay_secs(&limited(28.7), 3, 10, 0.5), 29.2);
    assert_eq!(
        retry_delay_secs(&limited(7.0), 1, 60, 0.5),
        60.5,
        "not before the refresh"
    );
    assert_eq!(
        retry_delay_secs(&limited(3600.0), 1, 60, 0.5),
        MAX_BACKOFF_SECS
    );
}

#[test]
fn the_reference_proxys_refused_key_is_a_refusal_not_an_outage() {
    let body = r#"{"result":"error","msg":"Zulip refused the proxy's bot key (wrong or revoked)","code":"PROXY_AUTH_FAILED"}"#;
    let failure = answer(502, body);
    assert_eq!(
        (failure.cause(), failure.http_status(), failure.zulip_code()),
        ("refused", Some(502), Some("PROXY_AUTH_FAILED"))
    );
    assert_eq!(
        failure.to_string(),
        "The Zulip server refused the proxy's credentials (PROXY_AUTH_FAILED: Zulip refused the proxy's bot key (wrong or revoked))."
    );
}

/// The reference nginx passes Zulip's own refusal body on as a 502, so each cause is
/// named (`zerver/lib/exceptions.py`: `RealmDeactivatedError`, `UserDeactivatedError`,
/// `InvalidAPIKeyError`).
#[test]
fn zulips_refusals_through_the_reference_proxy_say_what_happened() {
    let table = [
        (
            r#"{"result":"error","msg":"This organization has been deactivated","code":"REALM_DEACTIVATED"}"#,
            "REALM_DEACTIVATED",
            "The Zulip server refused the proxy's credentials: the organization is deactivated (REALM_DEACTIVATED: This organization has been deactivated).",
        ),
        (
            r#"{"result":"error","msg":"Account is deactivated","code":"USER_DEACTIVATED"}"#,
            "USER_DEACTIVATED",
            "The Zulip server refused the proxy's credentials: the proxy's account is deactivated (USER_DEACTIVATED: Account is deactivated).",
        ),
        (
            r#"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#,
            "INVALID_API_KEY",
            "The Zulip server refused the proxy's credentials (INVALID_API_KEY: Invalid API key).",
        ),
    ];
    for (body, code, words) in table {
        let failure = answer(502, body);
        assert_eq!(
            (failure.cause(), failure.http_status(), failure.zulip_code()),
            ("refused", Some(502), Some(code))
        );
        assert_eq!(failure.to_string(), words);
    }
}

/// An answer over the size limit is not read, and the message says why (issue 13).
#[test]
fn an_answer_too_large_to_read_is_worded_and_counts_as_malformed() {
    let failure = Failure::TooLarge;
    assert_eq!(failure.cause(), "malformed");
    assert_eq!(
        failure.to_string(),
        "The proxy's answer is too large to read (over 64 MB)."
    );
    assert_eq!(presence_model::protocol::MAX_ANSWER_BYTES, 64 * 1024 * 1024);
}
