#!/bin/sh
# tp-harness: stands in for `docker` on the PATH of a graded student script (generar-compose.sh,
# validar-echo-server.sh). Every call goes to the real docker, with these changes:
# - `docker run` and `docker create` get --pull=never, and `docker compose up|run|create` get
#   --pull never: an image that is not on this machine then fails at once (and is recorded for the
#   grader, which pulls it within its own bound, outside the script's timed run, and runs the
#   script again) instead of a pull that hangs on a machine without a registry.
# - `docker build` first looks for the images its Dockerfile starts FROM: one that is not here is
#   recorded the same way and the build fails at once.
# - A build, pull or compose build/up/run/create/pull that fails is recorded with its exit code,
#   the command as the script wrote it and the tail of its output, whatever the script does next: the grader tells a fetch this machine
#   cannot make (no registry or package index) from a failure of the repository's own.
# Each container run is also counted in RUNS (one line per `docker run` or `docker create`): the
# grader allows each the time a container costs on this machine at that moment.
# Images that `docker build` makes carry the grading run's LABELS, so the run removes them, and a
# failed step leaves no container behind.
# The grader fills in REAL (the docker program), RECORD (where missing images are written), RUNS,
# STEPS (a directory, one file per failed step) and LABELS (--label k=v words, without spaces).
REAL='@REAL@'
RECORD='@RECORD@'
RUNS='@RUNS@'
STEPS='@STEPS@'
LABELS='@LABELS@'
# --force-rm: the classic builder keeps the container of a failed step otherwise (BuildKit ignores it)
BUILD_OPTIONS="--force-rm $LABELS"

asked="docker $*"
kind=
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
        container) state=container ;;
        image | buildx | builder) state=image ;;
        compose) state=compose ;;
        run | create) set -- "$@" --pull=never; kind=run; state=rest ;;
        build)
          # shellcheck disable=SC2086 # one word per option
          set -- "$@" $BUILD_OPTIONS
          kind=build
          state=rest
          ;;
        pull) kind=fetch; state=rest ;;
        *) state=rest ;;
      esac
      ;;
    value) state=global ;;
    container)
      case "$arg" in
        run | create) set -- "$@" --pull=never; kind=run ;;
      esac
      state=rest
      ;;
    image)
      case "$arg" in
        build)
          # shellcheck disable=SC2086 # one word per option
          set -- "$@" $BUILD_OPTIONS
          kind=build
          ;;
        pull) kind=fetch ;;
      esac
      state=rest
      ;;
    compose)
      case "$arg" in
        -f | --file | -p | --project-name | --project-directory | --env-file | --profile | --ansi | --progress | --parallel) state=compose-value ;;
        -*) ;;
        up | run | create) set -- "$@" --pull never; kind=fetch; state=rest ;;
        build | pull) kind=fetch; state=rest ;;
        *) state=rest ;;
      esac
      ;;
    compose-value) state=compose ;;
  esac
done

if [ -z "$kind" ]; then
  exec "$REAL" "$@"
fi

record_missing() {
  printf '%s\n' "$1" >>"$RECORD"
  echo "tp-harness: the image $1 is not on this machine; the grader pulls it and runs the script again" >&2
}

# The images a Dockerfile starts FROM, without build stages, scratch and names made of build arguments.
from_images() {
  sed -n 's/^[[:space:]]*[Ff][Rr][Oo][Mm][[:space:]][[:space:]]*\(--[^[:space:]]*[[:space:]][[:space:]]*\)*\([^[:space:]]*\).*/\2/p' "$1" >"$tmp.from"
  sed -n 's/^[[:space:]]*[Ff][Rr][Oo][Mm][[:space:]].*[[:space:]][Aa][Ss][[:space:]][[:space:]]*\([^[:space:]]*\).*/\1/p' "$1" >"$tmp.stages"
  while IFS= read -r image; do
    case "$image" in
      '' | scratch | *'$'*) continue ;;
    esac
    grep -qixF -- "$image" "$tmp.stages" || printf '%s\n' "$image"
  done <"$tmp.from"
}

tmp=$(mktemp 2>/dev/null) || exec "$REAL" "$@"
trap 'rm -f "$tmp" "$tmp.out" "$tmp.err" "$tmp.from" "$tmp.stages"' EXIT

if [ "$kind" = build ]; then
  # docker build [OPTIONS] CONTEXT: the Dockerfile is -f's (relative to here) or CONTEXT/Dockerfile
  file=
  context=
  prev=
  for arg do
    case "$prev" in
      -f | --file) file=$arg ;;
    esac
    case "$arg" in
      --file=*) file=${arg#--file=} ;;
    esac
    prev=$arg
    context=$arg
  done
  case "$context" in
    -* | *://* | git@*) context= ;;
  esac
  if [ -z "$file" ] && [ -n "$context" ]; then
    file=$context/Dockerfile
  fi
  if [ -n "$file" ] && [ "$file" != - ] && [ -f "$file" ]; then
    missing=
    for image in $(from_images "$file"); do
      if ! "$REAL" image inspect "$image" >/dev/null 2>&1; then
        record_missing "$image"
        missing=1
      fi
    done
    if [ -n "$missing" ]; then
      exit 1
    fi
  fi
fi

if [ "$kind" = run ]; then
  echo run >>"$RUNS" 2>/dev/null
fi

# In the background so that a signal to this script (a timeout around it) reaches docker; through
# fd 3 because a background job's stdin is /dev/null. A step that fetches keeps its stdout too,
# for the record; a container run's stdout flows as it comes.
exec 3<&0
if [ "$kind" = run ]; then
  "$REAL" "$@" 0<&3 2>"$tmp.err" 3<&- &
else
  "$REAL" "$@" 0<&3 >"$tmp.out" 2>"$tmp.err" 3<&- &
fi
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
while :; do
  wait "$pid"
  status=$?
  kill -0 "$pid" 2>/dev/null || break
done
if [ -f "$tmp.out" ]; then
  cat "$tmp.out"
fi
cat "$tmp.err" >&2
if [ "$status" -ne 0 ]; then
  image=$(sed -n 's/.*No such image: \([^ ]*\)$/\1/p' "$tmp.err" | sed 's/\.$//' | head -n 1)
  if [ -n "$image" ]; then
    record_missing "$image"
  elif [ "$kind" != run ]; then
    step=$(mktemp "$STEPS/step.XXXXXX" 2>/dev/null) && {
      printf '%s\n' "$status"
      printf '%s\n' "$asked"
      { cat "$tmp.out" 2>/dev/null; cat "$tmp.err"; } | tail -n 80
    } >"$step"
  fi
fi
exit "$status"
