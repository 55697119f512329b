#!/usr/bin/env bash
# Type-checks every project, tests included. Jest transpiles specs without checking types
# (isolatedModules, for speed), and the service builds (esbuild) check no types at all, so this is
# where a wrong type in a spec or a test helper is caught.
set -uo pipefail
cd "$(dirname "$0")/.."
# Every Node project in one program (tsconfig.typecheck.json: sources and specs, read once), and
# the two projects whose options differ (the web UI's DOM and bundler, the e2e suite's page code)
# on their own: four programs instead of forty, which each read the libraries again.
failures=$(printf '%s\n' tsconfig.typecheck.json apps/demo/web/tsconfig.app.json apps/demo/web/tsconfig.spec.json apps/test-rig/cluster-e2e/tsconfig.spec.json |
  xargs -P 2 -I{} sh -c 'npx tsc --noEmit -p {} >&2 || echo {}')
if [[ -n "$failures" ]]; then
  echo "typecheck failed:" $failures
  exit 1
fi
echo "typecheck: all projects pass"
