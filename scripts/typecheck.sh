#!/usr/bin/env bash
# Type-checks every project, tests included. Jest transpiles specs without checking types
# (isolatedModules, for speed), and the service builds (esbuild) check no types at all, so this is
# where a wrong type in a spec or a test helper is caught.
set -uo pipefail
cd "$(dirname "$0")/.."
failures=$(ls apps/*/*/tsconfig.app.json apps/*/*/tsconfig.spec.json libs/*/tsconfig.lib.json libs/*/tsconfig.spec.json |
  xargs -P 2 -I{} sh -c 'npx tsc --noEmit -p {} >&2 || echo {}')
if [[ -n "$failures" ]]; then
  echo "typecheck failed:" $failures
  exit 1
fi
echo "typecheck: all projects pass"
