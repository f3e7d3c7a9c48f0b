#!/bin/bash
# Exercise 1: writes the compose file of the TP0 stack: the server and N clients on testing_net.
# Usage: ./generar-compose.sh <output file> <number of clients>
set -euo pipefail

usage() {
  echo "generar-compose.sh: $1" >&2
  echo "usage: $0 <output file> <number of clients>" >&2
  exit 2
}

[ "$#" -eq 2 ] || usage "expected 2 arguments, got $#"
output=$1
clients=$2
[ -n "$output" ] || usage "the output file name is empty"
[[ "$clients" =~ ^[0-9]{1,4}$ ]] || usage "the number of clients must be a whole number from 0 to 9999, got '$clients'"
clients=$((10#$clients))
[ ! -d "$output" ] || usage "the output path '$output' is a directory"
directory=$(dirname -- "$output")
[[ -d "$directory" && -w "$directory" ]] || usage "cannot write '$output': '$directory' is not a writable directory"

# Written next to the output and moved over it at the end: a failure leaves the old file intact.
partial=$(mktemp "$directory/.generar-compose.XXXXXX") || usage "cannot write in '$directory'"
trap 'rm -f -- "$partial"' EXIT

{
  cat <<'YAML'
name: tp0
services:
  server:
    container_name: server
    image: server:latest
    volumes:
      - ./server/config.ini:/app/config.ini:ro
    networks:
      - testing_net
YAML
  for ((i = 1; i <= clients; i++)); do
    cat <<YAML
  client$i:
    container_name: client$i
    image: client:latest
    environment:
      - CLI_ID=$i
    volumes:
      - ./client/config.yaml:/app/config.yaml:ro
    networks:
      - testing_net
    depends_on:
      - server
YAML
  done
  cat <<'YAML'
networks:
  testing_net:
    ipam:
      driver: default
      config:
        - subnet: 172.25.125.0/24
YAML
} >"$partial"
chmod 644 "$partial"
mv -f -- "$partial" "$output"
trap - EXIT
