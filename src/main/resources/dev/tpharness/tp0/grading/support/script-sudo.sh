#!/bin/sh
# tp-harness: stands in for `sudo` on the PATH of a graded student script. The grader never
# elevates: the command runs as the grader's own user, which has the Docker access that TP0
# scripts ask sudo for (`sudo docker ...`, `sudo ./script.sh`). Options are dropped, -u USER
# included; sudo without a command (an interactive shell) fails. The call is recorded in CALLS.
CALLS='@CALLS@'

while [ "$#" -gt 0 ]; do
  case "$1" in
    --)
      shift
      break
      ;;
    -u | -g | -C | -D | -h | -p | -r | -t | -U | -T | --user | --group | --close-from | --chdir | --host | --prompt | --role | --type | --other-user | --command-timeout)
      shift
      if [ "$#" -gt 0 ]; then shift; fi
      ;;
    -*) shift ;;
    *) break ;;
  esac
done
if [ "$#" -eq 0 ]; then
  echo "tp-harness: sudo without a command (an interactive shell) is not run when grading" >&2
  exit 1
fi
printf '%s\n' "$*" >>"$CALLS" 2>/dev/null
exec "$@"
