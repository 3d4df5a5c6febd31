#!/usr/bin/env bash
# The widget's wasm-bindgen browser tests in one engine, named explicitly:
#
#   scripts/browser-tests.sh chromium    headless Chromium, through wasm-pack (offline)
#   scripts/browser-tests.sh firefox     headless Firefox ESR (geckodriver: env.sh's ROSTER_GECKODRIVER)
#   scripts/browser-tests.sh webkit      WebKitGTK's MiniBrowser under Xvfb
#
# Prints the engine's summary last ("chromium: 84 passed, 0 failed in 10 test binaries")
# and fails when any test fails. Each run names its WebDriver server and clears the
# others': wasm-bindgen-test-runner otherwise takes the first geckodriver, safaridriver
# or chromedriver it meets on PATH, geckodriver first, and a stray one would move the run
# to another engine without a word.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
engine="${1:?chromium, firefox or webkit}"
unset CHROMEDRIVER GECKODRIVER SAFARIDRIVER
log="$(mktemp)"
reruns="$(mktemp)"
trap 'rm -f "$log" "$reruns"' EXIT
# The feature `testing` adds the hooks the tests need (fake services, a deliberate
# panic); the shipped build has none of them.
case "$engine" in
  chromium)
    # wasm-pack as the project's card names it; --mode no-install keeps it offline (it
    # uses the wasm-bindgen on PATH, which setup.sh pins to Cargo.lock's), and its cache
    # lives in target/ so it never fetches anything either.
    export WASM_PACK_CACHE="$ROOT/target/wasm-pack-cache"
    mkdir -p "$WASM_PACK_CACHE"
    # wasm-pack stops at the first failing test binary and takes no --no-fail-fast, so
    # it runs once per binary and a failure in one hides none of the others.
    run=(wasm_pack_each --headless --chrome --chromedriver /usr/bin/chromedriver)
    ;;
  firefox)
    export GECKODRIVER="$ROSTER_GECKODRIVER"
    run=(cargo test --target wasm32-unknown-unknown -p zulip-roster --features testing --no-fail-fast)
    ;;
  webkit)
    # MiniBrowser has no headless mode: a virtual X display of its own.
    export SAFARIDRIVER=/usr/bin/WebKitWebDriver
    # One binary at a time, so that a binary whose web process crashed can run again
    # alone (see webkit_each).
    run=(webkit_each)
    ;;
  *) echo "browser-tests.sh: unknown engine $engine (chromium, firefox or webkit)" >&2; exit 2 ;;
esac
# Every test binary, as cargo's target flags.
test_targets() {
  echo --lib $(ls tests/*.rs | sed -E 's#tests/(.*)\.rs#--test=\1#')
}
wasm_pack_each() {
  local failed=0 target
  for target in $(test_targets); do
    wasm-pack test --mode no-install "$@" . --features testing "$target" || failed=1
  done
  return "$failed"
}
# WebKitGTK 2.50's web process sometimes dies inside Skia while it loads its shader
# modules ("Unable to load module sksl_rt_shader ... WebProcess CRASHED"; seen once in
# four loaded runs, never idle). The crash is the engine's, before or between our tests,
# and takes the whole binary with it. A binary whose log says exactly that runs once
# more, and the rerun is named in the summary; any other failure, and a second crash,
# fail the run as before.
webkit_each() {
  local failed=0 target attempt part
  for target in $(test_targets) --doc; do
    for attempt in 1 2; do
      part="$(mktemp)"
      if xvfb-run -a cargo test --target wasm32-unknown-unknown -p zulip-roster --features testing "$target" >"$part" 2>&1; then
        cat "$part"; rm -f "$part"; break
      fi
      if [ "$attempt" = 1 ] && grep -q 'WebProcess CRASHED' "$part"; then
        # Shown, not counted: only the rerun's results reach the summary.
        sed 's/^test result:/(crashed run) test result:/' "$part"
        echo "==> webkit: the engine's web process crashed in $target; running it once more" >&2
        echo "$target" >>"$reruns"
        rm -f "$part"; continue
      fi
      cat "$part"; rm -f "$part"; failed=1; break
    done
  done
  return "$failed"
}
status=0
"${run[@]}" 2>&1 | tee "$log" || status=$?
# Where the runner says which browser it drove, to prove the engine is the one named.
drove=$(grep -oE 'Running headless tests in [A-Za-z]+|Running tests in [A-Za-z]+' "$log" | sort -u | sed -E 's/.* in //' | paste -sd, -)
summary=$(awk '/^test result:/ && /passed/ && !/measured/ { n++; for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { printf "%d passed, %d failed in %d test binaries", p, f, n }' "$log")
if [ -s "$reruns" ]; then summary="$summary (run again after an engine crash: $(paste -sd' ' "$reruns"))"; fi
echo "==> $engine ($drove): $summary" >&2
# For the test command's closing summary.
if [ -n "${BROWSER_SUMMARY:-}" ]; then echo "$engine ($drove): $summary" >>"$BROWSER_SUMMARY"; fi
exit "$status"
