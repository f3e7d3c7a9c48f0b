#!/bin/sh
# tp-harness: stands in for `docker` on the PATH of a graded validar-echo-server.sh. Every call goes
# to the real docker unchanged, except `docker run` and `docker create`, which get --pull=never: an
# image that is not on this machine then fails at once (and is recorded for the grader, which pulls
# it within its own bound, outside the validator's timed run, and runs the validator again) instead
# of a pull that hangs on a machine without a registry.
# Each container run is also counted in RUNS (one line per `docker run` or `docker create`): the
# grader allows each the time a container costs on this machine at that moment.
# The grader fills in REAL (the docker program), RECORD (where missing images are written) and RUNS.
REAL='@REAL@'
RECORD='@RECORD@'
RUNS='@RUNS@'

run=
state=global
first=1
for arg do
  if [ "$first" = 1 ]; then
    set --
    first=
  fi
  set -- "$@" "$arg"
  case "$state" in
    global)
      case "$arg" in
        -H | --host | -c | --context | --config | -l | --log-level | --tlscacert | --tlscert | --tlskey) state=value ;;
        -*) ;;
        container) state=object ;;
        run | create) set -- "$@" --pull=never; run=1; state=rest ;;
        *) state=rest ;;
      esac
      ;;
    value) state=global ;;
    object)
      case "$arg" in
        run | create) set -- "$@" --pull=never; run=1 ;;
      esac
      state=rest
      ;;
  esac
done

if [ -z "$run" ]; then
  exec "$REAL" "$@"
fi

echo run >>"$RUNS" 2>/dev/null
err=$(mktemp 2>/dev/null) || exec "$REAL" "$@"
# In the background so that a signal to this script (the validator's own timeout) reaches docker;
# through fd 3 because a background job's stdin is /dev/null.
exec 3<&0
"$REAL" "$@" 0<&3 2>"$err" 3<&- &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
while :; do
  wait "$pid"
  status=$?
  kill -0 "$pid" 2>/dev/null || break
done
cat "$err" >&2
missing=$(sed -n 's/.*No such image: \([^ ]*\)$/\1/p' "$err" | sed 's/\.$//' | head -n 1)
rm -f "$err"
if [ "$status" -eq 125 ] && [ -n "$missing" ]; then
  printf '%s\n' "$missing" >>"$RECORD"
  echo "tp-harness: the image $missing is not on this machine; the grader pulls it and runs the validator again" >&2
fi
exit "$status"
