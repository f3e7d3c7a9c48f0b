#!/bin/sh
# One connection, run by nc: stdin and stdout are the socket. Reads one message (up to and including
# the first newline, or up to the peer's half-close), writes exactly those bytes back, closes, logs.
APP_DIR=$(dirname "$0")
# shellcheck source=server/common.sh
. "$APP_DIR/common.sh"

ip=$(peer_ip)
log INFO "action: accept_connections | result: success | ip: $ip"

# The server closes open connections on SIGTERM: it finds them through these marker files.
marker="$CONN_DIR/$$"
printf '%s' "$ip" >"$marker"
message=$(mktemp)
reader=
cleanup() { rm -f "$message" "$marker"; }
trap '[ -n "$reader" ] && kill "$reader" 2>/dev/null; cleanup; exit 0' TERM

# In the background so that the trap runs at once; through fd 3 because a background job's stdin
# is /dev/null.
exec 3<&0
timeout "${READ_TIMEOUT_SECONDS:-30}" head -n 1 <&3 >"$message" 3<&- &
reader=$!
wait "$reader"
status=$?
reader=

if [ "$status" -ne 0 ]; then
  exec 0<&- 1>&- 3<&-
  log ERROR "action: receive_message | result: fail | ip: $ip | error: no complete message within ${READ_TIMEOUT_SECONDS:-30}s"
elif [ ! -s "$message" ]; then
  exec 0<&- 1>&- 3<&-
  log ERROR "action: receive_message | result: fail | ip: $ip | error: connection closed before any byte arrived"
elif ! cat "$message"; then
  exec 0<&- 1>&- 3<&-
  log ERROR "action: receive_message | result: fail | ip: $ip | error: could not write the reply"
else
  exec 0<&- 1>&- 3<&-
  log INFO "action: receive_message | result: success | ip: $ip | msg: $(tr -d '\n' <"$message")"
fi
cleanup
log INFO "action: accept_connections | result: in_progress"
