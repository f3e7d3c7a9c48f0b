#!/bin/sh
# TP0 echo server: configuration from config.ini (environment variables of the same names win),
# BusyBox nc accepting connections (handler.sh echoes one message per connection), and a graceful
# shutdown on SIGTERM. Usage: server.sh [config.ini]
APP_DIR=$(dirname "$0")
# shellcheck source=server/common.sh
. "$APP_DIR/common.sh"
CONFIG_FILE=${1:-$APP_DIR/config.ini}
# Every line goes to this process's stdout, also from subshells and from the handlers (children of nc).
LOG_OUT=/proc/$$/fd/1

fail_config() {
  emit ERROR "action: config | result: fail | error: $1"
  exit 1
}

# ini_get KEY: the value of KEY in the [DEFAULT] section (or before any section) of CONFIG_FILE.
# Accepts `KEY = value`, `KEY=value` and `KEY: value`, comments, CRLF and a missing final newline.
ini_get() {
  [ -r "$CONFIG_FILE" ] || return 0
  awk -v want="$1" '
    { sub(/\r$/, "") }
    /^[ \t]*([#;]|$)/ { next }
    /^[ \t]*\[/ { s = $0; gsub(/^[ \t]*\[[ \t]*|[ \t]*\][ \t]*$/, "", s); section = toupper(s); next }
    section != "" && section != "DEFAULT" { next }
    {
      i = index($0, "="); j = index($0, ":")
      if (i == 0 || (j > 0 && j < i)) i = j
      if (i == 0) next
      k = substr($0, 1, i - 1); v = substr($0, i + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v)
      if (toupper(k) == want) val = v
    }
    END { if (val != "") print val }' "$CONFIG_FILE"
}

# setting KEY: the environment variable KEY if set and not empty, else the file's value.
setting() {
  eval "from_env=\${$1:-}"
  if [ -n "$from_env" ]; then printf '%s\n' "$from_env"; else ini_get "$1"; fi
}

required() {
  value=$(setting "$1")
  [ -n "$value" ] || fail_config "missing configuration key $1: set it in $CONFIG_FILE ([DEFAULT] section) or in the environment variable $1"
  printf '%s\n' "$value"
}

whole_number() { # KEY VALUE MAX
  case "$2" in
    '' | *[!0-9]* | ??????*) fail_config "invalid $1 '$2': not a whole number between 1 and $3" ;;
  esac
  if [ "$2" -lt 1 ] || [ "$2" -gt "$3" ]; then
    fail_config "invalid $1 '$2': not a whole number between 1 and $3"
  fi
}

PORT=$(required SERVER_PORT) || exit 1
required SERVER_IP >/dev/null || exit 1 # the clients' and the validator's concern, but required
BACKLOG=$(required SERVER_LISTEN_BACKLOG) || exit 1
LEVEL=$(required LOGGING_LEVEL) || exit 1
whole_number SERVER_PORT "$PORT" 65535
whole_number SERVER_LISTEN_BACKLOG "$BACKLOG" 65535
LOG_RANK=$(level_rank "$(printf '%s' "$LEVEL" | tr '[:lower:]' '[:upper:]')")
[ -n "$LOG_RANK" ] || fail_config "invalid LOGGING_LEVEL '$LEVEL': use DEBUG, INFO, WARNING, ERROR or CRITICAL"

# What the handlers need.
TMPDIR=${TMPDIR:-/tmp}
mkdir -p "$TMPDIR"
CONN_DIR=$(mktemp -d)
export TMPDIR LOG_RANK LOG_OUT CONN_DIR

# The config line is shown at every level.
emit INFO "action: config | result: success | port: $PORT | listen_backlog: $BACKLOG | logging_level: $LEVEL"

# A persistent BusyBox nc: `-ll` in the small applet, `-lk` in the full one (Alpine's build).
keep=-ll
if nc --help 2>&1 | grep -q -e '-lk'; then keep=-lk; fi
nc "$keep" -p "$PORT" -e "$APP_DIR/handler.sh" &
listener=$!
log INFO "action: accept_connections | result: in_progress"

# shellcheck disable=SC2317 # run by the traps below
shutdown() {
  log INFO "action: shutdown | result: in_progress | signal: $1"
  kill "$listener" 2>/dev/null
  wait "$listener" 2>/dev/null
  log INFO "action: close_server_socket | result: success | port: $PORT"
  for marker in "$CONN_DIR"/*; do
    [ -f "$marker" ] || continue
    pid=${marker##*/}
    peer=$(cat "$marker" 2>/dev/null)
    if kill "$pid" 2>/dev/null; then
      tries=0
      while [ -e "$marker" ] && [ "$tries" -lt 20 ]; do
        sleep 0.05
        tries=$((tries + 1))
      done
      log INFO "action: close_client_connection | result: success | ip: $peer"
    fi
  done
  rm -rf "$CONN_DIR"
  log INFO "action: shutdown | result: success"
  exit 0
}
trap 'shutdown SIGTERM' TERM
trap 'shutdown SIGINT' INT

# `wait` returns as soon as a trapped signal arrives, so the trap runs at once.
status=0
while kill -0 "$listener" 2>/dev/null; do
  wait "$listener"
  status=$?
done
emit ERROR "action: accept_connections | result: fail | error: the listener on port $PORT stopped (exit code $status)"
rm -rf "$CONN_DIR"
exit 1
