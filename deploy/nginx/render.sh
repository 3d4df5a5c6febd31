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
mkdir -p "$OUT_DIR"
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
