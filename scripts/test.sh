#!/usr/bin/env bash
# Every check, as CI runs it (.ci/run calls this). Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
started=$SECONDS
# Each step says when it started, so a slow one shows.
step() { printf '\n==> %s (at %d s)\n' "$*" "$((SECONDS - started))" >&2; }

step "set-up"
scripts/setup.sh

step "format"
cargo fmt --all --check

step "clippy, native (model and simulator)"
cargo clippy --quiet -p presence-model -p presence-sim --all-targets -- -D warnings

step "clippy, wasm32 (widget and model)"
cargo clippy --quiet --target wasm32-unknown-unknown -p zulip-roster --lib -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p zulip-roster --features testing --lib --bins --tests -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p presence-model --lib -- -D warnings

step "native tests (model and simulator)"
cargo test -p presence-model -p presence-sim

# Every engine runs even when one fails, so each prints its summary; any failure fails
# the command after the last (see the end).
engine_failed=()
export BROWSER_SUMMARY="$ROOT/target/browser-summary.txt"
: >"$BROWSER_SUMMARY"
for engine in chromium firefox webkit; do
  step "browser tests (wasm-bindgen-test) in $engine"
  scripts/browser-tests.sh "$engine" || engine_failed+=("$engine")
done
if ((${#engine_failed[@]})); then
  echo "browser tests failed in: ${engine_failed[*]}" >&2
  exit 1
fi

step "release build (trunk, with wasm-opt)"
trunk build --release --offline
wasm=$(ls dist/*_bg.wasm)
echo "wasm: $(wc -c <"$wasm") bytes, $(gzip -9c "$wasm" | wc -c) gzipped" >&2
# The size budget: brotli of everything a page loads. Raise it only on purpose, and say
# why in BENCHMARKS.md ("The size budget"), which keeps its history.
node scripts/size.mjs dist 198000
# The release folder as the reference nginx serves it: a .gz and a .br beside each file.
node scripts/precompress.mjs dist

step "the release: scripts/release.sh twice from this commit (archive and npm package), the same checksums"
scripts/release.sh target/release-artifacts
scripts/release.sh target/release-again
diff target/release-artifacts/SHA256SUMS target/release-again/SHA256SUMS
diff target/release-artifacts/SRI target/release-again/SRI
cat target/release-artifacts/SHA256SUMS >&2

step "release folder in a page (path prefix, strict CSP) in Chromium, Firefox and WebKit"
# WebKit's MiniBrowser has no headless mode: the whole run gets a virtual X display.
xvfb-run -a node --test-reporter=spec tests/e2e/release_smoke.mjs dist

step "Zulip's own Python client (zulip on PyPI) against the simulator"
cargo build --quiet --release -p presence-sim
tools/python/bin/python tests/e2e/python_client.py target/release/presence-sim

step "end to end through the reference nginx (simulator as Zulip, headless Chromium)"
node --test-reporter=spec tests/e2e/nginx_e2e.mjs

step "the release archive unpacked in a scratch folder, deployed with its own files, in Chromium"
node --test-reporter=spec tests/e2e/release_archive.mjs target/release-artifacts

step "the npm package: installed offline in a scratch project, its types through tsc, a page importing it from node_modules"
node --test-reporter=spec tests/e2e/npm_package.mjs target/release-artifacts

step "compressed delivery through the reference nginx (precompressed files, gzipped API answers, one cached copy)"
node --test-reporter=spec tests/e2e/compression.mjs

step "a page on another origin (ALLOW_ORIGINS) through the reference nginx, in Chromium"
node --test-reporter=spec tests/e2e/cross_origin.mjs

step "the widget and its proxy in Zulip's own nginx (the recipe's two files), in Chromium"
node --test-reporter=spec tests/e2e/zulip_host.mjs

step "the privacy settings: the nginx module alone, a hostile Zulip behind nginx in each mode, then the widget through nginx with every response scanned"
node --test-reporter=spec tests/e2e/privacy_filter.mjs
node --test-reporter=spec tests/e2e/privacy_adversarial.mjs
node --test-reporter=spec tests/e2e/privacy_e2e.mjs

step "what a visitor sees through the reference nginx, in Chromium, Firefox and WebKit"
xvfb-run -a node --test-reporter=spec tests/e2e/visitor.mjs

step "the reference nginx in front of a hostile Zulip (adversarial)"
node --test-reporter=spec tests/e2e/hostile_zulip.mjs

step "browser tests per engine"
cat "$BROWSER_SUMMARY" >&2
printf '\n==> all checks passed in %d s\n' "$((SECONDS - started))" >&2
