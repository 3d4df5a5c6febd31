#!/usr/bin/env bash
# The soak: the release widget against the simulator for 1,000 polls with faults, then
# destroyed (tests/soak/soak.mjs says what it checks). Not part of the test command.
#   scripts/soak.sh            POLLS=300 scripts/soak.sh for a shorter run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/setup.sh
cargo build --quiet --release -p presence-sim
trunk build --release --offline
node tests/soak/soak.mjs
