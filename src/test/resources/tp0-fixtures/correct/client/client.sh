#!/bin/sh
# TP0 echo client: configuration from config.yaml (CLI_* environment variables win), sends
# `[CLIENT <id>] Message N°<k>` loop.amount times, one connection per message, sleeping loop.period
# in between; SIGTERM interrupts the exchange or the sleep at once. Usage: client.sh [config.yaml]
CONFIG_FILE=${1:-$(dirname "$0")/config.yaml}
CONNECT_RETRY_SECONDS=${CONNECT_RETRY_SECONDS:-10}
REPLY_TIMEOUT_SECONDS=${REPLY_TIMEOUT_SECONDS:-60}
TMPDIR=${TMPDIR:-/tmp}
mkdir -p "$TMPDIR"
export TMPDIR

level_rank() {
  case "$1" in
    DEBUG) echo 10 ;;
    INFO) echo 20 ;;
    WARN | WARNING) echo 30 ;;
    ERROR) echo 40 ;;
    CRITICAL | FATAL) echo 50 ;;
  esac
}

# emit LEVEL LINE: one protocol line, one printf (flushed at once).
emit() { printf '%s %-8s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$1" "$2"; }

log() {
  [ "$(level_rank "$1")" -ge "${LOG_RANK:-20}" ] && emit "$1" "$2"
  return 0
}

fail_config() {
  emit ERROR "action: config | result: fail | client_id: ${ID:-?} | error: $1"
  exit 1
}

# yaml_get KEY: the scalar at a dotted KEY (`loop.period`) of CONFIG_FILE, a YAML file of nested
# mappings; quotes and comments are stripped, unknown keys and list items ignored.
yaml_get() {
  [ -r "$CONFIG_FILE" ] || return 0
  awk -v want="$1" '
    BEGIN { q = sprintf("%c", 39) }
    { sub(/\r$/, "") }
    /^[ \t]*(#|-|$)/ { next }
    {
      match($0, /^ */); indent = RLENGTH; line = substr($0, indent + 1)
      i = index(line, ":"); if (i == 0) next
      k = substr(line, 1, i - 1); v = substr(line, i + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", k); sub(/^[ \t]+/, "", v)
      if (substr(k, 1, 1) == "\"" || substr(k, 1, 1) == q) k = substr(k, 2, length(k) - 2)
      while (depth > 0 && ind[depth] >= indent) depth--
      depth++; ind[depth] = indent; key[depth] = k
      path = key[1]; for (d = 2; d <= depth; d++) path = path "." key[d]
      c = substr(v, 1, 1)
      if (c == "\"" || c == q) { v = substr(v, 2); j = index(v, c); if (j) v = substr(v, 1, j - 1) }
      else { sub(/[ \t]+#.*$/, "", v); sub(/[ \t]+$/, "", v) }
      if (path == want) val = v
    }
    END { if (val != "") print val }' "$CONFIG_FILE"
}

# setting KEY VAR: the environment variable VAR if set and not empty, else KEY from the file.
setting() {
  eval "from_env=\${$2:-}"
  if [ -n "$from_env" ]; then printf '%s\n' "$from_env"; else yaml_get "$1"; fi
}

# go_duration TEXT: prints "<seconds for sleep> <Go's String() of it>", or fails on bad syntax.
go_duration() {
  awk -v s="$1" '
    function fraction(v, digits,   p, i, whole, f) {
      p = 1; for (i = 0; i < digits; i++) p *= 10
      whole = int(v / p); f = v - whole * p
      if (f == 0) return whole
      f = sprintf("%0" digits "d", f); sub(/0+$/, "", f)
      return whole "." f
    }
    function format(n,   h, m, out) {
      if (n == 0) return "0s"
      if (n < 1e3) return n "ns"
      if (n < 1e6) return fraction(n, 3) "\302\265s"
      if (n < 1e9) return fraction(n, 6) "ms"
      h = int(n / 3600e9); n -= h * 3600e9
      m = int(n / 60e9); n -= m * 60e9
      out = ""
      if (h > 0) out = h "h"
      if (h > 0 || m > 0) out = out m "m"
      return out fraction(n, 9) "s"
    }
    BEGIN {
      if (s == "0") { print "0 0s"; exit 0 }
      if (s == "") exit 1
      total = 0
      while (s != "") {
        if (!match(s, /^([0-9]+(\.[0-9]*)?|\.[0-9]+)/)) exit 1
        num = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1)
        if (!match(s, /^(ns|us|\302\265s|\316\274s|ms|s|m|h)/)) exit 1
        unit = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1)
        if (unit == "ns") f = 1
        else if (unit == "ms") f = 1e6
        else if (unit == "s") f = 1e9
        else if (unit == "m") f = 60e9
        else if (unit == "h") f = 3600e9
        else f = 1e3
        total += num * f
      }
      total = int(total + 0.5)
      printf "%.9f %s\n", total / 1e9, format(total)
    }'
}

ID=$(setting id CLI_ID)
[ -n "$ID" ] || fail_config "missing client id: set the environment variable CLI_ID"
ADDRESS=$(setting server.address CLI_SERVER_ADDRESS)
AMOUNT=$(setting loop.amount CLI_LOOP_AMOUNT)
PERIOD=$(setting loop.period CLI_LOOP_PERIOD)
LEVEL=$(setting log.level CLI_LOG_LEVEL)
[ -n "$ADDRESS" ] || fail_config "missing server.address in $CONFIG_FILE (or CLI_SERVER_ADDRESS)"
[ -n "$AMOUNT" ] || fail_config "missing loop.amount in $CONFIG_FILE (or CLI_LOOP_AMOUNT)"
[ -n "$PERIOD" ] || fail_config "missing loop.period in $CONFIG_FILE (or CLI_LOOP_PERIOD)"
[ -n "$LEVEL" ] || LEVEL=INFO
HOST=${ADDRESS%:*}
PORT=${ADDRESS##*:}
case "$ADDRESS" in *:*) ;; *) fail_config "invalid server.address '$ADDRESS': expected host:port" ;; esac
case "$PORT" in '' | *[!0-9]*) fail_config "invalid server.address '$ADDRESS': the port is not a number" ;; esac
case "$AMOUNT" in '' | *[!0-9]*) fail_config "invalid loop.amount '$AMOUNT': not a whole number" ;; esac
duration=$(go_duration "$PERIOD") || fail_config "invalid loop.period '$PERIOD': use a Go duration such as 100ms, 5s or 1m30s"
SLEEP_SECONDS=${duration% *}
PERIOD_TEXT=${duration#* }
LOG_RANK=$(level_rank "$(printf '%s' "$LEVEL" | tr '[:lower:]' '[:upper:]')")
[ -n "$LOG_RANK" ] || fail_config "invalid log.level '$LEVEL': use DEBUG, INFO, WARNING or ERROR"

emit INFO "action: config | result: success | client_id: $ID | server_address: $ADDRESS | loop_amount: $AMOUNT | loop_period: $PERIOD_TEXT | log_level: $LEVEL"

work=$(mktemp -d)
child=
exchanging=

# end STATUS: how the client ends, after its loop or after SIGTERM.
end() {
  rm -rf "$work"
  exit "$1"
}

# shellcheck disable=SC2317 # run by the traps below
on_signal() {
  log INFO "action: shutdown | result: in_progress | client_id: $ID | signal: $1"
  if [ -n "$child" ]; then
    kill "$child" 2>/dev/null
    wait "$child" 2>/dev/null
    if [ -n "$exchanging" ]; then
      log INFO "action: close_connection | result: success | client_id: $ID"
    fi
  fi
  log INFO "action: shutdown | result: success | client_id: $ID"
  end 0
}
trap 'on_signal SIGTERM' TERM
trap 'on_signal SIGINT' INT

# pause SECONDS: sleeps in the background, so that a signal's trap runs at once.
pause() {
  sleep "$1" &
  child=$!
  wait "$child"
  child=
}

# exchange: one connection, the message in $work/sent, the reply in $work/reply; nc's exit code.
exchange() {
  exchanging=1
  timeout "$REPLY_TIMEOUT_SECONDS" nc -w 30 "$HOST" "$PORT" <"$work/sent" >"$work/reply" 2>"$work/error" &
  child=$!
  wait "$child"
  status=$?
  child=
  exchanging=
  return "$status"
}

failures=0
k=1
while [ "$k" -le "$AMOUNT" ]; do
  message="[CLIENT $ID] Message N°$k"
  printf '%s\n' "$message" >"$work/sent"
  started=$(date +%s)
  # The server may still be starting: retry a connection that fails before any reply.
  while ! exchange && [ ! -s "$work/reply" ] && [ $(($(date +%s) - started)) -lt "$CONNECT_RETRY_SECONDS" ]; do
    log DEBUG "action: connect | result: in_progress | client_id: $ID | error: $(tr '\n|' ' /' <"$work/error" | sed 's/ *$//')"
    pause 0.5
  done
  if [ ! -s "$work/reply" ] && [ -s "$work/error" ]; then
    log ERROR "action: connect | result: fail | client_id: $ID | error: $(tr '\n|' ' /' <"$work/error" | sed 's/ *$//')"
    end 1
  elif cmp -s "$work/sent" "$work/reply"; then
    log INFO "action: receive_message | result: success | client_id: $ID | msg: $message"
  else
    failures=$((failures + 1))
    log ERROR "action: receive_message | result: fail | client_id: $ID | error: the reply differs from the message sent | msg: $(tr '\n' ' ' <"$work/reply")"
  fi
  pause "$SLEEP_SECONDS"
  k=$((k + 1))
done

if [ "$failures" -eq 0 ]; then
  log INFO "action: loop_finished | result: success | client_id: $ID"
  end 0
fi
log ERROR "action: loop_finished | result: fail | client_id: $ID | error: $failures replies differed from the message sent"
end 1
