#!/bin/sh
# Exercise 3 of TP0: checks that the echo server answers byte for byte, without netcat on the
# host and without publishing any port: a throwaway Alpine container on the stack's network
# sends one message with nc and compares the reply.
#
#   sh validar-echo-server.sh
#
# Prints exactly one line on stdout and exits 0 (success) or 1 (fail), within 10 seconds:
#   action: test_echo_server | result: success
#   action: test_echo_server | result: fail
# Notes and reasons for a failure go to stderr.
#
# Host and port: SERVER_IP and SERVER_PORT in server/config.ini next to this script (`KEY = value`
# lines); a missing key falls back to the contract's default (server, 12345) with a note.
# Environment:
#   TP0_VALIDATOR_IMAGE  image with BusyBox nc (default alpine:3.20), e.g. for a mirror
#   TP0_NETWORK          docker network of the stack (default tp0_testing_net)
#   TP0_PULL_TIMEOUT     seconds to wait for a first `docker pull` of the image (default 60)
# Plain POSIX sh (graders run it with dash).
set -u

PROGRAM="validar-echo-server.sh"
DEFAULT_IP="server"
DEFAULT_PORT="12345"
IMAGE="${TP0_VALIDATOR_IMAGE:-alpine:3.20}"
NETWORK="${TP0_NETWORK:-tp0_testing_net}"
PULL_SECONDS="${TP0_PULL_TIMEOUT:-60}"
CONNECT_SECONDS=3   # nc -w, inside the container
EXCHANGE_SECONDS=5  # timeout around nc, inside the container
RUN_SECONDS=7       # bound on the whole `docker run`, on the host
REMOVE_SECONDS=2    # bound on `docker rm -f` of a container that outlived RUN_SECONDS

note() {
  printf '%s: %s\n' "$PROGRAM" "$*" >&2
}

finished=""
finish() {
  if [ -z "$finished" ]; then
    finished="$1"
    echo "action: test_echo_server | result: $1"
  fi
  if [ "$1" = success ]; then exit 0; fi
  exit 1
}

work=""
container=""
container_running=""
# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
  if [ -n "$container_running" ]; then
    container_running=""
    run_bounded "$REMOVE_SECONDS" docker rm -f "$container" >/dev/null 2>&1
  fi
  if [ -n "$work" ]; then rm -rf -- "$work"; fi
}
trap cleanup EXIT
trap 'note "interrupted"; finish fail' INT TERM HUP

# run_bounded SECONDS COMMAND...: runs COMMAND with its output in $work/out and $work/err and
# returns its status, or 124 if it was still running after SECONDS (it is then killed).
# The watchdog acts only while the command's marker file exists: a signal to the watchdog can be
# lost (e.g. when it arrives while the subshell starts), and then the marker still keeps it from
# killing anything once the command is over.
bounded_calls=0
run_bounded() {
  limit="$1"
  shift
  bounded_calls=$((bounded_calls + 1))
  marker="$work/running.$bounded_calls"
  : >"$marker"
  "$@" >"$work/out" 2>"$work/err" </dev/null &
  command_pid=$!
  (
    sleeper=""
    trap 'if [ -n "$sleeper" ]; then kill "$sleeper" 2>/dev/null; fi; exit 0' TERM
    sleep "$limit" &
    sleeper=$!
    wait "$sleeper"
    if [ -e "$marker" ]; then
      : >"$marker.expired"
      kill -9 "$command_pid" 2>/dev/null
    fi
  ) </dev/null >/dev/null 2>&1 &
  watchdog_pid=$!
  wait "$command_pid" 2>/dev/null
  status=$?
  rm -f -- "$marker"
  kill "$watchdog_pid" 2>/dev/null
  if [ -e "$marker.expired" ]; then return 124; fi
  return "$status"
}

# ini_value KEY: the value of KEY in the config file (`KEY = value`, last one wins), or nothing.
ini_value() {
  awk -v key="$1" '
    { sub(/\r$/, "") }
    /^[ \t]*([#;]|$)/ { next }
    {
      i = index($0, "=")
      if (i == 0) next
      k = substr($0, 1, i - 1)
      v = substr($0, i + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", k)
      gsub(/^[ \t]+|[ \t]+$/, "", v)
      if (toupper(k) == toupper(key)) found = v
    }
    END { if (found != "") print found }
  ' "$config"
}

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || { note "cannot find the script's folder"; finish fail; }
config="$here/server/config.ini"

host=""
port=""
if [ -r "$config" ]; then
  host=$(ini_value SERVER_IP)
  port=$(ini_value SERVER_PORT)
else
  note "$config not found: using the contract's defaults"
fi
if [ -z "$host" ]; then
  host="$DEFAULT_IP"
  note "SERVER_IP missing in server/config.ini, using the default $host"
fi
if [ -z "$port" ]; then
  port="$DEFAULT_PORT"
  note "SERVER_PORT missing in server/config.ini, using the default $port"
fi
case "$host" in
  *[!A-Za-z0-9._:-]*) note "SERVER_IP '$host' is not a host name or address"; finish fail ;;
esac
case "$port" in
  '' | *[!0-9]* | ??????*) note "SERVER_PORT '$port' is not a port number (1-65535)"; finish fail ;;
esac
if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  note "SERVER_PORT '$port' is not a port number (1-65535)"
  finish fail
fi

if ! command -v docker >/dev/null 2>&1; then
  note "the docker command is not installed or not on PATH"
  finish fail
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/validar-echo-server.XXXXXX") || { note "cannot create a temporary folder"; finish fail; }

if ! run_bounded 5 docker image inspect "$IMAGE"; then
  note "image $IMAGE is not present locally: pulling it (at most ${PULL_SECONDS}s)"
  if ! run_bounded "$PULL_SECONDS" docker pull -q "$IMAGE"; then
    note "could not get image $IMAGE: $(grep -v -e '^[[:space:]]*$' "$work/err" | head -n 1)"
    note "set TP0_VALIDATOR_IMAGE to an image with BusyBox nc that is present locally"
    finish fail
  fi
fi

random=$(od -An -N4 -tu4 /dev/urandom 2>/dev/null | tr -d ' \n')
container="tp0-validar-echo-server-$$-${random:-0}"
message="validar-echo-server ${random:-0}: hola, servidor de eco"

# Inside the container: send the message (with its newline), keep the reply, compare the bytes.
# cmp works on files, so no newline is ever stripped; only a one-word verdict comes back out.
# shellcheck disable=SC2016 # expanded by the container's shell, not here
exchange='
printf "%s\n" "$MSG" >/tmp/sent
timeout "$EXCHANGE_SECONDS" nc -w "$CONNECT_SECONDS" "$HOST" "$PORT" </tmp/sent >/tmp/received 2>/tmp/nc_error
nc_status=$?
if cmp -s /tmp/sent /tmp/received; then
  echo match
else
  echo "mismatch sent_bytes=$(wc -c </tmp/sent) received_bytes=$(wc -c </tmp/received) nc_status=$nc_status nc_error=$(head -c 200 /tmp/nc_error | tr "\n" " ")"
fi'

container_running=yes
run_bounded "$RUN_SECONDS" docker run --rm --name "$container" \
  --label dev.tpharness=true --label dev.tpharness.tool=validar-echo-server \
  --network "$NETWORK" --tmpfs /tmp \
  -e "HOST=$host" -e "PORT=$port" -e "MSG=$message" \
  -e "CONNECT_SECONDS=$CONNECT_SECONDS" -e "EXCHANGE_SECONDS=$EXCHANGE_SECONDS" \
  "$IMAGE" sh -c "$exchange"
status=$?
if [ "$status" -eq 124 ]; then
  note "no verdict from the container within ${RUN_SECONDS}s: removing it"
  finish fail
fi
container_running=""

verdict=""
details=""
if [ -s "$work/out" ]; then
  read -r verdict details <"$work/out"
fi
if [ "$verdict" = match ]; then
  finish success
fi
if [ "$verdict" = mismatch ]; then
  note "the reply of $host:$port on network $NETWORK differs from the message sent ($details)"
else
  note "docker run failed (exit $status): $(grep -v -e '^[[:space:]]*$' -e "docker run --help" "$work/err" | head -n 1)"
  note "is the stack up on network $NETWORK? (docker compose -f docker-compose-dev.yaml up -d)"
fi
finish fail
