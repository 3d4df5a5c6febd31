//! Any bytes, as a presence answer with any status: classified, and when good, built
//! into a roster, aged, searched and windowed. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presence_model::config::ShowOffline;
use presence_model::search::{no_fold, Search};
use presence_model::roster::default_ranking;
use presence_model::{classify_presence, classify_users, Answer, Live};

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        // The first byte picks a status now and then; mostly the body is all of it.
        Some((&b, rest)) if b < 16 => ([200, 204, 400, 401, 403, 404, 429, 500, 502, 503, 504, 200, 200, 200, 429, 401][usize::from(b)], rest),
        _ => (200, data),
    };
    let retry_after = std::str::from_utf8(body).ok().filter(|s| s.len() < 32);
    let answer = Answer { status, retry_after, body };
    let _ = classify_users(answer);
    if let Ok(parsed) = classify_presence(answer) {
        let mut live = Live::new(140, 60);
        live.presence_arrived(parsed.value.clone(), 0.0, &default_ranking);
        live.tick(90_000.0);
        live.presence_arrived(parsed.value, 100_000.0, &default_ranking);
        let _ = live.take_changes();
        if let Some(snapshot) = live.state().snapshot() {
            let roster = &snapshot.roster;
            let _ = roster.rows(&Search::new(""), ShowOffline::Auto, Some(600), &no_fold);
            let _ = roster.rows(&Search::new("a"), ShowOffline::All, None, &no_fold);
            let _ = roster.counts();
        }
    }
});
