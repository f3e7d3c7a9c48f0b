#!/usr/bin/env bash
# Builds local stand-ins for the upstream base images this project names (alpine:3.20,
# eclipse-temurin:17-jre) on a machine whose Docker engine cannot reach a registry.
# For each image: present locally -> nothing to do; a pull succeeds within PULL_TIMEOUT -> done;
# otherwise build a stand-in under the same tag from Debian packages. Stand-ins carry the label
# dev.tpharness.standin=true so they can be told apart from (and never confused with) real images.
# See ../shared/docs/offline-docker.md.
set -euo pipefail

ALPINE_TAG="${TP_ALPINE_IMAGE:-alpine:3.20}"
TEMURIN_TAG="${TP_TEMURIN_IMAGE:-eclipse-temurin:17-jre}"
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

build_alpine() {
  local bb
  bb=$(command -v busybox)
  file "$bb" 2>/dev/null | grep -q 'statically linked' || [ -x /bin/busybox ] || { log "static busybox not found (apt-get install busybox-static)"; exit 1; }
  mkdir -p "$work/alpine"
  cp "$bb" "$work/alpine/busybox"
  cat > "$work/alpine/Dockerfile" <<'DF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL dev.tpharness.standin="true"
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["/bin/sh"]
DF
  timeout 120 docker build -q -t "$ALPINE_TAG" "$work/alpine" >/dev/null
  log "built stand-in $ALPINE_TAG (busybox $(busybox | head -n1 | awk '{print $2}'))"
}

build_temurin() {
  local rootfs="$work/rootfs" base="tp-harness/debian-minbase:bookworm"
  if ! present "$base"; then
    log "debootstrap minbase bookworm (about a minute)"
    timeout 600 debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 \
      || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
    tar -C "$rootfs" -c . | timeout 300 docker import -c 'LABEL dev.tpharness.standin=true' - "$base" >/dev/null
    rm -rf "$rootfs"
  fi
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
  timeout 300 docker build -q -t "$TEMURIN_TAG" "$work/temurin" >/dev/null
  log "built stand-in $TEMURIN_TAG"
}

present "$ALPINE_TAG" || try_pull "$ALPINE_TAG" || build_alpine
present "$TEMURIN_TAG" || try_pull "$TEMURIN_TAG" || build_temurin
log "ready: $ALPINE_TAG, $TEMURIN_TAG"
