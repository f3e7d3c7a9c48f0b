#!/bin/sh
# Exercise 3: checks that the echo server answers byte for byte, from a throwaway Alpine container
# on the stack's network (netcat is not needed on the host and no port is published).
# Prints one line, `action: test_echo_server | result: success|fail`; exit code 0 on success.
# TP0_NETWORK overrides the network (default tp0_testing_net, the network of the `tp0` project).
cd "$(dirname "$0")" || exit 1
CONFIG=server/config.ini
NETWORK=${TP0_NETWORK:-tp0_testing_net}

result() {
  echo "action: test_echo_server | result: $1"
  if [ "$1" = success ]; then exit 0; fi
  exit 1
}

# ini_value KEY: the last `KEY = value` (or `KEY=value`) of the config file, trimmed.
ini_value() {
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$CONFIG" 2>/dev/null | tail -n 1 | tr -d '\r' | sed 's/[[:space:]]*$//'
}

HOST=$(ini_value SERVER_IP)
PORT=$(ini_value SERVER_PORT)
if [ -z "$HOST" ] || [ -z "$PORT" ]; then result fail; fi

MESSAGE="validar-echo-server $$ $(date +%s) N°1"
# The container bounds its own wait (timeout + nc -w), so it never outlives this script; the host's
# timeout, where there is one, is a second guard around docker itself.
guard=
if command -v timeout >/dev/null 2>&1; then guard="timeout 30"; fi
# shellcheck disable=SC2016 # the script in single quotes runs in the container, with its variables
verdict=$($guard docker run --rm --network "$NETWORK" --label dev.tpharness=true \
  -e HOST="$HOST" -e PORT="$PORT" -e MESSAGE="$MESSAGE" alpine:3.20 sh -c '
    mkdir -p /tmp
    printf "%s\n" "$MESSAGE" >/tmp/sent
    timeout 5 nc -w 3 "$HOST" "$PORT" </tmp/sent >/tmp/reply 2>/dev/null
    if cmp -s /tmp/sent /tmp/reply; then echo same; else echo different; fi' 2>/dev/null)

if [ "$verdict" = same ]; then result success; fi
result fail
