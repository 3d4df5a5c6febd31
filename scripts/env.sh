# Sourced by the other scripts: where the pinned tools live, and how they behave.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# npm's binaryen 132 first: Debian's wasm-opt (108) fails on wasm-bindgen 0.2.130 output.
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must never reach for the network on its own.
export TRUNK_SKIP_VERSION_CHECK=true
