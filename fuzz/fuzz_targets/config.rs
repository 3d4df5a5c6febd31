//! Any text, as option pairs (one `name=value` a line), read into a config: either a
//! config or an error message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presence_model::Config;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pairs: Vec<(&str, &str)> = text
        .lines()
        .map(|line| line.split_once('=').unwrap_or((line, "")))
        .collect();
    if let Err(error) = Config::from_pairs(pairs.iter().copied(), Some("/api/v1")) {
        let _ = error.to_string();
    }
    let _ = Config::from_pairs(pairs.iter().copied(), None);
});
