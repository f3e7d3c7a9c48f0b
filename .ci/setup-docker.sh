#!/usr/bin/env bash
# Makes a Docker engine with compose v2 available on a Debian 12 machine that has only the
# docker client (see ../shared/docs/offline-docker.md). Leaves the engine alone when `docker info` already
# answers and `docker compose version` works (as on GitHub's runners), and only installs the host tools the
# tests use (busybox-static, debootstrap, shellcheck, jq) where they are missing. Idempotent; safe to run
# on a developer machine.
set -euo pipefail

log() { printf '[setup-docker] %s\n' "$*" >&2; }
have_engine() { timeout 10 docker info >/dev/null 2>&1; }
have_compose() { timeout 10 docker compose version >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    timeout 300 apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io (Debian bookworm)"
  apt_install docker.io
fi
for tool in busybox:busybox-static debootstrap:debootstrap shellcheck:shellcheck jq:jq; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
    log "installing ${tool#*:}"
    apt_install "${tool#*:}"
  fi
done

if ! have_compose; then
  log "installing compose v2 from Debian sid (pinned low: only this package comes from sid)"
  if [ ! -f /etc/apt/sources.list.d/tp-harness-sid.sources ]; then
    cat > /etc/apt/sources.list.d/tp-harness-sid.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    cat > /etc/apt/preferences.d/tp-harness-sid <<'PIN'
Package: *
Pin: release n=sid
Pin-Priority: 50
PIN
    apt_updated=0
  fi
  apt_install docker-compose/sid
fi

if ! have_engine; then
  # a dockerd killed with its session leaves pid files behind that make the next start refuse
  for pidfile in /var/run/docker.pid /run/docker/containerd/containerd.pid; do
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then
      rm -f "$pidfile"
    fi
  done
  log "starting dockerd (log: /var/log/tp-harness-dockerd.log)"
  nohup dockerd >/var/log/tp-harness-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    have_engine && break
    sleep 0.5
  done
  if ! have_engine; then
    log "dockerd did not answer within 30 s; last lines of its log:"
    tail -n 20 /var/log/tp-harness-dockerd.log >&2 || true
    exit 1
  fi
fi
log "engine $(docker version --format '{{.Server.Version}}') API $(docker version --format '{{.Server.APIVersion}}'), $(docker compose version --short 2>/dev/null || echo 'no compose')"
