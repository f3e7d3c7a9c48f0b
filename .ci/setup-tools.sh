#!/usr/bin/env bash
# The Node tools the tests use (the GitHub workflow validator), pinned by .ci/tools/package-lock.json.
# Used by .ci/run and by the GitHub workflow's jobs, so both test with the same tools.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null || { echo "setup-tools: npm is missing (install Node.js 20 or later)" >&2; exit 1; }
timeout 300 npm ci --prefix .ci/tools --no-audit --no-fund
