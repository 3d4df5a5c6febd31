#!/usr/bin/env bash
# Trunk post-build hook: writes zulip-roster.js, the stable-named ES module page authors
# load, next to trunk's hashed files. It imports them by relative URL, so the folder can
# be served from any path prefix.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
core_js=$(cd "$dir" && ls zulip-roster-*.js | grep -v '_bg' | head -n1)
core_wasm=$(cd "$dir" && ls zulip-roster-*_bg.wasm | head -n1)
# The version is Cargo's, the one the wasm puts in data-version.
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "${TRUNK_SOURCE_DIR:-.}/Cargo.toml" | head -n1)
# Its comments (whole lines of //) stay in the source: every viewer would download them.
# A one-line banner says what the file is.
{
  echo "/*! zulip-roster $version | Apache-2.0 */"
  sed -e "s#__CORE_JS__#${core_js}#" -e "s#__CORE_WASM__#${core_wasm}#" -e "s#__VERSION__#${version}#" -e '\#^[[:space:]]*//#d' \
    "${TRUNK_SOURCE_DIR:-.}/src/js/zulip-roster.js"
} >"$dir/zulip-roster.js"
