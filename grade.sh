#!/usr/bin/env bash
# Grades a TP0 repository against exercises 1-4 as the course does (REQUIRED checks) and prints the
# advice of the stricter checks separately (ADVISORY checks): see README, "Reading a report".
#
#   ./grade.sh                 grade this repository's own reference solution
#   ./grade.sh PATH            grade the TP0 repository at PATH (branch ejN for exercise N when it exists,
#                              its current tree otherwise); PATH is never modified
#   ./grade.sh -e ej3 [PATH]   only the given exercise(s), comma separated (ej1,ej4)
#   ./grade.sh --strict PATH   a WARN (advice not followed) counts as a FAIL
#
# Exit codes: 0 every REQUIRED check passed (WARNs are advice); 1 a REQUIRED check failed (or a WARN
# with --strict, or the grader itself could not run); 2 wrong use; 3 something could not run on this
# machine (NOT RUN: a base image or tool missing here) and nothing failed.
# The report is also written to target/tp0-report.md, the logs of failed checks to target/tp-harness/.
# Ctrl-C stops the run and removes what it started.
set -uo pipefail

usage() { echo "usage: $0 [--strict] [-e ej1,ej2,ej3,ej4] [PATH]" >&2; exit 2; }

exercises="ej1,ej2,ej3,ej4"
strict=false
args_left=()
while [ $# -gt 0 ]; do
  case "$1" in
    --strict) strict=true; shift ;;
    -e) [ $# -ge 2 ] || usage; exercises="$2"; shift 2 ;;
    -e*) exercises="${1#-e}"; shift ;;
    -h|--help) usage ;;
    --) shift; args_left+=("$@"); break ;;
    -*) usage ;;
    *) args_left+=("$1"); shift ;;
  esac
done
set -- "${args_left[@]+"${args_left[@]}"}"
[ $# -le 1 ] || usage

for ex in ${exercises//,/ }; do
  case "$ex" in ej1|ej2|ej3|ej4) ;; *) echo "$0: unknown exercise '$ex' (use ej1, ej2, ej3, ej4)" >&2; exit 2 ;; esac
done

here="$(cd "$(dirname "$0")" && pwd)"
args=(-B -ntp verify -DskipUTs=true "-Dgroups=${exercises//,/|}" -Dit.test='Ej*IT' -Dfailsafe.failIfNoSpecifiedTests=false
      "-Dtp0.strict=$strict")
if [ $# -eq 1 ]; then
  [ -d "$1" ] || { echo "$0: $1: no such directory" >&2; exit 2; }
  target="$(cd "$1" && pwd)"
  args+=("-Dtp0.repo=$target")
  echo "Grading $target ($exercises$($strict && echo ', strict'))"
else
  echo "Grading this repository's reference solution ($exercises$($strict && echo ', strict'))"
fi

cd "$here" || exit 2
# Maven's own output goes to a log; the suites print one line per check as they go, and the report.
mkdir -p target
log="target/grade-maven.log"
exit_file="target/tp0-exit-code"
rm -f "$exit_file"
./mvnw "${args[@]}" > >(tee "$log" | grep --line-buffered -v -E '^\[(INFO|WARNING|ERROR)\]|^(Ryuk|\*{10,}|[0-9:.]+ WARN  o\.t\.)') 2>&1
rc=$?
# Maven fails whenever any check (advice included) failed; the verdict is the report's exit code.
if [ -s "$exit_file" ]; then
  exit "$(tr -dc '0-9' < "$exit_file")"
fi
echo "$0: the grader could not run (Maven exit code $rc) before any check ended; the end of $here/$log:" >&2
tail -n 30 "$log" >&2
exit 1
