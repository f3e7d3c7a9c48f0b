#!/usr/bin/env bash
# Grades a TP0 repository against exercises 1-4 and prints a table of verdicts.
#
#   ./grade.sh            grade this repository's own reference solution
#   ./grade.sh PATH       grade the TP0 repository at PATH (branch ejN for exercise N when it exists,
#                         its current tree otherwise); PATH is never modified
#   ./grade.sh -e ej3 [PATH]   only the given exercise(s), comma separated (ej1,ej4)
#
# Exit code 0 only when every check passed; the table is also written to target/tp0-report.md and
# the logs of failed checks to target/tp-harness/. Ctrl-C stops the run and removes what it started.
set -uo pipefail

usage() { echo "usage: $0 [-e ej1,ej2,ej3,ej4] [PATH]" >&2; exit 2; }

exercises="ej1,ej2,ej3,ej4"
while getopts ":e:h" opt; do
  case "$opt" in
    e) exercises="$OPTARG" ;;
    h) usage ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage

for ex in ${exercises//,/ }; do
  case "$ex" in ej1|ej2|ej3|ej4) ;; *) echo "$0: unknown exercise '$ex' (use ej1, ej2, ej3, ej4)" >&2; exit 2 ;; esac
done

here="$(cd "$(dirname "$0")" && pwd)"
args=(-B -ntp verify -DskipUTs=true "-Dgroups=${exercises//,/|}" -Dit.test='Ej*IT' -Dfailsafe.failIfNoSpecifiedTests=false)
if [ $# -eq 1 ]; then
  [ -d "$1" ] || { echo "$0: $1: no such directory" >&2; exit 2; }
  target="$(cd "$1" && pwd)"
  args+=("-Dtp0.repo=$target")
  echo "Grading $target ($exercises)"
else
  echo "Grading this repository's reference solution ($exercises)"
fi

cd "$here" || exit 2
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
# Maven's own output goes to a log; the suites print one line per check as they go, and the table.
mkdir -p target
log="target/grade-maven.log"
./mvnw "${args[@]}" > >(tee "$log" | grep --line-buffered -v -E '^\[(INFO|WARNING|ERROR)\]|^(Ryuk|\*{10,}|[0-9:.]+ WARN  o\.t\.)') 2>&1
rc=$?
if [ "$rc" -ne 0 ] && ! grep -q -E 'ALL CHECKS PASSED|SOME CHECKS FAILED' "$log"; then
  echo "$0: the build failed before any check ran; the end of $here/$log:" >&2
  tail -n 30 "$log" >&2
fi
exit "$rc"
