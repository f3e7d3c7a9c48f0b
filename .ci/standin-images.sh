#!/usr/bin/env bash
# Builds local stand-ins for the upstream base images this project names (alpine:3.20,
# eclipse-temurin:17-jre) on a machine whose Docker engine cannot reach a registry.
# Opt-in, with --real-style (or TP_REAL_STYLE=1): also the base images of the real-style fixture
# (src/test/resources/tp0-fixtures/real-style: python:3.9.7-slim, golang:1.17, busybox:latest),
# about 3 minutes for the three the first time (two debootstraps), so the default run does not pay for them.
# For each image: present locally -> nothing to do; a pull succeeds within PULL_TIMEOUT -> done;
# otherwise build a stand-in under the same tag from Debian packages. Stand-ins carry the label
# dev.tpharness.standin=true so they can be told apart from (and never confused with) real images.
# See ../shared/docs/offline-docker.md.
set -euo pipefail

real_style="${TP_REAL_STYLE:-0}"
case "${1:-}" in
  --real-style) real_style=1 ;;
  "") ;;
  *) echo "usage: $0 [--real-style]" >&2; exit 2 ;;
esac

ALPINE_TAG="${TP_ALPINE_IMAGE:-alpine:3.20}"
TEMURIN_TAG="${TP_TEMURIN_IMAGE:-eclipse-temurin:17-jre}"
PYTHON_TAG="${TP_PYTHON_IMAGE:-python:3.9.7-slim}"
GOLANG_TAG="${TP_GOLANG_IMAGE:-golang:1.17}"
BUSYBOX_TAG="${TP_BUSYBOX_IMAGE:-busybox:latest}"
PULL_TIMEOUT="${TP_PULL_TIMEOUT:-15}"
DEBIAN_MIRROR="${TP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { printf '[standin-images] %s\n' "$*" >&2; }
present() { docker image inspect "$1" >/dev/null 2>&1; }
try_pull() {
  log "$1 missing locally; trying to pull it (at most ${PULL_TIMEOUT}s)"
  timeout "$PULL_TIMEOUT" docker pull -q "$1" >/dev/null 2>&1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build_busybox TAG: FROM scratch + Debian's static BusyBox, its applets installed (alpine's and busybox's stand-in).
build_busybox() {
  local bb dir="$work/busybox-${1//[:\/]/-}"
  bb=$(command -v busybox)
  file "$bb" 2>/dev/null | grep -q 'statically linked' || [ -x /bin/busybox ] || { log "static busybox not found (apt-get install busybox-static)"; exit 1; }
  mkdir -p "$dir"
  cp "$bb" "$dir/busybox"
  cat > "$dir/Dockerfile" <<'DF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL dev.tpharness.standin="true"
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["/bin/sh"]
DF
  timeout 120 docker build -q -t "$1" "$dir" >/dev/null
  log "built stand-in $1 (busybox $(busybox | head -n1 | awk '{print $2}'))"
}

# debian_image TAG [PACKAGES]: a debootstrap minbase bookworm root file system (with PACKAGES, comma
# separated, and their dependencies) imported as TAG; kept, so a later run skips it.
debian_image() {
  local tag=$1 include=${2:-} rootfs="$work/rootfs"
  present "$tag" && return 0
  log "debootstrap minbase bookworm${include:+ with $include} for $tag (one to a few minutes)"
  timeout 900 debootstrap --variant=minbase ${include:+"--include=$include"} bookworm "$rootfs" "$DEBIAN_MIRROR" \
    >"$work/debootstrap.log" 2>&1 || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
  tar -C "$rootfs" -c . | timeout 300 docker import -c 'LABEL dev.tpharness.standin=true' - "$tag" >/dev/null
  rm -rf "$rootfs"
}

# build_on TAG DIR: builds the Dockerfile written in DIR as the stand-in TAG.
build_on() {
  timeout 300 docker build -q -t "$1" "$2" >/dev/null
  log "built stand-in $1"
}

build_temurin() {
  local base="tp-harness/debian-minbase:bookworm"
  debian_image "$base"
  local jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
  log "jlink a Java SE runtime from $jdk"
  mkdir -p "$work/temurin"
  timeout 300 "$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --output "$work/temurin/jre"
  cat > "$work/temurin/Dockerfile" <<DF
FROM $base
COPY jre /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL dev.tpharness.standin="true"
DF
  build_on "$TEMURIN_TAG" "$work/temurin"
}

# python:3.9.7-slim: Debian's python3 (3.11 on bookworm), reachable as python and python3 like upstream's.
build_python() {
  local base="tp-harness/debian-python3:bookworm"
  debian_image "$base" python3
  mkdir -p "$work/python"
  cat > "$work/python/Dockerfile" <<DF
FROM $base
RUN ["/bin/sh", "-c", "ln -sf /usr/bin/python3 /usr/local/bin/python3 && ln -sf /usr/bin/python3 /usr/local/bin/python"]
ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
LABEL dev.tpharness.standin="true"
CMD ["python3"]
DF
  build_on "$PYTHON_TAG" "$work/python"
}

# golang:1.17: Debian's golang-go (1.19 on bookworm) with upstream's layout (/usr/local/go, GOPATH=/go,
# WORKDIR /go, ca-certificates). No C compiler, so CGO_ENABLED=0 (upstream has gcc; the course builds with CGO_ENABLED=0
# anyway). Modules with requirements still need the Go module proxy, as upstream does.
build_golang() {
  local base="tp-harness/debian-golang:bookworm"
  debian_image "$base" golang-go,ca-certificates
  mkdir -p "$work/golang"
  cat > "$work/golang/Dockerfile" <<DF
FROM $base
RUN ["/bin/sh", "-c", "ln -sfn \$(readlink -f /usr/lib/go) /usr/local/go && mkdir -p /go/src /go/bin && chmod -R 1777 /go"]
ENV GOPATH=/go PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin CGO_ENABLED=0
WORKDIR /go
LABEL dev.tpharness.standin="true"
DF
  build_on "$GOLANG_TAG" "$work/golang"
}

present "$ALPINE_TAG" || try_pull "$ALPINE_TAG" || build_busybox "$ALPINE_TAG"
present "$TEMURIN_TAG" || try_pull "$TEMURIN_TAG" || build_temurin
ready="$ALPINE_TAG, $TEMURIN_TAG"
if [ "$real_style" = 1 ]; then
  present "$PYTHON_TAG" || try_pull "$PYTHON_TAG" || build_python
  present "$GOLANG_TAG" || try_pull "$GOLANG_TAG" || build_golang
  present "$BUSYBOX_TAG" || try_pull "$BUSYBOX_TAG" || build_busybox "$BUSYBOX_TAG"
  ready="$ready, $PYTHON_TAG, $GOLANG_TAG, $BUSYBOX_TAG"
fi
log "ready: $ready"
