//! Benchmark hooks (feature `bench`, never shipped): what `scripts/bench.sh` measures
//! needs a way in that the public API does not offer.

use presence_model::{default_name_order, parse_presence, Roster, DEFAULT_OFFLINE_THRESHOLD_SECS};
use wasm_bindgen::prelude::*;

/// M1: payload bytes → typed roster; returns how many people it holds.
#[wasm_bindgen]
pub fn bench_parse(bytes: &[u8]) -> usize {
    match parse_presence(bytes) {
        Ok(parsed) => {
            let now = parsed.value.server_timestamp;
            Roster::build(
                &parsed.value,
                None,
                now,
                DEFAULT_OFFLINE_THRESHOLD_SECS,
                default_name_order,
            )
            .len()
        }
        Err(_) => 0,
    }
}

/// M2 renders 1,000 rows without windowing.
#[wasm_bindgen]
pub fn bench_set_windowing(on: bool) {
    crate::components::roster_list::set_windowing(on);
}
