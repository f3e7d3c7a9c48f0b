#!/bin/sh
# Entry point shared by the fixture echo servers: BusyBox nc answers every connection on $PORT
# with /handler.sh (stdin and stdout are the socket). ON_TERM says what SIGTERM does:
#   graceful  log the shutdown protocol lines and exit 0 (default)
#   slow      like graceful, but only after SLOW_STOP_SECONDS (default 3)
#   die       exit 143 at once, no shutdown lines (like a JVM that does not handle SIGTERM)
#   exit3     exit 3 at once (crashes while stopping)
#   ignore    ignore SIGTERM: only SIGKILL after the grace period ends it (137)
PORT="${PORT:-12345}"
ON_TERM="${ON_TERM:-graceful}"
listener=

log() { echo "$(date '+%Y-%m-%d %H:%M:%S') INFO     $*"; }

stop_listener() {
  if [ -n "$listener" ]; then
    kill "$listener" 2>/dev/null
    wait "$listener" 2>/dev/null
  fi
  log "action: close_listener | result: success | port: $PORT"
}

# The trap goes in BEFORE the listener starts: this script is PID 1, and PID 1 ignores a SIGTERM
# it has no handler for, so a stop that raced the start would otherwise end in a SIGKILL (137).
case "$ON_TERM" in
  graceful) trap 'log "action: shutdown | result: in_progress"; stop_listener; log "action: shutdown | result: success"; exit 0' TERM ;;
  slow) trap 'log "action: shutdown | result: in_progress"; sleep "${SLOW_STOP_SECONDS:-3}"; stop_listener; log "action: shutdown | result: success"; exit 0' TERM ;;
  die) trap 'exit 143' TERM ;;
  exit3) trap 'log "action: shutdown | result: fail | error: exit_3"; exit 3' TERM ;;
  ignore) trap '' TERM ;;
  *) log "action: config | result: fail | error: unknown ON_TERM $ON_TERM"; exit 2 ;;
esac

nc -ll -p "$PORT" -e /handler.sh &
listener=$!
log "action: config | result: success | port: $PORT | on_term: $ON_TERM"

# `wait` returns early when a trapped signal arrives; keep waiting while the listener lives.
while kill -0 "$listener" 2>/dev/null; do
  wait "$listener"
done
