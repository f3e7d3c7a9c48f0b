#!/usr/bin/env bash
# The tp-harness benchmark (issue 7): one markdown table of figures, each the median of N runs.
#
#   bench/run.sh                      every section, 3 repetitions (the naive way once)
#   bench/run.sh -n 5                 5 repetitions
#   bench/run.sh -s 4,6               only sections 4 and 6
#   bench/run.sh -n 1 -N 1 -s 1,2     sections 1 and 2 once each
#
# Options:
#   -n N   repetitions of every figure (default 3)
#   -N N   repetitions of the naive way of section 2, whose one run takes minutes (default 1)
#   -s L   sections to run, comma separated (default 1,2,3,4,5,6,7,8):
#            1 ej1-ej4 on this repository as the suites run (images built): total and per exercise
#            2 the same the naive way (one stack at a time, a probe container per message, images
#              rebuilt per test) and its ratio to 1 (runs section 1 too)
#            3 generated TP0 stack with 1, 10 and 50 clients: up to every client exited 0, peak memory
#            4 netcat probe: one throwaway probe; per message over 100 through the reused probe
#            5 harness overhead: server ready through ComposeStack vs bare docker compose up -d + logs -f
#            6 generar-compose.sh for 1000 clients
#            7 grade.sh (the grader jar) on a real-style solution (Python server, Go client built in a
#              multi-stage Dockerfile), end to end; and the same checks one by one (-N times)
#            8 grade.sh --class on a class of 8 fixture solutions; and one grade.sh per repository,
#              one after another (-N times)
#   -h     this help
#
# Builds once (./mvnw -q -B -DskipTests package, then the reference images through the suites'
# own image code), prints progress on stderr and the table on stdout and in
# target/bench/bench-<date>.md. Nothing here runs in ./mvnw verify. Whole run with the defaults:
# about 30-40 minutes (sections 7 and 8 about 20 of them) on a 2-core machine. Everything it starts on Docker carries the
# dev.tpharness=true label and is removed at the end (also on Ctrl-C).
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }

reps=3
naive_reps=1
sections="1,2,3,4,5,6,7,8"
while getopts ":n:N:s:h" opt; do
  case "$opt" in
    n) reps="$OPTARG" ;;
    N) naive_reps="$OPTARG" ;;
    s) sections="$OPTARG" ;;
    h) usage 0 ;;
    *) usage 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage 2
for v in "$reps" "$naive_reps"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: repetitions must be a positive whole number, got '$v'" >&2; exit 2; }
done
[[ "$sections" =~ ^[1-8](,[1-8])*$ ]] || { echo "bench/run.sh: -s takes sections 1..8 separated by commas, got '$sections'" >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mkdir -p target/bench
log() { printf '[bench] %s\n' "$*" >&2; }

log "building: ./mvnw -q -B -DskipTests package (classes, test classes, target/tp0)"
start=$(date +%s)
./mvnw -q -B -DskipTests package >&2
cp_file=target/bench/classpath.txt
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
  log "resolving the test classpath"
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test "-Dmdep.outputFile=$cp_file" >&2
fi
log "built in $(( $(date +%s) - start )) s"
if [[ ",$sections," == *,7,* ]]; then
  log "base images of the real-style solution (python, golang, busybox; stand-ins where no registry answers)"
  bash .ci/standin-images.sh --real-style >&2
fi

exec java -Dtp.project.root="$root" -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.tpharness.bench.Bench --reps "$reps" --naive-reps "$naive_reps" --sections "$sections"
