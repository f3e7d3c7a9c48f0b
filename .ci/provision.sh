#!/usr/bin/env bash
# The machine set-up the tests need, in one place: .ci/run and every job of .github/workflows/ci.yml
# call this, so a CI machine and a GitHub runner are provisioned by the same steps.
#   - a Docker engine with compose v2 and the host tools the tests use (setup-docker.sh, as root;
#     where an engine already answers, as on GitHub's runners, it only installs missing tools)
#   - the base images (standin-images.sh: stand-ins only where an image is missing AND cannot be
#     pulled, so where a registry answers it just pulls them)
#   - the Node tools (setup-tools.sh: the workflow validator)
set -euo pipefail
cd "$(dirname "$0")/.."

# root where it can be had without a password (GitHub's runners: sudo); otherwise as we are, which is
# enough where nothing is missing (setup-docker.sh needs root only to install or start something)
as_root() {
  if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then sudo -n "$@"; else "$@"; fi
}

echo "== provisioning Docker (skipped where an engine with compose v2 already answers)"
as_root bash .ci/setup-docker.sh
echo "== base images (stand-ins only where an image is missing and cannot be pulled)"
bash .ci/standin-images.sh
echo "== Node tools used by the tests (workflow validator)"
bash .ci/setup-tools.sh
