#!/usr/bin/env bash
# `npm test`: everything, from a fresh machine — dependencies, infrastructure, type checks, lint,
# unit and integration tests, the service builds, and the end-to-end suite against the real cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-node.sh
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash scripts/ensure-deps.sh
bash scripts/infra-up.sh
bash scripts/ensure-chromium.sh
rm -rf tmp/test-results test-artifacts
mkdir -p tmp/test-results test-artifacts

status=0
bash scripts/typecheck.sh || status=$?
npx nx run-many -t lint test --exclude=cluster-e2e --skip-nx-cache --output-style=stream || status=$?
npx nx run cluster-e2e:lint --skip-nx-cache --output-style=stream || status=$?
npx nx run cluster-e2e:e2e --skip-nx-cache --output-style=stream || status=$?

echo
node scripts/test-summary.js || status=$?
exit $status
