#!/usr/bin/env bash
# Exercise 1 of TP0: writes the compose file of the stack (server + N clients).
#
#   ./generar-compose.sh <output file> <number of clients>
#   bash generar-compose.sh docker-compose-dev.yaml 5
#
# The YAML comes from the project's single generator in Java (dev.tpharness.tp0.compose), run
# from target/tp0/tp0-app.jar next to this script; the jar is built first when it is missing.
# Exit codes: 0 written; 2 wrong use (nothing written: usage on stderr); 1 the generator could
# not run (no java, build failed). See docs/notes-gen.md.
set -euo pipefail

readonly PROGRAM="generar-compose.sh"
readonly MAX_CLIENTS=10000
readonly USAGE="usage: $PROGRAM <output file> <number of clients: 0..$MAX_CLIENTS>"

usage_error() {
  printf '%s: %s\n%s\n' "$PROGRAM" "$1" "$USAGE" >&2
  exit 2
}

failure() {
  printf '%s: %s\n' "$PROGRAM" "$1" >&2
  exit 1
}

if [ "$#" -ne 2 ]; then
  usage_error "expected 2 arguments (output file, number of clients), got $#"
fi
output="$1"
count="$2"

# Decimal digits only; leading zeros are allowed and ignored (bash would read 010 as octal).
if [[ ! "$count" =~ ^0*([0-9]+)$ ]]; then
  usage_error "the number of clients must be a non-negative integer, got '$count'"
fi
digits="${BASH_REMATCH[1]}"
if [ "${#digits}" -gt "${#MAX_CLIENTS}" ] || [ "$((10#$digits))" -gt "$MAX_CLIENTS" ]; then
  usage_error "the number of clients must be at most $MAX_CLIENTS, got $count"
fi
clients=$((10#$digits))

if [ -z "$output" ]; then
  usage_error "the output file name is empty"
fi
if [ -d "$output" ]; then
  usage_error "'$output' is a folder, not a file"
fi
if [ -e "$output" ] && [ ! -f "$output" ]; then
  usage_error "'$output' exists and is not a regular file"
fi
folder="$(dirname -- "$output")"
if [ ! -d "$folder" ]; then
  usage_error "the folder of '$output' does not exist (or is not a folder)"
fi
# A real write, not just [ -w ]: root passes [ -w ] on read-only places such as /proc.
if ! probe="$(mktemp -- "$folder/.generar-compose.XXXXXX" 2>/dev/null)"; then
  usage_error "the folder of '$output' is not writable"
fi
rm -f -- "$probe"

here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/tp0/tp0-app.jar"
libs="$here/target/tp0/lib"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  java="java"
else
  failure "java (17 or later) is needed to run the generator: install a JDK or set JAVA_HOME"
fi

echo "Nombre del archivo de salida: $output"
echo "Cantidad de clientes: $clients"

if [ ! -f "$jar" ] || [ ! -d "$libs" ]; then
  echo "$PROGRAM: target/tp0/tp0-app.jar is missing, building it once with ./mvnw -q -B -DskipTests package (about a minute)" >&2
  build_log="$(mktemp)"
  if ! (cd -- "$here" && ./mvnw -q -B -DskipTests package) >"$build_log" 2>&1; then
    tail -n 20 -- "$build_log" >&2
    rm -f -- "$build_log"
    failure "building the generator failed (output above); run ./mvnw -B -DskipTests package to see everything"
  fi
  rm -f -- "$build_log"
fi

# The generator checks everything again and writes atomically (temp file + rename). A short-lived
# JVM: the C1 compiler only, the serial collector and no perf data file start it about twice as
# fast (1000 clients: ~1.0 s -> ~0.4 s).
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$jar:$libs/*" dev.tpharness.tp0.compose.GenerarCompose "$output" "$clients"
