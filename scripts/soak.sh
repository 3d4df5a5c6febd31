#!/usr/bin/env bash
# The soak: the release widget against the simulator for 1,000 polls with faults, then
# destroyed (tests/soak/soak.mjs says what it checks). Not part of the test command.
# It runs the release build with the `soak` feature, which only adds exports and a
# count of live wasm bytes.
#   scripts/soak.sh            POLLS=300 scripts/soak.sh for a shorter run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/setup.sh
cargo build --quiet --release -p presence-sim
# The release build with the measuring exports (feature soak: live wasm bytes).
trunk build --release --offline --features soak --dist target/soak/dist
node tests/soak/soak.mjs
