#!/usr/bin/env bash
# Installs whatever is missing, at pinned versions. Idempotent: a second run checks
# versions and installs nothing (about a second). Everything comes from crates.io,
# Debian's packages or the npm registry; nothing downloads a binary from elsewhere.
#
#   scripts/setup.sh          everything the test command needs
#   scripts/setup.sh --demo   only what scripts/demo.sh needs (Rust's wasm target,
#                             wasm-bindgen, trunk, Node.js and npm's wasm-opt): no browser
#                             engines, drivers, nginx or Python
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

# Keep in step with Cargo.toml (wasm-bindgen = "=…") and Trunk.toml ([tools]).
WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
WASM_PACK_VERSION=0.15.1

say() { echo "setup: $*" >&2; }
demo=false
if [ "${1:-}" = --demo ]; then demo=true; fi

if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  say "needs Rust (rustup and cargo) on PATH"; exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
$demo && components=() || components=(clippy rustfmt)
for component in "${components[@]}"; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component"
    rustup component add "$component"
  fi
done

# Debian packages: the three browser engines and their WebDriver servers for the browser
# tests (headless Chromium; Firefox ESR, driven by geckodriver below; WebKitGTK's
# MiniBrowser, which has no headless mode, under Xvfb), Node.js and npm for wasm-opt.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v npm >/dev/null || missing+=(nodejs npm)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
# nginx's JavaScript module (njs 0.7.9 in Debian 12), for the proxy's privacy settings.
[ -e /usr/lib/nginx/modules/ngx_http_js_module.so ] || missing+=(libnginx-mod-http-js)
# Brotli for the reference nginx's precompressed files (brotli_static).
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
# The other engines, as verified on this kind of machine: without recommends.
engines=()
[ -x /usr/bin/firefox ] || engines+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || engines+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || engines+=(xvfb)
command -v xauth >/dev/null || engines+=(xauth)
# The demo needs none of them: Node.js and npm (for wasm-opt) only.
if $demo; then
  missing=()
  command -v npm >/dev/null || missing+=(nodejs npm)
  engines=()
fi
if ((${#missing[@]} + ${#engines[@]})); then
  if [ "$(id -u)" != 0 ]; then
    say "please install the Debian packages: ${missing[*]} ${engines[*]} (needs root)"; exit 1
  fi
  say "installing Debian packages: ${missing[*]} ${engines[*]}"
  apt-get update -qq
  # Packages must not start services here (nginx would take port 80): the tests start
  # their own, unprivileged, and stop them.
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=true
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ((${#missing[@]})); then apt-get install -y -qq "${missing[@]}" >/dev/null; fi
  if ((${#engines[@]})); then apt-get install -y -qq --no-install-recommends "${engines[@]}" >/dev/null; fi
  if $own_policy; then rm -f "$policy"; fi
fi

# Cargo-installed tools, each checked by version first so re-runs are instant.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: its lock file names a webpki-roots version missing from the index.
  cargo install --quiet --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 6 minutes)"
  cargo install --quiet --force --locked trunk --version "$TRUNK_VERSION"
fi

if ! $demo && [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION (about 2 minutes)"
  cargo install --quiet --force --locked wasm-pack --version "$WASM_PACK_VERSION"
fi
# geckodriver in a folder of its own, never on PATH (env.sh: ROSTER_GECKODRIVER):
# wasm-bindgen-test-runner takes the first geckodriver it finds on PATH ahead of
# chromedriver, which would silently move every Chromium run to Firefox. Each run names
# its engine (scripts/browser-tests.sh).
if ! $demo && [ "$("$ROSTER_GECKODRIVER" --version 2>/dev/null | head -1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION into $(dirname "$(dirname "$ROSTER_GECKODRIVER")") (about 4 minutes)"
  cargo install --quiet --force --locked geckodriver --version "$GECKODRIVER_VERSION" --root "$(dirname "$(dirname "$ROSTER_GECKODRIVER")")"
fi

# npm tools (binaryen 132 for wasm-opt, playwright-core), exactly as package-lock.json
# says; a stamp of the lock file makes re-runs instant.
stamp=tools/node_modules/.lock-stamp
if [ "$(cat "$stamp" 2>/dev/null)" != "$(sha256sum tools/package-lock.json)" ] \
  || [ "$(wasm-opt --version 2>/dev/null)" != "wasm-opt version 132 (version_132)" ]; then
  say "installing npm tools (binaryen 132 for wasm-opt, playwright-core, axe-core, typescript)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  sha256sum tools/package-lock.json >"$stamp"
fi

# Zulip's Python client (PyPI), in a venv of its own, exactly as requirements.txt pins it.
venv=tools/python
pystamp=$venv/.requirements-stamp
if ! $demo && [ "$(cat "$pystamp" 2>/dev/null)" != "$(sha256sum tools/requirements.txt)" ]; then
  say "installing Zulip's Python client (zulip $(sed -n 's/^zulip==//p' tools/requirements.txt)) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r tools/requirements.txt
  sha256sum tools/requirements.txt >"$pystamp"
fi

# Crates, so that later offline steps (trunk --offline) find everything.
cargo fetch --quiet
