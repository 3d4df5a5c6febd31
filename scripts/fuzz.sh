#!/usr/bin/env bash
# Fuzzing, with cargo fuzz (libFuzzer) on nightly: the presence parse and roster build,
# and config reading. Not part of the test command.
#   scripts/fuzz.sh [seconds per target]     (default 60)
# Seeds come from tests/corpus and tests/fixtures; what libFuzzer learns stays in
# target/fuzz-corpus. A crash is written to fuzz/artifacts/<target>/: replay it with
# `cargo +nightly fuzz run <target> <file>`, fix it, and add it to tests/corpus with its
# expected outcome.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
secs="${1:-60}"
if ! cargo fuzz --version 2>/dev/null | grep -q "0.13.1"; then
  cargo install cargo-fuzz --version 0.13.1 --locked
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "cargo fuzz needs a nightly toolchain: rustup toolchain install nightly" >&2
  exit 1
fi
seeds="target/fuzz-corpus"
mkdir -p "$seeds/parse_presence" "$seeds/config"
cp tests/corpus/*.json tests/corpus/*.html tests/corpus/*.txt "$seeds/parse_presence/"
find tests/fixtures -name '*.json' -exec cp {} "$seeds/parse_presence/" \;
printf 'proxy=/api/v1\nrefresh=60\ntheme=dark\n' >"$seeds/config/basic"
printf 'proxy=https://zulip.example/api/v1\nlang=pt-BR\nshowOffline=auto\nmaxRows=600\ncompact=true\n' >"$seeds/config/full"
printf 'proxy=javascript:alert(1)\nrefresh=-1\ntimeout=1e999\nnames=maybe\n' >"$seeds/config/bad"
status=0
for target in parse_presence config; do
  echo "==> fuzzing $target for $secs s"
  (cd fuzz && cargo +nightly fuzz run "$target" "../$seeds/$target" -- \
    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1) || status=$?
done
exit "$status"
