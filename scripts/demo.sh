#!/usr/bin/env bash
# The demo: the simulated Zulip server plus `trunk serve`, roster at http://127.0.0.1:8080.
# Arguments go to the simulator, e.g. `scripts/demo.sh --format legacy --users 1000`;
# without any, it plays a self-hosted server (`--self-hosted`: uploaded, default and
# Gravatar avatars, bots, guests, deactivated members, people without presence).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
started=$SECONDS
# Only what the demo needs. A first run on a bare machine installs wasm-bindgen (about
# 2 minutes) and trunk (about 6) and builds the simulator and the widget (about 2);
# later runs start in seconds.
if ! command -v trunk >/dev/null || ! command -v wasm-bindgen >/dev/null; then
  echo "demo: first run: installing wasm-bindgen and trunk and building, about 10 minutes" >&2
fi
scripts/setup.sh --demo

cargo build --quiet --release -p presence-sim
if [ "$#" -eq 0 ]; then set -- --self-hosted; fi
target/release/presence-sim "$@" &
sim=$!
trap 'kill "$sim" 2>/dev/null || true' EXIT INT TERM
sleep 0.5
kill -0 "$sim" 2>/dev/null || { echo "demo: the simulator did not start (is port 9991 taken?)" >&2; exit 1; }

echo "demo: ready after $((SECONDS - started)) s; the roster is at http://127.0.0.1:8080 once trunk has built it (Ctrl-C stops both)" >&2
# -q: trunk logs proxy request headers at normal verbosity, and one of them carries the
# (demo) credential. Errors still show.
trunk serve -q --offline
