#!/usr/bin/env bash
# Renders the zulip-roster nginx templates into OUT_DIR.
#
#   PREFIX=/zulip-roster DIST_DIR=/srv/zulip-roster ZULIP_URL=https://chat.example.com \
#   AUTH_FILE=/etc/nginx/private/zulip-roster-auth.conf OUT_DIR=/etc/nginx/zulip-roster \
#   deploy/nginx/render.sh
#
# Optional: SHIM_SOCKET (the key-holding server's unix socket, in a folder only nginx's
# user may enter: /run/zulip-roster/shim.sock), ERROR_TTL (how long one error answers
# everyone, PRESENCE_TTL), CACHE_DIR,
# PRESENCE_TTL (20s), USERS_TTL (10m), CA_FILE, FRAME_ANCESTORS ('self').
#
# Privacy (enforced by nginx's JavaScript module, Debian's libnginx-mod-http-js, in the
# key-holding server, before anything is cached): PRIVACY=full (default) | no-emails |
# counts, and OPT_OUT_FILE, one person per line who asked not to appear, as an email, a
# user id, or both ("hamlet@example.com 42"; # starts a comment). Full with no opt-out
# list needs no module. no-emails keeps its secret in OUT_DIR/privacy-key.conf, made
# once and kept, so ids stay the same across re-renders. Re-render and reload after a
# change: the cache keys change with the setting, so nothing cached before is served.
#
# Then, in nginx.conf: `include /etc/nginx/zulip-roster/http.conf;` inside http { } and
# `include /etc/nginx/zulip-roster/server.conf;` inside your server { }.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PREFIX:=/zulip-roster}" "${DIST_DIR:?the release build folder}" "${ZULIP_URL:?https://your.zulip.server}"
: "${AUTH_FILE:?a file with proxy_set_header Authorization \"Basic …\";}" "${OUT_DIR:?where to write}"
: "${CACHE_DIR:=/var/cache/nginx/zulip-roster}" "${PRESENCE_TTL:=20s}" "${USERS_TTL:=10m}"
: "${CA_FILE:=/etc/ssl/certs/ca-certificates.crt}" "${FRAME_ANCESTORS:='self'}" "${SHIM_SOCKET:=/run/zulip-roster/shim.sock}"
ZULIP_HOST="${ZULIP_HOST:-$(echo "$ZULIP_URL" | sed -E 's#^[a-z]+://([^/:]+).*#\1#')}"
case "$PREFIX" in /*) ;; *) echo "render.sh: PREFIX must start with /" >&2; exit 2 ;; esac
case "$AUTH_FILE" in "$DIST_DIR"/*) echo "render.sh: AUTH_FILE must not be inside DIST_DIR" >&2; exit 2 ;; esac
: "${PRIVACY:=full}"
case "$PRIVACY" in full|no-emails|counts) ;; *) echo "render.sh: PRIVACY must be full, no-emails or counts" >&2; exit 2 ;; esac
mkdir -p "$OUT_DIR"

# The opt-out list as a JSON array of strings. Entries are checked here because they go
# into nginx's configuration: no quote, no $, nothing but an address or digits.
opt_out="[]"
if [ -n "${OPT_OUT_FILE:-}" ]; then
  entries=()
  while read -r line; do
    line="${line%%#*}"
    for entry in $line; do
      if [[ "$entry" =~ ^[0-9]{1,12}$ || "$entry" =~ ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$ ]]; then
        entries+=("\"$entry\"")
      else
        echo "render.sh: OPT_OUT_FILE: not an email or a user id: $entry" >&2; exit 2
      fi
    done
  done <"$OPT_OUT_FILE"
  opt_out="[$(IFS=,; echo "${entries[*]}")]"
fi
# Anything cached under another setting is never served under this one.
CACHE_TAG="-$(printf '%s %s' "$PRIVACY" "$opt_out" | sha256sum | cut -c1-12)"
enforced=true
if [ "$PRIVACY" = full ] && [ "$opt_out" = "[]" ]; then enforced=false; fi
privacy_filter() { # $1: the njs function for the location's answer
  if ! $enforced; then
    echo "# privacy: full, nobody opted out: Zulip's answer as it is."
    return
  fi
  echo "set \$zulip_roster_privacy \"$PRIVACY\";"
  echo "set \$zulip_roster_opt_out '$opt_out';"
  [ "$PRIVACY" = no-emails ] && echo "include $OUT_DIR/privacy-key.conf;"
  echo "js_header_filter zulip_roster_privacy.headers;"
  echo "js_body_filter zulip_roster_privacy.$1 buffer_type=buffer;"
}
counts_refusal() { # team rosters name people: not in counts mode
  echo "return 400 '{\"result\":\"error\",\"msg\":\"This proxy shows how many people are online, not who (its privacy setting is counts): team rosters are not available.\",\"code\":\"PRIVACY_COUNTS_ONLY\"}';"
}
if ! $enforced; then
  echo "# privacy: full, nobody opted out: the JavaScript module is not used." >"$OUT_DIR/privacy-http.conf"
else
  cp "$here/zulip-roster-privacy.js" "$OUT_DIR/privacy.js"
  echo "js_import zulip_roster_privacy from $OUT_DIR/privacy.js;" >"$OUT_DIR/privacy-http.conf"
fi
if [ "$PRIVACY" = no-emails ] && [ ! -s "$OUT_DIR/privacy-key.conf" ]; then
  (umask 077; echo "set \$zulip_roster_privacy_key \"$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')\";" >"$OUT_DIR/privacy-key.conf")
fi
privacy_filter presence >"$OUT_DIR/privacy-presence.conf"
privacy_filter users >"$OUT_DIR/privacy-users.conf"
if [ "$PRIVACY" = counts ]; then
  counts_refusal >"$OUT_DIR/privacy-groups.conf"
  counts_refusal >"$OUT_DIR/privacy-stream-id.conf"
  counts_refusal >"$OUT_DIR/privacy-subscribers.conf"
else
  privacy_filter groups >"$OUT_DIR/privacy-groups.conf"
  echo "# privacy: a channel's id names no one." >"$OUT_DIR/privacy-stream-id.conf"
  privacy_filter subscribers >"$OUT_DIR/privacy-subscribers.conf"
fi

render() {
  sed -e "s#@PREFIX@#${PREFIX%/}#g" -e "s#@DIST_DIR@#${DIST_DIR%/}#g" \
      -e "s#@ZULIP_URL@#${ZULIP_URL%/}#g" -e "s#@ZULIP_HOST@#${ZULIP_HOST}#g" \
      -e "s#@AUTH_FILE@#${AUTH_FILE}#g" -e "s#@CACHE_DIR@#${CACHE_DIR}#g" \
      -e "s#@PRESENCE_TTL@#${PRESENCE_TTL}#g" -e "s#@USERS_TTL@#${USERS_TTL}#g" \
      -e "s#@CA_FILE@#${CA_FILE}#g" -e "s#@FRAME_ANCESTORS@#${FRAME_ANCESTORS}#g" \
      -e "s#@COMMON@#${OUT_DIR}/proxy-common.conf#g" -e "s#@UPSTREAM@#${OUT_DIR}/upstream.conf#g" \
      -e "s#@AVATARS@#${OUT_DIR}/avatars.conf#g" -e "s#@ZULIP_TLS@#${OUT_DIR}/zulip-tls.conf#g" \
      -e "s#@SHIM_SOCKET@#${SHIM_SOCKET}#g" -e "s#@ERROR_TTL@#${ERROR_TTL:-$PRESENCE_TTL}#g" \
      -e "s#@API_HEADERS@#${OUT_DIR}/api-headers.conf#g" \
      -e "s#@SECURITY_HEADERS@#${OUT_DIR}/security-headers.conf#g" \
      -e "s#@PRIVACY_HTTP@#${OUT_DIR}/privacy-http.conf#g" -e "s#@CACHE_TAG@#${CACHE_TAG}#g" \
      -e "s#@PRIVACY_PRESENCE@#${OUT_DIR}/privacy-presence.conf#g" -e "s#@PRIVACY_USERS@#${OUT_DIR}/privacy-users.conf#g" \
      -e "s#@PRIVACY_GROUPS@#${OUT_DIR}/privacy-groups.conf#g" -e "s#@PRIVACY_STREAM_ID@#${OUT_DIR}/privacy-stream-id.conf#g" \
      -e "s#@PRIVACY_SUBSCRIBERS@#${OUT_DIR}/privacy-subscribers.conf#g" \
      "$here/$1" >"$OUT_DIR/$2"
}
render zulip-roster.http.conf.template http.conf
render zulip-roster.server.conf.template server.conf
render zulip-roster.proxy-common.conf.template proxy-common.conf
render zulip-roster.upstream.conf.template upstream.conf
render zulip-roster.avatars.conf.template avatars.conf
render zulip-roster.zulip-tls.conf.template zulip-tls.conf
render zulip-roster.api-headers.conf.template api-headers.conf
render zulip-roster.security-headers.conf.template security-headers.conf
echo "$OUT_DIR"
