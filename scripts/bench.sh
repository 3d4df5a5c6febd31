#!/usr/bin/env bash
# The benchmark: builds the release widget (with benchmark exports, in target/bench/dist),
# the shipped release build (dist/, for its size), a Yew hello-world with the same profile,
# and payloads of 30 / 1k / 10k / 50k people (and their names) from the simulator; then measures in headless
# Chromium against a vanilla-JS baseline in the same page (tests/bench/bench.mjs).
# Writes target/bench/results.json and BENCHMARKS.md. Not part of the test command.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/setup.sh
mkdir -p target/bench/payloads
cargo build --quiet --release -p presence-sim
sim=target/release/presence-sim
at=1800000000
"$sim" --users 1000 --seed 1 --dump-presence $at >target/bench/payloads/p1k.json
"$sim" --users 10000 --seed 1 --dump-presence $at --changed 10 >target/bench/payloads/p10k.both
head -n1 target/bench/payloads/p10k.both >target/bench/payloads/p10k.json
tail -n1 target/bench/payloads/p10k.both >target/bench/payloads/p10k-changed.json
"$sim" --users 50000 --seed 1 --dump-presence $at >target/bench/payloads/p50k.json
# Startup (M8, M9): presence and the names that go with it, as the proxy serves them.
"$sim" --users 30 --seed 1 --dump-presence $at >target/bench/payloads/p30.json
for n in 30:u30 10000:u10k 50000:u50k; do
  "$sim" --users "${n%%:*}" --seed 1 --dump-users >"target/bench/payloads/${n##*:}.json"
done
trunk build --release --offline
trunk build --release --offline --features bench --dist target/bench/dist
# The same module with function names kept, for the CPU profiles: wasm-bindgen keeps the
# name section, and wasm-opt keeps it with -g (trunk's build drops it).
rm -rf target/bench/prof-dist
wasm-bindgen --target web --out-dir target/bench/prof-dist target/wasm32-unknown-unknown/release/zulip_roster.wasm
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  target/bench/prof-dist/zulip_roster_bg.wasm -o target/bench/prof-dist/zulip_roster_bg.wasm
(cd bench/hello && CARGO_TARGET_DIR=../../target/bench/hello-target trunk build --release --offline --dist ../../target/bench/hello-dist)
node tests/bench/bench.mjs
