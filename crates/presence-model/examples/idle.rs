//! Idle ageing natively: a roster built once and aged every second for ten minutes, with
//! the number of changes and the time it took (`EACH=1`: every tick that changed someone).
//!   cargo run --release -p presence-model --example idle -- target/bench/payloads/p50k.json
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a payload file");
    let bytes = std::fs::read(path).expect("readable");
    let parsed = presence_model::parse_presence(&bytes).expect("parses");
    let at = parsed.value.server_timestamp;
    let mut roster = presence_model::Roster::build(
        &parsed.value,
        None,
        at,
        140,
        presence_model::default_name_order,
    );
    let (mut changes, mut ticks_changed) = (0, 0);
    let t = Instant::now();
    for second in 1..=600 {
        let tick = Instant::now();
        let changed = roster.reage_changes(at + f64::from(second), 140).len();
        if changed > 0 && std::env::var_os("EACH").is_some() {
            println!("  at {second} s: {changed} changes, {:?}", tick.elapsed());
        }
        changes += changed;
        ticks_changed += usize::from(changed > 0);
    }
    println!(
        "{} people: {changes} changes in {ticks_changed} of 600 ticks, {:?} in all",
        roster.len(),
        t.elapsed()
    );
}
