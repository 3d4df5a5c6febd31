//! Where the time goes natively: parse vs roster building, for a payload file.
//!   cargo run --release -p presence-model --example timing -- target/bench/payloads/p10k.json
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a payload file");
    let bytes = std::fs::read(path).expect("readable");
    for _ in 0..3 {
        let t = Instant::now();
        let parsed = presence_model::parse_presence(&bytes).expect("parses");
        let parse = t.elapsed();
        let t = Instant::now();
        let roster = presence_model::Roster::build(
            &parsed.value,
            None,
            parsed.value.server_timestamp,
            140,
            presence_model::default_name_order,
        );
        let build = t.elapsed();
        println!("{} people: parse {parse:?}, build {build:?}", roster.len());
    }
}
