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
# PRESENCE_TTL (20s), USERS_TTL (10m), CA_FILE, FRAME_ANCESTORS ('self'), ALLOW_ORIGINS
# (other origins whose pages embed the widget, below), BROTLI (auto:
# brotli_static where Debian's libnginx-mod-http-brotli-static is installed; on, off).
#
# Privacy (enforced by nginx's JavaScript module, Debian's libnginx-mod-http-js, which
# builds every answer of the key-holding server before anything is cached):
# PRIVACY=full (default) | no-emails | counts, and OPT_OUT_FILE, one person per line who
# asked not to appear, as an email, a user id, or both ("hamlet@example.com 42"; #
# starts a comment); it prints how many people it read. no-emails keeps its secret in
# OUT_DIR/privacy-key.conf, made once and kept, so ids stay the same across re-renders.
# Re-render and reload after a change: the cache keys change with the setting, so
# nothing cached before is served.
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

# Other origins (ALLOW_ORIGINS: exact origins, space-separated, such as
# "https://wiki.example.com https://portal.example.com:8443"): pages there may load the
# widget's files and read the API answers (CORS, for those origins only: the answer
# names the one origin that asked, never *), show avatars (their
# Cross-Origin-Resource-Policy is cross-origin then; Zulip serves them to anyone) and put
# the standalone page in an iframe. Nothing for any other origin.
: "${ALLOW_ORIGINS:=}"
{
  echo "# zulip-roster: the origins whose pages may embed the widget (rendered by render.sh)."
  echo "map \$http_origin \$zulip_roster_cors_origin {"
  echo "    default \"\";"
  for origin in $ALLOW_ORIGINS; do
    if [[ ! "$origin" =~ ^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$ ]]; then
      echo "render.sh: ALLOW_ORIGINS: not an origin (scheme://host[:port], nothing after): $origin" >&2; exit 2
    fi
    echo "    \"$origin\" \"$origin\";"
  done
  echo "}"
  # By the path the visitor asked for ($uri is rewritten on the way to Zulip).
  echo "map \$request_uri \$zulip_roster_resource_policy {"
  echo "    default same-origin;"
  if [ -n "${ALLOW_ORIGINS// /}" ]; then
    echo "    \"~^${PREFIX%/}/(user_avatars|static/images)/\" cross-origin;"
  fi
  echo "}"
} >"$OUT_DIR/cors-http.conf"
if [ -n "${ALLOW_ORIGINS// /}" ]; then FRAME_ANCESTORS="$FRAME_ANCESTORS $ALLOW_ORIGINS"; fi

# Compressed delivery. The widget's files go out as their precompressed .gz (gzip_static)
# and, where Debian's libnginx-mod-http-brotli-static is installed (BROTLI=auto finds
# it; on or off to say), .br: scripts/precompress.mjs writes both beside every file.
: "${BROTLI:=auto}"
if [ "$BROTLI" = auto ]; then
  if [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then BROTLI=on; else BROTLI=off; fi
fi
case "$BROTLI" in on|off) ;; *) echo "render.sh: BROTLI must be auto, on or off" >&2; exit 2 ;; esac
{
  echo "# zulip-roster: the widget's files precompressed (rendered by render.sh)."
  echo "gzip_static on;"
  echo "gzip_vary on;"
  if [ "$BROTLI" = on ]; then echo "brotli_static on;"; fi
} >"$OUT_DIR/compress-files.conf"

# The opt-out list as a JSON array of strings: every line of the file, whatever its line
# endings (LF, CRLF, CR; the last line with or without one), a byte-order mark ignored.
# Entries are checked here because they go into nginx's configuration: no quote, no $,
# nothing but an address or digits.
opt_out="[]"
if [ -n "${OPT_OUT_FILE:-}" ]; then
  [ -r "$OPT_OUT_FILE" ] || { echo "render.sh: OPT_OUT_FILE: cannot read $OPT_OUT_FILE" >&2; exit 2; }
  entries=() people=0 addresses=0 ids=0
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"
    listed=false
    for entry in $line; do
      if [[ "$entry" =~ ^[0-9]{1,12}$ ]]; then
        ids=$((ids + 1))
      elif [[ "$entry" =~ ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$ ]]; then
        addresses=$((addresses + 1))
      else
        echo "render.sh: OPT_OUT_FILE: not an email or a user id: $entry" >&2; exit 2
      fi
      entries+=("\"$entry\"")
      listed=true
    done
    if $listed; then people=$((people + 1)); fi
  done < <(sed '1s/^\xEF\xBB\xBF//' "$OPT_OUT_FILE" | tr '\r' '\n')
  if ((${#entries[@]})); then opt_out="[$(IFS=,; echo "${entries[*]}")]"; fi
  noun=people; ((people == 1)) && noun=person
  echo "render.sh: OPT_OUT_FILE: $people $noun opted out (addresses: $addresses, user ids: $ids)" >&2
fi
# Anything cached under another setting is never served under this one.
CACHE_TAG="-$(printf '%s %s' "$PRIVACY" "$opt_out" | sha256sum | cut -c1-12)"

# Every answer of the key-holding server is built by the module, in every mode.
cp "$here/zulip-roster-privacy.js" "$OUT_DIR/privacy.js"
# no-emails' secret: made once and kept, so opaque ids stay the same across re-renders
# and changes of mode.
if [ ! -s "$OUT_DIR/privacy-key.conf" ]; then
  (umask 077; echo "set \$zulip_roster_privacy_key \"$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')\";" >"$OUT_DIR/privacy-key.conf")
fi
{
  echo "# zulip-roster: the privacy setting, read by privacy.js (rendered by render.sh)."
  echo "set \$zulip_roster_privacy \"$PRIVACY\";"
  echo "set \$zulip_roster_opt_out '$opt_out';"
  echo "include $OUT_DIR/privacy-key.conf;"
} >"$OUT_DIR/privacy-settings.conf"
# Files of earlier versions (a body filter per location), no longer included.
rm -f "$OUT_DIR"/privacy-{http,presence,users,groups,stream-id,subscribers}.conf

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
      -e "s#@OUT_DIR@#${OUT_DIR}#g" -e "s#@CACHE_TAG@#${CACHE_TAG}#g" \
      -e "s#@PRIVACY_SETTINGS@#${OUT_DIR}/privacy-settings.conf#g" \
      -e "s#@COMPRESS_FILES@#${OUT_DIR}/compress-files.conf#g" \
      -e "s#@CORS_HTTP@#${OUT_DIR}/cors-http.conf#g" \
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
