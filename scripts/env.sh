# Sourced by the other scripts: where the pinned tools live, and how they behave.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# npm's binaryen 132 first: Debian's wasm-opt (108) fails on wasm-bindgen 0.2.130 output.
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must never reach for the network on its own.
export TRUNK_SKIP_VERSION_CHECK=true
# geckodriver, pinned, installed by setup.sh outside PATH (wasm-bindgen-test-runner takes
# the first geckodriver on PATH ahead of chromedriver) and outside the checkout, so fresh
# clones share it.
export GECKODRIVER_VERSION=0.37.1
export ROSTER_GECKODRIVER="${CARGO_HOME:-$HOME/.cargo}/opt/geckodriver-$GECKODRIVER_VERSION/bin/geckodriver"
