#!/usr/bin/env bash
# Grades TP0 repositories against exercises 1-4 as the course does (REQUIRED checks) and prints the
# advice of the stricter checks separately (ADVISORY checks): see README, "Grading" and "Reading a report".
#
#   ./grade.sh                      grade this repository's own reference solution
#   ./grade.sh PATH-OR-URL          grade one TP0 repository (branch ejN for exercise N when it exists, its
#                                   current tree otherwise); a folder is only read, a git URL is cloned
#   ./grade.sh -e ej3 [REPO]        only the given exercise(s), comma separated (ej1,ej4)
#   ./grade.sh --strict REPO        a WARN (advice not followed) counts as a FAIL
#   ./grade.sh REPO1 REPO2 ...      several repositories, a few at a time (-j N), then a class report
#   ./grade.sh --class class.txt    every repository of a class file (`name path-or-git-url` a line)
#   ./grade.sh --merge DIR...       merge result.json files (the CI matrix's jobs) into a class report
#   ./grade.sh --help               every option
#
# Exit codes: 0 every REQUIRED check passed (WARNs are advice); 1 a REQUIRED check failed (or a WARN with
# --strict, or a repository could not be graded); 2 wrong use; 3 something could not run on this machine
# (NOT RUN: a base image or tool missing here) and nothing failed. Several repositories: the worst.
# Reports go to target/grading/<name>/ (report.md, result.json, junit.xml) and target/grading/class-report.*
# Ctrl-C stops the run and removes what it started.
#
# The grader is one runnable jar (target/tp-harness-*-grader.jar). It is built once with Maven when it
# is missing or older than the sources; grading itself runs it directly with java. TP_GRADER_JAR names
# a jar built elsewhere (the CI matrix downloads it).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
command -v java >/dev/null 2>&1 || { echo "$0: java (17 or later) is not on the PATH" >&2; exit 1; }

jar="${TP_GRADER_JAR:-}"
if [ -z "$jar" ]; then
  jar="$(ls "$here"/target/tp-harness-*-grader.jar 2>/dev/null | head -n 1)"
  stale=""
  if [ -n "$jar" ]; then
    stale="$(find "$here/src/main" "$here/pom.xml" "$here/server" "$here/client" -newer "$jar" -print -quit 2>/dev/null)"
  fi
  if [ -z "$jar" ] || [ -n "$stale" ] || [ ! -f "$here/target/tp0/tp0-app.jar" ]; then
    mkdir -p "$here/target"
    log="$here/target/grade-build.log"
    echo "Building the grader (once; ./mvnw -DskipTests package, log in $log)" >&2
    if ! (cd "$here" && timeout 900 ./mvnw -q -B -ntp -DskipTests package) >"$log" 2>&1; then
      echo "$0: building the grader failed (./mvnw -DskipTests package); the end of $log:" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
    jar="$(ls "$here"/target/tp-harness-*-grader.jar 2>/dev/null | head -n 1)"
  fi
fi
[ -f "$jar" ] || { echo "$0: no grader jar at '$jar'" >&2; exit 1; }

# TP0 part 1 unless --assignment names another (a course's own, added with --assignment-jar)
# the grader's own commit, for the reports (two gradings compare only with the same grader)
commit="$(timeout 10 git -C "$here" describe --always --dirty --abbrev=40 2>/dev/null || true)"
exec java -Dtp.project.root="$here" -Dtp.grading.assignment="${TP_ASSIGNMENT:-tp0}" -Dtp.grader.commit="$commit" -jar "$jar" "$@"
